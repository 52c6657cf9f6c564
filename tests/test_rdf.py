"""RDF export: every format parses with rdflib and pyoxigraph, SHACL shapes hold, SPARQL answers."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
import rdflib
import rdflib.compare
from rdf_helpers import (
    FIXTURE,
    export_text,
    load_fixture,
    oxigraph_store,
    rdflib_graph,
)

from graph.errors import QueryError
from graph.model import ActedIn, Film, Review
from graph.rdf import sparql
from graph.rdf.terms import DEFAULT_BASE, RdfError, check_base
from graph.rdf.writers import FORMATS, export_graph
from graph.stores.embedded import EmbeddedStore
from loaders.records import read_records

SHAPES = Path(__file__).resolve().parents[1] / "graph" / "rdf" / "shapes.ttl"
SCHEMA = rdflib.Namespace("http://schema.org/")


@pytest.fixture
def loaded(embedded_store: EmbeddedStore) -> EmbeddedStore:
    load_fixture(embedded_store)
    return embedded_store


@pytest.fixture
def nt(loaded: EmbeddedStore) -> str:
    return export_text(loaded, "nt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_with_rdflib_and_oxigraph_to_the_same_triples(
    loaded: EmbeddedStore, nt: str, fmt: str
) -> None:
    out = io.StringIO()
    summary = export_graph(loaded, out, fmt)
    text = out.getvalue()
    graph = rdflib_graph(text, fmt)
    oxi = oxigraph_store(text, fmt)
    assert len(graph) == len(oxi) == summary.triples > 150
    # Not only the count: the same graph as the N-Triples export, term for term.
    assert rdflib.compare.isomorphic(graph, rdflib_graph(nt))
    ntriples = pyoxigraph.serialize(oxi, format=pyoxigraph.RdfFormat.N_QUADS)
    assert ntriples is not None
    oxi_graph = rdflib_graph(ntriples.decode("utf-8"), "nquads")
    assert rdflib.compare.isomorphic(oxi_graph, graph)


def test_escaped_strings_come_back_exactly(nt: str) -> None:
    graph = rdflib_graph(nt)
    texts = {str(o) for o in graph.objects(None, SCHEMA.reviewBody)}
    review = next(r for r in read_records(FIXTURE) if r.type == "Review")
    assert texts == {review.text}  # type: ignore[union-attr]
    assert '\\"' in nt and "\\n" in nt and "\\t" in nt and "\\\\" in nt
    body = next(o for o in graph.objects(None, SCHEMA.reviewBody))
    assert isinstance(body, rdflib.Literal) and body.language == "en"
    oxi = oxigraph_store(nt)
    found = {
        q.object.value
        for q in oxi.quads_for_pattern(None, pyoxigraph.NamedNode(str(SCHEMA.reviewBody)), None)
    }
    assert found == texts


def test_identical_runs_and_wikidata_links(loaded: EmbeddedStore, nt: str) -> None:
    assert export_text(loaded, "nt") == nt
    assert (
        "<https://reelgraph.example/film/wd/Q27964354> <http://www.w3.org/2002/07/owl#sameAs> "
        "<http://www.wikidata.org/entity/Q27964354> ." in nt
    )
    assert "<https://www.imdb.com/title/tt0133093/>" in nt
    assert "<https://www.themoviedb.org/person/6384>" in nt


def test_base_is_configurable_and_checked(loaded: EmbeddedStore) -> None:
    text = export_text(loaded, "nt", base="https://example.org/kg/")
    assert "<https://example.org/kg/film/imdb/tt0133093>" in text
    assert DEFAULT_BASE + "film" not in text
    with pytest.raises(RdfError, match="ending in '/' or '#'"):
        check_base("https://example.org/kg")
    with pytest.raises(RdfError, match="absolute IRI"):
        check_base("not an iri/")


def test_rdflib_formats_refuse_large_graphs_before_writing(loaded: EmbeddedStore) -> None:
    out = io.StringIO()
    with pytest.raises(RdfError, match=r"limited to 50 triples; .*turtle, nt or nquads"):
        export_graph(loaded, out, "jsonld", rdflib_limit=50)
    assert out.getvalue() == ""


def test_export_conforms_to_the_shacl_shapes(nt: str) -> None:
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, report = pyshacl.validate(rdflib_graph(nt), shacl_graph=shapes)
    assert conforms, report


def test_shacl_shapes_catch_a_broken_export(nt: str) -> None:
    graph = rdflib_graph(nt)
    film = rdflib.URIRef(DEFAULT_BASE + "film/imdb/tt0133093")
    graph.set((film, SCHEMA.datePublished, rdflib.Literal("1999")))  # a string, not a gYear
    role = next(graph.subjects(rdflib.RDF.type, SCHEMA.PerformanceRole))
    graph.remove((role, SCHEMA.actor, None))
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes)
    assert not conforms
    paths = {str(p) for p in results.objects(None, rdflib.SH.resultPath)}
    assert str(SCHEMA.datePublished) in paths and str(SCHEMA.actor) in paths


def _sparql_both(nt: str, query: str, **params: str | int) -> list[tuple[str, ...]]:
    """Rows of a named query over the export, from rdflib and Oxigraph (which must agree)."""
    text = sparql.render(query, params)
    rows = [
        tuple("" if v is None else str(v) for v in row)  # type: ignore[union-attr]
        for row in rdflib_graph(nt).query(text)
    ]
    oxi = [
        tuple("" if term is None else term.value for term in solution)  # type: ignore[union-attr]
        for solution in oxigraph_store(nt).query(text)  # type: ignore[union-attr]
    ]
    assert oxi == rows
    return rows


def test_filmography_query(loaded: EmbeddedStore, nt: str) -> None:
    busiest = loaded.query(
        "MATCH (p:Person)-[:ACTED_IN]->(:Film) WHERE p.name IS NOT NULL "
        "RETURN p.name AS name, count(*) AS films ORDER BY films DESC, name LIMIT 1"
    ).scalar()
    credits = loaded.query(
        "MATCH (p:Person {name: $n})-[r:ACTED_IN]->(f:Film) RETURN f.title, f.year, r.roles",
        {"n": busiest},
    ).rows
    expected = sorted((str(year), title, role) for title, year, roles in credits for role in roles)
    actor = busiest
    rows = _sparql_both(nt, "filmography", name=actor)
    assert [(y, t, c) for t, y, credit, c in rows] == expected
    assert {credit for *_, credit, _ in rows} == {"actor"}
    assert len(rows) >= 3


def test_control_characters_are_escaped_and_rdf_xml_refuses_them(
    embedded_store: EmbeddedStore,
) -> None:
    text = "bell\u0007 nul-ish\u0001 del\u007f end"
    embedded_store.write([Film(title=text, year=2000, sources=["t"])])
    nt = export_text(embedded_store, "nt")
    assert "\\u0007" in nt and "\\u0001" in nt and "\\u007F" in nt
    assert {str(o) for o in rdflib_graph(nt).objects(None, SCHEMA.name)} == {text}
    name = pyoxigraph.NamedNode(str(SCHEMA.name))
    assert {q.object.value for q in oxigraph_store(nt).quads_for_pattern(None, name, None)} == {
        text
    }
    with pytest.raises(RdfError, match="RDF/XML cannot hold the control character U\\+0007"):
        export_graph(embedded_store, io.StringIO(), "xml")


def test_which_review_says_she_acted_in_the_film(loaded: EmbeddedStore, nt: str) -> None:
    fixture = list(read_records(FIXTURE))
    review = next(r for r in fixture if isinstance(r, Review))
    acted = next(r for r in fixture if isinstance(r, ActedIn) and r.evidence)
    film = loaded.query("MATCH (f:Film {key: $k}) RETURN f.title", {"k": acted.to_key}).scalar()
    person = loaded.query("MATCH (p:Person {key: $k}) RETURN p", {"k": acted.from_key}).scalar()
    expected = [
        (review.source, e.text, str(e.start), str(e.end), e.extractor.replace("/", "%2F"))
        for e in acted.evidence
    ]
    for who in (person["name"], person["aliases"][-1]):  # by name and by an alias
        rows = _sparql_both(nt, "review_says_acted_in", name=who, title=film)
        spans = [(r[1], r[2], r[3], r[4], r[5].rsplit("/", 1)[-1]) for r in rows if r[2]]
        assert spans == expected
        # The review is also a prov:wasDerivedFrom source of the credit (the row without a span).
        assert {r[0] for r in rows} == {DEFAULT_BASE + review.key.replace(":", "/")}
    assert _sparql_both(nt, "review_says_acted_in", name=person["name"], title="-") == []


def test_sparql_parameters_are_checked() -> None:
    with pytest.raises(QueryError, match=r"takes parameters \['name'\]"):
        sparql.render("filmography", {"who": "x"})
    text = sparql.render("filmography", {"name": 'a "quoted"\nname'})
    assert text.endswith('VALUES (?name) { ("a \\"quoted\\"\\nname") }\n')
