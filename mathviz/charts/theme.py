"""One look for every chart: a colour-blind-safe palette, sizes, and a projector scale.

Chart builders take colours from ``COLORS`` and sizes from ``SIZES`` and never set a font
size themselves; ``apply`` adds the fonts and default stroke widths for normal or projector
mode when the chart is shown, so the same chart serves a laptop and a classroom wall.
"""

from __future__ import annotations

from typing import cast

import altair as alt

# Okabe & Ito's palette: distinguishable with every common colour-vision deficiency.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "ink": "#1a1a1a",
    "grey": "#8c8c8c",
    "positive": "#0072B2",
    "negative": "#D55E00",
}

SIZES = {"height": 300, "main": 480, "small_height": 170, "point": 70, "label_dy": -12}
"""``main`` is the height of a topic's main picture: never under ~350 px."""

PROJECTOR_SCALE = 1.6
PROJECTOR_HEIGHT = 1.5
"""On a projector fonts grow by PROJECTOR_SCALE and charts by this much, so the plot grows too."""


def scale(projector: bool) -> float:
    """The factor applied to fonts and strokes: 1 normally, ``PROJECTOR_SCALE`` on a projector."""
    return PROJECTOR_SCALE if projector else 1.0


def apply(chart: alt.TopLevelMixin, *, projector: bool = False) -> alt.TopLevelMixin:
    """Give a finished chart the shared fonts and stroke widths.

    Parameters
    ----------
    chart : altair top-level chart
        A chart from one of the builders.
    projector : bool
        Larger type, thicker lines and darker gridlines for a projected screen.

    Returns
    -------
    altair top-level chart
        The same chart (not a copy) with its ``config`` set.

    Examples
    --------
    >>> import pandas as pd
    >>> base = alt.Chart(pd.DataFrame({"x": [0, 1]})).mark_line().encode(x="x")
    >>> apply(base, projector=True).to_dict()["config"]["axis"]["labelFontSize"]
    19
    """
    # One assignment on the chart we were handed: configure_*() would copy it once per call.
    # Every concrete top-level chart has a Vega-Lite ``config``; TopLevelMixin does not say so.
    cast("alt.ChartType", chart).config = config(projector=projector)
    return chart


def config(*, projector: bool = False) -> dict:
    """The Vega-Lite ``config`` block: fonts, colours and default stroke widths.

    Parameters
    ----------
    projector : bool
        Larger type, thicker lines and darker gridlines for a projected screen.

    Returns
    -------
    dict
        A Vega-Lite config object.

    Examples
    --------
    >>> config(projector=True)["axis"]["labelFontSize"]
    19
    """
    k = scale(projector)
    ink = COLORS["ink"] if projector else "#31333F"
    return {
        "axis": {
            "labelFontSize": round(12 * k),
            "titleFontSize": round(13 * k),
            "labelColor": ink,
            "titleColor": ink,
            "domainColor": ink,
            "tickColor": ink,
            "gridColor": "#b0b0b0" if projector else "#e6e6e6",
        },
        "legend": {"labelFontSize": round(12 * k), "titleFontSize": round(13 * k)},
        "title": {"fontSize": round(14 * k), "color": ink, "anchor": "start"},
        "header": {"labelFontSize": round(13 * k), "titleFontSize": round(13 * k)},
        "text": {"fontSize": round(12 * k)},
        "line": {"strokeWidth": 2.5 * k},
        "trail": {},
        "rule": {"strokeWidth": 1.5 * k},
        "point": {"size": SIZES["point"] * k * k},
        "view": {"stroke": None},
        # Named styles for the planes of linear algebra, scaled like everything else.
        "style": {
            "arrowhead": {"size": 150 * k * k},
            "planelabel": {"fontSize": round(14 * k)},
        },
    }


INNER_LABEL = "#555555"
"""Tick labels inside a plot: dark enough to read over grid lines, lighter than the data."""


def inner_y_axis() -> alt.Axis:
    """A y axis whose labels sit just inside the plot, above their grid lines.

    Streamlit stretches every panel of a stacked chart to the full column width, so room
    taken by y labels outside the plot would push the chart past the column's edge; inside,
    they take none, and every panel's plot starts at the same left edge. Labels go through
    format(), not the axis format: a tick format takes its precision from the tick step and
    prints 10 as 1e+1, or 0 as 0.000000 on a flat curve.
    """
    return alt.Axis(
        title=None,
        labelExpr="format(datum.value, '~g')",
        tickCount=5,
        ticks=False,
        domain=False,
        labelAlign="left",
        labelBaseline="bottom",
        labelPadding=-4,
        labelColor=INNER_LABEL,
        minExtent=0,
        maxExtent=0,
    )


def step_slider(name: str, last: int, label: str, *, at: int = 0) -> alt.Parameter:
    """A parameter ``name`` bound to the chart's own slider of whole steps 0 … ``last``.

    A chart filters its rows by it (``datum.k <= name``), so moving the slider, or a
    player driving it (``mathviz.ui.stage.player``), redraws the chart in the browser.
    ``label`` is the slider's name as shown; ``at`` where it starts.
    """
    return alt.param(
        name=name,
        value=at,
        bind=alt.binding_range(min=0, max=max(int(last), 1), step=1, name=label),
    )
