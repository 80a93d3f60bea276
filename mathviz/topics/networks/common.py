"""What the Neural networks topics share: the learner's own CSV of points."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from mathviz import networks as nn

T = TypeVar("T")


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
