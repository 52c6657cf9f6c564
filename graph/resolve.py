"""From what a user types to a node key: key, external id or name.

A person or film is given by its key (``person:imdb:nm0000206``), an external
id (IMDb ``nm…``/``tt…``, Wikidata ``Q…``, ``tmdb:603``) or by name. Names go
through the ``search`` query (normalised: case, diacritics, hyphens and spaces
do not matter) and must match a whole name or alias. No match answers with the
closest names ("did you mean …"); several matches list the candidates with
what tells them apart (birth or release year, known-for films) instead of
picking one.

Scale: close matches are looked for among the names that share a word start
with the input (the ``search`` query on each word's first letters, a bounded
number of rows each), then ranked by :mod:`difflib`; nothing scans all names
in Python.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from graph import keys
from graph.errors import ResolveError
from graph.stores.base import Store

_IDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(nm|tt)[0-9]{7,}$"), "imdb"),
    (re.compile(r"^[Qq][1-9][0-9]*$"), "qid"),
    (re.compile(r"^tmdb:([1-9][0-9]*)$", re.IGNORECASE), "tmdb"),
)
#: Candidate names fetched per word prefix when looking for close matches.
SUGGEST_ROWS = 200
#: How many leading letters of a word pick the candidates for close matches.
PREFIX = 3


def _id_query(text: str) -> tuple[str, str | int] | None:
    for pattern, field in _IDS:
        match = pattern.match(text)
        if match:
            if field == "tmdb":
                return field, int(match.group(1))
            return field, text.upper() if field == "qid" else text
    return None


def _rows(store: Store, name: str, params: dict[str, Any], **slots: str) -> list[dict[str, Any]]:
    return store.named(name, params, **slots).records()


def _what(kinds: tuple[str, ...]) -> str:
    return " or ".join(k.lower() for k in kinds)


def resolve(store: Store, text: str, kinds: tuple[str, ...]) -> str:
    """The key of the one node of ``kinds`` that ``text`` names; ResolveError otherwise."""
    text = text.strip()
    if keys.KEY_PATTERN.match(text) and keys.kind_of(text) in kinds:
        found = [r for r in _rows(store, "describe", {"keys": [text]}) if r["kind"] in kinds]
        if not found:
            raise ResolveError(f"no {_what(kinds)} with key {text!r} in the store", [])
        return text
    by_id = _id_query(text)
    if by_id is not None:
        field, value = by_id
        found = [
            r for r in _rows(store, "by_id", {"value": value}, field=field) if r["kind"] in kinds
        ]
        if not found:
            raise ResolveError(f"no {_what(kinds)} with {field} {value!r} in the store", [])
    else:
        found = exact_matches(store, text, kinds)
        if not found:
            close = suggest(store, text, kinds)
            raise ResolveError(_unknown_message(text, kinds, close), close)
    if len(found) > 1:
        raise ResolveError(_ambiguous_message(store, text, found), found)
    key: str = found[0]["key"]
    return key


def exact_matches(store: Store, text: str, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """Nodes of ``kinds`` with a whole name or alias equal to ``text`` once normalised."""
    q = keys.normalize(text)
    if not q:
        return []
    rows = _rows(store, "search", {"q": q, "limit": 50})
    return [r for r in rows if r["kind"] in kinds and r["rank"] == 0]


def suggest(store: Store, text: str, kinds: tuple[str, ...], n: int = 5) -> list[dict[str, Any]]:
    """The closest names to ``text`` among those sharing a word start with it."""
    q = keys.normalize(text)
    candidates: dict[str, dict[str, Any]] = {}
    for needle in dict.fromkeys([q, *(w[:PREFIX] for w in q.split("-") if w)]):
        for row in _rows(store, "search", {"q": needle, "limit": SUGGEST_ROWS}):
            if row["kind"] in kinds:
                candidates.setdefault(row["key"], row)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for row in candidates.values():
        by_name.setdefault(keys.normalize(row["name"] or ""), []).append(row)
    close = difflib.get_close_matches(q, list(by_name), n=n, cutoff=0.6)
    return [row for name in close for row in by_name[name]][:n]


def _label(row: dict[str, Any]) -> str:
    year = (
        f" ({'born ' if row['kind'] == 'Person' else ''}{row['year']})" if row.get("year") else ""
    )
    return f"{row['name']}{year}"


def _unknown_message(text: str, kinds: tuple[str, ...], close: list[dict[str, Any]]) -> str:
    message = f"no {_what(kinds)} named {text!r}"
    if not close:
        return message + " (try `reelgraph query search -p q=…` with part of the name)"
    options = "; ".join(f"{_label(r)} [{r['key']}]" for r in close)
    return f"{message}; did you mean: {options}?"


def known_for(store: Store, person_keys: list[str], per_person: int = 2) -> dict[str, list[str]]:
    """A few films per person (best billing, then newest), as ``Title (year)``."""
    films: dict[str, list[str]] = {k: [] for k in person_keys}
    for row in _rows(store, "known_for", {"keys": person_keys}):
        shown = films[row["person"]]
        if len(shown) < per_person:
            shown.append(f"{row['title']} ({row['year']})" if row["year"] else str(row["title"]))
    return films


def _ambiguous_message(store: Store, text: str, found: list[dict[str, Any]]) -> str:
    people = [r["key"] for r in found if r["kind"] == "Person"]
    films = known_for(store, people) if people else {}
    lines = [f"{text!r} names {len(found)} entries; give one of these keys (or an id) instead:"]
    for row in found:
        extra = films.get(row["key"])
        lines.append(
            f"  {row['key']}  {_label(row)}" + (f", known for {', '.join(extra)}" if extra else "")
        )
    return "\n".join(lines)
