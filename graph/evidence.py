"""An edge's evidence as stored: one JSON value, a list of spans.

Each span is an object with the fields of :class:`graph.model.Evidence`, in this
order: ``{"source": review key, "start": offset, "end": offset, "text": surface,
"extractor": "name/version", "confidence": 0..1}``. Offsets count characters of
``Review.text``. An edge without evidence stores null.

Why one value and not a list property per field: LadybugDB 0.22 checkpoints list
properties of relationships written in a transaction in time that grows with the
square of their elements (``bench/embedded_checkpoint.py``). With six lists per
edge, writing 96,000 reviews took three times as long as with none. A string has
no such cost, and Neo4j stores it as cheaply. Queries filter on the edge's scalar
``confidence`` (the best span's); the spans themselves are read to be shown or
exported, and :func:`decode` reads them.

The encoding is canonical (fixed field order, no spaces, UTF-8 text as is), so that
merging spans already stored yields the stored string unchanged and a re-load writes
nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

FIELDS: tuple[str, ...] = ("source", "start", "end", "text", "extractor", "confidence")
#: How stores written before evidence became one value held it: a list per field.
LEGACY_FIELDS: tuple[str, ...] = tuple(f"ev_{field}" for field in FIELDS)
Span = tuple[Any, ...]  # the FIELDS' values, in order

# json's own string escaper (C), as json.dumps(ensure_ascii=False) uses it: the text of a
# span as is, quotes, backslashes and control characters escaped.
_string = json.encoder.encode_basestring
_SPAN = '{"source":%s,"start":%d,"end":%d,"text":%s,"extractor":%s,"confidence":%s}'


def encode(spans: Iterable[Span]) -> str | None:
    """The stored value of ``spans`` (tuples in :data:`FIELDS` order); None if none.

    Exactly ``json.dumps([dict(zip(FIELDS, span)) ...], ensure_ascii=False,
    separators=(",", ":"))`` (a test holds it to that), written out because a load
    encodes the spans of every edge: in a third of json's time."""
    parts = [
        _SPAN
        % (_string(source), start, end, _string(text), _string(extractor), repr(float(confidence)))
        for source, start, end, text, extractor, confidence in spans
    ]
    return f"[{','.join(parts)}]" if parts else None


def decode(value: str | None) -> list[Span]:
    """The spans of a stored value, as tuples in :data:`FIELDS` order."""
    if not value:
        return []
    return [tuple(item[f] for f in FIELDS) for item in json.loads(value)]


def union(stored: str | None, incoming: str | None) -> str | None:
    """Stored spans first, then the incoming ones not already stored."""
    if not incoming or incoming == stored:
        return stored
    if not stored:
        return incoming
    spans = decode(stored)
    seen = set(spans)
    for span in decode(incoming):
        if span not in seen:
            seen.add(span)
            spans.append(span)
    return encode(spans)


def from_legacy(row: dict[str, Any]) -> str | None:
    """The stored value for an edge read from a store written before evidence became one
    value: ``row`` has its six parallel lists under the names of :data:`LEGACY_FIELDS`."""
    lists = [row[name] or [] for name in LEGACY_FIELDS]
    if len({len(values) for values in lists}) > 1:
        raise ValueError(f"evidence lists of unequal length: {lists}")
    return encode(zip(*lists, strict=True))
