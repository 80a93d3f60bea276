r"""Typed functions as data: read, check, evaluate and differentiate them safely.

A learner types a formula such as ``sin(x)^2 + 3*x``. This module turns that text into an
:class:`Expression` without ever running it as Python: :func:`ast.parse` reads the text into a
syntax tree, the tree is checked against a whitelist, and it is rebuilt as a small tree of
frozen dataclasses that numpy evaluates by walking it. The text is never run: ``eval`` and
``exec`` are not used, and ``compile`` only through ``ast.parse``, which yields a syntax tree,
never code.

Map of the module
-----------------
Public API
    :func:`parse_function` (text to :class:`Expression`), :class:`Expression` (call it on
    arrays, take its exact ``derivative()``, show it with ``str()`` or ``latex()``),
    :class:`ExpressionError` (a message a student understands) and the limits
    ``MAX_LENGTH``, ``MAX_DEPTH``, ``MAX_NODES``, ``MAX_EXPONENT`` and ``MAX_LITERAL``.
Numerics
    ``_FUNCTIONS``, the whitelisted functions as numpy callables, and ``_KINKS``, the
    internal derivatives of ``abs``, ``relu`` and ``sign``, which are nan where the
    derivative does not exist. Users cannot type the kink functions; they only appear in
    derivatives, printed as ``abs'(x)``, ``relu'(x)`` and ``sign'(x)``.
The node tree
    ``_Num``, ``_Const``, ``_Var``, ``_Neg``, ``_Binary`` and ``_Call``. Each node evaluates,
    differentiates and prints itself (plain text and LaTeX).
Calculus
    ``_derive`` with the rules ``_BINARY_RULES`` and ``_OUTER_DERIVATIVES``, and the
    simplifying constructors ``_add``, ``_sub``, ``_mul``, ``_div``, ``_pow`` and ``_neg``
    (``0*u -> 0``, ``1*u -> u``, ``u + 0 -> u``, ``u**1 -> u``, numbers folded).
Reading text, in the order the checks run
    ``_check_variables``; ``_normalise`` (empty text, bracket nesting, length, friendly
    substitutions, allowed characters, products written without ``*``); ``_read``
    (``ast.parse`` with its errors put into words); ``_check_limits`` (depth, size, power
    towers, large exponents, large numbers); ``_Converter`` (the whitelist, which builds
    the node tree).
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_LITERAL",
    "MAX_NODES",
    "Expression",
    "ExpressionError",
    "parse_function",
]

MAX_LENGTH = 300
MAX_DEPTH = 40
MAX_NODES = 200
MAX_EXPONENT = 100
MAX_LITERAL = 1e15

_Values = npt.NDArray[np.float64] | np.float64 | float
_Environment = Mapping[str, npt.NDArray[np.float64]]


class ExpressionError(ValueError):
    """The typed text is not a formula this module accepts.

    The message names the problem in words a student understands, without Python jargon,
    so the user interface can show it as it is.
    """


# --------------------------------------------------------------------------------------
# Numerics
# --------------------------------------------------------------------------------------


def _sigmoid(u: _Values) -> _Values:
    # exp(-|u|) never overflows, and neither branch subtracts nearly equal numbers, so
    # tiny values such as sigmoid(-40) keep their full relative precision.
    z = np.exp(-np.abs(u))
    return np.where(u >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def _relu(u: _Values) -> _Values:
    return np.maximum(u, 0.0)


def _relu_slope(u: _Values) -> _Values:
    # relu has no derivative at 0; nan there keeps a plot from inventing a value.
    return np.where(u > 0, 1.0, np.where(u < 0, 0.0, np.nan))


def _abs_slope(u: _Values) -> _Values:
    # np.sign(0) is 0, but |u| has no derivative at 0, so say so with nan.
    return np.where(u == 0, np.nan, np.sign(u))


def _sign_slope(u: _Values) -> _Values:
    return np.where((u == 0) | np.isnan(u), np.nan, 0.0)


_FUNCTIONS: dict[str, Callable[[_Values], _Values]] = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "log2": np.log2,
    "log10": np.log10,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "arctan": np.arctan,
    "arcsin": np.arcsin,
    "arccos": np.arccos,
    "sigmoid": _sigmoid,
    "relu": _relu,
    "sign": np.sign,
}
_ALIASES = {"atan": "arctan", "asin": "arcsin", "acos": "arccos"}
# The apostrophe makes these names impossible to type, so only derivatives contain them.
_KINKS: dict[str, Callable[[_Values], _Values]] = {
    "relu'": _relu_slope,
    "abs'": _abs_slope,
    "sign'": _sign_slope,
}
_EVALUATORS = {**_FUNCTIONS, **_KINKS}
_CONSTANTS = {"pi": np.pi, "e": np.e}
_RESERVED = frozenset(_FUNCTIONS) | frozenset(_ALIASES) | frozenset(_CONSTANTS)

_UFUNCS: dict[str, Callable[[_Values, _Values], _Values]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "**": np.power,
}

# --------------------------------------------------------------------------------------
# The node tree
# --------------------------------------------------------------------------------------

# Binding strength, loosest first; a child printed inside a parent binding more tightly
# needs brackets.
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = range(1, 6)
_OPERATOR_PRECEDENCE = {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT, "**": _POWER}
_OPERATOR_TEXT = {"+": " + ", "-": " - ", "*": "*", "/": "/"}

_TEX_CALLS = {
    name: (rf"\{name}\left(", r"\right)")
    for name in ("sin", "cos", "tan", "exp", "tanh", "sinh", "cosh", "arctan", "arcsin", "arccos")
} | {
    "log": (r"\ln\left(", r"\right)"),
    "log2": (r"\log_{2}\left(", r"\right)"),
    "log10": (r"\log_{10}\left(", r"\right)"),
    "sqrt": (r"\sqrt{", "}"),
    "abs": (r"\left|", r"\right|"),
    "sigmoid": (r"\sigma\left(", r"\right)"),
    "relu": (r"\operatorname{relu}\left(", r"\right)"),
    "sign": (r"\operatorname{sign}\left(", r"\right)"),
    "relu'": (r"\operatorname{relu}'\left(", r"\right)"),
    "abs'": (r"\operatorname{abs}'\left(", r"\right)"),
    "sign'": (r"\operatorname{sign}'\left(", r"\right)"),
}
_GREEK_LETTER = re.compile(
    r"alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|mu|nu|xi|rho|sigma|tau"
    r"|upsilon|phi|chi|psi|omega"
)


class _Node:
    """A node of the expression tree; the subclasses are frozen dataclasses."""

    @property
    def precedence(self) -> int:
        return _ATOM

    @property
    def tex_precedence(self) -> int:
        return self.precedence

    def children(self) -> tuple[_Node, ...]:
        return ()

    @cached_property
    def free(self) -> frozenset[str]:
        # Cached because differentiation asks every subtree whether it holds the variable.
        return frozenset().union(*(child.free for child in self.children()))

    def evaluate(self, env: _Environment) -> _Values:
        raise NotImplementedError

    def diff(self, var: str) -> _Node:
        raise NotImplementedError

    def plain(self) -> str:
        raise NotImplementedError

    def tex(self) -> str:
        raise NotImplementedError


def _plain_wrap(node: _Node, least: int) -> str:
    text = node.plain()
    return text if node.precedence >= least else f"({text})"


def _tex_wrap(node: _Node, least: int) -> str:
    text = node.tex()
    return text if node.tex_precedence >= least else rf"\left({text}\right)"


def _format_number(value: float) -> str:
    # 15 significant digits hide binary noise such as 0.30000000000000004; "0" avoids "-0".
    return "0" if value == 0 else format(value, ".15g")


@dataclass(frozen=True)
class _Num(_Node):
    value: float

    @property
    def precedence(self) -> int:
        return _UNARY if self.value < 0 else _ATOM

    @property
    def tex_precedence(self) -> int:
        return _PRODUCT if "e" in _format_number(self.value) else self.precedence

    def evaluate(self, env: _Environment) -> _Values:
        return self.value

    def diff(self, var: str) -> _Node:
        return _ZERO

    def plain(self) -> str:
        return _format_number(self.value)

    def tex(self) -> str:
        mantissa, _, exponent = _format_number(self.value).partition("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}" if exponent else mantissa


@dataclass(frozen=True)
class _Const(_Node):
    name: str

    def evaluate(self, env: _Environment) -> _Values:
        return _CONSTANTS[self.name]

    def diff(self, var: str) -> _Node:
        return _ZERO

    def plain(self) -> str:
        return self.name

    def tex(self) -> str:
        return r"\pi" if self.name == "pi" else self.name


@dataclass(frozen=True)
class _Var(_Node):
    name: str

    @property
    def free(self) -> frozenset[str]:
        return frozenset((self.name,))

    def evaluate(self, env: _Environment) -> _Values:
        return env[self.name]

    def diff(self, var: str) -> _Node:
        return _ONE if var == self.name else _ZERO

    def plain(self) -> str:
        return self.name

    def tex(self) -> str:
        if len(self.name) == 1:
            return self.name
        if _GREEK_LETTER.fullmatch(self.name):
            return "\\" + self.name
        if match := re.fullmatch(r"([a-z])(\d+)", self.name):
            return f"{match[1]}_{{{match[2]}}}"
        return r"\mathit{" + self.name.replace("_", r"\_") + "}"


@dataclass(frozen=True)
class _Neg(_Node):
    operand: _Node

    @property
    def precedence(self) -> int:
        # A product is printed without brackets after the sign ("-2*x"), so the whole
        # thing then binds like a product.
        return _PRODUCT if self.operand.precedence == _PRODUCT else _UNARY

    @property
    def tex_precedence(self) -> int:
        return _PRODUCT if self.operand.tex_precedence == _PRODUCT else _UNARY

    def children(self) -> tuple[_Node, ...]:
        return (self.operand,)

    def evaluate(self, env: _Environment) -> _Values:
        return np.negative(self.operand.evaluate(env))

    def diff(self, var: str) -> _Node:
        return _neg(_derive(self.operand, var))

    def plain(self) -> str:
        return "-" + _plain_wrap(self.operand, _PRODUCT)

    def tex(self) -> str:
        return "-" + _tex_wrap(self.operand, _PRODUCT)


@dataclass(frozen=True)
class _Binary(_Node):
    op: str
    left: _Node
    right: _Node

    @property
    def precedence(self) -> int:
        return _OPERATOR_PRECEDENCE[self.op]

    @property
    def tex_precedence(self) -> int:
        # \frac{a}{b} needs no brackets next to other terms, only as the base of a power.
        return _POWER if self.op == "/" else self.precedence

    def children(self) -> tuple[_Node, ...]:
        return (self.left, self.right)

    def evaluate(self, env: _Environment) -> _Values:
        return _UFUNCS[self.op](self.left.evaluate(env), self.right.evaluate(env))

    def diff(self, var: str) -> _Node:
        return _BINARY_RULES[self.op](self.left, self.right, var)

    def plain(self) -> str:
        if self.op == "**":
            # Powers group to the right and accept a signed exponent, as in x**-1.
            return f"{_plain_wrap(self.left, _ATOM)}**{_plain_wrap(self.right, _UNARY)}"
        left = _plain_wrap(self.left, self.precedence)
        right = _plain_wrap(self.right, self._right_precedence())
        if right.startswith("-"):
            right = f"({right})"  # x*(-2*y) is valid without brackets, but hard to read
        return f"{left}{_OPERATOR_TEXT[self.op]}{right}"

    def _right_precedence(self) -> int:
        # a + (b - c) and a*(b/c) read the same without brackets; a - (b - c) and
        # a/(b*c) do not.
        return self.precedence + (self.op in {"-", "/"})

    def tex(self) -> str:
        if self.op == "/":
            return rf"\frac{{{self.left.tex()}}}{{{self.right.tex()}}}"
        if self.op == "**":
            return f"{_tex_wrap(self.left, _ATOM)}^{{{self.right.tex()}}}"
        left = _tex_wrap(self.left, self.precedence)
        right = _tex_wrap(self.right, self._right_precedence())
        if right.startswith("-"):
            right = rf"\left({right}\right)"
        if self.op != "*":
            return f"{left}{_OPERATOR_TEXT[self.op]}{right}"
        # Juxtaposed digits would merge into one number ("2 3"), so those get a dot.
        return f"{left} \\cdot {right}" if right[0] in "0123456789." else f"{left} {right}"


@dataclass(frozen=True)
class _Call(_Node):
    name: str
    arg: _Node

    def children(self) -> tuple[_Node, ...]:
        return (self.arg,)

    def evaluate(self, env: _Environment) -> _Values:
        return _EVALUATORS[self.name](self.arg.evaluate(env))

    def diff(self, var: str) -> _Node:
        return _mul(_OUTER_DERIVATIVES[self.name](self.arg), _derive(self.arg, var))

    def plain(self) -> str:
        return f"{self.name}({self.arg.plain()})"

    def tex(self) -> str:
        opening, closing = _TEX_CALLS[self.name]
        return f"{opening}{self.arg.tex()}{closing}"


_ZERO = _Num(0.0)
_ONE = _Num(1.0)
_TWO = _Num(2.0)

# --------------------------------------------------------------------------------------
# Calculus: simplifying constructors and the differentiation rules
# --------------------------------------------------------------------------------------


def _is_number(node: _Node, value: float) -> bool:
    return isinstance(node, _Num) and node.value == value


def _is_product(node: _Node) -> bool:
    return isinstance(node, _Binary) and node.op == "*"


def _split_coefficient(node: _Node) -> tuple[float, _Node]:
    """Return (c, rest) with node == c*rest, c being the product's leading number."""
    if isinstance(node, _Num):
        return node.value, _ONE
    if isinstance(node, _Neg):
        coefficient, rest = _split_coefficient(node.operand)
        return -coefficient, rest
    if _is_product(node):
        coefficient, rest = _split_coefficient(node.left)
        if coefficient != 1:
            return coefficient, _mul(rest, node.right)
    return 1.0, node


def _is_negative(node: _Node) -> bool:
    return _split_coefficient(node)[0] < 0


def _is_reciprocal(node: _Node) -> bool:
    return isinstance(node, _Binary) and node.op == "/" and _is_number(node.left, 1.0)


def _fold(op: str, a: float, b: float) -> _Num | None:
    """Return a op b as a number, or None when folding would hurt the printed form."""
    with np.errstate(all="ignore"):
        value = float(_UFUNCS[op](a, b))
    if not np.isfinite(value):
        return None
    # Quotients and powers stay symbolic unless short and exact (1/2 folds, 1/3 does not).
    exact = op in {"+", "-", "*"} or float(_format_number(value)) == value
    return _Num(value) if exact else None


def _add(a: _Node, b: _Node) -> _Node:
    if _is_number(a, 0.0):
        return b
    if _is_number(b, 0.0):
        return a
    if isinstance(a, _Num) and isinstance(b, _Num):
        return _fold("+", a.value, b.value) or _Binary("+", a, b)
    if _is_negative(b):
        return _sub(a, _neg(b))
    return _Binary("+", a, b)


def _sub(a: _Node, b: _Node) -> _Node:
    if _is_number(b, 0.0):
        return a
    if _is_number(a, 0.0):
        return _neg(b)
    if isinstance(a, _Num) and isinstance(b, _Num):
        return _fold("-", a.value, b.value) or _Binary("-", a, b)
    if _is_negative(b):
        return _add(a, _neg(b))
    return _Binary("-", a, b)


def _scale(c: _Num, b: _Node) -> _Node:
    """Return c*b with the number c leading."""
    if c.value == 0:
        return _ZERO
    if c.value == 1:
        return b
    if isinstance(b, _Num):
        return _fold("*", c.value, b.value) or _Binary("*", c, b)
    coefficient, rest = _split_coefficient(b)
    if coefficient != 1 and (merged := _fold("*", c.value, coefficient)):
        return _scale(merged, rest)
    if _is_product(b):
        return _Binary("*", _scale(c, b.left), b.right)  # 4*(u*v) reads better as 4*u*v
    return _neg(b) if c.value == -1 else _Binary("*", c, b)


def _signed_product(a: _Node, b: _Node) -> _Node:
    """Return a*b where a or b is a negation, with the sign moved outside."""
    negative = isinstance(a, _Neg) != isinstance(b, _Neg)
    product = _mul(
        a.operand if isinstance(a, _Neg) else a,
        b.operand if isinstance(b, _Neg) else b,
    )
    return _neg(product) if negative else product


def _mul(a: _Node, b: _Node) -> _Node:
    if isinstance(b, _Num) and not isinstance(a, _Num):
        a, b = b, a  # numbers lead, as in 3*x**2
    if isinstance(a, _Num):
        return _scale(a, b)
    if isinstance(a, _Neg) or isinstance(b, _Neg):
        return _signed_product(a, b)
    if _is_reciprocal(a) or _is_reciprocal(b):
        # (1/v)*w reads better as w/v, which the chain rule produces for log and friends.
        numerator, reciprocal = (b, a) if _is_reciprocal(a) else (a, b)
        return _div(numerator, reciprocal.right)
    if _is_product(b) and isinstance(b.left, _Num):
        return _mul(_mul(b.left, a), b.right)  # x*(2*y) reads better as 2*x*y
    return _Binary("*", a, b)


def _div(a: _Node, b: _Node) -> _Node:
    if _is_number(b, 1.0):
        return a
    if _is_number(a, 0.0):
        return _ZERO
    if isinstance(a, _Num) and isinstance(b, _Num):
        return _fold("/", a.value, b.value) or _Binary("/", a, b)
    if _is_negative(a):
        return _neg(_div(_neg(a), b))  # -1/x**2 rather than (-1)/x**2
    return _Binary("/", a, b)


def _pow(a: _Node, b: _Node) -> _Node:
    if _is_number(b, 1.0):
        return a
    if _is_number(b, 0.0):
        return _ONE
    if isinstance(a, _Num) and isinstance(b, _Num):
        return _fold("**", a.value, b.value) or _Binary("**", a, b)
    return _Binary("**", a, b)


def _neg(a: _Node) -> _Node:
    if isinstance(a, _Num):
        return _Num(-a.value)
    if isinstance(a, _Neg):
        return a.operand
    coefficient, rest = _split_coefficient(a)
    return _scale(_Num(-coefficient), rest) if coefficient != 1 else _Neg(a)


def _derive(node: _Node, var: str) -> _Node:
    return node.diff(var) if var in node.free else _ZERO


def _d_sum(u: _Node, v: _Node, var: str) -> _Node:
    return _add(_derive(u, var), _derive(v, var))


def _d_difference(u: _Node, v: _Node, var: str) -> _Node:
    return _sub(_derive(u, var), _derive(v, var))


def _d_product(u: _Node, v: _Node, var: str) -> _Node:
    return _add(_mul(_derive(u, var), v), _mul(u, _derive(v, var)))


def _d_quotient(u: _Node, v: _Node, var: str) -> _Node:
    if var not in v.free:
        return _div(_derive(u, var), v)
    numerator = _sub(_mul(_derive(u, var), v), _mul(u, _derive(v, var)))
    return _div(numerator, _pow(v, _TWO))


def _d_power(u: _Node, v: _Node, var: str) -> _Node:
    if var not in v.free:
        return _mul(_mul(v, _pow(u, _sub(v, _ONE))), _derive(u, var))
    # d(u**v) = u**v * (v' log u + v u'/u), from u**v = exp(v log u).
    log_term = _mul(_derive(v, var), _Call("log", u))
    ratio_term = _div(_mul(v, _derive(u, var)), u)
    return _mul(_pow(u, v), _add(log_term, ratio_term))


_BINARY_RULES: dict[str, Callable[[_Node, _Node, str], _Node]] = {
    "+": _d_sum,
    "-": _d_difference,
    "*": _d_product,
    "/": _d_quotient,
    "**": _d_power,
}


def _inverse_sqrt_of_one_minus_square(u: _Node) -> _Node:
    return _div(_ONE, _Call("sqrt", _sub(_ONE, _pow(u, _TWO))))


# f'(u) for each function f; the chain rule multiplies by u'.
_OUTER_DERIVATIVES: dict[str, Callable[[_Node], _Node]] = {
    "sin": lambda u: _Call("cos", u),
    "cos": lambda u: _neg(_Call("sin", u)),
    "tan": lambda u: _div(_ONE, _pow(_Call("cos", u), _TWO)),
    "exp": lambda u: _Call("exp", u),
    "log": lambda u: _div(_ONE, u),
    "log2": lambda u: _div(_ONE, _mul(u, _Call("log", _TWO))),
    "log10": lambda u: _div(_ONE, _mul(u, _Call("log", _Num(10.0)))),
    "sqrt": lambda u: _div(_ONE, _mul(_TWO, _Call("sqrt", u))),
    "abs": lambda u: _Call("abs'", u),
    "tanh": lambda u: _sub(_ONE, _pow(_Call("tanh", u), _TWO)),
    "sinh": lambda u: _Call("cosh", u),
    "cosh": lambda u: _Call("sinh", u),
    "arctan": lambda u: _div(_ONE, _add(_ONE, _pow(u, _TWO))),
    "arcsin": _inverse_sqrt_of_one_minus_square,
    "arccos": lambda u: _neg(_inverse_sqrt_of_one_minus_square(u)),
    "sigmoid": lambda u: _mul(_Call("sigmoid", u), _sub(_ONE, _Call("sigmoid", u))),
    "relu": lambda u: _Call("relu'", u),
    "sign": lambda u: _Call("sign'", u),
    # The kinks are flat wherever they are defined and undefined at 0, like sign'.
    "relu'": lambda u: _Call("sign'", u),
    "abs'": lambda u: _Call("sign'", u),
    "sign'": lambda u: _Call("sign'", u),
}

# --------------------------------------------------------------------------------------
# The public Expression
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    r"""A function typed by a learner, checked and ready to evaluate and differentiate.

    Build it with :func:`parse_function` rather than directly. It is immutable and
    hashable, so it can serve as a cache key.

    Attributes
    ----------
    text : str
        The normalised source text: stripped, with ``^`` written as ``**`` and the friendly
        substitutions (``π``, ``×``, ``²``, ...) applied. For a derivative, its plain form.
    variables : tuple of str
        The names of the variables, in the order in which coordinates are passed.
    tree : node
        The internal node tree that is evaluated; its classes are private.

    Examples
    --------
    >>> f = parse_function("sin(x)^2 + 3*x")
    >>> str(f), f.text
    ('sin(x)**2 + 3*x', 'sin(x)**2 + 3*x')
    >>> print(f.latex())
    \sin\left(x\right)^{2} + 3 x
    """

    text: str
    variables: tuple[str, ...]
    tree: _Node = field(repr=False)

    def __call__(self, xs: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Evaluate the function at points, elementwise.

        Parameters
        ----------
        xs : array_like
            With one variable: a scalar or an array of any shape. With several variables:
            an array whose first axis holds the coordinates in the order of ``variables``
            (the convention of ``scipy.optimize.rosen``), e.g. ``np.stack([X, Y])``.

        Returns
        -------
        ndarray of float
            The values, with the shape of ``xs`` (``xs.shape[1:]`` with several
            variables). A scalar input, or a single point, gives a 0-d array. Values
            outside the domain are nan and poles give ±inf; numpy never warns.

        Raises
        ------
        ValueError
            If, with several variables, the first axis of ``xs`` does not have one entry
            per variable.

        Examples
        --------
        >>> f = parse_function("log(x)")
        >>> f([1.0, -1.0, 0.0])
        array([  0.,  nan, -inf])
        """
        points = np.asarray(xs, dtype=float)
        env, shape = self._bind(points)
        with np.errstate(all="ignore"):
            values = self.tree.evaluate(env)
        # A copy of the broadcast result: constants get the full shape, and the caller
        # never receives the input array itself (as the expression "x" would return).
        return np.array(np.broadcast_to(values, shape), dtype=float)

    def _bind(self, points: npt.NDArray[np.float64]) -> tuple[_Environment, tuple[int, ...]]:
        if len(self.variables) == 1:
            return {self.variables[0]: points}, points.shape
        if points.ndim == 0 or points.shape[0] != len(self.variables):
            names = ", ".join(self.variables)
            raise ValueError(
                f"expected the {len(self.variables)} coordinates ({names}) along the first "
                f"axis, got an array of shape {points.shape}"
            )
        return dict(zip(self.variables, points, strict=True)), points.shape[1:]

    def derivative(self, variable: str | None = None) -> Expression:
        """Return the exact derivative, lightly simplified.

        Parameters
        ----------
        variable : str, optional
            The variable to differentiate by; may be omitted when there is only one.

        Returns
        -------
        Expression
            The derivative (a partial derivative with several variables). Where the
            derivative does not exist, e.g. ``abs`` at 0, it evaluates to nan.

        Raises
        ------
        ValueError
            If `variable` is omitted with several variables, or is not one of them.

        Examples
        --------
        >>> str(parse_function("x**3").derivative())
        '3*x**2'
        """
        name = self._variable(variable)
        tree = _derive(self.tree, name)
        return Expression(tree.plain(), self.variables, tree)

    def _variable(self, variable: str | None) -> str:
        if variable is None:
            if len(self.variables) > 1:
                choices = " or ".join(f"derivative({name!r})" for name in self.variables)
                raise ValueError(f"say which variable to differentiate by: {choices}")
            return self.variables[0]
        if variable not in self.variables:
            raise ValueError(f"{variable!r} is not one of the variables {self.variables}")
        return variable

    def latex(self) -> str:
        r"""Return LaTeX for displaying the function.

        Returns
        -------
        str
            LaTeX math without surrounding dollar signs.

        Examples
        --------
        >>> print(parse_function("sqrt(x)/(1 + x^2)").latex())
        \frac{\sqrt{x}}{1 + x^{2}}
        """
        return self.tree.tex()

    def __str__(self) -> str:
        return self.tree.plain()


# --------------------------------------------------------------------------------------
# Reading text
# --------------------------------------------------------------------------------------

_SUBSTITUTIONS = (
    ("π", "pi"),
    ("×", "*"),
    ("·", "*"),
    ("−", "-"),
    ("÷", "/"),
    ("²", "**2"),
    ("³", "**3"),
    ("^", "**"),
)
# Printable ASCII and tab, except the backslash: it only serves string escapes and line
# continuations, and invalid escapes make ast.parse emit warnings.
_FORBIDDEN_CHARACTER = re.compile(r"[^\t\x20-\x5b\x5d-\x7e]")
# The atomic group keeps "1e5" whole, so it is never split into "1" and "e5".
_NUMBER = r"(?<![\w.])(?>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
_GLUED_PRODUCT = re.compile(rf"({_NUMBER})([A-Za-z]\w*)")
_SPACED_PRODUCT = re.compile(rf"({_NUMBER}|\))\s*([A-Za-z]\w*|\(|\d)")
_VARIABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")

_TOO_DEEP = (
    f"the expression is nested too deeply (more than {MAX_DEPTH} levels of brackets, "
    "signs, functions or operations): simplify it"
)
_BINARY_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_OTHER_OPERATORS = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
    ast.Invert: "~",
    ast.Not: "not",
}
_REJECTIONS: dict[type[ast.AST], str] = {
    ast.Attribute: "'.' is only allowed inside numbers such as 2.5 (write sin(x), not np.sin(x))",
    ast.Subscript: "square brackets [ ] are not allowed: use round brackets ( )",
    ast.List: "lists are not allowed: type a single formula",
    ast.Tuple: "commas are not allowed: type a single formula",
    ast.Set: "curly brackets { } are not allowed: use round brackets ( )",
    ast.Dict: "curly brackets { } are not allowed: use round brackets ( )",
    ast.ListComp: "'for' is not allowed: type a single formula",
    ast.SetComp: "'for' is not allowed: type a single formula",
    ast.DictComp: "'for' is not allowed: type a single formula",
    ast.GeneratorExp: "'for' is not allowed: type a single formula",
    ast.Lambda: "'lambda' is not allowed: type the formula itself, such as x**2",
    ast.Compare: "comparisons such as <, > or == are not allowed",
    ast.BoolOp: "'and' and 'or' are not allowed",
    ast.IfExp: "'if ... else' is not allowed: type a single formula",
    ast.NamedExpr: "':=' is not allowed",
    ast.JoinedStr: "text in quotes is not allowed: type a formula such as sin(x)",
    ast.Starred: "'*' in front of a name is not allowed",
}


def _check_variables(variables: tuple[str, ...]) -> None:
    if not isinstance(variables, tuple) or not variables:
        raise ValueError(
            f"variables must be a non-empty tuple of names such as ('x',) or ('x', 'y'), "
            f"got {variables!r}"
        )
    for name in variables:
        if not isinstance(name, str) or not _VARIABLE_NAME.fullmatch(name):
            raise ValueError(f"{name!r} cannot be a variable: use a lowercase name such as 'x'")
        if keyword.iskeyword(name) or name in _RESERVED:
            raise ValueError(
                f"{name!r} cannot be a variable: it is already a Python word, "
                "a function or a constant"
            )
    if len(set(variables)) != len(variables):
        raise ValueError(f"the variables must be distinct, got {variables!r}")


def _listing(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _normalise(text: str, variables: tuple[str, ...]) -> str:
    if not isinstance(text, str):
        raise TypeError(f"the function must be given as text, got {type(text).__name__}")
    source = text.strip()
    if not source:
        example = f"sin({variables[0]})"
        raise ExpressionError(f"type a function of {_listing(variables)}, for example {example}")
    _check_brackets(source)
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"the expression is too long ({len(source)} characters; at most {MAX_LENGTH})"
        )
    for old, new in _SUBSTITUTIONS:
        source = source.replace(old, new)
    _check_characters(source)
    if match := _GLUED_PRODUCT.search(source):
        raise ExpressionError(_missing_star(source, _GLUED_PRODUCT, match))
    return source


def _check_brackets(source: str) -> None:
    # Brackets leave no node in the syntax tree, so their nesting is counted in the text.
    # Only a bounded prefix is scanned: longer text is rejected by its length anyway.
    depth = 0
    for char in source[: 2 * MAX_LENGTH]:
        depth += (char == "(") - (char == ")")
        if depth > MAX_DEPTH:
            raise ExpressionError(_TOO_DEEP)


def _check_characters(source: str) -> None:
    # Python folds look-alike letters (NFKC), so mathematical bold 𝐬𝐢𝐧 would silently
    # become sin; anything outside plain ASCII is therefore stopped before ast sees it.
    if match := _FORBIDDEN_CHARACTER.search(source):
        char = match[0]
        shown = char if char.isprintable() else repr(char)[1:-1]
        hint = "type plain letters" if ord(char) > 127 else "type the formula on one line"
        raise ExpressionError(f"the character '{shown}' (U+{ord(char):04X}) is not allowed: {hint}")


def _missing_star(source: str, pattern: re.Pattern[str], match: re.Match[str]) -> str:
    # Showing the whole corrected formula fixes every gap at once, e.g. 3*x^2 + 2*x.
    corrected = pattern.sub(r"\1*\2", source)
    if len(corrected) > 40:
        corrected = f"{match[1]}*{match[2]}" if match[1] != ")" else f"(...)*{match[2]}"
    return f"a * is missing between '{match[1]}' and '{match[2]}': to multiply, write {corrected}"


def _read(source: str) -> ast.expr:
    try:
        return ast.parse(source, mode="eval").body
    except SyntaxError as error:
        raise ExpressionError(_explain_syntax_error(source, error)) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("could not read the expression: it is too complicated") from None


def _explain_syntax_error(source: str, error: SyntaxError) -> str:
    message = error.msg or ""
    unbalanced = source.count("(") != source.count(")") or any(
        phrase in message for phrase in ("never closed", "unmatched", "does not match")
    )
    if unbalanced:
        return "could not read the expression: unbalanced parentheses"
    if match := _SPACED_PRODUCT.search(source):
        return _missing_star(source, _SPACED_PRODUCT, match)
    if source[-1] in "+-*/":
        return "could not read the expression: it ends with an operator"
    near = f" near character {error.offset}" if error.offset else ""
    return f"could not read the expression{near}: check for a missing number, name or bracket"


def _shorten(text: str) -> str:
    return text if len(text) <= 20 else text[:17] + "..."


def _segment(source: str, node: ast.AST) -> str:
    return _shorten(ast.get_source_segment(source, node) or "?")


def _measure(body: ast.expr) -> tuple[int, int]:
    """Return the depth and the number of expression nodes, without recursion."""
    deepest, size = 0, 0
    stack = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        size += isinstance(node, ast.expr)
        stack.extend(
            (child, depth + (isinstance(child, ast.expr) and not _continues_chain(node, child)))
            for child in ast.iter_child_nodes(node)
        )
    return deepest, size


_CHAINS = ((ast.Add, ast.Sub), (ast.Mult, ast.Div))


def _continues_chain(node: ast.AST, child: ast.AST) -> bool:
    # A long sum a + b + c + … parses as a left-leaning chain; a reader sees no nesting there.
    if not (isinstance(node, ast.BinOp) and isinstance(child, ast.BinOp) and child is node.left):
        return False
    return any(isinstance(node.op, ops) and isinstance(child.op, ops) for ops in _CHAINS)


def _is_power(node: ast.AST) -> bool:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)


def _is_numeric_literal(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float | complex)
        and not isinstance(node.value, bool)
    )


def _literal_magnitude(node: ast.AST) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    return abs(node.value) if _is_numeric_literal(node) else None


def _check_limits(body: ast.expr, source: str) -> None:
    depth, size = _measure(body)
    if depth > MAX_DEPTH:
        raise ExpressionError(_TOO_DEEP)
    if size > MAX_NODES:
        raise ExpressionError(
            f"the expression has too many parts ({size}; at most {MAX_NODES}): simplify it"
        )
    _check_powers(body, source)
    _check_literals(body, source)


def _check_powers(body: ast.expr, source: str) -> None:
    # Evaluation is in floats, so 9**9**9 would only overflow to inf here; it is refused
    # because such a value is useless to plot, and the same text must stay harmless for
    # any tool that computes exactly (as an integer, 9**9**9 takes hours).
    powers = [node for node in ast.walk(body) if _is_power(node)]
    if any(_is_power(inner) for power in powers for inner in ast.walk(power.right)):
        raise ExpressionError(
            "a power inside an exponent (like 9^9^9) is not allowed: such towers grow too "
            "fast; use brackets such as (x^2)^3 if that is what you mean"
        )
    for power in powers:
        magnitude = _literal_magnitude(power.right)
        if magnitude is not None and magnitude > MAX_EXPONENT:
            raise ExpressionError(
                f"the exponent {_segment(source, power.right)} is too large: exponents "
                f"must lie between -{MAX_EXPONENT} and {MAX_EXPONENT}"
            )


def _check_literals(body: ast.expr, source: str) -> None:
    for node in ast.walk(body):
        if _is_numeric_literal(node) and abs(node.value) > MAX_LITERAL:
            raise ExpressionError(
                f"the number {_segment(source, node)} is too large: numbers must be at "
                "most 1e15 in size"
            )


class _Converter:
    """The whitelist: turns a checked syntax tree into nodes, rejecting anything else."""

    def __init__(self, source: str, variables: tuple[str, ...]) -> None:
        self.source = source
        self.variables = variables
        self.handlers: dict[type[ast.AST], Callable[[ast.expr], _Node]] = {
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.UnaryOp: self._unary,
            ast.BinOp: self._binary,
            ast.Call: self._call,
        }

    def convert(self, node: ast.expr) -> _Node:
        handler = self.handlers.get(type(node))
        if handler is None:
            generic = f"'{_segment(self.source, node)}' is not allowed in a formula"
            raise ExpressionError(_REJECTIONS.get(type(node), generic))
        return handler(node)

    def _constant(self, node: ast.Constant) -> _Node:
        value = node.value
        if isinstance(value, bool):
            raise ExpressionError("True and False are not allowed: use 1 and 0")
        if isinstance(value, int | float):
            return _Num(float(value))
        if isinstance(value, str | bytes):
            raise ExpressionError("text in quotes is not allowed: type a formula such as sin(x)")
        if isinstance(value, complex):
            raise ExpressionError("complex numbers are not allowed")
        raise ExpressionError(f"'{_segment(self.source, node)}' is not allowed in a formula")

    def _name(self, node: ast.Name) -> _Node:
        name = node.id
        if name in self.variables:
            return _Var(name)
        if name in _CONSTANTS:
            return _Const(name)
        if name in _FUNCTIONS or name in _ALIASES:
            raise ExpressionError(f"{name} is a function: write {name}({self.variables[0]})")
        raise ExpressionError(self._unknown(name))

    def _unknown(self, name: str) -> str:
        known = ", ".join((*self.variables, *_CONSTANTS))
        message = f"unknown name '{name}'; you can use {known} and the functions "
        message += ", ".join(_FUNCTIONS)
        lower = name.lower()
        if lower != name and (lower in _RESERVED or lower in self.variables):
            message += f" (names are lowercase: did you mean '{lower}'?)"
        elif name == "ln":
            message += " (log is the natural logarithm)"
        return message

    def _unary(self, node: ast.UnaryOp) -> _Node:
        if isinstance(node.op, ast.UAdd):
            return self.convert(node.operand)
        if not isinstance(node.op, ast.USub):
            symbol = _OTHER_OPERATORS.get(type(node.op), "?")
            raise ExpressionError(f"the operator {symbol} is not allowed: use + - * / and ^")
        operand = self.convert(node.operand)
        return _Num(-operand.value) if isinstance(operand, _Num) else _Neg(operand)

    def _binary(self, node: ast.BinOp) -> _Node:
        op = _BINARY_OPERATORS.get(type(node.op))
        if op is None:
            symbol = _OTHER_OPERATORS.get(type(node.op), "?")
            raise ExpressionError(f"the operator {symbol} is not allowed: use + - * / and ^")
        return _Binary(op, self.convert(node.left), self.convert(node.right))

    def _call(self, node: ast.Call) -> _Node:
        name = self._function_name(node)
        typed = node.func.id  # _function_name only accepts bare names
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise ExpressionError(f"write the argument of {typed} plainly, as in {typed}(x)")
        if len(node.args) != 1:
            raise ExpressionError(
                f"{typed} takes exactly one argument, as in {typed}(x), but got {len(node.args)}"
            )
        return _Call(name, self.convert(node.args[0]))

    def _function_name(self, node: ast.Call) -> str:
        func = node.func
        if isinstance(func, ast.Name):
            if func.id in _FUNCTIONS or func.id in _ALIASES:
                return _ALIASES.get(func.id, func.id)
            if func.id in self.variables or func.id in _CONSTANTS:
                raise ExpressionError(
                    f"{func.id} is not a function: to multiply, write {self._as_product(node)}"
                )
            raise ExpressionError(self._unknown(func.id))
        if _is_numeric_literal(func) or isinstance(func, ast.BinOp | ast.UnaryOp | ast.Call):
            # "3(x+1)" and "(x+1)(x-1)" are calls to Python, products to a learner.
            raise ExpressionError(
                f"a * is missing before '(': to multiply, write {self._as_product(node)}"
            )
        self.convert(func)  # attributes, lambdas and the like explain themselves
        raise ExpressionError(f"only the functions {', '.join(_FUNCTIONS)} can be called")

    @staticmethod
    def _as_product(node: ast.Call) -> str:
        factor = ast.unparse(node.func)
        if not isinstance(node.func, ast.Name | ast.Constant):
            factor = f"({factor})"
        arguments = ", ".join(ast.unparse(arg) for arg in node.args)
        return _shorten(f"{factor}*({arguments})")


def parse_function(text: str, variables: tuple[str, ...] = ("x",)) -> Expression:
    """Read a typed formula into an :class:`Expression`, without running it as code.

    Parameters
    ----------
    text : str
        The formula, e.g. ``"sin(x)^2 + 3*x"``. It may use numbers, the variables, ``pi``,
        ``e``, ``+ - * / ^ **``, brackets and the functions sin, cos, tan, exp, log
        (natural), log2, log10, sqrt, abs, tanh, sinh, cosh, arctan (atan), arcsin (asin),
        arccos (acos), sigmoid, relu and sign. ``π × · − ÷ ² ³`` are read as
        ``pi * * - / **2 **3``.
    variables : tuple of str, optional
        Distinct lowercase names of the variables, ``("x",)`` by default.

    Returns
    -------
    Expression
        The checked function, ready to evaluate, differentiate and display.

    Raises
    ------
    ExpressionError
        If the text is not an accepted formula or exceeds a limit (``MAX_LENGTH``
        characters, ``MAX_DEPTH`` levels of nesting, ``MAX_NODES`` parts, exponents above
        ``MAX_EXPONENT``, numbers above ``MAX_LITERAL``, powers inside exponents). The
        message says what is wrong.
    ValueError
        If `variables` is not a non-empty tuple of distinct lowercase names that differ
        from the function and constant names.

    Examples
    --------
    >>> f = parse_function("x^2 + 1")
    >>> f(np.array([0.0, 1.0, 2.0]))
    array([1., 2., 5.])
    >>> parse_function("2x")
    Traceback (most recent call last):
    ...
    mathviz.expressions.ExpressionError: a * is missing between '2' and 'x': to multiply, write 2*x
    """
    _check_variables(variables)
    source = _normalise(text, variables)
    body = _read(source)
    _check_limits(body, source)
    tree = _Converter(source, variables).convert(body)
    return Expression(source, variables, tree)
