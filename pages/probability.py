import streamlit as st

from mathviz.topics.probability import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Probability & statistics")
st.title("Probability & statistics")
st.caption(
    "Chance as experiments you can rerun; every draw has a seed. "
    "The link in your address bar reproduces what you see."
)
show_topics("pages/probability.py", TOPICS)
