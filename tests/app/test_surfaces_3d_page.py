"""The Gradient and Hessian tabs through AppTest: the 3-D views, the point held in the window,
the colour key, the Hessian's wording.

Heights are checked against closed forms (x² + y², Himmelblau's f at (1, 1)) and the
eigenvalues against numpy; a catalog surface is linked by its menu label.
"""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mathviz.catalog import SURFACES
from mathviz.charts import three_d
from mathviz.topics.multivariable import hessian
from mathviz.ui import cache
from tests.app.helpers import (
    HOME,
    chart_frames,
    chart_kilobytes,
    charts,
    metric,
    number,
    run_page,
    texts,
)

PAGE = "pages/multivariable_calculus.py"


def open_page(**params: str) -> AppTest:
    return run_page(PAGE, **params)


def link(name: str) -> str:
    return SURFACES[name].label


def figure(at: AppTest) -> dict:
    """The one 3-D scene on the page, as the browser receives it."""
    found = [
        json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == "mathviz_solid"
    ]
    assert len(found) == 1
    return found[0]


def trace(spec: dict, name: str) -> dict:
    """A layer of the scene with its numbers as arrays (a point's ``at`` as x, y, z)."""
    found = three_d.layer(spec, name)
    if "at" in found:
        found |= {a: found["at"][i : i + 1] for i, a in enumerate("xyz")}
    if "xs" in found:
        found |= {"x": found["xs"], "y": found["ys"]}
    if "lines" in found:
        found["z"] = np.concatenate([line[:, 2] for line in found["lines"]])
    return found


def test_the_gradient_tab_draws_the_surface_in_3d_with_the_tangent_plane_at_the_point():
    at = open_page(topic="Gradient", grad_f=link("bowl"), grad_x="1.5", grad_y="1")
    spec = figure(at)
    point = trace(spec, "point")
    assert [point[a].tolist() for a in "xyz"] == [[1.5], [1.0], [3.25]]
    plane = trace(spec, "tangent plane")
    X, Y = np.meshgrid(plane["x"], plane["y"])
    # z = f(p) + ∇f·d with ∇f = (3, 2) for x² + y² at (1.5, 1)
    expected = 3.25 + 3 * (X - 1.5) + 2 * (Y - 1)
    kept = np.isfinite(plane["z"])
    assert plane["z"][kept] == pytest.approx(expected[kept])
    assert plane["z"].shape == (11, 11)
    # only the corner that dips below the box (f ≥ 0 there, less a tenth of 18) is cut off
    assert expected[~kept].tolist() == pytest.approx([-2.0])
    assert spec["height"] >= 420
    assert spec["box"][0] == [-3.0, 3.0]


def test_moving_the_point_moves_it_and_its_plane_in_3d():
    at = open_page(topic="Gradient")
    before = trace(figure(at), "point")
    assert [before[a].tolist() for a in "xyz"] == [[1.0], [1.0], [106.0]]
    at.slider(key="grad_x").set_value(-2.0).run()
    after = trace(figure(at), "point")
    assert [after[a].tolist() for a in "xy"] == [[-2.0], [1.0]]
    assert after["z"].tolist() == [(4 + 1 - 11) ** 2 + (-2 + 1 - 7) ** 2]
    assert figure(at)["revision"] == SURFACES["himmelblau"].text  # the camera stays


def _gradient_arrow(at: AppTest) -> np.ndarray:
    """The drawn ∇f arrow of the map: its (x0, y0, x, y), from the arrows' frame."""
    arrows = next(f for f in chart_frames(charts(at)[0]).values() if "x0" in f and "role" in f)
    row = arrows[arrows.role == "gradient"]
    return row[["x0", "y0", "x", "y"]].to_numpy(dtype=float)


def test_the_gradient_arrow_grows_with_its_size_and_the_caption_says_so():
    at = open_page(topic="Gradient")  # Himmelblau at (1, 1): ‖∇f‖ ≈ 59.7
    size = np.hypot(46, 38)
    assert number(metric(at, "‖∇f‖")) == pytest.approx(size, rel=1e-4)
    assert "its length in proportion to ‖∇f‖: 2.25 on the map stands for" in texts(at)
    ((x0, y0, x, y),) = _gradient_arrow(at)
    first = np.hypot(x - x0, y - y0)
    at.slider(key="grad_x").set_value(2.0).run()  # ∇f = (4x³ + 4xy − 42x + 2y² − 14, …)
    grad = SURFACES["himmelblau"].gradient(np.array([2.0, 1.0]))
    ((x0, y0, x, y),) = _gradient_arrow(at)
    # Drawn lengths in the ratio of the true ones (both inside the clamps).
    assert np.hypot(x - x0, y - y0) / first == pytest.approx(np.hypot(*grad) / size, rel=0.02)


def test_near_a_critical_point_the_gradient_shrinks_to_a_dot_marked_zero():
    at = open_page(topic="Gradient", grad_f=link("waves"), grad_x="1.55", grad_y="0")
    assert len(_gradient_arrow(at)) == 0  # no arrow: a stub would not read
    frames = chart_frames(charts(at)[0]).values()
    labels = next(f for f in frames if "label" in f and "role" in f)
    assert "∇f ≈ 0" in labels.label.tolist()
    dots = next(f for f in frames if set(f.columns) == {"x", "y", "role"})
    assert dots[dots.role == "gradient"][["x", "y"]].to_numpy().tolist() == [[1.55, 0.0]]


def test_the_colour_key_runs_from_the_lowest_to_the_highest_f_on_the_map():
    at = open_page(topic="Gradient", grad_f=link("bowl"))
    keys = [h.proto.body for h in at.get("html") if "Colour key" in h.proto.body]
    assert len(keys) == 1
    # the map of x² + y² reaches ±1.45 · 3 on the 50-cell grid: f from near 0 to 2 · 4.35²
    assert "to <b>37.8</b>" in keys[0]
    assert keys[0].count("linear-gradient(to right,") == 1  # one strip, shading smoothly


def test_the_hessian_tab_draws_the_model_and_its_axes_in_3d():
    at = open_page(topic="Hessian", hes_pt="5")  # Himmelblau's maximum
    spec = figure(at)
    lam = [number(v) for v in metric(at, "λ₁, λ₂").split(", ")]
    axes = [t["name"] for t in spec["lines"] if t["name"].startswith("axis")]
    assert len(axes) == 2
    for name, value in zip(axes, lam, strict=True):
        assert number(name.split("= ")[1]) == pytest.approx(value, rel=1e-3)
    assert trace(spec, "maximum")["color"] == "#D55E00"
    assert "quadratic model" in [t["name"] for t in spec["lines"]]


def test_the_monkey_saddle_says_why_its_model_is_flat_and_counts_in_good_grammar():
    at = open_page(topic="Hessian", hes_f=link("monkey"))
    assert "H = 0 here, so the quadratic model" in " ".join(i.value for i in at.info)
    assert "1 degenerate point in this window." in [c.value for c in at.caption]
    net = trace(figure(at), "quadratic model")["z"]
    assert set(net[np.isfinite(net)].tolist()) == {0.0}


def test_the_kind_sentence_counts_singular_and_plural():
    sentence = hessian._kind_sentence(["minimum", "degenerate", "degenerate", "maximum"])
    assert sentence == "1 minimum, 1 maximum, 2 degenerate points"
    assert hessian._kind_sentence(["saddle"]) == "1 saddle"


def test_projector_mode_makes_the_3d_view_taller():
    at = AppTest.from_file(HOME, default_timeout=60)
    at.switch_page(PAGE)
    at.query_params["topic"] = "Hessian"
    at.session_state["projector"] = True
    at.run()
    assert not at.exception
    assert figure(at)["height"] > 460


def test_a_move_of_the_point_reuses_the_surface_sheet_built_once():
    from mathviz.topics.multivariable import gradient

    at = open_page(topic="Gradient")
    before = figure(at)
    at.slider(key="grad_x").set_value(-2.0).run()
    after = figure(at)
    names = [sheet["name"] for sheet in after["sheets"]]
    assert names == ["f", "tangent plane"]
    # The surface's sheet and contours are the very same numbers; the point's parts moved.
    assert after["sheets"][0] == before["sheets"][0]
    assert after["lines"][0] == before["lines"][0]
    assert after["sheets"][1] != before["sheets"][1]
    surface = SURFACES["himmelblau"]
    assert gradient._window_solid(surface) is gradient._window_solid(surface)  # stored


def test_stepping_between_critical_points_reuses_each_close_up_scene():
    at = open_page(topic="Hessian", hes_pt="1")
    first = figure(at)
    at.number_input(key="hes_pt").set_value(5).run()
    assert figure(at) != first
    at.number_input(key="hes_pt").set_value(1).run()
    assert figure(at) == first
    held, _ = cache.sizes()["3-D close-ups"]
    assert held >= 2  # points 1 and 5, each built once


def test_the_gradient_map_is_finely_sampled_and_still_light():
    from mathviz.topics.multivariable import gradient

    at = open_page(topic="Gradient", grad_f=link("rosenbrock"))
    cells = next(f for f in chart_frames(charts(at)[0]).values() if "z" in f.columns)
    assert len(cells) == gradient.MAP_CELLS**2 == 64**2  # finer than the 50 of the descent map
    assert max(chart_kilobytes(at)) <= 100
