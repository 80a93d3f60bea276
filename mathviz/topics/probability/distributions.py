"""Seven distributions: pmf or pdf, mean and variance, and a sample drawn from it."""

from __future__ import annotations

import contextlib
import dataclasses
import math
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.topics.probability.common import interval_tables, log_points, share_text
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Choice, Seed, Slider, Toggle, count_slider
from mathviz.ui.format import fmt
from mathviz.ui.frame import beside
from mathviz.ui.topic import Topic

LABELS = {
    "normal": "Normal",
    "uniform": "Uniform",
    "bernoulli": "Bernoulli",
    "binomial": "Binomial",
    "poisson": "Poisson",
    "exponential": "Exponential",
    "geometric": "Geometric",
}
FORMULAS = {
    "normal": r"f(x) = \frac{1}{\sigma\sqrt{2\pi}}\, e^{-(x-\mu)^2 / 2\sigma^2}"
    r"\qquad E[X] = \mu,\ \operatorname{Var} X = \sigma^2",
    "uniform": r"f(x) = \frac{1}{b - a} \text{ on } [a, b]"
    r"\qquad E[X] = \frac{a+b}{2},\ \operatorname{Var} X = \frac{(b-a)^2}{12}",
    "bernoulli": r"P(X = 1) = p,\ P(X = 0) = 1 - p"
    r"\qquad E[X] = p,\ \operatorname{Var} X = p(1-p)",
    "binomial": r"P(X = k) = \binom{n}{k} p^k (1-p)^{n-k}"
    r"\qquad E[X] = np,\ \operatorname{Var} X = np(1-p)",
    "poisson": r"P(X = k) = \frac{\lambda^k e^{-\lambda}}{k!}"
    r"\qquad E[X] = \operatorname{Var} X = \lambda",
    "exponential": r"f(x) = \lambda e^{-\lambda x},\ x \ge 0"
    r"\qquad E[X] = \frac{1}{\lambda},\ \operatorname{Var} X = \frac{1}{\lambda^2}",
    "geometric": r"P(X = k) = (1-p)^{k-1} p,\ k = 1, 2, \dots"
    r"\qquad E[X] = \frac{1}{p},\ \operatorname{Var} X = \frac{1-p}{p^2}",
}
WHERE = {
    "normal": "Sums of many small independent effects: measurement errors, heights, the noise "
    "term of linear regression, the initial weights of a network.",
    "uniform": "Every value in a range equally likely: random initialisation in a box, random "
    "search over a hyperparameter, the raw output of a random-number generator.",
    "bernoulli": "One yes/no outcome: a coin flip, a click, a correct label. Logistic "
    "regression predicts its p; dropout switches each unit off with one.",
    "binomial": "The number of successes in n independent yes/no trials: heads in n flips, "
    "correct answers in a test set of n examples.",
    "poisson": "Counts of rare events in a fixed window: emails per hour, typos per page, "
    "a word's occurrences in a document.",
    "exponential": "Waiting time until the next event when events arrive at a constant rate: "
    "time between requests to a server, time until a part fails.",
    "geometric": "The number of tries until the first success: rolls until a six, attempts "
    "until a login works.",
}

FAMILY = Choice("dist_f", "Distribution", tuple(pr.FAMILIES), "normal", label_of=LABELS.__getitem__)
MU = Slider("dist_mu", "Mean μ", -5.0, 5.0, 0.0, step=0.1)
SIGMA = Slider("dist_sigma", "Standard deviation σ", 0.1, 5.0, 1.0, step=0.1)
LOW = Slider("dist_a", "Lower end a", -5.0, 5.0, 0.0, step=0.1)
HIGH = Slider("dist_b", "Upper end b", -5.0, 5.0, 1.0, step=0.1)
P = Slider("dist_p", "Probability p", 0.0, 1.0, 0.3, step=0.01)
TRIALS = Slider("dist_n", "Trials n", 1, 100, 10, step=1)
LAM = Slider("dist_lam", "Rate λ", 0.0, 30.0, 3.0, step=0.1)
RATE = Slider("dist_rate", "Rate λ", 0.1, 5.0, 1.0, step=0.1)
# Every family's parameter, by its name in ``pr.FAMILIES``, in the order they are drawn.
PARAMETERS: dict[str, Slider[Any]] = {
    "mu": MU,
    "sigma": SIGMA,
    "a": LOW,
    "b": HIGH,
    "p": P,
    "n": TRIALS,
    "lam": LAM,
    "rate": RATE,
}
SIZE = count_slider(
    "dist_size",
    "Sample size",
    1000,
    largest=1_000_000,
    help="How many values to draw, on a log scale.",
)
SEED = Seed("dist_seed")
MODES = {"values": "Draws", "means": "Sample means"}
MODE = Choice(
    "dist_view",
    "Show",
    tuple(MODES),
    "values",
    label_of=MODES.__getitem__,
    kind="horizontal",
    help="Draws: the values themselves. Sample means: averages of m draws each, which pile "
    "up into a bell whatever the distribution (the central limit theorem).",
)
FIT = Toggle(
    "dist_fit",
    "Fit the view",
    False,
    help="Off: the axes stay put while you move a parameter, so you see the shape move. "
    "On: the axes follow the distribution.",
)
LO = Slider("dist_lo", "Interval from a", -10.0, 10.0, -1.0, step=0.1)
HI = Slider("dist_hi", "… to b", -10.0, 10.0, 1.0, step=0.1)
KLO = Slider("dist_klo", "Interval from a", 0, 100, 2, step=1)
KHI = Slider("dist_khi", "… to b", 0, 100, 5, step=1)
AVERAGED = count_slider(
    "dist_m",
    "Draws averaged, m",
    5,
    largest=1000,
    help="Each point of the histogram is the average of this many draws.",
)


def parameters(family: str) -> dict[str, float]:
    """The family's parameter sliders; every other family's wait off stage (see ``offstage``)."""
    values, parked = {}, frame.offstage("dist")
    for name, slider in PARAMETERS.items():
        used = name in pr.FAMILIES[family]
        with contextlib.nullcontext() if used else parked:
            value = slider()
        if used:
            values[name] = value
    return values


RANGE = "dist_k_range"  # session key: the whole-number ends' range in the last run


def interval(family: str, params: dict[str, float], means: bool) -> tuple[float, float]:
    """The interval's two sliders, whole numbers over the support for a discrete family; a ≤ b.

    The whole-number sliders run over the support (``pr.interval_support``). When that
    changes (another family, another n), they keep their old range for one run and take
    the new one in a second run: a slider whose range and value (a preset's) change in
    the same run leaves its value out of the link.
    """
    parked = frame.offstage("dist_ends")
    discrete = family in pr.DISCRETE
    target = pr.interval_support(family, params) if discrete and not means else None
    drawn = st.session_state.get(RANGE)
    use = (drawn or (0, 100)) if target is None else (drawn or target)
    ends: dict[bool, tuple[float, float]] = {}
    for whole, pair in ((False, (LO, HI)), (True, (KLO, KHI))):
        shown = whole == discrete and not means
        low, high = _ranged(family, use, target) if whole else pair
        with contextlib.nullcontext() if shown else parked:
            ends[whole] = (float(low()), float(high()))
    st.session_state[RANGE] = target or use
    if target is not None and use != target:
        st.rerun()  # the new range, now that the link holds the values
    a, b = ends[discrete]
    if a > b:
        st.caption(f"a was above b, so the interval runs from {fmt(b)} to {fmt(a)}.")
        a, b = b, a
    return a, b


def _ranged(
    family: str, use: tuple[int, int], support: tuple[int, int] | None
) -> tuple[Slider[Any], Slider[Any]]:
    """The whole-number ends as sliders over ``use``, their values moved onto the support.

    A link (or an earlier, larger n) may hold an end the support does not reach: it is
    clamped to the nearest end of the support, and a link's value is named in a message.
    """
    lo, hi = use
    if support is not None:
        lo = max(lo, support[0])
        hi = max(min(hi, support[1]), lo)
    sliders, moved = [], []
    for slider in (KLO, KHI):
        if slider.key in st.session_state:
            value = st.session_state[slider.key]
            if not lo <= value <= hi:
                st.session_state[slider.key] = min(max(int(value), lo), hi)
        elif slider.key in st.query_params and support is not None:
            raw = st.query_params[slider.key]
            with contextlib.suppress(ValueError):
                value = float(raw)
                if math.isfinite(value) and not lo <= value <= hi:
                    st.session_state[slider.key] = min(max(math.floor(value), lo), hi)
                    moved.append(f"`{raw[:12]}` to {st.session_state[slider.key]}")
        default = min(max(int(slider.default), use[0]), use[1])
        sliders.append(dataclasses.replace(slider, low=use[0], high=use[1], default=default))
    if moved:
        st.caption(
            f"The link's interval ends lie outside the values {LABELS[family]} X can take "
            f"({lo} to {hi}), so they were moved onto them: {', '.join(moved)}."
        )
    return sliders[0], sliders[1]


@cache.stored("distribution samples", size=32)
def draws(family: str, params: tuple[tuple[str, float], ...], n: int, seed: int) -> np.ndarray:
    """``n`` draws of the distribution with ``seed``, stored; the array is only read."""
    return pr.sample(family, n, seed=seed, **dict(params))


@cache.stored("distribution sample means", size=16)
def means_of(
    family: str, params: tuple[tuple[str, float], ...], m: int, count: int, seed: int
) -> np.ndarray:
    """``count`` averages of ``m`` draws, stored; the array is only read."""
    return pr.sample_means(family, dict(params), m, count, seed=seed)


def _window(
    family: str, params: dict[str, float], *, fit: bool
) -> tuple[tuple[float, float], float | None]:
    if not fit:
        w = pr.fixed_window(family, params)
        return (w.x_low, w.x_high), w.y_high
    grid = pr.support_points(family, params)
    if family in pr.DISCRETE:
        return (float(grid[0]) - 0.5, float(grid[-1]) + 0.5), None
    return (float(grid[0]), float(grid[-1])), None


def _values_view(
    family: str,
    params: dict[str, float],
    frozen: Any,
    *,
    ends: tuple[float, float],
    sample: tuple[int, int],
    fit: bool,
) -> frame.Plotted:
    (a, b), (n, seed) = ends, sample
    xs = draws(family, tuple(params.items()), n, seed)
    mean, var = float(frozen.mean()), float(frozen.var())
    sample_mean, sample_var = pr.sample_moments(xs)
    marks = pd.DataFrame({"x": [mean, sample_mean], "mark": ["mean", "sample mean"]})
    chance = pr.interval_probability(family, params, a, b)
    inside = float(np.mean((xs >= a) & (xs <= b) if family in pr.DISCRETE else (xs > a) & (xs < b)))
    sign = "≤" if family in pr.DISCRETE else "<"
    event = f"P({fmt(a, 4)} {sign} X {sign} {fmt(b, 4)})"
    shown = share_text(chance, 4)
    said = f"{event}\n{shown}" if shown[0] in "<>" else f"{event}\n= {shown}"
    (x_range, y_high) = _window(family, params, fit=fit)
    model, data, row = interval_tables(family, params, xs, (a, b), x_range=x_range, label=said)
    if family in pr.DISCRETE:
        st.markdown("**Exact probabilities** (stems) over the sample's shares (bars)")
    else:
        st.markdown("**Exact density** (curve) over the sample's histogram")
    frame.chart(
        charts.interval_chart,
        model,
        data,
        marks,
        row,
        discrete=family in pr.DISCRETE,
        x_domain=x_range,
        y_high=y_high,
    )
    frame.chart(charts.cdf_chart, model, row, discrete=family in pr.DISCRETE, x_domain=x_range)
    peak = float(model["density"].max())
    if y_high is not None and peak > y_high:
        st.caption(
            f"The peak ({fmt(peak, 3)}) is above the fixed frame, so its top is cut. "
            "Turn on **Fit the view** to see all of it."
        )
    frame.numbers(
        [
            (f"{event}, exact", share_text(chance, 4)),
            ("share of the sample inside", share_text(inside, 4)),
            ("mean E[X]", fmt(mean, 4)),
            ("variance", fmt(var, 4)),
            ("sample mean", fmt(sample_mean, 4)),
            ("sample variance", fmt(sample_var, 4) if n > 1 else "—"),
        ]
    )
    st.caption(
        "Green: the interval. Its area under the curve (top) is the rise of F across it "
        "(bottom): the same probability, read two ways."
    )
    if var == 0:
        st.caption("This distribution always gives the same value: no spread, variance 0.")
    return {"exact": model, "sample": data, "means": marks}


def _means_view(
    family: str, params: dict[str, float], m: int, sample: tuple[int, int], fit: bool
) -> frame.Plotted:
    n, seed = sample
    count = min(n, pr.MAX_MEAN_DRAWS // m)
    means = means_of(family, tuple(params.items()), m, count, seed)
    centre, sd = pr.mean_normal(family, params, m)
    (x_range, _) = _window(family, params, fit=False)
    narrow = 0 < 10 * sd < (x_range[1] - x_range[0]) / 4
    if fit and sd > 0:  # zoom on the pile: five of its standard deviations either side
        x_range = (centre - 5 * sd, centre + 5 * sd)
    lattice = 1 / m if family in pr.DISCRETE else None
    bins = pr.frame_bins(x_range[1] - x_range[0], sd, means.size)
    edges, density = pr.means_histogram(
        means, low=x_range[0], high=x_range[1], lattice=lattice, bins=bins
    )
    histogram = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "density": density})
    grid = np.linspace(*x_range, 801)
    curve = pd.DataFrame(
        {"x": grid, "density": pr.distribution("normal", mu=centre, sigma=sd).pdf(grid)}
        if sd > 0
        else {"x": [centre], "density": [0.0]}
    )
    pile = _pile(means, edges)
    peak = max(float(density.max(initial=0.0)), float(curve["density"].max()))
    frame.chart(
        charts.means_chart,
        pile,
        curve,
        x_domain=x_range,
        y_high=1.1 * peak if peak > 0 else 1.0,
        total=int(means.size),
    )
    if pile["batch"].max() > 0:
        stage.player(
            charts.MEANS_SO_FAR,
            key="dist_player",
            seconds=8.0,
            from_start=True,
            note="Play adds the averages, the first ones one at a time, then more and more "
            "at once: they scatter at first, then the pile rises into the red bell.",
        )
    if narrow and not fit:
        st.caption(
            "The pile is narrow in this fixed frame: turn on **Fit the view** to zoom in on "
            "it and see its bell shape."
        )
    spread = float(means.std(ddof=1)) if means.size > 1 else math.nan
    frame.numbers(
        [
            ("averages drawn", f"{count:,}" if count == n else f"{count:,} of {n:,}"),
            ("mean of the averages", fmt(float(means.mean()), 4)),
            ("their spread", fmt(spread, 4)),
            ("σ/√m", fmt(sd, 4)),
        ]
    )
    if count < n:
        st.caption(
            f"Why {count:,}, not {n:,}: each average takes m = {m:,} draws, and a view makes "
            f"at most {pr.MAX_MEAN_DRAWS:,} draws, so {pr.MAX_MEAN_DRAWS:,} ÷ {m:,} = "
            f"{count:,} averages. Lower m for more of them."
        )
    st.caption(
        f"Blue: {count:,} averages of m = {m:,} draws each. Red: the normal N(μ, σ²/m) they "
        "approach. As m grows the pile narrows like 1/√m and turns into a bell, whatever "
        "the shape of a single draw."
    )
    return {"averages": histogram, "normal": curve}


BATCHES = 200  # the pile grows in this many steps when played: 25 a second over 8 s


def _pile(means: np.ndarray, edges: np.ndarray) -> pd.DataFrame:
    """The averages' counts per bin, batch by batch, leaving out empty cells.

    The batches end at log-spaced counts: the first averages land one at a time, the
    last by thousands, as the running means of the other topics are drawn on a log axis.
    """
    ends = np.asarray(log_points(means.size, count=BATCHES))
    counts = pr.batch_counts(means, edges, ends=ends)
    batch, where = np.nonzero(counts)
    return pd.DataFrame(
        {
            "left": edges[where].astype(np.float32),
            "right": edges[where + 1].astype(np.float32),
            "batch": batch.astype(np.int16),
            "count": counts[batch, where].astype(np.int32),
            # Averages drawn by the end of the batch, those off the axis included.
            "drawn": ends[batch].astype(np.int32),
        }
    )


def body() -> frame.Plotted:
    """Controls; the distribution in a fixed frame with an interval's probability and its CDF."""
    controls, view = beside(1.0, 2.6)
    with controls:
        mode = MODE()
        family = FAMILY()
        params = parameters(family)
        means = mode == "means"
        ends = interval(family, params, means=means)
        with contextlib.nullcontext() if means else frame.offstage("dist_m"):
            m = AVERAGED()
        fit = FIT()
        sample = SIZE(), SEED()
    with view:
        try:
            frozen = pr.distribution(family, **params)
        except pr.ProbabilityError as error:
            frame.problem(f"{error}. Change the parameter.")
            raise frame.Halt from None
        if means:
            plotted = _means_view(family, params, m, sample, fit)
        else:
            plotted = _values_view(family, params, frozen, ends=ends, sample=sample, fit=fit)
        st.latex(FORMULAS[family])
        st.markdown(f"**Where it appears.** {WHERE[family]}")
    return plotted


TOPIC = Topic(
    name="distributions",
    prefix="dist",
    intro=(
        "A distribution says how probability is spread over the possible values. Discrete "
        "ones put it on separate values (a pmf: bars that add up to 1); continuous ones "
        "spread it along a line (a pdf: a curve whose area is 1). The probability of an "
        "interval is the area over it, and the CDF F(x) = P(X ≤ x) adds that area up from "
        "the left. The axes stay put, so moving a parameter moves the shape."
    ),
    formulas=(),
    presets={
        "Bell curve": {
            MODE: "values",
            FAMILY: "normal",
            MU: 0.0,
            SIGMA: 1.0,
            SIZE: 10_000,
            FIT: False,
            LO: -1.0,
            HI: 1.0,
        },
        # Each discrete preset sets an interval over where its mass is, and a view that
        # shows that mass big: the fixed frame for Poisson runs to λ = 30.
        "Ten coin flips": {
            MODE: "values",
            FAMILY: "binomial",
            TRIALS: 10,
            P: 0.5,
            SIZE: 1000,
            FIT: False,
            KLO: 4,
            KHI: 6,
        },
        "Rare events": {
            MODE: "values",
            FAMILY: "poisson",
            LAM: 1.5,
            SIZE: 1000,
            FIT: True,
            KLO: 0,
            KHI: 2,
        },
        # Waiting less than the mean wait, 2: P(0 < X < 2) = 1 − e⁻¹ ≈ 63 %, not a half.
        "Waiting time": {
            MODE: "values",
            FAMILY: "exponential",
            RATE: 0.5,
            SIZE: 1000,
            FIT: False,
            LO: 0.0,
            HI: 2.0,
        },
        "First six": {
            MODE: "values",
            FAMILY: "geometric",
            P: 1 / 6,
            SIZE: 1000,
            FIT: False,
            KLO: 1,
            KHI: 6,
        },
        "Averages": {
            MODE: "means",
            FAMILY: "exponential",
            RATE: 1.0,
            AVERAGED: 1,
            SIZE: 10_000,
        },
    },
    try_this=(
        "Press **Bell curve** and drag **Standard deviation σ** from 1 to 3: the bell "
        "flattens and spreads, and P(−1 < X < 1) falls from 68 % to 26 %. Drag **Mean μ**: "
        "the whole bell slides, and the green area with it changes.",
        "Press **Ten coin flips**: the interval 4 … 6 is green, its stems add up to 65.62 %, "
        "and on the CDF below the green bar rises by exactly that much.",
        "Press **Averages**: one draw of a waiting time is lopsided. Drag **Draws averaged, "
        "m** to 10 and press **▶ Play**: the averages land one by one, then by hundreds, "
        "and pile up into the red normal bell. At m = 100 the bell is narrower still.",
        "Press **Rare events**: with λ = 1.5, 0 to 2 events happen 80.88 % of the time. Press "
        "**First six**: the mean number of rolls to the first six is 6, yet 1 is the single "
        "most likely count, and a six comes within six rolls only 66.51 % of the time.",
    ),
    body=body,
    download="distribution.csv",
)
