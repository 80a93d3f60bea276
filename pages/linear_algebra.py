import streamlit as st

from mathviz.topics.linear_algebra import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Linear algebra")
st.title("Linear algebra")
st.caption(
    "Vectors, and the matrices that move, stretch and fold the plane. "
    "The link in your address bar reproduces what you see."
)
show_topics("pages/linear_algebra.py", TOPICS)
