import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import rosen, rosen_der, rosen_hess

from mathviz import multivariable as mv
from mathviz.catalog import SURFACES
from mathviz.linear_algebra import ACTIVATIONS
from mathviz.multivariable import (
    MAX_STEPS,
    MultivariableError,
    backprop,
    classify_critical_point,
    classify_hessian,
    compare_descent,
    critical_curve,
    descent_progress,
    direction,
    find_critical_points,
    gradient,
    gradient_descent,
    hessian,
    hessian_summary,
    jacobian,
    layer_function,
    layer_jacobian,
    layer_linearization,
    linearization_gap,
    network_loss,
    principal_axes,
    quadratic_model,
    rate_check,
    slope_along,
    stability_limit,
    steepest_ascent,
    tangent_plane,
    without_dust,
)

NAMES = list(SURFACES)


def sample_points(entry, count=9, seed=0):
    """Points inside a surface's window, shape (2, count), off its edges."""
    rng = np.random.default_rng(seed)
    (x0, x1), (y0, y1) = entry.window
    xs = rng.uniform(x0 + 0.05 * (x1 - x0), x1 - 0.05 * (x1 - x0), count)
    ys = rng.uniform(y0 + 0.05 * (y1 - y0), y1 - 0.05 * (y1 - y0), count)
    return np.stack([xs, ys])


def narrow(p):
    return p[0] ** 2 + 10 * p[1] ** 2


def narrow_grad(p):
    return np.stack([2 * p[0], 20 * p[1]])


# ---------------------------------------------------------------- difference quotients


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_the_exact_gradient_of_every_surface(name):
    entry = SURFACES[name]
    for point in sample_points(entry).T:
        exact = entry.gradient(point)
        scale = max(1.0, float(np.abs(exact).max()), abs(float(entry(point))))
        np.testing.assert_allclose(gradient(entry.f, point), exact, rtol=1e-6, atol=1e-7 * scale)


@pytest.mark.parametrize("name", NAMES)
def test_hessian_matches_the_exact_hessian_of_every_surface_and_is_symmetric(name):
    entry = SURFACES[name]
    for point in sample_points(entry).T:
        exact = entry.hessian(point)
        numeric = hessian(entry.f, point)
        assert numeric.shape == (2, 2)
        assert np.array_equal(numeric, numeric.T)
        scale = max(1.0, float(np.abs(exact).max()))
        assert np.abs(numeric - exact).max() <= 1e-4 * scale


@pytest.mark.parametrize("name", NAMES)
def test_jacobian_of_the_exact_gradient_is_the_exact_hessian(name):
    entry = SURFACES[name]
    points = sample_points(entry)
    exact = entry.hessian(points)
    numeric = jacobian(entry.gradient, points)
    assert numeric.shape == (2, 2, points.shape[1])
    scale = max(1.0, float(np.abs(exact).max()))
    assert np.abs(numeric - exact).max() <= 1e-6 * scale


@pytest.mark.parametrize("name", NAMES)
def test_many_points_at_once_agree_with_one_point_at_a_time(name):
    entry = SURFACES[name]
    points = sample_points(entry, count=6).reshape(2, 2, 3)
    grads = gradient(entry.f, points)
    hessians = hessian(entry.f, points)
    assert grads.shape == (2, 2, 3)
    assert hessians.shape == (2, 2, 2, 3)
    for i, j in itertools.product(range(2), range(3)):
        np.testing.assert_allclose(grads[:, i, j], gradient(entry.f, points[:, i, j]), rtol=1e-12)
        np.testing.assert_allclose(
            hessians[:, :, i, j], hessian(entry.f, points[:, i, j]), rtol=1e-12, atol=1e-12
        )


def test_shapes_for_one_point_and_for_many():
    def f3(p):
        return p[0] ** 2 * p[1] + np.sin(p[2])

    def g(p):
        return np.stack([p[0] * p[1], p[1] + p[2], p[0] ** 2])  # ℝ³ → ℝ³

    def g2(p):
        return np.stack([p[0] * p[1], p[0] + p[1], p[0] ** 2 - p[1]])  # ℝ² → ℝ³

    one = np.array([0.5, -1.0, 2.0])
    many = np.random.default_rng(1).normal(size=(3, 5, 4))
    assert gradient(f3, one).shape == (3,)
    assert hessian(f3, one).shape == (3, 3)
    assert jacobian(g, one).shape == (3, 3)
    assert jacobian(g2, one[:2]).shape == (3, 2)
    assert jacobian(f3, one).shape == (1, 3)  # a scalar function counts as m = 1
    assert gradient(f3, many).shape == (3, 5, 4)
    assert hessian(f3, many).shape == (3, 3, 5, 4)
    assert jacobian(g, many).shape == (3, 3, 5, 4)
    assert jacobian(g2, many[:2]).shape == (3, 2, 5, 4)
    np.testing.assert_allclose(
        jacobian(g2, [2.0, 3.0]), [[3.0, 2.0], [1.0, 1.0], [4.0, -1.0]], rtol=1e-8, atol=1e-9
    )


def test_rosenbrock_matches_scipy_in_four_variables():
    rng = np.random.default_rng(2)
    for x in rng.uniform(-1.5, 1.5, size=(5, 4)):
        exact = rosen_der(x)
        np.testing.assert_allclose(
            gradient(rosen, x), exact, rtol=1e-6, atol=1e-7 * max(1.0, np.abs(exact).max())
        )
        H = rosen_hess(x)
        assert np.abs(hessian(rosen, x) - H).max() <= 1e-4 * max(1.0, np.abs(H).max())


def test_rosenbrock_surface_is_scipys_rosen():
    entry = SURFACES["rosenbrock"]
    for point in sample_points(entry).T:
        assert entry(point) == pytest.approx(rosen(point), rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(entry.gradient(point), rosen_der(point), rtol=1e-12)
        np.testing.assert_allclose(entry.hessian(point), rosen_hess(point), rtol=1e-12)


coefficients = st.floats(-10, 10, allow_nan=False, allow_subnormal=False)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(coefficients, min_size=9, max_size=9),
    st.lists(coefficients, min_size=3, max_size=3),
    st.lists(coefficients, min_size=3, max_size=3),
)
def test_gradient_of_a_quadratic_is_qx_plus_c(q, c, x):
    M = np.array(q).reshape(3, 3)
    Q = (M + M.T) / 2
    c, x = np.array(c), np.array(x)

    def f(p):
        return 0.5 * np.einsum("i...,ij,j...->...", p, Q, p) + np.tensordot(c, p, axes=1)

    size = float(np.abs(x).max())
    scale = 1.0 + np.abs(Q).sum() * size**2 + np.abs(c).sum() * size
    np.testing.assert_allclose(gradient(f, x), Q @ x + c, rtol=1e-6, atol=1e-8 * scale)


def test_difference_quotients_reject_bad_input():
    with pytest.raises(MultivariableError, match="x must be finite"):
        gradient(lambda p: p[0], [np.nan, 1.0])
    with pytest.raises(MultivariableError, match="h must be a positive"):
        hessian(lambda p: p[0], [1.0, 1.0], h=0.0)
    with pytest.raises(MultivariableError, match="f must map points"):
        gradient(lambda p: p, [1.0, 2.0])  # a vector, not a number


def test_an_explicit_step_is_used():
    # f = x³: the central difference with step h is 3x² + h², exactly for this cubic.
    assert gradient(lambda p: p[0] ** 3, [1.0], h=0.5)[0] == pytest.approx(3.25, rel=1e-12)


# ---------------------------------------------------------------- a layer's Jacobian


def slope(z, activation):
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-z))
        return s * (1 - s)
    if activation == "tanh":
        return 1 / np.cosh(z) ** 2
    if activation == "relu":
        return np.where(z > 0, 1.0, 0.0)
    assert activation == "identity"
    return np.ones_like(z)


LAYERS = [
    (np.array([[1.5, -0.5], [0.7, 2.0]]), np.array([0.3, -0.2]), np.array([0.8, -0.6])),
    (
        np.array([[1.0, 2.0], [-1.5, 0.5], [0.3, -0.8]]),
        np.array([0.1, 0.4, -0.5]),
        np.array([1.2, 0.7]),
    ),
    (np.array([[0.5, -1.0, 2.0]]), np.array([0.25]), np.array([-0.4, 0.9, 0.6])),
]


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("layer", LAYERS, ids=["2x2", "3x2", "1x3"])
def test_layer_jacobian_is_the_chain_rule_and_matches_differences(activation, layer):
    A, b, x = layer
    z = A @ x + b
    assert np.abs(z).min() > 0.1  # away from the corner of relu
    expected = np.diag(slope(z, activation)) @ A
    exact = layer_jacobian(A, b, x, activation=activation)
    assert exact.shape == A.shape
    np.testing.assert_allclose(exact, expected, rtol=1e-12, atol=1e-15)
    numeric = jacobian(layer_function(A, b, activation), x)
    assert numeric.shape == A.shape
    np.testing.assert_allclose(numeric, exact, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_layer_function_follows_the_first_axis_convention(activation):
    A, b, _ = LAYERS[1]
    squash = {
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0.0),
        "identity": lambda z: z,
    }[activation]
    points = np.random.default_rng(3).normal(size=(2, 4, 5))
    out = layer_function(A, b, activation)(points)
    assert out.shape == (3, 4, 5)
    expected = squash(np.einsum("ij,j...->i...", A, points) + b[:, None, None])
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-15)


def test_layer_rejects_an_unknown_activation_and_mismatched_shapes():
    with pytest.raises(MultivariableError, match="activation must be one of"):
        layer_jacobian([[1.0]], [0.0], [1.0], activation="softmax")
    with pytest.raises(MultivariableError, match="b have m entries"):
        layer_function([[1.0, 2.0]], [0.0, 1.0], "tanh")


# ---------------------------------------------------------------- critical points

HIMMELBLAU = {
    "minimum": [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)],
    "maximum": [(-0.270845, -0.923039)],
    "saddle": [
        (0.086677, 2.884254),
        (-3.073026, -0.081353),
        (3.385154, 0.073852),
        (-0.127961, -1.953715),
    ],
}


def kinds_count(found):
    counts = dict.fromkeys(("minimum", "maximum", "saddle", "degenerate"), 0)
    for _, kind in found:
        counts[kind] += 1
    return counts


def assert_distinct(found, gap):
    for (p, _), (q, _) in itertools.combinations(found, 2):
        assert np.linalg.norm(p - q) > gap


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "numeric"])
def test_himmelblau_has_four_minima_one_maximum_and_four_saddles(exact):
    entry = SURFACES["himmelblau"]
    knobs = {"grad": entry.gradient, "hess": entry.hessian} if exact else {}
    found = find_critical_points(entry.f, entry.window, **knobs)
    assert len(found) == 9
    assert kinds_count(found) == {"minimum": 4, "maximum": 1, "saddle": 4, "degenerate": 0}
    assert_distinct(found, 0.5)
    for kind, points in HIMMELBLAU.items():
        for expected in points:
            matches = [p for p, k in found if k == kind and np.allclose(p, expected, atol=1e-5)]
            assert len(matches) == 1, (kind, expected)
    for point, _ in found:
        assert np.linalg.norm(entry.gradient(point)) < 1e-6


def test_critical_points_are_sorted_by_kind():
    entry = SURFACES["himmelblau"]
    found = find_critical_points(entry.f, entry.window, grad=entry.gradient, hess=entry.hessian)
    order = ["minimum", "maximum", "saddle", "degenerate"]
    ranks = [order.index(kind) for _, kind in found]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "numeric"])
def test_monkey_saddle_has_one_degenerate_point_at_the_origin(exact):
    entry = SURFACES["monkey"]
    knobs = {"grad": entry.gradient, "hess": entry.hessian} if exact else {}
    found = find_critical_points(entry.f, entry.window, **knobs)
    assert len(found) == 1
    point, kind = found[0]
    assert kind == "degenerate"
    assert np.linalg.norm(point) < 1e-4
    assert classify_critical_point(entry.f, [0.0, 0.0]) == "degenerate"
    assert classify_critical_point(entry.f, [0.0, 0.0], hess=entry.hessian) == "degenerate"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("bowl", "minimum"), ("narrow", "minimum"), ("cap", "maximum"), ("saddle", "saddle")],
)
@pytest.mark.parametrize("exact", [True, False], ids=["exact", "numeric"])
def test_quadratics_have_one_critical_point_at_the_origin(name, kind, exact):
    entry = SURFACES[name]
    knobs = {"grad": entry.gradient, "hess": entry.hessian} if exact else {}
    found = find_critical_points(entry.f, entry.window, **knobs)
    assert len(found) == 1
    point, found_kind = found[0]
    assert found_kind == kind
    np.testing.assert_allclose(point, [0.0, 0.0], atol=1e-8)
    assert classify_critical_point(entry.f, [0.0, 0.0]) == kind


def waves_critical_points(window):
    """The closed form: (π/2 + kπ, jπ) are extrema, (kπ, π/2 + jπ) saddles."""
    (x0, x1), (y0, y1) = window
    ks = range(-5, 6)
    expected = []
    for k, j in itertools.product(ks, ks):
        x, y = math.pi / 2 + k * math.pi, j * math.pi
        if x0 <= x <= x1 and y0 <= y <= y1:
            top = math.sin(x) * math.cos(y) > 0
            expected.append(((x, y), "maximum" if top else "minimum"))
        x, y = k * math.pi, math.pi / 2 + j * math.pi
        if x0 <= x <= x1 and y0 <= y <= y1:
            expected.append(((x, y), "saddle"))
    return expected


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "numeric"])
def test_waves_critical_points_follow_the_closed_form(exact):
    entry = SURFACES["waves"]
    knobs = {"grad": entry.gradient, "hess": entry.hessian} if exact else {}
    found = find_critical_points(entry.f, entry.window, **knobs)
    expected = waves_critical_points(entry.window)
    assert kinds_count(found) == kinds_count([(np.array(p), k) for p, k in expected])
    assert kinds_count(found) == {"minimum": 3, "maximum": 3, "saddle": 6, "degenerate": 0}
    for point, kind in expected:
        matches = [p for p, k in found if k == kind and np.allclose(p, point, atol=1e-6)]
        assert len(matches) == 1, (kind, point)


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "numeric"])
def test_plane_and_an_empty_window_have_no_critical_points(exact):
    plane, himmelblau = SURFACES["plane"], SURFACES["himmelblau"]
    plane_knobs = {"grad": plane.gradient, "hess": plane.hessian} if exact else {}
    himmelblau_knobs = {"grad": himmelblau.gradient, "hess": himmelblau.hessian} if exact else {}
    assert find_critical_points(plane.f, plane.window, **plane_knobs) == []
    assert find_critical_points(himmelblau.f, [(10, 12), (10, 12)], **himmelblau_knobs) == []


def test_a_flat_function_is_refused():
    with pytest.raises(MultivariableError, match="flat"):
        find_critical_points(lambda p: 0 * p[0] + 5.0, [(-1, 1), (-1, 1)])


@pytest.mark.parametrize(
    ("f", "starts", "expected"),
    [
        (lambda p: p[0] ** 2 + p[1] ** 2, 1, [([0.0, 0.0], "minimum")]),
        (
            lambda p: np.cos(np.pi * p[0]) * np.cos(np.pi * p[1]),
            2,
            # Newton stays where it starts: the four starts are the four saddles found.
            [([x, y], "saddle") for x, y in [(-0.5, -0.5), (-0.5, 0.5), (0.5, -0.5), (0.5, 0.5)]],
        ),
    ],
    ids=["bowl-one-start", "egg-box-two-starts"],
)
def test_starts_that_all_land_on_critical_points_do_not_make_f_flat(f, starts, expected):
    # The starts sit exactly on critical points, so f's gradient vanishes at every one of
    # them; f is still far from flat and its critical points are still there to list.
    found = find_critical_points(f, [(-1, 1), (-1, 1)], starts=starts)
    assert [(np.round(p, 6).tolist(), kind) for p, kind in found] == expected


def test_a_line_of_critical_points_is_degenerate_everywhere():
    found = find_critical_points(lambda p: p[0] ** 2 + 0 * p[1], [(-1, 1), (-1, 1)])
    assert found
    for point, kind in found:
        assert abs(point[0]) < 1e-8
        assert -1 <= point[1] <= 1
        assert kind == "degenerate"


@pytest.mark.parametrize(
    "bounds",
    [
        [(1, 1), (-1, 1)],
        [(2, 1), (-1, 1)],
        [(np.nan, 1), (-1, 1)],
        [(-np.inf, 1), (-1, 1)],
        [(-1, 1, 2), (-1, 1, 2)],
        [-1, 1],
        [],
    ],
)
def test_bad_bounds_are_refused(bounds):
    with pytest.raises(MultivariableError, match="bounds"):
        find_critical_points(lambda p: p[0] ** 2 + p[1] ** 2, bounds)


# ---------------------------------------------------------------- classification


@pytest.mark.parametrize(
    ("diagonal", "kind"),
    [
        ([1.0, 2.0], "minimum"),
        ([-1.0, -2.0], "maximum"),
        ([1.0, -2.0], "saddle"),
        ([1.0, 0.0], "degenerate"),
        ([-1.0, 0.0], "degenerate"),
        ([0.0, 0.0], "degenerate"),
        ([1.0, 1e-9], "degenerate"),  # within the tolerance: counts as zero
        ([-3.0, -1e-9], "degenerate"),
        ([1.0, 1e-3], "minimum"),
        ([3.0, 1.0, 2.0], "minimum"),
        ([1.0, 0.0, -1.0], "saddle"),  # a sign change decides even with a zero eigenvalue
    ],
)
def test_classify_hessian_on_diagonal_matrices(diagonal, kind):
    assert classify_hessian(np.diag(diagonal)) == kind


def test_classify_hessian_sees_eigenvalues_not_entries():
    # Positive entries, yet eigenvalues 3 and −1: a saddle. Rotated diag(1, 0, −1) too.
    assert classify_hessian([[1.0, 2.0], [2.0, 1.0]]) == "saddle"
    Q, _ = np.linalg.qr(np.random.default_rng(4).normal(size=(3, 3)))
    assert classify_hessian(Q @ np.diag([1.0, 0.0, -1.0]) @ Q.T) == "saddle"
    assert classify_hessian(Q @ np.diag([1.0, 0.0, 2.0]) @ Q.T) == "degenerate"


def test_classify_hessian_tolerance():
    H = np.diag([1.0, 1e-3])
    assert classify_hessian(H, tol=1e-2) == "degenerate"
    assert classify_hessian(H, tol=1e-4) == "minimum"
    # The default tolerance grows with the largest eigenvalue: 10⁻⁶·10⁶ = 1.
    assert classify_hessian(np.diag([1e6, 0.5])) == "degenerate"
    assert classify_hessian(np.diag([1e6, 2.0])) == "minimum"


def test_classify_hessian_rejects_bad_matrices():
    for bad in ([[1.0, 2.0, 3.0]], [1.0, 2.0], [[np.nan, 0.0], [0.0, 1.0]]):
        with pytest.raises(MultivariableError, match="H must be a finite square matrix"):
            classify_hessian(bad)


def test_classify_critical_point_examples():
    assert classify_critical_point(lambda p: p[0] ** 2 - p[1] ** 2, [0.0, 0.0]) == "saddle"
    assert classify_critical_point(lambda p: p[0] ** 4 + p[1] ** 2, [0.0, 0.0]) == "degenerate"
    # A minimum on top of a large constant: the numerical Hessian's noise is ~10⁻⁸·|f|.
    assert classify_critical_point(lambda p: 1e3 + p[0] ** 2 + p[1] ** 2, [0, 0]) == "minimum"
    with pytest.raises(MultivariableError, match="not finite"):
        classify_critical_point(lambda p: np.log(p[0]) + p[1], [-1.0, 1.0])


# ---------------------------------------------------------------- gradient descent


@pytest.mark.parametrize("grad", [narrow_grad, None], ids=["exact", "numeric"])
def test_plain_descent_converges_just_under_two_over_lambda_and_diverges_just_over(grad):
    good = gradient_descent(narrow, [3.0, 1.0], lr=0.099, steps=5000, grad=grad)
    assert good.converged
    assert not good.diverged
    assert np.linalg.norm(narrow_grad(good.path[-1])) < 1e-8
    bad = gradient_descent(narrow, [3.0, 1.0], lr=0.101, steps=5000, grad=grad)
    assert bad.diverged
    assert not bad.converged
    assert np.all(np.isfinite(bad.path))
    assert bad.steps < 5000
    for run in (good, bad):
        assert run.method == "plain"
        assert run.path.shape == (run.steps + 1, 2)
        assert run.steps == len(run.path) - 1
        np.testing.assert_array_equal(run.path[0], [3.0, 1.0])
        np.testing.assert_allclose(run.values, narrow(run.path.T), rtol=1e-14)


def test_momentum_beats_plain_on_the_narrow_bowl():
    plain = gradient_descent(narrow, [3.0, 1.0], lr=0.01, steps=5000, grad=narrow_grad)
    heavy = gradient_descent(
        narrow, [3.0, 1.0], lr=0.01, steps=5000, grad=narrow_grad, method="momentum"
    )
    assert plain.converged
    assert heavy.converged
    assert heavy.steps < plain.steps


def test_adam_converges_on_the_round_bowl():
    def bowl(p):
        return p[0] ** 2 + p[1] ** 2

    run = gradient_descent(bowl, [3.0, 1.0], lr=0.05, steps=5000, method="adam")
    assert run.converged
    assert not run.diverged
    assert np.linalg.norm(run.path[-1]) < 1e-8
    assert run.values[-1] < 1e-15


@pytest.mark.parametrize("method", ["plain", "momentum", "adam"])
def test_a_start_on_a_critical_point_stays_put(method):
    def saddle(p):
        return p[0] ** 2 - p[1] ** 2

    run = gradient_descent(saddle, [0.0, 0.0], lr=0.1, steps=100, method=method)
    assert run.converged
    assert run.path.shape == (1, 2)
    assert run.steps == 0


@pytest.mark.parametrize("method", ["plain", "momentum", "adam"])
def test_zero_steps_gives_a_path_of_one_row(method):
    run = gradient_descent(narrow, [3.0, 1.0], lr=0.1, steps=0, method=method)
    assert run.path.tolist() == [[3.0, 1.0]]
    assert run.values.tolist() == [19.0]
    assert run.steps == 0
    assert not run.converged
    assert not run.diverged


def test_a_step_into_the_region_where_f_is_undefined_diverges_with_a_finite_path():
    def f(p):
        return np.log(p[0]) + p[1] ** 2

    # −∇f = (−1/x, −2y) points towards x < 0; a big step jumps there, where log is nan.
    run = gradient_descent(f, [1.0, 1.0], lr=10.0, steps=100)
    assert run.diverged
    assert not run.converged
    assert np.all(np.isfinite(run.path))
    assert run.path[-1][0] < 0  # the last good point, already outside the domain
    assert len(run.path) == 2


def test_running_away_counts_as_diverging():
    def cap(p):
        return -(p[0] ** 2) - p[1] ** 2

    run = gradient_descent(cap, [1.0, 0.0], lr=0.5, steps=1000)  # doubles each step
    assert run.diverged
    assert np.all(np.isfinite(run.path))
    assert np.linalg.norm(run.path[-1]) <= 1e6 * 2
    assert run.steps < 1000


def reference_plain(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x)
    return np.array(path)


def reference_momentum(grad, x0, lr, steps, beta):
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    path = [x]
    for _ in range(steps):
        v = beta * v + grad(x)
        x = x - lr * v
        path.append(x)
    return np.array(path)


def reference_adam(grad, x0, lr, steps, beta):
    beta2, eps = 0.999, 1e-8
    x = np.array(x0, dtype=float)
    m = np.zeros_like(x)
    s = np.zeros_like(x)
    path = [x]
    for t in range(1, steps + 1):
        g = grad(x)
        m = beta * m + (1 - beta) * g
        s = beta2 * s + (1 - beta2) * g**2
        m_hat = m / (1 - beta**t)
        s_hat = s / (1 - beta2**t)
        x = x - lr * m_hat / (np.sqrt(s_hat) + eps)
        path.append(x)
    return np.array(path)


def rosenbrock_grad(p):
    return SURFACES["rosenbrock"].gradient(p)


@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_descent_paths_equal_the_textbook_updates(beta):
    x0, steps = [-1.2, 1.0], 20
    rosenbrock = SURFACES["rosenbrock"].f
    cases = {
        "plain": (1e-3, reference_plain(rosenbrock_grad, x0, 1e-3, steps)),
        "momentum": (1e-4, reference_momentum(rosenbrock_grad, x0, 1e-4, steps, beta)),
        "adam": (0.05, reference_adam(rosenbrock_grad, x0, 0.05, steps, beta)),
    }
    for method, (lr, expected) in cases.items():
        run = gradient_descent(
            rosenbrock,
            x0,
            lr=lr,
            steps=steps,
            method=method,
            beta=beta,
            grad=rosenbrock_grad,
            tol=0,
        )
        assert run.path.shape == (steps + 1, 2)
        np.testing.assert_allclose(run.path, expected, rtol=1e-12, atol=1e-14, err_msg=method)


def test_compare_descent_equals_separate_runs():
    rosenbrock = SURFACES["rosenbrock"].f
    runs = compare_descent(rosenbrock, [-1.2, 1.0], lr=2e-3, steps=3000, beta=0.8)
    assert list(runs) == ["plain", "momentum", "adam"]
    for method, run in runs.items():
        alone = gradient_descent(
            rosenbrock, [-1.2, 1.0], lr=2e-3, steps=3000, method=method, beta=0.8
        )
        assert run.method == alone.method == method
        np.testing.assert_array_equal(run.path, alone.path)
        np.testing.assert_array_equal(run.values, alone.values)
        assert (run.converged, run.diverged) == (alone.converged, alone.diverged)
    # The methods stop on their own: one diverges here while the others keep going.
    mixed = compare_descent(narrow, [3.0, 1.0], lr=0.15, steps=2000, grad=narrow_grad)
    assert mixed["plain"].diverged
    assert mixed["momentum"].converged
    assert mixed["plain"].steps != mixed["momentum"].steps


@pytest.mark.parametrize(
    ("knobs", "name"),
    [
        ({"lr": 0.0}, "lr"),
        ({"lr": -0.1}, "lr"),
        ({"lr": np.nan}, "lr"),
        ({"lr": np.inf}, "lr"),
        ({"steps": -1}, "steps"),
        ({"steps": MAX_STEPS + 1}, "steps"),
        ({"steps": 10.0}, "steps"),
        ({"beta": 1.0}, "beta"),
        ({"beta": -0.1}, "beta"),
        ({"beta": np.nan}, "beta"),
        ({"method": "newton"}, "method"),
        ({"tol": -1.0}, "tol"),
        ({"x0": [np.nan, 1.0]}, "x0"),
        ({"x0": [np.inf, 1.0]}, "x0"),
        ({"x0": [[1.0, 2.0], [3.0, 4.0]]}, "x0"),
    ],
)
def test_bad_descent_knobs_are_refused_by_name(knobs, name):
    arguments = {"x0": [3.0, 1.0], "lr": 0.1, "steps": 10} | knobs
    x0 = arguments.pop("x0")
    with pytest.raises(MultivariableError, match=rf"^{name} "):
        gradient_descent(narrow, x0, **arguments)


def test_compare_descent_refuses_no_methods_and_unknown_ones():
    with pytest.raises(MultivariableError, match="method must be one of"):
        compare_descent(narrow, [3.0, 1.0], lr=0.1, steps=10, methods=[])
    with pytest.raises(MultivariableError, match="'sgd'"):
        compare_descent(narrow, [3.0, 1.0], lr=0.1, steps=10, methods=["plain", "sgd"])


# ---------------------------------------------------------------- the stability limit


def test_stability_limit_values():
    H = [[2.0, 0.0], [0.0, 20.0]]
    assert stability_limit(H) == pytest.approx(0.1, rel=1e-14)
    assert stability_limit(H, method="momentum", beta=0.9) == pytest.approx(0.19, rel=1e-14)
    assert stability_limit(H, method="momentum", beta=0.0) == pytest.approx(0.1, rel=1e-14)
    assert stability_limit([[1.0, 2.0], [2.0, 1.0]]) == pytest.approx(2 / 3, rel=1e-14)
    assert stability_limit([[-1.0, 0.0], [0.0, -2.0]]) == math.inf
    assert stability_limit(np.zeros((2, 2))) == math.inf
    with pytest.raises(MultivariableError, match="method must be 'plain' or 'momentum'"):
        stability_limit(H, method="adam")
    with pytest.raises(MultivariableError, match="H must be a finite square matrix"):
        stability_limit([[1.0, 2.0]])


@pytest.mark.parametrize(("method", "beta"), [("plain", 0.9), ("momentum", 0.5)])
@settings(max_examples=8, deadline=None)
@given(
    st.floats(0, math.pi),
    st.floats(0.5, 5),
    st.floats(0.5, 5),
)
def test_descent_is_stable_just_under_the_limit_and_not_just_over(method, beta, theta, l1, l2):
    R = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    H = R @ np.diag([l1, l2]) @ R.T
    H = (H + H.T) / 2
    limit = stability_limit(H, method=method, beta=beta)

    def f(p):
        return 0.5 * np.einsum("i...,ij,j...->...", p, H, p)

    def grad(p):
        return np.tensordot(H, p, axes=1)

    x0 = R @ np.array([1.0, 1.0])  # one along each eigenvector
    under = gradient_descent(
        f, x0, lr=0.95 * limit, steps=20_000, method=method, beta=beta, grad=grad
    )
    over = gradient_descent(
        f, x0, lr=1.05 * limit, steps=20_000, method=method, beta=beta, grad=grad
    )
    assert under.converged
    assert not under.diverged
    assert over.diverged
    assert not over.converged


# ---------------------------------------------------------------- directions


@pytest.mark.parametrize("angle", [0, 30, 90, 135, 180, 270, 355])
def test_direction_is_a_unit_vector_at_the_angle(angle):
    u = direction(angle)
    assert u.shape == (2,)
    assert np.hypot(*u) == pytest.approx(1.0)
    assert math.degrees(math.atan2(u[1], u[0])) % 360 == pytest.approx(angle % 360, abs=1e-9)
    assert direction(np.array([angle, angle + 90.0])).shape == (2, 2)


def test_slope_along_is_largest_along_the_gradient_and_zero_across_it():
    grad = np.array([3.0, 4.0])
    angle, rate = steepest_ascent(grad)
    assert rate == 5.0
    assert float(slope_along(grad, angle)) == pytest.approx(5.0)
    assert float(slope_along(grad, angle + 90)) == pytest.approx(0.0, abs=1e-12)
    assert float(slope_along(grad, angle + 180)) == pytest.approx(-5.0)
    turns = np.arange(0, 361, 3.0)
    slopes = slope_along(grad, turns)
    assert slopes.shape == turns.shape
    assert slopes.max() <= 5.0
    np.testing.assert_allclose(
        slopes, grad @ np.stack([np.cos(np.radians(turns)), np.sin(np.radians(turns))])
    )


def test_steepest_ascent_angle_is_in_zero_to_360():
    assert steepest_ascent([1.0, 0.0]) == (0.0, 1.0)
    assert steepest_ascent([0.0, -1.0]) == (270.0, 1.0)
    assert steepest_ascent([0.0, 0.0]) == (0.0, 0.0)


def test_direction_and_slope_refuse_bad_input_by_name():
    with pytest.raises(MultivariableError, match="angle"):
        direction(float("nan"))
    with pytest.raises(MultivariableError, match="grad"):
        slope_along([1.0, 2.0, 3.0], 0.0)
    with pytest.raises(MultivariableError, match="grad"):
        steepest_ascent([1.0])


# ---------------------------------------------------------------- reading a critical point


def test_without_dust_sets_only_tiny_entries_to_zero():
    values = np.array([1e-10, -1e-10, 2e-9, -0.5, np.nan, -0.0])
    cleaned = without_dust(values)
    assert cleaned[:2].tolist() == [0.0, 0.0]
    assert cleaned[2] == 2e-9
    assert cleaned[3] == -0.5
    assert np.isnan(cleaned[4])
    assert without_dust([1e-7], tol=1e-6).tolist() == [0.0]


@pytest.mark.parametrize("name", ["himmelblau", "rosenbrock", "saddle", "monkey"])
def test_hessian_summary_gives_eigenvalues_det_and_trace(name):
    entry = SURFACES[name]
    for p, _ in find_critical_points(entry, entry.window, grad=entry.gradient, hess=entry.hessian):
        H = entry.hessian(p)
        lam, det, trace = hessian_summary(H)
        np.testing.assert_allclose(lam, np.linalg.eigvalsh(H), atol=1e-9)
        assert lam[0] <= lam[1]
        assert det == pytest.approx(lam[0] * lam[1], abs=1e-8 * max(1.0, np.abs(lam).max() ** 2))
        assert trace == pytest.approx(lam.sum(), abs=1e-8)


def test_hessian_summary_refuses_a_matrix_that_is_not_finite_and_square():
    for H in ([[1.0, np.nan], [0.0, 1.0]], [[1.0, 2.0, 3.0]]):
        with pytest.raises(MultivariableError, match="H must be"):
            hessian_summary(H)


def test_a_trough_of_critical_points_is_a_curve():
    entry = SURFACES["bowl"]
    kinds = [k for _, k in find_critical_points(lambda p: p[0] ** 2, entry.window)]
    assert critical_curve(kinds)
    assert not critical_curve(["degenerate"] * 12)
    assert not critical_curve(["degenerate"] * 13 + ["minimum"])
    assert not critical_curve([])


@pytest.mark.parametrize("name", ["bowl", "narrow", "saddle", "cap"])
def test_quadratic_model_is_the_quadratic_itself(name):
    entry = SURFACES[name]
    assert entry.quadratic
    p = np.array([0.0, 0.0])
    points = sample_points(entry, count=25)
    model = quadratic_model(p, float(entry(p)), entry.hessian(p), points)
    np.testing.assert_allclose(model, entry(points), rtol=1e-12, atol=1e-12)


def test_quadratic_model_is_second_order_near_a_himmelblau_minimum():
    entry = SURFACES["himmelblau"]
    p = np.array([3.0, 2.0])  # f(3, 2) = 0, a minimum
    H = entry.hessian(p)
    gaps = []
    for r in (1e-1, 1e-2):
        near = p[:, None] + r * np.array([[1.0, -1.0, 0.5], [0.3, 1.0, -1.0]])
        gaps.append(np.abs(quadratic_model(p, 0.0, H, near) - entry(near)).max())
    assert gaps[1] < gaps[0] / 500  # the error shrinks like r³


def test_quadratic_model_refuses_the_wrong_shapes():
    with pytest.raises(MultivariableError, match="p must be"):
        quadratic_model([0.0, 0.0, 0.0], 0.0, np.eye(2), np.zeros((2, 4)))
    with pytest.raises(MultivariableError, match="p must be"):
        quadratic_model([0.0, 0.0], 0.0, np.eye(3), np.zeros((2, 4)))


# ---------------------------------------------------------------- reading a descent


def test_verdicts_of_runs():
    arrived = gradient_descent(narrow, [3.0, 1.0], lr=0.05, steps=5000)
    assert arrived.verdict == "arrived"
    assert gradient_descent(narrow, [3.0, 1.0], lr=0.05, steps=10).verdict == "still moving"
    assert gradient_descent(narrow, [3.0, 1.0], lr=0.11, steps=5000).verdict == "diverged"
    assert gradient_descent(narrow, [0.0, 0.0], lr=0.05, steps=10).verdict == "flat start"
    # Not yet past the bound, yet plainly not descending: f above its start, or far away.
    too_big = gradient_descent(narrow, [3.0, 1.0], lr=0.11, steps=60)
    assert (too_big.diverged, too_big.verdict) == (False, "climbing")
    assert too_big.values[-1] > too_big.values[0]
    saddle = lambda p: p[0] ** 2 - p[1] ** 2  # noqa: E731
    off = gradient_descent(saddle, [1.0, 0.5], lr=0.1, steps=20, method="momentum")
    assert (off.diverged, off.verdict) == (False, "running off")
    assert np.linalg.norm(off.path[-1]) > 100 * (1 + np.linalg.norm([1.0, 0.5]))


@pytest.mark.parametrize("lr", [0.05, 0.105])
@pytest.mark.parametrize("method", ["plain", "momentum", "adam"])
def test_a_cut_run_is_the_run_of_that_many_steps(lr, method):
    full = gradient_descent(narrow, [-2.5, 1.5], lr=lr, steps=1000, method=method, grad=narrow_grad)
    for k in sorted({0, 1, 10, 60, full.steps - 1, full.steps, full.steps + 1, 1000}):
        if k < 0:
            continue
        cut = full.cut(k)
        alone = gradient_descent(
            narrow, [-2.5, 1.5], lr=lr, steps=k, method=method, grad=narrow_grad
        )
        assert cut.steps == alone.steps, k
        assert np.array_equal(cut.path, alone.path), k
        assert np.array_equal(cut.values, alone.values), k
        assert (cut.converged, cut.diverged) == (alone.converged, alone.diverged), k
        assert cut.verdict == alone.verdict, k


def test_descent_progress_is_the_gap_to_the_minimum_or_the_gradient_norm():
    run = gradient_descent(narrow, [-2.5, 1.5], lr=0.05, steps=30, grad=narrow_grad)
    gap = descent_progress(run, grad=narrow_grad, lowest=0.0)
    np.testing.assert_array_equal(gap, narrow(run.path.T))
    slopes = descent_progress(run, grad=narrow_grad)
    np.testing.assert_allclose(slopes, np.linalg.norm(narrow_grad(run.path.T), axis=0))
    assert slopes.shape == (run.steps + 1,)


def test_rate_check_on_the_narrow_bowl():
    H = np.diag([2.0, 20.0])
    check = rate_check(H, 0.105, beta=0.9)
    assert check.curvature == pytest.approx(20.0)
    assert check.limit == pytest.approx(0.1)
    assert check.momentum_limit == pytest.approx(0.19)
    assert check.bowl
    assert check.too_large
    assert check.factor == pytest.approx(1 - 0.105 * 20)
    calm = rate_check(H, 0.09)
    assert not calm.too_large
    assert abs(calm.factor) < 1


def test_rate_check_on_a_saddle_and_a_cap():
    saddle = rate_check(np.diag([2.0, -2.0]), 0.5)
    assert not saddle.bowl
    assert saddle.limit == pytest.approx(1.0)
    assert saddle.too_large is False
    assert rate_check(np.diag([-2.0, -1.0]), 0.5) is None  # nothing curves up
    with pytest.raises(MultivariableError, match="H must be"):
        rate_check([[np.inf, 0.0], [0.0, 1.0]], 0.1)


@pytest.mark.parametrize("lr_factor", [0.9, 1.1])
def test_rate_check_agrees_with_what_descent_does_on_a_quadratic(lr_factor):
    H = np.array([[3.0, 1.0], [1.0, 2.0]])
    f = lambda p: 0.5 * np.einsum("i...,ij,j...->...", p, H, p)  # noqa: E731
    lr = lr_factor * stability_limit(H)
    check = rate_check(H, lr)
    run = gradient_descent(
        f, [1.0, -1.0], lr=lr, steps=20_000, grad=lambda p: np.tensordot(H, p, 1)
    )
    assert check.too_large == run.diverged
    assert (abs(check.factor) > 1) == check.too_large


# ---------------------------------------------------------------- a layer near a point


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_layer_linearization_checks_the_chain_rule_jacobian(activation):
    A, b, x = [[1.5, 0.5], [-0.5, 1.5]], [0.1, -0.1], [0.5, 0.3]  # no ReLU kink
    near = layer_linearization(A, b, x, activation=activation)
    g = layer_function(A, b, activation)
    np.testing.assert_array_equal(near.jacobian, layer_jacobian(A, b, x, activation=activation))
    np.testing.assert_array_equal(near.numeric, jacobian(g, np.array(x)))
    np.testing.assert_array_equal(near.value, g(np.array(x)))
    assert near.det == pytest.approx(np.linalg.det(near.jacobian))
    assert near.worst == np.abs(near.jacobian - near.numeric).max()
    assert near.worst < 1e-8


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_linearization_gap_shrinks_like_the_square_of_the_step(activation):
    A, b, x = np.array([[2.0, 1.0], [-1.0, 2.0]]), np.array([0.3, 0.0]), np.array([0.2, 0.4])
    g = layer_function(A, b, activation)
    J = layer_jacobian(A, b, x, activation=activation)
    ring = np.stack(
        [np.cos(np.linspace(0, 2 * np.pi, 40)), np.sin(np.linspace(0, 2 * np.pi, 40))]
    ).T
    gaps = []
    for r in (0.1, 0.01):
        moved, linear, gap = linearization_gap(g, x, J, r * ring)
        np.testing.assert_allclose(moved, g(x[:, None] + r * ring.T).T - g(x))
        np.testing.assert_allclose(linear, r * ring @ J.T)
        assert gap == np.abs(moved - linear).max()
        gaps.append(gap)
    assert gaps[1] == pytest.approx(gaps[0] / 100, rel=0.1)


def test_linearization_gap_of_a_linear_map_is_rounding_only():
    g = layer_function([[1.0, 2.0], [3.0, 4.0]], [1.0, -1.0], "identity")
    steps = np.array([[0.5, -0.5], [1.0, 2.0]])
    _, _, gap = linearization_gap(g, [0.0, 0.0], [[1.0, 2.0], [3.0, 4.0]], steps)
    assert gap < 1e-14
    with pytest.raises(MultivariableError, match="steps must be"):
        linearization_gap(g, [0.0, 0.0], np.eye(2), np.zeros((3, 3)))


# ---------------------------------------------------------------- backpropagation

SECOND = {"B": np.array([[1.0, -2.0], [0.5, 1.0]]), "c": np.array([0.0, 0.5])}
TARGET = np.array([1.0, 0.0])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_backprop_forward_values_and_loss(activation):
    A, b, x = np.array([[1.5, 0.5], [-0.5, 1.5]]), np.array([0.2, -0.1]), np.array([0.5, 0.5])
    run = backprop(A, b, x, **SECOND, target=TARGET, activation=activation)
    h = layer_function(A, b, activation)(x)
    y = 1 / (1 + np.exp(-(SECOND["B"] @ h + SECOND["c"])))
    np.testing.assert_allclose(run.hidden, h)
    np.testing.assert_allclose(run.output, y, rtol=1e-14)
    assert run.loss == pytest.approx(0.5 * np.sum((y - TARGET) ** 2))
    loss = network_loss(A, b, **SECOND, target=TARGET, activation=activation)
    assert float(loss(x)) == pytest.approx(run.loss)


@settings(max_examples=30, deadline=None)
@given(
    entries=st.lists(st.floats(-2, 2), min_size=8, max_size=8),
    activation=st.sampled_from(["sigmoid", "tanh", "identity"]),
)
def test_backprop_gradient_matches_finite_differences_and_the_jacobians(entries, activation):
    A = np.array(entries[:4]).reshape(2, 2)
    b, x = np.array(entries[4:6]), np.array(entries[6:])
    run = backprop(A, b, x, **SECOND, target=TARGET, activation=activation)
    loss = network_loss(A, b, **SECOND, target=TARGET, activation=activation)
    numeric = gradient(loss, x)
    np.testing.assert_allclose(run.grad, numeric, rtol=1e-6, atol=1e-8)
    # The chain rule's factors are the layers' Jacobians, each checked by differences.
    first = layer_function(A, b, activation)
    second = layer_function(SECOND["B"], SECOND["c"], "sigmoid")
    np.testing.assert_allclose(run.first, jacobian(first, x), atol=1e-8)
    np.testing.assert_allclose(run.second, jacobian(second, run.hidden), atol=1e-8)
    np.testing.assert_allclose(run.delta, run.second.T @ (run.output - TARGET))
    composed = jacobian(lambda p: second(first(p)), x)
    np.testing.assert_allclose(run.grad, composed.T @ (run.output - TARGET), atol=1e-8)


def test_relu_switched_off_carries_no_gradient_back():
    A, x = np.array([[1.0, -1.0], [1.0, 1.0]]), np.array([-1.0, 0.5])
    run = backprop(A, [0.0, 0.0], x, **SECOND, target=TARGET, activation="relu")
    assert run.hidden.tolist() == [0.0, 0.0]
    assert run.grad.tolist() == [0.0, 0.0]
    assert np.abs(run.delta).max() > 0  # the error still reaches h, but stops there


def test_backprop_refuses_bad_shapes_and_names():
    A, b, x = np.eye(2), np.zeros(2), np.zeros(2)
    with pytest.raises(MultivariableError, match="target"):
        backprop(A, b, x, **SECOND, target=[1.0, 0.0, 0.0], activation="tanh")
    with pytest.raises(MultivariableError, match="target"):
        network_loss(A, b, **SECOND, target=[1.0], activation="tanh")
    with pytest.raises(MultivariableError, match="activation"):
        backprop(A, b, x, **SECOND, target=TARGET, activation="softmax")
    with pytest.raises(MultivariableError, match="x must be finite"):
        backprop(A, b, [np.nan, 0.0], **SECOND, target=TARGET, activation="tanh")


def test_tangent_plane_is_first_order_near_a_himmelblau_point():
    entry = SURFACES["himmelblau"]
    p = np.array([1.0, -1.5])
    g = gradient(entry, p)
    gaps = []
    for r in (1e-1, 1e-2):
        near = p[:, None] + r * np.array([[1.0, -1.0, 0.5], [0.3, 1.0, -1.0]])
        gaps.append(np.abs(tangent_plane(p, float(entry(p)), g, near) - entry(near)).max())
    assert gaps[1] < gaps[0] / 50  # the error shrinks like r²
    # Along each axis the plane's slope is that partial derivative.
    along = tangent_plane(p, 2.0, g, np.array([[p[0] + 1.0, p[0]], [p[1], p[1] + 1.0]]))
    np.testing.assert_allclose(along - 2.0, g, rtol=1e-12)


def test_tangent_plane_refuses_the_wrong_shapes():
    with pytest.raises(MultivariableError, match="p and grad"):
        tangent_plane([0.0, 0.0], 0.0, [1.0, 2.0, 3.0], np.zeros((2, 4)))


@given(st.lists(st.floats(-50, 50), min_size=3, max_size=3))
def test_principal_axes_diagonalise_the_hessian(entries):
    a, b, c = entries
    H = np.array([[a, b], [b, c]])
    lam, vecs = principal_axes(H)
    np.testing.assert_allclose(vecs.T @ vecs, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(
        vecs.T @ H @ vecs, np.diag(lam), atol=1e-9 * (1 + np.abs(H).max()) + 1e-9
    )
    assert lam[0] <= lam[1]
    assert np.all((vecs[0] > 0) | ((vecs[0] == 0) & (vecs[1] >= 0)))


def test_principal_axes_of_a_tilted_saddle():
    lam, vecs = principal_axes([[0.0, 1.0], [1.0, 0.0]])  # f = xy
    np.testing.assert_allclose(lam, [-1.0, 1.0])
    np.testing.assert_allclose(vecs[:, 0], [1 / np.sqrt(2), -1 / np.sqrt(2)])
    np.testing.assert_allclose(vecs[:, 1], [1 / np.sqrt(2), 1 / np.sqrt(2)])
    with pytest.raises(MultivariableError, match="2 × 2"):
        principal_axes([[1.0, np.nan], [0.0, 1.0]])


# ---------------------------------------------------------------- rates on a quadratic


def test_quadratic_centre_solves_h_x_star_equals_minus_the_linear_part():
    H = np.array([[4.0, 1.0], [1.0, 3.0]])
    c = np.array([1.0, -2.0])
    grad = lambda p: H @ p + c  # noqa: E731 - f = ½xᵀHx + cᵀx
    x = np.array([0.7, 0.3])
    assert mv.quadratic_centre(H, grad(x), x) == pytest.approx(np.linalg.solve(H, -c))
    assert mv.quadratic_centre(np.zeros((2, 2)), [1.0, 0.0], x) is None


def test_eigen_errors_are_the_error_in_the_eigenbasis_and_keep_its_length():
    H = np.array([[2.0, 1.0], [1.0, 2.0]])  # λ = 1 along (1, −1), 3 along (1, 1)
    path = np.array([[1.0, 0.0], [0.3, 0.5]])
    lams, errs = mv.eigen_errors(path, [0.0, 0.0], H)
    assert lams.tolist() == pytest.approx([1.0, 3.0])
    assert errs[0] == pytest.approx([1 / np.sqrt(2), 1 / np.sqrt(2)])
    assert errs[1] == pytest.approx([0.2 / np.sqrt(2), 0.8 / np.sqrt(2)])
    assert np.hypot(*errs.T) == pytest.approx(np.hypot(*path.T))


@pytest.mark.parametrize("lr", [0.01, 0.04, 0.09, 0.099])
def test_each_plain_step_multiplies_the_eigen_errors_by_one_minus_eta_lambda(lr):
    surface = SURFACES["narrow"]  # x² + 10y²: λ = 2, 20
    run = mv.gradient_descent(surface, [-2.5, 1.5], lr=lr, steps=30, grad=surface.gradient)
    H = surface.hessian(np.zeros(2))
    lams, errs = mv.eigen_errors(run.path, [0.0, 0.0], H)
    ratios = errs[1:] / errs[:-1]
    assert ratios == pytest.approx(np.tile(mv.plain_rate(lr, lams), (30, 1)), rel=1e-9)


@pytest.mark.parametrize(
    ("lr", "beta", "lam"),
    [(0.09, 0.9, 2.0), (0.09, 0.9, 20.0), (0.01, 0.5, 2.0), (0.05, 0.1, 20.0), (0.18, 0.9, 20.0)],
)
def test_momentum_rate_is_the_spectral_radius_of_its_iteration_matrix(lr, beta, lam):
    M = np.array([[1 + beta - lr * lam, -beta], [1.0, 0.0]])
    radius = np.abs(np.linalg.eigvals(M)).max()
    assert mv.momentum_rate(lr, beta, [lam])[0] == pytest.approx(radius, rel=1e-12)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_momentum_rate_crosses_1_exactly_at_two_one_plus_beta_over_lambda(beta):
    lam = 20.0
    edge = 2 * (1 + beta) / lam
    assert mv.momentum_rate(edge * (1 - 1e-6), beta, [lam])[0] < 1
    assert mv.momentum_rate(edge, beta, [lam])[0] == pytest.approx(1.0)
    assert mv.momentum_rate(edge * (1 + 1e-6), beta, [lam])[0] > 1
    # β = 0 is plain descent.
    assert mv.momentum_rate(0.07, 0.0, [2.0, 20.0]) == pytest.approx(mv.plain_rate(0.07, [2, 20]))


def test_complex_momentum_roots_all_shrink_at_root_beta():
    # (1 + β − ηλ)² < 4β: the error spirals in at √β whatever λ.
    assert mv.momentum_rate(0.09, 0.81, [2.0, 20.0]) == pytest.approx([0.9, 0.9])


def test_plain_rate_is_best_at_two_over_the_eigenvalue_sum():
    lams = [2.0, 20.0]
    grid = np.linspace(1e-4, 0.1, 20001)
    rates = mv.convergence_rate(grid, lams)
    best = grid[np.argmin(rates)]
    assert best == pytest.approx(2 / 22, abs=1e-5)
    assert rates.min() == pytest.approx((20 / 2 - 1) / (20 / 2 + 1), abs=1e-4)  # (κ−1)/(κ+1)
    with pytest.raises(mv.MultivariableError, match="method must be"):
        mv.convergence_rate([0.1], lams, method="adam")


@pytest.mark.parametrize(("lr", "beta"), [(0.05, 0.9), (0.09, 0.5), (0.02, 0.3), (0.15, 0.9)])
def test_measured_decay_of_a_momentum_run_matches_the_predicted_rate(lr, beta):
    surface = SURFACES["narrow"]
    run = mv.compare_descent(
        surface, [-2.5, 1.5], lr=lr, steps=400, methods=["momentum"], beta=beta,
        grad=surface.gradient, tol=0.0,
    )["momentum"]  # fmt: skip
    _, errs = mv.eigen_errors(run.path, [0.0, 0.0], surface.hessian(np.zeros(2)))
    measured = mv.measured_rate(np.linalg.norm(errs, axis=1), window=200)
    predicted = mv.convergence_rate([lr], [2.0, 20.0], method="momentum", beta=beta)[0]
    assert measured == pytest.approx(predicted, abs=0.01)


def test_measured_decay_of_a_plain_run_matches_the_predicted_rate():
    surface = SURFACES["narrow"]
    run = mv.gradient_descent(surface, [-2.5, 1.5], lr=0.03, steps=300, grad=surface.gradient)
    _, errs = mv.eigen_errors(run.path, [0.0, 0.0], surface.hessian(np.zeros(2)))
    measured = mv.measured_rate(np.linalg.norm(errs, axis=1))
    assert measured == pytest.approx(mv.convergence_rate([0.03], [2.0, 20.0])[0], rel=1e-3)
    assert mv.measured_rate([1.0, np.nan, 0.0]) is None


# ---------------------------------------------------------------- the layer's warped grid


def test_layer_warp_sends_every_grid_point_through_the_layer_and_the_tangent_map():
    A, b, x = np.array([[1.5, 0.5], [-0.5, 1.5]]), np.array([0.2, -0.1]), np.array([0.5, 0.5])
    warp = mv.layer_warp(A, b, x, activation="tanh", half=1.5, lines=5, points=11)
    assert warp.grid.shape == warp.curved.shape == warp.linear.shape == (10, 11, 2)
    p = warp.grid.reshape(-1, 2)
    assert warp.curved.reshape(-1, 2) == pytest.approx(np.tanh(p @ A.T + b))
    J = (1 - np.tanh(A @ x + b) ** 2)[:, None] * A
    assert warp.linear.reshape(-1, 2) == pytest.approx(np.tanh(A @ x + b) + (p - x) @ J.T)
    # The grid spans x ± half, the first half of its lines at constant x₁.
    assert warp.grid[..., 0].min() == pytest.approx(-1.0)
    assert warp.grid[..., 1].max() == pytest.approx(2.0)
    assert np.ptp(warp.grid[0, :, 0]) == 0
    assert np.ptp(warp.grid[5, :, 1]) == 0


def test_the_warped_grid_agrees_with_its_linear_model_to_second_order_near_x():
    A, x = np.array([[1.5, 0.5], [-0.5, 1.5]]), np.array([0.5, 0.5])
    gaps = [
        mv.layer_warp(A, [0, 0], x, activation="sigmoid", half=h).gap().max()
        for h in (0.2, 0.1, 0.05)
    ]
    assert gaps[0] / gaps[1] == pytest.approx(4, rel=0.1)
    assert gaps[1] / gaps[2] == pytest.approx(4, rel=0.1)
    assert mv.layer_warp(A, [0, 0], x, activation="sigmoid", half=1.5).gap().max() > 0.1


def test_a_switched_off_relu_layer_sends_the_square_to_one_point():
    A, x = [[1.0, -1.0], [1.0, 1.0]], [-1.0, 0.5]  # Ax = (−1.5, −0.5)
    warp = mv.layer_warp(A, [0, 0], x, activation="relu", half=0.25)
    assert warp.dead.tolist() == [True, True]
    assert np.abs(warp.curved).max() == 0  # every point of x ± 0.25 is still off
    assert np.abs(warp.linear).max() == 0
    with pytest.raises(mv.MultivariableError, match="half must be"):
        mv.layer_warp(A, [0, 0], x, activation="relu", half=0.0)


# ---------------------------------------------------------------- saturation


def test_saturation_compares_sigma_prime_with_its_peak_and_flags_flat_units():
    from scipy.special import expit

    A, x = np.array([[3.0, 1.0], [-1.0, 3.0]]), np.array([2.0, 1.5])
    s = mv.layer_saturation(A, [0, 0], x, activation="sigmoid")
    z = A @ x
    assert s.pre.tolist() == z.tolist() == [7.5, 2.5]
    slope = expit(z) * (1 - expit(z))
    assert s.slope == pytest.approx(slope, rel=1e-12)
    assert s.share == pytest.approx(slope / 0.25, rel=1e-12)
    assert s.saturated.tolist() == [True, False]  # 0.2 % and 28 % of σ′(0) = ¼
    # The saturated unit's row of J is what flattens the layer: det J ≈ 0.
    J = mv.layer_jacobian(A, [0, 0], x, activation="sigmoid")
    assert abs(np.linalg.det(J)) < 1e-3 * abs(np.linalg.det(A)) * 0.25**2


@pytest.mark.parametrize(
    ("activation", "x", "flags"),
    [
        ("tanh", [3.0, 0.0], [True, False]),  # sech²(3) = 0.0099 < 5 %
        ("tanh", [1.0, 0.0], [False, False]),  # sech²(1) = 0.42
        ("relu", [-5.0, 9.0], [False, False]),  # a ReLU is off or on, never saturated
        ("identity", [50.0, 50.0], [False, False]),
    ],
)
def test_only_bounded_activations_saturate(activation, x, flags):
    s = mv.layer_saturation(np.eye(2), [0, 0], x, activation=activation)
    assert s.saturated.tolist() == flags


def test_saturation_threshold_must_be_a_share():
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\); got 0"):
        mv.layer_saturation(np.eye(2), [0, 0], [0, 0], activation="tanh", threshold=0)
    with pytest.raises(ValueError, match="activation must be one of"):
        mv.layer_saturation(np.eye(2), [0, 0], [0, 0], activation="softplus")


# ---------------------------------------------------------------- drawing ∇f to scale


def test_typical_slope_is_the_median_length_of_the_finite_nonzero_gradients():
    rng = np.random.default_rng(3)
    g = rng.normal(size=(2, 40))
    g[:, :3] = 0.0  # flat spots do not count
    g[0, 5] = np.nan
    sizes = np.hypot(*g)
    expected = np.median(sizes[np.isfinite(sizes) & (sizes > 0)])
    assert mv.typical_slope(g) == pytest.approx(expected)
    assert mv.typical_slope(np.full((2, 4), np.nan)) == 1.0


@given(
    st.floats(0.3, 1.5),
    st.floats(0.3, 1.5),
    st.floats(1e-3, 1e3),
)
def test_gradient_arrow_length_is_proportional_to_the_size_between_the_clamps(a, b, typical):
    la_, lb = (mv.gradient_arrow(r * typical, typical, reach=2.0) for r in (a, b))
    assert la_ / lb == pytest.approx(a / b, rel=1e-12)
    assert la_ == pytest.approx(2.0 * a, rel=1e-12)  # a typical slope is drawn reach long


def test_gradient_arrow_is_capped_in_view_and_vanishes_to_a_dot_near_zero():
    assert mv.gradient_arrow(1e9, 1.0, reach=2.0) == 1.6 * 2.0
    assert mv.gradient_arrow(math.inf, 1.0, reach=2.0) == 1.6 * 2.0
    assert mv.gradient_arrow(0.059, 1.0, reach=2.0) == 0.0  # under 6 % of typical: a dot
    assert mv.gradient_arrow(0.061, 1.0, reach=2.0) == pytest.approx(0.122)
    assert mv.gradient_arrow(0.0, 1.0, reach=2.0) == 0.0
    with pytest.raises(ValueError, match="reach must be positive and finite; got -1"):
        mv.gradient_arrow(1.0, 1.0, reach=-1.0)
