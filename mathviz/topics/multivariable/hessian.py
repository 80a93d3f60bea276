"""Every critical point in the window, told apart by the Hessian's eigenvalues."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import Surface
from mathviz.charts import surfaces as surface_charts
from mathviz.charts.plane import Plane
from mathviz.topics.multivariable.surfaces import (
    Found,
    SurfaceChoice,
    critical_points,
    draw_surface,
    sample,
)
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Number
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

LABELLED = 40  # critical points numbered on the map
LISTED = 20  # critical points in the table
PLURALS = {
    "minimum": "minima",
    "maximum": "maxima",
    "saddle": "saddles",
    "degenerate": "degenerate",
}

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
        shown = sample(surface)
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
        frame.metrics(
            [
                (f"#{index + 1} at", vec(p, 4)),
                ("kind", kind),
                ("λ₁, λ₂", f"{fmt(float(lam[0]), 4)}, {fmt(float(lam[1]), 4)}"),
                ("det H", fmt(det, 4)),
                ("tr H", fmt(trace, 4)),
            ]
        )
    close, words = st.columns([1, 1], gap="large")
    with close:
        plotted["close-up"] = _close_up(surface, p, H, radius)
    with words:
        st.markdown(
            f"**Close-up of #{index + 1}.** The white lines are contours of f; the dashed "
            "black ones are contours of its quadratic model f(p) + ½dᵀHd at the same "
            "heights. Where they agree, the Hessian tells the whole local story; where "
            "H has a zero eigenvalue they part ways."
        )
    st.markdown(_critical_table(surface, found))
    st.caption(_kind_sentence([k for _, k in found]) + " in this window.")
    return plotted


def _close_up(
    surface: Surface, p: np.ndarray, H: np.ndarray, radius: float
) -> Callable[[], pd.DataFrame]:
    """The surface near p (bands, white contours) against its quadratic model (dashed)."""
    close = sample(surface, zoom=(float(p[0]), float(p[1]), radius))
    model = mv.quadratic_model(p, float(surface(p)), H, close.points)
    plane = Plane(centre=(float(p[0]), float(p[1])))
    levels = surface_charts.band_levels(close.z)
    for line in surface_charts.level_curves(close.xs, close.ys, model, levels):
        plane.path("level", line, style="dashed")
    return draw_surface(
        close, plane, [(p, mv.classify_hessian(H))], title="Close-up: f against its quadratic"
    )


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
    counts = {k: kinds.count(k) for k in mv.KINDS if kinds.count(k)}
    words = {"degenerate": "degenerate point", **{k: k for k in PLURALS}}
    plurals = {"degenerate": "degenerate points", **PLURALS}
    return ", ".join(f"{n} {words[k] if n == 1 else plurals[k]}" for k, n in counts.items())


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
        "so the test is silent, yet the surface rises in three directions and falls in three.",
        "Press **Saddle** and widen the close-up: f = x² − y² is its own quadratic, so the "
        "dashed and solid contours coincide everywhere.",
        "Press **Rosenbrock**: one minimum at (1, 1) with λ ≈ 0.4 and 1002 — the valley "
        "curves about 2500 times more sharply across than along, which is why descent "
        "struggles there.",
    ),
    body=body,
)
