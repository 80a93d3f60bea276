"""The roadmap: pillars, their topics, and which topic builds on which.

``PILLARS`` lists the pillars in the order the app presents them; each names its page and
its topics. A topic's ``label`` is the tab label, which is also the ``topic=`` value in
shared links, so labels are short and never renamed. ``PREREQUISITES`` lists the arrows of
the roadmap as (from, to) pairs of topic names: learn the first before the second.
``MAP_COLUMNS`` says where each pillar sits on the home page's map.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One explorable: ``name`` is its stable short name, ``label`` its tab label."""

    name: str
    label: str
    summary: str


@dataclass(frozen=True)
class Pillar:
    """A page of topics; ``page`` is its script path, ``built`` whether it exists yet."""

    name: str
    icon: str
    page: str
    topics: tuple[Topic, ...]
    built: bool = False

    @property
    def url_path(self) -> str:
        """The page's URL path as Streamlit derives it from the script name."""
        return self.page.removeprefix("pages/").removesuffix(".py")


PILLARS: tuple[Pillar, ...] = (
    Pillar(
        "Calculus",
        ":material/functions:",
        "pages/calculus.py",
        (
            Topic("derivative", "Derivative", "the slope as a limit of secants"),
            Topic("critical-points", "Critical points", "where f' = 0, and what f'' says"),
            Topic("chain-rule", "Chain rule", "slopes of a composition multiply"),
            Topic("integral", "Integral", "signed area as a limit of sums"),
        ),
        built=True,
    ),
    Pillar(
        "Linear algebra",
        ":material/grid_on:",
        "pages/linear_algebra.py",
        (
            Topic("vectors", "Vectors", "adding, scaling, span"),
            Topic("norms", "Norms", "lengths, angles, projections"),
            Topic("basis", "Basis", "coordinates in another basis"),
            Topic("transformations", "Transformations", "a matrix moves the plane"),
            Topic("matrix-product", "Matrix product", "one map after another"),
            Topic("eigen", "Eigen", "directions a matrix keeps"),
            Topic("svd-pca", "SVD & PCA", "rotate, stretch, rotate"),
            Topic("layer", "Layer", "σ(Ax + b) warps the plane"),
        ),
        built=True,
    ),
    Pillar(
        "Multivariable calculus",
        ":material/landscape:",
        "pages/multivariable_calculus.py",
        (
            Topic("gradient", "Gradient", "the direction of steepest ascent"),
            Topic("gradient-descent", "Gradient descent", "walking downhill, three ways"),
            Topic("jacobian", "Jacobian", "the chain rule through a layer"),
            Topic("hessian", "Hessian", "minimum, maximum or saddle"),
        ),
        built=True,
    ),
    Pillar(
        "Probability & statistics",
        ":material/casino:",
        "pages/probability.py",
        (
            Topic("coin-flips", "Coin flips", "the law of large numbers"),
            Topic("expected-value", "Expected value", "the long-run average of a game"),
            Topic("distributions", "Distributions", "where each one appears"),
            Topic("bayes", "Bayes", "updating belief on evidence"),
            Topic("mle", "Maximum likelihood", "fitting as maximising a likelihood"),
        ),
        built=True,
    ),
    Pillar(
        "Information theory",
        ":material/help:",
        "pages/information_theory.py",
        (
            Topic("guessing-game", "Guessing game", "yes/no questions and bits"),
            Topic("entropy", "Entropy", "average surprise"),
            Topic("cross-entropy-kl", "Cross-entropy & KL", "the classifier's loss"),
        ),
        built=True,
    ),
    Pillar(
        "Neural networks",
        ":material/hub:",
        "pages/neural_networks.py",
        (
            Topic(
                "least-squares-sgd",
                "Least squares & SGD",
                "a line fitted exactly, then by noisy steps",
            ),
            Topic("backprop", "Backpropagation", "the chain rule, run backwards"),
            Topic("training", "Training", "a network learns to split the plane"),
        ),
        built=True,
    ),
)

PREREQUISITES: tuple[tuple[str, str], ...] = (
    ("derivative", "critical-points"),
    ("derivative", "chain-rule"),
    ("derivative", "integral"),
    ("vectors", "norms"),
    ("vectors", "basis"),
    ("basis", "transformations"),
    ("transformations", "matrix-product"),
    ("transformations", "eigen"),
    ("eigen", "svd-pca"),
    ("matrix-product", "layer"),
    ("derivative", "gradient"),
    ("vectors", "gradient"),
    ("gradient", "gradient-descent"),
    ("chain-rule", "jacobian"),
    ("layer", "jacobian"),
    ("critical-points", "hessian"),
    ("eigen", "hessian"),
    ("coin-flips", "expected-value"),
    ("integral", "expected-value"),
    ("expected-value", "distributions"),
    ("distributions", "bayes"),
    ("distributions", "mle"),
    ("distributions", "guessing-game"),
    ("guessing-game", "entropy"),
    ("entropy", "cross-entropy-kl"),
    ("mle", "cross-entropy-kl"),
    ("gradient-descent", "least-squares-sgd"),
    ("coin-flips", "least-squares-sgd"),
    ("chain-rule", "backprop"),
    ("jacobian", "backprop"),
    ("layer", "backprop"),
    ("least-squares-sgd", "training"),
    ("backprop", "training"),
    ("mle", "training"),
    ("cross-entropy-kl", "training"),
)


MAP_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("Calculus", "Probability & statistics"),
    ("Multivariable calculus", "Information theory", "Neural networks"),
    ("Linear algebra",),
)
"""Where each pillar sits on the home page's map: columns left to right, pillars top to bottom.

Multivariable calculus sits between the two pillars it builds on, Neural networks under it
(it draws on all five), and every arrow joins
topics in one column or in neighbouring columns, so no arrow has to cross a column.
"""


def pillar_of(topic_name: str) -> Pillar:
    """The pillar holding a topic.

    Parameters
    ----------
    topic_name : str
        A topic's short name.

    Returns
    -------
    Pillar
        Its pillar.

    Examples
    --------
    >>> pillar_of("chain-rule").name
    'Calculus'
    >>> pillar_of("nope")
    Traceback (most recent call last):
    ...
    ValueError: topic_name 'nope' is not on the roadmap
    """
    for pillar in PILLARS:
        if any(topic.name == topic_name for topic in pillar.topics):
            return pillar
    raise ValueError(f"topic_name {topic_name!r} is not on the roadmap")
