"""Fit a distribution by maximising the likelihood of the sample; watch it sharpen."""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.topics.probability.common import distribution_tables
from mathviz.ui import cache, frame
from mathviz.ui.controls import Choice, Seed, Text, Toggle, count_slider
from mathviz.ui.format import count, fmt
from mathviz.ui.topic import Topic

LABELS = {
    "normal": "Normal",
    "bernoulli": "Bernoulli",
    "poisson": "Poisson",
    "exponential": "Exponential",
}
SYMBOLS = {"mu": "μ", "sigma": "σ", "p": "p", "lam": "λ", "rate": "λ"}
HATS = {"mu": "μ̂", "sigma": "σ̂", "p": "p̂", "lam": "λ̂", "rate": "λ̂"}
SOURCES = {"simulate": "Simulate a sample", "type": "Type my own data"}
LIKELIHOODS = {
    "normal": r"\begin{gathered}\log L(\mu, \sigma) = -n \log\big(\sigma\sqrt{2\pi}\big) - "
    r"\sum_i \frac{(x_i - \mu)^2}{2\sigma^2} \\ \hat\mu = \bar x \qquad "
    r"\hat\sigma^2 = \tfrac{1}{n}\textstyle\sum_i (x_i - \bar x)^2\end{gathered}",
    "bernoulli": r"\begin{gathered}-\tfrac{1}{n}\log L(p) = -\tfrac{1}{n}\sum_i \big[y_i \log p"
    r" + (1 - y_i)\log(1 - p)\big] \\ \text{(the binary cross-entropy)}\qquad "
    r"\hat p = \bar y\end{gathered}",
    "poisson": r"\log L(\lambda) = \sum_i \big(x_i \log\lambda - \lambda - \log x_i!\big)"
    r"\qquad \hat\lambda = \bar x",
    "exponential": r"\log L(\lambda) = n \log\lambda - \lambda \sum_i x_i"
    r"\qquad \hat\lambda = 1 / \bar x",
}
FLOOR = -12  # the curve is sent down to this far below its peak; the chart shows down to −8

FAMILY = Choice("mle_f", "Model", tuple(LABELS), "bernoulli", label_of=LABELS.__getitem__)
SOURCE = Choice(
    "mle_src", "Data", tuple(SOURCES), "simulate", label_of=SOURCES.__getitem__, kind="radio"
)
N = count_slider(
    "mle_n", "Sample size n", 20, largest=100_000, help="How many values to draw, on a log scale."
)
SEED = Seed("mle_seed")
SHOW = Toggle(
    "mle_show",
    "Reveal the truth",
    False,
    help="The seed also picks the true parameter; this shows it on the chart.",
)
DATA = Text(
    "mle_data",
    "Your data",
    "2, 4, 3, 5, 1, 3, 2, 6",
    help="Numbers separated by commas or spaces.",
)


@cache.stored("likelihood samples", size=32)
def simulated(family: str, n: int, seed: int) -> np.ndarray:
    """A sample drawn from the seed's hidden parameters, stored; the array is only read."""
    return pr.hidden_sample(family, n, seed=seed)


def body() -> frame.Plotted:
    """Controls; the fit in numbers; the log-likelihood curve; the data with the model."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        family, source = FAMILY(), SOURCE()
        simulated_data = source == "simulate"
        # Both sources' controls exist on every run; the unused ones wait off stage.
        parked = frame.offstage("mle")
        with contextlib.nullcontext() if simulated_data else parked:
            n, seed = N(), SEED()
            show = simulated_data and SHOW()
        with parked if simulated_data else contextlib.nullcontext():
            text = DATA()
    main = pr.MLE_FAMILIES[family]
    with view:
        st.latex(LIKELIHOODS[family])
        try:
            xs = simulated(family, n, seed) if simulated_data else pr.parse_sample(text)
            estimate = pr.mle(xs, family)
        except pr.ProbabilityError as error:
            frame.problem(
                f"No maximum-likelihood fit: {str(error).replace('xs ', 'the data ', 1)}."
            )
            raise frame.Halt from None
        truth = pr.hidden_truth(family, seed) if simulated_data else {}
        interval = pr.likelihood_interval(xs, family)
        _numbers(family, xs, estimate, interval, truth if show else {})
        if not charts.drawable(xs):
            st.info(
                "The fit is shown as numbers only: the charts draw data between 10⁻¹² and "
                "10¹² in size (or 0).",
                icon=":material/info:",
            )
            raise frame.Halt
        grid = pr.likelihood_grid(xs, family, estimate[main], interval, fixed_range=simulated_data)
        drop = pr.log_likelihood_drop(xs, family, grid)
        points = pd.DataFrame({"theta": grid, "drop": np.where(drop >= FLOOR, drop, np.nan)})
        marks = pd.DataFrame({"x": [estimate[main]], "mark": ["estimate"]})
        if show:
            marks = pd.concat([marks, pd.DataFrame({"x": [truth[main]], "mark": ["truth"]})])
        model, data = distribution_tables(family, estimate, xs)
        symbol = SYMBOLS[main]
        st.markdown(
            f"**Log-likelihood over {symbol}**, minus its peak"
            + (" (σ held at its estimate)" if family == "normal" else "")
            + "; dashed: 1.92 below the peak, the edges of the 95 % interval"
        )
        frame.chart(
            charts.likelihood_chart,
            points,
            marks,
            pd.DataFrame({"drop": [-pr.LIKELIHOOD_DROP_95]}),
            parameter=symbol,
            legend=("estimate", "truth") if show else ("estimate",),
        )
        if simulated_data and not show:
            st.caption("The true value is hidden: guess from the curve, then **Reveal the truth**.")
        st.markdown("**The data, with the fitted model**")
        builder = charts.pmf_chart if family in pr.DISCRETE else charts.pdf_chart
        frame.chart(builder, model, data, marks.iloc[:0], legend=())
    return {"log-likelihood": points, "estimate": marks, "fitted model": model, "data": data}


def _numbers(
    family: str,
    xs: np.ndarray,
    estimate: dict[str, float],
    interval: tuple[float, float],
    truth: dict[str, float],
) -> None:
    """The estimates, their interval, the cross-entropy of a Bernoulli, the truth if shown."""
    numbers = [(f"estimate {HATS[name]}", fmt(value, 4)) for name, value in estimate.items()]
    numbers.append(("95 % interval", f"{fmt(interval[0], 3)} – {fmt(interval[1], 3)}"))
    if family == "bernoulli":
        loss = pr.mean_log_loss(xs, family, **estimate)
        numbers.append(("cross-entropy −log L / n", fmt(loss, 4)))
    numbers += [(f"true {SYMBOLS[name]}", fmt(value, 4)) for name, value in truth.items()]
    numbers.append(("n", count(xs.size)))
    frame.metrics(numbers)


TOPIC = Topic(
    name="mle",
    prefix="mle",
    intro=(
        "You see data, not the parameter that made it. Maximum likelihood picks the value "
        "under which the data you saw would have been most probable. Work with the log of "
        "the likelihood: it turns a product of probabilities into a sum, and its peak is in "
        "the same place. More data makes the peak narrower, so the estimate is surer. "
        "Training a classifier with cross-entropy loss does exactly this for a Bernoulli."
    ),
    formulas=(r"\hat\theta = \arg\max_\theta \sum_{i=1}^n \log p(x_i \mid \theta)",),
    presets={
        "Few flips": {FAMILY: "bernoulli", SOURCE: "simulate", N: 10},
        "Many flips": {FAMILY: "bernoulli", SOURCE: "simulate", N: 10_000},
        "Counts": {FAMILY: "poisson", SOURCE: "simulate", N: 50},
        "Bell": {FAMILY: "normal", SOURCE: "simulate", N: 100},
        "No spread": {FAMILY: "normal", SOURCE: "type", DATA: "3, 3, 3"},
    },
    try_this=(
        "Press **Few flips**: from 10 flips the estimate of p is rough and the curve is "
        "wide. Press **Many flips**: from 10k flips the curve is a spike, and **Reveal the "
        "truth** shows how close the estimate came.",
        "With **Bernoulli**, the cross-entropy metric is −log L / n, the loss a classifier "
        "minimises: minimising it is maximising the likelihood.",
        "Press **No spread**: every value is 3, so no σ maximises the normal likelihood — "
        "it grows without bound as σ shrinks — and the page says so.",
        "With **Type my own data**, choose **Poisson** and type 2, −1: counts cannot be "
        "negative, and the page explains instead of fitting.",
    ),
    body=body,
    download="maximum_likelihood.csv",
)
