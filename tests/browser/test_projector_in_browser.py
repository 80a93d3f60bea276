"""Projector mode in Chromium: the sidebar folds away, charts get the width, navigation keeps it."""

from tests.browser.conftest import settle, shoot

CHART = "[data-testid='stVegaLiteChart']"


def sidebar_width(page) -> float:
    return page.evaluate(
        "document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right"
    )


def title_size(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")


def test_on_a_projector_the_sidebar_folds_and_the_main_chart_spans_most_of_the_screen(server, page):
    page.goto(f"{server}/calculus?topic=Derivative&projector=true")
    settle(page)
    page.wait_for_selector(f"{CHART} svg, {CHART} canvas", timeout=30_000)
    assert sidebar_width(page) <= 0
    widths = page.eval_on_selector_all(
        CHART, "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert max(widths) >= 0.6 * 1280
    heights = page.eval_on_selector_all(
        CHART, "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert max(heights) >= 400  # taller than on a laptop, not smaller
    assert title_size(page) == "46px"
    shoot(page, "projector-derivative-wide")


def test_normal_mode_keeps_the_sidebar(server, page):
    page.goto(f"{server}/calculus?topic=Derivative")
    settle(page)
    assert sidebar_width(page) > 200
    assert title_size(page) != "46px"


def test_projector_mode_survives_a_topic_link_from_the_home_page(server, page):
    page.goto(f"{server}/?projector=true")
    settle(page)
    page.get_by_role("link", name="Chain rule").first.click()
    page.wait_for_url("**/calculus**", timeout=30_000)
    settle(page)
    assert "topic=Chain+rule" in page.url
    assert title_size(page) == "46px"  # the page opened in projector mode
    assert sidebar_width(page) <= 0
    assert "projector=true" in page.url  # and a link copied now says so


def test_projector_mode_survives_a_sidebar_link_in_the_page_and_in_its_link(server, page):
    page.goto(f"{server}/linear_algebra?topic=Eigen&projector=true")
    settle(page)
    page.locator("[data-testid='stExpandSidebarButton']").click()
    page.get_by_role("link", name="Calculus", exact=True).click()
    page.wait_for_url("**/calculus**", timeout=30_000)
    settle(page)
    assert title_size(page) == "46px"
    assert "projector=true" in page.url
    page.get_by_role("tab", name="Integral").click()
    settle(page)
    assert "projector=true" in page.url
    assert "topic=Integral" in page.url
