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
from mathviz.ui import frame, stage
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


ZOOM_POINTS = 201  # points along the curve in the zoomed view
FRAMES = 121  # steps of the Play, 40 a decade, from the chosen h down to a thousandth of it


def body() -> frame.Plotted:
    """Controls beside f, secant and tangent (and their Play); the quotients; zoom and errors."""
    controls, main = st.columns([1, 2.3], gap="large")
    with controls:
        function, x, h, scheme = F(), X(), H(), SCHEME()
    with main:
        fx = float(function(x))
        if not math.isfinite(fx):
            _undefined(function, x, fx)
        left, right, quotient = calculus.secant(function, x, h, scheme=scheme)
        exact = float(function.df(x))
        lo, hi = min(-5.0, x - 1.5), max(5.0, x + 1.5)
        xs, ys = curve(function, lo, hi)
        y_view = charts.view_range(ys) or (fx - 1.0, fx + 1.0)
        f_left, f_right = float(function(left)), float(function(right))
        # Frame the point and the secant's ends first: tan near its pole puts f(x) far above
        # the curve's usual range, and the point must stay in sight.
        y_view = charts.holding(y_view, [fx, f_left, f_right])
        # The zoomed window is x ± 2h across and (x ± 2h)·ratio up: as h shrinks both shrink
        # alike, a magnifying glass. The ratio is the main view's height per width, or larger
        # where f is steep, so the tangent and both secant points stay in the window.
        half = 2 * h
        slopes = [abs(s) / 0.8 for s in (exact, quotient) if math.isfinite(s)]
        ratio = max([(y_view[1] - y_view[0]) / (hi - lo), *slopes])
        window = charts.visible_window(
            (x, fx), (half, half * ratio), (hi - lo, y_view[1] - y_view[0])
        )
        # The dashed box is framed too, unless it is far taller than the view (a steep f):
        # then it runs off as a band, which says the zoom is a tall, thin slice.
        box = [float(window["y"].iloc[0]), float(window["y2"].iloc[0])]
        if box[1] - box[0] <= 2 * (y_view[1] - y_view[0]):
            y_view = charts.holding(y_view, box, pad=0.04)
        lines, points, readout = _shrinking(function, x, h, scheme, lo=lo, hi=hi)
        lines = pd.concat(
            [
                pd.DataFrame({"x": xs, "y": charts.clip_far(ys, y_view), "line": "f", "k": -1}),
                _straight("tangent", [lo, hi], x, fx, exact),
                lines,
            ],
            ignore_index=True,
        )
        lines["k"] = lines["k"].fillna(-1).astype(int)
        # A ring where the tangent touches, when there is one.
        rings = 1 if math.isfinite(exact) else 0
        touch = pd.DataFrame({"x": [x] * rings, "y": [fx] * rings})
        st.markdown("**f, the secant and the tangent** (the dashed box is the zoom)")
        frame.chart(
            charts.secant_chart,
            lines,
            points,
            window,
            touch,
            readout,
            y_domain=y_view,
            frames=FRAMES,
        )
        # The play is a preview drawn in the browser: the numbers below stay at the slider's h.
        turns = (
            "the secant turns onto the tangent"
            if math.isfinite(exact)
            else "there is no tangent here for the secant to settle on"
        )
        stage.player(
            charts.SHRINK, key="der_player", seconds=4.0, from_start=True, nudge=10,
            note=f"Play shrinks h a thousandfold in the picture: {turns}. The numbers below "
            f"stay at the slider's h = {fmt(h, 4)}.",
        )  # fmt: skip
        frame.numbers(
            [
                ("difference quotient", fmt(quotient, 10)),
                ("exact f′(x)", fmt(exact, 10)),
                ("error", fmt(abs(quotient - exact), 3) if math.isfinite(exact) else "—"),
            ]
        )
        if not math.isfinite(quotient):
            st.info(
                f"f has no value at {'x − h or ' if scheme == 'central' else ''}x + h, so the "
                "quotient is undefined: shrink h or move x away from the edge of f's domain.",
                icon=":material/info:",
            )
        elif (spot := calculus.break_between(function, left, right)) is not None:
            _across_a_break(spot, x=x, left=left, right=right, quotient=quotient, scheme=scheme)
    names = ["x − h" if scheme == "central" else "x", "x + h"]
    ts = x + half * np.linspace(-1.0, 1.0, ZOOM_POINTS)
    zoom_lines = pd.concat(
        [
            pd.DataFrame(
                {
                    "u": (ts - x) / half,
                    "v": charts.clip_far((function(ts) - fx) / (half * ratio), (-1.0, 1.0)),
                    "line": "f",
                }
            ),
            _straight(
                "secant",
                [-1.0, 1.0],
                (left - x) / half,
                (f_left - fx) / (half * ratio),
                quotient / ratio,
                names=("u", "v"),
            ),
            _straight("tangent", [-1.0, 1.0], 0.0, 0.0, exact / ratio, names=("u", "v")),
        ]
    )
    zoom_points = pd.DataFrame(
        {
            "u": [(left - x) / half, (right - x) / half],
            "v": [(f_left - fx) / (half * ratio), (f_right - fx) / (half * ratio)],
            "label": names,
            "side": ["left", "right"],
        }
    )
    zoom_touch = pd.DataFrame({"u": [0.0] * rings, "v": [0.0] * rings})
    zoomed, errors_column = st.columns([1, 1.6], gap="large")
    with zoomed:
        st.markdown(f"**Zoomed ×{_times((hi - lo) / (2 * half))} around x**: x ± 2h")
        frame.chart(charts.zoom_chart, zoom_lines, zoom_points, zoom_touch)
        st.caption(
            "The dashed box magnified; it follows x and shrinks with h. Shrink h and a smooth "
            "curve straightens into its tangent, the secant lying down on it; a corner stays a "
            "corner at every zoom."
        )
    with errors_column:
        errors = _error_chart(function, x, h, exact)
    chosen = lines[lines["k"] <= 0]
    return {
        "f, secant and tangent": chosen.drop(columns="k"),
        "secant points": points[points["k"] == 0].drop(columns="k"),
        "zoomed view": zoom_lines,
        "error vs h": errors,
    }


def _shrinking(
    function: Function1D,
    x: float,
    h: float,
    scheme: calculus.Scheme,
    *,
    lo: float,
    hi: float,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The Play's frames: secant k of step h_k, from h down to h/1000, its two points, its slope.

    Frame 0 is the chosen h, so the still picture is the server's; the chart's own slider
    picks the frame shown.
    """
    hs = calculus.shrinking_steps(h, count=FRAMES)
    exact = float(function.df(x))
    # Two short lines, not one long one: a phone's chart keeps its width.
    tangent = f"\ntangent slope {fmt(exact, 6)}" if math.isfinite(exact) else ""
    left, right, slope = calculus.secants(function, x, hs, scheme=scheme)
    f_left, f_right = function(left), function(right)
    k = np.arange(FRAMES)
    drawn = np.isfinite(slope)
    ends = np.array([lo, hi])
    lines = pd.DataFrame(
        {
            "x": np.tile(ends, int(drawn.sum())),
            "y": np.concatenate(
                [
                    calculus.line_through(float(a), float(b), float(m), ends)
                    for a, b, m in zip(left[drawn], f_left[drawn], slope[drawn], strict=True)
                ]
                or [np.array([])]
            ),
            "line": "secant",
            "k": np.repeat(k[drawn], 2),
        }
    )
    names = ["x − h" if scheme == "central" else "x", "x + h"]
    points = pd.DataFrame(
        {
            "x": np.column_stack([left, right]).ravel(),
            "y": np.column_stack([f_left, f_right]).ravel(),
            # Each on its own side of its point: below left, above right, so never merged.
            "label": names * FRAMES,
            "side": ["left", "right"] * FRAMES,
            "k": np.repeat(k, 2),
        }
    )
    readout = pd.DataFrame(
        {
            "k": k,
            "text": [
                f"h = {fmt(step, 2)}: secant slope {fmt(m, 6)}{tangent}"
                for step, m in zip(hs, slope, strict=True)
            ],
        }
    )
    return lines, points, readout


def _times(factor: float) -> str:
    """A zoom factor to two digits: 2.5, 250, 25,000, then 2.5e+07."""
    if factor >= 1e5:
        return fmt(factor, 2)
    return f"{float(f'{factor:.2g}'):,.10g}"


def _straight(
    name: str,
    ends: list[float],
    x0: float,
    y0: float,
    slope: float,
    *,
    names: tuple[str, str] = ("x", "y"),
) -> pd.DataFrame | None:
    """A secant or tangent across ``ends`` as two rows of a line table; None without a slope."""
    if not math.isfinite(slope):
        return None
    return pd.DataFrame(
        {names[0]: ends, names[1]: calculus.line_through(x0, y0, slope, ends), "line": name}
    )


def _across_a_break(
    spot: calculus.Break, *, x: float, left: float, right: float, quotient: float, scheme: str
) -> None:
    """Warn that the secant spans a pole, a jump or a gap of f, so its slope means nothing."""
    what = {
        "pole": "blows up",
        "jump": "jumps",
        "undefined": "has no value",
    }[spot.kind]
    ends = "x − h" if scheme == "central" else "x"
    shorter = abs(spot.at - x)
    st.warning(
        f"Between {ends} = {fmt(left, 4)} and x + h = {fmt(right, 4)}, f {what} near "
        f"{fmt(spot.at, 6)}: the secant jumps across it, so its slope {fmt(quotient, 4)} "
        f"says nothing about f′({x:g}). Make h smaller than {fmt(shorter, 2)} to keep both "
        "points on the same side.",
        icon=":material/warning:",
    )


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
        guides.append(charts.slope_guides(hs, err, order, shift=0.1))
    errors = pd.concat(tables)
    st.markdown(
        "**How the error depends on h** (log–log). The dashed guides have slope 1 and 2, "
        "laid a decade under each curve: where a curve runs parallel to its guide, its "
        "error shrinks like h or like h²."
    )
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
        "Press **Wide secant**, then **▶ Play** under the picture: h shrinks from 1 to 0.001 "
        "and the secant swings onto the tangent, its slope (top left) rising from 0.068 to "
        "0.5399, a hair under the tangent's 0.5403. "
        "Then drag **Step h** from 1 down to 1e-04: the error falls from 0.47 to 4e-05 — four "
        "decades of h, four decades of error: slope 1 on the log–log chart. In the zoom the "
        "curve itself straightens into a line: close up, a smooth function is its tangent.",
        "Switch **Quotient** to *central*: the error falls like h², twice as steep, and "
        "bottoms out below 1e-12 near h = 5.6e-06, thousands of times better than the "
        "forward quotient's best (2.5e-09 near h = 1e-08).",
        "Press **Round-off wins**: exp at x = 1 with h = 1e-12 is off by 4e-04, three times "
        "worse than at h = 1e-04. Left of the sweet spot the error climbs like 1/h.",
        "Press **Corner of |x|**: the forward quotient says 1, a backward one would say −1; "
        "no h fixes that, because f′(0) does not exist — and the zoom shows a corner at "
        "every magnification.",
        "Choose *type your own…*, enter `tan(x)`, set x = 1.55 and h = 0.1: x + h is past "
        "the pole at π/2, the secant's slope −606.8 is meaningless, and the page says so. "
        "Press **▶ Play**: while h is above 0.021 the slope is negative nonsense; below it "
        "both points sit on one side of the pole, and the slope falls from tens of thousands "
        "to 2,324 at h = 0.0001, closing in on f′ = 2312.5.",
    ),
    body=body,
)
