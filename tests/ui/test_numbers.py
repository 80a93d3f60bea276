"""The row of key numbers drawn as one element: what it shows and how the tests read it."""

from streamlit.testing.v1 import AppTest

from mathviz.charts import calculus, probability
from mathviz.ui import page
from tests.app.helpers import metric, metrics, texts


def numbers_page(projector: bool = False) -> None:
    import streamlit as st

    from mathviz.ui import frame

    if projector:
        st.session_state["projector"] = True
    st.markdown("Some words.")
    frame.numbers([("a < b", "−1.5"), ("count", "1,000 of 2,000"), ("x & y", "<none>")])


def open_numbers(projector: bool = False) -> AppTest:
    at = AppTest.from_function(numbers_page, kwargs={"projector": projector})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_a_row_of_numbers_is_one_element_read_back_label_by_label():
    at = open_numbers()
    assert not at.metric
    assert len(at.markdown) == 2
    assert [tuple(m) for m in metrics(at)] == [
        ("a < b", "−1.5"),
        ("count", "1,000 of 2,000"),
        ("x & y", "<none>"),
    ]
    assert metric(at, "x & y") == "<none>"
    shown = at.markdown[1].value
    # Labels and values are text, never markup: the page shows exactly what was passed.
    assert "<dt>a &lt; b</dt><dd>−1.5</dd>" in shown
    assert "<dd>&lt;none&gt;</dd>" in shown
    assert texts(at) == "Some words."  # the numbers are not read as prose


def test_projector_mode_gives_the_numbers_the_projector_sizes():
    # The rows carry no style of their own: the page's style sizes them once.
    normal = open_numbers().markdown[1].value
    projector = open_numbers(projector=True).markdown[1].value
    assert "<style>" not in normal
    assert projector == normal
    assert ".mv-numbers dd { font-size: 2.25rem;" in page.BASE_CSS
    assert "46px" not in page.BASE_CSS.split(".mv-numbers")[1]
    assert ".mv-numbers dd { font-size: 46px;" in page.PROJECTOR_CSS
    assert ".mv-numbers dt { font-size: 21px;" in page.PROJECTOR_CSS


def test_frame_scrubbers_hide_their_bare_index():
    """The scrubbers whose position is a frame number; the chart prints its meaning."""
    names = (calculus.SHRINK, calculus.NUDGE_SHRINK, probability.FLIPS_SO_FAR)
    for name in (*names, probability.ROUNDS_SO_FAR, probability.MEANS_SO_FAR):
        assert f'.vega-bind input[name="{name}"] + span' in page.BASE_CSS
