"""Unit balls of the p-norms, and angles, projections and cosine similarity."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import Plane, polygon, table
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Vector
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

P_OPTIONS = (0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, math.inf)
GUIDES = (1.0, 2.0, math.inf)  # the balls drawn dashed for comparison
GUIDE_SHAPES = {1.0: "◇", 2.0: "○", math.inf: "□"}


def p_label(p: float) -> str:
    """The exponent p as the slider and the link show it: 0.5, 2, ∞."""
    return "∞" if math.isinf(p) else f"{p:g}"


SHARED_U = "norm:u"  # the channel both pictures tell and follow u's moves on
P = Choice("norm_p", "p", P_OPTIONS, 2.0, label_of=p_label, kind="slider", help="From 0.5 to ∞.")
U = Vector("norm_u", "u", (3.0, 1.0))
V = Vector("norm_v", "v", (1.0, 3.0))


def body() -> frame.Plotted:
    """Two views side by side: the length (unit balls) and the angle (dot product, projection)."""
    length, angle = st.columns(2, gap="medium")
    with length:
        st.markdown("**Length: the unit ball of the p-norm**")
        ball_box = st.container()
        p = P()
        length_numbers = st.container()
    with angle:
        st.markdown("**Angle: the dot product and the projection**")
        projection_box = st.container()
        angle_numbers = st.container()
    boxes = st.columns(2, gap="medium")
    with boxes[0]:
        u = U()
    with boxes[1]:
        v = V()
    try:
        theta: float | None = la.angle(u, v)
    except la.LinearAlgebraError:  # a zero vector has no direction
        theta = None
    bad = la.triangle_counterexample(p) if p < 1 else None
    release = stage.write_to({"u": U, "v": V})
    with ball_box:
        guides = [
            (polygon(la.unit_ball(g, n=200)), f"p = {p_label(g)} {GUIDE_SHAPES[g]}")
            for g in GUIDES
            if g != p
        ]
        ball = polygon(la.unit_ball(p, n=240))
        # Play grows the balls from the diamond (p = 1) into p's, by the circle.
        exponents = charts.norm_stages(p)
        play = (
            (exponents, [f"p = {p_label(e)}" for e in exponents], polygon(la.unit_ball(1.0, n=240)))
            if exponents
            else None
        )
        scene = charts.ball_scene(
            u,
            p,
            ball,
            guides,
            p_text=p_label(p),
            length=float(la.p_norm(u, p)),
            counterexample=bad,
            bound=U.bound,
            play=play,
        )
        # u is drawn in both pictures: dragged in one, it moves in the other as well.
        scene.shares = {"u": SHARED_U}
        stage.show(scene, key="norm_stage_ball", height=400, on_release=release)
    with length_numbers:
        frame.numbers(
            [
                (f"‖u‖ with p = {p_label(p)}", fmt(float(la.p_norm(u, p)), 4)),
                (f"‖v‖ with p = {p_label(p)}", fmt(float(la.p_norm(v, p)), 4)),
            ]
        )
        if bad is not None:
            st.warning(
                f"With p = {p_label(p)} this is not a norm: e₁ = (1, 0) and e₂ = (0, 1) each "
                f"have length 1, yet ‖e₁ + e₂‖ = 2^(1/p) = {fmt(bad.norm_sum, 4)} > 2. A "
                "shortcut longer than the two legs breaks the triangle inequality, and the "
                "unit ball caves in (it is not convex).",
                icon=":material/warning:",
            )
    with projection_box:
        angle_scene = charts.projection_scene(u, v, bound=U.bound)
        angle_scene.shares = {"u": SHARED_U}
        stage.show(
            angle_scene,
            key="norm_stage_projection",
            height=400,
            on_release=release,
        )
    with angle_numbers:
        if theta is not None:
            frame.numbers(
                [
                    ("u · v", fmt(la.inner_product(u, v), 4)),
                    ("angle θ", f"{math.degrees(theta):.1f}°"),
                    ("cosine similarity", fmt(la.cosine_similarity(u, v), 4)),
                    ("projection of u on v", vec(la.projection(u, v))),
                    ("orthogonal?", "yes" if la.is_orthogonal(u, v) else "no"),
                ]
            )
        else:
            frame.numbers([("u · v", fmt(la.inner_product(u, v), 4))])
            st.info(
                "A zero vector has no direction, so the angle, the cosine similarity and the "
                "projection are undefined. Give both u and v a non-zero entry.",
                icon=":material/info:",
            )
    return {
        "unit balls": lambda: ball_table(p, u),
        "projection": lambda: projection_table(u, v, both=theta is not None),
    }


def ball_table(p: float, u: np.ndarray) -> pd.DataFrame:
    """The unit ball of p and u, as drawn, for the download."""
    plane = Plane()
    plane.path("after", polygon(la.unit_ball(p, n=400)))
    plane.arrow("u", u, label="u")
    if u.any():
        plane.path("u", float(la.p_norm(u, p)) * polygon(la.unit_ball(p, n=400)))
    return table(plane.frames())


def projection_table(u: np.ndarray, v: np.ndarray, *, both: bool) -> pd.DataFrame:
    """u, v and (both non-zero) the projection of u on v, for the download."""
    plane = Plane()
    if both:
        plane.arrow("w", la.projection(u, v), label="proj")
    plane.arrow("u", u, label="u")
    plane.arrow("v", v, label="v")
    return table(plane.frames())


TOPIC = Topic(
    name="norms",
    prefix="norm",
    intro=(
        "A norm measures length. The p-norm adds up the p-th powers of the entries: p = 2 is "
        "the usual straight-line length, p = 1 the taxicab distance, p = ∞ the largest entry. "
        "Each draws its own 'unit circle', the vectors of length 1. Below p = 1 the formula "
        "still gives numbers but breaks the triangle inequality, so it is not a norm. The inner "
        "product u·v measures how much two vectors agree: it gives the angle between them, the "
        "projection of one onto the other, and the cosine similarity used to compare "
        "embeddings."
    ),
    formulas=(
        r"\|x\|_p = \Big(\sum_i |x_i|^p\Big)^{1/p}",
        r"\|x\|_\infty = \max_i |x_i|",
        r"u \cdot v = \|u\|\,\|v\|\cos\theta",
        r"\operatorname{proj}_v u = \frac{u \cdot v}{v \cdot v}\, v",
    ),
    # Each preset sets every control, so none keeps a p, u or v from an earlier press.
    presets={
        "Taxicab p = 1": {P: 1.0, **U.values((3, 1)), **V.values((1, 3))},
        "Round p = 2": {P: 2.0, **U.values((3, 1)), **V.values((1, 3))},
        "Largest entry p = ∞": {P: math.inf, **U.values((3, 1)), **V.values((1, 3))},
        "Not a norm p = 0.5": {P: 0.5, **U.values((3, 1)), **V.values((1, 3))},
        "Orthogonal": {P: 2.0, **U.values((2, 1)), **V.values((-1, 2))},
        "Opposite": {P: 2.0, **U.values((2, 1)), **V.values((-2, -1))},
    },
    try_this=(
        "Set **p** to ∞ and press **▶ Play** under the ball: the diamond (p = 1) swells "
        "through the circle (p = 2) into the square, the dashed ball always through u's tip; "
        "with u = (3, 1) the length read above the plane falls from 4 through 3.162 to 3.",
        "Slide **p** to 0.5: the ball becomes a four-pointed star, and the warning shows "
        "‖e₁ + e₂‖ = 4 > 1 + 1.",
        "Press **Orthogonal**: u · v = 0, the angle is 90.0° and the projection of u on v is "
        "the zero vector. Then drag **u**: the foot slides along v's line, always at a right "
        "angle.",
        "Press **Opposite**: the cosine similarity is −1 and the projection of u on v is u itself.",
    ),
    body=body,
)
