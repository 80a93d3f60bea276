import streamlit as st

from mathviz.topics.linear_algebra import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Linear algebra")
st.title("Linear algebra")
st.caption(
    "Vectors, and the matrices that move them: what a matrix does to the plane, which "
    "directions it keeps, and how SVD and PCA find structure. The link in your address bar "
    "always reproduces what you see."
)
show_topics("pages/linear_algebra.py", TOPICS)
