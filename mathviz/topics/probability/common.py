"""What the Probability topics share: stored counts, the running-mean tables, model tables.

The coin flips and the dice game both draw a running mean inside its ±2σ/√n band; the
distributions and maximum likelihood both draw a model over a sample.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from mathviz import probability as pr
from mathviz.ui import cache
from mathviz.ui.format import pct

# Finding the log-spaced counts for ten million takes milliseconds; every run of that size
# uses the same ones, and they are only read.
log_points = cache.stored("log-spaced counts", size=64)(pr.log_points)


def series_table(
    counts: Sequence[np.ndarray], means: Sequence[np.ndarray], names: Sequence[str]
) -> pd.DataFrame:
    """Running means as one tidy table, compact: 4-byte numbers and the run as a category.

    ``k`` numbers each run's points 0, 1, …: a chart's "so far" slider shows rows up to it.
    """
    return pd.DataFrame(
        {
            "n": np.concatenate(counts).astype(np.int32),
            "mean": np.concatenate(means).astype(np.float32),
            "run": pd.Categorical(np.repeat(names, [len(c) for c in counts]), categories=names),
            "k": np.concatenate([np.arange(len(c)) for c in counts]).astype(np.int16),
        }
    )


def band_table(centre: float, sd: float, n: int, *, at: np.ndarray | None = None) -> pd.DataFrame:
    """The band centre ± 2σ/√n at 200 log-spaced counts up to ``n``, as the chart draws it.

    Given ``at``, the band is taken at those counts instead, numbered ``k`` like a run's
    points, so a "so far" slider draws the band as far as the runs.
    """
    ns = log_points(n, count=200).astype(float) if at is None else np.asarray(at, dtype=float)
    low, high = pr.mean_band(ns, centre, sd)
    band = pd.DataFrame({"n": ns, "low": low, "high": high, "centre": centre})
    if at is not None:
        band["k"] = np.arange(len(ns), dtype=np.int16)
    return band


def distribution_tables(
    family: str, params: Mapping[str, float], xs: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The exact pmf or pdf over its support, and the sample's shares or histogram."""
    frozen = pr.distribution(family, **params)
    grid = pr.support_points(family, params)
    if family in pr.DISCRETE:
        pmf = pd.DataFrame({"x": grid, "probability": frozen.pmf(grid)})
        values, shares = pr.value_shares(xs, low=grid[0], high=grid[-1])
        return pmf, pd.DataFrame({"x": values, "share": shares})
    pdf = pd.DataFrame({"x": grid, "density": frozen.pdf(grid)})
    edges, density = pr.density_histogram(xs, low=grid[0], high=grid[-1])
    histogram = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "density": density})
    return pdf, histogram


def interval_tables(
    family: str,
    params: Mapping[str, float],
    xs: np.ndarray,
    interval: tuple[float, float],
    *,
    x_range: tuple[float, float],
    label: str,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The model with its CDF and the interval marked, the sample, and the interval's row.

    A continuous model is drawn on a fine grid over ``x_range`` with the interval's ends
    added, so the shaded area starts and stops exactly at a and b.
    """
    frozen = pr.distribution(family, **params)
    a, b = interval
    low, high = x_range
    if family in pr.DISCRETE:
        grid = np.arange(max(math.ceil(low), float(frozen.support()[0])), math.floor(high) + 1)
        model = pd.DataFrame({"x": grid, "density": frozen.pmf(grid), "cdf": frozen.cdf(grid)})
        values, shares = pr.value_shares(xs, low=low, high=high)
        sample = pd.DataFrame({"x": values, "share": shares})
    else:
        ends = np.clip([a, b], low, high)
        grid = np.unique(np.concatenate([np.linspace(low, high, 801), ends]))
        model = pd.DataFrame({"x": grid, "density": frozen.pdf(grid), "cdf": frozen.cdf(grid)})
        bins = pr.frame_bins(high - low, float(frozen.std()), xs.size)
        edges, density = pr.density_histogram(xs, low=low, high=high, bins=bins)
        sample = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "density": density})
    model["inside"] = (model["x"] >= a) & (model["x"] <= b)
    if family in pr.DISCRETE:
        fa, fb = float(frozen.cdf(math.ceil(a) - 1)), float(frozen.cdf(math.floor(b)))
    else:
        fa, fb = float(frozen.cdf(a)), float(frozen.cdf(b))
    row = pd.DataFrame({"a": [a], "b": [b], "Fa": [fa], "Fb": [fb], "label": [label]})
    return model, sample, row


def share_text(share: float, digits: int = 3) -> str:
    """A probability as a percentage that never rounds a doubt away: "> 99.99 %", not "100 %".

    0 and 1 are written as they are; a share that would round to 0 % or 100 % but is
    not exactly that is written with two decimals ("99.95 %"), or as "< 0.01 %" or
    "> 99.99 %" when even two decimals would round it away.
    """
    if math.isnan(share) or share in (0.0, 1.0):
        return pct(share, digits)
    if share > 0.9999:
        return "> 99.99 %"
    if share < 0.0001:
        return "< 0.01 %"
    text = pct(share, digits)
    # One rule: significant digits, but never more than two decimals of a per cent.
    return text if text not in ("100 %", "0 %") else f"{100 * share:.2f} %"
