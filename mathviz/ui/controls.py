"""Controls declared once: key, kind, range and default, drawn bound to the link.

A topic module declares its controls at the top::

    X = Slider("der_x", "Point x", -5.0, 5.0, 1.0, step=0.05)

then draws one with ``x = X()`` and names it in presets (``{X: 2.0}``), so each URL key is
written in exactly one place. A vector or a matrix of number boxes (``Vector``,
``Matrix``) spreads over several keys; its ``values(v)`` gives a preset's entries. The
link's keys are public: never change a declared key. Controls shared by several pillars
(a seed with a New-draw button, a log-scale count) live here too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np
import streamlit as st

from mathviz.ui import state

T = TypeVar("T")


@dataclass(frozen=True)
class Control(Generic[T]):
    """A control bound to the URL parameter ``key``; call it to draw it and read its value."""

    key: str
    label: str
    default: T
    help: str | None = field(default=None, kw_only=True)

    def __call__(self) -> T:
        """Draw the control; return its value."""
        raise NotImplementedError


@dataclass(frozen=True)
class Slider(Control[T]):
    """A numeric slider from ``low`` to ``high``."""

    low: T
    high: T
    step: T | None = field(default=None, kw_only=True)
    format: str | None = field(default=None, kw_only=True)

    def __init__(
        self,
        key: str,
        label: str,
        low: T,
        high: T,
        default: T,
        *,
        step: T | None = None,
        format: str | None = None,
        help: str | None = None,
    ) -> None:
        _init(self, key=key, label=label, default=default, help=help)
        _init(self, low=low, high=high, step=step, format=format)

    def __call__(self) -> T:
        """Draw the control; return its value."""
        return state.slider(
            self.label,
            self.low,
            self.high,
            self.default,
            key=self.key,
            step=self.step,
            format=self.format,
            help=self.help,
        )


@dataclass(frozen=True)
class Choice(Control[T]):
    """One of ``options``: a menu, radio buttons or a slider over them (``kind``).

    The link holds the option's label, ``label_of(option)``: keep labels short and stable.
    """

    options: tuple[T, ...]
    label_of: Callable[[T], str] = str
    kind: str = "select"

    def __init__(
        self,
        key: str,
        label: str,
        options: Sequence[T],
        default: T,
        *,
        label_of: Callable[[T], str] = str,
        kind: str = "select",
        help: str | None = None,
    ) -> None:
        if kind not in ("select", "radio", "horizontal", "slider"):
            raise ValueError(f"kind must be select, radio, horizontal or slider; got {kind!r}")
        _init(self, key=key, label=label, default=default, help=help)
        _init(self, options=tuple(options), label_of=label_of, kind=kind)

    def __call__(self) -> T:
        """Draw the control; return its value."""
        key, shown, help = self.key, self.label_of, self.help
        if self.kind == "select":
            return state.selectbox(
                self.label, self.options, self.default, key=key, format_func=shown, help=help
            )
        if self.kind == "slider":
            return state.select_slider(
                self.label, self.options, self.default, key=key, format_func=shown, help=help
            )
        return state.radio(
            self.label,
            self.options,
            self.default,
            key=key,
            format_func=shown,
            help=help,
            horizontal=self.kind == "horizontal",
        )


@dataclass(frozen=True)
class Number(Control[float]):
    """A number box from ``low`` to ``high``; ``whole`` for whole numbers.

    ``collapsed`` hides the label (a box beside a die face or in a matrix says what it is
    by where it stands); ``width`` is in pixels or "stretch".
    """

    low: float
    high: float
    step: float = 0.1
    whole: bool = False
    width: int | str = "stretch"
    collapsed: bool = False

    def __init__(
        self,
        key: str,
        label: str,
        low: float,
        high: float,
        default: float,
        *,
        step: float = 0.1,
        whole: bool = False,
        width: int | str = "stretch",
        collapsed: bool = False,
        help: str | None = None,
    ) -> None:
        _init(self, key=key, label=label, default=default, help=help)
        _init(self, low=low, high=high, step=step, whole=whole, width=width, collapsed=collapsed)

    def __call__(self) -> float:
        """Draw the control; return its value."""
        return state.number_input(
            self.label,
            self.low,
            self.high,
            self.default,
            key=self.key,
            step=self.step,
            whole=self.whole,
            width=self.width,
            collapsed=self.collapsed,
            help=self.help,
        )


@dataclass(frozen=True)
class Text(Control[str]):
    """A line of text; any text is a valid value."""

    def __call__(self) -> str:
        """Draw the control; return its value."""
        return state.text_input(self.label, self.default, key=self.key, help=self.help)


@dataclass(frozen=True)
class Toggle(Control[bool]):
    """An on/off switch."""

    def __call__(self) -> bool:
        """Draw the control; return its value."""
        return state.toggle(self.label, self.default, key=self.key, help=self.help)


@dataclass(frozen=True)
class Vector:
    """A vector of the plane typed into two number boxes, keys ``key1`` and ``key2``."""

    key: str
    symbol: str
    default: tuple[float, float]
    bound: float = 5.0

    def __call__(self) -> np.ndarray:
        """Draw the boxes; return the vector."""
        return state.vector_input(self.symbol, self.default, key=self.key, bound=self.bound)

    def values(self, v: Sequence[float]) -> dict[str, float]:
        """Preset values that set the boxes to ``v``."""
        return {f"{self.key}{i + 1}": float(x) for i, x in enumerate(v)}


@dataclass(frozen=True)
class Matrix:
    """A 2×2 matrix typed into a grid of number boxes, keys ``key11`` … ``key22``."""

    key: str
    symbol: str
    default: tuple[tuple[float, float], tuple[float, float]]
    bound: float = 5.0

    def __call__(self) -> np.ndarray:
        """Draw the grid; return the matrix."""
        return state.matrix_input(self.symbol, self.default, key=self.key, bound=self.bound)

    def values(self, A: Any) -> dict[str, float]:
        """Preset values that set the boxes to the matrix ``A``."""
        A = np.asarray(A, dtype=float)
        return {f"{self.key}{i + 1}{j + 1}": float(A[i, j]) for i in range(2) for j in range(2)}


def log_steps(
    low: float, high: float, mantissas: Sequence[float] = (1, 1.5, 2, 3, 5, 7)
) -> tuple[float, ...]:
    """Round numbers from ``low`` to ``high``, evenly spread on a log scale.

    With the default mantissas: 0.001, 0.0015, 0.002, 0.003, 0.005, 0.007, 0.01, … Each is
    rounded to a few significant digits, so it reads (and links) as typed.
    """
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    steps = {float(f"{m * 10.0**e:.6g}") for e in range(first, last + 1) for m in mantissas}
    return tuple(sorted(v for v in steps if low <= v <= high))


@dataclass(frozen=True)
class LogSlider(Control[float]):
    """A slider over round numbers on a log scale; the link holds the number itself.

    The steps run from ``low`` to ``high`` (``log_steps``). A link may carry any number from
    ``accept_low`` to ``accept_high``, even one between the steps (an old link made with a
    number box, say): that number becomes one more stop on the slider for the session, so
    the link's view is kept exactly. ``shown`` writes a value beside the slider ("0.1 %").
    """

    low: float
    high: float
    accept_low: float
    accept_high: float
    shown: Callable[[float], str] | None

    def __init__(
        self,
        key: str,
        label: str,
        low: float,
        high: float,
        default: float,
        *,
        accept: tuple[float, float] | None = None,
        shown: Callable[[float], str] | None = None,
        help: str | None = None,
    ) -> None:
        accept_low, accept_high = (low, high) if accept is None else accept
        _init(self, key=key, label=label, default=default, help=help)
        _init(self, low=low, high=high, accept_low=accept_low, accept_high=accept_high)
        _init(self, shown=shown)

    @property
    def steps(self) -> tuple[float, ...]:
        """The slider's stops without any extra one from a link."""
        return tuple(sorted({*log_steps(self.low, self.high), float(self.default)}))

    def options(self, extra: float | None = None) -> tuple[float, ...]:
        """The stops, with ``extra`` added when it is one the link may carry."""
        if extra is None or not self.accept_low <= extra <= self.accept_high:
            return self.steps
        return tuple(sorted({*self.steps, float(extra)}))

    def _extra(self) -> float | None:
        """A link's number between the stops, kept as a stop for the whole session."""
        store = f"{self.key}__stop"
        if store not in st.session_state:
            raw = st.query_params.get(self.key)
            value = None
            if raw is not None and self.key not in st.session_state:
                try:
                    value = float(raw)
                except ValueError:
                    value = None
                if value is not None and math.isfinite(value):
                    value = float(f"{value:.6g}")
                    if not self.accept_low <= value <= self.accept_high:
                        value = None
                    elif number_label(value) != raw:
                        # The slider matches a link by the option's label ("0.005"); a link
                        # spelt otherwise ("5e-3") is handed over as the value itself.
                        st.session_state[self.key] = value
                else:
                    value = None
            st.session_state[store] = value
        return st.session_state[store]

    def __call__(self) -> float:
        """Draw the control; return its value."""
        options = self.options(self._extra())
        value = state.select_slider(
            self.label,
            options,
            float(self.default),
            key=self.key,
            format_func=number_label,
            help=self.help,
        )
        if self.shown is not None:
            st.caption(self.shown(float(value)))
        return float(value)


def number_label(value: float) -> str:
    """A number as a link writes it: 0.001, 0.5, 1e-05."""
    return f"{value:g}"


def _init(control: Control[Any], **values: Any) -> None:
    # The dataclasses are frozen; their own __init__ sets fields the frozen way too.
    for name, value in values.items():
        object.__setattr__(control, name, value)


def keyed(values: Mapping[Any, Any]) -> dict[str, Any]:
    """Preset values by URL key: a control (anything with a ``key``) stands for its key."""
    return {getattr(name, "key", name): value for name, value in values.items()}


# ---------------------------------------------------------------- shared by several pillars

SEED_MAX = 999_999
COUNTS = tuple(m * 10**e for e in range(8) for m in (1, 2, 5) if m * 10**e <= 10_000_000)
"""1, 2, 5, 10, 20, 50, … up to ten million: counts on a log scale."""


def count_label(n: int) -> str:
    """A count as the link writes it: 10k, 2M."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            return f"{n // size}{suffix}"
    return str(n)


def count_slider(key: str, label: str, default: int, *, largest: int, help: str) -> Choice[int]:
    """A log-scale slider of counts 1, 2, 5, 10, … up to ``largest``; the URL holds "10k"."""
    options = tuple(n for n in COUNTS if n <= largest)
    return Choice(key, label, options, default, label_of=count_label, kind="slider", help=help)


@dataclass(frozen=True)
class Seed(Control[int]):
    """The seed of a simulation, with a button that draws a fresh one; the link keeps it."""

    def __init__(self, key: str, default: int = 1) -> None:
        help = (
            "The same seed draws the same random numbers, so a shared link shows the same "
            "experiment. Any whole number from 0 to 999999."
        )
        _init(self, key=key, label="Seed", default=default, help=help)

    def __call__(self) -> int:
        """Draw the control; return its value."""

        def new_seed() -> None:
            st.session_state[self.key] = float(np.random.default_rng().integers(SEED_MAX + 1))

        with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
            seed = state.number_input(
                self.label,
                0,
                SEED_MAX,
                self.default,
                key=self.key,
                step=1,
                whole=True,
                width=130,
                help=self.help,
            )
            st.button(
                "New draw", key=f"{self.key}_new", on_click=new_seed, icon=":material/casino:"
            )
        return int(seed)
