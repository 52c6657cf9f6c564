"""The SPARQL side of Wikidata linking: VALUES binding, manners, faults, the answer cache."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from graph.errors import QueryError
from graph.wikidata.cache import AnswerCache
from graph.wikidata.client import EndpointError, Politeness, SparqlClient
from graph.wikidata.oxigraph import free_port
from graph.wikidata.terms import IRI, Literal, bind, entity, values_variables

sys.path.insert(0, str(Path(__file__).parent))
from wikidata_server import (
    FaultServer,
    Reply,
    WikidataServer,
    wikidata_server_fixture,  # noqa: F401 (the fixture, used by name)
)

EMPTY = b'{"head": {"vars": ["item"]}, "results": {"bindings": []}}'


def _client(endpoint: str, sleeps: list[float], **manners: float) -> SparqlClient:
    settings = Politeness(**{"timeout": 5, "retries": 2, "backoff": 0.5, **manners})  # type: ignore[arg-type]
    return SparqlClient(
        endpoint, contact="tests@example.org", manners=settings, sleep=sleeps.append
    )


def test_literals_and_iris_are_escaped_or_refused() -> None:
    assert Literal('say "hi"\\\n\tnow', "EN").sparql() == '"say \\"hi\\"\\\\\\n\\tnow"@en'
    assert Literal("plain").sparql() == '"plain"'
    assert entity("Q42").sparql() == "<http://www.wikidata.org/entity/Q42>"
    for bad in ("http://x/a>b", "http://x/a b", 'http://x/"', "http://x/{y}"):
        with pytest.raises(QueryError, match="not a usable IRI"):
            IRI(bad)
    with pytest.raises(QueryError, match="not a language tag"):
        Literal("x", 'en" . ?s ?p ?o . #')
    with pytest.raises(QueryError, match="not a Wikidata QID"):
        entity("Q1> . ?s ?p ?o")


def test_bind_fills_the_one_empty_values_block() -> None:
    text = "SELECT * WHERE {\n  VALUES (?a ?b) { }\n  ?a ?p ?b\n}"
    assert values_variables(text) == ("a", "b")
    bound = bind(text, [(entity("Q1"), Literal("x\\1", "de"))])
    assert '(<http://www.wikidata.org/entity/Q1> "x\\\\1"@de)' in bound
    assert bind("SELECT * { VALUES ?x { } }", [(Literal("a"),), (Literal("b"),)]) == (
        'SELECT * { VALUES ?x { "a" "b" } }'
    )
    with pytest.raises(QueryError, match="exactly one empty VALUES block"):
        bind("SELECT * { ?s ?p ?o }", [])
    with pytest.raises(QueryError, match="does not match variables"):
        bind(text, [(entity("Q1"),)])


def test_hostile_text_stays_a_literal(wikidata_server: WikidataServer) -> None:
    client = SparqlClient(wikidata_server.endpoint)
    hostile = Literal('x"@en } ?item ?p ?o . { VALUES ?text { "y', "en")
    assert client.select("wd_film_by_label", [(hostile,)]) == {(hostile,): []}


def test_sparql_error_is_reported_not_retried(wikidata_server: WikidataServer) -> None:
    sleeps: list[float] = []
    client = _client(wikidata_server.endpoint, sleeps)
    with pytest.raises(EndpointError, match="rejected query 'broken'"):
        client._request("broken", "SELECT WHERE {")
    assert client.requests == 1 and sleeps == []


def test_429_waits_retry_after_then_succeeds() -> None:
    replies = [Reply(429, b"slow down", "text/plain", {"Retry-After": "7"}), Reply(body=EMPTY)]
    sleeps: list[float] = []
    with FaultServer(replies) as server:
        client = _client(server.endpoint, sleeps)
        answer = client.select("wd_items_exist", [(entity("Q1"),)])
    assert answer == {(entity("Q1"),): []}
    assert sleeps == [7.0] and len(server.requests) == 2
    agent = server.requests[0]["User-Agent"]
    assert agent.startswith("reelgraph/") and "(tests@example.org)" in agent


def test_5xx_is_retried_with_backoff_then_reported() -> None:
    sleeps: list[float] = []
    with FaultServer([Reply(500, b"boom", "text/plain")]) as server:
        client = _client(server.endpoint, sleeps)
        with pytest.raises(EndpointError, match="failed query 'wd_items_exist' 3 times"):
            client.select("wd_items_exist", [(entity("Q1"),)])
    assert sleeps == [0.5, 1.0] and len(server.requests) == 3


def test_a_too_long_retry_after_gives_up_at_once() -> None:
    sleeps: list[float] = []
    reply = Reply(503, b"", "text/plain", {"Retry-After": "3600"})
    with FaultServer([reply]) as server, pytest.raises(EndpointError, match="asks to wait 3600 s"):
        _client(server.endpoint, sleeps).select("wd_items_exist", [(entity("Q1"),)])
    assert sleeps == []


def test_slow_answer_times_out_and_is_reported() -> None:
    sleeps: list[float] = []
    with FaultServer([Reply(body=EMPTY, delay=2.5)]) as server:
        client = _client(server.endpoint, sleeps, timeout=1, retries=1)
        with pytest.raises(EndpointError, match=r"failed query .* 2 times .*timed out"):
            client.select("wd_items_exist", [(entity("Q1"),)])
    assert len(sleeps) == 1


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(body=b"<html><body>Hello</body></html>", content_type="text/html"), "not SPARQL"),
        (Reply(body=b'{"head": {"vars": [', content_type="application/json"), "malformed JSON"),
        (Reply(body=b'{"boolean": true}'), "not SPARQL SELECT results"),
        (
            Reply(
                body=json.dumps(
                    {
                        "results": {
                            "bindings": [
                                {
                                    "item": {
                                        "type": "uri",
                                        "value": "http://www.wikidata.org/entity/Q2",
                                    }
                                }
                            ]
                        }
                    }
                ).encode()
            ),
            "was not asked",
        ),
    ],
)
def test_unusable_answers_are_errors_and_not_cached(
    reply: Reply, message: str, tmp_path: Path
) -> None:
    sleeps: list[float] = []
    cache = AnswerCache(tmp_path / "cache.sqlite")
    with FaultServer([reply]) as server:
        client = _client(server.endpoint, sleeps)
        client.cache = cache
        with pytest.raises(EndpointError, match=message):
            client.select("wd_items_exist", [(entity("Q1"),)])
    assert len(server.requests) == 1 and sleeps == []
    assert cache.get_many(["anything"]) == {} and cache.hits == 0


def test_unreachable_endpoint_is_reported() -> None:
    sleeps: list[float] = []
    client = _client(f"http://127.0.0.1:{free_port()}/sparql", sleeps, retries=1)
    with pytest.raises(EndpointError, match="cannot reach the endpoint"):
        client.select("wd_items_exist", [(entity("Q1"),)])
    assert client.requests == 2


def test_rows_are_batched_and_cached_per_row(tmp_path: Path) -> None:
    rows = [(entity(f"Q{n}"),) for n in range(1, 701)]
    with FaultServer([Reply(body=EMPTY)]) as server:
        client = _client(server.endpoint, [], batch_rows=300)
        client.cache = AnswerCache(tmp_path / "cache.sqlite")
        assert len(client.select("wd_items_exist", rows)) == 700
        assert len(server.requests) == 3
        # Cut differently, the same rows are still all in the cache.
        again = client.select("wd_items_exist", list(reversed(rows))[:450])
        assert len(again) == 450 and len(server.requests) == 3
        assert client.cache.hit_rate() == pytest.approx(450 / 1150)
