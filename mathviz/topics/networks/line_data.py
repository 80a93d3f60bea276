"""The points of the Least squares & SGD topic, and the batch sizes drawn for them.

The points are generated with a seed, or are the learner's own.
"""

from __future__ import annotations

import numpy as np

from mathviz import networks as nn
from mathviz.charts import multivariable as descent_charts
from mathviz.charts import networks as charts
from mathviz.topics.networks.common import keep_upload, own_csv, upload
from mathviz.ui import cache

UPLOAD = "lsq_upload"
BATCHES = (1, 8, 64)  # and the full batch


def palette(n: int) -> descent_charts.Palette:
    """The runs drawn for n points: B = 1, 8, 64 where smaller than n, and the full batch."""
    names = [f"B = {b}" for b in BATCHES if b < n] + ["full batch"]
    return tuple((name, charts.BATCH_PALETTE[name]) for name in names)


def batch_size(name: str, n: int) -> int:
    """The batch size a run's name stands for."""
    return n if name == "full batch" else int(name.removeprefix("B = "))


@cache.stored("least-squares points", size=32)
def generated(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The generated points, read-only."""
    x, y = nn.line_points(n, noise=noise, seed=seed)
    x.setflags(write=False)
    y.setflags(write=False)
    return x, y


def points_of(key: tuple) -> tuple[np.ndarray, np.ndarray]:
    """The points a key names: ("generated", n, noise, seed) or ("file", digest)."""
    if key[0] == "file":
        x, y = upload(key[1])
        return x, y
    return generated(*key[1:])


def own_points() -> tuple[tuple, str] | None:
    """The learner's CSV of x, y when one is given and readable: (its key, its name)."""

    def read(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
        table = nn.read_points(raw, columns=("x", "y"))
        nn.least_squares(table[:, 0], table[:, 1])  # refuses points that fit no single line
        return table[:, 0].copy(), table[:, 1].copy()

    given = own_csv(
        UPLOAD, columns="x, y", read=read,
        note="Two columns, x and y, with or without a header; up to 5,000 rows. A link "
        "cannot carry a file: shared, this page shows the generated points.",
        fallback="The generated points are shown instead.",
    )  # fmt: skip
    if given is None:
        return None
    digest, name, points = given
    keep_upload(digest, points)
    return ("file", digest), name
