"""Calculus in several variables: gradients, Hessians, Jacobians, critical points, descent.

A function of n variables takes an array whose first axis holds the coordinates, the
convention of ``scipy.optimize.rosen``: ``f(np.array([x, y]))`` is a number and
``f(np.stack([X, Y]))`` is a grid of values. Every function here evaluates ``f`` on many
points at once in that way, so a whole difference quotient, or a whole batch of Newton
steps, is one call.

``gradient``, ``hessian``, ``jacobian``      central differences with a well-chosen step
``direction``, ``slope_along``               the unit vector at an angle; ∇f · u for it
``steepest_ascent``                          the angle and the rate of steepest ascent
``typical_slope``, ``gradient_arrow``        a surface's typical ‖∇f‖; ∇f's drawn length
``classify_critical_point``                  minimum, maximum, saddle or degenerate
``find_critical_points``                     every critical point in a box, classified
``without_dust``, ``hessian_summary``        a computed critical point read off: λ, det, tr
``critical_curve``                           whether the points found fill a curve
``quadratic_model``                          f(p) + ½dᵀHd, the second-order model near p
``gradient_descent``, ``compare_descent``    plain, momentum and Adam, with a verdict
``descent_progress``                         f − min f (or ‖∇f‖) along a run
``stability_limit``, ``rate_check``          the largest stable learning rate on a quadratic
``quadratic_centre``, ``eigen_errors``       a quadratic's critical point; the error along
                                             each eigenvector of H
``plain_rate``, ``momentum_rate``,           how fast the error shrinks per step, per
``convergence_rate``, ``measured_rate``      eigenvalue and at worst; as measured on a run
``layer_function``, ``layer_jacobian``       σ(Ax + b) and its Jacobian diag(σ′(Ax + b))·A
``layer_linearization``, ``linearization_gap``  J against its difference quotient; f(x + d)
                                             − f(x) against J·d
``layer_warp``                               a grid around x under the layer and under J
``layer_saturation``                         which units sit where σ is flat at x
``network_loss``, ``backprop``               a second layer and a squared error on top; the
                                             gradient by the chain rule
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
from numpy.typing import ArrayLike

from mathviz import activations
from mathviz import linear_algebra as la

Function = Callable[[np.ndarray], np.ndarray]

EPS = float(np.finfo(float).eps)
METHODS: tuple[str, ...] = ("plain", "momentum", "adam")
KINDS: tuple[str, ...] = ("minimum", "maximum", "saddle", "degenerate")
ADAM_BETA2 = 0.999
ADAM_EPS = 1e-8
EXPLODE = 1e6  # an iterate this many times (1 + |x₀|) away from the start has diverged
RUN_OFF = 100.0  # a run still going this many times (1 + |x₀|) from its start is running off
MAX_STEPS = 100_000
MAX_STARTS = 100_000
NEWTON_STEPS = 100
DUST = 1e-9  # |v| below this, next to a computed critical point, is rounding dust
CURVE_POINTS = 12  # more degenerate critical points than this fill a curve


class MultivariableError(ValueError):
    """A function of this module was given input it cannot use; the message names it."""


# --------------------------------------------------------------------------------------
# Difference quotients
# --------------------------------------------------------------------------------------


def _points(name: str, x: ArrayLike) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim == 0 or x.shape[0] == 0:
        raise MultivariableError(
            f"{name} must have the coordinates along its first axis; got {x!r}"
        )
    if not np.all(np.isfinite(x)):
        raise MultivariableError(f"{name} must be finite; got {x.tolist()}")
    return x


def _step(x: np.ndarray, h: float | None, power: float) -> np.ndarray:
    """One step per coordinate: eps^power scaled by |x|, or h; exactly representable."""
    if h is None:
        steps = EPS**power * np.maximum(1.0, np.abs(x))
    else:
        if not (np.isfinite(h) and h > 0):
            raise MultivariableError(f"h must be a positive finite number; got {h!r}")
        steps = np.full_like(x, float(h))
    # The step x + h − x that the computer actually takes, so the quotient divides by it.
    return (x + steps) - x


def _evaluate(f: Function, points: np.ndarray, shape: tuple[int, ...], name: str) -> np.ndarray:
    with np.errstate(all="ignore"):
        values = np.asarray(f(points), dtype=float)
    if values.shape != shape:
        raise MultivariableError(
            f"{name} must map points of shape (n, ...) to values of shape (...) "
            f"(coordinates along the first axis); for shape {points.shape} it gave "
            f"{values.shape}, expected {shape}"
        )
    return values


def _shifted(x: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """Points x ± hⱼeⱼ, shape (n, 2n, ...): the n forward shifts, then the n backward."""
    n = x.shape[0]
    eye = np.eye(n).reshape((n, n) + (1,) * (x.ndim - 1))
    offsets = eye * steps[:, None]
    return np.concatenate([x[:, None] + offsets, x[:, None] - offsets], axis=1)


def gradient(f: Function, x: ArrayLike, *, h: float | None = None) -> np.ndarray:
    """The gradient of f at x by central differences.

    Parameters
    ----------
    f : callable
        A function of n variables, coordinates along the first axis.
    x : array_like
        A point, shape (n,), or many points, shape (n, ...).
    h : float, optional
        The step. By default ε^(1/3)·max(1, |xⱼ|) per coordinate, which balances the
        quotient's truncation error (∝ h²) against rounding (∝ ε/h).

    Returns
    -------
    ndarray
        ∇f(x), the shape of x.

    Raises
    ------
    MultivariableError
        If x is not finite, h is not positive, or f does not follow the convention.

    Examples
    --------
    >>> f = lambda p: p[0] ** 2 + 3 * p[1]
    >>> np.round(gradient(f, [1.0, 2.0]), 6).tolist()
    [2.0, 3.0]
    """
    x = _points("x", x)
    n = x.shape[0]
    steps = _step(x, h, 1 / 3)
    values = _evaluate(f, _shifted(x, steps), (2 * n, *x.shape[1:]), "f")
    with np.errstate(all="ignore"):  # ∞ − ∞ next to a pole is nan, quietly
        return (values[:n] - values[n:]) / (2 * steps)


def jacobian(g: Function, x: ArrayLike, *, h: float | None = None) -> np.ndarray:
    """The Jacobian of g: ℝⁿ → ℝᵐ at x by central differences: row i is ∇gᵢ.

    Parameters
    ----------
    g : callable
        Points (n, ...) → values (m, ...); a scalar function (values (...)) counts as m = 1.
    x : array_like
        A point, shape (n,), or many points, shape (n, ...).
    h : float, optional
        The step; by default ε^(1/3)·max(1, |xⱼ|), as in :func:`gradient`.

    Returns
    -------
    ndarray
        Shape (m, n), or (m, n, ...) for many points.

    Raises
    ------
    MultivariableError
        If x is not finite, h is not positive, or g does not follow the convention.

    Examples
    --------
    >>> g = lambda p: np.stack([p[0] * p[1], p[0] + p[1]])
    >>> np.round(jacobian(g, [2.0, 3.0]), 6).tolist()
    [[3.0, 2.0], [1.0, 1.0]]
    """
    x = _points("x", x)
    n, rest = x.shape[0], x.shape[1:]
    steps = _step(x, h, 1 / 3)
    points = _shifted(x, steps)
    with np.errstate(all="ignore"):
        values = np.asarray(g(points), dtype=float)
    if values.shape == (2 * n, *rest):
        values = values[None]
    if values.ndim != len(rest) + 2 or values.shape[1:] != (2 * n, *rest):
        raise MultivariableError(
            f"g must map points of shape (n, ...) to values of shape (m, ...); for shape "
            f"{points.shape} it gave {values.shape}"
        )
    with np.errstate(all="ignore"):
        return (values[:, :n] - values[:, n:]) / (2 * steps)


def hessian(f: Function, x: ArrayLike, *, h: float | None = None) -> np.ndarray:
    """The Hessian of f at x by central second differences; exactly symmetric.

    Parameters
    ----------
    f : callable
        A function of n variables, coordinates along the first axis.
    x : array_like
        A point, shape (n,), or many points, shape (n, ...).
    h : float, optional
        The step; by default ε^(1/4)·max(1, |xⱼ|), which balances truncation (∝ h²)
        against rounding (∝ ε/h²).

    Returns
    -------
    ndarray
        Shape (n, n), or (n, n, ...) for many points.

    Raises
    ------
    MultivariableError
        If x is not finite, h is not positive, or f does not follow the convention.

    Examples
    --------
    >>> f = lambda p: p[0] ** 2 * p[1]
    >>> np.round(hessian(f, [1.0, 3.0]), 5).tolist()
    [[6.0, 2.0], [2.0, 0.0]]
    """
    x = _points("x", x)
    n, rest = x.shape[0], x.shape[1:]
    steps = _step(x, h, 1 / 4)
    # Hᵢⱼ ≈ Σ sᵢsⱼ f(x + sᵢhᵢeᵢ + sⱼhⱼeⱼ) / (4hᵢhⱼ) over the signs s = ±1; on the diagonal
    # this is the usual (f(x + 2h) − 2f(x) + f(x − 2h)) / (2h)².
    eye = np.eye(n).reshape((n, n) + (1,) * len(rest))
    shift = eye * steps[:, None]  # shift[:, i] = hᵢeᵢ
    signs = np.array([(1, 1), (1, -1), (-1, 1), (-1, -1)], dtype=float)
    first = signs[:, 0].reshape((1, 4, 1, 1) + (1,) * len(rest)) * shift[:, None, :, None]
    second = signs[:, 1].reshape((1, 4, 1, 1) + (1,) * len(rest)) * shift[:, None, None, :]
    points = x[:, None, None, None] + first + second
    values = _evaluate(f, points, (4, n, n, *rest), "f")
    with np.errstate(all="ignore"):
        H = (values[0] - values[1] - values[2] + values[3]) / (4 * steps[:, None] * steps[None, :])
    return (H + np.swapaxes(H, 0, 1)) / 2


def direction(angle: ArrayLike) -> np.ndarray:
    """The unit vector u = (cos θ, sin θ) at ``angle`` degrees from the x-axis.

    Parameters
    ----------
    angle : array_like
        θ in degrees; an array of angles gives one vector per angle.

    Returns
    -------
    ndarray
        Shape (2,), or (2, ...) for many angles.

    Examples
    --------
    >>> np.round(direction(90.0), 12).tolist()
    [0.0, 1.0]
    """
    theta = np.radians(np.asarray(angle, dtype=float))
    if not np.all(np.isfinite(theta)):
        raise MultivariableError(f"angle must be finite; got {angle!r}")
    return np.stack([np.cos(theta), np.sin(theta)])


def slope_along(grad: ArrayLike, angle: ArrayLike) -> np.ndarray:
    """The directional derivative D_u f = ∇f · u along the unit vector at ``angle`` degrees.

    Parameters
    ----------
    grad : array_like
        ∇f at a point, shape (2,).
    angle : array_like
        The direction of u in degrees from the x-axis; one or many.

    Returns
    -------
    ndarray
        The slope of f along u: largest (‖∇f‖) along ∇f, zero along the contour.

    Examples
    --------
    >>> float(slope_along([3.0, 4.0], 0.0)), round(float(slope_along([3.0, 4.0], 90.0)), 12)
    (3.0, 4.0)
    """
    g = np.asarray(grad, dtype=float)
    if g.shape != (2,):
        raise MultivariableError(f"grad must be a vector of the plane, shape (2,); got {g!r}")
    return g @ direction(angle)


def steepest_ascent(grad: ArrayLike) -> tuple[float, float]:
    """Which way f climbs fastest and how fast: ∇f's angle in degrees [0, 360) and ‖∇f‖.

    Examples
    --------
    >>> steepest_ascent([0.0, -2.0])
    (270.0, 2.0)
    """
    g = np.asarray(grad, dtype=float)
    if g.shape != (2,):
        raise MultivariableError(f"grad must be a vector of the plane, shape (2,); got {g!r}")
    angle = math.degrees(math.atan2(float(g[1]), float(g[0]))) % 360
    return angle, float(np.hypot(*g))


def typical_slope(grads: ArrayLike) -> float:
    """The median length of the finite, non-zero gradients given, shape (2, ...); 1 if none.

    A scale for drawing ∇f: an arrow this long on the page stands for a typical slope of
    the surface, so a steeper point draws longer and a flatter one shorter.

    Examples
    --------
    >>> typical_slope(np.array([[3.0, 0.0, 1.0, np.nan], [4.0, 0.0, 0.0, 1.0]]))
    3.0
    >>> typical_slope(np.zeros((2, 3)))
    1.0
    """
    g = np.asarray(grads, dtype=float).reshape(2, -1)
    sizes = np.hypot(*g)
    sizes = sizes[np.isfinite(sizes) & (sizes > 0)]
    return float(np.median(sizes)) if sizes.size else 1.0


def gradient_arrow(
    size: float, typical: float, *, reach: float, longest: float = 1.6, least: float = 0.06
) -> float:
    """How long to draw an arrow for ‖∇f‖ = ``size``: proportional to it, within clamps.

    A typical slope is drawn ``reach`` long, so the length is reach · size / typical, up to
    ``longest`` · reach (it stays in the view). Below ``least`` · reach the arrow would be a
    stub too short to read: the length is then 0, and the page marks the point "∇f ≈ 0".

    Examples
    --------
    >>> gradient_arrow(2.0, 4.0, reach=1.0), gradient_arrow(40.0, 4.0, reach=1.0)
    (0.5, 1.6)
    >>> gradient_arrow(0.1, 4.0, reach=1.0)
    0.0
    >>> gradient_arrow(1.0, 0.0, reach=1.0)
    Traceback (most recent call last):
    ...
    mathviz.multivariable.MultivariableError: typical must be positive and finite; got 0
    """
    if not (math.isfinite(typical) and typical > 0):
        raise MultivariableError(f"typical must be positive and finite; got {typical:g}")
    if not (math.isfinite(reach) and reach > 0):
        raise MultivariableError(f"reach must be positive and finite; got {reach:g}")
    length = reach * min(size / typical, longest) if math.isfinite(size) else longest * reach
    return 0.0 if length < least * reach else float(length)


# --------------------------------------------------------------------------------------
# Critical points
# --------------------------------------------------------------------------------------


def classify_hessian(H: ArrayLike, *, tol: float | None = None) -> str:
    """Minimum, maximum, saddle or degenerate, from the signs of a Hessian's eigenvalues.

    Parameters
    ----------
    H : array_like
        A symmetric n × n matrix.
    tol : float, optional
        Eigenvalues within tol of 0 count as zero; by default 10⁻⁶·max(1, max |λ|).

    Returns
    -------
    str
        "minimum" (all λ > 0), "maximum" (all λ < 0), "saddle" (some of each) or
        "degenerate" (a zero eigenvalue and no change of sign: the test cannot tell).

    Examples
    --------
    >>> classify_hessian([[2, 0], [0, -1]]), classify_hessian([[2, 0], [0, 0]])
    ('saddle', 'degenerate')
    """
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or H.shape[0] != H.shape[1] or not np.all(np.isfinite(H)):
        raise MultivariableError(f"H must be a finite square matrix; got {H.tolist()}")
    eigenvalues = np.linalg.eigvalsh((H + H.T) / 2)
    if tol is None:
        tol = 1e-6 * max(1.0, float(np.abs(eigenvalues).max()))
    up, down = bool(np.any(eigenvalues > tol)), bool(np.any(eigenvalues < -tol))
    if up and down:
        return "saddle"
    if np.any(np.abs(eigenvalues) <= tol):
        return "degenerate"
    return "minimum" if up else "maximum"


def classify_critical_point(
    f: Function, x: ArrayLike, *, hess: Function | None = None, tol: float | None = None
) -> str:
    """What kind of critical point x is, by the eigenvalues of the Hessian of f there.

    Parameters
    ----------
    f : callable
        A function of n variables, coordinates along the first axis.
    x : array_like
        A critical point (∇f(x) = 0), shape (n,); the gradient is not checked.
    hess : callable, optional
        The exact Hessian, points (n, ...) → (n, n, ...); by default :func:`hessian`.
    tol : float, optional
        Eigenvalues within tol of 0 count as zero. By default 10⁻⁶·max(1, max |λ|), and
        10⁻⁵·max(1, max |λ|, |f(x)|) for a numerical Hessian, whose error is about
        10⁻⁸·|f(x)|.

    Returns
    -------
    str
        "minimum", "maximum", "saddle" or "degenerate".

    Raises
    ------
    MultivariableError
        If x is not a finite point or the Hessian there is not finite.

    Examples
    --------
    >>> classify_critical_point(lambda p: p[0] ** 2 - p[1] ** 2, [0.0, 0.0])
    'saddle'
    >>> classify_critical_point(lambda p: p[0] ** 3 - 3 * p[0] * p[1] ** 2, [0.0, 0.0])
    'degenerate'
    """
    x = _points("x", x)
    H = np.asarray(hess(x) if hess is not None else hessian(f, x), dtype=float)
    if not np.all(np.isfinite(H)):
        raise MultivariableError(f"the Hessian of f is not finite at x = {x.tolist()}")
    if tol is None and hess is None:
        value = float(np.asarray(f(x)))
        size = max(1.0, float(np.abs(np.linalg.eigvalsh(H)).max()))
        tol = 1e-5 * max(size, abs(value) if np.isfinite(value) else 0.0)
    return classify_hessian(H, tol=tol)


def _bounds(bounds: ArrayLike) -> np.ndarray:
    box = np.asarray(bounds, dtype=float)
    if box.ndim != 2 or box.shape[1] != 2 or box.shape[0] == 0:
        raise MultivariableError(
            f"bounds must be a list of (low, high) pairs, one per variable; got {bounds!r}"
        )
    if not (np.all(np.isfinite(box)) and np.all(box[:, 0] < box[:, 1])):
        raise MultivariableError(f"bounds must be finite with low < high; got {box.tolist()}")
    return box


def _newton(
    x: np.ndarray, alive: np.ndarray, grad: Function, hess: Function, box: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Newton steps on ∇f = 0 from every start at once; drops starts that leave the box."""
    span = box[:, 1] - box[:, 0]
    size = float(np.linalg.norm(span))
    alive = alive.copy()
    for _ in range(NEWTON_STEPS):
        with np.errstate(all="ignore"):
            g = grad(x)
            H = np.moveaxis(hess(x), (0, 1), (-2, -1))
        ok = alive & np.all(np.isfinite(g), axis=0) & np.all(np.isfinite(H), axis=(-2, -1))
        step = np.zeros_like(x)
        if ok.any():
            # The pseudo-inverse copes with a singular Hessian (a degenerate point, a valley).
            inverse = np.linalg.pinv(H[ok], rcond=1e-12)
            step[:, ok] = np.einsum("kij,jk->ik", inverse, g[:, ok])
        length = np.linalg.norm(step, axis=0)
        too_long = length > 0.25 * size
        step[:, too_long] *= 0.25 * size / length[too_long]
        x = x - step
        near = (x >= box[:, :1] - 0.1 * span[:, None]) & (x <= box[:, 1:] + 0.1 * span[:, None])
        alive &= ok & np.all(near, axis=0)
        if not (alive & (length > 1e-12 * max(1.0, size))).any():
            break
    return x, alive


def _refuse_if_flat(f: Function, box: np.ndarray, scale: float) -> None:
    """Refuse a flat f, told apart from starts that all happen to be critical points."""
    probe = [np.linspace(lo, hi, 7) for lo, hi in box]  # corners and edges, off the starts
    with np.errstate(all="ignore"):
        values = np.asarray(f(np.stack(np.meshgrid(*probe, indexing="ij"))), dtype=float)
    if np.all(np.isfinite(values)) and np.ptp(values) <= 1e-12 * max(1.0, scale):
        raise MultivariableError(
            "f is flat on the whole box: every point is a critical point, so there is "
            "nothing to list"
        )


def find_critical_points(
    f: Function,
    bounds: ArrayLike,
    *,
    grad: Function | None = None,
    hess: Function | None = None,
    starts: int = 20,
) -> list[tuple[np.ndarray, str]]:
    """Every critical point of f inside a box, each once, classified by its Hessian.

    Newton's method on ∇f = 0 is run from a grid of starts across the box, all at once;
    it converges to minima, maxima and saddles alike. Points that settle inside the box
    with a vanishing gradient are kept, merged when they coincide, and classified.

    Parameters
    ----------
    f : callable
        A function of n variables, coordinates along the first axis.
    bounds : sequence of (low, high)
        The box, one pair per variable, e.g. ``[(-5, 5), (-5, 5)]``.
    grad, hess : callable, optional
        The exact gradient (n, ...) → (n, ...) and Hessian (n, ...) → (n, n, ...); by
        default the difference quotients of this module.
    starts : int
        Starts per variable (starts**n in all), placed at the centres of a grid.

    Returns
    -------
    list of (ndarray, str)
        (point, kind) pairs sorted by kind ("minimum", "maximum", "saddle",
        "degenerate"), then by coordinates. Empty when the box holds no critical point.
        Where critical points fill a curve (f = x², say) a point per start is returned,
        each "degenerate".

    Raises
    ------
    MultivariableError
        If the bounds are not finite low < high pairs, there are too many starts, or f is
        flat on the whole box (every point is then critical).

    Examples
    --------
    >>> f = lambda p: p[0] ** 3 - 3 * p[0] + p[1] ** 2
    >>> found = find_critical_points(f, [(-2, 2), (-2, 2)])
    >>> [(np.round(p, 6).tolist(), kind) for p, kind in found]
    [([1.0, 0.0], 'minimum'), ([-1.0, 0.0], 'saddle')]
    """
    box = _bounds(bounds)
    n = box.shape[0]
    whole = isinstance(starts, int | np.integer) and not isinstance(starts, bool)
    if not (whole and starts >= 1 and starts**n <= MAX_STARTS):
        raise MultivariableError(
            f"starts must be a whole number ≥ 1 with starts**n ≤ {MAX_STARTS}; got {starts!r}"
        )
    exact = hess is not None
    grad = grad if grad is not None else (lambda p: gradient(f, p))
    hess = hess if hess is not None else (lambda p: hessian(f, p))
    size = float(np.linalg.norm(box[:, 1] - box[:, 0]))
    axes = [lo + (np.arange(starts) + 0.5) * (hi - lo) / starts for lo, hi in box]
    x = np.stack(np.meshgrid(*axes, indexing="ij")).reshape(n, -1)
    with np.errstate(all="ignore"):
        slopes = np.linalg.norm(grad(x), axis=0)
        heights = np.asarray(f(x), dtype=float)
    finite = np.isfinite(slopes)
    typical = float(np.median(slopes[finite])) if finite.any() else 0.0
    scale = float(np.abs(heights[np.isfinite(heights)]).max(initial=0.0))
    if finite.all() and slopes.max() <= 1e-12 * max(1.0, scale) / max(1.0, size):
        _refuse_if_flat(f, box, scale)
    x, alive = _newton(x, finite, grad, hess, box)
    with np.errstate(all="ignore"):
        residual = np.linalg.norm(grad(x), axis=0)
    tolerance = 1e-7 * max(typical, 1e-300) + 1e-12
    inside = np.all((x >= box[:, :1]) & (x <= box[:, 1:]), axis=0)
    keep = alive & inside & (residual <= tolerance)
    found: list[np.ndarray] = []
    for k in np.argsort(residual[keep], kind="stable"):
        point = x[:, keep][:, k]
        if all(np.linalg.norm(point - other) > 1e-4 * size for other in found):
            found.append(point)
    tol_scale = max(1.0, scale)
    kinds = []
    for point in found:
        H = np.asarray(hess(point), dtype=float)
        if not np.all(np.isfinite(H)):
            continue
        size_h = max(1.0, float(np.abs(np.linalg.eigvalsh((H + H.T) / 2)).max()))
        # A difference-quotient Hessian is off by about 10⁻⁸·|f|: a looser zero for it.
        tol = 1e-6 * size_h if exact else 1e-5 * max(size_h, tol_scale)
        kinds.append((point, classify_hessian(H, tol=tol)))
    order = {kind: i for i, kind in enumerate(KINDS)}
    kinds.sort(key=lambda pair: (order[pair[1]], *pair[0].tolist()))
    return kinds


def without_dust(values: ArrayLike, *, tol: float = DUST) -> np.ndarray:
    """Entries within ``tol`` of 0 set to 0: the dust a root finder leaves in f, x or H.

    At a computed minimum f may come out as 10⁻¹⁸ instead of 0; this reads it as 0.

    Examples
    --------
    >>> without_dust([3e-12, -0.5, 2e-10]).tolist()
    [0.0, -0.5, 0.0]
    """
    values = np.asarray(values, dtype=float)
    return np.where(np.abs(values) < tol, 0.0, values)


def hessian_summary(H: ArrayLike) -> tuple[np.ndarray, float, float]:
    """The eigenvalues of a symmetric Hessian (ascending, dust as 0), its determinant and trace.

    det H = λ₁λ₂ and tr H = λ₁ + λ₂: their signs tell a minimum, a maximum and a saddle
    apart without the eigenvalues.

    Examples
    --------
    >>> lam, det, trace = hessian_summary([[2.0, 0.0], [0.0, -3.0]])
    >>> lam.tolist(), round(det, 12), trace
    ([-3.0, 2.0], -6.0, -1.0)
    """
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or H.shape[0] != H.shape[1] or not np.all(np.isfinite(H)):
        raise MultivariableError(f"H must be a finite square matrix; got {H.tolist()}")
    return without_dust(np.linalg.eigvalsh(H)), float(np.linalg.det(H)), float(np.trace(H))


def critical_curve(kinds: Sequence[str], *, least: int = CURVE_POINTS) -> bool:
    """Whether critical points found fill a curve (a trough's floor) rather than stand apart.

    ``find_critical_points`` returns a point per start where the critical points are not
    isolated, each "degenerate"; more than ``least`` of them, all degenerate, is that case.

    Examples
    --------
    >>> critical_curve(["degenerate"] * 20), critical_curve(["minimum", "saddle"])
    (True, False)
    """
    return len(kinds) > least and all(kind == "degenerate" for kind in kinds)


def quadratic_model(p: ArrayLike, value: float, H: ArrayLike, points: ArrayLike) -> np.ndarray:
    """The second-order model f(p) + ½dᵀHd of f near p, at points p + d of the plane.

    Parameters
    ----------
    p : array_like
        The point the model is built at, shape (2,); a critical point, as ∇f(p) = 0 there.
    value : float
        f(p).
    H : array_like
        The Hessian of f at p, symmetric 2 × 2.
    points : array_like
        Where to evaluate the model, shape (2, ...).

    Returns
    -------
    ndarray
        The model's values, shape (...).

    Examples
    --------
    >>> quadratic_model([1.0, 0.0], 5.0, [[2.0, 0.0], [0.0, 4.0]], [[2.0, 1.0], [1.0, 0.0]])
    array([8., 5.])
    """
    p = _points("p", p)
    H = np.asarray(H, dtype=float)
    if p.shape != (2,) or H.shape != (2, 2):
        raise MultivariableError(
            f"p must be a point of the plane and H 2 × 2; got shapes {p.shape} and {H.shape}"
        )
    X, Y = np.asarray(points, dtype=float)
    dx, dy = X - p[0], Y - p[1]
    return value + 0.5 * (H[0, 0] * dx * dx + 2 * H[0, 1] * dx * dy + H[1, 1] * dy * dy)


def tangent_plane(p: ArrayLike, value: float, grad: ArrayLike, points: ArrayLike) -> np.ndarray:
    """The first-order model f(p) + ∇f(p)·d of f near p, at points p + d of the plane.

    Its graph is the tangent plane: the plane spanned by the two tangent lines of the
    partial derivatives, z = f(p) + f_x·dx + f_y·dy.

    Parameters
    ----------
    p : array_like
        The point the plane touches the surface at, shape (2,).
    value : float
        f(p).
    grad : array_like
        ∇f(p), shape (2,).
    points : array_like
        Where to evaluate the plane, shape (2, ...).

    Returns
    -------
    ndarray
        The plane's heights, shape (...).

    Examples
    --------
    >>> tangent_plane([1.0, 2.0], 3.0, [2.0, -1.0], [[1.0, 2.0], [2.0, 4.0]])
    array([3., 3.])
    """
    p, grad = _points("p", p), _points("grad", grad)
    if p.shape != (2,) or grad.shape != (2,):
        raise MultivariableError(
            f"p and grad must be vectors of the plane; got shapes {p.shape} and {grad.shape}"
        )
    X, Y = np.asarray(points, dtype=float)
    return value + grad[0] * (X - p[0]) + grad[1] * (Y - p[1])


def principal_axes(H: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """The eigenvalues of a symmetric Hessian (ascending, dust as 0) and unit eigenvectors.

    Along the eigenvector of λ the surface bends like ½λt²: the directions of steepest
    and gentlest curvature, the axes of the bowl, cap or saddle. Column ``i`` of the
    second array goes with ``lam[i]``; each points into the half-plane x ≥ 0 (up when
    vertical), so the picture does not flip between equal matrices.

    Examples
    --------
    >>> lam, vecs = principal_axes([[2.0, 0.0], [0.0, -3.0]])
    >>> lam.tolist(), vecs.round(6).tolist()
    ([-3.0, 2.0], [[0.0, 1.0], [1.0, 0.0]])
    """
    H = np.asarray(H, dtype=float)
    if H.shape != (2, 2) or not np.all(np.isfinite(H)):
        raise MultivariableError(f"H must be a finite 2 × 2 matrix; got {H.tolist()}")
    lam, vecs = np.linalg.eigh(0.5 * (H + H.T))
    flip = (vecs[0] < 0) | ((vecs[0] == 0) & (vecs[1] < 0))
    vecs = np.where(flip, -vecs, vecs)
    return without_dust(lam), vecs


# --------------------------------------------------------------------------------------
# Gradient descent
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Descent:
    """One run of gradient descent.

    Attributes
    ----------
    method : str
        "plain", "momentum" or "adam".
    path : ndarray
        The iterates, shape (k, n); the first row is the start x₀.
    values : ndarray
        f along the path, shape (k,).
    converged : bool
        The gradient norm fell under the tolerance (at the last row of ``path``).
    diverged : bool
        The next iterate was not finite or ran away; ``path`` ends at the last good one.
    """

    method: str
    path: np.ndarray
    values: np.ndarray
    converged: bool
    diverged: bool

    @property
    def steps(self) -> int:
        """How many steps were taken: one fewer than the points on the path."""
        return len(self.path) - 1

    @property
    def verdict(self) -> str:
        """The outcome: arrived, flat start, diverged, climbing, running off or still moving.

        A run that has not arrived or left every bound is "climbing" when f has ended above
        where it started (a descent going wrong: too large a step), "running off" when it is
        more than ``RUN_OFF`` × (1 + ‖x₀‖) from its start (down a slope with no floor, say
        off a saddle), and otherwise "still moving".

        Examples
        --------
        >>> bowl = lambda p: p[0] ** 2 + p[1] ** 2
        >>> gradient_descent(bowl, [1.0, 1.0], lr=1.2, steps=5).verdict
        'climbing'
        >>> gradient_descent(lambda p: -p[0] ** 2, [1.0, 0.0], lr=2.0, steps=5).verdict
        'running off'
        """
        if self.converged:
            return "arrived" if self.steps else "flat start"
        if self.diverged:
            return "diverged"
        if self.steps and self.values[-1] > self.values[0]:
            return "climbing"
        start = self.path[0]
        if np.linalg.norm(self.path[-1] - start) > RUN_OFF * (1.0 + np.linalg.norm(start)):
            return "running off"
        return "still moving"

    def cut(self, steps: int) -> Descent:
        """The run as a run of at most ``steps`` steps would have gone.

        Descent is deterministic, so the first k steps of a longer run are a run of k steps:
        one that arrived or diverged by then ends the same way. Arriving is found at the last
        point itself, diverging only on the step after it, which a run of k steps has not
        tried yet: a longer run cut at its last good point is still moving.

        Examples
        --------
        >>> bowl = lambda p: p[0] ** 2 + p[1] ** 2
        >>> run = gradient_descent(bowl, [1.0, 1.0], lr=0.1, steps=50)
        >>> short = run.cut(10)
        >>> short.steps, short.verdict, bool(np.all(short.path == run.path[:11]))
        (10, 'still moving', True)
        """
        if steps > self.steps or (steps == self.steps and not self.diverged):
            return self
        path, values = self.path[: steps + 1], self.values[: steps + 1]
        return Descent(self.method, path, values, converged=False, diverged=False)


def _check_descent(lr: float, steps: int, beta: float, tol: float, methods: Sequence[str]) -> None:
    if not (np.isfinite(lr) and lr > 0):
        raise MultivariableError(f"lr must be a positive finite number; got {lr!r}")
    whole = isinstance(steps, int | np.integer) and not isinstance(steps, bool)
    if not (whole and 0 <= steps <= MAX_STEPS):
        raise MultivariableError(
            f"steps must be a whole number from 0 to {MAX_STEPS}; got {steps!r}"
        )
    if not (np.isfinite(beta) and 0 <= beta < 1):
        raise MultivariableError(f"beta must be in [0, 1); got {beta!r}")
    if not (np.isfinite(tol) and tol >= 0):
        raise MultivariableError(f"tol must be a finite number ≥ 0; got {tol!r}")
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise MultivariableError(
            f"method must be one of {', '.join(METHODS)}; got {', '.join(map(repr, methods))}"
        )


def _rules(methods: Sequence[str], beta: float) -> tuple[np.ndarray, ...]:
    """Every method as one update: m ← b₁m + c₁g, s ← b₂s + c₂g², x ← x − lr·m̂/(√ŝ + ε)."""
    adam = np.array([m == "adam" for m in methods])
    plain = np.array([m == "plain" for m in methods])
    return (
        adam,
        np.where(plain, 0.0, beta),
        np.where(adam, 1 - beta, 1.0),
        np.where(adam, ADAM_BETA2, 1.0),
        np.where(adam, 1 - ADAM_BETA2, 0.0),
        np.where(adam, ADAM_EPS, 0.0),
    )


def compare_descent(
    f: Function,
    x0: ArrayLike,
    *,
    lr: float,
    steps: int,
    methods: Sequence[str] = METHODS,
    beta: float = 0.9,
    grad: Function | None = None,
    tol: float = 1e-8,
) -> dict[str, Descent]:
    """Several descent methods from the same start with the same learning rate, side by side.

    The methods run together, one gradient evaluation per step for all of them, each
    stopping on its own. Updates, with g = ∇f(xₜ):

    - plain: x ← x − lr·g
    - momentum (heavy ball): v ← β·v + g, x ← x − lr·v
    - adam: m ← β·m + (1 − β)·g, s ← β₂·s + (1 − β₂)·g², x ← x − lr·m̂ / (√ŝ + 10⁻⁸),
      with the bias corrections m̂ = m / (1 − βᵗ), ŝ = s / (1 − β₂ᵗ) and β₂ = 0.999.

    Parameters
    ----------
    f : callable
        A function of n variables, coordinates along the first axis.
    x0 : array_like
        The start, shape (n,).
    lr : float
        The learning rate, > 0.
    steps : int
        The most steps each method takes (0 to ``MAX_STEPS``).
    methods : sequence of str
        Some of "plain", "momentum", "adam".
    beta : float
        β in [0, 1): the momentum's memory, and Adam's β₁.
    grad : callable, optional
        The exact gradient, points (n, ...) → (n, ...); by default :func:`gradient`.
    tol : float
        A method stops, converged, once ‖∇f‖ < tol.

    Returns
    -------
    dict of str to Descent
        One run per method, in the order given.

    Raises
    ------
    MultivariableError
        If x0 is not finite or a knob is out of range.

    Examples
    --------
    >>> bowl = lambda p: p[0] ** 2 + 10 * p[1] ** 2
    >>> runs = compare_descent(bowl, [3.0, 1.0], lr=0.01, steps=5000)
    >>> {name: run.steps for name, run in runs.items()}
    {'plain': 1001, 'momentum': 385, 'adam': 1653}
    """
    methods = list(methods)
    _check_descent(lr, steps, beta, tol, methods)
    start = _points("x0", x0)
    if start.ndim != 1:
        raise MultivariableError(f"x0 must be one point, shape (n,); got shape {start.shape}")
    grad = grad if grad is not None else (lambda p: gradient(f, p))
    n, count = start.size, len(methods)
    adam, b1, c1, b2, c2, eps = _rules(methods, beta)
    x = np.repeat(start[:, None], count, axis=1)
    m = np.zeros_like(x)
    s = np.ones_like(x)
    s[:, adam] = 0.0
    path = np.empty((steps + 1, n, count))
    path[0] = x
    last = np.zeros(count, dtype=int)
    active = np.ones(count, dtype=bool)
    converged = np.zeros(count, dtype=bool)
    diverged = np.zeros(count, dtype=bool)
    reach2 = (EXPLODE * (1.0 + float(np.linalg.norm(start)))) ** 2
    # The bias corrections of every step at once; 1 for the methods without them.
    ts = np.arange(steps + 1)[:, None]
    k1 = np.where(adam, 1 - beta**ts, 1.0)
    k2 = np.where(adam, 1 - ADAM_BETA2**ts, 1.0)
    k1[0] = k2[0] = 1.0
    scale = lr / k1
    with np.errstate(all="ignore"):
        for t in range(1, steps + 2):
            g = np.asarray(grad(x), dtype=float).reshape(n, count)
            done = active & (np.einsum("ij,ij->j", g, g) < tol * tol)
            if done.any():
                converged |= done
                active &= ~done
            if t > steps or not active.any():
                break
            m = b1 * m + c1 * g
            s = b2 * s + c2 * g * g
            moved = x - scale[t] * m / (np.sqrt(s / k2[t]) + eps)
            away = moved - start[:, None]
            # nan and ∞ fail the comparison too, so one test catches both ways to diverge.
            bad = active & ~(np.einsum("ij,ij->j", away, away) <= reach2)
            if bad.any():
                diverged |= bad
                active &= ~bad
            x = np.where(active, moved, x)
            path[t] = x
            last[active] = t
    runs = {}
    for j, method in enumerate(methods):
        points = path[: last[j] + 1, :, j]
        with np.errstate(all="ignore"):
            values = np.asarray(f(points.T), dtype=float).reshape(-1)
        runs[method] = Descent(method, points, values, bool(converged[j]), bool(diverged[j]))
    return runs


def gradient_descent(
    f: Function,
    x0: ArrayLike,
    *,
    lr: float,
    steps: int,
    method: str = "plain",
    beta: float = 0.9,
    grad: Function | None = None,
    tol: float = 1e-8,
) -> Descent:
    """Walk downhill from x0: plain gradient descent, with momentum, or Adam.

    It stops early when ‖∇f‖ falls under ``tol`` (``converged``) or when the next iterate
    is not finite or lands more than 10⁶·(1 + ‖x₀‖) from the start (``diverged``; the
    path then ends at the last good point). The updates are those of
    :func:`compare_descent`.

    Parameters
    ----------
    f : callable
        A function of n variables, coordinates along the first axis.
    x0 : array_like
        The start, shape (n,).
    lr : float
        The learning rate, > 0.
    steps : int
        The most steps to take (0 to ``MAX_STEPS``).
    method : {"plain", "momentum", "adam"}
        The update rule.
    beta : float
        β in [0, 1): the momentum's memory, and Adam's β₁.
    grad : callable, optional
        The exact gradient, points (n, ...) → (n, ...); by default :func:`gradient`.
    tol : float
        The gradient norm below which the walk has arrived.

    Returns
    -------
    Descent
        The path, f along it, and the verdict.

    Raises
    ------
    MultivariableError
        If x0 is not finite or a knob is out of range.

    Examples
    --------
    >>> bowl = lambda p: p[0] ** 2 + 10 * p[1] ** 2
    >>> run = gradient_descent(bowl, [3.0, 1.0], lr=0.099, steps=2000)
    >>> run.converged, run.diverged, run.steps
    (True, False, 1061)
    >>> gradient_descent(bowl, [3.0, 1.0], lr=0.101, steps=2000).diverged
    True
    """
    return compare_descent(
        f, x0, lr=lr, steps=steps, methods=[method], beta=beta, grad=grad, tol=tol
    )[method]


def stability_limit(H: ArrayLike, *, method: str = "plain", beta: float = 0.9) -> float:
    """The largest learning rate that does not blow up on a quadratic with Hessian H.

    On f(x) = ½xᵀHx each plain step multiplies the component along an eigenvector by
    1 − lr·λ, so the walk settles only if |1 − lr·λ| < 1 for every λ: lr < 2/λmax.
    Momentum (heavy ball) stretches this to lr < 2(1 + β)/λmax.

    Parameters
    ----------
    H : array_like
        The (constant) Hessian, symmetric n × n.
    method : {"plain", "momentum"}
        The update rule; Adam's step is normalised and has no such limit.
    beta : float
        Momentum's β in [0, 1).

    Returns
    -------
    float
        The limit; ``inf`` when no eigenvalue is positive (no direction curves up).

    Examples
    --------
    >>> stability_limit([[2, 0], [0, 20]])
    0.1
    >>> round(stability_limit([[2, 0], [0, 20]], method="momentum", beta=0.9), 6)
    0.19
    """
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or H.shape[0] != H.shape[1] or not np.all(np.isfinite(H)):
        raise MultivariableError(f"H must be a finite square matrix; got {H.tolist()}")
    if method not in ("plain", "momentum"):
        raise MultivariableError(f"method must be 'plain' or 'momentum'; got {method!r}")
    top = float(np.linalg.eigvalsh((H + H.T) / 2).max())
    if top <= 0:
        return float("inf")
    return (2.0 if method == "plain" else 2.0 * (1.0 + beta)) / top


@dataclass(frozen=True)
class RateCheck:
    """What the curvature at a point says about a learning rate, as on a quadratic.

    Attributes
    ----------
    curvature : float
        λmax, the largest eigenvalue of H: the sharpest upward curvature.
    limit : float
        2/λmax: plain descent is stable below it.
    momentum_limit : float
        2(1 + β)/λmax: the limit for momentum (heavy ball).
    bowl : bool
        Every eigenvalue is positive, so f (if quadratic) has a minimum to settle in.
    too_large : bool
        The learning rate is above ``limit``.
    factor : float
        1 − lr·λmax: what each plain step multiplies the error along the sharpest
        direction by; its size is over 1 when the rate is too large.
    """

    curvature: float
    limit: float
    momentum_limit: float
    bowl: bool
    too_large: bool
    factor: float


def rate_check(H: ArrayLike, lr: float, *, beta: float = 0.9) -> RateCheck | None:
    """Check a learning rate against the stability limits of the quadratic with Hessian H.

    Parameters
    ----------
    H : array_like
        The Hessian, symmetric n × n (at the start, for a function that is not quadratic).
    lr : float
        The learning rate.
    beta : float
        Momentum's β.

    Returns
    -------
    RateCheck or None
        None when no eigenvalue is positive: no direction curves up, so no rate is too
        large.

    Raises
    ------
    MultivariableError
        If H is not a finite square matrix.

    Examples
    --------
    >>> check = rate_check([[2, 0], [0, 20]], 0.105)
    >>> check.limit, check.too_large, round(check.factor, 6), round(check.momentum_limit, 6)
    (0.1, True, -1.1, 0.19)
    >>> rate_check([[-1, 0], [0, -2]], 0.1) is None
    True
    """
    limit = stability_limit(H)
    if not math.isfinite(limit):
        return None
    H = np.asarray(H, dtype=float)
    top = 2 / limit
    bowl = bool(np.all(np.linalg.eigvalsh((H + H.T) / 2) > 0))
    momentum = stability_limit(H, method="momentum", beta=beta)
    return RateCheck(top, limit, momentum, bowl, lr > limit, 1 - lr * top)


def descent_progress(run: Descent, *, grad: Function, lowest: float | None = None) -> np.ndarray:
    """How far a run is from done at each step: f − min f, or ‖∇f‖ when f has no minimum.

    Parameters
    ----------
    run : Descent
        A run of :func:`gradient_descent` or :func:`compare_descent`.
    grad : callable
        The gradient, points (n, ...) → (n, ...).
    lowest : float, optional
        The smallest value of f, when it has one.

    Returns
    -------
    ndarray
        One value per point of the path; it falls to 0 as the run arrives.

    Examples
    --------
    >>> bowl = lambda p: p[0] ** 2 + p[1] ** 2
    >>> run = gradient_descent(bowl, [1.0, 0.0], lr=0.25, steps=2)
    >>> descent_progress(run, grad=lambda p: 2 * p, lowest=0.0).tolist()
    [1.0, 0.25, 0.0625]
    >>> descent_progress(run, grad=lambda p: 2 * p).tolist()
    [2.0, 1.0, 0.5]
    """
    if lowest is not None:
        return run.values - lowest
    return np.hypot(*grad(run.path.T))


def quadratic_centre(H: ArrayLike, grad_at: ArrayLike, x: ArrayLike) -> np.ndarray | None:
    """The critical point of a quadratic, from its Hessian H and its gradient g at one point x.

    A quadratic's gradient is affine, ∇f(y) = g + H(y − x), so it vanishes at
    x* = x − H⁻¹g: the minimum of a bowl, the centre of a saddle.

    Returns
    -------
    ndarray or None
        x*, shape (n,); None when H is singular (a valley floor or a plane: no single
        critical point).

    Examples
    --------
    >>> quadratic_centre([[2, 0], [0, 20]], [2.0, -20.0], [1.0, -1.0]).tolist()
    [0.0, 0.0]
    >>> quadratic_centre([[1, 0], [0, 0]], [1.0, 0.0], [1.0, 0.0]) is None
    True
    """
    H = np.asarray(H, dtype=float)
    g, at = np.asarray(grad_at, dtype=float), np.asarray(x, dtype=float)
    if not (np.all(np.isfinite(H)) and np.all(np.isfinite(g)) and np.all(np.isfinite(at))):
        return None
    if np.linalg.cond(H) > 1e12:
        return None
    return at - np.linalg.solve(H, g)


def eigen_errors(path: ArrayLike, centre: ArrayLike, H: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """The error x_k − x* split along the eigenvectors of H, step by step.

    On a quadratic each eigen-direction is its own one-dimensional problem: the error along
    the eigenvector of λ is multiplied at every plain step by 1 − ηλ, whatever the others do.

    Parameters
    ----------
    path : array_like
        The iterates, shape (k, n).
    centre : array_like
        x*, shape (n,).
    H : array_like
        The symmetric Hessian, n × n.

    Returns
    -------
    eigenvalues : ndarray
        λ in increasing order, shape (n,).
    errors : ndarray
        |qᵢ · (x_k − x*)|, shape (k, n): column i along the eigenvector of λᵢ.

    Examples
    --------
    >>> lams, errs = eigen_errors([[3.0, 1.0], [2.7, -0.8]], [0.0, 0.0], [[2, 0], [0, 20]])
    >>> lams.tolist(), errs.round(6).tolist()
    ([2.0, 20.0], [[3.0, 1.0], [2.7, 0.8]])
    """
    H = np.asarray(H, dtype=float)
    lams, vecs = np.linalg.eigh((H + H.T) / 2)
    errors = np.abs((np.asarray(path, dtype=float) - np.asarray(centre, dtype=float)) @ vecs)
    return lams, errors


def plain_rate(lr: float, eigenvalues: ArrayLike) -> np.ndarray:
    """|1 − ηλ| for each λ: what one plain step multiplies the error along it by, in size.

    Examples
    --------
    >>> plain_rate(0.09, [2.0, 20.0]).round(6).tolist()
    [0.82, 0.8]
    """
    return np.abs(1.0 - lr * np.asarray(eigenvalues, dtype=float))


def momentum_rate(lr: float, beta: float, eigenvalues: ArrayLike) -> np.ndarray:
    """The rate of heavy-ball momentum along each eigen-direction, λ by λ.

    With v ← βv + ∇f and x ← x − ηv, the error e along the eigenvector of λ obeys
    e_{k+1} = (1 + β − ηλ)e_k − βe_{k−1}: the 2 × 2 iteration matrix
    [[1 + β − ηλ, −β], [1, 0]]. Its spectral radius, the larger root size of
    z² − (1 + β − ηλ)z + β, is the factor the error shrinks by per step in the long run:
    √β when the roots are complex (the error spirals), and below 1 exactly when
    0 < ηλ < 2(1 + β).

    Examples
    --------
    >>> momentum_rate(0.09, 0.9, [2.0, 20.0]).round(6).tolist()
    [0.948683, 0.948683]
    >>> momentum_rate(0.1, 0.0, [2.0, 20.0]).round(6).tolist()
    [0.8, 1.0]
    """
    lams = np.asarray(eigenvalues, dtype=float)
    a = 1.0 + beta - lr * lams
    disc = a * a - 4.0 * beta
    root = np.sqrt(np.abs(disc))
    real = np.maximum(np.abs(a + root), np.abs(a - root)) / 2.0
    return np.where(disc >= 0, real, math.sqrt(beta))


def measured_rate(errors: ArrayLike, *, window: int = 60) -> float | None:
    """The factor an error shrank by per step over the last ``window`` steps of a run.

    exp of the slope of a least-squares line through log errors (the positive, finite
    ones), so the turns of a spiral or a zig-zag average out.

    Returns
    -------
    float or None
        None with fewer than 8 usable steps.

    Examples
    --------
    >>> round(measured_rate(0.8 ** np.arange(100)), 6)
    0.8
    >>> measured_rate([1.0, 0.5]) is None
    True
    """
    e = np.asarray(errors, dtype=float).reshape(-1)
    steps = np.flatnonzero(np.isfinite(e) & (e > 1e-280))
    steps = steps[-window:]
    if steps.size < 8:
        return None
    slope = np.polyfit(steps.astype(float), np.log(e[steps]), 1)[0]
    return float(np.exp(slope))


def convergence_rate(
    lr: ArrayLike, eigenvalues: ArrayLike, *, method: str = "plain", beta: float = 0.9
) -> np.ndarray:
    """The slowest eigen-direction's rate at each learning rate: max over λ.

    Below 1 the error shrinks by at least this factor per step in the long run; above 1 it
    grows. Adam normalises its steps and has no such rate.

    Examples
    --------
    >>> convergence_rate([0.05, 0.1, 0.105], [2.0, 20.0]).round(6).tolist()
    [0.9, 1.0, 1.1]
    >>> convergence_rate([0.05], [2.0, 20.0], method="momentum", beta=0.9).round(6).tolist()
    [0.948683]
    """
    if method not in ("plain", "momentum"):
        raise MultivariableError(f"method must be 'plain' or 'momentum'; got {method!r}")
    rates = np.asarray(lr, dtype=float).reshape(-1)
    if method == "plain":
        return np.array([plain_rate(r, eigenvalues).max() for r in rates])
    return np.array([momentum_rate(r, beta, eigenvalues).max() for r in rates])


# --------------------------------------------------------------------------------------
# A layer and its Jacobian
# --------------------------------------------------------------------------------------


def activation_slope(z: ArrayLike, activation: str) -> np.ndarray:
    """σ′(z) entry by entry for the layer activations of ``linear_algebra.ACTIVATIONS``.

    ReLU's slope is taken as 0 at z = 0, as the frameworks do.

    Examples
    --------
    >>> activation_slope([0.0], "sigmoid").tolist(), activation_slope([-1.0, 2.0], "relu").tolist()
    ([0.25], [0.0, 1.0])
    """
    if activation not in activations.ACTIVATIONS:
        raise MultivariableError(
            f"activation must be one of {', '.join(la.ACTIVATIONS)}; got {activation!r}"
        )
    # σ(z)·σ(−z) and sech²(z), not σ(1 − σ) and 1 − tanh²: those cancel to 0 far from 0.
    return activations.slope(z, activation)


def layer_function(A: ArrayLike, b: ArrayLike, activation: str) -> Function:
    """The layer x ↦ σ(Ax + b) as a function of the module's convention: (n, ...) → (m, ...).

    Examples
    --------
    >>> g = layer_function([[1, 0], [0, 2]], [0, 0], "identity")
    >>> g(np.array([3.0, 4.0])).tolist()
    [3.0, 8.0]
    """
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    activation_slope(np.zeros(1), activation)  # checks the name
    if A.ndim != 2 or b.shape != (A.shape[0],):
        raise MultivariableError(
            f"A must be m × n and b have m entries; got shapes {A.shape} and {b.shape}"
        )

    def g(points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=float)
        flat = points.reshape(points.shape[0], -1)
        # activation_slope above has checked that the name is one of la.ACTIVATIONS.
        out = la.layer(flat.T, A, b, cast("la.Activation", activation)).T
        return out.reshape((A.shape[0], *points.shape[1:]))

    return g


def layer_jacobian(A: ArrayLike, b: ArrayLike, x: ArrayLike, *, activation: str) -> np.ndarray:
    """The Jacobian of x ↦ σ(Ax + b) at x: diag(σ′(Ax + b))·A, by the chain rule.

    Parameters
    ----------
    A : array_like
        The m × n weights.
    b : array_like
        The bias, m entries.
    x : array_like
        The point, n entries.
    activation : {"sigmoid", "tanh", "relu", "identity"}
        σ.

    Returns
    -------
    ndarray
        Shape (m, n): row i scales row i of A by the slope of σ at the i-th pre-activation.

    Examples
    --------
    >>> layer_jacobian([[1, 2], [3, 4]], [0, 0], [0, 0], activation="sigmoid").tolist()
    [[0.25, 0.5], [0.75, 1.0]]
    """
    A = np.asarray(A, dtype=float)
    x = _points("x", x)
    layer_function(A, b, activation)  # checks the shapes and the name
    z = A @ x + np.asarray(b, dtype=float)
    return activation_slope(z, activation)[:, None] * A


@dataclass(frozen=True)
class Linearization:
    """A layer near a point: its value, its Jacobian, and the Jacobian's check.

    Attributes
    ----------
    value : ndarray
        f(x) = σ(Ax + b).
    jacobian : ndarray
        J = diag(σ′(Ax + b))·A, by the chain rule.
    numeric : ndarray
        J by central differences.
    det : float
        det J: the factor by which f scales small areas near x.
    worst : float
        The largest |J − difference quotient| over the entries.
    """

    value: np.ndarray
    jacobian: np.ndarray
    numeric: np.ndarray
    det: float
    worst: float


def layer_linearization(
    A: ArrayLike, b: ArrayLike, x: ArrayLike, *, activation: str
) -> Linearization:
    """The layer x ↦ σ(Ax + b) at x: its value and Jacobian, checked by differences.

    Examples
    --------
    >>> near = layer_linearization([[1, 0], [0, 2]], [0, 0], [0, 0], activation="tanh")
    >>> near.jacobian.tolist(), near.det, near.worst < 1e-9
    ([[1.0, 0.0], [0.0, 2.0]], 2.0, True)
    """
    g = layer_function(A, b, activation)
    J = layer_jacobian(A, b, x, activation=activation)
    numeric = jacobian(g, x)
    x = np.asarray(x, dtype=float)
    worst = float(np.abs(J - numeric).max())
    return Linearization(g(x), J, numeric, float(np.linalg.det(J)), worst)


def linearization_gap(
    g: Function, x: ArrayLike, J: ArrayLike, steps: ArrayLike
) -> tuple[np.ndarray, np.ndarray, float]:
    """Where g sends x + d, against the linear guess J·d, for each step d.

    Parameters
    ----------
    g : callable
        Points (n, ...) → values (m, ...).
    x : array_like
        The point, shape (n,).
    J : array_like
        The Jacobian of g at x, shape (m, n).
    steps : array_like
        The steps d, one per row, shape (k, n).

    Returns
    -------
    moved : ndarray
        g(x + d) − g(x), shape (k, m).
    linear : ndarray
        J·d, shape (k, m).
    gap : float
        The largest |moved − linear| over all entries: about the square of the step.

    Examples
    --------
    >>> square = lambda p: p**2
    >>> moved, linear, gap = linearization_gap(square, [1.0], [[2.0]], [[0.1], [-0.1]])
    >>> np.round(moved.ravel(), 12).tolist(), linear.ravel().tolist(), round(gap, 12)
    ([0.21, -0.19], [0.2, -0.2], 0.01)
    """
    x = _points("x", x)
    d = np.asarray(steps, dtype=float)
    J = np.asarray(J, dtype=float)
    if d.ndim != 2 or d.shape[1] != x.size or J.shape[1:] != (x.size,):
        raise MultivariableError(
            f"steps must be (k, n) and J (m, n) for a point of n = {x.size} coordinates; "
            f"got shapes {d.shape} and {J.shape}"
        )
    moved = g(x[:, None] + d.T).T - g(x)
    linear = d @ J.T
    return moved, linear, float(np.abs(moved - linear).max())


PEAK_SLOPE = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "identity": 1.0}
"""The largest slope σ′ of each activation: σ′(0) = ¼ for the sigmoid, 1 for the others."""
BOUNDS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}
"""The open interval a bounded activation maps every number into."""


@dataclass(frozen=True)
class Saturation:
    """How steep σ is at each unit's pre-activation, against its steepest.

    Attributes
    ----------
    pre : ndarray
        The pre-activations Ax + b.
    slope : ndarray
        σ′ at each of them.
    share : ndarray
        σ′ as a share of σ's largest slope (``PEAK_SLOPE``): 1 at the steepest point.
    saturated : ndarray
        One flag per unit: a sigmoid or tanh unit whose share is below the threshold, so
        σ is nearly flat there and that output barely moves near x.
    """

    pre: np.ndarray
    slope: np.ndarray
    share: np.ndarray
    saturated: np.ndarray


def layer_saturation(
    A: ArrayLike, b: ArrayLike, x: ArrayLike, *, activation: str, threshold: float = 0.05
) -> Saturation:
    """Which units of σ(Ax + b) are saturated at x: σ′ below ``threshold`` of its peak.

    A saturated unit squashes a whole neighbourhood of x onto nearly one value, so its row
    of J is nearly 0 and the layer flattens the plane (det J ≈ 0). Only the bounded
    activations (sigmoid, tanh) saturate; a ReLU that is off is ``Warp.dead`` instead.

    Examples
    --------
    >>> s = layer_saturation([[3, 1], [-1, 3]], [0, 0], [2, 1.5], activation="sigmoid")
    >>> s.pre.tolist(), s.saturated.tolist(), round(float(s.share[0]), 4)
    ([7.5, 2.5], [True, False], 0.0022)
    >>> layer_saturation([[1, 0], [0, 1]], [0, 0], [9, 0], activation="relu").saturated.tolist()
    [False, False]
    >>> layer_saturation([[1.0]], [0.0], [0.0], activation="tanh", threshold=2)
    Traceback (most recent call last):
    ...
    mathviz.multivariable.MultivariableError: threshold must be in (0, 1); got 2
    """
    if not 0 < threshold < 1:
        raise MultivariableError(f"threshold must be in (0, 1); got {threshold:g}")
    A = np.asarray(A, dtype=float)
    layer_function(A, b, activation)  # checks the shapes and the name
    z = A @ _points("x", x) + np.asarray(b, dtype=float)
    slope = activation_slope(z, activation)
    share = slope / PEAK_SLOPE[activation]
    bounded = activation in {"sigmoid", "tanh"}
    return Saturation(z, slope, share, (share < threshold) & bounded)


@dataclass(frozen=True)
class Warp:
    """A grid of the input plane around x, where a layer sends it, and where J sends it.

    Attributes
    ----------
    grid : ndarray
        The grid lines of the input plane, shape (lines, points, 2): half of them run
        along x₁, half along x₂, through the square x ± half.
    curved : ndarray
        f of every grid point, same shape: the layer's own picture of the grid.
    linear : ndarray
        f(x) + J·(p − x) for every grid point p, same shape: the tangent map's picture,
        a grid of parallelograms that agrees with ``curved`` near x only.
    dead : ndarray
        One flag per output: σ′ = 0 at x (a ReLU switched off), so near x that output does
        not move, and no gradient flows back through it.
    """

    grid: np.ndarray
    curved: np.ndarray
    linear: np.ndarray
    dead: np.ndarray

    def gap(self) -> np.ndarray:
        """|f(p) − (f(x) + J(p − x))| at every grid point, shape (lines, points)."""
        return np.hypot(*(self.curved - self.linear).transpose(2, 0, 1))


def layer_warp(
    A: ArrayLike,
    b: ArrayLike,
    x: ArrayLike,
    *,
    activation: str,
    half: float,
    lines: int = 9,
    points: int = 81,
) -> Warp:
    """The layer x ↦ σ(Ax + b) bending a grid of the plane around x, and its linear model.

    Parameters
    ----------
    A, b : array_like
        A 2 × 2 layer: the weights and the bias.
    x : array_like
        The point, 2 entries: the grid's centre.
    activation : {"sigmoid", "tanh", "relu", "identity"}
        σ.
    half : float
        The grid covers x ± half in both coordinates; > 0.
    lines : int
        Grid lines per direction (≥ 2).
    points : int
        Points along each line (≥ 2): enough for the curves to look smooth.

    Returns
    -------
    Warp
        The grid, its image under f and under the tangent map, and the dead units.

    Examples
    --------
    >>> warp = layer_warp([[2, 0], [0, 1]], [0, 0], [0, 0], activation="identity", half=1,
    ...                   lines=3, points=3)
    >>> warp.grid.shape, bool(np.allclose(warp.curved, warp.linear)), warp.dead.tolist()
    ((6, 3, 2), True, [False, False])
    >>> warp.curved[0].tolist()
    [[-2.0, -1.0], [-2.0, 0.0], [-2.0, 1.0]]
    >>> layer_warp([[1, 0], [0, 1]], [0, 0], [-1, 1], activation="relu", half=0.5).dead.tolist()
    [True, False]
    """
    A = np.asarray(A, dtype=float)
    at = _points("x", x)
    if A.shape != (2, 2) or at.shape != (2,):
        raise MultivariableError(f"A must be 2 × 2 and x have 2 entries; got {A.shape}, {at.shape}")
    if not (math.isfinite(half) and half > 0):
        raise MultivariableError(f"half must be a positive number; got {half!r}")
    if lines < 2 or points < 2:
        raise MultivariableError(f"lines and points must be ≥ 2; got {lines}, {points}")
    g = layer_function(A, b, activation)
    z = A @ at + np.asarray(b, dtype=float)
    J = layer_jacobian(A, b, at, activation=activation)
    across = np.linspace(-half, half, lines)
    along = np.linspace(-half, half, points)
    first = np.stack(np.broadcast_arrays(across[:, None], along[None, :]), axis=-1)
    grid = at + np.concatenate([first, first[..., ::-1]])  # lines of constant x₁, then x₂
    curved = g(grid.transpose(2, 0, 1)).transpose(1, 2, 0)
    linear = g(at) + (grid - at) @ J.T
    return Warp(grid, curved, linear, activation_slope(z, activation) == 0)


@dataclass(frozen=True)
class Backprop:
    """Two layers and a squared error, forward and back.

    Attributes
    ----------
    hidden : ndarray
        h = σ(Ax + b), the first layer's output.
    output : ndarray
        y = σ₂(Bh + c), the second layer's output.
    loss : float
        L = ½‖y − t‖².
    first, second : ndarray
        J₁ = ∂h/∂x and J₂ = ∂y/∂h, each diag(σ′)·(weights).
    delta : ndarray
        ∂L/∂h = J₂ᵀ(y − t): the error carried back through the second layer.
    grad : ndarray
        ∇ₓL = J₁ᵀ J₂ᵀ (y − t).
    """

    hidden: np.ndarray
    output: np.ndarray
    loss: float
    first: np.ndarray
    second: np.ndarray
    delta: np.ndarray
    grad: np.ndarray


def network_loss(
    A: ArrayLike,
    b: ArrayLike,
    *,
    B: ArrayLike,
    c: ArrayLike,
    target: ArrayLike,
    activation: str,
    second_activation: str = "sigmoid",
) -> Function:
    """The loss L(x) = ½‖σ₂(B·σ(Ax + b) + c) − t‖² as a function of the module's convention.

    Examples
    --------
    >>> plain = {"activation": "identity", "second_activation": "identity"}
    >>> L = network_loss(np.eye(2), [0, 0], B=np.eye(2), c=[0, 0], target=[1, 1], **plain)
    >>> float(L(np.array([1.0, 3.0])))
    2.0
    """
    first = layer_function(A, b, activation)
    second = layer_function(B, c, second_activation)
    t = np.asarray(target, dtype=float)
    if t.shape != np.shape(c):
        raise MultivariableError(
            f"target must have one entry per output of the second layer; got {t.tolist()}"
        )

    def loss(p: np.ndarray) -> np.ndarray:
        gap = second(first(p)) - t.reshape(t.shape + (1,) * (p.ndim - 1))
        return 0.5 * np.sum(gap**2, axis=0)

    return loss


def backprop(
    A: ArrayLike,
    b: ArrayLike,
    x: ArrayLike,
    *,
    B: ArrayLike,
    c: ArrayLike,
    target: ArrayLike,
    activation: str,
    second_activation: str = "sigmoid",
) -> Backprop:
    """Backpropagation through two layers: the gradient of a squared error by the chain rule.

    The first layer h = σ(Ax + b) feeds a second y = σ₂(Bh + c); the loss is
    L = ½‖y − t‖². Running the chain rule from the loss back to x multiplies the error
    y − t by each layer's Jacobian, transposed, in reverse order: ∇ₓL = J₁ᵀ J₂ᵀ (y − t).

    Parameters
    ----------
    A, b : array_like
        The first layer's weights (m × n) and bias (m).
    x : array_like
        The input, n entries.
    B, c : array_like
        The second layer's weights (k × m) and bias (k).
    target : array_like
        t, k entries.
    activation, second_activation : str
        σ and σ₂, each one of ``linear_algebra.ACTIVATIONS``.

    Returns
    -------
    Backprop
        The forward values, the loss and the gradients.

    Raises
    ------
    MultivariableError
        If a shape or an activation's name is wrong, or x is not finite.

    Examples
    --------
    >>> plain = {"activation": "identity", "second_activation": "identity"}
    >>> run = backprop(np.eye(2), [0, 0], [1.0, 3.0], B=np.eye(2), c=[0, 0], target=[1, 1], **plain)
    >>> run.output.tolist(), run.loss, run.grad.tolist()
    ([1.0, 3.0], 2.0, [0.0, 2.0])
    """
    x = _points("x", x)
    h = layer_function(A, b, activation)(x)
    y = layer_function(B, c, second_activation)(h)
    t = np.asarray(target, dtype=float)
    if t.shape != y.shape:
        raise MultivariableError(
            f"target must have one entry per output of the second layer; got {t.tolist()}"
        )
    first = layer_jacobian(A, b, x, activation=activation)
    second = layer_jacobian(B, c, h, activation=second_activation)
    error = y - t
    delta = second.T @ error
    grad = first.T @ delta
    return Backprop(h, y, float(0.5 * np.sum(error**2)), first, second, delta, grad)
