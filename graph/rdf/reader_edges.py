"""Edges back from RDF: credit Role nodes, reified review statements, evidence spans.

Part of :mod:`graph.rdf.reader` (kept apart for size). Besides the nodes the
export writes, plain triples other datasets use are read too: a direct
``film schema:actor person`` is an ACTED_IN, a ``review schema:mentions film``
without its statement is a MENTIONS, each with the file as its source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rdflib.term import Node, URIRef

from graph import schema
from graph.rdf import mapping
from graph.rdf.reader import (
    CREDIT_REL,
    EDGE_FIELDS,
    EVIDENCE_FIELDS,
    RDF_TYPE,
    REVIEW_REL,
    ROLE_CLASSES,
    P,
    _u,
)

if TYPE_CHECKING:
    from graph.rdf.reader import _Mapper

Found = tuple[dict[str, Any], Node]
_INDEX = re.compile(r"/evidence/([0-9]+)$")
_STATEMENT = _u(mapping.STATEMENT)
_EVIDENCE = _u(mapping.EVIDENCE)


class EdgeMapper:
    def __init__(self, nodes: _Mapper) -> None:
        self.m = nodes
        self.graph = nodes.graph

    def edges(self) -> list[Found]:
        found = self._credits() + self._statements()
        found += self._direct(CREDIT_REL, schema.PERSON, schema.FILM, reverse=True)
        found += self._direct(REVIEW_REL, schema.REVIEW, None, reverse=False)
        return found

    def _one(self, values: list[Node], what: str, node: Node) -> Node | None:
        if len(values) != 1:
            self.m.problems.append(f"<{node}>: expected exactly one {what}, found {len(values)}")
            return None
        return values[0]

    def _credits(self) -> list[Found]:
        found: list[Found] = []
        roles = {r for cls in ROLE_CLASSES for r in self.graph.subjects(RDF_TYPE, cls)}
        for role in sorted(roles, key=str):
            links = [p for p in self.graph.predicates(role) if p in CREDIT_REL]
            link = self._one(sorted(set(links), key=str), "credit property (schema:actor …)", role)
            if link is None:
                continue
            rel = CREDIT_REL[link]
            film = self._one(list(self.graph.subjects(link, role)), f"film linking {link}", role)
            person = self._one(list(self.graph.objects(role, link)), f"{link} person", role)
            if film is None or person is None:
                continue
            data = self._ends(rel, person, film)
            if data is None:
                continue
            kind = _u(mapping.PERFORMANCE_ROLE if rel == schema.ACTED_IN else mapping.ROLE)
            for triple in ((role, RDF_TYPE, kind), (film, link, role), (role, link, person)):
                self.m.used.add(triple)
            self._properties(data, role)
            found.append((data, role))
        return found

    def _statements(self) -> list[Found]:
        found: list[Found] = []
        for st in sorted(self.graph.subjects(RDF_TYPE, _STATEMENT), key=str):
            parts = {}
            for name, p in (("s", P.subject), ("p", P.predicate), ("o", P.object)):
                parts[name] = self._one(list(self.graph.objects(st, _u(p))), f"rdf:{name}", st)
            if None in parts.values():
                continue
            rel = REVIEW_REL.get(URIRef(str(parts["p"])))
            if rel is None:
                continue  # somebody else's statement: its triples count as unmapped
            data = self._ends(rel, parts["s"], parts["o"])  # type: ignore[arg-type]
            if data is None:
                continue
            self.m.used.add((st, RDF_TYPE, _STATEMENT))
            for name, p in (("s", P.subject), ("p", P.predicate), ("o", P.object)):
                self.m.used.add((st, _u(p), parts[name]))  # type: ignore[arg-type]
            self.m.used.add((parts["s"], parts["p"], parts["o"]))  # type: ignore[arg-type]
            self._properties(data, st)
            found.append((data, st))
        return found

    def _direct(
        self, rels: dict[Node, str], start: str, end: str | None, *, reverse: bool
    ) -> list[Found]:
        """Plain ``film schema:actor person`` / ``review schema:mentions x`` not read yet."""
        found: list[Found] = []
        for link, rel in rels.items():
            for s, o in sorted(self.graph.subject_objects(link), key=str):
                if (s, link, o) in self.m.used:
                    continue
                frm, to = (o, s) if reverse else (s, o)
                if not self._typed(frm, start) or (end is not None and not self._typed(to, end)):
                    continue
                data = self._ends(rel, frm, to)
                if data is not None:
                    self.m.used.add((s, link, o))
                    found.append((data, s))
        return found

    def _typed(self, node: Node, label: str) -> bool:
        return (node, RDF_TYPE, _u(mapping.CLASS[label])) in self.graph

    def _ends(self, rel: str, frm: Node, to: Node) -> dict[str, Any] | None:
        from_key = self.m._key(frm, None, f"{rel} from")
        to_key = self.m._key(to, None, f"{rel} to")
        if from_key is None or to_key is None:
            return None
        return {"type": rel, "from": from_key, "to": to_key}

    def _properties(self, data: dict[str, Any], node: Node) -> None:
        spans = []
        for p, o in self.graph.predicate_objects(node):
            if p in EDGE_FIELDS:
                self.m._field(data, EDGE_FIELDS[p], node, p, o)
            elif p == _u(P.derived_from):
                self.m._source(data, node, p, o)
            elif p == _u(P.evidence):
                span = self._evidence(o)
                if span is not None:
                    self.m.used.add((node, p, o))
                    spans.append(span)
        if spans:
            spans.sort(key=lambda kv: kv[0])
            data["evidence"] = [span for _, span in spans]

    def _evidence(self, ev: Node) -> tuple[tuple[int, str], dict[str, Any]] | None:
        if (ev, RDF_TYPE, _EVIDENCE) not in self.graph:
            self.m.problems.append(f"<{ev}>: an rg:evidence value must be typed rg:Evidence")
            return None
        self.m.used.add((ev, RDF_TYPE, _EVIDENCE))
        span: dict[str, Any] = {}
        for p, o in self.graph.predicate_objects(ev):
            if p in EVIDENCE_FIELDS:
                self.m._field(span, EVIDENCE_FIELDS[p], ev, p, o)
            elif p == _u(P.quoted_from):
                holder: dict[str, Any] = {}
                self.m._source(holder, ev, p, o)
                if holder:
                    span["source"] = holder["sources"][0]
            elif p == _u(P.attributed_to):
                name = self.m.iris.extractor_of(str(o))
                if name is None:
                    self.m.problems.append(f"<{ev}> prov:wasAttributedTo: <{o}> is not ours")
                else:
                    span["extractor"] = name
                    self.m.used.add((ev, p, o))
        match = _INDEX.search(str(ev))
        order = (int(match.group(1)) if match else 1 << 62, str(ev))
        return order, span
