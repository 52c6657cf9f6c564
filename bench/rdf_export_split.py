"""Where an RDF export's time goes: reading the store's pages vs mapping and writing the text.

    python bench/rdf_export_split.py [--store /tmp/rdf10m] [--sample 20000]

Two measurements, each in a fresh process (so each peak RSS is its own):

- ``store read``: every row of ``Store.iter_nodes`` / ``iter_edges`` (the pages an
  export reads), and nothing else: the floor of an export's time and memory.
- ``writers nt`` / ``writers turtle``: the first ``--sample`` rows of each label
  and relationship type read into memory once, then ``export_graph`` over them
  (a stand-in store that serves those rows), best of 5 by CPU time: the
  writers' own speed, in triples per CPU second, with no store in the way.

Use the store bench/rdf_export.py builds. The machine has 2 cores shared with
other work: run twice; CPU seconds move less with the load than wall time.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from load_synthetic import _peak_rss_mb

from graph import schema
from graph.stores import open_store


def _cpu_s() -> float:
    return time.process_time()


def store_read(store_path: str) -> dict[str, Any]:
    start, rows = time.perf_counter(), 0
    with open_store(store_path, read_only=True) as store:
        for label in schema.NODE_LABELS:
            rows += sum(1 for _ in store.iter_nodes(label))
        for rel in schema.REL_TYPES:
            rows += sum(1 for _ in store.iter_edges(rel))
    seconds = time.perf_counter() - start
    return {"what": "store read", "rows": rows, "seconds": seconds, "cpu_s": _cpu_s()}


class _Rows:
    """A stand-in store serving rows held in memory (only what ``export_graph`` calls)."""

    def __init__(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.rows = rows

    def iter_nodes(self, label: str, page_size: int | None = None) -> Iterator[dict[str, Any]]:
        return (dict(row) for row in self.rows[label])

    def iter_edges(self, rel: str, page_size: int | None = None) -> Iterator[dict[str, Any]]:
        return (dict(row) for row in self.rows[rel])


def writers(store_path: str, fmt: str, sample: int) -> dict[str, Any]:
    from graph.rdf.writers import export_graph

    with open_store(store_path, read_only=True) as store:
        rows = {n: list(itertools.islice(store.iter_nodes(n), sample)) for n in schema.NODE_LABELS}
        rows |= {r: list(itertools.islice(store.iter_edges(r), sample)) for r in schema.REL_TYPES}
    best, triples = float("inf"), 0
    for _ in range(5):
        with open(os.devnull, "w", encoding="utf-8") as out:
            start = time.process_time()
            triples = export_graph(_Rows(rows), out, fmt).triples  # type: ignore[arg-type]
            best = min(best, time.process_time() - start)
    return {"what": f"writers {fmt}", "triples": triples, "cpu_s": best}


def _in_child(func: Any, *args: Any) -> Any:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result() | {
            "peak_rss_mb": pool.submit(_peak_rss_mb).result()
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", default="/tmp/rdf10m")
    parser.add_argument("--sample", type=int, default=20_000)
    args = parser.parse_args()
    print(f"$ python bench/rdf_export_split.py {' '.join(sys.argv[1:])}", flush=True)
    load = os.getloadavg()[0]
    r = _in_child(store_read, args.store)
    print(
        f"store read       {r['rows']:>10,} rows  {r['seconds']:6.1f} s  CPU {r['cpu_s']:5.1f} s  "
        f"peak RSS {r['peak_rss_mb']:,.0f} MB  load {load:.1f}",
        flush=True,
    )
    for fmt in ("nt", "turtle"):
        r = _in_child(writers, args.store, fmt, args.sample)
        print(
            f"{r['what']:<16} {r['triples']:>10,} triples  best CPU {r['cpu_s']:.2f} s = "
            f"{r['triples'] / r['cpu_s']:,.0f} triples per CPU second",
            flush=True,
        )


if __name__ == "__main__":
    main()
