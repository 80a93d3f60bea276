"""Projector mode travels from page to page, even when navigation drops it from the link."""

from streamlit.testing.v1 import AppTest

from tests.app.helpers import HOME


def open_home(**params: str) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def go(at: AppTest, page: str) -> AppTest:
    """Open another page as the sidebar does: the link's query parameters are dropped."""
    at.switch_page(page)
    for key in list(at.query_params):
        del at.query_params[key]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_projector_mode_survives_navigation_that_drops_it_from_the_link():
    at = open_home(projector="true")
    assert at.toggle(key="projector").value is True
    assert go(at, "pages/calculus.py").toggle(key="projector").value is True
    assert go(at, "pages/linear_algebra.py").toggle(key="projector").value is True
    assert not at.warning  # no "value set via Session State" complaint


def test_turned_off_it_stays_off_on_the_next_page():
    at = go(open_home(projector="true"), "pages/calculus.py")
    at.toggle(key="projector").set_value(False).run()
    assert at.toggle(key="projector").value is False
    assert go(at, "pages/probability.py").toggle(key="projector").value is False


def test_turned_on_within_a_page_it_follows_to_the_next():
    at = go(open_home(), "pages/calculus.py")
    assert at.toggle(key="projector").value is False
    at.toggle(key="projector").set_value(True).run()
    assert go(at, "streamlit_app.py").toggle(key="projector").value is True


def test_projector_mode_sets_the_big_type():
    at = open_home(projector="true")
    styles = "".join(h.proto.body for h in at.get("html"))
    assert "h1 { font-size: 46px" in styles  # the title
    assert "stSliderThumbValue" in styles  # slider values lifted clear of the thumb
