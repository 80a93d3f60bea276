"""The 3-D scenes: the surface, its tangent plane and lines, the quadratic model and its axes.

Every height drawn is checked against the core (``tangent_plane``, ``quadratic_model``,
``principal_axes``) or against a closed form, at the grid points the scene carries (sent
with seven significant digits, hence ``rel=1e-6``).
"""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathviz import multivariable as mv
from mathviz.catalog import SURFACES
from mathviz.charts import surfaces as sc
from mathviz.charts import three_d
from mathviz.charts.theme import COLORS

HIMMELBLAU = SURFACES["himmelblau"]


def gradient_figure(name="himmelblau", point=(1.0, 1.0), *, projector=False):
    surface = SURFACES[name]
    p = np.array(point)
    value, grad = float(surface(p)), surface.gradient(p)
    shown = sc.window_grid(surface)
    (x0, x1), _ = surface.window
    reach = sc.plane_reach((x1 - x0) / 2, grad, sc.height_span(shown.z))
    figure = three_d.gradient_scene(
        shown,
        sc.band_levels(shown.z),
        (p[0], p[1], value),
        plane=sc.tangent_patch(p, value, grad, reach),
        tangents=sc.tangent_lines(p, value, grad, reach),
        slices=(sc.slice_curve(surface, p, 0), sc.slice_curve(surface, p, 1)),
        ascent=sc.ascent_line(p, value, grad, reach),
        revision=surface.text,
        projector=projector,
    )
    return figure, p, value, grad, reach


def traces(figure) -> dict:
    """Every layer of a scene by name, its numbers as arrays (None read as nan)."""
    names = [found["name"] for kind in ("sheets", "lines", "points") for found in figure[kind]]
    return {name: three_d.layer(figure, name) for name in names}


def segments(trace) -> list[np.ndarray]:
    """A lines layer's polylines as (k, 3) arrays."""
    return trace["lines"]


APPROX = {"rel": 1e-6}


def test_the_surface_is_f_over_its_window_painted_in_the_maps_bands():
    figure, *_ = gradient_figure()
    surface = traces(figure)["f"]
    xs, ys, z = surface["xs"], surface["ys"], surface["z"]
    assert z.shape == (sc.SOLID, sc.SOLID)
    assert (xs[0], xs[-1], ys[0], ys[-1]) == (-5.0, 5.0, -5.0, 5.0)
    exact = sc.window_grid(HIMMELBLAU)  # the grid before its numbers were rounded to send
    X, Y = np.meshgrid(exact.xs, exact.ys)
    assert xs == pytest.approx(exact.xs, **APPROX)
    assert z == pytest.approx((X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2, **APPROX)
    bands = np.asarray(surface["cells"])
    assert bands.shape == (sc.SOLID - 1, sc.SOLID - 1)
    levels = sc.band_levels(sc.window_grid(HIMMELBLAU).z)
    assert bands.min() == 0
    assert bands.max() == len(levels)
    # a quad with a higher mean height never sits in a lower band
    mean = (z[:-1, :-1] + z[:-1, 1:] + z[1:, :-1] + z[1:, 1:]) / 4
    order = np.argsort(mean.ravel())
    assert np.all(np.diff(bands.ravel()[order]) >= 0)
    # the lowest band is the map's dark teal, the highest its pale grey
    assert surface["palette"][0] == three_d.BAND_COLORS[0] == sc.BAND_COLORS[0]
    assert surface["palette"][-1] == sc.BAND_COLORS[-1]
    assert len(surface["palette"]) == len(levels) + 1


def test_the_tangent_plane_has_the_cores_heights_at_its_grid_points():
    figure, p, value, grad, reach = gradient_figure("himmelblau", (1.0, 1.0))
    plane = traces(figure)["tangent plane"]
    xs, ys, z = plane["xs"], plane["ys"], plane["z"]
    assert xs[0] == pytest.approx(p[0] - reach)
    assert xs[-1] == pytest.approx(p[0] + reach)
    expected = mv.tangent_plane(p, value, grad, np.stack(np.meshgrid(xs, ys)))
    kept = np.isfinite(z)
    assert kept.mean() > 0.5
    assert z[kept] == pytest.approx(expected[kept], **APPROX)
    # at Himmelblau's (1, 1): f = 106, ∇f = (−46, −38) by hand
    assert value == 106
    assert grad.tolist() == [-46.0, -38.0]


def test_the_two_tangent_lines_have_the_partial_slopes_and_lie_in_the_plane():
    figure, p, value, grad, _ = gradient_figure("bowl", (1.5, 1.0))
    along_x, along_y = segments(traces(figure)["tangent lines"])
    for line, axis in ((along_x, 0), (along_y, 1)):
        other = 1 - axis
        assert np.ptp(line[:, other]) == 0  # the other coordinate stays fixed
        slope = (line[-1, 2] - line[0, 2]) / (line[-1, axis] - line[0, axis])
        assert slope == pytest.approx(grad[axis], **APPROX)  # ∂f/∂x = 3, ∂f/∂y = 2 for x² + y²
        expected = mv.tangent_plane(p, value, grad, line[:, :2].T)
        assert line[:, 2] == pytest.approx(expected, **APPROX)
    assert grad.tolist() == [3.0, 2.0]
    assert traces(figure)["tangent lines"]["color"] == COLORS["green"]


def test_the_slices_are_f_along_each_axis_through_the_point():
    figure, *_ = gradient_figure("bowl", (1.5, 1.0))
    along_x, along_y = segments(traces(figure)["slices"])
    assert np.all(along_x[:, 1] == 1.0)
    assert along_x[:, 2] == pytest.approx(along_x[:, 0] ** 2 + 1.0, **APPROX)
    assert np.all(along_y[:, 0] == 1.5)
    assert along_y[:, 2] == pytest.approx(2.25 + along_y[:, 1] ** 2, **APPROX)


def test_the_steepest_line_runs_along_the_gradient_and_climbs_at_its_length():
    figure, _, _, grad, reach = gradient_figure("bowl", (1.5, 1.0))
    (line,) = segments(traces(figure)["∇f (steepest up)"])
    step = line[1] - line[0]
    size = np.hypot(*grad)
    assert step[:2] == pytest.approx(reach * grad / size, **APPROX)
    assert step[2] / np.hypot(*step[:2]) == pytest.approx(size, **APPROX)


def test_a_flat_point_has_no_steepest_line_and_a_level_plane():
    figure, _, value, grad, _ = gradient_figure("bowl", (0.0, 0.0))
    assert grad.tolist() == [0.0, 0.0]
    assert segments(traces(figure)["∇f (steepest up)"]) == []
    plane = traces(figure)["tangent plane"]["z"]
    assert np.all(plane == value)


def test_a_steep_plane_is_cut_at_the_box_not_stretched():
    figure, *_ = gradient_figure("himmelblau", (4.5, 4.5))
    lo, hi = sc.height_span(traces(figure)["f"]["z"])
    plane = traces(figure)["tangent plane"]["z"]
    finite = plane[np.isfinite(plane)]
    pad = 0.1 * (hi - lo)
    assert finite.min() >= lo - pad
    assert finite.max() <= hi + pad
    assert figure["box"][2] == pytest.approx([lo - pad, hi + pad], **APPROX)


def test_the_view_is_fixed_tall_and_taller_on_a_projector():
    figure, *_ = gradient_figure()
    big, *_ = gradient_figure(projector=True)
    assert figure["height"] == three_d.HEIGHT >= 420
    assert big["height"] > 1.4 * figure["height"]
    assert (figure["projector"], big["projector"]) == (False, True)
    assert figure["aspect"] == [1.0, 1.0, three_d.Z_ASPECT]
    assert figure["revision"] == HIMMELBLAU.text  # the camera stays while the point moves
    assert figure["titles"] == ["x", "y", "f"]


def test_the_camera_starts_in_front_a_little_right_and_above():
    camera = gradient_figure()[0]["camera"]
    assert -90 < camera["azimuth"] < -45  # x runs across, y into the picture
    assert 15 <= camera["elevation"] <= 40


def test_the_scene_is_plain_json_small_to_send():
    figure, *_ = gradient_figure("himmelblau", (4.5, 4.5))  # a plane cut at the box: holes
    text = json.dumps(figure, allow_nan=False)  # a nan would not parse in the browser
    assert len(text) < 120_000
    assert (
        None in traces(figure)["tangent plane"]["z"].tolist()
        or np.isnan(traces(figure)["tangent plane"]["z"]).any()
    )


def test_plain_keeps_seven_digits_and_turns_nan_into_none():
    assert three_d.plain([1234.56789, float("inf"), -0.0]) == [1234.568, None, 0.0]
    assert three_d.plain(np.array([[np.nan]])) == [[None]]


def test_the_legend_names_every_layer_a_learner_must_tell_apart():
    figure, *_ = gradient_figure()
    names = [entry["name"] for entry in figure["legend"]]
    assert names == ["f", "tangent plane", "slices", "tangent lines", "∇f (steepest up)", "point"]
    assert figure["legend"][0]["colors"] == list(sc.BAND_COLORS)


def hessian_figure(name, p, radius):
    surface = SURFACES[name]
    p = np.asarray(p, dtype=float)
    H, value = surface.hessian(p), float(surface(p))
    square = ((p[0] - radius, p[0] + radius), (p[1] - radius, p[1] + radius))
    close = sc.window_grid(surface, square, n=41)
    model = sc.model_patch(p, value, H, radius)
    figure = three_d.hessian_scene(
        close,
        sc.band_levels(close.z),
        (p[0], p[1], value),
        mv.classify_hessian(H),
        model=model,
        axes=sc.principal_curves(p, value, H, radius),
        revision="r",
    )
    return figure, H, value, model


def test_the_model_net_has_the_cores_quadratic_heights():
    p = np.array([3.0, 2.0])  # a minimum of Himmelblau's f
    figure, H, value, _ = hessian_figure("himmelblau", p, 0.5)
    for line in segments(traces(figure)["quadratic model"]):
        expected = mv.quadratic_model(p, value, H, line[:, :2].T)
        # evaluated at the rounded positions: a slope of ~40 turns 1e-7 of x into ~1e-6 of z
        assert line[:, 2] == pytest.approx(expected, rel=1e-5, abs=1e-5)
    assert value == 0
    assert H.tolist() == [[74.0, 20.0], [20.0, 34.0]]


def test_a_saddles_model_is_the_saddle_itself():
    figure, _, _, _ = hessian_figure("saddle", (0.0, 0.0), 1.0)
    net = np.concatenate(segments(traces(figure)["quadratic model"]))
    # x² − y² is its own quadratic model
    assert net[:, 2] == pytest.approx(net[:, 0] ** 2 - net[:, 1] ** 2, rel=1e-6, abs=1e-9)


def test_each_axis_is_the_parabola_half_lambda_t_squared_along_its_eigenvector():
    figure, H, value, _ = hessian_figure("saddle", (0.0, 0.0), 1.0)
    lams, vecs = np.linalg.eigh(H)
    names = [t["name"] for t in figure["lines"] if t["name"].startswith("axis")]
    assert names == ["axis 1: λ₁ = −2", "axis 2: λ₂ = 2"]
    for name, lam, v in zip(names, lams, vecs.T, strict=True):
        (curve,) = segments(traces(figure)[name])
        t = curve[:, :2] @ v
        assert np.abs(curve[:, :2] - np.outer(t, v)).max() < 1e-6  # along the eigenvector
        assert curve[:, 2] == pytest.approx(value + 0.5 * lam * t**2, rel=1e-6, abs=1e-9)
        assert traces(figure)[name]["color"] == three_d.lambda_color(lam)
    assert three_d.lambda_color(-2.0) == COLORS["vermillion"]
    assert three_d.lambda_color(2.0) == COLORS["blue"]


def test_the_monkey_saddles_model_is_flat_and_its_axes_purple():
    figure, H, _, _ = hessian_figure("monkey", (0.0, 0.0), 0.5)
    assert np.all(H == 0)
    net = np.concatenate(segments(traces(figure)["quadratic model"]))
    assert np.all(net[:, 2] == 0)
    axes = [t for t in figure["lines"] if t["name"].startswith("axis")]
    assert [t["color"] for t in axes] == [COLORS["purple"]] * 2
    point = traces(figure)["degenerate"]
    assert point["color"] == COLORS["purple"]


def test_the_wire_net_takes_every_third_row_and_column():
    grid = sc.model_patch((0.0, 0.0), 0.0, np.eye(2), 1.0, n=31)
    net = three_d.wire(grid)
    assert len(net) == 22  # rows 0, 3, …, 30 and the same columns
    assert all(line.shape == (31, 3) for line in net)


def test_the_planes_edge_outlines_it_in_the_plane():
    figure, p, value, grad, _ = gradient_figure("bowl", (1.5, 1.0))
    rim = traces(figure)["plane's edge"]
    assert len(rim["lines"]) == 4
    for line in rim["lines"]:
        kept = np.isfinite(line[:, 2])
        expected = mv.tangent_plane(p, value, grad, line[kept, :2].T)
        assert line[kept, 2] == pytest.approx(expected, **APPROX)
    assert rim["color"] == traces(figure)["tangent plane"]["color"] == COLORS["green"]


def test_two_axes_of_one_colour_are_told_apart_by_a_dash():
    figure, *_ = hessian_figure("himmelblau", (3.0, 2.0), 0.5)  # a minimum: both λ > 0
    axes = [t for t in figure["lines"] if t["name"].startswith("axis")]
    assert [t["color"] for t in axes] == [COLORS["blue"]] * 2
    assert [t["dash"] for t in axes] == [False, True]
    kinds = [e["kind"] for e in figure["legend"] if e["name"].startswith("axis")]
    assert kinds == ["line", "dashed"]


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(-1e6, 1e6),
            st.floats(-1e-3, 1e-3),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_plain_rounds_all_at_once_as_seven_digit_decimals_would(values):
    sent = three_d.plain(np.array(values))
    for value, got in zip(values, sent, strict=True):
        if not math.isfinite(value):
            assert got is None
        else:
            # The same number as the 7-digit decimal, up to one unit in its last place.
            assert got == pytest.approx(float(f"{value:.7g}"), rel=1e-15, abs=1e-300)


def test_plain_sends_short_decimals_for_a_whole_grid():
    grid = np.linspace(-3.0, 3.0, 61)[:, None] * np.linspace(0.1, 7.0, 61)[None, :] / 3.0
    text = json.dumps(three_d.plain(grid))
    longest = max(len(part.strip(" []")) for part in text.split(","))
    assert longest <= len("-0.0000001") + 6  # 7 significant digits, never 17
