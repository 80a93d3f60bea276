"""The Calculus page through AppTest: every tab, one interaction each, bad input, extremes."""

import math
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mathviz import calculus
from tests.app.helpers import (
    assert_charts_have_their_data,
    chart_frames,
    charts,
    metric,
    number,
    run_page,
    texts,
)

PAGE = "pages/calculus.py"
TABS = ["Derivative", "Critical points", "Chain rule", "Integral"]
CHARTS = {"Derivative": 3, "Critical points": 1, "Chain rule": 4, "Integral": 3}
TYPED = "type your own…"


def open_page(**params: str) -> AppTest:
    return run_page(PAGE, **params)


@pytest.mark.parametrize("label", TABS)
def test_every_tab_runs_and_draws_charts(label):
    at = open_page(topic=label)
    assert len(charts(at)) == CHARTS[label]
    assert_charts_have_their_data(at)
    assert all(
        len(e.proto.spec) + sum(len(d.data.data) for d in e.proto.datasets) < 100_000
        for e in charts(at)
    )
    assert at.get("download_button")
    assert "Try this" in texts(at)


def test_derivative_defaults_show_the_forward_quotient_of_sin():
    at = open_page()
    expected = (math.sin(1.01) - math.sin(1.0)) / 0.01
    assert number(metric(at, "difference quotient")) == pytest.approx(expected, rel=1e-9)
    assert number(metric(at, "exact f′(x)")) == pytest.approx(math.cos(1.0), rel=1e-9)
    assert len(charts(at)) == CHARTS["Derivative"]


def test_moving_h_changes_the_quotient_and_error():
    at = open_page()
    before = number(metric(at, "error"))
    at.select_slider(key="der_h").set_value(1e-4).run()
    after = number(metric(at, "error"))
    assert after < before / 50


def test_central_scheme_is_more_accurate():
    at = open_page(der_scheme="central")
    assert number(metric(at, "error")) < 1e-4


def test_critical_points_of_the_default_cubic():
    at = open_page(topic="Critical points")
    assert metric(at, "critical points") == "2"
    assert metric(at, "minima (f″ > 0)") == "1"
    assert metric(at, "maxima (f″ < 0)") == "1"
    table = at.table[0].value
    np.testing.assert_allclose(sorted(table["x"]), [-1.0, 1.0], atol=1e-6)


@pytest.mark.parametrize(
    ("name", "verdict", "shape"),
    [("x^3", "inconclusive", "neither"), ("x^4", "inconclusive", "minimum")],
)
def test_second_derivative_test_is_silent_on_x3_and_x4(name, verdict, shape):
    at = open_page(topic="Critical points", crit_f=name, crit_a="-2", crit_b="2")
    assert metric(at, "inconclusive (f″ = 0)") == "1"
    table = at.table[0].value
    assert table["second-derivative test"].tolist() == [verdict]
    assert table["what f does"].tolist() == [shape]


def test_widening_the_window_finds_more_critical_points():
    at = open_page(topic="Critical points", crit_f="sin(x)", crit_a="-3", crit_b="3")
    assert metric(at, "critical points") == "2"
    at.slider(key="crit_b").set_value(10.0).run()
    assert metric(at, "critical points") == "4"  # ±π/2, 3π/2, 5π/2


def test_chain_rule_product_matches_the_difference_quotient():
    at = open_page(topic="Chain rule")
    exact = math.cos(1.5**2) * 2 * 1.5
    product = number(metric(at, "product"))
    assert product == pytest.approx(exact, rel=5e-4)  # four significant digits
    assert metric(at, "difference quotient") == metric(at, "product")
    (said,) = [c.value for c in at.caption if "differ by" in c.value]
    gap = number(said.rsplit("differ by ", 1)[1].rstrip("."))
    assert 0 <= gap < 1e-8  # how closely they agree, stated rather than shown in digits
    at.slider(key="chain_x").set_value(0.5).run()
    assert number(metric(at, "product")) == pytest.approx(math.cos(0.25) * 1.0, rel=5e-4)


def test_integral_sum_converges_when_n_grows():
    at = open_page(topic="Integral")
    exact = 1 - math.cos(3.0)
    assert number(metric(at, "integral (quadrature)")) == pytest.approx(exact, rel=1e-9)
    before = number(metric(at, "error"))
    at.slider(key="int_n").set_value(60).run()
    assert number(metric(at, "error")) < before / 5


def test_sine_over_a_period_preset_gives_zero():
    at = open_page(topic="Integral")
    preset = next(b for b in at.button if b.label.startswith("∫ sin"))
    preset.click().run()
    assert not at.exception
    assert abs(number(metric(at, "integral (quadrature)"))) < 1e-12
    assert abs(number(metric(at, "midpoint sum, n = 8"))) < 1e-12


def test_sums_exact_for_every_n_say_so_instead_of_an_empty_error_chart():
    pi = "3.141592653589793"
    at = open_page(topic="Integral", int_a=f"-{pi}", int_b=pi, int_n="8", int_rule="midpoint")
    assert "Every rule is exact here for every n, by symmetry" in texts(at)
    assert len(charts(at)) == 2  # the pieces and the sweep; no chart of rounding dust
    # An even function over the same interval has real errors, and its chart.
    at = open_page(topic="Integral", int_f="cos(x)", int_a=f"-{pi}", int_b=pi)
    assert "exact here for every n" not in texts(at)
    assert len(charts(at)) == 3


def test_the_pictures_leave_headroom_over_the_tallest_bar():
    import json

    at = open_page(topic="Integral")  # sin on [0, 3]: its top is 1
    _, hi = _y_domain(json.loads(charts(at)[0].proto.spec))
    assert hi >= 1.08
    sweep = json.loads(charts(at)[-1].proto.spec)
    scales = [
        layer["encoding"]["y"]["scale"]
        for panel in sweep["vconcat"]
        for layer in panel["layer"]
        if "scale" in layer.get("encoding", {}).get("y", {})
    ]
    assert scales
    assert all(scale["padding"] >= 20 for scale in scales)  # the peak clear of the frame


def test_every_preset_runs_cleanly():
    for label in TABS:
        at = open_page(topic=label)
        for i in range(len([b for b in at.button if b.key and "_preset_" in b.key])):
            buttons = [b for b in at.button if b.key and "_preset_" in b.key]
            buttons[i].click().run()
            assert not at.exception, (label, buttons[i].label)


# ---------------------------------------------------------------- typed functions


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        ("Derivative", "der_f"),
        ("Critical points", "crit_f"),
        ("Chain rule", "chain_f"),
        ("Chain rule", "chain_g"),
        ("Integral", "int_f"),
    ],
)
def test_a_typed_function_is_accepted_wherever_f_is_chosen(topic, key):
    at = open_page(topic=topic, **{key: "type your own…", f"{key}_text": "x^2 + 1"})
    assert at.text_input(key=f"{key}_text").value == "x^2 + 1"
    assert not at.error


def test_typed_derivative_is_exact():
    at = open_page(der_f="type your own…", der_f_text="x^3", der_x="2")
    assert number(metric(at, "exact f′(x)")) == pytest.approx(12.0)


def test_invalid_typed_function_keeps_the_last_good_one():
    at = open_page(der_f="type your own…", der_f_text="x^3", der_x="2")
    at.text_input(key="der_f_text").set_value("x +* 2").run()
    assert not at.exception
    assert "Still showing f(x) = x^3" in at.error[0].value
    assert number(metric(at, "exact f′(x)")) == pytest.approx(12.0)


def test_hostile_typed_function_from_a_link_is_refused_with_a_message():
    at = open_page(der_f="type your own…", der_f_text="__import__('os').system('echo hi')")
    assert at.error
    assert "Still showing" in at.error[0].value


# ---------------------------------------------------------------- bad input


def test_function_undefined_at_x_gets_a_message():
    at = open_page(der_f="log(x)", der_x="-1")
    assert "f is not defined at x = -1" in at.error[0].value
    at = open_page(der_f="1/x", der_x="0")
    assert "f is not defined at x = 0" in at.error[0].value


def test_corner_of_abs_explains_missing_derivative():
    at = open_page(der_f="|x|", der_x="0")
    assert metric(at, "exact f′(x)") == "undefined"
    assert "has no derivative" in at.info[0].value


@pytest.mark.parametrize(("a", "b"), [("1", "1"), ("2", "-2")])
def test_integral_with_a_not_below_b_explains(a, b):
    at = open_page(topic="Integral", int_a=a, int_b=b)
    assert "needs a < b" in at.error[0].value


def test_integral_across_a_pole_explains():
    at = open_page(topic="Integral", int_f="1/x", int_a="-1", int_b="1")
    assert "not a finite number" in at.error[0].value


def test_critical_points_of_a_flat_function_explains():
    at = open_page(topic="Critical points", crit_f="type your own…", crit_f_text="relu(x)")
    assert "zero on a whole stretch" in at.info[0].value


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"topic": "Nope"}, "does not have"),
        ({"der_x": "abc"}, "Point x"),
        ({"der_x": "1e9"}, "Point x"),
        ({"der_h": "7"}, "Step h"),
        ({"der_f": "tan(x)"}, "Function f"),
        ({"der_scheme": "sideways"}, "Quotient"),
        ({"topic": "Integral", "int_n": "-5"}, "Pieces n"),
        ({"topic": "Integral", "int_n": "100000"}, "Pieces n"),
        ({"topic": "Integral", "int_rule": "upper"}, "Height taken at"),
        ({"projector": "maybe"}, "Projector mode"),
    ],
)
def test_nonsense_url_values_fall_back_with_a_notice(params, shown):
    at = open_page(**params)
    assert any(
        (shown in w.value and "cannot take" in w.value) or "does not have" in w.value
        for w in at.warning
    ), [w.value for w in at.warning]


def test_valid_url_values_are_used_without_notice():
    at = open_page(
        topic="Derivative", der_f="exp(x)", der_x="0", der_h="0.0001", der_scheme="central"
    )
    assert not at.warning
    assert number(metric(at, "exact f′(x)")) == pytest.approx(1.0)
    assert number(metric(at, "error")) < 1e-8


@pytest.mark.parametrize(
    ("topic", "key", "values"),
    [
        ("Derivative", "der_x", (-5.0, 5.0)),
        ("Critical points", "crit_a", (-10.0, 10.0)),
        ("Critical points", "crit_b", (-10.0, 10.0)),
        ("Chain rule", "chain_x", (-4.0, 4.0)),
        ("Integral", "int_n", (1, 200)),
        ("Integral", "int_a", (-10.0, 10.0)),
        ("Integral", "int_b", (-10.0, 10.0)),
    ],
)
def test_sliders_at_their_extremes_leave_the_page_working(topic, key, values):
    at = open_page(topic=topic)
    for value in values:
        at.slider(key=key).set_value(value).run()
        assert not at.exception, (key, value)


@pytest.mark.parametrize("h", [1e-12, 1.0])
def test_step_h_at_its_extremes(h):
    at = open_page()
    at.select_slider(key="der_h").set_value(h).run()
    assert not at.exception
    assert math.isfinite(number(metric(at, "difference quotient")))


def test_every_catalog_function_in_every_tab():
    from mathviz.catalog import FUNCTIONS

    for label, key in (
        ("Derivative", "der_f"),
        ("Critical points", "crit_f"),
        ("Integral", "int_f"),
        ("Chain rule", "chain_f"),
        ("Chain rule", "chain_g"),
    ):
        at = open_page(topic=label)
        for name in FUNCTIONS:
            at.selectbox(key=key).set_value(name).run()
            assert not at.exception, (label, name)


# ---------------------------------------------------------------- cases found in review


def test_central_secant_passes_through_both_marked_points():
    at = open_page(der_scheme="central", der_h="1")
    data = chart_frames(charts(at)[0])
    lines, points = data["arg0"], data["arg1"]
    # Every frame of the Play, the chosen h (k = 0) first: its points lie on its secant.
    for k in range(121):
        secant = lines[(lines["line"] == "secant") & (lines["k"] == k)]
        mine = points[points["k"] == k]
        slope = np.diff(secant["y"]) / np.diff(secant["x"])
        for _, point in mine.iterrows():
            on_line = secant["y"].iloc[0] + slope[0] * (point["x"] - secant["x"].iloc[0])
            assert on_line == pytest.approx(point["y"], abs=1e-9)
    np.testing.assert_allclose(sorted(points.loc[points["k"] == 0, "x"]), [0.0, 2.0])


def test_the_play_shrinks_h_a_thousandfold_and_the_secant_slope_reaches_the_tangent():
    import json

    at = open_page(der_h="1")
    element = charts(at)[0]
    (shrink,) = json.loads(element.proto.spec)["params"]
    assert shrink["bind"]["input"] == "range"
    assert (shrink["bind"]["min"], shrink["bind"]["max"], shrink["value"]) == (0, 120, 0)
    data = chart_frames(element)
    lines, readout = data["arg0"], data["arg4"]
    secants = lines[lines["line"] == "secant"].groupby("k")
    slopes = secants.apply(lambda s: np.diff(s["y"])[0] / np.diff(s["x"])[0])
    assert slopes.iloc[0] == pytest.approx(math.sin(2.0) - math.sin(1.0))  # h = 1, as chosen
    assert abs(slopes.iloc[-1] - math.cos(1.0)) < 1e-3 / 2  # h = 1e-3: error about h/2·sin(1)
    errors = np.abs(slopes.to_numpy() - math.cos(1.0))
    assert (np.diff(errors) < 0).all()  # every frame closer to the tangent
    assert readout["text"].iloc[0] == "h = 1: secant slope 0.0678264\ntangent slope 0.540302"
    assert number(metric(at, "difference quotient")) == pytest.approx(slopes.iloc[0])
    # What Try this says of the Wide secant preset's Play.
    assert round(slopes.iloc[0], 3) == 0.068
    assert round(slopes.iloc[-1], 4) == 0.5399


def test_the_point_and_the_zoom_box_stay_inside_the_view():
    import json

    # tan at 1.55: f(x) = 48, far above the curve's usual range.
    at = open_page(der_f=TYPED, der_f_text="tan(x)", der_x="1.55", der_h="0.1")
    spec = json.loads(charts(at)[0].proto.spec)
    lo, hi = _y_domain(spec)
    assert lo < math.tan(1.55) < hi
    # Wide secant: sin at 1 with h = 1; the dashed box (x ± 2h) fits under the top.
    at = open_page(der_h="1")
    spec = json.loads(charts(at)[0].proto.spec)
    lo, hi = _y_domain(spec)
    window = chart_frames(charts(at)[0])["arg2"].iloc[0]
    assert lo < window["y"]
    assert window["y2"] < hi


def _y_domain(spec: dict) -> list[float]:
    """The fixed y domain of a layered chart: the first layer that states one."""
    found: list[list[float]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            domain = node.get("encoding", {}).get("y", {}).get("scale", {}).get("domain")
            if domain:
                found.append(domain)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found[0]


def test_presets_in_a_row_raise_no_link_notice():
    at = open_page()
    for label in ("Sweet spot", "Round-off wins", "Wide secant", "Corner of |x|"):
        next(b for b in at.button if b.label == label).click().run()
        assert not at.warning, (label, [w.value for w in at.warning])
    at = open_page(topic="Integral")
    for label in ("∫ sin over [−π, π] = 0", "Left vs right on exp", "A pole: 1/x"):
        next(b for b in at.button if b.label == label).click().run()
        assert not at.warning, (label, [w.value for w in at.warning])


def test_flat_typed_minimum_is_found():
    at = open_page(topic="Critical points", crit_f=TYPED, crit_f_text="x^6")
    assert metric(at, "critical points") == "1"
    assert at.table[0].value["what f does"].tolist() == ["minimum"]


def test_integrable_singularity_gives_a_finite_area():
    at = open_page(topic="Integral", int_f="log(x)", int_a="0", int_b="3")
    assert not at.error
    assert number(metric(at, "integral (quadrature)")) == pytest.approx(3 * math.log(3) - 3)
    assert len(charts(at)) == CHARTS["Integral"]


def test_a_sample_on_the_singularity_is_explained():
    at = open_page(
        topic="Integral",
        int_f=TYPED,
        int_f_text="log(abs(x))",
        int_a="-1",
        int_b="1",
        int_n="2",
        int_rule="left",
    )
    assert number(metric(at, "integral (quadrature)")) == pytest.approx(-2.0)
    assert metric(at, "left sum, n = 2") == "−∞"
    assert "lands where f has no value" in at.warning[0].value


def test_undefined_inner_function_is_blamed_on_g():
    at = open_page(topic="Chain rule", chain_g=TYPED, chain_g_text="log(x)", chain_x="-1")
    assert at.error[0].value.startswith("g has no value at x = -1")


def test_bad_typed_inner_function_names_g():
    at = open_page(topic="Chain rule", chain_g=TYPED, chain_g_text="x +* 1")
    assert "Still showing g(x) = 3*x - 1" in at.error[0].value


def test_function_with_no_values_on_the_interval_is_explained():
    at = open_page(topic="Critical points", crit_f=TYPED, crit_f_text="log(-x-10)")
    assert "no value anywhere" in at.error[0].value


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"der_f_text": "sqrt(x)", "der_x": "0"}, "tangent is vertical"),
        ({"der_f_text": "exp(1000*x)", "der_x": "1"}, "overflows"),
        (
            {"der_f_text": "log(x)", "der_x": "0.05", "der_scheme": "central", "der_h": "0.1"},
            "quotient is undefined",
        ),
        ({"der_f_text": "2"}, "Every quotient is exact"),
    ],
)
def test_derivative_edge_cases_are_explained(params, message):
    at = open_page(der_f=TYPED, **params)
    shown = [e.value for kind in ("error", "info", "caption") for e in getattr(at, kind)]
    assert any(message in text for text in shown), shown


def test_crowded_critical_points_get_a_warning():
    at = open_page(
        topic="Critical points", crit_f=TYPED, crit_f_text="sin(1000*x)", crit_a="-10", crit_b="10"
    )
    assert "some critical points may be missing" in at.warning[0].value


def test_overlong_typed_function_from_a_link_is_refused_by_the_parser():
    at = open_page(der_f=TYPED, der_f_text="+".join(["x"] * 600))
    assert "too long" in at.error[0].value


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "Integral", "int_f": "1/x", "int_a": "-1", "int_b": "1"},
        {"topic": "Derivative", "der_f": "log(x)", "der_x": "-1"},
        {"topic": "Chain rule", "chain_g": TYPED, "chain_g_text": "log(x)", "chain_x": "-1"},
        {"topic": "Critical points", "crit_a": "2", "crit_b": "1"},
    ],
)
def test_try_this_stays_when_the_view_explains_a_problem(params):
    at = open_page(**params)
    assert at.error
    assert "Try this" in texts(at)
    assert not at.get("download_button")  # nothing meaningful is plotted to download


# ---------------------------------------------------------------- pictures that teach


def test_the_secant_across_a_pole_of_tan_is_called_out():
    at = open_page(der_f=TYPED, der_f_text="tan(x)", der_x="1.55", der_h="0.1")
    assert number(metric(at, "difference quotient")) == pytest.approx(-606.8, abs=0.1)
    (warning,) = [w.value for w in at.warning]
    assert "f blows up near 1.5708" in warning
    assert "smaller than 0.021" in warning
    at.select_slider(key="der_h").set_value(1e-3).run()
    assert not at.warning  # both points now on the same side of π/2


def test_the_zoom_follows_x_and_shrinks_with_h():
    at = open_page()
    assert "Zoomed ×250 around x" in texts(at)
    zoom = chart_frames(charts(at)[1])
    lines, points = zoom["arg0"], zoom["arg1"]
    assert lines["u"].min() == pytest.approx(-1.0)
    assert lines["u"].max() == pytest.approx(1.0)
    assert points["u"].tolist() == pytest.approx([0.0, 0.5])  # x and x + h, half a window apart
    at.select_slider(key="der_h").set_value(1e-4).run()
    assert "Zoomed ×25,000 around x" in texts(at)
    secant = chart_frames(charts(at)[1])["arg0"]
    tangent = secant[secant["line"] == "tangent"]["v"].to_numpy()
    secant = secant[secant["line"] == "secant"]["v"].to_numpy()
    assert np.abs(secant - tangent).max() < 1e-3  # in the zoom the secant lies on the tangent


def test_x_and_x_plus_h_keep_their_own_labels_on_opposite_sides_however_close():
    for h in ("0.01", "1"):
        points = chart_frames(charts(open_page(der_h=h))[0])["arg1"]
        points = points[points["k"] == 0]
        assert points["label"].tolist() == ["x", "x + h"]
        assert points["side"].tolist() == ["left", "right"]


def test_the_zoom_box_is_drawn_at_least_a_visible_size_and_true_when_larger():
    at = open_page(der_f="abs", der_x="0", der_h="0.0001")  # a corner, h tiny
    window = chart_frames(charts(at)[0])["arg2"].iloc[0]
    width = window["x2"] - window["x"]
    assert width == pytest.approx(2 * 0.025 * 10)  # a twentieth of the 10-wide view
    assert (window["x"] + window["x2"]) / 2 == pytest.approx(0.0)
    at = open_page(der_h="1")
    window = chart_frames(charts(at)[0])["arg2"].iloc[0]
    assert window["x2"] - window["x"] == pytest.approx(4.0)  # x ± 2h, as it is


def test_a_corner_is_a_critical_point_and_is_explained():
    at = open_page(topic="Critical points", crit_f="|x|", crit_a="-2", crit_b="2")
    assert metric(at, "critical points") == "1"
    assert metric(at, "corners (f′ does not exist)") == "1"
    table = at.table[0].value
    assert table["x"].tolist() == [0.0]
    assert table["second-derivative test"].tolist() == ["corner"]
    assert table["what f does"].tolist() == ["minimum"]
    assert table["slope f′"].tolist() == ["jumps −1 → 1"]
    assert "Green rules mark corners" in texts(at)


@pytest.mark.parametrize(
    ("text", "corners"), [("abs(x - 1)", [1.0]), ("relu(x)", [0.0]), ("abs(x^2 - 1)", [-1.0, 1.0])]
)
def test_typed_functions_with_kinks_show_their_corners(text, corners):
    at = open_page(topic="Critical points", crit_f=TYPED, crit_f_text=text)
    assert metric(at, "corners (f′ does not exist)") == str(len(corners))
    table = at.table[0].value
    kinks = table[table["second-derivative test"] == "corner"]
    np.testing.assert_allclose(kinks["x"], corners, atol=1e-9)


def test_infinitely_many_critical_points_are_explained_not_counted():
    at = open_page(
        topic="Critical points", crit_f=TYPED, crit_f_text="sin(1/x)", crit_a="-1", crit_b="1"
    )
    assert metric(at, "critical points") == "too many to count"
    assert metric(at, "minima (f″ > 0)") == "—"
    (warning,) = [w.value for w in at.warning]
    assert "maybe infinitely many" in warning
    assert "leave that stretch out" in warning  # the advice that works: not "narrow to count"
    frames = chart_frames(charts(at)[0])
    points, band = frames["arg1"], frames["arg2"]
    # One shaded band, the core's unresolved stretch, stands for the points piling up at 0:
    # none of them is marked inside it, every one outside it is.
    table = at.table[0].value
    lo, hi = calculus.unresolved_stretch(table["x"].to_numpy(), -1, 1)
    assert band["lo"].tolist() == pytest.approx([lo], abs=1e-5)  # the table shows 6 decimals
    assert band["hi"].tolist() == pytest.approx([hi], abs=1e-5)
    assert -0.2 < lo < 0 < hi < 0.2
    on_f = points[points["panel"] == "f"]
    lo, hi = band["lo"][0], band["hi"][0]
    assert not ((on_f["x"] >= lo) & (on_f["x"] <= hi)).any()
    outside = table[(table["x"] < lo - 1e-5) | (table["x"] > hi + 1e-5)]
    assert sorted(on_f["x"]) == pytest.approx(sorted(outside["x"]), abs=1e-6)
    assert 0 < on_f["show"].sum() < 30


def test_one_vocabulary_for_the_second_derivative_test():
    at = open_page(topic="Critical points", crit_f="x^4", crit_a="-2", crit_b="2")
    import json

    kinds = set(at.table[0].value["second-derivative test"])
    points = chart_frames(charts(at)[0])["arg1"]
    assert kinds == {"inconclusive"}
    assert set(points["kind"]) == kinds  # the marks say what the table says
    assert metric(at, "inconclusive (f″ = 0)") == "1"
    layers = json.loads(charts(at)[0].proto.spec)["vconcat"][0]["layer"]
    legends = [
        layer["encoding"]["color"]["legend"]
        for layer in layers
        if (layer.get("encoding", {}).get("color") or {}).get("legend")
    ]
    assert "'inconclusive (f″ = 0)'" in legends[0]["labelExpr"]


def test_the_chain_rule_not_applying_is_not_called_a_corner():
    at = open_page(topic="Chain rule", chain_f="|x|", chain_g="x^2", chain_x="0")
    assert metric(at, "product") == "undefined"
    assert number(metric(at, "difference quotient")) == 0
    (info,) = [i.value for i in at.info]
    assert "chain rule does not apply" in info
    assert "f′(g(x)) at u = g(x) = 0 does not exist" in info
    assert "may still be differentiable, and here it is" in info
    assert "slope 0" in info
    assert "corner" not in info


def test_a_composition_without_a_slope_says_so():
    at = open_page(
        topic="Chain rule", chain_f=TYPED, chain_f_text="sqrt(x)", chain_g="x^2", chain_x="0"
    )
    (info,) = [i.value for i in at.info]
    assert "f′(g(x)) at u = g(x) = 0 is infinite" in info
    assert "no slope either: just left of x it is −1, just right 1" in info


def test_chain_rule_numbers_share_one_precision():
    at = open_page(topic="Chain rule")
    assert metric(at, "g′(x)") == "3"
    assert metric(at, "f′(g(x))") == "−0.6282"  # four significant digits, as every number
    assert metric(at, "product") == "−1.885"
    notes = chart_frames(charts(at)[0])["arg2"]["text"].tolist()
    assert "× f′(u) = −0.6282" in notes
    assert "u = 2.25" in notes
    (nudge,) = [c.value for c in at.caption if c.value.startswith("Nudge x by")]
    digits = [len(d.replace(".", "").lstrip("0")) for d in re.findall(r"\d+\.\d+", nudge)]
    assert digits
    assert max(digits) <= 4


def test_the_nudge_is_drawn_to_scale_and_closes_in_as_it_shrinks():
    at = open_page(topic="Chain rule")
    bars = chart_frames(charts(at)[0])["arg0"]
    first = bars[bars["k"] == 0]
    x, u, y = first["end"]
    assert u / x == pytest.approx(3.0)  # stretched by g′(1.5) = 3
    assert y / u == pytest.approx(math.cos(2.25), rel=1e-6)  # then by f′(2.25)
    wide = abs(first["true_end"].iloc[2] - y)
    at.select_slider(key="chain_dx").set_value(0.01).run()
    bars = chart_frames(charts(at)[0])["arg0"]
    first = bars[bars["k"] == 0]
    assert abs(first["true_end"].iloc[2] - first["end"].iloc[2]) < wide / 5
    assert "closes in on the slope of f(g(x))" in texts(at)
    # Each stretch factor sits at the left margin of its gap, under the upper line's name.
    notes = chart_frames(charts(at)[0])["arg2"]
    factors = notes[notes["text"].str.startswith("×")]
    assert list(factors["place"]) == ["left", "left"]
    assert list(factors["level"]) == pytest.approx([1.57, 0.57])
    assert (factors["pos"] < -1.0).all()  # left of every bar: the longest step spans 1


def test_the_nudge_play_shrinks_dx_and_the_ratios_settle_on_the_slopes():
    import json

    at = open_page(topic="Chain rule")  # sin(x²) at 1.5, dx = 0.1
    element = charts(at)[0]
    (shrink,) = json.loads(element.proto.spec)["params"]
    assert (shrink["bind"]["min"], shrink["bind"]["max"], shrink["value"]) == (0, 80, 0)
    data = chart_frames(element)
    bars, notes, ticks = data["arg0"], data["arg2"], data["arg3"]
    assert sorted(bars["k"].unique()) == list(range(81))
    ratios = notes[notes["text"].str.startswith("du/dx")].set_index("k")["text"]
    assert ratios[0] == "du/dx = 3.1"  # ((1.6)² − 1.5²) / 0.1
    assert ratios[80] == "du/dx = 3.0001"  # dx = 1e-4: g′(1.5) = 3 to four decimals
    slopes = notes[notes["text"].str.startswith("dy/du")].set_index("k")["text"]
    assert number(slopes[80].split("= ")[1]) == pytest.approx(math.cos(2.25), abs=2e-4)
    # The true steps close onto the bars frame after frame.
    last = bars[bars["k"] == 80]
    assert abs(last["true_end"] - last["end"]).max() < 1e-3
    # The lines carry values: the x line's ticks read 1.5 ± multiples of a round step.
    x_ticks = ticks[(ticks["k"] == 0) & (ticks["level"] == 2) & (ticks["text"] != "")]
    assert sorted(x_ticks["text"]) == ["1.3", "1.7"]  # steps of 0.2 about a longest of 0.31
    assert (abs(x_ticks["pos"]) <= 1.1).all()
    # However small dx gets, no two ticks on a line read the same number.
    for k in (40, 80):
        for level in (2, 1, 0):
            shown = ticks[(ticks["k"] == k) & (ticks["level"] == level) & (ticks["text"] != "")]
            assert len(shown) >= 2
            assert shown["text"].is_unique, shown["text"].tolist()
    assert len(element.proto.spec) + sum(len(d.data.data) for d in element.proto.datasets) < 90_000


def test_the_riemann_picture_holds_the_curve_and_the_sweep_is_bound_in_the_chart():
    import json

    at = open_page(topic="Integral")
    riemann = json.loads(charts(at)[0].proto.spec)
    pieces = riemann["layer"][1]["encoding"]
    assert pieces["y"]["scale"]["domain"][1] > 1.0  # sin's top is not on the frame
    errors = chart_frames(charts(at)[1])["arg0"]
    assert set(errors.loc[errors["current"], "rule"]) == {"left"}
    sweep = json.loads(charts(at)[2].proto.spec)["params"][0]
    assert sweep["bind"]["input"] == "range"
    assert (sweep["bind"]["min"], sweep["bind"]["max"]) == (0.0, 3.0)


def test_the_critical_points_table_puts_what_f_does_next_to_x():
    # On a phone the table scrolls sideways: the verdict a Try-this asks about comes first.
    at = open_page(topic="Critical points", crit_f="x^3", crit_a="-2", crit_b="2")
    table = at.table[0].value
    assert list(table.columns[:3]) == ["x", "what f does", "second-derivative test"]
    assert table["what f does"].tolist() == ["neither"]
    from mathviz.topics.calculus.critical_points import TOPIC

    assert "*what f does* says *neither*" in "\n".join(TOPIC.try_this)


def test_the_play_across_the_pole_of_tan_says_what_the_try_this_says():
    at = open_page(der_f=TYPED, der_f_text="tan(x)", der_x="1.55", der_h="0.1")
    lines = chart_frames(charts(at)[0])["arg0"]
    secants = lines[lines["line"] == "secant"].groupby("k")
    slopes = secants.apply(lambda s: np.diff(s["y"])[0] / np.diff(s["x"])[0]).to_numpy()
    hs = calculus.shrinking_steps(0.1, count=121)
    across = hs > math.pi / 2 - 1.55  # x + h past the pole
    assert (slopes[across] < 0).all()  # negative nonsense
    near = slopes[~across]
    assert 10_000 < near.max() < 100_000  # "tens of thousands"
    assert np.all(np.diff(near) < 0)  # falling, frame after frame
    assert near[-1] == pytest.approx(2324, abs=1)  # at h = 0.0001
    from mathviz.topics.calculus.derivative import TOPIC

    assert "falls from tens of thousands to 2,324 at h = 0.0001" in " ".join(TOPIC.try_this)
