"""The Multivariable page's charts, fed the frames the page itself makes.

``sample`` (cells, contour lines, gradient field) and ``Plane.frames`` (the overlays) go into
``surface_chart`` exactly as ``draw_surface`` hands them over, so these tests check the data
as well as the spec: contour lines lie on their levels, arrows follow the gradient, and what
a rerun sends stays small.
"""

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

from mathviz import multivariable as mv
from mathviz.catalog import SURFACES, typed_surface
from mathviz.charts import multivariable as charts
from mathviz.charts import surfaces
from mathviz.charts.plane import Plane
from mathviz.topics.multivariable import descent_rates
from mathviz.topics.multivariable import gradient as gradient_topic
from mathviz.topics.multivariable import gradient_descent as descent
from mathviz.ui import cache, frame
from tests.charts.helpers import BUDGET, arrow_bytes, datasets, without_data

SURFACE_LAYERS = [
    "rect",  # heatmap
    "line",  # contour lines
    "rule",  # gradient field: shafts
    "point",  # gradient field: heads
    "line",  # white halo under the paths
    "line",  # plane: regions
    "line",  # plane: grid
    "line",  # plane: paths
    "circle",  # plane: dots
    "rule",  # plane: arrow shafts
    "point",  # plane: arrow heads
    "point",  # marks: a white ring under each
    "point",  # marks (critical points, the start)
    "text",  # plane: label halo
    "text",  # plane: labels
    "point",  # a dragged cell: its white halo
    "point",  # a dragged cell: its ring
]


# ---------------------------------------------------------------- helpers


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """``chart.to_dict()`` without Altair's 5000-row limit (the page's transformer has none)."""
    with alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict()


def gradient_plane(surface, shown: surfaces.Sample, point) -> Plane:
    """The overlays of the gradient topic (u along the x-axis), as the page builds them."""
    point = np.asarray(point, dtype=float)
    return gradient_topic.gradient_plane(surface, shown, point, np.array([1.0, 0.0]))[0]


def surface_frames(shown: surfaces.Sample, plane: Plane, marks=()) -> tuple[pd.DataFrame, ...]:
    """The ten frames ``draw_surface`` hands to ``surface_chart``, in its order."""
    return (
        shown.cells,
        shown.contours,
        shown.field,
        surfaces.marks_frame(list(marks)),
        *plane.frames(shown.extent),
    )


def surface_params(shown: surfaces.Sample, *, title: str = "f", pick: bool = False) -> dict:
    return {
        "centre": shown.centre,
        "extent": shown.extent,
        "cell": shown.cell,
        "title": title,
        "pick": pick,
    }


def surface_spec(name: str, *, pick: bool = False, point=(1.0, 1.0)) -> dict:
    surface = SURFACES[name]
    shown = surfaces.sample(surface)
    point = np.asarray(point, dtype=float)
    found = surface_frames(shown, gradient_plane(surface, shown, point), [(point, "point")])
    return spec_of(charts.surface_chart(*found, **surface_params(shown, pick=pick)))


def thin_path(path: np.ndarray, shown: surfaces.Sample) -> np.ndarray:
    """A descent path thinned for the view of ``shown``, as the descent topic draws it."""
    return charts.thin_path(path, centre=shown.centre, extent=shown.extent)


def sizes_by_layer(spec: dict) -> list[int]:
    return [len(spec["datasets"][layer["data"]["name"]]) for layer in spec["layer"]]


def evaluate_domain(expr: str, width: float, height: float) -> list[float]:
    """A Vega domain expression like "[c - E * max(1, height / width), …]" at a chart size."""
    return eval(expr, {"__builtins__": {}, "max": max, "width": width, "height": height})  # noqa: S307


@pytest.fixture
def fresh_templates():
    """No chart shape stored, before and after the test."""
    cache.clear("chart templates")
    yield
    cache.clear("chart templates")


@pytest.fixture(scope="module")
def rosenbrock_spec() -> dict:
    return surface_spec("rosenbrock", pick=True)


# ---------------------------------------------------------------- surface_chart: the spec


def test_surface_chart_layers_heat_contours_field_halo_plane_marks_then_labels(rosenbrock_spec):
    layers = rosenbrock_spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == SURFACE_LAYERS
    contours, shafts, heads, halo = layers[1:5]
    assert contours["encoding"]["detail"]["field"] == "path"
    assert contours["encoding"]["order"]["field"] == "i"
    assert contours["mark"]["color"] == "#ffffff"
    assert (shafts["encoding"]["x"]["field"], shafts["encoding"]["x2"]["field"]) == ("x0", "x")
    assert heads["mark"]["shape"] == charts.ARROW_HEAD
    assert heads["encoding"]["angle"]["scale"] is None
    assert halo["mark"]["strokeWidth"] > layers[7]["mark"].get("strokeWidth", 2)
    ring, dots = layers[11:13]
    assert ring["mark"]["color"] == "#ffffff"  # a minimum reads on the dark low ground
    assert ring["mark"]["size"] == 2 * dots["mark"]["size"]
    assert ring["encoding"]["shape"] == dots["encoding"]["shape"]
    assert dots["encoding"]["shape"]["field"] == "kind"
    assert dots["encoding"]["color"]["scale"]["domain"] == list(charts.KINDS)
    assert dots["encoding"]["shape"]["scale"]["domain"] == list(charts.KINDS)
    label_halo, label = layers[13:15]
    assert label_halo["mark"]["stroke"] == "white"
    assert label["encoding"]["text"]["field"] == "label"
    assert rosenbrock_spec["height"] == charts.SURFACE_HEIGHT
    assert rosenbrock_spec["title"] == "f"
    assert rosenbrock_spec["padding"]["right"] >= 10  # the last x label, flush right, fits


def test_surface_chart_layers_read_the_frames_in_argument_order():
    surface = SURFACES["bowl"]
    shown = surfaces.sample(surface)
    point = np.array([1.5, 1.0])
    found = surface_frames(shown, gradient_plane(surface, shown, point), [(point, "point")])
    cells, contours, field, marks, regions, grid, paths, arrows, points, labels = found
    spec = spec_of(charts.surface_chart(*found, **surface_params(shown)))
    expected = [cells, contours, field, field, paths, regions, grid, paths, points, arrows]
    expected += [arrows, marks, marks, labels, labels]
    assert sizes_by_layer(spec) == [len(data) for data in expected]
    assert [len(cells), len(field), len(marks), len(arrows), len(labels)] == [2500, 120, 1, 2, 2]
    assert len(paths) > 0
    assert len(grid) == 2


def test_heat_layer_has_quantile_bands_drops_invalid_f_and_spans_each_cell(rosenbrock_spec):
    heat = rosenbrock_spec["layer"][0]
    # A little over half a cell each way: neighbours overlap, so no seam shows between them.
    half = surfaces.sample(SURFACES["rosenbrock"]).cell / 2 * 1.08
    assert heat["mark"]["opacity"] == 1
    assert heat["transform"] == [
        {"filter": "isValid(datum.z) && isFinite(datum.z)"},
        {"calculate": f"datum.x - {half}", "as": "left"},
        {"calculate": f"datum.x + {half}", "as": "right"},
        {"calculate": f"datum.y - {half}", "as": "bottom"},
        {"calculate": f"datum.y + {half}", "as": "top"},
    ]
    encoding = heat["encoding"]
    assert [encoding[c]["field"] for c in ("x", "x2", "y", "y2")] == [
        "left",
        "right",
        "bottom",
        "top",
    ]
    colour = encoding["color"]
    assert colour["field"] == "z"
    assert colour["scale"]["type"] == "quantile"
    assert colour["scale"]["scheme"] == {"name": "lightgreyteal", "count": charts.BANDS}
    assert colour["legend"] is None
    assert [t["field"] for t in encoding["tooltip"]] == ["x", "y", "z"]
    assert heat["mark"]["clip"] is True


def test_a_smooth_heat_layer_colours_each_cell_by_its_rank_on_a_continuous_scale():
    surface = SURFACES["himmelblau"]
    shown = surfaces.sample(surface)
    found = surface_frames(shown, gradient_plane(surface, shown, [1.0, 1.0]))
    spec = spec_of(charts.surface_chart(*found, **surface_params(shown), smooth=True))
    heat = spec["layer"][0]
    assert heat["transform"][:2] == [
        {"filter": "isValid(datum.z) && isFinite(datum.z)"},
        {"window": [{"op": "cume_dist", "field": "", "as": "rank"}], "sort": [{"field": "z"}]},
    ]
    colour = heat["encoding"]["color"]
    assert colour["field"] == "rank"
    assert "type" not in colour["scale"]  # linear: a continuous shade, no stair steps
    assert colour["scale"]["domain"] == [0, 1]
    assert colour["scale"]["scheme"]["extent"] == [1 / 11, 10 / 11]  # as the bands sample it
    # The contours still sit at the deciles: where rank crosses k/10 the shade passes the
    # band colour the key shows there.
    z = shown.cells.z.dropna().to_numpy()
    levels = surfaces.band_levels(z)
    assert np.mean(z[None, :] <= levels[:, None], axis=1) == pytest.approx(
        np.arange(1, 10) / 10, abs=0.01
    )


@pytest.mark.parametrize("name", list(SURFACES))
def test_surface_axes_are_centred_on_the_window_with_equal_units(name):
    shown = surfaces.sample(SURFACES[name])
    (x0, x1), (y0, y1) = SURFACES[name].window
    assert shown.centre == ((x0 + x1) / 2, (y0 + y1) / 2)
    heat = surface_spec(name)["layer"][0]["encoding"]
    assert heat["x"]["scale"]["nice"] is False
    assert heat["y"]["scale"]["nice"] is False
    for width, height in [(300, 420), (420, 420), (1000, 420)]:  # phone, square, desktop
        left, right = evaluate_domain(heat["x"]["scale"]["domain"]["expr"], width, height)
        bottom, top = evaluate_domain(heat["y"]["scale"]["domain"]["expr"], width, height)
        assert (left + right) / 2 == pytest.approx(shown.centre[0])
        assert (bottom + top) / 2 == pytest.approx(shown.centre[1])
        assert (right - left) / width == pytest.approx((top - bottom) / height)  # equal units
        assert min(right - left, top - bottom) == pytest.approx(2 * shown.extent)


def test_rosenbrock_y_domain_is_centred_on_1(rosenbrock_spec):
    # Window ((-2, 2), (-1, 3)): centre (0, 1), E = 2.
    encoding = rosenbrock_spec["layer"][0]["encoding"]
    y = encoding["y"]["scale"]["domain"]["expr"]
    assert y == "[1.0 - 2.0 * max(1, height / width), 1.0 + 2.0 * max(1, height / width)]"
    assert encoding["x"]["scale"]["domain"]["expr"] == (
        "[-2.0 * max(1, width / height), 2.0 * max(1, width / height)]"
    )


def test_pick_selects_the_cell_let_go_of_and_a_held_pointer_rings_the_cell_under_it(
    rosenbrock_spec,
):
    grab, pick = rosenbrock_spec["params"]
    assert pick["name"] == charts.PICK == "pick"
    # A click is a press and a release: it still picks, and so does the end of a drag.
    assert pick["select"] == {
        "type": "point",
        "fields": ["x", "y"],
        "on": "pointerup",
        "clear": False,
    }
    assert grab["name"] == charts.GRAB
    assert grab["select"]["on"] == "pointerdown, pointermove[event.buttons > 0]"
    for param in (grab, pick):
        assert param["views"] == [rosenbrock_spec["layer"][0]["name"]]  # on the heatmap
    # The ring is drawn only while a cell is held: an empty grab draws nothing.
    rings = rosenbrock_spec["layer"][-2:]
    for ring in rings:
        assert {"filter": {"param": charts.GRAB, "empty": False}} in ring["transform"]
        assert ring["mark"]["filled"] is False


def test_no_pick_means_no_selection_anywhere():
    spec = surface_spec("rosenbrock", pick=False)
    assert "params" not in spec
    assert all("params" not in layer for layer in spec["layer"])


# ---------------------------------------------------------------- sample: the data


@pytest.mark.parametrize("name", list(SURFACES))
def test_sample_cells_are_float32_on_a_grid_reaching_pad_times_the_extent(name):
    surface = SURFACES[name]
    shown = surfaces.sample(surface)
    cells = shown.cells
    (x0, x1), (y0, y1) = surface.window
    assert shown.extent == max(x1 - x0, y1 - y0) / 2
    assert list(cells.columns) == ["x", "y", "z"]
    assert all(dtype == np.float32 for dtype in cells.dtypes)
    assert len(cells) == surfaces.CELLS**2
    half = surfaces.PAD * shown.extent
    for axis, centre in zip("xy", shown.centre, strict=True):
        values = np.unique(cells[axis].to_numpy())
        assert len(values) == surfaces.CELLS
        assert values.min() == pytest.approx(centre - half, abs=1e-5)
        assert values.max() == pytest.approx(centre + half, abs=1e-5)
        assert np.diff(values) == pytest.approx(shown.cell, rel=1e-4)
    assert shown.cell == pytest.approx(2 * half / (surfaces.CELLS - 1))
    exact = surface(np.stack([cells["x"].to_numpy(float), cells["y"].to_numpy(float)]))
    assert cells["z"].to_numpy(float) == pytest.approx(exact, rel=1e-5, abs=1e-5)


def test_levels_are_the_deciles_of_the_finite_values():
    assert surfaces.band_levels(np.arange(101.0)) == pytest.approx(np.arange(10.0, 100.0, 10.0))
    with_gaps = np.concatenate([np.arange(101.0), [np.nan, np.inf, -np.inf]])
    assert surfaces.band_levels(with_gaps) == pytest.approx(np.arange(10.0, 100.0, 10.0))
    assert len(surfaces.band_levels(np.arange(101.0))) == charts.BANDS - 1
    assert surfaces.band_levels(np.full(50, 5.0)).size == 0
    assert surfaces.band_levels(np.full(50, np.nan)).size == 0


@pytest.mark.parametrize("name", ["bowl", "himmelblau", "rosenbrock", "waves"])
def test_sampled_levels_are_the_deciles_of_f_over_the_cells(name):
    surface = SURFACES[name]
    cells = surfaces.sample(surface).cells
    z = surface(np.stack([cells["x"].to_numpy(float), cells["y"].to_numpy(float)]))
    deciles = np.quantile(z, np.arange(1, charts.BANDS) / charts.BANDS)
    assert surfaces.band_levels(z) == pytest.approx(deciles)
    # The bands' edges: each holds a tenth of the cells.
    counts = np.histogram(z, bins=[-np.inf, *deciles, np.inf])[0]
    assert counts == pytest.approx(np.full(charts.BANDS, len(z) / charts.BANDS), abs=2)


@pytest.mark.parametrize("name", ["bowl", "himmelblau", "rosenbrock", "waves"])
def test_every_contour_line_lies_on_one_level(name):
    surface = SURFACES[name]
    shown = surfaces.sample(surface)
    cells, contours = shown.cells, shown.contours
    z = surface(np.stack([cells["x"].to_numpy(float), cells["y"].to_numpy(float)]))
    levels = surfaces.band_levels(z)
    span = float(np.ptp(z))
    f = surface(np.stack([contours["x"].to_numpy(float), contours["y"].to_numpy(float)]))
    used = set()
    for path, rows in contours.assign(f=f).groupby("path"):
        level = int(np.argmin(np.abs(levels - rows["f"].median())))
        used.add(level)
        worst = float(np.abs(rows["f"] - levels[level]).max())
        assert worst < 5e-3 * span, (path, levels[level], worst)
        assert worst < 0.25 * np.diff(levels).min()  # never mistaken for the next level
        assert rows["i"].tolist() == list(range(len(rows)))
    assert used == set(range(len(levels)))  # every band edge is drawn


@pytest.mark.parametrize("name", list(SURFACES))
def test_field_arrows_have_one_length_and_point_up_the_exact_gradient(name):
    surface = SURFACES[name]
    shown = surfaces.sample(surface)
    field = shown.field.to_numpy(float)
    assert len(field) > 0
    assert list(shown.field.columns) == ["x0", "y0", "x", "y"]
    start, end = field[:, :2], field[:, 2:]
    step = end - start
    spacing = 2 * shown.extent * (1 - 1 / surfaces.FIELD) / (surfaces.FIELD - 1)
    assert np.hypot(*step.T) == pytest.approx(np.full(len(step), 0.55 * spacing), rel=1e-4)
    middle = (start + end) / 2
    grad = surface.gradient(middle.T).T
    cosine = (step * grad).sum(axis=1) / (np.hypot(*step.T) * np.hypot(*grad.T))
    assert cosine.min() > 0.999
    # The middles sit on the FIELD × FIELD grid inside centre ± E.
    reach = shown.extent * (1 - 1 / surfaces.FIELD) + 1e-5
    assert np.abs(middle - np.asarray(shown.centre)).max() <= reach


def test_bowl_field_leaves_out_only_the_flat_centre():
    field = surfaces.sample(SURFACES["bowl"]).field
    assert len(field) == surfaces.FIELD**2 - 1
    middle = np.column_stack([(field.x0 + field.x) / 2, (field.y0 + field.y) / 2])
    assert np.hypot(*middle.T).min() > 0.5  # no arrow at the minimum (0, 0)


def test_undefined_f_stays_nan_in_the_cells_and_the_chart_filters_it():
    surface = typed_surface("log(x) + y^2")
    shown = surfaces.sample(surface)
    cells = shown.cells
    assert cells["z"].isna().to_numpy().tolist() == (cells["x"] <= 0).to_numpy().tolist()
    assert int(cells["z"].isna().sum()) == surfaces.CELLS**2 // 2
    assert np.isfinite(cells.loc[cells["x"] > 0, "z"]).all()
    # The contour lines are still there, all where f is defined.
    assert shown.contours["path"].nunique() >= charts.BANDS - 1
    assert shown.contours["x"].min() > 0
    spec = spec_of(
        charts.surface_chart(
            *surface_frames(shown, Plane(centre=shown.centre)), **surface_params(shown)
        )
    )
    heat = spec["layer"][0]
    assert heat["transform"][0] == {"filter": "isValid(datum.z) && isFinite(datum.z)"}
    rows = spec["datasets"][heat["data"]["name"]]
    assert sum(row["z"] is None for row in rows) == surfaces.CELLS**2 // 2  # null: isValid is false


def test_flat_surface_gives_no_contours_and_no_field_with_the_usual_columns():
    flat = surfaces.sample(typed_surface("5"))
    bowl = surfaces.sample(SURFACES["bowl"])
    assert np.all(flat.cells["z"] == 5)
    assert len(flat.contours) == 0
    assert len(flat.field) == 0
    # Same columns and dtypes as a busy surface: the chart's template stays the same.
    assert flat.contours.dtypes.to_dict() == bowl.contours.dtypes.to_dict()
    assert flat.field.dtypes.to_dict() == bowl.field.dtypes.to_dict()
    assert list(flat.contours.columns) == ["x", "y", "path", "i"]
    assert list(flat.field.columns) == ["x0", "y0", "x", "y"]
    spec = spec_of(
        charts.surface_chart(
            *surface_frames(flat, Plane(centre=flat.centre)), **surface_params(flat)
        )
    )
    assert sizes_by_layer(spec)[:4] == [surfaces.CELLS**2, 0, 0, 0]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("x^2 + x*y + 2*y^2", "everywhere but the flat minimum"),
        ("1/x + y", "everywhere but the pole x = 0"),
        ("log(x) + y^2", "only where x > 0"),
    ],
)
def test_field_has_an_arrow_at_every_node_where_f_and_its_gradient_are_finite(text, where):
    surface = typed_surface(text)
    shown = surfaces.sample(surface)
    nodes = np.linspace(-1, 1, surfaces.FIELD) * shown.extent * (1 - 1 / surfaces.FIELD)
    grid = np.stack(np.meshgrid(nodes + shown.centre[0], nodes + shown.centre[1]))
    grad = surface.gradient(grid)
    good = np.isfinite(surface(grid)) & np.isfinite(grad).all(axis=0) & (np.hypot(*grad) > 0)
    field = shown.field.to_numpy(float)
    middle = (field[:, :2] + field[:, 2:]) / 2
    # Each arrow's middle is a node: name it by its column and row.
    at = np.rint((middle - np.asarray(shown.centre) - nodes[0]) / (nodes[1] - nodes[0]))
    assert np.abs(middle - np.asarray(shown.centre) - nodes[at.astype(int)]).max(initial=0) < 1e-4
    found = {(int(col), int(row)) for col, row in at}
    rows, cols = np.nonzero(good)
    expected = set(zip(cols.tolist(), rows.tolist(), strict=True))
    assert len(expected) > 0, where
    assert found == expected, f"{text}: {len(found)} arrows, expected {len(expected)} ({where})"


# ---------------------------------------------------------------- what a rerun sends


@pytest.mark.parametrize("name", list(SURFACES))
def test_surface_chart_payload_stays_under_100_kb(name, fresh_templates):
    surface = SURFACES[name]
    shown = surfaces.sample(surface)
    point = np.array([1.0, 1.0])
    found = surface_frames(shown, gradient_plane(surface, shown, point), [(point, "point")])
    params = surface_params(shown, title=f"f(x, y) = {surface.text}", pick=True)
    template = frame.spec(charts.surface_chart, *found, **params)
    data = {i: arrow_bytes(f) for i, f in enumerate(found)}
    spec = len(json.dumps(template))
    total = spec + sum(data.values())
    assert total < BUDGET, f"{name}: {total} bytes (spec {spec}, Arrow by frame {data})"


# ---------------------------------------------------------------- thinning a descent path


@pytest.fixture(scope="module")
def rosenbrock_runs() -> dict[str, mv.Descent]:
    surface = SURFACES["rosenbrock"]
    return mv.compare_descent(
        surface, np.array([-1.5, 2.0]), lr=0.001, steps=descent.FULL_RUN, grad=surface.gradient
    )


@pytest.mark.parametrize("method", list(mv.METHODS))
def test_thin_path_keeps_ends_and_a_few_hundred_points_of_a_long_run(rosenbrock_runs, method):
    shown = surfaces.sample(SURFACES["rosenbrock"])
    path = rosenbrock_runs[method].path
    assert len(path) == descent.FULL_RUN + 1
    thin = thin_path(path, shown)
    assert 2 <= len(thin) <= 300
    assert thin[0].tolist() == path[0].tolist()
    assert thin[-1].tolist() == path[-1].tolist()
    # A subsequence, in order, with at most one point per 0.4 % of the view along the path.
    index = [int(np.flatnonzero((path == p).all(axis=1))[0]) for p in thin]
    assert index == sorted(index)
    along = np.abs(np.diff(path, axis=0)).max(axis=1).sum()
    assert len(thin) <= along / (0.004 * shown.extent) + 2


def test_thin_path_keeps_a_geometric_path_short():
    shown = surfaces.sample(SURFACES["narrow"])
    path = np.array([-2.5, 1.5]) * 0.99 ** np.arange(descent.FULL_RUN + 1)[:, None]
    thin = thin_path(path, shown)
    assert len(thin) <= 400
    assert thin[0].tolist() == path[0].tolist()
    assert thin[-1].tolist() == path[-1].tolist()


def test_thin_path_keeps_every_turn_of_a_zig_zag_wider_than_the_gap():
    shown = surfaces.sample(SURFACES["narrow"])
    gap = 0.004 * shown.extent
    k = np.arange(60)
    path = np.column_stack([-2.5 + 0.1 * gap * k, 2 * gap * (-1.0) ** k])
    thin = thin_path(path, shown)
    assert thin.tolist() == path.tolist()


def test_thin_path_leaves_short_paths_alone():
    shown = surfaces.sample(SURFACES["narrow"])
    for path in (np.zeros((1, 2)), np.array([[0.0, 0.0], [0.0, 0.0]])):
        assert thin_path(path, shown).tolist() == path.tolist()


def test_thin_path_cuts_a_diverging_run_just_after_it_leaves_four_times_the_view():
    surface = SURFACES["narrow"]
    shown = surfaces.sample(surface)
    run = mv.gradient_descent(surface, [-2.5, 1.5], lr=0.105, steps=descent.FULL_RUN)
    assert run.diverged
    far = np.abs(run.path - np.asarray(shown.centre)).max(axis=1) > 4 * shown.extent
    first = int(np.argmax(far))
    assert far.any()
    assert first < len(run.path) - 10  # the run goes on far beyond the view
    thin = thin_path(run.path, shown)
    assert thin[-1].tolist() == run.path[first].tolist()  # one step outside, then cut
    assert np.abs(thin[:-1] - np.asarray(shown.centre)).max() <= 4 * shown.extent


def test_thin_path_measures_far_from_the_view_centre():
    shown = surfaces.sample(SURFACES["rosenbrock"])  # centre (0, 1), E = 2: far is beyond y = 9
    ys = np.linspace(1.0, 12.0, 400)
    path = np.column_stack([np.zeros_like(ys), ys])
    thin = thin_path(path, shown)
    assert thin[-2, 1] <= 9.0 < thin[-1, 1]
    assert thin[-1, 1] == ys[np.argmax(ys > 9.0)]


@pytest.mark.parametrize("length", [1, 5, 400, 401, 1001, 100_001])
def test_thin_series_keeps_at_most_400_indices_first_and_last(length):
    index = charts.thin_series(np.ones(length))
    assert len(index) <= 400
    assert index[0] == 0
    assert index[-1] == length - 1
    assert np.all(np.diff(index) > 0)
    if length <= 400:
        assert index.tolist() == list(range(length))
    else:
        assert len(index) >= 399  # evenly spread, hardly any lost to rounding


# ---------------------------------------------------------------- loss and direction charts


@pytest.fixture(scope="module")
def loss_series() -> pd.DataFrame:
    surface = SURFACES["narrow"]
    runs = mv.compare_descent(
        surface, np.array([-2.5, 1.5]), lr=0.09, steps=descent.FULL_RUN, grad=surface.gradient
    )
    return descent.loss_series(surface, runs)


def test_loss_series_is_thinned_per_method_with_the_descent_columns(loss_series):
    assert list(loss_series.columns) == ["step", "value", "method"]
    assert set(loss_series["method"]) == set(mv.METHODS)
    for _, rows in loss_series.groupby("method"):
        assert len(rows) <= 400
        assert rows["step"].iloc[0] == 0


def test_loss_chart_on_a_log_scale_drops_values_that_are_not_positive(loss_series):
    spec = spec_of(charts.loss_chart(loss_series, title="f − min f (log scale)"))
    (lines,) = spec["layer"]
    assert lines["transform"] == [{"filter": "datum.value > 0"}]
    y = lines["encoding"]["y"]
    assert y["field"] == "value"
    assert y["scale"] == {"type": "log"}
    assert y["title"] == "f − min f (log scale)"
    assert lines["encoding"]["x"]["field"] == "step"
    colour = lines["encoding"]["color"]
    assert colour["scale"]["domain"] == ["plain", "momentum", "adam"]
    assert colour["scale"]["range"] == [
        charts.METHOD_PALETTE[m] for m in ("plain", "momentum", "adam")
    ]
    assert lines["mark"]["invalid"] == charts.BREAK
    assert spec["height"] == 240
    assert sorted(len(d) for d in datasets(spec)) == [len(loss_series)]


def test_loss_chart_on_a_linear_scale_keeps_every_value(loss_series):
    spec = spec_of(charts.loss_chart(loss_series, title="f", log=False))
    (lines,) = spec["layer"]
    assert "transform" not in lines
    assert lines["encoding"]["y"]["scale"] == {"zero": False}


def test_direction_chart_runs_round_the_full_turn():
    turns = np.arange(0, 361, 3, dtype=float)
    grad = np.array([3.0, 2.0])
    curve = pd.DataFrame(
        {
            "angle": turns,
            "slope": grad @ np.stack([np.cos(np.radians(turns)), np.sin(np.radians(turns))]),
        }
    )
    marker = pd.DataFrame({"angle": [30.0, 33.69], "slope": [3.6, 3.61], "label": ["u", "∇f"]})
    spec = spec_of(charts.direction_chart(curve, marker))
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "line", "point", "text"]
    x = spec["layer"][1]["encoding"]["x"]
    assert x["scale"] == {"domain": [0, 360], "nice": False}
    assert x["axis"]["values"] == [0, 90, 180, 270, 360]
    assert spec["layer"][2]["encoding"]["color"]["scale"]["domain"] == ["u", "∇f"]
    assert sorted(len(d) for d in datasets(spec)) == [1, 2, len(curve)]


# ---------------------------------------------------------------- one template per shape


def test_two_points_on_one_surface_share_one_template(fresh_templates):
    surface = SURFACES["himmelblau"]
    shown = surfaces.sample(surface)
    params = surface_params(shown, title=f"f(x, y) = {surface.text}", pick=True)
    specs = []
    for point in ([1.0, 1.0], [-3.0, 2.5]):
        p = np.array(point)
        found = surface_frames(shown, gradient_plane(surface, shown, p), [(p, "point")])
        specs.append(frame.spec(charts.surface_chart, *found, **params))
    assert frame.templates_held() == 1
    assert specs[0] == specs[1]
    # Every frame is a named slot filled in on each run, read by its layers in order.
    names = [layer["data"]["name"] for layer in specs[0]["layer"]]
    assert names == [f"arg{i}" for i in (0, 1, 2, 2, 6, 4, 5, 6, 8, 7, 7, 3, 3, 9, 9, 0, 0)]
    assert specs[0].get("datasets", {}) == {}
    other = surfaces.sample(SURFACES["bowl"])
    bowl = surface_frames(other, gradient_plane(SURFACES["bowl"], other, [1.0, 1.0]))
    frame.spec(charts.surface_chart, *bowl, **surface_params(other))
    assert frame.templates_held() == 2


def test_surface_spec_changes_only_in_its_data_when_the_point_moves():
    one = surface_spec("himmelblau", point=(1.0, 1.0))
    two = surface_spec("himmelblau", point=(-3.0, 2.5))
    assert datasets(one) != datasets(two)
    assert without_data(one) == without_data(two)


# ---------------------------------------------------------------- drawing helpers


def test_level_curves_lie_on_their_level_and_skip_a_flat_grid():
    xs = np.linspace(-2.0, 2.0, 81)
    X, Y = np.meshgrid(xs, xs)
    lines = surfaces.level_curves(xs, xs, X**2 + Y**2, [1.0])
    assert len(lines) == 1
    radius = np.hypot(*lines[0].T)
    assert radius == pytest.approx(np.ones_like(radius), abs=2e-3)
    assert len(lines[0]) < 200  # thinned: the circle's straight runs lose their middles
    assert surfaces.level_curves(xs, xs, np.full_like(X, 5.0), [5.0]) == []
    assert surfaces.level_curves(xs, xs, np.full_like(X, np.nan), [0.0]) == []


def test_level_curves_stop_where_f_is_undefined():
    xs = np.linspace(-2.0, 2.0, 81)
    X, Y = np.meshgrid(xs, xs)
    z = np.where(X > 0, Y, np.nan)
    (line,) = surfaces.level_curves(xs, xs, z, [0.5])
    assert line[:, 0].min() >= 0
    assert line[:, 1] == pytest.approx(np.full(len(line), 0.5))


def test_simplify_keeps_the_ends_and_moves_the_line_by_less_than_the_tolerance():
    t = np.linspace(0, np.pi, 400)
    line = np.column_stack([np.cos(t), np.sin(t)])
    thin = surfaces.simplify(line, 1e-4)
    assert thin[0].tolist() == line[0].tolist()
    assert thin[-1].tolist() == line[-1].tolist()
    assert len(thin) < len(line)
    assert np.hypot(*thin.T) == pytest.approx(np.ones(len(thin)))
    assert surfaces.simplify(line[:2], 1.0).tolist() == line[:2].tolist()


def test_contour_through_the_point_is_the_one_level_line_near_it():
    surface = SURFACES["bowl"]
    shown = surfaces.sample(surface)
    point = np.array([1.5, 1.0])
    (line,) = shown.contour_through(point, float(surface(point)))
    assert np.hypot(*line.T) == pytest.approx(np.full(len(line), np.hypot(1.5, 1.0)), rel=1e-3)
    assert shown.contour_through(point, float("nan")) == []
    assert shown.contour_through(np.array([0.0, 0.0]), float(surface(point))) == []


def test_sample_points_are_the_fine_grid_and_its_arrays_are_read_only():
    shown = surfaces.sample(SURFACES["saddle"])
    assert shown.points.shape == (2, surfaces.FINE, surfaces.FINE)
    np.testing.assert_array_equal(SURFACES["saddle"](shown.points), shown.z)
    for array in (shown.xs, shown.ys, shown.z):
        assert not array.flags.writeable


def test_axis_slice_walks_one_axis_with_the_tangent_near_the_curve():
    surface = SURFACES["bowl"]
    point = np.array([1.5, 1.0])
    lines = surfaces.axis_slice(surface, point, 1, 2.0)
    curve = lines[lines["line"] == "f"]
    tangent = lines[lines["line"] == "tangent"]
    assert len(curve) == 160
    (lo, hi) = surface.window[1]
    assert (curve["x"].min(), curve["x"].max()) == (lo, hi)
    assert curve["y"].to_numpy() == pytest.approx(1.5**2 + curve["x"].to_numpy() ** 2)
    assert tangent["y"].to_numpy() == pytest.approx(3.25 + 2.0 * (tangent["x"].to_numpy() - 1.0))
    span = np.ptp(curve["y"].to_numpy())
    assert np.abs(tangent["y"].to_numpy() - 3.25).max() <= span


def test_marks_frame_keeps_its_columns_when_empty():
    empty = surfaces.marks_frame([])
    full = surfaces.marks_frame([(np.array([1.0, 2.0]), "minimum"), ((0.0, -1.0), "start")])
    assert list(empty.columns) == list(full.columns) == ["x", "y", "kind"]
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert full.to_dict("list") == {"x": [1.0, 0.0], "y": [2.0, -1.0], "kind": ["minimum", "start"]}


def test_square_outline_runs_round_the_square_and_closes():
    corners, outline = charts.square_outline(0.5)
    assert corners.tolist() == [[-0.25, -0.25], [0.25, -0.25], [0.25, 0.25], [-0.25, 0.25]]
    assert len(outline) == 4 * 29 + 1
    assert outline[0].tolist() == outline[-1].tolist() == corners[0].tolist()
    assert np.abs(outline).max(axis=1) == pytest.approx(np.full(len(outline), 0.25))
    assert [outline[29 * i].tolist() for i in range(4)] == corners.tolist()


# ---------------------------------------------------------------- the descent map, played


def descent_spec(lr: float = 0.105, steps: int = 60) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """The descent map of the narrow bowl from (−2.5, 1.5), as the page builds it."""
    surface = SURFACES["narrow"]
    shown = surfaces.sample(surface)
    runs = mv.compare_descent(surface, [-2.5, 1.5], lr=lr, steps=steps, grad=surface.gradient)
    paths = {m: r.path for m, r in runs.items()}
    track, exits = charts.descent_frames(paths, centre=shown.centre, extent=shown.extent)
    marks = surfaces.marks_frame([((0.0, 0.0), "goal"), ((-2.5, 1.5), "start")])
    overlays = Plane(centre=shown.centre).frames(shown.extent)
    spec = spec_of(
        charts.descent_chart(
            shown.cells, shown.contours, marks, track, exits, *overlays,
            centre=shown.centre, extent=shown.extent, cell=shown.cell, last=steps,
        )
    )  # fmt: skip
    return spec, track, exits


def test_descent_chart_binds_a_step_slider_from_0_to_the_longest_run():
    spec, _, _ = descent_spec(steps=60)
    (param,) = [p for p in spec["params"] if p["name"] == charts.STEP]
    assert param["value"] == 60
    assert param["bind"] == {"input": "range", "min": 0, "max": 60, "step": 1, "name": "step "}
    assert spec["padding"]["right"] >= 10  # the last x label, flush right, fits
    assert all("padding" not in layer for layer in spec["layer"])  # set once, at the top


def test_descent_chart_draws_the_walked_path_and_a_ball_up_to_the_step():
    spec, _, _ = descent_spec()
    filters = [
        t["filter"]
        for layer in spec["layer"]
        for t in layer.get("transform", [])
        if isinstance(t.get("filter"), str)
    ]
    assert filters.count(f"datum.step <= {charts.STEP}") >= 3  # halo, path, ball (and exits)
    balls = [
        layer
        for layer in spec["layer"]
        if any(t.get("filter") == "datum.step == datum.reached" for t in layer.get("transform", []))
    ]
    assert len(balls) == 1
    assert balls[0]["transform"][1] == {
        "joinaggregate": [{"op": "max", "field": "step", "as": "reached"}],
        "groupby": ["method"],
    }


def test_the_minimums_star_is_drawn_over_the_balls_that_reach_it():
    spec, _, _ = descent_spec()
    marks = [layer.get("mark", {}) for layer in spec["layer"]]
    filters = [str(layer.get("transform", "")) for layer in spec["layer"]]
    ball = next(i for i, m in enumerate(marks) if m.get("type") == "point" and m.get("filled"))
    star = next(i for i, f in enumerate(filters) if "datum.kind == 'goal'" in f)
    assert star > ball
    assert marks[star]["filled"] is False  # hollow: the ball under it stays in sight
    assert marks[star]["shape"] == charts.STAR


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def test_descent_chart_colours_the_methods_apart_on_a_map_of_the_land():
    spec, _, _ = descent_spec()
    base = spec["layer"][0]["layer"][0]
    scale = base["encoding"]["color"]["scale"]
    assert base["encoding"]["color"]["field"] == "rank"  # shaded smoothly, as the other maps
    assert scale["scheme"]["name"] == charts.LAND_HEAT["name"] != "greys"  # not a grey wash
    lo, hi = scale["scheme"]["extent"]
    assert hi - lo >= 0.9  # pale valleys to dark ridges: the whole ramp
    assert scale["reverse"] is False  # low ground pale, where the paths run
    colours = [_rgb(c) for c in charts.METHOD_PALETTE.values()]
    gaps = [np.linalg.norm(a - b) for i, a in enumerate(colours) for b in colours[i + 1 :]]
    assert min(gaps) > 200  # three strongly distinct hues (RGB distance)
    legends = [
        layer["encoding"]["color"].get("legend")
        for layer in spec["layer"][1:]
        if "color" in layer.get("encoding", {}) and "field" in layer["encoding"]["color"]
    ]
    shown = [lg for lg in legends if lg is not None]
    assert len(shown) == 1
    assert shown[0]["orient"] == "top"  # above the map, never over a path


def test_descent_map_is_big_and_its_ticks_thin_out_with_its_size():
    spec, _, _ = descent_spec()
    assert spec["height"] >= 450  # the largest picture on the first screen
    base = spec["layer"][0]["layer"][0]["encoding"]
    for axis, side in (("x", "width"), ("y", "height")):
        count = base[axis]["axis"]["tickCount"]["expr"]
        assert count == f"max(2, floor({side} / {charts.TICK_GAP}))"
    assert charts.TICK_GAP >= 60  # a label per 60 px or more: never touching


def test_a_diverging_plain_path_stops_at_the_view_edge_with_one_exit():
    _spec, track, exits = descent_spec(lr=0.105, steps=60)
    plain = track[track.method == "plain"]
    # y-error × −1.1 per step from 1.5: |y| passes 3 first at step 8.
    assert exits.to_dict("list")["method"] == ["plain"]
    assert int(exits.step.iloc[0]) == 8 == int(plain.step.max())
    assert abs(plain.y.iloc[-1]) == pytest.approx(3.0)
    assert exits.angle.iloc[0] == pytest.approx(0.0, abs=45)  # leaving upwards
    assert (plain.y.abs() <= 3.0 + 1e-12).all()


def test_leaves_view_finds_the_edge_crossing_of_a_diagonal_step():
    path = np.array([[0.0, 0.0], [2.0, 4.0]])
    step, at, angle = charts.leaves_view(path, centre=(0.0, 0.0), extent=1.0)
    assert step == 1
    assert at.tolist() == pytest.approx([0.5, 1.0])
    assert angle == pytest.approx(np.degrees(np.arctan2(2.0, 4.0)))


def test_view_steps_are_increasing_and_keep_both_ends_of_a_converging_run():
    surface = SURFACES["narrow"]
    run = mv.gradient_descent(surface, [-2.5, 1.5], lr=0.09, steps=1000, grad=surface.gradient)
    steps = charts.view_steps(run.path, centre=(0.0, 0.0), extent=3.0)
    assert steps[0] == 0
    assert steps[-1] == run.steps
    assert np.all(np.diff(steps) > 0)
    assert len(steps) < run.steps  # the crawl at the end is thinned


# ---------------------------------------------------------------- eigen views


def test_eigen_error_chart_has_one_key_decade_gridlines_and_room_to_read():
    keys = ("plain, λ = 2", "plain, λ = 20", "momentum, λ = 2", "momentum, λ = 20")
    series = pd.DataFrame(
        {
            "step": [0, 1, 0, 1],
            "error": [1.0, 0.8, 1.0, 0.0],
            "method": ["plain"] * 4,
            "direction": ["along λ = 2"] * 2 + ["along λ = 20"] * 2,
            "key": [keys[0]] * 2 + [keys[1]] * 2,
        }
    )
    spec = spec_of(charts.eigen_error_chart(series, title="|error|", keys=keys))
    (lines,) = spec["layer"]
    assert lines["transform"][0] == {"filter": "datum.error > 0"}
    assert {"calculate": "log(datum.error) / LN10", "as": "decades"} in lines["transform"]
    enc = lines["encoding"]
    assert enc["y"]["field"] == "decades"
    assert enc["y"]["axis"]["tickMinStep"] == 1  # a gridline per power of ten, none between
    # One key: colour and dash read the same field, so Vega-Lite draws a single legend.
    assert enc["color"]["field"] == enc["strokeDash"]["field"] == "key"
    assert "legend" not in enc["strokeDash"]
    assert enc["color"]["scale"]["domain"] == list(keys)
    blue, vermillion = charts.METHOD_PALETTE["plain"], charts.METHOD_PALETTE["momentum"]
    assert enc["color"]["scale"]["range"] == [blue, blue, vermillion, vermillion]
    solid, dashed = [1, 0], [6, 3]
    assert enc["strokeDash"]["scale"]["range"] == [solid, dashed, solid, dashed]
    assert spec["height"] - 130 >= 220  # legend, axis and title take under 130 px


def test_rate_labels_each_take_their_own_row_and_an_eta_past_the_axis_is_marked():
    limits = pd.DataFrame({"lr": [0.1, 0.19], "method": ["plain", "momentum"], "label": ["a", "b"]})
    near = charts.rate_labels(limits, 0.105, top=0.2375)
    assert near.label.tolist() == ["a", "η = 0.105", "b"]  # in order of η
    assert near.row.tolist() == [0, 1, 2]  # never two on one row: they cannot overlap
    assert near.side.tolist() == ["left", "left", "right"]  # text runs into the chart
    assert near.rule.all()
    far = charts.rate_labels(limits, 1.5, top=0.2375)
    chosen = far[far.method == "η"].iloc[0]
    assert chosen.lr == pytest.approx(0.2375)
    assert chosen.label == "η = 1.5, off the axis →"
    assert not chosen.rule


@pytest.mark.parametrize(("lr", "beta", "inside"), [(0.09, 0.9, True), (1.5, 0.99, False)])
def test_rate_chart_frames_eta_on_the_turns_of_the_curves(lr, beta, inside):
    lams = np.array([2.0, 20.0])
    curves, limits = descent_rates.rate_frames(lams, beta, lr)
    limit = 2 * (1 + beta) / 20
    end = curves.lr.max()
    assert end == pytest.approx(1.25 * limit)  # the interesting range, not up to η = 1.5
    labels = charts.rate_labels(limits, lr, top=end)
    assert bool(labels[labels.method == "η"].rule.iloc[0]) is inside


def test_rate_chart_marks_both_limits_the_chosen_rate_and_a_clipped_curve():
    lams = np.array([2.0, 20.0])
    curves, limits = descent_rates.rate_frames(lams, 0.9, 0.09)
    assert limits.lr.tolist() == pytest.approx([0.1, 0.19])
    plain = curves[curves.method == "plain"].set_index("lr").rate
    assert plain.loc[0.1] == pytest.approx(1.0)
    assert plain.min() == pytest.approx(9 / 11)  # at η = 2/(λmin + λmax): (κ − 1)/(κ + 1)
    heavy = curves[curves.method == "momentum"].set_index("lr").rate
    assert heavy.loc[0.19] == pytest.approx(1.0)
    assert curves.lr.max() == pytest.approx(1.25 * 0.19)
    labels = charts.rate_labels(limits, 0.09, top=curves.lr.max())
    spec = spec_of(charts.rate_chart(curves, labels, top=curves.lr.max()))
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert len(rules) == 2  # rate = 1, and one per label: the two limits and the chosen η
    assert rules[1]["encoding"]["y"]["scale"] is None  # from the label's row, in pixels
    assert rules[1]["encoding"]["y2"] == {"value": "height"}  # down to the η axis
    lines = spec["layer"][1]
    assert {"calculate": "datum.rate > 1.5", "as": "clipped"} in lines["transform"]
    assert lines["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [2, 3]]
    assert "≥ 1.5" in lines["encoding"]["y"]["axis"]["labelExpr"]
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    halos = [t for t in texts if t["mark"].get("stroke") == "white"]
    assert len(halos) == len(texts) / 2  # every label over a white halo
    shown = [d for d in datasets(spec) if d and "label" in d[0]]
    assert [row["label"] for row in shown[0]] == ["η = 0.09", "2/λmax = 0.1",
                                                  "2(1+β)/λmax = 0.19"]  # fmt: skip


def test_rate_chart_label_rows_grow_with_projector_type():
    labels = charts.rate_labels(pd.DataFrame({"lr": [], "method": [], "label": []}), 0.1, top=1)
    curves = pd.DataFrame({"lr": [0.0], "rate": [1.0], "method": ["plain"]})
    small = spec_of(charts.rate_chart(curves, labels, top=1.0))
    big = spec_of(charts.rate_chart(curves, labels, top=1.0, big=True))

    def row_step(spec: dict) -> str:
        text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
        return text["transform"][0]["calculate"]

    assert row_step(small) == f"-6.0 - datum.row * {charts.LABEL_ROW * 1.0}"
    assert row_step(big) == f"-{6 * 1.6} - datum.row * {charts.LABEL_ROW * 1.6}"
    assert all("fontSize" not in layer["mark"] for layer in big["layer"])  # the theme's
    # Fewer η ticks in projector type, and none printed over another.
    axes = [s["layer"][1]["encoding"]["x"]["axis"] for s in (small, big)]
    assert [a["tickCount"] for a in axes] == [10, 6]
    assert all(a["labelOverlap"] is True for a in axes)


# ---------------------------------------------------------------- the Jacobian's grids


def test_warp_chart_keys_each_grid_family_in_one_hue_from_input_to_output():
    warp = mv.layer_warp([[1.5, 0.5], [-0.5, 1.5]], [0, 0], [0.5, 0.5], activation="sigmoid",
                         half=1.5, lines=3, points=5)  # fmt: skip
    ones, twos = charts.grid_families(warp.grid)
    assert np.ptp(ones[..., 0], axis=1).max() == 0  # each line of the first half: x₁ fixed
    assert np.ptp(twos[..., 1], axis=1).max() == 0  # of the second: x₂ fixed
    curved1, curved2 = charts.grid_families(warp.curved)
    linear1, linear2 = charts.grid_families(warp.linear)
    lines = charts.warp_frame(
        [
            ("x₁ = c, under f", curved1, ones),
            ("x₂ = c, under f", curved2, twos),
            ("x₁ = c, under J", linear1, ones),
            ("x₂ = c, under J", linear2, twos),
        ]
    )
    assert len(lines) == 2 * 6 * 5
    marks = pd.DataFrame({"x": [0.7], "y": [0.6], "x0": [0.5], "y0": [0.5], "label": ["f(x)"]})
    view = charts.warp_view((0.7, 0.6, 1.0))
    spec = spec_of(charts.warp_chart(lines, marks, view, title="Where it goes"))
    assert spec["title"] == "Where it goes"
    colour = spec["layer"][0]["encoding"]["color"]
    # Legend in two columns: under f on the left, its linear model J on the right.
    assert colour["scale"]["domain"] == [
        "x₁ = c, under f", "x₁ = c, under J", "x₂ = c, under f", "x₂ = c, under J",
    ]  # fmt: skip
    green, pink = charts.COLORS["green"], charts.COLORS["purple"]
    assert colour["scale"]["range"] == [green, green, pink, pink]
    assert colour["legend"]["orient"] == "top"
    assert colour["legend"]["columns"] == 2
    dash = spec["layer"][0]["encoding"]["strokeDash"]["scale"]["range"]
    assert dash[0] == dash[2] == [1, 0]  # the layer solid
    assert dash[1] == dash[3] != [1, 0]  # the linear model dashed
    source = charts.warp_frame([("x₁ = c", ones), ("x₂ = c", twos)])
    plane = spec_of(charts.warp_chart(source, marks, charts.warp_view((0.5, 0.5, 2.0)), title="x"))
    assert plane["layer"][0]["encoding"]["color"]["scale"]["range"] == [green, pink]


def test_warp_chart_bends_points_from_their_start_and_the_view_with_them():
    grid = np.array([[[0.0, 0.0], [1.0, 0.0]]])
    image = np.array([[[0.5, 0.5], [0.9, 0.6]]])
    lines = charts.warp_frame([("x₁ = c, under f", image, grid)])
    assert lines[["x0", "y0"]].to_numpy().tolist() == grid[0].tolist()
    assert lines[["x", "y"]].to_numpy().tolist() == image[0].tolist()
    marks = pd.DataFrame({"x": [0.7], "y": [0.55], "x0": [0.5], "y0": [0.0], "label": ["f(x)"]})
    view = charts.warp_view((0.7, 0.55, 0.5), start=(0.5, 0.0, 2.0), keep=(0, 1, 0, 1))
    assert view.to_dict("records") == [
        {"sx": 0.5, "sy": 0.0, "se": 2.0, "cx": 0.7, "cy": 0.55, "e": 0.5,
         "kx0": 0.0, "kx1": 1.0, "ky0": 0.0, "ky1": 1.0}
    ]  # fmt: skip
    spec = spec_of(charts.warp_chart(lines, marks, view, title="t", bend=True))
    (bend,) = spec["params"]
    assert bend["name"] == charts.BEND
    assert bend["value"] == 100
    assert bend["bind"]["max"] == 100
    first = spec["layer"][0]
    t = charts.POINT_TIME
    assert {"calculate": f"datum.x0 + {t} * (datum.x - datum.x0)", "as": "bx"} in first["transform"]
    domain = first["encoding"]["x"]["scale"]["domain"]["expr"]
    # The view is read from the view's row of data, sliding from its start to its end.
    row = f"data('{charts.VIEW_SLOT}')"
    t = charts.VIEW_TIME
    assert f"((length({row}) ? {row}[0].sx : 0.0) + {t} * " in domain
    assert f"clamp((length({row}) ? {row}[0].cx : 0.0), min(" in domain  # kept_centre
    assert f"(length({row}) ? {row}[0].kx0 : -1e+300) + " in domain
    assert f"(length({row}) ? {row}[0].se : 1.0) + {t} * " in domain
    # The points bend while the view holds still, then the view closes in on its end.
    clamp = lambda v, lo, hi: max(lo, min(hi, v))  # noqa: E731 - Vega's clamp, to read the two
    times = [
        tuple(eval(e, {"min": min, "clamp": clamp, charts.BEND: k}) for e in (charts.POINT_TIME, t))  # noqa: S307 - our own constant
        for k in (0, 35, 70, 85, 100)
    ]
    assert times == [(0, 0), (0.5, 0), (1, 0), (1, pytest.approx(0.5)), (1, 1)]
    # Without the bend there is nothing to bend: the points stay where they are.
    still = spec_of(charts.warp_chart(lines, marks, view, title="t"))
    assert "params" not in still
    assert {"calculate": "datum.x0 + 1 * (datum.x - datum.x0)", "as": "bx"} in still["layer"][0][
        "transform"
    ]


def jacobian_frames(weights, x, *, activation="sigmoid", side=0.5):
    """The output plane's lines, mark and view, as the Jacobian topic makes them."""
    from mathviz.topics.multivariable import jacobian as topic

    A, x = np.asarray(weights, dtype=float), np.asarray(x, dtype=float)
    b = np.zeros(2)
    half = max(topic.GRID_HALF, side)
    warp = mv.layer_warp(A, b, x, activation=activation, half=half)
    near = mv.layer_linearization(A, b, x, activation=activation)
    _, outline = charts.square_outline(side)
    g = mv.layer_function(A, b, activation)
    image, linear, _ = mv.linearization_gap(g, x, near.jacobian, outline)
    fx = near.value
    curved1, curved2 = charts.grid_families(warp.curved)
    ones, twos = charts.grid_families(warp.grid)
    lines = charts.warp_frame(
        [("x₁ = c, under f", curved1, ones), ("x₂ = c, under f", curved2, twos),
         ("square under f", (fx + image)[None], (x + outline)[None])]
    )  # fmt: skip
    box = np.concatenate([warp.curved.reshape(-1, 2), fx + image, fx + linear])
    view = charts.view_box(box, margin=0.12)
    marks = pd.DataFrame({"x": [fx[0]], "y": [fx[1]], "x0": [x[0]], "y0": [x[1]],
                          "label": ["f(x)"]})  # fmt: skip
    return lines, marks, charts.warp_view(view), box


@pytest.mark.parametrize(
    ("weights", "x", "activation"),
    [
        ([[3, 1], [-1, 3]], (2, 1.5), "sigmoid"),  # saturated: a sliver near x₁ = 1
        ([[1.5, 0.5], [-0.5, 1.5]], (0.5, 0.5), "sigmoid"),
        ([[1, -1], [1, 1]], (-1, 0.5), "relu"),
        ([[6, 2], [-2, 6]], (4, 4), "tanh"),  # both units saturated: one corner
    ],
)
def test_jacobian_output_view_frames_the_image_with_a_margin(weights, x, activation):
    _, _, view, box = jacobian_frames(weights, x, activation=activation)
    (row,) = view.to_dict("records")
    lo, hi = box.min(axis=0), box.max(axis=0)
    size = float((hi - lo).max())
    centre = np.array([row["cx"], row["cy"]])
    # The shorter side spans centre ± e: the box is inside with 10 % of its size to spare.
    assert np.all(lo >= centre - row["e"] + 0.1 * size / 2)
    assert np.all(hi <= centre + row["e"] - 0.1 * size / 2)
    # ... and fills the picture: its longer side takes at least 60 % of the shorter side.
    assert size / (2 * row["e"]) >= 0.6


def test_saturated_image_fills_far_more_of_the_view_than_the_whole_range_square():
    _, _, view, box = jacobian_frames([[3, 1], [-1, 3]], (2, 1.5))
    e = view.e.iloc[0]
    assert e < 0.75  # not the (0, 1)² square with room round it
    assert float(np.ptp(box[:, 1])) / (2 * e) >= 0.75


def test_jacobian_spec_is_the_same_for_two_moves_only_the_data_differ():
    one = jacobian_frames([[3, 1], [-1, 3]], (2, 1.5))[:3]
    two = jacobian_frames([[1.5, 0.5], [-0.5, 1.0]], (0.4, 0.6))[:3]
    params = {"title": "t", "height": 520, "bend": True, "keys": ("square under f",)}
    specs = [spec_of(charts.warp_chart(*frames, **params)) for frames in (one, two)]
    assert datasets(specs[0]) != datasets(specs[1])
    assert without_data(specs[0]) == without_data(specs[1])
    legend = specs[0]["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend == ["square under f"]  # the legend as the page names it, not the data


def test_view_box_is_centred_on_the_box_and_never_empty():
    assert charts.view_box(np.array([[0.0, 0.0], [2.0, 1.0]]), margin=0.0) == (1.0, 0.5, 1.0)
    assert charts.view_box(np.array([[np.nan, 1.0]])) == (0.0, 0.0, 1.0)
    cx, _, e = charts.view_box(np.array([[5.0, 5.0], [5.0, 5.0 + 1e-9]]))
    assert (cx, e) == (5.0, 1e-5)


@pytest.mark.parametrize("aspect", [0.8, 1.0, 1.3, 2.0])
def test_a_saturated_view_slides_to_show_sigmas_whole_square_and_keeps_the_image(aspect):
    from mathviz.topics.multivariable import jacobian as topic

    *_, view, box = jacobian_frames([[3, 1], [-1, 3]], (2, 1.5))
    (row,) = view.to_dict("records")
    keep = topic._range_box("sigmoid", box)
    assert keep == pytest.approx((-0.05, 1.05, -0.05, 1.05))
    # As the browser does it, for a chart of width / height = aspect.
    hx, hy = row["e"] * max(1, aspect), row["e"] * max(1, 1 / aspect)
    cx = charts.kept_centre(row["cx"], hx, keep[0], keep[1])
    cy = charts.kept_centre(row["cy"], hy, keep[2], keep[3])
    lo, hi = box.min(axis=0), box.max(axis=0)
    # The image stays in sight.
    assert cx - hx <= lo[0]
    assert hi[0] <= cx + hx
    assert cy - hy <= lo[1]
    assert hi[1] <= cy + hy
    shown = min(cx + hx, 1.0) - max(cx - hx, 0.0)
    assert shown >= min(1.0, 2 * hx) - 1e-9  # as much of σ's range across as fits
