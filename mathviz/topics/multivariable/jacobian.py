"""The Jacobian of a layer σ(Ax + b), and backpropagation as the chain rule."""

from __future__ import annotations

import numpy as np
import streamlit as st

from mathviz import multivariable as mv
from mathviz.charts import multivariable as charts
from mathviz.charts.plane import Plane, polygon
from mathviz.linear_algebra import ACTIVATIONS
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Matrix, Vector
from mathviz.ui.format import fmt, latex_matrix, vec
from mathviz.ui.topic import Topic

SQUARE_SIDES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
SECOND_LAYER = np.array([[1.0, -2.0], [0.5, 1.0]])
SECOND_BIAS = np.array([0.0, 0.5])
TARGET = np.array([1.0, 0.0])

A = Matrix("jac_a", "A", ((1.5, 0.5), (-0.5, 1.5)))
BIAS = Vector("jac_b", "b", (0.0, 0.0))
X = Vector("jac_x", "x", (0.5, 0.5))
ACTIVATION = Choice("jac_act", "Activation σ", ACTIVATIONS, "sigmoid", kind="horizontal")
SIDE = Choice("jac_s", "Square side", SQUARE_SIDES, 0.5, label_of=lambda s: f"{s:g}", kind="slider")


def body() -> frame.Plotted:
    """Controls; J against its difference quotient; a small square and its image; backprop."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        weights, bias, x = A(), BIAS(), X()
        activation, side = ACTIVATION(), SIDE()
    near = mv.layer_linearization(weights, bias, x, activation=activation)
    J = near.jacobian
    plotted: frame.Plotted = {}
    with view:
        frame.metrics(
            [
                ("det J (area scale)", fmt(near.det, 4)),
                ("largest |J − difference quotient|", fmt(near.worst, 2)),
                ("f(x)", vec(near.value, 3)),
            ]
        )
        st.latex(r"J = " + latex_matrix(J, 4))
        st.latex(r"\text{difference quotient: }" + latex_matrix(near.numeric, 4))
        corners, outline = charts.square_outline(side)
        g = mv.layer_function(weights, bias, activation)
        image, _, gap = mv.linearization_gap(g, x, J, outline)
        plane = Plane(minimum=0.1)
        plane.path("before", outline, name="square around x", style="dashed")
        plane.region("after", polygon(corners @ J.T), name="J · square")
        plane.path("u", image, name="f(x + d) − f(x)")
        plotted["square"] = frame.plane(
            plane, title="Steps d around x (grey), where f sends them (blue), J·d (orange)"
        )
        st.caption(
            f"The image of the square is at most {fmt(gap, 3)} from the parallelogram: "
            f"{fmt(100 * gap / side, 3)}% of the side. The gap usually shrinks like the "
            "side squared, so halving the side about halves that percentage (or quarters it "
            "where σ″ = 0, as for tanh at 0)."
        )
    _backprop(weights, bias, x, activation)
    return plotted


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
        "A layer f(x) = σ(Ax + b) turns a point of the plane into another. Near a point x "
        "it acts almost like a matrix: a small step d moves the output by about J·d, where "
        "J, the Jacobian, holds every output's gradient as a row. By the chain rule it is "
        "the matrix A with row i scaled by the activation's slope at (Ax + b)ᵢ. So a "
        "tiny square around x lands on (nearly) the parallelogram J·square, and the "
        "smaller the square, the better the match."
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
        "Press **Big square**, then drag **Square side** down to 0.1: the blue image "
        "straightens into the orange parallelogram.",
    ),
    body=body,
)
