"""The Information theory page's three topics, each an ``st.fragment``.

URL keys are prefixed by topic (``game_``, ``ent_``, ``ce_``). The guessing game's secret
lives only in this session's state: it is drawn from fresh entropy, never from the link's
seed, and never written to the page until it is found, so neither the address bar nor the
page source gives it away.
"""

from __future__ import annotations

import contextlib
import functools
import math
import secrets

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.probability import parse_sample
from mathviz.ui import frame, state
from mathviz.ui.probability import seed_input

DISTRIBUTION_LABELS = {
    "uniform": "Uniform",
    "poisson": "Poisson",
    "geometric": "Geometric",
    "peaked": "Peaked",
    "custom": "Custom weights",
}
MAX_N = 1024
SIMULATED_GAMES = 10_000
ROUND = "_game_round"
HISTORY = "_game_history"


def _bits(value: float, digits: int = 4) -> str:
    return frame.fmt(value + 0.0, digits)


def pick_distribution(*, prefix: str, default_n: int) -> tuple[np.ndarray, str]:
    """N, a distribution and its parameters, bound to the URL under ``prefix``.

    Returns the probability vector over 1…N and a short description of it. Every
    distribution's parameter controls are drawn on each run; the unused ones wait off stage,
    so presets that switch the distribution keep their values in the link.
    """
    name = state.selectbox(
        "Distribution",
        list(DISTRIBUTION_LABELS),
        "uniform",
        key=f"{prefix}_dist",
        format_func=DISTRIBUTION_LABELS.__getitem__,
    )
    parked = frame.offstage(prefix)
    custom = name == "custom"
    with parked if custom else contextlib.nullcontext():
        n = int(
            state.number_input(
                "How many numbers N",
                1,
                MAX_N,
                default_n,
                key=f"{prefix}_n",
                step=1,
                whole=True,
                help=f"The secret is one of 1, 2, …, N (N up to {MAX_N}).",
            )
        )
    with contextlib.nullcontext() if name == "poisson" else parked:
        lam = state.slider("Poisson λ", 0.5, 200.0, 5.0, step=0.5, key=f"{prefix}_lam")
    with contextlib.nullcontext() if name == "geometric" else parked:
        p = state.slider("Geometric p", 0.0, 1.0, 0.2, step=0.01, key=f"{prefix}_p")
    with contextlib.nullcontext() if name == "peaked" else parked:
        centre = int(state.slider("Peak at", 1, MAX_N, 10, key=f"{prefix}_centre"))
        width = state.slider("Peak width σ", 0.1, 100.0, 3.0, step=0.1, key=f"{prefix}_width")
    with contextlib.nullcontext() if custom else parked:
        text = state.text_input(
            "Weights of 1, 2, 3, …",
            "8, 4, 2, 1, 1",
            key=f"{prefix}_weights",
            help="One weight per number, separated by commas; they are divided by their "
            "total. N is the number of weights.",
        )
    match name:
        case "poisson":
            described = f"Poisson(λ = {lam:g}) on 1…{n}"
        case "geometric":
            described = f"geometric(p = {p:g}) on 1…{n}"
        case "peaked":
            described = f"peaked at {centre} (σ = {width:g}) on 1…{n}"
        case "custom":
            described = "your weights"
        case _:
            described = f"uniform on 1…{n}"
    try:
        if custom:
            weights = parse_sample(text, limit=MAX_N)
            ps = it.guessing_distribution("custom", weights.size, weights=weights)
        else:
            if name == "peaked" and centre > n:
                st.caption(f"The peak at {centre} is beyond N = {n}: only its tail is left.")
            ps = it.guessing_distribution(name, n, lam=lam, p=p, centre=centre, width=width)
    except ValueError as error:
        frame.problem(f"{error}. Showing the uniform distribution instead.")
        n = n if not custom else 5
        return np.full(n, 1 / n), f"uniform on 1…{n}"
    return ps, described


# ---------------------------------------------------------------- the guessing game


@functools.lru_cache(maxsize=64)
def _strategies(ps_bytes: bytes) -> dict[str, np.ndarray]:
    ps = np.frombuffer(ps_bytes)
    return {
        "halving": it.question_counts(ps, strategy="halving"),
        "median": it.question_counts(ps, strategy="median"),
        "huffman": it.huffman_code_lengths(ps),
    }


@functools.lru_cache(maxsize=64)
def _simulate(ps_bytes: bytes, seed: int, games: int) -> dict[str, float]:
    """Average questions of both computer players over ``games`` secrets drawn from ps."""
    ps = np.frombuffer(ps_bytes)
    counts = _strategies(ps_bytes)
    secrets_drawn = np.random.default_rng(seed).choice(ps.size, size=games, p=ps)
    return {name: float(counts[name][secrets_drawn].mean()) for name in ("halving", "median")}


def _new_round(ps: np.ndarray, signature: tuple) -> dict:
    """A fresh secret from ps, drawn from the operating system's entropy, not the link."""
    rng = np.random.default_rng(secrets.randbits(128))
    return {
        "signature": signature,
        "secret": int(rng.choice(ps.size, p=ps)) + 1,
        "asked": [],  # (k, yes) for every question that counted
        "found": False,
    }


def _possible(ps: np.ndarray, asked: list[tuple[int, bool]]) -> np.ndarray:
    """The numbers still possible (1-based) after the answers so far."""
    keep = ps > 0
    values = np.arange(1, ps.size + 1)
    for k, yes in asked:
        keep &= (values <= k) if yes else (values > k)
    return values[keep]


def _ask(ps: np.ndarray) -> None:
    """The Ask button: answer "is it ≤ k?" honestly, or explain why it is not a question."""
    game = st.session_state.get(ROUND)
    k = int(st.session_state.get("game_k", 1))
    if game is None or game["found"]:
        return
    possible = _possible(ps, game["asked"])
    if k < possible[0] or k >= possible[-1]:
        st.session_state["_game_note"] = (
            f"“Is it ≤ {k}?” cannot split the numbers still possible ({possible[0]}…"
            f"{possible[-1]}): the answer is known already. Choose k from {possible[0]} to "
            f"{possible[-1] - 1}; this question is not counted."
        )
        return
    yes = game["secret"] <= k
    game["asked"].append((k, yes))
    st.session_state["_game_note"] = f"“Is it ≤ {k}?” — {'yes' if yes else 'no'}."
    if _possible(ps, game["asked"]).size == 1:
        game["found"] = True
        st.session_state.setdefault(HISTORY, []).append(len(game["asked"]))


def _restart() -> None:
    st.session_state.pop(ROUND, None)
    st.session_state.pop("_game_note", None)


def _forget_scores() -> None:
    st.session_state[HISTORY] = []


@st.fragment
def guessing_game_topic() -> None:  # noqa: PLR0915 - one topic reads top to bottom
    """Find the secret with yes/no questions; compare with log₂ N, H(X) and two computers."""
    frame.intro(
        "I am thinking of a number from 1 to N. Ask “is it ≤ k?” until you know it. "
        "Halving the range every time needs log₂ N questions: ten for 1024. But if some "
        "numbers are likelier than others, split the *probability* in half instead, and on "
        "average you need fewer — as few as the entropy H(X), the average surprise of the "
        "secret. No strategy of yes/no questions beats H(X) on average; the Huffman code "
        "shows the best possible, always within one question of it.",
        [
            r"H(X) = -\sum_x p(x)\log_2 p(x) \;\le\; \log_2 N",
            r"H(X) \;\le\; \text{best average number of questions} \;<\; H(X) + 1",
        ],
    )
    frame.presets(
        {
            "1 to 1024, uniform": {"game_dist": "uniform", "game_n": 1024.0},
            "Poisson λ = 5": {"game_dist": "poisson", "game_n": 1024.0, "game_lam": 5.0},
            "Geometric p = 0.3": {"game_dist": "geometric", "game_n": 1024.0, "game_p": 0.3},
            "Nearly certain": {
                "game_dist": "peaked",
                "game_n": 1024.0,
                "game_centre": 700,
                "game_width": 0.3,
            },
        },
        key="game",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        ps, described = pick_distribution(prefix="game", default_n=MAX_N)
        seed = seed_input(key="game_seed")
        st.caption(
            "The seed drives the computer players' simulated games only: your secret is "
            "drawn fresh and is not in the link."
        )
    n = ps.size
    signature = (ps.tobytes(),)
    game = st.session_state.get(ROUND)
    if game is None or game["signature"] != signature:
        game = st.session_state[ROUND] = _new_round(ps, signature)
        st.session_state.pop("_game_note", None)
        # Start the question box in the middle of the numbers that can come up.
        live = np.flatnonzero(ps > 0) + 1
        st.session_state["game_k"] = int((live[0] + live[-1]) // 2)
    counts = _strategies(ps.tobytes())
    possible = _possible(ps, game["asked"])
    with view:
        if n == 1 or np.count_nonzero(ps) == 1:
            st.info(
                "Only one number is possible, so you know it without asking: 0 questions, "
                "and H(X) = 0. Raise N or spread the weights to make a game of it.",
                icon=":material/info:",
            )
        elif game["found"]:
            st.success(
                f"Found it: the number was **{game['secret']}**, in "
                f"{len(game['asked'])} question{'s' if len(game['asked']) != 1 else ''}.",
                icon=":material/celebration:",
            )
        low, high = int(possible[0]), int(possible[-1])
        with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
            k = int(
                st.number_input(
                    "Is it ≤ k?",
                    min_value=1,
                    max_value=max(n, 1),
                    value=max(1, n // 2),
                    step=1,
                    key="game_k",
                    width=140,
                    disabled=game["found"] or possible.size < 2,
                )
            )
            st.button(
                "Ask",
                key="game_ask",
                on_click=_ask,
                args=(ps,),
                type="primary",
                disabled=game["found"] or possible.size < 2,
            )
            st.button("New number", key="game_new", on_click=_restart, icon=":material/refresh:")
        if note := st.session_state.get("_game_note"):
            st.markdown(note)
        if possible.size >= 2 and not game["found"]:
            # The computers look only at what is still possible, as you do.
            hints = {s: it.next_question(ps, low, high, strategy=s) for s in ("halving", "median")}
            beyond = " (numbers whose probability is 0 to machine precision are left out)"
            st.caption(
                f"Still possible: {possible.size} number{'s' if possible.size != 1 else ''} "
                f"from {low} to {high}{beyond if np.any(ps == 0) else ''}. Halving would ask "
                f"≤ {hints['halving']}; splitting the probability would ask ≤ {hints['median']}."
            )
        rest = np.where(np.isin(np.arange(1, n + 1), possible), ps, 0.0)
        rest = rest / rest.sum()
        yes_mass = float(rest[: min(max(k, 0), n)].sum())
        side = np.where(
            rest == 0, charts.SIDES[2], np.where(np.arange(1, n + 1) <= k, *charts.SIDES[:2])
        )
        # The chart reaches the last number with a visible chance (one in a billion of the
        # likeliest), so a Poisson game on 1…1024 is not a spike at the left edge.
        shown = int(np.flatnonzero(ps >= 1e-9 * ps.max())[-1]) + 1
        mass = pd.DataFrame({"value": np.arange(1, n + 1), "probability": rest, "side": side}).iloc[
            :shown
        ]
        frame.metrics(
            [
                ("questions so far", str(len(game["asked"]))),
                (f"P(yes) for ≤ {k}", frame.fmt(yes_mass, 3)),
                ("bits still unknown", _bits(it.entropy(rest), 3)),
            ]
        )
        frame.chart(charts.candidates_chart, mass, n=shown)
        if shown < n:
            st.caption(
                f"Numbers above {shown} have less than a one-in-a-billion chance: not drawn."
            )
        # The scoreboard: exact expectations, simulated games, and the learner's rounds.
        entropy = it.entropy(ps)
        exact = {s: float(ps @ counts[s]) for s in ("halving", "median", "huffman")}
        simulated = _simulate(ps.tobytes(), seed, SIMULATED_GAMES)
        history = st.session_state.get(HISTORY, [])
        rows = []
        if history:
            rounds = f"{len(history)} round{'s' if len(history) != 1 else ''}"
            rows.append((f"you, {rounds}", float(np.mean(history)), "you"))
        games = f"{SIMULATED_GAMES // 1000}k games"
        rows += [
            ("halving, exact", exact["halving"], "computer"),
            (f"halving, {games}", simulated["halving"], "computer"),
            ("median, exact", exact["median"], "computer"),
            (f"median, {games}", simulated["median"], "computer"),
            ("Huffman (best)", exact["huffman"], "bound"),
            ("entropy H(X)", entropy, "bound"),
            ("log₂ N", math.log2(n), "bound"),
        ]
        scores = pd.DataFrame(rows, columns=["who", "questions", "kind"])
        st.markdown(f"**Questions per number** for {described}")
        frame.metrics(
            [
                ("entropy H(X)", _bits(entropy)),
                ("log₂ N", _bits(math.log2(n))),
                ("your average", _bits(float(np.mean(history))) if history else "—"),
            ]
        )
        frame.chart(charts.scores_chart, scores)
        likeliest = np.argsort(-ps, kind="stable")[: min(6, np.count_nonzero(ps))]
        if likeliest.size > 1:
            lengths = ", ".join(f"{v + 1} → {counts['huffman'][v]}" for v in likeliest)
            st.caption(
                f"Huffman code lengths of the likeliest numbers: {lengths} questions. A "
                "Huffman code may ask any yes/no question (“is it 3 or 7?”), not just “≤ k?”."
            )
        st.button("Forget my rounds", key="game_forget", on_click=_forget_scores)
    frame.try_this(
        [
            "Press **1 to 1024, uniform** and play by halving: every number takes exactly 10 "
            "questions, as log₂ 1024 = 10 says, and H(X) = 10 too.",
            "Press **Poisson λ = 5**: the secret is nearly always below 15. Splitting the "
            "probability needs 3.25 questions on average, barely above H(X) = 3.18; halving "
            "the range needs 8.",
            "Press **Nearly certain**: 700 has 99 % of the probability and H(X) = 0.07 bits. "
            "“Is it ≤ k?” questions still need two (≤ 699? no; ≤ 700? yes), while the Huffman "
            "code asks “is it 700?” once: 1.01 on average.",
            "Ask about a k outside the numbers still possible: the game explains why the "
            "answer tells you nothing and does not count it.",
        ]
    )
    frame.download(
        {"candidates": mass, "scores": scores}, file_name="guessing_game.csv", key="game_csv"
    )


# ---------------------------------------------------------------- entropy


@functools.lru_cache(maxsize=1)
def _coin_curve() -> pd.DataFrame:
    """H(p) of a coin on a grid of p: the same on every run, so built once (read only)."""
    grid = np.linspace(0, 1, 201)
    return pd.DataFrame({"p": grid, "bits": [it.entropy([g, 1 - g]) for g in grid]})


@st.fragment
def entropy_topic() -> None:
    """Entropy of a coin as a curve, and of the distributions of the game."""
    frame.intro(
        "Entropy is the average surprise of an outcome, in bits. An outcome of probability "
        "p surprises you by log₂(1/p) bits: a fair coin's side by 1 bit, a one-in-a-thousand "
        "event by about 10. Averaged over the outcomes, that is H. It is largest when every "
        "outcome is equally likely (log₂ N bits) and 0 for a certainty, where nothing is "
        "left to learn.",
        [r"H(X) = \sum_x p(x)\,\log_2 \frac{1}{p(x)}, \qquad 0 \cdot \log_2 \tfrac{1}{0} = 0"],
    )
    frame.presets(
        {
            "Fair coin": {"ent_coin": 0.5, "ent_dist": "uniform", "ent_n": 2.0},
            "Biased coin": {"ent_coin": 0.9},
            "Certain": {"ent_coin": 1.0, "ent_dist": "custom", "ent_weights": "0, 0, 1, 0"},
            "Uniform 1024": {"ent_dist": "uniform", "ent_n": 1024.0},
            "Poisson λ = 5": {"ent_dist": "poisson", "ent_n": 30.0, "ent_lam": 5.0},
        },
        key="ent",
    )
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.markdown("**A coin**")
        p = state.slider("P(heads) p", 0.0, 1.0, 0.5, step=0.01, key="ent_coin")
        ps_coin = np.array([p, 1 - p])
        coin_bits = it.entropy(ps_coin)
        curve = _coin_curve()
        point = pd.DataFrame({"p": [p], "bits": [coin_bits]})
        frame.metrics(
            [
                ("H(coin)", _bits(coin_bits)),
                ("surprise of heads", _bits(-math.log2(p)) if p > 0 else "∞"),
            ]
        )
        frame.chart(charts.binary_entropy_chart, curve, point)
    with right:
        st.markdown("**A distribution on 1…N**")
        ps, described = pick_distribution(prefix="ent", default_n=8)
        with np.errstate(divide="ignore"):
            surprise = np.where(ps > 0, -np.log2(np.where(ps > 0, ps, 1.0)) + 0.0, np.nan)
        outcomes = pd.DataFrame(
            {"value": np.arange(1, ps.size + 1), "probability": ps, "surprise": surprise}
        )
        entropy = it.entropy(ps)
        huffman = float(ps @ it.huffman_code_lengths(ps))
        frame.metrics(
            [
                ("H(X)", _bits(entropy)),
                ("log₂ N (uniform)", _bits(math.log2(ps.size))),
                ("Huffman average", _bits(huffman)),
            ]
        )
        frame.chart(charts.distribution_chart, outcomes)
        st.caption(f"{described}. Bars: probability; dots: surprise in bits (right axis).")
    frame.try_this(
        [
            "Drag the coin's **P(heads)** from 0.5 to 0.9: H falls from 1 to 0.469 bits. At "
            "1.0 it is 0 — a coin that always lands heads tells you nothing.",
            "Press **Uniform 1024**: H = 10 bits, the ten questions of the game. Switch "
            "**Distribution** to Poisson: H drops to about 3.2.",
            "Press **Certain**: one outcome has all the probability and H = 0.",
            "Compare H with the **Huffman average**: the best code never beats H and is "
            "always within one bit of it.",
        ]
    )
    frame.download(
        {"coin": curve, "distribution": outcomes}, file_name="entropy.csv", key="ent_csv"
    )


# ---------------------------------------------------------------- cross-entropy and KL

OUTCOMES = ("A", "B", "C", "D")


def _weights(symbol: str, default: tuple[float, ...], *, key: str) -> np.ndarray:
    st.markdown(f"**{symbol}** over {', '.join(OUTCOMES)} (weights, divided by their total)")
    with st.container(horizontal=True, gap=8, key=f"{key}_row"):
        return np.array(
            [
                state.number_input(
                    o, 0, 100, default[i], key=f"{key}{i + 1}", step=1, width=70,
                )
                for i, o in enumerate(OUTCOMES)
            ]
        )  # fmt: skip


@st.fragment
def cross_entropy_topic() -> None:
    """Two distributions P and Q: H(P), H(P, Q), KL both ways; softmax and the classifier loss."""
    frame.intro(
        "Cross-entropy H(P, Q) is the average surprise when outcomes come from P but you "
        "expect Q. It is never below H(P); the excess is the Kullback–Leibler divergence "
        "KL(P ‖ Q), the bits wasted by believing Q. KL is 0 only when Q = P, is not "
        "symmetric, and is infinite if Q rules out something P allows. A classifier's loss is "
        "the cross-entropy between the one-hot truth and its softmax output.",
        [
            r"H(P, Q) = -\sum_x p(x)\log_2 q(x) \qquad "
            r"\mathrm{KL}(P\,\|\,Q) = \sum_x p(x)\log_2\frac{p(x)}{q(x)} = H(P, Q) - H(P)",
            r"\text{loss} = -\log q_{\text{true}}, \qquad q = \operatorname{softmax}(z), "
            r"\; q_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
        ],
    )
    frame.presets(
        {
            "Same": {
                **{f"ce_p{i}": 1.0 for i in range(1, 5)},
                **{f"ce_q{i}": 1.0 for i in range(1, 5)},
            },
            "One way only": {
                "ce_p1": 8.0,
                "ce_p2": 1.0,
                "ce_p3": 1.0,
                "ce_p4": 0.0,
                "ce_q1": 1.0,
                "ce_q2": 1.0,
                "ce_q3": 1.0,
                "ce_q4": 1.0,
            },
            "Q misses one": {
                "ce_p1": 1.0,
                "ce_p2": 1.0,
                "ce_p3": 1.0,
                "ce_p4": 1.0,
                "ce_q1": 1.0,
                "ce_q2": 1.0,
                "ce_q3": 1.0,
                "ce_q4": 0.0,
            },
            "Confident and wrong": {
                "ce_z1": -2.0,
                "ce_z2": 8.0,
                "ce_z3": 0.0,
                "ce_z4": 0.0,
                "ce_true": "A",
            },
        },
        key="ce",
    )
    left, right = st.columns([1, 1], gap="large")
    with left:
        p_weights = _weights("P", (4, 2, 1, 1), key="ce_p")
        q_weights = _weights("Q", (2, 3, 2, 1), key="ce_q")
        plotted: dict[str, pd.DataFrame] = {}
        with contextlib.suppress(frame.Halt):
            try:
                ps = _normalised(p_weights, "P")
                qs = _normalised(q_weights, "Q")
            except ValueError as error:
                frame.problem(str(error))
                raise frame.Halt from None
            h_p = it.entropy(ps)
            cross, kl, back = (
                it.cross_entropy(ps, qs),
                it.kl_divergence(ps, qs),
                it.kl_divergence(qs, ps),
            )
            frame.metrics(
                [
                    ("H(P)", _bits(h_p)),
                    ("H(P, Q)", _bits(cross)),
                    ("KL(P ‖ Q)", _bits(kl)),
                    ("KL(Q ‖ P)", _bits(back)),
                ]
            )
            if math.isinf(kl):
                missed = [o for o, p, q in zip(OUTCOMES, ps, qs, strict=True) if p > 0 and q == 0]
                st.warning(
                    f"Q gives probability 0 to {', '.join(missed)}, which P can produce: the "
                    "surprise of an outcome you thought impossible is infinite, so H(P, Q) "
                    "and KL(P ‖ Q) are infinite. A model should never rule anything out "
                    "completely.",
                    icon=":material/warning:",
                )
            elif math.isinf(back):
                allowed = [o for o, p, q in zip(OUTCOMES, ps, qs, strict=True) if q > 0 and p == 0]
                st.caption(
                    f"KL(P ‖ Q) is finite but KL(Q ‖ P) is infinite: Q produces "
                    f"{', '.join(allowed)}, which P rules out. The order matters."
                )
            elif abs(kl - back) > 1e-9:
                st.caption(
                    f"KL(P ‖ Q) = {_bits(kl)} but KL(Q ‖ P) = {_bits(back)}: the divergence "
                    "depends on which distribution you believe."
                )
            pair = pd.DataFrame(
                {
                    "outcome": list(OUTCOMES) * 2,
                    "probability": np.concatenate([ps, qs]),
                    "which": ["P"] * 4 + ["Q"] * 4,
                }
            )
            frame.chart(charts.compare_chart, pair)
            plotted["P and Q"] = pair
    with right:
        st.markdown("**A classifier's output** (logits z, then softmax)")
        with st.container(horizontal=True, gap=8, key="ce_z_row"):
            logits = np.array(
                [
                    state.number_input(
                        f"z({o})", -1000, 1000, (2.0, 1.0, 0.0, -1.0)[i], key=f"ce_z{i + 1}",
                        step=0.5, width=86,
                    )
                    for i, o in enumerate(OUTCOMES)
                ]
            )  # fmt: skip
        truth = state.radio("True class", list(OUTCOMES), "A", key="ce_true", horizontal=True)
        qs_model = it.softmax(logits)
        onehot = np.array([1.0 if o == truth else 0.0 for o in OUTCOMES])
        # From log-softmax, so a true class far below the top logit still has a finite loss.
        loss_nats = float(-it.log_softmax(logits)[OUTCOMES.index(truth)]) + 0.0
        loss_bits = loss_nats / math.log(2)
        q_true = float(qs_model[OUTCOMES.index(truth)])
        frame.metrics(
            [
                (f"q({truth})", frame.fmt(q_true, 4)),
                ("loss −ln q", frame.fmt(loss_nats, 4)),
                ("in bits −log₂ q", _bits(loss_bits)),
            ]
        )
        model = pd.DataFrame(
            {
                "outcome": list(OUTCOMES) * 2,
                "probability": np.concatenate([onehot, qs_model]),
                "which": ["P"] * 4 + ["Q"] * 4,
            }
        )
        frame.chart(charts.compare_chart, model)
        st.caption(
            "P: the one-hot truth; Q: the softmax of the logits. Machine-learning libraries "
            "use ln, so their loss is in nats (1 nat ≈ 1.44 bits)."
        )
        plotted["classifier"] = model
    frame.try_this(
        [
            "Press **Same**: P = Q, so H(P, Q) = H(P) and both KLs are 0.",
            "Press **One way only**: P never gives D, Q does. KL(P ‖ Q) = 1.08 bits, yet "
            "KL(Q ‖ P) is infinite: KL is not a distance, and the order matters.",
            "Press **Q misses one**: Q gives D no chance while P does, and KL(P ‖ Q) is infinite.",
            "Press **Confident and wrong**: the model puts almost everything on B while the "
            "truth is A; the loss is about 10 nats. Set z(A) to 1000: softmax stays finite and "
            "the loss drops to 0.",
        ]
    )
    frame.download(plotted, file_name="cross_entropy.csv", key="ce_csv")


def _normalised(weights: np.ndarray, symbol: str) -> np.ndarray:
    total = float(weights.sum())
    if total <= 0:
        raise it.InformationError(
            f"The weights of {symbol} are all 0: give at least one outcome a chance"
        )
    return weights / total
