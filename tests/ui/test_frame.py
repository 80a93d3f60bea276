"""What a chart sends: its spec per shape, and on a projector a taller plot."""

import altair as alt
import pandas as pd

from mathviz.charts import theme
from mathviz.ui import cache, frame


def line(data: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q")
    return alt.layer(base, base.mark_point()).properties(height=300)


def fixed(data: pd.DataFrame) -> alt.Chart:
    return alt.Chart(data).mark_point().encode(x="x:Q", y="y:Q").properties(width=500, height=200)


DATA = pd.DataFrame({"x": [0.0, 1.0], "y": [1.0, 2.0]})


def test_a_projector_makes_charts_taller_not_smaller():
    cache.clear("chart templates")
    normal = frame.spec(line, DATA)
    projected = frame.spec(line, DATA, projector=True)
    assert normal["height"] == 300
    assert projected["height"] == round(300 * theme.PROJECTOR_HEIGHT)
    assert projected["config"]["axis"]["labelFontSize"] > normal["config"]["axis"]["labelFontSize"]
    assert frame.templates_held() == 2  # one shape per mode


def test_a_chart_of_fixed_width_keeps_its_shape_on_a_projector():
    assert frame.spec(fixed, DATA, projector=True)["height"] == 200


def test_the_spec_leaves_the_data_as_slots():
    spec = frame.spec(line, DATA)
    assert spec.get("datasets", {}) == {}
    assert spec["data"] == {"name": "arg0"}  # the layers share it


def test_marks_carry_no_per_mark_labels_and_a_long_table_is_painted_on_a_canvas():
    cache.clear("chart templates")
    small = frame.spec(line, DATA)
    assert small["config"]["mark"]["aria"] is False  # no aria-label formatted per mark
    assert "usermeta" not in small  # a small chart stays SVG, its text in the page
    many = pd.DataFrame({"x": range(frame.HEAVY_ROWS), "y": range(frame.HEAVY_ROWS)})
    big = frame.spec(line, many)
    assert big["usermeta"]["embedOptions"]["renderer"] == "canvas"
    assert big["config"]["mark"]["aria"] is False
