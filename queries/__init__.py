"""Named query files and their loader.

Every query reelgraph runs lives here as one file, ``<name>.cypher`` (or
``.rq`` for SPARQL), with a header in the style of aiosql::

    // name: node_count
    // params: none
    // template: label
    // purpose: Count the nodes of one label.
    MATCH (n:{{label}}) RETURN count(n) AS count

``params`` are the query parameters (values always travel as parameters).
``template`` names the slots filled into the text itself; a slot only ever
takes a name from the model's closed set (node labels, relationship types, id
fields), never user input, because Cypher cannot parameterise labels.

A store-specific variant lives in ``queries/<store>/<name>.cypher`` and wins
over the shared file for that store. A store that keeps a side index in SQLite
(the embedded store's search index) keeps that SQL in ``queries/<store>/<name>.sql``,
same header with ``--`` comments, reached through :func:`sql` only: Cypher lookup
never sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph import schema
from graph.errors import QueryError, QueryNotFoundError

ROOT = Path(__file__).parent
DIALECTS = ("neo4j", "embedded")
_HEADER = re.compile(r"^(?://|#|--)\s*(name|params|template|purpose):\s*(.*?)\s*$")
_SLOT = re.compile(r"\{\{(\w+)\}\}")
_ID_FIELDS = tuple(sorted({f for fields in schema.ID_FIELDS.values() for f in fields}))

# What each template slot may be filled with.
SLOT_VALUES: dict[str, tuple[str, ...]] = {
    "label": schema.NODE_LABELS,
    "from": schema.NODE_LABELS,
    "to": schema.NODE_LABELS,
    "rel": schema.REL_TYPES,
    "field": _ID_FIELDS,
    # A person's credit on a film (the relationship types Person -> Film).
    "credit": tuple(
        r for r, spec in schema.RELS.items() if spec.endpoints == ((schema.PERSON, schema.FILM),)
    ),
    # Upper bound on relationships in a path: two per film hop (person-film-person).
    "path_rels": tuple(str(2 * hops) for hops in range(1, 7)),
}


@dataclass(frozen=True)
class Query:
    name: str
    params: tuple[str, ...]
    template: tuple[str, ...]
    purpose: str
    text: str
    path: Path

    def render(self, **slots: str) -> str:
        """The query text with its template slots filled from the closed set."""
        if set(slots) != set(self.template):
            raise QueryError(
                f"query {self.name!r} takes template slots {list(self.template)}, "
                f"got {sorted(slots)}"
            )
        for slot, value in slots.items():
            if value not in SLOT_VALUES[slot]:
                raise QueryError(
                    f"query {self.name!r}: {slot} must be one of {list(SLOT_VALUES[slot])}, "
                    f"not {value!r}"
                )
        return _SLOT.sub(lambda m: slots[m.group(1)], self.text)

    def statements(self, **slots: str) -> list[str]:
        """The rendered text split into statements at ``;`` line ends (for DDL files)."""
        parts = re.split(r";\s*$", self.render(**slots), flags=re.MULTILINE)
        return [p.strip() for p in parts if p.strip()]


def _parse(path: Path) -> Query:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if match and not body:
            header[match.group(1)] = match.group(2)
        elif body or line.strip():
            body.append(line)
    name = header.get("name")
    if name != path.stem:
        raise QueryError(f"{path}: header 'name: {name}' must match the file name {path.stem!r}")

    def listed(key: str) -> tuple[str, ...]:
        value = header.get(key, "none")
        return () if value in ("", "none") else tuple(v.strip() for v in value.split(","))

    query = Query(
        name=name,
        params=listed("params"),
        template=listed("template"),
        purpose=header.get("purpose", ""),
        text="\n".join(body).strip() + "\n",
        path=path,
    )
    unknown = set(_SLOT.findall(query.text)) ^ set(query.template)
    if unknown or not set(query.template) <= set(SLOT_VALUES):
        raise QueryError(f"{path}: template slots in the text and header differ: {sorted(unknown)}")
    return query


@cache
def _index() -> dict[tuple[str | None, str], Query]:
    found: dict[tuple[str | None, str], Query] = {}
    for path in sorted(ROOT.glob("*.cypher")) + sorted(ROOT.glob("*.rq")):
        found[(None, path.stem)] = _parse(path)
    for dialect in DIALECTS:
        for path in sorted((ROOT / dialect).glob("*.cypher")):
            found[(dialect, path.stem)] = _parse(path)
    return found


def get(name: str, dialect: str | None = None) -> Query:
    """The query called ``name``, the ``dialect`` variant when there is one."""
    index = _index()
    for key in ((dialect, name), (None, name)):
        if key in index:
            return index[key]
    known = ", ".join(sorted({n for _, n in index}))
    raise QueryNotFoundError(f"no query named {name!r} in {ROOT}; known queries: {known}")


def shared() -> list[Query]:
    """The queries written once for every store (the public ones)."""
    return [
        q for (dialect, _), q in sorted(_index().items(), key=lambda kv: kv[0][1]) if not dialect
    ]


@cache
def _sql_index() -> dict[tuple[str, str], Query]:
    return {
        (dialect, path.stem): _parse(path)
        for dialect in DIALECTS
        for path in sorted((ROOT / dialect).glob("*.sql"))
    }


def sql(name: str, dialect: str) -> Query:
    """The SQLite statement ``queries/<dialect>/<name>.sql`` (a store's side index)."""
    index = _sql_index()
    if (dialect, name) not in index:
        known = ", ".join(sorted(n for d, n in index if d == dialect))
        raise QueryNotFoundError(f"no SQL named {name!r} for {dialect}; known: {known}")
    return index[(dialect, name)]
