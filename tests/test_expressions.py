"""Tests for mathviz.expressions: reading, evaluating and differentiating typed functions."""

import ast
import builtins
import doctest
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.differentiate import derivative as numerical_derivative

from mathviz import expressions
from mathviz.expressions import Expression, ExpressionError, parse_function

XS = np.linspace(0.1, 3, 50)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


# --------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------

VALID: list[tuple[str, Callable[[np.ndarray], np.ndarray]]] = [
    ("2", lambda x: np.full_like(x, 2.0)),
    ("-2.5", lambda x: np.full_like(x, -2.5)),
    ("x", lambda x: x),
    ("-x", lambda x: -x),
    ("+x", lambda x: x),
    ("sin(x)^2 + 3*x", lambda x: np.sin(x) ** 2 + 3 * x),
    ("cos(x)", np.cos),
    ("tan(x)", np.tan),
    ("exp(x)", np.exp),
    ("log(x)", np.log),
    ("log2(x)", np.log2),
    ("log10(x)", np.log10),
    ("sqrt(x)", np.sqrt),
    ("abs(x - 1)", lambda x: np.abs(x - 1)),
    ("tanh(x)", np.tanh),
    ("sinh(x)", np.sinh),
    ("cosh(x)", np.cosh),
    ("arctan(x)", np.arctan),
    ("atan(x)", np.arctan),
    ("arcsin(x/3)", lambda x: np.arcsin(x / 3)),
    ("asin(x/4)", lambda x: np.arcsin(x / 4)),
    ("arccos(x/3)", lambda x: np.arccos(x / 3)),
    ("acos(x/4)", lambda x: np.arccos(x / 4)),
    ("sigmoid(x - 1)", lambda x: sigmoid(x - 1)),
    ("relu(x - 1)", lambda x: np.maximum(x - 1, 0)),
    ("sign(x - 1)", lambda x: np.sign(x - 1)),
    ("pi*x", lambda x: np.pi * x),
    ("e^x", lambda x: np.e**x),
    ("2^-1", lambda x: np.full_like(x, 0.5)),
    ("-x^2", lambda x: -(x**2)),
    ("(-x)**2", lambda x: x**2),
    ("-2**2 + x", lambda x: x - 4),
    ("x/2/4", lambda x: x / 8),
    ("10 - 2 - x", lambda x: 8 - x),
    ("2*pi - e", lambda x: np.full_like(x, 2 * np.pi - np.e)),
    ("exp(sin(x))/(1 + x^2)", lambda x: np.exp(np.sin(x)) / (1 + x**2)),
    ("sqrt(abs(log(x)))", lambda x: np.sqrt(np.abs(np.log(x)))),
    ("x**0.5 + 1/x - 3", lambda x: np.sqrt(x) + 1 / x - 3),
    ("x**x", lambda x: x**x),
    ("1_000*x", lambda x: 1000 * x),
    ("  cos( 2*x )  ", lambda x: np.cos(2 * x)),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_valid_expressions_match_numpy(text: str, expected: Callable) -> None:
    np.testing.assert_allclose(parse_function(text)(XS), expected(XS), rtol=1e-13)


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_plain_text_reads_back_as_the_same_function(text: str, expected: Callable) -> None:
    f = parse_function(text)
    np.testing.assert_allclose(parse_function(str(f))(XS), f(XS), rtol=1e-13)


def test_sigmoid_is_accurate_far_into_both_tails() -> None:
    f = parse_function("sigmoid(x)")
    np.testing.assert_allclose(f([-40.0, 0.0, 40.0]), [np.exp(-40.0), 0.5, 1.0], rtol=1e-14)
    assert f(-800.0) == 0.0
    assert f(800.0) == 1.0


def test_constant_has_the_shape_of_the_input() -> None:
    f = parse_function("2")
    np.testing.assert_array_equal(f(XS), np.full_like(XS, 2.0, dtype=float))
    assert f(np.zeros((3, 4))).shape == (3, 4)


def test_scalar_input_gives_a_zero_dimensional_array() -> None:
    value = parse_function("x^2")(3)
    assert isinstance(value, np.ndarray)
    assert value.shape == ()
    assert value.dtype == np.float64
    assert float(value) == 9.0
    assert parse_function("7")(1.5).shape == ()


def test_output_is_float_and_keeps_the_input_shape() -> None:
    grid = np.arange(12).reshape(3, 4)
    values = parse_function("x + 1")(grid)
    assert values.dtype == np.float64
    assert values.shape == (3, 4)
    np.testing.assert_array_equal(values, grid + 1.0)


def test_identity_returns_a_copy_not_the_input() -> None:
    xs = np.array([1.0, 2.0])
    ys = parse_function("x")(xs)
    ys[0] = 99.0
    assert xs[0] == 1.0


def test_domain_errors_give_nan_and_inf_without_warnings() -> None:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        logs = parse_function("log(x)")([-1.0, 0.0, 1.0])
        reciprocal = parse_function("1/x")(0.0)
        overflow = parse_function("exp(x)^100")(1000.0)
        power = parse_function("(-8)^(1/3) + x")(0.0)
    assert np.isnan(logs[0])
    assert logs[1] == -np.inf
    assert logs[2] == 0.0
    assert reciprocal == np.inf
    assert overflow == np.inf
    assert np.isnan(power)


# --------------------------------------------------------------------------------------
# Derivatives
# --------------------------------------------------------------------------------------

DERIVATIVES: list[tuple[str, Callable[[np.ndarray], np.ndarray]]] = [
    ("sin(x)", np.cos),
    ("cos(x)", lambda x: -np.sin(x)),
    ("tan(x)", lambda x: 1 / np.cos(x) ** 2),
    ("exp(x)", np.exp),
    ("log(x)", lambda x: 1 / x),
    ("log2(x)", lambda x: 1 / (x * np.log(2))),
    ("log10(x)", lambda x: 1 / (x * np.log(10))),
    ("sqrt(x)", lambda x: 0.5 / np.sqrt(x)),
    ("abs(x - 1)", lambda x: np.sign(x - 1)),
    ("tanh(x)", lambda x: 1 - np.tanh(x) ** 2),
    ("sinh(x)", np.cosh),
    ("cosh(x)", np.sinh),
    ("arctan(x)", lambda x: 1 / (1 + x**2)),
    ("arcsin(x/4)", lambda x: (1 / 4) / np.sqrt(1 - (x / 4) ** 2)),
    ("arccos(x/4)", lambda x: -(1 / 4) / np.sqrt(1 - (x / 4) ** 2)),
    ("sigmoid(x)", lambda x: sigmoid(x) * (1 - sigmoid(x))),
    ("relu(x - 1)", lambda x: (x > 1).astype(float)),
    ("sign(x - 1)", np.zeros_like),
    ("x^3", lambda x: 3 * x**2),
    ("x^-2", lambda x: -2 * x**-3),
    ("x^pi", lambda x: np.pi * x ** (np.pi - 1)),
    ("-x^2", lambda x: -2 * x),
    ("x*sin(x)", lambda x: np.sin(x) + x * np.cos(x)),
    ("sin(x)/x", lambda x: (x * np.cos(x) - np.sin(x)) / x**2),
    ("x/4", lambda x: np.full_like(x, 0.25)),
    ("exp(-x^2)", lambda x: -2 * x * np.exp(-(x**2))),
    ("log(1 + x^2)", lambda x: 2 * x / (1 + x**2)),
    ("sqrt(1 + x^2)", lambda x: x / np.sqrt(1 + x**2)),
    ("x**x", lambda x: x**x * (np.log(x) + 1)),
    ("2**x", lambda x: 2**x * np.log(2)),
    ("x**sin(x)", lambda x: x ** np.sin(x) * (np.cos(x) * np.log(x) + np.sin(x) / x)),
    ("e^(2*x)", lambda x: 2 * np.exp(2 * x)),
    ("sin(cos(x))", lambda x: -np.cos(np.cos(x)) * np.sin(x)),
    ("(x + 1)*(x - 1)", lambda x: 2 * x),
    ("3", np.zeros_like),
    ("pi*e", np.zeros_like),
]


@pytest.mark.parametrize(("text", "expected"), DERIVATIVES)
def test_derivatives_match_hand_written_numpy(text: str, expected: Callable) -> None:
    df = parse_function(text).derivative()
    np.testing.assert_allclose(df(XS), expected(XS), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x^4", lambda x: 12 * x**2),
        ("sin(x)", lambda x: -np.sin(x)),
        ("sigmoid(x)", lambda x: sigmoid(x) * (1 - sigmoid(x)) * (1 - 2 * sigmoid(x))),
        ("x**x", lambda x: x**x * ((np.log(x) + 1) ** 2 + 1 / x)),
    ],
)
def test_second_derivatives(text: str, expected: Callable) -> None:
    d2f = parse_function(text).derivative().derivative()
    np.testing.assert_allclose(d2f(XS), expected(XS), rtol=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        "exp(sin(x))/(1+x^2)",
        "x**x * log(1 + x)",
        "sigmoid(3*x - 1)*tanh(x)",
        "sqrt(1 + x^2)^3 - arctan(x^2)/(2 + cos(x))",
        "log10(1 + x)^2 * cosh(x/3)",
    ],
)
def test_derivatives_agree_with_scipy(text: str) -> None:
    f = parse_function(text)
    # A small first step keeps the stencil inside x > 0, where x**x is defined.
    result = numerical_derivative(f, XS, initial_step=0.05)
    assert result.success.all()
    np.testing.assert_allclose(f.derivative()(XS), result.df, rtol=1e-8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abs(x)", [-1.0, np.nan, 1.0]),
        ("relu(x)", [0.0, np.nan, 1.0]),
        ("sign(x)", [0.0, np.nan, 0.0]),
    ],
)
def test_kinks_have_no_derivative_at_zero(text: str, expected: list[float]) -> None:
    df = parse_function(text).derivative()
    np.testing.assert_array_equal(df([-2.0, 0.0, 3.0]), expected)


def test_second_derivative_of_abs_is_zero_except_at_the_kink() -> None:
    d2f = parse_function("abs(x)").derivative().derivative()
    np.testing.assert_array_equal(d2f([-2.0, 0.0, 3.0]), [0.0, np.nan, 0.0])


def test_derivative_of_a_constant_is_zero_with_the_input_shape() -> None:
    df = parse_function("5").derivative()
    assert str(df) == "0"
    np.testing.assert_array_equal(df(XS), np.zeros(50))
    assert df(np.ones((2, 3))).shape == (2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x**3", "3*x**2"),
        ("x^2", "2*x"),
        ("sin(x)", "cos(x)"),
        ("cos(x)", "-sin(x)"),
        ("3*x + 1", "3"),
        ("log(x)", "1/x"),
        ("1/x", "-1/x**2"),
        ("exp(2*x)", "2*exp(2*x)"),
        ("x^4", "4*x**3"),
        ("5", "0"),
    ],
)
def test_simple_derivatives_print_like_by_hand(text: str, expected: str) -> None:
    df = parse_function(text).derivative()
    assert str(df) == expected
    assert df.text == expected


def test_second_derivative_prints_simplified() -> None:
    assert str(parse_function("x^4").derivative().derivative()) == "12*x**2"


def test_derivative_keeps_the_variables() -> None:
    df = parse_function("t^2", ("t",)).derivative()
    assert df.variables == ("t",)
    assert str(df) == "2*t"


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("x^2*exp(-x)", "(x**2 - 4*x + 2)*exp(-x)"),  # like terms collected, e^−x in front
        ("x/(1 + x)", "-2/(x + 1)**3"),  # the quotient rule's (v²)² cancelled down
        ("1/(1 + x^2)", "(8*x**2 - 2*(x**2 + 1))/(x**2 + 1)**3"),
        ("x^x", "((log(x) + 1)**2 + 1/x)*x**x"),
        ("exp(-x)*cos(3*x)", "(6*sin(3*x) - 8*cos(3*x))*exp(-x)"),
        ("x^3/3 + 0*x + 1*x", "2*x"),  # ·1 and +0 dropped, 1/3 kept exact
        ("0.1*x^2", "0.2"),
    ],
)
def test_second_derivatives_print_collected(text: str, second: str) -> None:
    assert str(parse_function(text).derivative().derivative()) == second


def test_terms_that_cancel_leave_zero() -> None:
    assert str(parse_function("x/x + x - x").derivative()) == "0"
    assert str(parse_function("(x - 1)*(x - 2) - x^2 + 3*x").derivative()) == "0"


@pytest.mark.parametrize(
    ("text", "point", "slope"),
    [
        ("sigmoid(x)", 40.0, 4.248354255291589e-18),  # σ(1 − σ) rounds to 0 here
        ("sigmoid(x)", 30.0, 9.357622968839998e-14),  # and loses its third digit here
        ("sigmoid(x)", -40.0, 4.248354255291589e-18),
        ("tanh(x)", 20.0, 1.6993417021166355e-17),  # 1 − tanh² rounds to 0
        ("tanh(x)", -400.0, 0.0),  # 4e−348 is below the smallest float
    ],
)
def test_activation_slopes_keep_their_digits_far_out(text: str, point: float, slope: float):
    df = parse_function(text).derivative()
    assert float(df(point)) == pytest.approx(slope, rel=1e-12, abs=1e-320)
    assert float(parse_function(str(df))(point)) == pytest.approx(slope, rel=1e-12, abs=1e-320)


def test_sech_is_typed_and_differentiated() -> None:
    f = parse_function("sech(x)")
    np.testing.assert_allclose(f(XS), 1 / np.cosh(XS), rtol=1e-14)
    assert float(f(800.0)) == 0.0  # 1/cosh would overflow on the way
    assert str(f.derivative()) == "-sech(x)*tanh(x)"
    assert f.latex() == r"\operatorname{sech}\left(x\right)"


@pytest.mark.parametrize("text", ["abs(x)", "relu(x)", "sign(x)", "x*abs(x - 1)"])
def test_kink_derivatives_read_back_as_printed(text: str) -> None:
    for _ in range(2):
        df = parse_function(text).derivative()
        again = parse_function(str(df))
        assert str(again) == str(df)
        np.testing.assert_array_equal(np.isnan(again(XS_WITH_KINKS)), np.isnan(df(XS_WITH_KINKS)))
        ok = ~np.isnan(df(XS_WITH_KINKS))
        np.testing.assert_allclose(again(XS_WITH_KINKS)[ok], df(XS_WITH_KINKS)[ok], rtol=1e-15)
        text = str(df)


XS_WITH_KINKS = np.array([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 3.0])
FUNCTIONS = ["sin", "cos", "exp", "log", "sqrt", "tanh", "sigmoid", "atan", "abs", "relu", "sech"]


def expressions_text(max_leaves: int = 8) -> st.SearchStrategy[str]:
    """Formulas in x built from the whitelist: calls, sums, products, quotients, powers."""
    leaves = st.sampled_from(["x", "x", "2", "3", "pi", "0.5", "4*x", "1"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.builds("{}({})".format, st.sampled_from(FUNCTIONS), inner),
            st.builds("({}) + ({})".format, inner, inner),
            st.builds("({}) - ({})".format, inner, inner),
            st.builds("({})*({})".format, inner, inner),
            st.builds("({})/({})".format, inner, inner),
            st.builds("({})^{}".format, inner, st.integers(2, 4)),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves)


@settings(max_examples=300, deadline=None)
@given(expressions_text())
def test_printed_derivatives_read_back_as_the_same_function(text: str) -> None:
    try:
        f = parse_function(text)
    except ExpressionError:
        return
    xs = np.linspace(-3.7, 4.1, 57)
    for df in (f.derivative(), f.derivative().derivative()):
        again = parse_function(str(df))  # whatever is printed can be typed back in
        values, read_back = df(xs), again(xs)
        np.testing.assert_array_equal(np.isfinite(values), np.isfinite(read_back))
        finite = np.isfinite(values)
        np.testing.assert_allclose(read_back[finite], values[finite], rtol=1e-9, atol=1e-12)
        f = df


@settings(max_examples=300, deadline=None)
@given(expressions_text())
def test_collected_derivatives_equal_the_rules_applied_as_they_are(text: str) -> None:
    try:
        f = parse_function(text)
    except ExpressionError:
        return
    xs = np.linspace(-3.7, 4.1, 57)
    for _ in range(2):
        raw = expressions.tree._derive(f.tree, "x")  # the product and chain rules, uncollected
        df = f.derivative()
        with np.errstate(all="ignore"):
            reference = np.broadcast_to(raw.evaluate({"x": xs}), xs.shape)
            nudged = np.broadcast_to(raw.evaluate({"x": xs * (1 + 1e-13)}), xs.shape)
            # Compare where the reference is well-conditioned: a nudge of 1e-13 barely moves it.
            steady = np.isfinite(reference) & (
                np.abs(nudged - reference) <= 1e-9 * (1 + np.abs(reference))
            )
        np.testing.assert_allclose(df(xs)[steady], reference[steady], rtol=1e-7, atol=1e-8)
        assert len(str(df)) <= expressions.MAX_LENGTH
        f = df


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------


def polynomial_text(coefficients: list[int]) -> str:
    """Write c4*x**4 + ... + c0 by hand, e.g. "3*x**4 - 2*x**2 + 1"."""
    terms = []
    for power, c in zip(range(len(coefficients) - 1, -1, -1), coefficients, strict=True):
        if c == 0:
            continue
        monomial = {0: f"{abs(c)}", 1: f"{abs(c)}*x"}.get(power, f"{abs(c)}*x**{power}")
        sign = "-" if c < 0 else "+"
        terms.append(f"{sign} {monomial}" if terms else f"{'-' if c < 0 else ''}{monomial}")
    return " ".join(terms) or "0"


@given(st.lists(st.integers(-20, 20), min_size=5, max_size=5))
def test_polynomials_and_their_derivatives_match_numpy(coefficients: list[int]) -> None:
    xs = np.linspace(-3, 3, 41)
    f = parse_function(polynomial_text(coefficients))
    np.testing.assert_allclose(f(xs), np.polyval(coefficients, xs), rtol=1e-12, atol=1e-9)
    df = f.derivative()
    expected = np.polyval(np.polyder(coefficients), xs)
    np.testing.assert_allclose(df(xs), expected, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(parse_function(str(df))(xs), expected, rtol=1e-12, atol=1e-9)


def test_polynomial_text_helper() -> None:
    assert polynomial_text([3, 0, -2, 0, 1]) == "3*x**4 - 2*x**2 + 1"
    assert polynomial_text([0, 0, 0, -1, 0]) == "-1*x"
    assert polynomial_text([0, 0, 0, 0, 0]) == "0"


# --------------------------------------------------------------------------------------
# Several variables
# --------------------------------------------------------------------------------------


@pytest.fixture
def bowl() -> Expression:
    return parse_function("x**2 + 10*y**2", ("x", "y"))


def test_two_variables_at_a_point(bowl: Expression) -> None:
    value = bowl(np.array([1.0, 2.0]))
    assert value.shape == ()
    assert float(value) == 41.0


def test_two_variables_on_a_grid(bowl: Expression) -> None:
    gx, gy = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 7))
    values = bowl(np.stack([gx, gy]))
    assert values.shape == (7, 5)
    np.testing.assert_allclose(values, gx**2 + 10 * gy**2)


def test_partial_derivatives(bowl: Expression) -> None:
    gx, gy = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 7))
    points = np.stack([gx, gy])
    np.testing.assert_allclose(bowl.derivative("x")(points), 2 * gx)
    np.testing.assert_allclose(bowl.derivative("y")(points), 20 * gy)
    assert str(bowl.derivative("y")) == "20*y"
    assert str(parse_function("x*y**2", ("x", "y")).derivative("y")) == "2*x*y"


def test_constant_in_two_variables_has_the_grid_shape() -> None:
    f = parse_function("3", ("x", "y"))
    assert f(np.zeros((2, 4, 5))).shape == (4, 5)


def test_derivative_needs_a_variable_when_there_are_several(bowl: Expression) -> None:
    with pytest.raises(ValueError, match="say which variable"):
        bowl.derivative()
    with pytest.raises(ValueError, match="'z' is not one of the variables"):
        bowl.derivative("z")


@pytest.mark.parametrize("shape", [(3,), (1, 4), ()])
def test_wrong_number_of_coordinates_is_rejected(bowl: Expression, shape: tuple) -> None:
    with pytest.raises(ValueError, match="expected the 2 coordinates"):
        bowl(np.zeros(shape))


# --------------------------------------------------------------------------------------
# Hostile and mistyped input
# --------------------------------------------------------------------------------------

HOSTILE = [
    ("x.real", r"'\.' is only allowed inside numbers"),
    ("().__class__.__bases__", r"'\.' is only allowed"),
    ("__import__('os').system('echo hi')", r"'\.' is only allowed"),
    ("__import__('os')", "unknown name '__import__'"),
    ("import os", "could not read the expression"),
    ("lambda: 1", "'lambda' is not allowed"),
    ("[x for x in range(3)]", "'for' is not allowed"),
    ("open('f')", "unknown name 'open'"),
    ("x if x else 1", r"'if \.\.\. else' is not allowed"),
    ("x < 1", "comparisons"),
    ("f'{x}'", "text in quotes"),
    ("'abc'", "text in quotes"),
    ("np.sin(x)", r"not np\.sin\(x\)"),
    ("sin(x, 2)", "exactly one argument"),
    ("sin(x=1)", "write the argument of sin plainly"),
    ("sin(*x)", "write the argument of sin plainly"),
    ("9**9**9", "a power inside an exponent"),
    ("x**2**3", "a power inside an exponent"),
    ("x^(2^3)", "a power inside an exponent"),
    ("x**1000", "the exponent 1000 is too large"),
    ("x**-101", "the exponent -101 is too large"),
    ("10**9999999", "the exponent 9999999 is too large"),
    ("1e16*x", "the number 1e16 is too large"),
    ("9" * 200, "is too large"),
    ("(" * 10000 + "x" + ")" * 10000, "nested too deeply|too long"),
    ("x+" * 20000 + "x", r"too long \(40001 characters; at most 1000\)"),
    ("-" * 250 + "x", "nested too deeply"),
    ("(" * 150 + "x" + ")" * 150, "nested too deeply"),
    ("(" * 41 + "x" + ")" * 41, "nested too deeply"),
    ("sin(" * 41 + "x" + ")" * 41, "nested too deeply"),
    ("+".join(["1"] * 320), "too many parts"),
    ("+".join(["(" + "+".join(["1"] * 20) + ")"] * 20), r"too many parts \(799; at most 600\)"),
    ("foo(x)", "unknown name 'foo'; you can use x, pi, e and the functions sin, cos"),
    ("y", "unknown name 'y'; you can use x, pi, e"),
    ("Sin(x)", "did you mean 'sin'"),
    ("ln(x)", "log is the natural logarithm"),
    ("ѕin(x)", r"the character 'ѕ' \(U\+0455\) is not allowed: type plain letters"),
    ("𝐬𝐢𝐧(x)", r"the character '𝐬' \(U\+1D42C\) is not allowed: type plain letters"),
    ("x\u200b", r"U\+200B"),
    ("x\\\n+1", r"the character '\\' \(U\+005C\)"),
    ("2x", r"a \* is missing between '2' and 'x': to multiply, write 2\*x"),
    ("3x^2 + 2x", r"write 3\*x\*\*2 \+ 2\*x"),
    ("sin(x)x", r"write sin\(x\)\*x"),
    ("3(x+1)", r"write 3\*\(x \+ 1\)"),
    ("(x+1)(x-1)", r"write \(x \+ 1\)\*\(x - 1\)"),
    ("x(x+1)", r"x is not a function: to multiply, write x\*\(x \+ 1\)"),
    ("sin", r"sin is a function: write sin\(x\)"),
    ("", r"type a function of x, for example sin\(x\)"),
    ("   ", r"type a function of x, for example sin\(x\)"),
    ("sin(x", "could not read the expression: unbalanced parentheses"),
    ("x)", "unbalanced parentheses"),
    ("x +", "it ends with an operator"),
    ("x % 2", "the operator % is not allowed"),
    ("x // 2", "the operator // is not allowed"),
    ("~x", "the operator ~ is not allowed"),
    ("not x", "the operator not is not allowed"),
    ("x and 1", "'and' and 'or' are not allowed"),
    ("True", "True and False are not allowed"),
    ("x, 1", "commas are not allowed"),
    ("x[0]", "square brackets"),
    ("{x}", "curly brackets"),
    ("(x := 1)", "':=' is not allowed"),
    ("...", "is not allowed in a formula"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE, ids=[t[:24] for t, _ in HOSTILE])
def test_hostile_input_is_rejected_quickly(text: str, message: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ExpressionError, match=message):
        parse_function(text)
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize(("text", "message"), HOSTILE, ids=[t[:24] for t, _ in HOSTILE])
def test_messages_carry_no_python_internals(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_function(text)
    text_of_error = str(caught.value)
    for internal in ("Traceback", "<unknown>", "line 1", "ast.", "SyntaxError"):
        assert internal not in text_of_error
    assert caught.value.__suppress_context__ or caught.value.__context__ is None


def test_rejections_emit_no_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for text, _ in HOSTILE:
            with pytest.raises(ExpressionError):
                parse_function(text)
        for text in ("1if x else 2", "0x1for", "'\\d'"):
            with pytest.raises(ExpressionError):
                parse_function(text)
    assert [str(w.message) for w in caught] == []


def test_empty_text_names_the_variables() -> None:
    with pytest.raises(ExpressionError, match=r"^type a function of x and y, for example sin\(x\)"):
        parse_function("", ("x", "y"))


def test_unknown_name_lists_all_variables() -> None:
    with pytest.raises(ExpressionError, match="you can use x, y, pi, e and the functions"):
        parse_function("z", ("x", "y"))


def test_text_that_is_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="as text"):
        parse_function(42)  # type: ignore[arg-type]


def test_limits_accept_what_they_allow() -> None:
    assert parse_function("x" + " " * 999)(2.0) == 2.0
    assert parse_function("(" * 40 + "x" + ")" * 40)(2.0) == 2.0
    assert parse_function("-" * 39 + "x")(2.0) == -2.0
    assert parse_function("x**100")(1.0) == 1.0
    assert parse_function("1e15 + x")(0.0) == 1e15
    assert parse_function("(x^2)^3")(2.0) == 64.0


# --------------------------------------------------------------------------------------
# Nothing typed is ever run
# --------------------------------------------------------------------------------------


def test_parsing_and_evaluating_run_no_code(monkeypatch: pytest.MonkeyPatch) -> None:
    parse_function("sin(x)^2 + 3*x")(XS)  # warm up, so no lazy import compiles during the test
    real_compile = builtins.compile
    flags_seen: list[int] = []

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("code was about to run")

    def syntax_trees_only(*args: object, **kwargs: object) -> object:
        # ast.parse is itself a call to compile() asking for a syntax tree; anything else
        # would produce a code object, which this module must never do.
        flags = args[3] if len(args) > 3 else kwargs.get("flags", 0)
        flags_seen.append(flags)
        if not flags & ast.PyCF_ONLY_AST:
            raise AssertionError("compile() asked for code, not a syntax tree")
        return real_compile(*args, **kwargs)

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "compile", syntax_trees_only)
    f = parse_function("exp(sin(x))/(1 + x^2) - relu(x - 1)")
    values = f(XS)
    slopes = f.derivative()(XS)
    assert values.shape == slopes.shape == (50,)
    assert flags_seen
    assert all(flags & ast.PyCF_ONLY_AST for flags in flags_seen)


@pytest.mark.parametrize(
    "template",
    [
        "__import__('os').system('touch {path}')",
        "__import__('pathlib').Path('{path}').touch()",
        "open('{path}', 'w')",
        "[__import__('os').system('touch {path}') for x in [1]]",
        "(lambda: __import__('os').system('touch {path}'))()",
    ],
)
def test_side_effects_never_happen(template: str, tmp_path: Path) -> None:
    target = tmp_path / "created"
    text = template.format(path=target)
    assert len(text) <= expressions.MAX_LENGTH
    with pytest.raises(ExpressionError):
        parse_function(text)
    assert not target.exists()


def test_expression_is_immutable_and_hashable() -> None:
    f = parse_function("x^2")
    with pytest.raises(AttributeError):
        f.text = "x"  # type: ignore[misc]
    assert hash(f) == hash(parse_function("x^2"))
    assert f == parse_function("x^2")


# --------------------------------------------------------------------------------------
# Friendly substitutions and display
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised", "expected"),
    [
        ("π*x", "pi*x", np.pi * XS),
        ("2×x", "2*x", 2 * XS),
        ("2·x", "2*x", 2 * XS),
        ("x − 1", "x - 1", XS - 1),
        ("x ÷ 2", "x / 2", XS / 2),
        ("x²", "x**2", XS**2),
        ("x³ − x", "x**3 - x", XS**3 - XS),
        ("x^2", "x**2", XS**2),
    ],
)
def test_friendly_substitutions(text: str, normalised: str, expected: np.ndarray) -> None:
    f = parse_function(text)
    assert f.text == normalised
    np.testing.assert_allclose(f(XS), expected, rtol=1e-14)


@pytest.mark.parametrize(
    ("text", "plain", "latex"),
    [
        ("sin(x)^2 + 3*x", "sin(x)**2 + 3*x", r"\sin\left(x\right)^{2} + 3 x"),
        ("x/2", "x/2", r"\frac{x}{2}"),
        ("sqrt(x)/(1 + x^2)", "sqrt(x)/(1 + x**2)", r"\frac{\sqrt{x}}{1 + x^{2}}"),
        ("abs(x - 1)", "abs(x - 1)", r"\left|x - 1\right|"),
        ("2*3", "2*3", r"2 \cdot 3"),
        ("pi*x", "pi*x", r"\pi x"),
        ("(1/x)^2", "(1/x)**2", r"\left(\frac{1}{x}\right)^{2}"),
        ("log(x) + log2(x)", "log(x) + log2(x)", r"\ln\left(x\right) + \log_{2}\left(x\right)"),
        ("x - (x - 1)", "x - (x - 1)", r"x - \left(x - 1\right)"),
        ("(-2)^x", "(-2)**x", r"\left(-2\right)^{x}"),
        ("x^-1", "x**-1", r"x^{-1}"),
        ("1e-5*x", "1e-05*x", r"1 \cdot 10^{-5} x"),
    ],
)
def test_plain_text_and_latex(text: str, plain: str, latex: str) -> None:
    f = parse_function(text)
    assert str(f) == plain
    assert f.latex() == latex


def test_latex_of_kink_derivatives_and_named_variables() -> None:
    assert parse_function("abs(x)").derivative().latex() == r"\operatorname{abs}'\left(x\right)"
    assert str(parse_function("relu(x)").derivative()) == "relu'(x)"
    assert parse_function("theta^2", ("theta",)).latex() == r"\theta^{2}"
    assert parse_function("x1 + x_a", ("x1", "x_a")).latex() == r"x_{1} + \mathit{x\_a}"


# --------------------------------------------------------------------------------------
# Variables
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variables",
    [
        (),
        "x",
        ["x"],
        ("x", "x"),
        ("",),
        ("X",),
        ("2x",),
        ("x y",),
        ("sin",),
        ("pi",),
        ("e",),
        ("atan",),
        ("if",),
        ("lambda",),
        (1,),
        ("ѕ",),
    ],
)
def test_invalid_variables_are_rejected(variables: object) -> None:
    with pytest.raises(ValueError, match="variable") as caught:
        parse_function("1", variables)  # type: ignore[arg-type]
    assert not isinstance(caught.value, ExpressionError)


def test_valid_variables_are_accepted() -> None:
    assert parse_function("t + 1", ("t",))(1.0) == 2.0
    f = parse_function("x1 * x2 + theta", ("x1", "x2", "theta"))
    assert float(f(np.array([2.0, 3.0, 1.0]))) == 7.0


# --------------------------------------------------------------------------------------
# Documentation
# --------------------------------------------------------------------------------------


def test_docstring_examples_run() -> None:
    modules = [expressions.expression, expressions.reading, expressions.simplify]
    results = [doctest.testmod(m, optionflags=doctest.NORMALIZE_WHITESPACE) for m in modules]
    assert sum(result.attempted for result in results) >= 5
    assert sum(result.failed for result in results) == 0


def test_a_long_flat_sum_is_not_nesting() -> None:
    f = parse_function("+".join(["x"] * 60))
    assert float(f(2.0)) == 120.0
    assert float(f.derivative().derivative()(2.0)) == 0.0
