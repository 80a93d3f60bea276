"""Page set-up shared by every page: config, our own sidebar navigation, projector mode.

The built-in page list is hidden (``client.showSidebarNavigation = false``) and the sidebar
is drawn here with ``st.page_link``, because calling ``st.navigation`` beside a ``pages/``
folder breaks deep links on a cold server. Links carry projector mode along.
"""

from __future__ import annotations

import streamlit as st

from mathviz.roadmap import PILLARS
from mathviz.ui.state import toggle

HOME = "streamlit_app.py"

# Wide formulas and tables scroll inside their own box instead of widening the page on a phone.
BASE_CSS = """
<style>
.katex-display { overflow-x: auto; overflow-y: hidden; padding-bottom: 2px; contain: paint; }
.st-key-roadmap { overflow-x: auto; }
[class*="_offstage"] { display: none !important; }
[data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto; }
/* Every tab label stays in view, so the open topic is always visible. */
[role="tablist"] { flex-wrap: wrap; }
/* Long labels wrap instead of being cut short, in the sidebar and beside switches. */
[data-testid="stPageLink-NavLink"] *, [data-testid="stWidgetLabel"] * {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important;
}
</style>
"""

PROJECTOR_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stAppViewContainer"] { background: #ffffff; color: #000000; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p,
[data-testid="stCaptionContainer"] { font-size: 1.25rem; color: #000; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 2.2rem;
  font-weight: 700; color: #000; }
[data-testid="stSelectbox"] [data-baseweb="select"],
[data-testid="stSelectbox"] [data-baseweb="select"] *,
[data-testid="stTextInput"] input,
[data-testid="stSelectbox"] input { font-size: 1.2rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem; }
.katex { font-size: 1.3em; }
.katex-display { overflow-x: auto; overflow-y: hidden; }
h1 { font-size: 3rem !important; } h2, h3 { font-size: 2.2rem !important; }
/* On a phone a long title such as "Multivariable" must fit on its line whole. */
@media (max-width: 640px) { h1 { font-size: 1.9rem !important; } }
button[data-baseweb="tab"] p { font-size: 1.35rem; font-weight: 600; }
[data-baseweb="slider"] [role="slider"] { width: 1.4rem; height: 1.4rem; }
</style>
"""


def page_setup(title: str, icon: str) -> bool:
    """Configure the page and draw the sidebar; return whether projector mode is on.

    Parameters
    ----------
    title : str
        The page's name, shown in the browser tab.
    icon : str
        An emoji or short symbol for the browser tab.
    """
    st.set_page_config(
        page_title=f"{title} · mathviz", page_icon=icon, layout="wide", initial_sidebar_state="auto"
    )
    with st.sidebar:
        st.markdown("## mathviz")
        st.caption("The math under machine learning, one slider at a time.")
        projector = toggle(
            "Projector mode",
            key="projector",
            help="Big type, thick lines and high contrast for a classroom screen. "
            "It travels with the link.",
        )
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
    st.html(BASE_CSS + (PROJECTOR_CSS if projector else ""))
    return projector
