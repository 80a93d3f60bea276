"""The 3-D views in a real Chromium: drawn with WebGL from Streamlit's own plotly.js, following
the point as its slider moves, taller on a projector, and fetching nothing from elsewhere.

The figure's traces are read back from the plot element (``gd._fullData``), so the tests compare
what is drawn with closed forms (x² + y² and its tangent plane) without reading pixels.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import IDLE, link, settle

PLOT = ".js-plotly-plot"


@pytest.fixture
def tab(browser) -> Iterator:
    # The session's browser draws WebGL in software (``conftest.WEBGL_ARGS``).
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
    page.wait_for_selector(f"{PLOT} canvas", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    return outside


def trace(page, name: str) -> dict:
    """A trace of the 3-D figure as drawn: its type and its coordinates as lists."""
    return page.evaluate(
        """name => {
            const plot = document.querySelector('.js-plotly-plot');
            const t = plot._fullData.find(d => d.name === name);
            const flat = v => Array.from(v, r => (r && r.length >= 0 ? Array.from(r) : r));
            return {type: t.type, x: flat(t.x), y: flat(t.y), z: flat(t.z)};
        }""",
        name,
    )


def test_the_gradient_surface_is_drawn_in_webgl_with_nothing_fetched_from_elsewhere(tab, server):
    outside = open_topic(tab, server, "topic=Gradient&grad_f=round+bowl&grad_x=1.5&grad_y=1")
    webgl = tab.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot canvas'))
            .some(c => c.getContext('webgl') || c.getContext('webgl2'))"""
    )
    assert webgl
    assert tab.evaluate("Boolean(document.querySelector('.js-plotly-plot')._fullLayout.scene)")
    surface = trace(tab, "f")
    assert surface["type"] == "surface"
    assert len(surface["z"]) == 61
    point = trace(tab, "point")
    assert (point["x"], point["y"], point["z"]) == ([1.5], [1.0], [3.25])
    # plotly.js comes with Streamlit: nothing is fetched from elsewhere. (The page's tab icon,
    # a Material symbol set by the page itself, is not part of the view.)
    icon = "fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"
    assert [url for url, _ in outside if icon not in url] == []


def test_moving_the_point_slider_moves_the_point_and_its_tangent_plane(tab, server):
    open_topic(tab, server, "topic=Gradient&grad_f=round+bowl&grad_x=1.5&grad_y=1")
    sliders = tab.locator("[data-testid='stSlider']").filter(has_text="Point x")
    thumb = sliders.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    tab.wait_for_function("new URL(location.href).searchParams.get('grad_x') === '1.55'")
    tab.wait_for_selector(IDLE)
    tab.wait_for_function(
        "document.querySelector('.js-plotly-plot')._fullData"
        ".find(d => d.name === 'point').x[0] === 1.55"
    )
    point = trace(tab, "point")
    assert point["x"] == [1.55]
    assert point["z"][0] == pytest.approx(1.55**2 + 1)
    plane = trace(tab, "tangent plane")
    # the plane's middle row (y = 1) rises at ∂f/∂x = 2 · 1.55 through the point
    middle = plane["z"][len(plane["y"]) // 2]
    xs = plane["x"]
    slope = (middle[-1] - middle[0]) / (xs[-1] - xs[0])
    assert slope == pytest.approx(3.1)
    assert link(tab)["grad_x"] == "1.55"


def test_the_hessian_view_is_taller_on_a_projector(tab, server):
    open_topic(tab, server, "topic=Hessian&hes_f=saddle")
    normal = tab.evaluate("document.querySelector('.js-plotly-plot')._fullLayout.height")
    open_topic(tab, server, "topic=Hessian&hes_f=saddle&projector=true")
    tall = tab.evaluate("document.querySelector('.js-plotly-plot')._fullLayout.height")
    assert normal >= 420
    assert tall > 1.4 * normal
    names = tab.evaluate("document.querySelector('.js-plotly-plot')._fullData.map(d => d.name)")
    assert "quadratic model" in names
    assert "axis 1: λ₁ = −2" in names
