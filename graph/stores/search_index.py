"""The embedded store's search index: SQLite FTS5 with the trigram tokenizer, beside the database.

LadybugDB has no index but the primary key's, so the ``search`` query scanned every
Person and Film (60-90 ms a table at 1M nodes), and its own full-text extension
downloads on INSTALL. SQLite (in the standard library) has a trigram tokenizer that
answers substring queries from an index, so the index lives in a SQLite file beside
the database: ``<database path>.search.sqlite``.

It holds one row per Person and Film that has a ``search`` value: kind, key, name
(Person.name / Film.title), year (Person.birth_year / Film.year) and ``search``. The
embedded store keeps it in step on its write path only: the nodes each batch creates,
updates and deletes are written here in a SQLite transaction that commits right after
the graph's. Crash safety rests on the meta table's ``state``: ``pending`` is
committed before a ``write`` changes the graph, ``clean`` only after its final
checkpoint, and a writable open rebuilds an index that is missing, ``pending`` or of
another ``FORMAT`` from the graph. A read-only open uses only a clean index; without
one the store answers from Cypher as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import queries
from graph import schema
from graph.stores.base import QueryResult

#: Bump when the file's tables change: a writable open then rebuilds the index.
FORMAT = "1"
CLEAN, PENDING = "clean", "pending"
SUFFIX = ".search.sqlite"
#: The stored name and year property of each indexed label.
FIELDS: dict[str, tuple[str, str]] = {
    schema.PERSON: ("name", "birth_year"),
    schema.FILM: ("title", "year"),
}
#: Shortest needle the trigram index can answer; shorter ones go to Cypher.
MIN_CHARS = 3
CACHE_KIB = 64 * 1024
IndexRow = tuple[str, str, str | None, int | None, str]  # key, kind, name, year, search
StagedRow = tuple[str, str | None, str | None, int | None, str | None]


def sidecar(database: Path) -> Path:
    """Where the index of the database at ``database`` lives."""
    return database.with_name(database.name + SUFFIX)


def _sql(name: str) -> str:
    return queries.sql(name, "embedded").text


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(conn.execute(_sql("search_index_meta")).fetchall())
    except sqlite3.DatabaseError:  # not an index file, or an unreadable one
        return {}


def _usable(conn: sqlite3.Connection) -> bool:
    return _meta(conn) == {"format": FORMAT, "state": CLEAN}


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    # The web app serves from a thread pool: one connection, shared under a lock.
    target, uri = (path.resolve().as_uri() + "?mode=ro", True) if read_only else (str(path), False)
    conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    if not read_only:
        # A larger page cache than the default 2 MB keeps the full-text index's pages
        # in memory across a batch (a quarter less CPU per write, measured).
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute(_sql("search_index_incoming"))
    return conn


def _apply(conn: sqlite3.Connection) -> None:
    """Write the staged changes (see search_index_apply.sql), within the caller's transaction."""
    for statement in queries.sql("search_index_apply", "embedded").statements():
        conn.execute(statement)


class SearchIndex:
    """One open index file; every method is safe to call from several threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.Lock()
        # The batch's changes by key, the last one winning (search None: remove the node).
        self._staged: dict[str, StagedRow] = {}

    @classmethod
    def for_reading(cls, database: Path) -> SearchIndex | None:
        """The index of ``database`` if it exists and is clean, else None (use Cypher)."""
        path = sidecar(database)
        if not path.is_file():
            return None
        try:
            conn = _connect(path, read_only=True)
        except sqlite3.Error:
            return None
        if not _usable(conn):
            conn.close()
            return None
        return cls(conn, path)

    @classmethod
    def for_writing(cls, database: Path, rows: Iterator[Iterable[IndexRow]]) -> SearchIndex:
        """The index of ``database``, rebuilt from ``rows`` (batches) first unless it is usable."""
        path = sidecar(database)
        if path.is_file():
            with contextlib.suppress(sqlite3.Error):
                conn = _connect(path, read_only=False)
                if _usable(conn):
                    return cls(conn, path)
                conn.close()
        rebuild(path, rows)
        return cls(_connect(path, read_only=False), path)

    def search(self, params: dict[str, Any]) -> QueryResult | None:
        """The ``search`` query's answer, or None when the index cannot give it exactly."""
        q, limit = params.get("q"), params.get("limit")
        if set(params) != {"q", "limit"} or not isinstance(q, str) or type(limit) is not int:
            return None
        if limit < 0:  # SQLite reads LIMIT -1 as no limit: leave the verdict to Cypher
            return None
        # The trigram index needs 3 characters; FTS5 ends a string at NUL; SQLite takes UTF-8.
        if len(q) < MIN_CHARS or "\0" in q or not _utf8(q):
            return None
        try:
            with self._lock:
                cursor = self._conn.execute(_sql("search"), {"q": q, "limit": limit})
                rows = [list(row) for row in cursor.fetchall()]
        except sqlite3.Error:
            return None
        columns = [c[0] for c in cursor.description]
        return QueryResult(columns=columns, rows=rows)

    def set_state(self, state: str) -> None:
        with self._lock:
            self._conn.execute(_sql("search_index_set"), ("state", state))

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction: the changes staged in the block are written when it ends,
        nothing if it raises."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield
                self._conn.executemany(_sql("search_index_put"), self._staged.values())
                _apply(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            finally:
                self._staged.clear()
            self._conn.execute("COMMIT")

    def put(self, label: str, rows: list[dict[str, Any]]) -> None:
        """Stage complete node rows of ``label`` (call within :meth:`batch`); a row
        without ``search`` (a placeholder) leaves the index."""
        if label in FIELDS:
            name, year = FIELDS[label]
            for r in rows:
                self._staged[r["key"]] = (r["key"], label, r[name], r[year], r["search"] or None)

    def remove(self, label: str, keys: list[str]) -> None:
        """Stage the removal of nodes of ``label`` (call within :meth:`batch`)."""
        if label in FIELDS:
            for key in keys:
                self._staged[key] = (key, None, None, None, None)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return False
    return True


def rebuild(path: Path, rows: Iterator[Iterable[IndexRow]]) -> None:
    """Write a new index into a temporary file, then move it over the old one."""
    building = path.with_name(path.name + ".building")
    for stale in (building, Path(f"{building}-journal")):
        stale.unlink(missing_ok=True)
    conn = _connect(building, read_only=False)
    try:
        conn.executescript(_sql("search_index_schema"))
        meta = _sql("search_index_set")
        conn.executemany(meta, [("format", FORMAT), ("state", PENDING)])
        conn.execute("BEGIN")
        for batch in rows:
            conn.executemany(_sql("search_index_put"), batch)
            _apply(conn)
        conn.execute(meta, ("state", CLEAN))
        conn.execute("COMMIT")
    finally:
        conn.close()
    # A journal left by the old file must not be played back into the new one.
    Path(f"{path}-journal").unlink(missing_ok=True)
    os.replace(building, path)
