"""The Neural networks page in a real Chromium: your own CSV, a click on the loss map, Play.

The file goes in through the page's own upload box, as a learner's would; a bad file gets its
row-by-row message and the page keeps drawing the generated points.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathviz.charts.multivariable import STEP
from mathviz.charts.networks import BACK, EPOCH
from tests.browser.conftest import link, settle, shoot

CHART = "[data-testid='stVegaLiteChart']"
SLIDER = f'input[type="range"][name="{STEP}"]'
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"
URL = "/neural_networks?topic=Least+squares+%26+SGD"


def open_topic(page, server: str, query: str = "") -> None:
    page.goto(f"{server}{URL}{query}")
    settle(page)
    page.wait_for_function(
        f'document.querySelectorAll("{CHART} svg.marks, {CHART} canvas.marks").length >= 5',
        timeout=30_000,
    )
    assert page.locator("[data-testid='stException']").count() == 0


def watch_play(page, slider, *, times: int, every: int, also=None) -> tuple[list, list, int]:
    """Press Play, then read the slider (and ``also()``) ``times`` times, ``every`` ms apart.

    Returns the slider's values, ``also``'s readings and how often the script was running.
    """
    page.get_by_role("button", name="▶ Play").click()
    seen, extra, reruns = [], [], 0
    for _ in range(times):
        page.wait_for_timeout(every)
        seen.append(int(slider.input_value()))
        if also is not None:
            extra.append(also())
        reruns += page.locator(RUNNING).count()
    return seen, extra, reruns


def numbers(page) -> dict[str, str]:
    labels = page.locator(".mv-numbers dt").all_inner_texts()
    values = page.locator(".mv-numbers dd").all_inner_texts()
    return dict(zip(labels, values, strict=True))


def upload(page, name: str, content: bytes, *, open_box: bool = True) -> None:
    if open_box:
        page.get_by_text("Use your own points (CSV)").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.wait_for_timeout(300)
    settle(page)


def test_your_own_csv_is_fitted_and_a_bad_one_is_explained(page, server):
    open_topic(page, server)
    generated = numbers(page)["least squares w*, b*"]
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    y = 2.0 - 0.5 * x + np.array([0.1, -0.1, 0.0, 0.1, -0.1])
    w, b = np.polyfit(x, y, 1)
    rows = "x,y\n" + "".join(f"{a},{c}\n" for a, c in zip(x, y, strict=True))
    upload(page, "mine.csv", rows.encode())
    page.get_by_text("Your 5 points from mine.csv.").wait_for(timeout=30_000)
    shown = [float(v.replace("−", "-")) for v in numbers(page)["least squares w*, b*"].split(", ")]
    assert shown == pytest.approx([w, b], rel=5e-4)
    shoot(page, "networks-least-squares-own-csv")
    # Replace it with a file that has text where a number should be.
    upload(page, "broken.csv", b"x,y\n1,2\n3,four\n", open_box=False)
    alert = page.locator("[data-testid='stAlertContentError']")
    alert.wait_for(timeout=30_000)
    assert "broken.csv: row 3: 'four' is not a number" in alert.inner_text()
    assert numbers(page)["least squares w*, b*"] == generated  # the generated points again
    assert page.locator("[data-testid='stException']").count() == 0


def test_clicking_the_loss_map_moves_the_start_into_the_link(page, server):
    open_topic(page, server)
    assert "lsq_w0" not in link(page)
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    box = chart.locator("svg.marks, canvas.marks").first.bounding_box()
    page.mouse.click(box["x"] + 0.8 * box["width"], box["y"] + 0.8 * box["height"])
    page.wait_for_function("new URL(location.href).searchParams.has('lsq_w0')", timeout=30_000)
    settle(page)
    w0, b0 = float(link(page)["lsq_w0"]), float(link(page)["lsq_b0"])
    # Right of and below the default start (−1, 3): a larger slope, a smaller intercept.
    assert w0 > -1.0
    assert b0 < 3.0
    assert page.locator("[data-testid='stException']").count() == 0


def test_play_runs_the_four_paths_in_the_browser(page, server):
    open_topic(page, server, "&lsq_k=200")
    slider = page.locator(SLIDER)
    assert slider.get_attribute("max") == "200"
    seen, _, reruns = watch_play(page, slider, times=10, every=200)
    assert reruns == 0
    assert seen == sorted(seen)
    assert len(set(seen)) >= 4
    page.wait_for_function(f"document.querySelector('{SLIDER}').value === '200'", timeout=20_000)


def test_the_backward_pass_plays_step_by_step_in_the_browser(page, server):
    page.goto(f"{server}/neural_networks?topic=Backpropagation")
    settle(page)
    back = page.locator(f'input[type="range"][name="{BACK}"]')
    back.wait_for(timeout=30_000)
    chart = page.locator(CHART).first

    def gradients_drawn() -> int:
        return chart.locator("svg text", has_text="∂L/∂w").count()

    assert back.input_value() == "0"
    assert gradients_drawn() == 0  # the forward pass alone
    # Each gradient label is drawn twice, a white halo under the ink.
    seen, counts, reruns = watch_play(
        page, back, times=26, every=300, also=lambda: gradients_drawn() // 2
    )
    assert reruns == 0
    assert seen == sorted(seen)
    assert seen[-1] == 4
    # Output weights' gradients come at step 2 (two), the first layer's at step 4 (four more).
    assert set(counts) <= {0, 2, 6}
    assert counts[-1] == 6
    shoot(page, "networks-backprop-after-play")


def test_training_plays_back_its_epochs_and_takes_a_csv(page, server):
    page.goto(f"{server}/neural_networks?topic=Training&tr_layers=1&tr_width=2&tr_epochs=100")
    settle(page)
    scrub = page.locator(f'input[type="range"][name="{EPOCH}"]')
    scrub.wait_for(timeout=30_000)
    last = scrub.get_attribute("max")
    assert int(last) >= 8  # about a dozen stored epochs, log-spaced
    assert scrub.input_value() == last  # it opens on the trained network
    seen, _, reruns = watch_play(page, scrub, times=12, every=250)
    assert reruns == 0
    assert seen == sorted(seen)
    assert len(set(seen)) >= 4
    shoot(page, "networks-training-playing")
    # A CSV with one class only is refused by name; the dataset stays.
    upload(page, "one-class.csv", b"x1,x2,label\n0,0,1\n1,1,1\n2,0,1\n")
    alert = page.locator("[data-testid='stAlertContentError']")
    alert.wait_for(timeout=30_000)
    assert "one-class.csv: every label is 1: a classifier needs both" in alert.inner_text()
    rows = "x1,x2,label\n" + "".join(
        f"{a},{b},{int(a * b > 0)}\n" for a, b in np.random.default_rng(0).uniform(-1, 1, (40, 2))
    )
    upload(page, "xor.csv", rows.encode(), open_box=False)
    page.get_by_text("Your 40 points from xor.csv: 28 to train on, 12 held out.").wait_for(
        timeout=30_000
    )
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_built_from_link_opens_that_topic_in_the_same_tab(page, server):
    page.goto(f"{server}/calculus?topic=Integral")
    settle(page)
    page.locator(".mv-built a", has_text="Derivative").click()
    page.wait_for_url("**/calculus?topic=Derivative", timeout=30_000)
    settle(page)
    assert page.locator("[role='tab'][aria-selected='true']").inner_text().strip() == "Derivative"
    assert len(page.context.pages) == 1
