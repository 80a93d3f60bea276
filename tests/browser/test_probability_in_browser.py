"""The Probability pictures in a real Chromium: fixed frames, intervals, gaps and crowds.

Each test opens a topic from a link, moves one control the way a learner would, and checks
what the page shows against the core.
"""

from __future__ import annotations

import math

import pytest
from scipy import stats

from mathviz import probability as pr
from tests.browser.conftest import link, settle, start_server


def open_topic(page, server: str, query: str) -> None:
    page.goto(f"{server}/probability?{query}")
    settle(page)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] svg, canvas", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def metric(page, label: str) -> str:
    """The value shown under ``label`` in a row of key numbers (``frame.numbers``)."""
    name = page.locator(".mv-numbers dt", has_text=label).first
    return name.locator("xpath=following-sibling::dd[1]").inner_text().strip()


def axis_labels(page) -> list[str]:
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    texts = chart.locator("svg g.role-axis-label text")
    return texts.evaluate_all("nodes => nodes.map(n => n.textContent)")


def test_widening_sigma_keeps_the_axes_and_updates_the_interval(page, server):
    open_topic(page, server, "topic=Distributions&dist_sigma=1")
    before = axis_labels(page)
    assert "−6" in before
    assert "6" in before
    assert metric(page, "exact") == f"{100 * (stats.norm.cdf(1) - stats.norm.cdf(-1)):.4g} %"
    slider = page.locator("[data-testid='stSlider']", has_text="Standard deviation").first
    slider.get_by_role("slider").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    settle(page)
    sigma = float(link(page)["dist_sigma"])
    assert math.isclose(sigma, 2.0)
    expected = stats.norm(0, sigma).cdf(1) - stats.norm(0, sigma).cdf(-1)
    assert metric(page, "exact") == f"{100 * expected:.4g} %"
    assert axis_labels(page) == before


def test_one_flip_draws_a_dot_and_many_flips_draw_the_gap_on_log_axes(page):
    # A chart's renderer (SVG, or canvas from 1,500 rows) is chosen when its shape is first
    # drawn on a server; a server of its own makes that this test's small runs: SVG, readable.
    process, server = start_server()
    try:
        open_topic(page, server, "topic=Coin+flips&coin_n=1&coin_runs=1")
        first = page.locator("[data-testid='stVegaLiteChart']").first
        dots = first.locator("svg g.mark-symbol path")
        dots.first.wait_for(timeout=30_000)  # Vega draws after the page settles
        assert dots.count() >= 1
        assert page.get_by_text("How far from p?").count() == 0

        # one run of a thousand: few enough rows that the chart is SVG, whose text can be read
        open_topic(page, server, "topic=Coin+flips&coin_n=1k&coin_runs=1")
        gap = page.locator("[data-testid='stVegaLiteChart']").nth(1)
        gap.locator("svg g.role-axis-label text").first.wait_for(timeout=30_000)
        labels = gap.locator("svg g.role-axis-label text").evaluate_all(
            "nodes => nodes.map(n => n.textContent)"
        )
        # log–log: the flips run over decades, the gap down from 1 through powers of ten
        assert {"1", "10", "100", "1k"} <= set(labels)
        assert {"0.1", "0.01", "0.001"} <= set(labels)
        words = gap.locator("svg text").evaluate_all("nodes => nodes.map(n => n.textContent)")
        assert "σ/√n: slope −½" in words
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_dragging_the_log_prior_grows_the_crowd_and_keeps_it_true(page, server):
    open_topic(page, server, "topic=Bayes")
    slider = page.locator("[data-testid='stSlider']", has_text="Prior").first
    slider.get_by_role("slider").focus()
    for _ in range(6):  # 0.01 → 0.007 → 0.005 → 0.003 → 0.002 → 0.0015 → 0.001
        page.keyboard.press("ArrowLeft")
    settle(page)
    assert link(page)["bay_prior"] == "0.001"
    crowd = pr.crowd_path(0.001, 0.9, 0.05, [True])
    assert crowd.population == 10_000
    has_it, left = crowd.has_it[-1], crowd.has_it[-1] + crowd.healthy[-1]
    assert metric(page, "from the crowd") == f"{has_it:,} of {left:,}"
    assert page.get_by_text("10,000 people.").count() == 1
    posterior = pr.bayes_posterior(0.001, 0.9, 0.05)
    assert has_it / left == pytest.approx(posterior, rel=0.1)


def test_sliding_the_candidate_scores_it_and_moving_to_the_estimate_tops_the_curve(page, server):
    open_topic(page, server, "topic=Maximum+likelihood&mle_n=20")
    xs = pr.hidden_sample("bernoulli", 20, seed=1)
    slider = page.locator("[data-testid='stSlider']", has_text="Candidate p").first
    slider.get_by_role("slider").focus()
    for _ in range(10):  # 0.5 → 0.4
        page.keyboard.press("ArrowLeft")
    settle(page)
    assert math.isclose(float(link(page)["mle_p"]), 0.4)
    expected = stats.bernoulli(0.4).logpmf(xs).sum()
    shown = float(metric(page, "log L at the candidate").replace("−", "-"))
    assert shown == pytest.approx(expected, rel=1e-5)
    page.get_by_role("button", name="Move to the estimate").click()
    settle(page)
    assert math.isclose(float(link(page)["mle_p"]), round(xs.mean(), 2))
    assert metric(page, "log L at the candidate") == metric(page, "log L at the estimate")


def test_rolling_once_adds_a_round_to_the_link_and_draws_the_average(page, server):
    open_topic(page, server, "topic=Expected+value")
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 2
    page.get_by_role("button", name="Roll once").click()
    settle(page)
    page.get_by_role("button", name="Roll 10").click()
    settle(page)
    assert link(page)["ev_rolls"] == "11"
    page.wait_for_function(
        "document.querySelectorAll(\"[data-testid='stVegaLiteChart']\").length === 3"
    )
    assert page.get_by_text("Round 11:").count() == 1


BOXES = """nodes => nodes.filter(n => n.textContent).map(n => {
    const b = n.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom, n.textContent];
})"""


def overlapping(boxes: list) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes cross (a pixel of slack)."""
    found = []
    for i, (l1, t1, r1, b1, s1) in enumerate(boxes):
        for l2, t2, r2, b2, s2 in boxes[i + 1 :]:
            if l1 < r2 - 1 and l2 < r1 - 1 and t1 < b2 - 1 and t2 < b1 - 1:
                found.append((s1, s2))
    return found


@pytest.mark.parametrize("width", [1280, 390])
def test_eight_positive_tests_keep_one_crowd_and_labels_that_never_collide(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_topic(page, server, "topic=Bayes&bay_tests=ppnppppp")
        crowd = pr.crowd_path(0.01, 0.9, 0.05, [r == "p" for r in "ppnppppp"], largest=10**6)
        assert page.get_by_text(f"{crowd.population:,} people").count() == 1
        assert metric(page, "after 8 results") == "> 99.99 %"
        belief = page.locator("[data-testid='stVegaLiteChart']").last
        belief.locator("svg g.role-axis-label text").first.wait_for(timeout=30_000)
        ticks = belief.locator("svg g.role-axis-label text").evaluate_all(
            "nodes => nodes.map(n => n.textContent)"
        )
        # a log-odds axis: small beliefs get their own decades; the limits say the rest
        assert {"< 0.01 %", "0.1 %", "1 %", "50 %", "99.9 %", "> 99.99 %"} <= set(ticks)
        assert not {"0.01 %", "99.99 %"} & set(ticks)  # they would overprint the limits
        labels = belief.locator("svg g.mark-text.role-mark text").evaluate_all(BOXES)
        assert len(labels) == 9
        assert not overlapping(labels)
        page.get_by_role("button", name="Start over").click()
        settle(page)
        assert "bay_tests" not in link(page)
        assert metric(page, "P(condition | +)") == "15.4 %"
    finally:
        context.close()


def test_the_bell_preset_draws_its_mu_curve_and_a_far_candidate_is_a_triangle(page, server):
    open_topic(page, server, "topic=Maximum+likelihood")
    page.get_by_role("button", name="Bell", exact=True).click()
    settle(page)
    assert link(page)["mle_f"] == "Normal"
    curve = page.locator("[data-testid='stVegaLiteChart']").first
    line = curve.locator("svg g.mark-line path").first
    line.wait_for(timeout=30_000)
    # σ = 1 is far from σ̂ ≈ 1.7, yet the curve over μ (σ at its best) is drawn
    assert len(line.get_attribute("d") or "") > 200
    assert page.get_by_text("with σ at its best for each μ").count() == 1
    triangle = curve.locator("svg g.mark-symbol path").last
    assert triangle.get_attribute("d")  # the candidate, 44 below the peak, at the floor
    shown = metric(page, "log L at the candidate")
    assert shown.startswith("−")


def test_dragging_the_candidate_along_the_log_likelihood_curve_moves_it_on_release(page, server):
    open_topic(page, server, "topic=Maximum+likelihood&mle_f=Poisson&mle_n=50")  # λ = 3
    assert link(page).get("mle_lam") is None
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    ticks = chart.locator("svg g.role-axis-label text")
    x_of = {
        t.text_content(): t.bounding_box()["x"] + t.bounding_box()["width"] / 2 for t in ticks.all()
    }
    top = chart.locator("svg g.role-axis-label text", has_text="0").last.bounding_box()["y"]
    # Press near the curve at λ = 5, drag along the top towards λ = 6 and hold.
    page.mouse.move(x_of["5"], top + 10)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x_of["5"] + (x_of["6"] - x_of["5"]) * k / 10, top + 10)
        page.wait_for_timeout(20)
    held = chart.locator("svg text", has_text="log L − max = ")
    assert held.count() == 1  # the preview rides the curve, drawn in the browser
    assert link(page).get("mle_lam") is None  # nothing sent yet
    page.mouse.up()
    page.wait_for_function("new URL(location.href).searchParams.has('mle_lam')", timeout=30_000)
    settle(page)
    moved = float(link(page)["mle_lam"])
    assert 5.6 <= moved <= 6.4, moved  # the curve point under the pointer, near its top
    xs = pr.hidden_sample("poisson", 50, seed=1)
    expected = stats.poisson(moved).logpmf(xs).sum()
    assert float(metric(page, "log L at the candidate").replace("−", "-")) == pytest.approx(
        expected, abs=5e-3
    )
