"""The roadmap map: every arrow keeps clear of the boxes it does not join and ends in a head."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from mathviz.charts import theme
from mathviz.charts.roadmap import HEAD, Metrics, font_size, layout, roadmap_chart, text_width
from mathviz.roadmap import MAP_COLUMNS, PILLARS, PREREQUISITES, Pillar, Topic
from tests.charts.helpers import layer_encodings, payload_bytes

CLEARANCE = 0.5  # of the font size: an arrow stays this far from a box or heading it does not join


def legends(spec: dict) -> list[str]:
    """The channels of a spec that would draw a legend: colour-like ones without legend=None."""
    return [
        name
        for encoding in layer_encodings(spec)
        for name, channel in encoding.items()
        if name in {"color", "fill", "stroke", "size", "shape", "opacity"}
        and channel.get("legend", {}) is not None
        and channel.get("scale", {}) is not None
    ]


def boxes(nodes: pd.DataFrame) -> dict[str, tuple[float, float, float, float]]:
    return {row.name: (row.x, row.y, row.x2, row.y2) for row in nodes.itertuples()}


def heading_boxes(titles: pd.DataFrame) -> list[tuple[float, float, float, float]]:
    return [(t.x, t.y0, t.x2, t.y2) for t in titles.itertuples()]


def distance(points: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Distance of each point from a box: 0 on its border, negative inside."""
    x0, y0, x1, y1 = box
    dx = np.maximum(x0 - points[:, 0], points[:, 0] - x1)
    dy = np.maximum(y0 - points[:, 1], points[:, 1] - y1)
    outside = np.hypot(np.maximum(dx, 0), np.maximum(dy, 0))
    return np.where((dx < 0) & (dy < 0), np.maximum(dx, dy), outside)


def dense(path: pd.DataFrame, step: float = 0.5) -> np.ndarray:
    """The path's polyline sampled every ``step`` pixels, corners included."""
    xy = path.sort_values("step")[["x", "y"]].to_numpy()
    parts = [xy[:1]]
    for a, b in itertools.pairwise(xy):
        n = max(1, math.ceil(np.linalg.norm(b - a) / step))
        parts.append(a + (b - a) * np.linspace(0, 1, n + 1)[1:, None])
    return np.vstack(parts)


def head_corners(head) -> np.ndarray:
    """The arrowhead's outline as Vega draws the symbol: HEAD scaled by √size / 2, rotated."""
    r = math.sqrt(head["size"]) / 2  # (not .size: a row's .size is its length)
    turn = math.radians(head["angle"])
    unit = np.array([(1.0, 0.0), (-1.0, -0.8), (-1.0, 0.8)])
    rot = np.array([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    return np.array([head["x"], head["y"]]) + (unit * r) @ rot.T


def assert_routed_clear(drawn, font: float) -> None:
    """Every arrow, head included, keeps clear of every box and heading it does not join."""
    where = boxes(drawn.nodes)
    headings = heading_boxes(drawn.titles)
    heads = drawn.heads.set_index("edge")
    for edge, path in drawn.edges.groupby("edge"):
        start, end = path["start"].iloc[0], path["end"].iloc[0]
        points = np.vstack([dense(path), head_corners(heads.loc[edge])])
        for name, box in where.items():
            gap = distance(points, box).min()
            if name in (start, end):
                assert gap >= -0.01, f"{start} → {end} runs inside {name}"
            else:
                assert gap >= CLEARANCE * font, f"{start} → {end} passes {gap:.1f} px from {name}"
        for box in headings:
            gap = distance(points, box).min()
            assert gap >= CLEARANCE * font, f"{start} → {end} passes {gap:.1f} px from a heading"


@pytest.mark.parametrize("projector", [False, True])
def test_every_arrow_keeps_clear_of_every_box_and_heading_it_does_not_join(projector):
    drawn = layout(PILLARS, PREREQUISITES, projector=projector)
    assert_routed_clear(drawn, font_size(projector))


@pytest.mark.parametrize("projector", [False, True])
def test_every_arrow_ends_in_a_head_whose_tip_touches_its_target(projector):
    drawn = layout(PILLARS, PREREQUISITES, projector=projector)
    m = Metrics(font_size(projector), theme.scale(projector))
    where = {row.name: row for row in drawn.nodes.itertuples()}
    heads = drawn.heads.set_index("edge")
    assert sorted(heads.index) == list(range(len(PREREQUISITES)))
    assert m.head >= 0.75 * m.font  # long enough to read as a head, not a blob
    for edge, path in drawn.edges.groupby("edge"):
        start, end = PREREQUISITES[edge]
        assert (path["start"].iloc[0], path["end"].iloc[0]) == (start, end)
        head, box = heads.loc[edge], where[end]
        tip = np.array([head.tip_x, head.tip_y])
        # The tip sits on the target's border, and the head points straight into the box.
        inward = {
            0.0: math.isclose(tip[0], box.x),
            180.0: math.isclose(tip[0], box.x2),
            90.0: math.isclose(tip[1], box.y),
            270.0: math.isclose(tip[1], box.y2),
        }
        assert inward.get(round(head.angle, 6)), (start, end, head.angle)
        assert box.x <= tip[0] <= box.x2
        assert box.y <= tip[1] <= box.y2
        # The head is drawn with its tip there: the symbol's +x end, √size / 2 from its centre.
        assert np.allclose(head_corners(head)[0], tip)
        # The line stops where the head begins, and starts on the source's border.
        direction = np.array(
            [math.cos(math.radians(head.angle)), math.sin(math.radians(head.angle))]
        )
        last = path.sort_values("step")[["x", "y"]].to_numpy()[-1]
        assert np.allclose(last, tip - direction * math.sqrt(head["size"]))
        first = path.sort_values("step")[["x", "y"]].to_numpy()[0]
        source = where[start]
        assert distance(first[None], (source.x, source.y, source.x2, source.y2))[0] == (
            pytest.approx(0, abs=1e-9)
        )


def straight_runs(path: pd.DataFrame) -> list[tuple[str, float, float, float]]:
    """The path's horizontal and vertical stretches: (axis, level, from, to)."""
    xy = path.sort_values("step")[["x", "y"]].to_numpy()
    runs = []
    for a, b in itertools.pairwise(xy):
        if abs(a[1] - b[1]) < 1e-9 and abs(a[0] - b[0]) > 1:
            runs.append(("h", a[1], *sorted((a[0], b[0]))))
        elif abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) > 1:
            runs.append(("v", a[0], *sorted((a[1], b[1]))))
    return runs


def assert_no_two_run_along_each_other(drawn, near: float) -> None:
    """No two arrows have parallel stretches closer than ``near`` pixels side by side."""
    runs = {edge: straight_runs(path) for edge, path in drawn.edges.groupby("edge")}
    for (a, mine), (b, theirs) in itertools.combinations(runs.items(), 2):
        for axis, level, lo, hi in mine:
            for axis2, level2, lo2, hi2 in theirs:
                side_by_side = axis == axis2 and abs(level - level2) < near
                assert not (side_by_side and min(hi, hi2) - max(lo, lo2) > 1), (a, b)


@pytest.mark.parametrize("projector", [False, True])
def test_no_two_arrows_run_along_each_other(projector):
    drawn = layout(PILLARS, PREREQUISITES, projector=projector)
    assert_no_two_run_along_each_other(drawn, 0.5 * font_size(projector))


def test_level_neighbours_are_joined_by_a_straight_line():
    drawn = layout(PILLARS, PREREQUISITES)
    for start, end in [
        ("derivative", "gradient"),
        ("vectors", "gradient"),
        ("chain-rule", "jacobian"),
    ]:
        edge = PREREQUISITES.index((start, end))
        path = drawn.edges[drawn.edges["edge"] == edge]
        assert len(path) == 2
        assert path["y"].iloc[0] == path["y"].iloc[1]


def test_the_map_fits_a_projector_column_and_holds_everything_it_draws():
    # The home page's column on a 1280 px screen beside the open sidebar: 820 px; on a
    # projector, whose padding is narrower, 910 px (a teacher may open the sidebar). A phone
    # scrolls the map sideways.
    for projector, most in [(False, 800), (True, 900)]:
        drawn = layout(PILLARS, PREREQUISITES, projector=projector)
        spec = roadmap_chart(*drawn).to_dict()
        assert spec["width"] <= most
        width, height = spec["width"], spec["height"]
        assert drawn.edges["x"].between(0, width).all()
        assert drawn.edges["y"].between(0, height).all()
        assert (drawn.nodes["x"] >= 0).all()
        assert (drawn.nodes["x2"] <= width).all()
        assert (drawn.nodes["y2"] <= height).all()
        assert (drawn.titles["x2"] <= width).all()
        assert (drawn.titles["y0"] >= 0).all()


@pytest.mark.parametrize("projector", [False, True])
def test_labels_fit_their_boxes_and_headings_their_columns(projector):
    drawn = layout(PILLARS, PREREQUISITES, projector=projector)
    font = font_size(projector)
    assert (drawn.nodes["font"] == font).all()
    assert (drawn.titles["font"] == font).all()
    for row in drawn.nodes.itertuples():
        assert text_width(row.label, font) + 0.5 * font <= row.x2 - row.x
    # A heading stays over its own column and clear of every box.
    for title in drawn.titles.itertuples():
        column = drawn.nodes[drawn.nodes["pillar"] == title.pillar]
        assert title.x == column["x"].iloc[0]
        assert title.x2 <= column["x2"].iloc[0]
        for box in boxes(drawn.nodes).values():
            assert distance(np.array([[title.x, title.y0], [title.x2, title.y2]]), box).min() >= 0
    # Headings too wide for their column wrap between words.
    lines = drawn.titles.groupby("pillar")["text"].apply(" ".join)
    assert set(lines.index) == {p.name for p in PILLARS}
    assert all(lines[p.name] == p.name for p in PILLARS)


def test_the_map_arranges_pillars_as_the_roadmap_says():
    drawn = layout(PILLARS, PREREQUISITES)
    left = drawn.nodes.groupby("pillar")["x"].first()
    for c, column in enumerate(MAP_COLUMNS):
        assert len(set(left[list(column)])) == 1  # one column
        if c:
            assert left[column[0]] > left[MAP_COLUMNS[c - 1][0]]
        tops = drawn.nodes.groupby("pillar")["y"].min()[list(column)]
        assert tops.is_monotonic_increasing  # top to bottom in the order given


def test_an_arrow_that_would_cross_a_column_is_refused():
    one_each = [[p.name] for p in PILLARS]
    with pytest.raises(ValueError, match="derivative → gradient would cross a column"):
        layout(PILLARS, PREREQUISITES, columns=one_each)


def test_a_pillar_the_arrangement_leaves_out_gets_its_own_column():
    drawn = layout(PILLARS, [("vectors", "norms")], columns=[["Linear algebra"]])
    assert drawn.nodes["x"].nunique() == len(PILLARS)


def synthetic(seed: int) -> tuple[list[Pillar], list[tuple[str, str]], list[list[str]]]:
    """A made-up roadmap: random pillars in three columns, random arrows that do not skip one."""
    rng = np.random.default_rng(seed)
    pillars, columns = [], []
    for c in range(3):
        column = []
        for b in range(int(rng.integers(1, 3))):
            name = f"P{c}{b}"
            topics = tuple(
                Topic(f"t{c}{b}{i}", f"Topic {c}{b}{i}" + " long" * int(rng.integers(0, 3)), "")
                for i in range(int(rng.integers(1, 7)))
            )
            pillars.append(
                Pillar(name + " with a heading" * int(rng.integers(0, 2)), "", "x.py", topics)
            )
            column.append(pillars[-1].name)
        columns.append(column)
    col_of = {
        t.name: c
        for c, names in enumerate(columns)
        for p in pillars
        if p.name in names
        for t in p.topics
    }
    names = list(col_of)
    arrows: set[tuple[str, str]] = set()
    for _ in range(40):
        a, b = (str(n) for n in rng.choice(names, 2, replace=False))
        if abs(col_of[a] - col_of[b]) <= 1 and (b, a) not in arrows:
            arrows.add((a, b))
    return pillars, sorted(arrows), columns


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("projector", [False, True])
def test_routing_holds_for_made_up_roadmaps(seed, projector):
    pillars, arrows, columns = synthetic(seed)
    drawn = layout(pillars, arrows, projector=projector, columns=columns)
    assert_routed_clear(drawn, font_size(projector))
    # Many arrows on one side of a box crowd their ports, yet never onto one line.
    assert_no_two_run_along_each_other(drawn, 0.2 * font_size(projector))
    assert len(drawn.heads) == len(arrows)


def test_roadmap_chart_links_ready_topics_and_fits_budget():
    chart = roadmap_chart(*layout(PILLARS, PREREQUISITES))
    spec = chart.to_dict()
    hrefs = [e["href"]["field"] for e in layer_encodings(spec) if "href" in e]
    assert hrefs == ["url", "url"]  # the box and its label
    assert payload_bytes(chart) < 100_000
    # Arrowheads are drawn as filled symbols turned to each arrow's direction.
    marks = [layer["mark"] for layer in spec["layer"]]
    assert {"type": "point", "shape": HEAD} in [
        {k: mark[k] for k in ("type", "shape")} for mark in marks if "shape" in mark
    ]
    assert any("angle" in e for e in layer_encodings(spec))


def test_the_map_has_no_legend_even_with_a_topic_still_to_come():
    soon = Pillar("Soon", "", "pages/soon.py", (Topic("later", "Later", "not yet"),))
    drawn = layout([*PILLARS, soon], [*PREREQUISITES, ("layer", "later")])
    spec = roadmap_chart(*drawn).to_dict()
    assert not legends(spec)
    later = drawn.nodes.set_index("name").loc["later"]
    assert later["status"] == "coming"
    assert pd.isna(later["url"])
