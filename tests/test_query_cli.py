"""`reelgraph query`, `queries`, `filmography`, `related`, `path`: output and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import queries
from graph.cli import cli
from graph.stores.embedded import EmbeddedStore
from loaders.records import read_records

FIXTURE = Path(__file__).parent / "data" / "queries-fixture.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "graph.db"
    with EmbeddedStore(path) as store:
        store.write(read_records(FIXTURE))
    return str(path)


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", db, *args])


def test_filmography_table(db: str) -> None:
    result = run(db, "filmography", "ana lucia bergamo")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "year  title              credits             film\n"
        "----  -----------------  ------------------  -------------------\n"
        "2019  The Glass Orchard  ACTED_IN (Inês)     film:imdb:tt0000001\n"
        "2015  Salt Harbour       ACTED_IN (Rui)      film:imdb:tt0000002\n"
        "2008  Night Ferry        DIRECTED            film:imdb:tt0000003\n"
        "      Undated Reel       ACTED_IN (Herself)  film:imdb:tt0000004\n"
    )


def test_related_json_is_a_page(db: str) -> None:
    result = run(db, "related", "Q9000001", "--limit", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    page = json.loads(result.output)
    assert page["person"]["name"] == "Ána Lúcia Bérgamo"
    assert [e["rank"] for e in page["related"]] == [1, 2, 3]
    assert set(page["related"][0]) == {
        "rank",
        "person",
        "name",
        "score",
        "film_score",
        "mention_score",
        "films",
        "reviews",
    }


def test_path_csv(db: str) -> None:
    result = run(db, "path", "nm0000002", "Isolde Marchetti", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "hop,person,credit,roles,film\n"
        '1,Tomas Wren,ACTED_IN,"Captain Hale, Narrator",The Glass Orchard\n'
        "1,Rafe Lindqvist,PRODUCED,,The Glass Orchard\n"
        "2,Rafe Lindqvist,ACTED_IN,Tide,Copper Sky\n"
        "2,Isolde Marchetti,DIRECTED,,Copper Sky\n"
    )
    none = run(db, "path", "nm0000002", "nm0000009", "--max-hops", "1")
    assert none.output == "No chain of at most 1 films links nm0000002 and nm0000009.\n"


def test_query_path_answers_like_the_path_query(db: str) -> None:
    # `query path` runs the store's shortest-path search (two-sided on this store), which
    # must answer what the Cypher in queries/ answers.
    args = ["-p", "person_a=nm0000002", "-p", "person_b=nm0000009", "-p", "path_rels=8"]
    result = run(db, "query", "path", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    text = queries.get("path", "embedded").render(path_rels="8")
    with EmbeddedStore(Path(db), read_only=True) as store:
        cypher = store.query(
            text, {"person_a": "person:imdb:nm0000002", "person_b": "person:imdb:nm0000009"}
        ).records()
    assert json.loads(result.output) == cypher
    assert cypher[0]["length"] == 4


def test_query_resolves_names_and_lists_queries(db: str) -> None:
    result = run(db, "query", "cast", "-p", "film=glass orchard", "--format", "csv")
    assert result.output.splitlines()[:2] == [
        "person,name,roles,billing",
        'person:imdb:nm0000001,Ána Lúcia Bérgamo,"[""Inês""]",1',
    ]
    listing = run(db, "queries").output
    for name in ("filmography", "related_people", "path", "search", "cast", "crew", "mentions"):
        assert f"\n{name} " in listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "Error: no query named 'nope'; known queries: "),
        (["query", "cast"], "Error: query 'cast': missing film. It takes: film ("),
        (
            ["query", "cast", "-p", "film=tt0000001", "-p", "x=1"],
            "Error: query 'cast': unknown x. It takes: film (",
        ),
        (
            ["query", "co_stars", "-p", "person=nm0000001", "-p", "limit=many"],
            "Error: parameter 'limit' must be an integer from 1 to 1000, not 'many'",
        ),
        (
            ["query", "co_stars", "-p", "person=nm0000001", "-p", "limit=[1]"],
            "Error: parameter 'limit' must be an integer from 1 to 1000, not [1]",
        ),
        (
            ["query", "cast", "-p", "film=42"],
            "Error: parameter 'film' must be a non-empty text, not 42",
        ),
        (
            [
                "query",
                "collaborators",
                "-p",
                "person=nm0000001",
                "-p",
                "limit=5",
                "-p",
                "credit=ACTED_IN]->() DETACH DELETE n //",
            ],
            "Error: query 'collaborators': credit must be one of ACTED_IN, DIRECTED, WROTE, "
            "PRODUCED, CREDITED, not 'ACTED_IN]->() DETACH DELETE n //'",
        ),
        (
            ["query", "search", "-p", "q=  ", "-p", "limit=5"],
            "Error: parameter 'q' must be a non-empty text, not '  '",
        ),
        (["filmography", "Zed Nobody"], "Error: no person named 'Zed Nobody'"),
        (["filmography", "tomas wren"], "Error: 'tomas wren' names 2 entries"),
        (["path", "nm0000001", "nm0000001"], "Error: a path needs two different people"),
    ],
)
def test_bad_input_is_a_clear_message(db: str, args: list[str], message: str) -> None:
    result = run(db, *args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(message), result.output
    assert "Traceback" not in result.output and "exception" not in result.output.lower()


@pytest.mark.parametrize(
    "name",
    [
        "x' OR 1=1 //",
        '"}) MATCH (n) DETACH DELETE n //',
        "`Person`",
        "{{label}}",
        "RETURN 1; MATCH (n) DELETE n",
        "MATCH (p:Person) RETURN p",
    ],
)
def test_hostile_names_are_only_ever_values(db: str, name: str) -> None:
    for args in (["filmography", name], ["query", "search", "-p", f"q={name}", "-p", "limit=3"]):
        result = run(db, *args)
        assert "Traceback" not in result.output and "rejected" not in result.output, result.output
    counts = json.loads(run(db, "stats", "--format", "json").output)
    assert counts["nodes"]["Person"] == 9 and counts["relationships"]["ACTED_IN"] == 9
