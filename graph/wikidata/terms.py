"""RDF terms for SPARQL ``VALUES`` blocks, and the binder that fills them.

Values never reach a query string any other way: a query file in ``queries/``
holds one empty ``VALUES`` block (``VALUES (?a ?b) { }``, so the file alone is
a valid query that answers nothing) and :func:`bind` fills it with rows of
:class:`IRI` / :class:`Literal` terms, each serialised with SPARQL 1.1's
escapes. Anything that cannot be written safely (an IRI with ``>`` or a
space, a malformed language tag) is refused, not "cleaned".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import QueryError

WD = "http://www.wikidata.org/entity/"
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
# SPARQL 1.1 ECHAR escapes; every other character may stand as itself in "…".
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_VALUES = re.compile(r"VALUES\s*(\(\s*((?:\?\w+\s*)+)\)|\?(\w+))\s*\{\s*\}")


@dataclass(frozen=True)
class IRI:
    value: str

    def __post_init__(self) -> None:
        if not self.value or _IRI_FORBIDDEN.search(self.value):
            raise QueryError(f"not a usable IRI: {self.value!r}")

    def sparql(self) -> str:
        return f"<{self.value}>"


@dataclass(frozen=True)
class Literal:
    value: str
    lang: str | None = None

    def __post_init__(self) -> None:
        if self.lang is not None and not _LANG.match(self.lang):
            raise QueryError(f"not a language tag: {self.lang!r}")

    def sparql(self) -> str:
        text = "".join(_ESCAPES.get(c, c) for c in self.value)
        return f'"{text}"@{self.lang.lower()}' if self.lang else f'"{text}"'


Term = IRI | Literal
Row = tuple[Term, ...]


def entity(qid: str) -> IRI:
    """The Wikidata entity IRI of a QID (checked: ``Q`` and digits only)."""
    if not _QID.match(qid):
        raise QueryError(f"not a Wikidata QID: {qid!r}")
    return IRI(WD + qid)


def qid_of(term: Term) -> str | None:
    if isinstance(term, IRI) and term.value.startswith(WD):
        rest = term.value[len(WD) :]
        return rest if _QID.match(rest) else None
    return None


def from_binding(value: dict[str, Any]) -> Term:
    """A term from one SPARQL JSON result binding (``{"type": …, "value": …}``)."""
    kind, text = value.get("type"), value.get("value")
    if not isinstance(text, str):
        raise ValueError(f"binding without a string value: {value!r}")
    if kind == "uri":
        return IRI(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        return Literal(text, lang.lower() if isinstance(lang, str) else None)
    if kind == "bnode":
        return Literal("_:" + text)
    raise ValueError(f"unknown binding type {kind!r}")


def values_variables(text: str) -> tuple[str, ...]:
    """The variables of the one empty ``VALUES`` block in a query text."""
    found = _VALUES.findall(text)
    if len(found) != 1:
        raise QueryError(
            f"a query to bind needs exactly one empty VALUES block, found {len(found)}"
        )
    _, group, single = found[0]
    return tuple(v.lstrip("?") for v in group.split()) if group else (single,)


def bind(text: str, rows: Sequence[Row]) -> str:
    """The query text with its empty ``VALUES`` block holding ``rows``."""
    names = values_variables(text)
    for row in rows:
        if len(row) != len(names):
            raise QueryError(f"VALUES row {row!r} does not match variables {names}")
        if not all(isinstance(t, IRI | Literal) for t in row):
            raise QueryError(f"VALUES row {row!r} must hold IRI/Literal terms only")
    if len(names) == 1:
        data = " ".join(row[0].sparql() for row in rows)
        block = f"VALUES ?{names[0]} {{ {data} }}"
    else:
        lines = "\n    ".join("(" + " ".join(t.sparql() for t in row) + ")" for row in rows)
        block = f"VALUES ({' '.join('?' + n for n in names)}) {{\n    {lines}\n  }}"
    # A function replacement: the block is inserted verbatim (no backslash processing).
    return _VALUES.sub(lambda _: block, text, count=1)
