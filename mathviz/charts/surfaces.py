"""A surface f(x, y) made ready to draw: heatmap cells, contour lines and a gradient field.

``sample``          the cells, contour lines and gradient field over a window (or a close-up)
``Sample``          what ``sample`` returns, with the contour lines at any other level
``band_levels``     the colour bands' edges: the deciles of f over the cells
``level_curves``    contour lines at given levels, thinned to well under a pixel
``contour_frame``   contour lines as the tidy frame ``surface_chart`` draws
``simplify``        a polyline without the vertices that lie on the chord of their neighbours
``gradient_field``  short arrows of one length along the gradient, on a grid
``marks_frame``     marked points (critical points, a start) as ``surface_chart`` takes them
``axis_slice``      f along a line parallel to an axis, with its tangent

For the 3-D view (``mathviz.charts.three_d`` draws them): ``window_grid`` (f over the
window), ``tangent_patch`` and ``tangent_lines`` (the tangent plane and the two slices'
tangents that span it), ``slice_curve``, ``ascent_line``, ``model_patch`` and
``principal_curves`` (the quadratic model and its axes), ``band_index`` (the map's colour
bands), ``lifted_contours``, ``height_span``, ``clip_heights`` and ``plane_reach``.

``band_table`` and ``band_key_html`` give the bands' colour key (``BAND_COLORS``). Data in,
data out: nothing here draws or imports Streamlit. The sampled square reaches
``PAD`` half-widths from the centre, so the view, which is wider than tall on a desktop,
is filled sideways too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import contourpy
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz import multivariable as mv
from mathviz.catalog import Surface
from mathviz.charts.multivariable import BANDS

CELLS = 50  # heatmap cells per side
FINE = 71  # grid points per side for the contour lines
PAD = 1.45  # the sampled square reaches this many half-widths from the centre
FIELD = 11  # gradient-field arrows per side
THIN = 0.0015  # contour vertices closer than this share of the square to a chord go
# Vega's "lightgreyteal" scheme sampled as the map's quantile scale samples it (ten colours
# at 1/11 … 10/11), lowest band first: the heatmap's own colours, for its key and the 3-D view.
BAND_COLORS = (
    "#1e82be",
    "#218fc0",
    "#229dc2",
    "#34a9c2",
    "#6ab0bf",
    "#a0b4bc",
    "#b2bec4",
    "#c0c9cd",
    "#cdd3d6",
    "#d9dfdf",
)


def square(centre: Sequence[float], half: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` evenly spaced x and y coordinates across the square centre ± half."""
    xs = np.linspace(centre[0] - half, centre[0] + half, n)
    ys = np.linspace(centre[1] - half, centre[1] + half, n)
    return xs, ys


def simplify(line: np.ndarray, tolerance: float) -> np.ndarray:
    """Drop vertices lying within ``tolerance`` of the chord of their neighbours.

    Two passes, each removing only every other vertex, so no two neighbours go at once and
    the line moves by less than about twice the tolerance: well under a pixel.

    Examples
    --------
    >>> simplify(np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 1.0]]), 0.01).tolist()
    [[0.0, 0.0], [2.0, 0.0], [3.0, 1.0]]
    """
    for parity in (1, 2):
        if len(line) < 3:
            return line
        before, here, after = line[:-2], line[1:-1], line[2:]
        chord = after - before
        cross = np.abs(chord[:, 0] * (here - before)[:, 1] - chord[:, 1] * (here - before)[:, 0])
        off = cross / np.maximum(np.hypot(chord[:, 0], chord[:, 1]), 1e-300)
        drop = (off < tolerance) & (np.arange(1, len(line) - 1) % 2 == parity % 2)
        line = line[np.concatenate([[True], ~drop, [True]])]
    return line


def level_curves(
    xs: np.ndarray,
    ys: np.ndarray,
    z: np.ndarray,
    levels: ArrayLike,
    *,
    tolerance: float | None = None,
) -> list[np.ndarray]:
    """The contour lines of a grid of values at ``levels``, each a (k, 2) array, thinned.

    Parameters
    ----------
    xs, ys : ndarray
        The grid's coordinates; ``z[i, j]`` is the value at (xs[j], ys[i]).
    z : ndarray
        The values; nan and ∞ are left out (a line stops where f is undefined).
    levels : array_like
        The heights to draw.
    tolerance : float, optional
        How far a dropped vertex may lie from the line (``simplify``); by default
        ``THIN`` of the grid's width, well under a pixel.

    Returns
    -------
    list of ndarray
        Every line of two points or more, level by level; none when z is flat.

    Examples
    --------
    >>> xs = np.linspace(-1.0, 1.0, 21)
    >>> X, Y = np.meshgrid(xs, xs)
    >>> lines = level_curves(xs, xs, X + Y, [0.0])
    >>> len(lines), lines[0][[0, -1]].round(12).tolist()
    (1, [[-1.0, 1.0], [1.0, -1.0]])
    """
    values = np.asarray(z, dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0 or finite.max() == finite.min():
        return []
    generator = contourpy.contour_generator(
        xs, ys, np.ma.masked_invalid(values), line_type="Separate"
    )
    if tolerance is None:
        tolerance = THIN * (xs[-1] - xs[0])
    return [
        simplify(line, tolerance)
        for level in np.asarray(levels, dtype=float)
        for line in _lines(generator, float(level))
    ]


def _lines(generator: contourpy.ContourGenerator, level: float) -> list[np.ndarray]:
    """The generator's lines at ``level`` of two points or more, each (k, 2)."""
    lines = cast("list[np.ndarray]", generator.lines(level))
    return [line for line in lines if len(line) > 1]


def contour_frame(lines: Sequence[np.ndarray]) -> pd.DataFrame:
    """Contour lines as one frame: ``x``, ``y`` (float32), ``path`` and ``i`` (int16).

    The columns and dtypes are the same with no line at all, so a chart's template stays.

    Examples
    --------
    >>> contour_frame([np.zeros((3, 2)), np.ones((2, 2))])["path"].tolist()
    [0, 0, 0, 1, 1]
    """
    if not lines:
        return pd.DataFrame(
            {"x": np.zeros(0, "f4"), "y": np.zeros(0, "f4"), "path": [], "i": []}
        ).astype({"path": "int16", "i": "int16"})
    return pd.DataFrame(
        {
            "x": np.concatenate([p[:, 0] for p in lines]).astype("f4"),
            "y": np.concatenate([p[:, 1] for p in lines]).astype("f4"),
            "path": np.repeat(np.arange(len(lines), dtype="i2"), [len(p) for p in lines]),
            "i": np.concatenate([np.arange(len(p), dtype="i2") for p in lines]),
        }
    )


def band_levels(z: ArrayLike) -> np.ndarray:
    """The edges of the colour bands: the deciles of f over the cells (none if f is flat).

    Examples
    --------
    >>> band_levels(np.arange(101.0)).tolist()
    [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0]
    """
    values = np.asarray(z, dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0 or finite.max() == finite.min():
        return np.zeros(0)
    return np.unique(np.quantile(finite, np.arange(1, BANDS) / BANDS))


def gradient_field(surface: Surface, centre: Sequence[float], extent: float) -> pd.DataFrame:
    """Short arrows of one length pointing uphill, ``FIELD`` per side inside centre ± extent.

    No arrow where f or its gradient is undefined, or where the gradient vanishes next to
    the largest one. Columns ``x0``, ``y0`` (tail) and ``x``, ``y`` (tip), float32.

    Examples
    --------
    >>> from mathviz.catalog import SURFACES
    >>> len(gradient_field(SURFACES["bowl"], (0.0, 0.0), 3.0))  # none at the flat minimum
    120
    """
    gx, gy = square(centre, extent * (1 - 1 / FIELD), FIELD)
    GX, GY = np.meshgrid(gx, gy)
    grads = surface.gradient(np.stack([GX, GY]))
    grads[:, ~np.isfinite(surface(np.stack([GX, GY])))] = np.nan  # no arrow where f is undefined
    norm = np.hypot(grads[0], grads[1])
    arrow = 0.55 * (gx[1] - gx[0])
    with np.errstate(all="ignore"):
        unit = np.where(norm > 0, grads / norm, 0.0)
    largest = float(norm[np.isfinite(norm)].max(initial=0.0))
    usable = np.isfinite(unit).all(axis=0) & (norm > 1e-12 * max(1.0, largest))
    return pd.DataFrame(
        {
            "x0": (GX - unit[0] * arrow / 2)[usable],
            "y0": (GY - unit[1] * arrow / 2)[usable],
            "x": (GX + unit[0] * arrow / 2)[usable],
            "y": (GY + unit[1] * arrow / 2)[usable],
        }
    ).astype("f4")


@dataclass(frozen=True)
class Sample:
    """A surface sampled once for drawing: cells, contour lines, gradient field.

    Attributes
    ----------
    cells : DataFrame
        ``x``, ``y``, ``z``: the heatmap, ``CELLS`` per side; z is nan where f is undefined.
    contours : DataFrame
        The contour lines at the bands' edges (``contour_frame``).
    field : DataFrame
        The gradient field (``gradient_field``).
    centre : (float, float)
        The middle of the view.
    extent : float
        The view's half-width.
    cell : float
        The side of a heatmap cell.
    xs, ys, z : ndarray
        The fine grid (``FINE`` per side) and f on it, for contour lines at any level.
    """

    cells: pd.DataFrame
    contours: pd.DataFrame
    field: pd.DataFrame
    centre: tuple[float, float]
    extent: float
    cell: float
    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray

    @property
    def points(self) -> np.ndarray:
        """The fine grid's points, shape (2, FINE, FINE), as ``z`` is laid out."""
        return np.stack(np.meshgrid(self.xs, self.ys))

    def level_lines(self, level: float) -> list[np.ndarray]:
        """The contour lines f = level, each an (k, 2) array, unthinned."""
        if not math.isfinite(level):
            return []
        generator = contourpy.contour_generator(
            self.xs, self.ys, np.ma.masked_invalid(self.z), line_type="Separate"
        )
        return _lines(generator, level)

    def contour_through(self, point: ArrayLike, level: float) -> list[np.ndarray]:
        """The contour lines f = level that pass within 5 % of the view of ``point``, thinned.

        f has the same height on other curves too; only the one through the point is drawn.
        """
        p = np.asarray(point, dtype=float)
        return [
            simplify(line, 0.002 * self.extent)
            for line in self.level_lines(level)
            if np.hypot(*(line - p).T).min() <= 0.05 * self.extent
        ]


def sample(
    surface: Surface, *, zoom: tuple[float, float, float] | None = None, cells: int = CELLS
) -> Sample:
    """Cells, contour lines and a gradient field over the window (or a zoomed square).

    Parameters
    ----------
    surface : Surface
        The function of (x, y), with its exact gradient.
    zoom : (float, float, float), optional
        (x, y, half-width): sample a small square there instead of the window.
    cells : int
        Heatmap cells per side (``CELLS`` by default; more where the payload allows).

    Returns
    -------
    Sample
        The square reaches ``PAD`` half-widths from the centre; the arrays are read-only.

    Examples
    --------
    >>> from mathviz.catalog import SURFACES
    >>> shown = sample(SURFACES["bowl"])
    >>> len(shown.cells), shown.centre, shown.extent
    (2500, (0.0, 0.0), 3.0)
    """
    if zoom is None:
        (x0, x1), (y0, y1) = surface.window
        centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        extent = max(x1 - x0, y1 - y0) / 2
    else:
        centre, extent = (zoom[0], zoom[1]), zoom[2]
    half = PAD * extent
    xs, ys = square(centre, half, cells)
    X, Y = np.meshgrid(xs, ys)
    z = surface(np.stack([X, Y]))
    z = np.where(np.isfinite(z), z, np.nan)
    cells = pd.DataFrame(
        {"x": X.ravel().astype("f4"), "y": Y.ravel().astype("f4"), "z": z.ravel().astype("f4")}
    )
    fine_x, fine_y = square(centre, half, FINE)
    fine = surface(np.stack(np.meshgrid(fine_x, fine_y)))
    contours = contour_frame(level_curves(fine_x, fine_y, fine, band_levels(z)))
    field = gradient_field(surface, centre, extent)
    for array in (fine_x, fine_y, fine):
        array.setflags(write=False)  # a sample is stored and shared: nobody may change it
    return Sample(
        cells, contours, field, centre, extent, float(xs[1] - xs[0]), fine_x, fine_y, fine
    )


def marks_frame(marks: Sequence[tuple[Sequence[float] | np.ndarray, str]]) -> pd.DataFrame:
    """Marked points as ``surface_chart`` takes them: ``x``, ``y`` and ``kind``.

    Examples
    --------
    >>> marks_frame([((1.0, 2.0), "minimum")]).to_dict("list")
    {'x': [1.0], 'y': [2.0], 'kind': ['minimum']}
    """
    return pd.DataFrame(
        {
            "x": np.array([float(p[0]) for p, _ in marks], dtype=float),
            "y": np.array([float(p[1]) for p, _ in marks], dtype=float),
            "kind": pd.Series([kind for _, kind in marks], dtype="str"),
        }
    )


def axis_slice(
    surface: Surface, point: ArrayLike, axis: int, slope: float, *, n: int = 160
) -> pd.DataFrame:
    """The height of f along the line through ``point`` parallel to an axis, and its tangent.

    Parameters
    ----------
    surface : Surface
        The function of (x, y).
    point : array_like
        Where the slice and the tangent meet, shape (2,).
    axis : int
        0 to walk along x (y fixed), 1 to walk along y.
    slope : float
        The tangent's slope: ∂f/∂x or ∂f/∂y at the point.
    n : int
        Points along the slice.

    Returns
    -------
    DataFrame
        ``x`` (the coordinate walked along), ``y`` (the height) and ``line`` ("f" or
        "tangent"); the tangent is kept only where it stays within the curve's height span
        of the point, so a steep one does not squash the curve.

    Examples
    --------
    >>> from mathviz.catalog import SURFACES
    >>> lines = axis_slice(SURFACES["bowl"], [1.0, 0.0], 0, 2.0)
    >>> sorted(set(lines["line"])), int((lines["line"] == "f").sum())
    (['f', 'tangent'], 160)
    """
    p = np.asarray(point, dtype=float)
    lo, hi = surface.window[axis]
    t = np.linspace(lo, hi, n)
    points = np.repeat(p[:, None], t.size, axis=1)
    points[axis] = t
    values = surface(points)
    height = float(surface(p))
    tangent = height + slope * (t - p[axis])
    span = np.nanmax(values) - np.nanmin(values) if np.isfinite(values).any() else 1.0
    keep = np.abs(tangent - height) <= max(span, 1e-9)  # the tangent stays near the curve
    return pd.DataFrame(
        {
            "x": np.concatenate([t, t[keep]]),
            "y": np.concatenate([values, tangent[keep]]),
            "line": ["f"] * t.size + ["tangent"] * int(keep.sum()),
        }
    )


# --------------------------------------------------------------------------------------
# The surface in 3-D: grids of heights, the tangent plane, the quadratic model
# --------------------------------------------------------------------------------------

SOLID = 61  # grid points per side of a surface drawn in 3-D
PATCH = 11  # grid points per side of a tangent plane (flat: a few are enough)
MODEL = 31  # grid points per side of a quadratic model
PLANE_REACH = 0.3  # a tangent plane reaches this share of the surface's height span


@dataclass(frozen=True)
class Grid:
    """Heights over a rectangular grid: ``z[i, j]`` is the height at (xs[j], ys[i]).

    nan where the height is undefined or was cut off (a plane leaving the view).
    """

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray

    @property
    def points(self) -> np.ndarray:
        """The grid's points, shape (2, len(ys), len(xs)), as ``z`` is laid out."""
        return np.stack(np.meshgrid(self.xs, self.ys))


def window_grid(
    surface: Surface,
    window: Sequence[Sequence[float]] | None = None,
    *,
    n: int = SOLID,
) -> Grid:
    """The heights of f on an ``n`` × ``n`` grid over the surface's window (or another rectangle).

    Examples
    --------
    >>> from mathviz.catalog import SURFACES
    >>> shown = window_grid(SURFACES["bowl"], n=3)
    >>> shown.xs.tolist(), shown.z.tolist()
    ([-3.0, 0.0, 3.0], [[18.0, 9.0, 18.0], [9.0, 0.0, 9.0], [18.0, 9.0, 18.0]])
    """
    (x0, x1), (y0, y1) = window if window is not None else surface.window
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    z = surface(np.stack(np.meshgrid(xs, ys)))
    return Grid(xs, ys, np.where(np.isfinite(z), z, np.nan))


def height_span(z: ArrayLike) -> tuple[float, float]:
    """The lowest and highest finite height; a flat or empty grid gets a span of 2.

    Examples
    --------
    >>> height_span([[1.0, np.nan], [4.0, 2.0]]), height_span([3.0, 3.0])
    ((1.0, 4.0), (2.0, 4.0))
    """
    values = np.asarray(z, dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (-1.0, 1.0)
    lo, hi = float(finite.min()), float(finite.max())
    return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)


def clip_heights(z: ArrayLike, span: tuple[float, float], *, margin: float = 0.1) -> np.ndarray:
    """Heights outside the span (widened by ``margin`` of it each way) set to nan.

    A plane or a model that leaves the surface's box would stretch the view and flatten
    the surface; cut off, it ends at the box.

    Examples
    --------
    >>> clip_heights([0.0, 5.0, 11.0, 13.0], (0.0, 10.0)).tolist()
    [0.0, 5.0, 11.0, nan]
    """
    values = np.asarray(z, dtype=float)
    lo, hi = span
    pad = margin * (hi - lo)
    return np.where((values >= lo - pad) & (values <= hi + pad), values, np.nan)


def band_index(z: ArrayLike, levels: ArrayLike) -> np.ndarray:
    """The colour band of each height: 0 below the first level, len(levels) above the last.

    The 3-D surface is painted band by band, the same bands as the map's heatmap.

    Examples
    --------
    >>> band_index([0.5, 1.5, 9.0, np.nan], [1.0, 2.0]).tolist()
    [0.0, 1.0, 2.0, nan]
    """
    values = np.asarray(z, dtype=float)
    bands = np.searchsorted(np.asarray(levels, dtype=float), values, side="right")
    return np.where(np.isfinite(values), bands, np.nan)


def plane_reach(extent: float, grad: ArrayLike, span: tuple[float, float]) -> float:
    """How far (in x and in y) the tangent plane and its two lines reach from the point.

    0.35 of the window's half-width, shortened so that along either axis the plane
    climbs at most ``PLANE_REACH`` of the surface's height span: a steep plane stays a
    patch beside the point instead of a wall.

    Examples
    --------
    >>> plane_reach(2.0, [0.0, 0.0], (0.0, 18.0)), plane_reach(2.0, [30.0, 0.0], (0.0, 18.0))
    (0.7, 0.18)
    """
    steep = float(np.max(np.abs(np.asarray(grad, dtype=float))))
    reach = 0.35 * extent
    if steep > 0:
        reach = min(reach, PLANE_REACH * (span[1] - span[0]) / steep)
    return reach


def tangent_patch(
    p: ArrayLike, value: float, grad: ArrayLike, reach: float, *, n: int = PATCH
) -> Grid:
    """The tangent plane z = f(p) + ∇f(p)·d over the square p ± reach (``mv.tangent_plane``).

    Examples
    --------
    >>> patch = tangent_patch([1.0, 0.0], 1.0, [2.0, 0.0], 0.5, n=3)
    >>> patch.z[1].tolist()
    [0.0, 1.0, 2.0]
    """
    p = np.asarray(p, dtype=float)
    xs = np.linspace(p[0] - reach, p[0] + reach, n)
    ys = np.linspace(p[1] - reach, p[1] + reach, n)
    points = np.stack(np.meshgrid(xs, ys))
    return Grid(xs, ys, mv.tangent_plane(p, value, grad, points))


def tangent_lines(
    p: ArrayLike, value: float, grad: ArrayLike, reach: float
) -> tuple[np.ndarray, np.ndarray]:
    """The tangent lines of the two slices, along x and along y, as (2, 3) end points.

    They lie in the tangent plane and span it: slope ∂f/∂x along x, ∂f/∂y along y.

    Examples
    --------
    >>> along_x, along_y = tangent_lines([0.0, 0.0], 1.0, [2.0, -1.0], 1.0)
    >>> along_x.tolist(), along_y.tolist()
    ([[-1.0, 0.0, -1.0], [1.0, 0.0, 3.0]], [[0.0, -1.0, 2.0], [0.0, 1.0, 0.0]])
    """
    p = np.asarray(p, dtype=float)
    lines = []
    for axis in (0, 1):
        ends = np.repeat(p[:, None], 2, axis=1)
        ends[axis] += (-reach, reach)
        heights = mv.tangent_plane(p, value, grad, ends)
        lines.append(np.column_stack([ends[0], ends[1], heights]))
    return lines[0], lines[1]


def slice_curve(surface: Surface, p: ArrayLike, axis: int, *, n: int = 121) -> np.ndarray:
    """The surface's curve through p along an axis, across the window: (n, 3) points.

    The curve the 2-D slice panel draws, lifted onto the surface.

    Examples
    --------
    >>> from mathviz.catalog import SURFACES
    >>> curve = slice_curve(SURFACES["bowl"], [1.0, 2.0], 1, n=3)
    >>> curve.tolist()
    [[1.0, -3.0, 10.0], [1.0, 0.0, 1.0], [1.0, 3.0, 10.0]]
    """
    p = np.asarray(p, dtype=float)
    lo, hi = surface.window[axis]
    points = np.repeat(p[:, None], n, axis=1)
    points[axis] = np.linspace(lo, hi, n)
    return np.column_stack([points[0], points[1], surface(points)])


def ascent_line(p: ArrayLike, value: float, grad: ArrayLike, reach: float) -> np.ndarray:
    """The steepest way up the tangent plane from the point: (2, 3) end points.

    It runs along ∇f/‖∇f‖ for ``reach`` and climbs ‖∇f‖ per unit; empty (0, 3) where
    ∇f = 0.

    Examples
    --------
    >>> ascent_line([0.0, 0.0], 1.0, [3.0, 4.0], 1.0).tolist()
    [[0.0, 0.0, 1.0], [0.6, 0.8, 6.0]]
    """
    p, g = np.asarray(p, dtype=float), np.asarray(grad, dtype=float)
    size = float(np.hypot(*g))
    if size == 0:
        return np.zeros((0, 3))
    tip = p + reach * g / size
    return np.array([[p[0], p[1], value], [tip[0], tip[1], value + reach * size]])


def model_patch(p: ArrayLike, value: float, H: ArrayLike, reach: float, *, n: int = MODEL) -> Grid:
    """The quadratic model f(p) + ½dᵀHd over the square p ± reach (``mv.quadratic_model``).

    Examples
    --------
    >>> model = model_patch([0.0, 0.0], 1.0, [[2.0, 0.0], [0.0, -2.0]], 1.0, n=3)
    >>> model.z.tolist()
    [[1.0, 0.0, 1.0], [2.0, 1.0, 2.0], [1.0, 0.0, 1.0]]
    """
    p = np.asarray(p, dtype=float)
    xs = np.linspace(p[0] - reach, p[0] + reach, n)
    ys = np.linspace(p[1] - reach, p[1] + reach, n)
    points = np.stack(np.meshgrid(xs, ys))
    return Grid(xs, ys, mv.quadratic_model(p, value, H, points))


def principal_curves(
    p: ArrayLike, value: float, H: ArrayLike, reach: float, *, n: int = 41
) -> list[tuple[float, np.ndarray]]:
    """The model along each principal axis: (λ, (n, 3) points), the parabola f(p) + ½λt².

    Along the eigenvector of λ the model bends up (λ > 0), down (λ < 0) or not at all.

    Examples
    --------
    >>> curves = principal_curves([0.0, 0.0], 0.0, [[2.0, 0.0], [0.0, -4.0]], 1.0, n=3)
    >>> [(lam, c.tolist()) for lam, c in curves][0]
    (-4.0, [[0.0, -1.0, -2.0], [0.0, 0.0, 0.0], [0.0, 1.0, -2.0]])
    """
    p = np.asarray(p, dtype=float)
    lams, vecs = mv.principal_axes(H)
    t = np.linspace(-reach, reach, n)
    curves = []
    for lam, v in zip(lams, vecs.T, strict=True):
        xy = p[:, None] + v[:, None] * t
        curves.append((float(lam), np.column_stack([xy[0], xy[1], value + 0.5 * lam * t**2])))
    return curves


def lifted_contours(shown: Grid, levels: ArrayLike) -> list[np.ndarray]:
    """The contour lines of a grid at ``levels``, each as (k, 3) points at its height.

    Examples
    --------
    >>> from mathviz.catalog import SURFACES
    >>> lines = lifted_contours(window_grid(SURFACES["plane"], n=5), [0.0])
    >>> len(lines), set(lines[0][:, 2].tolist())
    (1, {0.0})
    """
    return [
        np.column_stack([line, np.full(len(line), level)])
        for level in np.asarray(levels, dtype=float)
        for line in level_curves(shown.xs, shown.ys, shown.z, [level])
    ]


def band_table(levels: ArrayLike, span: tuple[float, float]) -> pd.DataFrame:
    """The colour bands as rows: ``band`` (0 lowest), ``low`` and ``high`` values of f.

    ``span`` (the lowest and highest f shown) closes the first and last band; ``last``
    marks the top band.

    Examples
    --------
    >>> band_table([1.0, 2.0], (0.0, 5.0)).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'band': [0, 1, 2], 'low': [0.0, 1.0, 2.0], 'high': [1.0, 2.0, 5.0],
     'last': [False, False, True]}
    """
    edges = [span[0], *np.asarray(levels, dtype=float).tolist(), span[1]]
    count = len(edges) - 1
    return pd.DataFrame(
        {
            "band": np.arange(count),
            "low": edges[:-1],
            "high": edges[1:],
            "last": np.arange(count) == count - 1,
        }
    )


def band_key_html(bands: pd.DataFrame, *, projector: bool = False, smooth: bool = False) -> str:
    """The map's colour key as a strip of HTML: one equal box per band, edge values below.

    Equal boxes because every band covers the same share of the map, however unequal the
    values at its edges. HTML rather than a chart: a strip of text and colour that fits any
    width; its type is larger on a projector. ``smooth``: one strip shading continuously
    through the bands' colours, as a map coloured by rank is.

    Examples
    --------
    >>> key = band_key_html(band_table([1.0], (0.0, 2.5)))
    >>> key.count("background:"), ">2.5<" in key, ">1<" in key
    (2, True, True)
    >>> "linear-gradient(to right, #1e82be" in band_key_html(band_table([1.0], (0, 2)), smooth=True)
    True
    """
    count = len(bands)
    if smooth:
        boxes = (
            f'<span style="flex:1;height:0.9em;background:linear-gradient(to right, '
            f'{", ".join(BAND_COLORS)})"></span>'
        )
    else:
        boxes = "".join(
            f'<span style="flex:1;background:{BAND_COLORS[min(int(b), len(BAND_COLORS) - 1)]};'
            'height:0.9em;border-right:1px solid #fff"></span>'
            for b in bands["band"]
        )
    lowest = float(bands["low"].iloc[0]) if count else math.nan
    highest = float(bands["high"].iloc[-1]) if count else math.nan
    labels = [
        f'<span style="position:absolute;left:{100 * i / count:.3f}%;'
        f'transform:translateX(-50%)">{_short(float(value))}</span>'
        for i, value in enumerate(bands["low"].tolist()[1:], start=1)
    ]
    return (
        f'<div class="band-key" style="font-size:{1.25 if projector else 0.8}rem;'
        'line-height:1.3;margin:-0.4em 0 0.6em">'
        f"<div>Colour key: f from <b>{_short(lowest)}</b> (dark) to <b>{_short(highest)}</b> "
        "(pale), each step between marks a tenth of the map</div>"
        f'<div style="display:flex">{boxes}</div>'
        f'<div style="position:relative;height:1.4em">{"".join(labels)}</div></div>'
    )


def _short(value: float) -> str:
    """A band edge in three significant digits, whole numbers written out up to 10⁶.

    Examples
    --------
    >>> [_short(v) for v in (0.02468, -49.66, 1412.7, 2.5e7)]
    ['0.0247', '−49.7', '1410', '2.5e+07']
    """
    text = f"{value:.3g}"
    if "e+0" in text and abs(value) < 1e6:
        text = f"{float(text):.0f}"
    return text.replace("-", "−")
