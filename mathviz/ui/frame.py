"""The pieces of the topic frame: explanation, presets, charts, key numbers, Try this, download.

``mathviz.ui.topic.run`` puts them together in the same order for every topic; a topic's
body draws its charts with ``chart`` (or ``plane`` for a plane of vectors) and its key
numbers with ``numbers`` (one element per row). Keeping these pieces here makes every
topic look and behave alike, and projector mode reach every chart.
"""

from __future__ import annotations

import copy
import html
import json
import math
import os
import re
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Literal

import altair as alt
import pandas as pd
import streamlit as st

from mathviz.charts import theme
from mathviz.ui import cache
from mathviz.ui.controls import keyed
from mathviz.ui.format import lead
from mathviz.ui.state import projector_on

Plotted = dict[str, "pd.DataFrame | Callable[[], pd.DataFrame]"]
"""Chart name → its data (or a maker of it), as ``download`` takes it."""


def intro(text: str, formulas: Sequence[str] = (), *, below: str = "") -> None:
    """The topic's idea in a sentence or two beside its main formula.

    Side by side on a wide screen (one below the other on a phone). The rest of the
    explanation and the other formulas are ``more``'s, one click away on the presets' row,
    so the topic's picture starts high on the first screen. ``below`` (HTML, a line of
    links) goes under the formula, where the words beside it usually leave room.
    """
    first, _ = lead(text)
    if formulas:
        words, maths = st.columns([3, 2], gap="medium", vertical_alignment="center")
        with words:
            st.markdown(first)
        with maths:
            st.latex(formulas[0])
            if below:
                st.markdown(below, unsafe_allow_html=True)
    else:
        st.markdown(first)
        if below:
            st.markdown(below, unsafe_allow_html=True)


def beside(controls: float = 1.0, picture: float = 2.3) -> list:
    """Two columns: the controls, and the picture beside them.

    On a projector the picture takes three quarters of the row (three times the controls
    at most 1.2 wide), so it spans well over 60 % of a 1280 px screen as the type grows.
    """
    widths = [min(controls, 1.0), 3.0] if projector_on() else [controls, picture]
    return list(st.columns(widths, gap="large"))


def more(text: str, formulas: Sequence[str] = ()) -> None:
    """The intro past its lead and the other formulas, in a "More on this idea" popover."""
    _, rest = lead(text)
    if rest or len(formulas) > 1:
        with st.popover("More on this idea", icon=":material/menu_book:", width="content"):
            if rest:
                st.markdown(rest)
            for formula in formulas[1:]:
                st.latex(formula)


def clean(value: Any) -> Any:
    """A preset's number to 12 significant digits: cos 60° is 0.5 in the link, not 0.50000…1.

    >>> clean(math.cos(math.pi / 3)), clean(-0.49999999999999994), clean(3), clean("0.3")
    (0.5, -0.5, 3, '0.3')
    """
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.12g}")
    return value


def presets(
    choices: Mapping[str, Mapping[Any, Any]],
    *,
    key: str,
    also: Callable[[], None] | None = None,
) -> None:
    """Buttons that each set several controls at once to a telling case.

    Parameters
    ----------
    choices : mapping
        Preset label → {control (or its URL key): value}. Values must be valid for their
        controls.
    key : str
        A prefix unique on the page for the buttons' own keys.
    also : callable, optional
        Draws more on the same row, after the buttons (the intro's "More on this idea").
    """

    def apply(values: Mapping[Any, Any]) -> None:
        for name, value in keyed(values).items():
            st.session_state[name] = clean(value)

    # The word and the buttons on one row: the topic's picture starts a line higher.
    with st.container(
        horizontal=True, gap="small", vertical_alignment="center", key=f"{key}_presets"
    ):
        if choices:
            st.caption("Presets", width="content")
        for i, (label, values) in enumerate(choices.items()):
            st.button(
                label, key=f"{key}_preset_{i}", on_click=apply, args=(values,), width="content"
            )
        if also is not None:
            also()


def offstage(key: str) -> Any:
    """A container that is not shown, for the controls a menu choice does not use right now.

    Streamlit writes a preset's value into the link only for a control that was already on
    the page; a control that first appears with the preset (a new distribution's slider)
    would keep its value on screen but not in the link. So a topic draws every control of
    every choice on each run and parks the unused ones here.
    """
    return st.container(key=f"{key}_offstage")


_TEMPLATES: dict[tuple, dict[str, Any]] = {}
_TEMPLATE_LIMIT = 256
_ALTAIR_GLOBALS = threading.Lock()
cache.register("chart templates", _TEMPLATES.clear)


def _by_position(data: Any, *, names: Mapping[int, str]) -> dict[str, Any]:
    # An argument frame becomes a named dataset, filled in fresh on every run; a frame the
    # builder made itself (a zero line, say) is part of the chart's fixed shape.
    name = names.get(id(data))
    return {"name": name} if name is not None else alt.to_values(data)


alt.data_transformers.register("mathviz_by_position", _by_position)


def _signature(data: pd.DataFrame) -> tuple:
    return tuple(zip(data.columns, map(str, data.dtypes), strict=True))


def _template(
    builder: Callable[..., alt.TopLevelMixin],
    frames: Sequence[pd.DataFrame],
    params: Mapping[str, Any],
    projector: bool,
) -> dict[str, Any]:
    """The chart's Vega-Lite spec, its data left as named slots ``arg0``, ``arg1`` and so on.

    Building and validating an Altair chart costs tens of milliseconds, far more than the
    math behind it, yet a chart's shape changes only with its parameters. So each shape is
    built and validated once, and a rerun only swaps in new data.
    """
    key = (
        builder.__module__,
        builder.__qualname__,
        tuple(map(_signature, frames)),
        tuple(sorted(params.items())),
        projector,
    )
    # One lock for the cache and Altair's process-wide settings: sessions run in threads.
    with _ALTAIR_GLOBALS:
        if (spec := _TEMPLATES.get(key)) is None:
            spec = _build(builder, frames, params, projector)
            if len(_TEMPLATES) >= _TEMPLATE_LIMIT:
                _TEMPLATES.pop(next(iter(_TEMPLATES)))
            _TEMPLATES[key] = spec
        elif os.environ.get(CHECK_TEMPLATES) == "1":
            _check_unchanged(builder, spec, _build(builder, frames, params, projector))
        return copy.deepcopy(spec)


CHECK_TEMPLATES = "MATHVIZ_CHECK_TEMPLATES"
"""With this environment variable at 1 every stored shape is built again and compared (tests):
a builder that reads a number off its data into the spec would otherwise keep the first
data's number for every later rerun."""


def _build(
    builder: Callable[..., alt.TopLevelMixin],
    frames: Sequence[pd.DataFrame],
    params: Mapping[str, Any],
    projector: bool,
) -> dict[str, Any]:
    figure = theme.apply(builder(*frames, **params), projector=projector)
    names = {id(data): f"arg{i}" for i, data in enumerate(frames)}
    with (
        alt.theme.enable("none"),
        alt.data_transformers.enable("mathviz_by_position", names=names),
    ):
        spec = figure.to_dict()
    if projector:
        _taller(spec, theme.PROJECTOR_HEIGHT)
    _lighten(spec, rows=sum(len(data) for data in frames))
    return spec


def _check_unchanged(
    builder: Callable[..., alt.TopLevelMixin], stored: dict[str, Any], fresh: dict[str, Any]
) -> None:
    """Raise unless a fresh build matches the stored shape (the renderer choice aside)."""
    same, again = (_named_in_order({k: v for k, v in spec.items() if k != "usermeta"})
                   for spec in (stored, fresh))  # fmt: skip
    if same != again:
        raise AssertionError(
            f"{builder.__module__}.{builder.__qualname__} put its data into the chart's shape "
            f"(first at {_first_difference(same, again)}): pass that as a parameter or as data"
        )


_VIEW_NAME = re.compile(r"view_[0-9a-f]+(?:_\d+)?")


def _named_in_order(spec: dict[str, Any]) -> Any:
    """The spec with Altair's generated view names numbered by first use (they vary by build)."""
    text = json.dumps(spec, sort_keys=True)
    order: dict[str, str] = {}
    return json.loads(_VIEW_NAME.sub(lambda m: order.setdefault(m[0], f"view#{len(order)}"), text))


def _first_difference(a: Any, b: Any, path: str = "") -> str:
    """Where two JSON-like values first differ, as a path, and the two values there."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{path}/{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {str(a)[:80]} → {str(b)[:80]}"


HEAVY_ROWS = 1500
"""From this many data rows a chart is painted on a canvas, not as one SVG node per mark."""


def _lighten(spec: dict[str, Any], *, rows: int) -> None:
    """Spare the browser work no one sees: per-mark labels, and SVG nodes for long tables.

    A chart of many rows (a surface's cells, a long run of flips) is painted on a canvas.
    Vega writes an ``aria-label`` for every mark, number formatting included, which costs
    more than drawing a heatmap's cells; the chart keeps its own description. The choice
    is made once per chart shape, so a move never turns into a redraw from scratch.
    """
    config = spec.setdefault("config", {})
    config["mark"] = {**config.get("mark", {}), "aria": False}
    if rows >= HEAVY_ROWS:
        meta = spec.setdefault("usermeta", {})
        meta["embedOptions"] = {**meta.get("embedOptions", {}), "renderer": "canvas"}


def _taller(spec: dict[str, Any], factor: float) -> None:
    """Scale every fixed height in a spec by ``factor``: on a projector charts grow, not shrink.

    Charts of a fixed width (the roadmap, drawn to its own coordinates) keep their shape.
    """
    if isinstance(spec.get("width"), int | float):
        return
    if isinstance(spec.get("height"), int | float):
        spec["height"] = round(spec["height"] * factor)
    for part in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(part, []):
            _taller(child, factor)


def spec(
    builder: Callable[..., alt.TopLevelMixin],
    *frames: pd.DataFrame,
    projector: bool = False,
    **params: Hashable,
) -> dict[str, Any]:
    """The Vega-Lite spec ``chart`` stores for this chart's shape, its data left as slots.

    What a rerun sends is this spec (built once per shape) plus each frame as Arrow, filled
    into the slots ``arg0``, ``arg1``, … in the browser.
    """
    return _template(builder, frames, params, projector)


def templates_held() -> int:
    """How many chart shapes are stored (emptied with ``cache.clear("chart templates")``)."""
    return len(_TEMPLATES)


def chart(
    builder: Callable[..., alt.TopLevelMixin],
    *frames: pd.DataFrame,
    key: str | None = None,
    fit_width: bool = True,
    on_select: Callable[[], None] | None = None,
    selection_mode: Sequence[str] | None = None,
    **params: Hashable,
) -> None:
    """Draw ``builder(*frames, **params)`` with the shared theme, scaled up for a projector.

    Parameters
    ----------
    builder : callable
        A chart builder from ``mathviz.charts``: DataFrames in, Altair chart out.
    *frames : DataFrame
        The data, passed to the builder positionally.
    key : str, optional
        Streamlit element key.
    fit_width : bool
        Stretch to the column (the default) or keep the chart's own width.
    on_select : callable, optional
        Called when the learner clicks a selection of the chart (a ``key`` is then
        needed); it reads the event from ``st.session_state[key]``.
    selection_mode : sequence of str, optional
        The selections whose change calls ``on_select``, by name; by default all of them.
        Others (a drag's preview, say) stay in the browser and never rerun the page.
    **params
        The builder's keyword parameters; they fix the chart's shape, so keep them few.
    """
    spec = _template(builder, frames, params, projector_on())
    fixed = spec.get("datasets", {})  # data the builder made itself, such as a zero line
    spec["datasets"] = {**fixed, **{f"arg{i}": data for i, data in enumerate(frames)}}
    width: Literal["stretch", "content"] = "stretch" if fit_width else "content"
    if on_select is None:
        st.vega_lite_chart(spec, width=width, key=key)
    else:
        mode = None if selection_mode is None else list(selection_mode)
        st.vega_lite_chart(spec, width=width, key=key, on_select=on_select, selection_mode=mode)


NUMBERS_CLASS = "mv-numbers"
"""The class of the list ``numbers`` draws; ``number_pairs`` reads it back."""


def numbers_html(values: Sequence[tuple[str, str]]) -> str:
    """The HTML of ``numbers``: a description list, each label above its value.

    Its look (the metric's sizes, larger on a projector) is the page's style
    (``mathviz.ui.page``), set once per page rather than once per row.

    >>> print(numbers_html([("a < b", "−1")]))
    <dl class="mv-numbers"><div><dt>a &lt; b</dt><dd>−1</dd></div></dl>
    """
    items = "".join(
        f"<div><dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd></div>"
        for label, value in values
    )
    return f'<dl class="{NUMBERS_CLASS}">{items}</dl>'


_PAIR = re.compile(r"<dt>(.*?)</dt><dd>(.*?)</dd>", re.S)


def number_pairs(text: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a ``numbers_html`` block; none for other text.

    >>> number_pairs(numbers_html([("a < b", "1"), ("c", "2 of 3")]))
    [('a < b', '1'), ('c', '2 of 3')]
    >>> number_pairs("**bold**")
    []
    """
    if f'class="{NUMBERS_CLASS}"' not in text:
        return []
    return [(html.unescape(a), html.unescape(b)) for a, b in _PAIR.findall(text)]


def numbers(values: Sequence[tuple[str, str]]) -> None:
    """A row of key numbers, (label, formatted value) pairs, looking like Streamlit's metrics.

    One markdown element instead of a row of metrics: a move redraws one cheap element
    rather than a container and a metric per number. The row wraps on a phone or a
    projector, and reads as a list of label–value pairs to a screen reader.
    """
    st.markdown(numbers_html(values), unsafe_allow_html=True)


TRY_THIS_CSS = (
    "<style>.mv-try{border:1px solid rgba(47,45,43,0.2);border-radius:0.5rem;"
    "padding:calc(1rem - 1px)}.mv-try>p{margin-bottom:1.2rem}"
    ".mv-try>:last-child,.mv-try li:last-child{margin-bottom:0}</style>"
)


def try_this(prompts: Sequence[str]) -> None:
    """Two to four concrete experiments: a control, a value, and what to notice.

    One markdown element in a drawn box, not a bordered container holding two.
    """
    items = "\n".join(f"- {prompt}" for prompt in prompts)
    st.markdown(
        f'{TRY_THIS_CSS}<div class="mv-try">\n\n**Try this**\n\n{items}\n\n</div>',
        unsafe_allow_html=True,
    )


def download(
    plotted: Mapping[str, pd.DataFrame | Callable[[], pd.DataFrame]], *, file_name: str, key: str
) -> None:
    """A button that downloads every plotted series as one CSV, without rerunning the page.

    Parameters
    ----------
    plotted : mapping
        Chart name → its data, or a function that makes it when the button is pressed; the
        CSV gets a first column ``chart`` naming each row's chart.
    file_name, key : str
        The file's name and the button's key.
    """
    frames = dict(plotted)

    def csv() -> bytes:
        # Built only when the button is pressed, not on every move of a slider.
        tables = {name: data() if callable(data) else data for name, data in frames.items()}
        table = pd.concat(
            [data.assign(chart=name)[["chart", *data.columns]] for name, data in tables.items()],
            ignore_index=True,
        )
        return table.to_csv(index=False).encode()

    st.download_button(
        "Download the plotted data (CSV)",
        csv,
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


class Halt(Exception):  # noqa: N818 - it is a signal, not an error
    """Raised after ``problem`` explains why a view cannot be drawn; the topic frame goes on."""


def problem(message: str) -> None:
    """Explain bad input in plain words; the page keeps working around it."""
    st.error(message, icon=":material/error:")
