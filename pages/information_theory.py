import streamlit as st

from mathviz.topics.information import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Information theory")
st.title("Information theory")
st.caption(
    "Information counted in yes/no questions, and the losses a classifier minimises. "
    "The link in your address bar reproduces what you see."
)
show_topics("pages/information_theory.py", TOPICS)
