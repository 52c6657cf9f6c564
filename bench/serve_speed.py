"""`reelgraph serve` speed on the synthetic graph of bench/synthetic_graph.py.

    python bench/query_speed.py load --store PATH|URI [--scale 1.0]     # build the graph first
    python bench/serve_speed.py --store PATH|URI [--scale 1.0] [--samples 200]
                                [--seconds 20] [--clients 8]

1. Person page, server side: ``--samples`` person pages (random people plus the 10 most
   prolific) rendered in-process through the ASGI app (no network), each once to warm
   up, then timed: p50/p95/max ms against the target (p95 < 100 ms).
2. Throughput: ``reelgraph serve`` in a subprocess on a free 127.0.0.1 port; ``--clients``
   threads send mixed traffic for ``--seconds`` (person page, film page, person API,
   search, in turn): requests/s and non-2xx/transport errors (target 200 req/s, 0 errors).
Embedded stores are opened read-only (as `reelgraph serve` does).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from web_data import served

from bench import synthetic_graph as synth
from graph.stores import open_store
from graph.web.app import create_app


def _prolific(store_spec: str, n: int) -> list[str]:
    with open_store(store_spec, read_only=True) as store:
        rows = store.query(
            "MATCH (p:Person)-[:ACTED_IN]->(f:Film) RETURN p.key AS k, count(f) AS n "
            "ORDER BY n DESC, k LIMIT $n",
            {"n": n},
        ).rows
    return [r[0] for r in rows]


def page_times(store_spec: str, people: list[str]) -> list[float]:
    with open_store(store_spec, read_only=True) as store:
        client = TestClient(create_app(store))
        times = []
        for key in people:
            assert client.get(f"/person/{key}").status_code == 200, key
            start = time.perf_counter()
            client.get(f"/person/{key}")
            times.append((time.perf_counter() - start) * 1000)
    return times


def _urls(size: synth.Size, rng: random.Random, n: int) -> list[str]:
    urls = []
    for i in range(n):
        person = synth.person_key(rng.randrange(size.persons))
        film = synth.film_key(rng.randrange(size.films))
        urls.append(
            [f"/person/{person}", f"/film/{film}", f"/api/person/{person}", "/search?q=an"][i % 4]
        )
    return urls


def throughput(store_spec: str, size: synth.Size, seconds: float, clients: int) -> None:
    counts = {"ok": 0, "bad": 0, "errors": 0}
    lock = threading.Lock()
    with served(Path(store_spec)) as base:
        stop = time.monotonic() + seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=30) as http:
                while time.monotonic() < stop:
                    for url in _urls(size, rng, 4):
                        try:
                            status = http.get(url).status_code
                            key = "ok" if status < 400 else "bad"
                        except httpx.TransportError:
                            key = "errors"
                        with lock:
                            counts[key] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    total = sum(counts.values())
    print(
        f"throughput: {total / elapsed:.0f} req/s over {elapsed:.1f} s with {clients} clients "
        f"(target 200); ok {counts['ok']}, 4xx/5xx {counts['bad']}, errors {counts['errors']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    size = synth.Size().scaled(args.scale)
    rng = random.Random(7)
    people = _prolific(args.store, 10)
    people += [synth.person_key(rng.randrange(size.persons)) for _ in range(args.samples - 10)]
    times = sorted(page_times(args.store, people))
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"person page (server side, in-process): n={len(times)} "
        f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
        f"(target p95 < 100 ms)"
    )
    if "://" in args.store:
        print("throughput: run against an embedded store path (the server is started here)")
        return
    throughput(args.store, size, args.seconds, args.clients)


if __name__ == "__main__":
    main()
