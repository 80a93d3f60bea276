"""Coordinates of a vector in a basis of your choice."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.ui import frame, stage
from mathviz.ui.controls import Vector
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

B1 = Vector("basis_b1", "b₁", (1.5, 0.5))
B2 = Vector("basis_b2", "b₂", (-0.5, 1.0))
V = Vector("basis_v", "v", (2.0, 2.0))
ROTATED = la.rotation(math.pi / 6)  # the columns of a rotation: an orthonormal basis


def body() -> frame.Plotted:
    """The plane to drag b₁, b₂ and v on; beside it the boxes and v's coordinates."""
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        b1, b2, v = B1(), B2(), V()
    basis = np.column_stack([b1, b2])
    rank = la.rank(basis)
    c = None
    problem = None
    if rank == 0:
        problem = (
            "b₁ and b₂ are both zero, so they are not a basis: their only combination is "
            "the origin. Give them directions."
        )
    elif rank == 1:
        problem = (
            "b₁ and b₂ lie on one line (or one is zero), so they are not a basis: their "
            "combinations reach only that line, and most vectors v have no coordinates. "
            "Turn one of them off the other's line."
        )
    else:
        try:
            c = la.coordinates(v, basis)
        except la.LinearAlgebraError as error:
            problem = f"{str(error)[0].upper()}{str(error)[1:]}. Make b₁ and b₂ longer."
    with view:
        scene = charts.basis_scene(b1, b2, v, is_basis=c is not None, bound=B1.bound)
        stage.show(
            scene, key="basis_stage", on_release=stage.write_to({"b1": B1, "b2": B2, "v": V})
        )
        st.caption(
            "Drag **b₁**, **b₂** or **v**: the grid leans with the basis, and the dashed "
            "arrows count how many b₁ and b₂ it takes to reach v. **Play** leans the square "
            "grid into the basis's: v stays where it is, only its coordinates change."
        )
    with controls:
        if c is None:
            frame.problem(problem or "")
            frame.numbers([("det [b₁ b₂]", fmt(la.determinant(basis), 4))])
        else:
            orthonormal = la.is_orthonormal(basis)
            frame.numbers(
                [
                    ("coordinates (c₁, c₂)", vec(c)),
                    ("det [b₁ b₂]", fmt(la.determinant(basis), 4)),
                    ("orthonormal?", "yes" if orthonormal else "no"),
                ]
            )
            if orthonormal:
                st.caption(
                    f"Orthonormal: c₁ = v·b₁ = {fmt(c[0], 4)} and c₂ = v·b₂ = {fmt(c[1], 4)}."
                )
    return {"basis": lambda: basis_table(b1, b2, v, c)}


def basis_table(
    b1: np.ndarray, b2: np.ndarray, v: np.ndarray, c: np.ndarray | None
) -> pd.DataFrame:
    """The vectors drawn, for the download."""
    rows = {"b₁": b1, "b₂": b2, "v": v}
    if c is not None:
        rows |= {"c₁·b₁": c[0] * b1, "c₂·b₂": c[1] * b2, "(c₁, c₂)": c}
    return pd.DataFrame([(name, *xy) for name, xy in rows.items()], columns=["vector", "x", "y"])


TOPIC = Topic(
    name="basis",
    prefix="basis",
    intro=(
        "Two vectors b₁ and b₂ that do not share a line form a basis of the plane: every "
        "vector v is exactly one combination c₁·b₁ + c₂·b₂, and (c₁, c₂) are v's coordinates "
        "in that basis. Finding them means solving a 2×2 linear system. When the basis is "
        "orthonormal (unit length, at right angles) the coordinates are simply dot products."
    ),
    formulas=(
        r"v = c_1 b_1 + c_2 b_2 \iff \begin{bmatrix} b_1 & b_2 \end{bmatrix}"
        r"\begin{bmatrix} c_1 \\ c_2 \end{bmatrix} = v",
        r"\text{orthonormal: } c_i = v \cdot b_i",
    ),
    presets={
        "Standard": {**B1.values((1, 0)), **B2.values((0, 1)), **V.values((2, 2))},
        "Rotated 30°": {
            **B1.values(tuple(ROTATED[:, 0])),
            **B2.values(tuple(ROTATED[:, 1])),
            **V.values((2, 2)),
        },
        "Skewed": {
            **B1.values((1.5, 0.5)),
            **B2.values((-0.5, 1)),
            **V.values((2, 2)),
        },
        "Whole steps": {**B1.values((1.5, 0.5)), **B2.values((-0.5, 1)), **V.values((2.5, 2))},
        "Long and short": {**B1.values((2, 0)), **B2.values((0.5, 0.5)), **V.values((3, 2))},
        "Not a basis": {**B1.values((1, 0.5)), **B2.values((2, 1)), **V.values((2, 2))},
    },
    try_this=(
        "Press **Standard**: the coordinates of v = (2, 2) are just its entries, (2, 2).",
        "At the start (**Skewed**) the grey grid leans with the basis, and v = (2, 2) "
        "becomes (c₁, c₂) = (1.71, 1.14), that is 12/7 and 8/7 — count the slanted grid "
        "cells to check. Press **Whole steps**: v = (2.5, 2) sits on a crossing of the "
        "grid, exactly 2·b₁ + 1·b₂.",
        "Press **Long and short**: b₂ = (0.5, 0.5) is short, so v = (3, 2) takes c₂ = 4 of them "
        "and only c₁ = 0.5 of the long b₁.",
        "Drag **v** along one slanted grid line: one coordinate stays fixed while the "
        "other changes.",
        "Press **Play** and watch the numbers over the picture: v does not move, yet its "
        "coordinates slide from (2, 2) in the square grid to (1.714, 1.143) in the basis's.",
        "Press **Rotated 30°**: the basis is orthonormal and each coordinate is a dot "
        "product: c₁ = v·b₁ = 2.732, c₂ = v·b₂ = 0.7321.",
        "Press **Not a basis**: b₂ = 2·b₁, the determinant is 0 and v has no coordinates.",
    ),
    body=body,
)
