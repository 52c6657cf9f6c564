"""RDF export speed and memory: reelgraph's streaming writers vs rdflib's Graph.serialize.

    python bench/rdf_export.py [--scale 0.275] [--store PATH] [--formats nt,turtle] [--out DIR]
                               [--rdflib-triples 1000000,2000000] [--rdflib-max-gb 20]
                               [--skip-rdflib] [--json FILE]

Builds bench/synthetic_graph.py's IMDb-shaped graph (persons, films, reviews;
ACTED_IN with 1-2 character roles, DIRECTED, WROTE, PRODUCED, REVIEWS, MENTIONS
with evidence spans) at ``--scale`` of its default size in an embedded store,
kept at ``--store`` and reused when it exists (0.275 gives 10,056,555 triples;
triples grow linearly with the scale, 0.273 would stay under 10 million). Then,
in a fresh process per measurement (so each peak RSS is its own):

- ``nt`` / ``turtle``: ``export_graph`` to a file in ``--out``, triples/s and peak RSS;
- ``rdflib nt`` / ``rdflib turtle``: the first N triples of the N-Triples export
  parsed into one rdflib Graph, then ``Graph.serialize`` (serialize time only,
  and the process's peak RSS with the graph in memory), for each N of
  ``--rdflib-triples`` in turn, as far as memory allows: a size whose estimated
  peak (from the previous one) is above ``--rdflib-max-gb`` or above the memory
  the machine has free is not started, and the child runs under that address
  space limit, so a MemoryError ends the series instead of the OOM killer.

Targets (issue 6): N-Triples >= 300,000 triples/s, Turtle >= 100,000 triples/s,
peak RSS < 1 GB. This machine has 2 cores shared with other work: run twice;
the load average before each measurement and the process's CPU seconds (all
threads; the part least moved by other work) are printed with it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import resource
import shlex
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synthetic_graph as synth
from load_synthetic import _peak_rss_mb

from graph.stores import open_store

TARGETS = {"nt": 300_000, "turtle": 100_000}
RSS_TARGET_MB = 1024
OUT = Path("/tmp/reelgraph-bench-rdf")
SCALE_HELP = "fraction of bench/synthetic_graph.py's default size (0.275: 10,056,555 triples)"


def build(a: dict[str, Any]) -> dict[str, Any]:
    store_path = Path(a["store"])
    if store_path.exists():
        return {"built": False}
    size = synth.Size().scaled(a["scale"])
    start = time.perf_counter()
    with open_store(str(store_path)) as store:
        for part in (synth.nodes(size), synth.reviews(size), synth.edges(size)):
            store.write(part)
        stats = store.stats()
    return {"built": True, "load_s": time.perf_counter() - start, "stats": stats}


def export(a: dict[str, Any], fmt: str) -> dict[str, Any]:
    from graph.rdf.writers import export_graph

    out_dir = Path(a.get("out", OUT))
    out_dir.mkdir(exist_ok=True)
    path = out_dir / f"graph.{fmt}"
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
        "cpu_s": _cpu_s(),
        "bytes": path.stat().st_size,
    }


def rdflib_serialize(triples: int, fmt: str, max_bytes: int, out_dir: Path = OUT) -> dict[str, Any]:
    import rdflib

    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    graph = rdflib.Graph()
    start = time.perf_counter()
    with (out_dir / "graph.nt").open(encoding="utf-8") as handle:
        head = "".join(itertools.islice(handle, triples))
    graph.parse(data=head, format="nt")
    del head
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    graph.serialize(destination=str(out_dir / f"rdflib.{fmt}"), format=fmt)
    seconds = time.perf_counter() - start
    return {
        "what": f"rdflib {fmt}",
        "triples": len(graph),
        "seconds": seconds,
        "triples_per_s": len(graph) / seconds,
        "peak_rss_mb": _peak_rss_mb(),
        "cpu_s": _cpu_s(),
        "parse_s": parse_s,
    }


def _cpu_s() -> float:
    """CPU seconds of this process, all threads: less moved by a busy machine than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _in_child(func: Any, *args: Any) -> Any:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def _available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _measured(func: Any, *args: Any) -> dict[str, Any]:
    load = os.getloadavg()[0]
    result: dict[str, Any] = _in_child(func, *args)
    result["load_before"] = load
    print(result, flush=True)
    return result


def rdflib_series(sizes: list[int], max_gb: float, out_dir: Path) -> list[dict[str, Any]]:
    """Each format at each size in turn, while the estimated peak fits in memory."""
    results: list[dict[str, Any]] = []
    cap_mb = max_gb * 1024
    for fmt in ("nt", "turtle"):
        last: dict[str, Any] | None = None
        for triples in sizes:
            estimate = last["peak_rss_mb"] * triples / last["triples"] if last else 0.0
            room = min(cap_mb, _available_mb() - 2048)
            if estimate > room:
                print(
                    f"rdflib {fmt}: {triples:,} triples not started: estimated peak "
                    f"{estimate:,.0f} MB, room {room:,.0f} MB",
                    flush=True,
                )
                break
            try:
                last = _measured(rdflib_serialize, triples, fmt, int(room * 2**20), out_dir)
            except (MemoryError, BrokenProcessPool) as exc:
                print(f"rdflib {fmt}: {triples:,} triples ran out of memory ({exc!r})", flush=True)
                break
            results.append(last)
    return results


def _verdict(r: dict[str, Any]) -> str:
    target = TARGETS.get(r["what"])
    if target is None:
        return ""
    if r["triples_per_s"] >= target and r["peak_rss_mb"] < RSS_TARGET_MB:
        return "met"
    return f"MISSED (>= {target:,}/s, < {RSS_TARGET_MB} MB)"


def report(results: list[dict[str, Any]]) -> bool:
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    head = f"{'writer':<14} {'triples':>12} {'seconds':>8} {'triples/s':>10} {'peak RSS MB':>11}"
    print(f"{head} {'CPU s':>6} load")
    for r in results:
        print(
            f"{r['what']:<14} {r['triples']:>12,} {r['seconds']:>8.1f} "
            f"{r['triples_per_s']:>10,.0f} {r['peak_rss_mb']:>11,.0f} {r.get('cpu_s', 0):>6.1f} "
            f"{r['load_before']:4.1f}"
            f"  {_verdict(r)}"
        )
    return all(_verdict(r) in ("", "met") for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.275, help=SCALE_HELP)
    parser.add_argument("--store", default="/tmp/rdf10m")
    parser.add_argument("--formats", default="nt,turtle")
    parser.add_argument("--out", default=str(OUT), help="where the exports are written")
    parser.add_argument("--rdflib-triples", default="1000000")
    parser.add_argument("--rdflib-max-gb", type=float, default=20.0)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--json", type=Path)
    args = vars(parser.parse_args(argv))
    built = _in_child(build, args)
    if built["built"]:
        print(f"built {args['store']} in {built['load_s']:.0f} s: {built['stats']}", flush=True)
    results = [_measured(export, args, fmt) for fmt in args["formats"].split(",") if fmt]
    if not args["skip_rdflib"]:
        sizes = [int(n) for n in args["rdflib_triples"].split(",")]
        results += rdflib_series(sizes, args["rdflib_max_gb"], Path(args["out"]))
    ok = report(results)
    if args["json"]:
        args["json"].write_text(
            json.dumps({"args": {**args, "json": str(args["json"])}, "results": results}, indent=2)
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
