import streamlit as st

from mathviz.roadmap import PILLARS
from mathviz.ui import calculus
from mathviz.ui.page import page_setup
from mathviz.ui.state import topic_tabs

page_setup("Calculus", ":material/functions:")
st.title("Calculus")
st.caption(
    "How a function changes, and how change adds up. Pick a topic; the link in your "
    "address bar always reproduces what you see."
)

pillar = next(p for p in PILLARS if p.page == "pages/calculus.py")
show = {
    "derivative": calculus.derivative_topic,
    "critical-points": calculus.critical_points_topic,
    "chain-rule": calculus.chain_rule_topic,
    "integral": calculus.integral_topic,
}
tabs = topic_tabs([topic.label for topic in pillar.topics])
for tab, topic in zip(tabs, pillar.topics, strict=True):
    with tab:
        if tab.open:
            show[topic.name]()
