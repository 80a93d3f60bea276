"""Altair charts for the Information theory page: tidy DataFrames in, charts out.

``candidates_chart``   the guessing game: probability left on each candidate, split at k
``scores_chart``       question counts side by side: yours, the computer's, H and log₂ N
``binary_entropy_chart``  H(p) of a coin against p, with the chosen p marked
``distribution_chart`` a probability vector as bars, with each outcome's surprise
``compare_chart``      two distributions P and Q side by side

``visible_extent``     how many numbers the candidates chart draws, its invisible tail cut
``answer_sides``       each number's side of "is it ≤ k?", the candidates chart's colours
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz.charts.theme import COLORS, SIZES

SIDES = ["yes: ≤ k", "no: > k", "ruled out"]
SIDE_COLORS = alt.Scale(domain=SIDES, range=[COLORS["blue"], COLORS["orange"], "#d9d9d9"])
KINDS = ["you", "computer", "bound"]
KIND_COLORS = alt.Scale(domain=KINDS, range=[COLORS["vermillion"], COLORS["blue"], COLORS["grey"]])
PAIR_COLORS = alt.Scale(domain=["P", "Q"], range=[COLORS["blue"], COLORS["orange"]])
VISIBLE = 1e-9
"""A number is drawn when its chance is at least this fraction of the likeliest number's."""


def visible_extent(ps: ArrayLike, *, ratio: float = VISIBLE) -> int:
    """How many numbers from 1 on the candidates chart draws.

    It reaches the last number whose probability is at least ``ratio`` times the
    likeliest's (one in a billion), so a Poisson game on 1…1024 is not a spike at the left
    edge of an axis of numbers that never come up.

    Parameters
    ----------
    ps : array_like
        The probabilities of 1…N, not all 0.
    ratio : float
        The smallest chance drawn, as a fraction of the largest.

    Returns
    -------
    int
        From 1 to N.

    Examples
    --------
    >>> visible_extent([0.5, 0.5, 1e-12, 0.0])
    2
    >>> visible_extent([0.25, 0.25, 0.25, 0.25])
    4
    """
    ps = np.asarray(ps, dtype=float)
    if ps.ndim != 1 or not np.any(ps > 0):
        raise ValueError("ps must be a list of probabilities, not all 0")
    return int(np.flatnonzero(ps >= ratio * ps.max())[-1]) + 1


def answer_sides(left: ArrayLike, k: int) -> np.ndarray:
    """Each number's side of "is it ≤ k?": one of ``SIDES``, for the candidates chart.

    Parameters
    ----------
    left : array_like
        The probability left on each number 1…N; a number of probability 0 is ruled out.
    k : int
        The question's k.

    Examples
    --------
    >>> answer_sides([0.0, 0.5, 0.5], 2).tolist()
    ['ruled out', 'yes: ≤ k', 'no: > k']
    """
    left = np.asarray(left, dtype=float)
    below = np.arange(1, left.size + 1) <= k
    return np.where(left == 0, SIDES[2], np.where(below, SIDES[0], SIDES[1]))


def _tooltip(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    return [alt.Tooltip(field, title=title, format=".4~g") for field, title in fields]


def candidates_chart(mass: pd.DataFrame, *, n: int) -> alt.Chart:
    """The probability of each outcome 1…n, coloured by the answer it would give to "≤ k?".

    Parameters
    ----------
    mass : DataFrame
        Columns ``value`` (1…n), ``probability`` (given what the answers so far ruled out;
        0 for outcomes ruled out) and ``side`` (one of ``SIDES``).
    n : int
        The last number drawn, which fixes the x axis at [0.5, n + 0.5].

    Returns
    -------
    alt.Chart
    """
    return (
        alt.Chart(mass)
        .transform_calculate(left="datum.value - 0.5", right="datum.value + 0.5")
        .mark_rect()
        .encode(
            x=alt.X(
                "left:Q",
                title="the number",
                scale=alt.Scale(domain=[0.5, n + 0.5], nice=False),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            x2="right:Q",
            y=alt.Y("probability:Q", title="probability"),
            y2=alt.datum(0),
            color=alt.Color(
                "side:N", scale=SIDE_COLORS, title=None, legend=alt.Legend(orient="top", columns=2)
            ),
            tooltip=[
                alt.Tooltip("value:Q", title="number"),
                alt.Tooltip("probability:Q", format=".4~g"),
                alt.Tooltip("side:N"),
            ],
        )
        .properties(height=SIZES["height"] + 40)
    )


def scores_chart(scores: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Average numbers of questions, one bar each, with their values written on them.

    Parameters
    ----------
    scores : DataFrame
        Columns ``who`` (a label, in the order to draw), ``questions`` and ``kind`` (one
        of ``KINDS``).

    Returns
    -------
    alt.LayerChart
    """
    order = scores["who"].tolist()
    y = alt.Y("who:N", title=None, sort=order, axis=alt.Axis(labelLimit=240, labelOverlap=False))
    bars = (
        alt.Chart(scores)
        .mark_bar()
        .encode(
            x=alt.X("questions:Q", title="questions per number"),
            y=y,
            color=alt.Color("kind:N", scale=KIND_COLORS, title=None, legend=None),
            tooltip=[alt.Tooltip("who:N"), *_tooltip(("questions:Q", "questions"))],
        )
    )
    labels = (
        alt.Chart(scores)
        .mark_text(align="left", dx=4, color=COLORS["ink"])
        .encode(x=alt.X("questions:Q"), y=y, text=alt.Text("questions:Q", format=".3~f"))
    )
    return alt.layer(bars, labels).properties(height=40 * len(order) + 20)


def binary_entropy_chart(
    curve: pd.DataFrame, point: pd.DataFrame
) -> alt.LayerChart | alt.FacetChart:
    """H(p) = −p log₂ p − (1 − p) log₂(1 − p) against p, with the chosen p marked.

    Parameters
    ----------
    curve : DataFrame
        Columns ``p`` and ``bits``.
    point : DataFrame
        One row: ``p`` and ``bits`` of the chosen coin.

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X("p:Q", title="p = P(heads)", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("bits:Q", title="entropy H (bits)", scale=alt.Scale(domain=[0, 1.05]))
    line = alt.Chart(curve).mark_line(color=COLORS["ink"]).encode(x=x, y=y)
    dot = (
        alt.Chart(point)
        .mark_point(filled=True, color=COLORS["vermillion"], size=SIZES["point"] * 2)
        .encode(x=x, y=y, tooltip=_tooltip(("p:Q", "p"), ("bits:Q", "H (bits)")))
    )
    return alt.layer(line, dot).properties(height=SIZES["height"] - 60)


def distribution_chart(outcomes: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """A probability vector as bars, and each outcome's surprise −log₂ p as dots above.

    Parameters
    ----------
    outcomes : DataFrame
        Columns ``value`` (1…n), ``probability`` and ``surprise`` (bits; nan where the
        probability is 0).

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X("value:Q", title="outcome", axis=alt.Axis(format="d", tickMinStep=1))
    bars = (
        alt.Chart(outcomes)
        .transform_calculate(left="datum.value - 0.45", right="datum.value + 0.45")
        .mark_rect(color=COLORS["blue"])
        .encode(
            x=alt.X("left:Q", title="outcome", axis=alt.Axis(format="d", tickMinStep=1)),
            x2="right:Q",
            y=alt.Y("probability:Q", title="probability"),
            y2=alt.datum(0),
            tooltip=[
                alt.Tooltip("value:Q", title="outcome"),
                *_tooltip(("probability:Q", "probability"), ("surprise:Q", "surprise (bits)")),
            ],
        )
    )
    surprise = (
        alt.Chart(outcomes)
        .transform_filter("isValid(datum.surprise)")
        .mark_point(color=COLORS["vermillion"], filled=True, size=SIZES["point"] * 0.6)
        .encode(
            x=x,
            y=alt.Y(
                "surprise:Q",
                title="surprise −log₂ p (bits)",
                axis=alt.Axis(titleColor=COLORS["vermillion"]),
            ),
        )
    )
    return (
        alt.layer(bars, surprise)
        .resolve_scale(y="independent")
        .properties(height=SIZES["height"] - 40)
    )


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
