import heapq
import itertools
import math
import re
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import special, stats

from mathviz import information as it
from mathviz.information import (
    GAME_DISTRIBUTIONS,
    MAX_GAMES,
    MAX_OUTCOMES,
    PLAYABLE,
    PLAYERS,
    STRATEGIES,
    InformationError,
    Round,
    binary_entropy_curve,
    binary_search_counts,
    chance_at_most,
    check_probabilities,
    classifier_loss,
    code_bars,
    cross_entropy,
    entropy,
    expected_counts,
    expected_questions,
    guessing_distribution,
    huffman_average,
    huffman_code_lengths,
    kl_divergence,
    kl_terms,
    likeliest,
    mass_outside,
    mean_questions,
    next_question,
    normalised,
    playable,
    question_counts,
    question_tree,
    record_round,
    ruled_out,
    simulated_counts,
    softmax,
    strategy_counts,
    surprisal,
)

UNIFORM_1024 = np.full(1024, 1 / 1024)
LN2 = math.log(2)


@st.composite
def probability_vectors(draw, *, n=None, min_size=1, max_size=20, zeros=True, min_positive=1):
    """Normalised vectors of weights in [1e-3, 1] (and 0s if ``zeros``): no float edge cases."""
    size = n if n is not None else draw(st.integers(min_size, max_size))
    weight = st.floats(1e-3, 1.0)
    if zeros:
        weight = st.one_of(st.just(0.0), weight)
    ws = np.array(draw(st.lists(weight, min_size=size, max_size=size)))
    assume(np.count_nonzero(ws) >= min_positive)
    return ws / ws.sum()


@st.composite
def probability_pairs(draw, *, zeros=True):
    n = draw(st.integers(1, 20))
    return draw(probability_vectors(n=n, zeros=zeros)), draw(probability_vectors(n=n, zeros=zeros))


def reference_huffman_mean(ps):
    """Expected codeword length of a Huffman code: the sum of the weights of all merges."""
    heap = [float(p) for p in ps if p > 0]
    heapq.heapify(heap)
    total = 0.0
    while len(heap) > 1:
        merged = heapq.heappop(heap) + heapq.heappop(heap)
        total += merged
        heapq.heappush(heap, merged)
    return total


def brute_force_prefix_mean(ps):
    """Least Σ p·l over all length vectors a prefix code can have (Kraft Σ 2^−l ≤ 1)."""
    live = [p for p in ps if p > 0]
    if len(live) < 2:
        return 0.0
    options = range(1, len(live))
    return min(
        sum(p * length for p, length in zip(live, lengths, strict=True))
        for lengths in itertools.product(options, repeat=len(live))
        if sum(2.0**-length for length in lengths) <= 1  # exact: powers of 2 add without error
    )


def possible_values(ps, lo, hi):
    return [v for v in range(max(lo, 1), min(hi, len(ps)) + 1) if ps[v - 1] > 0]


SKIPPING = ("possible", "median")
"""The strategies that skip impossible numbers; "halving" is binary search on all of 1…N."""


def play(ps, secret, strategy):
    """Questions asked to find ``secret`` by asking ``next_question`` and answering honestly."""
    lo, hi, asked = 1, len(ps), 0

    def open_question():
        if strategy == "halving":
            return lo < hi
        return np.count_nonzero(ps[lo - 1 : hi] > 0) > 1

    while open_question():
        k = next_question(ps, lo, hi, strategy=strategy)
        assert lo <= k < hi
        if secret <= k:
            hi = k
        else:
            lo = k + 1
        asked += 1
        assert asked <= len(ps)
    if strategy == "halving":
        assert lo == hi == secret
    else:
        assert possible_values(ps, lo, hi) == [secret]
    return asked


# ---------------------------------------------------------------- the 1024-outcome example


def test_uniform_over_1024_outcomes_is_ten_bits_and_ten_questions():
    assert entropy(UNIFORM_1024) == pytest.approx(10.0, abs=1e-12)
    for strategy in STRATEGIES:
        assert expected_questions(UNIFORM_1024, strategy=strategy) == 10.0
        counts = question_counts(UNIFORM_1024, strategy=strategy)
        assert counts.shape == (1024,)
        assert (counts == 10).all()
    assert (huffman_code_lengths(UNIFORM_1024) == 10).all()


@pytest.mark.parametrize("ps", [[1.0], [0, 1, 0], [0.0, 0.0, 0.0, 1.0]])
def test_a_certainty_needs_no_information_and_no_question(ps):
    assert entropy(ps) == 0.0
    assert math.copysign(1, entropy(ps)) == 1  # not −0.0
    assert huffman_code_lengths(ps).tolist() == [0] * len(ps)
    for strategy in SKIPPING:
        assert question_counts(ps, strategy=strategy).tolist() == [0] * len(ps)
        assert expected_questions(ps, strategy=strategy) == 0.0
    # Binary search does not look at the probabilities: it needs ⌈log₂ N⌉ at most.
    halving = question_counts(ps, strategy="halving")
    assert halving.max() == math.ceil(math.log2(len(ps)))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 100, 1000, 1023, 1024, 1025])
def test_binary_search_takes_floor_or_ceiling_of_log2_n_and_fills_a_binary_tree(n):
    counts = binary_search_counts(n)
    assert counts.shape == (n,)
    assert set(counts.tolist()) <= {math.floor(math.log2(n)), math.ceil(math.log2(n))}
    assert sum(Fraction(1, 2 ** int(c)) for c in counts) == 1  # Kraft: a complete tree
    assert question_counts(np.full(n, 1 / n), strategy="halving").tolist() == counts.tolist()


def test_binary_search_ignores_impossible_numbers_where_the_possible_player_skips_them():
    ps = guessing_distribution("peaked", 1024, centre=700, width=0.3)
    assert expected_questions(ps, strategy="halving") == 10.0
    assert expected_questions(ps, strategy="possible") < 6


@pytest.mark.parametrize("n", [1, 2, 3, 5, 7, 8, 100, 1000])
def test_uniform_entropy_is_log2_n_and_halving_is_binary_search(n):
    ps = np.full(n, 1 / n)
    assert entropy(ps) == pytest.approx(math.log2(n), abs=1e-12)
    for strategy in STRATEGIES:
        counts = question_counts(ps, strategy=strategy)
        assert set(counts.tolist()) <= {math.floor(math.log2(n)), math.ceil(math.log2(n))}
        assert sum(2.0**-counts) == pytest.approx(1.0)


# ---------------------------------------------------------------- entropy, cross-entropy, KL


def test_entropy_examples_in_closed_form():
    assert entropy([0.5, 0.5]) == 1.0
    assert entropy([0.5, 0.25, 0.125, 0.125]) == pytest.approx(1.75, abs=1e-15)
    p = 0.1
    binary = -p * math.log2(p) - (1 - p) * math.log2(1 - p)
    assert entropy([p, 1 - p]) == pytest.approx(binary, rel=1e-14)
    assert entropy([0.5, 0.0, 0.5, 0.0]) == 1.0  # 0 · log 0 = 0


@settings(max_examples=30, deadline=None)
@given(probability_vectors())
def test_entropy_matches_scipy_and_lies_between_0_and_log2_n(ps):
    h = entropy(ps)
    assert h == pytest.approx(stats.entropy(ps, base=2), rel=1e-12, abs=1e-12)
    assert -1e-12 <= h <= math.log2(np.count_nonzero(ps)) + 1e-12
    assert entropy(ps, base=math.e) == pytest.approx(stats.entropy(ps), rel=1e-12, abs=1e-12)
    assert entropy(ps, base=10) == pytest.approx(stats.entropy(ps, base=10), rel=1e-12, abs=1e-12)


def test_entropy_ignores_outcomes_of_probability_zero():
    ps = [0.2, 0.0, 0.3, 0.0, 0.5]
    assert entropy(ps) == pytest.approx(entropy([0.2, 0.3, 0.5]), rel=1e-15)
    assert not math.isnan(entropy(ps))


@pytest.mark.parametrize(("base", "scale"), [(2, 1.0), (math.e, LN2), (10, math.log10(2))])
def test_the_base_changes_the_unit(base, scale):
    ps, qs = [0.5, 0.25, 0.25], [0.25, 0.25, 0.5]
    assert entropy(ps, base=base) == pytest.approx(1.5 * scale, rel=1e-14)
    assert cross_entropy(ps, qs, base=base) == pytest.approx(1.75 * scale, rel=1e-14)
    assert kl_divergence(ps, qs, base=base) == pytest.approx(0.25 * scale, rel=1e-13)
    assert entropy(ps, base=base) == pytest.approx(stats.entropy(ps, base=base), rel=1e-14)
    assert kl_divergence(ps, qs, base=base) == pytest.approx(
        stats.entropy(ps, qs, base=base), rel=1e-13
    )


@pytest.mark.parametrize(
    ("base", "shown"), [(1, "1"), (1.0, "1.0"), (0, "0"), (-2, "-2"), (math.nan, "nan")]
)
@pytest.mark.parametrize(
    "call",
    [
        lambda base: entropy([0.5, 0.5], base=base),
        lambda base: cross_entropy([0.5, 0.5], [0.25, 0.75], base=base),
        lambda base: kl_divergence([0.5, 0.5], [0.25, 0.75], base=base),
    ],
    ids=["entropy", "cross_entropy", "kl_divergence"],
)
def test_a_base_that_is_not_positive_or_is_1_is_refused(call, base, shown):
    message = f"base must be a positive number other than 1; got {shown}"
    with pytest.raises(InformationError, match=re.escape(message)):
        call(base)


def test_cross_entropy_examples_in_closed_form():
    assert cross_entropy([1, 0], [0.5, 0.5]) == 1.0
    assert cross_entropy([0, 1, 0], [0.25, 0.125, 0.625]) == pytest.approx(3.0, abs=1e-15)
    ps, qs = [0.5, 0.5], [0.9, 0.1]
    assert cross_entropy(ps, qs) == pytest.approx(
        -0.5 * math.log2(0.9) - 0.5 * math.log2(0.1), rel=1e-14
    )
    assert cross_entropy(ps, ps) == pytest.approx(entropy(ps), rel=1e-15)


@settings(max_examples=30, deadline=None)
@given(probability_pairs())
def test_cross_entropy_and_kl_match_scipy(pair):
    ps, qs = pair
    kl = kl_divergence(ps, qs)
    reference = stats.entropy(ps, qs, base=2)
    if math.isinf(reference):
        assert kl == math.inf
        assert cross_entropy(ps, qs) == math.inf
    else:
        assert kl == pytest.approx(reference, rel=1e-10, abs=1e-12)
        assert cross_entropy(ps, qs) == pytest.approx(
            stats.entropy(ps, base=2) + reference, rel=1e-10, abs=1e-12
        )


@settings(max_examples=30, deadline=None)
@given(probability_pairs(zeros=False))
def test_kl_is_cross_entropy_minus_entropy(pair):
    ps, qs = pair
    assert kl_divergence(ps, qs) == pytest.approx(
        cross_entropy(ps, qs) - entropy(ps), rel=1e-10, abs=1e-12
    )
    assert cross_entropy(ps, qs) >= entropy(ps) - 1e-12  # Gibbs' inequality


@settings(max_examples=30, deadline=None)
@given(probability_pairs())
def test_kl_is_not_negative_and_is_0_only_when_p_equals_q(pair):
    ps, qs = pair
    kl = kl_divergence(ps, qs)
    assert kl_divergence(ps, ps) == 0.0
    assert kl >= -1e-15
    # Pinsker: KL ≥ 2·TV² nats, and every |pᵢ − qᵢ| ≤ TV.
    gap = float(np.abs(ps - qs).max())
    assert kl >= 2 * gap**2 / LN2 - 1e-12
    if gap > 1e-6:
        assert kl > 0


def test_kl_is_not_symmetric():
    ps, qs = [0.5, 0.5], [0.9, 0.1]
    forward = 0.5 * math.log2(0.5 / 0.9) + 0.5 * math.log2(0.5 / 0.1)
    backward = 0.9 * math.log2(0.9 / 0.5) + 0.1 * math.log2(0.1 / 0.5)
    assert kl_divergence(ps, qs) == pytest.approx(forward, rel=1e-14)
    assert kl_divergence(qs, ps) == pytest.approx(backward, rel=1e-14)
    assert round(kl_divergence(ps, qs), 3) == 0.737
    assert round(kl_divergence(qs, ps), 3) == 0.531


def test_kl_against_uniform_is_log2_n_minus_entropy():
    ps = np.array([0.4, 0.3, 0.2, 0.1])
    assert kl_divergence(ps, np.full(4, 0.25)) == pytest.approx(2 - entropy(ps), rel=1e-13)


def test_kl_and_cross_entropy_are_infinite_where_q_is_0_and_p_is_not():
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    # P is 0 where Q is 0 (or anywhere): that outcome never happens and costs nothing.
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == 1.0
    assert kl_divergence([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]) == 0.0
    assert kl_divergence([0.5, 0.0, 0.5], [0.25, 0.0, 0.75]) == pytest.approx(
        0.5 * math.log2(2) + 0.5 * math.log2(0.5 / 0.75), rel=1e-14
    )
    assert cross_entropy([0.5, 0.0, 0.5], [0.5, 0.0, 0.5]) == 1.0


def test_kl_is_not_negative_for_any_vectors_the_module_accepts():
    ps, qs = [0.5, 0.5], [0.5 + 5e-10, 0.5 + 5e-10]  # sums to 1 + 1e-9: accepted
    check_probabilities(qs, name="qs")
    assert kl_divergence(ps, qs) >= 0


# ---------------------------------------------------------------- Huffman codes


def test_huffman_lengths_of_a_dyadic_distribution_are_exactly_minus_log2_p():
    assert huffman_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist() == [1, 2, 3, 3]
    ps = [0.125, 0.5, 0.0, 0.0625, 0.25, 0.0625]
    lengths = huffman_code_lengths(ps)
    assert lengths.tolist() == [3, 1, 0, 4, 2, 4]
    assert float(np.dot(ps, lengths)) == entropy(ps)


def test_huffman_of_two_outcomes_is_one_question_each():
    assert huffman_code_lengths([0.999, 0.001]).tolist() == [1, 1]
    assert huffman_code_lengths([0.0, 0.3, 0.0, 0.7]).tolist() == [0, 1, 0, 1]


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=25))
def test_huffman_lengths_meet_kraft_with_equality(ps):
    lengths = huffman_code_lengths(ps)
    assert lengths.shape == ps.shape
    assert np.issubdtype(lengths.dtype, np.integer)
    assert (lengths[ps == 0] == 0).all()
    live = lengths[ps > 0]
    if live.size == 1:
        assert live.tolist() == [0]
    else:
        assert (live >= 1).all()
        assert sum(Fraction(1, 2 ** int(length)) for length in live) == 1


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=25, min_positive=2))
def test_huffman_mean_length_is_within_one_bit_of_the_entropy(ps):
    h = entropy(ps)
    mean = float(ps @ huffman_code_lengths(ps))
    assert h - 1e-12 <= mean < h + 1


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=25))
def test_huffman_mean_length_equals_an_independent_huffman_code(ps):
    mean = float(ps @ huffman_code_lengths(ps))
    assert mean == pytest.approx(reference_huffman_mean(ps), rel=1e-12, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=5))
def test_huffman_is_as_short_as_the_best_prefix_code_found_by_brute_force(ps):
    mean = float(ps @ huffman_code_lengths(ps))
    assert mean == pytest.approx(brute_force_prefix_mean(ps), rel=1e-12, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=25), st.sampled_from(STRATEGIES))
def test_no_strategy_asks_fewer_questions_on_average_than_huffman(ps, strategy):
    counts = question_counts(ps, strategy=strategy)
    assert counts.shape == ps.shape
    if strategy == "halving":  # binary search: a full binary tree over all of 1…N
        assert sum(Fraction(1, 2 ** int(c)) for c in counts) == 1
    else:
        assert (counts[ps == 0] == 0).all()
    if strategy != "halving" and np.count_nonzero(ps) >= 2:  # a full tree over the possible
        assert sum(Fraction(1, 2 ** int(c)) for c in counts[ps > 0]) == 1
    mean = expected_questions(ps, strategy=strategy)
    assert mean == pytest.approx(float(ps @ counts), rel=1e-15)
    assert mean >= float(ps @ huffman_code_lengths(ps)) - 1e-12


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=25))
def test_the_median_strategy_is_within_two_questions_of_the_entropy(ps):
    # Weight-balanced questions "is it ≤ k?" cost at most H + 2 (Gilbert–Moore, Mehlhorn).
    h = entropy(ps)
    assert h - 1e-12 <= expected_questions(ps, strategy="median") <= h + 2


@st.composite
def dirichlet_vectors(draw, *, max_size=30):
    """Dirichlet draws with small concentrations: masses from 1 down to 1e-300 (and 0)."""
    size = draw(st.integers(2, max_size))
    alpha = draw(st.floats(0.002, 2.0))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    ws = rng.dirichlet(np.full(size, alpha))
    tiny = draw(st.lists(st.floats(1e-300, 1e-12), min_size=size, max_size=size))
    ws = np.where(rng.random(size) < 0.3, tiny, ws)  # some entries far below the others
    assume(np.count_nonzero(ws) >= 2)
    return ws / ws.sum()


def test_the_median_split_counts_a_tiny_mass_beside_a_dominant_one():
    # Summed in floats, 0.2 + 1e-17 rounds to 0.2, every split looks alike and the first won.
    ps = [0.2, 1e-17, 0.8]
    assert next_question(ps, 1, 3, strategy="median") == 2
    assert question_counts(ps, strategy="median").tolist() == [2, 2, 1]
    assert expected_questions(ps, strategy="median") == pytest.approx(1.2, rel=1e-12)


@settings(max_examples=300, deadline=None)
@given(dirichlet_vectors())
def test_median_questions_lie_between_huffman_and_the_entropy_plus_two(ps):
    # Weight-balanced "is it ≤ k?" questions cost at most H + 2 (Horibe 1977); no code of
    # yes/no questions beats Huffman's, and none beats the entropy.
    h = entropy(ps)
    median = expected_questions(ps, strategy="median")
    huffman = float(ps @ huffman_code_lengths(ps))
    slack = 1e-12 * max(1.0, h)
    assert h - slack <= huffman <= median + slack
    assert median <= h + 2 + slack


@settings(max_examples=100, deadline=None)
@given(dirichlet_vectors(max_size=16))
def test_every_median_question_is_the_most_even_split_exactly(ps):
    exact = [Fraction(float(p)) for p in ps]
    counts = question_counts(ps, strategy="median")
    possible = [v for v in range(1, ps.size + 1) if ps[v - 1] > 0]
    lo, hi = possible[0], possible[-1]
    k = next_question(ps, lo, hi, strategy="median")
    total = sum(exact)

    def gap(j):
        return abs(2 * sum(exact[v - 1] for v in possible if v <= j) - total)

    assert gap(k) == min(gap(j) for j in possible[:-1])
    assert sum(Fraction(1, 2 ** int(c)) for c in counts[ps > 0]) == 1


# ---------------------------------------------------------------- the game's distributions

GAME_CASES = [
    *[("poisson", {"lam": lam}) for lam in (0.5, 1.0, 3.0, 5.0, 20.0, 100.0, 200.0)],
    *[("geometric", {"p": p}) for p in (0.01, 0.05, 0.2, 0.5, 0.9, 1.0)],
]


@pytest.mark.parametrize("n", [10, 100, 1024])
@pytest.mark.parametrize(("name", "params"), GAME_CASES)
def test_questions_on_the_game_distributions_are_bounded_by_the_entropy(name, params, n):
    ps = guessing_distribution(name, n, **params)
    h = entropy(ps)
    huffman = float(ps @ huffman_code_lengths(ps))
    median = expected_questions(ps, strategy="median")
    halving = expected_questions(ps, strategy="halving")
    if h == 0:  # geometric with p = 1: the secret is 1, though binary search cannot know
        assert huffman == median == 0.0
        assert halving == binary_search_counts(n)[0]
        return
    assert h - 1e-12 <= huffman < h + 1
    assert h - 1e-12 <= median <= h + 2
    assert huffman - 1e-12 <= median <= halving + 1e-12


@pytest.mark.parametrize(
    "ps",
    [
        [1e-20, 1.0, 1e-20, 1e-20],
        guessing_distribution("peaked", 1024, centre=500, width=0.1),  # reachable in the app
    ],
    ids=["four-outcomes", "peaked-1024-centre-500-width-0.1"],
)
def test_the_median_strategy_isolates_a_near_certain_outcome_quickly(ps):
    h = entropy(ps)
    assert expected_questions(ps, strategy="median") <= h + 2
    assert expected_questions(ps, strategy="median") <= expected_questions(ps, strategy="halving")


def test_the_median_question_beside_a_near_certain_outcome_is_the_most_even_split():
    assert next_question([1e-20, 1.0, 1e-20, 1e-20], 1, 4, strategy="median") == 2


# ---------------------------------------------------------------- playing the game

PLAYED = [
    [0.7, 0.1, 0.1, 0.1],
    [0.0, 0.4, 0.0, 0.0, 0.1, 0.3, 0.0, 0.2, 0.0],
    guessing_distribution("uniform", 100),
    guessing_distribution("poisson", 100, lam=5.0),
    guessing_distribution("geometric", 100, p=0.2),
    guessing_distribution("peaked", 100, centre=40, width=3.0),
    guessing_distribution("custom", 12, weights=[8, 4, 2, 1, 1, 0, 3, 0, 5, 9, 1, 2]),
]


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("ps", PLAYED, ids=range(len(PLAYED)))
def test_question_counts_are_the_questions_a_played_game_asks(ps, strategy):
    ps = np.asarray(ps)
    secrets = range(1, ps.size + 1)
    # Binary search finds every number of 1…N; the others never look for an impossible one.
    played = [
        play(ps, s, strategy) if ps[s - 1] > 0 or strategy == "halving" else 0 for s in secrets
    ]
    assert question_counts(ps, strategy=strategy).tolist() == played


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("ps", PLAYED[2:], ids=range(2, len(PLAYED)))
def test_the_average_of_2000_games_is_near_the_expected_number_of_questions(ps, strategy):
    rng = np.random.default_rng(2024)
    secrets = rng.choice(ps.size, size=2000, p=ps) + 1
    asked = {int(s): play(ps, int(s), strategy) for s in np.unique(secrets)}  # games repeat
    counts = np.array([asked[s] for s in secrets.tolist()])
    expected = expected_questions(ps, strategy=strategy)
    spread = math.sqrt(ps @ (question_counts(ps, strategy=strategy) - expected) ** 2)
    assert abs(counts.mean() - expected) <= 4 * spread / math.sqrt(counts.size) + 1e-12


def test_a_few_games_on_1024_outcomes_take_ten_questions():
    for strategy in STRATEGIES:
        for secret in (1, 2, 511, 512, 513, 1000, 1024):
            assert play(UNIFORM_1024, secret, strategy) == 10


def test_next_question_examples():
    assert next_question(np.full(8, 1 / 8), 1, 8, strategy="halving") == 4
    assert next_question(np.full(8, 1 / 8), 5, 8, strategy="halving") == 6
    assert next_question(np.full(8, 1 / 8), 1, 8, strategy="median") == 4
    assert next_question([0.7, 0.1, 0.1, 0.1], 1, 4, strategy="median") == 1
    assert question_counts([0.7, 0.1, 0.1, 0.1], strategy="median").tolist() == [1, 3, 3, 2]
    # "possible" halves the range of possible values (1 and 8): at 1; binary search at 4.
    assert next_question([0.5, 0, 0, 0, 0, 0, 0, 0.5], 1, 8, strategy="possible") == 1
    assert next_question([0.5, 0, 0, 0, 0, 0, 0, 0.5], 1, 8, strategy="halving") == 4
    assert next_question([0.5, 0.25, 0.25], 1, 3, strategy="median") == 1


@st.composite
def ranges(draw):
    ps = draw(probability_vectors(min_size=2, max_size=20))
    lo = draw(st.integers(1, ps.size))
    hi = draw(st.integers(lo, ps.size))
    return ps, lo, hi


@settings(max_examples=60, deadline=None)
@given(ranges(), st.sampled_from(STRATEGIES))
def test_next_question_splits_the_values_still_possible(case, strategy):
    ps, lo, hi = case
    possible = possible_values(ps, lo, hi)
    if strategy == "halving":  # binary search: every number of the range counts
        if lo == hi:
            with pytest.raises(InformationError, match="hold a single number"):
                next_question(ps, lo, hi, strategy=strategy)
        else:
            assert next_question(ps, lo, hi, strategy=strategy) == (lo + hi) // 2
        return
    if len(possible) < 2:
        with pytest.raises(InformationError, match="hold fewer than two possible values"):
            next_question(ps, lo, hi, strategy=strategy)
        return
    k = next_question(ps, lo, hi, strategy=strategy)
    assert isinstance(k, int)
    assert lo <= k < hi
    assert any(v <= k for v in possible)
    assert any(v > k for v in possible)
    if strategy == "median":  # the split leaves the most even probability on the two sides
        exact = [Fraction(float(p)) for p in ps]
        total = sum(exact[v - 1] for v in possible)

        def gap(j):
            below = sum(exact[v - 1] for v in possible if v <= j)
            return abs(2 * below - total)

        assert gap(k) <= min(gap(j) for j in possible[:-1]) + Fraction(1, 10**12)


@pytest.mark.parametrize(
    ("ps", "lo", "hi"),
    [
        ([1.0], 1, 1),
        ([0.5, 0.5], 1, 1),
        ([0.5, 0.5], 2, 2),
        ([0.5, 0.0, 0.0, 0.5], 2, 4),
    ],
)
@pytest.mark.parametrize("strategy", SKIPPING)
def test_next_question_refuses_a_range_with_fewer_than_two_possible_values(ps, lo, hi, strategy):
    message = f"outcomes {lo}…{hi} hold fewer than two possible values: nothing to ask"
    with pytest.raises(InformationError, match=re.escape(message)):
        next_question(ps, lo, hi, strategy=strategy)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_next_question_refuses_a_range_starting_below_outcome_1(strategy):
    with pytest.raises(InformationError):
        next_question(np.full(4, 0.25), -2, 4, strategy=strategy)


# ---------------------------------------------------------------- softmax


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(-700, 700), min_size=1, max_size=50),
    st.floats(-300, 300),
)
def test_softmax_sums_to_1_matches_scipy_and_ignores_a_shift(logits, shift):
    ps = softmax(logits)
    assert ps.shape == (len(logits),)
    assert (ps >= 0).all()
    assert ps.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(ps, special.softmax(np.array(logits)), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(softmax(np.array(logits) + shift), ps, rtol=1e-9, atol=1e-12)


def test_softmax_of_small_logits_is_exp_over_its_sum():
    logits = np.array([1.0, 2.0, 3.0, -1.0])
    np.testing.assert_allclose(softmax(logits), np.exp(logits) / np.exp(logits).sum(), rtol=1e-14)
    assert softmax([0.0, 0.0, 0.0, 0.0]).tolist() == [0.25] * 4
    assert softmax([42.0]).tolist() == [1.0]


@pytest.mark.parametrize(
    ("logits", "expected"),
    [
        ([1000.0, -1000.0, 0.0], [1.0, 0.0, 0.0]),
        ([1000.0, 1000.0], [0.5, 0.5]),
        ([-1000.0, -1000.0], [0.5, 0.5]),
        ([-1000.0, -999.0], [1 / (1 + math.e), math.e / (1 + math.e)]),
    ],
)
def test_softmax_of_huge_logits_stays_finite_without_warnings(logits, expected):
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        ps = softmax(logits)
    assert np.isfinite(ps).all()
    np.testing.assert_allclose(ps, expected, rtol=1e-12, atol=1e-300)


def test_softmax_of_the_largest_finite_logits_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ps = softmax([1e308, -1e308])
    assert ps.tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("logits", "message"),
    [
        ([0.0, math.nan], "logits must be finite numbers"),
        ([math.inf, 0.0], "logits must be finite numbers"),
        ([], "logits must be a non-empty list of numbers"),
        ([[1.0, 2.0], [3.0, 4.0]], "logits must be a non-empty list of numbers"),
        (3.0, "logits must be a non-empty list of numbers"),
        (["a", "b"], "logits must be a list of numbers"),
        ([[1.0], [2.0, 3.0]], "logits must be a list of numbers"),
    ],
)
def test_softmax_rejects_logits_it_cannot_use(logits, message):
    with pytest.raises(InformationError, match=re.escape(message)):
        softmax(logits)


# ---------------------------------------------------------------- guessing_distribution


def game_distribution(name, n):
    if name == "custom":
        return guessing_distribution(name, n, weights=np.arange(1, n + 1))
    return guessing_distribution(name, n)


@pytest.mark.parametrize("n", [1, 2, 10, 1024])
@pytest.mark.parametrize("name", GAME_DISTRIBUTIONS)
def test_every_game_distribution_is_a_probability_vector_of_length_n(name, n):
    ps = game_distribution(name, n)
    assert ps.shape == (n,)
    assert np.isfinite(ps).all()
    assert (ps >= 0).all()
    assert ps.sum() == pytest.approx(1.0, abs=1e-12)
    check_probabilities(ps)


def test_uniform_is_uniform():
    assert guessing_distribution("uniform", 4).tolist() == [0.25] * 4
    np.testing.assert_allclose(guessing_distribution("uniform", 1024), UNIFORM_1024, rtol=1e-15)


@pytest.mark.parametrize("lam", [0.5, 1.0, 5.0, 37.5, 200.0])
@pytest.mark.parametrize("n", [1, 10, 100, 1024])
def test_poisson_is_shifted_so_outcome_k_has_the_mass_of_k_minus_1_events(lam, n):
    ks = np.arange(1, n + 1)
    pmf = stats.poisson.pmf(ks - 1, lam)
    np.testing.assert_allclose(
        guessing_distribution("poisson", n, lam=lam), pmf / pmf.sum(), rtol=1e-10, atol=1e-300
    )


def test_poisson_closed_form():
    lam = 2.0
    pmf = [math.exp(-lam) * lam**j / math.factorial(j) for j in range(6)]
    expected = np.array(pmf) / sum(pmf)
    np.testing.assert_allclose(guessing_distribution("poisson", 6, lam=lam), expected, rtol=1e-13)


@pytest.mark.parametrize("p", [0.01, 0.2, 0.5, 0.99, 1.0])
@pytest.mark.parametrize("n", [1, 10, 100, 1024])
def test_geometric_is_the_try_of_the_first_success(p, n):
    ks = np.arange(1, n + 1)
    pmf = p * (1 - p) ** (ks - 1)
    ps = guessing_distribution("geometric", n, p=p)
    np.testing.assert_allclose(ps, pmf / pmf.sum(), rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(ps, stats.geom.pmf(ks, p) / (1 - (1 - p) ** n), rtol=1e-10)


def test_geometric_with_p_1_is_a_certainty():
    assert guessing_distribution("geometric", 5, p=1.0).tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize(("centre", "width"), [(11, 1.0), (11, 3.0), (11, 0.1), (6, 50.0)])
def test_peaked_is_a_normal_bump_symmetric_about_its_centre(centre, width):
    n = 2 * centre - 1
    ps = guessing_distribution("peaked", n, centre=centre, width=width)
    np.testing.assert_allclose(ps, ps[::-1], rtol=1e-12, atol=1e-300)
    assert int(np.argmax(ps)) == centre - 1
    ks = np.arange(1, n + 1)
    bump = np.exp(-((ks - centre) ** 2) / (2 * width**2))
    np.testing.assert_allclose(ps, bump / bump.sum(), rtol=1e-10, atol=1e-300)


def test_a_peak_beyond_n_leaves_its_tail_without_underflowing():
    ps = guessing_distribution("peaked", 5, centre=1000, width=1.0)
    assert ps.sum() == pytest.approx(1.0)
    assert ps[-1] == pytest.approx(1.0)
    ps = guessing_distribution("poisson", 10, lam=1e4)
    assert ps.sum() == pytest.approx(1.0)
    assert int(np.argmax(ps)) == 9
    ps = guessing_distribution("geometric", 10, p=1e-300)
    np.testing.assert_allclose(ps, np.full(10, 0.1), rtol=1e-12)


APP_SETTINGS = st.fixed_dictionaries(
    {
        "lam": st.floats(0.5, 200.0),
        "p": st.floats(0.01, 1.0),
        "centre": st.integers(1, 1024),
        "width": st.floats(0.1, 100.0),
    }
)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(GAME_DISTRIBUTIONS[:4]), st.integers(1, 1024), APP_SETTINGS)
def test_the_app_settings_always_give_a_probability_vector(name, n, params):
    ps = guessing_distribution(name, n, **params)
    assert ps.shape == (n,)
    assert np.isfinite(ps).all()
    assert ps.sum() == pytest.approx(1.0, abs=1e-12)


def test_custom_divides_the_weights_by_their_total():
    assert guessing_distribution("custom", 5, weights=[8, 4, 2, 1, 1]).tolist() == [
        0.5,
        0.25,
        0.125,
        0.0625,
        0.0625,
    ]
    weights = np.array([3.0, 0.0, 7.5, 1.5])
    np.testing.assert_allclose(
        guessing_distribution("custom", 4, weights=weights), weights / 12.0, rtol=1e-15
    )
    assert guessing_distribution("custom", np.int64(2), weights=(0, 2)).tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    ("name", "n", "kwargs", "message"),
    [
        ("custom", 3, {"weights": [0, 0, 0]}, "weights must not all be 0: at least one outcome"),
        ("custom", 3, {"weights": [1, -1, 2]}, "weights must not be negative"),
        ("custom", 2, {"weights": [1, math.nan]}, "weights must be finite numbers"),
        ("custom", 2, {"weights": [1, math.inf]}, "weights must be finite numbers"),
        ("custom", 3, {"weights": [1, 2]}, "weights must give one number for each of the 3"),
        ("custom", 3, {}, "weights must give one number for each of the 3 outcomes"),
        ("poisson", 5, {"lam": 0}, "lam must be a positive number; got 0"),
        ("poisson", 5, {"lam": -1.5}, "lam must be a positive number; got -1.5"),
        ("poisson", 5, {"lam": math.nan}, "lam must be a positive number; got nan"),
        ("poisson", 5, {"lam": math.inf}, "lam must be a positive number; got inf"),
        ("geometric", 5, {"p": 0}, "p must be above 0 and at most 1; got 0"),
        ("geometric", 5, {"p": 1.5}, "p must be above 0 and at most 1; got 1.5"),
        ("geometric", 5, {"p": -0.2}, "p must be above 0 and at most 1; got -0.2"),
        ("geometric", 5, {"p": math.nan}, "p must be above 0 and at most 1; got nan"),
        ("peaked", 5, {"width": 0}, "width must be a positive number; got 0"),
        ("peaked", 5, {"width": -1.0}, "width must be a positive number; got -1.0"),
        ("peaked", 5, {"width": math.inf}, "width must be a positive number; got inf"),
        ("zipf", 5, {}, "name must be one of uniform, poisson, geometric, peaked, custom; got"),
        ("uniform", 0, {}, "n must be a whole number from 1 to 1,000,000; got 0"),
        ("uniform", -3, {}, "n must be a whole number from 1 to 1,000,000; got -3"),
        ("uniform", MAX_OUTCOMES + 1, {}, "n must be a whole number from 1 to 1,000,000; got"),
        ("uniform", 3.0, {}, "n must be a whole number from 1 to 1,000,000; got 3.0"),
        ("uniform", True, {}, "n must be a whole number from 1 to 1,000,000; got True"),
    ],
)
def test_guessing_distribution_rejects_settings_it_cannot_use(name, n, kwargs, message):
    with pytest.raises(InformationError, match=re.escape(message)):
        guessing_distribution(name, n, **kwargs)


@pytest.mark.parametrize(
    ("name", "n", "kwargs"),
    [
        ("custom", 2, {"weights": [1e308, 1e308]}),
        ("peaked", 5, {"centre": math.nan}),
        ("peaked", 5, {"centre": 10, "width": 1e-200}),
        ("custom", 2, {"weights": [[1.0], [2.0]]}),
        ("custom", 2, {"weights": ["a", "b"]}),
    ],
    ids=["overflowing-weights", "nan-centre", "far-centre-tiny-width", "2d-weights", "text"],
)
def test_guessing_distribution_gives_a_probability_vector_or_an_information_error(name, n, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            ps = guessing_distribution(name, n, **kwargs)
        except InformationError:
            return
    check_probabilities(ps)
    assert ps.shape == (n,)


# ---------------------------------------------------------------- refusing bad input

GOOD = [0.25, 0.75]


def _ps_calls():
    return {
        "entropy": entropy,
        "cross_entropy-ps": lambda ps: cross_entropy(ps, GOOD),
        "kl_divergence-ps": lambda ps: kl_divergence(ps, GOOD),
        "huffman_code_lengths": huffman_code_lengths,
        "question_counts": lambda ps: question_counts(ps, strategy="halving"),
        "expected_questions": lambda ps: expected_questions(ps, strategy="median"),
        "next_question": lambda ps: next_question(ps, 1, 2, strategy="median"),
        "check_probabilities": check_probabilities,
    }


PS_CALLS = _ps_calls()
QS_CALLS = {
    "cross_entropy-qs": lambda qs: cross_entropy(GOOD, qs),
    "kl_divergence-qs": lambda qs: kl_divergence(GOOD, qs),
}
BAD_VECTORS = [
    ([0.5, 0.6], "{name} must sum to 1; they sum to 1.1 (divide each by the total to normalise)"),
    ([0.25, 0.25], "{name} must sum to 1; they sum to 0.5 (divide each by the total to normalise)"),
    ([1.5, -0.5], "{name} must not be negative; {name}[1] = -0.5"),
    ([0.5, math.nan], "{name} must be finite numbers"),
    ([math.inf, 0.0], "{name} must be finite numbers"),
    ([], "{name} must be a non-empty list of probabilities"),
    ([[0.5, 0.5]], "{name} must be a non-empty list of probabilities"),
    (1.0, "{name} must be a non-empty list of probabilities"),
    (["a", "b"], "{name} must be a list of numbers"),
    ([[1.0], [0.5, 0.5]], "{name} must be a list of numbers"),
]


@pytest.mark.parametrize(("vector", "message"), BAD_VECTORS)
@pytest.mark.parametrize("call", PS_CALLS.values(), ids=PS_CALLS.keys())
def test_every_function_refuses_a_ps_that_is_no_probability_vector(call, vector, message):
    with pytest.raises(InformationError, match=re.escape(message.format(name="ps"))):
        call(vector)


@pytest.mark.parametrize(("vector", "message"), BAD_VECTORS)
@pytest.mark.parametrize("call", QS_CALLS.values(), ids=QS_CALLS.keys())
def test_cross_entropy_and_kl_refuse_a_qs_that_is_no_probability_vector(call, vector, message):
    with pytest.raises(InformationError, match=re.escape(message.format(name="qs"))):
        call(vector)


@pytest.mark.parametrize("call", [cross_entropy, kl_divergence])
def test_p_and_q_must_be_over_the_same_outcomes(call):
    message = "ps and qs must be over the same outcomes; got 2 and 3"
    with pytest.raises(InformationError, match=re.escape(message)):
        call([0.5, 0.5], [0.25, 0.25, 0.5])


def test_too_many_outcomes_are_refused():
    with pytest.raises(InformationError, match="ps may have at most 1,000,000 outcomes"):
        entropy(np.full(MAX_OUTCOMES + 1, 1 / (MAX_OUTCOMES + 1)))


def test_check_probabilities_names_the_vector_and_tolerates_round_off():
    assert check_probabilities([1, 0]).dtype == float
    assert check_probabilities([0.1] * 10).sum() == pytest.approx(1.0)
    with pytest.raises(InformationError, match=re.escape("weights[0] = -1")):
        check_probabilities([-1, 2], name="weights")


@pytest.mark.parametrize(
    "call",
    [
        lambda s: question_counts(GOOD, strategy=s),
        lambda s: expected_questions(GOOD, strategy=s),
        lambda s: next_question(GOOD, 1, 2, strategy=s),
    ],
    ids=["question_counts", "expected_questions", "next_question"],
)
@pytest.mark.parametrize("strategy", ["binary", "Median", ""])
def test_an_unknown_strategy_is_refused(call, strategy):
    message = f"strategy must be one of halving, possible, median; got {strategy!r}"
    with pytest.raises(InformationError, match=re.escape(message)):
        call(strategy)


def test_information_error_is_a_value_error():
    assert issubclass(InformationError, ValueError)
    with pytest.raises(ValueError, match="ps must sum to 1"):
        entropy([0.5, 0.6])


@pytest.mark.parametrize(("lo", "hi"), [(2, 1), (0, 2), (1, 5)])
def test_next_question_refuses_a_range_that_is_not_inside_1_to_n(lo, hi):
    with pytest.raises(InformationError, match="lo and hi must satisfy 1 ≤ lo ≤ hi ≤ 4"):
        next_question(np.full(4, 0.25), lo, hi, strategy="halving")


# ---------------------------------------------------------------- outcome by outcome


@settings(max_examples=30, deadline=None)
@given(probability_vectors())
def test_surprisal_is_minus_log2_p_and_averages_to_the_entropy(ps):
    bits = surprisal(ps)
    live = ps > 0
    np.testing.assert_allclose(bits[live], -np.log2(ps[live]), rtol=1e-15)
    assert np.all(bits[~live] == math.inf)
    assert float(ps[live] @ bits[live]) == pytest.approx(entropy(ps), rel=1e-12, abs=1e-12)


def test_surprisal_of_a_certainty_is_0_not_minus_0():
    (bits,) = surprisal([1.0])
    assert bits == 0.0
    assert math.copysign(1, bits) == 1


@settings(max_examples=30, deadline=None)
@given(probability_vectors(max_size=25))
def test_huffman_average_is_the_mean_code_length(ps):
    assert huffman_average(ps) == pytest.approx(reference_huffman_mean(ps), rel=1e-12, abs=1e-15)


def test_huffman_average_of_a_dyadic_distribution_is_its_entropy():
    ps = [0.5, 0.25, 0.125, 0.0625, 0.0625]
    assert huffman_average(ps) == entropy(ps) == 1.875


@pytest.mark.parametrize(
    ("k", "chance"), [(-5, 0.0), (0, 0.0), (1, 0.5), (2, 0.75), (3, 1.0), (10**9, 1.0)]
)
def test_chance_at_most_is_the_distribution_function(k, chance):
    assert chance_at_most([0.5, 0.25, 0.25], k) == chance


@pytest.mark.parametrize("k", [1.5, "2", True, None])
def test_chance_at_most_refuses_a_k_that_is_not_whole(k):
    with pytest.raises(InformationError, match="k must be a whole number"):
        chance_at_most([0.5, 0.5], k)


def test_likeliest_orders_by_probability_keeps_ties_in_order_and_skips_zeros():
    ps = [0.1, 0.3, 0.0, 0.3, 0.2, 0.1]
    assert likeliest(ps, count=6) == [2, 4, 5, 1, 6]
    assert likeliest(ps, count=2) == [2, 4]
    assert likeliest(ps, count=0) == []
    assert likeliest(UNIFORM_1024, count=6) == [1, 2, 3, 4, 5, 6]
    with pytest.raises(InformationError, match="count must be from 0"):
        likeliest(ps, count=-1)


def test_the_binary_entropy_curve_is_symmetric_peaks_at_a_half_and_is_0_at_the_ends():
    p, bits = binary_entropy_curve()
    assert p.size == bits.size == 201
    assert p[0] == 0.0
    assert p[-1] == 1.0
    assert (bits[0], bits[100], bits[-1]) == (0.0, 1.0, 0.0)
    np.testing.assert_allclose(bits, bits[::-1], atol=1e-15)
    expected = [stats.entropy([x, 1 - x], base=2) for x in p]
    np.testing.assert_allclose(bits, expected, rtol=1e-12, atol=1e-15)
    assert bits.tolist() == [entropy([x, 1 - x]) for x in p]  # the same numbers as entropy
    with pytest.raises(InformationError, match="points must be from 2"):
        binary_entropy_curve(points=1)


def test_normalised_divides_by_the_total():
    assert normalised([4, 2, 1, 1]).tolist() == [0.5, 0.25, 0.125, 0.125]
    huge = normalised([1e308, 1e308, 2e307])  # their total overflows
    np.testing.assert_allclose(huge, [1 / 2.2, 1 / 2.2, 0.2 / 2.2], rtol=1e-15)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0, 0, 0, 0], "The weights of P are all 0: give at least one outcome a chance"),
        ([1, -1], "the weights of P must be finite numbers of at least 0"),
        ([1, math.nan], "the weights of P must be finite numbers of at least 0"),
        ([], "the weights of P must be a non-empty list of numbers"),
        (["x"], "the weights of P must be numbers"),
    ],
)
def test_normalised_refuses_weights_that_describe_no_distribution(weights, message):
    with pytest.raises(InformationError, match=re.escape(message)):
        normalised(weights, name="P")


def test_ruled_out_names_where_q_is_0_and_p_is_not():
    p, q = [0.5, 0.25, 0.25, 0.0], [0.5, 0.5, 0.0, 0.0]
    assert ruled_out(p, q) == [2]
    assert ruled_out(q, p) == []
    assert ruled_out(p, p) == []
    assert math.isinf(kl_divergence(p, q))
    assert math.isfinite(kl_divergence(q, p))


@pytest.mark.parametrize(
    "z", [[2.0, 1.0, 0.0, -1.0], [-2.0, 8.0, 0.0, 0.0], [1000.0, -1000.0, 0.0, 0.0]]
)
def test_classifier_loss_is_minus_log_softmax_in_nats_or_bits(z):
    for t in range(len(z)):
        nats = -float(special.log_softmax(z)[t])
        assert classifier_loss(z, t) == pytest.approx(nats, rel=1e-12)
        assert classifier_loss(z, t, base=2) == pytest.approx(nats / LN2, rel=1e-12)


def test_classifier_loss_of_a_class_far_below_the_top_is_finite():
    assert classifier_loss([1000.0, -1000.0, 0.0, 0.0], 1) == pytest.approx(2000)
    assert classifier_loss([1000.0, -1000.0], 0) == 0.0  # not −0


@pytest.mark.parametrize("t", [-1, 4, 1.0])
def test_classifier_loss_refuses_a_class_that_is_not_there(t):
    with pytest.raises(InformationError, match="true_class must be"):
        classifier_loss([0.0, 0.0, 0.0, 0.0], t)


# ---------------------------------------------------------------- the game's rounds


def test_a_round_starts_with_every_number_of_positive_probability():
    game = Round.start([0.0, 0.5, 0.0, 0.5, 0.0], 4)
    assert game.possible == (2, 4)
    assert (game.low, game.high, game.middle) == (2, 4, 3)
    assert game.asked == ()
    assert game.questions == 0
    assert not game.settled
    assert not game.found


@pytest.mark.parametrize("secret", [0, 6, 1, 2.0])
def test_a_round_refuses_a_secret_that_cannot_come_up(secret):
    with pytest.raises(InformationError, match="secret must"):
        Round.start([0.0, 0.5, 0.0, 0.5, 0.0], secret)


@pytest.mark.parametrize("secret", range(1, 9))
def test_halving_by_hand_finds_every_secret_of_eight_in_three_questions(secret):
    game = Round.start(np.full(8, 1 / 8), secret)
    while not game.settled:
        game = game.ask(game.middle)
    assert game.possible == (secret,)
    assert game.found
    assert game.questions == 3
    assert [yes for _, yes in game.asked] == [secret <= k for k, _ in game.asked]


def test_an_answer_keeps_only_the_numbers_it_allows():
    ps = [0.1, 0.0, 0.3, 0.2, 0.0, 0.4]
    game = Round.start(ps, 4)
    yes = game.ask(4)
    assert yes.asked == ((4, True),)
    assert yes.possible == (1, 3, 4)
    no = yes.ask(1)
    assert no.asked == ((4, True), (1, False))
    assert (no.low, no.high) == (3, 4)
    assert game.possible == (1, 3, 4, 6)  # the earlier round is unchanged


@pytest.mark.parametrize("k", [0, 2, 3, 5, 6])
def test_a_question_that_cannot_split_what_is_left_is_refused_and_not_counted(k):
    game = Round.start([0.0, 0.0, 0.25, 0.25, 0.25, 0.25], 4).ask(4).ask(3)  # 4 is left
    assert game.found
    game = Round.start([0.0, 0.0, 0.25, 0.25, 0.25, 0.25], 4)
    splits = 3 <= k < 6
    assert game.can_split(k) == splits
    if splits:
        assert game.ask(k).questions == 1
    else:
        with pytest.raises(InformationError, match="choose it from 3 to 5"):
            game.ask(k)


def test_a_round_of_one_possible_number_is_settled_but_not_found():
    game = Round.start([0.0, 1.0, 0.0], 2)
    assert game.settled
    assert not game.found
    assert not game.can_split(2)
    with pytest.raises(InformationError):
        record_round((), game)


def test_what_is_left_is_ps_renormalised_on_the_numbers_still_possible():
    ps = np.array([0.1, 0.2, 0.3, 0.4])
    game = Round.start(ps, 3)
    np.testing.assert_array_equal(game.left(ps), ps / ps.sum())
    left = game.ask(2).left(ps)
    np.testing.assert_allclose(left, [0, 0, 3 / 7, 4 / 7], rtol=1e-15)
    assert left.sum() == pytest.approx(1.0)
    assert entropy(game.ask(3).ask(2).left(ps)) == 0.0


def test_a_drawn_secret_follows_ps_and_the_seed():
    ps = guessing_distribution("poisson", 1024, lam=5.0)
    drawn = [Round.draw(ps, seed=s).secret for s in range(300)]
    assert drawn == [Round.draw(ps, seed=s).secret for s in range(300)]
    assert drawn == [int(np.random.default_rng(s).choice(1024, p=ps)) + 1 for s in range(300)]
    assert all(ps[d - 1] > 0 for d in drawn)
    assert np.mean(drawn) == pytest.approx(6.0, abs=0.5)  # 1 + Poisson(5)
    big = 2**127 + 12345  # the game's seeds are 128 random bits
    assert Round.draw(ps, seed=big).secret == Round.draw(ps, seed=big).secret
    with pytest.raises(InformationError, match="seed must be from 0"):
        Round.draw(ps, seed=-1)


def test_found_rounds_are_recorded_and_averaged():
    found = Round.start([0.5, 0.5], 2).ask(1)
    history = record_round((), found)
    assert history == (1,)
    history = record_round((10, 7), found)
    assert history == (10, 7, 1)
    assert mean_questions(history) == 6.0
    assert mean_questions((10, 7)) == 8.5
    assert math.isnan(mean_questions(()))


# ---------------------------------------------------------------- the computer players


@pytest.mark.parametrize("ps", PLAYED, ids=range(len(PLAYED)))
def test_strategy_counts_are_each_players_questions(ps):
    counts = strategy_counts(ps)
    assert tuple(counts) == PLAYERS
    for strategy in STRATEGIES:
        assert counts[strategy].tolist() == question_counts(ps, strategy=strategy).tolist()
    assert counts["huffman"].tolist() == huffman_code_lengths(ps).tolist()


@pytest.mark.parametrize("ps", PLAYED, ids=range(len(PLAYED)))
def test_expected_counts_are_the_exact_expectations(ps):
    exact = expected_counts(ps, strategy_counts(ps))
    for strategy in STRATEGIES:
        assert exact[strategy] == pytest.approx(
            expected_questions(ps, strategy=strategy), rel=1e-12
        )
    assert exact["huffman"] == pytest.approx(reference_huffman_mean(ps), rel=1e-12)
    assert exact["huffman"] == huffman_average(ps)


def test_simulated_counts_are_the_seeds_draws_and_near_the_expectation():
    ps = guessing_distribution("poisson", 1024, lam=5.0)
    counts = strategy_counts(ps)
    mine = {s: counts[s] for s in STRATEGIES}
    simulated = simulated_counts(ps, mine, seed=7, games=10_000)
    drawn = np.random.default_rng(7).choice(ps.size, size=10_000, p=ps)
    assert simulated == {s: float(counts[s][drawn].mean()) for s in STRATEGIES}
    assert simulated == simulated_counts(ps, mine, seed=7, games=10_000)
    assert simulated != simulated_counts(ps, mine, seed=8, games=10_000)
    exact = expected_counts(ps, mine)
    for s in STRATEGIES:
        spread = math.sqrt(ps @ (counts[s] - exact[s]) ** 2)
        assert abs(simulated[s] - exact[s]) <= 4 * spread / 100


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seed": -1, "games": 10}, "seed must be from 0"),
        ({"seed": 1.5, "games": 10}, "seed must be a whole number"),
        ({"seed": 1, "games": 0}, "games must be from 1"),
        ({"seed": 1, "games": MAX_GAMES + 1}, "games must be from 1"),
    ],
)
def test_simulated_counts_refuse_bad_knobs(kwargs, message):
    with pytest.raises(InformationError, match=message):
        simulated_counts([0.5, 0.5], {"halving": [1, 1]}, **kwargs)


@pytest.mark.parametrize("call", [expected_counts, simulated_counts])
def test_counts_must_give_one_number_per_outcome(call):
    knobs = {"seed": 1, "games": 10} if call is simulated_counts else {}
    with pytest.raises(InformationError, match="'halving' has 3, not 2"):
        call([0.5, 0.5], {"halving": [1, 1, 1]}, **knobs)


# ---------------------------------------------------------------- entropy as an area


@settings(max_examples=40, deadline=None)
@given(probability_vectors(n=6), probability_vectors(n=6, zeros=False))
def test_kl_terms_sum_to_scipys_divergence_and_are_p_log_p_over_q(ps, qs):
    terms = kl_terms(ps, qs)
    assert terms.shape == (6,)
    assert terms.sum() == pytest.approx(stats.entropy(ps, qs, base=2), rel=1e-9, abs=1e-12)
    live = ps > 0
    np.testing.assert_allclose(terms[live], ps[live] * np.log2(ps[live] / qs[live]), rtol=1e-12)
    assert np.all(terms[~live] == 0.0)
    # Negative exactly where Q expects the outcome more than P makes it.
    assert np.all((terms < 0) == (live & (qs > ps)))


def test_kl_terms_are_infinite_only_where_q_misses_what_p_allows():
    terms = kl_terms([0.25, 0.25, 0.5, 0.0], [0.5, 0.0, 0.5, 0.0])
    assert terms.tolist() == [-0.25, math.inf, 0.0, 0.0]


@settings(max_examples=40, deadline=None)
@given(probability_vectors(n=5), probability_vectors(n=5, zeros=False))
def test_code_bar_areas_are_the_entropy_the_cross_entropy_and_their_gap_the_kl(ps, qs):
    own, coded = code_bars(ps), code_bars(ps, qs)
    assert own.area.sum() == pytest.approx(stats.entropy(ps, base=2), rel=1e-9, abs=1e-12)
    assert coded.area.sum() == pytest.approx(cross_entropy(ps, qs), rel=1e-9, abs=1e-12)
    assert coded.own_area.sum() == pytest.approx(entropy(ps), rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(coded.area - coded.own_area, kl_terms(ps, qs), atol=1e-12)
    # The bars tile [0, 1]: each starts where the one before ends.
    np.testing.assert_allclose(coded.left + coded.width, np.cumsum(ps), atol=1e-15)
    assert coded.left[0] == 0.0
    np.testing.assert_allclose(coded.length, -np.log2(qs), rtol=1e-12)


def test_code_bars_of_a_dyadic_distribution_are_its_whole_code_lengths():
    bars = code_bars([0.5, 0.25, 0.125, 0.125, 0.0])
    assert bars.left.tolist() == [0.0, 0.5, 0.75, 0.875, 1.0]
    assert bars.own[:4].tolist() == [1.0, 2.0, 3.0, 3.0]
    assert bars.area.tolist() == [0.5, 0.5, 0.375, 0.375, 0.0]  # an impossible outcome: no area
    assert float(bars.area.sum()) == 1.75


def test_code_bars_against_a_q_that_misses_an_outcome_have_infinite_area():
    bars = code_bars([0.5, 0.5], [1.0, 0.0])
    assert bars.length.tolist() == [0.0, math.inf]
    assert bars.area.tolist() == [0.0, math.inf]


def test_code_bars_refuse_p_and_q_over_different_outcomes():
    with pytest.raises(InformationError, match="same outcomes; got 2 and 3"):
        code_bars([0.5, 0.5], [0.2, 0.3, 0.5])


# ---------------------------------------------------------------- the game's cut-off and tree


def test_playable_drops_only_chances_below_the_cut_off_and_renormalises():
    ps = np.array([0.6, 0.4 - 2e-13, 1e-13, 1e-13, 0.0])
    kept = playable(ps)
    assert kept[2:].tolist() == [0.0, 0.0, 0.0]
    assert kept.sum() == pytest.approx(1.0, abs=1e-15)
    assert kept[0] / kept[1] == pytest.approx(0.6 / (0.4 - 2e-13), rel=1e-15)
    assert PLAYABLE == 1e-12


def test_playable_poisson_and_nearly_certain_games_keep_the_numbers_above_one_in_a_trillion():
    poisson = guessing_distribution("poisson", 1024, lam=5.0)
    kept = np.flatnonzero(playable(poisson)) + 1
    # Outcome k has the chance of k − 1 Poisson(5) events.
    last = max(k for k in range(1, 1025) if stats.poisson.pmf(k - 1, 5.0) >= PLAYABLE)
    assert kept.tolist() == list(range(1, last + 1))
    peaked = guessing_distribution("peaked", 1024, centre=700, width=0.3)
    assert (np.flatnonzero(playable(peaked)) + 1).tolist() == [698, 699, 700, 701, 702]


def test_question_tree_follows_the_answers_down_the_ranges():
    nodes = question_tree(1, 1024, [(512, False), (768, True), (640, True)])
    rows = [(n.depth, n.low, n.high, n.answer, n.taken) for n in nodes]
    assert rows == [
        (0, 1, 1024, "start", True),
        (1, 1, 512, "yes", False),
        (1, 513, 1024, "no", True),
        (2, 513, 768, "yes", True),
        (2, 769, 1024, "no", False),
        (3, 513, 640, "yes", True),
        (3, 641, 768, "no", False),
    ]


def test_question_tree_of_a_played_round_ends_on_the_secret():
    game = Round.start(np.full(100, 0.01), 37)
    while not game.settled:
        game = game.ask(game.middle)
    nodes = question_tree(1, 100, game.asked)
    last = [n for n in nodes if n.taken][-1]
    assert (last.low, last.high) == (37, 37)
    assert len(nodes) == 1 + 2 * game.questions
    assert game.questions == binary_search_counts(100)[36]


@pytest.mark.parametrize(
    ("low", "high", "asked", "message"),
    [
        (5, 4, [], "high must be at least low; got 5…4"),
        (1, 8, [(8, True)], "k = 8 is not in 1…7"),
        (1, 8, [(4, True), (5, False)], "k = 5 is not in 1…3"),
        (0, 8, [], "low must be from 1"),
    ],
)
def test_question_tree_refuses_questions_outside_their_range(low, high, asked, message):
    with pytest.raises(InformationError, match=re.escape(message)):
        question_tree(low, high, asked)


# ---------------------------------------------------------------- mass_outside


@settings(max_examples=60, deadline=None)
@given(lam=st.floats(0.5, 200.0), n=st.integers(1, 1024))
def test_mass_outside_a_poisson_is_its_upper_tail_from_n_events(lam, n):
    inside = float(stats.poisson.pmf(np.arange(n), lam).sum())
    assert mass_outside("poisson", n, lam=lam) == pytest.approx(1 - inside, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(p=st.floats(0.01, 1.0), n=st.integers(1, 1024))
def test_mass_outside_a_geometric_is_no_success_in_n_tries(p, n):
    assert mass_outside("geometric", n, p=p) == pytest.approx((1 - p) ** n, rel=1e-9, abs=1e-300)


def test_mass_outside_a_peaked_distribution_is_the_normals_mass_beyond_the_half_steps():
    # Centred at 4.5 on 1…8 with σ = 1: both tails beyond 0.5 and 8.5 are 4σ away.
    assert mass_outside("peaked", 8, centre=4.5, width=1.0) == pytest.approx(
        2 * stats.norm.sf(4.0), rel=1e-12
    )
    # A peak beyond N leaves more than half outside.
    assert mass_outside("peaked", 8, centre=10, width=3.0) > 0.5


@pytest.mark.parametrize("name", ["uniform", "custom"])
def test_uniform_and_custom_weights_lose_nothing_at_n(name):
    assert mass_outside(name, 5) == 0.0


def test_poisson_200_on_1_to_30_is_almost_all_cut():
    # The cut distribution still sums to 1, yet nearly all of Poisson(200) lies beyond 30.
    outside = mass_outside("poisson", 30, lam=200.0)
    assert outside >= 1 - 1e-15
    assert float(guessing_distribution("poisson", 30, lam=200.0)[-1]) > 0.8


@pytest.mark.parametrize(
    ("name", "n", "kwargs", "message"),
    [
        ("poisson", 10, {"lam": 0.0}, "lam must be a positive number"),
        ("geometric", 10, {"p": 0.0}, "p must be above 0 and at most 1"),
        ("peaked", 10, {"width": -1.0}, "width must be a positive number"),
        ("zipf", 10, {}, "name must be one of"),
        ("uniform", 0, {}, "n must be a whole number"),
        ("uniform", 2.5, {}, "n must be a whole number"),
    ],
)
def test_mass_outside_rejects_what_guessing_distribution_rejects(name, n, kwargs, message):
    with pytest.raises(InformationError, match=message):
        mass_outside(name, n, **kwargs)


def test_the_loss_curve_is_minus_ln_q_from_near_zero_to_one():
    qs, nats = it.loss_curve(points=400, smallest=1e-6)
    assert qs.shape == nats.shape == (400,)
    assert (qs[0], qs[-1]) == (pytest.approx(1e-6), 1.0)
    np.testing.assert_allclose(nats, -np.log(qs), rtol=1e-12)
    assert np.all(np.diff(qs) > 0)
    assert nats[0] == pytest.approx(6 * math.log(10))  # −ln 10⁻⁶ ≈ 13.8 nats
    # Half the points where the curve bends hardest, below q = 0.05.
    assert np.count_nonzero(qs < 0.05) == 200


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"smallest": 0.0}, "smallest must be between 0 and 0.05"), ({"points": 3}, "points must")],
)
def test_the_loss_curve_refuses_a_grid_it_cannot_draw(kwargs, message):
    with pytest.raises(it.InformationError, match=message):
        it.loss_curve(**kwargs)
