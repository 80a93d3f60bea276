"""Seven distributions: pmf or pdf, mean and variance, and a sample drawn from it."""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.topics.probability.common import distribution_tables
from mathviz.ui import cache, frame
from mathviz.ui.controls import Choice, Seed, Slider, count_slider
from mathviz.ui.format import fmt
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


@cache.stored("distribution samples", size=32)
def draws(family: str, params: tuple[tuple[str, float], ...], n: int, seed: int) -> np.ndarray:
    """``n`` draws of the distribution with ``seed``, stored; the array is only read."""
    return pr.sample(family, n, seed=seed, **dict(params))


def body() -> frame.Plotted:
    """Controls; the formula; the exact pmf or pdf over the sample; where it appears."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        family = FAMILY()
        params = parameters(family)
        n, seed = SIZE(), SEED()
    with view:
        st.latex(FORMULAS[family])
        try:
            frozen = pr.distribution(family, **params)
        except pr.ProbabilityError as error:
            frame.problem(f"{error}. Change the parameter.")
            raise frame.Halt from None
        xs = draws(family, tuple(params.items()), n, seed)
        mean, var = float(frozen.mean()), float(frozen.var())
        sample_mean, sample_var = pr.sample_moments(xs)
        marks = pd.DataFrame({"x": [mean, sample_mean], "mark": ["mean", "sample mean"]})
        model, data = distribution_tables(family, params, xs)
        frame.metrics(
            [
                ("mean E[X]", fmt(mean, 4)),
                ("variance", fmt(var, 4)),
                ("sample mean", fmt(sample_mean, 4)),
                ("sample variance", fmt(sample_var, 4) if n > 1 else "—"),
            ]
        )
        if family in pr.DISCRETE:
            st.markdown("**Exact probabilities** (stems) over the sample's shares (bars)")
            frame.chart(charts.pmf_chart, model, data, marks)
        else:
            st.markdown("**Exact density** (curve) over the sample's histogram")
            frame.chart(charts.pdf_chart, model, data, marks)
        if var == 0:
            st.caption("This distribution always gives the same value: no spread, variance 0.")
        st.markdown(f"**Where it appears.** {WHERE[family]}")
    return {"exact": model, "sample": data, "means": marks}


TOPIC = Topic(
    name="distributions",
    prefix="dist",
    intro=(
        "A distribution says how probability is spread over the possible values. Discrete "
        "ones put it on separate values (a pmf: bars that add up to 1); continuous ones "
        "spread it along a line (a pdf: a curve whose area is 1). The mean is the balance "
        "point, the variance the spread. Draw a sample and its histogram takes the shape of "
        "the curve as it grows."
    ),
    formulas=(),
    presets={
        "Bell curve": {FAMILY: "normal", MU: 0.0, SIGMA: 1.0, SIZE: 10_000},
        "Ten coin flips": {FAMILY: "binomial", TRIALS: 10, P: 0.5, SIZE: 1000},
        "Rare events": {FAMILY: "poisson", LAM: 1.5, SIZE: 1000},
        "Waiting time": {FAMILY: "exponential", RATE: 0.5, SIZE: 1000},
        "First six": {FAMILY: "geometric", P: 1 / 6, SIZE: 1000},
    },
    try_this=(
        "Press **Bell curve**, then drag **Sample size** down to 10: the histogram is "
        "ragged; at 1M it traces the curve, and the sample mean sits on the mean.",
        "Press **Ten coin flips**: the tallest stem is at 5 (24.6 %). Drag **Trials n** to "
        "100: the stems make a bell — a binomial with many trials looks normal.",
        "Press **Rare events** and raise **Rate λ** from 1.5 to 25: the Poisson's mean and "
        "variance both equal λ, and its lopsided bars become a bell too.",
        "Press **First six**: the mean number of rolls to the first six is 6, yet 1 is the "
        "single most likely count.",
    ),
    body=body,
    download="distribution.csv",
)
