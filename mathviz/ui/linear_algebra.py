"""The Linear algebra page's eight topics, each an ``st.fragment``: controls → compute → render.

URL keys are prefixed by topic (``vec_``, ``norm_``, ``basis_``, ``tr_``, ``prod_``, ``eig_``,
``svd_``, ``pca_``, ``layer_``). A matrix A under the prefix ``tr_a`` lives in the link as
``tr_a11``, ``tr_a12``, ``tr_a21`` and ``tr_a22``; a vector u under ``vec_u`` as ``vec_u1``
and ``vec_u2``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st
from numpy.typing import ArrayLike

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.ui import frame, state
from mathviz.ui.plane import LETTER_F, UNIT_CIRCLE, UNIT_SQUARE, Plane, arc, polygon

E1, E2 = np.eye(2)
GRID_LINES = np.arange(-10, 11)  # whole-number grid lines, before and after a matrix acts


def _set_matrix(key: str, A: ArrayLike) -> dict[str, float]:
    """Preset values for the four number boxes of ``state.matrix_input`` under ``key``."""
    A = np.asarray(A, dtype=float)
    return {f"{key}{i + 1}{j + 1}": float(A[i, j]) for i in range(2) for j in range(2)}


def _set_vector(key: str, v: tuple[float, float]) -> dict[str, float]:
    return {f"{key}{i + 1}": float(x) for i, x in enumerate(v)}


def _vec(v: np.ndarray, digits: int = 3) -> str:
    # Adding 0.0 turns −0.0 into 0.0; rounding noise next to the largest entry reads 0.
    v = _clean(np.asarray(v, dtype=float))
    return "(" + ", ".join(frame.fmt(float(x) + 0.0, digits) for x in v) + ")"


def _clean(values: np.ndarray, scale: float | None = None) -> np.ndarray:
    """Entries below 1e-12 of ``scale`` (default: the largest entry) set to 0: rounding noise."""
    values = np.asarray(values, dtype=float)
    scale = float(np.abs(values).max(initial=0.0)) if scale is None else scale
    return np.where(np.abs(values) <= 1e-12 * scale, 0.0, values)


def _latex_matrix(A: np.ndarray, digits: int = 3) -> str:
    rows = [" & ".join(_num(x, digits) for x in row) for row in A]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def _num(x: float, digits: int = 3) -> str:
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def _factor(x: float) -> str:
    """A number inside a product: negative ones in brackets, so −1 · −2 reads (−1)·(−2)."""
    text = _num(x)
    return f"({text})" if text.startswith("-") else text


def _whole_grid(plane: Plane, A: np.ndarray, role: str) -> None:
    """The lines x = k and y = k (k whole) after A: lines through A(k·e₁) along A·e₂, etc."""
    for k in GRID_LINES:
        plane.line(role, A @ E2, through=k * (A @ E1), thin=True)
        plane.line(role, A @ E1, through=k * (A @ E2), thin=True)


def _collapsed(M: np.ndarray) -> bool:
    """Whether M squashes the plane: det M = 0 up to rounding, judged relative to M's size."""
    scale = float(np.abs(M).max())
    return scale == 0 or abs(la.determinant(M / scale)) <= 1e-12


def _orientation(A: np.ndarray) -> str:
    if _collapsed(A):
        return "collapsed"
    return "kept" if la.determinant(A) > 0 else "flipped"


def _rank(A: np.ndarray) -> int:
    return 0 if not np.any(A) else 1 if _collapsed(A) else 2


# ---------------------------------------------------------------- vectors


@st.fragment
def vectors_topic() -> None:
    """Adding and scaling vectors; every combination a·u + b·v, and what they span."""
    frame.intro(
        "A vector is an arrow from the origin. Scaling stretches it along its own line (a "
        "negative factor turns it round); adding puts one arrow at the tip of the other. The "
        "combinations a·u + b·v fill a parallelogram grid: when u and v point along different "
        "lines they reach every point of the plane, and when they share a line they reach only "
        "that line. That set of reachable points is the *span* of u and v.",
        [
            r"a\,u + b\,v = a\begin{bmatrix}u_1\\u_2\end{bmatrix}"
            r" + b\begin{bmatrix}v_1\\v_2\end{bmatrix}"
        ],
    )
    frame.presets(
        {
            "Parallelogram": {
                **_set_vector("vec_u", (2, 1)),
                **_set_vector("vec_v", (0.5, 1.5)),
                "vec_a": 1.0,
                "vec_b": 1.0,
            },
            "Turn round": {
                **_set_vector("vec_u", (2, 1)),
                **_set_vector("vec_v", (0.5, 1.5)),
                "vec_a": -1.0,
                "vec_b": 0.5,
            },
            "Same line": {
                **_set_vector("vec_u", (2, 1)),
                **_set_vector("vec_v", (-1, -0.5)),
                "vec_a": 1.0,
                "vec_b": 1.0,
            },
            "Zero vector": {
                **_set_vector("vec_u", (2, 1)),
                **_set_vector("vec_v", (0, 0)),
                "vec_a": 1.0,
                "vec_b": 1.0,
            },
        },
        key="vec",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        u = state.vector_input("u", (2.0, 1.0), key="vec_u")
        v = state.vector_input("v", (0.5, 1.5), key="vec_v")
        a = state.slider("Scale a of u", -3.0, 3.0, 1.0, step=0.1, key="vec_a")
        b = state.slider("Scale b of v", -3.0, 3.0, 1.0, step=0.1, key="vec_b")
    # compute
    au, bv = a * u, b * v
    w = au + bv
    det = la.determinant(np.column_stack([u, v]))
    zero_u, zero_v = not np.any(u), not np.any(v)
    independent = not _collapsed(np.column_stack([u, v]))
    span = "the plane" if independent else "one point" if zero_u and zero_v else "a line"
    # render
    with view:
        frame.metrics(
            [
                ("a·u + b·v", _vec(w)),
                ("length ‖a·u + b·v‖", frame.fmt(float(np.hypot(*w)), 4)),
                ("det [u v]", frame.fmt(det, 4)),
                ("span of u and v", span),
            ]
        )
        plane = Plane()
        if independent:
            for k in GRID_LINES:  # the whole-number combinations tile the plane
                plane.line("grid", v, through=k * u, thin=True)
                plane.line("grid", u, through=k * v, thin=True)
        elif span == "a line":
            plane.line("guide", v if zero_u else u, label="span")
        plane.region("w", [(0, 0), au, w, bv])
        plane.arrow("u", u, label="u")
        plane.arrow("v", v, label="v")
        plane.arrow("u", au, label=None if a == 1 else "a·u")  # at a = 1 it is u itself
        plane.arrow("v", w, start=au, label="b·v")
        plane.arrow("w", w, label="a·u + b·v", beside=True)
        drawn = plane.draw(title="a·u + b·v, tip to tail")
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
    frame.try_this(
        [
            "Set **Scale b of v** to 0: the green arrow slides along u's line as you move "
            "**Scale a** — one vector alone spans only a line.",
            "Press **Turn round**: a = −1 flips u to (−2, −1), and −u + 0.5·v = (−1.75, −0.25).",
            "Press **Same line**: v = (−1, −0.5) = −½·u, det [u v] reads 0, the grid vanishes "
            "and the span shrinks to a dashed line.",
            "With the first preset, every crossing of the grey grid is a·u + b·v for whole "
            "numbers a and b: the grid is u and v's own graph paper.",
        ]
    )
    frame.download({"vectors": drawn}, file_name="vectors.csv", key="vec_csv")


# ---------------------------------------------------------------- norms

P_OPTIONS = (0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, math.inf)


def _p_label(p: float) -> str:
    return "∞" if math.isinf(p) else f"{p:g}"


@st.fragment
def norms_topic() -> None:
    """Unit balls of the p-norms, and angles, projections and cosine similarity."""
    frame.intro(
        "A norm measures length. The p-norm adds up the p-th powers of the entries: p = 2 is "
        "the usual straight-line length, p = 1 the taxicab distance, p = ∞ the largest entry. "
        "Each draws its own 'unit circle', the vectors of length 1. Below p = 1 the formula "
        "still gives numbers but breaks the triangle inequality, so it is not a norm. The inner "
        "product u·v measures how much two vectors agree: it gives the angle between them, the "
        "projection of one onto the other, and the cosine similarity used to compare "
        "embeddings.",
        [
            r"\|x\|_p = \Big(\sum_i |x_i|^p\Big)^{1/p}",
            r"\|x\|_\infty = \max_i |x_i|",
            r"u \cdot v = \|u\|\,\|v\|\cos\theta",
            r"\operatorname{proj}_v u = \frac{u \cdot v}{v \cdot v}\, v",
        ],
    )
    frame.presets(
        {
            "Taxicab p = 1": {"norm_p": 1.0},
            "Round p = 2": {"norm_p": 2.0},
            "Largest entry p = ∞": {"norm_p": math.inf},
            "Not a norm p = 0.5": {"norm_p": 0.5},
            "Orthogonal": {**_set_vector("norm_u", (2, 1)), **_set_vector("norm_v", (-1, 2))},
            "Opposite": {**_set_vector("norm_u", (2, 1)), **_set_vector("norm_v", (-2, -1))},
        },
        key="norm",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        p = state.select_slider(
            "p", P_OPTIONS, 2.0, key="norm_p", format_func=_p_label, help="From 0.5 to ∞."
        )
        u = state.vector_input("u", (3.0, 1.0), key="norm_u")
        v = state.vector_input("v", (1.0, 3.0), key="norm_v")
    plotted: frame.Plotted = {}
    with view:
        frame.metrics(
            [
                (f"‖u‖ with p = {_p_label(p)}", frame.fmt(la.p_norm(u, p), 4)),
                (f"‖v‖ with p = {_p_label(p)}", frame.fmt(la.p_norm(v, p), 4)),
                ("u · v", frame.fmt(la.inner_product(u, v), 4)),
            ]
        )
        ball = Plane(minimum=1.5)
        for guide in (1.0, 2.0, math.inf):
            if guide != p:
                curve = polygon(la.unit_ball(guide, n=200))
                ball.path("guide", curve, style="dashed")
                ball.label(f"p = {_p_label(guide)}", curve[25] * 1.12, role="guide")
        ball.path("after", polygon(la.unit_ball(p, n=400)))
        ball.label(f"p = {_p_label(p)}", [0.62, -0.9 if p > 0.8 else -0.55], role="after")
        if p < 1:
            bad = la.triangle_counterexample(p)
            ball.arrow("u", bad.u, label="e₁")
            ball.arrow("v", bad.u + bad.v, start=bad.u, label="e₂")
            ball.arrow("w", bad.u + bad.v, label="e₁ + e₂")
        elif np.any(u):
            ball.arrow("u", u / la.p_norm(u, p), label="u / ‖u‖")
        plotted["unit balls"] = ball.draw(title=f"Unit ball ‖x‖ = 1, p = {_p_label(p)}")
        plotted["projection"] = _projection_plane(u, v)
        if p < 1:
            st.warning(
                f"With p = {_p_label(p)} this is not a norm: e₁ = (1, 0) and e₂ = (0, 1) each "
                f"have length 1, yet ‖e₁ + e₂‖ = 2^(1/p) = {frame.fmt(bad.norm_sum, 4)} > 2. A "
                "shortcut longer than the two legs breaks the triangle inequality, and the "
                "unit ball caves in (it is not convex).",
                icon=":material/warning:",
            )
        if np.any(u) and np.any(v):
            theta = la.angle(u, v)
            frame.metrics(
                [
                    ("angle θ", f"{math.degrees(theta):.1f}°"),
                    ("cosine similarity", frame.fmt(la.cosine_similarity(u, v), 4)),
                    ("projection of u on v", _vec(la.projection(u, v))),
                    ("orthogonal?", "yes" if abs(math.cos(theta)) < 1e-9 else "no"),
                ]
            )
        else:
            st.info(
                "A zero vector has no direction, so the angle, the cosine similarity and the "
                "projection are undefined. Give both u and v a non-zero entry.",
                icon=":material/info:",
            )
    frame.try_this(
        [
            "Slide **p** from 1 to ∞: the diamond swells through the circle (p = 2) to the "
            "square; with u = (3, 1) the length falls from 4 through 3.162 to 3.",
            "Slide **p** to 0.5: the ball becomes a four-pointed star, and the warning shows "
            "‖e₁ + e₂‖ = 4 > 1 + 1.",
            "Press **Orthogonal**: u · v = 0, the angle is 90.0° and the projection of u on v is "
            "the zero vector.",
            "Press **Opposite**: the cosine similarity is −1 and the projection of u on v is u "
            "itself.",
        ]
    )
    frame.download(plotted, file_name="norms.csv", key="norm_csv")


def _projection_plane(u: np.ndarray, v: np.ndarray) -> Callable[[], pd.DataFrame]:
    plane = Plane()
    if np.any(v):
        plane.line("guide", v)
    if np.any(u) and np.any(v):
        proj = la.projection(u, v)
        plane.path("guide", [u, proj], style="dashed")
        plane.arrow("w", proj, label="proj")
        start, stop = math.atan2(v[1], v[0]), math.atan2(u[1], u[0])
        if stop - start > math.pi:
            stop -= 2 * math.pi
        elif start - stop > math.pi:
            stop += 2 * math.pi
        radius = 0.3 * min(np.hypot(*u), np.hypot(*v))
        plane.path("ink", arc(start, stop, radius))
        plane.label("θ", 1.45 * arc(start, stop, radius)[20], role="ink")
    plane.arrow("u", u, label="u")
    plane.arrow("v", v, label="v")
    return plane.draw(title="Angle and projection of u on v")


# ---------------------------------------------------------------- basis


@st.fragment
def basis_topic() -> None:
    """Coordinates of a vector in a basis of your choice."""
    frame.intro(
        "Two vectors b₁ and b₂ that do not share a line form a basis of the plane: every "
        "vector v is exactly one combination c₁·b₁ + c₂·b₂, and (c₁, c₂) are v's coordinates "
        "in that basis. Finding them means solving a 2×2 linear system. When the basis is "
        "orthonormal (unit length, at right angles) the coordinates are simply dot products.",
        [
            r"v = c_1 b_1 + c_2 b_2 \iff \begin{bmatrix} b_1 & b_2 \end{bmatrix}"
            r"\begin{bmatrix} c_1 \\ c_2 \end{bmatrix} = v",
            r"\text{orthonormal: } c_i = v \cdot b_i",
        ],
    )
    r = la.rotation(math.pi / 6)
    frame.presets(
        {
            "Standard": {**_set_vector("basis_b1", (1, 0)), **_set_vector("basis_b2", (0, 1))},
            "Rotated 30°": {
                **_set_vector("basis_b1", tuple(r[:, 0])),
                **_set_vector("basis_b2", tuple(r[:, 1])),
            },
            "Skewed": {
                **_set_vector("basis_b1", (1.5, 0.5)),
                **_set_vector("basis_b2", (-0.5, 1)),
            },
            "Not a basis": {
                **_set_vector("basis_b1", (1, 0.5)),
                **_set_vector("basis_b2", (2, 1)),
            },
        },
        key="basis",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        b1 = state.vector_input("b₁", (1.5, 0.5), key="basis_b1")
        b2 = state.vector_input("b₂", (-0.5, 1.0), key="basis_b2")
        v = state.vector_input("v", (2.0, 2.0), key="basis_v")
    basis = np.column_stack([b1, b2])
    with view:
        plane = Plane()
        c = None
        if not np.any(basis):
            frame.problem(
                "b₁ and b₂ are both zero, so they are not a basis: their only combination is "
                "the origin. Give them directions."
            )
        elif _collapsed(basis):
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
            frame.metrics([("det [b₁ b₂]", frame.fmt(la.determinant(basis), 4))])
            if np.any(basis):
                plane.line("guide", b1 if np.any(b1) else b2, label="span")
        else:
            orthonormal = la.is_orthonormal(basis)
            frame.metrics(
                [
                    ("coordinates (c₁, c₂)", _vec(c)),
                    ("det [b₁ b₂]", frame.fmt(la.determinant(basis), 4)),
                    ("orthonormal?", "yes" if orthonormal else "no"),
                ]
            )
            for k in GRID_LINES:
                plane.line("grid", b2, through=k * b1, thin=True)
                plane.line("grid", b1, through=k * b2, thin=True)
            plane.arrow("u", c[0] * b1, label="c₁·b₁")
            plane.arrow("v", v, start=c[0] * b1, label="c₂·b₂", beside=True)
            if orthonormal:
                st.caption(
                    f"Orthonormal: c₁ = v·b₁ = {frame.fmt(c[0], 4)} and "
                    f"c₂ = v·b₂ = {frame.fmt(c[1], 4)}."
                )
        plane.arrow("u", b1, label="b₁", beside=True)
        plane.arrow("v", b2, label="b₂", beside=True)
        plane.arrow("w", v, label="v")
        drawn = plane.draw(title="v in the basis b₁, b₂")
    frame.try_this(
        [
            "Press **Standard**: the coordinates of v = (2, 2) are just its entries, (2, 2).",
            "Press **Skewed**: the grey grid leans with the basis, and v = (2, 2) becomes "
            "(c₁, c₂) = (1.71, 1.14), that is 12/7 and 8/7 — count the slanted grid cells "
            "to check.",
            "Press **Rotated 30°**: the basis is orthonormal and each coordinate is a dot "
            "product: c₁ = v·b₁ = 2.732, c₂ = v·b₂ = 0.7321.",
            "Press **Not a basis**: b₂ = 2·b₁, the determinant is 0 and v has no coordinates.",
        ]
    )
    frame.download({"basis": drawn}, file_name="basis.csv", key="basis_csv")


# ---------------------------------------------------------------- transformations

SHAPES = ("letter F", "unit circle")
MATRIX_PRESETS = {
    "Rotation 30°": la.PRESETS["rotation"],
    "Shear": la.PRESETS["shear"],
    "Scaling": la.PRESETS["scaling"],
    "Reflection": la.PRESETS["reflection"],
    "Projection (singular)": la.PRESETS["projection"],
    "Zero": la.PRESETS["zero"],
}


def _shape_points(shape: str) -> np.ndarray:
    return LETTER_F if shape == "letter F" else UNIT_CIRCLE


@st.fragment
def transformations_topic() -> None:
    """A 2×2 matrix moving the whole plane; the determinant as a signed area."""
    frame.intro(
        "A matrix is a map of the plane that keeps the origin fixed and straight lines straight "
        "and evenly spaced. Its columns say where the basis vectors go: e₁ lands on the first "
        "column, e₂ on the second, and everything else follows by linearity. The unit square "
        "lands on the parallelogram those columns span; its area, signed, is the determinant. "
        "A negative determinant means the plane was flipped over, like a mirror image; zero "
        "means it was squashed onto a line or a point.",
        [
            r"A = \begin{bmatrix} a & b \\ c & d \end{bmatrix}, \quad A e_1 = "
            r"\begin{bmatrix} a \\ c \end{bmatrix}, \quad A e_2 = \begin{bmatrix} b \\ d "
            r"\end{bmatrix}",
            r"\det A = ad - bc",
            r"A(\alpha u + \beta v) = \alpha\, A u + \beta\, A v",
        ],
    )
    frame.presets({label: _set_matrix("tr_a", M) for label, M in MATRIX_PRESETS.items()}, key="tr")
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        A = state.matrix_input("A", [[1.5, 0.5], [0.25, 1.0]], key="tr_a")
        shape = state.radio("Shape", SHAPES, SHAPES[0], key="tr_shape", horizontal=True)
    det = la.determinant(A)
    orientation = _orientation(A)
    with view:
        frame.metrics(
            [
                ("det A", frame.fmt(det, 4)),
                ("area of the image of the square", frame.fmt(abs(det), 4)),
                ("orientation", orientation),
                ("rank", str(_rank(A))),
            ]
        )
        points = _shape_points(shape)
        plane = Plane()
        _whole_grid(plane, A, "grid-after")
        image = la.transform(UNIT_SQUARE, A)
        plane.region("negative" if det < 0 else "positive", image)
        plane.path("before", polygon(UNIT_SQUARE), style="dashed")
        plane.path("before", points, style="dashed")
        plane.path("after", la.transform(points, A))
        plane.arrow("before", E1)
        plane.arrow("before", E2)
        plane.arrow("u", A @ E1, label="Ae₁")
        plane.arrow("v", A @ E2, label="Ae₂")
        drawn = plane.draw(title="A moves the plane: grey before, orange after")
        if orientation == "collapsed":
            st.info(
                "det A = 0: the plane collapses"
                + (
                    " to the single point 0 (A is the zero matrix)."
                    if not np.any(A)
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
        u, v = np.array([1.0, 0.5]), np.array([-0.5, 1.0])
        left, right = A @ (2 * u - v), 2 * (A @ u) - A @ v
        check = Plane()
        check.arrow("u", 2 * (A @ u), label="2·Au")
        check.arrow("v", right, start=2 * (A @ u), label="−Av")
        check.arrow("w", left, label="A(2u − v)", beside=True)
        check.arrow("before", A @ u, label="Au", beside="left")
        st.markdown(
            f"**Linearity check** with u = (1, 0.5) and v = (−0.5, 1): A(2u − v) = "
            f"{_vec(left)} and 2·Au − Av = {_vec(right)} — the same point, so the "
            "green arrow ends where the blue and vermillion ones do."
        )
        checked = check.draw(title="A(2u − v) = 2·Au − Av")
    frame.try_this(
        [
            "Press **Shear**: e₁ stays put, e₂ leans to (1, 1); the square becomes a "
            "parallelogram of the same area, so det A = 1.",
            "Press **Reflection**: det A = −1, the square turns vermillion and the F is turned "
            "upside down: mirrored across the x-axis.",
            "Press **Projection (singular)**: everything falls onto the x-axis, det A = 0 and "
            "the rank drops to 1.",
            "Press **Scaling**, then set **A₂₂** to 3: det A = 6 = 2 × 3, the area of the "
            "stretched square.",
        ]
    )
    frame.download(
        {"before and after A": drawn, "linearity check": checked},
        file_name="transformation.csv",
        key="tr_csv",
    )


# ---------------------------------------------------------------- matrix product

PRODUCT_PRESETS = {
    "Shear, then rotate 90°": ([[1, 1], [0, 1]], [[0, -1], [1, 0]]),
    "Rotations commute": (la.rotation(math.pi / 6), la.rotation(math.pi / 3)),
    "Scale, then reflect": ([[2, 0], [0, 1]], [[0, 1], [1, 0]]),
    "Project, then rotate": (la.PRESETS["projection"], la.rotation(math.pi / 4)),
}


@st.fragment
def matrix_product_topic() -> None:
    """Doing A and then B is the single matrix BA; the order matters."""
    frame.intro(
        "Apply A to a vector, then B to the result: the combined map is one matrix, the "
        "product BA (read right to left, the order the maps act in). Each entry of BA is a row "
        "of B times a column of A. Swapping the order usually gives a different map, so AB and "
        "BA differ; rotations of the plane are among the few pairs that commute. Areas "
        "multiply: det(BA) = det B · det A.",
        [
            r"(BA)\,x = B\,(A\,x)",
            r"(BA)_{ij} = \sum_k B_{ik} A_{kj}",
            r"\det(BA) = \det B \cdot \det A",
        ],
    )
    frame.presets(
        {
            label: {**_set_matrix("prod_a", A), **_set_matrix("prod_b", B)}
            for label, (A, B) in PRODUCT_PRESETS.items()
        },
        key="prod",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        A = state.matrix_input("A (first)", [[1.0, 1.0], [0.0, 1.0]], key="prod_a")
        B = state.matrix_input("B (second)", [[0.0, -1.0], [1.0, 0.0]], key="prod_b")
        i = state.radio("Entry row i", [1, 2], 1, key="prod_i", horizontal=True)
        j = state.radio("Entry column j", [1, 2], 1, key="prod_j", horizontal=True)
    scale = float(np.abs(A).max()) * float(np.abs(B).max())
    BA, AB = _clean(B @ A, scale), _clean(A @ B, scale)  # a product's noise is relative to it
    gap = float(np.abs(AB - BA).max())
    with view:
        frame.metrics(
            [
                (f"(BA){state.SUBSCRIPTS[i]}{state.SUBSCRIPTS[j]}", frame.fmt(BA[i - 1, j - 1], 4)),
                ("det(BA) = det B · det A", frame.fmt(la.determinant(BA), 4)),
                ("AB = BA?", "yes" if gap <= 1e-12 * scale else "no"),
            ]
        )
        row, col = B[i - 1], A[:, j - 1]
        st.latex(
            rf"(BA)_{{{i}{j}}} = \underbrace{{\begin{{bmatrix}} {_num(row[0])} & {_num(row[1])}"
            rf" \end{{bmatrix}}}}_{{\text{{row {i} of }} B}}"
            rf"\underbrace{{\begin{{bmatrix}} {_num(col[0])} \\ {_num(col[1])} \end{{bmatrix}}}}"
            rf"_{{\text{{column {j} of }} A}}"
        )
        st.latex(
            rf"= {_factor(row[0])} \cdot {_factor(col[0])} + "
            rf"{_factor(row[1])} \cdot {_factor(col[1])} = {_num(BA[i - 1, j - 1], 4)}"
        )
        st.latex(rf"BA = {_latex_matrix(BA)}")
        st.latex(rf"AB = {_latex_matrix(AB)}")
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
        drawn_ba = first.draw(title="A, then B: BA", extent=extent)
        drawn_ab = second.draw(title="B, then A: AB", extent=extent)
    frame.try_this(
        [
            "With the first preset the two F's end up differently placed: shearing then "
            "rotating is not rotating then shearing, and AB = BA? says no.",
            "Press **Rotations commute**: 30° then 60° equals 60° then 30° — both panels show a "
            "quarter turn and the metric says yes.",
            "Set **Entry row i** to 2 and **Entry column j** to 1 and check the sum under the "
            "braces by hand.",
            "Press **Project, then rotate**: det A = 0, so det(BA) = 0 whatever B is: once "
            "squashed flat, no later map can restore the area.",
        ]
    )
    frame.download(
        {"A then B": drawn_ba, "B then A": drawn_ab}, file_name="matrix-product.csv", key="prod_csv"
    )


# ---------------------------------------------------------------- eigen

EIGEN_PRESETS = {
    "Symmetric": [[2.0, 1.0], [1.0, 2.0]],
    "Slow: λ₂/λ₁ = 0.9": [[0.95, 0.05], [0.05, 0.95]],
    "Rotation (complex)": la.PRESETS["rotation"],
    "Shear (defective)": la.PRESETS["shear"],
    "Reflection (|λ₁| = |λ₂|)": la.PRESETS["reflection"],
    "Zero": la.PRESETS["zero"],
}


def _eigen_text(lam: complex) -> str:
    if lam.imag == 0:
        return frame.fmt(lam.real, 4)
    sign = "+" if lam.imag > 0 else "−"
    return f"{frame.fmt(lam.real, 3)} {sign} {frame.fmt(abs(lam.imag), 3)}i"


def _dominant(e: la.Eigen) -> np.ndarray | None:
    """The eigenvector power iteration heads for, or None when no eigenvalue dominates."""
    if e.kind in {"complex", "repeated, diagonalisable"}:
        return None
    moduli = np.abs(e.values)
    if e.kind == "distinct real" and abs(moduli[0] - moduli[1]) <= 1e-9 * moduli.max():
        return None
    return e.vectors[:, int(np.argmax(moduli))].real


def _line_angle(vs: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Angle in degrees between each row of vs and the line through direction (0 to 90)."""
    cos = np.abs(vs @ direction) / np.linalg.norm(direction)
    sin = np.abs(vs[:, 0] * direction[1] - vs[:, 1] * direction[0]) / np.linalg.norm(direction)
    return np.degrees(np.arctan2(sin, cos))


@st.fragment
def eigen_topic() -> None:
    """Directions a matrix keeps, what happens when there are none, and power iteration."""
    frame.intro(
        "Most vectors change direction under a matrix. An eigenvector only stretches, "
        "shrinks or flips along its own line, by a factor λ, its eigenvalue. A rotation keeps "
        "no real direction: its eigenvalues are complex. A shear keeps just one line and "
        "cannot be written as pure stretching (it is *defective*). Multiplying any vector by "
        "A again and again turns it towards the eigenline with the largest |λ| — power "
        "iteration, the idea behind PageRank — as long as one eigenvalue is strictly largest.",
        [
            r"A v = \lambda v, \qquad \lambda^2 - (\operatorname{tr} A)\,\lambda + \det A = 0",
            r"v_{k+1} = \frac{A v_k}{\|A v_k\|}",
        ],
    )
    frame.presets(
        {label: _set_matrix("eig_a", M) for label, M in EIGEN_PRESETS.items()},
        key="eig",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        A = state.matrix_input("A", [[2.0, 1.0], [1.0, 2.0]], key="eig_a")
        start = state.slider(
            "Start direction of v₀ (degrees)", 0, 355, 100, step=5, key="eig_start"
        )
        steps = state.slider("Power-iteration steps k", 0, 40, 8, key="eig_steps")
    e = la.eigen(A)
    plotted: frame.Plotted = {}
    with view:
        frame.metrics(
            [
                ("λ₁", _eigen_text(e.values[0])),
                ("λ₂", _eigen_text(e.values[1])),
                ("kind", e.kind),
                ("λ₁ + λ₂ = tr A", frame.fmt(float(np.trace(A)), 4)),
                ("λ₁ · λ₂ = det A", frame.fmt(la.determinant(A), 4)),
            ]
        )
        st.info(_eigen_story(e, A), icon=":material/info:")
        keep = Plane()
        keep.path("before", UNIT_CIRCLE)
        keep.path("after", la.transform(UNIT_CIRCLE, A))
        if e.kind in ("distinct real", "defective"):
            count = 1 if e.kind == "defective" else 2
            for n in range(count):
                vec, lam = e.vectors[:, n].real, e.values[n].real
                keep.line("eigen", vec, label=f"λ = {frame.fmt(lam, 3)}")
                keep.arrow("after", lam * vec)  # the image λv first, so v shows on top of it
                keep.arrow("u" if n == 0 else "v", vec)
        theta = math.radians(start)
        v0 = np.array([math.cos(theta), math.sin(theta)])
        keep.arrow("iterate", v0, label="v₀")
        keep.arrow("iterate", A @ v0, label="Av₀")
        plotted["what A keeps"] = keep.draw(title="Unit circle → its image")
        plotted.update(_power_iteration(A, e, v0, steps))
    frame.try_this(
        [
            "With **Symmetric** the eigenlines are the diagonals, λ = 3 and 1: an arrow on a "
            "diagonal stays on it, and every other arrow turns towards y = x. Power iteration "
            "is about 0.01° from it after 8 steps; move **Power-iteration steps k** to 11 to "
            "get within 0.001°.",
            "Press **Slow: λ₂/λ₁ = 0.9** and move **Power-iteration steps k** to 40: the "
            "iterates creep — still 26° off after 10 steps and 1.2° after 40; once small, the "
            "angle shrinks by only about 10% a step, the slope of the grey guide.",
            "Press **Rotation (complex)**: no line survives, λ = 0.866 ± 0.5i, and the iterates "
            "walk round the circle 30° at a time.",
            "Press **Shear (defective)**: one eigenvalue 1 with one eigenline, the x-axis; "
            "the iterates reach it only slowly, like 1/k.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="eigen.csv", key="eig_csv")


def _power_iteration(A: np.ndarray, e: la.Eigen, v0: np.ndarray, steps: int) -> frame.Plotted:
    """Draw the iterates on the circle and, when they converge, how fast; return the data."""
    dominant = _dominant(e)
    plotted: frame.Plotted = {}
    try:
        iterates = la.power_iteration(A, v0, steps)
    except la.LinearAlgebraError as error:
        iterates, vanished = None, str(error)
    walk = Plane(minimum=1.2)
    walk.path("before", UNIT_CIRCLE)
    if dominant is not None:
        walk.line("eigen", dominant, label="dominant")
    if iterates is not None:
        walk.dots("iterate", iterates)
        walk.arrow("iterate", iterates[-1])
        placed: list[np.ndarray] = []
        for k in range(steps + 1):  # number the iterates while their labels stay apart
            at = 1.16 * iterates[k]
            if any(np.hypot(*(at - other)) < 0.22 for other in placed):
                break
            walk.label(f"v{_subscript(k)}", at, role="iterate")
            placed.append(at)
    plotted["power iteration"] = walk.draw(title="Power iteration")
    if iterates is None:
        st.warning(
            f"{vanished[0].upper()}{vanished[1:]}. A squashes v₀ to the zero vector, which has "
            "no direction, so power iteration stops.",
            icon=":material/warning:",
        )
    elif dominant is not None and steps > 0:
        angles = _line_angle(iterates, dominant)
        ks = np.arange(steps + 1)
        rows = [pd.DataFrame({"k": ks, "angle": angles, "line": "power iteration"})]
        first, second = e.vectors.real.T
        if e.kind == "distinct real" and 0 < angles[0] < 90 and abs(first @ second) < 1e-9:
            low, high = np.sort(np.abs(e.values))
            # For orthogonal eigenvectors tan(angleₖ) = tan(angle₀)·(|λ₂|/|λ₁|)ᵏ exactly.
            guide = np.degrees(np.arctan(math.tan(math.radians(angles[0])) * (low / high) ** ks))
            rows.append(pd.DataFrame({"k": ks, "angle": guide, "line": "(|λ₂| / |λ₁|)ᵏ"}))
        curves = pd.concat(rows, ignore_index=True)
        curves["angle"] = curves["angle"].where(curves["angle"] > 1e-13)  # log axis: no zeros
        st.markdown("**How fast the iterates reach the eigenline** (log scale)")
        frame.chart(charts.convergence_chart, curves)
        plotted["convergence"] = curves
    return plotted


def _subscript(k: int) -> str:
    return "".join(state.SUBSCRIPTS[int(d)] for d in str(k))


def _eigen_story(e: la.Eigen, A: np.ndarray) -> str:
    if e.kind == "complex":
        lam = e.values[0]
        return (
            f"Complex eigenvalues {_eigen_text(lam)} and its conjugate: no real vector stays on "
            "its line. A turns every direction and scales areas by |λ|² = det A = "
            f"{frame.fmt(abs(lam) ** 2, 4)}, so power iteration never settles; it keeps circling."
        )
    if e.kind in {"defective", "repeated, diagonalisable"}:
        return _repeated_story(e, A)
    moduli = np.abs(e.values)
    if abs(moduli[0] - moduli[1]) <= 1e-9 * moduli.max():
        return (
            "Two eigenvalues of equal size and opposite sign: neither dominates, so power "
            "iteration bounces between two directions instead of settling."
        )
    return (
        f"Two eigenlines (green). The larger |λ| = {frame.fmt(moduli.max(), 4)} wins: power "
        "iteration turns any start that is not exactly on the other eigenline towards it."
    )


def _repeated_story(e: la.Eigen, A: np.ndarray) -> str:
    """What a repeated eigenvalue means: one eigenline (defective) or all of them (λI)."""
    if e.kind == "defective":
        lam = e.values[0].real
        if lam == 0:
            return (
                "One repeated eigenvalue λ = 0 with one eigenline: A is nilpotent (A² = 0). It "
                "sends every vector onto that line in one step and to zero in the next, so "
                "power iteration stops."
            )
        return (
            f"One repeated eigenvalue λ = {frame.fmt(lam, 4)} with only one eigenline: A is "
            "defective — in a suitable basis it is λ times a shear — and there is no basis of "
            "eigenvectors. Power iteration still drifts onto that line, but slowly (the angle "
            "falls like 1/k), not geometrically."
        )
    # λ·I: every direction is kept
    if not np.any(A):
        return (
            "The zero matrix sends everything to 0: λ = 0 twice, every vector counts as an "
            "eigenvector, and power iteration has nothing to normalise."
        )
    lam = e.values[0].real
    return (
        f"A = {frame.fmt(lam, 4)}·I scales every vector by the same factor: every direction "
        "is an eigenline, so power iteration stays on the line it starts on"
        + (" (flipping each step)." if lam < 0 else ".")
    )


# ---------------------------------------------------------------- SVD and PCA

SVD_STEPS = ("x", "Vᵀx", "ΣVᵀx", "UΣVᵀx")
SVD_PRESETS = {
    "Stretch and turn": [[1.5, 1.0], [0.0, 1.0]],
    "Reflection": [[0.0, 1.0], [2.0, 0.0]],
    "Singular": [[1.0, 2.0], [0.5, 1.0]],
    "Zero": la.PRESETS["zero"],
}


def svd_pca_topic() -> None:
    """SVD as rotate, stretch, rotate; PCA as the SVD of a centred cloud of points."""
    frame.intro(
        "Every matrix maps the unit circle to an ellipse. The singular value decomposition "
        "says how: turn the plane (Vᵀ) so that two special perpendicular directions lie on the "
        "axes, stretch the axes by the singular values σ₁ ≥ σ₂ ≥ 0 (Σ), then turn again (U; a "
        "mirror when det A < 0). σ₁ and σ₂ are the ellipse's half-axes. PCA applies the same "
        "idea to data: the first principal axis is the direction in which a centred point cloud "
        "spreads most, and keeping only it loses the least.",
        [
            r"A = U\,\Sigma\,V^\top, \qquad \Sigma = \begin{bmatrix} \sigma_1 & 0 \\ 0 & "
            r"\sigma_2 \end{bmatrix}",
            r"|\det A| = \sigma_1 \sigma_2",
            r"\text{variance along } w = \frac{1}{n-1}\sum_i \big((x_i - \bar x)\cdot w\big)^2",
        ],
    )
    st.subheader("SVD: rotate, stretch, rotate")
    _svd_part()
    st.subheader("PCA: the directions a cloud spreads in")
    _pca_part()


@st.fragment
def _svd_part() -> None:
    frame.presets(
        {
            label: {**_set_matrix("svd_a", M), "svd_step": SVD_STEPS[-1]}
            for label, M in SVD_PRESETS.items()
        },
        key="svd",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        A = state.matrix_input("A", [[1.5, 1.0], [0.0, 1.0]], key="svd_a")
        step = state.select_slider(
            "Step", SVD_STEPS, SVD_STEPS[-1], key="svd_step", help="Apply Vᵀ, then Σ, then U."
        )
    svd = la.svd_2x2(A)
    maps = {
        "x": np.eye(2),
        "Vᵀx": svd.Vt,
        "ΣVᵀx": np.diag(svd.S) @ svd.Vt,
        "UΣVᵀx": svd.reconstruct(),
    }
    M = maps[step]
    v1, v2 = svd.Vt
    with view:
        frame.metrics(
            [
                ("σ₁", frame.fmt(svd.S[0], 4)),
                ("σ₂", frame.fmt(svd.S[1], 4)),
                ("σ₁σ₂ = |det A|", frame.fmt(svd.S[0] * svd.S[1], 4)),
                ("U", "a reflection" if np.linalg.det(svd.U) < 0 else "a rotation"),
            ]
        )
        st.latex(rf"A = {_latex_matrix(A)} = U\,\Sigma\,V^\top")
        # One factor per box: the row wraps on a narrow screen instead of hiding a factor.
        with st.container(horizontal=True, gap="small"):
            for name, factor in (("U", svd.U), (r"\Sigma", np.diag(svd.S)), (r"V^\top", svd.Vt)):
                st.latex(rf"{name} = {_latex_matrix(factor)}", width="content")
        plane = Plane(minimum=1.2)
        plane.path("before", UNIT_CIRCLE, style="dashed")
        plane.path("after", la.transform(UNIT_CIRCLE, M))
        plane.path("before", LETTER_F, style="dashed")
        plane.path("w", la.transform(LETTER_F, M))
        names = {
            "x": ("v₁", "v₂"),
            "Vᵀx": ("e₁", "e₂"),
            "ΣVᵀx": ("σ₁e₁", "σ₂e₂"),
            "UΣVᵀx": ("σ₁u₁", "σ₂u₂"),
        }[step]
        plane.arrow("u", M @ v1, label=names[0])
        plane.arrow("v", M @ v2, label=names[1])
        drawn = plane.draw(title=f"Step: {step}")
        if svd.S[1] <= 1e-12 * svd.S[0]:
            st.info(
                "σ₂ = 0: A is singular, so the ellipse flattens into a segment"
                + (" — here even σ₁ = 0 and everything lands on 0." if svd.S[0] == 0 else ".")
                + " The direction v₂ is sent to zero.",
                icon=":material/info:",
            )
    frame.try_this(
        [
            "Drag **Step** from x to UΣVᵀx: first the circle turns (nothing visible changes "
            "for a circle, but the F and the arrows turn), then it stretches into an ellipse "
            "along the axes, then the ellipse turns into place.",
            "With **Stretch and turn** σ₁ = 1.905 and σ₂ = 0.7873: their product is "
            "1.5 = det A, the area of the image of the unit square.",
            "Press **Reflection**: det A = −2 < 0, so U is a reflection and the final F is "
            "mirrored.",
            "Press **Singular**: σ₂ = 0, and the circle is crushed to a segment of length 2σ₁.",
        ]
    )
    frame.download({"svd": drawn}, file_name="svd.csv", key="svd_csv")


@st.fragment
def _pca_part() -> None:
    frame.presets(
        {
            "Strong correlation": {
                "pca_n": 200,
                "pca_rho": 0.9,
                "pca_noise": 0.1,
                "pca_spread": 1.0,
            },
            "No correlation": {"pca_n": 200, "pca_rho": 0.0, "pca_noise": 0.0, "pca_spread": 1.0},
            "Opposite trend": {"pca_n": 200, "pca_rho": -0.7, "pca_noise": 0.2, "pca_spread": 1.0},
            "One point": {"pca_n": 1},
            "Identical points": {"pca_n": 50, "pca_spread": 0.0, "pca_noise": 0.0},
        },
        key="pca",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        n = state.slider("Points n", 1, 1000, 200, key="pca_n")
        rho = state.slider("Correlation", -1.0, 1.0, 0.8, step=0.05, key="pca_rho")
        noise = state.slider("Noise", 0.0, 2.0, 0.2, step=0.05, key="pca_noise")
        spread = state.slider(
            "Spread",
            0.0,
            3.0,
            1.0,
            step=0.1,
            key="pca_spread",
            help="0 puts every point at one spot.",
        )
        seed = state.number_input("Seed", 0, 1_000_000, 0, key="pca_seed", step=1, whole=True)
    plotted: frame.Plotted = {}
    with view, contextlib.suppress(frame.Halt):
        if n < 2:
            frame.problem(
                "PCA needs at least two points: one point has no spread in any direction, "
                "and with fewer points than dimensions (2 here) the directions are not "
                "determined. Move **Points n** to 2 or more."
            )
            raise frame.Halt
        xs = spread * la.correlated_cloud(n, correlation=rho, noise=noise, seed=int(seed))
        fit = la.pca(xs)
        total = float(fit.explained_variance.sum())
        if total <= (1e-12 * float(np.abs(xs).max())) ** 2:
            frame.problem(
                "Every point is the same, so there is no variance in any direction and the "
                "principal axes are arbitrary. Raise **Spread** above 0 to give the cloud "
                "some shape."
            )
            raise frame.Halt
        scores = fit.transform(xs)
        kept = fit.mean + np.outer(scores[:, 0], fit.components[0])
        residual = float(_clean(np.mean(np.sum((xs - kept) ** 2, axis=1)), total))
        frame.metrics(
            [
                ("variance along PC1", frame.fmt(fit.explained_variance[0], 4)),
                ("share of PC1", f"{100 * fit.explained_variance_ratio[0]:.1f}%"),
                ("share of PC2", f"{100 * fit.explained_variance_ratio[1]:.1f}%"),
                ("reconstruction error (PC1)", frame.fmt(residual, 4)),
            ]
        )
        plane = Plane()
        plane.dots("data", xs)
        plane.dots("after", kept)
        for name, role, component, variance, share in zip(
            ("PC1", "PC2"),
            ("u", "v"),
            fit.components,
            fit.explained_variance,
            fit.explained_variance_ratio,
            strict=True,
        ):
            plane.line("guide", component, through=fit.mean, thin=True)
            plane.arrow(
                role,
                fit.mean + 2 * math.sqrt(variance) * component,
                start=fit.mean,
                label=f"{name} {100 * share:.0f}%",
            )
        plotted["cloud"] = pd.DataFrame(
            {"x": xs[:, 0], "y": xs[:, 1], "pc1": scores[:, 0], "pc2": scores[:, 1]}
        )
        plotted["pca plane"] = plane.draw(title="The cloud and its copy on PC1")
        st.caption(
            "Arrows reach two standard deviations along each principal axis. Orange dots are "
            "the points rebuilt from their PC1 coordinate alone; the error is the spread along "
            "PC2 left behind (its variance times (n − 1)/n)."
        )
    frame.try_this(
        [
            "Press **Strong correlation**: PC1 takes about 95% of the variance and points "
            "along the diagonal y = x; keeping it alone loses little.",
            "Press **No correlation**: the shares drop to nearly 50/50 and PC1 swings with every "
            "new **Seed** — no direction is special.",
            "Press **Identical points** or **One point**: there is no spread to analyse, and the "
            "page says why instead of drawing arbitrary axes.",
            "Raise **Noise** from 0 to 1 at correlation 0.9: the PC1 share falls and the "
            "reconstruction error grows.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="pca.csv", key="pca_csv")


# ---------------------------------------------------------------- layer

LAYER_STEPS = ("x", "Ax", "Ax + b", "σ(Ax + b)")
LAYER_GRID = np.linspace(-2, 2, 9)


def _range(values: np.ndarray) -> str:
    return f"{frame.fmt(float(values.min()), 3)} … {frame.fmt(float(values.max()), 3)}"


def _layer_preset(A: ArrayLike, b: tuple[float, float], activation: str) -> dict:
    """A preset of the layer topic, shown at its last step, σ(Ax + b)."""
    return {
        **_set_matrix("layer_a", A),
        **_set_vector("layer_b", b),
        "layer_act": activation,
        "layer_step": LAYER_STEPS[-1],
    }


def _layer_grid() -> np.ndarray:
    """Lines of the square [−2, 2]²: 9 horizontal then 9 vertical, 40 points each."""
    t = np.linspace(-2, 2, 40)
    rows = [np.column_stack([t, np.full_like(t, c)]) for c in LAYER_GRID]
    cols = [np.column_stack([np.full_like(t, c), t]) for c in LAYER_GRID]
    return np.array(rows + cols)


LAYER_LINES = _layer_grid()  # the same grid every run: built once
LAYER_LINES.flags.writeable = False


@st.fragment
def layer_topic() -> None:
    """A neural-network layer σ(Ax + b), one stage at a time."""
    frame.intro(
        "A layer of a neural network is a matrix, a shift and a bend. A turns and stretches "
        "the plane, b slides it, and the activation σ bends it entry by entry: the sigmoid "
        "squeezes everything into the square (0, 1)², tanh into (−1, 1)², and ReLU sets every "
        "negative coordinate to 0, pressing the left half-plane onto the y-axis and the lower "
        "half onto the x-axis. Without σ, stacked layers would collapse into "
        "one matrix; the bend is what lets a network draw curved boundaries.",
        [
            r"y = \sigma(A x + b)",
            r"\sigma(z) = \frac{1}{1 + e^{-z}},\ \tanh z,\ \max(0, z)",
        ],
    )
    frame.presets(
        {
            "Sigmoid squash": _layer_preset([[1.5, 0.5], [-0.5, 1.5]], (0, 0), "sigmoid"),
            "ReLU flattens": _layer_preset([[1.0, -1.0], [1.0, 1.0]], (0.5, 0), "relu"),
            "tanh": _layer_preset([[2.0, 0.0], [0.0, 2.0]], (0, 0), "tanh"),
            "Singular A": _layer_preset(la.PRESETS["projection"], (0, 0.5), "sigmoid"),
        },
        key="layer",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        A = state.matrix_input("A", [[1.5, 0.5], [-0.5, 1.5]], key="layer_a")
        b = state.vector_input("b", (0.0, 0.0), key="layer_b")
        activation = state.radio(
            "Activation σ", la.ACTIVATIONS, "sigmoid", key="layer_act", horizontal=True
        )
        step = state.select_slider("Step", LAYER_STEPS, LAYER_STEPS[-1], key="layer_step")
    grid = LAYER_LINES
    flat = grid.reshape(-1, 2)
    stages = {
        "x": flat,
        "Ax": la.transform(flat, A),
        "Ax + b": la.transform(flat, A) + b,
        "σ(Ax + b)": la.layer(flat, A, b, activation),
    }
    shown = stages[step].reshape(grid.shape)
    earlier = LAYER_STEPS[max(LAYER_STEPS.index(step) - 1, 0)]
    out = stages["σ(Ax + b)"]
    pressed = np.any((out == 0) & (stages["Ax + b"] != 0), axis=1)
    with view:
        frame.metrics(
            [
                ("det A", frame.fmt(la.determinant(A), 4)),
                ("outputs range x", _range(out[:, 0])),
                ("outputs range y", _range(out[:, 1])),
                ("points σ presses onto an axis", f"{100 * np.mean(pressed):.0f}%"),
            ]
        )
        plane = Plane()
        plane.grid("grid", stages[earlier].reshape(grid.shape), fit=False)
        half = len(LAYER_GRID)
        plane.grid("u", shown[:half])
        plane.grid("v", shown[half:])
        drawn = plane.draw(title=f"Step: {step}")
        st.caption(
            "Blue lines were horizontal and vermillion lines vertical in x; grey shows the "
            "step before."
        )
    frame.try_this(
        [
            "Press **ReLU flattens** and drag **Step** from Ax + b to σ(Ax + b): every point "
            "with a negative coordinate lands on an axis — 69% of the grid's points.",
            "Press **Sigmoid squash**: the grid over [−2, 2]² ends inside the unit square "
            "(outputs 0.018 … 0.982), and the lines bunch up near its edges where the sigmoid "
            "saturates.",
            "Set **Activation σ** to identity: the layer is just the straight-line map Ax + b, "
            "and the grid stays a grid of parallel lines.",
            "Press **Singular A**: A flattens the grid onto one line; σ only squeezes it to a "
            "segment at y = 0.622 — no activation can recover the lost direction.",
        ]
    )
    frame.download({"layer": drawn}, file_name="layer.csv", key="layer_csv")
