"""Widgets bound to the URL, so a copied link reproduces the view.

Each helper draws one Streamlit widget with ``bind="query-params"`` under a short, stable
``key`` (the query parameter's name). Streamlit drops a URL value the widget cannot take and
uses the default; these helpers notice that and say so under the widget, so a learner who
opens a damaged link knows why the view differs from what was shared.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import streamlit as st

T = TypeVar("T")
SUBSCRIPTS = dict(enumerate("₀₁₂₃₄₅₆₇₈₉"))
# Two entries of a vector or matrix row fit side by side in a narrow column, like a matrix.
ENTRY_WIDTH = 84


def projector_on() -> bool:
    """Whether projector mode is on in this session."""
    return bool(st.session_state.get("projector", False))


def _raw(key: str) -> str | None:
    values = st.query_params.get_all(key)
    return values[-1] if values else None


def _names_default(raw: str, default: Any, format_func: Callable[[Any], str]) -> bool:
    if raw in (format_func(default), str(default)):
        return True
    if isinstance(default, bool):
        return raw.lower() == str(default).lower()
    if isinstance(default, int | float):
        try:
            return float(raw) == float(default)
        except ValueError:
            return False
    return False


def _from_link(key: str) -> str | None:
    """The link's value for ``key`` when the link, not an earlier run, sets the widget."""
    # Once the widget exists in this session (a move, a preset), the URL only echoes it.
    return None if key in st.session_state else _raw(key)


def _notice_if_rejected(
    key: str, raw: str | None, label: str, default: Any, format_func: Callable[[Any], str] = str
) -> None:
    # Streamlit removes a bound parameter it rejected; one naming the default is removed too.
    if raw is None or key in st.query_params or _names_default(raw, default, format_func):
        return
    st.warning(
        f"The link set **{label}** to `{raw[:40]}`, which it cannot take, "
        f"so it starts at {format_func(default)}.",
        icon=":material/link_off:",
    )


def _bound(
    draw: Callable[..., Any],
    label: str,
    default: Any,
    /,
    *,
    key: str,
    shown: Callable[[Any], str] = str,
    **widget: Any,
) -> Any:
    """Draw a widget bound to the URL and say so when the link's value could not be used.

    ``default`` is the widget's default and ``shown`` writes a value as the URL does.
    """
    raw = _from_link(key)
    result = draw(label, key=key, bind="query-params", **widget)
    _notice_if_rejected(key, raw, label, default, shown)
    return result


def slider(
    label: str,
    min_value: T,
    max_value: T,
    value: T,
    *,
    key: str,
    step: T | None = None,
    format: str | None = None,
    help: str | None = None,
) -> T:
    """A numeric slider bound to the URL parameter ``key``."""
    return _bound(
        st.slider,
        label,
        value,
        key=key,
        min_value=min_value,
        max_value=max_value,
        value=value,
        step=step,
        format=format,
        help=help,
    )


def number_input(
    label: str,
    min_value: float,
    max_value: float,
    value: float,
    *,
    key: str,
    step: float = 0.1,
    help: str | None = None,
    collapsed: bool = False,
    width: int | str = "stretch",
    whole: bool = False,
) -> float:
    """A number box bound to the URL parameter ``key``; nan, ∞ and out-of-range values fall back.

    With ``whole=True`` the box holds whole numbers, yet is drawn as a float box: Streamlit's
    integer box fails on a link value of ∞ before anyone can check it. A fraction typed or
    linked is rounded down, and the page says so.
    """
    number = _bound(
        st.number_input,
        label,
        float(value),
        key=key,
        shown=(lambda number: f"{number:g}") if whole else str,
        min_value=float(min_value),
        max_value=float(max_value),
        value=float(value),
        step=float(step),
        format="%.0f" if whole else "%.4g",
        help=help,
        label_visibility="collapsed" if collapsed else "visible",
        width=width,
    )
    typed = float(number)  # a preset may hand over an int
    if whole and not typed.is_integer():
        st.caption(f"{label} takes whole numbers, so {typed:g} counts as {math.floor(typed)}.")
    return math.floor(typed) if whole else typed


def _entries(symbol: str, values: Sequence[float], *, key: str, bound: float) -> list[float]:
    """One row of number boxes side by side; box j is ``{key}{j}``, labelled ``{symbol}ⱼ``."""
    with st.container(horizontal=True, gap=8, key=f"{key}_entries"):
        return [
            number_input(
                f"{symbol}{SUBSCRIPTS[j]}",
                -bound,
                bound,
                float(entry),
                key=f"{key}{j}",
                collapsed=True,
                width=ENTRY_WIDTH,
            )
            for j, entry in enumerate(values, start=1)
        ]


def vector_input(
    symbol: str, value: Sequence[float], *, key: str, bound: float = 5.0
) -> np.ndarray:
    """Two number boxes side by side for a vector in the plane, keys ``key1`` and ``key2``."""
    st.markdown(f"**{symbol}**")
    return np.array(_entries(symbol, value, key=key, bound=bound), dtype=float)


def matrix_input(
    symbol: str, value: Sequence[Sequence[float]], *, key: str, bound: float = 5.0
) -> np.ndarray:
    """A 2×2 grid of number boxes for a matrix, keys ``key11``, ``key12``, ``key21``, ``key22``."""
    st.markdown(f"**{symbol}**")
    rows = [
        _entries(f"{symbol}{SUBSCRIPTS[i]}", row, key=f"{key}{i}", bound=bound)
        for i, row in enumerate(value, start=1)
    ]
    return np.array(rows, dtype=float)


def select_slider(
    label: str,
    options: Sequence[T],
    value: T,
    *,
    key: str,
    format_func: Callable[[T], str] = str,
    help: str | None = None,
) -> T:
    """A slider over fixed options (a log scale, say) bound to the URL parameter ``key``."""
    return _bound(
        st.select_slider,
        label,
        value,
        key=key,
        shown=format_func,
        format_func=format_func,
        options=options,
        value=value,
        help=help,
    )


def _choose(
    draw: Callable[..., T],
    label: str,
    options: Sequence[T],
    value: T,
    *,
    key: str,
    format_func: Callable[[T], str],
    help: str | None,
    **widget: Any,
) -> T:
    return _bound(
        draw,
        label,
        value,
        key=key,
        shown=format_func,
        format_func=format_func,
        options=options,
        index=list(options).index(value),
        help=help,
        **widget,
    )


def selectbox(
    label: str,
    options: Sequence[T],
    value: T,
    *,
    key: str,
    format_func: Callable[[T], str] = str,
    help: str | None = None,
) -> T:
    """A drop-down bound to the URL parameter ``key``; the URL holds the option's label."""
    return _choose(st.selectbox, label, options, value, key=key, format_func=format_func, help=help)


def radio(
    label: str,
    options: Sequence[T],
    value: T,
    *,
    key: str,
    format_func: Callable[[T], str] = str,
    help: str | None = None,
    horizontal: bool = False,
) -> T:
    """Radio buttons bound to the URL parameter ``key``; the URL holds the option's label."""
    return _choose(
        st.radio,
        label,
        options,
        value,
        key=key,
        format_func=format_func,
        help=help,
        horizontal=horizontal,
    )


def text_input(
    label: str,
    value: str,
    *,
    key: str,
    help: str | None = None,
) -> str:
    """A text box bound to the URL parameter ``key``; any text is a valid value."""
    return st.text_input(label, value, key=key, help=help, bind="query-params")


def toggle(label: str, value: bool = False, *, key: str, help: str | None = None) -> bool:
    """An on/off switch bound to the URL parameter ``key``."""
    return _bound(
        st.toggle,
        label,
        value,
        key=key,
        shown=lambda on: "on" if on else "off",
        value=value,
        help=help,
    )


def topic_tabs(labels: Sequence[str], *, key: str = "topic") -> Sequence[Any]:
    """Tabs bound to the URL parameter ``key``; only the open tab's ``.open`` is true."""
    raw = _raw(key)
    tabs = st.tabs(list(labels), key=key, bind="query-params")
    if raw is not None and raw not in labels:
        st.warning(
            f"The link asked for the topic `{raw[:40]}`, which this page does not have, "
            f"so it opens on {labels[0]}.",
            icon=":material/link_off:",
        )
    return tabs
