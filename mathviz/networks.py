"""Neural networks, assembled from the other pillars' pieces.

A line fitted by least squares and by stochastic gradient descent, and a small classifier
trained by backpropagation.

A network is a list of layers ``(A, b)``, A of shape (m, n) as in the layer σ(Ax + b): n
inputs, m outputs. Hidden layers share one activation (``activations.ACTIVATIONS``); the
last layer has one unit whose sigmoid is the probability of class 1. Points are rows:
X has shape (n, 2), so a layer computes ``X @ A.T + b`` for all of them at once.

``make_dataset``                     two classes in the plane: linear, blobs, xor, circles,
                                     moons, spiral
``init_params``                      random weights for layer sizes like [2, 4, 4, 1]
``forward``                          the probability of class 1 for each point
``loss``                             mean binary cross-entropy in nats, plus an L2 penalty
``gradients``                        the loss's gradient by hand-written backpropagation
``train``                            minibatch SGD, momentum or Adam, epoch by epoch
``backprop_trace``                   one example forward and back, layer by layer: each
                                     weight's gradient as local slope × incoming gradient
``numeric_gradients``                the same gradients by central differences, one by one
``split``, ``hidden_outputs``,       a held-out test set; each hidden layer's view of the
``accuracy``                         points; the share classified right
``line_points``                      noisy points around the line y = 1.5x + 0.5
``read_points``, ``read_labelled``   a learner's CSV as a table of numbers (or of points
                                     and labels), or why not
``least_squares``                    the line y = wx + b closest to points, in closed form
``line_loss``                        the mean squared error over (w, b), as a Surface
``mse_gradient``                     the mean squared error's gradient in (w, b)
``minibatch_gradients``              that gradient on each minibatch of one shuffled epoch
``minibatch_cloud``                  at least so many minibatch gradients, epoch after epoch
``minibatch_spread``                 how far a minibatch gradient strays: σ²/B·(n − B)/(n − 1)
``sgd_line``                         minibatch SGD on the line's (w, b), step by step
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from mathviz import activations
from mathviz import multivariable as mv
from mathviz.catalog import Surface

DATASETS: tuple[str, ...] = ("linear", "blobs", "xor", "circles", "moons", "spiral")
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adam")
"""The update rules of Multivariable's descent (plain, heavy-ball momentum, Adam)."""
MAX_POINTS = 5000  # a dataset's most points
MAX_EPOCHS = 2000
MAX_WIDTH = 8  # a hidden layer's most units
MAX_HIDDEN = 3  # the most hidden layers
BLOWN = 1e6  # a weight this large has left every sensible scale: training has diverged
RUNAWAY = 10.0
"""Training has diverged once its loss ends an epoch this many times above where it began:
at the start a network guesses about evenly (≈ ln 2 nats), ten times that is a network
sure of wrong answers."""

Layer = tuple[np.ndarray, np.ndarray]
Params = list[Layer]


class NetworkError(ValueError):
    """A dataset, a network or a training setting that cannot be used, said in words."""


# --- data -----------------------------------------------------------------------------------


def make_dataset(
    name: str, n: int, *, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` labelled points in the plane, about [−1, 1]², half of each class.

    Each point is drawn clean, labelled by its shape's rule, then moved by Gaussian noise of
    standard deviation ``noise``: with noise, points stray across the boundary, as real data
    does.

    Parameters
    ----------
    name : str
        ``linear`` (split by the line x₁ + x₂ = 0), ``blobs`` (two round clouds), ``xor``
        (class 1 where x₁ and x₂ share a sign), ``circles`` (a disc inside a ring),
        ``moons`` (two interlocking half circles) or ``spiral`` (two interleaved arms).
    n : int
        How many points, 2 to ``MAX_POINTS``.
    noise : float
        The noise's standard deviation, ≥ 0.
    seed : int
        The random seed: the same seed gives the same points.

    Returns
    -------
    X : ndarray
        Shape (n, 2), float.
    y : ndarray
        Shape (n,), 0 or 1 (int).

    Examples
    --------
    >>> X, y = make_dataset("xor", 6, noise=0.0, seed=1)
    >>> X.shape, y.tolist()
    ((6, 2), [0, 0, 0, 1, 1, 1])
    >>> bool(np.all((X[:, 0] * X[:, 1] > 0) == (y == 1)))
    True
    """
    if name not in DATASETS:
        raise NetworkError(f"dataset must be one of {', '.join(DATASETS)}; got {name!r}")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 2 <= n <= MAX_POINTS:
        raise NetworkError(f"n must be a whole number from 2 to {MAX_POINTS}; got {n!r}")
    if not (np.isfinite(noise) and noise >= 0):
        raise NetworkError(f"noise must be a finite number ≥ 0; got {noise!r}")
    rng = np.random.default_rng(seed)
    counts = (n - n // 2, n // 2)  # class 0, class 1
    X = np.concatenate([_shape(name, label, count, rng) for label, count in enumerate(counts)])
    y = np.repeat([0, 1], counts)
    X = X + noise * rng.standard_normal(X.shape)
    return X, y


def _shape(name: str, label: int, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` clean points of class ``label`` of the named dataset."""
    if name == "blobs":
        centre = (0.5, 0.5) if label else (-0.5, -0.5)
        return np.asarray(centre) + 0.25 * rng.standard_normal((count, 2))
    if name == "spiral":
        # Two arms a half-turn apart, each winding 1¾ times out to radius 1.
        r = np.sqrt(rng.uniform(0.02, 1.0, count))
        angle = 3.5 * np.pi * r + np.pi * label
        return np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    if name == "moons":
        t = rng.uniform(0.0, np.pi, count)
        if label:
            points = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
        else:
            points = np.column_stack([np.cos(t), np.sin(t)])
        return (points - (0.5, 0.25)) * 0.7
    if name == "circles":
        r = rng.uniform(0.0, 0.45, count) if label else rng.uniform(0.7, 1.0, count)
        angle = rng.uniform(0.0, 2 * np.pi, count)
        return np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    # linear and xor: uniform in the square, each point drawn until it lands on its side.
    points = np.empty((0, 2))
    while len(points) < count:
        draw = rng.uniform(-1.0, 1.0, (2 * count + 8, 2))
        side = (draw.sum(axis=1) > 0) if name == "linear" else (draw[:, 0] * draw[:, 1] > 0)
        # xor keeps a thin margin along the axes, so the four quarters stay apart.
        margin = np.abs(draw).min(axis=1) > 0.05 if name == "xor" else True
        points = np.concatenate([points, draw[(side == bool(label)) & margin]])
    return points[:count]


# --- the network ----------------------------------------------------------------------------


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    sizes = list(sizes)
    if len(sizes) < 2 or any(
        isinstance(s, bool) or not isinstance(s, int | np.integer) for s in sizes
    ):
        raise NetworkError(f"sizes must be whole numbers, inputs first; got {sizes!r}")
    if sizes[-1] != 1:
        raise NetworkError(f"the last layer has one unit (the probability); got {sizes[-1]}")
    if any(s < 1 for s in sizes):
        raise NetworkError(f"every layer needs at least one unit; got sizes {sizes}")
    return [int(s) for s in sizes]


def init_params(sizes: Sequence[int], *, seed: int = 0) -> Params:
    """Random weights for a network of the given layer sizes, biases at 0.

    Each A of shape (m, n) is drawn from a normal of variance 2/(n + m) (Glorot's rule), so
    a signal keeps about its size from layer to layer at the start.

    Examples
    --------
    >>> params = init_params([2, 4, 1], seed=0)
    >>> [(A.shape, b.shape) for A, b in params]
    [((4, 2), (4,)), ((1, 4), (1,))]
    """
    sizes = _check_sizes(sizes)
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / (n + m)), (m, n)), np.zeros(m))
        for n, m in itertools.pairwise(sizes)
    ]


def _inputs(params: Params, X: ArrayLike) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != params[0][0].shape[1]:
        raise NetworkError(
            f"X must have one row per point and {params[0][0].shape[1]} columns; got shape "
            f"{X.shape}"
        )
    if not np.all(np.isfinite(X)):
        raise NetworkError("X must hold finite numbers only")
    return X


def _layers(
    params: Params, X: np.ndarray, activation: str
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Every layer's input and pre-activation Z = H·Aᵀ + b; the last Z is the logit."""
    if activation not in activations.ACTIVATIONS:
        raise NetworkError(
            f"activation must be one of {', '.join(activations.ACTIVATIONS)}; got {activation!r}"
        )
    ins, zs = [], []
    H = X
    for i, (A, b) in enumerate(params):
        ins.append(H)
        Z = H @ A.T + b
        zs.append(Z)
        if i < len(params) - 1:
            H = activations.activate(Z, activation)
    return ins, zs


def forward(params: Params, X: ArrayLike, *, activation: str = "tanh") -> np.ndarray:
    """The probability of class 1 at each point: the sigmoid of the last layer.

    Examples
    --------
    >>> params = [(np.array([[2.0, 0.0]]), np.array([0.0]))]  # no hidden layer
    >>> forward(params, [[0.0, 5.0], [1.0, 0.0]]).round(4).tolist()
    [0.5, 0.8808]
    """
    X = _inputs(params, X)
    _, zs = _layers(params, X, activation)
    return special.expit(zs[-1][:, 0])


def _labels(y: ArrayLike, n: int) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    if y.shape != (n,) or not np.all((y == 0) | (y == 1)):
        raise NetworkError(f"y must hold one label, 0 or 1, per point ({n}); got shape {y.shape}")
    return y


def _penalty(params: Params, l2: float) -> float:
    if not (np.isfinite(l2) and l2 >= 0):
        raise NetworkError(f"l2 must be a finite number ≥ 0; got {l2!r}")
    return 0.5 * l2 * sum(float(np.sum(A * A)) for A, _ in params)


def loss(
    params: Params, X: ArrayLike, y: ArrayLike, *, activation: str = "tanh", l2: float = 0.0
) -> float:
    """Mean binary cross-entropy in nats, plus l2/2 times the sum of squared weights.

    Written from the logit z: −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = ln(1 + eᶻ) − y·z, which
    stays finite and exact however sure (and wrong) the network is; the biases carry no
    penalty.

    Examples
    --------
    >>> params = [(np.array([[100.0, 0.0]]), np.array([0.0]))]
    >>> loss(params, [[1.0, 0.0]], [0])  # sure of class 1, and wrong: 100 nats, not ∞
    100.0
    """
    X = _inputs(params, X)
    y = _labels(y, len(X))
    _, zs = _layers(params, X, activation)
    z = zs[-1][:, 0]
    return float(np.mean(np.logaddexp(0.0, z) - y * z)) + _penalty(params, l2)


def gradients(
    params: Params, X: ArrayLike, y: ArrayLike, *, activation: str = "tanh", l2: float = 0.0
) -> Params:
    """The gradient of :func:`loss` for every weight and bias, by backpropagation.

    From the output back: the loss's slope in the logit is (σ(z) − y)/n per point; a layer
    passes on its incoming gradient G times its weights (G·A), times its activation's slope
    at the layer below; each weight's gradient is Gᵀ times that layer's input. The chain
    rule, one layer at a time.

    Returns
    -------
    list of (ndarray, ndarray)
        (∂L/∂A, ∂L/∂b) per layer, shaped as ``params``.

    Examples
    --------
    >>> params = [(np.array([[0.0, 0.0]]), np.array([0.0]))]
    >>> [(dA.tolist(), db.tolist()) for dA, db in gradients(params, [[1.0, 2.0]], [1])]
    [([[-0.5, -1.0]], [-0.5])]
    """
    X = _inputs(params, X)
    y = _labels(y, len(X))
    _penalty(params, l2)
    return _backward(params, X, y, activation, l2)


def _backward(params: Params, X: np.ndarray, y: np.ndarray, activation: str, l2: float) -> Params:
    """:func:`gradients` on inputs already checked: the training loop's inner step."""
    ins, zs = _layers(params, X, activation)
    G = ((special.expit(zs[-1][:, 0]) - y) / len(X))[:, None]
    grads: Params = []
    for i in range(len(params) - 1, -1, -1):
        A = params[i][0]
        grads.append((G.T @ ins[i] + l2 * A, G.sum(axis=0)))
        if i:
            G = (G @ A) * activations.slope(zs[i - 1], activation)
    return grads[::-1]


@dataclass(frozen=True)
class Trace:
    """One example through the network, forward and back.

    Attributes
    ----------
    inputs : list of ndarray
        What each layer takes in: x, then each hidden layer's output.
    pre : list of ndarray
        Each layer's z = A·(input) + b; the last is the logit.
    out : list of ndarray
        Each layer's output σ(z); the last is the probability ŷ = sigmoid(z).
    deltas : list of ndarray
        ∂L/∂z for each layer, found last to first: ŷ − y at the output, then
        σ′(z) ⊙ Aᵀδ of the layer above.
    grads : list of (ndarray, ndarray)
        ∂L/∂A = δ·(input)ᵀ, each entry a local slope (the input it multiplies) times the
        incoming gradient (its unit's δ); ∂L/∂b = δ. With the L2 term, + l2·A.
    loss : float
        The cross-entropy of this example in nats, plus the L2 term.
    """

    inputs: list[np.ndarray]
    pre: list[np.ndarray]
    out: list[np.ndarray]
    deltas: list[np.ndarray]
    grads: Params
    loss: float


def backprop_trace(
    params: Params, x: ArrayLike, y: float, *, activation: str = "tanh", l2: float = 0.0
) -> Trace:
    """Backpropagation on one example, every intermediate kept for drawing.

    Examples
    --------
    >>> params = [(np.array([[1.0, 0.0], [0.0, 1.0]]), np.zeros(2)),
    ...           (np.array([[1.0, -1.0]]), np.zeros(1))]
    >>> trace = backprop_trace(params, [0.5, 0.5], 1, activation="identity")
    >>> float(trace.out[-1][0]), float(trace.deltas[-1][0]), trace.grads[1][0].tolist()
    (0.5, -0.5, [[-0.25, -0.25]])
    """
    point = _inputs(params, np.asarray(x, dtype=float).reshape(1, -1))[0]
    label = float(_labels([y], 1)[0])
    ins, zs = _layers(params, point[None, :], activation)
    inputs = [h[0] for h in ins]
    pre = [z[0] for z in zs]
    out = [activations.activate(z, activation) for z in pre[:-1]] + [special.expit(pre[-1])]
    deltas: list[np.ndarray] = [np.empty(0)] * len(params)
    deltas[-1] = out[-1] - label
    for i in range(len(params) - 1, 0, -1):
        deltas[i - 1] = activations.slope(pre[i - 1], activation) * (params[i][0].T @ deltas[i])
    grads = [
        (np.outer(delta, a) + l2 * A, delta.copy())
        for (A, _), delta, a in zip(params, deltas, inputs, strict=True)
    ]
    z = pre[-1][0]
    value = float(np.logaddexp(0.0, z) - label * z) + _penalty(params, l2)
    return Trace(inputs, pre, out, deltas, grads, value)


def numeric_gradients(
    params: Params,
    X: ArrayLike,
    y: ArrayLike,
    *,
    activation: str = "tanh",
    l2: float = 0.0,
    h: float = 1e-6,
) -> Params:
    """The loss's gradient by central differences, one weight at a time.

    (L(θ + h) − L(θ − h)) / 2h for each weight in turn: slow, plainly right, and the check
    that backpropagation must agree with.

    Examples
    --------
    >>> params = [(np.array([[0.0, 0.0]]), np.array([0.0]))]
    >>> [dA.round(6).tolist() for dA, _ in numeric_gradients(params, [[1.0, 2.0]], [1])]
    [[[-0.5, -1.0]]]
    """
    X = _inputs(params, X)
    y = _labels(y, len(X))
    flat = _flat(params)
    grad = np.empty_like(flat)
    for k in range(flat.size):
        values = []
        for sign in (1.0, -1.0):
            moved = flat.copy()
            moved[k] += sign * h
            values.append(loss(_shaped(moved, params), X, y, activation=activation, l2=l2))
        grad[k] = (values[0] - values[1]) / (2 * h)
    return _shaped(grad, params)


def sgd_step(grads: Params, params: Params, lr: float) -> Params:
    """One plain gradient step: every weight and bias moved by −lr times its gradient.

    Examples
    --------
    >>> step = sgd_step([(np.ones((1, 2)), np.ones(1))], [(np.zeros((1, 2)), np.zeros(1))], 0.5)
    >>> [(A.tolist(), b.tolist()) for A, b in step]
    [([[-0.5, -0.5]], [-0.5])]
    """
    return [(A - lr * dA, b - lr * db) for (A, b), (dA, db) in zip(params, grads, strict=True)]


# --- training -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Training:
    """A training run, epoch by epoch.

    Attributes
    ----------
    params : list of (ndarray, ndarray)
        The weights after the last epoch run.
    history : ndarray
        The training loss (with its L2 penalty) before the first epoch and after each one.
    snapshots : dict of int to params
        The weights after each epoch, epoch 0 being the start.
    diverged : bool
        Whether training stopped early: a weight or the loss stopped being finite, a weight
        grew past ``BLOWN``, or the loss rose past ``RUNAWAY`` times its start (that epoch's
        loss is the last in ``history``).
    """

    params: Params
    history: np.ndarray
    snapshots: dict[int, Params]
    diverged: bool

    @property
    def epochs(self) -> int:
        """How many epochs ran (fewer than asked when the run diverged)."""
        return len(self.history) - 1


def _flat(params: Params) -> np.ndarray:
    return np.concatenate([part.ravel() for layer in params for part in layer])


def _shaped(flat: np.ndarray, like: Params) -> Params:
    out: Params = []
    at = 0
    for A, b in like:
        A2 = flat[at : at + A.size].reshape(A.shape)
        at += A.size
        out.append((A2, flat[at : at + b.size].copy()))
        at += b.size
    return out


def _check_training(
    n: int, sizes: list[int], *, optimizer: str, lr: float, batch_size: int, epochs: int
) -> None:
    if optimizer not in OPTIMIZERS:
        raise NetworkError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {optimizer!r}")
    if not (np.isfinite(lr) and lr > 0):
        raise NetworkError(f"the learning rate must be a finite number > 0; got {lr!r}")
    if not (isinstance(batch_size, int | np.integer) and 1 <= batch_size <= n):
        raise NetworkError(
            f"the batch size must be a whole number from 1 to the number of points ({n}); "
            f"got {batch_size!r}"
        )
    if not (isinstance(epochs, int | np.integer) and 0 <= epochs <= MAX_EPOCHS):
        raise NetworkError(f"epochs must be a whole number from 0 to {MAX_EPOCHS}; got {epochs!r}")
    hidden = sizes[1:-1]
    if len(hidden) > MAX_HIDDEN or any(width > MAX_WIDTH for width in hidden):
        raise NetworkError(
            f"at most {MAX_HIDDEN} hidden layers of at most {MAX_WIDTH} units; got {hidden}"
        )


def train(
    X: ArrayLike,
    y: ArrayLike,
    *,
    sizes: Sequence[int],
    activation: str = "tanh",
    optimizer: str = "sgd",
    lr: float = 0.1,
    batch_size: int = 10,
    epochs: int = 100,
    l2: float = 0.0,
    seed: int = 0,
    beta: float = 0.9,
    progress: Callable[[int, float], object] | None = None,
) -> Training:
    """Train a classifier by minibatch gradient descent on the cross-entropy.

    Each epoch shuffles the points and takes one step per batch of ``batch_size`` (the last
    batch holds what is left). The step is Multivariable's, with g the batch's gradient:
    sgd θ ← θ − lr·g; momentum v ← β·v + g, θ ← θ − lr·v; Adam with β₁ = β and that
    module's β₂ and ε. The same seed draws the same start and the same shuffles, so a run
    repeats bit for bit.

    Parameters
    ----------
    X, y : array_like
        Points (n, 2) and labels (n,) of 0 or 1.
    sizes : sequence of int
        Layer sizes, inputs first, one output unit last: [2, 4, 1] has one hidden layer of 4.
    activation : str
        The hidden layers' activation.
    optimizer : str
        One of ``OPTIMIZERS``.
    lr : float
        The learning rate, > 0.
    batch_size : int
        Points per step, 1 to n.
    epochs : int
        Passes over the data, 0 to ``MAX_EPOCHS``.
    l2 : float
        The weight penalty's strength, ≥ 0.
    seed : int
        Draws the start and the shuffles.
    beta : float
        Momentum's memory and Adam's β₁, in [0, 1).
    progress : callable, optional
        Called after each epoch with the epoch and its loss (a progress bar).

    Returns
    -------
    Training

    Raises
    ------
    NetworkError
        If a setting is out of range, in words.

    Examples
    --------
    >>> X, y = make_dataset("blobs", 40, seed=0)
    >>> run = train(X, y, sizes=[2, 1], lr=0.5, epochs=20)
    >>> run.epochs, bool(run.history[-1] < run.history[0])
    (20, True)
    """
    sizes = _check_sizes(sizes)
    params = init_params(sizes, seed=seed)
    X = _inputs(params, X)
    y = _labels(y, len(X))
    n = len(X)
    _check_training(n, sizes, optimizer=optimizer, lr=lr, batch_size=batch_size, epochs=epochs)
    if not (np.isfinite(beta) and 0 <= beta < 1):
        raise NetworkError(f"beta must be in [0, 1); got {beta!r}")
    rng = np.random.default_rng([seed, 1])  # the shuffles: apart from the start's draws
    theta = _flat(params)
    m = np.zeros_like(theta)
    s = np.zeros_like(theta)
    t = 0
    history = [loss(params, X, y, activation=activation, l2=l2)]
    snapshots = {0: params}
    diverged = False
    with np.errstate(all="ignore"):
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                batch = order[start : start + batch_size]
                g = _flat(_backward(params, X[batch], y[batch], activation, l2))
                t += 1
                if optimizer == "sgd":
                    theta = theta - lr * g
                elif optimizer == "momentum":
                    m = beta * m + g
                    theta = theta - lr * m
                else:
                    m = beta * m + (1 - beta) * g
                    s = mv.ADAM_BETA2 * s + (1 - mv.ADAM_BETA2) * g * g
                    m_hat = m / (1 - beta**t)
                    s_hat = s / (1 - mv.ADAM_BETA2**t)
                    theta = theta - lr * m_hat / (np.sqrt(s_hat) + mv.ADAM_EPS)
                if not np.all(np.abs(theta) < BLOWN):  # nan fails too
                    diverged = True
                    break
                params = _shaped(theta, params)
            if diverged:
                break
            value = loss(params, X, y, activation=activation, l2=l2)
            if not np.isfinite(value):
                diverged = True
                break
            history.append(value)
            snapshots[epoch] = params
            if progress is not None:
                progress(epoch, value)
            if value > RUNAWAY * history[0]:
                diverged = True
                break
    return Training(params, np.asarray(history), snapshots, diverged)


def split(
    X: ArrayLike, y: ArrayLike, *, test_share: float = 0.3, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The points shuffled (by ``seed``) into a training set and a test set held out.

    Returns
    -------
    X_train, y_train, X_test, y_test : ndarray
        The test set has round(test_share·n) points, at least one, and leaves at least one
        to train on.

    Examples
    --------
    >>> X, y = make_dataset("blobs", 10, seed=0)
    >>> [part.shape for part in split(X, y, test_share=0.3)]
    [(7, 2), (7,), (3, 2), (3,)]
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if not (np.isfinite(test_share) and 0 < test_share < 1):
        raise NetworkError(f"test_share must be between 0 and 1; got {test_share!r}")
    if len(X) < 2:
        raise NetworkError(f"at least 2 points are needed to hold some out; got {len(X)}")
    order = np.random.default_rng([seed, 3]).permutation(len(X))
    held = min(max(1, round(test_share * len(X))), len(X) - 1)
    test, kept = order[:held], order[held:]
    return X[kept], y[kept], X[test], y[test]


def hidden_outputs(params: Params, X: ArrayLike, *, activation: str = "tanh") -> list[np.ndarray]:
    """What each hidden layer outputs for each point: the plane as the network bends it.

    Examples
    --------
    >>> params = [(np.eye(2), np.zeros(2)), (np.ones((1, 2)), np.zeros(1))]
    >>> hidden_outputs(params, [[0.0, 100.0]])[0].tolist()
    [[0.0, 1.0]]
    """
    X = _inputs(params, X)
    ins, _ = _layers(params, X, activation)
    return ins[1:]


def accuracy(params: Params, X: ArrayLike, y: ArrayLike, *, activation: str = "tanh") -> float:
    """The share of points on the right side of P = 1/2 (a tie counts as class 1)."""
    X = _inputs(params, X)
    y = _labels(y, len(X))
    return float(np.mean((forward(params, X, activation=activation) >= 0.5) == (y == 1)))


# --- a line, by least squares and by SGD ----------------------------------------------------


def _line_data(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
        raise NetworkError(
            f"x and y must be two lists of the same length, at least 2; got {x.shape}, {y.shape}"
        )
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise NetworkError("x and y must hold finite numbers only")
    return x, y


LINE_TRUTH = (1.5, 0.5)  # (w, b) of the line the generated points scatter around
LINE_X = (0.0, 2.0)  # where their x values lie
MAX_STEPS = 2000  # the most SGD steps on the line
LINE_RUNAWAY = 1e4
"""SGD on the line has diverged once its loss passes this many times (1 + its loss at the
start): a step has overshot the valley so far that the next ones only overshoot more."""


def line_points(n: int, *, noise: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points around the line y = 1.5x + 0.5: x uniform on [0, 2], y off by N(0, noise²).

    Examples
    --------
    >>> x, y = line_points(3, noise=0.0, seed=0)
    >>> bool(np.allclose(y, 1.5 * x + 0.5)), bool(np.all((0 <= x) & (x <= 2)))
    (True, True)
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 2 <= n <= MAX_POINTS:
        raise NetworkError(f"n must be a whole number from 2 to {MAX_POINTS}; got {n!r}")
    if not (np.isfinite(noise) and noise >= 0):
        raise NetworkError(f"noise must be a finite number ≥ 0; got {noise!r}")
    rng = np.random.default_rng(seed)
    x = rng.uniform(*LINE_X, n)
    w, b = LINE_TRUTH
    return x, w * x + b + noise * rng.standard_normal(n)


def read_points(raw: bytes | str, *, columns: Sequence[str]) -> np.ndarray:
    r"""A CSV of numbers in the named columns, checked row by row, as an array (rows, columns).

    A first row that is not all numbers is a header and must name the columns (in any
    case, in their order); without one the columns are taken in order. Every fault is
    refused with its row: a missing or extra value, text, nan or ∞, too few or too many
    rows (more than ``MAX_POINTS``).

    Examples
    --------
    >>> read_points("x,y\n0,1\n2,3.5\n", columns=("x", "y")).tolist()
    [[0.0, 1.0], [2.0, 3.5]]
    >>> read_points("0,1\n2,oops\n", columns=("x", "y"))
    Traceback (most recent call last):
    ...
    mathviz.networks.NetworkError: row 2: 'oops' is not a number
    """
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise NetworkError("the file is not text (UTF-8): save it as CSV") from None
    text = text.removeprefix("\ufeff")  # the mark some editors put before UTF-8
    rows = [
        [cell.strip() for cell in line.replace(";", ",").replace("\t", ",").split(",")]
        for line in text.splitlines()
        if line.strip()
    ]
    if not rows:
        raise NetworkError("the file is empty")
    names = ", ".join(columns)
    width = len(columns)

    def number(cell: str) -> float | None:
        try:
            return float(cell)
        except ValueError:
            return None

    first = rows[0]
    if any(number(cell) is None for cell in first):
        found = [cell.lower() for cell in first]
        if found != [c.lower() for c in columns]:
            raise NetworkError(f"the header names {', '.join(first)}; expected {names}")
        rows = rows[1:]
        start = 2
    else:
        start = 1
    if len(rows) > MAX_POINTS:
        raise NetworkError(f"{len(rows):,} rows is more than the {MAX_POINTS:,} allowed")
    if len(rows) < 2:
        raise NetworkError(f"at least 2 rows of {names} are needed; found {len(rows)}")
    table = np.empty((len(rows), width))
    for i, row in enumerate(rows):
        at = i + start
        if len(row) != width:
            raise NetworkError(
                f"row {at} has {len(row)} value{'s' * (len(row) != 1)}; expected {width} ({names})"
            )
        for j, cell in enumerate(row):
            value = number(cell)
            if value is None:
                raise NetworkError(f"row {at}: {cell!r} is not a number")
            if not math.isfinite(value):
                raise NetworkError(f"row {at}: {cell} is not a finite number")
            table[i, j] = value
    return table


def read_labelled(raw: bytes | str) -> tuple[np.ndarray, np.ndarray]:
    r"""A CSV of x1, x2, label as ``(X, y)``, refused unless every label is 0 or 1 and both occur.

    Examples
    --------
    >>> X, y = read_labelled("0,0,0\n1,1,1\n")
    >>> X.tolist(), y.tolist()
    ([[0.0, 0.0], [1.0, 1.0]], [0, 1])
    """
    table = read_points(raw, columns=("x1", "x2", "label"))
    X, labels = table[:, :2], table[:, 2]
    wrong = np.flatnonzero((labels != 0) & (labels != 1))
    if wrong.size:
        first = int(wrong[0])
        raise NetworkError(f"a label must be 0 or 1; data row {first + 1} has {labels[first]:g}")
    if np.unique(labels).size < 2:
        raise NetworkError(f"every label is {int(labels[0])}: a classifier needs both classes")
    return X, labels.astype(int)


def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """The line y = wx + b with the least sum of squared vertical gaps to the points.

    In closed form, w = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² and b = ȳ − w·x̄: the projection of y
    onto the plane spanned by x and the all-ones vector (the columns of [x 1]).

    Raises
    ------
    NetworkError
        If the x values are all equal: every line through their mean fits them equally.

    Examples
    --------
    >>> least_squares([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])
    (2.0, 1.0)
    """
    x, y = _line_data(x, y)
    dx = x - x.mean()
    spread = float(dx @ dx)
    if spread <= 1e-300 or np.ptp(x) <= 1e-12 * max(1.0, float(np.max(np.abs(x)))):
        raise NetworkError(
            "every x is the same, so no single line fits best: any line through the points' "
            "mean does as well"
        )
    w = float(dx @ (y - y.mean())) / spread
    return w, float(y.mean() - w * x.mean())


def _example_gradients(x: np.ndarray, y: np.ndarray, w: float, b: float) -> np.ndarray:
    """(∂/∂w, ∂/∂b) of each point's squared error (wx + b − y)²: shape (n, 2)."""
    r = w * x + b - y
    return np.column_stack([2 * r * x, 2 * r])


def mse_gradient(x: ArrayLike, y: ArrayLike, w: float, b: float) -> np.ndarray:
    """The gradient in (w, b) of the mean squared error: 2·mean(r·x), 2·mean(r), r = wx + b − y.

    Examples
    --------
    >>> mse_gradient([0.0, 1.0], [0.0, 0.0], 1.0, 0.0).tolist()
    [1.0, 1.0]
    """
    x, y = _line_data(x, y)
    return _example_gradients(x, y, w, b).mean(axis=0)


def minibatch_gradients(
    x: ArrayLike,
    y: ArrayLike,
    w: float,
    b: float,
    *,
    batch_size: int,
    seed: int | tuple[int, ...] = 0,
) -> np.ndarray:
    """The mean squared error's gradient on each minibatch of one shuffled epoch.

    The points are shuffled (by ``seed``) and cut into n // B batches of B; a remainder
    of fewer than B points is left out. When B divides n every point is used once, and the
    batches' gradients average exactly to the full gradient.

    Returns
    -------
    ndarray
        Shape (n // B, 2): (∂/∂w, ∂/∂b) per batch.

    Examples
    --------
    >>> x, y = np.arange(6.0), np.zeros(6)
    >>> grads = minibatch_gradients(x, y, 1.0, 0.0, batch_size=2, seed=0)
    >>> grads.shape, grads.mean(axis=0).tolist() == mse_gradient(x, y, 1.0, 0.0).tolist()
    ((3, 2), True)
    """
    x, y = _line_data(x, y)
    n = len(x)
    if isinstance(batch_size, bool) or not (
        isinstance(batch_size, int | np.integer) and 1 <= batch_size <= n
    ):
        raise NetworkError(
            f"the batch size must be a whole number from 1 to the number of points ({n}); "
            f"got {batch_size!r}"
        )
    order = np.random.default_rng(seed).permutation(n)
    count = n // batch_size
    each = _example_gradients(x, y, w, b)[order[: count * batch_size]]
    return each.reshape(count, batch_size, 2).mean(axis=1)


def minibatch_spread(
    x: ArrayLike, y: ArrayLike, w: float, b: float, *, batch_size: int | ArrayLike
) -> np.ndarray:
    """The variance of a minibatch's gradient around the full one, per coordinate.

    B points drawn without replacement from n: σ²/B · (n − B)/(n − 1), σ² the variance of
    the single points' gradients. It shrinks like 1/B (the law of large numbers) and is 0
    for the full batch.

    Returns
    -------
    ndarray
        Shape (2,) for one batch size, (k, 2) for k of them.

    Examples
    --------
    >>> x, y = np.arange(4.0), np.zeros(4)
    >>> minibatch_spread(x, y, 1.0, 0.0, batch_size=4).tolist()
    [0.0, 0.0]
    >>> minibatch_spread(x, y, 1.0, 0.0, batch_size=[1, 2, 4])[:, 1].tolist()
    [5.0, 1.6666666666666665, 0.0]
    """
    x, y = _line_data(x, y)
    n = len(x)
    sizes = np.asarray(batch_size)
    if sizes.dtype.kind not in "iuf" or not np.all((sizes >= 1) & (sizes <= n)):
        raise NetworkError(f"the batch size must be from 1 to {n}; got {batch_size!r}")
    sigma2 = _example_gradients(x, y, w, b).var(axis=0)
    return sigma2 * ((n - sizes) / (sizes * (n - 1)))[..., None]


def minibatch_cloud(
    x: ArrayLike, y: ArrayLike, w: float, b: float, *, batch_size: int, count: int, seed: int = 0
) -> np.ndarray:
    """At least ``count`` minibatch gradients: whole shuffled epochs, one after another.

    Epoch k is :func:`minibatch_gradients` with seed (``seed``, k), so the cloud of B = 1
    and that of B = 64 are drawn the same way, and a larger count only adds epochs.

    Examples
    --------
    >>> x, y = np.arange(10.0), np.zeros(10)
    >>> minibatch_cloud(x, y, 1.0, 0.0, batch_size=4, count=5).shape  # 2 per epoch, 3 epochs
    (6, 2)
    """
    x, y = _line_data(x, y)
    per_epoch = len(x) // batch_size if 1 <= batch_size <= len(x) else 1
    epochs = max(1, -(-count // max(per_epoch, 1)))
    return np.concatenate(
        [
            minibatch_gradients(x, y, w, b, batch_size=batch_size, seed=(seed, k))
            for k in range(epochs)
        ]
    )


def line_loss(
    x: ArrayLike, y: ArrayLike, *, window: tuple[tuple[float, float], tuple[float, float]]
) -> Surface:
    """The mean squared error of the line y = wx + b as a surface over (w, b).

    L(w, b) = mean((wx + b − y)²) is a quadratic in (w, b): written with the data's means
    (x̄, the mean of x², of xy, …) it costs the same for a grid of a million lines as for
    one. The surface's x is w and its y is b; ``lowest`` is the least-squares line's error.

    Examples
    --------
    >>> L = line_loss([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], window=((0.0, 4.0), (-1.0, 3.0)))
    >>> float(L(np.array([2.0, 1.0]))), L.lowest, L.hessian(np.array([0.0, 0.0])).tolist()
    (0.0, 0.0, [[3.3333333333333335, 2.0], [2.0, 2.0]])
    """
    x, y = _line_data(x, y)
    sx, sy, sxx, sxy, syy = (float(np.mean(v)) for v in (x, y, x * x, x * y, y * y))

    def f(p: np.ndarray) -> np.ndarray:
        w, b = p[0], p[1]
        return sxx * w * w + 2 * sx * w * b + b * b - 2 * sxy * w - 2 * sy * b + syy

    def grad(p: np.ndarray) -> list[np.ndarray]:
        w, b = p[0], p[1]
        return [2 * (sxx * w + sx * b - sxy), 2 * (sx * w + b - sy)]

    def hess(_: np.ndarray) -> list[list[float]]:
        return [[2 * sxx, 2 * sx], [2 * sx, 2.0]]

    try:
        w0, b0 = least_squares(x, y)
        lowest: float | None = max(0.0, float(np.mean((w0 * x + b0 - y) ** 2)))
    except NetworkError:
        lowest = max(0.0, float(np.var(y)))  # a valley of best lines, all as good
    return Surface(
        name="line loss",
        text="mean((w*x + b - y)^2)",
        latex=r"L(w, b) = \tfrac1n \sum_i (w x_i + b - y_i)^2",
        f=f,
        grad=grad,
        hess=hess,
        window=window,
        lowest=lowest,
        quadratic=True,
    )


def sgd_line(
    x: ArrayLike,
    y: ArrayLike,
    start: Sequence[float],
    *,
    lr: float,
    batch_size: int,
    steps: int,
    seed: int = 0,
    decay: float = 0.0,
) -> mv.Descent:
    """Minibatch SGD on the line's (w, b): each step, one batch's gradient, θ ← θ − ηₜ·g.

    The batches come from shuffled epochs as in :func:`minibatch_gradients` (a remainder
    smaller than a batch waits for the next epoch's shuffle); with B = n every step is a
    full gradient step. The rate is ηₜ = η / (1 + decay·t): with decay > 0 the steps shrink
    and the noise ball around the minimum shrinks with them. A run stops, diverged, once
    (w, b) is not finite, more than ``EXPLODE``·(1 + ‖start‖) from the start, or its loss
    passes ``LINE_RUNAWAY``·(1 + the loss at the start).

    Returns
    -------
    multivariable.Descent
        ``method`` "B = 8" (or "full batch"), the path (steps + 1, 2) and the loss along it.

    Examples
    --------
    >>> x, y = line_points(40, seed=0)
    >>> run = sgd_line(x, y, (0.0, 0.0), lr=0.1, batch_size=40, steps=300)
    >>> w, b = least_squares(x, y)
    >>> run.method, bool(np.allclose(run.path[-1], (w, b), atol=1e-3))
    ('full batch', True)
    """
    x, y = _line_data(x, y)
    n = len(x)
    if not (np.isfinite(lr) and lr > 0):
        raise NetworkError(f"the learning rate must be a finite number > 0; got {lr!r}")
    if isinstance(batch_size, bool) or not (
        isinstance(batch_size, int | np.integer) and 1 <= batch_size <= n
    ):
        raise NetworkError(
            f"the batch size must be a whole number from 1 to the number of points ({n}); "
            f"got {batch_size!r}"
        )
    if not (isinstance(steps, int | np.integer) and 0 <= steps <= MAX_STEPS):
        raise NetworkError(f"steps must be a whole number from 0 to {MAX_STEPS}; got {steps!r}")
    if not (np.isfinite(decay) and decay >= 0):
        raise NetworkError(f"decay must be a finite number ≥ 0; got {decay!r}")
    theta = np.asarray(start, dtype=float)
    if theta.shape != (2,) or not np.all(np.isfinite(theta)):
        raise NetworkError(f"the start must be two finite numbers (w, b); got {start!r}")
    per_epoch = n // batch_size
    batches = np.empty((0, batch_size), dtype=int)
    rng = np.random.default_rng(seed)
    while len(batches) < steps:
        order = rng.permutation(n)[: per_epoch * batch_size]
        batches = np.concatenate([batches, order.reshape(per_epoch, batch_size)])
    # A batch's gradient is linear in (w, b), 2·(m_xx·w + m_x·b − m_xy, m_x·w + b − m_y), with
    # m the batch's means: taken for every step at once, each step is a few multiplications.
    bx, by = x[batches[:steps]], y[batches[:steps]]
    moments = np.column_stack(
        [(bx * bx).mean(axis=1), bx.mean(axis=1), (bx * by).mean(axis=1), by.mean(axis=1)]
    ).tolist()
    sx, sy, sxx, sxy, syy = (float(np.mean(v)) for v in (x, y, x * x, x * y, y * y))

    def mse(w: float, b: float) -> float:
        return sxx * w * w + 2 * sx * w * b + b * b - 2 * sxy * w - 2 * sy * b + syy

    w, b = (float(v) for v in theta)
    path = [(w, b)]
    reach2 = (mv.EXPLODE * (1.0 + math.hypot(w, b))) ** 2
    ceiling = LINE_RUNAWAY * (1.0 + max(mse(w, b), 0.0))
    diverged = False
    for t, (mxx, mx, mxy, my) in enumerate(moments):
        rate = 2 * lr / (1 + decay * t)
        w, b = w - rate * (mxx * w + mx * b - mxy), b - rate * (mx * w + b - my)
        dw, db = w - path[0][0], b - path[0][1]
        # nan and ∞ fail these comparisons too.
        if not (dw * dw + db * db <= reach2 and mse(w, b) <= ceiling):
            diverged = True
            break
        path.append((w, b))
    points = np.array(path)
    W, B = points[:, 0], points[:, 1]
    with np.errstate(all="ignore"):
        values = sxx * W * W + 2 * sx * W * B + B * B - 2 * sxy * W - 2 * sy * B + syy
    values = np.maximum(values, 0.0)
    method = "full batch" if batch_size == n else f"B = {batch_size}"
    return mv.Descent(method, points, values, converged=False, diverged=diverged)
