import numpy as np
import pytest
from scipy.differentiate import derivative

from mathviz.catalog import FUNCTIONS, function, typed
from mathviz.expressions import ExpressionError, parse_function

NAMES = list(FUNCTIONS)


def sample(entry, n=41):
    lo, hi = entry.window
    xs = np.linspace(lo, hi, n)
    return xs[np.abs(xs) > 1e-3]  # keep off the corner of |x| and the pole of 1/x


@pytest.mark.parametrize("name", NAMES)
def test_derivatives_match_scipy(name):
    entry = FUNCTIONS[name]
    xs = sample(entry)
    first = derivative(entry.f, xs, initial_step=1e-3)
    second = derivative(entry.df, xs, initial_step=1e-3)
    np.testing.assert_allclose(entry.df(xs), first.df, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(entry.d2f(xs), second.df, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", NAMES)
def test_text_formula_parses_to_the_same_function_and_derivatives(name):
    entry = FUNCTIONS[name]
    xs = sample(entry)
    parsed = parse_function(entry.text)
    np.testing.assert_allclose(parsed(xs), entry.f(xs), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(parsed.derivative()(xs), entry.df(xs), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(
        parsed.derivative().derivative()(xs), entry.d2f(xs), rtol=1e-9, atol=1e-11
    )


def test_labels_are_unique_ascii_and_short():
    labels = [entry.label for entry in FUNCTIONS.values()]
    assert len(set(labels)) == len(labels)
    assert all(label.isascii() and len(label) <= 12 for label in labels)


def test_abs_has_no_derivative_at_its_corner():
    assert np.isnan(FUNCTIONS["abs"].df(np.array([0.0]))[0])
    assert FUNCTIONS["abs"].df(np.array([-2.0, 3.0])).tolist() == [-1.0, 1.0]


def test_calling_an_entry_outside_its_domain_gives_nan_without_warnings():
    with np.errstate(all="raise"):
        assert np.isnan(FUNCTIONS["log"](np.array([-1.0]))[0])


def test_function_lookup_and_its_error():
    assert function("cubic").text == "x**3 - 3*x"
    with pytest.raises(ValueError, match="name must be one of sin, cos"):
        function("tan")


def test_typed_function_has_exact_derivatives():
    entry = typed("x^2 * exp(-x)")
    xs = np.linspace(-1, 3, 9)
    np.testing.assert_allclose(entry.df(xs), (2 * xs - xs**2) * np.exp(-xs), rtol=1e-12)
    np.testing.assert_allclose(entry.d2f(xs), (2 - 4 * xs + xs**2) * np.exp(-xs), rtol=1e-12)
    assert entry.name == "typed"


def test_typed_rejects_bad_text():
    with pytest.raises(ExpressionError):
        typed("x +* 2")
