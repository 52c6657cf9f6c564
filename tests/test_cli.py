"""The ``reelgraph`` CLI on the embedded store: exact output, exit codes, error messages.

Expected failures reach the user as ``Error: <message>`` on stderr with exit
code 1 (2 for usage errors) and never as a traceback: ``result.exception`` is
the SystemExit click raises, not the library error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph.cli import cli

SMALL_RECORDS = """\
{"type": "Film", "title": "The Matrix", "year": 1999, "imdb": "tt0133093"}
{"type": "Film", "title": "John Wick", "year": 2014, "imdb": "tt2911666"}
{"type": "Person", "name": "Keanu Reeves", "imdb": "nm0000206"}
{"type": "Person", "name": "Lana Wachowski", "imdb": "nm0905154"}
{"type": "ACTED_IN", "from": "person:imdb:nm0000206", "to": "film:imdb:tt0133093", "roles": ["Neo"]}
{"type": "ACTED_IN", "from": "person:imdb:nm0000206", "to": "film:imdb:tt2911666", "roles": ["John Wick"]}
{"type": "DIRECTED", "from": "person:imdb:nm0905154", "to": "film:imdb:tt0133093"}
"""  # noqa: E501

SMALL_STATS_TABLE = """\
kind          name      count
------------  --------  -----
node          Film          2
node          Person        2
node          Review        0
relationship  ACTED_IN      2
relationship  DIRECTED      1
relationship  WROTE         0
relationship  PRODUCED      0
relationship  CREDITED      0
relationship  MENTIONS      0
relationship  REVIEWS       0
"""

SMALL_STATS = {
    "nodes": {"Film": 2, "Person": 2, "Review": 0},
    "relationships": {
        "ACTED_IN": 2,
        "DIRECTED": 1,
        "WROTE": 0,
        "PRODUCED": 0,
        "CREDITED": 0,
        "MENTIONS": 0,
        "REVIEWS": 0,
    },
}

FILMS_QUERY = "MATCH (f:Film) RETURN f.title AS title, f.year AS year ORDER BY year"

# `reelgraph demo`: the stage lines of a first run and of a second one (which finds
# everything there), then the report; paths are filled in by demo_output().
DEMO_STAGES_FIRST = """\
[1/4] Film facts: demo.jsonld: 25 records read, 22 created, 0 updated, 0 unchanged, 0 placeholders, 0 rejected
[2/4] Review: ballerina-review-de.txt: 22 records read, 15 created, 6 updated, 0 unchanged, 0 placeholders, 0 rejected
[3/4] Wikidata: local SPARQL endpoint over 272 triples (wikidata-slice.nt, wikidata-supplement.nt), 5 queries: Film 1 linked, 3 ambiguous, 2 no-candidate; Person 4 linked, 1 ambiguous, 3 no-candidate; 5 links written, 5 nodes carry a QID
"""  # noqa: E501

DEMO_STAGES_AGAIN = """\
[1/4] Film facts: demo.jsonld: 25 records read, 0 created, 0 updated, 22 unchanged, 0 placeholders, 0 rejected
[2/4] Review: ballerina-review-de.txt: 19 records read, 0 created, 0 updated, 18 unchanged, 0 placeholders, 0 rejected
[3/4] Wikidata: local SPARQL endpoint over 272 triples (wikidata-slice.nt, wikidata-supplement.nt), 5 queries: Film 3 ambiguous, 2 no-candidate; Person 1 ambiguous, 3 no-candidate; 0 links written, 5 nodes carry a QID
"""  # noqa: E501

DEMO_GRAPH = """
What the graph holds:
label/type  count
----------  -----
Film            6
Person          8
Review          1
ACTED_IN        8
DIRECTED        3
MENTIONS       10
REVIEWS         1

Cast:
film       year  actor          roles
---------  ----  -------------  -------------
Ballerina  2023  Jeon Jong-seo  Ok-ju
Ballerina  2023  Kim Ji-hoon    Choi Pro
Ballerina  2023  Park Yu-rim    Min-hee
Burning    2018  Yoo Ah-in      Lee Jong-su
Burning    2018  Steven Yeun    Ben
Burning    2018  Jeon Jong-seo  Shin Hae-mi
The Call   2020  Park Shin-hye  Kim Seo-yeon
The Call   2020  Jeon Jong-seo  Oh Young-sook

DIRECTED:
film       year  person
---------  ----  --------------
Ballerina  2023  Lee Chung-hyun
Burning    2018  Lee Chang-dong
The Call   2020  Lee Chung-hyun
"""

DEMO_LINKS_FIRST = """
Wikidata, what the linker decided this run (ambiguous: no candidate good enough; 5 without any candidate not shown):
kind    name            status     qid        score  why
------  --------------  ---------  ---------  -----  ------------------------------------------------------------------------------------------------------
Film    Burning         linked     Q27964354  1.00   exact id P345=tt7282468
Film    Ballerina       ambiguous             0.45   best 0.45 < min-score 0.8; label "Ballerina"@en; P577 2006 vs 2023; P161 0/3 cast; next Q27918412 0.42
Film    John Wick       ambiguous             0.68   best 0.68 < min-score 0.8; label "John Wick"@en; P577 2014 vs ?
Film    The Call        ambiguous             0.35   best 0.35 < min-score 0.8; label "The Call"@en; P577 2013 vs 2020; P57 0/1 directors; P161 0/2 cast
Person  Jeon Jong-seo   linked     Q52159701  0.90   label "Jeon Jong-Seo"@en; P161/P57 on 1/1 linked films
Person  Lee Chang-dong  linked     Q239656    0.90   label "Lee Chang-dong"@en; P161/P57 on 1/1 linked films
Person  Park Shin-hye   ambiguous             0.68   best 0.68 < min-score 0.8; label "Park Shin-hye"@en
Person  Steven Yeun     linked     Q552176    0.90   label "Steven Yeun"@en; P161/P57 on 1/1 linked films
Person  Yoo Ah-in       linked     Q489930    0.90   label "Yoo Ah-in"@en; P161/P57 on 1/1 linked films
"""  # noqa: E501

DEMO_LINKS_AGAIN = """
Wikidata, what the linker decided this run (ambiguous: no candidate good enough; 5 without any candidate not shown):
kind    name           status     qid  score  why
------  -------------  ---------  ---  -----  ------------------------------------------------------------------------------------------------------
Film    Ballerina      ambiguous       0.45   best 0.45 < min-score 0.8; label "Ballerina"@en; P577 2006 vs 2023; P161 0/3 cast; next Q27918412 0.42
Film    John Wick      ambiguous       0.68   best 0.68 < min-score 0.8; label "John Wick"@en; P577 2014 vs ?
Film    The Call       ambiguous       0.35   best 0.35 < min-score 0.8; label "The Call"@en; P577 2013 vs 2020; P57 0/1 directors; P161 0/2 cast
Person  Park Shin-hye  ambiguous       0.68   best 0.68 < min-score 0.8; label "Park Shin-hye"@en
"""  # noqa: E501

DEMO_PERSON = """
Jeon Jong-seo (Wikidata Q52159701), filmography:
year  title      credits
----  ---------  ------------------------
2023  Ballerina  ACTED_IN (Ok-ju)
2020  The Call   ACTED_IN (Oh Young-sook)
2018  Burning    ACTED_IN (Shin Hae-mi)

People related to Jeon Jong-seo (shared films, reviews mentioning both):
rank  name             score  why
----  --------------  ------  -----------------------------------------------------------------------------------------------
   1  Lee Chung-hyun  3.1538  Ballerina (2023) ACTED_IN/DIRECTED; The Call (2020) ACTED_IN/DIRECTED; 1 review(s) mention both
   2  Kim Ji-hoon        1.5  Ballerina (2023) ACTED_IN/ACTED_IN; 1 review(s) mention both
   3  Park Yu-rim        1.5  Ballerina (2023) ACTED_IN/ACTED_IN; 1 review(s) mention both
   4  Lee Chang-dong     1.0  Burning (2018) ACTED_IN/DIRECTED
   5  Park Shin-hye   0.7692  The Call (2020) ACTED_IN/ACTED_IN

Reviews mentioning Jeon Jong-seo:
review                   evidence (text [start-end])
-----------------------  ------------------------------------------------------------------
ballerina-review-de.txt  Jeon Jong-seo [14-27]; Jeon Jong-seo [2901-2914]; Jeon [3434-3438]
"""  # noqa: E501


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No store or Neo4j settings leak in from the environment running the tests."""
    for name in ("REELGRAPH_STORE", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="reelgraph")


def assert_error(result: Result, exit_code: int = 1) -> None:
    """A user-facing failure: the exit code, ``Error: …`` on stderr, no traceback."""
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.fixture
def db(tmp_path: Path) -> str:
    """The path of a (not yet created) embedded store."""
    return str(tmp_path / "g.db")


@pytest.fixture
def small_store(tmp_path: Path, db: str) -> str:
    """A store holding SMALL_RECORDS: 2 films, 2 people, 3 edges."""
    path = tmp_path / "small.jsonl"
    path.write_text(SMALL_RECORDS, encoding="utf-8")
    result = run("--store", db, "load", "records", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: 7 records read, 7 created, 0 updated, 0 unchanged, 0 placeholders, 0 rejected\n"
    )
    assert result.stderr == ""
    return db


# --- demo ---------------------------------------------------------------------


def demo_output(db: str, *, again: bool = False) -> str:
    """The whole stdout of `reelgraph --store DB demo` (Turtle beside the store)."""
    ttl = str(Path(db).with_suffix(".ttl"))
    return (
        f"Store: {db} (embedded)\n"
        + (DEMO_STAGES_AGAIN if again else DEMO_STAGES_FIRST)
        + f"[4/4] Turtle: 469 triples written to {ttl}\n"
        + DEMO_GRAPH
        + (DEMO_LINKS_AGAIN if again else DEMO_LINKS_FIRST)
        + DEMO_PERSON
        + "\nWhere everything went:\n"
        f"  store   {db} (embedded): 6 Film, 8 Person, 1 Review, 22 relationships\n"
        f"  Turtle  {ttl}: 469 triples (Wikidata links as owl:sameAs)\n"
        "\nTry next:\n"
        f"  reelgraph --store {db} serve    # then open http://127.0.0.1:8000/person/Q52159701\n"
        f'  reelgraph --store {db} filmography "Jeon Jong-seo"\n'
        f'  reelgraph --store {db} related "Jeon Jong-seo"\n'
        f'  reelgraph --store {db} query co_stars -p person="Jeon Jong-seo" -p limit=10'
        "    # reelgraph queries lists all\n"
        f"  reelgraph --store {db} cypher "
        '"MATCH (n) WHERE n.qid IS NOT NULL RETURN n.key AS node, n.qid AS qid ORDER BY node"\n'
    )


def test_demo(db: str) -> None:
    result = run("--store", db, "demo")
    assert result.exit_code == 0, result.output
    assert result.stdout == demo_output(db)
    assert result.stderr == ""


def test_demo_twice_changes_nothing(db: str) -> None:
    assert run("--store", db, "demo").exit_code == 0
    result = run("--store", db, "demo")
    assert result.exit_code == 0, result.output
    # Nothing created or updated, no link written; the linker only re-decides the unlinked.
    assert result.stdout == demo_output(db, again=True)
    stats = json.loads(run("--store", db, "stats", "--format", "json").stdout)
    assert stats["nodes"] == {"Film": 6, "Person": 8, "Review": 1}
    assert stats["relationships"]["ACTED_IN"] == 8
    assert stats["relationships"]["DIRECTED"] == 3


# --- stats --------------------------------------------------------------------


def test_stats_table(small_store: str) -> None:
    result = run("--store", small_store, "stats")
    assert result.exit_code == 0, result.output
    assert result.stdout == SMALL_STATS_TABLE
    assert result.stderr == ""


def test_stats_json(small_store: str) -> None:
    result = run("--store", small_store, "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == SMALL_STATS


def test_stats_on_missing_store_does_not_create_one(db: str) -> None:
    result = run("--store", db, "stats")
    assert_error(result)
    assert result.stderr.startswith(f"Error: no embedded store at {db}: load data first")
    assert not Path(db).exists()


# --- cypher -------------------------------------------------------------------

CYPHER_OUTPUTS = {
    "table": """\
title       year
----------  ----
The Matrix  1999
John Wick   2014
""",
    "json": """\
[
  {
    "title": "The Matrix",
    "year": 1999
  },
  {
    "title": "John Wick",
    "year": 2014
  }
]
""",
    "csv": """\
title,year
The Matrix,1999
John Wick,2014
""",
}


@pytest.mark.parametrize(("fmt", "expected"), CYPHER_OUTPUTS.items(), ids=CYPHER_OUTPUTS.keys())
def test_cypher_formats(small_store: str, fmt: str, expected: str) -> None:
    result = run("--store", small_store, "cypher", FILMS_QUERY, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert result.stderr == ""


def test_cypher_default_format_is_table(small_store: str) -> None:
    result = run("--store", small_store, "cypher", FILMS_QUERY)
    assert result.stdout == CYPHER_OUTPUTS["table"]


def test_cypher_int_parameter(small_store: str) -> None:
    query = "MATCH (f:Film) WHERE f.year = $year RETURN f.title AS title"
    result = run("--store", small_store, "cypher", query, "-p", "year=1999")
    assert result.exit_code == 0, result.output
    assert result.stdout == "title\n----------\nThe Matrix\n"


def test_cypher_string_parameter(small_store: str) -> None:
    query = "MATCH (p:Person) WHERE p.name = $name RETURN p.key AS key"
    result = run("--store", small_store, "cypher", query, "-p", "name=Keanu Reeves")
    assert result.exit_code == 0, result.output
    assert result.stdout == "key\n---------------------\nperson:imdb:nm0000206\n"


def test_cypher_parameter_types(small_store: str) -> None:
    result = run(
        "--store",
        small_store,
        "cypher",
        "RETURN $year AS year, $name AS name, $quoted AS quoted, $ids AS ids",
        "-p",
        "year=1999",
        "-p",
        "name=Some Name",
        "-p",
        'quoted="1999"',
        "--param",
        "ids=[1, 2]",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"year": 1999, "name": "Some Name", "quoted": "1999", "ids": [1, 2]}
    ]


@pytest.mark.parametrize("pair", ["novalue", "=1999", "two words=1"])
def test_cypher_bad_parameter_is_a_usage_error(small_store: str, pair: str) -> None:
    result = run("--store", small_store, "cypher", "RETURN 1", "-p", pair)
    assert_error(result, exit_code=2)
    assert result.stderr == (
        "Usage: reelgraph cypher [OPTIONS] QUERY\n"
        "Try 'reelgraph cypher --help' for help.\n"
        "\n"
        f"Error: Invalid value for -p: {pair!r} is not key=value\n"
    )


def test_cypher_refuses_writes(small_store: str) -> None:
    result = run("--store", small_store, "cypher", "CREATE (:Film {key:'x'})")
    assert_error(result)
    assert result.stderr.startswith("Error: the embedded store rejected the query: ")
    assert "read-only" in result.stderr
    assert result.stderr.count("\n") == 1
    # Nothing was written.
    stats = json.loads(run("--store", small_store, "stats", "--format", "json").stdout)
    assert stats == SMALL_STATS


def test_cypher_syntax_error(small_store: str) -> None:
    result = run("--store", small_store, "cypher", "MATCH (f:Film RETURN f")
    assert_error(result)
    assert result.stderr.startswith(
        "Error: the embedded store rejected the query: Parser exception: "
    )


def test_cypher_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = run("--store", str(missing), "cypher", "RETURN 1")
    assert_error(result)
    assert result.stderr == (
        f"Error: no embedded store at {missing}: load data first (e.g. `reelgraph demo` or "
        "`reelgraph load records FILE`) or point --store / REELGRAPH_STORE at one\n"
    )
    assert not missing.exists()


def test_store_from_environment(small_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REELGRAPH_STORE", small_store)
    result = run("cypher", FILMS_QUERY, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == CYPHER_OUTPUTS["csv"]


# --- load records -------------------------------------------------------------


def test_load_records_with_a_bad_line(tmp_path: Path, db: str) -> None:
    lines = SMALL_RECORDS.splitlines()
    lines.insert(3, '{"type": "Film", "title": "Speed", "year": "abc"}')
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run("--store", db, "load", "records", str(path))

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == (
        f"{path}: 7 records read, 7 created, 0 updated, 0 unchanged, 0 placeholders, 1 rejected\n"
    )
    rejected = (
        f"Rejected: {path}:4, field 'year': Input should be a valid integer, "
        "unable to parse string as an integer\n"
    )
    error = "Error: 1 record(s) rejected (listed above); every other record was loaded\n"
    assert result.stderr == rejected + error
    assert result.output == rejected + result.stdout + error
    # Every good record was loaded.
    assert run("--store", db, "stats").stdout == SMALL_STATS_TABLE


def test_load_records_twice_changes_nothing(small_store: str, tmp_path: Path) -> None:
    path = tmp_path / "small.jsonl"
    result = run("--store", small_store, "load", "records", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: 7 records read, 0 created, 0 updated, 7 unchanged, 0 placeholders, 0 rejected\n"
    )


def test_load_records_missing_file(tmp_path: Path, db: str) -> None:
    missing = tmp_path / "nope.jsonl"
    result = run("--store", db, "load", "records", str(missing))
    assert_error(result)
    assert result.stderr == f"Error: {missing}: cannot read the file: No such file or directory\n"


# --- store URIs ---------------------------------------------------------------


def test_unsupported_store_uri_scheme() -> None:
    result = run("--store", "http://x", "stats")
    assert_error(result)
    assert result.stderr == (
        "Error: unsupported store URI scheme 'http' in 'http://x': use one of bolt://, "
        "bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc:// for Neo4j, or a path "
        "for the embedded store\n"
    )


def test_unreachable_neo4j(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    result = run("--store", "bolt://127.0.0.1:1", "stats")
    assert_error(result)
    assert result.stderr.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:1: ")
    assert result.stderr.endswith(
        "Is the server running and the URI right? (README: 'Using your own Neo4j')\n"
    )
    assert "secret" not in result.output


def test_neo4j_without_password() -> None:
    result = run("--store", "bolt://127.0.0.1:1", "stats")
    assert_error(result)
    assert result.stderr == (
        "Error: no password for Neo4j at bolt://127.0.0.1:1: set NEO4J_PASSWORD "
        "(and NEO4J_USERNAME when the user is not 'neo4j')\n"
    )
