"""Random links: whatever the query string says, the Calculus page answers without a traceback."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app.test_calculus_page import TABS, open_page

KEYS = {
    "Derivative": ["der_f", "der_f_text", "der_x", "der_h", "der_scheme"],
    "Critical points": ["crit_f", "crit_f_text", "crit_a", "crit_b"],
    "Chain rule": ["chain_f", "chain_f_text", "chain_g", "chain_g_text", "chain_x"],
    "Integral": ["int_f", "int_f_text", "int_a", "int_b", "int_n", "int_rule"],
}
TYPED = "type your own…"

values = st.one_of(
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        [
            "",
            "nan",
            "-inf",
            "1e308",
            "x^2",
            "1/x",
            "log(x)",
            "exp(1000*x)",
            "sqrt(-1)",
            "x**100",
            "abs(x)",
            "relu(x)",
            "tan(x)",
            "0",
            TYPED,
            "__import__('os')",
            "x" * 400,
        ]
    ),
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(topic=st.sampled_from(TABS), data=st.data())
def test_any_query_string_leaves_the_page_working(topic, data):
    chosen = data.draw(st.dictionaries(st.sampled_from(KEYS[topic]), values, max_size=5))
    if any(key.endswith("_text") for key in chosen):
        chosen |= {key.removesuffix("_text"): TYPED for key in chosen if key.endswith("_text")}
    open_page(topic=topic, **chosen)  # asserts that no exception reached the page
