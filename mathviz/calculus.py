"""Single-variable calculus: derivatives as limits, critical points, integrals as sums.

Every function takes a vectorised ``f`` (``f(xs) -> ys``) first and its knobs keyword-only.

Derivatives
    ``difference_quotient``   forward, backward or central quotient; broadcasts over x and h
    ``secant``, ``line_through``   the secant's ends and slope; a tangent or secant line
    ``second_difference``     central estimate of f''(x)
    ``quotient_errors``       |quotient - exact| over a range of steps h (the log-log error plot)
    ``break_between``         where f has no value, blows up or jumps between two points
    ``one_sided_slopes``      f's slope just left and just right of a point
    ``derivative_from_sides`` f'(x) when both one-sided slopes settle on one number, else nan
    ``nudge``                 a small step dx followed through g and then f (the chain rule)
    ``shrinking_steps``       log-spaced steps from h down to a thousandth of it (the Play)
    ``secants``               the secant's ends and slope for each of many steps h
    ``nudges``                ``nudge`` for each of many steps dx

Critical points
    ``critical_points``       every x in [a, b] with f'(x) = 0, touching zeros included
    ``too_close_to_resolve``  whether the points found crowd the search grid
    ``crowded_stretch``       where they crowd it
    ``unresolved_stretch``    that stretch widened to where marks would overprint
    ``corners``               every x in [a, b] where f is continuous but f' jumps or has no value
    ``judge_corners``         what f does at each corner: minimum, maximum or neither
    ``second_derivative_test`` "minimum", "maximum" or "inconclusive"
    ``local_shape``           what f does around a point, judged by its neighbours
    ``judge_critical_points`` both verdicts for every critical point found

Integrals
    ``riemann_sum``           left, right, midpoint or trapezoid sum with n pieces
    ``riemann_pieces``        the rectangles (or trapezoids) the sum adds up, for drawing
    ``sample_points``         where each piece takes its height
    ``definite_integral``     the reference value, from ``scipy.integrate.quad``
    ``accumulation``          F(x) = ∫ₐˣ f on a grid, from ``scipy.integrate.cumulative_simpson``
    ``slope_of_samples``      the slope of sampled values (F's slope traces f)
    ``riemann_errors``        each rule's error over a range of piece counts
    ``exact_for_every_n``     whether every rule's sum is the integral whatever n (no error to plot)
    ``odd_about_middle``      whether f is odd about the interval's middle (the sums cancel)

Bad input raises ``ValueError`` (or the subclass ``CalculusError``) naming the parameter.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
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


def shrinking_steps(h: float, *, count: int = 40, decades: float = 3.0) -> np.ndarray:
    """``count`` steps from ``h`` down to ``h`` · 10^(−decades), evenly spaced on a log scale.

    The frames of a Play that shrinks a step toward 0: equal time per factor, so every
    decade takes as long on screen.

    Examples
    --------
    >>> steps = shrinking_steps(0.1, count=4)
    >>> steps.round(6).tolist()
    [0.1, 0.01, 0.001, 0.0001]
    >>> shrinking_steps(-1.0, count=3).round(6).tolist()
    [-1.0, -0.031623, -0.001]
    """
    if not (np.isfinite(h) and h != 0):
        raise CalculusError(f"h must be a non-zero number; got {h}")
    if count < 2:
        raise CalculusError(f"count must be at least 2; got {count}")
    return float(h) * 10.0 ** (-float(decades) * np.arange(count) / (count - 1))


def secants(
    f: Function, x: float, hs: ArrayLike, *, scheme: Scheme = "forward"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The secant ``secant`` draws, for each step in ``hs``: its ends and its slope.

    Returns
    -------
    left, right, slope : ndarray
        Each the length of ``hs``: x (or x − h for ``"central"``), x + h, and the quotient.

    Examples
    --------
    >>> left, right, slope = secants(np.square, 1.0, [0.5, 0.1])
    >>> left.tolist(), right.tolist(), slope.round(12).tolist()
    ([1.0, 1.0], [1.5, 1.1], [2.5, 2.1])
    """
    steps = np.asarray(hs, dtype=float)
    slope = np.asarray(difference_quotient(f, float(x), steps, scheme=scheme), dtype=float)
    left = x - steps if scheme == "central" else np.full(steps.shape, float(x))
    return left, x + steps, slope


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


class Break(NamedTuple):
    """A spot where f stops being continuous: no value there, a pole, or a jump."""

    at: float
    kind: Literal["undefined", "pole", "jump"]


def break_between(f: Function, x0: float, x1: float, *, samples: int = 65) -> Break | None:
    """The first spot between x0 and x1 where f has no value, blows up or jumps.

    A secant through (x0, f(x0)) and (x1, f(x1)) says something about f's slope only if f
    is continuous in between: tan on [1.55, 1.65] passes through a pole at π/2, and the
    secant's slope −606.8 has nothing to do with tan′(1.55) = 2312.5. Three checks:

    - f is sampled at ``samples`` points; a sample without a finite value is a break;
    - each sign change between samples is bisected to the last bit: at a zero the values at
      the two ends of the bracket close in on each other, at a pole or a jump they stay
      apart (a pole when they grow far beyond every sample);
    - each local maximum of |f| between samples is pushed towards its peak: where |f| is
      still changing fast a hair away from the peak, or has no value there, it is a pole
      without a sign change (1/x², log|x|).

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x0, x1 : float
        The two points, in either order.
    samples : int
        How many points sample f between them (at least 3).

    Returns
    -------
    Break or None
        Where (``at``) and what (``kind``: "undefined", "pole" or "jump"); None when f is
        continuous between x0 and x1 as far as these checks can tell.

    Examples
    --------
    >>> break_between(np.tan, 1.55, 1.65).kind
    'pole'
    >>> round(break_between(np.tan, 1.55, 1.65).at, 6)
    1.570796
    >>> break_between(np.sin, 0.0, 3.0) is None
    True
    """
    if not (np.isfinite(x0) and np.isfinite(x1)):
        raise CalculusError(f"x0 and x1 must be finite numbers; got x0={x0}, x1={x1}")
    if samples < 3:
        raise CalculusError(f"samples must be at least 3; got {samples}")
    lo, hi = (float(x0), float(x1)) if x0 <= x1 else (float(x1), float(x0))
    if lo == hi:
        return None
    ts = np.linspace(lo, hi, samples)
    ys = _evaluate(f, ts)
    bad = ~np.isfinite(ys)
    if bad.any():
        i = int(np.argmax(bad))
        return Break(float(ts[i]), "pole" if np.isinf(ys[i]) else "undefined")
    size = float(np.abs(ys).max())
    found: list[Break] = []
    signs = np.sign(ys)
    # A sign change, or a step onto or off an exact zero (sign(x) sampled at 0).
    cells = np.flatnonzero((signs[:-1] != signs[1:]) & ((signs[:-1] != 0) | (signs[1:] != 0)))
    if cells.size:
        left, right = _bisect_sign_changes(f, ts[cells], ts[cells + 1], ys[cells])
        y_left, y_right = _evaluate(f, left), _evaluate(f, right)
        for lo_end, hi_end, y0, y1 in zip(left, right, y_left, y_right, strict=True):
            spot = float((lo_end + hi_end) / 2)
            if not (np.isfinite(y0) and np.isfinite(y1)):
                found.append(Break(spot, "undefined"))
            elif abs(y1 - y0) > 1e-6 * size:
                pole = max(abs(y0), abs(y1)) > 1e3 * size
                found.append(Break(spot, "pole" if pole else "jump"))
    magnitudes = np.abs(ys)
    middle, before, after = magnitudes[1:-1], magnitudes[:-2], magnitudes[2:]
    peaks = np.flatnonzero(
        (middle >= before) & (middle >= after) & ((middle > before) | (middle > after))
    )
    for i in (peaks + 1).tolist():
        spot, peak = _highest(f, float(ts[i - 1]), float(ts[i + 1]))
        # Still changing fast a hair away from the peak: a smooth peak, however narrow, is
        # flat at that scale; a pole, even log|x|'s slow one, is not.
        hair = 1e-9 * max(1.0, abs(spot))
        beside = np.abs(_evaluate(f, spot + np.array([-hair, hair])))
        steep = not np.all(np.abs(beside - peak) <= 1e-3 * peak)
        if not np.isfinite(peak) or steep:
            found.append(Break(float(spot), "pole"))
    return min(found, key=lambda b: b.at) if found else None


def _bisect_sign_changes(
    f: Function, left: np.ndarray, right: np.ndarray, y_left: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Brackets of sign changes of f halved until neighbouring floats; all at once."""
    left, right, y_left = left.astype(float), right.astype(float), y_left.astype(float)
    for _ in range(64):
        mid = (left + right) / 2
        y_mid = _evaluate(f, mid)
        # Where f keeps the left end's sign the change lies to the right of mid.
        same = np.sign(y_mid) == np.sign(y_left)
        left, y_left = np.where(same, mid, left), np.where(same, y_mid, y_left)
        right = np.where(same, right, mid)
    return left, right


def _highest(f: Function, lo: float, hi: float) -> tuple[float, float]:
    """Where |f| peaks in [lo, hi], and how high (inf where f has no value)."""

    def height(x: float) -> float:
        value = float(_evaluate(f, x))
        return abs(value) if np.isfinite(value) else np.inf

    return _golden_peak(height, lo, hi)


def _golden_peak(height: Callable[[float], float], lo: float, hi: float) -> tuple[float, float]:
    """Where a single-peaked ``height`` peaks in [lo, hi], by golden-section search."""
    ratio = (np.sqrt(5) - 1) / 2
    c, d = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fc, fd = height(c), height(d)
    for _ in range(100):
        if np.isinf(fc) or np.isinf(fd):
            return (c, fc) if np.isinf(fc) else (d, fd)
        if fc >= fd:
            hi, d, fd = d, c, fc
            c = hi - ratio * (hi - lo)
            fc = height(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + ratio * (hi - lo)
            fd = height(d)
        if hi - lo <= 4 * np.finfo(float).eps * max(1.0, abs(lo)):
            break
    return (c, fc) if fc >= fd else (d, fd)


def one_sided_slopes(f: Function, x0: float, *, h: float | None = None) -> tuple[float, float]:
    """The slope of f just left and just right of x0.

    The backward and forward quotients at steps h and h/2, each pair extrapolated to
    h → 0 (Richardson: 2·D(h/2) − D(h) cancels the error proportional to h). Where f is
    differentiable the two agree with f′(x0); at a corner they differ (|x| at 0: −1 and
    1); at a vertical tangent they are huge and grow as h shrinks.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x0 : float
        The point.
    h : float, optional
        The longer step, positive; 1e-5·max(1, |x0|) by default.

    Returns
    -------
    left, right : float
        The two slopes; nan where f has no value on that side.

    Examples
    --------
    >>> one_sided_slopes(np.abs, 0.0)
    (-1.0, 1.0)
    >>> [round(s, 8) for s in one_sided_slopes(np.sin, 0.0)]
    [1.0, 1.0]
    """
    x0 = float(x0)
    h = 1e-5 * max(1.0, abs(x0)) if h is None else float(h)
    if not (np.isfinite(h) and h > 0):
        raise CalculusError(f"h must be a positive number; got {h}")
    steps = np.array([h, h / 2])
    left = difference_quotient(f, x0, steps, scheme="backward")
    right = difference_quotient(f, x0, steps, scheme="forward")
    return float(2 * left[1] - left[0]), float(2 * right[1] - right[0])


def derivative_from_sides(f: Function, x0: float, *, rtol: float = 1e-4) -> float:
    """f′(x0) from f's values alone: the slope both sides settle on, or nan when they do not.

    The one-sided slopes are taken at two step sizes, sixteen times apart. Where f is
    differentiable all four agree to within ``rtol`` (relative to the largest, or to 1);
    at a corner left and right differ, and at a vertical tangent they grow as the step
    shrinks. So |x²| at 0 has slope 0 even though |·| has a corner at 0.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    x0 : float
        The point.
    rtol : float
        How closely the four slopes must agree.

    Returns
    -------
    float
        The derivative, or nan when f has none at x0 (a corner, a vertical tangent, a gap).

    Examples
    --------
    >>> derivative_from_sides(lambda x: np.abs(x**2), 0.0)
    0.0
    >>> derivative_from_sides(np.abs, 0.0), derivative_from_sides(np.cbrt, 0.0)
    (nan, nan)
    """
    x0 = float(x0)
    h = 1e-5 * max(1.0, abs(x0))
    slopes = np.array([one_sided_slopes(f, x0, h=step) for step in (h, h / 16)])
    if not np.all(np.isfinite(slopes)):
        return float("nan")
    scale = max(1.0, float(np.abs(slopes).max()))
    if np.ptp(slopes) <= rtol * scale:
        return float(slopes.mean())
    return float("nan")


@dataclass(frozen=True)
class Nudge:
    """A small step dx at x, followed through u = g(x) and then y = f(u).

    ``du`` and ``dy`` are what the chain rule predicts (g′(x)·dx, then f′(u)·du);
    ``du_true`` and ``dy_true`` are what g and f really do to the step. The smaller dx,
    the closer the two.
    """

    x: float
    u: float
    y: float
    dx: float
    du: float
    dy: float
    du_true: float
    dy_true: float


def nudge(
    f: Function,
    g: Function,
    x: float,
    dx: float,
    *,
    df: Function | None = None,
    dg: Function | None = None,
) -> Nudge:
    """Follow the step from x to x + dx through g, then through f.

    Parameters
    ----------
    f, g : callable
        The outer and the inner function, vectorised.
    x : float
        The point.
    dx : float
        The step, non-zero.
    df, dg : callable, optional
        Their exact derivatives; central difference quotients when not given.

    Returns
    -------
    Nudge
        The three points, the steps the chain rule predicts and the true ones; nan where
        a derivative does not exist.

    Examples
    --------
    >>> step = nudge(np.sin, np.square, 1.5, 1e-3, df=np.cos, dg=lambda x: 2 * x)
    >>> step.du, round(step.dy, 9)
    (0.003, -0.001884521)
    >>> round(step.du_true, 9), round(step.dy_true, 6)
    (0.003001, -0.001889)
    """
    if not (np.isfinite(dx) and dx != 0):
        raise CalculusError(f"dx must be a non-zero number; got {dx}")
    df = _default_derivative(f) if df is None else df
    dg = _default_derivative(g) if dg is None else dg
    x, dx = float(x), float(dx)
    u = float(_evaluate(g, x))
    y = float(_evaluate(f, u))
    du = float(_evaluate(dg, x)) * dx
    dy = float(_evaluate(df, u)) * du
    u_next = float(_evaluate(g, x + dx))
    return Nudge(x, u, y, dx, du, dy, u_next - u, float(_evaluate(f, u_next)) - y)


def nudges(
    f: Function,
    g: Function,
    x: float,
    dxs: ArrayLike,
    *,
    df: Function | None = None,
    dg: Function | None = None,
) -> list[Nudge]:
    """``nudge`` for each step in ``dxs``: how du/dx and dy/du close in on g′(x) and f′(u).

    Examples
    --------
    >>> steps = nudges(np.sin, np.square, 1.5, [0.1, 1e-4], df=np.cos, dg=lambda x: 2 * x)
    >>> [round(s.du_true / s.dx, 4) for s in steps]
    [3.1, 3.0001]
    """
    return [nudge(f, g, x, float(dx), df=df, dg=dg) for dx in np.asarray(dxs, dtype=float)]


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
    (|x| at 0) are critical points of another kind, where f' does not exist: ``corners``
    finds those.

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
    return crowded_stretch(points, a, b, n=n) is not None


def crowded_stretch(
    points: ArrayLike, a: float, b: float, *, n: int = 4001
) -> tuple[float, float] | None:
    """The stretch of [a, b] where critical points found crowd the search grid, or None.

    ``critical_points`` brackets zeros of f' on a grid of ``n`` points; where neighbours it
    found lie within four grid steps of each other, f' changes sign about as fast as the
    grid samples it, and zeros in between can slip through: there may be more of them
    than the grid can resolve, even infinitely many (sin(1/x) near 0).

    Returns
    -------
    tuple of float or None
        The first and the last point that has a neighbour that close.

    Examples
    --------
    >>> crowded_stretch([-2.0, 0.0, 0.001, 0.002, 2.0], -3, 3)
    (0.0, 0.002)
    >>> crowded_stretch([-1.0, 1.0], -3, 3) is None
    True
    """
    points = np.sort(np.asarray(points, dtype=float))
    if points.size < 2:
        return None
    close = np.flatnonzero(np.diff(points) < 4 * (b - a) / (n - 1))
    if close.size == 0:
        return None
    return float(points[close[0]]), float(points[close[-1] + 1])


def unresolved_stretch(
    points: ArrayLike, a: float, b: float, *, fraction: float = 0.015, n: int = 4001
) -> tuple[float, float] | None:
    """The crowded stretch (``crowded_stretch``) widened to where points stay too close to see.

    From the stretch the search grid cannot resolve, it grows outward point by point while
    the next point lies within ``fraction`` × (b − a) of the last: marks that near would
    overprint in a picture of [a, b], so the whole run is one band. None when the grid
    resolves every point (close points the grid tells apart are not a band).

    Examples
    --------
    >>> unresolved_stretch([-2.0, -0.05, -0.02, 0.0, 0.001, 0.002, 0.03, 2.0], -3, 3)
    (-0.05, 0.03)
    >>> unresolved_stretch([-2.0, 0.0, 0.03, 2.0], -3, 3) is None
    True
    """
    crowd = crowded_stretch(points, a, b, n=n)
    if crowd is None:
        return None
    xs = np.sort(np.asarray(points, dtype=float))
    near = fraction * (b - a)
    i = int(np.searchsorted(xs, crowd[0]))
    j = int(np.searchsorted(xs, crowd[1]))
    while i > 0 and xs[i] - xs[i - 1] < near:
        i -= 1
    while j < xs.size - 1 and xs[j + 1] - xs[j] < near:
        j += 1
    return float(xs[i]), float(xs[j])


def corners(
    f: Function, a: float, b: float, *, df: Function | None = None, n: int = 4001
) -> np.ndarray:
    """Every x inside [a, b] where f is continuous but f' does not exist, sorted.

    These are critical points too, where no tangent can be flat because there is none: the
    kink of |x| or ReLU at 0, the cusp of √|x|. On a grid of ``n`` points a candidate is a
    point where f' has no value while f has, a cell where f' changes sign, or a cell where f'
    changes far more than in the cells beside it. Each cell is halved, keeping the half where
    f' changes more, until the cell is as small as floating point allows: a jump of f' stays,
    a steep but smooth f' flattens out. A candidate is kept when f stays continuous and
    bounded there and its one-sided slopes differ (``one_sided_slopes``).

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    a, b : float
        The interval, ``a < b``.
    df : callable, optional
        The exact derivative (nan where it does not exist); a central difference quotient
        is used when it is not given.
    n : int
        Grid points; corners closer together than ``(b - a) / n`` may merge.

    Returns
    -------
    ndarray
        Sorted corners. The ends a and b are never corners: f' there is one-sided anyway.

    Examples
    --------
    >>> corners(np.abs, -2, 3).round(12) + 0.0
    array([0.])
    >>> corners(lambda x: np.abs(x**2 - 1), -2, 2).round(6)
    array([-1.,  1.])
    >>> corners(np.sin, -3, 3).size
    0
    """
    _check_interval(a, b)
    exact = df is not None
    df = _default_derivative(f) if df is None else df
    xs = np.linspace(a, b, n)
    ys, ds = _evaluate(f, xs), _evaluate(df, xs)
    defined = np.isfinite(ys)
    finite = np.isfinite(ds)
    found: list[float] = []
    # f' has no value at a grid point where f is defined on both sides of it.
    inner = np.arange(1, n - 1)
    lost = inner[~finite[inner] & defined[inner - 1] & defined[inner] & defined[inner + 1]]
    found.extend(xs[lost].tolist())
    # Cells where f' flips sign, or changes far more than in both neighbouring cells.
    usable = finite[:-1] & finite[1:] & defined[:-1] & defined[1:]
    steps = np.where(usable, np.abs(np.diff(ds)), 0.0)
    floor = 1e-6 * float(np.median(np.abs(ds[finite]))) if finite.any() else 0.0
    # Against the median of seven cells around it, so a kink on a grid point, which
    # splits its jump between two cells, still stands out.
    typical = np.median(sliding_window_view(np.pad(steps, 3, mode="edge"), 7), axis=1)
    spike = (steps > 4 * typical) & (steps > floor)
    signs = np.sign(ds)
    flip = (signs[:-1] * signs[1:] < 0) | ((signs[:-1] == 0) != (signs[1:] == 0))
    # Where f' flips sign again and again within a few cells it oscillates faster than the
    # grid follows (sin(1/x) near 0): there a jump cannot be told from an oscillation.
    flips_near = np.convolve(flip.astype(int), np.ones(9, dtype=int), mode="same")
    cells = np.flatnonzero(usable & (flip | spike) & (flips_near <= 2))
    if cells.size:
        jumps = _jumps_of(df, xs[cells], xs[cells + 1], ds[cells], ds[cells + 1], exact=exact)
        found.extend(jumps.tolist())
    spread = float(np.ptp(ys[defined])) if defined.any() else 0.0
    tallest = float(np.abs(ys[defined]).max()) if defined.any() else 0.0
    if not exact:
        found = list(map(_pin_kink(f), found))
    kept = [x for x in found if _is_corner(f, x, spread=spread, tallest=tallest)]
    return _merge_close(np.sort(np.asarray(kept, dtype=float)), spacing=(b - a) / n)


def _jumps_of(
    df: Function,
    left: np.ndarray,
    right: np.ndarray,
    d_left: np.ndarray,
    d_right: np.ndarray,
    *,
    exact: bool,
) -> np.ndarray:
    """Where in each cell f' jumps, for the cells where it does; all cells at once.

    Each cell is halved 64 times, keeping the half where f' changes more. An exact f' keeps
    a jump whole down to neighbouring floats, while a smooth f' changes by next to nothing
    across them. A difference quotient smears a jump over about 1e-5, so then the cell is
    judged 256 times narrower than at the start: a smooth f' changes about 256 times less
    there, a smeared jump still by a good part of itself.
    """
    start = np.abs(d_right - d_left)
    hit = np.zeros(left.shape, dtype=bool)
    narrower = start
    for step in range(64):
        if step == 8:
            narrower = np.abs(d_right - d_left)
        mid = (left + right) / 2
        d_mid = _evaluate(df, mid)
        # f' without a value at mid: that is the spot; the cell closes on it.
        hit |= ~np.isfinite(d_mid)
        keep_left = np.abs(d_mid - d_left) >= np.abs(d_right - d_mid)
        right = np.where(hit, mid, np.where(keep_left, mid, right))
        left = np.where(hit, mid, np.where(keep_left, left, mid))
        d_right = np.where(keep_left & ~hit, d_mid, d_right)
        d_left = np.where(~keep_left & ~hit, d_mid, d_left)
    if exact:
        jumped = hit | (np.abs(d_right - d_left) > 1e-3 * start)
    else:
        jumped = hit | (narrower > 0.02 * start)
    return ((left + right) / 2)[jumped]


def _pin_kink(f: Function) -> Callable[[float], float]:
    """Move a kink located to within a difference quotient's smear (about 1e-5) onto it.

    The second difference |f(t + δ) − 2f(t) + f(t − δ)| of a kink is a tent that peaks
    where t is the kink, so a golden-section search for that peak pins it down.
    """

    def pin(x0: float) -> float:
        smear = 1.2e-5 * max(1.0, abs(x0))

        def bend(t: float) -> float:
            value = float(second_difference(f, t, smear)) * smear**2
            return abs(value) if np.isfinite(value) else -np.inf

        spot, _ = _golden_peak(bend, x0 - 2 * smear, x0 + 2 * smear)
        return spot if bend(spot) > bend(x0) else x0

    return pin


def _is_corner(f: Function, x0: float, *, spread: float, tallest: float) -> bool:
    """Whether f is continuous and bounded at x0 while its one-sided slopes differ."""
    step = 64 * np.finfo(float).eps * max(1.0, abs(x0))
    near = _evaluate(f, x0 + step * np.array([-1.0, 0.0, 1.0]))
    if not np.all(np.isfinite(near)):
        return False
    if np.ptp(near) > 1e-6 * spread + 1e-12 * tallest or np.abs(near).max() > 2 * tallest + spread:
        return False
    # At a corner the two slopes stay apart as the step shrinks (at a cusp they even drift
    # further apart); where f is merely steep and curved their gap shrinks like the step
    # squared. The steps stay well above how far a difference quotient for f' smears a
    # kink (about 1e-5), so a corner located only that well still counts.
    h = 2e-4 * max(1.0, abs(x0))
    if break_between(f, x0 - h, x0 + h) is not None:  # a pole close by, not a corner
        return False
    wide, narrow = one_sided_slopes(f, x0, h=h), one_sided_slopes(f, x0, h=h / 4)
    if not np.all(np.isfinite(wide + narrow)):
        return False
    gaps = abs(wide[1] - wide[0]), abs(narrow[1] - narrow[0])
    scale = max(1.0, *map(abs, wide + narrow))
    # Each side's slope keeps its direction and does not fade as the step shrinks (an
    # oscillation faster than the steps, as sin(1/x) near 0, gives slopes at random).
    steady = all(
        np.sign(w) == np.sign(n) and abs(n) >= abs(w) / 2 for w, n in zip(wide, narrow, strict=True)
    )
    return steady and gaps[1] > 1e-6 * scale and gaps[1] > gaps[0] / 2


def judge_corners(f: Function, points: ArrayLike) -> list[Literal["minimum", "maximum", "neither"]]:
    """What f does at each corner, read off its one-sided slopes.

    Falling (or flat) into the corner and rising (or flat) out of it is a minimum, as for |x|
    or ReLU at 0; the other way round a maximum; the same direction on both sides neither
    (|x| + 2x at 0 keeps climbing, only more steeply).

    Examples
    --------
    >>> judge_corners(np.abs, [0.0]), judge_corners(lambda x: -np.abs(x), [0.0])
    (['minimum'], ['maximum'])
    >>> judge_corners(lambda x: np.abs(x) + 2 * x, [0.0])
    ['neither']
    """
    shapes: list[Literal["minimum", "maximum", "neither"]] = []
    for x0 in np.asarray(points, dtype=float).tolist():
        left, right = one_sided_slopes(f, x0, h=1e-4 * max(1.0, abs(x0)))
        tol = 1e-9 * max(1.0, abs(left), abs(right)) if np.isfinite(left + right) else 0.0
        into = 0.0 if abs(left) <= tol else float(np.sign(left))
        out = 0.0 if abs(right) <= tol else float(np.sign(right))
        if into <= 0 <= out and (into, out) != (0.0, 0.0):
            shapes.append("minimum")
        elif into >= 0 >= out and (into, out) != (0.0, 0.0):
            shapes.append("maximum")
        else:
            shapes.append("neither")
    return shapes


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


def sample_points(a: float, b: float, n: int, *, rule: Rule = "left") -> np.ndarray:
    """Where the pieces of a Riemann sum take their heights.

    One x per piece, or n + 1 for the trapezoid rule (both ends of every piece).

    Examples
    --------
    >>> sample_points(0, 1, 2, rule="midpoint").tolist()
    [0.25, 0.75]
    >>> sample_points(0, 1, 2, rule="trapezoid").tolist()
    [0.0, 0.5, 1.0]
    """
    _check_choice("rule", rule, RULES)
    _check_interval(a, b)
    _check_pieces(n)
    return _sample_points(a, b, n, rule)[1]


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


def exact_for_every_n(
    errors: Mapping[str, ArrayLike], f: Function, a: float, b: float, *, rtol: float = 1e-9
) -> bool:
    """Whether every rule's sum equals the integral at every n of ``riemann_errors``.

    An error counts as none when it is nan (exactly 0) or below ``rtol`` times the area
    between f and the axis, ∫|f|: rounding, not the rule. Then an error chart would be an
    empty row of dots at 1e-16, and the page says why instead.

    Examples
    --------
    >>> exact_for_every_n(riemann_errors(np.sin, -np.pi, np.pi, [1, 8, 100], exact=0.0),
    ...                   np.sin, -np.pi, np.pi)
    True
    >>> exact_for_every_n(riemann_errors(np.exp, 0.0, 1.0, [1, 8], exact=np.e - 1),
    ...                   np.exp, 0.0, 1.0)
    False
    """
    _check_interval(a, b)
    xs = np.linspace(a, b, 401)
    scale = float(np.trapezoid(np.abs(_evaluate(f, xs)), xs))
    if not np.isfinite(scale):
        return False
    tolerance = rtol * max(scale, 1e-300)
    for error in errors.values():
        values = np.asarray(error, dtype=float)
        if np.any(values[~np.isnan(values)] > tolerance) or np.any(np.isinf(values)):
            return False
    return True


def odd_about_middle(f: Function, a: float, b: float, *, rtol: float = 1e-9) -> bool:
    """Whether f(m + t) = −f(m − t) across [a, b], m its middle: its area cancels to 0.

    Then every sum with points placed symmetrically cancels too, whatever n.

    Examples
    --------
    >>> odd_about_middle(np.sin, -np.pi, np.pi), odd_about_middle(np.cos, -np.pi, np.pi)
    (True, False)
    >>> odd_about_middle(lambda x: x - 1, 0.0, 2.0)
    True
    """
    _check_interval(a, b)
    middle, half = (a + b) / 2, (b - a) / 2
    ts = np.linspace(0.0, half, 201)
    right, left = _evaluate(f, middle + ts), _evaluate(f, middle - ts)
    if not (np.all(np.isfinite(right)) and np.all(np.isfinite(left))):
        return False
    size = max(float(np.max(np.abs(right))), 1e-300)
    return bool(np.all(np.abs(right + left) <= rtol * size + 1e-15))


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
