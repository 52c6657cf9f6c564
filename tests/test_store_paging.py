"""How ``Store.iter_edges`` pages relationships: degree-aware from-key ranges, on both stores.

Every relationship comes exactly once, in (from key, to key) order, whatever the page
size: across range boundaries, with persons that have no relationships between others,
with many persons on one film (ties on the to key), and with one person who has more
relationships than a page (paged inside its own range, no page larger than the size).
"""

from __future__ import annotations

import pytest

from graph import schema
from graph.model import ActedIn, Directed, Film, Person
from graph.stores import Store
from graph.stores.arrow_rows import ArrowRows
from graph.stores.base import KEY_PAGES, _key_ranges
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore

SOURCES = ["test:paging"]
FILMS = [f"tt{n:07d}" for n in range(1, 10)]
# Person number -> the films (indexes into FILMS) they acted in. Person 3 is in all nine
# (more than any small page); person 4 in none (a gap inside a range); film 0 has four
# actors (the same to key under several from keys).
CASTS = {1: [0, 4], 2: [0, 8, 3], 3: list(range(9)), 4: [], 5: [0], 6: [0, 2], 7: [5]}


def person_key(n: int) -> str:
    return f"person:imdb:nm{n:07d}"


def film_key(index: int) -> str:
    return f"film:imdb:{FILMS[index]}"


def load(store: Store) -> None:
    films = [Film(title=f"Film {imdb}", imdb=imdb, sources=SOURCES) for imdb in FILMS]
    people = [Person(name=f"Person {n}", imdb=f"nm{n:07d}", sources=SOURCES) for n in CASTS]
    acted = [
        ActedIn.model_validate(
            {"from": person_key(n), "to": film_key(f), "sources": SOURCES, "roles": [f"R{n}{f}"]}
        )
        for n, cast in CASTS.items()
        for f in cast
    ]
    # Written in reverse so that insertion order is not already the export order.
    directed = [
        Directed.model_validate({"from": person_key(n), "to": film_key(n), "sources": SOURCES})
        for n in (6, 2, 1)
    ]
    store.write([*films, *people, *reversed(acted), *directed])


def expected_acted_in() -> list[tuple[str, str]]:
    return sorted((person_key(n), film_key(f)) for n, cast in CASTS.items() for f in cast)


@pytest.mark.parametrize("page_size", [1, 2, 3, 4, 5, 8, 9, 10, 1000])
def test_every_edge_once_in_order_at_any_page_size(store: Store, page_size: int) -> None:
    load(store)
    acted = list(store.iter_edges(schema.ACTED_IN, page_size))
    assert [(e["from"], e["to"]) for e in acted] == expected_acted_in()
    assert all(e["roles"] == [f"R{int(e['from'][-7:])}{FILMS.index(e['to'][-9:])}"] for e in acted)
    directed = [(e["from"], e["to"]) for e in store.iter_edges(schema.DIRECTED, page_size)]
    assert directed == sorted((person_key(n), film_key(n)) for n in (1, 2, 6))
    assert list(store.iter_edges(schema.WROTE, page_size)) == []


@pytest.mark.parametrize("page_size", [2, 4])
def test_no_page_is_larger_than_the_page_size(
    store: Store, page_size: int, pages_read: list[tuple[str, int]]
) -> None:
    """Person 3's nine films are read in to-key ranges of ``page_size`` (its film keys,
    keys only, are the one read that the page size does not bound)."""
    load(store)
    rows = list(store.iter_edges(schema.ACTED_IN, page_size))
    assert len(rows) == len(expected_acted_in())
    # Split by film key: person 3, and any other person with more films than a page.
    heavy = sorted(len(cast) for cast in CASTS.values() if len(cast) > page_size)
    assert sorted(size for name, size in pages_read if name == "export_targets") == heavy
    key_pages = [size for name, size in pages_read if name == "export_degrees"]
    assert key_pages and all(size <= KEY_PAGES * page_size for size in key_pages)
    edge_pages = [size for name, size in pages_read if name == "export_acted_in"]
    assert all(size <= page_size for size in edge_pages)
    assert len(edge_pages) >= -(-9 // page_size) and sum(edge_pages) == len(expected_acted_in())


def test_key_ranges_cut_by_degree() -> None:
    degrees = [
        {"key": "a", "degree": 2},
        {"key": "b", "degree": 0},
        {"key": "c", "degree": 1},
        {"key": "d", "degree": 7},  # more than the limit: a range of its own
        {"key": "e", "degree": 3},
        {"key": "f", "degree": 1},
        {"key": "g", "degree": 0},
    ]
    assert list(_key_ranges(degrees, 3)) == [
        ("a", "c", 3),
        ("d", "d", 7),
        ("e", "e", 3),
        ("f", "f", 1),
    ]
    assert list(_key_ranges(degrees, 4)) == [("a", "c", 3), ("d", "d", 7), ("e", "f", 4)]
    assert list(_key_ranges(degrees, 100)) == [("a", "f", 14)]
    assert list(_key_ranges([{"key": "a", "degree": 0}], 3)) == []


def test_embedded_pages_read_by_slices_give_the_same_rows(
    embedded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded store turns a page (an Arrow table) into dicts a slice at a time."""
    load(embedded_store)
    whole = {rel: list(embedded_store.iter_edges(rel, 4)) for rel in schema.REL_TYPES}
    whole |= {label: list(embedded_store.iter_nodes(label, 4)) for label in schema.NODE_LABELS}
    monkeypatch.setattr(ArrowRows, "SLICE", 3)
    sliced = {rel: list(embedded_store.iter_edges(rel, 4)) for rel in schema.REL_TYPES}
    sliced |= {label: list(embedded_store.iter_nodes(label, 4)) for label in schema.NODE_LABELS}
    assert sliced == whole and len(sliced[schema.ACTED_IN]) == len(expected_acted_in())
    page = embedded_store._page("export_keys", {"after": "", "limit": 5}, {"label": "Film"})
    keys = [film_key(i) for i in range(5)]
    assert [row["key"] for row in page] == keys and len(page) == 5
    assert page[0]["key"] == keys[0] and page[-1]["key"] == keys[-1]
    assert [row["key"] for row in page[1:3]] == keys[1:3]
    with pytest.raises(IndexError):
        page[5]


NAMES = ["Zoë Ångström", "Ζωή Δ", "李小龍", "𠀋人", "한국 배우", "zoe b", "Zoe A"]


def load_names(store: Store) -> None:
    films = [Film(title=f"Film {imdb}", imdb=imdb, sources=SOURCES) for imdb in FILMS[:3]]
    people = [Person(name=name, sources=SOURCES) for name in NAMES]
    acted = [
        ActedIn.model_validate({"from": p.key, "to": film_key(i), "sources": SOURCES})
        for n, p in enumerate(people)
        for i in range(n % 3 + 1)
    ]
    store.write([*films, *people, *acted])


@pytest.mark.parametrize("page_size", [1, 2, 1000])
def test_keys_in_any_script_come_in_code_point_order(store: Store, page_size: int) -> None:
    """Text keys in several scripts (one outside the BMP): the engine's key pages and the
    store's sort of each page agree, so the order is the code point order throughout."""
    load_names(store)
    people = [row["key"] for row in store.iter_nodes(schema.PERSON, page_size)]
    assert people == sorted(Person(name=name, sources=SOURCES).key for name in NAMES)
    pairs = [(e["from"], e["to"]) for e in store.iter_edges(schema.ACTED_IN, page_size)]
    assert pairs == sorted(pairs) and len(pairs) == len(set(pairs)) == 13
    assert [p for p, _ in pairs if _ == film_key(0)] == people


@pytest.mark.neo4j
def test_both_stores_page_the_same_rows(
    embedded_store: EmbeddedStore, neo4j_store: Neo4jStore
) -> None:
    for s in (embedded_store, neo4j_store):
        load(s)
        load_names(s)
    for page_size in (2, 3):
        for rel in schema.REL_TYPES:
            assert list(embedded_store.iter_edges(rel, page_size)) == list(
                neo4j_store.iter_edges(rel, page_size)
            ), rel
        for label in schema.NODE_LABELS:
            assert list(embedded_store.iter_nodes(label, page_size)) == list(
                neo4j_store.iter_nodes(label, page_size)
            ), label
