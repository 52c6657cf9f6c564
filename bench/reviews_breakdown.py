"""Where the time of a review load goes: each stage of ``bench/reviews_speed.py`` alone.

    .venv/bin/python bench/reviews_breakdown.py [--names 1000000] [--limit N]

One process, one stage at a time, on the 25,000 aclImdb reviews with the same
gazetteer as ``reviews_speed.py``:

1. reading the tarball (both passes, ``read_reviews``), nothing else;
2. extraction on one core (records made, nothing written); then two of its parts alone
   over the same texts: the search for known names (``Gazetteer.find``: Aho-Corasick over
   the 1M-name automaton and the checks on each hit), and the keyword patterns (every
   :class:`~loaders.reviews.keywords.KeywordPattern` of the extractor's modules);
3. pickling and unpickling the records in chunks, as the forked workers hand them over;
4. ``store.write`` of all records into a new embedded store, split into the engine's
   time (the write path's queries, commits and the final ``CHECKPOINT``, which is also
   shown on its own) and reelgraph's Python (merging, Arrow tables).

Stages 1-3 run with the cyclic garbage collector off, as in a parallel load (the
workers and the receiving process turn it off: ``loaders/reviews/parallel.py``); the
store turns it off per batch itself.

Prints CPU and wall seconds per stage, then the floor these stages put under an
extract + load on two cores: all their CPU seconds spread perfectly over both cores,
except the final checkpoint, which comes after everything else and runs on one. No
contention, no waiting: a real run is slower. With 32.6 MB of review text, 2 MB/s means
the whole load in 16.3 s.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import imdb_scale
import reviews_speed

from graph.gcpause import no_gc_pauses
from graph.model import Edge, Node
from graph.stores.embedded import EmbeddedStore
from loaders.reviews import facts, lang, read_reviews, review_records
from loaders.reviews.keywords import KeywordPattern

T = TypeVar("T")
CHUNK = 64  # reviews per worker task, as in loaders/reviews/parallel.py


CPU: dict[str, float] = {}  # CPU seconds per stage, by the stage's number


def timed(label: str, run: Callable[[], T]) -> T:
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    CPU[label.split(" ")[0]] = time.process_time() - cpu
    print(
        f"{label}: {CPU[label.split(' ')[0]]:.1f} s CPU, {time.perf_counter() - wall:.1f} s wall",
        flush=True,
    )
    return result


def floor(text_mb: float, checkpoint: float, python: float) -> None:
    """The shortest an extract + load of these stages can take on two cores."""
    spread = sum(CPU[k] for k in ("1.", "2.", "3a.", "3b.", "4.")) - checkpoint
    for label, less in (("as measured", 0.0), ("without reelgraph's store Python", python)):
        seconds = (spread - less) / 2 + checkpoint
        print(f"floor on two cores, {label}: {seconds:.1f} s = {text_mb / seconds:.2f} MB/s")


def _limited(limit: int) -> Iterator[Any]:
    reviews = read_reviews([reviews_speed.TARBALL])
    return itertools.islice(reviews, limit) if limit else reviews


def _keyword_patterns() -> list[KeywordPattern]:
    """The keyword patterns the extractor runs on every review (module constants)."""
    found: list[KeywordPattern] = []
    for module in (lang, facts):
        for value in vars(module).values():
            items = value if isinstance(value, list | tuple) else [value]
            for item in items:
                item = item[0] if isinstance(item, tuple) and item else item
                if isinstance(item, KeywordPattern) and item not in found:
                    found.append(item)
    return found


def stages_1_to_3(limit: int, names: int) -> tuple[list[Node | Edge], float]:
    """Reading, extraction (and two of its parts), pickling: the records and the MB of text."""
    count = timed("1. read the tarball", lambda: sum(1 for _ in _limited(limit)))
    gazetteer, _ = reviews_speed.build_gazetteer(names)
    gazetteer.build()
    records: list[Node | Edge] = timed(
        f"2. extract {count:,} reviews on one core",
        lambda: [r for raw in _limited(limit) for r in review_records(raw, gazetteer)],
    )
    texts = [raw.text for raw in _limited(limit)]
    timed("2a. of which the name search", lambda: [list(gazetteer.find(t)) for t in texts])
    patterns = _keyword_patterns()
    timed(
        f"2b. of which the {len(patterns)} keyword patterns",
        lambda: [list(p.finditer(t)) for t in texts for p in patterns],
    )
    chunks = [records[i : i + CHUNK * 6] for i in range(0, len(records), CHUNK * 6)]
    dumped = timed("3a. pickle the records", lambda: [pickle.dumps(c, -1) for c in chunks])
    timed("3b. unpickle the records", lambda: [pickle.loads(d) for d in dumped])
    return records, sum(len(t.encode("utf-8")) for t in texts) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--limit", type=int, default=0, help="first N reviews only (0: all)")
    args = parser.parse_args()
    print(f"2 cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with no_gc_pauses():  # as in a parallel load: see the module's docstring
        records, text_mb = stages_1_to_3(args.limit, args.names)
    with tempfile.TemporaryDirectory() as tmp:
        phases = imdb_scale.Phases()  # times the engine's queries, commits and checkpoints
        phases.install()
        store = EmbeddedStore(Path(tmp) / "reviews.db")
        summary = timed(f"4. store.write of {len(records):,} records", lambda: store.write(records))
        created = ", ".join(f"{n:,} {kind}" for kind, n in summary.created.items() if n)
        checkpoint = phases.seconds.get("checkpoint", 0.0)
        engine = sum(v for k, v in phases.seconds.items() if k != "batch")
        python = CPU["4."] - engine
        print(
            f"   of which the engine {engine:.1f} s wall (the final CHECKPOINT "
            f"{checkpoint:.1f} s), the rest reelgraph's Python: {python:.1f} s; created {created}"
        )
        store.close()
    floor(text_mb, checkpoint, python)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
