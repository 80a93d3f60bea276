"""How noisy a minibatch gradient is, for the Least squares & SGD topic.

Its cloud around the full gradient at the start, and its spread against the batch size.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import networks as nn
from mathviz.charts import networks as charts
from mathviz.charts.plane import nice_extent
from mathviz.topics.networks.line_data import batch_size, palette, points_of
from mathviz.ui import cache, frame

CLOUD = 120  # at least this many minibatch gradients per batch size


@cache.stored("minibatch clouds", size=64)
def clouds(
    key: tuple, start: tuple[float, float], seed: int
) -> dict[str, tuple[np.ndarray, float, float]]:
    """Per batch size: its gradients at the start, the predicted and the measured RMS spread."""
    x, y = points_of(key)
    full = nn.mse_gradient(x, y, *start)
    out = {}
    for name, _ in palette(len(x))[:-1]:
        b = batch_size(name, len(x))
        drawn = nn.minibatch_cloud(x, y, *start, batch_size=b, count=CLOUD, seed=seed)
        predicted = math.sqrt(float(nn.minibatch_spread(x, y, *start, batch_size=b).sum()))
        measured = math.sqrt(float(np.mean(np.sum((drawn - full) ** 2, axis=1))))
        out[name] = (drawn, predicted, measured)
    return out


@cache.stored("minibatch cloud pictures", size=64)
def cloud_frames(
    key: tuple, start: tuple[float, float], seed: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, float, tuple[float, float]]:
    """The cloud chart's frames (dots, rings, the full gradient) and its view."""
    x, y = points_of(key)
    full = nn.mse_gradient(x, y, *start)
    drawn = clouds(key, start, seed)
    turn = np.linspace(0, 2 * np.pi, 73)
    cloud = pd.concat(
        [
            pd.DataFrame({"gw": g[:, 0], "gb": g[:, 1], "method": name})
            for name, (g, _, _) in drawn.items()
        ],
        ignore_index=True,
    )
    rings = pd.concat(
        [
            pd.DataFrame(
                {
                    "gw": full[0] + r * np.cos(turn),
                    "gb": full[1] + r * np.sin(turn),
                    "method": name,
                    "i": np.arange(turn.size),
                }
            )
            for name, (_, r, _) in drawn.items()
        ],
        ignore_index=True,
    )
    # The view holds the origin (where the arrow starts) and the widest ring twice over.
    reach = 2 * max([r for _, r, _ in drawn.values()] + [1e-9])
    ws = [0.0, full[0] - reach, full[0] + reach]
    bs = [0.0, full[1] - reach, full[1] + reach]
    extent = nice_extent(max(max(ws) - min(ws), max(bs) - min(bs)) / 2)
    grid = extent / 4
    centre = (
        round((max(ws) + min(ws)) / 2 / grid) * grid,
        round((max(bs) + min(bs)) / 2 / grid) * grid,
    )
    tip = pd.DataFrame({"gw": [float(full[0])], "gb": [float(full[1])]})
    return cloud, rings, tip, extent, centre


def draw_cloud(key: tuple, start: tuple[float, float], seed: int) -> pd.DataFrame:
    """The cloud chart of the points of ``key`` at the start; returns its dots."""
    colours = palette(len(points_of(key)[0]))
    cloud, rings, tip, extent, centre = cloud_frames(key, start, seed)
    frame.chart(
        charts.cloud_chart, cloud, rings, tip, extent=extent, centre=centre, palette=colours[:-1]
    )
    return cloud


@cache.stored("minibatch spreads", size=64)
def spread_frames(key: tuple, start: tuple[float, float], seed: int) -> tuple[pd.DataFrame, ...]:
    """The spread chart's curves (predicted, 1/√B) and the spreads measured on the clouds."""
    x, y = points_of(key)
    n = len(x)
    sizes = np.unique(np.round(np.geomspace(1, n, 60)).astype(int))
    predicted = np.sqrt(nn.minibatch_spread(x, y, *start, batch_size=sizes).sum(axis=1))
    curve = pd.concat(
        [
            pd.DataFrame({"B": sizes, "spread": predicted, "line": "predicted"}),
            pd.DataFrame({"B": sizes, "spread": predicted[0] / np.sqrt(sizes), "line": "1/√B"}),
        ],
        ignore_index=True,
    )
    drawn = clouds(key, start, seed)
    measured = pd.DataFrame(
        {
            "B": [batch_size(name, n) for name in drawn],
            "spread": [m for _, _, m in drawn.values()],
            "method": list(drawn),
        }
    )
    return curve, measured


def draw_spread(key: tuple, start: tuple[float, float], seed: int) -> pd.DataFrame:
    """The spread against B, with a sentence on what it shows; returns its data."""
    colours = palette(len(points_of(key)[0]))
    curve, measured = spread_frames(key, start, seed)
    st.markdown(
        "**The noise shrinks like 1/√B.** Dots: measured on the clouds above; the solid curve "
        f"is σ/√B·√((n − B)/(n − 1)), which falls to 0 at the full batch "
        f"(B = {len(points_of(key)[0])})."
    )
    frame.chart(charts.spread_chart, curve, measured, palette=colours[:-1])
    return pd.concat([curve, measured], ignore_index=True)
