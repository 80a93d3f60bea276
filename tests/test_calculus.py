import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathviz.calculus import (
    CalculusError,
    FlatFunctionError,
    critical_points,
    difference_quotient,
    judge_critical_points,
    local_shape,
    quotient_errors,
    second_derivative_test,
    second_difference,
)


def fitted_slope(xs: np.ndarray, ys: np.ndarray) -> float:
    return float(np.polyfit(np.log10(xs), np.log10(ys), 1)[0])


# ---------------------------------------------------------------- difference quotients


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ("forward", (np.exp(1.1) - np.exp(1.0)) / 0.1),
        ("backward", (np.exp(1.0) - np.exp(0.9)) / 0.1),
        ("central", (np.exp(1.1) - np.exp(0.9)) / 0.2),
    ],
)
def test_difference_quotient_matches_its_formula(scheme, expected):
    assert float(difference_quotient(np.exp, 1.0, 0.1, scheme=scheme)) == pytest.approx(expected)


def test_difference_quotient_broadcasts_over_x_and_h():
    xs = np.array([0.0, 1.0, 2.0])[:, None]
    hs = np.array([1e-2, 1e-3])[None, :]
    result = difference_quotient(np.sin, xs, hs, scheme="central")
    assert result.shape == (3, 2)
    np.testing.assert_allclose(result, np.cos(xs) * np.ones_like(hs), rtol=2e-5)


def test_forward_difference_error_falls_with_slope_one():
    hs = np.logspace(-5, -2, 13)
    errors = quotient_errors(np.sin, np.cos, 1.0, hs, scheme="forward")
    assert fitted_slope(hs, errors) == pytest.approx(1.0, abs=0.1)


def test_central_difference_error_shrinks_with_h_squared():
    hs = np.logspace(-3, -1, 13)
    errors = quotient_errors(np.sin, np.cos, 1.0, hs, scheme="central")
    assert fitted_slope(hs, errors) == pytest.approx(2.0, abs=0.1)


@pytest.mark.parametrize("scheme", ["forward", "central"])
def test_quotient_error_rises_again_for_tiny_h(scheme):
    hs = np.logspace(-12, 0, 49)
    errors = quotient_errors(np.exp, np.exp, 1.0, hs, scheme=scheme)
    best = int(np.argmin(errors))
    assert 0 < best < len(hs) - 1
    # Round-off: at h = 1e-12 the error is far larger than at the sweet spot.
    assert errors[0] > 100 * errors[best]
    tiny = hs < hs[best] / 100
    assert fitted_slope(hs[tiny], errors[tiny]) < -0.5


def test_central_sweet_spot_is_far_more_accurate_than_forward():
    hs = np.logspace(-12, 0, 49)
    forward = quotient_errors(np.sin, np.cos, 1.0, hs, scheme="forward").min()
    central = quotient_errors(np.sin, np.cos, 1.0, hs, scheme="central").min()
    assert central < forward / 100


def test_difference_quotient_rejects_zero_step_and_unknown_scheme():
    with pytest.raises(CalculusError, match="h must be non-zero"):
        difference_quotient(np.sin, 1.0, np.array([0.1, 0.0]))
    with pytest.raises(CalculusError, match="scheme must be one of forward, backward, central"):
        difference_quotient(np.sin, 1.0, 0.1, scheme="sideways")


def test_second_difference_estimates_second_derivative():
    xs = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(second_difference(np.sin, xs, 1e-4), -np.sin(xs), atol=1e-6)
    with pytest.raises(CalculusError, match="h must be non-zero"):
        second_difference(np.sin, 1.0, 0.0)


def test_second_difference_error_shrinks_with_h_squared():
    hs = np.logspace(-2.5, -1, 8)
    errors = np.abs(second_difference(np.exp, 0.5, hs) - np.exp(0.5))
    assert fitted_slope(hs, errors) == pytest.approx(2.0, abs=0.15)


# ---------------------------------------------------------------- critical points


def test_critical_points_of_sin_are_odd_multiples_of_half_pi():
    found = critical_points(np.sin, -10, 10, df=np.cos)
    np.testing.assert_allclose(found, np.pi / 2 * np.array([-5, -3, -1, 1, 3, 5]), atol=1e-10)


def test_critical_points_with_numeric_derivative_match_exact():
    found = critical_points(np.sin, -10, 10)
    np.testing.assert_allclose(found, np.pi / 2 * np.array([-5, -3, -1, 1, 3, 5]), atol=1e-8)


@pytest.mark.parametrize(
    ("f", "df", "expected"),
    [
        (np.square, lambda x: 2 * x, [0.0]),
        (lambda x: x**3, lambda x: 3 * x**2, [0.0]),  # touches zero, no sign change
        (lambda x: x**4, lambda x: 4 * x**3, [0.0]),
        (lambda x: x**3 - 3 * x, lambda x: 3 * x**2 - 3, [-1.0, 1.0]),
        (lambda x: x**4 - 2 * x**2, lambda x: 4 * x**3 - 4 * x, [-1.0, 0.0, 1.0]),
    ],
)
@pytest.mark.parametrize("exact", [True, False])
def test_critical_points_of_polynomials(f, df, expected, exact):
    found = critical_points(f, -2.5, 2.5, df=df if exact else None)
    np.testing.assert_allclose(found, expected, atol=1e-6)


def test_critical_point_at_an_end_of_the_interval_counts():
    np.testing.assert_allclose(critical_points(np.cos, 0.0, 1.0, df=lambda x: -np.sin(x)), [0.0])


def test_no_critical_points_for_a_monotone_function():
    assert critical_points(np.exp, -3, 3).size == 0


def test_corner_and_pole_are_not_critical_points():
    def dabs(x):
        return np.where(x == 0, np.nan, np.sign(x))

    assert critical_points(np.abs, -2, 2, df=dabs).size == 0
    assert critical_points(lambda x: 1 / x, -2, 2).size == 0


def test_flat_function_gets_a_clear_message():
    with pytest.raises(FlatFunctionError, match="f' is zero on a whole stretch"):
        critical_points(lambda x: np.maximum(x, 0.0), -2, 2)


@pytest.mark.parametrize(("a", "b"), [(1.0, 1.0), (2.0, -2.0), (0.0, math.inf)])
def test_critical_points_rejects_bad_interval(a, b):
    with pytest.raises(CalculusError, match="a"):
        critical_points(np.sin, a, b)


@pytest.mark.parametrize(
    ("f", "x0", "expected"),
    [
        (np.square, 0.0, "minimum"),
        (np.sin, np.pi / 2, "maximum"),
        (np.sin, -np.pi / 2, "minimum"),
        (lambda x: x**3, 0.0, "inconclusive"),
        (lambda x: x**4, 0.0, "inconclusive"),
        (lambda x: x**3 - 3 * x, -1.0, "maximum"),
        (lambda x: x**3 - 3 * x, 1.0, "minimum"),
    ],
)
def test_second_derivative_test(f, x0, expected):
    assert second_derivative_test(f, x0) == expected


def test_second_derivative_test_uses_exact_second_derivative_when_given():
    assert second_derivative_test(np.sin, 0.0, d2f=lambda x: -np.sin(x)) == "inconclusive"
    assert second_derivative_test(np.cos, 0.0, d2f=lambda x: -np.cos(x)) == "maximum"


@pytest.mark.parametrize(
    ("f", "expected"),
    [(lambda x: x**4, "minimum"), (lambda x: -(x**4), "maximum"), (lambda x: x**3, "neither")],
)
def test_local_shape_sees_what_the_test_cannot(f, expected):
    assert local_shape(f, 0.0) == expected


@pytest.mark.parametrize("reach", [0.0, -1.0, math.inf, math.nan])
def test_local_shape_rejects_a_reach_that_is_not_positive(reach):
    with pytest.raises(CalculusError, match="reach must be a positive number"):
        local_shape(np.sin, 0.0, reach=reach)


# ---------------------------------------------------------------- zero, judged by scale

FLAT_POINT = np.polynomial.Polynomial.fromroots([-2, -2, -2, -2, 2]) * -2  # p′, order 4 at −2


def test_a_double_zero_of_f_prime_leaves_the_test_silent():
    # f″(2) = 0 for 20(x − 2)³(x + 1); a second difference with a fixed step saw 1.6e-6.
    assert second_derivative_test(lambda x: 20 * (x - 2) ** 3 * (x + 1), 2.0) == "inconclusive"


def test_a_fourth_order_flat_point_is_neither_a_minimum_nor_a_maximum():
    p = FLAT_POINT.integ(k=[100.0])  # expanded, so rounding in p hides a step of 1e-3
    assert local_shape(p, -2.0) == "neither"
    assert second_derivative_test(p, -2.0, df=FLAT_POINT, d2f=FLAT_POINT.deriv()) == (
        "inconclusive"
    )


def test_local_shape_says_so_when_rounding_hides_the_answer():
    assert local_shape(lambda x: np.full_like(x, 3.0), 1.0) == "undetermined"
    assert local_shape(np.sqrt, 0.0) == "undetermined"  # undefined to the left


def test_judge_critical_points_keeps_each_step_short_of_the_next_point():
    # Minima 0.02 apart with a maximum between: a 0.05 step would jump over the maximum.
    f = np.polynomial.Polynomial.fromroots([-0.01, -0.01, 0.01, 0.01])
    tests, shapes = judge_critical_points(f, [-0.01, 0.0, 0.01], df=f.deriv(), d2f=f.deriv(2))
    assert shapes == ["minimum", "maximum", "minimum"]
    assert tests == ["minimum", "maximum", "minimum"]


@st.composite
def polynomials_with_repeated_critical_points(draw):
    """f with f′ = c·Π(x − rᵢ)^mᵢ, expanded into coefficients, and what each rᵢ truly is."""
    count = draw(st.integers(1, 4))
    eighths = draw(st.lists(st.integers(-24, 24), min_size=count, max_size=count, unique=True))
    roots = sorted(r / 8 for r in eighths)
    orders = draw(st.lists(st.integers(1, 5), min_size=count, max_size=count))
    scale = 10 ** draw(st.floats(-6, 6)) * draw(st.sampled_from([-1, 1]))
    df = scale * np.polynomial.Polynomial.fromroots(np.repeat(roots, orders))
    f = df.integ(k=[draw(st.floats(-100, 100))])
    truths, verdicts, widths = [], [], []
    for i, (r, m) in enumerate(zip(roots, orders, strict=True)):
        others = [
            (r - s) ** k for j, (s, k) in enumerate(zip(roots, orders, strict=True)) if j != i
        ]
        right = np.sign(scale) * np.sign(math.prod(others))  # the sign of f′ just right of r
        left = right * (-1) ** m
        truths.append("neither" if left == right else "minimum" if right > 0 else "maximum")
        verdicts.append("inconclusive" if m > 1 else "minimum" if right > 0 else "maximum")
        # Rounding in the expanded f′ is about ε·Σ|aₖ||r|ᵏ; within (noise / c)^(1/m) of r,
        # f′ = c(x − r)^m is lost in it, and no method can place the root more closely.
        noise = 32 * np.finfo(float).eps * np.polynomial.Polynomial(np.abs(df.coef))(abs(r))
        widths.append((noise / abs(scale * math.prod(others))) ** (1 / m))
    # Roots closer than their noise allows cannot be told apart by any method: skip those.
    spaced = all(b - a >= 0.5 for a, b in itertools.pairwise(roots)) and max(widths) < 0.05
    return spaced, f, df, roots, truths, verdicts, widths


@settings(max_examples=150, deadline=None)
@given(polynomials_with_repeated_critical_points())
def test_verdicts_at_repeated_roots_of_f_prime_at_any_scale(case):
    spaced, f, df, roots, truths, verdicts, _ = case
    if not spaced:
        return
    tests, shapes = judge_critical_points(f, roots, df=df, d2f=df.deriv(), bounds=(-4, 4))
    assert shapes == truths
    assert tests == verdicts
    numeric_tests, numeric_shapes = judge_critical_points(f, roots, bounds=(-4, 4))
    assert numeric_shapes == truths
    assert numeric_tests == verdicts


@settings(max_examples=150, deadline=None)
@given(polynomials_with_repeated_critical_points())
def test_the_search_finds_each_repeated_root_once_and_judges_it(case):
    spaced, f, df, roots, truths, verdicts, widths = case
    if not spaced:
        return
    found = critical_points(f, -4.0, 4.0, df=df)
    assert found.size == len(roots)
    assert np.all(np.abs(found - roots) <= 2 * np.array(widths) + 4e-3)
    tests, shapes = judge_critical_points(f, found, df=df, d2f=df.deriv(), bounds=(-4, 4))
    assert shapes == truths
    assert tests == verdicts
