import streamlit as st

from mathviz.topics.multivariable import TOPICS
from mathviz.ui.page import page_setup
from mathviz.ui.topic import show_topics

page_setup("Multivariable calculus")
st.title("Multivariable calculus")
st.caption(
    "Functions of two variables as landscapes: the gradient that points uphill, descent "
    "that walks down, the Jacobian of a layer and the Hessian that tells a valley from a "
    "pass. Click a map to choose a point; the link in your address bar reproduces the view."
)
show_topics("pages/multivariable_calculus.py", TOPICS)
