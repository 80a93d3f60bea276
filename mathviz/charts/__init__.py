"""Altair chart builders: data in, chart out; they never call Streamlit.

``theme``     palette, sizes and the projector scale shared by every chart
``calculus``  the Calculus page's charts
``roadmap``   the map of pillars and topics on the home page
"""
