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

import numpy as np

from mathviz.expressions import parse_function

Function = Callable[[np.ndarray], np.ndarray]


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

    def __call__(self, xs: np.ndarray) -> np.ndarray:
        """Evaluate f; nan (not a warning) where it is undefined."""
        with np.errstate(all="ignore"):
            return np.asarray(self.f(np.asarray(xs, dtype=float)), dtype=float)


def _sigmoid(xs: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(xs / 2.0))


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
        _sigmoid,
        lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
        lambda x: _sigmoid(x) * (1 - _sigmoid(x)) * (1 - 2 * _sigmoid(x)),
        (-6.0, 6.0),
        "The classic activation: its slope σ(1 − σ) is largest, 1/4, at 0.",
    ),
    Function1D(
        "tanh",
        "tanh(x)",
        r"\tanh x",
        np.tanh,
        lambda x: 1 - np.tanh(x) ** 2,
        lambda x: -2 * np.tanh(x) * (1 - np.tanh(x) ** 2),
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
