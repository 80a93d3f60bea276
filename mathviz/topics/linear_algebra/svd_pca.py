"""SVD as rotate, stretch, rotate; PCA as the SVD of a centred cloud of points.

The two halves rerun on their own (each an ``st.fragment``), so the topic as a whole is not
one fragment. The runner draws the SVD half's presets (prefix ``svd``) and, at the end, the
PCA half's Try-this prompts; each half offers its own download.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import LETTER_F, UNIT_CIRCLE, Plane, table
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Matrix, Number, Slider
from mathviz.ui.format import fmt, latex_matrix
from mathviz.ui.topic import Topic

SVD_STEPS = ("x", "Vᵀx", "ΣVᵀx", "UΣVᵀx")
SVD_PRESETS = {
    "Stretch and turn": [[1.5, 1.0], [0.0, 1.0]],
    "Reflection": [[0.0, 1.0], [2.0, 0.0]],
    "Singular": [[1.0, 2.0], [0.5, 1.0]],
    "Zero": la.PRESETS["zero"],
}
ARROW_NAMES = {  # the images of v₁ and v₂ after each step
    "x": ("v₁", "v₂"),
    "Vᵀx": ("e₁", "e₂"),
    "ΣVᵀx": ("σ₁e₁", "σ₂e₂"),
    "UΣVᵀx": ("σ₁u₁", "σ₂u₂"),
}

A = Matrix("svd_a", "A", ((1.5, 1.0), (0.0, 1.0)))
STEP = Choice(
    "svd_step", "Step", SVD_STEPS, SVD_STEPS[-1], kind="slider", help="Apply Vᵀ, then Σ, then U."
)

N = Slider("pca_n", "Points n", 1, 1000, 200)
RHO = Slider("pca_rho", "Correlation", -1.0, 1.0, 0.8, step=0.05)
NOISE = Slider("pca_noise", "Noise", 0.0, 2.0, 0.2, step=0.05)
SPREAD = Slider(
    "pca_spread", "Spread", 0.0, 3.0, 1.0, step=0.1, help="0 puts every point at one spot."
)
SEED = Number("pca_seed", "Seed", 0, 1_000_000, 0, step=1, whole=True)
W = Slider("pca_w", "Axis w (degrees)", 0, 179, 0, step=1, help="Or drag w in the picture.")
PCA_PRESETS: dict[str, dict[Any, Any]] = {
    "Strong correlation": {N: 200, RHO: 0.9, NOISE: 0.1, SPREAD: 1.0},
    "No correlation": {N: 200, RHO: 0.0, NOISE: 0.0, SPREAD: 1.0},
    "Opposite trend": {N: 200, RHO: -0.7, NOISE: 0.2, SPREAD: 1.0},
    "One point": {N: 1},
    "Identical points": {N: 50, SPREAD: 0.0, NOISE: 0.0},
}


def body() -> frame.Plotted:
    """The SVD half, then the PCA half, each rerunning on its own; they download their own."""
    st.subheader("SVD: rotate, stretch, rotate")
    svd_part()
    st.subheader("PCA: the directions a cloud spreads in")
    pca_part()
    return {}


@st.fragment
def svd_part() -> None:
    """The circle and the F turned, stretched and turned in one morph; σ and the factors."""
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        M = A()
    with frame.offstage("svd"):  # the link's step sets where the morph starts
        step = STEP()
    svd = la.svd_2x2(M)
    path = svd.path()
    rank = la.rank(M)
    names = [*SVD_STEPS[:3], "mirrored", SVD_STEPS[3]] if path.mirror else list(SVD_STEPS)
    with view:
        scene = charts.svd_scene(
            path, LETTER_F, stages=names, t=names.index(step) / (len(names) - 1)
        )
        stage.show(scene, key="svd_stage")
        turn_in, turn_out = math.degrees(path.turn_in), math.degrees(path.turn_out)
        st.caption(
            f"**Play**: Vᵀ turns the plane by {turn_in:.1f}°, Σ stretches the axes by "
            f"σ₁ = {fmt(svd.S[0], 4)} and σ₂ = {fmt(svd.S[1], 4)}"
            + (", the plane is mirrored (det A < 0)" if path.mirror else "")
            + f", then U turns it by {turn_out:.1f}°. The arrows v₁, v₂ end as the "
            "ellipse's half-axes σ₁u₁, σ₂u₂."
        )
    with controls:
        frame.numbers(
            [
                ("σ₁", fmt(svd.S[0], 4)),
                ("σ₂", fmt(svd.S[1], 4)),
                ("σ₁σ₂ = |det A|", fmt(svd.S[0] * svd.S[1], 4)),
                ("U", u_kind(svd.U, rank)),
            ]
        )
        if rank < 2:
            st.info(
                "σ₂ = 0: A is singular, so the ellipse flattens into a segment"
                + (" — here even σ₁ = 0 and everything lands on 0." if rank == 0 else ".")
                + " The direction v₂ is sent to zero.",
                icon=":material/info:",
            )
    st.latex(rf"A = {latex_matrix(M)} = U\,\Sigma\,V^\top")
    # One factor per box: the row wraps on a narrow screen instead of hiding a factor.
    with st.container(horizontal=True, gap="small", horizontal_alignment="center"):
        for name, factor in (("U", svd.U), (r"\Sigma", svd.sigma), (r"V^\top", svd.Vt)):
            st.latex(rf"{name} = {latex_matrix(factor, 4)}", width="content")
    frame.try_this(
        [
            "Press **Play**: first the circle turns (nothing visible changes for a circle, "
            "but the F, the grid and the arrows turn), then it stretches into an ellipse along "
            "the axes, then the ellipse turns into place.",
            "With **Stretch and turn** σ₁ = 1.905 and σ₂ = 0.7873: their product is "
            "1.5 = det A, the area of the image of the unit square.",
            "Press **Reflection**: det A = −2 < 0, so U is a reflection: the morph flattens "
            "and flips the plane over before the last turn, and the final F is mirrored.",
            "Press **Singular**: σ₂ = 0, and the circle is crushed to a segment of length 2σ₁; "
            "σ₁u₁ points up into the upper half-plane, by convention.",
        ]
    )
    frame.download({"svd": svd_table(M, svd)}, file_name="svd.csv", key="svd_csv")


def u_kind(U: np.ndarray, rank: int) -> str:
    """What U is, in words: for A = 0 any orthogonal U gives A = UΣVᵀ, so it is not fixed."""
    if rank == 0:
        return "any (A = 0)"
    return "a reflection" if la.orientation(U) == "flipped" else "a rotation"


def svd_table(M: np.ndarray, svd: la.SVD) -> Callable[[], pd.DataFrame]:
    """The circle and the F after A, and σ₁u₁, σ₂u₂, for the download."""
    plane = Plane()
    plane.path("before", UNIT_CIRCLE, style="dashed")
    plane.path("after", la.transform(UNIT_CIRCLE, M))
    plane.path("after", la.transform(LETTER_F, M))
    plane.arrow("u", svd.S[0] * svd.U[:, 0], label="σ₁u₁")
    plane.arrow("v", svd.S[1] * svd.U[:, 1], label="σ₂u₂")
    return functools.partial(table, plane.frames())


@st.fragment
def pca_part() -> None:
    """Presets and controls; the cloud with an axis w to turn; the variance along each w."""
    frame.presets(PCA_PRESETS, key="pca")
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        n, rho, noise, spread, seed = N(), RHO(), NOISE(), SPREAD(), SEED()
        theta = W()
    plotted: frame.Plotted = {}
    with contextlib.suppress(frame.Halt):
        if n < 2:
            with view:
                frame.problem(
                    "PCA needs at least two points: one point has no spread in any direction, "
                    "and with fewer points than dimensions (2 here) the directions are not "
                    "determined. Move **Points n** to 2 or more."
                )
            raise frame.Halt
        xs = spread * la.correlated_cloud(n, correlation=rho, noise=noise, seed=int(seed))
        if la.identical_points(xs):
            with view:
                frame.problem(
                    "Every point is the same, so there is no variance in any direction and "
                    "the principal axes are arbitrary. Raise **Spread** above 0 to give the "
                    "cloud some shape."
                )
            raise frame.Halt
        fit = la.pca(xs)
        scores = fit.transform(xs)
        shares = [
            f"PC{k} {100 * share:.0f}%"
            for k, share in enumerate(fit.explained_variance_ratio, start=1)
        ]
        along_w = la.axis_spread(xs, math.radians(theta))
        pc1 = math.degrees(math.atan2(fit.components[0, 1], fit.components[0, 0])) % 180
        with view:
            scene = charts.pca_scene(xs, fit, theta, shares=shares)
            stage.show(
                scene,
                key="pca_stage",
                on_release=stage.write_angle(W, "w", tuple(fit.mean), period=180),
            )
            st.caption(
                "Drag **w** round its circle: each point drops onto the axis (its projection) "
                "along a grey residual. The variance along w is largest, and the residuals "
                "shortest, when w lies on PC1. Arrows reach two standard deviations along "
                "each principal axis."
            )
        with controls:
            frame.numbers(
                [
                    ("variance along w", fmt(along_w.along, 4)),
                    ("w keeps", f"{100 * along_w.share:.1f}%"),
                    ("variance along PC1", fmt(fit.explained_variance[0], 4)),
                    ("share of PC1", f"{100 * fit.explained_variance_ratio[0]:.1f}%"),
                    ("share of PC2", f"{100 * fit.explained_variance_ratio[1]:.1f}%"),
                    ("reconstruction error (PC1)", fmt(fit.reconstruction_error(xs, 1), 4)),
                ]
            )
        angles = np.linspace(0.0, 180.0, 181)
        curve = pd.DataFrame(
            {"angle": angles, "variance": la.variance_along(xs, np.radians(angles))}
        )
        marks = pd.DataFrame(
            {
                "angle": [pc1, float(theta)],
                "variance": [float(fit.explained_variance[0]), along_w.along],
                "name": ["PC1", "w"],
            }
        )
        with view:
            frame.chart(charts.variance_chart, curve, marks)
        plotted["cloud"] = pd.DataFrame(
            {"x": xs[:, 0], "y": xs[:, 1], "pc1": scores[:, 0], "pc2": scores[:, 1]}
        )
        plotted["variance along w"] = curve
    if plotted:
        frame.download(plotted, file_name="pca.csv", key="pca_csv")


TOPIC = Topic(
    name="svd-pca",
    prefix="svd",
    intro=(
        "Every matrix maps the unit circle to an ellipse, and the singular value decomposition "
        "says how. Turn (Vᵀ), stretch the axes by σ₁ ≥ σ₂ ≥ 0 (Σ), turn again (U, a mirror "
        "when det A < 0): σ₁ and σ₂ are the ellipse's half-axes. The first turn brings two "
        "special perpendicular directions onto the axes. PCA applies the same "
        "idea to data: the first principal axis is the direction in which a centred point cloud "
        "spreads most, and keeping only it loses the least."
    ),
    formulas=(
        r"A = U\,\Sigma\,V^\top, \qquad \Sigma = \begin{bmatrix} \sigma_1 & 0 \\ 0 & "
        r"\sigma_2 \end{bmatrix}",
        r"|\det A| = \sigma_1 \sigma_2",
        r"\text{variance along } w = \tfrac{1}{n-1} \textstyle\sum_i"
        r" \big((x_i - \bar x)\cdot w\big)^2",
    ),
    # The SVD half's presets; the PCA half draws its own inside its fragment.
    presets={label: {**A.values(M), STEP: SVD_STEPS[-1]} for label, M in SVD_PRESETS.items()},
    # The PCA half's prompts, drawn last; the SVD half draws its own inside its fragment.
    try_this=(
        "Drag **w** slowly round: the variance along w rises and falls twice a turn, peaking "
        "where w lies on PC1 — the curve beside the picture shows the whole wave.",
        "Press **Strong correlation**: PC1 takes about 95% of the variance and points "
        "along the diagonal y = x; turn w onto it and the residuals nearly vanish.",
        "Press **No correlation**: the shares drop to nearly 50/50, the curve goes flat and "
        "PC1 swings with every new **Seed** — no direction is special.",
        "Press **Identical points** or **One point**: there is no spread to analyse, and the "
        "page says why instead of drawing arbitrary axes.",
        "Raise **Noise** from 0 to 1 at correlation 0.9: the PC1 share falls and the "
        "reconstruction error grows.",
    ),
    body=body,
    fragment=False,
)
