"""RDF export speed and memory: reelgraph's streaming writers vs rdflib's Graph.serialize.

    python bench/rdf_export.py [--persons N --films N --acted N --directed N]
                               [--store PATH] [--rdflib-triples N] [--json FILE]

Builds a synthetic graph (bench/load_synthetic.py's generator: persons, films,
ACTED_IN with 1-2 character roles, DIRECTED; about 10.2 million triples at the
defaults) in an embedded store (kept at --store and reused when it exists), then
in a fresh process per measurement (so each peak RSS is its own):

- ``nt`` / ``turtle``: ``export_graph`` to a file in /tmp, triples/s and peak RSS;
- ``rdflib nt`` / ``rdflib turtle``: the first --rdflib-triples triples of the
  N-Triples export parsed into one rdflib Graph, then ``Graph.serialize``
  (serialize time only, and the process's peak RSS with the graph in memory).

Targets (issue 6): N-Triples >= 300,000 triples/s, Turtle >= 100,000 triples/s,
peak RSS < 1 GB. This machine has 2 cores shared with other work: run twice.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import shlex
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from load_synthetic import _peak_rss_mb, edges, nodes

from graph.stores import open_store

TARGETS = {"nt": 300_000, "turtle": 100_000}
RSS_TARGET_MB = 1024
OUT = Path("/tmp/reelgraph-bench-rdf")


def build(a: dict[str, Any]) -> dict[str, Any]:
    store_path = Path(a["store"])
    if store_path.exists():
        return {"built": False}
    start = time.perf_counter()
    with open_store(str(store_path)) as store:
        store.write(nodes(a["persons"], a["films"], a["seed"]))
        store.write(edges(a["persons"], a["films"], a["acted"], a["directed"], a["seed"]))
    return {"built": True, "load_s": time.perf_counter() - start}


def export(a: dict[str, Any], fmt: str) -> dict[str, Any]:
    from graph.rdf.writers import export_graph

    OUT.mkdir(exist_ok=True)
    path = OUT / f"graph.{fmt}"
    start = time.perf_counter()
    with open_store(a["store"], read_only=True) as store, path.open("w", encoding="utf-8") as out:
        summary = export_graph(store, out, fmt)
    seconds = time.perf_counter() - start
    return {
        "what": fmt,
        "triples": summary.triples,
        "seconds": seconds,
        "triples_per_s": summary.triples / seconds,
        "peak_rss_mb": _peak_rss_mb(),
        "bytes": path.stat().st_size,
    }


def rdflib_serialize(a: dict[str, Any], fmt: str) -> dict[str, Any]:
    import rdflib

    source = OUT / "graph.nt"
    graph = rdflib.Graph()
    with source.open(encoding="utf-8") as handle:
        head = "".join(itertools.islice(handle, a["rdflib_triples"]))
    graph.parse(data=head, format="nt")
    del head
    start = time.perf_counter()
    graph.serialize(destination=str(OUT / f"rdflib.{fmt}"), format=fmt)
    seconds = time.perf_counter() - start
    return {
        "what": f"rdflib {fmt}",
        "triples": len(graph),
        "seconds": seconds,
        "triples_per_s": len(graph) / seconds,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _in_child(func: Any, *args: Any) -> Any:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=400_000)
    parser.add_argument("--films", type=int, default=80_000)
    parser.add_argument("--acted", type=int, default=1_200_000)
    parser.add_argument("--directed", type=int, default=80_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--store", default="/tmp/reelgraph-bench-rdf.db")
    parser.add_argument("--rdflib-triples", type=int, default=1_000_000)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--json", type=Path)
    args = vars(parser.parse_args(argv))
    built = _in_child(build, args)
    if built["built"]:
        print(f"built {args['store']} in {built['load_s']:.0f} s", flush=True)
    results = []
    for fmt in ("nt", "turtle"):
        results.append(_in_child(export, args, fmt))
        print(results[-1], flush=True)
    if not args["skip_rdflib"]:
        for fmt in ("nt", "turtle"):
            results.append(_in_child(rdflib_serialize, args, fmt))
            print(results[-1], flush=True)
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"{'writer':<14} {'triples':>12} {'seconds':>8} {'triples/s':>10} {'peak RSS MB':>11}")
    ok = True
    for r in results:
        target = TARGETS.get(r["what"])
        met = (
            ""
            if target is None
            else (
                "met"
                if r["triples_per_s"] >= target and r["peak_rss_mb"] < RSS_TARGET_MB
                else f"MISSED (>= {target:,}/s, < {RSS_TARGET_MB} MB)"
            )
        )
        ok = ok and met != "" and met == "met" if target else ok
        print(
            f"{r['what']:<14} {r['triples']:>12,} {r['seconds']:>8.1f} "
            f"{r['triples_per_s']:>10,.0f} {r['peak_rss_mb']:>11,.0f}  {met}"
        )
    if args["json"]:
        args["json"].write_text(
            json.dumps({"args": {**args, "json": str(args["json"])}, "results": results}, indent=2)
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
