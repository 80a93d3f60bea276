"""Doing A and then B is the single matrix BA; the order matters."""

from __future__ import annotations

import math

import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts.plane import LETTER_F, UNIT_SQUARE, Plane
from mathviz.topics.linear_algebra.common import E1, E2
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Matrix
from mathviz.ui.format import factor, fmt, latex_matrix, num
from mathviz.ui.state import SUBSCRIPTS
from mathviz.ui.topic import Topic

PRODUCT_PRESETS = {
    "Shear, then rotate 90°": ([[1, 1], [0, 1]], [[0, -1], [1, 0]]),
    "Rotations commute": (la.rotation(math.pi / 6), la.rotation(math.pi / 3)),
    "Scale, then reflect": ([[2, 0], [0, 1]], [[0, 1], [1, 0]]),
    "Project, then rotate": (la.PRESETS["projection"], la.rotation(math.pi / 4)),
}

A = Matrix("prod_a", "A (first)", ((1.0, 1.0), (0.0, 1.0)))
B = Matrix("prod_b", "B (second)", ((0.0, -1.0), (1.0, 0.0)))
ROW = Choice("prod_i", "Entry row i", (1, 2), 1, kind="horizontal")
COLUMN = Choice("prod_j", "Entry column j", (1, 2), 1, kind="horizontal")


def body() -> frame.Plotted:
    """Controls; one entry of BA worked out; BA and AB; the F after each order."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        MA, MB, i, j = A(), B(), ROW(), COLUMN()
    BA, AB = la.product(MB, MA), la.product(MA, MB)
    with view:
        frame.metrics(
            [
                (f"(BA){SUBSCRIPTS[i]}{SUBSCRIPTS[j]}", fmt(BA[i - 1, j - 1], 4)),
                ("det(BA) = det B · det A", fmt(la.determinant(BA), 4)),
                ("AB = BA?", "yes" if la.commute(MA, MB) else "no"),
            ]
        )
        row, col = MB[i - 1], MA[:, j - 1]
        st.latex(
            rf"(BA)_{{{i}{j}}} = \underbrace{{\begin{{bmatrix}} {num(row[0])} & {num(row[1])}"
            rf" \end{{bmatrix}}}}_{{\text{{row {i} of }} B}}"
            rf"\underbrace{{\begin{{bmatrix}} {num(col[0])} \\ {num(col[1])} \end{{bmatrix}}}}"
            rf"_{{\text{{column {j} of }} A}}"
        )
        st.latex(
            rf"= {factor(row[0])} \cdot {factor(col[0])} + "
            rf"{factor(row[1])} \cdot {factor(col[1])} = {num(BA[i - 1, j - 1], 4)}"
        )
        st.latex(rf"BA = {latex_matrix(BA)}")
        st.latex(rf"AB = {latex_matrix(AB)}")
        first, second = Plane(), Plane()
        for plane, M, name in ((first, BA, "BA"), (second, AB, "AB")):
            plane.path("before", LETTER_F, style="dashed")
            plane.region(
                "negative" if la.determinant(M) < 0 else "positive", la.transform(UNIT_SQUARE, M)
            )
            plane.path("w", la.transform(LETTER_F, M))
            plane.arrow("u", M @ E1, label=f"{name}e₁")
            plane.arrow("v", M @ E2, label=f"{name}e₂")
        extent = Plane.common_extent([first, second])
        drawn_ba = frame.plane(first, title="A, then B: BA", extent=extent)
        drawn_ab = frame.plane(second, title="B, then A: AB", extent=extent)
    return {"A then B": drawn_ba, "B then A": drawn_ab}


TOPIC = Topic(
    name="matrix-product",
    prefix="prod",
    intro=(
        "Apply A to a vector, then B to the result: the combined map is one matrix, the "
        "product BA (read right to left, the order the maps act in). Each entry of BA is a row "
        "of B times a column of A. Swapping the order usually gives a different map, so AB and "
        "BA differ; rotations of the plane are among the few pairs that commute. Areas "
        "multiply: det(BA) = det B · det A."
    ),
    formulas=(
        r"(BA)\,x = B\,(A\,x)",
        r"(BA)_{ij} = \sum_k B_{ik} A_{kj}",
        r"\det(BA) = \det B \cdot \det A",
    ),
    presets={
        label: {**A.values(MA), **B.values(MB)} for label, (MA, MB) in PRODUCT_PRESETS.items()
    },
    try_this=(
        "With the first preset the two F's end up differently placed: shearing then "
        "rotating is not rotating then shearing, and AB = BA? says no.",
        "Press **Rotations commute**: 30° then 60° equals 60° then 30° — both panels show a "
        "quarter turn and the metric says yes.",
        "Set **Entry row i** to 2 and **Entry column j** to 1 and check the sum under the "
        "braces by hand.",
        "Press **Project, then rotate**: det A = 0, so det(BA) = 0 whatever B is: once "
        "squashed flat, no later map can restore the area.",
    ),
    body=body,
    download="matrix-product.csv",
)
