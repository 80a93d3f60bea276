"""The playground: a small network trained on points in the plane, epoch by epoch."""

from __future__ import annotations

import contextvars
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import networks as nn
from mathviz.charts import networks as charts
from mathviz.topics.networks.common import keep_upload, own_csv, upload
from mathviz.ui import cache, frame, stage
from mathviz.ui.controls import Choice, Seed, Slider
from mathviz.ui.format import fmt
from mathviz.ui.frame import beside
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic, topic_link

UPLOAD = "tr_upload"
SIDE = 36  # boundary cells per side
SHOWN = 13  # stored epochs the scrubber visits, first and last included
HEAVY = 30_000  # gradient steps in a run above which it shows its progress
TEST_SHARE = 0.3
CURVE_POINTS = 301  # epochs drawn on each loss curve at most
LABELS = {
    "linear": "Linear",
    "blobs": "Blobs",
    "xor": "XOR",
    "circles": "Circles",
    "moons": "Moons",
    "spiral": "Spiral",
}

DATA = Choice("tr_data", "Dataset", nn.DATASETS, "circles", label_of=LABELS.__getitem__)
NOISE = Slider("tr_noise", "Noise", 0.0, 0.5, 0.1, step=0.05)
N = Choice("tr_n", "Points", (50, 100, 200, 500, 1000), 200, kind="slider")
SEED = Seed("tr_seed")
LAYERS = Slider("tr_layers", "Hidden layers", 0, nn.MAX_HIDDEN, 2)
WIDTH = Slider("tr_width", "Units per hidden layer", 1, nn.MAX_WIDTH, 4)
ACTIVATION = Choice("tr_act", "Activation", ("tanh", "relu", "sigmoid"), "tanh", kind="horizontal")
OPTIMIZER = Choice(
    "tr_opt", "Optimiser", nn.OPTIMIZERS, "sgd", kind="horizontal",
    label_of={"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}.__getitem__,
)  # fmt: skip
LR = Choice(
    "tr_lr", "Learning rate η", (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0), 0.1,
    label_of=lambda lr: f"{lr:g}", kind="slider",
)  # fmt: skip
BATCH = Choice("tr_batch", "Batch size", (1, 5, 10, 25, 50, 100, 500), 10, kind="slider")
EPOCHS = Choice("tr_epochs", "Epochs", (10, 50, 100, 200, 300, 500, 1000), 300, kind="slider")
L2 = Choice(
    "tr_l2", "L2 penalty", (0.0, 0.0001, 0.001, 0.01, 0.1), 0.0,
    label_of=lambda v: f"{v:g}", kind="slider",
)  # fmt: skip

BASE = {
    NOISE: 0.1, N: 200, LAYERS: 1, WIDTH: 4, ACTIVATION: "tanh", OPTIMIZER: "sgd", LR: 0.1,
    BATCH: 10, EPOCHS: 300, L2: 0.0,
}  # fmt: skip
"""What every preset sets unless it says otherwise: a preset shows the same run whatever
was pressed before it."""

_PROGRESS: contextvars.ContextVar[Callable[[int, float], object] | None] = contextvars.ContextVar(
    "training progress", default=None
)


@cache.stored("training data", size=32)
def generated(name: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, ...]:
    """The dataset split into training and test points, read-only."""
    X, y = nn.make_dataset(name, n, noise=noise, seed=seed)
    parts = nn.split(X, y, test_share=TEST_SHARE, seed=seed)
    for part in parts:
        part.setflags(write=False)
    return parts


def data_of(key: tuple) -> tuple[np.ndarray, ...]:
    """The split points a key names: ("generated", name, n, noise, seed) or ("file", digest)."""
    if key[0] == "file":
        return upload(key[1])
    return generated(*key[1:])


def own_points(seed: int) -> tuple[tuple, str] | None:
    """The learner's CSV of x1, x2, label when one is given and usable: (its key, its name)."""
    given = own_csv(
        UPLOAD, columns="x1, x2, label", read=nn.read_labelled,
        note="Three columns, x1, x2 and label (0 or 1), with or without a header; up to "
        "5,000 rows, both classes present. A link cannot carry a file: shared, this page "
        "shows the chosen dataset.",
        fallback="The chosen dataset is shown instead.",
    )  # fmt: skip
    if given is None:
        return None
    digest, name, (X, y) = given
    keep_upload(f"{digest}-{seed}", nn.split(X, y, test_share=TEST_SHARE, seed=seed))
    return ("file", f"{digest}-{seed}"), name


@cache.stored("training runs", size=32)
def trained(
    key: tuple,
    sizes: tuple[int, ...],
    *,
    activation: str,
    optimizer: str,
    lr: float,
    batch_size: int,
    epochs: int,
    l2: float,
    seed: int,
) -> nn.Training:
    """A run, stored for every session: the same settings train once."""
    X, y, _, _ = data_of(key)
    return nn.train(
        X, y, sizes=list(sizes), activation=activation, optimizer=optimizer, lr=lr,
        batch_size=batch_size, epochs=epochs, l2=l2, seed=seed, progress=_PROGRESS.get(),
    )  # fmt: skip


def shown_epochs(run: nn.Training) -> list[int]:
    """The stored epochs the scrubber visits, 0 and the last among them.

    About ``SHOWN`` − 1 after 0, spaced evenly on a log scale: training changes fastest
    early on.
    """
    last = run.epochs
    if last == 0:
        return [0]
    return sorted({0, last, *np.round(np.geomspace(1, last, SHOWN - 1)).astype(int).tolist()})


@cache.stored("training pictures", size=32)
def training_frames(
    key: tuple, sizes: tuple[int, ...], settings: tuple[tuple[str, object], ...], extent: float
) -> tuple:
    """Cells, points, stored epochs, loss curves and the hidden plane of a stored run."""
    run = trained(key, sizes, **dict(settings))  # type: ignore[arg-type]
    activation = str(dict(settings)["activation"])
    X, y, Xt, yt = data_of(key)
    epochs = shown_epochs(run)
    centres = -extent + (np.arange(SIDE) + 0.5) * 2 * extent / SIDE
    gx, gy = np.meshgrid(centres, centres)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    cells = pd.concat(
        [
            pd.DataFrame(
                {
                    "k": np.int8(k),
                    "i": np.arange(grid.shape[0], dtype=np.int16),
                    # P(class 1) in 256 steps, a byte a cell: finer than the colours show.
                    "p": np.round(
                        255 * nn.forward(run.snapshots[e], grid, activation=activation)
                    ).astype(np.uint8),
                }
            )
            for k, e in enumerate(epochs)
        ],
        ignore_index=True,
    )
    points = pd.concat(
        [
            pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "label": y.astype(int), "set": "train"}),
            pd.DataFrame({"x1": Xt[:, 0], "x2": Xt[:, 1], "label": yt.astype(int), "set": "test"}),
        ],
        ignore_index=True,
    )
    test_losses = [
        nn.loss(run.snapshots[e], Xt, yt, activation=activation) for e in range(run.epochs + 1)
    ]
    frames = pd.DataFrame(
        {
            "k": range(len(epochs)),
            "epoch": epochs,
            "train": [float(run.history[e]) for e in epochs],
            "test": [test_losses[e] for e in epochs],
        }
    )
    drawn = np.unique(np.linspace(0, run.epochs, CURVE_POINTS).round().astype(np.int16))
    curves = pd.concat(
        [
            pd.DataFrame({"epoch": drawn, "loss": run.history[drawn].astype("f4"), "set": "train"}),
            pd.DataFrame(
                {"epoch": drawn, "loss": np.asarray(test_losses, dtype="f4")[drawn], "set": "test"}
            ),
        ],
        ignore_index=True,
    )
    hidden, lines, reach = _hidden_plane(run, X, y, epochs, activation)
    return cells, points, frames, curves, hidden, lines, reach


def _hidden_plane(
    run: nn.Training, X: np.ndarray, y: np.ndarray, epochs: list[int], activation: str
) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Each point in the last hidden layer's plane, and the output's line P = ½ there."""
    empty = (
        pd.DataFrame({"k": [], "h1": [], "h2": [], "label": []}),
        pd.DataFrame({"k": [], "h1": [], "h2": [], "end": []}),
        1.0,
    )
    if len(run.params) < 2 or run.params[-1][0].shape[1] != 2:
        return empty
    views, ends = [], []
    for k, e in enumerate(epochs):
        params = run.snapshots[e]
        H = nn.hidden_outputs(params, X, activation=activation)[-1]
        views.append(
            pd.DataFrame(
                {
                    "k": np.int8(k),
                    "h1": H[:, 0].astype("f4"),
                    "h2": H[:, 1].astype("f4"),
                    "label": y.astype(np.int8),
                }
            )
        )
        ends.append((k, params[-1][0][0], float(params[-1][1][0])))
    reach = float(np.nanmax(np.abs(pd.concat(views)[["h1", "h2"]].to_numpy())))
    reach = max(1.0, min(reach * 1.1, 50.0))
    lines = []
    for k, (w1, w2), c in ends:
        # w₁h₁ + w₂h₂ + c = 0, drawn across the view (by h₁, or by h₂ when nearly upright).
        span = np.array([-reach, reach])
        if abs(w2) >= abs(w1):
            points = np.column_stack([span, -(c + w1 * span) / w2])
        else:
            points = np.column_stack([-(c + w2 * span) / w1, span])
        lines.append(pd.DataFrame({"k": k, "h1": points[:, 0], "h2": points[:, 1], "end": [0, 1]}))
    return pd.concat(views, ignore_index=True), pd.concat(lines, ignore_index=True), reach


def body() -> frame.Plotted:
    """Controls; training, stored; the playback of the boundary, the losses, the hidden plane."""
    controls, view = beside()
    with controls:
        data, noise, n = DATA(), NOISE(), N()
        seed = int(SEED())
        own = own_points(seed)
        layers, width = int(LAYERS()), int(WIDTH())
        activation, optimizer = ACTIVATION(), OPTIMIZER()
        lr, batch, epochs, l2 = float(LR()), int(BATCH()), int(EPOCHS()), float(L2())
    key = own[0] if own else ("generated", data, int(n), float(noise), seed)
    X, _, Xt, yt = data_of(key)
    sizes = (2, *([width] * layers), 1)
    with view:
        if own:
            st.caption(f"Your {len(X) + len(Xt)} points from {own[1]}: {len(X)} to train on, "
                       f"{len(Xt)} held out.")  # fmt: skip
        if batch > len(X):
            st.info(
                f"The batch size {batch} is larger than the {len(X)} training points: each "
                f"step uses all of them (full-batch descent).",
                icon=":material/info:",
            )
            batch = len(X)
        settings = _settings(
            activation=activation, optimizer=optimizer, lr=lr, batch=batch, epochs=epochs,
            l2=l2, seed=seed,
        )  # fmt: skip
        run = _train(key, sizes, settings, len(X))
        extent = float(max(1.5, math.ceil(np.abs(np.concatenate([X, Xt])).max() * 4) / 4 + 0.25))
        cells, points, frames, curves, hidden, lines, reach = training_frames(
            key, sizes, settings, extent
        )
        st.markdown(
            "**The plane as the network sees it**, x₁ across and x₂ up: blue where it says "
            "class 0, orange where class 1. Filled dots train it, hollow ones are held out. "
            "Below, the loss by epoch"
            + (
                "; at the bottom, the plane of the last hidden layer's two units (h₁ across, "
                "h₂ up) with the output's line, dashed."
                if len(hidden)
                else "."
            )
        )
        frame.chart(
            charts.training_chart, cells, points, frames, curves, hidden, lines,
            side=SIDE, extent=extent, hidden_extent=reach, with_hidden=len(hidden) > 0,
            last=len(frames) - 1,
            big=projector_on(),
        )  # fmt: skip
        stage.player(
            charts.EPOCH, key="tr_player", seconds=6.0, from_start=True, min_rate=1.0,
            note="Play the training: the boundary bends, the loss falls, and (with two units "
            "in the last hidden layer) the plane under the output straightens out.",
        )  # fmt: skip
        if run.diverged:
            st.warning(
                f"Training diverged at epoch {run.epochs}: η = {lr:g} is too large for this "
                "network — the loss rose to more than ten times its start. Lower η.",
                icon=":material/trending_up:",
            )
    last = run.params
    frame.numbers(
        [
            ("network", " → ".join(map(str, sizes))),
            ("train loss", _nats_and_bits(float(run.history[-1]))),
            ("test loss", _nats_and_bits(nn.loss(last, Xt, yt, activation=activation))),
            ("test accuracy", f"{100 * nn.accuracy(last, Xt, yt, activation=activation):.0f} %"),
        ]
    )
    if len(hidden):
        topic_link(
            "layer", label="One layer bending the plane, morph by morph: Layer",
            icon=":material/north_east:",
        )  # fmt: skip
    return {"boundary": cells, "points": points, "loss": curves}


def _nats_and_bits(nats: float) -> str:
    """A loss in nats and in bits (1 nat = 1/ln 2 ≈ 1.44 bits)."""
    return f"{fmt(nats, 3)} nats · {fmt(nats / math.log(2), 3)} bits"


def _settings(
    *, activation: str, optimizer: str, lr: float, batch: int, epochs: int, l2: float, seed: int
) -> tuple[tuple[str, object], ...]:
    """A run's settings as a hashable tuple of (name, value), in ``train``'s names."""
    return (
        ("activation", activation), ("optimizer", optimizer), ("lr", lr),
        ("batch_size", batch), ("epochs", epochs), ("l2", l2), ("seed", seed),
    )  # fmt: skip


def _train(
    key: tuple, sizes: tuple[int, ...], settings: tuple[tuple[str, object], ...], n: int
) -> nn.Training:
    """The run, with a progress bar when it is long (changing any control stops it)."""
    named = dict(settings)
    epochs, batch = int(named["epochs"]), int(named["batch_size"])  # type: ignore[call-overload]
    steps = epochs * math.ceil(n / batch)
    if steps < HEAVY:
        return trained(key, sizes, **named)  # type: ignore[arg-type]
    bar = st.progress(0.0, text=f"Training: {steps:,} steps…")

    def report(epoch: int, value: float) -> None:
        if epoch % max(1, epochs // 50) == 0:
            bar.progress(
                epoch / epochs,
                text=f"Epoch {epoch} of {epochs}: loss {value:.3f} (change any control to stop)",
            )

    token = _PROGRESS.set(report)
    try:
        return trained(key, sizes, **named)  # type: ignore[arg-type]
    finally:
        _PROGRESS.reset(token)
        bar.empty()


TOPIC = Topic(
    name="training",
    prefix="tr",
    intro=(
        "Train a small network on two classes of points and watch it learn: the colour is "
        "the network's P(class 1) at each point of the plane, and the border between blue "
        "and orange is its decision boundary. Training is minimising the cross-entropy over "
        "the weights by minibatch steps, each from a few points. With no hidden layer the "
        "boundary can only be a straight line; each hidden layer bends the plane, and the "
        "output draws its line in the bent plane. When the last hidden layer has two units "
        "the bottom panel shows that plane: by the end the classes sit on either side of a "
        "straight line. Held-out test points (hollow) show whether the boundary learned the "
        "shape or memorised the points."
    ),
    formulas=(
        r"\min_{w}\ \frac1n \sum_{i=1}^{n} \ell\big(N(x_i; w), y_i\big) "
        r"+ \frac{\lambda}{2}\lVert A \rVert^2",
        r"\ell(\hat y, y) = -y \ln \hat y - (1 - y) \ln(1 - \hat y)",
        r"N(x; w) = \operatorname{sigmoid}\big(a^\top \sigma(A_k \cdots \sigma(A_1 x + b_1) "
        r"\cdots + b_k) + c\big)",
    ),
    presets={
        "XOR, no hidden layer": {**BASE, DATA: "xor", NOISE: 0.05, LAYERS: 0},
        "XOR, one hidden layer": {**BASE, DATA: "xor", NOISE: 0.05, LAYERS: 1, LR: 0.3},
        "Spiral": {
            **BASE,
            DATA: "spiral",
            NOISE: 0.0,
            LAYERS: 3,
            WIDTH: 8,
            OPTIMIZER: "adam",
            LR: 0.01,
            EPOCHS: 500,
        },
        "η too large": {**BASE, DATA: "circles", LAYERS: 2, LR: 30.0},
        "Two units to see": {
            **BASE,
            DATA: "moons",
            LAYERS: 2,
            WIDTH: 2,
            OPTIMIZER: "adam",
            LR: 0.1,
            EPOCHS: 500,
        },
    },
    try_this=(
        "Press **XOR, no hidden layer**: the loss stays at ln 2 ≈ 0.69 nats, a coin toss, "
        "and the plane stays one washed-out colour — no single line splits XOR. Then press "
        "**XOR, one hidden layer**: four tanh units bend the plane, the training loss falls "
        "to about 0.03 and the test accuracy to about 97 %.",
        "Press **η too large**: η = 30 throws the weights so far that training stops after "
        "one epoch with a warning. Bring η down a notch at a time and see where it works.",
        "Press **Spiral**: three layers of eight with Adam wind the boundary round both arms "
        "(test accuracy about 98 %). Raise **L2 penalty** to 0.001: large weights now cost "
        "loss, training stalls for hundreds of epochs and the boundary that comes out is "
        "smoother and cuts across turns (about 82 %); at 0.01 it gives up on the spiral.",
        "Press **Two units to see**: the bottom panel is the plane of the last hidden layer's "
        "two units. Play it: the interlocking moons are pulled apart until a straight dashed "
        "line separates them — the output only ever draws a line; the hidden layers bend "
        "the data until a line will do.",
    ),
    body=body,
)
