"""The home page through AppTest: the roadmap and its links."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.helpers import assert_charts_have_their_data, charts, texts
from tests.charts.test_roadmap_chart import legends

HOME = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def run_home(**params: str) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_home_draws_the_roadmap_with_its_data():
    at = run_home()
    assert len(charts(at)) == 1
    assert_charts_have_their_data(at)
    assert at.title[0].value == "mathviz"


def test_the_roadmap_text_describes_what_the_map_shows():
    at = run_home()
    words = texts(at)
    assert "An arrow runs from a topic to one that builds on it" in words
    assert "the arrows below" in words
    # Every topic is built: nothing is grey, "coming" or "on its way".
    assert "Grey" not in words
    assert "on their way" not in words
    assert "coming" not in words
    spec = json.loads(charts(at)[0].proto.spec)
    assert not legends(spec)


def test_projector_mode_lays_the_map_out_in_bigger_type_that_still_fits():
    normal = json.loads(charts(run_home())[0].proto.spec)
    big = json.loads(charts(run_home(projector="true"))[0].proto.spec)
    assert big["width"] > 1.3 * normal["width"]
    assert big["height"] > 1.3 * normal["height"]
    # A 1280 px screen's column even with the sidebar open: 980 px less the projector's
    # padding of 2 × 35 px (measured in Chromium).
    assert big["width"] <= 900


def test_home_links_every_built_topic_into_its_tab():
    at = run_home()
    links = [e.proto for e in at.get("page_link")]
    topic_links = [link for link in links if "topic=" in link.query_string]
    assert sorted(link.query_string for link in topic_links) == sorted(
        [
            "topic=Derivative",
            "topic=Critical+points",
            "topic=Chain+rule",
            "topic=Integral",
            "topic=Least+squares+%26+SGD",
            "topic=Backpropagation",
            "topic=Training",
            "topic=Vectors",
            "topic=Norms",
            "topic=Basis",
            "topic=Transformations",
            "topic=Matrix+product",
            "topic=Eigen",
            "topic=SVD+%26+PCA",
            "topic=Layer",
            "topic=Gradient",
            "topic=Gradient+descent",
            "topic=Jacobian",
            "topic=Hessian",
            "topic=Coin+flips",
            "topic=Expected+value",
            "topic=Distributions",
            "topic=Bayes",
            "topic=Maximum+likelihood",
            "topic=Guessing+game",
            "topic=Entropy",
            "topic=Cross-entropy+%26+KL",
        ]
    )


def test_projector_mode_travels_with_every_link():
    at = run_home(projector="true")
    assert at.toggle(key="projector").value is True
    links = [e.proto for e in at.get("page_link")]
    assert links
    assert all("projector=true" in link.query_string for link in links)


def test_nonsense_projector_value_gets_a_notice():
    at = run_home(projector="loud")
    assert at.toggle(key="projector").value is False
    assert "Projector mode" in at.warning[0].value
