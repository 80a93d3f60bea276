import streamlit as st

from mathviz.topics.multivariable import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Multivariable calculus")
st.title("Multivariable calculus")
st.caption(
    "Functions of two variables as landscapes you can walk on. "
    "The link in your address bar reproduces what you see."
)
show_topics("pages/multivariable_calculus.py", TOPICS)
