import streamlit as st

from mathviz.topics.networks import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Neural networks")
st.title("Neural networks")
st.caption(
    "The other pillars' pieces assembled: a loss, its gradient, and steps down it. "
    "The link in your address bar reproduces what you see."
)
show_topics("pages/neural_networks.py", TOPICS)
