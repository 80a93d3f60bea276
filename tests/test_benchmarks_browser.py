"""The browser benchmark's pure helpers: no server, no browser."""

import pytest

from benchmarks import browser
from benchmarks.run import PAGES
from mathviz.roadmap import PILLARS


def record(**lists):
    """A page record as the instrument returns it; empty lists for what is not given."""
    return {name: lists.get(name, []) for name in ("keys", "states", "chart", "paints", "sent")}


def test_split_measures_each_step_from_the_key():
    moved = record(
        keys=[100.0],
        sent=[[108.0, 144]],
        states=[[120.0, "running"], [200.0, "notRunning"]],
        chart=[190.0, 210.0],
        paints=[225.0],
    )
    moved |= {
        "wire_sent": [5008.0],
        "wire_recv": [5010.0, 5090.0],
        "wire_kinds": ["a", "script_finished"],
    }
    t = browser.split(moved)
    assert t["ran"] is True
    assert t["total"] == pytest.approx(125.0)  # the last painted frame, after notRunning
    assert t["to_rerun"] == pytest.approx(20.0)
    assert t["rerun"] == pytest.approx(80.0)
    assert t["paint_after"] == pytest.approx(25.0)
    assert t["to_send"] == pytest.approx(8.0)
    # CDP's clock is 4900 ms ahead of the page's here: script_finished arrived at 190.
    assert t["server"] == pytest.approx(82.0)
    assert t["behind"] == pytest.approx(10.0)


def test_split_ends_at_not_running_when_every_chart_drew_before():
    t = browser.split(
        record(keys=[0.0], states=[[10.0, "running"], [90.0, "notRunning"]], paints=[50.0])
    )
    assert t["total"] == pytest.approx(90.0)
    assert t["paint_after"] == 0
    assert t["server"] is None  # no frames on the wire were recorded


def test_split_ignores_what_happened_before_the_key_and_notes_a_move_without_rerun():
    t = browser.split(record(keys=[50.0], states=[[10.0, "running"], [20.0, "notRunning"]]))
    assert t["ran"] is False
    assert t["total"] is None
    assert browser.split(record())["total"] is None


def test_median_and_ratio_skip_what_is_missing():
    assert browser.median([3.0, None, 1.0, 2.0]) == 2.0
    assert browser.median([None]) is None
    assert browser.ratio(150.0, 100.0) == pytest.approx(1.5)
    assert browser.ratio(None, 100.0) is None
    assert browser.ratio(150.0, 0.0) is None


def move(total, cpu=100.0, scope="fragment", ran=True):
    split = dict.fromkeys(browser.SPLIT, total) | {"ran": ran}
    return {
        "split": split,
        "bytes": 2000,
        "messages": 3,
        "rows": 10,
        "reembeds": 0,
        "elements": 1,
        "server_cpu": cpu,
        "browser_cpu": cpu,
        "main_thread": cpu,
        "scope": scope,
    }


def test_summarise_takes_medians_of_times_and_means_of_cpu():
    result = browser.summarise([move(100.0, 10.0), move(300.0, 20.0), move(200.0, 60.0)])
    assert result["total"] == 200.0
    assert result["server_cpu"] == pytest.approx(30.0)
    assert result["kb"] == pytest.approx(2.0)
    assert result["scope"] == "fragment"
    assert result["no_rerun"] == 0


def test_rows_note_a_ratio_over_the_goal_and_errors_keep_the_columns():
    result = browser.summarise([move(300.0)]) | {"census": {"widgets": 3, "vega": 2}}
    cells = browser.row("Topic", result, 100.0)
    assert len(cells) == len(browser.COLUMNS)
    assert cells[1:3] == ["300", "3.00"]
    assert "over 1.5× the floor" in cells[-1]
    assert cells[browser.COLUMNS.index("charts")] == "2"
    broken = browser.row("Broken", {"error": "error: boom"}, 100.0)
    assert len(broken) == len(browser.COLUMNS)
    assert broken[-1] == "error: boom"


def test_markdown_table_escapes_pipes_and_has_one_line_per_row():
    table = browser.markdown([["a|b", "1"]], columns=["x", "y"])
    assert table.splitlines() == ["| x | y |", "|---|---|", "| a\\|b | 1 |"]


def test_floor_row_pools_the_medians_of_every_floor_measurement():
    floors = {"A": browser.summarise([move(100.0)]), "B": browser.summarise([move(140.0)])}
    pooled = browser.pooled_floor(floors, {"widgets": 1})
    assert pooled["total"] == pytest.approx(120.0)
    assert pooled["census"] == {"widgets": 1}


def test_every_built_topic_is_a_case_moving_the_control_run_py_moves():
    cases = browser.cases()
    built = [t.label for p in PILLARS if p.built for t in p.topics]
    assert [c.label for c in cases] == built
    for case in cases:
        if case.label in PAGES:
            assert case.key == PAGES[case.label][3]
        assert case.url.startswith("/")
    assert browser.topic_url("pages/calculus.py", {"topic": "Chain rule"}) == (
        "/calculus?topic=Chain+rule"
    )
    assert browser.floor_case().url == "/"


def test_chunk_names_drop_the_hash():
    assert browser.chunk_name("http://x/static/js/embed.CX5AQgxi.js") == "embed"
    assert browser.chunk_name("") == "(native)"


def test_trace_self_time_leaves_out_nested_events():
    events = [
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 2, "args": {"name": "CrRendererMain"}},
        {"name": "RunTask", "ph": "X", "pid": 1, "tid": 2, "ts": 0, "dur": 10_000},
        {"name": "FunctionCall", "ph": "X", "pid": 1, "tid": 2, "ts": 1_000, "dur": 6_000},
        {"name": "Layout", "ph": "X", "pid": 1, "tid": 2, "ts": 2_000, "dur": 2_000},
    ]
    kinds = {}
    for _, ms, kind in browser.trace_self_times(events):
        kinds[kind] = kinds.get(kind, 0) + ms
    assert kinds == pytest.approx({"other": 4.0, "script": 4.0, "layout": 2.0})
