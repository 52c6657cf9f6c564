"""What the serve speed work added: filmography pages, the key fast path, `serve --workers`,
and related people scored from raw co-credits giving the related_people query's answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from test_page_queries import ANA as PERSON_IN_FIXTURE
from test_page_queries import FIXTURE
from test_related_top import STAR, _expected, _records
from web_data import FILM, PERSON, fill, filled_store, served

from graph import pages
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore
from graph.web import shapes
from graph.web.app import create_app
from loaders.records import read_records

DASH = "\N{EN DASH}"
FILMS = ["film:title:ballerina:2023", "film:title:the-call:2020", "film:wd:Q27964354"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store(tmp_path_factory.mktemp("web-speed"))


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(store_path, read_only=True)
    yield TestClient(create_app(store), raise_server_exceptions=False)
    store.close()


def _films_section(html: str) -> str:
    return html.split("<h2>Filmography</h2>")[1].split("<h2>Related people</h2>")[0]


def test_first_page_of_films_links_to_the_next_without_javascript(client: TestClient) -> None:
    html = _films_section(client.get(f"/person/{PERSON}?limit=2").text)
    assert [f for f in FILMS if f'href="/film/{f}"' in html] == FILMS[:2]
    assert (
        f'<p id="film-pages">Films 1{DASH}2 of 3. <a rel="next" '
        f'href="/person/{PERSON}?offset=2&amp;limit=2">Older films</a></p>'
    ) in html
    assert 'rel="prev"' not in html


def test_next_page_of_films_links_back(client: TestClient) -> None:
    html = _films_section(client.get(f"/person/{PERSON}?offset=2&limit=2").text)
    assert [f for f in FILMS if f'href="/film/{f}"' in html] == FILMS[2:]
    assert (
        f'<p id="film-pages">Films 3{DASH}3 of 3. <a rel="prev" '
        f'href="/person/{PERSON}?offset=0&amp;limit=2">Newer films</a></p>'
    ) in html
    assert 'rel="next"' not in html


def test_a_page_past_the_end_says_so_and_links_back(client: TestClient) -> None:
    html = _films_section(client.get(f"/person/{PERSON}?offset=50").text)
    assert "<p>No films from number 51 on.</p>" in html
    assert (
        '<p id="film-pages">3 films. <a rel="prev" '
        f'href="/person/{PERSON}?offset=0&amp;limit=100">Newer films</a></p>'
    ) in html


def test_all_films_on_one_page_show_no_page_links(client: TestClient) -> None:
    html = _films_section(client.get(f"/person/{PERSON}").text)
    assert [f for f in FILMS if f'href="/film/{f}"' in html] == FILMS
    assert "film-pages" not in html


def test_api_pages_the_filmography_with_offset_and_limit(client: TestClient) -> None:
    whole = client.get(f"/api/person/{PERSON}").json()
    part = client.get(f"/api/person/{PERSON}", params={"offset": 1, "limit": 1}).json()
    assert [f["film"] for f in whole["filmography"]] == FILMS
    assert [f["film"] for f in part["filmography"]] == FILMS[1:2]
    assert (part["filmography_total"], part["filmography_offset"], part["filmography_limit"]) == (
        3,
        1,
        1,
    )
    assert whole["filmography_limit"] == shapes.FILMS_PER_PAGE
    assert part["related"] == whole["related"] and part["person"] == whole["person"]


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=x"])
def test_bad_film_windows_are_refused(client: TestClient, query: str) -> None:
    assert client.get(f"/api/person/{PERSON}?{query}").status_code == 422
    assert client.get(f"/person/{PERSON}?{query}").status_code == 422


def test_an_unknown_key_is_a_404_without_resolving(client: TestClient) -> None:
    for url, what in (("/person/person:name:nobody-here", "person"), ("/film/film:wd:Q1", "film")):
        page = client.get(url)
        assert page.status_code == 404
        key = url.split("/")[-1]
        assert f"no {what} with key &#39;{key}&#39; in the store" in page.text
        api = client.get("/api" + url)
        assert api.json() == {"error": f"no {what} with key {key!r} in the store", "candidates": []}


def test_two_workers_answer_as_one_process_does(store_path: Path, client: TestClient) -> None:
    with served(store_path, "--workers", "2") as base, httpx.Client(base_url=base) as http:
        for url in (f"/api/person/{PERSON}", f"/api/film/{FILM}", f"/api/person/{PERSON}"):
            answer = http.get(url)
            assert answer.status_code == 200
            assert answer.json() == client.get(url).json()
        assert http.get("/person/nobody-at-all").status_code == 404


#: How graph.pages.related_people finds related people: (stores scoring in Python,
#: most films for which all co-credits are read). Every path must give the same answer.
RELATED_PATHS = {
    "all co-credits": (frozenset({"embedded", "neo4j"}), 10_000),
    "candidates first": (frozenset({"embedded", "neo4j"}), -1),
    "related_people query": (frozenset(), 10_000),
}


def use_related_path(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    stores, most_films = RELATED_PATHS[path]
    monkeypatch.setattr(pages, "RAW_RELATED_STORES", stores)
    monkeypatch.setattr(pages, "RAW_RELATED_MAX_FILMS", most_films)


@pytest.fixture(params=list(RELATED_PATHS))
def related_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    use_related_path(monkeypatch, request.param)
    return str(request.param)


@pytest.mark.parametrize("limit", [1, 150, 2500])
def test_both_related_paths_keep_the_exact_top(store: Store, related_path: str, limit: int) -> None:
    store.write(_records())
    got = [(e["person"], e["film_score"]) for e in pages.related_people(store, STAR, limit)]
    assert got == _expected(limit), related_path


def test_both_related_paths_agree_on_reasons_and_reviews(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(read_records(FIXTURE))
    people = [r[0] for r in store.query("MATCH (p:Person) RETURN p.key ORDER BY p.key").rows]
    answers = []
    for path in RELATED_PATHS:
        use_related_path(monkeypatch, path)
        answers.append({p: pages.related_people(store, p, 20) for p in people})
    assert answers[0] == answers[1] == answers[2]
    assert any(e["reviews"] for entries in answers[0].values() for e in entries)
    assert any(e["films"] for entries in answers[0].values() for e in entries)


def _queries_run(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the named queries ``store`` runs from now on, in order."""
    ran: list[str] = []
    named = store.named

    def spy(name: str, *args: Any, **slots: str) -> Any:
        ran.append(name)
        return named(name, *args, **slots)

    monkeypatch.setattr(store, "named", spy)
    return ran


def test_the_raw_path_is_taken_on_the_embedded_store_only(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(read_records(FIXTURE))
    ran = _queries_run(store, monkeypatch)
    pages.related_people(store, PERSON_IN_FIXTURE, 20)
    expected = ["credit_span", "co_credits", "co_mentioned"]
    # Neo4j looks for a precomputed answer first: without a film count, for anyone.
    neo4j = ["related_cache_get", "related_people"]
    assert ran == (expected if store.dialect == "embedded" else neo4j)
    assert pages.credit_span(store, PERSON_IN_FIXTURE).mentioned is True


def test_no_review_is_read_for_a_person_no_review_mentions(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(_records())
    ran = _queries_run(store, monkeypatch)
    page = shapes.person_page(store, STAR)
    assert page["mentioned_in"] == [] and page["related"]
    assert "mentions" not in ran and "co_mentioned" not in ran
    assert pages.credit_span(store, STAR) == pages.CreditSpan(films=3, latest=2020, mentioned=False)


def test_people_with_many_films_get_candidates_first_on_the_embedded_store(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(read_records(FIXTURE))
    monkeypatch.setattr(pages, "RAW_RELATED_MAX_FILMS", 0)
    ran = _queries_run(store, monkeypatch)
    pages.related_people(store, PERSON_IN_FIXTURE, 20)
    expected = ["credit_span", "related_candidates", "co_credits_among", "co_mentioned"]
    neo4j = ["related_cache_get", "related_people"]
    assert ran == (expected if store.dialect == "embedded" else neo4j)


def test_scores_round_half_away_from_zero_as_the_stores_do() -> None:
    assert pages._round4(10 / 64) == 0.1563  # 0.15625: Python's round() gives 0.1562
    assert pages._round4(15 / 32) == 0.4688
    assert pages._round4(1 / 3) == 0.3333


def test_films_alongside_are_looked_up_only_for_films_with_reviews(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(store, tmp_path)
    ran = _queries_run(store, monkeypatch)
    quiet = shapes.film_page(store, FILMS[1])  # no review of it or mentioning it
    assert "mentioned_alongside" not in ran
    assert quiet["reviewed_in"] == quiet["mentioned_in"] == quiet["mentioned_alongside"] == []
    ran.clear()
    reviewed = shapes.film_page(store, FILM)
    assert "mentioned_alongside" in ran
    assert reviewed["mentioned_alongside"] == [
        {"film": FILMS[2], "title": "Burning", "year": 2018, "reviews": 1}
    ]
