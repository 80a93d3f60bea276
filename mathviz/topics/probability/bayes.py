"""A medical test: the crowd in natural frequencies, the posterior, repeated tests."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.topics.probability.common import share_text
from mathviz.ui import frame
from mathviz.ui.controls import LogSlider, Slider
from mathviz.ui.frame import beside
from mathviz.ui.topic import Topic

RESULTS = {"p": "+", "n": "−"}
MAX_TESTS = 8
LARGEST_CROWD = 1_000_000  # a city: past it the rarest group is said to round to nobody
MOST_SQUARES = 1500  # people drawn one square each; a bigger crowd is zoomed or scaled
SEQUENCE = "bay_seq"  # session key of the results so far, letters p and n
LINK = "bay_tests"  # their URL key, left out while they are the default: one positive test


def one_in(prior: float) -> str:
    """The prior in words beside its slider: 0.01 is 1 %, one person in 100."""
    if prior <= 0:
        return "0 %: nobody has the condition"
    if prior >= 1:
        return "100 %: everybody has it"
    return f"{belief_text(prior)}: one person in {round(1 / prior):,}"


PRIOR = LogSlider(
    "bay_prior",
    "Prior P(condition)",
    0.0001,
    0.5,
    0.01,
    accept=(0.0, 1.0),
    shown=one_in,
    help="How common the condition is before any test, on a log scale from one person in "
    "10,000 to one in 2.",
)
SENSITIVITY = Slider(
    "bay_sens",
    "Sensitivity P(+ | condition)",
    0.0,
    1.0,
    0.9,
    step=0.01,
    help="The share of people with the condition whom the test catches.",
)
FALSE_POSITIVES = Slider(
    "bay_fpr",
    "False-positive rate P(+ | healthy)",
    0.0,
    1.0,
    0.05,
    step=0.01,
    help="The share of healthy people whom the test wrongly flags.",
)


def belief_text(belief: float) -> str:
    """A belief as a percentage that never rounds a doubt away: "> 99.99 %", not "100 %"."""
    return share_text(belief)


def tests_from_link() -> str:
    """The sequence of test results, "p" and "n", kept in the URL as ``bay_tests``."""
    if SEQUENCE not in st.session_state:
        raw = st.query_params.get(LINK, "") or "p"
        if len(raw) > MAX_TESTS or set(raw) - set(RESULTS):
            st.warning(
                f"The link set the test results to `{raw[:20]}`; they must be up to {MAX_TESTS} "
                "letters p (positive) or n (negative), so they start at one positive test.",
                icon=":material/link_off:",
            )
            raw = "p"
        st.session_state[SEQUENCE] = raw
    return st.session_state[SEQUENCE]


def add_test(result: str) -> None:
    """Append a result ("p" or "n"); the buttons are off once there are ``MAX_TESTS``."""
    seq = st.session_state.get(SEQUENCE, "p")
    if len(seq) < MAX_TESTS:
        st.session_state[SEQUENCE] = seq + result


def restart_tests() -> None:
    """Back to a single positive test."""
    st.session_state[SEQUENCE] = "p"


def _result_buttons(seq: str) -> None:
    full = len(seq) >= MAX_TESTS
    with st.container(horizontal=True, gap="small"):
        for result, label, icon in (("p", "Positive", "add"), ("n", "Negative", "remove")):
            st.button(
                label,
                key=f"bay_add_{result}",
                on_click=add_test,
                args=(result,),
                icon=f":material/{icon}:",
                disabled=full,
            )
        st.button("Start over", key="bay_reset", on_click=restart_tests)
    if full:
        st.caption(f"{MAX_TESTS} results at most: press **Start over** for a new sequence.")


def _grid(count: int) -> tuple[int, int]:
    """Columns and rows for ``count`` squares: a wide block, never a thin line."""
    columns = (
        50 if count > 1000 else 40 if count > 400 else max(10, math.ceil(math.sqrt(1.6 * count)))
    )
    return columns, max(1, math.ceil(count / columns))


def earlier(k: int) -> str:
    """The tests before test ``k``, in words: "test 1", "the first 3 tests"."""
    return "test 1" if k == 2 else f"the first {k - 1} tests"


EVERYONE = (0, 1, 2, 3)  # every group of ``charts.GROUPS``


def _kept(groups: tuple[int, ...], seq: str) -> tuple[int, ...]:
    """The groups the squares show: everyone when they fit, else those with the last result."""
    if sum(groups) <= MOST_SQUARES:
        return EVERYONE
    return (0, 2) if seq[-1] == "p" else (1, 3)


def crowd_strip(crowd: pr.CrowdPath, seq: str, sens: float, fpr: float) -> pd.DataFrame:
    """Everyone who took the last test as one bar, the part the squares show bracketed."""
    groups = crowd.split(len(seq), sens, fpr)
    return charts.crowd_strip(groups, _kept(groups, seq))


def crowd_view(
    crowd: pr.CrowdPath, seq: str, sens: float, fpr: float
) -> tuple[pd.DataFrame, int, int, str]:
    """The people of the last test as squares; their title, and how many people a square is."""
    k = len(seq)
    groups = crowd.split(k, sens, fpr)
    taking = sum(groups)
    result = RESULTS[seq[-1]]
    before = "everyone" if k == 1 else f"the {taking:,} left after {earlier(k)}"
    kept = _kept(groups, seq)
    if kept == EVERYONE:
        shown, title = groups, f"Test {k}, taken by {before}: one square per person"
    else:  # zoom on the people who got the last result
        shown = tuple(c if i in kept else 0 for i, c in enumerate(groups))
        title = (
            f"Zoom on the {sum(shown):,} of {taking:,} who test {result} in test {k}: "
            "one square per person"
        )
    squares, per = charts.unit_counts(shown, most=MOST_SQUARES)
    if per > 1:
        title = title.replace("one square per person", f"one square per {per:,} people")
    columns, rows = _grid(sum(squares))
    return charts.crowd_table(squares, columns=columns), columns, rows, title


def body() -> frame.Plotted:
    """Controls and results; the posterior, the crowd re-filtered by each test, the belief."""
    controls, view = beside()
    with controls:
        prior, sens, fpr = PRIOR(), SENSITIVITY(), FALSE_POSITIVES()
        seq = tests_from_link()
        st.markdown("**Test results, in order:** " + " ".join(RESULTS[r] for r in seq))
        _result_buttons(seq)
    if seq == "p":  # the default stays out of the link
        st.query_params.pop(LINK, None)
    else:
        st.query_params[LINK] = seq
    results = [r == "p" for r in seq]
    posterior = pr.bayes_posterior(prior, sens, fpr)
    beliefs = pr.belief_path(prior, sens, fpr, results)
    crowd = pr.crowd_path(prior, sens, fpr, results, largest=LARGEST_CROWD)
    path = pd.DataFrame(
        {
            "test": np.arange(len(beliefs)),
            "belief": beliefs,
            "result": ["before"] + [RESULTS[r] for r in seq],
            "odds": pr.log10_odds(beliefs),
            "side": charts.label_sides(pr.log10_odds(beliefs)),
            "label": [belief_text(b) for b in beliefs],
            "step": ["prior"] + [f"{i}: {RESULTS[r]}" for i, r in enumerate(seq, 1)],
            "crowd": [
                f"{h:,} of {h + w:,}" for h, w in zip(crowd.has_it, crowd.healthy, strict=True)
            ],
        }
    )
    people, columns, rows, title = crowd_view(crowd, seq, sens, fpr)
    with view:
        # Each row is one moment: the belief and the crowd after the same test, so no
        # number on the page is out of date beside its neighbour.
        for k in (1, len(seq)) if len(seq) > 1 else (1,):
            frame.numbers(
                _numbers_after(
                    k, seq=seq, beliefs=beliefs, crowd=crowd, prior=prior, sens=sens, fpr=fpr
                )
            )
        _crowd_limits(crowd, beliefs)
        if math.isnan(posterior):
            st.info(
                "With these numbers nobody tests positive (P(+) = 0), so there is no one to "
                "ask about: a positive result cannot happen. Raise the sensitivity or the "
                "false-positive rate.",
                icon=":material/info:",
            )
        elif prior in (0.0, 1.0):
            st.info(
                f"A prior of exactly {prior:g} cannot be moved by any evidence: Bayes multiplies "
                "by the prior, so certainty stays certainty. Keep a little doubt (a prior "
                "strictly between 0 and 1) and the test can change your mind.",
                icon=":material/info:",
            )
        st.markdown(_crowd_words(crowd, seq, sens, fpr))
        st.caption(title)
        frame.chart(charts.crowd_strip_chart, crowd_strip(crowd, seq, sens, fpr))
        frame.chart(charts.people_chart, people, columns=columns, rows=rows)
        st.markdown("**Belief after each test** (each posterior is the next prior)")
        frame.chart(charts.belief_chart, path)
        if math.isnan(beliefs[-1]) and not math.isnan(beliefs[0]):
            st.caption("The line stops at a result that could not happen with these numbers.")
    return {"belief": path, "crowd": people.astype({"group": str})}


def crowd_count(crowd: pr.CrowdPath, k: int, exact: tuple[float, float]) -> str:
    """The crowd after test ``k`` as "with it of left", marked when a group rounded to nobody.

    Those with the condition rounded away read "< 1 of 656"; the healthy rounded away,
    "≈ 478 of 478" (the page says why beside it).

    ``exact`` is the expected share of the crowd with and without the condition then.
    """
    has_it, healthy = crowd.has_it[k], crowd.healthy[k]
    left = has_it + healthy
    if not left:
        return "—"
    if has_it == 0 and exact[0] > 0:
        return f"< 1 of {left:,}"
    if healthy == 0 and exact[1] > 0:
        return f"≈ {has_it:,} of {left:,}"
    return f"{has_it:,} of {left:,}"


def _numbers_after(
    k: int,
    *,
    seq: str,
    beliefs: np.ndarray,
    crowd: pr.CrowdPath,
    prior: float,
    sens: float,
    fpr: float,
) -> list[tuple[str, str]]:
    """The belief and the crowd after test ``k``: one moment, each label naming it."""
    sick, well = prior, 1 - prior
    for r in seq[:k]:
        sick *= sens if r == "p" else 1 - sens
        well *= fpr if r == "p" else 1 - fpr
    crowd_pair = (f"from the crowd after test {k}", crowd_count(crowd, k, (sick, well)))
    result = RESULTS[seq[k - 1]]
    after = (f"after {k} result{'s' if k > 1 else ''}", belief_text(beliefs[k]))
    if len(seq) == 1:
        return [(f"P(condition | {result})", belief_text(beliefs[1])), crowd_pair, after]
    if k == 1:
        return [(f"belief after test 1 ({result})", belief_text(beliefs[1])), crowd_pair]
    return [after, crowd_pair]


def _crowd_words(crowd: pr.CrowdPath, seq: str, sens: float, fpr: float) -> str:
    """The same crowd followed through every test, one line per result."""
    k = len(seq)
    if k == 1:
        caught, missed, flagged, cleared = crowd.split(1, sens, fpr)
        if seq == "p":
            outcome = f"Of the {caught + flagged:,} who test positive, {caught:,} have it."
        else:
            outcome = f"Of the {missed + cleared:,} who test negative, {missed:,} still have it."
        return (
            f"**{crowd.population:,} people.** {crowd.has_it[0]:,} have the condition. The "
            f"test flags {caught:,} of them and {flagged:,} healthy "
            f"{'person' if flagged == 1 else 'people'} too. " + outcome
        )
    why = (
        "big enough that, counted in whole people, it reads as the exact belief after every test"
        if crowd.agrees
        else "the largest crowd drawn here, though whole people cannot show every share "
        "exactly by the end"
    )
    lines = [
        f"**{crowd.population:,} people**, {crowd.has_it[0]:,} of them with the condition: the "
        f"same crowd through every test, {why}."
    ]
    for i, result in enumerate(seq, 1):
        caught, missed, flagged, cleared = crowd.split(i, sens, fpr)
        sick, well = crowd.has_it[i - 1], crowd.healthy[i - 1]
        who = "Everyone takes it" if i == 1 else f"The {sick + well:,} left take it"
        if result == "p":
            kept = (
                f"it flags {caught:,} of the {sick:,} with it and {flagged:,} of the "
                f"{well:,} healthy"
            )
        else:
            kept = (
                f"it clears {cleared:,} of the {well:,} healthy and misses {missed:,} of the "
                f"{sick:,} with it"
            )
        left, has_it = crowd.has_it[i] + crowd.healthy[i], crowd.has_it[i]
        lines.append(
            f"- **Test {i} ({RESULTS[result]}).** {who}; {kept}: **{left:,} left**, "
            f"{has_it:,} with the condition."
        )
    return "\n".join(lines)


def _crowd_limits(crowd: pr.CrowdPath, beliefs: np.ndarray) -> None:
    """Say so when even the largest crowd, in whole people, cannot read as the belief."""
    if crowd.agrees:
        return
    shares = crowd.shares()
    for k in range(len(beliefs) - 1, -1, -1):
        if math.isnan(beliefs[k]) or pr.shown_share(shares[k]) != pr.shown_share(beliefs[k]):
            break
    if math.isnan(beliefs[k]):
        return
    st.caption(
        f"Even a crowd of {crowd.population:,} counts whole people, so after "
        f"{'the prior' if k == 0 else f'test {k}'} its share with the condition rounds to "
        f"{belief_text(shares[k])}; the exact belief is {belief_text(beliefs[k])}."
    )


TOPIC = Topic(
    name="bayes",
    prefix="bay",
    intro=(
        "A test for a rare condition comes back positive. How worried should you be? Bayes' "
        "theorem turns P(positive | condition), which the test's makers measure, into "
        "P(condition | positive), which you want. Picture a crowd: when the condition is "
        "rare, the few true positives are outnumbered by false alarms from the many healthy "
        "people. A second test is taken by those the first one flagged: the first posterior "
        "is its prior."
    ),
    formulas=(
        r"P(C \mid +) = \frac{P(+ \mid C)\,P(C)}{P(+ \mid C)\,P(C) + "
        r"P(+ \mid \neg C)\,P(\neg C)}",
    ),
    presets={
        "Rare condition": {PRIOR: 0.01, SENSITIVITY: 0.9, FALSE_POSITIVES: 0.05, SEQUENCE: "p"},
        "Test twice": {PRIOR: 0.01, SENSITIVITY: 0.9, FALSE_POSITIVES: 0.05, SEQUENCE: "pp"},
        "Common condition": {PRIOR: 0.3, SENSITIVITY: 0.9, FALSE_POSITIVES: 0.05, SEQUENCE: "p"},
        "Perfect test": {PRIOR: 0.01, SENSITIVITY: 1.0, FALSE_POSITIVES: 0.0, SEQUENCE: "p"},
    },
    try_this=(
        "Press **Rare condition**: the test is 90 % sensitive, yet a positive result means "
        "only a 15.4 % chance of having the condition — in a crowd of 10,000, 90 true "
        "positives against 495 false alarms.",
        "Press **Test twice**: after a second positive the belief jumps to 76.6 %. Press "
        "**Negative** and it falls back to 25.6 %.",
        "Press **Common condition** (prior 30 %): the same test now gives 88.5 %. The prior "
        "matters as much as the test.",
        "Drag the **Prior** down to 0.001 (one in 1,000): a positive test now means only "
        "1.77 % — 9 of 509 in a crowd of 10,000. At 0.0001 it is 0.18 %, and the crowd "
        "grows to 100,000 so that whole people still read 0.18 %.",
    ),
    body=body,
)
