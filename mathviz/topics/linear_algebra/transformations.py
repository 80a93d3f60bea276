"""A 2×2 matrix moving the whole plane; the determinant as a signed area."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import LETTER_F, UNIT_CIRCLE, UNIT_SQUARE, Plane, polygon, table
from mathviz.topics.linear_algebra.common import E1, E2
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Matrix
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

SHAPES = ("letter F", "unit circle")
MATRIX_PRESETS = {
    "Rotation 30°": la.PRESETS["rotation"],
    "Shear": la.PRESETS["shear"],
    "Scaling": la.PRESETS["scaling"],
    "Reflection": la.PRESETS["reflection"],
    "Projection (singular)": la.PRESETS["projection"],
    "Zero": la.PRESETS["zero"],
}
# The linearity check's u and v, fixed so the picture stays readable.
CHECK_U, CHECK_V = np.array([1.0, 0.5]), np.array([-0.5, 1.0])

A = Matrix("tr_a", "A", ((1.5, 0.5), (0.25, 1.0)), bound=10.0)
SHAPE = Choice("tr_shape", "Shape", SHAPES, SHAPES[0], kind="horizontal")


def body() -> frame.Plotted:
    """The plane morphing from I to A, A's columns to drag; the boxes, det and rank beside it."""
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        M, shape = A(), SHAPE()
    det = la.determinant(M)
    orientation = la.orientation(M)
    rank = la.rank(M)
    points = LETTER_F if shape == "letter F" else UNIT_CIRCLE
    with view:
        scene = charts.map_scene(M, points, handles=True, bound=A.bound)
        stage.show(scene, key="tr_stage", on_release=stage.write_columns(A, {"ae1": 1, "ae2": 2}))
        st.caption(
            "**Play** to watch the plane move from I to A: grid lines stay straight, parallel "
            "and evenly spaced. Drag the tips of **Ae₁** and **Ae₂**, A's columns, to change A."
        )
    with controls:
        frame.numbers(
            [
                ("det A", fmt(det, 4)),
                ("area of the image of the square", fmt(abs(det), 4)),
                ("orientation", orientation),
                ("rank", str(rank)),
            ]
        )
        if orientation == "collapsed":
            st.info(
                "det A = 0: the plane collapses"
                + (
                    " to the single point 0 (A is the zero matrix)."
                    if rank == 0
                    else " onto a line, so the square has no area left and A has no inverse: "
                    "many points land on the same spot."
                ),
                icon=":material/info:",
            )
        elif orientation == "flipped":
            st.info(
                "det A < 0: the picture comes out mirrored — A flipped the plane over.",
                icon=":material/info:",
            )
    drawn = before_and_after(M, points)
    left, right = M @ (2 * CHECK_U - CHECK_V), 2 * (M @ CHECK_U) - M @ CHECK_V
    st.markdown(
        f"**Linearity check** with u = (1, 0.5) and v = (−0.5, 1): A(2u − v) = "
        f"{vec(left)} and 2·Au − Av = {vec(right)} — the same point, so the "
        "green arrow ends where the blue and vermillion ones do."
    )
    _, middle, _ = st.columns([1, 3, 1])
    with middle:
        stage.show(charts.linearity_scene(M, CHECK_U, CHECK_V), key="tr_check", height=300)
    check = Plane()
    check.arrow("u", 2 * (M @ CHECK_U), label="2·Au")
    check.arrow("v", right, start=2 * (M @ CHECK_U), label="−Av")
    check.arrow("w", left, label="A(2u − v)", beside=True)
    check.arrow("before", M @ CHECK_U, label="Au", beside="left")
    checked = functools.partial(table, check.frames())
    return {"before and after A": drawn, "linearity check": checked}


def before_and_after(M: np.ndarray, points: np.ndarray) -> Callable[[], pd.DataFrame]:
    """What the morph ends at, as a table for the download (not drawn)."""
    plane = Plane()
    image = la.transform(UNIT_SQUARE, M)
    plane.region("after", image)
    plane.path("before", polygon(UNIT_SQUARE), style="dashed")
    plane.path("before", points, style="dashed")
    plane.path("after", la.transform(points, M))
    plane.arrow("before", E1)
    plane.arrow("before", E2)
    plane.arrow("u", M @ E1, label="Ae₁")
    plane.arrow("v", M @ E2, label="Ae₂")
    return functools.partial(table, plane.frames())


TOPIC = Topic(
    name="transformations",
    prefix="tr",
    intro=(
        "A matrix maps the plane onto itself, keeping the origin fixed and lines straight and "
        "evenly spaced. Its columns are where e₁ and e₂ land; all else follows by linearity. "
        "The unit square "
        "lands on the parallelogram those columns span; its area, signed, is the determinant. "
        "A negative determinant means the plane was flipped over, like a mirror image; zero "
        "means it was squashed onto a line or a point."
    ),
    formulas=(
        r"A = \begin{bmatrix} a & b \\ c & d \end{bmatrix}, \quad A e_1 = "
        r"\begin{bmatrix} a \\ c \end{bmatrix}, \quad A e_2 = \begin{bmatrix} b \\ d "
        r"\end{bmatrix}",
        r"\det A = ad - bc",
        r"A(\alpha u + \beta v) = \alpha\, A u + \beta\, A v",
    ),
    presets={label: A.values(M) for label, M in MATRIX_PRESETS.items()},
    try_this=(
        "Press **Shear**: e₁ stays put, e₂ leans to (1, 1); the square becomes a "
        "parallelogram of the same area, so det A = 1.",
        "Press **Reflection** and **Play**: the square flattens and flips over as the morph "
        "passes det = 0; det A = −1 and the F comes out mirrored across the x-axis.",
        "Press **Projection (singular)**: everything falls onto the x-axis, det A = 0 and "
        "the rank drops to 1.",
        "Press **Scaling**, then drag **Ae₂** straight up to (0, 1.5): A₂₂ = 1.5 and det A = "
        "3 = 2 × 1.5, the area of the stretched square. Let go and the view reframes, so the "
        "next drag reaches further; typed entries go up to ±10.",
    ),
    body=body,
    download="transformation.csv",
)
