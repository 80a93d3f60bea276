"""Information theory pictures that move, in a real Chromium: the coin swept by Play, KL the
other way round, the loss curve under the logit sliders, and the question tree's spine.
"""

from __future__ import annotations

import itertools

import pytest

from tests.browser.conftest import link, settle

CHART = "[data-testid='stVegaLiteChart']"


def open_topic(page, server: str, query: str, charts: int) -> None:
    page.goto(f"{server}/information_theory?{query}")
    settle(page)
    page.wait_for_function(
        f'document.querySelectorAll("{CHART} svg.marks, {CHART} canvas.marks").length >= {charts}',
        timeout=30_000,
    )
    assert page.locator("[data-testid='stException']").count() == 0


def chart(page, index: int):
    return page.locator(CHART).nth(index)


def texts(page, index: int) -> list[str]:
    return chart(page, index).locator("svg text").evaluate_all("els => els.map(e => e.textContent)")


def test_play_sweeps_the_coin_from_p_0_to_1_in_the_browser_without_a_rerun(page, server):
    open_topic(page, server, "topic=Entropy", charts=2)
    slider = page.locator(f"{CHART} input[type='range'][name='ent_sweep']")
    assert float(slider.input_value()) == pytest.approx(0.5)
    # The coin has one slider, the page's: the chart's own input is there for Play alone.
    assert slider.is_hidden()
    assert "H = 1.000 bits = area" in texts(page, 0)
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", sent.append))
    player = page.locator(".stage.player")
    slider.evaluate(
        "input => { window.steps = [];"
        " input.addEventListener('input', () => window.steps.push(performance.now())); }"
    )
    player.locator("button.play").click()
    page.wait_for_timeout(700)
    early = float(slider.input_value())
    assert 0.0 < early < 0.5  # it started again from p = 0 and is on its way
    # Timed over its first 1.5 s of 4.5, then paused; the last frame is reached by hand.
    page.wait_for_timeout(800)
    player.locator("button.play").click()
    steps = page.evaluate("window.steps")
    assert (len(steps) - 1) / ((steps[-1] - steps[0]) / 1000) >= 20  # frames a second
    assert early < float(slider.input_value()) < 1.0
    slider.evaluate("input => { input.value = 1; input.dispatchEvent(new Event('input')); }")
    page.wait_for_timeout(300)
    # At p = 1 heads fills the width at height 0: no surprise left, H = 0.
    assert "H = 0.000 bits = area" in texts(page, 0)
    assert sent == []  # no frame asked the server for anything
    player.get_by_role("button", name="◀ step").click()
    assert float(slider.input_value()) == pytest.approx(0.99)
    page.wait_for_timeout(300)
    # p = 0.99: tails is 6.64 bits tall, and H = 0.081 bits.
    assert "H = 0.081 bits = area" in texts(page, 0)


def test_kl_the_other_way_round_draws_an_infinitely_tall_bar(page, server):
    query = "topic=Cross-entropy+%26+KL&ce_p1=8.0&ce_p2=1.0&ce_q1=1.0&ce_q2=1.0&ce_q3=1.0&ce_p4=0.0"
    open_topic(page, server, query, charts=4)
    assert "∞" not in texts(page, 0)
    page.get_by_text("Q ‖ P", exact=True).click()
    settle(page)
    assert link(page)["ce_dir"] == "Q ‖ P"
    shown = texts(page, 0)
    assert "∞" in shown
    assert "D ∞" in shown
    assert "H(Q, P) = ∞ (off the chart)" in shown
    assert "H(Q) = 2 bits" in shown
    assert chart(page, 0).get_by_text("extra: P's code is longer").count() == 1


def test_the_loss_curve_marks_a_confident_wrong_answer_high_and_follows_a_logit(page, server):
    query = "topic=Cross-entropy+%26+KL&ce_z1=-2.0&ce_z2=8.0&ce_z4=0.0"
    open_topic(page, server, query, charts=4)
    assert "q(A) = 4.537e−05: loss 10 nats" in texts(page, 2)
    height = chart(page, 2).locator("svg g.mark-rule line[stroke='#D55E00']").first.bounding_box()
    curve = chart(page, 2).locator("svg g.mark-line path").first.bounding_box()
    # The red height runs from the axis (loss 0) up to the dot: 10 of the 12 nats the curve
    # spans, so a confident wrong answer stands near the top of the picture.
    assert height["height"] / curve["height"] == pytest.approx(10 / 12, abs=0.03)
    slider = page.get_by_role("slider", name="z(A)")
    slider.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")  # up 2.0, a tenth at a time
    settle(page)
    assert link(page)["ce_z1"] == "0"
    assert "q(A) = 0.0003351: loss 8 nats" in texts(page, 2)


def test_the_question_tree_keeps_its_answers_on_one_vertical_spine(page, server):
    open_topic(page, server, "topic=Guessing+game", charts=3)
    for _ in range(4):
        page.get_by_role("button", name="Ask", exact=True).click()
        settle(page)
    dots = chart(page, 1).locator("svg g.mark-symbol path")
    assert dots.count() == 1 + 2 * 4
    centres = dots.evaluate_all(
        "ps => ps.map(p => { const b = p.getBBox(); "
        "const m = p.getCTM(); return [m.e + b.x + b.width / 2, m.f + b.y + b.height / 2]; })"
    )
    xs = sorted({round(x) for x, _ in centres})
    assert len(xs) == 2  # the spine and the stubs: two columns, one edge each way
    spine = [y for x, y in centres if round(x) == xs[0]]
    stubs = [y for x, y in centres if round(x) == xs[1]]
    assert len(spine) == 5
    assert len(stubs) == 4
    # Each stub sits between two kept ranges, so no edge meets another.
    spine.sort()
    for y in stubs:
        assert any(a < y < b for a, b in itertools.pairwise(spine))


def test_a_finished_sweep_returns_the_coin_to_the_sliders_p(page, server):
    open_topic(page, server, "topic=Entropy&ent_coin=0.9", charts=2)
    slider = page.locator(f"{CHART} input[type='range'][name='ent_sweep']")
    assert float(slider.input_value()) == pytest.approx(0.9)
    player = page.locator(".stage.player")
    player.locator("button.play").click()
    page.wait_for_function(
        "() => document.querySelector(\"input[name='ent_sweep']\").value === '1'", timeout=15_000
    )
    assert "H = 0.000 bits = area" in texts(page, 0)  # the end of the sweep is shown...
    page.wait_for_function(
        "() => document.querySelector(\"input[name='ent_sweep']\").value === '0.9'", timeout=5_000
    )
    # ... then the picture agrees with the page again: H(0.9) = 0.469 bits.
    assert "H = 0.469 bits = area" in texts(page, 0)
    assert page.locator("[data-testid='stMetricValue'], .mv-numbers dd").first.inner_text() == (
        "0.469"
    )
