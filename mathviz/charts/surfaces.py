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

Data in, data out: nothing here draws or imports Streamlit. The sampled square reaches
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

from mathviz.catalog import Surface
from mathviz.charts.multivariable import BANDS

CELLS = 50  # heatmap cells per side
FINE = 71  # grid points per side for the contour lines
PAD = 1.45  # the sampled square reaches this many half-widths from the centre
FIELD = 11  # gradient-field arrows per side
THIN = 0.0015  # contour vertices closer than this share of the square to a chord go


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


def sample(surface: Surface, *, zoom: tuple[float, float, float] | None = None) -> Sample:
    """Cells, contour lines and a gradient field over the window (or a zoomed square).

    Parameters
    ----------
    surface : Surface
        The function of (x, y), with its exact gradient.
    zoom : (float, float, float), optional
        (x, y, half-width): sample a small square there instead of the window.

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
    xs, ys = square(centre, half, CELLS)
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
