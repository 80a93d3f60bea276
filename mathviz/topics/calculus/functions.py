"""Choosing f: a menu of the catalog's functions, or a formula typed by the learner."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from mathviz.catalog import FUNCTIONS, Function1D
from mathviz.catalog import typed as parse_typed
from mathviz.expressions import ExpressionError
from mathviz.ui import cache, frame, state

TYPED = "typed"
CURVE_POINTS = 400  # points along a plotted curve


@cache.stored("typed functions", size=256)
def typed(text: str) -> Function1D:
    """A typed formula and its exact derivatives, parsed once however often it is drawn.

    Parsing and differentiating twice costs about a millisecond; Function1D is immutable,
    so sessions share it.
    """
    return parse_typed(text)


def label(name: str) -> str:
    """A catalog function's menu label, or the typed choice's."""
    return FUNCTIONS[name].label if name in FUNCTIONS else "type your own…"


@dataclass(frozen=True)
class FunctionChoice:
    """A menu of the catalog's functions with a "type your own" choice; call it to draw it.

    Its URL key holds the choice; ``key + "_text"`` holds the typed formula. A bad formula
    is explained and the last good one stays on screen. In a preset it stands for its key.
    """

    key: str
    label: str
    default: str
    default_text: str
    symbol: str = "f"

    @property
    def text_key(self) -> str:
        """The URL key of the typed formula."""
        return f"{self.key}_text"

    def __call__(self) -> Function1D:
        """Draw the menu (and the formula box when typing); return the chosen function."""
        name = state.selectbox(
            self.label, [*FUNCTIONS, TYPED], self.default, key=self.key, format_func=label
        )
        if name != TYPED:
            return FUNCTIONS[name]
        good_key = f"_{self.key}_good"
        text = state.text_input(
            "Your function of x",
            self.default_text,
            key=self.text_key,
            help="Use x, numbers, + − * / ^, pi, e and sin cos tan exp log log2 log10 sqrt abs "
            "tanh sinh cosh sech arctan arcsin arccos sigmoid relu sign.",
        )
        try:
            function = typed(text)
        except ExpressionError as error:
            fallback = st.session_state.get(good_key, self.default_text)
            frame.problem(f"{error}. Still showing {self.symbol}(x) = {fallback}.")
            return typed(fallback)
        st.session_state[good_key] = text
        return function


def curve(function: Function1D, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """``CURVE_POINTS`` points of f across [lo, hi], for a line chart."""
    xs = np.linspace(lo, hi, CURVE_POINTS)
    return xs, function(xs)


def require_interval(a: float, b: float) -> None:
    """Explain, and stop the topic, when the interval's ends are the wrong way round."""
    if not a < b:
        frame.problem(
            f"The interval needs a < b; now a = {a:g} and b = {b:g}. "
            "Move **From a** left or **To b** right."
        )
        raise frame.Halt
