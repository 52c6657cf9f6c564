"""graph/stores/prefetch.py: pages in order, errors where they happen, early close stops."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from graph.stores.prefetch import prefetched


def _workers() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "reelgraph-prefetch")


def test_pages_come_in_order_and_all() -> None:
    assert list(prefetched(iter(range(1000)))) == list(range(1000))
    assert list(prefetched(iter([]))) == []
    assert _workers() == 0


def test_an_error_is_raised_in_the_callers_thread_after_the_pages_before_it() -> None:
    def pages() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("page 3 failed")

    seen = []
    with pytest.raises(ValueError, match="page 3 failed"):
        for page in prefetched(pages()):
            seen.append(page)
    assert seen == [1, 2]
    assert _workers() == 0


def test_closing_early_stops_the_fetching_and_closes_the_source() -> None:
    fetched, closed = [], threading.Event()

    def pages() -> Iterator[int]:
        try:
            for n in range(1_000_000):
                fetched.append(n)
                yield n
        finally:
            closed.set()

    stream = prefetched(pages(), ahead=2)
    assert [next(stream), next(stream)] == [0, 1]
    # Let the worker run as far as it may: two pages queued and one waiting for room.
    deadline = time.monotonic() + 10
    while len(fetched) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    stream.close()
    assert closed.is_set() and _workers() == 0
    assert len(fetched) == 5  # nothing fetched once closed, however far ahead it was
