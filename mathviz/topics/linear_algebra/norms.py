"""Unit balls of the p-norms, and angles, projections and cosine similarity."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import Plane, polygon
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Vector
from mathviz.ui.format import fmt, vec
from mathviz.ui.topic import Topic

P_OPTIONS = (0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, math.inf)
GUIDES = (1.0, 2.0, math.inf)  # the balls drawn dashed for comparison


def p_label(p: float) -> str:
    """The exponent p as the slider and the link show it: 0.5, 2, ∞."""
    return "∞" if math.isinf(p) else f"{p:g}"


P = Choice("norm_p", "p", P_OPTIONS, 2.0, label_of=p_label, kind="slider", help="From 0.5 to ∞.")
U = Vector("norm_u", "u", (3.0, 1.0))
V = Vector("norm_v", "v", (1.0, 3.0))


def body() -> frame.Plotted:
    """Controls; the lengths and u · v; the unit ball of p; the angle and the projection."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        p, u, v = P(), U(), V()
    try:
        theta: float | None = la.angle(u, v)
    except la.LinearAlgebraError:  # a zero vector has no direction
        theta = None
    plotted: frame.Plotted = {}
    with view:
        frame.metrics(
            [
                (f"‖u‖ with p = {p_label(p)}", fmt(float(la.p_norm(u, p)), 4)),
                (f"‖v‖ with p = {p_label(p)}", fmt(float(la.p_norm(v, p)), 4)),
                ("u · v", fmt(la.inner_product(u, v), 4)),
            ]
        )
        ball = Plane(minimum=1.5)
        for guide in GUIDES:
            if guide != p:
                curve = polygon(la.unit_ball(guide, n=200))
                ball.path("guide", curve, style="dashed")
                ball.label(f"p = {p_label(guide)}", curve[25] * 1.12, role="guide")
        ball.path("after", polygon(la.unit_ball(p, n=400)))
        ball.label(f"p = {p_label(p)}", [0.62, -0.9 if p > 0.8 else -0.55], role="after")
        bad = la.triangle_counterexample(p) if p < 1 else None
        if bad is not None:
            ball.arrow("u", bad.u, label="e₁")
            ball.arrow("v", bad.u + bad.v, start=bad.u, label="e₂")
            ball.arrow("w", bad.u + bad.v, label="e₁ + e₂")
        elif u.any():
            ball.arrow("u", la.normalize(u, p), label="u / ‖u‖")
        plotted["unit balls"] = frame.plane(ball, title=f"Unit ball ‖x‖ = 1, p = {p_label(p)}")
        plotted["projection"] = projection_plane(u, v, both=theta is not None)
        if bad is not None:
            st.warning(
                f"With p = {p_label(p)} this is not a norm: e₁ = (1, 0) and e₂ = (0, 1) each "
                f"have length 1, yet ‖e₁ + e₂‖ = 2^(1/p) = {fmt(bad.norm_sum, 4)} > 2. A "
                "shortcut longer than the two legs breaks the triangle inequality, and the "
                "unit ball caves in (it is not convex).",
                icon=":material/warning:",
            )
        if theta is not None:
            frame.metrics(
                [
                    ("angle θ", f"{math.degrees(theta):.1f}°"),
                    ("cosine similarity", fmt(la.cosine_similarity(u, v), 4)),
                    ("projection of u on v", vec(la.projection(u, v))),
                    ("orthogonal?", "yes" if la.is_orthogonal(u, v) else "no"),
                ]
            )
        else:
            st.info(
                "A zero vector has no direction, so the angle, the cosine similarity and the "
                "projection are undefined. Give both u and v a non-zero entry.",
                icon=":material/info:",
            )
    return plotted


def projection_plane(u: np.ndarray, v: np.ndarray, *, both: bool) -> Callable[[], pd.DataFrame]:
    """Draw u, v, the line through v, and (``both`` non-zero) the projection and the angle."""
    plane = Plane()
    plane.line("guide", v)  # no line for a zero v
    if both:
        proj = la.projection(u, v)
        plane.path("guide", [u, proj], style="dashed")
        plane.arrow("w", proj, label="proj")
        curve, spot = charts.angle_arc(u, v)
        plane.path("ink", curve)
        plane.label("θ", spot, role="ink")
    plane.arrow("u", u, label="u")
    plane.arrow("v", v, label="v")
    return frame.plane(plane, title="Angle and projection of u on v")


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
    presets={
        "Taxicab p = 1": {P: 1.0},
        "Round p = 2": {P: 2.0},
        "Largest entry p = ∞": {P: math.inf},
        "Not a norm p = 0.5": {P: 0.5},
        "Orthogonal": {**U.values((2, 1)), **V.values((-1, 2))},
        "Opposite": {**U.values((2, 1)), **V.values((-2, -1))},
    },
    try_this=(
        "Slide **p** from 1 to ∞: the diamond swells through the circle (p = 2) to the "
        "square; with u = (3, 1) the length falls from 4 through 3.162 to 3.",
        "Slide **p** to 0.5: the ball becomes a four-pointed star, and the warning shows "
        "‖e₁ + e₂‖ = 4 > 1 + 1.",
        "Press **Orthogonal**: u · v = 0, the angle is 90.0° and the projection of u on v is "
        "the zero vector.",
        "Press **Opposite**: the cosine similarity is −1 and the projection of u on v is u itself.",
    ),
    body=body,
)
