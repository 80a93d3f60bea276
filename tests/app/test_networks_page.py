"""The Neural networks page through AppTest: least squares against numpy, SGD against its
closed form on the full batch, the gradient cloud, presets and hostile links.

Expected values come from ``numpy.polyfit``, the normal equations and a hand-written loop,
not from the page's code.
"""

import re

import numpy as np
import pandas as pd
import pytest

from mathviz import networks as nn
from tests.app.helpers import (
    assert_draws,
    assert_topic_frame,
    chart_frames,
    charts,
    link_notices,
    metric,
    number,
    press,
    run_page,
    sig,
    texts,
)

PAGE = "pages/neural_networks.py"


def open_page(**params: str):
    return run_page(PAGE, topic="Least squares & SGD", **params)


def runs_on_the_map(at) -> dict:
    """Each run's drawn steps, from the loss map's track (method, step, x = w, y = b)."""
    for element in charts(at):
        for frame in chart_frames(element).values():
            if {"method", "step", "x", "y"} <= set(frame.columns):
                return {m: g.sort_values("step") for m, g in frame.groupby("method")}
    raise AssertionError("no map with runs")


def test_the_page_opens_on_the_line_with_every_picture_and_the_topic_frame():
    at = open_page()
    assert at.title[0].value == "Neural networks"
    assert_topic_frame(at, "lsq")
    assert_draws(at, 5)  # the loss map, the fit, the gradient cloud, the spread, the loss by step
    runs = runs_on_the_map(at)
    assert sorted(runs) == ["B = 1", "B = 64", "B = 8", "full batch"]


def test_least_squares_matches_polyfit_and_its_residuals_are_orthogonal():
    at = open_page(lsq_n="100", lsq_noise="0.8", lsq_seed="7")
    x, y = nn.line_points(100, noise=0.8, seed=7)
    w, b = np.polyfit(x, y, 1)
    shown = [number(v) for v in metric(at, "least squares w*, b*").split(", ")]
    assert shown == pytest.approx([w, b], **sig(4))
    assert number(metric(at, "its loss L*")) == pytest.approx(
        np.mean((w * x + b - y) ** 2), **sig(4)
    )
    assert abs(number(metric(at, "residual · x"))) < 1e-10
    assert abs(number(metric(at, "residual · 1"))) < 1e-10


def test_the_full_batch_path_is_gradient_descent_by_the_normal_equations():
    at = open_page(lsq_n="50", lsq_lr="0.2", lsq_k="40", lsq_w0="-1", lsq_b0="3")
    x, y = nn.line_points(50, noise=0.5, seed=1)
    H = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    c = 2 * np.array([np.mean(x * y), np.mean(y)])
    theta = np.array([-1.0, 3.0])
    for _ in range(40):
        theta = theta - 0.2 * (H @ theta - c)
    full = runs_on_the_map(at)["full batch"]
    assert full.step.iloc[-1] == 40
    assert [full.x.iloc[-1], full.y.iloc[-1]] == pytest.approx(theta, rel=1e-5)  # float32 data
    # The stability caption gives 2/λmax of the same H.
    limit = 2 / np.linalg.eigvalsh(H).max()
    assert f"η < 2/λmax = {limit:.3g}" in texts(at)


def test_too_large_a_rate_warns_and_the_full_batch_leaves():
    at = open_page()
    press(at, "lsq", "η too large")
    warning = " ".join(w.value for w in at.warning)
    assert "η = 0.5 is above 2/λmax" in warning
    assert "full batch" in warning
    assert "left" in warning
    assert not link_notices(at)


def test_no_noise_puts_every_run_on_the_line():
    at = open_page()
    press(at, "lsq", "No noise")
    shown = [number(v) for v in metric(at, "least squares w*, b*").split(", ")]
    assert shown == pytest.approx([1.5, 0.5], abs=1e-9)
    assert number(metric(at, "its loss L*")) == pytest.approx(0.0, abs=1e-20)
    runs = runs_on_the_map(at)
    for name in ("B = 1", "B = 8", "full batch"):
        end = runs[name].iloc[-1]
        assert [end.x, end.y] == pytest.approx([1.5, 0.5], abs=0.05), name


def test_the_cloud_averages_to_the_full_gradient_and_tightens_with_the_batch():
    at = open_page(lsq_n="200", lsq_seed="3")
    x, y = nn.line_points(200, noise=0.5, seed=3)
    full = nn.mse_gradient(x, y, -1.0, 3.0)
    cloud = None
    for element in charts(at):
        for frame in chart_frames(element).values():
            if {"gw", "gb", "method"} <= set(frame.columns) and "i" not in frame.columns:
                cloud = frame
    assert cloud is not None
    spreads = {}
    for name, group in cloud.groupby("method"):
        # Whole epochs: where B divides n every point counts once, and the batches' average
        # is the full gradient; 64 leaves 8 of the 200 points out of each epoch.
        mean = [group.gw.mean(), group.gb.mean()]
        assert mean == pytest.approx(full, rel=1e-4 if 200 % int(name[4:]) == 0 else 0.05)
        spreads[name] = np.sqrt(np.mean((group.gw - full[0]) ** 2 + (group.gb - full[1]) ** 2))
    assert spreads["B = 8"] == pytest.approx(spreads["B = 1"] / np.sqrt(8), rel=0.25)
    assert spreads["B = 64"] < spreads["B = 8"] / 2


def test_small_data_drops_the_batches_as_large_as_itself():
    at = open_page(lsq_n="20")
    assert sorted(runs_on_the_map(at)) == ["B = 1", "B = 8", "full batch"]


@pytest.mark.parametrize("label", ["Noise ball", "Shrinking η", "η too large", "No noise"])
def test_every_preset_draws(label):
    at = press(open_page(), "lsq", label)
    assert_draws(at, 5)


@pytest.mark.parametrize(
    "params",
    [
        {"lsq_n": "abc", "lsq_lr": "99"},
        {"lsq_w0": "1e308", "lsq_b0": "-inf"},
        {"lsq_k": "-5", "lsq_noise": "nan", "lsq_seed": "-1"},
        {"lsq_decay": "maybe"},
    ],
)
def test_hostile_links_are_noticed_and_the_topic_still_draws(params):
    at = open_page(**params)
    assert link_notices(at)
    assert_draws(at, 5)


# --- Backpropagation ------------------------------------------------------------------------


def open_backprop(**params: str):
    return run_page(PAGE, topic="Backpropagation", **params)


def graph_frames(at) -> dict:
    (element,) = charts(at)
    frames = chart_frames(element).values()
    return {
        "edges": next(f for f in frames if "grad" in f.columns),
        "nodes": next(f for f in frames if "kind" in f.columns),
        "notes": next(f for f in frames if set(f.columns) == {"x", "y", "text", "stage", "side"}),
    }


def by_hand(x, label, seed, activation="tanh"):
    """The 2-2-1 network of the page's seed, forward and back, written out in full."""
    from mathviz.topics.networks.backprop import weights

    (A, b), (B, c) = weights(seed)
    squash = {"tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}[activation]
    z1 = A @ x + b
    h = squash(z1)
    p = 1 / (1 + np.exp(-(B @ h + c)))
    loss = -np.log(p[0]) if label == 1 else -np.log(1 - p[0])
    d2 = p - label
    slope = 1 - h**2 if activation == "tanh" else h * (1 - h)
    d1 = slope * (B.T @ d2)
    return {"h": h, "p": p[0], "loss": loss, "dB": np.outer(d2, h), "dA": np.outer(d1, x)}


def test_backprop_draws_the_graph_with_the_forward_values_and_every_gradient():
    at = open_backprop()
    assert_topic_frame(at, "bp")
    assert_draws(at, 1)
    want = by_hand(np.array([1.0, -0.5]), 1, 3)
    frames = graph_frames(at)
    nodes = frames["nodes"].set_index("kind")
    assert number(nodes.loc["output", "value"]) == pytest.approx(want["p"], **sig(3))
    assert number(nodes.loc["loss", "value"]) == pytest.approx(want["loss"], **sig(3))
    assert number(metric(at, "loss L")) == pytest.approx(want["loss"], **sig(4))
    # Every weight's gradient appears on its edge, at its step of the backward pass.
    edges = frames["edges"]
    grads = sorted(number(g.split("= ")[1]) for g in edges.grad if g)
    expected = sorted([*want["dA"].ravel(), *want["dB"].ravel()])
    assert grads == pytest.approx(expected, rel=5e-3)
    assert sorted(edges.stage[edges.grad != ""].unique().tolist()) == [2, 4]
    assert frames["notes"].stage.tolist() == [1, 3, 3]


def test_the_table_matches_central_differences_to_ten_digits():
    at = open_backprop(bp_act="sigmoid", bp_x1="-1.5", bp_y="0", bp_seed="9")
    table = next(m.value for m in at.markdown if str(m.value).startswith("| parameter"))
    gaps = [number(row.split("|")[-2]) for row in table.splitlines()[2:]]
    assert len(gaps) == 9  # six weights and three biases
    assert max(gaps) < 1e-8
    want = by_hand(np.array([-1.5, -0.5]), 0, 9, "sigmoid")
    assert number(metric(at, "loss L")) == pytest.approx(want["loss"], **sig(4))


def test_a_small_step_lowers_the_loss_as_predicted_and_a_big_one_warns():
    at = open_backprop(bp_lr="0.01")
    change, predicted = number(metric(at, "change")), number(metric(at, "predicted −η‖g‖²"))
    assert change < 0
    assert change == pytest.approx(predicted, rel=0.05)
    assert not at.warning
    press(at, "bp", "Too big a step")
    assert number(metric(at, "change")) > 0
    assert "The step made the loss worse" in at.warning[0].value


def test_a_dead_relu_unit_gets_no_gradient():
    at = press(open_backprop(), "bp", "Dead ReLU")
    table = next(m.value for m in at.markdown if str(m.value).startswith("| parameter"))
    rows = {row.split("|")[1].strip(): row for row in table.splitlines()[2:]}
    # Both hidden units have z < 0: every weight and bias into them has gradient exactly 0.
    for name in ("A⁽¹⁾₁₁", "A⁽¹⁾₁₂", "A⁽¹⁾₂₁", "A⁽¹⁾₂₂", "b⁽¹⁾₁", "b⁽¹⁾₂"):
        assert rows[name].split("|")[3].strip().endswith("= 0"), rows[name]
    assert number(rows["b⁽²⁾₁"].split("|")[4]) != 0  # the output bias still learns


@pytest.mark.parametrize(
    "label", ["Confident and wrong", "Saturated", "Dead ReLU", "Too big a step"]
)
def test_every_backprop_preset_draws(label):
    assert_draws(press(open_backprop(), "bp", label), 1)


def test_hostile_backprop_links_are_noticed():
    at = open_backprop(bp_act="swish", bp_x1="1e400", bp_y="2", bp_lr="-1", bp_seed="x")
    assert link_notices(at)
    assert_draws(at, 1)


def test_the_backprop_try_this_numbers_hold():
    at = press(open_backprop(), "bp", "Confident and wrong")
    nodes = graph_frames(at)["nodes"].set_index("kind")
    assert nodes.loc["output", "value"] == "0.0577"
    assert number(metric(at, "loss L")) == pytest.approx(2.85, abs=0.005)
    notes = graph_frames(at)["notes"]
    assert notes.text.iloc[0] == "δ = ŷ − y = −0.942"
    at = press(at, "bp", "Too big a step")
    assert number(metric(at, "loss L")) == pytest.approx(1.20, abs=0.005)
    assert number(metric(at, "after one step, η = 10")) == pytest.approx(3.79, abs=0.005)
    at.select_slider(key="bp_lr").set_value(0.01).run()
    change, predicted = number(metric(at, "change")), number(metric(at, "predicted −η‖g‖²"))
    assert change == pytest.approx(predicted, rel=0.05)


def test_a_saturated_unit_barely_learns():
    at = press(open_backprop(), "bp", "Saturated")
    table = next(m.value for m in at.markdown if str(m.value).startswith("| parameter"))
    rows = {row.split("|")[1].strip(): row.split("|") for row in table.splitlines()[2:]}
    into_saturated = [abs(number(rows[name][4])) for name in ("A⁽¹⁾₁₁", "A⁽¹⁾₁₂", "b⁽¹⁾₁")]
    into_other = [abs(number(rows[name][4])) for name in ("A⁽¹⁾₂₁", "A⁽¹⁾₂₂", "b⁽¹⁾₂")]
    assert max(into_saturated) < 1e-4
    assert min(into_other) > 100 * max(into_saturated)


# --- Training -------------------------------------------------------------------------------


def open_training(**params: str):
    return run_page(PAGE, topic="Training", **params)


def training_frames(at) -> dict:
    (element,) = charts(at)
    frames = list(chart_frames(element).values())
    return {
        "cells": next(f for f in frames if set(f.columns) == {"k", "i", "p"}),
        "points": next(f for f in frames if "set" in f.columns and "x1" in f.columns),
        "frames": next(f for f in frames if "train" in f.columns),
        "curves": next(f for f in frames if "loss" in f.columns),
        "hidden": next(f for f in frames if "label" in f.columns and "h1" in f.columns),
    }


def test_training_draws_the_default_run_as_the_library_trains_it():
    at = open_training()
    assert_topic_frame(at, "tr")
    assert_draws(at, 1)
    X, y = nn.make_dataset("circles", 200, noise=0.1, seed=1)
    Xtr, ytr, Xt, yt = nn.split(X, y, test_share=0.3, seed=1)
    run = nn.train(Xtr, ytr, sizes=[2, 4, 4, 1], lr=0.1, batch_size=10, epochs=300, seed=1)
    assert metric(at, "network") == "2 → 4 → 4 → 1"
    assert number(metric(at, "train loss").split()[0]) == pytest.approx(run.history[-1], **sig(3))
    test_loss = nn.loss(run.params, Xt, yt)
    assert number(metric(at, "test loss").split()[0]) == pytest.approx(test_loss, **sig(3))
    frames = training_frames(at)
    assert len(frames["points"]) == 200
    assert (frames["points"]["set"] == "test").sum() == 60
    assert frames["frames"].epoch.iloc[0] == 0
    assert frames["frames"].epoch.iloc[-1] == 300
    # The boundary at the last epoch is the trained network's P(class 1), cell by cell.
    last = frames["cells"][frames["cells"].k == frames["cells"].k.max()]
    assert len(last) == 36 * 36
    assert frames["hidden"].empty  # four units in the last hidden layer: no plane to draw


def test_xor_needs_a_hidden_layer_on_the_page_too():
    flat = press(open_training(), "tr", "XOR, no hidden layer")
    assert metric(flat, "network") == "2 → 1"
    assert number(metric(flat, "train loss").split()[0]) == pytest.approx(0.69, abs=0.01)
    bent = press(flat, "tr", "XOR, one hidden layer")
    assert metric(bent, "network") == "2 → 4 → 1"
    assert number(metric(bent, "train loss").split()[0]) < 0.05
    assert number(metric(bent, "test accuracy").split()[0]) >= 95


def test_two_units_show_the_last_hidden_plane_and_its_line():
    at = press(open_training(), "tr", "Two units to see")
    assert metric(at, "network") == "2 → 2 → 2 → 1"
    hidden = training_frames(at)["hidden"]
    last = hidden[hidden.k == hidden.k.max()]
    assert len(last) == 140  # every training point
    assert number(metric(at, "test accuracy").split()[0]) == 100


def test_too_large_a_rate_stops_with_a_warning():
    at = press(open_training(), "tr", "η too large")
    assert "Training diverged at epoch" in at.warning[0].value
    assert_draws(at, 1)


def test_a_batch_larger_than_the_training_set_is_said_and_used_whole():
    at = open_training(tr_n="50", tr_batch="100")
    assert "larger than the 35 training points" in texts(at)
    assert_draws(at, 1)


def test_the_spiral_is_wound_round_and_l2_unwinds_it():
    at = press(open_training(), "tr", "Spiral")
    assert number(metric(at, "test accuracy").split()[0]) >= 95
    at.select_slider(key="tr_l2").set_value(0.01).run()
    assert number(metric(at, "test accuracy").split()[0]) <= 70


@pytest.mark.parametrize(
    "params",
    [
        {"tr_layers": "7", "tr_width": "0"},
        {"tr_data": "swirl", "tr_lr": "-3", "tr_batch": "0"},
        {"tr_epochs": "1e9", "tr_noise": "inf", "tr_seed": "abc"},
    ],
)
def test_hostile_training_links_are_noticed(params):
    at = open_training(**params)
    assert link_notices(at)
    assert_draws(at, 1)


def test_each_topic_links_back_to_what_it_is_built_from():
    line = next(str(m.value) for m in open_training().markdown if "Built from" in str(m.value))
    hrefs = re.findall(r'href="([^"]+)"', line)
    assert hrefs == [
        "probability?topic=Maximum+likelihood",
        "information_theory?topic=Cross-entropy+%26+KL",
        "neural_networks?topic=Least+squares+%26+SGD",
        "neural_networks?topic=Backpropagation",
    ]
    assert 'target="_self"' in line  # the same tab, not a new one
    projected = open_training(projector="true")
    line = next(str(m.value) for m in projected.markdown if "Built from" in str(m.value))
    assert all(h.endswith("&projector=true") for h in re.findall(r'href="([^"]+)"', line))


def test_the_noise_ball_stays_on_the_map_and_too_large_a_rate_sends_every_run_off():
    at = press(open_page(), "lsq", "Noise ball")
    runs = runs_on_the_map(at)
    assert runs["B = 1"].step.max() == 300  # drawn to its last step, hopping near the star
    at = press(at, "lsq", "η too large")
    warning = at.warning[0].value
    assert all(name in warning for name in ("B = 1", "B = 8", "B = 64", "full batch"))
    # The map stays on the valley: its window is the start's and the minimum's, so each run
    # is drawn to where it leaves the view (w from −1 to the fit's 1.5, with some margin).
    track = pd.concat(runs_on_the_map(at).values())
    assert track.x.abs().max() < 10
