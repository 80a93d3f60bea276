"""Single-variable calculus: derivatives as limits, critical points, integrals as sums.

Every function takes a vectorised ``f`` (``f(xs) -> ys``) first and its knobs keyword-only.

Derivatives
    ``difference_quotient``   forward, backward or central quotient; broadcasts over x and h
    ``second_difference``     central estimate of f''(x)
    ``quotient_errors``       |quotient - exact| over a range of steps h (the log-log error plot)

Critical points
    ``critical_points``       every x in [a, b] with f'(x) = 0, touching zeros included
    ``second_derivative_test`` "minimum", "maximum" or "inconclusive"
    ``local_shape``           what f does around a point, judged by its neighbours

Integrals
    ``riemann_sum``           left, right, midpoint or trapezoid sum with n pieces
    ``riemann_pieces``        the rectangles (or trapezoids) the sum adds up, for drawing
    ``definite_integral``     the reference value, from ``scipy.integrate.quad``
    ``accumulation``          F(x) = ∫ₐˣ f on a grid, from ``scipy.integrate.cumulative_simpson``

Bad input raises ``ValueError`` (or the subclass ``CalculusError``) naming the parameter.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from typing import Literal

import numpy as np
from scipy import integrate, optimize

Function = Callable[[np.ndarray], np.ndarray]
Scheme = Literal["forward", "backward", "central"]
Rule = Literal["left", "right", "midpoint", "trapezoid"]

SCHEMES: tuple[str, ...] = ("forward", "backward", "central")
RULES: tuple[str, ...] = ("left", "right", "midpoint", "trapezoid")
MAX_PIECES = 100_000


class CalculusError(ValueError):
    """A calculus function was given input it cannot use; the message names the parameter."""


class FlatFunctionError(CalculusError):
    """f' vanishes on a whole stretch, so critical points are not isolated."""


def _evaluate(f: Function, xs: np.ndarray | float) -> np.ndarray:
    # Functions such as log or 1/x are undefined somewhere; callers check for nan or inf.
    with np.errstate(all="ignore"):
        return np.asarray(f(np.asarray(xs, dtype=float)), dtype=float)


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise CalculusError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def _check_interval(a: float, b: float) -> None:
    if not (np.isfinite(a) and np.isfinite(b)):
        raise CalculusError(f"a and b must be finite numbers; got a={a}, b={b}")
    if not a < b:
        raise CalculusError(f"a must be less than b; got a={a}, b={b}")


def _check_pieces(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise CalculusError(f"n must be a whole number of pieces; got {n!r}")
    if not 1 <= n <= MAX_PIECES:
        raise CalculusError(f"n must be between 1 and {MAX_PIECES:,}; got {n}")


def difference_quotient(
    f: Function, x: float | np.ndarray, h: float | np.ndarray, *, scheme: Scheme = "forward"
) -> np.ndarray:
    """Estimate f'(x) by a difference quotient with step h.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x, h : float or array_like
        Point(s) and step(s); they broadcast against each other. ``h`` must be non-zero.
    scheme : {"forward", "backward", "central"}
        ``(f(x+h) - f(x)) / h``, ``(f(x) - f(x-h)) / h`` or ``(f(x+h) - f(x-h)) / 2h``.

    Returns
    -------
    ndarray
        The quotient, with the broadcast shape of ``x`` and ``h``.

    Examples
    --------
    >>> float(difference_quotient(np.exp, 0.0, 1e-5, scheme="central"))  # doctest: +ELLIPSIS
    1.0000000000...
    >>> difference_quotient(np.exp, 0.0, 0.0)
    Traceback (most recent call last):
    ...
    mathviz.calculus.CalculusError: h must be non-zero
    """
    _check_choice("scheme", scheme, SCHEMES)
    x = np.asarray(x, dtype=float)
    h = np.asarray(h, dtype=float)
    if np.any(h == 0):
        raise CalculusError("h must be non-zero")
    if scheme == "forward":
        return (_evaluate(f, x + h) - _evaluate(f, x)) / h
    if scheme == "backward":
        return (_evaluate(f, x) - _evaluate(f, x - h)) / h
    return (_evaluate(f, x + h) - _evaluate(f, x - h)) / (2 * h)


def second_difference(f: Function, x: float | np.ndarray, h: float | np.ndarray) -> np.ndarray:
    """Estimate f''(x) by the central second difference ``(f(x+h) - 2f(x) + f(x-h)) / h²``.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x, h : float or array_like
        Point(s) and non-zero step(s), broadcasting against each other.

    Returns
    -------
    ndarray
        The estimate; its error shrinks like h² until round-off takes over.

    Examples
    --------
    >>> round(float(second_difference(np.sin, np.pi / 2, 1e-4)), 6)
    -1.0
    """
    x = np.asarray(x, dtype=float)
    h = np.asarray(h, dtype=float)
    if np.any(h == 0):
        raise CalculusError("h must be non-zero")
    return (_evaluate(f, x + h) - 2 * _evaluate(f, x) + _evaluate(f, x - h)) / h**2


def quotient_errors(
    f: Function, df: Function, x: float, hs: np.ndarray, *, scheme: Scheme = "forward"
) -> np.ndarray:
    """Absolute error of the difference quotient at each step in ``hs``.

    Parameters
    ----------
    f, df : callable
        The function and its exact derivative.
    x : float
        The point.
    hs : array_like
        Positive steps.
    scheme : {"forward", "backward", "central"}
        Which quotient.

    Returns
    -------
    ndarray
        ``|difference_quotient(f, x, h) - df(x)|`` for each h.

    Examples
    --------
    >>> errors = quotient_errors(np.sin, np.cos, 1.0, np.array([1e-2, 1e-3]))
    >>> bool(errors[1] < errors[0])
    True
    """
    exact = _evaluate(df, x)
    return np.abs(difference_quotient(f, x, np.asarray(hs, dtype=float), scheme=scheme) - exact)


def _default_derivative(f: Function) -> Function:
    # A central quotient with h ~ cbrt(machine epsilon) balances truncation and round-off.
    def df(xs: np.ndarray) -> np.ndarray:
        h = 6e-6 * np.maximum(1.0, np.abs(xs))
        return difference_quotient(f, xs, h, scheme="central")

    return df


def critical_points(
    f: Function, a: float, b: float, *, df: Function | None = None, n: int = 4001
) -> np.ndarray:
    """Every x in [a, b] where f'(x) = 0, sorted.

    Zeros where f' changes sign are bracketed on a grid of ``n`` points and refined with
    Brent's method. Zeros where f' only touches 0 without changing sign (x³ at 0) are found
    as local minima of |f'| that reach 0. Points where f' jumps across 0 without being 0
    (|x| at 0) are not critical points in this sense and are left out.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    a, b : float
        The interval, ``a < b``.
    df : callable, optional
        The exact derivative; a central difference quotient is used when it is not given.
    n : int
        Grid points used to bracket the zeros; zeros closer together than ``(b - a) / n``
        may merge.

    Returns
    -------
    ndarray
        Sorted critical points.

    Raises
    ------
    FlatFunctionError
        When f' is exactly zero on more than 1% of the grid (f is constant on a stretch).

    Examples
    --------
    >>> critical_points(lambda x: x**3 - 3 * x, -3, 3).round(6)
    array([-1.,  1.])
    >>> critical_points(np.sin, 1, 0)
    Traceback (most recent call last):
    ...
    mathviz.calculus.CalculusError: a must be less than b; got a=1, b=0
    """
    _check_interval(a, b)
    df = _default_derivative(f) if df is None else df
    xs = np.linspace(a, b, n)
    ds = _evaluate(df, xs)
    finite = np.isfinite(ds)
    # The median slope sets the scale, so a pole (1/x near 0) cannot swamp the tolerance and
    # a function scaled by 1e-6 keeps its critical points.
    scale = float(np.median(np.abs(ds[finite]))) if finite.any() else 0.0
    tol = 1e-7 * scale
    # Only an exactly zero slope counts as flat: x⁶ is merely very flat near 0.
    if np.count_nonzero(finite & (ds == 0)) > n // 100:
        raise FlatFunctionError(
            "f' is zero on a whole stretch of [a, b]: f is constant there, so every point of "
            "that stretch is critical"
        )

    def slope(x: float) -> float:
        return float(_evaluate(df, x))

    found: list[float] = list(xs[finite & (ds == 0)])
    signs = np.sign(ds)
    brackets = np.flatnonzero(finite[:-1] & finite[1:] & (signs[:-1] * signs[1:] < 0))
    for i in brackets:
        root = optimize.brentq(slope, xs[i], xs[i + 1], xtol=1e-14)
        if abs(slope(root)) <= tol:
            found.append(root)
    # A touching zero shows on the grid as a local minimum of |f'| with no sign change.
    mags = np.where(finite, np.abs(ds), np.inf)
    dips = np.flatnonzero((mags[1:-1] <= mags[:-2]) & (mags[1:-1] <= mags[2:])) + 1
    for i in dips:
        if signs[i - 1] * signs[i + 1] < 0 or mags[i] > 1e3 * tol:
            continue
        result = optimize.minimize_scalar(
            lambda x: abs(slope(x)),
            bounds=(xs[i - 1], xs[i + 1]),
            method="bounded",
            options={"xatol": 1e-12},
        )
        if abs(slope(result.x)) <= tol:
            found.append(float(result.x))
    found.extend(float(end) for end in (a, b) if abs(slope(end)) <= tol)
    return _merge_close(np.sort(np.asarray(found, dtype=float)), spacing=(b - a) / n)


def _merge_close(points: np.ndarray, *, spacing: float) -> np.ndarray:
    if points.size == 0:
        return points
    keep = np.concatenate([[True], np.diff(points) > spacing])
    return points[keep]


def second_derivative_test(
    f: Function, x0: float, *, d2f: Function | None = None, atol: float = 1e-6
) -> Literal["minimum", "maximum", "inconclusive"]:
    """Classify a critical point x0 of f by the sign of f''(x0).

    Parameters
    ----------
    f : callable
        Vectorised function of one variable with f'(x0) = 0.
    x0 : float
        The critical point.
    d2f : callable, optional
        The exact second derivative; ``second_difference`` is used when it is not given.
    atol : float
        |f''(x0)| at or below this counts as zero: the test then says nothing.

    Returns
    -------
    {"minimum", "maximum", "inconclusive"}
        f'' > 0 means a minimum, f'' < 0 a maximum; f'' = 0 (x³ or x⁴ at 0) is inconclusive.

    Examples
    --------
    >>> second_derivative_test(np.cos, 0.0)
    'maximum'
    >>> second_derivative_test(lambda x: x**4, 0.0)
    'inconclusive'
    """
    if d2f is None:
        value = float(second_difference(f, x0, 1e-4 * max(1.0, abs(x0))))
    else:
        value = float(_evaluate(d2f, x0))
    if not np.isfinite(value) or abs(value) <= atol:
        return "inconclusive"
    return "minimum" if value > 0 else "maximum"


def _sample_points(a: float, b: float, n: int, rule: Rule) -> tuple[np.ndarray, np.ndarray]:
    edges = np.linspace(a, b, n + 1)
    if rule == "left":
        return edges, edges[:-1]
    if rule == "right":
        return edges, edges[1:]
    if rule == "midpoint":
        return edges, (edges[:-1] + edges[1:]) / 2
    return edges, edges


def riemann_sum(f: Function, a: float, b: float, n: int, *, rule: Rule = "left") -> float:
    """Approximate ∫ₐᵇ f by n equal pieces.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    a, b : float
        The interval, ``a < b``.
    n : int
        Number of pieces, from 1 to 100,000.
    rule : {"left", "right", "midpoint", "trapezoid"}
        Where each piece takes its height (trapezoid: the mean of both ends).

    Returns
    -------
    float
        The signed sum: area below the axis counts negative.

    Examples
    --------
    >>> round(riemann_sum(np.sin, -np.pi, np.pi, 8, rule="midpoint"), 12)
    0.0
    >>> riemann_sum(np.sin, 0, 1, 0)
    Traceback (most recent call last):
    ...
    mathviz.calculus.CalculusError: n must be between 1 and 100,000; got 0
    """
    _check_choice("rule", rule, RULES)
    _check_interval(a, b)
    _check_pieces(n)
    _, xs = _sample_points(a, b, n, rule)
    ys = _evaluate(f, xs)
    width = (b - a) / n
    if rule == "trapezoid":
        return float(width * (ys[:-1] + ys[1:]).sum() / 2)
    return float(width * ys.sum())


def riemann_pieces(
    f: Function, a: float, b: float, n: int, *, rule: Rule = "left"
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pieces whose areas ``riemann_sum`` adds up.

    Parameters
    ----------
    f, a, b, n, rule
        As for ``riemann_sum``.

    Returns
    -------
    left, right, y_left, y_right : ndarray
        Each piece spans [left, right]; its top runs from y_left to y_right (equal except for
        the trapezoid rule). ``((right - left) * (y_left + y_right) / 2).sum()`` is the sum.

    Examples
    --------
    >>> left, right, y0, y1 = riemann_pieces(lambda x: x, 0, 1, 2, rule="right")
    >>> y0.tolist()
    [0.5, 1.0]
    """
    _check_choice("rule", rule, RULES)
    _check_interval(a, b)
    _check_pieces(n)
    edges, xs = _sample_points(a, b, n, rule)
    ys = _evaluate(f, xs)
    if rule == "trapezoid":
        return edges[:-1], edges[1:], ys[:-1], ys[1:]
    return edges[:-1], edges[1:], ys, ys


def definite_integral(f: Function, a: float, b: float) -> float:
    """The reference value of ∫ₐᵇ f from adaptive quadrature (``scipy.integrate.quad``).

    Integrable singularities (log x at 0, 1/√|x| at 0) are fine: quadrature never evaluates
    the ends, and the interval is split at points inside where f is undefined.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    a, b : float
        The interval, ``a < b``.

    Returns
    -------
    float
        The integral, or nan when it does not exist (1/x across 0) or quadrature fails.

    Examples
    --------
    >>> round(definite_integral(np.sin, 0, np.pi), 12)
    2.0
    >>> round(definite_integral(np.log, 0, 1), 10)
    -1.0
    """
    _check_interval(a, b)

    def scalar(x: float) -> float:
        return float(_evaluate(f, x))

    xs = np.linspace(a, b, 257)[1:-1]
    breaks = xs[~np.isfinite(_evaluate(f, xs))]
    if breaks.size > 20:  # undefined on a whole stretch, not at a few points
        return float("nan")
    # Each piece between trouble spots on its own, so +∞ and −∞ cannot cancel (1/x on [−1, 1]);
    # a quadrature warning means a divergent or wildly oscillating integrand: report nan.
    ends = np.concatenate([[a], breaks, [b]])
    total = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error", integrate.IntegrationWarning)
        for lo, hi in itertools.pairwise(ends):
            try:
                value, _ = integrate.quad(scalar, lo, hi, limit=200)
            except (integrate.IntegrationWarning, ValueError, ZeroDivisionError):
                return float("nan")
            total += value
    return total if np.isfinite(total) else float("nan")


def accumulation(f: Function, a: float, b: float, *, n: int = 401) -> tuple[np.ndarray, np.ndarray]:
    """The accumulation function F(x) = ∫ₐˣ f(t) dt on a grid over [a, b].

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    a, b : float
        The interval, ``a < b``.
    n : int
        Grid points (at least 3).

    Returns
    -------
    xs, areas : ndarray
        The grid and F on it, F(a) = 0: Simpson's rule between grid points, or the midpoint
        rule when f is undefined at a grid point (an integrable singularity at an end).

    Examples
    --------
    >>> xs, areas = accumulation(np.cos, 0, np.pi / 2)
    >>> round(float(areas[-1]), 8)
    1.0
    """
    _check_interval(a, b)
    if n < 3:
        raise CalculusError(f"n must be at least 3; got {n}")
    xs = np.linspace(a, b, n)
    ys = _evaluate(f, xs)
    if np.all(np.isfinite(ys)):
        return xs, integrate.cumulative_simpson(ys, x=xs, initial=0.0)
    # f is undefined at some grid point (log x at 0): midpoints stay off the grid.
    mids = _evaluate(f, (xs[:-1] + xs[1:]) / 2)
    return xs, np.concatenate([[0.0], np.cumsum(mids * np.diff(xs))])


def local_shape(
    f: Function, x0: float, *, delta: float = 1e-3
) -> Literal["minimum", "maximum", "neither"]:
    """What f really does around x0, judged by its values a small step to either side.

    Where the second-derivative test is silent this still answers: x⁴ has a minimum at 0,
    x³ has neither.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x0 : float
        The point.
    delta : float
        How far to each side to look (positive).

    Returns
    -------
    {"minimum", "maximum", "neither"}
        "minimum" when both neighbours are higher, "maximum" when both are lower.

    Examples
    --------
    >>> local_shape(lambda x: x**4, 0.0), local_shape(lambda x: x**3, 0.0)
    ('minimum', 'neither')
    """
    if not delta > 0:
        raise CalculusError(f"delta must be positive; got {delta}")
    left, mid, right = _evaluate(f, np.array([x0 - delta, x0, x0 + delta]))
    if left > mid and right > mid:
        return "minimum"
    if left < mid and right < mid:
        return "maximum"
    return "neither"
