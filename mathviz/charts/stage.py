"""Scenes for the stage: a plane whose points can be dragged and whose shapes can move.

A ``Scene`` is data for the stage component (``mathviz.ui.stage``), which draws it in the
browser: a view of half-height ``extent`` at equal scale, draggable ``Handle``s, and
``Group``s of shapes. A point of a shape is a number pair or an expression over the
handles, built with:

``handle(name)``            where a handle is
``combo((a, p), (b, q))``   a·p + b·q (a coefficient may be a scalar: ``coordinate(p, i)``,
                            ``norm(p, exponent)``, ``dot(p, q)``, ``angle(p, q)``,
                            ``det(p, q)`` or ``quadratic(M, p)``)
``times(A, p)``             the matrix A (numbers, or ``columns(c1, c2)``) times p
``in_basis(b1, b2, p)``     the coordinates c of p in the basis b1, b2: [b1 b2]·c = p
                            (a column, here and in ``columns``, is a handle's name or a point)
``foot(p, along)``          the foot of p on the line along a direction (through a point)
``unit(p)``                 p / ‖p‖, the unit vector along p
``ref(name)``               a point the scene defines once (``Scene.defs``) and uses often
``carried(g, p)``           where group g's steps carry p at the time shown (follows Play)

so dragging a handle moves everything that depends on it at once, with no server round
trip. A handle moves freely in a box, or round a circle (``ring``). A group may also carry
``steps`` that the play button and the scrubber walk through: ``lerp(A)`` (I → A),
``rotate(θ)``, ``scale(sx, sy)``, ``shift(b)``, ``activate(σ)``, ``reshape(p₀, p₁)`` (a
p₀-norm ball into a p₁-norm ball, ray by ray); and be shown only for part
of the time (``when``). The view may follow the shapes from stage to stage (``views``).
Shapes: regions, grid lines, paths, arrows labelled beside their shaft (solid, thin,
dashed or outlined, slid sideways by ``offset`` pixels), dots, labels (whose text may change
with the stage), right-angle marks and angle arcs. The scene is plain JSON-ready data:
tested here, drawn by the browser.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathviz.charts import linear_algebra as _palette  # the roles' colours

Point = Any  # a number pair, or one of the expressions below
STEP_KINDS = ("lerp", "rotate", "scale", "shift", "activate", "reshape")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
PATH_STYLES = ("solid", "dashed", "dotted", "thin", "faint", "bold")
ARROW_STYLES = ("solid", "thin", "bold", "dashed", "outline")
DOT_STYLES = ("solid", "ring", "faint")
LEGEND_MARKS = ("line", "dashed", "fill", "dot", "arrow")


DIGITS = 7  # significant digits sent for a coordinate: far below a pixel, and short


def _number(value: float) -> float:
    return float(f"{float(value):.{DIGITS}g}")


def _pair(p: Point) -> Point:
    if isinstance(p, dict):
        return p
    x, y = (_number(v) for v in np.asarray(p, dtype=float).reshape(2))
    return [x, y]


def handle(name: str) -> dict[str, str]:
    """The point where the handle ``name`` is."""
    return {"h": name}


def combo(*terms: tuple[float | dict[str, Any], Point]) -> dict[str, Any]:
    """Σ cᵢ·pᵢ over ``(c, p)`` terms; a coefficient is a number or ``coordinate(p, i)``."""
    return {
        "lin": [[c if isinstance(c, dict) else float(c), _pair(p)] for c, p in terms],
    }


def _column(c: str | Point) -> Any:
    return c if isinstance(c, str) else _pair(c)


def columns(first: str | Point, second: str | Point) -> dict[str, list[Any]]:
    """The matrix whose columns are two handles (by name) or two points."""
    return {"cols": [_column(first), _column(second)]}


def _matrix(A: ArrayLike | dict[str, Any]) -> Any:
    if isinstance(A, dict):
        return A
    m = np.asarray(A, dtype=float).reshape(2, 2)
    return [[float(m[0, 0]), float(m[0, 1])], [float(m[1, 0]), float(m[1, 1])]]


def times(A: ArrayLike | dict[str, Any], p: Point) -> dict[str, Any]:
    """The matrix ``A`` (numbers, or ``columns(...)``) applied to ``p``."""
    return {"mat": _matrix(A), "of": _pair(p)}


def in_basis(first: str | Point, second: str | Point, p: Point) -> dict[str, Any]:
    """The coordinates of ``p`` in the basis of two handles or points (nan when parallel)."""
    return {"inv": [_column(first), _column(second)], "of": _pair(p)}


def coordinate(p: Point, i: int) -> dict[str, Any]:
    """The ``i``-th coordinate of a point, as a coefficient of ``combo``."""
    if i not in (0, 1):
        raise ValueError(f"i must be 0 or 1; got {i}")
    return {"comp": [_pair(p), i]}


def foot(p: Point, along: Point, through: Point = (0.0, 0.0)) -> dict[str, Any]:
    """The foot of ``p`` on the line through ``through`` along ``along``."""
    return {"proj": _pair(along), "of": _pair(p), "through": _pair(through)}


def carried(group: int, p: Point) -> dict[str, Any]:
    """Where the steps of the scene's ``group``-th group carry ``p`` at the time shown.

    At rest (after every step) it is the image of ``p``; as the play runs it moves with the
    group's shapes, so a readout built on it follows the morph (the map drawn right now).
    """
    return {"carry": int(group), "of": _pair(p)}


def ref(name: str) -> dict[str, str]:
    """The point the scene defines as ``name`` (``Scene.defs``): written once, used often."""
    return {"ref": name}


def unit(p: Point) -> dict[str, Any]:
    """The unit vector along ``p`` (undefined, so not drawn, when p is the origin)."""
    return {"unit": _pair(p)}


def _exponent(p: float) -> float | str:
    p = float(p)
    if not p > 0:
        raise ValueError(f"exponent must be a number > 0 or inf; got {p}")
    return "inf" if math.isinf(p) else p


def norm(p: Point, exponent: float, *, power: int = 1) -> dict[str, Any]:
    """‖p‖ (the p-norm with this exponent, a number > 0 or inf) to the ``power`` 1 or −1.

    A scalar: a coefficient of ``combo`` or a number shown in a label.
    """
    size = _exponent(exponent)
    if power not in (1, -1):
        raise ValueError(f"power must be 1 or -1; got {power}")
    entry: dict[str, Any] = {"norm": [_pair(p), size]}
    if power == -1:
        entry["power"] = -1
    return entry


def dot(first: Point, second: Point) -> dict[str, Any]:
    """The dot product of two points: a scalar."""
    return {"dot": [_pair(first), _pair(second)]}


def quadratic(M: ArrayLike, p: Point) -> dict[str, Any]:
    """pᵀ·M·p / pᵀ·p, the quadratic form of M along the direction of p: a scalar."""
    return {"quad": _matrix(M), "of": _pair(p)}


def angle(first: Point, second: Point) -> dict[str, Any]:
    """The angle between two points seen from the origin, in degrees from 0 to 180: a scalar.

    Not a number (so shown as —) when either is the origin.
    """
    return {"angle": [_pair(first), _pair(second)]}


def det(first: Point, second: Point) -> dict[str, Any]:
    """The determinant of the matrix with columns ``first`` and ``second``: a scalar."""
    return {"det": [_pair(first), _pair(second)]}


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


def reshape(start: float, end: float, *, through: Point | None = None) -> dict[str, Any]:
    """A step turning the ball of the ``start``-norm into the ball of the ``end``-norm.

    Each point slides along its own ray from the origin: at a fraction s of the step it is
    x·R/‖x‖_q, where 1/q = (1 − s)/start + s/end (so q runs smoothly from start to end,
    through ∞ as 1/q = 0). R is 1 (unit balls), or ‖through‖_q: the ball through that point
    (a handle), whose radius changes with q. The points must start on the ``start`` ball.

    >>> reshape(1, float("inf"))
    {'reshape': [1.0, 'inf', None]}
    """
    return {
        "reshape": [_exponent(start), _exponent(end), None if through is None else _pair(through)]
    }


def exponent(group: int) -> dict[str, int]:
    """The exponent the ``group``-th group's ``reshape`` steps have reached at the time shown.

    A scalar for a readout ("p = {}"), ∞ written as such; the group must reshape.
    """
    return {"exponent": int(group)}


def reshape_exponent(start: float, end: float, s: float) -> float:
    """The exponent q a ``reshape`` step has reached at fraction ``s``: 1/q is linear in s.

    >>> reshape_exponent(1, float("inf"), 0.5)
    2.0
    """
    inverse = (1 - s) / float(start) + s / float(end)
    return math.inf if inverse == 0 else 1 / inverse


# ---------------------------------------------------------------- the scene


@dataclass(frozen=True)
class Handle:
    """A point the learner drags; it snaps to ``step`` and stays within [low, high]².

    With ``ring`` = (cx, cy, r) it moves round that circle instead, its angle snapping to
    ``step`` degrees: a direction to turn.

    In a scene that plays, a handle is live only at the end (t = 1). Before that it is
    hidden, or, with ``rides`` = (g, p), drawn without its number where the point p of group
    g is at that moment (the tip of the arrow it sets), and cannot be grabbed.
    """

    name: str
    at: tuple[float, float]
    role: str
    label: str
    low: float = -5.0
    high: float = 5.0
    step: float = 0.05
    ring: tuple[float, float, float] | None = None
    rides: tuple[int, Point] | None = None

    def data(self) -> dict[str, Any]:
        """The handle as the stage reads it."""
        if self.ring is not None:
            cx, cy, r = (float(v) for v in self.ring)
            if not (math.isfinite(r) and r > 0):
                raise ValueError(f"a ring's radius must be a positive number; got {r}")
            angle = math.atan2(float(self.at[1]) - cy, float(self.at[0]) - cx)
            x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        else:
            x, y = (min(max(float(v), self.low), self.high) for v in self.at)
        out = {
            "name": self.name,
            "x": x,
            "y": y,
            "role": self.role,
            "label": self.label,
            "min": self.low,
            "max": self.high,
            "step": self.step,
        }
        if self.ring is not None:
            out["ring"] = [cx, cy, r]
        if self.rides is not None:
            out["rides"] = {"group": int(self.rides[0]), "at": _pair(self.rides[1])}
        return out


@dataclass
class Group:
    """Shapes that move together: through ``steps``, and with the handles they refer to."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    when: tuple[float, float] | None = None
    fade: tuple[float, float] | None = None
    regions: list[dict[str, Any]] = field(default_factory=list)
    grid: list[dict[str, Any]] = field(default_factory=list)
    paths: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    arrows: list[dict[str, Any]] = field(default_factory=list)
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
        """A curve through ``points``; ``style`` one of ``PATH_STYLES``."""
        _check("style", style, PATH_STYLES)
        self.paths.append({"role": role, "points": [_pair(p) for p in points], "style": style})
        return self

    def arrow(
        self,
        role: str,
        to: Point,
        *,
        start: Point = (0.0, 0.0),
        label: str | None = None,
        side: str = "left",
        along: float = 0.5,
        style: str = "solid",
        offset: float = 0.0,
        texts: Sequence[str] = (),
        value: dict[str, Any] | None = None,
        between: str | None = None,
    ) -> Group:
        """A vector from ``start`` to ``to``.

        Its ``label`` sits beside the shaft, ``along`` of the way from start to tip, on the
        arrow's ``side`` ("left" or "right", seen along it), so it never covers the tip.
        ``texts`` (one per stage) replace it as the steps play, and ``between`` while the
        steps are between two stages (the vector then is neither stage's); a "{}" in the
        text shows the scalar ``value`` (``coordinate``, ``norm``, ``det``), live. ``style``
        is one of ``ARROW_STYLES``; ``offset`` slides the whole arrow that many pixels to its
        left (negative: right), so an arrow along another stays in sight.
        """
        _check("style", style, ARROW_STYLES)
        _check("side", side, ("left", "right"))
        entry: dict[str, Any] = {"role": role, "from": _pair(start), "to": _pair(to)}
        if style != "solid":
            entry["style"] = style
        if offset:
            entry["offset"] = float(offset)
        if label or texts:
            entry |= {"label": label or texts[0], "side": side, "along": float(along)}
        if texts:
            entry["texts"] = list(texts)
        if between is not None:
            entry["between"] = between
        if value is not None:
            entry["value"] = value
        self.arrows.append(entry)
        return self

    def dot(self, role: str, at: Point, *, size: float = 3.5, style: str = "solid") -> Group:
        """A dot; ``style`` solid, ring (hollow) or faint."""
        _check("style", style, DOT_STYLES)
        entry: dict[str, Any] = {"role": role, "at": _pair(at), "size": float(size)}
        if style != "solid":
            entry["style"] = style
        self.points.append(entry)
        return self

    def dots(
        self, role: str, points: ArrayLike, *, size: float = 3.5, style: str = "solid"
    ) -> Group:
        """Many dots of one look at once, shape (k, 2): a point cloud, sent compactly."""
        _check("style", style, DOT_STYLES)
        xy = np.asarray(points, dtype=float).reshape(-1, 2)
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        entry: dict[str, Any] = {"role": role, "many": [_pair(p) for p in xy], "size": float(size)}
        if style != "solid":
            entry["style"] = style
        self.points.append(entry)
        return self

    def drops(
        self,
        role: str,
        points: ArrayLike,
        along: Point,
        *,
        through: Point = (0.0, 0.0),
        feet: str | None = None,
        size: float = 2.2,
    ) -> Group:
        """From each point, a thin segment to its foot on a line: the projections, live.

        The line runs through ``through`` along ``along``; the feet are dots of role ``feet``.
        """
        xy = np.asarray(points, dtype=float).reshape(-1, 2)
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        entry: dict[str, Any] = {
            "kind": "drops",
            "role": role,
            "points": [_pair(p) for p in xy],
            "along": _pair(along),
            "through": _pair(through),
            "size": float(size),
        }
        if feet is not None:
            entry["feet"] = feet
        self.marks.append(entry)
        return self

    def label(
        self,
        text: str,
        at: Point,
        *,
        role: str = "ink",
        offset: tuple[float, float] = (0, 0),
        texts: Sequence[str] = (),
        value: dict[str, Any] | None = None,
    ) -> Group:
        """Text at ``at``, shifted by ``offset`` pixels (right, up).

        With ``texts``, one per stage, the text changes as the steps play (the nearest
        stage's); a "{}" in it shows the scalar ``value``, live, to four significant digits.
        """
        entry: dict[str, Any] = {"text": text, "at": _pair(at), "role": role}
        entry["offset"] = [float(offset[0]), float(offset[1])]
        if texts:
            entry["texts"] = list(texts)
        if value is not None:
            entry["value"] = value
        self.labels.append(entry)
        return self

    def right_angle(
        self, at: Point, a: Point, b: Point, *, role: str = "ink", size: float = 11
    ) -> Group:
        """A right-angle mark at ``at`` whose legs point towards ``a`` and ``b``."""
        entry = {"kind": "corner", "role": role, "at": _pair(at), "a": _pair(a), "b": _pair(b)}
        self.marks.append({**entry, "size": float(size)})
        return self

    def angle(
        self,
        at: Point,
        a: Point,
        b: Point,
        *,
        role: str = "ink",
        label: str = "",
        radius: float = 26,
    ) -> Group:
        """An arc round ``at`` from the direction of ``a`` to that of ``b``, the short way.

        ``radius`` is in pixels; ``label`` sits just beyond the arc's middle.
        """
        entry = {"kind": "angle", "role": role, "at": _pair(at), "a": _pair(a), "b": _pair(b)}
        self.marks.append({**entry, "label": label, "radius": float(radius)})
        return self


@dataclass
class Scene:
    """Everything the stage draws: the view, the handles, the groups and their steps.

    ``stages`` names the steps the play button walks through (one name more than the
    number of steps: where it starts, then after each step; a scene whose groups have no
    steps, only times to show, names moments evenly spread over the play), and ``t`` is where the
    scrubber starts, from 0 (before any step) to 1 (after all). ``views`` frames each stage
    as (cx, cy, extent): the view then follows the shapes. ``legend`` lists (role, text,
    mark) above the plane, and ``readouts`` (text with one "{}" per scalar, and the scalar
    or a list of them) numbers that follow the handles, and the play, live beside it; a
    readout's text may hold "{stage}", the name of the stage shown (a third element, when
    given, names what is shown between two stages; else it is "M"). ``defs`` names points
    used many times (``ref``). ``box`` = (half-width, half-height) frames a wide or tall
    scene: the plane then shows that box round the centre, as large as it fits, instead of
    ``extent`` on its shorter side.

    Two stages on one page can move together: ``shares`` maps a handle to a channel (a
    name) its every move is told on, and ``externals`` lists (name, channel, where it
    starts) points set from another stage's shared handle as it moves, used like handles
    (``handle(name)``, ``columns(name, …)``) but drawn nowhere and never grabbed.
    """

    extent: float
    centre: tuple[float, float] = (0.0, 0.0)
    handles: list[Handle] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    stages: Sequence[str] = ()
    t: float = 1.0
    seconds: float = 4.0
    title: str = ""
    views: Sequence[tuple[float, float, float]] = ()
    legend: Sequence[tuple[str, str, str]] = ()
    readouts: Sequence[tuple[str, Any] | tuple[str, Any, str]] = ()
    defs: dict[str, Point] = field(default_factory=dict)
    box: tuple[float, float] | None = None
    shares: dict[str, str] = field(default_factory=dict)
    externals: Sequence[tuple[str, str, tuple[float, float]]] = ()

    def group(
        self,
        steps: Sequence[dict[str, Any]] = (),
        *,
        when: tuple[float, float] | None = None,
        fade: tuple[float, float] | None = None,
    ) -> Group:
        """A new group of shapes, drawn above those before it.

        ``when`` = (t₀, t₁) shows it only while the time is between t₀ and t₁ (a line that
        separates the classes only once the steps are done, say). ``fade`` = (t₀, t₁) fades
        it in: unseen before t₀, fully there from t₁ (a trace left behind as a step plays).
        """
        for entry in steps:
            if len(entry) != 1 or next(iter(entry)) not in STEP_KINDS:
                raise ValueError(f"a step is one of {', '.join(STEP_KINDS)}; got {entry!r}")
        if when is not None and not 0 <= when[0] <= when[1] <= 1:
            raise ValueError(f"when must be (t0, t1) with 0 ≤ t0 ≤ t1 ≤ 1; got {when}")
        if fade is not None and not 0 <= fade[0] < fade[1] <= 1:
            raise ValueError(f"fade must be (t0, t1) with 0 ≤ t0 < t1 ≤ 1; got {fade}")
        made = Group(
            steps=list(steps),
            when=None if when is None else (when[0], when[1]),
            fade=None if fade is None else (float(fade[0]), float(fade[1])),
        )
        self.groups.append(made)
        return made

    def _check_stages(self) -> None:
        """Raise unless ``stages`` names the start and each step (≥ 2 moments without steps)."""
        steps = max((len(g.steps) for g in self.groups), default=0)
        if self.stages and not steps and len(self.stages) < 2:
            raise ValueError(
                f"a scene played by its groups' times names ≥ 2 moments; got {len(self.stages)}"
            )
        if self.stages and steps and len(self.stages) != steps + 1:
            raise ValueError(
                f"stages must name the start and each of the {steps} steps; got {len(self.stages)}"
            )

    def data(self, *, height: int, projector: bool = False) -> dict[str, Any]:
        """The scene as the stage component reads it (JSON-ready)."""
        if not (math.isfinite(self.extent) and self.extent > 0):
            raise ValueError(f"extent must be a positive number; got {self.extent}")
        names = [h.name for h in self.handles]
        if len(set(names)) != len(names):
            raise ValueError(f"handle names must differ; got {names}")
        self._check_stages()
        if self.views and len(self.views) != len(self.stages):
            raise ValueError(
                f"views must frame each of the {len(self.stages)} stages; got {len(self.views)}"
            )
        for cx, cy, e in self.views:
            if not (math.isfinite(cx) and math.isfinite(cy) and math.isfinite(e) and e > 0):
                raise ValueError(f"a view is (cx, cy, extent) with extent > 0; got {(cx, cy, e)}")
        for _, _, mark in self.legend:
            _check("a legend mark", mark, LEGEND_MARKS)
        if self.box is not None and not all(math.isfinite(b) and b > 0 for b in self.box):
            raise ValueError(f"box must be (half-width, half-height) > 0; got {self.box}")
        if not 0 <= self.t <= 1:
            raise ValueError(f"t must be between 0 and 1; got {self.t}")
        defs = {name: _pair(p) for name, p in self.defs.items()}
        for name, p in defs.items():
            if '"ref"' in json.dumps(p):
                raise ValueError(f"a definition may not refer to another; {name!r} does")
        _check_rides(self.handles, len(self.groups))
        _check_sharing(names, self.shares, self.externals)
        groups = [_finite(g) for g in self.groups]
        used = json.dumps(groups) + json.dumps(self.readouts)
        missing = set(re.findall(r'"ref": "([^"]*)"', used)) - set(defs)
        if missing:
            raise ValueError(f"points used but not defined: {sorted(missing)}")
        return {
            "extent": float(self.extent),
            "centre": [float(self.centre[0]), float(self.centre[1])],
            "height": int(height),
            "projector": projector,
            "scale": 1.5 if projector else 1.0,
            "title": self.title,
            "colors": dict(_palette.ROLES),
            "handles": [h.data() for h in self.handles],
            "groups": groups,
            "stages": (
                {"names": list(self.stages), "t": float(self.t), "seconds": self.seconds}
                if self.stages
                else None
            ),
            "views": [[float(v) for v in view] for view in self.views],
            "legend": [{"role": r, "text": t, "mark": m} for r, t, m in self.legend],
            "readouts": [
                {"text": r[0], "value": r[1], "between": r[2] if len(r) > 2 else "M"}
                for r in self.readouts
            ],
            "defs": defs,
            "box": None if self.box is None else [float(self.box[0]), float(self.box[1])],
            "shares": dict(self.shares),
            "externals": [
                {"name": name, "channel": channel, "x": float(at[0]), "y": float(at[1])}
                for name, channel, at in self.externals
            ],
        }


def _check_rides(handles: Sequence[Handle], groups: int) -> None:
    for h in handles:
        if h.rides is not None and not 0 <= h.rides[0] < groups:
            raise ValueError(f"handle {h.name!r} rides group {h.rides[0]}, which is not drawn")


def _check_sharing(
    names: Sequence[str],
    shares: dict[str, str],
    externals: Sequence[tuple[str, str, tuple[float, float]]],
) -> None:
    """Raise unless shared handles exist and outside points have names of their own."""
    for name, channel in shares.items():
        if name not in names:
            raise ValueError(f"only a handle can be shared; {name!r} is not one")
        if not channel:
            raise ValueError(f"handle {name!r} is shared on an empty channel")
    for name, channel, at in externals:
        if name in names:
            raise ValueError(f"an outside point needs a name no handle has; {name!r} is one")
        if not channel:
            raise ValueError(f"the outside point {name!r} listens on an empty channel")
        if not all(math.isfinite(float(v)) for v in at):
            raise ValueError(f"the outside point {name!r} must start somewhere finite; got {at}")


def _check(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


def _finite(group: Group) -> dict[str, Any]:
    """A group's shapes, with non-finite coordinates (an undefined point) left out."""
    out: dict[str, Any] = {"steps": group.steps}
    if group.when is not None:
        out["when"] = [float(group.when[0]), float(group.when[1])]
    if group.fade is not None:
        out["fade"] = list(group.fade)
    for kind in ("regions", "grid", "paths", "marks", "arrows", "points", "labels"):
        cleaned = (_clean(entry) for entry in getattr(group, kind))
        out[kind] = [entry for entry in cleaned if entry is not None]
    return out


def _defined(p: Point) -> bool:
    return isinstance(p, dict) or all(map(math.isfinite, p))


def _clean(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The entry without its undefined points; None when a point it needs is undefined."""
    if "many" in entry:
        return entry
    if "points" in entry:
        return {**entry, "points": [p for p in entry["points"] if _defined(p)]}
    needed = [entry[k] for k in ("at", "from", "to", "a", "b") if k in entry]
    return entry if all(map(_defined, needed)) else None
