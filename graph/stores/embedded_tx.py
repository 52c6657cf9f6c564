"""The embedded store's write primitives: the :class:`graph.upsert.Tx` of one LadybugDB
connection, inside one transaction (see :mod:`graph.stores.embedded` for why each takes an
Arrow table)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

import queries
from graph import schema
from graph.errors import StoreError
from graph.stores.arrow_rows import props_only, struct_rows
from graph.tables import ARROW_TYPES, arrow_table
from graph.upsert import EdgeRow, Pair, Row


class EmbeddedTx:
    """The :class:`graph.upsert.Tx` primitives over one LadybugDB connection."""

    def __init__(self, conn: Any, location: str, found_before: dict[str, float]) -> None:
        self.conn = conn
        self.location = location
        #: Per relationship type, the share of pairs the last batch found stored (kept by
        #: the store across batches): a re-load finds nearly all, a first load nearly none.
        self.found_before = found_before
        #: Node changes for the search index, applied after the graph commits:
        #: ("put", label, complete rows) or ("remove", label, keys).
        self.indexed: list[tuple[str, str, Any]] = []

    def _run(self, name: str, batch: Any, **slots: str) -> Any:
        text = queries.get(name, "embedded").render(**slots)
        # ladybug caches a prepared statement for every Arrow table passed, keyed by the
        # table object, and keeps it (with the table and the scan state) until the
        # connection closes: hundreds of MB per 50k-row batch on a long load. Every call
        # here passes a new table, so the cached ones are never reused: drop them.
        cache = getattr(self.conn, "_pybind_implicit_prepared_cache", None)
        if cache:
            cache.clear()
        try:
            return self.conn.execute(text, {"batch": batch})
        except RuntimeError as exc:  # the engine's own failures (e.g. out of memory)
            raise StoreError(
                f"the embedded store at {self.location} failed to write a batch ({name}): "
                f"{exc}. Batches before it are committed; run the same load again to finish"
            ) from exc

    def nodes_by_key(self, label: str, node_keys: list[str]) -> dict[str, Row]:
        if not node_keys:
            return {}
        result = self._run("nodes_by_key", pa.table({"k": node_keys}), label=label)
        rows = struct_rows(result.get_as_arrow().column("n"))
        return {row["key"]: row for row in rows}

    def keys_present(self, label: str, node_keys: list[str]) -> set[str]:
        if not node_keys:
            return set()
        result = self._run("keys_present", pa.table({"k": node_keys}), label=label)
        return set(result.get_as_arrow().column("key").to_pylist())

    def keys_by_id(self, label: str, field: str, values: list[Any]) -> dict[Any, str]:
        if not values:
            return {}
        kind = ARROW_TYPES[schema.node_prop(label, field).type]
        batch = pa.table({"v": pa.array(values, kind)})
        rows = self._run("keys_by_id", batch, label=label, field=field).get_as_arrow()
        return dict(zip(rows["value"].to_pylist(), rows["key"].to_pylist(), strict=True))

    def create_nodes(self, label: str, rows: list[Row]) -> None:
        if rows:
            self._run("create_nodes", arrow_table(schema.NODE_PROPS[label], rows), label=label)
            self.indexed.append(("put", label, rows))

    def update_nodes(self, label: str, rows: list[Row]) -> None:
        if rows:
            self._run(f"update_{label.lower()}", arrow_table(schema.NODE_PROPS[label], rows))
            self.indexed.append(("put", label, rows))

    def edges_between(self, rel: str, ends: Pair, pairs: list[Pair]) -> dict[Pair, Row]:
        if not pairs:
            return {}
        slots = {"rel": rel, "from": ends[0], "to": ends[1]}
        batch = pa.table({"f": [p[0] for p in pairs], "t": [p[1] for p in pairs]})
        if self.found_before.get(rel, 0.0) < 0.5:
            # Keys first: on a first load few pairs exist, and reading whole relationships
            # (every property) costs more than asking which pairs exist (edge_pairs_present).
            # Where the last batch found most pairs (a re-load), that would be a 2nd lookup.
            # Both queries expand from the looked-up ends, so their cost follows the batch
            # and the ends' degrees, not the size of the relationship table.
            present = self._run("edge_pairs_present", batch, **slots).get_as_arrow()
            self.found_before[rel] = present.num_rows / batch.num_rows
            if present.num_rows == 0:
                return {}
            if present.num_rows < batch.num_rows:
                batch = present.select(["f", "t"])
        table = self._run("edges_between", batch, **slots).get_as_arrow()
        if batch.num_rows == len(pairs):
            self.found_before[rel] = table.num_rows / len(pairs)
        found = zip(table.column("f").to_pylist(), table.column("t").to_pylist(), strict=True)
        return dict(zip(found, struct_rows(table.column("r")), strict=True))

    def create_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None:
        if rows:
            batch = arrow_table(schema.RELS[rel].props, rows, prefix=("from", "to"))
            self._run("create_edges", batch, rel=rel, **{"from": ends[0], "to": ends[1]})

    def update_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None:
        if rows:
            batch = pa.table({"f": [r["from"] for r in rows], "t": [r["to"] for r in rows]})
            self._run("delete_edges", batch, rel=rel, **{"from": ends[0], "to": ends[1]})
            self.create_edges(rel, ends, rows)

    def edges_of(self, label: str, node_keys: list[str]) -> list[EdgeRow]:
        found: list[EdgeRow] = []
        batch = pa.table({"k": node_keys})
        for name in ("edges_out", "edges_in"):
            result = self._run(name, batch, label=label)
            while result.has_next():
                rel, other_label, other, key, edge = result.get_next()
                row = props_only(edge)
                if name == "edges_out":
                    found.append((rel, (label, other_label), key, other, row))
                else:
                    found.append((rel, (other_label, label), other, key, row))
        return found

    def delete_nodes(self, label: str, node_keys: list[str]) -> None:
        if node_keys:
            self._run("delete_nodes", pa.table({"k": node_keys}), label=label)
            self.indexed.append(("remove", label, node_keys))

    def graph_changed(self) -> None:
        self._run("graph_changed", None)
