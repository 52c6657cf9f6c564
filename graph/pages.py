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

from typing import Any

from graph.errors import QueryError
from graph.stores.base import Store

Page = dict[str, Any]
#: Score a review adds when it mentions both people (the query's header says the same).
MENTION_WEIGHT = 0.5
MAX_HOPS = 6


def person_card(store: Store, person: str) -> Page:
    rows = store.named("person_card", {"person": person}).records()
    if not rows:
        raise QueryError(f"no person with key {person!r} in the store")
    return rows[0]


def filmography(store: Store, person: str) -> list[Page]:
    """One entry per film, newest first; ``credits`` lists what the person did on it."""
    films: dict[str, Page] = {}
    for row in store.named("filmography", {"person": person}).records():
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
        spans = zip(
            row["ev_start"],
            row["ev_end"],
            row["ev_text"],
            row["ev_extractor"],
            row["ev_confidence"],
            strict=True,
        )
        out.append(
            {
                "review": row["review"],
                "source": row["source"],
                "date": row["date"],
                "confidence": row["confidence"],
                "evidence": [
                    {"start": s, "end": e, "text": t, "extractor": x, "confidence": c}
                    for s, e, t, x, c in spans
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


def related_people(store: Store, person: str, limit: int) -> list[Page]:
    """The ``limit`` people most related to ``person``, best first, each with reasons."""
    merged: dict[str, Page] = {}
    for row in store.named("related_people", {"person": person, "limit": limit}).records():
        entry = merged.get(row["person"])
        # A "reviews" row is complete (it carries the film score too); it wins.
        if entry is None or row["part"] == "reviews":
            merged[row["person"]] = {
                "person": row["person"],
                "name": row["name"],
                "film_score": row["film_score"],
                "mention_score": round(MENTION_WEIGHT * len(row["reviews"] or []), 4),
                "films": sorted(row["films"] or [], key=_reason_order),
                "reviews": sorted(row["reviews"] or [], key=lambda r: r["review"]),
            }
    for entry in merged.values():
        entry["score"] = round(entry["film_score"] + entry["mention_score"], 4)
    ranked = sorted(merged.values(), key=lambda e: (-e["score"], e["person"]))
    return [{"rank": i, **e} for i, e in enumerate(ranked[:limit], start=1)]


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
