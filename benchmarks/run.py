"""Server-side cost of each page, measured against a floor app.

Run from the repository root::

    python -m benchmarks.run [--repeat N] [--only SUBSTRING] [--markdown-out FILE]

Every row is driven headless through ``streamlit.testing.v1.AppTest``, so the
numbers are the time the server spends running the script (no browser, no
network). Columns:

- ``default run (ms)``: median time of ``at.run()`` on a fresh ``AppTest``
  (query params already set), one new ``AppTest`` per repetition, after two
  uncounted warm-ups. This is what a first visit or a shared link costs.
  Files under ``pages/`` are opened the way the app serves them: ``AppTest``
  of ``streamlit_app.py`` switched to the page before its first run (only the
  page runs), so ``st.page_link`` paths resolve against the entrypoint.
- ``interaction (ms)``: median time of the rerun after a widget moves. One
  ``AppTest`` is reused and the widget alternates between the row's value and
  its default, so every counted rerun is a real change (two warm-ups first; the
  last rerun leaves the moved value, so the chart column sees that state).
- ``ratio run`` / ``ratio move``: the two medians divided by the floor's, where
  the floor is measured again right before each page (the floor row shows the
  median over those measurements), so a slow spell weighs on both sides.
  The floor (``benchmarks/floor_app.py``: one slider, one 400-point line chart)
  is the unit, which makes the ratios comparable across machines.
  A fresh ``AppTest`` has a fixed start-up cost (about 100 ms even for an empty
  script), which compresses ``ratio run``; ``ratio move`` is the sharper signal.
- ``charts`` / ``chart data (kB)``: number of Vega-Lite charts and the largest
  single chart's payload (spec JSON + Arrow datasets, 1 kB = 1000 bytes), the
  larger of the default state and the moved state.
- ``budget``: ``ok`` when both ratios are ≤ 3 and every chart is ≤ 100 kB;
  otherwise the broken budgets. Script exceptions and errors are shown here too.
- Rows marked ``÷ numpy`` divide the move by a bare numpy loop instead (ten
  million ``rng.random(n) < p`` then ``cumsum``, a fresh seed each time, timed
  right before the row), with a budget of 1.5: flipping that many coins costs
  at least this much on any page.
- Rows named in ``COLD`` empty the page's stored results before every counted
  move, so each move computes afresh, as a new setting would.

Budgets are reported, never asserted: the script always exits 0. The floor row
is always measured (the ratios need it), whatever ``--only`` says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
import traceback
from pathlib import Path

import numpy as np
import streamlit as st
from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest

from mathviz.ui import cache

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "streamlit_app.py"
FLOOR = "floor app"

# label: (page path from the repository root, query params, widget kind, widget key, moved value)
PAGES: dict[str, tuple[str, dict[str, str], str, str, object]] = {
    FLOOR: ("benchmarks/floor_app.py", {}, "slider", "a", 2.0),
    "Derivative": ("pages/calculus.py", {"topic": "Derivative"}, "slider", "der_x", 2.0),
    "Critical points": ("pages/calculus.py", {"topic": "Critical points"}, "slider", "crit_b", 3.0),
    "Chain rule": ("pages/calculus.py", {"topic": "Chain rule"}, "slider", "chain_x", 0.5),
    "Integral": ("pages/calculus.py", {"topic": "Integral"}, "slider", "int_n", 50),
    "Vectors": ("pages/linear_algebra.py", {"topic": "Vectors"}, "slider", "vec_a", 2.0),
    "Norms": ("pages/linear_algebra.py", {"topic": "Norms"}, "select_slider", "norm_p", 1.0),
    "Basis": ("pages/linear_algebra.py", {"topic": "Basis"}, "number_input", "basis_v1", 3.0),
    "Transformations": (
        "pages/linear_algebra.py",
        {"topic": "Transformations"},
        "number_input",
        "tr_a11",
        2.0,
    ),
    "Matrix product": (
        "pages/linear_algebra.py",
        {"topic": "Matrix product"},
        "number_input",
        "prod_a12",
        0.5,
    ),
    "Eigen": ("pages/linear_algebra.py", {"topic": "Eigen"}, "slider", "eig_steps", 20),
    "SVD & PCA": ("pages/linear_algebra.py", {"topic": "SVD & PCA"}, "slider", "pca_rho", 0.5),
    "Layer": ("pages/linear_algebra.py", {"topic": "Layer"}, "number_input", "layer_a11", 1.0),
    "Gradient": ("pages/multivariable_calculus.py", {"topic": "Gradient"}, "slider", "grad_x", 2.0),
    "Gradient descent": (
        "pages/multivariable_calculus.py",
        {"topic": "Gradient descent"},
        "slider",
        "dsc_x",
        1.0,
    ),
    "Descent: Steps slider 60 → 1000 (Full run)": (
        "pages/multivariable_calculus.py",
        {
            "topic": "Gradient descent",
            "dsc_f": "rosenbrock",
            "dsc_x": "-1.5",
            "dsc_y": "2",
            "dsc_lr": "0.001",
            "dsc_k": "60",
        },
        "slider",
        "dsc_k",
        1000,
    ),
    "Jacobian": (
        "pages/multivariable_calculus.py",
        {"topic": "Jacobian"},
        "number_input",
        "jac_a11",
        2.0,
    ),
    "Hessian": (
        "pages/multivariable_calculus.py",
        {"topic": "Hessian"},
        "number_input",
        "hes_pt",
        5,
    ),
}
PAGES |= {
    "Coin flips": ("pages/probability.py", {"topic": "Coin flips"}, "slider", "coin_p", 0.6),
    "Coin flips: 10M flips, new seed": (
        "pages/probability.py",
        {"topic": "Coin flips", "coin_n": "10M", "coin_runs": "1"},
        "number_input",
        "coin_seed",
        2.0,
    ),
    "Coin flips: 10 runs × 10M": (
        "pages/probability.py",
        {"topic": "Coin flips", "coin_n": "10M", "coin_runs": "10"},
        "slider",
        "coin_k",
        5,
    ),
    "Expected value": (
        "pages/probability.py",
        {"topic": "Expected value"},
        "number_input",
        "ev_x1",
        400.0,
    ),
    "Distributions": (
        "pages/probability.py",
        {"topic": "Distributions"},
        "slider",
        "dist_mu",
        1.0,
    ),
    "Bayes": ("pages/probability.py", {"topic": "Bayes"}, "slider", "bay_sens", 0.8),
    "Maximum likelihood": (
        "pages/probability.py",
        {"topic": "Maximum likelihood"},
        "select_slider",
        "mle_n",
        1000,
    ),
    "Guessing game": (
        "pages/information_theory.py",
        {"topic": "Guessing game"},
        "number_input",
        "game_n",
        512.0,
    ),
    "Guessing game: 10,000 games at N = 1024, new seed": (
        "pages/information_theory.py",
        {"topic": "Guessing game"},
        "number_input",
        "game_seed",
        2.0,
    ),
    "Guessing game: new distribution at N = 1024, nothing stored": (
        "pages/information_theory.py",
        {"topic": "Guessing game", "game_dist": "Poisson"},
        "select_slider",
        "game_lam",
        7.0,
    ),
    "Entropy": ("pages/information_theory.py", {"topic": "Entropy"}, "slider", "ent_coin", 0.9),
    "Cross-entropy & KL": (
        "pages/information_theory.py",
        {"topic": "Cross-entropy & KL"},
        "number_input",
        "ce_q1",
        3.0,
    ),
    "Least squares & SGD": (
        "pages/neural_networks.py",
        {"topic": "Least squares & SGD"},
        "select_slider",
        "lsq_lr",
        0.2,
    ),
    "Backpropagation": (
        "pages/neural_networks.py",
        {"topic": "Backpropagation"},
        "slider",
        "bp_x1",
        1.5,
    ),
    "Training": (
        "pages/neural_networks.py",
        {"topic": "Training"},
        "select_slider",
        "tr_l2",
        0.0001,
    ),
    "Training: default run 2-4-4-1, 200 points, 300 epochs, nothing stored": (
        "pages/neural_networks.py",
        {"topic": "Training"},
        "number_input",
        "tr_seed",
        2.0,
    ),
}
# A descent setting is run once to the full 1000 steps and stored, so the row above mostly
# cuts a stored run. This row empties that store before every counted move: each move
# computes 1000 steps of all three methods afresh, as a new start or learning rate does.
PAGES["Descent: Full run, nothing stored"] = PAGES["Descent: Steps slider 60 → 1000 (Full run)"]
# Rows whose stored results are emptied before every counted move, so each move computes.
COLD = {
    "Descent: Full run, nothing stored": ("descent full runs",),
    "Training: default run 2-4-4-1, 200 points, 300 epochs, nothing stored": (
        "training data",
        "training runs",
        "training pictures",
    ),
    "Coin flips: 10M flips, new seed": ("coin runs",),
    # A new seed draws 10,000 new secrets; each strategy's count per number depends only
    # on the distribution, so it stays stored.
    "Guessing game: 10,000 games at N = 1024, new seed": ("game simulations",),
    "Guessing game: new distribution at N = 1024, nothing stored": (
        "game simulations",
        "game strategies",
    ),
}
# Rows held to a tighter budget against a bare numpy loop instead of the floor app: flipping
# ten million coins and summing them (``numpy_coin_floor``) is the least any page can do.
NUMPY_FLOOR = "numpy: 10M flips + cumsum"
NUMPY_RATIO = {"Coin flips: 10M flips, new seed": 1.5}

MAX_RATIO = 3.0
MAX_CHART_KB = 100.0
WARMUP = 2
COLUMNS = ["page", "default run (ms)", "interaction (ms)", "ratio run", "ratio move"]
COLUMNS += ["charts", "chart data (kB)", "budget"]


def fresh_app(path: str, query_params: dict[str, str]) -> AppTest:
    if path.startswith("pages/"):  # as deployed: a page runs under the app's entrypoint
        at = AppTest.from_file(str(ROOT / ENTRY), default_timeout=60).switch_page(path)
    else:
        at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    at.query_params.update(query_params)
    return at


def timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return (time.perf_counter() - start) * 1000


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def chart_sizes(at: AppTest) -> list[float]:
    """Payload in kB of every Vega-Lite chart in the current element tree."""
    sizes = []
    for node in walk(at._tree):
        if getattr(node, "type", None) != "vega_lite_chart":
            continue
        proto = node.proto
        size = len(proto.spec.encode()) + len(proto.data.data)
        size += sum(len(dataset.data.data) for dataset in proto.datasets)
        sizes.append(size / 1000)
    return sizes


def exceptions(at: AppTest) -> list[str]:
    return [f"exception: {e.proto.type}: {e.proto.message}" for e in at.exception]


def forget_stored_runs(label: str) -> None:
    """Empty the stores a COLD row names, through the app's public ``cache.clear``."""
    cache.clear(*COLD[label])


def numpy_coin_floor(repeat: int, n: int = 10_000_000, p: float = 0.5) -> dict:
    """Median time of ``rng.random(n) < p`` then ``cumsum``, a fresh seed each time."""
    times = []
    for seed in range(WARMUP + repeat):
        start = time.perf_counter()
        heads = np.random.default_rng(seed).random(n) < p
        np.cumsum(heads)
        if seed >= WARMUP:
            times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    return {"run": median, "move": median, "charts": 0, "kb": 0.0, "problems": []}


def measure(label: str, repeat: int) -> dict:
    path, query_params, kind, key, value = PAGES[label]
    runs = []
    for i in range(WARMUP + repeat):
        at = fresh_app(path, query_params)
        elapsed = timed_run(at)
        if i >= WARMUP:
            runs.append(elapsed)
    problems = exceptions(at)
    sizes = chart_sizes(at)
    result = {"run": statistics.median(runs), "move": None, "charts": len(sizes)}
    result |= {"kb": max(sizes, default=0.0), "problems": problems}
    try:
        default = getattr(at, kind)(key=key).value
    except KeyError:
        problems.append(f"no {kind} with key {key!r}")
        return result
    if default == value:
        problems.append(f"{key} already is {value!r}: no move")
    moves = []
    # Odd count of reruns (WARMUP is even) so the last one leaves the moved value on screen.
    for i in range(WARMUP + repeat + 1 - repeat % 2):
        getattr(at, kind)(key=key).set_value(default if i % 2 else value)
        if label in COLD:
            forget_stored_runs(label)
        elapsed = timed_run(at)
        if i >= WARMUP:
            moves.append(elapsed)
    problems += [problem for problem in exceptions(at) if problem not in problems]
    moved_sizes = chart_sizes(at)
    result |= {"move": statistics.median(moves), "charts": len(moved_sizes)}
    result["kb"] = max(sizes + moved_sizes, default=0.0)
    return result


def safe_measure(label: str, repeat: int) -> dict:
    try:
        return measure(label, repeat)
    except Exception as error:  # one broken page must not hide the others
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        return {"error": f"error: {type(error).__name__}: {error} ({where})"}


def pooled(floors: list[dict]) -> dict:
    """The floor row: medians over every floor measurement of the run."""
    result = dict(floors[0])
    for name in ("run", "move"):
        result[name] = statistics.median(f[name] for f in floors)
    return result


def row(label: str, result: dict, floor: dict | None, numpy_floor: dict | None = None) -> list[str]:
    """One table row; with ``numpy_floor`` the move is divided by it, against its own budget."""
    if "error" in result:
        return [label, "", "", "", "", "", "", result["error"]]
    broken = list(result["problems"])
    times, ratios = [], []
    for name in ("run", "move"):
        value = result[name]
        times.append("" if value is None else f"{value:.1f}")
        unit, limit = floor, MAX_RATIO
        if name == "move" and numpy_floor is not None:
            unit, limit = numpy_floor, NUMPY_RATIO[label]
        if value is None or unit is None or unit[name] is None:
            ratios.append("")
            continue
        ratio = value / unit[name]
        ratios.append(f"{ratio:.2f}" + (" ÷ numpy" if unit is numpy_floor else ""))
        if ratio > limit:
            broken.append(f"{name} {ratio:.2f}× > {limit:g}×")
    if result["kb"] > MAX_CHART_KB:
        broken.append(f"chart {result['kb']:.0f} kB > {MAX_CHART_KB:g} kB")
    charts = [str(result["charts"]), f"{result['kb']:.1f}"]
    return [label, *times, *ratios, *charts, "; ".join(broken) or "ok"]


def cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= 160 else text[:157] + "..."


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="counted repetitions (default 20)")
    parser.add_argument("--only", default="", help="only rows whose label contains this")
    parser.add_argument("--markdown-out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    repeat = max(args.repeat, 1)
    # Script exceptions are reported in the table; keep the logs quiet.
    st.config.get_option("logger.level")  # parse the config first, or it resets the level
    set_log_level("CRITICAL")

    header = (
        f"{dt.datetime.now().isoformat(timespec='seconds')} · Python {platform.python_version()}"
        f" · streamlit {st.__version__} · {os.cpu_count()} CPUs · repeat {repeat}"
    )
    print(header, flush=True)
    labels = [FLOOR] + [
        label for label in PAGES if label != FLOOR and args.only.lower() in label.lower()
    ]
    results: dict[str, dict] = {}
    floors: dict[str, dict | None] = {}
    numpy_floors: dict[str, dict] = {}
    for label in labels[1:] or labels:
        # The floor is measured right before each page, so a slow spell on a shared machine
        # weighs on both sides of that page's ratio.
        floors[label] = safe_measure(FLOOR, repeat)
        if label in NUMPY_RATIO:
            numpy_floors[label] = numpy_coin_floor(repeat)
        results[label] = safe_measure(label, repeat)
    measured = [f for f in floors.values() if "error" not in f]
    results[FLOOR] = pooled(measured) if measured else next(iter(floors.values()))
    rows = [row(FLOOR, results[FLOOR], None if "error" in results[FLOOR] else results[FLOOR])]
    if numpy_floors:
        pooled_numpy = pooled(list(numpy_floors.values()))
        rows.append([NUMPY_FLOOR, "", f"{pooled_numpy['move']:.1f}", "", "1.00 ÷ numpy", "0"])
        rows[-1] += ["0.0", "the unit of the rows marked ÷ numpy"]
    rows += [
        row(
            label,
            results[label],
            None if "error" in floors[label] else floors[label],
            numpy_floors.get(label),
        )
        for label in labels[1:]
    ]
    table = markdown(rows)
    print(table)
    if args.markdown_out:
        args.markdown_out.write_text(f"{header}\n\n{table}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
