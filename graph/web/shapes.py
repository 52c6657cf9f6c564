"""Page data for the web app: graph.pages' shapes, plus what a film page and a review need.

The person API returns :func:`graph.pages.filmography_page` with ``related``
added (the entries of :func:`graph.pages.related_people`); the film API returns
:func:`film_page`. Both only add keys to the shapes of graph.pages, never change
them. Review text is returned as stored; escaping is the templates' job.
"""

from __future__ import annotations

from typing import Any

from graph import pages
from graph.errors import QueryError
from graph.stores.base import Store

Page = dict[str, Any]
#: Related people and films mentioned alongside shown on a page.
RELATED_LIMIT = 20


def film_card(store: Store, film: str) -> Page:
    rows = store.named("film_card", {"film": film}).records()
    if not rows:
        raise QueryError(f"no film with key {film!r} in the store")
    return rows[0]


def review_texts(store: Store, review_keys: list[str]) -> dict[str, Page]:
    """Review key -> the review's source, author, date, language and text."""
    if not review_keys:
        return {}
    rows = store.named("review_texts", {"keys": review_keys}).records()
    return {row["review"]: row for row in rows}


def _with_texts(store: Store, reviews: list[Page]) -> list[Page]:
    texts = review_texts(store, [r["review"] for r in reviews])
    out = []
    for r in reviews:
        stored = texts.get(r["review"], {})
        out.append({**r, "author": stored.get("author"), "text": stored.get("text")})
    return out


def person_page(store: Store, person: str, limit: int = RELATED_LIMIT) -> Page:
    """filmography_page + ``related``; each ``mentioned_in`` review carries its ``text``."""
    page = pages.filmography_page(store, person)
    page["mentioned_in"] = _with_texts(store, page["mentioned_in"])
    page["related"] = pages.related_people(store, person, limit)
    return page


def film_page(store: Store, film: str, limit: int = RELATED_LIMIT) -> Page:
    """A film with cast, crew, the reviews about it, those mentioning it, films alongside."""
    reviews = store.named("reviews_of", {"film": film}).records()
    return {
        "film": film_card(store, film),
        "cast": store.named("cast", {"film": film}).records(),
        "crew": store.named("crew", {"film": film}).records(),
        "reviewed_in": _with_texts(store, reviews),
        "mentioned_in": _with_texts(store, pages.mentions(store, film)),
        "mentioned_alongside": store.named(
            "mentioned_alongside", {"film": film, "limit": limit}
        ).records(),
    }


def highlight(text: str | None, evidence: list[Page]) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is_evidence) pieces; overlapping or bad spans are skipped.

    The pieces are plain text: the template escapes each one and wraps the
    evidence ones in ``<mark>``, so no review text is ever trusted as HTML.
    """
    if not text:
        return [(span["text"], True) for span in evidence]
    pieces: list[tuple[str, bool]] = []
    at = 0
    for span in sorted(evidence, key=lambda s: (s["start"], s["end"])):
        start, end = span["start"], span["end"]
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
