import itertools
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
    judge_critical_points,
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
    # Roots closer than their noise allows cannot be told apart by any method, and a rise
    # of f between them lost in f's own rounding cannot be seen: skip those.
    spaced = all(b - a >= 0.5 for a, b in itertools.pairwise(roots)) and max(widths) < 0.05
    fences = [-4.0, *((a + b) / 2 for a, b in itertools.pairwise(roots)), 4.0]
    rises = [
        abs(f(fence) - f(r))
        for r, fences_ in zip(roots, itertools.pairwise(fences), strict=True)
        for fence in fences_
    ]
    size = max(abs(f(np.linspace(-4, 4, 81))))
    spaced = spaced and min(rises) > 1e-9 * size
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


# ---------------------------------------------------------------- lines, slopes, error tables


@pytest.mark.parametrize(("scheme", "left"), [("forward", 1.0), ("central", 0.5)])
def test_secant_ends_and_slope_are_the_quotients(scheme, left):
    ends_left, ends_right, slope = calculus.secant(np.exp, 1.0, 0.5, scheme=scheme)
    assert (ends_left, ends_right) == (left, 1.5)
    assert slope == pytest.approx((np.exp(1.5) - np.exp(left)) / (1.5 - left), rel=1e-14)


def test_line_through_is_a_line_and_nan_without_a_slope():
    np.testing.assert_allclose(calculus.line_through(1.0, 2.0, -3.0, [0.0, 1.0, 3.0]), [5, 2, -4])
    assert np.isnan(calculus.line_through(0.0, 1.0, np.inf, [0.0, 1.0])).all()
    assert np.isnan(calculus.line_through(0.0, np.nan, 1.0, [0.0])).all()


def test_the_slope_of_the_accumulation_traces_f():
    xs, areas = accumulation(np.sin, 0.0, 3.0)
    slope = calculus.slope_of_samples(xs, areas)
    np.testing.assert_allclose(slope[1:-1], np.sin(xs[1:-1]), atol=1e-4)


def test_riemann_errors_fall_like_one_over_n_and_one_over_n_squared():
    ns = [10, 100, 1000]
    errors = calculus.riemann_errors(np.exp, 0.0, 1.0, ns, exact=math.e - 1)
    assert set(errors) == set(calculus.RULES)
    for rule, order in (("left", 1), ("right", 1), ("midpoint", 2), ("trapezoid", 2)):
        ratios = errors[rule][:-1] / errors[rule][1:]
        np.testing.assert_allclose(ratios, 10.0**order, rtol=0.05)
    straight = calculus.riemann_errors(lambda x: 2 * x, 0.0, 1.0, [4], exact=1.0)
    assert np.isnan(straight["midpoint"]).all()  # exact: no place on a log axis


def test_too_close_to_resolve_compares_neighbours_with_the_grid():
    assert not calculus.too_close_to_resolve([], -1, 1)
    assert not calculus.too_close_to_resolve([0.5], -1, 1)
    spacing = 2 / 4000
    assert calculus.too_close_to_resolve([0.0, 3 * spacing], -1, 1)
    assert not calculus.too_close_to_resolve([0.0, 5 * spacing], -1, 1)
    # sin(30x) on [−10, 10]: 190 critical points, yet π/30 apart: the grid resolves them.
    found = critical_points(lambda x: np.sin(30 * x), -10, 10)
    assert found.size == 190
    assert not calculus.too_close_to_resolve(found, -10, 10)


# ---------------------------------------------------------------- breaks between two points


def test_a_secant_across_the_pole_of_tan_is_caught_at_half_pi():
    spot = calculus.break_between(np.tan, 1.55, 1.65)
    assert spot.kind == "pole"
    assert spot.at == pytest.approx(math.pi / 2, abs=1e-12)
    assert calculus.break_between(np.tan, 1.65, 1.55) == spot  # either order
    assert calculus.break_between(np.tan, 1.4, 1.55) is None  # short of the pole


@pytest.mark.parametrize(
    ("f", "x0", "x1", "kind", "at"),
    [
        (lambda x: 1 / x**2, -0.013, 0.02, "pole", 0.0),  # no sign change
        (lambda x: np.log(np.abs(x)), -0.3, 0.2, "pole", 0.0),  # grows slowly
        (lambda x: 1 / x, -0.05, 0.1, "pole", 0.0),
        (np.sign, -0.5, 0.3, "jump", 0.0),
        (np.log, -0.1, 0.5, "undefined", -0.1),
    ],
)
def test_poles_jumps_and_gaps_between_two_points(f, x0, x1, kind, at):
    spot = calculus.break_between(f, x0, x1)
    assert spot is not None
    assert spot.kind == kind
    assert spot.at == pytest.approx(at, abs=1e-9)


@pytest.mark.parametrize(
    ("f", "x0", "x1"),
    [
        (np.sin, 0.0, 10.0),  # zeros and peaks, all continuous
        (np.abs, -1.0, 1.0),  # a corner is continuous
        (lambda x: np.tanh(50 * x), -1.0, 1.0),  # steep, but no jump
        (lambda x: np.exp(-(x**2) / 1e-6), -1.0, 1.3),  # a narrow bump
        (np.exp, 0.0, 10.0),
    ],
)
def test_continuous_stretches_have_no_break(f, x0, x1):
    assert calculus.break_between(f, x0, x1) is None


def test_break_between_rejects_bad_input():
    with pytest.raises(CalculusError, match="samples"):
        calculus.break_between(np.sin, 0.0, 1.0, samples=2)
    with pytest.raises(CalculusError, match="finite"):
        calculus.break_between(np.sin, 0.0, np.inf)
    assert calculus.break_between(np.tan, 1.0, 1.0) is None


# ---------------------------------------------------------------- one-sided slopes


@pytest.mark.parametrize(
    ("f", "x0", "left", "right"),
    [
        (np.abs, 0.0, -1.0, 1.0),
        (lambda x: np.maximum(x, 0.0), 0.0, 0.0, 1.0),
        (lambda x: np.abs(x - 1.0) + 2 * x, 1.0, 1.0, 3.0),
        (np.sin, 1.0, math.cos(1.0), math.cos(1.0)),
        (np.exp, 2.0, math.exp(2.0), math.exp(2.0)),
    ],
)
def test_one_sided_slopes_match_the_closed_form(f, x0, left, right):
    slopes = calculus.one_sided_slopes(f, x0)
    assert slopes == pytest.approx((left, right), rel=1e-8, abs=1e-9)


def test_one_sided_slopes_reject_a_step_that_is_not_positive():
    with pytest.raises(CalculusError, match="h must be"):
        calculus.one_sided_slopes(np.sin, 0.0, h=0.0)


@pytest.mark.parametrize(
    ("f", "x0", "expected"),
    [
        (lambda x: np.abs(x**2), 0.0, 0.0),  # |·| has a corner at 0, |x²| does not
        (np.sin, 1.0, math.cos(1.0)),
        (np.exp, 1.0, math.e),
        (np.abs, 0.0, math.nan),  # a corner
        (np.cbrt, 0.0, math.nan),  # a vertical tangent: the slopes grow without bound
        (np.sqrt, 0.0, math.nan),  # no values to the left
    ],
)
def test_derivative_from_sides(f, x0, expected):
    slope = calculus.derivative_from_sides(f, x0)
    if math.isnan(expected):
        assert math.isnan(slope)
    else:
        assert slope == pytest.approx(expected, rel=1e-7, abs=1e-9)


# ---------------------------------------------------------------- corners


@pytest.mark.parametrize(
    ("f", "a", "b", "expected"),
    [
        (np.abs, -2.0, 3.0, [0.0]),
        (lambda x: np.abs(x - 1), -2.5, 2.5, [1.0]),
        (lambda x: np.maximum(x, 0.0), -2.5, 2.5, [0.0]),
        (lambda x: np.abs(x**2 - 1), -2.0, 2.0, [-1.0, 1.0]),
        (lambda x: np.abs(np.sin(x)), -10.0, 10.0, [k * math.pi for k in range(-3, 4)]),
        (lambda x: np.sqrt(np.abs(x)), -2.0, 2.0, [0.0]),  # a cusp: f′ → ±∞
    ],
)
@pytest.mark.parametrize("exact", [True, False])
def test_corners_are_found_where_f_prime_jumps(f, a, b, expected, exact):
    df = None
    if exact:  # f′ from a fine difference quotient stands in for the exact one, nan at 0

        def df(x):
            return difference_quotient(f, x, 1e-9 * np.maximum(1, np.abs(x)), scheme="central")

    found = calculus.corners(f, a, b, df=df if not exact else None)
    np.testing.assert_allclose(found, expected, atol=1e-6)


@pytest.mark.parametrize(
    ("f", "a", "b"),
    [
        (np.sin, -10.0, 10.0),
        (lambda x: x**3 - 3 * x, -2.5, 2.5),
        (np.tan, -3.0, 3.0),  # poles of f are not corners
        (lambda x: 1 / x, -3.0, 3.0),
        (np.sign, -1.0, 1.0),  # a jump of f is not a corner
        (lambda x: np.tanh(1e4 * x), -1.0, 1.0),  # steep but smooth
        (lambda x: x * np.abs(x), -1.0, 1.0),  # f′ = 2|x| has a corner, f does not
        (lambda x: np.sin(1 / x), -1.0, 1.0),  # oscillates faster than the grid near 0
    ],
)
def test_smooth_functions_poles_and_jumps_have_no_corners(f, a, b):
    assert calculus.corners(f, a, b).size == 0


def test_corners_with_an_exact_derivative_that_has_no_value_at_the_kink():
    from mathviz.catalog import FUNCTIONS

    absolute = FUNCTIONS["abs"]
    assert calculus.corners(absolute, -2.5, 2.5, df=absolute.df).tolist() == [0.0]


@given(st.floats(-4.0, 4.0), st.floats(0.1, 5.0))
@settings(max_examples=40, deadline=None)
def test_a_kink_anywhere_is_found_and_judged(c, slope):
    """|x − c| scaled and tilted: one corner at c, a minimum unless the tilt wins."""

    def f(x):
        return slope * np.abs(x - c) + 0.5 * slope * x

    found = calculus.corners(f, -5.0, 5.0)
    np.testing.assert_allclose(found, [c], atol=1e-6)
    assert calculus.judge_corners(f, found) == ["minimum"]


@pytest.mark.parametrize(
    ("f", "shape"),
    [
        (np.abs, "minimum"),
        (lambda x: -np.abs(x), "maximum"),
        (lambda x: np.maximum(x, 0.0), "minimum"),  # flat, then rising
        (lambda x: -np.maximum(x, 0.0), "maximum"),
        (lambda x: np.abs(x) + 2 * x, "neither"),  # climbs on both sides
        (lambda x: np.sqrt(np.abs(x)), "minimum"),
    ],
)
def test_judge_corners_reads_the_slopes_on_either_side(f, shape):
    assert calculus.judge_corners(f, [0.0]) == [shape]


# ---------------------------------------------------------------- crowding


def test_crowded_stretch_spans_the_points_too_close_for_the_grid():
    spacing = 2 / 4000
    points = [-0.9, 0.0, 2 * spacing, 4 * spacing, 0.9]
    assert calculus.crowded_stretch(points, -1, 1) == (0.0, 4 * spacing)
    assert calculus.crowded_stretch([-0.9, 0.9], -1, 1) is None
    assert calculus.crowded_stretch([], -1, 1) is None


def test_sin_of_one_over_x_crowds_around_zero():
    found = critical_points(lambda x: np.sin(1 / x), -1, 1)
    lo, hi = calculus.crowded_stretch(found, -1, 1)
    assert -0.1 < lo < 0 < hi < 0.1
    assert calculus.too_close_to_resolve(found, -1, 1)


# ---------------------------------------------------------------- the nudge


@pytest.mark.parametrize("dx", [0.1, -0.01, 1e-4])
def test_nudge_through_sin_of_x_squared(dx):
    x = 1.5
    step = calculus.nudge(np.sin, np.square, x, dx, df=np.cos, dg=lambda t: 2 * t)
    assert (step.u, step.y) == pytest.approx((x**2, math.sin(x**2)))
    assert step.du == pytest.approx(2 * x * dx, rel=1e-12)
    assert step.dy == pytest.approx(math.cos(x**2) * 2 * x * dx, rel=1e-12)
    assert step.du_true == pytest.approx((x + dx) ** 2 - x**2, rel=1e-9)
    assert step.dy_true == pytest.approx(math.sin((x + dx) ** 2) - math.sin(x**2), rel=1e-9)


def test_the_nudge_prediction_closes_in_like_dx_squared():
    misses = []
    for dx in (1e-1, 1e-2, 1e-3):
        step = calculus.nudge(np.sin, np.square, 1.5, dx)  # numeric derivatives
        misses.append(abs(step.dy_true - step.dy))
    assert fitted_slope(np.array([1e-1, 1e-2, 1e-3]), np.array(misses)) == pytest.approx(2, abs=0.1)


def test_nudge_rejects_a_zero_step():
    with pytest.raises(CalculusError, match="dx"):
        calculus.nudge(np.sin, np.square, 1.0, 0.0)


def test_nudge_through_a_corner_has_no_prediction_but_a_true_step():
    from mathviz.catalog import FUNCTIONS

    absolute, square = FUNCTIONS["abs"], FUNCTIONS["square"]
    step = calculus.nudge(absolute, square, 0.0, 0.1, df=absolute.df, dg=square.df)
    assert math.isnan(step.dy)
    assert step.dy_true == pytest.approx(0.01)


def test_sample_points_of_each_rule():
    assert calculus.sample_points(0, 1, 4, rule="left").tolist() == [0, 0.25, 0.5, 0.75]
    assert calculus.sample_points(0, 1, 4, rule="right").tolist() == [0.25, 0.5, 0.75, 1]
    assert calculus.sample_points(0, 1, 2, rule="midpoint").tolist() == [0.25, 0.75]
    assert calculus.sample_points(0, 1, 2, rule="trapezoid").tolist() == [0, 0.5, 1]
    with pytest.raises(CalculusError, match="rule"):
        calculus.sample_points(0, 1, 2, rule="upper")


def test_the_unresolved_stretch_of_sin_one_over_x_grows_the_crowd_to_where_marks_touch():
    f = lambda x: np.sin(1 / x)  # noqa: E731
    flat = calculus.critical_points(f, -1, 1)
    crowd = calculus.crowded_stretch(flat, -1, 1)
    lo, hi = calculus.unresolved_stretch(flat, -1, 1)
    assert lo <= crowd[0]
    assert hi >= crowd[1]
    # Extrema of sin(1/x) sit at 1/x = π/2 + kπ: neighbours are about πx² apart, so the
    # band ends about where πx² = 0.015 · 2.
    edge = math.sqrt(0.03 / math.pi)
    assert -hi == pytest.approx(lo, rel=0.25)
    assert hi == pytest.approx(edge, rel=0.35)
    xs = np.sort(flat)
    # Just outside it, the next gap is wide enough to see.
    j = int(np.searchsorted(xs, hi))
    assert xs[j + 1] - xs[j] >= 0.03
    assert calculus.unresolved_stretch([-0.5, 0.0, 0.02, 0.5], -1, 1) is None


# ---------------------------------------------------------------- the Plays: shrinking steps


@pytest.mark.parametrize("h", [1.0, 0.01, -0.5, 3e-7])
def test_shrinking_steps_run_a_thousandfold_down_in_equal_ratios(h):
    steps = calculus.shrinking_steps(h, count=121)
    assert steps.size == 121
    assert steps[0] == h
    assert steps[-1] == pytest.approx(h / 1000)
    ratios = steps[1:] / steps[:-1]
    np.testing.assert_allclose(ratios, 10 ** (-3 / 120))  # 40 frames a decade


@pytest.mark.parametrize(("h", "count"), [(0.0, 10), (float("nan"), 10), (1.0, 1)])
def test_shrinking_steps_reject_a_zero_step_or_a_single_frame(h, count):
    with pytest.raises(CalculusError):
        calculus.shrinking_steps(h, count=count)


@pytest.mark.parametrize("scheme", ["forward", "central"])
def test_secants_close_in_on_the_tangent_at_the_quotients_order(scheme):
    hs = calculus.shrinking_steps(0.1, count=5)
    left, right, slope = calculus.secants(np.exp, 0.5, hs, scheme=scheme)
    np.testing.assert_allclose(right, 0.5 + hs)
    np.testing.assert_allclose(left, 0.5 - hs if scheme == "central" else 0.5)
    exact = (np.exp(right) - np.exp(left)) / (right - left)
    np.testing.assert_allclose(slope, exact, rtol=1e-9)
    error = np.abs(slope - np.exp(0.5))
    order = 1 if scheme == "forward" else 2
    assert fitted_slope(hs, error) == pytest.approx(order, abs=0.05)


def test_nudges_ratios_settle_on_both_local_slopes():
    dxs = calculus.shrinking_steps(0.1, count=4)
    steps = calculus.nudges(np.sin, np.square, 1.5, dxs, df=np.cos, dg=lambda x: 2 * x)
    du_dx = np.array([s.du_true / s.dx for s in steps])
    dy_du = np.array([s.dy_true / s.du_true for s in steps])
    np.testing.assert_allclose(du_dx, 3.0 + dxs)  # (x + dx)² − x² = (2x + dx)·dx, exactly
    assert np.all(np.diff(np.abs(dy_du - math.cos(2.25))) < 0)
    assert abs(dy_du[-1] - math.cos(2.25)) < 1e-3


# ---------------------------------------------------------------- sums with nothing to plot


@pytest.mark.parametrize("rule", ["left", "right", "midpoint", "trapezoid"])
@pytest.mark.parametrize("n", [1, 3, 8, 50])
def test_sin_over_a_symmetric_period_sums_to_zero_whatever_the_rule(rule, n):
    assert calculus.riemann_sum(np.sin, -math.pi, math.pi, n, rule=rule) == pytest.approx(
        0.0, abs=1e-12
    )


def test_an_odd_function_over_a_symmetric_interval_is_exact_for_every_n():
    counts = [1, 2, 8, 100, 1000]
    errors = calculus.riemann_errors(np.sin, -math.pi, math.pi, counts, exact=0.0)
    assert calculus.exact_for_every_n(errors, np.sin, -math.pi, math.pi)
    assert calculus.odd_about_middle(np.sin, -math.pi, math.pi)


def test_a_sum_with_a_real_error_is_not_exact_and_an_even_function_not_odd():
    errors = calculus.riemann_errors(np.sin, 0.0, 3.0, [1, 8], exact=1 - math.cos(3.0))
    assert not calculus.exact_for_every_n(errors, np.sin, 0.0, 3.0)
    assert not calculus.odd_about_middle(np.cos, -1.0, 1.0)

    # Odd about its middle though not about 0: x³ − 3x² + 2x is odd about 1.
    def shifted(x):
        return x**3 - 3 * x**2 + 2 * x

    assert calculus.odd_about_middle(shifted, 0.0, 2.0)
    assert not calculus.odd_about_middle(shifted, -1.0, 2.0)
