"""The Probability page's five topics, each an ``st.fragment``: controls → compute → render.

URL keys are prefixed by topic (``coin_``, ``ev_``, ``dist_``, ``bay_``, ``mle_``). Every
simulation takes a ``seed`` bound to the URL, so a shared link redraws the same flips, rounds
and samples. Long series reach the browser thinned to log-spaced points.
"""

from __future__ import annotations

import contextlib
import functools
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.ui import frame, state

SEED_MAX = 999_999
COUNTS = tuple(
    m * 10**e for e in range(8) for m in (1, 2, 5) if m * 10**e <= 10_000_000
)  # 1, 2, 5, 10, …, 10 million
STREAKS = tuple(range(1, 11))
HEAVY = 20_000_000  # flips per page view above which the runs show their progress
POINTS = 3000  # running-mean points per chart, shared among the runs
FACES = "⚀⚁⚂⚃⚄⚅"

# Finding the log-spaced counts for ten million takes milliseconds; every run of that size
# uses the same ones. The arrays are only read.
log_points = functools.lru_cache(maxsize=64)(pr.log_points)


def _count_label(n: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            return f"{n // size}{suffix}"
    return str(n)


def count_slider(label: str, *, key: str, default: int, largest: int, help: str) -> int:
    """A log-scale slider of counts 1, 2, 5, 10, … up to ``largest``; the URL holds "10k"."""
    options = tuple(n for n in COUNTS if n <= largest)
    return state.select_slider(
        label, options, default, key=key, format_func=_count_label, help=help
    )


def seed_input(*, key: str, default: int = 1) -> int:
    """The seed of a simulation, bound to the URL, with a button that draws a fresh one."""

    def new_seed() -> None:
        st.session_state[key] = float(np.random.default_rng().integers(SEED_MAX + 1))

    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        seed = state.number_input(
            "Seed",
            0,
            SEED_MAX,
            default,
            key=key,
            step=1,
            whole=True,
            width=130,
            help="The same seed draws the same random numbers, so a shared link shows the same "
            "experiment. Any whole number from 0 to 999999.",
        )
        st.button("New draw", key=f"{key}_new", on_click=new_seed, icon=":material/casino:")
    return int(seed)


def _fmt_count(n: float) -> str:
    return f"{int(n):,}"


def _rounds_text(n: int) -> str:
    return f"{n:,} round" + ("s" if n != 1 else "")


def _amount(value: float) -> str:
    """Money: whole units with thousands separators once it is large."""
    if abs(value) >= 1000:
        return f"{value:,.0f}".replace("-", "−")
    return frame.fmt(value, 4)


def _pct(value: float, digits: int = 3) -> str:
    return "—" if math.isnan(value) else frame.fmt(100 * value, digits) + " %"


# ---------------------------------------------------------------- coin flips


@functools.lru_cache(maxsize=64)
def _coin_run(n: int, p: float, seed: int, run: int, points: int) -> dict:
    """One run's summary: running share at log-spaced counts, groups of ten, streaks.

    Run ``r`` of seed ``s`` draws from the ``r``-th child of ``SeedSequence(s)``, so adding
    a run never changes the runs already drawn.
    """
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run,)))
    flips = pr.coin_flips(n, p=p, seed=rng)
    at = log_points(n, count=points)
    followers, heads = pr.streak_counts(flips, STREAKS)
    share = pr.running_mean_at(flips, at)
    return {
        "n": at.astype(np.int32),
        "share": share.astype(np.float32),
        "heads": round(float(share[-1]) * n),  # the count behind the last share, exactly
        "tens": pr.heads_in_tens(flips),
        "followers": followers,
        "after": heads,
        "first": "".join("HT"[1 - int(f)] for f in flips[:10]),
    }


def _coin_runs(n: int, p: float, seed: int, runs: int) -> list[dict]:
    points = min(2000, POINTS // runs)
    if n * runs < HEAVY:
        return [_coin_run(n, p, seed, r, points) for r in range(runs)]
    bar = st.progress(0.0, text=f"Flipping {runs} × {n:,} coins…")
    done = []
    for r in range(runs):
        done.append(_coin_run(n, p, seed, r, points))
        bar.progress((r + 1) / runs, text=f"Flipped {r + 1} of {runs} runs of {n:,} coins")
    bar.empty()
    return done


def _series(counts: list, means: list, names: list[str]) -> pd.DataFrame:
    """Running means as one tidy frame, compact: 4-byte numbers and the run as a category."""
    return pd.DataFrame(
        {
            "n": np.concatenate(counts).astype(np.int32),
            "mean": np.concatenate(means).astype(np.float32),
            "run": pd.Categorical(np.repeat(names, [len(c) for c in counts]), categories=names),
        }
    )


def _band(centre: float, sd: float, n: int) -> pd.DataFrame:
    at = log_points(n, count=200).astype(float)
    half = 2 * sd / np.sqrt(at)
    return pd.DataFrame({"n": at, "low": centre - half, "high": centre + half, "centre": centre})


@st.fragment
def coin_flips_topic() -> None:  # noqa: PLR0915 - one topic reads top to bottom
    """The law of large numbers with coins, exactly-five-in-ten, and the gambler's fallacy."""
    frame.intro(
        "A fair coin does not promise five heads in ten flips; it promises that the *share* of "
        "heads drifts towards p as the flips pile up. The drift is slow: the typical gap "
        "between the share and p shrinks like 1/√n, so a hundred times more flips buy one "
        "more correct digit. And the coin keeps no score: after a run of tails, heads is no "
        "more likely than before.",
        [
            r"\bar X_n = \frac{1}{n}\sum_{i=1}^{n} X_i \;\longrightarrow\; p"
            r"\qquad \text{typical gap } \frac{\sqrt{p(1-p)}}{\sqrt{n}}",
            r"P(k \text{ heads in } 10) = \binom{10}{k}\, p^k (1-p)^{10-k}",
        ],
    )
    frame.presets(
        {
            "Ten flips": {"coin_n": 10, "coin_runs": 1, "coin_p": 0.5, "coin_seed": 7.0},
            "Ten million": {"coin_n": 10_000_000, "coin_runs": 1, "coin_p": 0.5},
            "Ten runs": {"coin_n": 100_000, "coin_runs": 10, "coin_p": 0.5},
            "Loaded coin": {"coin_n": 100_000, "coin_runs": 3, "coin_p": 0.7},
            "Losing streak": {"coin_n": 1_000_000, "coin_runs": 1, "coin_p": 0.5, "coin_k": 6},
        },
        key="coin",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    # controls
    with controls:
        p = state.slider(
            "P(heads) p", 0.0, 1.0, 0.5, step=0.01, key="coin_p", help="0.5 is a fair coin."
        )
        n = count_slider(
            "Flips per run n",
            key="coin_n",
            default=1000,
            largest=10_000_000,
            help="From a single flip to ten million, on a log scale.",
        )
        runs = state.slider(
            "Runs", 1, 10, 3, key="coin_runs", help="Independent runs of n flips, one line each."
        )
        k = state.slider(
            "Streak length k",
            1,
            10,
            3,
            key="coin_k",
            help="How many tails in a row before the flip we look at.",
        )
        seed = seed_input(key="coin_seed")
    # compute
    done = _coin_runs(n, p, seed, runs)
    sd = math.sqrt(p * (1 - p))
    lines = _series(
        [d["n"] for d in done], [d["share"] for d in done], [f"run {r + 1}" for r in range(runs)]
    )
    band = _band(p, sd, n)
    share = done[0]["heads"] / n
    tens = sum(d["tens"] for d in done)
    groups = int(tens.sum())
    exact = pr.distribution("binomial", n=10, p=p).pmf(np.arange(11))
    ten_bars = pd.DataFrame(
        {
            "heads": np.tile(np.arange(11), 2),
            "share": np.concatenate([exact, tens / groups if groups else np.full(11, np.nan)]),
            "source": ["exact"] * 11 + ["simulated"] * 11,
        }
    )
    followers = sum(d["followers"] for d in done)
    after = sum(d["after"] for d in done)
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = np.where(followers > 0, after / np.maximum(followers, 1), np.nan)
        spread = 2 * np.sqrt(p * (1 - p) / followers)
    streaks = pd.DataFrame(
        {
            "k": STREAKS,
            "rate": rates,
            "low": np.clip(rates - spread, 0, 1),
            "high": np.clip(rates + spread, 0, 1),
            "followers": followers,
            "chosen": np.array(STREAKS) == k,
        }
    )
    # render
    with view:
        frame.metrics(
            [
                ("share of heads, run 1", frame.fmt(share, 5)),
                ("gap from p", frame.fmt(abs(share - p), 3)),
                ("typical gap σ/√n", frame.fmt(sd / math.sqrt(n), 3)),
                ("heads, run 1", f"{done[0]['heads']:,} of {n:,}"),
            ]
        )
        st.markdown("**The running share of heads** (shaded: p ± 2σ/√n)")
        frame.chart(
            charts.running_mean_chart, lines, band, y_title="share of heads so far", y_domain=(0, 1)
        )
        if n == 1:
            st.caption("One flip: the share is 0 or 1. Raise **Flips per run** to watch it settle.")
        elif sd == 0:
            st.caption(
                f"With p = {p:g} every flip is the same, so the share is exactly {p:g} from the "
                "first flip on: there is nothing random left to average out."
            )
        st.markdown("**Ten flips at a time**")
        first = done[0]["first"]
        heads = first.count("H")
        st.caption(
            f"Run 1 starts {' '.join(first)}: {heads} head{'s' if heads != 1 else ''} in "
            + (f"its first {len(first)} flips." if len(first) > 1 else "its only flip.")
        )
        if groups:
            frame.metrics(
                [
                    ("P(exactly 5 of 10), exact", _pct(float(exact[5]))),
                    ("share of groups with 5", _pct(float(tens[5] / groups))),
                    ("groups of ten", f"{groups:,}"),
                ]
            )
            frame.chart(charts.tens_chart, ten_bars)
        else:
            st.info(
                "Groups of ten need at least ten flips: raise **Flips per run** to 10 or more.",
                icon=":material/info:",
            )
        st.markdown(f"**After {k} tails in a row** — is heads due?")
        chosen = int(k - 1)
        if followers[chosen]:
            frame.metrics(
                [
                    (f"heads right after {k} tails", _pct(float(rates[chosen]))),
                    ("times it happened", f"{int(followers[chosen]):,}"),
                    ("p", frame.fmt(p, 3)),
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
        if np.any(followers > 0):
            frame.chart(charts.streak_chart, streaks, pd.DataFrame({"p": [p]}))
            st.caption(
                "Bars: share of heads on the flip right after k tails; black whiskers: ±2 "
                "standard errors; dashed: p. The bars stay level: long streaks are rarer, so "
                "their whiskers grow, but they centre on p."
            )
    frame.try_this(
        [
            "Press **Ten flips**: run 1 gets 3 heads, not 5. Now move **Flips per run** to 10k "
            "and then 10M: the share closes in on 0.5, and the typical gap shrinks tenfold for "
            "every hundredfold more flips (0.005 at 10k, 0.00016 at 10M).",
            "Press **Ten runs** and watch the ten lines: early on they scatter widely, later "
            "they all squeeze into the shaded band, whose width is 4σ/√n.",
            "With p = 0.5, check the groups of ten: exactly five heads shows up only in about "
            "24.6 % of them (252/1024) — the most likely count, yet usually missed.",
            "Press **Losing streak**: after 6 tails in a row heads still comes up about half "
            "the time. Drag **P(heads)** to 0.7 and the bars follow p, not the streak.",
        ]
    )
    frame.download(
        {
            "running share": lines,
            "band": band,
            "ten flips": ten_bars,
            "after a streak": streaks.drop(columns="chosen"),
        },
        file_name="coin_flips.csv",
        key="coin_csv",
    )


# ---------------------------------------------------------------- expected value

SEED_GAME = {"payoffs": (300, 300, -200, -200, -200, -200), "weights": (1, 1, 1, 1, 1, 1)}


def _game_preset(payoffs: tuple[float, ...], weights: tuple[float, ...]) -> dict[str, float]:
    values = {f"ev_x{i}": float(x) for i, x in enumerate(payoffs, start=1)}
    return values | {f"ev_w{i}": float(w) for i, w in enumerate(weights, start=1)}


def _exact_mean(payoffs: np.ndarray, weights: np.ndarray) -> Fraction | None:
    """E[X] as a fraction when every payoff and weight is a whole number."""
    if not (np.all(payoffs == np.round(payoffs)) and np.all(weights == np.round(weights))):
        return None
    total = int(weights.sum())
    ps = [Fraction(int(w), total) for w in weights]
    return pr.expected_value([int(x) for x in payoffs], ps)


def _fraction_text(value: Fraction) -> str:
    sign = "−" if value < 0 else ""
    value = abs(value)
    return f"{sign}{value.numerator}" + (f"/{value.denominator}" if value.denominator > 1 else "")


@functools.lru_cache(maxsize=32)
def _rounds(payoffs: tuple[float, ...], ps: tuple[float, ...], n: int, seed: int) -> tuple:
    rounds = pr.play(payoffs, ps, n, seed=seed)
    at = log_points(n)
    return at, pr.running_mean_at(rounds, at), float(rounds.sum())


@st.fragment
def expected_value_topic() -> None:  # noqa: PLR0915 - one topic reads top to bottom
    """The dice game: E[X] face by face, a verdict, and the running average of many rounds."""
    frame.intro(
        "Roll a die: faces 1 and 2 win 300, the other four lose 200. Should you play? Weigh "
        "each payoff by its probability and add: that is the expected value E[X], what a round "
        "pays on average in the long run. Here it is −100/3: about 33 lost per round. The law "
        "of large numbers says the average over many rounds settles on E[X]; one lucky "
        "evening does not change it.",
        [
            r"E[X] = \sum_i x_i\, P(X = x_i) = 300\cdot\tfrac{2}{6} - 200\cdot\tfrac{4}{6}"
            r" = -\tfrac{100}{3}",
            r"\operatorname{Var} X = \sum_i \big(x_i - E[X]\big)^2 P(X = x_i)",
        ],
    )
    frame.presets(
        {
            "Dice game": _game_preset(SEED_GAME["payoffs"], SEED_GAME["weights"]),
            "Fair game": _game_preset((200, 200, -100, -100, -100, -100), (1,) * 6),
            "Loaded die": _game_preset(SEED_GAME["payoffs"], (3, 3, 1, 1, 1, 1)),
            "Long shot": _game_preset((-250, -250, -250, -250, -250, 1000), (1,) * 6),
        },
        key="ev",
    )
    controls, view = st.columns([1.4, 2.3], gap="large")  # room for a row of two boxes
    # controls
    with controls:
        st.markdown("**Each face: payoff, weight**")
        st.caption("A face's probability is its weight over the total weight.")
        payoffs, weights = [], []
        for i in range(1, 7):
            with st.container(horizontal=True, gap="small", vertical_alignment="center"):
                st.markdown(
                    f"<span style='font-size:1.6rem'>{FACES[i - 1]}</span>",
                    width="content",
                    unsafe_allow_html=True,
                )
                payoffs.append(
                    state.number_input(
                        f"payoff of face {i}",
                        -10_000,
                        10_000,
                        SEED_GAME["payoffs"][i - 1],
                        key=f"ev_x{i}",
                        step=50,
                        collapsed=True,
                        width=88,
                    )
                )
                weights.append(
                    state.number_input(
                        f"weight of face {i}",
                        0,
                        100,
                        1,
                        key=f"ev_w{i}",
                        step=1,
                        collapsed=True,
                        width=64,
                    )
                )
        n = count_slider(
            "Rounds n",
            key="ev_n",
            default=1000,
            largest=1_000_000,
            help="How many rounds to simulate, on a log scale.",
        )
        seed = seed_input(key="ev_seed")
    # compute
    payoffs_a, weights_a = np.array(payoffs), np.array(weights)
    plotted: dict[str, pd.DataFrame] = {}
    with view, contextlib.suppress(frame.Halt):
        try:
            ps = pr.normalise(weights_a)
        except pr.ProbabilityError as error:
            frame.problem(f"The die needs a chance somewhere: {error}. Give a face a weight.")
            raise frame.Halt from None
        exact = _exact_mean(payoffs_a, weights_a)
        mean = float(exact) if exact is not None else pr.expected_value(payoffs_a, ps)
        sd = math.sqrt(pr.variance(payoffs_a, ps))
        fair = exact == 0 if exact is not None else abs(mean) <= 1e-12 * np.abs(payoffs_a).max()
        at, averages, total = _rounds(tuple(payoffs), tuple(ps), n, seed)
        table = pd.DataFrame(
            {
                "face": [*"123456", "E[X]"],
                "payoff": [*payoffs_a, mean],
                "probability": [*ps, 1.0],
                "contribution": [*(payoffs_a * ps), mean],
                "sign": [*np.where(payoffs_a >= 0, "win", "lose"), "E[X]"],
            }
        )
        lines = _series([at], [averages], ["average so far"])
        band = _band(mean, sd, n)
        low, high = float(payoffs_a.min()), float(payoffs_a.max())
        pad = 0.08 * (high - low) if high > low else 1.0
        # render
        if exact is None or exact.denominator == 1:
            mean_text = frame.fmt(mean, 6)
        else:
            mean_text = f"{_fraction_text(exact)} ≈ {frame.fmt(mean, 5)}"
        frame.metrics(
            [
                ("E[X] per round", mean_text),
                ("standard deviation σ", _amount(sd)),
                (f"average of {_rounds_text(n)}", frame.fmt(averages[-1], 5)),
                ("total won", _amount(total)),
            ]
        )
        if fair:
            st.info(
                f"A fair game: E[X] = 0, so the average settles on 0. The total still wanders: "
                f"after n rounds it is typically about σ√n = {_amount(sd * math.sqrt(n))} "
                "away from 0, one way or the other.",
                icon=":material/balance:",
            )
        elif mean < 0:
            st.warning(
                f"Don't play: you lose {frame.fmt(-mean, 4)} per round on average, about "
                f"{_amount(-mean * n)} over {_rounds_text(n)}. Winning some rounds does not "
                "change the average.",
                icon=":material/trending_down:",
            )
        else:
            st.success(
                f"Play: you win {frame.fmt(mean, 4)} per round on average, about "
                f"{_amount(mean * n)} over {_rounds_text(n)}.",
                icon=":material/trending_up:",
            )
        st.markdown("**E[X] face by face**: payoff × probability, then their sum")
        frame.chart(charts.contribution_chart, table)
        st.markdown("**The average so far** (shaded: E[X] ± 2σ/√n)")
        frame.chart(
            charts.running_mean_chart,
            lines,
            band,
            y_title="average payoff per round",
            y_domain=(low - pad, high + pad),
        )
        plotted = {"face by face": table, "average so far": lines, "band": band}
    frame.try_this(
        [
            "Press **Dice game** and drag **Rounds** from 10 to 1M: the average wanders at "
            "first, then settles on −33.33 — the 300 wins cannot beat the 200 losses, which "
            "come twice as often.",
            "Press **Fair game**: E[X] = 0 and the average goes to 0, yet **total won** keeps "
            "swinging by thousands. A fair game does not give your losses back.",
            "Press **Loaded die**: faces 1 and 2 come up 60 % of the time, and E[X] turns "
            "positive (+100). Only the probabilities changed.",
            "Press **Long shot**: E[X] = −41.67 loses again, but σ is 466, twice the dice "
            "game's, so the average needs four times as many rounds to settle as closely.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="expected_value.csv", key="ev_csv")


# ---------------------------------------------------------------- distributions

FAMILY_LABELS = {
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
PARAMETERS = {  # URL key: (label, min, max, default, step)
    "mu": ("Mean μ", -5.0, 5.0, 0.0, 0.1),
    "sigma": ("Standard deviation σ", 0.1, 5.0, 1.0, 0.1),
    "a": ("Lower end a", -5.0, 5.0, 0.0, 0.1),
    "b": ("Upper end b", -5.0, 5.0, 1.0, 0.1),
    "p": ("Probability p", 0.0, 1.0, 0.3, 0.01),
    "n": ("Trials n", 1, 100, 10, 1),
    "lam": ("Rate λ", 0.0, 30.0, 3.0, 0.1),
    "rate": ("Rate λ", 0.1, 5.0, 1.0, 0.1),
}


def _parameters(family: str) -> dict[str, float]:
    """The family's parameter sliders; every other family's wait off stage (see ``offstage``)."""
    values, parked = {}, frame.offstage("dist")
    for name, (label, lo, hi, default, step) in PARAMETERS.items():
        used = name in pr.FAMILIES[family]
        with contextlib.nullcontext() if used else parked:
            value = state.slider(label, lo, hi, default, step=step, key=f"dist_{name}")
        if used:
            values[name] = value
    return values


def _support(frozen: object, family: str) -> np.ndarray:
    """The values worth drawing: all but the outer 0.05 % of the probability."""
    lo, hi = frozen.ppf(0.0005), frozen.ppf(0.9995)
    if family in pr.DISCRETE:
        lo = max(float(frozen.support()[0]), float(lo) - 1)
        hi = max(float(hi), lo + 1)
        if hi - lo > 400:  # far too many values to draw one by one: draw every k-th
            return np.unique(np.linspace(lo, hi, 401).round())
        return np.arange(lo, hi + 1)
    if family == "uniform":
        a, b = frozen.support()
        pad = 0.1 * (b - a)
        return np.linspace(a - pad, b + pad, 400)
    if family == "exponential":
        lo = 0.0
    pad = 0.05 * (hi - lo)
    return np.linspace(lo - (0 if family == "exponential" else pad), hi + pad, 400)


def _distribution_frames(
    family: str, params: dict[str, float], xs: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The exact pmf/pdf over its support, and the sample's shares or histogram."""
    frozen = pr.distribution(family, **params)
    grid = _support(frozen, family)
    if family in pr.DISCRETE:
        pmf = pd.DataFrame({"x": grid, "probability": frozen.pmf(grid)})
        values, counts = np.unique(xs, return_counts=True)
        shown = (values >= grid[0]) & (values <= grid[-1])
        shares = pd.DataFrame({"x": values[shown], "share": counts[shown] / xs.size})
        return pmf, shares
    pdf = pd.DataFrame({"x": grid, "density": frozen.pdf(grid)})
    bins = int(np.clip(np.sqrt(xs.size), 5, 60))
    counts, edges = np.histogram(xs, bins=bins, range=(grid[0], grid[-1]))
    histogram = pd.DataFrame(
        {"left": edges[:-1], "right": edges[1:], "density": counts / (xs.size * np.diff(edges))}
    )
    return pdf, histogram


@functools.lru_cache(maxsize=32)
def _draws(family: str, params: tuple[tuple[str, float], ...], n: int, seed: int) -> np.ndarray:
    return pr.sample(family, n, seed=seed, **dict(params))


@st.fragment
def distributions_topic() -> None:
    """Seven distributions: pmf or pdf, mean and variance, and a sample drawn from it."""
    frame.intro(
        "A distribution says how probability is spread over the possible values. Discrete "
        "ones put it on separate values (a pmf: bars that add up to 1); continuous ones "
        "spread it along a line (a pdf: a curve whose area is 1). The mean is the balance "
        "point, the variance the spread. Draw a sample and its histogram takes the shape of "
        "the curve as it grows.",
    )
    frame.presets(
        {
            "Bell curve": {
                "dist_f": "normal",
                "dist_mu": 0.0,
                "dist_sigma": 1.0,
                "dist_size": 10_000,
            },
            "Ten coin flips": {
                "dist_f": "binomial",
                "dist_n": 10,
                "dist_p": 0.5,
                "dist_size": 1000,
            },
            "Rare events": {"dist_f": "poisson", "dist_lam": 1.5, "dist_size": 1000},
            "Waiting time": {"dist_f": "exponential", "dist_rate": 0.5, "dist_size": 1000},
            "First six": {"dist_f": "geometric", "dist_p": 1 / 6, "dist_size": 1000},
        },
        key="dist",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    # controls
    with controls:
        family = state.selectbox(
            "Distribution",
            list(pr.FAMILIES),
            "normal",
            key="dist_f",
            format_func=FAMILY_LABELS.__getitem__,
        )
        params = _parameters(family)
        n = count_slider(
            "Sample size",
            key="dist_size",
            default=1000,
            largest=1_000_000,
            help="How many values to draw, on a log scale.",
        )
        seed = seed_input(key="dist_seed")
    # compute
    plotted: dict[str, pd.DataFrame] = {}
    with view, contextlib.suppress(frame.Halt):
        st.latex(FORMULAS[family])
        try:
            frozen = pr.distribution(family, **params)
        except pr.ProbabilityError as error:
            frame.problem(f"{error}. Change the parameter.")
            raise frame.Halt from None
        xs = _draws(family, tuple(params.items()), n, seed)
        mean, var = float(frozen.mean()), float(frozen.var())
        marks = pd.DataFrame({"x": [mean, float(xs.mean())], "mark": ["mean", "sample mean"]})
        model, data = _distribution_frames(family, params, xs)
        # render
        frame.metrics(
            [
                ("mean E[X]", frame.fmt(mean, 4)),
                ("variance", frame.fmt(var, 4)),
                ("sample mean", frame.fmt(float(xs.mean()), 4)),
                ("sample variance", frame.fmt(float(xs.var(ddof=1)), 4) if n > 1 else "—"),
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
        plotted = {"exact": model, "sample": data, "means": marks}
    frame.try_this(
        [
            "Press **Bell curve**, then drag **Sample size** down to 10: the histogram is "
            "ragged; at 1M it traces the curve, and the sample mean sits on the mean.",
            "Press **Ten coin flips**: the tallest stem is at 5 (24.6 %). Drag **Trials n** to "
            "100: the stems make a bell — a binomial with many trials looks normal.",
            "Press **Rare events** and raise **Rate λ** from 1.5 to 25: the Poisson's mean and "
            "variance both equal λ, and its lopsided bars become a bell too.",
            "Press **First six**: the mean number of rolls to the first six is 6, yet 1 is the "
            "single most likely count.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="distribution.csv", key="dist_csv")


# ---------------------------------------------------------------- Bayes

POPULATION = (40, 25)  # columns × rows of the crowd: 1000 people
RESULTS = {"p": "+", "n": "−"}
MAX_TESTS = 8


def _people(freq: pr.Frequencies) -> pd.DataFrame:
    columns = POPULATION[0]
    # Everyone who tests positive first, so the positives read as one block.
    order = [0, 2, 1, 3]
    counts = [freq.true_positive, freq.false_negative, freq.false_positive, freq.true_negative]
    group = np.repeat(order, [counts[i] for i in order])
    index = np.arange(group.size)
    return pd.DataFrame(
        {
            "column": index % columns,
            "row": index // columns,
            "group": pd.Categorical.from_codes(group, categories=charts.GROUPS),
        }
    )


def _tests_from_link() -> str:
    """The sequence of test results, "p" and "n", kept in the URL as ``bay_tests``."""
    if "bay_seq" not in st.session_state:
        raw = st.query_params.get("bay_tests", "") or "p"
        if len(raw) > MAX_TESTS or set(raw) - set(RESULTS):
            st.warning(
                f"The link set the test results to `{raw[:20]}`; they must be up to {MAX_TESTS} "
                "letters p (positive) or n (negative), so they start at one positive test.",
                icon=":material/link_off:",
            )
            raw = "p"
        st.session_state["bay_seq"] = raw
    return st.session_state["bay_seq"]


def _add_test(result: str) -> None:
    seq = st.session_state.get("bay_seq", "p")
    st.session_state["bay_seq"] = (seq + result)[-MAX_TESTS:]


def _restart_tests() -> None:
    st.session_state["bay_seq"] = "p"


@st.fragment
def bayes_topic() -> None:
    """A medical test: the crowd in natural frequencies, the posterior, repeated tests."""
    frame.intro(
        "A test for a rare condition comes back positive. How worried should you be? Bayes' "
        "theorem turns P(positive | condition), which the test's makers measure, into "
        "P(condition | positive), which you want. Picture a thousand people: when the "
        "condition is rare, the few true positives are outnumbered by false alarms from the "
        "many healthy people. A second positive test uses the first posterior as its prior.",
        [
            r"P(C \mid +) = \frac{P(+ \mid C)\,P(C)}{P(+ \mid C)\,P(C) + "
            r"P(+ \mid \neg C)\,P(\neg C)}",
        ],
    )
    frame.presets(
        {
            "Rare condition": {"bay_prior": 0.01, "bay_sens": 0.9, "bay_fpr": 0.05, "bay_seq": "p"},
            "Test twice": {"bay_prior": 0.01, "bay_sens": 0.9, "bay_fpr": 0.05, "bay_seq": "pp"},
            "Common condition": {
                "bay_prior": 0.3,
                "bay_sens": 0.9,
                "bay_fpr": 0.05,
                "bay_seq": "p",
            },
            "Perfect test": {"bay_prior": 0.01, "bay_sens": 1.0, "bay_fpr": 0.0, "bay_seq": "p"},
        },
        key="bay",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    # controls
    with controls:
        prior = state.number_input(
            "Prior P(condition)",
            0.0,
            1.0,
            0.01,
            key="bay_prior",
            step=0.005,
            help="How common the condition is before any test: 0.01 is one person in a hundred.",
        )
        sens = state.slider(
            "Sensitivity P(+ | condition)",
            0.0,
            1.0,
            0.9,
            step=0.01,
            key="bay_sens",
            help="The share of people with the condition whom the test catches.",
        )
        fpr = state.slider(
            "False-positive rate P(+ | healthy)",
            0.0,
            1.0,
            0.05,
            step=0.01,
            key="bay_fpr",
            help="The share of healthy people whom the test wrongly flags.",
        )
        seq = _tests_from_link()
        st.markdown("**Test results, in order:** " + " ".join(RESULTS[r] for r in seq))
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Positive", key="bay_add_p", on_click=_add_test, args=("p",), icon=":material/add:"
            )
            st.button(
                "Negative",
                key="bay_add_n",
                on_click=_add_test,
                args=("n",),
                icon=":material/remove:",
            )
            st.button("Start over", key="bay_reset", on_click=_restart_tests)
    if seq == "p":  # the default stays out of the link
        st.query_params.pop("bay_tests", None)
    else:
        st.query_params["bay_tests"] = seq
    # compute
    posterior = pr.bayes_posterior(prior, sens, fpr)
    freq = pr.natural_frequencies(prior, sens, fpr, population=POPULATION[0] * POPULATION[1])
    beliefs = pr.belief_path(prior, sens, fpr, [r == "p" for r in seq])
    path = pd.DataFrame(
        {
            "test": np.arange(len(beliefs)),
            "belief": beliefs,
            "result": ["before"] + [RESULTS[r] for r in seq],
            "label": [_pct(b, 3) for b in beliefs],
        }
    )
    people = _people(freq)
    positives = freq.true_positive + freq.false_positive
    # render
    with view:
        frame.metrics(
            [
                ("P(condition | +)", _pct(posterior)),
                ("from the crowd", f"{freq.true_positive} of {positives}" if positives else "—"),
                (f"after {len(seq)} result{'s' if len(seq) > 1 else ''}", _pct(beliefs[-1])),
            ]
        )
        if math.isnan(posterior):
            st.info(
                "With these numbers nobody tests positive (P(+) = 0), so there is no one to "
                "ask about: a positive result cannot happen. Raise the sensitivity or the "
                "false-positive rate.",
                icon=":material/info:",
            )
        elif prior in (0.0, 1.0):
            st.info(
                f"A prior of exactly {prior:g} cannot be moved by any evidence: Bayes multiplies "
                "by the prior, so certainty stays certainty. Keep a little doubt (a prior "
                "strictly between 0 and 1) and the test can change your mind.",
                icon=":material/info:",
            )
        st.markdown(
            f"**A thousand people.** {freq.true_positive + freq.false_negative} have the "
            f"condition; the test flags {freq.true_positive} of them and {freq.false_positive} "
            f"healthy people too. Of the {positives} who test positive, "
            f"{freq.true_positive} have it."
        )
        frame.chart(charts.people_chart, people, columns=POPULATION[0], rows=POPULATION[1])
        st.markdown("**Belief after each test** (each posterior is the next prior)")
        frame.chart(charts.belief_chart, path)
        if np.isnan(beliefs[-1]) and not math.isnan(beliefs[0]):
            st.caption("The line stops at a result that could not happen with these numbers.")
    frame.try_this(
        [
            "Press **Rare condition**: the test is 90 % sensitive, yet a positive result means "
            "only a 15.4 % chance of having the condition — 9 true positives against 50 false "
            "alarms in the crowd.",
            "Press **Test twice**: after a second positive the belief jumps to 76.6 %. Press "
            "**Negative** and it falls back to 25.6 %.",
            "Press **Common condition** (prior 30 %): the same test now gives 88.5 %. The prior "
            "matters as much as the test.",
            "Set the **Prior** to 0: no test result moves it. Then try 0.001.",
        ]
    )
    frame.download(
        {"belief": path, "crowd": people.astype({"group": str})},
        file_name="bayes.csv",
        key="bay_csv",
    )


# ---------------------------------------------------------------- maximum likelihood

MLE_LABELS = {
    "normal": "Normal",
    "bernoulli": "Bernoulli",
    "poisson": "Poisson",
    "exponential": "Exponential",
}
HIDDEN = {  # the range each hidden parameter is drawn from, uniformly
    "normal": {"mu": (-3.0, 3.0), "sigma": (0.5, 3.0)},
    "bernoulli": {"p": (0.05, 0.95)},
    "poisson": {"lam": (0.5, 12.0)},
    "exponential": {"rate": (0.2, 3.0)},
}
VIEW = {
    "normal": (-6.0, 6.0),
    "bernoulli": (0.0, 1.0),
    "poisson": (0.0, 15.0),
    "exponential": (0.0, 4.0),
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


def hidden_truth(family: str, seed: int) -> dict[str, float]:
    """The parameters the sample is drawn from, chosen by the seed and kept off the page."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,)))
    return {name: round(float(rng.uniform(lo, hi)), 2) for name, (lo, hi) in HIDDEN[family].items()}


def _grid(
    family: str,
    xs: np.ndarray,
    estimate: dict[str, float],
    interval: tuple[float, float],
    *,
    simulated: bool,
) -> np.ndarray:
    """Parameter values for the likelihood curve: a fixed range, dense near the estimate.

    The range never depends on the hidden truth, and for simulated data not on the sample
    either, so the curve visibly narrows as the sample grows.
    """
    main = pr.MLE_FAMILIES[family]
    lo, hi = VIEW[family]
    if not simulated:
        centre = estimate[main]
        match family:
            case "normal":
                lo, hi = float(xs.min()), float(xs.max())
            case "bernoulli":
                pass
            case _:
                lo, hi = 0.0, 2.5 * centre + 3 / max(xs.size, 1) + (3 if family == "poisson" else 0)
    half = max(interval[1] - interval[0], 1e-9)
    near = estimate[main] + half * np.linspace(-3, 3, 241)
    grid = np.union1d(np.linspace(lo, hi, 401), near)
    grid = grid[(grid >= lo) & (grid <= hi)]
    return grid if family == "normal" else grid[grid > 0]


@functools.lru_cache(maxsize=32)
def _simulated(family: str, n: int, seed: int) -> np.ndarray:
    return pr.sample(family, n, seed=seed, **hidden_truth(family, seed))


@st.fragment
def mle_topic() -> None:  # noqa: PLR0915 - one topic reads top to bottom
    """Fit a distribution by maximising the likelihood of the sample; watch it sharpen."""
    frame.intro(
        "You see data, not the parameter that made it. Maximum likelihood picks the value "
        "under which the data you saw would have been most probable. Work with the log of "
        "the likelihood: it turns a product of probabilities into a sum, and its peak is in "
        "the same place. More data makes the peak narrower, so the estimate is surer. "
        "Training a classifier with cross-entropy loss does exactly this for a Bernoulli.",
        [r"\hat\theta = \arg\max_\theta \sum_{i=1}^n \log p(x_i \mid \theta)"],
    )
    frame.presets(
        {
            "Few flips": {"mle_f": "bernoulli", "mle_src": "simulate", "mle_n": 10},
            "Many flips": {"mle_f": "bernoulli", "mle_src": "simulate", "mle_n": 10_000},
            "Counts": {"mle_f": "poisson", "mle_src": "simulate", "mle_n": 50},
            "Bell": {"mle_f": "normal", "mle_src": "simulate", "mle_n": 100},
            "No spread": {"mle_f": "normal", "mle_src": "type", "mle_data": "3, 3, 3"},
        },
        key="mle",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    # controls
    with controls:
        family = state.selectbox(
            "Model", list(MLE_LABELS), "bernoulli", key="mle_f", format_func=MLE_LABELS.__getitem__
        )
        source = state.radio(
            "Data", list(SOURCES), "simulate", key="mle_src", format_func=SOURCES.__getitem__
        )
        simulated = source == "simulate"
        # Both sources' controls exist on every run; the unused ones wait off stage.
        parked = frame.offstage("mle")
        with contextlib.nullcontext() if simulated else parked:
            n = count_slider(
                "Sample size n",
                key="mle_n",
                default=20,
                largest=100_000,
                help="How many values to draw, on a log scale.",
            )
            seed = seed_input(key="mle_seed")
            show = simulated and state.toggle(
                "Reveal the truth",
                key="mle_show",
                help="The seed also picks the true parameter; this shows it on the chart.",
            )
        with parked if simulated else contextlib.nullcontext():
            text = state.text_input(
                "Your data",
                "2, 4, 3, 5, 1, 3, 2, 6",
                key="mle_data",
                help="Numbers separated by commas or spaces.",
            )
    # compute
    plotted: dict[str, pd.DataFrame] = {}
    main = pr.MLE_FAMILIES[family]
    with view, contextlib.suppress(frame.Halt):
        st.latex(LIKELIHOODS[family])
        try:
            xs = _simulated(family, n, seed) if simulated else pr.parse_sample(text)
            estimate = pr.mle(xs, family)
        except pr.ProbabilityError as error:
            frame.problem(
                f"No maximum-likelihood fit: {str(error).replace('xs ', 'the data ', 1)}."
            )
            raise frame.Halt from None
        truth = hidden_truth(family, seed) if simulated else {}
        interval = pr.likelihood_interval(xs, family)
        # render
        symbol = SYMBOLS[main]
        numbers = [
            (f"estimate {HATS[name]}", frame.fmt(value, 4)) for name, value in estimate.items()
        ]
        numbers.append(
            ("95 % interval", f"{frame.fmt(interval[0], 3)} – {frame.fmt(interval[1], 3)}")
        )
        if family == "bernoulli":
            top = pr.log_likelihood(xs, family, **estimate)
            numbers.append(("cross-entropy −log L / n", frame.fmt(-top / xs.size + 0.0, 4)))
        if show:
            numbers += [
                (f"true {SYMBOLS[name]}", frame.fmt(value, 4)) for name, value in truth.items()
            ]
        numbers.append(("n", f"{xs.size:,}"))
        frame.metrics(numbers)
        if not np.all(np.abs(xs) < 1e12) or not np.all((xs == 0) | (np.abs(xs) > 1e-12)):
            st.info(
                "The fit is shown as numbers only: the charts draw data between 10⁻¹² and "
                "10¹² in size (or 0).",
                icon=":material/info:",
            )
            raise frame.Halt
        grid = _grid(family, xs, estimate, interval, simulated=simulated)
        drop = pr.log_likelihood_drop(xs, family, grid)
        points = pd.DataFrame({"theta": grid, "drop": np.where(drop >= -12, drop, np.nan)})
        marks = pd.DataFrame({"x": [estimate[main]], "mark": ["estimate"]})
        if show:
            marks = pd.concat([marks, pd.DataFrame({"x": [truth[main]], "mark": ["truth"]})])
        model, data = _distribution_frames(family, estimate, xs)
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
        if simulated and not show:
            st.caption("The true value is hidden: guess from the curve, then **Reveal the truth**.")
        st.markdown("**The data, with the fitted model**")
        builder = charts.pmf_chart if family in pr.DISCRETE else charts.pdf_chart
        frame.chart(builder, model, data, marks.iloc[:0], legend=())
        plotted = {"log-likelihood": points, "estimate": marks, "fitted model": model, "data": data}
    frame.try_this(
        [
            "Press **Few flips**: from 10 flips the estimate of p is rough and the curve is "
            "wide. Press **Many flips**: from 10k flips the curve is a spike, and **Reveal the "
            "truth** shows how close the estimate came.",
            "With **Bernoulli**, the cross-entropy metric is −log L / n, the loss a classifier "
            "minimises: minimising it is maximising the likelihood.",
            "Press **No spread**: every value is 3, so no σ maximises the normal likelihood — "
            "it grows without bound as σ shrinks — and the page says so.",
            "With **Type my own data**, choose **Poisson** and type 2, −1: counts cannot be "
            "negative, and the page explains instead of fitting.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="maximum_likelihood.csv", key="mle_csv")
