"""Altair charts for the Multivariable calculus page: tidy DataFrames in, charts out.

``surface_chart``    a function of (x, y) as a heatmap with contour lines, at equal units,
                     with a gradient field, marked points and the plane's overlays
                     (paths, arrows, labels) on top; clicking a cell can pick a point
``direction_chart``  the directional derivative against the direction's angle
``loss_chart``       f (or ‖∇f‖) along each descent method's iterations, log scale

The heatmap's colour bands are quantiles of f over the window, so every band covers the
same area and the shape reads the same whether f spans 1 or 10⁶ (Rosenbrock's valley).
The contour lines are drawn at those same quantiles: they are the bands' edges
(``mathviz.charts.surfaces`` samples a surface into the frames ``surface_chart`` takes).

Framing helpers, data in and data out: ``thin_path`` (a descent path with at most one
point per pixel or so, cut short far outside the view), ``thin_series`` (at most a few
hundred evenly spread indices of a long series), ``square_outline`` (the boundary of a
square as a closed path of many points, so its image under a map is drawn smooth).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from mathviz.charts.linear_algebra import (
    ARROW_HEAD,
    BREAK,
    PLANE_HEIGHT,
    equal_axes,
    plane_layers,
)
from mathviz.charts.plane import nice_extent
from mathviz.charts.theme import COLORS, step_slider

BANDS = 10
SURFACE_HEIGHT = PLANE_HEIGHT + 60
PICK = "pick"  # the name of the click selection on the heatmap
GRAB = "grab"  # the cell under a held pointer: its ring follows a drag in the browser
MARK_SIZE = 150  # a marked point's area in px²; its white ring is twice that
# Room at the right for the last x label, which ends flush with the plot's edge.
MAP_PADDING = {"left": 5, "top": 5, "right": 12, "bottom": 5}

STAR = (
    "M0,-1L0.235,-0.324L0.951,-0.309L0.38,0.124L0.588,0.809L0,0.4L-0.588,0.809L-0.38,0.124"
    "L-0.951,-0.309L-0.235,-0.324Z"
)
# "goal" marks a minimum the descent paths aim for: a black star, unlike any path colour.
KINDS = ("minimum", "maximum", "saddle", "degenerate", "start", "point", "goal")
KIND_COLORS = alt.Scale(
    domain=list(KINDS),
    range=[
        COLORS["blue"],
        COLORS["vermillion"],
        COLORS["yellow"],
        COLORS["purple"],
        "#ffffff",
        "#ffffff",
        COLORS["ink"],
    ],
)
KIND_SHAPES = alt.Scale(
    domain=list(KINDS),
    range=["circle", "triangle-up", "diamond", "square", "circle", "circle", STAR],
)
# The descent methods: blue, vermillion and magenta, three hues far apart from each other
# and from the green land they cross.
METHOD_PALETTE = {"plain": COLORS["blue"], "momentum": COLORS["vermillion"], "adam": "#cc00cc"}
METHOD_COLORS = alt.Scale(domain=list(METHOD_PALETTE), range=list(METHOD_PALETTE.values()))
Palette = tuple[tuple[str, str], ...]
"""(name, colour) per run, for charts that draw runs other than the three methods."""


def method_colors(palette: Palette = ()) -> alt.Scale:
    """The colour scale of the runs: the three methods' unless ``palette`` names others."""
    if not palette:
        return METHOD_COLORS
    return alt.Scale(domain=[name for name, _ in palette], range=[c for _, c in palette])


# Low ground dark teal, high ground pale grey: coloured paths and marks stand out on both.
HEAT = {"name": "lightgreyteal", "count": BANDS}
# Under descent paths the map is land: pale valleys, dark green ridges. The paths run
# mostly through the pale low ground, where their colours read best; green is none of theirs.
LAND_HEAT = {"name": "greens", "count": BANDS, "extent": [0.02, 1.0]}
DESCENT_HEIGHT = 560  # the descent map with its title and key: a near-square plot ~430 px tall
TICK_GAP = 80  # px: at most one tick label per this much axis, at any width
# The eigen-direction and rate charts have no Adam: its steps do not split along them.
TWO_METHODS = alt.Scale(
    domain=["plain", "momentum"], range=[METHOD_PALETTE["plain"], METHOD_PALETTE["momentum"]]
)
STEP = "dsc_step"  # the descent map's scrubber: the step shown, moved in the browser
SURFACE_VIEW = "arg10"  # frame.chart fills surface_chart's eleventh frame, the view, in here


def surface_chart(  # noqa: PLR0917 - frame.chart hands every frame over by position
    cells: pd.DataFrame,
    contours: pd.DataFrame,
    field: pd.DataFrame,
    marks: pd.DataFrame,
    regions: pd.DataFrame,
    grid: pd.DataFrame,
    paths: pd.DataFrame,
    arrows: pd.DataFrame,
    points: pd.DataFrame,
    labels: pd.DataFrame,
    view: pd.DataFrame | None = None,
    *,
    centre: tuple[float, float],
    extent: float,
    cell: float,
    title: str = "",
    pick: bool = False,
    heat_scheme: dict | None = None,
    low_dark: bool = True,
    smooth: bool = False,
) -> alt.LayerChart | alt.FacetChart:
    """A surface seen from above, with everything a topic draws on it.

    Parameters
    ----------
    cells : DataFrame
        Columns ``x``, ``y`` (cell centres) and ``z`` (f there; nan where undefined,
        left blank).
    contours : DataFrame
        Columns ``x``, ``y``, ``path``, ``i``: contour lines, points in order ``i``.
    field : DataFrame
        Columns ``x0``, ``y0``, ``x``, ``y``: short arrows along the gradient.
    marks : DataFrame
        Columns ``x``, ``y``, ``kind`` (one of ``KINDS``): critical points and the like,
        drawn large with a shape and colour per kind.
    regions, grid, paths, arrows, points, labels : DataFrame
        The overlays of ``linear_algebra.plane_chart``, coloured by role.
    view : DataFrame, optional
        ``warp_view((x, y, E))``: the view as data, read in the browser from the
        chart's eleventh frame (``SURFACE_VIEW``), so a view that moves from run to run
        (a close-up of one critical point, then another) keeps one spec. Without it the
        view is ``centre`` and ``extent``.
    centre : (float, float)
        The middle of the view.
    extent : float
        E: the shorter side shows centre ± E, the longer the same scale across.
    cell : float
        The side of a heatmap cell.
    title : str
        The chart's title.
    pick : bool
        Whether clicking a cell selects it (the selection is named ``PICK``); held down,
        the pointer drags a ring from cell to cell (``GRAB``) and picks where it lets go.
    heat_scheme : dict, optional
        The heatmap's colour scheme (``HEAT`` by default; ``LAND_HEAT`` under coloured
        paths).
    low_dark : bool
        Low ground in the scheme's dark end (the default) or its pale end.
    smooth : bool
        Colour each cell by its rank in the map (a continuous scale) rather than by its
        band: the contour lines still fall where the bands' colours would change.

    Returns
    -------
    alt.LayerChart
        The layered chart, equal units on both axes.
    """
    if view is None:
        x, y = sparse_ticks(*equal_axes(extent, centre, fields=("left", "bottom")))
    else:
        x, y = _view_axes(False, fields=("left", "bottom"), slot=SURFACE_VIEW)
    # Cells overlap a little and are opaque, so no hairline of background shows between them.
    half = cell / 2 * 1.08
    scheme = heat_scheme or HEAT
    valid = alt.Chart(cells).transform_filter("isValid(datum.z) && isFinite(datum.z)")
    if smooth:
        # Each cell's share of the map below it, 0 to 1: a continuous colour with the same
        # equal-area property as the bands, so no stair steps between them.
        valid = valid.transform_window(rank="cume_dist()", sort=[alt.SortField("z")])
        ends = scheme.get("extent", [1 / (BANDS + 1), BANDS / (BANDS + 1)])
        colour = alt.Color(
            "rank:Q",
            scale=alt.Scale(
                scheme={"name": scheme["name"], "extent": ends}, reverse=low_dark, domain=[0, 1]
            ),
            legend=None,
        )
    else:
        colour = alt.Color(
            "z:Q", scale=alt.Scale(type="quantile", scheme=scheme, reverse=low_dark), legend=None
        )
    heat = (
        valid.transform_calculate(
            left=f"datum.x - {half}",
            right=f"datum.x + {half}",
            bottom=f"datum.y - {half}",
            top=f"datum.y + {half}",
        )
        .mark_rect(opacity=1, clip=True)
        .encode(
            x=x,
            x2=alt.X2("right:Q"),
            y=y,
            y2=alt.Y2("top:Q"),
            color=colour,
            tooltip=[
                alt.Tooltip("x:Q", format=".3g"),
                alt.Tooltip("y:Q", format=".3g"),
                alt.Tooltip("z:Q", title="f", format=".4g"),
            ],
        )
    )
    held: list[alt.Chart] = []
    if pick:
        # Held down, the cell under the pointer is ringed as it moves (GRAB, in the browser);
        # let go, or click, and it is picked (PICK) for the page to move the point there.
        grab = alt.selection_point(
            name=GRAB, fields=["x", "y"], on="pointerdown, pointermove[event.buttons > 0]",
            clear=False, empty=False,
        )  # fmt: skip
        heat = heat.add_params(
            grab, alt.selection_point(name=PICK, fields=["x", "y"], on="pointerup", clear=False)
        )
        grabbed = valid.transform_filter(grab)
        held = [
            grabbed.mark_point(
                filled=False, shape="circle", size=420, strokeWidth=w, color=c, opacity=1
            ).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
            for w, c in ((6, "#ffffff"), (2.5, COLORS["ink"]))
        ]
    lines = (
        alt.Chart(contours)
        .mark_line(clip=True, color="#ffffff", strokeWidth=1, opacity=0.75, invalid=BREAK)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), detail=alt.Detail("path:N"), order=alt.Order("i:Q"))
    )
    shafts = (
        alt.Chart(field)
        .mark_rule(clip=True, color=COLORS["ink"], opacity=0.45, strokeWidth=1)
        .encode(x=alt.X("x0:Q"), y=alt.Y("y0:Q"), x2=alt.X2("x:Q"), y2=alt.Y2("y:Q"))
    )
    heads = (
        alt.Chart(field)
        .transform_calculate(angle="90 - atan2(datum.y - datum.y0, datum.x - datum.x0) * 180 / PI")
        .mark_point(
            shape=ARROW_HEAD, filled=True, color=COLORS["ink"], opacity=0.45, size=28, clip=True
        )
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), angle=alt.Angle("angle:Q", scale=None))
    )
    # A white ring under every mark: a blue minimum stays visible on the dark low ground.
    ring = (
        alt.Chart(marks)
        .mark_point(filled=True, opacity=1, color="#ffffff", size=MARK_SIZE * 2)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), shape=alt.Shape("kind:N", scale=KIND_SHAPES,
                                                                 legend=None))
    )  # fmt: skip
    dots = (
        alt.Chart(marks)
        .mark_point(filled=True, opacity=1, stroke=COLORS["ink"], strokeWidth=1.2, size=MARK_SIZE)
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            color=alt.Color("kind:N", scale=KIND_COLORS, legend=None),
            shape=alt.Shape("kind:N", scale=KIND_SHAPES, legend=None),
            tooltip=[
                alt.Tooltip("kind:N"),
                alt.Tooltip("x:Q", format=".4g"),
                alt.Tooltip("y:Q", format=".4g"),
            ],
        )
    )
    # A white band under every path keeps it visible on dark and light ground alike.
    halo = (
        alt.Chart(paths)
        .mark_line(clip=True, color="#ffffff", strokeWidth=5, opacity=0.8, invalid=BREAK)
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), detail=alt.Detail("path:N"), order=alt.Order("i:Q"))
    )
    overlays = plane_layers(
        regions, grid, paths, arrows, points, labels, x=alt.X("x:Q"), y=alt.Y("y:Q")
    )
    # The marks go under the labels (the last two overlays) so a label is never hidden.
    layers = [heat, lines, shafts, heads, halo, *overlays[:-2], ring, dots, *overlays[-2:], *held]
    if view is not None:
        # An invisible mark on the view's row: a dataset no mark uses is left out.
        layers.append(alt.Chart(view).mark_point(opacity=0).encode(x=alt.value(0), y=alt.value(0)))
    return alt.layer(*layers).properties(height=SURFACE_HEIGHT, title=title, padding=MAP_PADDING)


def sparse_ticks(x: alt.X, y: alt.Y, *, gap: int = TICK_GAP) -> tuple[alt.X, alt.Y]:
    """The axes with at most one tick per ``gap`` pixels, counted in the browser.

    Vega picks round steps near the count it is given, so a narrow phone or a short map
    gets fewer, wider-spaced ticks instead of labels that touch.
    """
    count = f"max(2, floor({{}} / {gap}))"
    x_ticks = alt.ExprRef(count.format("width"))
    y_ticks = alt.ExprRef(count.format("height"))
    return x.axis(labelFlush=True, tickCount=x_ticks), y.axis(tickCount=y_ticks)


def direction_chart(curve: pd.DataFrame, marker: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """The slope of f in every direction: D_u f = ∇f · u against the angle of u.

    Parameters
    ----------
    curve : DataFrame
        Columns ``angle`` (degrees, 0 to 360) and ``slope``.
    marker : DataFrame
        Columns ``angle``, ``slope``, ``label``: the chosen direction and the gradient's.

    Returns
    -------
    alt.LayerChart
        A cosine wave: largest (‖∇f‖) along the gradient, zero along the contour.
    """
    x = alt.X(
        "angle:Q",
        title="direction of u (degrees)",
        scale=alt.Scale(domain=[0, 360], nice=False),
        axis=alt.Axis(values=[0, 90, 180, 270, 360]),
    )
    wave = (
        alt.Chart(curve)
        .mark_line(color=COLORS["ink"])
        .encode(x=x, y=alt.Y("slope:Q", title="slope of f along u"))
    )
    zero = (
        alt.Chart(pd.DataFrame({"slope": [0.0]}))
        .mark_rule(color=COLORS["grey"], strokeDash=[4, 4])
        .encode(y=alt.Y("slope:Q"))
    )
    spots = alt.Chart(marker)
    dot = spots.mark_point(filled=True, size=90, opacity=1).encode(
        x=alt.X("angle:Q"),
        y=alt.Y("slope:Q"),
        color=alt.Color(
            "label:N",
            scale=alt.Scale(domain=["u", "∇f"], range=[COLORS["purple"], COLORS["vermillion"]]),
            legend=None,
        ),
    )
    text = spots.mark_text(dy=-12, fontWeight="bold").encode(
        x=alt.X("angle:Q"), y=alt.Y("slope:Q"), text=alt.Text("label:N")
    )
    return alt.layer(zero, wave, dot, text).properties(height=220)


def loss_chart(
    series: pd.DataFrame,
    *,
    title: str,
    log: bool = True,
    palette: Palette = (),
    steps: str = "iteration",
) -> alt.LayerChart | alt.FacetChart:
    """One line per descent method: a quantity against the iteration number.

    Parameters
    ----------
    series : DataFrame
        Columns ``step``, ``value`` (> 0 for a log scale; others are left out) and
        ``method`` ("plain", "momentum", "adam").
    title : str
        The y axis title: what is plotted.
    log : bool
        A log scale for the values (a straight line means geometric convergence).
    palette : tuple of (str, str), optional
        The runs' names and colours, when they are not the three methods.
    steps : str
        The x axis's title: what the page calls a step.

    Returns
    -------
    alt.LayerChart
        The lines, each method in its colour.
    """
    scale = alt.Scale(type="log") if log else alt.Scale(zero=False)
    data = alt.Chart(series)
    if log:
        data = data.transform_filter("datum.value > 0")
    lines = data.mark_line(invalid=BREAK).encode(
        x=alt.X("step:Q", title=steps, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", title=title, scale=scale, axis=alt.Axis(format="~g")),
        color=alt.Color(
            "method:N", scale=method_colors(palette), title=None, legend=alt.Legend(orient="top")
        ),
        tooltip=[
            alt.Tooltip("method:N"),
            alt.Tooltip("step:Q"),
            alt.Tooltip("value:Q", format=".4g"),
        ],
    )
    return alt.layer(lines).properties(height=240)


def thin_path(path: np.ndarray, *, centre: Sequence[float], extent: float) -> np.ndarray:
    """At most one point per 0.4 % of the view along the path, cut far outside the view.

    Every step of a zig-zag is longer than that, so its turns stay; the first and the last
    point stay. A path that leaves four times the view's half-width from its centre is cut
    one point after it leaves.

    Parameters
    ----------
    path : ndarray
        The points, one per row, shape (k, 2).
    centre : (float, float)
        The middle of the view.
    extent : float
        The view's half-width.

    Returns
    -------
    ndarray
        A subsequence of the rows of ``path``, in order.

    Examples
    --------
    >>> path = np.column_stack([np.linspace(0.0, 1.0, 1001), np.zeros(1001)])
    >>> len(thin_path(path, centre=(0.0, 0.0), extent=1.0))
    251
    """
    far = np.abs(path - np.asarray(centre)).max(axis=1) > 4 * extent
    if far.any():
        path = path[: int(np.argmax(far)) + 1]
    if len(path) <= 2:
        return path
    along = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(path, axis=0)).max(axis=1))])
    bins = np.floor(along / (0.004 * extent))
    keep = np.concatenate([[True], bins[1:] != bins[:-1]])
    keep[-1] = True
    return path[keep]


def thin_series(values: np.ndarray, limit: int = 400) -> np.ndarray:
    """At most ``limit`` indices of a series, evenly spread, the first and last included.

    Examples
    --------
    >>> thin_series(np.ones(5)).tolist(), len(thin_series(np.ones(10_000)))
    ([0, 1, 2, 3, 4], 400)
    """
    if len(values) <= limit:
        return np.arange(len(values))
    return np.unique(np.linspace(0, len(values) - 1, limit).round().astype(int))


def square_outline(side: float, *, per_edge: int = 29) -> tuple[np.ndarray, np.ndarray]:
    """A square of ``side`` centred at 0: its corners, and its boundary as a closed path.

    Returns
    -------
    corners : ndarray
        (−s, −s), (s, −s), (s, s), (−s, s) for s = side / 2, shape (4, 2).
    outline : ndarray
        ``per_edge`` evenly spaced points along each edge from its first corner, then the
        first point again: shape (4·per_edge + 1, 2).

    Examples
    --------
    >>> corners, outline = square_outline(2.0, per_edge=1)
    >>> outline.tolist()
    [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0]]
    """
    corners = side / 2 * np.array([(-1, -1), (1, -1), (1, 1), (-1, 1)], dtype=float)
    edge = np.linspace(0, 1, per_edge + 1)[:-1]
    outline = np.vstack(
        [c + t * (corners[(i + 1) % 4] - c) for i, c in enumerate(corners) for t in edge]
    )
    return corners, np.vstack([outline, outline[:1]])


def view_steps(path: np.ndarray, *, centre: Sequence[float], extent: float) -> np.ndarray:
    """The steps of a path worth drawing: one per 0.4 % of the view, up to where it leaves.

    Like ``thin_path``, but as step numbers, so a scrubber can walk them; a path that
    leaves the square centre ± extent stops at its first step outside (``leaves_view``).

    Examples
    --------
    >>> path = np.column_stack([np.linspace(0.0, 1.0, 1001), np.zeros(1001)])
    >>> steps = view_steps(path, centre=(0.0, 0.0), extent=1.0)
    >>> len(steps), steps[:3].tolist(), int(steps[-1])
    (251, [0, 4, 8], 1000)
    >>> view_steps(np.array([[0.0, 0.0], [0.5, 0.0], [3.0, 0.0], [9.0, 0.0]]),
    ...            centre=(0.0, 0.0), extent=1.0).tolist()
    [0, 1, 2]
    """
    out = leaves_view(path, centre=centre, extent=extent)
    last = len(path) - 1 if out is None else out[0]
    kept = path[: last + 1]
    if len(kept) <= 2:
        return np.arange(len(kept))
    along = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(kept, axis=0)).max(axis=1))])
    bins = np.floor(along / (0.004 * extent))
    keep = np.concatenate([[True], bins[1:] != bins[:-1]])
    keep[-1] = True
    return np.flatnonzero(keep)


def leaves_view(
    path: np.ndarray, *, centre: Sequence[float], extent: float
) -> tuple[int, np.ndarray, float] | None:
    """Where a path first leaves the square centre ± extent, if it does.

    Returns
    -------
    (int, ndarray, float) or None
        The first step outside, the point where the segment to it crosses the square's
        edge, and the segment's direction in degrees clockwise from up (a marker's angle);
        None when the whole path stays inside.

    Examples
    --------
    >>> path = np.array([[0.0, 0.0], [0.5, 0.5], [0.5, 2.5]])
    >>> step, at, angle = leaves_view(path, centre=(0.0, 0.0), extent=1.0)
    >>> step, at.tolist(), angle
    (2, [0.5, 1.0], 0.0)
    >>> leaves_view(path[:2], centre=(0.0, 0.0), extent=1.0) is None
    True
    """
    c = np.asarray(centre, dtype=float)
    outside = ~(np.abs(path - c).max(axis=1) <= extent)  # nan counts as outside
    if not outside.any():
        return None
    k = int(np.argmax(outside))
    if k == 0:
        return 0, path[0].astype(float), 0.0
    a, b = path[k - 1].astype(float), path[k].astype(float)
    d = b - a
    if not np.all(np.isfinite(d)):
        return k, a, 0.0
    # The largest t in [0, 1] with a + t·d still inside, coordinate by coordinate.
    reach = [(c[i] + np.sign(d[i]) * extent - a[i]) / d[i] for i in range(2) if d[i] != 0]
    t = float(min([1.0, *reach]))
    angle = float(np.degrees(np.arctan2(d[0], d[1])))
    return k, a + t * d, angle


def descent_frames(
    paths: dict[str, np.ndarray], *, centre: Sequence[float], extent: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The descent map's data: each method's drawn steps, and where a path leaves the view.

    Returns
    -------
    track : DataFrame
        Columns ``method``, ``step``, ``x``, ``y``: the steps of ``view_steps``; a path that
        leaves ends at its crossing of the view's edge, under the step it leaves on.
    exits : DataFrame
        Columns ``method``, ``step``, ``x``, ``y``, ``angle``: one row per path that leaves.

    Examples
    --------
    >>> track, exits = descent_frames(
    ...     {"plain": np.array([[0.0, 0.0], [0.0, 0.5], [0.0, -2.0]])},
    ...     centre=(0.0, 0.0), extent=1.0)
    >>> track.to_dict("list")
    {'method': ['plain', 'plain', 'plain'], 'step': [0, 1, 2], 'x': [0.0, 0.0, 0.0], \
'y': [0.0, 0.5, -1.0]}
    >>> exits.to_dict("list")
    {'method': ['plain'], 'step': [2], 'x': [0.0], 'y': [-1.0], 'angle': [180.0]}
    """
    tracks, exits = [], []
    for method, path in paths.items():
        steps = view_steps(path, centre=centre, extent=extent)
        points = path[steps].astype(float)
        out = leaves_view(path, centre=centre, extent=extent)
        if out is not None and len(steps) and steps[-1] == out[0]:
            points[-1] = out[1]
            exits.append((method, out[0], out[1][0], out[1][1], out[2]))
        tracks.append(
            pd.DataFrame(
                {
                    "method": [method] * len(steps),
                    "step": steps.astype(int),
                    "x": points[:, 0],
                    "y": points[:, 1],
                }
            )
        )
    track = (
        pd.concat(tracks, ignore_index=True)
        if tracks
        else pd.DataFrame({"method": [], "step": [], "x": [], "y": []})
    )
    gone = pd.DataFrame(exits, columns=["method", "step", "x", "y", "angle"])
    return track.astype({"method": "str", "step": "int64"}), gone.astype(
        {"method": "str", "step": "int64"}
    )


def descent_chart(  # noqa: PLR0917 - frame.chart hands every frame over by position
    cells: pd.DataFrame,
    contours: pd.DataFrame,
    marks: pd.DataFrame,
    track: pd.DataFrame,
    exits: pd.DataFrame,
    regions: pd.DataFrame,
    grid: pd.DataFrame,
    paths: pd.DataFrame,
    arrows: pd.DataFrame,
    points: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    centre: tuple[float, float],
    extent: float,
    cell: float,
    last: int,
    title: str = "",
    big: bool = False,
    palette: Palette = (),
) -> alt.LayerChart | alt.FacetChart:
    """Descent paths on a map of the land, played back in the browser with a step scrubber.

    The parameter ``STEP`` is bound to a range input (0 to ``last``): moving it redraws
    each method's path up to that step and a ball where the method is then, with no
    server round trip. The full paths stay faint underneath, so where each is going shows.
    A path that leaves the view ends at the edge with an arrowhead pointing out.

    Parameters
    ----------
    cells, contours, marks : DataFrame
        As for ``surface_chart`` (a minimum here is best marked as kind "goal").
    track, exits : DataFrame
        From ``descent_frames``.
    regions, grid, paths, arrows, points, labels : DataFrame
        The plane's overlays, as for ``surface_chart`` (empty for a plain map).
    centre, extent, cell, title
        As for ``surface_chart``.
    last : int
        The scrubber's last step: the longest run.
    big : bool
        Larger text, balls and legend, for a projector.
    palette : tuple of (str, str), optional
        The runs' names and colours, when they are not the three methods.

    Returns
    -------
    alt.LayerChart
        The map, clickable (selection ``PICK``), with the paths, balls and a step readout.
    """
    k = 1.5 if big else 1.0  # text and marks grow with the projector's type
    no_field = pd.DataFrame({"x0": [], "y0": [], "x": [], "y": []})
    base = surface_chart(
        cells, contours, no_field, marks, regions, grid, paths, arrows, points, labels,
        centre=centre, extent=extent, cell=cell, pick=True, heat_scheme=LAND_HEAT,
        low_dark=False, smooth=True,
    )  # fmt: skip
    base.padding = alt.Undefined  # set once, on the chart this returns
    step = step_slider(STEP, last, "step ", at=int(last))
    colors = method_colors(palette)
    color = alt.Color(
        "method:N",
        scale=colors,
        title=None,
        legend=alt.Legend(
            # Above the map, never over a path.
            orient="top", direction="horizontal",
            symbolStrokeWidth=3, symbolDash=[1, 0], symbolOpacity=1,
            labelFontSize=round(13 * k), symbolSize=round(100 * k), labelColor=COLORS["ink"],
        ),
    )  # fmt: skip
    xy = {"x": alt.X("x:Q"), "y": alt.Y("y:Q"), "order": alt.Order("step:Q")}
    # Clicking a method in the legend picks it out; clicking the map's background clears.
    chosen = alt.selection_point(name="dsc_method", fields=["method"], bind="legend")
    faded = alt.condition(chosen, alt.value(1.0), alt.value(0.12))
    data = alt.Chart(track)
    # The legend and its picking live on the first layer that colours by method: in a
    # layered chart the first layer's legend settings win.
    ghost = (
        data.mark_line(clip=True, strokeWidth=1.5, strokeDash=[2, 3], opacity=0.6)
        .encode(color=color, detail=alt.Detail("method:N"), **xy)
        .add_params(chosen)
    )
    done = data.transform_filter(f"datum.step <= {STEP}")
    halo = done.mark_line(clip=True, color="#ffffff", strokeWidth=6).encode(
        detail=alt.Detail("method:N"),
        opacity=alt.condition(chosen, alt.value(0.85), alt.value(0.0)),
        **xy,
    )
    walked = done.mark_line(clip=True, strokeWidth=3).encode(
        color=alt.Color("method:N", scale=colors, legend=None),
        detail=alt.Detail("method:N"),
        opacity=faded,
        **xy,
    )
    ball = (
        done.transform_joinaggregate(reached="max(step)", groupby=["method"])
        .transform_filter("datum.step == datum.reached")
        .mark_point(
            filled=True, size=round(260 * k * k), stroke="#ffffff", strokeWidth=2, clip=True
        )
        .encode(
            x=alt.X("x:Q"),
            y=alt.Y("y:Q"),
            opacity=faded,
            color=alt.Color("method:N", scale=colors, legend=None),
            tooltip=[
                alt.Tooltip("method:N"),
                alt.Tooltip("step:Q"),
                alt.Tooltip("x:Q", format=".4g"),
                alt.Tooltip("y:Q", format=".4g"),
            ],
        )
    )
    gone = alt.Chart(exits).transform_filter(f"datum.step <= {STEP}")
    heads = gone.mark_point(
        shape=ARROW_HEAD,
        filled=True,
        size=round(700 * k * k),
        opacity=1,
        stroke="#ffffff",
        strokeWidth=1.5,
    ).encode(
        x=alt.X("x:Q"),
        y=alt.Y("y:Q"),
        angle=alt.Angle("angle:Q", scale=None),
        color=alt.Color("method:N", scale=colors, legend=None),
    )
    first = gone.transform_joinaggregate(first="min(step)").transform_filter(
        "datum.step == datum.first"
    )
    off = first.mark_text(
        fontWeight="bold", fontSize=round(13 * k), dy=round(18 * k), stroke="#ffffff", strokeWidth=3
    ).encode(
        x=alt.X("x:Q"),
        y=alt.Y("y:Q"),
        text=alt.value("off the map"),
        color=alt.Color("method:N", scale=colors, legend=None),
    )
    off_ink = first.mark_text(fontWeight="bold", fontSize=round(13 * k), dy=round(18 * k)).encode(
        x=alt.X("x:Q"),
        y=alt.Y("y:Q"),
        text=alt.value("off the map"),
        color=alt.Color("method:N", scale=colors, legend=None),
    )
    readout = (
        alt.Chart(pd.DataFrame({"n": [0]}))
        .transform_calculate(text=f"'step ' + {STEP} + ' of {int(last)}'")
        .mark_text(
            align="left", baseline="top", fontSize=round(15 * k), fontWeight="bold",
            stroke="#ffffff", strokeWidth=4, strokeOpacity=0.9,
        )
        .encode(x=alt.value(8), y=alt.value(8), text=alt.Text("text:N"))
    )  # fmt: skip
    readout_ink = (
        alt.Chart(pd.DataFrame({"n": [0]}))
        .transform_calculate(text=f"'step ' + {STEP} + ' of {int(last)}'")
        .mark_text(align="left", baseline="top", fontSize=round(15 * k), fontWeight="bold")
        .encode(x=alt.value(8), y=alt.value(8), text=alt.Text("text:N"))
    )
    # The minimum's star again, hollow, over the balls: a run that reaches it never hides it.
    goal = (
        alt.Chart(marks)
        .transform_filter("datum.kind == 'goal'")
        .mark_point(
            shape=STAR, filled=False, stroke=COLORS["ink"], strokeWidth=2, opacity=1,
            size=round(MARK_SIZE * 1.4 * k * k),
        )
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )  # fmt: skip
    return (
        alt.layer(base, ghost, halo, walked, heads, off, off_ink, ball, goal, readout, readout_ink)
        .add_params(step)
        # Taller by the legend's row above it, so the map keeps the size of the others.
        .properties(height=DESCENT_HEIGHT + round(26 * k), title=title, padding=MAP_PADDING)
    )


def method_key(method: str, direction: str) -> str:
    """One entry of the eigen-error chart's key: the method and the eigen-direction.

    >>> method_key("plain", "along λ = 20")
    'plain, λ = 20'
    """
    return f"{method}, {direction.removeprefix('along ')}"


def eigen_error_chart(
    series: pd.DataFrame, *, title: str, keys: tuple[str, ...] = ()
) -> alt.LayerChart | alt.FacetChart:
    """The error along each Hessian eigenvector against the step, one line per method each.

    Parameters
    ----------
    series : DataFrame
        Columns ``step``, ``error`` (> 0; others are left out), ``method``, ``direction``
        (a label per eigenvector, e.g. "along λ = 20") and ``key``
        (``method_key(method, direction)``).
    title : str
        The y axis title.
    keys : tuple of str
        Every ``key`` in the order of the one legend; each takes its method's colour, the
        first direction solid and the next dashed.

    Returns
    -------
    alt.LayerChart
        Lines on a log scale with a gridline per power of ten only: colour is the method,
        the dash the eigen-direction, both named in one key. A straight line is a constant
        rate; its slope is the log of that rate.
    """
    directions = list(dict.fromkeys(k.split(", ", 1)[1] for k in keys))  # first solid
    colours = [METHOD_PALETTE[k.split(", ", 1)[0]] for k in keys]
    dashes = [[1, 0] if directions.index(k.split(", ", 1)[1]) == 0 else [6, 3] for k in keys]
    decade = "datum.value"
    label = (  # 1, 10, 0.1 in full; further out as powers of ten
        f"abs({decade}) <= 2 ? format(pow(10, {decade}), '~g') : '1e' + format({decade}, 'd')"
    )
    lines = (
        alt.Chart(series)
        .transform_filter("datum.error > 0")
        .transform_calculate(decades="log(datum.error) / LN10")
        .mark_line(invalid=BREAK, strokeWidth=2)
        .encode(
            x=alt.X("step:Q", title="step", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("decades:Q", title=title, scale=alt.Scale(zero=False, nice=True),
                    axis=alt.Axis(tickMinStep=1, labelExpr=label, gridColor="#ececec")),
            color=alt.Color("key:N", title=None, scale=alt.Scale(domain=list(keys), range=colours),
                            legend=alt.Legend(orient="top", labelLimit=0, columns=2,
                                              symbolStrokeWidth=2.5, symbolSize=400)),
            strokeDash=alt.StrokeDash("key:N", title=None,
                                      scale=alt.Scale(domain=list(keys), range=dashes)),
            tooltip=[
                alt.Tooltip("method:N"),
                alt.Tooltip("direction:N"),
                alt.Tooltip("step:Q"),
                alt.Tooltip("error:Q", format=".3g"),
            ],
        )
    )  # fmt: skip
    return alt.layer(lines).properties(height=EIGEN_HEIGHT)


EIGEN_HEIGHT = 380
"""The eigen-direction charts' height, legend and axes included: a plot of about 250 px."""
RATE_TOP = 1.5  # the rate axis ends here; a rate above it runs dotted along the top edge
LABEL_ROW = 17  # px between the stacked label rows above the rate chart, before scaling


def rate_labels(limits: pd.DataFrame, lr: float, *, top: float) -> pd.DataFrame:
    """The rate chart's labels, one row each, stacked above the plot so none overlaps.

    Parameters
    ----------
    limits : DataFrame
        Columns ``lr``, ``method`` and ``label`` (the limits 2/λmax and 2(1 + β)/λmax).
    lr : float
        The chosen η; past ``top`` it is written at the right edge with an arrow.
    top : float
        The largest η on the axis.

    Returns
    -------
    DataFrame
        Columns ``lr`` (where the label and its rule stand), ``label``, ``method``
        ("plain", "momentum" or "η"), ``colour`` (the method's, ink for η), ``row`` (0
        nearest the plot), ``side`` ("left" when the text runs rightwards from its rule,
        "right" otherwise) and ``rule`` (whether a rule is drawn under it).

    Examples
    --------
    >>> limits = pd.DataFrame({"lr": [0.1], "method": ["plain"], "label": ["2/λmax = 0.1"]})
    >>> rate_labels(limits, 0.105, top=0.25)[["label", "row", "side"]].to_numpy().tolist()
    [['2/λmax = 0.1', 0, 'left'], ['η = 0.105', 1, 'left']]
    """
    inside = lr <= top
    chosen = pd.DataFrame(
        {
            "lr": [lr if inside else top],
            "method": ["η"],
            "label": [f"η = {lr:g}" if inside else f"η = {lr:g}, off the axis →"],
            "rule": [inside],
        }
    )
    rows = pd.concat(
        [limits[["lr", "method", "label"]].assign(rule=True), chosen], ignore_index=True
    ).sort_values("lr", kind="stable", ignore_index=True)
    rows["row"] = np.arange(len(rows))
    rows["side"] = np.where(rows.lr <= 0.55 * top, "left", "right")
    rows["colour"] = rows.method.map({**METHOD_PALETTE, "η": COLORS["ink"]})
    return rows.astype(
        {"lr": "f8", "method": "str", "label": "str", "colour": "str", "side": "str"}
    ).astype({"rule": "bool"})


def rate_chart(
    curves: pd.DataFrame, labels: pd.DataFrame, *, top: float, big: bool = False
) -> alt.LayerChart | alt.FacetChart:
    """The convergence rate against the learning rate η, with the limits and the chosen η.

    Parameters
    ----------
    curves : DataFrame
        Columns ``lr``, ``rate`` and ``method`` ("plain", "momentum").
    labels : DataFrame
        From ``rate_labels``: the limits (2/λmax, 2(1 + β)/λmax) and the chosen η, each
        with its own row of the band above the plot.
    top : float
        The largest η on the axis.
    big : bool
        Projector mode: the label rows are spaced for its larger type.

    Returns
    -------
    alt.LayerChart
        Rates on [0, 1.5] against η from 0 to ``top``; a rate above 1.5 runs dotted along
        the top edge, whose tick reads "≥ 1.5". The line rate = 1 splits settling (below)
        from blowing up (above). Every label sits in its own row above the plot, with a
        rule down to the axis.
    """
    k = 1.6 if big else 1.0
    # Fewer ticks in projector type, so its bigger numbers never touch.
    axis = alt.Axis(format="~g", tickCount=6 if big else 10, labelOverlap=True)
    x = alt.X("lr:Q", title="learning rate η", scale=alt.Scale(domain=[0, top], nice=False),
              axis=axis)  # fmt: skip
    lines = (
        alt.Chart(curves)
        .transform_calculate(
            shown=f"min(datum.rate, {RATE_TOP})", clipped=f"datum.rate > {RATE_TOP}"
        )
        .mark_line(strokeWidth=2.5, clip=True)
        .encode(
            x=x,
            y=alt.Y("shown:Q", title="error kept per step (rate)",
                    scale=alt.Scale(domain=[0, RATE_TOP], nice=False),
                    axis=alt.Axis(values=[0, 0.5, 1, RATE_TOP],
                                  labelExpr=f"datum.value >= {RATE_TOP} ? '≥ {RATE_TOP}' "
                                  ": format(datum.value, '~g')")),
            color=alt.Color("method:N", scale=TWO_METHODS, title=None,
                            legend=alt.Legend(orient="bottom", symbolType="stroke",
                                              symbolStrokeWidth=2.5)),
            strokeDash=alt.StrokeDash("clipped:N", legend=None,
                                      scale=alt.Scale(domain=[False, True],
                                                      range=[[1, 0], [2, 3]])),
            detail=alt.Detail("method:N"),
            tooltip=[alt.Tooltip("method:N"), alt.Tooltip("lr:Q", title="η", format=".3g"),
                     alt.Tooltip("rate:Q", format=".3f")],
        )
    )  # fmt: skip
    one = (
        alt.Chart(pd.DataFrame({"rate": [1.0]}))
        .mark_rule(color=COLORS["grey"], strokeDash=[4, 4])
        .encode(y=alt.Y("rate:Q"))
    )
    placed = alt.Chart(labels).transform_calculate(px=f"-{6 * k} - datum.row * {LABEL_ROW * k}")
    colour = alt.Color("colour:N", scale=None)
    rules = (
        placed.transform_filter("datum.rule")
        .mark_rule(strokeWidth=2)
        .encode(
            x=alt.X("lr:Q"), y=alt.Y("px:Q", scale=None), y2=alt.value("height"),
            color=colour,
            strokeDash=alt.condition("datum.method == 'η'", alt.value([1, 0]), alt.value([6, 4])),
        )
    )  # fmt: skip
    texts = []
    for side in ("left", "right"):
        text = placed.transform_filter(f"datum.side == '{side}'").encode(
            x=alt.X("lr:Q"), y=alt.Y("px:Q", scale=None), text=alt.Text("label:N")
        )
        dx = 4 if side == "left" else -4
        # A white halo under each label: a rule that crosses it passes behind the text.
        texts.append(
            text.mark_text(align=side, baseline="bottom", dx=dx, dy=-1, fontWeight="bold",
                           stroke="white", strokeWidth=5 * k, strokeJoin="round", fill="white")
        )  # fmt: skip
        texts.append(
            text.mark_text(align=side, baseline="bottom", dx=dx, dy=-1, fontWeight="bold").encode(
                color=colour
            )
        )
    return alt.layer(one, lines, rules, *texts).properties(height=EIGEN_HEIGHT)


# The Jacobian's pictures: what each kind of line is, its colour, dash and weight. A line
# keeps its hue from the input plane to both pictures of it: green had x₁ fixed, pink x₂;
# solid is the layer f, dashed its linear model J.
X1_HUE, X2_HUE = COLORS["green"], COLORS["purple"]
WARP_KINDS = {
    "x₁ = c": (X1_HUE, [1, 0], 1.4),
    "x₂ = c": (X2_HUE, [1, 0], 1.4),
    "square around x": (COLORS["ink"], [1, 0], 3.0),
    # The layer's own image bold, its linear model a thin dashed net: told apart at a glance.
    "x₁ = c, under f": (X1_HUE, [1, 0], 2.2),
    "x₁ = c, under J": (X1_HUE, [3, 3], 1.0),
    "x₂ = c, under f": (X2_HUE, [1, 0], 2.2),
    "x₂ = c, under J": (X2_HUE, [3, 3], 1.0),
    "square under f": (COLORS["ink"], [1, 0], 3.5),
    "square under J": (COLORS["ink"], [6, 3], 2.5),
    "edge of σ's range": (COLORS["grey"], [2, 3], 1.5),
}


def grid_families(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A ``layer_warp`` grid (or its image) split into its lines of constant x₁ and of x₂.

    >>> first, second = grid_families(np.zeros((6, 3, 2)))
    >>> first.shape, second.shape
    ((3, 3, 2), (3, 3, 2))
    """
    half = len(lines) // 2
    return lines[:half], lines[half:]


def warp_frame(
    pieces: Sequence[tuple[str, np.ndarray] | tuple[str, np.ndarray, np.ndarray]],
) -> pd.DataFrame:
    """Lines as ``warp_chart`` takes them: (kind, lines[, starts]) with arrays (lines, points, 2).

    ``starts`` are where the points were before the layer moved them (the columns ``x0``,
    ``y0``), so the chart can bend the grid from the one to the other; by default, the
    points themselves.

    Examples
    --------
    >>> frame = warp_frame([("grid around x", np.zeros((2, 3, 2)))])
    >>> frame.columns.tolist(), len(frame), frame.line.unique().tolist()
    (['x', 'y', 'x0', 'y0', 'kind', 'line', 'i'], 6, ['grid around x 0', 'grid around x 1'])
    """
    parts = []
    for kind, given, *before in pieces:
        lines = np.asarray(given, dtype=float).reshape(-1, np.shape(given)[-2], 2)
        starts = np.asarray(before[0], dtype=float).reshape(lines.shape) if before else lines
        count, points = lines.shape[:2]
        parts.append(
            pd.DataFrame(
                {
                    "x": lines[..., 0].ravel(),
                    "y": lines[..., 1].ravel(),
                    "x0": starts[..., 0].ravel(),
                    "y0": starts[..., 1].ravel(),
                    "kind": kind,
                    "line": np.repeat([f"{kind} {k}" for k in range(count)], points),
                    "i": np.tile(np.arange(points), count),
                }
            )
        )
    return pd.concat(parts, ignore_index=True).astype({"kind": "str", "line": "str"})


BEND = "jac_bend"  # the Jacobian's bend slider: 0 the input grid, 100 where the layer sends it
BEND_HOLD = 0.7
"""The share of the bend slider over which the points move while the view holds still (so
an area's change is seen in one frame); over the rest the view closes in on its end."""
POINT_TIME = f"min({BEND} / {100 * BEND_HOLD:g}, 1)"
VIEW_TIME = f"clamp(({BEND} / 100 - {BEND_HOLD:g}) / {1 - BEND_HOLD:.4g}, 0, 1)"
VIEW_SLOT = "arg2"  # frame.chart fills a chart's third frame, the view, into this dataset


def view_box(
    points: np.ndarray, *, margin: float = 0.1, least: float = 1e-5
) -> tuple[float, float, float]:
    """A view round the points: (centre x, centre y, half-width), framed on their box.

    The centre is the middle of the finite points' bounding box; the half-width the round
    ``nice_extent`` of (1 + margin) × half the box's longer side, at least ``least``. At
    equal units the shorter side of a chart spans centre ± half-width, so the whole box is
    in sight at any width, with the margin round it.

    Examples
    --------
    >>> view_box(np.array([[0.8, 0.0], [1.0, 1.0]]))
    (0.9, 0.5, 0.6)
    >>> view_box(np.array([[2.0, 3.0]]))
    (2.0, 3.0, 1e-05)
    """
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    p = p[np.isfinite(p).all(axis=1)]
    if not len(p):
        return 0.0, 0.0, 1.0
    lo, hi = p.min(axis=0), p.max(axis=0)
    centre = (lo + hi) / 2
    half = max(float((hi - lo).max()) / 2 * (1 + margin), least)
    return float(centre[0]), float(centre[1]), nice_extent(half)


def warp_view(
    end: tuple[float, float, float],
    start: tuple[float, float, float] | None = None,
    *,
    keep: tuple[float, float, float, float] | None = None,
) -> pd.DataFrame:
    """The one-row frame that places ``warp_chart``'s view: where it starts and ends.

    ``end`` and ``start`` are (centre x, centre y, half-width); the view slides from
    ``start`` (by default, ``end``) to ``end`` as the bend slider goes from 0 to 100. As
    data, not as numbers in the chart's spec, the view can change on every move while the
    spec, built once, stays the same. ``keep`` = (x₀, x₁, y₀, y₁): a box the end view
    shows as much of as it can (the square a bounded σ maps into), sliding its centre
    towards the box, never so far that the points it was framed on leave it.

    >>> warp_view((1.0, 0.5, 0.6)).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'sx': 1.0, 'sy': 0.5, 'se': 0.6, 'cx': 1.0, 'cy': 0.5, 'e': 0.6,
      'kx0': -1e+300, 'kx1': 1e+300, 'ky0': -1e+300, 'ky1': 1e+300}]
    """
    s = end if start is None else start
    box = keep if keep is not None else (-FAR, FAR, -FAR, FAR)
    names = ("sx", "sy", "se", "cx", "cy", "e", "kx0", "kx1", "ky0", "ky1")
    values = dict(zip(names, (*s, *end, *box), strict=True))
    return pd.DataFrame({k: [float(v)] for k, v in values.items()})


FAR = 1e300  # a box edge that keeps nothing in


def kept_centre(centre: float, half: float, lo: float, hi: float) -> float:
    """Where a view of half-width ``half`` centred at ``centre`` moves to show [lo, hi].

    Inside the box when it fits (the view slides in from an edge), over the whole box when
    it does not; a view framed on points inside the box keeps them in sight either way.
    The browser does the same sum (``_view_axes``), as it alone knows the chart's shape.

    >>> kept_centre(0.91, 0.3, -0.05, 1.05), kept_centre(0.91, 0.78, -0.05, 1.05)
    (0.75, 0.73)
    >>> kept_centre(0.0, 3.0, -1.1, 1.1)
    0.0
    """
    a, b = lo + half, hi - half
    return float(min(max(centre, min(a, b)), max(a, b)))


def _view_axes(
    bend: bool, *, fields: tuple[str, str] = ("bx", "by"), slot: str = VIEW_SLOT
) -> tuple[alt.X, alt.Y]:
    """Equal-unit axes on the view's row of data: the shorter side spans centre ± half-width.

    Vega's ``data(name)`` reads a dataset in an expression and re-runs it when the data
    change (it must sit in the scales, which Vega reads after the data, not in a
    parameter); before the data arrive the view is the unit square round 0. The end
    view's centre moves as ``kept_centre`` says, to show as much of the row's box as fits.
    """
    row = f"data('{slot}')"
    t = VIEW_TIME if bend else "1"

    def get(field: str, empty: float) -> str:
        return f"(length({row}) ? {row}[0].{field} : {empty})"

    def slide(a: str, b: str) -> str:
        return f"({a} + {t} * ({b} - {a}))"

    e = slide(get("se", 1.0), get("e", 1.0))
    ratios = {"x": "width / height", "y": "height / width"}

    def kept(axis: str) -> str:
        half = f"{get('e', 1.0)} * max(1, {ratios[axis]})"
        a = f"{get(f'k{axis}0', -FAR)} + {half}"
        b = f"{get(f'k{axis}1', FAR)} - {half}"
        return f"clamp({get(f'c{axis}', 0.0)}, min({a}, {b}), max({a}, {b}))"

    def side(centre: str, ratio: str) -> alt.ExprRef:
        half = f"{e} * max(1, {ratio})"
        return alt.ExprRef(f"[{centre} - {half}, {centre} + {half}]")

    cx = slide(get("sx", 0.0), kept("x"))
    cy = slide(get("sy", 0.0), kept("y"))
    x = alt.X(
        f"{fields[0]}:Q", title=None, scale=alt.Scale(domain=side(cx, ratios["x"]), nice=False)
    )
    y = alt.Y(
        f"{fields[1]}:Q", title=None, scale=alt.Scale(domain=side(cy, ratios["y"]), nice=False)
    )
    return sparse_ticks(x, y)


def warp_chart(
    lines: pd.DataFrame,
    marks: pd.DataFrame,
    view: pd.DataFrame,
    *,
    title: str,
    height: int = PLANE_HEIGHT,
    bend: bool = False,
    big: bool = False,
    keys: tuple[str, ...] = (),
) -> alt.LayerChart | alt.FacetChart:
    """Grid lines and squares at equal units, coloured by kind, with the key as a legend.

    Parameters
    ----------
    lines : DataFrame
        From ``warp_frame``: ``x``, ``y``, ``kind`` (a key of ``WARP_KINDS``), ``line``, ``i``.
    marks : DataFrame
        Columns ``x``, ``y``, ``x0``, ``y0``, ``label``: a point to mark (x, or f(x)),
        where it starts from, and what to call it.
    view : DataFrame
        From ``warp_view``: the view's centre and half-width (the shorter side spans
        centre ± half-width), at the start of the bend and at its end. Passed as the
        chart's third frame, read by name (``VIEW_SLOT``) in the browser.
    title : str
        The chart's title (the colour key is in the legend, not here).
    height : int
        Pixels.
    bend : bool
        Give the chart a slider ``BEND`` (0 to 100) that moves every point from (x0, y0)
        to (x, y) while the view holds its start (up to ``BEND_HOLD``), then moves the
        view to its end, in the browser.
    big : bool
        Larger labels, for a projector.
    keys : tuple of str
        The kinds the legend names, in ``WARP_KINDS`` order; by default those in
        ``lines``. A page gives them, since one spec serves every move's data.

    Returns
    -------
    alt.LayerChart
        The thin grids under the bold squares, and the marked points on top.
    """
    present = set(keys or lines["kind"])
    kinds = [k for k in WARP_KINDS if k in present]
    colour = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=kinds, range=[WARP_KINDS[k][0] for k in kinds]),
        title=None,
        legend=alt.Legend(
            orient="top",
            columns=2 if len(kinds) > 2 else 1,
            labelLimit=0,
            labelFontSize=19 if big else 12,
            symbolStrokeWidth=3,
            symbolSize=180 if big else 120,
            labelColor=COLORS["ink"],
        ),
    )
    dash = alt.StrokeDash(
        "kind:N", scale=alt.Scale(domain=kinds, range=[WARP_KINDS[k][1] for k in kinds]),
        legend=None,
    )  # fmt: skip
    width = alt.StrokeWidth(
        "kind:N", scale=alt.Scale(domain=kinds, range=[WARP_KINDS[k][2] for k in kinds]),
        legend=None,
    )  # fmt: skip
    x, y = _view_axes(bend)
    t = POINT_TIME if bend else "1"
    bent = {
        "bx": f"datum.x0 + {t} * (datum.x - datum.x0)",
        "by": f"datum.y0 + {t} * (datum.y - datum.y0)",
    }
    drawn = (
        alt.Chart(lines)
        .transform_calculate(**bent)
        .mark_line(clip=True, invalid=BREAK)
        .encode(
            x=x, y=y, color=colour, strokeDash=dash, strokeWidth=width,
            detail=alt.Detail("line:N"), order=alt.Order("i:Q"),
        )
    )  # fmt: skip
    grids = drawn.transform_filter("indexof(datum.kind, 'square') < 0")
    squares = drawn.transform_filter("indexof(datum.kind, 'square') >= 0")
    k = 1.4 if big else 1.0
    spots = alt.Chart(marks).transform_calculate(**bent)
    at = {"x": alt.X("bx:Q"), "y": alt.Y("by:Q")}
    dot = spots.mark_point(
        filled=True, size=round(140 * k * k), color=COLORS["vermillion"], stroke="#ffffff",
        strokeWidth=1.5, opacity=1,
    ).encode(**at)  # fmt: skip
    text = spots.mark_text(
        align="left", dx=9, dy=-10, fontWeight="bold", fontSize=round(13 * k),
        color=COLORS["vermillion"], stroke="#ffffff", strokeWidth=3, strokeOpacity=0.9,
    ).encode(text=alt.Text("label:N"), **at)  # fmt: skip
    ink = spots.mark_text(
        align="left", dx=9, dy=-10, fontWeight="bold", fontSize=round(13 * k),
        color=COLORS["vermillion"],
    ).encode(text=alt.Text("label:N"), **at)  # fmt: skip
    # An invisible mark on the view's row: a dataset no mark uses is left out of the chart.
    anchor = alt.Chart(view).mark_point(opacity=0).encode(x=alt.value(0), y=alt.value(0))
    chart = alt.layer(grids, squares, dot, text, ink, anchor)
    if bend:
        chart = chart.add_params(step_slider(BEND, 100, "bend the plane ", at=100))
    # A thin frame round the plot: lines that run on are seen to be cut at its edge.
    frame = alt.ViewBackground(stroke=COLORS["grey"], strokeWidth=1)
    return chart.properties(height=height, title=title, view=frame)
