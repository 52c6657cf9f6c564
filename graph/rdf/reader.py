"""An RDF file (any format rdflib parses) back to :mod:`graph.model` records.

The reverse of :mod:`graph.rdf.mapping`. A file is parsed and mapped whole
before anything is returned, so a caller writes either all of a file's records
or none: a parse error (with line and column), a literal of the wrong
datatype, or a typed node whose IRI is not under the base fails the whole
file with every problem listed. Triples the mapping has no place for are not
an error: they are counted by predicate and returned in ``unmapped``.

RDF has no order among repeated values, so list properties (aliases, roles,
sources …) come back sorted; evidence spans keep their order by the index in
their IRI.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
from pydantic import ValidationError
from rdflib.term import BNode, Literal, Node, URIRef

from graph import schema
from graph.errors import BadInputError
from graph.model import Edge, parse_record
from graph.model import Node as RecordNode
from graph.rdf import mapping
from graph.rdf.errors import parse_error
from graph.rdf.terms import DEFAULT_BASE, ID_URLS, PREFIXES, WIKIDATA, XSD, Iris

Record = RecordNode | Edge
Triple = tuple[Node, Node, Node]

#: ``--format`` names (as in ``reelgraph export``) to rdflib parser names.
PARSER_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}
PARSER_FORMATS |= {"xml": "xml", "trig": "trig", "n3": "n3"}
_EXTENSIONS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
_EXTENSIONS |= {".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
_EXTENSIONS |= {".trig": "trig", ".n3": "n3"}
_INTEGER = {URIRef(XSD + t) for t in ("integer", "int", "long", "nonNegativeInteger")}
_DOUBLE = {URIRef(XSD + t) for t in ("double", "decimal", "float")} | _INTEGER
_STRING: set[URIRef | None] = {None, URIRef(XSD + "string"), URIRef(XSD + "date")}
_MAX_LISTED = 10
_QUADS = ("nquads", "trig")
_INT_FORM = re.compile(r"^[+-]?[0-9]+$")
_DOUBLE_FORM = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$|^[+-]?INF$|^NaN$")


def _lexical_double(text: str) -> float | None:
    return float(text.replace("INF", "inf")) if _DOUBLE_FORM.match(text.strip()) else None


#: Lexical form -> value (None when it is not a valid form of that datatype).
_LEXICAL: dict[str, Any] = {
    "int": lambda t: int(t) if _INT_FORM.match(t.strip()) else None,
    "double": _lexical_double,
    "gYear": lambda t: int(t) if re.match(r"^[0-9]{4}$", t.strip()) else None,
}


def _u(term: str) -> URIRef:
    return URIRef(term[1:-1]) if term.startswith("<") else URIRef(term)


P = mapping.P
RDF_TYPE = _u(mapping.A)
CLASS_LABEL = {_u(term): label for label, term in mapping.CLASS.items()}
#: Node fields: predicate -> (field, kind). Lists are kinds ending in "[]".
_COMMON: dict[Node, tuple[str, str]] = {
    _u(P.alternate_name): ("aliases", "str[]"),
    _u(P.link_reason): ("link_reason", "str"),
}
_COMMON |= {_u(P.link_score): ("link_score", "double")}
NODE_FIELDS: dict[str, dict[Node, tuple[str, str]]] = {
    schema.FILM: {
        _u(P.name): ("title", "str"),
        _u(P.original_title): ("original_title", "str"),
        _u(P.date_published): ("year", "gYear"),
        _u(P.title_type): ("title_type", "str"),
        **_COMMON,
    },
    schema.PERSON: {
        _u(P.name): ("name", "str"),
        _u(P.birth_date): ("birth_year", "gYear"),
        **_COMMON,
    },
    schema.REVIEW: {
        _u(P.identifier): ("source", "str"),
        _u(P.in_language): ("language", "str"),
        _u(P.author): ("author", "str"),
        _u(P.date_published): ("date", "str"),
        _u(P.review_body): ("text", "str"),
    },
}
EDGE_FIELDS: dict[Node, tuple[str, str]] = {
    _u(P.character_name): ("roles", "str[]"),
    _u(P.role_name): ("categories", "str[]"),
    _u(P.job): ("jobs", "str[]"),
    _u(P.ordering): ("ordering", "int"),
    _u(P.confidence): ("confidence", "double"),
}
EVIDENCE_FIELDS: dict[Node, tuple[str, str]] = {
    _u(P.start): ("start", "int"),
    _u(P.end): ("end", "int"),
    _u(P.exact): ("text", "str"),
    _u(P.confidence): ("confidence", "double"),
}
CREDIT_REL: dict[Node, str] = {URIRef(p): rel for rel, p in mapping.CREDIT_PROPERTY.items()}
REVIEW_REL: dict[Node, str] = {URIRef(p): rel for rel, p in mapping.REVIEW_PROPERTY.items()}
ROLE_CLASSES = {_u(mapping.ROLE), _u(mapping.PERFORMANCE_ROLE)}
_EVIDENCE_INDEX = re.compile(r"/evidence/(\d+)$")


@dataclass
class ImportResult:
    """What one file holds: its records, and what the mapping could not place."""

    path: Path
    records: list[Record]
    triples: int
    unmapped: Counter[str] = field(default_factory=Counter)
    placeholders: int = 0


def guess_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in PARSER_FORMATS:
            known = ", ".join(PARSER_FORMATS)
            raise BadInputError(f"unknown RDF format {fmt!r}: use one of {known}", path=str(path))
        return PARSER_FORMATS[fmt]
    guessed = _EXTENSIONS.get(path.suffix.lower())
    if guessed is None:
        raise BadInputError(
            f"cannot tell the RDF format from the extension {path.suffix!r}: give --format "
            f"({', '.join(PARSER_FORMATS)})",
            path=str(path),
        )
    return guessed


def read_rdf(path: Path, fmt: str | None = None, base: str = DEFAULT_BASE) -> ImportResult:
    """Parse and map one RDF file; raises BadInputError (nothing returned) on any problem."""
    iris = Iris(base)
    parser = guess_format(path, fmt)
    # Quad formats need a Dataset; its union graph is what is mapped.
    graph = rdflib.Dataset(default_union=True) if parser in _QUADS else rdflib.Graph()
    try:
        with _quiet("rdflib.term"):  # ill-typed literals: we report them, not rdflib's log
            graph.parse(str(path), format=parser)
    except OSError as exc:
        raise BadInputError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    except Exception as exc:  # rdflib's parsers raise many types; each is a syntax error here
        raise parse_error(exc, path, parser) from exc
    if isinstance(graph, rdflib.Dataset):
        union = rdflib.Graph()
        for triple in graph.triples((None, None, None)):
            union.add(triple)
        graph = union
    return _Mapper(graph, iris, path).run()


class _Mapper:
    def __init__(self, graph: rdflib.Graph, iris: Iris, path: Path) -> None:
        self.graph, self.iris, self.path = graph, iris, path
        self.used: set[Triple] = set()
        self.problems: list[str] = []
        self.default_sources = [f"rdf:{path.name}"]

    def run(self) -> ImportResult:
        result = ImportResult(self.path, [], len(self.graph))
        for cls, label in CLASS_LABEL.items():
            for subject in sorted(self.graph.subjects(RDF_TYPE, cls), key=str):
                data = self._node(label, subject)
                if data is None:
                    continue
                if data.get(_name_field(label)) is None and label != schema.REVIEW:
                    result.placeholders += 1  # an edge end without its own record
                    continue
                self._record(data, subject, result)
        for data, subject in self._edges():
            self._record(data, subject, result)
        if self.problems:
            listed = self.problems[:_MAX_LISTED]
            more = len(self.problems) - len(listed)
            lines = "\n  ".join(listed + ([f"… and {more} more"] if more else []))
            raise BadInputError(
                f"{len(self.problems)} problem(s); nothing from this file was imported:\n  {lines}",
                path=str(self.path),
            )
        for s, p, o in self.graph:
            if (s, p, o) not in self.used:
                result.unmapped[_compact(p)] += 1
        return result

    def _record(self, data: dict[str, Any], subject: Node, result: ImportResult) -> None:
        data.setdefault("sources", self.default_sources)
        try:
            result.records.append(parse_record(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"] if not str(p)[:1].isupper())
            message = str(first.get("ctx", {}).get("error", first["msg"]))
            self.problems.append(f"<{subject}> ({data['type']}): field {where!r}: {message}")

    def _key(self, term: Node, kind: str | None, what: str) -> str | None:
        key = self.iris.node_key(str(term)) if isinstance(term, URIRef) else None
        if key is None or (kind is not None and not key.startswith(kind)):
            self.problems.append(
                f"{_show(term)} ({what}) is not a reelgraph {kind or 'node'} IRI under "
                f"{self.iris.base} (give --base if the file was exported with another base)"
            )
            return None
        return key

    def _node(self, label: str, subject: Node) -> dict[str, Any] | None:
        key = self._key(subject, _kind(label), f"typed {_compact(_u(mapping.CLASS[label]))}")
        if key is None:
            return None
        self.used.add((subject, RDF_TYPE, _u(mapping.CLASS[label])))
        data: dict[str, Any] = {"type": label, "key": key}
        fields = NODE_FIELDS[label]
        for p, o in self.graph.predicate_objects(subject):
            if p in fields:
                self._field(data, fields[p], subject, p, o)
            elif p in (_u(P.same_as), _u(P.owl_same_as)):
                self._same_as(label, data, subject, p, o)
            elif p == _u(P.derived_from):
                self._source(data, subject, p, o)
        return data

    def _field(
        self, data: dict[str, Any], spec: tuple[str, str], s: Node, p: Node, o: Node
    ) -> None:
        name, kind = spec
        value = self._literal(kind.removesuffix("[]"), s, p, o)
        if value is None:
            return
        self.used.add((s, p, o))
        if kind.endswith("[]"):
            data.setdefault(name, []).append(value)
            data[name].sort()
        else:
            data[name] = value

    def _literal(self, kind: str, s: Node, p: Node, o: Node) -> Any:
        expected: dict[str, set[URIRef | None]] = {"str": _STRING, "int": set(_INTEGER)}
        expected |= {"double": set(_DOUBLE), "gYear": {URIRef(XSD + "gYear")}}
        if not isinstance(o, Literal) or o.datatype not in expected[kind]:
            wanted = {"str": "a string", "int": "an xsd:integer", "double": "an xsd:double"}
            wanted["gYear"] = "an xsd:gYear"
            self.problems.append(
                f"<{s}> {_compact(p)}: expected {wanted[kind]} literal, got {_show(o)}"
            )
            return None
        if kind == "str":
            return str(o)
        value = _LEXICAL[kind](str(o))
        if value is None:
            self.problems.append(f"<{s}> {_compact(p)}: {_show(o)} is not a valid {kind}")
        return value

    def _same_as(self, label: str, data: dict[str, Any], s: Node, p: Node, o: Node) -> None:
        text = str(o)
        if text.startswith(WIKIDATA) and re.fullmatch(r"Q[1-9][0-9]*", text[len(WIKIDATA) :]):
            data["qid"] = text[len(WIKIDATA) :]
            self.used.add((s, p, o))
            return
        for name, (prefix, suffix) in ID_URLS[label].items():
            if p == _u(P.same_as) and text.startswith(prefix) and text.endswith(suffix):
                value = text[len(prefix) : len(text) - len(suffix)]
                data[name] = int(value) if name == "tmdb" and value.isdigit() else value
                self.used.add((s, p, o))
                return
        # Any other sameAs is somebody else's link: left for the unmapped count.

    def _source(self, data: dict[str, Any], s: Node, p: Node, o: Node) -> None:
        source = self.iris.source_of(str(o)) if isinstance(o, URIRef) else None
        if source is None:
            self.problems.append(
                f"<{s}> {_compact(p)}: {_show(o)} is not a source IRI under {self.iris.base}"
            )
            return
        self.used.add((s, p, o))
        data.setdefault("sources", []).append(source)
        data["sources"].sort()

    def _edges(self) -> list[tuple[dict[str, Any], Node]]:
        from graph.rdf.reader_edges import EdgeMapper

        return EdgeMapper(self).edges()


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _kind(label: str) -> str:
    return {schema.FILM: "film:", schema.PERSON: "person:", schema.REVIEW: "review:"}[label]


def _name_field(label: str) -> str:
    return "title" if label == schema.FILM else "name"


def _compact(term: Node) -> str:
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return f"<{text}>"


def _show(term: Node) -> str:
    if isinstance(term, BNode):
        return "a blank node"
    if isinstance(term, Literal):
        shown = term.n3()
        return shown if len(shown) <= 80 else shown[:77] + "..."
    return f"<{term}>"
