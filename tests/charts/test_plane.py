import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathviz.charts.plane import (
    LABEL_GAP,
    LETTER_F,
    NICE,
    SCHEMA,
    WIDEST,
    Plane,
    _clip,
    arc,
    circle,
    nice_extent,
    polygon,
    table,
)

KINDS = ("regions", "grid", "paths", "arrows", "points", "labels")


def signature(data: pd.DataFrame) -> list[tuple[str, str]]:
    """What the chart template cache keys on: column names and dtype names."""
    return list(zip(data.columns, map(str, data.dtypes), strict=True))


def drawn(plane: Plane, extent: float | None = None) -> dict[str, pd.DataFrame]:
    return dict(zip(KINDS, plane.frames(extent), strict=True))


def full_plane() -> Plane:
    plane = Plane()
    plane.region("positive", polygon([(0, 0), (1, 0), (1, 1)]), name="det")
    plane.grid("grid", [[(-1, 0), (1, 0)], [(0, -1), (0, 1)]])
    plane.path("after", circle(), name="circle")
    plane.arrow("u", (1.0, 2.0), label="u")
    plane.dots("data", [(0.5, 0.5), (-0.5, 0.25)])
    plane.label("origin", (0.0, 0.0))
    plane.line("eigen", (1.0, 1.0), label="eigenline")
    plane.line("guide", (0.0, 1.0), thin=True)
    return plane


# ---------------------------------------------------------------- nice_extent


@pytest.mark.parametrize(
    ("reach", "extent"),
    [
        (0.9, 1.0),
        (1.0, 1.0),
        (1.1, 1.25),
        (1.3, 1.5),
        (1.6, 1.75),
        (2.2, 2.5),
        (3.2, 3.5),
        (4.5, 5.0),
        (7.5, 8.0),
        (8.1, 10.0),
        (9.0, 10.0),
        (10.0, 10.0),
        (11.0, 12.5),
        (26.0, 30.0),
        (999.0, 1000.0),
        (1234.0, 1250.0),
    ],
)
def test_nice_extent_is_the_smallest_round_value_at_least_the_reach(reach, extent):
    assert nice_extent(reach) == extent


@pytest.mark.parametrize(("reach", "extent"), [(0.07, 0.07), (0.11, 0.125), (0.26, 0.3)])
def test_nice_extent_below_one_steps_through_the_same_round_values(reach, extent):
    assert nice_extent(reach) == pytest.approx(extent, rel=1e-12)


@pytest.mark.parametrize("reach", [0.0, -3.0, math.nan, math.inf, -math.inf])
def test_nice_extent_of_no_reach_or_a_non_finite_reach_is_one(reach):
    assert nice_extent(reach) == 1.0


def test_nice_steps_climb_from_one_to_ten():
    assert NICE[0] == 1.0
    assert NICE[-1] == 10.0
    assert list(NICE) == sorted(set(NICE))


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-6, 1e9, allow_nan=False, allow_infinity=False))
def test_nice_extent_covers_the_reach_and_the_next_smaller_round_value_does_not(reach):
    extent = nice_extent(reach)
    assert extent >= reach * (1 - 1e-12)
    power = 10.0 ** math.floor(math.log10(extent * (1 + 1e-12)))
    step = extent / power
    assert min(abs(step - s) for s in NICE) < 1e-9
    smaller = [s * power for s in NICE if s * power < extent * (1 - 1e-9)]
    smaller.append(NICE[-2] * power / 10)  # the largest round value of the decade below
    assert max(smaller) < reach


# ---------------------------------------------------------------- the view


def test_empty_plane_shows_the_minimum_extent():
    assert Plane().extent() == 1.0
    assert Plane(minimum=1.5).extent() == 1.5
    assert Plane().reach() == 0.0


def test_extent_holds_everything_finite_with_a_margin():
    plane = Plane()
    plane.dots("data", [(4.0, -1.0)])
    assert plane.reach() == 4.0
    assert plane.extent() == 5.0  # 1.12 × 4 = 4.48 → 5
    plane.arrow("u", (0.0, -5.0))
    assert plane.reach() == 5.0
    assert plane.extent() == 6.0  # 1.12 × 5 = 5.6 → 6
    assert plane.extent() >= 1.12 * plane.reach()


@pytest.mark.parametrize(
    "draw",
    [
        lambda p: p.region("u", [(0, 0), (9, 0), (0, 1)]),
        lambda p: p.path("u", [(0, 0), (0, -9)]),
        lambda p: p.grid("grid", [[(-9, 0), (9, 0)]]),
        lambda p: p.arrow("u", (1, 1), start=(-9, 0)),
        lambda p: p.dots("u", [(9, 9)]),
    ],
    ids=["region", "path", "grid", "arrow start", "dots"],
)
def test_every_finite_part_widens_the_view(draw):
    plane = Plane()
    draw(plane)
    assert plane.reach() == 9.0
    assert plane.extent() == 12.5


def test_non_finite_coordinates_do_not_widen_the_view():
    plane = Plane()
    plane.dots("data", [(math.inf, 0.5), (math.nan, -0.5), (2.0, 1.0)])
    assert plane.reach() == 2.0
    assert plane.extent() == 2.5


def test_labels_and_endless_lines_do_not_widen_the_view():
    plane = Plane()
    plane.label("far", (50.0, 50.0))
    plane.line("eigen", (1.0, 0.0), through=(0.0, 0.5))
    assert plane.reach() == 0.0
    assert plane.extent() == 1.0


def test_extent_never_falls_below_the_minimum():
    plane = Plane(minimum=3.0)
    plane.dots("data", [(1.0, 1.0)])
    assert plane.extent() == 3.0
    plane.dots("data", [(10.0, 0.0)])
    assert plane.extent() == 12.5


def test_grid_without_fit_is_drawn_but_does_not_grow_the_view():
    ticks = np.linspace(-10, 10, 21)
    lines = np.array([[(t, -10.0), (t, 10.0)] for t in ticks])
    context = Plane()
    context.grid("grid", lines, fit=False)
    fitted = Plane()
    fitted.grid("grid", lines)
    assert context.extent() == 1.0
    assert fitted.extent() == 12.5
    grid = drawn(context)["grid"]
    assert len(grid) == 42
    assert grid["path"].nunique() == 21
    assert grid["i"].tolist() == [0, 1] * 21


def test_an_empty_grid_draws_nothing():
    plane = Plane()
    plane.grid("grid", np.empty((0, 2, 2)))
    assert drawn(plane)["grid"].empty


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([1.0, 1.2, 1.5, 3.0]),
)
def test_extent_holds_any_points_with_a_margin_and_is_round(xy, minimum):
    plane = Plane(minimum=minimum)
    plane.dots("data", xy)
    reach = float(np.abs(np.array(xy)).max())
    extent = plane.extent()
    assert extent >= minimum
    assert extent >= 1.12 * reach * (1 - 1e-12)
    assert extent in (minimum, nice_extent(1.12 * reach))


def test_common_extent_is_the_widest_of_the_planes():
    small, big = Plane(), Plane(minimum=1.5)
    small.dots("data", [(2.0, 0.0)])
    big.dots("data", [(0.0, 0.5)])
    assert (small.extent(), big.extent()) == (2.5, 1.5)
    assert Plane.common_extent([small, big]) == 2.5


# ---------------------------------------------------------------- endless lines


def test_endless_line_is_clipped_to_the_widest_box():
    plane = Plane()
    plane.line("eigen", (1.0, 0.1))
    paths = drawn(plane)["paths"]
    assert paths[["x", "y"]].to_numpy() == pytest.approx(np.array([(-WIDEST, -0.5), (WIDEST, 0.5)]))
    assert paths["style"].tolist() == ["dashed", "dashed"]
    assert paths["i"].tolist() == [0, 1]


def test_steep_endless_line_stops_at_the_top_and_bottom_of_the_view():
    plane = Plane(minimum=2.0)
    plane.line("eigen", (1.0, 4.0), through=(1.0, 0.0), style="solid")
    paths = drawn(plane)["paths"]
    assert paths[["x", "y"]].to_numpy() == pytest.approx(np.array([(0.5, -2.0), (1.5, 2.0)]))
    assert paths["style"].tolist() == ["solid", "solid"]


def test_endless_line_is_clipped_to_the_extent_frames_are_given():
    plane = Plane()
    plane.line("eigen", (1.0, 0.0))
    paths = drawn(plane, extent=4.0)["paths"]
    assert paths["x"].tolist() == [-WIDEST * 4.0, WIDEST * 4.0]
    assert paths["y"].tolist() == [0.0, 0.0]


def test_line_missing_the_box_is_dropped_with_its_label():
    plane = Plane()
    plane.line("eigen", (1.0, 0.0), through=(0.0, 3.0), label="gone")
    plane.line("eigen", (0.0, 1.0), through=(WIDEST + 0.5, 0.0), label="gone too")
    frames = drawn(plane)
    assert frames["paths"].empty
    assert frames["labels"].empty


def test_line_beside_the_view_is_drawn_without_a_label():
    plane = Plane()
    plane.line("eigen", (0.0, 1.0), through=(3.0, 0.0), label="off screen")
    frames = drawn(plane)
    assert frames["paths"]["x"].tolist() == [3.0, 3.0]
    assert frames["paths"]["y"].tolist() == [-1.0, 1.0]
    assert frames["labels"].empty


def test_line_with_zero_direction_is_ignored():
    plane = Plane()
    plane.line("eigen", (0.0, 0.0), label="nothing")
    plane.line("eigen", np.zeros(2), through=(0.5, 0.5))
    frames = drawn(plane)
    assert frames["paths"].empty
    assert frames["grid"].empty
    assert frames["labels"].empty


def test_thin_line_goes_with_the_grid_and_keeps_its_role():
    plane = Plane()
    plane.line("guide", (0.0, 1.0), thin=True)
    frames = drawn(plane)
    assert frames["paths"].empty
    assert frames["grid"]["role"].tolist() == ["guide", "guide"]
    assert frames["grid"]["y"].tolist() == [-1.0, 1.0]


def test_line_label_sits_near_the_far_end_of_its_visible_part_and_beside_it():
    plane = Plane(minimum=2.0)
    plane.line("eigen", (1.0, 0.0), label="span")
    label = drawn(plane)["labels"].iloc[0]
    # visible from −2 to 2; 22 % of that back from the end, lifted off the line to its left
    assert (label["x"], label["y"]) == pytest.approx((2.0 - 0.22 * 4.0, 1.6 * LABEL_GAP * 2.0))
    assert (label["label"], label["role"]) == ("span", "eigen")


@pytest.mark.parametrize(
    ("direction", "through"), [((math.nan, 1.0), (0.0, 0.0)), ((1.0, 1.0), (math.nan, 0.0))]
)
def test_line_with_a_non_finite_direction_or_point_draws_nothing(direction, through):
    plane = Plane()
    plane.line("eigen", direction, through=through)
    assert drawn(plane)["paths"].empty


# ---------------------------------------------------------------- _clip


def test_clip_cuts_a_diagonal_at_the_corners():
    segment = _clip(np.zeros(2), np.array([1.0, 1.0]), 1.0, 1.0)
    assert segment.tolist() == [[-1.0, -1.0], [1.0, 1.0]]


def test_clip_orders_the_segment_along_the_direction():
    segment = _clip(np.zeros(2), np.array([-2.0, 0.0]), 3.0, 1.0)
    assert segment.tolist() == [[3.0, 0.0], [-3.0, 0.0]]


def test_clip_of_a_line_touching_only_a_corner_is_none():
    assert _clip(np.array([2.0, 0.0]), np.array([1.0, -1.0]), 1.0, 1.0) is None


def test_clip_of_an_axis_parallel_line_outside_is_none():
    assert _clip(np.array([0.0, 1.5]), np.array([1.0, 0.0]), 5.0, 1.0) is None
    assert _clip(np.array([5.5, 0.0]), np.array([0.0, 1.0]), 5.0, 1.0) is None


coordinates = st.floats(-20, 20, allow_nan=False)
components = st.one_of(
    st.just(0.0),
    st.tuples(st.floats(1e-3, 10), st.sampled_from([-1.0, 1.0])).map(lambda p: p[0] * p[1]),
)
half_widths = st.floats(0.25, 50)


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(coordinates, coordinates),
    st.tuples(components, components),
    half_widths,
    half_widths,
)
def test_clipped_segment_ends_on_the_box_boundary_and_on_the_line(through, direction, ex, ey):
    through, direction = np.array(through), np.array(direction)
    assume(np.any(direction))
    segment = _clip(through, direction, ex, ey)
    corners = np.array(list(itertools.product((-ex, ex), (-ey, ey))))
    offsets = corners - through
    sides = offsets[:, 0] * direction[1] - offsets[:, 1] * direction[0]
    scale = np.hypot(*direction) * (np.abs(through).max() + ex + ey)
    if segment is None:
        # every corner on one side of the line (or on it): the line misses the open box
        assert np.all(sides <= 1e-9 * scale) or np.all(sides >= -1e-9 * scale)
        return
    assert not np.all(sides < -1e-9 * scale)  # corners on both sides: the line crosses
    assert not np.all(sides > 1e-9 * scale)
    tol = 1e-9 * (np.abs(through).max() + ex + ey)
    for x, y in segment:
        assert abs(x) <= ex + tol
        assert abs(y) <= ey + tol
        assert min(ex - abs(x), ey - abs(y)) <= tol  # on the boundary
        cross = (x - through[0]) * direction[1] - (y - through[1]) * direction[0]
        assert abs(cross) <= 1e-9 * scale  # on the line
    step = segment[1] - segment[0]
    assert step @ direction > 0  # ordered along the direction


# ---------------------------------------------------------------- arrows and labels


def test_arrow_frame_holds_start_end_and_role():
    plane = Plane()
    plane.arrow("u", (3.0, 4.0), start=(1.0, -1.0))
    arrows = drawn(plane)["arrows"]
    assert arrows.to_dict("records") == [{"x0": 1.0, "y0": -1.0, "x": 3.0, "y": 4.0, "role": "u"}]


def test_arrow_label_sits_a_gap_beyond_the_tip_along_the_arrow():
    plane = Plane()
    plane.arrow("u", (3.0, 4.0), label="u")
    e = plane.extent()
    assert e == 5.0
    label = drawn(plane)["labels"].iloc[0]
    expected = np.array([3.0, 4.0]) + LABEL_GAP * e * np.array([0.6, 0.8])
    assert (label["x"], label["y"]) == pytest.approx(tuple(expected))
    assert (label["label"], label["role"]) == ("u", "u")


def test_arrow_label_gap_scales_with_the_extent_frames_are_given():
    plane = Plane()
    plane.arrow("v", (0.0, -1.0), start=(0.0, 0.0), label="v")
    label = drawn(plane, extent=10.0)["labels"].iloc[0]
    assert (label["x"], label["y"]) == pytest.approx((0.0, -1.0 - LABEL_GAP * 10.0))


def test_arrow_label_beside_sits_right_of_the_middle_seen_along_the_arrow():
    plane = Plane()
    plane.arrow("u", (1.0, 3.0), start=(1.0, 1.0), label="side", beside=True)
    e = plane.extent()
    assert e == 3.5
    label = drawn(plane)["labels"].iloc[0]
    assert (label["x"], label["y"]) == pytest.approx((1.0 + 1.3 * LABEL_GAP * e, 2.0))


def test_zero_arrow_label_still_has_a_place():
    plane = Plane(minimum=2.0)
    plane.arrow("u", (0.5, 0.5), start=(0.5, 0.5), label="0")
    label = drawn(plane)["labels"].iloc[0]
    offset = np.array([label["x"], label["y"]]) - 0.5
    assert np.hypot(*offset) == pytest.approx(LABEL_GAP * 2.0)


def test_unlabelled_arrows_add_no_labels():
    plane = Plane()
    plane.arrow("u", (1.0, 0.0))
    plane.arrow("v", (0.0, 1.0), label="")
    assert drawn(plane)["labels"].empty


def test_labels_are_clamped_inside_the_view():
    plane = Plane()
    plane.label("far", (100.0, -100.0))
    plane.label("tip", (0.5, 0.95), role="u")
    plane.arrow("v", (0.0, 0.88), label="v")  # label lands at 0.97
    labels = drawn(plane)["labels"]
    assert labels[["x", "y"]].to_numpy().ravel() == pytest.approx(
        [0.92, -0.92, 0.5, 0.92, 0.0, 0.92]
    )
    assert labels["role"].tolist() == ["ink", "u", "v"]


def test_labels_that_are_not_finite_are_dropped():
    plane = Plane()
    plane.label("nowhere", (math.nan, 0.0))
    plane.label("here", (0.0, 0.0))
    assert drawn(plane)["labels"]["label"].tolist() == ["here"]


# ---------------------------------------------------------------- frames and table


def test_frames_are_six_in_chart_order_with_the_schema_columns_and_dtypes():
    for frames in (Plane().frames(), full_plane().frames()):
        assert len(frames) == 6
        for kind, data in zip(KINDS, frames, strict=True):
            assert signature(data) == list(SCHEMA[kind].items())


def test_empty_and_full_planes_give_the_same_template_key():
    empty, full = Plane().frames(), full_plane().frames()
    assert all(len(data) == 0 for data in empty)
    assert all(len(data) > 0 for data in full)
    assert [signature(d) for d in empty] == [signature(d) for d in full]
    for before, after in zip(empty, full, strict=True):
        assert before.dtypes.equals(after.dtypes)


def test_frames_keep_names_roles_and_vertex_order():
    frames = drawn(full_plane())
    regions = frames["regions"]
    assert regions["region"].unique().tolist() == ["det"]
    assert regions["i"].tolist() == [0, 1, 2, 3]
    circle_rows = frames["paths"].query("path == 'circle'")
    assert len(circle_rows) == 121
    assert circle_rows["style"].unique().tolist() == ["solid"]
    assert frames["points"]["role"].tolist() == ["data", "data"]
    assert frames["grid"]["path"].nunique() == 3  # two grid lines and the thin line


def test_unnamed_parts_get_distinct_names():
    plane = Plane()
    plane.path("u", [(0, 0), (1, 0)])
    plane.path("u", [(0, 1), (1, 1)])
    plane.region("v", [(0, 0), (1, 0), (0, 1)])
    frames = drawn(plane)
    names = [*frames["paths"]["path"].unique(), *frames["regions"]["region"].unique()]
    assert len(set(names)) == 3


def test_table_names_what_each_row_is_drawn_as():
    frames = full_plane().frames()
    merged = table(frames)
    assert merged.columns[:3].tolist() == ["drawn as", "role", "label"]
    assert set(SCHEMA["paths"]) | set(SCHEMA["arrows"]) <= set(merged.columns)
    counts = merged["drawn as"].value_counts().to_dict()
    assert counts == {
        "region": 4,
        "grid line": 6,
        "path": 121 + 2,
        "arrow": 1,
        "point": 2,
        "label": 3,
    }
    assert len(merged) == sum(len(f) for f in frames)


def test_table_has_no_rows_for_empty_parts():
    plane = Plane()
    plane.arrow("u", (1.0, 1.0))
    plane.dots("data", [(0.0, 0.0), (1.0, 0.0)])
    merged = table(plane.frames())
    assert merged["drawn as"].tolist() == ["arrow", "point", "point"]
    assert "region" not in merged.columns
    assert "label" not in merged.columns


def test_table_of_an_empty_plane_is_an_empty_drawn_as_column():
    merged = table(Plane().frames())
    assert merged.columns.tolist() == ["drawn as"]
    assert merged.empty


def test_frames_are_the_same_on_every_call():
    plane = full_plane()
    first, second = plane.frames(), plane.frames()
    for before, after in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(before, after)


# ---------------------------------------------------------------- shapes


def test_polygon_repeats_its_first_vertex():
    closed = polygon([(0, 0), (1, 0), (0, 1)])
    assert closed.tolist() == [[0, 0], [1, 0], [0, 1], [0, 0]]
    assert closed.dtype == np.float64


def test_circle_is_a_closed_unit_circle_of_n_plus_one_points():
    points = circle(8)
    assert points.shape == (9, 2)
    assert np.hypot(points[:, 0], points[:, 1]) == pytest.approx(np.ones(9))
    assert points[0] == pytest.approx(points[-1])
    assert circle().shape == (121, 2)


def test_arc_runs_from_start_to_stop_at_its_radius():
    points = arc(0.0, math.pi / 2, 2.0, n=5)
    assert points.shape == (5, 2)
    assert points[0] == pytest.approx([2.0, 0.0])
    assert points[-1] == pytest.approx([0.0, 2.0])
    assert np.hypot(points[:, 0], points[:, 1]) == pytest.approx(np.full(5, 2.0))


def vertex_set(xy: np.ndarray) -> set[tuple[float, float]]:
    return {(round(x, 9) + 0.0, round(y, 9) + 0.0) for x, y in xy}


MIRRORS = {
    "x axis": np.array([[1.0, 0.0], [0.0, -1.0]]),
    "y axis": np.array([[-1.0, 0.0], [0.0, 1.0]]),
    "diagonal": np.array([[0.0, 1.0], [1.0, 0.0]]),
    "antidiagonal": np.array([[0.0, -1.0], [-1.0, 0.0]]),
}


def test_letter_f_is_a_closed_outline_of_ten_distinct_corners():
    assert LETTER_F.shape == (11, 2)
    assert LETTER_F[0].tolist() == LETTER_F[-1].tolist()
    assert len(vertex_set(LETTER_F[:-1])) == 10


@pytest.mark.parametrize("mirror", MIRRORS.values(), ids=MIRRORS.keys())
def test_letter_f_is_changed_by_every_mirror(mirror):
    corners = LETTER_F[:-1]
    assert vertex_set(corners @ mirror.T) != vertex_set(corners)


@pytest.mark.parametrize("mirror", MIRRORS.values(), ids=MIRRORS.keys())
def test_letter_f_has_no_mirror_symmetry_even_up_to_a_shift(mirror):
    # A mirror through any point, in any of the four directions, still changes it.
    corners = LETTER_F[:-1] - LETTER_F[:-1].mean(axis=0)
    assert vertex_set(corners @ mirror.T) != vertex_set(corners)


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_letter_f_has_no_rotational_symmetry_either(quarter_turns):
    corners = LETTER_F[:-1] - LETTER_F[:-1].mean(axis=0)
    c, s = (
        round(math.cos(quarter_turns * math.pi / 2)),
        round(math.sin(quarter_turns * math.pi / 2)),
    )
    turned = np.array([[c, -s], [s, c]], dtype=float)
    assert vertex_set(corners @ turned.T) != vertex_set(corners)


def test_a_line_along_a_subnormal_direction_is_clipped_without_overflow():
    plane = Plane()
    plane.line("u", (1e-320, 0.0), through=(0.0, 0.5))
    plane.line("v", (1.0, 5e-324))
    paths = plane.frames(2.0)[2]
    assert np.isfinite(paths[["x", "y"]].to_numpy()).all()
    assert sorted(paths["y"].round(12).unique()) == [0.0, 0.5]


def test_nice_extent_below_one_is_the_round_value_itself():
    assert [nice_extent(r) for r in (0.29, 0.16, 0.6, 0.00015)] == [0.3, 0.175, 0.6, 0.00015]


def test_arrow_label_beside_on_the_left_mirrors_the_right():
    right, left = Plane(minimum=2.0), Plane(minimum=2.0)
    right.arrow("u", (1.0, 0.0), label="u", beside=True)
    left.arrow("u", (1.0, 0.0), label="u", beside="left")
    at_right = drawn(right)["labels"].iloc[0]
    at_left = drawn(left)["labels"].iloc[0]
    assert at_right["x"] == at_left["x"] == pytest.approx(0.5)
    assert at_left["y"] == pytest.approx(-at_right["y"])
    assert at_left["y"] > 0
