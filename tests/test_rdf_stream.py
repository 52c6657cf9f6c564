"""The streaming writers' fast paths: text identical to the plain definitions, exact layout."""

from __future__ import annotations

import io

import pytest
from rdf_helpers import export_text, load_fixture, rdflib_graph

from graph.rdf.mapping import A, Mapper, P, compact, turtle_terms
from graph.rdf.terms import _ESCAPES, DEFAULT_BASE, Iris, string
from graph.rdf.writers import export_graph
from graph.stores.embedded import EmbeddedStore

B = DEFAULT_BASE
E = B + "edge/acted_in/person:name:jeon-jong-seo/film:wd:Q27964354"
# The credit with two evidence spans, as Turtle: each span's link to the credit comes right
# before the span's own block (the layout the writer has always had).
CREDIT_TURTLE = (
    f"<{B}film/wd/Q27964354> schema:actor <{E}> .\n"
    f"<{E}> a schema:PerformanceRole ;\n"
    f"    schema:actor <{B}person/name/jeon-jong-seo> ;\n"
    '    schema:characterName "Shin Hae-mi" ;\n'
    '    schema:characterName "Hae-mi" ;\n'
    '    rg:ordering "3"^^xsd:integer ;\n'
    '    rg:confidence "0.9"^^xsd:double ;\n'
    f"    prov:wasDerivedFrom <{B}source/reelgraph-demo> ;\n"
    f"    prov:wasDerivedFrom <{B}review/fe274a3dbde22e2a> ;\n"
    f"    rg:evidence <{E}/evidence/0> .\n"
    f"<{E}/evidence/0> a rg:Evidence ;\n"
    f"    prov:wasQuotedFrom <{B}review/fe274a3dbde22e2a> ;\n"
    '    oa:start "0"^^xsd:integer ;\n'
    '    oa:end "39"^^xsd:integer ;\n'
    '    oa:exact "Jeon Jong-seo is mesmerising in Burning" ;\n'
    f"    prov:wasAttributedTo <{B}extractor/reviews-rules%2F1> ;\n"
    '    rg:confidence "0.9"^^xsd:double .\n'
    f"<{E}> rg:evidence <{E}/evidence/1> .\n"
    f"<{E}/evidence/1> a rg:Evidence ;\n"
    f"    prov:wasQuotedFrom <{B}review/fe274a3dbde22e2a> ;\n"
    '    oa:start "58"^^xsd:integer ;\n'
    '    oa:end "74"^^xsd:integer ;\n'
    '    oa:exact "She plays Hae-mi" ;\n'
    f"    prov:wasAttributedTo <{B}extractor/reviews-rules%2F2> ;\n"
    '    rg:confidence "0.75"^^xsd:double .\n'
)


@pytest.fixture
def loaded(embedded_store: EmbeddedStore) -> EmbeddedStore:
    load_fixture(embedded_store)
    return embedded_store


def test_string_fast_path_escapes_every_character_as_translate_does() -> None:
    for code in [*range(0x3000), 0xFEFF, 0xFFFE, 0x1F525]:
        text = f"a{chr(code)}b"
        assert string(text) == '"' + text.translate(_ESCAPES) + '"', hex(code)
    assert string('say "hi"\n', "en") == '"say \\"hi\\"\\n"@en'


@pytest.mark.parametrize(
    "key",
    [
        "film:imdb:tt0133093",
        "person:name:lee-chang-dong",
        "film:title:a.b/c d:1999",
        "person:name:jeon-jong-seo-é",
        "review:x:..",
    ],
)
def test_one_key_check_gives_the_node_and_edge_iris(key: str) -> None:
    iris = Iris("https://example.org/kg#")
    node, segment = iris.node_and_segment(key)
    assert node == iris.node(key)
    assert iris.edge("ACTED_IN", key, key) == f"{iris.base}edge/acted_in/{segment}/{segment}"


def test_turtle_terms_are_the_prefixed_names_of_the_ntriples_terms() -> None:
    terms = turtle_terms()
    assert (terms.name, terms.derived_from, terms.start) == (
        "schema:name",
        "prov:wasDerivedFrom",
        "oa:start",
    )
    assert compact(A) == "a" and compact("<https://other.example/x>") == "<https://other.example/x>"
    assert P.name == "<http://schema.org/name>"


def test_a_credit_with_evidence_keeps_its_exact_turtle_layout(loaded: EmbeddedStore) -> None:
    turtle = export_text(loaded, "turtle")
    assert CREDIT_TURTLE in turtle
    nt = export_text(loaded, "nt")
    lines = [line for line in nt.splitlines() if line.startswith(f"<{E}")]
    assert len(lines) == 24 and f"<{E}> <{P.evidence[1:-1]}> <{E}/evidence/1> ." in lines


def test_summary_counts_every_row_and_triple(loaded: EmbeddedStore) -> None:
    summary = export_graph(loaded, io.StringIO(), "nt")
    stats = loaded.stats()
    assert summary.nodes == sum(stats["nodes"].values())
    assert summary.edges == sum(stats["relationships"].values())
    assert summary.triples == len(rdflib_graph(export_text(loaded, "nt")))


def test_blocks_of_a_chunk_are_the_blocks_of_its_rows(loaded: EmbeddedStore) -> None:
    mapper = Mapper(Iris())
    rows = list(loaded.iter_edges("ACTED_IN"))
    one_by_one = [block for row in rows for block in mapper.edge("ACTED_IN", row)]
    assert mapper.blocks("ACTED_IN", rows) == one_by_one
    # Two blocks a credit (film -> role, the role), + one per span, + the second span's link.
    assert len(one_by_one) == 2 * len(rows) + 3
