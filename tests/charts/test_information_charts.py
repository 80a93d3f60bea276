"""The Information theory page's charts, fed frames built the way the topics in
``mathviz.topics.information`` build them.

The game's frames come from the core's ``Round`` and the topic's own stores (``strategies``,
``simulations``) and are put together as ``guessing_game.body`` does; the entropy and
cross-entropy frames as their topics make them. Checked here: encodings, fixed domains, the
candidates' x axis of half a number either side of 1…N, legends and colours from the theme, the
order of the scores, independent y axes, and what a rerun sends for N = 1024.
"""

import functools
import json
import math

import numpy as np
import pandas as pd
import pytest

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.charts import theme
from mathviz.charts.theme import COLORS
from mathviz.topics.information import guessing_game as game_topic
from mathviz.ui import cache, frame
from tests.charts.helpers import BUDGET, arrow_bytes, data_names, datasets, keys_anywhere, lightness

OUTCOMES = ["A", "B", "C", "D"]


# ---------------------------------------------------------------- the page's frames


def candidates_frame(ps: np.ndarray, asked=(), k: int | None = None) -> pd.DataFrame:
    """The candidates chart's frame: what is left of ps after ``asked``, split at ≤ k."""
    n = ps.size
    k = max(1, n // 2) if k is None else k
    # Any secret the answers leave possible: the frame does not depend on which.
    secret = next(
        v
        for v in range(1, n + 1)
        if ps[v - 1] > 0 and all((v <= question) == yes for question, yes in asked)
    )
    game = it.Round.start(ps, secret)
    for question, _ in asked:
        game = game.ask(question)
    rest = game.left(ps)
    side = charts.answer_sides(rest, k)
    return pd.DataFrame({"value": np.arange(1, n + 1), "probability": rest, "side": side})


def scores_frame(ps: np.ndarray, history=(), seed: int = 1) -> pd.DataFrame:
    """The scores chart's frame: your rounds, both computers exact and simulated, the bounds."""
    counts = game_topic.strategies(ps.tobytes())
    simulated = game_topic.simulations(ps.tobytes(), seed, game_topic.SIMULATED_GAMES)
    rounds = f"{len(history)} round" + ("s" if len(history) != 1 else "")
    rows = [(f"you, {rounds}", float(np.mean(history)), "you")] if history else []
    rows += [
        ("halving, exact", float(ps @ counts["halving"]), "computer"),
        ("halving, 10k games", simulated["halving"], "computer"),
        ("median, exact", float(ps @ counts["median"]), "computer"),
        ("median, 10k games", simulated["median"], "computer"),
        ("Huffman (best)", float(ps @ counts["huffman"]), "bound"),
        ("entropy H(X)", it.entropy(ps), "bound"),
        ("log₂ N", math.log2(ps.size), "bound"),
    ]
    return pd.DataFrame(rows, columns=["who", "questions", "kind"])


def coin_frames(p: float = 0.5) -> tuple[pd.DataFrame, pd.DataFrame]:
    grid = np.linspace(0, 1, 201)
    curve = pd.DataFrame({"p": grid, "bits": [it.entropy([g, 1 - g]) for g in grid]})
    point = pd.DataFrame({"p": [p], "bits": [it.entropy([p, 1 - p])]})
    return curve, point


def outcomes_frame(ps: np.ndarray) -> pd.DataFrame:
    with np.errstate(divide="ignore"):
        surprise = np.where(ps > 0, -np.log2(np.where(ps > 0, ps, 1.0)), np.nan)
    return pd.DataFrame(
        {"value": np.arange(1, ps.size + 1), "probability": ps, "surprise": surprise}
    )


def pair_frame(ps, qs) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outcome": OUTCOMES * 2,
            "probability": np.concatenate([ps, qs]),
            "which": ["P"] * 4 + ["Q"] * 4,
        }
    )


@functools.cache
def poisson(n: int = 1024, lam: float = 5.0) -> np.ndarray:
    return it.guessing_distribution("poisson", n, lam=lam)


def uniform(n: int) -> np.ndarray:
    return it.guessing_distribution("uniform", n)


# ---------------------------------------------------------------- candidates_chart


@pytest.mark.parametrize("n", [1, 2, 5, 100, 1024])
def test_candidates_chart_spans_half_a_number_either_side_of_1_to_n_one_row_each(n):
    mass = candidates_frame(uniform(n))
    spec = charts.candidates_chart(mass, n=n).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["transform"] == [
        {"calculate": "datum.value - 0.5", "as": "left"},
        {"calculate": "datum.value + 0.5", "as": "right"},
    ]
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("left", "quantitative")
    assert encoding["x"]["scale"] == {"domain": [0.5, n + 0.5], "nice": False}
    assert encoding["x"]["axis"] == {"format": "d", "tickMinStep": 1}
    assert encoding["x2"]["field"] == "right"
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("probability", "quantitative")
    assert encoding["y2"] == {"datum": 0}
    assert spec["height"] >= theme.SIZES["small_height"]
    (rows,) = datasets(spec)
    assert [row["value"] for row in rows] == list(range(1, n + 1))  # one row per number
    assert sum(row["probability"] for row in rows) == pytest.approx(1.0)


def test_candidates_chart_colours_yes_no_and_ruled_out_with_a_fixed_legend():
    ps = uniform(1024)
    mass = candidates_frame(ps, asked=[(512, False)], k=768)  # 513…1024 left, split at 768
    spec = charts.candidates_chart(mass, n=1024).to_dict()
    colour = spec["encoding"]["color"]
    assert (colour["field"], colour["type"]) == ("side", "nominal")
    assert colour["scale"]["domain"] == charts.SIDES == ["yes: ≤ k", "no: > k", "ruled out"]
    assert colour["scale"]["range"][:2] == [COLORS["blue"], COLORS["orange"]]
    assert colour["legend"]["orient"] == "top"
    assert colour["title"] is None
    (rows,) = datasets(spec)
    sides = [row["side"] for row in rows]
    assert sides == ["ruled out"] * 512 + ["yes: ≤ k"] * 256 + ["no: > k"] * 256
    assert {row["probability"] for row in rows[:512]} == {0.0}
    assert {row["probability"] for row in rows[512:]} == {1 / 512}
    assert set(mass["side"]) <= set(colour["scale"]["domain"])
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == ["value", "probability", "side"]


def test_candidates_chart_greys_numbers_of_probability_0_from_the_start():
    ps = it.guessing_distribution("custom", 6, weights=[0, 0, 1, 1, 1, 1])
    spec = charts.candidates_chart(candidates_frame(ps, k=4), n=6).to_dict()
    (rows,) = datasets(spec)
    assert [row["side"] for row in rows] == ["ruled out"] * 2 + ["yes: ≤ k"] * 2 + ["no: > k"] * 2
    assert spec["encoding"]["x"]["scale"]["domain"] == [0.5, 6.5]


def test_the_candidates_sides_split_at_k_and_grey_what_is_ruled_out():
    sides = charts.answer_sides([0.0, 0.25, 0.25, 0.5, 0.0], 3)
    assert sides.tolist() == ["ruled out", "yes: ≤ k", "yes: ≤ k", "no: > k", "ruled out"]
    assert charts.answer_sides([0.5, 0.5], 0).tolist() == ["no: > k"] * 2
    assert charts.answer_sides([0.5, 0.5], 2).tolist() == ["yes: ≤ k"] * 2


@pytest.mark.parametrize(
    ("ps", "shown"),
    [
        (uniform(1024), 1024),
        (it.guessing_distribution("custom", 4, weights=[1, 1, 0, 0]), 2),
        (it.guessing_distribution("custom", 3, weights=[1, 1e-9, 1e-10]), 2),
        (it.guessing_distribution("custom", 3, weights=[1e-10, 1, 0]), 2),
        (it.guessing_distribution("geometric", 1024, p=1.0), 1),
    ],
    ids=["uniform", "zeros after", "one in a billion", "tiny first", "certain"],
)
def test_the_candidates_chart_reaches_the_last_number_of_a_visible_chance(ps, shown):
    assert charts.visible_extent(ps) == shown
    # Nothing beyond is as likely as a billionth of the likeliest number.
    assert np.all(ps[shown:] < 1e-9 * ps.max())
    assert ps[shown - 1] >= 1e-9 * ps.max()


def test_a_poisson_game_on_1024_numbers_is_drawn_up_to_its_visible_tail():
    ps = poisson(1024)
    shown = charts.visible_extent(ps)
    assert 20 < shown < 40  # λ = 5: far below 1024, yet past every visible bar
    assert ps[shown:].sum() < 1e-9


def test_visible_extent_refuses_a_vector_without_a_positive_entry():
    with pytest.raises(ValueError, match="not all 0"):
        charts.visible_extent([0.0, 0.0])


# ---------------------------------------------------------------- scores_chart


@pytest.mark.parametrize("history", [(), (10,), (7, 6, 7)], ids=["no rounds", "1", "3"])
def test_scores_chart_keeps_the_rows_in_the_order_given(history):
    scores = scores_frame(poisson(), history)
    order = scores["who"].tolist()
    assert order != sorted(order)  # the page's order, not the alphabet's
    spec = charts.scores_chart(scores).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]
    bars, labels = (layer["encoding"] for layer in spec["layer"])
    for encoding in (bars, labels):
        assert (encoding["y"]["field"], encoding["y"]["type"]) == ("who", "nominal")
        assert encoding["y"]["sort"] == order
        assert (encoding["x"]["field"], encoding["x"]["type"]) == ("questions", "quantitative")
    assert bars["y"]["title"] is None
    assert bars["x"]["title"] == "questions per number"
    assert labels["text"] == {"field": "questions", "format": ".3~f", "type": "quantitative"}
    assert spec["height"] >= 24 * len(order)  # room for every bar's label, however many
    assert data_names(spec)[0] == data_names(spec)[1]  # bars and labels read the same rows
    (rows,) = datasets(spec)
    assert [row["who"] for row in rows] == order
    assert len(rows) == 7 + (1 if history else 0)


def test_scores_chart_colours_you_computers_and_bounds_from_the_theme():
    scores = scores_frame(poisson(), (5, 4))
    spec = charts.scores_chart(scores).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    assert (colour["field"], colour["type"]) == ("kind", "nominal")
    assert colour["scale"] == {
        "domain": ["you", "computer", "bound"],
        "range": [COLORS["vermillion"], COLORS["blue"], COLORS["grey"]],
    }
    assert colour["legend"] is None
    assert set(scores["kind"]) == set(colour["scale"]["domain"]) == set(charts.KINDS)
    assert "color" not in spec["layer"][1]["encoding"]
    assert spec["layer"][1]["mark"]["color"] == COLORS["ink"]


def test_scores_of_a_uniform_1024_are_all_ten():
    scores = scores_frame(uniform(1024))
    spec = charts.scores_chart(scores).to_dict()
    (rows,) = datasets(spec)
    assert [row["questions"] for row in rows] == pytest.approx([10.0] * 7, rel=1e-12)


# ---------------------------------------------------------------- binary_entropy_chart


@pytest.mark.parametrize("p", [0.0, 0.5, 0.9, 1.0])
def test_binary_entropy_chart_has_fixed_axes_and_marks_the_chosen_coin(p):
    curve, point = coin_frames(p)
    spec = charts.binary_entropy_chart(curve, point).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]
    line, dot = spec["layer"]
    for encoding in (line["encoding"], dot["encoding"]):
        assert (encoding["x"]["field"], encoding["x"]["type"]) == ("p", "quantitative")
        assert encoding["x"]["scale"] == {"domain": [0, 1]}
        assert (encoding["y"]["field"], encoding["y"]["type"]) == ("bits", "quantitative")
        assert encoding["y"]["scale"] == {"domain": [0, 1.05]}
    assert line["mark"]["color"] == COLORS["ink"]
    assert dot["mark"]["color"] == COLORS["vermillion"]
    assert dot["mark"]["filled"] is True
    assert sorted(len(d) for d in datasets(spec)) == [1, 201]
    curve_rows = max(datasets(spec), key=len)
    assert max(row["bits"] for row in curve_rows) == 1.0  # at p = ½
    assert (curve_rows[0]["bits"], curve_rows[-1]["bits"]) == (0.0, 0.0)
    (dot_row,) = min(datasets(spec), key=len)
    expected = sum(-x * math.log2(x) for x in (p, 1 - p) if x > 0)  # 0 · log 0 = 0
    assert dot_row == {"p": p, "bits": pytest.approx(expected, abs=1e-15)}


# ---------------------------------------------------------------- distribution_chart


def test_distribution_chart_draws_bars_and_surprise_on_independent_y_axes():
    outcomes = outcomes_frame(poisson(30))
    spec = charts.distribution_chart(outcomes).to_dict()
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "point"]
    bars, dots = spec["layer"]
    assert bars["transform"] == [
        {"calculate": "datum.value - 0.45", "as": "left"},
        {"calculate": "datum.value + 0.45", "as": "right"},
    ]
    assert (bars["encoding"]["x"]["field"], bars["encoding"]["x2"]["field"]) == ("left", "right")
    assert bars["encoding"]["y"]["field"] == "probability"
    assert bars["encoding"]["y2"] == {"datum": 0}
    assert bars["mark"]["color"] == COLORS["blue"]
    assert dots["encoding"]["x"]["field"] == "value"
    for encoding in (bars["encoding"], dots["encoding"]):
        assert encoding["x"]["axis"] == {"format": "d", "tickMinStep": 1}
        assert encoding["x"]["title"] == "outcome"
    assert dots["encoding"]["y"]["field"] == "surprise"
    assert dots["encoding"]["y"]["axis"] == {"titleColor": COLORS["vermillion"]}
    assert dots["mark"]["color"] == COLORS["vermillion"]
    assert dots["transform"] == [{"filter": "isValid(datum.surprise)"}]
    assert data_names(spec)[0] == data_names(spec)[1]
    (rows,) = datasets(spec)
    assert len(rows) == 30
    assert [row["value"] for row in rows] == list(range(1, 31))


def test_distribution_chart_sends_the_surprise_of_an_impossible_outcome_as_null():
    ps = it.guessing_distribution("custom", 4, weights=[0, 0, 1, 0])
    spec = charts.distribution_chart(outcomes_frame(ps)).to_dict()
    (rows,) = datasets(spec)
    assert [row["surprise"] for row in rows] == [None, None, 0.0, None]
    json.dumps(spec, allow_nan=False)  # nan must reach Vega as null, never as NaN


# ---------------------------------------------------------------- compare_chart


@pytest.mark.parametrize(
    ("ps", "qs"),
    [([0.5, 0.25, 0.125, 0.125], [0.25] * 4), ([1.0, 0, 0, 0], [0.25, 0.25, 0.5, 0.0])],
)
def test_compare_chart_puts_p_beside_q_on_a_fixed_probability_axis(ps, qs):
    pair = pair_frame(ps, qs)
    spec = charts.compare_chart(pair).to_dict()
    assert spec["mark"]["type"] == "bar"
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("outcome", "nominal")
    assert encoding["x"]["sort"] == OUTCOMES
    assert encoding["x"]["axis"] == {"labelAngle": 0}
    assert encoding["xOffset"] == {"field": "which", "sort": ["P", "Q"], "type": "nominal"}
    assert encoding["y"]["scale"] == {"domain": [0, 1]}
    assert encoding["y"]["field"] == "probability"
    assert encoding["color"]["scale"] == {
        "domain": ["P", "Q"],
        "range": [COLORS["blue"], COLORS["orange"]],
    }
    assert encoding["color"]["legend"]["orient"] == "top"
    (rows,) = datasets(spec)
    assert len(rows) == 8
    assert [row["probability"] for row in rows] == [*ps, *qs]


def test_compare_chart_keeps_the_outcomes_in_the_order_they_come():
    pair = pair_frame([0.25] * 4, [0.25] * 4).iloc[::-1].reset_index(drop=True)
    spec = charts.compare_chart(pair).to_dict()
    assert spec["encoding"]["x"]["sort"] == ["D", "C", "B", "A"]


def test_the_classifiers_softmax_fits_the_fixed_axis_for_logits_of_1000():
    qs = it.softmax([1000.0, -1000.0, 0.0, 0.0])
    spec = charts.compare_chart(pair_frame([1.0, 0, 0, 0], qs)).to_dict()
    (rows,) = datasets(spec)
    assert all(0 <= row["probability"] <= 1 for row in rows)
    json.dumps(spec, allow_nan=False)


# ---------------------------------------------------------------- colours and sizes


def test_scales_take_their_colours_from_the_theme():
    named = set(COLORS.values())
    assert set(charts.KIND_COLORS.to_dict()["range"]) <= named
    assert set(charts.PAIR_COLORS.to_dict()["range"]) <= named
    yes, no, ruled_out = charts.SIDE_COLORS.to_dict()["range"]
    assert {yes, no} <= named
    # What is ruled out fades into the background: paler than every colour of the theme.
    assert lightness(ruled_out) > max(lightness(c) for c in named)
    assert charts.SIDE_COLORS.to_dict()["domain"] == charts.SIDES
    assert charts.KIND_COLORS.to_dict()["domain"] == charts.KINDS


def largest() -> dict:
    """Every chart at its largest: N = 1024 for the game and for the entropy topic."""
    ps = poisson(1024)
    return {
        "candidates": (charts.candidates_chart, (candidates_frame(uniform(1024)),), {"n": 1024}),
        "candidates, poisson": (charts.candidates_chart, (candidates_frame(ps),), {"n": 1024}),
        "scores": (charts.scores_chart, (scores_frame(ps, (3, 4, 5)),), {}),
        "binary entropy": (charts.binary_entropy_chart, coin_frames(0.3), {}),
        "distribution": (charts.distribution_chart, (outcomes_frame(uniform(1024)),), {}),
        "compare": (charts.compare_chart, (pair_frame([0.25] * 4, [0.25] * 4),), {}),
    }


NAMES = list(largest())


@pytest.fixture
def fresh_templates():
    """No chart shape stored, before and after the test."""
    cache.clear("chart templates")
    yield
    cache.clear("chart templates")


@pytest.mark.parametrize("name", NAMES)
def test_what_a_rerun_sends_is_well_under_100_kb_for_n_1024(name, fresh_templates):
    builder, frames, params = largest()[name]
    template = frame.spec(builder, *frames, **params)
    assert frame.templates_held() == 1
    assert template.get("datasets", {}) == {}  # all of the data is swapped in per run
    assert set(data_names(template)) == {f"arg{i}" for i in range(len(frames))}
    data = [arrow_bytes(f) for f in frames]
    total = len(json.dumps(template)) + sum(data)
    assert total < BUDGET / 2, f"{name}: {total} bytes (Arrow by frame {data})"


@pytest.mark.parametrize("name", NAMES)
def test_the_json_spec_with_its_data_stays_under_100_kb(name):
    builder, frames, params = largest()[name]
    spec = builder(*frames, **params).to_dict()
    assert sorted(len(d) for d in datasets(spec)) == sorted(len(f) for f in frames)
    assert len(json.dumps(spec, allow_nan=False)) < BUDGET


@pytest.mark.parametrize("name", NAMES)
def test_no_chart_sets_its_own_font_size(name):
    builder, frames, params = largest()[name]
    spec = builder(*frames, **params).to_dict()
    assert keys_anywhere(spec.get("layer", spec), "fontSize") == []
