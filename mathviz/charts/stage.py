"""Scenes for the stage: a plane whose points can be dragged and whose shapes can move.

A ``Scene`` is data for the stage component (``mathviz.ui.stage``), which draws it in the
browser: a view of half-height ``extent`` at equal scale, draggable ``Handle``s, and
``Group``s of shapes. A point of a shape is a number pair or an expression over the
handles, built with:

``handle(name)``            where a handle is
``combo((a, p), (b, q))``   a·p + b·q (a coefficient may be ``coordinate(p, i)``)
``times(A, p)``             the matrix A (numbers, or ``columns(h1, h2)``) times p
``in_basis(b1, b2, p)``     the coordinates c of p in the basis b1, b2: [b1 b2]·c = p
``foot(p, along)``          the foot of p on the line along a direction (through a point)

so dragging a handle moves everything that depends on it at once, with no server round
trip. A group may also carry ``steps`` that the play button and the scrubber walk through:
``lerp(A)`` (I → A), ``rotate(θ)``, ``scale(sx, sy)``, ``shift(b)``, ``activate(σ)``.
The scene is plain JSON-ready data: tested here, drawn by the browser.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathviz.charts.linear_algebra import ROLES

Point = Any  # a number pair, or one of the expressions below
STEP_KINDS = ("lerp", "rotate", "scale", "shift", "activate")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")


def _pair(p: Point) -> Point:
    if isinstance(p, dict):
        return p
    x, y = (float(v) for v in np.asarray(p, dtype=float).reshape(2))
    return [x, y]


def handle(name: str) -> dict[str, str]:
    """The point where the handle ``name`` is."""
    return {"h": name}


def combo(*terms: tuple[float | dict[str, Any], Point]) -> dict[str, Any]:
    """Σ cᵢ·pᵢ over ``(c, p)`` terms; a coefficient is a number or ``coordinate(p, i)``."""
    return {
        "lin": [[c if isinstance(c, dict) else float(c), _pair(p)] for c, p in terms],
    }


def columns(first: str, second: str) -> dict[str, list[str]]:
    """The matrix whose columns are where two handles are."""
    return {"cols": [first, second]}


def _matrix(A: ArrayLike | dict[str, Any]) -> Any:
    if isinstance(A, dict):
        return A
    m = np.asarray(A, dtype=float).reshape(2, 2)
    return [[float(m[0, 0]), float(m[0, 1])], [float(m[1, 0]), float(m[1, 1])]]


def times(A: ArrayLike | dict[str, Any], p: Point) -> dict[str, Any]:
    """The matrix ``A`` (numbers, or ``columns(...)``) applied to ``p``."""
    return {"mat": _matrix(A), "of": _pair(p)}


def in_basis(first: str, second: str, p: Point) -> dict[str, Any]:
    """The coordinates of ``p`` in the basis of two handles (nan when they are parallel)."""
    return {"inv": [first, second], "of": _pair(p)}


def coordinate(p: Point, i: int) -> dict[str, Any]:
    """The ``i``-th coordinate of a point, as a coefficient of ``combo``."""
    if i not in (0, 1):
        raise ValueError(f"i must be 0 or 1; got {i}")
    return {"comp": [_pair(p), i]}


def foot(p: Point, along: Point, through: Point = (0.0, 0.0)) -> dict[str, Any]:
    """The foot of ``p`` on the line through ``through`` along ``along``."""
    return {"proj": _pair(along), "of": _pair(p), "through": _pair(through)}


# ---------------------------------------------------------------- motion


def lerp(A: ArrayLike | dict[str, Any]) -> dict[str, Any]:
    """A step from the identity to the matrix ``A``: (1 − s)·p + s·A·p."""
    return {"lerp": _matrix(A)}


def rotate(angle: float) -> dict[str, float]:
    """A step turning by ``angle`` radians, a little at a time."""
    return {"rotate": float(angle)}


def scale(sx: float, sy: float) -> dict[str, list[float]]:
    """A step stretching the axes from 1 to ``sx`` and ``sy``."""
    return {"scale": [float(sx), float(sy)]}


def shift(b: Point) -> dict[str, Any]:
    """A step sliding every point by ``b``."""
    return {"shift": _pair(b)}


def activate(name: str) -> dict[str, str]:
    """A step bending each coordinate from z to σ(z)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}; got {name!r}")
    return {"activate": name}


# ---------------------------------------------------------------- the scene


@dataclass(frozen=True)
class Handle:
    """A point the learner drags; it snaps to ``step`` and stays within [low, high]²."""

    name: str
    at: tuple[float, float]
    role: str
    label: str
    low: float = -5.0
    high: float = 5.0
    step: float = 0.05

    def data(self) -> dict[str, Any]:
        """The handle as the stage reads it."""
        x, y = (min(max(float(v), self.low), self.high) for v in self.at)
        return {
            "name": self.name,
            "x": x,
            "y": y,
            "role": self.role,
            "label": self.label,
            "min": self.low,
            "max": self.high,
            "step": self.step,
        }


@dataclass
class Group:
    """Shapes that move together: through ``steps``, and with the handles they refer to."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    grid: list[dict[str, Any]] = field(default_factory=list)
    paths: list[dict[str, Any]] = field(default_factory=list)
    arrows: list[dict[str, Any]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)

    def region(self, role: str, points: Iterable[Point]) -> Group:
        """A filled polygon."""
        self.regions.append({"role": role, "points": [_pair(p) for p in points]})
        return self

    def lines(self, role: str, lines: ArrayLike) -> Group:
        """Thin lines, shape (L, k, 2): a grid to bend."""
        for line in np.asarray(lines, dtype=float):
            self.grid.append({"role": role, "points": [_pair(p) for p in line]})
        return self

    def path(self, role: str, points: Iterable[Point], *, style: str = "solid") -> Group:
        """A curve through ``points``; ``style`` solid, dashed or thin."""
        if style not in ("solid", "dashed", "thin"):
            raise ValueError(f"style must be solid, dashed or thin; got {style!r}")
        self.paths.append({"role": role, "points": [_pair(p) for p in points], "style": style})
        return self

    def arrow(self, role: str, to: Point, *, start: Point = (0.0, 0.0)) -> Group:
        """A vector from ``start`` to ``to``."""
        self.arrows.append({"role": role, "from": _pair(start), "to": _pair(to)})
        return self

    def dot(self, role: str, at: Point, *, size: float = 3.5) -> Group:
        """A dot."""
        self.points.append({"role": role, "at": _pair(at), "size": float(size)})
        return self

    def label(
        self, text: str, at: Point, *, role: str = "ink", offset: tuple[float, float] = (0, 0)
    ) -> Group:
        """Text at ``at``, shifted by ``offset`` pixels (right, up)."""
        entry = {"text": text, "at": _pair(at), "role": role, "offset": list(offset)}
        self.labels.append(entry)
        return self


@dataclass
class Scene:
    """Everything the stage draws: the view, the handles, the groups and their steps.

    ``stages`` names the steps the play button walks through (one name more than the
    number of steps: where it starts, then after each step), and ``t`` is where the
    scrubber starts, from 0 (before any step) to 1 (after all).
    """

    extent: float
    centre: tuple[float, float] = (0.0, 0.0)
    handles: list[Handle] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    stages: Sequence[str] = ()
    t: float = 1.0
    seconds: float = 4.0
    title: str = ""

    def group(self, steps: Sequence[dict[str, Any]] = ()) -> Group:
        """A new group of shapes, drawn above those before it."""
        for entry in steps:
            if len(entry) != 1 or next(iter(entry)) not in STEP_KINDS:
                raise ValueError(f"a step is one of {', '.join(STEP_KINDS)}; got {entry!r}")
        made = Group(steps=list(steps))
        self.groups.append(made)
        return made

    def data(self, *, height: int, projector: bool = False) -> dict[str, Any]:
        """The scene as the stage component reads it (JSON-ready)."""
        if not (math.isfinite(self.extent) and self.extent > 0):
            raise ValueError(f"extent must be a positive number; got {self.extent}")
        names = [h.name for h in self.handles]
        if len(set(names)) != len(names):
            raise ValueError(f"handle names must differ; got {names}")
        steps = max((len(g.steps) for g in self.groups), default=0)
        if self.stages and len(self.stages) != steps + 1:
            raise ValueError(
                f"stages must name the start and each of the {steps} steps; got {len(self.stages)}"
            )
        return {
            "extent": float(self.extent),
            "centre": [float(self.centre[0]), float(self.centre[1])],
            "height": int(height),
            "projector": projector,
            "scale": 1.5 if projector else 1.0,
            "title": self.title,
            "colors": dict(ROLES),
            "handles": [h.data() for h in self.handles],
            "groups": [_finite(g) for g in self.groups],
            "stages": (
                {"names": list(self.stages), "t": float(self.t), "seconds": self.seconds}
                if self.stages
                else None
            ),
        }


def _finite(group: Group) -> dict[str, Any]:
    """A group's shapes, with non-finite coordinates (an undefined point) left out."""
    out: dict[str, Any] = {"steps": group.steps}
    for kind in ("regions", "grid", "paths", "arrows", "points", "labels"):
        out[kind] = [_clean(entry) for entry in getattr(group, kind)]
    return out


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    if "points" in entry:
        kept = [p for p in entry["points"] if isinstance(p, dict) or all(map(math.isfinite, p))]
        return {**entry, "points": kept}
    return entry
