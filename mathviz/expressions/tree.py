"""The expression tree: whitelisted functions, nodes that evaluate, print and differentiate.

``_FUNCTIONS`` are the whitelisted functions as numpy callables; ``_KINKS`` the internal
derivatives of ``abs``, ``relu`` and ``sign``, nan where the derivative does not exist
(printed ``abs'(x)``, ``relu'(x)``, ``sign'(x)``, and read back in that form). The nodes
``_Num``, ``_Const``, ``_Var``, ``_Neg``, ``_Binary`` and ``_Call`` each evaluate,
differentiate and print themselves (plain text and LaTeX). ``_derive`` applies the rules
``_BINARY_RULES`` and ``_OUTER_DERIVATIVES`` through the simplifying constructors ``_add``,
``_sub``, ``_mul``, ``_div``, ``_pow`` and ``_neg`` (``0*u -> 0``, ``1*u -> u``, numbers
folded); ``mathviz.expressions.simplify`` then collects what they leave.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeGuard

import numpy as np
import numpy.typing as npt
from scipy import special

# What the parser accepts. Derivatives are printed within these limits (or not simplified),
# so whatever the app prints of a typed function can be typed back in.
MAX_LENGTH = 1000
MAX_DEPTH = 40
MAX_NODES = 600
MAX_EXPONENT = 100
MAX_LITERAL = 1e15

_Values = npt.NDArray[np.float64] | np.float64 | float
_Environment = Mapping[str, npt.NDArray[np.float64]]


# --------------------------------------------------------------------------------------
# Numerics
# --------------------------------------------------------------------------------------


def _sech(u: _Values) -> _Values:
    # 2e^(−|u|) / (1 + e^(−2|u|)) never overflows, where 1/cosh(u) would beyond |u| ≈ 710.
    e = np.exp(-np.abs(u))
    return 2 * e / (1 + e * e)


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
    "sech": _sech,
    "sigmoid": special.expit,
    "relu": _relu,
    "sign": np.sign,
}
_ALIASES = {"atan": "arctan", "asin": "arcsin", "acos": "arccos"}
# Derivatives of the kinks, printed abs'(x), relu'(x) and sign'(x) and read back that way.
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
    "sech": (r"\operatorname{sech}\left(", r"\right)"),
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


def _is_product(node: _Node) -> TypeGuard[_Binary]:
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


def _is_reciprocal(node: _Node) -> TypeGuard[_Binary]:
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
    # (1/v)*w reads better as w/v, which the chain rule produces for log and friends.
    if _is_reciprocal(a):
        return _div(b, a.right)
    if _is_reciprocal(b):
        return _div(a, b.right)
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
    # sech² and σ(u)·σ(−u) keep their digits far from 0, where 1 − tanh² and σ(1 − σ)
    # cancel to 0 (at u = 20 and u = 40), and both can be typed back in.
    "tanh": lambda u: _pow(_Call("sech", u), _TWO),
    "sech": lambda u: _neg(_mul(_Call("sech", u), _Call("tanh", u))),
    "sinh": lambda u: _Call("cosh", u),
    "cosh": lambda u: _Call("sinh", u),
    "arctan": lambda u: _div(_ONE, _add(_ONE, _pow(u, _TWO))),
    "arcsin": _inverse_sqrt_of_one_minus_square,
    "arccos": lambda u: _neg(_inverse_sqrt_of_one_minus_square(u)),
    "sigmoid": lambda u: _mul(_Call("sigmoid", u), _Call("sigmoid", _neg(u))),
    "relu": lambda u: _Call("relu'", u),
    "sign": lambda u: _Call("sign'", u),
    # The kinks are flat wherever they are defined and undefined at 0, like sign'.
    "relu'": lambda u: _Call("sign'", u),
    "abs'": lambda u: _Call("sign'", u),
    "sign'": lambda u: _Call("sign'", u),
}
