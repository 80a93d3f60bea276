"""The roadmap map: pillars as columns, topics as nodes, prerequisites as tapered arrows.

``layout`` turns ``mathviz.roadmap`` into two tidy frames (nodes, and edges sampled along
gentle curves); ``roadmap_chart`` draws them. A built topic's node links into its tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import altair as alt
import numpy as np
import pandas as pd

from mathviz.charts.theme import COLORS
from mathviz.roadmap import Pillar

EDGE_SAMPLES = 12


def layout(
    pillars: Sequence[Pillar], prerequisites: Sequence[tuple[str, str]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place every topic and route every prerequisite arrow.

    Parameters
    ----------
    pillars : sequence of Pillar
        The pillars, one column each, in order.
    prerequisites : sequence of (str, str)
        Arrows as (from topic, to topic) names.

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
            query = urlencode({"topic": topic.label})
            rows.append({
                "name": topic.name, "label": topic.label, "pillar": pillar.name,
                "col": float(col), "row": float(row),
                "status": "ready" if pillar.built else "coming",
                "url": f"{pillar.url_path}?{query}" if pillar.built else None,
                "summary": topic.summary,
            })
    nodes = pd.DataFrame(rows)
    where = nodes.set_index("name")[["col", "row"]]
    t = np.linspace(0.0, 1.0, EDGE_SAMPLES)
    parts = []
    for i, (start, end) in enumerate(prerequisites):
        p0, p2 = where.loc[start].to_numpy(), where.loc[end].to_numpy()
        direction = p2 - p0
        normal = np.array([-direction[1], direction[0]])
        # Long arrows bow out so they pass beside, not through, the nodes between.
        p1 = (p0 + p2) / 2 + 0.18 * normal
        curve = (1 - t)[:, None] ** 2 * p0 + 2 * ((1 - t) * t)[:, None] * p1 + t[:, None] ** 2 * p2
        keep = (t > 0.12) & (t < 0.88)  # stop short of the node circles
        parts.append(pd.DataFrame({
            "edge": i, "step": np.arange(keep.sum()), "col": curve[keep, 0],
            "row": curve[keep, 1], "width": np.linspace(0.5, 5.0, keep.sum()),
        }))
    return nodes, pd.concat(parts, ignore_index=True)


def roadmap_chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
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
    arrows = alt.Chart(edges).mark_trail(color=COLORS["grey"], opacity=0.45).encode(
        x=x, y=y, detail="edge:N", order="step:Q",
        size=alt.Size("width:Q", legend=None, scale=alt.Scale(range=[0.5, 5])),
    )
    status = alt.Scale(domain=["ready", "coming"], range=[COLORS["blue"], "#c8c8c8"])
    dots = alt.Chart(nodes).mark_circle(size=260, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("status:N", scale=status, title=None, legend=alt.Legend(orient="top")),
        href="url:N",
        tooltip=[alt.Tooltip("label:N", title="topic"), alt.Tooltip("summary:N", title="shows"),
                 alt.Tooltip("status:N", title="status")],
    )
    labels = alt.Chart(nodes).mark_text(align="left", dx=11, baseline="middle").encode(
        x=x, y=y, text="label:N", href="url:N",
        color=alt.condition(alt.datum.status == "ready", alt.value(COLORS["ink"]),
                            alt.value("#8c8c8c")),
    )
    heads = nodes.groupby("pillar", sort=False)["col"].first().reset_index()
    heads["row"] = -0.8
    titles = alt.Chart(heads).mark_text(align="left", dx=-8, fontWeight="bold").encode(
        x=x, y=y, text="pillar:N"
    )
    return alt.layer(arrows, dots, labels, titles).properties(height=60 * n_rows + 40)
