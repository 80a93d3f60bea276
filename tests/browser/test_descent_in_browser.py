"""Gradient descent played in a real Chromium: the step slider and the play button.

The map binds a Vega-Lite parameter to a range input; the player (the stage component in
driving mode) moves that input. Every frame is the chart's own redraw in the browser: the
script must not run while the balls move.
"""

from __future__ import annotations

import pytest

from mathviz.charts.multivariable import STEP
from tests.browser.conftest import settle

SLIDER = f'input[type="range"][name="{STEP}"]'
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def open_descent(page, server: str, query: str) -> None:
    page.goto(f"{server}/multivariable_calculus?topic=Gradient+descent{query}")
    settle(page)
    page.wait_for_selector(SLIDER, timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def step_shown(page) -> int:
    return int(page.locator(SLIDER).input_value())


def map_picture(page) -> bytes:
    return page.locator("[data-testid='stVegaLiteChart']").first.screenshot()


def test_the_step_slider_spans_the_run_and_starts_at_its_end(page, server):
    open_descent(page, server, "&dsc_k=80&dsc_lr=0.09")
    slider = page.locator(SLIDER)
    assert slider.get_attribute("min") == "0"
    assert slider.get_attribute("max") == "80"
    assert step_shown(page) == 80


def test_play_walks_the_balls_from_the_start_with_no_server_rerun(page, server):
    open_descent(page, server, "&dsc_k=120&dsc_lr=0.09")
    end = map_picture(page)
    page.get_by_role("button", name="▶ Play").click()
    seen, reruns = [], 0
    for _ in range(12):
        page.wait_for_timeout(250)
        seen.append(step_shown(page))
        reruns += page.locator(RUNNING).count()
    assert map_picture(page) != end  # mid-way, the balls are elsewhere
    assert reruns == 0
    assert seen[0] < 120  # it restarted from step 0
    assert seen == sorted(seen)  # and only moved on
    assert len(set(seen)) >= 4
    page.wait_for_function(f"document.querySelector('{SLIDER}').value === '120'", timeout=20_000)
    assert page.get_by_role("button", name="▶ Play").count() == 1  # it stopped at the end


def test_step_buttons_move_one_step_and_redraw_the_map(page, server):
    open_descent(page, server, "&dsc_k=60")
    before = map_picture(page)
    page.get_by_role("button", name="◀ step").click()
    page.get_by_role("button", name="◀ step").click()
    assert step_shown(page) == 58
    page.wait_for_timeout(300)
    assert map_picture(page) != before
    page.get_by_role("button", name="step ▶").click()
    assert step_shown(page) == 59
    assert page.locator(RUNNING).count() == 0


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_starts_on_the_first_screen(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_descent(page, server, "")
    box = page.locator("[data-testid='stVegaLiteChart']").first.bounding_box()
    if width == 1280:
        assert box["y"] < 800 - 200  # at least 200 px of the map above the fold
    assert box["height"] >= 350


def test_picking_a_method_in_the_legend_redraws_the_map_without_a_rerun(page, server):
    open_descent(page, server, "&dsc_k=100")
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    before = map_picture(page)
    box = chart.bounding_box()
    # The legend sits at the map's top right; its first entry is plain.
    legend_x = box["x"] + box["width"] - 102
    for dy in range(60, 90, 4):  # find the entry's row without knowing the exact layout
        page.mouse.click(legend_x, box["y"] + dy)
        page.wait_for_timeout(200)
        if map_picture(page) != before:
            break
    assert map_picture(page) != before
    assert page.locator(RUNNING).count() == 0
    assert step_shown(page) == 100


@pytest.mark.parametrize("projector", [False, True])
def test_jacobian_draws_both_grids_and_cuts_no_matrix(page, server, projector):
    query = "&projector=true" if projector else ""
    page.goto(f"{server}/multivariable_calculus?topic=Jacobian{query}")
    settle(page)
    # A cold server may report the run done a moment before the charts are mounted.
    page.wait_for_function(
        "document.querySelectorAll(\"[data-testid='stVegaLiteChart']\").length >= 2",
        timeout=30_000,
    )
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 2
    main = page.locator("[data-testid='stMain'] [data-testid='stMainBlockContainer']").first
    right = main.bounding_box()["x"] + main.bounding_box()["width"]
    formulas = page.locator(".katex-display")
    for k in range(formulas.count()):
        shown = formulas.nth(k).locator(".katex-html").bounding_box()
        if shown is not None:
            assert shown["x"] + shown["width"] <= right + 1, k
    main_chart = page.locator("[data-testid='stVegaLiteChart']").first.bounding_box()
    assert main_chart["height"] >= 350


def test_jacobian_bend_plays_from_the_flat_grid_to_the_layer_image(page, server):
    page.goto(f"{server}/multivariable_calculus?topic=Jacobian")
    settle(page)
    bend = page.locator('input[type="range"][name="jac_bend"]')
    assert bend.input_value() == "100"
    image = page.locator("[data-testid='stVegaLiteChart']").nth(1)  # after the input plane
    bent = image.screenshot()
    bend.fill("0")
    page.wait_for_timeout(300)
    assert image.screenshot() != bent
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(800)
    assert 0 < int(bend.input_value()) <= 100
    page.wait_for_function(
        "document.querySelector('input[name=\"jac_bend\"]').value === '100'", timeout=10_000
    )
    assert page.locator(RUNNING).count() == 0


def test_jacobian_input_plane_is_readable_beside_its_image(page, server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{server}/multivariable_calculus?topic=Jacobian")
    settle(page)
    source, image = (
        page.locator("[data-testid='stVegaLiteChart']").nth(i).bounding_box() for i in (0, 1)
    )
    assert source["width"] >= 260
    assert source["height"] >= 260
    assert abs(source["y"] - image["y"]) < 5  # side by side, tops level
    assert source["x"] + source["width"] <= image["x"]


def test_switching_the_surface_opens_a_visible_race_and_the_link_follows(page, server):
    open_descent(page, server, "")
    page.locator("[data-testid='stSelectbox']").filter(has_text="Surface").click()
    page.get_by_role("option", name="Rosenbrock").click()
    settle(page)
    page.wait_for_function("location.search.includes('dsc_f=Rosenbrock')", timeout=10_000)
    assert "dsc_x=-1.5" in page.url
    assert "dsc_y=2" in page.url
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "leaves the map at step 0" not in body
    assert "opens at its own start, η and steps" in body


def test_eigen_direction_and_rate_charts_are_tall_enough_to_read(page, server):
    open_descent(page, server, "&dsc_lr=0.105")
    charts = page.locator("[data-testid='stVegaLiteChart']")
    heights = [charts.nth(i).bounding_box()["height"] for i in (1, 2)]
    assert min(heights) >= 340  # a plot of about 250 px under one key
