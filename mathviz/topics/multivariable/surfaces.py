"""What the Multivariable topics share: a surface to pick, a point on it, and the map of it.

Every surface is drawn the same way (``draw_surface``): a heatmap of quantile bands with
their contour lines, at equal units so a right angle looks right, with the topic's
overlays on top. Clicking the map can move a point (``PointChoice.on_click``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import SURFACES, Surface, typed_surface
from mathviz.charts import multivariable as charts
from mathviz.charts import surfaces as surface_charts
from mathviz.charts.plane import Plane, table
from mathviz.expressions import ExpressionError
from mathviz.ui import cache, frame
from mathviz.ui.controls import Choice, Slider, Text
from mathviz.ui.state import projector_on

TYPED = "typed"
WINDOWS = (1.0, 2.0, 3.0, 5.0)  # half-widths offered for a typed surface
REACH = 5.0  # the point sliders span [−REACH, REACH], enough for every window
POINT_STEP = 0.05

Found = tuple[tuple[np.ndarray, str], ...]
"""Critical points as (point, kind) pairs."""


@cache.stored("typed surfaces", size=128)
def typed(text: str, half: float) -> Surface:
    """A typed formula on the window ±half, parsed and differentiated once, for every session.

    Parsing and differentiating twice costs a few milliseconds; a Surface is immutable.
    """
    return typed_surface(text, window=((-half, half), (-half, half)))


def label(name: str) -> str:
    """A catalog surface's menu label, or the typed choice's."""
    return SURFACES[name].label if name in SURFACES else "type your own…"


@dataclass(frozen=True)
class SurfaceChoice:
    """A catalog menu with "type your own"; bad typing keeps the last good surface.

    Its URL key holds the choice; ``key + "_text"`` the typed formula and ``key + "_win"``
    its window's half-width. In a preset it stands for its key.
    """

    key: str
    default: str
    default_text: str = "x^2 + x*y + 2*y^2"

    @property
    def menu(self) -> Choice[str]:
        """The menu of surfaces."""
        return Choice(self.key, "Surface f(x, y)", [*SURFACES, TYPED], self.default, label_of=label)

    @property
    def text(self) -> Text:
        """The box for a typed formula."""
        return Text(
            f"{self.key}_text",
            "Your function of x and y",
            self.default_text,
            help="Use x, y, numbers, + − * / ^, pi, e and sin cos tan exp log sqrt abs tanh "
            "sigmoid relu and the other functions of the Calculus page.",
        )

    @property
    def window(self) -> Choice[float]:
        """The typed surface's window: ± this half-width."""
        return Choice(
            f"{self.key}_win",
            "Window ±",
            WINDOWS,
            3.0,
            label_of=lambda w: f"{w:g}",
            kind="slider",
            help="f is studied on the square of x and y from −w to w; a map shows a margin "
            "around it, and the Gradient's map marks the square with a dashed line.",
        )

    def __call__(self) -> Surface:
        """Draw the menu (and the typing controls when typing); return the chosen surface."""
        name = self.menu()
        if name != TYPED:
            return SURFACES[name]
        text, half = self.text(), self.window()
        good_key = f"_{self.key}_good"
        try:
            found = typed(text, half)
        except ExpressionError as error:
            fallback = st.session_state.get(good_key, self.default_text)
            frame.problem(f"{error}. Still showing f(x, y) = {fallback}.")
            return typed(fallback, half)
        st.session_state[good_key] = text
        return found


def snap(value: float, lo: float, hi: float, step: float) -> float:
    """``value`` on the slider's grid of ``step`` within [lo, hi]."""
    return float(min(max(round(round(value / step) * step, 10), lo), hi))


@dataclass(frozen=True)
class PointChoice:
    """Sliders for a point, keys ``key + "_x"`` and ``key + "_y"``.

    Their range is the same for every surface (±``REACH``): a slider whose range changed
    would be a new widget to Streamlit, which would then take its value from the old link
    instead of from a preset that just set it.
    """

    key: str
    default: tuple[float, float]

    def _slider(self, axis: int) -> Slider[float]:
        name, start = "xy"[axis], self.default[axis]
        default = snap(start, -REACH, REACH, POINT_STEP)
        return Slider(
            f"{self.key}_{name}", f"Point {name}", -REACH, REACH, default, step=POINT_STEP
        )

    @property
    def x(self) -> Slider[float]:
        """The slider of the x coordinate."""
        return self._slider(0)

    @property
    def y(self) -> Slider[float]:
        """The slider of the y coordinate."""
        return self._slider(1)

    def __call__(self, surface: Surface) -> np.ndarray:
        """Draw the sliders; return the point, with a note when it is off the window."""
        point = np.array([self.x(), self.y()], dtype=float)
        (x0, x1), (y0, y1) = surface.window
        if not (x0 <= point[0] <= x1 and y0 <= point[1] <= y1):
            st.caption(
                f"The point is outside this surface's window [{x0:g}, {x1:g}] × "
                f"[{y0:g}, {y1:g}]; click the map to bring it back."
            )
        return point

    def on_click(self, chart_key: str, window: Sequence[Sequence[float]]) -> Callable[[], None]:
        """A callback that moves the sliders to the heatmap cell clicked in ``chart_key``."""

        def pick() -> None:
            event = st.session_state.get(chart_key)
            chosen = (event or {}).get("selection", {}).get(charts.PICK) or []
            if not chosen:
                return
            for axis, (lo, hi) in zip("xy", window, strict=True):
                value = chosen[0].get(axis)
                if isinstance(value, int | float) and math.isfinite(value):
                    st.session_state[f"{self.key}_{axis}"] = snap(float(value), lo, hi, POINT_STEP)

        return pick


sample = cache.stored("surface samples", size=64)(surface_charts.sample)
"""``charts.surfaces.sample``, each surface (and close-up) sampled once for every session."""


@cache.stored("critical points of surfaces", size=64)
def found_points(surface: Surface) -> Found:
    """Every critical point in the surface's window, found once for every session."""
    found = mv.find_critical_points(
        surface, surface.window, grad=surface.gradient, hess=surface.hessian
    )
    for point, _ in found:
        point.setflags(write=False)
    return tuple(found)


def critical_points(surface: Surface) -> Found | str:
    """The critical points in the window, or a sentence saying why there is no list."""
    try:
        return found_points(surface)
    except mv.MultivariableError as error:
        return str(error)


def draw_surface(
    shown: surface_charts.Sample,
    plane: Plane,
    marks: Sequence[tuple[Sequence[float] | np.ndarray, str]],
    *,
    title: str,
    field: bool = True,
    pick: tuple[str, Callable[[], None]] | None = None,
    moving: bool = False,
) -> Callable[[], pd.DataFrame]:
    """Show the surface with the plane's overlays; return a maker of its table for the CSV.

    ``pick`` = (chart key, callback) lets a click on the map call the callback. ``moving``:
    the view goes as data, not into the chart's spec, for a view that moves from run to
    run (a close-up), so the browser swaps the data and keeps the chart.
    """
    overlays = plane.frames(shown.extent)
    empty_field = shown.field.iloc[:0]
    marked = surface_charts.marks_frame(marks)
    frames = (shown.cells, shown.contours, shown.field if field else empty_field, marked)
    key, callback = pick if pick else (None, None)
    view = (charts.warp_view((*shown.centre, shown.extent)),) if moving else ()
    frame.chart(
        charts.surface_chart,
        *frames,
        *overlays,
        *view,
        key=key,
        on_select=callback,
        selection_mode=[charts.PICK] if pick else None,  # a drag's ring never reruns the page
        centre=(0.0, 0.0) if moving else shown.centre,
        extent=shown.extent,
        cell=shown.cell,
        title=title,
        pick=pick is not None,
        smooth=True,
    )

    def everything() -> pd.DataFrame:
        parts = [
            shown.cells.assign(**{"drawn as": "heatmap cell"}),
            marked.assign(**{"drawn as": "marked point"}),
            table(overlays),
        ]
        return pd.concat([p for p in parts if len(p)], ignore_index=True)

    return everything


def band_key(shown: surface_charts.Sample) -> np.ndarray:
    """Draw the map's colour key; return the bands' edges (shared by the 3-D view)."""
    levels = surface_charts.band_levels(shown.cells["z"])
    span = surface_charts.height_span(shown.cells["z"])
    bands = surface_charts.band_table(levels, span)
    st.html(surface_charts.band_key_html(bands, projector=projector_on(), smooth=True))
    return levels
