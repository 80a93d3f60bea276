"""Cross-entropy and KL divergence of two distributions; softmax and a classifier's loss."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from numpy.typing import ArrayLike

from mathviz import information as it
from mathviz.charts import information as charts
from mathviz.topics.information.distributions import beside_controls
from mathviz.ui import frame
from mathviz.ui.controls import Choice, LogSlider, Number
from mathviz.ui.format import fmt
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

OUTCOMES = ("A", "B", "C", "D")


def weight_boxes(key: str, default: tuple[float, ...]) -> tuple[Number, ...]:
    """One whole-number box per outcome, keys ``{key}1`` … ``{key}4``."""
    return tuple(
        Number(f"{key}{i + 1}", o, 0, 100, default[i], step=1, width=62)
        for i, o in enumerate(OUTCOMES)
    )


P = weight_boxes("ce_p", (4, 2, 1, 1))
Q = weight_boxes("ce_q", (2, 3, 2, 1))
LOGIT_STOPS = tuple(
    sorted(
        {round(i / 10, 1) for i in range(-100, 101)}
        | {sign * v for v in (12, 15, 20, 30, 50, 100, 200, 500, 1000) for sign in (1.0, -1.0)}
    )
)
"""A logit slider's stops: tenths from −10 to 10, where softmax changes, then big jumps out to
±1000, where it is all but certain (and a float alone would overflow)."""


class LogitSlider(LogSlider):
    """A logit on a slider: fine steps near 0, long ones beyond ±10.

    A link may carry any number from −1000 to 1000, as the number box it replaces took: a
    number between the stops becomes one more stop for the session.
    """

    def __init__(self, key: str, label: str, default: float) -> None:
        super().__init__(key, label, 0.1, 1000.0, default, accept=(-1000.0, 1000.0))

    @property
    def steps(self) -> tuple[float, ...]:
        """The slider's stops without any extra one from a link."""
        return LOGIT_STOPS


Z = tuple(
    LogitSlider(f"ce_z{i + 1}", f"z({o})", (2.0, 1.0, 0.0, -1.0)[i]) for i, o in enumerate(OUTCOMES)
)
TRUTH = Choice("ce_true", "True class", OUTCOMES, "A", kind="horizontal")
WAYS = {"PQ": "P ‖ Q", "QP": "Q ‖ P"}
DIRECTION = Choice(
    "ce_dir",
    "Draw KL",
    tuple(WAYS),
    "PQ",
    label_of=WAYS.__getitem__,
    kind="horizontal",
    help="P ‖ Q: P's outcomes, coded with Q's lengths. Q ‖ P: the other way round, Q's "
    "outcomes coded with P's lengths. The two areas differ: KL is not symmetric.",
)
P_START, Q_START, Z_START = (4.0, 2.0, 1.0, 1.0), (2.0, 3.0, 2.0, 1.0), (2.0, 1.0, 0.0, -1.0)
PICTURE = 540
"""The main picture's height, its three-line legend included."""
LOSS = (
    r"\begin{aligned}\text{loss} &= -\log q_{\text{true}}, \\ q_i &= "
    r"\frac{e^{z_i}}{\sum_j e^{z_j}} \;(\operatorname{softmax})\end{aligned}"
)
"""The classifier's formula, shown beside its logits rather than in the introduction."""
TINY = 1e-300
"""Below this a probability is shown as e^−loss: a float rounds it to 0 soon after."""
SUPERSCRIPT = str.maketrans("0123456789−.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def preset(
    p: tuple[float, ...] = P_START,
    q: tuple[float, ...] = Q_START,
    z: tuple[float, ...] = Z_START,
    truth: str = "A",
    way: str = "PQ",
) -> dict[Any, Any]:
    """A preset that sets every input of the topic, so no earlier preset's value lingers."""
    return {
        **dict(zip(P, p, strict=True)),
        **dict(zip(Q, q, strict=True)),
        **dict(zip(Z, z, strict=True)),
        TRUTH: truth,
        DIRECTION: way,
    }


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


def kl_frame(ps: np.ndarray, qs: np.ndarray, *, model: str = "Q") -> pd.DataFrame:
    """Each outcome's share of KL(P ‖ Q) as the KL chart draws it; ∞ cut to a finite bar.

    ``model`` names the distribution in the denominator (qs), for the colours' key.
    """
    terms = it.kl_terms(ps, qs)
    finite = np.abs(terms[np.isfinite(terms)])
    cap = max(0.5, 1.2 * float(finite.max(initial=0.0)))
    shown = np.clip(terms, -cap, cap)
    return pd.DataFrame(
        {
            "outcome": list(OUTCOMES),
            "bits": shown,
            "top": np.maximum(shown, 0.0),
            "sign": np.where(terms >= 0, *charts.kl_signs(model)),
            "text": [("+" if t > 0 else "") + bits(float(t)) for t in terms],
        }
    )


def compare(p_weights: list[float], q_weights: list[float], picture: Any) -> pd.DataFrame:
    """H(P), H(P, Q) and both KLs with what they mean; in ``picture``, one coded with the other.

    The direction control chooses which: P's bars with Q's lengths (KL(P ‖ Q)) or Q's bars
    with P's lengths (KL(Q ‖ P)), where an outcome P rules out is an infinitely tall bar.
    """
    with picture:  # drawn first, so bad weights never drop the choice from the link
        way = DIRECTION()
    try:
        ps = it.normalised(p_weights, name="P")
        qs = it.normalised(q_weights, name="Q")
    except ValueError as error:
        frame.problem(str(error))
        raise frame.Halt from None
    cross, kl, back = it.cross_entropy(ps, qs), it.kl_divergence(ps, qs), it.kl_divergence(qs, ps)
    with picture:
        (a, b), (first, second) = ((ps, qs), ("P", "Q")) if way == "PQ" else ((qs, ps), ("Q", "P"))
        bars = it.code_bars(a, b)
        parts, labels, averages = charts.code_bar_frames(
            bars, OUTCOMES, compare=True, names=(first, second)
        )
        endless = bool(np.any(~np.isfinite(bars.length) & (bars.width > 0)))
        frame.chart(
            charts.code_length_chart,
            parts,
            labels,
            averages,
            compare=True,
            height=PICTURE,
            model=second,
            infinite=endless,
            big=endless and projector_on(),
        )
        shown = kl if way == "PQ" else back
        endless_note = (
            f". {', '.join(OUTCOMES[i] for i in it.ruled_out(a, b))}: {second} gives it "
            f"probability 0, so its code length log₂ 1/{second.lower()}(x) is infinite; the "
            "bar is cut at the top and marked ∞, and so is the whole area."
            if endless
            else ""
        )
        st.caption(
            f"Each bar is {first.lower()}(x) wide: outcomes come from {first}. Blue reaches "
            f"the shorter of the two lengths, the bits both codes spend. Red on top: the "
            f"extra bits {second}'s code spends where {second.lower()}(x) < "
            f"{first.lower()}(x). Green on top: the bits it saves where {second.lower()}(x) "
            f"> {first.lower()}(x). Red area minus green area is KL({first} ‖ {second}) = "
            f"{bits(shown)} bits"
            + (endless_note if endless else ", the gap between the dashed lines.")
        )
        frame.chart(charts.kl_terms_chart, kl_frame(a, b, model=second), model=second)
    # The numbers follow the picture: drawn the other way round, they are Q's first.
    if way == "PQ":
        rows = [
            ("H(P)", it.entropy(ps)),
            ("H(P, Q)", cross),
            ("KL(P ‖ Q)", kl),
            ("KL(Q ‖ P)", back),
        ]
    else:
        rows = [
            ("H(Q)", it.entropy(qs)),
            ("H(Q, P)", it.cross_entropy(qs, ps)),
            ("KL(Q ‖ P)", back),
            ("KL(P ‖ Q)", kl),
        ]
    frame.numbers([(name, bits(value)) for name, value in rows])
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
        see = (
            "Switch **Draw KL** to Q ‖ P to see its infinitely tall bar."
            if way == "PQ"
            else "Its bar is the one marked ∞."
        )
        st.caption(
            f"KL(P ‖ Q) is finite but KL(Q ‖ P) is infinite: Q produces {allowed}, which P "
            f"rules out. The order matters. {see}"
        )
    elif abs(kl - back) > 1e-9:
        st.caption(
            f"KL(P ‖ Q) = {bits(kl)} but KL(Q ‖ P) = {bits(back)}: the divergence depends "
            "on which distribution you believe."
        )
    return parts


def probability_text(q: float, loss_nats: float) -> str:
    """A probability as a metric shows it: below what a float holds, e^−loss, never 0."""
    if q < TINY:
        return "e" + f"−{fmt(loss_nats, 6)}".translate(SUPERSCRIPT)
    return fmt(q, 4)


def body() -> frame.Plotted:
    """P and Q as code-length areas with their divergences; a classifier's softmax and loss."""
    plotted: frame.Plotted = {}
    inputs, picture = beside_controls()
    with inputs:
        p_weights = weights("P", P, key="ce_p")
        q_weights = weights("Q", Q, key="ce_q")
        with contextlib.suppress(frame.Halt):  # bad weights leave the classifier working
            plotted["P coded with Q"] = compare(p_weights, q_weights, picture)
    st.markdown("**A classifier's output** (logits z, then softmax)")
    logit_column, model_column = beside_controls()
    with logit_column:
        st.latex(LOSS)
        logits = [box() for box in Z]
        truth = TRUTH()
        t = OUTCOMES.index(truth)
        qs_model = it.softmax(logits)
        loss_nats = it.classifier_loss(logits, t)
        q_true = probability_text(float(qs_model[t]), loss_nats)
        frame.numbers(
            [
                (f"q({truth})", q_true),
                ("loss −ln q", fmt(loss_nats, 4)),
                ("in bits −log₂ q", bits(it.classifier_loss(logits, t, base=2))),
            ]
        )
    with model_column:
        qs_curve, nats = it.loss_curve()
        curve = pd.DataFrame({"q": qs_curve, "nats": nats})
        above = loss_nats > charts.LOSS_TOP
        point = pd.DataFrame(
            {
                "q": [float(qs_model[t])],
                "nats": [loss_nats],
                "shown": [min(loss_nats, charts.LOSS_TOP)],
                "text": [f"q({truth}) = {q_true}: loss {fmt(loss_nats, 3)} nats"],
                "above": [above],
            }
        )
        frame.chart(charts.loss_curve_chart, curve, point)
        cut = (
            f" The loss, {fmt(loss_nats, 4)} nats, is above the chart: the ▲ stands at its top."
            if above
            else ""
        )
        st.caption(
            "The loss is the surprise of the truth: −ln q, where q is the probability the "
            "model gave the true class. Sure and right (q near 1) costs almost nothing; "
            "sure and wrong (q near 0) costs without bound, so a model is pushed never to "
            "rule the truth out." + cut
        )
        onehot = [1.0 if o == truth else 0.0 for o in OUTCOMES]
        model = pair_table(onehot, qs_model)
        frame.chart(charts.compare_chart, model)
        st.caption(
            "P: the one-hot truth; Q: the softmax of the logits. P has one outcome, so "
            "H(P) = 0 and the loss is all KL: the surprise log 1/q of the true class. "
            "Machine-learning libraries use ln, so their loss is in nats (1 nat ≈ 1.44 bits)."
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
        r"H(P, Q) = \sum_x \underbrace{p(x)}_{\text{width}}\;"
        r"\underbrace{\log_2 \frac{1}{q(x)}}_{\text{Q's length}}",
        r"\begin{aligned}\mathrm{KL}(P\,\|\,Q) &= \sum_x p(x)\log_2\frac{p(x)}{q(x)}"
        r"\\ &= H(P, Q) - H(P)\end{aligned}",
    ),
    presets={
        "Same": preset(p=(1.0,) * 4, q=(1.0,) * 4),
        "One way only": preset(p=(8.0, 1.0, 1.0, 0.0), q=(1.0,) * 4),
        "The other way": preset(p=(8.0, 1.0, 1.0, 0.0), q=(1.0,) * 4, way="QP"),
        "Q misses one": preset(p=(1.0,) * 4, q=(1.0, 1.0, 1.0, 0.0)),
        "Confident and wrong": preset(z=(-2.0, 8.0, 0.0, 0.0)),
    },
    try_this=(
        "Press **Same**: P = Q, so H(P, Q) = H(P) and both KLs are 0.",
        "Press **One way only**: P never gives D, Q does. KL(P ‖ Q) = 1.08 bits, yet "
        "KL(Q ‖ P) is infinite. Press **The other way** (or switch **Draw KL** to Q ‖ P): "
        "now the bars are Q's, and D's bar, coded with P's lengths, is infinitely tall, "
        "marked ∞. KL is not a distance: the order matters.",
        "Press **Q misses one**: Q gives D no chance while P does, and KL(P ‖ Q) is infinite.",
        "Press **Confident and wrong**: the model puts almost everything on B while the "
        "truth is A. The red dot climbs the loss curve to q(A) = 4.5 × 10⁻⁵, a loss of "
        "about 10 nats. Drag **z(A)** up: the dot slides down the curve, and at 1000 "
        "softmax stays finite and the loss is 0.",
    ),
    body=body,
    download="cross_entropy.csv",
)
