"""Altair charts for the Multivariable calculus page: tidy DataFrames in, charts out.

``surface_chart``    a function of (x, y) as a heatmap with contour lines, at equal units,
                     with a gradient field, marked points and the plane's overlays
                     (paths, arrows, labels) on top; clicking a cell can pick a point
``direction_chart``  the directional derivative against the direction's angle
``loss_chart``       f (or ‖∇f‖) along each descent method's iterations, log scale

The heatmap's colour bands are quantiles of f over the window, so every band covers the
same area and the shape reads the same whether f spans 1 or 10⁶ (Rosenbrock's valley).
The contour lines are drawn at those same quantiles: they are the bands' edges
(``mathviz.charts.surfaces`` samples a surface into the frames ``surface_chart`` takes).

Framing helpers, data in and data out: ``thin_path`` (a descent path with at most one
point per pixel or so, cut short far outside the view), ``thin_series`` (at most a few
hundred evenly spread indices of a long series), ``square_outline`` (the boundary of a
square as a closed path of many points, so its image under a map is drawn smooth).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from mathviz.charts.linear_algebra import (
    ARROW_HEAD,
    BREAK,
    PLANE_HEIGHT,
    ROLES,
    equal_axes,
    plane_layers,
)
from mathviz.charts.theme import COLORS

BANDS = 10
SURFACE_HEIGHT = PLANE_HEIGHT + 60
PICK = "pick"  # the name of the click selection on the heatmap

KINDS = ("minimum", "maximum", "saddle", "degenerate", "start", "point")
KIND_COLORS = alt.Scale(
    domain=list(KINDS),
    range=[
        COLORS["blue"],
        COLORS["vermillion"],
        COLORS["yellow"],
        COLORS["purple"],
        "#ffffff",
        "#ffffff",
    ],
)
KIND_SHAPES = alt.Scale(
    domain=list(KINDS),
    range=["circle", "triangle-up", "diamond", "square", "circle", "circle"],
)
METHOD_COLORS = alt.Scale(
    domain=["plain", "momentum", "adam"], range=[ROLES["plain"], ROLES["momentum"], ROLES["adam"]]
)
# Low ground dark teal, high ground pale grey: coloured paths and marks stand out on both.
HEAT = {"name": "lightgreyteal", "count": BANDS}


def surface_chart(  # noqa: PLR0917 - frame.chart hands every frame over by position
    cells: pd.DataFrame,
    contours: pd.DataFrame,
    field: pd.DataFrame,
    marks: pd.DataFrame,
    regions: pd.DataFrame,
    grid: pd.DataFrame,
    paths: pd.DataFrame,
    arrows: pd.DataFrame,
    points: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    centre: tuple[float, float],
    extent: float,
    cell: float,
    title: str = "",
    pick: bool = False,
) -> alt.LayerChart | alt.FacetChart:
    """A surface seen from above, with everything a topic draws on it.

    Parameters
    ----------
    cells : DataFrame
        Columns ``x``, ``y`` (cell centres) and ``z`` (f there; nan where undefined,
        left blank).
    contours : DataFrame
        Columns ``x``, ``y``, ``path``, ``i``: contour lines, points in order ``i``.
    field : DataFrame
        Columns ``x0``, ``y0``, ``x``, ``y``: short arrows along the gradient.
    marks : DataFrame
        Columns ``x``, ``y``, ``kind`` (one of ``KINDS``): critical points and the like,
        drawn large with a shape and colour per kind.
    regions, grid, paths, arrows, points, labels : DataFrame
        The overlays of ``linear_algebra.plane_chart``, coloured by role.
    centre : (float, float)
        The middle of the view.
    extent : float
        E: the shorter side shows centre ± E, the longer the same scale across.
    cell : float
        The side of a heatmap cell.
    title : str
        The chart's title.
    pick : bool
        Whether clicking a cell selects it (the selection is named ``PICK``).

    Returns
    -------
    alt.LayerChart
        The layered chart, equal units on both axes.
    """
    x, y = equal_axes(extent, centre, fields=("left", "bottom"))
    half = cell / 2
    heat = (
        alt.Chart(cells)
        .transform_filter("isValid(datum.z) && isFinite(datum.z)")
        .transform_calculate(
            left=f"datum.x - {half}",
            right=f"datum.x + {half}",
            bottom=f"datum.y - {half}",
            top=f"datum.y + {half}",
        )
        .mark_rect(opacity=0.85, clip=True)
        .encode(
            x=x,
            x2=alt.X2("right:Q"),
            y=y,
            y2=alt.Y2("top:Q"),
            color=alt.Color(
                "z:Q",
                scale=alt.Scale(type="quantile", scheme=HEAT, reverse=True),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("x:Q", format=".3g"),
                alt.Tooltip("y:Q", format=".3g"),
                alt.Tooltip("z:Q", title="f", format=".4g"),
            ],
        )
    )
    if pick:
        heat = heat.add_params(
            alt.selection_point(name=PICK, fields=["x", "y"], on="click", clear=False)
        )
    lines = (
        alt.Chart(contours)
        .mark_line(clip=True, color="#ffffff", strokeWidth=1, opacity=0.75, invalid=BREAK)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), detail=alt.Detail("path:N"), order=alt.Order("i:Q"))
    )
    shafts = (
        alt.Chart(field)
        .mark_rule(clip=True, color=COLORS["ink"], opacity=0.45, strokeWidth=1)
        .encode(x=alt.X("x0:Q"), y=alt.Y("y0:Q"), x2=alt.X2("x:Q"), y2=alt.Y2("y:Q"))
    )
    heads = (
        alt.Chart(field)
        .transform_calculate(angle="90 - atan2(datum.y - datum.y0, datum.x - datum.x0) * 180 / PI")
        .mark_point(
            shape=ARROW_HEAD, filled=True, color=COLORS["ink"], opacity=0.45, size=28, clip=True
        )
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), angle=alt.Angle("angle:Q", scale=None))
    )
    dots = (
        alt.Chart(marks)
        .mark_point(filled=True, opacity=1, stroke=COLORS["ink"], strokeWidth=1.2, size=150)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            color=alt.Color("kind:N", scale=KIND_COLORS, legend=None),
            shape=alt.Shape("kind:N", scale=KIND_SHAPES, legend=None),
            tooltip=[
                alt.Tooltip("kind:N"),
                alt.Tooltip("x:Q", format=".4g"),
                alt.Tooltip("y:Q", format=".4g"),
            ],
        )
    )
    # A white band under every path keeps it visible on dark and light ground alike.
    halo = (
        alt.Chart(paths)
        .mark_line(clip=True, color="#ffffff", strokeWidth=5, opacity=0.8, invalid=BREAK)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), detail=alt.Detail("path:N"), order=alt.Order("i:Q"))
    )
    overlays = plane_layers(
        regions, grid, paths, arrows, points, labels, x=alt.X("x:Q"), y=alt.Y("y:Q")
    )
    # The marks go under the labels (the last two overlays) so a label is never hidden.
    return alt.layer(
        heat, lines, shafts, heads, halo, *overlays[:-2], dots, *overlays[-2:]
    ).properties(height=SURFACE_HEIGHT, title=title)


def direction_chart(curve: pd.DataFrame, marker: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The slope of f in every direction: D_u f = ∇f · u against the angle of u.

    Parameters
    ----------
    curve : DataFrame
        Columns ``angle`` (degrees, 0 to 360) and ``slope``.
    marker : DataFrame
        Columns ``angle``, ``slope``, ``label``: the chosen direction and the gradient's.

    Returns
    -------
    alt.LayerChart
        A cosine wave: largest (‖∇f‖) along the gradient, zero along the contour.
    """
    x = alt.X(
        "angle:Q",
        title="direction of u (degrees)",
        scale=alt.Scale(domain=[0, 360], nice=False),
        axis=alt.Axis(values=[0, 90, 180, 270, 360]),
    )
    wave = (
        alt.Chart(curve)
        .mark_line(color=COLORS["ink"])
        .encode(x=x, y=alt.Y("slope:Q", title="slope of f along u"))
    )
    zero = (
        alt.Chart(pd.DataFrame({"slope": [0.0]}))
        .mark_rule(color=COLORS["grey"], strokeDash=[4, 4])
        .encode(y=alt.Y("slope:Q"))
    )
    spots = alt.Chart(marker)
    dot = spots.mark_point(filled=True, size=90, opacity=1).encode(
        x=alt.X("angle:Q"),
        y=alt.Y("slope:Q"),
        color=alt.Color(
            "label:N",
            scale=alt.Scale(domain=["u", "∇f"], range=[COLORS["purple"], COLORS["vermillion"]]),
            legend=None,
        ),
    )
    text = spots.mark_text(dy=-12, fontWeight="bold").encode(
        x=alt.X("angle:Q"), y=alt.Y("slope:Q"), text=alt.Text("label:N")
    )
    return alt.layer(zero, wave, dot, text).properties(height=220)


def loss_chart(
    series: pd.DataFrame, *, title: str, log: bool = True
) -> alt.LayerChart | alt.FacetChart:
    """One line per descent method: a quantity against the iteration number.

    Parameters
    ----------
    series : DataFrame
        Columns ``step``, ``value`` (> 0 for a log scale; others are left out) and
        ``method`` ("plain", "momentum", "adam").
    title : str
        The y axis title: what is plotted.
    log : bool
        A log scale for the values (a straight line means geometric convergence).

    Returns
    -------
    alt.LayerChart
        The lines, each method in its colour.
    """
    scale = alt.Scale(type="log") if log else alt.Scale(zero=False)
    data = alt.Chart(series)
    if log:
        data = data.transform_filter("datum.value > 0")
    lines = data.mark_line(invalid=BREAK).encode(
        x=alt.X("step:Q", title="iteration", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", title=title, scale=scale, axis=alt.Axis(format="~g")),
        color=alt.Color(
            "method:N", scale=METHOD_COLORS, title=None, legend=alt.Legend(orient="top")
        ),
        tooltip=[
            alt.Tooltip("method:N"),
            alt.Tooltip("step:Q"),
            alt.Tooltip("value:Q", format=".4g"),
        ],
    )
    return alt.layer(lines).properties(height=240)


def thin_path(path: np.ndarray, *, centre: Sequence[float], extent: float) -> np.ndarray:
    """At most one point per 0.4 % of the view along the path, cut far outside the view.

    Every step of a zig-zag is longer than that, so its turns stay; the first and the last
    point stay. A path that leaves four times the view's half-width from its centre is cut
    one point after it leaves.

    Parameters
    ----------
    path : ndarray
        The points, one per row, shape (k, 2).
    centre : (float, float)
        The middle of the view.
    extent : float
        The view's half-width.

    Returns
    -------
    ndarray
        A subsequence of the rows of ``path``, in order.

    Examples
    --------
    >>> path = np.column_stack([np.linspace(0.0, 1.0, 1001), np.zeros(1001)])
    >>> len(thin_path(path, centre=(0.0, 0.0), extent=1.0))
    251
    """
    far = np.abs(path - np.asarray(centre)).max(axis=1) > 4 * extent
    if far.any():
        path = path[: int(np.argmax(far)) + 1]
    if len(path) <= 2:
        return path
    along = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(path, axis=0)).max(axis=1))])
    bins = np.floor(along / (0.004 * extent))
    keep = np.concatenate([[True], bins[1:] != bins[:-1]])
    keep[-1] = True
    return path[keep]


def thin_series(values: np.ndarray, limit: int = 400) -> np.ndarray:
    """At most ``limit`` indices of a series, evenly spread, the first and last included.

    Examples
    --------
    >>> thin_series(np.ones(5)).tolist(), len(thin_series(np.ones(10_000)))
    ([0, 1, 2, 3, 4], 400)
    """
    if len(values) <= limit:
        return np.arange(len(values))
    return np.unique(np.linspace(0, len(values) - 1, limit).round().astype(int))


def square_outline(side: float, *, per_edge: int = 29) -> tuple[np.ndarray, np.ndarray]:
    """A square of ``side`` centred at 0: its corners, and its boundary as a closed path.

    Returns
    -------
    corners : ndarray
        (−s, −s), (s, −s), (s, s), (−s, s) for s = side / 2, shape (4, 2).
    outline : ndarray
        ``per_edge`` evenly spaced points along each edge from its first corner, then the
        first point again: shape (4·per_edge + 1, 2).

    Examples
    --------
    >>> corners, outline = square_outline(2.0, per_edge=1)
    >>> outline.tolist()
    [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0]]
    """
    corners = side / 2 * np.array([(-1, -1), (1, -1), (1, 1), (-1, 1)], dtype=float)
    edge = np.linspace(0, 1, per_edge + 1)[:-1]
    outline = np.vstack(
        [c + t * (corners[(i + 1) % 4] - c) for i, c in enumerate(corners) for t in edge]
    )
    return corners, np.vstack([outline, outline[:1]])
