"""Embedded-store specifics: checkpoints during long loads, engine failures mid-load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.errors import QueryError, StoreError
from graph.model import Edge, Node, parse_record
from graph.stores.embedded import EmbeddedStore


def films(first: int, count: int) -> list[Node | Edge]:
    return [
        parse_record({"type": "Film", "title": f"Film {i}", "imdb": f"tt{i:07d}", "sources": ["t"]})
        for i in range(first, first + count)
    ]


def film_count(store: EmbeddedStore) -> int:
    return int(store.named("node_count", label="Film").scalar())


def _statements_sent(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement ``store`` sends to the engine from now on, in order."""
    sent: list[str] = []
    execute = store._conn.execute

    def spy(text: str, *args: Any) -> Any:
        sent.append(text)
        return execute(text, *args)

    monkeypatch.setattr(store._conn, "execute", spy)
    return sent


def test_long_load_checkpoints_every_checkpoint_rows(
    embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _statements_sent(embedded_store, monkeypatch)
    embedded_store.checkpoint_rows = 10
    embedded_store.write(films(1, 40), batch_size=5)  # 8 batches: a checkpoint after 2, 4, 6, 8
    assert sent.count("CHECKPOINT") == 4 + 1  # and the one that ends the load
    assert sent[:1] == ["CALL auto_checkpoint=false"]
    assert sent[-2:] == ["CALL auto_checkpoint=true", "CHECKPOINT"]
    assert film_count(embedded_store) == 40


def test_data_survives_reopening_after_a_load(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.write(films(1, 30), batch_size=7)
    with EmbeddedStore(tmp_path / "g.db", read_only=True) as store:
        assert film_count(store) == 30


def test_a_read_only_store_refuses_writes_without_a_transaction_per_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.write(films(1, 3))
    with EmbeddedStore(tmp_path / "g.db", read_only=True) as store:
        sent = _statements_sent(store, monkeypatch)
        with pytest.raises(QueryError, match="rejected the query"):
            store.query("CREATE (:Film {key: 'film:title:x', title: 'x'})")
        assert film_count(store) == 3
        assert not [text for text in sent if "TRANSACTION" in text or "ROLLBACK" in text]


def test_engine_failure_mid_load_is_a_store_error_and_keeps_earlier_batches(
    embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    execute = embedded_store._conn.execute
    copies = {"n": 0}

    def failing(text: str, *args: Any) -> Any:
        if text.startswith("COPY"):
            copies["n"] += 1
            if copies["n"] == 2:  # the engine's own message when memory runs out
                raise RuntimeError("Buffer manager exception: Unable to allocate memory!")
        return execute(text, *args)

    monkeypatch.setattr(embedded_store._conn, "execute", failing)
    with pytest.raises(StoreError) as caught:
        embedded_store.write(films(1, 10), batch_size=5)
    message = str(caught.value)
    assert "failed to write a batch (create_nodes): Buffer manager exception" in message
    assert "run the same load again to finish" in message
    assert film_count(embedded_store) == 5  # the first batch is committed, the second not
    monkeypatch.setattr(embedded_store._conn, "execute", execute)
    summary = embedded_store.write(films(1, 10), batch_size=5)  # the store still works
    assert (summary.total("created"), summary.total("unchanged")) == (5, 5)
    assert film_count(embedded_store) == 10


SRC = ["test:batches"]


def _credits(count: int, role: str) -> list[Node | Edge]:
    records: list[Node | Edge] = []
    for i in range(count):
        person = {"type": "Person", "name": f"P {i}", "imdb": f"nm{i:07d}", "sources": SRC}
        records.append(parse_record(person))
        film = {"type": "Film", "title": f"F {i}", "imdb": f"tt{i:07d}", "sources": SRC}
        records.append(parse_record(film))
    for i in range(count):
        for j in (i, (i + 1) % count):
            edge = {"from": f"person:imdb:nm{i:07d}", "to": f"film:imdb:tt{j:07d}"}
            edge |= {"type": "ACTED_IN", "roles": [f"{role} {i}"], "sources": SRC}
            records.append(parse_record(edge))
    return records


def test_batches_of_new_stored_and_changed_edges_merge_exactly(tmp_path: Path) -> None:
    # The store looks pairs up keys-first or whole depending on what the last batch found
    # (a first load finds none, a re-load nearly all): every mix must merge the same.
    with EmbeddedStore(tmp_path / "graph.db") as store:
        store.write(_credits(20, "Old")[:60])  # nodes and the first 20 edges
        summary = store.write(_credits(20, "New"), batch_size=7)
        rows = store.query(
            "MATCH (p:Person)-[r:ACTED_IN]->(f:Film) "
            "RETURN p.key, f.key, r.roles ORDER BY p.key, f.key"
        ).rows
    assert len(rows) == 40
    # A stored edge keeps its old role and gains the new one (roles merge as a set).
    stored_first = {(e.from_key, e.to_key) for e in _credits(20, "Old")[40:60]}  # type: ignore[union-attr]
    for person, film, roles in rows:
        i = int(person[-7:])
        expected = {f"New {i}", f"Old {i}"} if (person, film) in stored_first else {f"New {i}"}
        assert set(roles) == expected, (person, film)
    assert summary.total("created") >= 20
