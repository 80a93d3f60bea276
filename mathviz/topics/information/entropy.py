"""Entropy: the average surprise, for a coin as a curve and for the game's distributions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.topics.information.distributions import picker
from mathviz.ui import cache, frame
from mathviz.ui.controls import Slider
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

COIN = Slider("ent_coin", "P(heads) p", 0.0, 1.0, 0.5, step=0.01)
DIST = picker("ent", default_n=8)


@cache.stored("coin entropy curve", size=1)
def coin_curve() -> tuple[np.ndarray, np.ndarray]:
    """H(p) of a coin on a grid of p: the same on every run, so computed once (read only)."""
    grid, bits = it.binary_entropy_curve(points=201)
    grid.setflags(write=False)
    bits.setflags(write=False)
    return grid, bits


def bits(value: float) -> str:
    """A number of bits as the topic shows it."""
    return fmt(value + 0.0, 4)


def body() -> frame.Plotted:
    """A coin's entropy on its curve; a distribution's probabilities and surprises."""
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.markdown("**A coin**")
        p = COIN()
        coin_bits = it.entropy([p, 1 - p])
        grid, curve_bits = coin_curve()
        curve = pd.DataFrame({"p": grid, "bits": curve_bits})
        point = pd.DataFrame({"p": [p], "bits": [coin_bits]})
        frame.metrics(
            [
                ("H(coin)", bits(coin_bits)),
                ("surprise of heads", bits(it.surprisal([p, 1 - p])[0])),
            ]
        )
        frame.chart(charts.binary_entropy_chart, curve, point)
    with right:
        st.markdown("**A distribution on 1…N**")
        ps, described = DIST()
        surprise = it.surprisal(ps)
        outcomes = pd.DataFrame(
            {
                "value": np.arange(1, ps.size + 1),
                "probability": ps,
                # An impossible outcome has no dot: nan is sent to the chart as null.
                "surprise": np.where(np.isfinite(surprise), surprise, np.nan),
            }
        )
        frame.metrics(
            [
                ("H(X)", bits(it.entropy(ps))),
                ("log₂ N (uniform)", bits(math.log2(ps.size))),
                ("Huffman average", bits(it.huffman_average(ps))),
            ]
        )
        frame.chart(charts.distribution_chart, outcomes)
        st.caption(f"{described}. Bars: probability; dots: surprise in bits (right axis).")
    return {"coin": curve, "distribution": outcomes}


TOPIC = Topic(
    name="entropy",
    prefix="ent",
    intro=(
        "Entropy is the average surprise of an outcome, in bits. An outcome of probability "
        "p surprises you by log₂(1/p) bits: a fair coin's side by 1 bit, a one-in-a-thousand "
        "event by about 10. Averaged over the outcomes, that is H. It is largest when every "
        "outcome is equally likely (log₂ N bits) and 0 for a certainty, where nothing is "
        "left to learn."
    ),
    formulas=(
        r"H(X) = \sum_x p(x)\,\log_2 \frac{1}{p(x)}, \qquad 0 \cdot \log_2 \tfrac{1}{0} = 0",
    ),
    presets={
        "Fair coin": {COIN: 0.5, DIST.dist: "uniform", DIST.n: 2.0},
        "Biased coin": {COIN: 0.9},
        "Certain": {COIN: 1.0, DIST.dist: "custom", DIST.weights: "0, 0, 1, 0"},
        "Uniform 1024": {DIST.dist: "uniform", DIST.n: 1024.0},
        "Poisson λ = 5": {DIST.dist: "poisson", DIST.n: 30.0, DIST.lam: 5.0},
    },
    try_this=(
        "Drag the coin's **P(heads)** from 0.5 to 0.9: H falls from 1 to 0.469 bits. At "
        "1.0 it is 0 — a coin that always lands heads tells you nothing.",
        "Press **Uniform 1024**: H = 10 bits, the ten questions of the game. Switch "
        "**Distribution** to Poisson: H drops to about 3.2.",
        "Press **Certain**: one outcome has all the probability and H = 0.",
        "Compare H with the **Huffman average**: the best code never beats H and is "
        "always within one bit of it.",
    ),
    body=body,
)
