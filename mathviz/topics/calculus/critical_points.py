"""Critical points found, marked on f, f′ and f″, and judged by the second derivative."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import calculus
from mathviz.catalog import Function1D
from mathviz.charts import calculus as charts
from mathviz.topics.calculus.functions import FunctionChoice, curve, require_interval
from mathviz.ui import frame
from mathviz.ui.controls import Slider
from mathviz.ui.format import fmt
from mathviz.ui.state import projector_on
from mathviz.ui.topic import Topic

MARK_LABELS = {
    "minimum": "min",
    "maximum": "max",
    "inconclusive": "inconclusive",
    "corner": "corner",
}
SHAPE_LABELS = {"undetermined": "can't tell: rounding hides it"}

F = FunctionChoice("crit_f", "Function f", "cubic", default_text="x^4 - 2*x^2")
A = Slider("crit_a", "From a", -10.0, 10.0, -2.5, step=0.1)
B = Slider("crit_b", "To b", -10.0, 10.0, 2.5, step=0.1)


def body() -> frame.Plotted:
    """Controls beside f, f′ and f″ on one x axis, the critical points ruled; counts; table."""
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
        flat_stretch = False
        flat_message = ""
        try:
            flat = calculus.critical_points(function, a, b, df=function.df)
        except calculus.FlatFunctionError as error:
            flat_message = f"{error}."
            flat, flat_stretch = np.array([]), True
        kinks = calculus.corners(function, a, b, df=function.df)
        crowd = calculus.crowded_stretch(flat, a, b)
        table = _judged(function, flat, kinks, a, b)
        # Where the points are too many to resolve, one shaded band stands for them all:
        # their marks would only pile into a blot.
        unresolved = calculus.unresolved_stretch(flat, a, b) if crowd else None
        drawn_table = table
        if unresolved:
            inside = (table["x"] >= unresolved[0]) & (table["x"] <= unresolved[1])
            drawn_table = table[~inside.to_numpy()]
        curves, points, ticks = _drawn(function, xs, drawn_table, kinks, span=b - a)
        band = pd.DataFrame(
            {"lo": [unresolved[0]], "hi": [unresolved[1]], "text": ["too many\nto resolve"]}
            if unresolved
            else {"lo": [], "hi": [], "text": []}
        )
        frame.chart(charts.critical_chart, curves, points, band, ticks, big=projector_on())
        counts = table["kind"].value_counts()
        counted = str(len(table)) + (" and a flat stretch" if flat_stretch else "")
        frame.numbers(
            [
                ("critical points", "too many to count" if crowd else counted),
                *(
                    (f"{name} ({condition})", "—" if crowd else str(counts.get(kind, 0)))
                    for kind, name, condition in (
                        ("minimum", "minima", "f″ > 0"),
                        ("maximum", "maxima", "f″ < 0"),
                        ("inconclusive", "inconclusive", "f″ = 0"),
                        ("corner", "corners", "f′ does not exist"),
                    )
                ),
            ]
        )
        if flat_message:
            st.info(flat_message, icon=":material/info:")
        if crowd:
            lo, hi = crowd
            st.warning(
                f"Between x = {fmt(lo, 3)} and {fmt(hi, 3)} f′ changes sign faster than the "
                f"search grid can follow, so some critical points may be missing: there are "
                "more there than the grid can resolve, maybe infinitely many (sin(1/x) has "
                "infinitely many, piling up at 0). The picture shades that stretch instead "
                f"of marking points in it; the table lists all {len(flat)} found, uncounted. "
                "Move a or b to leave that stretch out, and the rest are counted; where they "
                "are truly infinite, no interval round their pile-up point ever counts them.",
                icon=":material/warning:",
            )
        if len(kinks):
            st.caption(
                "Green rules mark corners: f′ jumps there (the rings on the slope panel show "
                "its values just left and just right), so no tangent is flat, yet f can turn "
                "— |x| and ReLU have their minimum at such a point. The second-derivative test "
                "cannot judge a corner; the slopes on either side do."
            )
        st.caption(
            "Move the pointer over the panels: a cursor reads f, f′ and f″ at the same x. "
            "Where f rises f′ is above 0, where f bends upwards f″ is; a critical point is "
            "where f′ crosses 0."
        )
    if len(table):
        # What f does first: on a phone the table scrolls sideways, and the verdict is the
        # column a learner looks for.
        shown = table.drop(columns="kind").assign(
            **{"f″(x)": [fmt(v) if np.isfinite(v) else "does not exist" for v in table["f″(x)"]]}
        )
        order = ["x", "what f does", "second-derivative test", "f(x)", "slope f′", "f″(x)"]
        # A plain table: its type follows the page's (larger on a projector), and on a
        # phone it scrolls sideways inside its own box.
        st.table(shown[order].round(6), hide_index=True)
    return {"f, f′ and f″": curves, "critical points": table}


def _judged(
    function: Function1D, flat: np.ndarray, kinks: np.ndarray, a: float, b: float
) -> pd.DataFrame:
    """Every critical point with its verdicts, in x order: flat tangents and corners."""
    found = np.sort(np.concatenate([flat, kinks]))
    is_kink = np.isin(found, kinks)
    # Judged together: a point's shape is read no farther than halfway to its neighbours,
    # corners included.
    tests, shapes = calculus.judge_critical_points(
        function, found, df=function.df, d2f=function.d2f, bounds=(a, b)
    )
    kinds = [str(t) for t in tests]
    slopes = ["0"] * len(found)
    turns = iter(calculus.judge_corners(function, found[is_kink]))
    for i in np.flatnonzero(is_kink):
        left, right = calculus.one_sided_slopes(function, float(found[i]))
        kinds[i], shapes[i] = "corner", next(turns)
        slopes[i] = f"jumps {fmt(left, 3)} → {fmt(right, 3)}"
    return pd.DataFrame(
        {
            "x": found,
            "f(x)": function(found),
            "slope f′": slopes,
            "f″(x)": np.where(is_kink, np.nan, function.d2f(found)),
            "second-derivative test": kinds,
            "what f does": [SHAPE_LABELS.get(shape, shape) for shape in shapes],
            "kind": kinds,
        }
    )


def _drawn(
    function: Function1D, xs: np.ndarray, table: pd.DataFrame, kinks: np.ndarray, *, span: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three curves, broken at corners, the marks on them, and each panel's values."""
    curves = []
    slopes_view = None
    for panel, values in (("f", function(xs)), ("f′", function.df(xs)), ("f″", function.d2f(xs))):
        view = charts.view_range(values)
        if panel == "f′":
            slopes_view = view
        at, drawn = charts.break_at(xs, charts.clip_far(values, view), kinks)
        curves.append(pd.DataFrame({"x": at, "value": drawn, "panel": panel}))
    found = table["x"].to_numpy()
    kinds = table["kind"].to_numpy(dtype=object)
    labels = [MARK_LABELS[k] for k in table["kind"]]
    stationary = (table["kind"] != "corner").to_numpy()
    flat_at = found[stationary]
    marks = [
        pd.DataFrame(
            {
                "x": found,
                "value": table["f(x)"],
                "panel": "f",
                "kind": kinds,
                "label": labels,
                "show": charts.thin_labels(found, span=span),
                "under": (table["what f does"] == "minimum").to_numpy(),
                "open": False,
                "ruled": charts.thin_labels(found, span=span, gap=0.005),
            }
        ),
        *(
            pd.DataFrame(
                {
                    "x": flat_at,
                    "value": values,
                    "panel": panel,
                    "kind": kinds[stationary],
                    "label": "",
                    "show": False,
                    "open": False,
                    "ruled": False,
                    "under": False,
                }
            )
            for panel, values in (
                ("f′", np.zeros(flat_at.size)),
                ("f″", table["f″(x)"].to_numpy()[stationary]),
            )
        ),
    ]
    # A corner's two one-sided slopes, as rings on the slope panel (when they fit in it).
    rings = []
    for x0 in kinks:
        for slope in calculus.one_sided_slopes(function, float(x0)):
            inside = slopes_view is not None and slopes_view[0] <= slope <= slopes_view[1]
            if np.isfinite(slope) and inside:
                rings.append((float(x0), slope))
    if rings:
        marks.append(
            pd.DataFrame(
                {
                    "x": [r[0] for r in rings],
                    "value": [r[1] for r in rings],
                    "panel": "f′",
                    "open": True,
                    "show": False,
                    "ruled": False,
                    "under": False,
                    "kind": "corner",
                    "label": "",
                }
            )
        )
    drawn = pd.concat(curves, ignore_index=True)
    return drawn, pd.concat(marks, ignore_index=True), _ticks(drawn)


def _ticks(curves: pd.DataFrame) -> pd.DataFrame:
    """Each panel's round values inside the range its curve spans, written on the panel."""
    rows: list[tuple[str, float, str]] = []
    for panel, drawn in curves.groupby("panel", sort=False):
        finite = drawn["value"][np.isfinite(drawn["value"])]
        if finite.empty:
            continue
        values = charts.nice_ticks(float(finite.min()), float(finite.max()))
        rows.extend((panel, value, f"{value:g}") for value in values)
    return pd.DataFrame(rows, columns=["panel", "value", "text"])


TOPIC = Topic(
    name="critical-points",
    prefix="crit",
    intro=(
        "At a smooth maximum or minimum the tangent is flat, so f′ = 0 there. The converse "
        "fails: x³ has f′(0) = 0 but keeps climbing. The sign of f″ usually settles it — "
        "curving up means a minimum, curving down a maximum — but when f″ = 0 as well the "
        "test is inconclusive, and x⁴ shows a minimum can hide there. A corner, where f′ "
        "does not exist at all, is a critical point too: |x| and ReLU turn there without a "
        "flat tangent."
    ),
    formulas=(
        r"f'(x_0) = 0 \ \text{ or } f'(x_0) \text{ does not exist}",
        r"f''(x_0) \begin{cases} > 0 & \text{minimum} \\ < 0 & "
        r"\text{maximum} \\ = 0 & \text{inconclusive} \end{cases}",
    ),
    presets={
        "Two extrema": {F: "cubic", A: -2.5, B: 2.5},
        "x³: flat, not extreme": {F: "cube", A: -2.0, B: 2.0},
        "x⁴: hidden minimum": {F: "quartic", A: -2.0, B: 2.0},
        "Waves": {F: "sin", A: -10.0, B: 10.0},
        "|x|: a corner": {F: "abs", A: -2.0, B: 2.0},
    },
    try_this=(
        "Press **x³: flat, not extreme**: f′ touches zero at 0 without changing sign, "
        "f″(0) = 0, and the table's column *what f does* says *neither*: f rises straight through.",
        "Press **x⁴: hidden minimum**: the test is inconclusive again, yet *what f does* "
        "shows a true minimum — f″ = 0 does not mean “no extremum”.",
        "Press **|x|: a corner**: no tangent is flat anywhere, yet 0 is a minimum. On the "
        "slope panel f′ jumps from −1 to 1 (the two rings) instead of passing through 0.",
        "Press **Waves** and follow a dashed rule down: each maximum of sin sits over a "
        "zero of f′ and a negative f″, each minimum over a positive one.",
        "Choose *type your own…*, enter `sin(1/x)` and set a = −1, b = 1: near 0 the "
        "critical points pile up without end, and the page says so instead of counting.",
    ),
    body=body,
)
