"""Store contract for streaming the graph out (``iter_nodes`` / ``iter_edges``), on both stores."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from rdf_helpers import load_fixture

from graph import evidence, schema
from graph.stores import Store, base
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore


def all_rows(store: Store, page_size: int) -> dict[str, list[dict[str, Any]]]:
    rows = {label: list(store.iter_nodes(label, page_size)) for label in schema.NODE_LABELS}
    rows |= {rel: list(store.iter_edges(rel, page_size)) for rel in schema.REL_TYPES}
    return rows


def test_rows_come_in_schema_property_order(store: Store) -> None:
    load_fixture(store)
    rows = all_rows(store, 100)
    for label in schema.NODE_LABELS:
        assert rows[label], label
        for row in rows[label]:
            assert list(row) == list(schema.prop_names(schema.NODE_PROPS[label]))
    for rel in schema.REL_TYPES:
        assert rows[rel], rel
        for row in rows[rel]:
            assert list(row) == ["from", "to", *schema.prop_names(schema.RELS[rel].props)]


def test_nodes_in_key_order_with_every_property(store: Store) -> None:
    load_fixture(store)
    films = list(store.iter_nodes(schema.FILM))
    assert [f["key"] for f in films] == sorted(f["key"] for f in films)
    full = next(f for f in films if f["imdb"] == "tt0133093")
    assert full["tmdb"] == 603 and full["year"] == 1999 and full["link_score"] == 0.97
    assert sorted(full["aliases"]) == ["Line\nbreak", "Tab\there"]
    placeholder = next(p for p in store.iter_nodes(schema.PERSON) if p["imdb"] == "nm9999999")
    assert placeholder["name"] is None and placeholder["aliases"] == []


def test_edges_in_from_to_order_with_evidence(store: Store) -> None:
    load_fixture(store)
    acted = list(store.iter_edges(schema.ACTED_IN))
    pairs = [(e["from"], e["to"]) for e in acted]
    assert pairs == sorted(pairs) and len(pairs) == len(set(pairs)) == 9
    burning = next(e for e in acted if e["evidence"])
    spans = evidence.decode(burning["evidence"])
    assert [(s[4], s[5]) for s in spans] == [("reviews-rules/1", 0.9), ("reviews-rules/2", 0.75)]
    mentions = list(store.iter_edges(schema.MENTIONS))
    # Review -> Film first, then Review -> Person (the two endpoint pairs of MENTIONS).
    assert [m["to"].split(":")[0] for m in mentions] == ["film", "person", "person"]


@pytest.mark.parametrize("page_size", [1, 2, 3])
def test_small_pages_give_the_same_rows(store: Store, page_size: int) -> None:
    """Pages break inside runs of one from key (a person with several films) and still agree."""
    load_fixture(store)
    assert all_rows(store, page_size) == all_rows(store, 1000)


def test_iteration_is_lazy_page_by_page(
    store: Store, pages_read: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Which pages the store reads, without the read-ahead thread's timing in the count
    # (tests/test_prefetch.py bounds how far that runs ahead).
    monkeypatch.setattr(base, "prefetched", lambda pages, ahead: pages)
    load_fixture(store)
    taken = list(itertools.islice(store.iter_edges(schema.ACTED_IN, page_size=2), 3))
    assert len(taken) == 3
    # Pages of from keys with degrees and pages of at most 2 relationships, and nothing
    # read past the page that held the third row.
    edge_rows = [size for name, size in pages_read if name == "export_acted_in"]
    assert pages_read[0][0] == "export_degrees" and pages_read[-1][0] == "export_acted_in"
    assert 3 <= sum(edge_rows) <= 4 and all(size <= 2 for size in edge_rows)


@pytest.mark.neo4j
def test_both_stores_stream_identical_rows(
    embedded_store: EmbeddedStore, neo4j_store: Neo4jStore
) -> None:
    for s in (embedded_store, neo4j_store):
        load_fixture(s)
    assert all_rows(embedded_store, 4) == all_rows(neo4j_store, 4)
