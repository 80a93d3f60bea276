import streamlit as st

from mathviz.ui import information
from mathviz.ui.page import page_setup, show_topics

page_setup("Information theory", ":material/help:")
st.title("Information theory")
st.caption(
    "Information counted in yes/no questions: a guessing game against the computer, the "
    "entropy that bounds it, and the cross-entropy a classifier minimises."
)

show_topics(
    "pages/information_theory.py",
    {
        "guessing-game": information.guessing_game_topic,
        "entropy": information.entropy_topic,
        "cross-entropy-kl": information.cross_entropy_topic,
    },
)
