"""The closed set of node labels, relationship types and their stored properties.

This is the single source of truth for what a store holds. Labels and
relationship types reach Cypher only from here (query templates are filled
with these names and nothing else), the embedded store's DDL in
``queries/embedded/schema.cypher`` is checked against it by a test, and each
property carries the rule by which a later record merges into what is stored:

- ``first``: the first non-null value stays; a later value only fills a gap.
- ``union``: lists are united, stored order first, new items appended.
- ``words``: a string of space-separated words, united like ``union`` (the
  ``search`` field, a string so that Neo4j can give it a text index).
- ``max`` / ``min``: the larger / smaller number wins (confidence, billing order).
- ``evidence``: the spans of ``evidence`` (one JSON value, :mod:`graph.evidence`) are
  united, stored spans first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PropType = Literal["str", "int", "float", "str[]", "int[]", "float[]"]
MergeRule = Literal["first", "union", "words", "max", "min", "evidence"]


@dataclass(frozen=True)
class Prop:
    name: str
    type: PropType
    merge: MergeRule = "first"


@dataclass(frozen=True)
class RelSpec:
    name: str
    endpoints: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...]


FILM, PERSON, REVIEW = "Film", "Person", "Review"
NODE_LABELS: tuple[str, ...] = (FILM, PERSON, REVIEW)
#: Node labels a store keeps beside the model for what it derives from the graph
#: (graph.precompute): never written as records, exported or counted in stats.
DERIVED_LABELS: tuple[str, ...] = ("GraphState", "RelatedCache")

# External id properties, in the priority order used to derive a node's key.
ID_FIELDS: dict[str, tuple[str, ...]] = {
    FILM: ("imdb", "qid", "tmdb"),
    PERSON: ("imdb", "qid", "tmdb"),
    REVIEW: (),
}

_LINK = (Prop("link_score", "float"), Prop("link_reason", "str"))
_SOURCES = Prop("sources", "str[]", "union")
# Normalised names/titles and aliases (graph.keys.normalize), space-separated: what
# the `search` query matches. Cypher cannot fold diacritics, so it is stored.
_SEARCH = Prop("search", "str", "words")

NODE_PROPS: dict[str, tuple[Prop, ...]] = {
    FILM: (
        Prop("key", "str"),
        Prop("title", "str"),
        Prop("original_title", "str"),
        Prop("year", "int"),
        Prop("title_type", "str"),
        Prop("aliases", "str[]", "union"),
        Prop("imdb", "str"),
        Prop("qid", "str"),
        Prop("tmdb", "int"),
        *_LINK,
        _SOURCES,
        _SEARCH,
    ),
    PERSON: (
        Prop("key", "str"),
        Prop("name", "str"),
        Prop("aliases", "str[]", "union"),
        Prop("birth_year", "int"),
        Prop("imdb", "str"),
        Prop("qid", "str"),
        Prop("tmdb", "int"),
        *_LINK,
        _SOURCES,
        _SEARCH,
    ),
    REVIEW: (
        Prop("key", "str"),
        Prop("source", "str"),
        Prop("language", "str"),
        Prop("author", "str"),
        Prop("date", "str"),
        Prop("text", "str"),
        _SOURCES,
    ),
}

EVIDENCE_PROPS: tuple[Prop, ...] = (Prop("evidence", "str", "evidence"),)
_EDGE_COMMON = (_SOURCES, Prop("confidence", "float", "max"), *EVIDENCE_PROPS)
_CREDIT = (Prop("ordering", "int", "min"), Prop("jobs", "str[]", "union"))
_PERSON_FILM = ((PERSON, FILM),)

ACTED_IN, DIRECTED, WROTE, PRODUCED = "ACTED_IN", "DIRECTED", "WROTE", "PRODUCED"
CREDITED, MENTIONS, REVIEWS = "CREDITED", "MENTIONS", "REVIEWS"

RELS: dict[str, RelSpec] = {
    spec.name: spec
    for spec in (
        RelSpec(ACTED_IN, _PERSON_FILM, (Prop("roles", "str[]", "union"), *_CREDIT, *_EDGE_COMMON)),
        RelSpec(DIRECTED, _PERSON_FILM, (*_CREDIT, *_EDGE_COMMON)),
        RelSpec(WROTE, _PERSON_FILM, (*_CREDIT, *_EDGE_COMMON)),
        RelSpec(PRODUCED, _PERSON_FILM, (*_CREDIT, *_EDGE_COMMON)),
        # Any other crew category (composer, editor, cinematographer, self …),
        # kept rather than dropped; the categories say which.
        RelSpec(
            CREDITED,
            _PERSON_FILM,
            (Prop("categories", "str[]", "union"), *_CREDIT, *_EDGE_COMMON),
        ),
        # A review names a film or a person; the evidence says where.
        RelSpec(MENTIONS, ((REVIEW, FILM), (REVIEW, PERSON)), _EDGE_COMMON),
        # The one film a review is about (distinct from films it only mentions).
        RelSpec(REVIEWS, ((REVIEW, FILM),), _EDGE_COMMON),
    )
}
REL_TYPES: tuple[str, ...] = tuple(RELS)


def node_prop(label: str, name: str) -> Prop:
    for prop in NODE_PROPS[label]:
        if prop.name == name:
            return prop
    raise KeyError(f"{label}.{name}")


def prop_names(props: tuple[Prop, ...]) -> tuple[str, ...]:
    return tuple(p.name for p in props)
