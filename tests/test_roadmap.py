from pathlib import Path

from mathviz.charts.roadmap import layout
from mathviz.roadmap import PILLARS, PREREQUISITES, pillar_of

ROOT = Path(__file__).resolve().parents[1]


def test_every_prerequisite_names_known_topics_and_points_forward_or_across():
    names = {topic.name for pillar in PILLARS for topic in pillar.topics}
    for start, end in PREREQUISITES:
        assert start in names
        assert end in names
        assert start != end


def test_topic_names_and_labels_are_unique():
    names = [t.name for p in PILLARS for t in p.topics]
    labels = [t.label for p in PILLARS for t in p.topics]
    assert len(set(names)) == len(names) == 24
    assert len(set(labels)) == len(labels)


def test_built_pillars_have_pages_and_unbuilt_do_not():
    for pillar in PILLARS:
        assert (ROOT / pillar.page).exists() == pillar.built, pillar.page


def test_layout_places_every_topic_and_routes_every_arrow():
    nodes, edges = layout(PILLARS, PREREQUISITES)
    assert len(nodes) == 24
    assert edges["edge"].nunique() == len(PREREQUISITES)
    ready = nodes[nodes["status"] == "ready"]
    assert set(ready["url"]) == {
        "calculus?topic=Derivative",
        "calculus?topic=Critical+points",
        "calculus?topic=Chain+rule",
        "calculus?topic=Integral",
        "linear_algebra?topic=Vectors",
        "linear_algebra?topic=Norms",
        "linear_algebra?topic=Basis",
        "linear_algebra?topic=Transformations",
        "linear_algebra?topic=Matrix+product",
        "linear_algebra?topic=Eigen",
        "linear_algebra?topic=SVD+%26+PCA",
        "linear_algebra?topic=Layer",
        "multivariable_calculus?topic=Gradient",
        "multivariable_calculus?topic=Gradient+descent",
        "multivariable_calculus?topic=Jacobian",
        "multivariable_calculus?topic=Hessian",
        "probability?topic=Coin+flips",
        "probability?topic=Expected+value",
        "probability?topic=Distributions",
        "probability?topic=Bayes",
        "probability?topic=Maximum+likelihood",
        "information_theory?topic=Guessing+game",
        "information_theory?topic=Entropy",
        "information_theory?topic=Cross-entropy+%26+KL",
    }
    assert nodes[nodes["status"] == "coming"]["url"].isna().all()
    # Arrows widen toward their target, so the direction reads without arrowheads.
    for _, edge in edges.groupby("edge"):
        assert edge["width"].is_monotonic_increasing


def test_pillar_of():
    assert pillar_of("integral").name == "Calculus"
    assert pillar_of("entropy").url_path == "information_theory"


def test_layout_links_carry_extra_query_parameters():
    nodes, _ = layout(PILLARS, PREREQUISITES, carry={"projector": "true"})
    ready = nodes[nodes["status"] == "ready"]
    assert all(url.endswith("&projector=true") for url in ready["url"])
