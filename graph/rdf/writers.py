"""Export a store as RDF: streaming N-Triples, N-Quads and Turtle; JSON-LD and RDF/XML via rdflib.

The streaming writers read the store's rows (``Store.iter_nodes`` /
``iter_edges``, key-range pages) a chunk at a time, have
:class:`~graph.rdf.mapping.Mapper` turn them into ready-made text, one block
per subject, and write that in large pieces, so memory stays flat however
large the graph is. No rdflib term objects on this path: they cost more than
the text itself.
JSON-LD and RDF/XML need the whole graph at once (rdflib's serializers work on
an in-memory ``Graph``), so they are limited to :data:`RDFLIB_MAX_TRIPLES`
triples, with a clear error above that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TextIO

from graph import schema
from graph.gcpause import no_gc_pauses
from graph.rdf.mapping import Block, Mapper
from graph.rdf.terms import DEFAULT_BASE, PREFIXES, Iris, RdfError
from graph.stores.base import Store

FORMATS = ("turtle", "nt", "nquads", "jsonld", "xml")
STREAMING = ("turtle", "nt", "nquads")
#: Above this many triples JSON-LD and RDF/XML are refused: rdflib holds the graph in
#: memory (1,000,000 triples of this mapping peaked at 1.9 GB in bench/rdf_export.py).
RDFLIB_MAX_TRIPLES = 500_000
_CHUNK = 2_000  # store rows mapped at a time
_FLUSH_EVERY = 4_000  # text pieces (one per subject block) per write() call


@dataclass
class ExportSummary:
    triples: int = 0
    nodes: int = 0
    edges: int = 0


def records(store: Store, mapper: Mapper, summary: ExportSummary) -> Iterator[list[Block]]:
    """The triples of every node, then every edge, :data:`_CHUNK` store rows at a time."""
    for label in schema.NODE_LABELS:
        rows = store.iter_nodes(label, fill_lists=False)
        while chunk := list(islice(rows, _CHUNK)):
            summary.nodes += len(chunk)
            yield mapper.blocks(label, chunk)
    for rel in schema.REL_TYPES:
        rows = store.iter_edges(rel, fill_lists=False)
        while chunk := list(islice(rows, _CHUNK)):
            summary.edges += len(chunk)
            yield mapper.blocks(rel, chunk)


def write_ntriples(records: Iterator[list[Block]], out: TextIO, graph: str | None = None) -> int:
    """N-Triples, or N-Quads with every triple in the named graph ``graph``."""
    end = f" <{graph}> .\n" if graph else " .\n"
    count, buffer = 0, list[str]()
    for blocks in records:
        for s, pos in blocks:
            count += len(pos)
            head = s + " "
            buffer.append(head + (end + head).join(pos) + end)
        if len(buffer) >= _FLUSH_EVERY:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))
    return count


def write_turtle(records: Iterator[list[Block]], out: TextIO) -> int:
    """Turtle, one block per subject (``;`` between its predicates), prefixes first.

    ``records`` come from a ``Mapper(…, turtle=True)``: prefixed names, ``a``, ``xsd:``.
    """
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()))
    count, buffer, subject = 0, list[str](), ""
    more = " ;\n    "
    for blocks in records:
        for s, pos in blocks:
            count += len(pos)
            if s == subject:
                buffer.append(more + more.join(pos))
            else:
                buffer.append(f"{' .' if subject else ''}\n{s} {more.join(pos)}")
                subject = s
        if len(buffer) >= _FLUSH_EVERY:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer) + (" .\n" if subject else ""))
    return count


def write_with_rdflib(
    records: Iterator[list[Block]], out: TextIO, fmt: str, limit: int = RDFLIB_MAX_TRIPLES
) -> int:
    """JSON-LD or RDF/XML through an in-memory rdflib Graph of at most ``limit`` triples."""
    import rdflib

    lines: list[str] = []
    for blocks in records:
        lines.extend(f"{s} {po} .\n" for s, pos in blocks for po in pos)
        if len(lines) > limit:
            raise RdfError(
                f"{fmt} export goes through an in-memory rdflib graph and is limited to "
                f"{limit:,} triples; this graph has more. Export as turtle, nt or nquads "
                "(streamed, any size) instead"
            )
    graph = rdflib.Graph()
    graph.parse(data="".join(lines), format="nt")
    if fmt == "xml":
        _check_xml_chars(graph)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    text = _jsonld(graph) if fmt == "jsonld" else graph.serialize(format="xml")
    out.write(text if text.endswith("\n") else text + "\n")
    return len(lines)


def _jsonld(graph: Any) -> str:
    """Compact JSON-LD with our prefixes, numbers kept as typed literals.

    rdflib's own ``serialize(format="json-ld", context=…)`` writes every xsd:double
    and xsd:integer as a bare JSON number once a context is given, and a JSON
    ``1.0`` reads back as xsd:integer 1 (JSON-LD 1.1, section 8.6): values would
    change type. So the converter runs with native types off.
    """
    import json

    from rdflib.plugins.serializers.jsonld import Context, Converter  # type: ignore[attr-defined]

    context = dict(PREFIXES)
    converter = Converter(Context(context), use_native_types=False, use_rdf_type=False)
    converter.use_native_types = False
    result = converter.convert(graph)
    body = result if isinstance(result, list) else [result]
    return json.dumps({"@context": context, "@graph": body}, indent=2, ensure_ascii=False)


# Characters XML 1.0 cannot hold at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_chars(graph: Any) -> None:
    import rdflib

    for s, p, o in graph:
        found = _NOT_XML.search(o) if isinstance(o, rdflib.Literal) else None
        if found:
            raise RdfError(
                f"RDF/XML cannot hold the control character U+{ord(found.group()):04X} in the "
                f"{p} value of <{s}>; export as turtle, nt, nquads or jsonld instead"
            )


def export_graph(
    store: Store,
    out: TextIO,
    fmt: str = "turtle",
    base: str = DEFAULT_BASE,
    *,
    rdflib_limit: int = RDFLIB_MAX_TRIPLES,
) -> ExportSummary:
    """Write the whole graph in ``store`` to ``out`` as RDF in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise RdfError(f"unknown RDF format {fmt!r}: use one of {', '.join(FORMATS)}")
    iris = Iris(base)
    summary = ExportSummary()
    triples = records(store, Mapper(iris, turtle=fmt == "turtle"), summary)
    if fmt not in ("nt", "nquads", "turtle"):
        summary.triples = write_with_rdflib(triples, out, fmt, rdflib_limit)
        return summary
    with no_gc_pauses():  # streamed text has no reference cycles (see no_gc_pauses)
        if fmt == "turtle":
            summary.triples = write_turtle(triples, out)
        else:
            summary.triples = write_ntriples(triples, out, iris.base if fmt == "nquads" else None)
    return summary
