"""Partial derivatives, the gradient, and the slope in every direction."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import Surface
from mathviz.charts import calculus as calculus_charts
from mathviz.charts import multivariable as charts
from mathviz.charts import surfaces as surface_charts
from mathviz.charts import three_d
from mathviz.charts.plane import Plane
from mathviz.topics.multivariable.surfaces import (
    PointChoice,
    SurfaceChoice,
    band_key,
    draw_surface,
    sample,
)
from mathviz.ui import cache, frame, solid
from mathviz.ui.controls import Slider
from mathviz.ui.format import fmt, vec
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

F = SurfaceChoice("grad_f", "himmelblau")
POINT = PointChoice("grad", (1.0, 1.0))
ANGLE = Slider(
    "grad_angle",
    "Direction of u (degrees)",
    0,
    355,
    30,
    step=5,
    help="u is a unit vector at this angle from the x-axis.",
)
MAP = "grad_map"  # the surface chart's key: a click on it moves the point
SOLID = "grad_3d"  # the 3-D view's element key
TURNS = np.arange(0, 361, 3, dtype=float)  # the directions of the slope-by-direction curve
MAP_CELLS = 64  # heatmap cells per side: a finer, smoother map, still under 100 kB
ARROW = 0.45  # a typical ‖∇f‖ is drawn this share of the window's half-width long


def gradient_plane(
    surface: Surface, shown: surface_charts.Sample, point: np.ndarray, u: np.ndarray
) -> tuple[Plane, float, float]:
    """The gradient topic's overlays: the window, the contour through the point, ∇f and u.

    ∇f is drawn in proportion to ‖∇f‖: an arrow ``ARROW`` of the window's half-width long
    stands for the surface's typical slope (``mv.typical_slope`` over the window), capped so
    it stays in view; where it would be a stub the point gets a dot and "∇f ≈ 0", so the
    gradient is seen to vanish. u, a direction, keeps one length. Returns the plane, the
    length ∇f is drawn at (0 for the dot) and the typical slope.
    """
    grad = surface.gradient(point)
    _, size = mv.steepest_ascent(grad)
    plane = Plane(centre=shown.centre)
    (x0, x1), (y0, y1) = surface.window
    plane.path("guide", [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], style="dashed")
    for line in shown.contour_through(point, float(surface(point))):
        plane.path("level", line)
    reach = ARROW * shown.extent
    # The typical slope over the window itself (not the margin round it the map shows).
    inside = np.stack(np.meshgrid(np.linspace(x0, x1, 15), np.linspace(y0, y1, 15)))
    typical = mv.typical_slope(surface.gradient(inside))
    length = mv.gradient_arrow(size, typical, reach=reach)
    if size > 0:
        plane.line("level", [-grad[1], grad[0]], through=point, thin=True)
    if length > 0:
        plane.arrow("gradient", point + length * grad / size, start=point, label="∇f")
    else:
        plane.dots("gradient", point[None])
        plane.label("∇f ≈ 0", point + np.array([0.0, 0.4 * reach]), role="gradient")
    plane.arrow("iterate", point + 0.6 * reach * u, start=point, label="u")
    return plane, length, typical


def body() -> frame.Plotted:
    """Controls; the map with ∇f and u; the two slices and the slope in every direction."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        surface = F()
        point = POINT(surface)
        angle = ANGLE()
    plotted: frame.Plotted = {}
    with view:
        height = float(surface(point))
        grad = surface.gradient(point)
        if not (math.isfinite(height) and np.all(np.isfinite(grad))):
            frame.problem(
                f"f or its gradient is undefined at {vec(point, 4)}. Move the point to where "
                "the heatmap is coloured."
            )
            raise frame.Halt
        numeric = mv.gradient(surface, point)
        u = mv.direction(angle)
        slope_u = float(mv.slope_along(grad, angle))
        across, size = mv.steepest_ascent(grad)
        frame.numbers(
            [
                ("f(x, y)", fmt(height, 5)),
                ("∂f/∂x", fmt(float(grad[0]) + 0.0, 5)),  # + 0.0: never "−0"
                ("∂f/∂y", fmt(float(grad[1]) + 0.0, 5)),
                ("‖∇f‖", fmt(size, 5)),
                ("slope along u", fmt(slope_u, 5)),
            ]
        )
        shown = sample(surface, cells=MAP_CELLS)
        plane, _, typical = gradient_plane(surface, shown, point, u)
        picked = (MAP, POINT.on_click(MAP, surface.window))
        plotted["surface"] = draw_surface(
            shown, plane, [(point, "point")], title=f"f(x, y) = {surface.text}", pick=picked
        )
        levels = band_key(shown)
        st.caption(
            f"Click the map to move the point. ∇f (vermillion) points the steepest way up, "
            f"its length in proportion to ‖∇f‖: {fmt(ARROW * shown.extent, 3)} on the map "
            f"stands for ‖∇f‖ = {fmt(typical, 3)}, a typical slope of this surface (longer "
            "ones are cut at 1.6 times that). Near a critical point it shrinks to a dot, "
            "∇f ≈ 0. The black line is the contour through the point, the thin one its "
            "tangent: at right angles to ∇f. The dashed square is the window, drawn in 3-D "
            "below; small arrows show which way is uphill everywhere."
        )
        if size == 0:
            st.info(
                "The gradient is zero here: the surface is flat at this point (a critical "
                "point), so every direction climbs at rate 0.",
                icon=":material/info:",
            )
        else:
            st.caption(
                f"Steepest ascent at {across:.1f}°, rate ‖∇f‖ = {fmt(size, 4)}; the "
                f"difference quotient gives ({fmt(float(numeric[0]), 7)}, "
                f"{fmt(float(numeric[1]), 7)})."
            )
    # The 3-D view gets the page's width; the two slices that span its plane sit under it.
    plotted["3-D surface"] = _solid(surface, point, height, grad, levels)
    _slices(surface, point, grad, plotted)
    _directions(grad, angle, plotted)
    return plotted


@cache.stored("3-D surfaces over their windows", size=32)
def _window_solid(surface: Surface) -> tuple[surface_charts.Grid, tuple[dict, dict]]:
    """The surface over its window, its banded sheet and contours: once per surface.

    A move of the point then adds only the tangent plane, the slices and the point.
    """
    shown = surface_charts.window_grid(surface)
    levels = surface_charts.band_levels(sample(surface, cells=MAP_CELLS).cells["z"])
    return shown, three_d.surface_layers(shown, levels)


def _solid(
    surface: Surface, point: np.ndarray, height: float, grad: np.ndarray, levels: np.ndarray
) -> Callable[[], pd.DataFrame]:
    """The surface over its window in 3-D, with the tangent plane at the point."""
    shown, base = _window_solid(surface)
    (x0, x1), (y0, y1) = surface.window
    span = surface_charts.height_span(shown.z)
    reach = surface_charts.plane_reach(max(x1 - x0, y1 - y0) / 2, grad, span)
    plane = surface_charts.tangent_patch(point, height, grad, reach)
    scene = three_d.gradient_scene(
        shown,
        levels,
        (point[0], point[1], height),
        plane=plane,
        tangents=surface_charts.tangent_lines(point, height, grad, reach),
        slices=(
            surface_charts.slice_curve(surface, point, 0),
            surface_charts.slice_curve(surface, point, 1),
        ),
        ascent=surface_charts.ascent_line(point, height, grad, reach),
        revision=surface.text,
        projector=projector_on(),
        base=base,
    )
    solid.show(scene, key=SOLID)
    st.caption(
        "Drag to turn the surface. The green plane touches it at the point: it is spanned "
        "by the two green tangent lines, the slopes ∂f/∂x and ∂f/∂y of the slices beside "
        "(black curves). Vermillion: the steepest way up the plane, along ∇f."
    )

    def table() -> pd.DataFrame:
        X, Y = plane.points
        return pd.DataFrame({"x": X.ravel(), "y": Y.ravel(), "tangent plane": plane.z.ravel()})

    return table


def _slices(surface: Surface, point: np.ndarray, grad: np.ndarray, plotted: frame.Plotted) -> None:
    """The two slices through the point, each with its tangent line (green, as in 3-D)."""
    for column, (axis, name) in zip(st.columns(2, gap="medium"), ((0, "x"), (1, "y")), strict=True):
        slope = float(grad[axis]) + 0.0  # + 0.0: never "−0"
        lines = surface_charts.axis_slice(surface, point, axis, slope)
        spot = pd.DataFrame(
            {
                "x": [point[axis]],
                "y": [float(surface(point))],
                "label": [f"slope ∂f/∂{name} = {fmt(slope, 3)}"],
                # In the corner the curve and its tangent leave freest: no line through it.
                "corner": [calculus_charts.quiet_corner(lines["x"], lines["y"])],
            }
        )
        plotted[f"slice along {name}"] = lines
        with column:
            frame.chart(
                calculus_charts.chain_panel_chart,
                lines,
                spot,
                title=f"Along {name} ({'yx'[axis]} fixed): slope ∂f/∂{name}",
                x_title=name,
            )


def _directions(grad: np.ndarray, angle: float, plotted: frame.Plotted) -> None:
    """The slope in every direction u, with u and ∇f marked."""
    curve = pd.DataFrame({"angle": TURNS, "slope": mv.slope_along(grad, TURNS)})
    across, size = mv.steepest_ascent(grad)
    marker = pd.DataFrame(
        {
            "angle": [float(angle), across],
            "slope": [float(mv.slope_along(grad, angle)), size],
            "label": ["u", "∇f"],
        }
    )
    plotted["slope by direction"] = curve
    frame.chart(charts.direction_chart, curve, marker)


TOPIC = Topic(
    name="gradient",
    prefix="grad",
    intro=(
        "Seen from above, a function of two variables is a landscape: colour for height, "
        "lines joining equal heights. Freeze y and walk along x, and f is an ordinary "
        "function with a slope ∂f/∂x; freeze x instead for ∂f/∂y. Together they make the "
        "gradient ∇f, an arrow that points up the steepest way and stands at right angles to "
        "the contour line. Walking in any other direction u climbs at the rate ∇f · u — "
        "largest along ∇f, zero along the contour."
    ),
    formulas=(
        r"\nabla f = \left(\frac{\partial f}{\partial x},\ \frac{\partial f}{\partial y}\right)",
        r"D_u f = \nabla f \cdot u = \lVert \nabla f \rVert \cos\theta",
    ),
    presets={
        "Round bowl": {F: "bowl", POINT.x: 1.5, POINT.y: 1.0, ANGLE: 0},
        "Narrow bowl": {F: "narrow", POINT.x: 2.0, POINT.y: 0.5, ANGLE: 90},
        "Tilted plane": {F: "plane", POINT.x: 0.0, POINT.y: 0.0, ANGLE: 45},
        "Top of a hill": {F: "waves", POINT.x: 1.55, POINT.y: 0.0, ANGLE: 0},
    },
    try_this=(
        "Press **Round bowl**: at (1.5, 1) the gradient (3, 2) points straight away from "
        "the centre, across the circular contour, and the slope along u = x-axis is 3.",
        "Press **Tilted plane**: the gradient is (1, 2) everywhere; turn **Direction of u** "
        "to 65° and the slope is 2.24 ≈ ‖∇f‖ = √5 — the top of the wave.",
        "Press **Top of a hill**: at (1.55, 0) sin x cos y is almost at its peak, ∇f ≈ "
        "(0.02, 0), every direction is nearly flat, and in the 3-D view the green tangent "
        "plane lies level on the hilltop. Move **Point x** to 0 and watch it tilt.",
        "Turn **Direction of u** to be perpendicular to ∇f: the slope along u is (nearly) "
        "0 — u runs along the contour.",
    ),
    body=body,
)
