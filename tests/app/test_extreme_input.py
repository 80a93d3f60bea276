"""Extreme data typed into the pages: every fit, game and critical-point search answers.

Each case either shows its numbers or says in words why it cannot; none raises. The
numbers shown are checked where they are known: the interval of a normal sample far
below 0 (where the page once crashed), the median questioner beside a near-certain
number, and a flat point of order four.
"""

import pytest

from tests.app.helpers import metric, metrics, number
from tests.app.test_calculus_page import open_page as open_calculus
from tests.app.test_information_page import CUSTOM, scores
from tests.app.test_information_page import open_page as open_information
from tests.app.test_probability_page import TYPED
from tests.app.test_probability_page import open_page as open_probability

EXTREME_DATA = [
    "-3, -2",
    "-1e300, -2e300",
    "1e308, 1.7e308",
    "-1.7e308, 1.7e308",
    "5e-324",
    "1e-320, 3e-320",
    "0, 0, 0",
    "1e15, 1000000000000002",
    "100000000000, 200000000000",
    "0, 1",
    "7",
]


def says_why_or_shows(at, label: str) -> None:
    """The topic shows the metric ``label``, or an error that explains in words."""
    labels = [m.label for m in metrics(at)]
    if label in labels:
        return
    assert at.error, labels
    message = at.error[0].value
    assert "Traceback" not in message
    assert len(message.split()) >= 5


@pytest.mark.parametrize("family", ["Normal", "Bernoulli", "Poisson", "Exponential"])
@pytest.mark.parametrize("data", EXTREME_DATA)
def test_maximum_likelihood_fits_or_explains_any_typed_data(family, data):
    at = open_probability(topic="Maximum likelihood", mle_f=family, mle_src=TYPED, mle_data=data)
    says_why_or_shows(at, "95 % interval")


def test_a_normal_sample_far_below_zero_gets_its_interval():
    at = open_probability(
        topic="Maximum likelihood", mle_f="Normal", mle_src=TYPED, mle_data="-3, -2"
    )
    low, high = (number(end) for end in metric(at, "95 % interval").split(" – "))
    assert low == pytest.approx(-3.19, abs=0.01)
    assert high == pytest.approx(-1.81, abs=0.01)


EXTREME_WEIGHTS = [
    "1e308, 1e308, 1e308",
    "1e-300, 1, 1e-300",
    "0.2, 1e-17, 0.8",
    "5e-324, 1",
    "0, 0",
    "1, " * 999 + "1",
    "-1, 2",
]


@pytest.mark.parametrize("weights", EXTREME_WEIGHTS, ids=lambda w: w[:20])
@pytest.mark.parametrize("topic", ["Guessing game", "Entropy"])
def test_game_distributions_from_extreme_weights(topic, weights):
    prefix = {"Guessing game": "game", "Entropy": "ent"}[topic]
    at = open_information(topic=topic, **{f"{prefix}_dist": CUSTOM, f"{prefix}_weights": weights})
    assert metrics(at), "the topic shows its numbers (with a notice for weights it refuses)"


def test_the_median_player_splits_beside_a_near_certain_number():
    at = open_information(game_dist=CUSTOM, game_weights="0.2, 1e-11, 0.8")
    # Is it ≤ 2? leaves 0.2 below and 0.8 above: 1.2 questions on average, not 1.8.
    assert scores(at)["median"] == pytest.approx(1.2, abs=1e-9)


def test_a_number_below_the_games_cut_off_is_left_out_and_said_so():
    at = open_information(game_dist=CUSTOM, game_weights="0.2, 1e-17, 0.8")
    # Only 1 and 3 can be the secret: one question ("is it 1?") always finds it.
    assert scores(at)["median"] == pytest.approx(1.0, abs=1e-12)
    assert any("10⁻¹²" in caption.value for caption in at.caption)


EXTREME_FUNCTIONS = [
    "-x^6/3 - 2.4*x^5 - 4*x^4 + 32*x^3/3 + 48*x^2 + 64*x",  # p′ = −2(x + 2)⁴(x − 2)
    "20*(x-2)^3*(x+1)",
    "1e15*x^2",
    "1e-300*x^2",
    "x^100",
    "exp(x^2)",
    "(x-1)^5*1e10",
    "sin(1/x)",
    "sigmoid(40*x)",
    "abs(x)*x^2",
]


@pytest.mark.parametrize("text", EXTREME_FUNCTIONS)
@pytest.mark.parametrize(("a", "b"), [("-10", "10"), ("-2.5", "2.5")])
def test_critical_points_of_extreme_functions(text, a, b):
    at = open_calculus(
        topic="Critical points", crit_f="type your own…", crit_f_text=text, crit_a=a, crit_b=b
    )
    says_why_or_shows(at, "critical points")


def test_a_fourth_order_flat_point_is_neither_and_leaves_the_test_silent():
    at = open_calculus(
        topic="Critical points",
        crit_f="type your own…",
        crit_f_text=EXTREME_FUNCTIONS[0],
        crit_a="-3",
        crit_b="3",
    )
    (table,) = at.table
    rows = table.value.to_dict("records")
    flat = min(rows, key=lambda row: abs(row["x"] + 2))
    assert flat["x"] == pytest.approx(-2, abs=1e-3)
    assert flat["second-derivative test"] == "inconclusive"
    assert flat["what f does"] == "neither"
    top = min(rows, key=lambda row: abs(row["x"] - 2))
    assert (top["second-derivative test"], top["what f does"]) == ("maximum", "maximum")
