"""The merge policy: how an incoming record combines with what a store holds.

One implementation for every store, so Neo4j and the embedded store cannot
drift apart. Rules come from :mod:`graph.schema` (``first``, ``union``,
``max``, ``min``, ``evidence``); in short, a later source adds to a node or
edge and never erases: scalars keep their first non-null value, lists are
united, confidence keeps its maximum, billing order its minimum.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.schema import EVIDENCE_PROPS, Prop, prop_names

Row = dict[str, Any]
_EV_NAMES = prop_names(EVIDENCE_PROPS)


def complete(props: tuple[Prop, ...], row: Row) -> Row:
    """Every property present, lists as ``[]`` rather than null, in schema order."""
    out: Row = {}
    for prop in props:
        value = row.get(prop.name)
        if prop.type.endswith("[]"):
            value = list(value) if value is not None else []
        out[prop.name] = value
    return out


def _union(stored: list[Any], incoming: list[Any]) -> list[Any]:
    seen = set(stored)
    out = list(stored)
    for item in incoming:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _pick(rule: str, stored: Any, incoming: Any) -> Any:
    if stored is None:
        return incoming
    if incoming is None or rule == "first":
        return stored
    if rule == "union":
        return _union(stored, incoming)
    if rule == "words":
        return " ".join(_union(stored.split(), incoming.split()))
    if rule == "max":
        return max(stored, incoming)
    if rule == "min":
        return min(stored, incoming)
    raise ValueError(f"unknown merge rule {rule!r}")


def _evidence(row: Row) -> list[tuple[Any, ...]]:
    return list(zip(*(row[name] for name in _EV_NAMES), strict=True))


def merge(props: tuple[Prop, ...], stored: Row, incoming: Row) -> Row:
    """Combine two complete rows of the same node or edge by the schema's rules."""
    out: Row = {}
    for prop in props:
        if prop.merge != "evidence":
            out[prop.name] = _pick(prop.merge, stored[prop.name], incoming[prop.name])
    if any(p.merge == "evidence" for p in props):
        spans = _union(_evidence(stored), _evidence(incoming))
        columns = list(zip(*spans, strict=True)) if spans else [()] * len(_EV_NAMES)
        out.update({name: list(col) for name, col in zip(_EV_NAMES, columns, strict=True)})
    return {p.name: out[p.name] for p in props}


def merge_all(props: tuple[Prop, ...], rows: Iterable[Row]) -> Row:
    """Fold several complete rows of one identity, in arrival order."""
    iterator = iter(rows)
    result = next(iterator)
    for row in iterator:
        result = merge(props, result, row)
    return result
