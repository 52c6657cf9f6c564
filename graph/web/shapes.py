"""Page data for the web app: graph.pages' shapes, plus what a film page and a review need.

The person API returns :func:`graph.pages.filmography_page` with ``related``
added (the entries of :func:`graph.pages.related_people`) and the filmography cut to
one page (``filmography_total``/``_offset``/``_limit`` say which); the film API returns
:func:`film_page`. Both only add keys to the shapes of graph.pages, never change
them. Review text is returned as stored; escaping is the templates' job.
"""

from __future__ import annotations

from typing import Any

from graph import pages
from graph.errors import ResolveError
from graph.stores.base import Store

Page = dict[str, Any]
#: Related people and films mentioned alongside shown on a page.
RELATED_LIMIT = 20
#: Films of a filmography on one page (HTML and API); ``offset`` pages on.
FILMS_PER_PAGE = 100
MAX_FILMS_PER_PAGE = 1000


def _card(store: Store, what: str, key: str) -> Page:
    """The ``person_card``/``film_card`` row; a 404 (ResolveError) when there is none."""
    rows = store.named(f"{what}_card", {what: key}).records()
    if not rows:
        raise ResolveError(f"no {what} with key {key!r} in the store", [])
    return rows[0]


def film_card(store: Store, film: str) -> Page:
    return _card(store, "film", film)


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


def person_page(
    store: Store,
    person: str,
    limit: int = RELATED_LIMIT,
    offset: int = 0,
    films: int = FILMS_PER_PAGE,
) -> Page:
    """filmography_page + ``related``; each ``mentioned_in`` review carries its ``text``.

    ``filmography`` holds ``films`` films from ``offset`` (newest first), so what a page
    renders or sends stays bounded however long the career; ``filmography_total`` counts
    them all.
    """
    card = _card(store, "person", person)
    # The film count comes from credit_span (which related_people needs too): only the
    # films shown are read, however long the career. It also says whether any review
    # mentions the person: most are in none, and then no review is read.
    span = pages.credit_span(store, person)
    return {
        "person": card,
        "filmography": pages.filmography_window(store, person, offset, films, span.films),
        "mentioned_in": _with_texts(store, pages.mentions(store, person)) if span.mentioned else [],
        "related": pages.related_people(store, person, limit, span),
        "filmography_total": span.films,
        "filmography_offset": offset,
        "filmography_limit": films,
    }


def film_page(store: Store, film: str, limit: int = RELATED_LIMIT) -> Page:
    """A film with cast, crew, the reviews about it, those mentioning it, films alongside."""
    card = film_card(store, film)  # first: an unknown key is a 404 before other queries
    reviews = store.named("reviews_of", {"film": film}).records()
    mentioned = pages.mentions(store, film)
    # Films alongside come from the reviews of or mentioning this one: with none, there are
    # none, and most films have none (the query costs ~7 ms at 1M nodes even so).
    alongside = (
        store.named("mentioned_alongside", {"film": film, "limit": limit}).records()
        if reviews or mentioned
        else []
    )
    return {
        "film": card,
        "cast": store.named("cast", {"film": film}).records(),
        "crew": store.named("crew", {"film": film}).records(),
        "reviewed_in": _with_texts(store, reviews),
        "mentioned_in": _with_texts(store, mentioned),
        "mentioned_alongside": alongside,
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
