"""Scenes of a surface in 3-D, to turn by dragging beside the map seen from above.

``gradient_scene``  f over its window, the point, the tangent plane there, the two slices'
                    tangent lines that span it, the slices themselves and the steepest way
                    up the plane (along ∇f)
``hessian_scene``   f near a critical point against its quadratic model, with the model's
                    parabolas along the two principal axes, coloured by the sign of λ
``layer``           one named layer of a scene, as arrays (for a test or a table)

A scene is plain data for the solid component (``mathviz.ui.solid``, ``assets/solid.js``),
which paints it on a 2-D canvas back to front and turns it under the pointer in the
browser: no WebGL, nothing redrawn by the server while the view turns, and a move of the
point sends only numbers. Sheets are grids of heights (a missing height is ``None``),
lines are polylines of (x, y, z) points, points are single (x, y, z).

The surface is painted in the same ten bands as the heatmap of the map (dark teal lowest,
pale grey highest), each quad in the band of its mean height, with the bands' edges drawn
as white contour lines, so the two views read as one. The data come from
``mathviz.charts.surfaces`` (grids and lines, tested against the core); nothing here
computes a height.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathviz.charts.surfaces import (
    BAND_COLORS,
    Grid,
    band_index,
    clip_heights,
    height_span,
    lifted_contours,
)
from mathviz.charts.theme import COLORS, PROJECTOR_HEIGHT

HEIGHT = 460  # pixels; a projector makes it PROJECTOR_HEIGHT times taller
Z_ASPECT = 0.6  # the height of the box against its width: tall enough for the shape to read
# Seen from the front, a little to the right and above: x runs across, y into the picture,
# as on the map. Degrees: the azimuth of the eye from the x-axis, its elevation.
CAMERA = {"azimuth": -66.0, "elevation": 26.0}
TANGENT = COLORS["green"]  # the colour of the tangent lines in the two slice panels
MODEL = "#4d4d4d"  # the quadratic model: dark grey, as its dashed contours on the close-up
KIND_COLORS = {
    "minimum": COLORS["blue"],
    "maximum": COLORS["vermillion"],
    "saddle": COLORS["yellow"],
    "degenerate": COLORS["purple"],
}
DIGITS = 7  # significant digits sent per number: far below a pixel, and a third the bytes

Scene = dict[str, Any]


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


def edge(shown: Grid) -> list[np.ndarray]:
    """The border of a grid (its first and last rows and columns) as four (k, 3) lines.

    Outlined, a translucent tangent plane reads as a flat sheet even where it barely
    rises off the surface. Heights cut off (nan) break a line.

    Examples
    --------
    >>> rim = edge(Grid(np.arange(2.0), np.arange(2.0), np.array([[0.0, 1.0], [2.0, 3.0]])))
    >>> [line[:, 2].tolist() for line in rim]
    [[0.0, 1.0], [2.0, 3.0], [0.0, 2.0], [1.0, 3.0]]
    """
    X, Y = shown.points
    z = np.asarray(shown.z, dtype=float)
    return [
        np.column_stack([X[0], Y[0], z[0]]),
        np.column_stack([X[-1], Y[-1], z[-1]]),
        np.column_stack([X[:, 0], Y[:, 0], z[:, 0]]),
        np.column_stack([X[:, -1], Y[:, -1], z[:, -1]]),
    ]


def plain(values: ArrayLike) -> Any:
    """Numbers as nested lists for the browser: nan and ±inf become None, 7 digits kept.

    Rounded all at once: each number is scaled by a power of ten to 7 significant digits,
    rounded to a whole number and scaled back, which lands on the double nearest to the
    7-digit decimal, so it is sent as that short decimal.

    Examples
    --------
    >>> plain([[1.0, float("nan")], [2.0 / 3.0, -0.0]])
    [[1.0, None], [0.6666667, 0.0]]
    >>> plain(123456789.0), plain(-1.23456789e-5), plain(float("inf"))
    (123456800.0, -1.234568e-05, None)
    """
    array = np.asarray(values, dtype=float)
    finite = np.isfinite(array)
    with np.errstate(all="ignore"):
        size = np.where(finite & (array != 0), np.abs(array), 1.0)
        power = np.clip(DIGITS - 1 - np.floor(np.log10(size)), -307, 307).astype(int)
        # 10ᵏ is exact for |k| ≤ 22; dividing by it (or multiplying for k < 0) rounds once.
        up = np.where(power >= 0, 10.0 ** np.abs(power), 1.0)
        down = np.where(power < 0, 10.0 ** np.abs(power), 1.0)
        rounded = np.rint(array * up / down) * down / up + 0.0
    if array.ndim == 0:
        return float(rounded) if finite else None
    out = rounded.astype(object)
    out[~finite] = None
    return out.tolist()


def cell_bands(shown: Grid, levels: ArrayLike) -> np.ndarray:
    """The band of each quad of a grid: that of the mean of its four corners' heights.

    A quad with a missing corner gets band −1 (it is not painted).

    Examples
    --------
    >>> grid = Grid(np.arange(3.0), np.arange(2.0), np.array([[0.0, 1.0, 2.0], [1.0, 2.0, 9.0]]))
    >>> cell_bands(grid, [1.0, 3.0]).tolist()
    [[1, 2]]
    """
    z = np.asarray(shown.z, dtype=float)
    mean = (z[:-1, :-1] + z[:-1, 1:] + z[1:, :-1] + z[1:, 1:]) / 4
    bands = band_index(mean, levels)
    return np.where(np.isfinite(bands), bands, -1).astype(int)


def _sheet(
    shown: Grid,
    *,
    name: str,
    levels: ArrayLike | None = None,
    color: str | None = None,
    opacity: float = 1.0,
) -> dict[str, Any]:
    """A grid of heights: painted in the map's bands (with ``levels``) or in one colour."""
    layer: dict[str, Any] = {
        "name": name,
        "xs": plain(shown.xs),
        "ys": plain(shown.ys),
        "z": plain(shown.z),
        "opacity": opacity,
    }
    if levels is not None:
        layer["cells"] = cell_bands(shown, levels).tolist()
        layer["palette"] = list(BAND_COLORS)
    else:
        layer["color"] = color
    return layer


def _lines(
    lines: Sequence[np.ndarray],
    *,
    name: str,
    color: str,
    width: float,
    dash: bool = False,
    halo: bool = False,
) -> dict[str, Any]:
    """Polylines of one colour; a halo edges them in ink (for ground of their own colour)."""
    return {
        "name": name,
        "lines": [plain(line) for line in lines if len(line)],
        "color": color,
        "width": width,
        "dash": dash,
        "halo": halo,
    }


def _point(p: ArrayLike, *, name: str, color: str) -> dict[str, Any]:
    return {"name": name, "at": plain(p), "color": color, "size": 6.5}


def _scene(
    shown: Grid,
    span: tuple[float, float],
    *,
    title: str,
    sheets: list[dict[str, Any]],
    lines: list[dict[str, Any]],
    points: list[dict[str, Any]],
    legend: list[tuple[str, str, str]],
    revision: str,
    projector: bool,
) -> Scene:
    """The box on the grid and its heights (a tenth of the span spare above and below)."""
    lo, hi = span
    pad = 0.1 * (hi - lo)
    width, depth = float(np.ptp(shown.xs)), float(np.ptp(shown.ys))
    return {
        "title": title,
        "height": round(HEIGHT * (PROJECTOR_HEIGHT if projector else 1.0)),
        "projector": projector,
        "revision": revision,
        "box": [
            plain([shown.xs[0], shown.xs[-1]]),
            plain([shown.ys[0], shown.ys[-1]]),
            plain([lo - pad, hi + pad]),
        ],
        "titles": ["x", "y", "f"],
        "aspect": [1.0, depth / width if width else 1.0, Z_ASPECT],
        "camera": dict(CAMERA),
        "sheets": sheets,
        "lines": lines,
        "points": points,
        "legend": [
            {
                "name": n,
                "kind": k,
                **({"colors": list(BAND_COLORS)} if k == "bands" else {"color": c}),
            }
            for n, k, c in legend
        ],
    }


def layer(scene: Scene, name: str) -> dict[str, Any]:
    """The layer called ``name``, its numbers as float arrays (None read as nan).

    Sheets give ``xs``, ``ys`` and ``z``; lines give ``lines``, a list of (k, 3) arrays;
    points give ``at``.

    Examples
    --------
    >>> scene = {"sheets": [], "points": [], "lines": [{"name": "a", "lines": [[[0, 1, None]]]}]}
    >>> layer(scene, "a")["lines"][0].tolist()
    [[0.0, 1.0, nan]]
    """
    for kind in ("sheets", "lines", "points"):
        for found in scene[kind]:
            if found["name"] == name:
                out = dict(found)
                for key in ("xs", "ys", "z", "at"):
                    if key in out:
                        out[key] = np.array(out[key], dtype=float)
                if kind == "lines":
                    out["lines"] = [np.array(line, dtype=float) for line in out["lines"]]
                return out
    raise KeyError(name)


def surface_layers(shown: Grid, levels: ArrayLike) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sheet "f" in its bands and its white "contours": what only the surface decides.

    A page can build them once per surface and hand them to ``gradient_scene`` on every
    move of the point; they are read, never changed.
    """
    return (
        _sheet(shown, name="f", levels=levels),
        _lines(lifted_contours(shown, levels), name="contours", color="#ffffff", width=1.2),
    )


def gradient_scene(
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
    base: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> Scene:
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
        Taller; the component also enlarges type and strokes.
    base : (dict, dict), optional
        ``surface_layers(shown, levels)``, when the page keeps them from move to move.

    Returns
    -------
    Scene
        Sheets "f" and "tangent plane"; lines "contours", "slices", "plane's edge",
        "tangent lines", "∇f (steepest up)"; the point "point".
    """
    span = height_span(shown.z)
    cut = Grid(plane.xs, plane.ys, clip_heights(plane.z, span))
    up = "∇f (steepest up)"
    sheet, contours = surface_layers(shown, levels) if base is None else base
    return _scene(
        shown,
        span,
        title="The surface f in 3-D with its tangent plane at the point",
        sheets=[sheet, _sheet(cut, name="tangent plane", color=TANGENT, opacity=0.6)],
        lines=[
            contours,
            _lines(list(slices), name="slices", color=COLORS["ink"], width=2.5),
            _lines(edge(cut), name="plane's edge", color=TANGENT, width=1.6),
            _lines(list(tangents), name="tangent lines", color=TANGENT, width=4.0),
            _lines(
                [ascent] if len(ascent) else [],
                name=up,
                color=COLORS["vermillion"],
                width=4.0,
                halo=True,
            ),
        ],
        points=[_point(point, name="point", color=COLORS["ink"])],
        legend=[
            ("f", "bands", ""),
            ("tangent plane", "translucent", TANGENT),
            ("slices", "line", COLORS["ink"]),
            ("tangent lines", "line", TANGENT),
            (up, "line", COLORS["vermillion"]),
            ("point", "point", COLORS["ink"]),
        ],
        revision=revision,
        projector=projector,
    )


def hessian_scene(
    close: Grid,
    levels: ArrayLike,
    point: ArrayLike,
    kind: str,
    *,
    model: Grid,
    axes: Sequence[tuple[float, np.ndarray]],
    revision: str,
    projector: bool = False,
) -> Scene:
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
        Taller; the component also enlarges type and strokes.

    Returns
    -------
    Scene
        The sheet "f"; lines "contours", "quadratic model" (a net) and one "axis n: λn = …"
        per principal axis; the point, named by its kind.
    """
    span = height_span(close.z)
    cut = Grid(model.xs, model.ys, clip_heights(model.z, span))
    lines = [
        _lines(lifted_contours(close, levels), name="contours", color="#ffffff", width=1.2),
        _lines(wire(cut), name="quadratic model", color=MODEL, width=1.6),
    ]
    legend = [
        ("f", "bands", ""),
        ("quadratic model", "line", MODEL),
    ]
    for number, (lam, curve) in enumerate(axes, start=1):
        name = f"axis {number}: λ{'₁₂'[number - 1]} = {lam:.4g}".replace("-", "−")
        z = clip_heights(curve[:, 2], span)
        shown_curve = np.column_stack([curve[:, :2], z])
        dash = number == 2  # two axes bending the same way share a colour: one is dashed
        style = "dashed" if dash else "line"
        lines.append(
            _lines(
                [shown_curve], name=name, color=lambda_color(lam), width=4.0, dash=dash, halo=True
            )
        )
        legend.append((name, style, lambda_color(lam)))
    color = KIND_COLORS.get(kind, COLORS["ink"])
    legend.append((kind, "point", color))
    return _scene(
        close,
        span,
        title=f"The surface f near a {kind} point against its quadratic model, in 3-D",
        sheets=[_sheet(close, name="f", levels=levels)],
        lines=lines,
        points=[_point(point, name=kind, color=color)],
        legend=legend,
        revision=revision,
        projector=projector,
    )
