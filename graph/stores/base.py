"""The store interface every backend implements.

A store writes records (each batch atomically, through :mod:`graph.upsert`)
and answers Cypher. It never parses input files; loaders never touch it.
"""

from __future__ import annotations

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


@dataclass
class QueryResult:
    """Columns and rows of a query, values reduced to plain JSON-able Python."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None


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

    def write(
        self,
        records: Iterable[Record],
        *,
        batch_size: int | None = None,
        on_batch: BatchCallback | None = None,
    ) -> WriteSummary:
        """Upsert records in batches; each batch commits whole or not at all."""
        total = WriteSummary()
        for batch in batched(records, batch_size or self.batch_size):
            done = self._write_batch(batch)
            total = total + done
            if on_batch is not None:
                on_batch(done)
        return total

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

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
