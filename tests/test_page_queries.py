"""The page queries (issue 5): what they answer, and identical answers on both stores.

The fixture graph is ``tests/data/queries-fixture.jsonl`` (made-up names),
loaded through the records format into each store.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import queries
from graph import pages, resolve
from graph.errors import ResolveError
from graph.model import parse_record
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore
from loaders.records import read_records

FIXTURE = Path(__file__).parent / "data" / "queries-fixture.jsonl"
ANA, WREN, WREN_2, KIRI, DOV = (f"person:imdb:nm000000{i}" for i in (1, 2, 3, 4, 5))
MEI, RAFE, SUNNY, ISOLDE = (f"person:imdb:nm000000{i}" for i in (6, 7, 8, 9))
ORCHARD, HARBOUR, FERRY, UNDATED = (f"film:imdb:tt000000{i}" for i in (1, 2, 3, 4))
SLOTS: dict[str, str] = {}

# Every query this issue added, with parameters (and template slots) to run it with.
CASES: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    ("filmography", {"person": ANA}, SLOTS),
    ("filmography", {"person": KIRI}, SLOTS),
    ("cast", {"film": ORCHARD}, SLOTS),
    ("crew", {"film": ORCHARD}, SLOTS),
    ("co_stars", {"person": ANA, "limit": 10}, SLOTS),
    ("co_stars", {"person": ANA, "limit": 1}, SLOTS),
    *[
        ("collaborators", {"person": ANA, "limit": 10}, {"credit": c})
        for c in queries.SLOT_VALUES["credit"]
    ],
    ("related_people", {"person": ANA, "limit": 20}, SLOTS),
    ("related_people", {"person": ANA, "limit": 2}, SLOTS),
    ("related_people", {"person": KIRI, "limit": 20}, SLOTS),
    ("path", {"person_a": WREN, "person_b": ISOLDE}, {"path_rels": "8"}),
    ("path", {"person_a": WREN, "person_b": ISOLDE}, {"path_rels": "2"}),
    ("reviews_of", {"film": ORCHARD}, SLOTS),
    ("mentions", {"entity": ANA}, SLOTS),
    ("mentions", {"entity": ORCHARD}, SLOTS),
    ("search", {"q": "tomas-wren", "limit": 10}, SLOTS),
    ("search", {"q": "ana-lucia", "limit": 10}, SLOTS),
    ("search", {"q": "or", "limit": 3}, SLOTS),
    ("describe", {"keys": [ANA, ORCHARD, "person:imdb:nm9999999"]}, SLOTS),
    ("known_for", {"keys": [WREN, WREN_2]}, SLOTS),
    ("by_id", {"value": "Q9000001"}, {"field": "qid"}),
    ("by_id", {"value": "tt0000002"}, {"field": "imdb"}),
    ("by_id", {"value": 4242}, {"field": "tmdb"}),
    ("person_card", {"person": ANA}, SLOTS),
]
ADDED = {
    "filmography",
    "cast",
    "crew",
    "co_stars",
    "collaborators",
    "related_people",
    "path",
    "reviews_of",
    "mentions",
    "search",
    "describe",
    "known_for",
    "by_id",
    "person_card",
}
# Lists built by collect(): the engines may order them differently; the pages sort them.
UNORDERED_LISTS = {"related_people": ("films", "reviews")}


@pytest.fixture
def loaded(store: Store) -> Store:
    store.write(read_records(FIXTURE))
    return store


def _canonical(name: str, result: Any) -> list[list[Any]]:
    rows = [list(r) for r in result.rows]
    for column in UNORDERED_LISTS.get(name, ()):
        i = result.columns.index(column)
        for row in rows:
            row[i] = sorted(row[i] or [], key=lambda item: json.dumps(item, sort_keys=True))
    return rows


def test_every_added_query_has_a_case() -> None:
    assert {name for name, _, _ in CASES} == ADDED


def test_variants_differ_only_in_the_relationship_type_function() -> None:
    # related_people has two real variants (each engine's planner needs its own shape);
    # test_added_queries_agree_on_both_stores and tests/test_related_top.py prove them equal.
    for name in ("filmography", "crew"):
        neo4j_text = queries.get(name, "neo4j").text
        embedded_text = queries.get(name, "embedded").text
        assert neo4j_text.count("type(r") == embedded_text.count("label(r") > 0
        assert re.sub(r"\btype\(", "label(", neo4j_text) == embedded_text, name


@pytest.mark.neo4j
def test_added_queries_agree_on_both_stores(
    embedded_store: EmbeddedStore, neo4j_store: Neo4jStore
) -> None:
    for store in (embedded_store, neo4j_store):
        store.write(read_records(FIXTURE))
    for name, params, slots in CASES:
        embedded = embedded_store.named(name, params, **slots)
        server = neo4j_store.named(name, params, **slots)
        assert embedded.columns == server.columns, name
        assert _canonical(name, embedded) == _canonical(name, server), (name, params, slots)
        assert embedded.rows or name in ("path", "describe") or params.get("limit") == 1, name


@pytest.mark.neo4j
def test_pages_agree_on_both_stores(embedded_store: EmbeddedStore, neo4j_store: Neo4jStore) -> None:
    for store in (embedded_store, neo4j_store):
        store.write(read_records(FIXTURE))
    for build in (
        lambda s: pages.filmography_page(s, ANA),
        lambda s: pages.related_page(s, ANA, 20),
        lambda s: pages.path_page(s, WREN, ISOLDE, 4),
    ):
        assert build(embedded_store) == build(neo4j_store)


def test_filmography_newest_first_with_credits(loaded: Store) -> None:
    rows = loaded.named("filmography", {"person": ANA}).records()
    assert [(r["title"], r["year"], r["credit"]) for r in rows] == [
        ("The Glass Orchard", 2019, "ACTED_IN"),
        ("Salt Harbour", 2015, "ACTED_IN"),
        ("Night Ferry", 2008, "DIRECTED"),
        ("Undated Reel", None, "ACTED_IN"),
    ]
    assert rows[0]["roles"] == ["Inês"] and rows[2]["roles"] is None
    page = pages.filmography_page(loaded, ANA)
    assert page["person"]["qid"] == "Q9000001"
    assert [m["date"] for m in page["mentioned_in"]] == ["2020-01-02", "2016-05-06"]
    assert [e["text"] for e in page["mentioned_in"][0]["evidence"]] == ["Ána Lúcia Bérgamo", "Ána"]


def test_cast_in_billing_order_and_crew_by_department(loaded: Store) -> None:
    cast = loaded.named("cast", {"film": ORCHARD}).records()
    assert [(r["person"], r["billing"]) for r in cast] == [(ANA, 1), (WREN, 2), (MEI, None)]
    crew = loaded.named("crew", {"film": ORCHARD}).records()
    assert [(r["credit"], r["person"]) for r in crew] == [
        ("DIRECTED", KIRI),
        ("WROTE", DOV),
        ("WROTE", KIRI),
        ("PRODUCED", RAFE),
        ("CREDITED", MEI),
    ]
    assert crew[-1]["categories"] == ["composer"]


def test_related_people_scores_and_reasons(loaded: Store) -> None:
    related = {e["person"]: e for e in pages.related_people(loaded, ANA, 20)}
    # Kiri directed and wrote Ana's 2019 film (1.5 + 1.5) and directed her 2015 one (1.5 / 1.4).
    assert related[KIRI]["film_score"] == round(3.0 + round(1.5 / 1.4, 4), 4)
    # Sunny shares no film; two reviews mention both.
    assert related[SUNNY]["films"] == [] and related[SUNNY]["score"] == 1.0
    assert [r["source"] for r in related[SUNNY]["reviews"]] == [
        "reviews/glass-orchard.txt",
        "reviews/salt-harbour.txt",
    ] or len(related[SUNNY]["reviews"]) == 2
    # Wren: actor-actor 2019 (1.0) + director-actor 2008 (1.5 / 2.1) + one co-mention (0.5).
    wren = related[WREN]
    assert wren["film_score"] == round(1.0 + round(1.5 / 2.1, 4), 4)
    assert wren["score"] == round(wren["film_score"] + 0.5, 4)
    assert {(f["title"], f["credit"], f["their_credit"]) for f in wren["films"]} == {
        ("The Glass Orchard", "ACTED_IN", "ACTED_IN"),
        ("Night Ferry", "DIRECTED", "ACTED_IN"),
    }
    ranked = pages.related_people(loaded, ANA, 20)
    assert [e["score"] for e in ranked] == sorted((e["score"] for e in ranked), reverse=True)
    assert [e["rank"] for e in pages.related_people(loaded, ANA, 2)] == [1, 2]
    assert ANA not in related


def test_path_chain_and_hop_limit(loaded: Store) -> None:
    page = pages.path_page(loaded, WREN, ISOLDE, 4)
    assert page["hops"] == 2
    assert [n["name"] for n in page["chain"]] == [
        "Tomas Wren",
        "The Glass Orchard",
        "Rafe Lindqvist",
        "Copper Sky",
        "Isolde Marchetti",
    ]
    assert [(link["credit"], link["roles"]) for link in page["links"]] == [
        ("ACTED_IN", ["Captain Hale", "Narrator"]),
        ("PRODUCED", None),
        ("ACTED_IN", ["Tide"]),
        ("DIRECTED", None),
    ]
    assert pages.path_page(loaded, WREN, ISOLDE, 1)["hops"] is None


def test_search_is_tolerant_and_ranked(loaded: Store) -> None:
    for typed in ("ana lucia bergamo", "ÁNA-LÚCIA  BÉRGAMO", "Ana-Lucia Bergamo"):
        assert resolve.exact_matches(loaded, typed, ("Person",))[0]["key"] == ANA
    rows = loaded.named("search", {"q": "glass", "limit": 10}).records()
    assert [(r["kind"], r["key"], r["rank"]) for r in rows] == [("Film", ORCHARD, 1)]


# Names whose stored words share needles, in scripts and with characters that test the
# index's ordering (UTF-8 byte order, as LadybugDB sorts) and its quoting: a name with no
# letter a-z keeps its punctuation in `search` (graph.keys.normalize).
ODD_NAMES = [
    "Éva Lark",
    "Eva Lark",
    "Zoë Lark-Ä",
    "Ω Lark",
    "김 라크",
    "김라크",
    "「가나다」 \"%_'`",
    "「가나다」 %%",
    '"_"',
    "`",
]
ODD_NEEDLES = ['"', '""', "%", "_", "`", "'", '"%_', "%_'`", "%%", "` OR `", "NEAR", "a*", "(", "}"]


def _odd_records() -> list[Any]:
    people = [{"type": "Person", "name": n, "tmdb": 93000 + i} for i, n in enumerate(ODD_NAMES)]
    films = [{"type": "Film", "title": n, "tmdb": 94000 + i} for i, n in enumerate(ODD_NAMES)]
    return [parse_record({"sources": ["test"], **r}) for r in people + films]


def _people_then_films(rows: list[list[Any]]) -> list[list[Any]]:
    # LadybugDB's UNION ALL does not always return its branches in order; each keeps its own.
    return [r for r in rows if r[0] == "Person"] + [r for r in rows if r[0] != "Person"]


def test_embedded_search_variant_answers_like_the_shared_query(
    embedded_store: EmbeddedStore,
) -> None:
    # The embedded store answers `search` from its trigram index (needles of 3+ characters)
    # or from its Cypher variant (shorter ones, or no index): every needle that can hit a
    # word (whole words, word starts, word insides, 1 to 4 characters) and needles full of
    # quoting characters must give the rows of the shared query, in the same order.
    embedded_store.write([*read_records(FIXTURE), *_odd_records()])
    words = {
        word
        for label in ("Person", "Film")
        for (search,) in embedded_store.query(f"MATCH (n:{label}) RETURN n.search").rows
        for word in search.split()
    }
    needles = {w[i : i + n] for w in words for n in (1, 2, 3, 4) for i in range(len(w) - n + 1)}
    shared = queries.get("search").text
    variant = queries.get("search", "embedded").text
    assert variant != shared
    assert embedded_store._index is not None
    indexed = 0
    for q in sorted(needles | words | {"zzz", *ODD_NEEDLES}):
        for limit in (1, 10):
            params = {"q": q, "limit": limit}
            expected = _people_then_films(embedded_store.query(shared, params).rows)
            assert _people_then_films(embedded_store.query(variant, params).rows) == expected
            assert _people_then_films(embedded_store.named("search", params).rows) == expected
            from_index = embedded_store._index.search(params)
            assert (from_index is not None) == (len(q) >= 3), params
            if from_index is not None:
                assert from_index.rows == expected, params  # Person rows first, always
                indexed += bool(expected)
    assert indexed > 200
    # Equal ranks in UTF-8 byte order, as LadybugDB sorts strings: "Zoë" before "Éva".
    rows = embedded_store.named("search", {"q": "lark", "limit": 10}).rows
    people = [("Ω Lark", 0), ("Eva Lark", 2), ("Zoë Lark-Ä", 2), ("Éva Lark", 2)]
    assert [(r[2], r[4]) for r in rows] == people + people


def test_resolve_by_key_id_and_name(loaded: Store) -> None:
    person = ("Person",)
    assert resolve.resolve(loaded, ANA, person) == ANA
    assert resolve.resolve(loaded, "nm0000004", person) == KIRI
    assert resolve.resolve(loaded, "q9000001", person) == ANA
    assert resolve.resolve(loaded, "tmdb:4242", person) == DOV
    assert resolve.resolve(loaded, "dov ashkenaz ruiz", person) == DOV
    assert resolve.resolve(loaded, "tt0000003", ("Film",)) == FERRY


def test_resolve_ambiguous_lists_what_tells_them_apart(loaded: Store) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve.resolve(loaded, "Tomas Wren", ("Person",))
    assert str(caught.value) == (
        "'Tomas Wren' names 2 entries; give one of these keys (or an id) instead:\n"
        f"  {WREN}  Tomas Wren (born 1975), "
        "known for Night Ferry (2008), The Glass Orchard (2019)\n"
        f"  {WREN_2}  Tomas Wren (born 1990), known for Salt Harbour (2015)"
    )
    assert [c["key"] for c in caught.value.candidates] == [WREN, WREN_2]


def test_resolve_unknown_suggests_close_names(loaded: Store) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve.resolve(loaded, "Mei Okonkow", ("Person",))
    assert str(caught.value) == (
        "no person named 'Mei Okonkow'; did you mean: "
        "Mei Okonkwo (born 1985) [person:imdb:nm0000006]?"
    )
    with pytest.raises(ResolveError, match="no person with imdb 'nm0999999' in the store"):
        resolve.resolve(loaded, "nm0999999", ("Person",))
