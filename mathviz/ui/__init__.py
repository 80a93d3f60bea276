"""Streamlit glue shared by the pages: the only part of mathviz that imports streamlit.

``page``   page set-up, sidebar navigation, projector mode
``state``  widgets bound to the URL, with a notice when a link's value cannot be used
``frame``  the topic frame: explanation, presets, charts, metrics, Try this, download
``calculus`` the four Calculus topics
"""
