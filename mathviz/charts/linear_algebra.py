"""Altair charts for the Linear algebra page: tidy DataFrames in, charts out.

``plane_chart``        the plane at equal scale: shaded regions, grid lines, paths, arrows,
                       points and labels, every piece coloured by its ``role``
``convergence_chart``  how far power iteration is from the eigenline, step by step

Drawing helpers for a ``Plane``: ``lattice`` (the grid two vectors span), ``angle_arc``
(the arc marking an angle), ``label_spots`` (labels beside points while they stay apart),
``square_grid`` (the lines of a square, to bend), and ``convergence_steps`` (the table the
convergence chart takes).

Geometry charts keep one scale on both axes, so a circle looks round and a rotation keeps
right angles, yet they still stretch to the width of the page: the shorter side spans
[−E, E] and the longer side as much more as the chart is out of square (a Vega expression
reads the chart's size in the browser). Pages pass E from a short list of round values, so
only a few chart shapes are ever built.
"""

from __future__ import annotations

import math
from typing import Any, Final

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz.charts.plane import Plane, arc
from mathviz.charts.theme import COLORS

BREAK: Final = "break-paths-show-domains"
PLANE_HEIGHT = 360  # pixels; the width follows the page

# Every colour on the page has a meaning; the same role is the same colour in every topic.
ROLES = {
    "grid": "#c4c4c4",
    "grid-after": "#f2cf8f",
    "before": COLORS["grey"],
    "after": COLORS["orange"],
    "u": COLORS["blue"],
    "v": COLORS["vermillion"],
    "w": COLORS["green"],
    "guide": COLORS["grey"],
    "positive": COLORS["blue"],
    "negative": COLORS["vermillion"],
    "eigen": COLORS["green"],
    "iterate": COLORS["purple"],
    "data": COLORS["sky"],
    "ink": COLORS["ink"],
    # Multivariable calculus: the descent methods, the gradient, a contour through a point.
    "plain": COLORS["blue"],
    "momentum": COLORS["vermillion"],
    "adam": COLORS["orange"],
    "gradient": COLORS["vermillion"],
    "level": COLORS["ink"],
}
ROLE_COLORS = alt.Scale(domain=list(ROLES), range=list(ROLES.values()))
DASHES = alt.Scale(domain=["solid", "dashed"], range=[[1, 0], [6, 4]])
# A triangle with its tip at the anchor and its body behind it: rotated, it points along
# the arrow and ends exactly at the arrow's end.
ARROW_HEAD = "M0,0L-0.5,1.3L0.5,1.3Z"


def domain(extent: float, ratio: str, centre: float = 0.0) -> alt.ExprRef:
    """[c − E·max(1, ratio), c + E·max(1, ratio)]: the side of an equal-unit view.

    ``ratio`` is a Vega expression, "width / height" for x and "height / width" for y.
    """
    half = f"{extent} * max(1, {ratio})"
    if centre == 0:
        return alt.ExprRef(f"[-{half}, {half}]")
    return alt.ExprRef(f"[{centre} - {half}, {centre} + {half}]")


def _color(channel: type[alt.Color] | type[alt.Fill] = alt.Color) -> alt.Color | alt.Fill:
    return channel("role:N", scale=ROLE_COLORS, legend=None)


def plane_chart(  # noqa: PLR0917 - frame.chart hands every frame over by position
    regions: pd.DataFrame,
    grid: pd.DataFrame,
    paths: pd.DataFrame,
    arrows: pd.DataFrame,
    points: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    extent: float,
    title: str = "",
) -> alt.LayerChart | alt.FacetChart:
    """The plane at equal scale with everything a topic draws on it.

    Parameters
    ----------
    regions : DataFrame
        Columns ``x``, ``y``, ``region``, ``role``, ``i``: filled polygons, vertices in order
        ``i`` (a determinant's signed area, a parallelogram).
    grid : DataFrame
        Columns ``x``, ``y``, ``path``, ``role``, ``i``: thin lines (a grid before and after).
    paths : DataFrame
        Columns ``x``, ``y``, ``path``, ``role``, ``i``, ``style`` ("solid" or "dashed"):
        curves and outlines, points joined in order ``i``.
    arrows : DataFrame
        Columns ``x0``, ``y0``, ``x``, ``y``, ``role``: vectors from (x0, y0) to (x, y).
    points : DataFrame
        Columns ``x``, ``y``, ``role``: dots (a point cloud, iterates).
    labels : DataFrame
        Columns ``x``, ``y``, ``label``, ``role``: text placed at (x, y).
    extent : float
        E: the shorter axis shows [−E, E]; the longer one the same scale across its length.
    title : str
        The chart's title.

    Returns
    -------
    alt.LayerChart
        A layered chart with equal units on both axes.
    """
    x, y = equal_axes(extent)
    return alt.layer(
        *plane_layers(regions, grid, paths, arrows, points, labels, x=x, y=y)
    ).properties(height=PLANE_HEIGHT, title=title)


def equal_axes(
    extent: float, centre: tuple[float, float] = (0.0, 0.0), fields: tuple[str, str] = ("x", "y")
) -> tuple[alt.X, alt.Y]:
    """Encodings for x and y with equal units: the shorter side spans centre ± E."""
    x = alt.X(
        f"{fields[0]}:Q",
        title=None,
        scale=alt.Scale(domain=domain(extent, "width / height", centre[0]), nice=False),
        axis=alt.Axis(labelFlush=True),  # the end labels stay inside a phone's width
    )
    y = alt.Y(
        f"{fields[1]}:Q",
        title=None,
        scale=alt.Scale(domain=domain(extent, "height / width", centre[1]), nice=False),
    )
    return x, y


def plane_layers(  # noqa: PLR0917 - the frames of plane_chart, in its order
    regions: pd.DataFrame,
    grid: pd.DataFrame,
    paths: pd.DataFrame,
    arrows: pd.DataFrame,
    points: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    x: alt.X,
    y: alt.Y,
) -> list[alt.Chart]:
    """The layers of ``plane_chart``, bottom to top; the first carries the axes x and y."""
    shaded = (
        alt.Chart(regions)
        .mark_line(clip=True, fillOpacity=0.28, strokeOpacity=0.6, strokeWidth=1)
        .encode(
            x=x,
            y=y,
            fill=_color(alt.Fill),
            color=_color(),
            detail=alt.Detail("region:N"),
            order=alt.Order("i:Q"),
        )
    )
    thin = (
        alt.Chart(grid)
        .mark_line(clip=True, strokeWidth=1, opacity=0.8)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            color=_color(),
            detail=alt.Detail("path:N"),
            order=alt.Order("i:Q"),
        )
    )
    lines = (
        alt.Chart(paths)
        .mark_line(clip=True, invalid=BREAK)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            color=_color(),
            strokeDash=alt.StrokeDash("style:N", scale=DASHES, legend=None),
            detail=alt.Detail("path:N"),
            order=alt.Order("i:Q"),
        )
    )
    moving = alt.Chart(arrows).transform_filter("datum.x != datum.x0 || datum.y != datum.y0")
    shafts = moving.mark_rule(clip=True).encode(
        x=alt.X("x0:Q"), y=alt.Y("y0:Q"), x2=alt.X2("x:Q"), y2=alt.Y2("y:Q"), color=_color()
    )
    heads = (
        moving.transform_calculate(
            angle="90 - atan2(datum.y - datum.y0, datum.x - datum.x0) * 180 / PI"
        )
        .mark_point(shape=ARROW_HEAD, filled=True, opacity=1, style="arrowhead", clip=True)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            angle=alt.Angle("angle:Q", scale=None),
            color=_color(),
            tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")],
        )
    )
    dots = (
        alt.Chart(points)
        .mark_circle(clip=True, opacity=0.75, size=28)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), color=_color())
    )
    words = alt.Chart(labels).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N"))
    text_style: dict[str, Any] = {"clip": True, "fontWeight": "bold", "style": "planelabel"}
    # A white halo under each label keeps it legible over lines, arrows and dots.
    halo = words.mark_text(
        **text_style, stroke="white", strokeWidth=4, strokeOpacity=0.85, color="white"
    )
    text = words.mark_text(**text_style).encode(color=_color())
    return [shaded, thin, lines, dots, shafts, heads, halo, text]


def convergence_chart(steps: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The angle between each power-iteration iterate and the dominant eigenline, log scale.

    Parameters
    ----------
    steps : DataFrame
        Columns ``k``, ``angle`` (degrees, > 0) and ``line`` ("power iteration" or
        "(|λ₂| / |λ₁|)ᵏ"): the measured angles and the rate the eigenvalues predict.

    Returns
    -------
    alt.LayerChart
        Angle against step on a log scale: a straight line means geometric convergence.
        The guide is drawn first, dashed and without points, so the iterates show on top.
    """
    lines = ["power iteration", "(|λ₂| / |λ₁|)ᵏ"]
    colors = alt.Scale(domain=lines, range=[COLORS["purple"], COLORS["grey"]])
    base = alt.Chart(steps).encode(
        x=alt.X("k:Q", title="step k", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y(
            "angle:Q",
            title="angle (°)",
            scale=alt.Scale(type="log"),
            axis=alt.Axis(format="~g", tickCount=5, grid=True),
        ),
        color=alt.Color("line:N", scale=colors, title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("k:Q"), alt.Tooltip("angle:Q", format=".3g")],
    )
    guide = base.transform_filter(alt.datum.line == lines[1]).mark_line(
        strokeDash=[6, 4], invalid=BREAK
    )
    iterates = base.transform_filter(alt.datum.line == lines[0]).mark_line(
        point=True, invalid=BREAK
    )
    return alt.layer(guide, iterates).properties(height=280)


# ---------------------------------------------------------------- drawing helpers

LATTICE = np.arange(-10, 11)  # whole numbers k of the grid lines, wider than any view needs
LOG_FLOOR = 1e-13  # degrees; an angle this small is drawn as a gap on the log axis


def lattice(plane: Plane, first: ArrayLike, second: ArrayLike, *, role: str) -> None:
    """Add the grid that two vectors span, in thin lines.

    The lines run through k·first along second and through k·second along first, for whole
    k from −10 to 10. With the columns of a matrix A it is the whole-number grid after A
    has moved it.
    """
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    for k in LATTICE:
        plane.line(role, second, through=k * first, thin=True)
        plane.line(role, first, through=k * second, thin=True)


def angle_arc(u: ArrayLike, v: ArrayLike, *, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """The arc marking the angle between v and u, the short way round, and its label's spot.

    The arc runs from v's direction to u's at 0.3 times the shorter vector's length; the
    label sits beyond its middle. Both vectors must be non-zero.
    """
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    start, stop = math.atan2(v[1], v[0]), math.atan2(u[1], u[0])
    if stop - start > math.pi:
        stop -= 2 * math.pi
    elif start - stop > math.pi:
        stop += 2 * math.pi
    radius = 0.3 * min(np.hypot(*u), np.hypot(*v))
    curve = arc(start, stop, radius, n)
    return curve, 1.45 * curve[n // 2]


def label_spots(points: ArrayLike, *, push: float = 1.16, gap: float = 0.22) -> np.ndarray:
    """Where to label the first points, while their labels stay apart.

    Each spot is its point pushed out from the origin by ``push``; the spots end before the
    first that comes within ``gap`` of an earlier one.
    """
    spots = push * np.asarray(points, dtype=float).reshape(-1, 2)
    for k in range(len(spots)):
        if any(np.hypot(*(spots[k] - other)) < gap for other in spots[:k]):
            return spots[:k]
    return spots


def square_grid(half: float, *, lines: int, points: int) -> np.ndarray:
    """The grid of the square [−half, half]², to draw as ``Plane.grid`` lines.

    ``lines`` horizontal lines, then as many vertical ones, ``points`` points along each:
    shape (2·lines, points, 2), read-only.
    """
    t = np.linspace(-half, half, points)
    levels = np.linspace(-half, half, lines)
    rows = [np.column_stack([t, np.full_like(t, c)]) for c in levels]
    cols = [np.column_stack([np.full_like(t, c), t]) for c in levels]
    grid = np.array(rows + cols)
    grid.flags.writeable = False
    return grid


def convergence_steps(angles: ArrayLike, predicted: ArrayLike | None = None) -> pd.DataFrame:
    """The table ``convergence_chart`` takes, from angles in radians at steps 0, 1, 2, ….

    Angles are shown in degrees; the predicted rate, when given, is the guide line. An
    angle below ``LOG_FLOOR`` (an iterate exactly on the line) has no place on the log axis
    and is left empty.
    """
    rows = [("power iteration", np.asarray(angles, dtype=float))]
    if predicted is not None:
        rows.append(("(|λ₂| / |λ₁|)ᵏ", np.asarray(predicted, dtype=float)))
    table = pd.concat(
        [
            pd.DataFrame({"k": np.arange(len(values)), "angle": np.degrees(values), "line": line})
            for line, values in rows
        ],
        ignore_index=True,
    )
    table["angle"] = table["angle"].where(table["angle"] > LOG_FLOOR)
    return table
