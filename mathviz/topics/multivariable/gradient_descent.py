"""Plain gradient descent, momentum and Adam from one start, side by side."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import multivariable as mv
from mathviz.catalog import Surface
from mathviz.charts import multivariable as charts
from mathviz.charts import surfaces as surface_charts
from mathviz.charts.plane import Plane
from mathviz.topics.multivariable.descent_rates import LEARNING_RATES, eigen_views
from mathviz.topics.multivariable.surfaces import (
    POINT_STEP,
    REACH,
    PointChoice,
    SurfaceChoice,
    critical_points,
    sample,
    snap,
)
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Choice, Slider
from mathviz.ui.format import fmt, vec
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

FULL_RUN = 1000
SHORT_RUN = 100  # a setting is first run this far; past it, to the full run
MAP = "dsc_map"  # the surface chart's key: a click on it moves the start

F = SurfaceChoice("dsc_f", "narrow")
START = PointChoice("dsc", (-2.5, 1.5))
LR = Choice(
    "dsc_lr", "Learning rate η", LEARNING_RATES, 0.09, label_of=lambda lr: f"{lr:g}", kind="slider"
)
BETA = Slider("dsc_beta", "Momentum β (Adam's β₁)", 0.0, 0.99, 0.9, step=0.01)
STEPS = Slider("dsc_k", "Steps taken", 0, FULL_RUN, 60)

# Where each surface opens when the menu alone changes: a start inside its window, an η and
# a number of steps at which the three methods visibly race from there (Rosenbrock's
# curvature near the start is about 2000, so its η is small and its race long).
OPENINGS: dict[str, tuple[tuple[float, float], float, int]] = {
    "bowl": ((-2.5, 1.5), 0.09, 60),
    "narrow": ((-2.5, 1.5), 0.09, 60),
    "rosenbrock": ((-1.5, 2.0), 0.001, 400),
    "himmelblau": ((-0.5, 0.5), 0.01, 60),
    "saddle": ((-2.5, 0.05), 0.05, 60),
    "cap": ((0.3, 0.2), 0.02, 60),
    "monkey": ((-0.3, 0.5), 0.02, 60),
    "waves": ((-0.5, 0.5), 0.1, 60),
    "plane": ((2.5, 2.5), 0.05, 60),
}
SEEN = "_dsc_seen"  # (surface, x, y) as the last run drew them


@cache.stored("descent full runs", size=32)
def full_runs(
    surface: Surface, start: tuple[float, float], lr: float, beta: float, horizon: int
) -> tuple[mv.Descent, ...]:
    """The three methods run ``horizon`` steps, stored for every session; arrays read-only."""
    runs = mv.compare_descent(
        surface, start, lr=lr, steps=horizon, beta=beta, grad=surface.gradient
    )
    for run in runs.values():
        run.path.setflags(write=False)
        run.values.setflags(write=False)  # noqa: PD011 - a Descent, not pandas
    return tuple(runs.values())


def descent_runs(
    surface: Surface, start: tuple[float, float], lr: float, beta: float, steps: int
) -> dict[str, mv.Descent]:
    """The three methods after ``steps`` steps, cut from a stored run of the setting.

    A setting is run to ``SHORT_RUN`` steps, or to ``FULL_RUN`` once more are asked for;
    the step buttons and the Steps slider then only cut a stored run (``Descent.cut``).
    """
    if steps == 0:  # the start alone: no need to run anything
        return mv.compare_descent(surface, start, lr=lr, steps=0, beta=beta, grad=surface.gradient)
    runs = full_runs(surface, start, lr, beta, SHORT_RUN if steps <= SHORT_RUN else FULL_RUN)
    return {run.method: run.cut(steps) for run in runs}


def set_steps(value: int | None = None, add: int = 0) -> None:
    """Set the Steps slider to ``value``, or move it on by ``add``; never past the full run."""
    current = int(st.session_state.get(STEPS.key, 0))
    st.session_state[STEPS.key] = int(min(FULL_RUN, value if value is not None else current + add))


def opening(surface: Surface) -> tuple[tuple[float, float], float | None, int | None]:
    """The start, η and steps a surface opens with when the menu changes (None: keep).

    A typed surface starts at a point inside its window, off its centre.
    """
    if surface.name in OPENINGS:
        return OPENINGS[surface.name]
    (x0, x1), (y0, y1) = surface.window
    return (x0 + 0.2 * (x1 - x0), y0 + 0.7 * (y1 - y0)), None, None


def _seen() -> tuple[object, object, object]:
    keys = (F.key, START.x.key, START.y.key)
    return tuple(st.session_state.get(key) for key in keys)  # type: ignore[return-value]


def _open_surface(surface: Surface) -> bool:
    """Move the start (η, steps) to the surface's opening when only the surface changed.

    A link or a preset that names a start keeps it: the start is replaced only when the
    menu moved and the point sliders did not since the last run.
    """
    seen = st.session_state.get(SEEN)
    now = _seen()
    if seen is None or now[0] == seen[0] or now[1:] != seen[1:]:
        return False
    (x, y), lr, steps = opening(surface)
    st.session_state[START.x.key] = snap(x, -REACH, REACH, POINT_STEP)
    st.session_state[START.y.key] = snap(y, -REACH, REACH, POINT_STEP)
    if lr is not None:
        st.session_state[LR.key] = lr
    if steps is not None:
        st.session_state[STEPS.key] = steps
    return True


def loss_series(surface: Surface, runs: dict[str, mv.Descent]) -> pd.DataFrame:
    """The gap f − min f (or ‖∇f‖) along each run, a few hundred steps per method at most."""
    parts = []
    for method, run in runs.items():
        values = mv.descent_progress(run, grad=surface.gradient, lowest=surface.lowest)
        idx = charts.thin_series(values)
        parts.append(
            pd.DataFrame(
                {"step": idx.astype("i4"), "value": values[idx], "method": [method] * idx.size}
            )
        )
    return pd.concat(parts, ignore_index=True).astype({"method": "str"})


def body() -> frame.Plotted:
    """Controls and step buttons; the map played back in the browser; eigen views; verdicts."""
    # The picture first: on a phone the columns stack, and the map comes straight after
    # the presets; on a wide screen the controls sit at its right.
    view, controls = st.columns([2.3, 1], gap="large")
    with controls:
        surface = F()
        opened = _open_surface(surface)
        start = START(surface)
        lr, beta, steps = LR(), BETA(), STEPS()
        st.session_state[SEEN] = _seen()
        if opened:
            st.caption(
                "A new surface opens at its own start, η and steps, where the race "
                "shows; move them freely."
            )
        with st.container(horizontal=True, gap="small"):
            for add in (1, 10, 100):
                st.button(f"+{add}", key=f"dsc_add_{add}", on_click=set_steps, kwargs={"add": add})
            st.button(
                "Full run", key="dsc_full", on_click=set_steps, args=(FULL_RUN,),
                help=f"All {FULL_RUN} steps.",
            )  # fmt: skip
            st.button("Reset", key="dsc_reset", on_click=set_steps, args=(0,))
    plotted: frame.Plotted = {}
    with view:
        g0 = surface.gradient(start)
        if not (math.isfinite(float(surface(start))) and np.all(np.isfinite(g0))):
            frame.problem(
                f"f or its gradient is undefined at the start {vec(start, 4)}: choose a start "
                "where the heatmap is coloured."
            )
            raise frame.Halt
        runs = descent_runs(surface, (float(start[0]), float(start[1])), lr, beta, int(steps))
        plotted["surface"] = _draw_map(surface, start, runs, asked=int(steps))
        _stability_note(surface, start, lr, beta, runs)
    if surface.quadratic:
        plotted.update(eigen_views(surface, start, lr, beta, runs))
    series = loss_series(surface, runs)
    plotted["loss"] = series
    quantity = "f − min f" if surface.lowest is not None else "‖∇f‖"
    frame.chart(charts.loss_chart, series, title=f"{quantity} (log scale)")
    st.markdown(_descent_table(runs))
    verdicts = {run.verdict for run in runs.values()}
    if verdicts & {"climbing", "running off"}:
        st.caption(
            "*climbing*: f has ended above where it started, a step too large for the "
            "surface. *running off*: still going, more than 100·(1 + ‖x₀‖) from its start, "
            "down a slope with no floor. Press **Full run** to see "
            "whether it leaves every bound (diverged)."
        )
    return plotted


def _draw_map(
    surface: Surface, start: np.ndarray, runs: dict[str, mv.Descent], *, asked: int
) -> Callable[[], pd.DataFrame]:
    """The land (pale low, dark high) with the paths, a ball per method, scrubber and Play."""
    shown = sample(surface)
    critical = critical_points(surface)
    found = critical if isinstance(critical, tuple) else ()
    marks = [(p, "goal") for p, k in found if k == "minimum"]
    if surface.quadratic:
        marks += [(p, "saddle") for p, k in found if k == "saddle"]
    marked = surface_charts.marks_frame([*marks, (start, "start")])
    paths = {method: run.path for method, run in runs.items()}
    track, exits = charts.descent_frames(paths, centre=shown.centre, extent=shown.extent)
    last = max(run.steps for run in runs.values())
    overlays = Plane(centre=shown.centre).frames(shown.extent)
    frame.chart(
        charts.descent_chart,
        shown.cells, shown.contours, marked, track, exits, *overlays,
        key=MAP, on_select=START.on_click(MAP, surface.window), selection_mode=[charts.PICK],
        centre=shown.centre, extent=shown.extent, cell=shown.cell, last=last,
        title=_map_title(marks), big=projector_on(),
    )  # fmt: skip
    stage.player(
        charts.STEP, key="dsc_player", seconds=min(8.0, 2.0 + last / 25),
        note="Pale is low ground, dark green high. Drag the step slider, or play. Click a "
        "method in the legend to pick it out; click the map to move the start.",
    )  # fmt: skip
    left = [
        f"{method} leaves the map at step {int(row.step)}"
        for method, row in zip(exits.method, exits.itertuples(), strict=True)
    ]
    if left:
        st.caption("; ".join(left) + ": the arrow marks where, and which way.")
    if last < asked:
        # The scrubber ends at the longest run, not at the steps asked: say why.
        st.caption(
            f"Every run stopped by step {last} of the {asked} asked: each had arrived or "
            "left every bound (its verdict is in the table below)."
        )

    def everything() -> pd.DataFrame:
        parts = [
            shown.cells.assign(**{"drawn as": "heatmap cell"}),
            marked.assign(**{"drawn as": "marked point"}),
            track.assign(**{"drawn as": "path"}),
        ]
        return pd.concat([p for p in parts if len(p)], ignore_index=True)

    return everything


def _map_title(marks: list[tuple[np.ndarray, str]]) -> str:
    kinds = [kind for _, kind in marks]
    goals = kinds.count("goal")
    what = ["★ minimum"] if goals == 1 else []
    what += ["★ minima"] if goals > 1 else []
    what += ["◆ saddle point"] if "saddle" in kinds else []
    return " · ".join(["From the white start", *what])


def _descent_table(runs: dict[str, mv.Descent]) -> str:
    """One column per method, so the table stays narrow enough for a phone."""
    cells = {
        "verdict": [run.verdict for run in runs.values()],
        "steps": [str(run.steps) for run in runs.values()],
        "f": [fmt(float(run.values[-1]), 3) for run in runs.values()],  # noqa: PD011
        "at": [vec(run.path[-1], 2) for run in runs.values()],
    }
    rows = ["| | " + " | ".join(runs) + " |", "|---" * (len(runs) + 1) + "|"]
    rows += [f"| {name} | " + " | ".join(values) + " |" for name, values in cells.items()]
    return "\n".join(rows)


def _stability_note(
    surface: Surface, start: np.ndarray, lr: float, beta: float, runs: dict[str, mv.Descent]
) -> None:
    """Explain a zero gradient at the start, and the learning-rate limit of a quadratic."""
    if all(run.verdict == "flat start" for run in runs.values()):
        kind = mv.classify_critical_point(surface, start, hess=surface.hessian)
        st.info(
            f"The gradient is zero at the start {vec(start, 4)}: it is a critical point "
            f"({kind}), so no method moves — descent only feels the slope. Nudge the start.",
            icon=":material/info:",
        )
    H = surface.hessian(start)
    if not np.all(np.isfinite(H)):
        return
    check = mv.rate_check(H, lr, beta=beta)
    if check is None:
        return
    top, limit = fmt(check.curvature, 4), fmt(check.limit, 4)
    if not surface.quadratic:
        if check.too_large:
            st.caption(
                f"Near the start the largest curvature is λmax = {top}, and "
                f"η = {lr:g} is above 2/λmax = {limit}, so plain descent may "
                "overshoot there; the curvature changes as it moves."
            )
        return
    if not check.bowl:
        st.caption(
            f"f curves down in some direction, so it has no minimum: descent runs off that "
            f"way whatever η. Across the upward-curving direction (λmax = {top}) "
            f"plain steps are stable for η < {limit}."
        )
    elif check.too_large:
        st.warning(
            f"η = {lr:g} is above the limit 2/λmax = {limit} (λmax = "
            f"{top}, the largest curvature): each plain step multiplies the error "
            f"along that direction by 1 − ηλmax = {fmt(check.factor, 3)}, whose size is "
            f"over 1, so plain descent overshoots more every step. Momentum tolerates "
            f"η < 2(1 + β)/λmax = {fmt(check.momentum_limit, 4)}.",
            icon=":material/trending_up:",
        )
    else:
        st.caption(
            f"f is quadratic, with largest curvature λmax = {top} everywhere, so "
            f"plain descent is stable for η < 2/λmax = {limit}."
        )


def _preset(name: str, start: tuple[float, float], lr: float, steps: int) -> dict:
    return {F: name, START.x: start[0], START.y: start[1], LR: lr, STEPS: steps}


TOPIC = Topic(
    name="gradient-descent",
    prefix="dsc",
    intro=(
        "Descent steps against the gradient, η times its length: too small crawls, too "
        "large flies off. Momentum builds speed from past gradients; Adam scales each "
        "coordinate's step by its recent gradients. Press Play and watch them race."
    ),
    formulas=(
        r"x_{k+1} = x_k - \eta\,\nabla f(x_k)",
        r"v \leftarrow \beta v + \nabla f(x),\; x \leftarrow x - \eta\, v",
    ),
    presets={
        "Crawl": _preset("narrow", (-2.5, 1.5), 0.01, 100),
        "Zig-zag": _preset("narrow", (-2.5, 1.5), 0.09, 60),
        "Too big: diverges": _preset("narrow", (-2.5, 1.5), 0.105, 60),
        "Rosenbrock valley": _preset("rosenbrock", (-1.5, 2.0), 0.001, FULL_RUN),
        "Four minima": _preset("himmelblau", (-0.5, 0.5), 0.01, 200),
        "Saddle": _preset("saddle", (-2.0, 0.01), 0.05, 60),
    },
    try_this=(
        "Press **Zig-zag**: with η = 0.09 plain descent's y-error flips sign every step "
        "(× (1 − 20η) = −0.8) — the blue zig-zag — yet it reaches f = 3.4·10⁻¹⁰ in 60 "
        "steps, while momentum with β = 0.9 overshoots in wide swings (f = 0.044).",
        "Then set **Momentum β** to 0.3: the rate chart's momentum curve drops to 0.68 at "
        "η = 0.09, below plain's 0.82, and the eigen-direction lines fall faster. With "
        "β = 0.9 momentum's error only shrinks like √β = 0.95 a step: it swings for too long.",
        "Press **Too big: diverges**: η = 0.105 is above 2/λmax = 2/20 = 0.1, so each plain "
        "step multiplies the y-error by −1.1; press **Full run**: plain diverges after 155 "
        "steps, while momentum (stable up to 2(1 + β)/20 = 0.19) and Adam arrive.",
        "Press **Rosenbrock valley**: after 1000 steps plain descent is still crawling along "
        "the curved floor at (−0.66, 0.44), while momentum is at (0.99, 0.985), next to "
        "the minimum (1, 1).",
    ),
    body=body,
    download="gradient-descent.csv",
)
