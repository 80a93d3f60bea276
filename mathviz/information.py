"""Information theory: entropy, cross-entropy and KL divergence, and the guessing game.

``ps`` and ``qs`` are probability vectors over the same outcomes 1, 2, …, N (index 0 is the
outcome 1). Logarithms are base 2 by default, so information is counted in bits: yes/no
questions.

``entropy``, ``cross_entropy``, ``kl_divergence``        bits per outcome; 0 · log 0 = 0
``huffman_code_lengths``                                 the best any yes/no questions can do
``question_counts``, ``expected_questions``              "is it ≤ k?" by halving or by median
``next_question``                                        the split a strategy asks about next
``softmax``, ``log_softmax``, ``classifier_loss``        logits to probabilities and the loss
``guessing_distribution``                                the game's named distributions on 1…N
``mass_outside``                                         how much of one the cut at N drops
``surprisal``, ``huffman_average``, ``chance_at_most``   −log₂ p, Huffman's mean, P(X ≤ k)
``binary_entropy_curve``, ``normalised``, ``ruled_out``  a coin's H(p); weights to P; Q's gaps
``likeliest``                                            the likeliest outcomes, in order
``kl_terms``, ``code_bars``                  each outcome's share of KL; entropy as an area
``loss_curve``                               −log q over (0, 1]: the loss of each q(true class)
``playable``                                 a game's distribution with its one cut-off applied

The guessing game
    ``Round``                   one round: the secret, the numbers still possible, the answers
    ``record_round``, ``mean_questions``   the learner's found rounds and their average
    ``strategy_counts``         each player's questions per outcome: halving, median, Huffman
    ``question_tree``           the answers so far as a path down a binary tree of ranges
    ``expected_counts``, ``simulated_counts``   their exact average, and over simulated games
"""

from __future__ import annotations

import bisect
import contextlib
import heapq
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike
from scipy import special, stats

from mathviz import probability

STRATEGIES: tuple[str, ...] = ("halving", "possible", "median")
GAME_DISTRIBUTIONS: tuple[str, ...] = ("uniform", "poisson", "geometric", "peaked", "custom")
MAX_OUTCOMES = 1_000_000


class InformationError(ValueError):
    """A function of this module was given input it cannot use; the message names it."""


@contextlib.contextmanager
def _as_information_error() -> Iterator[None]:
    """Checks shared with ``mathviz.probability`` raise this module's error."""
    try:
        yield
    except probability.ProbabilityError as error:
        raise InformationError(str(error)) from None


def check_probabilities(ps: ArrayLike, *, name: str = "ps") -> np.ndarray:
    """``ps`` as a float array, or an ``InformationError`` saying why it is no probability vector.

    Examples
    --------
    >>> check_probabilities([0.25, 0.75]).tolist()
    [0.25, 0.75]
    >>> check_probabilities([0.5, 0.6])
    Traceback (most recent call last):
    ...
    mathviz.information.InformationError: ps must sum to 1; they sum to 1.1 (divide each by ...)
    """
    try:
        ps = np.asarray(ps, dtype=float)
    except (TypeError, ValueError):
        raise InformationError(f"{name} must be a list of numbers") from None
    if ps.size > MAX_OUTCOMES:
        raise InformationError(f"{name} may have at most {MAX_OUTCOMES:,} outcomes")
    with _as_information_error():
        ps = probability.check_probabilities(ps, name=name)
    return ps / ps.sum()  # exactly normalised, so the inequalities of the theory hold


def _pair(ps: ArrayLike, qs: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    ps, qs = check_probabilities(ps), check_probabilities(qs, name="qs")
    if ps.shape != qs.shape:
        raise InformationError(
            f"ps and qs must be over the same outcomes; got {ps.size} and {qs.size}"
        )
    return ps, qs


def _base(base: float) -> float:
    if isinstance(base, bool) or not isinstance(base, int | float | np.number):
        raise InformationError(f"base must be a number such as 2 or math.e; got {base!r}")
    if not (math.isfinite(base) and base > 0 and base != 1):
        raise InformationError(f"base must be a positive number other than 1; got {base!r}")
    return math.log(base)


def entropy(ps: ArrayLike, *, base: float = 2) -> float:
    """H(P) = −Σ pᵢ log pᵢ: the average surprise of an outcome, with 0 · log 0 = 0.

    Examples
    --------
    >>> entropy([0.5, 0.5])
    1.0
    >>> entropy(np.full(1024, 1 / 1024))
    10.0
    >>> entropy([1.0, 0.0])
    0.0
    """
    ps = check_probabilities(ps)
    return float(special.entr(ps).sum() / _base(base)) + 0.0


def cross_entropy(ps: ArrayLike, qs: ArrayLike, *, base: float = 2) -> float:
    """H(P, Q) = −Σ pᵢ log qᵢ: the average surprise when outcomes come from P but you expect Q.

    It is infinite when Q gives probability 0 to an outcome P can produce.

    Examples
    --------
    >>> cross_entropy([1, 0], [0.5, 0.5])
    1.0
    >>> cross_entropy([0.5, 0.5], [1, 0])
    inf
    """
    ps, qs = _pair(ps, qs)
    with np.errstate(divide="ignore"):
        terms = -special.xlogy(ps, qs)
    return float(terms.sum() / _base(base)) + 0.0


def kl_divergence(ps: ArrayLike, qs: ArrayLike, *, base: float = 2) -> float:
    """KL(P ‖ Q) = Σ pᵢ log(pᵢ / qᵢ) = H(P, Q) − H(P): the extra bits paid for expecting Q.

    Never negative, 0 only when P = Q, infinite when Q is 0 where P is not, and not
    symmetric: KL(P ‖ Q) and KL(Q ‖ P) differ in general.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> p, q = [0.5, 0.5], [0.9, 0.1]
    >>> round(kl_divergence(p, q), 3), round(kl_divergence(q, p), 3)
    (0.737, 0.531)
    """
    ps, qs = _pair(ps, qs)
    # Rounding can leave −1e-17 where the exact value is 0; the divergence is never negative.
    return max(float(special.rel_entr(ps, qs).sum() / _base(base)), 0.0)


def kl_terms(ps: ArrayLike, qs: ArrayLike, *, base: float = 2) -> np.ndarray:
    """Each outcome's share of KL(P ‖ Q): pᵢ log(pᵢ / qᵢ), summing to the divergence.

    A share is negative where Q expects the outcome more than P makes it (qᵢ > pᵢ), positive
    where less; the positive ones always outweigh the negative. 0 where pᵢ = 0, ∞ where
    qᵢ = 0 < pᵢ.

    Examples
    --------
    >>> kl_terms([0.5, 0.5], [0.25, 0.75]).round(4).tolist()
    [0.5, -0.2925]
    >>> kl_terms([0.5, 0.5, 0.0], [0.5, 0.0, 0.5]).tolist()
    [0.0, inf, 0.0]
    """
    ps, qs = _pair(ps, qs)
    return special.rel_entr(ps, qs) / _base(base) + 0.0


@dataclass(frozen=True)
class CodeBars:
    """A distribution drawn as bars whose width is p(x) and whose height is a code length.

    The bars stand side by side on [0, 1]. Coded with P's own lengths, log₂ 1/p(x), their
    total area is H(P); coded with Q's, log₂ 1/q(x), it is H(P, Q); the difference, outcome
    by outcome, is ``kl_terms``. Outcomes with p(x) = 0 get width 0 and area 0.

    Attributes
    ----------
    left : ndarray
        Where each bar starts: the total probability of the outcomes before it.
    width : ndarray
        p(x).
    own : ndarray
        P's code length log₂ 1/p(x) (∞ where p(x) = 0).
    length : ndarray
        The code length used: log₂ 1/q(x), or ``own`` when no Q is given.
    """

    left: np.ndarray
    width: np.ndarray
    own: np.ndarray
    length: np.ndarray

    @property
    def area(self) -> np.ndarray:
        """Each bar's area, width × length (0 where the width is 0): they sum to H(P, Q)."""
        with np.errstate(invalid="ignore"):
            return np.where(self.width > 0, self.width * self.length, 0.0)

    @property
    def own_area(self) -> np.ndarray:
        """Each bar's area under P's own code, width × own: they sum to H(P)."""
        with np.errstate(invalid="ignore"):
            return np.where(self.width > 0, self.width * self.own, 0.0)


def code_bars(ps: ArrayLike, qs: ArrayLike | None = None) -> CodeBars:
    """The bars of width p(x) and height log₂ 1/q(x) whose area is H(P, Q) (H(P) without qs).

    Examples
    --------
    >>> bars = code_bars([0.5, 0.25, 0.25])
    >>> bars.left.tolist(), bars.length.tolist(), float(bars.area.sum())
    ([0.0, 0.5, 0.75], [1.0, 2.0, 2.0], 1.5)
    >>> ps, qs = [0.5, 0.5], [0.25, 0.75]
    >>> float(code_bars(ps, qs).area.sum()) == cross_entropy(ps, qs)
    True
    """
    ps = check_probabilities(ps)
    left = np.concatenate([[0.0], np.cumsum(ps)[:-1]])
    own = surprisal(ps)
    length = own if qs is None else surprisal(_pair(ps, qs)[1])
    return CodeBars(left=left, width=ps, own=own, length=length)


def huffman_code_lengths(ps: ArrayLike) -> np.ndarray:
    """The codeword length of each outcome in a Huffman code.

    A Huffman code asks the fewest yes/no questions on average that any questioning can
    (within one question of the entropy). Outcomes of probability 0 never occur and get
    no codeword (length 0); a certainty needs no question at all (length 0).

    Examples
    --------
    >>> huffman_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
    [1, 2, 3, 3]
    >>> huffman_code_lengths([0.0, 1.0, 0.0]).tolist()
    [0, 0, 0]
    """
    ps = check_probabilities(ps)
    lengths = np.zeros(ps.size, dtype=np.int64)
    live = np.flatnonzero(ps > 0)
    if live.size < 2:
        return lengths
    # Each heap entry: (weight, tie-breaker, outcomes under this node).
    heap = [(float(ps[i]), int(i), [int(i)]) for i in live]
    heapq.heapify(heap)
    while len(heap) > 1:
        w1, t1, a = heapq.heappop(heap)
        w2, t2, b = heapq.heappop(heap)
        lengths[a] += 1
        lengths[b] += 1
        heapq.heappush(heap, (w1 + w2, min(t1, t2), a + b))
    return lengths


def _strategy(strategy: str) -> str:
    if strategy not in STRATEGIES:
        raise InformationError(f"strategy must be one of {', '.join(STRATEGIES)}; got {strategy!r}")
    return strategy


def next_question(ps: ArrayLike, lo: int, hi: int, *, strategy: str) -> int:
    """The k a strategy asks about ("is it ≤ k?") when the secret is among outcomes lo…hi.

    Outcomes are numbered 1…N as in the game. ``"halving"`` is binary search: it splits the
    whole range lo…hi at its middle, whatever the probabilities. ``"possible"`` halves the
    range of the outcomes of positive probability only, skipping the impossible ones;
    ``"median"`` splits where the probability left is most evenly halved.

    Examples
    --------
    >>> next_question(np.full(8, 1 / 8), 1, 8, strategy="halving")
    4
    >>> next_question([0.5, 0, 0, 0, 0, 0, 0, 0.5], 1, 8, strategy="possible")
    1
    >>> next_question([0.7, 0.1, 0.1, 0.1], 1, 4, strategy="median")
    1
    """
    ps = check_probabilities(ps)
    _strategy(strategy)
    if not 1 <= lo <= hi <= ps.size:
        raise InformationError(f"lo and hi must satisfy 1 ≤ lo ≤ hi ≤ {ps.size}; got {lo}, {hi}")
    if strategy == "halving":
        if lo == hi:
            raise InformationError(f"outcomes {lo}…{hi} hold a single number: nothing to ask")
        return (lo + hi) // 2
    questions = _Questions(ps)
    first, last = (
        bisect.bisect_left(questions.possible, lo),
        bisect.bisect_right(questions.possible, hi),
    )
    if last - first < 2:
        raise InformationError(
            f"outcomes {lo}…{hi} hold fewer than two possible values: nothing to ask"
        )
    return questions.split(first, last - 1, strategy)


def binary_search_counts(n: int) -> np.ndarray:
    """How many "is it ≤ k?" questions binary search on 1…n asks to find each number.

    Each question splits the range lo…hi at k = ⌊(lo + hi)/2⌋, whatever the probabilities,
    so every number takes ⌊log₂ n⌋ or ⌈log₂ n⌉ questions: exactly log₂ n when n is a
    power of two.

    Examples
    --------
    >>> binary_search_counts(5).tolist()
    [3, 3, 2, 2, 2]
    >>> set(binary_search_counts(1024).tolist())
    {10}
    """
    n = _whole(n, "n", 1, MAX_OUTCOMES)
    counts = np.zeros(n, dtype=np.int64)
    stack = [(1, n, 0)]
    while stack:  # one entry per question: n − 1 of them
        lo, hi, depth = stack.pop()
        if lo == hi:
            counts[lo - 1] = depth
            continue
        k = (lo + hi) // 2
        stack += [(lo, k, depth + 1), (k + 1, hi, depth + 1)]
    return counts


class _Questions:
    """The possible outcomes of ps and their exact running totals, for splitting groups.

    Each probability is a float, m·2ᵉ with a whole m, so all of them are whole multiples of
    the smallest power of two among them. Their running totals are kept as Python integers
    in that unit: sums and comparisons are exact, so a mass of 1e-300 beside one of 0.8
    still decides a split, and two splits tie only when they truly tie.
    """

    def __init__(self, ps: np.ndarray) -> None:
        live = np.flatnonzero(ps > 0)
        self.possible = (live + 1).tolist()
        mantissas, exponents = np.frexp(ps[live])
        whole = (mantissas * 2.0**53).astype(np.int64).tolist()
        shifts = (exponents - exponents.min()).tolist()
        self.totals = [0, *itertools.accumulate(m << s for m, s in zip(whole, shifts, strict=True))]

    def split(self, first: int, last: int, strategy: str) -> int:
        """The k to ask about when the secret is among possible[first…last] (two or more)."""
        if strategy == "possible":
            middle = (self.possible[first] + self.possible[last]) // 2
            # The last possible value at or below the middle, so both answers stay possible.
            return self.possible[bisect.bisect_right(self.possible, middle, first, last) - 1]
        # "≤ possible[j]" leaves totals[j + 1] − totals[first] below and totals[last + 1] −
        # totals[j + 1] above: the gap is |2·totals[j + 1] − whole| with whole as below.
        whole = self.totals[first] + self.totals[last + 1]
        cut = bisect.bisect_left(self.totals, (whole + 1) // 2, first + 1, last + 1)
        cut = min(cut, last)  # both sides keep at least one outcome
        if cut > first + 1 and abs(2 * self.totals[cut - 1] - whole) < abs(
            2 * self.totals[cut] - whole
        ):
            cut -= 1
        # On an exact tie the heavier side above is cut down first (the later split wins).
        return self.possible[cut - 1]


def question_counts(ps: ArrayLike, *, strategy: str) -> np.ndarray:
    """How many "is it ≤ k?" questions a strategy asks to find each outcome.

    ``"halving"`` searches the whole range 1…N (``binary_search_counts``); the other
    strategies skip outcomes of probability 0, which are never the secret: their count is 0.

    Examples
    --------
    >>> question_counts(np.full(4, 0.25), strategy="halving").tolist()
    [2, 2, 2, 2]
    >>> question_counts([0.5, 0.0, 0.0, 0.5], strategy="possible").tolist()
    [1, 0, 0, 1]
    >>> question_counts([0.7, 0.1, 0.1, 0.1], strategy="median").tolist()
    [1, 3, 3, 2]
    >>> question_counts([0.2, 1e-17, 0.8], strategy="median").tolist()
    [2, 2, 1]
    """
    ps = check_probabilities(ps)
    _strategy(strategy)
    if strategy == "halving":
        return binary_search_counts(ps.size)
    questions = _Questions(ps)
    counts = np.zeros(ps.size, dtype=np.int64)
    stack = [(0, len(questions.possible) - 1, 0)]
    while stack:  # one entry per question asked: at most N − 1 of them
        first, last, depth = stack.pop()
        if first == last:
            counts[questions.possible[first] - 1] = depth
            continue
        k = questions.split(first, last, strategy)
        cut = bisect.bisect_right(questions.possible, k, first, last + 1)
        stack += [(first, cut - 1, depth + 1), (cut, last, depth + 1)]
    return counts


def expected_questions(ps: ArrayLike, *, strategy: str) -> float:
    """The exact expected number of "is it ≤ k?" questions to find an outcome drawn from ps.

    Examples
    --------
    >>> expected_questions(np.full(1024, 1 / 1024), strategy="median")
    10.0
    >>> expected_questions([1.0], strategy="halving")
    0.0
    """
    ps = check_probabilities(ps)
    return float(ps @ question_counts(ps, strategy=strategy))


def _logits(logits: ArrayLike) -> np.ndarray:
    try:
        logits = np.asarray(logits, dtype=float)
    except (TypeError, ValueError):
        raise InformationError("logits must be a list of numbers") from None
    if logits.ndim != 1 or logits.size == 0:
        raise InformationError("logits must be a non-empty list of numbers")
    if not np.all(np.isfinite(logits)):
        raise InformationError("logits must be finite numbers")
    return logits


def log_softmax(logits: ArrayLike) -> np.ndarray:
    """The logarithm of softmax(z), z − log Σ exp(z): exact where softmax rounds to 0.

    A classifier's cross-entropy loss for true class i is ``-log_softmax(z)[i]`` (in nats).

    Examples
    --------
    >>> (-log_softmax([1000.0, -1000.0]))[1]
    np.float64(2000.0)
    """
    logits = _logits(logits)
    with np.errstate(over="ignore"):
        shifted = logits - logits.max()
    return special.log_softmax(shifted)


def softmax(logits: ArrayLike) -> np.ndarray:
    """exp(zᵢ) / Σ exp(zⱼ), computed without overflow (shifted by the largest logit).

    Examples
    --------
    >>> softmax([1000.0, 1000.0]).tolist()
    [0.5, 0.5]
    >>> softmax([0.0, float("nan")])
    Traceback (most recent call last):
    ...
    mathviz.information.InformationError: logits must be finite numbers
    """
    logits = _logits(logits)
    with np.errstate(over="ignore"):  # logits near ±1e308: their difference overflows to ±inf
        shifted = logits - logits.max()
    return special.softmax(shifted)


def _relative(log_mass: np.ndarray) -> np.ndarray:
    # Scaled so the likeliest outcome has mass 1: a tail cut at n never underflows to all 0.
    top = log_mass.max()
    return np.exp(log_mass - top) if np.isfinite(top) else np.zeros_like(log_mass)


def guessing_distribution(  # noqa: PLR0912 - one branch per distribution and its checks
    name: str, n: int, *, lam: float = 5.0, p: float = 0.2, centre: int = 1, width: float = 1.0,
    weights: ArrayLike | None = None,
) -> np.ndarray:  # fmt: skip
    """A probability vector over the outcomes 1…n for the guessing game.

    ``"uniform"``; ``"poisson"`` (Poisson(λ) shifted to start at 1: outcome k has the
    probability of k − 1 events); ``"geometric"`` (the try of the first success, chance
    p per try); ``"peaked"`` (a normal bump of standard deviation ``width`` around
    ``centre``); ``"custom"`` (``weights``, one per outcome, divided by their total).
    The first four are cut at n and renormalised.

    Examples
    --------
    >>> guessing_distribution("uniform", 4).tolist()
    [0.25, 0.25, 0.25, 0.25]
    >>> guessing_distribution("custom", 3, weights=[0, 0, 0])
    Traceback (most recent call last):
    ...
    mathviz.information.InformationError: weights must not all be 0: at least one outcome ...
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= MAX_OUTCOMES:
        raise InformationError(f"n must be a whole number from 1 to {MAX_OUTCOMES:,}; got {n!r}")
    ks = np.arange(1, n + 1)
    match name:
        case "uniform":
            mass = np.ones(n)
        case "poisson":
            if not (math.isfinite(lam) and lam > 0):
                raise InformationError(f"lam must be a positive number; got {lam!r}")
            mass = _relative(stats.poisson.logpmf(ks - 1, lam))
        case "geometric":
            if not (math.isfinite(p) and 0 < p <= 1):
                raise InformationError(f"p must be above 0 and at most 1; got {p!r}")
            mass = _relative(stats.geom.logpmf(ks, p))
        case "peaked":
            if not (math.isfinite(width) and width > 0):
                raise InformationError(f"width must be a positive number; got {width!r}")
            if not math.isfinite(centre):
                raise InformationError(f"centre must be a number; got {centre!r}")
            mass = _relative(stats.norm.logpdf(ks, loc=centre, scale=width))
        case "custom":
            try:
                mass = np.asarray(weights, dtype=float)
            except (TypeError, ValueError):
                raise InformationError("weights must be numbers") from None
            if mass.shape != (n,):
                raise InformationError(f"weights must give one number for each of the {n} outcomes")
            with _as_information_error():
                return probability.normalise(mass)
        case _:
            raise InformationError(
                f"name must be one of {', '.join(GAME_DISTRIBUTIONS)}; got {name!r}"
            )
    total = float(mass.sum())
    if total <= 0:
        raise InformationError(
            f"the {name} distribution on 1…{n} must not all be 0: give some outcome a chance"
        )
    return mass / total


# ---------------------------------------------------------------- outcome by outcome


CUT_WARNING = 0.01
"""Above this share of its mass outside 1…N, a named distribution is too cut to bear its name."""


def mass_outside(
    name: str, n: int, *, lam: float = 5.0, p: float = 0.2, centre: int = 1, width: float = 1.0
) -> float:
    """The share of a named distribution's mass that lies outside 1…n, before it is cut there.

    ``guessing_distribution`` cuts the Poisson, geometric and peaked distributions at n and
    renormalises what is left; this is how much was cut. For ``"poisson"`` (shifted to start
    at 1) it is P(events ≥ n); for ``"geometric"`` P(first success after try n) = (1 − p)ⁿ;
    for ``"peaked"`` the normal's mass below 0.5 or above n + 0.5. Uniform and custom
    weights lose nothing (0).

    Examples
    --------
    >>> round(mass_outside("poisson", 30, lam=200), 6)
    1.0
    >>> mass_outside("geometric", 2, p=0.5)
    0.25
    >>> mass_outside("uniform", 8)
    0.0
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= MAX_OUTCOMES:
        raise InformationError(f"n must be a whole number from 1 to {MAX_OUTCOMES:,}; got {n!r}")
    match name:
        case "poisson":
            if not (math.isfinite(lam) and lam > 0):
                raise InformationError(f"lam must be a positive number; got {lam!r}")
            return float(stats.poisson.sf(n - 1, lam))
        case "geometric":
            if not (math.isfinite(p) and 0 < p <= 1):
                raise InformationError(f"p must be above 0 and at most 1; got {p!r}")
            return float(stats.geom.sf(n, p))
        case "peaked":
            if not (math.isfinite(width) and width > 0 and math.isfinite(centre)):
                raise InformationError(f"width must be a positive number; got {width!r}")
            below = stats.norm.cdf(0.5, loc=centre, scale=width)
            return float(below + stats.norm.sf(n + 0.5, loc=centre, scale=width))
        case "uniform" | "custom":
            return 0.0
        case _:
            raise InformationError(
                f"name must be one of {', '.join(GAME_DISTRIBUTIONS)}; got {name!r}"
            )


def _given(ps: ArrayLike, *, name: str = "ps") -> np.ndarray:
    """``ps`` checked as a probability vector, then used as given rather than renormalised."""
    check_probabilities(ps, name=name)
    return np.asarray(ps, dtype=float)


def _whole(value: object, name: str, low: int | None = None, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise InformationError(f"{name} must be a whole number; got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        top = "" if high is None else f" to {high:,}"
        raise InformationError(f"{name} must be from {low}{top}; got {value}")
    return int(value)


def surprisal(ps: ArrayLike) -> np.ndarray:
    """−log₂ pᵢ: the bits by which each outcome surprises; ∞ for an outcome of probability 0.

    Parameters
    ----------
    ps : array_like
        A probability vector.

    Returns
    -------
    ndarray
        One surprise per outcome, in bits; the entropy is their average under ps.

    Examples
    --------
    >>> surprisal([0.5, 0.25, 0.25, 0.0]).tolist()
    [1.0, 2.0, 2.0, inf]
    >>> surprisal([1.0]).tolist()  # a certainty surprises nobody, not even by −0
    [0.0]
    """
    ps = _given(ps)
    with np.errstate(divide="ignore"):
        return -np.log2(ps) + 0.0


def huffman_average(ps: ArrayLike) -> float:
    """Σ pᵢ·lᵢ over a Huffman code's lengths: the fewest yes/no questions on average.

    Parameters
    ----------
    ps : array_like
        A probability vector.

    Returns
    -------
    float
        At least the entropy and less than the entropy plus one.

    Examples
    --------
    >>> huffman_average([0.5, 0.25, 0.125, 0.125])
    1.75
    >>> huffman_average([0.0, 1.0])
    0.0
    """
    ps = _given(ps)
    return float(ps @ huffman_code_lengths(ps))


def chance_at_most(ps: ArrayLike, k: int) -> float:
    """P(X ≤ k) for X over 1…N: the chance that "is it ≤ k?" is answered yes.

    Parameters
    ----------
    ps : array_like
        The probabilities of the outcomes 1…N.
    k : int
        Any whole number: below 1 the chance is 0, from N on it is the whole total.

    Examples
    --------
    >>> chance_at_most([0.5, 0.25, 0.25], 2)
    0.75
    >>> chance_at_most([0.5, 0.25, 0.25], 0), chance_at_most([0.5, 0.25, 0.25], 9)
    (0.0, 1.0)
    """
    ps = _given(ps)
    k = _whole(k, "k")
    return float(ps[: min(max(k, 0), ps.size)].sum())


def likeliest(ps: ArrayLike, *, count: int) -> list[int]:
    """The ``count`` likeliest outcomes, numbered from 1, likeliest first.

    Ties keep the order of the outcomes; outcomes of probability 0 are left out, so fewer
    than ``count`` may come back.

    Examples
    --------
    >>> likeliest([0.1, 0.4, 0.1, 0.4, 0.0], count=3)
    [2, 4, 1]
    >>> likeliest([0.0, 1.0], count=6)
    [2]
    """
    ps = _given(ps)
    count = _whole(count, "count", 0)
    order = np.argsort(-ps, kind="stable")[: min(count, np.count_nonzero(ps))]
    return (order + 1).tolist()


def binary_entropy_curve(*, points: int = 201) -> tuple[np.ndarray, np.ndarray]:
    """H(p) of a coin with P(heads) = p, at ``points`` evenly spaced p from 0 to 1.

    Returns
    -------
    p, bits : ndarray
        The grid of p and the entropy −p log₂ p − (1 − p) log₂(1 − p) at each, in bits.

    Examples
    --------
    >>> p, bits = binary_entropy_curve(points=3)
    >>> p.tolist(), bits.tolist()
    ([0.0, 0.5, 1.0], [0.0, 1.0, 0.0])
    """
    points = _whole(points, "points", 2, 100_000)
    grid = np.linspace(0, 1, points)
    return grid, np.array([entropy([g, 1 - g]) for g in grid])


def normalised(weights: ArrayLike, *, name: str = "weights") -> np.ndarray:
    """Weights divided by their total: the probability vector they describe.

    Parameters
    ----------
    weights : array_like
        Finite numbers of at least 0, not all 0.
    name : str
        What the weights describe ("P"), for the error message.

    Examples
    --------
    >>> normalised([4, 2, 1, 1]).tolist()
    [0.5, 0.25, 0.125, 0.125]
    >>> normalised([0, 0], name="P")
    Traceback (most recent call last):
    ...
    mathviz.information.InformationError: The weights of P are all 0: give at least one ...
    """
    try:
        ws = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise InformationError(f"the weights of {name} must be numbers") from None
    if ws.ndim != 1 or ws.size == 0:
        raise InformationError(f"the weights of {name} must be a non-empty list of numbers")
    if not np.all(np.isfinite(ws)) or np.any(ws < 0):
        raise InformationError(f"the weights of {name} must be finite numbers of at least 0")
    with np.errstate(over="ignore"):  # an overflowing total is scaled down below
        total = float(ws.sum())
    if total <= 0:
        raise InformationError(
            f"The weights of {name} are all 0: give at least one outcome a chance"
        )
    if math.isinf(total):  # huge weights: scaled down first, so the total cannot overflow
        ws = ws / ws.max()
        total = float(ws.sum())
    return ws / total


def ruled_out(ps: ArrayLike, qs: ArrayLike) -> list[int]:
    """The outcomes (their indices) P can produce but Q gives probability 0.

    Where there are any, H(P, Q) and KL(P ‖ Q) are infinite.

    Examples
    --------
    >>> ruled_out([0.5, 0.5, 0.0], [1.0, 0.0, 0.0])
    [1]
    >>> ruled_out([1.0, 0.0, 0.0], [0.5, 0.5, 0.0])
    []
    """
    ps, qs = _pair(ps, qs)
    return np.flatnonzero((ps > 0) & (qs == 0)).tolist()


def classifier_loss(logits: ArrayLike, true_class: int, *, base: float = math.e) -> float:
    """A classifier's cross-entropy loss, −log softmax(z)[true_class] (in nats by default).

    Computed from ``log_softmax``, so a true class far below the top logit still has a
    finite loss where softmax itself rounds to 0.

    Parameters
    ----------
    logits : array_like
        The classifier's scores z, finite.
    true_class : int
        The index of the true class.
    base : float
        The logarithm's base: e for nats (what learning libraries report), 2 for bits.

    Examples
    --------
    >>> classifier_loss([1000.0, -1000.0], 1)
    2000.0
    >>> classifier_loss([0.0, 0.0], 0, base=2)
    1.0
    """
    z = _logits(logits)
    true_class = _whole(true_class, "true_class", 0, z.size - 1)
    nats = float(-log_softmax(z)[true_class]) + 0.0
    return nats / _base(base)


def loss_curve(*, points: int = 400, smallest: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """The classifier's loss −ln q against q, the probability it gave the true class.

    Half the points are log-spaced from ``smallest`` to 0.05, where the curve shoots up
    (q → 0 costs without bound), half spread evenly up to 1, where the loss is 0.

    Returns
    -------
    qs, nats : ndarray
        q, increasing from ``smallest`` to 1, and −ln q.

    Examples
    --------
    >>> qs, nats = loss_curve(points=6)
    >>> float(qs[0]), float(qs[-1]), float(nats[-1])
    (1e-06, 1.0, 0.0)
    >>> bool(np.all(np.diff(nats) < 0))  # the surer of the truth, the smaller the loss
    True
    """
    if not 0 < smallest < 0.05:
        raise InformationError(f"smallest must be between 0 and 0.05; got {smallest}")
    if points < 4:
        raise InformationError(f"points must be at least 4; got {points}")
    near = np.geomspace(smallest, 0.05, points // 2, endpoint=False)
    qs = np.concatenate([near, np.linspace(0.05, 1.0, points - near.size)])
    return qs, -np.log(qs) + 0.0


# ---------------------------------------------------------------- the guessing game

PLAYERS: tuple[str, ...] = ("halving", "possible", "median", "huffman")
PLAYABLE = 1e-12
"""The game's one cut-off: a number less likely than this is never the secret.

Playing a million games a second, such a number would come up less than once in twelve days.
Below it, the chances a computer can store are rounding dust (a Poisson tail underflows to
exactly 0 near 10⁻³⁰⁸), so the game decides once, here, rather than where floats run out.
"""
MAX_GAMES = 10_000_000


@dataclass(frozen=True)
class Round:
    """One round of the guessing game: the secret, the numbers still possible, the answers.

    Numbers run 1…N. A round never changes: ``ask`` returns the round after one more
    answer, so a round can be kept as it is between the runs of a page.

    Attributes
    ----------
    secret : int
        The number to find.
    possible : tuple of int
        The numbers the answers so far leave possible, ascending. A number of probability 0
        is never possible.
    asked : tuple of (int, bool)
        Every question that counted, "is it ≤ k?", as k and its answer.

    Examples
    --------
    >>> game = Round.start([0.25, 0.25, 0.25, 0.25], 3)
    >>> game.can_split(4), game.ask(2).possible, game.ask(2).ask(3).found
    (False, (3, 4), True)
    """

    secret: int
    possible: tuple[int, ...]
    asked: tuple[tuple[int, bool], ...] = ()

    @classmethod
    def start(cls, ps: ArrayLike, secret: int) -> Round:
        """A round before any question, with ``secret`` among the outcomes of ps.

        Examples
        --------
        >>> Round.start([0.0, 0.5, 0.5], 2).possible
        (2, 3)
        """
        ps = _given(ps)
        possible = tuple((np.flatnonzero(ps > 0) + 1).tolist())
        secret = _whole(secret, "secret", 1, ps.size)
        if secret not in possible:
            raise InformationError(f"secret must have a positive probability; p({secret}) = 0")
        return cls(secret, possible)

    @classmethod
    def draw(cls, ps: ArrayLike, *, seed: int) -> Round:
        """A round whose secret is drawn from ps by ``numpy.random.default_rng(seed)``.

        The game seeds it with fresh entropy from the operating system
        (``secrets.randbits(128)``), so no link or page can reproduce the secret.

        Examples
        --------
        >>> Round.draw([0.0, 1.0, 0.0], seed=7).secret
        2
        """
        ps = _given(ps)
        rng = np.random.default_rng(_whole(seed, "seed", 0))
        return cls.start(ps, int(rng.choice(ps.size, p=ps)) + 1)

    @property
    def low(self) -> int:
        """The smallest number still possible."""
        return self.possible[0]

    @property
    def high(self) -> int:
        """The largest number still possible."""
        return self.possible[-1]

    @property
    def middle(self) -> int:
        """The middle of the numbers still possible, rounded down: a k that halves them."""
        return (self.low + self.high) // 2

    @property
    def questions(self) -> int:
        """How many questions have counted so far."""
        return len(self.asked)

    @property
    def settled(self) -> bool:
        """Whether one number is left possible, so no question can tell anything more."""
        return len(self.possible) == 1

    @property
    def found(self) -> bool:
        """Whether questions found the secret.

        A round with one possible number from the start is settled, not found: nothing was
        asked.
        """
        return self.settled and bool(self.asked)

    def can_split(self, k: int) -> bool:
        """Whether "is it ≤ k?" can split the numbers still possible: low ≤ k < high."""
        return self.low <= k < self.high

    def ask(self, k: int) -> Round:
        """The round after "is it ≤ k?" is answered honestly.

        Raises
        ------
        InformationError
            When the question cannot split the numbers still possible (its answer is
            known already, and it does not count).
        """
        if not self.can_split(k):
            raise InformationError(
                f"k must split the numbers still possible, {self.low}…{self.high}: "
                f"choose it from {self.low} to {self.high - 1}; got {k}"
            )
        yes = self.secret <= k
        possible = tuple(v for v in self.possible if (v <= k) == yes)
        return replace(self, possible=possible, asked=(*self.asked, (int(k), yes)))

    def left(self, ps: ArrayLike) -> np.ndarray:
        """The probability of each number 1…N given the answers so far.

        ps kept on the numbers still possible and divided by their total; 0 elsewhere.

        Examples
        --------
        >>> Round.start([0.25, 0.25, 0.5], 3).ask(1).left([0.25, 0.25, 0.5]).tolist()
        [0.0, 0.3333333333333333, 0.6666666666666666]
        """
        ps = _given(ps)
        rest = np.where(np.isin(np.arange(1, ps.size + 1), self.possible), ps, 0.0)
        return rest / rest.sum()


def record_round(history: Sequence[int], finished: Round) -> tuple[int, ...]:
    """The learner's rounds (questions each took) with the found round ``finished`` added.

    Examples
    --------
    >>> record_round((10,), Round.start([0.5, 0.5], 1).ask(1))
    (10, 1)
    """
    if not finished.found:
        raise InformationError("finished must be a round whose secret was found")
    return (*history, finished.questions)


def mean_questions(history: Sequence[int]) -> float:
    """The average number of questions over the learner's rounds; nan before the first.

    Examples
    --------
    >>> mean_questions((10, 7)), mean_questions(())
    (8.5, nan)
    """
    return sum(history) / len(history) if history else math.nan


def strategy_counts(ps: ArrayLike) -> dict[str, np.ndarray]:
    """How many questions each player of the game needs for each outcome.

    ``"halving"``, ``"possible"`` and ``"median"`` ask "is it ≤ k?" (``question_counts``);
    ``"huffman"`` may ask any yes/no question (``huffman_code_lengths``), the best on average.

    Examples
    --------
    >>> counts = strategy_counts([0.5, 0.25, 0.125, 0.125])
    >>> {name: c.tolist() for name, c in counts.items() if name != "possible"}
    {'halving': [2, 2, 2, 2], 'median': [1, 2, 3, 3], 'huffman': [1, 2, 3, 3]}
    """
    ps = _given(ps)
    return {
        "halving": question_counts(ps, strategy="halving"),
        "possible": question_counts(ps, strategy="possible"),
        "median": question_counts(ps, strategy="median"),
        "huffman": huffman_code_lengths(ps),
    }


def _per_outcome(ps: np.ndarray, counts: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    found = {name: np.asarray(c, dtype=float) for name, c in counts.items()}
    for name, c in found.items():
        if c.shape != ps.shape:
            raise InformationError(
                f"counts must give one number per outcome; {name!r} has {c.size}, not {ps.size}"
            )
    return found


def expected_counts(ps: ArrayLike, counts: Mapping[str, ArrayLike]) -> dict[str, float]:
    """The exact expected number of questions of each player, Σ pᵢ·countᵢ.

    Parameters
    ----------
    ps : array_like
        The probabilities of the outcomes.
    counts : mapping
        Player → questions for each outcome, as ``strategy_counts`` gives them.

    Examples
    --------
    >>> ps = [0.5, 0.25, 0.125, 0.125]
    >>> expected_counts(ps, strategy_counts(ps))
    {'halving': 2.0, 'possible': 2.0, 'median': 1.75, 'huffman': 1.75}
    """
    ps = _given(ps)
    return {name: float(ps @ c) for name, c in _per_outcome(ps, counts).items()}


def simulated_counts(
    ps: ArrayLike, counts: Mapping[str, ArrayLike], *, seed: int, games: int
) -> dict[str, float]:
    """Each player's average number of questions over ``games`` secrets drawn from ps.

    The secrets are ``numpy.random.default_rng(seed).choice(N, size=games, p=ps)``: the
    same seed plays the same games.

    Parameters
    ----------
    ps : array_like
        The probabilities of the outcomes.
    counts : mapping
        Player → questions for each outcome, as ``strategy_counts`` gives them.
    seed : int
        The seed of the draws, 0 or more.
    games : int
        How many secrets to draw, 1 to ``MAX_GAMES``.

    Examples
    --------
    >>> simulated_counts([0.5, 0.5], {"halving": [1, 1]}, seed=1, games=100)
    {'halving': 1.0}
    """
    ps = _given(ps)
    seed = _whole(seed, "seed", 0)
    games = _whole(games, "games", 1, MAX_GAMES)
    per_outcome = _per_outcome(ps, counts)
    drawn = np.random.default_rng(seed).choice(ps.size, size=games, p=ps)
    return {name: float(c[drawn].mean()) for name, c in per_outcome.items()}


def playable(ps: ArrayLike, *, cutoff: float = PLAYABLE) -> np.ndarray:
    """The probabilities ps with every chance below ``cutoff`` set to 0, then renormalised.

    The game's one cut-off (``PLAYABLE``): the numbers left are the ones that can be the
    secret, the ones the board draws and the ones the players skip to.

    Examples
    --------
    >>> playable([0.25, 0.75 - 1e-15, 1e-15]).round(12).tolist()
    [0.25, 0.75, 0.0]
    >>> playable([0.5, 0.5], cutoff=0.6)
    Traceback (most recent call last):
    ...
    mathviz.information.InformationError: ps must have a chance of at least 0.6 somewhere
    """
    ps = _given(ps)
    kept = np.where(ps >= cutoff, ps, 0.0)
    if not kept.any():
        raise InformationError(f"ps must have a chance of at least {cutoff:g} somewhere")
    return kept / kept.sum()


@dataclass(frozen=True)
class TreeNode:
    """One range in the tree of "is it ≤ k?" questions.

    Attributes
    ----------
    depth : int
        How many answers lead here (0 for the whole range).
    low, high : int
        The range of numbers the answers so far leave.
    answer : str
        ``"start"`` for the root, ``"yes"`` (≤ k) or ``"no"`` (> k) for a child.
    taken : bool
        Whether the answer given was this one (the path), or the branch ruled out.
    """

    depth: int
    low: int
    high: int
    answer: str
    taken: bool


def question_tree(low: int, high: int, asked: Sequence[tuple[int, bool]]) -> list[TreeNode]:
    """The answers so far as a path down the binary tree of ranges, starting from low…high.

    Each question "is it ≤ k?" splits the range it was asked in into low…k (yes) and
    k + 1…high (no); both children are listed, the one the answer chose ``taken``.

    Examples
    --------
    >>> [(n.depth, n.low, n.high, n.answer, n.taken) for n in question_tree(1, 8, [(4, False)])]
    [(0, 1, 8, 'start', True), (1, 1, 4, 'yes', False), (1, 5, 8, 'no', True)]
    >>> question_tree(1, 8, [(9, True)])
    Traceback (most recent call last):
    ...
    mathviz.information.InformationError: asked must split its range: k = 9 is not in 1…7
    """
    low, high = _whole(low, "low", 1), _whole(high, "high", 1)
    if high < low:
        raise InformationError(f"high must be at least low; got {low}…{high}")
    nodes = [TreeNode(0, low, high, "start", True)]
    for depth, (k, yes) in enumerate(asked, start=1):
        if not low <= k < high:
            raise InformationError(
                f"asked must split its range: k = {k} is not in {low}…{high - 1}"
            )
        nodes += [TreeNode(depth, low, k, "yes", yes), TreeNode(depth, k + 1, high, "no", not yes)]
        low, high = (low, k) if yes else (k + 1, high)
    return nodes
