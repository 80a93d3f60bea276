"""The frame every topic shares, run by one function, so no topic can leave a part out.

A topic module describes itself as a ``Topic``: its explanation and formulas, presets,
Try-this prompts, and a ``body`` that draws the controls, computes and renders the charts
and metrics, and returns the tables it plotted. ``run`` always draws, in this order:

    intro → presets → body (controls, compute, charts, metrics) → download → Try this

A body that meets input it cannot draw explains it with ``frame.problem`` and raises
``frame.Halt``: the topic then still shows its Try-this prompts, without a download.
"""

from __future__ import annotations

import contextlib
import functools
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from mathviz.roadmap import PILLARS, PREREQUISITES
from mathviz.ui import frame, state


@dataclass(frozen=True)
class Topic:
    """One topic of a pillar.

    Attributes
    ----------
    name : str
        The topic's name in ``roadmap.PILLARS`` ("derivative"); its tab label comes from
        there.
    prefix : str
        The start of every URL key of the topic ("der"), which keeps keys unique on a page.
    intro : str
        A few sentences on the idea, in plain words.
    formulas : sequence of str
        LaTeX, shown under the intro.
    presets : mapping
        Button label → {control (or URL key): value}: telling cases, one press each.
    try_this : sequence of str
        Two to four experiments, each naming a control, a value and what to notice.
    body : callable
        Draws the controls, computes and renders; returns chart name → plotted table
        (or a maker of it) for the CSV download.
    fragment : bool
        Rerun only this topic when its controls move (the default). A topic whose body
        holds fragments of its own turns this off.
    download : str
        The CSV's file name, when it is not the topic's name (derivative.csv).
    """

    name: str
    prefix: str
    intro: str
    formulas: Sequence[str]
    presets: Mapping[str, Mapping[Any, Any]]
    try_this: Sequence[str]
    body: Callable[[], frame.Plotted]
    fragment: bool = field(default=True, kw_only=True)
    download: str = field(default="", kw_only=True)

    @property
    def file_name(self) -> str:
        """The CSV download's name: ``download``, or the topic's name (derivative.csv)."""
        return self.download or f"{self.name.replace('-', '_')}.csv"


ARROW = ":material/arrow_back:"


def run(topic: Topic) -> None:
    """Draw ``topic`` in the shared order; its body as one fragment unless it says otherwise.

    The intro, formulas, presets and Try-this prompts never change as a control moves, so
    they stay outside the fragment: a move resends and redraws only what it can change.
    """
    frame.intro(topic.intro, topic.formulas, below=built_from(topic.name))
    frame.presets(
        topic.presets,
        key=topic.prefix,
        also=functools.partial(frame.more, topic.intro, topic.formulas),
    )
    if topic.fragment:
        st.fragment(_body)(topic)
    else:
        _body(topic)
    frame.try_this(topic.try_this)


def topic_link(name: str, *, label: str | None = None, icon: str = ARROW) -> None:
    """A link that opens the topic ``name`` (a roadmap name) in its tab, projector mode kept."""
    pillar = next(p for p in PILLARS if any(t.name == name for t in p.topics))
    entry = next(t for t in pillar.topics if t.name == name)
    carry = {"projector": "true"} if state.projector_on() else {}
    st.page_link(
        pillar.page,
        label=label or entry.label,
        icon=icon,
        query_params={"topic": entry.label, **carry},
        help=f"{pillar.name}: {entry.summary}",
    )


def built_from(name: str) -> str:
    """A line of links to the topics this one builds on (the roadmap's arrows into it).

    Plain links that load the page (relative, so they work under any base path): a
    Streamlit page link to the page already open would drop the topic from the address.
    Empty when nothing leads to the topic.
    """
    earlier = [before for before, after in PREREQUISITES if after == name]
    carry = {"projector": "true"} if state.projector_on() else {}
    links = [
        f'<a href="{pillar.url_path}?{urlencode({"topic": entry.label, **carry})}" '
        f'target="_self" title="{html.escape(pillar.name)}: {html.escape(entry.summary)}">'
        f"{html.escape(entry.label).replace(' ', '&nbsp;')}</a>"
        for pillar in PILLARS
        for entry in pillar.topics
        if entry.name in earlier
    ]
    return f'<p class="mv-built">Built from {" · ".join(links)}</p>' if links else ""


def _body(topic: Topic) -> None:
    plotted: frame.Plotted = {}
    with contextlib.suppress(frame.Halt):
        plotted = topic.body()
    if plotted:
        frame.download(plotted, file_name=topic.file_name, key=f"{topic.prefix}_csv")


def show_topics(page: str, topics: Sequence[Topic]) -> None:
    """The pillar's topics as URL-bound tabs; only the open tab's topic runs.

    Parameters
    ----------
    page : str
        The pillar's script path, as in ``roadmap.PILLARS``.
    topics : sequence of Topic
        Every topic of the pillar; the roadmap gives their order and tab labels.
    """
    pillar = next(p for p in PILLARS if p.page == page)
    by_name = {topic.name: topic for topic in topics}
    missing = {t.name for t in pillar.topics} ^ set(by_name)
    if missing:
        raise ValueError(f"the roadmap and the page disagree about topics: {sorted(missing)}")
    tabs = state.topic_tabs([topic.label for topic in pillar.topics])
    for tab, entry in zip(tabs, pillar.topics, strict=True):
        with tab:
            if tab.open:
                run(by_name[entry.name])
