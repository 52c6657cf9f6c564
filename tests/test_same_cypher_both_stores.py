"""Every shared query in queries/ gives identical results on both stores."""

from __future__ import annotations

import pytest

import queries
from graph.demo import sample_records_path
from graph.named import WRITE_QUERIES
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore
from loaders.records import read_records

SLOT_CHOICES = {slot: values for slot, values in queries.SLOT_VALUES.items()}


def _runs() -> list[tuple[str, dict[str, str]]]:
    runs = []
    for query in queries.shared():
        if query.path.suffix != ".cypher" or query.params or query.name in WRITE_QUERIES:
            continue  # parameterised queries and writes are compared by their own tests
        if not query.template:
            runs.append((query.name, {}))
        for slot in query.template:
            runs += [(query.name, {slot: value}) for value in SLOT_CHOICES[slot]]
    return runs


def test_there_are_shared_queries_to_compare() -> None:
    assert len(_runs()) >= 3


@pytest.mark.neo4j
def test_shared_queries_agree(embedded_store: EmbeddedStore, neo4j_store: Neo4jStore) -> None:
    for store in (embedded_store, neo4j_store):
        store.write(read_records(sample_records_path()))
    for name, slots in _runs():
        embedded = embedded_store.named(name, **slots)
        server = neo4j_store.named(name, **slots)
        assert embedded.columns == server.columns, (name, slots)
        if "ORDER BY" in queries.get(name).text:
            assert embedded.rows == server.rows, (name, slots)
        else:  # row order is the engine's own: compare the rows, not their order
            assert sorted(map(repr, embedded.rows)) == sorted(map(repr, server.rows)), name
