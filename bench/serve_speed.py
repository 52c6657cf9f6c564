"""`reelgraph serve` speed on the synthetic graph of bench/synthetic_graph.py.

    python bench/query_speed.py load --store PATH|URI [--scale 1.0]     # build the graph first
    python bench/serve_speed.py --store PATH|URI [--scale 1.0] [--samples 200]
                                [--seconds 20] [--clients 8] [--workers 2] [--warmup 5]
                                [--rate 200]

``reelgraph serve --workers N`` runs in a subprocess on a free 127.0.0.1 port over the
store (an embedded path, opened read-only as `serve` does, or a Neo4j URI with
NEO4J_USERNAME / NEO4J_PASSWORD in the environment).

1. Person page: ``--samples`` person pages (random people plus the 10 most prolific), each
   requested once to warm up, then timed one at a time: the server's own time from its
   ``Server-Timing`` header (queries and rendering; target p95 < 100 ms) and the time the
   client saw; also apart for the 10 most prolific people and for the random ones.
2. Throughput: ``--clients`` threads send mixed traffic for ``--seconds`` (person page,
   film page, person API, search for a person's name, in turn): requests/s and
   non-2xx/transport errors (target 200 req/s, 0 errors). The load generator runs on the
   same 2 cores as the server. ``--warmup`` seconds of the same traffic come first and are
   printed apart: a server that has just started reads its store from disk at first (this
   machine also drops idle file pages from memory), and steady state is what it serves.
3. Offered load: ``--rate`` requests/s of the same traffic on a fixed schedule (open loop)
   for ``--seconds``: whether the server keeps up (requests/s done, 0 errors) and the
   latency counted from when each request was due, queueing included.

It prints how many people have current precomputed related people: run ``reelgraph
precompute`` on the store first, as a deployment would (README, "Serving pages").
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from web_data import served

from bench import synthetic_graph as synth
from graph import precompute
from graph.stores import open_store


def _prolific(store_spec: str, n: int) -> list[str]:
    with open_store(store_spec, read_only=True) as store:
        rows = store.query(
            "MATCH (p:Person)-[:ACTED_IN]->(f:Film) RETURN p.key AS k, count(f) AS n "
            "ORDER BY n DESC, k LIMIT $n",
            {"n": n},
        ).rows
    return [r[0] for r in rows]


def _precomputed(store_spec: str) -> str:
    with open_store(store_spec, read_only=True) as store:
        state = precompute.state(store)
    return f"precomputed related people (reelgraph precompute): {state.current:,} current, " + (
        f"{state.stale:,} out of date"
    )


def _names(store_spec: str, people: list[str]) -> list[str]:
    with open_store(store_spec, read_only=True) as store:
        rows = store.named("describe", {"keys": people}).records()
    return [r["name"] for r in rows if r["name"]]


def page_times(base: str, people: list[str]) -> tuple[list[float], list[float]]:
    """Server-side (Server-Timing) and client-seen ms per person page, one request at a time."""
    server, client = [], []
    with httpx.Client(base_url=base, timeout=60) as http:
        for key in people:
            assert http.get(f"/person/{key}").status_code == 200, key  # warm-up
            start = time.perf_counter()
            response = http.get(f"/person/{key}")
            client.append((time.perf_counter() - start) * 1000)
            server.append(float(response.headers["server-timing"].split(";dur=")[1]))
    return server, client


def _urls(size: synth.Size, names: list[str], rng: random.Random, n: int) -> list[str]:
    urls = []
    for i in range(n):
        person = synth.person_key(rng.randrange(size.persons))
        film = synth.film_key(rng.randrange(size.films))
        typed = rng.choice(names)  # a person's name as a user types it
        kind = i % 4
        urls.append(
            f"/person/{person}"
            if kind == 0
            else f"/film/{film}"
            if kind == 1
            else f"/api/person/{person}"
            if kind == 2
            else f"/search?q={typed}"
        )
    return urls


def _outcome(http: httpx.Client, url: str) -> str:
    """One GET: ``ok``, ``bad`` (4xx/5xx) or ``errors`` (no answer)."""
    try:
        return "ok" if http.get(url).status_code < 400 else "bad"
    except httpx.TransportError:
        return "errors"


def _run(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def throughput(
    base: str, size: synth.Size, names: list[str], seconds: float, clients: int, label: str
) -> None:
    counts = {"ok": 0, "bad": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < stop:
                for url in _urls(size, names, rng, 4):
                    key = _outcome(http, url)
                    with lock:
                        counts[key] += 1

    started = time.monotonic()
    _run([threading.Thread(target=client, args=(i,)) for i in range(clients)])
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    print(
        f"{label}: {total / elapsed:.0f} req/s over {elapsed:.1f} s with {clients} clients "
        f"(target 200); ok {counts['ok']}, 4xx/5xx {counts['bad']}, errors {counts['errors']}"
    )


def offered_load(
    base: str, size: synth.Size, names: list[str], seconds: float, rate: float, clients: int
) -> None:
    """``rate`` requests/s of the same mixed traffic on a fixed schedule (open loop): request
    i is due at start + i / rate, whichever client is free sends it, and its latency counts
    from when it was due, so time spent queued behind a slow server counts too."""
    rng = random.Random(11)
    urls = _urls(size, names, rng, int(seconds * rate))
    latencies: list[float] = []
    counts = {"ok": 0, "bad": 0, "errors": 0}
    lock = threading.Lock()
    next_index = iter(range(len(urls)))
    started = time.perf_counter()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                due = started + i / rate
                time.sleep(max(0.0, due - time.perf_counter()))
                key = _outcome(http, urls[i])
                with lock:
                    counts[key] += 1
                    latencies.append((time.perf_counter() - due) * 1000)

    _run([threading.Thread(target=client) for _ in range(clients)])
    elapsed = time.perf_counter() - started
    print(
        f"offered {rate:.0f} req/s for {seconds:.0f} s: {len(urls) / elapsed:.0f} req/s done "
        f"in {elapsed:.1f} s; ok {counts['ok']}, 4xx/5xx {counts['bad']}, errors "
        f"{counts['errors']}; " + _summary("latency from when due", latencies)
    )


def _summary(label: str, times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return (
        f"{label}: n={len(times)} p50 {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="serve --workers (2 cores here)")
    parser.add_argument(
        "--warmup",
        type=float,
        default=5,
        help="seconds of the same traffic before the timed throughput run (0: none)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=200,
        help="then this many requests/s on a fixed schedule for --seconds (0: skip)",
    )
    args = parser.parse_args()
    print("$ python bench/serve_speed.py " + " ".join(sys.argv[1:]), flush=True)
    size = synth.Size().scaled(args.scale)
    rng = random.Random(7)
    people = _prolific(args.store, 10)
    people += [synth.person_key(rng.randrange(size.persons)) for _ in range(args.samples - 10)]
    names = _names(args.store, people)
    print(_precomputed(args.store), flush=True)
    print("load average before: " + " ".join(f"{v:.2f}" for v in os.getloadavg()), flush=True)
    with served(args.store, "--workers", str(args.workers)) as base:
        server, client = page_times(base, people)
        print(_summary("person page, server side (Server-Timing)", server), "(target p95 < 100 ms)")
        print(_summary("  of which the 10 most prolific", server[:10]))
        print(_summary("  of which random people", server[10:]))
        print(_summary("person page, as the client sees it", client), flush=True)
        if args.warmup:
            throughput(base, size, names, args.warmup, args.clients, "warm-up, not counted")
        throughput(base, size, names, args.seconds, args.clients, "throughput")
        if args.rate:
            offered_load(base, size, names, args.seconds, args.rate, 2 * args.clients)
    print("load average after: " + " ".join(f"{v:.2f}" for v in os.getloadavg()), flush=True)


if __name__ == "__main__":
    main()
