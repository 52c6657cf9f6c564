"""Edge look-ups during writes (edges_between and friends) give exactly the upsert results.

The embedded store finds which (from, to) pairs already have a relationship by looking
both ends up by key and expanding from them (queries/embedded/edge_pairs_present,
edges_between, delete_edges), where it used to join each batch against the whole
relationship table. These tests pin that nothing else changed: loading twice writes
nothing, overlapping sources merge edge by edge and keep who asserted what, and the
embedded queries answer exactly as the old whole-table pattern does, on a graph with
high-degree nodes on both sides and batches small enough to cross many commits.
"""

from __future__ import annotations

import random
from typing import Any

import pyarrow as pa
import pytest

import queries
from graph import schema
from graph.model import Edge, Film, Node, Person, Review, parse_record
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore

FILMS, PEOPLE = 30, 60


def film(i: int) -> dict[str, Any]:
    return {"type": "Film", "title": f"Film {i}", "year": 1990 + i % 30, "imdb": f"tt{i:07d}"}


def person(i: int) -> dict[str, Any]:
    return {"type": "Person", "name": f"Person {i}", "imdb": f"nm{i:07d}"}


def credit(kind: str, p: int, f: int, **props: Any) -> dict[str, Any]:
    return {"type": kind, "from": f"person:imdb:nm{p:07d}", "to": f"film:imdb:tt{f:07d}", **props}


def credits(seed: int, count: int, source: str) -> list[dict[str, Any]]:
    """Credits with skew: person 0 is on every film, film 0 has every person."""
    rng = random.Random(seed)
    out = [credit("ACTED_IN", 0, f, roles=[f"Lead {f}"], ordering=1) for f in range(FILMS)]
    out += [credit("DIRECTED", p, 0, ordering=p) for p in range(1, PEOPLE, 3)]
    for _ in range(count):
        p, f = rng.randrange(PEOPLE), rng.randrange(FILMS)
        kind = rng.choice(["ACTED_IN", "ACTED_IN", "WROTE", "CREDITED"])
        extra: dict[str, Any] = {"ordering": rng.randrange(1, 10)}
        if kind == "ACTED_IN":
            extra["roles"] = [f"Role {rng.randrange(5)}"]
        if kind == "CREDITED":
            extra["categories"] = [rng.choice(["editor", "composer"])]
        out.append(credit(kind, p, f, **extra))
    return [{**c, "sources": [source]} for c in out]


def records(items: list[dict[str, Any]], source: str) -> list[Node | Edge]:
    return [parse_record({"sources": [source], **item}) for item in items]


NODES = [film(i) for i in range(FILMS)] + [person(i) for i in range(PEOPLE)]


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every relationship with every property, per type, in (from, to) order."""
    return {rel: list(store.iter_edges(rel)) for rel in schema.REL_TYPES}


def identity(record: Node | Edge) -> tuple[str, ...]:
    if isinstance(record, Film | Person | Review):
        return (record.key,)
    return (record.type, record.from_key, record.to_key)


def counts(store: Store) -> dict[str, int]:
    return {k: v for group in store.stats().values() for k, v in group.items() if v}


def test_loading_twice_writes_nothing(store: Store) -> None:
    batch = records(NODES, "imdb") + records(credits(1, 400, "imdb"), "imdb")
    first = store.write(batch, batch_size=37)  # many commits, mixed node and edge batches
    before, edges = counts(store), snapshot(store)
    again = store.write(batch, batch_size=37)
    assert again.total("created") == again.total("updated") == again.total("placeholders") == 0
    # Each batch reports every distinct node and edge it holds as unchanged.
    distinct = 0
    for start in range(0, len(batch), 37):
        distinct += len({identity(r) for r in batch[start : start + 37]})
    assert again.total("unchanged") == distinct
    assert first.total("created") == sum(before.values())
    assert counts(store) == before
    assert snapshot(store) == edges


def test_overlapping_sources_merge_edge_by_edge(store: Store) -> None:
    a, b = credits(2, 300, "a"), credits(3, 300, "b")  # the skewed credits are in both
    store.write(records(NODES, "a") + records(a, "a"), batch_size=41)
    store.write(records(b, "b"), batch_size=23)
    pairs_a = {(c["type"], c["from"], c["to"]) for c in a}
    pairs_b = {(c["type"], c["from"], c["to"]) for c in b}
    edges = snapshot(store)
    stored = {(rel, e["from"], e["to"]): e for rel, rows in edges.items() for e in rows}
    assert set(stored) == pairs_a | pairs_b  # one edge per pair, none lost, none doubled
    for pair, edge in stored.items():
        expected = [s for s, pairs in (("a", pairs_a), ("b", pairs_b)) if pair in pairs]
        assert edge["sources"] == expected, pair
    lead = stored[("ACTED_IN", "person:imdb:nm0000000", "film:imdb:tt0000007")]
    assert lead["roles"] == ["Lead 7"]  # same role from both sources: merged, not repeated
    # Loading b again, then a again, changes nothing.
    edges_before = snapshot(store)
    for source, items in (("b", b), ("a", a)):
        again = store.write(records(items, source), batch_size=29)
        assert again.total("created") == again.total("updated") == 0
    assert snapshot(store) == edges_before


def _pairs_answer(store: EmbeddedStore, text: str, pairs: list[tuple[str, str]]) -> set[Any]:
    table = pa.table({"f": [p[0] for p in pairs], "t": [p[1] for p in pairs]})
    result: Any = store._conn.execute(text, {"batch": table})
    rows = result.get_as_arrow()
    keys = zip(rows["f"].to_pylist(), rows["t"].to_pylist(), strict=True)
    if "r" not in rows.column_names:
        return set(keys)
    props = [
        tuple(sorted((k, str(v)) for k, v in r.items() if not k.startswith("_")))
        for r in rows["r"].to_pylist()
    ]
    return set(zip(keys, props, strict=True))


WHOLE_TABLE = {  # the pattern these queries used before: a join with every relationship
    "edge_pairs_present": "LOAD FROM $batch MATCH (a:{f} {{key: f}})-[:{r}]->(b:{t} {{key: t}}) "
    "RETURN f, t",
    "edges_between": "LOAD FROM $batch MATCH (a:{f} {{key: f}})-[r:{r}]->(b:{t} {{key: t}}) "
    "RETURN f, t, r",
}


@pytest.mark.parametrize("name", sorted(WHOLE_TABLE))
def test_embedded_lookup_equals_whole_table_join(embedded_store: EmbeddedStore, name: str) -> None:
    review = {"type": "Review", "source": "reviews/r.txt", "language": "en", "text": "Film 1"}
    review_record = parse_record({"sources": ["t"], **review})
    assert isinstance(review_record, Review)
    review_key = review_record.key
    span = {
        "source": review_key,
        "start": 0,
        "end": 6,
        "text": "Film 1",
        "extractor": "t/1",
        "confidence": 0.8,
    }
    mentions = [
        {"type": "MENTIONS", "from": review_key, "to": to, "evidence": [span]}
        for to in ("film:imdb:tt0000001", "person:imdb:nm0000001")
    ]
    embedded_store.write(records([*NODES, review, *credits(4, 500, "t"), *mentions], "t"))
    rng = random.Random(5)
    people = [f"person:imdb:nm{i:07d}" for i in range(PEOPLE + 5)]  # 5 that do not exist
    films = [f"film:imdb:tt{i:07d}" for i in range(FILMS + 5)]
    for rel in schema.REL_TYPES:
        for ends in schema.RELS[rel].endpoints:
            if ends[0] == "Review":
                pairs = [(review_key, k) for k in (films if ends[1] == "Film" else people)]
            else:
                pairs = list({(rng.choice(people), rng.choice(films)) for _ in range(600)})
            slots = {"rel": rel, "from": ends[0], "to": ends[1]}
            text = queries.get(name, "embedded").render(**slots)
            old = WHOLE_TABLE[name].format(f=ends[0], r=rel, t=ends[1])
            answer = _pairs_answer(embedded_store, text, pairs)
            assert answer == _pairs_answer(embedded_store, old, pairs), (rel, ends)
            if rel in (schema.ACTED_IN, schema.MENTIONS):
                assert answer, (rel, ends)  # the comparison is about something
