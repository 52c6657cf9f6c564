"""Upsert of one batch of records, the same for every store.

A store supplies a :class:`Tx`: a handful of primitive reads and writes run
inside one transaction. This module decides, for each record, which stored
node or edge it is (by key, then by any shared external id), merges it by
:mod:`graph.merge`, and asks the store to create only what is new and update
only what changed. Re-loading the same data therefore writes nothing.

An edge whose endpoint is not loaded yet creates a placeholder node carrying
its key (and the id the key names); the node's own record fills it later, in
any order.

When a record links ids that so far sat on two stored nodes (MovieLens gives a
film's IMDb and TMDB ids after both were loaded apart), the nodes are joined:
the first found keeps its key, the others' properties merge into it, their
edges move to it (merging with edges already there) and they are deleted. So
the final graph does not depend on the order the sources were loaded in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph import keys, merge, schema
from graph.model import Edge, Node, is_node

Row = dict[str, Any]
Pair = tuple[str, str]
#: A stored edge: (rel type, (from label, to label), from key, to key, properties).
EdgeRow = tuple[str, Pair, str, str, Row]


class Tx(Protocol):
    """Primitive operations a store runs inside one write transaction.

    Rows read back (``nodes_by_key``, ``edges_between``) are complete: every schema
    property present, lists as ``[]`` (as :func:`graph.merge.complete` makes them), so
    they compare equal to a record's own row when nothing changed.
    """

    def nodes_by_key(self, label: str, node_keys: list[str]) -> dict[str, Row]: ...

    def keys_present(self, label: str, node_keys: list[str]) -> set[str]: ...

    def keys_by_id(self, label: str, field: str, values: list[Any]) -> dict[Any, str]: ...

    def create_nodes(self, label: str, rows: list[Row]) -> None: ...

    def update_nodes(self, label: str, rows: list[Row]) -> None: ...

    def edges_between(self, rel: str, ends: Pair, pairs: list[Pair]) -> dict[Pair, Row]: ...

    def create_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None: ...

    def update_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None: ...

    def edges_of(self, label: str, node_keys: list[str]) -> list[EdgeRow]: ...

    def delete_nodes(self, label: str, node_keys: list[str]) -> None: ...

    def graph_changed(self) -> None:
        """Count one more change of the graph (the ``graph_changed`` query)."""


@dataclass
class WriteSummary:
    """What a write did; ``+`` adds two summaries."""

    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    placeholders: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: Stored nodes joined into another one because a record showed they are the same.
    joined: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    records: int = 0

    def __add__(self, other: WriteSummary) -> WriteSummary:
        out = WriteSummary(records=self.records + other.records)
        for name in ("created", "updated", "unchanged", "placeholders", "joined"):
            target = getattr(out, name)
            for src in (getattr(self, name), getattr(other, name)):
                for k, v in src.items():
                    target[k] += v
        return out

    def total(self, name: str) -> int:
        return sum(getattr(self, name).values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            **{
                name: dict(sorted(getattr(self, name).items()))
                for name in ("created", "updated", "unchanged", "placeholders", "joined")
            },
        }


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(b)] = self.find(a)


def _identities(label: str, row: Row) -> list[str]:
    """The row's own key, then a key for each external id it carries (priority order)."""
    out = [row["key"]]
    for id_field in schema.ID_FIELDS[label]:
        if row.get(id_field) is not None:
            out.append(keys.id_key(label, id_field, row[id_field]))
    return out


def _resolve(
    tx: Tx, label: str, wanted: list[str], *, read: bool = True
) -> tuple[dict[str, str], dict[str, Row]]:
    """Map identity keys to the keys of stored nodes, by key first, then by id.

    With ``read``, also returns the stored rows the key lookup read, so callers need
    not read them again; without, only asks which keys exist (edge endpoints).
    """
    rows = tx.nodes_by_key(label, wanted) if read else {}
    found = {k: k for k in (rows if read else tx.keys_present(label, wanted))}
    by_field: dict[str, dict[Any, str]] = defaultdict(dict)
    for key in wanted:
        parsed = keys.id_of(key)
        if key not in found and parsed is not None:
            by_field[parsed[0]][parsed[1]] = key
    for id_field, value_to_key in by_field.items():
        for value, stored_key in tx.keys_by_id(label, id_field, list(value_to_key)).items():
            found[value_to_key[value]] = stored_key
    return found, rows


class BatchWriter:
    """Applies one batch of records through a :class:`Tx`."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.keymap: dict[str, str] = {}
        self.summary = WriteSummary()

    def apply(self, records: Sequence[Node | Edge]) -> WriteSummary:
        self.summary.records = len(records)
        nodes: dict[str, list[Node]] = defaultdict(list)
        edges: dict[str, list[Edge]] = defaultdict(list)
        for record in records:
            if is_node(record):
                nodes[record.type].append(record)  # type: ignore[arg-type]
            else:
                edges[record.type].append(record)  # type: ignore[arg-type]
        for label in schema.NODE_LABELS:
            if nodes[label]:
                self._nodes(label, [n.row() for n in nodes[label]])
        for rel in schema.REL_TYPES:
            if edges[rel]:
                self._edges(rel, edges[rel])
        # In this transaction: what was precomputed from the graph before it is out of
        # date exactly when a committed batch changed something (a re-load changes nothing).
        if any(self.summary.total(n) for n in ("created", "updated", "placeholders", "joined")):
            self.tx.graph_changed()
        return self.summary

    def _nodes(self, label: str, rows: list[Row]) -> None:
        props = schema.NODE_PROPS[label]
        groups = _UnionFind()
        for row in rows:
            ids = _identities(label, row)
            for other in ids[1:]:
                groups.union(ids[0], other)
        members: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            members[groups.find(row["key"])].append(row)  # a record's row is complete
        all_ids = list(groups.parent)
        stored_key, read = _resolve(self.tx, label, all_ids)
        canonical: dict[str, str] = {}
        joins: dict[str, list[str]] = {}
        for root, group in members.items():
            candidates = [i for r in group for i in _identities(label, r)]
            found = list(dict.fromkeys(stored_key[i] for i in candidates if i in stored_key))
            canonical[root] = found[0] if found else root
            if len(found) > 1:
                joins[found[0]] = found[1:]
        wanted = set(canonical.values()) & set(stored_key.values())
        wanted.update(k for others in joins.values() for k in others)
        # Only nodes reached through an external id were not read by the key lookup.
        stored = {k: read[k] for k in wanted if k in read}
        stored.update(self.tx.nodes_by_key(label, sorted(wanted - read.keys())))
        creates, updates = [], []
        for root, group in members.items():
            key = canonical[root]
            incoming = merge.merge_all(props, [{**r, "key": key} for r in group])
            if key not in stored:
                creates.append(incoming)
                continue
            before = stored[key]
            olds = [{**stored[k], "key": key} for k in joins.get(key, [])]
            if not olds and incoming == before:  # the re-load case, without merging
                self.summary.unchanged[label] += 1
                continue
            after = merge.merge_all(props, [before, *olds, incoming])
            if after == before and not olds:
                self.summary.unchanged[label] += 1
            else:
                updates.append(after)
        for ident in all_ids:
            self.keymap[ident] = canonical[groups.find(ident)]
        self._join(label, joins)
        self._count_writes(label, creates, updates)
        self.tx.create_nodes(label, creates)
        self.tx.update_nodes(label, updates)

    def _join(self, label: str, joins: dict[str, list[str]]) -> None:
        """Delete the nodes joined into another and move their edges onto it."""
        moved = {old: key for key, olds in joins.items() for old in olds}
        if not moved:
            return
        edges = self.tx.edges_of(label, sorted(moved))
        self.tx.delete_nodes(label, sorted(moved))
        self.summary.joined[label] += len(moved)
        grouped: dict[tuple[str, Pair], dict[Pair, list[Row]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for rel, ends, from_key, to_key, row in edges:
            pair = (moved.get(from_key, from_key), moved.get(to_key, to_key))
            grouped[(rel, ends)][pair].append(merge.complete(schema.RELS[rel].props, row))
        for (rel, ends), incoming in grouped.items():
            self._write_edges(rel, ends, schema.RELS[rel].props, incoming, count=False)

    def _endpoints(self, label: str, wanted: set[str], sources: dict[str, list[str]]) -> None:
        """Resolve edge endpoints not seen in this batch; create placeholders for the missing."""
        missing = sorted(k for k in wanted if k not in self.keymap)
        if not missing:
            return
        self.keymap.update(_resolve(self.tx, label, missing, read=False)[0])
        placeholders = []
        props = schema.NODE_PROPS[label]
        for key in missing:
            if key in self.keymap:
                continue
            row: Row = {"key": key, "sources": sources[key]}
            parsed = keys.id_of(key)
            if parsed is not None:
                row[parsed[0]] = parsed[1]
            placeholders.append(merge.complete(props, row))
            self.keymap[key] = key
        self.summary.placeholders[label] += len(placeholders)
        self.tx.create_nodes(label, placeholders)

    def _edges(self, rel: str, records: list[Edge]) -> None:
        props = schema.RELS[rel].props
        by_ends: dict[Pair, list[Edge]] = defaultdict(list)
        for edge in records:
            by_ends[(edge.from_kind, edge.to_kind)].append(edge)
        for ends, group in by_ends.items():
            for side, label in enumerate(ends):
                # A placeholder carries the sources of the first edge naming it (not of
                # every edge in the batch: the result must not depend on batch bounds).
                sources: dict[str, list[str]] = {}
                for edge in group:
                    sources.setdefault((edge.from_key, edge.to_key)[side], edge.sources)
                self._endpoints(label, set(sources), sources)
            self._edge_group(rel, ends, props, group)

    def _edge_group(
        self, rel: str, ends: Pair, props: tuple[schema.Prop, ...], group: list[Edge]
    ) -> None:
        incoming: dict[Pair, list[Row]] = defaultdict(list)
        for edge in group:
            pair = (self.keymap[edge.from_key], self.keymap[edge.to_key])
            incoming[pair].append(edge.row())  # complete: every property, lists as lists
        self._write_edges(rel, ends, props, incoming)

    def _write_edges(
        self,
        rel: str,
        ends: Pair,
        props: tuple[schema.Prop, ...],
        incoming: dict[Pair, list[Row]],
        *,
        count: bool = True,
    ) -> None:
        stored = self.tx.edges_between(rel, ends, list(incoming))
        creates, updates = [], []
        for pair, rows in incoming.items():
            row = merge.merge_all(props, rows)
            if pair in stored:
                before = stored[pair]
                if row == before:  # the re-load case, without merging
                    self.summary.unchanged[rel] += count
                    continue
                row = merge.merge(props, before, row)
                if row == before:
                    self.summary.unchanged[rel] += count
                    continue
                updates.append({"from": pair[0], "to": pair[1], **row})
            else:
                creates.append({"from": pair[0], "to": pair[1], **row})
        if count:
            self._count_writes(rel, creates, updates)
        self.tx.create_edges(rel, ends, creates)
        self.tx.update_edges(rel, ends, updates)

    def _count_writes(self, name: str, creates: list[Row], updates: list[Row]) -> None:
        self.summary.created[name] += len(creates)
        self.summary.updated[name] += len(updates)
