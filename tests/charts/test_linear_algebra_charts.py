import json
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts import stage
from mathviz.charts.plane import LETTER_F, Plane, polygon
from tests.charts.helpers import datasets, layer_encodings, payload_bytes, without_data
from tests.charts.test_stage import evaluate, moved, positions, scalar, shown

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


def test_convergence_chart_draws_the_guide_dashed_on_top_of_the_iterates_on_a_log_axis():
    # The review found the guide hidden under the iterates where they coincide: now on top.
    spec = charts.convergence_chart(convergence_steps()).to_dict()
    iterates, guide = spec["layer"]
    lines = ["power iteration", "(|λ₂| / |λ₁|)ᵏ"]
    assert guide["transform"] == [{"filter": f"(datum.line === '{lines[1]}')"}]
    assert iterates["transform"] == [{"filter": f"(datum.line === '{lines[0]}')"}]
    assert guide["mark"]["strokeDash"] == [7, 5]
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
        charts.COLORS["ink"],  # dark dashes read on top of the purple line
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


# ---------------------------------------------------------------- scenes for the stage


def shipped(scene: stage.Scene) -> dict:
    """The scene as the browser receives it: strict JSON, under 100 kB."""
    data = scene.data(height=440)
    text = json.dumps(data, allow_nan=False)
    assert len(text) < 100_000, len(text)
    return data


def drawn_arrows(data: dict, t: float = 1.0) -> list[tuple[str, str, np.ndarray]]:
    """Each arrow's role, label and tip where the browser draws it at time t."""
    handles = positions(data)
    out = []
    for group in data["groups"]:
        for arrow in group["arrows"]:
            tip = moved(evaluate(arrow["to"], handles, data["defs"]), group["steps"], t, handles)
            out.append((arrow["role"], arrow.get("label", ""), tip))
    return out


def tip(data: dict, label: str, t: float = 1.0) -> np.ndarray:
    (found,) = [at for _, text, at in drawn_arrows(data, t) if text == label]
    return found


def test_fit_view_frames_the_shapes_and_the_origin_not_the_grid():
    centre, extent = charts.fit_view([[0, 0], [2, 1.4], [1.5, 0.25]])
    low, high = np.array(centre) - extent, np.array(centre) + extent
    assert np.all(low <= [0, 0])
    assert np.all(high >= [2, 1.4])
    assert extent <= 1.5  # the 2 × 1.4 box fills most of the view, unlike a ±2.5 frame
    assert charts.fit_view([[0.0, 0.0]]) == ((0.0, 0.0), 1.0)
    # A small move keeps a round frame.
    assert charts.fit_view([[2.0, 1.0]]) == charts.fit_view([[2.02, 1.01]])


def test_vectors_scene_follows_u_and_v_and_labels_beside_the_arrows():
    data = shipped(charts.vectors_scene([2, 1], [0.5, 1.5], 2.0, -1.0, span="the plane", bound=5.0))
    assert [(h["name"], h["x"], h["y"], h["max"]) for h in data["handles"]] == [
        ("u", 2.0, 1.0, 5.0),
        ("v", 0.5, 1.5, 5.0),
    ]
    np.testing.assert_allclose(tip(data, "a·u + b·v"), [3.5, 0.5])
    np.testing.assert_allclose(tip(data, "a·u"), [4.0, 2.0])
    labelled = [a for g in data["groups"] for a in g["arrows"] if "label" in a]
    assert all(a["side"] in ("left", "right") for a in labelled)  # beside, not at the tip
    assert all(0 < a["along"] < 1 for a in labelled)
    # a·u runs along u: dashed and slid aside, so u stays in sight.
    (au,) = [a for a in labelled if a["label"] == "a·u"]
    assert au["style"] == "dashed"
    assert au["offset"] != 0
    # Dragging u moves the tip: the expression, not a number, is sent.
    handles = {"u": (1.0, 0.0), "v": (0.0, 1.0)}
    (w,) = [a for a in labelled if a["label"] == "a·u + b·v"]
    np.testing.assert_allclose(evaluate(w["to"], handles), [2.0, -1.0])
    lattice = [p for g in data["groups"] for p in g["paths"] if p["role"] == "grid"]
    assert len(lattice) == 2 * len(charts.LATTICE_LINES)


def test_vectors_play_builds_the_sum_tip_to_tail():
    u, v, a, b = np.array([2.0, 1.0]), np.array([0.5, 1.5]), 2.0, -1.0
    data = shipped(charts.vectors_scene(u, v, a, b, span="the plane", bound=5.0))
    assert data["stages"]["names"] == ["u, v", "a·u, b·v", "b·v at a·u's tip", "a·u + b·v"]
    handles = positions(data)
    (group,) = [g for g in data["groups"] if any(x.get("label") == "b·v" for x in g["arrows"])]
    (bv,) = group["arrows"]

    def drawn(t: float) -> tuple[np.ndarray, np.ndarray]:
        ends = (evaluate(bv[end], handles) for end in ("from", "to"))
        return tuple(moved(p, group["steps"], t, handles) for p in ends)

    # u, v; then b·v from the origin; then b·v from a·u's tip, which it keeps to the end.
    np.testing.assert_allclose(drawn(0.0), [[0, 0], v])
    np.testing.assert_allclose(drawn(1 / 3), [[0, 0], b * v])
    for t in (2 / 3, 1.0):
        np.testing.assert_allclose(drawn(t), [a * u, a * u + b * v])
    np.testing.assert_allclose(tip(data, "a·u", 1 / 3), a * u)
    # The sum and its parallelogram arrive last.
    (total,) = [
        g for g in data["groups"] if any(x.get("label") == "a·u + b·v" for x in g["arrows"])
    ]
    assert total["fade"] == [pytest.approx(2 / 3), 1.0]


def test_vectors_on_one_line_draw_the_span_not_the_grid():
    data = shipped(charts.vectors_scene([2, 1], [-1, -0.5], 1, 1, span="a line", bound=5.0))
    paths = [p for g in data["groups"] for p in g["paths"]]
    assert [p["role"] for p in paths] == ["guide"]
    assert paths[0]["style"] == "dashed"


def test_basis_scene_works_out_the_coordinates_as_the_handles_move():
    b1, b2, v = np.array([1.5, 0.5]), np.array([-0.5, 1.0]), np.array([2.0, 2.0])
    data = shipped(charts.basis_scene(b1, b2, v, is_basis=True, bound=5.0))
    c = la.coordinates(v, np.column_stack([b1, b2]))
    # Each arrow by its name at the end of Play, which is where the scene rests.
    arrows = {a.get("texts", [a["label"]])[-1]: a for g in data["groups"] for a in g["arrows"]}
    handles = positions(data)
    with shown(data, 1.0):
        np.testing.assert_allclose(evaluate(arrows["{}·b₁"]["to"], handles), c[0] * b1)
        assert scalar(arrows["{}·b₁"]["value"], handles, {}) == pytest.approx(12 / 7)
        assert scalar(arrows["{}·b₂"]["value"], handles, {}) == pytest.approx(8 / 7)
        moved_v = {**handles, "v": (2.5, 2.0)}
        assert scalar(arrows["{}·b₁"]["value"], moved_v, {}) == pytest.approx(2.0)
        assert scalar(arrows["{}·b₂"]["value"], moved_v, {}) == pytest.approx(1.0)
    # c₁·b₁ lies along b₁: it is slid aside and dashed, never drawn on top of b₁.
    assert arrows["{}·b₁"]["offset"] != 0
    assert arrows["{}·b₁"]["style"] == "dashed"
    assert arrows["{}·b₁"]["texts"] == ["{}·e₁", "{}·b₁"]


def test_basis_scene_plays_the_square_grid_leaning_into_the_basis_s_grid():
    b1, b2, v = np.array([1.5, 0.5]), np.array([-0.5, 1.0]), np.array([2.0, 2.0])
    data = shipped(charts.basis_scene(b1, b2, v, is_basis=True, bound=5.0))
    assert data["stages"]["names"] == ["e₁, e₂", "b₁, b₂"]
    handles = positions(data)
    B = np.column_stack([b1, b2])
    (readout,) = data["readouts"]
    for t in (0.0, 0.4, 1.0):
        M = la.morph(B, t)
        with shown(data, t):
            # v stays put; its coordinates are counted along the grid drawn right now.
            got = [scalar(value, handles, {}) for value in readout["value"]]
            np.testing.assert_allclose(got, np.linalg.solve(M, v))
        # The grid is the square one at the start, the basis's at the end.
        grid = data["groups"][0]
        line = np.array([evaluate(p, handles) for p in grid["paths"][0]["points"]])
        drawn = [moved(p, grid["steps"], t, handles) for p in line]
        np.testing.assert_allclose(drawn, line @ M.T)
    np.testing.assert_allclose(got, la.coordinates(v, B))
    # b₁ and b₂ ride the tips of the arrows they become; v never moves.
    rides = {h["name"]: h.get("rides") for h in data["handles"]}
    assert rides["v"] is None
    assert data["groups"][rides["b1"]["group"]]["steps"] == [{"lerp": {"cols": ["b1", "b2"]}}]


def test_basis_scene_without_a_basis_has_no_coordinates():
    data = shipped(charts.basis_scene([1, 0.5], [2, 1], [2, 2], is_basis=False, bound=5.0))
    assert '"inv"' not in json.dumps(data)
    assert {a["label"] for g in data["groups"] for a in g["arrows"]} == {"b₁", "b₂", "v"}


def test_map_scene_morphs_from_i_to_a_with_a_s_columns_to_drag():
    A = np.array([[1.5, 0.5], [0.25, 1.0]])
    data = shipped(charts.map_scene(A, LETTER_F, handles=True, bound=10.0))
    assert data["stages"]["names"] == ["I", "A"]
    assert [(h["name"], h["x"], h["y"], h["max"]) for h in data["handles"]] == [
        ("ae1", 1.5, 0.25, 10.0),
        ("ae2", 0.5, 1.0, 10.0),
    ]
    moving = [g for g in data["groups"] if g["steps"]]
    assert moving[0]["steps"] == [{"lerp": {"cols": ["ae1", "ae2"]}}]
    for t in (0.0, 0.3, 1.0):
        M = la.morph(A, t)
        np.testing.assert_allclose(tip(data, "e₁", t), M @ [1, 0])
        np.testing.assert_allclose(tip(data, "e₂", t), M @ [0, 1])
    # One colour scheme: before grey and dashed, after orange; the grid moves with A.
    before, after = data["groups"][0], moving[0]
    assert {p["role"] for p in before["paths"]} == {"grid", "before"}
    assert {p["role"] for p in after["paths"]} == {"grid-after", "after"}
    assert [r["role"] for r in after["regions"]] == ["after"]
    assert data["colors"]["before"] == charts.COLORS["grey"]
    assert data["colors"]["after"] == charts.COLORS["orange"]
    # The readouts name the map drawn right now, I → A as Play runs, and its determinant:
    # a reflection's passes through 0 on the way.
    matrix, det = data["readouts"]
    assert (matrix["text"], det["text"]) == ("{stage} = [{} {}; {} {}]", "det {stage} = {}")
    assert matrix["between"] == "M"
    for t in (0.0, 0.3, 1.0):
        with shown(data, t):
            M = la.morph(A, t)
            entries = [scalar(v, positions(data), {}) for v in matrix["value"]]
            np.testing.assert_allclose(entries, M.ravel())
            assert scalar(det["value"], positions(data), {}) == pytest.approx(la.determinant(M))
    # Between I and A the arrows are the columns of M, and named so.
    named = [a for g in data["groups"] for a in g["arrows"] if a.get("texts") == ["e₁", "Ae₁"]]
    assert [a["between"] for a in named] == ["Me₁"]
    flip = shipped(charts.map_scene(np.diag([-1.0, 1.0]), LETTER_F, handles=True))
    with shown(flip, 0.5):
        assert scalar(flip["readouts"][1]["value"], positions(flip), {}) == pytest.approx(0.0)
    # Framed on the shapes: the image and the F fill the view, the far grid does not count.
    cx, cy = data["centre"]
    assert data["extent"] <= 1.5
    assert cx > 0
    assert cy > 0


def test_a_product_scene_plays_a_then_b():
    A, B = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    data = shipped(charts.map_scene(A, LETTER_F, handles=False, then=B))
    assert data["stages"]["names"] == ["x", "Ax", "BAx"]
    assert not data["handles"]
    np.testing.assert_allclose(tip(data, "e₁", 0.5), A @ [1, 0])  # halfway: A done, B not yet
    np.testing.assert_allclose(tip(data, "e₁", 1.0), B @ A @ [1, 0])
    np.testing.assert_allclose(tip(data, "e₂", 0.75), la.morph(B, 0.5) @ A @ [0, 1])
    labels = [a["texts"] for g in data["groups"] for a in g["arrows"] if "texts" in a]
    assert labels[0] == ["e₁", "Ae₁", "BAe₁"]
    # The middle step is left behind as B plays: the F after A alone, grey and dotted, so
    # it is not the orange F of the product; it fades in over the second half.
    (ghost,) = [g for g in data["groups"] if "fade" in g]
    assert ghost["fade"] == [0.5, 1.0]
    assert not ghost["steps"]
    (path,) = ghost["paths"]
    assert (path["role"], path["style"]) == ("before", "dotted")
    np.testing.assert_allclose(path["points"], LETTER_F @ A.T)
    assert [(label["text"], label["role"]) for label in ghost["labels"]] == [("Ax", "before")]


def test_a_product_panel_is_framed_on_its_own_shapes():
    A, B = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    data = shipped(charts.map_scene(A, LETTER_F, handles=False, then=B))
    square = np.array([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])
    seen = np.vstack([x @ M.T for x in (LETTER_F, square) for M in (np.eye(2), A, B @ A)])
    centre, box = np.array(data["centre"]), np.array(data["box"])
    assert np.all(np.abs(seen - centre) <= box)
    # Tight on both sides: the shapes span the box but for a margin.
    np.testing.assert_allclose(np.ptp(seen, axis=0) * 1.1, 2 * box)
    np.testing.assert_allclose(centre, (seen.min(axis=0) + seen.max(axis=0)) / 2)
    # A single map keeps the square framing.
    assert shipped(charts.map_scene(A, LETTER_F, handles=True))["box"] is None


def test_a_group_fades_in_only_over_an_increasing_span():
    scene = stage.Scene(extent=1.0)
    with pytest.raises(ValueError, match="fade must be"):
        scene.group(fade=(0.5, 0.5))


def test_an_eigenvalue_of_one_draws_one_arrow_for_v_and_av_and_no_eigenlines_no_key():
    A = np.array([[-3.0, 0.0], [0.0, 1.0]])
    data = shipped(charts.eigen_scene(A, la.eigen(A), 100))
    labels = [a.get("label") for g in data["groups"] for a in g["arrows"]]
    assert labels.count("Av₂ = v₂") == 1
    assert "v₂" not in labels
    assert {"v₁", "Av₁ = −3v₁"} <= set(labels)
    assert "eigenlines" in [entry["text"] for entry in data["legend"]]
    R = la.rotation(math.pi / 3)
    data = shipped(charts.eigen_scene(R, la.eigen(R), 100))
    assert "eigenlines" not in [entry["text"] for entry in data["legend"]]


def test_eigen_scene_draws_av_from_v_live_and_labels_each_eigenvector():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    data = shipped(charts.eigen_scene(A, la.eigen(A), 100))
    (h,) = data["handles"]
    assert h["ring"] == [0.0, 0.0, 1.0]
    assert h["step"] == 5.0
    assert math.degrees(math.atan2(h["y"], h["x"])) == pytest.approx(100)
    arrows = {a["label"]: a for g in data["groups"] for a in g["arrows"]}
    v = (math.cos(1.0), math.sin(1.0))
    np.testing.assert_allclose(evaluate(arrows["Av"]["to"], {"v": v}), A @ v)
    assert {"v₁", "Av₁ = 3v₁", "Av₂ = v₂"} <= set(arrows)  # λ = 1: one arrow, Av₂ = v₂
    # λv is outlined and slid aside, so the dashed eigenline under it stays in sight.
    assert arrows["Av₁ = 3v₁"]["style"] == "outline"
    assert arrows["Av₁ = 3v₁"]["offset"] != 0


def test_eigen_scene_for_the_zero_matrix_says_every_v_is_an_eigenvector():
    zero = np.zeros((2, 2))
    data = shipped(charts.eigen_scene(zero, la.eigen(zero), 0))
    (readout,) = data["readouts"]
    assert readout["text"] == "Av = 0 for every v: each is an eigenvector, λ = vᵀAv = {}"
    assert scalar(readout["value"], positions(data), {}) == 0.0  # no undefined angle


def test_eigen_scene_orders_by_modulus_and_draws_no_line_for_a_rotation():
    A = np.array([[-3.0, 0.0], [0.0, 1.0]])
    labels = {
        a.get("label")
        for g in shipped(charts.eigen_scene(A, la.eigen(A), 0))["groups"]
        for a in g["arrows"]
    }
    assert "Av₁ = −3v₁" in labels
    rotation = la.rotation(0.5)
    data = shipped(charts.eigen_scene(rotation, la.eigen(rotation), 0))
    assert not [p for g in data["groups"] for p in g["paths"] if p["role"] == "eigen"]


def test_ball_scene_scales_the_ball_through_u():
    u = np.array([3.0, 1.0])
    ball = polygon(la.unit_ball(1.0, n=80))
    data = shipped(charts.ball_scene(u, 1.0, ball, [], p_text="1", length=4.0))
    assert data["extent"] >= 4.0  # the ball through u is framed
    (scaled,) = [p for g in data["groups"] for p in g["paths"] if p["role"] == "u"]
    handles = positions(data)
    points = np.array([evaluate(q, handles) for q in scaled["points"]])
    np.testing.assert_allclose(la.p_norm(points, 1.0), 4.0)  # ‖u‖₁ = 4: u lies on it
    assert scalar(data["readouts"][0]["value"], handles, {}) == pytest.approx(4.0)
    (ring,) = [d for g in data["groups"] for d in g["points"]]
    np.testing.assert_allclose(evaluate(ring["at"], handles), u / 4)


def test_ball_scene_played_grows_the_diamond_into_ps_ball_and_reads_u_at_each_moment():
    u, p = np.array([3.0, 1.0]), math.inf
    exponents = charts.norm_stages(p)
    play = (exponents, ["p = 1", "p = 2", "p = ∞"], polygon(la.unit_ball(1.0, n=80)))
    ball = polygon(la.unit_ball(p, n=80))
    scene = charts.ball_scene(u, p, ball, [], p_text="∞", length=3.0, play=play)
    data = shipped(scene)
    assert data["stages"]["names"] == ["p = 1", "p = 2", "p = ∞"]
    assert data["title"] == ""  # the readout names the exponent shown
    assert data["extent"] >= 4.0  # the diamond through u at the start (‖u‖₁ = 4) is framed
    handles = positions(data)
    (text, (exponent, length), _) = data["readouts"][0].values()
    assert text == "p = {}: ‖u‖ = {}"
    for t, q in ((0.0, 1.0), (0.25, 4 / 3), (0.5, 2.0), (0.75, 4.0), (1.0, math.inf)):
        with shown(data, t):
            assert scalar(exponent, handles, {}) == pytest.approx(q)  # the p shown, live
            assert scalar(length, handles, {}) == pytest.approx(la.p_norm(u, q))
        for group in data["groups"]:
            for path in group["paths"]:
                points = np.array(
                    [
                        moved(evaluate(x, handles), group["steps"], t, handles)
                        for x in path["points"]
                    ]
                )
                radius = {"after": 1.0, "u": la.p_norm(u, q)}[path["role"]]
                np.testing.assert_allclose(la.p_norm(points, q), radius, rtol=1e-6)  # 7 digits sent
    # Not played: the ball of p alone, as before.
    still = shipped(charts.ball_scene(u, p, ball, [], p_text="∞", length=3.0))
    assert still["stages"] is None
    assert still["title"] == "p = ∞"


def test_the_two_product_panels_share_their_columns_and_read_each_others():
    A, B = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    left = shipped(
        charts.map_scene(A, LETTER_F, handles=True, then=B, share="p:A", then_from="p:B")
    )
    assert left["shares"] == {"ae1": "p:A:1", "ae2": "p:A:2"}
    assert [(x["name"], x["channel"], x["x"], x["y"]) for x in left["externals"]] == [
        ("then1", "p:B:1", 0.0, 1.0),
        ("then2", "p:B:2", -1.0, 0.0),
    ]
    # B comes from the other panel's handles: with them moved, this panel's BA follows.
    moved_B = np.array([[2.0, 0.0], [0.5, 1.0]])
    points = positions(left) | {"then1": tuple(moved_B[:, 0]), "then2": tuple(moved_B[:, 1])}
    tips: dict = {}  # the first arrow of each role: the product's columns, at rest
    for group in left["groups"]:
        for arrow in group["arrows"]:
            if arrow["role"] in ("u", "v") and arrow["role"] not in tips:
                at = evaluate(arrow["to"], points, left["defs"])
                tips[arrow["role"]] = moved(at, group["steps"], 1.0, points)
    np.testing.assert_allclose(np.column_stack([tips["u"], tips["v"]]), moved_B @ A)
    (det,) = left["readouts"]
    assert scalar(det["value"], points, {}) == pytest.approx(np.linalg.det(moved_B @ A))
    alone = shipped(charts.map_scene(A, LETTER_F, handles=True, then=B))
    assert (alone["shares"], alone["externals"]) == ({}, [])


def test_projection_scene_marks_the_right_angle_at_the_foot():
    u, v = np.array([3.0, 1.0]), np.array([1.0, 3.0])
    data = shipped(charts.projection_scene(u, v))
    handles = positions(data)
    marks = {m["kind"]: m for g in data["groups"] for m in g["marks"]}
    foot = evaluate(marks["corner"]["at"], handles)
    np.testing.assert_allclose(foot, la.projection(u, v))
    assert (u - foot) @ v == pytest.approx(0.0, abs=1e-12)
    assert marks["angle"]["label"] == "θ"
    assert scalar(data["readouts"][0]["value"], handles, {}) == pytest.approx(u @ v)
    # The projection lies along v: hollow and drawn after v, so v shows through it.
    arrows = [a for g in data["groups"] for a in g["arrows"]]
    order = [a["label"] for a in arrows]
    assert order.index("proj") > order.index("v")
    assert arrows[order.index("proj")]["style"] == "outline"


@pytest.mark.parametrize(
    "matrix", [[[1.5, 1.0], [0.0, 1.0]], [[0.0, 1.0], [2.0, 0.0]], [[1.0, 2.0], [0.5, 1.0]]]
)
def test_svd_scene_turns_stretches_and_turns_onto_a(matrix):
    svd = la.svd_2x2(matrix)
    path = svd.path()
    names = (
        ["x", "Vᵀx", "ΣVᵀx", "mirrored", "UΣVᵀx"] if path.mirror else ["x", "Vᵀx", "ΣVᵀx", "UΣVᵀx"]
    )
    data = shipped(charts.svd_scene(path, LETTER_F, stages=names, t=1.0))
    kinds = [next(iter(step)) for step in data["groups"][1]["steps"]]
    assert kinds == (
        ["rotate", "scale", "scale", "rotate"] if path.mirror else ["rotate", "scale", "rotate"]
    )
    last = data["groups"][-1]
    ends = [moved(evaluate(a["to"], {}), last["steps"], 1.0, {}) for a in last["arrows"]]
    np.testing.assert_allclose(ends[0], svd.S[0] * svd.U[:, 0], atol=1e-6)
    np.testing.assert_allclose(ends[1], svd.S[1] * svd.U[:, 1], atol=1e-6)
    assert ends[0][1] >= -1e-9  # σ₁u₁ in the upper half-plane
    # After the first turn v₁ lies on the x-axis; after the stretch it is σ₁e₁.
    fraction = 1 / len(kinds)
    after_turn = moved(evaluate(last["arrows"][0]["to"], {}), last["steps"], fraction, {})
    np.testing.assert_allclose(after_turn, [1.0, 0.0], atol=1e-6)
    # The σ-arrows are drawn last, on top of everything.
    assert last["arrows"][0]["texts"][-1] == "σ₁u₁"


def test_pca_scene_drops_every_point_onto_w_and_reads_the_variance_along_it():
    xs = la.correlated_cloud(200, correlation=0.8, noise=0.2, seed=0)
    fit = la.pca(xs)
    data = shipped(charts.pca_scene(xs, fit, 30, shares=["PC1 89%", "PC2 11%"]))
    (h,) = data["handles"]
    cx, cy, _ = h["ring"]
    np.testing.assert_allclose([cx, cy], fit.mean, atol=1e-6)
    assert math.degrees(math.atan2(h["y"] - cy, h["x"] - cx)) == pytest.approx(30)
    (drops,) = [m for g in data["groups"] for m in g["marks"] if m["kind"] == "drops"]
    assert len(drops["points"]) == 200
    handles = positions(data)
    along = evaluate(drops["along"], handles, data["defs"])
    foot = evaluate(
        {"proj": drops["along"], "of": drops["points"][0], "through": drops["through"]},
        handles,
        data["defs"],
    )
    np.testing.assert_allclose(
        foot, fit.mean + ((xs[0] - fit.mean) @ along) / (along @ along) * along, atol=1e-5
    )
    value = scalar(data["readouts"][0]["value"], handles, data["defs"])
    assert value == pytest.approx(la.axis_spread(xs, math.radians(30)).along, rel=1e-5)


def test_variance_chart_marks_pc1_and_w():
    curve = pd.DataFrame(
        {"angle": np.arange(181.0), "variance": np.cos(np.radians(np.arange(181.0)))}
    )
    marks = pd.DataFrame({"angle": [0.0, 30.0], "variance": [1.0, 0.8], "name": ["PC1", "w"]})
    spec = charts.variance_chart(curve, marks).to_dict()
    marks_kinds = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks_kinds == ["line", "rule", "circle", "text"]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 180]
    assert spec["layer"][1]["encoding"]["color"]["scale"]["range"] == [
        charts.COLORS["blue"],
        charts.COLORS["purple"],
    ]


def test_layer_scene_follows_the_points_stage_by_stage():
    classes = la.xor_classes(120, spread=0.25, seed=0)
    grid = charts.square_grid(2.0, lines=9, points=40)
    A, b = np.array([[1.0, -1.0], [-1.0, 1.0]]), np.array([0.0, 0.0])
    run = la.layer_stages(grid.reshape(-1, 2), A, b, "relu")
    data_run = la.layer_stages(classes.points, A, b, "relu")
    grids = [s.reshape(grid.shape) for s in (run.points, run.linear, run.shifted, run.activated)]
    points = [data_run.points, data_run.linear, data_run.shifted, data_run.activated]
    after = la.linear_separation(data_run.activated, classes.labels)
    data = shipped(
        charts.layer_scene(
            grid,
            grids,
            classes.points,
            classes.labels,
            points,
            A=A,
            b=b,
            activation="relu",
            stages=["x", "Ax", "Ax + b", "σ(Ax + b)"],
            t=1.0,
            separator=(after.normal, after.offset),
            class_names=("a", "b"),
        )
    )
    assert len(data["views"]) == 4
    for (cx, cy, e), xy in zip(data["views"], points, strict=True):
        assert np.all(np.abs(xy - [cx, cy]) <= e)  # each stage framed on its points
    assert data["views"][1] != data["views"][0]  # A squashes the plane: the view follows
    dots = data["groups"][1]
    ends = np.array([moved(evaluate(d["at"], {}), dots["steps"], 1.0, {}) for d in dots["points"]])
    np.testing.assert_allclose(ends, data_run.activated, atol=1e-6)
    (line,) = [g for g in data["groups"] if g.get("when")]
    assert line["when"] == [1.0, 1.0]
    assert line["paths"][0]["role"] == "separator"


def test_a_basis_on_one_line_draws_b1_bold_under_b2():
    data = shipped(charts.basis_scene((1, 0.5), (2, 1), (2, 2), is_basis=False, bound=5.0))
    arrows = [a for g in data["groups"] for a in g["arrows"]]
    labels = [a["label"] for a in arrows]
    # b₂ on top, from the origin like b₁: not read as starting at b₁'s tip.
    assert labels.index("b₁") < labels.index("b₂")
    assert arrows[labels.index("b₂")]["from"] == [0.0, 0.0]
    assert arrows[labels.index("b₁")]["style"] == "bold"
    data = shipped(charts.basis_scene((1, 0.5), (-0.5, 1), (2, 2), is_basis=True, bound=5.0))
    b1_arrows = [a for g in data["groups"] for a in g["arrows"] if a.get("texts", [""])[-1] == "b₁"]
    assert len(b1_arrows) == 1
    assert "style" not in b1_arrows[0]


def test_a_product_panel_with_handles_drags_the_first_map_s_columns():
    A, B = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    data = shipped(charts.map_scene(B, LETTER_F, handles=True, then=A, names=("B", "A")))
    assert [(h["name"], h["label"], h["x"], h["y"]) for h in data["handles"]] == [
        ("ae1", "Be₁", 0.0, 1.0),
        ("ae2", "Be₂", -1.0, 0.0),
    ]
    # The thin arrows the handles sit on: B's columns by half-time, and still there at the end.
    for t in (0.5, 0.75, 1.0):
        np.testing.assert_allclose(tip(data, "Be₁", t), B @ [1, 0], atol=1e-12)
        np.testing.assert_allclose(tip(data, "Be₂", t), B @ [0, 1], atol=1e-12)
    np.testing.assert_allclose(tip(data, "Be₁", 0.25), la.morph(B, 0.5) @ [1, 0])
    # Mid-play each handle rides its own thin arrow's tip, not the product's.
    for h in data["handles"]:
        group = data["groups"][h["rides"]["group"]]
        assert [a["style"] for a in group["arrows"]] == ["thin", "thin"]
    # The product follows a dragged column: with B's first column at (2, 0), AB·e₁ = A·(2, 0).
    moved_to = {"ae1": (2.0, 0.0), "ae2": (-1.0, 0.0)}
    (product,) = [g for g in data["groups"] if len(g["steps"]) == 2 and g["regions"]]
    end = moved(evaluate(product["arrows"][0]["to"], moved_to), product["steps"], 1.0, moved_to)
    np.testing.assert_allclose(end, A @ [2.0, 0.0])
    # The panel shows AB, so its determinant is the product's, and it follows a drag.
    (readout,) = data["readouts"]
    assert readout["text"] == "det AB = {}"
    at_start = {h["name"]: (h["x"], h["y"]) for h in data["handles"]}
    assert scalar(readout["value"], at_start, {}) == pytest.approx(la.determinant(A @ B))
    A2 = np.array([[2.0, 0.0], [1.0, 3.0]])
    data2 = shipped(charts.map_scene(B, LETTER_F, handles=True, then=A2, names=("B", "A")))
    dragged = {"ae1": (1.0, 2.0), "ae2": (0.5, -1.0)}
    # det(A2 · [dragged columns]) = 6 · (−2)
    assert scalar(data2["readouts"][0]["value"], dragged, {}) == pytest.approx(-12.0)


def test_the_scaling_preset_leaves_room_to_drag_ae2_up_to_one_and_a_half():
    # The stage holds a handle 10 px (15 in projector mode) inside a view at least 200 px
    # on its shorter side, which spans the extent either way of the centre.
    data = shipped(charts.map_scene(la.PRESETS["scaling"], LETTER_F, handles=True, bound=10.0))
    (cx, cy), e = data["centre"], data["extent"]
    margin = 15 * 2 * e / 200
    assert cy + e - margin >= 1.5
    assert abs(cx) <= e - margin  # straight up from x = 0 stays in the view


def test_a_nearly_parallel_basis_keeps_the_view_on_the_handles():
    b1, b2, v = np.array([-0.45, 1.05]), np.array([-0.5, 1.0]), np.array([2.0, 2.0])
    c = la.coordinates(v, np.column_stack([b1, b2]))
    assert np.max(np.abs(c[0] * b1)) > 10  # the c₁·b₁ corner runs far off
    data = shipped(charts.basis_scene(b1, b2, v, is_basis=True, bound=5.0))
    (cx, cy), e = data["centre"], data["extent"]
    assert e <= 2.5  # framed on b₁, b₂ and v, not blown up to ±10
    for p in (b1, b2, v):
        assert abs(p[0] - cx) <= e
        assert abs(p[1] - cy) <= e
    # A well-spread basis still frames its whole construction.
    b1, b2 = np.array([1.5, 0.5]), np.array([-0.5, 1.0])
    c = la.coordinates(v, np.column_stack([b1, b2]))
    data = shipped(charts.basis_scene(b1, b2, v, is_basis=True, bound=5.0))
    (cx, cy), e = data["centre"], data["extent"]
    assert np.all(np.abs(c[0] * b1 - [cx, cy]) <= e)


def test_the_eigen_view_is_framed_on_the_circle_not_the_ellipse():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])  # the image reaches 3
    data = shipped(charts.eigen_scene(A, la.eigen(A), 100))
    assert 1.0 < data["extent"] <= charts.EIGEN_VIEW  # the circle spans most of the view
    assert charts.eigen_view(A) == (data["extent"], True)
    # A small image keeps the tight frame, and nothing runs off.
    assert charts.eigen_view(0.5 * np.eye(2)) == (1.5, False)
    assert charts.eigen_view(np.zeros((2, 2))) == (1.5, False)
    # An image just inside the largest frame is framed whole.
    extent, cut = charts.eigen_view(1.5 * np.eye(2))
    assert extent >= 1.5 * 1.12
    assert not cut


def test_the_pc2_label_sits_past_the_cloud_along_pc2():
    xs = la.correlated_cloud(200, correlation=0.8, noise=0.2, seed=0)
    fit = la.pca(xs)
    data = shipped(charts.pca_scene(xs, fit, 30, shares=["PC1 89%", "PC2 11%"]))
    (label,) = [lb for g in data["groups"] for lb in g["labels"] if lb["text"] == "PC2 11%"]
    c2 = np.asarray(fit.components[1])
    at = np.asarray(label["at"]) - fit.mean
    # At the cloud's far edge along PC2: no point lies further out that way.
    assert at @ c2 == pytest.approx(np.max((xs - fit.mean) @ c2))
    # And pushed further out, in pixels: right/up along PC2, clear of a 68 × 18 px box.
    dx, dy = label["offset"]
    assert dx * c2[0] + dy * c2[1] > 0
    assert abs(dx) >= 16 * abs(c2[0])
    assert abs(dy) >= 16 * abs(c2[1])
    assert not [a for g in data["groups"] for a in g["arrows"] if a.get("label") == "PC2 11%"]
    # PC1 keeps its label on its arrow.
    assert [a["label"] for g in data["groups"] for a in g["arrows"] if "label" in a] == ["PC1 89%"]


def test_a_dragged_column_tip_is_framed_with_room_for_its_grab_ring():
    A, B = np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])
    data = shipped(charts.map_scene(A, LETTER_F, handles=True, then=B))
    centre, box = np.array(data["centre"]), np.array(data["box"])
    for column in A.T:
        assert np.all(np.abs(charts.HANDLE_ROOM * column - centre) <= box + 1e-9)
    data = shipped(charts.map_scene(A, LETTER_F, handles=True))
    (cx, cy), e = data["centre"], data["extent"]
    for column in A.T:
        assert np.all(np.abs(charts.HANDLE_ROOM * column - [cx, cy]) <= e + 1e-9)


def test_on_one_line_the_combination_and_b_v_are_slid_to_either_side_of_u():
    u, v = np.array([2.0, 1.0]), np.array([-1.0, -0.5])
    data = shipped(charts.vectors_scene(u, v, 1.0, 1.0, span="a line", bound=5.0))
    arrows = {a["label"]: a for g in data["groups"] for a in g["arrows"]}
    handles = positions(data)
    w, bv = arrows["a·u + b·v"], arrows["b·v"]
    assert w["offset"] > 0
    assert bv["offset"] > 0  # each to its own left: they point opposite ways along the line
    along_w = evaluate(w["to"], handles) - evaluate(w["from"], handles)
    along_bv = evaluate(bv["to"], handles) - evaluate(bv["from"], handles)
    assert along_w @ along_bv < 0
    assert "offset" not in arrows["u"]
    # Spanning the plane, nothing needs sliding.
    data = shipped(charts.vectors_scene(u, [0.5, 1.5], 1.0, 1.0, span="the plane", bound=5.0))
    arrows = {a["label"]: a for g in data["groups"] for a in g["arrows"]}
    assert "offset" not in arrows["a·u + b·v"]


def test_power_iteration_plays_one_iterate_at_a_time():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    walk = la.power_iteration(A, [0.0, 1.0], 20)
    data = shipped(charts.power_scene(walk, la.eigen(A).dominant))
    # Too many steps to name each under the play bar: the first and the last.
    assert data["stages"]["names"] == ["v₀", "v₂₀"]
    newest = [g for g in data["groups"] if any(a["role"] == "iterate" for a in g["arrows"])]
    assert len(newest) == 21
    # The k-th is the bold one from k/20 until the (k+1)-th comes; the last stays.
    assert newest[5]["when"] == [pytest.approx(5 / 20), pytest.approx(6 / 20, abs=1e-3)]
    assert newest[5]["when"][1] < newest[6]["when"][0]  # one bold arrow at any moment
    assert newest[-1]["when"] == [1.0, 1.0]
    np.testing.assert_allclose(newest[-1]["arrows"][0]["to"], walk[-1], atol=1e-6)
    # Once shown, an iterate stays (grey) to the end: the fan builds up.
    traces = [g for g in data["groups"] if g["arrows"] and g["arrows"][0]["role"] == "before"]
    assert [g["when"][1] for g in traces] == [1.0] * 21


def test_power_iteration_without_iterates_draws_the_circle_and_no_play():
    data = shipped(charts.power_scene(None, None))
    assert "stages" not in data or not data["stages"]
    paths = [p for g in data["groups"] for p in g["paths"]]
    assert [p["role"] for p in paths] == ["before"]  # the unit circle alone


def test_a_scene_played_by_times_names_at_least_two_moments():
    scene = stage.Scene(extent=1.0, stages=["only"])
    scene.group(when=(0.5, 1.0)).dot("u", (0.0, 0.0))
    with pytest.raises(ValueError, match="≥ 2 moments"):
        scene.data(height=300)


def test_the_eigen_hunt_reads_the_angle_between_v_and_av_and_the_rayleigh_quotient():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    data = shipped(charts.eigen_scene(A, la.eigen(A), 100.0))
    angle, rayleigh = data["readouts"]
    assert angle["text"] == "angle(v, Av) = {}°"
    # On an eigenvector the angle is 0 (λ > 0) and vᵀAv is λ; off it, neither.
    on = {"v": (math.sqrt(0.5), math.sqrt(0.5))}
    assert scalar(angle["value"], on, {}) == pytest.approx(0.0, abs=1e-6)
    assert scalar(rayleigh["value"], on, {}) == pytest.approx(3.0)
    off = {"v": (1.0, 0.0)}
    Av = A @ [1.0, 0.0]
    expected = math.degrees(math.atan2(Av[1], Av[0]))
    assert scalar(angle["value"], off, {}) == pytest.approx(expected)  # 26.57°
    assert scalar(rayleigh["value"], off, {}) == pytest.approx(2.0)
    # A negative eigenvalue turns Av round: 180°.
    flip = np.array([[1.0, 0.0], [0.0, -2.0]])
    flipped = shipped(charts.eigen_scene(flip, la.eigen(flip), 90.0))
    assert scalar(flipped["readouts"][0]["value"], {"v": (0.0, 1.0)}, {}) == pytest.approx(180.0)
