"""Charts and scenes for the Linear algebra page: data in, a chart or a scene out.

``plane_chart``        the plane at equal scale: shaded regions, grid lines, paths, arrows,
                       points and labels, every piece coloured by its ``role`` (its layers,
                       ``plane_layers``, also overlay the maps of Multivariable calculus)
``convergence_chart``  how far power iteration is from the eigenline, step by step
``variance_chart``     the variance of a cloud along w against w's angle, peaking at PC1

Scenes for the stage (``mathviz.charts.stage``), each topic's main picture, drawn and
dragged in the browser: ``vectors_scene``, ``basis_scene``, ``map_scene`` (I → A, or A then
B), ``linearity_scene``, ``eigen_scene``, ``power_scene`` (power iteration, played one step at
a time), ``ball_scene``, ``projection_scene``, ``svd_scene``, ``pca_scene`` and
``layer_scene``; ``fit_view`` frames a scene on its shapes.

Drawing helpers for a ``Plane``: ``lattice`` (the grid two vectors span), ``angle_arc``
(the arc marking an angle), ``square_grid`` (the lines of a square, to bend), and
``convergence_steps`` (the table the convergence chart takes).

Geometry charts keep one scale on both axes, so a circle looks round and a rotation keeps
right angles, yet they still stretch to the width of the page: the shorter side spans
[−E, E] and the longer side as much more as the chart is out of square (a Vega expression
reads the chart's size in the browser). Pages pass E from a short list of round values, so
only a few chart shapes are ever built.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any, Final

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz import linear_algebra as la
from mathviz.charts import stage
from mathviz.charts.plane import UNIT_CIRCLE, Plane, arc, nice_extent, polygon
from mathviz.charts.theme import COLORS

BREAK: Final = "break-paths-show-domains"
PLANE_HEIGHT = 360  # pixels; the width follows the page

# Every colour on the page has a meaning; the same role is the same colour in every topic.
ROLES = {
    "grid": "#c4c4c4",
    "grid-after": "#dd9a2b",
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
    # Two labelled classes of points (a layer's data), and a line between them.
    "class-a": COLORS["blue"],
    "class-b": COLORS["vermillion"],
    "separator": COLORS["green"],
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
    # A wide white halo under each label keeps it legible over lines, arrows, dots and contours.
    halo = words.mark_text(
        **text_style, stroke="white", strokeWidth=6, strokeOpacity=1, color="white"
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
        The guide is drawn last, dashed and without points, so it shows on top of the
        iterates even where the two lines coincide.
    """
    lines = ["power iteration", "(|λ₂| / |λ₁|)ᵏ"]
    colors = alt.Scale(domain=lines, range=[COLORS["purple"], COLORS["ink"]])
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
        strokeDash=[7, 5], strokeWidth=2.5, invalid=BREAK
    )
    iterates = base.transform_filter(alt.datum.line == lines[0]).mark_line(
        point=True, strokeWidth=3, opacity=0.8, invalid=BREAK
    )
    return alt.layer(iterates, guide).properties(height=280)


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


# ---------------------------------------------------------------- scenes for the stage
#
# Each main picture of the pillar is a scene for the stage (``mathviz.charts.stage``): drawn
# in the browser, its handles dragged and its steps played there. One colour scheme on every
# tab: grey is before, orange after; blue and vermillion are the first and second vector
# (u and v, b₁ and b₂, the first and second column of a matrix), green their combination.

SPAN = 40.0  # an endless line is drawn this many times a vector either way of the origin
LATTICE_LINES = np.arange(-8, 9)


def fit_extent(*points: ArrayLike, minimum: float = 1.5, margin: float = 1.15) -> float:
    """The half-height of a view that frames ``points`` with a margin: a round number ≥ minimum.

    Round values keep the view still while a drag or a slider moves things a little.
    """
    reach = max(
        (float(np.max(np.abs(p[np.isfinite(p)]), initial=0.0)) for p in map(np.asarray, points)),
        default=0.0,
    )
    return max(minimum, nice_extent(margin * reach))


def fit_view(
    *points: ArrayLike, minimum: float = 1.0, margin: float = 1.15
) -> tuple[tuple[float, float], float]:
    """A view framing ``points`` and the origin: its centre and half-size, both round.

    The box round everything finite (the origin included: vectors start there) sets the
    view, not the grid lines: its half-size grows by ``margin`` and rounds up to a nice value
    of at least ``minimum``; the centre snaps to an eighth of that (keeping the margin), so
    small moves keep the view still.
    """
    finite = [np.asarray(p, dtype=float).reshape(-1, 2) for p in points]
    xy = np.vstack([np.zeros((1, 2)), *finite])
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    low, high = xy.min(axis=0), xy.max(axis=0)
    half = float(np.max(high - low)) / 2
    extent = max(minimum, nice_extent(margin * half)) if half > 0 else minimum
    centre = (low + high) / 2
    while True:
        snapped = np.round(centre / (extent / 8)) * (extent / 8)
        # Snapping may eat into the margin; then the half-size grows one notch.
        if np.all(np.abs(np.vstack([low, high]) - snapped) * margin <= extent * (1 + 1e-9)):
            return (float(snapped[0]) + 0.0, float(snapped[1]) + 0.0), extent
        extent = nice_extent(extent * 1.01)


def fit_box(
    *points: ArrayLike, margin: float = 1.1
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The centre and (half-width, half-height) of the box round ``points`` and the origin.

    Each half-size grows by ``margin``, and is at least a quarter of the other, so a flat
    set of points keeps some height.

    >>> fit_box([(2.0, 1.0)], margin=1.0)
    ((1.0, 0.5), (1.0, 0.5))
    >>> fit_box([(4.0, 0.0)], margin=1.0)
    ((2.0, 0.0), (2.0, 0.5))
    """
    finite = [np.asarray(p, dtype=float).reshape(-1, 2) for p in points]
    xy = np.vstack([np.zeros((1, 2)), *finite])
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    low, high = xy.min(axis=0), xy.max(axis=0)
    hx, hy = (float(v) * margin for v in (high - low) / 2)
    hx, hy = max(hx, hy / 4, 0.5), max(hy, hx / 4, 0.5)
    centre = (low + high) / 2
    return (float(centre[0]) + 0.0, float(centre[1]) + 0.0), (hx, hy)


def _lattice(group: Any, first: Any, second: Any, role: str, style: str = "faint") -> None:
    """The grid k·first + s·second, in lines through the whole-number multiples."""
    for k in map(float, LATTICE_LINES):
        group.path(
            role,
            [stage.combo((k, first), (-SPAN, second)), stage.combo((k, first), (SPAN, second))],
            style=style,
        )
        group.path(
            role,
            [stage.combo((-SPAN, first), (k, second)), stage.combo((SPAN, first), (k, second))],
            style=style,
        )


def _uv_handles(u: np.ndarray, v: np.ndarray, bound: float) -> list[stage.Handle]:
    """The tips of u and v, each draggable within ±``bound``."""
    return [
        stage.Handle("u", tuple(u), "u", "u", low=-bound, high=bound),
        stage.Handle("v", tuple(v), "v", "v", low=-bound, high=bound),
    ]


def vectors_scene(
    u: ArrayLike, v: ArrayLike, a: float, b: float, *, span: str, bound: float
) -> stage.Scene:
    """The vectors u and v to drag; a·u + b·v tip to tail, its parallelogram and u, v's grid.

    ``span`` is what u and v reach ("one point", "a line" or "the plane"): the grid for the
    plane, the dashed line for a line.
    """
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    hu, hv = stage.handle("u"), stage.handle("v")
    au, bv = stage.combo((a, hu)), stage.combo((b, hv))
    w = stage.combo((a, hu), (b, hv))
    centre, extent = fit_view(u, v, a * u, b * v, a * u + b * v, minimum=1.5)
    scene = stage.Scene(
        extent=extent,
        centre=centre,
        handles=_uv_handles(u, v, bound),
        title="a·u + b·v, tip to tail",
        legend=(
            ("grid", "u and v's grid: a, b whole numbers", "line"),
            ("w", "a·u + b·v", "arrow"),
        ),
    )
    back = scene.group()
    if span == "the plane":
        _lattice(back, hu, hv, "grid")
    elif span == "a line":
        along = hv if not u.any() else hu
        back.path(
            "guide", [stage.combo((-SPAN, along)), stage.combo((SPAN, along))], style="dashed"
        )
    # Play builds the sum in three steps: u stretches to a·u and v to b·v, b·v slides to
    # a·u's tip, and a·u + b·v (with its parallelogram) appears from the origin to its tip.
    scene.stages = ["u, v", "a·u, b·v", "b·v at a·u's tip", "a·u + b·v"]
    scene.seconds = 4.5
    still = stage.shift((0.0, 0.0))
    scene.group(fade=(2 / 3, 1.0)).region("w", [(0, 0), au, w, bv])
    if a != 1:  # at a = 1 the arrow a·u is u itself
        stretch = scene.group([stage.lerp(a * np.eye(2)), still, still])
        stretch.arrow("u", hu, label="a·u", side="right", style="dashed", offset=-7)
    # On one line the arrows lie on top of each other: a·u + b·v and b·v are slid aside,
    # each to its own side of u, so all three stay in sight.
    aside = 8.0 if span == "a line" else 0.0
    slide = scene.group([stage.lerp(b * np.eye(2)), stage.shift(au), still])
    slide.arrow("v", hv, label="b·v", side="right", style="dashed", offset=aside)
    total = scene.group(fade=(2 / 3, 1.0))
    total.arrow("w", w, label="a·u + b·v", side="left", along=0.6, offset=aside)
    front = scene.group()
    front.arrow("u", hu, label="u", side="left", along=0.55)
    front.arrow("v", hv, label="v", side="left", along=0.55)
    return scene


BASIS_REACH = 2.0  # how far, in units of the handles' own reach, the c₁·b₁ corner may frame


def basis_scene(
    b1: ArrayLike, b2: ArrayLike, v: ArrayLike, *, is_basis: bool, bound: float
) -> stage.Scene:
    """b₁, b₂ and v to drag; the slanted grid of the basis and v reached as c₁·b₁ + c₂·b₂.

    The coordinates c are worked out in the browser while a handle moves (``in_basis``).
    When b₁ and b₂ are no basis there is no grid and no c: only the line they span.
    """
    b1, b2, v = (np.asarray(x, dtype=float) for x in (b1, b2, v))
    h1, h2, hv = stage.handle("b1"), stage.handle("b2"), stage.handle("v")
    reach = [b1, b2, v]
    if is_basis:
        # The path c₁·b₁ then c₂·b₂ counts in the framing only while it stays near the
        # handles: for a nearly parallel basis it runs far off, and framing it would shrink
        # b₁, b₂ and v to specks. Its arrows then leave the view, marked at the edge.
        coords = np.linalg.solve(np.column_stack([b1, b2]), v)
        near = BASIS_REACH * max(float(np.max(np.abs(np.vstack(reach)))), 1.0)
        corner = coords[0] * b1
        if np.max(np.abs(corner)) <= near:
            reach.append(corner)
    centre, extent = fit_view(*reach, minimum=1.5)
    scene = stage.Scene(
        extent=extent,
        centre=centre,
        title="v = c₁·b₁ + c₂·b₂",
        legend=(("grid", "the basis's grid", "line"), ("w", "v", "arrow")),
    )

    def handles(rides: Sequence[tuple[int, Any] | None] = (None, None)) -> list[stage.Handle]:
        return [
            stage.Handle("b1", tuple(b1), "u", "b₁", low=-bound, high=bound, rides=rides[0]),
            stage.Handle("b2", tuple(b2), "v", "b₂", low=-bound, high=bound, rides=rides[1]),
            stage.Handle("v", tuple(v), "w", "v", low=-bound, high=bound),
        ]

    if not is_basis:
        scene.handles = handles()
        along = h1 if b1.any() else h2
        scene.group().path(
            "guide", [stage.combo((-SPAN, along)), stage.combo((SPAN, along))], style="dashed"
        )
        # On one line the two overlap: b₁ thick underneath, b₂ thinner on top, so both are
        # seen to start at the origin (b₁'s edges show either side of b₂ up to its tip).
        front = scene.group()
        front.arrow("u", h1, label="b₁", along=0.4, style="bold")
        front.arrow("v", h2, label="b₂", along=0.75)
        front.arrow("w", hv, label="v", along=0.6)
        return scene
    # Play: the square grid leans into the basis's grid, e₁ and e₂ turning into b₁ and b₂,
    # while v stays where it is; only the count of steps along the grid that reach it (its
    # coordinates) changes, from v's own entries to c.
    scene.stages = ["e₁, e₂", "b₁, b₂"]
    scene.seconds = 3.0
    lean = [stage.lerp(stage.columns("b1", "b2"))]
    grid = scene.group(lean)
    _lattice(grid, (1.0, 0.0), (0.0, 1.0), "grid")
    first, second = (stage.carried(0, e) for e in ((1.0, 0.0), (0.0, 1.0)))
    c = stage.in_basis(first, second, hv)
    c1, c2 = stage.coordinate(c, 0), stage.coordinate(c, 1)
    c1b1 = stage.combo((c1, first))
    # c₁·b₁ runs along b₁: dashed and slid aside, so b₁ stays in sight beside it.
    steps = scene.group()
    # Between the two grids an arrow is neither e nor b: it is named by its count alone.
    steps.arrow("u", c1b1, texts=["{}·e₁", "{}·b₁"], value=c1, side="right", style="dashed",
                offset=-7, between="{}")  # fmt: skip
    steps.arrow("v", hv, start=c1b1, texts=["{}·e₂", "{}·b₂"], value=c2, side="right",
                style="dashed", between="{}")  # fmt: skip
    basis = scene.group(lean)
    basis.arrow("u", (1.0, 0.0), texts=["e₁", "b₁"], along=0.5, between="")
    basis.arrow("v", (0.0, 1.0), texts=["e₂", "b₂"], along=0.5, between="")
    scene.group().arrow("w", hv, label="v", along=0.6)
    # Mid-play b₁ and b₂ ride the tips of the arrows they become; v stays put.
    riding = len(scene.groups) - 2
    scene.handles = handles([(riding, (1.0, 0.0)), (riding, (0.0, 1.0))])
    scene.readouts = [("v's coordinates in the grid shown: ({}, {})", [c1, c2])]
    return scene


def _square_lines(half: int, *, points: int = 2) -> np.ndarray:
    """The lines x = k and y = k of the square [−half, half]², k whole: shape (L, points, 2)."""
    return square_grid(float(half), lines=2 * half + 1, points=points)


def _images(shape: np.ndarray, square: np.ndarray, maps: Sequence[ArrayLike]) -> list[np.ndarray]:
    """The shape and the unit square under each matrix of ``maps``: what a frame must hold."""
    return [points @ np.asarray(M, dtype=float).T for M in maps for points in (shape, square)]


HANDLE_ROOM = 1.12  # how far past a dragged column's tip the frame reaches


def _room_round(M: np.ndarray, seen: Sequence[ArrayLike]) -> list[np.ndarray]:
    """Points round each column's tip that a frame holding ``seen`` should hold too.

    A handle's grab ring is wide: the tip stays clear of the frame's edge every way round,
    by ``HANDLE_ROOM`` − 1 of the largest coordinate seen (at least 1).
    """
    finite = [np.asarray(p, dtype=float).reshape(-1, 2) for p in seen]
    room = (HANDLE_ROOM - 1) * max(1.0, float(np.max(np.abs(np.vstack(finite)))))
    around = np.array([(room, 0.0), (-room, 0.0), (0.0, room), (0.0, -room)])
    return [tip + around for tip in np.asarray(M, dtype=float).T]


def map_scene(
    A: ArrayLike,
    shape: ArrayLike,
    *,
    handles: bool,
    bound: float = 10.0,
    then: ArrayLike | None = None,
    names: tuple[str, str] = ("A", "B"),
    view: tuple[tuple[float, float], float] | None = None,
    beside: Sequence[ArrayLike] = (),
    share: str | None = None,
    then_from: str | None = None,
) -> stage.Scene:
    """The plane before (grey) and after a matrix (orange), reached from I by a morph.

    The unit square, ``shape`` (a closed curve) and the grid move from I to A (``lerp``) and,
    with ``then`` = B, on to B·A. With ``handles`` the tips of A·e₁ and A·e₂ (A's columns)
    can be dragged, and everything follows, live; with ``then`` as well, the first map's
    columns are drawn thin, and they are what the handles set. ``beside`` holds the
    matrices a panel next to this one applies: their images of the shape count in the
    framing, so both panels show one scale and where each F ends can be compared.

    Two panels of one product move together: ``share`` names the channel the handles tell
    their moves on (``{share}:1``, ``{share}:2`` for the two columns), and ``then_from`` the
    channel ``then``'s columns come from, so a drag in the other panel moves this one too.
    """
    M = np.asarray(A, dtype=float)
    first = stage.columns("ae1", "ae2") if handles else M
    steps = [stage.lerp(first)]
    final = M
    a, b = names
    stages = ["I", a]
    labels = (["e₁", f"{a}e₁"], ["e₂", f"{a}e₂"])
    second: Any = None
    if then is not None:
        N = np.asarray(then, dtype=float)
        # Read live off the other panel's handles when it shares them; else fixed numbers.
        second = stage.columns("then1", "then2") if then_from else N
        steps.append(stage.lerp(second))
        final = N @ M
        stages = ["x", f"{a}x", f"{b}{a}x"]
        labels = (["e₁", f"{a}e₁", f"{b}{a}e₁"], ["e₂", f"{a}e₂", f"{b}{a}e₂"])
    last = a if then is None else f"{names[1]}{a}"
    shape = np.asarray(shape, dtype=float)
    square = np.array([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])
    seen = [shape, square, *_images(shape, square, (M, final, *beside))]
    centre, e, box = _map_frame(seen, M, then, handles=handles, view=view)
    scene = stage.Scene(
        extent=e,
        centre=centre,
        stages=stages,
        t=1.0,
        seconds=3.0 * len(steps),
        box=box,
        title="",
        legend=(
            ("before", "before", "dashed"),
            ("after", "after", "line"),
            ("u", f"{last}e₁", "arrow"),
            ("v", f"{last}e₂", "arrow"),
        ),
    )
    # Enough whole-number lines that the moved grid still fills the view.
    smallest = float(np.linalg.svd(final, compute_uv=False)[-1])
    reach = e + float(np.max(np.abs(centre)))
    half = int(min(16, math.ceil(1.2 * reach / max(smallest, 0.25)) + 1))
    before = scene.group()
    for line in _square_lines(math.ceil(1.2 * reach)):
        before.path("grid", line, style="faint")
    before.path("before", polygon(square), style="dashed")
    before.path("before", shape, style="dashed")
    before.arrow("before", (1, 0), style="thin")
    before.arrow("before", (0, 1), style="thin")
    if then is not None:
        # The middle step stays behind as the second map plays, grey and dotted: where the
        # first map alone sends the shape, on the way to the product.
        middle = scene.group(fade=(0.5, 1.0))
        middle.path("before", shape @ M.T, style="dotted")
        # Named at the middle of the moved square's far side, which the view always holds.
        side = M @ np.array([0.5, 1.0])
        middle.label(f"{a}x", (float(side[0]), float(side[1])), role="before", offset=(0, 14))
    after = scene.group(steps)
    riding = len(scene.groups) - 1
    for line in _square_lines(half):
        after.path("grid-after", line, style="faint")
    after.region("after", square)
    after.path("after", shape, style="bold")
    # Between two stages the arrows are the columns of the map drawn right now, M.
    after.arrow("u", (1, 0), texts=labels[0], side="right", along=0.8, between="Me₁")
    after.arrow("v", (0, 1), texts=labels[1], side="left", along=0.8, between="Me₂")
    if handles:
        _column_handles(scene, M, names, bound=bound, riding=riding, first=first, then=second)
    _share_panels(scene, then, share=share if handles else None, then_from=then_from)
    return scene


def _map_frame(
    seen: list[np.ndarray],
    M: np.ndarray,
    then: ArrayLike | None,
    *,
    handles: bool,
    view: tuple[tuple[float, float], float] | None,
) -> tuple[tuple[float, float], float, tuple[float, float] | None]:
    """The map scene's centre, extent and box: round what is ``seen``, or the ``view`` given."""
    if handles:
        # Room round the columns of both maps, so two panels of one product share a frame.
        both = M if then is None else np.hstack([M, np.asarray(then, dtype=float)])
        seen = [*seen, *_room_round(both, seen)]
    if view is not None:
        return view[0], view[1], None
    if then is not None:
        # Two maps in a row spread the shapes wide or tall: frame their own box, so the
        # F is as big as the panel allows.
        centre, box = fit_box(*seen, margin=1.1)
        return centre, max(box), box
    centre, e = fit_view(*seen, minimum=1.0, margin=1.12)
    return centre, e, None


def _share_panels(
    scene: stage.Scene, then: ArrayLike | None, *, share: str | None, then_from: str | None
) -> None:
    """Tell the columns' moves on ``share``; take ``then``'s columns from ``then_from``."""
    if share:
        scene.shares = {"ae1": f"{share}:1", "ae2": f"{share}:2"}
    if then is not None and then_from:
        N = np.asarray(then, dtype=float)
        scene.externals = [
            (f"then{j + 1}", f"{then_from}:{j + 1}", (float(N[0, j]), float(N[1, j])))
            for j in range(2)
        ]


def _column_handles(
    scene: stage.Scene,
    M: np.ndarray,
    names: tuple[str, str],
    *,
    bound: float,
    riding: int,
    first: Any,
    then: Any,
) -> None:
    """The handles on the tips of the matrix's columns, Ae₁ and Ae₂, to drag.

    ``first`` holds the columns as the stage reads them. When a second map ``then``
    (numbers, or ``stage.columns``) follows, the columns are drawn thin, growing over the
    first half of the play, and the determinant shown is the product's.
    """
    a, b = names
    if then is not None:
        # The first map's columns, thin, where the handles sit: A·e₁ and A·e₂ grow over the
        # first half of the play and stay while the second map carries the shapes on.
        firsts = scene.group([stage.lerp(first), stage.lerp(np.eye(2))])
        riding = len(scene.groups) - 1
        firsts.arrow("u", (1, 0), label=f"{a}e₁", side="left", style="thin", along=0.75)
        firsts.arrow("v", (0, 1), label=f"{a}e₂", side="right", style="thin", along=0.75)
    # A column A sends to 0 draws no arrow: its handle, at the origin, says so. When both
    # are there the stage draws the first handle left and the second right; so go the labels.
    zero = [bool(np.hypot(*M[:, j]) < 1e-9) for j in range(2)]
    aside = 10 if all(zero) else 0
    for j, (name, sub) in enumerate((("ae1", "₁"), ("ae2", "₂"))):
        if zero[j]:
            scene.group(when=(1.0, 1.0)).label(
                f"{a}e{sub} = 0", stage.handle(name), role="u" if j == 0 else "v",
                offset=(aside if j else -aside, -26 if j else 26),
            )  # fmt: skip
    # Mid-play each handle rides the tip of the arrow it sets; live again at the end.
    scene.handles = [
        stage.Handle(
            name,
            tuple(M[:, j]),
            role,
            f"{a}e{sub}",
            low=-bound,
            high=bound,
            rides=(riding, tuple(np.eye(2)[j])),
        )
        for j, (name, role, sub) in enumerate((("ae1", "u", "₁"), ("ae2", "v", "₂")))
    ]
    columns = [stage.handle("ae1"), stage.handle("ae2")]
    if then is None:
        # The map drawn right now, (1 − s)·I + s·A as Play runs, and its determinant: the
        # area of the square's image shrinks, passes 0 where the map flips the plane, grows.
        now = [stage.carried(riding, e) for e in ((1.0, 0.0), (0.0, 1.0))]
        entries = [stage.coordinate(now[j], i) for i in range(2) for j in range(2)]
        scene.readouts = [
            ("{stage} = [{} {}; {} {}]", entries),
            ("det {stage} = {}", stage.det(*now)),
        ]
    else:
        # The panel is about the product: its columns are the second map applied to the
        # handles, so the readout follows a drag and names the map the panel shows.
        product = [stage.times(then, column) for column in columns]
        scene.readouts = [(f"det {b}{a} = {{}}", stage.det(*product))]


EIGEN_VIEW = 1.75  # the largest half-height of the eigen view: the unit circle stays big


def eigen_view(A: ArrayLike) -> tuple[float, bool]:
    """The eigen view's half-height, and whether the image of the circle runs past it.

    The view is framed on the unit circle the learner turns v round, growing for the image
    only up to ``EIGEN_VIEW``; a longer image runs off the edge rather than shrink the
    circle to a ring a finger cannot follow.
    """
    M = np.asarray(A, dtype=float)
    reach = float(np.linalg.svd(M, compute_uv=False)[0]) if np.all(np.isfinite(M)) else 0.0
    wanted = fit_extent(np.array([[1.0, 1.0], [reach, reach]]), minimum=1.5, margin=1.12)
    return min(wanted, EIGEN_VIEW), reach * 1.02 > EIGEN_VIEW


def eigen_scene(A: ArrayLike, eig: Any, start: float) -> stage.Scene:
    """A vector v to turn round the unit circle, A·v following it; the eigenlines and λv.

    ``eig`` is ``mathviz.linear_algebra.eigen(A)``, ``start`` v's angle in degrees. Each
    eigenvector is labelled, with its image λ·v outlined and slid aside so the eigenline
    under it stays in sight.
    """
    M = np.asarray(A, dtype=float)
    circle = UNIT_CIRCLE
    image = circle @ M.T
    pairs = []
    if eig.kind in ("distinct real", "defective"):
        count = 1 if eig.kind == "defective" else 2
        pairs = [(eig.vectors[:, n].real, float(eig.values[n].real)) for n in range(count)]  # noqa: PD011 - an Eigen, not a DataFrame
    angle = math.radians(start)
    scene = stage.Scene(
        extent=eigen_view(M)[0],
        handles=[
            stage.Handle(
                "v", (math.cos(angle), math.sin(angle)), "u", "v", step=5.0, ring=(0.0, 0.0, 1.0)
            ),
        ],
        title="Turn v: is A·v on v's line?",
        legend=(
            ("before", "unit circle", "line"),
            ("after", "its image under A", "line"),
            *([("eigen", "eigenlines", "dashed")] if pairs else []),
        ),
    )
    back = scene.group()
    back.path("before", circle, style="solid")
    back.path("after", image, style="solid")
    hv = stage.handle("v")
    back.path("u", [stage.combo((-SPAN, hv)), stage.combo((SPAN, hv))], style="faint")
    eigen_group = scene.group()
    for n, (vector, lam) in enumerate(pairs, start=1):
        sub = "₁₂"[n - 1]
        eigen_group.path("eigen", [-SPAN * vector, SPAN * vector], style="dashed")
        if abs(lam - 1) < 1e-9:
            # A v = v: the image is the arrow itself, so one arrow says both.
            eigen_group.arrow("eigen", vector, label=f"Av{sub} = v{sub}", side="left", along=0.6)
            continue
        eigen_group.arrow("eigen", vector, label=f"v{sub}", side="left", along=0.7)
        if abs(lam) > 1e-9:
            eigen_group.arrow(
                "eigen",
                lam * vector,
                label=f"Av{sub} = {_coefficient(lam)}v{sub}",
                side="right",
                along=0.75,
                style="outline",
                offset=-8,
            )
    live = scene.group()
    live.arrow("after", stage.times(M, hv), label="Av", side="left", along=0.8)
    live.arrow("u", hv, label="v", side="right", along=0.6)
    # The hunt's score, live: 0° or 180° when v is an eigenvector; then vᵀAv is its λ.
    scene.readouts = [
        ("angle(v, Av) = {}°", stage.angle(hv, stage.times(M, hv))),
        ("vᵀAv = {}", stage.quadratic(M, hv)),
    ]
    if not np.any(M):  # Av is 0 for every v: no angle to read, and nothing to hunt
        scene.readouts = [
            ("Av = 0 for every v: each is an eigenvector, λ = vᵀAv = {}", stage.quadratic(M, hv))
        ]
    return scene


def subscript(k: int) -> str:
    """The whole number k in subscript digits: 12 → ₁₂.

    >>> subscript(12)
    '₁₂'
    """
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(k))


def iterate_table(iterates: ArrayLike) -> pd.DataFrame:
    """The iterates v₀, v₁, … as rows k, x, y (for the download)."""
    walk = np.asarray(iterates, dtype=float)
    return pd.DataFrame({"k": np.arange(len(walk)), "x": walk[:, 0], "y": walk[:, 1]})


HANDOVER = 1e-4  # of a play's time: one iterate hands the bold arrow over to the next


def power_scene(iterates: ArrayLike | None, dominant: ArrayLike | None) -> stage.Scene:
    """Power iteration on the unit circle, to play one multiplication by A at a time.

    ``iterates`` are v₀, v₁, … (unit vectors, ``mathviz.linear_algebra.power_iteration``;
    None when A·v vanished), ``dominant`` the dominant eigenvector (None without one).
    Playing shows v₀ first; at time k/K the k-th iterate appears, bold and named, while
    the earlier ones stay behind as a grey fan turning onto the dominant eigenline. At
    rest (the end of the play) all K + 1 are there, the last bold.
    """
    walk = np.zeros((0, 2)) if iterates is None else np.asarray(iterates, dtype=float)
    last = len(walk) - 1
    # Every iterate's name under the play bar while they fit, else the first and the last.
    shown = range(last + 1) if last <= 12 else (0, last)
    names = [f"v{subscript(k)}" for k in shown]
    scene = stage.Scene(
        extent=1.35,
        stages=names if last > 0 else (),
        t=1.0,
        seconds=min(10.0, 1.5 + 0.5 * last),
        title="The iterates on the circle",
        legend=(
            ("before", "earlier iterates", "line"),
            ("iterate", "the newest", "arrow"),
            *([("eigen", "dominant eigenline", "dashed")] if dominant is not None else []),
        ),
    )
    back = scene.group()
    back.path("before", UNIT_CIRCLE, style="solid")
    if dominant is not None:
        d = np.asarray(dominant, dtype=float)
        back.path("eigen", [-SPAN * d, SPAN * d], style="dashed")
    for k, v in enumerate(walk):
        start = k / last if last > 0 else 0.0
        # Once drawn, an iterate stays as a thin grey arrow and a dot on the circle ...
        trace = scene.group(when=(start, 1.0))
        trace.arrow("before", v, style="thin")
        trace.dot("iterate", v, size=3.0)
        # ... and is the bold, named one until just before the next arrives (the last: from
        # then on), so one is bold at any moment, a stage's name shows that stage's.
        until = (k + 1) / last - HANDOVER if k < last else 1.0
        newest = scene.group(when=(start, until))
        newest.arrow("iterate", v, label=f"v{subscript(k)}", side="left", along=0.75)
    return scene


def _coefficient(x: float) -> str:
    """A number multiplying a vector in a label: 3, −0.5, and nothing for 1 (− for −1)."""
    text = f"{x:.3g}".replace("-", "−")
    return {"1": "", "−1": "−"}.get(text, text)


def linearity_scene(A: ArrayLike, u: ArrayLike, v: ArrayLike) -> stage.Scene:
    """A(2u − v) reached two ways: straight, and as 2·Au then −Av from its tip."""
    M, u, v = (np.asarray(x, dtype=float) for x in (A, u, v))
    au, av = M @ u, M @ v
    left = M @ (2 * u - v)
    centre, extent = fit_view(au, 2 * au, left, minimum=1.0)
    scene = stage.Scene(extent=extent, centre=centre, title="A(2u − v) = 2·Au − Av")
    drawn = scene.group()
    drawn.arrow("before", au, label="Au", side="left", style="thin")
    drawn.arrow("u", 2 * au, label="2·Au", side="left", along=0.75)
    drawn.arrow("v", 2 * au - av, start=2 * au, label="−Av", side="left")
    drawn.arrow("w", left, label="A(2u − v)", side="right")
    return scene


def norm_stages(p: float) -> list[float]:
    """The exponents Play walks through to the ball of ``p``; none when p is 1.

    From the diamond (p = 1), by way of the circle (p = 2) on the road to anything above it.

    >>> norm_stages(float("inf")), norm_stages(1.5), norm_stages(0.5), norm_stages(1.0)
    ([1.0, 2.0, inf], [1.0, 1.5], [1.0, 0.5], [])
    """
    p = float(p)
    if p == 1:
        return []
    return [1.0, 2.0, p] if p > 2 else [1.0, p]


def ball_scene(
    u: ArrayLike,
    p: float,
    ball: ArrayLike,
    guides: Any,
    *,
    p_text: str,
    length: float,
    counterexample: Any = None,
    bound: float = 5.0,
    play: tuple[Sequence[float], Sequence[str], ArrayLike] | None = None,
) -> stage.Scene:
    """The unit ball of the p-norm, and u to drag with the ball scaled by ‖u‖ₚ through it.

    ``length`` is ‖u‖ₚ where u starts, to frame that ball.

    ``ball`` is the closed curve ‖x‖ₚ = 1, ``guides`` (curve, name) pairs drawn dashed for
    comparison and named in the legend; the scaled ball and u / ‖u‖ₚ follow u live. With
    ``counterexample`` (p < 1) e₁, e₂ and e₁ + e₂ show the triangle inequality failing.

    ``play`` = (exponents, their names, the unit ball of the first) makes the balls grow
    from the first exponent's into p's, one ``reshape`` step per pair of exponents, each
    point along its own ray; ‖u‖ in the readout follows them. At rest they are p's balls.
    """
    u = np.asarray(u, dtype=float)
    ball = np.asarray(ball, dtype=float)
    hu = stage.handle("u")
    exponents = list(play[0]) if play else [p]
    start = np.asarray(play[2], dtype=float) if play else ball
    first = exponents[0]
    # Frame the ball through u too when it is convex (p ≥ 1); a star's thin arms may run out.
    through_u = length * ball if p >= 1 else np.zeros((1, 2))
    # A star (p < 1) is framed on itself and u, not on the larger balls Play passes through.
    start_through_u = float(la.p_norm(u, first)) * start if p >= 1 else np.zeros((1, 2))
    pairs = list(itertools.pairwise(exponents))
    scene = stage.Scene(
        extent=fit_extent(ball, start, u, through_u, start_through_u, minimum=1.5, margin=1.12),
        handles=[stage.Handle("u", tuple(u), "u", "u", low=-bound, high=bound)],
        # Played, the exponent shown changes: the readout names it, and the title would not.
        title="" if play else f"p = {p_text}",
        legend=(
            ("after", "‖x‖ = 1", "line"),
            ("u", "‖x‖ = ‖u‖", "dashed"),
            ("u", "u / ‖u‖", "dot"),
            ("guide", ", ".join(name for _, name in guides), "dashed"),
        ),
        stages=list(play[1]) if play else (),
        seconds=3.0,
    )
    back = scene.group()
    for guide, _ in guides:
        back.path("guide", guide, style="dashed")
    unit_ball = scene.group([stage.reshape(a, b) for a, b in pairs])
    unit_ball.path("after", start, style="bold")
    if u.any():
        scaled = scene.group([stage.reshape(a, b, through=hu) for a, b in pairs])
        scaled.path("u", [stage.combo((stage.norm(hu, first), q)) for q in start], style="dashed")
    front = scene.group()
    if counterexample is not None:
        c = counterexample
        front.arrow("u", c.u, label="e₁", side="right")
        front.arrow("v", c.u + c.v, start=c.u, label="e₂", side="right")
        front.arrow("w", c.u + c.v, label="e₁ + e₂", side="left")
    front.arrow("u", hu, label="u", side="left", along=0.8)
    shrunk = scene.group([stage.reshape(a, b) for a, b in pairs])
    tip = stage.combo((stage.norm(hu, first, power=-1), hu))
    shrunk.dot("u", tip, size=5, style="ring")
    if play:
        # ‖u‖ at the exponent shown: u / ‖u‖ is where the steps carry the dot, so ‖u‖ is
        # u's straight length over the dot's, a number that moves with the balls.
        now = stage.carried(len(scene.groups) - 1, tip)
        live = stage.norm(stage.combo((stage.norm(now, 2.0, power=-1), hu)), 2.0)
        scene.readouts = [("p = {}: ‖u‖ = {}", [stage.exponent(len(scene.groups) - 1), live])]
    else:
        scene.readouts = [(f"‖u‖ = {{}} (p = {p_text})", stage.norm(hu, p))]
    return scene


def projection_scene(u: ArrayLike, v: ArrayLike, *, bound: float = 5.0) -> stage.Scene:
    """U and v to drag; the line through v, the foot of u on it with its right angle, and θ."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    hu, hv = stage.handle("u"), stage.handle("v")
    foot_of_u = la.projection(u, v) if v.any() else np.zeros(2)
    centre, extent = fit_view(u, v, foot_of_u, minimum=1.5)
    scene = stage.Scene(
        extent=extent,
        centre=centre,
        handles=_uv_handles(u, v, bound),
        title="u projected on v's line",
        legend=(("w", "projection of u on v", "arrow"), ("guide", "v's line", "dashed")),
        readouts=[("u · v = {}", stage.dot(hu, hv))],
    )
    f = stage.foot(hu, hv)
    back = scene.group()
    back.path("guide", [stage.combo((-SPAN, hv)), stage.combo((SPAN, hv))], style="dashed")
    back.path("guide", [hu, f], style="dashed")
    # Legs towards u and along v: at the origin too, when u and v are orthogonal.
    back.right_angle(f, hu, stage.combo((1.0, f), (1.0, hv)), role="ink")
    back.angle((0.0, 0.0), hv, hu, role="ink", label="θ", radius=30)
    front = scene.group()
    front.arrow("v", hv, label="v", side="left", along=0.6)
    front.arrow("u", hu, label="u", side="left", along=0.6)
    # Hollow and on top: the projection lies along v, and v shows through it.
    front.arrow("w", f, label="proj", side="right", along=0.55, style="outline")
    return scene


def svd_scene(path: Any, shape: ArrayLike, *, stages: Sequence[str], t: float) -> stage.Scene:
    """The circle, a shape and the grid of the square turned, stretched and turned again.

    ``path`` is ``SVD.path()``: a turn by ``turn_in`` (Vᵀ), a stretch of the axes by σ₁ and
    σ₂ (Σ), a mirror in the x-axis when U reflects, and a turn by ``turn_out`` (U), each a
    step to play. ``stages`` names the start and each step; v₁ and v₂ become σ₁u₁ and σ₂u₂,
    the ellipse's half-axes, drawn on top.
    """
    sigma = np.asarray(path.sigma, dtype=float)
    shape = np.asarray(shape, dtype=float)
    steps: list[dict[str, Any]] = [stage.rotate(path.turn_in), stage.scale(sigma[0], sigma[1])]
    first = ["v₁", "e₁", "σ₁e₁"]
    second = ["v₂", "e₂", "σ₂e₂"]
    if path.mirror:
        steps.append(stage.scale(1.0, -1.0))
        first.append("σ₁e₁")
        second.append("−σ₂e₂")
    steps.append(stage.rotate(path.turn_out))
    first.append("σ₁u₁")
    second.append("σ₂u₂")
    if len(stages) != len(steps) + 1:
        raise ValueError(f"stages must name the start and each of the {len(steps)} steps")
    circle = np.column_stack(
        [np.cos(np.linspace(0, 2 * np.pi, 121)), np.sin(np.linspace(0, 2 * np.pi, 121))]
    )
    scene = stage.Scene(
        extent=fit_extent([1.0, 1.0], [sigma[0], 0.0], minimum=1.25, margin=1.12),
        stages=list(stages),
        t=t,
        seconds=2.5 * len(steps),
        title="",
        legend=(
            ("before", "before", "dashed"),
            ("after", "after", "line"),
            ("u", "v₁ → σ₁u₁", "arrow"),
            ("v", "v₂ → σ₂u₂", "arrow"),
        ),
    )
    before = scene.group()
    before.path("before", circle, style="dashed")
    before.path("before", shape, style="dashed")
    moving = scene.group(steps)
    for line in square_grid(1.0, lines=5, points=2):
        moving.path("grid-after", line, style="faint")
    moving.path("after", circle, style="bold")
    moving.path("after", shape, style="solid")
    # The directions v₁ and v₂ Vᵀ turns onto the axes: the rows of Vᵀ, R(turn_in)ᵀ e.
    c, s = math.cos(path.turn_in), math.sin(path.turn_in)
    axes = scene.group(steps)
    axes.arrow("u", (c, -s), texts=first, side="left", along=0.7)
    axes.arrow("v", (s, c), texts=second, side="left", along=0.7)
    return scene


def pca_scene(
    xs: ArrayLike, fit: Any, theta: float, *, shares: Sequence[str], residuals: int = 1000
) -> stage.Scene:
    """The cloud, an axis w through its mean to turn, and each point's residual to the axis.

    ``fit`` is ``mathviz.linear_algebra.pca(xs)``, ``theta`` w's angle in degrees, ``shares``
    the labels of PC1 and PC2. While w turns, the feet of the points on it, their residual
    segments and the variance along w (the covariance's quadratic form) follow live. At most
    ``residuals`` points get a segment, so the page stays light.
    """
    xs = np.asarray(xs, dtype=float)
    mean = np.asarray(fit.mean, dtype=float)
    spreads = np.sqrt(np.maximum(np.asarray(fit.explained_variance, dtype=float), 0.0))
    radius = 2.2 * float(spreads[0]) or 1.0
    angle = math.radians(theta)
    ring = (float(mean[0]), float(mean[1]), radius)
    centre, extent = fit_view(xs, mean + radius, mean - radius, minimum=1.0, margin=1.08)
    hw = stage.handle("w")
    direction = stage.ref("w - mean")
    scene = stage.Scene(
        extent=extent,
        centre=centre,
        handles=[
            stage.Handle(
                "w",
                (mean[0] + radius * math.cos(angle), mean[1] + radius * math.sin(angle)),
                "iterate",
                "w",
                step=1.0,
                ring=ring,
            )
        ],
        title="Turn w",
        legend=(
            ("data", "points", "dot"),
            ("iterate", "axis w and the projections", "line"),
            ("guide", "residuals", "line"),
        ),
        readouts=[("variance along w = {}", stage.quadratic(fit.covariance(), direction))],
        defs={"w - mean": stage.combo((1.0, hw), (-1.0, mean))},
    )
    back = scene.group()
    circle = np.column_stack(
        [np.cos(np.linspace(0, 2 * np.pi, 91)), np.sin(np.linspace(0, 2 * np.pi, 91))]
    )
    back.path("guide", mean + radius * circle, style="faint")
    back.drops("guide", xs[:residuals], direction, through=mean, feet="iterate")
    back.dots("data", xs, size=3.2)
    axis = scene.group()
    axis.path(
        "iterate",
        [stage.combo((1.0, mean), (-SPAN, direction)), stage.combo((1.0, mean), (SPAN, direction))],
        style="solid",
    )
    top = scene.group()
    (pc1, pc2), (c1, c2) = shares, np.asarray(fit.components, dtype=float)
    top.arrow("u", mean + 2 * spreads[0] * c1, start=mean, label=pc1, side="left")
    # PC2's arrow is short and lies across the cloud: its name goes just past the cloud's
    # edge along PC2, where no point or residual is under it.
    top.arrow("v", mean + 2 * spreads[1] * c2, start=mean)
    edge = float(np.max((xs - mean) @ c2, initial=0.0)) if len(xs) else 0.0
    top.label(pc2, mean + edge * c2, role="v", offset=_outward(c2))
    return scene


def _outward(direction: ArrayLike, *, gap: float = 16.0, half: tuple = (34.0, 9.0)) -> tuple:
    """Pixels (right, up) that move a label just clear of a point, away along ``direction``.

    The label's half-size is ``half`` (pixels); its near edge lands ``gap`` pixels out.
    """
    d = np.asarray(direction, dtype=float)
    n = float(np.hypot(*d))
    if not n > 0:
        return (0.0, gap + half[1])
    dx, dy = d / n
    # Along d, the box's own half-extent is |dx|·half-width + |dy|·half-height.
    reach = gap + abs(dx) * half[0] + abs(dy) * half[1]
    return (float(dx * reach), float(dy * reach))


def variance_chart(curve: pd.DataFrame, marks: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The variance along w against w's angle, with PC1 and the current w marked.

    Parameters
    ----------
    curve : DataFrame
        Columns ``angle`` (degrees, 0 to 180) and ``variance``.
    marks : DataFrame
        Columns ``angle``, ``variance`` and ``name`` ("PC1", "w"): the points to mark.

    Returns
    -------
    alt.LayerChart
        A line with a rule and a labelled dot at each mark; the curve peaks at PC1.
    """
    colors = alt.Scale(domain=["PC1", "w"], range=[COLORS["blue"], COLORS["purple"]])
    x = alt.X(
        "angle:Q",
        title="angle of w (°)",
        scale=alt.Scale(domain=[0, 180], nice=False),
        axis=alt.Axis(values=[0, 45, 90, 135, 180]),
    )
    line = (
        alt.Chart(curve)
        .mark_line(color=COLORS["grey"], strokeWidth=2.5)
        .encode(x=x, y=alt.Y("variance:Q", title="variance along w", scale=alt.Scale(zero=True)))
    )
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeDash=[5, 4], strokeWidth=1.5)
        .encode(x="angle:Q", color=alt.Color("name:N", scale=colors, legend=None))
    )
    dots = (
        alt.Chart(marks)
        .mark_circle(size=90, opacity=1)
        .encode(x="angle:Q", y="variance:Q", color=alt.Color("name:N", scale=colors, legend=None))
    )
    names = (
        alt.Chart(marks)
        .mark_text(dy=-12, fontWeight="bold", style="planelabel")
        .encode(
            x="angle:Q",
            y="variance:Q",
            text="name:N",
            color=alt.Color("name:N", scale=colors, legend=None),
        )
    )
    return alt.layer(line, rules, dots, names).properties(height=200)


def stage_view(*points: ArrayLike, margin: float = 1.12, minimum: float = 0.05) -> tuple:
    """(cx, cy, extent): the view framing ``points`` (no rounding: a morph glides between)."""
    xy = np.vstack([np.asarray(p, dtype=float).reshape(-1, 2) for p in points])
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    low, high = xy.min(axis=0), xy.max(axis=0)
    centre = (low + high) / 2
    half = max(float(np.max(high - low)) / 2 * margin, minimum)
    return (float(centre[0]), float(centre[1]), half)


def layer_scene(
    grid: ArrayLike,
    grid_stages: Sequence[np.ndarray],
    points: ArrayLike,
    labels: ArrayLike,
    point_stages: Sequence[np.ndarray],
    *,
    A: ArrayLike,
    b: ArrayLike,
    activation: str,
    stages: Sequence[str],
    t: float,
    separator: tuple[np.ndarray, float] | None,
    class_names: tuple[str, str],
) -> stage.Scene:
    """A grid and two classes of points carried through x → Ax → Ax + b → σ(Ax + b).

    ``grid`` holds lines (L, k, 2) and ``grid_stages`` / ``point_stages`` where the grid's
    points and the data are after each stage (to frame each stage: the view follows the
    shapes as they grow and shrink). ``separator`` = (unit normal w, offset c) is a line
    w·x + c = 0 that separates the classes after the layer, drawn once the steps are done.
    """
    labels = np.asarray(labels)
    points = np.asarray(points, dtype=float)
    views = [
        stage_view(g.reshape(-1, 2), p, margin=1.2)
        for g, p in zip(grid_stages, point_stages, strict=True)
    ]
    steps = [stage.lerp(A), stage.shift(b), stage.activate(activation)]
    scene = stage.Scene(
        extent=views[-1][2],
        centre=(views[-1][0], views[-1][1]),
        stages=list(stages),
        t=t,
        seconds=7.5,
        views=views,
        legend=(
            ("class-a", class_names[0], "dot"),
            ("class-b", class_names[1], "dot"),
            ("grid-after", "the grid of [−2, 2]²", "line"),
        ),
    )
    moving = scene.group(steps)
    for line in np.asarray(grid, dtype=float):
        moving.path("grid-after", line, style="thin")
    dots = scene.group(steps)
    for point, label in zip(points, labels, strict=True):
        dots.dot("class-a" if label == 1 else "class-b", point, size=4)
    if separator is not None:
        normal, offset = separator
        cx, cy, e = views[-1]
        foot = -offset * np.asarray(normal, dtype=float) + 0.0
        # The line through the foot of the origin, along the normal turned a quarter.
        along = np.array([-normal[1], normal[0]])
        middle = foot + float(along @ (np.array([cx, cy]) - foot)) * along
        line = scene.group(when=(1.0, 1.0))
        line.path("separator", [middle - 3 * e * along, middle + 3 * e * along], style="bold")
        scene.legend = (*scene.legend, ("separator", "a line that now separates them", "line"))
    return scene
