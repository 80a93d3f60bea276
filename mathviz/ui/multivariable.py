"""The Multivariable calculus page's four topics, each an ``st.fragment``.

URL keys are prefixed by topic (``grad_``, ``dsc_``, ``jac_``, ``hes_``). Every surface is
drawn the same way (``_draw_surface``): a heatmap of quantile bands with their contour
lines, at equal units so a right angle looks right, with the topic's overlays on top.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import contourpy
import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import SURFACES, Surface, typed_surface
from mathviz.charts import calculus as calculus_charts
from mathviz.charts import multivariable as charts
from mathviz.expressions import ExpressionError
from mathviz.ui import frame, state
from mathviz.ui.linear_algebra import _latex_matrix, _set_matrix, _set_vector, _vec
from mathviz.ui.plane import Plane, polygon, table

TYPED = "typed"
CELLS = 50  # heatmap cells per side
FINE = 71  # grid points per side for the contour lines
PAD = 1.45  # the sampled square reaches this many half-widths from the centre
FIELD = 11  # gradient-field arrows per side
WINDOWS = (1.0, 2.0, 3.0, 5.0)  # half-widths offered for a typed surface
REACH = 5.0  # the point sliders span [−REACH, REACH], enough for every window
POINT_STEP = 0.05
LEARNING_RATES = (
    1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.03, 0.05, 0.07, 0.09, 0.095, 0.1,
    0.105, 0.11, 0.15, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 1.0, 1.05, 1.1, 1.5,
)  # fmt: skip
FULL_RUN = 1000
SQUARE_SIDES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
TOL = 1e-8


# ---------------------------------------------------------------- choosing a surface


def _surface_label(name: str) -> str:
    return SURFACES[name].label if name in SURFACES else "type your own…"


@functools.lru_cache(maxsize=128)
def _typed(text: str, half: float) -> Surface:
    # Parsing and differentiating twice costs a few milliseconds; sessions share the result.
    return typed_surface(text, window=((-half, half), (-half, half)))


def _snap(value: float, lo: float, hi: float, step: float) -> float:
    return float(np.clip(round(round(value / step) * step, 10), lo, hi))


def pick_surface(*, key: str, default: str, default_text: str = "x^2 + x*y + 2*y^2") -> Surface:
    """A catalog menu with "type your own"; bad typing keeps the last good surface.

    The typed surface's text lives under ``key + "_text"`` and its window's half-width
    under ``key + "_win"``.
    """
    name = state.selectbox(
        "Surface f(x, y)", [*SURFACES, TYPED], default, key=key, format_func=_surface_label
    )
    if name != TYPED:
        return SURFACES[name]
    text = state.text_input(
        "Your function of x and y",
        default_text,
        key=f"{key}_text",
        help="Use x, y, numbers, + − * / ^, pi, e and sin cos tan exp log sqrt abs tanh "
        "sigmoid relu and the other functions of the Calculus page.",
    )
    half = state.select_slider(
        "Window ±", WINDOWS, 3.0, key=f"{key}_win", format_func=lambda w: f"{w:g}"
    )
    good_key = f"_{key}_good"
    try:
        found = _typed(text, half)
    except ExpressionError as error:
        fallback = st.session_state.get(good_key, default_text)
        frame.problem(f"{error}. Still showing f(x, y) = {fallback}.")
        return _typed(fallback, half)
    st.session_state[good_key] = text
    return found


def point_sliders(surface: Surface, *, key: str, default: tuple[float, float]) -> np.ndarray:
    """Sliders for a point, keys ``key + "_x"`` and ``key + "_y"``.

    Their range is the same for every surface (±``REACH``): a slider whose range changed
    would be a new widget to Streamlit, which would then take its value from the old link
    instead of from a preset that just set it.
    """
    point = []
    for axis, start in zip("xy", default, strict=True):
        point.append(
            state.slider(
                f"Point {axis}",
                -REACH,
                REACH,
                _snap(start, -REACH, REACH, POINT_STEP),
                key=f"{key}_{axis}",
                step=POINT_STEP,
            )
        )
    point = np.array(point, dtype=float)
    (x0, x1), (y0, y1) = surface.window
    if not (x0 <= point[0] <= x1 and y0 <= point[1] <= y1):
        st.caption(
            f"The point is outside this surface's window [{x0:g}, {x1:g}] × [{y0:g}, {y1:g}]; "
            "click the map to bring it back."
        )
    return point


def _pick_from_click(chart_key: str, key: str, window: tuple[tuple[float, float], ...]) -> None:
    """Move the point sliders to the heatmap cell the learner clicked."""
    event = st.session_state.get(chart_key)
    chosen = (event or {}).get("selection", {}).get(charts.PICK) or []
    if not chosen:
        return
    for axis, (lo, hi) in zip("xy", window, strict=True):
        value = chosen[0].get(axis)
        if isinstance(value, int | float) and math.isfinite(value):
            st.session_state[f"{key}_{axis}"] = _snap(float(value), lo, hi, POINT_STEP)


# ---------------------------------------------------------------- drawing a surface


@dataclass(frozen=True)
class Sample:
    """A surface sampled once for drawing: cells, contour lines, gradient field."""

    cells: pd.DataFrame
    contours: pd.DataFrame
    field: pd.DataFrame
    centre: tuple[float, float]
    extent: float
    cell: float
    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray  # on the fine grid, for contours at any level

    def level_lines(self, level: float) -> list[np.ndarray]:
        """The contour lines f = level, each an (k, 2) array."""
        if not math.isfinite(level):
            return []
        generator = contourpy.contour_generator(
            self.xs, self.ys, np.ma.masked_invalid(self.z), line_type="Separate"
        )
        return [line for line in generator.lines(level) if len(line) > 1]


def _square(centre: tuple[float, float], half: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    xs = np.linspace(centre[0] - half, centre[0] + half, n)
    ys = np.linspace(centre[1] - half, centre[1] + half, n)
    return xs, ys


def _simplify(line: np.ndarray, tolerance: float) -> np.ndarray:
    """Drop vertices lying within ``tolerance`` of the chord of their neighbours.

    Two passes, each removing only every other vertex, so no two neighbours go at once and
    the line moves by less than about twice the tolerance: well under a pixel.
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


def _contours(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, levels: np.ndarray) -> pd.DataFrame:
    generator = contourpy.contour_generator(xs, ys, np.ma.masked_invalid(z), line_type="Separate")
    tolerance = 0.0015 * (xs[-1] - xs[0])
    pieces = [
        _simplify(line, tolerance)
        for level in levels
        for line in generator.lines(float(level))
        if len(line) > 1
    ]
    if not pieces:
        return pd.DataFrame(
            {"x": np.zeros(0, "f4"), "y": np.zeros(0, "f4"), "path": [], "i": []}
        ).astype({"path": "int16", "i": "int16"})
    return pd.DataFrame(
        {
            "x": np.concatenate([p[:, 0] for p in pieces]).astype("f4"),
            "y": np.concatenate([p[:, 1] for p in pieces]).astype("f4"),
            "path": np.repeat(np.arange(len(pieces), dtype="i2"), [len(p) for p in pieces]),
            "i": np.concatenate([np.arange(len(p), dtype="i2") for p in pieces]),
        }
    )


def _levels(z: np.ndarray) -> np.ndarray:
    """The edges of the colour bands: the deciles of f over the cells (none if f is flat)."""
    finite = z[np.isfinite(z)]
    if finite.size == 0 or finite.max() == finite.min():
        return np.zeros(0)
    return np.unique(np.quantile(finite, np.arange(1, charts.BANDS) / charts.BANDS))


@functools.lru_cache(maxsize=64)
def sample(surface: Surface, *, zoom: tuple[float, float, float] | None = None) -> Sample:
    """Cells, contour lines and a gradient field over the window (or a zoomed square).

    ``zoom`` = (x, y, half-width) samples a small square instead of the window. A surface
    is sampled once: the catalog is fixed and typed surfaces are cached by their text.
    """
    if zoom is None:
        (x0, x1), (y0, y1) = surface.window
        centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        extent = max(x1 - x0, y1 - y0) / 2
    else:
        centre, extent = (zoom[0], zoom[1]), zoom[2]
    half = PAD * extent
    xs, ys = _square(centre, half, CELLS)
    X, Y = np.meshgrid(xs, ys)
    z = surface(np.stack([X, Y]))
    z = np.where(np.isfinite(z), z, np.nan)
    cells = pd.DataFrame(
        {"x": X.ravel().astype("f4"), "y": Y.ravel().astype("f4"), "z": z.ravel().astype("f4")}
    )
    fine_x, fine_y = _square(centre, half, FINE)
    fine = surface(np.stack(np.meshgrid(fine_x, fine_y)))
    contours = _contours(fine_x, fine_y, fine, _levels(z))
    # The gradient field: short arrows of one length, pointing uphill.
    gx, gy = _square(centre, extent * (1 - 1 / FIELD), FIELD)
    GX, GY = np.meshgrid(gx, gy)
    grads = surface.gradient(np.stack([GX, GY]))
    grads[:, ~np.isfinite(surface(np.stack([GX, GY])))] = np.nan  # no arrow where f is undefined
    norm = np.hypot(grads[0], grads[1])
    arrow = 0.55 * (gx[1] - gx[0])
    with np.errstate(all="ignore"):
        unit = np.where(norm > 0, grads / norm, 0.0)
    largest = float(norm[np.isfinite(norm)].max(initial=0.0))
    usable = np.isfinite(unit).all(axis=0) & (norm > 1e-12 * max(1.0, largest))
    field = pd.DataFrame(
        {
            "x0": (GX - unit[0] * arrow / 2)[usable],
            "y0": (GY - unit[1] * arrow / 2)[usable],
            "x": (GX + unit[0] * arrow / 2)[usable],
            "y": (GY + unit[1] * arrow / 2)[usable],
        }
    ).astype("f4")
    return Sample(
        cells, contours, field, centre, extent, float(xs[1] - xs[0]), fine_x, fine_y, fine
    )


def _marks(rows: list[tuple[np.ndarray, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "x": np.array([p[0] for p, _ in rows], dtype=float),
            "y": np.array([p[1] for p, _ in rows], dtype=float),
            "kind": pd.Series([kind for _, kind in rows], dtype="str"),
        }
    )


def _draw_surface(
    shown: Sample,
    plane: Plane,
    marks: list[tuple[np.ndarray, str]],
    *,
    title: str,
    field: bool = True,
    pick: tuple[str, Callable[[], None]] | None = None,
) -> Callable[[], pd.DataFrame]:
    """Show the surface with the plane's overlays; return a maker of its table for the CSV."""
    overlays = plane.frames(shown.extent)
    empty_field = shown.field.iloc[:0]
    frames = (shown.cells, shown.contours, shown.field if field else empty_field, _marks(marks))
    key, callback = pick if pick else (None, None)
    frame.chart(
        charts.surface_chart,
        *frames,
        *overlays,
        key=key,
        on_select=callback,
        centre=shown.centre,
        extent=shown.extent,
        cell=shown.cell,
        title=title,
        pick=pick is not None,
    )

    def everything() -> pd.DataFrame:
        parts = [
            shown.cells.assign(**{"drawn as": "heatmap cell"}),
            frames[3].assign(**{"drawn as": "marked point"}),
            table(overlays),
        ]
        return pd.concat([p for p in parts if len(p)], ignore_index=True)

    return everything


def _critical(surface: Surface) -> list[tuple[np.ndarray, str]] | str:
    """The critical points in the window, or a sentence saying why there is no list."""
    try:
        return _find(surface)
    except mv.MultivariableError as error:
        return str(error)


@functools.lru_cache(maxsize=64)
def _find(surface: Surface) -> list[tuple[np.ndarray, str]]:
    return mv.find_critical_points(
        surface, surface.window, grad=surface.gradient, hess=surface.hessian
    )


def _dust(value: float) -> float:
    """Rounding dust (|v| < 1e-9, as f at a computed minimum) shown as 0."""
    return 0.0 if abs(value) < 1e-9 else value


def _dusted(values: np.ndarray) -> np.ndarray:
    return np.where(np.abs(values) < 1e-9, 0.0, values)


def _pt(p: np.ndarray) -> str:
    return _vec(p, 4)


# ---------------------------------------------------------------- gradient


def _slice(
    surface: Surface, point: np.ndarray, axis: int, slope: float
) -> tuple[pd.DataFrame, ...]:
    """The slice of f through the point parallel to one axis, and its tangent there."""
    lo, hi = surface.window[axis]
    t = np.linspace(lo, hi, 160)
    points = np.repeat(point[:, None], t.size, axis=1)
    points[axis] = t
    values = surface(points)
    height = float(surface(point))
    tangent = height + slope * (t - point[axis])
    span = np.nanmax(values) - np.nanmin(values) if np.isfinite(values).any() else 1.0
    keep = np.abs(tangent - height) <= max(span, 1e-9)  # the tangent stays near the curve
    lines = pd.DataFrame(
        {
            "x": np.concatenate([t, t[keep]]),
            "y": np.concatenate([values, tangent[keep]]),
            "line": ["f"] * t.size + ["tangent"] * int(keep.sum()),
        }
    )
    spot = pd.DataFrame(
        {"x": [point[axis]], "y": [height], "label": [f"slope {frame.fmt(slope, 3)}"]}
    )
    return lines, spot


def _gradient_side(
    surface: Surface, point: np.ndarray, grad: np.ndarray, angle: float, plotted: frame.Plotted
) -> None:
    """The two slices through the point with their slopes, and the slope in every direction."""
    left, middle, right = st.columns(3)
    for column, axis, name in ((left, 0, "x"), (middle, 1, "y")):
        lines, spot = _slice(surface, point, axis, float(grad[axis]))
        plotted[f"slice along {name}"] = lines
        with column:
            frame.chart(
                calculus_charts.chain_panel_chart,
                lines,
                spot,
                title=f"Along {name}, the other fixed: slope ∂f/∂{name}",
                x_title=name,
            )
    with right:
        turns = np.arange(0, 361, 3, dtype=float)
        directions = np.stack([np.cos(np.radians(turns)), np.sin(np.radians(turns))])
        curve = pd.DataFrame({"angle": turns, "slope": grad @ directions})
        u = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
        marker = pd.DataFrame(
            {
                "angle": [float(angle), math.degrees(math.atan2(grad[1], grad[0])) % 360],
                "slope": [float(grad @ u), float(np.hypot(*grad))],
                "label": ["u", "∇f"],
            }
        )
        plotted["slope by direction"] = curve
        frame.chart(charts.direction_chart, curve, marker)


def gradient_plane(
    surface: Surface, shown: Sample, point: np.ndarray, u: np.ndarray
) -> tuple[Plane, float]:
    """The gradient topic's overlays: the contour through the point, its tangent, ∇f and u.

    Returns the plane and the factor ∇f is drawn at (1, or less for a long gradient).
    """
    grad = surface.gradient(point)
    size = float(np.hypot(*grad))
    plane = Plane(centre=shown.centre)
    for line in shown.level_lines(float(surface(point))):
        # Only the contour through the point: f has the same height on other curves too.
        if np.hypot(*(line - point).T).min() <= 0.05 * shown.extent:
            plane.path("level", _simplify(line, 0.002 * shown.extent))
    reach = 0.3 * shown.extent
    scale = min(1.0, reach / size) if size > 0 else 1.0
    if size > 0:
        plane.line("level", [-grad[1], grad[0]], through=point, thin=True)
        plane.arrow("gradient", point + scale * grad, start=point, label="∇f")
    plane.arrow("iterate", point + 0.6 * reach * u, start=point, label="u")
    return plane, scale


@st.fragment
def gradient_topic() -> None:
    """Partial derivatives, the gradient, and the slope in every direction."""
    frame.intro(
        "Seen from above, a function of two variables is a landscape: colour for height, "
        "lines joining equal heights. Freeze y and walk along x, and f is an ordinary "
        "function with a slope ∂f/∂x; freeze x instead for ∂f/∂y. Together they make the "
        "gradient ∇f, an arrow that points up the steepest way and stands at right angles to "
        "the contour line. Walking in any other direction u climbs at the rate ∇f · u — "
        "largest along ∇f, zero along the contour.",
        [
            r"\nabla f = \left(\frac{\partial f}{\partial x},\ "
            r"\frac{\partial f}{\partial y}\right)",
            r"D_u f = \nabla f \cdot u = \lVert \nabla f \rVert \cos\theta",
        ],
    )
    frame.presets(
        {
            "Round bowl": {"grad_f": "bowl", "grad_x": 1.5, "grad_y": 1.0, "grad_angle": 0},
            "Narrow bowl": {"grad_f": "narrow", "grad_x": 2.0, "grad_y": 0.5, "grad_angle": 90},
            "Tilted plane": {"grad_f": "plane", "grad_x": 0.0, "grad_y": 0.0, "grad_angle": 45},
            "Top of a hill": {"grad_f": "waves", "grad_x": 1.55, "grad_y": 0.0, "grad_angle": 0},
        },
        key="grad",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        surface = pick_surface(key="grad_f", default="himmelblau")
        point = point_sliders(surface, key="grad", default=(1.0, 1.0))
        angle = state.slider(
            "Direction of u (degrees)", 0, 355, 30, key="grad_angle", step=5,
            help="u is a unit vector at this angle from the x-axis.",
        )  # fmt: skip
    plotted: frame.Plotted = {}
    with view, contextlib.suppress(frame.Halt):
        height = float(surface(point))
        grad = surface.gradient(point)
        if not (math.isfinite(height) and np.all(np.isfinite(grad))):
            frame.problem(
                f"f or its gradient is undefined at {_pt(point)}. Move the point to where "
                "the heatmap is coloured."
            )
            raise frame.Halt
        numeric = mv.gradient(surface, point)
        u = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
        slope_u = float(grad @ u)
        size = float(np.hypot(*grad))
        frame.metrics(
            [
                ("f(x, y)", frame.fmt(height, 5)),
                ("∂f/∂x", frame.fmt(float(grad[0]) + 0.0, 5)),  # + 0.0: never "−0"
                ("∂f/∂y", frame.fmt(float(grad[1]) + 0.0, 5)),
                ("‖∇f‖", frame.fmt(size, 5)),
                ("slope along u", frame.fmt(slope_u, 5)),
            ]
        )
        shown = sample(surface)
        plane, scale = gradient_plane(surface, shown, point, u)
        picked = (
            "grad_map",
            functools.partial(_pick_from_click, "grad_map", "grad", surface.window),
        )
        plotted["surface"] = _draw_surface(
            shown, plane, [(point, "point")], title=f"f(x, y) = {surface.text}", pick=picked
        )
        drawn_at = "true length" if scale == 1 else f"{frame.fmt(scale, 2)} × its length"
        st.caption(
            f"Click the map to move the point. ∇f (vermillion) is drawn at {drawn_at}; the "
            "black line is the contour through the point, the thin one its tangent. Small "
            "arrows show which way is uphill everywhere. Bands: each holds a tenth of the "
            "window, dark teal lowest."
        )
        if size == 0:
            st.info(
                "The gradient is zero here: the surface is flat at this point (a critical "
                "point), so every direction climbs at rate 0.",
                icon=":material/info:",
            )
        else:
            across = math.degrees(math.atan2(grad[1], grad[0])) % 360
            st.caption(
                f"Steepest ascent at {across:.1f}°, rate ‖∇f‖ = {frame.fmt(size, 4)}; the "
                f"difference quotient gives ({frame.fmt(float(numeric[0]), 7)}, "
                f"{frame.fmt(float(numeric[1]), 7)})."
            )
    drawn = "surface" in plotted
    if drawn:
        _gradient_side(surface, point, grad, angle, plotted)
    frame.try_this(
        [
            "Press **Round bowl**: at (1.5, 1) the gradient (3, 2) points straight away from "
            "the centre, across the circular contour, and the slope along u = x-axis is 3.",
            "Press **Tilted plane**: the gradient is (1, 2) everywhere; turn **Direction of u** "
            "to 65° and the slope is 2.24 ≈ ‖∇f‖ = √5 — the top of the wave.",
            "Press **Top of a hill**: at (1.55, 0) sin x cos y is almost at its peak, ∇f ≈ "
            "(0.02, 0), and every direction is nearly flat.",
            "Turn **Direction of u** to be perpendicular to ∇f: the slope along u is (nearly) "
            "0 — u runs along the contour.",
        ]
    )
    if drawn:
        frame.download(plotted, file_name="gradient.csv", key="grad_csv")


# ---------------------------------------------------------------- gradient descent


def _lr_label(lr: float) -> str:
    return f"{lr:g}"


SHORT_RUN = 100  # a setting is first run this far; past it, to the full run


@functools.lru_cache(maxsize=32)
def _full_runs(
    surface: Surface, start: tuple[float, float], lr: float, beta: float, horizon: int
) -> dict[str, mv.Descent]:
    return mv.compare_descent(
        surface, start, lr=lr, steps=horizon, beta=beta, grad=surface.gradient, tol=TOL
    )


def descent_runs(
    surface: Surface, start: tuple[float, float], lr: float, beta: float, steps: int
) -> dict[str, mv.Descent]:
    """The three methods after ``steps`` steps, cut from a stored run of the setting.

    A setting is run to ``SHORT_RUN`` steps, or to ``FULL_RUN`` once more are asked for;
    the step buttons and the Steps slider then only cut a stored run. Descent is
    deterministic, so the first k steps of the full run are exactly a run of k steps:
    a method that stops (arrives or diverges) by step k stops the same way in both.
    """
    if steps == 0:  # the start alone: no need to run anything
        return mv.compare_descent(surface, start, lr=lr, steps=0, beta=beta, grad=surface.gradient)
    runs = _full_runs(surface, start, lr, beta, SHORT_RUN if steps <= SHORT_RUN else FULL_RUN)
    return {method: _cut(run, steps) for method, run in runs.items()}


def _cut(run: mv.Descent, steps: int) -> mv.Descent:
    if steps > run.steps or (steps == run.steps and not run.diverged):
        return run
    # Diverging is found on the step after the last good point, which a run of k steps
    # has not tried yet; arriving is found at the last point itself.
    path, values = run.path[: steps + 1], run.values[: steps + 1]  # noqa: PD011
    return mv.Descent(run.method, path, values, converged=False, diverged=False)


def _thin_path(path: np.ndarray, shown: Sample) -> np.ndarray:
    """At most one point per 0.4 % of the view along the path, cut far outside the view.

    Every step of a zig-zag is longer than that, so its turns stay; the last point stays.
    """
    far = np.abs(path - np.asarray(shown.centre)).max(axis=1) > 4 * shown.extent
    if far.any():
        path = path[: int(np.argmax(far)) + 1]
    if len(path) <= 2:
        return path
    along = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(path, axis=0)).max(axis=1))])
    bins = np.floor(along / (0.004 * shown.extent))
    keep = np.concatenate([[True], bins[1:] != bins[:-1]])
    keep[-1] = True
    return path[keep]


def _thin_series(values: np.ndarray, limit: int = 400) -> np.ndarray:
    """At most ``limit`` indices of a series, evenly spread, the last one included."""
    if len(values) <= limit:
        return np.arange(len(values))
    return np.unique(np.linspace(0, len(values) - 1, limit).round().astype(int))


def _verdict(run: mv.Descent) -> str:
    if run.converged:
        return "arrived" if run.steps else "flat start"
    return "diverged" if run.diverged else "still moving"


def _set_steps(key: str, value: int | None = None, add: int = 0) -> None:
    current = int(st.session_state.get(key, 0))
    st.session_state[key] = int(min(FULL_RUN, value if value is not None else current + add))


def _descent_preset(name: str, start: tuple[float, float], lr: float, steps: int) -> dict:
    return {"dsc_f": name, "dsc_x": start[0], "dsc_y": start[1], "dsc_lr": lr, "dsc_k": steps}


@st.fragment
def descent_topic() -> None:
    """Plain gradient descent, momentum and Adam from one start, side by side."""
    frame.intro(
        "Gradient descent walks downhill by repeating one move: step against the gradient, "
        "a distance set by the learning rate. Too small and it crawls; too large and it "
        "overshoots the valley floor and can fly off. Momentum keeps a decaying sum of past "
        "gradients: it builds speed along a long valley, though with a large η it swings "
        "back and forth itself. "
        "Adam divides each coordinate's step by the typical size of its recent gradients, "
        "so steep and flat directions move at similar speeds.",
        [
            r"x_{k+1} = x_k - \eta\,\nabla f(x_k)",
            r"v_{k+1} = \beta v_k + \nabla f(x_k),\quad x_{k+1} = x_k - \eta\, v_{k+1}",
            r"\text{quadratic: stable only if } \eta < 2/\lambda_{\max}",
        ],
    )
    frame.presets(
        {
            "Crawl": _descent_preset("narrow", (-2.5, 1.5), 0.01, 100),
            "Zig-zag": _descent_preset("narrow", (-2.5, 1.5), 0.09, 60),
            "Too big: diverges": _descent_preset("narrow", (-2.5, 1.5), 0.105, 60),
            "Rosenbrock valley": _descent_preset("rosenbrock", (-1.5, 2.0), 0.001, FULL_RUN),
            "Four minima": _descent_preset("himmelblau", (-0.5, 0.5), 0.01, 200),
            "Saddle": _descent_preset("saddle", (-2.0, 0.01), 0.05, 60),
        },
        key="dsc",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        surface = pick_surface(key="dsc_f", default="narrow")
        start = point_sliders(surface, key="dsc", default=(-2.5, 1.5))
        lr = state.select_slider(
            "Learning rate η", LEARNING_RATES, 0.09, key="dsc_lr", format_func=_lr_label
        )
        beta = state.slider("Momentum β (Adam's β₁)", 0.0, 0.99, 0.9, key="dsc_beta", step=0.01)
        steps = state.slider("Steps taken", 0, FULL_RUN, 60, key="dsc_k")
        with st.container(horizontal=True, gap="small"):
            for add in (1, 10, 100):
                st.button(
                    f"+{add}", key=f"dsc_add_{add}", on_click=_set_steps, args=("dsc_k",),
                    kwargs={"add": add},
                )  # fmt: skip
            st.button(
                "Full run", key="dsc_full", on_click=_set_steps, args=("dsc_k", FULL_RUN),
                help=f"All {FULL_RUN} steps.",
            )  # fmt: skip
            st.button("Reset", key="dsc_reset", on_click=_set_steps, args=("dsc_k", 0))
    plotted: frame.Plotted = {}
    with view, contextlib.suppress(frame.Halt):
        g0 = surface.gradient(start)
        if not (math.isfinite(float(surface(start))) and np.all(np.isfinite(g0))):
            frame.problem(
                f"f or its gradient is undefined at the start {_pt(start)}: choose a start "
                "where the heatmap is coloured."
            )
            raise frame.Halt
        runs = descent_runs(surface, (float(start[0]), float(start[1])), lr, beta, int(steps))
        shown = sample(surface)
        _stability_note(surface, start, lr, beta, runs)
        plane = Plane(centre=shown.centre)
        for method, run in runs.items():
            path = _thin_path(run.path, shown)
            plane.path(method, path, name=method)
            if len(run.path) <= 61:
                plane.dots(method, run.path[1:])
        critical = _critical(surface)
        minima = (
            [(p, k) for p, k in critical if k == "minimum"] if isinstance(critical, list) else []
        )
        picked = ("dsc_map", functools.partial(_pick_from_click, "dsc_map", "dsc", surface.window))
        plotted["surface"] = _draw_surface(
            shown, plane, [*minima, (start, "start")],
            title="Descent paths from the white start", field=False, pick=picked,
        )  # fmt: skip
        st.caption(
            "Click the map to move the start. Plain (blue), momentum (vermillion) and Adam "
            "(orange); blue dots mark the minima."
        )
    if "surface" in plotted:
        series = _loss_series(surface, runs)
        plotted["loss"] = series
        quantity = "f − min f" if surface.lowest is not None else "‖∇f‖"
        frame.chart(charts.loss_chart, series, title=f"{quantity} (log scale)")
        st.markdown(_descent_table(runs))
    frame.try_this(
        [
            "Press **Crawl**: with η = 0.01, after 100 steps plain descent is still at "
            "x = −0.33 (f = 0.11), momentum has reached f = 0.0003, and Adam, whose steps are "
            "about η long, has only got to f = 6.6.",
            "Press **Zig-zag**: with η = 0.09 plain descent's y-error flips sign every step "
            "(× (1 − 20η) = −0.8) — the blue zig-zag — yet it reaches f = 3.4·10⁻¹⁰ in 60 "
            "steps, while momentum with β = 0.9 overshoots in wide swings (f = 0.044).",
            "Press **Too big: diverges**: η = 0.105 is above 2/λmax = 2/20 = 0.1, so each plain "
            "step multiplies the y-error by −1.1; press **Full run**: plain diverges after 155 "
            "steps, while momentum (stable up to 2(1 + β)/20 = 0.19) and Adam arrive.",
            "Press **Rosenbrock valley**: after 1000 steps plain descent is still crawling along "
            "the curved floor at (−0.66, 0.44), while momentum is at (0.99, 0.985), next to "
            "the minimum (1, 1).",
        ]
    )
    frame.download(plotted, file_name="gradient-descent.csv", key="dsc_csv")


def _loss_series(surface: Surface, runs: dict[str, mv.Descent]) -> pd.DataFrame:
    parts = []
    for method, run in runs.items():
        if surface.lowest is not None:
            values = run.values - surface.lowest  # noqa: PD011 - a Descent, not pandas
        else:
            values = np.hypot(*surface.gradient(run.path.T))
        idx = _thin_series(values)
        parts.append(
            pd.DataFrame(
                {"step": idx.astype("i4"), "value": values[idx], "method": [method] * idx.size}
            )
        )
    return pd.concat(parts, ignore_index=True).astype({"method": "str"})


def _descent_table(runs: dict[str, mv.Descent]) -> str:
    rows = ["| method | verdict | steps | f | at |", "|---|---|---|---|---|"]
    for method, run in runs.items():
        last = frame.fmt(float(run.values[-1]), 3)  # noqa: PD011 - a Descent, not pandas
        rows.append(
            f"| {method} | {_verdict(run)} | {run.steps} | {last} | {_vec(run.path[-1], 2)} |"
        )
    return "\n".join(rows)


def _stability_note(
    surface: Surface, start: np.ndarray, lr: float, beta: float, runs: dict[str, mv.Descent]
) -> None:
    """Explain a zero gradient at the start, and the learning-rate limit of a quadratic."""
    if all(run.converged and run.steps == 0 for run in runs.values()):
        kind = mv.classify_critical_point(surface, start, hess=surface.hessian)
        st.info(
            f"The gradient is zero at the start {_pt(start)}: it is a critical point "
            f"({kind}), so no method moves — descent only feels the slope. Nudge the start.",
            icon=":material/info:",
        )
    H = surface.hessian(start)
    if not np.all(np.isfinite(H)):
        return
    limit = mv.stability_limit(H)
    if not math.isfinite(limit):
        return
    top = 2 / limit
    bowl = bool(np.all(np.linalg.eigvalsh((H + H.T) / 2) > 0))
    if not surface.quadratic:
        if lr > limit:
            st.caption(
                f"Near the start the largest curvature is λmax = {frame.fmt(top, 4)}, and "
                f"η = {lr:g} is above 2/λmax = {frame.fmt(limit, 4)}, so plain descent may "
                "overshoot there; the curvature changes as it moves."
            )
        return
    if not bowl:
        st.caption(
            f"f curves down in some direction, so it has no minimum: descent runs off that "
            f"way whatever η. Across the upward-curving direction (λmax = {frame.fmt(top, 4)}) "
            f"plain steps are stable for η < {frame.fmt(limit, 4)}."
        )
    elif lr > limit:
        momentum = mv.stability_limit(H, method="momentum", beta=beta)
        st.warning(
            f"η = {lr:g} is above the limit 2/λmax = {frame.fmt(limit, 4)} (λmax = "
            f"{frame.fmt(top, 4)}, the largest curvature): each plain step multiplies the error "
            f"along that direction by 1 − ηλmax = {frame.fmt(1 - lr * top, 3)}, whose size is "
            f"over 1, so plain descent overshoots more every step. Momentum tolerates "
            f"η < 2(1 + β)/λmax = {frame.fmt(momentum, 4)}.",
            icon=":material/trending_up:",
        )
    else:
        st.caption(
            f"f is quadratic, with largest curvature λmax = {frame.fmt(top, 4)} everywhere, so "
            f"plain descent is stable for η < 2/λmax = {frame.fmt(limit, 4)}."
        )


# ---------------------------------------------------------------- Jacobian

# label: (A, b, x, activation, square side)
JACOBIAN_PRESETS = {
    "Gentle sigmoid": ([[1.5, 0.5], [-0.5, 1.5]], (0, 0), (0.5, 0.5), "sigmoid", 0.5),
    "Saturated": ([[3, 1], [-1, 3]], (0, 0), (2, 1.5), "sigmoid", 0.5),
    "ReLU switches off": ([[1, -1], [1, 1]], (0, 0), (-1, 0.5), "relu", 0.5),
    "Big square": ([[2, 1], [-1, 2]], (0, 0), (0, 0), "tanh", 2.0),
}
SECOND_LAYER = np.array([[1.0, -2.0], [0.5, 1.0]])
SECOND_BIAS = np.array([0.0, 0.5])
TARGET = np.array([1.0, 0.0])


def _jacobian_preset(A: list, b: tuple, x: tuple, activation: str, side: float) -> dict:
    return {
        **_set_matrix("jac_a", A),
        **_set_vector("jac_b", b),
        **_set_vector("jac_x", x),
        "jac_act": activation,
        "jac_s": side,
    }


@st.fragment
def jacobian_topic() -> None:
    """The Jacobian of a layer σ(Ax + b), and backpropagation as the chain rule."""
    frame.intro(
        "A layer f(x) = σ(Ax + b) turns a point of the plane into another. Near a point x "
        "it acts almost like a matrix: a small step d moves the output by about J·d, where "
        "J, the Jacobian, holds every output's gradient as a row. By the chain rule it is "
        "the matrix A with row i scaled by the activation's slope at (Ax + b)ᵢ. So a "
        "tiny square around x lands on (nearly) the parallelogram J·square, and the "
        "smaller the square, the better the match.",
        [
            r"J = \operatorname{diag}\big(\sigma'(Ax + b)\big)\,A",
            r"f(x + d) \approx f(x) + J\,d",
        ],
    )
    frame.presets(
        {label: _jacobian_preset(*row) for label, row in JACOBIAN_PRESETS.items()}, key="jac"
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        A = state.matrix_input("A", [[1.5, 0.5], [-0.5, 1.5]], key="jac_a")
        b = state.vector_input("b", (0.0, 0.0), key="jac_b")
        x = state.vector_input("x", (0.5, 0.5), key="jac_x")
        activation = state.radio(
            "Activation σ", mv.la.ACTIVATIONS, "sigmoid", key="jac_act", horizontal=True
        )
        side = state.select_slider(
            "Square side", SQUARE_SIDES, 0.5, key="jac_s", format_func=lambda s: f"{s:g}"
        )
    g = mv.layer_function(A, b, activation)
    J = mv.layer_jacobian(A, b, x, activation=activation)
    numeric = mv.jacobian(g, x)
    plotted: frame.Plotted = {}
    with view:
        worst = float(np.abs(J - numeric).max())
        frame.metrics(
            [
                ("det J (area scale)", frame.fmt(float(np.linalg.det(J)), 4)),
                ("largest |J − difference quotient|", frame.fmt(worst, 2)),
                ("f(x)", _vec(g(x), 3)),
            ]
        )
        st.latex(r"J = " + _latex_matrix(J, 4))
        st.latex(r"\text{difference quotient: }" + _latex_matrix(numeric, 4))
        corners = side / 2 * np.array([(-1, -1), (1, -1), (1, 1), (-1, 1)], dtype=float)
        edge = np.linspace(0, 1, 30)[:-1]
        outline = np.vstack(
            [c + t * (corners[(i + 1) % 4] - c) for i, c in enumerate(corners) for t in edge]
        )
        outline = np.vstack([outline, outline[:1]])
        image = g(x[:, None] + outline.T).T - g(x)
        plane = Plane(minimum=0.1)
        plane.path("before", outline, name="square around x", style="dashed")
        plane.region("after", polygon(corners @ J.T), name="J · square")
        plane.path("u", image, name="f(x + d) − f(x)")
        gap = float(np.abs(image - outline @ J.T).max())
        plotted["square"] = plane.draw(
            title="Steps d around x (grey), where f sends them (blue), J·d (orange)"
        )
        st.caption(
            f"The image of the square is at most {frame.fmt(gap, 3)} from the parallelogram: "
            f"{frame.fmt(100 * gap / side, 3)}% of the side. The gap usually shrinks like the "
            "side squared, so halving the side about halves that percentage (or quarters it "
            "where σ″ = 0, as for tanh at 0)."
        )
    _backprop(A, b, x, activation)
    frame.try_this(
        [
            "Press **Saturated**: at x = (2, 1.5) the pre-activations are 7.5 and 2.5, so σ′ "
            "is 0.0006 and 0.07 and the parallelogram flattens to a sliver — det J ≈ 0.0004. "
            "This is a vanishing gradient.",
            "Press **ReLU switches off**: Ax = (−1.5, −0.5) is negative in both rows, so J is "
            "all zeros and the whole square lands on one point.",
            "Press **Big square**, then drag **Square side** down to 0.1: the blue image "
            "straightens into the orange parallelogram.",
        ]
    )
    frame.download(plotted, file_name="jacobian.csv", key="jac_csv")


def _backprop(A: np.ndarray, b: np.ndarray, x: np.ndarray, activation: str) -> None:
    """A second layer on top and a squared-error loss: the gradient by the chain rule."""
    st.markdown("##### Backpropagation: the chain rule, layer by layer")
    h = mv.layer_function(A, b, activation)(x)
    second = mv.layer_function(SECOND_LAYER, SECOND_BIAS, "sigmoid")
    out = second(h)
    J1 = mv.layer_jacobian(A, b, x, activation=activation)
    J2 = mv.layer_jacobian(SECOND_LAYER, SECOND_BIAS, h, activation="sigmoid")
    error = out - TARGET
    delta = J2.T @ error
    grad = J1.T @ delta

    def loss(p: np.ndarray) -> np.ndarray:
        first = mv.layer_function(A, b, activation)(p)
        return 0.5 * np.sum(
            (second(first) - TARGET.reshape((2,) + (1,) * (p.ndim - 1))) ** 2, axis=0
        )

    numeric = mv.gradient(loss, x)
    st.markdown(
        f"A second layer y = σ(Bh + c) reads h = f(x) = {_vec(h)}, giving y = {_vec(out)}; the "
        f"loss is L = ½‖y − t‖² with target t = {_vec(TARGET)}. Backpropagation runs the chain "
        "rule from the loss back to x: the error y − t is multiplied by each layer's "
        "Jacobian, transposed, in reverse order."
    )
    st.latex(
        r"B = " + _latex_matrix(SECOND_LAYER) + r",\ c = " + _latex_matrix(SECOND_BIAS[:, None])
        + r",\ J_2 = " + _latex_matrix(J2, 3)
    )  # fmt: skip
    st.latex(
        r"\nabla_x L = J_1^{\top} J_2^{\top} (y - t) = J_1^{\top}"
        + _latex_matrix(delta[:, None], 4) + " = " + _latex_matrix(grad[:, None], 4)
    )  # fmt: skip
    st.caption(
        f"The difference quotient of L gives {_vec(numeric, 6)}; the chain rule "
        f"{_vec(grad, 6)}. A network with millions of weights is trained this way, one "
        "Jacobian-transpose product per layer."
    )


# ---------------------------------------------------------------- Hessian


PLURALS = {
    "minimum": "minima",
    "maximum": "maxima",
    "saddle": "saddles",
    "degenerate": "degenerate",
}


def _kind_sentence(kinds: list[str]) -> str:
    counts = {k: kinds.count(k) for k in mv.KINDS if kinds.count(k)}
    words = {"degenerate": "degenerate point", **{k: k for k in PLURALS}}
    plurals = {"degenerate": "degenerate points", **PLURALS}
    return ", ".join(f"{n} {words[k] if n == 1 else plurals[k]}" for k, n in counts.items())


@st.fragment
def hessian_topic() -> None:
    """Every critical point in the window, told apart by the Hessian's eigenvalues."""
    frame.intro(
        "Where the gradient is zero the surface is flat, but flat can be a valley floor, a "
        "hilltop or a mountain pass. The Hessian — the matrix of second derivatives — "
        "decides: near the point f looks like the quadratic below, and the signs of H's "
        "eigenvalues say how it curves along its two main directions. Both positive: a "
        "minimum. Both negative: a maximum. One of each: a saddle. A zero eigenvalue: the "
        "quadratic is flat in that direction and the test cannot tell.",
        [
            r"H = \begin{bmatrix} f_{xx} & f_{xy} \\ f_{yx} & f_{yy} \end{bmatrix}",
            r"f(p + d) \approx f(p) + \tfrac12\, d^{\top} H\, d",
            r"\det H = \lambda_1 \lambda_2, \qquad \operatorname{tr} H = \lambda_1 + \lambda_2",
        ],
    )
    frame.presets(
        {
            "Bowl": {"hes_f": "bowl", "hes_pt": 1.0},
            "Cap": {"hes_f": "cap", "hes_pt": 1.0},
            "Saddle": {"hes_f": "saddle", "hes_pt": 1.0},
            "Monkey saddle": {"hes_f": "monkey", "hes_pt": 1.0},
            "Himmelblau": {"hes_f": "himmelblau", "hes_pt": 5.0},
            "Rosenbrock": {"hes_f": "rosenbrock", "hes_pt": 1.0},
        },
        key="hes",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        surface = pick_surface(key="hes_f", default="himmelblau")
        chosen = state.number_input(
            "Critical point to look at (#)", 1, 99, 1, key="hes_pt", step=1, whole=True
        )
        radius = state.select_slider(
            "Close-up half-width", (0.1, 0.2, 0.5, 1.0, 2.0), 0.5, key="hes_r",
            format_func=lambda r: f"{r:g}",
        )  # fmt: skip
    plotted: frame.Plotted = {}
    with view, contextlib.suppress(frame.Halt):
        found = _critical(surface)
        shown = sample(surface)
        plane = Plane(centre=shown.centre)
        if isinstance(found, str):
            st.info(f"{found}. Try another surface.", icon=":material/info:")
            found = []
        elif not found:
            st.info(
                "No critical point in this window: the gradient is never zero here (a tilted "
                "plane always slopes). Widen the window or pick another surface.",
                icon=":material/info:",
            )
        for number, (p, _) in enumerate(found[:40], start=1):
            plane.label(str(number), p + np.array([0, 0.07 * shown.extent]))
        plotted["surface"] = _draw_surface(
            shown, plane, found, title=f"Critical points of {surface.text}"
        )
        st.caption(
            "Blue circles: minima · vermillion triangles: maxima · yellow diamonds: "
            "saddles · purple squares: degenerate. Small arrows point uphill."
        )
        if not found:
            raise frame.Halt
        if len(found) > 12 and all(kind == "degenerate" for _, kind in found):
            st.info(
                f"{len(found)} degenerate critical points were found: they are not isolated but "
                "fill a curve (like the floor of a trough), where H always has a zero "
                "eigenvalue.",
                icon=":material/info:",
            )
        index = min(chosen, len(found)) - 1
        if chosen > len(found):
            st.caption(f"There are {len(found)} critical points; showing #{len(found)}.")
        p, kind = found[index]
        p = _dusted(p)
        H = _dusted(surface.hessian(p))
        lam = _dusted(np.linalg.eigvalsh(H))
        frame.metrics(
            [
                (f"#{index + 1} at", _pt(p)),
                ("kind", kind),
                ("λ₁, λ₂", f"{frame.fmt(float(lam[0]), 4)}, {frame.fmt(float(lam[1]), 4)}"),
                ("det H", frame.fmt(float(np.linalg.det(H)), 4)),
                ("tr H", frame.fmt(float(np.trace(H)), 4)),
            ]
        )
    if "surface" in plotted and found:
        close, words = st.columns([1, 1], gap="large")
        with close:
            _close_up(surface, p, H, radius, plotted)
        with words:
            st.markdown(
                f"**Close-up of #{index + 1}.** The white lines are contours of f; the dashed "
                "black ones are contours of its quadratic model f(p) + ½dᵀHd at the same "
                "heights. Where they agree, the Hessian tells the whole local story; where "
                "H has a zero eigenvalue they part ways."
            )
        st.markdown(_critical_table(surface, found))
        st.caption(_kind_sentence([k for _, k in found]) + " in this window.")
    frame.try_this(
        [
            "Press **Himmelblau**: 4 minima, 1 maximum and 4 saddles. Point #5 is the maximum "
            "near (−0.271, −0.923): both eigenvalues are negative (about −45.6 and −16.1).",
            "Press **Monkey saddle**: at the origin H is all zeros — det H = 0 and tr H = 0 — "
            "so the test is silent, yet the surface rises in three directions and falls in three.",
            "Press **Saddle** and widen the close-up: f = x² − y² is its own quadratic, so the "
            "dashed and solid contours coincide everywhere.",
            "Press **Rosenbrock**: one minimum at (1, 1) with λ ≈ 0.4 and 1002 — the valley "
            "curves about 2500 times more sharply across than along, which is why descent "
            "struggles there.",
        ]
    )
    frame.download(plotted, file_name="hessian.csv", key="hes_csv")


def _close_up(
    surface: Surface, p: np.ndarray, H: np.ndarray, radius: float, plotted: frame.Plotted
) -> None:
    """The surface near p (bands, white contours) against its quadratic model (dashed)."""
    close = sample(surface, zoom=(float(p[0]), float(p[1]), radius))
    base = float(surface(p))
    X, Y = np.meshgrid(close.xs, close.ys)
    dx, dy = X - p[0], Y - p[1]
    model = base + 0.5 * (H[0, 0] * dx * dx + 2 * H[0, 1] * dx * dy + H[1, 1] * dy * dy)
    levels = _levels(close.z)
    plane = Plane(centre=(float(p[0]), float(p[1])))
    if np.ptp(model) > 0:
        generator = contourpy.contour_generator(close.xs, close.ys, model, line_type="Separate")
        tolerance = 0.0015 * (close.xs[-1] - close.xs[0])  # well under a pixel
        for level in levels:
            for line in generator.lines(float(level)):
                if len(line) > 1:
                    plane.path("level", _simplify(line, tolerance), style="dashed")
    plotted["close-up"] = _draw_surface(
        close, plane, [(p, mv.classify_hessian(H))], title="Close-up: f against its quadratic"
    )


def _critical_table(surface: Surface, found: list[tuple[np.ndarray, str]]) -> str:
    rows = ["| # | point | f | λ₁ | λ₂ | kind |", "|---|---|---|---|---|---|"]
    for number, (point, kind) in enumerate(found[:20], start=1):
        lam = _dusted(np.linalg.eigvalsh(surface.hessian(point)))
        height = frame.fmt(_dust(float(surface(point))), 4)
        rows.append(
            f"| {number} | {_vec(_dusted(point), 3)} | {height} | "
            f"{frame.fmt(float(lam[0]), 4)} | {frame.fmt(float(lam[1]), 4)} | {kind} |"
        )
    if len(found) > 20:
        rows.append(f"| … | {len(found) - 20} more | | | | |")
    return "\n".join(rows)
