"""The graph as schema.org RDF: store rows (``Store.iter_nodes`` / ``iter_edges``) to triples.

Each function returns the triples of one node or edge as N-Triples term text
``(subject, predicate, object)``, all triples of a subject together (the
Turtle writer relies on that). The mapping, in short (README 'RDF export'):

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
from typing import Any

from graph import schema
from graph.rdf.terms import (
    ID_URLS,
    OA,
    OWL,
    PROV,
    RDF,
    RG,
    SCHEMA,
    WIKIDATA,
    Iris,
    double,
    integer,
    iri,
    string,
    typed,
    year,
)

Triple = tuple[str, str, str]
Row = dict[str, Any]

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


class P:
    """Predicates, as N-Triples terms."""

    name = iri(SCHEMA + "name")
    alternate_name = iri(SCHEMA + "alternateName")
    date_published = iri(SCHEMA + "datePublished")
    birth_date = iri(SCHEMA + "birthDate")
    same_as = iri(SCHEMA + "sameAs")
    owl_same_as = iri(OWL + "sameAs")
    identifier = iri(SCHEMA + "identifier")
    in_language = iri(SCHEMA + "inLanguage")
    author = iri(SCHEMA + "author")
    review_body = iri(SCHEMA + "reviewBody")
    character_name = iri(SCHEMA + "characterName")
    role_name = iri(SCHEMA + "roleName")
    original_title = iri(RG + "originalTitle")
    title_type = iri(RG + "titleType")
    link_score = iri(RG + "linkScore")
    link_reason = iri(RG + "linkReason")
    job = iri(RG + "job")
    ordering = iri(RG + "ordering")
    confidence = iri(RG + "confidence")
    evidence = iri(RG + "evidence")
    derived_from = iri(PROV + "wasDerivedFrom")
    quoted_from = iri(PROV + "wasQuotedFrom")
    attributed_to = iri(PROV + "wasAttributedTo")
    start = iri(OA + "start")
    end = iri(OA + "end")
    exact = iri(OA + "exact")
    subject = iri(RDF + "subject")
    predicate = iri(RDF + "predicate")
    object = iri(RDF + "object")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Mapper:
    """Rows to triples under one base IRI (see the module doc for the mapping)."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        # Sources repeat on millions of rows: their IRIs are built once.
        self._sources: dict[str, str] = {}

    def _provenance(self, s: str, sources: list[str], out: list[Triple]) -> None:
        cache = self._sources
        for source in sources:
            term = cache.get(source)
            if term is None:
                term = cache[source] = iri(self.iris.source(source))
            out.append((s, P.derived_from, term))

    def node(self, label: str, row: Row) -> list[Triple]:
        s = iri(self.iris.node(row["key"]))
        out: list[Triple] = [(s, A, CLASS[label])]
        if label == schema.REVIEW:
            self._review(s, row, out)
        else:
            self._film_or_person(label, s, row, out)
        self._provenance(s, row["sources"], out)
        return out

    def _film_or_person(self, label: str, s: str, row: Row, out: list[Triple]) -> None:
        film = label == schema.FILM
        name = row["title"] if film else row["name"]
        if name is not None:
            out.append((s, P.name, string(name)))
        if film and row["original_title"] is not None:
            out.append((s, P.original_title, string(row["original_title"])))
        born = row["year"] if film else row["birth_year"]
        if born is not None:
            out.append((s, P.date_published if film else P.birth_date, year(born)))
        if film and row["title_type"] is not None:
            out.append((s, P.title_type, string(row["title_type"])))
        out.extend((s, P.alternate_name, string(alias)) for alias in row["aliases"])
        if row["qid"] is not None:
            wikidata = iri(WIKIDATA + row["qid"])
            out += [(s, P.owl_same_as, wikidata), (s, P.same_as, wikidata)]
        for field, (prefix, suffix) in ID_URLS[label].items():
            if row[field] is not None:
                out.append((s, P.same_as, iri(f"{prefix}{row[field]}{suffix}")))
        if row["link_score"] is not None:
            out.append((s, P.link_score, double(row["link_score"])))
        if row["link_reason"] is not None:
            out.append((s, P.link_reason, string(row["link_reason"])))

    def _review(self, s: str, row: Row, out: list[Triple]) -> None:
        out.append((s, P.identifier, string(row["source"])))
        lang = row["language"]
        if lang is not None:
            out.append((s, P.in_language, string(lang)))
        if row["author"] is not None:
            out.append((s, P.author, string(row["author"])))
        date = row["date"]
        if date is not None:
            value = typed(date, "date") if _DATE.match(date) else string(date)
            out.append((s, P.date_published, value))
        if row["text"] is not None:
            out.append((s, P.review_body, string(row["text"], lang)))

    def edge(self, rel: str, row: Row) -> list[Triple]:
        from_iri, to_iri = iri(self.iris.node(row["from"])), iri(self.iris.node(row["to"]))
        e = iri(self.iris.edge(rel, row["from"], row["to"]))
        out: list[Triple]
        if rel in CREDIT_PROPERTY:
            link = iri(CREDIT_PROPERTY[rel])
            kind = PERFORMANCE_ROLE if rel == schema.ACTED_IN else ROLE
            out = [(to_iri, link, e), (e, A, kind), (e, link, from_iri)]
            out.extend((e, P.character_name, string(r)) for r in row.get("roles", ()))
            out.extend((e, P.role_name, string(c)) for c in row.get("categories", ()))
            out.extend((e, P.job, string(j)) for j in row["jobs"])
            if row["ordering"] is not None:
                out.append((e, P.ordering, integer(row["ordering"])))
        else:
            link = iri(REVIEW_PROPERTY[rel])
            out = [(from_iri, link, to_iri), (e, A, STATEMENT), (e, P.subject, from_iri)]
            out += [(e, P.predicate, link), (e, P.object, to_iri)]
        if row["confidence"] is not None:
            out.append((e, P.confidence, double(row["confidence"])))
        self._provenance(e, row["sources"], out)
        if row["ev_source"]:
            self._evidence(e, row, out)
        return out

    def _evidence(self, e: str, row: Row, out: list[Triple]) -> None:
        spans = zip(
            row["ev_source"],
            row["ev_start"],
            row["ev_end"],
            row["ev_text"],
            row["ev_extractor"],
            row["ev_confidence"],
            strict=True,
        )
        base = e[1:-1]
        for index, (source, start, end, text, extractor, confidence) in enumerate(spans):
            ev = iri(f"{base}/evidence/{index}")
            out.append((e, P.evidence, ev))
            out += [
                (ev, A, EVIDENCE),
                (ev, P.quoted_from, iri(self.iris.source(source))),
                (ev, P.start, integer(start)),
                (ev, P.end, integer(end)),
                (ev, P.exact, string(text)),
                (ev, P.attributed_to, iri(self.iris.extractor(extractor))),
                (ev, P.confidence, double(confidence)),
            ]
