import numpy as np
import pandas as pd
import pytest

from mathviz.charts import calculus as charts
from mathviz.charts import theme
from mathviz.charts.roadmap import layout, roadmap_chart
from mathviz.roadmap import PILLARS, PREREQUISITES
from tests.charts.helpers import datasets, layer_encodings, payload_bytes


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
    assert encodings[0]["y"]["scale"]["domain"] == [-1.2, 1.2]
    assert sorted(len(d) for d in datasets(spec)) == [2, 404]
    assert payload_bytes(charts.secant_chart(lines, points)) < 100_000


def test_quotient_error_chart_uses_log_axes():
    errors = pd.DataFrame({"h": [1e-3, 1e-2], "error": [1e-6, 1e-4], "scheme": "forward"})
    guides = pd.DataFrame(
        {"h": [1e-3, 1e-2], "error": [1e-6, 1e-5], "guide": "slope 1", "end": [True, False]}
    )
    spec = charts.quotient_error_chart(errors, guides, pd.DataFrame({"h": [1e-2]})).to_dict()
    scales = [e["x"].get("scale", {}).get("type") for e in layer_encodings(spec) if "y" in e]
    assert scales == ["log", "log", "log"]


def test_critical_chart_draws_one_panel_and_labels_only_the_top_one():
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
            "label": "test silent",
        }
    )
    top = charts.critical_chart(curves, points, panel="f", labelled=True).to_dict()
    below = charts.critical_chart(curves, points, panel="f″", labelled=False).to_dict()
    assert len(top["layer"]) == 4
    assert len(below["layer"]) == 3
    assert below["layer"][1]["encoding"]["y"]["title"] == "f″"
    assert below["layer"][1]["transform"] == [{"filter": "(datum.panel === 'f″')"}]
    assert payload_bytes(charts.critical_chart(curves, points)) < 100_000


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
    color = next(e["color"] for e in layer_encodings(spec) if "color" in e)
    assert color["scale"]["domain"] == ["positive", "negative"]
    assert color["scale"]["range"] == [theme.COLORS["positive"], theme.COLORS["negative"]]


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


def test_roadmap_chart_links_ready_topics_and_fits_budget():
    nodes, edges = layout(PILLARS, PREREQUISITES)
    chart = roadmap_chart(nodes, edges)
    spec = chart.to_dict()
    hrefs = [e["href"]["field"] for e in layer_encodings(spec) if "href" in e]
    assert hrefs == ["url", "url"]
    assert payload_bytes(chart) < 100_000


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
