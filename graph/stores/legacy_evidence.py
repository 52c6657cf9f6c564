"""Stores written before an edge's evidence became one value, converted once.

Until then an edge held its evidence as six parallel lists (``ev_source``,
``ev_start`` … ``ev_confidence``); now it holds one ``evidence`` value
(:mod:`graph.evidence`). A store opened for writing is converted in place:

- embedded: each relationship table that still has the lists gets the
  ``evidence`` column, every edge with spans gets its value, then the lists are
  dropped. Each step can be repeated, and the lists go last, so a conversion cut
  short loses nothing and the next writable open finishes it. A read-only open
  cannot convert, and says so (:func:`embedded_legacy_tables`).
- Neo4j: edges that still have the lists get their value and lose the lists, a page
  at a time; a ``GraphState`` node then records that none are left, because Neo4j
  keeps a property name once used and the check would otherwise scan every open
  (only where a name was used and nothing converted, e.g. an emptied test database,
  does each open scan: one query per relationship type).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyarrow as pa

import queries
from graph import evidence, schema
from graph.errors import StoreError

if TYPE_CHECKING:
    from graph.stores.embedded import EmbeddedStore
    from graph.stores.neo4j import Neo4jStore

PAGE = 10_000  # edges converted per statement


def embedded_legacy_tables(store: EmbeddedStore) -> list[str]:
    """The relationship tables of ``store`` that still hold the ``ev_*`` lists."""
    found = []
    for rel in schema.REL_TYPES:
        text = queries.get("legacy_evidence_columns", "embedded").render(rel=rel)
        columns = {row[0] for row in store.query(text).rows}
        if evidence.LEGACY_FIELDS[0] in columns:
            found.append(rel)
    return found


def convert_embedded(store: EmbeddedStore, execute: Callable[[str, dict[str, Any]], None]) -> int:
    """Convert every legacy table of ``store``; ``execute(text, params)`` runs one write
    in a transaction of its own. Returns the number of edges converted."""
    converted = 0
    for rel in embedded_legacy_tables(store):
        execute(queries.get("legacy_evidence_add", "embedded").render(rel=rel), {})
        for a, b in schema.RELS[rel].endpoints:
            slots = {"rel": rel, "from": a, "to": b}
            read = queries.get("legacy_evidence", "embedded").render(**slots)
            write = queries.get("legacy_evidence_set", "embedded").render(**slots)
            while rows := store.query(read, {"limit": PAGE}).records():
                values = [_value(rel, row, f"{row['f']} -> {row['t']}") for row in rows]
                batch = pa.table({"f": [r["f"] for r in rows], "t": [r["t"] for r in rows]})
                execute(write, {"batch": batch.append_column("e", pa.array(values, pa.string()))})
                converted += len(rows)
        for statement in queries.get("legacy_evidence_drop", "embedded").statements(rel=rel):
            execute(statement, {})
    return converted


def convert_neo4j(store: Neo4jStore) -> int:
    """Convert the edges of ``store`` that still hold the lists; the number converted."""
    if not store.named("legacy_evidence_present").scalar():
        return 0
    converted = 0
    write = queries.get("legacy_evidence_set", "neo4j").render()
    for rel in schema.REL_TYPES:
        read = queries.get("legacy_evidence", "neo4j").render(rel=rel)
        while rows := store.query(read, {"limit": PAGE}).records():
            values = [{"id": r["id"], "evidence": _value(rel, r, r["id"])} for r in rows]
            store._write_query(write, {"rows": values})
            converted += len(rows)
    if converted:  # a database that never held the lists gets no GraphState node for it
        store._write_query(queries.get("legacy_evidence_done", "neo4j").render(), {})
    return converted


def _value(rel: str, row: dict[str, Any], where: str) -> str | None:
    try:
        return evidence.from_legacy(row)
    except ValueError as exc:
        raise StoreError(
            f"cannot convert the evidence of {rel} {where}: {exc}. The store was written "
            "by an older reelgraph; export it with that version (`reelgraph export rdf`) "
            "and import the file into a new store instead"
        ) from exc
