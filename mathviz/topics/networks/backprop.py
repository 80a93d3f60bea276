"""Backpropagation on a 2-2-1 network and one example: the chain rule, one layer at a time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import networks as nn
from mathviz.charts import networks as charts
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Seed, Slider
from mathviz.ui.format import fmt
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

SIZES = (2, 2, 1)
SUBSCRIPTS = "₁₂₃₄₅₆₇₈₉"
SQUASH = {"tanh": "tanh", "sigmoid": "σ", "relu": "ReLU"}
LAYER = ("⁽¹⁾", "⁽²⁾")  # the layer's number on a weight's name, as in the formula's A⁽ℓ⁾

ACTIVATION = Choice(
    "bp_act", "Hidden activation", tuple(SQUASH), "tanh", kind="horizontal",
    help="σ in h = σ(Az + b) of the hidden layer; the output is always a sigmoid.",
)  # fmt: skip
X1 = Slider("bp_x1", "Input x₁", -2.0, 2.0, 1.0, step=0.1)
X2 = Slider("bp_x2", "Input x₂", -2.0, 2.0, -0.5, step=0.1)
LABEL = Choice(
    "bp_y", "True class y", (1, 0), 1, kind="horizontal",
    help="The loss is −ln ŷ when y = 1 and −ln(1 − ŷ) when y = 0.",
)  # fmt: skip
SEED = Seed("bp_seed", 3)
LR = Choice(
    "bp_lr", "Learning rate η", (0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0), 0.5,
    label_of=lambda lr: f"{lr:g}", kind="slider",
)  # fmt: skip


def weights(seed: int) -> nn.Params:
    """The network's weights for a seed; small random biases, so each unit starts off-centre."""
    params = nn.init_params(SIZES, seed=seed)
    rng = np.random.default_rng([seed, 2])
    return [(A, rng.normal(0.0, 0.3, b.shape)) for A, b in params]


def _sub(i: int) -> str:
    return SUBSCRIPTS[i]


def graph_frames(
    trace: nn.Trace, params: nn.Params, activation: str, label: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The graph's nodes, edges and δ notes, laid out in layers left to right."""
    heights = {2: (0.9, 0.1), 1: (0.5,)}
    squash = SQUASH[activation]
    x, h, p = trace.inputs[0], trace.out[0], float(trace.out[1][0])
    z1, z2 = trace.pre[0], float(trace.pre[1][0])
    # Names above the nodes of the top row and the middle, below those of the bottom row
    # (side −1 or 1), so no name sits on an edge; δ goes beyond the name, away from the edges.
    nodes = [
        (0.0, heights[2][j], f"x{_sub(j)}", _num(x[j], 3), "input", 2 * j - 1) for j in range(2)
    ]
    nodes += [
        (1.0, heights[2][i], f"h{_sub(i)} = {squash}({_num(z1[i], 3)})", _num(h[i], 3), "hidden",
         2 * i - 1)
        for i in range(2)
    ]  # fmt: skip
    nodes += [(2.0, 0.5, f"ŷ = sigmoid({_num(z2, 3)})", _num(p, 3), "output", -1)]
    nodes += [(3.0, 0.5, f"L, y = {label}", _num(trace.loss, 3), "loss", -1)]
    edges = []
    for layer, (A, _) in enumerate(params):
        ins, outs = heights[A.shape[1]], heights[A.shape[0]]
        inputs, delta = trace.inputs[layer], trace.deltas[layer]
        stage_at = 4 if layer == 0 else 2
        for i in range(A.shape[0]):
            for j in range(A.shape[1]):
                # Mid-edge, except where two edges cross (the middle of the first layer):
                # there a third of the way along, so the two labels sit far apart.
                t = 0.3 if layer == 0 and i != j else 0.5 if layer == 0 else 0.45
                edges.append(
                    {
                        "x": float(layer), "y": ins[j], "x2": float(layer + 1), "y2": outs[i],
                        "weight": float(A[i, j]),
                        "lx": layer + t, "ly": ins[j] + t * (outs[i] - ins[j]),
                        "text": f"w = {_num(A[i, j], 3)}",
                        "grad": f"∂L/∂w = {_num(inputs[j] * delta[i], 3)}",
                        "stage": stage_at,
                    }
                )  # fmt: skip
    edges.append(
        {
            "x": 2.0, "y": 0.5, "x2": 3.0, "y2": 0.5, "weight": 0.0, "lx": 2.5, "ly": 0.5,
            "text": "", "grad": "", "stage": 0,
        }
    )  # fmt: skip
    notes = [(2.0, 0.5, f"δ = ŷ − y = {_num(trace.deltas[1][0], 3)}", 1, 1.5)]
    notes += [
        (1.0, heights[2][i], f"δ = {_num(trace.deltas[0][i], 3)}", 3, 2 * (2 * i - 1))
        for i in range(2)
    ]
    return (
        pd.DataFrame(nodes, columns=["x", "y", "name", "value", "kind", "side"]),
        pd.DataFrame(edges),
        pd.DataFrame(notes, columns=["x", "y", "text", "stage", "side"]),
    )


def _num(value: float, digits: int) -> str:
    """A number as the page prints it, with −0 (a product of 0 and a negative) shown as 0."""
    return fmt(float(value) + 0.0, digits)


def parameter_table(params: nn.Params, trace: nn.Trace, numeric: nn.Params) -> str:
    """Every weight and bias: its value, its gradient both ways, and the gap between them."""
    rows = [
        "| parameter | value | backprop: input × δ | central difference | gap |",
        "|---|---|---|---|---|",
    ]
    for layer, ((A, b), (dA, db), (nA, nb)) in enumerate(
        zip(params, trace.grads, numeric, strict=True)
    ):
        for i in range(A.shape[0]):
            for j in range(A.shape[1]):
                a, d = float(trace.inputs[layer][j]), float(trace.deltas[layer][i])
                rows.append(
                    f"| A{LAYER[layer]}{_sub(i)}{_sub(j)} | {_num(A[i, j], 4)} | "
                    f"{_num(a, 3)} × {_num(d, 3)} = {_num(dA[i, j], 4)} | "
                    f"{_num(nA[i, j], 4)} | {fmt(abs(float(dA[i, j] - nA[i, j])), 2)} |"
                )
            rows.append(
                f"| b{LAYER[layer]}{_sub(i)} | {_num(b[i], 4)} | "
                f"1 × {_num(db[i], 3)} = {_num(db[i], 4)} | "
                f"{_num(nb[i], 4)} | {fmt(abs(float(db[i] - nb[i])), 2)} |"
            )
    return "\n".join(rows)


def body() -> frame.Plotted:
    """Controls; the graph with its backward pass; the gradients checked; one step taken."""
    first, second, third = st.columns(3, gap="large")
    with first:
        activation = ACTIVATION()
        label = int(LABEL())
    with second:
        x = np.array([X1(), X2()], dtype=float)
    with third:
        seed = SEED()
        lr = float(LR())
    params = weights(int(seed))
    trace = nn.backprop_trace(params, x, label, activation=activation)
    nodes, edges, notes = graph_frames(trace, params, activation, label)
    frame.chart(charts.graph_chart, nodes, edges, notes, big=projector_on())
    stage.player(
        charts.BACK, key="bp_player", seconds=6.0, from_start=True, min_rate=0.5,
        note="Play the backward pass: from the loss back to the inputs, each unit's δ "
        "(∂L/∂z) appears under it, then each weight's gradient: the input it multiplies "
        "times the δ of the unit it feeds (the table below shows both factors).",
    )  # fmt: skip
    numeric = nn.numeric_gradients(params, x[None, :], [label], activation=activation)
    after = nn.backprop_trace(nn.sgd_step(trace.grads, params, lr), x, label, activation=activation)
    squared = float(sum(np.sum(dA * dA) + np.sum(db * db) for dA, db in trace.grads))
    frame.numbers(
        [
            ("loss L", fmt(trace.loss, 4)),
            (f"after one step, η = {lr:g}", fmt(after.loss, 4)),
            ("change", fmt(after.loss - trace.loss, 3)),
            ("predicted −η‖g‖²", fmt(-lr * squared, 3)),
        ]
    )
    if after.loss > trace.loss:
        st.warning(
            f"The step made the loss worse: η = {lr:g} is so large that the straight-line "
            "prediction −η‖g‖² no longer holds — the loss curves away before the step ends.",
            icon=":material/trending_up:",
        )
    else:
        st.caption(
            "A small step against the gradient lowers the loss by about η times the squared "
            "length of the gradient: the slope times the distance moved along it."
        )
    st.markdown(
        "**Each gradient, two ways.** Backpropagation multiplies a local slope by the "
        "gradient flowing in; the central difference nudges that one weight by ±10⁻⁶ and "
        "watches the loss. They agree to about 10⁻¹⁰."
    )
    st.markdown(parameter_table(params, trace, numeric))
    flat = pd.DataFrame(
        {
            "parameter": [f"layer {k + 1} {part}" for k, (A, b) in enumerate(params)
                          for part in (["A"] * A.size + ["b"] * b.size)],
            "backprop": np.concatenate([np.r_[dA.ravel(), db] for dA, db in trace.grads]),
            "central difference": np.concatenate([np.r_[dA.ravel(), db] for dA, db in numeric]),
        }
    )  # fmt: skip
    return {"graph": pd.concat([nodes, edges, notes], ignore_index=True), "gradients": flat}


TOPIC = Topic(
    name="backprop",
    prefix="bp",
    intro=(
        "Backpropagation is the chain rule applied from the loss backwards, one layer at a "
        "time. Each unit's δ = ∂L/∂z is its local slope σ′(z) times the gradient flowing back "
        "into it; each weight's gradient is the input it multiplies times the δ of the unit "
        "it feeds. At the output of a sigmoid with the cross-entropy loss, δ is simply ŷ − y: "
        "the error itself. One pass back gives every gradient for the price of about one pass "
        "forward, where nudging each weight in turn would cost a forward pass per weight — "
        "the reason networks with millions of weights can be trained at all."
    ),
    formulas=(
        r"\frac{\partial L}{\partial A^{(\ell)}_{ij}} = \delta^{(\ell)}_i \, a^{(\ell-1)}_j",
        r"\delta^{(\ell)} = \sigma'\!\left(z^{(\ell)}\right) \odot "
        r"A^{(\ell+1)\top} \delta^{(\ell+1)}",
        r"\delta^{(\text{out})} = \hat y - y \quad\text{for } "
        r"L = -y \ln \hat y - (1 - y)\ln(1 - \hat y),\ \hat y = \operatorname{sigmoid}(z)",
        r"L(\theta - \eta g) \approx L(\theta) - \eta \lVert g \rVert^2",
    ),
    presets={
        "Confident and wrong": {ACTIVATION: "tanh", X1: -2.0, X2: -2.0, LABEL: 1, SEED: 23},
        "Saturated": {ACTIVATION: "tanh", X1: 2.0, X2: -2.0, LABEL: 0, SEED: 3},
        "Dead ReLU": {ACTIVATION: "relu", X1: -1.0, X2: 1.5, LABEL: 1, SEED: 3},
        "Too big a step": {ACTIVATION: "tanh", X1: 2.0, X2: 1.0, LABEL: 1, SEED: 11, LR: 10.0},
    },
    try_this=(
        "Press **Play** under the graph: the backward pass starts at the output, where "
        "δ = ŷ − y, writes each output weight's gradient, then the hidden δs, then the first "
        "layer's gradients. In the table each gradient is its input times its unit's δ, and "
        "matches the central difference to about ten digits.",
        "Press **Confident and wrong**: ŷ = 0.058 for a point of class 1, a loss of 2.85 "
        "nats. δ at the output is −0.94, nearly the largest it can be (−1), so the output "
        "layer's gradients are large: the cross-entropy punishes confident mistakes hardest.",
        "Press **Saturated**: h₁ = tanh(6.56) ≈ 1 sits where tanh is flat, its slope about "
        "8·10⁻⁶. Its δ is about −9·10⁻⁷ and the gradients into it nearly vanish (see the "
        "table): a saturated unit barely learns.",
        "Press **Dead ReLU**: both hidden units have z < 0, output 0 and slope 0, so their "
        "δs and the gradients of every first-layer weight are exactly 0 — only the output "
        "bias learns from this example.",
        "Press **Too big a step**: with η = 10 the loss rises from 1.20 to 3.79 instead of "
        "falling; the prediction −η‖g‖² only holds for small steps. Set η to 0.01 and the "
        "change matches it to a few per cent.",
    ),
    body=body,
)
