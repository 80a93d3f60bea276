"""Doing A and then B is the single matrix BA; the order matters."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import LETTER_F, UNIT_SQUARE, Plane, table
from mathviz.topics.linear_algebra.common import E1, E2
from mathviz.ui import frame, stage
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
    """A then B beside B then A, each played as two steps; the boxes and one entry worked out."""
    pictures = st.container()
    controls = st.columns([1, 1, 1.2], gap="medium")
    with controls[0]:
        MA = A()
    with controls[1]:
        MB = B()
    with controls[2]:
        i, j = ROW(), COLUMN()
    BA, AB = la.product(MB, MA), la.product(MA, MB)
    shape = LETTER_F
    with pictures:
        left, right = st.columns(2, gap="medium")
        with left:
            st.markdown("**A, then B: the map BA**")
            # The two panels share their handles: dragging A's column on the left moves
            # the A in the right panel's B-then-A as well, live, and the other way round.
            first = charts.map_scene(
                MA,
                shape,
                handles=True,
                bound=A.bound,
                then=MB,
                beside=(MB, AB),
                share="prod:A",
                then_from="prod:B",
            )
            stage.show(
                first,
                key="prod_stage_ba",
                height=400,
                on_release=stage.write_columns(A, {"ae1": 1, "ae2": 2}),
            )
        with right:
            st.markdown("**B, then A: the map AB**")
            second = charts.map_scene(
                MB,
                shape,
                handles=True,
                bound=B.bound,
                then=MA,
                names=("B", "A"),
                beside=(MA, BA),
                share="prod:B",
                then_from="prod:A",
            )
            stage.show(
                second,
                key="prod_stage_ab",
                height=400,
                on_release=stage.write_columns(B, {"ae1": 1, "ae2": 2}),
            )
        st.caption(
            "**Play** each: the first half applies the first matrix, the second half the "
            "other one on top of it. Same two maps, other order — compare where the F ends. "
            "Drag the tips of the thin arrows to change a matrix: **Ae₁**, **Ae₂** on the left "
            "are A's columns, **Be₁**, **Be₂** on the right are B's; the other panel, which "
            "uses the same matrix, follows as you drag."
        )
    with controls[2]:
        frame.numbers(
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
        rf"= {factor(row[0])} \cdot {factor(col[0])} + "
        rf"{factor(row[1])} \cdot {factor(col[1])} = {num(BA[i - 1, j - 1], 4)}"
    )
    st.latex(rf"BA = {latex_matrix(BA)}, \qquad AB = {latex_matrix(AB)}")
    return {"A then B": final_table(BA, "BA"), "B then A": final_table(AB, "AB")}


def final_table(M: np.ndarray, name: str) -> Callable[[], pd.DataFrame]:
    """Where the F, the square and e₁, e₂ end after the product ``M``, for the download."""
    plane = Plane()
    plane.path("before", LETTER_F, style="dashed")
    plane.region("after", la.transform(UNIT_SQUARE, M))
    plane.path("after", la.transform(LETTER_F, M))
    plane.arrow("u", M @ E1, label=f"{name}e₁")
    plane.arrow("v", M @ E2, label=f"{name}e₂")
    return functools.partial(table, plane.frames())


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
        "With the first preset press **Play** on both: shearing then rotating is not "
        "rotating then shearing — the two F's end up differently placed, and AB = BA? says no.",
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
