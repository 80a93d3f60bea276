"""What the AppTest files share: opening a page, reading metrics and charts, pressing."""

import json
from pathlib import Path
from typing import NamedTuple

import numpy as np
from streamlit.testing.v1 import AppTest

from mathviz.ui import frame

ROOT = Path(__file__).resolve().parents[2]
HOME = str(ROOT / "streamlit_app.py")


def run_page(page: str, **params: str) -> AppTest:
    """Open ``page`` under the app's entry point with the link's ``params``; no exception."""
    at = AppTest.from_file(HOME, default_timeout=60)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


class Shown(NamedTuple):
    """A key number on the page: a Streamlit metric, or one pair of a ``frame.numbers`` row."""

    label: str
    value: str


def metrics(at: AppTest) -> list[Shown]:
    """Every key number the page shows: the rows ``frame.numbers`` draws, in order."""
    return [Shown(*pair) for e in at.markdown for pair in frame.number_pairs(str(e.value))]


def metric(at: AppTest, label: str) -> str:
    shown = metrics(at)
    values = [m.value for m in shown if m.label == label]
    assert values, f"no metric {label!r}; have {[m.label for m in shown]}"
    return values[0]


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("warning", "error", "info", "caption", "markdown")
        for e in getattr(at, kind)
        if not frame.number_pairs(str(e.value))  # key numbers are read with ``metrics``
    ]
    return "\n".join(str(p) for p in parts)


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def data_names(spec) -> set[str]:
    """Every dataset name a Vega-Lite spec refers to."""
    if isinstance(spec, dict):
        found = (
            {spec["data"]["name"]}
            if isinstance(spec.get("data"), dict) and ("name" in spec["data"])
            else set()
        )
        return found.union(*(data_names(v) for k, v in spec.items() if k != "datasets"))
    if isinstance(spec, list):
        return set().union(*(data_names(v) for v in spec))
    return set()


def assert_charts_have_their_data(at: AppTest) -> None:
    for element in charts(at):
        spec = json.loads(element.proto.spec)
        shipped = {d.name for d in element.proto.datasets} | set(spec.get("datasets", {}))
        assert data_names(spec) <= shipped, data_names(spec) - shipped
        sizes = [len(d.data.data) for d in element.proto.datasets]
        assert all(size > 0 for size in sizes)


def assert_topic_frame(at: AppTest, prefix: str) -> None:
    """The frame every topic shares: a CSV download, Try this, and at least four presets."""
    assert at.get("download_button")
    assert "Try this" in texts(at)
    presets = [b for b in at.button if b.key and b.key.startswith(f"{prefix}_preset_")]
    assert len(presets) >= 4


def chart_kilobytes(at: AppTest) -> list[float]:
    """Each chart's payload as sent to the browser: spec JSON plus its Arrow datasets, in kB."""
    sizes = []
    for element in charts(at):
        proto = element.proto
        size = len(proto.spec.encode()) + len(proto.data.data)
        sizes.append((size + sum(len(d.data.data) for d in proto.datasets)) / 1000)
    return sizes


def press(at: AppTest, prefix: str, label: str) -> AppTest:
    """Click the preset button ``label`` of the topic whose preset keys start with ``prefix``."""
    buttons = [b for b in at.button if b.key and b.key.startswith(f"{prefix}_preset_")]
    found = [b for b in buttons if b.label == label]
    assert found, f"no preset {label!r}; have {[b.label for b in buttons]}"
    found[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def vector(text: str) -> np.ndarray:
    """A vector metric such as ``(−1.75, −0.25)`` as an array."""
    return np.array([number(x) for x in text.strip("()").split(", ")])


def assert_draws(at: AppTest, count: int) -> None:
    """Exactly ``count`` charts, each shipping the datasets it names and some rows to plot."""
    assert len(charts(at)) == count
    assert_charts_have_their_data(at)
    assert all(plotted_rows(element) > 0 for element in charts(at))


def link_notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "cannot take" in w.value]


def sig(digits: int = 4) -> dict:
    """Tolerance for a metric printed with ``digits`` significant digits (half a last place)."""
    return {"rel": 5.01 * 10**-digits, "abs": 1e-12}


def control(at: AppTest, key: str):
    """The value of the control under ``key``, whatever kind of widget it is."""
    for kind in ("slider", "select_slider", "number_input", "selectbox", "radio", "text_input"):
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            return found[0].value
    raise AssertionError(f"no control {key!r}")


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, (key, [e.message for e in at.exception])
    return at


def chart_frames(element) -> dict:
    import pyarrow as pa  # installed with streamlit

    return {
        d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas()
        for d in element.proto.datasets
    }


def plotted_rows(element) -> int:
    return sum(len(frame) for frame in chart_frames(element).values())
