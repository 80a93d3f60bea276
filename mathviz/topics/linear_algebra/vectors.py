"""Adding and scaling vectors; every combination a·u + b·v, and what they span."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.ui import frame, stage
from mathviz.ui.controls import Slider, Vector
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

SPANS = ("one point", "a line", "the plane")  # by the rank of [u v]

U = Vector("vec_u", "u", (2.0, 1.0))
V = Vector("vec_v", "v", (0.5, 1.5))
A = Slider("vec_a", "Scale a of u", -3.0, 3.0, 1.0, step=0.1)
B = Slider("vec_b", "Scale b of v", -3.0, 3.0, 1.0, step=0.1)


def body() -> frame.Plotted:
    """The plane to drag u and v on; beside it the controls, the combination and the span."""
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        u, v, a, b = U(), V(), A(), B()
    au, bv = a * u, b * v
    w = au + bv
    # The rows u and v: the same determinant and rank as the columns of [u v].
    det = la.determinant([u, v])
    span = SPANS[la.rank([u, v])]
    zero_u, zero_v = not u.any(), not v.any()
    with view:
        scene = charts.vectors_scene(u, v, a, b, span=span, bound=U.bound)
        stage.show(scene, key="vec_stage", on_release=stage.write_to({"u": U, "v": V}))
        st.caption(
            "Drag the tips of **u** and **v**; a·u + b·v and the grid follow. **Play** builds "
            "the sum: stretch u and v by a and b, slide b·v to the tip of a·u, draw the arrow."
        )
    with controls:
        frame.numbers(
            [
                ("a·u + b·v", vec(w)),
                ("length ‖a·u + b·v‖", fmt(float(la.p_norm(w, 2)), 4)),
                ("det [u v]", fmt(det, 4)),
                ("span of u and v", span),
            ]
        )
        if span == "a line":
            st.info(
                "u and v lie on one line (det [u v] = 0), so every a·u + b·v stays on it: the "
                "span is a line, not the plane."
                + (" A zero vector adds nothing to a span." if zero_u or zero_v else ""),
                icon=":material/info:",
            )
        elif span == "one point":
            st.info(
                "Both vectors are zero: every combination is the origin.", icon=":material/info:"
            )
    return {"vectors": lambda: scene_table(u, v, a, b)}


def scene_table(u: np.ndarray, v: np.ndarray, a: float, b: float) -> pd.DataFrame:
    """The vectors drawn, for the download."""
    rows = {"u": u, "v": v, "a·u": a * u, "b·v": b * v, "a·u + b·v": a * u + b * v}
    return pd.DataFrame([(name, *xy) for name, xy in rows.items()], columns=["vector", "x", "y"])


TOPIC = Topic(
    name="vectors",
    prefix="vec",
    intro=(
        "A vector is an arrow from the origin. Scaling stretches it along its own line (a "
        "negative factor turns it round); adding puts one arrow at the tip of the other. The "
        "combinations a·u + b·v fill a parallelogram grid: when u and v point along different "
        "lines they reach every point of the plane, and when they share a line they reach only "
        "that line. That set of reachable points is the *span* of u and v."
    ),
    formulas=(
        r"a\,u + b\,v = a\begin{bmatrix}u_1\\u_2\end{bmatrix}"
        r" + b\begin{bmatrix}v_1\\v_2\end{bmatrix}",
    ),
    presets={
        "Parallelogram": {**U.values((2, 1)), **V.values((0.5, 1.5)), A: 1.0, B: 1.0},
        "Turn round": {**U.values((2, 1)), **V.values((0.5, 1.5)), A: -1.0, B: 0.5},
        "Same line": {**U.values((2, 1)), **V.values((-1, -0.5)), A: 1.0, B: 1.0},
        "Zero vector": {**U.values((2, 1)), **V.values((0, 0)), A: 1.0, B: 1.0},
    },
    try_this=(
        "Set **Scale b of v** to 0: the green arrow slides along u's line as you move "
        "**Scale a** — one vector alone spans only a line.",
        "Press **Turn round**: a = −1 flips u to (−2, −1), and −u + 0.5·v = (−1.75, −0.25). "
        "Press **Play** to watch u turn round through the origin before b·v takes its tip.",
        "Press **Same line**: v = (−1, −0.5) = −½·u, det [u v] reads 0, the grid vanishes "
        "and the span shrinks to a dashed line.",
        "With the first preset, every crossing of the grey grid is a·u + b·v for whole "
        "numbers a and b: the grid is u and v's own graph paper.",
    ),
    body=body,
)
