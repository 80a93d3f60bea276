"""Charts of the Neural networks page: data in, a chart out.

``fit_chart``       points, the least-squares line with its residuals, and other lines
``cloud_chart``     minibatch gradients scattered around the full gradient, one colour per B
``spread_chart``    how far a minibatch gradient strays against B, on log–log axes
``graph_chart``     a small network, forward values and the backward pass step by step

The SGD paths over the loss map are Multivariable's ``descent_chart`` with a palette of
batch sizes, and their loss against the step is its ``loss_chart``.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd

from mathviz.charts.linear_algebra import equal_axes
from mathviz.charts.multivariable import Palette, method_colors
from mathviz.charts.theme import COLORS, SIZES, inner_y_axis

# Batch sizes from noisiest to calmest: warm to cool, the full batch in ink.
BATCH_PALETTE: Final[dict[str, str]] = {
    "B = 1": COLORS["vermillion"],
    "B = 8": "#cc00cc",
    "B = 64": COLORS["blue"],
    "full batch": COLORS["ink"],
}
FIT = "least squares"
START = "start"


def fit_chart(
    points: pd.DataFrame, lines: pd.DataFrame, gaps: pd.DataFrame, *, palette: Palette = ()
) -> alt.LayerChart | alt.FacetChart:
    """The data, the least-squares line with its residuals, and where each run ended.

    Parameters
    ----------
    points : DataFrame
        Columns ``x``, ``y``.
    lines : DataFrame
        Columns ``x``, ``y``, ``line``: two points per line; ``line`` is ``FIT``,
        ``START`` (the runs' first line, dashed) or a run's name.
    gaps : DataFrame
        Columns ``x``, ``y``, ``fit``: each point's vertical gap to the fitted line.
    palette : tuple of (str, str)
        The runs' names and colours.

    Returns
    -------
    alt.LayerChart
        ``SIZES["main"]`` tall.
    """
    names = [FIT, START, *(name for name, _ in palette)]
    colours = [COLORS["green"], COLORS["grey"], *(colour for _, colour in palette)]
    scale = alt.Scale(domain=names, range=colours)
    x = alt.X("x:Q", title="x", scale=alt.Scale(zero=False, nice=False))
    y = alt.Y("y:Q", title="y", scale=alt.Scale(zero=False))
    residuals = (
        alt.Chart(gaps)
        .mark_rule(color=COLORS["green"], strokeWidth=1, opacity=0.55)
        .encode(x=x, y=y, y2=alt.Y2("fit:Q"))
    )
    dots = (
        alt.Chart(points)
        .mark_circle(color=COLORS["ink"], opacity=0.55, size=28)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )
    drawn = (
        alt.Chart(lines)
        .mark_line(clip=True)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            color=alt.Color(
                "line:N",
                scale=scale,
                title=None,
                legend=alt.Legend(
                    orient="top", direction="horizontal", symbolStrokeWidth=3, columns=3
                ),
            ),
            strokeDash=alt.condition(
                f"datum.line == '{START}'", alt.value([6, 4]), alt.value([1, 0])
            ),
            strokeWidth=alt.condition(f"datum.line == '{FIT}'", alt.value(4), alt.value(2)),
            detail=alt.Detail("line:N"),
        )
    )
    return alt.layer(residuals, dots, drawn).properties(height=SIZES["main"] - 60)


def cloud_chart(
    cloud: pd.DataFrame,
    rings: pd.DataFrame,
    full: pd.DataFrame,
    *,
    extent: float,
    centre: tuple[float, float],
    palette: Palette = (),
) -> alt.LayerChart | alt.FacetChart:
    """Minibatch gradients as dots around the full gradient, with a ring of each cloud's spread.

    Parameters
    ----------
    cloud : DataFrame
        Columns ``gw``, ``gb``, ``method``: one row per minibatch gradient.
    rings : DataFrame
        Columns ``gw``, ``gb``, ``method``, ``i``: a circle per batch size, its radius the
        root-mean-square distance of that size's gradients from the full one.
    full : DataFrame
        Columns ``gw``, ``gb``: the full gradient (one row), and the origin's arrow to it.
    extent, centre
        The view: equal units, the shorter side centre ± extent.
    palette : tuple of (str, str)
        The batch sizes' names and colours.

    Returns
    -------
    alt.LayerChart
        Equal units on both axes, ``SIZES["main"] - 60`` tall.
    """
    x, y = equal_axes(extent, centre, fields=("gw", "gb"))
    x = x.title("∂L/∂w")
    y = y.title("∂L/∂b")
    colour = alt.Color(
        "method:N",
        scale=method_colors(palette),
        title=None,
        legend=alt.Legend(orient="top", direction="horizontal", symbolOpacity=1),
    )
    dots = (
        alt.Chart(cloud)
        .mark_circle(size=22, opacity=0.45, clip=True)
        .encode(x=x, y=y, color=colour)
    )
    ring = (
        alt.Chart(rings)
        .mark_line(strokeWidth=2.5, clip=True)
        .encode(
            x=alt.X("gw:Q"),
            y=alt.Y("gb:Q"),
            color=alt.Color("method:N", scale=method_colors(palette), legend=None),
            detail=alt.Detail("method:N"),
            order=alt.Order("i:Q"),
        )
    )
    arrow = (
        alt.Chart(full)
        .transform_calculate(w0="0", b0="0")
        .mark_rule(color=COLORS["ink"], strokeWidth=2, strokeDash=[4, 3])
        .encode(x=alt.X("w0:Q"), y=alt.Y("b0:Q"), x2=alt.X2("gw:Q"), y2=alt.Y2("gb:Q"))
    )
    tip = (
        alt.Chart(full)
        .mark_point(shape="cross", filled=True, size=260, color=COLORS["ink"], opacity=1)
        .encode(x=alt.X("gw:Q"), y=alt.Y("gb:Q"))
    )
    origin = (
        alt.Chart(pd.DataFrame({"gw": [0.0], "gb": [0.0]}))
        .mark_point(shape="circle", filled=True, size=40, color=COLORS["ink"], opacity=1)
        .encode(x=alt.X("gw:Q"), y=alt.Y("gb:Q"))
    )
    return alt.layer(dots, ring, arrow, origin, tip).properties(height=SIZES["main"] - 60)


def spread_chart(
    curve: pd.DataFrame, measured: pd.DataFrame, *, palette: Palette = ()
) -> alt.LayerChart | alt.FacetChart:
    """How far a minibatch gradient strays from the full one, against the batch size B.

    Parameters
    ----------
    curve : DataFrame
        Columns ``B``, ``spread``, ``line``: "predicted" (σ/√B · √((n − B)/(n − 1))) and
        "1/√B" (the same without the finite-population factor, a straight guide).
    measured : DataFrame
        Columns ``B``, ``spread``, ``method``: the root-mean-square distance measured on
        each drawn cloud.
    palette : tuple of (str, str)
        The batch sizes' names and colours.

    Returns
    -------
    alt.LayerChart
        Log–log axes, ``SIZES["height"]`` tall.
    """
    x = alt.X("B:Q", title="batch size B", scale=alt.Scale(type="log"), axis=alt.Axis(format="~g"))
    y = alt.Y(
        "spread:Q",
        title="typical distance from the full gradient",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format="~g"),
    )
    lines = (
        alt.Chart(curve)
        .transform_filter("datum.spread > 0")
        .mark_line(color=COLORS["grey"])
        .encode(
            x=x,
            y=y,
            strokeDash=alt.StrokeDash(
                "line:N",
                title=None,
                scale=alt.Scale(domain=["predicted", "1/√B"], range=[[1, 0], [5, 4]]),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
        )
    )
    dots = (
        alt.Chart(measured)
        .transform_filter("datum.spread > 0")
        .mark_point(filled=True, size=120, opacity=1)
        .encode(
            x=alt.X("B:Q"),
            y=alt.Y("spread:Q"),
            color=alt.Color("method:N", scale=method_colors(palette), legend=None),
            tooltip=[alt.Tooltip("method:N"), alt.Tooltip("spread:Q", format=".3g")],
        )
    )
    return alt.layer(lines, dots).properties(height=SIZES["height"])


BACK = "back"  # the backward pass's step, a chart parameter: 0 is the forward pass alone
BACK_STAGES: Final = 4  # output δ, output weights, hidden δ, first-layer weights
GRAPH_LOW, GRAPH_SPAN = -0.28, 1.5  # the graph's y axis: room above and below the nodes' 0 … 1


def graph_chart(
    nodes: pd.DataFrame, edges: pd.DataFrame, notes: pd.DataFrame, *, big: bool = False
) -> alt.LayerChart | alt.FacetChart:
    """A small network as a graph: values on the nodes, weights on the edges.

    The backward pass appears step by step as the chart's own slider (``BACK``) moves:
    each unit's δ under it, each weight's gradient under the weight.

    Parameters
    ----------
    nodes : DataFrame
        Columns ``x``, ``y`` (the layer, 0 … L, and the height, 0 … 1), ``name``, ``value``
        (inside the node), ``kind`` ("input", "hidden", "output" or "loss") and ``side``
        (−1: the name goes above the node, 1: below).
    edges : DataFrame
        Columns ``x``, ``y``, ``x2``, ``y2``, ``weight`` (its sign colours it, its size
        thickens it), ``lx``, ``ly`` (where its labels go), ``text`` (the weight) and
        ``grad`` (its gradient, as local slope × incoming gradient), ``stage`` (the backward
        step at which the gradient appears).
    notes : DataFrame
        Columns ``x``, ``y``, ``text``, ``stage``, ``side``: what the backward pass writes
        by a node (its δ), shown from ``stage`` on, ``side`` × 33 px from the node's centre.
    big : bool
        Larger type and nodes, for a projector.

    Returns
    -------
    alt.LayerChart
        Its own ``BACK`` slider, 0 … ``BACK_STAGES``.
    """
    k = 1.4 if big else 1.0
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.3, 3.3]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[GRAPH_LOW, GRAPH_LOW + GRAPH_SPAN]))
    sign = alt.Color(
        "sign:N",
        scale=alt.Scale(
            domain=["positive", "negative"], range=[COLORS["positive"], COLORS["negative"]]
        ),
        legend=None,
    )
    wires = (
        alt.Chart(edges)
        .transform_calculate(sign="datum.weight >= 0 ? 'positive' : 'negative'")
        .transform_calculate(thick="1.5 + 2.5 * min(abs(datum.weight), 2)")
        .mark_rule(opacity=0.75)
        .encode(
            x=x,
            y=y,
            x2=alt.X2("x2:Q"),
            y2=alt.Y2("y2:Q"),
            color=sign,
            strokeWidth=alt.StrokeWidth("thick:Q", scale=None),
        )
    )
    halo: dict[str, Any] = {"stroke": "white", "strokeWidth": 4, "strokeOpacity": 1}
    # On a phone the edges are too short for their labels: the table below has the numbers.
    roomy = alt.ExprRef("width < 480 ? 0 : 1")
    label: dict[str, Any] = {"fontSize": round(13 * k), "opacity": roomy, **halo}
    weights = (
        alt.Chart(edges)
        .mark_text(**label, dy=-8)
        .encode(x=alt.X("lx:Q"), y=alt.Y("ly:Q"), text=alt.Text("text:N"))
    )
    weights_ink = (
        alt.Chart(edges)
        .mark_text(fontSize=round(13 * k), dy=-8, opacity=roomy)
        .encode(x=alt.X("lx:Q"), y=alt.Y("ly:Q"), text=alt.Text("text:N"))
    )
    shown = f"datum.stage <= {BACK}"
    grads = (
        alt.Chart(edges)
        .transform_filter(shown)
        .mark_text(**label, dy=10, fontWeight="bold")
        .encode(x=alt.X("lx:Q"), y=alt.Y("ly:Q"), text=alt.Text("grad:N"))
    )
    grads_ink = (
        alt.Chart(edges)
        .transform_filter(shown)
        .mark_text(
            dy=10,
            fontWeight="bold",
            fontSize=round(13 * k),
            color=COLORS["vermillion"],
            opacity=roomy,
        )
        .encode(x=alt.X("lx:Q"), y=alt.Y("ly:Q"), text=alt.Text("grad:N"))
    )
    kinds = alt.Scale(
        domain=["input", "hidden", "output", "loss"],
        range=["#f2f2f2", "#e6f0f7", "#fdebd0", "#fbe3e3"],
    )
    circles = (
        alt.Chart(nodes)
        .mark_point(filled=True, size=round(3000 * k * k), opacity=1, stroke=COLORS["ink"])
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            fill=alt.Fill("kind:N", scale=kinds, legend=None),
            shape=alt.condition("datum.kind == 'loss'", alt.value("square"), alt.value("circle")),
        )
    )
    values = (
        alt.Chart(nodes)
        .mark_text(fontSize=round(15 * k), fontWeight="bold")
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("value:N"))
    )
    # A name sits beyond its node on the node's side (−1 above, 1 below); a δ note twice as
    # far on its own side, clear of the edges.
    # Pixels to data units: the y scale spans GRAPH_SPAN over the plot's height.
    beyond = {"x": alt.X("x:Q"), "y": alt.Y("ny:Q")}
    placed = alt.Chart(nodes).transform_calculate(
        ny=f"datum.y - datum.side * {46 * k} * {GRAPH_SPAN} / height"
    )
    names = placed.mark_text(fontSize=round(14 * k), **halo).encode(
        text=alt.Text("name:N"), **beyond
    )
    names_ink = placed.mark_text(fontSize=round(14 * k)).encode(text=alt.Text("name:N"), **beyond)
    notes_shown = (
        alt.Chart(notes)
        .transform_filter(shown)
        .transform_calculate(ny=f"datum.y - datum.side * {33 * k} * {GRAPH_SPAN} / height")
    )
    deltas = notes_shown.mark_text(fontSize=round(13 * k), fontWeight="bold", **halo).encode(
        text=alt.Text("text:N"), **beyond
    )
    deltas_ink = notes_shown.mark_text(
        fontSize=round(13 * k), fontWeight="bold", color=COLORS["vermillion"]
    ).encode(text=alt.Text("text:N"), **beyond)
    readout = (
        alt.Chart(pd.DataFrame({"n": [0]}))
        .transform_calculate(
            text=f"{BACK} == 0 ? 'Forward pass: values flow left to right' : "
            f"'Backward pass, step ' + {BACK} + ' of {BACK_STAGES}: gradients flow right to left'"
        )
        .mark_text(align="left", baseline="top", fontSize=round(14 * k), fontWeight="bold")
        .encode(x=alt.value(4), y=alt.value(4), text=alt.Text("text:N"))
    )
    step = alt.param(
        name=BACK,
        value=0,
        bind=alt.binding_range(min=0, max=BACK_STAGES, step=1, name="backward pass "),
    )
    return (
        alt.layer(
            wires,
            weights,
            weights_ink,
            grads,
            grads_ink,
            circles,
            values,
            names,
            names_ink,
            deltas,
            deltas_ink,
            readout,
        )
        .add_params(step)
        .properties(height=SIZES["main"])
    )


EPOCH = "epoch_frame"  # the training chart's scrubber: which stored epoch is drawn
CLASS_COLORS: Final = (COLORS["blue"], COLORS["orange"])  # class 0, class 1
BOUNDARY_SCHEME: Final = ("#4f9fd6", "#ffffff", "#f0b24d")  # P(class 1): 0, ½, 1


def training_chart(  # noqa: PLR0917 - frame.chart hands every frame over by position
    cells: pd.DataFrame,
    points: pd.DataFrame,
    frames: pd.DataFrame,
    curves: pd.DataFrame,
    hidden: pd.DataFrame,
    lines: pd.DataFrame,
    *,
    side: int,
    extent: float,
    hidden_extent: float,
    with_hidden: bool,
    last: int,
    big: bool = False,
) -> alt.VConcatChart:
    """Training played back: the decision boundary, the loss curves and the hidden plane.

    One scrubber (``EPOCH``, over the stored epochs) drives every panel in the browser.
    Panel titles stay short enough for a phone in projector mode; the page says the rest.

    Parameters
    ----------
    cells : DataFrame
        Columns ``k`` (the stored epoch's index), ``i`` (a cell of a ``side`` × ``side``
        grid over [−extent, extent]², row by row from the bottom left) and ``p`` (P(class 1)
        at its centre, times 255, a whole number).
    points : DataFrame
        Columns ``x1``, ``x2``, ``label`` (0 or 1), ``set`` ("train" or "test").
    frames : DataFrame
        Columns ``k``, ``epoch``, ``train``, ``test`` (the losses then, in nats).
    curves : DataFrame
        Columns ``epoch``, ``loss``, ``set``: the loss after every epoch.
    hidden, lines : DataFrame
        The last hidden layer's view when it has two units: ``k``, ``h1``, ``h2``,
        ``label`` per point and epoch; ``k``, ``h1``, ``h2``, ``end``: the output's line
        P = ½ in that plane (two ends a frame). Empty and unused without ``with_hidden``.
    side, extent, hidden_extent
        The grid's cells per side, the input plane's half-width, the hidden plane's.
    with_hidden : bool
        Whether to draw the hidden plane.
    last : int
        The last stored epoch's index ``k``: the scrubber's end.
    big : bool
        Larger marks and type, for a projector.

    Returns
    -------
    alt.VConcatChart
        The panels one above the other, sharing ``EPOCH``.
    """
    k = 1.5 if big else 1.0
    last = max(last, 1)
    at = f"datum.k == {EPOCH}"
    step = 2 * extent / side
    plane = alt.Scale(domain=[-extent, extent], nice=False)
    # Stacked panels stretch to the column: y labels inside the plot, x labels flush.
    x = alt.X("x0:Q", title="x₁", scale=plane, axis=alt.Axis(labelFlush=True))
    y = alt.Y("y0:Q", scale=plane, axis=inner_y_axis())
    heat = (
        alt.Chart(cells)
        .transform_filter(at)
        .transform_calculate(
            x0=f"{-extent} + (datum.i % {side}) * {step}",
            y0=f"{-extent} + floor(datum.i / {side}) * {step}",
        )
        .transform_calculate(x1=f"datum.x0 + {step}", y1=f"datum.y0 + {step}")
        .mark_rect(opacity=0.8)
        .encode(
            x=x,
            y=y,
            x2=alt.X2("x1:Q"),
            y2=alt.Y2("y1:Q"),
            color=alt.Color(
                "p:Q",
                title="P(class 1)",
                # Straight through white: an unsure network (P near ½) looks pale.
                scale=alt.Scale(
                    domain=[0, 127.5, 255], range=list(BOUNDARY_SCHEME), interpolate="rgb"
                ),
                legend=alt.Legend(
                    orient="top",
                    gradientLength=round(120 * k),
                    values=[0, 127.5, 255],
                    labelExpr="format(datum.value / 255, '.1f')",
                ),
            ),
        )
    )
    classes = alt.Scale(domain=[0, 1], range=list(CLASS_COLORS))
    colour = alt.Color("label:N", scale=classes, title="class", legend=alt.Legend(orient="top"))
    train = (
        alt.Chart(points)
        .transform_filter("datum.set == 'train'")
        .mark_point(filled=True, size=round(40 * k * k), opacity=1, stroke="white", strokeWidth=1)
        .encode(x=alt.X("x1:Q", scale=plane), y=alt.Y("x2:Q", scale=plane), color=colour)
    )
    test = (
        alt.Chart(points)
        .transform_filter("datum.set == 'test'")
        .mark_point(filled=False, size=round(55 * k * k), opacity=1, strokeWidth=2)
        .encode(
            x=alt.X("x1:Q"), y=alt.Y("x2:Q"), color=alt.Color("label:N", scale=classes, legend=None)
        )
    )
    readout = (
        alt.Chart(frames)
        .transform_filter(at)
        .transform_calculate(
            text="'epoch ' + datum.epoch + ' · loss ' + format(datum.train, '.3f') + "
            "' train, ' + format(datum.test, '.3f') + ' test'"
        )
        .mark_text(
            align="left", baseline="top", fontSize=round(14 * k), fontWeight="bold",
            stroke="white", strokeWidth=4,
        )
        .encode(x=alt.value(6), y=alt.value(6), text=alt.Text("text:N"))
    )  # fmt: skip
    readout_ink = readout.mark_text(
        align="left", baseline="top", fontSize=round(14 * k), fontWeight="bold"
    )
    boundary = alt.layer(heat, train, test, readout, readout_ink).properties(
        # About as tall as a desktop column is wide: the plane's units look alike both ways.
        height=SIZES["main"] + 60,
        title="P(class 1) over the plane",
    )
    sets = alt.Scale(domain=["train", "test"], range=[COLORS["ink"], COLORS["vermillion"]])
    losses = (
        alt.Chart(curves)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("epoch:Q", title="epoch", axis=alt.Axis(labelFlush=True, tickMinStep=1)),
            y=alt.Y("loss:Q", scale=alt.Scale(zero=True), axis=inner_y_axis()),
            color=alt.Color("set:N", scale=sets, title=None, legend=alt.Legend(orient="top")),
        )
    )
    now = (
        alt.Chart(frames)
        .transform_filter(at)
        .mark_rule(color=COLORS["grey"], strokeDash=[4, 3], strokeWidth=2)
        .encode(x=alt.X("epoch:Q"))
    )
    curve_panel = alt.layer(losses, now).properties(
        height=SIZES["small_height"] + 30,
        title="Loss by epoch (nats)",
    )
    panels: list = [boundary, curve_panel]
    if with_hidden:
        inner = alt.Scale(domain=[-hidden_extent, hidden_extent], nice=False)
        cloud = (
            alt.Chart(hidden)
            .transform_filter(at)
            .mark_point(filled=True, size=round(40 * k * k), opacity=0.9)
            .encode(
                x=alt.X("h1:Q", title="h₁", scale=inner, axis=alt.Axis(labelFlush=True)),
                y=alt.Y("h2:Q", scale=inner, axis=inner_y_axis()),
                color=alt.Color("label:N", scale=classes, legend=None),
            )
        )
        cut = (
            alt.Chart(lines)
            .transform_filter(at)
            .mark_line(color=COLORS["ink"], strokeWidth=2.5, strokeDash=[6, 4], clip=True)
            .encode(x=alt.X("h1:Q"), y=alt.Y("h2:Q"), order=alt.Order("end:Q"))
        )
        panels.append(
            alt.layer(cloud, cut).properties(
                height=SIZES["main"] - 80,
                title="The last hidden layer's plane",
            )
        )
    return (
        alt.vconcat(*panels, spacing=24)
        .resolve_scale(color="independent", x="independent", y="independent")
        .add_params(
            alt.param(
                name=EPOCH,
                value=last,
                bind=alt.binding_range(min=0, max=last, step=1, name="epoch "),
            )
        )
    )
