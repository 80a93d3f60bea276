"""Probability by experiment: coin flips, games of chance, distributions, Bayes, likelihood.

Randomness comes in as ``seed``: an ``int`` (the same int gives the same draws), a
``numpy.random.Generator`` (used as it is) or ``None`` (fresh entropy). Probability vectors
are called ``ps``; payoffs or outcomes ``values``; samples ``xs``.

``coin_flips``, ``running_mean``, ``running_mean_at``    the law of large numbers
``log_points``, ``mean_band``                            where to sample a running mean; its band
``streak_counts``, ``streak_follow_rate``                the gambler's fallacy, counted
``streak_shares``, ``streak_outliers``                    … with standard-error whiskers
``share_gap``, ``typical_gap``, ``gap_floor``            |share − p| and σ/√n, for log–log axes
``heads_in_tens``                                        ten flips at a time
``coin_run``, ``pool_coin_runs``                         runs of flips, summarised and pooled
``expected_value``, ``variance``, ``play``               a game's long-run average
``roll_faces``, ``expected_value_terms``                 its rounds face by face; E[X] by hand
``summarise_game``, ``game_run``                         a game's verdict; rounds played
``distribution``, ``sample``                             scipy.stats distributions by name
``support_points``, ``value_shares``                     where to draw a pmf or pdf; a sample's
``density_histogram``, ``sample_moments``                … shares, histogram, mean and variance
``fixed_window``, ``interval_probability``               a family's fixed frame; P(a < X < b)
``sample_means``, ``mean_normal``, ``means_histogram``   averages of m draws and their normal
``frame_bins``                                           histogram bins fitted to a fixed frame
``bayes_posterior``, ``belief_path``, ``natural_frequencies``    a test result and a belief
``crowd_path``                                           … a crowd re-filtered by each result
``mle``, ``log_likelihood``, ``log_likelihood_curve``    fitting by maximum likelihood
``log_likelihood_drop``, ``log1pmx``                     the curve below its peak, stably
``likelihood_interval``, ``parse_sample``                the estimate's spread; typed data
``likelihood_grid``, ``mean_log_loss``                   where to draw the curve; −log L / n
``normal_drop``, ``normal_drop_map``                     a candidate (μ, σ); the (μ, σ) landscape
``landscape_window``                                     … framed on its peak and the candidate
``log_likelihood_parts``                                 each data point's log p(x | θ)
``whole_values``                                         where to draw a pmf, at most so many
``hidden_truth``, ``hidden_sample``                      a seeded secret parameter and its data
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, overload

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, special, stats

Seed = int | np.random.Generator | None

MAX_FLIPS = 100_000_000
FAMILIES: dict[str, tuple[str, ...]] = {
    "normal": ("mu", "sigma"),
    "uniform": ("a", "b"),
    "bernoulli": ("p",),
    "binomial": ("n", "p"),
    "poisson": ("lam",),
    "exponential": ("rate",),
    "geometric": ("p",),
}
"""Each family's parameters, in the order the pillar shows them."""
DISCRETE = frozenset({"bernoulli", "binomial", "poisson", "geometric"})
MLE_FAMILIES: dict[str, str] = {
    "normal": "mu",
    "bernoulli": "p",
    "poisson": "lam",
    "exponential": "rate",
}
"""Families ``mle`` fits, each with the parameter its likelihood curve is drawn over."""
LIKELIHOOD_DROP_95 = float(stats.chi2.ppf(0.95, 1) / 2)
"""How far below its peak the log-likelihood may fall inside a 95 % likelihood interval."""
PROBABILITY_TOL = 1e-9


class ProbabilityError(ValueError):
    """A function of this module was given input it cannot use; the message names it."""


def _rng(seed: Seed) -> np.random.Generator:
    if isinstance(seed, bool | float) or not (
        seed is None or isinstance(seed, int | np.integer | np.random.Generator)
    ):
        raise ProbabilityError(f"seed must be an integer, a Generator or None; got {seed!r}")
    if isinstance(seed, int | np.integer) and seed < 0:
        raise ProbabilityError(f"seed must be a non-negative integer; got {seed}")
    return np.random.default_rng(seed)


def _probability(name: str, value: float) -> float:
    value = float(value)
    if not 0.0 <= value <= 1.0:  # also refuses nan
        raise ProbabilityError(f"{name} must be a probability between 0 and 1; got {value}")
    return value


def _count(name: str, n: int, *, low: int = 1, high: int = MAX_FLIPS) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not low <= n <= high:
        raise ProbabilityError(f"{name} must be a whole number from {low:,} to {high:,}; got {n!r}")
    return int(n)


# --------------------------------------------------------------------------------------
# Coin flips and the law of large numbers
# --------------------------------------------------------------------------------------


def coin_flips(n: int, *, p: float = 0.5, seed: Seed = None) -> np.ndarray:
    """Flip a coin that lands heads with probability ``p``, ``n`` times.

    Parameters
    ----------
    n : int
        Number of flips, from 1 to 100 million.
    p : float
        Probability of heads, from 0 to 1.
    seed : int, Generator or None
        The same int gives the same flips.

    Returns
    -------
    ndarray of int8, shape (n,)
        1 for heads, 0 for tails.

    Examples
    --------
    >>> coin_flips(8, seed=1).tolist() == coin_flips(8, seed=1).tolist()
    True
    >>> coin_flips(0)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: n must be a whole number from 1 to 100,000,000; got 0
    """
    n = _count("n", n)
    p = _probability("p", p)
    rng = _rng(seed)
    if p in (0.0, 1.0):
        return np.full(n, int(p), dtype=np.int8)
    # Each flip compares 32 raw random bits with p · 2³², the cheapest fair draw numpy
    # offers: P(heads) is within 2.4e-10 of p.
    words = rng.bit_generator.random_raw(-(-n // 2)).view(np.uint32)[:n]
    return (words < np.uint32(min(round(p * 2**32), 2**32 - 1))).view(np.int8)


def running_mean(xs: ArrayLike) -> np.ndarray:
    """The mean of the first 1, 2, …, n values.

    Parameters
    ----------
    xs : array_like, shape (n,)
        Outcomes in the order they happened.

    Returns
    -------
    ndarray of float, shape (n,)

    Examples
    --------
    >>> running_mean([1, 0, 0, 1]).tolist()
    [1.0, 0.5, 0.3333333333333333, 0.5]
    """
    xs = np.asarray(xs)
    if xs.ndim != 1 or xs.size == 0:
        raise ProbabilityError(f"xs must be a non-empty 1-D array; got shape {xs.shape}")
    return np.cumsum(xs, dtype=float) / np.arange(1, xs.size + 1)


def log_points(n: int, *, count: int = 2000) -> np.ndarray:
    """At most ``count`` whole numbers from 1 to ``n``, evenly spaced on a log scale.

    A running mean plotted on a log axis needs no more: 1 and ``n`` are always included, and
    every number is used while they are fewer than ``count``.

    Examples
    --------
    >>> log_points(5).tolist()
    [1, 2, 3, 4, 5]
    >>> points = log_points(10**7, count=500)
    >>> int(points[0]), int(points[-1]), points.size <= 500
    (1, 10000000, True)
    """
    n = _count("n", n)
    count = _count("count", count, low=2, high=MAX_FLIPS)
    if n <= count:
        return np.arange(1, n + 1)

    def spaced(size: int) -> np.ndarray:
        return np.unique(np.geomspace(1, n, size).round().astype(np.int64))

    # The small integers crowd together and merge, so ask for more candidates than `count`:
    # the most that still leave at most `count` distinct points, found by bisection.
    low, high = count, 4 * count
    while spaced(high).size <= count:
        low, high = high, 2 * high
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if spaced(middle).size <= count else (low, middle)
    return spaced(low)


def running_mean_at(xs: ArrayLike, ns: ArrayLike) -> np.ndarray:
    """The mean of the first ``n`` values for each ``n`` in ``ns``, without the whole series.

    Parameters
    ----------
    xs : array_like, shape (N,)
        Outcomes in order.
    ns : array_like of int
        Increasing counts from 1 to N, such as ``log_points(N)``.

    Returns
    -------
    ndarray of float, shape like ``ns``; equal to ``running_mean(xs)[ns - 1]``.

    Examples
    --------
    >>> running_mean_at([1, 0, 0, 1], [1, 4]).tolist()
    [1.0, 0.5]
    """
    xs = np.asarray(xs)
    asked = np.asarray(ns)
    ns = asked.astype(np.int64)
    if xs.ndim != 1 or xs.size == 0:
        raise ProbabilityError(f"xs must be a non-empty 1-D array; got shape {xs.shape}")
    if (
        ns.ndim != 1
        or ns.size == 0
        or np.any(ns != asked)
        or ns[0] < 1
        or ns[-1] > xs.size
        or np.any(np.diff(ns) <= 0)
    ):
        raise ProbabilityError(
            f"ns must be whole numbers increasing strictly from 1 up to len(xs) = {xs.size}"
        )
    if xs.dtype.kind in "biu" and xs.min() >= 0 and xs.max() <= 1:
        # Zeros and ones, such as coin flips: count the ones 64 at a time.
        words = _packed(xs != 0, xs.size // 64 + 2)
        return _ones_before(words, ns) / ns
    # Sums of the stretches between the requested counts, then their running total.
    starts = np.concatenate(([0], ns[:-1]))
    totals = np.cumsum(np.add.reduceat(xs[: ns[-1]], starts, dtype=float))
    return totals / ns


def _flips(flips: ArrayLike) -> np.ndarray:
    flips = np.asarray(flips)
    if flips.ndim != 1 or flips.size == 0:
        raise ProbabilityError(f"flips must be a non-empty 1-D array; got shape {flips.shape}")
    whole = flips.dtype.kind in "biu" or bool(np.all(flips == np.round(flips)))
    if not whole or flips.min() < 0 or flips.max() > 1:
        raise ProbabilityError("flips must be 0 (tails) or 1 (heads)")
    return flips


def _packed(bits: np.ndarray, words: int) -> np.ndarray:
    """Bits (bool, shape (n,)) as little-endian 64-bit words: bit j of word w is bits[64w + j]."""
    packed = np.zeros(words * 8, dtype=np.uint8)
    raw = np.packbits(bits, bitorder="little")
    packed[: raw.size] = raw
    return packed.view("<u8")


def _first_bits(count: int, words: int) -> np.ndarray:
    """Words whose bits 0 … count − 1 are set and the rest clear."""
    mask = np.zeros(words, dtype=np.uint64)
    full, rest = divmod(max(count, 0), 64)
    mask[:full] = np.uint64(2**64 - 1)
    if rest:
        mask[full] = np.uint64(2**rest - 1)
    return mask


def _shifted(words: np.ndarray, m: int) -> np.ndarray:
    """Words whose bit j is bit j + m of ``words`` (0 past the end), for 0 < m < 64."""
    out = words >> np.uint64(m)
    out[:-1] |= words[1:] << np.uint64(64 - m)
    return out


def _ones(words: np.ndarray) -> int:
    return int(np.bitwise_count(words).sum())


def _ones_before(words: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """How many bits are set among bits 0 … p − 1, for each p in ``positions``."""
    whole = np.concatenate(([0], np.cumsum(np.bitwise_count(words), dtype=np.int64)))
    word, bit = np.divmod(np.asarray(positions, dtype=np.int64), 64)
    below = (np.uint64(1) << bit.astype(np.uint64)) - np.uint64(1)
    return whole[word] + np.bitwise_count(words[word] & below)


def streak_counts(flips: ArrayLike, ks: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """How often k tails in a row were followed by another flip, and how often by heads.

    For each k, a flip *follows a streak* when the k flips just before it are all tails.
    The coin has no memory, so heads / followers stays near p for every k.

    Parameters
    ----------
    flips : array_like of 0/1, shape (n,)
        1 for heads, 0 for tails.
    ks : sequence of int
        Streak lengths, each from 1 to 63.

    Returns
    -------
    followers, heads : ndarray of int64, shape (len(ks),)
        Flips that follow k tails in a row, and how many of those are heads.

    Examples
    --------
    >>> followers, heads = streak_counts([0, 0, 1, 0, 0, 0], [1, 2])
    >>> followers.tolist(), heads.tolist()
    ([4, 2], [1, 1])
    """
    flips = _flips(flips)
    ks = [int(k) for k in ks]
    if any(not 1 <= k <= 63 for k in ks):
        raise ProbabilityError(f"ks must be streak lengths from 1 to 63; got {ks}")
    n = flips.size
    # Sixty-four flips per machine word: a streak test is a few shifts and ANDs per word,
    # a small fraction of the work of the same test on one byte per flip.
    words = n // 64 + 2
    tails = _packed(flips == 0, words)
    heads = ~tails & _first_bits(n, words)
    found: dict[int, tuple[int, int]] = {}
    window = tails.copy()  # bit j: flips j … j + k − 1 are all tails
    for k in range(1, max(ks, default=0) + 1):
        if k > 1:
            window &= _shifted(tails, k - 1)
        # The follower of the window at j is flip j + k, which must exist: j < n − k.
        inside = window & _first_bits(n - k, words)
        found[k] = (_ones(inside), _ones(inside & _shifted(heads, k)))
    followers = np.array([found[k][0] for k in ks], dtype=np.int64)
    hits = np.array([found[k][1] for k in ks], dtype=np.int64)
    return followers, hits


def streak_follow_rate(flips: ArrayLike, k: int) -> float:
    """Share of heads among the flips that come right after k tails in a row.

    Parameters
    ----------
    flips : array_like of 0/1
        1 for heads, 0 for tails.
    k : int
        Streak length, from 1 to 63.

    Returns
    -------
    float
        heads / followers, or nan when k tails in a row never happened.

    Examples
    --------
    >>> streak_follow_rate([0, 0, 1, 0, 0, 0], 2)
    0.5
    >>> streak_follow_rate([1, 1, 1], 1)
    nan
    """
    followers, heads = streak_counts(flips, [k])
    return float(heads[0] / followers[0]) if followers[0] else math.nan


def heads_in_tens(flips: ArrayLike) -> np.ndarray:
    """Split the flips into groups of ten and count how many groups had 0, 1, …, 10 heads.

    Flips left over after the last full group are not used.

    Returns
    -------
    ndarray of int64, shape (11,)

    Examples
    --------
    >>> heads_in_tens([1] * 10 + [0] * 10 + [1]).tolist()
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    """
    flips = _flips(flips)
    groups = flips.size // 10
    if flips.dtype.itemsize == 1:
        # Each group is 10 bytes of 0 or 1: read as an 8-byte and a 2-byte word, its heads
        # are the set bits of the two (a 1 byte has one set bit).
        words = np.ascontiguousarray(flips[: groups * 10]).view(
            np.dtype([("head", "<u8"), ("tail", "<u2")])
        )
        per_group = np.bitwise_count(words["head"]) + np.bitwise_count(words["tail"])
    else:
        per_group = flips[: groups * 10].reshape(groups, 10).sum(axis=1)
    return np.bincount(per_group, minlength=11).astype(np.int64)


STREAK_LENGTHS: tuple[int, ...] = tuple(range(1, 11))
"""The streaks of tails a coin run counts the followers of: 1 to 10 in a row."""


def mean_band(
    ns: ArrayLike, mean: float, sd: float, *, width: float = 2.0
) -> tuple[np.ndarray, np.ndarray]:
    """The band mean ± width · sd / √n in which a running mean of n draws usually lies.

    Parameters
    ----------
    ns : array_like of int
        Counts of draws, each at least 1 (such as ``log_points(N)``).
    mean, sd : float
        The expected value and the standard deviation of one draw.
    width : float
        Half the band's width in standard errors; 2 holds about 95 % of running means.

    Returns
    -------
    low, high : ndarray of float, shape like ``ns``

    Examples
    --------
    >>> low, high = mean_band([1, 100], 0.5, 0.5)
    >>> low.tolist(), high.tolist()
    ([-0.5, 0.4], [1.5, 0.6])
    >>> mean_band([0], 0.5, 0.5)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: ns must be counts of at least 1
    """
    counts = np.asarray(ns, dtype=float)
    if counts.ndim != 1 or not np.all(counts >= 1):  # also refuses nan
        raise ProbabilityError("ns must be counts of at least 1")
    if not math.isfinite(mean):
        raise ProbabilityError(f"mean must be a finite number; got {mean}")
    if not (math.isfinite(sd) and sd >= 0):
        raise ProbabilityError(f"sd must be a finite number ≥ 0; got {sd}")
    if not (math.isfinite(width) and width > 0):
        raise ProbabilityError(f"width must be a positive number; got {width}")
    half = width * sd / np.sqrt(counts)
    return mean - half, mean + half


def share_gap(share: ArrayLike, p: float) -> np.ndarray:
    """The gap |share − p| between a running share of heads and p, for a log–log plot.

    A share that lands exactly on p has gap 0, which a log axis cannot place: it is
    returned as nan (a break in the line), never as a made-up small number.

    Examples
    --------
    >>> share_gap([1.0, 0.5, 0.52], 0.5).tolist()
    [0.5, nan, 0.020000000000000018]
    """
    p = _probability("p", p)
    gap = np.abs(np.asarray(share, dtype=np.float64) - p)
    return np.where(gap > 0, gap, np.nan)


def typical_gap(ns: ArrayLike, p: float) -> np.ndarray:
    """The typical gap σ/√n = √(p(1 − p)/n) of a share of n flips: slope −½ on log–log axes.

    Examples
    --------
    >>> typical_gap([1, 100, 10_000], 0.5).tolist()
    [0.5, 0.05, 0.005]
    """
    counts = np.asarray(ns, dtype=float)
    if counts.ndim != 1 or not np.all(counts >= 1):
        raise ProbabilityError("ns must be counts of at least 1")
    p = _probability("p", p)
    return math.sqrt(p * (1 - p)) / np.sqrt(counts)


def gap_floor(n: int, p: float) -> float:
    """A round bottom for a gap axis: a power of ten at least 30 times below σ/√n at n.

    Runs of n flips end with gaps around σ/√n; a few points dip far lower, when a share
    crosses p, and would stretch the axis over empty decades if it followed them.

    Examples
    --------
    >>> gap_floor(10_000, 0.5)  # σ/√n = 0.005, a 30th of it is 1.7e-4
    0.0001
    """
    sd_n = float(typical_gap([n], p)[0])
    if sd_n == 0:
        raise ProbabilityError(f"p must be strictly between 0 and 1 for a gap; got {p}")
    return float(10 ** math.floor(math.log10(sd_n / 30)))


def streak_outliers(
    followers: ArrayLike, low: ArrayLike, high: ArrayLike, *, p: float
) -> list[int]:
    """Where a streak happened yet its whiskers (``low`` to ``high``) miss p: their positions.

    With ±2 standard errors about one bar in twenty misses p by chance alone, so a miss
    on a bar with few followers says little; the page names them rather than hiding them.

    Examples
    --------
    >>> streak_outliers([100, 3, 0], [0.4, 1.0, np.nan], [0.6, 1.0, np.nan], p=0.5)
    [1]
    """
    followers = np.asarray(followers)
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    p = _probability("p", p)
    missed = (followers > 0) & ((high < p) | (low > p))
    return [int(i) for i in np.flatnonzero(missed)]


def streak_shares(
    followers: ArrayLike, heads: ArrayLike, *, p: float, width: float = 2.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Share of heads right after each streak, with whiskers of ``width`` standard errors.

    The standard error of a share of m flips of a coin with P(heads) = p is √(p(1 − p)/m);
    the whiskers are clipped to [0, 1].

    Parameters
    ----------
    followers, heads : array_like of int
        For each streak length, the flips right after it and how many of them were heads
        (``streak_counts``).
    p : float
        Probability of heads.
    width : float
        Half the whiskers' length in standard errors.

    Returns
    -------
    share, low, high : ndarray of float
        nan where a streak was never followed by a flip.

    Examples
    --------
    >>> share, low, high = streak_shares([100, 0], [50, 0], p=0.5)
    >>> share.tolist()[0], low.tolist()[0], high.tolist()[0]
    (0.5, 0.4, 0.6)
    >>> bool(np.isnan(share[1]))
    True
    """
    followers = np.asarray(followers)
    hits = np.asarray(heads)
    if followers.shape != hits.shape or followers.ndim != 1:
        raise ProbabilityError("followers and heads must be 1-D counts of the same length")
    if np.any(followers < 0) or np.any(hits < 0) or np.any(hits > followers):
        raise ProbabilityError("heads must be counts from 0 up to followers")
    p = _probability("p", p)
    if not (math.isfinite(width) and width > 0):
        raise ProbabilityError(f"width must be a positive number; got {width}")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(followers > 0, hits / np.maximum(followers, 1), np.nan)
        spread = width * np.sqrt(p * (1 - p) / followers)
    return share, np.clip(share - spread, 0, 1), np.clip(share + spread, 0, 1)


def _read_only(*arrays: np.ndarray) -> None:
    for array in arrays:
        array.setflags(write=False)


@dataclass(frozen=True)
class CoinRun:
    """One run of coin flips, summarised for drawing. Its arrays are read-only.

    Attributes
    ----------
    n : int
        Flips in the run.
    p : float
        Probability of heads.
    at : ndarray of int32
        Counts at which the running share was taken, increasing, the last one ``n``.
    share : ndarray of float32
        The share of heads among the first ``at`` flips; four bytes each, for drawing.
    heads : int
        Heads in the whole run.
    tens : ndarray of int64, shape (11,)
        Groups of ten flips with 0, 1, …, 10 heads (``heads_in_tens``).
    streaks : tuple of int
        The streak lengths counted.
    followers, heads_after : ndarray of int64, shape (len(streaks),)
        Flips right after that many tails in a row, and how many of them were heads.
    first : str
        The first flips, at most ten, as letters: H for heads, T for tails.
    """

    n: int
    p: float
    at: np.ndarray
    share: np.ndarray
    heads: int
    tens: np.ndarray
    streaks: tuple[int, ...]
    followers: np.ndarray
    heads_after: np.ndarray
    first: str


def coin_run(
    n: int,
    *,
    p: float = 0.5,
    seed: int = 0,
    run: int = 0,
    at: ArrayLike | None = None,
    streaks: Sequence[int] = STREAK_LENGTHS,
) -> CoinRun:
    """Run ``run`` of the experiment with ``seed``: ``n`` flips, summarised.

    Run r of seed s flips with the r-th child of ``SeedSequence(s)`` (``spawn_key=(r,)``),
    so adding a run never changes the runs already drawn.

    Parameters
    ----------
    n : int
        Flips in the run, from 1 to 100 million.
    p : float
        Probability of heads.
    seed, run : int
        The experiment's seed and the run's number, both ≥ 0.
    at : array_like of int, optional
        Where to take the running share: whole numbers increasing from at least 1 to
        ``n``; by default ``log_points(n)``.
    streaks : sequence of int
        Streak lengths of tails whose followers are counted, each from 1 to 63.

    Returns
    -------
    CoinRun

    Examples
    --------
    >>> run = coin_run(1000, seed=1)
    >>> run.heads == round(float(run.share[-1]) * 1000), int(run.tens.sum()), len(run.first)
    (True, 100, 10)
    >>> coin_run(1000, seed=1, run=1).first != run.first
    True
    >>> coin_run(10, at=[1, 5])
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: at must end at n = 10; it ends at 5
    """
    n = _count("n", n)
    seed = _count("seed", seed, low=0, high=2**64 - 1)
    run = _count("run", run, low=0, high=2**32 - 1)
    counts = log_points(n) if at is None else np.asarray(at)
    if counts.ndim != 1 or counts.size == 0 or counts[-1] != n:
        end = counts[-1] if counts.ndim == 1 and counts.size else "nowhere"
        raise ProbabilityError(f"at must end at n = {n}; it ends at {end}")
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run,)))
    flips = coin_flips(n, p=p, seed=rng)
    followers, heads_after = streak_counts(flips, streaks)
    share = running_mean_at(flips, counts)
    summary = CoinRun(
        n=n,
        p=float(p),
        at=counts.astype(np.int32),
        share=share.astype(np.float32),
        heads=round(float(share[-1]) * n),  # the count behind the last share, exactly
        tens=heads_in_tens(flips),
        streaks=tuple(int(k) for k in streaks),
        followers=followers,
        heads_after=heads_after,
        first="".join("HT"[1 - int(f)] for f in flips[:10]),
    )
    _read_only(summary.at, summary.share, summary.tens, summary.followers, summary.heads_after)
    return summary


@dataclass(frozen=True)
class CoinPool:
    """Runs of one coin taken together: what the coin-flip experiment reports.

    Attributes
    ----------
    share, gap : float
        The first run's share of heads, and its distance from p.
    sd, typical_gap : float
        One flip's standard deviation √(p(1 − p)), and the typical gap σ/√n of a share.
    tens, exact_tens : ndarray, shape (11,)
        Groups of ten flips with 0, 1, …, 10 heads across all runs, and the binomial
        probabilities of those counts.
    streaks : tuple of int
        The streak lengths counted.
    followers, heads_after : ndarray of int64
        Across all runs, the flips right after each streak and the heads among them.
    streak_share, streak_low, streak_high : ndarray of float
        Their share of heads with ±2 standard-error whiskers (``streak_shares``).
    """

    share: float
    gap: float
    sd: float
    typical_gap: float
    tens: np.ndarray
    exact_tens: np.ndarray
    streaks: tuple[int, ...]
    followers: np.ndarray
    heads_after: np.ndarray
    streak_share: np.ndarray
    streak_low: np.ndarray
    streak_high: np.ndarray

    @property
    def groups(self) -> int:
        """Groups of ten flips across all runs."""
        return int(self.tens.sum())

    @property
    def tens_share(self) -> np.ndarray:
        """Each count of heads' share of the groups of ten (nan when there are none)."""
        return self.tens / self.groups if self.groups else np.full(self.tens.size, np.nan)


def pool_coin_runs(runs: Sequence[CoinRun]) -> CoinPool:
    """Several runs of the same coin and length taken together.

    Examples
    --------
    >>> pool = pool_coin_runs([coin_run(1000, seed=1, run=r) for r in range(3)])
    >>> pool.groups, float(pool.typical_gap) == 0.5 / 1000**0.5
    (300, True)
    >>> pool_coin_runs([])
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: runs must hold at least one run
    """
    if not runs:
        raise ProbabilityError("runs must hold at least one run")
    first = runs[0]
    if any((r.n, r.p, r.streaks) != (first.n, first.p, first.streaks) for r in runs):
        raise ProbabilityError("runs must all have the same n, p and streak lengths")
    n, p = first.n, first.p
    share = first.heads / n
    sd = math.sqrt(p * (1 - p))
    followers = sum((r.followers for r in runs), np.zeros(len(first.streaks), dtype=np.int64))
    heads_after = sum((r.heads_after for r in runs), np.zeros_like(followers))
    rate, low, high = streak_shares(followers, heads_after, p=p)
    return CoinPool(
        share=share,
        gap=abs(share - p),
        sd=sd,
        typical_gap=sd / math.sqrt(n),
        tens=sum((r.tens for r in runs), np.zeros(11, dtype=np.int64)),
        exact_tens=distribution("binomial", n=10, p=p).pmf(np.arange(11)),
        streaks=first.streaks,
        followers=followers,
        heads_after=heads_after,
        streak_share=rate,
        streak_low=low,
        streak_high=high,
    )


# --------------------------------------------------------------------------------------
# Expected value
# --------------------------------------------------------------------------------------


def check_probabilities(ps: ArrayLike, *, name: str = "ps") -> np.ndarray:
    """``ps`` as a float array, or a ``ProbabilityError`` saying why it is no probability vector.

    Examples
    --------
    >>> check_probabilities([0.5, 0.5]).tolist()
    [0.5, 0.5]
    >>> check_probabilities([0.5, 0.4])
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: ps must sum to 1; they sum to 0.9 (divide each by ...)
    """
    ps = np.asarray(ps, dtype=float)
    if ps.ndim != 1 or ps.size == 0:
        raise ProbabilityError(f"{name} must be a non-empty list of probabilities")
    if not np.all(np.isfinite(ps)):
        raise ProbabilityError(f"{name} must be finite numbers; got {ps.tolist()}")
    if np.any(ps < 0):
        i = int(np.argmax(ps < 0))
        raise ProbabilityError(f"{name} must not be negative; {name}[{i}] = {ps[i]:g}")
    total = float(ps.sum())
    if abs(total - 1.0) > PROBABILITY_TOL * ps.size:
        raise ProbabilityError(
            f"{name} must sum to 1; they sum to {total:.6g} (divide each by the total to normalise)"
        )
    return ps


def normalise(weights: ArrayLike) -> np.ndarray:
    """Weights divided by their total, so they form a probability vector.

    Examples
    --------
    >>> normalise([1, 1, 2]).tolist()
    [0.25, 0.25, 0.5]
    >>> normalise([0, 0])
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: weights must not all be 0: at least one outcome ...
    """
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 1 or weights.size == 0:
        raise ProbabilityError("weights must be a non-empty list of numbers")
    if not np.all(np.isfinite(weights)):
        raise ProbabilityError(f"weights must be finite numbers; got {weights.tolist()}")
    if np.any(weights < 0):
        i = int(np.argmax(weights < 0))
        raise ProbabilityError(f"weights must not be negative; weights[{i}] = {weights[i]:g}")
    if weights.max() == 0:
        raise ProbabilityError("weights must not all be 0: at least one outcome needs a chance")
    scaled = weights / weights.max()  # so the total cannot overflow, however large they are
    return scaled / scaled.sum()


def _exact(values: Sequence[Any]) -> bool:
    return all(isinstance(v, int | Fraction) and not isinstance(v, bool) for v in values)


def _game(values: ArrayLike, ps: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    xs = np.asarray(values, dtype=float)
    ps = check_probabilities(ps)
    if xs.shape != ps.shape:
        raise ProbabilityError(
            f"values and ps must have the same length; got {xs.size} and {ps.size}"
        )
    if not np.all(np.isfinite(xs)):
        raise ProbabilityError(f"values must be finite numbers; got {xs.tolist()}")
    return xs, ps


def expected_value(values: ArrayLike, ps: ArrayLike) -> float | Fraction:
    """E[X] = Σ xᵢ P(X = xᵢ): the long-run average of a game paying ``values[i]`` with ``ps[i]``.

    Given ints and ``Fraction`` only, the answer is an exact ``Fraction``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> expected_value([300, 300, -200, -200, -200, -200], [Fraction(1, 6)] * 6)
    Fraction(-100, 3)
    >>> expected_value([1, 2], [0.5, 0.6])
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: ps must sum to 1; they sum to 1.1 (divide each by ...)
    """
    if isinstance(values, Sequence) and isinstance(ps, Sequence) and _exact([*values, *ps]):
        _game(values, [float(p) for p in ps])  # the same checks, then exact arithmetic
        if sum(ps) != 1:
            raise ProbabilityError(f"ps must sum to 1; they sum to {sum(ps)}")
        return sum(
            (Fraction(x) * Fraction(p) for x, p in zip(values, ps, strict=True)), Fraction(0)
        )
    xs, ps = _game(values, ps)
    return float(xs @ ps)


def variance(values: ArrayLike, ps: ArrayLike) -> float | Fraction:
    """Var X = Σ (xᵢ − E[X])² P(X = xᵢ): how far single rounds stray from the average.

    Given ints and ``Fraction`` only, the answer is an exact ``Fraction``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> variance([300, 300, -200, -200, -200, -200], [Fraction(1, 6)] * 6)
    Fraction(500000, 9)
    """
    mean = expected_value(values, ps)
    # expected_value answers with a Fraction only when values and ps are sequences.
    if isinstance(mean, Fraction) and isinstance(values, Sequence) and isinstance(ps, Sequence):
        return sum(
            ((Fraction(x) - mean) ** 2 * Fraction(p) for x, p in zip(values, ps, strict=True)),
            Fraction(0),
        )
    xs, ps = _game(values, ps)
    return float(((xs - mean) ** 2) @ ps)


def play(values: ArrayLike, ps: ArrayLike, n: int, *, seed: Seed = None) -> np.ndarray:
    """Play the game ``n`` times: each round pays ``values[i]`` with probability ``ps[i]``.

    Returns
    -------
    ndarray of float, shape (n,)
        The payoff of every round.

    Examples
    --------
    >>> rounds = play([1, -1], [0.5, 0.5], 1000, seed=3)
    >>> rounds.shape, set(rounds.tolist())
    ((1000,), {1.0, -1.0})
    """
    xs, ps = _game(values, ps)
    return xs[roll_faces(ps, n, seed=seed)]


def roll_faces(ps: ArrayLike, n: int, *, seed: Seed = None) -> np.ndarray:
    """Which outcome each of ``n`` rounds lands on (0, 1, …), outcome i with probability ps[i].

    ``play`` pays these very rounds: with the same seed, the first k faces are the faces
    of its first k rounds, so rolling one round at a time retraces a simulation.

    Examples
    --------
    >>> roll_faces([0.5, 0.5], 5, seed=3).tolist() == [
    ...     int(x == -1) for x in play([1, -1], [0.5, 0.5], 5, seed=3)
    ... ]
    True
    """
    ps = check_probabilities(ps)
    n = _count("n", n)
    # One uniform draw per round, looked up in the cumulative probabilities.
    edges = np.cumsum(ps)
    edges[-1] = 1.0
    faces = np.searchsorted(edges, _rng(seed).random(n), side="right")
    return np.minimum(faces, ps.size - 1)


def expected_value_terms(values: ArrayLike, weights: ArrayLike) -> list[tuple[float, float, float]]:
    """E[X]'s terms with equal payoffs merged: (payoff, its total weight, the total weight).

    A payoff's probability is its weight over the total; outcomes of weight 0 drop out.
    The terms are what a learner writes by hand: 300·2/6 − 200·4/6 for the dice game.

    Examples
    --------
    >>> expected_value_terms([300, 300, -200, -200, -200, -200], [1] * 6)
    [(300.0, 2.0, 6.0), (-200.0, 4.0, 6.0)]
    """
    xs = np.asarray(values, dtype=float)
    ws = np.asarray(weights, dtype=float)
    normalise(ws)  # the same checks as the game's probabilities
    if xs.shape != ws.shape:
        raise ProbabilityError("values and weights must have the same length")
    total = float(ws.sum())
    terms: dict[float, float] = {}
    for x, w in zip(xs.tolist(), ws.tolist(), strict=True):
        if w > 0:
            terms[x] = terms.get(x, 0.0) + w
    return [(x, w, total) for x, w in terms.items()]


FAIR_TOL = 1e-12
"""A game whose E[X] is within this fraction of its largest payoff counts as fair."""


@dataclass(frozen=True)
class Game:
    """A game of chance summarised: its probabilities, E[X], spread and verdict.

    Attributes
    ----------
    payoffs, ps : ndarray of float
        The payoffs and their probabilities.
    mean : float
        E[X], the long-run average payoff of a round.
    exact : Fraction or None
        E[X] exactly, when every payoff and weight is a whole number.
    sd : float
        The standard deviation of one round's payoff.
    verdict : {"fair", "lose", "win"}
        Whether a player breaks even, loses or wins in the long run.
    """

    payoffs: np.ndarray
    ps: np.ndarray
    mean: float
    exact: Fraction | None
    sd: float
    verdict: Literal["fair", "lose", "win"]

    @property
    def contributions(self) -> np.ndarray:
        """Each payoff times its probability: the terms that add up to E[X]."""
        return self.payoffs * self.ps

    def expected_total(self, n: int) -> float:
        """What ``n`` rounds pay together on average: n · E[X]."""
        return self.mean * n

    def total_spread(self, n: int) -> float:
        """How far the total of ``n`` rounds typically strays from n · E[X]: σ√n."""
        return self.sd * math.sqrt(n)


def summarise_game(values: ArrayLike, weights: ArrayLike) -> Game:
    """The game that pays ``values[i]`` with probability proportional to ``weights[i]``.

    E[X] is exact (a ``Fraction``) when payoffs and weights are whole numbers; then the
    game is fair exactly when E[X] = 0, else when |E[X]| is within ``FAIR_TOL`` of the
    largest payoff.

    Examples
    --------
    >>> game = summarise_game([300, 300, -200, -200, -200, -200], [1] * 6)
    >>> game.exact, game.verdict, round(game.sd, 2)
    (Fraction(-100, 3), 'lose', 235.7)
    >>> summarise_game([200, 200, -100, -100, -100, -100], [1] * 6).verdict
    'fair'
    >>> summarise_game([1, 2], [0, 0])
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: weights must not all be 0: at least one outcome ...
    """
    ps = normalise(weights)
    xs, ps = _game(values, ps)
    ws = np.asarray(weights, dtype=float)
    exact = None
    if np.all(xs == np.round(xs)) and np.all(ws == np.round(ws)):
        total = int(ws.sum())
        exact = sum(
            (Fraction(int(x)) * Fraction(int(w), total) for x, w in zip(xs, ws, strict=True)),
            Fraction(0),
        )
    mean = float(exact) if exact is not None else float(expected_value(xs, ps))
    sd = math.sqrt(variance(xs, ps))
    fair = exact == 0 if exact is not None else abs(mean) <= FAIR_TOL * np.abs(xs).max()
    verdict: Literal["fair", "lose", "win"] = "fair" if fair else "lose" if mean < 0 else "win"
    return Game(payoffs=xs, ps=ps, mean=mean, exact=exact, sd=sd, verdict=verdict)


@dataclass(frozen=True)
class GameRun:
    """Rounds of a game played in a row, summarised for drawing. Its arrays are read-only.

    Attributes
    ----------
    at : ndarray of int
        Counts of rounds at which the average was taken, the last one all of them.
    average : ndarray of float
        The average payoff of the first ``at`` rounds.
    total : float
        What all the rounds paid together.
    """

    at: np.ndarray
    average: np.ndarray
    total: float


def game_run(
    values: ArrayLike, ps: ArrayLike, n: int, *, seed: Seed = None, at: ArrayLike | None = None
) -> GameRun:
    """Play the game ``n`` times (``play``); the average so far at ``at`` and the total.

    Parameters
    ----------
    values, ps : array_like
        The payoffs and their probabilities.
    n : int
        Rounds to play.
    seed : int, Generator or None
        The same int plays the same rounds.
    at : array_like of int, optional
        Where to take the average: whole numbers increasing from at least 1 to ``n``; by
        default ``log_points(n)``.

    Examples
    --------
    >>> run = game_run([1, -1], [0.5, 0.5], 1000, seed=3)
    >>> float(run.average[-1]) == run.total / 1000, int(run.at[-1])
    (True, 1000)
    """
    rounds = play(values, ps, n, seed=seed)
    counts = log_points(rounds.size) if at is None else np.asarray(at)
    if counts.ndim != 1 or counts.size == 0 or counts[-1] != rounds.size:
        raise ProbabilityError(f"at must end at n = {rounds.size}")
    average = running_mean_at(rounds, counts)
    summary = GameRun(at=counts, average=average, total=float(rounds.sum()))
    _read_only(summary.average)
    return summary


# --------------------------------------------------------------------------------------
# Distributions
# --------------------------------------------------------------------------------------


def _check_params(family: str, params: dict[str, Any]) -> dict[str, Any]:
    if family not in FAMILIES:
        raise ProbabilityError(f"family must be one of {', '.join(FAMILIES)}; got {family!r}")
    names = FAMILIES[family]
    if set(params) != set(names):
        raise ProbabilityError(
            f"{family} takes the parameters {', '.join(names)}; got {', '.join(params) or 'none'}"
        )
    values = {}
    for name in names:
        try:
            values[name] = np.asarray(params[name], dtype=float)
        except (TypeError, ValueError):
            raise ProbabilityError(f"{name} must be a number; got {params[name]!r}") from None
    for name, value in values.items():
        if not np.all(np.isfinite(value)):
            raise ProbabilityError(f"{name} must be a finite number; got {params[name]!r}")
    checks = {
        "sigma": (lambda v: v > 0, "must be positive"),
        "rate": (lambda v: v > 0, "must be positive"),
        "lam": (lambda v: v >= 0, "must not be negative"),
        "p": (lambda v: (v >= 0) & (v <= 1), "must be a probability between 0 and 1"),
        "n": (lambda v: (v >= 0) & (v == np.round(v)), "must be a whole number ≥ 0"),
    }
    for name, value in values.items():
        if name in checks and not np.all(checks[name][0](value)):
            raise ProbabilityError(f"{name} {checks[name][1]}; got {params[name]!r}")
    if family == "uniform" and not np.all(values["a"] < values["b"]):
        raise ProbabilityError(
            f"b must be greater than a; got a = {params['a']}, b = {params['b']}"
        )
    if family == "geometric" and not np.all(values["p"] > 0):
        raise ProbabilityError("p must be above 0: with p = 0 the first success never comes")
    return values


def distribution(family: str, **params: ArrayLike) -> Any:  # noqa: PLR0911 - one per family
    """The scipy.stats distribution of ``family`` with the pillar's parameter names.

    ``normal(mu, sigma)``, ``uniform(a, b)``, ``bernoulli(p)``, ``binomial(n, p)``,
    ``poisson(lam)``, ``exponential(rate)`` (mean 1/rate) and ``geometric(p)`` (the number
    of trials up to and including the first success, 1, 2, …).

    Returns
    -------
    scipy.stats frozen distribution
        With ``pmf`` (discrete) or ``pdf`` (continuous), ``mean()``, ``var()``, ``rvs``.

    Examples
    --------
    >>> float(distribution("binomial", n=10, p=0.5).pmf(5))  # 252/1024
    0.24609375
    >>> distribution("normal", mu=0, sigma=0)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: sigma must be positive; got 0
    """
    v = _check_params(family, params)
    match family:
        case "normal":
            return stats.norm(loc=v["mu"], scale=v["sigma"])
        case "uniform":
            return stats.uniform(loc=v["a"], scale=v["b"] - v["a"])
        case "bernoulli":
            return stats.bernoulli(v["p"])
        case "binomial":
            return stats.binom(v["n"].astype(np.int64), v["p"])
        case "poisson":
            return stats.poisson(v["lam"])
        case "exponential":
            return stats.expon(scale=1 / v["rate"])
        case _:
            return stats.geom(v["p"])


def sample(family: str, size: int, *, seed: Seed = None, **params: float) -> np.ndarray:
    """``size`` independent draws from ``distribution(family, **params)``.

    Examples
    --------
    >>> draws = sample("poisson", 5, seed=0, lam=3.0)
    >>> draws.shape, bool(np.array_equal(draws, sample("poisson", 5, seed=0, lam=3.0)))
    ((5,), True)
    """
    frozen = distribution(family, **params)
    size = _count("size", size, high=10_000_000)
    draws = frozen.rvs(size=size, random_state=_rng(seed))
    return np.asarray(draws, dtype=float)


def support_points(
    family: str, params: Mapping[str, float], *, tail: float = 0.0005, points: int = 400
) -> np.ndarray:
    """The values worth drawing of ``distribution(family, **params)``: all but its far tails.

    They span from the ``tail`` quantile to the ``1 − tail`` quantile. A discrete family
    gets each whole value in that span, from its lowest possible value on (every k-th when
    there are more than ``points``); a continuous one ``points`` evenly spaced values with
    a margin, the uniform's whole interval with a tenth on either side, the exponential's
    from 0.

    Examples
    --------
    >>> support_points("binomial", {"n": 10, "p": 0.5}).tolist()
    [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    >>> grid = support_points("uniform", {"a": 0.0, "b": 1.0})
    >>> float(grid[0]), float(grid[-1]), grid.size
    (-0.1, 1.1, 400)
    >>> support_points("normal", {"mu": 0.0, "sigma": 1.0}, points=1)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: points must be a whole number from 2 to 100,000; got 1
    """
    frozen = distribution(family, **params)
    if not (isinstance(tail, int | float) and 0 < tail < 0.5):
        raise ProbabilityError(f"tail must be a probability between 0 and 0.5; got {tail!r}")
    points = _count("points", points, low=2, high=100_000)
    lo, hi = frozen.ppf(tail), frozen.ppf(1 - tail)
    if family in DISCRETE:
        lo = max(float(frozen.support()[0]), float(lo) - 1)
        hi = max(float(hi), lo + 1)
        if hi - lo > points:  # far too many values to draw one by one: draw every k-th
            return np.unique(np.linspace(lo, hi, points + 1).round())
        return np.arange(lo, hi + 1)
    if family == "uniform":
        a, b = frozen.support()
        pad = 0.1 * (b - a)
        return np.linspace(a - pad, b + pad, points)
    if family == "exponential":
        lo = 0.0
    pad = 0.05 * (hi - lo)
    return np.linspace(lo - (0 if family == "exponential" else pad), hi + pad, points)


def _sample_of(xs: ArrayLike) -> np.ndarray:
    xs = np.asarray(xs, dtype=float)
    if xs.ndim != 1 or xs.size == 0:
        raise ProbabilityError(f"xs must be a non-empty 1-D array; got shape {xs.shape}")
    return xs


def value_shares(
    xs: ArrayLike, *, low: float = -math.inf, high: float = math.inf
) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct value of the sample from ``low`` to ``high``, and its share of the sample.

    Shares are of the whole sample, so values cut off outside [low, high] keep theirs.

    Examples
    --------
    >>> values, shares = value_shares([1, 1, 2, 5], high=4)
    >>> values.tolist(), shares.tolist()
    ([1.0, 2.0], [0.5, 0.25])
    """
    xs = _sample_of(xs)
    values, counts = np.unique(xs, return_counts=True)
    shown = (values >= low) & (values <= high)
    return values[shown], counts[shown] / xs.size


def density_histogram(
    xs: ArrayLike, *, low: float, high: float, bins: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A histogram of the sample over [low, high] scaled to a density, comparable with a pdf.

    Each bar's height is its count over (sample size × bar width), so the bars' area is the
    share of the sample inside [low, high]. By default there are √n bins, from 5 to 60.

    Returns
    -------
    edges : ndarray of float, shape (bins + 1,)
    density : ndarray of float, shape (bins,)

    Examples
    --------
    >>> edges, density = density_histogram([0.1, 0.2, 0.7, 0.9], low=0, high=1, bins=2)
    >>> edges.tolist(), density.tolist()
    ([0.0, 0.5, 1.0], [1.0, 1.0])
    """
    xs = _sample_of(xs)
    if not (math.isfinite(low) and math.isfinite(high) and low <= high):
        raise ProbabilityError(f"low and high must be finite with low ≤ high; got {low}, {high}")
    if bins is None:
        bins = int(np.clip(np.sqrt(xs.size), 5, 60))
    bins = _count("bins", bins, high=100_000)
    counts, edges = np.histogram(xs, bins=bins, range=(low, high))
    return edges, counts / (xs.size * np.diff(edges))


def sample_moments(xs: ArrayLike) -> tuple[float, float]:
    """The sample's mean and its variance (dividing by n − 1; nan for a single value).

    Examples
    --------
    >>> sample_moments([1.0, 2.0, 3.0])
    (2.0, 1.0)
    >>> sample_moments([4.0])
    (4.0, nan)
    """
    xs = _sample_of(xs)
    return float(xs.mean()), float(xs.var(ddof=1)) if xs.size > 1 else math.nan


@dataclass(frozen=True)
class Window:
    """A fixed frame for a family's picture: x from ``x_low`` to ``x_high``, y up to ``y_high``."""

    x_low: float
    x_high: float
    y_high: float


FIXED_WINDOWS: dict[str, Window] = {
    "normal": Window(-6.0, 6.0, 0.45),
    "uniform": Window(-6.0, 6.0, 1.25),
    "exponential": Window(0.0, 6.0, 1.25),
    "bernoulli": Window(-0.5, 1.5, 1.1),
    "poisson": Window(-0.5, 20.5, 0.45),
    "geometric": Window(0.5, 20.5, 0.5),
}
"""Each family's fixed frame; the binomial's depends on n alone (see ``fixed_window``).

Chosen for the parameters' default values, which fill most of it (the standard normal's
±3σ spans half the width and its peak 0.4 nine tenths of the height; a rate-1
exponential's whole decay; a λ = 3 Poisson's mass), with a tenth or more to spare at the
top, and the sliders' ranges in mind: μ from −5 to 5 keeps the peak inside, a larger σ
flattens the bell within the frame. Extreme values run off an edge, as they would on paper.
"""


def fixed_window(family: str, params: Mapping[str, float]) -> Window:
    """The frame a family is drawn in, the same whatever its location and scale.

    A learner moves a parameter to see the shape move: the frame must not follow μ, σ, p,
    λ or the rate, or every picture would look the same with new tick labels. Only the
    binomial's frame depends on a parameter, its number of trials n, because n sets where
    the values can be at all (0 to n); its y range fits the tallest bar at p = ½ twice over.
    A peak taller than ``y_high`` (a very small σ, say) is drawn cut at the top.

    Examples
    --------
    >>> narrow, wide = {"mu": 3.0, "sigma": 0.5}, {"mu": 0.0, "sigma": 2.0}
    >>> fixed_window("normal", narrow) == fixed_window("normal", wide)
    True
    >>> w = fixed_window("binomial", {"n": 10, "p": 0.9})
    >>> w.x_low, w.x_high, round(w.y_high, 3)
    (-0.5, 10.5, 0.492)
    """
    _check_params(family, dict(params))
    if family == "binomial":
        n = int(params["n"])
        peak = float(stats.binom(n, 0.5).pmf(n // 2))
        return Window(-0.5, n + 0.5, min(1.0, 2 * peak))
    return FIXED_WINDOWS[family]


def interval_support(family: str, params: Mapping[str, float]) -> tuple[int, int]:
    """The whole values an interval's ends may take for a discrete family.

    Its support, cut at the fixed frame where the support is endless: a binomial gives
    0 … n, a Bernoulli 0 … 1; a Poisson (0, 1, …) and a geometric (1, 2, …) end where
    ``fixed_window`` ends, past which nothing is drawn.

    Examples
    --------
    >>> interval_support("binomial", {"n": 10, "p": 0.5})
    (0, 10)
    >>> interval_support("geometric", {"p": 0.3})
    (1, 20)
    """
    if family not in DISCRETE:
        raise ProbabilityError(
            f"family must be discrete ({', '.join(sorted(DISCRETE))}); got {family!r}"
        )
    window = fixed_window(family, params)
    low = max(int(distribution(family, **params).support()[0]), math.ceil(window.x_low))
    high = math.floor(window.x_high)
    if family == "binomial":
        high = int(params["n"])
    return low, high


def interval_probability(family: str, params: Mapping[str, float], a: float, b: float) -> float:
    """P(a < X < b) for a continuous family; P(a ≤ X ≤ b) over whole values for a discrete one.

    Computed from the cumulative distribution function F: F(b) − F(a) for a continuous
    family, F(⌊b⌋) − F(⌈a⌉ − 1) for a discrete one. With a > b the interval is empty: 0.

    Examples
    --------
    >>> round(interval_probability("normal", {"mu": 0.0, "sigma": 1.0}, -1, 1), 4)
    0.6827
    >>> interval_probability("binomial", {"n": 10, "p": 0.5}, 5, 5)  # 252/1024
    0.24609375
    >>> interval_probability("normal", {"mu": 0.0, "sigma": 1.0}, 0, float("nan"))
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: a and b must be numbers; got 0, nan
    """
    frozen = distribution(family, **params)
    if not (isinstance(a, int | float) and isinstance(b, int | float)) or math.isnan(a + b):
        raise ProbabilityError(f"a and b must be numbers; got {a}, {b}")
    if a > b:
        return 0.0
    if family in DISCRETE:
        low, high = math.ceil(a), math.floor(b)
        if low > high:
            return 0.0
        return float(max(frozen.cdf(high) - frozen.cdf(low - 1), 0.0))
    return float(max(frozen.cdf(b) - frozen.cdf(a), 0.0))


def sample_means(
    family: str, params: Mapping[str, float], m: int, count: int, *, seed: Seed = None
) -> np.ndarray:
    """``count`` averages, each of ``m`` independent draws: the central limit theorem at work.

    Examples
    --------
    >>> means = sample_means("bernoulli", {"p": 0.5}, 4, 3, seed=0)
    >>> means.shape, bool(np.all(np.isin(means, [0, 0.25, 0.5, 0.75, 1])))
    ((3,), True)
    >>> sample_means("normal", {"mu": 0.0, "sigma": 1.0}, 1000, 10_000)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: m × count must be at most 2,000,000 draws; got 10,000,000
    """
    m, count = _count("m", m, high=10_000), _count("count", count, high=10_000_000)
    if m * count > MAX_MEAN_DRAWS:
        raise ProbabilityError(
            f"m × count must be at most {MAX_MEAN_DRAWS:,} draws; got {m * count:,}"
        )
    draws = sample(family, m * count, seed=seed, **params)
    return draws.reshape(count, m).mean(axis=1)


MAX_MEAN_DRAWS = 2_000_000
"""The most draws ``sample_means`` makes at once."""


def frame_bins(width: float, sd: float, n: int) -> int:
    """How many histogram bins to lay across a fixed frame ``width`` wide for n draws.

    The bins are sized by the distribution, not the frame: about √n of them (5 to 60) span
    its middle 4 standard deviations, so a narrow bell in a wide frame still gets a
    detailed histogram and a wide one is not cut into slivers. At least 20, at most 600.

    Examples
    --------
    >>> frame_bins(20.0, 1.0, 10_000)  # 60 bins over ±2σ: bins 1/15 wide
    300
    >>> frame_bins(20.0, 5.0, 100)  # 10 bins over ±2σ: 2 wide, yet at least 20
    20
    """
    if not (math.isfinite(width) and width > 0 and math.isfinite(sd) and sd >= 0):
        raise ProbabilityError(f"width and sd must be finite, width > 0; got {width}, {sd}")
    n = _count("n", n, high=10**12)
    if sd == 0:
        return 20
    across = float(np.clip(math.sqrt(n), 5, 60))
    return int(np.clip(round(width / (4 * sd / across)), 20, 600))


def means_histogram(
    means: ArrayLike,
    *,
    low: float,
    high: float,
    lattice: float | None = None,
    bins: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """A density histogram of sample means over [low, high], true to a lattice if they sit on one.

    Averages of m whole numbers can only be multiples of 1/m (``lattice``). Bins narrower than
    that, or not centred on its points, would show gaps and spikes that are artefacts of the
    binning; so when the lattice gives at most 400 bins, there is one bin per lattice point.
    Otherwise there are ``bins`` equal bins (by default as in ``density_histogram``).

    Examples
    --------
    >>> edges, density = means_histogram([0.0, 0.5, 0.5, 1.0], low=0, high=1, lattice=0.5)
    >>> edges.tolist(), density.tolist()
    ([-0.25, 0.25, 0.75, 1.25], [0.5, 1.0, 0.5])
    """
    xs = _sample_of(means)
    if lattice is not None and lattice > 0 and (high - low) / lattice <= 400:
        first, last = math.floor(low / lattice), math.ceil(high / lattice)
        edges = (np.arange(first, last + 2) - 0.5) * lattice
        counts, edges = np.histogram(xs, bins=edges)
        return edges, counts / (xs.size * lattice)
    return density_histogram(xs, low=low, high=high, bins=bins)


def batch_counts(xs: ArrayLike, edges: ArrayLike, *, ends: ArrayLike) -> np.ndarray:
    """How many of ``xs`` fall in each bin, batch by batch: the pile as it grows.

    ``xs`` is cut, in its order, at ``ends`` (increasing counts, the last one ``len(xs)``):
    batch j holds the values from ``ends[j − 1]`` (0 for the first) up to ``ends[j]``.
    Row j counts batch j's values in each bin of ``edges`` (values outside are left out,
    as ``np.histogram`` does). Summing the first rows gives the histogram of the values so
    far, so a chart can let the pile grow a batch at a time; with log-spaced ends
    (``log_points``) the first averages land one by one and the later ones by thousands.

    Returns
    -------
    ndarray of int, shape (len(ends), len(edges) − 1)

    Examples
    --------
    >>> batch_counts([0.1, 0.6, 0.7, 0.2, 0.8, 0.9], [0.0, 0.5, 1.0], ends=[1, 3, 6]).tolist()
    [[1, 0], [0, 2], [1, 2]]
    """
    values = _sample_of(xs)
    bounds = np.asarray(edges, dtype=float)
    if bounds.ndim != 1 or bounds.size < 2 or np.any(np.diff(bounds) <= 0):
        raise ProbabilityError("edges must be at least two increasing numbers")
    stops = np.asarray(ends, dtype=np.int64)
    if stops.ndim != 1 or stops.size == 0 or stops[0] < 1 or np.any(np.diff(stops) <= 0):
        raise ProbabilityError("ends must be increasing counts from 1")
    if stops[-1] != values.size:
        raise ProbabilityError(f"ends must stop at len(xs) = {values.size}; got {stops[-1]}")
    which = np.repeat(np.arange(stops.size), np.diff(stops, prepend=0))
    place = np.searchsorted(bounds, values, side="right") - 1
    place[values == bounds[-1]] = bounds.size - 2  # the last bin is closed, as in np.histogram
    inside = (place >= 0) & (place < bounds.size - 1)
    counts = np.zeros((stops.size, bounds.size - 1), dtype=np.int64)
    np.add.at(counts, (which[inside], place[inside]), 1)
    return counts


def mean_normal(family: str, params: Mapping[str, float], m: int) -> tuple[float, float]:
    """The normal the average of ``m`` draws tends to: its mean μ and its sd σ/√m.

    Examples
    --------
    >>> mean_normal("exponential", {"rate": 0.5}, 4)
    (2.0, 1.0)
    """
    frozen = distribution(family, **params)
    m = _count("m", m, high=10_000)
    return float(frozen.mean()), float(frozen.std()) / math.sqrt(m)


# --------------------------------------------------------------------------------------
# Bayes
# --------------------------------------------------------------------------------------


def bayes_posterior(
    prior: float, sensitivity: float, false_positive_rate: float, *, positive: bool = True
) -> float:
    """P(condition | test result), by Bayes' theorem.

    Parameters
    ----------
    prior : float
        P(condition) before the test.
    sensitivity : float
        P(positive | condition).
    false_positive_rate : float
        P(positive | no condition).
    positive : bool
        Whether the test came back positive (the default) or negative.

    Returns
    -------
    float
        The updated belief; nan when that result cannot happen (its probability is 0).

    Examples
    --------
    >>> round(bayes_posterior(0.01, 0.9, 0.05), 4)
    0.1538
    >>> bayes_posterior(1.2, 0.9, 0.05)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: prior must be a probability between 0 and 1; got 1.2
    """
    prior = _probability("prior", prior)
    sens = _probability("sensitivity", sensitivity)
    fpr = _probability("false_positive_rate", false_positive_rate)
    if positive:
        with_condition, without = prior * sens, (1 - prior) * fpr
    else:
        with_condition, without = prior * (1 - sens), (1 - prior) * (1 - fpr)
    evidence = with_condition + without
    return with_condition / evidence if evidence > 0 else math.nan


def belief_path(
    prior: float, sensitivity: float, false_positive_rate: float, results: Sequence[bool]
) -> np.ndarray:
    """The belief before any test and after each result, each posterior the next prior.

    The tests are taken to be independent given the condition.

    Returns
    -------
    ndarray of float, shape (len(results) + 1,)
        nan from the first result that could not happen.

    Examples
    --------
    >>> belief_path(0.01, 0.9, 0.05, [True, True]).round(3).tolist()
    [0.01, 0.154, 0.766]
    """
    beliefs = [_probability("prior", prior)]
    _probability("sensitivity", sensitivity)
    _probability("false_positive_rate", false_positive_rate)
    for result in results:
        last = beliefs[-1]
        beliefs.append(
            math.nan
            if math.isnan(last)
            else bayes_posterior(last, sensitivity, false_positive_rate, positive=bool(result))
        )
    return np.array(beliefs)


LOG_ODDS_LIMIT = 4.5
"""±4.5 in log₁₀ odds (0.003 % to 99.997 %): beliefs past it are drawn on the limit, which
a chart labels as the page writes them, "< 0.01 %" and "> 99.99 %"."""


def log10_odds(beliefs: ArrayLike, *, limit: float = LOG_ODDS_LIMIT) -> np.ndarray:
    """log₁₀(p / (1 − p)), held within ±``limit``: an axis on which 0.01 % and 1 % differ.

    Each positive test adds the same step, log₁₀(sensitivity / false-positive rate), so a
    run of results draws a straight staircase instead of a jump glued to 0 % or 100 %.
    nan stays nan.

    Examples
    --------
    >>> log10_odds([0.5, 0.01 / 1.01, 0.999999, 0.0]).round(3).tolist()
    [0.0, -2.0, 4.5, -4.5]
    """
    ps = np.asarray(beliefs, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.log10(ps) - np.log10(1 - ps)
    return np.where(np.isnan(ps), np.nan, np.clip(odds, -limit, limit))


@dataclass(frozen=True)
class Frequencies:
    """Whole numbers of people in each box of a test's 2 × 2 table."""

    true_positive: int
    false_negative: int
    false_positive: int
    true_negative: int

    @property
    def posterior(self) -> float:
        """Share of the people who test positive who have the condition (nan if none do)."""
        positives = self.true_positive + self.false_positive
        return self.true_positive / positives if positives else math.nan


def natural_frequencies(
    prior: float, sensitivity: float, false_positive_rate: float, *, population: int = 1000
) -> Frequencies:
    """The test's outcomes in a crowd of ``population`` people, as whole numbers.

    Each box gets its expected count, rounded so the four add up to ``population`` (largest
    remainders round up).

    Examples
    --------
    >>> natural_frequencies(0.01, 0.9, 0.05, population=10_000)
    Frequencies(true_positive=90, false_negative=10, false_positive=495, true_negative=9405)
    """
    prior = _probability("prior", prior)
    sens = _probability("sensitivity", sensitivity)
    fpr = _probability("false_positive_rate", false_positive_rate)
    population = _count("population", population, high=10**9)
    shares = np.array(
        [prior * sens, prior * (1 - sens), (1 - prior) * fpr, (1 - prior) * (1 - fpr)]
    )
    exact = shares * population
    counts = np.floor(exact + 1e-9).astype(np.int64)
    short = population - int(counts.sum())
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:short]] += 1
    return Frequencies(*(int(c) for c in counts))


CROWD_SIZES = tuple(10**e for e in range(3, 10))
"""The crowds ``crowd_path`` chooses from: a thousand people up to a billion."""

SHARE_DIGITS = 3
"""Significant digits of a percentage as the pages show it."""


def shown_share(share: float, *, digits: int = SHARE_DIGITS) -> float | str:
    """A share as a page reads it: its percentage to ``digits`` significant figures.

    Never finer than 0.01 %: a share that would round to 0 % or 100 % but is not exactly
    that keeps two decimals of a per cent, and one above 99.99 % or below 0.01 % reads as
    ``">"`` or ``"<"`` (the page writes "> 99.99 %", "< 0.01 %"). Two shares with the
    same ``shown_share`` look the same on the page; this is how a crowd is checked against
    the exact belief.

    Examples
    --------
    >>> shown_share(10 / 1010), shown_share(0.0098), shown_share(99 / 10098)
    (0.99, 0.98, 0.98)
    >>> shown_share(0.9995), shown_share(0.99999), shown_share(1.0)
    (99.95, '>', 100.0)
    """
    if math.isnan(share) or share in (0.0, 1.0):
        return 100 * share
    if share > 0.9999:
        return ">"
    if share < 0.0001:
        return "<"
    value = float(f"{100 * share:.{digits}g}")
    return value if value not in (0.0, 100.0) else round(100 * share, 2)


@dataclass(frozen=True)
class CrowdPath:
    """A crowd through a sequence of tests, in whole people.

    Attributes
    ----------
    population : int
        The crowd before any test.
    has_it, healthy : tuple of int
        How many with and without the condition are left before the first test and after
        each result (length: results + 1). After a positive result only those who tested
        positive are left; after a negative one, those who tested negative.
    agrees : bool
        Whether the crowd's share with the condition reads as the exact belief at every
        stage (``shown_share``); False when even the largest crowd allowed rounds a group.
    """

    population: int
    has_it: tuple[int, ...]
    healthy: tuple[int, ...]
    agrees: bool = True

    def split(self, test: int, sensitivity: float, false_positive_rate: float) -> tuple[int, ...]:
        """The people taking test ``test`` (1, 2, …) by condition and result, as ``GROUPS``.

        Returns (has it and +, has it and −, healthy and +, healthy and −).
        """
        if not 1 <= test < len(self.has_it):
            raise ProbabilityError(f"test must be from 1 to {len(self.has_it) - 1}; got {test}")
        sick, well = self.has_it[test - 1], self.healthy[test - 1]
        caught, flagged = _people(sick * sensitivity), _people(well * false_positive_rate)
        return caught, sick - caught, flagged, well - flagged

    def shares(self) -> np.ndarray:
        """The crowd's share with the condition at each stage: its belief (nan when empty)."""
        has_it, left = np.array(self.has_it), np.array(self.has_it) + np.array(self.healthy)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(left > 0, has_it / np.maximum(left, 1), np.nan)


def _people(expected: float) -> int:
    # Half a person rounds up, the way a count is read aloud.
    return math.floor(expected + 0.5 + 1e-9)


def crowd_path(
    prior: float,
    sensitivity: float,
    false_positive_rate: float,
    results: Sequence[bool],
    *,
    least: float = 5.0,
    largest: int = CROWD_SIZES[-1],
    digits: int | None = SHARE_DIGITS,
) -> CrowdPath:
    """Natural frequencies through repeated tests, in a crowd big enough to stay truthful.

    Each result keeps only the people who got it, and they take the next test. The crowd
    is the smallest of ``CROWD_SIZES`` in which every group still expected at the end (with
    or without the condition) has at least ``least`` people, so rounding to whole people
    cannot hide a rare group, and, unless ``digits`` is None, in which the crowd's share
    with the condition reads the same as the exact belief at every stage
    (``shown_share``): a page never prints "10 of 1,010" (0.99 %) beside 0.98 %. No crowd
    is larger than ``largest``: past it a group may round away, and the caller should say
    so (``CrowdPath.agrees`` tells).

    Examples
    --------
    >>> crowd = crowd_path(0.01, 0.9, 0.05, [True])
    >>> crowd.population, crowd.has_it, crowd.healthy  # 90 of 585 = 15.4 %, the belief
    (10000, (100, 90), (9900, 495))
    >>> crowd_path(0.01, 0.9, 0.05, [True], digits=None).population  # 9 of 59 = 15.3 %
    1000
    >>> crowd_path(0.0001, 0.99, 0.01, [True]).population  # 99 of 10,098 = 0.98 %
    1000000
    >>> crowd_path(0.0001, 0.99, 0.01, [True] * 8, largest=10**6).agrees
    False
    """
    prior = _probability("prior", prior)
    sens = _probability("sensitivity", sensitivity)
    fpr = _probability("false_positive_rate", false_positive_rate)
    if not (isinstance(least, int | float) and least >= 1):
        raise ProbabilityError(f"least must be a number ≥ 1; got {least!r}")
    sick, well = prior, 1 - prior
    for positive in results:
        sick *= sens if positive else 1 - sens
        well *= fpr if positive else 1 - fpr
    expected = [share for share in (sick, well) if share > 0]
    beliefs = belief_path(prior, sens, fpr, results)
    sizes = [n for n in CROWD_SIZES if n <= largest] or [CROWD_SIZES[0]]
    crowd = _crowd(
        prior, sens=sens, fpr=fpr, results=results, size=sizes[-1], beliefs=beliefs, digits=digits
    )
    for size in sizes:
        if all(share * size >= least for share in expected):
            candidate = _crowd(
                prior,
                sens=sens,
                fpr=fpr,
                results=results,
                size=size,
                beliefs=beliefs,
                digits=digits,
            )
            if candidate.agrees or digits is None:
                crowd = candidate
                break
    return crowd


def _crowd(
    prior: float,
    *,
    sens: float,
    fpr: float,
    results: Sequence[bool],
    size: int,
    beliefs: np.ndarray,
    digits: int | None,
) -> CrowdPath:
    has_it, healthy = [_people(prior * size)], []
    healthy.append(size - has_it[0])
    for positive in results:
        caught, flagged = _people(has_it[-1] * sens), _people(healthy[-1] * fpr)
        has_it.append(caught if positive else has_it[-1] - caught)
        healthy.append(flagged if positive else healthy[-1] - flagged)
    crowd = CrowdPath(population=size, has_it=tuple(has_it), healthy=tuple(healthy))
    if digits is not None:
        shares = crowd.shares()
        agrees = all(
            (math.isnan(a) and math.isnan(b))
            or shown_share(a, digits=digits) == shown_share(b, digits=digits)
            for a, b in zip(shares, beliefs, strict=True)
        )
        crowd = CrowdPath(size, crowd.has_it, crowd.healthy, agrees=agrees)
    return crowd


# --------------------------------------------------------------------------------------
# Maximum likelihood
# --------------------------------------------------------------------------------------


def check_sample(xs: ArrayLike, family: str) -> np.ndarray:
    """``xs`` as a float array, or a ``ProbabilityError`` saying why ``family`` cannot fit it.

    Examples
    --------
    >>> check_sample([0, 1, 1], "bernoulli").tolist()
    [0.0, 1.0, 1.0]
    >>> check_sample([1, 2.5], "poisson")
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: xs must be whole numbers ≥ 0 for a Poisson sample; 2.5 ...
    """
    if family not in MLE_FAMILIES:
        raise ProbabilityError(f"family must be one of {', '.join(MLE_FAMILIES)}; got {family!r}")
    xs = np.asarray(xs, dtype=float)
    if xs.ndim != 1 or xs.size == 0:
        raise ProbabilityError("xs must hold at least one number")
    if not np.all(np.isfinite(xs)):
        raise ProbabilityError("xs must be finite numbers")
    bad: np.ndarray | None = None
    match family:
        case "bernoulli":
            bad, rule = (xs != 0) & (xs != 1), "0 or 1 for a Bernoulli sample"
        case "poisson":
            bad, rule = (xs < 0) | (xs != np.round(xs)), "whole numbers ≥ 0 for a Poisson sample"
        case "exponential":
            bad, rule = xs < 0, "≥ 0 for an exponential sample"
        case _:
            rule = ""
    if bad is not None and bad.any():
        raise ProbabilityError(f"xs must be {rule}; {_text(xs[np.argmax(bad)])} is not")
    return xs


def _text(x: float) -> str:
    """A number in a message, with a true minus sign: −1, not -1."""
    return f"{x:g}".replace("-", "−")


def _mean_and_spread(xs: np.ndarray) -> tuple[float, float]:
    """The mean and the root-mean-square deviation of xs, without overflow or underflow.

    Summed directly where that is safe; near the largest float (where Σx or x − x̄
    overflows) or among subnormal numbers (where (x − x̄)² underflows to 0) both are taken
    on xs divided by its largest magnitude, then scaled back.
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        mean = float(xs.mean())
        spread = float(np.sqrt(np.mean((xs - mean) ** 2)))
    if math.isfinite(mean) and math.isfinite(spread) and (spread > 0 or xs.min() == xs.max()):
        return mean, spread
    scale = float(np.max(np.abs(xs)))
    ys = xs / scale
    centre = float(ys.mean())
    return scale * centre, scale * float(np.sqrt(np.mean((ys - centre) ** 2)))


def mle(xs: ArrayLike, family: str) -> dict[str, float]:
    """The parameters under which the sample ``xs`` is most likely.

    ``normal`` → ``mu``, ``sigma`` (the maximum-likelihood sigma divides by n, not n − 1);
    ``bernoulli`` → ``p``; ``poisson`` → ``lam``; ``exponential`` → ``rate``. Any finite
    sample the family admits is fitted, from subnormal numbers to the largest floats.

    Examples
    --------
    >>> mle([1.0, 2.0, 3.0, 4.0], "normal")
    {'mu': 2.5, 'sigma': 1.118033988749895}
    >>> mle([3.0, 3.0], "normal")
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: xs has no spread (every value is 3): the normal ...
    """
    xs = check_sample(xs, family)
    mean, sigma = _mean_and_spread(xs)
    match family:
        case "normal":
            if xs.min() == xs.max():
                which = "one value" if xs.size == 1 else f"every value is {_text(xs[0])}"
                raise ProbabilityError(
                    f"xs has no spread ({which}): the normal likelihood grows "
                    "without bound as σ shrinks to 0, so no σ maximises it"
                )
            if sigma == 0:
                raise ProbabilityError(
                    "xs is too tightly packed to fit: its spread is below the smallest "
                    "number a computer can hold"
                )
            return {"mu": mean, "sigma": sigma}
        case "bernoulli":
            return {"p": mean}
        case "poisson":
            return {"lam": mean}
        case _:
            if mean == 0:
                raise ProbabilityError(
                    "xs is all zeros: the exponential likelihood grows without bound as the "
                    "rate grows, so no rate maximises it"
                )
            if not math.isfinite(1 / mean):
                raise ProbabilityError(
                    f"xs is too close to 0 to fit: its mean {mean:.3g} has no reciprocal a "
                    "computer can hold, so the rate 1/mean overflows"
                )
            return {"rate": 1 / mean}


def log_likelihood(xs: ArrayLike, family: str, **params: ArrayLike) -> float | np.ndarray:
    """Log-likelihood log L = Σᵢ log p(xᵢ | params), summed with scipy.stats' logpmf or logpdf.

    Parameters may be arrays that broadcast together; the result then has their shape.

    Examples
    --------
    >>> round(float(log_likelihood([1, 0, 1], "bernoulli", p=0.5)), 4)
    -2.0794
    """
    xs = check_sample(xs, family)
    values, counts = np.unique(xs, return_counts=True)  # equal values share one evaluation
    v = _check_params(family, params)
    shape = np.broadcast_shapes(*(value.shape for value in v.values()))
    axes = (slice(None),) + (None,) * len(shape)
    frozen = distribution(family, **{name: value[None, ...] for name, value in v.items()})
    logp = frozen.logpmf(values[axes]) if family in DISCRETE else frozen.logpdf(values[axes])
    total = (counts[axes] * logp).sum(axis=0)
    return float(total) if total.ndim == 0 else total


def log_likelihood_curve(xs: ArrayLike, family: str, grid: ArrayLike) -> np.ndarray:
    """The log-likelihood along ``grid`` values of the family's main parameter.

    The main parameter is the one named in ``MLE_FAMILIES``; for the normal the curve is over
    ``mu`` with ``sigma`` held at its estimate. The sample enters only through its sufficient
    statistics (its size and sums), so a curve of hundreds of points over a sample of
    100,000 costs no more than over a sample of ten; ``log_likelihood`` (summed with
    scipy.stats) is the reference it is tested against. To draw the curve's shape, use
    ``log_likelihood_drop``: it keeps its digits where log L itself is huge.

    Examples
    --------
    >>> curve = log_likelihood_curve([2, 3, 4], "poisson", [2.0, 3.0, 4.0])
    >>> int(curve.argmax())
    1
    """
    xs = check_sample(xs, family)
    grid = _grid_of(family, grid)
    n, total = xs.size, float(xs.sum())
    match family:
        case "normal":
            fit = mle(xs, family)
            mu, sigma = fit["mu"], fit["sigma"]
            # Σ(x − μ)² = n σ̂² + n (x̄ − μ)², which keeps its digits far from the data.
            return (
                -n * np.log(sigma * math.sqrt(2 * math.pi))
                - n / 2
                - n / 2 * ((grid - mu) / sigma) ** 2
            )
        case "bernoulli":
            return special.xlogy(total, grid) + special.xlogy(n - total, 1 - grid)
        case "poisson":
            factorials = float(special.gammaln(xs + 1).sum())
            return special.xlogy(total, grid) - n * grid - factorials
        case _:
            return n * np.log(grid) - grid * total


def normal_drop(xs: ArrayLike, mus: ArrayLike, sigma: float) -> np.ndarray:
    """The normal log-likelihood below its peak, log L(μ, σ) − log L(μ̂, σ̂), at one σ.

    Drawn along ``mus`` at a candidate σ.

    Zero only at (μ̂, σ̂): at any other σ the whole curve over μ sits below zero, its top
    still at μ̂ = x̄. Computed from the sample's size, mean and spread:
    −n log(σ/σ̂) − n (σ̂² + (x̄ − μ)²) / (2σ²) + n/2.

    Examples
    --------
    >>> normal_drop([1.0, 2.0, 3.0], [2.0], 0.816496580927726).round(12).tolist()
    [0.0]
    >>> bool(normal_drop([1.0, 2.0, 3.0], [2.0], 2.0)[0] < 0)
    True
    """
    xs = check_sample(xs, "normal")
    fit = mle(xs, "normal")
    if not (isinstance(sigma, int | float) and math.isfinite(sigma) and sigma > 0):
        raise ProbabilityError(f"σ must be a positive number; got {sigma}")
    mus = np.asarray(mus, dtype=float)
    n, mean, spread = xs.size, fit["mu"], fit["sigma"]
    ratio = spread / sigma
    return -n * np.log(sigma / spread) - n / 2 * (ratio**2 + ((mus - mean) / sigma) ** 2) + n / 2


def normal_profile_drop(xs: ArrayLike, mus: ArrayLike) -> np.ndarray:
    """The normal log-likelihood below its peak along μ, with σ at its best for each μ.

    For a fixed μ the best σ is the root mean square of x − μ, and then
    log L − log L(μ̂, σ̂) = −(n/2) log(1 + ((μ − x̄)/σ̂)²): zero at μ̂ = x̄ whatever the
    sample's spread, so the curve over μ is always in view. At any other σ the log-likelihood
    lies at or below this profile.

    Examples
    --------
    >>> normal_profile_drop([1.0, 2.0, 3.0], [2.0, 2.0 + 0.816496580927726]).round(6).tolist()
    [0.0, -1.039721]
    """
    xs = check_sample(xs, "normal")
    fit = mle(xs, "normal")
    mus = np.asarray(mus, dtype=float)
    return -xs.size / 2 * np.log1p(((mus - fit["mu"]) / fit["sigma"]) ** 2)


def normal_best_sigma(xs: ArrayLike, mu: float) -> float:
    """The σ that maximises the normal likelihood at a fixed μ: √(σ̂² + (x̄ − μ)²).

    Examples
    --------
    >>> normal_best_sigma([1.0, 3.0], 2.0), normal_best_sigma([1.0, 3.0], 5.0)
    (1.0, 3.1622776601683795)
    """
    xs = check_sample(xs, "normal")
    return float(np.sqrt(np.mean((xs - mu) ** 2)))


def whole_values(low: float, high: float, *, most: int = 400) -> np.ndarray:
    """The whole numbers from ``low`` to ``high`` to draw a pmf at: every one, or ``most`` spread.

    Examples
    --------
    >>> whole_values(0, 3).tolist()
    [0.0, 1.0, 2.0, 3.0]
    >>> values = whole_values(0, 2e11, most=4)
    >>> values.size, float(values[-1])
    (5, 200000000000.0)
    """
    if not (math.isfinite(low) and math.isfinite(high) and low <= high):
        raise ProbabilityError(f"low and high must be finite with low ≤ high; got {low}, {high}")
    most = _count("most", most, high=100_000)
    first, last = math.ceil(low), math.floor(high)
    if last - first <= most:
        return np.arange(first, last + 1, dtype=float)
    return np.unique(np.linspace(first, last, most + 1).round())


def normal_drop_map(xs: ArrayLike, mus: ArrayLike, sigmas: ArrayLike) -> np.ndarray:
    """The normal's log L(μ, σ) − log L(μ̂, σ̂) on a grid: a row per σ, a column per μ.

    The normal's log-likelihood as a landscape over both parameters, 0 at its single peak
    (μ̂, σ̂) and negative everywhere else; ``normal_drop`` gives one row of it.

    Examples
    --------
    >>> landscape = normal_drop_map([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [0.5, 0.816496580927726])
    >>> landscape.shape, round(float(landscape.max()), 9), landscape.argmax()
    ((2, 3), 0.0, np.int64(4))
    """
    sigmas = np.asarray(sigmas, dtype=float)
    if sigmas.ndim != 1 or not np.all(np.isfinite(sigmas) & (sigmas > 0)):
        raise ProbabilityError("sigmas must be positive numbers")
    return np.stack([normal_drop(xs, mus, float(sigma)) for sigma in sigmas])


def landscape_window(
    xs: ArrayLike, mu: float, sigma: float, *, spread: float = 5.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (μ, σ) ranges that frame the normal's likelihood peak and a candidate (μ, σ).

    Around the estimate, ``spread`` standard errors either way (σ̂/√n for μ, σ̂/√(2n) for
    σ, the peak's own widths), stretched to take in the candidate, with a tenth to spare.

    Examples
    --------
    >>> (mus, sigmas) = landscape_window([1.0, 2.0, 3.0, 4.0], 2.5, 1.1)
    >>> mus[0] < 2.5 < mus[1], sigmas[0] < 1.1 < sigmas[1]
    (True, True)
    """
    xs = check_sample(xs, "normal")
    fit = mle(xs, "normal")
    n, mean, sd = xs.size, fit["mu"], fit["sigma"]
    mu_lo = min(mean - spread * sd / math.sqrt(n), mu)
    mu_hi = max(mean + spread * sd / math.sqrt(n), mu)
    s_lo = min(sd - spread * sd / math.sqrt(2 * n), sigma)
    s_hi = max(sd + spread * sd / math.sqrt(2 * n), sigma)
    mu_pad, s_pad = 0.1 * (mu_hi - mu_lo), 0.1 * (s_hi - s_lo)
    return (mu_lo - mu_pad, mu_hi + mu_pad), (max(s_lo - s_pad, sd / 100), s_hi + s_pad)


def log_likelihood_parts(
    xs: ArrayLike, family: str, params: Mapping[str, float], *, most: int = 200
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each data point's share of log L(θ) = Σᵢ log p(xᵢ | θ), grouped so it can be drawn.

    A discrete sample is grouped by value (each value's count times its log p); a
    continuous one point by point up to ``most`` points, else in ``most`` equal bins from
    its smallest to its largest value. The groups' totals add up to ``log_likelihood``.

    Returns
    -------
    x : ndarray
        The value (or the bin's centre) of each group.
    count : ndarray of int
        How many data points it holds.
    total : ndarray of float
        The sum of their log p(xᵢ | θ): −∞ where the model gives a point probability 0.

    Examples
    --------
    >>> x, count, total = log_likelihood_parts([1, 0, 1], "bernoulli", {"p": 0.5})
    >>> x.tolist(), count.tolist(), total.round(4).tolist()
    ([0.0, 1.0], [1, 2], [-0.6931, -1.3863])
    """
    xs = check_sample(xs, family)
    most = _count("most", most, high=100_000)
    frozen = distribution(family, **params)
    if family in DISCRETE or xs.size <= most:
        values, counts = np.unique(xs, return_counts=True)
        logp = frozen.logpmf(values) if family in DISCRETE else frozen.logpdf(values)
        with np.errstate(invalid="ignore"):
            return values, counts, counts * logp
    edges = np.linspace(xs.min(), xs.max(), most + 1)
    where = np.clip(np.searchsorted(edges, xs, side="right") - 1, 0, most - 1)
    counts = np.bincount(where, minlength=most)
    totals = np.bincount(where, weights=frozen.logpdf(xs), minlength=most)
    kept = counts > 0
    centres = (edges[:-1] + edges[1:]) / 2
    return centres[kept], counts[kept], totals[kept]


def _grid_of(family: str, grid: ArrayLike) -> np.ndarray:
    grid = np.asarray(grid, dtype=float)
    main = MLE_FAMILIES[family]
    _check_params(family, {"mu": grid, "sigma": 1.0} if family == "normal" else {main: grid})
    return grid


def log1pmx(d: ArrayLike) -> np.ndarray:
    """log(1 + d) − d, accurate to the last digit even where both terms nearly cancel.

    Near d = 0 the difference is about −d²/2, far below the rounding error of log(1 + d);
    there it is summed from its Taylor series instead.

    Examples
    --------
    >>> float(log1pmx(1e-9))
    -5e-19
    >>> float(log1pmx(-1.0))
    -inf
    """
    d = np.asarray(d, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = np.log1p(d) - d
    near = np.abs(d) < 0.25
    # −d² Σₖ (−d)ᵏ / (k + 2): 40 terms reach 0.25⁴⁰ ≈ 1e-24, below one rounding error.
    u = np.where(near, d, 0.0)
    series = np.zeros_like(u)
    for k in range(39, -1, -1):
        series = 1 / (k + 2) - u * series
    return np.where(near, -(u**2) * series, direct)


def log_likelihood_drop(xs: ArrayLike, family: str, grid: ArrayLike) -> np.ndarray:
    """Log L(θ) − log L(θ̂): how far below its peak the log-likelihood is at each grid value.

    The same curve as ``log_likelihood_curve`` minus its maximum, but computed as a sum of
    terms that are each ≤ 0 (via ``log1pmx``), so it keeps its digits for samples of any
    size or scale: a Poisson sample of 10¹⁵ counts, or a normal one far from 0. For the
    normal the curve is over ``mu`` with ``sigma`` held at its estimate.

    Examples
    --------
    >>> log_likelihood_drop([1e15, 1e15 + 2e7], "poisson", [1e15, 1e15 + 1e8]).round(3)
    array([-0.1, -8.1])
    """
    xs = check_sample(xs, family)
    grid = _grid_of(family, grid)
    fit = mle(xs, family)
    theta = fit[MLE_FAMILIES[family]]
    with np.errstate(over="ignore", invalid="ignore"):
        return _drop(family, xs.size, fit, grid - theta)


@overload
def _drop(family: str, n: int, fit: dict[str, float], offset: np.float64) -> np.float64: ...
@overload
def _drop(family: str, n: int, fit: dict[str, float], offset: np.ndarray) -> np.ndarray: ...
def _drop(
    family: str, n: int, fit: dict[str, float], offset: np.ndarray | np.float64
) -> np.ndarray | np.float64:
    """The drop log L(θ̂ + offset) − log L(θ̂), each term ≤ 0, from the fit alone."""
    theta = fit[MLE_FAMILIES[family]]
    with np.errstate(divide="ignore"):
        if family == "normal":
            return -n / 2 * (offset / fit["sigma"]) ** 2
        if family == "bernoulli" and 0 < theta < 1:
            heads = theta * n
            return heads * log1pmx(offset / theta) + (n - heads) * log1pmx(-offset / (1 - theta))
        if family == "bernoulli":  # p̂ = 0 or 1: log L is n log(1 − p) or n log p
            return n * np.log1p(-offset if theta == 0 else offset)
        if family == "poisson" and theta == 0:  # log L = −nλ
            return -n * offset
        if family == "poisson":
            return theta * (n * log1pmx(offset / theta))  # n·θ̂ may overflow
        return n * log1pmx(offset / theta)


def likelihood_interval(
    xs: ArrayLike, family: str, *, drop: float = LIKELIHOOD_DROP_95
) -> tuple[float, float]:
    """The values of the main parameter whose log-likelihood is within ``drop`` of its peak.

    With the default drop (χ²₁(0.95)/2 ≈ 1.92) this is the 95 % likelihood interval; for a
    normal sample it is μ̂ ± 1.96 σ̂/√n, exactly. An end at the edge of the parameter's range
    (p = 0, say) is that edge. Works for any finite sample the family admits; an end beyond
    the largest float is ±inf.

    Examples
    --------
    >>> lo, hi = likelihood_interval([1.0, 2.0, 3.0, 4.0], "normal")
    >>> round(lo, 4), round(hi, 4)
    (1.4043, 3.5957)
    >>> lo, hi = likelihood_interval([-3.0, -2.0], "normal")
    >>> round(lo, 3), round(hi, 3)
    (-3.193, -1.807)
    """
    xs = check_sample(xs, family)
    if not (isinstance(drop, int | float) and math.isfinite(drop) and drop > 0):
        raise ProbabilityError(f"drop must be a positive number; got {drop!r}")
    fit = mle(xs, family)
    theta = fit[MLE_FAMILIES[family]]
    n = xs.size
    if family == "normal":
        half = fit["sigma"] * math.sqrt(2 * drop / n)
        with np.errstate(over="ignore"):
            return float(np.float64(theta) - half), float(np.float64(theta) + half)
    if theta == 0 or (family == "bernoulli" and theta == 1):
        # θ̂ at the edge of its range (p̂ = 0 or 1, λ̂ = 0): log L is n log(1 − p), n log p
        # or −nλ, monotone, so the end is solved exactly.
        step = -math.expm1(-drop / n) if family == "bernoulli" else drop / n
        return (1 - step, 1.0) if theta == 1 else (0.0, step)
    # The standard error: log L falls like −(θ − θ̂)² / (2 se²) near its peak.
    match family:
        case "bernoulli":
            se = math.sqrt(theta * (1 - theta) / n)
        case "poisson":
            se = math.sqrt(theta / n)
        case _:
            se = theta / math.sqrt(n)
    width = se * math.sqrt(2 * drop)  # where that parabola has fallen by `drop`
    if width <= 1e-8 * theta:
        # So sharp a peak that the parabola is exact to the last digit of θ̂.
        return theta - width, theta + width

    def gap(offset: float) -> float:
        return float(_drop(family, n, fit, np.float64(offset))) + drop

    high_edge = 1 - theta if family == "bernoulli" else math.inf
    return theta + _interval_end(gap, -theta, width), theta + _interval_end(gap, high_edge, width)


def _interval_end(gap: Callable[[float], float], edge: float, width: float) -> float:
    """The offset from the peak, towards ``edge``, where ``gap`` falls to 0 (or the edge)."""
    far = math.copysign(width, edge)
    while abs(far) < abs(edge) and gap(far) > 0:
        far *= 2
    if abs(far) >= abs(edge):
        far = edge * (1 - 2**-52)  # log L is −inf at the edge itself (log 0)
        if gap(far) >= 0:  # still within `drop` at the edge
            return edge
    return optimize.brentq(gap, min(0.0, far), max(0.0, far), xtol=1e-15 * width)


def parse_sample(text: str, *, limit: int = 100_000) -> np.ndarray:
    """Numbers typed as text, separated by commas, semicolons, spaces or new lines.

    Examples
    --------
    >>> parse_sample("2, 3.5; 1e1").tolist()
    [2.0, 3.5, 10.0]
    >>> parse_sample("2, three")
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: 'three' is not a number; type numbers such as ...
    """
    if len(text) > 20 * limit:
        raise ProbabilityError(f"the text is too long: type at most {limit:,} numbers")
    pieces = [piece for piece in re.split(r"[\s,;]+", text.strip()) if piece]
    if not pieces:
        raise ProbabilityError("type at least one number")
    if len(pieces) > limit:
        raise ProbabilityError(f"type at most {limit:,} numbers; got {len(pieces):,}")
    numbers = []
    for piece in pieces:
        try:
            number = float(piece)
        except ValueError:
            raise ProbabilityError(
                f"{piece[:20]!r} is not a number; type numbers such as 2, 0.5 or 1e3"
            ) from None
        if not math.isfinite(number):
            raise ProbabilityError(f"{piece[:20]!r} is not a finite number")
        numbers.append(number)
    return np.array(numbers)


def mean_log_loss(xs: ArrayLike, family: str, **params: float) -> float:
    """−log L / n: the average negative log-likelihood of the sample, the loss a model minimises.

    For a Bernoulli it is the binary cross-entropy of the labels ``xs`` against p. A perfect
    fit gives 0, never −0.

    Examples
    --------
    >>> round(mean_log_loss([1, 0], "bernoulli", p=0.5), 6)  # log 2
    0.693147
    >>> mean_log_loss([1, 1, 1], "bernoulli", p=1.0)
    0.0
    """
    xs = check_sample(xs, family)
    return float(-log_likelihood(xs, family, **params) / xs.size + 0.0)


HIDDEN_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "normal": {"mu": (-3.0, 3.0), "sigma": (0.5, 3.0)},
    "bernoulli": {"p": (0.05, 0.95)},
    "poisson": {"lam": (0.5, 12.0)},
    "exponential": {"rate": (0.2, 3.0)},
}
"""The range each hidden parameter of ``hidden_truth`` is drawn from, uniformly."""
LIKELIHOOD_VIEW: dict[str, tuple[float, float]] = {
    "normal": (-6.0, 6.0),
    "bernoulli": (0.0, 1.0),
    "poisson": (0.0, 15.0),
    "exponential": (0.0, 4.0),
}
"""The fixed range of the main parameter over which ``likelihood_grid`` spans a curve."""


def hidden_truth(family: str, seed: int) -> dict[str, float]:
    """The parameters a simulated sample is drawn from, chosen by the seed, to two decimals.

    Each is uniform in its ``HIDDEN_RANGES`` range, drawn with child 1 of
    ``SeedSequence(seed)`` (``spawn_key=(1,)``), so a learner can guess it from the data.

    Examples
    --------
    >>> truth = hidden_truth("normal", 1)
    >>> sorted(truth), truth == hidden_truth("normal", 1)
    (['mu', 'sigma'], True)
    >>> hidden_truth("gamma", 1)
    Traceback (most recent call last):
    ...
    mathviz.probability.ProbabilityError: family must be one of normal, bernoulli, poisson, ...
    """
    if family not in HIDDEN_RANGES:
        raise ProbabilityError(f"family must be one of {', '.join(HIDDEN_RANGES)}; got {family!r}")
    seed = _count("seed", seed, low=0, high=2**64 - 1)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,)))
    return {
        name: round(float(rng.uniform(lo, hi)), 2)
        for name, (lo, hi) in HIDDEN_RANGES[family].items()
    }


def hidden_sample(family: str, size: int, *, seed: int) -> np.ndarray:
    """``size`` draws from ``family`` with the parameters ``hidden_truth(family, seed)``.

    The draws use ``seed`` itself, the hidden parameters its child 1.

    Examples
    --------
    >>> xs = hidden_sample("bernoulli", 20, seed=1)
    >>> xs.shape, set(xs.tolist()) <= {0.0, 1.0}
    ((20,), True)
    """
    return sample(family, size, seed=seed, **hidden_truth(family, seed))


def likelihood_grid(
    xs: ArrayLike,
    family: str,
    theta: float,
    interval: tuple[float, float],
    *,
    fixed_range: bool = False,
    span: tuple[float, float] | None = None,
    points: int = 401,
    near: int = 241,
) -> np.ndarray:
    """Values of the main parameter to draw the log-likelihood at: a range, dense near θ̂.

    ``points`` values span the range and ``near`` more span θ̂ ± 3 interval widths, so the
    peak is sharp however narrow it is. With ``fixed_range`` the range is
    ``LIKELIHOOD_VIEW[family]``, independent of the sample, so the curve visibly narrows as
    the sample grows; otherwise it follows the data (the normal's from the smallest to the
    largest value, the rates' from 0 to well past θ̂). A ``span`` (such as
    ``likelihood_view`` chooses) overrides both. Values the parameter cannot take (a rate
    ≤ 0) are left out.

    Parameters
    ----------
    xs : array_like
        The sample.
    family : str
        One of ``MLE_FAMILIES``.
    theta : float
        The estimate of the main parameter.
    interval : tuple of float
        Its likelihood interval (``likelihood_interval``).

    Examples
    --------
    >>> xs = [0, 1, 1, 1]
    >>> grid = likelihood_grid(xs, "bernoulli", 0.75, likelihood_interval(xs, "bernoulli"))
    >>> bool(grid.min() > 0), float(grid.max()), 0.75 in grid
    (True, 1.0, True)
    """
    xs = check_sample(xs, family)
    if not (math.isfinite(theta) and all(map(math.isfinite, interval))):
        raise ProbabilityError(f"theta and interval must be finite; got {theta}, {interval}")
    if not interval[0] <= interval[1]:
        raise ProbabilityError(f"interval must run from low to high; got {interval}")
    points = _count("points", points, low=2, high=100_000)
    near = _count("near", near, low=2, high=100_000)
    lo, hi = LIKELIHOOD_VIEW[family] if span is None else span
    if span is None and not fixed_range:
        match family:
            case "normal":
                lo, hi = float(xs.min()), float(xs.max())
            case "bernoulli":
                pass
            case _:
                lo = 0.0
                hi = 2.5 * theta + 3 / max(xs.size, 1) + (3 if family == "poisson" else 0)
    half = max(interval[1] - interval[0], 1e-9)
    close = theta + half * np.linspace(-3, 3, near)
    grid = np.union1d(np.linspace(lo, hi, points), close)
    grid = grid[(grid >= lo) & (grid <= hi)]
    return grid if family == "normal" else grid[grid > 0]


@dataclass(frozen=True)
class LikelihoodView:
    """The frame of a log-likelihood chart: θ from ``low`` to ``high``, down to ``floor``."""

    low: float
    high: float
    floor: float


def likelihood_view(
    theta: float,
    interval: tuple[float, float],
    candidate: float,
    drop: float,
    *,
    widths: float = 2.5,
    lowest: float = -8.0,
    deepest: float = -120.0,
) -> LikelihoodView:
    """Frame the log-likelihood on its peak and a candidate, so neither is a needle or off-chart.

    Across, the frame spans θ̂ ± ``widths`` half-widths of the likelihood interval (for a
    normal-shaped peak that reaches about 12 below the top, so the curve's shape fills
    the frame however large the sample), stretched to take in the candidate, with a
    twentieth to spare either side. Down, it reaches ``lowest`` or, when the candidate's
    ``drop`` (its log L − the maximum) is further down, just below it; but never past
    ``deepest``, below which the candidate is drawn at the floor as off the chart.

    Examples
    --------
    >>> view = likelihood_view(-0.3, (-0.63, 0.04), 0.0, -44.7)
    >>> round(view.low, 3), round(view.high, 3), round(view.floor, 1)
    (-1.221, 0.621, -51.4)
    >>> likelihood_view(0.5, (0.4, 0.6), 0.5, 0.0).floor
    -8.0
    """
    numbers = (theta, candidate, *interval)
    if not all(math.isfinite(v) for v in numbers) or interval[0] > interval[1]:
        raise ProbabilityError(
            f"theta, candidate and an interval from low to high must be finite; got {numbers}"
        )
    if not (widths > 0 and lowest < 0 and deepest <= lowest):
        raise ProbabilityError(
            f"widths must be > 0 and deepest ≤ lowest < 0; got {widths}, {deepest}, {lowest}"
        )
    half = max((interval[1] - interval[0]) / 2, 1e-9)
    low = min(theta - widths * half, candidate)
    high = max(theta + widths * half, candidate)
    pad = (high - low) / 20
    floor = lowest
    if not math.isnan(drop) and drop < lowest:
        floor = max(deepest, 1.15 * drop)
    return LikelihoodView(low - pad, high + pad, floor)


def likelihood_floor(drop: float, *, lowest: float = -8.0, deepest: float = -128.0) -> float:
    """How far down a log-likelihood chart on a fixed θ range reaches, to show a candidate.

    ``lowest`` unless the candidate's ``drop`` (its log L − the maximum) lies further down;
    then the first of lowest·2, lowest·4, … that holds it with a little room, so sliding
    the candidate changes the frame only now and then; never past ``deepest``, below which
    the candidate waits at the floor as off the chart.

    Examples
    --------
    >>> likelihood_floor(-3.0), likelihood_floor(-24.43), likelihood_floor(-1e6)
    (-8.0, -32.0, -128.0)
    """
    if not (lowest < 0 and deepest <= lowest):
        raise ProbabilityError(f"deepest ≤ lowest < 0 is needed; got {deepest}, {lowest}")
    floor = lowest
    while not math.isnan(drop) and drop < 0.95 * floor and floor > deepest:
        floor = max(2 * floor, deepest)
    return floor
