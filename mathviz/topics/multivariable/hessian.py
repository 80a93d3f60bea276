"""Every critical point in the window, told apart by the Hessian's eigenvalues."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import Surface
from mathviz.charts import surfaces as surface_charts
from mathviz.charts import three_d
from mathviz.charts.plane import Plane
from mathviz.topics.multivariable.surfaces import (
    Found,
    SurfaceChoice,
    band_key,
    critical_points,
    draw_surface,
    sample,
)
from mathviz.ui import cache, frame, solid
from mathviz.ui.controls import Choice, Number
from mathviz.ui.format import fmt, vec
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

LABELLED = 40  # critical points numbered on the map
MAP_CELLS = 64  # heatmap cells per side on the map: finer than the other maps, under 100 kB
LISTED = 20  # critical points in the table
SINGULARS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "saddle": "saddle",
    "degenerate": "degenerate point",
}
PLURALS = {
    "minimum": "minima",
    "maximum": "maxima",
    "saddle": "saddles",
    "degenerate": "degenerate points",
}
SUBSCRIPT = {1: "₁", 2: "₂"}
SOLID = "hes_3d"  # the 3-D view's element key
# On a phone the table's type and padding shrink so every column fits; if one still does
# not, the table scrolls sideways instead of cutting it.
TABLE_STYLE = (
    "<style>.st-key-hes_table table{display:block;overflow-x:auto;max-width:100%}"
    ".st-key-hes_table td,.st-key-hes_table th{white-space:nowrap}"
    "@media (max-width:640px){.st-key-hes_table table{font-size:0.78em}"
    ".st-key-hes_table td,.st-key-hes_table th{padding:0.25rem 0.3rem}}</style>"
)

F = SurfaceChoice("hes_f", "himmelblau")
CHOSEN = Number("hes_pt", "Critical point to look at (#)", 1, 99, 1, step=1, whole=True)
RADIUS = Choice(
    "hes_r",
    "Close-up half-width",
    (0.1, 0.2, 0.5, 1.0, 2.0),
    0.5,
    label_of=lambda r: f"{r:g}",
    kind="slider",
)


def body() -> frame.Plotted:
    """Controls; the critical points on the map; the chosen one up close; the table."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        surface = F()
        chosen, radius = int(CHOSEN()), RADIUS()
    plotted: frame.Plotted = {}
    with view:
        found = critical_points(surface)
        shown = sample(surface, cells=MAP_CELLS)
        plane = Plane(centre=shown.centre)
        if isinstance(found, str):
            st.info(f"{found}. Try another surface.", icon=":material/info:")
            found = ()
        elif not found:
            st.info(
                "No critical point in this window: the gradient is never zero here (a tilted "
                "plane always slopes). Widen the window or pick another surface.",
                icon=":material/info:",
            )
        for number, (p, _) in enumerate(found[:LABELLED], start=1):
            plane.label(str(number), (p[0] + 0.0, p[1] + 0.07 * shown.extent))
        plotted["surface"] = draw_surface(
            shown, plane, found, title=f"Critical points of {surface.text}"
        )
        band_key(shown)
        st.caption(
            "Blue circles: minima · vermillion triangles: maxima · yellow diamonds: "
            "saddles · purple squares: degenerate. Small arrows point uphill."
        )
        if not found:
            return plotted
        if mv.critical_curve([kind for _, kind in found]):
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
        p = mv.without_dust(p)
        H = mv.without_dust(surface.hessian(p))
        lam, det, trace = mv.hessian_summary(H)
        frame.numbers(
            [
                (f"#{index + 1} at", vec(p, 4)),
                ("kind", kind),
                ("λ₁, λ₂", f"{fmt(float(lam[0]), 4)}, {fmt(float(lam[1]), 4)}"),
                ("det H", fmt(det, 4)),
                ("tr H", fmt(trace, 4)),
            ]
        )
    close = sample(surface, zoom=(float(p[0]), float(p[1]), radius))
    flat, solid = st.columns([1, 1.15], gap="medium")
    with flat:
        plotted["close-up"] = _close_up(surface, close, p, H)
    with solid:
        plotted["3-D close-up"] = _solid(surface, close, p, kind=kind)
    st.markdown(
        f"**Close-up of #{index + 1}.** Left, from above: the white lines are contours of f, "
        "the dashed grey ones contours of its quadratic model f(p) + ½dᵀHd at the same "
        "heights, and the two lines through the point are H's eigenvectors, the principal "
        "axes. Right, in 3-D (drag to turn): f against the model as a grey net, with the "
        "model's parabola ½λt² along each axis — blue bends up (λ > 0), vermillion down "
        "(λ < 0), purple flat (λ = 0). Where f and the model agree, H tells the local story."
    )
    if note := _flat_note(lam):
        st.info(note, icon=":material/info:")
    with st.container(key="hes_table"):
        st.html(TABLE_STYLE)
        st.markdown(_critical_table(surface, found))
    st.caption(_kind_sentence([k for _, k in found]) + " in this window.")
    return plotted


def _axis_role(lam: float) -> str:
    """The plane's role (colour) of a principal axis: blue up, vermillion down, purple flat."""
    return "positive" if lam > 0 else ("negative" if lam < 0 else "iterate")


def _close_up(
    surface: Surface, close: surface_charts.Sample, p: np.ndarray, H: np.ndarray
) -> Callable[[], pd.DataFrame]:
    """The surface near p (bands, white contours) against its model (grey dashed), with axes."""
    model = mv.quadratic_model(p, float(surface(p)), H, close.points)
    plane = Plane(centre=(float(p[0]), float(p[1])))
    levels = surface_charts.band_levels(close.z)
    for line in surface_charts.level_curves(close.xs, close.ys, model, levels):
        plane.path("guide", line, style="dashed")
    lams, vecs = mv.principal_axes(H)
    for number, (lam, v) in enumerate(zip(lams, vecs.T, strict=True), start=1):
        plane.line(
            _axis_role(float(lam)),
            v,
            through=p,
            label=f"λ{SUBSCRIPT[number]} = {fmt(float(lam), 4)}",
            # As in the 3-D view beside it: axis 2 dashed, so two of one colour differ.
            style="dashed" if number == 2 else "solid",
        )
    return draw_surface(
        close,
        plane,
        [(p, mv.classify_hessian(H))],
        title="Close-up: f against its quadratic model",
        field=False,
        moving=True,
    )


@cache.stored("3-D close-ups", size=64)
def _close_scene(
    surface: Surface, at: tuple[float, float], radius: float, kind: str, projector: bool
) -> tuple[three_d.Scene, surface_charts.Grid, surface_charts.Grid]:
    """The close-up's 3-D scene, its grid of f and its model: once per critical point.

    Everything in it follows from the surface and the point, so stepping back and forth
    between the points costs no rebuild and no rounding of its heights.
    """
    p = np.array(at)
    H = mv.without_dust(surface.hessian(p))
    square = ((p[0] - radius, p[0] + radius), (p[1] - radius, p[1] + radius))
    shown = surface_charts.window_grid(surface, square, n=41)
    close = sample(surface, zoom=(at[0], at[1], radius))
    value = float(surface(p))
    model = surface_charts.model_patch(p, value, H, radius)
    scene = three_d.hessian_scene(
        shown,
        surface_charts.band_levels(close.z),
        (p[0], p[1], value),
        kind,
        model=model,
        axes=surface_charts.principal_curves(p, value, H, radius),
        revision=f"{surface.text} {p.tolist()} {radius}",
        projector=projector,
    )
    return scene, shown, model


def _solid(
    surface: Surface,
    close: surface_charts.Sample,
    p: np.ndarray,
    *,
    kind: str,
) -> Callable[[], pd.DataFrame]:
    """The surface near p in 3-D (the close-up's square), its model as a sheet, its axes."""
    at = (float(p[0]), float(p[1]))
    scene, shown, model = _close_scene(surface, at, close.extent, kind, projector_on())
    solid.show(scene, key=SOLID)

    def table() -> pd.DataFrame:
        X, Y = model.points
        return pd.DataFrame(
            {
                "x": X.ravel(),
                "y": Y.ravel(),
                "f": shown.z.ravel() if shown.z.shape == model.z.shape else np.nan,
                "quadratic model": model.z.ravel(),
            }
        )

    return table


def _flat_note(lam: np.ndarray) -> str | None:
    """Why the model is flat (H = 0) or flat along one axis (a zero eigenvalue), or None."""
    zero = int(np.sum(lam == 0))
    if zero == 2:
        return (
            "H = 0 here, so the quadratic model f(p) + ½dᵀHd is the flat plane z = f(p): it "
            "has no contour lines to draw and no parabola to bend. Whatever shape f has at "
            "this point comes from terms of third order or higher, which the Hessian cannot "
            "see — so the test is silent."
        )
    if zero == 1:
        return (
            "One eigenvalue is 0: along that axis the model is flat (the purple line), so "
            "it cannot say whether f rises or falls that way — the test cannot tell."
        )
    return None


def _critical_table(surface: Surface, found: Found) -> str:
    rows = ["| # | point | f | λ₁ | λ₂ | kind |", "|---|---|---|---|---|---|"]
    for number, (point, kind) in enumerate(found[:LISTED], start=1):
        lam, _, _ = mv.hessian_summary(surface.hessian(point))
        height = fmt(float(mv.without_dust(surface(point))), 4)
        rows.append(
            f"| {number} | {vec(mv.without_dust(point), 3)} | {height} | "
            f"{fmt(float(lam[0]), 4)} | {fmt(float(lam[1]), 4)} | {kind} |"
        )
    if len(found) > LISTED:
        rows.append(f"| … | {len(found) - LISTED} more | | | | |")
    return "\n".join(rows)


def _kind_sentence(kinds: list[str]) -> str:
    """How many of each kind, in words: "4 minima, 1 maximum, 1 degenerate point"."""
    counts = {k: kinds.count(k) for k in mv.KINDS if kinds.count(k)}
    return ", ".join(f"{n} {SINGULARS[k] if n == 1 else PLURALS[k]}" for k, n in counts.items())


TOPIC = Topic(
    name="hessian",
    prefix="hes",
    intro=(
        "Where the gradient is zero the surface is flat, but flat can be a valley floor, a "
        "hilltop or a mountain pass. The Hessian — the matrix of second derivatives — "
        "decides: near the point f looks like the quadratic below, and the signs of H's "
        "eigenvalues say how it curves along its two main directions. Both positive: a "
        "minimum. Both negative: a maximum. One of each: a saddle. A zero eigenvalue: the "
        "quadratic is flat in that direction and the test cannot tell."
    ),
    formulas=(
        r"H = \begin{bmatrix} f_{xx} & f_{xy} \\ f_{yx} & f_{yy} \end{bmatrix}",
        r"f(p + d) \approx f(p) + \tfrac12\, d^{\top} H\, d",
        r"\det H = \lambda_1 \lambda_2, \qquad \operatorname{tr} H = \lambda_1 + \lambda_2",
    ),
    presets={
        "Bowl": {F: "bowl", CHOSEN: 1.0},
        "Cap": {F: "cap", CHOSEN: 1.0},
        "Saddle": {F: "saddle", CHOSEN: 1.0},
        "Monkey saddle": {F: "monkey", CHOSEN: 1.0},
        "Himmelblau": {F: "himmelblau", CHOSEN: 5.0},
        "Rosenbrock": {F: "rosenbrock", CHOSEN: 1.0},
    },
    try_this=(
        "Press **Himmelblau**: 4 minima, 1 maximum and 4 saddles. Point #5 is the maximum "
        "near (−0.271, −0.923): both eigenvalues are negative (about −45.6 and −16.1).",
        "Press **Monkey saddle**: at the origin H is all zeros — det H = 0 and tr H = 0 — "
        "so the test is silent and the grey net in 3-D lies flat, yet the surface rises in three "
        "directions and falls in three.",
        "Press **Saddle** and widen the close-up: f = x² − y² is its own quadratic, so the "
        "dashed and solid contours coincide everywhere, and the grey net lies on the surface.",
        "Press **Rosenbrock**: one minimum at (1, 1) with λ ≈ 0.4 and 1002 — the valley "
        "curves about 2500 times more sharply across than along, which is why descent "
        "struggles there.",
    ),
    body=body,
)
