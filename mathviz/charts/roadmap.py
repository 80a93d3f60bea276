"""The roadmap map: pillars as columns, topics as nodes, prerequisites as tapered arrows.

``layout`` turns ``mathviz.roadmap`` into two tidy frames (nodes, and edges sampled along
gentle curves); ``roadmap_chart`` draws them. A built topic's node links into its tab.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import altair as alt
import numpy as np
import pandas as pd

from mathviz.charts.theme import COLORS
from mathviz.roadmap import Pillar

EDGE_SAMPLES = 16
MAP_WIDTH = 860
LABEL_WIDTH = 0.62  # how far right of its node a topic's label reaches, in column widths
LABEL_LIMIT = (
    118  # pixels; a longer label is cut short (its tooltip has it whole) on narrow screens
)


def layout(
    pillars: Sequence[Pillar],
    prerequisites: Sequence[tuple[str, str]],
    *,
    carry: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place every topic and route every prerequisite arrow.

    Parameters
    ----------
    pillars : sequence of Pillar
        The pillars, one column each, in order.
    prerequisites : sequence of (str, str)
        Arrows as (from topic, to topic) names.
    carry : mapping, optional
        Query parameters every topic link carries along, such as ``{"projector": "true"}``.

    Returns
    -------
    nodes : DataFrame
        ``name``, ``label``, ``pillar``, ``col``, ``row``, ``status``, ``url``, ``summary``.
    edges : DataFrame
        ``edge``, ``step``, ``col``, ``row``, ``width``: points along each arrow, widening
        from its start to its end.
    """
    rows = []
    for col, pillar in enumerate(pillars):
        for row, topic in enumerate(pillar.topics):
            query = urlencode({"topic": topic.label, **(carry or {})})
            rows.append(
                {
                    "name": topic.name,
                    "label": topic.label,
                    "pillar": pillar.name,
                    "col": float(col),
                    "row": float(row),
                    "status": "ready" if pillar.built else "coming",
                    "url": f"{pillar.url_path}?{query}" if pillar.built else None,
                    "summary": topic.summary,
                }
            )
    nodes = pd.DataFrame(rows)
    where = nodes.set_index("name")[["col", "row"]]
    parts = [
        _edge_path(i, where.loc[start].to_numpy(), where.loc[end].to_numpy())
        for i, (start, end) in enumerate(prerequisites)
    ]
    return nodes, pd.concat(parts, ignore_index=True)


def _edge_path(edge: int, start: np.ndarray, end: np.ndarray) -> pd.DataFrame:
    t = np.linspace(0.0, 1.0, EDGE_SAMPLES)[:, None]
    if start[0] == end[0]:
        # Within a pillar: from node to node, bowing left of the column.
        p0, p3 = start + np.array([0.0, 0.22]), end - np.array([0.0, 0.22])
        bow = np.array([-0.09 * (end[1] - start[1]), 0.0])
        p1, p2 = p0 + bow, p3 + bow
    else:
        # Across pillars: leave from the right of the label, arrive level at the node.
        p0, p3 = start + np.array([LABEL_WIDTH, 0.0]), end - np.array([0.07, 0.0])
        reach = (p3[0] - p0[0]) / 2
        p1, p2 = p0 + np.array([reach, 0.0]), p3 - np.array([reach, 0.0])
    curve = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
    return pd.DataFrame(
        {
            "edge": edge,
            "step": np.arange(EDGE_SAMPLES),
            "col": curve[:, 0],
            "row": curve[:, 1],
            "width": np.linspace(0.6, 4.0, EDGE_SAMPLES),
        }
    )


def roadmap_chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The map itself; click a ready topic to open it.

    Parameters
    ----------
    nodes, edges : DataFrame
        As returned by ``layout``.

    Returns
    -------
    alt.LayerChart
        Columns of topics under their pillar names, with arrows between them.
    """
    n_rows = int(nodes["row"].max()) + 1
    x = alt.X("col:Q", axis=None, scale=alt.Scale(domain=[-0.3, nodes["col"].max() + 0.9]))
    y = alt.Y("row:Q", axis=None, scale=alt.Scale(domain=[-1.0, n_rows - 0.4], reverse=True))
    arrows = (
        alt.Chart(edges)
        .mark_trail(color=COLORS["sky"], opacity=0.55)
        .encode(
            x=x,
            y=y,
            detail=alt.Detail("edge:N"),
            order=alt.Order("step:Q"),
            size=alt.Size("width:Q", legend=None, scale=alt.Scale(range=[0.6, 4])),
        )
    )
    status = alt.Scale(domain=["ready", "coming"], range=[COLORS["blue"], "#c8c8c8"])
    dots = (
        alt.Chart(nodes)
        .mark_circle(size=260, opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color("status:N", scale=status, title=None, legend=alt.Legend(orient="top")),
            href=alt.Href("url:N"),
            tooltip=[
                alt.Tooltip("label:N", title="topic"),
                alt.Tooltip("summary:N", title="shows"),
                alt.Tooltip("status:N", title="status"),
            ],
        )
    )
    labels = (
        alt.Chart(nodes)
        .mark_text(align="left", dx=11, baseline="middle")
        .encode(
            x=x,
            y=y,
            text=alt.Text("label:N"),
            href=alt.Href("url:N"),
            color=alt.Color(
                "status:N",
                legend=None,
                scale=alt.Scale(domain=["ready", "coming"], range=[COLORS["ink"], COLORS["grey"]]),
            ),
        )
    )
    heads = nodes.groupby("pillar", sort=False)["col"].first().reset_index()
    heads["row"] = -0.8
    titles = (
        alt.Chart(heads)
        .mark_text(align="left", dx=-8, fontWeight="bold", fontSize=13, limit=LABEL_LIMIT + 20)
        .encode(x=x, y=y, text=alt.Text("pillar:N"))
    )
    # A fixed width keeps labels apart; on a narrow screen the page lets the map scroll.
    return alt.layer(arrows, dots, labels, titles).properties(
        width=MAP_WIDTH, height=60 * n_rows + 40
    )
