"""The embedded engine's own ceiling for loading relationships, without reelgraph's Python.

    python bench/embedded_engine.py [--rels 300000] [--batches 6]

Issue 2 asks the embedded store for >= 200,000 relationships/s. This measures
what LadybugDB itself does with 300,000 relationships between 100,000 + 20,000
nodes when handed ready Arrow tables (no records, no merging, no lookups), for
relationship tables of different property sets, each in a fresh database:

- ``none``: no properties; ``strings``: two STRING properties;
- ``lists``: ``roles`` and ``sources`` as STRING[] holding one item each;
- ``model``: the ACTED_IN properties reelgraph stores (roles, ordering, jobs,
  sources, confidence and the evidence value, null as for credits from datasets),
  with ``roles`` and ``sources`` holding one item as real data does.

Each is loaded twice: ``one COPY`` (one auto-committed COPY of all rows) and
``batches`` (one transaction per batch with auto-checkpoint off, then one
CHECKPOINT, as the store does). The time includes the checkpoint that makes
the data durable in the database file.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

PERSONS, FILMS = 100_000, 20_000
STR, LIST = pa.string(), pa.list_(pa.string())
_KUZU = {pa.string(): "STRING", pa.int64(): "INT64", pa.float64(): "DOUBLE"}


def _columns(variant: str, n: int) -> dict[str, Any]:
    """Property columns (name -> Arrow array) of ``n`` relationships."""
    one = pa.array([["Agent Kim"]] * n, LIST)
    if variant == "none":
        return {}
    if variant == "strings":
        return {"role": pa.array(["Agent Kim"] * n, STR), "source": pa.array(["imdb"] * n, STR)}
    if variant == "lists":
        return {"roles": one, "sources": pa.array([["imdb"]] * n, LIST)}
    columns: dict[str, Any] = {
        "roles": one,
        "ordering": pa.array(range(n), pa.int64()),
        "jobs": pa.array([[]] * n, LIST),
        "sources": pa.array([["imdb"]] * n, LIST),
        "confidence": pa.array([None] * n, pa.float64()),
        "evidence": pa.array([None] * n, STR),
    }
    return columns


def _ddl(columns: dict[str, Any]) -> str:
    parts = []
    for name, array in columns.items():
        kind = array.type
        if pa.types.is_list(kind):
            parts.append(f"{name} {_KUZU[kind.value_type]}[]")
        else:
            parts.append(f"{name} {_KUZU[kind]}")
    return "".join(f", {p}" for p in parts)


def run(variant: str, rels: int, batches: int, mode: str) -> float:
    """Seconds to load ``rels`` relationships of ``variant`` and make them durable."""
    rng = random.Random(7)
    conn = ladybug.Connection(ladybug.Database(str(Path(tempfile.mkdtemp()) / "db")))
    conn.execute("CREATE NODE TABLE Person(key STRING, PRIMARY KEY (key))")
    conn.execute("CREATE NODE TABLE Film(key STRING, PRIMARY KEY (key))")
    conn.execute("COPY Person FROM $b", {"b": pa.table({"key": [f"p{i}" for i in range(PERSONS)]})})
    conn.execute("COPY Film FROM $b", {"b": pa.table({"key": [f"f{i}" for i in range(FILMS)]})})
    size = rels // batches if mode == "batches" else rels
    tables = []
    for _ in range(rels // size):
        ends = {
            "from": [f"p{rng.randrange(PERSONS)}" for _ in range(size)],
            "to": [f"f{rng.randrange(FILMS)}" for _ in range(size)],
        }
        tables.append(pa.table({**ends, **_columns(variant, size)}))
    conn.execute(f"CREATE REL TABLE ACTED_IN(FROM Person TO Film{_ddl(_columns(variant, 1))})")
    start = time.perf_counter()
    if mode == "batches":
        conn.execute("CALL auto_checkpoint=false")
    for table in tables:
        if mode == "batches":
            conn.execute("BEGIN TRANSACTION")
        conn.execute("COPY ACTED_IN FROM $b", {"b": table})
        if mode == "batches":
            conn.execute("COMMIT")
    conn.execute("CHECKPOINT")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rels", type=int, default=300_000)
    parser.add_argument("--batches", type=int, default=6)
    args = parser.parse_args()
    print(f"LadybugDB {ladybug.__version__}: {args.rels:,} relationships, Arrow tables ready")
    print(f"{'properties':<10} {'mode':<10} {'seconds':>8} {'rels/s':>10}")
    for variant in ("none", "strings", "lists", "model"):
        for mode in ("one COPY", "batches"):
            seconds = run(variant, args.rels, args.batches, mode)
            print(f"{variant:<10} {mode:<10} {seconds:>8.2f} {args.rels / seconds:>10,.0f}")


if __name__ == "__main__":
    main()
