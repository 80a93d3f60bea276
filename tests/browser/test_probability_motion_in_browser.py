"""Probability in motion, in a real Chromium: averages that settle while Play runs.

Each Play drives a chart's own "so far" slider in the browser: the test checks the slider
advances from its start to its end, that the frames come at least 20 a second, and that
no frame asked the server for anything.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

CHART = "[data-testid='stVegaLiteChart']"


def open_topic(page, server: str, query: str) -> None:
    page.goto(f"{server}/probability?{query}")
    settle(page)
    page.wait_for_selector(f"{CHART} svg, {CHART} canvas", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


# Records the browser's clock at every step a chart's slider takes.
STEP_CLOCK = (
    "input => { window.steps = [];"
    " input.addEventListener('input', () => window.steps.push(performance.now())); }"
)


def picture(page, chart_index: int) -> bytes:
    """The chart as drawn (SVG or canvas, whichever Vega chose), as PNG bytes."""
    return page.locator(CHART).nth(chart_index).screenshot()


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("topic=Coin+flips&coin_n=10k&coin_runs=3", "coin_upto"),
        ("topic=Expected+value&ev_n=100k", "ev_upto"),
        (
            "topic=Distributions&dist_view=Sample+means&dist_f=Exponential&dist_m=5&dist_size=10k",
            "dist_upto",
        ),
    ],
)
def test_play_lets_the_trials_pile_up_in_the_browser_without_a_rerun(server, page, query, param):
    open_topic(page, server, query)
    slider = page.locator(f"{CHART} input[type='range'][name='{param}']")
    last = int(slider.get_attribute("max"))
    assert last >= 39  # a few hundred points of a run, or forty batches of averages
    assert int(slider.input_value()) == last  # the whole run is drawn until Play
    whole = picture(page, 0)
    gaps = picture(page, 1) if param == "coin_upto" else b""
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", sent.append))
    slider.evaluate(STEP_CLOCK)
    player = page.locator(".stage.player").first
    player.locator("button.play").click()
    page.wait_for_timeout(700)
    early = int(slider.input_value())
    assert 0 <= early < last  # it started again from the first flip and is on its way
    assert picture(page, 0) != whole  # the chart redrew with fewer trials
    if gaps:  # the gap chart is bound to the same slider: it follows the same Play
        assert picture(page, 1) != gaps
    # Timed over its first 1.5 s of 8 (the rest of the way is the same code, played through
    # to the end by the calculus and stage tests), then paused where it is.
    page.wait_for_timeout(800)
    player.locator("button.play").click()
    expect(player.locator("button.play")).to_have_text("▶ Play")
    steps = page.evaluate("window.steps")
    rate = (len(steps) - 1) / ((steps[-1] - steps[0]) / 1000)
    assert rate >= min(20, 0.9 * last / 8), rate  # 20 a second, or every step of a short run
    paused = int(slider.input_value())
    page.wait_for_timeout(300)
    assert early < int(slider.input_value()) == paused < last  # paused means paused
    player.get_by_role("button", name="step ▶").click()
    assert paused < int(slider.input_value()) <= last  # and a step goes on from there
    assert sent == []  # no frame asked the server for anything


@pytest.mark.parametrize(
    "topic", ["Coin+flips", "Expected+value", "Distributions", "Bayes", "Maximum+likelihood"]
)
def test_on_a_projector_the_main_picture_spans_most_of_the_screen(server, page, topic):
    open_topic(page, server, f"topic={topic}&projector=true")
    width = page.locator(CHART).first.evaluate("e => e.getBoundingClientRect().width")
    assert width >= 0.6 * 1280
