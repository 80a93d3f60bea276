"""Numbers as the pages show them."""

import math
from fractions import Fraction

import numpy as np
import pytest

from mathviz.ui import format as shown


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (1.23456789, 4, "1.235"),
        (-2.5, 6, "−2.5"),
        (1e-12, 3, "1e−12"),
        (math.nan, 6, "undefined"),
        (math.inf, 6, "∞"),
        (-math.inf, 6, "−∞"),
        (123456789.0, 10, "123456789"),
    ],
)
def test_fmt_writes_significant_digits_with_a_true_minus(value, digits, text):
    assert shown.fmt(value, digits) == text


def test_clean_sets_rounding_noise_next_to_the_largest_entry_to_zero():
    np.testing.assert_array_equal(shown.clean([1.0, 1e-13, -2e-17]), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(shown.clean([1e-13, 1e-26]), [1e-13, 0.0])  # relative
    np.testing.assert_array_equal(shown.clean([0.0, 0.0]), [0.0, 0.0])
    np.testing.assert_array_equal(shown.clean([3e-12], scale=1.0), [3e-12])


def test_vectors_and_matrices_read_as_written_by_hand():
    assert shown.vec([2.0, -0.0]) == "(2, 0)"
    assert shown.vec([1.0, 1e-17]) == "(1, 0)"
    assert shown.latex_matrix([[1, -0.5], [0, 2]]) == (
        r"\begin{bmatrix} 1 & -0.5 \\ 0 & 2 \end{bmatrix}"
    )
    assert shown.num(-0.0) == "0"
    assert shown.factor(-1.5) == "(-1.5)"
    assert shown.factor(2.0) == "2"


def test_shares_counts_and_fractions():
    assert shown.pct(0.1234) == "12.3 %"
    assert shown.pct(math.nan) == "—"
    assert shown.count(1234567.9) == "1,234,567"
    assert shown.fraction(Fraction(-100, 3)) == "−100/3"
    assert shown.fraction(Fraction(4, 2)) == "2"
