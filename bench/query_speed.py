"""p95 latency of the page queries on a generated graph of >= 1M nodes and >= 5M edges.

    python bench/query_speed.py load    --store PATH|URI [--scale 1.0]
    python bench/query_speed.py measure --store PATH|URI [--scale 1.0] [--samples 300]

``load`` writes the graph of :mod:`bench.synthetic_graph` through ``Store.write``
(nodes, then relationships). ``measure`` times, each over ``--samples`` people
(random ones plus the 10 most prolific): ``filmography``, ``related_people``
(limit 20, through the library function the CLI uses), ``search`` (the
person's name as typed, in lower case) and ``path`` (max 4 hops between two
random people; 1/5 of the samples). Each query runs once to warm up, then is
timed; the table shows p50, p95 and max in milliseconds against the targets
(p95 < 50 ms, path < 1 s). Neo4j is reached through NEO4J_URI / NEO4J_USERNAME
/ NEO4J_PASSWORD.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import synthetic_graph as synth
from graph.stores import Store, open_store

TARGET_MS = {"filmography": 50.0, "related_people": 50.0, "search": 50.0, "path": 1000.0}


def load(store: Store, size: synth.Size) -> None:
    for part in (synth.nodes(size), synth.reviews(size), synth.edges(size)):
        start, done = time.perf_counter(), 0

        def progress(summary: Any, start: float = start) -> None:
            nonlocal done
            done += summary.records
            if done % 500_000 < summary.records:
                rate = done / (time.perf_counter() - start)
                print(f"  {done:,} records, {rate:,.0f}/s", flush=True)

        summary = store.write(part, on_batch=progress)
        print(
            f"wrote {summary.records:,} records in {time.perf_counter() - start:.0f} s", flush=True
        )
    print(store.stats(), flush=True)


def _prolific(store: Store, n: int) -> list[str]:
    rows = store.query(
        "MATCH (p:Person)-[:ACTED_IN]->(f:Film) RETURN p.key AS k, count(f) AS n "
        "ORDER BY n DESC, k LIMIT $n",
        {"n": n},
    ).rows
    return [r[0] for r in rows]


def _timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def _summary(name: str, times: list[float]) -> str:
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    verdict = "ok" if p95 < TARGET_MS[name] else f"MISSED (target {TARGET_MS[name]:.0f} ms)"
    return (
        f"{name:15} n={len(times):4}  p50={statistics.median(times):8.1f}  "
        f"p95={p95:8.1f}  max={times[-1]:8.1f} ms  {verdict}"
    )


def measure(store: Store, size: synth.Size, samples: int) -> None:
    from graph import pages

    rng = random.Random(11)
    people = _prolific(store, 10)
    people += [synth.person_key(rng.randrange(size.persons)) for _ in range(samples - 10)]
    names = {
        r[0]: r[1]
        for r in store.query(
            "MATCH (p:Person) WHERE p.key IN $keys RETURN p.key, p.name", {"keys": people}
        ).rows
    }
    runs: dict[str, Callable[[str], Any]] = {
        "filmography": lambda k: store.named("filmography", {"person": k}),
        "related_people": lambda k: pages.related_people(store, k, 20),
        "search": lambda k: store.named("search", {"q": names[k].lower(), "limit": 10}),
    }
    for name, run in runs.items():
        run(people[0])
        times = [_timed(lambda k=k, run=run: run(k)) for k in people]  # type: ignore[misc]
        print(_summary(name, times), flush=True)
    pairs = [(people[i], people[-1 - i]) for i in range(max(5, samples // 5))]
    path = lambda a, b: pages.path_page(store, a, b, 4)  # noqa: E731
    path(*pairs[0])
    print(_summary("path", [_timed(lambda a=a, b=b: path(a, b)) for a, b in pairs]), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("load", "measure"))
    parser.add_argument("--store", required=True)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the default size")
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    size = synth.Size().scaled(args.scale)
    print(f"$ python bench/query_speed.py {' '.join(sys.argv[1:])}\n{size}", flush=True)
    with open_store(args.store) as store:
        if args.action == "load":
            load(store, size)
        else:
            measure(store, size, args.samples)


if __name__ == "__main__":
    main()
