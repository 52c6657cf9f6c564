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
offline. The ``search`` query is answered from a SQLite trigram index beside the
database (:mod:`graph.stores.search_index`), which the write path keeps in step.
"""

from __future__ import annotations

import contextlib
import copy
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import ladybug

import queries
from graph import pathfind, schema
from graph.errors import QueryError, StoreError, StoreUnavailableError
from graph.model import Edge, Node
from graph.stores import legacy_evidence
from graph.stores.arrow_rows import ArrowRows, plain
from graph.stores.base import QueryResult, Store
from graph.stores.embedded_tx import EmbeddedTx as _Tx
from graph.stores.search_index import CLEAN, PENDING, IndexRow, SearchIndex, sidecar
from graph.upsert import BatchWriter, WriteSummary

#: LadybugDB's buffer pool, bytes. The engine's default is 80% of RAM, and it keeps what it
#: has taken: a long load grew past 4 GB. Pages beyond the pool are evicted and read again
#: from the file; the changes a load holds until its next checkpoint live there too.
BUFFER_POOL_SIZE = 2 * 1024**3


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
    _index: SearchIndex | None = None
    _shared = False  # a reader() handle: the database belongs to another
    _found_before: dict[str, float]

    def __init__(
        self, path: Path, *, read_only: bool = False, buffer_pool_size: int | None = None
    ) -> None:
        """``buffer_pool_size``: LadybugDB's buffer pool in bytes (``BUFFER_POOL_SIZE`` when
        not given; ``0`` leaves the engine's own default, 80% of RAM)."""
        self.location = str(path)
        self.read_only = read_only
        self._found_before = {}
        if read_only and not path.exists():
            raise StoreUnavailableError(
                f"no embedded store at {path}: load data first (e.g. `reelgraph demo` or "
                "`reelgraph load records FILE`) or point --store / REELGRAPH_STORE at one"
            )
        try:
            pool = BUFFER_POOL_SIZE if buffer_pool_size is None else buffer_pool_size
            self._db = ladybug.Database(str(path), read_only=read_only, buffer_pool_size=pool)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreUnavailableError(
                f"cannot open the embedded store at {path}: {exc}. If another reelgraph "
                "process is using it, wait for it to finish or use another --store path"
            ) from exc
        if read_only:
            self._check_tables()
        else:
            for statement in queries.get("schema", "embedded").statements():
                self._conn.execute(statement)
            self._convert_legacy()
        self._index = self._open_index(path)

    def _convert_legacy(self) -> None:
        """Convert a store written before evidence became one value (a no-op after)."""
        legacy = legacy_evidence.embedded_legacy_tables(self)
        if not legacy:
            return
        try:
            with self._checkpoint_at_end():
                legacy_evidence.convert_embedded(self, legacy, self._write_queries)
        except StoreError:
            self.close()  # what was converted is committed; the next open goes on
            raise

    def _check_tables(self) -> None:
        """A read-only open cannot add tables: a store written by an earlier reelgraph
        (without the tables of derived data) must be opened for writing once."""
        wanted = {*schema.NODE_LABELS, *schema.REL_TYPES, *schema.DERIVED_LABELS}
        missing = wanted - {row[0] for row in self.named("table_names").rows}
        if missing:
            self.close()
            raise StoreUnavailableError(
                f"the embedded store at {self.location} has no {', '.join(sorted(missing))} "
                "table: an earlier reelgraph wrote it. Open it for writing once to add them "
                "(e.g. `reelgraph precompute`), then read it again"
            )
        legacy = legacy_evidence.embedded_legacy_tables(self)
        if legacy:
            self.close()
            raise StoreUnavailableError(
                f"the embedded store at {self.location} holds the evidence of "
                f"{', '.join(legacy)} as ev_* lists: an earlier reelgraph wrote it. Open it "
                "for writing once to convert them (e.g. `reelgraph precompute`), then read it "
                "again"
            )

    def _open_index(self, path: Path) -> SearchIndex | None:
        """The search index: rebuilt here if a writable open finds it missing or stale."""
        if self.read_only:
            return SearchIndex.for_reading(path)
        try:
            return SearchIndex.for_writing(path, self._index_rows())
        except (sqlite3.Error, OSError):
            # Searches fall back to Cypher; the next writable open tries again.
            self._drop_index(sidecar(path))
            return None

    def _index_rows(self) -> Iterator[list[IndexRow]]:
        """Every Person and Film with a ``search`` value, in batches, for an index rebuild."""
        table = self._arrow("search_index_rows", {}, self.batch_size)
        for chunk in table.to_batches():
            kind, key, name, year, search = (c.to_pylist() for c in chunk.columns)
            yield list(zip(key, kind, name, year, search, strict=True))

    def _drop_index(self, path: Path | None = None) -> None:
        """Stop using the search index after a failure, and delete it so that it is rebuilt."""
        if self._index is not None:
            path = self._index.path
            with contextlib.suppress(sqlite3.Error):
                self._index.close()
            self._index = None
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def _index_state(self, state: str) -> None:
        if self._index is not None:
            try:
                self._index.set_state(state)
            except sqlite3.Error:
                self._drop_index()

    def _index_changes(self, changes: list[tuple[str, str, Any]]) -> None:
        """Apply one committed batch's node changes to the search index."""
        if self._index is None or not changes:
            return
        try:
            with self._index.batch():
                for action, label, rows in changes:
                    if action == "put":
                        self._index.put(label, rows)
                    else:
                        self._index.remove(label, rows)
        except sqlite3.Error:
            self._drop_index()

    def named(self, name: str, params: dict[str, Any] | None = None, **slots: str) -> QueryResult:
        # Two queries are answered another way where LadybugDB lacks the engine feature;
        # tests prove both answers equal to the Cypher in queries/.
        # `search` from the index when it can answer exactly (see search_index.py).
        if name == "search" and self._index is not None and not slots:
            found = self._index.search(params or {})
            if found is not None:
                return found
        # `path` by a search from both ends: LadybugDB's SHORTEST searches from one end
        # and does not stop early (seconds at 5M credits). See graph/pathfind.py.
        if name == "path" and params and set(slots) == {"path_rels"}:
            return self._shortest_path(params, int(slots["path_rels"]))
        return super().named(name, params, **slots)

    @contextlib.contextmanager
    def _loading(self) -> Iterator[None]:
        # LadybugDB checkpoints on every commit once the WAL passes 16 MB, and a checkpoint
        # rewrites the whole relationship table (its list columns above all): per 50k-row
        # batch that grew from 1 s to 10 s on 300,000 ACTED_IN. Commits stay durable in
        # the WAL; the store checkpoints every `checkpoint_rows` written rows instead, and
        # at the end of the load.
        # The search index is marked pending before the graph changes and clean only
        # after the final checkpoint: a crash between leaves it pending, and the next
        # writable open rebuilds it from the graph.
        self._index_state(PENDING)
        self._unsaved = 0
        with self._checkpoint_at_end():
            yield
        self._index_state(CLEAN)

    @contextlib.contextmanager
    def _checkpoint_at_end(self) -> Iterator[None]:
        """No checkpoint on commit inside, one at the end. Besides the time (``_loading``):
        converting a real store (bench/legacy_conversion.py) with LadybugDB 0.22
        checkpointing between its pages made later pages read some long strings of list
        properties as '' and, after a reopen, left edges leading from the wrong node."""
        self._conn.execute("CALL auto_checkpoint=false")
        try:
            yield
        finally:
            self._conn.execute("CALL auto_checkpoint=true")
            self._conn.execute("CHECKPOINT")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed when the body returns, rolled back when it
        raises."""
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            # The engine may have ended the transaction itself when it failed.
            with contextlib.suppress(RuntimeError):
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _write_batch(self, batch: Sequence[Node | Edge]) -> WriteSummary:
        tx = _Tx(self._conn, self.location, self._found_before)
        with self._transaction():
            summary = BatchWriter(tx).apply(batch)
        self._index_changes(tx.indexed)
        self._unsaved += sum(summary.total(n) for n in ("created", "updated", "placeholders"))
        if self._unsaved >= self.checkpoint_rows:
            # Changes not yet checkpointed stay in memory (~0.7 GB per million rows of
            # IMDb credits): this bounds a long load's memory at the price of a few
            # checkpoints (each rewrites the tables it touches; on 1.4M IMDb rows one
            # more checkpoint cost about as much as a fifth of the load).
            self._conn.execute("CHECKPOINT")
            self._unsaved = 0
        return summary

    def _write_query(self, text: str, params: dict[str, Any]) -> None:
        self._write_queries([(text, params)])

    def _write_queries(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """(text, params) pairs in one transaction."""
        if self.read_only:
            raise StoreError(
                f"the embedded store at {self.location} is open read-only: open it for "
                "writing (no other reelgraph process may have it open)"
            )
        with self._transaction():
            try:
                for text, params in statements:
                    self._conn.execute(text, params)
            except RuntimeError as exc:
                raise StoreError(
                    f"the embedded store at {self.location} failed a write: {exc}"
                ) from exc

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """A read-only transaction (the engine itself refuses writes in it); the engine's
        rejection of a query becomes a QueryError.

        A read-only database refuses writes itself and runs each query in a transaction of
        its own, so there BEGIN and ROLLBACK would only add ~0.16 ms a query (a served
        page runs 4-7 queries)."""
        if not self.read_only:
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            yield
        except RuntimeError as exc:
            raise QueryError(f"the embedded store rejected the query: {exc}") from exc
        finally:
            # The engine has already ended the transaction when it rejected the query.
            if not self.read_only:
                with contextlib.suppress(RuntimeError):
                    self._conn.execute("ROLLBACK")

    def query(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        with self._reading():
            result = self._conn.execute(text, params or {})
            if isinstance(result, list):  # several statements: answer with the last
                result = result[-1]
            rows = []
            while result.has_next():
                rows.append([plain(v) for v in result.get_next()])
        return QueryResult(columns=list(result.get_column_names()), rows=rows)

    def _page(
        self,
        name: str,
        params: dict[str, Any],
        slots: dict[str, str] | None = None,
        order_by: tuple[str, ...] = (),
    ) -> Sequence[dict[str, Any]]:
        # Through Arrow: converting rows value by value (query()) took most of an export.
        # Sorted in Arrow too: the engine's ORDER BY copies every property column through
        # its sort (half the engine time of an ACTED_IN page); Arrow sorts the keys and
        # takes the rows. Both compare strings bytewise (UTF-8), so the order is the same.
        chunk = max(params.get("limit", self.page_size), 1)
        table = self._arrow(name, params, chunk, **(slots or {}))
        if order_by:
            table = table.sort_by([(column, "ascending") for column in order_by])
        return ArrowRows(table)

    def _shortest_path(self, params: dict[str, Any], max_rels: int) -> QueryResult:
        """The ``path`` query's answer (a shortest chain of at most ``max_rels`` credits)."""
        ends = (params["person_a"], params["person_b"])
        chain = pathfind.shortest_chain(self._step, *ends, max_rels)
        rows = [list(pathfind.path_row(self._page, chain).values())] if chain else []
        return QueryResult(columns=list(pathfind.COLUMNS), rows=rows)

    def _step(self, name: str, node_keys: list[str]) -> tuple[list[str], list[str]]:
        """Both columns of a search step (graph.pathfind), through Arrow."""
        columns = self._arrow(name, {"keys": node_keys}, 0).to_pydict()
        return columns["from_key"], columns["to_key"]

    def _arrow(self, name: str, params: dict[str, Any], chunk: int, **slots: str) -> Any:
        """The whole answer of a one-statement named read query as an Arrow table
        (``chunk``: rows per record batch, 0 for the engine's choice), without the
        value-by-value conversion of ``query()``."""
        text = queries.get(name, self.dialect).render(**slots)
        with self._reading():
            result: Any = self._conn.execute(text, params)  # one statement: one result
            return result.get_as_arrow(chunk)

    def reader(self) -> EmbeddedStore:
        # A LadybugDB connection serves one thread at a time; connections to one database
        # run queries side by side. The handle shares the database and the search index
        # (which locks itself) and closes only its own connection.
        handle = copy.copy(self)
        handle._conn = ladybug.Connection(self._db)
        handle._shared = True
        return handle

    def close(self) -> None:
        self._conn.close()
        if self._shared:
            return
        if self._index is not None:
            self._index.close()
        self._db.close()
