"""A chart's shape is built once and reused: no preset may reach data the shape was read off.

``frame.chart`` stores each chart's Vega-Lite spec by its builder, parameters and columns,
and a rerun only sends new data. A builder that writes a number taken from its data into
the spec (an axis's end, a slider's last step) would keep the first data's number for
every later state. Here every topic walks through its presets with
``MATHVIZ_CHECK_TEMPLATES=1``, which builds each stored shape again and fails on a change.
"""

import importlib

import pytest

from mathviz.roadmap import PILLARS
from mathviz.ui import cache, frame
from tests.app.helpers import run_page

PACKAGES = {
    "pages/calculus.py": "calculus",
    "pages/linear_algebra.py": "linear_algebra",
    "pages/multivariable_calculus.py": "multivariable",
    "pages/probability.py": "probability",
    "pages/information_theory.py": "information",
    "pages/neural_networks.py": "networks",
}


def cases() -> list[tuple[str, str, object]]:
    """(page, tab label, topic) for every topic of every built pillar."""
    found = []
    for pillar in PILLARS:
        if not pillar.built:
            continue
        module = importlib.import_module(f"mathviz.topics.{PACKAGES[pillar.page]}")
        by_name = {topic.name: topic for topic in module.TOPICS}
        found += [(pillar.page, entry.label, by_name[entry.name]) for entry in pillar.topics]
    return found


CASES = cases()


@pytest.mark.parametrize(("page", "label", "topic"), CASES, ids=[c[1] for c in CASES])
def test_every_preset_draws_charts_whose_shape_holds(monkeypatch, page, label, topic):
    monkeypatch.setenv(frame.CHECK_TEMPLATES, "1")
    cache.clear("chart templates")
    at = run_page(page, topic=label)
    assert topic.presets, f"{label} has no presets to walk through"
    for i, preset in enumerate(topic.presets):
        at.button(key=f"{topic.prefix}_preset_{i}").click().run()
        assert not at.exception, (preset, [e.message for e in at.exception])
