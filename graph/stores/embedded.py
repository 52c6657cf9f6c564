"""The embedded store: LadybugDB (the maintained fork of Kùzu), on disk, zero set-up.

Why the write path looks as it does (measured on a 2-core machine): LadybugDB's
``UNWIND $rows … MATCH … CREATE`` of relationships does not use the
primary-key index (2,000 relationships took seconds, more as tables grow),
while ``COPY … FROM`` an Arrow table inserts hundreds of thousands per second
and ``LOAD FROM $table MATCH (n {key: k})`` looks keys up through the index.
So every primitive here takes an Arrow table: lookups join through LOAD FROM,
inserts go through COPY, and the few changed rows are updated with
``LOAD FROM … SET`` (nodes) or deleted and re-copied (relationships).
No LadybugDB extension is used: they download on INSTALL, and reelgraph runs
offline.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

import queries
from graph import schema
from graph.errors import QueryError, StoreError, StoreUnavailableError
from graph.model import Edge, Node
from graph.stores.base import QueryResult, Store
from graph.upsert import BatchWriter, EdgeRow, Pair, Row, WriteSummary

_ARROW: dict[str, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "str[]": pa.list_(pa.string()),
    "int[]": pa.list_(pa.int64()),
    "float[]": pa.list_(pa.float64()),
}


def _table(props: tuple[schema.Prop, ...], rows: list[Row], prefix: tuple[str, ...] = ()) -> Any:
    """An Arrow table of ``rows``: ``prefix`` string columns, then the props in schema order."""
    columns = {name: pa.array([r[name] for r in rows], pa.string()) for name in prefix}
    for prop in props:
        values = [r[prop.name] for r in rows]
        if prop.type.endswith("[]"):
            # An empty list is stored as null, as Neo4j (which cannot store an empty
            # list apart from none) leaves it unset: queries see the same on both.
            values = [v or None for v in values]
        columns[prop.name] = pa.array(values, _ARROW[prop.type])
    return pa.table(columns)


def _props_only(value: dict[str, Any]) -> Row:
    return {k: v for k, v in value.items() if not k.startswith("_")}


def _struct_rows(column: Any) -> list[Row]:
    """A column of nodes or relationships (Arrow structs) as complete property dicts
    (null lists as ``[]``), column-wise: much faster than a dict per row from ``get_next``."""
    array = column.combine_chunks()
    names = [f.name for f in array.type if not f.name.startswith("_")]
    values = []
    for name in names:
        field = array.field(name)
        column = field.to_pylist()
        if pa.types.is_list(field.type):  # (faster than pyarrow's fill_null on lists)
            column = [[] if v is None else v for v in column]
        values.append(column)
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _plain(value: Any) -> Any:
    """Engine values to JSON-able Python: nodes and relationships become dicts."""
    if isinstance(value, dict):
        if "_label" in {k.lower() for k in value}:
            label = value.get("_LABEL", value.get("_label"))
            out = {k: _plain(v) for k, v in _props_only(value).items()}
            return {"_label": label, **out}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.timedelta):
        return str(value)
    return value


class _Tx:
    """The :class:`graph.upsert.Tx` primitives over one LadybugDB connection."""

    def __init__(self, conn: Any, location: str) -> None:
        self.conn = conn
        self.location = location

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
        rows = _struct_rows(result.get_as_arrow().column("n"))
        return {row["key"]: row for row in rows}

    def keys_present(self, label: str, node_keys: list[str]) -> set[str]:
        if not node_keys:
            return set()
        result = self._run("keys_present", pa.table({"k": node_keys}), label=label)
        return set(result.get_as_arrow().column("key").to_pylist())

    def keys_by_id(self, label: str, field: str, values: list[Any]) -> dict[Any, str]:
        if not values:
            return {}
        kind = _ARROW[schema.node_prop(label, field).type]
        batch = pa.table({"v": pa.array(values, kind)})
        rows = self._run("keys_by_id", batch, label=label, field=field).get_as_arrow()
        return dict(zip(rows["value"].to_pylist(), rows["key"].to_pylist(), strict=True))

    def create_nodes(self, label: str, rows: list[Row]) -> None:
        if rows:
            self._run("create_nodes", _table(schema.NODE_PROPS[label], rows), label=label)

    def update_nodes(self, label: str, rows: list[Row]) -> None:
        if rows:
            self._run(f"update_{label.lower()}", _table(schema.NODE_PROPS[label], rows))

    def edges_between(self, rel: str, ends: Pair, pairs: list[Pair]) -> dict[Pair, Row]:
        if not pairs:
            return {}
        batch = pa.table({"f": [p[0] for p in pairs], "t": [p[1] for p in pairs]})
        result = self._run("edges_between", batch, rel=rel, **{"from": ends[0], "to": ends[1]})
        table = result.get_as_arrow()
        found = zip(table.column("f").to_pylist(), table.column("t").to_pylist(), strict=True)
        return dict(zip(found, _struct_rows(table.column("r")), strict=True))

    def create_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None:
        if rows:
            batch = _table(schema.RELS[rel].props, rows, prefix=("from", "to"))
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
                row = _props_only(edge)
                if name == "edges_out":
                    found.append((rel, (label, other_label), key, other, row))
                else:
                    found.append((rel, (other_label, label), other, key, row))
        return found

    def delete_nodes(self, label: str, node_keys: list[str]) -> None:
        if node_keys:
            self._run("delete_nodes", pa.table({"k": node_keys}), label=label)


class EmbeddedStore(Store):
    """A LadybugDB database directory on local disk."""

    dialect = "embedded"
    batch_size = 50_000
    # No range index on LadybugDB keys: each export page scans and sorts the whole table,
    # so pages are large (fewer scans); 100,000 rows stay well under 1 GB.
    page_size = 100_000
    #: Rows written within one ``write`` between checkpoints (see ``_write_batch``).
    checkpoint_rows = 2_000_000
    _unsaved = 0

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.location = str(path)
        self.read_only = read_only
        if read_only and not path.exists():
            raise StoreUnavailableError(
                f"no embedded store at {path}: load data first (e.g. `reelgraph demo` or "
                "`reelgraph load records FILE`) or point --store / REELGRAPH_STORE at one"
            )
        try:
            self._db = ladybug.Database(str(path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreUnavailableError(
                f"cannot open the embedded store at {path}: {exc}. If another reelgraph "
                "process is using it, wait for it to finish or use another --store path"
            ) from exc
        if not read_only:
            for statement in queries.get("schema", "embedded").statements():
                self._conn.execute(statement)

    @contextlib.contextmanager
    def _loading(self) -> Iterator[None]:
        # LadybugDB checkpoints on every commit once the WAL passes 16 MB, and a checkpoint
        # rewrites the whole relationship table (its list columns above all): per 50k-row
        # batch that grew from 1 s to 10 s on 300,000 ACTED_IN. Commits stay durable in
        # the WAL; the store checkpoints every `checkpoint_rows` written rows instead, and
        # at the end of the load.
        self._conn.execute("CALL auto_checkpoint=false")
        self._unsaved = 0
        try:
            yield
        finally:
            self._conn.execute("CALL auto_checkpoint=true")
            self._conn.execute("CHECKPOINT")

    def _write_batch(self, batch: Sequence[Node | Edge]) -> WriteSummary:
        self._conn.execute("BEGIN TRANSACTION")
        try:
            summary = BatchWriter(_Tx(self._conn, self.location)).apply(batch)
        except BaseException:
            # The engine may have ended the transaction itself when it failed.
            with contextlib.suppress(RuntimeError):
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        self._unsaved += sum(summary.total(n) for n in ("created", "updated", "placeholders"))
        if self._unsaved >= self.checkpoint_rows:
            # Changes not yet checkpointed stay in memory (~0.7 GB per million rows of
            # IMDb credits): this bounds a long load's memory at the price of a few
            # checkpoints (each rewrites the tables it touches; on 1.4M IMDb rows one
            # more checkpoint cost about as much as a fifth of the load).
            self._conn.execute("CHECKPOINT")
            self._unsaved = 0
        return summary

    def query(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        # A read-only transaction makes the engine itself refuse writes.
        self._conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            result = self._conn.execute(text, params or {})
            if isinstance(result, list):  # several statements: answer with the last
                result = result[-1]
            rows = []
            while result.has_next():
                rows.append([_plain(v) for v in result.get_next()])
        except RuntimeError as exc:
            raise QueryError(f"the embedded store rejected the query: {exc}") from exc
        finally:
            # The engine has already ended the transaction when it rejected the query.
            with contextlib.suppress(RuntimeError):
                self._conn.execute("ROLLBACK")
        return QueryResult(columns=list(result.get_column_names()), rows=rows)

    def _page(self, name: str, params: dict[str, Any], **slots: str) -> list[dict[str, Any]]:
        # Through Arrow: converting rows value by value (query()) took most of an export.
        text = queries.get(name, self.dialect).render(**slots)
        self._conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            result: Any = self._conn.execute(text, params)  # one statement: one result
            rows: list[dict[str, Any]] = result.get_as_arrow(
                max(params.get("limit", 0), 1)
            ).to_pylist()
        except RuntimeError as exc:
            raise QueryError(f"the embedded store rejected the query: {exc}") from exc
        finally:
            self._conn.execute("ROLLBACK")
        return rows

    def close(self) -> None:
        self._conn.close()
        self._db.close()
