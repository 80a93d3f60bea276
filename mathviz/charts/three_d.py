"""Plotly figures of a surface in 3-D, to turn with the mouse beside the map seen from above.

``gradient_figure``  f over its window, the point, the tangent plane there, the two slices'
                     tangent lines that span it, the slices themselves and the steepest way
                     up the plane (along ∇f)
``hessian_figure``   f near a critical point against its quadratic model, with the model's
                     parabolas along the two principal axes, coloured by the sign of λ
``CONFIG``           the options ``st.plotly_chart`` takes: no logo, no scroll-zoom, few buttons

The surface is painted in the same ten bands as the heatmap of the map (dark teal lowest,
pale grey highest), with the bands' edges drawn as white contour lines, so the two views
read as one. The data come from ``mathviz.charts.surfaces`` (grids and lines, tested
against the core); nothing here computes a height.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

from mathviz.charts.multivariable import BANDS
from mathviz.charts.surfaces import (
    BAND_COLORS,
    Grid,
    band_index,
    clip_heights,
    height_span,
    lifted_contours,
)
from mathviz.charts.theme import COLORS, PROJECTOR_HEIGHT, PROJECTOR_SCALE

HEIGHT = 460  # pixels; a projector makes it PROJECTOR_HEIGHT times taller
Z_ASPECT = 0.6  # the height of the box against its width: tall enough for the shape to read
# Seen from the front and a little to the right and above: x runs across, y into the
# picture, as on the map.
# Far enough back that the axis titles stay inside a phone-wide scene.
CAMERA = {"eye": {"x": 1.1, "y": -2.45, "z": 1.2}, "center": {"x": 0, "y": 0, "z": -0.12}}
TANGENT = COLORS["green"]  # the colour of the tangent lines in the two slice panels
MODEL = "#4d4d4d"  # the quadratic model: dark grey, as its dashed contours on the close-up
KIND_COLORS = {
    "minimum": COLORS["blue"],
    "maximum": COLORS["vermillion"],
    "saddle": COLORS["yellow"],
    "degenerate": COLORS["purple"],
}
CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "scrollZoom": False,  # scrolling the page over the figure must not zoom it
    "modeBarButtonsToRemove": ["toImage", "hoverClosest3d", "resetCameraLastSave3d"],
}


def band_colorscale(count: int = BANDS) -> list[list[Any]]:
    """A stepped colour scale for band numbers 0 … count − 1 (with cmin −0.5, cmax count − 0.5).

    Examples
    --------
    >>> band_colorscale(2)
    [[0.0, '#1e82be'], [0.5, '#1e82be'], [0.5, '#218fc0'], [1.0, '#218fc0']]
    """
    steps: list[list[Any]] = []
    for i in range(count):
        steps += [[i / count, BAND_COLORS[i]], [(i + 1) / count, BAND_COLORS[i]]]
    return steps


def lambda_color(lam: float) -> str:
    """Blue where the model bends up (λ > 0), vermillion down, purple flat: as the map's marks.

    Examples
    --------
    >>> lambda_color(2.0) == COLORS["blue"], lambda_color(0.0) == COLORS["purple"]
    (True, True)
    """
    if lam > 0:
        return KIND_COLORS["minimum"]
    if lam < 0:
        return KIND_COLORS["maximum"]
    return KIND_COLORS["degenerate"]


def wire(shown: Grid, *, every: int = 3) -> list[np.ndarray]:
    """A grid's heights as a wire net: every ``every``-th row and column, as (k, 3) lines.

    Drawn as a net, the quadratic model shows its shape without hiding the surface under it.

    Examples
    --------
    >>> net = wire(Grid(np.arange(3.0), np.arange(2.0), np.arange(6.0).reshape(2, 3)), every=2)
    >>> [line[:, 2].tolist() for line in net]
    [[0.0, 1.0, 2.0], [0.0, 3.0], [2.0, 5.0]]
    """
    X, Y = shown.points
    rows = [np.column_stack([X[i], Y[i], shown.z[i]]) for i in range(0, len(shown.ys), every)]
    columns = [
        np.column_stack([X[:, j], Y[:, j], shown.z[:, j]]) for j in range(0, len(shown.xs), every)
    ]
    return rows + columns


def _polylines(lines: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Many (k, 3) polylines as one x, y, z series, a nan between two lines."""
    if not lines:
        return np.zeros(0), np.zeros(0), np.zeros(0)
    gap = np.full((1, 3), np.nan)
    joined = np.concatenate([part for line in lines for part in (line, gap)][:-1])
    return joined[:, 0], joined[:, 1], joined[:, 2]


def _lines(
    lines: Sequence[np.ndarray],
    *,
    name: str,
    color: str,
    width: float,
    legend: bool = True,
    dash: str | None = None,
) -> go.Scatter3d:
    x, y, z = _polylines(lines)
    return go.Scatter3d(
        x=x,
        y=y,
        z=z,
        mode="lines",
        name=name,
        showlegend=legend,
        line={"color": color, "width": width, **({"dash": dash} if dash else {})},
        hoverinfo="skip",
    )


def _surface(shown: Grid, levels: ArrayLike, *, name: str) -> go.Surface:
    return go.Surface(
        x=shown.xs,
        y=shown.ys,
        z=shown.z,
        surfacecolor=band_index(shown.z, levels),
        colorscale=band_colorscale(),
        cmin=-0.5,
        cmax=BANDS - 0.5,
        showscale=False,
        name=name,
        showlegend=True,
        hoverinfo="skip",
        lighting={"ambient": 0.75, "diffuse": 0.5, "specular": 0.05, "roughness": 0.9},
        contours={"x": {"highlight": False}, "y": {"highlight": False}, "z": {"highlight": False}},
    )


def _sheet(shown: Grid, *, name: str, color: str, opacity: float) -> go.Surface:
    """A translucent surface of one colour (a tangent plane, a model)."""
    return go.Surface(
        x=shown.xs,
        y=shown.ys,
        z=shown.z,
        colorscale=[[0.0, color], [1.0, color]],
        showscale=False,
        opacity=opacity,
        name=name,
        showlegend=True,
        hoverinfo="skip",
        contours={"x": {"highlight": False}, "y": {"highlight": False}, "z": {"highlight": False}},
    )


def _point(p: ArrayLike, *, name: str, color: str, scale: float) -> go.Scatter3d:
    x, y, z = (float(v) for v in np.asarray(p, dtype=float))
    return go.Scatter3d(
        x=[x],
        y=[y],
        z=[z],
        mode="markers",
        name=name,
        marker={"size": 7 * scale, "color": color, "line": {"color": "#ffffff", "width": 2}},
        hoverinfo="skip",
    )


def _layout(
    figure: go.Figure, shown: Grid, span: tuple[float, float], *, revision: str, projector: bool
) -> go.Figure:
    """Fixed axes on the grid and its heights, a tall box, the legend on top, no hover."""
    scale = PROJECTOR_SCALE if projector else 1.0
    width, depth = float(np.ptp(shown.xs)), float(np.ptp(shown.ys))
    lo, hi = span
    pad = 0.1 * (hi - lo)

    def axis(title: str, reach: tuple[float, float]) -> dict[str, Any]:
        return {
            "title": {"text": title},
            "range": list(reach),
            "showspikes": False,
            "backgroundcolor": "#ffffff",
            "gridcolor": "#d9d9d9",
            "tickfont": {"size": 11 * scale},
        }

    figure.update_layout(
        height=round(HEIGHT * (PROJECTOR_HEIGHT if projector else 1.0)),
        margin={"l": 26, "r": 6, "t": 10, "b": 0},  # the f title sits left of its ticks
        font={"size": 13 * scale, "color": COLORS["ink"]},
        legend={
            "orientation": "h",
            "x": 0.0,
            "y": 1.0,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.8)",
            "font": {"size": 13 * scale},
        },
        hovermode=False,
        uirevision=revision,  # moving the point keeps the learner's camera
        paper_bgcolor="#ffffff",
        scene={
            "xaxis": axis("x", (float(shown.xs[0]), float(shown.xs[-1]))),
            "yaxis": axis("y", (float(shown.ys[0]), float(shown.ys[-1]))),
            "zaxis": axis("f", (lo - pad, hi + pad)),
            "aspectmode": "manual",
            "aspectratio": {"x": 1.0, "y": depth / width if width else 1.0, "z": Z_ASPECT},
            "camera": CAMERA,
            "dragmode": "turntable",
        },
    )
    return figure


def gradient_figure(
    shown: Grid,
    levels: ArrayLike,
    point: ArrayLike,
    *,
    plane: Grid,
    tangents: tuple[np.ndarray, np.ndarray],
    slices: tuple[np.ndarray, np.ndarray],
    ascent: np.ndarray,
    revision: str,
    projector: bool = False,
) -> go.Figure:
    """The surface with its tangent plane at a point, spanned by the two slices' tangents.

    Parameters
    ----------
    shown : Grid
        f over the window (``surfaces.window_grid``).
    levels : array_like
        The colour bands' edges (``surfaces.band_levels``), also drawn as contour lines.
    point : array_like
        (x, y, f(x, y)).
    plane : Grid
        The tangent plane near the point (``surfaces.tangent_patch``); cut to the box.
    tangents : (ndarray, ndarray)
        The tangent lines along x and along y (``surfaces.tangent_lines``).
    slices : (ndarray, ndarray)
        The curves of f through the point along x and along y (``surfaces.slice_curve``).
    ascent : ndarray
        The steepest way up the plane (``surfaces.ascent_line``); (0, 3) when ∇f = 0.
    revision : str
        Changes when the view should reset (another surface); the camera stays otherwise.
    projector : bool
        Taller, with larger type and marks.

    Returns
    -------
    go.Figure
        Traces in order: surface, contours, slices, tangent plane, tangent lines, ∇f, point.
    """
    scale = PROJECTOR_SCALE if projector else 1.0
    span = height_span(shown.z)
    cut = Grid(plane.xs, plane.ys, clip_heights(plane.z, span))
    traces = [
        _surface(shown, levels, name="f"),
        _lines(
            lifted_contours(shown, levels), name="contours", color="#ffffff", width=2, legend=False
        ),
        _lines(list(slices), name="slices", color=COLORS["ink"], width=3 * scale),
        _sheet(cut, name="tangent plane", color=TANGENT, opacity=0.3),
        _lines(list(tangents), name="tangent lines", color=TANGENT, width=7 * scale),
        _lines(
            [ascent] if len(ascent) else [],
            name="∇f (steepest up)",
            color=COLORS["vermillion"],
            width=7 * scale,
        ),
        _point(point, name="point", color=COLORS["ink"], scale=scale),
    ]
    return _layout(go.Figure(traces), shown, span, revision=revision, projector=projector)


def hessian_figure(
    close: Grid,
    levels: ArrayLike,
    point: ArrayLike,
    kind: str,
    *,
    model: Grid,
    axes: Sequence[tuple[float, np.ndarray]],
    revision: str,
    projector: bool = False,
) -> go.Figure:
    """The surface near a critical point against its quadratic model (a net) and its axes.

    Parameters
    ----------
    close : Grid
        f over the close-up square.
    levels : array_like
        The close-up's colour bands' edges, also drawn as contour lines.
    point : array_like
        (x, y, f(x, y)) of the critical point.
    kind : str
        "minimum", "maximum", "saddle" or "degenerate": the point's colour.
    model : Grid
        The quadratic model over the same square (``surfaces.model_patch``), drawn as a
        wire net; cut to the box.
    axes : sequence of (float, ndarray)
        (λ, parabola) per principal axis (``surfaces.principal_curves``).
    revision : str
        Changes when the view should reset; the camera stays otherwise.
    projector : bool
        Taller, with larger type and marks.

    Returns
    -------
    go.Figure
        Traces in order: surface, contours, model (a wire net), one line per axis, point.
    """
    scale = PROJECTOR_SCALE if projector else 1.0
    span = height_span(close.z)
    cut = Grid(model.xs, model.ys, clip_heights(model.z, span))
    traces = [
        _surface(close, levels, name="f"),
        _lines(
            lifted_contours(close, levels), name="contours", color="#ffffff", width=2, legend=False
        ),
        _lines(wire(cut), name="quadratic model", color=MODEL, width=2.5 * scale),
    ]
    for number, (lam, curve) in enumerate(axes, start=1):
        name = f"axis {number}: λ{'₁₂'[number - 1]} = {lam:.4g}".replace("-", "−")
        z = clip_heights(curve[:, 2], span)
        traces.append(
            _lines(
                [np.column_stack([curve[:, :2], z])],
                name=name,
                color=lambda_color(lam),
                width=6 * scale,
            )
        )
    traces.append(_point(point, name=kind, color=KIND_COLORS.get(kind, COLORS["ink"]), scale=scale))
    return _layout(go.Figure(traces), close, span, revision=revision, projector=projector)
