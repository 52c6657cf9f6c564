"""Running a named query with checked parameters: the safe entry point for user input.

``run(store, name, params)`` looks the query up, splits the given values into
query parameters and template slots, refuses missing, extra and mistyped ones
with a message that says what the query takes, resolves people and films given
by name or id to keys (:mod:`graph.resolve`), and runs it. Values only ever
travel as query parameters; slots only ever take names from the closed set
(``queries.SLOT_VALUES``), so no input can change the query text.

Parameters are typed by name, the same in every query file:

=====================  ====================================================
``person``,            a person: key, IMDb ``nm…``, QID, ``tmdb:N`` or name
``person_a/_b``
``film``               a film: key, IMDb ``tt…``, QID, ``tmdb:N`` or title
``entity``             a person or a film, as above
``limit``              an integer from 1 to 1000
``q``                  search text; normalised (``graph.keys.normalize``)
``keys``               a list of node keys
``value``              an external id (string, or integer for tmdb)
=====================  ====================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import queries
from graph import keys, resolve
from graph.errors import QueryError
from graph.stores.base import DERIVED_WRITES, QueryResult, Store

MAX_LIMIT = 1000
#: Public queries that exist only as per-store variants (queries/neo4j, queries/embedded).
VARIANT_QUERIES = ("crew", "filmography", "path", "related_people")
#: Shared query files that write (the store's own upkeep): never run by name.
WRITE_QUERIES = frozenset({"graph_changed", *DERIVED_WRITES})


@dataclass(frozen=True)
class ParamType:
    describe: str
    check: Callable[[Store, str, Any], Any]


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QueryError(f"parameter {name!r} must be a non-empty text, not {value!r}")
    return value.strip()


def _ref(kinds: tuple[str, ...]) -> Callable[[Store, str, Any], Any]:
    def check(store: Store, name: str, value: Any) -> str:
        return resolve.resolve(store, _text(name, value), kinds)

    return check


def _limit(store: Store, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise QueryError(
            f"parameter {name!r} must be an integer from 1 to {MAX_LIMIT}, not {value!r}"
        )
    return value


def _search_text(store: Store, name: str, value: Any) -> str:
    normal = keys.normalize(_text(name, value))
    if not normal:
        raise QueryError(f"parameter {name!r} has no letters or digits to search for: {value!r}")
    return normal


def _keys(store: Store, name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QueryError(
            f'parameter {name!r} must be a list of keys, e.g. ["person:imdb:nm0000001"]'
        )
    return value


def _value(store: Store, name: str, value: Any) -> str | int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise QueryError(f"parameter {name!r} must be an id (text or integer), not {value!r}")
    return value


PERSON, FILM = ("Person",), ("Film",)
PARAM_TYPES: dict[str, ParamType] = {
    "person": ParamType("person: key, IMDb nm…, QID, tmdb:N or name", _ref(PERSON)),
    "person_a": ParamType("person: key, IMDb nm…, QID, tmdb:N or name", _ref(PERSON)),
    "person_b": ParamType("person: key, IMDb nm…, QID, tmdb:N or name", _ref(PERSON)),
    "film": ParamType("film: key, IMDb tt…, QID, tmdb:N or title", _ref(FILM)),
    "entity": ParamType("person or film: key, id or name", _ref(PERSON + FILM)),
    "limit": ParamType(f"integer 1-{MAX_LIMIT}", _limit),
    "q": ParamType("text to search for", _search_text),
    "keys": ParamType("list of keys", _keys),
    "value": ParamType("external id", _value),
}


def public() -> list[queries.Query]:
    """The queries a user may run by name: shared Cypher files and the variant-only ones."""
    found = [
        q for q in queries.shared() if q.path.suffix == ".cypher" and q.name not in WRITE_QUERIES
    ]
    found += [queries.get(name, queries.DIALECTS[0]) for name in VARIANT_QUERIES]
    return sorted(found, key=lambda q: q.name)


def lookup(name: str) -> queries.Query:
    """A public query by name; a clear error naming the known ones otherwise."""
    for query in public():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in public())
    raise QueryError(f"no query named {name!r}; known queries: {known} (`reelgraph queries`)")


def signature(query: queries.Query) -> str:
    parts = [f"{p} ({PARAM_TYPES[p].describe})" if p in PARAM_TYPES else p for p in query.params]
    parts += [f"{s} (one of {', '.join(queries.SLOT_VALUES[s])})" for s in query.template]
    return ", ".join(parts) or "none"


def prepare(
    store: Store, name: str, given: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check ``given`` against query ``name``; the engine parameters and template slots."""
    query = lookup(name)
    wanted = set(query.params) | set(query.template)
    missing = [p for p in (*query.params, *query.template) if p not in given]
    extra = sorted(set(given) - wanted)
    if missing or extra:
        problems = [
            f"missing {', '.join(missing)}" if missing else "",
            f"unknown {', '.join(extra)}" if extra else "",
        ]
        raise QueryError(
            f"query {name!r}: {'; '.join(p for p in problems if p)}. It takes: {signature(query)}"
        )
    slots: dict[str, str] = {}
    for slot in query.template:
        value = given[slot]
        if not isinstance(value, str) and not isinstance(value, int):
            raise QueryError(
                f"query {name!r}: {slot} must be one of {list(queries.SLOT_VALUES[slot])}"
            )
        slots[slot] = str(value)
        if slots[slot] not in queries.SLOT_VALUES[slot]:
            raise QueryError(
                f"query {name!r}: {slot} must be one of {', '.join(queries.SLOT_VALUES[slot])}, "
                f"not {value!r}"
            )
    params = {
        p: PARAM_TYPES[p].check(store, p, given[p]) if p in PARAM_TYPES else given[p]
        for p in query.params
    }
    return params, slots


def run(store: Store, name: str, given: dict[str, Any]) -> QueryResult:
    """Run public query ``name`` with user-given values (checked and resolved first)."""
    params, slots = prepare(store, name, given)
    return store.named(name, params, **slots)
