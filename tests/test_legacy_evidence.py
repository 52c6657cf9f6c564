"""Stores written before an edge's evidence became one value are converted once, losslessly.

The older layout is made here as an older reelgraph wrote it: the embedded store's
tables with the six ``ev_*`` lists in place of ``evidence`` (derived from today's DDL),
and Neo4j relationships carrying the lists as properties.
"""

from __future__ import annotations

from pathlib import Path

import ladybug
import neo4j
import pytest
from conftest import wipe_neo4j

import queries
from graph import evidence, pages, schema
from graph.errors import StoreError, StoreUnavailableError
from graph.model import parse_record
from graph.stores import legacy_evidence
from graph.stores.base import Store
from graph.stores.embedded import EmbeddedStore
from graph.stores.legacy_evidence import (
    Statement,
    convert_embedded,
    convert_neo4j,
    embedded_legacy_tables,
)
from graph.stores.neo4j import Neo4jStore

S = ["test:legacy"]
REVIEW = "review:legacy-1"
SPANS = [(REVIEW, 0, 4, "Film", "reviews-rules/1", 0.5), (REVIEW, 9, 12, "Neo", "r/2", 0.9)]
LEGACY_COLUMNS = (
    "ev_source STRING[], ev_start INT64[], ev_end INT64[], ev_text STRING[], "
    "ev_extractor STRING[], ev_confidence DOUBLE[]"
)
NODES = (
    "CREATE (:Review {key: $review, text: 'Film und Neo', sources: $s}), "
    "(:Film {key: 'film:imdb:tt0000001', title: 'Film', sources: $s}), "
    "(:Person {key: 'person:imdb:nm0000001', name: 'Neo', sources: $s})"
)
EDGES = (
    "MATCH (r:Review {key: $review}), (f:Film), (p:Person) "
    "CREATE (r)-[:MENTIONS {sources: $s, confidence: 0.9, ev_source: $src, ev_start: $start, "
    "ev_end: $stop, ev_text: $text, ev_extractor: $x, ev_confidence: $c}]->(p), "
    "(r)-[:MENTIONS {sources: $s, confidence: 0.5, ev_source: $src, ev_start: $start, "
    "ev_end: $stop, ev_text: $text, ev_extractor: $x, ev_confidence: $c}]->(f), "
    "(p)-[:ACTED_IN {sources: $s, roles: ['Neo'], ordering: 3, confidence: 0.8}]->(f)"
)


def legacy_params() -> dict[str, object]:
    columns = list(zip(*SPANS, strict=True))
    names = ("src", "start", "stop", "text", "x", "c")
    return {"review": REVIEW, "s": S, **dict(zip(names, map(list, columns), strict=True))}


def make_legacy_embedded(path: Path) -> None:
    conn = ladybug.Connection(ladybug.Database(str(path)))
    for statement in queries.get("schema", "embedded").statements():
        conn.execute(statement.replace("evidence STRING", LEGACY_COLUMNS))
    conn.execute(NODES, {"review": REVIEW, "s": S})
    conn.execute(EDGES, legacy_params())


def assert_converted(store: Store) -> None:
    """Every edge as written, evidence in one value; read from both ends."""
    mentions = list(store.iter_edges(schema.MENTIONS))
    assert [(m["to"], m["confidence"], m["sources"]) for m in mentions] == [
        ("film:imdb:tt0000001", 0.5, S),
        ("person:imdb:nm0000001", 0.9, S),
    ]
    assert all(evidence.decode(m["evidence"]) == SPANS for m in mentions)
    [acted] = list(store.iter_edges(schema.ACTED_IN))
    assert (acted["roles"], acted["ordering"], acted["confidence"]) == (["Neo"], 3, 0.8)
    assert acted["evidence"] is None
    # pages.mentions walks from the mentioned node back to the review.
    for key in ("person:imdb:nm0000001", "film:imdb:tt0000001"):
        [page] = pages.mentions(store, key)
        assert [(e["start"], e["text"]) for e in page["evidence"]] == [(0, "Film"), (9, "Neo")]


def assert_no_lists(store: EmbeddedStore) -> None:
    for rel in schema.REL_TYPES:
        text = queries.get("legacy_evidence_columns", "embedded").render(rel=rel)
        names = {row[0] for row in store.query(text).rows}
        assert names & {*evidence.LEGACY_FIELDS, "evidence"} == {"evidence"}


def test_an_older_embedded_store_is_refused_read_only_and_converted_when_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    make_legacy_embedded(path)
    with pytest.raises(StoreUnavailableError, match=r"holds the evidence of ACTED_IN, .*MENTIONS"):
        EmbeddedStore(path, read_only=True)
    monkeypatch.setattr(legacy_evidence, "PAGE", 1)  # a page per edge
    store = EmbeddedStore(path)
    try:
        assert_converted(store)
        assert_no_lists(store)
        left = embedded_legacy_tables(store)
        assert convert_embedded(store, left, store._write_queries) == 0  # nothing left to convert
        same = {"type": "MENTIONS", "from": REVIEW, "to": "person:imdb:nm0000001", "sources": S}
        spans = [dict(zip(evidence.FIELDS, span, strict=True)) for span in SPANS]
        again = store.write([parse_record({**same, "evidence": spans})])
        assert again.total("updated") == 0 and again.total("created") == 0
    finally:
        store.close()
    with EmbeddedStore(path, read_only=True) as reopened:  # converted: readable now
        assert_converted(reopened)


def test_a_conversion_cut_short_is_finished_by_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    make_legacy_embedded(path)
    monkeypatch.setattr(legacy_evidence, "PAGE", 1)
    write = EmbeddedStore._write_queries
    done: list[int] = []

    def failing_second_page(self: EmbeddedStore, statements: list[Statement]) -> None:
        # Never a checkpoint on commit: on a real store, one amid the conversion made
        # later pages read wrong values (bench/legacy_conversion.py).
        setting = "CALL current_setting('auto_checkpoint') RETURN *"
        assert self.query(setting).scalar() == "False"
        if len(statements) == 2:  # a page of edges: delete and create again
            if done:
                raise StoreError("the disk is full")
            done.append(1)
        write(self, statements)

    monkeypatch.setattr(EmbeddedStore, "_write_queries", failing_second_page)
    with pytest.raises(StoreError, match="the disk is full"):
        EmbeddedStore(path)
    monkeypatch.setattr(EmbeddedStore, "_write_queries", write)
    with EmbeddedStore(path) as store:
        assert_converted(store)
        assert_no_lists(store)


@pytest.mark.neo4j
def test_an_older_neo4j_database_is_converted_on_open(neo4j_settings: dict[str, str]) -> None:
    wipe_neo4j(neo4j_settings)
    auth = (neo4j_settings["user"], neo4j_settings["password"])
    with neo4j.GraphDatabase.driver(neo4j_settings["uri"], auth=auth) as driver:
        with driver.session() as session:
            session.run(NODES, {"review": REVIEW, "s": S}).consume()
            session.run(EDGES, legacy_params()).consume()
        store = Neo4jStore(neo4j_settings["uri"], user=auth[0], password=auth[1], database=None)
        try:
            assert_converted(store)
            left = store.query("MATCH ()-[r]->() WHERE r.ev_source IS NOT NULL RETURN count(r)")
            assert left.scalar() == 0
            assert store.named("legacy_evidence_present").scalar() is False  # recorded
            assert convert_neo4j(store) == 0
            assert store.stats()["nodes"] == {"Film": 1, "Person": 1, "Review": 1}
        finally:
            store.close()
