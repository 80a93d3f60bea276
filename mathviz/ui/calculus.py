"""The Calculus page's four topics, each an ``st.fragment``: controls → compute → render.

URL keys are prefixed by topic (``der_``, ``crit_``, ``chain_``, ``int_``) so they never
clash on the page and read clearly in a shared link.
"""

from __future__ import annotations

import contextlib
import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import calculus
from mathviz.catalog import FUNCTIONS, Function1D
from mathviz.catalog import typed as parse_typed
from mathviz.charts import calculus as charts
from mathviz.expressions import ExpressionError
from mathviz.ui import frame, state

TYPED = "typed"
CURVE_POINTS = 400
CROWDED = 100  # more critical points than this and the 4001-point search grid is too coarse
# Steps from 1e-12 to 1 in quarter decades: the h slider moves on a log scale.
H_OPTIONS = tuple(10.0 ** (k / 4) for k in range(-48, 1))
H_DEFAULT = H_OPTIONS[-9]  # 1e-2


# Parsing and differentiating a typed function twice costs about a millisecond; a move of
# another slider should not pay it again. Function1D is immutable, so sessions can share it.
typed = functools.lru_cache(maxsize=256)(parse_typed)


def _h_label(h: float) -> str:
    return f"{h:.2g}"


def _function_label(name: str) -> str:
    return FUNCTIONS[name].label if name in FUNCTIONS else "type your own…"


def pick_function(
    label: str, *, key: str, default: str, default_text: str, symbol: str = "f"
) -> Function1D:
    """A catalog menu with a "type your own" choice; bad typing keeps the last good function.

    Parameters
    ----------
    label : str
        The menu's label.
    key : str
        URL key of the menu; the typed text lives under ``key + "_text"``.
    default : str
        Catalog name chosen when nothing else is.
    default_text : str
        The formula offered when the learner first chooses to type.
    symbol : str
        The function's name in messages ("f", "g").
    """
    name = state.selectbox(
        label, [*FUNCTIONS, TYPED], default, key=key, format_func=_function_label
    )
    if name != TYPED:
        return FUNCTIONS[name]
    good_key = f"_{key}_good"
    text = state.text_input(
        "Your function of x",
        default_text,
        key=f"{key}_text",
        help="Use x, numbers, + − * / ^, pi, e and sin cos tan exp log log2 log10 sqrt abs "
        "tanh sinh cosh sech arctan arcsin arccos sigmoid relu sign.",
    )
    try:
        function = typed(text)
    except ExpressionError as error:
        fallback = st.session_state.get(good_key, default_text)
        frame.problem(f"{error}. Still showing {symbol}(x) = {fallback}.")
        return typed(fallback)
    st.session_state[good_key] = text
    return function


def _view_range(ys: np.ndarray) -> tuple[float, float] | None:
    """A y range that shows the shape even when the curve shoots off to infinity."""
    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        return None
    lo, hi = np.percentile(finite, [2, 98])
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.12 * (hi - lo)
    return float(lo - pad), float(hi + pad)


def _curve(function: Function1D, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    xs = np.linspace(lo, hi, CURVE_POINTS)
    return xs, function(xs)


def _clip_far(ys: np.ndarray, view: tuple[float, float] | None) -> np.ndarray:
    """Blank values far outside the view, so a pole leaves a gap rather than a wall."""
    if view is None:
        return ys
    span = view[1] - view[0]
    return np.where((ys < view[0] - 5 * span) | (ys > view[1] + 5 * span), np.nan, ys)


# ---------------------------------------------------------------- derivative


@st.fragment
def derivative_topic() -> None:
    """The derivative as the limit of secant slopes, and what limits h in floating point."""
    frame.intro(
        "The derivative is the slope of the tangent line. Draw the secant through "
        "(x, f(x)) and (x + h, f(x + h)); as the step h shrinks, its slope settles on "
        "f′(x). On a computer h cannot shrink for ever: below about 10⁻⁸ the two values of f "
        "agree in almost every digit, and their difference is mostly rounding noise.",
        [
            r"f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}",
            r"\text{central: } f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}",
        ],
    )
    frame.presets(
        {
            "Wide secant": {"der_f": "sin", "der_x": 1.0, "der_h": 1.0, "der_scheme": "forward"},
            "Sweet spot": {
                "der_f": "sin",
                "der_x": 1.0,
                "der_h": H_OPTIONS[-21],
                "der_scheme": "central",
            },
            "Round-off wins": {
                "der_f": "exp",
                "der_x": 1.0,
                "der_h": H_OPTIONS[0],
                "der_scheme": "forward",
            },
            "Corner of |x|": {"der_f": "abs", "der_x": 0.0, "der_h": 0.1, "der_scheme": "forward"},
        },
        key="der",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    # controls
    with controls:
        function = pick_function(
            "Function f", key="der_f", default="sin", default_text="x^2 * exp(-x)"
        )
        x = state.slider(
            "Point x",
            -5.0,
            5.0,
            1.0,
            step=0.05,
            key="der_x",
            help="Where to measure the slope of f.",
        )
        h = state.select_slider(
            "Step h (log scale)",
            H_OPTIONS,
            H_DEFAULT,
            key="der_h",
            format_func=_h_label,
            help="The gap between the two points of the secant, from 1e-12 to 1.",
        )
        scheme = state.radio(
            "Quotient",
            ["forward", "central"],
            "forward",
            key="der_scheme",
            help="Forward uses x and x + h; central uses x − h and x + h.",
        )
    # compute
    fx = float(function(x))
    plotted: dict[str, pd.DataFrame] = {}
    with view, contextlib.suppress(frame.Halt):
        if not math.isfinite(fx):
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
        quotient = float(calculus.difference_quotient(function, x, h, scheme=scheme))
        exact = float(function.df(x))
        lo, hi = min(-5.0, x - 1.5), max(5.0, x + 1.5)
        xs, ys = _curve(function, lo, hi)
        y_view = _view_range(ys)
        ys = _clip_far(ys, y_view)
        left = x - h if scheme == "central" else x
        right = x + h
        f_left = float(function(left))
        lines = pd.concat(
            [
                pd.DataFrame({"x": xs, "y": ys, "line": "f"}),
                pd.DataFrame(
                    {
                        "x": [lo, hi],
                        "y": [f_left + quotient * (lo - left), f_left + quotient * (hi - left)],
                        "line": "secant",
                    }
                ),
                pd.DataFrame(
                    {
                        "x": [lo, hi],
                        "y": [fx + exact * (lo - x), fx + exact * (hi - x)],
                        "line": "tangent",
                    }
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
        # render
        frame.metrics(
            [
                ("difference quotient", frame.fmt(quotient, 10)),
                ("exact f′(x)", frame.fmt(exact, 10)),
                ("error", frame.fmt(abs(quotient - exact), 3) if math.isfinite(exact) else "—"),
            ]
        )
        frame.chart(charts.secant_chart, lines, points, y_domain=y_view)
        if not math.isfinite(quotient):
            st.info(
                f"f has no value at {'x − h or ' if scheme == 'central' else ''}x + h, so the "
                "quotient is undefined: shrink h or move x away from the edge of f's domain.",
                icon=":material/info:",
            )
        errors = pd.DataFrame({"h": [], "error": [], "scheme": []})
        if math.isinf(exact):
            st.info(
                f"f′({x:g}) is infinite: the tangent is vertical, so the quotients grow without "
                "bound as h shrinks.",
                icon=":material/info:",
            )
        elif math.isnan(exact):
            st.info(
                f"f has no derivative at x = {x:g}: the secant's slope depends on which "
                "side h comes from, so the quotients never settle on one number.",
                icon=":material/info:",
            )
        else:
            errors, guides = _quotient_errors(function, x)
            st.markdown(
                "**How the error depends on h** (log–log; dashed guides have slope 1 and 2)"
            )
            if errors["error"].notna().any():
                frame.chart(charts.quotient_error_chart, errors, guides, pd.DataFrame({"h": [h]}))
            else:
                st.caption(
                    "Every quotient is exact here — f is a straight line near x — so there is "
                    "no error to plot."
                )
        plotted = {"f, secant and tangent": lines, "secant points": points, "error vs h": errors}
    frame.try_this(
        [
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
        ]
    )
    if plotted:
        frame.download(plotted, file_name="derivative.csv", key="der_csv")


def _quotient_errors(function: Function1D, x: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    hs = np.asarray(H_OPTIONS)
    frames, guides = [], []
    for scheme, order in (("forward", 1), ("central", 2)):
        err = calculus.quotient_errors(function, function.df, x, hs, scheme=scheme)
        err = np.where(err > 0, err, np.nan)  # an exact hit has no place on a log axis
        frames.append(pd.DataFrame({"h": hs, "error": err, "scheme": scheme}))
        anchor = err[hs >= 1e-2][0] if np.isfinite(err[hs >= 1e-2][0]) else np.nan
        if math.isfinite(anchor) and anchor > 1e-14:
            guide_h = hs[hs >= 10.0 ** (-4 / order)]
            guides.append(
                pd.DataFrame(
                    {
                        "h": guide_h,
                        "error": anchor * (guide_h / 1e-2) ** order,
                        "guide": f"slope {order}",
                        "end": guide_h == guide_h[0],
                    }
                )
            )
    guide_frame = (
        pd.concat(guides) if guides else pd.DataFrame(columns=["h", "error", "guide", "end"])
    )
    return pd.concat(frames), guide_frame


# ---------------------------------------------------------------- critical points

VERDICT_LABELS = {"minimum": "min", "maximum": "max", "inconclusive": "test silent"}
SHAPE_LABELS = {"undetermined": "can't tell: rounding hides it"}


@st.fragment
def critical_points_topic() -> None:
    """Critical points found, marked on f, f′ and f″, and judged by the second derivative."""
    frame.intro(
        "At a smooth maximum or minimum the tangent is flat, so f′ = 0 there. The converse "
        "fails: x³ has f′(0) = 0 but keeps climbing. The sign of f″ usually settles it — "
        "curving up means a minimum, curving down a maximum — but when f″ = 0 as well the "
        "test is silent, and x⁴ shows a minimum can hide there.",
        [
            r"f'(x_0) = 0",
            r"f''(x_0) \begin{cases} > 0 & \text{minimum} \\ < 0 & "
            r"\text{maximum} \\ = 0 & \text{the test is silent} \end{cases}",
        ],
    )
    frame.presets(
        {
            "Two extrema": {"crit_f": "cubic", "crit_a": -2.5, "crit_b": 2.5},
            "x³: flat, not extreme": {"crit_f": "cube", "crit_a": -2.0, "crit_b": 2.0},
            "x⁴: hidden minimum": {"crit_f": "quartic", "crit_a": -2.0, "crit_b": 2.0},
            "Waves": {"crit_f": "sin", "crit_a": -10.0, "crit_b": 10.0},
        },
        key="crit",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        function = pick_function(
            "Function f", key="crit_f", default="cubic", default_text="x^4 - 2*x^2"
        )
        a = state.slider("From a", -10.0, 10.0, -2.5, step=0.1, key="crit_a")
        b = state.slider("To b", -10.0, 10.0, 2.5, step=0.1, key="crit_b")
    plotted: dict[str, pd.DataFrame] = {}
    with view, contextlib.suppress(frame.Halt):
        if not a < b:
            frame.problem(
                f"The interval needs a < b; now a = {a:g} and b = {b:g}. "
                "Move **From a** left or **To b** right."
            )
            raise frame.Halt
        xs = np.linspace(a, b, CURVE_POINTS)
        if not np.isfinite(function(xs)).any():
            frame.problem(
                f"f has no value anywhere on [{a:g}, {b:g}]. Move the interval into f's domain."
            )
            raise frame.Halt
        try:
            found = calculus.critical_points(function, a, b, df=function.df)
        except calculus.FlatFunctionError as error:
            st.info(f"{error}.", icon=":material/info:")
            found = np.array([])
        if len(found) > CROWDED:
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
        verdicts = table["second-derivative test"].to_numpy()
        labels = [VERDICT_LABELS[v] for v in verdicts]
        marked = {"f": table["f(x)"], "f′": np.zeros(len(table)), "f″": table["f″(x)"]}
        panels = {}  # one curve and its marks per panel, drawn as separate full-width charts
        for panel, values in (
            ("f", function(xs)),
            ("f′", function.df(xs)),
            ("f″", function.d2f(xs)),
        ):
            curve = pd.DataFrame(
                {"x": xs, "value": _clip_far(values, _view_range(values)), "panel": panel}
            )
            marks = pd.DataFrame(
                {
                    "x": found,
                    "value": marked[panel],
                    "panel": panel,
                    "kind": verdicts,
                    "label": labels,
                }
            )
            panels[panel] = (curve, marks)
        counts = table["second-derivative test"].value_counts()
        frame.metrics(
            [
                ("critical points", str(len(table))),
                ("minima (f″ > 0)", str(counts.get("minimum", 0))),
                ("maxima (f″ < 0)", str(counts.get("maximum", 0))),
                ("test silent (f″ = 0)", str(counts.get("inconclusive", 0))),
            ]
        )
        for panel, (curve, marks) in panels.items():
            frame.chart(charts.critical_chart, curve, marks, panel=panel, labelled=panel == "f")
        if len(table):
            st.dataframe(table.round(6), hide_index=True, width="stretch")
        plotted = {
            **{panel: curve for panel, (curve, _) in panels.items()},
            "critical points": table,
        }
    frame.try_this(
        [
            "Press **x³: flat, not extreme**: f′ touches zero at 0 without changing sign, "
            "f″(0) = 0, and the last column says *neither*: f rises straight through.",
            "Press **x⁴: hidden minimum**: the test is silent again, yet the table's last column "
            "shows a true minimum — f″ = 0 does not mean “no extremum”.",
            "Press **Waves** and count: maxima of sin sit where f″ = −sin x < 0, minima where it "
            "is positive, alternating.",
            "Choose *type your own…* and enter `x^4 - 2*x^2`: two minima and a maximum between.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="critical_points.csv", key="crit_csv")


# ---------------------------------------------------------------- chain rule


@st.fragment
def chain_rule_topic() -> None:
    """f(g(x)): the slope of the composition is the product of the two local slopes."""
    frame.intro(
        "Feed x through g, then feed g(x) through f. Near x, g stretches small changes by "
        "g′(x); near g(x), f stretches them again by f′(g(x)). Stretches multiply, so the "
        "slope of the composition is their product. Backpropagation in a neural network is "
        "this rule applied layer after layer.",
        [r"\big(f(g(x))\big)' = f'\big(g(x)\big)\, g'(x)"],
    )
    frame.presets(
        {
            "sin(x²)": {"chain_f": "sin", "chain_g": "square", "chain_x": 1.5},
            "exp(sin x)": {"chain_f": "exp", "chain_g": "sin", "chain_x": 0.5},
            "σ(x³) flat at 0": {"chain_f": "sigmoid", "chain_g": "cube", "chain_x": 0.0},
            "log of a bell": {"chain_f": "log", "chain_g": "bell", "chain_x": 1.0},
        },
        key="chain",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        outer = pick_function("Outer f", key="chain_f", default="sin", default_text="x^2 + 1")
        inner = pick_function(
            "Inner g", key="chain_g", default="square", default_text="3*x - 1", symbol="g"
        )
        x = state.slider("Point x", -4.0, 4.0, 1.5, step=0.05, key="chain_x")
    u = float(inner(x))
    plotted: dict[str, pd.DataFrame] = {}
    with view, contextlib.suppress(frame.Halt):
        if not math.isfinite(u):
            frame.problem(
                f"g has no value at x = {x:g}, so neither has f(g(x)). Move x or pick "
                "another inner function."
            )
            raise frame.Halt
        if not math.isfinite(float(outer(u))):
            frame.problem(
                f"f has no value at u = g(x) = {frame.fmt(u)}, so f(g(x)) is undefined at "
                f"x = {x:g}. Move x or pick other functions."
            )
            raise frame.Halt
        g_slope, f_slope = float(inner.df(x)), float(outer.df(u))
        product = f_slope * g_slope

        def composed(t: np.ndarray) -> np.ndarray:
            return outer(inner(t))

        numeric = float(calculus.difference_quotient(composed, x, 1e-6, scheme="central"))
        panels = _chain_panels(
            outer, inner, x=x, u=u, g_slope=g_slope, f_slope=f_slope, product=product
        )
        plotted = {
            p.title: pd.concat([p.lines, p.point.assign(line="point")], ignore_index=True)
            for p in panels
        }
        frame.metrics(
            [
                ("g′(x)", frame.fmt(g_slope)),
                ("f′(g(x))", frame.fmt(f_slope)),
                ("product", frame.fmt(product, 10)),
                ("difference quotient", frame.fmt(numeric, 10)),
            ]
        )
        if not math.isfinite(product):
            st.info(
                "One of the slopes does not exist here, so neither does the product: "
                "the composition has a corner or an infinite slope at this x.",
                icon=":material/info:",
            )
        else:
            st.caption(
                f"Chain rule {frame.fmt(product, 10)} and the central difference "
                f"quotient {frame.fmt(numeric, 10)} (h = 1e-06) differ by "
                f"{frame.fmt(abs(product - numeric), 2)}."
            )
    if plotted:  # the panels span the page: side by side in the narrow column they were tiny
        for column, panel in zip(st.columns(3), panels, strict=True):
            with column:
                frame.chart(
                    charts.chain_panel_chart,
                    panel.lines,
                    panel.point,
                    title=panel.title,
                    x_title=panel.x_title,
                )
    frame.try_this(
        [
            "Press **sin(x²)** and move **Point x** to 0: g′(0) = 0 flattens the composition, "
            "whatever f does.",
            "Press **σ(x³) flat at 0**: σ′(0) = 1/4 but g′(0) = 0, so the product is 0 — a flat "
            "spot that vanishing gradients come from.",
            "Press **exp(sin x)** and drag x: the product and the difference quotient agree to "
            "about eight digits everywhere.",
            "Press **log of a bell**: $\\log(e^{-x^2}) = -x^2$, so the slope must be $-2x$; "
            "check it at x = 1.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="chain_rule.csv", key="chain_csv")


@dataclass(frozen=True)
class _ChainPanel:
    title: str
    x_title: str
    lines: pd.DataFrame  # x, y, line ("f" or "tangent")
    point: pd.DataFrame  # x, y, label


def _chain_panels(
    outer: Function1D,
    inner: Function1D,
    *,
    x: float,
    u: float,
    g_slope: float,
    f_slope: float,
    product: float,
) -> list[_ChainPanel]:
    span = 2.0
    panels = []
    for title, function, at, slope, x_title in (
        ("inner g(x)", inner, x, g_slope, "x"),
        ("outer f(u)", outer, u, f_slope, "u = g(x)"),
        ("f(g(x))", lambda t: outer(inner(t)), x, product, "x"),
    ):
        ts = np.linspace(at - span, at + span, 200)
        ys = np.asarray(function(ts), dtype=float)
        y0 = float(function(at))
        ys = _clip_far(ys, _view_range(ys))
        ends = ts[[0, -1]]
        tangent = y0 + slope * (ends - at) if math.isfinite(slope) else [np.nan, np.nan]
        lines = pd.DataFrame(
            {
                "x": np.concatenate([ts, ends]),
                "y": np.concatenate([ys, tangent]),
                "line": ["f"] * len(ts) + ["tangent"] * 2,
            }
        )
        point = pd.DataFrame({"x": [at], "y": [y0], "label": [f"slope {slope:.3g}"]})
        panels.append(_ChainPanel(title, x_title, lines, point))
    return panels


# ---------------------------------------------------------------- integral

RULE_NAMES = ("left", "right", "midpoint", "trapezoid")


@st.fragment
def integral_topic() -> None:
    """Riemann sums converging to the signed area, and the accumulation function F."""
    frame.intro(
        "Cut [a, b] into n equal pieces, take a height for each — at its left end, right "
        "end, middle, or the average of both ends — and add up width × height. Area below "
        "the axis counts as negative. As n grows the sums close in on the integral; the "
        "midpoint and trapezoid rules close in much faster. Read as a function of its upper "
        "end, the integral F(x) = ∫ₐˣ f has slope f: integration undoes differentiation.",
        [
            r"\int_a^b f(x)\,dx \approx \sum_{i=1}^{n} f(x_i^{*})\,\Delta x,"
            r"\quad \Delta x = \frac{b - a}{n}",
            r"F(x) = \int_a^x f(t)\,dt \quad\Longrightarrow\quad F'(x) = f(x)",
        ],
    )
    frame.presets(
        {
            "∫ sin over [−π, π] = 0": {
                "int_f": "sin",
                "int_a": -math.pi,
                "int_b": math.pi,
                "int_n": 8,
                "int_rule": "midpoint",
            },
            "Left vs right on exp": {
                "int_f": "exp",
                "int_a": 0.0,
                "int_b": 2.0,
                "int_n": 6,
                "int_rule": "left",
            },
            "Bell curve area √π": {
                "int_f": "bell",
                "int_a": -4.0,
                "int_b": 4.0,
                "int_n": 10,
                "int_rule": "trapezoid",
            },
            "A pole: 1/x": {
                "int_f": "reciprocal",
                "int_a": -1.0,
                "int_b": 1.0,
                "int_n": 10,
                "int_rule": "midpoint",
            },
        },
        key="int",
    )
    controls, view = st.columns([1, 2.3], gap="large")
    with controls:
        function = pick_function("Function f", key="int_f", default="sin", default_text="x^2 - 1")
        a = state.slider("From a", -10.0, 10.0, 0.0, step=0.1, key="int_a")
        b = state.slider("To b", -10.0, 10.0, 3.0, step=0.1, key="int_b")
        n = state.slider(
            "Pieces n", 1, 200, 6, key="int_n", help="How many equal pieces cut [a, b]."
        )
        rule = state.radio(
            "Height taken at",
            list(RULE_NAMES),
            "left",
            key="int_rule",
            help="Where each piece takes its height; trapezoid averages both ends.",
        )
    plotted: dict[str, pd.DataFrame] = {}
    with view, contextlib.suppress(frame.Halt):
        if not a < b:
            frame.problem(
                f"The interval needs a < b; now a = {a:g} and b = {b:g}. "
                "Move **From a** left or **To b** right."
            )
            raise frame.Halt
        total = calculus.riemann_sum(function, a, b, n, rule=rule)
        exact = calculus.definite_integral(function, a, b)
        left, right, y_left, y_right = calculus.riemann_pieces(function, a, b, n, rule=rule)
        xs = np.linspace(a, b, CURVE_POINTS)
        ys = function(xs)
        ys = _clip_far(ys, _view_range(ys))
        if not math.isfinite(exact):
            frame.problem(
                f"f is unbounded or undefined inside [{a:g}, {b:g}], so the area is not a "
                "finite number and the sums cannot settle. Move a and b so the interval "
                "avoids the trouble spot."
            )
            frame.chart(
                charts.riemann_chart,
                pd.DataFrame({"x": xs, "y": ys}),
                pd.DataFrame({"piece": [], "x": [], "y": [], "sign": []}),
            )
            raise frame.Halt
        drawable = np.isfinite(y_left) & np.isfinite(y_right)
        pieces = pd.DataFrame(
            {
                "piece": np.repeat(np.flatnonzero(drawable), 2),
                "x": np.column_stack([left, right])[drawable].ravel(),
                "y": np.column_stack([y_left, y_right])[drawable].ravel(),
            }
        )
        middle = (y_left + y_right)[drawable] / 2
        pieces["sign"] = np.where(np.repeat(middle, 2) >= 0, "positive", "negative")
        frame.metrics(
            [
                (f"{rule} sum, n = {n}", frame.fmt(total, 10)),
                ("integral (quadrature)", frame.fmt(exact, 10)),
                ("error", frame.fmt(abs(total - exact), 3) if math.isfinite(total) else "—"),
            ]
        )
        if not math.isfinite(total):
            st.warning(
                "A sample point of this sum lands where f has no value, so the sum is undefined "
                "even though the area is finite. Change **Pieces n** or **Height taken at**.",
                icon=":material/warning:",
            )
        frame.chart(charts.riemann_chart, pd.DataFrame({"x": xs, "y": ys}), pieces)
        errors = _sum_errors(function, a, b, exact)
        st.markdown(
            "**Error against n** (log–log): left and right fall like 1/n, midpoint "
            "and trapezoid like 1/n²"
        )
        frame.chart(charts.sum_error_chart, errors, pd.DataFrame({"n": [n]}))
        grid, accumulated = calculus.accumulation(function, a, b)
        slope = np.gradient(accumulated, grid)
        acc = pd.concat(
            [
                pd.DataFrame({"x": grid, "value": accumulated, "series": "F(x)"}),
                pd.DataFrame({"x": grid, "value": function(grid), "series": "f(x)"}),
                pd.DataFrame({"x": grid[::8], "value": slope[::8], "series": "slope of F"}),
            ]
        )
        st.markdown("**The accumulation function** F(x) = ∫ₐˣ f and its slope, which traces f")
        frame.chart(charts.accumulation_chart, acc)
        plotted = {
            "f": pd.DataFrame({"x": xs, "y": ys}),
            "pieces": pieces,
            "error vs n": errors,
            "accumulation": acc,
        }
    frame.try_this(
        [
            "Press **∫ sin over [−π, π] = 0**: the blue and orange areas cancel exactly; switch "
            "**Height taken at** to *left* and the sum is still 0 by symmetry.",
            "Press **Left vs right on exp**: exp is increasing, so *left* undershoots and *right* "
            "overshoots; raise **Pieces n** from 6 to 60 and both errors drop tenfold.",
            "Then set **Height taken at** to *midpoint*: at n = 60 its error is 3e-04, over "
            "three hundred times smaller than the left sum's 0.11 — slope 2 on the error chart.",
            "Press **A pole: 1/x**: near 0 the function is unbounded, the area does not exist, and "
            "the page says so instead of printing a number.",
        ]
    )
    if plotted:
        frame.download(plotted, file_name="integral.csv", key="int_csv")


# The curve depends on f, a and b only: moving n or the rule reuses it (about 6 ms of sums).
@functools.lru_cache(maxsize=64)
def _sum_errors(function: Function1D, a: float, b: float, exact: float) -> pd.DataFrame:
    ns = np.unique(np.round(np.logspace(0, 4, 21)).astype(int))
    rows = []
    for rule in RULE_NAMES:
        sums = np.array([calculus.riemann_sum(function, a, b, int(k), rule=rule) for k in ns])
        err = np.abs(sums - exact)
        rows.append(pd.DataFrame({"n": ns, "error": np.where(err > 0, err, np.nan), "rule": rule}))
    return pd.concat(rows, ignore_index=True)
