"""Scenes for the stage: JSON-ready data, expressions over the handles, steps to play."""

import json
import math

import numpy as np
import pytest

from mathviz.charts import stage
from mathviz.charts.linear_algebra import ROLES


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
