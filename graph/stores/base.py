"""The store interface every backend implements.

A store writes records (each batch atomically, through :mod:`graph.upsert`)
and answers Cypher. It never parses input files; loaders never touch it.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Self

import queries
from graph import schema
from graph.errors import QueryError
from graph.gcpause import no_gc_pauses
from graph.model import Edge, Node
from graph.stores.prefetch import prefetched
from graph.upsert import WriteSummary

Record = Node | Edge
BatchCallback = Callable[[WriteSummary], None]

#: The named query that pages through each relationship type (``iter_edges``). Each
#: returns explicit property columns: on LadybugDB returning whole relationships was
#: 3-7x slower than naming the properties (measured on 300,000 ACTED_IN).
EXPORT_EDGE_QUERY: dict[str, str] = {
    schema.ACTED_IN: "export_acted_in",
    schema.DIRECTED: "export_credits",
    schema.WROTE: "export_credits",
    schema.PRODUCED: "export_credits",
    schema.CREDITED: "export_credited",
    schema.MENTIONS: "export_review_edges",
    schema.REVIEWS: "export_review_edges",
}


#: The named write queries of data a store derives from the graph (graph.precompute):
#: the only writes besides records, and never of the model's nodes or relationships.
DERIVED_WRITES = frozenset({"related_cache_put", "related_cache_drop_stale"})

#: Keys per page of ``export_keys`` / ``export_degrees``, in pages of rows: a key page is
#: small (keys and counts only) but costs a scan and sort of every key after it, so few.
KEY_PAGES = 4
#: Export pages fetched ahead of the one being read (graph/stores/prefetch.py): a few
#: even out pages that take the engine longer (at 10M triples, 1 ahead: 27 s, 4: 23 s).
PAGES_AHEAD = 3


@dataclass
class QueryResult:
    """Columns and rows of a query, values reduced to plain JSON-able Python."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None


def _list_props(props: tuple[schema.Prop, ...]) -> tuple[str, ...]:
    return tuple(p.name for p in props if p.type.endswith("[]"))


def _lists_filled(row: dict[str, Any], lists: tuple[str, ...]) -> dict[str, Any]:
    """Neo4j leaves an empty list property unset (null here); every store yields ``[]``."""
    for name in lists:
        if row[name] is None:
            row[name] = []
    return row


def _key_ranges(degrees: Sequence[dict[str, Any]], limit: int) -> Iterator[tuple[str, str, int]]:
    """Consecutive (first, last, relationships) key ranges over ``degrees`` (key order)
    holding at most ``limit`` relationships each; nodes without any are skipped, and a node
    with more than ``limit`` gets a range of its own (split by to key in ``iter_edges``)."""
    first, last, total = "", "", 0
    for row in degrees:
        degree = int(row["degree"])
        if not degree:
            continue
        if first and total + degree > limit:
            yield first, last, total
            first = ""
        if not first:
            first, total = row["key"], 0
        last, total = row["key"], total + degree
    if first:
        yield first, last, total


def _bounds(node_keys: Sequence[str], size: int) -> Iterator[tuple[str, str]]:
    """(first, last) of each run of ``size`` consecutive keys (the last run may be shorter)."""
    for start in range(0, len(node_keys), size):
        yield node_keys[start], node_keys[min(start + size, len(node_keys)) - 1]


def _rows(
    pages: Iterator[Sequence[dict[str, Any]]], lists: tuple[str, ...]
) -> Iterator[dict[str, Any]]:
    """The rows of export pages fetched ahead in a background thread, unset ``lists``
    filled with ``[]`` (none given: rows as they come)."""
    for page in prefetched(pages, PAGES_AHEAD):
        yield from (_lists_filled(row, lists) for row in page) if lists else page


def batched(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class Store(ABC):
    """A graph store: ``write`` records, run ``query``/``named`` Cypher, ``stats``."""

    #: ``embedded`` or ``neo4j``: picks store-specific query variants in ``queries/``.
    dialect: str
    #: Records per write transaction.
    batch_size: int = 10_000
    #: Where the store lives (path or URI), for messages.
    location: str
    #: Rows per page when streaming the graph out (``iter_nodes`` / ``iter_edges``).
    page_size: int = 10_000

    def write(
        self,
        records: Iterable[Record],
        *,
        batch_size: int | None = None,
        on_batch: BatchCallback | None = None,
    ) -> WriteSummary:
        """Upsert records in batches; each batch commits whole or not at all."""
        total = WriteSummary()
        with self._loading():
            for batch in batched(records, batch_size or self.batch_size):
                with no_gc_pauses():
                    done = self._write_batch(batch)
                total = total + done
                if on_batch is not None:
                    on_batch(done)
        return total

    @contextlib.contextmanager
    def _loading(self) -> Iterator[None]:
        """Around a whole ``write`` call: a store may defer per-commit upkeep to its end."""
        yield

    @abstractmethod
    def _write_batch(self, batch: Sequence[Record]) -> WriteSummary:
        """Apply one batch in one transaction."""

    @abstractmethod
    def query(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run read-only Cypher; writes are refused."""

    def write_derived(self, name: str, params: dict[str, Any]) -> None:
        """Run the named query ``name``, one of :data:`DERIVED_WRITES`, in a write
        transaction of its own."""
        if name not in DERIVED_WRITES:
            known = ", ".join(sorted(DERIVED_WRITES))
            raise QueryError(f"{name!r} is not a write of derived data (those are: {known})")
        self._write_query(queries.get(name, self.dialect).render(), params)

    @abstractmethod
    def _write_query(self, text: str, params: dict[str, Any]) -> None:
        """Run one write statement in one transaction."""

    def named(self, name: str, params: dict[str, Any] | None = None, **slots: str) -> QueryResult:
        """Run a query from ``queries/`` by name."""
        text = queries.get(name, self.dialect).render(**slots)
        return self.query(text, params)

    def stats(self) -> dict[str, dict[str, int]]:
        """Nodes by label and relationships by type."""
        return {
            "nodes": {
                label: int(self.named("node_count", label=label).scalar())
                for label in schema.NODE_LABELS
            },
            "relationships": {
                rel: int(self.named("rel_count", rel=rel).scalar()) for rel in schema.REL_TYPES
            },
        }

    def _page(
        self,
        name: str,
        params: dict[str, Any],
        slots: dict[str, str] | None = None,
        order_by: tuple[str, ...] = (),
    ) -> Sequence[dict[str, Any]]:
        """One page of an export query as dicts, sorted by the ``order_by`` columns when
        given (a store may fetch, sort and hold it faster its own way)."""
        rows = self.named(name, params, **(slots or {})).records()
        if order_by:
            rows.sort(key=operator.itemgetter(*order_by))
        return rows

    def iter_nodes(
        self, label: str, page_size: int | None = None, *, fill_lists: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Every node of ``label`` in key order, as a dict in :mod:`graph.schema` property order.

        Streams: a page of ``KEY_PAGES * page_size`` keys (``export_keys``, keys only),
        then the nodes of each range of ``page_size`` of those keys (the named query
        ``export_<label>``), sorted; memory stays bounded however large the graph.
        (Sorting whole nodes in the engine after the last key, as before, moved every
        property column of every remaining node through the sort.) Pages are fetched
        ahead in a background thread (:mod:`graph.stores.prefetch`). ``fill_lists=False``
        leaves an unset list property None instead of ``[]`` (a reader that treats both
        alike saves a pass over every row).
        """
        lists = _list_props(schema.NODE_PROPS[label]) if fill_lists else ()
        yield from _rows(self._node_pages(label, page_size or self.page_size), lists)

    def _node_pages(self, label: str, limit: int) -> Iterator[Sequence[dict[str, Any]]]:
        after, key_limit = "", limit * KEY_PAGES
        while True:
            params = {"after": after, "limit": key_limit}
            node_keys = self._page("export_keys", params, {"label": label})
            for first, last in _bounds([row["key"] for row in node_keys], limit):
                bounds = {"first": first, "last": last}
                yield self._page(f"export_{label.lower()}", bounds, order_by=("key",))
            if len(node_keys) < key_limit:
                return
            after = node_keys[-1]["key"]

    def iter_edges(
        self, rel: str, page_size: int | None = None, *, fill_lists: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Every relationship of type ``rel``: ``from``, ``to``, then properties in schema order.

        Ordered by (from key, to key) within each endpoint pair of ``rel`` (MENTIONS has
        two: Review -> Film, then Review -> Person). Streams by from-key ranges: a page of
        ``KEY_PAGES * page_size`` from keys with their degrees (``export_degrees``) is cut
        into ranges of at most ``page_size`` relationships (a node with more is split by
        to key), each read as one page and sorted. A cursor over the whole type
        (``(from, to) > last pair ORDER BY … LIMIT``) made LadybugDB, which has no range
        index, filter and sort every remaining relationship for each page:
        O(rows^2 / page); a range costs its rows. ``fill_lists`` as in ``iter_nodes``.
        """
        lists = _list_props(schema.RELS[rel].props) if fill_lists else ()
        # The queries name their key columns `from` and `to`: rows come out as yielded.
        yield from _rows(self._edge_pages(rel, page_size or self.page_size), lists)

    def _edge_pages(self, rel: str, limit: int) -> Iterator[Sequence[dict[str, Any]]]:
        for ends in schema.RELS[rel].endpoints:
            slots = {"rel": rel, "from": ends[0], "to": ends[1]}
            after, key_limit = "", limit * KEY_PAGES
            while True:
                params = {"after": after, "limit": key_limit}
                degrees = self._page("export_degrees", params, slots)
                for first, last, total in _key_ranges(degrees, limit):
                    if total <= limit:
                        yield self._edge_page(rel, ends, (first, last), None)
                    else:
                        for low, high in self._target_ranges(first, limit, slots):
                            yield self._edge_page(rel, ends, (first, first), (low, high))
                if len(degrees) < key_limit:
                    break
                after = degrees[-1]["key"]

    def _target_ranges(
        self, key: str, limit: int, slots: dict[str, str]
    ) -> Iterator[tuple[str, str]]:
        """(first, last) to-key ranges of at most ``limit`` relationships of node ``key``."""
        # Distinct: a range boundary inside a run of one key would read that key twice.
        rows = self._page("export_targets", {"key": key}, slots)
        yield from _bounds(list(dict.fromkeys(row["key"] for row in rows)), limit)

    def _edge_page(
        self,
        rel: str,
        ends: tuple[str, str],
        from_keys: tuple[str, str],
        to_keys: tuple[str, str] | None,
    ) -> Sequence[dict[str, Any]]:
        """The ``rel`` relationships with from keys in ``from_keys`` and to keys in
        ``to_keys`` (first, last: inclusive; ``None``: any), in (from, to) order."""
        name = EXPORT_EDGE_QUERY[rel]
        template = queries.get(name, self.dialect).template
        slots = {"rel": rel, "from": ends[0], "to": ends[1]}
        slots = {slot: value for slot, value in slots.items() if slot in template}
        params = {"from_first": from_keys[0], "from_last": from_keys[1], "every_to": not to_keys}
        params |= dict(zip(("to_first", "to_last"), to_keys or ("", ""), strict=True))
        return self._page(name, params, slots, ("from", "to"))

    def reader(self) -> Store:
        """A handle for reading from another thread (the web app's worker threads): this
        store itself when it is thread-safe (Neo4j: a session per query on a thread-safe
        driver), else a new connection to the same data. Close a handle that is not this
        store when its thread is done."""
        return self

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
