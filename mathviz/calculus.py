"""Single-variable calculus: derivatives as limits, critical points, integrals as sums.

Every function takes a vectorised ``f`` (``f(xs) -> ys``) first and its knobs keyword-only.

Derivatives
    ``difference_quotient``   forward, backward or central quotient; broadcasts over x and h
    ``secant``, ``line_through``   the secant's ends and slope; a tangent or secant line
    ``second_difference``     central estimate of f''(x)
    ``quotient_errors``       |quotient - exact| over a range of steps h (the log-log error plot)

Critical points
    ``critical_points``       every x in [a, b] with f'(x) = 0, touching zeros included
    ``too_close_to_resolve``  whether the points found crowd the search grid
    ``second_derivative_test`` "minimum", "maximum" or "inconclusive"
    ``local_shape``           what f does around a point, judged by its neighbours
    ``judge_critical_points`` both verdicts for every critical point found

Integrals
    ``riemann_sum``           left, right, midpoint or trapezoid sum with n pieces
    ``riemann_pieces``        the rectangles (or trapezoids) the sum adds up, for drawing
    ``definite_integral``     the reference value, from ``scipy.integrate.quad``
    ``accumulation``          F(x) = ∫ₐˣ f on a grid, from ``scipy.integrate.cumulative_simpson``
    ``slope_of_samples``      the slope of sampled values (F's slope traces f)
    ``riemann_errors``        each rule's error over a range of piece counts

Bad input raises ``ValueError`` (or the subclass ``CalculusError``) naming the parameter.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy import integrate, optimize

Function = Callable[[Any], np.ndarray]  # vectorised: takes a number or an array of them
Scheme = Literal["forward", "backward", "central"]
Rule = Literal["left", "right", "midpoint", "trapezoid"]

SCHEMES: tuple[Scheme, ...] = ("forward", "backward", "central")
RULES: tuple[Rule, ...] = ("left", "right", "midpoint", "trapezoid")
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


def secant(
    f: Function, x: float, h: float, *, scheme: Scheme = "forward"
) -> tuple[float, float, float]:
    """The secant a difference quotient measures: its two ends and its slope.

    Returns
    -------
    left, right, slope : float
        The ends (x and x + h, or x − h and x + h for ``"central"``) and the quotient.

    Examples
    --------
    >>> secant(np.square, 1.0, 0.5)
    (1.0, 1.5, 2.5)
    """
    slope = float(difference_quotient(f, x, h, scheme=scheme))
    left = x - h if scheme == "central" else x
    return left, x + h, slope


def line_through(x0: float, y0: float, slope: float, xs: ArrayLike) -> np.ndarray:
    """The straight line through (x0, y0) with ``slope``, at ``xs``: a tangent or a secant.

    An infinite or undefined slope has no such line: nan everywhere.

    Examples
    --------
    >>> line_through(1.0, 2.0, 3.0, [0.0, 2.0]).tolist()
    [-1.0, 5.0]
    """
    xs = np.asarray(xs, dtype=float)
    if not (np.isfinite(slope) and np.isfinite(y0)):
        return np.full(xs.shape, np.nan)
    return y0 + slope * (xs - x0)


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
        if signs[i - 1] * signs[i + 1] < 0:
            continue
        if mags[i] > 1e3 * tol and not _may_touch_zero(*mags[i - 1 : i + 2]):
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
    points = np.sort(np.asarray(found, dtype=float))
    return _merge_within_noise(_merge_close(points, spacing=(b - a) / n), df)


def _may_touch_zero(left: float, middle: float, right: float) -> bool:
    """Whether a dip of |f'| on three grid points could reach 0 between them.

    The parabola through the three values bottoms out near 0 at a double zero of f'
    (exactly so for (x − r)²), and near the middle value where |f'| merely dips, as
    2 + sin x does; a dip is searched when the parabola falls below half the middle value.
    """
    if middle == 0:
        return True
    curve = (left - 2 * middle + right) / 2
    tilt = (right - left) / 2
    return bool(np.isfinite(curve) and curve > 0 and tilt**2 / (4 * curve) >= middle / 2)


def _merge_within_noise(points: np.ndarray, df: Function) -> np.ndarray:
    """Neighbouring zeros of f' between which f' never leaves its rounding noise, as one.

    Near a zero of high order (f' = (x − r)⁵·…) rounding makes f' wobble around 0 over a
    whole stretch, and each wobble would count as a root. Two true roots have f' rise
    clear of the noise between them; wobbles do not. A merged group is reported at the
    middle of its stretch.
    """
    if points.size < 2:
        return points
    groups = [[float(points[0])]]
    for point in points[1:].tolist():
        previous = groups[-1][-1]
        between = _evaluate(df, np.linspace(previous, point, 9)[1:-1])
        level = 8 * _noise(df, (previous + point) / 2)
        if np.all(np.abs(between) <= level):
            groups[-1].append(point)
        else:
            groups.append([point])
    return np.array([(group[0] + group[-1]) / 2 for group in groups])


def too_close_to_resolve(points: ArrayLike, a: float, b: float, *, n: int = 4001) -> bool:
    """Whether critical points found on [a, b] crowd the search grid, so some may be missing.

    ``critical_points`` brackets zeros of f' on a grid of ``n`` points; when neighbours it
    found lie within four grid steps of each other, f' changes sign about as fast as the
    grid samples it, and zeros in between can slip through.

    Examples
    --------
    >>> too_close_to_resolve([-1.0, 1.0], -3, 3), too_close_to_resolve([0.0, 0.003], -10, 10)
    (False, True)
    """
    points = np.sort(np.asarray(points, dtype=float))
    return bool(points.size > 1 and np.diff(points).min() < 4 * (b - a) / (n - 1))


def _merge_close(points: np.ndarray, *, spacing: float) -> np.ndarray:
    if points.size == 0:
        return points
    keep = np.concatenate([[True], np.diff(points) > spacing])
    return points[keep]


def _noise(f: Function, x0: float) -> float:
    """How far rounding may move f's values near x0.

    Two views, the larger wins: the spread of f over a few ulps of x0 (at a critical point
    f barely changes over so short a step, so that spread is rounding), and 16ε times the
    largest |f| within 1 of x0. The second is the size of the numbers f adds
    and cancels, which sets its rounding even where the first, by chance, reads 0 — as it
    does where an expanded polynomial evaluates to exactly 0 beside its true root.
    """
    eps = np.finfo(float).eps
    micro = _evaluate(f, x0 + 32 * eps * max(1.0, abs(x0)) * np.arange(-4, 5))
    wide = _evaluate(f, x0 + np.linspace(-1.0, 1.0, 21))
    micro, wide = micro[np.isfinite(micro)], wide[np.isfinite(wide)]
    spread = float(np.ptp(micro)) if micro.size else 0.0
    size = max(
        float(np.abs(micro).max()) if micro.size else 0.0,
        float(np.abs(wide).max()) if wide.size else 0.0,
    )
    return spread + 16 * eps * size


def _curvature(f: Function, x0: float, d2f: Function | None) -> tuple[float, float]:
    """f''(x0) and how far off it may be: rounding, and for a second difference truncation.

    The central second difference D(h) = f'' + c h² + …, so D(2h) − D(h) ≈ 3 c h² tells the
    truncation error of D(h) (Richardson), and rounding in f adds up to 4·noise / h².
    """
    if d2f is not None:
        value = float(_evaluate(d2f, x0))
        return value, 4 * _noise(d2f, x0)
    # Steps from ε^¼ (best for a function whose size is its curvature's) up a thousand
    # times, for a tiny curvature on a large f; the one with the smallest error wins.
    hs = np.finfo(float).eps ** 0.25 * max(1.0, abs(x0)) * np.logspace(0, 3, 7)
    fine = second_difference(f, x0, hs)
    coarse = second_difference(f, x0, 2 * hs)
    errors = np.abs(coarse - fine) / 3 + 4 * _noise(f, x0) / hs**2
    errors = np.where(np.isfinite(fine) & np.isfinite(errors), errors, np.inf)
    best = int(np.argmin(errors))
    return float(fine[best]), float(errors[best])


def second_derivative_test(
    f: Function,
    x0: float,
    *,
    df: Function | None = None,
    d2f: Function | None = None,
    reach: float | None = None,
) -> Literal["minimum", "maximum", "inconclusive"]:
    """Classify a critical point x0 of f by the sign of f''(x0).

    The sign of f''(x0) is trusted only when three checks agree, each scaled to f itself
    (so f and 10⁶·f get one answer):

    - f''(x0) stands clear of the error of its own estimate (rounding in f, and for a
      second difference its truncation, measured by halving the step);
    - f'' stays within half its value out to where the true critical point may be: x0
      was found to some precision, and the true root of f' lies about a Newton step
      f'(x0) / f''(x0) away. At a double or triple zero of f' (20(x − 2)³(x + 1) at 2)
      f'' is small there but not 0, and this check catches it;
    - f visibly curves the way f'' says (``local_shape``): where f runs straight through
      x0, f'' must be 0 at the true critical point, whatever the estimate says.

    Otherwise the test is silent: "inconclusive".

    Parameters
    ----------
    f : callable
        Vectorised function of one variable with f'(x0) = 0.
    x0 : float
        The critical point.
    df, d2f : callable, optional
        The exact first and second derivatives; difference quotients are used when they
        are not given.
    reach : float, optional
        How far ``local_shape`` may look to either side.

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
    >>> second_derivative_test(lambda x: 20 * (x - 2) ** 3 * (x + 1), 2.0)
    'inconclusive'
    """
    x0 = float(x0)
    curvature, error = _curvature(f, x0, d2f)
    if not np.isfinite(curvature) or abs(curvature) <= error:
        return "inconclusive"
    slope_of = df or _default_derivative(f)
    # A Newton step undershoots m times at a zero of order m; twice four times it covers
    # zeros of f' up to order eight.
    slope = abs(float(_evaluate(slope_of, x0))) + _noise(slope_of, x0)
    step = 4 * slope / abs(curvature)
    if not np.isfinite(step):
        return "inconclusive"
    if step > 0:
        near = x0 + step * np.array([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0])
        if d2f is not None:
            nearby = _evaluate(d2f, near)
        else:
            nearby = np.array([_curvature(f, float(x), None)[0] for x in near])
        if not np.all(np.abs(nearby - curvature) <= abs(curvature) / 2):
            return "inconclusive"
    verdict: Literal["minimum", "maximum"] = "minimum" if curvature > 0 else "maximum"
    if local_shape(f, x0, reach=reach) in ("undetermined", verdict):
        return verdict
    return "inconclusive"


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


def slope_of_samples(xs: ArrayLike, ys: ArrayLike) -> np.ndarray:
    """The slope of sampled values by central differences (one-sided at the ends).

    Read off F = ``accumulation(f, a, b)`` it traces f back: integration undone.

    Examples
    --------
    >>> xs, areas = accumulation(np.cos, 0.0, 1.0)
    >>> bool(np.allclose(slope_of_samples(xs, areas)[1:-1], np.cos(xs[1:-1]), atol=1e-4))
    True
    """
    return np.gradient(np.asarray(ys, dtype=float), np.asarray(xs, dtype=float))


def riemann_errors(
    f: Function, a: float, b: float, ns: ArrayLike, *, exact: float
) -> dict[str, np.ndarray]:
    """|Riemann sum − exact| for each rule at each piece count in ``ns``; nan where exact.

    An error of exactly 0 (a straight f under the midpoint rule) has no place on a log
    axis, so it is nan.

    Examples
    --------
    >>> errors = riemann_errors(np.exp, 0.0, 1.0, [10, 100], exact=np.e - 1)
    >>> bool(errors["left"][1] < errors["left"][0] / 9)
    True
    """
    counts = np.asarray(ns, dtype=int)
    errors: dict[str, np.ndarray] = {}
    for rule in RULES:
        sums = np.array([riemann_sum(f, a, b, int(k), rule=rule) for k in counts])
        error = np.abs(sums - exact)
        errors[rule] = np.where(error > 0, error, np.nan)
    return errors


def local_shape(
    f: Function, x0: float, *, reach: float | None = None
) -> Literal["minimum", "maximum", "neither", "undetermined"]:
    """What f really does around x0, judged by its values to either side.

    Where the second-derivative test is silent this still answers: x⁴ has a minimum at 0,
    x³ has neither. It compares f(x0 ± δ) with f(x0) for the smallest step δ at which both
    differences stand clear of rounding in f (eight times the spread of f over a few ulps
    of x0), trying steps from reach·10⁻⁸ up to ``reach``. A very flat point, such as a
    zero of f' of order four, needs a longer step than a fixed one would take.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x0 : float
        The point.
    reach : float, optional
        The farthest step to either side, positive; keep it short of the next critical
        point. Defaults to 0.05·max(1, |x0|).

    Returns
    -------
    {"minimum", "maximum", "neither", "undetermined"}
        "minimum" when both neighbours are higher, "maximum" when both are lower,
        "undetermined" when within ``reach`` rounding hides which way f goes (or f is
        undefined to one side).

    Examples
    --------
    >>> local_shape(lambda x: x**4, 0.0), local_shape(lambda x: x**3, 0.0)
    ('minimum', 'neither')
    >>> local_shape(lambda x: 1.0 + 0 * x, 0.0)
    'undetermined'
    """
    x0 = float(x0)
    if reach is None:
        reach = 0.05 * max(1.0, abs(x0))
    if not (np.isfinite(reach) and reach > 0):
        raise CalculusError(f"reach must be a positive number; got {reach}")
    centre = float(_evaluate(f, x0))
    if not np.isfinite(centre):
        return "undetermined"
    steps = reach * np.logspace(-8, 0, 33)
    left = _evaluate(f, x0 - steps) - centre
    right = _evaluate(f, x0 + steps) - centre
    threshold = 8 * _noise(f, x0)
    clear = (np.abs(left) > threshold) & (np.abs(right) > threshold)
    clear &= np.isfinite(left) & np.isfinite(right)
    if not clear.any():
        return "undetermined"
    i = int(np.argmax(clear))
    if left[i] > 0 and right[i] > 0:
        return "minimum"
    if left[i] < 0 and right[i] < 0:
        return "maximum"
    return "neither"


def judge_critical_points(
    f: Function,
    points: ArrayLike,
    *,
    df: Function | None = None,
    d2f: Function | None = None,
    bounds: tuple[float, float] | None = None,
) -> tuple[list[str], list[str]]:
    """The second-derivative test and the local shape at each of the sorted ``points``.

    Between two neighbouring critical points f only rises or only falls, so each point's
    shape may be judged as far as halfway to its neighbours, and, when ``points`` are all
    the critical points of the interval ``bounds``, as far as its ends.

    Examples
    --------
    >>> judge_critical_points(lambda x: x**3 - 3 * x, [-1.0, 1.0])
    (['maximum', 'minimum'], ['maximum', 'minimum'])
    """
    points = np.asarray(points, dtype=float)
    if points.size == 0:
        return [], []
    lo, hi = bounds if bounds is not None else (-np.inf, np.inf)
    fences = np.concatenate([[lo], (points[1:] + points[:-1]) / 2, [hi]])
    reaches = np.minimum(points - fences[:-1], fences[1:] - points)
    if bounds is None:
        reaches = np.minimum(reaches, 0.05 * np.maximum(1.0, np.abs(points)))
    tests: list[str] = []
    shapes: list[str] = []
    for x0, reach in zip(points.tolist(), reaches.tolist(), strict=True):
        if reach > 0:
            tests.append(second_derivative_test(f, x0, df=df, d2f=d2f, reach=reach))
            shapes.append(local_shape(f, x0, reach=reach))
        else:  # at an end of bounds, or two points at one place: no room to look
            tests.append(second_derivative_test(f, x0, df=df, d2f=d2f))
            shapes.append("undetermined")
    return tests, shapes
