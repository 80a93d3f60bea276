"""Stored results: bounded, named, emptied by name."""

import pytest

from mathviz.ui import cache


def test_a_store_keeps_results_up_to_its_size_and_empties_by_name():
    calls = []

    @cache.stored("test: squares", size=2)
    def square(x: int) -> int:
        calls.append(x)
        return x * x

    assert [square(2), square(2), square(3)] == [4, 4, 9]
    assert calls == [2, 3]
    square(4)
    assert cache.sizes()["test: squares"] == (2, 2)  # the oldest result went
    cache.clear("test: squares")
    assert cache.sizes()["test: squares"] == (0, 2)
    square(2)
    assert calls == [2, 3, 4, 2]


def test_clear_reaches_stores_kept_elsewhere_and_refuses_unknown_names():
    kept = {"a": 1}
    cache.register("test: kept elsewhere", kept.clear)
    assert "test: kept elsewhere" in cache.names()
    cache.clear("test: kept elsewhere")
    assert kept == {}
    with pytest.raises(KeyError, match="no store named test: nothing"):
        cache.clear("test: nothing")


def test_every_store_of_the_app_is_bounded():
    import mathviz.topics.calculus  # noqa: F401 - registers the Calculus stores

    assert "chart templates" in cache.names()
    for name, (_, most) in cache.sizes().items():
        assert 1 <= most <= 4096, name


@pytest.mark.parametrize("size", [0, 5000])
def test_a_store_size_must_be_sensible(size):
    with pytest.raises(ValueError, match="size must be between 1 and 4096"):
        cache.stored("test: bad", size=size)
