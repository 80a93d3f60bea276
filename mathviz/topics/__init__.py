"""The topics: one module per topic, grouped by pillar, each a page-sized read.

``mathviz/topics/<pillar>/<topic>.py`` declares the topic's controls (``mathviz.ui.controls``)
and describes it as a ``mathviz.ui.topic.Topic``: its explanation, presets, Try-this
prompts and a ``body`` that draws controls, computes with the core and renders with the
charts. ``mathviz.ui.topic.run`` draws every topic in the same order. A pillar's package
lists its topics in ``TOPICS``; a page shows them with ``show_topics``.

Its math lives in ``mathviz/<pillar>.py`` and its charts in ``mathviz/charts/<pillar>.py``:
a topic formats and lays out, and decides nothing mathematical.
"""
