"""The store interface every backend implements.

A store writes records (each batch atomically, through :mod:`graph.upsert`)
and answers Cypher. It never parses input files; loaders never touch it.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Self

import queries
from graph import schema
from graph.model import Edge, Node
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


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """The cyclic garbage collector off for one batch.

    A batch makes millions of short-lived rows (dicts and lists), and the collector,
    started by allocation counts, rescanned the growing heap over and over: a quarter of
    a re-load's time. Rows hold no reference cycles, so reference counting frees them;
    the collector runs again between batches.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
                with _no_gc_pauses():
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

    def _page(self, name: str, params: dict[str, Any], **slots: str) -> list[dict[str, Any]]:
        """One page of an export query as dicts (a store may fetch it faster its own way)."""
        return self.named(name, params, **slots).records()

    def iter_nodes(self, label: str, page_size: int | None = None) -> Iterator[dict[str, Any]]:
        """Every node of ``label`` in key order, as a dict in :mod:`graph.schema` property order.

        Streams: pages of ``page_size`` rows by key range (``key > last key seen``, the
        named query ``export_<label>``), so memory stays bounded however large the graph.
        """
        lists, limit = _list_props(schema.NODE_PROPS[label]), page_size or self.page_size
        after = ""
        while True:
            params = {"after": after, "limit": limit}
            page = self._page(f"export_{label.lower()}", params)
            yield from (_lists_filled(row, lists) for row in page)
            if len(page) < limit:
                return
            after = page[-1]["key"]

    def iter_edges(self, rel: str, page_size: int | None = None) -> Iterator[dict[str, Any]]:
        """Every relationship of type ``rel``: ``from``, ``to``, then properties in schema order.

        Ordered by (from key, to key) within each endpoint pair of ``rel`` (MENTIONS has
        two: Review -> Film, then Review -> Person); streams by key-range pages.
        """
        name = EXPORT_EDGE_QUERY[rel]
        template = queries.get(name, self.dialect).template
        lists, limit = _list_props(schema.RELS[rel].props), page_size or self.page_size
        for ends in schema.RELS[rel].endpoints:
            slots = {"rel": rel, "from": ends[0], "to": ends[1]}
            slots = {slot: value for slot, value in slots.items() if slot in template}
            after = ("", "")
            while True:
                params = {"after_from": after[0], "after_to": after[1], "limit": limit}
                page = self._page(name, params, **slots)
                for row in page:
                    after = (row.pop("from_key"), row.pop("to_key"))
                    yield {"from": after[0], "to": after[1], **_lists_filled(row, lists)}
                if len(page) < limit:
                    break

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
