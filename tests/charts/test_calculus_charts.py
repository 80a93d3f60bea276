import json

import numpy as np
import pandas as pd
import pytest

from mathviz.charts import calculus as charts
from mathviz.charts import theme
from tests.charts.helpers import (
    BUDGET,
    arrow_bytes,
    datasets,
    layer_encodings,
    payload_bytes,
    without_data,
)


def flat_layers(spec: dict) -> list[dict]:
    """Every unit layer of a spec, however deeply layered."""
    if "layer" in spec:
        return [leaf for layer in spec["layer"] for leaf in flat_layers(layer)]
    return [spec]


def sent_bytes(chart, *frames: pd.DataFrame) -> int:
    """What a rerun sends for a chart: its spec without data, and each frame as Arrow."""
    spec = len(json.dumps(without_data(chart.to_dict())))
    return spec + sum(arrow_bytes(frame) for frame in frames)


def test_secant_chart_layers_curve_secant_tangent_and_points():
    xs = np.linspace(-5, 5, 400)
    lines = pd.concat(
        [
            pd.DataFrame({"x": xs, "y": np.sin(xs), "line": "f"}),
            pd.DataFrame({"x": [-5, 5], "y": [0.0, 1.0], "line": "secant"}),
            pd.DataFrame({"x": [-5, 5], "y": [0.1, 0.9], "line": "tangent"}),
        ]
    )
    points = pd.DataFrame(
        {"x": [1.0, 1.1], "y": [0.84, 0.89], "label": ["x", "x + h"], "side": ["left", "right"]}
    )
    spec = charts.secant_chart(lines, points, y_domain=(-1.2, 1.2)).to_dict()
    encodings = layer_encodings(spec)
    assert encodings[0]["color"]["field"] == "line"
    assert any(e.get("y", {}).get("scale", {}).get("domain") == [-1.2, 1.2] for e in encodings)
    assert sorted(len(d) for d in datasets(spec)) == [2, 404]
    assert spec["height"] == theme.SIZES["main"]
    assert payload_bytes(charts.secant_chart(lines, points)) < 100_000


def test_secant_chart_with_frames_binds_a_slider_that_picks_the_secant_drawn():
    ks = np.arange(121)
    lines = pd.concat(
        [
            pd.DataFrame({"x": [-5.0, 5.0], "y": [0.0, 1.0], "line": "f", "k": -1}),
            pd.DataFrame(
                {"x": np.tile([-5.0, 5.0], 121), "y": 0.5, "line": "secant", "k": ks.repeat(2)}
            ),
        ]
    )
    points = pd.DataFrame(
        {"x": 1.0, "y": 0.8, "label": ["x", "x + h"] * 121, "side": ["left", "right"] * 121}
    ).assign(k=ks.repeat(2))
    readout = pd.DataFrame({"k": ks, "text": [f"h = {k}" for k in ks]})
    chart = charts.secant_chart(lines, points, None, None, readout, frames=121)
    spec = chart.to_dict()
    (param,) = spec["params"]
    assert param["name"] == charts.SHRINK
    assert param["bind"] == {
        "input": "range", "min": 0, "max": 120, "step": 1, "name": "shrink h toward 0  "
    }  # fmt: skip
    filters = [
        t["filter"]
        for layer in flat_layers(spec)
        for t in layer.get("transform", [])
        if "filter" in t
    ]
    assert "datum.k < 0 || datum.k == shrink" in filters  # f always, one secant of all
    assert "datum.k == shrink" in filters  # one readout
    assert sent_bytes(chart, lines, points, readout) < BUDGET


def test_holding_widens_a_view_to_keep_far_points_off_its_edges():
    lo, hi = charts.holding((-20.0, 20.0), [48.1, -12.6])
    assert lo == -20.0
    assert hi > 48.1
    assert (hi - 48.1) == pytest.approx(0.08 * (hi - lo))


def test_secant_chart_outlines_the_zoomed_window_and_rings_the_tangent_point():
    lines = pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0], "line": "f"})
    points = pd.DataFrame({"x": [0.5], "y": [0.5], "label": ["x"], "side": ["left"]})
    window = pd.DataFrame({"x": [0.4], "x2": [0.6], "y": [0.4], "y2": [0.6]})
    touch = pd.DataFrame({"x": [0.5], "y": [0.5]})
    spec = charts.secant_chart(lines, points, window, touch).to_dict()
    box = spec["layer"][0]
    assert box["mark"]["type"] == "rect"
    assert box["mark"]["fillOpacity"] == 0
    assert box["mark"]["strokeDash"]
    assert set(box["encoding"]) == {"x", "x2", "y", "y2"}
    rings = [layer for layer in flat_layers(spec) if layer["mark"].get("filled") is False]
    assert len(rings) == 1


def test_zoom_chart_has_a_fixed_window_labelled_in_steps_of_h():
    ts = np.linspace(-1, 1, 201)
    lines = pd.concat(
        [
            pd.DataFrame({"u": ts, "v": 0.5 * ts, "line": "f"}),
            pd.DataFrame({"u": [-1.0, 1.0], "v": [-0.5, 0.5], "line": "tangent"}),
        ]
    )
    points = pd.DataFrame(
        {"u": [0.0, 0.5], "v": [0.0, 0.25], "label": ["x", "x + h"], "side": ["left", "right"]}
    )
    spec = charts.zoom_chart(lines, points, pd.DataFrame({"u": [0.0], "v": [0.0]})).to_dict()
    # It stands in a column half as wide as the main view's: tall enough to read, not a sliver.
    assert 350 <= spec["height"] < theme.SIZES["main"]
    x = next(e["x"] for e in layer_encodings(spec) if "axis" in e.get("x", {}))
    y = next(e["y"] for e in layer_encodings(spec) if "axis" in e.get("y", {}))
    assert x["scale"]["domain"] == [-1, 1]
    assert y["scale"]["domain"] == [-1, 1]
    assert "'x + h'" in x["axis"]["labelExpr"]
    assert "'x − 2h'" in x["axis"]["labelExpr"]
    assert "'f(x)'" in y["axis"]["labelExpr"]
    curve = spec["layer"][0]["layer"][0]
    assert curve["mark"]["strokeWidth"] > 5  # a pale band the lines stay visible inside
    assert payload_bytes(charts.zoom_chart(lines, points)) < 100_000


def test_quotient_error_chart_uses_log_axes():
    errors = pd.DataFrame({"h": [1e-3, 1e-2], "error": [1e-6, 1e-4], "scheme": "forward"})
    guides = pd.DataFrame(
        {"h": [1e-3, 1e-2], "error": [1e-6, 1e-5], "guide": "slope 1", "end": [False, True]}
    )
    spec = charts.quotient_error_chart(errors, guides, pd.DataFrame({"h": [1e-2]})).to_dict()
    scales = [e["x"].get("scale", {}).get("type") for e in layer_encodings(spec) if "y" in e]
    assert set(scales) == {"log"}


def test_slope_guides_are_drawn_dashed_on_top_and_labelled_at_their_right_end():
    errors = pd.DataFrame({"h": [1e-3, 1e-2], "error": [1e-6, 1e-4], "scheme": "forward"})
    guides = pd.DataFrame(
        {"h": [1e-3, 1e-2], "error": [1e-6, 1e-5], "guide": "slope 1", "end": [False, True]}
    )
    spec = charts.quotient_error_chart(errors, guides, pd.DataFrame({"h": [1e-2]})).to_dict()
    marks = [layer.get("mark", {}) for layer in spec["layer"]]
    curves = next(i for i, m in enumerate(marks) if m.get("point"))
    guide = next(i for i, m in enumerate(marks) if m.get("strokeDash") == [7, 5])
    assert guide > curves  # on top of the data, not hidden under it
    labels = spec["layer"][guide + 1]["layer"]
    assert [layer["mark"]["align"] for layer in labels] == ["left", "left"]
    assert all("datum.end" in json.dumps(layer["transform"]) for layer in labels)


def critical_frames():
    xs = np.linspace(-2, 2, 400)
    curves = pd.concat(
        [
            pd.DataFrame({"x": xs, "value": v, "panel": p})
            for p, v in (("f", xs**3), ("f′", 3 * xs**2), ("f″", 6 * xs))
        ]
    )
    points = pd.DataFrame(
        {
            "x": [0.0] * 3,
            "value": [0.0] * 3,
            "panel": ["f", "f′", "f″"],
            "kind": "inconclusive",
            "label": "inconclusive",
            "show": [True, False, False],
            "open": False,
            "ruled": [True, False, False],
            "under": False,
        }
    )
    return curves, points


def test_critical_chart_stacks_three_titled_panels_on_one_x_axis():
    curves, points = critical_frames()
    spec = charts.critical_chart(curves, points).to_dict()
    panels = spec["vconcat"]
    assert [panel["title"] for panel in panels] == ["f", "slope f′", "curvature f″"]
    assert spec["resolve"]["scale"]["x"] == "shared"
    # No room outside the plots for y labels, so the plots' left edges line up (and the
    # stretched panels stay inside the column).
    extents = {
        (enc["y"]["axis"]["minExtent"], enc["y"]["axis"]["maxExtent"])
        for enc in layer_encodings(spec)
        if "axis" in enc.get("y", {})
    }
    assert extents == {(0, 0)}
    assert panels[0]["height"] >= theme.SIZES["height"]
    assert sent_bytes(charts.critical_chart(curves, points), curves, points) < BUDGET


def test_critical_chart_rules_every_point_through_all_panels():
    curves, points = critical_frames()
    spec = charts.critical_chart(curves, points).to_dict()
    for panel in spec["vconcat"]:
        rules = [layer for layer in panel["layer"] if layer["mark"].get("type") == "rule"]
        ruled = [r for r in rules if "color" in r.get("encoding", {})]
        assert len(ruled) == 1
        assert ruled[0]["transform"] == [{"filter": "((datum.panel === 'f') && datum.ruled)"}]
        assert ruled[0]["encoding"]["color"]["scale"]["domain"] == list(charts.KINDS)


def reads_the_cursor(layer: dict) -> bool:
    return {"filter": {"param": charts.READING, "empty": False}} in layer.get("transform", [])


def test_critical_chart_reads_f_f_prime_and_f_second_at_the_pointer_on_every_panel():
    curves, points = critical_frames()
    spec = charts.critical_chart(curves, points).to_dict()
    (reading,) = spec["params"]
    assert reading["name"] == charts.READING
    assert reading["select"]["on"] == "pointermove"
    assert reading["select"]["nearest"] is True
    assert reading["select"]["fields"] == ["x"]
    probes = [
        layer["name"] for panel in spec["vconcat"] for layer in panel["layer"] if "name" in layer
    ]
    assert sorted(reading["views"]) == sorted(probes)
    assert len(probes) == 3  # the pointer on any panel moves the cursor on all three
    probe_filters = [
        t["filter"]
        for panel in spec["vconcat"]
        for layer in panel["layer"]
        if "name" in layer
        for t in layer["transform"]
        if isinstance(t.get("filter"), str) and "%" in t["filter"]
    ]
    # Aimed at every 8th sample only: few cells for the nearest-point search.
    assert probe_filters == [f"datum.row % {charts.PROBE_EVERY} == 0"] * 3
    assert charts.PROBE_EVERY == 8
    for panel, symbol in zip(spec["vconcat"], ["f", "f′", "f″"], strict=True):
        cursor = [layer for layer in panel["layer"] if reads_the_cursor(layer)]
        assert {layer["mark"]["type"] for layer in cursor} == {"rule", "point", "text"}
        text = next(t for layer in cursor for t in layer["transform"] if "calculate" in t)
        assert text["calculate"].startswith(f"'{symbol}(")


def test_critical_chart_labels_only_f_and_never_prints_tick_dust():
    curves, points = critical_frames()
    spec = charts.critical_chart(curves, points).to_dict()
    texts = [
        [
            layer
            for layer in panel["layer"]
            if layer["mark"].get("type") == "text" and not reads_the_cursor(layer)
        ]
        for panel in spec["vconcat"]
    ]
    # Each panel writes its values (and their halo); f adds labels over and under its points
    # (each on a halo, so a dashed rule stops behind the word) and the crowd's name (and its
    # halo).
    assert [len(t) for t in texts] == [8, 2, 2]
    named = [layer for layer in texts[0] if layer["encoding"]["text"]["field"] == "label"]
    assert [layer["mark"].get("stroke") for layer in named] == ["white", None, "white", None]
    for enc in layer_encodings(spec):
        axis = enc.get("y", {}).get("axis")
        if axis:
            assert axis["labels"] is False  # the panels write their own values, on a halo


def test_critical_panels_write_round_values_on_a_halo_clear_of_the_curves():
    curves, points = critical_frames()
    ticks = pd.DataFrame(
        {"panel": ["f", "f", "f′"], "value": [0.0, 5.0, 10.0], "text": ["0", "5", "10"]}
    )
    spec = charts.critical_chart(curves, points, None, ticks).to_dict()
    for panel in spec["vconcat"]:
        written = [
            layer
            for layer in panel["layer"]
            if layer["mark"].get("type") == "text"
            and layer["encoding"].get("text", {}).get("field") == "text"
            and layer["encoding"].get("x") == {"value": 0}
        ]
        assert [w["mark"].get("stroke") for w in written] == ["white", None]  # halo first
        assert written[1]["mark"]["color"] == theme.COLORS["ink"]  # dark, not a faint grey
    # A tick every ~70 px, at most ten: a projector's wide column is not ruled every 0.2.
    x_axes = [enc["x"]["axis"] for enc in layer_encodings(spec) if "axis" in enc.get("x", {})]
    assert len(x_axes) >= 3
    assert {axis["tickCount"]["expr"] for axis in x_axes} == {charts.X_TICKS}
    assert charts.nice_ticks(-2.0, 2.0).tolist() == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert charts.nice_ticks(-0.3, 17.0).tolist() == [0.0, 5.0, 10.0, 15.0]


def test_critical_chart_shades_a_crowd_too_dense_to_count():
    curves, points = critical_frames()
    crowd = pd.DataFrame({"lo": [-0.1], "hi": [0.1], "text": ["too many to resolve"]})
    spec = charts.critical_chart(curves, points, crowd).to_dict()
    assert [len(d) for d in datasets(spec)].count(1) >= 1
    bands = [
        layer
        for panel in spec["vconcat"]
        for layer in panel["layer"]
        if layer["mark"].get("type") == "rect"
    ]
    assert len(bands) == 3
    # Named half-way up the f panel, on a halo: clear of the labels at the top and bottom.
    named = [
        layer
        for layer in spec["vconcat"][0]["layer"]
        if layer["mark"].get("type") == "text" and "value" in layer["encoding"]["y"]
    ]
    half = spec["vconcat"][0]["height"] / 2
    assert [layer["encoding"]["y"] for layer in named] == [{"value": half}] * 2
    assert named[0]["mark"]["stroke"] == "white"


def test_chain_panel_chart_is_titled_and_draws_curve_tangent_and_point():
    lines = pd.DataFrame(
        {
            "x": [0.0, 1.0, 0.0, 1.0],
            "y": [0.0, 1.0, 0.2, 0.8],
            "panel": "outer f(u)",
            "line": ["f", "f", "tangent", "tangent"],
            "x_title": "u = g(x)",
        }
    )
    point = pd.DataFrame({"x": [0.5], "y": [0.5], "label": ["slope 1"]})
    spec = charts.chain_panel_chart(lines, point, title="outer f(u)", x_title="u = g(x)").to_dict()
    assert spec["title"] == "outer f(u)"
    assert spec["layer"][0]["encoding"]["x"]["title"] == "u = g(x)"
    assert sorted(len(d) for d in datasets(spec)) == [1, 4]
    # Given a corner, the label leaves the point for that corner, on a white halo.
    cornered = point.assign(corner=charts.quiet_corner(lines["x"], lines["y"]))
    spec = charts.chain_panel_chart(lines, cornered, title="t", x_title="u").to_dict()
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert len(texts) == 2 * len(charts.CORNERS)  # halo and ink, one pair per corner
    assert texts[0]["mark"]["stroke"] == "white"
    assert texts[0]["encoding"]["x"] == {"value": 8}  # pinned in pixels, not at the point


def test_riemann_chart_colours_pieces_by_sign():
    pieces = pd.DataFrame(
        {
            "piece": [0, 0, 1, 1],
            "x": [0, 1, 1, 2],
            "y": [1, 1, -1, -1],
            "sign": ["positive", "positive", "negative", "negative"],
        }
    )
    curve = pd.DataFrame({"x": [0, 2], "y": [1, -1]})
    spec = charts.riemann_chart(curve, pieces).to_dict()
    fill = next(e["fill"] for e in layer_encodings(spec) if "fill" in e)
    assert fill["scale"]["domain"] == ["positive", "negative"]
    assert fill["scale"]["range"] == [theme.COLORS["positive"], theme.COLORS["negative"]]
    # About ten x ticks at any width, as on the critical points' panels: not one every 0.2.
    x_axes = [e["x"]["axis"] for e in layer_encodings(spec) if "axis" in e.get("x", {})]
    assert x_axes
    assert {axis["tickCount"]["expr"] for axis in x_axes} == {charts.X_TICKS}


def test_riemann_chart_outlines_each_piece_and_shows_the_whole_curve():
    pieces = pd.DataFrame(
        {"piece": [0, 0, 1, 1], "x": [0, 1, 1, 2], "y": [1, 1, 0.5, 0.5], "sign": "positive"}
    )
    curve = pd.DataFrame({"x": np.linspace(0, 2, 50), "y": np.sin(np.linspace(0, 2, 50))})
    samples = pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 0.84]})
    domain = charts.area_range(curve["y"])
    spec = charts.riemann_chart(curve, pieces, samples, y_domain=domain).to_dict()
    areas = next(e for e in layer_encodings(spec) if "stroke" in e)
    assert areas["stroke"]["field"] == "sign"  # each piece outlined in its own colour
    assert areas["strokeWidth"] == {"field": "outline", "type": "quantitative", "scale": None}
    assert areas["y"]["scale"]["domain"][1] > 1.0  # the top of sin is not on the frame
    assert spec["height"] == theme.SIZES["main"]
    assert len(spec["layer"]) == 4  # axis, pieces, curve, sample points


def test_sum_error_chart_puts_the_chosen_rule_in_front():
    errors = pd.DataFrame(
        {
            "n": [1, 10, 1, 10],
            "error": [1, 0.1, 0.5, 0.005],
            "rule": ["left", "left", "midpoint", "midpoint"],
            "current": [False, False, True, True],
        }
    )
    marker = pd.DataFrame({"n": [10], "error": [0.005], "rule": ["midpoint"]})
    spec = charts.sum_error_chart(errors, marker).to_dict()
    lines = spec["layer"][0]["encoding"]
    assert lines["opacity"]["condition"]["test"] == "datum.current"
    assert lines["strokeWidth"]["condition"]["value"] > lines["strokeWidth"]["value"]
    ring = spec["layer"][2]
    assert ring["mark"]["filled"] is False
    assert set(ring["encoding"]) == {"x", "y"}


def test_accumulation_chart_sweeps_x_with_a_slider_bound_in_the_chart():
    xs = np.linspace(0, 3, 401)
    table = pd.DataFrame({"x": xs, "F": 1 - np.cos(xs), "f": np.sin(xs), "slope": np.sin(xs)})
    spec = charts.accumulation_chart(table, a=0.0, b=3.0).to_dict()
    (param,) = spec["params"]
    assert param["name"] == charts.SWEEP
    assert param["bind"]["input"] == "range"
    assert (param["bind"]["min"], param["bind"]["max"], param["bind"]["step"]) == (0.0, 3.0, 0.01)
    assert 0.0 <= param["value"] <= 3.0
    dumped = json.dumps(spec)
    assert f"datum.x <= {charts.SWEEP}" in dumped  # the area shaded up to the slider
    assert f"abs(datum.x - {charts.SWEEP})" in dumped  # the point riding F
    assert [panel["title"] for panel in spec["vconcat"]] == [
        "F(x): the area from a up to x",
        "f: the area so far shaded",
    ]
    assert payload_bytes(charts.accumulation_chart(table, a=0.0, b=3.0)) < 100_000


@pytest.mark.parametrize(("a", "b"), [(-np.pi, np.pi), (0.0, 2.0), (-4.0, 4.0), (0.1, 0.2)])
def test_the_sweep_slider_moves_in_round_steps_inside_the_interval(a, b):
    xs = np.linspace(a, b, 401)
    table = pd.DataFrame({"x": xs, "F": xs, "f": xs, "slope": xs})
    bind = charts.accumulation_chart(table, a=a, b=b).to_dict()["params"][0]["bind"]
    assert a - 1e-12 <= bind["min"] < bind["max"] <= b + 1e-12
    assert (bind["max"] - bind["min"]) / bind["step"] >= 200
    assert float(f"{bind['step']:.1g}") == bind["step"]


def test_nudge_chart_draws_three_number_lines_to_one_scale():
    bars = pd.DataFrame(
        {
            "level": [2, 1, 0],
            "line": ["x", "u", "y"],
            "end": [1 / 3, 1, -0.6],
            "true_end": [1 / 3, 1.02, -0.7],
        }
    )
    funnels = pd.DataFrame(
        {"funnel": ["g", "g", "f", "f"], "level": [2, 1, 1, 0], "end": [1 / 3, 1, 1, -0.6]}
    )
    notes = pd.DataFrame(
        {
            "level": [2, 1.5],
            "pos": [0.1, 1.0],
            "text": ["dx = 0.1", "× g′(x) = 3"],
            "place": ["above", "left"],
        }
    )
    ticks = pd.DataFrame({"level": [2, 1, 0], "pos": [0.5, 0.5, 0.5]})
    spec = charts.nudge_chart(bars, funnels, notes, ticks).to_dict()
    assert spec["height"] == theme.SIZES["main"]
    xs = [e["x"] for e in layer_encodings(spec) if "x" in e]
    assert all(x["scale"]["domain"] == [-charts.NUDGE_REACH, charts.NUDGE_REACH] for x in xs)
    ys = [e["y"] for e in layer_encodings(spec) if "y" in e]
    assert all(y["axis"] is None for y in ys)  # the lines are named on the chart itself
    names = [
        layer for layer in spec["layer"] if layer["encoding"].get("text", {}).get("field") == "name"
    ]
    assert len(names) == 1
    assert ["x", "u = g(x)", "y = f(u)"] in [[row.get("name") for row in d] for d in datasets(spec)]
    # A length sits over its bracket in the lines' own units, so it clears it at any type size.
    lengths = next(
        layer
        for layer in spec["layer"]
        if any(t.get("calculate") == "datum.level + 0.23" for t in layer.get("transform", []))
    )
    assert lengths["mark"]["baseline"] == "bottom"
    assert lengths["encoding"]["y"]["field"] == "lift"
    funnel = next(layer for layer in spec["layer"] if layer["mark"].get("type") == "area")
    assert funnel["mark"]["orient"] == "horizontal"
    bar_colors = next(e["color"] for e in layer_encodings(spec) if "color" in e)
    assert bar_colors["scale"]["domain"] == ["x", "u", "y"]
    assert payload_bytes(charts.nudge_chart(bars, funnels, notes, ticks)) < 100_000


def test_function_panel_chart_shades_the_nudge_without_touching_the_line_colours():
    lines = pd.DataFrame(
        {
            "x": [0.0, 1.0, 0.0, 1.0],
            "y": [0.0, 1.0, 0.2, 0.8],
            "line": ["f", "f", "tangent", "tangent"],
        }
    )
    point = pd.DataFrame({"x": [0.5], "y": [0.5], "label": ["g′(x) = 1"], "corner": ["top-left"]})
    bands = pd.DataFrame(
        {"axis": ["x", "y"], "line": ["x", "u"], "lo": [0.5, 0.5], "hi": [0.6, 0.62]}
    )
    spec = charts.function_panel_chart(
        lines, point, bands, title="inner g(x)", x_title="x"
    ).to_dict()
    assert spec["title"] == "inner g(x)"
    encodings = layer_encodings(spec)
    fills = [e["fill"]["scale"]["domain"] for e in encodings if "fill" in e]
    colors = [e["color"]["scale"]["domain"] for e in encodings if "color" in e]
    assert fills == [["x", "u", "y"]] * 2
    assert colors == [["f", "secant", "tangent"]]
    pinned = [e for e in encodings if e.get("x") == {"value": 8}]
    assert len(pinned) == 4  # the slope label and its halo, in either left corner
    layers = flat_layers(spec)
    corners = {t["filter"] for layer in layers for t in layer.get("transform", []) if "filter" in t}
    # One halo and one label per corner; the data says which corner is drawn.
    assert {f"(datum.corner === '{c}')" for c in charts.CORNERS} <= corners
    halos = [layer for layer in layers if layer["mark"].get("stroke") == "white"]
    assert len(halos) == 4


def test_the_slope_label_goes_where_the_curves_leave_room():
    xs = np.linspace(-1.0, 1.0, 201)
    assert charts.quiet_corner(xs, -xs) == "top-right"  # falling: top right and bottom left
    # The bell's falling side with its tangent at 1 (the log-of-a-bell preset's g panel):
    # the curve and the tangent fill the top left, so the label goes right.
    ts = np.linspace(-1.0, 3.0, 200)
    bell, tangent = np.exp(-(ts**2)), np.exp(-1) - 2 * np.exp(-1) * (ts - 1)
    corner = charts.quiet_corner(np.concatenate([ts, ts]), np.concatenate([bell, tangent]))
    assert corner.endswith("right")


def test_projector_theme_scales_fonts_and_lines():
    curve = pd.DataFrame({"x": [0, 1], "y": [0, 1]})
    chart = charts.sum_error_chart(
        pd.DataFrame({"n": [1, 10], "error": [1, 0.1], "rule": "left"}), pd.DataFrame({"n": [4]})
    )
    normal = theme.apply(chart, projector=False).to_dict()["config"]
    big = theme.apply(chart, projector=True).to_dict()["config"]
    assert big["axis"]["labelFontSize"] > normal["axis"]["labelFontSize"] * 1.5
    assert big["line"]["strokeWidth"] > normal["line"]["strokeWidth"] * 1.5
    assert len(curve) == 2


def test_view_range_holds_the_middle_of_a_curve_beside_a_pole():
    xs = np.linspace(-1, 1, 401)
    with np.errstate(divide="ignore"):
        ys = 1 / xs
    lo, hi = charts.view_range(ys)
    assert -60 < lo < -10  # not ±∞, and not squashed to the pole's spike
    assert 10 < hi < 60
    assert charts.view_range([np.nan, np.inf]) is None
    assert charts.view_range([2.0, 2.0]) == pytest.approx((0.76, 3.24))


def test_clip_far_blanks_only_values_far_outside_the_view():
    clipped = charts.clip_far([0.0, 5.0, 100.0, -100.0], (-1.0, 1.0))
    np.testing.assert_array_equal(clipped, [0.0, 5.0, np.nan, np.nan])
    np.testing.assert_array_equal(charts.clip_far([1e9], None), [1e9])


@pytest.mark.parametrize("order", [1, 2])
def test_slope_guides_have_their_slope_on_log_axes(order):
    hs = 10.0 ** np.arange(-12, 1)
    guide = charts.slope_guides(hs, hs**order, order)
    logs = np.log10(guide[["h", "error"]].to_numpy())
    np.testing.assert_allclose(np.diff(logs[:, 1]) / np.diff(logs[:, 0]), order)
    assert guide["h"].min() == pytest.approx(10.0 ** (-4 / order) if order == 1 else 1e-2)
    assert guide["end"].sum() == 1
    assert charts.slope_guides(hs, np.zeros_like(hs), order).empty


def test_area_range_holds_the_curve_and_the_axis_with_a_margin():
    lo, hi = charts.area_range(np.sin(np.linspace(0, 3, 301)))
    assert lo < 0
    assert hi > 1
    lo, hi = charts.area_range([2.0, 3.0])
    assert lo < 0  # the axis is always in view
    assert hi > 3.0
    assert charts.area_range([np.nan]) is None


def test_joined_and_thinned_labels_never_overprint():
    assert charts.joined_labels([1.0, 1.001], ["x − h", "x + h"], span=10) == ["x − h, x + h", ""]
    assert charts.joined_labels([1.0, 3.0], ["x", "x + h"], span=10) == ["x", "x + h"]
    keep = charts.thin_labels(np.linspace(0, 0.1, 50), span=1.0, gap=0.04)
    assert keep.sum() == 3  # 0, 0.04…, 0.08…


def test_break_at_leaves_a_gap_at_each_jump():
    xs, ys = charts.break_at([-1.0, 1.0, 2.0], [-1.0, 1.0, 1.0], [0.0, 1.5])
    assert xs.tolist() == [-1.0, 0.0, 1.0, 1.5, 2.0]
    assert np.isnan(ys[[1, 3]]).all()


def test_number_line_ticks_fall_on_round_steps_within_reach():
    ticks = charts.number_line_ticks(0.3)
    assert np.abs(ticks).max() <= charts.NUDGE_REACH
    np.testing.assert_allclose(np.diff(ticks) * 0.3, 0.1)  # a step of 0.1 on every line
    assert charts.number_line_ticks(0.0).size == 0
