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
