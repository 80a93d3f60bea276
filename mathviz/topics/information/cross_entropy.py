"""Cross-entropy and KL divergence of two distributions; softmax and a classifier's loss."""

from __future__ import annotations

import contextlib
import math

import numpy as np
import pandas as pd
import streamlit as st
from numpy.typing import ArrayLike

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Number
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

OUTCOMES = ("A", "B", "C", "D")


def weight_boxes(key: str, default: tuple[float, ...]) -> tuple[Number, ...]:
    """One whole-number box per outcome, keys ``{key}1`` … ``{key}4``."""
    return tuple(
        Number(f"{key}{i + 1}", o, 0, 100, default[i], step=1, width=70)
        for i, o in enumerate(OUTCOMES)
    )


P = weight_boxes("ce_p", (4, 2, 1, 1))
Q = weight_boxes("ce_q", (2, 3, 2, 1))
Z = tuple(
    Number(f"ce_z{i + 1}", f"z({o})", -1000, 1000, (2.0, 1.0, 0.0, -1.0)[i], step=0.5, width=86)
    for i, o in enumerate(OUTCOMES)
)
TRUTH = Choice("ce_true", "True class", OUTCOMES, "A", kind="horizontal")


def bits(value: float) -> str:
    """A number of bits as the topic shows it."""
    return fmt(value + 0.0, 4)


def weights(symbol: str, boxes: tuple[Number, ...], *, key: str) -> list[float]:
    """Draw a row of weight boxes under a heading; return the weights typed."""
    st.markdown(f"**{symbol}** over {', '.join(OUTCOMES)} (weights, divided by their total)")
    with st.container(horizontal=True, gap=8, key=f"{key}_row"):
        return [box() for box in boxes]


def pair_table(ps: ArrayLike, qs: ArrayLike) -> pd.DataFrame:
    """P and Q side by side as the compare chart draws them."""
    return pd.DataFrame(
        {
            "outcome": list(OUTCOMES) * 2,
            "probability": np.concatenate([ps, qs]),
            "which": ["P"] * 4 + ["Q"] * 4,
        }
    )


def compare(p_weights: list[float], q_weights: list[float]) -> pd.DataFrame:
    """H(P), H(P, Q) and both KLs with what they mean; the chart of P beside Q."""
    try:
        ps = it.normalised(p_weights, name="P")
        qs = it.normalised(q_weights, name="Q")
    except ValueError as error:
        frame.problem(str(error))
        raise frame.Halt from None
    cross, kl, back = it.cross_entropy(ps, qs), it.kl_divergence(ps, qs), it.kl_divergence(qs, ps)
    frame.metrics(
        [
            ("H(P)", bits(it.entropy(ps))),
            ("H(P, Q)", bits(cross)),
            ("KL(P ‖ Q)", bits(kl)),
            ("KL(Q ‖ P)", bits(back)),
        ]
    )
    if math.isinf(kl):
        missed = ", ".join(OUTCOMES[i] for i in it.ruled_out(ps, qs))
        st.warning(
            f"Q gives probability 0 to {missed}, which P can produce: the surprise of an "
            "outcome you thought impossible is infinite, so H(P, Q) and KL(P ‖ Q) are "
            "infinite. A model should never rule anything out completely.",
            icon=":material/warning:",
        )
    elif math.isinf(back):
        allowed = ", ".join(OUTCOMES[i] for i in it.ruled_out(qs, ps))
        st.caption(
            f"KL(P ‖ Q) is finite but KL(Q ‖ P) is infinite: Q produces {allowed}, which P "
            "rules out. The order matters."
        )
    elif abs(kl - back) > 1e-9:
        st.caption(
            f"KL(P ‖ Q) = {bits(kl)} but KL(Q ‖ P) = {bits(back)}: the divergence depends "
            "on which distribution you believe."
        )
    pair = pair_table(ps, qs)
    frame.chart(charts.compare_chart, pair)
    return pair


def body() -> frame.Plotted:
    """P and Q with their divergences; a classifier's softmax output and its loss."""
    left, right = st.columns([1, 1], gap="large")
    plotted: frame.Plotted = {}
    with left:
        p_weights = weights("P", P, key="ce_p")
        q_weights = weights("Q", Q, key="ce_q")
        with contextlib.suppress(frame.Halt):  # bad weights leave the classifier working
            plotted["P and Q"] = compare(p_weights, q_weights)
    with right:
        st.markdown("**A classifier's output** (logits z, then softmax)")
        with st.container(horizontal=True, gap=8, key="ce_z_row"):
            logits = [box() for box in Z]
        truth = TRUTH()
        t = OUTCOMES.index(truth)
        qs_model = it.softmax(logits)
        loss_nats = it.classifier_loss(logits, t)
        frame.metrics(
            [
                (f"q({truth})", fmt(float(qs_model[t]), 4)),
                ("loss −ln q", fmt(loss_nats, 4)),
                ("in bits −log₂ q", bits(it.classifier_loss(logits, t, base=2))),
            ]
        )
        onehot = [1.0 if o == truth else 0.0 for o in OUTCOMES]
        model = pair_table(onehot, qs_model)
        frame.chart(charts.compare_chart, model)
        st.caption(
            "P: the one-hot truth; Q: the softmax of the logits. Machine-learning libraries "
            "use ln, so their loss is in nats (1 nat ≈ 1.44 bits)."
        )
        plotted["classifier"] = model
    return plotted


TOPIC = Topic(
    name="cross-entropy-kl",
    prefix="ce",
    intro=(
        "Cross-entropy H(P, Q) is the average surprise when outcomes come from P but you "
        "expect Q. It is never below H(P); the excess is the Kullback–Leibler divergence "
        "KL(P ‖ Q), the bits wasted by believing Q. KL is 0 only when Q = P, is not "
        "symmetric, and is infinite if Q rules out something P allows. A classifier's loss is "
        "the cross-entropy between the one-hot truth and its softmax output."
    ),
    formulas=(
        r"H(P, Q) = -\sum_x p(x)\log_2 q(x)",
        r"\mathrm{KL}(P\,\|\,Q) = \sum_x p(x)\log_2\frac{p(x)}{q(x)} = H(P, Q) - H(P)",
        r"\text{loss} = -\log q_{\text{true}}, \qquad q = \operatorname{softmax}(z), "
        r"\; q_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
    ),
    presets={
        "Same": {**dict.fromkeys(P, 1.0), **dict.fromkeys(Q, 1.0)},
        "One way only": {
            **dict(zip(P, (8.0, 1.0, 1.0, 0.0), strict=True)),
            **dict.fromkeys(Q, 1.0),
        },
        "Q misses one": {
            **dict.fromkeys(P, 1.0),
            **dict(zip(Q, (1.0, 1.0, 1.0, 0.0), strict=True)),
        },
        "Confident and wrong": {
            **dict(zip(Z, (-2.0, 8.0, 0.0, 0.0), strict=True)),
            TRUTH: "A",
        },
    },
    try_this=(
        "Press **Same**: P = Q, so H(P, Q) = H(P) and both KLs are 0.",
        "Press **One way only**: P never gives D, Q does. KL(P ‖ Q) = 1.08 bits, yet "
        "KL(Q ‖ P) is infinite: KL is not a distance, and the order matters.",
        "Press **Q misses one**: Q gives D no chance while P does, and KL(P ‖ Q) is infinite.",
        "Press **Confident and wrong**: the model puts almost everything on B while the "
        "truth is A; the loss is about 10 nats. Set z(A) to 1000: softmax stays finite and "
        "the loss drops to 0.",
    ),
    body=body,
    download="cross_entropy.csv",
)
