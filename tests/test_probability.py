import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

from mathviz import probability as pr
from mathviz.probability import (
    DISCRETE,
    FAMILIES,
    HIDDEN_RANGES,
    LIKELIHOOD_DROP_95,
    LIKELIHOOD_VIEW,
    MAX_FLIPS,
    MLE_FAMILIES,
    STREAK_LENGTHS,
    Frequencies,
    ProbabilityError,
    bayes_posterior,
    belief_path,
    check_probabilities,
    check_sample,
    coin_flips,
    coin_run,
    density_histogram,
    distribution,
    expected_value,
    game_run,
    heads_in_tens,
    hidden_sample,
    hidden_truth,
    likelihood_grid,
    likelihood_interval,
    log1pmx,
    log_likelihood,
    log_likelihood_curve,
    log_likelihood_drop,
    log_points,
    mean_band,
    mean_log_loss,
    mle,
    natural_frequencies,
    normalise,
    parse_sample,
    play,
    pool_coin_runs,
    running_mean,
    running_mean_at,
    sample,
    sample_moments,
    streak_counts,
    streak_follow_rate,
    streak_shares,
    summarise_game,
    support_points,
    value_shares,
    variance,
)

MILLION = 10**6
DICE_VALUES = [300, 300, -200, -200, -200, -200]  # win 300 on faces 1–2, lose 200 on 3–6


def bits(max_size=300):
    """Random 0/1 lists of 1 … max_size flips (past the 64- and 128-flip word boundaries)."""
    return st.lists(st.integers(0, 1), min_size=1, max_size=max_size)


def naive_streaks(flips, k):
    """Followers of k tails in a row, and how many of them are heads, by a plain loop."""
    followers = heads = 0
    for i in range(k, len(flips)):
        if all(flip == 0 for flip in flips[i - k : i]):
            followers += 1
            heads += flips[i]
    return followers, heads


# ---------------------------------------------------------------- coin flips


def test_coin_flips_are_int8_zeros_and_ones_of_the_requested_length():
    flips = coin_flips(1000, p=0.3, seed=0)
    assert flips.dtype == np.int8
    assert flips.shape == (1000,)
    assert set(np.unique(flips).tolist()) == {0, 1}


def test_one_flip_is_an_array_of_one():
    assert coin_flips(1, seed=0).shape == (1,)


def test_the_same_int_seed_gives_the_same_flips_and_another_seed_other_flips():
    assert np.array_equal(coin_flips(500, seed=7), coin_flips(500, seed=7))
    assert np.array_equal(coin_flips(500, p=0.2, seed=np.int64(7)), coin_flips(500, p=0.2, seed=7))
    assert not np.array_equal(coin_flips(500, seed=7), coin_flips(500, seed=8))


def test_p_zero_never_gives_heads_and_p_one_always_does():
    assert not coin_flips(100_000, p=0.0, seed=1).any()
    assert coin_flips(100_000, p=1.0, seed=1).all()


def test_a_generator_is_used_as_given_and_its_state_advances():
    rng = np.random.default_rng(5)
    first = coin_flips(64, seed=rng)
    second = coin_flips(64, seed=rng)
    assert not np.array_equal(first, second)  # the generator moved on
    assert np.array_equal(first, coin_flips(64, seed=5))  # the int 5 means default_rng(5)
    fresh = np.random.default_rng(5)
    fresh.random(64, dtype=np.float32)
    assert np.array_equal(second, (fresh.random(64, dtype=np.float32) < 0.5).astype(np.int8))


def test_no_seed_gives_fresh_flips():
    assert not np.array_equal(coin_flips(256), coin_flips(256))  # 2**-256 chance to be equal


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (0, "n must be a whole number from 1 to 100,000,000; got 0"),
        (-3, "got -3"),
        (MAX_FLIPS + 1, "got 100000001"),
        (10.0, "got 10.0"),
        (True, "got True"),
    ],
)
def test_coin_flips_rejects_a_bad_count(n, message):
    with pytest.raises(ProbabilityError, match=message):
        coin_flips(n)


@pytest.mark.parametrize(("p", "shown"), [(-0.1, "-0.1"), (1.5, "1.5"), (math.nan, "nan")])
def test_coin_flips_rejects_p_outside_zero_to_one(p, shown):
    with pytest.raises(
        ProbabilityError, match=f"p must be a probability between 0 and 1; got {shown}"
    ):
        coin_flips(10, p=p)


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        (-1, "seed must be a non-negative integer; got -1"),
        (np.int64(-2), "seed must be a non-negative integer; got -2"),
        (1.0, "seed must be an integer, a Generator or None; got 1.0"),
        (True, "seed must be an integer, a Generator or None; got True"),
        ("7", "seed must be an integer, a Generator or None; got '7'"),
    ],
)
def test_coin_flips_rejects_a_bad_seed(seed, message):
    with pytest.raises(ProbabilityError, match=message):
        coin_flips(10, seed=seed)


def test_probability_error_is_a_value_error():
    with pytest.raises(ValueError, match="n must be a whole number"):
        coin_flips(0)


# ---------------------------------------------------------------- running means


def test_running_mean_of_a_short_list():
    assert running_mean([1, 0, 0, 1]).tolist() == [1.0, 0.5, 1 / 3, 0.5]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=200))
def test_running_mean_matches_a_direct_loop(xs):
    expected = [sum(xs[: i + 1]) / (i + 1) for i in range(len(xs))]
    result = running_mean(xs)
    assert result.shape == (len(xs),)
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-12)


def test_running_mean_of_int8_flips_does_not_overflow():
    flips = np.ones(1000, dtype=np.int8)
    assert running_mean(flips)[-1] == 1.0
    np.testing.assert_allclose(
        running_mean(flips), np.cumsum(flips, dtype=float) / np.arange(1, 1001)
    )


@pytest.mark.parametrize("xs", [[], [[0, 1], [1, 0]]])
def test_running_mean_rejects_an_empty_or_two_dimensional_input(xs):
    with pytest.raises(ProbabilityError, match="xs must be a non-empty 1-D array; got shape"):
        running_mean(xs)


@st.composite
def flips_and_counts(draw, *, through_the_end):
    flips = draw(bits(300))
    ns = draw(st.lists(st.integers(1, len(flips)), min_size=1, unique=True))
    ns = sorted(ns)
    if through_the_end and ns[-1] != len(flips):
        ns.append(len(flips))
    return flips, ns


@settings(max_examples=80, deadline=None)
@given(flips_and_counts(through_the_end=True))
def test_running_mean_at_equals_the_running_mean_at_those_counts(case):
    flips, ns = case
    result = running_mean_at(np.array(flips, dtype=np.int8), ns)
    assert result.shape == (len(ns),)
    np.testing.assert_allclose(result, running_mean(flips)[np.array(ns) - 1], rtol=1e-12)


def test_running_mean_at_log_points_of_many_flips_matches_the_whole_series():
    flips = coin_flips(100_000, seed=3)
    ns = log_points(flips.size, count=300)
    np.testing.assert_allclose(running_mean_at(flips, ns), running_mean(flips)[ns - 1], rtol=1e-12)


def test_running_mean_at_counts_that_stop_before_the_end():
    # running_mean([1, 0, 0, 1]) is [1, 0.5, 1/3, 0.5]; the mean of the first 2 values is 0.5.
    assert running_mean_at([1, 0, 0, 1], [1, 2]).tolist() == [1.0, 0.5]


def test_running_mean_at_equals_the_running_mean_for_any_increasing_counts():
    rng = np.random.default_rng(17)
    wrong = []
    for _ in range(200):
        flips = rng.integers(0, 2, int(rng.integers(1, 301)))
        ns = np.unique(rng.integers(1, flips.size + 1, int(rng.integers(1, 20))))
        if not np.allclose(running_mean_at(flips, ns), running_mean(flips)[ns - 1]):
            wrong.append((flips.size, ns[-1]))
    assert wrong == []


@pytest.mark.parametrize(
    "ns",
    [[0, 2], [1, 5], [2, 2], [3, 1], [], [[1, 2]]],
    ids=["starts-at-0", "past-the-end", "repeats", "decreases", "empty", "two-dimensional"],
)
def test_running_mean_at_rejects_counts_that_do_not_increase_from_1_to_n(ns):
    with pytest.raises(
        ProbabilityError,
        match=r"ns must be whole numbers increasing strictly from 1 up to len\(xs\) = 4",
    ):
        running_mean_at([1, 0, 0, 1], ns)


def test_running_mean_at_rejects_empty_xs():
    with pytest.raises(ProbabilityError, match="xs must be a non-empty 1-D array"):
        running_mean_at([], [1])


@pytest.mark.parametrize("p", [0.5, 0.1, 0.3, 0.9])
def test_law_of_large_numbers_the_mean_of_a_million_flips_is_within_5_sigma_of_p(p):
    flips = coin_flips(MILLION, p=p, seed=2024)
    sigma = math.sqrt(p * (1 - p) / MILLION)  # 0.5 / sqrt(n) for a fair coin
    assert abs(running_mean(flips)[-1] - p) < 5 * sigma
    # And at every log-spaced checkpoint from 10 000 flips on, the error shrinks like 1/sqrt(n).
    ns = log_points(MILLION, count=200)
    ns = ns[ns >= 10_000]
    errors = np.abs(running_mean_at(flips, ns) - p)
    assert np.all(errors < 5 * np.sqrt(p * (1 - p) / ns))


def test_the_running_mean_wanders_more_early_than_late():
    flips = coin_flips(MILLION, seed=11)
    means = running_mean(flips)
    assert np.abs(means[:100] - 0.5).max() > 10 * np.abs(means[-1000:] - 0.5).max()


# ---------------------------------------------------------------- log points


@pytest.mark.parametrize("n", [1, 2, 10, 1999, 2000, 2001, 10**7])
def test_log_points_start_at_1_end_at_n_and_increase_through_whole_numbers(n):
    points = log_points(n)
    assert np.issubdtype(points.dtype, np.integer)
    assert points[0] == 1
    assert points[-1] == n
    assert np.all(np.diff(points) > 0)
    assert 1 <= points.size <= 2000


@pytest.mark.parametrize("n", [1, 2, 10, 1999, 2000])
def test_log_points_use_every_number_up_to_count(n):
    assert log_points(n).tolist() == list(range(1, n + 1))


@pytest.mark.parametrize(("n", "count"), [(10**7, 500), (10**5, 2), (10**5, 3), (50, 10)])
def test_log_points_respect_a_smaller_count(n, count):
    points = log_points(n, count=count)
    assert points.size <= count
    assert (points[0], points[-1]) == (1, n)
    assert np.all(np.diff(points) > 0)


def test_log_points_are_evenly_spread_on_a_log_scale_where_they_are_sparse():
    points = log_points(10**7, count=500)
    ratios = points[1:] / points[:-1]
    big = points[1:] > 10**4  # past the crowded small integers, every step is the same ratio
    np.testing.assert_allclose(ratios[big], ratios[big].mean(), rtol=1e-3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, "n must be a whole number from 1 to 100,000,000; got 0"),
        ({"n": 10, "count": 1}, "count must be a whole number from 2 to"),
    ],
)
def test_log_points_reject_bad_arguments(kwargs, message):
    with pytest.raises(ProbabilityError, match=message):
        log_points(**kwargs)


# ---------------------------------------------------------------- streaks


def test_streak_counts_of_a_short_sequence():
    followers, heads = streak_counts([0, 0, 1, 0, 0, 0], [1, 2])
    assert followers.tolist() == [4, 2]
    assert heads.tolist() == [1, 1]
    assert followers.dtype == heads.dtype == np.int64


@settings(max_examples=120, deadline=None)
@given(bits(300), st.lists(st.integers(1, 12), min_size=1, max_size=5))
def test_streak_counts_match_a_naive_loop(flips, ks):
    followers, heads = streak_counts(np.array(flips, dtype=np.int8), ks)
    assert followers.shape == heads.shape == (len(ks),)
    expected = [naive_streaks(flips, k) for k in ks]
    assert followers.tolist() == [f for f, _ in expected]
    assert heads.tolist() == [h for _, h in expected]


@pytest.mark.parametrize("n", [63, 64, 65, 127, 128, 129, 191, 192, 193])
def test_streak_counts_across_word_boundaries_with_long_streaks(n):
    flips = coin_flips(n, p=0.2, seed=n)  # mostly tails: long streaks cross the 64-bit words
    ks = [1, 5, 12, 40, 63]
    followers, heads = streak_counts(flips, ks)
    expected = [naive_streaks(flips.tolist(), k) for k in ks]
    assert followers.tolist() == [f for f, _ in expected]
    assert heads.tolist() == [h for _, h in expected]


def test_all_tails_every_flip_after_the_first_k_follows_a_streak():
    followers, heads = streak_counts(np.zeros(200, dtype=np.int8), [1, 63])
    assert followers.tolist() == [199, 137]
    assert heads.tolist() == [0, 0]


@settings(max_examples=60, deadline=None)
@given(bits(300), st.integers(1, 12))
def test_streak_follow_rate_is_heads_over_followers(flips, k):
    followers, heads = naive_streaks(flips, k)
    rate = streak_follow_rate(flips, k)
    if followers:
        assert rate == heads / followers
    else:
        assert math.isnan(rate)


@pytest.mark.parametrize("k", [1, 2, 12, 63])
def test_streak_follow_rate_is_nan_without_a_streak(k):
    assert math.isnan(streak_follow_rate(np.ones(300, dtype=np.int8), k))


def test_streak_follow_rate_of_a_short_sequence():
    assert streak_follow_rate([0, 0, 1, 0, 0, 0], 2) == 0.5


@pytest.mark.parametrize("p", [0.3, 0.5])
def test_gamblers_fallacy_after_k_tails_heads_are_no_more_likely_than_p(p):
    flips = coin_flips(MILLION, p=p, seed=99)
    ks = [1, 2, 3, 4, 5]
    followers, heads = streak_counts(flips, ks)
    assert np.all(followers > 10_000)
    standard_errors = np.sqrt(p * (1 - p) / followers)
    assert np.all(np.abs(heads / followers - p) < 5 * standard_errors)
    for k, rate in zip(ks, heads / followers, strict=True):
        assert streak_follow_rate(flips, k) == rate


@pytest.mark.parametrize("k", [0, 64, -1])
def test_streak_counts_reject_a_streak_length_outside_1_to_63(k):
    with pytest.raises(
        ProbabilityError, match=rf"ks must be streak lengths from 1 to 63; got \[{k}\]"
    ):
        streak_counts([0, 1, 0], [k])
    with pytest.raises(ProbabilityError, match="ks must be streak lengths from 1 to 63"):
        streak_follow_rate([0, 1, 0], k)


@pytest.mark.parametrize("flips", [[], [[0, 1], [1, 0]]])
def test_streak_counts_reject_an_empty_or_two_dimensional_sequence(flips):
    with pytest.raises(ProbabilityError, match="flips must be a non-empty 1-D array"):
        streak_counts(flips, [1])


# ---------------------------------------------------------------- heads in tens


def test_heads_in_tens_counts_groups_and_drops_the_leftover():
    result = heads_in_tens([1] * 10 + [0] * 10 + [1])
    assert result.tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert result.dtype == np.int64


def test_heads_in_tens_of_fewer_than_ten_flips_is_all_zero():
    assert heads_in_tens([1, 0, 1]).tolist() == [0] * 11


@pytest.mark.parametrize("n", [10, 19, 1000, 12_345])
def test_heads_in_tens_sums_to_the_number_of_full_groups(n):
    result = heads_in_tens(coin_flips(n, seed=n))
    assert result.shape == (11,)
    assert result.sum() == n // 10


def test_heads_in_tens_of_a_million_fair_flips_follows_the_binomial():
    counts = heads_in_tens(coin_flips(MILLION, seed=10))
    groups = MILLION // 10
    share = 252 / 1024
    assert abs(counts[5] / groups - share) < 5 * math.sqrt(share * (1 - share) / groups)
    pmf = stats.binom.pmf(np.arange(11), 10, 0.5)
    sigmas = np.sqrt(pmf * (1 - pmf) / groups)
    assert np.all(np.abs(counts / groups - pmf) < 5 * sigmas)


def test_binomial_pmf_of_five_heads_in_ten_is_252_over_1024():
    assert float(distribution("binomial", n=10, p=0.5).pmf(5)) == pytest.approx(
        252 / 1024, rel=1e-12
    )
    assert math.comb(10, 5) == 252


def test_heads_in_tens_rejects_a_two_dimensional_array():
    with pytest.raises(
        ProbabilityError, match=r"flips must be a non-empty 1-D array; got shape \(2, 10\)"
    ):
        heads_in_tens(np.zeros((2, 10)))


# ---------------------------------------------------------------- expected value


def test_the_dice_game_loses_exactly_100_over_3_per_round():
    result = expected_value(DICE_VALUES, [Fraction(1, 6)] * 6)
    assert isinstance(result, Fraction)
    assert result == Fraction(-100, 3)


def test_the_dice_game_with_floats_is_about_minus_33():
    result = expected_value(DICE_VALUES, [1 / 6] * 6)
    assert isinstance(result, float)
    assert result == pytest.approx(-100 / 3, rel=1e-12)
    assert expected_value(np.array(DICE_VALUES), np.full(6, 1 / 6)) == pytest.approx(-100 / 3)


def test_payoffs_with_zero_expected_value_give_exactly_zero():
    assert expected_value([200, 200, -100, -100, -100, -100], [Fraction(1, 6)] * 6) == 0
    assert variance([5, 5], [Fraction(1, 2)] * 2) == 0


def test_exact_arithmetic_needs_exact_sums():
    # Within float tolerance of 1, but not 1: the exact path says so.
    with pytest.raises(ProbabilityError, match="ps must sum to 1; they sum to 1000000000001/"):
        expected_value([1, 2], [Fraction(1, 3), Fraction(2, 3) + Fraction(1, 10**12)])


def test_variance_of_the_dice_game_is_exact_with_fractions():
    result = variance(DICE_VALUES, [Fraction(1, 6)] * 6)
    assert isinstance(result, Fraction)
    assert result == Fraction(500_000, 9)  # E[X²] − E[X]² = 60 000 − 10 000/9


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e3, 1e3), st.floats(0.01, 1.0)), min_size=1, max_size=8))
def test_variance_matches_the_direct_formula(pairs):
    values = np.array([v for v, _ in pairs])
    ps = normalise([w for _, w in pairs])
    mean = float(np.sum(values * ps))
    direct = float(np.sum((values - mean) ** 2 * ps))
    assert expected_value(values, ps) == pytest.approx(mean, rel=1e-9, abs=1e-9)
    assert variance(values, ps) == pytest.approx(direct, rel=1e-9, abs=1e-6)
    assert variance(values, ps) >= 0


def test_variance_matches_scipy_rv_discrete():
    values, ps = [300, -200, 50, 0], [0.25, 0.5, 0.125, 0.125]
    game = stats.rv_discrete(values=(values, ps))
    assert variance(values, ps) == pytest.approx(game.var(), rel=1e-12)
    assert expected_value(values, ps) == pytest.approx(game.mean(), rel=1e-12)
    dice = stats.rv_discrete(values=([300, -200], [1 / 3, 2 / 3]))
    assert variance(DICE_VALUES, [1 / 6] * 6) == pytest.approx(dice.var(), rel=1e-12)


@pytest.mark.parametrize(
    ("values", "ps", "message"),
    [
        ([1, 2], [0.5, 0.6], r"ps must sum to 1; they sum to 1.1 \(divide each by the total"),
        ([1, 2], [1.5, -0.5], r"ps must not be negative; ps\[1\] = -0.5"),
        ([1, 2], [math.nan, 0.5], r"ps must be finite numbers; got \[nan, 0.5\]"),
        ([1, 2, 3], [0.5, 0.5], "values and ps must have the same length; got 3 and 2"),
        ([1, math.inf], [0.5, 0.5], r"values must be finite numbers; got \[1.0, inf\]"),
        ([1, 2], [], "ps must be a non-empty list of probabilities"),
        (
            [1, 2],
            [Fraction(1, 2), Fraction(-1, 2)],
            r"ps must not be negative; ps\[1\] = -0.5",
        ),
    ],
)
def test_expected_value_and_variance_reject_a_bad_game(values, ps, message):
    with pytest.raises(ValueError, match=message):
        expected_value(values, ps)
    with pytest.raises(ProbabilityError, match=message):
        variance(values, ps)


def test_normalise_divides_by_the_total():
    assert normalise([1, 1, 2]).tolist() == [0.25, 0.25, 0.5]
    weights = np.array([3.0, 0.0, 7.5, 1.5])
    np.testing.assert_allclose(normalise(weights), weights / 12.0, rtol=1e-15)
    assert normalise(weights).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0, 0], "weights must not all be 0: at least one outcome needs a chance"),
        ([1, -2, 3], r"weights must not be negative; weights\[1\] = -2"),
        ([1, math.nan], r"weights must be finite numbers; got \[1.0, nan\]"),
        ([], "weights must be a non-empty list of numbers"),
    ],
)
def test_normalise_rejects_weights_that_cannot_be_probabilities(weights, message):
    with pytest.raises(ProbabilityError, match=message):
        normalise(weights)


def test_check_probabilities_returns_floats_and_tolerates_round_off():
    result = check_probabilities([1, 0])
    assert result.dtype == float
    assert result.tolist() == [1.0, 0.0]
    assert check_probabilities([0.1] * 10).sum() == pytest.approx(1.0)  # 0.9999999999999999


@pytest.mark.parametrize(
    ("ps", "message"),
    [
        ([0.5, 0.4], r"weights must sum to 1; they sum to 0.9 \(divide each by the total"),
        ([0.5, 0.5 + 1e-6], "weights must sum to 1; they sum to 1"),
        ([1.2, -0.2], r"weights must not be negative; weights\[1\] = -0.2"),
        ([[0.5, 0.5]], "weights must be a non-empty list of probabilities"),
        ([math.inf, 0], "weights must be finite numbers"),
    ],
)
def test_check_probabilities_names_the_vector_in_its_message(ps, message):
    with pytest.raises(ProbabilityError, match=message):
        check_probabilities(ps, name="weights")


# ---------------------------------------------------------------- playing the game


def test_play_returns_one_payoff_per_round_from_the_values():
    rounds = play(DICE_VALUES, [1 / 6] * 6, 1000, seed=3)
    assert rounds.shape == (1000,)
    assert rounds.dtype == float
    assert set(rounds.tolist()) == {300.0, -200.0}


def test_play_is_reproducible_with_a_seed():
    values, ps = [1, 2, 3], [0.2, 0.3, 0.5]
    assert np.array_equal(play(values, ps, 500, seed=4), play(values, ps, 500, seed=4))
    assert not np.array_equal(play(values, ps, 500, seed=4), play(values, ps, 500, seed=5))


def test_play_never_gives_an_outcome_of_probability_zero():
    rounds = play([1, 2, 3, 4], [0.0, 0.5, 0.0, 0.5], 100_000, seed=6)
    assert set(np.unique(rounds).tolist()) == {2.0, 4.0}
    assert set(play([7, 8], [1.0, 0.0], 1000, seed=6).tolist()) == {7.0}
    assert set(play([7, 8], [0.0, 1.0], 1000, seed=6).tolist()) == {8.0}


def test_play_frequencies_are_within_5_sigma_of_the_probabilities():
    values, ps = np.arange(1.0, 6.0), np.array([0.1, 0.2, 0.3, 0.15, 0.25])
    rounds = play(values, ps, MILLION, seed=8)
    shares = np.array([(rounds == v).mean() for v in values])
    assert np.all(np.abs(shares - ps) < 5 * np.sqrt(ps * (1 - ps) / MILLION))


def test_the_mean_of_many_rounds_converges_to_the_expected_value():
    ps = [1 / 6] * 6
    rounds = play(DICE_VALUES, ps, MILLION, seed=12)
    sigma = math.sqrt(variance(DICE_VALUES, ps) / MILLION)
    assert abs(rounds.mean() - expected_value(DICE_VALUES, ps)) < 5 * sigma
    assert running_mean(rounds)[-1] == pytest.approx(rounds.mean(), rel=1e-9)


def test_play_rejects_a_bad_game_or_count():
    with pytest.raises(ProbabilityError, match="ps must sum to 1"):
        play([1, 2], [0.5, 0.4], 10)
    with pytest.raises(ProbabilityError, match="n must be a whole number from 1 to"):
        play([1, 2], [0.5, 0.5], 0)
    with pytest.raises(ProbabilityError, match="seed must be a non-negative integer"):
        play([1, 2], [0.5, 0.5], 10, seed=-5)


# ---------------------------------------------------------------- distributions

# (family, parameters, the scipy.stats object in its own parametrisation, points to evaluate)
SCIPY_CASES = [
    ("normal", {"mu": 1.5, "sigma": 2.0}, stats.norm(loc=1.5, scale=2.0), [-3.0, 0.0, 1.5, 4.2]),
    ("uniform", {"a": -1.0, "b": 3.0}, stats.uniform(loc=-1.0, scale=4.0), [-2.0, -1.0, 0.5, 3.5]),
    ("bernoulli", {"p": 0.3}, stats.bernoulli(0.3), [0, 1, 2]),
    ("binomial", {"n": 12, "p": 0.4}, stats.binom(12, 0.4), [0, 3, 5, 12, 13]),
    ("poisson", {"lam": 3.5}, stats.poisson(3.5), [0, 1, 3, 10]),
    ("exponential", {"rate": 2.5}, stats.expon(scale=0.4), [0.0, 0.1, 1.0, 5.0]),
    ("geometric", {"p": 0.25}, stats.geom(0.25), [0, 1, 2, 7]),
]


def test_every_family_has_a_scipy_case():
    assert sorted(case[0] for case in SCIPY_CASES) == sorted(FAMILIES)
    for family, params, _, _ in SCIPY_CASES:
        assert tuple(params) == FAMILIES[family]


@pytest.mark.parametrize(("family", "params", "reference", "points"), SCIPY_CASES)
def test_distribution_equals_scipy_with_the_documented_parametrisation(
    family, params, reference, points
):
    frozen = distribution(family, **params)
    density = "pmf" if family in DISCRETE else "pdf"
    np.testing.assert_allclose(
        getattr(frozen, density)(points), getattr(reference, density)(points), rtol=1e-12
    )
    np.testing.assert_allclose(frozen.cdf(points), reference.cdf(points), rtol=1e-12)
    assert float(frozen.mean()) == pytest.approx(float(reference.mean()), rel=1e-12)
    assert float(frozen.var()) == pytest.approx(float(reference.var()), rel=1e-12)


def test_normal_closed_forms():
    frozen = distribution("normal", mu=1.0, sigma=2.0)
    assert float(frozen.pdf(1.0)) == pytest.approx(1 / (2.0 * math.sqrt(2 * math.pi)), rel=1e-12)
    assert float(frozen.pdf(3.0)) == pytest.approx(
        math.exp(-0.5) / (2.0 * math.sqrt(2 * math.pi)), rel=1e-12
    )
    assert (float(frozen.mean()), float(frozen.var())) == pytest.approx((1.0, 4.0))


def test_uniform_closed_forms():
    frozen = distribution("uniform", a=2.0, b=6.0)
    assert float(frozen.pdf(3.0)) == pytest.approx(0.25)
    assert float(frozen.pdf(7.0)) == 0.0
    assert float(frozen.mean()) == pytest.approx(4.0)
    assert float(frozen.var()) == pytest.approx(16 / 12)


def test_bernoulli_closed_forms():
    frozen = distribution("bernoulli", p=0.3)
    assert float(frozen.pmf(1)) == pytest.approx(0.3)
    assert float(frozen.pmf(0)) == pytest.approx(0.7)
    assert float(frozen.var()) == pytest.approx(0.3 * 0.7)


def test_binomial_closed_forms():
    frozen = distribution("binomial", n=12, p=0.4)
    for k in range(13):
        assert float(frozen.pmf(k)) == pytest.approx(
            math.comb(12, k) * 0.4**k * 0.6 ** (12 - k), rel=1e-10
        )
    assert (float(frozen.mean()), float(frozen.var())) == pytest.approx((4.8, 12 * 0.4 * 0.6))


def test_poisson_pmf_is_lambda_to_the_k_times_e_to_the_minus_lambda_over_k_factorial():
    lam = 3.5
    frozen = distribution("poisson", lam=lam)
    for k in range(15):
        assert float(frozen.pmf(k)) == pytest.approx(
            lam**k * math.exp(-lam) / math.factorial(k), rel=1e-10
        )
    assert (float(frozen.mean()), float(frozen.var())) == pytest.approx((lam, lam))


def test_exponential_mean_is_one_over_the_rate():
    frozen = distribution("exponential", rate=4.0)
    assert float(frozen.mean()) == pytest.approx(0.25)
    assert float(frozen.var()) == pytest.approx(1 / 16)
    assert float(frozen.pdf(0.5)) == pytest.approx(4.0 * math.exp(-2.0), rel=1e-12)


def test_geometric_counts_trials_up_to_the_first_success():
    p = 0.2
    frozen = distribution("geometric", p=p)
    assert float(frozen.pmf(0)) == 0.0  # support starts at 1
    assert float(frozen.pmf(1)) == pytest.approx(p)
    assert float(frozen.pmf(4)) == pytest.approx((1 - p) ** 3 * p)
    assert float(frozen.mean()) == pytest.approx(1 / p)
    assert float(frozen.var()) == pytest.approx((1 - p) / p**2)


def test_edge_parameters_that_are_allowed():
    assert float(distribution("poisson", lam=0).pmf(0)) == 1.0
    assert float(distribution("bernoulli", p=1).pmf(1)) == 1.0
    assert float(distribution("binomial", n=0, p=0.5).pmf(0)) == 1.0
    assert float(distribution("binomial", n=10.0, p=0.5).mean()) == 5.0
    assert float(distribution("geometric", p=1).pmf(1)) == 1.0


def test_distribution_parameters_may_be_arrays():
    frozen = distribution("normal", mu=np.array([0.0, 1.0, 2.0]), sigma=1.0)
    assert frozen.mean().tolist() == [0.0, 1.0, 2.0]


@pytest.mark.parametrize(
    ("family", "params", "message"),
    [
        ("normal", {"mu": 0, "sigma": 0}, "sigma must be positive; got 0"),
        ("normal", {"mu": 0, "sigma": -1.0}, "sigma must be positive; got -1.0"),
        ("normal", {"mu": math.nan, "sigma": 1}, "mu must be a finite number; got nan"),
        ("normal", {"mu": math.inf, "sigma": 1}, "mu must be a finite number; got inf"),
        ("uniform", {"a": 1.0, "b": 1.0}, "b must be greater than a; got a = 1.0, b = 1.0"),
        ("uniform", {"a": 2.0, "b": 1.0}, "b must be greater than a; got a = 2.0, b = 1.0"),
        ("bernoulli", {"p": 1.5}, "p must be a probability between 0 and 1; got 1.5"),
        ("binomial", {"n": 10, "p": -0.1}, "p must be a probability between 0 and 1; got -0.1"),
        ("binomial", {"n": 2.5, "p": 0.5}, "n must be a whole number ≥ 0; got 2.5"),
        ("binomial", {"n": -1, "p": 0.5}, "n must be a whole number ≥ 0; got -1"),
        ("geometric", {"p": 0}, "p must be above 0: with p = 0 the first success never comes"),
        ("geometric", {"p": 1.2}, "p must be a probability between 0 and 1; got 1.2"),
        ("poisson", {"lam": -0.5}, "lam must not be negative; got -0.5"),
        ("exponential", {"rate": 0}, "rate must be positive; got 0"),
        ("gamma", {"k": 1}, "family must be one of normal, uniform, bernoulli, binomial, "),
        ("normal", {"mu": 0}, "normal takes the parameters mu, sigma; got mu"),
        ("poisson", {}, "poisson takes the parameters lam; got none"),
        ("poisson", {"lam": 1, "k": 2}, "poisson takes the parameters lam; got lam, k"),
        ("exponential", {"scale": 2}, "exponential takes the parameters rate; got scale"),
    ],
)
def test_distribution_rejects_bad_parameters(family, params, message):
    with pytest.raises(ProbabilityError, match=message):
        distribution(family, **params)


def test_distribution_rejects_a_bad_entry_in_an_array_of_parameters():
    with pytest.raises(ProbabilityError, match="sigma must be positive"):
        distribution("normal", mu=0.0, sigma=np.array([1.0, 0.0]))


# ---------------------------------------------------------------- sampling


SAMPLE_CASES = SCIPY_CASES


@pytest.mark.parametrize(("family", "params", "reference", "_points"), SAMPLE_CASES)
def test_sample_mean_is_within_5_sigma_of_the_distribution_mean(family, params, reference, _points):
    n = 200_000
    draws = sample(family, n, seed=21, **params)
    assert draws.shape == (n,)
    assert draws.dtype == float
    sigma = math.sqrt(float(reference.var()) / n)
    assert abs(draws.mean() - float(reference.mean())) < 5 * sigma


@pytest.mark.parametrize(("family", "params", "_reference", "_points"), SAMPLE_CASES)
def test_sample_is_reproducible_with_a_seed(family, params, _reference, _points):
    assert np.array_equal(
        sample(family, 100, seed=3, **params), sample(family, 100, seed=3, **params)
    )
    assert not np.array_equal(
        sample(family, 100, seed=3, **params), sample(family, 100, seed=4, **params)
    )


def test_samples_lie_in_the_support():
    assert set(np.unique(sample("bernoulli", 1000, seed=0, p=0.5)).tolist()) == {0.0, 1.0}
    assert sample("geometric", 1000, seed=0, p=0.5).min() >= 1
    draws = sample("uniform", 1000, seed=0, a=2.0, b=3.0)
    assert draws.min() >= 2.0
    assert draws.max() <= 3.0
    assert sample("exponential", 1000, seed=0, rate=1.0).min() >= 0


def test_sample_rejects_bad_counts_and_parameters():
    with pytest.raises(ProbabilityError, match="size must be a whole number from 1 to 10,000,000"):
        sample("normal", 0, mu=0, sigma=1)
    with pytest.raises(ProbabilityError, match="got 10000001"):
        sample("normal", 10_000_001, mu=0, sigma=1)
    with pytest.raises(ProbabilityError, match="lam must not be negative"):
        sample("poisson", 10, lam=-1)


# ---------------------------------------------------------------- Bayes


def test_bayes_posterior_of_the_classic_screening_test():
    posterior = bayes_posterior(0.01, 0.9, 0.05)
    assert posterior == pytest.approx(0.009 / (0.009 + 0.99 * 0.05), rel=1e-12)
    assert round(posterior, 4) == 0.1538


def test_bayes_posterior_equals_the_natural_frequency_count():
    counts = natural_frequencies(0.01, 0.9, 0.05, population=MILLION)
    assert counts == Frequencies(
        true_positive=9000, false_negative=1000, false_positive=49_500, true_negative=940_500
    )
    assert counts.posterior == 9000 / 58_500
    assert bayes_posterior(0.01, 0.9, 0.05) == pytest.approx(counts.posterior, rel=1e-12)


def test_bayes_posterior_agrees_with_a_simulation_of_a_million_people():
    prior, sens, fpr = 0.02, 0.85, 0.07
    rng = np.random.default_rng(31)
    sick = rng.random(MILLION) < prior
    positive = rng.random(MILLION) < np.where(sick, sens, fpr)
    simulated = (sick & positive).sum() / positive.sum()
    posterior = bayes_posterior(prior, sens, fpr)
    standard_error = math.sqrt(posterior * (1 - posterior) / positive.sum())
    assert abs(simulated - posterior) < 5 * standard_error
    negative = ~positive
    simulated_negative = (sick & negative).sum() / negative.sum()
    posterior_negative = bayes_posterior(prior, sens, fpr, positive=False)
    standard_error = math.sqrt(posterior_negative * (1 - posterior_negative) / negative.sum())
    assert abs(simulated_negative - posterior_negative) < 5 * standard_error


def test_a_negative_result_lowers_the_belief():
    posterior = bayes_posterior(0.01, 0.9, 0.05, positive=False)
    assert posterior == pytest.approx(0.01 * 0.1 / (0.01 * 0.1 + 0.99 * 0.95), rel=1e-12)
    assert posterior < 0.01 < bayes_posterior(0.01, 0.9, 0.05)


def test_certain_priors_do_not_move():
    assert bayes_posterior(0.0, 0.9, 0.05) == 0.0
    assert bayes_posterior(1.0, 0.9, 0.05) == 1.0
    assert bayes_posterior(0.0, 0.9, 0.05, positive=False) == 0.0
    assert bayes_posterior(1.0, 0.9, 0.05, positive=False) == 1.0


def test_an_impossible_result_gives_nan():
    assert math.isnan(bayes_posterior(0.3, 0.0, 0.0))  # nobody ever tests positive
    assert math.isnan(bayes_posterior(0.3, 1.0, 1.0, positive=False))  # nor negative
    assert math.isnan(natural_frequencies(0.3, 0.0, 0.0).posterior)


def test_a_test_that_ignores_the_condition_teaches_nothing():
    assert bayes_posterior(0.2, 0.6, 0.6) == pytest.approx(0.2)
    assert bayes_posterior(0.2, 0.6, 0.6, positive=False) == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1.2, 0.9, 0.05), "prior must be a probability between 0 and 1; got 1.2"),
        ((-0.1, 0.9, 0.05), "prior must be a probability between 0 and 1; got -0.1"),
        ((0.1, 1.5, 0.05), "sensitivity must be a probability between 0 and 1; got 1.5"),
        ((0.1, 0.9, -0.2), "false_positive_rate must be a probability between 0 and 1; got -0.2"),
        ((0.1, math.nan, 0.05), "sensitivity must be a probability between 0 and 1; got nan"),
    ],
)
def test_bayes_posterior_names_the_parameter_out_of_range(args, message):
    with pytest.raises(ProbabilityError, match=message):
        bayes_posterior(*args)
    with pytest.raises(ProbabilityError, match=message):
        natural_frequencies(*args)
    with pytest.raises(ProbabilityError, match=message):
        belief_path(*args, [True])


probability = st.floats(0.0, 1.0)


@settings(max_examples=100, deadline=None)
@given(probability, probability, probability, st.integers(1, 10**9))
def test_natural_frequencies_add_up_to_the_population_each_within_1_of_its_share(
    prior, sens, fpr, population
):
    counts = natural_frequencies(prior, sens, fpr, population=population)
    boxes = [
        counts.true_positive,
        counts.false_negative,
        counts.false_positive,
        counts.true_negative,
    ]
    assert sum(boxes) == population
    assert all(isinstance(box, int) and box >= 0 for box in boxes)
    expected = np.array(
        [prior * sens, prior * (1 - sens), (1 - prior) * fpr, (1 - prior) * (1 - fpr)]
    )
    assert np.all(np.abs(np.array(boxes) - expected * population) < 1 + 1e-6)


def test_natural_frequencies_of_ten_thousand_people():
    assert natural_frequencies(0.01, 0.9, 0.05, population=10_000) == Frequencies(90, 10, 495, 9405)


def test_natural_frequencies_rejects_a_bad_population():
    with pytest.raises(ProbabilityError, match="population must be a whole number from 1 to"):
        natural_frequencies(0.01, 0.9, 0.05, population=0)


def test_belief_path_starts_at_the_prior_and_feeds_each_posterior_forward():
    results = [True, False, True, True, False]
    path = belief_path(0.01, 0.9, 0.05, results)
    assert path.shape == (len(results) + 1,)
    assert path[0] == 0.01
    for before, after, result in zip(path[:-1], path[1:], results, strict=True):
        assert after == bayes_posterior(before, 0.9, 0.05, positive=result)


def test_two_positive_tests_raise_a_one_percent_prior_to_about_77_percent():
    path = belief_path(0.01, 0.9, 0.05, [True, True])
    assert path[2] == pytest.approx(0.766, abs=5e-4)
    # Two independent tests multiply the likelihood ratio: odds 1/99 × 18².
    odds = 1 / 99 * (0.9 / 0.05) ** 2
    assert path[2] == pytest.approx(odds / (1 + odds), rel=1e-12)


def test_belief_path_without_results_is_just_the_prior():
    assert belief_path(0.2, 0.9, 0.05, []).tolist() == [0.2]


def test_belief_path_stays_nan_after_an_impossible_result():
    path = belief_path(0.0, 0.9, 0.0, [True, False, True])
    assert path[0] == 0.0
    assert np.isnan(path[1:]).all()


# ---------------------------------------------------------------- maximum likelihood


@pytest.fixture
def normal_sample():
    return sample("normal", 500, seed=41, mu=2.0, sigma=1.5)


@pytest.fixture
def bernoulli_sample():
    return sample("bernoulli", 400, seed=42, p=0.3)


@pytest.fixture
def poisson_sample():
    return sample("poisson", 400, seed=43, lam=4.2)


@pytest.fixture
def exponential_sample():
    return sample("exponential", 400, seed=44, rate=2.5)


def test_mle_closed_forms(normal_sample, bernoulli_sample, poisson_sample, exponential_sample):
    fit = mle(normal_sample, "normal")
    assert set(fit) == {"mu", "sigma"}
    assert fit["mu"] == pytest.approx(np.mean(normal_sample), rel=1e-12)
    assert fit["sigma"] == pytest.approx(np.std(normal_sample), rel=1e-12)  # divides by n
    assert fit["sigma"] < np.std(normal_sample, ddof=1)
    assert mle(bernoulli_sample, "bernoulli") == {"p": pytest.approx(bernoulli_sample.mean())}
    assert mle(poisson_sample, "poisson") == {"lam": pytest.approx(poisson_sample.mean())}
    assert mle(exponential_sample, "exponential") == {
        "rate": pytest.approx(1 / exponential_sample.mean(), rel=1e-12)
    }


def test_mle_of_a_short_normal_sample():
    assert mle([1.0, 2.0, 3.0, 4.0], "normal") == {
        "mu": 2.5,
        "sigma": pytest.approx(math.sqrt(1.25), rel=1e-15),
    }


def test_normal_mle_maximises_the_log_likelihood(normal_sample):
    def negative(theta):
        return -log_likelihood(normal_sample, "normal", mu=theta[0], sigma=math.exp(theta[1]))

    result = optimize.minimize(
        negative,
        x0=[0.0, 0.0],
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 4000},
    )
    fit = mle(normal_sample, "normal")
    assert result.x[0] == pytest.approx(fit["mu"], rel=1e-4)
    assert math.exp(result.x[1]) == pytest.approx(fit["sigma"], rel=1e-4)
    assert -result.fun <= log_likelihood(normal_sample, "normal", **fit) + 1e-9


@pytest.mark.parametrize(
    ("family", "fixture", "bounds"),
    [
        ("bernoulli", "bernoulli_sample", (1e-9, 1 - 1e-9)),
        ("poisson", "poisson_sample", (1e-6, 50.0)),
        ("exponential", "exponential_sample", (1e-6, 50.0)),
    ],
)
def test_one_parameter_mle_maximises_the_log_likelihood(family, fixture, bounds, request):
    xs = request.getfixturevalue(fixture)
    name = MLE_FAMILIES[family]
    result = optimize.minimize_scalar(
        lambda value: -log_likelihood(xs, family, **{name: value}),
        bounds=bounds,
        method="bounded",
        options={"xatol": 1e-10},
    )
    estimate = mle(xs, family)[name]
    assert result.x == pytest.approx(estimate, rel=1e-4)
    assert -result.fun <= log_likelihood(xs, family, **{name: estimate}) + 1e-9


def test_mle_agrees_with_scipy_fit(normal_sample, exponential_sample):
    mu, sigma = stats.norm.fit(normal_sample)
    fit = mle(normal_sample, "normal")
    assert fit["mu"] == pytest.approx(mu, rel=1e-9)
    assert fit["sigma"] == pytest.approx(sigma, rel=1e-9)
    loc, scale = stats.expon.fit(exponential_sample, floc=0)
    assert loc == 0
    assert mle(exponential_sample, "exponential")["rate"] == pytest.approx(1 / scale, rel=1e-9)


def test_mle_of_a_large_sample_recovers_the_true_parameters():
    xs = sample("poisson", 100_000, seed=45, lam=4.2)
    assert abs(mle(xs, "poisson")["lam"] - 4.2) < 5 * math.sqrt(4.2 / xs.size)
    xs = sample("normal", 100_000, seed=46, mu=-1.0, sigma=3.0)
    fit = mle(xs, "normal")
    assert abs(fit["mu"] + 1.0) < 5 * 3.0 / math.sqrt(xs.size)
    assert abs(fit["sigma"] - 3.0) < 5 * 3.0 / math.sqrt(2 * xs.size)


def test_mle_at_the_edges_of_the_parameter_space():
    assert mle([0, 0, 0], "bernoulli") == {"p": 0.0}
    assert mle([1, 1], "bernoulli") == {"p": 1.0}
    assert mle([0, 0], "poisson") == {"lam": 0.0}


@pytest.mark.parametrize(
    ("xs", "family", "message"),
    [
        ([3.0, 3.0], "normal", r"xs has no spread \(every value is 3\): the normal likelihood"),
        ([5.0], "normal", r"xs has no spread \(one value\)"),
        ([1, -2, 3], "poisson", "xs must be whole numbers ≥ 0 for a Poisson sample; −2 is not"),
        ([1, 2.5], "poisson", "xs must be whole numbers ≥ 0 for a Poisson sample; 2.5 is not"),
        ([0, 1, 2], "bernoulli", "xs must be 0 or 1 for a Bernoulli sample; 2 is not"),
        ([0, 0.5], "bernoulli", "xs must be 0 or 1 for a Bernoulli sample; 0.5 is not"),
        ([1.0, -0.5], "exponential", "xs must be ≥ 0 for an exponential sample; −0.5 is not"),
        ([0.0, 0.0], "exponential", "xs is all zeros: the exponential likelihood grows"),
        ([], "normal", "xs must hold at least one number"),
        ([[1.0, 2.0]], "normal", "xs must hold at least one number"),
        ([1.0, math.nan], "normal", "xs must be finite numbers"),
        ([1.0, math.inf], "exponential", "xs must be finite numbers"),
        (
            [1, 2],
            "geometric",
            "family must be one of normal, bernoulli, poisson, exponential; got 'geometric'",
        ),
    ],
)
def test_mle_rejects_a_sample_it_cannot_fit(xs, family, message):
    with pytest.raises(ProbabilityError, match=message):
        mle(xs, family)


def test_check_sample_returns_floats():
    result = check_sample([0, 1, 1], "bernoulli")
    assert result.dtype == float
    assert result.tolist() == [0.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("family", "params", "reference", "fixture"),
    [
        ("normal", {"mu": 1.8, "sigma": 1.2}, stats.norm(1.8, 1.2).logpdf, "normal_sample"),
        ("bernoulli", {"p": 0.35}, stats.bernoulli(0.35).logpmf, "bernoulli_sample"),
        ("poisson", {"lam": 3.9}, stats.poisson(3.9).logpmf, "poisson_sample"),
        ("exponential", {"rate": 2.0}, stats.expon(scale=0.5).logpdf, "exponential_sample"),
    ],
)
def test_log_likelihood_is_the_sum_of_scipy_log_densities(
    family, params, reference, fixture, request
):
    xs = request.getfixturevalue(fixture)
    result = log_likelihood(xs, family, **params)
    assert isinstance(result, float)
    assert result == pytest.approx(float(np.sum(reference(xs))), rel=1e-12)


def test_log_likelihood_of_three_bernoulli_trials():
    assert log_likelihood([1, 0, 1], "bernoulli", p=0.5) == pytest.approx(3 * math.log(0.5))
    assert log_likelihood([1, 0, 1], "bernoulli", p=0.25) == pytest.approx(
        2 * math.log(0.25) + math.log(0.75)
    )


def test_log_likelihood_broadcasts_over_a_parameter_grid(normal_sample):
    mus = np.linspace(1.0, 3.0, 5)[:, None]
    sigmas = np.linspace(0.5, 2.5, 3)[None, :]
    grid = log_likelihood(normal_sample, "normal", mu=mus, sigma=sigmas)
    assert grid.shape == (5, 3)
    for i, j in np.ndindex(grid.shape):
        expected = stats.norm(mus[i, 0], sigmas[0, j]).logpdf(normal_sample).sum()
        assert grid[i, j] == pytest.approx(expected, rel=1e-12)
    along = log_likelihood(normal_sample, "normal", mu=np.linspace(1.0, 3.0, 7), sigma=1.5)
    assert along.shape == (7,)


def test_log_likelihood_is_minus_infinity_where_the_sample_is_impossible():
    assert log_likelihood([1, 0, 1], "bernoulli", p=1.0) == -math.inf
    assert log_likelihood([1, 1], "bernoulli", p=1.0) == 0.0
    assert log_likelihood([0, 2], "poisson", lam=0.0) == -math.inf
    grid = log_likelihood([1, 0, 1], "bernoulli", p=np.array([0.0, 0.5, 1.0]))
    assert grid[0] == grid[2] == -math.inf
    assert np.isfinite(grid[1])


def test_log_likelihood_rejects_bad_parameters_and_families():
    with pytest.raises(ProbabilityError, match=r"p must be a probability .* got 1\.5"):
        log_likelihood([0, 1], "bernoulli", p=1.5)
    with pytest.raises(ProbabilityError, match="normal takes the parameters mu, sigma; got mu"):
        log_likelihood([0.0, 1.0], "normal", mu=0.0)
    with pytest.raises(ProbabilityError, match="family must be one of normal, bernoulli"):
        log_likelihood([1, 2], "binomial", n=3, p=0.5)


@pytest.mark.parametrize(
    ("family", "fixture", "low", "high"),
    [
        ("normal", "normal_sample", 0.0, 4.0),
        ("bernoulli", "bernoulli_sample", 0.01, 0.99),
        ("poisson", "poisson_sample", 1.0, 8.0),
        ("exponential", "exponential_sample", 0.5, 6.0),
    ],
)
def test_log_likelihood_curve_peaks_at_the_mle(family, fixture, low, high, request):
    xs = request.getfixturevalue(fixture)
    estimate = mle(xs, family)[MLE_FAMILIES[family]]
    grid = np.linspace(low, high, 401)
    grid = np.sort(np.append(grid[~np.isclose(grid, estimate, rtol=1e-9)], estimate))
    curve = log_likelihood_curve(xs, family, grid)
    assert curve.shape == grid.shape
    assert grid[int(np.argmax(curve))] == estimate
    peak = int(np.argmax(curve))
    assert np.all(np.diff(curve[: peak + 1]) > 0)  # rises to the peak …
    assert np.all(np.diff(curve[peak:]) < 0)  # … and falls after it


def test_the_normal_curve_holds_sigma_at_its_mle(normal_sample):
    grid = np.linspace(0.0, 4.0, 41)
    sigma = mle(normal_sample, "normal")["sigma"]
    np.testing.assert_allclose(
        log_likelihood_curve(normal_sample, "normal", grid),
        log_likelihood(normal_sample, "normal", mu=grid, sigma=sigma),
        rtol=1e-14,
    )


def test_the_95_percent_likelihood_drop_is_half_the_chi_square_quantile():
    assert pytest.approx(1.920729, abs=1e-6) == LIKELIHOOD_DROP_95
    # For a normal mean with sigma held at its estimate the curve is the parabola
    # −n (mu − mû)² / (2σ²) below its peak, so the drop is reached at mû ± 1.96 σ/√n.
    xs = sample("normal", 400, seed=47, mu=0.0, sigma=1.0)
    fit = mle(xs, "normal")
    half_width = 1.959964 * fit["sigma"] / math.sqrt(xs.size)
    grid = fit["mu"] + np.array([-half_width, 0.0, half_width])
    curve = log_likelihood_curve(xs, "normal", grid)
    np.testing.assert_allclose(curve[[0, 2]] - curve[1], -LIKELIHOOD_DROP_95, atol=1e-5)


def test_log_likelihood_curve_rejects_an_unknown_family():
    with pytest.raises(ProbabilityError, match="family must be one of normal, bernoulli"):
        log_likelihood_curve([1, 2], "uniform", [0.5, 1.0])


# ---------------------------------------------------------------- input checks found in review


def test_log_points_keeps_close_to_the_count_just_above_it():
    for n in (2001, 4000, 10**7):
        points = log_points(n)
        assert 1900 <= points.size <= 2000


@pytest.mark.parametrize("flips", [[0, 2, 1], [-1, 0], [0.5, 1]])
def test_flip_counters_refuse_values_other_than_0_and_1(flips):
    with pytest.raises(ProbabilityError, match="flips must be 0 \\(tails\\) or 1 \\(heads\\)"):
        heads_in_tens(flips * 10)
    with pytest.raises(ProbabilityError, match="flips must be 0"):
        streak_counts(flips, [1])


def test_belief_path_checks_the_test_even_before_any_result():
    with pytest.raises(ProbabilityError, match="sensitivity must be a probability"):
        belief_path(0.01, 1.5, 0.05, [])
    with pytest.raises(ProbabilityError, match="false_positive_rate must be a probability"):
        belief_path(0.01, 0.9, -0.1, [])


def test_running_mean_at_refuses_fractional_counts():
    with pytest.raises(ProbabilityError, match="ns must be whole numbers"):
        running_mean_at([1, 0, 0, 1], [1.9, 4.2])


def test_a_parameter_that_is_not_a_number_is_named():
    with pytest.raises(ProbabilityError, match="mu must be a number; got 'a'"):
        distribution("normal", mu="a", sigma=1)


def test_normal_mle_fits_values_that_differ_only_far_down_the_digits():
    fit = mle([1e8, 1e8 + 1e-5], "normal")
    assert fit["sigma"] == pytest.approx(5e-6, rel=1e-3)
    with pytest.raises(ProbabilityError, match="no spread"):
        mle([0.1, 0.1, 0.1], "normal")


# ---------------------------------------------------------------- likelihood interval, typed data


def test_normal_likelihood_interval_is_the_mean_plus_minus_196_standard_errors():
    xs = sample("normal", 400, seed=8, mu=2.0, sigma=3.0)
    fit = mle(xs, "normal")
    half = math.sqrt(2 * LIKELIHOOD_DROP_95) * fit["sigma"] / math.sqrt(xs.size)
    low, high = likelihood_interval(xs, "normal")
    assert low == pytest.approx(fit["mu"] - half, rel=1e-9)
    assert high == pytest.approx(fit["mu"] + half, rel=1e-9)


@pytest.mark.parametrize(
    ("xs", "family"),
    [([0, 1, 1, 0, 1], "bernoulli"), ([2, 3, 7, 1], "poisson"), ([0.5, 2.0, 1.2], "exponential")],
)
def test_likelihood_interval_ends_sit_192_below_the_peak(xs, family):
    low, high = likelihood_interval(xs, family)
    main = MLE_FAMILIES[family]
    theta = mle(xs, family)[main]
    assert low < theta < high
    top = log_likelihood(xs, family, **mle(xs, family))
    for end in (low, high):
        assert log_likelihood(xs, family, **{main: end}) - top == pytest.approx(
            -LIKELIHOOD_DROP_95, abs=1e-8
        )


def test_likelihood_interval_stops_at_the_edge_of_the_parameter_range():
    low, high = likelihood_interval([0, 0, 0], "bernoulli")
    # 3 log(1 − p) = −1.92 at the upper end; p̂ = 0 is the lower end itself.
    assert low == 0.0
    assert high == pytest.approx(1 - math.exp(-LIKELIHOOD_DROP_95 / 3), rel=1e-9)


def test_the_interval_narrows_like_one_over_root_n():
    widths = []
    for n in (100, 10_000):
        xs = sample("bernoulli", n, seed=4, p=0.3)
        low, high = likelihood_interval(xs, "bernoulli")
        widths.append(high - low)
    assert widths[0] / widths[1] == pytest.approx(10, rel=0.1)


def test_parse_sample_reads_commas_semicolons_spaces_and_lines():
    assert parse_sample("1, 2;3\n4  5e-1").tolist() == [1.0, 2.0, 3.0, 4.0, 0.5]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "type at least one number"),
        (" , ; ", "type at least one number"),
        ("1, two", "'two' is not a number"),
        ("1, nan", "'nan' is not a finite number"),
        ("inf", "'inf' is not a finite number"),
        ("__import__('os')", "is not a number"),
    ],
)
def test_parse_sample_explains_what_it_cannot_read(text, message):
    with pytest.raises(ProbabilityError, match=message):
        parse_sample(text)


def test_parse_sample_limits_how_much_it_reads():
    with pytest.raises(ProbabilityError, match="at most 3 numbers; got 4"):
        parse_sample("1 2 3 4", limit=3)


@pytest.mark.parametrize(
    ("family", "truth", "grid"),
    [
        ("normal", {"mu": 1.0, "sigma": 2.0}, np.linspace(-3, 5, 9)),
        ("bernoulli", {"p": 0.3}, np.linspace(0, 1, 11)),
        ("poisson", {"lam": 4.0}, np.linspace(0, 10, 11)),
        ("exponential", {"rate": 0.5}, np.linspace(0.1, 3, 9)),
    ],
)
def test_the_likelihood_curve_from_sums_equals_scipy_summed_point_by_point(family, truth, grid):
    xs = sample(family, 500, seed=12, **truth)
    curve = log_likelihood_curve(xs, family, grid)
    if family == "normal":
        sigma = mle(xs, family)["sigma"]
        reference = [log_likelihood(xs, family, mu=m, sigma=sigma) for m in grid]
    else:
        with np.errstate(divide="ignore"):
            reference = [log_likelihood(xs, family, **{MLE_FAMILIES[family]: g}) for g in grid]
    np.testing.assert_allclose(curve, reference, rtol=1e-10)


# ---------------------------------------------------------------- likelihood at the edges


def test_likelihood_interval_of_a_normal_sample_with_a_negative_mean():
    # A Poisson search range (√(θ + 1)) was once computed for every family and crashed here.
    low, high = likelihood_interval([-3.0, -2.0], "normal")
    assert low == pytest.approx(-3.193, abs=5e-4)
    assert high == pytest.approx(-1.807, abs=5e-4)


def test_log1pmx_keeps_its_digits_where_log1p_minus_x_cancels():
    with localcontext() as context:
        context.prec = 60
        for d in (1e-12, -3e-9, 1e-5, 0.2, -0.24, 0.26, 3.0, -0.9):
            exact = (1 + Decimal(d)).ln() - Decimal(d)
            assert float(log1pmx(d)) == pytest.approx(float(exact), rel=1e-14), d
    assert float(log1pmx(-1.0)) == -math.inf


def exact_drop(xs, family, value):
    """log L(value) − log L(θ̂) at 60 digits, from the sample's sums (the reference)."""
    with localcontext() as context:
        context.prec = 60
        n = len(xs)
        total = sum(Decimal(x) for x in xs)
        v = Decimal(value)
        match family:
            case "poisson":
                top = total / n
                return float(total * (v / top).ln() - n * (v - top))
            case "exponential":
                top = n / total
                return float(n * (v / top).ln() - total * (v - top))
            case _:
                top = total / n
                return float(total * (v / top).ln() + (n - total) * ((1 - v) / (1 - top)).ln())


@pytest.mark.parametrize(
    ("xs", "family"),
    [
        ([1e15, 1e15 + 2e7, 1e15 - 4e7], "poisson"),  # log L ≈ 10¹⁷: the old curve lost it
        ([1, 0, 0, 2], "poisson"),
        ([3.0], "exponential"),
        ([1e-200, 3e-200, 2e-200], "exponential"),
        ([1e200, 3e200], "exponential"),
        ([0] * 9_999 + [1], "bernoulli"),
        ([1, 0], "bernoulli"),
    ],
)
def test_likelihood_interval_ends_sit_192_below_the_peak_at_any_scale(xs, family):
    low, high = likelihood_interval(xs, family)
    theta = mle(xs, family)[MLE_FAMILIES[family]]
    assert low < theta < high
    for end in (low, high):
        assert exact_drop(xs, family, end) == pytest.approx(-LIKELIHOOD_DROP_95, rel=1e-7)
    drops = log_likelihood_drop(xs, family, [low, theta, high])
    np.testing.assert_allclose(drops, [-LIKELIHOOD_DROP_95, 0.0, -LIKELIHOOD_DROP_95], atol=1e-7)


@pytest.mark.parametrize(
    ("family", "truth", "grid"),
    [
        ("normal", {"mu": 1.0, "sigma": 2.0}, np.linspace(-3, 5, 9)),
        ("bernoulli", {"p": 0.3}, np.linspace(0, 1, 11)),
        ("poisson", {"lam": 4.0}, np.linspace(0, 10, 11)),
        ("exponential", {"rate": 0.5}, np.linspace(0.1, 3, 9)),
    ],
)
def test_the_drop_is_the_curve_minus_its_peak(family, truth, grid):
    xs = sample(family, 500, seed=12, **truth)
    top = log_likelihood_curve(xs, family, [mle(xs, family)[MLE_FAMILIES[family]]])[0]
    with np.errstate(divide="ignore"):
        expected = log_likelihood_curve(xs, family, grid) - top
    np.testing.assert_allclose(log_likelihood_drop(xs, family, grid), expected, atol=1e-8)


EXTREME_SAMPLES = [
    [-3.0, -2.0],
    [-1e300, -2e300],
    [0.0, 0.0, 0.0],
    [0.0, 1.0],
    [1e-320, 3e-320],
    [5e-324],
    [1e308, 1.7e308],
    [-1.7e308, 1.7e308],
    [1e-300, 1e300],
    [7.0],
    [2.0, 2.0 + 2**-51],
]


@pytest.mark.parametrize("family", list(MLE_FAMILIES))
@pytest.mark.parametrize("xs", EXTREME_SAMPLES, ids=str)
def test_every_likelihood_function_answers_or_explains_on_extreme_samples(family, xs):
    try:
        fit = mle(xs, family)
    except ProbabilityError:
        with pytest.raises(ProbabilityError, match="xs"):
            mle(xs, family)
        with pytest.raises(ProbabilityError, match="xs"):
            likelihood_interval(xs, family)
        return
    theta = fit[MLE_FAMILIES[family]]
    low, high = likelihood_interval(xs, family)
    assert low <= theta <= high
    inner = [value for value in (low, theta, high) if math.isfinite(value)]
    if family == "exponential":
        inner = [value for value in inner if value > 0]  # a subnormal end may round to 0
    with np.errstate(all="ignore"):
        drops = log_likelihood_drop(xs, family, inner)
    assert np.all(drops <= 0)
    assert drops[inner.index(theta)] == 0


@settings(max_examples=200, deadline=None)
@given(
    centre=st.floats(-1e300, 1e300),
    spread=st.floats(1e-300, 1e300),
    n=st.integers(2, 50),
    seed=st.integers(0, 2**32 - 1),
)
def test_normal_likelihood_functions_work_anywhere_on_the_real_line(centre, spread, n, seed):
    z = np.random.default_rng(seed).standard_normal(n)
    with np.errstate(over="ignore"):
        xs = centre + spread * z
    if not np.all(np.isfinite(xs)) or xs.min() == xs.max():
        return
    fit = mle(xs, "normal")
    low, high = likelihood_interval(xs, "normal")
    assert low <= fit["mu"] <= high
    half = fit["sigma"] * math.sqrt(2 * LIKELIHOOD_DROP_95 / n)
    if math.isfinite(low) and math.isfinite(high):
        rounding = 4 * np.spacing(abs(fit["mu"]) + half)  # μ ± half is rounded to a float
        assert high - fit["mu"] == pytest.approx(half, rel=1e-9, abs=rounding)
        assert fit["mu"] - low == pytest.approx(half, rel=1e-9, abs=rounding)
    grid = np.linspace(xs.min(), xs.max(), 7)
    drops = log_likelihood_drop(xs, "normal", grid)
    assert np.all(drops <= 0)
    assert np.all(np.isfinite(drops))


@settings(max_examples=60, deadline=None)
@given(
    family=st.sampled_from(["poisson", "exponential", "bernoulli"]),
    scale=st.floats(1e-250, 1e250),
    n=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
)
def test_one_parameter_intervals_hold_their_peak_at_any_scale(family, scale, n, seed):
    rng = np.random.default_rng(seed)
    match family:
        case "poisson":
            xs = np.round(scale * rng.random(n)) if scale > 1 else rng.integers(0, 5, n)
        case "exponential":
            xs = scale * rng.exponential(size=n)
        case _:
            xs = rng.integers(0, 2, n)
    try:
        fit = mle(xs, family)
    except ProbabilityError:
        return
    theta = fit[MLE_FAMILIES[family]]
    low, high = likelihood_interval(xs, family)
    assert 0 <= low <= theta <= high
    if family == "bernoulli":
        assert high <= 1


# ---------------------------------------------------------------- a run of coin flips


def run_flips(n, p, seed, run):
    """The flips of run ``run``, drawn by hand under the documented seed convention."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run,)))
    return coin_flips(n, p=p, seed=rng)


@pytest.mark.parametrize(("n", "p", "seed", "run"), [(1, 0.5, 1, 0), (1000, 0.3, 7, 2)])
def test_a_coin_run_summarises_the_flips_of_its_child_seed(n, p, seed, run):
    flips = run_flips(n, p, seed, run)
    summary = coin_run(n, p=p, seed=seed, run=run)
    assert (summary.n, summary.p, summary.streaks) == (n, p, STREAK_LENGTHS)
    assert summary.heads == int(flips.sum())
    np.testing.assert_array_equal(summary.at, log_points(n))
    assert summary.at.dtype == np.int32
    assert summary.share.dtype == np.float32
    np.testing.assert_allclose(summary.share, running_mean(flips)[log_points(n) - 1], rtol=1e-6)
    np.testing.assert_array_equal(summary.tens, heads_in_tens(flips))
    followers, heads = streak_counts(flips, STREAK_LENGTHS)
    np.testing.assert_array_equal(summary.followers, followers)
    np.testing.assert_array_equal(summary.heads_after, heads)
    assert summary.first == "".join("H" if f else "T" for f in flips[:10])


def test_adding_a_run_leaves_the_runs_already_drawn_alone():
    first = coin_run(500, seed=3, run=0)
    assert coin_run(500, seed=3, run=0).first == first.first
    assert coin_run(500, seed=3, run=1).share.tolist() != first.share.tolist()
    assert coin_run(500, seed=4, run=0).share.tolist() != first.share.tolist()


def test_a_coin_run_takes_the_shares_where_it_is_told_and_its_arrays_are_read_only():
    summary = coin_run(100, seed=2, at=[1, 10, 100])
    assert summary.at.tolist() == [1, 10, 100]
    flips = run_flips(100, 0.5, 2, 0)
    assert summary.share.tolist() == pytest.approx([flips[0], flips[:10].mean(), flips.mean()])
    for array in (summary.at, summary.share, summary.tens, summary.followers):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, "n must be a whole number from 1"),
        ({"n": 10, "at": [1, 5]}, "at must end at n = 10; it ends at 5"),
        ({"n": 10, "seed": -1}, "seed must be a whole number from 0"),
        ({"n": 10, "run": 1.5}, "run must be a whole number from 0"),
        ({"n": 10, "p": 2.0}, "p must be a probability between 0 and 1"),
    ],
)
def test_a_coin_run_rejects_bad_input_by_name(kwargs, message):
    n = kwargs.pop("n")
    with pytest.raises(ProbabilityError, match=message):
        coin_run(n, **kwargs)


def test_pooled_runs_add_their_counts_and_report_run_one():
    runs = [coin_run(2000, p=0.4, seed=5, run=r) for r in range(3)]
    pool = pool_coin_runs(runs)
    assert pool.share == runs[0].heads / 2000
    assert pool.gap == pytest.approx(abs(runs[0].heads / 2000 - 0.4))
    assert pool.sd == pytest.approx(math.sqrt(0.24))
    assert pool.typical_gap == pytest.approx(math.sqrt(0.24 / 2000))
    np.testing.assert_array_equal(pool.tens, sum(r.tens for r in runs))
    assert pool.groups == 3 * 200
    np.testing.assert_allclose(pool.tens_share, pool.tens / 600)
    np.testing.assert_allclose(pool.exact_tens, stats.binom(10, 0.4).pmf(np.arange(11)))
    np.testing.assert_array_equal(pool.followers, sum(r.followers for r in runs))
    np.testing.assert_array_equal(pool.heads_after, sum(r.heads_after for r in runs))
    share, low, high = streak_shares(pool.followers, pool.heads_after, p=0.4)
    np.testing.assert_array_equal(pool.streak_share, share)
    np.testing.assert_array_equal(pool.streak_low, low)
    np.testing.assert_array_equal(pool.streak_high, high)


def test_pooled_runs_of_fewer_than_ten_flips_have_no_groups_of_ten():
    pool = pool_coin_runs([coin_run(9, seed=1)])
    assert pool.groups == 0
    assert np.isnan(pool.tens_share).all()
    assert pool.tens_share.shape == (11,)


@pytest.mark.parametrize(
    ("runs", "message"),
    [
        ([], "runs must hold at least one run"),
        ([coin_run(10, seed=1), coin_run(20, seed=1)], "same n, p and streak lengths"),
        ([coin_run(10, seed=1), coin_run(10, p=0.3, seed=1)], "same n, p and streak lengths"),
    ],
)
def test_pooling_refuses_runs_that_do_not_belong_together(runs, message):
    with pytest.raises(ProbabilityError, match=message):
        pool_coin_runs(runs)


def test_streak_shares_are_heads_over_followers_with_two_standard_errors():
    share, low, high = streak_shares([400, 100, 0, 1], [200, 80, 0, 1], p=0.5)
    assert share[:2].tolist() == [0.5, 0.8]
    assert np.isnan(share[2])
    assert low[0] == pytest.approx(0.5 - 2 * math.sqrt(0.25 / 400))
    assert high[0] == pytest.approx(0.5 + 2 * math.sqrt(0.25 / 400))
    assert high[1] == pytest.approx(0.9)
    assert (low[3], high[3]) == (0.0, 1.0)  # whiskers clipped to [0, 1]
    _, low_one, high_one = streak_shares([400], [200], p=0.5, width=1.0)
    assert (low_one[0], high_one[0]) == pytest.approx((0.475, 0.525))


@pytest.mark.parametrize(
    ("followers", "heads", "message"),
    [
        ([1, 2], [1], "same length"),
        ([1], [2], "heads must be counts from 0 up to followers"),
        ([-1], [0], "heads must be counts from 0 up to followers"),
    ],
)
def test_streak_shares_reject_counts_that_do_not_fit(followers, heads, message):
    with pytest.raises(ProbabilityError, match=message):
        streak_shares(followers, heads, p=0.5)


def test_the_mean_band_narrows_like_one_over_root_n():
    low, high = mean_band([1, 4, 100], 0.5, 0.5)
    np.testing.assert_allclose(high - 0.5, [1.0, 0.5, 0.1])
    np.testing.assert_allclose(0.5 - low, [1.0, 0.5, 0.1])
    low, high = mean_band([25], -100 / 3, 10.0, width=1.0)
    assert (low[0], high[0]) == pytest.approx((-100 / 3 - 2, -100 / 3 + 2))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0, 1], 0.5, 0.5), "ns must be counts of at least 1"),
        (([1], math.nan, 0.5), "mean must be a finite number"),
        (([1], 0.5, -1.0), "sd must be a finite number ≥ 0"),
    ],
)
def test_the_mean_band_rejects_bad_input_by_name(args, message):
    with pytest.raises(ProbabilityError, match=message):
        mean_band(*args)


# ---------------------------------------------------------------- a game, summarised and played


def test_the_dice_game_is_summarised_exactly():
    game = summarise_game(DICE_VALUES, [1] * 6)
    assert game.exact == Fraction(-100, 3)
    assert game.mean == float(Fraction(-100, 3))
    assert game.sd == pytest.approx(math.sqrt(500_000 / 9))
    assert game.verdict == "lose"
    np.testing.assert_allclose(game.ps, [1 / 6] * 6)
    np.testing.assert_allclose(game.contributions, [50, 50, *[-100 / 3] * 4])
    assert game.expected_total(3) == pytest.approx(-100)
    assert game.total_spread(4) == pytest.approx(2 * math.sqrt(500_000 / 9))


@pytest.mark.parametrize(
    ("values", "weights", "exact", "verdict"),
    [
        ((200, 200, -100, -100, -100, -100), (1,) * 6, Fraction(0), "fair"),
        (DICE_VALUES, (3, 3, 1, 1, 1, 1), Fraction(100), "win"),
        ((0.5, -0.5), (1, 1), None, "fair"),
        ((0.5, -0.25), (1, 1), None, "win"),
        ((1, 2), (0.5, 1), None, "win"),
    ],
)
def test_a_game_is_exact_only_with_whole_payoffs_and_weights(values, weights, exact, verdict):
    game = summarise_game(values, weights)
    assert game.exact == exact
    assert game.verdict == verdict
    total = sum(weights)
    expected = sum(x * w / total for x, w in zip(values, weights, strict=True))
    assert game.mean == pytest.approx(expected)


def test_a_game_within_rounding_of_zero_counts_as_fair():
    game = summarise_game([0.1, 0.2, -0.3], [1, 1, 1])  # 0.1 + 0.2 − 0.3 is not 0 in floats
    assert game.exact is None
    assert game.mean != 0
    assert game.verdict == "fair"


@pytest.mark.parametrize(
    ("values", "weights", "message"),
    [
        ((1, 2), (0, 0), "weights must not all be 0"),
        ((1, 2), (1, -1), "weights must not be negative"),
        ((1, 2, 3), (1, 1), "values and ps must have the same length"),
        ((1, math.inf), (1, 1), "values must be finite numbers"),
    ],
)
def test_a_game_rejects_bad_input_by_name(values, weights, message):
    with pytest.raises(ProbabilityError, match=message):
        summarise_game(values, weights)


def test_a_game_run_averages_the_rounds_it_plays():
    rounds = play(DICE_VALUES, [1 / 6] * 6, 5000, seed=2)
    run = game_run(DICE_VALUES, [1 / 6] * 6, 5000, seed=2)
    np.testing.assert_array_equal(run.at, log_points(5000))
    np.testing.assert_allclose(run.average, running_mean(rounds)[log_points(5000) - 1])
    assert run.total == float(rounds.sum())
    again = game_run(DICE_VALUES, [1 / 6] * 6, 5000, seed=2, at=[1, 5000])
    assert again.average.tolist() == [rounds[0], rounds.mean()]
    with pytest.raises(ProbabilityError, match="at must end at n = 5000"):
        game_run(DICE_VALUES, [1 / 6] * 6, 5000, seed=2, at=[1, 10])


# ---------------------------------------------------------------- drawing a distribution


@pytest.mark.parametrize(
    ("family", "params"),
    [
        ("normal", {"mu": 1.0, "sigma": 2.0}),
        ("exponential", {"rate": 0.5}),
        ("uniform", {"a": -1.0, "b": 3.0}),
        ("binomial", {"n": 40, "p": 0.25}),
        ("poisson", {"lam": 3.0}),
        ("geometric", {"p": 0.01}),
        ("bernoulli", {"p": 0.3}),
    ],
)
def test_the_support_points_hold_all_but_the_far_tails(family, params):
    grid = support_points(family, params)
    frozen = distribution(family, **params)
    assert np.all(np.diff(grid) > 0)
    if family in DISCRETE:
        assert np.all(grid == np.round(grid))
        inside = frozen.cdf(grid[-1]) - frozen.cdf(grid[0] - 1)
        assert grid.size <= 402
    else:
        inside = frozen.cdf(grid[-1]) - frozen.cdf(grid[0])
        assert grid.size == 400
    assert inside >= 0.999
    if family == "exponential":
        assert grid[0] == 0
    if family == "uniform":
        assert (grid[0], grid[-1]) == pytest.approx((-1.4, 3.4))


def test_a_wide_discrete_support_is_thinned_to_every_kth_value():
    grid = support_points("geometric", {"p": 0.001})
    assert grid.size <= 401
    assert grid[0] == 1
    assert support_points("geometric", {"p": 0.001}, points=50).size <= 51


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"points": 1}, "points must be a whole number from 2"),
        ({"tail": 0.5}, "tail must be a probability between 0 and 0.5"),
        ({"tail": 0}, "tail must be a probability between 0 and 0.5"),
    ],
)
def test_the_support_points_reject_bad_knobs_by_name(kwargs, message):
    with pytest.raises(ProbabilityError, match=message):
        support_points("normal", {"mu": 0.0, "sigma": 1.0}, **kwargs)


def test_value_shares_are_shares_of_the_whole_sample():
    values, shares = value_shares([3, 1, 1, 2, 9, 1])
    assert values.tolist() == [1, 2, 3, 9]
    assert shares.tolist() == pytest.approx([0.5, 1 / 6, 1 / 6, 1 / 6])
    values, shares = value_shares([3, 1, 1, 2, 9, 1], low=2, high=3)
    assert values.tolist() == [2, 3]
    assert shares.tolist() == pytest.approx([1 / 6, 1 / 6])


def test_the_density_histogram_has_area_one_inside_its_range():
    xs = sample("normal", 10_000, seed=1, mu=0.0, sigma=1.0)
    edges, density = density_histogram(xs, low=-10.0, high=10.0)
    assert edges.size == 61  # √10000 = 100 bins, at most 60
    assert float((density * np.diff(edges)).sum()) == pytest.approx(1.0)
    edges, density = density_histogram([1.0, 2.0], low=0.0, high=4.0)
    assert edges.size == 6  # √2 bins, at least 5
    assert float((density * np.diff(edges)).sum()) == pytest.approx(1.0)
    with pytest.raises(ProbabilityError, match="low and high must be finite"):
        density_histogram([1.0], low=2.0, high=1.0)


def test_sample_moments_divide_the_variance_by_n_minus_1():
    assert sample_moments([1.0, 2.0, 3.0, 6.0]) == (3.0, pytest.approx(14 / 3))
    mean, var = sample_moments([7.0])
    assert mean == 7.0
    assert math.isnan(var)
    with pytest.raises(ProbabilityError, match="xs must be a non-empty 1-D array"):
        sample_moments([])


# ---------------------------------------------------------------- the hidden truth and the curve


@pytest.mark.parametrize("family", list(HIDDEN_RANGES))
def test_the_hidden_truth_is_child_one_of_the_seed_uniform_in_range(family):
    for seed in (0, 1, 9, 123_456):
        truth = hidden_truth(family, seed)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,)))
        assert truth == {
            name: round(float(rng.uniform(lo, hi)), 2)
            for name, (lo, hi) in HIDDEN_RANGES[family].items()
        }
        for name, (lo, hi) in HIDDEN_RANGES[family].items():
            assert lo <= truth[name] <= hi
    assert set(HIDDEN_RANGES) == set(MLE_FAMILIES)


def test_the_hidden_sample_is_drawn_with_the_seed_from_the_hidden_truth():
    xs = hidden_sample("poisson", 50, seed=9)
    expected = sample("poisson", 50, seed=9, **hidden_truth("poisson", 9))
    np.testing.assert_array_equal(xs, expected)
    with pytest.raises(ProbabilityError, match="family must be one of"):
        hidden_truth("gamma", 1)
    with pytest.raises(ProbabilityError, match="seed must be a whole number from 0"):
        hidden_truth("normal", -1)


@pytest.mark.parametrize("family", list(MLE_FAMILIES))
def test_a_fixed_likelihood_grid_spans_the_view_and_is_dense_near_the_estimate(family):
    xs = hidden_sample(family, 1000, seed=4)
    theta = mle(xs, family)[MLE_FAMILIES[family]]
    interval = likelihood_interval(xs, family)
    grid = likelihood_grid(xs, family, theta, interval, fixed_range=True)
    lo, hi = LIKELIHOOD_VIEW[family]
    assert np.all(np.diff(grid) > 0)
    assert grid[-1] == hi
    assert grid[0] == lo if family == "normal" else grid[0] > 0
    near = (grid >= theta - 3 * (interval[1] - interval[0])) & (
        grid <= theta + 3 * (interval[1] - interval[0])
    )
    assert near.sum() >= 200  # the 241 points near the estimate, less any outside the view
    assert 600 <= grid.size <= 650


def test_a_likelihood_grid_for_typed_data_follows_the_data():
    xs = np.array([2.0, 4.0, 3.0, 5.0, 1.0, 3.0, 2.0, 6.0])
    interval = likelihood_interval(xs, "normal")
    grid = likelihood_grid(xs, "normal", 3.25, interval)
    assert (grid[0], grid[-1]) == (1.0, 6.0)
    interval = likelihood_interval(xs, "poisson")
    grid = likelihood_grid(xs, "poisson", 3.25, interval)
    assert grid[0] > 0
    assert grid[-1] == pytest.approx(2.5 * 3.25 + 3 / 8 + 3)
    grid = likelihood_grid(
        [1.0, 0.0], "bernoulli", 0.5, likelihood_interval([1.0, 0.0], "bernoulli")
    )
    assert (grid[0] > 0, grid[-1]) == (True, 1.0)


def test_a_likelihood_grid_rejects_an_interval_that_runs_backwards():
    with pytest.raises(ProbabilityError, match="interval must run from low to high"):
        likelihood_grid([1.0, 2.0], "normal", 1.5, (2.0, 1.0))
    with pytest.raises(ProbabilityError, match="theta and interval must be finite"):
        likelihood_grid([1.0, 2.0], "normal", math.nan, (1.0, 2.0))


def test_the_mean_log_loss_is_the_binary_cross_entropy():
    xs = [1, 0, 1, 1]
    p = 0.75
    assert mean_log_loss(xs, "bernoulli", p=p) == pytest.approx(
        -(p * math.log(p) + (1 - p) * math.log(1 - p))
    )
    assert math.copysign(1, mean_log_loss([1, 1], "bernoulli", p=1.0)) == 1  # 0, not −0
    assert mean_log_loss([2.0, 4.0], "poisson", lam=3.0) == pytest.approx(
        -float(log_likelihood([2.0, 4.0], "poisson", lam=3.0)) / 2
    )


# ---------------------------------------------------------------- fixed frames, intervals, CLT


@pytest.mark.parametrize(
    ("family", "one", "other"),
    [
        ("normal", {"mu": -4.0, "sigma": 0.3}, {"mu": 4.0, "sigma": 5.0}),
        ("uniform", {"a": -5.0, "b": -4.0}, {"a": 0.0, "b": 5.0}),
        ("exponential", {"rate": 0.1}, {"rate": 5.0}),
        ("poisson", {"lam": 0.5}, {"lam": 30.0}),
        ("geometric", {"p": 0.05}, {"p": 0.9}),
        ("binomial", {"n": 30, "p": 0.1}, {"n": 30, "p": 0.9}),
    ],
)
def test_the_frame_does_not_follow_location_or_scale(family, one, other):
    assert pr.fixed_window(family, one) == pr.fixed_window(family, other)


def test_the_binomial_frame_spans_zero_to_n_and_fits_the_fair_peak_twice():
    w = pr.fixed_window("binomial", {"n": 20, "p": 0.3})
    assert (w.x_low, w.x_high) == (-0.5, 20.5)
    assert w.y_high == pytest.approx(2 * stats.binom(20, 0.5).pmf(10))


def test_the_default_bell_fills_most_of_its_frame_with_room_at_the_top():
    w = pr.fixed_window("normal", {"mu": 0.0, "sigma": 1.0})
    assert 6 / (w.x_high - w.x_low) >= 0.5  # ±3σ spans at least half the width
    assert 0.8 <= stats.norm.pdf(0) / w.y_high <= 0.95  # the peak, with a tenth to spare
    assert stats.norm.cdf(w.x_low) < 1e-8  # yet both tails are drawn
    assert (w.x_low, w.x_high) == (-6.0, 6.0)  # every μ the slider allows keeps its peak in


@pytest.mark.parametrize(
    ("family", "params", "most"),
    [
        ("exponential", {"rate": 1.0}, 0.99),
        ("poisson", {"lam": 3.0}, 0.999),
        ("geometric", {"p": 0.3}, 0.99),
        ("uniform", {"a": 0.0, "b": 1.0}, 1.0),
    ],
)
def test_each_default_lies_inside_its_frame_under_the_top(family, params, most):
    w = pr.fixed_window(family, params)
    frozen = pr.distribution(family, **params)
    assert frozen.cdf(w.x_high) - frozen.cdf(w.x_low) >= most
    grid = pr.support_points(family, params)
    peak = frozen.pmf(grid).max() if family in pr.DISCRETE else frozen.pdf(grid).max()
    assert peak <= w.y_high / 1.1  # room at the top: no bar or curve touches it


@pytest.mark.parametrize(
    ("family", "params", "support"),
    [
        ("binomial", {"n": 10, "p": 0.5}, (0, 10)),
        ("binomial", {"n": 100, "p": 0.5}, (0, 100)),
        ("bernoulli", {"p": 0.3}, (0, 1)),
        ("poisson", {"lam": 3.0}, (0, 20)),
        ("geometric", {"p": 0.3}, (1, 20)),
    ],
)
def test_an_interval_on_a_discrete_family_runs_over_its_support(family, params, support):
    assert pr.interval_support(family, params) == support


def test_an_interval_support_is_only_for_discrete_families():
    with pytest.raises(ProbabilityError, match="family must be discrete"):
        pr.interval_support("normal", {"mu": 0.0, "sigma": 1.0})


@pytest.mark.parametrize(
    ("family", "params", "frozen"),
    [
        ("normal", {"mu": 1.0, "sigma": 2.0}, stats.norm(1, 2)),
        ("uniform", {"a": -1.0, "b": 3.0}, stats.uniform(-1, 4)),
        ("exponential", {"rate": 0.5}, stats.expon(scale=2)),
    ],
)
@pytest.mark.parametrize(("a", "b"), [(-1.0, 1.0), (0.3, 2.7), (-20.0, 20.0)])
def test_a_continuous_interval_probability_is_the_cdf_difference(family, params, frozen, a, b):
    expected = frozen.cdf(b) - frozen.cdf(a)
    assert pr.interval_probability(family, params, a, b) == pytest.approx(expected, abs=1e-15)
    area, _ = integrate.quad(frozen.pdf, a, b, points=[0.0])
    assert pr.interval_probability(family, params, a, b) == pytest.approx(area, abs=1e-7)


def test_the_normal_one_sigma_interval_holds_68_27_percent():
    assert pr.interval_probability("normal", {"mu": 3.0, "sigma": 2.0}, 1, 5) == pytest.approx(
        0.682689492, abs=1e-9
    )


@pytest.mark.parametrize(("a", "b"), [(2, 5), (2.5, 5.5), (0, 20), (7, 7)])
def test_a_discrete_interval_sums_the_pmf_over_whole_values_inside(a, b):
    ks = np.arange(math.ceil(a), math.floor(b) + 1)
    expected = stats.binom(20, 0.3).pmf(ks).sum()
    got = pr.interval_probability("binomial", {"n": 20, "p": 0.3}, a, b)
    assert got == pytest.approx(expected, abs=1e-12)


def test_an_empty_interval_has_probability_zero_and_nan_ends_are_refused():
    assert pr.interval_probability("normal", {"mu": 0.0, "sigma": 1.0}, 2, 1) == 0.0
    assert pr.interval_probability("poisson", {"lam": 3.0}, 2.2, 2.8) == 0.0
    with pytest.raises(ProbabilityError, match="a and b must be numbers"):
        pr.interval_probability("normal", {"mu": 0.0, "sigma": 1.0}, math.nan, 1)


def test_sample_means_average_m_draws_of_the_same_stream():
    means = pr.sample_means("poisson", {"lam": 3.0}, 4, 50, seed=5)
    draws = pr.sample("poisson", 200, seed=5, lam=3.0)
    np.testing.assert_allclose(means, draws.reshape(50, 4).mean(axis=1))


def test_sample_means_spread_shrinks_like_sigma_over_root_m():
    for m in (1, 4, 16, 64):
        means = pr.sample_means("exponential", {"rate": 1.0}, m, 20_000, seed=m)
        centre, sd = pr.mean_normal("exponential", {"rate": 1.0}, m)
        assert (centre, sd) == pytest.approx((1.0, 1 / math.sqrt(m)))
        assert means.std() == pytest.approx(sd, rel=0.05)
        assert abs(means.mean() - centre) < 4 * sd / math.sqrt(20_000)


def test_sample_means_refuse_more_than_the_draw_budget():
    with pytest.raises(ProbabilityError, match=r"at most 2,000,000 draws; got 2,000,001"):
        pr.sample_means("normal", {"mu": 0.0, "sigma": 1.0}, 1, 2_000_001)


def test_means_of_whole_numbers_get_one_bin_per_lattice_point():
    means = pr.sample_means("binomial", {"n": 1, "p": 0.5}, 4, 4000, seed=2)
    edges, density = pr.means_histogram(means, low=-0.5, high=1.5, lattice=0.25)
    np.testing.assert_allclose(np.diff(edges), 0.25)
    centres = (edges[:-1] + edges[1:]) / 2
    shares = density * 0.25
    assert shares.sum() == pytest.approx(1.0)
    for k, share in zip(centres, shares, strict=True):
        expected = stats.binom(4, 0.5).pmf(round(k * 4)) if 0 <= k <= 1 else 0.0
        assert abs(share - expected) < 0.03


# ---------------------------------------------------------------- coin flips: gap against n


def test_share_gap_is_the_distance_from_p_with_exact_hits_left_out():
    gaps = pr.share_gap([0.0, 0.5, 0.75, 1.0], 0.5)
    assert gaps[[0, 2, 3]].tolist() == [0.5, 0.25, 0.5]
    assert np.isnan(gaps[1])


@pytest.mark.parametrize("p", [0.5, 0.1, 0.9])
def test_typical_gap_is_sigma_over_root_n_a_line_of_slope_minus_half(p):
    ns = np.array([1, 10, 100, 10_000, 10_000_000])
    gaps = pr.typical_gap(ns, p)
    np.testing.assert_allclose(gaps, np.sqrt(p * (1 - p) / ns))
    np.testing.assert_allclose(np.diff(np.log10(gaps)) / np.diff(np.log10(ns)), -0.5)
    assert gaps[3] / gaps[4] == pytest.approx(math.sqrt(1000))


def test_a_hundred_times_more_flips_buy_one_more_digit_on_average():
    # The mean gap E|share − p| at n, exact from the binomial, against 400 seeded runs;
    # from 100 to 10,000 flips it falls tenfold, like σ/√n.
    at = np.array([100, 10_000])
    gaps = np.array(
        [pr.share_gap(pr.coin_run(10_000, seed=s, at=at).share, 0.5) for s in range(400)]
    )
    mean_gap = np.nan_to_num(gaps).mean(axis=0)  # a gap of 0 counts as 0
    exact = [
        float(
            np.sum(np.abs(np.arange(n + 1) / n - 0.5) * stats.binom(n, 0.5).pmf(np.arange(n + 1)))
        )
        for n in at
    ]
    np.testing.assert_allclose(mean_gap, exact, rtol=0.1)
    assert exact[0] / exact[1] == pytest.approx(10, rel=0.1)
    assert exact[1] == pytest.approx(
        math.sqrt(2 / math.pi) * pr.typical_gap([10_000], 0.5)[0], rel=0.01
    )


def test_gap_floor_sits_a_power_of_ten_at_least_thirty_times_below_the_typical_gap():
    for n in (10, 1000, 10_000_000):
        floor = pr.gap_floor(n, 0.5)
        typical = 0.5 / math.sqrt(n)
        assert floor <= typical / 30 < 10 * floor
        assert math.log10(floor) == round(math.log10(floor))
    with pytest.raises(ProbabilityError, match="strictly between 0 and 1"):
        pr.gap_floor(10, 1.0)


def test_streak_outliers_name_only_streaks_that_happened_and_miss_p():
    followers = [1000, 0, 5, 200]
    low = [0.46, np.nan, 0.8, 0.30]
    high = [0.54, np.nan, 1.0, 0.45]
    assert pr.streak_outliers(followers, low, high, p=0.5) == [2, 3]
    assert pr.streak_outliers(followers, low, high, p=0.4) == [0, 2]


# ---------------------------------------------------------------- Bayes: a crowd through tests


@pytest.mark.parametrize(
    ("prior", "sens", "fpr", "results"),
    [
        (0.01, 0.9, 0.05, [True]),
        (0.001, 0.99, 0.01, [True]),
        (0.0001, 0.99, 0.01, [True]),
        (0.01, 0.9, 0.05, [True, True, False]),
        (0.3, 0.8, 0.2, [False, True, True, True]),
        (0.005, 0.9, 0.05, [True] * 5),
    ],
)
def test_the_crowds_share_agrees_with_the_belief_at_every_stage(prior, sens, fpr, results):
    crowd = pr.crowd_path(prior, sens, fpr, results)
    beliefs = pr.belief_path(prior, sens, fpr, results)
    shares = crowd.shares()
    # each group left holds at least 5 people: rounding moves a share by at most ~10 %
    np.testing.assert_allclose(shares, beliefs, rtol=0.12)
    assert min(crowd.has_it[-1], crowd.healthy[-1]) >= 4


def test_the_crowd_grows_only_as_far_as_the_rarest_group_needs():
    # Without the reading check: at least 5 people in each group left at the end.
    assert pr.crowd_path(0.01, 0.9, 0.05, [True], digits=None).population == 1000
    assert pr.crowd_path(0.001, 0.99, 0.01, [True], digits=None).population == 10_000
    assert pr.crowd_path(0.0001, 0.99, 0.01, [True], digits=None).population == 100_000
    twice = pr.crowd_path(0.01, 0.9, 0.05, [True, True], digits=None)
    assert twice.population == 10_000  # 9,900 · 0.05² ≈ 25 healthy left
    assert (twice.has_it, twice.healthy) == ((100, 90, 81), (9900, 495, 25))


@pytest.mark.parametrize(
    ("prior", "sens", "fpr", "seq", "population"),
    [
        (0.01, 0.9, 0.05, "p", 10_000),  # 9 of 59 is 15.3 %; 90 of 585 is 15.4 %
        (0.0001, 0.99, 0.01, "p", 1_000_000),  # 10 of 1,010 is 0.99 %; the belief 0.98 %
        (0.001, 0.9, 0.05, "p", 10_000),  # 9 of 509 is 1.77 %
        (0.01, 0.9, 0.05, "pp", 100_000),
        (0.01, 0.9, 0.05, "ppnppppp", 1_000_000_000),  # 478,297 of 478,298: > 99.99 %
        (0.3, 0.9, 0.05, "p", 1000),
    ],
)
def test_the_crowd_reads_as_the_exact_belief_at_every_stage(prior, sens, fpr, seq, population):
    results = [r == "p" for r in seq]
    crowd = pr.crowd_path(prior, sens, fpr, results)
    assert crowd.population == population
    assert crowd.agrees
    beliefs = pr.belief_path(prior, sens, fpr, results)
    assert [pr.shown_share(s) for s in crowd.shares()] == [pr.shown_share(b) for b in beliefs]


def test_a_share_reads_as_its_percentage_to_three_digits_never_rounded_to_certainty():
    assert pr.shown_share(10 / 1010) == 0.99
    assert pr.shown_share(99 / 10098) == pr.shown_share(0.0098 / 0.99999) == 0.98
    assert pr.shown_share(0.1538) == pr.shown_share(0.15384) == 15.4
    assert pr.shown_share(9 / 59) == 15.3
    assert pr.shown_share(0.99951) == 99.95  # not 100
    assert pr.shown_share(0.00004) == "<"
    assert pr.shown_share(0.99999) == ">"
    assert (pr.shown_share(0.0), pr.shown_share(1.0)) == (0.0, 100.0)


def test_each_result_keeps_only_the_people_who_got_it():
    crowd = pr.crowd_path(0.01, 0.9, 0.05, [True, False])
    caught, missed, flagged, cleared = crowd.split(1, 0.9, 0.05)
    assert (caught + missed, flagged + cleared) == (crowd.has_it[0], crowd.healthy[0])
    assert (crowd.has_it[1], crowd.healthy[1]) == (caught, flagged)  # a positive keeps the +
    caught, missed, flagged, cleared = crowd.split(2, 0.9, 0.05)
    assert (crowd.has_it[2], crowd.healthy[2]) == (missed, cleared)  # a negative keeps the −
    with pytest.raises(ProbabilityError, match="test must be from 1 to 2; got 3"):
        crowd.split(3, 0.9, 0.05)


def test_the_crowd_stops_at_the_largest_size_asked_for():
    crowd = pr.crowd_path(0.0001, 0.99, 0.01, [True] * 8, largest=1_000_000)
    assert crowd.population == 1_000_000
    assert crowd.healthy[-1] == 0  # 10⁶ · 0.9999 · 0.01⁸ rounds to nobody
    assert not crowd.agrees  # so the page must say so
    assert pr.crowd_path(0.01, 0.9, 0.05, [True], largest=1000).population == 1000
    # eight negatives leave 0.01 · 0.1⁸ with it: even a billion rounds them to none
    assert not pr.crowd_path(0.01, 0.9, 0.05, [False] * 8).agrees


def test_log_odds_put_small_beliefs_decades_apart_and_stay_within_the_limit():
    odds = pr.log10_odds([0.0001 / 0.9999 * 0.9999, 0.01 / 1.01, 0.5, 1.0, 0.0, np.nan])
    np.testing.assert_allclose(odds[:3], [np.log10(0.0001 / 0.9999), -2.0, 0.0])
    assert (odds[3], odds[4]) == (pr.LOG_ODDS_LIMIT, -pr.LOG_ODDS_LIMIT)
    assert np.isnan(odds[5])
    # each positive test climbs the same step, log10(sens / fpr)
    steps = np.diff(pr.log10_odds(pr.belief_path(0.001, 0.9, 0.05, [True] * 3)))
    np.testing.assert_allclose(steps, np.log10(0.9 / 0.05))


def test_a_certain_or_impossible_group_does_not_grow_the_crowd():
    assert pr.crowd_path(0.01, 1.0, 0.0, [True]).population == 1000
    crowd = pr.crowd_path(0.0, 0.9, 0.05, [True])
    assert (crowd.has_it, crowd.healthy) == ((0, 0), (1000, 50))
    with pytest.raises(ProbabilityError, match="least must be a number ≥ 1"):
        pr.crowd_path(0.01, 0.9, 0.05, [True], least=0)


# ---------------------------------------------------------------- MLE: a candidate θ


@pytest.mark.parametrize(("mu", "sigma"), [(0.0, 1.0), (1.3, 0.4), (-2.0, 3.0)])
def test_normal_drop_is_the_scipy_log_likelihood_below_its_peak(mu, sigma):
    xs = pr.sample("normal", 500, seed=4, mu=0.5, sigma=1.5)
    mus = np.array([mu, mu + 0.5])
    best = stats.norm(xs.mean(), xs.std()).logpdf(xs).sum()
    expected = [stats.norm(m, sigma).logpdf(xs).sum() - best for m in mus]
    np.testing.assert_allclose(pr.normal_drop(xs, mus, sigma), expected, rtol=1e-9, atol=1e-8)


def test_normal_drop_peaks_at_zero_only_at_the_estimate():
    xs = pr.sample("normal", 200, seed=9, mu=1.0, sigma=2.0)
    fit = pr.mle(xs, "normal")
    assert pr.normal_drop(xs, [fit["mu"]], fit["sigma"])[0] == pytest.approx(0, abs=1e-9)
    for sigma in (0.5 * fit["sigma"], 2 * fit["sigma"]):
        curve = pr.normal_drop(xs, np.linspace(-3, 5, 801), sigma)
        assert curve.max() < 0
        assert np.linspace(-3, 5, 801)[curve.argmax()] == pytest.approx(fit["mu"], abs=0.01)
    with pytest.raises(ProbabilityError, match="σ must be a positive number; got 0"):
        pr.normal_drop(xs, [0.0], 0)


@pytest.mark.parametrize(
    ("family", "params", "truth"),
    [
        ("bernoulli", {"p": 0.3}, {"p": 0.6}),
        ("poisson", {"lam": 2.0}, {"lam": 5.0}),
        ("exponential", {"rate": 0.7}, {"rate": 2.0}),
        ("normal", {"mu": 0.5, "sigma": 2.0}, {"mu": 0.0, "sigma": 1.0}),
    ],
)
@pytest.mark.parametrize("n", [50, 5000])
def test_the_parts_of_log_l_add_up_to_the_log_likelihood(family, params, truth, n):
    xs = pr.sample(family, n, seed=3, **truth)
    x, count, total = pr.log_likelihood_parts(xs, family, params, most=200)
    assert count.sum() == n
    assert total.sum() == pytest.approx(pr.log_likelihood(xs, family, **params), rel=1e-10)
    frozen = pr.distribution(family, **params)
    if family in DISCRETE or n <= 200:  # one group per value: count × log p(value)
        logp = frozen.logpmf(x) if family in DISCRETE else frozen.logpdf(x)
        np.testing.assert_allclose(total, count * logp)
    else:
        assert len(x) <= 200


def test_mle_messages_write_sigma_and_a_true_minus_sign():
    with pytest.raises(ProbabilityError, match="as σ shrinks to 0, so no σ maximises it"):
        pr.mle([3.0, 3.0], "normal")
    with pytest.raises(ProbabilityError, match="every value is −2"):
        pr.mle([-2.0, -2.0], "normal")
    with pytest.raises(ProbabilityError, match="; −1 is not"):
        pr.mle([2.0, -1.0], "poisson")


def test_whole_values_are_every_whole_number_or_a_spread_of_at_most_most():
    assert pr.whole_values(0.2, 4.9).tolist() == [1.0, 2.0, 3.0, 4.0]
    values = pr.whole_values(1e11, 2e11, most=400)
    assert values.size <= 401
    assert (values[0], values[-1]) == (1e11, 2e11)
    assert np.all(values == np.round(values))
    with pytest.raises(ProbabilityError, match="low ≤ high"):
        pr.whole_values(3, 1)


# ---------------------------------------------------------------- expected value: by hand


def test_rolled_faces_are_the_rounds_play_pays_in_the_same_order():
    payoffs = np.array([300, 300, -200, -200, -200, -200], dtype=float)
    ps = np.full(6, 1 / 6)
    faces = pr.roll_faces(ps, 1000, seed=8)
    np.testing.assert_array_equal(payoffs[faces], pr.play(payoffs, ps, 1000, seed=8))
    # the first k faces do not depend on how many are rolled in all
    np.testing.assert_array_equal(pr.roll_faces(ps, 7, seed=8), faces[:7])
    counts = np.bincount(pr.roll_faces([0.5, 0.25, 0.25], 40_000, seed=1), minlength=3)
    np.testing.assert_allclose(counts / 40_000, [0.5, 0.25, 0.25], atol=0.01)


def test_expected_value_terms_merge_equal_payoffs_and_sum_to_e_x():
    terms = pr.expected_value_terms([300, 300, -200, -200, -200, -200], [3, 3, 1, 1, 1, 1])
    assert terms == [(300.0, 6.0, 10.0), (-200.0, 4.0, 10.0)]
    assert sum(x * w / t for x, w, t in terms) == pytest.approx(100)
    assert pr.expected_value_terms([5, 7], [0, 2]) == [(7.0, 2.0, 2.0)]  # weight 0 drops out
    with pytest.raises(ProbabilityError, match="weights must not all be 0"):
        pr.expected_value_terms([1, 2], [0, 0])


def test_frame_bins_size_the_histogram_by_the_distribution_not_the_frame():
    for sd in (0.1, 0.5, 2.0):
        bins = pr.frame_bins(20.0, sd, 10_000)
        width = 20.0 / bins
        assert 4 * sd / width == pytest.approx(60, rel=0.35) or bins in (20, 600)
    assert pr.frame_bins(20.0, 0.2, 1000) > pr.frame_bins(20.0, 1.0, 1000) > 20
    assert pr.frame_bins(20.0, 0.0, 1000) == 20
    with pytest.raises(ProbabilityError, match="width and sd must be finite"):
        pr.frame_bins(0.0, 1.0, 10)


def test_the_normal_landscape_peaks_at_the_estimate_and_matches_scipy():
    xs = pr.sample("normal", 300, seed=2, mu=1.0, sigma=0.7)
    fit = pr.mle(xs, "normal")
    (mu_lo, mu_hi), (s_lo, s_hi) = pr.landscape_window(xs, -2.0, 3.0)
    assert mu_lo < -2.0 < fit["mu"] < mu_hi
    assert 0 < s_lo < fit["sigma"] < 3.0 < s_hi
    mus, sigmas = np.linspace(mu_lo, mu_hi, 9), np.linspace(s_lo, s_hi, 7)
    land = pr.normal_drop_map(xs, mus, sigmas)
    assert land.shape == (7, 9)
    best = stats.norm(fit["mu"], fit["sigma"]).logpdf(xs).sum()
    for i, sigma in enumerate(sigmas):
        for j, mu in enumerate(mus):
            expected = stats.norm(mu, sigma).logpdf(xs).sum() - best
            assert land[i, j] == pytest.approx(expected, rel=1e-9, abs=1e-7)
    assert land.max() <= 0
    with pytest.raises(ProbabilityError, match="sigmas must be positive numbers"):
        pr.normal_drop_map(xs, mus, [1.0, 0.0])


def test_the_normal_profile_is_the_best_log_likelihood_over_sigma_at_each_mu():
    xs = pr.sample("normal", 200, seed=3, mu=1.0, sigma=2.0)
    peak = stats.norm(xs.mean(), xs.std()).logpdf(xs).sum()
    for mu in (-1.0, 0.5, 1.0, 3.0):
        sigmas = np.linspace(0.5, 8, 4001)
        best = max(stats.norm(mu, s).logpdf(xs).sum() for s in sigmas)
        profile = pr.normal_profile_drop(xs, [mu])[0]
        assert profile == pytest.approx(best - peak, abs=1e-3)
        assert pr.normal_best_sigma(xs, mu) == pytest.approx(np.sqrt(np.mean((xs - mu) ** 2)))
        # any other σ scores at or below the profile
        assert pr.normal_drop(xs, [mu], 1.0)[0] <= profile + 1e-12
    assert pr.normal_profile_drop(xs, [xs.mean()])[0] == 0.0


# ---------------------------------------------------------------- sample means, batch by batch


def test_batch_counts_split_the_values_in_order_and_add_up_to_the_histogram():
    rng = np.random.default_rng(3)
    xs = rng.normal(size=1003)
    edges = np.linspace(-3, 3, 25)
    ends = pr.log_points(1003, count=200)
    counts = pr.batch_counts(xs, edges, ends=ends)
    assert counts.shape == (ends.size, 24)
    np.testing.assert_array_equal(counts.sum(axis=0), np.histogram(xs, bins=edges)[0])
    # the rows so far are the histogram of the values so far, at every end
    for j in (0, 10, 100, ends.size - 1):
        so_far = np.histogram(xs[: ends[j]], bins=edges)[0]
        np.testing.assert_array_equal(counts[: j + 1].sum(axis=0), so_far)
    assert counts[0].sum() == 1  # the first batch is the first value alone
    with pytest.raises(ProbabilityError, match="edges must be at least two increasing numbers"):
        pr.batch_counts(xs, [1.0, 1.0], ends=[1003])
    with pytest.raises(ProbabilityError, match="ends must be increasing counts from 1"):
        pr.batch_counts(xs, edges, ends=[0, 1003])
    with pytest.raises(ProbabilityError, match=r"ends must stop at len\(xs\) = 1003; got 1000"):
        pr.batch_counts(xs, edges, ends=[10, 1000])


# ---------------------------------------------------------------- MLE: the curve's frame


def test_the_likelihood_frame_spans_the_peak_and_takes_in_the_candidate():
    xs = pr.hidden_sample("normal", 100, seed=1)
    fit = pr.mle(xs, "normal")
    interval = pr.likelihood_interval(xs, "normal")
    here = float(pr.normal_drop(xs, [0.0], 1.0)[0])
    view = pr.likelihood_view(fit["mu"], interval, 0.0, here)
    half = (interval[1] - interval[0]) / 2
    # the whole interval and 2.5 of its half-widths either side: the peak fills the frame
    assert view.low <= fit["mu"] - 2.5 * half
    assert view.high >= fit["mu"] + 2.5 * half
    assert view.high - view.low <= 1.2 * max(5 * half, abs(fit["mu"]) + 2.5 * half)
    assert view.low < 0.0 < view.high  # the candidate μ is inside
    # the candidate (σ = 1 against σ̂ ≈ 1.7) is 46.2 below the peak: the floor goes under it
    assert here == pytest.approx(-46.2, abs=0.1)
    assert view.floor < here
    assert view.floor == pytest.approx(1.15 * here)


def test_a_candidate_far_away_widens_the_frame_and_a_hopeless_one_stays_at_the_floor():
    view = pr.likelihood_view(0.0, (-0.1, 0.1), 3.0, -2.0)
    assert view.high > 3.0
    assert view.floor == -8.0  # a candidate within 8 of the peak keeps the usual floor
    assert pr.likelihood_view(0.0, (-0.1, 0.1), 0.0, -1e6).floor == -120.0
    with pytest.raises(ProbabilityError, match="must be finite"):
        pr.likelihood_view(0.0, (0.1, -0.1), 0.0, -1.0)
    with pytest.raises(ProbabilityError, match="widths must be > 0"):
        pr.likelihood_view(0.0, (-0.1, 0.1), 0.0, -1.0, widths=0)


@pytest.mark.parametrize("drop", [0.0, -1.9, -7.9, -8.5, -24.43, -63.0, -100.0, -127.0, -1e9])
def test_the_likelihood_floor_holds_the_candidate_in_a_few_steps(drop):
    floor = pr.likelihood_floor(drop)
    assert floor in (-8.0, -16.0, -32.0, -64.0, -128.0)
    if drop >= 0.95 * -128.0:
        assert floor <= drop / 0.95  # the candidate sits on the chart, with a little room
        assert floor == -8.0 or drop < 0.95 * floor / 2  # and the frame is the first that holds it
    else:
        assert floor == -128.0  # past the deepest: drawn at the floor, off the chart


def test_the_likelihood_floor_needs_a_floor_below_zero():
    with pytest.raises(pr.ProbabilityError, match="deepest ≤ lowest < 0"):
        pr.likelihood_floor(-3.0, lowest=1.0)
