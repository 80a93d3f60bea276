"""Entropy: the average surprise, drawn as an area, for a coin and for the game's distributions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.topics.information.distributions import beside_controls, picker
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Slider, keyed
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

COIN = Slider("ent_coin", "P(heads) p", 0.0, 1.0, 0.5, step=0.01)
DIST = picker("ent", default_n=8)


def preset(coin: float = COIN.default, **distribution: object) -> dict[str, object]:
    """A preset that sets the coin and every control of the distribution, so none lingers."""
    return {COIN.key: coin, **DIST.values(**distribution)}


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


def coin_as_distribution(p: float) -> None:
    """The coin's button: the distribution below becomes the weights p, 1 − p."""
    for name, value in keyed({DIST.dist: "custom", DIST.weights: f"{p:g}, {1 - p:g}"}).items():
        st.session_state[name] = value


def coin() -> pd.DataFrame:
    """The coin's slider and numbers; its two bars of width p and 1 − p over H(p), playable."""
    controls, area = beside_controls()
    with controls:
        p = COIN()
        coin_bits = it.entropy([p, 1 - p])
        heads, tails = it.surprisal([p, 1 - p])
        frame.numbers(
            [
                ("H(coin)", bits(coin_bits)),
                ("surprise: heads / tails", f"{bits(heads)} / {bits(tails)}"),
            ]
        )
        st.button(
            "Draw this coin below",
            key="ent_coin_down",
            on_click=coin_as_distribution,
            args=(p,),
            icon=":material/south:",
            help="Sets the distribution to the weights p and 1 − p: the same two bars, the "
            "same area, now with N = 2 and a Huffman code.",
        )
    with area:
        grid, curve_bits = coin_curve()
        bars = sweep_bars()
        frame.chart(
            charts.coin_sweep_chart, bars, pd.DataFrame({"p": grid, "bits": curve_bits}), at=p
        )
        stage.player(
            charts.SWEEP,
            key="ent_player",
            # A hundred steps of p: 4.5 s plays them at 22 a second, smooth (8 s was 12.5).
            seconds=4.5,
            from_start=True,
            rest=round(p, 2),
            note="Play sweeps p from 0 to 1, then the picture returns to the slider's p.",
        )
        st.caption(
            "Below the bars, H for every p: the dot's height is the bars' area. Near p = 0 or "
            "1 one bar soars but is so thin that the area sinks towards 0."
        )
    return bars


def body() -> frame.Plotted:
    """A coin's two bars and its H on the curve; a distribution's bars, whose area is H."""
    st.markdown(
        "**A coin.** Each outcome is a bar as wide as its probability and as tall as its "
        "surprise, log₂ 1/p bits. The widths add up to 1, so the area is the average "
        "height: the entropy, the dashed line."
    )
    coin_bars = coin()
    st.markdown(
        "**A distribution on 1…N**, drawn the same way: one bar per number, and the area is H."
    )
    controls, picture = beside_controls()
    with controls:
        ps, described = DIST()
        h = it.entropy(ps)
        frame.numbers(
            [
                ("H(X)", bits(h)),
                ("log₂ N (uniform)", bits(math.log2(ps.size))),
                ("Huffman average", bits(it.huffman_average(ps))),
            ]
        )
    with picture:
        names = np.arange(1, ps.size + 1, dtype=np.int16)  # N ≤ 1024
        bars = it.code_bars(ps)
        huffman = it.huffman_code_lengths(ps)
        parts, labels, averages = charts.code_bar_frames(bars, names, compare=False, code=huffman)
        frame.chart(charts.code_length_chart, parts, labels, averages, code=True)
        # One threshold for "too rare to matter", the game's: never where floats run out.
        rare = ps < it.PLAYABLE
        tail = (
            f" {int(rare.sum())} outcomes have a chance below 10⁻¹²: too thin to see, they "
            f"add {fmt(float(bars.own_area[rare].sum()), 2)} bits together."
            if rare.any()
            else ""
        )
        count, above = charts.cut_summary(parts)
        if count:
            tail += (
                f" ▲ marks {count} {'bar' if count == 1 else 'bars'} taller than the axis "
                "(hover for the true height); "
                f"together they hold {fmt(above, 2)} bits of area above its top."
            )
        st.caption(
            f"{described}. Likely outcomes are wide and low, rare ones narrow and tall; the "
            f"dashed line at H = {bits(h)} bits encloses the same area as the bars. A real "
            "code needs whole questions: the pink dashes are the Huffman code's lengths, and "
            f"their area, {bits(it.huffman_average(ps))}, is never below H.{tail}"
        )
    return {"coin": coin_bars, "distribution": parts}


@cache.stored("coin sweep", size=1)
def sweep_bars() -> pd.DataFrame:
    """The coin's bars at p = 0, 0.01, …, 1: the same on every run, so made once."""
    return charts.sweep_frame(np.round(np.linspace(0.0, 1.0, 101), 2))


TOPIC = Topic(
    name="entropy",
    prefix="ent",
    intro=(
        "Entropy is the average surprise of an outcome, in bits. An outcome of probability "
        "p surprises you by log₂(1/p) bits: a fair coin's side by 1 bit, a one-in-a-thousand "
        "event by about 10. Draw each outcome as a bar p wide and log₂(1/p) tall: the total "
        "area is H. It is largest when every outcome is equally likely (log₂ N bits) and 0 "
        "for a certainty, where nothing is left to learn."
    ),
    formulas=(
        r"H(X) = \sum_x \underbrace{p(x)}_{\text{width}}\;"
        r"\underbrace{\log_2 \frac{1}{p(x)}}_{\text{height}}",
        r"0 \cdot \log_2 \tfrac{1}{0} = 0",
    ),
    presets={
        "Fair coin": preset(coin=0.5, n=2),
        "Biased coin": preset(coin=0.9),
        "Certain": preset(coin=1.0, dist="custom", weights="0, 0, 1, 0"),
        "Uniform 1024": preset(n=1024),
        "Poisson λ = 5": preset(dist="poisson", n=30, lam=5.0),
    },
    try_this=(
        "Drag the coin's **P(heads)** from 0.5 to 0.9: heads becomes a wide, low bar "
        "(0.15 bits) and tails a narrow, tall one (3.3 bits); the area shrinks to 0.469 "
        "bits. At 1.0 heads fills the width at height 0: H = 0.",
        "Press **Uniform 1024**: 1024 bars, each 1/1024 wide and 10 bits tall: a block of "
        "area 10, the ten questions of the game. Switch **Distribution** to Poisson: the "
        "likely numbers are wide and low, and the area drops to about 3.2.",
        "Press **Play** under the coin: near p = 0 or 1 one bar soars past 6 "
        "bits but is so thin that the area, H, sinks towards 0, and the curve below is "
        "traced out to its peak of 1 bit at p = 0.5 and down again.",
        "Press **Poisson λ = 5** and compare the pink dashes with the bars: a Huffman "
        "code rounds each length to whole questions, some up, some down, yet its area "
        "(3.232) never beats H (3.18) and stays within one bit of it.",
    ),
    body=body,
)
