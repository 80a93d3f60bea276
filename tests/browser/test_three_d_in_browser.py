"""The 3-D views in a real Chromium: painted on a canvas by the solid component, turned by the
mouse and the keyboard without the server, following the point as its slider moves, taller on
a projector, and fetching nothing from elsewhere.

What is painted is read back from the component (``root.solid``: the scene, the camera, the
frames painted) and from the canvas's pixels.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import IDLE, link, settle

SOLID = ".solid"


@pytest.fixture
def tab(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def open_topic(page, server: str, query: str) -> list[tuple[str, str]]:
    """Open the page; return every request that left the app's own server (url, type)."""
    outside: list[tuple[str, str]] = []
    page.on(
        "request",
        lambda r: (
            outside.append((r.url, r.resource_type))
            if not r.url.startswith((server, "data:", "blob:"))
            else None
        ),
    )
    page.goto(f"{server}/multivariable_calculus?{query}")
    settle(page)
    page.wait_for_selector(f"{SOLID} canvas", timeout=30_000)
    page.locator(SOLID).scroll_into_view_if_needed()
    assert page.locator("[data-testid='stException']").count() == 0
    return outside


def state(page) -> dict:
    """The camera, the frames painted so far and the scene's point and height."""
    return page.locator(SOLID).evaluate(
        """root => ({
            azimuth: root.solid.view.azimuth,
            elevation: root.solid.view.elevation,
            painted: root.solid.painted,
            point: root.solid.data.points[0].at,
            height: root.solid.data.height,
            canvasHeight: root.solid.canvas.clientHeight,
            names: root.solid.data.lines.map(l => l.name),
        })"""
    )


def coloured_share(page) -> float:
    """The share of the canvas's pixels that are neither white nor a wall's pale grey."""
    return page.locator(f"{SOLID} canvas").evaluate(
        """canvas => {
            const {data} = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            let coloured = 0;
            for (let i = 0; i < data.length; i += 4) {
                const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
                if (data[i + 3] > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
            }
            return coloured / (data.length / 4);
        }"""
    )


def test_the_gradient_surface_is_painted_with_nothing_fetched_from_elsewhere(tab, server):
    outside = open_topic(tab, server, "topic=Gradient&grad_f=round+bowl&grad_x=1.5&grad_y=1")
    now = state(tab)
    assert now["point"] == [1.5, 1.0, 3.25]
    assert now["painted"] >= 1
    assert now["names"][:4] == ["contours", "slices", "plane's edge", "tangent lines"]
    # The banded surface covers a tenth of the wide canvas or more: blue to teal, not white or grey.
    assert coloured_share(tab) > 0.1
    assert [url for url, _ in outside] == []


def test_dragging_turns_the_view_in_the_browser_without_a_rerun(tab, server):
    open_topic(tab, server, "topic=Gradient")
    sent: list[str] = []
    tab.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append("sent")))
    before = state(tab)
    box = tab.locator(f"{SOLID} canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tab.mouse.move(x, y)
    tab.mouse.down()
    for step in range(1, 11):
        tab.mouse.move(x - 10 * step, y + 4 * step)
    tab.mouse.up()
    tab.wait_for_timeout(200)
    after = state(tab)
    # 100 px to the left turns the box by 0.45° per px; 40 px down tilts it by 0.35° per px
    assert after["azimuth"] == pytest.approx(before["azimuth"] + 45)
    assert after["elevation"] == pytest.approx(before["elevation"] + 14)
    assert after["painted"] > before["painted"] + 3  # frames painted during the drag
    assert sent == []  # not one message to the server
    assert tab.locator(IDLE).count() == 1

    # The keyboard turns it too, and Home goes back to the starting camera.
    tab.locator(f"{SOLID} canvas").focus()
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_timeout(100)
    assert state(tab)["azimuth"] == pytest.approx(after["azimuth"] + 10)
    tab.keyboard.press("Home")
    tab.wait_for_timeout(100)
    assert state(tab)["azimuth"] == pytest.approx(before["azimuth"])


def test_moving_the_point_slider_moves_the_point_and_keeps_the_learners_camera(tab, server):
    open_topic(tab, server, "topic=Gradient&grad_f=round+bowl&grad_x=1.5&grad_y=1")
    tab.locator(f"{SOLID} canvas").focus()
    tab.keyboard.press("ArrowRight")  # the learner turns the view first
    turned = state(tab)["azimuth"]
    sliders = tab.locator("[data-testid='stSlider']").filter(has_text="Point x")
    thumb = sliders.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    tab.wait_for_function("new URL(location.href).searchParams.get('grad_x') === '1.55'")
    tab.wait_for_selector(IDLE)
    tab.locator(SOLID).evaluate(
        "root => new Promise(r => { const t = () => root.solid.data.points[0].at[0] === 1.55"
        " ? r() : setTimeout(t, 50); t(); })"
    )
    now = state(tab)
    assert now["point"][0] == 1.55
    assert now["point"][2] == pytest.approx(1.55**2 + 1)
    assert now["azimuth"] == pytest.approx(turned)
    assert link(tab)["grad_x"] == "1.55"


def test_the_hessian_view_is_taller_on_a_projector(tab, server):
    open_topic(tab, server, "topic=Hessian&hes_f=saddle")
    normal = state(tab)
    open_topic(tab, server, "topic=Hessian&hes_f=saddle&projector=true")
    tall = state(tab)
    assert normal["height"] >= 420
    assert tall["height"] > 1.4 * normal["height"]
    assert tall["canvasHeight"] > 1.2 * normal["canvasHeight"]
    assert "quadratic model" in tall["names"]
    assert "axis 1: λ₁ = −2" in tall["names"]
