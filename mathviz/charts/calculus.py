"""Altair charts for the Calculus page: tidy DataFrames in, charts out.

``secant_chart``        f with the secant and the tangent at x
``quotient_error_chart`` error of the difference quotients against h, log-log
``critical_chart``      one of f, f', f'' with the critical points marked and labelled
``chain_panel_chart``   one of g, f and f∘g with its tangent
``riemann_chart``       the pieces of a Riemann sum over the curve, coloured by sign
``sum_error_chart``     error of each rule against n, log-log
``accumulation_chart``  F(x) = ∫ₐˣ f above; f and the slope of F below

Framing helpers, data in and data out: ``view_range`` (a y range that shows a curve's
shape even beside a pole), ``clip_far`` (values far outside it blanked, so a pole leaves
a gap), ``slope_guides`` (dashed reference lines of a given slope on log-log axes).
"""

from __future__ import annotations

from typing import Final

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz.charts.theme import COLORS, SIZES

BREAK: Final = "break-paths-show-domains"  # a nan in a curve leaves a gap instead of a false line

LINE_COLORS = alt.Scale(
    domain=["f", "secant", "tangent"], range=[COLORS["ink"], COLORS["orange"], COLORS["green"]]
)
KIND_COLORS = alt.Scale(
    domain=["minimum", "maximum", "inconclusive"],
    range=[COLORS["blue"], COLORS["vermillion"], COLORS["purple"]],
)


def view_range(ys: ArrayLike) -> tuple[float, float] | None:
    """A y range that shows the curve's shape even when it shoots off to infinity.

    The 2nd to 98th percentiles of the finite values, padded by 12 %; None when no value
    is finite.

    Examples
    --------
    >>> [round(end, 3) for end in view_range(np.linspace(0.0, 1.0, 101))]
    [-0.095, 1.095]
    """
    values = np.asarray(ys, dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    lo, hi = (float(q) for q in np.percentile(finite, [2, 98]))
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.12 * (hi - lo)
    return lo - pad, hi + pad


def clip_far(ys: ArrayLike, view: tuple[float, float] | None) -> np.ndarray:
    """Values more than five view-heights outside ``view`` blanked: a pole leaves a gap."""
    values = np.asarray(ys, dtype=float)
    if view is None:
        return values
    span = view[1] - view[0]
    return np.where((values < view[0] - 5 * span) | (values > view[1] + 5 * span), np.nan, values)


def slope_guides(
    hs: ArrayLike, errors: ArrayLike, order: int, *, anchor: float = 1e-2
) -> pd.DataFrame:
    """A dashed line of slope ``order`` on log-log axes, through the error at h = ``anchor``.

    It runs from h = 10^(−4/order) up, so both guides span the same four decades of error;
    empty when the error there is 0 or undefined.

    Examples
    --------
    >>> guide = slope_guides([1e-4, 1e-2, 1.0], [1e-6, 1e-4, 1e-2], 1)
    >>> guide["error"].tolist()
    [1e-06, 0.0001, 0.01]
    """
    hs, errors = np.asarray(hs, dtype=float), np.asarray(errors, dtype=float)
    at = errors[hs >= anchor]
    if at.size == 0 or not np.isfinite(at[0]) or at[0] <= 1e-14:
        return pd.DataFrame(columns=["h", "error", "guide", "end"])
    steps = hs[hs >= 10.0 ** (-4 / order)]
    return pd.DataFrame(
        {
            "h": steps,
            "error": at[0] * (steps / anchor) ** order,
            "guide": f"slope {order}",
            "end": steps == steps[0],
        }
    )


def _y(field: str, title: str, domain: tuple[float, float] | None) -> alt.Y:
    scale = alt.Scale(domain=list(domain), nice=False) if domain else alt.Scale(zero=False)
    return alt.Y(f"{field}:Q", title=title, scale=scale)


def secant_chart(
    lines: pd.DataFrame, points: pd.DataFrame, *, y_domain: tuple[float, float] | None = None
) -> alt.LayerChart | alt.FacetChart:
    """F with its secant and tangent at a point.

    Parameters
    ----------
    lines : DataFrame
        Columns ``x``, ``y``, ``line`` (one of "f", "secant", "tangent").
    points : DataFrame
        Columns ``x``, ``y``, ``label``, ``side`` ("left" or "right"): the two points the
        secant passes through, labelled on their own sides so they never overlap.
    y_domain : tuple of float, optional
        The y range to show; lines leaving it are clipped.

    Returns
    -------
    alt.LayerChart
        The layered chart.
    """
    encoding = {
        "x": alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False)),
        "y": _y("y", "y", y_domain),
        "color": alt.Color(
            "line:N", scale=LINE_COLORS, title=None, legend=alt.Legend(orient="top")
        ),
        "strokeDash": alt.StrokeDash(
            "line:N",
            legend=None,
            scale=alt.Scale(domain=["f", "secant", "tangent"], range=[[1, 0], [1, 0], [6, 4]]),
        ),
        "detail": alt.Detail("line:N"),
    }
    # The secant goes on top: for small h it lies almost on the tangent.
    curve_and_tangent = (
        alt.Chart(lines)
        .transform_filter(alt.datum.line != "secant")
        .mark_line(clip=True, invalid=BREAK)
        .encode(**encoding)
    )
    secant = (
        alt.Chart(lines)
        .transform_filter(alt.datum.line == "secant")
        .mark_line(clip=True, invalid=BREAK, opacity=0.85)
        .encode(**encoding)
    )
    line = curve_and_tangent + secant
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, color=COLORS["orange"], clip=True)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            tooltip=[
                alt.Tooltip("label:N"),
                alt.Tooltip("x:Q", format=".6g"),
                alt.Tooltip("y:Q", format=".6g"),
            ],
        )
    )
    first = (
        dots.transform_filter(alt.datum.side == "left")
        .mark_text(align="right", dx=-7, dy=10, color=COLORS["ink"], clip=True)
        .encode(text=alt.Text("label:N"))
    )
    second = (
        dots.transform_filter(alt.datum.side == "right")
        .mark_text(align="left", dx=7, dy=-10, color=COLORS["ink"], clip=True)
        .encode(text=alt.Text("label:N"))
    )
    labels = first + second
    return alt.layer(line, dots, labels).properties(height=SIZES["height"])


def quotient_error_chart(
    errors: pd.DataFrame, guides: pd.DataFrame, marker: pd.DataFrame
) -> alt.LayerChart | alt.FacetChart:
    """Error of the forward and central quotients against h on log-log axes.

    Parameters
    ----------
    errors : DataFrame
        Columns ``h``, ``error``, ``scheme``.
    guides : DataFrame
        Columns ``h``, ``error``, ``guide``: reference lines of slope 1 and 2.
    marker : DataFrame
        Column ``h``: the step chosen now, marked by a vertical rule.

    Returns
    -------
    alt.LayerChart
        The layered chart.
    """
    x = alt.X("h:Q", title="step h", scale=alt.Scale(type="log"), axis=alt.Axis(format=".0e"))
    y = alt.Y(
        "error:Q",
        title="|quotient − f′(x)|",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format=".0e"),
    )
    colors = alt.Scale(domain=["forward", "central"], range=[COLORS["orange"], COLORS["blue"]])
    curves = (
        alt.Chart(errors)
        .mark_line(point=True, invalid=BREAK)
        .encode(
            x=x,
            y=y,
            color=alt.Color("scheme:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("h:Q", format=".1e"),
                alt.Tooltip("error:Q", format=".2e"),
                alt.Tooltip("scheme:N"),
            ],
        )
    )
    guide = (
        alt.Chart(guides)
        .mark_line(strokeDash=[4, 4], color=COLORS["grey"])
        .encode(x=x, y=y, detail=alt.Detail("guide:N"))
    )
    guide_labels = (
        alt.Chart(guides)
        .transform_filter(alt.datum.end)
        .mark_text(align="right", dx=-4, color=COLORS["grey"])
        .encode(x=x, y=y, text=alt.Text("guide:N"))
    )
    rule = (
        alt.Chart(marker).mark_rule(color=COLORS["ink"], strokeDash=[2, 2]).encode(x=alt.X("h:Q"))
    )
    return alt.layer(guide, guide_labels, curves, rule).properties(height=SIZES["height"])


def critical_chart(
    curves: pd.DataFrame, points: pd.DataFrame, *, panel: str = "f", labelled: bool = True
) -> alt.LayerChart | alt.FacetChart:
    """One of f, f′, f″ over x, with the critical points marked on it.

    The page stacks three of these (one per panel) so that each fills the width of the
    screen, which a single concatenated chart cannot do.

    Parameters
    ----------
    curves : DataFrame
        Columns ``x``, ``value``, ``panel``.
    points : DataFrame
        Columns ``x``, ``value``, ``panel``, ``kind``, ``label``.
    panel : str
        Which ``panel`` value to draw; it is also the y axis title.
    labelled : bool
        Label the points with their verdicts and show the legend (the top panel).

    Returns
    -------
    alt.LayerChart
        The panel.
    """
    x = alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False))
    line = (
        alt.Chart(curves)
        .transform_filter(alt.datum.panel == panel)
        .mark_line(color=COLORS["ink"], invalid=BREAK, clip=True)
        .encode(x=x, y=alt.Y("value:Q", title=panel, scale=alt.Scale(zero=False)))
    )
    zero = (
        alt.Chart(pd.DataFrame({"value": [0.0]}))
        .mark_rule(color=COLORS["grey"])
        .encode(y=alt.Y("value:Q"))
    )
    marks = alt.Chart(points).transform_filter(alt.datum.panel == panel)
    legend = alt.Legend(orient="top") if labelled else None
    dots = marks.mark_point(filled=True, size=SIZES["point"] * 1.6).encode(
        x=alt.X("x:Q"),
        y=alt.Y("value:Q"),
        color=alt.Color("kind:N", scale=KIND_COLORS, title="second-derivative test", legend=legend),
        tooltip=[
            alt.Tooltip("x:Q", format=".6g"),
            alt.Tooltip("value:Q", format=".4g"),
            alt.Tooltip("kind:N"),
        ],
    )
    layers = [zero, line, dots]
    if labelled:
        layers.append(
            marks.mark_text(dy=SIZES["label_dy"]).encode(
                x=alt.X("x:Q"), y=alt.Y("value:Q"), text=alt.Text("label:N")
            )
        )
    height = SIZES["height"] if labelled else SIZES["small_height"]
    return alt.layer(*layers).properties(height=height)


def chain_panel_chart(
    lines: pd.DataFrame, point: pd.DataFrame, *, title: str, x_title: str
) -> alt.LayerChart | alt.FacetChart:
    """One panel of the chain rule: a curve, its tangent at a point, and the slope there.

    Parameters
    ----------
    lines : DataFrame
        Columns ``x``, ``y``, ``line`` ("f" for the curve, "tangent").
    point : DataFrame
        Columns ``x``, ``y``, ``label``: the point of tangency.
    title, x_title : str
        The panel's title and its x axis title.

    Returns
    -------
    alt.LayerChart
        The panel.
    """
    curve = (
        alt.Chart(lines)
        .mark_line(clip=True, invalid=BREAK)
        .encode(
            x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("y:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color("line:N", scale=LINE_COLORS, legend=None),
            detail=alt.Detail("line:N"),
        )
    )
    spot = alt.Chart(point)
    dot = spot.mark_point(filled=True, color=COLORS["green"]).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    text = spot.mark_text(dy=SIZES["label_dy"], align="right", dx=-4).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N")
    )
    return alt.layer(curve, dot, text).properties(title=title, height=SIZES["height"] - 40)


def riemann_chart(curve: pd.DataFrame, pieces: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The pieces of a Riemann sum under the curve, coloured by the sign of their area.

    Parameters
    ----------
    curve : DataFrame
        Columns ``x``, ``y``.
    pieces : DataFrame
        Long form, two rows per piece: ``piece``, ``x``, ``y``, ``sign`` ("positive" or
        "negative"); each piece is the area between the x axis and the segment it gives.

    Returns
    -------
    alt.LayerChart
        The layered chart.
    """
    sign_colors = alt.Scale(
        domain=["positive", "negative"], range=[COLORS["positive"], COLORS["negative"]]
    )
    areas = (
        alt.Chart(pieces)
        .mark_area(opacity=0.35, line=True, clip=True)
        .encode(
            x=alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("y:Q", title="f(x)"),
            y2=alt.Y2Datum(0),
            detail=alt.Detail("piece:N"),
            color=alt.Color(
                "sign:N", scale=sign_colors, title="area", legend=alt.Legend(orient="top")
            ),
        )
    )
    line = (
        alt.Chart(curve)
        .mark_line(color=COLORS["ink"], clip=True, invalid=BREAK)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )
    zero = (
        alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=COLORS["grey"]).encode(y=alt.Y("y:Q"))
    )
    return alt.layer(zero, areas, line).properties(height=SIZES["height"])


def sum_error_chart(errors: pd.DataFrame, marker: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Error of each Riemann rule against the number of pieces, log-log.

    Parameters
    ----------
    errors : DataFrame
        Columns ``n``, ``error``, ``rule``.
    marker : DataFrame
        Column ``n``: the number of pieces chosen now, marked by a vertical rule.

    Returns
    -------
    alt.LayerChart
        The layered chart.
    """
    rules = ["left", "right", "midpoint", "trapezoid"]
    colors = alt.Scale(
        domain=rules,
        range=[COLORS["orange"], COLORS["vermillion"], COLORS["blue"], COLORS["green"]],
    )
    lines = (
        alt.Chart(errors)
        .mark_line(point=True, invalid=BREAK)
        .encode(
            x=alt.X("n:Q", title="pieces n", scale=alt.Scale(type="log")),
            y=alt.Y(
                "error:Q",
                title="|sum − integral|",
                scale=alt.Scale(type="log"),
                axis=alt.Axis(format=".0e"),
            ),
            color=alt.Color("rule:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("rule:N"),
                alt.Tooltip("n:Q"),
                alt.Tooltip("error:Q", format=".2e"),
            ],
        )
    )
    rule = (
        alt.Chart(marker).mark_rule(color=COLORS["ink"], strokeDash=[2, 2]).encode(x=alt.X("n:Q"))
    )
    return alt.layer(lines, rule).properties(height=SIZES["height"] - 40)


def accumulation_chart(curves: pd.DataFrame) -> alt.VConcatChart:
    """F(x) = ∫ₐˣ f above; below, f and the slope of F, which lie on top of each other.

    Parameters
    ----------
    curves : DataFrame
        Columns ``x``, ``value``, ``series``: "F(x)", "f(x)" and "slope of F".

    Returns
    -------
    alt.VConcatChart
        Two panels over the same x.
    """
    x = alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False))
    # One colour scale for both panels, so the legend above names all three curves.
    colors = alt.Scale(
        domain=["F(x)", "f(x)", "slope of F"],
        range=[COLORS["purple"], COLORS["ink"], COLORS["orange"]],
    )
    top = (
        alt.Chart(curves)
        .transform_filter(alt.datum.series == "F(x)")
        .mark_line(invalid=BREAK)
        .encode(
            x=x,
            y=alt.Y("value:Q", title="F(x) = ∫ₐˣ f"),
            color=alt.Color("series:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
        )
    )
    bottom = (
        alt.Chart(curves)
        .transform_filter(alt.datum.series != "F(x)")
        .mark_line(invalid=BREAK)
        .encode(
            x=x,
            y=alt.Y("value:Q", title="f(x) and F′(x)"),
            color=alt.Color("series:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=["f(x)", "slope of F"], range=[[1, 0], [6, 4]]),
                legend=None,
            ),
        )
    )
    return alt.vconcat(
        top.properties(height=SIZES["small_height"]),
        bottom.properties(height=SIZES["small_height"]),
    )
