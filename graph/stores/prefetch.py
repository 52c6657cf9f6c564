"""Fetch the next page of a stream while the caller works on the current one.

An export alternates between the engine (a query for the next page) and Python
(turning the page into text). The engines release the GIL while a query runs,
so running the queries in a background thread puts the second core to work:
on a 2-core machine an export then takes about as long as the slower of the
two halves instead of their sum.

Only the background thread touches the store while the stream is open; the
caller must not use the same store until the stream is exhausted or closed
(``RDF`` export reads one stream at a time, start to end).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def prefetched(pages: Iterator[T], ahead: int = 1) -> Iterator[T]:
    """``pages`` as they are, each fetched by a background thread up to ``ahead`` early.

    An error while fetching is raised here, in the caller's thread, at the page where
    it happened. Closing the stream early stops the thread before returning.
    """
    ready: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def fetch() -> None:
        try:
            # Stop is checked before each fetch, not after: a page read once the caller
            # has closed the stream would be a query for nothing.
            while not stop.is_set():
                page = next(pages, _DONE)
                ready.put(page)
                if page is _DONE:
                    break
        except BaseException as error:  # raised again in the caller's thread
            ready.put(_Failed(error))
        finally:
            close = getattr(pages, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=fetch, name="reelgraph-prefetch", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not _DONE:
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a put() waiting for room, then let it end
            with contextlib.suppress(queue.Empty):
                ready.get(timeout=0.05)
        worker.join()
