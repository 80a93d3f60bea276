"""The Multivariable calculus page through AppTest: every tab, one interaction each, presets,
typed surfaces, descent notes and hostile links.

Expected values come from closed forms and numpy (the gradient of x² + y², the Hessian of
Himmelblau's function, diag(σ′(Ax + b))·A, descent on a diagonal quadratic), not from the
page's code. A catalog surface is linked by its menu label, as the page writes it.
"""

import json
import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from mathviz.catalog import SURFACES
from mathviz.charts.calculus import CORNERS
from mathviz.topics.multivariable import gradient, gradient_descent, hessian, jacobian, surfaces
from mathviz.topics.multivariable.gradient_descent import LEARNING_RATES
from mathviz.topics.multivariable.surfaces import REACH
from tests.app.helpers import (
    assert_draws,
    assert_topic_frame,
    chart_frames,
    chart_kilobytes,
    charts,
    click,
    control,
    link_notices,
    metric,
    metrics,
    number,
    press,
    run_page,
    sig,
    texts,
    vector,
)

PAGE = "pages/multivariable_calculus.py"
CHARTS = {"Gradient": 4, "Gradient descent": 4, "Jacobian": 2, "Hessian": 2}
TABS = list(CHARTS)
PREFIX = {"Gradient": "grad", "Gradient descent": "dsc", "Jacobian": "jac", "Hessian": "hes"}
TYPED = "type your own…"
VERDICTS = {"arrived", "flat start", "diverged", "climbing", "running off", "still moving"}


def open_page(**params: str) -> AppTest:
    return run_page(PAGE, **params)


def link(name: str) -> str:
    """A catalog surface as the page's link spells it: its menu label."""
    return SURFACES[name].label


def descent_charts(name: str) -> int:
    """The descent topic's charts: the map and the loss, and on a quadratic with a single
    critical point the eigen-direction errors and the rate against η too."""
    surface = SURFACES[name]
    single = abs(np.linalg.det(surface.hessian(np.zeros(2)))) > 0
    return 4 if surface.quadratic and single else 2


def descent_table(at: AppTest) -> dict[str, dict[str, str]]:
    """The verdict table of the descent topic: method → its verdict, steps, f and end point.

    The table has a column per method and a row per quantity.
    """
    tables = [m.value for m in at.markdown if m.value.startswith("| | plain | momentum")]
    assert len(tables) == 1, tables
    lines = tables[0].splitlines()
    methods = [c.strip() for c in lines[0].strip("|").split("|")][1:]
    assert methods == ["plain", "momentum", "adam"]
    found: dict[str, dict[str, str]] = {m: {} for m in methods}
    for row in lines[2:]:
        name, *values = (c.strip() for c in row.strip("|").split("|"))
        for method, value in zip(methods, values, strict=True):
            found[method]["end" if name == "at" else name] = value
    return found


def critical_table(at: AppTest) -> list[list[str]]:
    """The rows of the Hessian topic's table of critical points."""
    tables = [m.value for m in at.markdown if m.value.startswith("| # | point")]
    assert len(tables) == 1, tables
    return [[c.strip() for c in row.strip("|").split("|")] for row in tables[0].splitlines()[2:]]


def shown_numbers(at: AppTest) -> list:
    """The metrics and the tables on the page: what a learner reads off it."""
    tables = [m.value for m in at.markdown if m.value.startswith("|")]
    return [(m.label, m.value) for m in metrics(at)] + tables


def surface_cells(at: AppTest):
    """The heatmap cells (x, y, z) of the first surface map on the page."""
    for element in charts(at):
        for frame in chart_frames(element).values():
            if {"x", "y", "z"} <= set(frame.columns):
                return frame
    raise AssertionError("no surface map")


def himmelblau_hessian(p: np.ndarray) -> np.ndarray:
    x, y = p
    return np.array([[12 * x**2 + 4 * y - 42, 4 * (x + y)], [4 * (x + y), 4 * x + 12 * y**2 - 26]])


def himmelblau_gradient(p: np.ndarray) -> np.ndarray:
    x, y = p
    a, b = x**2 + y - 11, x + y**2 - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def refine(p: np.ndarray) -> np.ndarray:
    """Newton's method on ∇f = 0 from a printed (rounded) critical point of Himmelblau's f."""
    for _ in range(20):
        p = p - np.linalg.solve(himmelblau_hessian(p), himmelblau_gradient(p))
    assert np.abs(himmelblau_gradient(p)).max() < 1e-9
    return p


SLOPES = {
    "sigmoid": lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
    "tanh": lambda z: 1 / np.cosh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
    "identity": np.ones_like,
}


def layer_det(weights, b, x, activation: str) -> float:
    """det J for the layer σ(Ax + b) at x, J = diag(σ′(Ax + b))·A, written out with numpy."""
    A, b, x = np.asarray(weights, float), np.asarray(b, float), np.asarray(x, float)
    return float(np.linalg.det(np.diag(SLOPES[activation](A @ x + b)) @ A))


# ---------------------------------------------------------------- every tab


@pytest.mark.parametrize("label", TABS)
def test_every_tab_runs_and_draws_its_charts_with_data(label):
    at = open_page(topic=label)
    assert_draws(at, CHARTS[label])
    assert not at.warning
    assert not at.error
    assert_topic_frame(at, PREFIX[label])


# ---------------------------------------------------------------- one interaction per topic


def test_gradient_of_the_bowl_at_1_5_1_and_the_slope_along_u():
    at = open_page(topic="Gradient", grad_f=link("bowl"), grad_x="1.5", grad_y="1")
    assert not at.warning
    # f = x² + y²: ∇f = (2x, 2y) = (3, 2) at (1.5, 1).
    assert (metric(at, "∂f/∂x"), metric(at, "∂f/∂y")) == ("3", "2")
    assert number(metric(at, "f(x, y)")) == pytest.approx(1.5**2 + 1**2)
    assert number(metric(at, "‖∇f‖")) == pytest.approx(math.hypot(3, 2), **sig(5))
    at.slider(key="grad_angle").set_value(90).run()
    # u = (0, 1): the slope along u is ∂f/∂y.
    assert metric(at, "slope along u") == metric(at, "∂f/∂y") == "2"
    at.slider(key="grad_angle").set_value(135).run()
    u = np.array([math.cos(math.radians(135)), math.sin(math.radians(135))])
    assert number(metric(at, "slope along u")) == pytest.approx(np.array([3, 2]) @ u, **sig(5))
    at.slider(key="grad_x").set_value(-2.0).run()
    assert metric(at, "∂f/∂x") == "−4"
    assert_draws(at, 4)
    # Each slice names its slope in the corner its curve and tangent leave freest.
    points = [f for c in charts(at) for f in chart_frames(c).values() if "corner" in f.columns]
    assert [f["label"].item() for f in points] == ["slope ∂f/∂x = −4", "slope ∂f/∂y = 2"]
    for f in points:
        assert f["corner"].item() in CORNERS


def test_descent_with_a_smaller_rate_matches_the_closed_form_on_the_narrow_bowl():
    at = open_page(topic="Gradient descent")
    at.select_slider(key="dsc_lr").set_value(0.01).run()
    rows = descent_table(at)
    # f = x² + 10y² from (−2.5, 1.5): a plain step multiplies x by 1 − 2η and y by 1 − 20η.
    lr, k, start = 0.01, 60, np.array([-2.5, 1.5])
    curvature = np.array([2.0, 20.0])
    plain = start * (1 - lr * curvature) ** k
    assert rows["plain"]["verdict"] == "still moving"
    assert rows["plain"]["steps"] == str(k)
    assert vector(rows["plain"]["end"]) == pytest.approx(plain, **sig(2))
    assert number(rows["plain"]["f"]) == pytest.approx(plain**2 @ [1, 10], **sig(3))
    # Heavy ball, as the formula above the controls says: v ← βv + ∇f, x ← x − ηv.
    x, v = start.copy(), np.zeros(2)
    for _ in range(k):
        v = 0.9 * v + curvature * x
        x = x - lr * v
    assert rows["momentum"]["steps"] == str(k)
    assert vector(rows["momentum"]["end"]) == pytest.approx(x, **sig(2))
    assert number(rows["momentum"]["f"]) == pytest.approx(x**2 @ [1, 10], **sig(3))
    assert_draws(at, 4)  # the map, the eigen views, the loss


def test_jacobian_det_matches_numpy_for_the_default_layer_and_for_tanh():
    at = open_page(topic="Jacobian")
    A, b, x = [[1.5, 0.5], [-0.5, 1.5]], [0.0, 0.0], [0.5, 0.5]
    shown = number(metric(at, "det J (area scale)"))
    assert shown == pytest.approx(layer_det(A, b, x, "sigmoid"), **sig(4))
    assert number(metric(at, "largest |J − difference quotient|")) < 1e-6
    out = 1 / (1 + np.exp(-(np.array(A) @ x)))
    assert vector(metric(at, "f(x)")) == pytest.approx(out, **sig(3))
    at.radio(key="jac_act").set_value("tanh").run()
    shown = number(metric(at, "det J (area scale)"))
    assert shown == pytest.approx(layer_det(A, b, x, "tanh"), **sig(4))
    assert_draws(at, 2)


def test_hessian_of_himmelblau_lists_nine_points_and_point_5_is_the_maximum():
    at = open_page(topic="Hessian")
    rows = critical_table(at)
    assert len(rows) == 9
    assert [row[-1] for row in rows] == ["minimum"] * 4 + ["maximum"] + ["saddle"] * 4
    assert "4 minima, 1 maximum, 4 saddles in this window." in [c.value for c in at.caption]
    assert [row[2] for row in rows[:4]] == ["0"] * 4  # f = 0 at every minimum
    for row in rows:  # each listed point is where ∇f = 0, with the eigenvalues of H there
        p = refine(vector(row[1]))
        assert vector(row[1]) == pytest.approx(p, **sig(3))
        lam = np.linalg.eigvalsh(himmelblau_hessian(p))
        assert [number(row[3]), number(row[4])] == pytest.approx(lam, **sig(4))
        kind = {2: "minimum", -2: "maximum", 0: "saddle"}[int(np.sign(lam).sum())]
        assert row[-1] == kind
    at.number_input(key="hes_pt").set_value(5).run()
    assert metric(at, "kind") == "maximum"
    p = refine(vector(metric(at, "#5 at")))
    assert vector(metric(at, "#5 at")) == pytest.approx(p, **sig(4))
    H = himmelblau_hessian(p)
    lam = [number(v) for v in metric(at, "λ₁, λ₂").split(", ")]
    assert lam == pytest.approx(np.linalg.eigvalsh(H), **sig(4))
    assert max(lam) < 0  # both negative: a maximum
    assert number(metric(at, "det H")) == pytest.approx(np.linalg.det(H), **sig(4))
    assert number(metric(at, "tr H")) == pytest.approx(np.trace(H), **sig(4))
    assert_draws(at, 2)


# ---------------------------------------------------------------- gradient descent


def test_a_rate_above_two_over_lambda_max_warns_and_plain_descent_diverges():
    at = open_page(topic="Gradient descent", dsc_lr="0.105", dsc_k="1000")
    limit = 2 / np.linalg.eigvalsh(np.diag([2.0, 20.0])).max()  # f = x² + 10y²
    assert limit == pytest.approx(0.1)
    rows = descent_table(at)
    assert rows["plain"]["verdict"] == "diverged"
    assert rows["momentum"]["verdict"] == rows["adam"]["verdict"] == "arrived"
    assert len(at.warning) == 1
    assert "2/λmax = 0.1 " in at.warning[0].value
    assert "η = 0.105 is above the limit" in at.warning[0].value
    assert "1 − ηλmax = −1.1" in at.warning[0].value
    # The scrubber ends where the longest run stopped, and the page says so.
    longest = max(int(row["steps"]) for row in rows.values())
    assert longest < 1000
    assert any(
        c.value.startswith(f"Every run stopped by step {longest} of the 1000 asked")
        for c in at.caption
    )
    # At 60 steps plain descent has not left the map's bounds yet, but f is above its start.
    at = open_page(topic="Gradient descent", dsc_lr="0.105", dsc_k="60")
    assert descent_table(at)["plain"]["verdict"] == "climbing"
    assert_draws(at, 4)  # the map, the eigen views, the loss


def test_a_rate_below_the_limit_gives_no_warning_and_every_method_arrives():
    at = open_page(topic="Gradient descent", dsc_lr="0.09", dsc_k="1000")
    assert not at.warning
    assert "stable for η < 2/λmax = 0.1" in texts(at)
    rows = descent_table(at)
    assert {row["verdict"] for row in rows.values()} == {"arrived"}
    for row in rows.values():
        assert int(row["steps"]) < 1000
        assert abs(number(row["f"])) < 1e-10
        assert vector(row["end"]) == pytest.approx([0, 0], abs=1e-6)


def test_step_buttons_move_the_steps_slider():
    at = open_page(topic="Gradient descent")
    assert control(at, "dsc_k") == 60
    for key, expected in [
        ("dsc_add_10", 70),
        ("dsc_add_1", 71),
        ("dsc_add_100", 171),
        ("dsc_full", 1000),
        ("dsc_add_100", 1000),  # never past the full run
        ("dsc_reset", 0),
    ]:
        click(at, key)
        assert control(at, "dsc_k") == expected, key
        steps = int(descent_table(at)["plain"]["steps"])
        assert steps <= expected
        assert len(charts(at)) == 4  # the map, the eigen views, the loss
    rows = descent_table(at)
    assert {row["steps"] for row in rows.values()} == {"0"}
    assert number(rows["plain"]["f"]) == pytest.approx(2.5**2 + 10 * 1.5**2, **sig(3))


@pytest.mark.parametrize(("name", "kind"), [("saddle", "saddle"), ("cap", "maximum")])
def test_a_start_on_a_critical_point_says_the_gradient_is_zero(name, kind):
    at = open_page(topic="Gradient descent", dsc_f=link(name), dsc_x="0", dsc_y="0")
    assert not at.warning
    assert len(at.info) == 1
    assert "The gradient is zero at the start (0, 0)" in at.info[0].value
    assert f"critical point ({kind})" in at.info[0].value
    rows = descent_table(at)
    assert {row["verdict"] for row in rows.values()} == {"flat start"}
    assert {row["steps"] for row in rows.values()} == {"0"}
    assert_draws(at, 2)


# ---------------------------------------------------------------- typed surfaces


def test_a_typed_quadratic_descends_to_its_minimum():
    at = open_page(topic="Gradient descent", dsc_f=TYPED, dsc_f_text="x^2 + 3*y^2", dsc_k="1000")
    assert not at.error
    assert not at.warning
    rows = descent_table(at)
    assert {row["verdict"] for row in rows.values()} == {"arrived"}
    for row in rows.values():
        assert vector(row["end"]) == pytest.approx([0, 0], abs=1e-6)
    # H = diag(2, 6): plain descent is stable below 2/6.
    assert "λmax = 6" in texts(at)
    assert "plain descent is stable for η < 2/λmax = 0.3333" in texts(at)
    assert_draws(at, 4)  # the map, the eigen views, the loss


def test_a_typed_surface_with_an_undefined_half_draws_blank_cells_there():
    at = open_page(topic="Gradient", grad_f=TYPED, grad_f_text="log(x) + y^2")
    assert not at.error
    assert (metric(at, "∂f/∂x"), metric(at, "∂f/∂y")) == ("1", "2")  # (1/x, 2y) at (1, 1)
    assert number(metric(at, "f(x, y)")) == pytest.approx(math.log(1) + 1)
    cells = surface_cells(at)
    assert cells["z"].isna().to_numpy().tolist() == (cells["x"] <= 0).to_numpy().tolist()
    assert cells["z"].notna().any()
    assert_draws(at, 4)


@pytest.mark.parametrize("x", ["-1", "0"])
def test_a_point_where_the_typed_surface_is_undefined_is_an_error(x):
    at = open_page(topic="Gradient", grad_f=TYPED, grad_f_text="log(x) + y^2", grad_x=x)
    assert len(at.error) == 1
    assert f"f or its gradient is undefined at ({x.replace('-', '−')}, 1)" in at.error[0].value
    assert not metrics(at)
    assert not charts(at)
    assert not at.get("download_button")
    assert "Try this" in texts(at)


def test_a_flat_typed_surface_has_no_list_of_critical_points():
    at = open_page(topic="Hessian", hes_f=TYPED, hes_f_text="5")
    assert len(at.info) == 1
    assert "flat" in at.info[0].value
    assert "every point is a critical point" in at.info[0].value
    assert not metrics(at)
    assert not at.error
    assert_draws(at, 1)  # the map, no close-up


@pytest.mark.parametrize(
    "params",
    [{"hes_f": link("plane")}, {"hes_f": TYPED, "hes_f_text": "x + 2*y"}],
    ids=["catalog plane", "typed plane"],
)
def test_a_plane_has_no_critical_point_in_the_window(params):
    at = open_page(topic="Hessian", **params)
    assert len(at.info) == 1
    assert at.info[0].value.startswith("No critical point in this window")
    assert not metrics(at)
    assert not [m for m in at.markdown if m.value.startswith("| # | point")]
    assert_draws(at, 1)


@pytest.mark.parametrize(
    ("topic", "key", "charts_drawn"),
    [("Gradient", "grad_f", 4), ("Gradient descent", "dsc_f", 4), ("Hessian", "hes_f", 2)],
)
def test_bad_typing_keeps_the_last_good_surface_and_its_charts(topic, key, charts_drawn):
    at = open_page(topic=topic, **{key: TYPED, f"{key}_text": "x^2 + 2*y^2"})
    assert not at.error
    before = shown_numbers(at)
    assert before
    at.text_input(key=f"{key}_text").set_value("x +* 2").run()
    assert not at.exception
    assert len(at.error) == 1
    assert "Still showing f(x, y) = x^2 + 2*y^2" in at.error[0].value
    assert shown_numbers(at) == before
    assert_draws(at, charts_drawn)


# ---------------------------------------------------------------- hostile links


@pytest.mark.parametrize(
    ("topic", "key", "raw", "label", "default"),
    [
        ("Gradient", "grad_x", "nan", "Point x", "1.0"),
        ("Gradient", "grad_x", "inf", "Point x", "1.0"),
        ("Gradient", "grad_x", "1e308", "Point x", "1.0"),
        ("Gradient", "grad_x", "abc", "Point x", "1.0"),
        ("Gradient", "grad_x", "99", "Point x", "1.0"),
        ("Gradient", "grad_angle", "nan", "Direction of u (degrees)", "30"),
        ("Gradient", "grad_angle", "361", "Direction of u (degrees)", "30"),
        ("Gradient descent", "dsc_lr", "nan", "Learning rate η", "0.09"),
        ("Gradient descent", "dsc_lr", "0.123", "Learning rate η", "0.09"),
        ("Gradient descent", "dsc_lr", "-1", "Learning rate η", "0.09"),
        ("Gradient descent", "dsc_k", "inf", "Steps taken", "60"),
        ("Gradient descent", "dsc_k", "-5", "Steps taken", "60"),
        ("Gradient descent", "dsc_k", "1e308", "Steps taken", "60"),
        ("Jacobian", "jac_a11", "nan", "A₁₁", "1.5"),
        ("Jacobian", "jac_a11", "-inf", "A₁₁", "1.5"),
        ("Jacobian", "jac_a11", "1e308", "A₁₁", "1.5"),
        ("Jacobian", "jac_a11", "abc", "A₁₁", "1.5"),
        ("Hessian", "hes_pt", "0", "Critical point to look at (#)", "1"),
        ("Hessian", "hes_pt", "inf", "Critical point to look at (#)", "1"),
        ("Hessian", "hes_pt", "abc", "Critical point to look at (#)", "1"),
        ("Hessian", "hes_r", "0.3", "Close-up half-width", "0.5"),
        ("Hessian", "hes_r", "nan", "Close-up half-width", "0.5"),
    ],
)
def test_hostile_link_value_falls_back_to_the_default_with_a_notice(
    topic, key, raw, label, default
):
    at = open_page(topic=topic, **{key: raw})
    assert link_notices(at) == [
        f"The link set **{label}** to `{raw}`, which it cannot take, so it starts at {default}."
    ]
    assert control(at, key) == float(default)
    assert key not in at.query_params
    assert not at.error
    assert_draws(at, CHARTS[topic])


def test_a_point_number_past_the_last_shows_the_last():
    at = open_page(topic="Hessian", hes_pt="99")
    assert not link_notices(at)
    assert "There are 9 critical points; showing #9." in [c.value for c in at.caption]
    assert metric(at, "kind") == "saddle"
    assert "#9 at" in [m.label for m in metrics(at)]


def test_a_fractional_point_number_counts_as_its_whole_part():
    at = open_page(topic="Hessian", hes_pt="2.5")
    assert not link_notices(at)
    assert "Critical point to look at (#) takes whole numbers, so 2.5 counts as 2." in [
        c.value for c in at.caption
    ]
    assert "#2 at" in [m.label for m in metrics(at)]
    assert metric(at, "kind") == "minimum"


coordinate = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(-5, 5).map(repr),
    st.sampled_from(["nan", "-inf", "1e308", "-1e-320", "", "abc", "0"]),
)
rate = st.one_of(
    st.sampled_from(LEARNING_RATES).map(lambda lr: f"{lr:g}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["0", "-0.09", "nan", "abc"]),
)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(list(SURFACES)), x=coordinate, y=coordinate, lr=rate)
def test_any_descent_start_and_rate_from_a_link_leave_the_topic_working(name, x, y, lr):
    at = open_page(
        topic="Gradient descent", dsc_f=link(name), dsc_x=x, dsc_y=y, dsc_lr=lr, dsc_k="300"
    )
    notices = link_notices(at)
    for axis, raw in (("x", x), ("y", y)):
        value = control(at, f"dsc_{axis}")
        assert -REACH <= value <= REACH  # one range for every surface
        refused = [n for n in notices if n.startswith(f"The link set **Point {axis}** to ")]
        assert len(refused) <= 1
        if refused:
            assert f"dsc_{axis}" not in at.query_params
        elif raw:
            assert value == float(raw), (axis, raw, value)
    assert control(at, "dsc_lr") in LEARNING_RATES
    rows = descent_table(at)
    assert {row["verdict"] for row in rows.values()} <= VERDICTS
    assert all(0 <= int(row["steps"]) <= 300 for row in rows.values())
    assert len(charts(at)) in {2, descent_charts(name)}  # no eigen views at the centre


# ---------------------------------------------------------------- Jacobian edge cases


def test_relu_switched_off_in_both_rows_gives_a_zero_jacobian():
    A, x = [[1.0, -1.0], [1.0, 1.0]], [-1.0, 0.5]
    at = open_page(
        topic="Jacobian",
        jac_a11="1",
        jac_a12="-1",
        jac_a21="1",
        jac_a22="1",
        jac_x1="-1",
        jac_x2="0.5",
        jac_act="relu",
    )
    assert np.all(np.array(A) @ x < 0)  # (−1.5, −0.5): both units are off
    assert layer_det(A, [0, 0], x, "relu") == 0
    assert metric(at, "det J (area scale)") == "0"
    assert metric(at, "f(x)") == "(0, 0)"
    assert not link_notices(at)
    assert_draws(at, 2)  # the input grid and where the layer sends it
    caption = texts(at)
    assert "the whole square around x maps to the one point f(x)" in caption
    assert "a dead layer" in caption
    assert "at most" not in caption  # no gap sentence for a square that collapsed
    assert any("whole square" in str(c.proto) for c in charts(at))  # the marked f(x)


def test_an_all_zero_weight_matrix_gives_det_0():
    zero = {f"jac_a{i}{j}": "0" for i in (1, 2) for j in (1, 2)}
    at = open_page(topic="Jacobian", **zero)
    assert not at.error
    assert not link_notices(at)
    assert metric(at, "det J (area scale)") == "0"
    assert metric(at, "f(x)") == "(0.5, 0.5)"  # σ(0) = ½ wherever x is
    assert_draws(at, 2)
    assert "every weight is 0, so the layer ignores its input" in texts(at)


# ---------------------------------------------------------------- presets

# Every preset's controls, as the topic's own table sets them.
PRESETS = {
    "grad": [
        ("Round bowl", {"grad_f": "bowl", "grad_x": 1.5, "grad_y": 1.0, "grad_angle": 0}),
        ("Narrow bowl", {"grad_f": "narrow", "grad_x": 2.0, "grad_y": 0.5, "grad_angle": 90}),
        ("Tilted plane", {"grad_f": "plane", "grad_x": 0.0, "grad_y": 0.0, "grad_angle": 45}),
        ("Top of a hill", {"grad_f": "waves", "grad_x": 1.55, "grad_y": 0.0, "grad_angle": 0}),
    ],
    "dsc": [
        (label, {"dsc_f": f, "dsc_x": x, "dsc_y": y, "dsc_lr": lr, "dsc_k": k})
        for label, f, x, y, lr, k in [
            ("Crawl", "narrow", -2.5, 1.5, 0.01, 100),
            ("Zig-zag", "narrow", -2.5, 1.5, 0.09, 60),
            ("Too big: diverges", "narrow", -2.5, 1.5, 0.105, 60),
            ("Rosenbrock valley", "rosenbrock", -1.5, 2.0, 0.001, 1000),
            ("Four minima", "himmelblau", -0.5, 0.5, 0.01, 200),
            ("Saddle", "saddle", -2.0, 0.01, 0.05, 60),
        ]
    ],
    "jac": [
        (
            label,
            {
                **dict(zip(["jac_a11", "jac_a12", "jac_a21", "jac_a22"], a, strict=True)),
                "jac_x1": x[0],
                "jac_x2": x[1],
                "jac_act": act,
                "jac_s": side,
            },
        )
        for label, a, x, act, side in [
            ("Gentle sigmoid", (1.5, 0.5, -0.5, 1.5), (0.5, 0.5), "sigmoid", 0.5),
            ("Saturated", (3, 1, -1, 3), (2, 1.5), "sigmoid", 0.5),
            ("ReLU switches off", (1, -1, 1, 1), (-1, 0.5), "relu", 0.5),
            ("Big square", (2, 1, -1, 2), (0, 0), "tanh", 2.0),
        ]
    ],
    "hes": [
        (label, {"hes_f": f, "hes_pt": pt})
        for label, f, pt in [
            ("Bowl", "bowl", 1),
            ("Cap", "cap", 1),
            ("Saddle", "saddle", 1),
            ("Monkey saddle", "monkey", 1),
            ("Himmelblau", "himmelblau", 5),
            ("Rosenbrock", "rosenbrock", 1),
        ]
    ],
}
TOPIC = {prefix: topic for topic, prefix in PREFIX.items()}
EVERY_PRESET = [(prefix, i) for prefix, presets in PRESETS.items() for i in range(len(presets))]
PRESET_IDS = [f"{prefix}-{label}" for prefix, presets in PRESETS.items() for label, _ in presets]
HESSIAN_KIND = {
    "Bowl": "minimum",
    "Cap": "maximum",
    "Saddle": "saddle",
    "Monkey saddle": "degenerate",
    "Himmelblau": "maximum",
    "Rosenbrock": "minimum",
}


def assert_preset_shown(at: AppTest, prefix: str, label: str, values: dict) -> None:
    """The preset's controls hold its values and the view answers them."""
    assert not at.exception, (label, [e.message for e in at.exception])
    assert {key: control(at, key) for key in values} == values, label
    assert not link_notices(at), label
    if prefix == "dsc":
        assert_draws(at, descent_charts(values["dsc_f"]))
    else:
        assert_draws(at, CHARTS[TOPIC[prefix]])
    if prefix == "grad":
        p = np.array([values["grad_x"], values["grad_y"]])
        grad = SURFACES[values["grad_f"]].gradient(p)  # the catalog's exact gradient
        shown = [number(metric(at, "∂f/∂x")), number(metric(at, "∂f/∂y"))]
        assert shown == pytest.approx(grad, rel=1e-4, abs=1e-12), label
    elif prefix == "jac":
        A = [[values["jac_a11"], values["jac_a12"]], [values["jac_a21"], values["jac_a22"]]]
        x = [values["jac_x1"], values["jac_x2"]]
        det = layer_det(A, [0, 0], x, values["jac_act"])
        shown = number(metric(at, "det J (area scale)"))
        assert shown == pytest.approx(det, rel=5e-4, abs=1e-12), label
    elif prefix == "hes":
        assert metric(at, "kind") == HESSIAN_KIND[label]
    elif prefix == "dsc":
        assert {row["verdict"] for row in descent_table(at).values()} <= VERDICTS


@pytest.mark.parametrize(("prefix", "index"), EVERY_PRESET, ids=PRESET_IDS)
def test_each_preset_from_a_fresh_page_sets_its_controls_and_keeps_the_charts(prefix, index):
    at = open_page(topic=TOPIC[prefix])
    label, values = PRESETS[prefix][index]
    button = at.button(key=f"{prefix}_preset_{index}")
    assert button.label == label
    button.click().run()
    assert_preset_shown(at, prefix, label, values)


@pytest.mark.parametrize("prefix", list(PRESETS))
def test_presets_pressed_one_after_another_each_land_on_their_values(prefix):
    at = open_page(topic=TOPIC[prefix])
    buttons = [b for b in at.button if b.key and b.key.startswith(f"{prefix}_preset_")]
    assert [b.label for b in buttons] == [label for label, _ in PRESETS[prefix]]
    for index, (label, values) in enumerate(PRESETS[prefix]):
        at.button(key=f"{prefix}_preset_{index}").click().run()
        assert_preset_shown(at, prefix, label, values)


@pytest.mark.parametrize(("prefix", "index"), EVERY_PRESET, ids=PRESET_IDS)
def test_the_address_after_a_preset_reopens_the_same_controls(prefix, index):
    at = open_page(topic=TOPIC[prefix])
    label, values = PRESETS[prefix][index]
    click(at, f"{prefix}_preset_{index}")
    params = {key: at.query_params[key] for key in at.query_params}
    again = open_page(**params)
    assert not link_notices(again), params
    assert {key: control(again, key) for key in values} == values, (label, params)


@pytest.mark.parametrize("point", range(1, 10))
def test_every_himmelblau_close_up_stays_under_100_kb(point):
    at = open_page(topic="Hessian", hes_f=link("himmelblau"), hes_pt=str(point))
    sizes = chart_kilobytes(at)
    assert len(sizes) == 2
    assert max(sizes) <= 100, sizes


# ---------------------------------------------------------------- clicking a map


@pytest.mark.parametrize(
    ("point", "chart", "name"),
    [
        (gradient.POINT, gradient.MAP, "himmelblau"),
        (gradient_descent.START, gradient_descent.MAP, "narrow"),
    ],
    ids=["gradient", "descent"],
)
def test_a_click_on_the_map_moves_the_point_onto_the_slider_grid_within_the_window(
    monkeypatch, point, chart, name
):
    window = SURFACES[name].window
    x1, y1 = window[0][1], window[1][1]
    state = {chart: {"selection": {"pick": [{"x": 0.5 * x1 + 0.0123, "y": 10 * y1}]}}}
    monkeypatch.setattr(surfaces.st, "session_state", state)
    point.on_click(chart, window)()
    assert state[point.x.key] == round(round((0.5 * x1 + 0.0123) / 0.05) * 0.05, 10)
    assert state[point.y.key] == y1  # clicked past the window: kept at its edge
    for event in (None, {"selection": {}}, {"selection": {"pick": [{"x": float("nan")}]}}):
        quiet = {chart: event}
        monkeypatch.setattr(surfaces.st, "session_state", quiet)
        point.on_click(chart, window)()
        assert quiet == {chart: event}


# ---------------------------------------------------------------- descent: the eigen views


def test_the_rate_caption_gives_the_closed_form_rates_and_the_measured_ones():
    at = open_page(topic="Gradient descent", dsc_lr="0.09", dsc_beta="0.3", dsc_k="200")
    shown = texts(at)
    # Plain: max |1 − ηλ| over λ = 2, 20; momentum: the spectral radius of its 2 × 2 matrix.
    assert "At η = 0.09 plain keeps 0.82 of its error per step at worst, momentum 0.677" in shown
    assert "1 − ηλ = 0.82 along λ = 2, 1 − ηλ = −0.8 along λ = 20" in shown
    found = re.search(r"Measured on the runs above: plain ([\d.]+), momentum ([\d.]+)\.", shown)
    assert found
    plain, heavy = float(found[1]), float(found[2])
    assert plain == pytest.approx(0.82, abs=0.005)
    assert heavy == pytest.approx(0.677, abs=0.03)
    assert_draws(at, 4)


def test_a_saddle_has_no_rate_below_one():
    at = open_page(topic="Gradient descent", dsc_f=link("saddle"), dsc_x="-2", dsc_y="0.01")
    assert "no η brings the rate under 1" in texts(at)
    assert "leaves the map at step" in texts(at)


# ---------------------------------------------------------------- descent: a new surface


@pytest.mark.parametrize("name", list(SURFACES))
def test_changing_the_surface_moves_the_start_inside_its_window_where_the_race_shows(name):
    at = open_page(topic="Gradient descent")
    other = "bowl" if name == "narrow" else "narrow"
    at.selectbox(key="dsc_f").set_value(other).run()
    at.selectbox(key="dsc_f").set_value(name).run()
    assert not at.exception
    (x, y), lr, steps = gradient_descent.OPENINGS[name]
    assert (control(at, "dsc_x"), control(at, "dsc_y")) == (x, y)
    assert control(at, "dsc_lr") == lr
    assert control(at, "dsc_k") == steps
    (x0, x1), (y0, y1) = SURFACES[name].window
    assert x0 < x < x1
    assert y0 < y < y1
    assert "leaves the map at step 0" not in texts(at)
    assert "opens at its own start, η and steps" in texts(at)
    rows = descent_table(at)
    top = float(SURFACES[name](np.array([x, y])))
    assert all(number(row["f"]) < top for row in rows.values()), rows  # all race downhill


def test_rosenbrock_from_the_default_start_never_leaves_the_map_at_step_0():
    at = open_page(topic="Gradient descent")
    at.selectbox(key="dsc_f").set_value("rosenbrock").run()
    assert (control(at, "dsc_x"), control(at, "dsc_y")) == (-1.5, 2.0)
    assert "leaves the map" not in texts(at)


def test_a_link_naming_surface_and_start_keeps_its_start():
    at = open_page(topic="Gradient descent", dsc_f=link("rosenbrock"), dsc_x="-2.5", dsc_y="1.5")
    assert (control(at, "dsc_x"), control(at, "dsc_y")) == (-2.5, 1.5)
    at.slider(key="dsc_beta").set_value(0.5).run()  # another move keeps it too
    assert (control(at, "dsc_x"), control(at, "dsc_y")) == (-2.5, 1.5)


def test_a_preset_changing_surface_and_start_keeps_the_presets_start():
    at = open_page(topic="Gradient descent")
    press(at, "dsc", "Four minima")
    assert (control(at, "dsc_x"), control(at, "dsc_y")) == (-0.5, 0.5)
    assert control(at, "dsc_lr") == 0.01


# ---------------------------------------------------------------- Hessian: the map's key


def test_the_hessian_map_is_finer_and_keyed_like_the_gradients():
    at = open_page(topic="Hessian", hes_f=link("bowl"))
    cells = surface_cells(at)
    assert len(cells) == hessian.MAP_CELLS**2  # 64 a side, finer than the 50 of the others
    keys = [h.proto.body for h in at.get("html") if "Colour key" in h.proto.body]
    assert len(keys) == 1
    assert keys[0].count("linear-gradient(to right,") == 1  # shading smoothly, as the map
    # the key spans the map's own f: x² + y² at the far corner of its 64-cell grid
    top = float(np.nanmax(cells.z))
    assert top == pytest.approx(2 * (1.45 * 3) ** 2, rel=0.01)
    assert max(chart_kilobytes(at)) <= 100


# ---------------------------------------------------------------- Jacobian: matching hues


def test_the_jacobian_input_grid_and_its_images_share_one_hue_per_family():
    at = open_page(topic="Jacobian")
    source, image = charts(at)
    kinds = [
        {k for f in chart_frames(c).values() if "kind" in f.columns for k in f.kind}
        for c in (source, image)
    ]
    assert kinds[0] == {"x₁ = c", "x₂ = c", "square around x"}
    assert kinds[1] == {
        "x₁ = c, under f", "x₂ = c, under f", "x₁ = c, under J", "x₂ = c, under J",
        "square under f", "square under J", jacobian.RANGE_EDGE,
    }  # fmt: skip
    ranges = [
        dict(zip(scale["domain"], scale["range"], strict=True))
        for scale in (
            json.loads(c.proto.spec)["layer"][0]["encoding"]["color"]["scale"]
            for c in (source, image)
        )
    ]
    for family in ("x₁ = c", "x₂ = c"):
        hue = ranges[0][family]
        assert ranges[1][f"{family}, under f"] == ranges[1][f"{family}, under J"] == hue
    assert ranges[0]["x₁ = c"] != ranges[0]["x₂ = c"]
    assert jacobian.INPUT_HEIGHT >= 300  # a readable panel, beside its image


# ---------------------------------------------------------------- Jacobian: saturation


def _spec_without_data(chart) -> dict:
    spec = json.loads(chart.proto.spec)
    spec.pop("datasets", None)
    return spec


def test_saturated_layer_says_it_flattens_and_frames_the_output_on_the_image():
    at = open_page(topic="Jacobian")
    click(at, "jac_preset_1")  # Saturated: A = [[3, 1], [−1, 3]], x = (2, 1.5)
    _source, image = charts(at)
    spec = json.loads(image.proto.spec)
    assert spec["title"] == "Saturated: the layer flattens the grid, det J ≈ 0"
    caption = texts(at)
    assert "The layer flattens: unit 1's pre-activation 7.5 has σ′ = 0.00055" in caption
    assert "det J = 0.00039 ≈ 0" in caption
    (view,) = [f for f in chart_frames(image).values() if "cx" in f.columns]
    lines = next(f for f in chart_frames(image).values() if "kind" in f.columns)
    drawn = lines[lines.kind.str.contains("under f")]
    e = float(view.e.iloc[0])
    # Framed on the image: its height fills most of the view, not a tenth of (0, 1)²'s.
    assert float(np.ptp(drawn.y)) / (2 * e) >= 0.75
    assert abs(float(view.cx.iloc[0]) - (drawn.x.min() + drawn.x.max()) / 2) < 0.01 * e


def test_moving_a_weight_changes_only_the_jacobian_charts_data():
    at = open_page(topic="Jacobian")
    before = [_spec_without_data(c) for c in charts(at)]
    at.number_input(key="jac_a11").set_value(2.0).run()
    after = [_spec_without_data(c) for c in charts(at)]
    assert before == after  # the same specs: the browser swaps the data, nothing else
    assert metric(at, "det J (area scale)") != "0"


def test_the_hessian_close_up_keeps_its_spec_from_point_to_point():
    at = open_page(topic="Hessian", hes_f=link("himmelblau"), hes_pt="1")
    before = [_spec_without_data(c) for c in charts(at)]
    views = [f for f in chart_frames(charts(at)[1]).values() if "cx" in f.columns]
    at.number_input(key="hes_pt").set_value(5).run()
    after = [_spec_without_data(c) for c in charts(at)]
    assert before == after  # the map and the close-up: only their data change
    (moved,) = [f for f in chart_frames(charts(at)[1]).values() if "cx" in f.columns]
    (first,) = views
    # The view travels as data: centred on point 1, then on point 5 (the maximum).
    assert (first.cx.iloc[0], first.cy.iloc[0]) != (moved.cx.iloc[0], moved.cy.iloc[0])
    assert metric(at, "kind") == "maximum"
    assert vector(metric(at, "#5 at"))[0] == pytest.approx(moved.cx.iloc[0], abs=1e-3)
