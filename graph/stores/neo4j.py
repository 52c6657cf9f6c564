"""The Neo4j store: the official driver, batched ``UNWIND $rows … MERGE``.

Each batch runs in one managed write transaction (``execute_write``), so the
driver retries transient failures and a batch is committed whole or not at
all; reads run in read transactions, where the server itself refuses writes.
Constraints and indexes are created idempotently before the first write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

import queries
from graph import merge, schema
from graph.errors import QueryError, StoreError, StoreUnavailableError
from graph.model import Edge, Node
from graph.stores import legacy_evidence
from graph.stores.base import QueryResult, Store
from graph.upsert import BatchWriter, EdgeRow, Pair, Row, WriteSummary

_USER_AGENT = "reelgraph/0.1"


def _plain(value: Any) -> Any:
    """Driver values to JSON-able Python: nodes and relationships become dicts."""
    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _reason(exc: Exception) -> str:
    """The useful part of a driver error: the OS reason when there is one, else line one."""
    text = str(exc)
    found = re.search(r"reason (\[Errno \d+\] [^)]+)", text)
    return found.group(1) if found else text.strip().splitlines()[0] if text.strip() else repr(exc)


class _Tx:
    """The :class:`graph.upsert.Tx` primitives inside one managed transaction."""

    def __init__(self, tx: neo4j.ManagedTransaction) -> None:
        self.tx = tx

    def _run(self, name: str, params: dict[str, Any], **slots: str) -> list[neo4j.Record]:
        text = queries.get(name, "neo4j").render(**slots)
        return list(self.tx.run(text, params))

    def nodes_by_key(self, label: str, node_keys: list[str]) -> dict[str, Row]:
        if not node_keys:
            return {}
        found = self._run("nodes_by_key", {"keys": node_keys}, label=label)[0]["found"]
        # Neo4j stores no nulls (and we store no empty lists): complete the rows.
        props = schema.NODE_PROPS[label]
        return {row["key"]: merge.complete(props, row) for row in found}

    def keys_present(self, label: str, node_keys: list[str]) -> set[str]:
        if not node_keys:
            return set()
        return set(self._run("keys_present", {"keys": node_keys}, label=label)[0]["found"])

    def keys_by_id(self, label: str, field: str, values: list[Any]) -> dict[Any, str]:
        if not values:
            return {}
        found = self._run("keys_by_id", {"values": values}, label=label, field=field)[0]["found"]
        return {value: key for value, key in found}

    def create_nodes(self, label: str, rows: list[Row]) -> None:
        if rows:
            self._run("create_nodes", {"rows": [_stored(r) for r in rows]}, label=label)

    def update_nodes(self, label: str, rows: list[Row]) -> None:
        if rows:
            self._run("upsert_nodes", {"rows": [_stored(r) for r in rows]}, label=label)

    def edges_between(self, rel: str, ends: Pair, pairs: list[Pair]) -> dict[Pair, Row]:
        if not pairs:
            return {}
        params = {"pairs": [list(p) for p in pairs]}
        rows = self._run("edges_between", params, rel=rel, **{"from": ends[0], "to": ends[1]})
        props = schema.RELS[rel].props
        return {(f, t): merge.complete(props, row) for f, t, row in rows[0]["found"]}

    def create_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None:
        self._edges("create_edges", rel, ends, rows)

    def update_edges(self, rel: str, ends: Pair, rows: list[Row]) -> None:
        self._edges("upsert_edges", rel, ends, rows)

    def _edges(self, name: str, rel: str, ends: Pair, rows: list[Row]) -> None:
        if rows:
            payload = [{"from": r["from"], "to": r["to"], "props": _edge_props(r)} for r in rows]
            self._run(name, {"rows": payload}, rel=rel, **{"from": ends[0], "to": ends[1]})

    def edges_of(self, label: str, node_keys: list[str]) -> list[EdgeRow]:
        rows = self._run("edges_of", {"keys": node_keys}, label=label)
        return [
            (r["rel"], (r["from_label"], r["to_label"]), r["from"], r["to"], dict(r["props"]))
            for r in rows
        ]

    def delete_nodes(self, label: str, node_keys: list[str]) -> None:
        if node_keys:
            self._run("delete_nodes", {"keys": node_keys}, label=label)

    def graph_changed(self) -> None:
        self._run("graph_changed", {})


def _stored(row: Row) -> Row:
    """What Neo4j stores of a row: no nulls (it cannot) and no empty lists.

    Merged rows only grow, so leaving a property out never loses a stored value, and
    reads complete the rows again. Half the properties of a typical edge are empty
    evidence lists; sending them doubled the cost of a first load.
    """
    return {k: v for k, v in row.items() if v is not None and v != []}


def _edge_props(row: Row) -> Row:
    return {k: v for k, v in row.items() if k not in ("from", "to") and v is not None and v != []}


class Neo4jStore(Store):
    """A Neo4j server (single instance or cluster) reached through Bolt."""

    dialect = "neo4j"
    batch_size = 25_000

    def __init__(self, uri: str, *, user: str, password: str | None, database: str | None) -> None:
        self.location = uri
        self.database = database
        if not password:
            raise StoreUnavailableError(
                f"no password for Neo4j at {uri}: set NEO4J_PASSWORD "
                "(and NEO4J_USERNAME when the user is not 'neo4j')"
            )
        try:
            # Notifications off: "relationship type does not exist" before the first
            # edge of a type is expected here, not something to print to users.
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                user_agent=_USER_AGENT,
                notifications_min_severity="OFF",
            )
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailableError(
                f"Neo4j at {uri} refused the credentials of user {user!r}: check "
                "NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from exc
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, ValueError) as exc:
            raise StoreUnavailableError(
                f"cannot reach Neo4j at {uri}: {_reason(exc)}. Is the server running and "
                "the URI right? (README: 'Using your own Neo4j')"
            ) from exc
        self._schema_ready = False
        legacy_evidence.convert_neo4j(self)

    def _session(self, access_mode: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access_mode)

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in queries.get("schema", "neo4j").statements():
                session.run(statement).consume()
        self._schema_ready = True

    def _write_batch(self, batch: Sequence[Node | Edge]) -> WriteSummary:
        try:
            self._ensure_schema()
            with self._session(neo4j.WRITE_ACCESS) as session:
                return session.execute_write(lambda tx: BatchWriter(_Tx(tx)).apply(batch))
        except neo4j_errors.ServiceUnavailable as exc:
            raise StoreUnavailableError(
                f"lost Neo4j at {self.location} while writing: {exc}. Batches written "
                "before this one are committed; run the same load again to finish"
            ) from exc
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.location} refused a write: {exc.message}") from exc

    def _write_query(self, text: str, params: dict[str, Any]) -> None:
        try:
            self._ensure_schema()
            with self._session(neo4j.WRITE_ACCESS) as session:
                session.execute_write(lambda tx: tx.run(text, params).consume())
        except neo4j_errors.ServiceUnavailable as exc:
            raise StoreUnavailableError(f"cannot reach Neo4j at {self.location}: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.location} refused a write: {exc.message}") from exc

    def query(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        def read(run: Callable[[str, dict[str, Any]], neo4j.Result]) -> QueryResult:
            result = run(text, params or {})
            rows = [[_plain(v) for v in record.values()] for record in result]
            return QueryResult(columns=list(result.keys()), rows=rows)

        try:
            with self._session(neo4j.READ_ACCESS) as session:
                # An auto-commit transaction first: one exchange with the server where a
                # managed one takes two (BEGIN+RUN, then COMMIT). A page runs ~7 reads, at
                # ~2.5 ms of client and Bolt overhead each this way against ~5 ms. What
                # the driver would retry is retried as a managed read, with its back-off.
                try:
                    return read(session.run)
                except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                    if not exc.is_retryable():
                        raise
                return session.execute_read(lambda tx: read(tx.run))
        except neo4j_errors.ServiceUnavailable as exc:
            raise StoreUnavailableError(
                f"cannot reach Neo4j at {self.location}: {_reason(exc)}"
            ) from exc
        except neo4j_errors.Neo4jError as exc:
            raise QueryError(f"Neo4j rejected the query: {exc.message}") from exc

    def close(self) -> None:
        self._driver.close()
