"""The stage in a real Chromium: drag a handle with the mouse, play and scrub a morph.

What the stage draws carries its coordinates in the plane (``data-to`` on an arrow,
``data-at`` on a dot, ``data-x``/``data-y`` on a handle), so these tests compare the drawing
with the core, the number boxes and the link without converting pixels.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from playwright.sync_api import expect

from mathviz import linear_algebra as la
from tests.browser.conftest import link, settle

STAGE = ".stage"


def open_topic(page, server: str, topic: str, query: str = "") -> None:
    page.goto(f"{server}/linear_algebra?topic={topic}{query}")
    settle(page)
    page.wait_for_selector(f"{STAGE} svg.plane", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def handle_at(page, name: str, index: int = 0) -> np.ndarray:
    node = page.locator(f"{STAGE} .handle[data-name='{name}']").nth(index)
    return np.array([float(node.get_attribute("data-x")), float(node.get_attribute("data-y"))])


def drag(page, name: str, dx: float, dy: float, index: int = 0, *, release: bool = True) -> None:
    """Press on a handle's knob, move the mouse by (dx, dy) pixels in steps, and let go
    (or, with ``release=False``, keep holding it)."""
    knob = page.locator(f"{STAGE} .handle[data-name='{name}'] .knob").nth(index)
    knob.scroll_into_view_if_needed()
    box = knob.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 13):
        page.mouse.move(x + dx * k / 12, y + dy * k / 12)
        page.wait_for_timeout(15)
    if release:
        page.mouse.up()


def wait_for_key(page, key: str) -> None:
    page.wait_for_function(f"new URL(location.href).searchParams.has('{key}')", timeout=30_000)
    settle(page)


def arrow_tip(page, role: str, index: int = 0, stage: int = 0) -> np.ndarray:
    """Where the ``index``-th arrow of a role ends, as drawn."""
    node = page.locator(STAGE).nth(stage).locator(f"g.arrow[data-role='{role}']").nth(index)
    return np.array([float(x) for x in node.get_attribute("data-to").split(",")])


def metric_value(page, label: str) -> str:
    for name in page.locator(".mv-numbers dt").all():  # a row of key numbers
        if name.inner_text().strip() == label:
            return name.locator("xpath=following-sibling::dd[1]").inner_text().strip()
    raise AssertionError(f"no key number labelled {label!r}")


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def box_value(page, label: str) -> float:
    return float(page.get_by_label(label, exact=True).input_value())


# ---------------------------------------------------------------- dragging


def test_dragging_u_in_vectors_moves_the_boxes_the_link_and_the_combination(server, page):
    open_topic(page, server, "Vectors")
    np.testing.assert_allclose(handle_at(page, "u"), [2.0, 1.0])
    drag(page, "u", 70, -45)
    wait_for_key(page, "vec_u1")
    u = handle_at(page, "u")
    assert not np.allclose(u, [2.0, 1.0])
    assert u[0] > 2  # right and up, as the mouse went
    assert u[1] > 1
    params = link(page)
    assert (float(params["vec_u1"]), float(params["vec_u2"])) == pytest.approx(tuple(u))
    assert (box_value(page, "u₁"), box_value(page, "u₂")) == pytest.approx(tuple(u))
    # a = b = 1: the green arrow ends at u + v, drawn and in the metric.
    v = np.array([0.5, 1.5])
    np.testing.assert_allclose(arrow_tip(page, "w"), u + v, atol=1e-4)
    shown = [number(x) for x in metric_value(page, "a·u + b·v").strip("()").split(", ")]
    np.testing.assert_allclose(shown, u + v, rtol=5e-3)
    assert number(metric_value(page, "det [u v]")) == pytest.approx(
        la.determinant([u, v]), rel=5e-4
    )


def test_a_handle_moves_with_the_arrow_keys_too(server, page):
    open_topic(page, server, "Vectors")
    page.locator(f"{STAGE} .handle[data-name='v']").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for_key(page, "vec_v1")
    assert float(link(page)["vec_v1"]) == pytest.approx(0.6)
    assert box_value(page, "v₁") == pytest.approx(0.6)


def test_dragging_v_in_basis_gives_the_coordinates_the_core_solves_for(server, page):
    open_topic(page, server, "Basis")
    drag(page, "v", -80, 50)
    wait_for_key(page, "basis_v1")
    v = handle_at(page, "v")
    basis = np.column_stack([[1.5, 0.5], [-0.5, 1.0]])
    c = la.coordinates(v, basis)
    shown = [number(x) for x in metric_value(page, "coordinates (c₁, c₂)").strip("()").split(", ")]
    np.testing.assert_allclose(shown, c, rtol=5e-3, atol=1e-9)
    # The dashed path c₁·b₁ then c₂·b₂ ends at v, and its first leg is c₁·b₁.
    np.testing.assert_allclose(arrow_tip(page, "u", 0), c[0] * basis[:, 0], atol=1e-3)
    np.testing.assert_allclose(arrow_tip(page, "v", 0), v, atol=1e-3)


def test_dragging_ae1_sets_the_first_column_of_a_and_the_determinant(server, page):
    open_topic(page, server, "Transformations")
    drag(page, "ae1", 60, -60)
    wait_for_key(page, "tr_a11")
    column = handle_at(page, "ae1")
    params = link(page)
    assert (float(params["tr_a11"]), float(params["tr_a21"])) == pytest.approx(tuple(column))
    A = np.array([[column[0], 0.5], [column[1], 1.0]])
    assert number(metric_value(page, "det A")) == pytest.approx(la.determinant(A), rel=5e-4)
    np.testing.assert_allclose(arrow_tip(page, "u"), A @ [1, 0], atol=1e-4)  # at t = 1


def test_turning_v_in_eigen_sets_the_start_and_draws_av(server, page):
    open_topic(page, server, "Eigen")
    drag(page, "v", 110, 70)
    page.wait_for_function(
        "new URL(location.href).searchParams.get('eig_start') !== null", timeout=30_000
    )
    settle(page)
    degrees = float(link(page)["eig_start"])
    v = la.direction(math.radians(degrees))
    np.testing.assert_allclose(handle_at(page, "v"), v, atol=1e-6)
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(arrow_tip(page, "after"), A @ v, atol=1e-4)


def test_turning_w_in_pca_shows_the_variance_the_core_computes(server, page):
    open_topic(page, server, "SVD+%26+PCA")
    drag(page, "w", -40, -160)
    wait_for_key(page, "pca_w")
    theta = float(link(page)["pca_w"])
    xs = la.correlated_cloud(200, correlation=0.8, noise=0.2, seed=0)
    spread = la.axis_spread(xs, math.radians(theta))
    assert number(metric_value(page, "variance along w")) == pytest.approx(spread.along, rel=5e-4)
    readout = page.locator(f"{STAGE} .readout-value").last.inner_text()
    # The live number beside the picture reads exactly as the metric does: four digits.
    assert readout == f"variance along w = {metric_value(page, 'variance along w')}"
    assert readout == f"variance along w = {float(f'{spread.along:.4g}'):g}"


# ---------------------------------------------------------------- playing and scrubbing


def scrub(page, t: float, stage: int = 0) -> None:
    page.locator(STAGE).nth(stage).locator("input.scrub").evaluate(
        "(el, value) => { el.value = value; el.dispatchEvent(new Event('input')); }",
        round(1000 * t),
    )


def play_to_the_end(page, root) -> float:
    """Press Play on a stage at rest; check it starts over, wait for its end: frames a second."""
    root.locator("button.play").click()
    started = time.monotonic()
    page.wait_for_timeout(200)
    assert float(root.get_attribute("data-t")) < 0.5  # it started over
    while root.get_attribute("data-t") != "1.000":
        assert time.monotonic() - started < 20, "the play did not finish"
        page.wait_for_timeout(40)
    rate = int(root.get_attribute("data-frames")) / (time.monotonic() - started)
    # data-t shows 3 decimals: the play is over (at exactly t = 1) when Play is offered again.
    expect(root.locator("button.play")).to_have_text("▶ Play", timeout=5_000)
    return rate


def test_the_morph_plays_smoothly_and_a_scrubbed_frame_is_the_cores(server, page):
    open_topic(page, server, "Transformations")
    root = page.locator(STAGE).first
    root.scroll_into_view_if_needed()
    assert root.get_attribute("data-t") == "1.000"
    assert play_to_the_end(page, root) >= 20  # frames a second, from I again
    A = np.array([[1.5, 0.5], [0.25, 1.0]])
    for t in (0.25, 0.5, 0.8):
        scrub(page, t)
        assert root.get_attribute("data-t") == f"{t:.3f}"
        M = la.morph(A, t)
        np.testing.assert_allclose(arrow_tip(page, "u"), M @ [1, 0], atol=1e-4)
        np.testing.assert_allclose(arrow_tip(page, "v"), M @ [0, 1], atol=1e-4)
        # The readouts name the map drawn right now and its determinant.
        shown, det = root.locator(".readout-value").all_inner_texts()
        entries = [float(e.replace("−", "-")) for e in shown[5:-1].replace(";", "").split()]
        assert shown.startswith("M = [")
        np.testing.assert_allclose(entries, M.ravel(), rtol=1e-3)
        assert float(det.removeprefix("det M = ").replace("−", "-")) == pytest.approx(
            la.determinant(M), rel=1e-3
        )
    scrub(page, 1.0)
    assert root.locator(".readout-value").all_inner_texts() == [
        "A = [1.5 0.5; 0.25 1]",
        "det A = 1.375",
    ]


def test_a_preset_after_a_scrub_shows_the_new_map_at_rest_and_the_plane_never_jumps(server, page):
    open_topic(page, server, "Transformations")
    root = page.locator(STAGE).first
    plane = root.locator("svg.plane")
    top = plane.bounding_box()["y"]
    for t in (0.5, 0.1, 0.9):  # the readouts change length; the plane stays where it is
        scrub(page, t)
        assert plane.bounding_box()["y"] == top
        assert root.locator("text", has_text="Me₁").count() == 1  # neither e₁ nor Ae₁
    page.get_by_role("button", name="Scaling").click()
    settle(page)
    assert root.get_attribute("data-t") == "1.000"
    (shown,) = [r for r in root.locator(".readout-value").all_inner_texts() if "det" in r]
    assert shown == f"det A = {metric_value(page, 'det A')}"


def test_vectors_play_slides_b_v_to_the_tip_of_a_u(server, page):
    open_topic(page, server, "Vectors", "&vec_a=-1&vec_b=0.5")
    u, v = np.array([2.0, 1.0]), np.array([0.5, 1.5])
    scrub(page, 1 / 3)  # stretched: a·u and b·v from the origin
    np.testing.assert_allclose(arrow_tip(page, "v"), 0.5 * v, atol=1e-3)
    scrub(page, 2 / 3)  # b·v now starts at a·u's tip
    np.testing.assert_allclose(arrow_tip(page, "v"), -u + 0.5 * v, atol=1e-3)
    assert page.locator(STAGE).first.get_attribute("data-t") == "0.667"


def test_basis_play_leans_the_grid_and_only_the_coordinates_of_v_change(server, page):
    open_topic(page, server, "Basis")
    root = page.locator(STAGE).first
    readout = root.locator(".readout-value")
    assert readout.inner_text() == "v's coordinates in the grid shown: (1.714, 1.143)"
    scrub(page, 0.0)  # the square grid: v's coordinates are its entries
    assert readout.inner_text() == "v's coordinates in the grid shown: (2, 2)"
    np.testing.assert_allclose(arrow_tip(page, "u", 1), [1, 0], atol=1e-6)  # e₁, becoming b₁
    scrub(page, 0.5)
    M = la.morph(np.array([[1.5, -0.5], [0.5, 1.0]]), 0.5)
    shown = readout.inner_text().removeprefix("v's coordinates in the grid shown: ")
    got = [float(x) for x in shown.strip("()").split(", ")]
    np.testing.assert_allclose(got, np.linalg.solve(M, [2.0, 2.0]), rtol=1e-3)
    np.testing.assert_allclose(handle_at(page, "v"), [2.0, 2.0])  # v never moves


def test_on_a_laptop_screen_the_whole_plane_and_its_player_show_on_the_first_screen(server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    for topic in ("Vectors", "Transformations", "Layer"):
        open_topic(page, server, topic)
        root = page.locator(STAGE).first
        plane = root.locator("svg.plane").bounding_box()
        assert plane["height"] >= 0.8 * 440  # never below 352 px
        assert root.bounding_box()["y"] + root.bounding_box()["height"] <= 800, topic


def test_turning_v_onto_an_eigenline_reads_zero_degrees_and_lambda(server, page):
    open_topic(page, server, "Eigen")
    root = page.locator(STAGE).first
    readouts = root.locator(".readout-value")
    assert readouts.nth(0).inner_text() == "angle(v, Av) = 29.54°"  # v at 100°, A = [[2,1],[1,2]]
    root.locator(".handle[data-name='v']").focus()
    for _ in range(11):  # 5° a press, clockwise: from 100° down to 45°, on the eigenline y = x
        page.keyboard.press("ArrowLeft")
    wait_for_key(page, "eig_start")
    assert float(link(page)["eig_start"]) == pytest.approx(45.0)
    assert readouts.nth(0).inner_text() == "angle(v, Av) = 0°"
    assert readouts.nth(1).inner_text() == "vᵀAv = 3"  # λ₁


def test_power_iteration_plays_one_iterate_at_a_time_in_the_browser(server, page):
    open_topic(page, server, "Eigen")
    root = page.locator(STAGE).nth(1)  # the second stage: power iteration
    root.scroll_into_view_if_needed()

    def shown_iterates() -> list[str]:
        return root.evaluate(
            "el => [...el.querySelectorAll(\"g.arrow[data-role='iterate']\")]"
            ".filter(a => a.closest('g[style*=\"display: none\"]') === null)"
            ".map(a => a.dataset.to)"
        )

    assert len(shown_iterates()) == 1  # at rest: the last iterate, v₈, bold
    root.locator("button.stage-name", has_text="v₃").click()
    assert root.get_attribute("data-t") == f"{3 / 8:.3f}"
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    v0 = np.array([math.cos(math.radians(100)), math.sin(math.radians(100))])
    walk = la.power_iteration(A, v0, 8)
    (tip,) = shown_iterates()
    np.testing.assert_allclose([float(x) for x in tip.split(",")], walk[3], atol=1e-4)
    root.locator("button.play").click()
    started = time.monotonic()
    while root.get_attribute("data-t") != "1.000":
        assert time.monotonic() - started < 20, "the play did not finish"
        page.wait_for_timeout(40)
    frames = int(root.get_attribute("data-frames"))
    assert frames / (time.monotonic() - started) >= 20
    (tip,) = shown_iterates()
    np.testing.assert_allclose([float(x) for x in tip.split(",")], walk[8], atol=1e-4)


def test_the_layer_draws_each_stage_where_the_core_puts_the_points(server, page):
    open_topic(page, server, "Layer")
    classes = la.xor_classes(120, spread=0.25, seed=0)
    A, b = np.array([[1.5, 0.5], [-0.5, 1.5]]), np.array([0.0, 0.0])
    stages = la.layer_stages(classes.points, A, b, "sigmoid")
    root = page.locator(STAGE).first

    def dots() -> np.ndarray:
        found = root.evaluate(
            "el => [...el.querySelectorAll('circle.dot')]"
            ".map(d => d.dataset.at.split(',').map(Number))"
        )
        return np.array(found)

    np.testing.assert_allclose(dots(), stages.activated, atol=1e-4)
    root.locator("button.stage-name", has_text="Ax").first.click()
    assert root.get_attribute("data-t") == f"{1 / 3:.3f}"
    np.testing.assert_allclose(dots(), stages.linear, atol=1e-4)


def test_the_xor_preset_ends_with_a_line_that_separates_the_classes(server, page):
    open_topic(page, server, "Layer")
    page.get_by_role("button", name="XOR untangled", exact=True).click()
    settle(page)
    split = "one line splits them"
    assert metric_value(page, split) == "no → yes"
    root = page.locator(STAGE).first
    separator = root.locator("polyline.path.bold[stroke='#009E73']")
    assert separator.count() == 1
    assert separator.is_visible()
    root.locator("button.stage-name", has_text="Ax + b").first.click()
    assert not separator.is_visible()  # only once the layer has bent the plane


@pytest.mark.parametrize(
    "topic",
    [
        "Vectors",
        "Norms",
        "Basis",
        "Transformations",
        "Matrix+product",
        "Eigen",
        "Eigen&eig_a11=-3&eig_a12=0&eig_a21=0&eig_a22=1",
        "Basis&basis_v1=3.1&basis_v2=1.45",
        "Basis&basis_b11=1&basis_b12=0.5&basis_b21=2&basis_b22=1",
    ],
)
def test_no_label_is_printed_over_another(server, page, topic):
    open_topic(page, server, topic)
    boxes = page.locator(STAGE).evaluate_all(
        """stages => stages.flatMap(stage => [...stage.querySelectorAll('text.label')]
            .filter(t => t.getBBox().width > 0
                         && t.closest('g.group').style.display !== 'none')
            .map(t => { const r = t.getBoundingClientRect();
                        return [stage.dataset.t, r.left, r.top, r.right, r.bottom,
                                t.textContent]; }))"""
    )
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[3] <= b[1] + 2 or b[3] <= a[1] + 2 or a[4] <= b[2] + 2 or b[4] <= a[2] + 2
            assert apart, (a[5], b[5])


def test_mid_play_the_handles_ride_their_arrows_and_are_live_again_at_the_end(server, page):
    open_topic(page, server, "Transformations")
    page.get_by_role("button", name="Reflection", exact=True).click()
    settle(page)
    root = page.locator(STAGE).first
    root.scroll_into_view_if_needed()

    def drawn(name: str) -> np.ndarray:
        """The handle's position on the page, in SVG pixels (its translate)."""
        text = root.locator(f".handle[data-name='{name}']").get_attribute("transform")
        return np.array([float(x) for x in text[len("translate(") : -1].split(",")])

    # At rest Ae₁ is at (1, 0) and Ae₂ at (0, −1): the origin's pixels and one unit follow.
    at_one, at_two = drawn("ae1"), drawn("ae2")
    origin = np.array([at_two[0], at_one[1]])
    unit = at_one[0] - origin[0]
    A = np.array([[1.0, 0.0], [0.0, -1.0]])
    for t in (0.3, 0.7):
        scrub(page, t)
        tip = la.morph(A, t) @ [0, 1]
        np.testing.assert_allclose(arrow_tip(page, "v"), tip, atol=1e-4)
        handle = root.locator(".handle[data-name='ae2']")
        assert "riding" in handle.get_attribute("class")
        # The dot sits on the orange tip, not where the column is at the end.
        np.testing.assert_allclose(drawn("ae2"), origin + unit * tip * [1, -1], atol=0.5)
        assert handle.locator(".grab").is_hidden()
        assert float(handle.get_attribute("data-y")) == pytest.approx(-1.0)
    scrub(page, 1.0)
    assert "riding" not in root.locator(".handle[data-name='ae2']").get_attribute("class")
    np.testing.assert_allclose(drawn("ae2"), at_two, atol=0.5)
    drag(page, "ae2", 40, 0)
    wait_for_key(page, "tr_a12")
    assert float(link(page)["tr_a12"]) > 0.2


def test_a_column_sent_to_zero_labels_its_handle(server, page):
    open_topic(page, server, "Transformations")
    page.get_by_role("button", name="Projection (singular)", exact=True).click()
    settle(page)
    texts = page.locator(f"{STAGE} text.label").evaluate_all("ts => ts.map(t => t.textContent)")
    assert "Ae₂ = 0" in texts


def test_the_middle_step_of_a_product_fades_in_grey_and_dotted_as_the_second_map_plays(
    server, page
):
    open_topic(page, server, "Matrix+product")
    root = page.locator(STAGE).first
    root.scroll_into_view_if_needed()
    ghost = root.locator("g.group[data-opacity]")
    assert ghost.count() == 1
    path = ghost.locator("polyline.path.dotted")
    assert path.get_attribute("stroke") == la_colour("before")
    for t, seen in ((0.25, 0.0), (0.5, 0.0), (0.75, 0.5), (1.0, 1.0)):
        scrub(page, t)
        assert float(ghost.get_attribute("data-opacity")) == pytest.approx(seen)
    # The framed box is the shapes' own: the F after BA spans much of the panel.
    box = root.locator("svg.plane").bounding_box()
    shape = root.locator("polyline.path.bold").first.bounding_box()
    assert max(shape["width"] / box["width"], shape["height"] / box["height"]) >= 0.4


def la_colour(role: str) -> str:
    from mathviz.charts.linear_algebra import ROLES

    return ROLES[role]


@pytest.mark.parametrize("topic", ["SVD+%26+PCA", "Layer"])
def test_on_a_phone_in_projector_mode_tick_numbers_sit_above_the_shapes_and_clear_of_labels(
    server, page, topic
):
    page.set_viewport_size({"width": 390, "height": 900})
    open_topic(page, server, topic, "&projector=true")
    for stage in page.locator(STAGE).all():
        stage.scroll_into_view_if_needed()
        found = stage.evaluate(
            """el => {
                const box = (t) => { const r = t.getBoundingClientRect();
                                     return [r.left, r.top, r.right, r.bottom, t.textContent]; };
                const svg = el.querySelector('svg.plane');
                const layers = [...svg.children];
                const ticks = el.querySelector('g.ticks');
                return {
                    above: layers.indexOf(ticks) > layers.indexOf(
                        el.querySelector('g.group').parentNode),
                    ticks: [...ticks.querySelectorAll('text')]
                        .filter(t => t.style.display !== 'none').map(box),
                    labels: [...el.querySelectorAll('text.label')]
                        .filter(t => t.getBBox().width > 0 && t.style.display !== 'none')
                        .map(box),
                    frame: box(svg),
                };
            }"""
        )
        assert found["above"]
        assert found["ticks"]
        for tick in found["ticks"]:
            assert tick[0] >= found["frame"][0] - 0.5, tick  # never cut at the left edge
            for label in found["labels"]:
                apart = (
                    tick[2] <= label[0] or label[2] <= tick[0] or tick[3] <= label[1]
                    or label[3] <= tick[1]
                )  # fmt: skip
                assert apart, (tick[4], label[4])


def test_norms_play_grows_the_diamond_into_the_square_and_u_shrinks_as_the_core_says(server, page):
    open_topic(page, server, "Norms", "&norm_p=%E2%88%9E")  # p = ∞
    root = page.locator(STAGE).first
    root.scroll_into_view_if_needed()
    u = np.array([3.0, 1.0])

    def shown() -> tuple[str, np.ndarray]:
        (text,) = root.locator(".readout-value").all_inner_texts()
        dot = root.locator("circle.dot.ring").first.get_attribute("data-at")
        return text, np.array([float(x) for x in dot.split(",")])

    assert shown()[0] == "p = ∞: ‖u‖ = 3"  # at rest, the page's p
    # At every moment the ball is the core's for the p read above it: ‖u‖₁ = 4, ‖u‖₂ = √10,
    # and between stages 1/p runs linearly in time (half-way from 2 to ∞ is 4).
    for t, name, p in (
        (0.0, "1", 1.0), (0.5, "2", 2.0), (0.75, "4", 4.0), (1.0, "∞", math.inf)
    ):  # fmt: skip
        scrub(page, t)
        text, dot = shown()
        length = float(la.p_norm(u, p))
        assert text == f"p = {name}: ‖u‖ = {length:.4g}"
        np.testing.assert_allclose(dot, u / length, atol=1e-4)
    scrub(page, 1.0)
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", sent.append))
    assert play_to_the_end(page, root) >= 20  # frames a second, from the diamond again
    assert shown()[0] == "p = ∞: ‖u‖ = 3"
    assert sent == []  # no frame asked the server for anything


def test_dragging_a_column_of_a_moves_the_other_matrix_product_panel_before_release(server, page):
    open_topic(page, server, "Matrix+product")
    B = np.array([[0.0, -1.0], [1.0, 0.0]])  # the first preset's: a quarter turn

    def product_tips(panel: int) -> np.ndarray:
        return np.column_stack([arrow_tip(page, role, 0, stage=panel) for role in ("u", "v")])

    A = np.column_stack([handle_at(page, "ae1", 0), handle_at(page, "ae2", 0)])
    np.testing.assert_allclose(product_tips(1), A @ B, atol=1e-4)  # the right panel: AB
    # Hold A's first column mid-drag on the left: the right panel's AB follows already.
    drag(page, "ae1", -40, -40, release=False)
    moved = np.column_stack([handle_at(page, "ae1", 0), handle_at(page, "ae2", 0)])
    assert not np.allclose(moved, A)
    np.testing.assert_allclose(product_tips(0), B @ moved, atol=1e-4)  # BA, its own panel
    np.testing.assert_allclose(product_tips(1), moved @ B, atol=1e-4)  # AB, the other one
    assert "prod_a11" not in link(page) or float(link(page)["prod_a11"]) == A[0, 0]
    page.mouse.up()
    wait_for_key(page, "prod_a11")
    params = link(page)
    assert (float(params["prod_a11"]), float(params["prod_a21"])) == pytest.approx(
        tuple(moved[:, 0])
    )
    np.testing.assert_allclose(product_tips(1), moved @ B, atol=1e-4)  # and after the rerun


def test_norms_u_is_one_vector_in_both_pictures_even_mid_drag(server, page):
    open_topic(page, server, "Norms")
    assert np.allclose(handle_at(page, "u", 0), handle_at(page, "u", 1))
    drag(page, "u", 30, -30, 0, release=False)  # in the ball's picture, still held
    moved = handle_at(page, "u", 0)
    assert not np.allclose(moved, [3.0, 1.0])
    np.testing.assert_allclose(handle_at(page, "u", 1), moved)  # the angle picture's u too
    page.mouse.up()
    wait_for_key(page, "norm_u1")
    assert float(link(page)["norm_u1"]) == pytest.approx(moved[0])
