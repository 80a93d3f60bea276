"""Shared links are public: every URL key, tab label and option label once shipped still works.

``link_contract.json`` records, for every page and topic, the query parameter of every
control bound to the link, and for menus, radios and option sliders the labels the link
may carry. It was taken from the app as it was before topics became modules; this test
asserts that nothing recorded has gone. New keys and options may be added freely.

Regenerate (only to add, never to drop) with ``python3 -m tests.app.test_link_contract``.
"""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mathviz.roadmap import PILLARS

CONTRACT = Path(__file__).with_name("link_contract.json")
HOME = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
CHOICES = ("selectbox", "radio", "select_slider")
KINDS = (*CHOICES, "slider", "number_input", "text_input", "toggle", "checkbox")


def bound_controls(at: AppTest, kinds: tuple[str, ...] = KINDS) -> dict[str, list[str]]:
    """Each bound control's query parameter → its option labels (empty for other kinds)."""
    found: dict[str, list[str]] = {}
    for kind in kinds:
        for widget in getattr(at, kind):
            key = widget.proto.query_param_key
            if key:
                found[key] = sorted(map(str, widget.options)) if kind in CHOICES else []
    return found


def open_topic(page: str, label: str, **params: str) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=120)
    at.switch_page(page)
    at.query_params["topic"] = label
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def topic_contract(page: str, label: str) -> dict[str, list[str]]:
    """The topic's bound controls, with every menu and radio choice tried once."""
    at = open_topic(page, label)
    controls = bound_controls(at)
    for key, options in bound_controls(at, ("selectbox", "radio")).items():
        for option in options:
            for extra, labels in bound_controls(open_topic(page, label, **{key: option})).items():
                controls.setdefault(extra, labels)
    return controls


def current_contract() -> dict:
    contract = {}
    for pillar in PILLARS:
        if pillar.built:
            contract[pillar.page] = {
                topic.label: topic_contract(pillar.page, topic.label) for topic in pillar.topics
            }
    return contract


@pytest.fixture(scope="module")
def contract() -> dict:
    return current_contract()


RECORDED = json.loads(CONTRACT.read_text()) if CONTRACT.exists() else {}
TOPICS = [(page, label) for page, topics in RECORDED.items() for label in topics]


def test_every_recorded_page_and_topic_still_opens(contract):
    for page, label in TOPICS:
        assert label in contract[page], (page, label)


@pytest.mark.parametrize(("page", "label"), TOPICS)
def test_no_link_key_or_option_label_is_lost(contract, page, label):
    now = contract[page][label]
    for key, options in RECORDED[page][label].items():
        assert key in now, f"{page} · {label}: the link key {key!r} is gone"
        missing = set(options) - set(now[key])
        assert not missing, f"{page} · {label} · {key}: option labels {missing} are gone"


if __name__ == "__main__":
    CONTRACT.write_text(json.dumps(current_contract(), indent=1, sort_keys=True) + "\n")
