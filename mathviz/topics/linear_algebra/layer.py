"""A neural-network layer σ(Ax + b), one stage at a time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import linear_algebra as la
from mathviz.charts import linear_algebra as charts
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Matrix, Vector
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

LAYER_STEPS = ("x", "Ax", "Ax + b", "σ(Ax + b)")
LINES = 9  # horizontal lines of the square [−2, 2]², and as many vertical ones
GRID = charts.square_grid(2.0, lines=LINES, points=40)  # the same grid every run: built once

CLASSES = la.xor_classes(120, spread=0.25, seed=0)  # the same points every run
CLASS_NAMES = ("x and y share a sign", "x and y differ in sign")
YES_NO = {True: "yes", False: "no"}

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
    """The grid and two classes carried through the layer; the boxes and what σ did beside it."""
    view, controls = st.columns([2.3, 1], gap="medium")
    with controls:
        M, b, activation = A(), B(), ACTIVATION()
    with frame.offstage("layer"):  # the link's step sets where the morph starts
        step = STEP()
    run = la.layer_stages(GRID.reshape(-1, 2), M, b, activation)
    data = la.layer_stages(CLASSES.points, M, b, activation)
    before = la.linear_separation(CLASSES.points, CLASSES.labels)
    after = la.linear_separation(data.activated, CLASSES.labels)
    grids = [stage_points.reshape(GRID.shape) for stage_points in _stages(run)]
    with view:
        scene = charts.layer_scene(
            GRID,
            grids,
            CLASSES.points,
            CLASSES.labels,
            _stages(data),
            A=M,
            b=b,
            activation=activation,
            stages=LAYER_STEPS,
            t=LAYER_STEPS.index(step) / (len(LAYER_STEPS) - 1),
            separator=(
                (after.normal, after.offset)
                if after.separable and after.normal is not None
                else None
            ),
            class_names=CLASS_NAMES,
        )
        stage.show(scene, key="layer_stage")
        st.caption(
            "**Play**: A turns and stretches the plane, b slides it, σ bends it; the view "
            "follows the points. Blue and vermillion are two classes in an XOR pattern: no "
            "straight line separates them at the start. *One line splits them* reads before "
            "the layer → after it."
        )
    with controls:
        frame.numbers(
            [
                ("det A", fmt(la.determinant(M), 4)),
                ("outputs range x", value_range(run.activated[:, 0])),
                ("outputs range y", value_range(run.activated[:, 1])),
                ("points σ presses onto an axis", f"{100 * run.pressed:.0f}%"),
                (
                    "one line splits them",
                    f"{YES_NO[before.separable]} → {YES_NO[after.separable]}",
                ),
            ]
        )
    return {"layer": lambda: layer_table(run, data)}


def _stages(run: la.LayerStages) -> list[np.ndarray]:
    return [run.points, run.linear, run.shifted, run.activated]


def layer_table(run: la.LayerStages, data: la.LayerStages) -> pd.DataFrame:
    """Every grid point and data point after each stage, for the download."""
    parts = []
    for kind, stages in (("grid", run), ("data", data)):
        for name, xy in zip(LAYER_STEPS, _stages(stages), strict=True):
            part = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1]})
            parts.append(part.assign(points=kind, step=name))
    table = pd.concat(parts, ignore_index=True)
    table["class"] = np.nan
    data_rows = table["points"] == "data"
    table.loc[data_rows, "class"] = np.tile(CLASSES.labels, len(LAYER_STEPS))
    return table


TOPIC = Topic(
    name="layer",
    prefix="layer",
    intro=(
        "A layer of a neural network is a matrix, a shift and a bend. The bend does what no "
        "straight map can: press **XOR untangled** and Play to watch two tangled classes come "
        "apart until one line splits them. A turns and stretches the plane, b slides it, and "
        "the activation σ bends it entry by entry: the sigmoid squeezes everything into the "
        "square (0, 1)², tanh into (−1, 1)², and ReLU sets every negative coordinate to 0, "
        "pressing the left half-plane onto the y-axis and the lower half onto the x-axis. "
        "Without σ, stacked layers would collapse into one matrix; the bend is what lets a "
        "network draw curved boundaries."
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
        "XOR untangled": preset([[1.0, -1.0], [-1.0, 1.0]], (0, 0), "relu"),
    },
    try_this=(
        "Press **ReLU flattens** and click **Ax + b**, then **σ(Ax + b)** under the picture: "
        "every point with a negative coordinate lands on an axis — 69% of the grid's points.",
        "Press **Sigmoid squash**: the grid over [−2, 2]² ends inside the unit square "
        "(outputs 0.018 … 0.982), and the lines bunch up near its edges where the sigmoid "
        "saturates.",
        "Set **Activation σ** to identity: the layer is just the straight-line map Ax + b, "
        "and the grid stays a grid of parallel lines — and the two classes stay tangled: no "
        "straight-line map can separate them.",
        "Press **XOR untangled** and **Play**: A squashes the plane onto the line y = −x "
        "(x − y is all it keeps), then ReLU folds that line at 0 into an L. Points whose "
        "coordinates share a sign land near the corner, the others far out on the arms: a "
        "straight line now separates them — the bend is what a straight map cannot do.",
        "Press **Singular A**: A flattens the grid onto one line; σ only squeezes it to a "
        "segment at y = 0.622 — no activation can recover the lost direction.",
    ),
    body=body,
)
