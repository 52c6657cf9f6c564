"""How LadybugDB's CHECKPOINT grows with list properties on relationships.

    .venv/bin/python bench/embedded_checkpoint.py [--edges 20000,40000,80000]
                                                  [--reviews 6000,12000,24000]

LadybugDB 0.22 checkpoints list properties of relationships written in a transaction
in time that grows with the square of their elements. This is why an edge's evidence
is stored as one value (graph/evidence.py) and no longer as six parallel lists. The
bench measures:

1. The engine alone (no reelgraph code): a relationship table with four INT64[]
   properties, N relationships (three per source node) COPYed inside one explicit
   transaction, then CHECKPOINT; lists null, one element, four elements; and the same
   COPY in auto-commit mode (no BEGIN), which the store cannot use because a batch must
   commit whole.
2. The store: N synthetic reviews through ``EmbeddedStore.write`` (the loader's path),
   each mentioning three people with one evidence span: MENTIONS carries one list
   (``sources``) and the evidence value. At commit 3bcb7c7, where the evidence was six
   more lists, the same part measured 12.2 / 30.1 / 74.9 s (final checkpoint 6.35 /
   20.13 / 52.99 s) for 24,000 / 48,000 / 96,000 reviews.
3. The same with the evidence written as null (the bench swaps the Arrow table builder
   of the store's write path): what the evidence value itself costs.

Prints seconds per CHECKPOINT; a time that grows faster than N is the finding.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

import imdb_scale

from graph.model import Evidence, Mentions, Person, Record, Review
from graph.stores import embedded_tx
from graph.stores.embedded import EmbeddedStore

PER_SOURCE = 3


def engine_checkpoint(edges: int, items: int | None, explicit: bool) -> float:
    """Seconds of the CHECKPOINT after COPYing ``edges`` relationships whose four list
    properties hold ``items`` elements each (None: null lists)."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = ladybug.Connection(ladybug.Database(f"{tmp}/db", buffer_pool_size=4 << 30))
        conn.execute("CALL auto_checkpoint=false")
        conn.execute("CREATE NODE TABLE S(key STRING PRIMARY KEY)")
        conn.execute("CREATE NODE TABLE T(key STRING PRIMARY KEY)")
        lists = [f"l{i}" for i in range(4)]
        conn.execute(f"CREATE REL TABLE R(FROM S TO T, {', '.join(f'{c} INT64[]' for c in lists)})")
        value = None if items is None else list(range(items))
        column = pa.array([value] * edges, pa.list_(pa.int64()))
        sources = pa.table({"key": [f"s{i}" for i in range(-(-edges // PER_SOURCE))]})
        targets = pa.table({"key": [f"t{i}" for i in range(edges)]})
        rels = pa.table(
            {
                "from": [f"s{i // PER_SOURCE}" for i in range(edges)],
                "to": [f"t{i}" for i in range(edges)],
                **{c: column for c in lists},
            }
        )
        if explicit:
            conn.execute("BEGIN TRANSACTION")
        conn.execute("COPY S FROM $t", {"t": sources})
        conn.execute("COPY T FROM $t", {"t": targets})
        conn.execute("COPY R FROM $t", {"t": rels})
        if explicit:
            conn.execute("COMMIT")
        started = time.perf_counter()
        conn.execute("CHECKPOINT")
        return time.perf_counter() - started


def review_records(reviews: int) -> Iterator[Record]:
    for i in range(reviews):
        text = f"Review {i}: Alma Quist{i}, Bo Quist{i} and Cy Quist{i} are fine."
        review = Review(source=f"bench:review-{i}", language="en", text=text, sources=["bench"])
        yield review
        for name in (f"Alma Quist{i}", f"Bo Quist{i}", f"Cy Quist{i}"):
            person = Person(name=name, sources=["bench"])
            yield person
            start = text.index(name)
            span = Evidence(
                source=review.key,
                start=start,
                end=start + len(name),
                text=name,
                extractor="bench/1",
                confidence=0.9,
            )
            yield Mentions(
                **{"from": review.key, "to": person.key}, sources=["bench"], evidence=[span]
            )


@contextlib.contextmanager
def evidence_null() -> Iterator[None]:
    """The store's write path with every relationship's ``evidence`` null."""
    build = embedded_tx.arrow_table

    def without_evidence(props: Any, rows: list[dict[str, Any]], prefix: Any = ()) -> Any:
        blank = {"evidence": None} if rows and "evidence" in rows[0] else {}
        return build(props, [{**row, **blank} for row in rows], prefix)

    embedded_tx.arrow_table = without_evidence
    try:
        yield
    finally:
        embedded_tx.arrow_table = build


def store_checkpoint(reviews: int) -> tuple[float, float]:
    """Seconds of the whole write and of its final CHECKPOINT, ``reviews`` reviews."""
    phases = imdb_scale.Phases()
    phases.install()
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "reviews.db")
        records = list(review_records(reviews))
        started = time.perf_counter()
        store.write(records)
        took = time.perf_counter() - started
        store.close()
    return took, phases.seconds.get("checkpoint", 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--edges", default="20000,40000,80000")
    parser.add_argument("--reviews", default="6000,12000,24000")
    args = parser.parse_args()
    print(f"ladybug {ladybug.__version__}")
    print("1. engine: CHECKPOINT after one COPY of N relationships with four INT64[] lists")
    for edges in map(int, args.edges.split(",")):
        cells = []
        for items in (None, 1, 4):
            label = "null" if items is None else f"{items} item{'s' if items > 1 else ''}"
            cells.append(f"{label} {engine_checkpoint(edges, items, explicit=True):5.2f} s")
        auto = engine_checkpoint(edges, 1, explicit=False)
        print(f"   N={edges:>7,}: " + ", ".join(cells) + f"; 1 item, auto-commit {auto:5.2f} s")
    print("2. store: EmbeddedStore.write of N reviews, 3 MENTIONS each (evidence one value)")
    for reviews in map(int, args.reviews.split(",")):
        took, checkpoint = store_checkpoint(reviews)
        edges = reviews * PER_SOURCE
        print(
            f"   N={reviews:>7,} ({edges:,} MENTIONS): write {took:5.1f} s, final CHECKPOINT "
            f"{checkpoint:5.2f} s"
        )
    print("3. the same, the evidence of MENTIONS written as null")
    for reviews in map(int, args.reviews.split(",")):
        with evidence_null():
            took, checkpoint = store_checkpoint(reviews)
        print(f"   N={reviews:>7,}: write {took:5.1f} s, final CHECKPOINT {checkpoint:5.2f} s")


if __name__ == "__main__":
    main()
