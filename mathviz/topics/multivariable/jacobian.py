"""The Jacobian of a layer σ(Ax + b), and backpropagation as the chain rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.charts import multivariable as charts
from mathviz.linear_algebra import ACTIVATIONS
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Matrix, Vector
from mathviz.ui.format import fmt, latex_matrix, vec
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

SQUARE_SIDES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
GRID_HALF = 1.5  # the grid covers x ± this (or the square, if larger)
# The two planes are near square, so the grids fill them: the input's column (~350 px wide
# at 1280 px) under its legend and title, the image's (~440 px) likewise.
INPUT_HEIGHT = 430
OUTPUT_HEIGHT = 520
SECOND_LAYER = np.array([[1.0, -2.0], [0.5, 1.0]])
SECOND_BIAS = np.array([0.0, 0.5])
TARGET = np.array([1.0, 0.0])
OUTPUT_KEYS = (
    "x₁ = c, under f", "x₂ = c, under f", "x₁ = c, under J", "x₂ = c, under J",
    "square under J", "square under f",
)  # fmt: skip
RANGE_EDGE = "edge of σ's range"  # drawn for a bounded σ: (0, 1)² or (−1, 1)²

A = Matrix("jac_a", "A", ((1.5, 0.5), (-0.5, 1.5)))
BIAS = Vector("jac_b", "b", (0.0, 0.0))
X = Vector("jac_x", "x", (0.5, 0.5))
ACTIVATION = Choice("jac_act", "Activation σ", ACTIVATIONS, "sigmoid", kind="horizontal")
SIDE = Choice("jac_s", "Square side", SQUARE_SIDES, 0.5, label_of=lambda s: f"{s:g}", kind="slider")


def body() -> frame.Plotted:
    """Controls; the grid around x bent by f next to its linear model; J; backprop."""
    # The picture first: on a phone the columns stack, and the map comes straight after
    # the presets; on a wide screen the controls sit at its right.
    # The input plane beside its image, so a line of the grid and its image are seen
    # together; the controls under the input plane. On a phone: input, controls, image.
    source, view = st.columns([1.2, 1.5], gap="medium")
    with source:
        drawn = st.container()  # the input plane, drawn once x is known
        weights, bias, x = A(), BIAS(), X()
        activation, side = ACTIVATION(), SIDE()
    near = mv.layer_linearization(weights, bias, x, activation=activation)
    J = near.jacobian
    flat = mv.layer_saturation(weights, bias, x, activation=activation)
    plotted: frame.Plotted = {}
    with view:
        half = max(GRID_HALF, side)
        # 41 points a line keep the bent lines smooth at half the rows of the default.
        warp = mv.layer_warp(weights, bias, x, activation=activation, half=half, points=41)
        _, outline = charts.square_outline(side)
        g = mv.layer_function(weights, bias, activation)
        image, linear, gap = mv.linearization_gap(g, x, J, outline)
        fx = near.value
        ones, twos = charts.grid_families(warp.grid)
        curved1, curved2 = charts.grid_families(warp.curved)
        linear1, linear2 = charts.grid_families(warp.linear)
        square = (x + outline)[None]
        before = charts.warp_frame(
            # The input grid's lines are straight: their two ends draw them.
            [
                ("x₁ = c", ones[:, [0, -1]]),
                ("x₂ = c", twos[:, [0, -1]]),
                ("square around x", square),
            ]
        )
        after = charts.warp_frame(
            [
                ("x₁ = c, under f", curved1, ones),
                ("x₂ = c, under f", curved2, twos),
                ("x₁ = c, under J", linear1, ones),
                ("x₂ = c, under J", linear2, twos),
                ("square under J", (fx + linear)[None], square),
                ("square under f", (fx + image)[None], square),
            ]
        )
        # Each plane framed on what it shows: the input on the grid round x, the output on
        # the layer's image of that grid and of the square, so a flattened image still
        # fills its picture. The view travels as data: moves reuse one chart spec.
        source_box = x + np.array([[-half, -half], [half, half]])
        source_view = charts.view_box(source_box, margin=0.05)
        framed = np.concatenate([warp.curved.reshape(-1, 2), fx + image, fx + linear])
        image_view = charts.view_box(framed, margin=0.12)
        # The bend plays in one frame holding the grid before and after, so the square's
        # change of area (det J) is seen; then the view closes in on the image.
        both_view = charts.view_box(np.concatenate([source_box, framed]), margin=0.08)
        with drawn:
            frame.chart(
                charts.warp_chart, before, _mark(x, "x"), charts.warp_view(source_view),
                title="The input plane", height=INPUT_HEIGHT, big=projector_on(),
            )  # fmt: skip
        keys: tuple[str, ...] = OUTPUT_KEYS
        if activation in mv.BOUNDS:
            after = pd.concat([after, _range_edge(activation)], ignore_index=True)
            keys = (*keys, RANGE_EDGE)
        frame.chart(
            charts.warp_chart, after, _mark(fx, _output_label(J), start=x),
            charts.warp_view(image_view, start=both_view, keep=_range_box(activation, framed)),
            title=_output_title(flat), height=OUTPUT_HEIGHT,
            bend=True, big=projector_on(), keys=keys,
        )  # fmt: skip
        stage.player(
            charts.BEND, key="jac_player", seconds=3.0,
            note="Play, or drag the slider: the layer bends the grid around x in one frame "
            "(the square's area scales by about |det J|), then the view closes in.",
        )  # fmt: skip
        frame.numbers(
            [
                ("det J (area scale)", fmt(near.det, 4)),
                ("largest |J − difference quotient|", fmt(near.worst, 2)),
                ("f(x)", vec(near.value, 3)),
            ]
        )
        plotted["input grid"] = before
        plotted["output grids"] = after
        st.caption(_warp_caption(warp, J, gap, side, flat))
        st.latex(r"J = " + latex_matrix(J, 4))
        st.latex(r"J_{\text{by differences}} = " + latex_matrix(near.numeric, 4))
    _backprop(weights, bias, x, activation)
    return plotted


def _range_box(activation: str, framed: np.ndarray) -> tuple[float, float, float, float] | None:
    """σ's square with a margin (and every framed point): the output view shows what fits.

    None for an unbounded σ: the view then stays centred on what it frames.
    """
    if activation not in mv.BOUNDS:
        return None
    lo, hi = mv.BOUNDS[activation]
    pad = 0.05 * (hi - lo)
    low = np.minimum(framed.min(axis=0), lo - pad)
    high = np.maximum(framed.max(axis=0), hi + pad)
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def _range_edge(activation: str) -> pd.DataFrame:
    """The edge of the square σ maps the plane into, (0, 1)² or (−1, 1)², as one line."""
    lo, hi = mv.BOUNDS[activation]
    edge = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi], [lo, lo]])
    return charts.warp_frame([(RANGE_EDGE, edge[None])])


def _mark(p: np.ndarray, label: str, *, start: np.ndarray | None = None) -> pd.DataFrame:
    """A marked point, and where it starts when the plane bends (by default, itself)."""
    s = p if start is None else start
    return pd.DataFrame(
        {
            "x": [float(p[0])],
            "y": [float(p[1])],
            "x0": [float(s[0])],
            "y0": [float(s[1])],
            "label": [label],
        }
    )


def _output_label(J: np.ndarray) -> str:
    if not J.any():
        return "whole square → f(x)"
    return "f(x)"


def _output_title(flat: mv.Saturation) -> str:
    """The output plane's title; it says so when the layer flattens the plane."""
    if flat.saturated.any():
        return "Saturated: the layer flattens the grid, det J ≈ 0"
    return "Where the layer sends that grid"


def _saturation_words(flat: mv.Saturation, det: float) -> str:
    """What a saturated unit does to the picture, in numbers read off at x."""
    units = np.flatnonzero(flat.saturated)
    said = ", ".join(
        f"unit {i + 1}'s pre-activation {fmt(float(flat.pre[i]), 3)} has σ′ = "
        f"{fmt(float(flat.slope[i]), 2)} ({fmt(100 * float(flat.share[i]), 2)}% of its steepest)"
        for i in units
    )
    if len(units) == len(flat.saturated):
        squashed = (
            "every output barely moves, so the whole grid is squeezed into a corner of σ's range"
        )
    else:
        squashed = (
            f"output {units[0] + 1} barely moves, so the grid collapses onto a thin band "
            "and the square onto almost a segment"
        )
    return (
        f"The layer flattens: {said}. Where σ is flat, {squashed}: det J = {fmt(det, 2)} "
        "≈ 0. The view is framed on the image, so the collapse stays visible; the dotted "
        "line is the edge of σ's range. A gradient sent back through a saturated unit "
        "all but vanishes."
    )


def _warp_caption(
    warp: mv.Warp, J: np.ndarray, gap: float, side: float, flat: mv.Saturation
) -> str:
    """What the two grids say: a dead layer, a dead unit, or how far the model reaches."""
    if warp.dead.all():
        return (
            "Every unit is switched off at x: both pre-activations are negative, where ReLU "
            "is flat, so J = 0 and the whole square around x maps to the one point f(x) — "
            "a dead layer. No small step moves the output, and no gradient flows back "
            "through it to x or to A."
        )
    if not J.any():
        return (
            "J = 0: every weight is 0, so the layer ignores its input. The whole square "
            "around x, and the whole plane, map to the one point f(x)."
        )
    if warp.dead.any():
        i = int(np.flatnonzero(warp.dead)[0]) + 1
        return (
            f"Unit {i} is switched off at x (its pre-activation is negative, where ReLU is "
            f"flat): row {i} of J is 0, so near x output {i} does not move and the square "
            "flattens onto a segment (det J = 0). Far from x the grid crosses into the region "
            "where the unit is on, and the curved grid bends away from the linear one."
        )
    if flat.saturated.any():
        return _saturation_words(flat, float(np.linalg.det(J)))
    if np.allclose(warp.curved, warp.linear, atol=1e-12):
        return (
            "On this whole grid f is itself linear (σ is the identity, or a ReLU that stays "
            "on), so its grid and the linear model's are one and the same."
        )
    far = float(warp.gap().max())
    return (
        f"Near x the two grids agree; at the grid's edge they are {fmt(far, 3)} apart. "
        f"The image of the square is at most {fmt(gap, 3)} from the parallelogram J·square, "
        f"{fmt(100 * gap / side, 3)}% of the side: halve the side and that share about "
        "halves, because the gap shrinks like the side squared."
    )


def _backprop(weights: np.ndarray, bias: np.ndarray, x: np.ndarray, activation: str) -> None:
    """A second layer on top and a squared-error loss: the gradient by the chain rule."""
    st.markdown("##### Backpropagation: the chain rule, layer by layer")
    run = mv.backprop(
        weights, bias, x, B=SECOND_LAYER, c=SECOND_BIAS, target=TARGET, activation=activation
    )
    loss = mv.network_loss(
        weights, bias, B=SECOND_LAYER, c=SECOND_BIAS, target=TARGET, activation=activation
    )
    numeric = mv.gradient(loss, x)
    st.markdown(
        f"A second layer y = σ(Bh + c) reads h = f(x) = {vec(run.hidden)}, giving "
        f"y = {vec(run.output)}; the loss is L = ½‖y − t‖² with target t = {vec(TARGET)}. "
        "Backpropagation runs the chain rule from the loss back to x: the error y − t is "
        "multiplied by each layer's Jacobian, transposed, in reverse order."
    )
    st.latex(
        r"B = " + latex_matrix(SECOND_LAYER) + r",\ c = " + latex_matrix(SECOND_BIAS[:, None])
        + r",\ J_2 = " + latex_matrix(run.second, 3)
    )  # fmt: skip
    st.latex(
        r"\nabla_x L = J_1^{\top} J_2^{\top} (y - t) = J_1^{\top}"
        + latex_matrix(run.delta[:, None], 4) + " = " + latex_matrix(run.grad[:, None], 4)
    )  # fmt: skip
    st.caption(
        f"The difference quotient of L gives {vec(numeric, 6)}; the chain rule "
        f"{vec(run.grad, 6)}. A network with millions of weights is trained this way, one "
        "Jacobian-transpose product per layer."
    )


def _preset(weights: list, b: tuple, x: tuple, activation: str, side: float) -> dict:
    entries = {**A.values(weights), **BIAS.values(b), **X.values(x)}
    return {**entries, ACTIVATION: activation, SIDE: side}


TOPIC = Topic(
    name="jacobian",
    prefix="jac",
    intro=(
        "A layer f(x) = σ(Ax + b) bends the plane: straight grid lines come out curved. "
        "Near x it acts like the matrix J, A with row i scaled by σ′ at (Ax + b)ᵢ: the "
        "solid grid (the layer) and the dashed one (f(x) + J·d) agree near f(x) and part "
        "further out. Each line keeps its colour: green lines had x₁ fixed, pink ones x₂."
    ),
    formulas=(
        r"J = \operatorname{diag}\big(\sigma'(Ax + b)\big)\,A",
        r"f(x + d) \approx f(x) + J\,d",
    ),
    presets={
        "Gentle sigmoid": _preset([[1.5, 0.5], [-0.5, 1.5]], (0, 0), (0.5, 0.5), "sigmoid", 0.5),
        "Saturated": _preset([[3, 1], [-1, 3]], (0, 0), (2, 1.5), "sigmoid", 0.5),
        "ReLU switches off": _preset([[1, -1], [1, 1]], (0, 0), (-1, 0.5), "relu", 0.5),
        "Big square": _preset([[2, 1], [-1, 2]], (0, 0), (0, 0), "tanh", 2.0),
    },
    try_this=(
        "Press **Saturated**: at x = (2, 1.5) the pre-activations are 7.5 and 2.5, so σ′ "
        "is 0.0006 and 0.07 and the parallelogram flattens to a sliver — det J ≈ 0.0004. "
        "This is a vanishing gradient.",
        "Press **ReLU switches off**: Ax = (−1.5, −0.5) is negative in both rows, so J is "
        "all zeros and the whole square lands on one point.",
        "Press **Big square**, then drag **Square side** down to 0.1: the solid image of "
        "the square straightens into the dashed parallelogram.",
        "Choose **identity** as σ: the layer is linear, and the two grids become one.",
    ),
    body=body,
)
