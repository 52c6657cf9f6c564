"""Stores written before an edge's evidence became one value, converted once.

Until then an edge held its evidence as six parallel lists (``ev_source``,
``ev_start`` … ``ev_confidence``); now it holds one ``evidence`` value
(:mod:`graph.evidence`). A store opened for writing is converted in place:

- embedded: each relationship table that still has the lists gets the
  ``evidence`` column; every edge with spans is deleted and created again with its
  value (and its lists empty) in one transaction a page at a time, as every load
  updates an edge, then the lists are dropped. The store runs it without
  checkpoints on commit (``EmbeddedStore._checkpoint_at_end``: with them, the
  conversion of a real store read wrong values). Each step can be repeated, and
  the lists go last, so a conversion cut short loses nothing and the next writable
  open finishes it. A read-only open cannot convert, and says so
  (:func:`embedded_legacy_tables`). ``bench/legacy_conversion.py`` converts a real
  store and compares every edge from both ends.
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

PAGE = 10_000  # edges converted per transaction
Statement = tuple[str, dict[str, Any]]


def embedded_legacy_tables(store: EmbeddedStore) -> list[str]:
    """The relationship tables of ``store`` that still hold the ``ev_*`` lists."""
    return [rel for rel in schema.REL_TYPES if evidence.LEGACY_FIELDS[0] in _columns(store, rel)]


def convert_embedded(
    store: EmbeddedStore, rels: list[str], write: Callable[[list[Statement]], None]
) -> int:
    """Convert the legacy tables ``rels`` of ``store`` (:func:`embedded_legacy_tables`);
    ``write(statements)`` runs (text, params) pairs in one transaction. Returns the
    number of edges converted."""
    converted = 0
    for rel in rels:
        write([(queries.get("legacy_evidence_add", "embedded").render(rel=rel), {})])
        columns = _columns(store, rel)  # the table's order, which COPY follows
        for ends in schema.RELS[rel].endpoints:
            slots = {"rel": rel, "from": ends[0], "to": ends[1]}
            while (page := store._arrow("legacy_evidence", {"limit": PAGE}, 0, **slots)).num_rows:
                write(_recreate(rel, slots, page, columns))
                converted += page.num_rows
        write(
            [
                (text, {})
                for text in queries.get("legacy_evidence_drop", "embedded").statements(rel=rel)
            ]
        )
    return converted


def _columns(store: EmbeddedStore, rel: str) -> list[str]:
    text = queries.get("legacy_evidence_columns", "embedded").render(rel=rel)
    return [row[0] for row in store.query(text).rows]


def _recreate(rel: str, slots: dict[str, str], page: Any, columns: list[str]) -> list[Statement]:
    """Delete the page's edges and create them again with their evidence value: every
    column as read, the lists empty (so that the edge drops out of the next page)."""
    ends, edges = page.select(["f", "t"]), page.column("r").combine_chunks()
    lists = {name: edges.field(name).to_pylist() for name in evidence.LEGACY_FIELDS}
    where = zip(ends.column("f").to_pylist(), ends.column("t").to_pylist(), strict=True)
    values = [
        _value(rel, dict(zip(lists, row, strict=True)), f"{f} -> {t}")
        for row, (f, t) in zip(zip(*lists.values(), strict=True), where, strict=True)
    ]
    copied = {"from": ends.column("f"), "to": ends.column("t")}
    for name in columns:
        field = edges.field(name)
        if name == "evidence":
            field = pa.array(values, pa.string())
        elif name in lists:
            field = pa.nulls(len(field), field.type)
        copied[name] = field
    delete = queries.get("delete_edges", "embedded").render(**slots)
    create = queries.get("create_edges", "embedded").render(**slots)
    return [
        (delete, {"batch": ends}),
        (create, {"batch": pa.table(copied)}),
    ]


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
