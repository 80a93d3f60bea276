"""The Probability page's charts, fed frames built the way the Probability topics build them.

Each topic's frames come from the topics' own helpers and the core they call (``coin_runs``,
``band_table``, ``rounds``, ``distribution_tables``, ``charts.crowd_table``,
``pr.likelihood_grid``) and are put together as the topics' bodies do, so the specs checked
here are the ones the page draws: encodings, fixed domains, legends, colours, data sizes,
and what a rerun sends for the largest inputs.

Streamlit stays out of ``mathviz.charts.probability`` and ``mathviz.probability``: that is
checked for every module by ``tests/test_layers.py``.
"""

import functools
import itertools
import json
import math
from collections.abc import Callable
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pytest

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.charts import theme
from mathviz.charts.theme import COLORS
from mathviz.topics.probability import bayes, coin_flips, expected_value, mle
from mathviz.topics.probability.common import (
    band_table,
    distribution_tables,
    interval_tables,
    series_table,
)
from mathviz.ui import cache, frame
from tests.charts.helpers import (
    BUDGET,
    arrow_bytes,
    data_names,
    datasets,
    keys_anywhere,
    layer_encodings,
    lightness,
)

OKABE_ITO = {COLORS[name] for name in ("blue", "orange", "vermillion", "green", "sky", "purple")}
DICE_GAME = ((300, 300, -200, -200, -200, -200), (1, 1, 1, 1, 1, 1))


# ---------------------------------------------------------------- the page's frames


@functools.cache
def coin_frames(n: int, runs: int, *, p: float = 0.5, k: int = 3, seed: int = 1) -> dict:
    """The frames of the coin-flips topic: running shares, band, groups of ten, streaks."""
    # Below coin_flips.HEAVY: no progress bar, no Streamlit.
    done = coin_flips.coin_runs(n, p, seed, runs)
    lines = pd.concat(
        [
            pd.DataFrame({"n": d.at, "mean": d.share, "run": f"run {r + 1}"})
            for r, d in enumerate(done)
        ],
        ignore_index=True,
    )
    tens = sum(d.tens for d in done)
    exact = pr.distribution("binomial", n=10, p=p).pmf(np.arange(11))
    ten_bars = pd.DataFrame(
        {
            "heads": np.tile(np.arange(11), 2),
            "share": np.concatenate([exact, tens / tens.sum()]),
            "source": ["exact"] * 11 + ["simulated"] * 11,
        }
    )
    followers = sum(d.followers for d in done)
    after = sum(d.heads_after for d in done)
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = np.where(followers > 0, after / np.maximum(followers, 1), np.nan)
        spread = 2 * np.sqrt(p * (1 - p) / followers)
    streaks = pd.DataFrame(
        {
            "k": pr.STREAK_LENGTHS,
            "rate": rates,
            "low": np.clip(rates - spread, 0, 1),
            "high": np.clip(rates + spread, 0, 1),
            "followers": followers,
            "chosen": np.array(pr.STREAK_LENGTHS) == k,
        }
    )
    return {
        "lines": lines,
        "band": band_table(p, math.sqrt(p * (1 - p)), n),
        "tens": ten_bars,
        "streaks": streaks,
        "target": pd.DataFrame({"p": [p]}),
    }


@functools.cache
def game_frames(payoffs=DICE_GAME[0], weights=DICE_GAME[1], *, n: int = 1000, seed: int = 1):
    """The frames of the expected-value topic: face by face, the average so far, its band."""
    payoffs_a, weights_a = np.array(payoffs), np.array(weights)
    ps = pr.normalise(weights_a)
    mean = float(pr.summarise_game(payoffs_a, weights_a).exact)
    sd = math.sqrt(pr.variance(payoffs_a, ps))
    run = expected_value.rounds(tuple(payoffs), tuple(ps), n, seed)
    at, averages = run.at, run.average
    table = pd.DataFrame(
        {
            "face": [*"123456", "E[X]"],
            "payoff": [*payoffs_a, np.nan],
            "probability": [*ps, 1.0],
            "contribution": [*(payoffs_a * ps), mean],
            "sign": [*np.where(payoffs_a >= 0, "win", "lose"), "E[X]"],
        }
    )
    low, high = float(payoffs_a.min()), float(payoffs_a.max())
    pad = 0.08 * (high - low) if high > low else 1.0
    return {
        "table": table,
        "lines": pd.DataFrame({"n": at, "mean": averages, "run": "average so far"}),
        "band": band_table(mean, sd, n),
        "y_domain": (low - pad, high + pad),
    }


@functools.cache
def distribution_frames(family: str, params: tuple, *, n: int = 1000, seed: int = 1) -> dict:
    """The frames of the distributions topic: exact pmf or pdf, the sample's, the two means."""
    values = dict(params)
    xs = pr.sample(family, n, seed=seed, **values)
    model, data = distribution_tables(family, values, xs)
    mean = float(pr.distribution(family, **values).mean())
    marks = pd.DataFrame({"x": [mean, float(xs.mean())], "mark": ["mean", "sample mean"]})
    return {"model": model, "data": data, "marks": marks}


@functools.cache
def bayes_frames(prior: float = 0.01, sens: float = 0.9, fpr: float = 0.05, seq: str = "ppn"):
    """The frames of the Bayes topic: the crowd of the last test and the belief path."""
    results = [r == "p" for r in seq]
    beliefs = pr.belief_path(prior, sens, fpr, results)
    crowd = pr.crowd_path(prior, sens, fpr, results)
    path = pd.DataFrame(
        {
            "test": np.arange(len(beliefs)),
            "belief": beliefs,
            "odds": pr.log10_odds(beliefs),
            "side": charts.label_sides(pr.log10_odds(beliefs)),
            "result": ["before"] + [bayes.RESULTS[r] for r in seq],
            "label": [bayes.belief_text(b) for b in beliefs],
            "step": ["prior"] + [f"{i}: {bayes.RESULTS[r]}" for i, r in enumerate(seq, 1)],
            "crowd": [f"{h} of {h + w}" for h, w in zip(crowd.has_it, crowd.healthy, strict=True)],
        }
    )
    people, columns, rows, _ = bayes.crowd_view(crowd, seq, sens, fpr)
    return {"people": people, "path": path, "columns": columns, "rows": rows}


@functools.cache
def likelihood_frames(family: str, *, n: int = 100_000, seed: int = 1, show: bool = False):
    """The frames and parameters of the maximum-likelihood topic for a simulated sample."""
    xs = mle.simulated(family, n, seed)
    estimate = pr.mle(xs, family)
    main = pr.MLE_FAMILIES[family]
    interval = pr.likelihood_interval(xs, family)
    grid = pr.likelihood_grid(xs, family, estimate[main], interval, fixed_range=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = pr.log_likelihood_curve(xs, family, grid) - pr.log_likelihood(xs, family, **estimate)
    points = pd.DataFrame({"theta": grid, "drop": np.where(drop >= -12, drop, np.nan)})
    marks = pd.DataFrame({"x": [estimate[main]], "mark": ["estimate"]})
    if show:
        truth = pr.hidden_truth(family, seed)[main]
        marks = pd.concat([marks, pd.DataFrame({"x": [truth], "mark": ["truth"]})])
    level = pd.DataFrame({"drop": [-pr.LIKELIHOOD_DROP_95]})
    dot = pd.DataFrame(
        {"theta": [estimate[main]], "drop": [0.0], "label": ["0"], "place": ["on the chart"]}
    )
    params = {
        "parameter": mle.SYMBOLS[main],
        "legend": ("estimate", "truth") if show else ("estimate",),
    }
    return (points, marks, level, dot), params


# ---------------------------------------------------------------- the largest inputs


def _coin(name: str, n: int, runs: int, **kw) -> Callable:
    def make():
        found = coin_frames(n, runs, **kw)
        if name == "running":
            frames = (found["lines"], found["band"])
            return charts.running_mean_chart, frames, {"y_title": "share", "y_domain": (0, 1)}
        if name == "tens":
            return charts.tens_chart, (found["tens"],), {}
        return charts.streak_chart, (found["streaks"], found["target"]), {}

    return make


def _game(name: str) -> Callable:
    def make():
        found = game_frames(n=1_000_000)
        if name == "running":
            params = {"y_title": "average payoff per round", "y_domain": found["y_domain"]}
            return charts.running_mean_chart, (found["lines"], found["band"]), params
        table = found["table"]
        return (
            charts.contribution_chart,
            (table,),
            {"y_domain": charts.with_room(table["contribution"])},
        )

    return make


def _distribution(family: str, params: tuple) -> Callable:
    def make():
        found = distribution_frames(family, params, n=1_000_000)
        builder = charts.pmf_chart if family in pr.DISCRETE else charts.pdf_chart
        return builder, (found["model"], found["data"], found["marks"]), {}

    return make


def _bayes(name: str) -> Callable:
    def make():
        found = bayes_frames(seq="pp" + "n" * (bayes.MAX_TESTS - 2))
        if name == "people":
            grid = {"columns": found["columns"], "rows": found["rows"]}
            return charts.people_chart, (found["people"],), grid
        return charts.belief_chart, (found["path"],), {}

    return make


def _likelihood(family: str) -> Callable:
    def make():
        frames, params = likelihood_frames(family, show=True)
        return charts.likelihood_chart, frames, params

    return make


LARGEST: dict[str, Callable[[], tuple[Callable, tuple, dict[str, Any]]]] = {
    "running mean, 10 runs × 300": _coin("running", 100_000, 10),
    "running mean, 1 run × 2000": _coin("running", 10_000_000, 1),
    "running mean, dice game 1M rounds": _game("running"),
    "tens, 10M flips": _coin("tens", 10_000_000, 1),
    "streak, 10 runs": _coin("streak", 100_000, 10, k=6),
    "contribution": _game("contribution"),
    "pmf, geometric p = 0.01": _distribution("geometric", (("p", 0.01),)),
    "pmf, binomial n = 100": _distribution("binomial", (("n", 100), ("p", 0.5))),
    "pdf, normal": _distribution("normal", (("mu", 0.0), ("sigma", 1.0))),
    "pdf, uniform": _distribution("uniform", (("a", -5.0), ("b", 5.0))),
    "people, 1000": _bayes("people"),
    "belief, 8 tests": _bayes("belief"),
    **{f"likelihood, {family}": _likelihood(family) for family in pr.MLE_FAMILIES},
}
# As JSON the running means are over the budget (2000 to 3000 rows of 17-digit floats: 130 to
# 190 kB), but the page sends every frame as Arrow, and that stays under it.
RUNNING = [name for name in LARGEST if name.startswith("running mean")]


@pytest.fixture
def fresh_templates():
    """No chart shape stored, before and after the test."""
    cache.clear("chart templates")
    yield
    cache.clear("chart templates")


# ---------------------------------------------------------------- every chart


@functools.cache
def largest_spec(name: str) -> dict:
    """``to_dict()`` of one of the largest charts, built once for the tests below to read."""
    builder, frames, params = LARGEST[name]()
    return builder(*frames, **params).to_dict()


@pytest.mark.parametrize("name", list(LARGEST))
def test_each_frame_is_one_dataset_with_all_its_rows_and_nan_as_null(name):
    _, frames, _ = LARGEST[name]()
    spec = largest_spec(name)
    assert sorted(len(d) for d in datasets(spec)) == sorted(len(f) for f in frames)
    json.dumps(spec, allow_nan=False)  # nan must reach Vega as null, never as NaN


@pytest.mark.parametrize("name", [name for name in LARGEST if name not in RUNNING])
def test_chart_json_payload_stays_under_100_kb(name):
    assert len(json.dumps(largest_spec(name))) < BUDGET  # what payload_bytes measures


@pytest.mark.parametrize("name", list(LARGEST))
def test_what_a_rerun_sends_stays_under_100_kb_and_reads_every_frame(name, fresh_templates):
    builder, frames, params = LARGEST[name]()
    template = frame.spec(builder, *frames, **params)
    assert frame.templates_held() == 1
    assert template.get("datasets", {}) == {}  # no data of its own: all of it swapped per run
    assert set(data_names(template)) == {f"arg{i}" for i in range(len(frames))}
    data = [arrow_bytes(f) for f in frames]
    total = len(json.dumps(template)) + sum(data)
    assert total < BUDGET, f"{name}: {total} bytes (Arrow by frame {data})"


@pytest.mark.parametrize("name", list(LARGEST))
def test_no_chart_sets_its_own_font_size(name):
    spec = largest_spec(name)
    assert keys_anywhere(spec.get("layer", spec), "fontSize") == []


def test_projector_theme_scales_the_belief_charts_fonts():
    chart = charts.belief_chart(bayes_frames()["path"])
    normal = theme.apply(chart, projector=False).to_dict()["config"]
    big = theme.apply(chart, projector=True).to_dict()["config"]
    for part, key in [("axis", "labelFontSize"), ("legend", "labelFontSize"), ("text", "fontSize")]:
        assert big[part][key] == round(normal[part][key] * theme.PROJECTOR_SCALE), (part, key)
    assert big["axis"]["labelFontSize"] > normal["axis"]["labelFontSize"] * 1.5
    assert big["point"]["size"] > normal["point"]["size"] * 2


# ---------------------------------------------------------------- running_mean_chart


def test_running_mean_chart_layers_band_centre_and_runs_on_a_log_x_axis():
    found = coin_frames(100_000, 10)
    lines, band = found["lines"], found["band"]
    assert len(lines) == 10 * 150  # coin_flips.POINTS shared among the runs, 150 at least
    spec = charts.running_mean_chart(
        lines, band, y_title="share of heads so far", y_domain=(0, 1)
    ).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "line", "line", "point"]
    area, centre, runs, ends = (layer["encoding"] for layer in spec["layer"])
    for encoding in (area, centre, runs, ends):
        assert encoding["x"]["field"] == "n"
        assert encoding["x"]["type"] == "quantitative"
        assert encoding["x"]["scale"] == {"type": "log"}
        assert encoding["y"]["scale"] == {"domain": [0, 1], "nice": False}
    assert (area["y"]["field"], area["y2"]["field"]) == ("low", "high")
    assert centre["y"]["field"] == "centre"
    assert spec["layer"][1]["mark"]["strokeDash"] == [6, 4]
    assert runs["y"]["field"] == "mean"
    assert runs["y"]["title"] == "share of heads so far"
    assert all(layer["mark"]["clip"] is True for layer in spec["layer"])
    assert spec["height"] == theme.SIZES["height"]
    # A log axis cannot show n = 0: every n the page sends starts at 1.
    assert min(row["n"] for d in datasets(spec) for row in d) == 1
    assert sorted(len(d) for d in datasets(spec)) == [len(band), len(lines)]


def test_running_mean_colours_ten_runs_apart_in_the_order_they_come():
    found = coin_frames(100_000, 10)
    spec = charts.running_mean_chart(found["lines"], found["band"], y_title="s", y_domain=(0, 1))
    colour = spec.to_dict()["layer"][2]["encoding"]["color"]
    assert colour["field"] == "run"
    assert colour["type"] == "nominal"
    assert colour["sort"] is None  # "run 10" after "run 9", not after "run 1"
    assert colour["scale"]["range"] == charts.RUN_COLORS
    runs = found["lines"]["run"].unique().tolist()
    assert runs == [f"run {r}" for r in range(1, 11)]
    assert len(set(charts.RUN_COLORS)) == len(charts.RUN_COLORS) == len(runs)
    assert charts.RUN_COLORS[0] == COLORS["blue"]
    assert set(charts.RUN_COLORS[:5]) <= OKABE_ITO
    # The band is sky and the centre line ink: no run may look like either.
    assert not {COLORS["sky"], COLORS["ink"]} & set(charts.RUN_COLORS)


def test_running_mean_of_the_dice_game_spans_the_payoffs_with_one_run():
    found = game_frames(n=1_000_000)
    assert found["y_domain"] == pytest.approx((-240.0, 340.0))
    spec = charts.running_mean_chart(
        found["lines"], found["band"], y_title="average payoff per round", y_domain=(-240, 340)
    ).to_dict()
    for encoding in layer_encodings(spec):
        assert encoding["y"]["scale"]["domain"] == [-240, 340]
        assert encoding["x"]["scale"]["type"] == "log"
    centres = {row["centre"] for d in datasets(spec) for row in d if "centre" in row}
    assert list(centres) == [pytest.approx(-100 / 3)]
    assert {row["run"] for d in datasets(spec) for row in d if "run" in row} == {"average so far"}
    assert sorted(len(d) for d in datasets(spec)) == [200, 2000]


# ---------------------------------------------------------------- tens_chart


def test_tens_chart_offsets_exact_and_simulated_bars_side_by_side():
    bars = coin_frames(10_000_000, 1)["tens"]
    spec = charts.tens_chart(bars).to_dict()
    assert spec["mark"]["type"] == "bar"
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("heads", "ordinal")
    assert encoding["xOffset"]["field"] == "source"
    assert encoding["xOffset"]["sort"] == ["exact", "simulated"]
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("share", "quantitative")
    assert encoding["y"]["axis"]["format"] == "~%"
    assert encoding["color"]["field"] == "source"
    assert encoding["color"]["scale"] == {
        "domain": ["exact", "simulated"],
        "range": [COLORS["blue"], COLORS["orange"]],
    }
    (rows,) = datasets(spec)
    assert len(rows) == len(bars) == 22
    for source in ("exact", "simulated"):
        shares = [row["share"] for row in rows if row["source"] == source]
        assert [row["heads"] for row in rows if row["source"] == source] == list(range(11))
        assert sum(shares) == pytest.approx(1.0)
    assert set(bars["source"]) == set(encoding["color"]["scale"]["domain"])


# ---------------------------------------------------------------- streak_chart


@pytest.mark.parametrize("k", [1, 6, 10])
def test_streak_chart_highlights_the_chosen_k_on_a_zero_to_one_axis(k):
    found = coin_frames(100_000, 10, k=k)
    spec = charts.streak_chart(found["streaks"], found["target"]).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule", "rule", "text"]
    bars, errors, target, counts = (layer["encoding"] for layer in spec["layer"])
    assert counts["text"]["field"] == "times"
    assert bars["opacity"]["field"] == "followers"
    assert bars["opacity"]["scale"]["range"] == [0.15, 1]
    assert bars["color"] == {
        "condition": {"test": "datum.chosen", "value": COLORS["blue"]},
        "value": COLORS["sky"],
    }
    assert (bars["x"]["field"], bars["x"]["type"]) == ("k", "ordinal")
    assert bars["y"]["field"] == "rate"
    assert bars["y"]["scale"]["domain"] == [0, 1]
    assert (errors["y"]["field"], errors["y2"]["field"]) == ("low", "high")
    assert target["y"]["field"] == "p"
    assert "x" not in target  # p runs across the whole chart
    rows = next(d for d in datasets(spec) if len(d) == len(pr.STREAK_LENGTHS))
    assert [row["k"] for row in rows if row["chosen"]] == [k]
    assert [row["k"] for row in rows] == list(pr.STREAK_LENGTHS)
    assert sorted(len(d) for d in datasets(spec)) == [1, 10]


def test_streak_chart_sends_a_streak_that_never_happened_as_null():
    found = coin_frames(100, 1, k=10)  # ten tails in a row in 100 flips: almost never
    streaks = found["streaks"]
    assert streaks["rate"].isna().any()
    spec = charts.streak_chart(streaks, found["target"]).to_dict()
    rows = next(d for d in datasets(spec) if len(d) == len(pr.STREAK_LENGTHS))
    missing = streaks.loc[streaks["rate"].isna(), "k"].tolist()
    assert [row["k"] for row in rows if row["rate"] is None] == missing
    json.dumps(spec, allow_nan=False)


# ---------------------------------------------------------------- contribution_chart


def test_contribution_chart_keeps_the_face_order_with_expected_value_last():
    table = game_frames()["table"]
    spec = charts.contribution_chart(
        table, y_domain=charts.with_room(table["contribution"])
    ).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule", "text", "text"]
    bars, zero = (layer["encoding"] for layer in spec["layer"][:2])
    assert bars["x"]["field"] == "face"
    assert bars["x"]["sort"] == ["1", "2", "3", "4", "5", "6", "E[X]"]
    assert (bars["y"]["field"], bars["y"]["type"]) == ("contribution", "quantitative")
    assert zero["y"] == {"datum": 0}
    colour = bars["color"]
    assert colour["field"] == "sign"
    assert colour["legend"] is None
    assert colour["scale"] == {
        "domain": ["win", "lose", "E[X]"],
        "range": [COLORS["positive"], COLORS["negative"], COLORS["ink"]],
    }
    (rows,) = datasets(spec)
    assert len(rows) == len(table) == 7
    assert rows[-1]["contribution"] == pytest.approx(-100 / 3)
    assert rows[-1]["payoff"] is None
    assert {row["sign"] for row in rows} <= set(colour["scale"]["domain"])


def test_contribution_chart_follows_the_tables_order_not_the_alphabet():
    table = game_frames()["table"]
    shuffled = pd.concat([table.iloc[[5, 0, 3, 1, 4, 2]], table.iloc[[6]]], ignore_index=True)
    room = charts.with_room(shuffled["contribution"])
    x = charts.contribution_chart(shuffled, y_domain=room).to_dict()["layer"][0]["encoding"]["x"]
    assert x["sort"] == ["6", "1", "4", "2", "5", "3", "E[X]"]


# ---------------------------------------------------------------- pmf_chart and pdf_chart


def test_pmf_chart_draws_the_samples_bars_under_the_exact_stems():
    found = distribution_frames("binomial", (("n", 10), ("p", 0.5)))
    pmf, shares, marks = found["model"], found["data"], found["marks"]
    spec = charts.pmf_chart(pmf, shares, marks).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "rule", "point", "rule"]
    bars, stems, heads, rules = spec["layer"]
    assert bars["transform"] == [
        {"calculate": "datum.x - 0.4", "as": "left"},
        {"calculate": "datum.x + 0.4", "as": "right"},
    ]
    assert (bars["encoding"]["x"]["field"], bars["encoding"]["x2"]["field"]) == ("left", "right")
    assert bars["encoding"]["y"]["field"] == "share"
    assert bars["encoding"]["y2"] == {"datum": 0}
    assert stems["encoding"]["x"]["field"] == heads["encoding"]["x"]["field"] == "x"
    assert stems["encoding"]["x"]["axis"] == {"format": "d", "tickMinStep": 1}
    assert stems["encoding"]["y"]["field"] == heads["encoding"]["y"]["field"] == "probability"
    assert stems["encoding"]["y2"] == {"datum": 0}
    assert rules["encoding"]["x"]["field"] == "x"
    assert data_names(spec)[1] == data_names(spec)[2]  # stems and heads share the pmf
    assert sorted(len(d) for d in datasets(spec)) == sorted([len(pmf), len(shares), 2])
    assert len(pmf) == 11  # 0 to 10 heads


def test_pdf_chart_draws_the_histogram_under_the_exact_curve():
    found = distribution_frames("normal", (("mu", 0.0), ("sigma", 1.0)), n=10_000)
    pdf, histogram, marks = found["model"], found["data"], found["marks"]
    spec = charts.pdf_chart(pdf, histogram, marks).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "line", "rule"]
    bins, curve, rules = (layer["encoding"] for layer in spec["layer"])
    assert (bins["x"]["field"], bins["x2"]["field"]) == ("left", "right")
    assert bins["y"]["field"] == curve["y"]["field"] == "density"
    assert bins["y2"] == {"datum": 0}
    assert curve["x"]["field"] == rules["x"]["field"] == "x"
    for encoding in (bins, curve):
        assert encoding["x"]["scale"] == {"nice": False, "zero": False}
    assert sorted(len(d) for d in datasets(spec)) == [2, 60, 400]  # √10000 capped at 60 bins


@pytest.mark.parametrize("builder", [charts.pmf_chart, charts.pdf_chart])
@pytest.mark.parametrize("legend", [(), ("mean",), ("mean", "sample mean")])
def test_pmf_and_pdf_legends_name_exactly_the_legend_parameter(builder, legend):
    family = "poisson" if builder is charts.pmf_chart else "exponential"
    params = (("lam", 3.0),) if family == "poisson" else (("rate", 1.0),)
    found = distribution_frames(family, params)
    marks = found["marks"][found["marks"]["mark"].isin(legend)]
    spec = builder(found["model"], found["data"], marks, legend=legend).to_dict()
    rules = spec["layer"][-1]["encoding"]
    assert rules["color"]["field"] == rules["strokeDash"]["field"] == "mark"
    assert rules["color"]["scale"]["domain"] == list(legend)
    assert rules["color"]["scale"]["range"] == [charts.MARK_COLORS_BY_NAME[m] for m in legend]
    assert rules["strokeDash"]["scale"]["domain"] == list(legend)
    assert rules["strokeDash"]["scale"]["range"] == [charts.MARK_DASHES[m] for m in legend]
    assert rules["strokeDash"]["legend"] is None  # one legend, by colour
    assert sum(len(d) for d in datasets(spec) if d and "mark" in d[0]) == len(marks)


def test_distribution_marks_default_to_the_mean_and_the_sample_mean():
    found = distribution_frames("normal", (("mu", 1.0), ("sigma", 2.0)))
    spec = charts.pdf_chart(found["model"], found["data"], found["marks"]).to_dict()
    colour = spec["layer"][-1]["encoding"]["color"]
    assert colour["scale"] == {
        "domain": ["mean", "sample mean"],
        "range": [COLORS["vermillion"], COLORS["purple"]],  # two hues apart, and dashed
    }
    assert set(found["marks"]["mark"]) == set(colour["scale"]["domain"])


# ---------------------------------------------------------------- people_chart


def cell_height(columns: int) -> int:
    return min(40, round(480 / columns))


def test_people_chart_grid_spans_exactly_the_columns_by_rows_of_the_crowd():
    found = bayes_frames(seq="p")
    people, columns, rows = found["people"], found["columns"], found["rows"]
    # the first test in a crowd of 10,000: a zoom on the 585 who test positive
    assert (columns, rows) == (40, 15)
    spec = charts.people_chart(people, columns=columns, rows=rows).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["transform"] == [
        {"calculate": "datum.column + 1", "as": "right"},
        {"calculate": "datum.row + 1", "as": "bottom"},
    ]
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x2"]["field"]) == ("column", "right")
    assert (encoding["y"]["field"], encoding["y2"]["field"]) == ("row", "bottom")
    assert encoding["x"]["scale"] == {"domain": [0, columns], "nice": False}
    assert encoding["y"]["scale"] == {"domain": [0, rows], "nice": False, "reverse": True}
    assert encoding["x"]["axis"] is None
    assert encoding["y"]["axis"] is None
    assert spec["height"] == 60 + cell_height(columns) * rows  # square cells
    (data,) = datasets(spec)
    assert len(data) == len(people) == 585  # the last row is partly filled
    assert columns * (rows - 1) < 585 <= columns * rows
    cells = [(row["column"], row["row"]) for row in data]
    assert cells == [(i % columns, i // columns) for i in range(585)]  # each cell once, in order


def test_people_chart_colours_the_groups_in_groups_order():
    people = bayes_frames(seq="p")["people"]
    spec = charts.people_chart(people, columns=40, rows=25).to_dict()
    colour = spec["encoding"]["color"]
    assert colour["field"] == "group"
    assert colour["type"] == "nominal"
    assert colour["scale"]["domain"] == charts.GROUPS
    assert charts.GROUPS == [
        "has it, tests +",
        "has it, tests −",
        "healthy, tests +",
        "healthy, tests −",
    ]
    sick_positive, sick_negative, healthy_positive, healthy_negative = colour["scale"]["range"]
    assert sick_positive == COLORS["vermillion"]
    assert healthy_positive == COLORS["blue"]
    # A negative test is the paler shade of its condition's colour.
    assert lightness(sick_negative) > lightness(sick_positive)
    assert lightness(healthy_negative) > lightness(healthy_positive)
    assert len(set(colour["scale"]["range"])) == 4
    (data,) = datasets(spec)
    assert {row["group"] for row in data} <= set(charts.GROUPS)
    counts = people["group"].value_counts()
    assert counts["has it, tests +"] == 90  # prior 1 %, sensitivity 90 %: 90 of 10,000
    assert counts["healthy, tests +"] == 495  # 5 % of the 9,900 healthy


@pytest.mark.parametrize(("columns", "rows"), [(4, 3), (40, 25), (10, 100)])
def test_people_chart_domains_follow_the_grid_it_is_given(columns, rows):
    index = np.arange(columns * rows)
    people = pd.DataFrame(
        {
            "column": index % columns,
            "row": index // columns,
            "group": pd.Categorical.from_codes(index % 4, categories=charts.GROUPS),
        }
    )
    spec = charts.people_chart(people, columns=columns, rows=rows).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, columns]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, rows]
    assert spec["height"] == 60 + cell_height(columns) * rows
    assert len(datasets(spec)[0]) == columns * rows


# ---------------------------------------------------------------- belief_chart


def test_belief_chart_plots_each_result_on_a_fixed_log_odds_axis():
    path = bayes_frames(seq="ppn")["path"]
    spec = charts.belief_chart(path).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point", "text", "text"]
    line, dots, above, below = (layer["encoding"] for layer in spec["layer"])
    for encoding in (line, dots, above, below):
        assert (encoding["x"]["field"], encoding["x"]["type"]) == ("step", "nominal")
        assert (encoding["y"]["field"], encoding["y"]["type"]) == ("odds", "quantitative")
        # Fixed: ±4.5 in log10 odds (0.003 % to 99.997 %) with room for labels.
        assert encoding["y"]["scale"] == {"domain": [-5.3, 5.3], "nice": False}
        ticks = encoding["y"]["axis"]["values"]
        np.testing.assert_allclose(
            1 / (1 + 10 ** -np.array(ticks[1:-1])),
            [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999],  # 0.01 % and 99.99 %: the limits say so
        )
        # No two labels closer than a decade of odds: none overprints its neighbour.
        assert np.diff(ticks).min() >= 0.95
        # the outer gridlines are the limits: a held belief sits on them, named as on the page
        assert (ticks[0], ticks[-1]) == (-pr.LOG_ODDS_LIMIT, pr.LOG_ODDS_LIMIT)
        label = encoding["y"]["axis"]["labelExpr"]
        assert "datum.value >= 4.5 ? '> 99.99 %'" in label
        assert "datum.value <= -4.5 ? '< 0.01 %'" in label
    # each label above or below its dot, as label_sides chose
    assert [layer["mark"]["dy"] for layer in spec["layer"][2:]] == [-12, 12]
    assert [layer["transform"][0]["filter"] for layer in spec["layer"][2:]] == [
        "datum.side == 'above'",
        "datum.side == 'below'",
    ]
    (rows,) = datasets(spec)
    assert len(rows) == len(path) == 4
    assert [row["step"] for row in rows] == ["prior", "1: +", "2: +", "3: −"]
    assert [round(row["belief"], 3) for row in rows] == [0.01, 0.154, 0.766, 0.256]
    np.testing.assert_allclose(
        [row["odds"] for row in rows],
        np.log10([0.01 / 0.99, 0.154 / 0.846, 0.766 / 0.234, 0.256 / 0.744]),
        atol=0.01,
    )
    # a crowd of 100,000 reads as the exact belief at every step (8 of 32 would be 25 %)
    assert [row["crowd"] for row in rows] == [
        "1000 of 100000",
        "900 of 5850",
        "810 of 1058",
        "81 of 317",
    ]


def test_small_beliefs_stand_apart_on_the_belief_axis():
    odds = pr.log10_odds([0.0001, 0.0098, 0.5, 0.9999503, 0.99999999])
    # 0.01 % and 0.98 % are two decades apart, not a flat line at the bottom
    assert odds[1] - odds[0] == pytest.approx(2, abs=0.01)
    assert odds[3] == pytest.approx(np.log10(0.9999503 / 0.0000497))
    assert odds[4] == pr.LOG_ODDS_LIMIT


def test_belief_chart_sends_an_impossible_result_as_null():
    path = bayes_frames(prior=0.01, sens=1.0, fpr=0.0, seq="pn")["path"]  # + then − cannot be
    spec = charts.belief_chart(path).to_dict()
    (rows,) = datasets(spec)
    assert [row["belief"] for row in rows] == [0.01, 1.0, None]
    json.dumps(spec, allow_nan=False)


# ---------------------------------------------------------------- likelihood_chart


@pytest.mark.parametrize("family", list(pr.MLE_FAMILIES))
def test_likelihood_chart_shows_the_drop_on_a_fixed_axis_with_the_interval_edge(family):
    (points, marks, level, dot), params = likelihood_frames(family)
    spec = charts.likelihood_chart(points, marks, level, dot, **params).to_dict()
    kinds = [layer["mark"]["type"] for layer in spec["layer"]]
    assert kinds == ["rule", "line", "rule", "point", "text"]
    cut, line, rules, candidate, words = spec["layer"]
    assert candidate["encoding"]["x"]["field"] == "theta"
    assert candidate["mark"]["color"] == charts.CANDIDATE_COLOR
    assert words["encoding"]["text"]["field"] == "label"
    x, y = line["encoding"]["x"], line["encoding"]["y"]
    assert (x["field"], x["type"], x["title"]) == ("theta", "quantitative", params["parameter"])
    assert x["scale"] == {"nice": False, "zero": False}
    assert (y["field"], y["type"]) == ("drop", "quantitative")
    assert y["scale"] == {"domain": [-8, 0.5], "nice": False}
    assert line["mark"]["invalid"] == "break-paths-show-domains"
    # Cut at the frame's floor by a filter (Vega clips a chart with a nearest-point
    # selection to about half its height), so nothing below the axis is drawn.
    assert "clip" not in line["mark"]
    assert line["transform"] == [{"filter": "datum.drop >= -8.0"}]
    assert cut["encoding"]["y"]["field"] == "drop"
    assert cut["mark"]["strokeDash"] == [3, 3]
    assert rules["encoding"]["x"]["field"] == "x"
    assert rules["encoding"]["x"]["title"] == params["parameter"]
    assert sorted(len(d) for d in datasets(spec)) == [1, 1, 1, len(points)]
    assert 600 <= len(points) <= 650  # 401 evenly spaced + 241 near the estimate
    level_rows = next(d for d in datasets(spec) if len(d) == 1 and "drop" in d[0])
    assert level_rows[0]["drop"] == pytest.approx(-1.92, abs=0.01)


def test_a_draggable_likelihood_chart_previews_the_drag_and_reports_only_the_release():
    (points, marks, level, dot), params = likelihood_frames("poisson")
    spec = charts.likelihood_chart(points, marks, level, dot, **params, draggable=True).to_dict()
    by_name = {p["name"]: p for p in spec["params"]}
    grab, pick = by_name[charts.GRAB], by_name[charts.PICK_THETA]
    assert grab["select"]["on"] == "pointerdown, pointermove[event.buttons > 0]"
    assert pick["select"]["on"] == "pointerup"
    for param in (grab, pick):
        assert param["select"]["nearest"] is True
        assert len(param["views"]) == 1  # the invisible targets on the drawn curve points
    # The preview: a hollow ring and its log L, only while the grab holds a point.
    previews = [
        layer
        for layer in spec["layer"]
        if {"filter": {"param": charts.GRAB, "empty": False}} in layer.get("transform", [])
    ]
    assert [layer["mark"]["type"] for layer in previews] == ["point", "text"]
    assert previews[0]["mark"]["filled"] is False


@pytest.mark.parametrize(
    ("show", "legend", "colours", "dashes"),
    [
        (False, ["estimate"], [COLORS["ink"]], [[1, 0]]),
        (True, ["estimate", "truth"], [COLORS["ink"], COLORS["green"]], [[1, 0], [6, 4]]),
    ],
)
def test_likelihood_legend_names_the_truth_only_once_it_is_passed(show, legend, colours, dashes):
    (points, marks, level, dot), params = likelihood_frames("bernoulli", show=show)
    assert list(params["legend"]) == legend
    spec = charts.likelihood_chart(points, marks, level, dot, **params).to_dict()
    rules = spec["layer"][2]["encoding"]
    assert rules["color"]["scale"] == {"domain": legend, "range": colours}
    assert rules["strokeDash"]["scale"] == {"domain": legend, "range": dashes}
    assert rules["color"]["legend"] == {"orient": "top"}
    mark_rows = next(d for d in datasets(spec) if "mark" in d[0])
    assert [row["mark"] for row in mark_rows] == legend


def test_likelihood_curve_sends_values_far_below_the_peak_as_null():
    (points, marks, level, dot), params = likelihood_frames("bernoulli")
    assert points["drop"].isna().any()  # n = 100000: all but a narrow spike is cut off
    spec = charts.likelihood_chart(points, marks, level, dot, **params).to_dict()
    curve = max(datasets(spec), key=len)
    assert sum(row["drop"] is None for row in curve) == int(points["drop"].isna().sum())
    assert max(row["drop"] for row in curve if row["drop"] is not None) == pytest.approx(
        0, abs=1e-9
    )


# ---------------------------------------------------------------- colours


def test_scales_take_their_colours_from_the_theme():
    named = set(COLORS.values())
    scales = [
        charts.SOURCE_COLORS.to_dict(),
        charts.SIGN_COLORS.to_dict(),
        alt.Scale(range=list(charts.MARK_COLORS_BY_NAME.values())).to_dict(),
    ]
    for scale in scales:
        assert set(scale["range"]) <= named
    # Okabe–Ito colours, and ink for the best fit θ̂ (black on every likelihood chart)
    assert set(charts.MARK_COLORS_BY_NAME.values()) <= OKABE_ITO | {COLORS["ink"]}
    assert charts.MARK_COLORS_BY_NAME["estimate"] != charts.CANDIDATE_COLOR
    assert set(charts.MARK_COLORS_BY_NAME) == set(charts.MARK_DASHES)


# ---------------------------------------------------------------- framing helpers


def test_payoff_domain_pads_the_payoffs_by_eight_percent():
    assert charts.payoff_domain(DICE_GAME[0]) == pytest.approx((-240.0, 340.0))
    assert charts.payoff_domain([-250, 1000]) == pytest.approx((-350.0, 1100.0))
    assert charts.payoff_domain([7, 7, 7]) == (6.0, 8.0)  # no spread: one unit either side


def test_crowd_table_puts_the_positives_first_and_fills_rows_left_to_right():
    people = charts.crowd_table([2, 1, 3, 4], columns=4)
    assert len(people) == 10
    assert people["group"].tolist() == [
        *["has it, tests +"] * 2,
        *["healthy, tests +"] * 3,
        "has it, tests −",
        *["healthy, tests −"] * 4,
    ]
    assert people["column"].tolist() == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1]
    assert people["row"].tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
    assert list(people["group"].cat.categories) == charts.GROUPS


@pytest.mark.parametrize(
    ("kept", "span", "text"),
    [
        ((0, 2), (0, 585), "the 585 of 10,000 zoomed below"),
        ((1, 3), (585, 10_000), "the 9,415 of 10,000 zoomed below"),
    ],
)
def test_crowd_strip_tiles_everyone_and_brackets_exactly_the_zoomed_groups(kept, span, text):
    strip = charts.crowd_strip([90, 10, 495, 9405], kept)
    bars = strip[strip["kind"] == "bar"]
    # The four groups in the grid's order, end to end from 0 to the whole crowd.
    assert bars["group"].tolist() == [charts.GROUPS[i] for i in charts.CROWD_ORDER]
    assert bars["start"].tolist() == [0, 90, 585, 595]
    assert bars["end"].tolist() == [90, 585, 595, 10_000]
    assert (bars["end"] - bars["start"]).tolist() == bars["people"].tolist()
    (zoom,) = strip[strip["kind"] == "zoom"].itertuples()
    assert (zoom.start, zoom.end, zoom.people, zoom.text) == (*span, span[1] - span[0], text)


def test_crowd_strip_chart_colours_groups_as_the_squares_and_draws_the_bracket():
    spec = charts.crowd_strip_chart(charts.crowd_strip([9, 1, 50, 940], (0, 2))).to_dict()
    bars, bracket, *ends, words = spec["layer"]
    assert bars["encoding"]["color"]["scale"]["range"] == charts.GROUP_COLORS.to_dict()["range"]
    assert {bracket["mark"]["type"], *(end["mark"]["type"] for end in ends)} == {"rule"}
    assert [end["encoding"]["x"]["field"] for end in ends] == ["start", "end"]
    assert words["encoding"]["text"]["field"] == "text"


@pytest.mark.parametrize(
    ("prior", "results", "zoomed"),
    [(0.01, "p", True), (0.01, "ppp", True), (0.5, "p", False)],
)
def test_bayes_strip_brackets_the_zoom_or_everyone(prior, results, zoomed):
    # A rare condition draws a big crowd (10,000; a million for three tests), a common one 1,000.
    crowd = pr.crowd_path(prior, 0.9, 0.05, results, largest=bayes.LARGEST_CROWD)
    strip = bayes.crowd_strip(crowd, results, 0.9, 0.05)
    taking = sum(crowd.split(len(results), 0.9, 0.05))
    assert (taking > bayes.MOST_SQUARES) == zoomed
    assert strip["end"].max() == taking
    zoom = strip[strip["kind"] == "zoom"]
    _, _, _, title = bayes.crowd_view(crowd, results, 0.9, 0.05)
    if zoomed:
        assert f"Zoom on the {zoom['people'].item():,} of {taking:,}" in title
    else:  # the squares show everyone, and the bracket spans the whole bar
        assert (zoom["start"].item(), zoom["end"].item()) == (0, taking)
        assert zoom["text"].item() == f"all {taking:,}, one square each below"


@pytest.mark.parametrize(
    ("xs", "expected"),
    [
        ([0.0, 1.0, -3.5], True),
        ([1e-12], False),
        ([2e-12, 9.9e11], True),
        ([1e12], False),
        ([-1e200, 1.0], False),
        ([5e-324, 0.0], False),
    ],
)
def test_drawable_data_is_zero_or_between_1e_minus_12_and_1e12_in_size(xs, expected):
    assert charts.drawable(np.array(xs)) is expected


# ---------------------------------------------------------------- distributions: interval, CLT


def interval_frames(family: str, params: dict, a: float, b: float, *, fit: bool = False):
    xs = pr.sample(family, 2000, seed=1, **params)
    w = pr.fixed_window(family, params)
    model, sample, row = interval_tables(
        family, params, xs, (a, b), x_range=(w.x_low, w.x_high), label="P"
    )
    marks = pd.DataFrame({"x": [0.0, 0.1], "mark": ["mean", "sample mean"]})
    return model, sample, marks, row, w


def both(model, sample, marks, row, w, *, discrete: bool) -> tuple[dict, dict]:
    top = charts.interval_chart(
        model, sample, marks, row, discrete=discrete, x_domain=(w.x_low, w.x_high), y_high=w.y_high
    ).to_dict()
    bottom = charts.cdf_chart(model, row, discrete=discrete, x_domain=(w.x_low, w.x_high))
    return top, bottom.to_dict()


@pytest.mark.parametrize("params", [{"mu": 0.0, "sigma": 1.0}, {"mu": 4.0, "sigma": 3.0}])
def test_interval_chart_keeps_the_normal_frame_whatever_mu_and_sigma(params):
    model, sample, marks, row, w = interval_frames("normal", params, -1.0, 1.0)
    top, bottom = both(model, sample, marks, row, w, discrete=False)
    scales = [
        layer["encoding"]["x"]["scale"]
        for layer in top["layer"] + bottom["layer"]
        if "x" in layer.get("encoding", {}) and "scale" in layer["encoding"]["x"]
    ]
    assert len(scales) >= 5
    assert all(s["domain"] == [-6.0, 6.0] for s in scales)
    ys = [
        layer["encoding"]["y"]
        for layer in top["layer"]
        if "field" in layer["encoding"].get("y", {})
    ]
    assert {tuple(y["scale"]["domain"]) for y in ys if "scale" in y} == {(0, 0.45)}
    assert bottom["layer"][1]["encoding"]["y"]["scale"]["domain"] == [0, 1]


def test_interval_chart_shades_exactly_the_grid_inside_a_to_b():
    model, *_ = interval_frames("normal", {"mu": 0.0, "sigma": 1.0}, -0.37, 1.23)
    inside = model[model["inside"]]
    assert (inside["x"].min(), inside["x"].max()) == (-0.37, 1.23)
    np.testing.assert_allclose(
        model["cdf"], stats_cdf := pr.distribution("normal", mu=0.0, sigma=1.0).cdf(model["x"])
    )
    assert stats_cdf[0] < 1e-8  # the frame starts at −6: 6σ out
    # the shaded area, by the trapezoid rule, is the core's probability
    area = np.trapezoid(inside["density"], inside["x"])
    core = pr.interval_probability("normal", {"mu": 0.0, "sigma": 1.0}, -0.37, 1.23)
    assert area == pytest.approx(core, abs=1e-4)


def test_interval_row_rises_on_the_cdf_by_the_interval_probability():
    params = {"n": 20, "p": 0.3}
    _, _, _, row, _ = interval_frames("binomial", params, 4, 8)
    rise = float(row["Fb"].iloc[0] - row["Fa"].iloc[0])
    assert rise == pytest.approx(pr.interval_probability("binomial", params, 4, 8))


def test_discrete_interval_chart_colours_the_stems_inside_and_steps_the_cdf():
    model, sample, marks, row, w = interval_frames("poisson", {"lam": 3.0}, 2, 5)
    assert model["x"].tolist() == list(range(21))  # the frame: 0 … 20
    assert model.loc[model["inside"], "x"].tolist() == [2, 3, 4, 5]
    top, bottom = both(model, sample, marks, row, w, discrete=True)
    means, stems = top["layer"][0], top["layer"][2]
    assert means["encoding"]["strokeDash"]["field"] == "mark"  # under the stems, not over
    assert stems["mark"]["type"] == "rule"
    assert stems["encoding"]["color"]["condition"]["value"] == charts.INTERVAL_COLOR
    assert bottom["layer"][1]["mark"]["interpolate"] == "step-after"


def test_means_chart_fixes_both_axes_and_piles_the_batches_up_to_its_slider():
    pile = pd.DataFrame(
        {
            "left": [0.0, 1.0, 1.0],
            "right": [1.0, 2.0, 2.0],
            "batch": [0, 0, 1],
            "count": [1, 2, 1],
            "drawn": [3, 3, 5],  # one average of the second batch fell off the axis
        }
    )
    curve = pd.DataFrame({"x": [0.0, 1.0], "density": [0.1, 0.2]})
    spec = charts.means_chart(pile, curve, x_domain=(0.0, 10.0), y_high=0.9, total=4).to_dict()
    bins, normal, key, readout = spec["layer"]
    assert bins["encoding"]["x"]["scale"]["domain"] == [0.0, 10.0]
    for layer in (bins, normal):
        assert layer["encoding"]["y"]["scale"] == {"domain": [0, 0.9], "nice": False}
    # the batches up to the slider, added per bin, as a density of the whole pile
    assert bins["transform"] == [
        {"filter": f"datum.batch <= {charts.MEANS_SO_FAR}"},
        {
            "aggregate": [{"op": "sum", "field": "count", "as": "so_far"}],
            "groupby": ["left", "right"],
        },
        {"calculate": "datum.so_far / (4 * (datum.right - datum.left))", "as": "density"},
    ]
    (param,) = spec["params"]
    assert param["name"] == charts.MEANS_SO_FAR
    assert param["value"] == 1  # the whole pile until Play
    assert (param["bind"]["min"], param["bind"]["max"], param["bind"]["step"]) == (0, 1, 1)
    assert readout["transform"][0] == {"filter": f"datum.batch <= {charts.MEANS_SO_FAR}"}
    # The readout counts every average drawn so far, also those beyond the axis.
    assert readout["transform"][1] == {
        "aggregate": [{"op": "max", "field": "drawn", "as": "so_far"}]
    }
    assert normal["mark"]["type"] == "line"
    assert normal["mark"]["color"] == COLORS["vermillion"]
    assert key["encoding"]["text"]["value"] == "normal N(μ, σ²/m)"
    assert spec["height"] == theme.SIZES["main"]


def test_the_pile_of_batches_adds_up_to_the_histogram_of_all_averages():
    from mathviz.topics.probability import distributions

    means = pr.sample_means("exponential", {"rate": 1.0}, 5, 10_000, seed=1)
    edges, density = pr.means_histogram(means, low=0.0, high=10.0, bins=200)
    pile = distributions._pile(means, edges)
    assert pile["batch"].max() == distributions.BATCHES - 1
    assert pile[pile["batch"] == 0]["count"].tolist() == [1]  # the first average alone
    assert (pile["count"] > 0).all()  # empty cells are not sent
    whole = pile.groupby("left")["count"].sum()
    width = np.diff(edges)[0]
    np.testing.assert_allclose(whole / (10_000 * width), density[density > 0], rtol=1e-5)
    # On an axis that stops at 1.5 some averages fall off it; all 10,000 count as drawn.
    cut = distributions._pile(means, np.linspace(0.0, 1.5, 31))
    assert cut["drawn"].max() == 10_000 > cut["count"].sum()
    by_batch = cut.groupby("batch")["drawn"].first()
    assert by_batch.is_monotonic_increasing
    assert (by_batch >= cut.groupby("batch")["count"].sum().cumsum()).all()


def test_the_density_and_cdf_charts_reserve_the_same_y_axis_width_so_x_aligns():
    model, sample, marks, row, w = interval_frames("normal", {"mu": 0.0, "sigma": 1.0}, -1, 1)
    top, bottom = both(model, sample, marks, row, w, discrete=False)
    extents = {
        layer["encoding"]["y"]["axis"]["minExtent"]
        for layer in top["layer"] + bottom["layer"]
        if "axis" in layer.get("encoding", {}).get("y", {})
    }
    assert extents == {charts.AXIS_EXTENT}


def test_a_so_far_slider_draws_the_runs_and_band_up_to_it_on_fixed_axes():
    done = coin_flips.coin_runs(10_000, 0.5, 1, 3)
    lines = series_table([d.at for d in done], [d.share for d in done], ["run 1", "run 2", "run 3"])
    band = band_table(0.5, 0.5, 10_000, at=done[0].at)
    last = len(done[0].at) - 1
    assert lines.groupby("run", observed=True)["k"].max().tolist() == [last] * 3
    assert band["k"].tolist() == list(range(last + 1))
    assert band["n"].tolist() == done[0].at.tolist()  # the band where the runs were taken
    spec = charts.running_mean_chart(
        lines, band, y_title="s", y_domain=(0, 1), upto="coin_upto", upto_name="flips so far",
        top=float(lines["n"].max()), last=last,
    ).to_dict()  # fmt: skip
    (param,) = spec["params"]
    assert param["name"] == "coin_upto"
    assert param["value"] == last  # the whole run until Play
    assert param["bind"] == {
        "input": "range",
        "min": 0,
        "max": last,
        "step": 1,
        "name": "flips so far ",
    }
    area, centre, runs, ends, readout = spec["layer"]
    for layer in (area, runs, ends, readout):
        assert layer["transform"][0] == {"filter": "datum.k <= coin_upto"}
    assert "transform" not in centre  # p stays drawn across the whole frame
    for layer in (area, centre, runs, ends):
        # fixed from 1 to the last n, so the lines grow rightwards instead of the axis moving
        assert layer["encoding"]["x"]["scale"] == {
            "type": "log",
            "domain": [1, 10_000],
            "nice": False,
        }
    assert readout["mark"]["type"] == "text"
    assert "' so far'" in readout["transform"][2]["calculate"]
    assert spec["height"] == theme.SIZES["main"]


# ---------------------------------------------------------------- coin flips: gap, end points


def test_running_mean_chart_marks_where_each_run_ends_so_one_flip_is_a_dot():
    found = coin_frames(1, 1)
    spec = charts.running_mean_chart(found["lines"], found["band"], y_title="s", y_domain=(0, 1))
    ends = spec.to_dict()["layer"][3]
    assert ends["mark"]["type"] == "point"
    assert {"filter": "datum.n == datum.last"} in ends["transform"]
    assert len(found["lines"]) == 1


def test_gap_chart_is_log_log_with_the_typical_gap_line_of_slope_minus_half():
    done = coin_flips.coin_runs(100_000, 0.5, 1, 3)
    gaps, typical = coin_flips.gap_tables(done, 0.5, 100_000)
    spec = charts.gap_chart(gaps, typical, y_low=1e-5).to_dict()
    runs, line, label, _ = spec["layer"]
    for layer in (runs, line):
        assert layer["encoding"]["x"]["scale"] == {"type": "log"}
        assert layer["encoding"]["y"]["scale"]["type"] == "log"
    assert runs["encoding"]["y"]["scale"]["domain"] == [1e-5, 1]
    assert label["encoding"]["text"]["value"] == "σ/√n: slope −½"
    ns, ys = typical["n"].to_numpy(), typical["typical"].to_numpy()
    slope = np.polyfit(np.log10(ns), np.log10(ys), 1)[0]
    assert slope == pytest.approx(-0.5)
    assert ys[0] == pytest.approx(0.5)
    # each run's gap is its running share's distance from p, zero gaps left out (nan)
    first = gaps[gaps["run"] == "run 1"]
    expected = np.abs(done[0].share.astype(np.float64) - 0.5)
    np.testing.assert_allclose(first["gap"].fillna(0), expected, rtol=1e-6)
    assert np.isnan(first["gap"].to_numpy()[expected == 0]).all()


def test_gap_tables_are_empty_for_a_coin_with_no_randomness():
    done = coin_flips.coin_runs(100, 1.0, 1, 1)
    gaps, typical = coin_flips.gap_tables(done, 1.0, 100)
    assert (len(gaps), len(typical)) == (0, 0)


# ---------------------------------------------------------------- Bayes: squares, one colour


@pytest.mark.parametrize(
    "counts", [[9, 1, 50, 940], [10, 0, 1000, 98990], [239149, 0, 1, 0], [3, 0, 5000, 0]]
)
def test_unit_counts_keep_every_group_with_someone_in_it_and_fit_the_budget(counts):
    squares, per = charts.unit_counts(counts, most=2000)
    assert sum(squares) <= 2000 + len(counts)
    assert all((s > 0) == (c > 0) for s, c in zip(squares, counts, strict=True))
    if sum(counts) <= 2000:
        assert (squares, per) == (counts, 1)
    else:
        assert sum(counts) / per <= 2000
        big = max(range(len(counts)), key=counts.__getitem__)
        assert squares[big] == pytest.approx(counts[big] / per, abs=1)


def test_belief_chart_draws_the_belief_in_the_colour_of_having_the_condition():
    path = pd.DataFrame(
        {
            "test": [0, 1, 2],
            "belief": [0.01, 0.154, 0.766],
            "odds": pr.log10_odds([0.01, 0.154, 0.766]),
            "side": ["above"] * 3,
            "result": ["before", "+", "+"],
            "label": ["1 %", "15.4 %", "76.6 %"],
            "step": ["prior", "1: +", "2: +"],
            "crowd": ["100 of 10,000", "90 of 585", "81 of 106"],
        }
    )
    spec = charts.belief_chart(path).to_dict()
    line, dots, *labels = spec["layer"]
    has_it = charts.GROUP_COLORS.to_dict()["range"][0]
    assert line["mark"]["color"] == dots["mark"]["color"] == has_it == COLORS["vermillion"]
    assert "color" not in dots["encoding"]  # no second meaning for a colour
    assert dots["encoding"]["x"]["field"] == "step"
    assert dots["encoding"]["x"]["sort"] == {"field": "test"}
    assert all(label["encoding"]["text"]["field"] == "label" for label in labels)


# ---------------------------------------------------------------- MLE: the data under a candidate


def test_candidate_chart_draws_the_model_at_theta_solid_and_the_fit_dashed_with_sticks():
    xs = pr.sample("normal", 50, seed=1, mu=0.0, sigma=1.0)
    grid = np.linspace(-4, 4, 400)
    at, fit = pr.distribution("normal", mu=1.0, sigma=2.0), pr.distribution("normal", mu=0, sigma=1)
    model = pd.DataFrame({"x": grid, "at": at.pdf(grid), "fit": fit.pdf(grid)})
    edges, density = pr.density_histogram(xs, low=-4, high=4)
    data = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "density": density})
    sticks = pd.DataFrame({"x": xs, "p": at.pdf(xs)})
    room = charts.candidate_heights(model, data, sticks, discrete=False)
    spec = charts.candidate_chart(
        model, data, sticks, discrete=False, x_domain=(-4, 4), y_domain=room
    ).to_dict()
    bins, dashed, stick, solid = spec["layer"]
    assert bins["encoding"]["x2"]["field"] == "right"
    assert dashed["mark"]["strokeDash"] == [6, 4]
    assert dashed["encoding"]["y"]["field"] == "fit"
    assert solid["encoding"]["y"]["field"] == "at"
    assert solid["mark"]["color"] == stick["mark"]["color"] == charts.CANDIDATE_COLOR
    assert (stick["encoding"]["y"]["field"], stick["encoding"]["y2"]) == ("p", {"datum": 0})
    for layer in spec["layer"]:
        assert layer["encoding"]["x"]["scale"]["domain"] == [-4, 4]
    assert sorted(len(d) for d in datasets(spec)) == sorted([50, len(data), 400])


def test_contribution_parts_hang_below_zero_from_each_value():
    x, count, total = pr.log_likelihood_parts([0, 1, 1, 1], "bernoulli", {"p": 0.5})
    parts = pd.DataFrame({"x": x, "count": count, "total": total})
    spec = charts.contribution_parts_chart(parts, x_domain=(-0.6, 1.6)).to_dict()
    zero, stems, ends = spec["layer"]
    assert ends["mark"]["type"] == "point"
    assert zero["encoding"]["y"] == {"datum": 0}
    assert (stems["encoding"]["y"]["field"], stems["encoding"]["y2"]) == ("total", {"datum": 0})
    (rows,) = datasets(spec)
    assert [round(r["total"], 4) for r in rows] == [
        round(math.log(0.5), 4),
        round(3 * math.log(0.5), 4),
    ]


# ---------------------------------------------------------------- expected value: rounds by hand


def test_rolls_chart_draws_each_payoff_the_average_and_e_x_on_fixed_axes():
    paid = np.array([300.0, -200.0, -200.0, 300.0])
    rolls = pd.DataFrame(
        {"round": np.arange(1, 5), "payoff": paid, "average": np.cumsum(paid) / np.arange(1, 5)}
    )
    spec = charts.rolls_chart(
        rolls, pd.DataFrame({"mean": [-100 / 3]}), y_domain=(-240.0, 340.0)
    ).to_dict()
    level, each, average, words = spec["layer"]
    assert level["mark"]["strokeDash"] == [6, 4]
    assert each["encoding"]["y"]["field"] == "payoff"
    assert average["encoding"]["y"]["field"] == "average"
    for layer in (level, each, average):
        assert layer["encoding"]["y"]["scale"]["domain"] == [-240.0, 340.0]
    assert words["encoding"]["text"]["value"] == "E[X]"
    rows = next(d for d in datasets(spec) if len(d) == 4)
    assert [r["average"] for r in rows] == [300.0, 50.0, -100 / 3, 50.0]


def test_landscape_chart_bands_the_drop_and_joins_candidate_to_peak():
    cells = pd.DataFrame(
        {"mu": [0.0, 1.0], "mu2": [1.0, 2.0], "sigma": [1.0, 1.0], "sigma2": [2.0, 2.0]}
    ).assign(drop=[-0.5, -9.0])
    points = pd.DataFrame(
        {"mu": [1.5, 0.5], "sigma": [1.5, 1.2], "point": ["candidate", "estimate"]}
    )
    spec = charts.landscape_chart(cells, points).to_dict()
    assert spec["height"] == charts.LANDSCAPE_HEIGHT >= 300  # a map, not a strip
    land, way, dots = spec["layer"]
    scale = land["encoding"]["color"]["scale"]
    assert scale["type"] == "threshold"
    assert scale["domain"] == [-8.0, -4.0, -pr.LIKELIHOOD_DROP_95]
    assert len(scale["range"]) == 4
    assert way["mark"]["color"] == charts.CANDIDATE_COLOR
    assert dots["encoding"]["color"]["scale"]["range"] == [
        charts.CANDIDATE_COLOR,
        charts.MARK_COLORS_BY_NAME["estimate"],
    ]


def test_a_candidate_below_the_likelihood_chart_is_a_downward_triangle_at_its_floor():
    (points, marks, level, _), params = likelihood_frames("poisson", n=50)
    dot = pd.DataFrame(
        {"theta": [3.0], "drop": [-7.8], "label": ["↓ −45.39"], "place": ["below the chart"]}
    )
    spec = charts.likelihood_chart(points, marks, level, dot, **params).to_dict()
    candidate = spec["layer"][3]
    shape = candidate["encoding"]["shape"]
    assert shape["field"] == "place"
    assert shape["scale"] == {
        "domain": ["on the chart", "below the chart"],
        "range": ["circle", "triangle-down"],
    }


def test_bernoulli_data_chart_ticks_only_its_two_outcomes():
    model = pd.DataFrame({"x": [0, 1], "at": [0.5, 0.5], "fit": [0.6, 0.4]})
    data = pd.DataFrame({"x": [0, 1], "share": [0.6, 0.4]})
    sticks = pd.DataFrame({"x": [], "p": []})
    room = charts.candidate_heights(model, data, sticks, discrete=True)
    spec = charts.candidate_chart(
        model, data, sticks, discrete=True, x_domain=(-0.6, 1.6), y_domain=room
    ).to_dict()
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["values"] == [0, 1]
    assert axis["format"] == "d"


def test_interval_chart_writes_its_probability_top_right_clear_of_the_marks():
    model, sample, marks, row, w = interval_frames("poisson", {"lam": 1.5}, 0, 2)
    top, _ = both(model, sample, marks, row, w, discrete=True)
    (label,) = [layer for layer in top["layer"] if layer["mark"]["type"] == "text"]
    assert label["encoding"]["x"] == {"value": "width"}
    assert (label["mark"]["align"], label["mark"]["dx"]) == ("right", -8)
    mean = [layer for layer in top["layer"] if "strokeDash" in layer.get("encoding", {})]
    assert mean == [top["layer"][0]]


def test_gap_chart_marks_a_share_exactly_on_p_at_the_bottom_edge():
    gaps = pd.DataFrame(
        {"n": [1, 2, 3, 4], "gap": [0.5, np.nan, 1 / 6, np.nan], "run": ["run 1"] * 4}
    )
    typical = pd.DataFrame({"n": [1.0, 4.0], "typical": [0.5, 0.25]})
    spec = charts.gap_chart(gaps, typical, y_low=1e-3).to_dict()
    exact = spec["layer"][-1]
    assert exact["transform"] == [{"filter": "!isValid(datum.gap)"}]
    assert exact["mark"]["shape"] == "triangle-down"
    assert exact["encoding"]["y"] == {"value": "height"}
    (rows,) = [r for r in datasets(spec) if len(r) == 4]
    assert [r["n"] for r in rows if r["gap"] is None] == [2, 4]


def test_streak_counts_sit_above_the_frame_clear_of_the_whiskers():
    found = coin_frames(10, 1)
    spec = charts.streak_chart(found["streaks"], found["target"]).to_dict()
    bars, errors, _, counts = spec["layer"]
    assert counts["encoding"]["y"] == {"value": 0}
    assert (counts["mark"]["baseline"], counts["mark"]["dy"]) == ("bottom", -4)
    assert bars["encoding"]["y"]["scale"]["domain"] == [0, 1]  # whiskers clip at the top
    assert errors["mark"]["clip"] is True


def test_belief_labels_keep_clear_of_their_neighbours():
    odds = pr.log10_odds(pr.belief_path(0.01, 0.9, 0.05, [r == "p" for r in "ppnppppp"]))
    sides = charts.label_sides(odds)
    shift = {"above": charts.LABEL_GAP, "below": -charts.LABEL_GAP}
    centres = [y + shift[s] for y, s in zip(odds, sides, strict=True)]
    assert all(abs(b - a) >= charts.LABEL_HEIGHT for a, b in itertools.pairwise(centres))
    assert charts.label_sides([4.5] * 4) == ["above", "below", "above", "below"]


def test_the_likelihood_chart_takes_the_frame_it_is_given():
    curve = pd.DataFrame({"theta": [-1.0, 0.0, 1.0], "drop": [-30.0, 0.0, -30.0]})
    marks = pd.DataFrame({"x": [0.0], "mark": ["estimate"]})
    level = pd.DataFrame({"drop": [-pr.LIKELIHOOD_DROP_95]})
    dot = pd.DataFrame(
        {"theta": [0.5], "drop": [-44.7], "label": ["−44.7"], "place": ["on the chart"]}
    )
    spec = charts.likelihood_chart(
        curve, marks, level, dot, parameter="μ", view=(-1.2, 0.6), floor=-51.4
    ).to_dict()
    scales = [
        layer["encoding"]["y"]["scale"]
        for layer in spec["layer"]
        if "scale" in layer.get("encoding", {}).get("y", {})
    ]
    assert scales
    assert all(s == {"domain": [-51.4, 0.5], "nice": False} for s in scales)
    xs = [
        layer["encoding"]["x"]["scale"]
        for layer in spec["layer"]
        if "scale" in layer.get("encoding", {}).get("x", {})
    ]
    assert {"domain": [-1.2, 0.6], "zero": False, "nice": False} in xs


@pytest.mark.parametrize(
    ("family", "params"), [("normal", {"mu": 0.0, "sigma": 1.0}), ("poisson", {"lam": 3.0})]
)
def test_the_interval_reads_green_over_the_blue_sample_bars(family, params):
    model, sample, marks, row, w = interval_frames(family, params, 1, 3)
    top, _ = both(model, sample, marks, row, w, discrete=family in pr.DISCRETE)
    types = [layer["mark"]["type"] for layer in top["layer"]]
    rects = [layer["mark"] for layer in top["layer"] if layer["mark"]["type"] == "rect"]
    assert rects[0]["color"] == charts.SAMPLE_COLOR == COLORS["blue"]
    if family in pr.DISCRETE:  # the stems inside the interval turn green; the bars stay
        assert rects[0]["opacity"] >= 0.5
        assert "area" not in types
    else:  # a light histogram under a strong green area, drawn after it: green, not teal
        (area,) = [layer["mark"] for layer in top["layer"] if layer["mark"]["type"] == "area"]
        assert rects[0]["opacity"] <= 0.3
        assert area["opacity"] >= 0.5
        assert area["color"] == charts.INTERVAL_COLOR
        assert types.index("area") > types.index("rect")


def test_the_face_by_face_bars_leave_room_above_the_tallest_and_below_the_deepest():
    table = game_frames()["table"].assign(
        contribution=[50, 50, -100 / 6, -100 / 6, -100 / 6, -100 / 6, -100 / 3]
    )
    spec = charts.contribution_chart(
        table, y_domain=charts.with_room(table["contribution"])
    ).to_dict()
    bars = spec["layer"][0]
    low, high = bars["encoding"]["y"]["scale"]["domain"]
    assert high >= 50 * 1.1  # the 50s end under the top, with a tick above them
    assert low <= -100 / 3 - 0.1 * (50 + 100 / 3)
    labels = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [(layer["mark"]["baseline"], layer["transform"][-1]["filter"]) for layer in labels] == [
        ("bottom", "datum.contribution >= 0"),
        ("top", "datum.contribution < 0"),
    ]


def test_the_data_under_the_candidate_never_reach_the_top_of_their_frame():
    model = pd.DataFrame({"x": [0, 1], "at": [0.5, 0.5], "fit": [0.517, 0.483]})
    data = pd.DataFrame({"x": [0, 1], "share": [0.517, 0.483]})
    sticks = pd.DataFrame({"x": [], "p": []})
    room = charts.candidate_heights(model, data, sticks, discrete=True)
    spec = charts.candidate_chart(
        model, data, sticks, discrete=True, x_domain=(-0.6, 1.6), y_domain=room
    )
    domains = {
        tuple(layer["encoding"]["y"]["scale"]["domain"])
        for layer in spec.to_dict()["layer"]
        if "scale" in layer["encoding"].get("y", {})
    }
    (domain,) = domains
    assert domain[0] == 0
    assert domain[1] == pytest.approx(0.517 * 1.12)  # the 0.517 bar under a tick-free margin


def test_the_gap_chart_follows_the_running_shares_slider_by_binding_to_its_input():
    done = coin_flips.coin_runs(10_000, 0.5, 1, 3)
    gaps, typical = coin_flips.gap_tables(done, 0.5, 10_000)
    spec = charts.gap_chart(
        gaps, typical, y_low=1e-5, follow="coin_upto",
        top=float(gaps["n"].max()), last=int(gaps["k"].max()),
    ).to_dict()  # fmt: skip
    (param,) = spec["params"]
    assert param["name"] == "coin_upto"
    assert param["bind"] == {"element": "input[type='range'][name='coin_upto']"}
    assert param["value"] == int(gaps["k"].max())
    runs, line, _, exact = spec["layer"]
    assert runs["transform"][0] == {"filter": "datum.k <= coin_upto"}
    assert exact["transform"][0] == {"filter": "datum.k <= coin_upto"}
    assert "transform" not in line  # the σ/√n line stays whole: where the runs are heading
    assert runs["encoding"]["x"]["scale"]["domain"] == [1, 10_000]
