"""Records as Arrow tables: the typed form a bulk load moves rows in.

A :class:`Table` holds many rows of one node label or one relationship type (and
its end labels) as Arrow columns named and typed exactly as :mod:`graph.schema`
says, in schema order: nodes ``key, …``; relationships ``from, to, …``, where
``from``/``to`` are the ends' node keys. Lists are never empty: an empty list is
null, as the stores keep it. One more column, ``_seq``, is each row's position in
its source (file, line, item): rows that name the same node or edge merge in that
order, as they would arriving one by one through ``Store.write``.

A column-wise loader (``loaders/imdb_tables.py``) yields these; the embedded
store's bulk path (``graph/stores/embedded_bulk.py``) writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from graph import schema
from graph.model import Edge, Node, is_node

ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "str[]": pa.list_(pa.string()),
    "int[]": pa.list_(pa.int64()),
    "float[]": pa.list_(pa.float64()),
}
SEQ = "_seq"
Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """Rows of one node label (``ends`` None) or relationship type between ``ends``."""

    name: str
    table: pa.Table
    ends: tuple[str, str] | None = None

    @property
    def target(self) -> str:
        """Where the rows go: the label, or ``REL_From_To``."""
        return self.name if self.ends is None else "_".join((self.name, *self.ends))


def props(name: str) -> tuple[schema.Prop, ...]:
    return schema.NODE_PROPS[name] if name in schema.NODE_PROPS else schema.RELS[name].props


def arrow_schema(name: str, *, seq: bool = True) -> pa.Schema:
    """The columns of a :class:`Table` of ``name`` (a label or relationship type)."""
    fields = [] if name in schema.NODE_PROPS else [("from", pa.string()), ("to", pa.string())]
    fields += [(p.name, ARROW_TYPES[p.type]) for p in props(name)]
    if seq:
        fields.append((SEQ, pa.int64()))
    return pa.schema(fields)


def arrow_table(
    prop_list: tuple[schema.Prop, ...], rows: list[Row], prefix: tuple[str, ...] = ()
) -> pa.Table:
    """An Arrow table of ``rows``: ``prefix`` string columns, then the props in schema order."""
    columns = {name: pa.array([r[name] for r in rows], pa.string()) for name in prefix}
    for prop in prop_list:
        values = [r[prop.name] for r in rows]
        if prop.type.endswith("[]"):
            # An empty list is stored as null, as Neo4j (which cannot store an empty
            # list apart from none) leaves it unset: queries see the same on both.
            values = [v or None for v in values]
        columns[prop.name] = pa.array(values, ARROW_TYPES[prop.type])
    return pa.table(columns)


def rows_table(name: str, rows: list[Row], seqs: list[int]) -> pa.Table:
    """Complete rows (``from``/``to`` first for edges) as a table of :func:`arrow_schema`."""
    prefix = () if name in schema.NODE_PROPS else ("from", "to")
    table = arrow_table(props(name), rows, prefix)
    return table.append_column(SEQ, pa.array(seqs, pa.int64()))


def from_records(records: Iterable[tuple[int, Node | Edge]]) -> list[Table]:
    """``(seq, record)`` pairs as one :class:`Table` per label or relationship type and ends."""
    grouped: dict[tuple[str, tuple[str, str] | None], tuple[list[Row], list[int]]] = {}
    for seq, record in records:
        if is_node(record):
            row, ends = record.row(), None
        else:
            edge: Edge = record  # type: ignore[assignment]
            row = {"from": edge.from_key, "to": edge.to_key, **edge.row()}
            ends = (edge.from_kind, edge.to_kind)
        rows, seqs = grouped.setdefault((record.type, ends), ([], []))
        rows.append(row)
        seqs.append(seq)
    return [
        Table(name, rows_table(name, rows, seqs), ends)
        for (name, ends), (rows, seqs) in grouped.items()
    ]
