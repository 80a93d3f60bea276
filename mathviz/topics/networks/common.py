"""What the Neural networks topics share.

The learner's own CSV of points, and where its arrays are kept between reruns.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import streamlit as st

from mathviz import networks as nn

T = TypeVar("T")

UPLOADS_KEPT = 64
_UPLOADS: OrderedDict[str, tuple[np.ndarray, ...]] = OrderedDict()
"""Uploaded arrays by a digest of their file, shared by every session, newest last."""


def keep_upload(name: str, arrays: tuple[np.ndarray, ...]) -> None:
    """Keep a learner's arrays, read-only, under ``name``; the oldest go past UPLOADS_KEPT."""
    for part in arrays:
        part.setflags(write=False)
    _UPLOADS[name] = arrays
    _UPLOADS.move_to_end(name)
    while len(_UPLOADS) > UPLOADS_KEPT:
        _UPLOADS.popitem(last=False)


def upload(name: str) -> tuple[np.ndarray, ...]:
    """The arrays kept under ``name`` (this run's own upload put them there)."""
    return _UPLOADS[name]


def own_csv(
    key: str, *, columns: str, note: str, fallback: str, read: Callable[[bytes], T]
) -> tuple[str, str, T] | None:
    """A box for the learner's CSV; its content's digest, its name and ``read``'s result.

    ``read`` turns the file into data or raises ``NetworkError``; then the message is shown
    with ``fallback`` (what the page shows instead) and None is returned. A link cannot
    carry a file, which ``note`` tells the learner.
    """
    with st.expander("Use your own points (CSV)", icon=":material/upload_file:"):
        st.caption(note)
        given = st.file_uploader(f"CSV of {columns}", type=["csv", "txt"], key=key)
        if given is None:
            return None
        raw = given.getvalue()
        try:
            data = read(raw)
        except nn.NetworkError as error:
            st.error(f"{given.name}: {error}. {fallback}")
            return None
    return hashlib.sha256(raw).hexdigest()[:16], given.name, data
