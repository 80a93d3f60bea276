import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import Plane
from tests.charts.helpers import datasets, layer_encodings, payload_bytes, without_data

E = 2.5


def frames(rng: np.random.Generator | None = None, *, points: int = 3) -> list[pd.DataFrame]:
    """Six frames with the columns ``plane_chart`` takes; random values when ``rng`` is given."""
    rng = rng or np.random.default_rng(0)
    square = np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=float) * rng.uniform(0.5, 2)
    regions = pd.DataFrame(
        {"x": square[:, 0], "y": square[:, 1], "region": "det", "role": "positive", "i": range(4)}
    )
    grid = pd.DataFrame(
        {"x": [-1.0, 1.0], "y": [0.0, 0.0], "path": "g0", "role": "grid", "i": [0, 1]}
    )
    paths = pd.DataFrame(
        {
            "x": rng.normal(size=5),
            "y": rng.normal(size=5),
            "path": "p",
            "role": "after",
            "i": range(5),
            "style": "dashed",
        }
    )
    arrows = pd.DataFrame(
        {"x0": [0.0, 0.0], "y0": [0.0, 0.0], "x": rng.normal(size=2), "y": [1.0, 0.0]}
    ).assign(role=["u", "v"])
    dots = pd.DataFrame(
        {"x": rng.normal(size=points), "y": rng.normal(size=points), "role": "data"}
    )
    labels = pd.DataFrame({"x": [1.1], "y": [0.1], "label": ["u"], "role": ["u"]})
    return [regions, grid, paths, arrows, dots, labels]


def realistic_frames() -> list[pd.DataFrame]:
    """A busy plane: 21 + 21 grid lines of 2 points, a 121-point circle and 1000 dots."""
    ticks = np.linspace(-5, 5, 21)
    vertical = [((t, -5.0), (t, 5.0)) for t in ticks]
    horizontal = [((-5.0, t), (5.0, t)) for t in ticks]
    lines = np.array(vertical + horizontal)
    grid = pd.DataFrame(
        {
            "x": lines[..., 0].ravel(),
            "y": lines[..., 1].ravel(),
            "path": np.repeat([f"#{k}" for k in range(len(lines))], 2),
            "role": "grid",
            "i": np.tile([0, 1], len(lines)),
        }
    )
    t = np.linspace(0, 2 * np.pi, 121)
    circle = pd.DataFrame(
        {"x": np.cos(t), "y": np.sin(t), "path": "circle", "role": "after", "i": range(121)}
    ).assign(style="solid")
    rng = np.random.default_rng(1)
    cloud = rng.normal(size=(1000, 2))
    dots = pd.DataFrame({"x": cloud[:, 0], "y": cloud[:, 1], "role": "data"})
    regions, _, _, arrows, _, labels = frames()
    return [regions, grid, circle, arrows, dots, labels]


@pytest.fixture
def plane_spec() -> dict:
    return charts.plane_chart(*frames(), extent=E, title="Ax").to_dict()


def test_plane_chart_x_and_y_domains_are_vega_expressions_giving_equal_units(plane_spec):
    x = plane_spec["layer"][0]["encoding"]["x"]["scale"]
    y = plane_spec["layer"][0]["encoding"]["y"]["scale"]
    assert x["domain"] == {"expr": "[-2.5 * max(1, width / height), 2.5 * max(1, width / height)]"}
    assert y["domain"] == {"expr": "[-2.5 * max(1, height / width), 2.5 * max(1, height / width)]"}
    assert "height / width" in y["domain"]["expr"]
    assert "width / height" in x["domain"]["expr"]
    assert x["nice"] is False
    assert y["nice"] is False


def test_plane_chart_domain_follows_the_extent_it_is_given():
    spec = charts.plane_chart(*frames(), extent=12.5).to_dict()
    y = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]["expr"]
    assert y.startswith("[-12.5 * max(1, height / width)")


def test_plane_chart_is_titled_and_has_a_fixed_height(plane_spec):
    assert plane_spec["title"] == "Ax"
    assert plane_spec["height"] == charts.PLANE_HEIGHT
    assert "width" not in plane_spec  # the page gives the width


def test_plane_chart_layers_regions_grid_paths_dots_arrows_heads_then_haloed_text(plane_spec):
    layers = plane_spec["layer"]
    marks = [layer["mark"]["type"] for layer in layers]
    assert marks == ["line", "line", "line", "circle", "rule", "point", "text", "text"]
    halo, text = layers[6], layers[7]
    assert halo["mark"]["stroke"] == "white"
    assert "color" not in halo["encoding"]
    assert text["encoding"]["color"]["field"] == "role"
    assert layers[0]["encoding"]["detail"]["field"] == "region"
    assert layers[1]["encoding"]["detail"]["field"] == "path"
    assert layers[2]["encoding"]["detail"]["field"] == "path"
    assert "strokeDash" in layers[2]["encoding"]
    assert "strokeDash" not in layers[1]["encoding"]
    assert layers[7]["encoding"]["text"]["field"] == "label"
    assert all(layer["mark"]["clip"] is True for layer in layers)


def test_plane_chart_layers_read_the_frames_in_argument_order():
    spec = charts.plane_chart(*frames(), extent=E).to_dict()
    sizes = [len(spec["datasets"][layer["data"]["name"]]) for layer in spec["layer"]]
    # regions 4, grid 2, paths 5, dots 3, arrows twice (shafts and heads), labels twice
    assert sizes == [4, 2, 5, 3, 2, 2, 1, 1]
    assert sorted(len(d) for d in datasets(spec)) == [1, 2, 2, 3, 4, 5]


def test_plane_chart_region_layer_fills_by_role_in_vertex_order(plane_spec):
    region = plane_spec["layer"][0]
    assert region["encoding"]["order"] == {"field": "i", "type": "quantitative"}
    assert region["encoding"]["fill"]["field"] == "role"
    assert region["encoding"]["fill"]["scale"]["domain"] == list(charts.ROLES)
    assert 0 < region["mark"]["fillOpacity"] < 1


def test_plane_chart_lines_are_joined_in_order_i(plane_spec):
    orders = [layer["encoding"]["order"]["field"] for layer in plane_spec["layer"][:3]]
    assert orders == ["i", "i", "i"]


def test_arrow_shafts_are_rules_from_start_to_end(plane_spec):
    shafts = plane_spec["layer"][4]
    encoding = shafts["encoding"]
    assert (encoding["x"]["field"], encoding["y"]["field"]) == ("x0", "y0")
    assert (encoding["x2"]["field"], encoding["y2"]["field"]) == ("x", "y")
    assert shafts["transform"] == [{"filter": "datum.x != datum.x0 || datum.y != datum.y0"}]


def test_arrow_heads_are_triangles_turned_by_an_unscaled_atan2_angle(plane_spec):
    heads = plane_spec["layer"][5]
    assert heads["mark"]["shape"] == charts.ARROW_HEAD
    assert heads["mark"]["filled"] is True
    assert heads["encoding"]["angle"] == {"field": "angle", "scale": None, "type": "quantitative"}
    assert (heads["encoding"]["x"]["field"], heads["encoding"]["y"]["field"]) == ("x", "y")
    drop_zero, turn = heads["transform"]
    assert drop_zero == {"filter": "datum.x != datum.x0 || datum.y != datum.y0"}
    assert turn["as"] == "angle"
    assert "atan2(datum.y - datum.y0, datum.x - datum.x0)" in turn["calculate"]
    assert turn["calculate"].startswith("90 - ")


@pytest.mark.parametrize(
    ("dx", "dy", "degrees"), [(1, 0, 90), (0, 1, 0), (-1, 0, 270), (0, -1, 180), (1, 1, 45)]
)
def test_arrow_head_angle_turns_the_upward_triangle_along_the_arrow(plane_spec, dx, dy, degrees):
    # Vega turns a shape clockwise from straight up; the triangle's tip points up at 0°.
    formula = plane_spec["layer"][5]["transform"][1]["calculate"]
    datum = SimpleNamespace(x0=0.5, y0=-0.25, x=0.5 + dx, y=-0.25 + dy)
    angle = eval(formula, {"atan2": math.atan2, "PI": math.pi, "datum": datum}) % 360  # noqa: S307
    assert angle == pytest.approx(degrees)
    tip = np.array([math.sin(math.radians(angle)), math.cos(math.radians(angle))])
    assert tip == pytest.approx(np.array([dx, dy]) / math.hypot(dx, dy))


def test_colour_scale_maps_every_role_to_its_fixed_colour(plane_spec):
    colours = [e["color"] for e in layer_encodings(plane_spec) if "color" in e]
    assert len(colours) == 7
    for colour in colours:
        assert colour["field"] == "role"
        assert colour["legend"] is None
        assert colour["scale"]["domain"] == list(charts.ROLES)
        assert colour["scale"]["range"] == list(charts.ROLES.values())
    assert charts.ROLES["u"] == charts.COLORS["blue"]
    assert charts.ROLES["v"] == charts.COLORS["vermillion"]


def test_stroke_dash_scale_maps_solid_and_dashed(plane_spec):
    dash = plane_spec["layer"][2]["encoding"]["strokeDash"]
    assert dash["field"] == "style"
    assert dash["scale"] == {"domain": ["solid", "dashed"], "range": [[1, 0], [6, 4]]}
    assert dash["legend"] is None


def test_plane_chart_builds_the_same_spec_twice(plane_spec):
    again = charts.plane_chart(*frames(), extent=E, title="Ax").to_dict()
    assert again == plane_spec


def test_plane_chart_shape_depends_only_on_columns_and_params():
    # frame.chart caches one template per (columns, dtypes, params); new data must fit it.
    one = charts.plane_chart(*frames(np.random.default_rng(1)), extent=E, title="t").to_dict()
    two = charts.plane_chart(
        *frames(np.random.default_rng(2), points=50), extent=E, title="t"
    ).to_dict()
    assert datasets(one) != datasets(two)
    assert without_data(one) == without_data(two)
    other_extent = charts.plane_chart(*frames(), extent=5.0, title="t").to_dict()
    assert without_data(other_extent) != without_data(one)


def test_plane_chart_accepts_empty_frames():
    empty = [f.iloc[0:0] for f in frames()]
    spec = charts.plane_chart(*empty, extent=1.0).to_dict()
    assert len(spec["layer"]) == 8
    assert all(len(d) == 0 for d in datasets(spec))


def test_realistic_plane_chart_payload_stays_under_100_kb():
    busy = realistic_frames()
    assert [len(f) for f in busy] == [4, 84, 121, 2, 1000, 1]
    assert payload_bytes(charts.plane_chart(*busy, extent=5.0, title="cloud")) < 100_000


def convergence_steps() -> pd.DataFrame:
    k = np.arange(1, 11)
    return pd.concat(
        [
            pd.DataFrame({"k": k, "angle": 40 * 0.5**k, "line": "power iteration"}),
            pd.DataFrame({"k": k, "angle": 40 * 0.5**k, "line": "(|λ₂| / |λ₁|)ᵏ"}),
        ],
        ignore_index=True,
    )


def test_convergence_chart_draws_the_guide_dashed_under_the_iterates_on_a_log_axis():
    spec = charts.convergence_chart(convergence_steps()).to_dict()
    guide, iterates = spec["layer"]
    lines = ["power iteration", "(|λ₂| / |λ₁|)ᵏ"]
    assert guide["transform"] == [{"filter": f"(datum.line === '{lines[1]}')"}]
    assert iterates["transform"] == [{"filter": f"(datum.line === '{lines[0]}')"}]
    assert guide["mark"]["strokeDash"] == [6, 4]
    assert "point" not in guide["mark"]
    assert iterates["mark"]["point"] is True
    encoding = guide["encoding"]
    assert iterates["encoding"] == encoding
    assert encoding["y"]["field"] == "angle"
    assert encoding["y"]["scale"] == {"type": "log"}
    assert encoding["x"]["field"] == "k"
    assert encoding["x"]["axis"]["tickMinStep"] == 1
    assert encoding["color"]["scale"]["domain"] == lines
    assert encoding["color"]["scale"]["range"] == [
        charts.COLORS["purple"],
        charts.COLORS["grey"],
    ]
    assert spec["height"] == 280
    assert sorted(len(d) for d in datasets(spec)) == [20]


def test_convergence_chart_builds_the_same_spec_twice():
    first = charts.convergence_chart(convergence_steps()).to_dict()
    assert charts.convergence_chart(convergence_steps()).to_dict() == first


# ---------------------------------------------------------------- drawing helpers


def test_lattice_draws_forty_two_thin_lines_through_the_whole_combinations():
    first, second = np.array([2.0, 1.0]), np.array([0.5, 1.5])
    plane = Plane()
    charts.lattice(plane, first, second, role="grid-after")
    _, grid, paths, *_ = plane.frames(100.0)  # a view wide enough to keep every line
    assert paths.empty
    assert set(grid["role"]) == {"grid-after"}
    segments = [line[["x", "y"]].to_numpy() for _, line in grid.groupby("path", sort=False)]
    assert len(segments) == 42  # k = −10 … 10, along each vector

    def on(segment, point):
        along, off = segment[1] - segment[0], np.asarray(point) - segment[0]
        return abs(along[0] * off[1] - along[1] * off[0]) <= 1e-9 * np.hypot(*along) ** 2

    for a, b in [(3, -2), (-10, 10), (0, 0), (7, 1)]:  # each crossing a·first + b·second
        point = a * first + b * second
        assert sum(on(segment, point) for segment in segments) == 2


@pytest.mark.parametrize(
    ("u", "v"),
    [
        ([1.0, 0.0], [0.0, 1.0]),
        ([-1.0, -0.1], [-1.0, 0.1]),  # across the ±π seam: the short way round
        ([1.0, 1.0], [1.0, -1.0]),
        ([3.0, 1.0], [-2.0, -1.0]),
        ([0.0, -2.0], [-3.0, 0.1]),
    ],
)
def test_angle_arc_takes_the_short_way_from_v_to_u(u, v):
    u, v = np.array(u), np.array(v)
    curve, spot = charts.angle_arc(u, v)
    assert curve.shape == (40, 2)
    radius = 0.3 * min(np.hypot(*u), np.hypot(*v))
    np.testing.assert_allclose(np.hypot(curve[:, 0], curve[:, 1]), radius)
    np.testing.assert_allclose(curve[0] / radius, v / np.hypot(*v), atol=1e-12)
    np.testing.assert_allclose(curve[-1] / radius, u / np.hypot(*u), atol=1e-12)
    steps = np.einsum("ij,ij->i", curve[:-1], curve[1:]) / radius**2
    swept = np.arccos(np.clip(steps, -1, 1)).sum()
    angle = math.acos(u @ v / (np.hypot(*u) * np.hypot(*v)))
    assert swept == pytest.approx(angle, abs=1e-9)  # never the long way, round the back
    np.testing.assert_allclose(spot, 1.45 * curve[20])


def test_label_spots_stop_before_the_first_crowded_label():
    ring = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [-1.0, 0.01], [0.0, -1.0]])
    spots = charts.label_spots(ring)
    np.testing.assert_allclose(spots, 1.16 * ring[:3])
    assert len(charts.label_spots(ring[:3])) == 3
    assert len(charts.label_spots(ring, gap=0.001)) == 5
    assert len(charts.label_spots(np.zeros((0, 2)))) == 0


def test_square_grid_is_lines_of_the_square_horizontal_then_vertical():
    grid = charts.square_grid(2.0, lines=9, points=40)
    assert grid.shape == (18, 40, 2)
    assert not grid.flags.writeable
    np.testing.assert_allclose(grid[:9, :, 1], np.linspace(-2, 2, 9)[:, None] * np.ones(40))
    np.testing.assert_allclose(grid[9:, :, 0], np.linspace(-2, 2, 9)[:, None] * np.ones(40))
    np.testing.assert_allclose(grid[0, :, 0], np.linspace(-2, 2, 40))
    assert np.abs(grid).max() == 2.0


def test_convergence_steps_are_in_degrees_with_zeros_left_out_for_the_log_axis():
    angles = np.radians([40.0, 20.0, 0.0, 1e-14])
    table = charts.convergence_steps(angles, np.radians([40.0, 20.0, 10.0, 5.0]))
    assert list(table.columns) == ["k", "angle", "line"]
    assert table["k"].tolist() == [0, 1, 2, 3, 0, 1, 2, 3]
    assert table["line"].tolist() == ["power iteration"] * 4 + ["(|λ₂| / |λ₁|)ᵏ"] * 4
    np.testing.assert_allclose(table["angle"][:2], [40.0, 20.0])
    assert table["angle"][2:4].isna().all()
    np.testing.assert_allclose(table["angle"][4:], [40.0, 20.0, 10.0, 5.0])
    alone = charts.convergence_steps(angles[:2])
    assert set(alone["line"]) == {"power iteration"}
    assert charts.convergence_chart(table).to_dict()["height"] == 280
