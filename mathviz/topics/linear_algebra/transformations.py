"""A 2×2 matrix moving the whole plane; the determinant as a signed area."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import LETTER_F, UNIT_CIRCLE, UNIT_SQUARE, Plane, polygon
from mathviz.topics.linear_algebra.common import E1, E2
from mathviz.ui import frame
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

A = Matrix("tr_a", "A", ((1.5, 0.5), (0.25, 1.0)))
SHAPE = Choice("tr_shape", "Shape", SHAPES, SHAPES[0], kind="horizontal")


def body() -> frame.Plotted:
    """Controls; det, area, orientation and rank; the plane before and after; linearity."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        M, shape = A(), SHAPE()
    det = la.determinant(M)
    orientation = la.orientation(M)
    rank = la.rank(M)
    with view:
        frame.metrics(
            [
                ("det A", fmt(det, 4)),
                ("area of the image of the square", fmt(abs(det), 4)),
                ("orientation", orientation),
                ("rank", str(rank)),
            ]
        )
        points = LETTER_F if shape == "letter F" else UNIT_CIRCLE
        plane = Plane()
        charts.lattice(plane, M @ E1, M @ E2, role="grid-after")
        image = la.transform(UNIT_SQUARE, M)
        plane.region("negative" if det < 0 else "positive", image)
        plane.path("before", polygon(UNIT_SQUARE), style="dashed")
        plane.path("before", points, style="dashed")
        plane.path("after", la.transform(points, M))
        plane.arrow("before", E1)
        plane.arrow("before", E2)
        plane.arrow("u", M @ E1, label="Ae₁")
        plane.arrow("v", M @ E2, label="Ae₂")
        drawn = frame.plane(plane, title="A moves the plane: grey before, orange after")
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
        left, right = M @ (2 * CHECK_U - CHECK_V), 2 * (M @ CHECK_U) - M @ CHECK_V
        check = Plane()
        check.arrow("u", 2 * (M @ CHECK_U), label="2·Au")
        check.arrow("v", right, start=2 * (M @ CHECK_U), label="−Av")
        check.arrow("w", left, label="A(2u − v)", beside=True)
        check.arrow("before", M @ CHECK_U, label="Au", beside="left")
        st.markdown(
            f"**Linearity check** with u = (1, 0.5) and v = (−0.5, 1): A(2u − v) = "
            f"{vec(left)} and 2·Au − Av = {vec(right)} — the same point, so the "
            "green arrow ends where the blue and vermillion ones do."
        )
        checked = frame.plane(check, title="A(2u − v) = 2·Au − Av")
    return {"before and after A": drawn, "linearity check": checked}


TOPIC = Topic(
    name="transformations",
    prefix="tr",
    intro=(
        "A matrix is a map of the plane that keeps the origin fixed and straight lines straight "
        "and evenly spaced. Its columns say where the basis vectors go: e₁ lands on the first "
        "column, e₂ on the second, and everything else follows by linearity. The unit square "
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
        "Press **Reflection**: det A = −1, the square turns vermillion and the F is turned "
        "upside down: mirrored across the x-axis.",
        "Press **Projection (singular)**: everything falls onto the x-axis, det A = 0 and "
        "the rank drops to 1.",
        "Press **Scaling**, then set **A₂₂** to 3: det A = 6 = 2 × 3, the area of the "
        "stretched square.",
    ),
    body=body,
    download="transformation.csv",
)
