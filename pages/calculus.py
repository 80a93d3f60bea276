import streamlit as st

from mathviz.ui import calculus
from mathviz.ui.page import page_setup, show_topics

page_setup("Calculus", ":material/functions:")
st.title("Calculus")
st.caption(
    "How a function changes, and how change adds up. Pick a topic; the link in your "
    "address bar always reproduces what you see."
)

show_topics(
    "pages/calculus.py",
    {
        "derivative": calculus.derivative_topic,
        "critical-points": calculus.critical_points_topic,
        "chain-rule": calculus.chain_rule_topic,
        "integral": calculus.integral_topic,
    },
)
