"""Linear algebra in the plane and a little beyond: norms, bases, maps, eigenvectors, SVD, PCA.

A vector is a 1-D array; ``points`` is a ``(k, n)`` array with one point per row; a matrix
``A`` acts on a point x as ``A @ x``. Math inputs come first, knobs keyword-only.

Norms
    ``p_norm``                   (Σ|xᵢ|ᵖ)^(1/p) for any p > 0 or inf; a norm only for p ≥ 1
    ``unit_ball``                the curve ‖x‖ₚ = 1, counter-clockwise from (1, 0)
    ``triangle_counterexample``  u, v with ‖u + v‖ₚ > ‖u‖ₚ + ‖v‖ₚ, for p < 1

Angles and projections
    ``inner_product``            u · v
    ``angle``                    the angle between u and v, in radians
    ``cosine_similarity``        the cosine of that angle
    ``is_orthogonal``            whether u and v are at right angles, up to rounding
    ``projection``               the projection of u onto the line through v
    ``normalize``                x / ‖x‖ₚ, the point of the unit ball in x's direction
    ``direction``                the unit vector at angle θ

Bases
    ``coordinates``              the coordinates of v in a basis (the columns of a matrix)
    ``is_orthonormal``           whether the columns of a matrix are orthonormal

Matrices as maps of the plane
    ``PRESETS``                  named 2×2 matrices: rotation, shear, scaling, reflection, …
    ``rotation``                 the matrix of the rotation by θ
    ``rotation_angle``           θ back from a rotation matrix
    ``determinant``              the signed factor by which A scales areas
    ``trace``                    the sum of the diagonal, which is the sum of the eigenvalues
    ``rank``                     how many dimensions A keeps, judged with ``RTOL``
    ``orientation``              whether A keeps, flips or collapses the plane
    ``transform``                A·x for every point x
    ``morph``                    (1 − t)·I + t·A, the map a fraction t of the way to A
    ``product``, ``commute``     B·A without rounding noise; whether AB = BA

Eigenvectors
    ``eigen``                    eigenvalues (largest |λ| first), unit eigenvectors and their
                                 kind, for 2×2 A; ``Eigen.dominant``, the eigenvector power
                                 iteration finds
    ``power_iteration``          the iterates A·v / ‖A·v‖ that find the dominant eigenvector
    ``line_angles``              the angle of each point to a line through the origin
    ``convergence``              how far the iterates are from the dominant eigenline, and
                                 the rate the eigenvalues predict

SVD and PCA
    ``svd_2x2``                  A = U·diag(S)·Vt: rotate, stretch, rotate (or reflect), with
                                 u₁ in the upper half-plane; ``SVD.path``, the angles of the
                                 turns, for a continuous morph
    ``pca``                      the principal components of a point cloud; its points
                                 rebuilt from the first k and the error that leaves
    ``variance_along``           the variance of a cloud along each direction θ
    ``axis_spread``              the variance along an axis w and across it (the residuals)
    ``identical_points``         whether a cloud has no spread at all, up to rounding
    ``correlated_cloud``         a reproducible cloud of correlated 2-D points

Layers
    ``layer``                    σ(A·x + b) for every point x
    ``layer_stages``             x, A·x, A·x + b and σ(A·x + b), and the share σ presses flat
    ``xor_classes``              two labelled classes in an XOR pattern: no line separates them
    ``linear_separation``        whether a straight line separates two classes, and one that does

Results with several parts are frozen dataclasses whose arrays are read-only. Bad input raises
``LinearAlgebraError`` (a ``ValueError``) naming the parameter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize

from mathviz import activations

Activation = Literal["sigmoid", "tanh", "relu", "identity"]
EigenKind = Literal["distinct real", "repeated, diagonalisable", "defective", "complex"]
Orientation = Literal["kept", "flipped", "collapsed"]

ACTIVATIONS: tuple[str, ...] = activations.ACTIVATIONS
EIGEN_KINDS: tuple[str, ...] = ("distinct real", "repeated, diagonalisable", "defective", "complex")
MAX_STEPS = 10_000
MAX_POINTS = 1_000_000
# Eigenvalues closer than EIGEN_RTOL times the largest entry of A count as repeated.
EIGEN_RTOL = 1e-6
RTOL = 1e-12
"""The one tolerance for "zero up to rounding", relative to the size of what is judged.

A matrix whose smallest singular value is at most ``RTOL`` times its largest is singular:
its columns are dependent (not a basis), it collapses the plane, and ``rank`` does not count
that direction. Being relative, it judges A and c·A alike for every c ≠ 0. The same
fraction of a product's scale is rounding noise in ``product`` and ``commute``, and of the
largest coordinate is no spread in ``identical_points``.
"""
# An entry of a unit vector within SIGN_TOL of 0 counts as 0 when choosing signs (u₁ on the
# x-axis points along +x), so rounding dust cannot flip a picture.
SIGN_TOL = 1e-12
# Two eigenvalues whose moduli differ by at most DOMINANCE_RTOL times the larger tie: neither
# dominates, so power iteration does not settle.
DOMINANCE_RTOL = 1e-9


class LinearAlgebraError(ValueError):
    """A linear algebra function was given input it cannot use; the message names the parameter."""


# ---------------------------------------------------------------- validation


def _array(name: str, x: ArrayLike) -> np.ndarray:
    try:
        array = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise LinearAlgebraError(f"{name} must be an array of numbers") from None
    if not np.all(np.isfinite(array)):
        raise LinearAlgebraError(f"{name} must contain only finite numbers")
    return array


def _vector(name: str, x: ArrayLike) -> np.ndarray:
    v = _array(name, x)
    if v.ndim != 1 or v.size == 0:
        raise LinearAlgebraError(f"{name} must be a non-empty 1-D vector; got shape {v.shape}")
    return v


def _matrix(name: str, A: ArrayLike, *, square: bool = False) -> np.ndarray:
    M = _array(name, A)
    if M.ndim != 2 or M.size == 0:
        raise LinearAlgebraError(f"{name} must be a non-empty 2-D matrix; got shape {M.shape}")
    if square and M.shape[0] != M.shape[1]:
        raise LinearAlgebraError(f"{name} must be a square matrix; got shape {M.shape}")
    return M


def _matrix_2x2(A: ArrayLike) -> np.ndarray:
    M = _array("A", A)
    if M.shape != (2, 2):
        raise LinearAlgebraError(f"A must be a 2×2 matrix; got shape {M.shape}")
    return M


def _points(points: ArrayLike, n: int) -> np.ndarray:
    xs = _array("points", points)
    if xs.ndim != 2 or xs.shape[1] != n:
        raise LinearAlgebraError(
            f"points must have shape (k, {n}), one point per row, to match A; got shape {xs.shape}"
        )
    return xs


def _pair(u: ArrayLike, v: ArrayLike, *, nonzero: str | None = None) -> tuple[np.ndarray, ...]:
    """The vectors u and v, of one length; with ``nonzero``, both non-zero (it says why)."""
    u, v = _vector("u", u), _vector("v", v)
    if u.shape != v.shape:
        raise LinearAlgebraError(f"u and v must have the same length; got {u.size} and {v.size}")
    if nonzero:
        for name, w in (("u", u), ("v", v)):
            _nonzero(name, w, nonzero)
    return u, v


def _nonzero(name: str, v: np.ndarray, why: str) -> None:
    if not np.any(v):
        raise LinearAlgebraError(f"{name} must be non-zero: {why}")


def _check_p(p: float) -> float:
    try:
        p = float(p)
    except (TypeError, ValueError):
        raise LinearAlgebraError(f"p must be a positive number or inf; got {p!r}") from None
    if not p > 0:  # also catches nan
        raise LinearAlgebraError(f"p must be positive (a number > 0, or inf); got p={p}")
    return p


def _check_count(name: str, n: int, low: int, high: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise LinearAlgebraError(f"{name} must be a whole number; got {n!r}")
    if not low <= n <= high:
        raise LinearAlgebraError(f"{name} must be between {low} and {high:,}; got {n}")


def _readonly(a: ArrayLike) -> np.ndarray:
    a = np.array(a)
    a.flags.writeable = False
    return a


def _unit(v: np.ndarray) -> np.ndarray:
    # Dividing by the largest entry first keeps the norm clear of overflow and underflow.
    v = v / np.max(np.abs(v))
    return v / np.sqrt(v @ v)


def _fix_signs(rows: np.ndarray) -> np.ndarray:
    # Flip each row so that its largest-magnitude entry (the first of equals) is positive.
    picked = rows[np.arange(len(rows)), np.argmax(np.abs(rows), axis=1)]
    return rows * np.where(picked < 0, -1.0, 1.0)[:, None]


# ---------------------------------------------------------------- norms


def p_norm(x: ArrayLike, p: float) -> float | np.ndarray:
    """The p-norm (Σ|xᵢ|ᵖ)^(1/p) of x, or max |xᵢ| for p = inf.

    For p ≥ 1 this is a norm. For 0 < p < 1 the same formula is *not* a norm: it breaks the
    triangle inequality (see ``triangle_counterexample``) and its unit ball is not convex.

    Parameters
    ----------
    x : array_like
        A vector, or a stack of vectors along the last axis (shape ``(..., n)``).
    p : float
        Any number > 0, or ``np.inf``.

    Returns
    -------
    float or ndarray
        A float for a vector; an array of shape ``(...)`` for a stack.

    Examples
    --------
    >>> p_norm([3, -4], 2), p_norm([3, -4], 1), p_norm([3, -4], np.inf)
    (5.0, 7.0, 4.0)
    >>> p_norm([[1, 1], [3, 4]], 2).round(4)
    array([1.4142, 5.    ])
    >>> p_norm([1, 1], 0.5)  # (√1 + √1)² = 4 > ‖(1, 0)‖ + ‖(0, 1)‖ = 2: not a norm
    4.0
    >>> p_norm([1, 1], 0)
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: p must be positive (a number > 0, or inf); got p=0.0
    """
    p = _check_p(p)
    magnitudes = np.abs(_array("x", x))
    if magnitudes.ndim == 0 or magnitudes.shape[-1] == 0:
        raise LinearAlgebraError(
            f"x must be a vector (or vectors along the last axis); got shape {magnitudes.shape}"
        )
    biggest = magnitudes.max(axis=-1)
    if p == np.inf:
        result = biggest
    else:
        # Scaling by the largest entry keeps xᵢᵖ clear of overflow and underflow.
        scale = np.where(biggest > 0, biggest, 1.0)[..., None]
        with np.errstate(over="ignore"):  # tiny p: the true value may exceed the float range
            result = biggest * np.sum((magnitudes / scale) ** p, axis=-1) ** (1 / p)
    return float(result) if magnitudes.ndim == 1 else result


def unit_ball(p: float, n: int = 400) -> np.ndarray:
    """Points on the curve ‖x‖ₚ = 1 (the edge of the unit ball), for drawing.

    Direction θ is scaled to p-norm 1: the point is ``(cos θ, sin θ) / ‖(cos θ, sin θ)‖ₚ``,
    for n angles θ evenly spaced over [0, 2π). p = 2 gives the circle, p = 1 the diamond,
    p = inf the square, and p < 1 a star whose arms are the axes.

    Parameters
    ----------
    p : float
        Any number > 0, or ``np.inf``.
    n : int
        Number of points, from 8 to 1,000,000.

    Returns
    -------
    ndarray
        Shape ``(n, 2)``, counter-clockwise from (1, 0). The first point is not repeated at
        the end: append it to draw a closed curve.

    Examples
    --------
    >>> unit_ball(np.inf, n=8).round(3)
    array([[ 1.,  0.],
           [ 1.,  1.],
           [ 0.,  1.],
           [-1.,  1.],
           [-1.,  0.],
           [-1., -1.],
           [-0., -1.],
           [ 1., -1.]])
    >>> unit_ball(2, n=4)
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: n must be between 8 and 1,000,000; got 4
    """
    p = _check_p(p)
    _check_count("n", n, 8, MAX_POINTS)
    thetas = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    directions = np.column_stack([np.cos(thetas), np.sin(thetas)])
    return directions / np.asarray(p_norm(directions, p))[:, None]  # (n,) norms: an array


@dataclass(frozen=True, eq=False)
class TriangleCounterexample:
    """Two vectors whose sum is longer than their lengths added: ‖u + v‖ₚ > ‖u‖ₚ + ‖v‖ₚ."""

    u: np.ndarray
    v: np.ndarray
    norm_u: float
    norm_v: float
    norm_sum: float

    @property
    def excess(self) -> float:
        """How far the triangle inequality fails: ‖u + v‖ₚ − (‖u‖ₚ + ‖v‖ₚ) > 0."""
        return self.norm_sum - (self.norm_u + self.norm_v)


def triangle_counterexample(p: float) -> TriangleCounterexample:
    """Show that the p-"norm" with p < 1 breaks the triangle inequality.

    With u = (1, 0) and v = (0, 1): ‖u‖ₚ = ‖v‖ₚ = 1 but ‖u + v‖ₚ = 2^(1/p) > 2.

    Parameters
    ----------
    p : float
        A number with 0 < p < 1.

    Returns
    -------
    TriangleCounterexample
        u, v and the norms ``norm_u``, ``norm_v`` and ``norm_sum`` = ‖u + v‖ₚ.

    Examples
    --------
    >>> c = triangle_counterexample(0.5)
    >>> c.norm_u, c.norm_v, c.norm_sum, c.excess
    (1.0, 1.0, 4.0, 2.0)
    >>> triangle_counterexample(2)
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: p must be less than 1: for p ≥ 1 the triangle
    inequality holds; got p=2.0
    """
    p = _check_p(p)
    if p >= 1:
        raise LinearAlgebraError(
            f"p must be less than 1: for p ≥ 1 the triangle inequality holds; got p={p}"
        )
    u, v = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    return TriangleCounterexample(
        _readonly(u),
        _readonly(v),
        float(p_norm(u, p)),
        float(p_norm(v, p)),
        float(p_norm(u + v, p)),
    )


# ---------------------------------------------------------------- angles and projections


def inner_product(u: ArrayLike, v: ArrayLike) -> float:
    """The inner (dot) product u · v = Σ uᵢvᵢ.

    Parameters
    ----------
    u, v : array_like
        Vectors of the same length.

    Returns
    -------
    float
        u · v; it is zero exactly when u and v are orthogonal.

    Examples
    --------
    >>> inner_product([1, 2], [3, 4])
    11.0
    >>> inner_product([1, 2], [3, 4, 5])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: u and v must have the same length; got 2 and 3
    """
    u, v = _pair(u, v)
    return float(u @ v)


def angle(u: ArrayLike, v: ArrayLike) -> float:
    """The angle between u and v, in radians, from 0 (same direction) to π (opposite).

    Computed as 2·atan2(‖û − v̂‖, ‖û + v̂‖) for the unit vectors û, v̂, which stays accurate
    for nearly parallel vectors where arccos of the cosine would lose half the digits.

    Parameters
    ----------
    u, v : array_like
        Non-zero vectors of the same length.

    Returns
    -------
    float
        The angle in [0, π].

    Examples
    --------
    >>> round(angle([1, 0], [1, 1]) / np.pi, 12)
    0.25
    >>> angle([1, 0], [0, 0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: v must be non-zero: the angle with a zero vector
    is undefined
    """
    u, v = _pair(u, v, nonzero="the angle with a zero vector is undefined")
    u, v = _unit(u), _unit(v)
    return float(2 * np.arctan2(np.linalg.norm(u - v), np.linalg.norm(u + v)))


def cosine_similarity(u: ArrayLike, v: ArrayLike) -> float:
    """The cosine of the angle between u and v: u · v / (‖u‖ ‖v‖).

    Parameters
    ----------
    u, v : array_like
        Non-zero vectors of the same length.

    Returns
    -------
    float
        A number in [−1, 1]: 1 for the same direction, 0 for orthogonal, −1 for opposite.

    Examples
    --------
    >>> cosine_similarity([1, 0], [3, 0]), cosine_similarity([1, 0], [0, 2])
    (1.0, 0.0)
    >>> cosine_similarity([0, 0], [1, 0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: u must be non-zero: cosine similarity with a zero
    vector is undefined
    """
    u, v = _pair(u, v, nonzero="cosine similarity with a zero vector is undefined")
    # Scale each by its largest entry, then divide once: (2, 1)·(−1, 2) gives exactly 0.
    us, vs = u / np.abs(u).max(), v / np.abs(v).max()
    return float(np.clip((us @ vs) / (np.linalg.norm(us) * np.linalg.norm(vs)), -1.0, 1.0))


def projection(u: ArrayLike, v: ArrayLike) -> np.ndarray:
    """The orthogonal projection of u onto the line through v: (u · v / v · v) v.

    Parameters
    ----------
    u : array_like
        The vector to project.
    v : array_like
        A non-zero vector of the same length, giving the direction.

    Returns
    -------
    ndarray
        The point of the line closest to u; ``u - projection(u, v)`` is orthogonal to v.

    Examples
    --------
    >>> projection([2, 3], [1, 0])
    array([2., 0.])
    >>> projection([2, 3], [0, 0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: v must be non-zero: there is no line to project
    onto
    """
    u, v = _pair(u, v)
    _nonzero("v", v, "there is no line to project onto")
    w = _unit(v)
    return (u @ w) * w


def is_orthogonal(u: ArrayLike, v: ArrayLike, *, atol: float = 1e-9) -> bool:
    """Whether u and v are at right angles: the cosine of their angle is within ``atol`` of 0.

    Parameters
    ----------
    u, v : array_like
        Non-zero vectors of the same length.
    atol : float
        How far the cosine similarity may be from 0; the test ignores the vectors' lengths.

    Returns
    -------
    bool
        True when |cos θ| < atol.

    Examples
    --------
    >>> is_orthogonal([2, 1], [-1, 2]), is_orthogonal([2, 1], [-1, 2.1])
    (True, False)
    >>> is_orthogonal([2, 1], [0, 0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: v must be non-zero: the angle with a zero vector
    is undefined
    """
    if not atol >= 0:
        raise LinearAlgebraError(f"atol must be non-negative; got {atol}")
    return abs(math.cos(angle(u, v))) < atol


def normalize(x: ArrayLike, p: float = 2.0) -> np.ndarray:
    """The vector x scaled to p-norm 1: where the ray through x meets the unit ball's edge.

    Parameters
    ----------
    x : array_like
        A non-zero vector.
    p : float
        Any number > 0, or ``np.inf``; the usual length for 2.

    Returns
    -------
    ndarray
        x / ‖x‖ₚ.

    Examples
    --------
    >>> normalize([3, 4]), normalize([3, 4], np.inf)
    (array([0.6, 0.8]), array([0.75, 1.  ]))
    >>> normalize([0, 0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: x must be non-zero: a zero vector has no
    direction
    """
    x = _vector("x", x)
    _nonzero("x", x, "a zero vector has no direction")
    return x / p_norm(x, p)


def direction(theta: float) -> np.ndarray:
    """The unit vector (cos θ, sin θ) at angle θ counter-clockwise from the x-axis.

    Parameters
    ----------
    theta : float
        The angle in radians.

    Returns
    -------
    ndarray
        Shape ``(2,)``.

    Examples
    --------
    >>> direction(0.0), direction(np.pi).round(12)
    (array([1., 0.]), array([-1.,  0.]))
    """
    return np.array([math.cos(theta), math.sin(theta)])


# ---------------------------------------------------------------- bases


def coordinates(v: ArrayLike, basis: ArrayLike) -> np.ndarray:
    """The coordinates c of v in a basis: the numbers with ``basis @ c == v``.

    Parameters
    ----------
    v : array_like
        A vector of length n.
    basis : array_like
        An n × n matrix whose columns are the basis vectors.

    Returns
    -------
    ndarray
        c, so that v = c₁·(column 1) + … + cₙ·(column n).

    Raises
    ------
    LinearAlgebraError
        When a column is zero or the columns are linearly dependent (``rank`` below n, judged
        with ``RTOL``), so they are not a basis; or when the coordinates are too large for
        floating-point numbers (basis vectors tiny next to v).

    Examples
    --------
    >>> coordinates([3, 1], [[1, 1], [0, 1]])
    array([2., 1.])
    >>> coordinates([3, 1], [[1, 2], [2, 4]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: the columns of basis are linearly dependent (or
    nearly so), so they are not a basis
    """
    v = _vector("v", v)
    B = _matrix("basis", basis, square=True)
    if B.shape[0] != v.size:
        raise LinearAlgebraError(
            f"v must have one entry per row of basis; got {v.size} entries and shape {B.shape}"
        )
    zero = np.flatnonzero(~np.any(B, axis=0))
    if zero.size:
        raise LinearAlgebraError(
            f"column {zero[0]} of basis (counting from 0) is zero, so the columns are not a basis"
        )
    if rank(B) < B.shape[0]:
        raise LinearAlgebraError(
            "the columns of basis are linearly dependent (or nearly so), so they are not a basis"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        c = np.linalg.solve(B, v)
    if not np.all(np.isfinite(c)):
        raise LinearAlgebraError(
            "the coordinates of v are too large for floating-point numbers: the basis vectors "
            "are tiny next to v"
        )
    return c


def is_orthonormal(basis: ArrayLike, *, atol: float = 1e-9) -> bool:
    """Whether the columns of ``basis`` are unit vectors at right angles to each other.

    Parameters
    ----------
    basis : array_like
        An n × k matrix whose columns are the vectors.
    atol : float
        How far each entry of basisᵀ·basis may be from the identity matrix.

    Returns
    -------
    bool
        True when basisᵀ·basis = I to within ``atol``.

    Examples
    --------
    >>> is_orthonormal(rotation(0.3)), is_orthonormal([[1, 1], [0, 1]])
    (True, False)
    """
    B = _matrix("basis", basis)
    if not atol >= 0:
        raise LinearAlgebraError(f"atol must be non-negative; got {atol}")
    return bool(np.allclose(B.T @ B, np.eye(B.shape[1]), rtol=0.0, atol=atol))


# ---------------------------------------------------------------- matrices as maps


def rotation(theta: float) -> np.ndarray:
    """The matrix of the counter-clockwise rotation of the plane by ``theta`` radians.

    Parameters
    ----------
    theta : float
        The angle in radians.

    Returns
    -------
    ndarray
        ``[[cos θ, −sin θ], [sin θ, cos θ]]``.

    Examples
    --------
    >>> rotation(np.pi / 2).round(12)
    array([[ 0., -1.],
           [ 1.,  0.]])
    """
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def rotation_angle(R: ArrayLike, *, atol: float = 1e-9) -> float:
    """The angle θ of a 2×2 rotation matrix R, the inverse of ``rotation``.

    Parameters
    ----------
    R : array_like
        A 2×2 orthogonal matrix with determinant 1.
    atol : float
        How far Rᵀ·R may be from the identity, entry by entry.

    Returns
    -------
    float
        θ in [−π, π].

    Examples
    --------
    >>> round(rotation_angle(rotation(2.0)), 12)
    2.0
    >>> rotation_angle([[1, 0], [0, -1]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: R must be a rotation (orthogonal with determinant
    1); got determinant -1
    """
    R = _array("R", R)
    if R.shape != (2, 2):
        raise LinearAlgebraError(f"R must be a 2×2 matrix; got shape {R.shape}")
    if not is_orthonormal(R, atol=atol) or determinant(R) < 0:
        raise LinearAlgebraError(
            "R must be a rotation (orthogonal with determinant 1); "
            f"got determinant {determinant(R):.6g}"
        )
    return float(np.arctan2(R[1, 0], R[0, 0]))


def determinant(A: ArrayLike) -> float:
    """The determinant of a square matrix: the signed factor by which A scales areas.

    A 2×2 matrix uses ad − bc, which is exact for small integer entries.

    Parameters
    ----------
    A : array_like
        A square matrix.

    Returns
    -------
    float
        Negative when A flips orientation, zero when it squashes the plane onto a line.

    Examples
    --------
    >>> determinant([[2, 0], [0, 3]]), determinant([[1, 2], [2, 4]])
    (6.0, 0.0)
    >>> determinant([[1, 2, 3]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must be a square matrix; got shape (1, 3)
    """
    A = _matrix("A", A, square=True)
    if A.shape == (2, 2):
        return float(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])
    return float(np.linalg.det(A))


def transform(points: ArrayLike, A: ArrayLike) -> np.ndarray:
    """Apply A to every point: row i of the result is A·(row i of points).

    Parameters
    ----------
    points : array_like
        Shape ``(k, n)``, one point per row.
    A : array_like
        An m × n matrix.

    Returns
    -------
    ndarray
        Shape ``(k, m)``.

    Examples
    --------
    >>> transform([[1, 0], [0, 1], [1, 1]], [[1, 1], [0, 1]])  # a shear
    array([[1., 0.],
           [1., 1.],
           [2., 1.]])
    >>> transform([1, 0], np.eye(2))
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: points must have shape (k, 2), one point per row,
    to match A; got shape (2,)
    """
    A = _matrix("A", A)
    return _points(points, A.shape[1]) @ A.T


def morph(A: ArrayLike, t: float) -> np.ndarray:
    """The matrix (1 − t)·I + t·A: the map a fraction t of the way from doing nothing to A.

    As t runs from 0 to 1 it carries the plane from where it is to where A sends it, every
    grid line staying straight and parallel on the way (each point moves on a straight
    line). Its determinant may pass through 0 on the way, where A flips the plane.

    Parameters
    ----------
    A : array_like
        A square matrix.
    t : float
        The fraction of the way, from 0 to 1.

    Returns
    -------
    ndarray
        The matrix, the shape of A.

    Examples
    --------
    >>> morph([[1, 0], [0, -1]], 0.5)  # halfway to a reflection: the plane is flat
    array([[1., 0.],
           [0., 0.]])
    >>> morph(np.eye(2), 1.5)
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: t must be between 0 and 1; got 1.5
    """
    M = _matrix("A", A, square=True)
    if not 0 <= t <= 1:
        raise LinearAlgebraError(f"t must be between 0 and 1; got {t}")
    return (1 - t) * np.eye(len(M)) + t * M


def trace(A: ArrayLike) -> float:
    """The trace of a square matrix: the sum of its diagonal, and of its eigenvalues.

    Parameters
    ----------
    A : array_like
        A square matrix.

    Returns
    -------
    float
        A₁₁ + A₂₂ + ….

    Examples
    --------
    >>> trace([[2, 1], [1, 3]])
    5.0
    >>> trace([[1, 2]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must be a square matrix; got shape (1, 2)
    """
    return float(np.trace(_matrix("A", A, square=True)))


def _singular_values(A: np.ndarray) -> np.ndarray:
    """The singular values of A divided by its largest entry, descending; none for A = 0.

    Dividing first keeps tiny and huge matrices clear of underflow and overflow, so A and
    c·A give the same values. For a 2×2 matrix σ₂ is at most |det|/σ₁, which is exact for a
    singular matrix of small numbers, where the SVD leaves rounding noise.
    """
    scale = float(np.max(np.abs(A)))
    if scale == 0:
        return np.zeros(0)
    An = A / scale
    s = np.linalg.svd(An, compute_uv=False)
    if An.shape == (2, 2):
        s[1] = min(s[1], abs(determinant(An)) / s[0])
    return s


def rank(A: ArrayLike) -> int:
    """How many independent columns A has: the dimension of everything A·x can reach.

    A singular value counts when it is more than ``RTOL`` times the largest, so the rank
    does not change when A is multiplied by any number other than 0.

    Parameters
    ----------
    A : array_like
        A matrix (2-D, non-empty) of finite numbers.

    Returns
    -------
    int
        From 0 (the zero matrix) to the smaller of A's two sizes.

    Examples
    --------
    >>> rank([[1, 2], [3, 4]]), rank([[1, 2], [2, 4]]), rank(np.zeros((2, 2)))
    (2, 1, 0)
    >>> rank([[1, 0], [0, 1e-13]]), rank(1e-200 * np.eye(2))
    (1, 2)
    >>> rank([1, 2])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must be a non-empty 2-D matrix; got shape (2,)
    """
    s = _singular_values(_matrix("A", A))
    return int(np.count_nonzero(s > RTOL * s[0])) if s.size else 0


def orientation(A: ArrayLike) -> Orientation:
    """What the square matrix A does to orientation: keeps it, flips it, or collapses space.

    A is "collapsed" when it is singular (``rank`` below its size, judged with ``RTOL``);
    otherwise the sign of its determinant decides: "kept" when positive (a rotation, a
    stretch), "flipped" when negative (a mirror image).

    Parameters
    ----------
    A : array_like
        A square matrix of finite numbers.

    Returns
    -------
    {"kept", "flipped", "collapsed"}

    Examples
    --------
    >>> orientation(rotation(0.5)), orientation([[1, 0], [0, -1]]), orientation([[1, 2], [2, 4]])
    ('kept', 'flipped', 'collapsed')
    >>> orientation([[1, 2, 3]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must be a square matrix; got shape (1, 3)
    """
    A = _matrix("A", A, square=True)
    if rank(A) < A.shape[0]:
        return "collapsed"
    # The sign of the determinant of A over its largest entry: no underflow for tiny A.
    return "kept" if determinant(A / np.max(np.abs(A))) > 0 else "flipped"


def product(B: ArrayLike, A: ArrayLike) -> np.ndarray:
    """The matrix product B·A, the map "A, then B", with its rounding noise set to 0.

    An entry within ``RTOL`` of max|B|·max|A| (the size an entry of the product can reach
    through its terms) is rounding noise, such as the 1e-17 of cos 90°, and becomes 0.

    Parameters
    ----------
    B : array_like
        An m × k matrix, applied second.
    A : array_like
        A k × n matrix, applied first.

    Returns
    -------
    ndarray
        The m × n matrix B·A.

    Examples
    --------
    >>> product([[0, -1], [1, 0]], [[1, 1], [0, 1]])
    array([[ 0., -1.],
           [ 1.,  1.]])
    >>> float(product(rotation(np.pi / 2), np.eye(2))[0, 0])  # cos 90° is 6e-17 in floats
    0.0
    >>> product([[1, 2]], [[1, 2]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must have as many rows as B has columns; got
    shapes (1, 2) and (1, 2)
    """
    B, A = _matrix("B", B), _matrix("A", A)
    if B.shape[1] != A.shape[0]:
        raise LinearAlgebraError(
            f"A must have as many rows as B has columns; got shapes {B.shape} and {A.shape}"
        )
    scale = float(np.abs(B).max()) * float(np.abs(A).max())
    BA = B @ A
    return np.where(np.abs(BA) <= RTOL * scale, 0.0, BA)


def commute(A: ArrayLike, B: ArrayLike) -> bool:
    """Whether A·B = B·A, so that the order of the two maps does not matter.

    Both products are taken by ``product`` (rounding noise set to 0) and compared entry by
    entry, within ``RTOL`` times max|A|·max|B|.

    Parameters
    ----------
    A, B : array_like
        Square matrices of the same size.

    Returns
    -------
    bool

    Examples
    --------
    >>> commute(rotation(np.pi / 6), rotation(np.pi / 3))
    True
    >>> commute([[1, 1], [0, 1]], [[0, -1], [1, 0]])  # a shear and a quarter turn
    False
    >>> commute(np.eye(2), np.eye(3))
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A and B must be square matrices of one size; got
    shapes (2, 2) and (3, 3)
    """
    A, B = _matrix("A", A, square=True), _matrix("B", B, square=True)
    if A.shape != B.shape:
        raise LinearAlgebraError(
            f"A and B must be square matrices of one size; got shapes {A.shape} and {B.shape}"
        )
    scale = float(np.abs(A).max()) * float(np.abs(B).max())
    gap = float(np.abs(product(A, B) - product(B, A)).max())
    return gap <= RTOL * scale


_PRESET_MATRICES: dict[str, ArrayLike] = {
    "identity": np.eye(2),
    "rotation": rotation(np.pi / 6),
    "shear": [[1.0, 1.0], [0.0, 1.0]],
    "scaling": [[2.0, 0.0], [0.0, 1.0]],
    "reflection": [[1.0, 0.0], [0.0, -1.0]],
    "projection": [[1.0, 0.0], [0.0, 0.0]],
    "zero": np.zeros((2, 2)),
}
PRESETS: dict[str, np.ndarray] = {
    name: _readonly(matrix) for name, matrix in _PRESET_MATRICES.items()
}
"""Named 2×2 matrices, one for each way a matrix can move the plane (rotation is by 30°)."""


# ---------------------------------------------------------------- eigenvectors


@dataclass(frozen=True, eq=False)
class Eigen:
    """The eigenvalues and unit eigenvectors of a 2×2 matrix, and what kind they are.

    ``values`` is complex even when the eigenvalues are real. Column i of ``vectors`` goes with
    ``values[i]``. ``kind`` is one of ``EIGEN_KINDS``:

    - "distinct real": two real eigenvalues, the larger in modulus first (of λ and −λ, the
      positive one), each with its own direction;
    - "repeated, diagonalisable": one eigenvalue λ and A = λI, so every vector is an
      eigenvector (``vectors`` is then the identity);
    - "defective": one eigenvalue with a single direction (a shear); both columns of
      ``vectors`` are that direction;
    - "complex": a conjugate pair, positive imaginary part first; no real direction is kept
      (a rotation), and ``vectors`` holds the complex eigenvectors.

    Each eigenvector is scaled so that its largest-magnitude entry is real and positive.
    ``tied`` and ``dominant`` say whether power iteration has an eigenvector to find.
    """

    values: np.ndarray
    vectors: np.ndarray
    kind: EigenKind

    @property
    def tied(self) -> bool:
        """Two distinct real eigenvalues of one modulus, λ and −λ (within ``DOMINANCE_RTOL``)."""
        moduli = np.abs(self.values)
        return self.kind == "distinct real" and bool(
            abs(moduli[0] - moduli[1]) <= DOMINANCE_RTOL * moduli.max()
        )

    @property
    def dominant(self) -> np.ndarray | None:
        """The real unit eigenvector whose eigenvalue is strictly largest in modulus, or None.

        Power iteration heads for its line from almost every start. There is none when the
        eigenvalues are complex, tied (``tied``), or one eigenvalue with every direction its
        eigenvector (λI); a defective matrix's single eigenline counts as dominant.
        """
        if self.kind in {"complex", "repeated, diagonalisable"} or self.tied:
            return None
        return self.vectors[:, int(np.argmax(np.abs(self.values)))].real


def eigen(A: ArrayLike) -> Eigen:
    """The eigenvalues and eigenvectors of a real 2×2 matrix, and their kind.

    The kind is decided from the discriminant (a − d)² + 4bc = tr² − 4·det of the
    characteristic polynomial, with tolerances relative to the largest entry s of A:
    eigenvalues less than ``EIGEN_RTOL``·s apart are repeated, and a repeated eigenvalue λ is
    diagonalisable when every entry of A − λI is within ``EIGEN_RTOL``·s of zero. The pairs
    come from closed forms, which stay accurate where ``numpy.linalg.eig`` can fail on
    entries of wildly different sizes.

    Parameters
    ----------
    A : array_like
        A 2×2 matrix of finite numbers.

    Returns
    -------
    Eigen
        ``values``, ``vectors`` (unit columns) and ``kind``.

    Examples
    --------
    >>> e = eigen([[2, 0], [0, 1]])
    >>> e.kind, e.values.real.tolist()
    ('distinct real', [2.0, 1.0])
    >>> eigen([[-3, 0], [0, 1]]).values.real.tolist()  # largest |λ| first: it dominates
    [-3.0, 1.0]
    >>> eigen([[1, 1], [0, 1]]).kind, eigen(rotation(0.5)).kind, eigen(np.zeros((2, 2))).kind
    ('defective', 'complex', 'repeated, diagonalisable')
    >>> eigen(np.eye(3))
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must be a 2×2 matrix; got shape (3, 3)
    """
    A = _matrix_2x2(A)
    scale = float(np.max(np.abs(A)))
    An = A / scale if scale > 0 else A  # largest entry 1: nothing below overflows
    (a, b), (c, d) = An
    tr, det, disc = a + d, a * d - b * c, (a - d) ** 2 + 4 * b * c
    if abs(disc) <= EIGEN_RTOL**2:
        lams = np.array([tr / 2, tr / 2])
        if np.max(np.abs(An - lams[0] * np.eye(2))) <= EIGEN_RTOL:
            return _eigen(scale * lams, np.eye(2), "repeated, diagonalisable")
        v = _eigenvector(An, lams[0])
        return _eigen(scale * lams, np.column_stack([v, v]), "defective")
    if disc < 0:
        lams = tr / 2 + np.array([1j, -1j]) * np.sqrt(-disc) / 2
        kind: EigenKind = "complex"
    else:
        q = (tr + np.copysign(np.sqrt(disc), tr)) / 2  # the larger root, without cancellation
        lams = _by_size(np.array([q, det / q]))
        kind = "distinct real"
    vectors = np.column_stack([_eigenvector(An, lam) for lam in lams])
    return _eigen(scale * lams, vectors, kind)


def _by_size(lams: np.ndarray) -> np.ndarray:
    """Real eigenvalues by decreasing modulus, the one power iteration finds first.

    Of two with one modulus (λ and −λ) the positive comes first.
    """
    return np.array(sorted(lams, key=lambda lam: (-abs(lam), -lam)))


def _eigen(values: np.ndarray, vectors: np.ndarray, kind: EigenKind) -> Eigen:
    return Eigen(_readonly(values.astype(complex)), _readonly(vectors), kind)


def _eigenvector(An: np.ndarray, lam: complex) -> np.ndarray:
    # A − λI is singular, so a vector at right angles to its larger row spans its null space.
    M = An - lam * np.eye(2)
    row = M[np.argmax(np.abs(M).max(axis=1))]
    v = np.array([-row[1], row[0]])
    v = v / np.linalg.norm(v)
    big = v[np.argmax(np.abs(v))]
    return v * (abs(big) / big)  # largest entry real and positive


def power_iteration(A: ArrayLike, v0: ArrayLike, steps: int) -> np.ndarray:
    """The iterates of power iteration: v ← A·v / ‖A·v‖, starting from v0.

    When one eigenvalue of A is strictly largest in modulus and v0 has a component along its
    eigenvector, the iterates converge to that dominant eigenvector, the faster the smaller
    |λ₂| / |λ₁| is. If the dominant eigenvalue is negative the sign flips at every step, so
    it is the line through the iterates that converges. With no strictly dominant eigenvalue
    (a rotation) the iterates need not settle at all.

    Parameters
    ----------
    A : array_like
        A square n × n matrix.
    v0 : array_like
        A non-zero starting vector of length n.
    steps : int
        Number of multiplications by A, from 0 to 10,000.

    Returns
    -------
    ndarray
        Shape ``(steps + 1, n)``: row 0 is v0 normalised, row i the i-th iterate (unit length).

    Raises
    ------
    LinearAlgebraError
        When A·v vanishes, that is falls below rounding error relative to the largest entry of
        A (a nilpotent A sends some vectors to zero): there is no direction left to normalise.

    Examples
    --------
    >>> power_iteration([[2, 0], [0, 1]], [1, 1], 40)[-1].round(6)
    array([1., 0.])
    >>> power_iteration([[0, 1], [0, 0]], [0, 1], 2)
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A sends this vector to zero at step 2: the iterate
    vanished, so there is no direction to follow
    """
    A = _matrix("A", A, square=True)
    v = _vector("v0", v0)
    if v.size != A.shape[0]:
        raise LinearAlgebraError(f"v0 must have {A.shape[0]} entries to match A; got {v.size}")
    _nonzero("v0", v, "a zero vector has no direction")
    _check_count("steps", steps, 0, MAX_STEPS)
    scale = np.max(np.abs(A))
    B = A / scale if scale > 0 else A  # same directions, no overflow
    iterates = np.empty((steps + 1, v.size))
    iterates[0] = _unit(v)
    for i in range(1, steps + 1):
        w = B @ iterates[i - 1]
        if np.max(np.abs(w)) <= 4 * np.finfo(float).eps:  # zero up to rounding
            raise LinearAlgebraError(
                f"A sends this vector to zero at step {i}: the iterate vanished, so there is no "
                "direction to follow"
            )
        iterates[i] = _unit(w)
    return iterates


def line_angles(points: ArrayLike, direction: ArrayLike) -> np.ndarray:
    """The angle between each point and the line through the origin along ``direction``.

    An angle to a line, not to a vector: a point and its negative are equally far from it.

    Parameters
    ----------
    points : array_like
        Shape ``(k, 2)``, one point per row.
    direction : array_like
        A non-zero vector of length 2 along the line.

    Returns
    -------
    ndarray
        Shape ``(k,)``: angles in radians, from 0 (on the line) to π/2 (at right angles);
        0 for a point at the origin.

    Examples
    --------
    >>> np.degrees(line_angles([[1, 0], [0, 1], [-1, -1], [1, -1]], [1, 1])).round(9)
    array([45., 45.,  0., 90.])
    >>> line_angles([[1, 0]], [0, 0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: direction must be non-zero: there is no line
    """
    d = _vector("direction", direction)
    if d.size != 2:
        raise LinearAlgebraError(f"direction must have 2 entries; got {d.size}")
    _nonzero("direction", d, "there is no line")
    vs = _points(points, 2)
    length = np.linalg.norm(d)
    cos = np.abs(vs @ d) / length
    sin = np.abs(vs[:, 0] * d[1] - vs[:, 1] * d[0]) / length
    return np.arctan2(sin, cos)


@dataclass(frozen=True, eq=False)
class Convergence:
    """How power iteration approaches the dominant eigenline, from ``convergence``.

    ``angles`` holds the angle (radians) of each iterate to the line; ``predicted`` the
    angles the eigenvalues predict, arctan(tan(angle₀)·(|λ₂|/|λ₁|)ᵏ), or None where that
    formula is not exact (eigenvectors not at right angles, or a start on either line).
    """

    angles: np.ndarray
    predicted: np.ndarray | None


def convergence(A: ArrayLike, iterates: ArrayLike) -> Convergence | None:
    """How far each power-iteration iterate of A is from the dominant eigenline.

    Parameters
    ----------
    A : array_like
        The 2×2 matrix that was iterated.
    iterates : array_like
        Shape ``(k + 1, 2)``: the rows ``power_iteration`` returns.

    Returns
    -------
    Convergence or None
        ``angles`` and ``predicted``; None when no eigenvalue dominates (``Eigen.dominant``),
        so there is no line to converge to.

    Examples
    --------
    >>> run = convergence([[2, 1], [1, 2]], power_iteration([[2, 1], [1, 2]], [1, 0], 3))
    >>> np.degrees(run.angles).round(4), np.degrees(run.predicted).round(4)
    (array([45.    , 18.4349,  6.3402,  2.1211]), array([45.    , 18.4349,  6.3402,  2.1211]))
    >>> convergence(rotation(0.5), [[1, 0]]) is None  # a rotation keeps no line
    True
    """
    e = eigen(A)
    dominant = e.dominant
    if dominant is None:
        return None
    angles = line_angles(iterates, dominant)
    first, second = e.vectors.real.T
    if e.kind == "distinct real" and 0 < angles[0] < math.pi / 2 and abs(first @ second) < 1e-9:
        low, high = np.sort(np.abs(e.values))
        ks = np.arange(len(angles))
        # For orthogonal eigenvectors tan(angleₖ) = tan(angle₀)·(|λ₂|/|λ₁|)ᵏ exactly.
        return Convergence(
            _readonly(angles), _readonly(np.arctan(math.tan(angles[0]) * (low / high) ** ks))
        )
    return Convergence(_readonly(angles), None)


# ---------------------------------------------------------------- SVD and PCA


@dataclass(frozen=True, eq=False)
class SVD:
    """A = U·diag(S)·Vt: rotate by Vt, stretch the axes by S, rotate (or reflect) by U.

    ``Vt`` is always a rotation (determinant 1); ``U`` is a rotation when det A ≥ 0 and a
    reflection when A flips orientation (det A < 0). ``S`` is descending and non-negative,
    and σ₂ = 0 exactly when det A = 0.
    """

    U: np.ndarray
    S: np.ndarray
    Vt: np.ndarray

    def reconstruct(self) -> np.ndarray:
        """The matrix U·diag(S)·Vt, which is A up to rounding."""
        return self.U @ np.diag(self.S) @ self.Vt

    @property
    def sigma(self) -> np.ndarray:
        """Σ = diag(S), the stretch along the axes."""
        return np.diag(self.S)

    def path(self) -> SVDPath:
        """The angles of the two turns, so A can be reached continuously from I.

        Vt is the rotation by ``turn_in``; U is the rotation by ``turn_out``, after a mirror
        in the x-axis when ``mirror`` (U a reflection). So x → A·x is: turn by ``turn_in``,
        stretch the axes by σ₁ and σ₂, mirror (if so), turn by ``turn_out``.

        Examples
        --------
        >>> svd = svd_2x2([[0, 1], [2, 0]])  # det < 0: U is a reflection
        >>> p = svd.path()
        >>> p.mirror, round(math.degrees(p.turn_in), 6), round(math.degrees(p.turn_out), 6)
        (True, 0.0, 90.0)
        >>> bool(np.allclose(p.matrix(), [[0, 1], [2, 0]]))
        True
        """
        mirror = bool(np.linalg.det(self.U) < 0)
        flip = np.diag([1.0, -1.0]) if mirror else np.eye(2)
        return SVDPath(
            turn_in=rotation_angle(self.Vt),
            sigma=self.S,
            mirror=mirror,
            turn_out=rotation_angle(self.U @ flip),
        )

    def stages(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The maps after each step of x → Vt·x → Σ·Vt·x → U·Σ·Vt·x: I, Vt, Σ·Vt and A.

        Examples
        --------
        >>> [(m.round(3) + 0.0).tolist() for m in svd_2x2([[0, 2], [1, 0]]).stages()]
        [[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [-1.0, 0.0]], [[0.0, 2.0], [-1.0, 0.0]],
         [[0.0, 2.0], [1.0, 0.0]]]
        """
        return np.eye(2), self.Vt, self.sigma @ self.Vt, self.reconstruct()


@dataclass(frozen=True, eq=False)
class SVDPath:
    """A = R(turn_out) · M · diag(sigma) · R(turn_in), M the mirror diag(1, −1) or I.

    Angles in radians, in [−π, π]; ``sigma`` descending; from ``SVD.path``.
    """

    turn_in: float
    sigma: np.ndarray
    mirror: bool
    turn_out: float

    def matrix(self) -> np.ndarray:
        """The matrix the path ends at, which is A up to rounding."""
        flip = np.diag([1.0, -1.0]) if self.mirror else np.eye(2)
        return rotation(self.turn_out) @ flip @ np.diag(self.sigma) @ rotation(self.turn_in)


def svd_2x2(A: ArrayLike) -> SVD:
    """The singular value decomposition of a 2×2 matrix, as rotate, stretch, rotate.

    Parameters
    ----------
    A : array_like
        A 2×2 matrix of finite numbers.

    Returns
    -------
    SVD
        ``U``, ``S`` (singular values, descending) and ``Vt`` with ``Vt`` a rotation. The
        signs follow one convention: u₁, the direction of the ellipse's long half-axis σ₁u₁,
        points into the upper half-plane (or along +x when it lies on the x-axis).

    Examples
    --------
    >>> svd_2x2([[1, 2], [0.5, 1]]).U[:, 0].round(4)  # u₁ points up, not to (−0.89, −0.45)
    array([0.8944, 0.4472])
    >>> svd = svd_2x2([[3, 0], [0, -2]])
    >>> svd.S.tolist(), bool(np.allclose(svd.reconstruct(), [[3, 0], [0, -2]]))
    ([3.0, 2.0], True)
    >>> svd_2x2([[1, 2]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: A must be a 2×2 matrix; got shape (1, 2)
    """
    A = _matrix_2x2(A)
    U, S, Vt = np.linalg.svd(A)
    # σ₁σ₂ = |det A| exactly, so σ₂ of a singular matrix is 0, not rounding noise. The
    # determinant is taken of A scaled by a power of two (exact), so it cannot underflow.
    biggest = float(np.abs(A).max())
    if S[0] > 0:
        scale = 2.0 ** math.floor(math.log2(biggest))
        S[1] = min(S[1], scale * (abs(determinant(A / scale)) / (S[0] / scale)))
    else:
        S[1] = 0.0
    if np.linalg.det(Vt) < 0:  # move the reflection into U: flip a row of Vt and column of U
        Vt[1] *= -1
        U[:, 1] *= -1
    if S[1] == 0 and np.linalg.det(U) < 0:  # σ₂ = 0 leaves u₂'s sign free: keep U a rotation
        U[:, 1] *= -1
    # The signs of each pair (uᵢ, vᵢ) are free; flipping both pairs keeps Vt a rotation and
    # U's kind. Fix them so that u₁ points into the upper half-plane (along +x if on the axis).
    x, y = U[0, 0], U[1, 0]
    if y < -SIGN_TOL or (abs(y) <= SIGN_TOL and x < 0):
        U, Vt = -U, -Vt
    return SVD(_readonly(U + 0.0), _readonly(S), _readonly(Vt + 0.0))


@dataclass(frozen=True, eq=False)
class PCA:
    """Principal components of a point cloud, from ``pca``.

    ``mean`` has shape (d,); ``components`` shape (k, d), unit rows ordered by decreasing
    variance, each with its largest-magnitude entry positive; ``explained_variance`` is the
    sample variance (ddof=1) of the data along each component, and
    ``explained_variance_ratio`` its share of the total variance (all zeros when the total
    variance is zero).
    """

    mean: np.ndarray
    components: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray

    def transform(self, xs: ArrayLike) -> np.ndarray:
        """The coordinates of points ``xs`` (m, d) along the components: shape (m, k)."""
        xs = _array("xs", xs)
        d = self.mean.size
        if xs.ndim != 2 or xs.shape[1] != d:
            raise LinearAlgebraError(f"xs must have shape (m, {d}); got shape {xs.shape}")
        return (xs - self.mean) @ self.components.T

    def inverse_transform(self, zs: ArrayLike) -> np.ndarray:
        """The points (m, d) whose component coordinates are ``zs`` (m, k)."""
        zs = _array("zs", zs)
        k = len(self.components)
        if zs.ndim != 2 or zs.shape[1] != k:
            raise LinearAlgebraError(f"zs must have shape (m, {k}); got shape {zs.shape}")
        return zs @ self.components + self.mean

    def covariance(self) -> np.ndarray:
        """The sample covariance matrix the components diagonalise (only the kept ones).

        Its quadratic form wᵀ·C·w is the variance along a unit vector w (``variance_along``).

        Examples
        --------
        >>> pca([[0, 0], [2, 0], [4, 0]]).covariance().round(12)
        array([[4., 0.],
               [0., 0.]])
        """
        return self.components.T @ np.diag(self.explained_variance) @ self.components

    def rebuild(self, xs: ArrayLike, k: int = 1) -> np.ndarray:
        """The points ``xs`` (m, d) rebuilt from their first k component coordinates alone.

        Each point moves onto the mean plus the span of the first k components: its closest
        point there.

        Examples
        --------
        >>> fit = pca([[0, 0], [4, 4], [1, 3], [3, 1]])  # PC1 along the diagonal
        >>> fit.rebuild([[1, 3], [5, 4]]).round(12)
        array([[2. , 2. ],
               [4.5, 4.5]])
        """
        _check_count("k", k, 1, len(self.components))
        scores = self.transform(xs)
        return (
            self.mean + np.outer(scores[:, 0], self.components[0])
            if k == 1
            else (self.mean + scores[:, :k] @ self.components[:k])
        )

    def reconstruction_error(self, xs: ArrayLike, k: int = 1) -> float:
        """The mean squared distance from each point of ``xs`` to its rebuild from k components.

        For the data the fit was made on, it is the variance along the components left out
        times (n − 1)/n. A value within ``RTOL`` of the variance the fit holds is rounding
        noise and reads 0.

        Examples
        --------
        >>> fit = pca([[0, 0], [4, 4], [1, 3], [3, 1]])
        >>> round(fit.reconstruction_error([[0, 0], [4, 4], [1, 3], [3, 1]]), 12)
        1.0
        >>> fit.reconstruction_error([[0, 0], [4, 4]])  # both on the line of PC1
        0.0
        """
        xs = _array("xs", xs)
        error = float(np.mean(np.sum((xs - self.rebuild(xs, k)) ** 2, axis=1)))
        return 0.0 if abs(error) <= RTOL * float(self.explained_variance.sum()) else error


def pca(xs: ArrayLike, k: int | None = None) -> PCA:
    """Principal component analysis: the directions along which the points vary most.

    The components are the right singular vectors of the centred data; the variance along
    component i is Sᵢ² / (n − 1) for its singular value Sᵢ.

    Parameters
    ----------
    xs : array_like
        Shape ``(n, d)``: n ≥ 2 points in d dimensions, finite.
    k : int, optional
        How many components to keep, from 1 to d; all d when not given.

    Returns
    -------
    PCA
        ``mean``, ``components``, ``explained_variance``, ``explained_variance_ratio`` and the
        methods ``transform`` and ``inverse_transform``. When all points are identical the
        components are still an orthonormal basis and every ratio is 0 (not nan).

    Examples
    --------
    >>> fit = pca([[0, 0], [2, 1], [4, 2]])
    >>> fit.components.round(4), fit.explained_variance.round(12)
    (array([[ 0.8944,  0.4472],
           [-0.4472,  0.8944]]), array([5., 0.]))
    >>> fit.explained_variance_ratio.round(12)
    array([1., 0.])
    >>> pca([[1, 2]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: xs must have at least 2 points; got 1
    """
    xs = _array("xs", xs)
    if xs.ndim != 2 or xs.shape[1] == 0:
        raise LinearAlgebraError(f"xs must have shape (n, d), one point per row; got {xs.shape}")
    n, d = xs.shape
    if n < 2:
        raise LinearAlgebraError(f"xs must have at least 2 points; got {n}")
    k = d if k is None else k
    _check_count("k", k, 1, d)
    mean = xs.mean(axis=0)
    # Full matrices only when n < d, so that Vt is always d × d yet U never n × n for large n.
    _, s, vt = np.linalg.svd(xs - mean, full_matrices=n < d)
    variance = np.zeros(d)
    variance[: s.size] = s**2 / (n - 1)
    total = variance.sum()
    ratio = variance / total if total > 0 else np.zeros(d)
    return PCA(
        _readonly(mean),
        _readonly(_fix_signs(vt[:k])),
        _readonly(variance[:k]),
        _readonly(ratio[:k]),
    )


def identical_points(xs: ArrayLike) -> bool:
    """Whether every point of xs is the same, up to rounding: the cloud has no spread at all.

    Then no direction holds more variance than another and PCA's axes are arbitrary. The
    total variance counts as none when it is at most (``RTOL`` · max|xᵢⱼ|)², the variance that
    rounding the coordinates alone could give.

    Parameters
    ----------
    xs : array_like
        Shape ``(n, d)``: n ≥ 2 points in d dimensions, finite.

    Returns
    -------
    bool

    Examples
    --------
    >>> identical_points([[0.1, 3], [0.1, 3], [0.1, 3]]), identical_points([[0, 0], [1e-9, 0]])
    (True, False)
    >>> identical_points([[1, 2]])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: xs must have at least 2 points; got 1
    """
    xs = _array("xs", xs)
    scale = float(np.max(np.abs(xs), initial=0.0))
    # In units of the largest coordinate, so a tiny cloud's variance does not underflow to 0.
    fit = pca(xs / scale if scale > 0 else xs)
    return float(fit.explained_variance.sum()) <= RTOL**2


def correlated_cloud(
    n: int, *, correlation: float, noise: float = 0.0, seed: int = 0
) -> np.ndarray:
    """A reproducible cloud of n points whose coordinates have the given correlation.

    x and y are standard normal with correlation ``correlation``; then independent normal
    noise of standard deviation ``noise`` is added to each coordinate (which weakens the
    correlation to ρ / (1 + noise²)). The same seed gives the same underlying draws for every
    correlation and noise, so moving either knob morphs one cloud rather than drawing a new one.

    Parameters
    ----------
    n : int
        Number of points, from 2 to 1,000,000.
    correlation : float
        The correlation ρ of the two coordinates before noise, in [−1, 1].
    noise : float
        Standard deviation of the added noise, ≥ 0.
    seed : int
        A non-negative seed for ``numpy.random.default_rng``.

    Returns
    -------
    ndarray
        Shape ``(n, 2)``.

    Examples
    --------
    >>> xs = correlated_cloud(5, correlation=1.0, seed=1)
    >>> xs.shape, bool(np.allclose(xs[:, 0], xs[:, 1]))
    ((5, 2), True)
    >>> correlated_cloud(5, correlation=1.5)
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: correlation must be between -1 and 1; got 1.5
    """
    _check_count("n", n, 2, MAX_POINTS)
    if not -1 <= correlation <= 1:
        raise LinearAlgebraError(f"correlation must be between -1 and 1; got {correlation}")
    if not (np.isfinite(noise) and noise >= 0):
        raise LinearAlgebraError(f"noise must be a finite number ≥ 0; got {noise}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise LinearAlgebraError(f"seed must be a non-negative whole number; got {seed!r}")
    z = np.random.default_rng(seed).standard_normal((n, 4))
    x = z[:, 0]
    y = correlation * z[:, 0] + np.sqrt(1 - correlation**2) * z[:, 1]
    return np.column_stack([x, y]) + noise * z[:, 2:]


def variance_along(xs: ArrayLike, thetas: ArrayLike) -> np.ndarray:
    """The sample variance of a cloud along each direction w = (cos θ, sin θ).

    It is Σ((xᵢ − x̄)·w)² / (n − 1): largest at PC1's angle (the first principal component)
    and smallest at right angles to it, a cosine wave of period π in θ.

    Parameters
    ----------
    xs : array_like
        Shape ``(n, 2)``: n ≥ 2 points of the plane, finite.
    thetas : array_like
        Angles in radians, any shape.

    Returns
    -------
    ndarray
        The variance along each angle, the shape of ``thetas``.

    Examples
    --------
    >>> xs = [[0, 0], [2, 0], [4, 0]]  # spread along the x-axis only
    >>> variance_along(xs, [0.0, np.pi / 2, np.pi]).round(12)
    array([4., 0., 4.])
    >>> variance_along([[1, 2]], [0.0])
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: xs must have at least 2 points; got 1
    """
    centred = _centred(xs)
    angles = _array("thetas", thetas)
    w = np.stack([np.cos(angles), np.sin(angles)], axis=-1)  # (..., 2)
    along = centred @ w.reshape(-1, 2).T  # (n, m)
    return (np.sum(along**2, axis=0) / (len(centred) - 1)).reshape(angles.shape)


def _centred(xs: ArrayLike) -> np.ndarray:
    xs = _array("xs", xs)
    if xs.ndim != 2 or xs.shape[1] != 2:
        raise LinearAlgebraError(f"xs must have shape (n, 2), one point per row; got {xs.shape}")
    if len(xs) < 2:
        raise LinearAlgebraError(f"xs must have at least 2 points; got {len(xs)}")
    return xs - xs.mean(axis=0)


@dataclass(frozen=True, eq=False)
class AxisSpread:
    """How a cloud spreads along an axis w and across it, from ``axis_spread``.

    ``along`` is the sample variance of the projections on w, ``across`` that of the
    residuals (each point's signed distance to the axis), and ``share`` = along / (along +
    across), the part of the total variance the axis keeps (nan for a cloud with none).
    """

    along: float
    across: float
    share: float


def axis_spread(xs: ArrayLike, theta: float) -> AxisSpread:
    """The variance of a cloud along the axis through its mean at angle θ, and across it.

    Their sum is the total variance whatever θ is, so turning w to hold more variance leaves
    less in the residuals: PC1 is the axis with the most along and the least across.

    Parameters
    ----------
    xs : array_like
        Shape ``(n, 2)``: n ≥ 2 points of the plane, finite.
    theta : float
        The axis's angle in radians.

    Returns
    -------
    AxisSpread
        ``along``, ``across`` and ``share``.

    Examples
    --------
    >>> s = axis_spread([[0, 0], [2, 2], [1, 3], [3, 1]], np.pi / 4)  # w along y = x
    >>> round(s.along, 12), round(s.across, 12), round(s.share, 12)
    (2.0, 1.333333333333, 0.6)
    """
    along, across = variance_along(xs, [theta, theta + np.pi / 2])
    total = along + across
    return AxisSpread(float(along), float(across), float(along / total) if total > 0 else math.nan)


# ---------------------------------------------------------------- layers


def layer(points: ArrayLike, A: ArrayLike, b: ArrayLike, activation: Activation) -> np.ndarray:
    """One neural-network layer applied to every point: σ(A·x + b).

    Parameters
    ----------
    points : array_like
        Shape ``(k, n)``, one point per row.
    A : array_like
        The m × n weight matrix.
    b : array_like
        The bias, a vector of length m.
    activation : {"sigmoid", "tanh", "relu", "identity"}
        σ, applied entry by entry. The sigmoid 1 / (1 + e⁻ᶻ) is computed without overflow
        for any z.

    Returns
    -------
    ndarray
        Shape ``(k, m)``.

    Examples
    --------
    >>> layer([[1, -2], [0, 0]], np.eye(2), [0, 1], "relu")
    array([[1., 0.],
           [0., 1.]])
    >>> layer([[1, 2]], np.eye(2), [0, 0], "softmax")
    Traceback (most recent call last):
    ...
    mathviz.linear_algebra.LinearAlgebraError: activation must be one of sigmoid, tanh, relu,
    identity; got 'softmax'
    """
    A, b = _check_layer(A, b, activation)
    return activations.activate(transform(points, A) + b, activation)


def _check_layer(A: ArrayLike, b: ArrayLike, activation: str) -> tuple[np.ndarray, np.ndarray]:
    if activation not in ACTIVATIONS:
        raise LinearAlgebraError(
            f"activation must be one of {', '.join(ACTIVATIONS)}; got {activation!r}"
        )
    A = _matrix("A", A)
    b = _vector("b", b)
    if b.size != A.shape[0]:
        raise LinearAlgebraError(
            f"b must have {A.shape[0]} entries, one per row of A; got {b.size}"
        )
    return A, b


@dataclass(frozen=True, eq=False)
class LayerStages:
    """Every point after each stage of a layer, from ``layer_stages``; arrays read-only.

    ``points`` are x, ``linear`` A·x, ``shifted`` A·x + b and ``activated`` σ(A·x + b),
    one point per row; ``pressed`` is the share of points σ pressed onto an axis.
    """

    points: np.ndarray
    linear: np.ndarray
    shifted: np.ndarray
    activated: np.ndarray

    @property
    def pressed(self) -> float:
        """The share of points with a coordinate σ sent to exactly 0 from a non-zero value."""
        moved = (self.activated == 0) & (self.shifted != 0)
        return float(np.mean(np.any(moved, axis=1)))


def layer_stages(points: ArrayLike, A: ArrayLike, b: ArrayLike, activation: str) -> LayerStages:
    """One neural-network layer applied to every point, kept stage by stage.

    Parameters
    ----------
    points : array_like
        Shape ``(k, n)``, one point per row.
    A : array_like
        The m × n weight matrix.
    b : array_like
        The bias, a vector of length m.
    activation : str
        σ, one of ``ACTIVATIONS`` ("sigmoid", "tanh", "relu", "identity"), applied entry by
        entry as in ``layer``.

    Returns
    -------
    LayerStages
        x, A·x, A·x + b and σ(A·x + b); ``activated`` equals ``layer(points, A, b, activation)``.

    Examples
    --------
    >>> stages = layer_stages([[1, -2], [0, 0], [-1, -1]], np.eye(2), [0, 1], "relu")
    >>> stages.shifted.tolist(), stages.activated.tolist()
    ([[1.0, -1.0], [0.0, 1.0], [-1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    >>> round(stages.pressed, 4)  # the first and the last point land on an axis
    0.6667
    """
    A, b = _check_layer(A, b, activation)
    xs = _points(points, A.shape[1])
    linear = transform(xs, A)
    shifted = transform(xs, A) + b
    activated = activations.activate(shifted, activation)
    return LayerStages(*map(_readonly, (xs, linear, shifted, activated)))


@dataclass(frozen=True, eq=False)
class Classes:
    """Points of the plane with a class each (0 or 1), from ``xor_classes``; read-only."""

    points: np.ndarray
    labels: np.ndarray


def xor_classes(n: int, *, spread: float = 0.25, seed: int = 0) -> Classes:
    """Two classes in an XOR pattern: blobs round (1, 1) and (−1, −1) against (1, −1), (−1, 1).

    Class 1 is where the two coordinates share a sign, class 0 where they differ. Each
    class's two blobs sit on opposite corners, so no straight line separates the classes,
    yet one layer σ(Ax + b) with ReLU can fold the plane until one does.

    Parameters
    ----------
    n : int
        Points in all, from 4 to 100,000; each of the four blobs gets a quarter (the first
        blobs one more when n is not a multiple of 4).
    spread : float
        The standard deviation of each blob, > 0 and at most 1.
    seed : int
        A non-negative seed for ``numpy.random.default_rng``.

    Returns
    -------
    Classes
        ``points`` shape (n, 2) and ``labels`` shape (n,), 1 where the blob's corner
        coordinates share a sign.

    Examples
    --------
    >>> c = xor_classes(8, spread=0.1, seed=1)
    >>> c.labels.tolist()
    [1, 0, 1, 0, 1, 0, 1, 0]
    >>> bool(np.all(np.sign(c.points[:, 0] * c.points[:, 1]) == 2 * c.labels - 1))
    True
    """
    _check_count("n", n, 4, 100_000)
    if not (np.isfinite(spread) and 0 < spread <= 1):
        raise LinearAlgebraError(f"spread must be a number in (0, 1]; got {spread}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise LinearAlgebraError(f"seed must be a non-negative whole number; got {seed!r}")
    corners = np.array([(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0)])
    which = np.arange(n) % 4
    noise = np.random.default_rng(seed).standard_normal((n, 2))
    points = corners[which] + spread * noise
    labels = (corners[which, 0] * corners[which, 1] > 0).astype(int)
    return Classes(_readonly(points), _readonly(labels))


@dataclass(frozen=True, eq=False)
class Separation:
    """A straight line w·x + c = 0 between two classes, from ``linear_separation``.

    ``separable`` says whether some line has every point of class 1 strictly on one side and
    every point of class 0 on the other; ``normal`` (unit length) and ``offset`` give such a
    line when there is one, and otherwise the line that does best by the hinge loss (None
    when that is no line at all); ``wrong`` counts the points on the wrong side of it.
    """

    separable: bool
    normal: np.ndarray | None
    offset: float
    wrong: int


def linear_separation(points: ArrayLike, labels: ArrayLike) -> Separation:
    """Whether a straight line separates two classes of points, and a line that does.

    A linear program: minimise Σ ξᵢ + 10⁻⁶·(|w₁| + |w₂|) subject to sᵢ(w·xᵢ + c) ≥ 1 − ξᵢ,
    ξᵢ ≥ 0, with sᵢ = ±1 the class. The classes are separable exactly when the slacks can
    all be 0; the line is then widened to the one with the widest gap to both classes (the
    hard-margin support-vector line), so it runs down the middle between them.

    Parameters
    ----------
    points : array_like
        Shape ``(n, 2)``, finite.
    labels : array_like
        Shape ``(n,)``, each 0 or 1, both present.

    Returns
    -------
    Separation
        ``separable``, ``normal``, ``offset`` and ``wrong``.

    Examples
    --------
    >>> s = linear_separation([[0, 0], [1, 0], [3, 0], [4, 0]], [0, 0, 1, 1])
    >>> s.separable, s.normal.round(6).tolist(), round(s.offset, 6), s.wrong
    (True, [1.0, 0.0], -2.0, 0)
    >>> linear_separation([[1, 1], [-1, -1], [1, -1], [-1, 1]], [1, 1, 0, 0]).separable  # XOR
    False
    """
    xs = _points(points, 2)
    ys = _array("labels", labels)
    if ys.shape != (len(xs),) or not np.all((ys == 0) | (ys == 1)):
        raise LinearAlgebraError(f"labels must be {len(xs)} values, each 0 or 1")
    if not (np.any(ys == 0) and np.any(ys == 1)):
        raise LinearAlgebraError("labels must hold both classes, 0 and 1")
    n = len(xs)
    scale = float(np.max(np.abs(xs))) or 1.0
    us = xs / scale  # the line does not depend on the units; the program's tolerances do
    signs = 2 * ys - 1
    # Variables: w⁺ (2), w⁻ (2), c, ξ (n); w = w⁺ − w⁻ so that |w| is linear.
    cost = np.concatenate([np.full(4, 1e-6), [0.0], np.ones(n)])
    rows = -signs[:, None] * np.hstack([us, -us, np.ones((n, 1))])
    A_ub = np.hstack([rows, -np.eye(n)])
    bounds = [(0, None)] * 4 + [(None, None)] + [(0, None)] * n
    result = optimize.linprog(cost, A_ub=A_ub, b_ub=-np.ones(n), bounds=bounds, method="highs")
    if result.status != 0:  # cannot happen for finite points: ξ large is always feasible
        raise LinearAlgebraError(f"the linear program failed: {result.message}")
    w = result.x[:2] - result.x[2:4]
    c = float(result.x[4])
    slack = result.x[5:]
    size = float(np.hypot(*w))
    if size == 0:
        return Separation(False, None, 0.0, int(min(np.sum(ys == 0), np.sum(ys == 1))))
    margins = signs * (us @ w + c)
    wrong = int(np.sum(margins <= 0))
    separable = bool(np.all(slack <= 1e-7) and wrong == 0)
    if separable:
        w, c = _widest_gap(us, signs, w, c)
        size = float(np.hypot(*w))
    return Separation(separable, _readonly(w / size), c * scale / size, wrong)


def _widest_gap(
    us: np.ndarray, signs: np.ndarray, w: np.ndarray, c: float
) -> tuple[np.ndarray, float]:
    """The line with the widest gap to both classes: minimise ‖w‖², every margin ≥ 1.

    It starts from a line (w, c) that already separates them, and keeps it if it fails.
    """
    result = optimize.minimize(
        lambda z: z[0] ** 2 + z[1] ** 2,
        np.array([w[0], w[1], c]),
        jac=lambda z: np.array([2 * z[0], 2 * z[1], 0.0]),
        constraints=[
            {
                "type": "ineq",
                "fun": lambda z: signs * (us @ z[:2] + z[2]) - 1,
                "jac": lambda z: signs[:, None] * np.hstack([us, np.ones((len(us), 1))]),
            }
        ],
        method="SLSQP",
    )
    z = result.x
    if not result.success or np.any(signs * (us @ z[:2] + z[2]) <= 0):
        return w, c  # keep the line that separates
    return z[:2], float(z[2])
