"""Directions a matrix keeps, what happens when there are none, and power iteration."""

from __future__ import annotations

import functools
import math

import numpy as np
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import UNIT_CIRCLE, Plane, table
from mathviz.ui import frame, stage
from mathviz.ui.controls import Matrix, Slider
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

EIGEN_PRESETS = {
    "Symmetric": [[2.0, 1.0], [1.0, 2.0]],
    "Slow: λ₂/λ₁ = 0.9": [[0.95, 0.05], [0.05, 0.95]],
    "Rotation (complex)": la.PRESETS["rotation"],
    "Shear (defective)": la.PRESETS["shear"],
    "Reflection (|λ₁| = |λ₂|)": la.PRESETS["reflection"],
    "Zero": la.PRESETS["zero"],
}

A = Matrix("eig_a", "A", ((2.0, 1.0), (1.0, 2.0)))
START = Slider(
    "eig_start",
    "Direction of v (degrees)",
    0,
    355,
    100,
    step=5,
    help="Or turn v in the picture. Power iteration starts from it: v₀ = v.",
)
STEPS = Slider("eig_steps", "Power-iteration steps k", 0, 40, 8)


def eigen_text(lam: complex) -> str:
    """An eigenvalue for a metric: a real number, or a ± bi."""
    if lam.imag == 0:
        return fmt(lam.real, 4)
    sign = "+" if lam.imag > 0 else "−"
    return f"{fmt(lam.real, 3)} {sign} {fmt(abs(lam.imag), 3)}i"


def body() -> frame.Plotted:
    """The circle and its image with v to turn; the eigenvalues; then power iteration from v."""
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        M, start, steps = A(), START(), STEPS()
    e = la.eigen(M)
    lams = e.values
    plotted: frame.Plotted = {}
    with view:
        scene = charts.eigen_scene(M, e, start)
        stage.show(
            scene,
            key="eig_stage",
            on_release=stage.write_angle(START, "v", (0.0, 0.0), period=360),
        )
        cut = charts.eigen_view(M)[1]
        st.caption(
            "Drag **v** round the circle: the orange arrow A·v follows. Where A·v lands on "
            "v's own line (faint blue), v is an eigenvector — the green eigenlines: the angle "
            "between v and Av reads 0° (or 180°, a flip), and vᵀAv is then its λ."
            + (
                " The view keeps the circle big, so the longest images run past its edge: a "
                "double arrowhead marks an arrow that goes on."
                if cut
                else ""
            )
        )
    with controls:
        frame.numbers(
            [
                ("λ₁", eigen_text(lams[0])),
                ("λ₂", eigen_text(lams[1])),
                ("kind", e.kind),
                ("λ₁ + λ₂ = tr A", fmt(la.trace(M), 4)),
                ("λ₁ · λ₂ = det A", fmt(la.determinant(M), 4)),
            ]
        )
    st.info(story(e, M), icon=":material/info:")
    keep = Plane()
    keep.path("before", UNIT_CIRCLE)
    keep.path("after", la.transform(UNIT_CIRCLE, M))
    for n in range(1 if e.kind == "defective" else 2 if e.kind == "distinct real" else 0):
        vector, lam = e.vectors[:, n].real, lams[n].real
        keep.line("eigen", vector, label=f"λ = {fmt(lam, 3)}")
        keep.arrow("after", lam * vector)
        keep.arrow("u" if n == 0 else "v", vector)
    v0 = la.direction(math.radians(start))
    keep.arrow("iterate", v0, label="v₀")
    keep.arrow("iterate", M @ v0, label="Av₀")
    plotted["what A keeps"] = functools.partial(table, keep.frames())
    plotted.update(power_iteration(M, e, v0, steps))
    return plotted


def power_iteration(M: np.ndarray, e: la.Eigen, v0: np.ndarray, steps: int) -> frame.Plotted:
    """Draw the iterates on the circle and, when they converge, how fast; return the data."""
    plotted: frame.Plotted = {}
    try:
        iterates = la.power_iteration(M, v0, steps)
    except la.LinearAlgebraError as error:
        iterates, vanished = None, str(error)
    dominant = e.dominant if iterates is not None else None
    st.markdown(f"**Power iteration from v₀ = v**, {steps} steps")
    left, right = st.columns(2, gap="medium")
    with left:
        stage.show(charts.power_scene(iterates, dominant), key="eig_stage_power", height=360)
        if iterates is not None:
            plotted["power iteration"] = charts.iterate_table(iterates)
        if steps > 0:
            st.caption("**Play** multiplies by A one step at a time: watch the fan close in.")
    if iterates is None:
        st.warning(
            f"{vanished[0].upper()}{vanished[1:]}. A squashes v₀ to the zero vector, which has "
            "no direction, so power iteration stops.",
            icon=":material/warning:",
        )
    elif steps > 0 and (run := la.convergence(M, iterates)) is not None:
        curves = charts.convergence_steps(run.angles, run.predicted)
        with right:
            st.markdown("**How fast the iterates reach the eigenline** (log scale)")
            frame.chart(charts.convergence_chart, curves)
        plotted["convergence"] = curves
    return plotted


def story(e: la.Eigen, M: np.ndarray) -> str:
    """What the eigenvalues say about A and about power iteration, in words."""
    lams = e.values
    lam = lams[0]
    if e.kind == "complex":
        return (
            f"Complex eigenvalues {eigen_text(lam)} and its conjugate: no real vector stays on "
            "its line. A turns every direction and scales areas by |λ|² = det A = "
            f"{fmt(abs(lam) ** 2, 4)}, so power iteration never settles; it keeps circling."
        )
    if e.kind in {"defective", "repeated, diagonalisable"}:
        return repeated_story(e, M)
    if e.tied:
        return (
            "Two eigenvalues of equal size and opposite sign: neither dominates, so power "
            "iteration bounces between two directions instead of settling."
        )
    return (
        f"Two eigenlines (green). The larger |λ| = {fmt(max(abs(lams)), 4)} wins: power "
        "iteration turns any start that is not exactly on the other eigenline towards it."
    )


def repeated_story(e: la.Eigen, M: np.ndarray) -> str:
    """What a repeated eigenvalue means: one eigenline (defective) or all of them (λI)."""
    lam = e.values[0]
    if e.kind == "defective":
        if lam.real == 0:
            return (
                "One repeated eigenvalue λ = 0 with one eigenline: A is nilpotent (A² = 0). It "
                "sends every vector onto that line in one step and to zero in the next, so "
                "power iteration stops."
            )
        return (
            f"One repeated eigenvalue λ = {fmt(lam.real, 4)} with only one eigenline: A is "
            "defective — in a suitable basis it is λ times a shear — and there is no basis of "
            "eigenvectors. Power iteration still drifts onto that line, but slowly (the angle "
            "falls like 1/k), not geometrically."
        )
    # λ·I: every direction is kept
    if la.rank(M) == 0:
        return (
            "The zero matrix sends everything to 0: λ = 0 twice, every vector counts as an "
            "eigenvector, and power iteration has nothing to normalise."
        )
    return (
        f"A = {fmt(lam.real, 4)}·I scales every vector by the same factor: every direction "
        "is an eigenline, so power iteration stays on the line it starts on"
        + (" (flipping each step)." if lam.real < 0 else ".")
    )


TOPIC = Topic(
    name="eigen",
    prefix="eig",
    intro=(
        "Most vectors change direction under a matrix. An eigenvector only stretches, "
        "shrinks or flips along its own line, by a factor λ, its eigenvalue. A rotation keeps "
        "no real direction: its eigenvalues are complex. A shear keeps just one line and "
        "cannot be written as pure stretching (it is *defective*). Multiplying any vector by "
        "A again and again turns it towards the eigenline with the largest |λ| — power "
        "iteration, the idea behind PageRank — as long as one eigenvalue is strictly largest."
    ),
    formulas=(
        r"A v = \lambda v, \qquad \lambda^2 - (\operatorname{tr} A)\,\lambda + \det A = 0",
        r"v_{k+1} = \frac{A v_k}{\|A v_k\|}",
    ),
    presets={label: A.values(M) for label, M in EIGEN_PRESETS.items()},
    try_this=(
        "With **Symmetric** the eigenlines are the diagonals, λ = 3 and 1: an arrow on a "
        "diagonal stays on it, and every other arrow turns towards y = x. Power iteration "
        "is about 0.01° from it after 8 steps; move **Power-iteration steps k** to 11 to "
        "get within 0.001°.",
        "Press **Slow: λ₂/λ₁ = 0.9** and move **Power-iteration steps k** to 40: the "
        "iterates creep — still 26° off after 10 steps and 1.2° after 40; once small, the "
        "angle shrinks by only about 10% a step, the slope of the dashed guide.",
        "Press **Rotation (complex)**: no line survives, λ = 0.866 ± 0.5i, and the iterates "
        "walk round the circle 30° at a time.",
        "Press **Shear (defective)**: one eigenvalue 1 with one eigenline, the x-axis; "
        "the iterates reach it only slowly, like 1/k.",
    ),
    body=body,
)
