"""The roadmap map: topics as boxes in columns, prerequisites as arrows routed around them.

``layout`` works in pixels, at the size the map is drawn. Each column of the map stacks one
or more pillars top to bottom (``mathviz.roadmap.MAP_COLUMNS``): a heading, then one box
per topic. Every prerequisite becomes an orthogonal path with rounded corners that runs
only through space holding no box and no heading:

* between two topics stacked next to each other in one pillar, straight down (or up)
  through the gap between their boxes;
* otherwise within a column, or between neighbouring columns, out of a *port* on the side
  of the source box, along a vertical *lane* in the gutter beside the column, and into a
  port on the side of the target box. Paths whose vertical runs come near each other get
  different lanes, and the ports on a side are ordered so that one path's stub does not
  cross its neighbour's lane. Two topics level with each other in neighbouring columns
  are joined by a straight line.

Every path ends in a filled arrowhead whose tip touches the target box. ``roadmap_chart``
draws the result; a built topic's box and label link into its tab.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlencode

import altair as alt
import pandas as pd

from mathviz.charts import theme
from mathviz.charts.theme import COLORS
from mathviz.roadmap import MAP_COLUMNS, Pillar

FONT = 15
"""The labels' size in pixels at normal size: the map is the home page's main picture."""
PROJECTOR_FONT = 20
"""On a projector: as big as the map can be and still fit a 1280 px screen's column with the
sidebar open (~900 px)."""


def font_size(projector: bool) -> float:
    """The labels' size in pixels.

    Examples
    --------
    >>> font_size(False), font_size(True)
    (15, 20)
    """
    return PROJECTOR_FONT if projector else FONT


HEAD = "M 1 0 L -1 -0.8 L -1 0.8 Z"
"""The arrowhead, a Vega symbol path pointing along +x; Vega scales it by √size / 2."""

# Advance widths of the printable ASCII characters, in thousandths of an em, in the chart
# font (Source Sans), as the browser measures them; other characters count as 0.6 em.
_ADVANCE = {
    False: (
        "200 289 426 497 497 824 609 249 303 303 418 497 249 311 249 350 497 497 497 497 "
        "497 497 497 497 497 497 249 249 497 497 497 425 847 543 588 571 615 527 494 617 "
        "652 263 479 579 486 727 647 664 566 664 569 534 536 645 515 786 513 476 539 303 "
        "350 303 497 500 542 504 553 456 555 496 292 504 544 246 247 495 255 829 547 542 "
        "555 555 347 419 338 544 467 719 446 467 425 303 241 303 497"
    ),
    True: (
        "200 340 537 528 528 857 667 300 344 344 457 528 300 332 300 339 528 528 528 528 "
        "528 528 528 528 528 528 300 300 528 528 528 463 902 573 605 582 635 548 524 638 "
        "674 301 509 614 518 762 665 684 596 684 613 556 556 665 556 813 567 525 541 344 "
        "339 344 528 500 555 527 573 468 573 518 341 534 571 276 278 548 286 857 572 555 "
        "573 573 398 443 383 568 523 776 514 521 460 344 268 344 528"
    ),
}
_WIDTHS = {
    bold: {chr(32 + i): int(w) / 1000 for i, w in enumerate(table.split())}
    for bold, table in _ADVANCE.items()
}


def text_width(text: str, font: float, *, bold: bool = False) -> float:
    """The width of one line of text in the chart font, in pixels.

    Parameters
    ----------
    text : str
        The line.
    font : float
        The font size in pixels.
    bold : bool
        Bold type is a little wider.

    Returns
    -------
    float
        Its width, to within a pixel or two of what the browser draws.

    Examples
    --------
    >>> round(text_width("Transformations", 19))  # Chromium draws it 130.5 px wide
    132
    >>> text_width("ab", 10, bold=True) > text_width("ab", 10)
    True
    """
    widths = _WIDTHS[bold]
    return font * sum(widths.get(char, 0.6) for char in text)


def wrap(text: str, font: float, width: float, *, bold: bool = False) -> list[str]:
    """Break text into lines no wider than ``width`` pixels, between words.

    A single word wider than ``width`` gets a line of its own.

    Examples
    --------
    >>> wrap("Probability & statistics", 12, 100, bold=True)
    ['Probability &', 'statistics']
    >>> wrap("Calculus", 12, 100)
    ['Calculus']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", font, bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class Metrics:
    """The map's sizes in pixels, all in proportion to its font size."""

    font: float
    scale: float

    @property
    def pad(self) -> float:
        """From a label to its box's side."""
        return 0.55 * self.font

    @property
    def box(self) -> float:
        """A box's height."""
        return round(1.9 * self.font)

    @property
    def gap(self) -> float:
        """Between two boxes stacked in a pillar."""
        return round(1.5 * self.font)

    @property
    def lane(self) -> float:
        """Between two neighbouring lanes."""
        return 0.55 * self.font

    @property
    def head(self) -> float:
        """An arrowhead's length."""
        return 0.8 * self.font

    @property
    def radius(self) -> float:
        """A path's corners are rounded with this radius."""
        return 0.4 * self.font

    @property
    def reach(self) -> float:
        """From a box's side to the nearest lane: room for a head and a corner."""
        return self.head + self.radius + 0.3 * self.font

    @property
    def line(self) -> float:
        """Line height of a heading."""
        return round(1.3 * self.font)

    @property
    def margin(self) -> float:
        """Around the whole map."""
        return round(0.5 * self.font)

    @property
    def stroke(self) -> float:
        """An arrow's line width."""
        return round(1.4 * self.scale, 1)

    @property
    def outline(self) -> float:
        """A box's outline width."""
        return round(1.2 * self.scale, 1)


@dataclass
class _Node:
    name: str
    col: int
    band: int
    index: int
    y0: float
    y1: float
    x0: float = 0.0
    x1: float = 0.0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def side_x(self, side: str) -> float:
        return self.x0 if side == "left" else self.x1


@dataclass
class _Edge:
    index: int
    start: _Node
    end: _Node
    stacked: bool  # through the gap between two stacked boxes; otherwise beside a column
    gutter: int = -1  # gutter g lies left of column g
    sides: tuple[str, str] = ("", "")
    straight: bool = False  # level boxes in neighbouring columns: no lane needed
    lane: int = -1
    lane_x: float = 0.0
    ports: list[float] = field(default_factory=lambda: [0.0, 0.0])

    def node(self, which: int) -> _Node:
        return self.start if which == 0 else self.end

    def heading(self, which: int) -> int:
        """-1 when the other end is higher than this end ``which``, +1 lower, 0 level."""
        here, there = self.node(which).cy, self.node(1 - which).cy
        return (there > here) - (there < here)

    @property
    def span(self) -> tuple[float, float]:
        lo, hi = sorted((self.start.cy, self.end.cy))
        return lo, hi


End = tuple[_Edge, int]
"""One end of an arrow: the edge, and 0 for its start or 1 for its end."""


class Roadmap(NamedTuple):
    """The laid-out map, as the frames ``roadmap_chart`` draws (all positions in pixels).

    ``nodes``: one row per topic: ``name``, ``label``, ``pillar``, ``status``, ``url``,
    ``summary``, its box ``x``–``x2`` by ``y``–``y2``, its label's centre ``cx``, ``cy``, and
    the ``font`` and box ``outline`` sizes. ``edges``: the points of each arrow's path in
    order (``edge``, ``step``, ``x``, ``y``), with the ``start`` and ``end`` topic names and
    the line ``width``; the path stops where its arrowhead begins. ``heads``: one arrowhead
    per edge: the symbol's centre ``x``, ``y``, its ``angle`` in degrees clockwise from +x,
    its ``size`` (area, the square of its length) and the ``tip_x``, ``tip_y`` it points
    with. ``titles``: one row per line of a pillar's heading: its ``text``, left ``x`` and
    middle ``y``, its extent ``x``–``x2`` by ``y0``–``y2``, and ``font``.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    heads: pd.DataFrame
    titles: pd.DataFrame


def layout(
    pillars: Sequence[Pillar],
    prerequisites: Sequence[tuple[str, str]],
    *,
    carry: Mapping[str, str] | None = None,
    projector: bool = False,
    columns: Sequence[Sequence[str]] = MAP_COLUMNS,
) -> Roadmap:
    """Place every topic and route every prerequisite arrow around the boxes.

    Parameters
    ----------
    pillars : sequence of Pillar
        The pillars with their topics.
    prerequisites : sequence of (str, str)
        Arrows as (from topic, to topic) names.
    carry : mapping, optional
        Query parameters every topic link carries along, such as ``{"projector": "true"}``.
    projector : bool
        Lay out for projector type: every size grows with the theme's scale.
    columns : sequence of sequences of str
        Pillar names per column of the map, left to right, each column top to bottom. A
        pillar not named gets a column of its own on the right.

    Returns
    -------
    Roadmap
        The ``nodes``, ``edges``, ``heads`` and ``titles`` frames.

    Raises
    ------
    ValueError
        When an arrow would have to cross a column: its topics' pillars must share a column
        or sit in neighbouring columns.
    """
    k = theme.scale(projector)
    m = Metrics(font_size(projector), k)
    grid = _arrange(pillars, columns)
    widths = [max(text_width(t.label, m.font) for p in col for t in p.topics) for col in grid]
    widths = [w + 2 * m.pad for w in widths]
    headings = {
        p.name: wrap(p.name, m.font, widths[c], bold=True)
        for c, col in enumerate(grid)
        for p in col
    }
    for c, col in enumerate(grid):  # a single word wider than the boxes widens the column
        for p in col:
            widths[c] = max(
                widths[c], *(text_width(s, m.font, bold=True) for s in headings[p.name])
            )
    placed, tops = _stack(grid, headings, m)
    edges = _classify(placed, prerequisites, len(grid))
    lanes = _lanes(edges, m)
    lane_x = _place_x(placed, widths, lanes, m)
    for edge in edges:
        if edge.lane >= 0:
            edge.lane_x = lane_x[edge.gutter][edge.lane]
    _ports(edges, m)
    paths, heads = _paths(edges, m)
    return Roadmap(
        _nodes_frame(pillars, placed, m, carry),
        paths,
        heads,
        _titles_frame(grid, headings, tops, placed, m),
    )


def _arrange(pillars: Sequence[Pillar], columns: Sequence[Sequence[str]]) -> list[list[Pillar]]:
    by_name = {p.name: p for p in pillars}
    grid = [[by_name[name] for name in col if name in by_name] for col in columns]
    named = {p.name for col in grid for p in col}
    grid += [[p] for p in pillars if p.name not in named]
    return [col for col in grid if col]


def _stack(
    grid: list[list[Pillar]], headings: Mapping[str, list[str]], m: Metrics
) -> tuple[dict[str, _Node], dict[str, float]]:
    """Each topic's box, top to bottom, and each heading's top; pillars of a depth start level."""
    placed: dict[str, _Node] = {}
    tops: dict[str, float] = {}
    bottom = [float(m.margin)] * len(grid)
    for band in range(max(len(col) for col in grid)):
        here = [c for c, col in enumerate(grid) if band < len(col)]
        top = max(bottom[c] for c in here) + (m.gap if band else 0)
        lines = max(len(headings[grid[c][band].name]) for c in here)
        for c in here:
            pillar = grid[c][band]
            # A heading of fewer lines than its neighbours sits just above its boxes.
            tops[pillar.name] = top + (lines - len(headings[pillar.name])) * m.line
            y = top + lines * m.line + 0.5 * m.font
            for i, topic in enumerate(pillar.topics):
                placed[topic.name] = _Node(topic.name, c, band, i, y, y + m.box)
                y += m.box + m.gap
            bottom[c] = y - m.gap
    return placed, tops


def _classify(
    placed: Mapping[str, _Node], prerequisites: Sequence[tuple[str, str]], n_cols: int
) -> list[_Edge]:
    """Which way each arrow goes: through a gap, or along a lane in which gutter."""
    edges = []
    for i, (a, b) in enumerate(prerequisites):
        s, t = placed[a], placed[b]
        if s.col == t.col and s.band == t.band and abs(s.index - t.index) == 1:
            edges.append(_Edge(i, s, t, stacked=True))
        elif abs(s.col - t.col) == 1:
            sides = ("right", "left") if t.col > s.col else ("left", "right")
            gutter = max(s.col, t.col)
            level = s.cy == t.cy
            edges.append(_Edge(i, s, t, False, gutter, sides, straight=level))
        elif s.col != t.col:
            raise ValueError(
                f"the arrow {a} → {b} would cross a column: put their pillars in the same "
                "or neighbouring columns"
            )
        else:
            edges.append(_Edge(i, s, t, stacked=False))
    # An arrow within a column runs beside it, on the side fewer arrows use.
    crossing: dict[int, int] = defaultdict(int)
    for edge in edges:
        crossing[edge.gutter] += 1
    for edge in edges:
        if not edge.stacked and edge.gutter < 0:
            col = edge.start.col
            left = col == 0 or (col < n_cols - 1 and crossing[col] <= crossing[col + 1])
            edge.gutter = col if left else col + 1
            edge.sides = ("left", "left") if left else ("right", "right")
    return edges


def _slot(node: _Node, k: int, n: int, m: Metrics) -> float:
    """The height of the k-th of n ports spread evenly down a side of the box."""
    return node.y0 + m.box * (k + 1) / (n + 1)


def _lanes(edges: Sequence[_Edge], m: Metrics) -> dict[int, int]:
    """Give each arrow that needs one a lane in its gutter; return the lanes per gutter.

    The shortest runs take the lanes nearest the boxes (lane 0 is next to the column for the
    outer gutters, the leftmost for the others); runs that overlap or nearly touch differ.
    """
    runs: dict[int, list[list[tuple[float, float]]]] = defaultdict(list)
    needing = [e for e in edges if not e.stacked and not e.straight]
    for e in sorted(needing, key=lambda e: (e.span[1] - e.span[0], e.index)):
        lo, hi = e.span
        lanes = runs[e.gutter]
        free = (
            k
            for k, taken in enumerate(lanes)
            if all(lo > b + m.box or a > hi + m.box for a, b in taken)
        )
        e.lane = next(free, len(lanes))
        if e.lane == len(lanes):
            lanes.append([])
        lanes[e.lane].append((lo, hi))
    return {g: len(lanes) for g, lanes in runs.items()}


def _place_x(
    placed: Mapping[str, _Node], widths: Sequence[float], lanes: Mapping[int, int], m: Metrics
) -> dict[int, list[float]]:
    """Set every box's left and right; return the x of each lane, per gutter."""
    n_cols = len(widths)
    lane_x: dict[int, list[float]] = {}
    x = float(m.margin)
    left = lanes.get(0, 0)
    if left:
        x += m.reach + (left - 1) * m.lane
    starts = []
    for c, width in enumerate(widths):
        if c:
            n = lanes.get(c, 0)
            gutter = max(2.5 * m.font, 2 * m.reach + (n - 1) * m.lane if n else 0.0)
            lane_x[c] = [x + (gutter - (n - 1) * m.lane) / 2 + k * m.lane for k in range(n)]
            x += gutter
        starts.append(x)
        x += width
    lane_x[0] = [starts[0] - m.reach - k * m.lane for k in range(left)]
    lane_x[n_cols] = [x + m.reach + k * m.lane for k in range(lanes.get(n_cols, 0))]
    for node in placed.values():
        node.x0 = starts[node.col]
        node.x1 = node.x0 + widths[node.col]
    return lane_x


def _ports(edges: Sequence[_Edge], m: Metrics) -> None:
    """Spread the ports down the sides so that no stub runs along or across another.

    The two boxes of a row facing each other across a gutter share one sequence of ports, so
    stubs from either side never lie on one line; a straight arrow between them takes one
    port for both ends. Top to bottom: arrows going up, the nearer lane first; level arrows;
    arrows going down, the farther lane first. So no stub crosses a neighbour's lane.
    """
    rows: dict[tuple[int, float], dict[int, tuple[_Edge, int]]] = defaultdict(dict)
    for e in edges:
        if not e.stacked:
            for which in (0, 1):
                rows[e.gutter, e.node(which).y0].setdefault(e.index, (e, which))
    for row in rows.values():

        def key(end: End) -> tuple[int, float]:
            e, w = end
            heading = e.heading(w)
            far = 0.0 if e.straight else abs(e.lane_x - e.node(w).side_x(e.sides[w]))
            return heading, far if heading < 0 else -far if heading > 0 else e.index

        ordered = sorted(row.values(), key=key)
        for k, (e, w) in enumerate(ordered):
            e.ports[w] = _slot(e.node(w), k, len(ordered), m)
            if e.straight:
                e.ports[1 - w] = e.ports[w]


def _rounded(points: list[tuple[float, float]], radius: float) -> list[tuple[float, float]]:
    """An orthogonal polyline with each corner replaced by a short curve."""
    out = [points[0]]
    for a, b, c in zip(points, points[1:], points[2:], strict=False):
        ab, bc = math.dist(a, b), math.dist(b, c)
        r = min(radius, ab / 2, bc / 2)
        if r <= 0:
            continue
        p = (b[0] + (a[0] - b[0]) * r / ab, b[1] + (a[1] - b[1]) * r / ab)
        q = (b[0] + (c[0] - b[0]) * r / bc, b[1] + (c[1] - b[1]) * r / bc)
        out.extend(
            (
                (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * b[0] + t**2 * q[0],
                (1 - t) ** 2 * p[1] + 2 * (1 - t) * t * b[1] + t**2 * q[1],
            )
            for t in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
        )
    out.append(points[-1])
    return out


def _route(e: _Edge, m: Metrics) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """The corners of an arrow's path up to its head, and the head's tip."""
    s, t = e.start, e.end
    if e.stacked:
        down = t.y0 > s.y0
        x = (s.x0 + s.x1) / 2
        y0, tip = (s.y1, t.y0) if down else (s.y0, t.y1)
        return [(x, y0), (x, tip - m.head if down else tip + m.head)], (x, tip)
    x0, x1 = s.side_x(e.sides[0]), t.side_x(e.sides[1])
    y0, y1 = e.ports
    into = 1.0 if e.sides[1] == "left" else -1.0  # the head points right into a left side
    base = x1 - into * m.head
    if e.straight:
        return [(x0, y0), (base, y1)], (x1, y1)
    return [(x0, y0), (e.lane_x, y0), (e.lane_x, y1), (base, y1)], (x1, y1)


def _paths(edges: Sequence[_Edge], m: Metrics) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, heads = [], []
    for e in edges:
        corners, tip = _route(e, m)
        for step, (x, y) in enumerate(_rounded(corners, m.radius)):
            rows.append(
                {
                    "edge": e.index,
                    "step": step,
                    "x": x,
                    "y": y,
                    "start": e.start.name,
                    "end": e.end.name,
                    "width": m.stroke,
                }
            )
        base = corners[-1]
        dx, dy = (tip[0] - base[0]) / m.head, (tip[1] - base[1]) / m.head
        heads.append(
            {
                "edge": e.index,
                "x": tip[0] - dx * m.head / 2,
                "y": tip[1] - dy * m.head / 2,
                "angle": math.degrees(math.atan2(dy, dx)) % 360,
                "size": m.head**2,
                "tip_x": tip[0],
                "tip_y": tip[1],
            }
        )
    return pd.DataFrame(rows), pd.DataFrame(heads)


def _nodes_frame(
    pillars: Sequence[Pillar],
    placed: Mapping[str, _Node],
    m: Metrics,
    carry: Mapping[str, str] | None,
) -> pd.DataFrame:
    rows = []
    for pillar in pillars:
        for topic in pillar.topics:
            node = placed[topic.name]
            query = urlencode({"topic": topic.label, **(carry or {})})
            rows.append(
                {
                    "name": topic.name,
                    "label": topic.label,
                    "pillar": pillar.name,
                    "status": "ready" if pillar.built else "coming",
                    "url": f"{pillar.url_path}?{query}" if pillar.built else None,
                    "summary": topic.summary,
                    "x": node.x0,
                    "x2": node.x1,
                    "y": node.y0,
                    "y2": node.y1,
                    "cx": (node.x0 + node.x1) / 2,
                    "cy": node.cy,
                    "font": m.font,
                    "outline": m.outline,
                }
            )
    return pd.DataFrame(rows)


def _titles_frame(
    grid: list[list[Pillar]],
    headings: Mapping[str, list[str]],
    tops: Mapping[str, float],
    placed: Mapping[str, _Node],
    m: Metrics,
) -> pd.DataFrame:
    rows = []
    for col in grid:
        for pillar in col:
            x = placed[pillar.topics[0].name].x0
            for i, text in enumerate(headings[pillar.name]):
                y0 = tops[pillar.name] + i * m.line
                rows.append(
                    {
                        "pillar": pillar.name,
                        "text": text,
                        "x": x,
                        "y": y0 + m.line / 2,
                        "x2": x + text_width(text, m.font, bold=True),
                        "y0": y0,
                        "y2": y0 + m.line,
                        "font": m.font,
                    }
                )
    return pd.DataFrame(rows)


def roadmap_chart(
    nodes: pd.DataFrame, edges: pd.DataFrame, heads: pd.DataFrame, titles: pd.DataFrame
) -> alt.LayerChart | alt.FacetChart:
    """The map itself; click a ready topic's box or label to open it.

    Parameters
    ----------
    nodes, edges, heads, titles : DataFrame
        As ``layout`` returns them, in pixels.

    Returns
    -------
    alt.LayerChart
        Boxes under their pillars' headings, joined by arrows, drawn at one pixel per unit:
        as wide and tall as the layout (the same margin all round).

    Notes
    -----
    The type size comes from the frames' ``font`` column, not the theme: the layout sized
    every box and gutter for it (the theme's text size, scaled like it for a projector).
    """
    # The layout starts at its margin; the same margin on the far sides closes the map.
    left = min(nodes["x"].min(), edges["x"].min())
    top = titles["y0"].min()
    width = math.ceil(max(nodes["x2"].max(), edges["x"].max(), titles["x2"].max()) + left)
    height = math.ceil(nodes["y2"].max() + top)
    across = alt.Scale(domain=[0, width], nice=False, zero=False)
    down = alt.Scale(domain=[0, height], nice=False, zero=False, reverse=True)
    x, y = alt.X("x:Q", axis=None, scale=across), alt.Y("y:Q", axis=None, scale=down)
    status = ["ready", "coming"]
    tooltip = [alt.Tooltip("label:N", title="topic"), alt.Tooltip("summary:N", title="shows")]
    boxes = (
        alt.Chart(nodes)
        .mark_rect(cornerRadius=4)
        .encode(
            x=x,
            x2="x2:Q",
            y=y,
            y2="y2:Q",
            fill=alt.Fill(
                "status:N",
                legend=None,
                scale=alt.Scale(domain=status, range=["#eaf3fa", "#f4f4f4"]),
            ),
            stroke=alt.Stroke(
                "status:N",
                legend=None,
                scale=alt.Scale(domain=status, range=[COLORS["blue"], "#c8c8c8"]),
            ),
            strokeWidth=alt.StrokeWidth("outline:Q", scale=None),
            href=alt.Href("url:N"),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(nodes)
        .mark_text(align="center", baseline="middle")
        .encode(
            x=alt.X("cx:Q", axis=None, scale=across),
            y=alt.Y("cy:Q", axis=None, scale=down),
            text=alt.Text("label:N"),
            size=alt.Size("font:Q", scale=None),
            href=alt.Href("url:N"),
            tooltip=tooltip,
            color=alt.Color(
                "status:N",
                legend=None,
                scale=alt.Scale(domain=status, range=[COLORS["ink"], COLORS["grey"]]),
            ),
        )
    )
    lines = (
        alt.Chart(edges)
        .mark_line(color=COLORS["grey"], strokeCap="round", strokeJoin="round")
        .encode(
            x=x,
            y=y,
            detail=alt.Detail("edge:N"),
            order=alt.Order("step:Q"),
            strokeWidth=alt.StrokeWidth("width:Q", scale=None),
        )
    )
    tips = (
        alt.Chart(heads)
        .mark_point(shape=HEAD, filled=True, opacity=1, color=COLORS["grey"], strokeWidth=0)
        .encode(
            x=x,
            y=y,
            angle=alt.Angle("angle:Q", scale=None),
            size=alt.Size("size:Q", scale=None),
        )
    )
    names = (
        alt.Chart(titles)
        .mark_text(align="left", baseline="middle", fontWeight="bold")
        .encode(x=x, y=y, text=alt.Text("text:N"), size=alt.Size("font:Q", scale=None))
    )
    return alt.layer(boxes, labels, lines, tips, names).properties(width=width, height=height)
