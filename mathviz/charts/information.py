"""Altair charts for the Information theory page: tidy DataFrames in, charts out.

``candidates_chart``   the guessing game: the chance left on the numbers in view, split at k
``scores_chart``       question counts side by side: yours, the computer's, H and log₂ N
``compare_chart``      two distributions P and Q side by side
``code_length_chart``  bars of width p(x) and height a code length: the area is H or H(P, Q)
``kl_terms_chart``     each outcome's share of KL(P ‖ Q), positive or negative
``question_tree_chart``  the game's answers as a path down a binary tree of ranges

``code_bar_frames``    the tidy frames the code-length chart draws, from ``it.CodeBars``
``tree_frame``         the question tree's nodes, from ``it.question_tree``
``answer_sides``       each number's side of "is it ≤ k?", the candidates chart's colours
``zoom_window``        the numbers the candidates chart shows: what is left, and a margin
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz import information as it
from mathviz.charts.theme import COLORS, SIZES, inner_y_axis

SIDES = ["yes: ≤ k", "no: > k", "ruled out", "found"]
SIDE_COLORS = alt.Scale(
    domain=SIDES, range=[COLORS["blue"], COLORS["orange"], "#d9d9d9", COLORS["green"]]
)
PICK_K = "pick_k"
"""The candidates chart's click selection: the number clicked becomes the question's k."""
KINDS = ["you", "computer", "bound"]
KIND_COLORS = alt.Scale(domain=KINDS, range=[COLORS["vermillion"], COLORS["blue"], COLORS["grey"]])
PAIR_COLORS = alt.Scale(domain=["P", "Q"], range=[COLORS["blue"], COLORS["orange"]])


def answer_sides(left: ArrayLike, k: int, *, found: int | None = None) -> np.ndarray:
    """Each number's side of "is it ≤ k?": one of ``SIDES``, for the candidates chart.

    Parameters
    ----------
    left : array_like
        The probability left on each number 1…N; a number of probability 0 is ruled out.
    k : int
        The question's k.
    found : int, optional
        The secret, once the answers have found it: it gets its own colour.

    Examples
    --------
    >>> answer_sides([0.0, 0.5, 0.5], 2).tolist()
    ['ruled out', 'yes: ≤ k', 'no: > k']
    >>> answer_sides([0.0, 1.0, 0.0], 2, found=2).tolist()
    ['ruled out', 'found', 'ruled out']
    """
    left = np.asarray(left, dtype=float)
    values = np.arange(1, left.size + 1)
    sides = np.where(left == 0, SIDES[2], np.where(values <= k, SIDES[0], SIDES[1]))
    if found is not None:
        sides = np.where(values == found, SIDES[3], SIDES[2])
    return sides


def zoom_window(low: int, high: int, first: int, last: int) -> tuple[int, int]:
    """The numbers the candidates chart shows: the still-possible low…high and a margin.

    A quarter of the range on each side (at least two numbers) keeps the numbers the last
    answers ruled out in view, greyed; the window never leaves first…last, the numbers the
    game could ever draw.

    Examples
    --------
    >>> zoom_window(1, 1024, 1, 1024)
    (1, 1024)
    >>> zoom_window(513, 768, 1, 1024)
    (449, 832)
    >>> zoom_window(700, 700, 698, 702)
    (698, 702)
    """
    if not first <= low <= high <= last:
        raise ValueError(f"need first ≤ low ≤ high ≤ last; got {first}, {low}, {high}, {last}")
    margin = max(2, (high - low + 1) // 4)
    return max(first, low - margin), min(last, high + margin)


def _tooltip(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    return [alt.Tooltip(field, title=title, format=".4~g") for field, title in fields]


def candidates_chart(mass: pd.DataFrame) -> alt.Chart:
    """The chance of each number in view, coloured by the answer it would give to "≤ k?".

    A click on a number selects it (``PICK_K``), for the game to ask "is it ≤ that?".

    Parameters
    ----------
    mass : DataFrame
        Columns ``value`` (the numbers in view, consecutive), ``probability`` (each number's
        chance p(x), the same all round; a ruled-out number is drawn grey) and ``side``
        (one of ``SIDES``). The x axis spans exactly the numbers in the frame, half a
        number either side.

    Returns
    -------
    alt.Chart
    """
    return (
        alt.Chart(mass)
        .transform_calculate(left="datum.value - 0.5", right="datum.value + 0.5")
        .transform_joinaggregate(shown="count()")
        .mark_rect(stroke="white")
        .encode(
            # White gaps between bars a few pixels wide; none between hundreds of thin ones.
            strokeWidth=alt.condition("datum.shown <= 200", alt.value(0.5), alt.value(0)),
            x=alt.X(
                "left:Q",
                title="the number",
                scale=alt.Scale(zero=False, nice=False),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            x2="right:Q",
            y=alt.Y("probability:Q", title="chance p(x)"),
            y2=alt.datum(0),
            color=alt.Color(
                "side:N", scale=SIDE_COLORS, title=None, legend=alt.Legend(orient="top", columns=4)
            ),
            tooltip=[
                alt.Tooltip("value:Q", title="number"),
                alt.Tooltip("probability:Q", format=".4~g"),
                alt.Tooltip("side:N"),
            ],
        )
        .properties(height=SIZES["main"])
        .add_params(alt.selection_point(name=PICK_K, fields=["value"], on="click", clear=False))
    )


TREE_SIDES = ["start", "yes", "no", "ruled out", "found"]
TREE_COLORS = alt.Scale(
    domain=TREE_SIDES,
    range=[COLORS["ink"], COLORS["blue"], COLORS["orange"], "#bdbdbd", COLORS["green"]],
)

TREE_TEXT_COLORS = alt.Scale(
    domain=TREE_SIDES,
    range=[COLORS["ink"], COLORS["blue"], "#a36400", "#707070", "#00805e"],
)
"""The tree's labels: its colours, darkened to read on white (contrast 4.5 : 1 or more)."""


STUB = 0.45
"""How far right of the spine a ruled-out range stands, in the tree's x units."""
TREE_ROW = 34
"""Pixels per row of the question tree (a question and its answer)."""


def tree_frame(nodes: Sequence[it.TreeNode], *, found: bool) -> pd.DataFrame:
    """The question tree's nodes as ``question_tree_chart`` draws them: a spine and stubs.

    The ranges the answers kept stand one under the other on a vertical spine (x = 0), the
    start on top. Each question's other answer, the range it ruled out, is a short stub off
    the spine to the right, half-way down the edge the question stands on. Nothing crosses,
    however the answers go.

    Parameters
    ----------
    nodes : sequence of it.TreeNode
        From ``it.question_tree``.
    found : bool
        Whether the last node on the path is the secret, found.

    Returns
    -------
    DataFrame
        Columns depth, x, y, parent_x, parent_y (where the edge to the node starts),
        label ("low…high", a ruled-out one "yes: low…high" or "no: low…high"), kind (one
        of ``TREE_SIDES``) and question ("≤ k? yes" on a kept node: the question asked
        above it and the answer that led to it; "" elsewhere).
    """
    path_end = max((n.depth for n in nodes), default=0)
    # The question asked at depth d − 1 is "≤ k?", k the top of its yes-child.
    asked = {n.depth: n.high for n in nodes if n.answer == "yes"}
    rows = []
    for node in nodes:
        label = f"{node.low}" if node.low == node.high else f"{node.low}…{node.high}"
        if node.taken:
            kind = "found" if found and node.depth == path_end and node.depth else node.answer
            x, y, parent_x, parent_y = 0.0, float(node.depth), 0.0, node.depth - 1.0
            question = f"≤ {asked[node.depth]}? {node.answer}" if node.answer != "start" else ""
        else:
            kind = "ruled out"
            x, y, parent_x, parent_y = STUB, node.depth - 0.5, 0.0, node.depth - 0.5
            label = f"{node.answer}: {label}"
            question = ""
        rows.append((node.depth, x, y, parent_x, parent_y, label, kind, question))
    columns = ["depth", "x", "y", "parent_x", "parent_y", "label", "kind", "question"]
    return pd.DataFrame(rows, columns=columns)


def question_tree_chart(
    tree: pd.DataFrame, *, levels: int, big: bool = False
) -> alt.LayerChart | alt.FacetChart:
    """The answers so far as a spine of kept ranges, each ruled-out range a stub beside it.

    Parameters
    ----------
    tree : DataFrame
        As ``tree_frame`` makes it.
    levels : int
        How many rows of ranges to make room for (the chart grows with it).
    big : bool
        Projector mode: bigger labels and dots.

    Returns
    -------
    alt.LayerChart
    """
    k = 1.35 if big else 1.0
    x_scale = alt.Scale(domain=[-1.0, 1.6], nice=False)
    y_scale = alt.Scale(domain=[-0.45, levels - 0.55], reverse=True, nice=False)
    x = alt.X("x:Q", scale=x_scale, axis=None)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    color = alt.Color("kind:N", scale=TREE_COLORS, title=None, legend=None)
    edges = (
        alt.Chart(tree)
        .transform_filter("datum.depth > 0")
        .mark_rule(strokeWidth=2.5 * k)
        .encode(
            x=alt.X("parent_x:Q", scale=x_scale, axis=None),
            x2="x:Q",
            y=alt.Y("parent_y:Q", scale=y_scale, axis=None),
            y2="y:Q",
            color=color,
        )
    )
    dots = (
        alt.Chart(tree)
        .mark_point(filled=True, opacity=1, size=SIZES["point"] * 2.5 * k * k)
        .encode(x=x, y=y, color=color)
    )
    halo: dict[str, Any] = {
        "stroke": "white",
        "strokeWidth": 5,
        "strokeJoin": "round",
        "color": "white",
    }
    ink = alt.Color("kind:N", scale=TREE_TEXT_COLORS, title=None, legend=None)
    # The theme's type, 12 px; on a projector a little more than its 19, as the labels are
    # the whole of the tree.
    size: dict[str, Any] = {"fontSize": 22} if big else {}
    looks: list[tuple[dict[str, Any], dict[str, Any]]] = [(halo, {}), ({}, {"color": ink})]
    # Each range to the right of its dot: a kept one bold, a ruled-out one plain.
    labels = [
        alt.Chart(tree)
        .transform_filter(f"(datum.kind == 'ruled out') == {ruled}")
        .mark_text(
            align="left",
            baseline="middle",
            dx=11 * k,
            **size,
            fontWeight="normal" if ruled == "true" else "bold",
            **style,
        )
        .encode(x=x, y=y, text="label:N", **colour)
        for ruled in ("false", "true")
        for style, colour in looks
    ]
    # Each question to the left of the spine, level with the stub it split off.
    asked = (
        alt.Chart(tree)
        .transform_filter("datum.question != ''")
        .transform_calculate(middle="datum.y - 0.5")
    )
    questions = [
        asked.mark_text(align="right", baseline="middle", dx=-10 * k, **size, **style).encode(
            x=alt.datum(0.0, scale=x_scale),
            y=alt.Y("middle:Q", scale=y_scale),
            text="question:N",
            **colour,
        )
        for style, colour in looks
    ]
    # Independent colours: the labels' darker greys are not merged into the dots' scale.
    return (
        alt.layer(edges, dots, *labels, *questions)
        .resolve_scale(color="independent")
        .properties(height=30 + TREE_ROW * levels)
    )


INSIDE = 0.75
"""A score longer than this share of the longest is written inside its bar's end."""
SCORE_FORMAT = ".4~g"
"""Four significant digits, as the metrics above the scores write the same numbers."""


def scores_chart(
    scores: pd.DataFrame, *, rows: int | None = None
) -> alt.LayerChart | alt.FacetChart:
    """Average numbers of questions, one bar each, with their values written on them.

    The rows keep the frame's order through a row number computed in the browser, so a
    stored chart shape serves any list of players.

    Parameters
    ----------
    scores : DataFrame
        Columns ``who`` (a label, in the order to draw), ``questions`` and ``kind`` (one
        of ``KINDS``).
    rows : int, optional
        How many rows to make room for (default: the frame's); it fixes the height.

    Returns
    -------
    alt.LayerChart
    """
    rows = len(scores) if rows is None else rows
    order = alt.EncodingSortField(field="order", op="min")
    y = alt.Y("who:N", title=None, sort=order, axis=alt.Axis(labelLimit=240, labelOverlap=False))
    numbered = alt.Chart(scores).transform_window(order="row_number()")
    bars = numbered.mark_bar().encode(
        x=alt.X("questions:Q", title="questions"),
        y=y,
        color=alt.Color("kind:N", scale=KIND_COLORS, title=None, legend=None),
        tooltip=[alt.Tooltip("who:N"), *_tooltip(("questions:Q", "questions"))],
    )
    # Each value beside its bar, or inside the end of the longest ones, where beside it
    # would run past the chart's right edge.
    placed = numbered.transform_joinaggregate(longest="max(questions)").transform_calculate(
        inside=f"datum.questions > {INSIDE} * datum.longest"
    )
    text = alt.Text("questions:Q", format=SCORE_FORMAT)
    beside = (
        placed.transform_filter("!datum.inside")
        .mark_text(align="left", dx=4, color=COLORS["ink"])
        .encode(x=alt.X("questions:Q"), y=y, text=text)
    )
    within = (
        placed.transform_filter("datum.inside")
        .mark_text(align="right", dx=-4, color="white", fontWeight="bold")
        .encode(x=alt.X("questions:Q"), y=y, text=text)
    )
    return alt.layer(bars, beside, within).properties(height=40 * rows + 20)


def compare_chart(pair: pd.DataFrame) -> alt.Chart:
    """Two distributions over the same outcomes, bar beside bar.

    Parameters
    ----------
    pair : DataFrame
        Columns ``outcome`` (a label), ``probability`` and ``which`` ("P" or "Q").

    Returns
    -------
    alt.Chart
    """
    order = list(dict.fromkeys(pair["outcome"].tolist()))
    return (
        alt.Chart(pair)
        .mark_bar()
        .encode(
            x=alt.X("outcome:N", title=None, sort=order, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("which:N", sort=["P", "Q"]),
            y=alt.Y("probability:Q", title="probability", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "which:N", scale=PAIR_COLORS, title=None, legend=alt.Legend(orient="top")
            ),
            tooltip=[
                alt.Tooltip("which:N"),
                alt.Tooltip("outcome:N"),
                *_tooltip(("probability:Q", "probability")),
            ],
        )
        .properties(height=SIZES["height"] - 60)
    )


# ---------------------------------------------------------------- entropy as an area


def code_parts(model: str = "Q") -> list[str]:
    """The three parts of a bar coded with ``model``'s lengths, as the legend names them.

    >>> code_parts("P")[1]
    "extra: P's code is longer"
    """
    return [
        "shared: the shorter length",
        f"extra: {model}'s code is longer",
        f"saved: {model}'s code is shorter",
    ]


CODE_PARTS = code_parts("Q")
CODE_RANGE = [COLORS["sky"], COLORS["vermillion"], COLORS["green"]]
CODE_COLORS = alt.Scale(domain=CODE_PARTS, range=CODE_RANGE)
SEEN_WIDTH = 0.002
"""A bar at least this wide (a pixel or so) frames the y axis; thinner ones are cut at its top."""
LABEL_WIDTH = 0.035
"""A bar narrower than this share of the axis is not labelled: its name would not fit."""


def _finite(values: ArrayLike) -> np.ndarray:
    """Infinities as nan, which reach Vega as null: a tooltip shows nothing, not "Infinity"."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def _bits(value: float) -> str:
    """``1 bit``, ``1.75 bits``, ``inf bits`` (written ∞ later): three significant digits."""
    text = f"{value:.3g}"
    return f"{text} bit" if text == "1" else f"{text} bits"


def code_bar_frames(
    bars: it.CodeBars,
    outcomes: Sequence[str] | np.ndarray,
    *,
    compare: bool,
    code: ArrayLike | None = None,
    names: tuple[str, str] = ("P", "Q"),
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The frames of ``code_length_chart``: the bars' parts, their labels, the averages.

    Each outcome of positive probability is one bar from ``left`` to ``left + p``. Alone
    (``compare=False``) the bar reaches P's code length; with Q's code, the part both codes
    share is drawn up to the shorter of the two, and the rest is the extra length Q's code
    pays or the length it saves. The y axis reaches a little above the tallest bar at least
    ``SEEN_WIDTH`` wide; taller, thinner bars and infinite lengths (q(x) = 0) are cut there,
    and an infinite one is labelled ∞.

    Parameters
    ----------
    bars : it.CodeBars
        From ``it.code_bars(ps)`` or ``it.code_bars(ps, qs)``.
    outcomes : sequence of str, or ndarray
        The outcomes' names, one per bar (an integer array for numbered outcomes).
    compare : bool
        Whether ``bars`` uses Q's code lengths.
    code : array_like, optional
        A real code's whole-number lengths, one per outcome (Huffman's), drawn as ticks
        across the bars when ``compare`` is False: a column ``code``.
    names : (str, str)
        The names of the distribution the bars are as wide as and of the one whose code
        they use: ("Q", "P") draws KL(Q ‖ P), Q's bars with P's lengths.

    Returns
    -------
    parts, labels, averages : DataFrame
        ``parts``: outcome, left, bottom, top, part (categorical), p, own, length, share
        (the part's area: bits it adds to the average); a bar runs from left to left + p.
        Without Q only outcome, left, p, top and own: each bar stands on 0, its area p·own.
        ``labels``: outcome, x, y, text.
        ``averages``: name, bits (nan when infinite), text, side ("left" or "right"; one
        row "frame" holds the top of the y axis).
    """
    live = bars.width > 0
    # The axis is framed on the bars wide enough to see: a far tail of hair-thin bars, each
    # tens of bits tall and worth almost no area, would squash the rest to the floor.
    seen = bars.width >= SEEN_WIDTH if np.any(bars.width >= SEEN_WIDTH) else live
    lengths = np.concatenate([bars.own[seen], bars.length[seen]])
    finite = lengths[np.isfinite(lengths)]
    # An infinite length stands well clear of the rest, so it reads as "off the chart".
    room = 1.6 if finite.size < lengths.size else 1.15
    cap = max(1.0, room * float(finite.max(initial=0.0)))
    own, length = np.minimum(bars.own, cap), np.minimum(bars.length, cap)
    shared = np.minimum(own, length) if compare else own
    # Numbered outcomes may come as small integers: two bytes a bar instead of a string.
    outcome_names = np.asarray(outcomes)
    with np.errstate(invalid="ignore"):  # 0 × ∞ for an impossible outcome, dropped below
        base_area = bars.width * np.minimum(bars.own, bars.length)
    common = {
        "outcome": outcome_names,
        "left": bars.left,
        "p": bars.width,
        "own": _finite(bars.own),
        "length": _finite(bars.length),
    }
    frames = [
        pd.DataFrame(
            {
                **common,
                "bottom": 0.0,
                "top": shared,
                "part": CODE_PARTS[0],
                "share": _finite(bars.own_area if not compare else base_area),
            }
        )
    ]
    if compare:
        with np.errstate(invalid="ignore"):
            terms = np.where(live, bars.width * (bars.length - bars.own), 0.0)
        longer = pd.DataFrame(
            {**common, "bottom": own, "top": length, "part": CODE_PARTS[1], "share": _finite(terms)}
        )
        shorter = pd.DataFrame(
            {**common, "bottom": length, "top": own, "part": CODE_PARTS[2], "share": _finite(terms)}
        )
        frames += [longer[length > own], shorter[length < own]]
    parts = pd.concat(frames, ignore_index=True)
    part_names = code_parts(names[1])
    parts["part"] = parts["part"].map(dict(zip(CODE_PARTS, part_names, strict=True)))
    parts = parts[parts["p"] > 0].reset_index(drop=True)
    if not compare:  # one part per bar from 0: 1024 bars of five columns stay under 50 kB
        parts = parts[["outcome", "left", "p", "top", "own"]]
        if code is not None:
            lengths = np.asarray(code)[live]
            entropy_here = float(bars.own_area.sum())
            parts = parts.assign(
                code=np.minimum(lengths, cap).astype(np.float32),
                # A code length equal to H (every one, for a uniform 2ᵏ) would hide under
                # H's line: the chart lifts those dashes a few pixels above it.
                tie=np.abs(lengths - entropy_here) < 1e-9,
            )
    else:
        parts = parts[["outcome", "left", "bottom", "top", "part", "p", "own", "length", "share"]]
        # Sent once per distinct name, not once per bar.
        parts["part"] = pd.Categorical(parts["part"], categories=part_names)
    tall = np.maximum(own, length) if compare else own
    wide = live & (bars.width >= LABEL_WIDTH)
    infinite = ~np.isfinite(bars.length if compare else bars.own)
    texts = [
        f"{name} ∞" if inf else str(name) for name, inf in zip(outcome_names, infinite, strict=True)
    ]
    labels = pd.DataFrame(
        {
            "outcome": outcome_names,
            "x": bars.left + bars.width / 2,
            "y": tall,
            "text": texts,
            "infinite": infinite,
        }
    )[wide].reset_index(drop=True)
    entropy = float(bars.own_area.sum())
    first, second = names
    name = f"H({first})" if compare else "H"
    rows = [(name, entropy, f"{name} = {_bits(entropy)}", "left")]
    if compare:
        cross = float(bars.area.sum())
        both = f"H({first}, {second})"
        rows.append((both, cross, f"{both} = {_bits(cross)}", "right"))
    rows.append(("top", cap, "", "frame"))  # holds the y axis up when every bar is flat
    averages = pd.DataFrame(rows, columns=["name", "bits", "text", "side"])
    averages["text"] = averages["text"].str.replace("inf", "∞").str.replace("-", "−")
    averages["bits"] = _finite(averages["bits"])
    return parts, labels, averages


def code_length_chart(
    parts: pd.DataFrame,
    labels: pd.DataFrame,
    averages: pd.DataFrame,
    *,
    compare: bool = False,
    code: bool = False,
    height: int = SIZES["main"],
    model: str = "Q",
    infinite: bool = False,
    big: bool = False,
) -> alt.LayerChart | alt.FacetChart:
    """Entropy as an area: bars of width p(x) and height a code length, side by side on [0, 1].

    The bars' total width is 1, so their area is their average height: H(P) with P's own
    code, H(P, Q) with Q's. Each average is a dashed line across; the two lines are KL apart.

    Parameters
    ----------
    parts, labels, averages : DataFrame
        As ``code_bar_frames`` makes them.
    compare : bool
        Whether the parts include Q's extra and saved lengths: then a legend names them.
    code : bool
        Whether the parts carry a real code's lengths (``code``), drawn as dashes.
    height : int
        The chart's height in pixels, legend and axes included.
    model : str
        The name of the distribution whose code the bars use ("Q", or "P" for KL(Q ‖ P)):
        the legend names its extra and saved lengths.
    infinite : bool
        Whether a bar is infinitely tall (its code gives its outcome probability 0): the
        axis then ends exactly at the cut, where the bar is marked ∞.
    big : bool
        Projector mode: the ∞ mark grows with the type.

    Returns
    -------
    alt.LayerChart
    """
    x_scale = alt.Scale(domain=[0, 1], nice=False)
    # An infinite bar is cut at the frame's top, which the axis must end at.
    y_scale = alt.Scale(nice=False) if infinite else alt.Scale()
    wide = "q" if compare and model == "P" else "p"  # the distribution giving the widths
    x = alt.X(
        "left:Q",
        title=f"probability {wide}(x): each bar's width",
        scale=x_scale,
        axis=alt.Axis(format=".1~f", tickCount=5),
    )
    title = "code length: surprise in bits"
    # A white gap between bars, except between hair-thin ones, which it would wash out.
    gaps = alt.condition(f"datum.p >= {SEEN_WIDTH * 2}", alt.value(0.5), alt.value(0))
    bars = alt.Chart(parts).transform_calculate(right="datum.left + datum.p")
    if compare:
        rects = bars.mark_rect(stroke="white").encode(
            x=x,
            strokeWidth=gaps,
            x2="right:Q",
            y=alt.Y("bottom:Q", title=title, scale=y_scale),
            y2="top:Q",
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=code_parts(model), range=CODE_RANGE),
                title=None,
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip("outcome:N"),
                alt.Tooltip("part:N", title="part"),
                *_tooltip(
                    ("p:Q", f"{wide}(x) (width)"),
                    ("own:Q", f"log₂ 1/{wide}(x)"),
                    ("length:Q", f"log₂ 1/{model.lower()}(x)"),
                    ("share:Q", "area (bits)"),
                ),
            ],
        )
    else:
        rects = (
            bars.transform_calculate(area="datum.p * datum.own")
            .mark_rect(stroke="white", color=COLORS["sky"])
            .encode(
                x=x,
                strokeWidth=gaps,
                x2="right:Q",
                y=alt.Y("top:Q", title=title, scale=y_scale),
                y2=alt.datum(0),
                tooltip=[
                    alt.Tooltip("outcome:N"),
                    *_tooltip(
                        ("p:Q", "p(x) (width)"),
                        ("own:Q", "log₂ 1/p(x) (height)"),
                        ("area:Q", "area (bits)"),
                    ),
                ],
            )
        )
    # Names sit at the foot of their bars, clear of the averages' lines and labels.
    names = (
        alt.Chart(labels)
        .mark_text(baseline="bottom", dy=-3, color=COLORS["ink"])
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.datum(0, scale=y_scale), text="text:N")
    )
    frame = (
        alt.Chart(averages)
        .transform_filter("datum.side == 'frame'")
        .mark_point(opacity=0)
        .encode(y=alt.Y("bits:Q", scale=y_scale))
    )
    layers: list[alt.Chart] = [rects, frame, names]
    if infinite:
        layers += infinity_marks(labels, averages, x_scale, y_scale, big=big)
    if not compare:  # each bar's top edge, seen even when the bar is flat (a certainty)
        edges = bars.mark_rule(color=COLORS["blue"], strokeWidth=2)
        layers.insert(1, edges.encode(x=x, x2="right:Q", y=alt.Y("top:Q", scale=y_scale)))
        layers += cut_marks(parts, x_scale, y_scale)
    # Drawn in this order: the averages' lines, a real code's dashes over them, and the
    # averages' labels over everything.
    lines: list[alt.Chart] = []
    words: list[alt.Chart] = []
    sides: tuple[tuple[Literal["left", "right"], float], ...] = (("left", 0.0), ("right", 1.0))
    for side, where in sides:
        shown = alt.Chart(averages).transform_filter(
            f"datum.side == '{side}' && isValid(datum.bits)"
        )
        lines.append(
            shown.mark_rule(strokeDash=[6, 4], color=COLORS["ink"], strokeWidth=2).encode(
                y=alt.Y("bits:Q", scale=y_scale), tooltip=[alt.Tooltip("text:N", title="average")]
            )
        )
        # A white halo under the label keeps it legible where it crosses the bars.
        words.extend(
            shown.mark_text(
                align=side,
                baseline="bottom",
                dy=-4 - TIE_LIFT,
                dx=4 if side == "left" else -4,
                color="white" if halo else COLORS["ink"],
                fontWeight="bold",
                stroke="white" if halo else None,
                strokeWidth=5 if halo else 0,
                strokeJoin="round",
            ).encode(
                x=alt.datum(where, scale=x_scale),
                y=alt.Y("bits:Q", scale=y_scale),
                text="text:N",
            )
            for halo in (True, False)
        )
    layers += lines
    if code:  # a real code's whole-number lengths: never below the surprise on average
        dash: dict[str, Any] = {"color": COLORS["purple"], "strokeWidth": 2.5, "strokeDash": [5, 3]}
        # A length equal to H (all of them for a uniform 2ᵏ) is lifted clear of H's line.
        dashes = [
            bars.transform_filter("!datum.tie").mark_rule(**dash),
            bars.transform_filter("datum.tie").mark_rule(**dash, yOffset=-TIE_LIFT),
        ]
        layers += [d.encode(x=x, x2="right:Q", y=alt.Y("code:Q", scale=y_scale)) for d in dashes]
        key = (
            alt.Chart(averages)
            .transform_filter("datum.side == 'frame'")
            .mark_text(
                text="pink dashes: Huffman code lengths",
                align="right",
                baseline="top",
                dy=4,
                dx=-4,
                color=COLORS["purple"],
            )
            .encode(x=alt.datum(1.0, scale=x_scale), y=alt.Y("bits:Q", scale=y_scale))
        )
        layers.append(key)
    layers += words
    return alt.layer(*layers).properties(height=height)


def infinity_marks(
    labels: pd.DataFrame,
    averages: pd.DataFrame,
    x_scale: alt.Scale,
    y_scale: alt.Scale,
    *,
    big: bool = False,
) -> list[alt.Chart]:
    """An infinitely tall bar's mark: a bold ∞ just inside its cut top, under an arrow ↑.

    And the infinite average, whose dashed line cannot be drawn, written at the top left.
    """
    k = 1.6 if big else 1.0  # the theme's projector scale
    cut = alt.Chart(labels).transform_filter("datum.infinite")
    mark: dict[str, Any] = {"baseline": "top", "fontWeight": "bold", "color": "white"}
    arrows = [
        cut.mark_text(text=text, dy=dy, fontSize=size, **mark).encode(
            x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale)
        )
        for text, dy, size in (("↑", 4, 16 * k), ("∞", 22 * k, 26 * k))
    ]
    endless = (
        alt.Chart(averages)
        .transform_joinaggregate(ceiling="max(bits)")
        .transform_filter("datum.side != 'frame' && !isValid(datum.bits)")
        .transform_calculate(said="replace(datum.text, ' bits', ' (off the chart)')")
    )
    halo: dict[str, Any] = {"stroke": "white", "strokeWidth": 5, "strokeJoin": "round"}
    said = [
        endless.mark_text(
            align="left", baseline="top", dx=4, dy=4, fontWeight="bold", color=ink, **style
        ).encode(
            x=alt.datum(0.0, scale=x_scale),
            y=alt.Y("ceiling:Q", scale=y_scale),
            text="said:N",
        )
        for ink, style in (("white", halo), (COLORS["vermillion"], {}))
    ]
    return [*arrows, *said]


TIE_LIFT = 5
"""Pixels a Huffman dash equal to H is drawn above H's dashed line, so both stay in sight."""

CUT = "datum.own > datum.top"
"""The bars taller than the axis, drawn cut at its top (their true height is ``own``)."""


def cut_marks(parts: pd.DataFrame, x_scale: alt.Scale, y_scale: alt.Scale) -> list[alt.Chart]:
    """A ▲ on each bar cut at the axis's top; its tooltip gives the bar's true height.

    ``cut_summary`` says how many there are and how much area they hold above the axis.
    """
    cut = alt.Chart(parts).transform_filter(CUT)
    marks = (
        cut.transform_calculate(middle="datum.left + datum.p / 2")
        .mark_point(
            shape="triangle-up", filled=True, size=60, color=COLORS["vermillion"], opacity=1
        )
        .encode(
            x=alt.X("middle:Q", scale=x_scale),
            y=alt.Y("top:Q", scale=y_scale),
            tooltip=[
                alt.Tooltip("outcome:N"),
                *_tooltip(("own:Q", "true height: log₂ 1/p(x)"), ("p:Q", "p(x) (width)")),
            ],
        )
    )
    return [marks]


def cut_summary(parts: pd.DataFrame) -> tuple[int, float]:
    """How many bars ``code_bar_frames`` cut at the axis's top, and their area above it (bits).

    The area drawn plus this area is the whole of H.
    """
    cut = parts[parts["own"] > parts["top"]]
    return len(cut), float((cut["p"] * (cut["own"] - cut["top"])).sum())


def kl_signs(model: str = "Q") -> list[str]:
    """The key of the KL chart's colours, for KL(· ‖ model).

    >>> kl_signs("P")[0]
    'P expects it less: adds bits'
    """
    return [f"{model} expects it less: adds bits", f"{model} expects it more: takes bits off"]


KL_SIGNS = kl_signs("Q")
KL_RANGE = [COLORS["vermillion"], COLORS["green"]]
KL_COLORS = alt.Scale(domain=KL_SIGNS, range=KL_RANGE)


def kl_terms_chart(terms: pd.DataFrame, *, model: str = "Q") -> alt.LayerChart | alt.FacetChart:
    """Each outcome's share of KL(P ‖ Q), p(x) log₂ p(x)/q(x), as a bar above or below 0.

    Parameters
    ----------
    terms : DataFrame
        Columns ``outcome``, ``bits`` (the share, an infinite one cut to a finite height),
        ``sign`` (one of ``kl_signs(model)``) and ``text`` (the share as written on the bar).
    model : str
        The distribution in the denominator, log p(x)/q(x): "Q", or "P" for KL(Q ‖ P).

    Returns
    -------
    alt.LayerChart
    """
    order = list(dict.fromkeys(terms["outcome"].tolist()))
    x = alt.X("outcome:N", title=None, sort=order, axis=alt.Axis(labelAngle=0))
    y = alt.Y("bits:Q", title="share of KL (bits)")
    bars = (
        alt.Chart(terms)
        .mark_bar()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "sign:N",
                scale=alt.Scale(domain=kl_signs(model), range=KL_RANGE),
                title=None,
                legend=alt.Legend(orient="top", direction="vertical", labelLimit=400),
            ),
            tooltip=[alt.Tooltip("outcome:N"), alt.Tooltip("text:N", title="share of KL (bits)")],
        )
    )
    text = (
        alt.Chart(terms)
        .mark_text(baseline="bottom", dy=-3, color=COLORS["ink"])
        .encode(x=x, y=alt.Y("top:Q"), text="text:N")
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=COLORS["ink"]).encode(y="y:Q")
    return alt.layer(bars, text, zero).properties(height=SIZES["small_height"] + 90)


# ---------------------------------------------------------------- the classifier's loss

LOSS_TOP = 12.0
"""The loss curve's fixed top, in nats: q down to about 6 × 10⁻⁶ fits; higher losses are cut."""
LABEL_SIDE = 0.6
"""A point right of this q is labelled on its left, so the label stays inside the chart."""
LABEL_ALIGNS: tuple[tuple[str, Literal["left", "right"]], ...] = (("<=", "left"), (">", "right"))


def loss_curve_chart(curve: pd.DataFrame, point: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The loss −ln q against q(true class), with the model's q marked and its loss a height.

    The axes are fixed (q from 0 to 1, the loss from 0 to ``LOSS_TOP`` nats), so moving a
    logit slides the point along one curve: towards q = 1 the loss vanishes, towards q = 0 it
    shoots up. A loss above the top is drawn at the top with a ▲, its label giving the value.

    Parameters
    ----------
    curve : DataFrame
        Columns ``q`` and ``nats`` (``it.loss_curve``).
    point : DataFrame
        One row: ``q``, ``nats`` (the true loss), ``shown`` (the loss cut at ``LOSS_TOP``),
        ``text`` (the label) and ``above`` (whether the loss is cut).

    Returns
    -------
    alt.LayerChart
    """
    x_scale = alt.Scale(domain=[0, 1], nice=False)
    y_scale = alt.Scale(domain=[0, LOSS_TOP], nice=False)
    x = alt.X(
        "q:Q", title="q(true class): the probability the model gives the truth", scale=x_scale
    )
    y = alt.Y("nats:Q", title="loss −ln q (nats)", scale=y_scale)
    line = (
        alt.Chart(curve)
        .transform_filter(f"datum.nats <= {LOSS_TOP}")
        .mark_line(color=COLORS["ink"])
        .encode(x=x, y=y)
    )
    marked = alt.Chart(point)
    shown = alt.Y("shown:Q", scale=y_scale)
    height = marked.mark_rule(color=COLORS["vermillion"], strokeWidth=3).encode(
        x=alt.X("q:Q", scale=x_scale), y=shown, y2=alt.datum(0)
    )
    dot = marked.mark_point(
        filled=True, opacity=1, color=COLORS["vermillion"], size=SIZES["point"] * 2.5
    ).encode(
        x=alt.X("q:Q", scale=x_scale),
        y=shown,
        shape=alt.condition("datum.above", alt.value("triangle-up"), alt.value("circle")),
        tooltip=_tooltip(("q:Q", "q(true class)"), ("nats:Q", "loss (nats)")),
    )
    halo: dict[str, Any] = {"stroke": "white", "strokeWidth": 5, "strokeJoin": "round"}
    labels = [
        marked.transform_filter(f"datum.q {side} {LABEL_SIDE}")
        .mark_text(
            align=align,
            baseline="top" if align == "left" else "bottom",
            dx=12 if align == "left" else -12,
            dy=4 if align == "left" else -8,
            fontWeight="bold",
            color=ink,
            **style,
        )
        .encode(x=alt.X("q:Q", scale=x_scale), y=shown, text="text:N")
        for side, align in LABEL_ALIGNS
        for ink, style in (("white", halo), (COLORS["vermillion"], {}))
    ]
    return alt.layer(line, height, dot, *labels).properties(height=SIZES["height"])


# ---------------------------------------------------------------- a coin swept from p = 0 to 1

SWEEP = "ent_sweep"
"""The coin sweep's slider: the Vega-Lite parameter the player drives (p, 0 to 1)."""
SWEEP_TOP = 7.0
"""The sweep's fixed top, in bits: log₂ 1/0.01 = 6.6 fits, so the bars move and the axis stays."""
SWEEP_SIDES = ["heads", "tails"]
SWEEP_COLORS = alt.Scale(domain=SWEEP_SIDES, range=[COLORS["sky"], COLORS["orange"]])


def sweep_frame(ps: ArrayLike) -> pd.DataFrame:
    """A coin's two bars at each p of ``ps``: the frame ``coin_sweep_chart`` draws.

    Columns p, outcome ("heads" or "tails"), left, right (the bar spans left…right, as
    wide as its chance), height (log₂ 1/chance, cut at ``SWEEP_TOP``), cut (whether it is)
    and H (the coin's entropy at p). A side of chance 0 has no bar.

    Examples
    --------
    >>> sweep_frame([0.5])[["outcome", "left", "right", "height", "H"]].values.tolist()
    [['heads', 0.0, 0.5, 1.0, 1.0], ['tails', 0.5, 1.0, 1.0, 1.0]]
    """
    rows = []
    for p in np.asarray(ps, dtype=float):
        bars = it.code_bars([p, 1 - p])
        h = float(bars.own_area.sum())
        for side, left, width, own in zip(
            SWEEP_SIDES, bars.left, bars.width, bars.own, strict=True
        ):
            if width > 0:
                rows.append((p, side, left, left + width, min(own, SWEEP_TOP), own > SWEEP_TOP, h))
    columns = ["p", "outcome", "left", "right", "height", "cut", "H"]
    return pd.DataFrame(rows, columns=columns)


def coin_sweep_chart(
    bars: pd.DataFrame, curve: pd.DataFrame, *, at: float = 0.5
) -> alt.VConcatChart:
    """A coin's bars at the swept p over its H(p) curve, traced up to p: one slider drives both.

    The two panels share x: the bars' widths run along [0, 1], so the edge between heads
    and tails stands right above the curve's p, and the area above it is the height traced
    below. The slider (``SWEEP``) is the chart's own: a player moves it in the browser.

    Parameters
    ----------
    bars : DataFrame
        As ``sweep_frame`` makes it.
    curve : DataFrame
        Columns ``p`` and ``bits``: H(p) on a fine grid.
    at : float
        The p the chart opens at (to the nearest 0.01, the sweep's step).

    Returns
    -------
    alt.VConcatChart
    """
    sweep = alt.param(
        name=SWEEP,
        value=round(float(at), 2),
        bind=alt.binding_range(min=0, max=1, step=0.01, name="sweep P(heads) p  "),
    )
    x_scale = alt.Scale(domain=[0, 1], nice=False)
    # The end labels sit inside the plot's edges, so the chart never pokes out of its column.
    axis = alt.Axis(format=".1~f", tickCount=5, labelFlush=True)
    now = f"abs(datum.p - {SWEEP}) < 0.005"
    here = alt.Chart(bars).transform_filter(now)
    y_bits = alt.Scale(domain=[0, SWEEP_TOP], nice=False)
    rects = here.mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("left:Q", scale=x_scale, title="probability: each bar's width", axis=axis),
        x2="right:Q",
        y=alt.Y("height:Q", scale=y_bits, axis=inner_y_axis()),
        y2=alt.datum(0),
        color=alt.Color(
            "outcome:N", scale=SWEEP_COLORS, title=None, legend=alt.Legend(orient="top")
        ),
    )
    cut = (
        here.transform_filter("datum.cut")
        .transform_calculate(middle="(datum.left + datum.right) / 2")
        .mark_point(shape="triangle-up", filled=True, opacity=1, color=COLORS["vermillion"])
        .encode(x=alt.X("middle:Q", scale=x_scale), y=alt.Y("height:Q", scale=y_bits))
    )
    average = here.transform_filter("datum.outcome == 'heads' || datum.left == 0")
    line = average.mark_rule(strokeDash=[6, 4], color=COLORS["ink"], strokeWidth=2).encode(
        y=alt.Y("H:Q", scale=y_bits)
    )
    said = average.transform_calculate(text="'H = ' + format(datum.H, '.3f') + ' bits = area'")
    # Well clear of the axis's labels inside the plot, on a white halo over the bars.
    halo: dict[str, Any] = {"stroke": "white", "strokeWidth": 5, "strokeJoin": "round"}
    words = [
        said.mark_text(
            align="left", baseline="bottom", dx=44, dy=-4, fontWeight="bold", color=ink, **style
        ).encode(x=alt.datum(0, scale=x_scale), y=alt.Y("H:Q", scale=y_bits), text="text:N")
        for ink, style in (("white", halo), (COLORS["ink"], {}))
    ]
    top = alt.layer(rects, cut, line, *words).properties(
        height=SIZES["height"] + 50, title="Bits of surprise; width = chance"
    )
    x = alt.X("p:Q", scale=x_scale, title="p = P(heads)", axis=axis)
    y = alt.Y("bits:Q", scale=alt.Scale(domain=[0, 1.05], nice=False), axis=inner_y_axis())
    whole = alt.Chart(curve).mark_line(color="#d0d0d0", strokeWidth=2).encode(x=x, y=y)
    traced = (
        alt.Chart(curve)
        .transform_filter(f"datum.p <= {SWEEP} + 0.0001")
        .mark_line(color=COLORS["ink"], strokeWidth=3)
        .encode(x=x, y=y)
    )
    dot = (
        here.transform_filter("datum.outcome == 'heads' || datum.left == 0")
        .mark_point(filled=True, opacity=1, color=COLORS["vermillion"], size=SIZES["point"] * 2)
        .encode(x=x, y=alt.Y("H:Q", scale=alt.Scale(domain=[0, 1.05], nice=False)))
    )
    bottom = alt.layer(whole, traced, dot).properties(
        height=SIZES["small_height"], title="H(p) in bits, traced as p moves"
    )
    return alt.vconcat(top, bottom, spacing=14).add_params(sweep)
