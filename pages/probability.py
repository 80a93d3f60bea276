import streamlit as st

from mathviz.topics.probability import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Probability & statistics")
st.title("Probability & statistics")
st.caption(
    "Chance as experiments you can rerun: flip millions of coins, play a dice game, draw "
    "samples, update a belief, fit a model. Every simulation has a seed, so the link in "
    "your address bar redraws exactly what you see."
)
show_topics("pages/probability.py", TOPICS)
