"""Named example functions with exact derivatives written out by hand.

``FUNCTIONS`` maps a short name to a ``Function1D``: the formula as text (in the syntax of
``mathviz.expressions``) and as LaTeX, the function, its first and second derivatives as
vectorised numpy code, and a window of x where it is worth looking. ``function(name)`` looks
one up with a clear error for an unknown name.

The derivatives are written independently of the symbolic differentiation in
``mathviz.expressions``, so each checks the other in the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathviz import activations
from mathviz.expressions import parse_function

Function = Callable[[Any], np.ndarray]  # vectorised: takes a number or an array of them


@dataclass(frozen=True)
class Function1D:
    """A function of one variable with its exact first and second derivatives.

    Parameters
    ----------
    name : str
        Short, stable name used in URLs.
    text : str
        The formula in the typed-function syntax, e.g. ``"x**3 - 3*x"``.
    latex : str
        The formula for display.
    f, df, d2f : callable
        The function and its derivatives, vectorised; nan where they do not exist.
    window : tuple of float
        A default x range that shows the function's character.
    note : str
        One sentence on what makes the example worth a look.
    """

    name: str
    text: str
    latex: str
    f: Function
    df: Function
    d2f: Function
    window: tuple[float, float] = (-4.0, 4.0)
    note: str = ""

    @property
    def label(self) -> str:
        """A short ASCII formula for menus and links, e.g. ``x^3 - 3x``."""
        return _LABELS.get(self.name, self.text)

    def __call__(self, xs: ArrayLike) -> np.ndarray:
        """Evaluate f; nan (not a warning) where it is undefined."""
        with np.errstate(all="ignore"):
            return np.asarray(self.f(np.asarray(xs, dtype=float)), dtype=float)


def _nan_at_zero(values: np.ndarray, xs: np.ndarray) -> np.ndarray:
    return np.where(xs == 0, np.nan, values)


_LABELS = {
    "sin": "sin(x)",
    "cos": "cos(x)",
    "exp": "exp(x)",
    "square": "x^2",
    "cube": "x^3",
    "quartic": "x^4",
    "cubic": "x^3 - 3x",
    "abs": "|x|",
    "sigmoid": "sigmoid(x)",
    "tanh": "tanh(x)",
    "log": "log(x)",
    "reciprocal": "1/x",
    "bell": "exp(-x^2)",
}

_ENTRIES = (
    Function1D(
        "sin",
        "sin(x)",
        r"\sin x",
        np.sin,
        np.cos,
        lambda x: -np.sin(x),
        (-2 * np.pi, 2 * np.pi),
        "Smooth and periodic: a maximum and a minimum in every period.",
    ),
    Function1D(
        "cos",
        "cos(x)",
        r"\cos x",
        np.cos,
        lambda x: -np.sin(x),
        lambda x: -np.cos(x),
        (-2 * np.pi, 2 * np.pi),
        "The derivative of sin, shifted by a quarter period.",
    ),
    Function1D(
        "exp",
        "exp(x)",
        r"e^{x}",
        np.exp,
        np.exp,
        np.exp,
        (-3.0, 2.0),
        "Its own derivative: the slope equals the height everywhere.",
    ),
    Function1D(
        "square",
        "x**2",
        r"x^{2}",
        np.square,
        lambda x: 2 * x,
        lambda x: np.full_like(x, 2.0),
        (-3.0, 3.0),
        "The simplest bowl: one minimum, f'' = 2 everywhere.",
    ),
    Function1D(
        "cube",
        "x**3",
        r"x^{3}",
        lambda x: x**3,
        lambda x: 3 * x**2,
        lambda x: 6 * x,
        (-2.0, 2.0),
        "f'(0) = 0, yet 0 is neither a maximum nor a minimum.",
    ),
    Function1D(
        "quartic",
        "x**4",
        r"x^{4}",
        lambda x: x**4,
        lambda x: 4 * x**3,
        lambda x: 12 * x**2,
        (-2.0, 2.0),
        "A minimum at 0 that the second-derivative test cannot see: f''(0) = 0.",
    ),
    Function1D(
        "cubic",
        "x**3 - 3*x",
        r"x^{3} - 3x",
        lambda x: x**3 - 3 * x,
        lambda x: 3 * x**2 - 3,
        lambda x: 6 * x,
        (-2.5, 2.5),
        "A maximum at −1 and a minimum at 1.",
    ),
    Function1D(
        "abs",
        "abs(x)",
        r"|x|",
        np.abs,
        lambda x: _nan_at_zero(np.sign(x), x),
        lambda x: _nan_at_zero(np.zeros_like(x), x),
        (-2.0, 2.0),
        "A corner at 0: the slope jumps from −1 to 1, so no derivative exists there.",
    ),
    Function1D(
        "sigmoid",
        "sigmoid(x)",
        r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        lambda x: activations.activate(x, "sigmoid"),
        lambda x: activations.slope(x, "sigmoid"),
        lambda x: activations.curvature(x, "sigmoid"),
        (-6.0, 6.0),
        "The classic activation: its slope σ(1 − σ) is largest, 1/4, at 0.",
    ),
    Function1D(
        "tanh",
        "tanh(x)",
        r"\tanh x",
        np.tanh,
        lambda x: activations.slope(x, "tanh"),
        lambda x: activations.curvature(x, "tanh"),
        (-3.0, 3.0),
        "Sigmoid's zero-centred cousin: slope 1 at 0.",
    ),
    Function1D(
        "log",
        "log(x)",
        r"\ln x",
        np.log,
        lambda x: 1 / x,
        lambda x: -1 / x**2,
        (0.05, 4.0),
        "Defined only for x > 0; its slope 1/x blows up near 0.",
    ),
    Function1D(
        "reciprocal",
        "1/x",
        r"\frac{1}{x}",
        lambda x: 1 / x,
        lambda x: -1 / x**2,
        lambda x: 2 / x**3,
        (-3.0, 3.0),
        "Undefined at 0, where it jumps from −∞ to +∞.",
    ),
    Function1D(
        "bell",
        "exp(-x**2)",
        r"e^{-x^{2}}",
        lambda x: np.exp(-(x**2)),
        lambda x: -2 * x * np.exp(-(x**2)),
        lambda x: (4 * x**2 - 2) * np.exp(-(x**2)),
        (-3.0, 3.0),
        "The bell curve's shape: a maximum at 0 and two inflection points.",
    ),
)

FUNCTIONS: dict[str, Function1D] = {entry.name: entry for entry in _ENTRIES}


def function(name: str) -> Function1D:
    """Look up a catalog function by its short name.

    Parameters
    ----------
    name : str
        One of the keys of ``FUNCTIONS``.

    Returns
    -------
    Function1D
        The entry.

    Examples
    --------
    >>> function("cube").df(np.array([2.0])).tolist()
    [12.0]
    >>> function("tan")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of sin, cos, exp, square, cube, quartic, cubic, abs, ...
    """
    try:
        return FUNCTIONS[name]
    except KeyError:
        raise ValueError(f"name must be one of {', '.join(FUNCTIONS)}; got {name!r}") from None


def typed(text: str) -> Function1D:
    """A ``Function1D`` from a typed formula, with exact symbolic derivatives.

    Parameters
    ----------
    text : str
        A formula in x, e.g. ``"x^2 * exp(-x)"``.

    Returns
    -------
    Function1D
        Named ``"typed"``; its derivatives come from ``Expression.derivative``.

    Raises
    ------
    ExpressionError
        When the text is not a formula the parser accepts; the message says why.

    Examples
    --------
    >>> typed("x^3").df(np.array([2.0])).tolist()
    [12.0]
    >>> typed("x +* 2")
    Traceback (most recent call last):
    ...
    mathviz.expressions.ExpressionError: ...
    """
    expression = parse_function(text)
    first = expression.derivative()
    return Function1D(
        "typed",
        expression.text,
        expression.latex(),
        expression,
        first,
        first.derivative(),
        note="Your own function.",
    )


# --------------------------------------------------------------------------------------
# Surfaces: functions of two variables with exact gradients and Hessians
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Surface:
    """A function of (x, y) with its exact gradient and Hessian, vectorised.

    Every function takes an array whose first axis holds the coordinates (the convention of
    ``scipy.optimize.rosen``): ``f(np.array([x, y]))`` is a number and
    ``f(np.stack([X, Y]))`` a grid of values.

    Parameters
    ----------
    name : str
        Short, stable name: the key in ``SURFACES`` (a link carries the menu label).
    text : str
        The formula in the typed-function syntax, in x and y.
    latex : str
        The formula for display.
    f : callable
        Points (2, ...) → values (...).
    grad : callable
        Points (2, ...) → gradients (2, ...).
    hess : callable
        Points (2, ...) → Hessians (2, 2, ...).
    window : tuple of two (low, high) pairs
        The x and y ranges where the surface shows its character.
    note : str
        One sentence on what makes the example worth a look.
    lowest : float or None
        The smallest value f takes, when it has one (0 for a bowl); None when f is
        unbounded below.
    quadratic : bool
        Whether f is a quadratic (or linear) polynomial, so its Hessian is the same
        everywhere.
    """

    name: str
    text: str
    latex: str
    f: Function
    # Nested lists of arrays and constants; gradient() and hessian() make them one array.
    grad: Callable[[np.ndarray], ArrayLike]
    hess: Callable[[np.ndarray], ArrayLike]
    window: tuple[tuple[float, float], tuple[float, float]] = ((-3.0, 3.0), (-3.0, 3.0))
    note: str = ""
    lowest: float | None = None
    quadratic: bool = False

    @property
    def label(self) -> str:
        """A short name for menus and links."""
        return _SURFACE_LABELS.get(self.name, self.text)

    def __call__(self, points: np.ndarray) -> np.ndarray:
        """Evaluate f at points (2, ...); nan (not a warning) where it is undefined."""
        with np.errstate(all="ignore"):
            return np.asarray(self.f(np.asarray(points, dtype=float)), dtype=float)

    def gradient(self, points: np.ndarray) -> np.ndarray:
        """The exact gradient at points (2, ...), shape (2, ...)."""
        points = np.asarray(points, dtype=float)
        with np.errstate(all="ignore"):
            values = self.grad(points)
        # Fast path for a descent loop: every entry already an array of the points' shape.
        fast = np.asarray(values, dtype=float) if _uniform(values, points.shape[1:]) else None
        return fast if fast is not None else _full(values, points.shape)

    def hessian(self, points: np.ndarray) -> np.ndarray:
        """The exact Hessian at points (2, ...), shape (2, 2, ...)."""
        points = np.asarray(points, dtype=float)
        with np.errstate(all="ignore"):
            return _full(self.hess(points), (2, *points.shape))


def _uniform(values: object, shape: tuple[int, ...]) -> bool:
    return isinstance(values, list) and all(
        isinstance(v, np.ndarray) and v.shape == shape for v in values
    )


def _full(values: object, shape: tuple[int, ...]) -> np.ndarray:
    """Nested lists of arrays and constants as one float array of ``shape``."""
    if isinstance(values, list | tuple):
        rest = shape[1:]
        return np.stack([_full(v, rest) for v in values])
    return np.array(np.broadcast_to(np.asarray(values, dtype=float), shape), dtype=float)


def _himmelblau_grad(p: np.ndarray) -> list[np.ndarray]:
    x, y = p
    a, b = x**2 + y - 11, x + y**2 - 7
    return [4 * x * a + 2 * b, 2 * a + 4 * y * b]


def _himmelblau_hess(p: np.ndarray) -> list[list[np.ndarray]]:
    x, y = p
    xy = 4 * (x + y)
    return [[12 * x**2 + 4 * y - 42, xy], [xy, 4 * x + 12 * y**2 - 26]]


def _rosenbrock_grad(p: np.ndarray) -> list[np.ndarray]:
    x, y = p
    return [-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)]


def _rosenbrock_hess(p: np.ndarray) -> list[list[np.ndarray]]:
    x, y = p
    return [[2 - 400 * y + 1200 * x**2, -400 * x], [-400 * x, 200.0]]


_SURFACE_LABELS = {  # short: a chosen surface's label is what the link carries
    "bowl": "round bowl",
    "narrow": "narrow bowl",
    "rosenbrock": "Rosenbrock",
    "himmelblau": "Himmelblau",
    "saddle": "saddle",
    "cap": "cap",
    "monkey": "monkey saddle",
    "waves": "waves",
    "plane": "tilted plane",
}

_SURFACES = (
    Surface(
        "bowl",
        "x^2 + y^2",
        r"x^{2} + y^{2}",
        lambda p: p[0] ** 2 + p[1] ** 2,
        lambda p: [2 * p[0], 2 * p[1]],
        lambda p: [[2.0, 0.0], [0.0, 2.0]],
        note="Round: every contour is a circle and the gradient points straight out.",
        lowest=0.0,
        quadratic=True,
    ),
    Surface(
        "narrow",
        "x^2 + 10*y^2",
        r"x^{2} + 10 y^{2}",
        lambda p: p[0] ** 2 + 10 * p[1] ** 2,
        lambda p: [2 * p[0], 20 * p[1]],
        lambda p: [[2.0, 0.0], [0.0, 20.0]],
        note="Ten times steeper across than along: plain descent zig-zags.",
        lowest=0.0,
        quadratic=True,
    ),
    Surface(
        "rosenbrock",
        "(1 - x)^2 + 100*(y - x^2)^2",
        r"(1 - x)^{2} + 100\,(y - x^{2})^{2}",
        lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
        _rosenbrock_grad,
        _rosenbrock_hess,
        ((-2.0, 2.0), (-1.0, 3.0)),
        "A curved, nearly flat valley: easy to reach, slow to follow to the minimum at (1, 1).",
        lowest=0.0,
    ),
    Surface(
        "himmelblau",
        "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        r"(x^{2} + y - 11)^{2} + (x + y^{2} - 7)^{2}",
        lambda p: (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2,
        _himmelblau_grad,
        _himmelblau_hess,
        ((-5.0, 5.0), (-5.0, 5.0)),
        "Four minima, one maximum and four saddles: where you start decides where you end.",
        lowest=0.0,
    ),
    Surface(
        "saddle",
        "x^2 - y^2",
        r"x^{2} - y^{2}",
        lambda p: p[0] ** 2 - p[1] ** 2,
        lambda p: [2 * p[0], -2 * p[1]],
        lambda p: [[2.0, 0.0], [0.0, -2.0]],
        note="Up along x, down along y: the origin is flat but neither a top nor a bottom.",
        quadratic=True,
    ),
    Surface(
        "cap",
        "-x^2 - y^2",
        r"-x^{2} - y^{2}",
        lambda p: -(p[0] ** 2) - p[1] ** 2,
        lambda p: [-2 * p[0], -2 * p[1]],
        lambda p: [[-2.0, 0.0], [0.0, -2.0]],
        note="An upside-down bowl: one maximum.",
        quadratic=True,
    ),
    Surface(
        "monkey",
        "x^3 - 3*x*y^2",
        r"x^{3} - 3 x y^{2}",
        lambda p: p[0] ** 3 - 3 * p[0] * p[1] ** 2,
        lambda p: [3 * p[0] ** 2 - 3 * p[1] ** 2, -6 * p[0] * p[1]],
        lambda p: [[6 * p[0], -6 * p[1]], [-6 * p[1], -6 * p[0]]],
        ((-2.0, 2.0), (-2.0, 2.0)),
        "Three valleys meet at the origin, where the Hessian is all zeros: the test says nothing.",
    ),
    Surface(
        "waves",
        "sin(x)*cos(y)",
        r"\sin x \cos y",
        lambda p: np.sin(p[0]) * np.cos(p[1]),
        lambda p: [np.cos(p[0]) * np.cos(p[1]), -np.sin(p[0]) * np.sin(p[1])],
        lambda p: [
            [-np.sin(p[0]) * np.cos(p[1]), -np.cos(p[0]) * np.sin(p[1])],
            [-np.cos(p[0]) * np.sin(p[1]), -np.sin(p[0]) * np.cos(p[1])],
        ],
        ((-4.0, 4.0), (-4.0, 4.0)),
        "An egg box: hills, hollows and saddles in a repeating pattern.",
        lowest=-1.0,
    ),
    Surface(
        "plane",
        "x + 2*y",
        r"x + 2 y",
        lambda p: p[0] + 2 * p[1],
        lambda p: [1.0, 2.0],
        lambda p: [[0.0, 0.0], [0.0, 0.0]],
        note="A tilted plane: the same gradient everywhere, straight contours, no critical point.",
        quadratic=True,
    ),
)

SURFACES: dict[str, Surface] = {entry.name: entry for entry in _SURFACES}


def surface(name: str) -> Surface:
    """Look up a catalog surface by its short name.

    Parameters
    ----------
    name : str
        One of the keys of ``SURFACES``.

    Returns
    -------
    Surface
        The entry.

    Examples
    --------
    >>> surface("narrow").gradient(np.array([1.0, 1.0])).tolist()
    [2.0, 20.0]
    """
    try:
        return SURFACES[name]
    except KeyError:
        raise ValueError(f"name must be one of {', '.join(SURFACES)}; got {name!r}") from None


def typed_surface(
    text: str, *, window: tuple[tuple[float, float], tuple[float, float]] = ((-3.0, 3.0),) * 2
) -> Surface:
    """A ``Surface`` from a typed formula in x and y, with exact symbolic derivatives.

    Parameters
    ----------
    text : str
        A formula in x and y, e.g. ``"x^2 + x*y + 2*y^2"``.
    window : tuple of two (low, high) pairs
        The x and y ranges to show.

    Returns
    -------
    Surface
        Named ``"typed"``; its gradient and Hessian come from ``Expression.derivative``.
        ``quadratic`` is true when the Hessian is the same at a few scattered points.

    Raises
    ------
    ExpressionError
        When the text is not a formula the parser accepts; the message says why.

    Examples
    --------
    >>> s = typed_surface("x^2*y")
    >>> s.gradient(np.array([1.0, 3.0])).tolist(), s.hessian(np.array([1.0, 3.0])).tolist()
    ([6.0, 1.0], [[6.0, 2.0], [2.0, 0.0]])
    """
    expression = parse_function(text, ("x", "y"))
    fx, fy = expression.derivative("x"), expression.derivative("y")
    fxx, fxy, fyy = fx.derivative("x"), fx.derivative("y"), fy.derivative("y")
    probe = np.array([[0.3, -1.7, 2.9, 0.05], [1.1, 0.6, -2.3, -0.8]])
    second = np.stack([fxx(probe), fxy(probe), fyy(probe)])
    constant = bool(np.all(np.isfinite(second)) and np.ptp(second, axis=1).max() <= 1e-12)
    return Surface(
        "typed",
        expression.text,
        expression.latex(),
        expression,
        lambda p: [fx(p), fy(p)],
        lambda p: [[fxx(p), fxy(p)], [fxy(p), fyy(p)]],
        window,
        "Your own surface.",
        quadratic=constant,
    )
