"""The derivative as the limit of secant slopes, and what limits h in floating point."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import calculus
from mathviz.catalog import Function1D
from mathviz.charts import calculus as charts
from mathviz.topics.calculus.functions import FunctionChoice, curve
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Slider
from mathviz.ui.format import fmt
from mathviz.ui.topic import Topic

# Steps from 1e-12 to 1 in quarter decades: the h slider moves on a log scale.
H_OPTIONS = tuple(10.0 ** (k / 4) for k in range(-48, 1))

F = FunctionChoice("der_f", "Function f", "sin", default_text="x^2 * exp(-x)")
X = Slider("der_x", "Point x", -5.0, 5.0, 1.0, step=0.05, help="Where to measure the slope of f.")
H = Choice(
    "der_h",
    "Step h (log scale)",
    H_OPTIONS,
    H_OPTIONS[-9],  # 1e-2
    label_of=lambda h: f"{h:.2g}",
    kind="slider",
    help="The gap between the two points of the secant, from 1e-12 to 1.",
)
SCHEME: Choice[calculus.Scheme] = Choice(
    "der_scheme",
    "Quotient",
    ("forward", "central"),
    "forward",
    kind="radio",
    help="Forward uses x and x + h; central uses x − h and x + h.",
)


def body() -> frame.Plotted:
    """Controls; f with its secant and tangent; the quotients' error against h."""
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        function, x, h, scheme = F(), X(), H(), SCHEME()
    with view:
        fx = float(function(x))
        if not math.isfinite(fx):
            _undefined(function, x, fx)
        left, right, quotient = calculus.secant(function, x, h, scheme=scheme)
        exact = float(function.df(x))
        lo, hi = min(-5.0, x - 1.5), max(5.0, x + 1.5)
        xs, ys = curve(function, lo, hi)
        y_view = charts.view_range(ys)
        f_left = float(function(left))
        ends = np.array([lo, hi])
        secant = calculus.line_through(left, f_left, quotient, ends)
        lines = pd.concat(
            [
                pd.DataFrame({"x": xs, "y": charts.clip_far(ys, y_view), "line": "f"}),
                pd.DataFrame({"x": ends, "y": secant, "line": "secant"}),
                pd.DataFrame(
                    {"x": ends, "y": calculus.line_through(x, fx, exact, ends), "line": "tangent"}
                )
                if math.isfinite(exact)
                else None,
            ]
        )
        points = pd.DataFrame(
            {
                "x": [left, right],
                "y": [f_left, float(function(right))],
                "label": ["x − h" if scheme == "central" else "x", "x + h"],
                "side": ["left", "right"],
            }
        )
        frame.metrics(
            [
                ("difference quotient", fmt(quotient, 10)),
                ("exact f′(x)", fmt(exact, 10)),
                ("error", fmt(abs(quotient - exact), 3) if math.isfinite(exact) else "—"),
            ]
        )
        frame.chart(charts.secant_chart, lines, points, y_domain=y_view)
        if not math.isfinite(quotient):
            st.info(
                f"f has no value at {'x − h or ' if scheme == 'central' else ''}x + h, so the "
                "quotient is undefined: shrink h or move x away from the edge of f's domain.",
                icon=":material/info:",
            )
        errors = _error_chart(function, x, h, exact)
    return {"f, secant and tangent": lines, "secant points": points, "error vs h": errors}


def _undefined(function: Function1D, x: float, fx: float) -> None:
    nearby = function(x + np.array([-1e-6, 1e-6]) * max(1.0, abs(x)))
    frame.problem(
        f"f(x) at x = {x:g} is too large for floating-point numbers (it overflows to "
        "∞). Move x where f is smaller."
        if math.isinf(fx) and np.isinf(nearby).all()
        else f"f is not defined at x = {x:g}"
        + (": it blows up to infinity there." if math.isinf(fx) else ".")
        + " Move x to a point where f has a value."
    )
    raise frame.Halt


def _error_chart(function: Function1D, x: float, h: float, exact: float) -> pd.DataFrame:
    """The quotients' errors against h, log-log, when f′(x) exists; the table drawn."""
    if math.isinf(exact):
        st.info(
            f"f′({x:g}) is infinite: the tangent is vertical, so the quotients grow without "
            "bound as h shrinks.",
            icon=":material/info:",
        )
        return pd.DataFrame({"h": [], "error": [], "scheme": []})
    if math.isnan(exact):
        st.info(
            f"f has no derivative at x = {x:g}: the secant's slope depends on which "
            "side h comes from, so the quotients never settle on one number.",
            icon=":material/info:",
        )
        return pd.DataFrame({"h": [], "error": [], "scheme": []})
    hs = np.asarray(H_OPTIONS)
    tables, guides = [], []
    orders: tuple[tuple[calculus.Scheme, int], ...] = (("forward", 1), ("central", 2))
    for scheme, order in orders:
        err = calculus.quotient_errors(function, function.df, x, hs, scheme=scheme)
        err = np.where(err > 0, err, np.nan)  # an exact hit has no place on a log axis
        tables.append(pd.DataFrame({"h": hs, "error": err, "scheme": scheme}))
        guides.append(charts.slope_guides(hs, err, order))
    errors = pd.concat(tables)
    st.markdown("**How the error depends on h** (log–log; dashed guides have slope 1 and 2)")
    if errors["error"].notna().any():
        guide = pd.concat([g for g in guides if len(g)] or guides[:1])
        frame.chart(charts.quotient_error_chart, errors, guide, pd.DataFrame({"h": [h]}))
    else:
        st.caption(
            "Every quotient is exact here — f is a straight line near x — so there is "
            "no error to plot."
        )
    return errors


TOPIC = Topic(
    name="derivative",
    prefix="der",
    intro=(
        "The derivative is the slope of the tangent line. Draw the secant through "
        "(x, f(x)) and (x + h, f(x + h)); as the step h shrinks, its slope settles on "
        "f′(x). On a computer h cannot shrink for ever: below about 10⁻⁸ the two values of f "
        "agree in almost every digit, and their difference is mostly rounding noise."
    ),
    formulas=(
        r"f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}",
        r"\text{central: } f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}",
    ),
    presets={
        "Wide secant": {F: "sin", X: 1.0, H: 1.0, SCHEME: "forward"},
        "Sweet spot": {F: "sin", X: 1.0, H: H_OPTIONS[-21], SCHEME: "central"},
        "Round-off wins": {F: "exp", X: 1.0, H: H_OPTIONS[0], SCHEME: "forward"},
        "Corner of |x|": {F: "abs", X: 0.0, H: 0.1, SCHEME: "forward"},
    },
    try_this=(
        "Press **Wide secant**, then drag **Step h** from 1 down to 1e-04: the secant swings "
        "onto the tangent and the error falls from 0.47 to 4e-05 — four decades of h, four "
        "decades of error: slope 1 on the log–log chart.",
        "Switch **Quotient** to *central*: the error falls like h², twice as steep, and "
        "bottoms out below 1e-12 near h = 5.6e-06, thousands of times better than the "
        "forward quotient's best (2.5e-09 near h = 1e-08).",
        "Press **Round-off wins**: exp at x = 1 with h = 1e-12 is off by 4e-04, three times "
        "worse than at h = 1e-04. Left of the sweet spot the error climbs like 1/h.",
        "Press **Corner of |x|**: the forward quotient says 1, a backward one would say −1; "
        "no h fixes that, because f′(0) does not exist.",
    ),
    body=body,
)
