"""The records loaders yield and stores write: closed pydantic v2 models.

Nodes: :class:`Film`, :class:`Person`, :class:`Review`. Edges:
:class:`ActedIn`, :class:`Directed`, :class:`Wrote`, :class:`Produced`,
:class:`Credited` (any other crew category), :class:`Mentions` (a review names
a film or person, with evidence) and :class:`Reviews` (the one film a review
is about). Every record has a ``type`` (its label or relationship type) and
``sources``: which dataset file or review asserted it.

Edges name their endpoints by key (``from``/``to``); a key derived from an
external id (``film:imdb:tt0133093``) reaches the node that carries that id
even when the node's own key came from another source.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator
from pydantic_core import PydanticCustomError

from graph import evidence as stored_evidence
from graph import keys, schema

QID = Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")]
TMDB = Annotated[int, Field(gt=0)]
Year = Annotated[int, Field(ge=1850, le=2100)]
Text = Annotated[str, Field(min_length=1)]
Sources = Annotated[list[Text], Field(min_length=1)]
Score = Annotated[float, Field(ge=0.0, le=1.0)]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class _Node(_Closed):
    type: str
    key: str = ""
    sources: Sources

    def derived_key(self) -> str:
        raise NotImplementedError

    @model_validator(mode="after")
    def _fill_key(self) -> Self:
        label = self.type
        if not self.key:
            self.key = self.derived_key()
        elif keys.kind_of(self.key) != label or not keys.KEY_PATTERN.match(self.key):
            prefix = keys.KIND_PREFIX[label]
            raise PydanticCustomError(
                "node_key",
                f"key {self.key!r} must look like '{prefix}:<scheme>:<value>'",
                {"field": "key"},
            )
        return self

    def _id_key(self) -> str | None:
        for field in schema.ID_FIELDS[self.type]:
            value = getattr(self, field)
            if value is not None:
                return keys.id_key(self.type, field, value)
        return None

    def row(self) -> dict[str, Any]:
        """The stored properties, named and ordered as in :mod:`graph.schema`."""
        return {name: getattr(self, name) for name in _NAMES[self.type]}


# Looked up once here, not per call: row() runs for every record loaded.
_NAMES: dict[str, tuple[str, ...]] = {
    **{label: schema.prop_names(props) for label, props in schema.NODE_PROPS.items()},
    **{rel: schema.prop_names(spec.props) for rel, spec in schema.RELS.items()},
}
#: Per relationship type, its properties that are model fields as stored (all but
#: ``evidence``, which is encoded).
_EDGE_FIELDS: dict[str, tuple[str, ...]] = {
    rel: tuple(p.name for p in spec.props if p.merge != "evidence")
    for rel, spec in schema.RELS.items()
}
if any(spec.props[-1:] != schema.EVIDENCE_PROPS for spec in schema.RELS.values()):
    raise RuntimeError("Edge.row() relies on the evidence property coming last")


def _search_words(*names: str | None) -> str:
    """Normalised names, space-separated, each once (``graph.keys.normalize`` has no spaces)."""
    return " ".join(dict.fromkeys(keys.normalize(n) for n in names if n))


class Film(_Node):
    type: Literal["Film"] = "Film"
    title: Text
    original_title: str | None = None
    year: Year | None = None
    title_type: str | None = None
    aliases: list[Text] = Field(default_factory=list)
    imdb: Annotated[str, Field(pattern=r"^tt[0-9]{7,}$")] | None = None
    qid: QID | None = None
    tmdb: TMDB | None = None
    link_score: Score | None = None
    link_reason: str | None = None

    def derived_key(self) -> str:
        return self._id_key() or keys.text_key(schema.FILM, self.title, self.year)

    @property
    def search(self) -> str:
        """The stored ``search`` field: normalised title, original title and aliases."""
        return _search_words(self.title, self.original_title, *self.aliases)


class Person(_Node):
    type: Literal["Person"] = "Person"
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    birth_year: Year | None = None
    imdb: Annotated[str, Field(pattern=r"^nm[0-9]{7,}$")] | None = None
    qid: QID | None = None
    tmdb: TMDB | None = None
    link_score: Score | None = None
    link_reason: str | None = None

    def derived_key(self) -> str:
        return self._id_key() or keys.text_key(schema.PERSON, self.name)

    @property
    def search(self) -> str:
        """The stored ``search`` field: normalised name and aliases."""
        return _search_words(self.name, *self.aliases)


class Review(_Node):
    type: Literal["Review"] = "Review"
    source: Text
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = None
    author: str | None = None
    date: str | None = None
    text: str | None = None

    def derived_key(self) -> str:
        return keys.review_key(self.source)


class Evidence(_Closed):
    """One span of review text that supports an edge."""

    source: Text  # key of the review the span is in
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: Text
    extractor: Text  # name/version, e.g. "reviews-rules/1"
    confidence: Score

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end <= self.start:
            raise ValueError(f"evidence end ({self.end}) must be after start ({self.start})")
        return self

    def as_tuple(self) -> tuple[str, int, int, str, str, float]:
        return (self.source, self.start, self.end, self.text, self.extractor, self.confidence)


class _Edge(_Closed):
    type: str
    from_key: str = Field(alias="from")
    to_key: str = Field(alias="to")
    sources: Sources
    confidence: Score | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_endpoints(self) -> Self:
        spec = schema.RELS[self.type]
        pair = (keys.kind_of(self.from_key), keys.kind_of(self.to_key))
        if pair not in spec.endpoints:
            allowed = " or ".join(f"{a} -> {b}" for a, b in spec.endpoints)
            # A model-level check has no location of its own: name the end that is wrong.
            wrong = "from" if pair[0] not in {a for a, _ in spec.endpoints} else "to"
            raise PydanticCustomError(
                "edge_endpoints",
                f"{spec.name} goes {allowed}, not {pair[0] or '?'} -> {pair[1] or '?'} "
                f"(from={self.from_key!r}, to={self.to_key!r}); keys start with film:, "
                "person: or review:",
                {"field": wrong},
            )
        return self

    @property
    def from_kind(self) -> str:
        return keys.PREFIX_KIND[self.from_key.split(":", 1)[0]]

    @property
    def to_kind(self) -> str:
        return keys.PREFIX_KIND[self.to_key.split(":", 1)[0]]

    def row(self) -> dict[str, Any]:
        """Stored properties in schema order, the evidence encoded as one value (see
        :mod:`graph.evidence`; the schema puts it last). Runs once per edge loaded:
        fields come straight from ``__dict__``."""
        values = self.__dict__
        row = {name: values[name] for name in _EDGE_FIELDS[self.type]}
        row["evidence"] = stored_evidence.encode(e.as_tuple() for e in self.evidence)
        if self.evidence and row["confidence"] is None:
            row["confidence"] = max(e.confidence for e in self.evidence)
        return row


class _Credit(_Edge):
    ordering: Annotated[int, Field(ge=0)] | None = None
    jobs: list[Text] = Field(default_factory=list)


class ActedIn(_Credit):
    type: Literal["ACTED_IN"] = "ACTED_IN"
    roles: list[Text] = Field(default_factory=list)


class Directed(_Credit):
    type: Literal["DIRECTED"] = "DIRECTED"


class Wrote(_Credit):
    type: Literal["WROTE"] = "WROTE"


class Produced(_Credit):
    type: Literal["PRODUCED"] = "PRODUCED"


class Credited(_Credit):
    type: Literal["CREDITED"] = "CREDITED"
    categories: Annotated[list[Text], Field(min_length=1)]


class Mentions(_Edge):
    type: Literal["MENTIONS"] = "MENTIONS"
    evidence: Annotated[list[Evidence], Field(min_length=1)]


class Reviews(_Edge):
    type: Literal["REVIEWS"] = "REVIEWS"


Node = Film | Person | Review
Edge = ActedIn | Directed | Wrote | Produced | Credited | Mentions | Reviews
Record = Annotated[Node | Edge, Field(discriminator="type")]
RECORD_TYPES: tuple[str, ...] = (*schema.NODE_LABELS, *schema.REL_TYPES)
_RECORD = TypeAdapter[Record](Record)


def parse_record(data: Any) -> Node | Edge:
    """Validate one record (a dict with ``type``); raises pydantic's ValidationError."""
    return _RECORD.validate_python(data)


def is_node(record: Node | Edge) -> bool:
    return record.type in schema.NODE_PROPS
