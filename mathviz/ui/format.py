"""Numbers as the pages show them: significant digits, proper minus signs, no rounding dust.

``fmt``          a number for a metric, at most seven digits in projector mode
``num``, ``factor``   a number inside a formula; in brackets when negative, inside a product
``vec``, ``latex_matrix``   a vector as (a, b); a matrix as LaTeX
``clean``        entries that are rounding noise next to the largest, set to 0
``pct``, ``count``, ``fraction``   a share as a percentage; a count with separators; p/q
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike

from mathviz.ui.state import projector_on

NOISE = 1e-12
"""Entries within this fraction of the largest are rounding noise (3·10⁻¹⁷ for 0)."""


def fmt(value: float, digits: int = 6) -> str:
    """A number for a metric: significant digits, and words for nan and infinity.

    Projector mode shows at most seven significant digits, so big type still fits.
    """
    if projector_on():
        digits = min(digits, 7)
    if math.isnan(value):
        return "undefined"
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{digits}g}".replace("-", "−")


def tick(value: float, spacing: float) -> str:
    """A tick's value: four significant digits, or as many as its neighbours need.

    Ticks ``spacing`` apart are told apart however close they are: no two read the same.

    Examples
    --------
    >>> tick(1.3, 0.2), tick(21.5, 20.0)
    ('1.3', '21.5')
    >>> tick(1.5 - 5e-5, 5e-5), tick(1.5 + 5e-5, 5e-5)
    ('1.49995', '1.50005')
    >>> tick(-0.0, 0.1)
    '0'
    """
    digits = 4
    if value != 0 and math.isfinite(value) and spacing > 0 and math.isfinite(spacing):
        decimals = max(0, math.ceil(-math.log10(spacing) - 1e-9))
        digits = max(digits, math.floor(math.log10(abs(value))) + 1 + decimals)
    return f"{value + 0.0:.{min(digits, 15)}g}".replace("-", "−")


def clean(values: ArrayLike, scale: float | None = None) -> np.ndarray:
    """Entries within ``NOISE`` of ``scale`` (default: the largest entry) set to 0."""
    values = np.asarray(values, dtype=float)
    scale = float(np.abs(values).max(initial=0.0)) if scale is None else scale
    return np.where(np.abs(values) <= NOISE * scale, 0.0, values)


def vec(v: ArrayLike, digits: int = 3) -> str:
    """A vector as (a, b), rounding noise next to its largest entry shown as 0."""
    # Adding 0.0 turns −0.0 into 0.0.
    return "(" + ", ".join(fmt(float(x) + 0.0, digits) for x in clean(v)) + ")"


def num(x: float, digits: int = 3) -> str:
    """A number inside a LaTeX formula (an ASCII minus, which LaTeX typesets itself)."""
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def factor(x: float) -> str:
    """A number inside a product: negative ones in brackets, so −1 · −2 reads (−1)·(−2)."""
    text = num(x)
    return f"({text})" if text.startswith("-") else text


def latex_matrix(A: ArrayLike, digits: int = 3) -> str:
    """A matrix as a LaTeX bmatrix."""
    rows = [" & ".join(num(x, digits) for x in row) for row in np.asarray(A, dtype=float)]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def pct(value: float, digits: int = 3) -> str:
    """A share as a percentage, "—" when there is none."""
    return "—" if math.isnan(value) else fmt(100 * value, digits) + " %"


def count(n: float) -> str:
    """A whole count with thousands separators: 10,000."""
    return f"{int(n):,}"


def fraction(value: Fraction) -> str:
    """An exact fraction as −p/q (or a whole number)."""
    sign = "−" if value < 0 else ""
    value = abs(value)
    return f"{sign}{value.numerator}" + (f"/{value.denominator}" if value.denominator > 1 else "")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def lead(text: str, *, at_least: int = 140) -> tuple[str, str]:
    """Split prose into a lead and the rest, between sentences.

    The lead is whole sentences: at least ``at_least`` characters, or two sentences,
    whichever comes first. It is what a topic shows above its picture; the rest waits one
    click away.

    Examples
    --------
    >>> lead("One idea. A second sentence. A third.", at_least=5)
    ('One idea.', 'A second sentence. A third.')
    >>> lead("Short. Also short. Rest.", at_least=100)
    ('Short. Also short.', 'Rest.')
    >>> lead("Only one sentence, e.g. this one.")
    ('Only one sentence, e.g. this one.', '')
    """
    sentences = _SENTENCE_END.split(text.strip())
    taken: list[str] = []
    for sentence in sentences:
        taken.append(sentence)
        if len(" ".join(taken)) >= at_least or len(taken) == 2:
            break
    return " ".join(taken), " ".join(sentences[len(taken) :])
