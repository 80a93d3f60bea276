from pathlib import Path

from mathviz.charts.roadmap import layout
from mathviz.roadmap import MAP_COLUMNS, PILLARS, PREREQUISITES, pillar_of

ROOT = Path(__file__).resolve().parents[1]


def test_every_prerequisite_names_known_topics_and_points_forward_or_across():
    names = {topic.name for pillar in PILLARS for topic in pillar.topics}
    for start, end in PREREQUISITES:
        assert start in names
        assert end in names
        assert start != end


def test_no_arrow_is_drawn_twice_or_both_ways():
    pairs = [frozenset(pair) for pair in PREREQUISITES]
    assert len(set(pairs)) == len(pairs)


def test_topic_names_and_labels_are_unique():
    names = [t.name for p in PILLARS for t in p.topics]
    labels = [t.label for p in PILLARS for t in p.topics]
    assert len(set(names)) == len(names) == 27
    assert len(set(labels)) == len(labels)


def test_built_pillars_have_pages_and_unbuilt_do_not():
    for pillar in PILLARS:
        assert (ROOT / pillar.page).exists() == pillar.built, pillar.page


def test_the_map_places_every_pillar_once_and_no_arrow_crosses_a_column():
    placed = [name for column in MAP_COLUMNS for name in column]
    assert sorted(placed) == sorted(p.name for p in PILLARS)
    column = {name: c for c, names in enumerate(MAP_COLUMNS) for name in names}
    for start, end in PREREQUISITES:
        assert abs(column[pillar_of(start).name] - column[pillar_of(end).name]) <= 1


def test_layout_places_every_topic_and_routes_every_arrow():
    nodes, edges, heads, _ = layout(PILLARS, PREREQUISITES)
    assert len(nodes) == 27
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
        "neural_networks?topic=Least+squares+%26+SGD",
        "neural_networks?topic=Backpropagation",
        "neural_networks?topic=Training",
    }
    assert nodes[nodes["status"] == "coming"]["url"].isna().all()
    # Every arrow has a head (tests/charts/test_roadmap_chart.py checks where it points).
    assert sorted(heads["edge"]) == list(range(len(PREREQUISITES)))


def test_pillar_of():
    assert pillar_of("integral").name == "Calculus"
    assert pillar_of("entropy").url_path == "information_theory"


def test_layout_links_carry_extra_query_parameters():
    nodes = layout(PILLARS, PREREQUISITES, carry={"projector": "true"}).nodes
    ready = nodes[nodes["status"] == "ready"]
    assert all(url.endswith("&projector=true") for url in ready["url"])
