"""A neural-network layer σ(Ax + b), one stage at a time."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.charts.plane import Plane
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Matrix, Vector
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

LAYER_STEPS = ("x", "Ax", "Ax + b", "σ(Ax + b)")
LINES = 9  # horizontal lines of the square [−2, 2]², and as many vertical ones
GRID = charts.square_grid(2.0, lines=LINES, points=40)  # the same grid every run: built once

A = Matrix("layer_a", "A", ((1.5, 0.5), (-0.5, 1.5)))
B = Vector("layer_b", "b", (0.0, 0.0))
ACTIVATION = Choice("layer_act", "Activation σ", la.ACTIVATIONS, "sigmoid", kind="horizontal")
STEP = Choice("layer_step", "Step", LAYER_STEPS, LAYER_STEPS[-1], kind="slider")


def value_range(values: np.ndarray) -> str:
    """The smallest and largest value, as "low … high"."""
    return f"{fmt(float(values.min()), 3)} … {fmt(float(values.max()), 3)}"


def preset(M: Any, b: tuple[float, float], activation: str) -> dict[Any, Any]:
    """A preset of the layer, shown at its last step, σ(Ax + b)."""
    return {**A.values(M), **B.values(b), ACTIVATION: activation, STEP: LAYER_STEPS[-1]}


def body() -> frame.Plotted:
    """Controls; det A, the output ranges, the share σ flattens; the grid at the chosen step."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        M, b, activation, step = A(), B(), ACTIVATION(), STEP()
    run = la.layer_stages(GRID.reshape(-1, 2), M, b, activation)
    stages = dict(
        zip(LAYER_STEPS, (run.points, run.linear, run.shifted, run.activated), strict=True)
    )
    shown = stages[step].reshape(GRID.shape)
    earlier = LAYER_STEPS[max(LAYER_STEPS.index(step) - 1, 0)]
    with view:
        frame.metrics(
            [
                ("det A", fmt(la.determinant(M), 4)),
                ("outputs range x", value_range(run.activated[:, 0])),
                ("outputs range y", value_range(run.activated[:, 1])),
                ("points σ presses onto an axis", f"{100 * run.pressed:.0f}%"),
            ]
        )
        plane = Plane()
        plane.grid("grid", stages[earlier].reshape(GRID.shape), fit=False)
        plane.grid("u", shown[:LINES])
        plane.grid("v", shown[LINES:])
        drawn = frame.plane(plane, title=f"Step: {step}")
        st.caption(
            "Blue lines were horizontal and vermillion lines vertical in x; grey shows the "
            "step before."
        )
    return {"layer": drawn}


TOPIC = Topic(
    name="layer",
    prefix="layer",
    intro=(
        "A layer of a neural network is a matrix, a shift and a bend. A turns and stretches "
        "the plane, b slides it, and the activation σ bends it entry by entry: the sigmoid "
        "squeezes everything into the square (0, 1)², tanh into (−1, 1)², and ReLU sets every "
        "negative coordinate to 0, pressing the left half-plane onto the y-axis and the lower "
        "half onto the x-axis. Without σ, stacked layers would collapse into "
        "one matrix; the bend is what lets a network draw curved boundaries."
    ),
    formulas=(
        r"y = \sigma(A x + b)",
        r"\sigma(z) = \frac{1}{1 + e^{-z}},\ \tanh z,\ \max(0, z)",
    ),
    presets={
        "Sigmoid squash": preset([[1.5, 0.5], [-0.5, 1.5]], (0, 0), "sigmoid"),
        "ReLU flattens": preset([[1.0, -1.0], [1.0, 1.0]], (0.5, 0), "relu"),
        "tanh": preset([[2.0, 0.0], [0.0, 2.0]], (0, 0), "tanh"),
        "Singular A": preset(la.PRESETS["projection"], (0, 0.5), "sigmoid"),
    },
    try_this=(
        "Press **ReLU flattens** and drag **Step** from Ax + b to σ(Ax + b): every point "
        "with a negative coordinate lands on an axis — 69% of the grid's points.",
        "Press **Sigmoid squash**: the grid over [−2, 2]² ends inside the unit square "
        "(outputs 0.018 … 0.982), and the lines bunch up near its edges where the sigmoid "
        "saturates.",
        "Set **Activation σ** to identity: the layer is just the straight-line map Ax + b, "
        "and the grid stays a grid of parallel lines.",
        "Press **Singular A**: A flattens the grid onto one line; σ only squeezes it to a "
        "segment at y = 0.622 — no activation can recover the lost direction.",
    ),
    body=body,
)
