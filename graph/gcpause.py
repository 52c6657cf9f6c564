"""The cyclic garbage collector off while code makes many short-lived, cycle-free objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_gc_pauses() -> Iterator[None]:
    """The cyclic garbage collector off for one write batch (or one RDF export, or the
    review loader's parallel map, while it receives the workers' records).

    A batch makes millions of short-lived rows (dicts and lists), and the collector,
    started by allocation counts, rescanned the growing heap over and over: a quarter of
    a re-load's time. Rows hold no reference cycles, so reference counting frees them;
    the collector runs again between batches. An export (graph.rdf.writers) makes only
    strings, lists and dicts too: with the collector on, it took a quarter of its time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
