"""Collecting like terms and common factors, so derivatives print short and read back.

The differentiation rules build their result one rule at a time, so the second
derivative of x²·e⁻ˣ comes out as ``2*exp(-x) - 2*x*exp(-x) - (2*x*exp(-x) -
x**2*exp(-x))``. :func:`simplify` reads such a tree as a sum of terms, each a number times
a product of powers of *atoms* (a variable, a constant, a function call, or a sum that is
kept whole), with every number an exact fraction. Like terms are added, powers of one atom
are multiplied, terms that cancel vanish, and factors shared by every term are put in
front: ``(2 - 4*x + x**2)*exp(-x)``, and the quotient rule's ``(…)/(v**2)**2`` is cancelled
down to the power of v that remains.

What it leaves alone, on purpose:

- sums raised to a power stay whole, ``(1 + x**2)**2``, as a learner would write them;
- a product of two sums is multiplied out only while that stays short;
- powers with fractional exponents (``x**0.5``) are never merged, since √x·√x is not x
  for x < 0; ``sqrt``, ``abs`` and the other functions are atoms;
- the result is kept only when it prints shorter than the tree it came from.

Cancelling x/x to 1 gives a value at x = 0 where the unsimplified quotient had none: the
simplified form is the derivative's continuous extension there.
"""

from __future__ import annotations

import math
from fractions import Fraction

from mathviz.expressions.tree import (
    _ONE,
    _ZERO,
    MAX_EXPONENT,
    MAX_LITERAL,
    _add,
    _Binary,
    _Call,
    _div,
    _format_number,
    _mul,
    _Neg,
    _neg,
    _Node,
    _Num,
    _pow,
    _sub,
    _Var,
)

# A term's powers of atoms: atom key → (atom, whole exponent), in order of appearance.
_Powers = dict[str, tuple[_Node, int]]
# A sum: each distinct product of powers → (exact coefficient, the powers).
_Terms = dict[tuple[tuple[str, int], ...], tuple[Fraction, _Powers]]

MAX_EXPANDED_TERMS = 16  # two sums are multiplied out only up to this many terms


def simplify(node: _Node) -> _Node:
    """The tree with like terms collected and common factors in front, if that is shorter.

    Products of two sums are tried both ways, multiplied out and kept whole; the shorter
    print wins, and the tree as it came when neither is shorter.

    Examples
    --------
    >>> from mathviz.expressions import parse_function
    >>> str(parse_function("x^2*exp(-x)").derivative().derivative())
    '(x**2 - 4*x + 2)*exp(-x)'
    >>> str(parse_function("x/x + x - x").derivative())
    '0'
    """
    expanded = _simplified(node, expand=True)
    kept_whole = _simplified(node, expand=False)
    return kept_whole if len(kept_whole.plain()) <= len(expanded.plain()) else expanded


def _simplified(node: _Node, *, expand: bool) -> _Node:
    """The collected tree, or the tree as it came when that is shorter or unprintable."""
    try:
        simpler = _rebuild(_collect(node, expand=expand))
    except _UnprintableError:
        return node
    # Ties go to the collected form: its sums are in one order, so the same sum met
    # twice (1 + x**2 in a square root, x**2 + 1 in a quotient) is one factor.
    return simpler if len(simpler.plain()) <= len(node.plain()) else node


class _UnprintableError(Exception):
    """The collected form would not print in a form the parser reads back."""


# ---------------------------------------------------------------- reading a tree as terms


def _exact(value: float) -> Fraction:
    """The number a float stands for: 0.1 as 1/10 when its short form reads back exactly."""
    short = _format_number(value)
    return Fraction(short) if float(short) == value else Fraction(value)


def _atom(node: _Node) -> _Terms:
    return _monomial(Fraction(1), {node.plain(): (node, 1)})


def _monomial(coefficient: Fraction, powers: _Powers) -> _Terms:
    if coefficient == 0:
        return {}
    return {_key(powers): (coefficient, powers)}


def _key(powers: _Powers) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((name, exponent) for name, (_, exponent) in powers.items()))


def _collect(node: _Node, *, expand: bool) -> _Terms:  # noqa: PLR0911 - one case per kind of node
    if isinstance(node, _Num):
        return _monomial(_exact(node.value), {})
    if isinstance(node, _Neg):
        return _scaled(_collect(node.operand, expand=expand), Fraction(-1))
    if isinstance(node, _Call):
        return _atom(_Call(node.name, _simplified(node.arg, expand=expand)))
    if not isinstance(node, _Binary):
        return _atom(node)  # a variable or a constant
    if node.op in "+-":
        left, right = _collect(node.left, expand=expand), _collect(node.right, expand=expand)
        return _plus(left, right if node.op == "+" else _scaled(right, -1))
    if node.op == "*":
        left, right = _collect(node.left, expand=expand), _collect(node.right, expand=expand)
        return _times(left, right, expand=expand)
    if node.op == "/":
        left, right = _collect(node.left, expand=expand), _collect(node.right, expand=expand)
        return _times(left, _reciprocal(right, node.right), expand=expand)
    return _power(node, expand=expand)


def _power(node: _Binary, *, expand: bool) -> _Terms:
    exponent = _collect(node.right, expand=expand)
    whole = _constant(exponent)
    if whole is None or whole.denominator != 1:
        # x**y or x**0.5: an atom, its parts simplified on their own.
        parts = (_simplified(part, expand=expand) for part in (node.left, node.right))
        return _atom(_Binary("**", *parts))
    n = int(whole)
    base = _collect(node.left, expand=expand)
    if not base:
        return {} if n > 0 else _monomial(Fraction(1), {}) if n == 0 else _atom(node)
    if len(base) == 1:
        ((coefficient, powers),) = base.values()
        scaled = {name: (atom, exponent * n) for name, (atom, exponent) in powers.items()}
        return _monomial(coefficient**n, scaled)
    return _sum_atom(base, n)


def _constant(terms: _Terms) -> Fraction | None:
    if not terms:
        return Fraction(0)
    if len(terms) == 1 and () in terms:
        return terms[()][0]
    return None


def _sum_atom(terms: _Terms, exponent: int) -> _Terms:
    """A sum kept whole, as one factor, its content in front: (−2x + 4) = −2·(x − 2).

    With the content (a common fraction of the numbers, signed so the leading term is
    positive) divided out, a sum has one name however it was scaled: the 2·(x³ − 2x + 5)
    of a chain rule and the (x³ − 2x + 5)² beside it are powers of one atom.
    """
    items = _ordered(list(terms.values()))
    coefficients = [coefficient for coefficient, _ in items]
    content = Fraction(
        math.gcd(*(c.numerator for c in coefficients)),
        math.lcm(*(c.denominator for c in coefficients)),
    )
    content = content if items[0][0] > 0 else -content
    whole = _rebuild(_scaled(terms, 1 / content))
    return _monomial(content**exponent, {whole.plain(): (whole, exponent)})


def _ordered(items: list[tuple[Fraction, _Powers]]) -> list[tuple[Fraction, _Powers]]:
    # Highest powers of the variables first, as in x**2 - 4*x + 2; ties keep their order.
    return sorted(items, key=lambda item: -_degree(item[1]))


def _reciprocal(terms: _Terms, node: _Node) -> _Terms:
    if not terms:
        # Division by an expression that collects to 0: keep the quotient as it was.
        return _atom(_Binary("/", _ONE, node))
    if len(terms) == 1:
        ((coefficient, powers),) = terms.values()
        inverse = {name: (atom, -exponent) for name, (atom, exponent) in powers.items()}
        return _monomial(1 / coefficient, inverse)
    return _sum_atom(terms, -1)


def _scaled(terms: _Terms, factor: Fraction | int) -> _Terms:
    return {key: (coefficient * factor, powers) for key, (coefficient, powers) in terms.items()}


def _plus(a: _Terms, b: _Terms) -> _Terms:
    total = dict(a)
    for key, (coefficient, powers) in b.items():
        if key in total:
            total[key] = (total[key][0] + coefficient, total[key][1])
        else:
            total[key] = (coefficient, powers)
    return {key: value for key, value in total.items() if value[0] != 0}


def _times(a: _Terms, b: _Terms, *, expand: bool) -> _Terms:
    # With ``expand``, sums are multiplied out while the product stays short. Without,
    # a sum that is a factor stays whole, so the same sum met again (a quotient rule's v
    # beside its v²) merges with it; it is spread only over a single term that divides,
    # so the terms over a denominator can cancel with it. Either way a sum the other side
    # already holds as a factor stays whole: (1 + x²)·1/(1 + x²) is 1.
    if expand:
        spread = len(a) == 1 or len(b) == 1 or len(a) * len(b) <= MAX_EXPANDED_TERMS
    else:
        spread = _divides(a) or _divides(b)
    if len(a) > 1 and (not spread or _holds(b, a)):
        a = _sum_atom(a, 1)
    if len(b) > 1 and (not spread or _holds(a, b)):
        b = _sum_atom(b, 1)
    product: _Terms = {}
    for coefficient_a, powers_a in a.values():
        for coefficient_b, powers_b in b.values():
            term = _monomial(coefficient_a * coefficient_b, _merged(powers_a, powers_b))
            product = _plus(product, term)
    return product


def _divides(terms: _Terms) -> bool:
    """Whether ``terms`` is a single term with a power below 0: a denominator."""
    if len(terms) != 1:
        return False
    ((_, powers),) = terms.values()
    return any(exponent < 0 for _, exponent in powers.values())


def _holds(terms: _Terms, whole: _Terms) -> bool:
    """Whether every term has the sum ``whole`` among its factors."""
    ((_, powers),) = _sum_atom(whole, 1).values()
    (name,) = powers
    return bool(terms) and all(name in other for _, other in terms.values())


def _merged(a: _Powers, b: _Powers) -> _Powers:
    powers = dict(a)
    for name, (atom, exponent) in b.items():
        total = powers[name][1] + exponent if name in powers else exponent
        if total == 0:
            powers.pop(name, None)
        else:
            powers[name] = (atom, total)
    return powers


# ---------------------------------------------------------------- writing terms as a tree


def _rebuild(terms: _Terms) -> _Node:
    if not terms:
        return _ZERO
    items = list(terms.values())
    if len(items) == 1:
        return _term(*items[0])
    shared = _shared_powers([powers for _, powers in items])
    if not shared:
        return _sum(items)
    rest = [
        (coefficient, _merged(powers, {n: (a, -e) for n, (a, e) in shared.items()}))
        for coefficient, powers in items
    ]
    above = {n: (a, e) for n, (a, e) in shared.items() if e > 0}
    below = {n: (a, -e) for n, (a, e) in shared.items() if e < 0}
    return _div(_mul(_sum(rest), _product(above)), _product(below))


def _shared_powers(all_powers: list[_Powers]) -> _Powers:
    """Powers of the atoms every term has, each to its smallest exponent among the terms.

    With negative exponents this puts the terms over a common denominator.
    """
    shared: _Powers = {}
    for name, (atom, _) in all_powers[0].items():
        if all(name in powers for powers in all_powers):
            smallest = min(powers[name][1] for powers in all_powers)
            if smallest != 0:
                shared[name] = (atom, smallest)
    return shared


def _sum(items: list[tuple[Fraction, _Powers]]) -> _Node:
    items = _ordered(items)
    group = _common_atom(items)
    if group is not None:
        # a·S + b·S + c, with S a long factor such as a sum, reads (a + b)·S + c.
        name, exponent = group
        atom = next(powers[name][0] for _, powers in items if name in powers)
        within = [item for item in items if name in item[1]]
        others = [item for item in items if name not in item[1]]
        inner: _Terms = {}
        for coefficient, powers in within:
            rest = _merged(powers, {name: (atom, -exponent)})
            inner = _plus(inner, _monomial(coefficient, rest))
        grouped = _mul(_rebuild(inner), _pow(atom, _Num(float(exponent))))
        if not others:
            return grouped
        rest_node = _sum(others)
        first = items.index(within[0]) < items.index(others[0])
        return _add(grouped, rest_node) if first else _add(rest_node, grouped)
    total = _term(*items[0])
    for coefficient, powers in items[1:]:
        if coefficient < 0:
            total = _sub(total, _term(-coefficient, powers))
        else:
            total = _add(total, _term(coefficient, powers))
    return total


def _common_atom(items: list[tuple[Fraction, _Powers]]) -> tuple[str, int] | None:
    """The long factor (not a bare variable) worth writing once for several terms."""
    best, saving = None, 0
    names = {name for _, powers in items for name in powers}
    for name in sorted(names):
        exponents = [powers[name][1] for _, powers in items if name in powers]
        atom = next(powers[name][0] for _, powers in items if name in powers)
        if len(exponents) < 2 or isinstance(atom, _Var):
            continue
        if all(e > 0 for e in exponents) or all(e < 0 for e in exponents):
            exponent = min(exponents, key=abs)
            gain = (len(exponents) - 1) * len(name)
            if gain > saving:
                best, saving = (name, exponent), gain
    return best


def _degree(powers: _Powers) -> int:
    return sum(exponent for atom, exponent in powers.values() if isinstance(atom, _Var))


def _term(coefficient: Fraction, powers: _Powers) -> _Node:
    above = {n: (a, e) for n, (a, e) in powers.items() if e > 0}
    below = {n: (a, -e) for n, (a, e) in powers.items() if e < 0}
    sign = -1 if coefficient < 0 else 1
    magnitude = abs(coefficient)
    if magnitude.denominator != 1 and not _decimal(magnitude):
        numerator = _number(Fraction(magnitude.numerator))
        denominator = _number(Fraction(magnitude.denominator))
    else:
        numerator, denominator = _number(magnitude), _ONE
    node = _div(_mul(numerator, _product(above)), _mul(denominator, _product(below)))
    return _neg(node) if sign < 0 else node


def _decimal(value: Fraction) -> bool:
    """Whether a fraction reads better as a decimal: 1/10 as 0.1, but 1/2 as 1/2."""
    q = value.denominator
    fives = 0
    while q % 5 == 0:
        q //= 5
        fives += 1
    return fives > 0 and q & (q - 1) == 0


def _number(value: Fraction) -> _Num:
    number = float(value)
    if not abs(number) <= MAX_LITERAL:
        raise _UnprintableError
    return _Num(number)


def _product(powers: _Powers) -> _Node:
    node: _Node = _ONE
    for atom, exponent in powers.values():
        if exponent > MAX_EXPONENT:
            raise _UnprintableError
        node = _mul(node, _pow(atom, _Num(float(exponent))))
    return node
