"""Stored results, in one place: each store bounded, shared by every session, emptied by name.

A topic stores a result that costs more than a few milliseconds and repeats across moves
(a parsed function, ten million coin flips, a full descent) with ``@stored("name",
size=…)``. The arguments must be hashable and the results are shared between sessions, so
they must never be changed by a caller: return tuples, frozen dataclasses or read-only
arrays. ``clear()`` empties the stores, for a benchmark that measures a move with nothing
stored and for tests.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_STORES: dict[str, Any] = {}
_EMPTIERS: dict[str, Callable[[], None]] = {}


def stored(name: str, *, size: int) -> Callable[[F], F]:
    """Keep the last ``size`` results of the decorated function under ``name``."""
    if not 1 <= size <= 4096:
        raise ValueError(f"size must be between 1 and 4096; got {size}")

    def wrap(function: F) -> F:
        # A module reloaded (Streamlit does that when its file changes) takes its name over.
        cached = functools.lru_cache(maxsize=size)(function)
        _STORES[name] = cached
        return cached  # type: ignore[return-value]  # lru_cache keeps the signature

    return wrap


def register(name: str, empty: Callable[[], None]) -> None:
    """Name a store kept elsewhere (a dict of chart templates, say) so ``clear`` reaches it."""
    _EMPTIERS[name] = empty


def names() -> list[str]:
    """The names of every store, sorted."""
    return sorted([*_STORES, *_EMPTIERS])


def sizes() -> dict[str, tuple[int, int]]:
    """Each ``stored`` store's (entries held, most it holds)."""
    return {
        name: (cached.cache_info().currsize, cached.cache_info().maxsize)
        for name, cached in _STORES.items()
    }


def clear(*which: str) -> None:
    """Empty the named stores, or every store when none is named."""
    unknown = set(which) - set(names())
    if unknown:
        raise KeyError(f"no store named {', '.join(sorted(unknown))}; there are {names()}")
    for name in which or names():
        if name in _STORES:
            _STORES[name].cache_clear()
        else:
            _EMPTIERS[name]()
