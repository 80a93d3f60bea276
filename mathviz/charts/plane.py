"""Collect what a topic draws on the plane, then hand it to ``plane_chart`` as tidy frames.

A ``Plane`` gathers shaded regions, grid lines, paths, arrows, dots, labels and endless lines
(an eigenline, a span), each with a ``role`` that fixes its colour. It chooses a view
[−E, E] tall that holds everything finite (the chart widens it sideways to the page), cuts
the endless lines to a box wider than any screen, and places arrow labels just beyond the
arrow tips. Several planes can share a view (``Plane.common_extent``) so a
before and an after are drawn at the same scale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

SCHEMA = {
    "regions": {"x": "float64", "y": "float64", "region": "str", "role": "str", "i": "int64"},
    "grid": {"x": "float64", "y": "float64", "path": "str", "role": "str", "i": "int64"},
    "paths": {
        "x": "float64",
        "y": "float64",
        "path": "str",
        "role": "str",
        "i": "int64",
        "style": "str",
    },
    "arrows": {"x0": "float64", "y0": "float64", "x": "float64", "y": "float64", "role": "str"},
    "points": {"x": "float64", "y": "float64", "role": "str"},
    "labels": {"x": "float64", "y": "float64", "label": "str", "role": "str"},
}
NICE = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0)
WIDEST = 5.0  # endless lines reach this many times E sideways: wider than any screen
LABEL_GAP = 0.09  # an arrow's label sits this fraction of the view beyond its tip
# A line's label sits this fraction of its visible part back from the far end: far enough
# in that a label of a dozen characters, centred there, is not cut at the plot's edge.
LINE_LABEL_BACK = 0.22


def nice_extent(reach: float) -> float:
    """The smallest 'round' half-width ≥ reach (1, 1.25, 1.5, … 8, 10 × 10ᵏ).

    Round steps keep the view still while a slider moves a little.
    """
    if not math.isfinite(reach) or reach <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(reach))
    # Twelve digits drop the dust of 10ᵏ for negative k (0.30000000000000004 → 0.3).
    # Below 10⁻³⁰⁸ the power of ten itself underflows: then reach is its own extent.
    return next(
        (float(f"{step * power:.12g}") for step in NICE if step * power >= reach * (1 - 1e-12)),
        reach,
    )


Piece = tuple[int, dict[str, object]]  # a row count and its columns (arrays or one value each)


def _frame(kind: str, pieces: list[Piece]) -> pd.DataFrame:
    """One DataFrame from many pieces, built once: pandas costs far more per frame than per row.

    Columns get their schema's dtype even when empty, so a chart's template stays the same.
    """
    columns = {}
    for name, dtype in SCHEMA[kind].items():
        if not pieces:
            columns[name] = pd.Series([], dtype=dtype)
            continue
        raw = object if dtype == "str" else dtype  # pandas turns object text into "str"
        columns[name] = np.concatenate(
            [np.broadcast_to(np.asarray(cols[name], dtype=raw), (n,)) for n, cols in pieces]
        )
    return pd.DataFrame(columns)


def _path(xy: np.ndarray, name: str, role: str, **more: object) -> Piece:
    n = len(xy)
    return n, {"x": xy[:, 0], "y": xy[:, 1], "path": name, "role": role, "i": np.arange(n), **more}


@dataclass
class _Line:
    role: str
    through: np.ndarray
    direction: np.ndarray
    label: str | None
    style: str
    thin: bool


@dataclass
class Plane:
    """Everything one square chart of the plane shows; ``minimum`` is the smallest half-width.

    The view is centred on ``centre`` (the origin unless a surface's window says otherwise).
    """

    minimum: float = 1.0
    centre: tuple[float, float] = (0.0, 0.0)
    _rows: dict[str, list[Piece]] = field(default_factory=lambda: {kind: [] for kind in SCHEMA})
    _arrows: list[tuple[np.ndarray, np.ndarray, str, str | None, bool | str]] = field(
        default_factory=list
    )
    _lines: list[_Line] = field(default_factory=list)
    _labels: list[tuple[str, np.ndarray, str]] = field(default_factory=list)
    _reach: float = 0.0
    _count: int = 0

    def _grow(self, xy: np.ndarray) -> None:
        xy = xy - np.asarray(self.centre)
        finite = np.abs(xy[np.isfinite(xy)])
        if finite.size:
            self._reach = max(self._reach, float(finite.max()))

    def _name(self, name: str | None) -> str:
        self._count += 1
        return name or f"#{self._count}"

    def region(self, role: str, xy: ArrayLike, *, name: str | None = None) -> None:
        """A filled polygon with vertices ``xy`` (k, 2) in order."""
        xy = np.asarray(xy, dtype=float)
        self._grow(xy)
        n, cols = _path(xy, self._name(name), role)
        cols["region"] = cols.pop("path")
        self._rows["regions"].append((n, cols))

    def path(
        self, role: str, xy: ArrayLike, *, name: str | None = None, style: str = "solid"
    ) -> None:
        """A curve through the points ``xy`` (k, 2), in order."""
        xy = np.asarray(xy, dtype=float)
        self._grow(xy)
        self._rows["paths"].append(_path(xy, self._name(name), role, style=style))

    def grid(self, role: str, lines: ArrayLike, *, fit: bool = True) -> None:
        """Thin lines: ``lines`` has shape (L, k, 2), one polyline of k points per line.

        With ``fit=False`` they are context only: the view does not grow to hold them.
        """
        lines = np.asarray(lines, dtype=float)
        if lines.size == 0:
            return
        if fit:
            self._grow(lines)
        count, k, _ = lines.shape
        names = np.array([self._name(None) for _ in range(count)], dtype=object)
        self._rows["grid"].append(
            (
                count * k,
                {
                    "x": lines[..., 0].ravel(),
                    "y": lines[..., 1].ravel(),
                    "path": np.repeat(names, k),
                    "role": role,
                    "i": np.tile(np.arange(k), count),
                },
            )
        )

    def arrow(
        self,
        role: str,
        end: ArrayLike,
        *,
        start: ArrayLike = (0.0, 0.0),
        label: str | None = None,
        beside: bool | str = False,
    ) -> None:
        """A vector from ``start`` to ``end``, labelled beyond its tip (or beside its middle).

        ``beside`` puts the label by the arrow's middle: on its right (``True`` or "right")
        or on its left ("left"), seen along the arrow.
        """
        start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        self._grow(np.stack([start, end]))
        self._arrows.append((start, end, role, label, beside))

    def dots(self, role: str, xy: ArrayLike) -> None:
        """Points ``xy`` (k, 2) drawn as dots."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        self._grow(xy)
        self._rows["points"].append((len(xy), {"x": xy[:, 0], "y": xy[:, 1], "role": role}))

    def label(self, text: str, at: ArrayLike, *, role: str = "ink") -> None:
        """Text centred at ``at``; kept inside the view."""
        self._labels.append((text, np.asarray(at, dtype=float), role))

    def line(
        self,
        role: str,
        direction: ArrayLike,
        *,
        through: ArrayLike = (0.0, 0.0),
        label: str | None = None,
        style: str = "dashed",
        thin: bool = False,
    ) -> None:
        """The whole line through ``through`` along ``direction``, clipped to the view."""
        along, at = np.asarray(direction, dtype=float), np.asarray(through, dtype=float)
        if not (np.all(np.isfinite(along)) and np.all(np.isfinite(at))):
            return
        scale = np.abs(along).max()
        if scale == 0:
            return
        # Unit-sized, with rounding dust set to 0: dividing by a subnormal entry would overflow.
        along = along / scale
        along[np.abs(along) < 1e-12] = 0.0
        self._lines.append(_Line(role, at, along, label, style, thin))

    def reach(self) -> float:
        """The largest coordinate, measured from the centre, of anything finite drawn so far."""
        return self._reach

    def extent(self) -> float:
        """Half the width of the square view: everything finite fits, with a margin."""
        return max(self.minimum, nice_extent(1.12 * self._reach))

    def frames(self, extent: float | None = None) -> tuple[pd.DataFrame, ...]:
        """The six frames ``plane_chart`` takes, in its order, for a view of ``extent``."""
        e = self.extent() if extent is None else extent
        rows = {kind: list(found) for kind, found in self._rows.items()}
        labels = [(text, at, role) for text, at, role in self._labels]
        arrows = []
        for start, end, role, text, beside in self._arrows:
            arrows.append(
                (1, {"x0": start[0], "y0": start[1], "x": end[0], "y": end[1], "role": role})
            )
            if text:
                step = end - start
                length = float(np.hypot(*step))
                away = step / length if length > 0 else np.array([0.6, 0.8])
                if beside:  # by the arrow's middle, to its right (or left), seen along it
                    right = np.array([away[1], -away[0]]) * (-1 if beside == "left" else 1)
                    at = (start + end) / 2 + 1.3 * LABEL_GAP * e * right
                else:
                    at = end + LABEL_GAP * e * away
                labels.append((text, at, role))
        c = np.asarray(self.centre, dtype=float)
        for n, line in enumerate(self._lines):
            segment = _clip(line.through - c, line.direction, WIDEST * e, e)
            if segment is None:
                continue
            segment = segment + c
            name = f"line {n}"  # not from _name: frames() must not change the plane
            if line.thin:
                rows["grid"].append(_path(segment, name, line.role))
            else:
                rows["paths"].append(_path(segment, name, line.role, style=line.style))
            seen = _clip(line.through - c, line.direction, e, e)
            if line.label and seen is not None:
                along = seen[1] - seen[0]
                side = np.array([-along[1], along[0]]) / np.hypot(*along)  # to the line's left
                at = c + seen[1] - LINE_LABEL_BACK * along + 1.6 * LABEL_GAP * e * side
                labels.append((line.label, at, line.role))
        inside = 0.92 * e
        label_rows: list[Piece] = [
            (
                1,
                {
                    "x": float(np.clip(at[0], c[0] - inside, c[0] + inside)),
                    "y": float(np.clip(at[1], c[1] - inside, c[1] + inside)),
                    "label": text,
                    "role": role,
                },
            )
            for text, at, role in labels
            if np.all(np.isfinite(at))
        ]
        return (
            _frame("regions", rows["regions"]),
            _frame("grid", rows["grid"]),
            _frame("paths", rows["paths"]),
            _frame("arrows", arrows),
            _frame("points", rows["points"]),
            _frame("labels", label_rows),
        )

    @staticmethod
    def common_extent(planes: Sequence[Plane]) -> float:
        """One half-width that fits every plane, so they are drawn at the same scale."""
        return max(plane.extent() for plane in planes)


def table(drawn: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The frames of one plane chart as one table, a column ``drawn as`` naming each part."""
    kinds = ("region", "grid line", "path", "arrow", "point", "label")
    parts = [data.assign(**{"drawn as": kind}) for kind, data in zip(kinds, drawn, strict=True)]
    parts = [part for part in parts if len(part)]
    if not parts:
        return pd.DataFrame({"drawn as": []})
    merged = pd.concat(parts, ignore_index=True)
    first = ["drawn as", "role", "label", "path", "region", "x0", "y0", "x", "y"]
    return merged[[c for c in first if c in merged] + [c for c in merged if c not in first]]


def _clip(through: np.ndarray, direction: np.ndarray, ex: float, ey: float) -> np.ndarray | None:
    """The part of the line through ``through`` along ``direction`` inside [−ex, ex]×[−ey, ey]."""
    lo, hi = -np.inf, np.inf
    for p, d, e in zip(through, direction, (ex, ey), strict=True):
        if d == 0:
            if abs(p) > e:
                return None
            continue
        t1, t2 = (-e - p) / d, (e - p) / d
        lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
    if not lo < hi:
        return None
    return np.stack([through + lo * direction, through + hi * direction])


def polygon(xy: ArrayLike) -> np.ndarray:
    """The vertices ``xy`` with the first repeated at the end, to draw a closed outline."""
    xy = np.asarray(xy, dtype=float)
    return np.vstack([xy, xy[:1]])


def circle(n: int = 120) -> np.ndarray:
    """The unit circle as a closed path of n + 1 points."""
    t = np.linspace(0, 2 * np.pi, n + 1)
    return np.column_stack([np.cos(t), np.sin(t)])


def arc(start: float, stop: float, radius: float, n: int = 40) -> np.ndarray:
    """An arc of a circle round the origin from angle ``start`` to ``stop`` (radians)."""
    t = np.linspace(start, stop, n)
    return radius * np.column_stack([np.cos(t), np.sin(t)])


# A capital F: no symmetry at all, so every reflection, rotation and shear shows.
LETTER_F = polygon(
    [
        (0.15, 0.1),
        (0.35, 0.1),
        (0.35, 0.45),
        (0.65, 0.45),
        (0.65, 0.6),
        (0.35, 0.6),
        (0.35, 0.75),
        (0.8, 0.75),
        (0.8, 0.9),
        (0.15, 0.9),
    ]
)
UNIT_CIRCLE = circle()
UNIT_SQUARE = np.array([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])
for _shape in (LETTER_F, UNIT_CIRCLE, UNIT_SQUARE):  # shared by every session: read-only
    _shape.flags.writeable = False
