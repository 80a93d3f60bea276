import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathviz import multivariable as mv
from mathviz.catalog import SURFACES, surface, typed_surface
from mathviz.charts import surfaces as sc
from mathviz.expressions import ExpressionError

NAMES = list(SURFACES)


def grid(entry, n):
    (x0, x1), (y0, y1) = entry.window
    return np.stack(np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n), indexing="ij"))


def test_surface_lookup_and_its_error():
    assert surface("narrow") is SURFACES["narrow"]
    assert surface("narrow").gradient(np.array([1.0, 1.0])).tolist() == [2.0, 20.0]
    with pytest.raises(ValueError, match="name must be one of") as error:
        surface("nope")
    message = str(error.value)
    assert "'nope'" in message
    for name in NAMES:
        assert name in message


def test_names_and_labels_are_unique():
    assert len(NAMES) == len(set(NAMES))
    labels = [entry.label for entry in SURFACES.values()]
    assert len(labels) == len(set(labels))
    assert all(entry.name == name for name, entry in SURFACES.items())


@pytest.mark.parametrize("name", NAMES)
def test_shapes_on_a_grid_and_a_symmetric_hessian(name):
    entry = SURFACES[name]
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = entry.window
    points = np.stack([rng.uniform(x0, x1, (5, 4)), rng.uniform(y0, y1, (5, 4))])
    values = entry(points)
    grads = entry.gradient(points)
    hessians = entry.hessian(points)
    assert values.shape == (5, 4)
    assert grads.shape == (2, 5, 4)
    assert hessians.shape == (2, 2, 5, 4)
    np.testing.assert_array_equal(hessians, np.swapaxes(hessians, 0, 1))
    assert np.all(np.isfinite(values))
    assert np.all(np.isfinite(grads))
    assert np.all(np.isfinite(hessians))
    # One point gives the same numbers as the grid, with the trailing axes dropped.
    one = points[:, 2, 3]
    assert entry(one).shape == ()
    assert entry.gradient(one).shape == (2,)
    assert entry.hessian(one).shape == (2, 2)
    np.testing.assert_allclose(entry(one), values[2, 3], rtol=1e-15)
    np.testing.assert_allclose(entry.gradient(one), grads[:, 2, 3], rtol=1e-15)
    np.testing.assert_allclose(entry.hessian(one), hessians[:, :, 2, 3], rtol=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_typed_formula_gives_the_same_surface_and_derivatives(name):
    entry = SURFACES[name]
    typed = typed_surface(entry.text, window=entry.window)
    points = grid(entry, 7)
    np.testing.assert_allclose(typed(points), entry(points), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        typed.gradient(points), entry.gradient(points), rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(typed.hessian(points), entry.hessian(points), rtol=1e-12, atol=1e-12)
    assert typed.quadratic == entry.quadratic


@pytest.mark.parametrize("name", [name for name in NAMES if SURFACES[name].lowest is not None])
def test_lowest_is_the_minimum_over_the_window(name):
    entry = SURFACES[name]
    smallest = float(entry(grid(entry, 2001)).min())
    assert smallest >= entry.lowest - 1e-12
    assert smallest <= entry.lowest + 1e-3


@pytest.mark.parametrize("name", [name for name in NAMES if SURFACES[name].lowest is None])
def test_surfaces_without_a_lowest_value_are_unbounded_below(name):
    entry = SURFACES[name]
    rays = np.stack([np.cos(np.linspace(0, 2 * np.pi, 73)), np.sin(np.linspace(0, 2 * np.pi, 73))])
    assert float(entry(1e4 * rays).min()) < -1e4


@pytest.mark.parametrize("name", NAMES)
def test_quadratic_flag_is_true_exactly_when_the_hessian_is_constant(name):
    entry = SURFACES[name]
    hessians = entry.hessian(grid(entry, 9)).reshape(4, -1)
    constant = bool(np.ptp(hessians, axis=1).max() == 0)
    assert entry.quadratic == constant


def test_typed_surface_has_exact_derivatives():
    s = typed_surface("x^2*y")
    assert s.name == "typed"
    assert s.gradient(np.array([1.0, 3.0])).tolist() == [6.0, 1.0]
    assert s.hessian(np.array([1.0, 3.0])).tolist() == [[6.0, 2.0], [2.0, 0.0]]
    points = np.stack(np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 3, 4), indexing="ij"))
    x, y = points
    np.testing.assert_allclose(s(points), x**2 * y, rtol=1e-15)
    np.testing.assert_allclose(s.gradient(points), np.stack([2 * x * y, x**2]), rtol=1e-15)
    expected = np.stack([np.stack([2 * y, 2 * x]), np.stack([2 * x, np.zeros_like(x)])])
    np.testing.assert_allclose(s.hessian(points), expected, rtol=1e-15)
    assert s.hessian(points).shape == (2, 2, 5, 4)


@pytest.mark.parametrize(
    ("text", "quadratic"),
    [
        ("x^2 + 3*x*y", True),
        ("x + 2*y", True),
        ("x^2 + x*y + 2*y^2 - 4", True),
        ("x^2*y", False),
        ("sin(x)*cos(y)", False),
        ("x^4 + y^2", False),
    ],
)
def test_typed_surface_quadratic_flag(text, quadratic):
    assert typed_surface(text).quadratic is quadratic


def test_typed_surface_keeps_its_window_and_refuses_nonsense():
    window = ((-1.0, 2.0), (0.0, 5.0))
    assert typed_surface("x*y", window=window).window == window
    with pytest.raises(ExpressionError):
        typed_surface("x +* y")


# ---------------------------------------------------------------- the 3-D view's data

finite = st.floats(-50, 50, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    p=st.tuples(finite, finite),
    value=finite,
    grad=st.tuples(finite, finite),
    reach=st.floats(0.01, 5),
)
def test_the_tangent_lines_lie_in_the_tangent_plane_and_span_it(p, value, grad, reach):
    p, grad = np.array(p), np.array(grad)
    gx, gy = grad
    along_x, along_y = sc.tangent_lines(p, value, grad, reach)
    for line in (along_x, along_y):
        heights = mv.tangent_plane(p, value, grad, line[:, :2].T)
        np.testing.assert_allclose(line[:, 2], heights, rtol=1e-12, atol=1e-9)
    # the two directions (1, 0, f_x) and (0, 1, f_y) are independent: they span a plane
    dx, dy = along_x[1] - along_x[0], along_y[1] - along_y[0]
    assert np.linalg.norm(np.cross(dx, dy)) > 0
    np.testing.assert_allclose(dx, [2 * reach, 0, 2 * reach * gx], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(dy, [0, 2 * reach, 2 * reach * gy], rtol=1e-12, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(gx=finite, gy=finite, extent=st.floats(0.5, 10), top=st.floats(0.1, 1e4))
def test_the_plane_climbs_at_most_its_share_of_the_height_span(gx, gy, extent, top):
    reach = sc.plane_reach(extent, [gx, gy], (0.0, top))
    assert 0 < reach <= 0.35 * extent
    assert max(abs(gx), abs(gy)) * reach <= sc.PLANE_REACH * top * (1 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-20, 20), b=st.floats(-20, 20), c=st.floats(-20, 20), reach=st.floats(0.1, 3))
def test_each_principal_curve_is_the_model_along_its_eigenvector(a, b, c, reach):
    H, p = np.array([[a, b], [b, c]]), np.array([0.5, -1.0])
    for lam, curve in sc.principal_curves(p, 2.0, H, reach, n=9):
        model = mv.quadratic_model(p, 2.0, H, curve[:, :2].T)
        np.testing.assert_allclose(curve[:, 2], model, rtol=1e-9, atol=1e-9)
        assert np.isclose(lam, np.linalg.eigvalsh(H), atol=1e-9).any()


def test_band_index_agrees_with_the_decile_edges():
    z = np.arange(101.0)
    levels = sc.band_levels(z)
    bands = sc.band_index(z, levels)
    assert np.bincount(bands.astype(int)).tolist() == [10] + [10] * 8 + [11]
    assert sc.band_index([np.nan], levels)[0] != sc.band_index([np.nan], levels)[0]  # nan


def test_the_colour_key_names_every_inner_edge_and_both_ends():
    bands = sc.band_table([1.0, 2.5, 1234.5], (0.02468, 9.9e6))
    key = sc.band_key_html(bands)
    assert all(label in key for label in (">1<", ">2.5<", ">1230<"))
    assert "<b>0.0247</b>" in key
    assert "<b>9.9e+06</b>" in key
    assert key.count("background:") == 4
    assert "1.25rem" in sc.band_key_html(bands, projector=True)
