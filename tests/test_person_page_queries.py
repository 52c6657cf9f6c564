"""The person page's faster queries (issue 8) give exactly the answers they replace.

``filmography_window`` must be a slice of ``filmography``; the reshaped
``related_people`` variants (scores from per-film weight tables, keys read only at
the cut, reasons only for the chosen) and the candidates-first path
(``related_candidates`` then ``co_credits_among``) must rank, score and explain
exactly as the pair-by-pair formula does, here computed in Python from all raw
co-credits (:func:`graph.pages._related_from_credits`), on a graph with every pairing
of credit kinds, several credits on one film, undated films and ties at the cut.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_page_queries import ANA, FIXTURE, KIRI
from test_web_speed_paths import RELATED_PATHS, use_related_path

from graph import pages, schema
from graph.model import Edge, Film, Node, Person, parse_record
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore
from graph.web import shapes
from loaders.records import read_records

SOURCES = ["test:person-page"]
CREDITS = [schema.ACTED_IN, schema.DIRECTED, schema.WROTE, schema.PRODUCED, schema.CREDITED]
STAR = "person:imdb:nm0000001"
TIED = range(59, 49, -1)


def _person(n: int) -> str:
    return f"person:imdb:nm{n:07d}"


def _film(n: int) -> str:
    return f"film:imdb:tt{n:07d}"


def _credit(rel: str, person: int, film: int) -> Edge:
    record: dict[str, Any] = {"type": rel, "from": _person(person), "to": _film(film)}
    if rel == schema.ACTED_IN:
        record["roles"] = [f"Role {person}"]
    if rel == schema.CREDITED:
        record["categories"] = ["composer"]
    edge = parse_record({**record, "sources": SOURCES})
    assert isinstance(edge, Edge)
    return edge


def _mixed_records() -> list[Node | Edge]:
    """The star holds one or two credit kinds on each film; five others per film hold
    every kind; films share co-workers so scores add up and tie."""
    films = 24
    records: list[Node | Edge] = [
        Person(name=f"Person {n}", imdb=f"nm{n:07d}", sources=SOURCES) for n in range(1, 40)
    ]
    for f in range(1, films + 1):
        year = None if f % 7 == 0 else 1990 + f  # some undated films
        records.append(Film(title=f"Film {f % 5}", imdb=f"tt{f:07d}", year=year, sources=SOURCES))
        mine = {CREDITS[f % 5], CREDITS[(f * 3) % 5]}  # one or two kinds of credit
        records += [_credit(rel, 1, f) for rel in sorted(mine)]
        for i, rel in enumerate(CREDITS):
            records.append(_credit(rel, 2 + (f + i * 5) % 38, f))
    # Ten who each act in the same film only: tied, listed in reverse key order.
    records += [Person(name=f"Tied {n}", imdb=f"nm{n:07d}", sources=SOURCES) for n in TIED]
    records += [_credit(schema.ACTED_IN, n, films) for n in TIED]
    return records


@pytest.fixture
def mixed(store: Store) -> Store:
    store.write(_mixed_records())
    return store


def _all_paths(store: Store, monkeypatch: pytest.MonkeyPatch, limit: int) -> list[Any]:
    """related_people by each path (test_web_speed_paths.RELATED_PATHS), all co-credits
    scored in Python first."""
    answers = []
    for path in RELATED_PATHS:
        use_related_path(monkeypatch, path)
        answers.append(pages.related_people(store, STAR, limit))
    return answers


@pytest.mark.parametrize("limit", [1, 3, 7, 20, 100])
def test_related_query_scores_every_pairing_as_the_formula_does(
    mixed: Store, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    raw, candidates, by_query = _all_paths(mixed, monkeypatch, limit)
    assert by_query == raw == candidates
    assert len(raw) == min(limit, 48)
    pairs = {(f["credit"], f["their_credit"]) for e in raw for f in e["films"]}
    if limit == 100:  # every pairing of kinds was weighed
        assert pairs == {(a, b) for a in CREDITS for b in CREDITS}


def test_related_query_keeps_ties_at_the_cut_in_key_order(
    mixed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    everyone = _all_paths(mixed, monkeypatch, 100)[0]
    scores = [e["film_score"] for e in everyone]
    # A limit that cuts inside a run of equal scores: the run is cut by key.
    cut = next(i for i in range(1, len(scores)) if scores[i] == scores[i - 1])
    raw, candidates, by_query = _all_paths(mixed, monkeypatch, cut)
    assert by_query == raw == candidates == everyone[:cut]
    tied = [e["person"] for e in everyone if e["person"] in {_person(n) for n in TIED}]
    assert tied == sorted(tied) and len(tied) == 10
    # And a cut inside the ten.
    inside = everyone.index(next(e for e in everyone if e["person"] == tied[0])) + 4
    raw, candidates, by_query = _all_paths(mixed, monkeypatch, inside)
    assert by_query == raw == candidates == everyone[:inside]
    assert raw[-1]["person"] == tied[3]


def test_filmography_window_is_a_slice_of_the_filmography(store: Store) -> None:
    store.write(_mixed_records())
    store.write(read_records(FIXTURE))
    for person in (STAR, ANA, KIRI, _person(2)):
        whole = pages.filmography(store, person)
        assert pages.credit_span(store, person).films == len(whole) > 0
        for offset, limit in ((0, 100), (0, 1), (1, 2), (3, 5), (len(whole) - 1, 10), (50, 5)):
            window = pages.filmography_window(store, person, offset, limit)
            assert window == whole[offset : offset + limit], (person, offset, limit)
            # Short filmographies are read whole and cut in Python: the same answer.
            total = len(whole)
            assert pages.filmography_window(store, person, offset, limit, total) == window
    # Two credits on one film stay one entry on the page.
    star = pages.filmography(store, STAR)
    assert any(len(f["credits"]) == 2 for f in star)
    assert [f["year"] for f in star][-3:] == [None, None, None]  # undated last


def test_person_page_counts_all_films_and_shows_one_page(store: Store) -> None:
    store.write(_mixed_records())
    page = shapes.person_page(store, STAR, offset=20, films=10)
    assert page["filmography_total"] == 24
    assert page["filmography"] == pages.filmography(store, STAR)[20:30]
    assert page["related"] == pages.related_people(store, STAR, shapes.RELATED_LIMIT)


@pytest.mark.neo4j
def test_window_and_related_agree_on_both_stores(
    embedded_store: EmbeddedStore, neo4j_store: Neo4jStore
) -> None:
    for s in (embedded_store, neo4j_store):
        s.write(_mixed_records())
    for limit in (1, 5, 20):
        params = {"person": STAR, "limit": limit}
        embedded = embedded_store.named("related_people", params)
        server = neo4j_store.named("related_people", params)
        assert _canonical(embedded.rows) == _canonical(server.rows), limit
    for offset in (0, 7, 23):
        params = {"person": STAR, "offset": offset, "limit": 4}
        rows = embedded_store.named("filmography_window", params).rows
        assert rows == neo4j_store.named("filmography_window", params).rows


def _canonical(rows: list[list[Any]]) -> list[Any]:
    """Rows in one order, with the collected lists (engine-ordered) sorted."""

    def items(values: list[Any] | None) -> list[str]:
        return sorted(json.dumps(v, sort_keys=True) for v in values or [])

    return sorted(([*r[:4], items(r[4]), items(r[5])] for r in rows), key=json.dumps)
