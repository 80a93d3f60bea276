"""Charts of the Neural networks page: data in, a chart out.

``fit_chart``       points, the least-squares line with its residuals, and other lines
``cloud_chart``     minibatch gradients scattered around the full gradient, one colour per B
``spread_chart``    how far a minibatch gradient strays against B, on log–log axes

The SGD paths over the loss map are Multivariable's ``descent_chart`` with a palette of
batch sizes, and their loss against the step is its ``loss_chart``.
"""

from __future__ import annotations

from typing import Final

import altair as alt
import pandas as pd

from mathviz.charts.linear_algebra import equal_axes
from mathviz.charts.multivariable import Palette, method_colors
from mathviz.charts.theme import COLORS, SIZES

# Batch sizes from noisiest to calmest: warm to cool, the full batch in ink.
BATCH_PALETTE: Final[dict[str, str]] = {
    "B = 1": COLORS["vermillion"],
    "B = 8": "#cc00cc",
    "B = 64": COLORS["blue"],
    "full batch": COLORS["ink"],
}
FIT = "least squares"
START = "start"


def fit_chart(
    points: pd.DataFrame, lines: pd.DataFrame, gaps: pd.DataFrame, *, palette: Palette = ()
) -> alt.LayerChart | alt.FacetChart:
    """The data, the least-squares line with its residuals, and where each run ended.

    Parameters
    ----------
    points : DataFrame
        Columns ``x``, ``y``.
    lines : DataFrame
        Columns ``x``, ``y``, ``line``: two points per line; ``line`` is ``FIT``,
        ``START`` (the runs' first line, dashed) or a run's name.
    gaps : DataFrame
        Columns ``x``, ``y``, ``fit``: each point's vertical gap to the fitted line.
    palette : tuple of (str, str)
        The runs' names and colours.

    Returns
    -------
    alt.LayerChart
        ``SIZES["main"]`` tall.
    """
    names = [FIT, START, *(name for name, _ in palette)]
    colours = [COLORS["green"], COLORS["grey"], *(colour for _, colour in palette)]
    scale = alt.Scale(domain=names, range=colours)
    x = alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False))
    y = alt.Y("y:Q", title="y", scale=alt.Scale(zero=False))
    residuals = (
        alt.Chart(gaps)
        .mark_rule(color=COLORS["green"], strokeWidth=1, opacity=0.55)
        .encode(x=x, y=y, y2=alt.Y2("fit:Q"))
    )
    dots = (
        alt.Chart(points)
        .mark_circle(color=COLORS["ink"], opacity=0.55, size=28)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )
    drawn = (
        alt.Chart(lines)
        .mark_line(clip=True)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            color=alt.Color(
                "line:N",
                scale=scale,
                title=None,
                legend=alt.Legend(orient="top", direction="horizontal", symbolStrokeWidth=3),
            ),
            strokeDash=alt.condition(
                f"datum.line == '{START}'", alt.value([6, 4]), alt.value([1, 0])
            ),
            strokeWidth=alt.condition(f"datum.line == '{FIT}'", alt.value(4), alt.value(2)),
            detail=alt.Detail("line:N"),
        )
    )
    return alt.layer(residuals, dots, drawn).properties(height=SIZES["main"] - 60)


def cloud_chart(
    cloud: pd.DataFrame,
    rings: pd.DataFrame,
    full: pd.DataFrame,
    *,
    extent: float,
    centre: tuple[float, float],
    palette: Palette = (),
) -> alt.LayerChart | alt.FacetChart:
    """Minibatch gradients as dots around the full gradient, with a ring of each cloud's spread.

    Parameters
    ----------
    cloud : DataFrame
        Columns ``gw``, ``gb``, ``method``: one row per minibatch gradient.
    rings : DataFrame
        Columns ``gw``, ``gb``, ``method``, ``i``: a circle per batch size, its radius the
        root-mean-square distance of that size's gradients from the full one.
    full : DataFrame
        Columns ``gw``, ``gb``: the full gradient (one row), and the origin's arrow to it.
    extent, centre
        The view: equal units, the shorter side centre ± extent.
    palette : tuple of (str, str)
        The batch sizes' names and colours.

    Returns
    -------
    alt.LayerChart
        Equal units on both axes, ``SIZES["main"] - 60`` tall.
    """
    x, y = equal_axes(extent, centre, fields=("gw", "gb"))
    x = x.title("∂L/∂w")
    y = y.title("∂L/∂b")
    colour = alt.Color(
        "method:N",
        scale=method_colors(palette),
        title=None,
        legend=alt.Legend(orient="top", direction="horizontal", symbolOpacity=1),
    )
    dots = (
        alt.Chart(cloud)
        .mark_circle(size=22, opacity=0.45, clip=True)
        .encode(x=x, y=y, color=colour)
    )
    ring = (
        alt.Chart(rings)
        .mark_line(strokeWidth=2.5, clip=True)
        .encode(
            x=alt.X("gw:Q"),
            y=alt.Y("gb:Q"),
            color=alt.Color("method:N", scale=method_colors(palette), legend=None),
            detail=alt.Detail("method:N"),
            order=alt.Order("i:Q"),
        )
    )
    arrow = (
        alt.Chart(full)
        .transform_calculate(w0="0", b0="0")
        .mark_rule(color=COLORS["ink"], strokeWidth=2, strokeDash=[4, 3])
        .encode(x=alt.X("w0:Q"), y=alt.Y("b0:Q"), x2=alt.X2("gw:Q"), y2=alt.Y2("gb:Q"))
    )
    tip = (
        alt.Chart(full)
        .mark_point(shape="cross", filled=True, size=260, color=COLORS["ink"], opacity=1)
        .encode(x=alt.X("gw:Q"), y=alt.Y("gb:Q"))
    )
    origin = (
        alt.Chart(pd.DataFrame({"gw": [0.0], "gb": [0.0]}))
        .mark_point(shape="circle", filled=True, size=40, color=COLORS["ink"], opacity=1)
        .encode(x=alt.X("gw:Q"), y=alt.Y("gb:Q"))
    )
    return alt.layer(dots, ring, arrow, origin, tip).properties(height=SIZES["main"] - 60)


def spread_chart(
    curve: pd.DataFrame, measured: pd.DataFrame, *, palette: Palette = ()
) -> alt.LayerChart | alt.FacetChart:
    """How far a minibatch gradient strays from the full one, against the batch size B.

    Parameters
    ----------
    curve : DataFrame
        Columns ``B``, ``spread``, ``line``: "predicted" (σ/√B · √((n − B)/(n − 1))) and
        "1/√B" (the same without the finite-population factor, a straight guide).
    measured : DataFrame
        Columns ``B``, ``spread``, ``method``: the root-mean-square distance measured on
        each drawn cloud.
    palette : tuple of (str, str)
        The batch sizes' names and colours.

    Returns
    -------
    alt.LayerChart
        Log–log axes, ``SIZES["height"]`` tall.
    """
    x = alt.X("B:Q", title="batch size B", scale=alt.Scale(type="log"), axis=alt.Axis(format="~g"))
    y = alt.Y(
        "spread:Q",
        title="typical distance from the full gradient",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format="~g"),
    )
    lines = (
        alt.Chart(curve)
        .transform_filter("datum.spread > 0")
        .mark_line(color=COLORS["grey"])
        .encode(
            x=x,
            y=y,
            strokeDash=alt.StrokeDash(
                "line:N",
                title=None,
                scale=alt.Scale(domain=["predicted", "1/√B"], range=[[1, 0], [5, 4]]),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
        )
    )
    dots = (
        alt.Chart(measured)
        .transform_filter("datum.spread > 0")
        .mark_point(filled=True, size=120, opacity=1)
        .encode(
            x=alt.X("B:Q"),
            y=alt.Y("spread:Q"),
            color=alt.Color("method:N", scale=method_colors(palette), legend=None),
            tooltip=[alt.Tooltip("method:N"), alt.Tooltip("spread:Q", format=".3g")],
        )
    )
    return alt.layer(lines, dots).properties(height=SIZES["height"])
