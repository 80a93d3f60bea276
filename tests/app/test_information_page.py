"""The Information theory page through AppTest: every tab, one interaction each, the guessing
game played by hand, the hidden secret, the computer players' scores, bad input, extremes,
presets and their links, and hostile links.

Expected values come from scipy (``stats.entropy``, ``stats.poisson`` and friends,
``special.softmax``), closed forms (log₂ 1024 = 10, a dyadic distribution whose Huffman and
median averages equal its entropy, 1.875 bits), and a halving count and a Huffman average
written out here, not from the page's code. Only the median split's count comes from
``mathviz.information.expected_questions``. The simulated games are redrawn under the page's
seed convention, ``np.random.default_rng(seed).choice(N, size=10_000, p=ps)``, with the counts
of ``mathviz.information.question_counts``.

The secret is checked the strict way: with the answers so far unchanged, swapping the secret in
session state for another still possible number must not change a single byte the page sends
to the browser, nor its address.
"""

import copy
import dataclasses
import heapq
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import special, stats
from streamlit.testing.v1 import AppTest

from mathviz import information as it
from mathviz.topics.information import guessing_game as game_topic
from tests.app.helpers import (
    assert_draws,
    assert_topic_frame,
    chart_frames,
    chart_kilobytes,
    charts,
    click,
    control,
    link_notices,
    metric,
    metrics,
    press,
    run_page,
    texts,
)

PAGE = "pages/information_theory.py"
CHARTS = {"Guessing game": 3, "Entropy": 2, "Cross-entropy & KL": 4}
TABS = list(CHARTS)
PREFIX = {"Guessing game": "game", "Entropy": "ent", "Cross-entropy & KL": "ce"}
TOPIC = {prefix: topic for topic, prefix in PREFIX.items()}
CUSTOM = "Custom weights"
LABELS = {"uniform": "Uniform", "poisson": "Poisson", "geometric": "Geometric", "peaked": "Peaked"}
GAMES = 10_000  # the computer players' simulated games


def charts_of(at: AppTest) -> int:
    """How many charts the topic open in ``at`` draws (``CHARTS``)."""
    topic = at.query_params.get("topic", "Guessing game")
    topic = topic[-1] if isinstance(topic, list) else topic
    return CHARTS[topic]


def open_page(**params: str) -> AppTest:
    return run_page(PAGE, **params)


def bits(value: float, digits: int = 4) -> str:
    """A number as the page prints it: ``digits`` significant digits, a minus sign, ∞."""
    if math.isinf(value):
        return "∞"
    return f"{value + 0.0:.{digits}g}".replace("-", "−")


def model(
    dist: str = "uniform",
    n: int = 1024,
    *,
    lam: float = 5.0,
    p: float = 0.2,
    centre: int = 10,
    width: float = 3.0,
    weights=(8, 4, 2, 1, 1),
) -> np.ndarray:
    """The game's distributions on 1…n, from scipy's own pmf and pdf."""
    ks = np.arange(1, n + 1)
    mass = {
        "uniform": lambda: np.ones(n),
        "poisson": lambda: stats.poisson.pmf(ks - 1, lam),
        "geometric": lambda: stats.geom.pmf(ks, p),
        "peaked": lambda: stats.norm.pdf(ks, centre, width),
        "custom": lambda: np.asarray(weights, dtype=float),
    }[dist]()
    return mass / mass.sum()


def entropy_bits(ps) -> float:
    return float(stats.entropy(ps, base=2))


def halving_counts(ps) -> np.ndarray:
    """Binary search on 1…N: every question cuts the range at its middle, chances ignored."""
    return possible_counts(np.ones(len(ps)))


def possible_counts(ps) -> np.ndarray:
    """Questions to find each number when every question cuts the possible range at its middle."""
    counts = np.zeros(len(ps), dtype=int)
    stack = [([v for v in range(1, len(ps) + 1) if ps[v - 1] > 0], 0)]
    while stack:
        group, depth = stack.pop()
        if len(group) == 1:
            counts[group[0] - 1] = depth
            continue
        middle = (group[0] + group[-1]) // 2
        stack.append(([v for v in group if v <= middle], depth + 1))
        stack.append(([v for v in group if v > middle], depth + 1))
    return counts


def huffman_average(ps) -> float:
    """The Huffman code's average length: the sum of the weights of every merged pair."""
    heap = [float(p) for p in ps if p > 0]
    heapq.heapify(heap)
    total = 0.0
    while len(heap) > 1:
        merged = heapq.heappop(heap) + heapq.heappop(heap)
        total += merged
        heapq.heappush(heap, merged)
    return total


def simulated(ps: np.ndarray, seed: int, strategy: str) -> float:
    """The page's simulated games: 10,000 secrets drawn from ps by ``default_rng(seed)``."""
    drawn = np.random.default_rng(seed).choice(ps.size, size=GAMES, p=ps)
    return float(it.question_counts(ps, strategy=strategy)[drawn].mean())


def frame_with(at: AppTest, column: str):
    found = [f for e in charts(at) for f in chart_frames(e).values() if column in f.columns]
    assert len(found) == 1, [list(f.columns) for e in charts(at) for f in chart_frames(e).values()]
    return found[0]


# The scores chart's rows after the learner's own, in the page's order, by the names used here.
PLAYERS = ["halving", "halving, games", "possible", "median", "median, games"]
PLAYERS += ["huffman", "entropy", "log2 N"]
KINDS = ["computer"] * 5 + ["bound"] * 3
WORDS = ["halving 1…N", "halving 1…N", "halving the possible", "median", "median", "Huffman"]
WORDS += ["entropy", "log₂ N"]


def scores(at: AppTest) -> dict[str, float]:
    """The scores chart's bars: ``you`` (when there are rounds), then ``PLAYERS`` in order."""
    table = frame_with(at, "who")
    rows = list(zip(table["who"], table["questions"], table["kind"], strict=True))
    found = {}
    if rows[0][2] == "you":
        who, questions, _ = rows.pop(0)
        found["you"] = questions
        found["you, label"] = who
    assert [kind for _, _, kind in rows] == KINDS
    for name, word, (who, questions, _) in zip(PLAYERS, WORDS, rows, strict=True):
        assert word in who, (word, who)
        found[name] = questions
    return found


def coin_sweep(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coin chart's frames: its bars at every p of the sweep, and H(p) on a fine grid."""
    every = [list(chart_frames(e).values()) for e in charts(at)]
    (found,) = [frames for frames in every if any("H" in f.columns for f in frames)]
    bars, curve = sorted(found, key=lambda f: "H" not in f.columns)
    return bars, curve


def code_bars(at: AppTest, *, coin: bool = False):
    """The parts of a code-length chart: the coin's two bars at its p, or the distribution's."""
    if coin:
        bars, _ = coin_sweep(at)
        p = at.slider(key="ent_coin").value
        here = bars[np.abs(bars["p"] - p) < 0.005]
        return pd.DataFrame({"p": here["right"] - here["left"], "own": here["height"]})
    found = [f for e in charts(at) for f in chart_frames(e).values() if "own" in f.columns]
    assert len(found) == 1, len(found)
    return found[0]


def base_bars(at: AppTest, *, coin: bool = False):
    """One row per outcome of positive probability, with its area p · log₂ 1/p as ``share``."""
    parts = code_bars(at, coin=coin)
    return parts.assign(share=parts["p"] * parts["own"])


def candidates(at: AppTest):
    return frame_with(at, "side")


def assert_candidates_follow(at: AppTest, ps: np.ndarray) -> None:
    """Before any question the chart shows every number of chance 10⁻¹² or more, and no other."""
    table = candidates(at)
    kept = np.flatnonzero(ps >= 1e-12) + 1
    assert table["value"].tolist() == list(range(kept[0], kept[-1] + 1))
    window = ps[kept[0] - 1 : kept[-1]]
    expected = np.where(window >= 1e-12, window, 0.0)
    np.testing.assert_allclose(table["probability"], expected / expected.sum(), rtol=1e-9)
    assert ps[ps < 1e-12].sum() < 1e-9


def secret(at: AppTest) -> int:
    return at.session_state[game_topic.ROUND].secret


def asked(at: AppTest) -> list:
    return list(at.session_state[game_topic.ROUND].asked)


def history(at: AppTest) -> list[int]:
    """The rounds kept for the distribution being played."""
    found = game_topic.HISTORY in at.session_state
    kept = at.session_state[game_topic.HISTORY] if found else {}
    return list(kept.get(at.session_state[game_topic.SIGNATURE], ()))


def ask(at: AppTest, k: int) -> AppTest:
    """Type k into "Is it ≤ k?" and press Ask."""
    at.number_input(key="game_k").set_value(k)
    return click(at, "game_ask")


def note(at: AppTest) -> str:
    shown = [m.value for m in at.markdown if m.value.startswith("“Is it ≤")]
    assert len(shown) == 1, shown
    return shown[0]


def play_by_halving(at: AppTest) -> int:
    """Find the secret of a uniform game by halving the range by hand; the questions asked."""
    values = candidates(at)["value"]
    low, high, count = int(values.min()), int(values.max()), 0
    target = secret(at)
    while low < high:
        k = (low + high) // 2
        ask(at, k)
        count += 1
        yes = target <= k
        assert note(at) == f"“Is it ≤ {k}?” — {'yes' if yes else 'no'}."
        low, high = (low, k) if yes else (k + 1, high)
        assert metric(at, "questions so far") == str(count)
    return count


def assert_small_charts(at: AppTest) -> None:
    sizes = chart_kilobytes(at)
    assert sizes
    assert max(sizes) <= 100, sizes


def sent_to_browser(at: AppTest) -> list:
    """Every element's message as the browser gets it, and the address."""
    found = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            proto = copy.deepcopy(proto)
            if "deferred_file_id" in proto.DESCRIPTOR.fields_by_name:
                proto.ClearField("deferred_file_id")  # a fresh random id on every run
            found.append((type(node).__name__, proto.SerializeToString(deterministic=True)))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return [*found, sorted((key, at.query_params[key]) for key in at.query_params)]


# ---------------------------------------------------------------- every tab


@pytest.mark.parametrize("label", TABS)
def test_every_tab_runs_and_draws_its_charts_with_data(label):
    at = open_page(topic=label)
    assert_draws(at, CHARTS[label])
    assert_small_charts(at)
    assert not link_notices(at)
    assert not at.error
    assert_topic_frame(at, PREFIX[label])


def test_the_game_opens_on_1024_equally_likely_numbers_under_100_kb():
    at = open_page()
    table = candidates(at)
    assert table["value"].tolist() == list(range(1, 1025))
    assert table["probability"].tolist() == [1 / 1024] * 1024
    assert (metric(at, "questions so far"), metric(at, "bits still unknown")) == ("0", "10")
    assert metric(at, "P(yes) for ≤ 512") == "0.5"
    assert metric(at, "your average here") == "—"
    assert (
        "Still possible: 1024 numbers from 1 to 1024; the chart shows them and the nearest "
        "ones ruled out." in texts(at)
    )
    assert_small_charts(at)


def test_an_entropy_of_1024_outcomes_draws_every_bar_at_10_bits_under_100_kb():
    at = open_page(topic="Entropy", ent_n="1024")
    assert not link_notices(at)
    bars = base_bars(at)
    assert len(bars) == 1024
    assert set(bars["own"]) == {10.0}
    np.testing.assert_allclose(bars["left"], np.arange(1024) / 1024, atol=1e-15)
    assert bars["share"].sum() == pytest.approx(10.0, rel=1e-12)  # the area is H
    assert metric(at, "H(X)") == metric(at, "log₂ N (uniform)") == "10"
    assert_draws(at, charts_of(at))
    assert_small_charts(at)


# ---------------------------------------------------------------- one interaction per topic


def test_choosing_poisson_in_the_game_gives_scipys_entropy_and_huffman_average():
    at = open_page()
    at.selectbox(key="game_dist").set_value("poisson").run()
    ps = model("poisson", 1024, lam=5.0)
    assert metric(at, "entropy H(X)") == bits(entropy_bits(ps)) == "3.18"
    shown = scores(at)
    assert shown["entropy"] == pytest.approx(entropy_bits(ps), rel=1e-9)
    assert shown["huffman"] == pytest.approx(huffman_average(ps), rel=1e-9)
    assert shown["halving"] == pytest.approx(ps @ halving_counts(ps), rel=1e-9)
    assert_draws(at, charts_of(at))


def test_a_biased_coin_and_a_poisson_distribution_give_scipys_entropies():
    at = open_page(topic="Entropy")
    at.slider(key="ent_coin").set_value(0.9).run()
    assert metric(at, "H(coin)") == bits(entropy_bits([0.9, 0.1])) == "0.469"
    heads, tails = -math.log2(0.9), -math.log2(0.1)
    assert metric(at, "surprise: heads / tails") == f"{bits(heads)} / {bits(tails)}"
    coin = base_bars(at, coin=True)
    assert coin["p"].tolist() == [0.9, pytest.approx(0.1)]
    np.testing.assert_allclose(coin["own"], [heads, tails], rtol=1e-12)
    assert coin["share"].sum() == pytest.approx(entropy_bits([0.9, 0.1]), rel=1e-12)
    at.selectbox(key="ent_dist").set_value("poisson").run()
    at.number_input(key="ent_n").set_value(30).run()
    ps = model("poisson", 30, lam=5.0)
    assert metric(at, "H(X)") == bits(entropy_bits(ps))
    assert metric(at, "Huffman average") == bits(huffman_average(ps))
    assert metric(at, "log₂ N (uniform)") == bits(math.log2(30))
    table = base_bars(at)
    np.testing.assert_allclose(table["p"], ps, rtol=1e-12)
    np.testing.assert_allclose(table["own"], -np.log2(ps), rtol=1e-12)
    np.testing.assert_allclose(table["left"], np.cumsum(ps) - ps, atol=1e-15)
    assert table["share"].sum() == pytest.approx(entropy_bits(ps), rel=1e-9)
    assert_draws(at, charts_of(at))


def test_the_coin_drawn_below_is_the_same_two_bars_with_the_same_entropy():
    at = open_page(topic="Entropy", ent_coin="0.8")
    click(at, "ent_coin_down")
    assert (control(at, "ent_dist"), control(at, "ent_weights")) == ("custom", "0.8, 0.2")
    assert at.query_params["ent_weights"] == "0.8, 0.2"  # and in the link
    h = entropy_bits([0.8, 0.2])
    assert metric(at, "H(X)") == metric(at, "H(coin)") == bits(h)
    assert metric(at, "Huffman average") == "1"  # two outcomes: one question, always
    coin, below = base_bars(at, coin=True), base_bars(at)
    np.testing.assert_allclose(below["p"], coin["p"], rtol=1e-12)
    np.testing.assert_allclose(below["own"], coin["own"], rtol=1e-12)
    assert_draws(at, charts_of(at))


def test_a_far_poisson_tail_is_named_once_with_its_tiny_area_not_as_impossible():
    at = open_page(topic="Entropy", ent_dist="Poisson", ent_n="1024")
    ps = model("poisson", 1024, lam=5.0)
    rare = ps < 1e-12
    area = float(stats.entropy(ps, base=2) - stats.entropy(ps[~rare] / ps[~rare].sum(), base=2))
    tail = float(-(ps[rare & (ps > 0)] * np.log2(ps[rare & (ps > 0)])).sum())
    assert abs(area) < 1e-9
    caption = [c.value for c in at.caption if "below 10⁻¹²" in c.value]
    assert len(caption) == 1
    assert f" {int(rare.sum())} outcomes have a chance below 10⁻¹²" in caption[0]
    assert f"add {bits(tail, 2)} bits together." in caption[0]
    assert "impossible" not in caption[0]


def test_a_new_q_and_new_logits_give_scipys_cross_entropy_kl_and_softmax():
    at = open_page(topic="Cross-entropy & KL")
    for i, weight in enumerate((5, 1, 1, 1), 1):
        at.number_input(key=f"ce_q{i}").set_value(weight)
    at.run()
    p, q = np.array([4, 2, 1, 1]) / 8, np.array([5, 1, 1, 1]) / 8
    kl, back = float(stats.entropy(p, q, base=2)), float(stats.entropy(q, p, base=2))
    assert metric(at, "H(P)") == bits(entropy_bits(p)) == "1.75"
    assert metric(at, "H(P, Q)") == bits(entropy_bits(p) + kl)
    assert metric(at, "KL(P ‖ Q)") == bits(kl)
    assert metric(at, "KL(Q ‖ P)") == bits(back)
    assert f"KL(P ‖ Q) = {bits(kl)} but KL(Q ‖ P) = {bits(back)}" in texts(at)
    at.select_slider(key="ce_z3").set_value(4.0).run()
    z = np.array([2.0, 1.0, 4.0, -1.0])
    q_model = special.softmax(z)
    assert metric(at, "q(A)") == bits(q_model[0])
    assert metric(at, "loss −ln q") == bits(-math.log(q_model[0]))
    assert metric(at, "in bits −log₂ q") == bits(-math.log2(q_model[0]))
    classifier = frame_with(at, "which")
    np.testing.assert_allclose(classifier["probability"][4:], q_model, rtol=1e-12)
    assert classifier["probability"][:4].tolist() == [1, 0, 0, 0]
    # P's bars coded with Q's lengths: the areas are H(P, Q), the extra and saved parts KL.
    parts = code_bars(at)
    shared = parts[parts["part"] == parts["part"].iloc[0]]
    np.testing.assert_allclose(shared["length"], -np.log2(q), rtol=1e-12)
    np.testing.assert_allclose(shared["own"], -np.log2(p), rtol=1e-12)
    terms = frame_with(at, "sign")
    np.testing.assert_allclose(terms["bits"], special.rel_entr(p, q) / math.log(2), rtol=1e-12)
    assert terms["text"].tolist() == [
        ("+" if t > 0 else "") + bits(t) for t in special.rel_entr(p, q) / math.log(2)
    ]
    assert_draws(at, charts_of(at))


# ---------------------------------------------------------------- the guessing game by hand


def test_two_rounds_by_halving_are_counted_averaged_and_forgotten():
    at = open_page()
    assert history(at) == []
    first = play_by_halving(at)
    assert first == 10  # 1024 = 2¹⁰ numbers
    found = [s.value for s in at.success]
    assert found == [f"Found it: the number was **{secret(at)}**, in 10 questions."]
    assert history(at) == [10]
    assert metric(at, "your average here") == "10"
    shown = scores(at)
    assert (shown["you"], shown["you, label"]) == (10.0, "you, 1 round of this game")
    assert at.number_input(key="game_k").disabled
    assert at.button(key="game_ask").disabled
    click(at, "game_new")
    assert not at.success
    assert asked(at) == []
    assert metric(at, "questions so far") == "0"
    assert history(at) == [10]  # a new number keeps your rounds
    assert play_by_halving(at) == 10
    shown = scores(at)
    assert (shown["you"], shown["you, label"]) == (10.0, "you, 2 rounds of this game")
    at.number_input(key="game_n").set_value(100).run()  # 6 or 7 questions for 100 numbers
    assert history(at) == []  # rounds are kept per distribution: none on 1…100 yet
    assert metric(at, "your average here") == "—"
    assert secret(at) in range(1, 101)
    second = play_by_halving(at)
    assert second == halving_counts(np.ones(100))[secret(at) - 1]
    assert [s.value for s in at.success] == [
        f"Found it: the number was **{secret(at)}**, in {second} questions."
    ]
    assert history(at) == [second]
    assert metric(at, "your average here") == bits(second)
    shown = scores(at)
    assert (shown["you"], shown["you, label"]) == (second, "you, 1 round of this game")
    click(at, "game_forget")
    assert history(at) == []
    assert metric(at, "your average here") == "—"
    assert "you" not in scores(at)
    at.number_input(key="game_n").set_value(1024).run()  # back on 1…1024: its rounds are kept
    assert history(at) == [10, 10]
    assert metric(at, "your average here") == "10"


def test_the_tree_states_ranges_of_the_whole_game_and_says_which_numbers_can_be_drawn():
    # Weights 0, 0, 1, 1, 1, 1: the secret is 3, 4, 5 or 6, yet answers split 1…6.
    at = open_page(game_dist=CUSTOM, game_weights="0, 0, 1, 1, 1, 1")
    ask(at, 4)
    yes = secret(at) <= 4
    tree = frame_with(at, "question")
    assert tree.loc[tree["depth"] == 0, "label"].tolist() == ["1…6"]
    assert sorted(tree.loc[tree["depth"] == 1, "label"]) == sorted(
        ["1…4", "no: 5…6"] if yes else ["5…6", "yes: 1…4"]
    )
    assert "Only 3…6 can be drawn; a range may run past them over numbers of chance 0." in (
        texts(at)
    )


def test_a_new_seed_replays_the_computers_but_keeps_your_round():
    at = open_page(game_dist="Poisson")
    ask(at, 5)
    mine, so_far = secret(at), list(asked(at))
    before = scores(at)
    at.number_input(key="game_seed").set_value(8).run()
    assert (secret(at), asked(at)) == (mine, so_far)
    assert metric(at, "questions so far") == "1"
    after = scores(at)
    ps = it.guessing_distribution("poisson", 1024, lam=5.0)
    assert after["median, games"] == simulated(ps, 8, "median") != before["median, games"]
    assert after["median"] == before["median"]


def test_a_question_that_cannot_split_the_candidates_is_explained_and_not_counted():
    # Weights 0, 0, 1, 1, 1, 1: the secret is 3, 4, 5 or 6.
    at = open_page(game_dist=CUSTOM, game_weights="0, 0, 1, 1, 1, 1")
    assert not any("one in a trillion" in t for t in texts(at))  # no number is cut off
    for k in (1, 2, 6):  # below the smallest, and at the largest
        ask(at, k)
        assert note(at) == (
            f"“Is it ≤ {k}?” cannot split the numbers still possible (3…6): the answer is "
            "known already. Choose k from 3 to 5; this question is not counted."
        )
        assert metric(at, "questions so far") == "0"
        assert asked(at) == []
    ask(at, 4)
    yes = secret(at) <= 4
    assert note(at) == f"“Is it ≤ 4?” — {'yes' if yes else 'no'}."
    assert metric(at, "questions so far") == "1"
    ask(at, 4)  # now at the largest (3, 4 left) or below the smallest (5, 6 left)
    low, high = (3, 4) if yes else (5, 6)
    assert note(at) == (
        f"“Is it ≤ 4?” cannot split the numbers still possible ({low}…{high}): the answer is "
        f"known already. Choose k from {low} to {high - 1}; this question is not counted."
    )
    assert metric(at, "questions so far") == "1"
    assert asked(at) == [(4, yes)]
    ask(at, low)
    assert at.success
    assert history(at) == [2]
    assert metric(at, "your average here") == "2"


def test_two_numbers_take_one_question():
    at = open_page(game_n="2")
    assert metric(at, "entropy H(X)") == metric(at, "log₂ N") == "1"
    ask(at, 1)
    assert [s.value for s in at.success] == [
        f"Found it: the number was **{secret(at)}**, in 1 question."
    ]
    assert history(at) == [1]
    assert metric(at, "your average here") == "1"


def test_one_number_is_no_game_and_says_so():
    at = open_page(game_n="1")
    assert [i.value for i in at.info] == [
        "Only one number is possible, so you know it without asking: 0 questions, and "
        "H(X) = 0. Raise N or spread the weights to make a game of it."
    ]
    assert at.button(key="game_ask").disabled
    assert at.number_input(key="game_k").disabled
    assert metric(at, "entropy H(X)") == metric(at, "log₂ N") == "0"
    assert set(scores(at).values()) == {0.0}
    assert not at.success
    assert history(at) == []
    assert_draws(at, charts_of(at))


# ---------------------------------------------------------------- the secret stays secret


def twin(at: AppTest, number: int) -> None:
    """Swap the secret for ``number`` (consistent with the answers so far) and rerun."""
    game = at.session_state[game_topic.ROUND]
    assert all((number <= k) == yes for k, yes in game.asked)
    at.session_state[game_topic.ROUND] = dataclasses.replace(game, secret=number)
    at.run()
    assert not at.exception


def assert_nothing_shown_depends_on_the_secret(at: AppTest, other: int) -> None:
    """Rerun with the secret, then with ``other`` in its place: the same bytes both times."""
    mine = secret(at)
    twin(at, mine)
    shown = sent_to_browser(at)
    twin(at, other)
    assert sent_to_browser(at) == shown  # not one byte depends on the secret
    twin(at, mine)


@pytest.mark.parametrize("seed", ["1", "5000", "123456"])
def test_the_secret_is_in_neither_the_link_nor_anything_sent_until_it_is_found(seed):
    params = {} if seed == "1" else {"game_seed": seed}
    at = open_page(**params)
    for _ in range(2):  # two rounds per seed
        mine = secret(at)
        assert str(mine) not in {at.query_params[key] for key in at.query_params}
        assert_nothing_shown_depends_on_the_secret(at, 1 if mine != 1 else 2)
        ask(at, 512)
        other = next(v for v in ((1, 2) if mine <= 512 else (1024, 1023)) if v != mine)
        assert_nothing_shown_depends_on_the_secret(at, other)
        assert not at.success
        click(at, "game_new")
    assert secret(at) in range(1, 1025)


def test_the_same_link_does_not_give_the_same_secret():
    drawn = {secret(open_page(game_seed="5")) for _ in range(3)}
    assert len(drawn) > 1  # fresh entropy, not the seed: all three alike once in a million


def test_the_byte_comparison_sees_a_secret_once_it_is_shown():
    at = open_page(game_n="2")
    ask(at, 1)
    mine = secret(at)
    at.run()
    shown = sent_to_browser(at)
    game = at.session_state[game_topic.ROUND]
    at.session_state[game_topic.ROUND] = dataclasses.replace(game, secret=3 - mine)
    at.run()
    assert sent_to_browser(at) != shown  # "Found it: the number was **…**" tells them apart


# ---------------------------------------------------------------- the computer players


@pytest.mark.parametrize(
    ("params", "ps"),
    [
        ({}, model("uniform", 1024)),
        ({"game_dist": "Poisson"}, model("poisson", 1024, lam=5.0)),
        ({"game_dist": "Geometric", "game_p": "0.3"}, model("geometric", 1024, p=0.3)),
        ({"game_dist": "Peaked", "game_n": "50"}, model("peaked", 50, centre=10, width=3.0)),
        ({"game_dist": CUSTOM}, model("custom", weights=(8, 4, 2, 1, 1))),
    ],
    ids=["uniform 1024", "poisson 5", "geometric 0.3", "peaked 10", "custom 8 4 2 1 1"],
)
def test_the_computer_players_scores_are_the_exact_expectations(params, ps):
    at = open_page(**params)
    assert not link_notices(at)
    shown = scores(at)
    n = ps.size
    assert shown["entropy"] == pytest.approx(entropy_bits(ps), rel=1e-9, abs=1e-12)
    assert shown["log2 N"] == pytest.approx(math.log2(n), rel=1e-12)
    assert shown["huffman"] == pytest.approx(huffman_average(ps), rel=1e-9)
    assert shown["halving"] == pytest.approx(ps @ halving_counts(ps), rel=1e-9)
    assert shown["median"] == pytest.approx(it.expected_questions(ps, strategy="median"), rel=1e-9)
    # Nobody beats the entropy, and Huffman is within one question of it.
    h = shown["entropy"]
    for who in ("halving", "median", "huffman"):
        assert shown[who] >= h - 1e-9, who
    assert shown["huffman"] < h + 1
    assert list(shown) == PLAYERS  # no "you" before a round is played
    assert metric(at, "entropy H(X)") == bits(entropy_bits(ps))


def test_uniform_1024_takes_ten_questions_for_everyone():
    at = open_page()
    shown = scores(at)
    assert shown == pytest.approx(dict.fromkeys(PLAYERS, 10.0), rel=1e-12)
    assert metric(at, "entropy H(X)") == metric(at, "log₂ N") == "10"


def test_a_dyadic_distribution_is_matched_by_huffman_and_the_median_split():
    # 8, 4, 2, 1, 1 over 16: H = ½·1 + ¼·2 + ⅛·3 + 2·(1/16)·4 = 1.875 bits. Halving asks
    # ≤ 3, then ≤ 2 and ≤ 4, then ≤ 1: 3, 3, 2, 2, 2 questions, 44/16 = 2.75 on average.
    shown = scores(open_page(game_dist=CUSTOM))
    assert shown["entropy"] == pytest.approx(1.875, abs=1e-12)
    assert shown["huffman"] == pytest.approx(1.875, abs=1e-12)
    assert shown["median"] == pytest.approx(1.875, abs=1e-12)
    assert shown["halving"] == pytest.approx(2.75, abs=1e-12)
    assert shown["log2 N"] == pytest.approx(math.log2(5))


@pytest.mark.parametrize(
    ("params", "dist", "seed"),
    [
        ({"game_dist": "Poisson", "game_seed": "7"}, ("poisson", 1024, {"lam": 5.0}), 7),
        ({"game_dist": "Geometric"}, ("geometric", 1024, {"p": 0.2}), 1),
        ({"game_dist": CUSTOM, "game_seed": "42"}, ("custom", 5, {"weights": [8, 4, 2, 1, 1]}), 42),
    ],
    ids=["poisson seed 7", "geometric seed 1", "custom seed 42"],
)
def test_simulated_games_are_the_seeds_draws(params, dist, seed):
    at = open_page(**params)
    name, n, kw = dist
    ps = it.guessing_distribution(name, n, **kw)
    np.testing.assert_allclose(ps, model(name, n, **kw), rtol=1e-9)
    shown = scores(at)
    assert shown["halving, games"] == simulated(ps, seed, "halving")
    assert shown["median, games"] == simulated(ps, seed, "median")
    # 10,000 games land within 4 standard errors of the exact expectation.
    for strategy in ("halving", "median"):
        counts = it.question_counts(ps, strategy=strategy)
        mean = ps @ counts
        sd = math.sqrt(ps @ (counts - mean) ** 2)
        assert abs(shown[f"{strategy}, games"] - mean) <= 4 * sd / 100 + 1e-12


def test_another_seed_plays_other_simulated_games():
    first = scores(open_page(game_dist="Poisson", game_seed="7"))
    other = scores(open_page(game_dist="Poisson", game_seed="8"))
    assert first["halving"] == other["halving"]
    assert first["median, games"] != other["median, games"]


# ---------------------------------------------------------------- bad input and extremes


@pytest.mark.parametrize("prefix", ["game", "ent"])
@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("0, 0, 0", "weights must not all be 0: at least one outcome needs a chance"),
        ("1, -1", "weights must not be negative; weights[1] = -1"),
        ("1, x", "'x' is not a number; type numbers such as 2, 0.5 or 1e3"),
        ("", "type at least one number"),
    ],
    ids=["all zero", "negative", "not a number", "empty"],
)
def test_bad_custom_weights_are_explained_and_the_uniform_five_shown(prefix, weights, message):
    at = open_page(topic=TOPIC[prefix], **{f"{prefix}_dist": CUSTOM, f"{prefix}_weights": weights})
    assert [e.value for e in at.error] == [f"{message}. Showing the uniform distribution instead."]
    h = metric(at, "entropy H(X)" if prefix == "game" else "H(X)")
    assert h == bits(math.log2(5))
    if prefix == "game":
        assert len(candidates(at)) == 5
    else:
        assert len(base_bars(at)) == 5
    assert_draws(at, charts_of(at))


@pytest.mark.parametrize("prefix", ["game", "ent"])
def test_custom_weights_whose_total_overflows_are_handled(prefix):
    at = open_page(
        topic=TOPIC[prefix], **{f"{prefix}_dist": CUSTOM, f"{prefix}_weights": "1e308, 1e308"}
    )
    # Two equal weights, however large: a fair choice between 1 and 2. (Their total once
    # overflowed to ∞: every probability became 0 and the page raised.)
    assert not at.error
    shown = [m.value for m in metrics(at) if m.label in ("entropy H(X)", "H(X)")]
    assert shown == ["1"]
    assert_draws(at, charts_of(at))


@pytest.mark.parametrize("prefix", ["game", "ent"])
def test_geometric_p_0_from_a_link_gets_a_notice_and_a_valid_p(prefix):
    # p = 0 never succeeds, so it is no distribution: the slider starts at 0.01 instead.
    at = open_page(topic=TOPIC[prefix], **{f"{prefix}_dist": "Geometric", f"{prefix}_p": "0"})
    (slider,) = [s for s in at.slider if s.key == f"{prefix}_p"]
    assert (slider.min, slider.max, slider.value) == (0.01, 1.0, 0.2)
    assert link_notices(at) == [
        "The link set **Geometric p** to `0`, which it cannot take, so it starts at 0.2."
    ]
    assert not at.error
    n = 1024 if prefix == "game" else 8
    ps = model("geometric", n, p=0.2)
    label = "entropy H(X)" if prefix == "game" else "H(X)"
    assert metric(at, label) == bits(entropy_bits(ps))
    assert_draws(at, charts_of(at))


def test_geometric_p_1_is_a_certainty():
    at = open_page(game_dist="Geometric", game_p="1")
    assert not at.error
    assert metric(at, "entropy H(X)") == "0"
    assert metric(at, "bits still unknown") == "0"
    assert len(at.info) == 1
    assert at.info[0].value.startswith("Only one number is possible")
    assert at.button(key="game_ask").disabled
    assert_candidates_follow(at, np.array([1.0] + [0.0] * 1023))
    assert set(candidates(at)["side"][1:]) <= {"ruled out"}
    shown = scores(at)
    assert shown.pop("log2 N") == 10
    # Binary search ignores the chances: ten questions even for a certainty.
    assert (shown.pop("halving"), shown.pop("halving, games")) == (10, 10)
    assert set(shown.values()) == {0.0}
    assert_draws(at, charts_of(at))


@pytest.mark.parametrize("lam", [0.5, 200.0])
def test_poisson_at_the_smallest_and_largest_lambda(lam):
    at = open_page(game_dist="Poisson", game_lam=f"{lam:g}")
    assert not link_notices(at)
    assert not at.error
    ps = model("poisson", 1024, lam=lam)
    assert metric(at, "entropy H(X)") == bits(entropy_bits(ps))
    shown = scores(at)
    assert shown["entropy"] == pytest.approx(entropy_bits(ps), rel=1e-9)
    assert shown["huffman"] == pytest.approx(huffman_average(ps), rel=1e-9)
    assert shown["halving"] == pytest.approx(ps @ halving_counts(ps), rel=1e-9)
    assert_candidates_follow(at, ps)
    assert_draws(at, charts_of(at))
    assert_small_charts(at)


@pytest.mark.parametrize(
    ("p", "h", "surprise"), [("0", "0", "∞ / 0"), ("0.5", "1", "1 / 1"), ("1", "0", "0 / ∞")]
)
def test_a_coin_has_0_1_0_bits_at_p_0_half_1(p, h, surprise):
    at = open_page(topic="Entropy", ent_coin=p)
    assert not link_notices(at)
    assert metric(at, "H(coin)") == h == bits(entropy_bits([float(p), 1 - float(p)]))
    assert metric(at, "surprise: heads / tails") == surprise
    # The coin's area is the dot's height; an impossible side has no bar.
    coin = base_bars(at, coin=True)
    assert coin["share"].sum() == pytest.approx(float(h), abs=1e-12)
    assert len(coin) == (1 if p in ("0", "1") else 2)
    _, curve = coin_sweep(at)
    assert len(curve) == 201
    assert curve.loc[curve["p"] == float(p), "bits"].tolist() == [float(h)]
    assert_draws(at, charts_of(at))


def test_q_ruling_out_what_p_allows_is_infinite_and_warned():
    at = open_page(topic="Cross-entropy & KL", ce_q1="1", ce_q2="1", ce_q3="1", ce_q4="0")
    assert not link_notices(at)
    assert metric(at, "H(P, Q)") == metric(at, "KL(P ‖ Q)") == "∞"
    p, q = np.array([4, 2, 1, 1]) / 8, np.array([1, 1, 1, 0]) / 3
    assert float(stats.entropy(p, q)) == math.inf
    assert metric(at, "KL(Q ‖ P)") == bits(float(stats.entropy(q, p, base=2)))
    assert metric(at, "H(P)") == "1.75"
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith("Q gives probability 0 to D, which P can produce")
    terms = frame_with(at, "sign")
    assert terms["text"].tolist()[3] == "+∞"
    assert np.isfinite(terms["bits"]).all()  # the infinite share is drawn cut, not lost
    assert_draws(at, charts_of(at))


def test_p_all_zero_is_an_error_and_the_classifier_still_draws():
    at = open_page(topic="Cross-entropy & KL", **{f"ce_p{i}": "0" for i in range(1, 5)})
    assert [e.value for e in at.error] == [
        "The weights of P are all 0: give at least one outcome a chance"
    ]
    assert [m.label for m in metrics(at)] == ["q(A)", "loss −ln q", "in bits −log₂ q"]
    assert_draws(at, 2)


@pytest.mark.parametrize(
    ("z", "truth"),
    [((1000, -1000, 0, 0), "A"), ((1000, 1000, -1000, -1000), "A"), ((-1000, -1000, 0, 0), "C")],
)
def test_logits_of_1000_give_a_finite_softmax_and_loss(z, truth):
    params = {f"ce_z{i}": str(v) for i, v in enumerate(z, 1)}
    at = open_page(topic="Cross-entropy & KL", ce_true=truth, **params)
    assert not link_notices(at)
    q = special.softmax(np.array(z, dtype=float))
    assert np.all(np.isfinite(q))
    t = "ABCD".index(truth)
    loss = -float(special.log_softmax(np.array(z, dtype=float))[t])
    assert math.isfinite(loss)
    assert metric(at, f"q({truth})") == bits(q[t])
    assert metric(at, "loss −ln q") == bits(loss)
    assert metric(at, "in bits −log₂ q") == bits(loss / math.log(2))
    classifier = frame_with(at, "which")
    np.testing.assert_allclose(classifier["probability"][4:], q, rtol=1e-12)
    assert_draws(at, charts_of(at))


def test_a_true_class_far_below_the_top_logit_has_a_finite_loss():
    at = open_page(topic="Cross-entropy & KL", ce_z1="1000", ce_z2="-1000", ce_true="B")
    loss = -float(special.log_softmax([1000.0, -1000.0, 0.0, 0.0])[1])
    assert loss == pytest.approx(2000)
    assert metric(at, "loss −ln q") == bits(loss) == "2000"
    # q(B) = e^−2000 is far below the smallest float: written as a power, never "0".
    assert float(special.softmax([1000.0, -1000.0, 0.0, 0.0])[1]) == 0.0
    assert metric(at, "q(B)") == "e⁻²⁰⁰⁰"


# ---------------------------------------------------------------- presets and their links

# Every cross-entropy preset sets all of P, Q, the logits and the true class.
CE_START = (
    dict(zip([f"ce_p{i}" for i in range(1, 5)], (4, 2, 1, 1), strict=True))
    | dict(zip([f"ce_q{i}" for i in range(1, 5)], (2, 3, 2, 1), strict=True))
    | dict(zip([f"ce_z{i}" for i in range(1, 5)], (2.0, 1.0, 0.0, -1.0), strict=True))
    | {"ce_true": "A", "ce_dir": "PQ"}
)
PRESETS = {
    "game": [
        ("1 to 1024, uniform", {"game_dist": "uniform", "game_n": 1024}),
        ("Poisson λ = 5", {"game_dist": "poisson", "game_n": 1024, "game_lam": 5.0}),
        ("Geometric p = 0.3", {"game_dist": "geometric", "game_n": 1024, "game_p": 0.3}),
        (
            "Nearly certain",
            {"game_dist": "peaked", "game_n": 1024, "game_centre": 700, "game_width": 0.3},
        ),
    ],
    "ent": [
        ("Fair coin", {"ent_coin": 0.5, "ent_dist": "uniform", "ent_n": 2}),
        ("Biased coin", {"ent_coin": 0.9}),
        ("Certain", {"ent_coin": 1.0, "ent_dist": "custom", "ent_weights": "0, 0, 1, 0"}),
        ("Uniform 1024", {"ent_dist": "uniform", "ent_n": 1024}),
        ("Poisson λ = 5", {"ent_dist": "poisson", "ent_n": 30, "ent_lam": 5.0}),
    ],
    "ce": [
        ("Same", CE_START | {f"ce_{s}{i}": 1 for s in "pq" for i in range(1, 5)}),
        (
            "One way only",
            CE_START
            | {"ce_p1": 8, "ce_p2": 1, "ce_p3": 1, "ce_p4": 0}
            | {"ce_q1": 1, "ce_q2": 1, "ce_q3": 1, "ce_q4": 1},
        ),
        (
            "The other way",
            CE_START
            | {"ce_p1": 8, "ce_p2": 1, "ce_p3": 1, "ce_p4": 0}
            | {"ce_q1": 1, "ce_q2": 1, "ce_q3": 1, "ce_q4": 1, "ce_dir": "QP"},
        ),
        (
            "Q misses one",
            CE_START
            | {f"ce_p{i}": 1 for i in range(1, 5)}
            | {"ce_q1": 1, "ce_q2": 1, "ce_q3": 1, "ce_q4": 0},
        ),
        (
            "Confident and wrong",
            CE_START | {"ce_z1": -2.0, "ce_z2": 8.0, "ce_z3": 0.0, "ce_z4": 0.0, "ce_true": "A"},
        ),
    ],
}
EVERY_PRESET = [(prefix, i) for prefix, presets in PRESETS.items() for i in range(len(presets))]
PRESET_IDS = [f"{prefix}-{p[0]}" for prefix, presets in PRESETS.items() for p in presets]
# The controls each topic starts with, for the ones a preset leaves alone.
DEFAULTS = {
    "game": {"dist": "uniform", "n": 1024, "lam": 5.0, "p": 0.2, "centre": 10, "width": 3.0},
    "ent": {"coin": 0.5, "dist": "uniform", "n": 8, "lam": 5.0, "p": 0.2, "centre": 10}
    | {"width": 3.0, "weights": "8, 4, 2, 1, 1"},
    "ce": {"p": (4, 2, 1, 1), "q": (2, 3, 2, 1), "z": (2.0, 1.0, 0.0, -1.0), "true": "A"}
    | {"dir": "PQ"},
}


def chosen(prefix: str, values: dict) -> dict:
    """Every control of the topic after the preset: its values over the defaults."""
    found = dict(DEFAULTS[prefix])
    if prefix == "ce":
        for symbol in "pqz":
            found |= {f"{symbol}{i}": v for i, v in enumerate(found.pop(symbol), 1)}
    return found | {key.removeprefix(f"{prefix}_"): value for key, value in values.items()}


def expected_distribution(v: dict) -> np.ndarray:
    if v["dist"] == "custom":
        return model("custom", weights=[float(w) for w in v["weights"].split(",")])
    keys = ("lam", "p", "centre", "width")
    return model(v["dist"], int(v["n"]), **{key: v[key] for key in keys})


def assert_preset_shown(at: AppTest, prefix: str, label: str, values: dict) -> None:
    """The preset's controls hold its values and the numbers are scipy's."""
    assert {key: control(at, key) for key in values} == pytest.approx(values), label
    assert not link_notices(at), label
    v = chosen(prefix, values)
    if prefix == "game":
        ps = expected_distribution(v)
        assert metric(at, "entropy H(X)") == bits(entropy_bits(ps))
        assert scores(at)["huffman"] == pytest.approx(huffman_average(ps), rel=1e-9)
        assert_draws(at, charts_of(at))
    elif prefix == "ent":
        ps = expected_distribution(v)
        assert metric(at, "H(X)") == bits(entropy_bits(ps))
        assert metric(at, "Huffman average") == bits(huffman_average(ps))
        assert metric(at, "H(coin)") == bits(entropy_bits([v["coin"], 1 - v["coin"]]))
        assert_draws(at, charts_of(at))
    else:
        p = np.array([v[f"p{i}"] for i in range(1, 5)], dtype=float)
        q = np.array([v[f"q{i}"] for i in range(1, 5)], dtype=float)
        p, q = p / p.sum(), q / q.sum()
        kl = float(stats.entropy(p, q, base=2))
        back = float(stats.entropy(q, p, base=2))
        assert metric(at, "KL(P ‖ Q)") == bits(kl)
        assert metric(at, "KL(Q ‖ P)") == bits(back)
        if v.get("dir", "PQ") == "PQ":
            assert metric(at, "H(P)") == bits(entropy_bits(p))
            assert metric(at, "H(P, Q)") == bits(entropy_bits(p) + kl)
        else:  # drawn the other way round, the numbers are Q's
            assert metric(at, "H(Q)") == bits(entropy_bits(q))
            assert metric(at, "H(Q, P)") == bits(entropy_bits(q) + back)
        z = np.array([v[f"z{i}"] for i in range(1, 5)], dtype=float)
        t = "ABCD".index(v["true"])
        assert metric(at, "loss −ln q") == bits(-float(special.log_softmax(z)[t]))
        assert len(at.warning) == math.isinf(kl)  # no earlier preset's P or Q lingers
        assert_draws(at, charts_of(at))
    assert_small_charts(at)


def shown_numbers(at: AppTest) -> list:
    frames = [
        f.astype(object).where(f.notna(), None).to_dict("list")  # nan == nan here
        for e in charts(at)
        for f in chart_frames(e).values()
    ]
    return [(m.label, m.value) for m in metrics(at)] + [e.value for e in at.error] + frames


@pytest.mark.parametrize(("prefix", "index"), EVERY_PRESET, ids=PRESET_IDS)
def test_each_preset_sets_its_controls_and_its_link_reopens_the_same_numbers(prefix, index):
    at = open_page(topic=TOPIC[prefix])
    label, values = PRESETS[prefix][index]
    assert at.button(key=f"{prefix}_preset_{index}").label == label
    press(at, prefix, label)
    assert_preset_shown(at, prefix, label, values)
    params = {key: at.query_params[key] for key in at.query_params}
    again = open_page(**params)
    assert not link_notices(again), params
    assert_preset_shown(again, prefix, label, values)
    assert shown_numbers(again) == shown_numbers(at), (label, params)


def test_the_games_try_this_numbers_are_what_its_presets_show():
    at = open_page()
    press(at, "game", "Poisson λ = 5")
    shown = scores(at)
    # "Splitting the probability needs 3.25 questions on average, barely above H(X) = 3.18;
    # binary search on 1…1024 still needs 10, and halving only the 28 possible numbers 4.85."
    assert (round(shown["median"], 2), round(shown["entropy"], 2)) == (3.25, 3.18)
    assert shown["halving"] == pytest.approx(10, rel=1e-12)
    assert round(shown["possible"], 2) == 4.85
    assert len(candidates(at)) == 28
    assert shown["possible"] == pytest.approx(
        float(model("poisson") @ possible_counts(model("poisson") >= 1e-12)), rel=1e-9
    )
    assert shown["entropy"] == pytest.approx(entropy_bits(model("poisson", 1024)), rel=1e-9)
    press(at, "game", "Nearly certain")
    ps = model("peaked", 1024, centre=700, width=0.3)
    shown = scores(at)
    # "700 has 99 % of the probability and H(X) = 0.07 bits. “Is it ≤ k?” questions still
    # need two […], while the Huffman code asks “is it 700?” once: 1.01 on average."
    assert round(100 * float(ps[699])) == 99
    assert round(shown["entropy"], 2) == 0.07 == round(entropy_bits(ps), 2)
    assert round(shown["median"]) == 2
    assert round(shown["huffman"], 2) == 1.01 == round(huffman_average(ps), 2)


def test_presets_pressed_one_after_another_each_land_on_their_values():
    for prefix, presets in PRESETS.items():
        at = open_page(topic=TOPIC[prefix])
        for label, values in presets:
            press(at, prefix, label)
            assert {key: control(at, key) for key in values} == pytest.approx(values), label
            assert not link_notices(at), label
            assert len(charts(at)) == CHARTS[TOPIC[prefix]]


def test_selectboxes_are_linked_by_their_labels():
    at = open_page(topic="Entropy", ent_dist=CUSTOM, ent_weights="1, 1, 2")
    assert control(at, "ent_dist") == "custom"
    assert metric(at, "H(X)") == "1.5"
    for name, label in LABELS.items():
        at = open_page(game_dist=label)
        assert not link_notices(at)
        assert control(at, "game_dist") == name


# ---------------------------------------------------------------- hostile links

KEYS = {
    "Guessing game": [
        *(f"game_{k}" for k in ("dist", "n", "lam", "p", "centre", "width", "weights", "seed")),
    ],
    "Entropy": [
        *(f"ent_{k}" for k in ("coin", "dist", "n", "lam", "p", "centre", "width", "weights")),
    ],
    "Cross-entropy & KL": [
        *(f"ce_{s}{i}" for s in "pqz" for i in range(1, 5)),
        "ce_true",
    ],
}
LINK_WORDS = [
    *("", "0", "1", "-1", "0.5", "2.5", "nan", "-inf", "1e308", "abc", "1024", "1025"),
    *("200", "0.01", "1000", "-1000", "1e-320", *LABELS.values(), CUSTOM, "A", "D", "E"),
    *("0, 0, 0", "1, -1", "1, x", "8, 4, 2, 1, 1", "0, 0, 1, 0", "1e308, 1e308", "x" * 400),
    ", ".join(["1"] * 1025),
]
link_values = st.one_of(
    st.text(max_size=20),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(LINK_WORDS),
)
typed_weights = st.one_of(
    st.text(max_size=30),
    st.lists(st.integers(-(10**9), 10**9), max_size=12).map(
        lambda ks: ", ".join(repr(k / 1000) for k in ks)
    ),
    st.lists(st.integers(0, 20), max_size=12).map(lambda xs: " ".join(map(str, xs))),
    st.lists(st.floats(0, 1e308), min_size=1, max_size=6).map(lambda xs: ", ".join(map(repr, xs))),
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(topic=st.sampled_from(TABS), data=st.data())
def test_any_query_string_leaves_the_page_working(topic, data):
    picked = data.draw(st.dictionaries(st.sampled_from(KEYS[topic]), link_values, max_size=5))
    prefix = PREFIX[topic]
    if f"{prefix}_weights" in picked:
        picked |= {f"{prefix}_weights": data.draw(typed_weights), f"{prefix}_dist": CUSTOM}
    at = open_page(topic=topic, **picked)  # asserts that no exception reached the page
    assert charts(at)
    assert len(link_notices(at)) <= len(picked)


# ---------------------------------------------------------------- cut tails, presets, labels


def cut_share(dist: str, n: int, **kwargs: float) -> float:
    """scipy's share of the untruncated distribution outside 1…n."""
    if dist == "poisson":
        return 1 - float(stats.poisson.pmf(np.arange(n), kwargs["lam"]).sum())
    return float((1 - kwargs["p"]) ** n)  # geometric: no success in n tries


@pytest.mark.parametrize(
    ("prefix", "params", "share", "shown"),
    [
        ("game", {"dist": "Poisson", "lam": "200", "n": "30"}, ("poisson", 30, {"lam": 200.0}),
         "Over 99.99 %"),
        ("ent", {"dist": "Poisson", "lam": "200", "n": "30"}, ("poisson", 30, {"lam": 200.0}),
         "Over 99.99 %"),
        ("ent", {"dist": "Geometric", "n": "8"}, ("geometric", 8, {"p": 0.2}), "17 %"),
        ("game", {"dist": "Poisson", "lam": "30", "n": "30"}, ("poisson", 30, {"lam": 30.0}),
         "52 %"),
    ],
)  # fmt: skip
def test_a_distribution_cut_at_n_says_how_much_of_it_lies_outside(prefix, params, share, shown):
    at = open_page(topic=TOPIC[prefix], **{f"{prefix}_{k}": v for k, v in params.items()})
    dist, n, kwargs = share
    outside = cut_share(dist, n, **kwargs)
    assert it.mass_outside(dist, n, **kwargs) == pytest.approx(outside, abs=1e-12)
    assert f"{100 * outside:.0f} %" == shown.removeprefix("Over ") or outside > 0.9999
    (warning,) = [w.value for w in at.warning if "lies outside" in w.value]
    kind = "Poisson" if dist == "poisson" else dist
    assert warning.startswith(f"{shown} of this {kind} distribution lies outside 1…{n}.")
    assert f"not a true {kind}" in warning
    # The picture's description says it too, and the numbers are the cut distribution's.
    assert f"cut at {n} ({shown.lower()} of its mass lies outside)" in texts(at)
    ps = model(dist, n, **kwargs)
    label = "entropy H(X)" if prefix == "game" else "H(X)"
    assert metric(at, label) == bits(entropy_bits(ps))
    assert_draws(at, charts_of(at))


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "Entropy", "ent_dist": "Poisson", "ent_n": "30"},  # λ = 5: 10⁻¹⁴ cut
        {"game_dist": "Poisson"},
        {"game_dist": "Geometric", "game_p": "0.3"},
        {"topic": "Entropy"},
    ],
)
def test_a_cut_that_drops_almost_nothing_is_not_mentioned(params):
    at = open_page(**params)
    assert not [w for w in at.warning if "lies outside" in w.value]
    assert "of its mass lies outside" not in texts(at)


def test_each_entropy_preset_resets_the_coin_and_the_distribution_it_does_not_use():
    at = open_page(topic="Entropy")
    press(at, "ent", "Certain")
    assert control(at, "ent_coin") == 1.0
    assert at.query_params["ent_weights"] == "0, 0, 1, 0"
    press(at, "ent", "Poisson λ = 5")
    # The coin is back at 0.5 and the custom weights are gone, from the page and the link.
    assert control(at, "ent_coin") == 0.5
    assert metric(at, "H(coin)") == "1"
    assert metric(at, "surprise: heads / tails") == "1 / 1"
    assert control(at, "ent_weights") == "8, 4, 2, 1, 1"
    link = {key: at.query_params[key] for key in at.query_params}
    assert link == {"topic": "Entropy", "ent_dist": "Poisson", "ent_n": "30"}
    press(at, "ent", "Biased coin")
    assert control(at, "ent_dist") == "uniform"
    assert control(at, "ent_n") == 8


@pytest.mark.parametrize(
    ("prefix", "label", "n"),
    [("game", "1 to 1024, uniform", "1024"), ("game", "Poisson λ = 5", "1024"),
     ("ent", "Poisson λ = 5", "30"), ("ent", "Fair coin", "2"), ("ent", "Uniform 1024", "1024")],
)  # fmt: skip
def test_presets_write_whole_counts_to_the_link(prefix, label, n):
    at = open_page(topic=TOPIC[prefix])
    at.number_input(key=f"{prefix}_n").set_value(100).run()
    press(at, prefix, label)
    # The game's 1024 is its default, which the link leaves out; never "1024.0".
    assert at.query_params.get(f"{prefix}_n", n if prefix == "game" else None) == n
    assert control(at, f"{prefix}_n") == int(n)


@pytest.mark.parametrize(("key", "raw", "n"), [("ent_n", "30.0", 30), ("game_n", "100.0", 100)])
def test_links_with_counts_written_as_floats_still_open(key, raw, n):
    at = open_page(topic="Entropy" if key == "ent_n" else "Guessing game", **{key: raw})
    assert not link_notices(at)
    assert control(at, key) == n
    assert not [c.value for c in at.caption if "takes whole numbers" in c.value]
    assert metric(at, "log₂ N (uniform)" if key == "ent_n" else "log₂ N") == bits(math.log2(n))


def test_the_compare_caption_and_legend_name_blue_as_the_shorter_length():
    at = open_page(topic="Cross-entropy & KL")
    words = texts(at)
    assert "Blue reaches the shorter of the two lengths, the bits both codes spend" in words
    assert "P's own code" not in words
    parts = chart_frames(charts(at)[0])
    (frame,) = [f for f in parts.values() if "part" in f]
    # B: p = 1/4, q = 3/8: blue stops at Q's 1.415 bits, green up to P's own 2 bits.
    b = frame[frame["outcome"] == "B"].set_index("part")
    blue, _, green = game_topic.charts.CODE_PARTS
    assert b.loc[blue, "top"] == pytest.approx(math.log2(8 / 3))
    assert (b.loc[green, "bottom"], b.loc[green, "top"]) == pytest.approx((math.log2(8 / 3), 2.0))


def test_the_scores_and_the_metric_write_h_with_the_same_digits():
    at = open_page(game_dist="Peaked", game_centre="700", game_width="0.3")
    h = entropy_bits(model("peaked", 1024, centre=700, width=0.3))
    assert metric(at, "entropy H(X)") == f"{h:.4g}" == "0.07261"
    assert metric(at, "bits still unknown") == "0.07261"  # before any question, the same H
    specs = [e.proto.spec for e in charts(at) if '"questions"' in e.proto.spec]
    assert specs
    assert all('"format":".4~g"' in spec.replace(" ", "") for spec in specs)


def test_the_entropy_caption_counts_the_bars_cut_at_the_axis_and_their_area():
    at = open_page(topic="Entropy", ent_dist="Poisson", ent_n="30")
    ps = model("poisson", 30, lam=5.0)
    _, _, averages = game_topic.charts.code_bar_frames(
        it.code_bars(ps), np.arange(1, 31), compare=False
    )
    (cap,) = averages[averages["side"] == "frame"]["bits"]
    cut = -np.log2(ps) > cap
    above = float((ps[cut] * (-np.log2(ps[cut]) - cap)).sum())
    assert cut.sum() == 17
    assert (
        f"▲ marks 17 bars taller than the axis (hover for the true height); together they "
        f"hold {above:.2g} bits of area above its top."
    ) in texts(at)
    # A uniform distribution has nothing cut, and says nothing about it.
    assert "▲" not in texts(open_page(topic="Entropy"))


# ---------------------------------------------------------------- KL the other way round


def test_kl_the_other_way_draws_qs_bars_with_ps_lengths_and_one_infinitely_tall():
    # The link of "One way only", opened with the new direction key set to Q ‖ P.
    at = open_page(
        topic="Cross-entropy & KL",
        ce_p1="8.0",
        ce_p2="1.0",
        ce_q1="1.0",
        ce_q2="1.0",
        ce_q3="1.0",
        ce_p4="0.0",
        ce_dir="Q ‖ P",
    )
    assert not link_notices(at)
    assert control(at, "ce_dir") == "QP"
    assert metric(at, "KL(Q ‖ P)") == "∞"
    assert metric(at, "KL(P ‖ Q)") == bits(
        float(stats.entropy([0.8, 0.1, 0.1, 0], [0.25] * 4, base=2))
    )
    parts, labels, averages = chart_frames(charts(at)[0]).values()
    blue = parts[parts["part"] == "shared: the shorter length"]
    np.testing.assert_allclose(blue["p"], [0.25] * 4)  # Q's widths
    # D: q(D) = 1/4 but p(D) = 0, so P's code gives it an infinite length, cut and marked.
    assert labels.set_index("outcome").loc["D", "infinite"]
    assert labels.set_index("outcome").loc["D", "text"] == "D ∞"
    assert set(parts["part"]) == {
        "shared: the shorter length",
        "extra: P's code is longer",
        "saved: P's code is shorter",
    }
    shown = dict(zip(averages["name"], averages["bits"], strict=True))
    assert shown["H(Q)"] == pytest.approx(2.0)  # Q is uniform on four
    assert math.isnan(shown["H(Q, P)"])  # infinite
    assert "marked ∞" in texts(at)
    # The key numbers follow the picture: Q's entropy and cross-entropy, not P's.
    assert [m.label for m in metrics(at)][:4] == ["H(Q)", "H(Q, P)", "KL(Q ‖ P)", "KL(P ‖ Q)"]
    assert metric(at, "H(Q)") == bits(2.0)
    assert metric(at, "H(Q, P)") == "∞"
    # P ‖ Q, the default, draws P's bars: A is 0.8 wide, and nothing is infinite.
    at = open_page(
        topic="Cross-entropy & KL",
        ce_p1="8.0",
        ce_p2="1.0",
        ce_q1="1.0",
        ce_q2="1.0",
        ce_q3="1.0",
        ce_p4="0.0",
    )
    parts, labels, _ = chart_frames(charts(at)[0]).values()
    assert parts[parts["outcome"] == "A"]["p"].iloc[0] == pytest.approx(0.8)
    assert not labels["infinite"].any()


# ---------------------------------------------------------------- the loss curve and logit sliders


def test_the_loss_curve_marks_the_true_class_where_a_confident_wrong_answer_is_expensive():
    at = open_page(topic="Cross-entropy & KL", ce_z1="-2.0", ce_z2="8.0", ce_z4="0.0")
    assert not link_notices(at)
    assert [w.key for w in at.select_slider if w.key.startswith("ce_z")] == [
        "ce_z1",
        "ce_z2",
        "ce_z3",
        "ce_z4",
    ]
    assert [control(at, f"ce_z{i}") for i in range(1, 5)] == [-2.0, 8.0, 0.0, 0.0]
    z = np.array([-2.0, 8.0, 0.0, 0.0])
    point = frame_with(at, "shown")
    assert point["q"].iloc[0] == pytest.approx(special.softmax(z)[0], rel=1e-12)
    assert point["nats"].iloc[0] == pytest.approx(-special.log_softmax(z)[0], rel=1e-12)
    assert point["nats"].iloc[0] == pytest.approx(10.0, abs=0.01)  # visibly high on the curve
    assert not point["above"].iloc[0]
    (curve,) = [
        f for e in charts(at) for f in chart_frames(e).values() if list(f.columns) == ["q", "nats"]
    ]
    np.testing.assert_allclose(curve["nats"], -np.log(curve["q"]), rtol=1e-12)
    assert curve["q"].max() == 1.0
    assert curve["q"].min() < math.exp(-12)  # the curve reaches the chart's top
    # A sure, right answer sits at the bottom right: q(B) near 1, loss near 0.
    at = open_page(topic="Cross-entropy & KL", ce_z1="-2.0", ce_z2="8.0", ce_z4="0.0", ce_true="B")
    point = frame_with(at, "shown")
    assert point["q"].iloc[0] > 0.99
    assert point["nats"].iloc[0] < 0.01


def test_a_loss_above_the_chart_is_cut_at_its_top_and_said():
    at = open_page(topic="Cross-entropy & KL", ce_z1="1000", ce_z2="-1000", ce_true="B")
    point = frame_with(at, "shown")
    assert bool(point["above"].iloc[0])
    assert point["shown"].iloc[0] == 12.0 < point["nats"].iloc[0] == pytest.approx(2000)
    assert "The loss, 2000 nats, is above the chart" in texts(at)


@pytest.mark.parametrize("typed", ["2.37", "-0.25", "999.5", "1e2", "4.0"])
def test_logit_sliders_keep_any_value_an_old_number_box_link_carried(typed):
    at = open_page(topic="Cross-entropy & KL", ce_z3=typed)
    assert not link_notices(at)
    assert control(at, "ce_z3") == float(typed)
    z = np.array([2.0, 1.0, float(typed), -1.0])
    assert metric(at, "loss −ln q") == bits(-float(special.log_softmax(z)[0]))


def test_a_logit_beyond_the_old_boxes_range_gets_a_notice():
    at = open_page(topic="Cross-entropy & KL", ce_z1="5000")
    assert link_notices(at) == [
        "The link set **z(A)** to `5000`, which it cannot take, so it starts at 2."
    ]
    assert control(at, "ce_z1") == 2.0


@pytest.mark.parametrize(
    ("raw", "lam"), [("5.0", 5.0), ("5.5", 5.5), ("37.5", 37.5), ("200", 200.0)]
)
def test_poisson_lambda_is_on_a_log_slider_that_keeps_old_links_values(raw, lam):
    at = open_page(game_dist="Poisson", game_lam=raw)
    assert not link_notices(at)
    (slider,) = [s for s in at.select_slider if s.key == "game_lam"]
    assert slider.value == lam
    # λ = 5 sits mid-way along the slider, not at its far left.
    stops = list(slider.options)
    assert 0.3 < stops.index("5") / (len(stops) - 1) < 0.6
    ps = model("poisson", 1024, lam=lam)
    assert metric(at, "entropy H(X)") == bits(entropy_bits(ps))


def test_bad_weights_keep_the_kl_direction_in_the_link():
    at = open_page(topic="Cross-entropy & KL", ce_p1="0", ce_p2="0", ce_p3="0", ce_p4="0")
    at.radio(key="ce_dir").set_value("QP").run()
    assert at.error  # P cannot be drawn
    assert control(at, "ce_dir") == "QP"  # drawn before the weights are read, so it stays
