"""``reelgraph export`` / ``reelgraph import rdf`` on the embedded store, and bad RDF input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_helpers import FIXTURE, rdflib_graph

from graph.cli import cli
from graph.demo import sample_records_path
from graph.errors import BadInputError
from graph.rdf.reader import read_rdf

FILM = "https://reelgraph.example/film/imdb/tt0000001"
SCHEMA = "http://schema.org/"
GOOD_FILM = f"""\
<{FILM}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SCHEMA}Movie> .
<{FILM}> <{SCHEMA}name> "A Film" .
<{FILM}> <{SCHEMA}datePublished> "1999"^^<http://www.w3.org/2001/XMLSchema#gYear> .
<{FILM}> <{SCHEMA}sameAs> <https://www.imdb.com/title/tt0000001/> .
"""
ONE_FILM_NT = f"""\
<{FILM}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Movie> .
<{FILM}> <http://schema.org/name> "A \\"Film\\"" .
<{FILM}> <http://schema.org/datePublished> "1999"^^<http://www.w3.org/2001/XMLSchema#gYear> .
<{FILM}> <http://schema.org/sameAs> <https://www.imdb.com/title/tt0000001/> .
<{FILM}> <http://www.w3.org/ns/prov#wasDerivedFrom> <https://reelgraph.example/source/records:one.jsonl> .
"""  # noqa: E501


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_export_prints_exact_ntriples_to_stdout(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    records = write(
        tmp_path,
        "one.jsonl",
        '{"type": "Film", "title": "A \\"Film\\"", "year": 1999, "imdb": "tt0000001"}\n',
    )
    assert run("--store", db, "load", "records", str(records))[0] == 0
    code, out, err = run("--store", db, "export", "--format", "nt")
    assert code == 0
    assert out == ONE_FILM_NT
    assert err == "Exported 5 triples (1 nodes, 0 relationships) as nt to stdout\n"
    code, out, _ = run("--store", db, "export", "--format", "nt", "-o", "-", "--base", "urn:x:/")
    assert code == 0 and out == ONE_FILM_NT.replace("https://reelgraph.example/", "urn:x:/")


def test_export_to_file_then_import_into_another_store(tmp_path: Path) -> None:
    db, twin = str(tmp_path / "g.db"), str(tmp_path / "twin.db")
    run("--store", db, "load", "records", str(sample_records_path()), str(FIXTURE))
    out_file = tmp_path / "graph.ttl"
    code, out, err = run("--store", db, "export", "-o", str(out_file))
    assert code == 0 and out == ""
    assert err.startswith("Exported ") and err.endswith(f"as turtle to {out_file}\n")
    assert not (tmp_path / "graph.ttl.part").exists()
    code, out, err = run("--store", twin, "import", "rdf", str(out_file))
    triples = len(rdflib_graph(out_file.read_text(encoding="utf-8"), "turtle"))
    assert code == 0 and err == ""
    assert out == (
        f"{out_file}: {triples} triples, 34 records, 34 created, 0 updated, 0 unchanged, "
        "1 placeholders, 0 triples outside the mapping\n"
    )
    _, stats_a, _ = run("--store", db, "stats", "--format", "json")
    _, stats_b, _ = run("--store", twin, "stats", "--format", "json")
    assert stats_a == stats_b


def test_unparseable_turtle_names_line_and_column(tmp_path: Path) -> None:
    bad = write(
        tmp_path, "bad.ttl", '@prefix s: <http://schema.org/> .\n\n<a> s:name "x" ;\n  s:name .\n'
    )
    with pytest.raises(BadInputError) as err:
        read_rdf(bad)
    assert err.value.line == 4
    assert str(err.value).startswith(f"{bad}:4: not valid turtle RDF: column ")


def test_unparseable_ntriples_names_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.nt", GOOD_FILM + f'<{FILM}> <{SCHEMA}name> "unterminated .\n')
    with pytest.raises(BadInputError) as err:
        read_rdf(bad)
    assert err.value.line == 5
    assert str(err.value).startswith(f"{bad}:5: not valid nt RDF: column ")


def test_unparseable_xml_and_jsonld_name_line_and_column(tmp_path: Path) -> None:
    xml = write(tmp_path, "bad.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">\n<oops>\n')
    with pytest.raises(BadInputError, match=r"bad\.rdf:4: not valid xml RDF: column 1: "):
        read_rdf(xml)
    jsonld = write(tmp_path, "bad.jsonld", '{\n  "@id": "x",\n  oops\n}\n')
    with pytest.raises(BadInputError, match=r"bad\.jsonld:3: not valid json-ld RDF: column 3: "):
        read_rdf(jsonld)


def test_wrong_datatypes_and_foreign_iris_fail_the_whole_file(tmp_path: Path) -> None:
    text = GOOD_FILM.replace('"1999"^^<http://www.w3.org/2001/XMLSchema#gYear>', '"1999"')
    text += (
        "<https://elsewhere.example/p/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<{SCHEMA}Person> .\n"
        f'<{FILM}> <https://reelgraph.example/vocab#linkScore> "high"^^'
        "<http://www.w3.org/2001/XMLSchema#double> .\n"
    )
    path = write(tmp_path, "wrong.nt", text)
    with pytest.raises(BadInputError) as err:
        read_rdf(path)
    message = str(err.value)
    assert message.startswith(f"{path}: 3 problem(s); nothing from this file was imported:\n")
    assert (
        "<https://elsewhere.example/p/1> (typed schema:Person) is not a reelgraph person: IRI "
        "under https://reelgraph.example/" in message
    )
    assert f'<{FILM}> schema:datePublished: expected an xsd:gYear literal, got "1999"' in message
    assert f"<{FILM}> rg:linkScore: " in message and "is not a valid double" in message


def test_triples_outside_the_mapping_are_counted_and_reported(tmp_path: Path) -> None:
    text = GOOD_FILM + (
        f'<{FILM}> <http://purl.org/dc/terms/subject> "noir" .\n'
        f'<{FILM}> <http://purl.org/dc/terms/subject> "crime" .\n'
        f"<{FILM}> <{SCHEMA}sameAs> <https://other.example/film/1> .\n"
    )
    path = write(tmp_path, "extra.nt", text)
    result = read_rdf(path)
    assert dict(result.unmapped) == {"<http://purl.org/dc/terms/subject>": 2, "schema:sameAs": 1}
    assert [r.key for r in result.records] == ["film:imdb:tt0000001"]
    assert result.records[0].sources == ["rdf:extra.nt"]  # no provenance given: the file
    code, out, err = run("--store", str(tmp_path / "g.db"), "import", "rdf", str(path))
    assert code == 0
    assert err == (
        f"Skipped: {path}: 3 triple(s) outside the reelgraph mapping: "
        "<http://purl.org/dc/terms/subject> (2), schema:sameAs (1)\n"
    )
    assert out.endswith("3 triples outside the mapping\n")


def test_a_failed_file_imports_nothing_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "good.nt", GOOD_FILM)
    bad = write(
        tmp_path,
        "bad.nt",
        GOOD_FILM.replace("tt0000001", "tt0000002").replace('"A Film"', '"A"^^<urn:x>'),
    )
    db = str(tmp_path / "g.db")
    code, out, err = run("--store", db, "import", "rdf", str(bad), str(good))
    assert code == 1
    assert err.startswith(f"Rejected: {bad}: 1 problem(s); nothing from this file was imported")
    assert err.endswith(
        "Error: 1 file(s) rejected (listed above); nothing of them was imported, every other "
        "file was\n"
    )
    assert out.startswith(f"{good}: 4 triples, 1 records, 1 created,")
    _, titles, _ = run(
        "--store", db, "cypher", "MATCH (f:Film) RETURN f.key AS key", "--format", "csv"
    )
    assert titles == "key\nfilm:imdb:tt0000001\n"


def test_unknown_extension_asks_for_format(tmp_path: Path) -> None:
    path = write(tmp_path, "graph.data", GOOD_FILM)
    with pytest.raises(BadInputError, match="give --format"):
        read_rdf(path)
    assert len(read_rdf(path, "nt").records) == 1


def test_bad_base_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("--store", str(tmp_path / "g.db"), "export", "--base", "no-slash")
    assert code == 1 and err.startswith("Error: --base 'no-slash' is not usable")
