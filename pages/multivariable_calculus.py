import streamlit as st

from mathviz.ui import multivariable
from mathviz.ui.page import page_setup, show_topics

page_setup("Multivariable calculus", ":material/landscape:")
st.title("Multivariable calculus")
st.caption(
    "Functions of two variables as landscapes: the gradient that points uphill, descent "
    "that walks down, the Jacobian of a layer and the Hessian that tells a valley from a "
    "pass. Click a map to choose a point; the link in your address bar reproduces the view."
)

show_topics(
    "pages/multivariable_calculus.py",
    {
        "gradient": multivariable.gradient_topic,
        "gradient-descent": multivariable.descent_topic,
        "jacobian": multivariable.jacobian_topic,
        "hessian": multivariable.hessian_topic,
    },
)
