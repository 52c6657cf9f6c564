"""Load a synthetic graph into each store twice; report rows/s, the re-load rate, peak RSS.

    python bench/load_synthetic.py [--store embedded|neo4j|both] [--neo4j-wipe] [--json FILE]

The graph (defaults: 100,000 persons, 20,000 films, 300,000 ACTED_IN with roles,
20,000 DIRECTED) is built from a seeded RNG as a stream of validated
:mod:`graph.model` records with IMDb-style ids (``nm%07d`` / ``tt%07d``), so
keys are id-derived; people are drawn with Zipf-like weights, so a few appear
in hundreds of films and most in one or two. Each store is loaded through
``Store.write`` (the nodes, then the relationships), then the identical data
again, which must write nothing. Each store runs in a fresh process, so the
peak RSS reported is that store's loader alone.

Rates are store rates: the time spent building records (the generator) is
measured and left out, and shown apart (``gen s``; ``e2e rows/s`` includes it).
Neo4j comes from NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD (e.g. after
``.ci/neo4j.sh start RUN_DIR && . RUN_DIR/env``); a database that is not empty
is only emptied when ``--neo4j-wipe`` is given.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import resource
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from graph.model import ActedIn, Directed, Edge, Film, Node, Person
from graph.stores import Store, open_store

SOURCE = ["bench:synthetic"]
FIRST = ["Ada", "Ben", "Chloe", "Dev", "Eun", "Femi", "Greta", "Hiro", "Ines", "Jon", "Kemal"]
LAST = ["Abe", "Berg", "Costa", "Diaz", "Eze", "Fox", "Gupta", "Horvat", "Ito", "Jung", "Kim"]
WORDS = ["Red", "Night", "Last", "City", "River", "Silent", "Golden", "Lost", "Iron", "Glass"]
ROLES = [f"{a} {b}" for a in ("Agent", "Doctor", "Young", "Old", "Captain") for b in LAST]
REL_TARGET = {"embedded": 200_000, "neo4j": 50_000}  # first load, relationships/s
RELOAD_TARGET, RSS_TARGET_MB = 30_000, 1024
COUNTS = ("created", "updated", "unchanged", "placeholders")


def nodes(persons: int, films: int, seed: int) -> Iterator[Node]:
    rng = random.Random(seed)
    for i in range(1, persons + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        year = rng.randint(1900, 2005)
        yield Person(imdb=f"nm{i:07d}", name=name, birth_year=year, sources=SOURCE)
    for i in range(1, films + 1):
        title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        yield Film(imdb=f"tt{i:07d}", title=title, year=rng.randint(1920, 2024), sources=SOURCE)


def _people(rng: random.Random, cum: list[float], size: int) -> list[int]:
    """``size`` distinct person indexes drawn with the cumulative weights ``cum``."""
    chosen: dict[int, None] = {}
    while len(chosen) < size:
        chosen.update(dict.fromkeys(rng.choices(range(len(cum)), cum_weights=cum, k=size)))
    return list(chosen)[:size]


def edges(persons: int, films: int, acted: int, directed: int, seed: int) -> Iterator[Edge]:
    """Film by film (as IMDb's credits file is): its cast in billing order, then directors."""
    rng = random.Random(seed + 1)
    # Weights 1/(rank + offset): a few prolific people, a long tail of one-offs.
    actors = list(itertools.accumulate(1 / (r + 100) for r in range(persons)))
    directors = list(itertools.accumulate(1 / (r + 20) for r in range(persons)))
    for f in range(films):
        film = f"film:imdb:tt{f + 1:07d}"
        cast = _people(rng, actors, acted // films + (f < acted % films))
        for order, p in enumerate(cast):
            roles = rng.sample(ROLES, rng.choice((1, 1, 1, 2)))
            yield ActedIn.model_validate(
                {"from": f"person:imdb:nm{p + 1:07d}", "to": film, "roles": roles}
                | {"ordering": order, "sources": SOURCE}
            )
        for p in _people(rng, directors, directed // films + (f < directed % films)):
            ends = {"from": f"person:imdb:nm{p + 1:07d}", "to": film}
            yield Directed.model_validate({**ends, "sources": SOURCE})


class Timed:
    """Iterate ``items``, adding up the time spent producing them."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.seconds = iter(items), 0.0

    def __iter__(self) -> Iterator[Any]:
        while True:
            start = time.perf_counter()
            item = next(self.items, None)
            self.seconds += time.perf_counter() - start
            if item is None:
                return
            yield item


def _write(store: Store, records: Iterable[Node | Edge]) -> dict[str, Any]:
    timed = Timed(records)
    start = time.perf_counter()
    summary = store.write(timed)
    wall = time.perf_counter() - start
    out = {"wall": wall, "gen": timed.seconds, "store": wall - timed.seconds}
    return out | {"records": summary.records} | {k: summary.total(k) for k in COUNTS}


def _load(store: Store, a: dict[str, Any]) -> dict[str, Any]:
    n = _write(store, nodes(a["persons"], a["films"], a["seed"]))
    e = _write(store, edges(a["persons"], a["films"], a["acted"], a["directed"], a["seed"]))
    out = {k: n[k] + e[k] for k in n} | {"node_s": n["store"], "edge_s": e["store"]}
    rates = {"rows_per_s": out["records"] / out["store"]}
    return out | rates | {"e2e_rows_per_s": out["records"] / out["wall"]}


def _empty_neo4j(wipe: bool) -> None:
    import neo4j

    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
    database = os.environ.get("NEO4J_DATABASE") or None
    driver = neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth)
    with driver, driver.session(database=database) as session:
        if session.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"] == 0:
            return
        if not wipe:
            raise RuntimeError("the Neo4j database is not empty: pass --neo4j-wipe to empty it")
        # Batched, relationships first and small: 5,000 prolific people's DETACH DELETE held
        # 170,000 relationships in one transaction and a 1 GB server died; 10,000
        # relationships per transaction could still exceed its transaction memory pool.
        for match, var in (("()-[r]->()", "r"), ("(n)", "n")):
            text = f"MATCH {match} CALL ({var}) {{ DELETE {var} }} IN TRANSACTIONS OF 2000 ROWS"
            session.run(text).consume()


def _peak_rss_mb() -> float:
    try:  # VmHWM: this process's own peak (ru_maxrss may count the image before exec)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_store(name: str, a: dict[str, Any]) -> dict[str, Any]:
    """Load into one store twice (run in a fresh child process)."""
    tmp = None
    if name == "neo4j":
        _empty_neo4j(a["neo4j_wipe"])
        spec = os.environ["NEO4J_URI"]
    else:
        if not a["embedded_path"]:
            tmp = tempfile.mkdtemp(prefix="reelgraph-bench-")
        spec = a["embedded_path"] or str(Path(str(tmp), "bench.lbug"))
        if Path(spec).exists():
            raise RuntimeError(f"{spec} exists: give --embedded-path a new path")
    try:
        with open_store(spec) as store:
            first, second = _load(store, a), _load(store, a)
            stats = store.stats()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    n_nodes, n_rels = a["persons"] + a["films"], a["acted"] + a["directed"]
    counts = [sum(stats["nodes"].values()), sum(stats["relationships"].values())]
    wrote = second["created"] + second["updated"] + second["placeholders"]
    return {
        "store": name,
        "first": first,
        "second": second,
        "nodes_per_s": n_nodes / first["node_s"],
        "rels_per_s": n_rels / first["edge_s"],
        "reload_wrote_nothing": wrote == 0 and second["unchanged"] == n_nodes + n_rels,
        "counts_ok": counts == [n_nodes, n_rels],
        "peak_rss_mb": _peak_rss_mb(),
    }


def _report(results: list[dict[str, Any]], command: str) -> bool:
    lines = [["store", "nodes/s", "rels/s", "rows/s", "first s", "gen s", "e2e rows/s"]]
    lines[0] += ["reload rows/s", "reload s", "peak RSS MB", "targets"]
    ok = True
    for r in results:
        f, s = r["first"], r["second"]
        met = {
            f"rels/s>={REL_TARGET[r['store']]:,}": r["rels_per_s"] >= REL_TARGET[r["store"]],
            f"reload>={RELOAD_TARGET:,}": s["rows_per_s"] >= RELOAD_TARGET,
            f"RSS<{RSS_TARGET_MB}MB": r["peak_rss_mb"] < RSS_TARGET_MB,
            "reload wrote nothing": r["reload_wrote_nothing"],
            "counts": r["counts_ok"],
        }
        ok = ok and all(met.values())
        missed = ", ".join(k for k, v in met.items() if not v)
        rates = [r["nodes_per_s"], r["rels_per_s"], f["rows_per_s"]]
        cells = [f"{v:,.0f}" for v in rates] + [f"{f['store']:.1f}", f"{f['gen']:.1f}"]
        cells += [f"{f['e2e_rows_per_s']:,.0f}", f"{s['rows_per_s']:,.0f}", f"{s['store']:.1f}"]
        cells += [f"{r['peak_rss_mb']:,.0f}", f"MISSED: {missed}" if missed else "all met"]
        lines.append([r["store"], *cells])
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    print(f"$ {command}")
    print("rates leave out record generation (gen s); e2e includes it; s = seconds")
    for line in lines:
        cells = [c.rjust(w) for c, w in zip(line, widths, strict=True)]
        print("  ".join([line[0].ljust(widths[0]), *cells[1:]]))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--store", choices=("embedded", "neo4j", "both"), default="both")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--films", type=int, default=20_000)
    parser.add_argument("--acted", type=int, default=300_000)
    parser.add_argument("--directed", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--embedded-path", help="a new store path (default: a temp dir, removed)")
    parser.add_argument(
        "--neo4j-wipe", action="store_true", help="empty the Neo4j database when it is not empty"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if max(args.acted, args.directed) // max(args.films, 1) > args.persons:
        parser.error("more credits per film than persons")
    names = ["embedded", "neo4j"] if args.store == "both" else [args.store]
    if "neo4j" in names and not (os.environ.get("NEO4J_URI") and os.environ.get("NEO4J_PASSWORD")):
        parser.error("--store neo4j needs NEO4J_URI and NEO4J_PASSWORD (e.g. `. RUN_DIR/env`)")
    results = []
    for name in names:  # a fresh process per store: the peak RSS is that store's own
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            try:
                results.append(pool.submit(run_store, name, vars(args)).result())
            except RuntimeError as exc:
                print(f"load_synthetic: {name}: {exc}", file=sys.stderr)
                return 2
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    ok = _report(results, command)
    if args.json:
        report = {"command": command, "args": vars(args) | {"json": str(args.json)}}
        args.json.write_text(json.dumps(report | {"results": results}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
