"""The dice game: E[X] face by face, a verdict, and the running average of many rounds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.topics.probability.common import band_table, log_points, series_table
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Number, Seed, count_slider
from mathviz.ui.format import fmt, fraction
from mathviz.ui.frame import beside
from mathviz.ui.topic import Topic

FACES = "⚀⚁⚂⚃⚄⚅"
DICE = (300, 300, -200, -200, -200, -200)  # faces 1 and 2 win 300, the others lose 200


PAYOFFS = tuple(
    Number(f"ev_x{i}", f"payoff of face {i}", -10_000, 10_000, x, step=50, width=88, collapsed=True)
    for i, x in enumerate(DICE, start=1)
)
WEIGHTS = tuple(
    Number(f"ev_w{i}", f"weight of face {i}", 0, 100, 1, step=1, width=64, collapsed=True)
    for i in range(1, 7)
)
N = count_slider(
    "ev_n", "Rounds n", 1000, largest=1_000_000, help="How many rounds to simulate, on a log scale."
)
SEED = Seed("ev_seed")
MAX_ROLLS = 500
ROLLS = "ev_rolls"  # URL key (and session key) of how many rounds were rolled by hand


def game_preset(payoffs: tuple[float, ...], weights: tuple[float, ...]) -> dict[Number, float]:
    """Preset values that set every face's payoff and weight."""
    values = {box: float(x) for box, x in zip(PAYOFFS, payoffs, strict=True)}
    return values | {box: float(w) for box, w in zip(WEIGHTS, weights, strict=True)}


@cache.stored("game rounds", size=32)
def rounds(payoffs: tuple[float, ...], ps: tuple[float, ...], n: int, seed: int) -> pr.GameRun:
    """``n`` rounds of the game with ``seed``, stored: a million rounds take a moment."""
    return pr.game_run(payoffs, ps, n, seed=seed, at=log_points(n))


def _amount(value: float) -> str:
    """Money: whole units with thousands separators once it is large."""
    if abs(value) >= 1000:
        return f"{value:,.0f}".replace("-", "−")
    return fmt(value, 4)


def _rounds_text(n: int) -> str:
    return f"{n:,} round" + ("s" if n != 1 else "")


def rolls_so_far() -> int:
    """How many rounds were rolled by hand, kept in the link as ``ev_rolls``."""
    if ROLLS not in st.session_state:
        raw = st.query_params.get(ROLLS, "0") or "0"
        try:
            count = int(raw)
        except ValueError:
            count = -1
        if not 0 <= count <= MAX_ROLLS:
            st.warning(
                f"The link set the rounds rolled to `{raw[:20]}`; they must be a whole number "
                f"from 0 to {MAX_ROLLS}, so they start at 0.",
                icon=":material/link_off:",
            )
            count = 0
        st.session_state[ROLLS] = count
    return int(st.session_state[ROLLS])


def roll(more: int) -> None:
    """Roll ``more`` rounds by hand (0: start again), at most ``MAX_ROLLS`` in all."""
    done = int(st.session_state.get(ROLLS, 0))
    st.session_state[ROLLS] = 0 if more == 0 else min(done + more, MAX_ROLLS)


def formula(payoffs: list[float], weights: list[float], game: pr.Game) -> str:
    """E[X] for this game written out term by term, as it would be by hand."""
    parts = []
    for i, (x, w, total) in enumerate(pr.expected_value_terms(payoffs, weights)):
        sign = "-" if x < 0 else ("+" if i else "")
        share = _tfrac(f"{w:g}", f"{total:g}") if w != total else "1"
        parts.append(rf"{sign} {abs(x):g}\cdot{share}")
    exact = game.exact
    if exact is not None and exact.denominator != 1:
        sign = "-" if exact < 0 else ""
        value = sign + _tfrac(str(abs(exact.numerator)), str(exact.denominator))
    else:
        value = f"{game.mean:.6g}"
    if len(parts) <= 2:
        return "E[X] = " + " ".join(parts) + f" = {value}"
    # Three terms a line, the total on its own: long sums stay whole on a phone.
    rows = [" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3)]
    body = r" \\ &\quad ".join(rows)
    return r"\begin{aligned} E[X] &= " + body + r" \\ &= " + value + r" \end{aligned}"


def _tfrac(top: str, bottom: str) -> str:
    return r"\tfrac{" + top + "}{" + bottom + "}"


def body() -> frame.Plotted:
    """Payoff and weight of each face; E[X] face by face, a verdict, the average so far."""
    controls, view = beside(1.4)  # room for a row of two boxes
    with controls:
        st.markdown("**Each face: payoff, weight**")
        st.caption("A face's probability is its weight over the total weight.")
        payoffs, weights = [], []
        for face, payoff, weight in zip(FACES, PAYOFFS, WEIGHTS, strict=True):
            with st.container(horizontal=True, gap="small", vertical_alignment="center"):
                st.markdown(
                    f"<span style='font-size:1.6rem'>{face}</span>",
                    width="content",
                    unsafe_allow_html=True,
                )
                payoffs.append(payoff())
                weights.append(weight())
        n, seed = N(), SEED()
    rolled = rolls_so_far()
    if rolled:
        st.query_params[ROLLS] = str(rolled)
    else:
        st.query_params.pop(ROLLS, None)
    with view:
        try:
            game = pr.summarise_game(payoffs, weights)
        except pr.ProbabilityError as error:
            frame.problem(f"The die needs a chance somewhere: {error}. Give a face a weight.")
            raise frame.Halt from None
        run = rounds(tuple(payoffs), tuple(game.ps), n, seed)
        table = pd.DataFrame(
            {
                "face": [*"123456", "E[X]"],
                "payoff": [*game.payoffs, game.mean],
                "probability": [*game.ps, 1.0],
                "contribution": [*game.contributions, game.mean],
                "sign": [*np.where(game.payoffs >= 0, "win", "lose"), "E[X]"],
            }
        )
        lines = series_table([run.at], [run.average], ["average so far"])
        band = band_table(game.mean, game.sd, n, at=run.at)
        if game.exact is None or game.exact.denominator == 1:
            mean_text = fmt(game.mean, 6)
        else:
            mean_text = f"{fraction(game.exact)} ≈ {fmt(game.mean, 5)}"
        # The average settling on E[X] is the picture: it comes first, the numbers under it.
        st.markdown("**The average so far** (shaded: E[X] ± 2σ/√n)")
        frame.chart(
            charts.running_mean_chart,
            lines,
            band,
            y_title="average payoff per round",
            y_domain=charts.payoff_domain(game.payoffs),
            upto=charts.ROUNDS_SO_FAR,
            upto_name="step through the rounds",
            top=float(lines["n"].max()),
            last=int(lines["k"].max()),
            trials="rounds",
        )
        if n > 1:
            stage.player(
                charts.ROUNDS_SO_FAR,
                key="ev_player",
                seconds=8.0,
                from_start=True,
                nudge=20,
                note="Play adds the rounds one after another: the average lurches with each "
                "early win or loss, then is pulled into the band around E[X].",
            )
        frame.numbers(
            [
                ("E[X] per round", mean_text),
                ("standard deviation σ", _amount(game.sd)),
                (f"average of {_rounds_text(n)}", fmt(run.average[-1], 5)),
                ("total won", _amount(run.total)),
            ]
        )
        _verdict(game, n)
        st.latex(formula(payoffs, weights, game))
        st.markdown("**E[X] face by face**: payoff × probability, then their sum")
        frame.chart(
            charts.contribution_chart, table, y_domain=charts.with_room(table["contribution"])
        )
        hand = _by_hand(game, rolled, seed)
    return {"face by face": table, "average so far": lines, "band": band, **hand}


def _by_hand(game: pr.Game, rolled: int, seed: int) -> frame.Plotted:
    """Buttons that roll one round (or ten) at a time; the rounds and their average so far."""
    st.markdown("**Play it yourself**, one round at a time")
    full = rolled >= MAX_ROLLS
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(
            "Roll once",
            key="ev_roll_1",
            on_click=roll,
            args=(1,),
            icon=":material/casino:",
            disabled=full,
        )
        st.button("Roll 10", key="ev_roll_10", on_click=roll, args=(10,), disabled=full)
        st.button("Start again", key="ev_roll_0", on_click=roll, args=(0,), disabled=not rolled)
    if not rolled:
        st.caption(
            "Each roll is a round of the seeded game: the same rounds the simulation above "
            "starts with."
        )
        return {}
    faces = pr.roll_faces(game.ps, rolled, seed=seed)
    paid = game.payoffs[faces]
    average = np.cumsum(paid) / np.arange(1, rolled + 1)
    last = int(faces[-1])
    st.markdown(
        f"<span style='font-size:2rem'>{FACES[last]}</span> Round {rolled:,}: face {last + 1} "
        f"pays **{_amount(float(paid[-1]))}**. Average of your {_rounds_text(rolled)}: "
        f"**{fmt(float(average[-1]), 5)}**, against E[X] = {fmt(game.mean, 5)}.",
        unsafe_allow_html=True,
    )
    if full:
        st.caption(f"{MAX_ROLLS} rounds by hand at most: drag **Rounds n** for millions.")
    played = pd.DataFrame({"round": np.arange(1, rolled + 1), "payoff": paid, "average": average})
    frame.chart(
        charts.rolls_chart,
        played,
        pd.DataFrame({"mean": [game.mean]}),
        y_domain=charts.payoff_domain(game.payoffs),
    )
    return {"rolled by hand": played}


def _verdict(game: pr.Game, n: int) -> None:
    if game.verdict == "fair":
        st.info(
            f"A fair game: E[X] = 0, so the average settles on 0. The total still wanders: "
            f"after n rounds it is typically about σ√n = {_amount(game.total_spread(n))} "
            "away from 0, one way or the other.",
            icon=":material/balance:",
        )
    elif game.verdict == "lose":
        st.warning(
            f"Don't play: you lose {fmt(-game.mean, 4)} per round on average, about "
            f"{_amount(-game.expected_total(n))} over {_rounds_text(n)}. Winning some rounds "
            "does not change the average.",
            icon=":material/trending_down:",
        )
    else:
        st.success(
            f"Play: you win {fmt(game.mean, 4)} per round on average, about "
            f"{_amount(game.expected_total(n))} over {_rounds_text(n)}.",
            icon=":material/trending_up:",
        )


TOPIC = Topic(
    name="expected-value",
    prefix="ev",
    intro=(
        "Roll a die and each face pays its own amount; a loss is a negative payoff. Should "
        "you play? Weigh each payoff by its probability and add: that is the expected value "
        "E[X], what a round pays on average in the long run. The law of large numbers says "
        "the average over many rounds settles on E[X]; one lucky evening does not change it. "
        "The game's own sum is written out beside its numbers."
    ),
    formulas=(
        r"E[X] = \sum_i x_i\, P(X = x_i)",
        r"\operatorname{Var} X = \sum_i \big(x_i - E[X]\big)^2 P(X = x_i)",
    ),
    presets={
        "Dice game": game_preset(DICE, (1,) * 6),
        "Fair game": game_preset((200, 200, -100, -100, -100, -100), (1,) * 6),
        "Loaded die": game_preset(DICE, (3, 3, 1, 1, 1, 1)),
        "Long shot": game_preset((-250, -250, -250, -250, -250, 1000), (1,) * 6),
    },
    try_this=(
        "Press **Dice game**, then **Roll 10** a few times: your average jumps about, then "
        "drifts towards the dashed E[X]. Drag **Rounds n** to 1M and press **▶ Play**: "
        "round after round the average is pulled into the band and settles on −33.33 — the "
        "300 wins cannot beat the 200 losses, which come twice as often.",
        "Press **Fair game**: E[X] = 0 and the average goes to 0, yet **total won** keeps "
        "swinging by thousands. A fair game does not give your losses back.",
        "Press **Loaded die**: faces 1 and 2 come up 60 % of the time, and E[X] turns "
        "positive (+100). Only the probabilities changed.",
        "Press **Long shot**: E[X] = −41.67 loses again, but σ is 466, twice the dice "
        "game's, so the average needs four times as many rounds to settle as closely.",
    ),
    body=body,
)
