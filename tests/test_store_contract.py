"""The store contract: every test here runs against the embedded store and Neo4j."""

from __future__ import annotations

from typing import Any

import pytest

from graph import evidence
from graph.errors import QueryError, QueryNotFoundError
from graph.model import Edge, Node, parse_record
from graph.stores import Store
from graph.upsert import BatchWriter

S = ["test"]


def recs(*items: dict[str, Any]) -> list[Node | Edge]:
    return [parse_record({"sources": S, **item}) for item in items]


MATRIX = {"type": "Film", "title": "A Film", "year": 1999, "imdb": "tt0000001"}
ACTOR = {"type": "Person", "name": "An Actor", "imdb": "nm0000001", "aliases": ["A. Actor"]}
ROLE = {
    "type": "ACTED_IN",
    "from": "person:imdb:nm0000001",
    "to": "film:imdb:tt0000001",
    "roles": ["Hero"],
    "ordering": 2,
}
SMALL = [MATRIX, ACTOR, ROLE]


def counts(store: Store) -> dict[str, int]:
    stats = store.stats()
    return {k: v for group in stats.values() for k, v in group.items() if v}


def film(store: Store, key: str) -> dict[str, Any]:
    rows = store.query("MATCH (f:Film {key: $key}) RETURN f", {"key": key}).rows
    assert len(rows) == 1, rows
    node: dict[str, Any] = rows[0][0]
    return {k: v for k, v in node.items() if not k.startswith("_")}


def test_write_then_count(store: Store) -> None:
    summary = store.write(recs(*SMALL))
    assert counts(store) == {"Film": 1, "Person": 1, "ACTED_IN": 1}
    assert summary.total("created") == 3
    assert summary.records == 3


def test_loading_twice_changes_nothing(store: Store) -> None:
    store.write(recs(*SMALL))
    before = counts(store)
    again = store.write(recs(*SMALL))
    assert counts(store) == before
    assert again.total("created") == again.total("updated") == 0
    assert again.total("unchanged") == 3


def test_later_source_adds_without_erasing(store: Store) -> None:
    store.write(recs(MATRIX))
    later = {
        "type": "Film",
        "title": "Another Title",  # conflicting scalar: the first value stays
        "original_title": "Original",  # gap: filled
        "imdb": "tt0000001",
        "tmdb": 42,
        "aliases": ["Alias"],
        "sources": ["later"],
    }
    summary = store.write([parse_record(later)])
    assert summary.total("updated") == 1
    stored = film(store, "film:imdb:tt0000001")
    assert stored["title"] == "A Film"
    assert stored["year"] == 1999
    assert stored["original_title"] == "Original"
    assert stored["tmdb"] == 42
    assert stored["aliases"] == ["Alias"]
    assert stored["sources"] == ["test", "later"]


def test_same_film_from_other_ids_is_one_node(store: Store) -> None:
    # A TMDB-only record first, then a record carrying both ids, then an edge by IMDb id.
    store.write(recs({"type": "Film", "title": "A Film", "tmdb": 42}))
    store.write(recs({"type": "Film", "title": "A Film", "tmdb": 42, "imdb": "tt0000001"}))
    store.write(recs(ACTOR, ROLE))
    assert counts(store) == {"Film": 1, "Person": 1, "ACTED_IN": 1}
    stored = film(store, "film:tmdb:42")  # the key it got on first sight
    assert stored["imdb"] == "tt0000001"
    row = store.query("MATCH (p:Person)-[r:ACTED_IN]->(f:Film) RETURN p.key, f.key, r.roles").rows
    assert row == [["person:imdb:nm0000001", "film:tmdb:42", ["Hero"]]]


def test_load_order_does_not_matter(store: Store) -> None:
    store.write(recs(ROLE))  # edge first: placeholders for both ends
    assert counts(store) == {"Film": 1, "Person": 1, "ACTED_IN": 1}
    summary = store.write(recs(MATRIX, ACTOR))
    assert summary.total("updated") == 2  # placeholders filled, not duplicated
    assert counts(store) == {"Film": 1, "Person": 1, "ACTED_IN": 1}
    assert film(store, "film:imdb:tt0000001")["title"] == "A Film"


def test_duplicates_within_one_batch_merge(store: Store) -> None:
    second_role = {**ROLE, "roles": ["Hero", "Villain"], "ordering": 1, "sources": ["other"]}
    store.write(recs(MATRIX, MATRIX, ACTOR, ROLE, second_role))
    assert counts(store) == {"Film": 1, "Person": 1, "ACTED_IN": 1}
    rows = store.query("MATCH ()-[r:ACTED_IN]->() RETURN r.roles, r.ordering, r.sources").rows
    assert rows == [[["Hero", "Villain"], 1, ["test", "other"]]]


def test_batches_are_atomic(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write(recs(MATRIX))

    def fail(*args: object) -> None:
        raise RuntimeError("injected fault while writing edges")

    # A fault after the nodes of a batch are written: none of that batch may stay.
    monkeypatch.setattr(BatchWriter, "_edges", fail)
    with pytest.raises(RuntimeError, match="injected"):
        store.write(recs(ACTOR, ROLE))
    monkeypatch.undo()
    assert counts(store) == {"Film": 1}


def test_batches_split_and_commit_in_order(store: Store) -> None:
    people = [{"type": "Person", "name": f"Person {i}", "imdb": f"nm{i:07d}"} for i in range(2, 9)]
    edges = [{**ROLE, "from": f"person:imdb:nm{i:07d}"} for i in range(2, 9)]
    summary = store.write(recs(MATRIX, *people, *edges), batch_size=3)
    assert summary.records == 15
    assert counts(store) == {"Film": 1, "Person": 7, "ACTED_IN": 7}


def test_mentions_keep_evidence(store: Store) -> None:
    review = {"type": "Review", "source": "reviews/one.txt", "language": "de", "text": "Ein Film"}
    key = parse_record({"sources": S, **review}).key

    def mention(start: int, end: int, text: str, confidence: float) -> dict[str, Any]:
        span = {"source": key, "start": start, "end": end, "text": text,
                "extractor": "test/1", "confidence": confidence}  # fmt: skip
        return {"type": "MENTIONS", "from": key, "to": "film:imdb:tt0000001", "evidence": [span]}

    store.write(recs(review, MATRIX, mention(4, 8, "Film", 0.5)))
    store.write(recs(mention(0, 3, "Ein", 0.9)))
    rows = store.query(
        "MATCH (:Review)-[m:MENTIONS]->(f:Film) RETURN m.evidence, m.confidence"
    ).rows
    assert [evidence.decode(rows[0][0]), rows[0][1]] == [
        [(key, 4, 8, "Film", "test/1", 0.5), (key, 0, 3, "Ein", "test/1", 0.9)],
        0.9,
    ]
    assert len(rows) == 1


def test_values_travel_as_parameters(store: Store) -> None:
    nasty = 'Robert\'); MATCH (n) DETACH DELETE n; //`{}` "RETURN"'
    store.write(recs(MATRIX, {"type": "Person", "name": nasty, "imdb": "nm0000009"}))
    rows = store.query("MATCH (p:Person {name: $name}) RETURN p.name", {"name": nasty}).rows
    assert rows == [[nasty]]
    assert counts(store) == {"Film": 1, "Person": 1}


def test_query_refuses_writes(store: Store) -> None:
    store.write(recs(MATRIX))
    with pytest.raises(QueryError):
        store.query("CREATE (:Film {key: 'film:title:x', title: 'x'})")
    assert counts(store) == {"Film": 1}


def test_syntax_error_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query("MATCH (n:Film RETURN n")


def test_unknown_named_query(store: Store) -> None:
    with pytest.raises(QueryNotFoundError, match="no query named 'nope'"):
        store.named("nope")


def test_empty_store_stats(store: Store) -> None:
    stats = store.stats()
    assert set(stats["nodes"]) == {"Film", "Person", "Review"}
    assert all(v == 0 for group in stats.values() for v in group.values())
