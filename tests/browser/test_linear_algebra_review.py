"""Linear-algebra pictures in a real Chromium: handles where a learner expects them.

Drawn shapes carry their plane coordinates (``data-to``, ``data-at``, ``data-x``/``data-y``),
so the assertions compare the drawing with the number boxes, the link and the core.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathviz import linear_algebra as la
from tests.browser.conftest import link, settle
from tests.browser.test_stage_in_browser import (
    STAGE,
    arrow_tip,
    drag,
    handle_at,
    metric_value,
    number,
    open_topic,
    wait_for_key,
)


def test_dragging_a_column_of_a_in_the_product_sets_a_the_link_and_ba(server, page):
    open_topic(page, server, "Matrix+product")
    np.testing.assert_allclose(handle_at(page, "ae1", 0), [1.0, 0.0])
    drag(page, "ae1", 0, -60, index=0)
    wait_for_key(page, "prod_a21")
    column = handle_at(page, "ae1", 0)
    assert column[1] > 0.2
    params = link(page)
    # A key at its default value is left out of the link.
    shown = (float(params.get("prod_a11", 1.0)), float(params["prod_a21"]))
    assert shown == pytest.approx(tuple(column))
    boxes = page.get_by_role("spinbutton")
    values = [float(boxes.nth(k).input_value()) for k in range(4)]  # A's boxes, row by row
    assert (values[0], values[2]) == pytest.approx(tuple(column))
    # BA follows: the left panel's product arrow ends at B·(A e₁).
    A = np.array([[column[0], 1.0], [column[1], 1.0]])
    B = np.array([[0.0, -1.0], [1.0, 0.0]])
    np.testing.assert_allclose(arrow_tip(page, "u", 0, stage=0), B @ A @ [1, 0], atol=1e-4)
    assert number(metric_value(page, "det(BA) = det B · det A")) == pytest.approx(
        la.determinant(B @ A), abs=1e-3
    )
    # The panel's own readout names its map, BA, and agrees.
    shown = page.locator(STAGE).nth(0).locator(".readout-value").first.inner_text()
    assert shown.startswith("det BA = ")
    assert number(shown.removeprefix("det BA = ")) == pytest.approx(la.determinant(B @ A), abs=2e-3)


def test_dragging_a_column_of_b_in_the_second_panel_sets_b(server, page):
    open_topic(page, server, "Matrix+product")
    drag(page, "ae2", 50, 0, index=1)
    wait_for_key(page, "prod_b12")
    column = handle_at(page, "ae2", 1)
    params = link(page)
    shown = (float(params["prod_b12"]), float(params.get("prod_b22", 0.0)))
    assert shown == pytest.approx(tuple(column))
    assert column[0] > -0.8
    settle(page)


def test_the_scaling_try_this_drag_reaches_a22_one_and_a_half(server, page):
    open_topic(page, server, "Transformations")
    page.get_by_role("button", name="Scaling", exact=True).click()
    settle(page)
    np.testing.assert_allclose(handle_at(page, "ae2"), [0.0, 1.0])
    drag(page, "ae2", 0, -400)  # far past the top: the handle stops at the view's edge
    wait_for_key(page, "tr_a22")
    a22 = float(link(page)["tr_a22"])
    assert a22 >= 1.5
    assert number(metric_value(page, "det A")) == pytest.approx(2 * a22, rel=1e-3)


TICKS_AND_SHAPES = """root => {
  const box = (n) => {
    const b = n.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom];
  };
  const shown = (n) => n.style.display !== 'none' && n.closest('g.group, g.ticks, g.handle')
    && getComputedStyle(n).display !== 'none';
  return {
    ticks: [...root.querySelectorAll('g.ticks text')].filter(shown).map(box),
    knobs: [...root.querySelectorAll('.handle:not(.away) .knob')].map(box),
    shafts: [...root.querySelectorAll('g.arrow')].filter(a => a.style.display !== 'none'
      && a.closest('g.group').style.display !== 'none').map(a => {
        const l = a.querySelector('line.shaft'); const m = l.getScreenCTM();
        const p = (x, y) => { const q = new DOMPoint(x, y).matrixTransform(m); return [q.x, q.y]; };
        return [...p(+l.getAttribute('x1'), +l.getAttribute('y1')),
                ...p(+l.getAttribute('x2'), +l.getAttribute('y2'))];
      }),
  };
}"""


def segment_hits_box(segment: list[float], box: list[float]) -> bool:
    """Whether a segment passes through a box, both in pixels (sampled finely)."""
    x0, y0, x1, y1 = segment
    for s in np.linspace(0, 1, 200):
        x, y = x0 + s * (x1 - x0), y0 + s * (y1 - y0)
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return True
    return False


@pytest.mark.parametrize(
    ("topic", "preset"),
    [
        ("Basis", "Standard"),
        ("Basis", "Long and short"),
        ("Transformations", "Reflection"),
        ("Vectors", "Turn round"),
        ("Eigen", "Symmetric"),
    ],
)
def test_tick_labels_give_way_to_arrows_and_handles(server, page, topic, preset):
    open_topic(page, server, topic)
    page.get_by_role("button", name=preset, exact=True).click()
    settle(page)
    page.wait_for_timeout(300)
    seen = page.locator(".stage").first.evaluate(TICKS_AND_SHAPES)
    assert len(seen["ticks"]) >= 4  # the numbers are still there, only not under shapes
    for tick in seen["ticks"]:
        for shaft in seen["shafts"]:
            assert not segment_hits_box(shaft, tick), (tick, shaft)
        for knob in seen["knobs"]:
            overlap = min(tick[2], knob[2]) > max(tick[0], knob[0]) and min(tick[3], knob[3]) > max(
                tick[1], knob[1]
            )
            assert not overlap, (tick, knob)


def test_a_nearly_parallel_basis_marks_the_arrows_that_leave_the_view(server, page):
    open_topic(page, server, "Basis", "&basis_b11=-0.45&basis_b12=1.05")
    stage = page.locator(".stage").first
    plane = stage.locator("svg.plane").bounding_box()
    # b₁, b₂ and v are drawn big enough to grab: the view is framed on them.
    b2 = stage.locator("g.arrow[data-role='v']").last.locator("line.shaft").bounding_box()
    assert max(b2["width"], b2["height"]) > 0.12 * plane["height"]
    leaving = stage.locator("g.arrow[data-leaves='true']")
    assert leaving.count() >= 1
    # The arrow still knows its true tip, c₁·b₁, far outside; its second head shows.
    c = la.coordinates([2.0, 2.0], np.array([[-0.45, -0.5], [1.05, 1.0]]))
    tips = [
        np.array([float(x) for x in leaving.nth(k).get_attribute("data-to").split(",")])
        for k in range(leaving.count())
    ]
    assert any(np.allclose(tip, c[0] * np.array([-0.45, 1.05]), atol=1e-3) for tip in tips)
    assert leaving.first.locator("polygon.more").is_visible()


LABEL_BOXES = """root => [...root.querySelectorAll('text.label')]
  .filter(t => t.style.display !== 'none' && t.closest('g.group').style.display !== 'none'
               && t.getBBox().width > 0)
  .map(t => { const b = t.getBoundingClientRect();
              return [b.left, b.top, b.right, b.bottom, t.textContent]; })"""


@pytest.mark.parametrize(("width", "query"), [(1280, ""), (390, "&projector=true")])
def test_same_line_labels_do_not_overlap(server, page, width, query):
    page.set_viewport_size({"width": width, "height": 900})
    open_topic(page, server, "Vectors", query)
    page.get_by_role("button", name="Same line", exact=True).click()
    settle(page)
    page.wait_for_timeout(300)
    boxes = page.locator(".stage").first.evaluate(LABEL_BOXES)
    assert {"u", "v", "b·v", "a·u + b·v"} <= {b[4] for b in boxes}
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)


def test_the_zero_vector_can_be_dragged_off_the_origin(server, page):
    open_topic(page, server, "Vectors")
    page.get_by_role("button", name="Zero vector", exact=True).click()
    settle(page)
    np.testing.assert_allclose(handle_at(page, "v"), [0.0, 0.0])
    drag(page, "v", 40, -40)
    page.wait_for_function(
        "new URL(location.href).searchParams.get('vec_v1') !== '0.0'", timeout=30_000
    )
    settle(page)
    v = handle_at(page, "v")
    assert v[0] > 0.2
    assert v[1] > 0.2
    params = link(page)
    assert (float(params["vec_v1"]), float(params["vec_v2"])) == pytest.approx(tuple(v))


@pytest.mark.parametrize("case", [("ae1", 60, 0, "tr_a11"), ("ae2", 0, -60, "tr_a22")])
def test_both_columns_of_the_zero_matrix_can_be_grabbed(server, page, case):
    name, dx, dy, key = case
    open_topic(page, server, "Transformations")
    page.get_by_role("button", name="Zero", exact=True).click()
    settle(page)
    np.testing.assert_allclose(handle_at(page, "ae1"), [0.0, 0.0])
    np.testing.assert_allclose(handle_at(page, "ae2"), [0.0, 0.0])
    # The two knobs are drawn apart, each labelled.
    knobs = [
        page.locator(f".stage .handle[data-name='{n}'] .knob").first.bounding_box()
        for n in ("ae1", "ae2")
    ]
    assert knobs[1]["x"] - knobs[0]["x"] >= 15
    texts = page.locator(".stage text.label").evaluate_all("ts => ts.map(t => t.textContent)")
    assert {"Ae₁ = 0", "Ae₂ = 0"} <= set(texts)
    drag(page, name, dx, dy)
    page.wait_for_function(
        f"new URL(location.href).searchParams.get('{key}') !== '0.0'", timeout=30_000
    )
    settle(page)
    assert float(link(page)[key]) > 0.2
    other = "ae2" if name == "ae1" else "ae1"
    np.testing.assert_allclose(handle_at(page, other), [0.0, 0.0])
