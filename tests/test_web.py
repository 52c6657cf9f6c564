"""`reelgraph serve`: pages, JSON API, 404s and escaping, over real stores via HTTP clients."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from web_data import (
    FILM,
    NAME,
    OTHER_FILM,
    PERSON,
    REVIEW,
    SCRIPT,
    fill,
    filled_store,
    served,
)

from graph import pages
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore
from graph.web.app import create_app

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def read_only(store_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(read_only: EmbeddedStore) -> TestClient:
    return TestClient(create_app(read_only), raise_server_exceptions=False)


def test_person_page_shows_card_films_related_and_highlighted_mentions(client: TestClient) -> None:
    res = client.get(f"/person/{PERSON}")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/html")
    html = res.text
    assert f"<h1>{NAME}</h1>" in html
    assert f'<a href="/film/{FILM}">Ballerina</a> (2023):\nactor as Ok-ju' in html
    assert '<a href="/person/person:name:lee-chung-hyun">Lee Chung-hyun</a>' in html
    assert "actor / director" in html  # the reason: a shared film and both credits
    assert f"<mark>{NAME}</mark> is &lt;b&gt;fierce&lt;/b&gt;" in html


def test_review_html_and_script_are_text_everywhere(client: TestClient) -> None:
    for url in (f"/person/{PERSON}", f"/film/{FILM}", f"/film/{OTHER_FILM}"):
        html = client.get(url).text
        assert SCRIPT not in html, url
        assert "<b>fierce" not in html, url
        assert ESCAPED_SCRIPT in html, url
        assert "&lt;i&gt;anon&lt;/i&gt;" in html, url  # the author is user content too


def test_film_page_by_qid_shows_cast_crew_reviews_and_films_alongside(client: TestClient) -> None:
    html = client.get("/film/Q27964354").text
    assert "<h1>Burning (2018)</h1>" in html
    assert 'href="https://www.wikidata.org/wiki/Q27964354"' in html
    assert f'<a href="/person/{PERSON}">{NAME}</a> as Shin Hae-mi' in html
    assert '<a href="/person/person:name:lee-chang-dong">Lee Chang-dong</a>: director' in html
    assert "<mark>Burning</mark>." in html  # the evidence span in the mentioning review
    assert f'<a href="/film/{FILM}">Ballerina</a> (2023): 1 review(s)' in html


def test_film_page_by_title_lists_the_review_about_it(client: TestClient) -> None:
    html = client.get("/film/Ballerina").text
    reviews_of = html.split("<h2>Reviews of this film</h2>")[1].split("<h2>")[0]
    assert f'data-review="{REVIEW}"' in reviews_of
    assert ESCAPED_SCRIPT in reviews_of


@pytest.mark.parametrize(
    "url",
    ["/person/nobody-at-all", "/film/tt0000001", f"/person/{FILM}", "/person/!!!", "/nowhere"],
)
def test_unknown_ids_give_a_404_page_not_a_traceback(client: TestClient, url: str) -> None:
    res = client.get(url)
    assert res.status_code == 404
    assert "<h1>Not found</h1>" in res.text
    assert "Traceback" not in res.text


def test_a_close_name_offers_did_you_mean(client: TestClient) -> None:
    page = client.get("/person/Jeon Jong-soe")
    assert page.status_code == 404
    assert f'id="did-you-mean">\n<li><a href="/person/{PERSON}">{NAME}</a>' in page.text
    search = client.get("/search", params={"q": "jeon jongg"}).text
    assert "Did you mean:" in search
    assert f'<a href="/person/{PERSON}">{NAME}</a>' in search


def test_search_box_lists_matches_linking_to_pages(client: TestClient) -> None:
    html = client.get("/search", params={"q": "burn"}).text
    assert f'<a href="/film/{OTHER_FILM}">Burning</a> (2018)' in html
    assert '<form action="/search" method="get"' in client.get("/").text


def test_api_person_has_the_shapes_of_graph_pages(
    client: TestClient, read_only: EmbeddedStore
) -> None:
    body = client.get(f"/api/person/{PERSON}").json()
    page = pages.filmography_page(read_only, PERSON)
    assert body["person"] == page["person"]
    assert body["filmography"] == page["filmography"]
    assert body["related"] == pages.related_people(read_only, PERSON, 20)
    [mention] = body["mentioned_in"]
    assert mention["evidence"] == page["mentioned_in"][0]["evidence"]
    assert SCRIPT in mention["text"]  # JSON carries the text as stored; escaping is HTML's job


def test_api_film_search_and_errors(client: TestClient) -> None:
    film = client.get("/api/film/Q27964354").json()
    assert [c["name"] for c in film["cast"]] == ["Yoo Ah-in", "Steven Yeun", NAME]
    assert [o["film"] for o in film["mentioned_alongside"]] == [FILM]
    found = client.get("/api/search", params={"q": "jeon"}).json()
    assert [m["key"] for m in found["matches"]] == [PERSON]
    missing = client.get("/api/person/Q1")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no person with qid 'Q1' in the store", "candidates": []}
    assert client.get("/api/search").status_code == 422


def test_openapi_describes_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert sorted(paths) == ["/api/film/{film_id}", "/api/person/{person_id}", "/api/search"]


def test_pages_do_not_write_to_the_store(client: TestClient, read_only: EmbeddedStore) -> None:
    before = read_only.stats()
    for url in (f"/person/{PERSON}", f"/film/{FILM}", "/search?q=x", f"/api/person/{PERSON}"):
        client.get(url)
    assert read_only.stats() == before


def test_reelgraph_serve_answers_over_real_http(store_path: Path) -> None:
    with served(store_path) as base:
        page = httpx.get(f"{base}/person/{PERSON}")
        missing = httpx.get(f"{base}/film/nothing-here")
    assert page.status_code == 200
    assert ESCAPED_SCRIPT in page.text
    assert missing.status_code == 404
    # The server's own time, for load tests (bench/serve_speed.py) and browser dev tools.
    for response in (page, missing):
        name, duration = response.headers["server-timing"].split(";dur=")
        assert name == "app" and 0 < float(duration) < 10_000


def test_requests_on_many_threads_answer_as_one_at_a_time(store_path: Path) -> None:
    # Each server thread reads through its own connection (Store.reader()): answers
    # must be exactly those of requests made one after another.
    urls = [f"/api/person/{PERSON}", f"/api/film/{FILM}", "/api/search?q=ballerina"] * 10
    with served(store_path) as base:
        expected = {url: httpx.get(base + url).json() for url in set(urls)}
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda url: (url, httpx.get(base + url).json()), urls))
    assert len(answers) == len(urls)
    assert all(body == expected[url] for url, body in answers)


def test_a_reader_handle_shares_the_data_and_closes_only_itself(store_path: Path) -> None:
    with EmbeddedStore(store_path, read_only=True) as store:
        handle = store.reader()
        assert handle is not store
        assert handle.stats() == store.stats()
        assert handle.named("search", {"q": "ballerina", "limit": 5}).rows
        handle.close()
        assert store.stats()["nodes"]["Film"] > 0  # the store is still open


def test_the_app_runs_over_neo4j(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    fill(neo4j_store, tmp_path)
    client = TestClient(create_app(neo4j_store), raise_server_exceptions=False)
    body = client.get(f"/api/person/{PERSON}").json()
    assert body["filmography"] == pages.filmography(neo4j_store, PERSON)
    assert [r["name"] for r in body["related"]][:1] == ["Lee Chung-hyun"]
    html = client.get("/film/Q27964354").text
    assert f'<a href="/film/{FILM}">Ballerina</a> (2023): 1 review(s)' in html
    assert ESCAPED_SCRIPT in html
    assert SCRIPT not in html
