r"""Typed functions as data: read, check, evaluate and differentiate them safely.

A learner types a formula such as ``sin(x)^2 + 3*x``. This module turns that text into an
:class:`Expression` without ever running it as Python: :func:`ast.parse` reads the text into a
syntax tree, the tree is checked against a whitelist, and it is rebuilt as a small tree of
frozen dataclasses that numpy evaluates by walking it. The text is never run: ``eval`` and
``exec`` are not used, and ``compile`` only through ``ast.parse``, which yields a syntax tree,
never code.

Map of the package
------------------
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

from mathviz.expressions.expression import Expression
from mathviz.expressions.reading import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_LITERAL,
    MAX_NODES,
    ExpressionError,
    parse_function,
)

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

# Tracebacks name the error by the module users import it from.
ExpressionError.__module__ = __name__
