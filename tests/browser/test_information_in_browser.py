"""The Information theory pictures in a real Chromium: areas, presets, the game's board and tree.

Each test opens a topic from a link, acts the way a learner would (a slider, a preset, the Ask
button) and checks what the page draws against scipy or the game's own rules.
"""

from __future__ import annotations

import math

import pytest
from scipy import stats

from mathviz.charts.theme import COLORS
from tests.browser.conftest import link, settle


def open_topic(page, server: str, query: str) -> None:
    page.goto(f"{server}/information_theory?{query}")
    settle(page)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] svg", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def metric(page, label: str) -> str:
    """The value shown under ``label`` in a row of key numbers (``frame.numbers``)."""
    name = page.locator(".mv-numbers dt", has_text=label).first
    return name.locator("xpath=following-sibling::dd[1]").inner_text().strip()


def chart(page, index: int):
    return page.locator("[data-testid='stVegaLiteChart']").nth(index)


def bar_widths(page, index: int) -> list[float]:
    """The drawn widths, in pixels, of the rect marks of a chart's first rect layer."""
    paths = chart(page, index).locator("svg g.mark-rect").first.locator("path")
    return paths.evaluate_all("nodes => nodes.map(n => n.getBBox().width)")


def test_the_coins_bars_are_as_wide_as_its_chances_and_follow_the_slider(page, server):
    open_topic(page, server, "topic=Entropy&ent_coin=0.5")
    # Charts in page order: the coin (its bars over H(p)), the distribution's bars.
    heads, tails = bar_widths(page, 0)
    assert heads == pytest.approx(tails, rel=0.02)
    slider = page.locator("[data-testid='stSlider']", has_text="P(heads)").first
    slider.get_by_role("slider").focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    settle(page)
    p = float(link(page)["ent_coin"])
    assert p == pytest.approx(0.8)
    assert metric(page, "H(coin)") == f"{stats.entropy([p, 1 - p], base=2):.4g}"
    heads, tails = bar_widths(page, 0)
    assert heads / (heads + tails) == pytest.approx(p, abs=0.01)
    # The picture opens at the slider's p: its H(p) readout says the page's H.
    drawn = chart(page, 0).locator("svg text").evaluate_all("els => els.map(e => e.textContent)")
    assert f"H = {stats.entropy([p, 1 - p], base=2):.3f} bits = area" in drawn
    # Heads and tails keep their colours, sky and orange.
    fills = chart(page, 0).locator("svg g.mark-rect").first.locator("path")
    colours = fills.evaluate_all("nodes => nodes.map(n => n.getAttribute('fill'))")
    assert colours == [COLORS["sky"], COLORS["orange"]]


def test_the_weight_boxes_of_p_and_q_each_fit_one_row_at_1280(page, server):
    open_topic(page, server, "topic=Cross-entropy+%26+KL")
    for key in ("ce_p", "ce_q"):
        boxes = page.locator(f".st-key-{key}_row input")
        assert boxes.count() == 4
        tops = boxes.evaluate_all("nodes => nodes.map(n => n.getBoundingClientRect().top)")
        assert max(tops) - min(tops) < 1, tops


def test_a_uniform_1024_is_a_block_of_1024_bars_of_area_ten(page, server):
    open_topic(page, server, "topic=Entropy&ent_n=1024")
    widths = bar_widths(page, 1)
    assert len(widths) == 1024
    assert metric(page, "H(X)") == "10"
    # The label and, under it, its white halo.
    label = chart(page, 1).get_by_text("H = 10 bits")
    assert label.count() == 2
    assert sorted(label.evaluate_all("nodes => nodes.map(n => n.getAttribute('fill'))")) == [
        "#1a1a1a",
        "white",
    ]


def test_confident_and_wrong_after_q_misses_one_leaves_no_stale_warning(page, server):
    open_topic(page, server, "topic=Cross-entropy+%26+KL")
    page.get_by_role("button", name="Q misses one", exact=True).click()
    settle(page)
    assert metric(page, "KL(P ‖ Q)") == "∞"
    assert page.locator("[data-testid='stAlert']", has_text="infinite").count() == 1
    page.get_by_role("button", name="Confident and wrong", exact=True).click()
    settle(page)
    assert page.locator("[data-testid='stAlert']").count() == 0
    p, q = [4 / 8, 2 / 8, 1 / 8, 1 / 8], [2 / 8, 3 / 8, 2 / 8, 1 / 8]
    assert metric(page, "KL(P ‖ Q)") == f"{stats.entropy(p, q, base=2):.4g}"
    assert link(page).get("ce_q4", "1") == "1"  # back to its default, which links leave out
    assert float(metric(page, "loss −ln q")) == pytest.approx(10.0, abs=0.01)


def test_each_answer_grows_the_tree_zooms_the_board_and_moves_k_to_the_middle(page, server):
    open_topic(page, server, "topic=Guessing+game")
    board, tree = 0, 1
    assert len(bar_widths(page, board)) == 1024
    box = page.get_by_role("spinbutton", name="Is it ≤ k?")
    low, high = 1, 1024
    for asked in range(1, 4):
        k = int(box.input_value())
        assert k == (low + high) // 2  # uniform: the probability's middle is the range's
        page.get_by_role("button", name="Ask", exact=True).click()
        settle(page)
        answer = page.get_by_text(f"“Is it ≤ {k}?” —").inner_text()
        low, high = (low, k) if answer.endswith("yes.") else (k + 1, high)
        assert metric(page, "questions so far") == str(asked)
        dots = chart(page, tree).locator("svg g.mark-symbol path").count()
        assert dots == 1 + 2 * asked  # the start and both answers to every question
        # The board shows what is left and a quarter of it on each side, no more.
        margin = max(2, (high - low + 1) // 4)
        shown = len(bar_widths(page, board))
        assert shown == min(1024, high + margin) - max(1, low - margin) + 1
    assert math.log2(high - low + 1) == 7  # three halvings of 1024 leave 128


def test_a_click_on_the_board_puts_that_number_in_the_question_box(page, server):
    open_topic(page, server, "topic=Guessing+game&game_n=16")
    box = page.get_by_role("spinbutton", name="Is it ≤ k?")
    assert box.input_value() == "8"
    bars = chart(page, 0).locator("svg g.mark-rect").first.locator("path")
    assert bars.count() == 16
    bars.nth(4).click()  # the fifth number, 5
    settle(page)
    page.wait_for_function(
        "document.querySelector('input[aria-label=\"Is it ≤ k?\"]').value === '5'",
        timeout=10_000,
    )
    page.get_by_role("button", name="Ask", exact=True).click()
    settle(page)
    answer = page.get_by_text("“Is it ≤ 5?” —").inner_text()
    assert metric(page, "questions so far") == "1"
    # A grey bar: ruled out by that answer, shown beside what is left (1…5 or 6…16).
    grey, low, high = (6, 1, 5) if answer.endswith("yes.") else (4, 6, 16)
    bars = chart(page, 0).locator("svg g.mark-rect").first.locator("path")
    first_shown = 1 if grey == 6 else 4
    bars.nth(grey - first_shown).click()
    settle(page)
    page.wait_for_function(
        f"document.querySelector('input[aria-label=\"Is it ≤ k?\"]').value === '{grey}'",
        timeout=10_000,
    )
    page.get_by_role("button", name="Ask", exact=True).click()
    settle(page)
    note = f"“Is it ≤ {grey}?” cannot split the numbers still possible ({low}…{high})"
    assert page.get_by_text(note).count() == 1
    assert metric(page, "questions so far") == "1"  # not counted


def test_certain_then_poisson_resets_the_coin_and_marks_the_bars_cut_at_the_axis(page, server):
    open_topic(page, server, "topic=Entropy")
    page.get_by_role("button", name="Certain", exact=True).click()
    settle(page)
    assert metric(page, "H(coin)") == "0"
    page.get_by_role("button", name="Poisson λ = 5", exact=True).click()
    settle(page)
    # No earlier preset lingers: the coin is back at 0.5, the weights are gone, N is whole.
    assert metric(page, "H(coin)") == "1"
    assert metric(page, "H(X)") == "3.18"
    shown = link(page)
    assert (shown.get("ent_n"), shown.get("ent_dist")) == ("30", "Poisson")
    assert "ent_coin" not in shown
    assert "ent_weights" not in shown
    # Seventeen bars rise above the axis: each carries a ▲ at the top, and the caption says so.
    triangles = chart(page, 1).locator("svg g.mark-symbol path[fill='#D55E00']")
    assert triangles.count() == 17
    assert page.get_by_text("▲ marks 17 bars taller than the axis").count() == 1
    assert chart(page, 1).get_by_text("pink dashes: Huffman code lengths").count() == 1


def test_blue_stops_at_the_shorter_length_and_the_legend_says_so(page, server):
    open_topic(page, server, "topic=Cross-entropy+%26+KL")
    code = chart(page, 0)
    assert code.get_by_text("shared: the shorter length").count() == 1
    # Bar B: p = 1/4 (P's own length 2 bits), q = 3/8 (Q's length 1.415 bits). Blue stops at
    # Q's length and the green part saved reaches up to P's: heights in the ratio 1.415 : 0.585.
    rects = code.locator("svg g.mark-rect").first.locator("path")
    boxes = rects.evaluate_all(
        "nodes => nodes.map(n => { const b = n.getBBox(); return [b.x, b.width, b.height]; })"
    )
    # Blue parts come first, in outcome order A, B, C, D; then red (A), then green (B, C).
    blue_b = boxes[1]
    green_b = [b for b in boxes[4:] if b[0] == pytest.approx(blue_b[0], abs=1)]
    assert len(green_b) == 1
    ratio = blue_b[2] / (blue_b[2] + green_b[0][2])
    assert ratio == pytest.approx(math.log2(8 / 3) / 2, abs=0.01)


def test_a_poisson_cut_almost_entirely_at_n_is_warned_about(page, server):
    open_topic(page, server, "game_dist=Poisson&game_lam=200&game_n=30")
    warning = page.locator("[data-testid='stAlert']", has_text="lies outside 1…30")
    assert warning.count() == 1
    assert "Over 99.99 % of this Poisson distribution" in warning.inner_text()
    assert page.get_by_text("cut at 30 (over 99.99 % of its mass lies outside)").count() == 1
