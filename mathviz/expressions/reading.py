"""Reading text into an ``Expression``, checked step by step against a whitelist.

In the order the checks run: ``_check_variables``; ``_normalise`` (empty text, bracket
nesting, length, friendly substitutions, allowed characters, products written without
``*``); ``_read`` (``ast.parse`` with its errors put into words); ``_check_limits`` (depth,
size, power towers, large exponents, large numbers); ``_Converter`` (the whitelist, which
builds the node tree).
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Callable
from typing import Any, TypeGuard

from mathviz.expressions.expression import Expression
from mathviz.expressions.tree import (
    _ALIASES,
    _CONSTANTS,
    _FUNCTIONS,
    _KINKS,
    _RESERVED,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_LITERAL,
    MAX_NODES,
    _Binary,
    _Call,
    _Const,
    _Neg,
    _Node,
    _Num,
    _Var,
)


class ExpressionError(ValueError):
    """The typed text is not a formula this module accepts.

    The message names the problem in words a student understands, without Python jargon,
    so the user interface can show it as it is.
    """


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
_KINK_SPELLING = re.compile(r"\b(abs|relu|sign)'\s*\(")
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
    source = _KINK_SPELLING.sub(r"\1_prime(", source)  # abs'(x), as derivatives print it
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
    stack: list[tuple[ast.AST, int]] = [(body, 1)]
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


def _is_power(node: ast.AST) -> TypeGuard[ast.BinOp]:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)


def _numeric_value(node: ast.AST) -> int | float | complex | None:
    """The number a numeric literal holds; None for any other node, True and False included."""
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float | complex)
        and not isinstance(node.value, bool)
    ):
        return node.value
    return None


def _literal_magnitude(node: ast.AST) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    value = _numeric_value(node)
    return abs(value) if value is not None else None


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
        value = _numeric_value(node)
        if value is not None and abs(value) > MAX_LITERAL:
            raise ExpressionError(
                f"the number {_segment(source, node)} is too large: numbers must be at "
                "most 1e15 in size"
            )


class _Converter:
    """The whitelist: turns a checked syntax tree into nodes, rejecting anything else."""

    def __init__(self, source: str, variables: tuple[str, ...]) -> None:
        self.source = source
        self.variables = variables
        # Each handler takes the node type it is filed under, which a dict cannot express.
        self.handlers: dict[type[ast.expr], Callable[[Any], _Node]] = {
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
        if not isinstance(node.func, ast.Name):  # never: _function_name only accepts bare names
            raise ExpressionError(f"only the functions {', '.join(_FUNCTIONS)} can be called")
        typed = node.func.id
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
            if func.id.endswith("_prime") and f"{func.id[:-6]}'" in _KINKS:
                return f"{func.id[:-6]}'"
            if func.id in self.variables or func.id in _CONSTANTS:
                raise ExpressionError(
                    f"{func.id} is not a function: to multiply, write {self._as_product(node)}"
                )
            raise ExpressionError(self._unknown(func.id))
        if _numeric_value(func) is not None or isinstance(func, ast.BinOp | ast.UnaryOp | ast.Call):
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
        (natural), log2, log10, sqrt, abs, tanh, sinh, cosh, sech, arctan (atan), arcsin
        (asin), arccos (acos), sigmoid, relu and sign, and the derivatives ``abs'``,
        ``relu'`` and ``sign'`` as derivatives print them. ``π × · − ÷ ² ³`` are read as
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
    >>> f([0.0, 1.0, 2.0])
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
