"""mathviz: explorable explanations of the mathematics under machine learning.

The package has three layers, each importing only the one below it:

- the core (``calculus``, ``expressions``, ``catalog`` and the later pillars): pure functions
  on numpy arrays, tested against closed forms and scipy;
- ``charts``: Altair chart builders that take arrays or tidy DataFrames and return charts;
- ``ui``: the Streamlit glue shared by the pages (the only place that imports streamlit).

One vocabulary is used everywhere:

========  ==========================================================
``f``     a vectorised function, ``f(xs: ndarray) -> ndarray``
``df``    the exact derivative of ``f`` (``d2f`` the second)
``xs``    sample points; ``ys`` the values at them
``x``     one point (or an array of points where a function broadcasts)
``h``     the step of a difference quotient
``a, b``  the ends of an interval, ``a < b``
``n``     a number of pieces, samples or steps
``lr``    a learning rate
``rng``   a ``numpy.random.Generator``; ``seed`` an ``int`` that makes one
``ps``    a probability vector; ``qs`` a second one over the same outcomes
``A``     a matrix
========  ==========================================================
"""

__version__ = "0.1.0"
