"""Key numbers drawn as one element per row, seen in a real Chromium.

A row of key numbers is one markdown element (``frame.numbers``), not a container of
Streamlit metrics: fewer elements for the browser to redraw on every move. These tests
check that the row reads as label and value, keeps the metric's sizes (bigger on a
projector), wraps inside the column on a phone, and follows a moved control.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import link, settle


def number(page, label: str) -> str:
    """The value under ``label`` in a row of key numbers."""
    name = page.locator(".mv-numbers dt", has_text=label).first
    return name.locator("xpath=following-sibling::dd[1]").inner_text().strip()


def test_moving_p_rewrites_the_numbers_in_place(page, server):
    page.goto(f"{server}/probability?topic=Coin+flips&coin_n=1000")
    settle(page)
    assert number(page, "typical gap σ/√n") == "0.0158"  # √(0.25/1000)
    slider = page.locator("[data-testid='stSlider']", has_text="P(heads) p").first
    slider.get_by_role("slider").focus()
    page.keyboard.press("End")
    settle(page)
    assert float(link(page)["coin_p"]) == 1.0
    assert number(page, "typical gap σ/√n") == "0"
    assert number(page, "share of heads, run 1") == "1"
    # No streak of tails ever happens at p = 1: that row gives way to a notice.
    assert page.locator(".mv-numbers").count() == 2
    assert page.locator(".mv-numbers").first.locator("dt").count() == 4


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("width", [1280, 390])
def test_key_numbers_read_as_label_and_value_and_fit_the_screen(page, server, width, projector):
    page.set_viewport_size({"width": width, "height": 900})
    mode = "&projector=true" if projector else ""
    page.goto(f"{server}/probability?topic=Coin+flips&coin_n=1000{mode}")
    settle(page)
    rows = page.locator(".mv-numbers")
    assert rows.count() == 3
    label = page.locator(".mv-numbers dt", has_text="heads, run 1").last
    value = label.locator("xpath=following-sibling::dd[1]")
    assert value.inner_text().strip().endswith("of 1,000")
    # The value is big and the label small, as in Streamlit's own metric, bigger on a projector.
    sizes = value.evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize),"
        " parseFloat(getComputedStyle(e.previousElementSibling).fontSize)]"
    )
    big = 34 if (projector and width < 640) else (46 if projector else 36)
    assert sizes == [big, 21 if projector else 14]
    # Every number stays inside the main column: a row wraps rather than running off.
    main = page.locator("[data-testid='stMain']").bounding_box()
    for box in page.locator(".mv-numbers > div").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= main["x"] + main["width"] + 0.5
