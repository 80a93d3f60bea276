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
from mathviz.ui import frame, stage
from mathviz.ui.controls import Choice, Slider
from mathviz.ui.format import fmt, tick
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

F = FunctionChoice("chain_f", "Outer f", "sin", default_text="x^2 + 1")
G = FunctionChoice("chain_g", "Inner g", "square", default_text="3*x - 1", symbol="g")
X = Slider("chain_x", "Point x", -4.0, 4.0, 1.5, step=0.05)
NUDGES = (1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)
DX = Choice(
    "chain_dx",
    "Nudge dx",
    NUDGES,
    0.1,
    label_of=lambda dx: f"{dx:g}",
    kind="slider",
    help="How far x is nudged in the number-line picture; g and f carry the nudge along.",
)
FRAMES = 81  # steps of the Play, 27 a decade, from the chosen dx down to a thousandth of it
SPAN = 2.0  # each panel shows its function this far either side of its point
DIGITS = 4  # one precision for every number the page works out: 4 significant digits


@dataclass(frozen=True)
class Panel:
    """One of the three charts: a function near its point, with its tangent there."""

    title: str
    x_title: str
    lines: pd.DataFrame  # x, y, line ("f" or "tangent")
    point: pd.DataFrame  # x, y, label
    bands: pd.DataFrame  # axis, lo, hi, line: the nudge in and out


def panel(
    title: str,
    x_title: str,
    function: Function,
    at: float,
    slope: float,
    *,
    label: str,
    bands: pd.DataFrame,
) -> Panel:
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
    # The slope's label goes to the corner the curve and the tangent leave freest.
    drawn = lines.dropna()
    tangent_at = np.linspace(ts[0], ts[-1], 60)
    tangent_ys = calculus.line_through(at, y0, slope, tangent_at)
    corner = charts.quiet_corner(
        np.concatenate([drawn["x"], tangent_at]), np.concatenate([drawn["y"], tangent_ys])
    )
    point = pd.DataFrame(
        {"x": [at], "y": [y0], "label": [_slope_text(label, slope)], "corner": [corner]}
    )
    return Panel(title, x_title, lines, point, bands)


def body() -> frame.Plotted:
    """Controls beside the nudge on three number lines (and its Play); the slopes; g, f, f∘g."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        outer, inner, x, dx = F(), G(), X(), DX()
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
                f"f has no value at u = g(x) = {fmt(u, DIGITS)}, so f(g(x)) is undefined at "
                f"x = {x:g}. Move x or pick other functions."
            )
            raise frame.Halt
        g_slope, f_slope = float(inner.df(x)), float(outer.df(u))
        product = f_slope * g_slope

        def composed(t: np.ndarray) -> np.ndarray:
            return outer(inner(t))

        numeric = float(calculus.difference_quotient(composed, x, 1e-6, scheme="central"))
        steps = calculus.nudges(
            outer, inner, x, calculus.shrinking_steps(dx, count=FRAMES), df=outer.df, dg=inner.df
        )
        step = steps[0]
        bars, funnels, notes, ticks = _nudge_frames(steps, g_slope=g_slope, f_slope=f_slope)
        st.markdown(
            "**The nudge, followed through g and f** — three number lines to one scale; the "
            "thin black segments are what g and f really do to the nudge"
        )
        frame.chart(
            charts.nudge_chart, bars, funnels, notes, ticks, frames=FRAMES, big=projector_on()
        )
        stage.player(
            charts.NUDGE_SHRINK, key="chain_player", seconds=2.7, from_start=True, nudge=8,
            note="dx shrinks a thousandfold: du/dx settles on g′(x), dy/du on f′(u).",
        )  # fmt: skip
        frame.numbers(
            [
                ("g′(x)", fmt(g_slope, DIGITS)),
                ("f′(g(x))", fmt(f_slope, DIGITS)),
                ("product", fmt(product, DIGITS)),
                ("difference quotient", fmt(numeric, DIGITS)),
            ]
        )
        if math.isfinite(product):
            st.caption(
                f"Chain rule {fmt(product, DIGITS)} and the central difference "
                f"quotient {fmt(numeric, DIGITS)} (h = 1e-06) differ by "
                f"{fmt(abs(product - numeric), DIGITS)}."
            )
        else:
            _no_chain_rule(composed, x=x, u=u, g_slope=g_slope, f_slope=f_slope)
        st.caption(
            f"Nudge x by dx = {dx:g}: g moves u by {fmt(step.du_true, DIGITS)} "
            f"({_predicted('g′(x)·dx', step.du)}), then f moves y by "
            f"{fmt(step.dy_true, DIGITS)} ({_predicted('f′(u)·du', step.dy)}). The ratio "
            f"dy/dx = {fmt(step.dy_true / dx, DIGITS)} closes in on the slope of f(g(x)) as dx "
            "shrinks."
        )
    bands = {
        "x": ("x", x, x + dx),
        "u": ("u", u, u + step.du_true),
        "y": ("y", step.y, step.y + step.dy_true),
    }

    def shaded(across: str, up: str) -> pd.DataFrame:
        rows = [("x", *bands[across]), ("y", *bands[up])]
        return pd.DataFrame(rows, columns=["axis", "line", "lo", "hi"])

    panels = [
        panel("inner g(x)", "x", inner, x, g_slope, label="g′(x)", bands=shaded("x", "u")),
        panel("outer f(u)", "u = g(x)", outer, u, f_slope, label="f′(u)", bands=shaded("u", "y")),
        panel("f(g(x))", "x", composed, x, product, label="product", bands=shaded("x", "y")),
    ]
    st.markdown("**The three functions near their points**, each with its tangent and the nudge")
    # The panels span the page: side by side in the narrow column they were tiny.
    for column, drawn in zip(st.columns(3), panels, strict=True):
        with column:
            frame.chart(
                charts.function_panel_chart,
                drawn.lines,
                drawn.point,
                drawn.bands,
                title=drawn.title,
                x_title=drawn.x_title,
            )
    return {
        "nudge": bars[bars["k"] == 0].drop(columns="k"),
        **{
            p.title: pd.concat([p.lines, p.point.assign(line="point")], ignore_index=True)
            for p in panels
        },
    }


def _predicted(rule: str, value: float) -> str:
    """What the chain rule predicts for a step, or that it cannot."""
    if math.isfinite(value):
        return f"{rule} predicts {fmt(value, DIGITS)}"
    return f"{rule} predicts nothing: a slope is missing"


def _slope_text(name: str, slope: float, digits: int = DIGITS) -> str:
    """``name = slope``, or that the slope does not exist."""
    return f"{name} = {fmt(slope, digits)}" if not math.isnan(slope) else f"{name}: none"


def _no_chain_rule(
    composed: Function, *, x: float, u: float, g_slope: float, f_slope: float
) -> None:
    """Say which slope is missing, and whether f(g(x)) has a slope all the same."""

    def missing(name: str, slope: float) -> str:
        return f"{name} is infinite" if math.isinf(slope) else f"{name} does not exist"

    reasons = []
    if not math.isfinite(g_slope):
        reasons.append(missing(f"g′(x) at x = {x:g}", g_slope))
    if not math.isfinite(f_slope):
        reasons.append(missing(f"f′(g(x)) at u = g(x) = {fmt(u, DIGITS)}", f_slope))
    slope = calculus.derivative_from_sides(composed, x)
    if math.isfinite(slope):
        verdict = (
            "The composition may still be differentiable, and here it is: from both sides "
            f"f(g(x)) has slope {fmt(slope + 0.0, DIGITS)}, as the difference quotient says."
        )
    else:
        left, right = calculus.one_sided_slopes(composed, x)
        verdict = (
            "Here f(g(x)) has no slope either: just left of x it is "
            f"{fmt(left, DIGITS)}, just right {fmt(right, DIGITS)}."
        )
    st.info(
        "The chain rule does not apply here: "
        + " and ".join(reasons)
        + ", so the product f′(g(x))·g′(x) is undefined. "
        + verdict,
        icon=":material/info:",
    )


def _nudge_frames(
    steps: list[calculus.Nudge], *, g_slope: float, f_slope: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The nudge chart's tables for every step of the Play: bars, funnels, notes and ticks.

    Each frame k is drawn in units of its own longest step, so the picture keeps its size
    as dx shrinks and what changes is what matters: the black true steps closing onto the
    bars, and the ratios du/dx and dy/du settling on the slopes. Rows drawn in every frame
    have k = −1.
    """
    first = steps[0]
    bars, funnels, notes, ticks = [], [], [], []
    for k, step in enumerate(steps):
        lengths = [step.dx, step.du, step.dy, step.du_true, step.dy_true]
        longest = max((abs(v) for v in lengths if math.isfinite(v)), default=abs(step.dx))
        longest = longest or abs(step.dx)
        ends = np.array([step.dx, step.du, step.dy]) / longest
        true_ends = np.array([step.dx, step.du_true, step.dy_true]) / longest
        bars.append((k, ends, true_ends))
        funnels.append((k, ends[[0, 1, 1, 2]]))
        notes += [
            (k, 2, ends[0] / 2, f"dx = {fmt(step.dx, DIGITS)}", "above"),
            (k, 1, _mid(ends[1]), f"du = g′(x)·dx = {fmt(step.du, DIGITS)}", "above"),
            (k, 0, _mid(ends[2]), f"dy = f′(u)·du = {fmt(step.dy, DIGITS)}", "above"),
            (k, 1.43, MARGIN, "du/dx = " + _ratio(step.du_true, step.dx), "left"),
            (k, 0.43, MARGIN, "dy/du = " + _ratio(step.dy_true, step.du_true), "left"),
        ]
        # A few values along each line, in its own units: the point's value is written
        # under the point already, and the far ends are left to the line's name.
        marks = charts.number_line_ticks(longest, per=2)
        spacing = float(marks[1] - marks[0]) * longest if len(marks) > 1 else 0.0
        for level, origin in ((2, step.x), (1, step.u), (0, step.y)):
            for at in marks:
                value = origin + at * longest
                text = "" if abs(at) < 1e-9 or abs(at) > 1.1 else tick(value, spacing)
                ticks.append((k, level, at, text))
    # A stretch factor sits at the left margin of its gap, under the upper line's name and
    # clear of the lower line's length above its bar; its ratio follows under it.
    constant = [
        (-1, 2, 0.0, f"x = {fmt(first.x, DIGITS)}", "below"),
        (-1, 1, 0.0, f"u = {fmt(first.u, DIGITS)}", "below"),
        (-1, 0, 0.0, f"y = {fmt(first.y, DIGITS)}", "below"),
        (-1, 1.57, MARGIN, "× " + _slope_text("g′(x)", g_slope), "left"),
        (-1, 0.57, MARGIN, "× " + _slope_text("f′(u)", f_slope), "left"),
    ]
    count = len(steps)
    return (
        pd.DataFrame(
            {
                "k": np.repeat(np.arange(count), 3).astype(np.int16),
                "level": np.tile([2, 1, 0], count).astype(np.int8),
                "line": ["x", "u", "y"] * count,
                "end": np.concatenate([b[1] for b in bars]).astype(np.float32),
                "true_end": np.concatenate([b[2] for b in bars]).astype(np.float32),
            }
        ),
        pd.DataFrame(
            {
                "k": np.repeat(np.arange(count), 4).astype(np.int16),
                "funnel": ["g", "g", "f", "f"] * count,
                "level": np.tile([2, 1, 1, 0], count).astype(np.int8),
                "end": np.concatenate([f[1] for f in funnels]).astype(np.float32),
            }
        ),
        pd.DataFrame(constant + notes, columns=["k", "level", "pos", "text", "place"]).astype(
            {"k": np.int16, "level": np.float32, "pos": np.float32}
        ),
        pd.DataFrame(ticks, columns=["k", "level", "pos", "text"]).astype(
            {"k": np.int16, "level": np.int8, "pos": np.float32}
        ),
    )


MARGIN = -charts.NUDGE_REACH + 0.03  # the left margin of the nudge chart, where factors go


def _mid(end: float) -> float:
    return float(np.nan_to_num(end / 2))


def _ratio(top: float, bottom: float) -> str:
    """``top / bottom`` to the page's precision, or a dash when it is undefined."""
    if bottom == 0 or not (math.isfinite(top) and math.isfinite(bottom)):
        return "—"
    return fmt(top / bottom, DIGITS + 2)


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
        "sin(x²)": {F: "sin", G: "square", X: 1.5, DX: 0.1},
        "exp(sin x)": {F: "exp", G: "sin", X: 0.5, DX: 0.1},
        "σ(x³) flat at 0": {F: "sigmoid", G: "cube", X: 0.0, DX: 0.1},
        "log of a bell": {F: "log", G: "bell", X: 1.0, DX: 0.1},
        "|x²|: no rule, still a slope": {F: "abs", G: "square", X: 0.0, DX: 0.1},
    },
    try_this=(
        "Press **sin(x²)** and watch the number lines: dx = 0.1 is stretched three times "
        "by g′(1.5) = 3, then shrunk and flipped by f′ = −0.63. Drag **Nudge dx** down to "
        "0.01: the thin black segments (what g and f really do) close onto the bars. Press "
        "**▶ Play** and watch the ratios at the left: as dx shrinks to 0.0001, du/dx settles "
        "on g′ = 3 and dy/du on f′ = −0.628.",
        "Press **σ(x³) flat at 0**: g′(0) = 0 squeezes the nudge to a point on the u line, "
        "so nothing reaches y, whatever σ′ = 1/4 does — the flat spot vanishing gradients "
        "come from.",
        "Press **exp(sin x)** and drag x: the product and the difference quotient show the "
        "same four digits everywhere, and the caption's gap between them stays below 10⁻⁸.",
        "Press **|x²|: no rule, still a slope**: f′ does not exist at u = 0, so the chain "
        "rule cannot be used, yet |x²| = x² is smooth and its slope at 0 is 0.",
    ),
    body=body,
)
