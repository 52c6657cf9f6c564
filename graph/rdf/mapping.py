"""The graph as schema.org RDF: store rows (``Store.iter_nodes`` / ``iter_edges``) to triples.

:class:`Mapper` turns one node or edge into :data:`Block` s: a subject and
its ``predicate object`` pairs as finished text (N-Triples, or Turtle's
prefixed names), all pairs of a subject together (the Turtle writer relies on
that). The mapping, in short (README 'RDF export'):

- Film -> ``schema:Movie``, Person -> ``schema:Person``, Review -> ``schema:Review``.
- A credit (ACTED_IN, DIRECTED, WROTE, PRODUCED, CREDITED) is a schema.org *Role*
  node between film and person, as schema.org documents for qualified links:
  ``film schema:actor role . role schema:actor person`` (``schema:director``,
  ``schema:author``, ``schema:producer``, ``schema:contributor``); ACTED_IN
  roles are ``schema:PerformanceRole`` with one ``schema:characterName`` per
  character, CREDITED categories are ``schema:roleName``.
- MENTIONS / REVIEWS are direct ``schema:mentions`` / ``schema:itemReviewed``
  triples plus an ``rdf:Statement`` (RDF reification) that carries their provenance.
- Provenance with PROV-O: ``sources`` are ``prov:wasDerivedFrom`` (a review's
  key is that review's IRI); each evidence span is a node (``rg:evidence``)
  with ``prov:wasQuotedFrom`` its review, ``oa:start``/``oa:end``/``oa:exact``
  (W3C Web Annotation), ``prov:wasAttributedTo`` its extractor and ``rg:confidence``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from graph import evidence as stored_evidence
from graph import schema
from graph.rdf.terms import (
    ID_URLS,
    OA,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RG,
    SCHEMA,
    WIKIDATA,
    XSD,
    Iris,
    double_lexical,
    iri,
    string,
)

Row = dict[str, Any]
#: One subject and its ``predicate object`` pairs, as text in the Mapper's syntax.
Block = tuple[str, list[str]]

A = iri(RDF + "type")
CLASS = {
    schema.FILM: iri(SCHEMA + "Movie"),
    schema.PERSON: iri(SCHEMA + "Person"),
    schema.REVIEW: iri(SCHEMA + "Review"),
}
ROLE, PERFORMANCE_ROLE = iri(SCHEMA + "Role"), iri(SCHEMA + "PerformanceRole")
STATEMENT, EVIDENCE = iri(RDF + "Statement"), iri(RG + "Evidence")
#: The schema.org property of each credit, linking film -> role -> person.
CREDIT_PROPERTY = {
    schema.ACTED_IN: SCHEMA + "actor",
    schema.DIRECTED: SCHEMA + "director",
    schema.WROTE: SCHEMA + "author",
    schema.PRODUCED: SCHEMA + "producer",
    schema.CREDITED: SCHEMA + "contributor",
}
#: The direct schema.org triple of each review edge.
REVIEW_PROPERTY = {schema.MENTIONS: SCHEMA + "mentions", schema.REVIEWS: SCHEMA + "itemReviewed"}


@dataclass(frozen=True, slots=True)
class Terms:
    """Predicates, as N-Triples terms (:data:`P`); :func:`turtle_terms` gives prefixed names."""

    name: str = iri(SCHEMA + "name")
    alternate_name: str = iri(SCHEMA + "alternateName")
    date_published: str = iri(SCHEMA + "datePublished")
    birth_date: str = iri(SCHEMA + "birthDate")
    same_as: str = iri(SCHEMA + "sameAs")
    owl_same_as: str = iri(OWL + "sameAs")
    identifier: str = iri(SCHEMA + "identifier")
    in_language: str = iri(SCHEMA + "inLanguage")
    author: str = iri(SCHEMA + "author")
    review_body: str = iri(SCHEMA + "reviewBody")
    character_name: str = iri(SCHEMA + "characterName")
    role_name: str = iri(SCHEMA + "roleName")
    original_title: str = iri(RG + "originalTitle")
    title_type: str = iri(RG + "titleType")
    link_score: str = iri(RG + "linkScore")
    link_reason: str = iri(RG + "linkReason")
    job: str = iri(RG + "job")
    ordering: str = iri(RG + "ordering")
    confidence: str = iri(RG + "confidence")
    evidence: str = iri(RG + "evidence")
    derived_from: str = iri(PROV + "wasDerivedFrom")
    quoted_from: str = iri(PROV + "wasQuotedFrom")
    attributed_to: str = iri(PROV + "wasAttributedTo")
    start: str = iri(OA + "start")
    end: str = iri(OA + "end")
    exact: str = iri(OA + "exact")
    subject: str = iri(RDF + "subject")
    predicate: str = iri(RDF + "predicate")
    object: str = iri(RDF + "object")


P = Terms()


def compact(term: str) -> str:
    """A vocabulary IRI (N-Triples ``<…>``) as a Turtle prefixed name where one fits."""
    if term == A:
        return "a"
    for prefix, namespace in PREFIXES.items():
        local = term[1:-1].removeprefix(namespace)
        if local != term[1:-1] and local.isalnum():
            return f"{prefix}:{local}"
    return term


def turtle_terms() -> Terms:
    return Terms(*(compact(getattr(P, field.name)) for field in fields(Terms)))


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Entries kept in the sources cache: a few distinct values repeat on millions of rows.
_CACHE_MAX = 100_000


class Mapper:
    """Rows to triples under one base IRI (see the module doc for the mapping).

    Each node or edge becomes a list of :data:`Block`: text ready for the writers, in
    N-Triples syntax or, with ``turtle=True``, with prefixed names, ``a`` and ``xsd:``
    datatypes. Building the text here, with the fixed parts (predicates, classes,
    datatype suffixes) formatted once, is what makes the streaming export fast.
    """

    def __init__(self, iris: Iris, *, turtle: bool = False) -> None:
        self.iris = iris
        term = compact if turtle else str
        self.t = turtle_terms() if turtle else P
        a = term(A)
        self._is_a = {label: f"{a} {term(c)}" for label, c in CLASS.items()}
        self._role = {
            rel: f"{a} {term(PERFORMANCE_ROLE if rel == schema.ACTED_IN else ROLE)}"
            for rel in CREDIT_PROPERTY
        }
        self._statement, self._evidence = f"{a} {term(STATEMENT)}", f"{a} {term(EVIDENCE)}"
        links = CREDIT_PROPERTY | REVIEW_PROPERTY
        self._link = {rel: term(iri(prop)) for rel, prop in links.items()}
        self._edge_prefix = {rel: f"<{iris.base}edge/{rel.lower()}/" for rel in schema.REL_TYPES}
        # The end of a typed literal after its lexical form: '"^^<…#integer>' or '"^^xsd:integer'.
        xsd = (lambda name: f'"^^xsd:{name}') if turtle else (lambda name: f'"^^<{XSD}{name}>')
        self._int, self._double, self._year, self._date = map(
            xsd, ("integer", "double", "gYear", "date")
        )
        # Edges come sorted by their from key: the last one's IRIs are often the next one's.
        self._last_from: tuple[str, str, str] = ("", "", "")  # key, IRI term, edge segment
        self._sources: dict[str, str] = {}  # sources entry -> IRI term
        self._extractors: dict[str, str] = {}

    def _end(self, key: str) -> tuple[str, str]:
        """The IRI term of the node ``key`` and its segment in edge IRIs."""
        node, segment = self.iris.node_and_segment(key)
        return f"<{node}>", segment

    def _source(self, source: str) -> str:
        term = self._sources.get(source)
        if term is None:
            if len(self._sources) >= _CACHE_MAX:
                self._sources.clear()
            term = self._sources[source] = iri(self.iris.source(source))
        return term

    def _provenance(self, sources: list[str], pos: list[str]) -> None:
        derived_from = self.t.derived_from
        for source in sources or ():
            pos.append(f"{derived_from} {self._source(source)}")

    def blocks(self, name: str, rows: list[Row]) -> list[Block]:
        """The text of some nodes (``name`` their label) or relationships (their type)."""
        out: list[Block] = []
        if name in CLASS:
            for row in rows:
                out += self.node(name, row)
        else:
            for row in rows:
                out += self.edge(name, row)
        return out

    def node(self, label: str, row: Row) -> list[Block]:
        s = iri(self.iris.node(row["key"]))
        pos = [self._is_a[label]]
        if label == schema.REVIEW:
            self._review(row, pos)
        else:
            self._film_or_person(label, row, pos)
        self._provenance(row["sources"], pos)
        return [(s, pos)]

    def _film_or_person(self, label: str, row: Row, pos: list[str]) -> None:
        t, film = self.t, label == schema.FILM
        name = row["title"] if film else row["name"]
        if name is not None:
            pos.append(f"{t.name} {string(name)}")
        if film and row["original_title"] is not None:
            pos.append(f"{t.original_title} {string(row['original_title'])}")
        born = row["year"] if film else row["birth_year"]
        if born is not None:
            pos.append(f'{t.date_published if film else t.birth_date} "{born:04d}{self._year}')
        if film and row["title_type"] is not None:
            pos.append(f"{t.title_type} {string(row['title_type'])}")
        for alias in row["aliases"] or ():
            pos.append(f"{t.alternate_name} {string(alias)}")
        if row["qid"] is not None:
            wikidata = iri(WIKIDATA + row["qid"])
            pos += [f"{t.owl_same_as} {wikidata}", f"{t.same_as} {wikidata}"]
        for field, (prefix, suffix) in ID_URLS[label].items():
            if row[field] is not None:
                pos.append(f"{t.same_as} <{prefix}{row[field]}{suffix}>")
        if row["link_score"] is not None:
            pos.append(f'{t.link_score} "{double_lexical(row["link_score"])}{self._double}')
        if row["link_reason"] is not None:
            pos.append(f"{t.link_reason} {string(row['link_reason'])}")

    def _review(self, row: Row, pos: list[str]) -> None:
        t = self.t
        pos.append(f"{t.identifier} {string(row['source'])}")
        lang = row["language"]
        if lang is not None:
            pos.append(f"{t.in_language} {string(lang)}")
        if row["author"] is not None:
            pos.append(f"{t.author} {string(row['author'])}")
        date = row["date"]
        if date is not None:
            value = f'"{date}{self._date}' if _DATE.match(date) else string(date)
            pos.append(f"{t.date_published} {value}")
        if row["text"] is not None:
            pos.append(f"{t.review_body} {string(row['text'], lang)}")

    def edge(self, rel: str, row: Row) -> list[Block]:
        t, from_key = self.t, row["from"]
        if self._last_from[0] == from_key:
            _, from_iri, from_seg = self._last_from
        else:
            from_iri, from_seg = self._end(from_key)
            self._last_from = (from_key, from_iri, from_seg)
        to_iri, to_seg = self._end(row["to"])
        e = f"{self._edge_prefix[rel]}{from_seg}/{to_seg}>"
        link = self._link[rel]
        if rel in CREDIT_PROPERTY:
            pos = [self._role[rel], f"{link} {from_iri}"]
            blocks = [(to_iri, [f"{link} {e}"]), (e, pos)]
            for role in row.get("roles") or ():
                pos.append(f"{t.character_name} {string(role)}")
            for category in row.get("categories") or ():
                pos.append(f"{t.role_name} {string(category)}")
            for job in row["jobs"] or ():
                pos.append(f"{t.job} {string(job)}")
            if row["ordering"] is not None:
                pos.append(f'{t.ordering} "{row["ordering"]}{self._int}')
        else:
            pos = [self._statement, f"{t.subject} {from_iri}"]
            pos += [f"{t.predicate} {link}", f"{t.object} {to_iri}"]
            blocks = [(from_iri, [f"{link} {to_iri}"]), (e, pos)]
        if row["confidence"] is not None:
            pos.append(f'{t.confidence} "{double_lexical(row["confidence"])}{self._double}')
        self._provenance(row["sources"], pos)
        if row["evidence"]:
            self._evidence_blocks(e, row, pos, blocks)
        return blocks

    def _evidence_blocks(self, e: str, row: Row, pos: list[str], blocks: list[Block]) -> None:
        """Each span: ``e rg:evidence span`` (on ``pos`` first, then as a block of its own),
        then the span's own triples, in that order (so output stays as it always was)."""
        t, base = self.t, e[:-1]
        spans = stored_evidence.decode(row["evidence"])
        for index, (source, start, end, text, extractor, confidence) in enumerate(spans):
            ev = f"{base}/evidence/{index}>"
            if index:
                pos = []
                blocks.append((e, pos))
            pos.append(f"{t.evidence} {ev}")
            by = self._extractors.get(extractor)
            if by is None:
                by = self._extractors[extractor] = iri(self.iris.extractor(extractor))
            span = [self._evidence, f"{t.quoted_from} {self._source(source)}"]
            span += [f'{t.start} "{start}{self._int}', f'{t.end} "{end}{self._int}']
            span += [f"{t.exact} {string(text)}", f"{t.attributed_to} {by}"]
            span.append(f'{t.confidence} "{double_lexical(confidence)}{self._double}')
            blocks.append((ev, span))
