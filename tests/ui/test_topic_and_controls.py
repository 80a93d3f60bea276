"""The runner draws every topic in one order; declared controls are bound to the link."""

import pytest
from streamlit.testing.v1 import AppTest

from mathviz.ui import controls, topic
from tests.app.helpers import metric


def toy_page(halt: bool) -> None:
    """A topic with one control of each kind; its body halts when ``halt``."""
    import pandas as pd

    from mathviz.ui import frame
    from mathviz.ui import topic as runner
    from mathviz.ui.controls import Choice, Number, Slider, Text, Toggle

    slider = Slider("toy_x", "x", 0.0, 1.0, 0.5, step=0.1)
    menu = Choice("toy_m", "menu", ("a", "b"), "a", label_of=str.upper)
    radio = Choice("toy_r", "radio", ("u", "v"), "u", kind="radio")
    steps = Choice("toy_s", "steps", (1, 10, 100), 10, kind="slider")
    box = Number("toy_n", "n", 0, 10, 3, whole=True)
    text = Text("toy_t", "text", "hello")
    switch = Toggle("toy_g", "switch", False)

    def body() -> frame.Plotted:
        values = (slider(), menu(), radio(), steps(), box(), text(), switch())
        frame.numbers([("values", repr(values))])
        if halt:
            frame.problem("This view cannot be drawn: the body explains and stops here.")
            raise frame.Halt
        return {"table": pd.DataFrame({"x": [values[0]]})}

    runner.run(
        runner.Topic(
            name="toy-topic",
            prefix="toy",
            intro="An introduction.",
            formulas=(r"x^2",),
            presets={"Big": {slider: 1.0, menu: "b", "toy_n": 7}},
            try_this=("Press **Big**.",),
            body=body,
        )
    )


def open_toy(halt: bool = False, **params: str) -> AppTest:
    at = AppTest.from_function(toy_page, kwargs={"halt": halt})
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def values(at: AppTest) -> str:
    return metric(at, "values")


def test_the_frame_comes_in_one_order_with_a_download():
    at = open_toy()
    assert at.markdown[0].value == "An introduction."
    assert "x^2" in at.latex[0].value
    assert [b.label for b in at.button] == ["Big"]
    texts = [m.value for m in at.markdown]
    # Try this is one element: its heading and its prompts, after the introduction.
    (tried,) = [i for i, text in enumerate(texts) if "**Try this**" in text]
    assert tried > texts.index("An introduction.")
    assert "- Press **Big**." in texts[tried]
    (download,) = at.get("download_button")
    assert download.proto.label == "Download the plotted data (CSV)"
    assert values(at) == "(0.5, 'a', 'u', 10, 3, 'hello', False)"


def test_a_halted_body_still_shows_try_this_but_no_download():
    at = open_toy(halt=True)
    assert "cannot be drawn" in at.error[0].value
    assert any("Press **Big**." in m.value for m in at.markdown)
    assert not at.get("download_button")


def test_controls_read_the_link_by_their_keys_and_labels():
    at = open_toy(
        toy_x="0.2", toy_m="B", toy_r="v", toy_s="100", toy_n="4", toy_t="hi", toy_g="true"
    )
    assert values(at) == "(0.2, 'b', 'v', 100, 4, 'hi', True)"


def test_a_preset_names_controls_or_keys():
    at = open_toy()
    at.button[0].click().run()
    assert values(at) == "(1.0, 'b', 'u', 10, 7, 'hello', False)"


def test_keyed_takes_a_controls_key_and_leaves_strings():
    x = controls.Slider("k_x", "x", 0, 1, 0)
    assert controls.keyed({x: 1, "other": 2}) == {"k_x": 1, "other": 2}


def test_vector_and_matrix_presets_spread_over_their_boxes():
    v = controls.Vector("vec_u", "u", (1.0, 2.0))
    m = controls.Matrix("tr_a", "A", ((1.0, 0.0), (0.0, 1.0)))
    assert v.values((3, -1)) == {"vec_u1": 3.0, "vec_u2": -1.0}
    assert m.values([[1, 2], [3, 4]]) == {
        "tr_a11": 1.0,
        "tr_a12": 2.0,
        "tr_a21": 3.0,
        "tr_a22": 4.0,
    }


def test_a_choice_kind_is_checked():
    with pytest.raises(ValueError, match="kind must be select, radio, horizontal or slider"):
        controls.Choice("c", "c", (1, 2), 1, kind="wheel")


def test_counts_are_written_as_links_write_them():
    assert [controls.count_label(n) for n in (5, 20_000, 10_000_000)] == ["5", "20k", "10M"]
    steps = controls.count_slider("n", "n", 20, largest=1000, help="h")
    assert steps.options[-1] == 1000
    assert steps.options[:4] == (1, 2, 5, 10)


def test_show_topics_refuses_a_page_that_disagrees_with_the_roadmap():
    with pytest.raises(ValueError, match="the roadmap and the page disagree"):
        topic.show_topics("pages/calculus.py", ())
