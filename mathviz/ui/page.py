"""Page set-up shared by every page: config, our own sidebar navigation, projector mode.

The built-in page list is hidden (``client.showSidebarNavigation = false``) and the sidebar
is drawn here with ``st.page_link``, because calling ``st.navigation`` beside a ``pages/``
folder breaks deep links on a cold server. Links carry projector mode along.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from mathviz.charts import calculus as calculus_charts
from mathviz.charts import information as information_charts
from mathviz.charts import networks as networks_charts
from mathviz.charts import probability as probability_charts
from mathviz.roadmap import PILLARS
from mathviz.ui.state import toggle

HOME = "streamlit_app.py"

ICON = Path(__file__).with_name("assets") / "icon.png"
_formulas_fit = st.components.v2.component(
    "mathviz_formulas_fit", html="", js=(Path(__file__).with_name("assets") / "fit.js").read_text()
)
"""Shrinks a formula wider than its column (down to 62 %) so it is never cut at the edge."""

# Wide formulas and tables scroll inside their own box instead of widening the page on a phone.
BASE_CSS = """
<style>
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0 3px 2px 0; contain: paint; }
/* Less air above the title, so a topic's picture starts higher on the first screen. */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; }
[data-testid="stMain"] h1 { font-size: 2.3rem; padding: 0.2rem 0 0.3rem; }
/* On a phone the header with the sidebar's button lies over the page's top: start below it. */
@media (max-width: 640px) { [data-testid="stMainBlockContainer"] { padding-top: 3.6rem; } }
.st-key-roadmap { overflow-x: auto; }
/* The presets' row keeps its buttons snug, so it rarely needs a second line. */
[class*="st-key-"][class*="_presets"] button { padding-left: 0.45rem; padding-right: 0.45rem; }
/* Said only where it is true: on a screen narrower than the roadmap. */
.phone-only { display: none; font-size: 0.9em; color: #555; }
@media (max-width: 640px) { .phone-only { display: block; } }
.st-key-formulas_fit { display: none; }
/* Scrubbers whose position is only a frame number: the chart itself prints what the frame
   shows (h, dx, n so far), so the bare index beside the slider would only mislead. */
FRAME_INDEX_CSS { display: none; }
/* The entropy coin has one slider, the page's; its chart's own input is only Play's to drive. */
.vega-bind:has(input[name="PLAY_ONLY"]) { display: none !important; }
[class*="_offstage"] { display: none !important; }
/* A topic's "Built from" links, small under its formula. */
.mv-built { font-size: 0.82rem; line-height: 1.3; color: #555; text-align: right;
            margin: -1rem 0 -0.4rem; }
/* A row of key numbers (frame.numbers): label over value, at Streamlit's metric sizes. */
.mv-numbers { display: flex; flex-wrap: wrap; gap: 2rem; margin: 0 0 1rem; padding: 0; }
.mv-numbers > div { display: flex; flex-direction: column; min-width: 0; }
.mv-numbers dt { font-size: 14px; font-weight: 400; line-height: 24px; margin: 0; }
.mv-numbers dd { font-size: 2.25rem; line-height: 1.333; margin: 0; padding: 0 0 4px; }
[data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto; }
/* Every tab label stays in view, so the open topic is always visible. */
[role="tablist"] { flex-wrap: wrap; }
/* Long labels wrap instead of being cut short, in the sidebar and beside switches. */
[data-testid="stPageLink-NavLink"] *, [data-testid="stWidgetLabel"] * {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important;
}
</style>
"""

FRAME_ONLY = (
    calculus_charts.SHRINK,
    calculus_charts.NUDGE_SHRINK,
    probability_charts.FLIPS_SO_FAR,
    probability_charts.ROUNDS_SO_FAR,
    probability_charts.MEANS_SO_FAR,
    networks_charts.EPOCH,
)
"""The charts' scrubbers whose value is a frame number, not what the frame shows."""
BASE_CSS = BASE_CSS.replace(
    "FRAME_INDEX_CSS", ", ".join(f'.vega-bind input[name="{n}"] + span' for n in FRAME_ONLY)
).replace("PLAY_ONLY", information_charts.SWEEP)

PROJECTOR_CSS = """
<style>
/* A classroom screen: the page's own width for the pictures, big type that reads from the back
   row, high contrast. Sizes are in px, not rem, so the layout's widths do not grow with the
   type and squeeze the charts. */
[data-testid="stAppViewContainer"] { background: #ffffff; color: #000000; }
[data-testid="stMainBlockContainer"] { max-width: none; padding: 3.2rem 2.2rem 3rem; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 25px;
  line-height: 1.45; color: #000; }
[data-testid="stWidgetLabel"] p { font-size: 23px !important; color: #000; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 21px;
  color: #1a1a1a; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 46px;
  font-weight: 700; color: #000; }
[data-testid="stMetricLabel"] p { font-size: 21px !important; }
.mv-numbers dt { font-size: 21px; line-height: 1.45; color: #000; }
.mv-numbers dd { font-size: 46px; line-height: 1.45; font-weight: 700; color: #000; }
[data-testid="stNumberInput"] input, [data-testid="stTextInput"] input,
[data-testid="stSelectbox"] input, [data-testid="stSelectbox"] [data-baseweb="select"],
[data-testid="stSelectbox"] [data-baseweb="select"] * { font-size: 24px !important; }
[data-testid="stNumberInput"] input, [data-testid="stTextInput"] input { min-height: 2.6rem; }
[data-testid="stRadio"] label p, [data-testid="stCheckbox"] label p { font-size: 23px; }
/* The value above a slider's thumb: big, in its own row between the label and the track,
   so a long label and a value near the thumb never print over each other. */
[data-testid="stSliderThumbValue"] { font-size: 22px !important; font-weight: 600; }
[data-testid="stSlider"] { padding-top: 0.8rem; }
[data-testid="stSlider"] [data-testid="stWidgetLabel"] { margin-bottom: 1.9rem; }
[data-testid="stSliderTickBar"] { font-size: 18px; }
[data-baseweb="slider"] [role="slider"] { width: 1.5rem; height: 1.5rem; }
[data-testid="stButton"] button p, [data-testid="stDownloadButton"] button p { font-size: 22px; }
/* Formulas as big as the 25 px text beside them (the phone's column keeps them smaller). */
.katex { font-size: 1.7em; }
/* Sliders and buttons a chart draws under itself (scrub a sweep, step through a descent). */
.vega-bind, .vega-bind-name, .vega-bind span, .vega-bind input, .vega-bind button {
  font-size: 21px !important; }
.vega-bind input[type="range"] { width: 320px; }
h1 { font-size: 46px !important; } h2, h3 { font-size: 36px !important; }
h4, h5, h6 { font-size: 29px !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] td,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] th,
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th { font-size: 21px; }
button[data-baseweb="tab"] p { font-size: 26px; font-weight: 600; }
/* On a phone a long title such as "Multivariable" must fit on its line whole. */
@media (max-width: 640px) {
  h1 { font-size: 30px !important; }
  .katex { font-size: 1.45em; }
  [data-testid="stMainBlockContainer"] { padding: 3.6rem 0.9rem 2rem; }
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 21px; }
  [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 34px; }
  .mv-numbers dd { font-size: 34px; }
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] td,
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] th,
  [data-testid="stMain"] [data-testid="stTable"] td,
  [data-testid="stMain"] [data-testid="stTable"] th { font-size: 17px; }
}
</style>
"""

SESSION_PROJECTOR = "_projector_on"
"""Projector mode as the session last had it: a page opened by a link that dropped it keeps it."""
SESSION_PAGE = "_page_shown"


def _keep_projector(title: str) -> None:
    """Turn projector mode back on when navigation dropped it from the link.

    Streamlit's client-side navigation (the sidebar, the home page's links) opens a page
    without the query parameters the link carried; the switch, bound to the link, would then
    start off. On the first run of a newly opened page the session remembers, so the switch
    starts on again and writes it back. Within a page the switch is the learner's alone.
    """
    arrived = st.session_state.get(SESSION_PAGE) != title
    st.session_state[SESSION_PAGE] = title
    if arrived and st.session_state.get(SESSION_PROJECTOR) and "projector" not in st.query_params:
        st.session_state["projector"] = True
        # The switch's value alone reaches the address bar only at the next rerun: write it
        # now, so a link copied right after the click already opens in projector mode. (A
        # session that still holds the switch bound from the last page refuses the write;
        # the switch then carries the value to the link itself.)
        with contextlib.suppress(StreamlitAPIException):
            st.query_params["projector"] = "true"


def page_setup(title: str) -> bool:
    """Configure the page and draw the sidebar; return whether projector mode is on.

    Parameters
    ----------
    title : str
        The page's name, shown in the browser tab beside the app's own icon. (A Material
        icon as the tab's icon would make the browser fetch it from Google's font server.)
    """
    _keep_projector(title)
    asked = st.session_state.get("projector") or st.query_params.get("projector") == "true"
    st.set_page_config(
        page_title=f"{title} · mathviz",
        page_icon=str(ICON),
        layout="wide",
        # On a projector the sidebar starts folded away: the pictures get the whole width.
        initial_sidebar_state="collapsed" if asked else "auto",
    )
    with st.sidebar:
        st.markdown("## mathviz")
        st.caption("The math under machine learning, one slider at a time.")
        projector = toggle(
            "Projector mode",
            key="projector",
            help="Big type, thick lines and high contrast for a classroom screen. "
            "It travels with the link and from page to page.",
        )
    st.session_state[SESSION_PROJECTOR] = projector
    with st.sidebar:
        carry = {"projector": "true"} if projector else None
        st.page_link(HOME, label="Roadmap", icon=":material/map:", query_params=carry)
        for pillar in PILLARS:
            if pillar.built:
                st.page_link(pillar.page, label=pillar.name, icon=pillar.icon, query_params=carry)
            else:
                st.markdown(
                    f"<span style='opacity:.55'>{pillar.icon} {pillar.name} · coming</span>",
                    unsafe_allow_html=True,
                )
        _formulas_fit(key="formulas_fit")
    st.html(BASE_CSS + (PROJECTOR_CSS if projector else ""))
    return projector
