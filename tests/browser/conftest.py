"""A live Streamlit server and the system Chromium, driven by Playwright.

Browser tests need ``/usr/bin/chromium``. Where it is missing they are skipped, except under
``CI=true``, where a skipped browser test is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SHOTS = ROOT / "screenshots"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


def _need_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package"
    else:
        missing = None if Path(CHROMIUM).exists() else CHROMIUM
    if missing:
        message = f"browser tests need {missing}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (a skipped browser test fails under CI=true)")
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    """Start a cold Streamlit server on a free port; return it and its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return process, base
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise RuntimeError("the Streamlit server did not become healthy within 60 s")


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    _need_browser()
    process, base = start_server()
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished and the charts have drawn."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_load_state("networkidle")


def shoot(page, name: str) -> Path | None:
    """Save a screenshot of the whole page, however long, to ``screenshots/`` as JPEG.

    Under ``CI=true`` nobody looks at them, and the window's two resizes cost about a
    minute over the tier: none is taken there unless ``MATHVIZ_SCREENSHOTS=1`` asks.
    """
    if os.environ.get("CI") == "true" and os.environ.get("MATHVIZ_SCREENSHOTS") != "1":
        return None
    SHOTS.mkdir(exist_ok=True)
    # JPEG: a page several thousand pixels tall encodes several times faster than as PNG.
    path = SHOTS / f"{name}.jpg"
    # Streamlit scrolls inside its own container, so grow the window to the content instead.
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stAppViewContainer], section'), e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(200)
    page.screenshot(path=path, full_page=True, type="jpeg", quality=85)
    page.set_viewport_size(size)
    return path


def link(page) -> dict[str, str]:
    """The page's link as its query parameters, one value each."""
    return {key: values[-1] for key, values in parse_qs(urlparse(page.url).query).items()}
