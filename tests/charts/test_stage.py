"""Scenes for the stage: JSON-ready data, expressions over the handles, steps to play."""

import contextlib
import json
import math
import re

import numpy as np
import pytest

from mathviz import linear_algebra as la
from mathviz.charts import stage
from mathviz.charts.linear_algebra import ROLES, map_scene
from mathviz.charts.plane import LETTER_F


def two_vectors() -> stage.Scene:
    scene = stage.Scene(
        extent=3.0,
        handles=[stage.Handle("u", (2.0, 1.0), "u", "u"), stage.Handle("v", (0.5, 9.0), "v", "v")],
    )
    tip = stage.combo((1, stage.handle("u")), (1, stage.handle("v")))
    scene.group().arrow("u", stage.handle("u")).arrow("w", tip).label("u + v", tip)
    return scene


def test_a_scene_is_json_with_its_handles_kept_in_bounds():
    data = two_vectors().data(height=400)
    json.dumps(data, allow_nan=False)
    assert data["height"] == 400
    assert data["extent"] == 3.0
    assert data["colors"] == ROLES
    assert [(h["name"], h["x"], h["y"]) for h in data["handles"]] == [
        ("u", 2.0, 1.0),
        ("v", 0.5, 5.0),
    ]
    (group,) = data["groups"]
    assert group["arrows"][1]["to"] == {"lin": [[1.0, {"h": "u"}], [1.0, {"h": "v"}]]}
    assert group["labels"][0]["text"] == "u + v"


def test_projector_mode_is_told_to_the_stage():
    data = two_vectors().data(height=400, projector=True)
    assert data["projector"] is True
    assert data["scale"] > 1


def test_expressions_name_what_the_browser_computes():
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    assert stage.times(A, (1, 2)) == {"mat": [[2.0, 1.0], [0.0, 3.0]], "of": [1.0, 2.0]}
    assert stage.times(stage.columns("a", "b"), stage.handle("v")) == {
        "mat": {"cols": ["a", "b"]},
        "of": {"h": "v"},
    }
    c = stage.in_basis("b1", "b2", stage.handle("v"))
    assert c == {"inv": ["b1", "b2"], "of": {"h": "v"}}
    assert stage.combo((stage.coordinate(c, 0), stage.handle("b1")))["lin"][0][0] == {
        "comp": [c, 0]
    }
    assert stage.foot((1, 1), (2, 0))["proj"] == [2.0, 0.0]
    with pytest.raises(ValueError, match="i must be 0 or 1"):
        stage.coordinate(c, 2)


def test_steps_are_checked_and_named():
    scene = stage.Scene(extent=2.0, stages=["x", "Ax", "Ax + b", "σ(Ax + b)"])
    scene.group(
        [stage.lerp([[1, 2], [0, 1]]), stage.shift((0.5, 0)), stage.activate("sigmoid")]
    ).path("after", [(0, 0), (1, 1)])
    data = scene.data(height=300)
    assert data["stages"] == {"names": ["x", "Ax", "Ax + b", "σ(Ax + b)"], "t": 1.0, "seconds": 4.0}
    assert data["groups"][0]["steps"][0] == {"lerp": [[1.0, 2.0], [0.0, 1.0]]}
    with pytest.raises(ValueError, match="activation must be one of"):
        stage.activate("softmax")
    with pytest.raises(ValueError, match="a step is one of"):
        scene.group([{"spin": 1}])
    short = stage.Scene(extent=1.0, stages=["x"])
    short.group([stage.rotate(math.pi)])
    with pytest.raises(ValueError, match="stages must name the start and each of the 1 steps"):
        short.data(height=300)


def test_an_undefined_point_is_left_out_of_a_line():
    scene = stage.Scene(extent=1.0)
    scene.group().path("after", [(0, 0), (math.nan, 1), (1, 1)])
    (path,) = scene.data(height=300)["groups"][0]["paths"]
    assert path["points"] == [[0.0, 0.0], [1.0, 1.0]]


@pytest.mark.parametrize("extent", [0.0, -1.0, math.inf])
def test_a_view_needs_a_positive_extent(extent):
    with pytest.raises(ValueError, match="extent must be a positive number"):
        stage.Scene(extent=extent).data(height=300)


def test_handle_names_must_differ():
    scene = stage.Scene(extent=1.0, handles=[stage.Handle("u", (0, 0), "u", "u")] * 2)
    with pytest.raises(ValueError, match="handle names must differ"):
        scene.data(height=300)


# ---------------------------------------------------------------- a reference reading of a scene
#
# What the browser computes for an expression, written again in Python, so scenes can be
# checked against the core here; the browser tier checks that stage.js agrees.

ACTIVATE = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "identity": lambda z: z,
}


# The time shown and the scene's groups, for points a group carries (``stage.carried``); set
# with ``shown``, as the browser sets it for each frame it draws.
NOW: dict = {"t": 1.0, "groups": []}


@contextlib.contextmanager
def shown(data: dict, t: float):
    """Read the scene's expressions at time ``t`` of its play."""
    before = dict(NOW)
    NOW.update(t=t, groups=data["groups"])
    try:
        yield
    finally:
        NOW.update(before)


def evaluate(spec, handles: dict, defs: dict | None = None) -> np.ndarray:  # noqa: PLR0911
    """Where a point of a scene is, for handles at ``handles`` (name → (x, y))."""
    defs = defs or {}
    if isinstance(spec, list):
        return np.array(spec, dtype=float)
    if "carry" in spec:
        steps = NOW["groups"][spec["carry"]]["steps"]
        return moved(evaluate(spec["of"], handles, defs), steps, NOW["t"], handles)
    if "h" in spec:
        return np.array(handles[spec["h"]], dtype=float)
    if "ref" in spec:
        return evaluate(defs[spec["ref"]], handles, defs)
    if "lin" in spec:
        return sum(
            (scalar(c, handles, defs) * evaluate(p, handles, defs) for c, p in spec["lin"]),
            start=np.zeros(2),
        )
    if "mat" in spec:
        return matrix(spec["mat"], handles) @ evaluate(spec["of"], handles, defs)
    if "inv" in spec:
        return np.linalg.solve(
            matrix({"cols": spec["inv"]}, handles), evaluate(spec["of"], handles, defs)
        )
    if "proj" in spec:
        d = evaluate(spec["proj"], handles, defs)
        o = evaluate(spec["through"], handles, defs)
        p = evaluate(spec["of"], handles, defs)
        return o + (p - o) @ d / (d @ d) * d
    if "unit" in spec:
        p = evaluate(spec["unit"], handles, defs)
        return p / np.linalg.norm(p)
    raise AssertionError(f"unknown point {spec}")


def scalar(spec, handles: dict, defs: dict) -> float:  # noqa: PLR0911 - one return per kind
    if not isinstance(spec, dict):
        return float(spec)
    if "exponent" in spec:  # where the group's reshape steps are at the time shown
        steps = [
            [math.inf if e == "inf" else e for e in step["reshape"][:2]]
            for step in NOW["groups"][spec["exponent"]]["steps"]
        ]
        reached = steps[0][0]
        for i, (start, end) in enumerate(steps):
            s = min(max(NOW["t"] * len(steps) - i, 0.0), 1.0)
            if s == 0:
                break
            reached = stage.reshape_exponent(start, end, s)
        return reached
    if "comp" in spec:
        return float(evaluate(spec["comp"][0], handles, defs)[spec["comp"][1]])
    if "norm" in spec:
        p = evaluate(spec["norm"][0], handles, defs)
        exponent = math.inf if spec["norm"][1] == "inf" else spec["norm"][1]
        size = (
            float(np.sum(np.abs(p) ** exponent) ** (1 / exponent))
            if exponent != math.inf
            else float(np.abs(p).max())
        )
        return 1 / size if spec.get("power") == -1 else size
    if "dot" in spec:
        return float(
            evaluate(spec["dot"][0], handles, defs) @ evaluate(spec["dot"][1], handles, defs)
        )
    if "det" in spec:
        return float(
            np.linalg.det(np.column_stack([evaluate(q, handles, defs) for q in spec["det"]]))
        )
    if "angle" in spec:
        p, q = (evaluate(point, handles, defs) for point in spec["angle"])
        cos = p @ q / (np.linalg.norm(p) * np.linalg.norm(q))
        return math.degrees(math.acos(min(1.0, max(-1.0, float(cos)))))
    if "quad" in spec:
        p = evaluate(spec["of"], handles, defs)
        return float(p @ matrix(spec["quad"], handles) @ p / (p @ p))
    raise AssertionError(f"unknown scalar {spec}")


def matrix(spec, handles: dict) -> np.ndarray:
    if isinstance(spec, list):
        return np.array(spec, dtype=float)
    first, second = (
        np.array(handles[c], dtype=float) if isinstance(c, str) else evaluate(c, handles)
        for c in spec["cols"]
    )
    return np.column_stack([first, second])


def moved(p: np.ndarray, steps: list, t: float, handles: dict) -> np.ndarray:
    """Where a point of a group with ``steps`` is at time t (the steps share [0, 1])."""
    q = np.array(p, dtype=float)
    n = len(steps)
    for i, step in enumerate(steps):
        s = min(max(t * n - i, 0.0), 1.0)
        if s == 0:
            break
        if "lerp" in step:
            q = (1 - s) * q + s * (matrix(step["lerp"], handles) @ q)
        elif "rotate" in step:
            a = s * step["rotate"]
            q = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]]) @ q
        elif "scale" in step:
            q = (1 + s * (np.array(step["scale"]) - 1)) * q
        elif "shift" in step:
            q = q + s * evaluate(step["shift"], handles)
        elif "activate" in step:
            q = (1 - s) * q + s * ACTIVATE[step["activate"]](q)
        elif "reshape" in step:
            start, end, through = step["reshape"]
            exponent = stage.reshape_exponent(
                *(math.inf if e == "inf" else e for e in (start, end)), s
            )
            radius = 1.0 if through is None else la.p_norm(evaluate(through, handles), exponent)
            q = q * radius / la.p_norm(q, exponent)
    return q


def positions(data: dict) -> dict:
    """The handles of a scene's data, and the points it takes from other stages, at the start."""
    points = {h["name"]: (h["x"], h["y"]) for h in data["handles"]}
    return points | {x["name"]: (x["x"], x["y"]) for x in data.get("externals", [])}


# ---------------------------------------------------------------- the new pieces


def test_every_expression_reads_as_the_math_says():
    handles = {"a": (2.0, 1.0), "b": (-1.0, 3.0)}
    ha, hb = stage.handle("a"), stage.handle("b")
    assert evaluate(stage.unit(ha), handles) == pytest.approx(np.array([2, 1]) / math.sqrt(5))
    assert scalar(stage.norm(ha, 1), handles, {}) == pytest.approx(3.0)
    assert scalar(stage.norm(ha, math.inf), handles, {}) == pytest.approx(2.0)
    assert scalar(stage.norm(ha, 2, power=-1), handles, {}) == pytest.approx(1 / math.sqrt(5))
    assert scalar(stage.dot(ha, hb), handles, {}) == pytest.approx(1.0)
    assert scalar(stage.det(ha, hb), handles, {}) == pytest.approx(7.0)
    M = [[2.0, 0.0], [0.0, 1.0]]
    assert scalar(stage.quadratic(M, hb), handles, {}) == pytest.approx((2 + 9) / 10)
    assert stage.norm(ha, math.inf) == {"norm": [{"h": "a"}, "inf"]}
    with pytest.raises(ValueError, match="exponent must be a number > 0"):
        stage.norm(ha, 0)
    with pytest.raises(ValueError, match="power must be 1 or -1"):
        stage.norm(ha, 2, power=2)


def test_a_ring_handle_sits_on_its_circle():
    h = stage.Handle("w", (3.0, 4.0), "iterate", "w", step=5.0, ring=(1.0, 0.0, 2.0))
    data = h.data()
    assert data["ring"] == [1.0, 0.0, 2.0]
    assert math.hypot(data["x"] - 1.0, data["y"]) == pytest.approx(2.0)
    assert math.atan2(data["y"], data["x"] - 1.0) == pytest.approx(math.atan2(4.0, 2.0))
    with pytest.raises(ValueError, match="radius must be a positive number"):
        stage.Handle("w", (1, 0), "u", "w", ring=(0, 0, 0)).data()


def test_arrows_carry_their_label_beside_the_shaft_and_their_look():
    group = stage.Scene(extent=2.0).group()
    group.arrow("u", (1, 2), label="c·b", side="right", along=0.3, style="outline", offset=-6)
    group.arrow("v", (1, 0), texts=["e₁", "Ae₁"], value=stage.coordinate((1, 2), 0))
    first, second = group.arrows
    assert first == {
        "role": "u",
        "from": [0.0, 0.0],
        "to": [1.0, 2.0],
        "style": "outline",
        "offset": -6.0,
        "label": "c·b",
        "side": "right",
        "along": 0.3,
    }
    assert second["label"] == "e₁"
    assert second["texts"] == ["e₁", "Ae₁"]
    assert second["value"] == {"comp": [[1.0, 2.0], 0]}
    with pytest.raises(ValueError, match="style must be one of solid, thin, bold, dashed, outline"):
        group.arrow("u", (1, 1), style="wavy")
    with pytest.raises(ValueError, match="side must be one of left, right"):
        group.arrow("u", (1, 1), side="above")


def test_marks_dots_and_drops_are_sent_compactly():
    scene = stage.Scene(extent=2.0)
    group = scene.group()
    group.right_angle((1, 0), (1, 1), (0, 0)).angle((0, 0), (1, 0), (0, 1), label="θ")
    group.dots("data", [[0, 0], [1, np.nan], [2, 2]], size=3)
    group.drops("guide", [[1, 1], [2, 0]], stage.handle("w"), through=(0.5, 0), feet="iterate")
    scene.handles = [stage.Handle("w", (1, 0), "iterate", "w")]
    (data,) = scene.data(height=300)["groups"]
    corner, arc, drops = data["marks"]
    assert corner["kind"] == "corner"
    assert arc == {
        "kind": "angle",
        "role": "ink",
        "at": [0.0, 0.0],
        "a": [1.0, 0.0],
        "b": [0.0, 1.0],
        "label": "θ",
        "radius": 26.0,
    }
    assert data["points"][0]["many"] == [[0.0, 0.0], [2.0, 2.0]]  # the undefined point left out
    assert drops["points"] == [[1.0, 1.0], [2.0, 0.0]]
    assert drops["feet"] == "iterate"
    foot = evaluate(
        {"proj": drops["along"], "of": [1.0, 1.0], "through": drops["through"]}, {"w": (1.0, 0.0)}
    )
    np.testing.assert_allclose(foot, [1.0, 0.0])


def test_views_legend_readouts_and_when_are_checked():
    scene = stage.Scene(extent=1.0, stages=["x", "Ax"], views=[(0, 0, 1), (1, 1, 3)])
    scene.group([stage.lerp([[2, 0], [0, 2]])]).path("after", [(0, 0), (1, 1)])
    scene.group(when=(1.0, 1.0)).path("separator", [(0, 1), (1, 0)])
    scene.legend = [("after", "after", "line")]
    scene.readouts = [("det = {}", stage.det((1, 0), (0, 2)))]
    data = scene.data(height=300)
    assert data["views"] == [[0.0, 0.0, 1.0], [1.0, 1.0, 3.0]]
    assert data["groups"][1]["when"] == [1.0, 1.0]
    assert data["legend"] == [{"role": "after", "text": "after", "mark": "line"}]
    assert data["readouts"][0]["text"] == "det = {}"
    json.dumps(data, allow_nan=False)
    for views, message in (
        ([(0, 0, 1)], "views must frame each of the 2 stages"),
        ([(0, 0, 1), (0, 0, 0)], "a view is"),
    ):
        wrong = stage.Scene(extent=1.0, stages=["x", "Ax"], views=views)
        wrong.group([stage.lerp(np.eye(2))])
        with pytest.raises(ValueError, match=message):
            wrong.data(height=300)
    with pytest.raises(ValueError, match="a legend mark must be one of"):
        stage.Scene(extent=1.0, legend=[("u", "u", "zigzag")]).data(height=300)
    with pytest.raises(ValueError, match="when must be"):
        stage.Scene(extent=1.0).group(when=(0.5, 0.2))
    with pytest.raises(ValueError, match="t must be between 0 and 1"):
        stage.Scene(extent=1.0, t=2.0).data(height=300)


def test_a_defined_point_is_sent_once_and_must_exist():
    scene = stage.Scene(extent=1.0, defs={"m": (0.5, 0.5)})
    scene.group().arrow("u", stage.ref("m"))
    data = scene.data(height=300)
    assert data["defs"] == {"m": [0.5, 0.5]}
    assert evaluate(data["groups"][0]["arrows"][0]["to"], {}, data["defs"]).tolist() == [0.5, 0.5]
    missing = stage.Scene(extent=1.0)
    missing.group().arrow("u", stage.ref("nowhere"))
    with pytest.raises(ValueError, match=r"points used but not defined: \['nowhere'\]"):
        missing.data(height=300)
    nested = stage.Scene(extent=1.0, defs={"a": stage.ref("b"), "b": (1, 1)})
    with pytest.raises(ValueError, match="may not refer to another"):
        nested.data(height=300)


def test_an_arrow_to_an_undefined_point_is_left_out_and_numbers_are_short():
    scene = stage.Scene(extent=1.0)
    scene.group().arrow("u", (math.nan, 1.0)).arrow("v", (1 / 3, 2 / 3))
    (arrow,) = scene.data(height=300)["groups"][0]["arrows"]
    assert arrow["to"] == [0.3333333, 0.6666667]


def test_a_handle_rides_a_drawn_group_and_says_which():
    scene = stage.Scene(extent=2.0, stages=["I", "A"])
    scene.group([stage.lerp([[2.0, 0.0], [0.0, 1.0]])]).arrow("u", (1, 0))
    scene.handles = [stage.Handle("a", (2.0, 0.0), "u", "a", rides=(0, (1, 0)))]
    data = scene.data(height=300)
    assert data["handles"][0]["rides"] == {"group": 0, "at": [1.0, 0.0]}
    scene.handles = [stage.Handle("a", (2.0, 0.0), "u", "a", rides=(1, (1, 0)))]
    with pytest.raises(ValueError, match="rides group 1, which is not drawn"):
        scene.data(height=300)


def test_the_transformation_handles_ride_the_moving_arrows_and_a_zero_column_is_named():
    scene = map_scene([[1.0, 0.0], [0.0, 0.0]], LETTER_F, handles=True)
    data = scene.data(height=300)
    rides = {h["name"]: h["rides"] for h in data["handles"]}
    moving = data["groups"][rides["ae1"]["group"]]
    assert moving["steps"] == [{"lerp": {"cols": ["ae1", "ae2"]}}]
    assert rides == {
        "ae1": {"group": rides["ae1"]["group"], "at": [1.0, 0.0]},
        "ae2": {"group": rides["ae1"]["group"], "at": [0.0, 1.0]},
    }
    named = [lab for g in data["groups"] for lab in g["labels"] if lab["text"] == "Ae₂ = 0"]
    assert len(named) == 1
    assert named[0]["at"] == {"h": "ae2"}


@pytest.mark.parametrize(("start", "end"), [(1.0, math.inf), (1.0, 0.5), (2.0, 4.0)])
def test_a_reshape_step_carries_each_point_along_its_ray_onto_the_balls_between(start, end):
    ball = np.array([[math.cos(a), math.sin(a)] for a in np.linspace(0, 2 * math.pi, 48)])
    ball = ball / la.p_norm(ball, start)[:, None]
    through = (3.0, 1.0)
    for s in (0.0, 0.3, 0.5, 1.0):
        q = stage.reshape_exponent(start, end, s)
        assert 1 / q == pytest.approx((1 - s) / start + s / end)
        unit = np.array([moved(p, [stage.reshape(start, end)], s, {}) for p in ball])
        np.testing.assert_allclose(la.p_norm(unit, q), 1.0)
        # Same direction as before: each point only slides along its ray from 0.
        cross = unit[:, 0] * ball[:, 1] - unit[:, 1] * ball[:, 0]
        np.testing.assert_allclose(cross, 0.0, atol=1e-12)
        step = stage.reshape(start, end, through=stage.handle("u"))
        big = la.p_norm(np.array(through), start) * ball  # the start ball through u
        scaled = np.array([moved(p, [step], s, {"u": through}) for p in big])
        np.testing.assert_allclose(la.p_norm(scaled, q), la.p_norm(np.array(through), q))
    assert stage.reshape_exponent(2.0, math.inf, 0.5) == pytest.approx(4.0)
    assert stage.reshape_exponent(1.0, math.inf, 1.0) == math.inf
    with pytest.raises(ValueError, match="exponent must be a number > 0 or inf"):
        stage.reshape(0.0, 2.0)


def test_shared_handles_and_outside_points_are_named_and_checked():
    scene = stage.Scene(extent=1.0, handles=[stage.Handle("a", (1, 0), "u", "a")])
    scene.shares = {"a": "pair:1"}
    scene.externals = [("b", "pair:2", (0.0, 2.0))]
    scene.group([stage.lerp(stage.columns("a", "b"))]).path("after", [(1, 1)])
    data = scene.data(height=300)
    assert data["shares"] == {"a": "pair:1"}
    assert data["externals"] == [{"name": "b", "channel": "pair:2", "x": 0.0, "y": 2.0}]
    # An outside point reads like a handle: the matrix [a b] at the start is [[1, 0], [0, 2]].
    group = data["groups"][0]
    (path,) = group["paths"]
    np.testing.assert_allclose(
        moved(evaluate(path["points"][0], {}), group["steps"], 1.0, positions(data)), [1.0, 2.0]
    )
    for shares, externals, message in (
        ({"c": "x"}, [], "only a handle can be shared; 'c'"),
        ({"a": ""}, [], "handle 'a' is shared on an empty channel"),
        ({}, [("a", "x", (0, 0))], "needs a name no handle has; 'a'"),
        ({}, [("b", "", (0, 0))], "listens on an empty channel"),
        ({}, [("b", "x", (math.nan, 0))], "must start somewhere finite"),
    ):
        scene.shares, scene.externals = shares, externals
        with pytest.raises(ValueError, match=re.escape(message)):
            scene.data(height=300)
