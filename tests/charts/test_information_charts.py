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
from scipy import stats

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.charts.theme import COLORS
from mathviz.topics.information import guessing_game as game_topic
from mathviz.ui import cache, frame
from tests.charts.helpers import BUDGET, arrow_bytes, data_names, datasets, keys_anywhere, lightness

OUTCOMES = ["A", "B", "C", "D"]


# ---------------------------------------------------------------- the page's frames


def candidates_frame(ps: np.ndarray, asked=(), k: int | None = None, secret=None) -> pd.DataFrame:
    """The candidates chart's frame as the game builds it, after ``asked``, split at ≤ k."""
    ps = it.playable(ps)
    n = ps.size
    k = max(1, n // 2) if k is None else k
    # Any secret the answers leave possible: the frame does not depend on which until found.
    secret = secret or next(
        v
        for v in range(1, n + 1)
        if ps[v - 1] > 0 and all((v <= question) == yes for question, yes in asked)
    )
    game = it.Round.start(ps, secret)
    for question, _ in asked:
        game = game.ask(question)
    return game_topic.candidates(game, ps, k)


def scores_frame(ps: np.ndarray, history=(), seed: int = 1) -> pd.DataFrame:
    """The scores chart's frame: your rounds, both computers exact and simulated, the bounds."""
    counts = game_topic.strategies(ps.tobytes())
    simulated = game_topic.simulations(ps.tobytes(), seed, game_topic.SIMULATED_GAMES)
    rounds = f"{len(history)} round" + ("s" if len(history) != 1 else "")
    rows = [(f"you, {rounds}", float(np.mean(history)), "you")] if history else []
    rows += [
        ("halving 1…N, exact", float(ps @ counts["halving"]), "computer"),
        ("halving 1…N, 10k games", simulated["halving"], "computer"),
        ("halving the possible, exact", float(ps @ counts["possible"]), "computer"),
        ("median, exact", float(ps @ counts["median"]), "computer"),
        ("median, 10k games", simulated["median"], "computer"),
        ("Huffman (best)", float(ps @ counts["huffman"]), "bound"),
        ("entropy H(X)", it.entropy(ps), "bound"),
        ("log₂ N", math.log2(ps.size), "bound"),
    ]
    return pd.DataFrame(rows, columns=["who", "questions", "kind"])


def code_frames(ps, qs=None, names=None):
    """The code-length chart's frames as the entropy and cross-entropy topics build them."""
    names = names or np.arange(1, len(ps) + 1, dtype=np.int16)
    return charts.code_bar_frames(it.code_bars(ps, qs), names, compare=qs is not None)


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
def test_candidates_chart_spans_half_a_number_either_side_of_the_rows_it_gets(n):
    mass = candidates_frame(uniform(n))
    spec = charts.candidates_chart(mass).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["transform"] == [
        {"calculate": "datum.value - 0.5", "as": "left"},
        {"calculate": "datum.value + 0.5", "as": "right"},
        {"joinaggregate": [{"op": "count", "as": "shown"}]},
    ]
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("left", "quantitative")
    # The axis is the data's extent: it zooms with the numbers in view, with no new shape.
    assert encoding["x"]["scale"] == {"nice": False, "zero": False}
    assert encoding["x"]["axis"] == {"format": "d", "tickMinStep": 1}
    assert encoding["x2"]["field"] == "right"
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("probability", "quantitative")
    assert encoding["y2"] == {"datum": 0}
    assert spec["height"] >= 350
    (rows,) = datasets(spec)
    assert [row["value"] for row in rows] == list(range(1, n + 1))  # one row per number
    assert sum(row["probability"] for row in rows) == pytest.approx(1.0)  # all 1…n in view


def test_candidates_chart_zooms_on_what_is_left_and_greys_the_nearest_ruled_out():
    ps = uniform(1024)
    mass = candidates_frame(ps, asked=[(512, False)], k=768)  # 513…1024 left, split at 768
    spec = charts.candidates_chart(mass).to_dict()
    colour = spec["encoding"]["color"]
    assert (colour["field"], colour["type"]) == ("side", "nominal")
    assert colour["scale"]["domain"] == charts.SIDES
    assert charts.SIDES == ["yes: ≤ k", "no: > k", "ruled out", "found"]
    grey = "#d9d9d9"
    assert colour["scale"]["range"] == [COLORS["blue"], COLORS["orange"], grey, COLORS["green"]]
    assert colour["legend"]["orient"] == "top"
    assert colour["title"] is None
    (rows,) = datasets(spec)
    # A quarter of the 512 left on each side, inside 1…1024: 385…1024.
    assert [row["value"] for row in rows] == list(range(385, 1025))
    sides = [row["side"] for row in rows]
    assert sides == ["ruled out"] * 128 + ["yes: ≤ k"] * 256 + ["no: > k"] * 256
    # Every number keeps its chance p(x) = 1/1024, ruled out or not: only colours change.
    assert {row["probability"] for row in rows} == {1 / 1024}
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == ["value", "probability", "side"]


def test_a_click_on_the_board_selects_the_number_under_it():
    spec = charts.candidates_chart(candidates_frame(uniform(8))).to_dict()
    (param,) = spec["params"]
    assert param["name"] == charts.PICK_K
    assert param["select"] == {"type": "point", "fields": ["value"], "on": "click", "clear": False}


def test_a_found_number_has_its_own_colour_and_the_rest_are_grey():
    ps = uniform(8)
    mass = candidates_frame(ps, asked=[(4, True), (2, False), (3, True)], k=3, secret=3)
    assert dict(zip(mass["value"], mass["side"], strict=True)) == {
        1: "ruled out",
        2: "ruled out",
        3: "found",
        4: "ruled out",
        5: "ruled out",
    }


def test_the_nearly_certain_game_is_drawn_on_its_five_playable_numbers():
    ps = it.guessing_distribution("peaked", 1024, centre=700, width=0.3)
    mass = candidates_frame(ps, k=699)
    assert mass["value"].tolist() == [698, 699, 700, 701, 702]
    assert mass["probability"].iloc[2] == pytest.approx(float(it.playable(ps)[699]))
    assert mass["probability"].iloc[2] > 0.99


def test_numbers_that_can_never_come_up_stay_out_of_view():
    ps = it.guessing_distribution("custom", 6, weights=[0, 0, 1, 1, 1, 1])
    mass = candidates_frame(ps, k=4)
    assert mass["value"].tolist() == [3, 4, 5, 6]
    assert mass["side"].tolist() == ["yes: ≤ k"] * 2 + ["no: > k"] * 2


def test_the_candidates_sides_split_at_k_and_grey_what_is_ruled_out():
    sides = charts.answer_sides([0.0, 0.25, 0.25, 0.5, 0.0], 3)
    assert sides.tolist() == ["ruled out", "yes: ≤ k", "yes: ≤ k", "no: > k", "ruled out"]
    assert charts.answer_sides([0.5, 0.5], 0).tolist() == ["no: > k"] * 2
    assert charts.answer_sides([0.5, 0.5], 2).tolist() == ["yes: ≤ k"] * 2
    assert charts.answer_sides([0.0, 1.0], 1, found=2).tolist() == ["ruled out", "found"]


@pytest.mark.parametrize(
    ("low", "high", "first", "last", "window"),
    [
        (1, 1024, 1, 1024, (1, 1024)),
        (513, 1024, 1, 1024, (385, 1024)),
        (513, 768, 1, 1024, (449, 832)),
        (5, 5, 1, 8, (3, 7)),
        (1, 2, 1, 2, (1, 2)),
    ],
)
def test_the_zoom_window_adds_a_quarter_each_side_inside_the_playable_range(
    low, high, first, last, window
):
    assert charts.zoom_window(low, high, first, last) == window
    start, stop = window
    assert first <= start <= low <= high <= stop <= last


def test_the_zoom_window_refuses_a_range_outside_the_playable_one():
    with pytest.raises(ValueError, match="need first ≤ low ≤ high ≤ last; got 3, 1, 2, 5"):
        charts.zoom_window(1, 2, 3, 5)


# ---------------------------------------------------------------- question_tree_chart


def test_the_tree_frame_keeps_the_answers_on_a_spine_and_the_ruled_out_ranges_as_stubs():
    nodes = it.question_tree(1, 8, [(4, False), (6, True), (5, True)])
    tree = charts.tree_frame(nodes, found=True)
    stub = charts.STUB
    assert tree.to_dict("list") == {
        "depth": [0, 1, 1, 2, 2, 3, 3],
        "x": [0.0, stub, 0.0, 0.0, stub, 0.0, stub],
        "y": [0.0, 0.5, 1.0, 2.0, 1.5, 3.0, 2.5],
        "parent_x": [0.0] * 7,
        "parent_y": [-1.0, 0.5, 0.0, 1.0, 1.5, 2.0, 2.5],
        "label": ["1…8", "yes: 1…4", "5…8", "5…6", "no: 7…8", "5", "no: 6"],
        "kind": ["start", "ruled out", "no", "yes", "ruled out", "found", "ruled out"],
        "question": ["", "", "≤ 4? no", "≤ 6? yes", "", "≤ 5? yes", ""],
    }


def test_no_two_edges_of_the_tree_cross_whatever_the_answers():
    # Answers that zig-zag (no, yes, no, yes, …) crossed the old two-column tree.
    asked, low, high = [], 1, 1024
    for i in range(10):
        k = (low + high) // 2
        yes = i % 2 == 1
        asked.append((k, yes))
        low, high = (low, k) if yes else (k + 1, high)
    tree = charts.tree_frame(it.question_tree(1, 1024, asked), found=True)
    edges = tree[tree["depth"] > 0]
    spine = edges[edges["x"] == 0]
    stubs = edges[edges["x"] > 0]
    assert (spine["parent_x"] == 0).all()  # the spine is one vertical line
    assert (stubs["y"] == stubs["parent_y"]).all()  # the stubs are horizontal
    assert sorted(stubs["y"]) == [d + 0.5 for d in range(10)]  # one per row, none shared
    # A stub starts on the spine between two kept ranges: no stub meets another edge.
    assert not set(stubs["y"]) & set(spine["y"])


def test_the_question_tree_chart_draws_edges_dots_labels_and_questions():
    tree = charts.tree_frame(it.question_tree(1, 1024, [(512, True)]), found=False)
    spec = charts.question_tree_chart(tree, levels=4).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    # Edges, dots, the labels (kept and ruled out) and the questions, each on a white halo.
    assert marks == ["rule", "point", *["text"] * 6]
    edges = spec["layer"][0]
    assert edges["transform"][0] == {"filter": "datum.depth > 0"}
    assert (edges["encoding"]["x"]["field"], edges["encoding"]["x2"]["field"]) == ("parent_x", "x")
    assert (edges["encoding"]["y"]["field"], edges["encoding"]["y2"]["field"]) == ("parent_y", "y")
    assert edges["encoding"]["y"]["scale"]["reverse"] is True  # the start at the top
    colour = edges["encoding"]["color"]
    assert colour["scale"]["domain"] == charts.TREE_SIDES
    assert spec["height"] == 30 + charts.TREE_ROW * 4
    questions = spec["layer"][-1]
    assert questions["mark"]["align"] == "right"  # left of the spine
    assert questions["transform"][-1] == {"calculate": "datum.y - 0.5", "as": "middle"}


def test_the_tree_grows_its_labels_for_a_projector():
    tree = charts.tree_frame(it.question_tree(1, 1024, [(512, True)]), found=False)
    small = charts.question_tree_chart(tree, levels=4).to_dict()
    big = charts.question_tree_chart(tree, levels=4, big=True).to_dict()
    sizes = [
        (a["mark"].get("fontSize"), b["mark"]["fontSize"])
        for a, b in zip(small["layer"], big["layer"], strict=True)
        if a["mark"]["type"] == "text"
    ]
    assert set(sizes) == {(None, 22)}  # the theme's size, and larger on a projector
    assert big["layer"][1]["mark"]["size"] > small["layer"][1]["mark"]["size"]


# ---------------------------------------------------------------- code_length_chart


def test_code_frames_of_a_dyadic_distribution_are_its_bars_and_its_entropy():
    parts, labels, averages = code_frames([0.5, 0.25, 0.125, 0.125], names=OUTCOMES)
    assert parts["outcome"].tolist() == OUTCOMES
    assert parts["left"].tolist() == [0.0, 0.5, 0.75, 0.875]
    assert parts["top"].tolist() == parts["own"].tolist() == [1.0, 2.0, 3.0, 3.0]
    assert list(parts.columns) == ["outcome", "left", "p", "top", "own"]
    assert (parts["p"] * parts["own"]).sum() == 1.75
    assert labels["text"].tolist() == OUTCOMES
    (entropy,) = averages[averages["side"] == "left"]["bits"]
    assert entropy == 1.75
    assert averages["text"].iloc[0] == "H = 1.75 bits"


def test_code_frames_against_q_split_each_bar_into_shared_extra_and_saved_parts():
    ps, qs = [0.5, 0.25, 0.25, 0.0], [0.25, 0.25, 0.25, 0.25]
    parts, _, averages = code_frames(ps, qs, names=OUTCOMES)
    by_part = dict(list(parts.groupby("part", observed=True)))
    shared, extra = by_part[charts.CODE_PARTS[0]], by_part[charts.CODE_PARTS[1]]
    assert charts.CODE_PARTS[2] not in by_part  # no outcome is shorter under Q here
    assert shared["outcome"].tolist() == ["A", "B", "C"]  # D has no width
    assert shared["top"].tolist() == [1.0, 2.0, 2.0]
    assert (extra["outcome"].tolist(), extra["bottom"].tolist(), extra["top"].tolist()) == (
        ["A"],
        [1.0],
        [2.0],
    )
    kl = float(stats.entropy(ps, qs, base=2))
    assert extra["share"].sum() == pytest.approx(kl)
    bits = dict(zip(averages["name"], averages["bits"], strict=True))
    assert bits["H(P, Q)"] - bits["H(P)"] == pytest.approx(kl)


def test_one_bit_is_written_in_the_singular():
    _, _, averages = code_frames([0.5, 0.5], names=["heads", "tails"])
    assert averages["text"].iloc[0] == "H = 1 bit"


def test_an_infinite_code_length_is_cut_at_the_top_and_labelled():
    parts, labels, averages = code_frames([0.5, 0.5], [1.0, 0.0], names=["A", "B"])
    assert np.isfinite(parts["top"]).all()
    assert labels["text"].tolist() == ["A", "B ∞"]
    cross = averages[averages["name"] == "H(P, Q)"]
    assert cross["bits"].isna().all()
    assert cross["text"].tolist() == ["H(P, Q) = ∞ bits"]
    spec = charts.code_length_chart(parts, labels, averages, compare=True).to_dict()
    json.dumps(spec, allow_nan=False)  # infinities reach Vega as null


def test_a_far_tail_of_thin_bars_does_not_set_the_height():
    parts, _, averages = code_frames(poisson(30))
    (top,) = averages[averages["side"] == "frame"]["bits"]
    wide = parts[parts["p"] >= charts.SEEN_WIDTH]
    assert len(wide) < len(parts)
    assert top == pytest.approx(1.15 * wide["own"].max())
    assert parts["top"].max() <= top
    assert parts["own"].max() > 2 * top  # the thinnest bars are far taller, and cut


def test_code_length_chart_encodes_width_as_probability_on_a_fixed_unit_axis():
    parts, labels, averages = code_frames(uniform(8))
    spec = charts.code_length_chart(parts, labels, averages).to_dict()
    rects = spec["layer"][0]
    assert rects["mark"]["type"] == "rect"
    assert rects["transform"] == [
        {"calculate": "datum.left + datum.p", "as": "right"},
        {"calculate": "datum.p * datum.own", "as": "area"},
    ]
    assert rects["encoding"]["x"]["scale"] == {"domain": [0, 1], "nice": False}
    assert (rects["encoding"]["y"]["field"], rects["encoding"]["y2"]) == ("top", {"datum": 0})
    assert rects["encoding"]["y"]["scale"] == {}  # framed by the data's own "frame" row
    assert "color" not in rects["encoding"]  # one colour alone needs no key
    parts, labels, averages = code_frames([0.25] * 4, [0.4, 0.3, 0.2, 0.1], names=OUTCOMES)
    spec = charts.code_length_chart(parts, labels, averages, compare=True).to_dict()
    legend = spec["layer"][0]["encoding"]["color"]
    assert legend["scale"]["domain"] == charts.CODE_PARTS
    assert legend["legend"]["orient"] == "bottom"  # the bars start high on the page


def test_a_real_codes_whole_lengths_are_dashes_whose_area_is_never_below_h():
    ps = poisson(30)
    lengths = it.huffman_code_lengths(ps)
    parts, labels, averages = charts.code_bar_frames(
        it.code_bars(ps), np.arange(1, 31, dtype=np.int16), compare=False, code=lengths
    )
    (top,) = averages[averages["side"] == "frame"]["bits"]
    # Whole lengths, cut at the top of the axis like the bars (kept in float32: half the bytes).
    np.testing.assert_allclose(parts["code"], np.minimum(lengths[ps > 0], top), rtol=1e-6)
    assert float(parts["p"] @ lengths[ps > 0]) >= it.entropy(ps)  # Huffman ≥ H
    spec = charts.code_length_chart(parts, labels, averages, code=True).to_dict()
    dashes = [
        layer for layer in spec["layer"] if layer["encoding"].get("y", {}).get("field") == "code"
    ]
    # Two layers: the lengths apart from H, and those equal to H lifted clear of its line.
    assert [d["transform"][-1] for d in dashes] == [
        {"filter": "!datum.tie"},
        {"filter": "datum.tie"},
    ]
    assert "yOffset" not in dashes[0]["mark"]
    assert dashes[1]["mark"]["yOffset"] == -charts.TIE_LIFT < 0
    for dash in dashes:
        assert dash["mark"]["color"] == COLORS["purple"]
        assert dash["mark"]["strokeDash"] == [5, 3]
    assert not parts["tie"].any()  # Poisson: H = 3.18 is no whole number of questions


def test_huffman_dashes_equal_to_h_are_drawn_above_its_line_and_after_it():
    ps = uniform(8)
    parts, labels, averages = charts.code_bar_frames(
        it.code_bars(ps),
        np.arange(1, 9, dtype=np.int16),
        compare=False,
        code=it.huffman_code_lengths(ps),
    )
    assert parts["tie"].all()  # every length is 3 bits = H
    spec = charts.code_length_chart(parts, labels, averages, code=True).to_dict()
    layers = spec["layer"]
    order = [
        i
        for i, layer in enumerate(layers)
        if layer["mark"]["type"] == "rule" and layer["encoding"]["y"]["field"] in ("bits", "code")
    ]
    kinds = [layers[i]["encoding"]["y"]["field"] for i in order]
    assert kinds == ["bits", "bits", "code", "code"]  # H's line first, the dashes over it
    label = next(
        layer
        for layer in layers
        if layer["mark"]["type"] == "text"
        and layer["encoding"].get("text", {}).get("field") == "text"
        and layer["encoding"]["y"].get("field") == "bits"
    )
    assert label["mark"]["dy"] < -charts.TIE_LIFT  # H's label clears the lifted dashes
    assert layers.index(label) > order[-1]  # and is drawn over them


def test_kl_terms_chart_colours_each_share_by_its_sign():
    terms = pd.DataFrame(
        {
            "outcome": OUTCOMES,
            "bits": [0.5, -0.25, 0.0, 0.0],
            "top": [0.5, 0.0, 0.0, 0.0],
            "sign": [
                charts.KL_SIGNS[0],
                charts.KL_SIGNS[1],
                charts.KL_SIGNS[0],
                charts.KL_SIGNS[0],
            ],
            "text": ["+0.5", "−0.25", "0", "0"],
        }
    )
    spec = charts.kl_terms_chart(terms).to_dict()
    bars = spec["layer"][0]
    assert bars["encoding"]["color"]["scale"] == {
        "domain": charts.KL_SIGNS,
        "range": [COLORS["vermillion"], COLORS["green"]],
    }
    assert bars["encoding"]["x"]["sort"] == OUTCOMES


# ---------------------------------------------------------------- scores_chart


@pytest.mark.parametrize("history", [(), (10,), (7, 6, 7)], ids=["no rounds", "1", "3"])
def test_scores_chart_keeps_the_rows_in_the_order_given(history):
    scores = scores_frame(poisson(), history)
    order = scores["who"].tolist()
    assert order != sorted(order)  # the page's order, not the alphabet's
    spec = charts.scores_chart(scores).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text", "text"]
    bars, labels, within = (layer["encoding"] for layer in spec["layer"])
    for layer in spec["layer"]:  # the frame's order, numbered in the browser
        window = layer["transform"][0]
        assert (window["window"][0]["op"], window["window"][0]["as"]) == ("row_number", "order")
    for encoding in (bars, labels, within):
        assert (encoding["y"]["field"], encoding["y"]["type"]) == ("who", "nominal")
        assert encoding["y"]["sort"] == {"field": "order", "op": "min"}
        assert (encoding["x"]["field"], encoding["x"]["type"]) == ("questions", "quantitative")
    assert bars["y"]["title"] is None
    assert bars["x"]["title"] == "questions"
    assert labels["text"] == {"field": "questions", "format": ".4~g", "type": "quantitative"}
    assert within["text"] == labels["text"]
    # The longest bars carry their value inside their end, so it is never cut at the edge.
    beside_mark, within_mark = spec["layer"][1], spec["layer"][2]
    assert beside_mark["transform"][-1] == {"filter": "!datum.inside"}
    assert within_mark["transform"][-1] == {"filter": "datum.inside"}
    assert {"calculate": f"datum.questions > {charts.INSIDE} * datum.longest", "as": "inside"} in (
        within_mark["transform"]
    )
    assert (within_mark["mark"]["align"], within_mark["mark"]["color"]) == ("right", "white")
    assert spec["height"] >= 24 * len(order)  # room for every bar's label, however many
    assert data_names(spec)[0] == data_names(spec)[1]  # bars and labels read the same rows
    (rows,) = datasets(spec)
    assert [row["who"] for row in rows] == order
    assert len(rows) == 8 + (1 if history else 0)


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
    assert [row["questions"] for row in rows] == pytest.approx([10.0] * 8, rel=1e-12)


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
    yes, no, ruled_out, found = charts.SIDE_COLORS.to_dict()["range"]
    assert {yes, no, found} <= named
    # What is ruled out fades into the background: paler than every colour of the theme.
    assert lightness(ruled_out) > max(lightness(c) for c in named)
    assert charts.SIDE_COLORS.to_dict()["domain"] == charts.SIDES
    assert charts.KIND_COLORS.to_dict()["domain"] == charts.KINDS


def largest() -> dict:
    """Every chart at its largest: N = 1024 for the game and for the entropy topic."""
    ps = poisson(1024)
    return {
        "candidates": (charts.candidates_chart, (candidates_frame(uniform(1024)),), {}),
        "candidates, poisson": (charts.candidates_chart, (candidates_frame(ps),), {}),
        "scores": (charts.scores_chart, (scores_frame(ps, (3, 4, 5)),), {}),
        "code lengths": (charts.code_length_chart, code_frames(poisson(1024)), {}),
        "code lengths, 1024": (charts.code_length_chart, code_frames(uniform(1024)), {}),
        "code lengths, P and Q": (
            charts.code_length_chart,
            code_frames([0.25] * 4, [0.5, 0.25, 0.25, 0.0], names=OUTCOMES),
            {"compare": True},
        ),
        "question tree": (
            charts.question_tree_chart,
            (charts.tree_frame(it.question_tree(1, 1024, [(512, True)] * 1), found=False),),
            {"levels": 17},
        ),
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


# ---------------------------------------------------------------- cut tails, presets, labels


def contrast(hex_colour: str) -> float:
    """WCAG contrast of a colour against white."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_tree_label_is_readable_on_a_halo_that_edges_pass_under():
    # A Poisson game on 1…28: ≤ 5? no, ≤ 7? yes, ≤ 6? yes — ruled-out ranges on both sides.
    nodes = it.question_tree(1, 28, [(5, False), (7, True), (6, True)])
    tree = charts.tree_frame(nodes, found=True)
    assert tree["label"].tolist() == ["1…28", "yes: 1…5", "6…28", "6…7", "no: 8…28", "6", "no: 7"]
    spec = charts.question_tree_chart(tree, levels=4).to_dict()
    assert spec["resolve"] == {"scale": {"color": "independent"}}
    halo, ink = spec["layer"][2], spec["layer"][3]
    assert (halo["mark"]["stroke"], halo["mark"]["color"]) == ("white", "white")
    assert halo["mark"]["strokeWidth"] >= 4
    assert (
        halo["encoding"]["text"] == ink["encoding"]["text"] == {"field": "label", "type": "nominal"}
    )
    scale = ink["encoding"]["color"]["scale"]
    assert scale["domain"] == charts.TREE_SIDES
    # Every label colour, the ruled-out grey included, reads on white (WCAG AA for text).
    assert min(contrast(c) for c in scale["range"]) >= 4.5
    # The dots keep their light grey for ruled-out ranges.
    assert spec["layer"][1]["encoding"]["color"]["scale"]["range"][3] == "#bdbdbd"


def test_the_scores_write_the_same_four_digits_as_the_metrics():
    ps = it.guessing_distribution("peaked", 1024, centre=700, width=0.3)
    h = it.entropy(ps)
    # The metric shows fmt(h, 4) = "0.07261"; the bar's label uses the same significant digits.
    assert f"{h:.4g}" == "0.07261"
    assert charts.SCORE_FORMAT == ".4~g"
    scores = pd.DataFrame({"who": ["entropy H(X)"], "questions": [h], "kind": ["bound"]})
    spec = charts.scores_chart(scores).to_dict()
    assert spec["layer"][1]["encoding"]["text"]["format"] == ".4~g"


@pytest.mark.parametrize(
    ("ps", "qs"),
    [
        ((4, 2, 1, 1), (2, 3, 2, 1)),  # the topic's start: A longer, B and C shorter, D equal
        ((8, 1, 1, 0), (1, 1, 1, 1)),
        ((1, 1, 1, 1), (1, 1, 1, 0)),  # Q rules D out: an infinite length, cut
    ],
)
def test_each_outcomes_blue_red_and_green_segments_match_the_two_code_lengths(ps, qs):
    p = np.array(ps, dtype=float) / sum(ps)
    q = np.array(qs, dtype=float) / sum(qs)
    parts, _, averages = code_frames(p, q, names=OUTCOMES)
    (cap,) = averages[averages["side"] == "frame"]["bits"]
    own = -np.log2(p, where=p > 0, out=np.full(4, np.inf))
    with np.errstate(divide="ignore"):
        length = -np.log2(q)
    blue, red, green = charts.CODE_PARTS
    assert blue == "shared: the shorter length"
    for i, outcome in enumerate(OUTCOMES):
        mine = parts[parts["outcome"] == outcome]
        segments = {row.part: (row.bottom, row.top) for row in mine.itertuples()}
        if p[i] == 0:
            assert segments == {}
            continue
        shorter, longer = min(own[i], length[i]), max(own[i], length[i])
        assert segments[blue] == pytest.approx((0.0, min(shorter, cap)))
        if length[i] > own[i]:  # Q's code spends more: red from P's length up to Q's
            assert set(segments) == {blue, red}
            assert segments[red] == pytest.approx((own[i], min(longer, cap)))
        elif length[i] < own[i]:  # Q's code spends less: green from Q's length up to P's
            assert set(segments) == {blue, green}
            assert segments[green] == pytest.approx((length[i], own[i]))
        else:
            assert set(segments) == {blue}
    # Red area minus green area is KL(P ‖ Q), when it is finite.
    kl = float(stats.entropy(p, q, base=2))
    if math.isfinite(kl):
        signed = parts[parts["part"] != blue]["share"].sum()
        assert signed == pytest.approx(kl)


def test_bars_taller_than_the_axis_are_marked_with_the_area_cut_off():
    ps = it.guessing_distribution("poisson", 30, lam=5.0)
    parts, labels, averages = charts.code_bar_frames(
        it.code_bars(ps),
        np.arange(1, 31, dtype=np.int16),
        compare=False,
        code=it.huffman_code_lengths(ps),
    )
    (cap,) = averages[averages["side"] == "frame"]["bits"]
    cut = parts[parts["own"] > parts["top"]]
    assert len(cut) == int(np.sum(-np.log2(ps) > cap)) > 0
    assert (cut["top"] == cap).all()
    spec = charts.code_length_chart(parts, labels, averages, code=True).to_dict()
    filtered = [
        layer for layer in spec["layer"] if {"filter": charts.CUT} in layer.get("transform", [])
    ]
    (triangle,) = filtered
    assert triangle["mark"]["type"] == "point"
    assert triangle["mark"]["shape"] == "triangle-up"
    assert triangle["encoding"]["y"]["field"] == "top"
    assert triangle["encoding"]["tooltip"][1]["field"] == "own"  # the true height
    # The area above the axis, as the caption gives it, is the part of H the axis cuts off.
    count, above = charts.cut_summary(parts)
    assert count == len(cut)
    shown = float((parts["p"] * parts["top"]).sum())
    assert shown + above == pytest.approx(it.entropy(ps))
    assert above > 0
    # No bar is cut for a uniform distribution.
    parts, _, _ = code_frames(uniform(8))
    assert charts.cut_summary(parts) == (0, 0.0)


def test_the_huffman_dashes_are_named_by_the_colour_they_are_drawn_in():
    ps = it.guessing_distribution("poisson", 30, lam=5.0)
    parts, labels, averages = charts.code_bar_frames(
        it.code_bars(ps),
        np.arange(1, 31, dtype=np.int16),
        compare=False,
        code=it.huffman_code_lengths(ps),
    )
    spec = charts.code_length_chart(parts, labels, averages, code=True).to_dict()
    keys = [layer["mark"] for layer in spec["layer"] if "Huffman" in str(layer["mark"].get("text"))]
    assert [k["text"] for k in keys] == ["pink dashes: Huffman code lengths"]
    assert keys[0]["color"] == COLORS["purple"] == "#CC79A7"  # a pink, and called so


def test_the_average_labels_sit_on_a_white_halo_above_the_bars():
    parts, labels, averages = code_frames(poisson(30))
    spec = charts.code_length_chart(parts, labels, averages, code=False).to_dict()
    texts = [
        layer
        for layer in spec["layer"]
        if layer["encoding"].get("text", {}).get("field") == "text"
        and layer["mark"]["type"] == "text"
        and "bits" in str(layer["encoding"].get("y"))
    ]
    halo, ink = texts[0]["mark"], texts[1]["mark"]
    assert (halo["stroke"], halo["color"], halo["strokeWidth"]) == ("white", "white", 5)
    assert ink["color"] == COLORS["ink"]
    assert ink.get("strokeWidth", 0) == 0


def test_the_other_way_round_names_p_as_the_code_and_marks_the_infinite_bar():
    bars = it.code_bars([0.25] * 4, [0.8, 0.1, 0.1, 0.0])  # Q's bars, P's lengths
    parts, labels, averages = charts.code_bar_frames(bars, OUTCOMES, compare=True, names=("Q", "P"))
    assert list(parts["part"].cat.categories) == charts.code_parts("P")
    assert averages["name"].tolist() == ["H(Q)", "H(Q, P)", "top"]
    (cap,) = averages[averages["side"] == "frame"]["bits"]
    d = labels.set_index("outcome").loc["D"]
    assert (bool(d["infinite"]), d["y"]) == (True, cap)  # cut at the frame's top
    spec = charts.code_length_chart(
        parts, labels, averages, compare=True, model="P", infinite=True
    ).to_dict()
    rects = spec["layer"][0]
    assert rects["encoding"]["color"]["scale"]["domain"] == charts.code_parts("P")
    assert rects["encoding"]["y"]["scale"] == {"nice": False}  # the axis ends at the cut
    assert rects["encoding"]["x"]["title"] == "probability q(x): each bar's width"
    marks = [
        layer["mark"].get("text") for layer in spec["layer"] if layer["mark"]["type"] == "text"
    ]
    assert {"∞", "↑"} <= set(marks)
    said = [
        layer
        for layer in spec["layer"]
        if any("off the chart" in str(t.get("calculate", "")) for t in layer.get("transform", []))
    ]
    assert len(said) == 2  # the infinite average, on a white halo
    # The default direction keeps Q's names and draws no infinity.
    spec = charts.code_length_chart(
        *code_frames([0.5, 0.5], [0.5, 0.5], names=OUTCOMES[:2]), compare=True
    ).to_dict()
    assert "∞" not in [layer["mark"].get("text") for layer in spec["layer"]]
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == charts.CODE_PARTS


def test_the_kl_chart_names_the_model_in_its_key():
    assert charts.kl_signs("P") == [
        "P expects it less: adds bits",
        "P expects it more: takes bits off",
    ]
    terms = pd.DataFrame(
        {
            "outcome": ["A"],
            "bits": [0.5],
            "top": [0.5],
            "sign": [charts.kl_signs("P")[0]],
            "text": ["+0.5"],
        }
    )
    spec = charts.kl_terms_chart(terms, model="P").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == charts.kl_signs("P")


def test_the_loss_curve_chart_has_fixed_axes_and_marks_the_loss_as_a_height():
    qs, nats = it.loss_curve()
    curve = pd.DataFrame({"q": qs, "nats": nats})
    point = pd.DataFrame(
        {
            "q": [0.25],
            "nats": [math.log(4)],
            "shown": [math.log(4)],
            "text": ["x"],
            "above": [False],
        }
    )
    spec = charts.loss_curve_chart(curve, point).to_dict()
    line, height, dot, *labels = spec["layer"]
    assert line["encoding"]["x"]["scale"] == {"domain": [0, 1], "nice": False}
    assert line["encoding"]["y"]["scale"] == {"domain": [0, charts.LOSS_TOP], "nice": False}
    assert line["transform"] == [{"filter": f"datum.nats <= {charts.LOSS_TOP}"}]
    assert (height["mark"]["type"], height["encoding"]["y"]["field"]) == ("rule", "shown")
    assert height["encoding"]["y2"] == {"datum": 0}  # the loss drawn as a height from 0
    assert dot["encoding"]["shape"]["condition"]["value"] == "circle" or (
        dot["encoding"]["shape"]["value"] == "circle"
    )
    assert len(labels) == 4  # left or right of the point, each on a halo
    assert {layer["encoding"]["text"]["field"] for layer in labels} == {"text"}


def test_the_coin_sweep_has_two_bars_per_p_whose_area_is_scipys_entropy():
    ps = np.round(np.linspace(0, 1, 101), 2)
    bars = charts.sweep_frame(ps)
    assert len(bars) == 2 * 101 - 2  # at p = 0 and p = 1 one side has no bar
    area = (bars["right"] - bars["left"]) * np.where(bars["cut"], np.nan, bars["height"])
    whole = bars[~bars.groupby("p")["cut"].transform("any")]
    by_p = (whole["right"] - whole["left"]).mul(whole["height"]).groupby(whole["p"]).sum()
    for p, h in by_p.items():
        assert h == pytest.approx(stats.entropy([p, 1 - p], base=2), abs=1e-12)
    assert area.notna().sum() > 150
    # The fixed top fits the tallest bar on this grid, log₂ 1/0.01 = 6.64 bits: none is cut.
    assert not bars["cut"].any()
    assert bars["height"].max() == pytest.approx(np.log2(100))
    assert charts.sweep_frame([0.001])["cut"].tolist() == [True, False]  # heads: 9.97 bits
    assert (bars["height"] <= charts.SWEEP_TOP).all()
    np.testing.assert_allclose(
        bars.groupby("p")["H"].first().to_numpy(),
        [stats.entropy([p, 1 - p], base=2) for p in ps],
        atol=1e-12,
    )


def test_the_coin_sweep_chart_is_driven_by_its_own_slider_with_fixed_axes():
    ps = np.round(np.linspace(0, 1, 101), 2)
    grid, bits = it.binary_entropy_curve(points=201)
    spec = charts.coin_sweep_chart(
        charts.sweep_frame(ps), pd.DataFrame({"p": grid, "bits": bits})
    ).to_dict()
    (param,) = spec["params"]
    assert param["name"] == charts.SWEEP
    assert param["bind"] == {
        "input": "range",
        "min": 0,
        "max": 1,
        "step": 0.01,
        "name": "sweep P(heads) p  ",
    }
    top, bottom = spec["vconcat"]
    rects = top["layer"][0]
    assert rects["encoding"]["y"]["scale"]["domain"] == [0, charts.SWEEP_TOP]
    assert {"filter": f"abs(datum.p - {charts.SWEEP}) < 0.005"} in rects["transform"]
    traced = bottom["layer"][1]
    assert traced["transform"] == [{"filter": f"datum.p <= {charts.SWEEP} + 0.0001"}]
    assert param["value"] == 0.5  # a fair coin unless told


@pytest.mark.parametrize(("at", "opens"), [(0.9, 0.9), (0.123, 0.12), (0.0, 0.0), (1.0, 1.0)])
def test_the_coin_sweep_opens_at_the_pages_p_on_its_own_grid(at, opens):
    bars = charts.sweep_frame(np.round(np.linspace(0, 1, 101), 2))
    curve = pd.DataFrame({"p": [0.0, 1.0], "bits": [0.0, 0.0]})
    (param,) = charts.coin_sweep_chart(bars, curve, at=at).to_dict()["params"]
    assert param["value"] == opens
    # The chart's filter finds exactly the two bars (one, at a certainty) of that p.
    shown = bars[np.abs(bars["p"] - opens) < 0.005]
    assert len(shown) == (1 if opens in (0.0, 1.0) else 2)
