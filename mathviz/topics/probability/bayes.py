"""A medical test: the crowd in natural frequencies, the posterior, repeated tests."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.ui import frame
from mathviz.ui.controls import Number, Slider
from mathviz.ui.format import pct
from mathviz.ui.topic import Topic

POPULATION = (40, 25)  # columns × rows of the crowd: 1000 people
RESULTS = {"p": "+", "n": "−"}
MAX_TESTS = 8
SEQUENCE = "bay_seq"  # session key of the results so far, letters p and n
LINK = "bay_tests"  # their URL key, left out while they are the default: one positive test

PRIOR = Number(
    "bay_prior",
    "Prior P(condition)",
    0.0,
    1.0,
    0.01,
    step=0.005,
    help="How common the condition is before any test: 0.01 is one person in a hundred.",
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
    """Append a result ("p" or "n"), keeping the last ``MAX_TESTS``."""
    seq = st.session_state.get(SEQUENCE, "p")
    st.session_state[SEQUENCE] = (seq + result)[-MAX_TESTS:]


def restart_tests() -> None:
    """Back to a single positive test."""
    st.session_state[SEQUENCE] = "p"


def _result_buttons() -> None:
    with st.container(horizontal=True, gap="small"):
        st.button(
            "Positive", key="bay_add_p", on_click=add_test, args=("p",), icon=":material/add:"
        )
        st.button(
            "Negative", key="bay_add_n", on_click=add_test, args=("n",), icon=":material/remove:"
        )
        st.button("Start over", key="bay_reset", on_click=restart_tests)


def body() -> frame.Plotted:
    """Controls and results; the posterior, the crowd of a thousand, the belief path."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        prior, sens, fpr = PRIOR(), SENSITIVITY(), FALSE_POSITIVES()
        seq = tests_from_link()
        st.markdown("**Test results, in order:** " + " ".join(RESULTS[r] for r in seq))
        _result_buttons()
    if seq == "p":  # the default stays out of the link
        st.query_params.pop(LINK, None)
    else:
        st.query_params[LINK] = seq
    posterior = pr.bayes_posterior(prior, sens, fpr)
    freq = pr.natural_frequencies(prior, sens, fpr, population=POPULATION[0] * POPULATION[1])
    beliefs = pr.belief_path(prior, sens, fpr, [r == "p" for r in seq])
    path = pd.DataFrame(
        {
            "test": np.arange(len(beliefs)),
            "belief": beliefs,
            "result": ["before"] + [RESULTS[r] for r in seq],
            "label": [pct(b, 3) for b in beliefs],
        }
    )
    counts = (freq.true_positive, freq.false_negative, freq.false_positive, freq.true_negative)
    people = charts.crowd_table(counts, columns=POPULATION[0])
    positives = freq.true_positive + freq.false_positive
    with view:
        frame.metrics(
            [
                ("P(condition | +)", pct(posterior)),
                ("from the crowd", f"{freq.true_positive} of {positives}" if positives else "—"),
                (f"after {len(seq)} result{'s' if len(seq) > 1 else ''}", pct(beliefs[-1])),
            ]
        )
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
        st.markdown(
            f"**A thousand people.** {freq.true_positive + freq.false_negative} have the "
            f"condition; the test flags {freq.true_positive} of them and {freq.false_positive} "
            f"healthy people too. Of the {positives} who test positive, "
            f"{freq.true_positive} have it."
        )
        frame.chart(charts.people_chart, people, columns=POPULATION[0], rows=POPULATION[1])
        st.markdown("**Belief after each test** (each posterior is the next prior)")
        frame.chart(charts.belief_chart, path)
        if math.isnan(beliefs[-1]) and not math.isnan(beliefs[0]):
            st.caption("The line stops at a result that could not happen with these numbers.")
    return {"belief": path, "crowd": people.astype({"group": str})}


TOPIC = Topic(
    name="bayes",
    prefix="bay",
    intro=(
        "A test for a rare condition comes back positive. How worried should you be? Bayes' "
        "theorem turns P(positive | condition), which the test's makers measure, into "
        "P(condition | positive), which you want. Picture a thousand people: when the "
        "condition is rare, the few true positives are outnumbered by false alarms from the "
        "many healthy people. A second positive test uses the first posterior as its prior."
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
        "only a 15.4 % chance of having the condition — 9 true positives against 50 false "
        "alarms in the crowd.",
        "Press **Test twice**: after a second positive the belief jumps to 76.6 %. Press "
        "**Negative** and it falls back to 25.6 %.",
        "Press **Common condition** (prior 30 %): the same test now gives 88.5 %. The prior "
        "matters as much as the test.",
        "Set the **Prior** to 0: no test result moves it. Then try 0.001.",
    ),
    body=body,
)
