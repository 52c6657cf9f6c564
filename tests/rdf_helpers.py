"""The RDF fixture graph and helpers shared by the RDF test modules."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph
import rdflib

from graph.demo import sample_records_path
from graph.rdf.writers import export_graph
from graph.stores import Store
from loaders.records import read_records

FIXTURE = Path(__file__).parent / "data" / "rdf-fixture-records.jsonl"
#: rdflib / pyoxigraph parser format of each export format.
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}
RDFLIB_FORMAT["xml"] = "xml"
OXIGRAPH_FORMAT = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "xml": pyoxigraph.RdfFormat.RDF_XML,
}


def load_fixture(store: Store) -> None:
    """The bundled demo records plus the RDF fixture records."""
    store.write(read_records(sample_records_path()))
    store.write(read_records(FIXTURE))


def export_text(store: Store, fmt: str = "nt", **kwargs: str) -> str:
    out = io.StringIO()
    export_graph(store, out, fmt, **kwargs)
    return out.getvalue()


def rdflib_graph(text: str, fmt: str = "nt") -> rdflib.Graph:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=text, format=RDFLIB_FORMAT[fmt])
    graph = rdflib.Graph()
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def oxigraph_store(text: str, fmt: str = "nt") -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), format=OXIGRAPH_FORMAT[fmt])
    return store
