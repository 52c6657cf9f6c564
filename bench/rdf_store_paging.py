"""How the embedded store pages ACTED_IN out for export: the key-pair cursor vs from-key ranges.

    python bench/rdf_store_paging.py [--store /tmp/rdf10m] [--page 100000]
                                     [--persons-per-page 17500]

Each way in a fresh process so each peak RSS is its own:

- ``cursor``: how ``Store.iter_edges`` paged before issue 6's fix
  (``(from, to) > last pair ORDER BY from, to LIMIT page``; engine level: query +
  Arrow table, no Python rows). Every page filters and sorts all the
  relationships after the cursor, so a pass costs O(rows^2 / page).
- ``ranges``: a page of Person keys (cheap), then the ACTED_IN of persons in
  that key range, sorted by the engine; each relationship is read once: O(rows).
- ``store``: ``Store.iter_edges`` as it is now (degree-aware key ranges of at
  most ``--page`` relationships, sorted in Arrow), every row made a Python dict.

The store built by bench/rdf_export.py (10 million triples, 1.1 million
ACTED_IN) is the intended input. The machine has 2 cores shared with other
work: run twice.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from load_synthetic import _peak_rss_mb

from graph import schema
from graph.stores.embedded import EmbeddedStore

_RANGE_EDGES = """MATCH (a:Person)-[r:ACTED_IN]->(b:Film)
WHERE a.key > $lo AND a.key <= $hi
RETURN a.key AS from_key, b.key AS to_key, r.roles AS roles, r.ordering AS ordering,
       r.jobs AS jobs, r.sources AS sources, r.confidence AS confidence,
       r.evidence AS evidence
ORDER BY from_key, to_key"""
_CURSOR_EDGES = """MATCH (a:Person)-[r:ACTED_IN]->(b:Film)
WHERE a.key >= $after_from AND (a.key > $after_from OR b.key > $after_to)
RETURN a.key AS from_key, b.key AS to_key, r.roles AS roles, r.ordering AS ordering,
       r.jobs AS jobs, r.sources AS sources, r.confidence AS confidence,
       r.evidence AS evidence
ORDER BY from_key, to_key
LIMIT $limit"""
_PERSON_KEYS = "MATCH (a:Person) WHERE a.key > $after RETURN a.key AS key ORDER BY key LIMIT $n"


def _arrow(store: EmbeddedStore, text: str, params: dict[str, Any], rows: int) -> Any:
    result: Any = store._conn.execute(text, params)  # one statement: one result
    return result.get_as_arrow(rows)


def cursor(store_path: str, page: int) -> dict[str, Any]:
    text = _CURSOR_EDGES
    rows, pages, start = 0, 0, time.perf_counter()
    with EmbeddedStore(Path(store_path), read_only=True) as store:
        after = ("", "")
        while True:
            params = {"after_from": after[0], "after_to": after[1], "limit": page}
            table = _arrow(store, text, params, page)
            rows, pages = rows + table.num_rows, pages + 1
            if table.num_rows < page:
                break
            last = table.num_rows - 1
            after = (table["from_key"][last].as_py(), table["to_key"][last].as_py())
    return {"way": f"cursor, {page:,} rows/page", "rows": rows, "pages": pages} | _done(start)


def ranges(store_path: str, persons: int) -> dict[str, Any]:
    rows, pages, start = 0, 0, time.perf_counter()
    with EmbeddedStore(Path(store_path), read_only=True) as store:
        low = ""
        while True:
            keys = _arrow(store, _PERSON_KEYS, {"after": low, "n": persons}, persons)["key"]
            if len(keys) == 0:
                break
            high = keys[len(keys) - 1].as_py()
            table = _arrow(store, _RANGE_EDGES, {"lo": low, "hi": high}, 1_000_000)
            rows, pages, low = rows + table.num_rows, pages + 1, high
    return {"way": f"ranges, {persons:,} persons/page", "rows": rows, "pages": pages} | _done(start)


def store(store_path: str, page: int) -> dict[str, Any]:
    rows, start = 0, time.perf_counter()
    with EmbeddedStore(Path(store_path), read_only=True) as db:
        for _ in db.iter_edges(schema.ACTED_IN, page):
            rows += 1
    return {"way": f"Store.iter_edges, {page:,}/page", "rows": rows, "pages": 0} | _done(start)


def _done(start: float) -> dict[str, Any]:
    # CPU seconds of the process (all threads): moved less than wall time by a busy machine.
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_s": time.process_time(), "peak_rss_mb": _peak_rss_mb()}


def _in_child(func: Any, *args: Any) -> Any:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", default="/tmp/rdf10m")
    parser.add_argument("--page", type=int, default=100_000)
    parser.add_argument("--persons-per-page", type=int, default=17_500)
    args = parser.parse_args()
    print(f"$ python bench/rdf_store_paging.py {' '.join(sys.argv[1:])}")
    ways = ((cursor, args.page), (ranges, args.persons_per_page), (store, args.page))
    for func, size in ways:
        load = os.getloadavg()[0]
        r = _in_child(func, args.store, size)
        print(
            f"{r['way']:<30} {r['rows']:>10,} rows {r['pages']:>4} pages "
            f"{r['seconds']:>7.1f} s {r['cpu_s']:>6.1f} CPU s  "
            f"peak RSS {r['peak_rss_mb']:>6,.0f} MB  load {load:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
