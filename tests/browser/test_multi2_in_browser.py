"""Multivariable pictures in a real Chromium: the descent map's size, and views that move
as data, so a move swaps a chart's data instead of building the chart again.

A chart built again gets a new canvas; one whose data were swapped keeps its canvas. So a
test tags the canvas before a move and looks for the tag after it.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import settle

CHARTS = "[data-testid='stVegaLiteChart']"


def open_topic(page, server: str, query: str) -> None:
    page.goto(f"{server}/multivariable_calculus?{query}")
    settle(page)
    page.wait_for_selector(CHARTS, timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def tag_canvas(page, index: int) -> None:
    page.locator(CHARTS).nth(index).locator("canvas").first.evaluate("c => { c.__seen = 1; }")


def same_canvas(page, index: int) -> bool:
    canvas = page.locator(CHARTS).nth(index).locator("canvas").first
    return bool(canvas.evaluate("c => c.__seen === 1"))


def type_number(page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True).first
    box.fill(value)
    box.press("Enter")
    page.wait_for_timeout(300)
    settle(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_descent_map_is_the_big_near_square_picture(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_topic(page, server, "topic=Gradient+descent")
    charts = page.locator(CHARTS)
    box = charts.first.bounding_box()
    assert box["height"] >= (450 if width == 1280 else 350)
    assert 0.55 <= box["width"] / box["height"] <= 1.4  # square-ish with its key and slider
    others = [charts.nth(i).bounding_box() for i in range(1, charts.count())]
    assert all(box["width"] * box["height"] > o["width"] * o["height"] for o in others)


def test_a_jacobian_move_keeps_the_output_chart_and_moves_its_picture(page, server):
    open_topic(page, server, "topic=Jacobian")
    image = page.locator(CHARTS).nth(1)
    before = image.screenshot()
    tag_canvas(page, 1)
    type_number(page, "A₁₁", "2")
    assert "jac_a11=2" in page.url
    assert same_canvas(page, 1)  # the data were swapped; the chart was not rebuilt
    assert image.screenshot() != before


def test_the_saturated_layer_fills_its_picture_and_says_it_flattens(page, server):
    open_topic(page, server, "topic=Jacobian")
    page.get_by_role("button", name="Saturated", exact=True).click()
    settle(page)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "The layer flattens:" in body
    assert "det J = 0.00039 ≈ 0" in body
    assert page.locator(CHARTS).nth(1).bounding_box()["height"] >= 350


def test_stepping_to_another_critical_point_keeps_the_close_up_chart(page, server):
    open_topic(page, server, "topic=Hessian&hes_f=Himmelblau&hes_pt=1")
    close = page.locator(CHARTS).nth(1)
    before = close.screenshot()
    tag_canvas(page, 1)
    type_number(page, "Critical point to look at (#)", "5")
    assert "hes_pt=5" in page.url
    assert same_canvas(page, 1)
    assert close.screenshot() != before
