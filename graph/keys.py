"""Deterministic node keys.

A key is ``<kind>:<scheme>:<value>`` and is derived from the strongest
identifier a record carries, in this order:

=========  ==========================  ===============================
kind       scheme (priority order)     example
=========  ==========================  ===============================
film       imdb, wd, tmdb, title       ``film:imdb:tt0133093``
person     imdb, wd, tmdb, name        ``person:wd:Q43416``
review     sha1 of the source          ``review:3f2a…`` (16 hex digits)
=========  ==========================  ===============================

``title``/``name`` keys (no external id at all) use the normalised text
(:func:`normalize`: diacritics dropped, case folded, every run of other
characters one ``-``) plus ``:<year>`` for films when the year is known.

A store never keeps two nodes for one identity: when a record arrives, the
store looks for an existing node with the same key *or any of the same
external ids*, and merges into it (see ``graph/upsert.py``). So the key of a
node is the one it got on first sight; a film first loaded from TMDB keeps
``film:tmdb:603`` after IMDb adds ``tt0133093``, and edges that name it
``film:imdb:tt0133093`` resolve to it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from graph.schema import FILM, PERSON, REVIEW

KIND_PREFIX = {FILM: "film", PERSON: "person", REVIEW: "review"}
PREFIX_KIND = {v: k for k, v in KIND_PREFIX.items()}
SCHEME_FIELD = {"imdb": "imdb", "wd": "qid", "tmdb": "tmdb"}
FIELD_SCHEME = {v: k for k, v in SCHEME_FIELD.items()}
_TEXT_SCHEME = {FILM: "title", PERSON: "name"}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
KEY_PATTERN = re.compile(r"^(film|person|review):[^\s]+$")


def normalize(text: str) -> str:
    """Fold case, diacritics, hyphens and spacing: ``Jeon Jong-seo`` -> ``jeon-jong-seo``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NON_ALNUM.sub("-", stripped).strip("-")
    # Scripts without a decomposition into [a-z0-9] (Hangul, kana …) keep their letters.
    return slug or "-".join(stripped.split())


def id_key(kind: str, field: str, value: str | int) -> str:
    return f"{KIND_PREFIX[kind]}:{FIELD_SCHEME[field]}:{value}"


def text_key(kind: str, text: str, year: int | None = None) -> str:
    base = f"{KIND_PREFIX[kind]}:{_TEXT_SCHEME[kind]}:{normalize(text)}"
    return f"{base}:{year}" if year is not None else base


def review_key(source: str) -> str:
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]
    return f"review:{digest}"


def kind_of(key: str) -> str | None:
    return PREFIX_KIND.get(key.split(":", 1)[0])


def id_of(key: str) -> tuple[str, str | int] | None:
    """The external id a key was derived from: ``film:imdb:tt1`` -> ``("imdb", "tt1")``."""
    parts = key.split(":", 2)
    if len(parts) != 3 or parts[1] not in SCHEME_FIELD:
        return None
    field = SCHEME_FIELD[parts[1]]
    if field == "tmdb":
        return (field, int(parts[2])) if parts[2].isdigit() else None
    return field, parts[2]
