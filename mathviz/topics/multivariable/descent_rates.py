"""Gradient descent on a quadratic, direction by direction: why a learning rate diverges.

On f(x) = ½ xᵀHx + …, each eigenvector of H is its own one-variable problem: plain descent
multiplies the error along it by 1 − ηλ per step, momentum by a factor that turns complex
(a spiral). ``eigen_views`` draws, beside the Gradient descent topic's map, the error along
each eigen-direction per step and the worst rate against η with 2/λmax marked (as in "Why
Momentum Really Works"); the rates come from the core (``convergence_rate``,
``eigen_errors``, ``measured_rate``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import Surface
from mathviz.charts import multivariable as charts
from mathviz.ui import frame
from mathviz.ui.format import fmt
from mathviz.ui.state import projector_on

LEARNING_RATES = (
    1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.03, 0.05, 0.07, 0.09, 0.095, 0.1,
    0.105, 0.11, 0.15, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 1.0, 1.05, 1.1, 1.5,
)  # fmt: skip


def eigen_views(
    surface: Surface, start: np.ndarray, lr: float, beta: float, runs: dict[str, mv.Descent]
) -> frame.Plotted:
    """On a quadratic: the error along each eigenvector per step, and the rate against η."""
    H = surface.hessian(start)
    centre = mv.quadratic_centre(H, surface.gradient(start), start)
    if centre is None or not np.all(np.isfinite(H)) or np.allclose(start, centre):
        return {}  # no single critical point, or the start is on it: nothing to split
    lams = np.linalg.eigvalsh((H + H.T) / 2)
    errors, rates = st.columns(2, gap="large")
    with errors:
        st.markdown("**The error along each eigen-direction of H**")
        series = eigen_series(runs, centre, H)
        keys = tuple(dict.fromkeys(series.key))
        frame.chart(charts.eigen_error_chart, series, title="|error| along it (log)", keys=keys)
        st.caption(_eigen_caption(lams, lr, beta))
    with rates:
        st.markdown("**How fast the error shrinks, for every η**")
        curves, limits = rate_frames(lams, beta, lr)
        end = float(curves.lr.max())
        labels = charts.rate_labels(limits, lr, top=end)
        frame.chart(charts.rate_chart, curves, labels, top=end, big=projector_on())
        st.caption(_rate_caption(lams, lr, beta, runs, centre=centre, H=H))
    return {"eigen errors": series, "rates": curves}


def eigen_series(runs: dict[str, mv.Descent], centre: np.ndarray, H: np.ndarray) -> pd.DataFrame:
    """|error| along each eigenvector of H, per method and step (a few hundred steps each)."""
    parts = []
    for method, run in runs.items():
        if method == "adam":  # its steps do not split along the eigenvectors
            continue
        lams, errs = mv.eigen_errors(run.path, centre, H)
        idx = charts.thin_series(errs[:, 0])
        for i, lam in enumerate(lams):
            parts.append(
                pd.DataFrame(
                    {
                        "step": idx.astype("i4"),
                        "error": errs[idx, i],
                        "method": [method] * idx.size,
                        "direction": [f"along λ = {fmt(float(lam), 3)}"] * idx.size,
                        "key": [charts.method_key(method, f"along λ = {fmt(float(lam), 3)}")]
                        * idx.size,
                    }
                )
            )
    return pd.concat(parts, ignore_index=True).astype(
        {"method": "str", "direction": "str", "key": "str"}
    )


def rate_axis_end(lams: np.ndarray, beta: float, lr: float) -> float:
    """The η axis's end: a little past momentum's limit, where both curves have turned.

    A chosen η up to twice that far stretches the axis to show it; one further out is
    written at the edge instead, so the curves keep the width of the chart.
    """
    top = float(lams.max())
    if top <= 0:
        return LEARNING_RATES[-1]
    reach = 1.25 * 2 * (1 + beta) / top
    if lr <= 2 * reach:
        reach = max(reach, 1.15 * lr)
    return min(reach, LEARNING_RATES[-1])


def rate_frames(lams: np.ndarray, beta: float, lr: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rate curves of plain and momentum over the η menu's range, and their limits."""
    top = float(lams.max())
    reach = rate_axis_end(lams, beta, lr)
    grid = np.linspace(0.0, reach, 301)
    if top > 0:  # the corners of the curves, exactly
        corners = [2 / top, 2 * (1 + beta) / top]
        if lams.min() > 0:  # where the slowest and the fastest direction meet
            corners.append(2 / (top + float(lams.min())))
        grid = np.unique(np.concatenate([grid, [c for c in corners if 0 < c < reach]]))
    curves = pd.concat(
        [
            pd.DataFrame(
                {
                    "lr": grid,
                    "rate": mv.convergence_rate(grid, lams, method=method, beta=beta),
                    "method": method,
                }
            )
            for method in ("plain", "momentum")
        ],
        ignore_index=True,
    )
    limits = pd.DataFrame({"lr": [], "method": [], "label": []})
    if top > 0:
        limits = pd.DataFrame(
            {
                "lr": [2 / top, 2 * (1 + beta) / top],
                "method": ["plain", "momentum"],
                "label": [
                    f"2/λmax = {fmt(2 / top, 3)}",
                    f"2(1+β)/λmax = {fmt(2 * (1 + beta) / top, 3)}",
                ],
            }
        )
        limits = limits[limits.lr <= reach]  # a limit past the chart's end is not drawn
    return curves.astype({"method": "str"}), limits.astype({"method": "str", "label": "str"})


def _eigen_caption(lams: np.ndarray, lr: float, beta: float) -> str:
    factors = ", ".join(
        f"1 − ηλ = {fmt(1 - lr * float(lam), 3)} along λ = {fmt(float(lam), 3)}" for lam in lams
    )
    return (
        "On a quadratic each eigen-direction is its own one-variable problem. Plain "
        f"descent multiplies the error along each by 1 − ηλ every step ({factors}): a "
        "straight line on this log scale, falling only while |1 − ηλ| < 1. Momentum's "
        "error spirals, so its lines dip where it passes through 0."
    )


def _rate_caption(
    lams: np.ndarray, lr: float, beta: float, runs: dict[str, mv.Descent],
    *, centre: np.ndarray, H: np.ndarray,
) -> str:  # fmt: skip
    plain = float(mv.convergence_rate([lr], lams)[0])
    heavy = float(mv.convergence_rate([lr], lams, method="momentum", beta=beta)[0])
    parts = [
        f"At η = {lr:g} plain keeps {fmt(plain, 3)} of its error per step at worst, "
        f"momentum {fmt(heavy, 3)} (never below √β = {fmt(math.sqrt(beta), 3)})."
    ]
    measured = []
    for method in ("plain", "momentum"):
        _, errs = mv.eigen_errors(runs[method].path, centre, H)
        rate = mv.measured_rate(np.linalg.norm(errs, axis=1))
        if rate is not None:
            measured.append(f"{method} {fmt(rate, 3)}")
    if measured:
        parts.append("Measured on the runs above: " + ", ".join(measured) + ".")
    if float(lams.min()) <= 0:
        parts.append("With a direction curving down, no η brings the rate under 1.")
    parts.append("Adam scales its steps by the gradients' size, so it has no such curve.")
    return " ".join(parts)
