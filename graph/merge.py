"""The merge policy: how an incoming record combines with what a store holds.

One implementation for every store, so Neo4j and the embedded store cannot
drift apart. Rules come from :mod:`graph.schema` (``first``, ``union``,
``max``, ``min``, ``evidence``); in short, a later source adds to a node or
edge and never erases: scalars keep their first non-null value, lists are
united, confidence keeps its maximum, billing order its minimum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph import evidence as spans
from graph.schema import Prop

Row = dict[str, Any]


@dataclass(frozen=True)
class _Plan:
    """What ``complete`` and ``merge`` need of a props tuple, worked out once per tuple."""

    props: tuple[Prop, ...]
    kinds: tuple[tuple[str, bool], ...]  # (name, is a list)
    rules: tuple[tuple[str, str], ...]  # (name, merge rule)


_PLANS: dict[int, _Plan] = {}


def _plan(props: tuple[Prop, ...]) -> _Plan:
    # Keyed by identity (hashing the Prop dataclasses costs more than the work saved);
    # the plan holds the tuple, so a cached id always names the same live tuple.
    plan = _PLANS.get(id(props))
    if plan is None or plan.props is not props:
        plan = _PLANS[id(props)] = _Plan(
            props,
            tuple((p.name, p.type.endswith("[]")) for p in props),
            tuple((p.name, p.merge) for p in props),
        )
    return plan


def complete(props: tuple[Prop, ...], row: Row) -> Row:
    """Every property present, lists as ``[]`` rather than null, in schema order."""
    out: Row = {}
    get = row.get
    for name, is_list in _plan(props).kinds:
        value = get(name)
        if is_list:
            value = list(value) if value is not None else []
        out[name] = value
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


def merge(props: tuple[Prop, ...], stored: Row, incoming: Row) -> Row:
    """Combine two complete rows of the same node or edge by the schema's rules."""
    out: Row = {}
    for name, rule in _plan(props).rules:
        if rule == "evidence":
            out[name] = spans.union(stored[name], incoming[name])
            continue
        old, new = stored[name], incoming[name]
        # _pick's first two cases inline: most properties are null or kept as stored.
        if old is None:
            out[name] = new
        elif new is None or rule == "first":
            out[name] = old
        else:
            out[name] = _pick(rule, old, new)
    return out


def merge_all(props: tuple[Prop, ...], rows: Iterable[Row]) -> Row:
    """Fold several complete rows of one identity, in arrival order."""
    iterator = iter(rows)
    result = next(iterator)
    for row in iterator:
        result = merge(props, result, row)
    return result
