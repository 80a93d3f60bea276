"""f(g(x)): the slope of the composition is the product of the two local slopes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import calculus
from mathviz.calculus import Function
from mathviz.charts import calculus as charts
from mathviz.topics.calculus.functions import FunctionChoice
from mathviz.ui import frame
from mathviz.ui.controls import Slider
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

F = FunctionChoice("chain_f", "Outer f", "sin", default_text="x^2 + 1")
G = FunctionChoice("chain_g", "Inner g", "square", default_text="3*x - 1", symbol="g")
X = Slider("chain_x", "Point x", -4.0, 4.0, 1.5, step=0.05)
SPAN = 2.0  # each panel shows its function this far either side of its point


@dataclass(frozen=True)
class Panel:
    """One of the three charts: a function near its point, with its tangent there."""

    title: str
    x_title: str
    lines: pd.DataFrame  # x, y, line ("f" or "tangent")
    point: pd.DataFrame  # x, y, label


def panel(title: str, x_title: str, function: Function, at: float, slope: float) -> Panel:
    """The function across [at − SPAN, at + SPAN] and its tangent of ``slope`` at ``at``."""
    ts = np.linspace(at - SPAN, at + SPAN, 200)
    ys = np.asarray(function(ts), dtype=float)
    y0 = float(function(np.asarray(at)))
    ends = ts[[0, -1]]
    lines = pd.DataFrame(
        {
            "x": np.concatenate([ts, ends]),
            "y": np.concatenate(
                [
                    charts.clip_far(ys, charts.view_range(ys)),
                    calculus.line_through(at, y0, slope, ends),
                ]
            ),
            "line": ["f"] * len(ts) + ["tangent"] * 2,
        }
    )
    point = pd.DataFrame({"x": [at], "y": [y0], "label": [f"slope {slope:.3g}"]})
    return Panel(title, x_title, lines, point)


def body() -> frame.Plotted:
    """Controls and the slopes; then g, f and f∘g side by side across the page."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        outer, inner, x = F(), G(), X()
    with view:
        u = float(inner(x))
        if not math.isfinite(u):
            frame.problem(
                f"g has no value at x = {x:g}, so neither has f(g(x)). Move x or pick "
                "another inner function."
            )
            raise frame.Halt
        if not math.isfinite(float(outer(u))):
            frame.problem(
                f"f has no value at u = g(x) = {fmt(u)}, so f(g(x)) is undefined at "
                f"x = {x:g}. Move x or pick other functions."
            )
            raise frame.Halt
        g_slope, f_slope = float(inner.df(x)), float(outer.df(u))
        product = f_slope * g_slope

        def composed(t: np.ndarray) -> np.ndarray:
            return outer(inner(t))

        numeric = float(calculus.difference_quotient(composed, x, 1e-6, scheme="central"))
        panels = [
            panel("inner g(x)", "x", inner, x, g_slope),
            panel("outer f(u)", "u = g(x)", outer, u, f_slope),
            panel("f(g(x))", "x", composed, x, product),
        ]
        frame.metrics(
            [
                ("g′(x)", fmt(g_slope)),
                ("f′(g(x))", fmt(f_slope)),
                ("product", fmt(product, 10)),
                ("difference quotient", fmt(numeric, 10)),
            ]
        )
        if not math.isfinite(product):
            st.info(
                "One of the slopes does not exist here, so neither does the product: "
                "the composition has a corner or an infinite slope at this x.",
                icon=":material/info:",
            )
        else:
            st.caption(
                f"Chain rule {fmt(product, 10)} and the central difference "
                f"quotient {fmt(numeric, 10)} (h = 1e-06) differ by "
                f"{fmt(abs(product - numeric), 2)}."
            )
    # The panels span the page: side by side in the narrow column they were tiny.
    for column, drawn in zip(st.columns(3), panels, strict=True):
        with column:
            frame.chart(
                charts.chain_panel_chart,
                drawn.lines,
                drawn.point,
                title=drawn.title,
                x_title=drawn.x_title,
            )
    return {
        p.title: pd.concat([p.lines, p.point.assign(line="point")], ignore_index=True)
        for p in panels
    }


TOPIC = Topic(
    name="chain-rule",
    prefix="chain",
    intro=(
        "Feed x through g, then feed g(x) through f. Near x, g stretches small changes by "
        "g′(x); near g(x), f stretches them again by f′(g(x)). Stretches multiply, so the "
        "slope of the composition is their product. Backpropagation in a neural network is "
        "this rule applied layer after layer."
    ),
    formulas=(r"\big(f(g(x))\big)' = f'\big(g(x)\big)\, g'(x)",),
    presets={
        "sin(x²)": {F: "sin", G: "square", X: 1.5},
        "exp(sin x)": {F: "exp", G: "sin", X: 0.5},
        "σ(x³) flat at 0": {F: "sigmoid", G: "cube", X: 0.0},
        "log of a bell": {F: "log", G: "bell", X: 1.0},
    },
    try_this=(
        "Press **sin(x²)** and move **Point x** to 0: g′(0) = 0 flattens the composition, "
        "whatever f does.",
        "Press **σ(x³) flat at 0**: σ′(0) = 1/4 but g′(0) = 0, so the product is 0 — a flat "
        "spot that vanishing gradients come from.",
        "Press **exp(sin x)** and drag x: the product and the difference quotient agree to "
        "about eight digits everywhere.",
        "Press **log of a bell**: $\\log(e^{-x^2}) = -x^2$, so the slope must be $-2x$; "
        "check it at x = 1.",
    ),
    body=body,
)
