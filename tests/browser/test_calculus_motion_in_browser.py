"""Calculus in a real Chromium: the main picture on the first screen, and Play in the browser.

Play shrinks a step (h for the derivative, dx for the chain rule) on the chart's own slider:
every frame is drawn by the browser, none asks the server for anything.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

CHART = "[data-testid='stVegaLiteChart']"
FIRST_SCREEN = {"width": 1280, "height": 800}
MAIN_CHART = {"Derivative": 0, "Chain rule": 0, "Critical points": 0}


def open_topic(page, server: str, query: str, charts: int) -> None:
    page.goto(f"{server}/calculus?{query}")
    settle(page)
    page.wait_for_function(
        f'document.querySelectorAll("{CHART} svg.marks, {CHART} canvas.marks").length >= {charts}',
        timeout=30_000,
    )


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize(
    ("topic", "charts"), [("Derivative", 3), ("Chain rule", 4), ("Critical points", 1)]
)
def test_the_main_picture_starts_on_the_first_screen(server, page, topic, charts, projector):
    page.set_viewport_size(FIRST_SCREEN)
    query = f"topic={topic.replace(' ', '+')}" + ("&projector=true" if projector else "")
    open_topic(page, server, query, charts)
    box = page.locator(CHART).nth(MAIN_CHART[topic]).bounding_box()
    # Beside the controls, right under the presets: its top well inside the first screen
    # (projector type is bigger, so the intro above it is taller).
    assert box["y"] < (600 if projector else 550), box
    assert box["height"] >= 380, box


def _play(page, param: str, last: int) -> None:
    """Press Play on the player of ``param``; assert it ran in the browser, smoothly."""
    slider = page.locator(f"{CHART} input[type='range'][name='{param}']")
    assert float(slider.input_value()) == 0
    # Only the chart says what a frame shows (h = …, dx = …): no bare frame number beside it.
    index = page.locator(f"{CHART} input[name='{param}'] + span")
    assert index.evaluate("span => getComputedStyle(span).display") == "none"
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", sent.append))
    # The browser's own clock at every step the slider takes.
    slider.evaluate(
        "input => { window.steps = [];"
        " input.addEventListener('input', () => window.steps.push(performance.now())); }"
    )
    player = page.locator(".stage.player")
    player.locator("button.play").click()
    page.wait_for_timeout(700)
    assert 0 < float(slider.input_value()) < last  # on its way
    expect(player.locator("button.play")).to_have_text("▶ Play", timeout=20_000)  # done
    assert float(slider.input_value()) == last
    frames = int(player.get_attribute("data-frames"))
    assert frames >= last  # every step drawn
    steps = page.evaluate("window.steps")
    rate = (len(steps) - 1) / ((steps[-1] - steps[0]) / 1000)
    assert rate >= 20, rate  # at least 20 frames a second
    assert sent == []  # no frame asked the server for anything


def _readouts(page, nth: int, start: str) -> list[str]:
    texts = "els => els.map(e => e.textContent)"
    found = page.locator(CHART).nth(nth).locator("svg text").evaluate_all(texts)
    return [t for t in found if t and t.startswith(start)]


def test_play_shrinks_h_and_the_secant_slope_settles_on_the_tangent(server, page):
    open_topic(page, server, "topic=Derivative&der_h=1", 3)
    # Two lines: the secant's slope over the tangent's.
    assert _readouts(page, 0, "h = ")[0] == "h = 1: secant slope 0.0678264tangent slope 0.540302"
    _play(page, "shrink", 120)
    (said,) = set(_readouts(page, 0, "h = "))
    assert said.startswith("h = 0.001: secant slope 0.5398")  # within h/2 of cos 1 = 0.5403
    # The server's h is untouched: the key numbers still speak of h = 1.
    assert "0.0678264" in page.locator(".mv-numbers").first.inner_text()


def test_play_shrinks_dx_on_the_number_lines_in_the_browser(server, page):
    open_topic(page, server, "topic=Chain+rule", 4)
    _play(page, "shrink_dx", 80)
    # The last frame is dx = 1e-4: du/dx reads g′(1.5) = 3 to four decimals.
    texts = "els => els.map(e => e.textContent)"
    chart = page.locator(CHART).first
    drawn = chart.locator("svg text").evaluate_all(texts)
    if drawn:  # an SVG chart; a canvas one has no text nodes to read
        assert "du/dx = 3.0001" in drawn
    # The server's dx is untouched: the caption still speaks of dx = 0.1.
    expect(page.get_by_text("Nudge x by dx = 0.1:")).to_be_visible()
