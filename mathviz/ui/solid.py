"""The solid on the page: a surface in 3-D, turned by dragging, painted in the browser.

``show(scene, key=…)`` mounts the solid component (``assets/solid.js`` and ``solid.css``,
inline: nothing is fetched) with a ``mathviz.charts.three_d`` scene. The component paints
the scene on a 2-D canvas, back to front; dragging, the arrow keys and the Turn button
rotate it frame by frame in the browser, and the camera stays while the point moves (until
the scene's ``revision`` changes). Nothing comes back to Python.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from mathviz.charts.three_d import Scene

ASSETS = Path(__file__).with_name("assets")

_solid = st.components.v2.component(
    "mathviz_solid",
    html="",
    css=(ASSETS / "solid.css").read_text(),
    js=(ASSETS / "solid.js").read_text(),
)


def show(scene: Scene, *, key: str) -> None:
    """Draw ``scene`` (its height and projector size are in it)."""
    _solid(key=key, data=scene)
