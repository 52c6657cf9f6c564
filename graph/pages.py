"""Query rows shaped into pages: a person with their filmography, related people, a path.

The Cypher lives in ``queries/``; this module only combines and orders rows
and documents the JSON shape (stable: keys are only ever added). Every
function takes node keys; :mod:`graph.resolve` turns what a user typed into
one.

``related_people`` adds the two parts of the ``related_people`` query (see
its header): score = film score + :data:`MENTION_WEIGHT` per review that
mentions both people.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from graph import evidence as stored_evidence
from graph import schema
from graph.errors import QueryError
from graph.stores.base import Store

Page = dict[str, Any]
#: Score a review adds when it mentions both people (the query's header says the same).
MENTION_WEIGHT = 0.5
MAX_HOPS = 6
#: Filmographies up to this many films are read whole (see filmography_window).
WHOLE_FILMOGRAPHY_MAX = 100
#: Related people are scored here (in Python) from co-credit rows on these stores; other
#: stores run the one-statement ``related_people`` query. Neo4j plans a statement once and
#: reuses the plan, so there one statement beats three round trips (at 1M nodes: 13 ms
#: against 33 ms per person); LadybugDB spends 15-20 ms planning that statement alone.
RAW_RELATED_STORES = frozenset({"embedded"})
#: People with at most this many films have all their co-credits read (``co_credits``:
#: ~1.5 ms at 1M nodes). Above it the rows grow with films x cast (27,000 rows, 0.5-1 s to
#: fetch, for 1,700 films), so ``related_candidates`` first picks who can make the top
#: (~30 ms) and ``co_credits_among`` reads their co-credits only (~30 ms; the
#: one-statement query took ~110 ms). All paths give the same answer (tests check).
RAW_RELATED_MAX_FILMS = 40
#: People with at least this many films may have their related people precomputed
#: (graph.precompute): their pages look there first. Below it, computing them is cheap
#: and a lookup would only add a query to most pages.
PRECOMPUTED_MIN_FILMS = 100


def person_card(store: Store, person: str) -> Page:
    rows = store.named("person_card", {"person": person}).records()
    if not rows:
        raise QueryError(f"no person with key {person!r} in the store")
    return rows[0]


def filmography(store: Store, person: str) -> list[Page]:
    """One entry per film, newest first; ``credits`` lists what the person did on it."""
    return _films(store.named("filmography", {"person": person}).records())


def filmography_window(
    store: Store, person: str, offset: int, limit: int, films: int | None = None
) -> list[Page]:
    """``filmography(store, person)[offset : offset + limit]``, reading only those films
    (a page of a 1,700-film career was 70-90 ms on Neo4j when the whole list was read).

    ``films`` is the person's film count when known (``credit_span``): up to
    :data:`WHOLE_FILMOGRAPHY_MAX` films the whole list is read and cut here, as the
    windowed statement costs LadybugDB ~2 ms more to plan than a short list costs to read.
    """
    if films is not None and films <= WHOLE_FILMOGRAPHY_MAX:
        return filmography(store, person)[offset : offset + limit]
    params = {"person": person, "offset": offset, "limit": limit}
    return _films(store.named("filmography_window", params).records())


def _films(rows: list[Page]) -> list[Page]:
    """Credit rows (in filmography order) grouped into one entry per film."""
    films: dict[str, Page] = {}
    for row in rows:
        film = films.setdefault(
            row["film"],
            {"film": row["film"], "title": row["title"], "year": row["year"], "credits": []},
        )
        credit = {k: row[k] for k in ("credit", "roles", "categories", "jobs", "billing")}
        film["credits"].append(credit)
    return list(films.values())


def mentions(store: Store, entity: str) -> list[Page]:
    """Reviews mentioning a person or film, each with its evidence spans."""
    out = []
    for row in store.named("mentions", {"entity": entity}).records():
        out.append(
            {
                "review": row["review"],
                "source": row["source"],
                "date": row["date"],
                "confidence": row["confidence"],
                "evidence": [
                    {"start": s, "end": e, "text": t, "extractor": x, "confidence": c}
                    for _, s, e, t, x, c in stored_evidence.decode(row["evidence"])
                ],
            }
        )
    return out


def filmography_page(store: Store, person: str) -> Page:
    return {
        "person": person_card(store, person),
        "filmography": filmography(store, person),
        "mentioned_in": mentions(store, person),
    }


def _reason_order(film: Page) -> tuple[Any, ...]:
    return (
        -film["weight"],
        -(film["year"] or 0),
        film["film"],
        film["credit"],
        film["their_credit"],
    )


@dataclass(frozen=True)
class CreditSpan:
    """How many films a person has credits on, the latest year among them, and whether any
    review mentions the person."""

    films: int
    latest: int | None
    mentioned: bool


def credit_span(store: Store, person: str) -> CreditSpan:
    rows = store.named("credit_span", {"person": person}).records()
    return CreditSpan(**rows[0]) if rows else CreditSpan(0, None, False)


def related_people(
    store: Store,
    person: str,
    limit: int,
    span: CreditSpan | None = None,
    *,
    precomputed: bool = True,
) -> list[Page]:
    """The ``limit`` people most related to ``person``, best first, each with reasons.

    ``span`` is ``credit_span(store, person)`` when the caller has it already. With
    ``precomputed``, an answer precomputed at the current state of the graph is used when
    there is one (graph.precompute): the same answer, read instead of computed.
    """
    if store.dialect in RAW_RELATED_STORES:
        span = span or credit_span(store, person)  # needed below in any case
    # Without a span (Neo4j, outside pages), looking up costs what finding the span would.
    if precomputed and (span is None or span.films >= PRECOMPUTED_MIN_FILMS):
        found = _precomputed(store, person, limit)
        if found is not None:
            return found
    if span is None or store.dialect not in RAW_RELATED_STORES:
        return _related_by_query(store, person, limit)
    if span.films <= RAW_RELATED_MAX_FILMS:
        credits = store.named("co_credits", {"person": person}).records()
    else:
        params = {"person": person, "limit": limit}
        others = [r["other"] for r in store.named("related_candidates", params).records()]
        params = {"person": person, "others": others}
        credits = store.named("co_credits_among", params).records() if others else []
    # Most people are in no review, and then no one is co-mentioned with them.
    mentioned = store.named("co_mentioned", {"person": person}).records() if span.mentioned else []
    return _rank(_related_from_credits(span.latest, credits, mentioned), limit)


def _precomputed(store: Store, person: str, limit: int) -> list[Page] | None:
    """The top ``limit`` of the person's current precomputed related people, if any.

    Ranks order by (score, key), a total order, so any top ``limit`` is the first
    ``limit`` of a longer top list.
    """
    rows = store.named("related_cache_get", {"person": person, "limit": limit}).rows
    return json.loads(rows[0][0])[:limit] if rows else None


def _round4(value: float) -> float:
    """``round(value, 4)`` as the stores do it: halves away from zero (Python's go to even)."""
    return math.floor(value * 10_000 + 0.5) / 10_000


def _kind_weight(mine: str, theirs: str) -> float:
    """The weight of a pair of credits on a shared film (the related_people query header)."""
    if schema.CREDITED in (mine, theirs):
        return 0.5
    if mine == theirs == schema.ACTED_IN:
        return 1.0
    if mine in (schema.ACTED_IN, schema.DIRECTED, schema.WROTE) and theirs in (
        schema.DIRECTED,
        schema.WROTE,
    ):
        return 1.5
    if mine in (schema.DIRECTED, schema.WROTE) and theirs == schema.ACTED_IN:
        return 1.5
    return 1.0


def _related_from_credits(
    latest: int | None, credits: list[Page], mentioned: list[Page]
) -> list[Page]:
    """The people in ``credits`` (``co_credits`` rows) or ``mentioned`` (``co_mentioned``
    rows), each with score parts and reasons, scored here."""
    entries: dict[str, Page] = {}

    def entry(row: Page) -> Page:
        new = {"person": row["person"], "name": row["name"], "films": [], "reviews": []}
        return entries.setdefault(row["person"], new)

    for row in credits:
        year = row["year"]
        # `latest` is set whenever a film has a year: it is the person's latest year.
        recency = 0.5 if year is None or latest is None else 1.0 / (1.0 + (latest - year) / 10.0)
        weight = _round4(recency * _kind_weight(row["credit"], row["their_credit"]))
        reason = {k: row[k] for k in ("film", "title", "year", "credit", "their_credit", "roles")}
        entry(row)["films"].append({**reason, "weight": weight})
    for row in mentioned:
        entry(row)["reviews"].append({"review": row["review"], "source": row["source"]})
    for e in entries.values():
        e["film_score"] = _round4(sum(f["weight"] for f in e["films"]))
    return list(entries.values())


def _related_by_query(store: Store, person: str, limit: int) -> list[Page]:
    """The ``related_people`` query's two parts merged, ranked and cut to ``limit``."""
    merged: dict[str, Page] = {}
    for row in store.named("related_people", {"person": person, "limit": limit}).records():
        entry = merged.get(row["person"])
        # A "reviews" row is complete (it carries the film score too); it wins.
        if entry is None or row["part"] == "reviews":
            merged[row["person"]] = {
                "person": row["person"],
                "name": row["name"],
                "film_score": row["film_score"],
                "films": row["films"] or [],
                "reviews": row["reviews"] or [],
            }
    return _rank(list(merged.values()), limit)


def _rank(candidates: list[Page], limit: int) -> list[Page]:
    """The best ``limit`` by (score, key), numbered, reasons in order; score = films + reviews."""
    for e in candidates:
        e["mention_score"] = round(MENTION_WEIGHT * len(e["reviews"]), 4)
        e["score"] = round(e["film_score"] + e["mention_score"], 4)
    ranked = sorted(candidates, key=lambda e: (-e["score"], e["person"]))[:limit]
    return [
        {
            "rank": i,
            "person": e["person"],
            "name": e["name"],
            "film_score": e["film_score"],
            "mention_score": e["mention_score"],
            "films": sorted(e["films"], key=_reason_order),
            "reviews": sorted(e["reviews"], key=lambda r: r["review"]),
            "score": e["score"],
        }
        for i, e in enumerate(ranked, start=1)
    ]


def related_page(store: Store, person: str, limit: int) -> Page:
    return {"person": person_card(store, person), "related": related_people(store, person, limit)}


def path_page(store: Store, person_a: str, person_b: str, max_hops: int) -> Page:
    """The shortest chain of films from ``person_a`` to ``person_b`` (``hops`` films)."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"max hops must be from 1 to {MAX_HOPS}, not {max_hops}")
    if person_a == person_b:
        raise QueryError("a path needs two different people")
    params = {"person_a": person_a, "person_b": person_b}
    rows = store.named("path", params, path_rels=str(2 * max_hops)).records()
    page: Page = {
        "from": person_a,
        "to": person_b,
        "max_hops": max_hops,
        "hops": None,
        "chain": [],
        "links": [],
    }
    if not rows:
        return page
    row = rows[0]
    names = {r["key"]: r for r in store.named("describe", {"keys": row["keys"]}).records()}
    page["hops"] = row["length"] // 2
    page["chain"] = [names[k] for k in row["keys"]]
    for i, (credit, roles) in enumerate(zip(row["credits"], row["roles"], strict=True)):
        # Relationships go person -> film; the chain alternates person, film, person …
        person, film = (row["keys"][i], row["keys"][i + 1])
        if i % 2:
            person, film = film, person
        page["links"].append({"person": person, "film": film, "credit": credit, "roles": roles})
    return page
