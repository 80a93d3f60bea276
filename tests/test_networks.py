"""The networks core: datasets, backpropagation against finite differences, training, and
the least-squares line with its minibatch gradients."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from mathviz import activations
from mathviz import multivariable as mv
from mathviz import networks as nn


def random_params(sizes: list[int], seed: int) -> nn.Params:
    """Weights and biases both random (init_params leaves biases at 0)."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0, 0.8, (m, n)), rng.normal(0, 0.5, m)) for n, m in itertools.pairwise(sizes)
    ]


# --- datasets -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", nn.DATASETS)
def test_every_dataset_is_two_balanced_classes_repeatable_by_seed(name):
    X, y = nn.make_dataset(name, 101, noise=0.1, seed=3)
    assert X.shape == (101, 2)
    assert y.shape == (101,)
    assert X.dtype == float
    assert set(y.tolist()) == {0, 1}
    assert (y == 0).sum() == 51
    assert (y == 1).sum() == 50
    again, labels = nn.make_dataset(name, 101, noise=0.1, seed=3)
    assert np.array_equal(X, again)
    assert np.array_equal(y, labels)
    other, _ = nn.make_dataset(name, 101, noise=0.1, seed=4)
    assert not np.array_equal(X, other)
    assert np.all(np.abs(X) < 2.5)  # about [−1, 1]², plus the noise


def test_clean_datasets_follow_their_rules():
    X, y = nn.make_dataset("xor", 400, noise=0.0, seed=0)
    assert np.array_equal(X[:, 0] * X[:, 1] > 0, y == 1)
    assert np.abs(X).min() > 0.05  # the margin along the axes
    X, y = nn.make_dataset("linear", 400, noise=0.0, seed=0)
    assert np.array_equal(X.sum(axis=1) > 0, y == 1)
    X, y = nn.make_dataset("circles", 400, noise=0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= 0.45
    assert r[y == 0].min() >= 0.7
    X, y = nn.make_dataset("spiral", 400, noise=0.0, seed=0)
    # The two arms are the same curve turned by half a turn: (x, y) ↦ (−x, −y).
    r = np.hypot(X[:, 0], X[:, 1])
    angle = np.arctan2(X[:, 1], X[:, 0])
    gap = np.angle(np.exp(1j * (angle - 3.5 * np.pi * r - np.pi * y)))
    assert np.allclose(gap, 0, atol=1e-9)


def test_noise_moves_points_by_about_its_size():
    clean, _ = nn.make_dataset("moons", 2000, noise=0.0, seed=5)
    noisy, _ = nn.make_dataset("moons", 2000, noise=0.2, seed=5)
    # Same seed, same clean draws: the difference is the noise alone.
    assert np.std(noisy - clean) == pytest.approx(0.2, rel=0.05)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "swirl", "n": 10}, "dataset must be one of linear, blobs"),
        ({"name": "xor", "n": 1}, "n must be a whole number from 2 to 5000"),
        ({"name": "xor", "n": 5001}, "from 2 to 5000"),
        ({"name": "xor", "n": 10, "noise": -0.1}, "noise must be a finite number ≥ 0"),
        ({"name": "xor", "n": 10, "noise": float("nan")}, "noise must be"),
    ],
)
def test_bad_dataset_settings_are_refused_in_words(kwargs, message):
    with pytest.raises(nn.NetworkError, match=message):
        nn.make_dataset(**kwargs)


# --- the network ----------------------------------------------------------------------------


def test_init_params_shapes_and_scale():
    params = nn.init_params([2, 8, 8, 1], seed=0)
    assert [(A.shape, b.shape) for A, b in params] == [
        ((8, 2), (8,)),
        ((8, 8), (8,)),
        ((1, 8), (1,)),
    ]
    assert all(np.all(b == 0) for _, b in params)
    big = nn.init_params([400, 600, 1], seed=1)[0][0]
    assert np.var(big) == pytest.approx(2 / 1000, rel=0.02)  # Glorot: 2 / (n + m)
    assert np.array_equal(
        nn.init_params([2, 3, 1], seed=7)[0][0], nn.init_params([2, 3, 1], seed=7)[0][0]
    )


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ([2, 0, 1], "every layer needs at least one unit"),
        ([2, 4, 2], "the last layer has one unit"),
        ([2], "sizes must be whole numbers"),
        ([2, 2.5, 1], "sizes must be whole numbers"),
    ],
)
def test_bad_sizes_are_refused_in_words(sizes, message):
    with pytest.raises(nn.NetworkError, match=message):
        nn.init_params(sizes)


def test_forward_is_sigma_of_the_layers_by_hand():
    (A, b), (B, c) = random_params([2, 3, 1], seed=2)
    X = np.array([[0.3, -1.2], [2.0, 0.5]])
    by_hand = [special.expit(B @ np.tanh(A @ x + b) + c)[0] for x in X]
    assert nn.forward([(A, b), (B, c)], X).tolist() == pytest.approx(by_hand, rel=1e-14)
    assert nn.forward([(A, b), (B, c)], X, activation="relu") == pytest.approx(
        [special.expit(B @ np.maximum(A @ x + b, 0) + c)[0] for x in X], rel=1e-14
    )


def test_loss_is_the_mean_cross_entropy_plus_the_weight_penalty():
    params = random_params([2, 4, 1], seed=3)
    X, y = nn.make_dataset("circles", 30, seed=1)
    p = nn.forward(params, X)
    cross = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert nn.loss(params, X, y) == pytest.approx(cross, rel=1e-12)
    penalty = 0.5 * 0.3 * sum(np.sum(A**2) for A, _ in params)
    assert nn.loss(params, X, y, l2=0.3) == pytest.approx(cross + penalty, rel=1e-12)


def test_loss_stays_finite_however_sure_and_wrong():
    params = [(np.array([[1e4, 0.0]]), np.array([0.0]))]
    X = np.array([[1.0, 0.0], [-1.0, 0.0]])
    assert nn.loss(params, X, [0, 1]) == pytest.approx(1e4)  # log of a rounded 0 would be ∞
    assert nn.loss(params, X, [1, 0]) == pytest.approx(0.0, abs=1e-300)


@pytest.mark.parametrize("activation", activations.ACTIVATIONS)
@pytest.mark.parametrize("sizes", [[2, 1], [2, 3, 1], [2, 4, 3, 1], [2, 3, 2, 3, 1]])
def test_backpropagation_matches_central_differences(activation, sizes):
    params = random_params(sizes, seed=len(sizes))
    X, y = nn.make_dataset("moons", 12, noise=0.2, seed=2)
    exact = nn.gradients(params, X, y, activation=activation, l2=0.05)
    numeric = nn.numeric_gradients(params, X, y, activation=activation, l2=0.05)
    for (dA, db), (nA, nb) in zip(exact, numeric, strict=True):
        assert dA.shape == nA.shape
        assert db.shape == nb.shape
        assert dA == pytest.approx(nA, abs=1e-7)
        assert db == pytest.approx(nb, abs=1e-7)


def test_bad_inputs_to_the_network_are_refused_in_words():
    params = nn.init_params([2, 1])
    with pytest.raises(nn.NetworkError, match="X must have one row per point and 2 columns"):
        nn.forward(params, np.zeros((3, 3)))
    with pytest.raises(nn.NetworkError, match="finite numbers only"):
        nn.forward(params, [[np.nan, 0.0]])
    with pytest.raises(nn.NetworkError, match="y must hold one label, 0 or 1"):
        nn.loss(params, [[0.0, 0.0]], [2])
    with pytest.raises(nn.NetworkError, match="activation must be one of"):
        nn.forward(params, [[0.0, 0.0]], activation="swish")


# --- training -------------------------------------------------------------------------------


def test_training_repeats_bit_for_bit_and_keeps_every_epoch():
    X, y = nn.make_dataset("circles", 60, seed=0)
    runs = [
        nn.train(X, y, sizes=[2, 4, 1], lr=0.3, batch_size=7, epochs=15, seed=4) for _ in range(2)
    ]
    assert runs[0].history.tolist() == runs[1].history.tolist()
    assert sorted(runs[0].snapshots) == list(range(16))
    assert runs[0].epochs == 15
    assert len(runs[0].history) == 16
    assert all(
        np.array_equal(a, b)
        for a, b in zip(nn._flat(runs[0].params), nn._flat(runs[1].params), strict=True)
    )
    assert nn.loss(runs[0].snapshots[15], X, y) == runs[0].history[-1]
    assert nn.loss(runs[0].snapshots[0], X, y) == runs[0].history[0]
    other = nn.train(X, y, sizes=[2, 4, 1], lr=0.3, batch_size=7, epochs=15, seed=5)
    assert other.history[-1] != runs[0].history[-1]


def test_xor_needs_a_hidden_layer():
    X, y = nn.make_dataset("xor", 200, noise=0.05, seed=0)
    flat = nn.train(X, y, sizes=[2, 1], lr=0.1, epochs=300)
    # A line cannot split XOR: the best it can do is about even odds on every point.
    assert flat.history[-1] > 0.68
    assert np.mean((nn.forward(flat.params, X) > 0.5) == y) < 0.65
    bent = nn.train(X, y, sizes=[2, 4, 1], lr=0.1, epochs=300)
    assert bent.history[-1] < 0.1
    assert np.mean((nn.forward(bent.params, X) > 0.5) == y) > 0.97


@pytest.mark.parametrize("optimizer", nn.OPTIMIZERS)
def test_every_optimizer_learns_the_circles(optimizer):
    X, y = nn.make_dataset("circles", 100, noise=0.05, seed=1)
    lr = 0.03 if optimizer == "adam" else 0.1
    run = nn.train(X, y, sizes=[2, 4, 1], optimizer=optimizer, lr=lr, epochs=200)
    assert run.history[-1] < 0.25 * run.history[0]


@pytest.mark.parametrize(
    ("optimizer", "method"), [("sgd", "plain"), ("momentum", "momentum"), ("adam", "adam")]
)
def test_full_batch_training_is_multivariable_descent_on_the_loss(optimizer, method):
    X, y = nn.make_dataset("blobs", 20, seed=2)
    sizes = [2, 3, 1]
    start = nn.init_params(sizes, seed=6)
    shape = lambda theta: nn._shaped(theta, start)  # noqa: E731

    def f(points):
        points = np.asarray(points)
        if points.ndim == 1:
            return nn.loss(shape(points), X, y, l2=0.01)
        return np.array([nn.loss(shape(p), X, y, l2=0.01) for p in points.T])

    def grad(points):
        return nn._flat(nn.gradients(shape(points[:, 0]), X, y, l2=0.01))[:, None]

    steps = 25
    descent = mv.compare_descent(
        f, nn._flat(start), lr=0.05, steps=steps, methods=[method], grad=grad, tol=0.0
    )[method]
    run = nn.train(
        X,
        y,
        sizes=sizes,
        optimizer=optimizer,
        lr=0.05,
        batch_size=20,
        epochs=steps,
        l2=0.01,
        seed=6,
    )
    for epoch in (1, 10, steps):
        assert nn._flat(run.snapshots[epoch]) == pytest.approx(
            descent.path[epoch], rel=1e-10, abs=1e-13
        )


def test_a_learning_rate_too_high_diverges_and_says_so():
    X, y = nn.make_dataset("xor", 200, noise=0.05, seed=0)
    run = nn.train(X, y, sizes=[2, 4, 1], lr=30.0, epochs=100)
    assert run.diverged
    assert run.epochs < 100
    assert run.history[-1] > nn.RUNAWAY * run.history[0]
    calm = nn.train(X, y, sizes=[2, 4, 1], lr=0.1, epochs=100)
    assert not calm.diverged
    assert calm.epochs == 100


def test_weights_past_every_scale_stop_training():
    X, y = nn.make_dataset("linear", 20, seed=0)
    run = nn.train(X, y, sizes=[2, 1], optimizer="momentum", lr=1e7, epochs=50)
    assert run.diverged
    assert all(np.all(np.isfinite(part)) for layer in run.params for part in layer)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"batch_size": 21},
            r"the batch size must be a whole number from 1 to the number of points \(20\)",
        ),
        ({"batch_size": 0}, "the batch size must be"),
        ({"lr": 0.0}, "the learning rate must be a finite number > 0"),
        ({"lr": float("inf")}, "the learning rate must be"),
        ({"epochs": 2001}, "epochs must be a whole number from 0 to 2000"),
        ({"optimizer": "rmsprop"}, "optimizer must be one of sgd, momentum, adam"),
        ({"sizes": [2, 0, 1]}, "every layer needs at least one unit"),
        ({"sizes": [2, 9, 1]}, "at most 3 hidden layers of at most 8 units"),
        ({"sizes": [2, 2, 2, 2, 2, 1]}, "at most 3 hidden layers"),
        ({"l2": -1.0}, "l2 must be a finite number ≥ 0"),
        ({"beta": 1.0}, r"beta must be in \[0, 1\)"),
    ],
)
def test_bad_training_settings_are_refused_in_words(kwargs, message):
    X, y = nn.make_dataset("linear", 20, seed=0)
    settings_ = {"sizes": [2, 4, 1], **kwargs}
    with pytest.raises(nn.NetworkError, match=message):
        nn.train(X, y, **settings_)


# --- the line -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=2, max_size=40),
)
def test_least_squares_matches_lstsq(points):
    x, y = np.array(points).T
    if np.ptp(x) < 1e-3:
        with pytest.raises(nn.NetworkError, match="every x is the same"):
            nn.least_squares(np.full(len(x), x[0]), y)
        return
    w, b = nn.least_squares(x, y)
    (w0, b0), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    scale = 1 + np.abs(y).max()
    assert w == pytest.approx(w0, abs=1e-8 * scale / np.ptp(x))
    assert b == pytest.approx(b0, abs=1e-8 * scale * (1 + np.abs(x).max() / np.ptp(x)))


def test_least_squares_refuses_one_x_and_bad_data():
    with pytest.raises(nn.NetworkError, match="every x is the same, so no single line fits best"):
        nn.least_squares([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(nn.NetworkError, match="same length, at least 2"):
        nn.least_squares([1.0], [1.0])
    with pytest.raises(nn.NetworkError, match="finite numbers only"):
        nn.least_squares([1.0, np.inf], [1.0, 2.0])


def test_least_squares_is_where_the_mse_gradient_vanishes():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 50)
    y = 1.5 * x - 0.5 + rng.normal(0, 0.3, 50)
    w, b = nn.least_squares(x, y)
    assert nn.mse_gradient(x, y, w, b) == pytest.approx([0, 0], abs=1e-12)
    numeric = [
        (np.mean(((w + 1e-6) * x + b - y) ** 2) - np.mean(((w - 1e-6) * x + b - y) ** 2)) / 2e-6,
        (np.mean((w * x + b + 1e-6 - y) ** 2) - np.mean((w * x + b - 1e-6 - y) ** 2)) / 2e-6,
    ]
    assert nn.mse_gradient(x, y, 0.3, 2.0) != pytest.approx([0, 0], abs=0.1)
    assert nn.mse_gradient(x, y, w + 1.0, b) == pytest.approx(
        [2 * np.mean(x * x), 2 * np.mean(x)], rel=1e-9
    )
    assert nn.mse_gradient(x, y, w, b) == pytest.approx(numeric, abs=1e-6)


@pytest.mark.parametrize("batch_size", [1, 4, 8, 64])
def test_minibatch_gradients_of_one_epoch_average_to_the_full_gradient(batch_size):
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, 64)
    y = 2 * x + rng.normal(0, 0.5, 64)
    grads = nn.minibatch_gradients(x, y, 0.5, 0.3, batch_size=batch_size, seed=9)
    assert grads.shape == (64 // batch_size, 2)
    assert grads.mean(axis=0) == pytest.approx(
        nn.mse_gradient(x, y, 0.5, 0.3), rel=1e-12, abs=1e-15
    )


def test_a_remainder_smaller_than_a_batch_is_left_out():
    x, y = np.arange(10.0), np.zeros(10)
    assert nn.minibatch_gradients(x, y, 1.0, 0.0, batch_size=4, seed=0).shape == (2, 2)
    with pytest.raises(nn.NetworkError, match=r"from 1 to the number of points \(10\)"):
        nn.minibatch_gradients(x, y, 1.0, 0.0, batch_size=11)


@pytest.mark.parametrize("batch_size", [1, 4, 16])
def test_minibatch_spread_is_the_sampling_variance(batch_size):
    rng = np.random.default_rng(2)
    n = 64
    x = rng.uniform(-1, 1, n)
    y = 2 * x + rng.normal(0, 0.5, n)
    grads = np.concatenate(
        [nn.minibatch_gradients(x, y, 0.5, 0.3, batch_size=batch_size, seed=s) for s in range(600)]
    )
    predicted = nn.minibatch_spread(x, y, 0.5, 0.3, batch_size=batch_size)
    full = nn.mse_gradient(x, y, 0.5, 0.3)
    measured = np.mean((grads - full) ** 2, axis=0)
    assert measured == pytest.approx(predicted, rel=0.1)
    assert nn.minibatch_spread(x, y, 0.5, 0.3, batch_size=n).tolist() == [0.0, 0.0]


def test_minibatch_spread_shrinks_like_one_over_b():
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, 10_000)
    y = x + rng.normal(0, 1, 10_000)
    spreads = [nn.minibatch_spread(x, y, 0.0, 0.0, batch_size=b) for b in (1, 10, 100)]
    assert spreads[0] / spreads[1] == pytest.approx(10, rel=0.01)
    assert spreads[1] / spreads[2] == pytest.approx(10, rel=0.01)


# --- the line's points, loss and SGD ------------------------------------------------------


def test_line_points_scatter_around_the_line_by_the_noise():
    x, y = nn.line_points(5000, noise=0.5, seed=2)
    assert x.min() >= 0.0
    assert x.max() <= 2.0
    assert np.std(y - (1.5 * x + 0.5)) == pytest.approx(0.5, rel=0.05)
    w, b = nn.least_squares(x, y)
    assert (w, b) == pytest.approx((1.5, 0.5), abs=0.05)
    with pytest.raises(nn.NetworkError, match="n must be a whole number from 2 to 5000"):
        nn.line_points(1)


def test_line_loss_is_the_mean_squared_error_with_its_exact_derivatives():
    rng = np.random.default_rng(4)
    x, y = rng.uniform(-1, 3, 30), rng.normal(0, 1, 30)
    surface = nn.line_loss(x, y, window=((-2.0, 2.0), (-2.0, 2.0)))
    W, B = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 1, 4))
    direct = np.mean((W[..., None] * x + B[..., None] - y) ** 2, axis=-1)
    assert surface(np.stack([W, B])) == pytest.approx(direct, rel=1e-12)
    p = np.array([0.7, -0.3])
    assert surface.gradient(p) == pytest.approx(mv.gradient(surface, p), rel=1e-6)
    assert surface.gradient(p) == pytest.approx(nn.mse_gradient(x, y, 0.7, -0.3), rel=1e-12)
    assert surface.hessian(p) == pytest.approx(mv.hessian(surface, p), rel=1e-4)
    w, b = nn.least_squares(x, y)
    assert surface.lowest == pytest.approx(np.mean((w * x + b - y) ** 2), rel=1e-12)
    assert surface.quadratic


def test_full_batch_sgd_is_gradient_descent_in_closed_form():
    x, y = nn.line_points(50, seed=1)
    H = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    c = 2 * np.array([np.mean(x * y), np.mean(y)])
    theta = np.array([-1.0, 3.0])
    run = nn.sgd_line(x, y, theta, lr=0.2, batch_size=50, steps=40)
    for _ in range(40):
        theta = theta - 0.2 * (H @ theta - c)
    assert run.method == "full batch"
    assert run.path.shape == (41, 2)
    assert run.path[-1] == pytest.approx(theta, rel=1e-12)
    assert run.values[-1] == pytest.approx(np.mean((theta[0] * x + theta[1] - y) ** 2), rel=1e-12)


def test_sgd_steps_take_each_point_once_per_epoch_and_repeat_by_seed():
    x, y = nn.line_points(12, seed=3)
    run = nn.sgd_line(x, y, (0.0, 0.0), lr=0.05, batch_size=4, steps=3, seed=8)
    # The three steps of the first epoch are the three batches of minibatch_gradients.
    theta = np.zeros(2)
    order = np.random.default_rng(8).permutation(12)
    for batch in order.reshape(3, 4):
        theta = theta - 0.05 * nn.mse_gradient(x[batch], y[batch], *theta)
    assert run.method == "B = 4"
    assert run.path[-1] == pytest.approx(theta, rel=1e-12)
    again = nn.sgd_line(x, y, (0.0, 0.0), lr=0.05, batch_size=4, steps=3, seed=8)
    assert np.array_equal(run.path, again.path)


def test_sgd_noise_ball_shrinks_with_the_batch_and_with_a_decaying_rate():
    x, y = nn.line_points(256, noise=1.0, seed=0)
    w, b = nn.least_squares(x, y)

    def wander(**kwargs) -> float:
        run = nn.sgd_line(x, y, (w, b), lr=0.2, steps=600, seed=1, **kwargs)
        return float(np.mean(np.sum((run.path[300:] - (w, b)) ** 2, axis=1)))

    one, eight, full = wander(batch_size=1), wander(batch_size=8), wander(batch_size=256)
    assert full == pytest.approx(0.0, abs=1e-20)  # started at the minimum, stays
    assert eight < one / 4  # about 1/8 of B = 1's squared wander
    assert wander(batch_size=1, decay=0.05) < one / 4


def test_sgd_with_too_large_a_rate_diverges_and_keeps_its_last_good_point():
    x, y = nn.line_points(50, seed=1)
    run = nn.sgd_line(x, y, (0.0, 0.0), lr=5.0, batch_size=50, steps=500)
    assert run.diverged
    assert run.verdict == "diverged"
    assert np.all(np.isfinite(run.path))
    assert run.steps < 500


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lr": -1.0}, "the learning rate must be a finite number > 0"),
        (
            {"batch_size": 51},
            r"the batch size must be a whole number from 1 to the number of points \(50\)",
        ),
        ({"steps": 2001}, "steps must be a whole number from 0 to 2000"),
        ({"decay": -0.1}, "decay must be a finite number ≥ 0"),
    ],
)
def test_bad_sgd_settings_are_refused_in_words(kwargs, message):
    x, y = nn.line_points(50, seed=1)
    settings_ = {"lr": 0.1, "batch_size": 5, "steps": 10, **kwargs}
    with pytest.raises(nn.NetworkError, match=message):
        nn.sgd_line(x, y, (0.0, 0.0), **settings_)


def test_minibatch_cloud_holds_whole_epochs_averaging_to_the_full_gradient():
    x, y = nn.line_points(40, seed=5)
    cloud = nn.minibatch_cloud(x, y, -1.0, 3.0, batch_size=8, count=12, seed=2)
    assert cloud.shape == (15, 2)  # 5 batches an epoch, 3 epochs
    assert cloud.mean(axis=0) == pytest.approx(nn.mse_gradient(x, y, -1.0, 3.0), rel=1e-12)
    first = nn.minibatch_gradients(x, y, -1.0, 3.0, batch_size=8, seed=(2, 0))
    assert np.array_equal(cloud[:5], first)


# --- reading a CSV --------------------------------------------------------------------------


def test_read_points_takes_a_header_or_none_and_any_separator():
    assert nn.read_points(b"x,y\n1,2\n3,4\n", columns=("x", "y")).tolist() == [[1, 2], [3, 4]]
    assert nn.read_points("X ; Y\n1;2\n3;4", columns=("x", "y")).tolist() == [[1, 2], [3, 4]]
    assert nn.read_points("1\t2\n\n3\t4\n", columns=("x", "y")).tolist() == [[1, 2], [3, 4]]
    table = nn.read_points("\ufeffx1,x2,label\n0.5,-1,1\n2,3,0\n", columns=("x1", "x2", "label"))
    assert table.shape == (2, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"", "the file is empty"),
        (b"\n \n", "the file is empty"),
        (b"\xff\xfe\x00x", "the file is not text"),
        (b"a,b\n1,2\n3,4", "the header names a, b; expected x, y"),
        (b"x,y\n1,2", "at least 2 rows of x, y are needed; found 1"),
        (b"x,y\n1,2\n3,4,5", "row 3 has 3 values; expected 2"),
        (b"1,2\n3", "row 2 has 1 value; expected 2"),
        (b"1,2\n3,four", "row 2: 'four' is not a number"),
        (b"1,2\n3,nan", "row 2: nan is not a finite number"),
        (b"1,2\ninf,3", "row 2: inf is not a finite number"),
        (b"1,2\n" * 5001, "5,001 rows is more than the 5,000 allowed"),
    ],
)
def test_read_points_refuses_every_fault_with_its_row(text, message):
    with pytest.raises(nn.NetworkError, match=message):
        nn.read_points(text, columns=("x", "y"))


# --- one example, forward and back ----------------------------------------------------------


@pytest.mark.parametrize("activation", activations.ACTIVATIONS)
def test_the_trace_is_the_chain_rule_layer_by_layer(activation):
    params = random_params([2, 2, 1], seed=11)
    x, label = np.array([0.4, -1.1]), 1
    trace = nn.backprop_trace(params, x, label, activation=activation, l2=0.1)
    (A, b), (B, c) = params
    z1 = A @ x + b
    h = activations.activate(z1, activation)
    z2 = B @ h + c
    p = special.expit(z2)
    assert trace.out[-1] == pytest.approx(p, rel=1e-14)
    assert trace.out[0] == pytest.approx(h, rel=1e-14)
    # ∂L/∂z at the output is ŷ − y; one layer down it is σ′(z₁) ⊙ Bᵀ(ŷ − y).
    assert trace.deltas[1] == pytest.approx(p - label, rel=1e-14)
    assert trace.deltas[0] == pytest.approx(
        activations.slope(z1, activation) * (B.T @ (p - label)), rel=1e-12
    )
    # Each weight's gradient: the input it multiplies times its unit's δ (+ l2·w).
    assert trace.grads[0][0][1, 0] == pytest.approx(x[0] * trace.deltas[0][1] + 0.1 * A[1, 0])
    assert trace.grads[1][0][0, 1] == pytest.approx(h[1] * trace.deltas[1][0] + 0.1 * B[0, 1])
    full = nn.gradients(params, x[None, :], [label], activation=activation, l2=0.1)
    for (dA, db), (tA, tb) in zip(full, trace.grads, strict=True):
        assert tA == pytest.approx(dA, rel=1e-12, abs=1e-15)
        assert tb == pytest.approx(db, rel=1e-12, abs=1e-15)
    assert trace.loss == pytest.approx(
        nn.loss(params, x[None, :], [label], activation=activation, l2=0.1)
    )


def test_numeric_gradients_match_scipy_and_backpropagation():
    from scipy.differentiate import jacobian

    params = random_params([2, 3, 1], seed=5)
    X, y = nn.make_dataset("circles", 8, seed=3)
    flat = nn._flat(params)

    def f(theta):
        theta = np.asarray(theta)
        columns = theta.reshape(theta.shape[0], -1).T
        values = [nn.loss(nn._shaped(c, params), X, y, l2=0.2) for c in columns]
        return np.array(values).reshape(theta.shape[1:])

    reference = jacobian(f, flat).df
    ours = nn._flat(nn.numeric_gradients(params, X, y, l2=0.2))
    assert ours == pytest.approx(reference, abs=1e-8)
    assert nn._flat(nn.gradients(params, X, y, l2=0.2)) == pytest.approx(reference, abs=1e-8)


def test_one_small_step_lowers_the_loss_by_about_lr_times_the_squared_gradient():
    params = random_params([2, 2, 1], seed=2)
    x, label = np.array([1.0, -0.5]), 0
    trace = nn.backprop_trace(params, x, label)
    lr = 1e-3
    after = nn.backprop_trace(nn.sgd_step(trace.grads, params, lr), x, label)
    squared = float(nn._flat(trace.grads) @ nn._flat(trace.grads))
    assert after.loss - trace.loss == pytest.approx(-lr * squared, rel=0.01)


def test_read_labelled_takes_points_and_labels_and_refuses_one_class_or_odd_labels():
    X, y = nn.read_labelled(b"x1,x2,label\n0,1,0\n2,3,1\n4,5,1\n")
    assert X.tolist() == [[0, 1], [2, 3], [4, 5]]
    assert y.tolist() == [0, 1, 1]
    assert y.dtype.kind == "i"
    with pytest.raises(nn.NetworkError, match="every label is 1: a classifier needs both classes"):
        nn.read_labelled("0,0,1\n1,1,1\n")
    with pytest.raises(nn.NetworkError, match="a label must be 0 or 1; data row 2 has 2"):
        nn.read_labelled("0,0,1\n1,1,2\n")
    with pytest.raises(nn.NetworkError, match="row 2 has 2 values; expected 3"):
        nn.read_labelled("0,0,1\n1,1\n")
