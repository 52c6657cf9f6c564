"""Neo4j-only behaviour: connection failures, schema, read transactions."""

from __future__ import annotations

import socket
from typing import Any

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors

from graph.errors import QueryError, StoreUnavailableError
from graph.model import parse_record
from graph.stores.neo4j import Neo4jStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_is_one_clear_error() -> None:
    uri = f"bolt://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreUnavailableError, match=f"cannot reach Neo4j at {uri}"):
        Neo4jStore(uri, user="neo4j", password="x", database=None)


def test_missing_password_says_which_variable() -> None:
    with pytest.raises(StoreUnavailableError, match="set NEO4J_PASSWORD"):
        Neo4jStore("bolt://127.0.0.1:7687", user="neo4j", password=None, database=None)


@pytest.mark.neo4j
def test_wrong_password_is_one_clear_error(neo4j_settings: dict[str, str]) -> None:
    with pytest.raises(StoreUnavailableError, match="refused the credentials of user 'neo4j'"):
        Neo4jStore(neo4j_settings["uri"], user="neo4j", password="wrong-password", database=None)


def test_constraints_are_created_idempotently(neo4j_store: Neo4jStore) -> None:
    record = parse_record({"type": "Film", "title": "X", "imdb": "tt0000001", "sources": ["t"]})
    neo4j_store.write([record])
    neo4j_store._schema_ready = False  # as a second process would see it
    neo4j_store.write([record])
    names = {row[0] for row in neo4j_store.query("SHOW CONSTRAINTS YIELD name").rows}
    assert {"film_key", "person_key", "review_key"} <= names
    indexes = {row[0] for row in neo4j_store.query("SHOW INDEXES YIELD name").rows}
    assert {"film_imdb", "person_qid", "film_tmdb"} <= indexes


def _spy_on_auto_commit(monkeypatch: pytest.MonkeyPatch, fail_first: bool) -> list[str]:
    """Queries sent as auto-commit transactions; with ``fail_first`` the first one fails
    as a lost connection does (a fault the test server cannot be made to produce)."""
    sent: list[str] = []
    run = neo4j.Session.run

    def spy(self: neo4j.Session, query: str, *args: Any, **kwargs: Any) -> neo4j.Result:
        sent.append(query)
        if fail_first and len(sent) == 1:
            raise neo4j_errors.SessionExpired("injected: the connection went away")
        return run(self, query, *args, **kwargs)

    monkeypatch.setattr(neo4j.Session, "run", spy)
    return sent


@pytest.mark.parametrize("lost_connection", [False, True])
def test_reads_are_one_auto_commit_transaction_retried_as_a_managed_one(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch, lost_connection: bool
) -> None:
    neo4j_store.write([parse_record({"type": "Film", "title": "X", "sources": ["t"]})])
    sent = _spy_on_auto_commit(monkeypatch, fail_first=lost_connection)
    assert neo4j_store.query("MATCH (f:Film) RETURN f.title").rows == [["X"]]
    # After a lost connection the read ran again as a managed transaction (Transaction.run).
    assert sent == ["MATCH (f:Film) RETURN f.title"]


def test_a_rejected_read_is_not_retried(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _spy_on_auto_commit(monkeypatch, fail_first=False)
    with pytest.raises(QueryError, match="Neo4j rejected the query"):
        neo4j_store.query("MATCH (f:Film RETURN f")
    assert len(sent) == 1
