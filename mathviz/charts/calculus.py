"""Altair charts for the Calculus page: tidy DataFrames in, charts out.

``secant_chart``         f with the secant and the tangent at x, and the zoomed window
``zoom_chart``           the same near x, magnified until the curve looks straight
``quotient_error_chart`` error of the difference quotients against h, log-log, with guides
``critical_chart``       f, f′ and f″ stacked on one x axis, critical points and corners ruled
``nudge_chart``          the chain rule as three number lines: dx → du = g′dx → dy = f′du
``function_panel_chart`` one of g, f and f∘g with its tangent and the nudge as bands
``chain_panel_chart``    a curve with its tangent and slope (also the Gradient topic's slices)
``riemann_chart``        the pieces of a Riemann sum over the curve, coloured by sign
``sum_error_chart``      error of each rule against n, log-log, the chosen rule in front
``accumulation_chart``   F(x) = ∫ₐˣ f above and f below, with a slider that sweeps x

Framing helpers, data in and data out: ``view_range`` (a y range that shows a curve's
shape even beside a pole), ``clip_far`` (values far outside it blanked, so a pole leaves
a gap), ``area_range`` (a y range holding a whole curve and the axis, with a margin), ``holding``
(a view widened to hold given values),
``slope_guides`` (dashed reference lines of a given slope on log-log axes),
``joined_labels`` (labels of points that would overprint, merged), ``visible_window`` (the
zoom window drawn no smaller than a visible box), ``thin_labels``
(which of many crowded points get a label) and ``break_at`` (a gap in a curve at a jump).
"""

from __future__ import annotations

from typing import Any, Final, Literal

import altair as alt
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mathviz.charts.theme import COLORS, SIZES, inner_y_axis, step_slider

BREAK: Final = "break-paths-show-domains"  # a nan in a curve leaves a gap instead of a false line

LINE_COLORS = alt.Scale(
    domain=["f", "secant", "tangent"], range=[COLORS["ink"], COLORS["orange"], COLORS["green"]]
)
LINE_DASHES = alt.Scale(domain=["f", "secant", "tangent"], range=[[1, 0], [1, 0], [6, 4]])

KINDS: Final = {
    "minimum": "minimum (f″ > 0)",
    "maximum": "maximum (f″ < 0)",
    "inconclusive": "inconclusive (f″ = 0)",
    "corner": "corner (f′ does not exist)",
}
"""The one vocabulary of critical points, each word with what it means: the legend shows
these, the table and the marks the words themselves (the second-derivative test's verdicts,
and "corner" where f′ does not exist)."""
KIND_COLORS = alt.Scale(
    domain=list(KINDS),
    range=[COLORS["blue"], COLORS["vermillion"], COLORS["purple"], COLORS["green"]],
)
KIND_LEGEND: Final = (
    " : ".join(f"datum.label == '{kind}' ? '{text}'" for kind, text in KINDS.items())
    + " : datum.label"
)
PANEL_TITLES: Final = {"f": "f", "f′": "slope f′", "f″": "curvature f″"}


NUDGE_LINES: Final = {2: "x", 1: "u = g(x)", 0: "y = f(u)"}
NUDGE_COLORS = alt.Scale(
    domain=["x", "u", "y"], range=[COLORS["blue"], COLORS["orange"], COLORS["green"]]
)
NUDGE_REACH = 1.35  # the number lines run from −REACH to REACH; the longest step spans 1


def view_range(ys: ArrayLike) -> tuple[float, float] | None:
    """A y range that shows the curve's shape even when it shoots off to infinity.

    The 2nd to 98th percentiles of the finite values, padded by 12 %; None when no value
    is finite.

    Examples
    --------
    >>> [round(end, 3) for end in view_range(np.linspace(0.0, 1.0, 101))]
    [-0.095, 1.095]
    """
    values = np.asarray(ys, dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    lo, hi = (float(q) for q in np.percentile(finite, [2, 98]))
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.12 * (hi - lo)
    return lo - pad, hi + pad


def holding(
    view: tuple[float, float], values: ArrayLike, *, pad: float = 0.08
) -> tuple[float, float]:
    """``view`` widened just enough that every finite value in ``values`` sits inside it.

    A value outside lands ``pad`` of the new span from the edge, so a marked point or a
    box's edge never touches the frame.

    Examples
    --------
    >>> holding((-1.0, 1.0), [0.5])
    (-1.0, 1.0)
    >>> [round(end, 3) for end in holding((-1.0, 1.0), [2.0, float("nan")])]
    [-1.0, 2.261]
    """
    lo, hi = float(view[0]), float(view[1])
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return lo, hi
    low, high = float(finite.min()), float(finite.max())
    if low >= lo and high <= hi:
        return lo, hi
    # Solve for the new ends: an outside value sits pad × (new span) inside its edge.
    new_lo, new_hi = min(lo, low), max(hi, high)
    span = (new_hi - new_lo) / (1 - pad * ((low < lo) + (high > hi)))
    return (new_lo - pad * span if low < lo else lo), (new_hi + pad * span if high > hi else hi)


def nice_ticks(lo: float, hi: float, *, count: int = 5) -> np.ndarray:
    """Round values (1, 2 or 5 times a power of ten apart) inside [lo, hi], about ``count``.

    For labels a chart draws itself (with a halo) instead of an axis.

    Examples
    --------
    >>> nice_ticks(-2.3, 11.0).tolist()
    [0.0, 5.0, 10.0]
    >>> nice_ticks(0.0, 1.0).tolist()
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    >>> nice_ticks(1.0, 1.0).tolist()
    [1.0]
    """
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return np.array([])
    if hi - lo <= 0:
        return np.array([float(lo)])
    rough = (hi - lo) / count
    power = 10.0 ** np.floor(np.log10(rough))
    step = min(m * power for m in (1, 2, 5, 10) if m * power >= rough * 0.999)
    first, last = np.ceil(lo / step - 1e-9), np.floor(hi / step + 1e-9)
    return np.round(np.arange(first, last + 1) * step, 12) + 0.0


def clip_far(ys: ArrayLike, view: tuple[float, float] | None) -> np.ndarray:
    """Values more than five view-heights outside ``view`` blanked: a pole leaves a gap."""
    values = np.asarray(ys, dtype=float)
    if view is None:
        return values
    span = view[1] - view[0]
    return np.where((values < view[0] - 5 * span) | (values > view[1] + 5 * span), np.nan, values)


def area_range(ys: ArrayLike, *, margin: float = 0.1) -> tuple[float, float] | None:
    """A y range holding a curve and the x axis, with a margin.

    Every value within two view heights of ``view_range`` counts, so a narrow peak is
    shown whole; values beyond (beside a pole) run off the frame. None when no value is
    finite.

    Examples
    --------
    >>> [round(end, 3) for end in area_range(np.sin(np.linspace(0, 3, 301)))]
    [-0.1, 1.1]
    """
    values = np.asarray(ys, dtype=float)
    view = view_range(values)
    if view is None:
        return None
    span = view[1] - view[0]
    near = values[(values >= view[0] - 2 * span) & (values <= view[1] + 2 * span)]
    lo, hi = min(0.0, float(near.min())), max(0.0, float(near.max()))
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1
    pad = margin * (hi - lo)
    return lo - pad, hi + pad


def slope_guides(
    hs: ArrayLike, errors: ArrayLike, order: int, *, anchor: float = 1e-2, shift: float = 1.0
) -> pd.DataFrame:
    """A dashed line of slope ``order`` on log-log axes, near the error at h = ``anchor``.

    It passes through ``shift`` × that error and runs from h = 10^(−4/order) up, so both
    guides span the same four decades of error; a ``shift`` below 1 lays it parallel below
    the curve instead of on it. ``end`` flags its right end, where its label goes; empty
    when the error at the anchor is 0 or undefined.

    Examples
    --------
    >>> guide = slope_guides([1e-4, 1e-2, 1.0], [1e-6, 1e-4, 1e-2], 1)
    >>> guide["error"].tolist()
    [1e-06, 0.0001, 0.01]
    >>> slope_guides([1e-4, 1e-2, 1.0], [1e-6, 1e-4, 1e-2], 1, shift=0.1)["error"].tolist()
    [1e-07, 1e-05, 0.001]
    """
    hs, errors = np.asarray(hs, dtype=float), np.asarray(errors, dtype=float)
    at = errors[hs >= anchor]
    if at.size == 0 or not np.isfinite(at[0]) or at[0] <= 1e-14:
        return pd.DataFrame(columns=["h", "error", "guide", "end"])
    steps = hs[hs >= 10.0 ** (-4 / order)]
    return pd.DataFrame(
        {
            "h": steps,
            "error": shift * at[0] * (steps / anchor) ** order,
            "guide": f"slope {order}",
            "end": steps == steps[-1],
        }
    )


def joined_labels(xs: ArrayLike, labels: list[str], *, span: float, gap: float = 0.03) -> list[str]:
    """Labels of points along x, merged where two points would overprint.

    A point closer than ``gap`` × ``span`` to the one kept before it adds its label to
    that one's and shows none of its own.

    Examples
    --------
    >>> joined_labels([1.0, 1.001], ["x", "x + h"], span=10)
    ['x, x + h', '']
    >>> joined_labels([1.0, 2.0], ["x", "x + h"], span=10)
    ['x', 'x + h']
    """
    xs = np.asarray(xs, dtype=float)
    shown = list(labels)
    keeper = 0
    for i in range(1, len(shown)):
        if abs(xs[i] - xs[keeper]) < gap * span:
            shown[keeper] = f"{shown[keeper]}, {shown[i]}"
            shown[i] = ""
        else:
            keeper = i
    return shown


def visible_window(
    centre: tuple[float, float],
    half: tuple[float, float],
    spans: tuple[float, float],
    *,
    least: float = 0.025,
) -> pd.DataFrame:
    """The zoom window's outline, at least ``least`` of each span either way of ``centre``.

    The true window x ± half may be far below a pixel; drawn at this least size it stays a
    visible box (≥ 12 px on a phone) round the point it magnifies, and the true size where it
    is larger. Columns ``x``, ``x2``, ``y``, ``y2``, as ``secant_chart`` reads them.

    Examples
    --------
    >>> visible_window((1.0, 2.0), (0.5, 0.25), (10.0, 4.0)).round(3).values.tolist()
    [[0.5, 1.5, 1.75, 2.25]]
    >>> visible_window((0.0, 0.0), (1e-6, 1e-6), (10.0, 4.0)).round(3).values.tolist()
    [[-0.25, 0.25, -0.1, 0.1]]
    """
    hx = max(float(half[0]), least * float(spans[0]))
    hy = max(float(half[1]), least * float(spans[1]))
    cx, cy = float(centre[0]), float(centre[1])
    return pd.DataFrame({"x": [cx - hx], "x2": [cx + hx], "y": [cy - hy], "y2": [cy + hy]})


CORNERS: Final = ("top-left", "top-right", "bottom-left", "bottom-right")


def quiet_corner(xs: ArrayLike, ys: ArrayLike, *, width: float = 0.5, height: float = 0.2) -> str:
    """The corner of a plot where a label sits clear of the curves drawn in it.

    That is where a box of ``width`` × ``height`` (shares of the plot) covers the fewest
    of the points (xs, ys). The plot spans the points' own range, as an axis with
    ``zero=False`` does. Ties go to the first in ``CORNERS``: top left, top right, bottom
    left, bottom right.

    Examples
    --------
    >>> xs = np.linspace(0.0, 1.0, 101)
    >>> quiet_corner(xs, xs)  # a rising line leaves the top left and bottom right free
    'top-left'
    >>> quiet_corner(xs, 1 - xs)
    'top-right'
    >>> quiet_corner(xs, np.where(xs < 0.5, 1.0, 0.0))
    'top-right'
    """
    px, py = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    keep = np.isfinite(px) & np.isfinite(py)
    px, py = px[keep], py[keep]
    if px.size == 0:
        return CORNERS[0]
    (x0, x1), (y0, y1) = (px.min(), px.max()), (py.min(), py.max())
    u = (px - x0) / ((x1 - x0) or 1.0)
    v = (py - y0) / ((y1 - y0) or 1.0)
    # Count the cells of an 8 × 3 grid over each corner's box that a curve passes through:
    # how much of the label it would cross, however steeply (a steep stretch has few samples).
    counts = []
    for corner in CORNERS:
        vertical, horizontal = corner.split("-")
        across = u if horizontal == "left" else 1 - u
        up = 1 - v if vertical == "top" else v
        inside = (across <= width) & (up <= height)
        cells = {
            (int(a * 8 / width), int(b * 3 / height))
            for a, b in zip(across[inside], up[inside], strict=True)
        }
        counts.append(len(cells))
    return CORNERS[int(np.argmin(counts))]


def thin_labels(xs: ArrayLike, *, span: float, gap: float = 0.04) -> np.ndarray:
    """Which points get a label: from the left, each at least ``gap`` × ``span`` past the last.

    Crowded points (sin(1/x) near 0) keep their marks, but only some of them their labels.

    Examples
    --------
    >>> thin_labels([0.0, 0.01, 0.02, 0.5], span=1.0, gap=0.1).tolist()
    [True, False, False, True]
    """
    xs = np.asarray(xs, dtype=float)
    keep = np.zeros(xs.shape, dtype=bool)
    last = -np.inf
    for i in np.argsort(xs, kind="stable"):
        if xs[i] - last >= gap * span:
            keep[i] = True
            last = xs[i]
    return keep


def break_at(xs: ArrayLike, ys: ArrayLike, at: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """A sampled curve with a gap (a nan) inserted at each x in ``at``: no line across a jump.

    Examples
    --------
    >>> xs, ys = break_at([-1.0, 1.0], [-1.0, 1.0], [0.0])
    >>> xs.tolist(), ys.tolist()
    ([-1.0, 0.0, 1.0], [-1.0, nan, 1.0])
    """
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    at = np.asarray(at, dtype=float)
    order = np.argsort(np.concatenate([xs, at]), kind="stable")
    return (
        np.concatenate([xs, at])[order],
        np.concatenate([ys, np.full(at.shape, np.nan)])[order],
    )


def _y(field: str, title: str, domain: tuple[float, float] | None) -> alt.Y:
    scale = alt.Scale(domain=list(domain), nice=False) if domain else alt.Scale(zero=False)
    return alt.Y(f"{field}:Q", title=title, scale=scale)


def _lines(
    chart: alt.Chart, x: alt.X, y: alt.Y, *, legend: bool, thick_curve: bool = False
) -> alt.LayerChart:
    """The curve and its tangent, then the secant on top: for small h it lies on the tangent.

    ``thick_curve`` draws f as a broad pale band, so a secant and a tangent lying on it stay
    visible inside it.
    """
    encoding = {
        "x": x,
        "y": y,
        "color": alt.Color(
            "line:N",
            scale=LINE_COLORS,
            title=None,
            legend=alt.Legend(orient="top") if legend else None,
        ),
        "strokeDash": alt.StrokeDash("line:N", legend=None, scale=LINE_DASHES),
        "detail": alt.Detail("line:N"),
    }
    curve = chart.transform_filter(alt.datum.line == "f")
    if thick_curve:
        curve = curve.mark_line(clip=True, invalid=BREAK, strokeWidth=9, opacity=0.3)
    else:
        curve = curve.mark_line(clip=True, invalid=BREAK)
    tangent = (
        chart.transform_filter(alt.datum.line == "tangent")
        .mark_line(clip=True, invalid=BREAK)
        .encode(**encoding)
    )
    secant = (
        chart.transform_filter(alt.datum.line == "secant")
        .mark_line(clip=True, invalid=BREAK, opacity=0.85)
        .encode(**encoding)
    )
    return curve.encode(**encoding) + tangent + secant


def _secant_points(points: alt.Chart, x: str, y: str) -> alt.LayerChart:
    """The secant's two points, each label on its own side (left below, right above)."""
    dots = points.mark_point(filled=True, color=COLORS["orange"], clip=True, size=90).encode(
        x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), tooltip=[alt.Tooltip("label:N")]
    )
    labels: list[alt.Chart] = []
    sides: tuple[tuple[str, Literal["left", "right"], int, int], ...] = (
        ("left", "right", -8, 12),
        ("right", "left", 8, -12),
    )
    for side, align, dx, dy in sides:
        placed = points.transform_filter(alt.datum.side == side)
        where = {"x": alt.X(f"{x}:Q"), "y": alt.Y(f"{y}:Q"), "text": alt.Text("label:N")}
        # A white halo first, so a label crossing the curve or a line still reads.
        halo = placed.mark_text(
            align=align, dx=dx, dy=dy, color="white", stroke="white", strokeWidth=4, clip=True
        ).encode(**where)
        text = placed.mark_text(align=align, dx=dx, dy=dy, color=COLORS["ink"], clip=True)
        labels += [halo, text.encode(**where)]
    return alt.LayerChart(layer=[dots, *labels])


def _touch(touch: pd.DataFrame, x: str, y: str) -> alt.Chart:
    """A green ring where the tangent touches the curve."""
    return (
        alt.Chart(touch)
        .mark_point(filled=False, color=COLORS["green"], size=220, strokeWidth=2, clip=True)
        .encode(x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"))
    )


SHRINK: Final = "shrink"
"""The secant chart's own slider: which of its precomputed steps h is drawn (0 = the chosen)."""


def secant_chart(
    lines: pd.DataFrame,
    points: pd.DataFrame,
    window: pd.DataFrame | None = None,
    touch: pd.DataFrame | None = None,
    readout: pd.DataFrame | None = None,
    *,
    y_domain: tuple[float, float] | None = None,
    frames: int = 0,
) -> alt.LayerChart | alt.FacetChart:
    """F with its secant and tangent at a point, and the window the zoomed view shows.

    Parameters
    ----------
    lines : DataFrame
        Columns ``x``, ``y``, ``line`` (one of "f", "secant", "tangent"), and with
        ``frames`` a column ``k``: the secant of step k (f and the tangent have k = −1,
        drawn always).
    points : DataFrame
        Columns ``x``, ``y``, ``label``, ``side`` ("left" or "right"): the two points the
        secant passes through, labelled on their own sides (below left, above right) so
        they never overlap, however close the points (an empty label draws nothing); with
        ``frames``, ``k`` as well.
    window : DataFrame, optional
        Columns ``x``, ``x2``, ``y``, ``y2``: the zoomed window, outlined dashed.
    touch : DataFrame, optional
        Columns ``x``, ``y``: where the tangent touches, ringed (no rows: no tangent).
    readout : DataFrame, optional
        Columns ``k``, ``text``: what step k's secant says, pinned in the top left corner.
    y_domain : tuple of float, optional
        The y range to show; lines leaving it are clipped.
    frames : int
        How many steps the tables hold (0: one secant, no slider). With frames a slider
        ``SHRINK`` under the chart picks the step drawn, in the browser: from the chosen
        h (0) to the smallest (frames − 1), the secant turning onto the tangent.

    Returns
    -------
    alt.LayerChart
        The layered chart, ``SIZES["main"]`` tall.
    """
    x = alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False))
    layers = []
    if window is not None:
        layers.append(
            alt.Chart(window)
            .mark_rect(
                fillOpacity=0, stroke=COLORS["grey"], strokeDash=[4, 3], strokeWidth=1.5, clip=True
            )
            .encode(x=alt.X("x:Q"), x2=alt.X2("x2"), y=alt.Y("y:Q"), y2=alt.Y2("y2"))
        )
    drawn, marked = alt.Chart(lines), alt.Chart(points)
    if frames:
        shown = f"datum.k < 0 || datum.k == {SHRINK}"
        drawn, marked = drawn.transform_filter(shown), marked.transform_filter(shown)
    layers.append(_lines(drawn, x, _y("y", "y", y_domain), legend=True))
    if touch is not None:
        layers.append(_touch(touch, "x", "y"))
    layers.append(_secant_points(marked, "x", "y"))
    if readout is not None:
        said = alt.Chart(readout)
        if frames:
            said = said.transform_filter(f"datum.k == {SHRINK}")
        layers += _pinned(said, COLORS["orange"], left=8)
    chart = alt.layer(*layers).properties(height=SIZES["main"])
    if frames:
        chart = chart.add_params(step_slider(SHRINK, frames - 1, "shrink h toward 0  "))
    return chart


ZOOM_TICKS: Final = [-1.0, -0.5, 0.0, 0.5, 1.0]
ZOOM_HEIGHT: Final = SIZES["main"] - 100  # beside the main view, in a narrower column: near square


def zoom_chart(
    lines: pd.DataFrame, points: pd.DataFrame, touch: pd.DataFrame | None = None
) -> alt.LayerChart | alt.FacetChart:
    """The view around x magnified, in units that follow h: the window is x ± 2h wide.

    As h shrinks the window shrinks with it, by the same factor across and up, and a smooth
    curve straightens into its tangent, with the secant lying on both; a corner stays a
    corner at every zoom. f is a broad pale band, so the lines on it stay visible.

    Parameters
    ----------
    lines : DataFrame
        Columns ``u``, ``v``, ``line`` ("f", "secant", "tangent"): u = (t − x) / 2h runs
        from −1 to 1, and v = (f(t) − f(x)) / (2h · ratio) for a fixed height per width.
    points : DataFrame
        Columns ``u``, ``v``, ``label``, ``side``: the secant's two points.
    touch : DataFrame, optional
        Columns ``u``, ``v``: where the tangent touches, (0, 0), ringed (no rows: none).

    Returns
    -------
    alt.LayerChart
        The zoomed view, ``ZOOM_HEIGHT`` tall; its axes are labelled x − 2h … x + 2h and f(x).
    """
    names = {0.0: "x", 0.5: "x + h", -0.5: "x − h", 1.0: "x + 2h", -1.0: "x − 2h"}
    label = " : ".join(f"datum.value == {v} ? '{name}'" for v, name in names.items()) + " : ''"
    x = alt.X(
        "u:Q",
        title=None,
        scale=alt.Scale(domain=[-1, 1], nice=False),
        axis=alt.Axis(values=ZOOM_TICKS, labelExpr=label),
    )
    y = alt.Y(
        "v:Q",
        title=None,
        scale=alt.Scale(domain=[-1, 1], nice=False),
        axis=alt.Axis(values=ZOOM_TICKS, labelExpr="datum.value == 0 ? 'f(x)' : ''"),
    )
    layers: list[alt.Chart | alt.LayerChart] = [
        _lines(alt.Chart(lines), x, y, legend=False, thick_curve=True)
    ]
    if touch is not None:
        layers.append(_touch(touch, "u", "v"))
    layers.append(_secant_points(alt.Chart(points), "u", "v"))
    return alt.layer(*layers).properties(height=ZOOM_HEIGHT)


def quotient_error_chart(
    errors: pd.DataFrame, guides: pd.DataFrame, marker: pd.DataFrame
) -> alt.LayerChart | alt.FacetChart:
    """Error of the forward and central quotients against h on log-log axes.

    Parameters
    ----------
    errors : DataFrame
        Columns ``h``, ``error``, ``scheme``.
    guides : DataFrame
        Columns ``h``, ``error``, ``guide`` ("slope 1" or "slope 2"), ``end``: reference
        lines drawn dashed on top in their quotient's colour, labelled at their right end.
    marker : DataFrame
        Column ``h``: the step chosen now, marked by a vertical rule.

    Returns
    -------
    alt.LayerChart
        The layered chart.
    """
    x = alt.X("h:Q", title="step h", scale=alt.Scale(type="log"), axis=alt.Axis(format=".0e"))
    y = alt.Y(
        "error:Q",
        title="|quotient − f′(x)|",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format=".0e"),
    )
    colors = alt.Scale(domain=["forward", "central"], range=[COLORS["orange"], COLORS["blue"]])
    curves = (
        alt.Chart(errors)
        .mark_line(point=alt.OverlayMarkDef(size=22), invalid=BREAK, strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color("scheme:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("h:Q", format=".1e"),
                alt.Tooltip("error:Q", format=".2e"),
                alt.Tooltip("scheme:N"),
            ],
        )
    )
    # Value colours, not a scale: the curves' colour legend stays about the quotients.
    tint = alt.condition(
        alt.datum.guide == "slope 1", alt.value(COLORS["orange"]), alt.value(COLORS["blue"])
    )
    guide = (
        alt.Chart(guides)
        .mark_line(strokeDash=[7, 5], strokeWidth=2.5)
        .encode(x=x, y=y, detail=alt.Detail("guide:N"), color=tint)
    )
    # Past the right end of the plot, where no curve runs; the steeper guide's label a
    # little lower, as its guide usually is.
    ends = alt.Chart(guides).transform_filter(alt.datum.end)
    guide_labels = alt.layer(
        *(
            ends.transform_filter(alt.datum.guide == name)
            .mark_text(align="left", dx=6, dy=dy, fontWeight="bold")
            .encode(x=x, y=y, text=alt.Text("guide:N"), color=tint)
            for name, dy in (("slope 1", -6), ("slope 2", 6))
        )
    )
    rule = (
        alt.Chart(marker).mark_rule(color=COLORS["ink"], strokeDash=[2, 2]).encode(x=alt.X("h:Q"))
    )
    return alt.layer(curves, rule, guide, guide_labels).properties(height=SIZES["height"])


X_TICKS: Final = "min(10, ceil(width / 70))"
"""How many x ticks the critical points' panels ask for, from the plot's width in pixels."""


def _critical_panel(
    curves: pd.DataFrame,
    points: pd.DataFrame,
    crowd: pd.DataFrame,
    ticks: pd.DataFrame,
    panel: str,
    *,
    labelled: bool,
    height: int,
    big: bool = False,
) -> alt.LayerChart | alt.FacetChart:
    """One of the stacked panels: a curve, the rules through every critical point, its marks."""
    # A tick every ~70 px and at most ten: a wide projector column would otherwise rule a
    # grid line every 0.2 and bury the dashed rules through the critical points.
    x = alt.X(
        "x:Q",
        title="x",
        scale=alt.Scale(zero=False, nice=False),
        axis=alt.Axis(tickCount=alt.ExprRef(X_TICKS)),
    )
    # No axis labels: the panel writes its own values just inside the plot, on a white
    # halo, so no curve overprints them and every panel's plot starts at one left edge.
    axis = alt.Axis(
        title=None, labels=False, ticks=False, domain=False, grid=False, minExtent=0, maxExtent=0
    )
    kind = alt.Color(
        "kind:N",
        scale=KIND_COLORS,
        title=None,
        # Two columns straight over the f panel: a short key next to what it explains; one
        # in projector type, where two would not fit a phone.
        legend=alt.Legend(
            orient="top",
            columns=1 if big else 2,
            labelLimit=260,
            labelExpr=KIND_LEGEND,
            labelColor=COLORS["ink"],
            symbolOpacity=1,  # the key's dots as strong as the points, not the faint rules
            columnPadding=16,
        )
        if labelled
        else None,
    )
    zero = (
        alt.Chart(pd.DataFrame({"value": [0.0]}))
        .mark_rule(color=COLORS["grey"])
        .encode(y=alt.Y("value:Q"))
    )
    line = (
        alt.Chart(curves)
        .transform_filter(alt.datum.panel == panel)
        .mark_line(color=COLORS["ink"], invalid=BREAK, clip=True)
        .encode(x=x, y=alt.Y("value:Q", scale=alt.Scale(zero=False, padding=10), axis=axis))
    )
    # One rule per critical point on every panel, so f, f′ and f″ read off one column.
    rules = (
        alt.Chart(points)
        .transform_filter((alt.datum.panel == "f") & alt.datum.ruled)
        .mark_rule(strokeDash=[4, 3], opacity=0.6, strokeWidth=1.5)
        .encode(x=alt.X("x:Q"), color=kind)
    )
    band = (
        alt.Chart(crowd)
        .mark_rect(color=COLORS["grey"], opacity=0.18)
        .encode(x=alt.X("lo:Q"), x2=alt.X2("hi:Q"))
    )
    mine = alt.Chart(points).transform_filter(alt.datum.panel == panel)
    tooltip = [
        alt.Tooltip("x:Q", format=".6g"),
        alt.Tooltip("value:Q", format=".4g"),
        alt.Tooltip("kind:N"),
    ]
    dots = (
        mine.transform_filter(~alt.datum.open)
        .mark_point(filled=True, size=SIZES["point"] * 1.8, opacity=1, clip=True)
        .encode(x=alt.X("x:Q"), y=alt.Y("value:Q"), color=kind, tooltip=tooltip)
    )
    # A corner's slopes from the left and from the right: f′ jumps between them.
    rings = (
        mine.transform_filter(alt.datum.open)
        .mark_point(filled=False, size=SIZES["point"] * 1.8, strokeWidth=2, clip=True)
        .encode(x=alt.X("x:Q"), y=alt.Y("value:Q"), color=kind, tooltip=tooltip)
    )
    # The reading cursor: the pointer anywhere on the three panels picks the nearest sampled
    # x; a rule runs through it on every panel, each panel's value is dotted and written.
    # Every PROBE_EVERY-th sample is enough to aim at (a few pixels apart) and keeps the
    # cells Vega-Lite finds the nearest one with, and their redrawing on each move, few.
    probe = (
        alt.Chart(curves)
        .transform_filter(alt.datum.panel == panel)
        .transform_window(row="row_number()")
        .transform_filter(f"datum.row % {PROBE_EVERY} == 0")
        .mark_point(opacity=0, size=10, tooltip=False)
        .encode(x=alt.X("x:Q"), y=alt.Y("value:Q"))
        .properties(name=READING)
    )
    read = (
        alt.Chart(curves)
        .transform_filter(alt.datum.panel == panel)
        .transform_filter({"param": READING, "empty": False})
        .transform_calculate(
            text=f"'{panel}(' + format(datum.x, '.3~g') + ') = ' + format(datum.value, '.3~g')"
        )
    )
    cursor = [
        read.mark_rule(color=COLORS["ink"], strokeWidth=1.2).encode(x=alt.X("x:Q")),
        read.mark_point(filled=True, size=60, color=COLORS["ink"], opacity=1, clip=True).encode(
            x=alt.X("x:Q"), y=alt.Y("value:Q")
        ),
        *(
            read.mark_text(
                align="left", dx=8, dy=-10, fontWeight="bold", clip=True, **paint
            ).encode(x=alt.X("x:Q"), y=alt.Y("value:Q"), text=alt.Text("text:N"))
            for paint in (
                {"color": "white", "stroke": "white", "strokeWidth": 4},
                {"color": COLORS["ink"]},
            )
        ),
    ]
    mine_ticks = alt.Chart(ticks).transform_filter(alt.datum.panel == panel)
    grid = mine_ticks.mark_rule(color="#e6e6e6", strokeWidth=1).encode(y=alt.Y("value:Q"))
    halo: dict[str, Any] = {"stroke": "white", "strokeWidth": 4}
    values = [
        mine_ticks.mark_text(
            align="left", baseline="bottom", dx=3, dy=-2, color=COLORS["ink"], **paint
        ).encode(x=alt.value(0), y=alt.Y("value:Q"), text=alt.Text("text:N"))
        for paint in (halo, {})
    ]
    layers = [grid, band, zero, rules, line, dots, rings, *values, probe, *cursor]
    if labelled:
        # Over a maximum, under a minimum: away from the curve either way.
        shown = mine.transform_filter(alt.datum.show)
        label = {"x": alt.X("x:Q"), "y": alt.Y("value:Q"), "text": alt.Text("label:N")}
        # Each on a white halo, so the dashed rule through its point stops behind the word.
        white: dict[str, Any] = {
            "color": "white", "stroke": "white", "strokeWidth": 5, "strokeJoin": "round"
        }  # fmt: skip
        sides: list[tuple[str, dict[str, Any]]] = [
            ("!datum.under", {"dy": -10, "baseline": "bottom"}),
            ("datum.under", {"dy": 10, "baseline": "top"}),
        ]
        for side, place in sides:
            words = shown.transform_filter(side)
            layers += [
                words.mark_text(**place, fontWeight="bold", clip=True, **white).encode(**label),
                words.mark_text(**place, fontWeight="bold", clip=True).encode(color=kind, **label),
            ]
        # Named half-way up, clear of the max and min labels along the top and bottom.
        named = alt.Chart(crowd).transform_calculate(middle="(datum.lo + datum.hi) / 2")
        where = {"x": alt.X("middle:Q"), "y": alt.value(height / 2), "text": alt.Text("text:N")}
        layers += [
            named.mark_text(baseline="middle", fontWeight="bold", lineBreak="\n", **paint).encode(
                **where
            )
            for paint in (
                {"color": "white", "stroke": "white", "strokeWidth": 5},
                {"color": COLORS["ink"]},
            )
        ]
    return alt.layer(*layers).properties(title=PANEL_TITLES[panel], height=height)


READING = "reading"
"""The critical-points chart's cursor: the sampled x nearest the pointer, on any panel."""
PROBE_EVERY = 8


def critical_chart(
    curves: pd.DataFrame,
    points: pd.DataFrame,
    crowd: pd.DataFrame | None = None,
    ticks: pd.DataFrame | None = None,
    *,
    labelled: bool = True,
    big: bool = False,
) -> alt.VConcatChart:
    """F, f′ and f″ stacked over one shared x axis, each critical point ruled through all three.

    The panels share the x scale and keep their y labels inside the plot (``inner_y_axis``),
    so a point sits in the same column of every panel; their titles say what each curve is.

    Parameters
    ----------
    curves : DataFrame
        Columns ``x``, ``value``, ``panel`` ("f", "f′" or "f″"); nan breaks a curve (at a
        corner f′ jumps, and a line across the jump would be a false wall).
    points : DataFrame
        Columns ``x``, ``value``, ``panel``, ``kind`` (one of ``KINDS``), ``label``
        (a short word by the point on f), ``show`` (whether that label is drawn: crowded
        points keep their marks but not all their labels), ``under`` (the label goes under
        the point, as at a minimum, rather than over it) and ``open`` (a hollow ring: a
        corner's one-sided slopes on the f′ panel) and ``ruled`` (whether a rule runs through
        it across all panels: one per critical point, fewer where they crowd).
    crowd : DataFrame, optional
        Columns ``lo``, ``hi``, ``text``: a stretch where critical points crowd beyond
        counting, shaded on every panel and named on f.
    ticks : DataFrame, optional
        Columns ``panel``, ``value``, ``text``: each panel's grid lines and their values,
        written inside the plot on a white halo (``nice_ticks`` finds round ones).
    labelled : bool
        Draw the labels on the f panel.
    big : bool
        Projector type: the key in one column, so it fits a phone.

    Returns
    -------
    alt.VConcatChart
        Three panels titled "f", "slope f′" and "curvature f″".
    """
    heights = {"f": SIZES["main"] - 100, "f′": SIZES["small_height"], "f″": SIZES["small_height"]}
    crowd = pd.DataFrame({"lo": [], "hi": [], "text": []}) if crowd is None else crowd
    if ticks is None:
        ticks = pd.DataFrame({"panel": [], "value": [], "text": []})
    panels = [
        _critical_panel(
            curves,
            points,
            crowd,
            ticks,
            panel,
            labelled=labelled and panel == "f",
            height=height,
            big=big,
        )
        for panel, height in heights.items()
    ]
    chart = alt.vconcat(*panels, spacing=14).resolve_scale(x="shared", color="shared")
    chart.params = [
        alt.TopLevelSelectionParameter(
            name=READING,
            select=alt.PointSelectionConfig(
                type="point", on="pointermove", nearest=True, fields=["x"], clear="pointerout"
            ),
            # Altair numbers a named layer by its panel in a concatenation: reading_0, …
            views=[f"{READING}_{i}" for i in range(len(panels))],
        )
    ]
    return chart


NUDGE_SHRINK: Final = "shrink_dx"
"""The nudge chart's own slider: which of its precomputed steps dx is drawn (0 = the chosen)."""


def nudge_chart(
    bars: pd.DataFrame,
    funnels: pd.DataFrame,
    notes: pd.DataFrame,
    ticks: pd.DataFrame,
    *,
    frames: int = 0,
    big: bool = False,
) -> alt.LayerChart | alt.FacetChart:
    """The chain rule as three number lines, x above u = g(x) above y = f(u), to one scale.

    A short step dx at x (blue) becomes du = g′(x)·dx on the u line (orange), then
    dy = f′(u)·du on the y line (green): the grey funnels between the lines show each
    stretch, flipped where a slope is negative. A thin black segment over each step is what
    g and f really do to it; it closes on the bar as the step shrinks. Positions are in
    units of the longest step, so every line has the same scale and lengths compare.

    Parameters
    ----------
    bars : DataFrame
        Columns ``level`` (2, 1, 0 for the x, u and y lines), ``line`` ("x", "u", "y"),
        ``end`` (the predicted step) and ``true_end`` (the true one), positions from the
        line's point at 0.
    funnels : DataFrame
        Columns ``funnel``, ``level``, ``end``: each funnel's outline at the two levels it
        joins (the steps at either end), drawn from 0.
    notes : DataFrame
        Columns ``level``, ``pos``, ``text``, ``place``: the lengths over the bars
        ("above"), the values under the points ("below"), and the stretch factors between
        the lines beside their funnels, starting at ``pos`` ("left") or ending there
        ("right"). The lines are named at their left ends.
    ticks : DataFrame
        Columns ``level``, ``pos``, and optionally ``text``: the marks along each number
        line, and the value written under each (empty: none).
    frames : int
        How many steps dx the tables hold (0: one, no slider). With frames every table has
        a column ``k`` (−1 on rows drawn always), and a slider ``NUDGE_SHRINK`` under the
        chart picks the step drawn, in the browser.
    big : bool
        Projector type: the offsets of the texts under the lines grow with it.

    Returns
    -------
    alt.LayerChart
        The chart, ``SIZES["main"]`` tall.
    """
    grow = 1.6 if big else 1.0

    # Every layer states both axes in full: layers that differ in them fail to merge. The
    # lines are named on the chart, not on an axis, so on a phone they keep the width.
    def x(field: str) -> alt.X:
        scale = alt.Scale(domain=[-NUDGE_REACH, NUDGE_REACH])
        return alt.X(f"{field}:Q", title=None, axis=None, scale=scale)

    def y(field: str) -> alt.Y:
        scale = alt.Scale(domain=[-0.62, 2.5], nice=False)
        return alt.Y(f"{field}:Q", title=None, axis=None, scale=scale)

    def chart(data: pd.DataFrame) -> alt.Chart:
        made = alt.Chart(data)
        if frames and "k" in data.columns:
            made = made.transform_filter(f"datum.k < 0 || datum.k == {NUDGE_SHRINK}")
        return made

    lines = pd.DataFrame({"level": list(NUDGE_LINES), "pos": -NUDGE_REACH, "end": NUDGE_REACH})
    axes = (
        alt.Chart(lines)
        .mark_rule(color=COLORS["grey"], strokeWidth=1.5)
        .encode(x=x("pos"), x2=alt.X2("end:Q"), y=y("level"))
    )
    marks = (
        chart(ticks)
        .mark_tick(orient="vertical", color=COLORS["grey"], size=12, thickness=1.2, opacity=1)
        .encode(x=x("pos"), y=y("level"))
    )
    funnel = (
        chart(funnels)
        .transform_calculate(start="0")
        .mark_area(orient="horizontal", color=COLORS["grey"], opacity=0.22)
        .encode(y=y("level"), x=x("start"), x2=alt.X2("end:Q"), detail=alt.Detail("funnel:N"))
    )
    edges = (
        chart(funnels)
        .mark_line(color=COLORS["grey"], strokeWidth=1)
        .encode(x=x("end"), y=y("level"), detail=alt.Detail("funnel:N"))
    )
    color = alt.Color("line:N", scale=NUDGE_COLORS, legend=None)
    bar = (
        chart(bars)
        .transform_calculate(start="0")
        .mark_rule(strokeWidth=9, strokeCap="butt")
        .encode(x=x("start"), x2=alt.X2("end:Q"), y=y("level"), color=color)
    )
    head = (
        chart(bars)
        .transform_filter("datum.end != 0")
        .transform_calculate(turn="datum.end > 0 ? 90 : -90")
        .mark_point(shape="triangle", filled=True, size=160, opacity=1)
        .encode(x=x("end"), y=y("level"), color=color, angle=alt.Angle("turn:Q", scale=None))
    )
    truth = (
        chart(bars)
        .transform_calculate(start="0", over="datum.level + 0.13")
        .mark_rule(color=COLORS["ink"], strokeWidth=1.5)
        .encode(x=x("start"), x2=alt.X2("true_end:Q"), y=y("over"))
    )
    truth_end = (
        chart(bars)
        .transform_calculate(lo="datum.level + 0.07", hi="datum.level + 0.19")
        .mark_rule(color=COLORS["ink"], strokeWidth=1.5)
        .encode(x=x("true_end"), y=y("lo"), y2=alt.Y2("hi:Q"))
    )
    point = (
        alt.Chart(lines.assign(pos=0.0))
        .mark_point(filled=True, color=COLORS["ink"], size=70, opacity=1)
        .encode(x=x("pos"), y=y("level"))
    )
    text = chart(notes)
    # A length sits on top of its bracket (which reaches 0.19 above the line) at any type
    # size: placed in the lines' own units, its baseline just over the bracket.
    above = (
        text.transform_filter(alt.datum.place == "above")
        .transform_calculate(lift="datum.level + 0.23")
        .mark_text(baseline="bottom", fontWeight="bold")
        .encode(x=x("pos"), y=y("lift"), text=alt.Text("text:N"))
    )
    # Under each line: its tick values first, then its name and its point's value.
    below = (
        text.transform_filter(alt.datum.place == "below")
        .mark_text(dy=round(34 * grow), color=COLORS["ink"], fontWeight="bold")
        .encode(x=x("pos"), y=y("level"), text=alt.Text("text:N"))
    )
    between = [
        text.transform_filter(alt.datum.place == side)
        .mark_text(align=side, fontWeight="bold", color=COLORS["ink"])
        .encode(x=x("pos"), y=y("level"), text=alt.Text("text:N"))
        for side in ("left", "right")
    ]
    named = (
        alt.Chart(lines.assign(name=list(NUDGE_LINES.values())))
        .mark_text(align="left", dy=round(34 * grow), fontWeight="bold", color=COLORS["ink"])
        .encode(x=x("pos"), y=y("level"), text=alt.Text("name:N"))
    )
    layers = [axes, marks, funnel, edges, bar, head, truth, truth_end, point]
    if "text" in ticks.columns:
        layers.append(
            chart(ticks)
            .mark_text(dy=round(16 * grow), color=COLORS["grey"])
            .encode(x=x("pos"), y=y("level"), text=alt.Text("text:N"))
        )
    drawn = alt.layer(*layers, above, below, named, *between).properties(height=SIZES["main"])
    if frames:
        drawn = drawn.add_params(step_slider(NUDGE_SHRINK, frames - 1, "shrink dx toward 0  "))
    return drawn


def number_line_ticks(longest: float, *, per: float = 4) -> np.ndarray:
    """Tick positions on the nudge chart's number lines, in units of the longest step.

    Ticks fall on round multiples of a step about ``1/per`` of the longest (1, 2 or 5
    times a power of ten) out to ``NUDGE_REACH``.

    Examples
    --------
    >>> number_line_ticks(0.3).round(3).tolist()[:4]
    [-1.333, -1.0, -0.667, -0.333]
    >>> number_line_ticks(1.0, per=2).tolist()
    [-1.0, -0.5, 0.0, 0.5, 1.0]
    """
    if not (np.isfinite(longest) and longest > 0):
        return np.array([])
    rough = longest / per
    power = 10.0 ** np.floor(np.log10(rough))
    step = min((m * power for m in (1, 2, 5, 10) if m * power >= rough), default=power)
    count = int(NUDGE_REACH * longest / step)
    return np.arange(-count, count + 1) * step / longest


def function_panel_chart(
    lines: pd.DataFrame, point: pd.DataFrame, bands: pd.DataFrame, *, title: str, x_title: str
) -> alt.LayerChart | alt.FacetChart:
    """One function of the chain rule near its point: curve, tangent, and the nudge as bands.

    Parameters
    ----------
    lines : DataFrame
        Columns ``x``, ``y``, ``line`` ("f" for the curve, "tangent").
    point : DataFrame
        Columns ``x``, ``y``, ``label``, ``corner`` (one of ``CORNERS``): the point of
        tangency; the label (its slope) sits in that corner of the panel, on a white halo
        (``quiet_corner`` finds the one clear of the curves).
    bands : DataFrame
        Columns ``axis`` ("x" or "y"), ``lo``, ``hi``, ``line`` ("x", "u" or "y"): the
        step in and the step out, shaded across the panel in the number lines' colours.
    title, x_title : str
        The panel's title and its x axis title.

    Returns
    -------
    alt.LayerChart
        The panel.
    """
    # Fill, not colour: the curve and tangent keep their own colour scale.
    fill = alt.Fill("line:N", scale=NUDGE_COLORS, legend=None)
    across = (
        alt.Chart(bands)
        .transform_filter(alt.datum.axis == "x")
        .mark_rect(opacity=0.25)
        .encode(x=alt.X("lo:Q"), x2=alt.X2("hi:Q"), fill=fill)
    )
    up = (
        alt.Chart(bands)
        .transform_filter(alt.datum.axis == "y")
        .mark_rect(opacity=0.25)
        .encode(y=alt.Y("lo:Q"), y2=alt.Y2("hi:Q"), fill=fill)
    )
    curve = (
        alt.Chart(lines)
        .mark_line(clip=True, invalid=BREAK)
        .encode(
            x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("y:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color("line:N", scale=LINE_COLORS, legend=None),
            strokeDash=alt.StrokeDash("line:N", legend=None, scale=LINE_DASHES),
            detail=alt.Detail("line:N"),
        )
    )
    spot = alt.Chart(point)
    dot = spot.mark_point(filled=True, color=COLORS["green"], size=90, opacity=1).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q")
    )
    return alt.layer(across, up, curve, dot, *_corner_labels(spot)).properties(
        title=title, height=SIZES["height"] - 40
    )


def _corner_labels(spot: alt.Chart) -> list[alt.Chart]:
    """A point's label pinned in pixels to the corner its row names (``corner``), on a halo.

    The corner is the one the curves leave freest (``quiet_corner``), so no line runs
    through the text.
    """
    labels: list[alt.Chart] = []
    for corner in CORNERS:
        vertical, horizontal = corner.split("-")
        where = {
            "x": alt.value(8) if horizontal == "left" else alt.value("width"),
            "y": alt.value(8) if vertical == "top" else alt.value("height"),
            "text": alt.Text("label:N"),
        }
        placed = spot.transform_filter(alt.datum.corner == corner)
        look: dict[str, Any] = {
            "align": horizontal,
            "baseline": vertical,
            "dx": 0 if horizontal == "left" else -8,
            "dy": 0 if vertical == "top" else -8,
            "fontWeight": "bold",
        }
        labels += [
            placed.mark_text(stroke="white", strokeWidth=4, **look).encode(**where),
            placed.mark_text(color=COLORS["green"], **look).encode(**where),
        ]
    return labels


def chain_panel_chart(
    lines: pd.DataFrame, point: pd.DataFrame, *, title: str, x_title: str
) -> alt.LayerChart | alt.FacetChart:
    """One panel of the chain rule: a curve, its tangent at a point, and the slope there.

    Parameters
    ----------
    lines : DataFrame
        Columns ``x``, ``y``, ``line`` ("f" for the curve, "tangent").
    point : DataFrame
        Columns ``x``, ``y``, ``label``: the point of tangency; with a column ``corner``
        (one of ``CORNERS``, e.g. from ``quiet_corner``) the label sits in that corner of
        the panel on a white halo, instead of beside the point where the lines cross it.
    title, x_title : str
        The panel's title and its x axis title.

    Returns
    -------
    alt.LayerChart
        The panel.
    """
    curve = (
        alt.Chart(lines)
        .mark_line(clip=True, invalid=BREAK)
        .encode(
            x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("y:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color("line:N", scale=LINE_COLORS, legend=None),
            detail=alt.Detail("line:N"),
        )
    )
    spot = alt.Chart(point)
    dot = spot.mark_point(filled=True, color=COLORS["green"]).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    if "corner" in point.columns:
        texts = _corner_labels(spot)
    else:
        texts = [
            spot.mark_text(dy=SIZES["label_dy"], align="right", dx=-4).encode(
                x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N")
            )
        ]
    return alt.layer(curve, dot, *texts).properties(title=title, height=SIZES["height"] - 40)


def riemann_chart(
    curve: pd.DataFrame,
    pieces: pd.DataFrame,
    samples: pd.DataFrame | None = None,
    *,
    y_domain: tuple[float, float] | None = None,
) -> alt.LayerChart | alt.FacetChart:
    """The pieces of a Riemann sum under the curve, each outlined, coloured by its sign.

    Parameters
    ----------
    curve : DataFrame
        Columns ``x``, ``y``.
    pieces : DataFrame
        Long form, two rows per piece: ``piece``, ``x``, ``y``, ``sign`` ("positive" or
        "negative"); each piece is the area between the x axis and the segment it gives.
        Each is outlined, thinner the more pieces there are, so neighbours stay apart.
    samples : DataFrame, optional
        Columns ``x``, ``y``: where the pieces take their heights, marked on the curve.
    y_domain : tuple of float, optional
        The y range (``area_range`` of the curve holds it and the axis with a margin).

    Returns
    -------
    alt.LayerChart
        The layered chart, ``SIZES["main"]`` tall.
    """
    sign_colors = alt.Scale(
        domain=["positive", "negative"], range=[COLORS["positive"], COLORS["negative"]]
    )
    x = alt.X(
        "x:Q",
        title="x",
        scale=alt.Scale(zero=False, nice=False),
        axis=alt.Axis(tickCount=alt.ExprRef(X_TICKS)),  # ~10, not a label every 0.2
    )
    y = _y("y", "f(x)", y_domain)
    areas = (
        alt.Chart(pieces)
        .transform_joinaggregate(corners="count()")
        .transform_calculate(outline="datum.corners <= 80 ? 1.6 : datum.corners <= 200 ? 1 : 0.5")
        .mark_area(fillOpacity=0.3, strokeOpacity=1, strokeJoin="miter", clip=True)
        .encode(
            x=x,
            y=y,
            y2=alt.Y2Datum(0),
            detail=alt.Detail("piece:N"),
            fill=alt.Fill(
                "sign:N",
                scale=sign_colors,
                title="area",
                legend=alt.Legend(orient="top", titleOrient="left"),
            ),
            stroke=alt.Stroke("sign:N", scale=sign_colors, legend=None),
            strokeWidth=alt.StrokeWidth("outline:Q", scale=None),
        )
    )
    line = (
        alt.Chart(curve)
        .mark_line(color=COLORS["ink"], clip=True, invalid=BREAK)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )
    zero = (
        alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=COLORS["grey"]).encode(y=alt.Y("y:Q"))
    )
    layers = [zero, areas, line]
    if samples is not None:
        layers.append(
            alt.Chart(samples)
            .mark_point(filled=True, color=COLORS["ink"], size=36, opacity=1, clip=True)
            .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
        )
    return alt.layer(*layers).properties(height=SIZES["main"])


RULE_COLORS = alt.Scale(
    domain=["left", "right", "midpoint", "trapezoid"],
    range=[COLORS["orange"], COLORS["vermillion"], COLORS["blue"], COLORS["green"]],
)


def sum_error_chart(errors: pd.DataFrame, marker: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Error of each Riemann rule against the number of pieces, log-log; the chosen rule in front.

    Parameters
    ----------
    errors : DataFrame
        Columns ``n``, ``error``, ``rule``, and ``current`` (true for the rule chosen now:
        drawn thick and opaque, the others faded).
    marker : DataFrame
        Columns ``n``, ``error``, ``rule``: the sum on screen now, ringed on its curve, with a
        dashed rule at its n.

    Returns
    -------
    alt.LayerChart
        The layered chart.
    """
    x = alt.X("n:Q", title="pieces n", scale=alt.Scale(type="log"))
    y = alt.Y(
        "error:Q",
        title="|sum − integral|",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format=".0e"),
    )
    # Two columns: one row of four would not fit a phone in projector type.
    color = alt.Color(
        "rule:N", scale=RULE_COLORS, title=None, legend=alt.Legend(orient="top", columns=2)
    )
    lines = (
        alt.Chart(errors)
        .mark_line(point=alt.OverlayMarkDef(size=24), invalid=BREAK)
        .encode(
            x=x,
            y=y,
            color=color,
            opacity=alt.condition(alt.datum.current, alt.value(1.0), alt.value(0.3)),
            strokeWidth=alt.condition(alt.datum.current, alt.value(4), alt.value(1.5)),
            order=alt.Order("current:O"),
            tooltip=[
                alt.Tooltip("rule:N"),
                alt.Tooltip("n:Q"),
                alt.Tooltip("error:Q", format=".2e"),
            ],
        )
    )
    rule = (
        alt.Chart(marker).mark_rule(color=COLORS["ink"], strokeDash=[2, 2]).encode(x=alt.X("n:Q"))
    )
    ring = (
        alt.Chart(marker)
        .mark_point(size=260, strokeWidth=2.5, filled=False, opacity=1, color=COLORS["ink"])
        .encode(x=x, y=y)
    )
    return alt.layer(lines, rule, ring).properties(height=SIZES["height"] + 40)


SWEEP: Final = "sweep"


def _pinned(chart: alt.Chart, color: str, *, left: int = 44) -> tuple[alt.Chart, alt.Chart]:
    """A ``text`` field pinned near a panel's top left corner, on a white halo.

    ``left`` pixels in: by default clear of y labels that sit inside the plot. A newline
    in the text starts a new line: a chart fitted to a phone shrinks its plot to hold a
    long line, so long texts are best cut in two.
    """
    corner = {"x": alt.value(left), "y": alt.value(6), "text": alt.Text("text:N")}
    halo = chart.mark_text(
        align="left",
        baseline="top",
        fontWeight="bold",
        stroke="white",
        strokeWidth=4,
        lineBreak="\n",
    ).encode(**corner)
    text = chart.mark_text(
        align="left", baseline="top", fontWeight="bold", color=color, lineBreak="\n"
    )
    return halo, text.encode(**corner)


def accumulation_chart(table: pd.DataFrame, *, a: float, b: float) -> alt.VConcatChart:
    """F(x) = ∫ₐˣ f above and f below, with a slider under the chart that sweeps x from a to b.

    Dragging it needs no rerun: the slider is the chart's own. On f the area from a to x is
    shaded (blue above the axis, vermillion below); on F a point rides the curve at height
    F(x), that area, with a short tangent whose slope is f(x).

    Parameters
    ----------
    table : DataFrame
        Columns ``x``, ``F``, ``f``, ``slope`` (the slope of the sampled F, which traces f).
    a, b : float
        The interval: the slider's range.

    Returns
    -------
    alt.VConcatChart
        Two panels over the same x, and the bound slider.
    """
    # A round step, and ends on its multiples, so the slider reads 1.8, not 1.7999999999.
    rough = (b - a) / 300
    power = 10.0 ** np.floor(np.log10(rough))
    step = max(m * power for m in (1, 2, 5) if m * power <= rough * (1 + 1e-9))
    digits = max(0, -int(np.floor(np.log10(step))))
    low = round(float(np.ceil(a / step - 1e-9)) * step, digits) + 0.0
    high = round(float(np.floor(b / step + 1e-9)) * step, digits) + 0.0
    start = round(low + round(0.6 * (high - low) / step) * step, digits)
    sweep = alt.param(
        name=SWEEP,
        value=start,
        bind=alt.binding_range(min=low, max=high, step=step, name="sweep x from a to b  "),
    )
    x = alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False))
    colors = alt.Scale(
        domain=["F(x)", "f(x)", "slope of F"],
        range=[COLORS["purple"], COLORS["ink"], COLORS["orange"]],
    )
    base = alt.Chart(table)
    # The sampled row nearest the slider: one point per panel.
    here = (
        base.transform_calculate(gap=f"abs(datum.x - {SWEEP})")
        .transform_joinaggregate(nearest="min(gap)")
        .transform_filter("datum.gap == datum.nearest")
    )
    ruler = here.mark_rule(color=COLORS["ink"], strokeDash=[3, 3]).encode(x=alt.X("x:Q"))
    reach = (b - a) / 10
    top = alt.layer(
        base.transform_calculate(series="'F(x)'")
        .mark_line(invalid=BREAK, clip=True)
        .encode(
            x=x,
            y=alt.Y(
                "F:Q", scale=alt.Scale(zero=False, nice=False, padding=22), axis=inner_y_axis()
            ),
            color=alt.Color("series:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
        ),
        ruler,
        here.transform_calculate(
            x0=f"datum.x - {reach}",
            x1=f"datum.x + {reach}",
            y0=f"datum.F - datum.f * {reach}",
            y1=f"datum.F + datum.f * {reach}",
        )
        .mark_rule(color=COLORS["orange"], strokeWidth=3, clip=True)
        .encode(x=alt.X("x0:Q"), x2=alt.X2("x1:Q"), y=alt.Y("y0:Q"), y2=alt.Y2("y1:Q")),
        here.mark_point(filled=True, size=110, color=COLORS["purple"], opacity=1).encode(
            x=alt.X("x:Q"), y=alt.Y("F:Q")
        ),
        *_pinned(
            here.transform_calculate(
                text="'F(' + format(datum.x, '.3~g') + ') = ' + format(datum.F, '.4~g') "
                "+ ', the area so far'"
            ),
            COLORS["purple"],
        ),
    ).properties(height=SIZES["small_height"] + 40, title="F(x): the area from a up to x")
    sign_colors = alt.Scale(
        domain=["positive", "negative"], range=[COLORS["positive"], COLORS["negative"]]
    )
    swept = base.transform_filter(f"datum.x <= {SWEEP}").transform_calculate(
        above="max(datum.f, 0)", below="min(datum.f, 0)"
    )
    bottom = alt.layer(
        swept.transform_calculate(part="'positive'")
        .mark_area(opacity=0.35, clip=True)
        .encode(
            x=x,
            y=alt.Y("above:Q"),
            y2=alt.Y2Datum(0),
            fill=alt.Fill("part:N", scale=sign_colors, legend=None),
        ),
        swept.transform_calculate(part="'negative'")
        .mark_area(opacity=0.35, clip=True)
        .encode(
            x=x,
            y=alt.Y("below:Q"),
            y2=alt.Y2Datum(0),
            fill=alt.Fill("part:N", scale=sign_colors, legend=None),
        ),
        # F's slope as a broad pale band with f drawn thin on top: f runs down its middle.
        base.transform_calculate(series="'slope of F'")
        .mark_line(invalid=BREAK, clip=True, strokeWidth=9, opacity=0.4, strokeCap="round")
        .encode(
            x=x,
            y=alt.Y(
                "slope:Q", scale=alt.Scale(zero=False, nice=False, padding=22), axis=inner_y_axis()
            ),
            color=alt.Color("series:N", scale=colors, title=None, legend=alt.Legend(orient="top")),
        ),
        base.transform_calculate(series="'f(x)'")
        .mark_line(invalid=BREAK, clip=True, strokeWidth=2)
        .encode(x=x, y=alt.Y("f:Q"), color=alt.Color("series:N", scale=colors)),
        ruler,
        here.mark_point(filled=True, size=90, color=COLORS["ink"], opacity=1).encode(
            x=alt.X("x:Q"), y=alt.Y("f:Q")
        ),
        *_pinned(
            here.transform_calculate(
                text="'f(' + format(datum.x, '.3~g') + ') = ' + format(datum.f, '.3~g') "
                "+ ', the slope of F there'"
            ),
            COLORS["ink"],
        ),
    ).properties(height=SIZES["small_height"] + 40, title="f: the area so far shaded")
    return (
        alt.vconcat(top, bottom, spacing=16)
        .resolve_scale(x="shared", color="shared")
        .add_params(sweep)
    )
