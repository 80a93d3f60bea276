"""The guessing game: find a secret number with yes/no questions, against two computers.

The secret lives only in this session's state: it is drawn from the operating system's
entropy (``secrets``), never from the link's seed, and never written to the page until it
is found, so neither the address bar nor the page source gives it away.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.topics.information.distributions import MAX_N, picker
from mathviz.ui import cache, frame
from mathviz.ui.controls import Seed
from mathviz.ui.format import fmt
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

SIMULATED_GAMES = 10_000
ROUND = "_game_round"  # session state: the it.Round being played
HISTORY = "_game_history"  # session state: distribution → the questions each found round took
SIGNATURE = "_game_signature"  # session state: the distribution the round was drawn from
NOTE = "_game_note"  # session state: the answer to the last question, or why it did not count
K = "game_k"  # the question box: not in the link, which must not help find the secret
BOARD = "game_board"  # the candidates chart, whose clicked number goes into the question box
COMPUTERS = ("halving", "median")
TREE_LEVELS = 16
"""The question tree shows at most this many answers, the latest ones."""

GAME = picker("game", default_n=MAX_N)
SEED = Seed("game_seed")


@cache.stored("game strategies", size=64)
def strategies(ps_bytes: bytes) -> Mapping[str, np.ndarray]:
    """Each player's questions per number (``it.strategy_counts``), kept per distribution.

    Shared by every session, so read only.
    """
    counts = it.strategy_counts(np.frombuffer(ps_bytes))
    for per_number in counts.values():
        per_number.setflags(write=False)
    return MappingProxyType(counts)


@cache.stored("game simulations", size=64)
def simulations(ps_bytes: bytes, seed: int, games: int) -> Mapping[str, float]:
    """Average questions of both computer players over ``games`` secrets drawn from ps."""
    counts = strategies(ps_bytes)
    mine = {name: counts[name] for name in COMPUTERS}
    ps = np.frombuffer(ps_bytes)
    return MappingProxyType(it.simulated_counts(ps, mine, seed=seed, games=games))


def bits(value: float, digits: int = 4) -> str:
    """A number of bits or questions as the game shows it."""
    return fmt(value + 0.0, digits)


def suggest(game: it.Round, ps: np.ndarray) -> None:
    """Put in the question box the k that splits what is still possible in half by chance."""
    if not game.settled:
        st.session_state[K] = it.next_question(ps, game.low, game.high, strategy="median")


def pick_k() -> None:
    """A click on the board: the number clicked goes into the question box."""
    event = st.session_state.get(BOARD) or {}
    chosen = event.get("selection", {}).get(charts.PICK_K) or []
    value = chosen[0].get("value") if chosen else None
    n = np.frombuffer(st.session_state.get(SIGNATURE, b"")).size
    if isinstance(value, int | float) and math.isfinite(value) and n:
        st.session_state[K] = min(max(int(value), 1), n)  # the box's own range


def ask() -> None:
    """The Ask button: answer "is it ≤ k?" honestly, or explain why it is not a question."""
    game: it.Round | None = st.session_state.get(ROUND)
    k = int(st.session_state.get(K, 1))
    if game is None or game.found:
        return
    if not game.can_split(k):
        low, high = game.low, game.high
        st.session_state[NOTE] = (
            f"“Is it ≤ {k}?” cannot split the numbers still possible ({low}…{high}): the answer "
            f"is known already. Choose k from {low} to {high - 1}; this question is not counted."
        )
        return
    game = st.session_state[ROUND] = game.ask(k)
    st.session_state[NOTE] = f"“Is it ≤ {k}?” — {'yes' if game.asked[-1][1] else 'no'}."
    signature = st.session_state.get(SIGNATURE, b"")
    suggest(game, np.frombuffer(signature))
    if game.found:
        histories = dict(st.session_state.get(HISTORY, {}))
        histories[signature] = it.record_round(histories.get(signature, ()), game)
        st.session_state[HISTORY] = histories


def restart() -> None:
    """The New number button: the next run draws a fresh secret."""
    st.session_state.pop(ROUND, None)
    st.session_state.pop(NOTE, None)


def forget_scores() -> None:
    """The Forget my rounds button: this distribution's rounds only."""
    histories = dict(st.session_state.get(HISTORY, {}))
    histories.pop(st.session_state.get(SIGNATURE), None)
    st.session_state[HISTORY] = histories


def current_round(ps: np.ndarray) -> it.Round:
    """The round of this session, or a fresh one when there is none or the distribution changed."""
    signature = ps.tobytes()
    game: it.Round | None = st.session_state.get(ROUND)
    if game is None or st.session_state.get(SIGNATURE) != signature:
        # A fresh secret from the operating system's entropy, not from the link.
        game = st.session_state[ROUND] = it.Round.draw(ps, seed=secrets.randbits(128))
        st.session_state[SIGNATURE] = signature
        st.session_state.pop(NOTE, None)
        suggest(game, ps)
    return game


def plural(count: int, word: str) -> str:
    """``1 round``, ``2 rounds``."""
    return f"{count} {word}{'s' if count != 1 else ''}"


def questions_row(game: it.Round, n: int) -> int:
    """The question box and the Ask and New number buttons; return the k in the box."""
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        k = int(
            st.number_input(
                "Is it ≤ k?",
                min_value=1,
                max_value=max(n, 1),
                value=max(1, n // 2),
                step=1,
                key=K,
                width=140,
                disabled=game.settled,
            )
        )
        st.button("Ask", key="game_ask", on_click=ask, type="primary", disabled=game.settled)
        st.button("New number", key="game_new", on_click=restart, icon=":material/refresh:")
    return k


def candidates(game: it.Round, ps: np.ndarray, k: int) -> pd.DataFrame:
    """The numbers in view around what is still possible, each at its chance p(x)."""
    playable = np.flatnonzero(ps > 0) + 1
    first, last = charts.zoom_window(game.low, game.high, int(playable[0]), int(playable[-1]))
    rest = game.left(ps)
    # Every bar keeps its height p(x) for the whole round: answers only grey some out, and
    # the zoom, not a rescaling, keeps the rest in view.
    values = np.arange(first, last + 1)
    side = charts.answer_sides(rest, k, found=game.secret if game.found else None)
    return pd.DataFrame({"value": values, "probability": ps[values - 1], "side": side[values - 1]})


def cut_off_note(raw: np.ndarray, ps: np.ndarray) -> str:
    """One sentence on the game's one cut-off, when it leaves numbers out."""
    dropped = int(np.count_nonzero(ps == 0))
    if not dropped:
        return ""
    return (
        f" {plural(dropped, 'number')} of 1…{ps.size} have a chance below one in a trillion "
        "(10⁻¹²) and are treated as impossible: at a million games a second, each would come "
        "up less than once in twelve days."
    )


def tree_panel(game: it.Round, ps: np.ndarray) -> pd.DataFrame:
    """The answers so far as a path down the tree of ranges; return the whole tree."""
    st.markdown("**Your questions so far**")
    # The ranges the answers leave of the whole game, 1…N, as a binary search states them
    # (numbers of chance 0 among them are still in a range, just never drawn).
    first, last = 1, ps.size
    nodes = it.question_tree(first, last, game.asked)
    tree = charts.tree_frame(nodes, found=game.found)
    # The last TREE_LEVELS answers: the spine from the range they started from.
    top = max(0, game.questions - TREE_LEVELS)
    shown = tree[tree["y"] >= top].copy()
    shown[["depth", "y", "parent_y"]] -= top
    shown.loc[shown["depth"] == 0, "question"] = ""
    levels = max(4, int(shown["depth"].max()) + 1)
    frame.chart(
        charts.question_tree_chart, shown, levels=min(levels, TREE_LEVELS + 1), big=projector_on()
    )
    possible = np.flatnonzero(ps > 0) + 1
    notes = []
    if len(shown) < len(tree):
        notes.append(f"The last {TREE_LEVELS} answers; the tree starts from {first}…{last}.")
    if possible[0] > 1 or possible[-1] < ps.size:
        notes.append(
            f"Only {possible[0]}…{possible[-1]} can be drawn; a range may run past them "
            "over numbers of chance 0."
        )
    if notes:
        st.caption(" ".join(notes))
    return tree


def scoreboard(ps: np.ndarray, described: str, seed: int) -> pd.DataFrame:
    """Every player's average questions for ps, yours included: the chart's table."""
    counts = strategies(ps.tobytes())
    n = ps.size
    entropy = it.entropy(ps)
    exact = it.expected_counts(ps, counts)
    simulated = simulations(ps.tobytes(), seed, SIMULATED_GAMES)
    history = st.session_state.get(HISTORY, {}).get(ps.tobytes(), ())
    mean = it.mean_questions(history)
    mine = f"you, {plural(len(history), 'round')} of this game"
    rows = [(mine, mean, "you")] if history else []
    games = f"{SIMULATED_GAMES // 1000}k games"
    rows += [
        ("halving 1…N, exact", exact["halving"], "computer"),
        (f"halving 1…N, {games}", simulated["halving"], "computer"),
        ("halving the possible, exact", exact["possible"], "computer"),
        ("median split, exact", exact["median"], "computer"),
        (f"median split, {games}", simulated["median"], "computer"),
        ("Huffman (best)", exact["huffman"], "bound"),
        ("entropy H(X)", entropy, "bound"),
        ("log₂ N", math.log2(n), "bound"),
    ]
    scores = pd.DataFrame(rows, columns=["who", "questions", "kind"])
    st.markdown(f"**Questions per number** for {described}")
    frame.numbers(
        [
            ("entropy H(X)", bits(entropy)),
            ("log₂ N", bits(math.log2(n))),
            ("your average here", bits(mean) if history else "—"),
        ]
    )
    frame.chart(charts.scores_chart, scores, rows=len(scores))
    st.caption(
        "Halving 1…N is binary search: it ignores the chances. Halving the possible skips "
        "numbers that cannot come up; the median split halves the chance left. Your rounds "
        "count only for the distribution they were played on."
    )
    likeliest = it.likeliest(ps, count=6)
    if len(likeliest) > 1:
        lengths = ", ".join(f"{v} → {counts['huffman'][v - 1]}" for v in likeliest)
        st.caption(
            f"Huffman code lengths of the likeliest numbers: {lengths} questions. A "
            "Huffman code may ask any yes/no question (“is it 3 or 7?”), not just “≤ k?”."
        )
    st.button("Forget my rounds", key="game_forget", on_click=forget_scores)
    return scores


def body() -> frame.Plotted:
    """Controls; the question box; what is left to find; the tree; the scoreboard."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        raw, described = GAME()
        seed = SEED()
        st.caption(
            "The seed drives the computer players' simulated games only: your secret is "
            "drawn fresh and is not in the link."
        )
    ps = it.playable(raw)
    n = ps.size
    game = current_round(ps)
    with view:
        if game.settled and not game.found:
            st.info(
                "Only one number is possible, so you know it without asking: 0 questions, "
                "and H(X) = 0. Raise N or spread the weights to make a game of it.",
                icon=":material/info:",
            )
        elif game.found:
            st.success(
                f"Found it: the number was **{game.secret}**, in "
                f"{plural(game.questions, 'question')}.",
                icon=":material/celebration:",
            )
        board = st.container()  # the board first, on the first screen; filled once k is read
        k = questions_row(game, n)
        if note := st.session_state.get(NOTE):
            st.markdown(note)
        rest = game.left(ps)
        mass = candidates(game, ps, k)
        with board:
            frame.chart(charts.candidates_chart, mass, key=BOARD, on_select=pick_k)
        if not game.settled:
            st.caption(
                f"Still possible: {plural(len(game.possible), 'number')} from {game.low} to "
                f"{game.high}; the chart shows them and the nearest ones ruled out. Click a "
                "bar to ask about its number; after each answer the box moves to the k that "
                "halves the chance left." + cut_off_note(raw, ps)
            )
        frame.numbers(
            [
                ("questions so far", str(game.questions)),
                (f"P(yes) for ≤ {k}", fmt(it.chance_at_most(rest, k), 3)),
                ("bits still unknown", bits(it.entropy(rest))),  # H(X)'s digits
            ]
        )
    # The question tree beside the scoreboard: exact expectations, simulations, your rounds.
    tree_column, score_column = st.columns([1, 1.2], gap="large")
    with tree_column:
        tree = tree_panel(game, ps)
    with score_column:
        scores = scoreboard(ps, described, seed)
    return {"candidates": mass, "scores": scores, "tree": tree}


TOPIC = Topic(
    name="guessing-game",
    prefix="game",
    intro=(
        "I am thinking of a number from 1 to N. Ask “is it ≤ k?” until you know it. "
        "Halving the range every time needs log₂ N questions: ten for 1024. But if some "
        "numbers are likelier than others, split the *probability* in half instead, and on "
        "average you need fewer — as few as the entropy H(X), the average surprise of the "
        "secret. No strategy of yes/no questions beats H(X) on average; the Huffman code "
        "shows the best possible, always within one question of it."
    ),
    formulas=(
        r"H(X) = -\sum_x p(x)\log_2 p(x) \;\le\; \log_2 N",
        r"\begin{gathered}H(X) \le \overline{L} < H(X) + 1, \\ \overline{L}:\ "
        r"\text{the fewest questions} \\ \text{on average}\end{gathered}",
    ),
    presets={
        "1 to 1024, uniform": GAME.values(n=MAX_N),
        "Poisson λ = 5": GAME.values(dist="poisson", n=MAX_N, lam=5.0),
        "Geometric p = 0.3": GAME.values(dist="geometric", n=MAX_N, p=0.3),
        "Nearly certain": GAME.values(dist="peaked", n=MAX_N, centre=700, width=0.3),
    },
    try_this=(
        "Press **1 to 1024, uniform** and play by halving: every number takes exactly 10 "
        "questions, as log₂ 1024 = 10 says, and H(X) = 10 too.",
        "Press **Poisson λ = 5**: the secret is nearly always below 15. Splitting the "
        "probability needs 3.25 questions on average, barely above H(X) = 3.18; binary "
        "search on 1…1024 still needs 10, and halving only the 28 possible numbers 4.85.",
        "Press **Nearly certain**: 700 has 99 % of the probability and H(X) = 0.07 bits. "
        "“Is it ≤ k?” questions still need two (≤ 699? no; ≤ 700? yes), while the Huffman "
        "code asks “is it 700?” once: 1.01 on average.",
        "After a few answers, click a grey bar on the board and press **Ask**: a k outside "
        "the numbers still possible tells you nothing, and the game says so without "
        "counting it.",
    ),
    body=body,
)
