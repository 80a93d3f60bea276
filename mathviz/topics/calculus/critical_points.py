"""Critical points found, marked on f, f′ and f″, and judged by the second derivative."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import calculus
from mathviz.charts import calculus as charts
from mathviz.topics.calculus.functions import FunctionChoice, curve, require_interval
from mathviz.ui import frame
from mathviz.ui.controls import Slider
from mathviz.ui.topic import Topic

VERDICT_LABELS = {"minimum": "min", "maximum": "max", "inconclusive": "test silent"}
SHAPE_LABELS = {"undetermined": "can't tell: rounding hides it"}

F = FunctionChoice("crit_f", "Function f", "cubic", default_text="x^4 - 2*x^2")
A = Slider("crit_a", "From a", -10.0, 10.0, -2.5, step=0.1)
B = Slider("crit_b", "To b", -10.0, 10.0, 2.5, step=0.1)


def body() -> frame.Plotted:
    """Controls; f, f′ and f″ with the critical points marked; the verdicts in a table."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        function, a, b = F(), A(), B()
    with view:
        require_interval(a, b)
        xs, ys = curve(function, a, b)
        if not np.isfinite(ys).any():
            frame.problem(
                f"f has no value anywhere on [{a:g}, {b:g}]. Move the interval into f's domain."
            )
            raise frame.Halt
        try:
            found = calculus.critical_points(function, a, b, df=function.df)
        except calculus.FlatFunctionError as error:
            st.info(f"{error}.", icon=":material/info:")
            found = np.array([])
        if calculus.too_close_to_resolve(found, a, b):
            st.warning(
                f"f′ changes sign {len(found)} times here, faster than the search grid can "
                "follow, so some critical points may be missing. Narrow [a, b] to see them all.",
                icon=":material/warning:",
            )
        tests, shapes = calculus.judge_critical_points(
            function, found, df=function.df, d2f=function.d2f, bounds=(a, b)
        )
        table = pd.DataFrame(
            {
                "x": found,
                "f(x)": function(found),
                "f″(x)": function.d2f(found),
                "second-derivative test": tests,
                "what f does": [SHAPE_LABELS.get(shape, shape) for shape in shapes],
            }
        )
        marked = {"f": table["f(x)"], "f′": np.zeros(len(table)), "f″": table["f″(x)"]}
        panels = {}  # one curve and its marks per panel, drawn as separate full-width charts
        for panel, values in (("f", ys), ("f′", function.df(xs)), ("f″", function.d2f(xs))):
            line = pd.DataFrame(
                {
                    "x": xs,
                    "value": charts.clip_far(values, charts.view_range(values)),
                    "panel": panel,
                }
            )
            marks = pd.DataFrame(
                {
                    "x": found,
                    "value": marked[panel],
                    "panel": panel,
                    "kind": tests,
                    "label": [VERDICT_LABELS[v] for v in tests],
                }
            )
            panels[panel] = (line, marks)
        frame.metrics(
            [
                ("critical points", str(len(table))),
                ("minima (f″ > 0)", str(tests.count("minimum"))),
                ("maxima (f″ < 0)", str(tests.count("maximum"))),
                ("test silent (f″ = 0)", str(tests.count("inconclusive"))),
            ]
        )
        for panel, (line, marks) in panels.items():
            frame.chart(charts.critical_chart, line, marks, panel=panel, labelled=panel == "f")
        if len(table):
            st.dataframe(table.round(6), hide_index=True, width="stretch")
    return {**{panel: line for panel, (line, _) in panels.items()}, "critical points": table}


TOPIC = Topic(
    name="critical-points",
    prefix="crit",
    intro=(
        "At a smooth maximum or minimum the tangent is flat, so f′ = 0 there. The converse "
        "fails: x³ has f′(0) = 0 but keeps climbing. The sign of f″ usually settles it — "
        "curving up means a minimum, curving down a maximum — but when f″ = 0 as well the "
        "test is silent, and x⁴ shows a minimum can hide there."
    ),
    formulas=(
        r"f'(x_0) = 0",
        r"f''(x_0) \begin{cases} > 0 & \text{minimum} \\ < 0 & "
        r"\text{maximum} \\ = 0 & \text{the test is silent} \end{cases}",
    ),
    presets={
        "Two extrema": {F: "cubic", A: -2.5, B: 2.5},
        "x³: flat, not extreme": {F: "cube", A: -2.0, B: 2.0},
        "x⁴: hidden minimum": {F: "quartic", A: -2.0, B: 2.0},
        "Waves": {F: "sin", A: -10.0, B: 10.0},
    },
    try_this=(
        "Press **x³: flat, not extreme**: f′ touches zero at 0 without changing sign, "
        "f″(0) = 0, and the last column says *neither*: f rises straight through.",
        "Press **x⁴: hidden minimum**: the test is silent again, yet the table's last column "
        "shows a true minimum — f″ = 0 does not mean “no extremum”.",
        "Press **Waves** and count: maxima of sin sit where f″ = −sin x < 0, minima where it "
        "is positive, alternating.",
        "Choose *type your own…* and enter `x^4 - 2*x^2`: two minima and a maximum between.",
    ),
    body=body,
)
