import streamlit as st

from mathviz.roadmap import PILLARS
from mathviz.ui import calculus
from mathviz.ui.page import page_setup
from mathviz.ui.state import topic_tabs

page_setup("Calculus", "∂")
st.title("Calculus")
st.caption(
    "How a function changes, and how change adds up. Pick a topic; the link in your "
    "address bar always reproduces what you see."
)

pillar = PILLARS[0]
topics = {
    "Derivative": calculus.derivative_topic,
    "Critical points": calculus.critical_points_topic,
    "Chain rule": calculus.chain_rule_topic,
    "Integral": calculus.integral_topic,
}
assert list(topics) == [topic.label for topic in pillar.topics]  # noqa: S101 - labels are URLs

for tab, show in zip(topic_tabs(list(topics)), topics.values(), strict=True):
    with tab:
        if tab.open:
            show()
