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
