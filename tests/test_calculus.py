import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from mathviz import calculus
from mathviz.calculus import (
    CalculusError,
    FlatFunctionError,
    accumulation,
    critical_points,
    definite_integral,
    difference_quotient,
    local_shape,
    quotient_errors,
    riemann_pieces,
    riemann_sum,
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


def test_local_shape_rejects_nonpositive_delta():
    with pytest.raises(CalculusError, match="delta must be positive"):
        local_shape(np.sin, 0.0, delta=0.0)


# ---------------------------------------------------------------- integrals


@pytest.mark.parametrize(
    ("f", "a", "b"),
    [
        (np.sin, 0.0, 2.0),
        (np.exp, -1.0, 1.5),
        (lambda x: x**3 - x, -2.0, 1.0),
        (lambda x: np.exp(-(x**2)), -3.0, 3.0),
    ],
)
@pytest.mark.parametrize("rule", calculus.RULES)
def test_riemann_sums_converge_to_quad(f, a, b, rule):
    exact, _ = integrate.quad(f, a, b)
    assert riemann_sum(f, a, b, 20_000, rule=rule) == pytest.approx(exact, abs=1e-3)


@pytest.mark.parametrize(
    ("rule", "order"), [("left", 1), ("right", 1), ("midpoint", 2), ("trapezoid", 2)]
)
def test_riemann_sum_convergence_orders(rule, order):
    exact, _ = integrate.quad(np.exp, 0.0, 2.0)
    ns = np.array([10, 20, 40, 80, 160, 320])
    errors = np.array([abs(riemann_sum(np.exp, 0.0, 2.0, int(n), rule=rule) - exact) for n in ns])
    assert fitted_slope(ns, errors) == pytest.approx(-order, abs=0.05)


def test_left_sum_of_increasing_function_undershoots_and_right_overshoots():
    exact = np.exp(2.0) - 1.0
    assert riemann_sum(np.exp, 0.0, 2.0, 6, rule="left") < exact
    assert riemann_sum(np.exp, 0.0, 2.0, 6, rule="right") > exact


def test_sine_over_a_full_period_has_zero_signed_area():
    for rule in calculus.RULES:
        assert riemann_sum(np.sin, -np.pi, np.pi, 8, rule=rule) == pytest.approx(0.0, abs=1e-12)
    assert definite_integral(np.sin, -np.pi, np.pi) == pytest.approx(0.0, abs=1e-12)


def test_riemann_sum_with_one_piece_is_one_rectangle():
    assert riemann_sum(np.square, 0.0, 2.0, 1, rule="right") == pytest.approx(8.0)
    assert riemann_sum(np.square, 0.0, 2.0, 1, rule="midpoint") == pytest.approx(2.0)
    assert riemann_sum(np.square, 0.0, 2.0, 1, rule="trapezoid") == pytest.approx(4.0)


@settings(max_examples=60, deadline=None)
@given(st.floats(-5, 5), st.floats(0.1, 5), st.integers(1, 300), st.sampled_from(calculus.RULES))
def test_riemann_pieces_add_up_to_the_sum(a, width, n, rule):
    b = a + width
    left, right, y0, y1 = riemann_pieces(np.sin, a, b, n, rule=rule)
    assert left.shape == (n,)
    np.testing.assert_allclose(right - left, width / n)
    assert ((right - left) * (y0 + y1) / 2).sum() == pytest.approx(
        riemann_sum(np.sin, a, b, n, rule=rule), abs=1e-12
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"a": 1.0, "b": 1.0}, "a must be less than b"),
        ({"a": 2.0, "b": 1.0}, "a must be less than b"),
        ({"n": 0}, "n must be between 1 and 100,000"),
        ({"n": 100_001}, "n must be between 1 and 100,000"),
        ({"n": 2.5}, "n must be a whole number"),
        ({"rule": "upper"}, "rule must be one of left, right, midpoint, trapezoid"),
        ({"a": math.nan}, "a and b must be finite"),
    ],
)
def test_riemann_sum_rejects_bad_input(kwargs, message):
    args = {"a": 0.0, "b": 1.0, "n": 4, "rule": "left"} | kwargs
    with pytest.raises(CalculusError, match=message):
        riemann_sum(np.sin, args["a"], args["b"], args["n"], rule=args["rule"])


def test_definite_integral_is_nan_across_a_pole():
    assert math.isnan(definite_integral(lambda x: 1 / x, -1.0, 1.0))
    assert math.isnan(definite_integral(np.log, -1.0, 1.0))


def test_accumulation_matches_antiderivative_and_its_slope_is_f():
    xs, Fs = accumulation(np.cos, -1.0, 2.0)
    np.testing.assert_allclose(Fs, np.sin(xs) - np.sin(-1.0), atol=1e-8)
    np.testing.assert_allclose(np.gradient(Fs, xs)[1:-1], np.cos(xs)[1:-1], atol=1e-4)
    assert Fs[0] == 0.0


def test_accumulation_rejects_too_few_points():
    with pytest.raises(CalculusError, match="n must be at least 3"):
        accumulation(np.cos, 0.0, 1.0, n=2)


# ---------------------------------------------------------------- cases found in review


@pytest.mark.parametrize(
    "f",
    [lambda x: x**6, lambda x: x**8, lambda x: 1e-7 * x**2, lambda x: x**100],
)
def test_very_flat_minimum_is_still_found(f):
    np.testing.assert_allclose(critical_points(f, -2.5, 2.5), [0.0], atol=1e-6)


def test_tiny_function_keeps_its_critical_points():
    found = critical_points(lambda x: 1e-6 * np.sin(x), -2.5, 2.5, df=lambda x: 1e-6 * np.cos(x))
    np.testing.assert_allclose(found, [-np.pi / 2, np.pi / 2], atol=1e-9)


@pytest.mark.parametrize(
    ("f", "a", "b", "expected"),
    [
        (np.log, 0.0, 3.0, 3 * np.log(3) - 3),
        (lambda x: np.log(np.abs(x)), -1.0, 1.0, -2.0),
        (lambda x: 1 / np.sqrt(np.abs(x)), -1.0, 1.0, 4.0),
    ],
)
def test_integrable_singularities_have_finite_integrals(f, a, b, expected):
    assert definite_integral(f, a, b) == pytest.approx(expected, rel=1e-8)


@pytest.mark.parametrize(
    ("f", "a", "b"),
    [(lambda x: 1 / x, -1.0, 1.0), (lambda x: 1 / x**2, -1.0, 1.0), (lambda x: 1 / x, -1.0, 1.3)],
)
def test_divergent_integrals_are_nan_even_when_halves_would_cancel(f, a, b):
    assert math.isnan(definite_integral(f, a, b))


def test_accumulation_copes_with_a_singular_end():
    _, areas = accumulation(np.log, 0.0, 3.0, n=401)
    assert np.all(np.isfinite(areas))
    assert areas[-1] == pytest.approx(3 * np.log(3) - 3, abs=5e-3)


# ---------------------------------------------------------------- the page's "Try this" claims


def test_forward_error_falls_four_decades_from_h_1_to_1e_4():
    errors = quotient_errors(np.sin, np.cos, 1.0, np.array([1.0, 1e-4]))
    assert errors[0] == pytest.approx(0.47, abs=0.01)
    assert errors[1] == pytest.approx(4.2e-5, rel=0.02)


def test_central_best_is_thousands_of_times_better_than_forward_best():
    hs = 10.0 ** (np.arange(-48, 1) / 4)
    forward = quotient_errors(np.sin, np.cos, 1.0, hs, scheme="forward")
    central = quotient_errors(np.sin, np.cos, 1.0, hs, scheme="central")
    assert central.min() < 1e-12
    assert hs[np.argmin(central)] == pytest.approx(5.6e-6, rel=0.01)
    assert forward.min() == pytest.approx(2.5e-9, rel=0.05)
    assert forward.min() / central.min() > 1000


def test_round_off_at_tiny_h_is_worse_than_at_1e_4():
    errors = quotient_errors(np.exp, np.exp, 1.0, np.array([1e-12, 1e-4]))
    assert errors[0] == pytest.approx(4e-4, rel=0.1)
    assert errors[0] / errors[1] == pytest.approx(3, rel=0.1)


def test_midpoint_at_sixty_pieces_beats_left_by_hundreds():
    exact = np.exp(2.0) - 1
    left = abs(riemann_sum(np.exp, 0.0, 2.0, 60, rule="left") - exact)
    mid = abs(riemann_sum(np.exp, 0.0, 2.0, 60, rule="midpoint") - exact)
    assert left == pytest.approx(0.11, abs=0.005)
    assert mid == pytest.approx(3e-4, rel=0.02)
    assert left / mid > 300
    for rule in ("left", "right"):
        six = abs(riemann_sum(np.exp, 0.0, 2.0, 6, rule=rule) - exact)
        sixty = abs(riemann_sum(np.exp, 0.0, 2.0, 60, rule=rule) - exact)
        assert 9 < six / sixty < 11
