"""The law of large numbers with coins, exactly five heads in ten, and the gambler's fallacy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.topics.probability.common import band_table, log_points, series_table
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Seed, Slider, count_slider
from mathviz.ui.format import count, fmt, pct
from mathviz.ui.frame import beside
from mathviz.ui.topic import Topic

HEAVY = 20_000_000  # flips per page view above which the runs show their progress
POINTS = 1200  # running-share points per chart, shared among the runs (a log axis needs few)

P = Slider("coin_p", "P(heads) p", 0.0, 1.0, 0.5, step=0.01, help="0.5 is a fair coin.")
N = count_slider(
    "coin_n",
    "Flips per run n",
    1000,
    largest=10_000_000,
    help="From a single flip to ten million, on a log scale.",
)
RUNS = Slider("coin_runs", "Runs", 1, 10, 3, help="Independent runs of n flips, one line each.")
K = Slider(
    "coin_k",
    "Streak length k",
    1,
    10,
    3,
    help="How many tails in a row before the flip we look at.",
)
SEED = Seed("coin_seed")


@cache.stored("coin runs", size=64)
def coin_run(n: int, p: float, seed: int, run: int, points: int) -> pr.CoinRun:
    """Run ``run`` of ``seed``, stored: ten million flips cost a noticeable moment."""
    return pr.coin_run(n, p=p, seed=seed, run=run, at=log_points(n, count=points))


def coin_runs(n: int, p: float, seed: int, runs: int) -> list[pr.CoinRun]:
    """Every run of the experiment; a progress bar when there are many flips to make."""
    points = min(400, max(150, POINTS // runs))
    if n * runs < HEAVY:
        return [coin_run(n, p, seed, r, points) for r in range(runs)]
    bar = st.progress(0.0, text=f"Flipping {runs} × {n:,} coins…")
    done = []
    for r in range(runs):
        done.append(coin_run(n, p, seed, r, points))
        bar.progress((r + 1) / runs, text=f"Flipped {r + 1} of {runs} runs of {n:,} coins")
    bar.empty()
    return done


def gap_tables(done: list[pr.CoinRun], p: float, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each run's gap |share − p| where its share was taken, and the line σ/√n."""
    if p in (0.0, 1.0):
        return pd.DataFrame({"n": [], "gap": [], "run": []}), pd.DataFrame({"n": [], "typical": []})
    gaps = series_table(
        [d.at for d in done],
        [pr.share_gap(d.share, p) for d in done],
        [f"run {r + 1}" for r in range(len(done))],
    ).rename(columns={"mean": "gap"})
    at = log_points(n, count=200).astype(float)
    return gaps, pd.DataFrame({"n": at, "typical": pr.typical_gap(at, p)})


def body() -> frame.Plotted:
    """Controls; the running share of each run; groups of ten; heads after a streak."""
    controls, view = beside()
    with controls:
        p, n, runs, k, seed = P(), N(), RUNS(), K(), SEED()
    done = coin_runs(n, p, seed, runs)
    pool = pr.pool_coin_runs(done)
    lines = series_table(
        [d.at for d in done], [d.share for d in done], [f"run {r + 1}" for r in range(runs)]
    )
    band = band_table(p, pool.sd, n, at=done[0].at)
    ten_bars = pd.DataFrame(
        {
            "heads": np.tile(np.arange(11), 2),
            "share": np.concatenate([pool.exact_tens, pool.tens_share]),
            "source": ["exact"] * 11 + ["simulated"] * 11,
        }
    )
    streaks = pd.DataFrame(
        {
            "k": pool.streaks,
            "rate": pool.streak_share,
            "low": pool.streak_low,
            "high": pool.streak_high,
            "followers": pool.followers,
            "chosen": np.array(pool.streaks) == k,
        }
    )
    gaps, typical = gap_tables(done, p, n)
    with view:
        st.markdown("**The running share of heads** (shaded: p ± 2σ/√n)")
        frame.chart(
            charts.running_mean_chart,
            lines,
            band,
            y_title="share of heads so far",
            y_domain=(0, 1),
            upto=charts.FLIPS_SO_FAR,
            upto_name="step through the flips",
            top=float(lines["n"].max()),
            last=int(lines["k"].max()),
            trials="flips",
        )
        if n > 1:
            stage.player(
                charts.FLIPS_SO_FAR,
                key="coin_player",
                seconds=8.0,
                from_start=True,
                nudge=5,
                note="Play lets the flips pile up: early on every run swings wildly, then "
                "each settles into the shaded band as it narrows.",
            )
        if n == 1:
            st.caption(
                "One flip: the share is 0 or 1 (the dot). Raise **Flips per run** to watch it "
                "settle."
            )
        elif pool.sd == 0:
            st.caption(
                f"With p = {p:g} every flip is the same, so the share is exactly {p:g} from the "
                "first flip on: there is nothing random left to average out."
            )
        frame.numbers(
            [
                ("share of heads, run 1", fmt(pool.share, 5)),
                ("gap from p", fmt(pool.gap, 3)),
                ("typical gap σ/√n", fmt(pool.typical_gap, 3)),
                ("heads, run 1", f"{done[0].heads:,} of {n:,}"),
            ]
        )
        if pool.sd > 0 and n > 1:
            st.markdown("**How far from p?** The gap |share − p| on log–log axes")
            frame.chart(
                charts.gap_chart,
                gaps,
                typical,
                y_low=pr.gap_floor(n, p),
                follow=charts.FLIPS_SO_FAR,
                top=float(gaps["n"].max()),
                last=int(gaps["k"].max()),
            )
            st.caption(
                "Dashed: the typical gap σ/√n, a straight line of slope −½. The runs wobble "
                "around it but follow it down: every hundredfold more flips, the gap shrinks "
                "tenfold, one more correct digit. A triangle on the bottom edge marks a "
                "count where the share was exactly p: a gap of 0, which a log axis cannot "
                "draw, so the line breaks there."
            )
        _tens(done[0].first, pool, ten_bars)
        _streak(k, p, pool, streaks)
    return {
        "running share": lines,
        "band": band,
        "gap": gaps,
        "ten flips": ten_bars,
        "after a streak": streaks.drop(columns="chosen"),
    }


def _tens(first: str, pool: pr.CoinPool, ten_bars: pd.DataFrame) -> None:
    st.markdown("**Ten flips at a time**")
    heads = first.count("H")
    st.caption(
        f"Run 1 starts {' '.join(first)}: {heads} head{'s' if heads != 1 else ''} in "
        + (f"its first {len(first)} flips." if len(first) > 1 else "its only flip.")
    )
    if pool.groups:
        frame.numbers(
            [
                ("P(exactly 5 of 10), exact", pct(float(pool.exact_tens[5]))),
                ("share of groups with 5", pct(float(pool.tens_share[5]))),
                ("groups of ten", count(pool.groups)),
            ]
        )
        frame.chart(charts.tens_chart, ten_bars)
    else:
        st.info(
            "Groups of ten need at least ten flips: raise **Flips per run** to 10 or more.",
            icon=":material/info:",
        )


def _streak(k: int, p: float, pool: pr.CoinPool, streaks: pd.DataFrame) -> None:
    st.markdown(f"**After {k} tails in a row** — is heads due?")
    chosen = pool.streaks.index(k)
    if pool.followers[chosen]:
        frame.numbers(
            [
                (f"heads right after {k} tails", pct(float(pool.streak_share[chosen]))),
                ("times it happened", count(pool.followers[chosen])),
                ("p", fmt(p, 3)),
            ]
        )
    elif p == 1:
        st.info(
            "With p = 1 the coin never lands tails, so no streak of tails ever happens.",
            icon=":material/info:",
        )
    else:
        st.info(
            f"{k} tails in a row never happened in these flips (or only at the very end). "
            "Flip more coins or choose a shorter streak.",
            icon=":material/info:",
        )
    if pool.followers.any():
        frame.chart(charts.streak_chart, streaks, pd.DataFrame({"p": [p]}))
        st.caption(_streak_caption(p, pool))


def _streak_caption(p: float, pool: pr.CoinPool) -> str:
    """What the streak bars say, read from the counts: never a verdict the bars contradict."""
    key = (
        "Bars: share of heads on the flip right after k tails (faint when it rests on few "
        "flips; the number above it is how many). Whiskers: ±2 standard errors; dashed: p. "
    )
    missed = pr.streak_outliers(pool.followers, pool.streak_low, pool.streak_high, p=p)
    happened = [k for k, f in zip(pool.streaks, pool.followers, strict=True) if f > 0]
    scarce = [k for k, f in zip(pool.streaks, pool.followers, strict=True) if 0 < f < 100]
    if not missed and scarce:
        return key + (
            f"Every whisker reaches p = {p:g}, yet the bars for k = "
            f"{', '.join(map(str, scarce))} rest on fewer than 100 flips each: their heights "
            "are mostly luck, and their long whiskers say so. Flip more coins and they settle "
            "at p."
        )
    if not missed:
        return key + (
            f"Every whisker reaches p = {p:g}: whatever the streak, the next flip looks like "
            "any other. Long streaks are rarer, so their bars are fainter and their whiskers "
            "longer."
        )
    names = ", ".join(f"k = {pool.streaks[i]}" for i in missed)
    few = all(pool.followers[i] < 100 for i in missed)
    return key + (
        f"{len(missed)} of the {len(happened)} bars miss p ({names})"
        + (
            ", each resting on fewer than 100 flips: with so few, such misses are luck, and "
            "about one bar in twenty misses by chance even with many. Flip more coins and "
            "watch them come back to p."
            if few
            else ". About one bar in twenty misses by chance; a new seed or more flips "
            "tells luck from a real pattern."
        )
    )


TOPIC = Topic(
    name="coin-flips",
    prefix="coin",
    intro=(
        "A fair coin does not promise five heads in ten flips; it promises that the *share* "
        "of heads drifts towards p as the flips pile up. The drift is slow: the typical gap "
        "between the share and p shrinks like 1/√n, so a hundred times more flips buy one "
        "more correct digit. And the coin keeps no score: after a run of tails, heads is no "
        "more likely than before."
    ),
    formulas=(
        r"\bar X_n = \frac{1}{n}\sum_{i=1}^{n} X_i \;\longrightarrow\; p"
        r"\qquad \text{typical gap } \frac{\sqrt{p(1-p)}}{\sqrt{n}}",
        r"P(k \text{ heads in } 10) = \binom{10}{k}\, p^k (1-p)^{10-k}",
    ),
    presets={
        "Ten flips": {N: 10, RUNS: 1, P: 0.5, SEED: 7.0},
        "Ten million": {N: 10_000_000, RUNS: 1, P: 0.5},
        "Ten runs": {N: 100_000, RUNS: 10, P: 0.5},
        "Loaded coin": {N: 100_000, RUNS: 3, P: 0.7},
        "Losing streak": {N: 1_000_000, RUNS: 1, P: 0.5, K: 6},
    },
    try_this=(
        "Press **Ten flips**: run 1 gets 3 heads, not 5. Now move **Flips per run** to 10k "
        "and then 10M: the share closes in on 0.5, and the typical gap shrinks tenfold for "
        "every hundredfold more flips (0.005 at 10k, 0.00016 at 10M).",
        "Press **Ten runs**, then **▶ Play** under the chart: the flips pile up, the ten "
        "lines scatter widely at first, then all squeeze into the shaded band (4σ/√n wide) "
        "while their gaps below slide down the σ/√n line.",
        "With p = 0.5, check the groups of ten: exactly five heads shows up only in about "
        "24.6 % of them (252/1024) — the most likely count, yet usually missed.",
        "Press **Losing streak**: after 6 tails in a row heads still comes up about half "
        "the time. Drag **P(heads)** to 0.7 and the bars follow p, not the streak.",
    ),
    body=body,
)
