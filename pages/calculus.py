import streamlit as st

from mathviz.topics.calculus import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Calculus")
st.title("Calculus")
st.caption(
    "How a function changes, and how change adds up. "
    "The link in your address bar reproduces what you see."
)
show_topics("pages/calculus.py", TOPICS)
