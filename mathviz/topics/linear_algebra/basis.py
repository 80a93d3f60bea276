"""Coordinates of a vector in a basis of your choice."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import Plane
from mathviz.ui import frame
from mathviz.ui.controls import Vector
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

B1 = Vector("basis_b1", "b₁", (1.5, 0.5))
B2 = Vector("basis_b2", "b₂", (-0.5, 1.0))
V = Vector("basis_v", "v", (2.0, 2.0))
ROTATED = la.rotation(math.pi / 6)  # the columns of a rotation: an orthonormal basis


def body() -> frame.Plotted:
    """Controls; v's coordinates, or why b₁ and b₂ are no basis; v on the basis's own grid."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        b1, b2, v = B1(), B2(), V()
    basis = np.column_stack([b1, b2])
    rank = la.rank(basis)
    with view:
        plane = Plane()
        c = None
        if rank == 0:
            frame.problem(
                "b₁ and b₂ are both zero, so they are not a basis: their only combination is "
                "the origin. Give them directions."
            )
        elif rank == 1:
            frame.problem(
                "b₁ and b₂ lie on one line (or one is zero), so they are not a basis: their "
                "combinations reach only that line, and most vectors v have no coordinates. "
                "Turn one of them off the other's line."
            )
        else:
            try:
                c = la.coordinates(v, basis)
            except la.LinearAlgebraError as error:
                frame.problem(f"{str(error)[0].upper()}{str(error)[1:]}. Make b₁ and b₂ longer.")
        if c is None:
            frame.metrics([("det [b₁ b₂]", fmt(la.determinant(basis), 4))])
            if rank:
                plane.line("guide", b1 if b1.any() else b2, label="span")
        else:
            orthonormal = la.is_orthonormal(basis)
            frame.metrics(
                [
                    ("coordinates (c₁, c₂)", vec(c)),
                    ("det [b₁ b₂]", fmt(la.determinant(basis), 4)),
                    ("orthonormal?", "yes" if orthonormal else "no"),
                ]
            )
            charts.lattice(plane, b1, b2, role="grid")
            plane.arrow("u", c[0] * b1, label="c₁·b₁")
            plane.arrow("v", v, start=c[0] * b1, label="c₂·b₂", beside=True)
            if orthonormal:
                st.caption(
                    f"Orthonormal: c₁ = v·b₁ = {fmt(c[0], 4)} and c₂ = v·b₂ = {fmt(c[1], 4)}."
                )
        plane.arrow("u", b1, label="b₁", beside=True)
        plane.arrow("v", b2, label="b₂", beside=True)
        plane.arrow("w", v, label="v")
        drawn = frame.plane(plane, title="v in the basis b₁, b₂")
    return {"basis": drawn}


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
        "Standard": {**B1.values((1, 0)), **B2.values((0, 1))},
        "Rotated 30°": {**B1.values(tuple(ROTATED[:, 0])), **B2.values(tuple(ROTATED[:, 1]))},
        "Skewed": {**B1.values((1.5, 0.5)), **B2.values((-0.5, 1))},
        "Not a basis": {**B1.values((1, 0.5)), **B2.values((2, 1))},
    },
    try_this=(
        "Press **Standard**: the coordinates of v = (2, 2) are just its entries, (2, 2).",
        "Press **Skewed**: the grey grid leans with the basis, and v = (2, 2) becomes "
        "(c₁, c₂) = (1.71, 1.14), that is 12/7 and 8/7 — count the slanted grid cells "
        "to check.",
        "Press **Rotated 30°**: the basis is orthonormal and each coordinate is a dot "
        "product: c₁ = v·b₁ = 2.732, c₂ = v·b₂ = 0.7321.",
        "Press **Not a basis**: b₂ = 2·b₁, the determinant is 0 and v has no coordinates.",
    ),
    body=body,
)
