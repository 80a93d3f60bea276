"""The stage on the page: drag points of the plane and play its steps, in the browser.

``show(scene, key=…)`` mounts the stage component (``assets/stage.js`` and ``stage.css``,
inline: nothing is fetched) with a ``mathviz.charts.stage.Scene``. While a handle is being
dragged, or the steps play, every frame is drawn in the browser; when the drag ends the
handles' positions come back, and ``on_release`` writes them into the controls they stand
for (number boxes bound to the link), so the numbers and the link follow.

``player(param, …)`` mounts the same component as a play button for a Vega-Lite chart's own
slider (a parameter bound to a range input): it moves that slider step by step, so the
chart animates itself in the browser, with no server round trip per frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from mathviz.charts.stage import Scene
from mathviz.ui.state import projector_on

ASSETS = Path(__file__).with_name("assets")
HEIGHT = 440  # pixels of the plane on a laptop; a projector gets PROJECTOR_GROWTH times it
PROJECTOR_GROWTH = 1.4

_stage = st.components.v2.component(
    "mathviz_stage",
    html="",
    css=(ASSETS / "stage.css").read_text(),
    js=(ASSETS / "stage.js").read_text(),
)


def show(
    scene: Scene,
    *,
    key: str,
    height: int = HEIGHT,
    on_release: Callable[[Mapping[str, tuple[float, float]]], None] | None = None,
) -> None:
    """Draw ``scene``; when a drag ends, call ``on_release`` with every handle's position."""
    projector = projector_on()
    data = scene.data(
        height=round(height * (PROJECTOR_GROWTH if projector else 1.0)), projector=projector
    )

    def released() -> None:
        moved = getattr(st.session_state[key], "handles", None)
        if on_release is not None and moved:
            on_release({name: (float(x), float(y)) for name, (x, y) in moved.items()})

    callbacks: dict[str, Any] = {"on_handles_change": released}
    _stage(key=key, data=data, **callbacks)


def player(
    param: str,
    *,
    key: str,
    seconds: float = 8.0,
    note: str = "",
    from_start: bool = False,
    nudge: int = 1,
    rest: float | None = None,
    min_rate: float = 8.0,
) -> None:
    """A play button (and a step back, a step on) for a chart's slider named ``param``.

    The chart binds a Vega-Lite parameter named ``param`` to a range input
    (``alt.binding_range``). Playing moves that input to its end, from where it is (from
    its start when it is at its end, or always with ``from_start``), a step at a time,
    about ``seconds`` for the whole range, in the browser: every frame is the chart's own
    redraw and no frame costs a server round trip. The steps are the input's own ``min``,
    ``max`` and ``step``; the step buttons move it ``nudge`` steps. With ``rest`` a play
    that runs to the end goes back to that value a moment later: the sweep was a preview,
    and the picture returns to what the page's controls say. Playing takes at least
    ``min_rate`` steps a second: a slider of a few big steps (a backward pass) lowers it, so
    each step stays on screen long enough to read.
    """
    drive = {
        "param": param,
        "seconds": float(seconds),
        "note": note,
        "fromStart": from_start,
        "nudge": nudge,
        "rest": None if rest is None else float(rest),
        "minRate": float(min_rate),
    }
    _stage(key=key, data={"drive": drive, "projector": projector_on()})


Release = Callable[[Mapping[str, tuple[float, float]]], None]


def write_to(controls: Mapping[str, Any]) -> Release:
    """An ``on_release`` that sets each handle's Vector control (by handle name) to where it is.

    A Vector spreads over number boxes bound to the link, so the link follows the drag.
    """

    def write(positions: Mapping[str, tuple[float, float]]) -> None:
        for name, at in positions.items():
            if name in controls:
                for box, value in controls[name].values(at).items():
                    st.session_state[box] = round(value, 4)

    return write


def write_columns(matrix: Any, columns: Mapping[str, int]) -> Release:
    """An ``on_release`` that sets column j of a Matrix control to where handle ``name`` is.

    ``columns`` maps a handle's name to its column (1 or 2): dragging A·e₁ sets A₁₁ and A₂₁.
    """

    def write(positions: Mapping[str, tuple[float, float]]) -> None:
        for name, j in columns.items():
            if name in positions:
                for i, value in enumerate(positions[name], start=1):
                    st.session_state[f"{matrix.key}{i}{j}"] = round(float(value), 4)

    return write


def write_angle(slider: Any, handle: str, centre: tuple[float, float], *, period: int) -> Release:
    """An ``on_release`` setting a Slider in degrees to a handle's direction round ``centre``.

    The angle is taken modulo ``period`` (360 for a direction, 180 for an axis, whose two
    ends are one line) and snapped to the slider's step.
    """

    def write(positions: Mapping[str, tuple[float, float]]) -> None:
        if handle not in positions:
            return
        x, y = positions[handle]
        degrees = math.degrees(math.atan2(y - centre[1], x - centre[0])) % period
        step = slider.step or 1
        snapped = round(degrees / step) * step % period
        st.session_state[slider.key] = min(max(snapped, slider.low), slider.high)

    return write


def both(*writers: Release) -> Release:
    """One ``on_release`` that runs several."""

    def write(positions: Mapping[str, tuple[float, float]]) -> None:
        for writer in writers:
            writer(positions)

    return write
