"""Entity resolution and records: an :class:`Extraction` becomes graph records.

A name resolves to a node of the graph through the gazetteer (name, alias,
folded variants). One candidate: linked. Several: the reviewed film's known
cast and crew decide; if they cannot, the mention goes to a node of its own
(keyed by the name, never merged into one of the candidates) with a lower
confidence. Unknown names and titles become new nodes whose ``sources`` is
the review key. Keys are deterministic, so re-loading a review changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph import keys, schema
from graph.model import (
    ActedIn,
    Credited,
    Directed,
    Edge,
    Evidence,
    Film,
    Mentions,
    Node,
    Person,
    Produced,
    Review,
    Reviews,
    Wrote,
)
from loaders.reviews.extract import EXTRACTOR, Extraction, PersonResult
from loaders.reviews.gazetteer import FILM, PERSON, Gazetteer
from loaders.reviews.inputs import RawReview
from loaders.reviews.spans import Span

AMBIGUOUS_CONFIDENCE = 0.4


@dataclass(frozen=True)
class Resolved:
    key: str
    confidence: float
    new: bool
    reason: str


def resolve(
    gazetteer: Gazetteer, kind: str, names: list[str], context: set[str], year: int | None = None
) -> Resolved:
    """The node a name (or any of its variants) stands for."""
    found: dict[str, int | None] = {}
    for name in names:
        for entry in gazetteer.lookup(name, kind):
            found[entry.key] = entry.year
    label = schema.PERSON if kind == PERSON else schema.FILM
    own = keys.text_key(label, names[0], year if kind == FILM else None)
    others = {k: y for k, y in found.items() if k != own}
    if kind == FILM and year is not None and len(others) > 1:
        others = {k: y for k, y in others.items() if y == year} or others
    if len(others) > 1 and context:
        others = {k: y for k, y in others.items() if k in context} or others
    if own in found:  # a node an earlier review made for this name: stay with it
        return Resolved(own, AMBIGUOUS_CONFIDENCE if others else 1.0, False, "name")
    if len(others) == 1:
        return Resolved(next(iter(others)), 1.0, False, "name")
    if others:
        reason = f"ambiguous: {len(others)} candidates in the graph"
        return Resolved(own, AMBIGUOUS_CONFIDENCE, True, reason)
    return Resolved(own, 1.0, True, "new from review text")


class _Builder:
    """Evidence and edge ends for the records of one review."""

    def __init__(self, review_key: str) -> None:
        self.key = review_key
        self.src = [review_key]

    def evidence(self, spans: list[Span], confidence: float) -> list[Evidence]:
        return [
            Evidence(
                source=self.key,
                start=s.start,
                end=s.end,
                text=s.text,
                extractor=EXTRACTOR,
                confidence=confidence,
            )
            for s in spans
        ]

    def ends(self, from_key: str, to_key: str) -> dict[str, Any]:
        return {"from": from_key, "to": to_key, "sources": self.src}


def to_records(ex: Extraction, raw: RawReview, gazetteer: Gazetteer) -> Iterator[Node | Edge]:
    """Review node, reviewed film, people, films, MENTIONS, REVIEWS and credit edges."""
    b = _Builder(keys.review_key(ex.source))
    yield Review(
        source=ex.source,
        language=ex.language,
        author=raw.author,
        date=raw.date,
        text=ex.text,
        sources=b.src,
    )
    film_key = None
    if ex.film_imdb:
        film_key = keys.id_key(schema.FILM, "imdb", ex.film_imdb)
    elif ex.film_title:
        res = resolve(gazetteer, FILM, [ex.film_title], set(), ex.film_year)
        film_key = res.key
        if res.new:
            yield Film(
                title=ex.film_title,
                year=ex.film_year,
                key=film_key,
                link_reason=res.reason,
                sources=b.src,
            )
    if film_key:
        spans = b.evidence(ex.film_spans, 0.9)
        yield Reviews(**b.ends(b.key, film_key), evidence=spans)
        if spans:
            yield Mentions(**b.ends(b.key, film_key), evidence=spans)
    film_keys: dict[str, str] = {}
    for film in ex.films:
        res = resolve(gazetteer, FILM, [film.title], set())
        film_keys[film.title] = res.key
        if res.new:
            yield Film(title=film.title, key=res.key, link_reason=res.reason, sources=b.src)
        conf = min(film.confidence, res.confidence)
        yield Mentions(**b.ends(b.key, res.key), evidence=b.evidence(film.spans, conf))
    context = gazetteer.credits.get(film_key or "", set())
    for person in ex.people:
        yield from _person_records(person, b, gazetteer, context, film_key, film_keys)


def _person_records(
    person: PersonResult,
    b: _Builder,
    gazetteer: Gazetteer,
    context: set[str],
    film_key: str | None,
    film_keys: dict[str, str],
) -> Iterator[Node | Edge]:
    res = resolve(gazetteer, PERSON, [person.name, *person.aliases], context)
    if res.new:
        yield Person(
            name=person.name,
            aliases=person.aliases,
            key=res.key,
            link_reason=res.reason,
            sources=b.src,
        )
    conf = min(person.confidence, res.confidence)
    if person.spans:
        yield Mentions(**b.ends(b.key, res.key), evidence=b.evidence(person.spans, conf))
    for credit in person.credits:
        target = film_keys.get(credit.film.text) if credit.film is not None else film_key
        if target is None or not credit.in_reviewed_film:
            continue
        ends = b.ends(res.key, target)
        ev = b.evidence([credit.evidence], min(credit.confidence, res.confidence))
        if credit.role == "actor":
            roles = [credit.character.text] if credit.character is not None else []
            yield ActedIn(**ends, roles=roles, evidence=ev)
        elif credit.role in _CREDIT_EDGES:
            yield _CREDIT_EDGES[credit.role](**ends, evidence=ev)
        else:
            yield Credited(**ends, categories=[credit.role], evidence=ev)


_CREDIT_EDGES: dict[str, type[Directed | Wrote | Produced]] = {
    "director": Directed,
    "writer": Wrote,
    "producer": Produced,
}
