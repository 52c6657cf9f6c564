"""`reelgraph demo` end to end: Wikidata links through a real Oxigraph server, the Turtle
export, re-runs, Neo4j, and Oxigraph missing or failing (the exact output is in test_cli.py)."""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner, Result

from graph.cli import cli
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore
from graph.wikidata import demo_slice, oxigraph

QIDS = "MATCH (n) WHERE n.qid IS NOT NULL RETURN n.key AS node, n.qid AS qid ORDER BY node"
#: What the bundled slice lets the linker find (the rest stays unlinked: see test_cli.py).
LINKED = [
    ["film:imdb:tt7282468", "Q27964354"],
    ["person:name:jeon-jong-seo", "Q52159701"],
    ["person:name:lee-chang-dong", "Q239656"],
    ["person:name:steven-yeun", "Q552176"],
    ["person:name:yoo-ah-in", "Q489930"],
]
PERSON = rdflib.URIRef("https://reelgraph.example/person/name/jeon-jong-seo")
WD = rdflib.Namespace("http://www.wikidata.org/entity/")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="reelgraph")


def demo(store: str, turtle: Path) -> Result:
    result = run("--store", store, "demo", "--turtle", str(turtle))
    assert result.exit_code == 0, result.output
    return result


@dataclass
class Runs:
    db: Path
    first: Result
    first_turtle: bytes
    again: Result
    turtle: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """Two demo runs on one embedded store; the Turtle file of each."""
    tmp = tmp_path_factory.mktemp("demo")
    db, turtle = tmp / "g.db", tmp / "g.ttl"
    first = demo(str(db), turtle)
    first_turtle = turtle.read_bytes()
    return Runs(db, first, first_turtle, demo(str(db), turtle), turtle)


def report(result: Result) -> str:
    """Stdout without the lines that name where the store and the Turtle file are."""
    return "\n".join(
        line
        for line in result.stdout.splitlines()
        if not line.startswith(("Store: ", "[4/4] ", "  store ", "  Turtle ", "  reelgraph "))
    )


def test_demo_linked_person_and_film_to_their_qids(runs: Runs) -> None:
    with EmbeddedStore(runs.db, read_only=True) as store:
        assert store.query(QIDS).rows == LINKED
        person = store.query(
            "MATCH (p:Person {key: $key}) RETURN p.link_score, p.link_reason",
            {"key": "person:name:jeon-jong-seo"},
        ).rows
    # Found by label and confirmed by the film just linked, not given by the input.
    assert person == [[0.9, 'label "Jeon Jong-Seo"@en; P161/P57 on 1/1 linked films']]


def test_demo_turtle_parses_and_has_the_wikidata_links(runs: Runs) -> None:
    graph = rdflib.Graph().parse(runs.turtle, format="turtle")
    assert (PERSON, rdflib.OWL.sameAs, WD.Q52159701) in graph
    assert len(graph) == 469  # the count the demo prints
    schema = rdflib.Namespace("http://schema.org/")
    assert len(set(graph.subjects(rdflib.RDF.type, schema.Movie))) == 6
    same_as = {str(o) for o in graph.objects(None, rdflib.OWL.sameAs)}
    assert same_as == {str(WD[qid]) for _, qid in LINKED}


def test_demo_twice_changes_nothing(runs: Runs) -> None:
    assert runs.turtle.read_bytes() == runs.first_turtle
    with EmbeddedStore(runs.db, read_only=True) as store:
        assert store.query(QIDS).rows == LINKED
        assert store.stats()["nodes"] == {"Film": 6, "Person": 8, "Review": 1}
    assert "0 created, 0 updated" in runs.again.stdout.splitlines()[1]
    assert "0 created, 0 updated" in runs.again.stdout.splitlines()[2]
    assert "0 links written, 5 nodes carry a QID" in runs.again.stdout.splitlines()[3]


def test_demo_on_neo4j_matches_the_embedded_store(
    runs: Runs, neo4j_store: Neo4jStore, neo4j_settings: dict[str, str], tmp_path: Path
) -> None:
    first = demo(neo4j_settings["uri"], tmp_path / "n.ttl")
    assert first.stdout.startswith(f"Store: {neo4j_settings['uri']} (neo4j)\n")
    assert report(first) == report(runs.first)
    # Both stores export the same graph the same way, byte for byte.
    assert (tmp_path / "n.ttl").read_bytes() == runs.first_turtle
    assert neo4j_store.query(QIDS).rows == LINKED
    again = demo(neo4j_settings["uri"], tmp_path / "n.ttl")
    assert report(again) == report(runs.again)
    assert neo4j_store.query(QIDS).rows == LINKED


def _without_oxigraph(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No oxigraph beside this Python and none on PATH: as after a broken install."""
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))


def test_demo_without_oxigraph_skips_linking_and_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without_oxigraph(monkeypatch, tmp_path)
    db, turtle = tmp_path / "g.db", tmp_path / "g.ttl"
    result = demo(str(db), turtle)
    assert result.stderr == (
        "Warning: Wikidata linking skipped, the local SPARQL endpoint did not run: the "
        "oxigraph CLI is not installed (it comes with reelgraph: pip install .)\n"
    )
    lines = result.stdout.splitlines()
    assert lines[3] == "[3/4] Wikidata: skipped (see the warning); everything else goes on"
    assert "Wikidata, what the linker decided" not in result.stdout
    assert "\nJeon Jong-seo, filmography:\n" in result.stdout
    with EmbeddedStore(db, read_only=True) as store:
        assert store.stats()["nodes"] == {"Film": 6, "Person": 8, "Review": 1}
        assert store.query(QIDS).rows == []
    graph = rdflib.Graph().parse(turtle, format="turtle")
    assert list(graph.objects(None, rdflib.OWL.sameAs)) == []


def test_demo_goes_on_when_oxigraph_fails_to_start_then_links_on_a_rerun(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An oxigraph that loads but cannot serve; the next run (a working one) links."""
    fake = tmp_path / "oxigraph"
    fake.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = load ]; then exec {oxigraph.binary()} "$@"; fi\n'
        'echo "error: cannot bind the address" >&2\nexit 1\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    db, turtle = tmp_path / "g.db", tmp_path / "g.ttl"
    with monkeypatch.context() as patch:
        patch.setattr(oxigraph, "binary", lambda: str(fake))
        result = demo(str(db), turtle)
    assert result.stderr.startswith(
        "Warning: Wikidata linking skipped, the local SPARQL endpoint did not run: "
        "oxigraph did not start on port "
    )
    assert result.stderr.endswith(": error: cannot bind the address\n")
    assert "Review: ballerina-review-de.txt: 22 records read, 15 created" in result.stdout
    again = demo(str(db), turtle)  # the real oxigraph: everything loaded before is still there
    assert "0 created, 0 updated" in again.stdout.splitlines()[1]
    assert "5 links written, 5 nodes carry a QID" in again.stdout.splitlines()[3]
    with EmbeddedStore(db, read_only=True) as store:
        assert store.query(QIDS).rows == LINKED


def test_demo_turtle_defaults_beside_the_store(tmp_path: Path) -> None:
    result = run("--store", str(tmp_path / "demo.db"), "demo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo.ttl").is_file()
    assert f"  Turtle  {tmp_path / 'demo.ttl'}: 469 triples" in result.stdout


def test_bundled_wikidata_slice_is_what_the_generator_writes(shared_data: Path) -> None:
    text, counts = demo_slice.render(shared_data, demo_slice.spec())
    bundled = demo_slice.data_dir() / demo_slice.SLICE_NAME
    assert bundled.read_text("utf-8") == text
    assert (counts.films, counts.people) == (9, 69)
    assert "MovieLens" not in text and "P4947" not in text  # nothing whose terms forbid shipping
