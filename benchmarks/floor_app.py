"""Floor app: the cheapest page worth drawing, used as the unit of the benchmark.

One slider and one 400-point Altair line chart of sin(a·x). Every page of the
real app is measured relative to this.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

a = st.slider("a", min_value=0.5, max_value=5.0, value=1.0, step=0.1, key="a")
x = np.linspace(-2 * np.pi, 2 * np.pi, 400)
data = pd.DataFrame({"x": x, "y": np.sin(a * x)})
st.altair_chart(alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q"))
