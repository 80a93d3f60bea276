"""The frame every topic shares: explanation, formulas, presets, charts, Try this, download.

A topic function reads as: ``intro`` → ``presets`` → controls → compute → ``chart`` and
``metrics`` → ``try_this`` → ``download``. Keeping these pieces here makes every topic look
and behave alike, and projector mode reach every chart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from mathviz.charts import theme


def projector_on() -> bool:
    """Whether projector mode is on in this session."""
    return bool(st.session_state.get("projector", False))


def intro(text: str, formulas: Sequence[str] = ()) -> None:
    """The topic's explanation in a few sentences, then its formulas in LaTeX."""
    st.markdown(text)
    for formula in formulas:
        st.latex(formula)


def presets(choices: Mapping[str, Mapping[str, Any]], *, key: str) -> None:
    """Buttons that each set several controls at once to a telling case.

    Parameters
    ----------
    choices : mapping
        Preset label → {widget key: value}. Values must be valid for their widgets.
    key : str
        A prefix unique on the page for the buttons' own keys.
    """

    def apply(values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            st.session_state[name] = value

    st.caption("Presets")
    with st.container(horizontal=True, gap="small"):
        for i, (label, values) in enumerate(choices.items()):
            st.button(
                label, key=f"{key}_preset_{i}", on_click=apply, args=(values,), width="content"
            )


def chart(figure: alt.TopLevelMixin, *, key: str | None = None) -> None:
    """Show a chart with the shared theme, scaled up in projector mode."""
    st.altair_chart(theme.apply(figure, projector=projector_on()), width="stretch", key=key)


def metrics(
    values: Sequence[tuple[str, str]], *, help_texts: Mapping[str, str] | None = None
) -> None:
    """A row of key numbers: (label, formatted value) pairs."""
    help_texts = help_texts or {}
    for column, (label, value) in zip(st.columns(len(values)), values, strict=True):
        column.metric(label, value, help=help_texts.get(label))


def try_this(prompts: Sequence[str]) -> None:
    """Two to four concrete experiments: a control, a value, and what to notice."""
    with st.container(border=True):
        st.markdown("**Try this**")
        st.markdown("\n".join(f"- {prompt}" for prompt in prompts))


def download(data: pd.DataFrame, *, file_name: str, key: str) -> None:
    """A button that downloads the plotted data as CSV, without rerunning the page."""
    st.download_button(
        "Download the plotted data (CSV)",
        data.to_csv(index=False).encode(),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def problem(message: str) -> None:
    """Explain bad input in plain words; the page keeps working around it."""
    st.error(message, icon=":material/error:")


def fmt(value: float, digits: int = 6) -> str:
    """A number for a metric: significant digits, and words for nan and infinity."""
    if math.isnan(value):
        return "undefined"
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{digits}g}".replace("-", "−")
