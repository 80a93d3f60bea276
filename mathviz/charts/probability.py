"""Altair charts for the Probability page: tidy DataFrames in, charts out.

``running_mean_chart``   running averages of several runs on a log axis, inside a ±2σ/√n band
``tens_chart``           heads in ten flips: exact binomial bars beside the simulated share
``gap_chart``            the gap |share − p| against n, log–log, under σ/√n (slope −½)
``streak_chart``         share of heads right after k tails in a row, with error bars
``contribution_chart``   E[X] as the sum of payoff × probability, face by face
``pmf_chart``            a discrete distribution's pmf as stems over the sample's shares
``pdf_chart``            a continuous distribution's pdf over the sample's histogram
``people_chart``         a crowd of people, coloured by condition and test result
``belief_chart``         the belief after each test result
``likelihood_chart``     log-likelihood below its peak, the estimate, the truth, a candidate θ
``candidate_chart``      the data under the model at a candidate θ, each point's likelihood
``contribution_parts_chart``  each point's log p(x | θ), the pieces of log L(θ)
``landscape_chart``      the normal's log-likelihood over (μ, σ), and the way to its peak

Framing helpers, data in and data out: ``payoff_domain`` (a y range around every payoff),
``crowd_table`` (a crowd of people laid out in a grid, group by group) and ``drawable``
(whether data lies within the sizes a chart can draw).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz.charts.theme import COLORS, SIZES, step_slider
from mathviz.probability import LIKELIHOOD_DROP_95, LOG_ODDS_LIMIT, log10_odds

RUN_COLORS = [
    COLORS["blue"],
    COLORS["vermillion"],
    COLORS["green"],
    COLORS["orange"],
    COLORS["purple"],
    COLORS["grey"],
    "#332288",  # beyond six runs: darker tones that stay clear of the band and the centre line
    "#882255",
    "#7a5195",
    "#a05a2c",
]
SOURCE_COLORS = alt.Scale(domain=["exact", "simulated"], range=[COLORS["blue"], COLORS["orange"]])
SIGN_COLORS = alt.Scale(
    domain=["win", "lose", "E[X]"],
    range=[COLORS["positive"], COLORS["negative"], COLORS["ink"]],
)
GROUPS = ["has it, tests +", "has it, tests −", "healthy, tests +", "healthy, tests −"]
GROUP_COLORS = alt.Scale(
    domain=GROUPS, range=[COLORS["vermillion"], "#f2b38a", COLORS["blue"], "#d9d9d9"]
)
MARK_COLORS_BY_NAME = {
    "mean": COLORS["vermillion"],
    "sample mean": COLORS["purple"],  # far from the mean's vermillion, and dashed
    "estimate": COLORS["ink"],  # black is the best fit θ̂ on every likelihood chart
    "truth": COLORS["green"],
}
MARK_DASHES = {"mean": [1, 0], "sample mean": [6, 4], "estimate": [1, 0], "truth": [6, 4]}
DRAWABLE = (1e-12, 1e12)
"""The sizes of data a chart draws: nonzero values between these in magnitude, or 0."""
CROWD_ORDER = (0, 2, 1, 3)
"""The order the crowd's groups fill the grid: everyone who tests positive first."""
FLIPS_SO_FAR = "coin_upto"  # the coin flips' "so far" slider, which the player drives
ROUNDS_SO_FAR = "ev_upto"  # the dice game's
MEANS_SO_FAR = "dist_upto"  # the batches of averages drawn so far, in sample-means mode


def payoff_domain(values: ArrayLike) -> tuple[float, float]:
    """A y range from the smallest to the largest payoff, with 8 % to spare on either side.

    Examples
    --------
    >>> payoff_domain([300, -200])
    (-240.0, 340.0)
    >>> payoff_domain([5, 5])
    (4.0, 6.0)
    """
    values = np.asarray(values, dtype=float)
    low, high = float(values.min()), float(values.max())
    pad = 0.08 * (high - low) if high > low else 1.0
    return low - pad, high + pad


def with_room(values: ArrayLike, *, room: float = 0.12, zero: bool = True) -> tuple[float, float]:
    """A y range over ``values`` (and 0) with ``room`` of its height to spare at either end.

    No bar ends on the frame's edge, above its last tick; 0 stays the bottom of bars that
    are all positive.

    Examples
    --------
    >>> with_room([50.0, -33.3, 50.0])
    (-43.296, 59.996)
    >>> with_room([0.0, 0.517])
    (0.0, 0.57904)
    """
    ys = np.asarray(values, dtype=float)
    ys = ys[np.isfinite(ys)]
    low, high = (float(ys.min()), float(ys.max())) if ys.size else (0.0, 1.0)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    spare = room * (high - low) if high > low else 1.0
    return (low - spare if low < 0 else low), (high + spare if high > 0 or low == high else high)


def crowd_table(counts: Sequence[int], *, columns: int) -> pd.DataFrame:
    """A crowd as one row per person: grid ``column``, ``row`` and ``group``.

    Parameters
    ----------
    counts : sequence of int
        How many people are in each of ``GROUPS``, in that order.
    columns : int
        The grid's width; rows fill up from the top, the positives first (``CROWD_ORDER``),
        so they read as one block.

    Returns
    -------
    DataFrame
        ``group`` is categorical over ``GROUPS``.

    Examples
    --------
    >>> crowd_table([1, 1, 1, 1], columns=2)["group"].tolist()
    ['has it, tests +', 'healthy, tests +', 'has it, tests −', 'healthy, tests −']
    """
    group = np.repeat(CROWD_ORDER, [counts[i] for i in CROWD_ORDER])
    index = np.arange(group.size)
    return pd.DataFrame(
        {
            "column": index % columns,
            "row": index // columns,
            "group": pd.Categorical.from_codes(group, categories=GROUPS),
        }
    )


def unit_counts(counts: Sequence[int], *, most: int) -> tuple[list[int], int]:
    """Squares per group when one square may stand for several people, and how many it is.

    One square per person while the total is at most ``most``; otherwise one per ``per``
    people, ``per`` the smallest of 2, 5, 10, 20, … that fits, each group rounded to whole
    squares with the largest remainders rounding up. A group with anyone in it keeps at
    least one square, so a rare group never vanishes from the picture.

    Examples
    --------
    >>> unit_counts([9, 1, 50, 940], most=2000)
    ([9, 1, 50, 940], 1)
    >>> unit_counts([10, 0, 1000, 98990], most=2000)
    ([1, 0, 20, 1980], 50)
    """
    total = int(sum(counts))
    if total <= most:
        return [int(c) for c in counts], 1
    per = next(m * 10**e for e in range(12) for m in (1, 2, 5) if total / (m * 10**e) <= most)
    exact = np.asarray(counts, dtype=float) / per
    squares = np.floor(exact).astype(int)
    short = round(total / per) - int(squares.sum())
    order = np.argsort(-(exact - squares), kind="stable")
    squares[order[: max(short, 0)]] += 1
    squares = np.where((np.asarray(counts) > 0) & (squares == 0), 1, squares)
    return [int(c) for c in squares], per


def drawable(xs: ArrayLike) -> bool:
    """Whether every value is 0 or between 1e-12 and 1e12 in size, as the charts can draw.

    Examples
    --------
    >>> drawable([0.0, 3.5, -2e11]), drawable([1e-300]), drawable([1e200])
    (True, False, False)
    """
    xs = np.asarray(xs, dtype=float)
    small, large = DRAWABLE
    return bool(np.all(np.abs(xs) < large) and np.all((xs == 0) | (np.abs(xs) > small)))


def _tooltip(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    return [alt.Tooltip(field, title=title, format=".4~g") for field, title in fields]


def running_mean_chart(
    lines: pd.DataFrame,
    band: pd.DataFrame,
    *,
    y_title: str,
    y_domain: tuple[float, float],
    upto: str | None = None,
    upto_name: str = "step through the trials",
    top: float = 10.0,
    last: int = 0,
    trials: str = "trials",
) -> alt.LayerChart | alt.FacetChart:
    """Running averages against the number of trials, log x axis, inside the 2σ/√n band.

    Parameters
    ----------
    lines : DataFrame
        Columns ``n`` (trials so far), ``mean`` (their average) and ``run`` (its name); with
        ``upto``, also ``k``, the index of the point in its run (0, 1, …).
    band : DataFrame
        Columns ``n``, ``low``, ``high`` and ``centre``: the expected value ± 2σ/√n; with
        ``upto``, also ``k``, on the same counts as the runs.
    y_title : str
        What is averaged.
    y_domain : tuple of float
        The y range shown; early averages outside it are clipped.
    upto : str, optional
        The name of a slider (a Vega-Lite parameter bound to a range input, from 0 to the
        last ``k``) that draws the runs and the band only up to its point, on an x axis
        fixed from 1 to the last n, with a readout "n = …" of the trials drawn: a player
        (``mathviz.ui.stage.player``) lets the trials pile up in the browser.
    upto_name : str
        The slider's label; its value is the step (the index of a point), the chart's
        readout says how many trials that is.
    top, last : float, int
        With ``upto``: the last n (where the fixed x axis ends) and the last ``k`` (where
        the slider ends). Parameters, not read off the data: the chart's shape is built
        once per parameters and reused for every later data.
    trials : str
        What a trial is called on the x axis ("flips", "rounds"), as the page calls it.

    Returns
    -------
    alt.LayerChart
    """
    x_scale = (
        alt.Scale(type="log")
        if upto is None
        else alt.Scale(type="log", domain=[1, max(top, 10.0)], nice=False)
    )
    x = alt.X("n:Q", title=f"number of {trials} n (log scale)", scale=x_scale)
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    shown = f"datum.k <= {upto}" if upto else None
    base_band, base_lines = alt.Chart(band), alt.Chart(lines)
    if shown:
        base_band = base_band.transform_filter(shown)
        base_lines = base_lines.transform_filter(shown)
    area = base_band.mark_area(color=COLORS["sky"], opacity=0.25, clip=True).encode(
        x=x, y=alt.Y("low:Q", scale=y_scale), y2="high:Q"
    )
    centre = (
        alt.Chart(band)
        .mark_line(color=COLORS["ink"], strokeDash=[6, 4], clip=True, strokeWidth=1.5)
        .encode(x=x, y=alt.Y("centre:Q", scale=y_scale))
    )
    runs = base_lines.mark_line(clip=True).encode(
        x=x,
        y=alt.Y("mean:Q", title=y_title, scale=y_scale),
        color=alt.Color(
            "run:N",
            title=None,
            scale=alt.Scale(range=RUN_COLORS),
            legend=alt.Legend(orient="top", columns=5),
            sort=None,
        ),
        tooltip=[alt.Tooltip("run:N"), *_tooltip(("n:Q", "n"), ("mean:Q", "average"))],
    )
    # Where each run has got to: the only mark left to draw when a run is a single flip.
    ends = (
        base_lines.transform_joinaggregate(last="max(n)", groupby=["run"])
        .transform_filter("datum.n == datum.last")
        .mark_point(filled=True, clip=True, size=SIZES["point"] * 1.5, opacity=1)
        .encode(
            x=x,
            y=alt.Y("mean:Q", scale=y_scale),
            color=alt.Color("run:N", scale=alt.Scale(range=RUN_COLORS), legend=None, sort=None),
            tooltip=[alt.Tooltip("run:N"), *_tooltip(("n:Q", "n"), ("mean:Q", "average"))],
        )
    )
    layers: list[alt.Chart] = [area, centre, runs, ends]
    if upto:
        readout = (
            base_lines.transform_aggregate(n="max(n)")
            .transform_calculate(text="'n = ' + format(datum.n, ',') + ' so far'")
            .mark_text(align="right", baseline="top", dx=-4, fontWeight="bold", color=COLORS["ink"])
            .encode(x=alt.datum(max(top, 10.0), scale=x_scale), y=alt.value(6), text="text:N")
        )
        layers.append(readout)
        param = step_slider(upto, last, f"{upto_name} ", at=last)
        return alt.layer(*layers).add_params(param).properties(height=SIZES["main"])
    return alt.layer(*layers).properties(height=SIZES["height"])


def gap_chart(
    gaps: pd.DataFrame,
    typical: pd.DataFrame,
    *,
    y_low: float = 1e-6,
    follow: str | None = None,
    top: float = 10.0,
    last: int = 0,
) -> alt.LayerChart | alt.FacetChart:
    """The gap |share − p| of each run against n on log–log axes, under the line σ/√n.

    A line of slope −½ on these axes: a hundred times more flips, a gap ten times smaller.

    Parameters
    ----------
    gaps : DataFrame
        Columns ``n``, ``gap`` (nan where the share sat exactly on p) and ``run``.
    typical : DataFrame
        Columns ``n`` and ``typical``: σ/√n.
    y_low : float
        The bottom of the y axis; a share that passes very near p dips below it, clipped.
    follow : str, optional
        The name of another chart's "so far" slider (``running_mean_chart``'s ``upto``):
        this chart binds to that same input and draws the gaps up to it (``gaps`` then has
        ``k``), on an x axis fixed from 1 to the last n, so one Play moves both.
    top, last : float, int
        With ``follow``: the last n, where the fixed x axis ends, and the last ``k``, where
        the slider starts (parameters, as in ``running_mean_chart``).

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X(
        "n:Q",
        title="number of flips n (log scale)",
        scale=(
            alt.Scale(type="log")
            if follow is None
            else alt.Scale(type="log", domain=[1, max(top, 10.0)], nice=False)
        ),
        axis=alt.Axis(format="~s"),
    )
    shown = alt.Chart(gaps)
    if follow:
        shown = shown.transform_filter(f"datum.k <= {follow}")
    y_scale = alt.Scale(type="log", domain=[y_low, 1], nice=False)
    runs = shown.mark_line(
        strokeWidth=1.2, opacity=0.8, clip=True, invalid="break-paths-show-domains"
    ).encode(
        x=x,
        y=alt.Y(
            "gap:Q",
            title="gap |share − p| (log scale)",
            scale=y_scale,
            axis=alt.Axis(format="~g"),
        ),
        color=alt.Color(
            "run:N", title=None, scale=alt.Scale(range=RUN_COLORS), legend=None, sort=None
        ),
        tooltip=[alt.Tooltip("run:N"), *_tooltip(("n:Q", "n"), ("gap:Q", "gap"))],
    )
    line = (
        alt.Chart(typical)
        .mark_line(color=COLORS["ink"], strokeWidth=3, strokeDash=[8, 4], clip=True)
        .encode(x=x, y=alt.Y("typical:Q", scale=y_scale), tooltip=_tooltip(("typical:Q", "σ/√n")))
    )
    label = (
        alt.Chart(typical)
        .transform_window(rank="row_number()")
        .transform_filter("datum.rank == 1")
        .mark_text(
            align="left", baseline="bottom", dx=6, dy=-4, fontWeight="bold", color=COLORS["ink"]
        )
        .encode(x=x, y=alt.Y("typical:Q", scale=y_scale), text=alt.value("σ/√n: slope −½"))
    )
    # A share exactly on p has gap 0, below any log axis: a triangle on the bottom edge
    # says where, so the break in the line is not a mystery.
    exact = (
        shown.transform_filter("!isValid(datum.gap)")
        .mark_point(shape="triangle-down", filled=True, size=SIZES["point"], opacity=1)
        .encode(
            x=x,
            y=alt.value("height"),
            color=alt.Color("run:N", scale=alt.Scale(range=RUN_COLORS), legend=None, sort=None),
            tooltip=[alt.Tooltip("run:N"), *_tooltip(("n:Q", "share exactly p at n"))],
        )
    )
    chart = alt.layer(runs, line, label, exact)
    if follow:
        # the same input as the running share's: one slider, one Play, both charts
        same = alt.BindDirect(element=f"input[type='range'][name='{follow}']")
        chart = chart.add_params(alt.param(name=follow, value=last, bind=same))
    return chart.properties(height=SIZES["height"] - 40)


def tens_chart(bars: pd.DataFrame) -> alt.Chart:
    """Heads in ten flips: the exact binomial probability beside the simulated share.

    Parameters
    ----------
    bars : DataFrame
        Columns ``heads`` (0 to 10), ``share`` and ``source`` ("exact" or "simulated").

    Returns
    -------
    alt.Chart
    """
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X("heads:O", title="heads in ten flips", axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("source:N", sort=["exact", "simulated"]),
            y=alt.Y("share:Q", title="share of groups of ten", axis=alt.Axis(format="~%")),
            color=alt.Color(
                "source:N", scale=SOURCE_COLORS, title=None, legend=alt.Legend(orient="top")
            ),
            tooltip=[
                alt.Tooltip("source:N"),
                alt.Tooltip("heads:O"),
                alt.Tooltip("share:Q", format=".4~p"),
            ],
        )
        .properties(height=SIZES["height"] - 40)
    )


def streak_chart(rates: pd.DataFrame, target: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Share of heads among flips right after k tails in a row, one bar per k.

    Parameters
    ----------
    rates : DataFrame
        Columns ``k``, ``rate``, ``low``, ``high`` (rate ± 2 standard errors), ``followers``
        and ``chosen`` (whether this is the k picked on the page).
    target : DataFrame
        One row, column ``p``: the coin's probability of heads.

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X("k:O", title="after k tails in a row", axis=alt.Axis(labelAngle=0))
    y = alt.Y("rate:Q", title="share of heads next", scale=alt.Scale(domain=[0, 1]))
    bars = (
        alt.Chart(rates)
        .mark_bar(clip=True)
        .encode(
            x=x,
            y=y,
            color=alt.condition(
                alt.datum.chosen, alt.value(COLORS["blue"]), alt.value(COLORS["sky"])
            ),
            # A bar resting on few flips is faint: its height says little.
            opacity=alt.Opacity(
                "followers:Q",
                scale=alt.Scale(type="symlog", domain=[0, 10_000], range=[0.15, 1], clamp=True),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("k:O"),
                alt.Tooltip("rate:Q", format=".4f", title="share of heads"),
                alt.Tooltip("followers:Q", format=",", title="times it happened"),
            ],
        )
    )
    errors = (
        alt.Chart(rates)
        .mark_rule(color=COLORS["ink"], clip=True)
        .encode(x=x, y=alt.Y("low:Q"), y2="high:Q")
    )
    line = (
        alt.Chart(target)
        .mark_rule(color=COLORS["vermillion"], strokeDash=[6, 4])
        .encode(y=alt.Y("p:Q"), tooltip=_tooltip(("p:Q", "p")))
    )
    counts = (
        alt.Chart(rates)
        .transform_calculate(
            times="datum.followers >= 1e6 ? format(datum.followers / 1e6, '.1~f') + 'M'"
            " : datum.followers >= 1e4 ? format(datum.followers / 1e3, '.0f') + 'k'"
            " : format(datum.followers, 'd')"
        )
        # above the frame, where no whisker reaches (they stop at 100 %)
        .mark_text(baseline="bottom", dy=-4, color=COLORS["ink"])
        .encode(x=x, y=alt.value(0), text="times:N")
    )
    return alt.layer(bars, errors, line, counts).properties(height=SIZES["height"] - 40)


def contribution_chart(
    table: pd.DataFrame, *, y_domain: tuple[float, float]
) -> alt.LayerChart | alt.FacetChart:
    """E[X] as a sum: one bar per face for payoff × probability, then their total.

    Parameters
    ----------
    table : DataFrame
        Columns ``face`` (a label; the last row is "E[X]"), ``payoff``, ``probability``,
        ``contribution`` and ``sign`` ("win", "lose" or "E[X]").
    y_domain : tuple of float
        The y range, ``with_room(table["contribution"])``: a parameter, so a reused chart
        shape never keeps another game's range.

    Returns
    -------
    alt.LayerChart
    """
    order = table["face"].tolist()
    x = alt.X("face:N", title=None, sort=order, axis=alt.Axis(labelAngle=0))
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("contribution:Q", title="payoff × probability", scale=y_scale),
            color=alt.Color("sign:N", scale=SIGN_COLORS, title=None, legend=None),
            tooltip=[
                alt.Tooltip("face:N"),
                *_tooltip(
                    ("payoff:Q", "payoff"),
                    ("probability:Q", "probability"),
                    ("contribution:Q", "payoff × probability"),
                ),
            ],
        )
    )
    zero = alt.Chart(table).mark_rule(color=COLORS["ink"]).encode(y=alt.datum(0))
    # each bar's value at its end, above a gain and below a loss, inside the room left
    words = alt.Chart(table).transform_calculate(
        text="replace(format(datum.contribution, '.4~g'), '-', '−')"
    )
    above = (
        words.transform_filter("datum.contribution >= 0")
        .mark_text(fontWeight="bold", color=COLORS["ink"], baseline="bottom", dy=-3)
        .encode(x=x, y=alt.Y("contribution:Q", scale=y_scale), text="text:N")
    )
    below = (
        words.transform_filter("datum.contribution < 0")
        .mark_text(fontWeight="bold", color=COLORS["ink"], baseline="top", dy=3)
        .encode(x=x, y=alt.Y("contribution:Q", scale=y_scale), text="text:N")
    )
    values = [above, below]
    return alt.layer(bars, zero, *values).properties(height=SIZES["height"] - 40)


def _mark_rules(marks: pd.DataFrame, title: str, legend: tuple[str, ...]) -> alt.Chart:
    scale = alt.Scale(domain=list(legend), range=[MARK_COLORS_BY_NAME[m] for m in legend])
    dashes = alt.Scale(domain=list(legend), range=[MARK_DASHES[m] for m in legend])
    return (
        alt.Chart(marks)
        .mark_rule(strokeWidth=2.5)
        .encode(
            x=alt.X("x:Q", title=title),
            color=alt.Color("mark:N", scale=scale, title=None, legend=alt.Legend(orient="top")),
            strokeDash=alt.StrokeDash("mark:N", scale=dashes, legend=None),
            tooltip=[alt.Tooltip("mark:N"), alt.Tooltip("x:Q", format=".4~g")],
        )
    )


def pmf_chart(
    pmf: pd.DataFrame,
    shares: pd.DataFrame,
    marks: pd.DataFrame,
    *,
    legend: tuple[str, ...] = ("mean", "sample mean"),
) -> alt.LayerChart | alt.FacetChart:
    """A discrete distribution: the sample's shares as bars, the exact pmf as stems on top.

    Parameters
    ----------
    pmf : DataFrame
        Columns ``x`` (whole numbers) and ``probability``.
    shares : DataFrame
        Columns ``x`` and ``share``: how often the sample took each value.
    marks : DataFrame
        Columns ``x`` and ``mark`` (one of ``legend``): vertical rules.
    legend : tuple of str
        The marks the legend names, in order.

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X("x:Q", title="value", axis=alt.Axis(tickMinStep=1, format="d"))
    bars = (
        alt.Chart(shares)
        .transform_calculate(left="datum.x - 0.4", right="datum.x + 0.4")
        .mark_rect(color=COLORS["sky"], opacity=0.7)
        .encode(
            x=alt.X("left:Q", title="value"),
            x2="right:Q",
            y=alt.Y("share:Q", title="probability / share of the sample"),
            y2=alt.datum(0),
            tooltip=_tooltip(("x:Q", "value"), ("share:Q", "share of sample")),
        )
    )
    stems = (
        alt.Chart(pmf)
        .mark_rule(color=COLORS["ink"], strokeWidth=2)
        .encode(x=x, y=alt.Y("probability:Q"), y2=alt.datum(0))
    )
    heads = (
        alt.Chart(pmf)
        .mark_point(filled=True, color=COLORS["ink"])
        .encode(
            x=x,
            y=alt.Y("probability:Q"),
            tooltip=_tooltip(("x:Q", "value"), ("probability:Q", "exact probability")),
        )
    )
    return alt.layer(bars, stems, heads, _mark_rules(marks, "value", legend)).properties(
        height=SIZES["height"]
    )


def pdf_chart(
    pdf: pd.DataFrame,
    histogram: pd.DataFrame,
    marks: pd.DataFrame,
    *,
    legend: tuple[str, ...] = ("mean", "sample mean"),
) -> alt.LayerChart | alt.FacetChart:
    """A continuous distribution: the sample's histogram (as a density) under the exact pdf.

    Parameters
    ----------
    pdf : DataFrame
        Columns ``x`` and ``density``.
    histogram : DataFrame
        Columns ``left``, ``right`` and ``density``: bins scaled so their area is 1.
    marks : DataFrame
        Columns ``x`` and ``mark`` (one of ``legend``): vertical rules.
    legend : tuple of str
        The marks the legend names, in order.

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X("x:Q", title="value", scale=alt.Scale(zero=False, nice=False))
    bins = (
        alt.Chart(histogram)
        .mark_rect(color=COLORS["sky"], opacity=0.7, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("left:Q", title="value", scale=alt.Scale(zero=False, nice=False)),
            x2="right:Q",
            y=alt.Y("density:Q", title="density"),
            y2=alt.datum(0),
            tooltip=_tooltip(("left:Q", "from"), ("right:Q", "to"), ("density:Q", "density")),
        )
    )
    curve = (
        alt.Chart(pdf)
        .mark_line(color=COLORS["ink"])
        .encode(x=x, y=alt.Y("density:Q"), tooltip=_tooltip(("x:Q", "x"), ("density:Q", "pdf")))
    )
    return alt.layer(bins, curve, _mark_rules(marks, "value", legend)).properties(
        height=SIZES["height"]
    )


def people_chart(people: pd.DataFrame, *, columns: int, rows: int) -> alt.Chart:
    """A crowd as a grid of squares, one per person, coloured by condition and test result.

    Parameters
    ----------
    people : DataFrame
        Columns ``column``, ``row`` and ``group`` (one of ``GROUPS``).
    columns, rows : int
        The grid's size.

    Returns
    -------
    alt.Chart
    """
    # Continuous axes, so the squares fill the chart's height whatever the column width.
    return (
        alt.Chart(people)
        .transform_calculate(right="datum.column + 1", bottom="datum.row + 1")
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("column:Q", axis=None, scale=alt.Scale(domain=[0, columns], nice=False)),
            x2="right:Q",
            y=alt.Y(
                "row:Q", axis=None, scale=alt.Scale(domain=[0, rows], nice=False, reverse=True)
            ),
            y2="bottom:Q",
            color=alt.Color(
                "group:N",
                scale=GROUP_COLORS,
                title=None,
                legend=alt.Legend(
                    orient="top",
                    columns=2,
                    symbolSize=160,
                    symbolType="square",
                    labelColor=COLORS["ink"],
                ),
            ),
            tooltip=[alt.Tooltip("group:N")],
        )
        # Square cells in a column about 480 px wide; the legend sits inside the height.
        .properties(height=60 + rows * min(40, round(480 / columns)))
    )


def crowd_strip(counts: Sequence[int], kept: Sequence[int] = (0, 1, 2, 3)) -> pd.DataFrame:
    """Everyone who took a test as one bar, in ``CROWD_ORDER``; the ``kept`` groups bracketed.

    Parameters
    ----------
    counts : sequence of int
        How many people are in each of ``GROUPS``, in that order.
    kept : sequence of int
        The indices (into ``GROUPS``) of the groups the zoom below the strip shows; they are
        next to each other in ``CROWD_ORDER`` (both positives, or both negatives). All four,
        by default: the squares below show everyone.

    Returns
    -------
    DataFrame
        One row per group (``group``, ``start``, ``end``, ``people``, ``kind`` "bar"), then
        one row (``kind`` "zoom") from the first kept person to the last, with its ``text``.

    Examples
    --------
    >>> strip = crowd_strip([90, 10, 495, 9405], kept=(0, 2))
    >>> strip[["start", "end"]].values.tolist()
    [[0, 90], [90, 585], [585, 595], [595, 10000], [0, 585]]
    >>> strip["text"].iloc[-1]
    'the 585 of 10,000 zoomed below'
    """
    order = list(CROWD_ORDER)
    ends = np.cumsum([counts[i] for i in order])
    starts = ends - [counts[i] for i in order]
    at = [order.index(i) for i in kept]
    first, last = int(starts[min(at)]), int(ends[max(at)])
    rows = [
        {"group": GROUPS[i], "start": int(a), "end": int(b), "people": int(b - a), "kind": "bar"}
        for i, a, b in zip(order, starts, ends, strict=True)
    ]
    whole = int(ends[-1])
    text = (
        f"all {whole:,}, one square each below"
        if (first, last) == (0, whole)
        else f"the {last - first:,} of {whole:,} zoomed below"
    )
    zoom = {"group": "", "start": first, "end": last, "people": last - first, "kind": "zoom"}
    return pd.DataFrame([*rows, zoom]).assign(text=[""] * len(rows) + [text])


def crowd_strip_chart(strip: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The whole crowd as one bar to scale, the zoomed part bracketed under it.

    A rare condition shows as a sliver and the positives as a narrow stretch: the zoom
    below is a small corner of everyone. Colours as in ``people_chart``.
    """
    across = alt.Scale(nice=False, zero=True)  # 0 to everyone, shared by every layer
    x = alt.X("start:Q", axis=None, scale=across)
    bars = (
        alt.Chart(strip)
        .transform_filter("datum.kind == 'bar'")
        .mark_bar(height=26, stroke="white", strokeWidth=0.5)
        .encode(
            x=x,
            x2="end:Q",
            y=alt.value(13),
            color=alt.Color("group:N", scale=GROUP_COLORS, legend=None),
            tooltip=[alt.Tooltip("group:N"), alt.Tooltip("people:Q", format=",")],
        )
    )
    zoom = alt.Chart(strip).transform_filter("datum.kind == 'zoom'")
    bracket = zoom.mark_rule(color=COLORS["ink"], strokeWidth=2).encode(
        x=x, x2="end:Q", y=alt.value(32)
    )
    ends = [
        zoom.mark_rule(color=COLORS["ink"], strokeWidth=2).encode(
            x=alt.X(f"{end}:Q", axis=None, scale=across),
            y=alt.value(26),
            y2=alt.value(32),
        )
        for end in ("start", "end")
    ]
    words = zoom.mark_text(
        align="left", baseline="top", dy=2, color=COLORS["ink"], fontWeight="bold"
    ).encode(x=x, y=alt.value(34), text="text:N")
    return alt.layer(bars, bracket, *ends, words).properties(height=54)


BELIEF_TICKS = (0.0001, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999)
LABEL_GAP = 0.45  # a label's centre sits this far above or below its dot, in log-odds units
LABEL_HEIGHT = 0.9  # the height a label takes, in log-odds units, projector fonts included


def label_sides(odds: ArrayLike) -> list[str]:
    """Above or below its dot, for each belief's label, so neighbours never collide.

    Greedy from the left: a label goes above its dot unless that lands within
    ``LABEL_HEIGHT`` of the previous label, then below if that is clear, else wherever
    is farther from it. Steps of a climbing line keep their labels above; a flat run (a
    belief pinned near certainty) takes turns.

    Examples
    --------
    >>> label_sides([-2.0, -0.7, 0.5, 4.5, 4.5, 4.5])
    ['above', 'above', 'above', 'above', 'below', 'above']
    """
    sides: list[str] = []
    last = math.nan
    for y in np.asarray(odds, dtype=float):
        if math.isnan(y):
            sides.append("above")
            continue
        up, down = y + LABEL_GAP, y - LABEL_GAP
        if math.isnan(last) or abs(up - last) >= LABEL_HEIGHT:
            side = "above"
        elif abs(down - last) >= LABEL_HEIGHT:
            side = "below"
        else:
            side = "above" if abs(up - last) >= abs(down - last) else "below"
        sides.append(side)
        last = up if side == "above" else down
    return sides


def belief_chart(path: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The belief in the condition before any test and after each result, on a log-odds axis.

    The axis is log₁₀ odds with per-cent tick labels (0.1 %, 1 %, 10 %, 50 %, 90 %, …,
    99.9 %): a belief of 0.01 % and one of 1 % sit far apart, and each positive test
    climbs the same step. Its outer gridlines are the limits beliefs are held within
    (``LOG_ODDS_LIMIT``), labelled "< 0.01 %" and "> 99.99 %" as the page writes such
    beliefs, so every dot sits on or inside the gridlines. Each label sits above or below
    its dot as ``label_sides`` chose, so neighbours never overlap. Drawn in the crowd's
    colour for "has the condition", so a colour means one thing on the page; each step
    names its result on the axis ("2: +").

    Parameters
    ----------
    path : DataFrame
        Columns ``test`` (0, 1, …), ``step`` (its axis label), ``belief`` (0 to 1),
        ``odds`` (its log₁₀ odds, held within ``LOG_ODDS_LIMIT``), ``label`` (the belief as
        text), ``side`` ("above" or "below", from ``label_sides``) and ``crowd`` (the
        crowd's count behind it).

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X(
        "step:N",
        title="prior, then each test",
        sort=alt.EncodingSortField("test"),
        axis=alt.Axis(labelAngle=0),
    )
    edge = LOG_ODDS_LIMIT + 0.8  # room for a label above the top dot and below the lowest
    y = alt.Y(
        "odds:Q",
        title="P(condition), log-odds scale",
        scale=alt.Scale(domain=[-edge, edge], nice=False),
        axis=alt.Axis(
            # Every decade named but the outermost: the limits, half a decade further out,
            # say "< 0.01 %" and "> 99.99 %" there, and two labels so close would overprint.
            values=[
                -LOG_ODDS_LIMIT,
                *(float(v) for v in log10_odds(BELIEF_TICKS[1:-1])),
                LOG_ODDS_LIMIT,
            ],
            labelOverlap=False,
            labelExpr=(
                f"datum.value >= {LOG_ODDS_LIMIT} ? '> 99.99 %' : "
                f"datum.value <= {-LOG_ODDS_LIMIT} ? '< 0.01 %' : "
                "replace(format(1 / (1 + pow(10, -datum.value)), '.2~%'), '%', ' %')"
            ),
        ),
    )
    colour = COLORS["vermillion"]
    base = alt.Chart(path)
    line = base.mark_line(color=colour).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=SIZES["point"] * 2, color=colour, opacity=1).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("step:N", title="after"),
            alt.Tooltip("label:N", title="belief"),
            alt.Tooltip("crowd:N", title="in the crowd"),
        ],
    )
    labels = [
        base.transform_filter(f"datum.side == '{side}'")
        .mark_text(dy=dy, color=COLORS["ink"])
        .encode(x=x, y=y, text="label:N")
        for side, dy in (("above", SIZES["label_dy"]), ("below", -SIZES["label_dy"]))
    ]
    return alt.layer(line, dots, *labels).properties(height=SIZES["height"])


def likelihood_chart(
    curve: pd.DataFrame,
    marks: pd.DataFrame,
    level: pd.DataFrame,
    candidate: pd.DataFrame,
    *,
    parameter: str,
    legend: tuple[str, ...] = ("estimate",),
    view: tuple[float, float] | None = None,
    floor: float = -8.0,
    draggable: bool = False,
) -> alt.LayerChart | alt.FacetChart:
    """The log-likelihood log L(θ) − log L(θ̂): zero at the estimate, narrower as the sample grows.

    Parameters
    ----------
    curve : DataFrame
        Columns ``theta`` and ``drop`` (≤ 0; nan where the value is off the chart).
    marks : DataFrame
        Columns ``x`` and ``mark`` ("estimate" or "truth"): vertical rules.
    level : DataFrame
        One row, column ``drop``: the height of the 95 % likelihood interval's edges.
    candidate : DataFrame
        One row: ``theta`` (the candidate θ), ``drop`` (its log L − the maximum, raised to
        the chart's floor if below it), ``label`` (its value, as text) and ``place`` ("on the
        chart", or "below the chart": drawn as a downward triangle at the floor): a dot on
        the curve that climbs to the peak as θ nears θ̂.
    parameter : str
        The parameter's name for the x axis.
    legend : tuple of str
        The marks the legend names ("truth" only once it is revealed).
    view : tuple of float, optional
        The θ range shown (``likelihood_view``); by default the curve's own.
    floor : float
        The bottom of the y axis (``likelihood_view``): −8, or lower to take in a
        candidate far below the peak.
    draggable : bool
        Let the pointer drag the candidate along the curve: while a button is held a hollow
        dot and its log L follow the curve point nearest the pointer (``GRAB``, drawn in the
        browser); letting go (or a click) selects that θ (``PICK_THETA``), for the page to
        move the candidate there.

    Returns
    -------
    alt.LayerChart
    """
    x_scale = (
        alt.Scale(zero=False, nice=False)
        if view is None
        else alt.Scale(domain=list(view), zero=False, nice=False)
    )
    x = alt.X("theta:Q", title=parameter, scale=x_scale)
    y = alt.Y(
        "drop:Q",
        title="log L − its maximum",
        scale=alt.Scale(domain=[float(floor), 0.5], nice=False),
    )
    # Cut at the frame by a filter, not by clipping: Vega clips a chart whose pointer
    # selection finds the nearest point to the wrong height (about half the plot).
    inside = f"datum.drop >= {float(floor)}"
    line = (
        alt.Chart(curve)
        .transform_filter(inside)
        .mark_line(color=COLORS["ink"], strokeWidth=2.5, invalid="break-paths-show-domains")
        .encode(
            x=x,
            y=y,
            tooltip=_tooltip(("theta:Q", parameter), ("drop:Q", "log L − max")),
        )
    )
    cut = (
        alt.Chart(level)
        .mark_rule(color=COLORS["grey"], strokeDash=[3, 3])
        .encode(y=alt.Y("drop:Q"), tooltip=_tooltip(("drop:Q", "95 % interval edge")))
    )
    dot = (
        alt.Chart(candidate)
        .mark_point(filled=True, color=CANDIDATE_COLOR, size=SIZES["point"] * 3, opacity=1)
        .encode(
            x=x,
            y=y,
            shape=alt.Shape(
                "place:N",
                scale=alt.Scale(
                    domain=["on the chart", "below the chart"], range=["circle", "triangle-down"]
                ),
                legend=None,
            ),
            tooltip=[alt.Tooltip("label:N", title="log L − max")],
        )
    )
    words = (
        alt.Chart(candidate)
        .mark_text(color=CANDIDATE_COLOR, fontWeight="bold", align="left", dx=10)
        .encode(x=x, y=y, text="label:N")
    )
    layers = [cut, line, _mark_rules(marks, parameter, legend), dot, words]
    if draggable:
        layers += _grab_layers(curve, x, y, inside)
    return alt.layer(*layers).properties(height=SIZES["main"])


GRAB: Final = "mle_grab"
"""The curve point nearest the pointer while a button is held: the candidate being dragged."""
PICK_THETA: Final = "mle_pick"
"""The curve point where the pointer was let go: the θ the page moves the candidate to."""


def _grab_layers(curve: pd.DataFrame, x: alt.X, y: alt.Y, inside: str) -> list[alt.Chart]:
    """An invisible target on every drawn curve point, and the dragged candidate's preview."""
    drawn = alt.Chart(curve).transform_filter(
        f"isValid(datum.drop) && isFinite(datum.drop) && {inside}"
    )
    grab = alt.selection_point(
        name=GRAB,
        on="pointerdown, pointermove[event.buttons > 0]",
        nearest=True,
        fields=["theta", "drop"],
        clear=False,
        empty=False,
    )
    pick = alt.selection_point(
        name=PICK_THETA, on="pointerup", nearest=True, fields=["theta"], clear=False
    )
    target = (
        drawn.mark_point(opacity=0, size=10, tooltip=False).encode(x=x, y=y).add_params(grab, pick)
    )
    held = drawn.transform_filter(grab).transform_calculate(
        text="'log L − max = ' + format(datum.drop, '.4~g')"
    )
    ring = held.mark_point(
        filled=False, color=CANDIDATE_COLOR, size=SIZES["point"] * 3, strokeWidth=2.5, opacity=1
    ).encode(x=x, y=y)
    said = held.mark_text(
        color=CANDIDATE_COLOR, fontWeight="bold", align="left", dx=12, dy=-12
    ).encode(x=x, y=y, text="text:N")
    return [target, ring, said]


SAMPLE_COLOR = COLORS["blue"]
"""The sample's bars under a model: a light blue, under the interval's green area."""
CANDIDATE_COLOR = COLORS["vermillion"]
"""The candidate θ and everything drawn at it, on every Maximum-likelihood chart."""


def candidate_heights(
    model: pd.DataFrame, data: pd.DataFrame, sticks: pd.DataFrame, *, discrete: bool
) -> tuple[float, float]:
    """The y range ``candidate_chart`` needs: every bar, curve and stick, with room above."""
    heights = [model["at"], model["fit"], data["share" if discrete else "density"]]
    if len(sticks):
        heights.append(sticks["p"])
    return with_room(np.concatenate(heights))


def candidate_chart(
    model: pd.DataFrame,
    data: pd.DataFrame,
    sticks: pd.DataFrame,
    *,
    discrete: bool,
    x_domain: tuple[float, float],
    y_domain: tuple[float, float],
) -> alt.LayerChart | alt.FacetChart:
    """The data under the model at the candidate θ, each point's likelihood a stick.

    Parameters
    ----------
    model : DataFrame
        Columns ``x``, ``at`` (the model's pmf or pdf at θ) and ``fit`` (at θ̂).
    data : DataFrame
        The sample: ``x`` and ``share`` (discrete) or ``left``, ``right``, ``density``.
    sticks : DataFrame
        Columns ``x`` and ``p``: a data point and p(x | θ), its likelihood under θ (a
        continuous sample's points, at most a few hundred; none for a discrete one).
    discrete : bool
        Stems at whole values, or curves.
    x_domain : tuple of float
        The x range, shared with ``contribution_parts_chart``.
    y_domain : tuple of float
        The y range, from ``candidate_heights``: a parameter, so a reused chart shape never
        keeps another candidate's range.

    Returns
    -------
    alt.LayerChart
    """
    xs = alt.Scale(domain=list(x_domain), nice=False, zero=False)
    ys = alt.Scale(domain=list(y_domain), nice=False)
    title = "probability / share" if discrete else "density"
    # A few whole values are ticked one by one (0 and 1 for a Bernoulli), never 0.5.
    first, last = math.ceil(x_domain[0]), math.floor(x_domain[1])
    value_axis = (
        alt.Axis(values=list(range(first, last + 1)), format="d")
        if discrete and last - first < 15
        else alt.Axis()
    )
    axis = alt.Axis(minExtent=AXIS_EXTENT)
    if discrete:
        bars = (
            alt.Chart(data)
            .transform_calculate(left="datum.x - 0.3", right="datum.x + 0.3")
            .mark_rect(color=COLORS["sky"], opacity=0.6, clip=True)
            .encode(
                x=alt.X("left:Q", title="value", scale=xs, axis=value_axis),
                x2="right:Q",
                y=alt.Y("share:Q", title=title, axis=axis, scale=ys),
                y2=alt.datum(0),
                tooltip=_tooltip(("x:Q", "value"), ("share:Q", "share of the data")),
            )
        )
        fit = (
            alt.Chart(model)
            .transform_calculate(left="datum.x - 0.35", right="datum.x + 0.35")
            .mark_rule(color=COLORS["ink"], strokeWidth=2.5, strokeDash=[5, 3], clip=True)
            .encode(x=alt.X("left:Q", scale=xs), x2="right:Q", y=alt.Y("fit:Q", scale=ys))
        )
        at = (
            alt.Chart(model)
            .mark_rule(color=CANDIDATE_COLOR, strokeWidth=4, clip=True)
            .encode(
                x=alt.X("x:Q", scale=xs),
                y=alt.Y("at:Q", scale=ys),
                y2=alt.datum(0),
                tooltip=_tooltip(("x:Q", "value"), ("at:Q", "P(x | θ)"), ("fit:Q", "P(x | θ̂)")),
            )
        )
        return alt.layer(bars, at, fit).properties(height=SIZES["height"] - 40)
    bins = (
        alt.Chart(data)
        .mark_rect(color=COLORS["sky"], opacity=0.5, stroke="white", strokeWidth=0.5, clip=True)
        .encode(
            x=alt.X("left:Q", title="value", scale=xs),
            x2="right:Q",
            y=alt.Y("density:Q", title=title, axis=axis, scale=ys),
            y2=alt.datum(0),
        )
    )
    fit = (
        alt.Chart(model)
        .mark_line(color=COLORS["ink"], strokeDash=[6, 4], strokeWidth=1.5, clip=True)
        .encode(x=alt.X("x:Q", scale=xs), y=alt.Y("fit:Q", scale=ys))
    )
    at = (
        alt.Chart(model)
        .mark_line(color=CANDIDATE_COLOR, strokeWidth=3, clip=True)
        .encode(
            x=alt.X("x:Q", scale=xs),
            y=alt.Y("at:Q", scale=ys),
            tooltip=_tooltip(("x:Q", "x"), ("at:Q", "p(x | θ)"), ("fit:Q", "p(x | θ̂)")),
        )
    )
    stick = (
        alt.Chart(sticks)
        .mark_rule(color=CANDIDATE_COLOR, strokeWidth=1.5, opacity=0.7, clip=True)
        .encode(
            x=alt.X("x:Q", scale=xs),
            y=alt.Y("p:Q", scale=ys),
            y2=alt.datum(0),
            tooltip=_tooltip(("x:Q", "data point"), ("p:Q", "p(x | θ)")),
        )
    )
    return alt.layer(bins, fit, stick, at).properties(height=SIZES["height"] - 40)


def contribution_parts_chart(
    parts: pd.DataFrame, *, x_domain: tuple[float, float]
) -> alt.LayerChart | alt.FacetChart:
    """Each data point's log p(x | θ): the pieces log L(θ) is the sum of, hanging below 0.

    Parameters
    ----------
    parts : DataFrame
        Columns ``x`` (a value or a bin's centre), ``count`` (data points there) and
        ``total`` (the sum of their log p(x | θ), ≤ 0 for a pmf).
    x_domain : tuple of float
        The x range, shared with ``candidate_chart``.

    Returns
    -------
    alt.LayerChart
    """
    xs = alt.Scale(domain=list(x_domain), nice=False, zero=False)
    y = alt.Y("total:Q", title="Σ log p(x | θ) there", axis=alt.Axis(minExtent=AXIS_EXTENT))
    stems = (
        alt.Chart(parts)
        .mark_rule(color=CANDIDATE_COLOR, strokeWidth=3, clip=True)
        .encode(x=alt.X("x:Q", title="value", scale=xs), y=y, y2=alt.datum(0))
    )
    ends = (
        alt.Chart(parts)
        .mark_point(filled=True, color=CANDIDATE_COLOR, opacity=1, clip=True)
        .encode(
            x=alt.X("x:Q", scale=xs),
            y=y,
            tooltip=_tooltip(("x:Q", "value"), ("count:Q", "data points"), ("total:Q", "Σ log p")),
        )
    )
    zero = alt.Chart(parts).mark_rule(color=COLORS["ink"]).encode(y=alt.datum(0))
    return alt.layer(zero, stems, ends).properties(height=SIZES["small_height"])


AXIS_EXTENT = 60
"""The y axes' width (labels and ticks) in the interval and CDF charts, so their x axes align."""
INTERVAL_COLOR = COLORS["green"]
"""The colour of the interval [a, b] and of its probability, in both panels."""


def _x_scale(x_domain: tuple[float, float] | None) -> alt.Scale:
    if x_domain is None:
        return alt.Scale(zero=False, nice=False)
    return alt.Scale(domain=list(x_domain), nice=False, zero=False)


def _y_scale(y_high: float | None) -> alt.Scale:
    return alt.Scale(nice=False) if y_high is None else alt.Scale(domain=[0, y_high], nice=False)


def _value_axis(discrete: bool) -> alt.Axis:
    """Whole-number ticks for a discrete family (never −0.5 or 1.5), Vega's own otherwise."""
    return alt.Axis(tickMinStep=1, format="d") if discrete else alt.Axis()


def interval_chart(
    model: pd.DataFrame,
    sample: pd.DataFrame,
    marks: pd.DataFrame,
    interval: pd.DataFrame,
    *,
    discrete: bool,
    x_domain: tuple[float, float] | None = None,
    y_high: float | None = None,
) -> alt.LayerChart | alt.FacetChart:
    """A distribution in a fixed frame, with P(a < X < b) shaded (``cdf_chart`` goes under it).

    Parameters
    ----------
    model : DataFrame
        Columns ``x``, ``density`` (the pdf, or the pmf for a discrete family), ``cdf`` and
        ``inside`` (whether x lies in the interval).
    sample : DataFrame
        The sample: ``left``, ``right``, ``density`` (a histogram) for a continuous family,
        ``x`` and ``share`` for a discrete one.
    marks : DataFrame
        Columns ``x`` and ``mark`` ("mean", "sample mean"): vertical rules.
    interval : DataFrame
        One row: ``a``, ``b``, ``Fa``, ``Fb`` (the CDF's values at the interval's ends) and
        ``label`` (the probability, as text).
    discrete : bool
        Bars and stems (a pmf, a step CDF) or a curve (a pdf).
    x_domain : tuple of float, optional
        The fixed x range (None: fit the data).
    y_high : float, optional
        The top of the density's y range (None: fit the data); taller peaks are cut.

    Returns
    -------
    alt.LayerChart
    """
    xs = _x_scale(x_domain)
    x = alt.X("x:Q", title="value", scale=xs, axis=_value_axis(discrete))
    y_title = "probability / share of the sample" if discrete else "density"
    axis = alt.Axis(minExtent=AXIS_EXTENT)
    y = alt.Y("density:Q", title=y_title, scale=_y_scale(y_high), axis=axis)
    if discrete:
        data = (
            alt.Chart(sample)
            .transform_calculate(left="datum.x - 0.4", right="datum.x + 0.4")
            .mark_rect(color=SAMPLE_COLOR, opacity=0.5, clip=True)
            .encode(
                x=alt.X("left:Q", title="value", scale=xs, axis=_value_axis(discrete)),
                x2="right:Q",
                y=alt.Y("share:Q", title=y_title, scale=_y_scale(y_high), axis=axis),
                y2=alt.datum(0),
                tooltip=_tooltip(("x:Q", "value"), ("share:Q", "share of sample")),
            )
        )
        ink = alt.condition(alt.datum.inside, alt.value(INTERVAL_COLOR), alt.value(COLORS["ink"]))
        stems = (
            alt.Chart(model)
            .mark_rule(strokeWidth=3, clip=True)
            .encode(x=x, y=y, y2=alt.datum(0), color=ink)
        )
        heads = (
            alt.Chart(model)
            .mark_point(filled=True, clip=True, opacity=1)
            .encode(
                x=x,
                y=y,
                color=ink,
                tooltip=_tooltip(("x:Q", "value"), ("density:Q", "P(X = x)"), ("cdf:Q", "F(x)")),
            )
        )
        shapes = [data, stems, heads]
    else:
        data = (
            alt.Chart(sample)
            # Light, so the interval's green area over it reads as green, not teal.
            .mark_rect(color=SAMPLE_COLOR, opacity=0.3, stroke="white", strokeWidth=0.5, clip=True)
            .encode(
                x=alt.X("left:Q", title="value", scale=xs, axis=_value_axis(discrete)),
                x2="right:Q",
                y=alt.Y("density:Q", title=y_title, scale=_y_scale(y_high), axis=axis),
                y2=alt.datum(0),
                tooltip=_tooltip(("left:Q", "from"), ("right:Q", "to"), ("density:Q", "density")),
            )
        )
        area = (
            alt.Chart(model)
            .transform_filter(alt.datum.inside)
            .mark_area(color=INTERVAL_COLOR, opacity=0.5, clip=True)
            .encode(x=x, y=y)
        )
        curve = (
            alt.Chart(model)
            .mark_line(color=COLORS["ink"], strokeWidth=2.5, clip=True)
            .encode(
                x=x, y=y, tooltip=_tooltip(("x:Q", "x"), ("density:Q", "pdf"), ("cdf:Q", "F(x)"))
            )
        )
        shapes = [data, area, curve]
    label = (
        alt.Chart(interval)
        # top right, clear of the marks: every family's fixed frame keeps its mass left or
        # in the middle, never in the top right corner
        .mark_text(
            color=INTERVAL_COLOR,
            fontWeight="bold",
            align="right",
            baseline="top",
            dx=-8,
            lineBreak="\n",  # the event over its probability: narrow enough for a phone
        )
        .encode(x=alt.value("width"), y=alt.value(6), text="label:N")
    )
    ends = (
        alt.Chart(interval)
        .transform_fold(["a", "b"], as_=["end", "x"])
        .mark_rule(color=INTERVAL_COLOR, strokeDash=[4, 3], strokeWidth=1.5, clip=True)
        .encode(x=alt.X("x:Q", scale=xs))
    )
    # the mean lines go underneath, so they never hide a stem or the curve
    top = alt.layer(_mark_rules(marks, "value", ("mean", "sample mean")), *shapes, ends, label)
    return top.properties(height=SIZES["main"])


def cdf_chart(
    model: pd.DataFrame,
    interval: pd.DataFrame,
    *,
    discrete: bool,
    x_domain: tuple[float, float] | None = None,
) -> alt.LayerChart | alt.FacetChart:
    """The CDF F(x) = P(X ≤ x), with the interval's ends and its rise from F(a) to F(b).

    Drawn under ``interval_chart`` with the same x range and the same y-axis width, so the
    two line up: the area over [a, b] above is the height of the green bar below.

    Parameters
    ----------
    model, interval : DataFrame
        As for ``interval_chart``.
    discrete : bool
        A step function (a discrete family) or a curve.
    x_domain : tuple of float, optional
        The fixed x range (None: fit the data).

    Returns
    -------
    alt.LayerChart
    """
    xs = _x_scale(x_domain)
    ends = (
        alt.Chart(interval)
        .transform_fold(["a", "b"], as_=["end", "x"])
        .mark_rule(color=INTERVAL_COLOR, strokeDash=[4, 3], strokeWidth=1.5, clip=True)
        .encode(x=alt.X("x:Q", scale=xs, title="value", axis=_value_axis(discrete)))
    )
    cdf_y = alt.Y(
        "cdf:Q",
        title="F(x) = P(X ≤ x)",
        scale=alt.Scale(domain=[0, 1], nice=False),
        axis=alt.Axis(values=[0, 0.25, 0.5, 0.75, 1], format="~%", minExtent=AXIS_EXTENT),
    )
    band = (
        alt.Chart(interval)
        .mark_rect(color=INTERVAL_COLOR, opacity=0.12)
        .encode(y=alt.Y("Fa:Q", scale=alt.Scale(domain=[0, 1])), y2="Fb:Q")
    )
    cdf = (
        alt.Chart(model)
        .mark_line(
            color=COLORS["ink"],
            strokeWidth=2,
            clip=True,
            interpolate="step-after" if discrete else "linear",
        )
        .encode(
            x=alt.X("x:Q", title="value", scale=xs, axis=_value_axis(discrete)),
            y=cdf_y,
            tooltip=_tooltip(("x:Q", "x"), ("cdf:Q", "F(x)")),
        )
    )
    rise = (
        alt.Chart(interval)
        .mark_rule(color=INTERVAL_COLOR, strokeWidth=5, clip=True)
        .encode(x=alt.X("b:Q", scale=xs), y=alt.Y("Fa:Q"), y2="Fb:Q")
    )
    return alt.layer(band, cdf, ends, rise).properties(height=SIZES["small_height"])


def means_chart(
    pile: pd.DataFrame,
    curve: pd.DataFrame,
    *,
    x_domain: tuple[float, float],
    y_high: float,
    total: int,
    upto: str = MEANS_SO_FAR,
) -> alt.LayerChart | alt.FacetChart:
    """Averages of m draws piling up, batch by batch, under the normal N(μ, σ²/m) they approach.

    The bars are added up in the browser: a slider named ``upto`` (0 to the last batch)
    keeps the batches up to it, and each bar's height is its count so far over (``total``
    × its width), the density of the whole pile once every batch is in. On fixed axes,
    playing the slider (``mathviz.ui.stage.player``) shows the bars rise into the bell.

    Parameters
    ----------
    pile : DataFrame
        Columns ``left``, ``right`` (a bin), ``batch`` (0, 1, …), ``count`` (that batch's
        averages in that bin; bins a batch missed may be left out) and ``drawn`` (the
        averages drawn by the batch's end, those outside the x range included).
    curve : DataFrame
        Columns ``x`` and ``density``: the normal's pdf.
    x_domain : tuple of float
        The fixed x range, the family's own frame, so the pile is seen to narrow.
    y_high : float
        The top of the fixed y axis: above the whole pile and the curve's peak.
    total : int
        How many averages there are in all batches.
    upto : str
        The slider's name, unique on the page.

    Returns
    -------
    alt.LayerChart
    """
    xs = _x_scale(x_domain)
    ys = alt.Scale(domain=[0, float(y_high)], nice=False)
    last = int(pile["batch"].max()) if len(pile) else 0
    shown = alt.Chart(pile).transform_filter(f"datum.batch <= {upto}")
    bins = (
        shown.transform_aggregate(so_far="sum(count)", groupby=["left", "right"])
        .transform_calculate(
            density=f"datum.so_far / ({max(total, 1)} * (datum.right - datum.left))"
        )
        .mark_rect(color=COLORS["blue"], opacity=0.75, stroke="white", strokeWidth=0.3, clip=True)
        .encode(
            x=alt.X("left:Q", title="average of m draws", scale=xs),
            x2="right:Q",
            y=alt.Y("density:Q", title="density", scale=ys),
            y2=alt.datum(0),
            tooltip=_tooltip(("left:Q", "from"), ("right:Q", "to"), ("so_far:Q", "averages")),
        )
    )
    normal = (
        alt.Chart(curve)
        .mark_line(color=COLORS["vermillion"], strokeWidth=3, clip=True)
        .encode(
            x=alt.X("x:Q", scale=xs),
            y=alt.Y("density:Q", scale=ys),
            tooltip=_tooltip(("x:Q", "x"), ("density:Q", "normal pdf")),
        )
    )
    key = (
        alt.Chart(pd.DataFrame({"key": [0]}))
        .mark_text(color=COLORS["vermillion"], align="right", baseline="top", fontWeight="bold")
        .encode(x=alt.value("width"), y=alt.value(6), text=alt.value("normal N(μ, σ²/m)"))
    )
    readout = (
        # Every average drawn so far, also those beyond the axis, as the page counts them.
        shown.transform_aggregate(so_far="max(drawn)")
        .transform_calculate(text="format(datum.so_far, ',') + ' averages so far'")
        .mark_text(color=COLORS["blue"], align="left", baseline="top", fontWeight="bold")
        .encode(x=alt.value(6), y=alt.value(6), text="text:N")
    )
    param = step_slider(upto, last, "batches of averages ", at=last)
    return alt.layer(bins, normal, key, readout).add_params(param).properties(height=SIZES["main"])


def rolls_chart(
    rolls: pd.DataFrame, expected: pd.DataFrame, *, y_domain: tuple[float, float]
) -> alt.LayerChart | alt.FacetChart:
    """Rounds played one at a time: each round's payoff, the average so far, and E[X].

    Parameters
    ----------
    rolls : DataFrame
        Columns ``round`` (1, 2, …), ``payoff`` and ``average`` (of the rounds so far).
    expected : DataFrame
        One row, column ``mean``: E[X], the level the average heads for.
    y_domain : tuple of float
        The y range, fixed by the payoffs so the average's settling is seen.

    Returns
    -------
    alt.LayerChart
    """
    x = alt.X(
        "round:Q",
        title="round",
        scale=alt.Scale(domainMin=0.5, nice=False, zero=False, padding=12),
        axis=alt.Axis(tickMinStep=1, format="d"),
    )
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    each = (
        alt.Chart(rolls)
        .mark_point(filled=True, color=COLORS["grey"], opacity=0.6, clip=True)
        .encode(
            x=x,
            y=alt.Y("payoff:Q", title="payoff per round", scale=y_scale),
            tooltip=_tooltip(
                ("round:Q", "round"), ("payoff:Q", "payoff"), ("average:Q", "average")
            ),
        )
    )
    average = (
        alt.Chart(rolls)
        .mark_line(color=COLORS["blue"], strokeWidth=3, point=True, clip=True)
        .encode(x=x, y=alt.Y("average:Q", scale=y_scale))
    )
    level = (
        alt.Chart(expected)
        .mark_rule(color=COLORS["ink"], strokeDash=[6, 4], strokeWidth=2)
        .encode(y=alt.Y("mean:Q", scale=y_scale))
    )
    words = (
        alt.Chart(expected)
        .mark_text(align="left", baseline="top", dx=4, dy=4, color=COLORS["ink"], fontWeight="bold")
        .encode(x=alt.value(0), y=alt.Y("mean:Q", scale=y_scale), text=alt.value("E[X]"))
    )
    return alt.layer(level, each, average, words).properties(height=SIZES["height"] - 40)


LANDSCAPE_LEVELS = (-8.0, -4.0, -LIKELIHOOD_DROP_95)
"""Where the (μ, σ) landscape changes colour: far below the peak, below, near, inside 95 %."""


def landscape_chart(cells: pd.DataFrame, points: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The normal's log L(μ, σ) − its maximum over both parameters, with the way to the top.

    Parameters
    ----------
    cells : DataFrame
        Columns ``mu``, ``mu2``, ``sigma``, ``sigma2`` (a cell's corners) and ``drop``.
    points : DataFrame
        Two rows, columns ``mu``, ``sigma`` and ``point`` ("candidate", then "estimate"):
        a line joins them, the way the candidate must move to reach the peak.

    Returns
    -------
    alt.LayerChart
    """
    colour = alt.Color(
        "drop:Q",
        title="log L − max",
        scale=alt.Scale(
            type="threshold",
            domain=list(LANDSCAPE_LEVELS),
            range=["#f2f2f2", "#c6dbef", "#6baed6", "#2171b5"],
        ),
        legend=alt.Legend(orient="top", format=".3~g"),
    )
    x = alt.X("mu:Q", title="μ", scale=alt.Scale(zero=False, nice=False))
    y = alt.Y("sigma:Q", title="σ", scale=alt.Scale(zero=False, nice=False))
    land = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            x=x,
            x2="mu2:Q",
            y=y,
            y2="sigma2:Q",
            color=colour,
            tooltip=_tooltip(("mu:Q", "μ"), ("sigma:Q", "σ"), ("drop:Q", "log L − max")),
        )
    )
    way = (
        alt.Chart(points)
        .mark_line(color=CANDIDATE_COLOR, strokeDash=[4, 3], strokeWidth=2)
        .encode(x=x, y=y, order=alt.Order("point:N", sort="ascending"))
    )
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=SIZES["point"] * 3, opacity=1)
        .encode(
            x=x,
            y=y,
            shape=alt.Shape(
                "point:N",
                scale=alt.Scale(domain=["candidate", "estimate"], range=["circle", "cross"]),
                legend=None,
            ),
            color=alt.Color(
                "point:N",
                scale=alt.Scale(
                    domain=["candidate", "estimate"],
                    range=[CANDIDATE_COLOR, MARK_COLORS_BY_NAME["estimate"]],
                ),
                legend=None,
            ),
            tooltip=[alt.Tooltip("point:N"), *_tooltip(("mu:Q", "μ"), ("sigma:Q", "σ"))],
        )
    )
    return (
        alt.layer(land, way, dots)
        .resolve_scale(color="independent")
        .properties(height=LANDSCAPE_HEIGHT)
    )


LANDSCAPE_HEIGHT = 420
"""The (μ, σ) map's plot height: about as tall as the column is wide, a map, not a strip."""
