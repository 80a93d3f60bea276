"""A line fitted two ways: exactly by least squares, and step by noisy step by SGD."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz import networks as nn
from mathviz.catalog import Surface
from mathviz.charts import multivariable as descent_charts
from mathviz.charts import networks as charts
from mathviz.charts import surfaces as surface_charts
from mathviz.charts.plane import Plane, nice_extent
from mathviz.topics.networks.line_data import batch_size, own_points, palette, points_of
from mathviz.topics.networks.minibatch_noise import draw_cloud, draw_spread
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Choice, Seed, Slider, Toggle
from mathviz.ui.format import fmt
from mathviz.ui.frame import beside
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic, topic_link

MAP = "lsq_map"  # the loss map's key: a click on it moves the start
MAP_CELLS = 32  # the loss is a smooth bowl: fewer cells than a bumpy surface needs
DECAY = 0.01  # ηₜ = η / (1 + DECAY·t): halved after 100 steps
REACH = (-4.0, 6.0)  # the start sliders' range, for w and for b

N = Choice(
    "lsq_n", "Points n", (20, 50, 100, 200, 500, 1000), 200, kind="slider",
    help="How many points scatter around the line y = 1.5x + 0.5.",
)  # fmt: skip
NOISE = Slider(
    "lsq_noise", "Noise σ", 0.0, 2.0, 0.5, step=0.1,
    help="The standard deviation of each point's vertical offset from the line.",
)  # fmt: skip
SEED = Seed("lsq_seed")
W0 = Slider("lsq_w0", "Start slope w₀", *REACH, -1.0, step=0.1)
B0 = Slider("lsq_b0", "Start intercept b₀", *REACH, 3.0, step=0.1)
LR = Choice(
    "lsq_lr", "Learning rate η", (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6), 0.1,
    label_of=lambda lr: f"{lr:g}", kind="slider",
)  # fmt: skip
STEPS = Slider("lsq_k", "Steps", 10, 1000, 150, step=10)
SHRINK = Toggle(
    "lsq_decay", "Shrink η as you go", False,
    help="ηₜ = η / (1 + t/100): the steps halve by step 100, so the noise ball shrinks too.",
)  # fmt: skip

sample = cache.stored("loss map samples", size=32)(surface_charts.sample)
"""The loss map's cells and contours, sampled once per data and window for every session."""


def window_of(
    corners: list[tuple[float, float]], runs: tuple[mv.Descent, ...] = ()
) -> tuple[tuple[float, float], tuple[float, float]]:
    """A square window over the corners and the runs that stay bounded.

    Centred on a coarse grid so it rarely moves, and never more than three times wider
    than the corners alone need, so a wild run cannot shrink the valley to a speck.
    """
    ws, bs = (list(v) for v in zip(*corners, strict=True))
    least = max(max(ws) - min(ws), max(bs) - min(bs), 1.0)
    for run in runs:
        if not run.diverged:
            ws += [float(run.path[:, 0].min()), float(run.path[:, 0].max())]
            bs += [float(run.path[:, 1].min()), float(run.path[:, 1].max())]
    side = min(max(max(ws) - min(ws), max(bs) - min(bs)), 3 * least)
    half = nice_extent(side / 2 * 1.1)
    grid = half / 4
    cw = round((max(ws) + min(ws)) / 2 / grid) * grid
    cb = round((max(bs) + min(bs)) / 2 / grid) * grid
    return (cw - half, cw + half), (cb - half, cb + half)


@cache.stored("line losses", size=32)
def loss_surface(key: tuple, window: tuple[tuple[float, float], tuple[float, float]]) -> Surface:
    """The mean squared error over (w, b) for the points of ``key``, once per window."""
    return nn.line_loss(*points_of(key), window=window)


@cache.stored("sgd runs on a line", size=64)
def sgd_runs(
    key: tuple, start: tuple[float, float], *, lr: float, steps: int, decay: float, seed: int
) -> tuple[mv.Descent, ...]:
    """Every batch size's run from the start, stored for every session."""
    x, y = points_of(key)
    return tuple(
        nn.sgd_line(
            x, y, start, lr=lr, batch_size=batch_size(name, len(x)), steps=steps, seed=seed,
            decay=decay,
        )
        for name, _ in palette(len(x))
    )  # fmt: skip


def on_pick() -> None:
    """Move the start to the cell clicked on the loss map."""
    event = st.session_state.get(MAP) or {}
    chosen = event.get("selection", {}).get(descent_charts.PICK) or []
    if not chosen:
        return
    for axis, slider in (("x", W0), ("y", B0)):
        value = chosen[0].get(axis)
        if isinstance(value, int | float) and math.isfinite(value):
            st.session_state[slider.key] = round(min(max(float(value), REACH[0]), REACH[1]), 1)


def body() -> frame.Plotted:
    """Controls; the loss map with the runs; the fit; the gradient cloud; the loss by step."""
    controls, view = beside()
    with controls:
        n, noise = N(), NOISE()
        seed = SEED()
        own = own_points()
        start = (float(W0()), float(B0()))
        lr, steps, shrink = LR(), int(STEPS()), SHRINK()
    key = own[0] if own else ("generated", int(n), float(noise), int(seed))
    x, y = points_of(key)
    w_fit, b_fit = nn.least_squares(x, y)
    runs = sgd_runs(
        key, start, lr=float(lr), steps=steps, decay=DECAY if shrink else 0.0, seed=int(seed)
    )
    colours = palette(len(x))
    surface = loss_surface(key, window_of([start, (w_fit, b_fit)], runs))
    plotted: frame.Plotted = {}
    with view:
        if own:
            st.caption(f"Your {len(x)} points from {own[1]}.")
        plotted["loss map"] = _draw_map(surface, start, (w_fit, b_fit), runs, colours)
        _stability(surface, float(lr), runs)
    residual = w_fit * x + b_fit - y
    frame.numbers(
        [
            ("least squares w*, b*", f"{fmt(w_fit, 4)}, {fmt(b_fit, 4)}"),
            ("its loss L*", fmt(float(surface.lowest or 0.0), 4)),
            ("residual · x", fmt(float(residual @ x), 3)),
            ("residual · 1", fmt(float(residual.sum()), 3)),
        ]
    )
    st.caption(
        "The residuals are at right angles to both columns of [x 1]: the fitted values are "
        "the projection of y onto the plane those columns span, which is what least squares "
        "solves in closed form."
    )
    topic_link("norms", label="Projections, in two dimensions: Norms", icon=":material/north_east:")
    fitted, cloud = st.columns(2, gap="large")
    with fitted:
        st.markdown("**The points and the lines.** Green: least squares, with each point's gap.")
        plotted["points"] = _draw_fit(
            x, y, fit=(w_fit, b_fit), start=start, runs=runs, colours=colours
        )
    with cloud:
        st.markdown(
            "**Minibatch gradients at the start.** Each dot is one batch's gradient; the cross "
            "is the full gradient, their average. Rings: the typical distance for each B."
        )
        plotted["gradients"] = draw_cloud(key, start, int(seed))
    left, right = st.columns(2, gap="large")
    with left:
        plotted["spread"] = draw_spread(key, start, int(seed))
    with right:
        series = _loss_series(runs, surface.lowest or 0.0)
        plotted["loss by step"] = series
        frame.chart(
            descent_charts.loss_chart,
            series,
            title="L − L* (log scale)",
            palette=colours,
            steps="step",
        )
    return plotted


def _draw_map(
    surface: Surface,
    start: tuple[float, float],
    fit: tuple[float, float],
    runs: tuple[mv.Descent, ...],
    colours: descent_charts.Palette,
) -> Callable[[], pd.DataFrame]:
    shown = sample(surface, cells=MAP_CELLS)
    marked = surface_charts.marks_frame([(np.array(fit), "goal"), (np.array(start), "start")])
    paths = {run.method: run.path for run in runs}
    track, exits = descent_charts.descent_frames(paths, centre=shown.centre, extent=shown.extent)
    last = max(run.steps for run in runs)
    overlays = Plane(centre=shown.centre).frames(shown.extent)
    frame.chart(
        descent_charts.descent_chart,
        shown.cells, shown.contours, marked, track, exits, *overlays,
        key=MAP, on_select=on_pick, selection_mode=[descent_charts.PICK],
        centre=shown.centre, extent=shown.extent, cell=shown.cell, last=last,
        title="Loss over (w, b) · ★ least squares",
        big=projector_on(), palette=colours,
    )  # fmt: skip
    stage.player(
        descent_charts.STEP, key="lsq_player", seconds=min(8.0, 2.0 + last / 25),
        note="Slope w across, intercept b up; pale is low loss. Every run starts at the "
        "white dot with the same η and the same number of steps; only the batch differs. "
        "Click the map to move the start.",
    )  # fmt: skip

    def everything() -> pd.DataFrame:
        return pd.concat(
            [
                shown.cells.rename(columns={"x": "w", "y": "b", "z": "L"}).assign(
                    **{"drawn as": "heatmap cell"}
                ),
                track.rename(columns={"x": "w", "y": "b"}).assign(**{"drawn as": "path"}),
            ],
            ignore_index=True,
        )

    return everything


def _stability(surface: Surface, lr: float, runs: tuple[mv.Descent, ...]) -> None:
    """The learning-rate limit of the full batch, and which runs left."""
    check = mv.rate_check(surface.hessian(np.zeros(2)), lr)
    if check is None:  # a mean squared error always curves up along b: never here
        return
    limit, top = check.limit, check.curvature
    gone = [run.method for run in runs if run.diverged]
    if gone:
        st.warning(
            f"η = {lr:g} is above 2/λmax = {fmt(limit, 3)} (λmax = {fmt(top, 3)}, the loss's "
            f"steepest curvature): {', '.join(gone)} overshot further every step and left.",
            icon=":material/trending_up:",
        )
    else:
        st.caption(
            f"The loss is a bowl of steepest curvature λmax = {fmt(top, 3)}: full-batch steps "
            f"are stable for η < 2/λmax = {fmt(limit, 3)}."
        )


def _draw_fit(
    x: np.ndarray,
    y: np.ndarray,
    *,
    fit: tuple[float, float],
    start: tuple[float, float],
    runs: tuple[mv.Descent, ...],
    colours: descent_charts.Palette,
) -> pd.DataFrame:
    ends = np.array([x.min(), x.max()])
    rows = [(charts.FIT, *fit), (charts.START, *start)]
    rows += [(run.method, *run.path[-1]) for run in runs if not run.diverged]
    lines = pd.DataFrame(
        [(name, float(end), float(w * end + b)) for name, w, b in rows for end in ends],
        columns=["line", "x", "y"],
    )
    points = pd.DataFrame({"x": x, "y": y})
    gaps = points.assign(fit=fit[0] * x + fit[1])
    frame.chart(charts.fit_chart, points, lines, gaps, palette=colours)
    return pd.concat([points.assign(line="data"), lines], ignore_index=True)


def _loss_series(runs: tuple[mv.Descent, ...], lowest: float) -> pd.DataFrame:
    parts = []
    for run in runs:
        gap = np.maximum(run.values - lowest, 0.0)  # noqa: PD011 - a Descent, not pandas
        idx = descent_charts.thin_series(gap)
        parts.append(
            pd.DataFrame({"step": idx.astype("i4"), "value": gap[idx], "method": run.method})
        )
    return pd.concat(parts, ignore_index=True)


TOPIC = Topic(
    name="least-squares-sgd",
    prefix="lsq",
    intro=(
        "Fitting a line y = wx + b is the smallest learning problem: choose w and b to make "
        "the mean squared error L small. Least squares finds the best line in one step, by "
        "a projection. Stochastic gradient descent gets there by many small steps, each "
        "computed from only a few points: the batch's gradient is a noisy copy of the true "
        "one, right on average, and less noisy the bigger the batch. Networks are trained "
        "this way because their loss has no closed form and their data is too big to read "
        "whole at every step. The residuals of the best line are at right angles to x and "
        "to the column of ones: the fitted values are y projected onto the plane those two "
        "columns span. A batch of B points drawn without replacement from n gives a "
        "gradient whose spread around the full gradient is σ/√B·√((n − B)/(n − 1)): the law "
        "of large numbers, applied to gradients."
    ),
    formulas=(
        r"L(w, b) = \frac1n \sum_{i=1}^{n} (w x_i + b - y_i)^2",
        r"\begin{bmatrix} w^* \\ b^* \end{bmatrix} = (X^\top X)^{-1} X^\top y, \qquad "
        r"X = \begin{bmatrix} x & \mathbf 1 \end{bmatrix}",
        r"\theta \leftarrow \theta - \eta\, \frac1B \sum_{i \in \text{batch}} "
        r"\nabla_\theta (w x_i + b - y_i)^2",
        r"\operatorname{Var}[g_B] = \frac{\sigma^2}{B}\cdot\frac{n - B}{n - 1}",
    ),
    presets={
        "Noise ball": {N: 200, NOISE: 1.0, LR: 0.2, STEPS: 300, SHRINK: False},
        "Shrinking η": {N: 200, NOISE: 1.0, LR: 0.2, STEPS: 300, SHRINK: True},
        "η too large": {N: 200, NOISE: 0.5, LR: 0.5, STEPS: 100, SHRINK: False},
        "No noise": {N: 200, NOISE: 0.0, LR: 0.3, STEPS: 300, SHRINK: False},
    },
    try_this=(
        "Press **Play** under the map: all four runs set off from the white dot. The full "
        "batch (black) glides down the valley to the star; B = 1 (vermillion) heads the "
        "same way but wobbles, and ends up jittering around the star instead of on it.",
        "Look at the **gradient cloud**: the B = 1 dots scatter widely, B = 64 huddle at the "
        "cross. Eight times the batch gives a ring √8 ≈ 2.8 times tighter — on the log–log "
        "chart below the dots follow 1/√B, and drop under it as B nears n (a batch of all n "
        "points has no noise at all).",
        "Press **Noise ball**, then **Shrinking η**: with a fixed η, B = 1 keeps hopping "
        "around the minimum; as η shrinks so does the hop, and the vermillion path settles.",
        "Press **η too large**: η = 0.5 is above 2/λmax = 0.45 for these points, so every run "
        "overshoots the valley further at each step and leaves the map, B = 1 first.",
        "Press **No noise**: every point lies on the line, so at the minimum every batch's "
        "gradient is zero too — SGD lands exactly, with no noise ball.",
    ),
    body=body,
)
