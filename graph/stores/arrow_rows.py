"""Arrow tables to and from LadybugDB: the embedded store's value conversions.

Kept apart from :mod:`graph.stores.embedded` so that the store reads as its
transactions and queries. LadybugDB takes and gives Arrow tables fastest
(``COPY``/``LOAD FROM`` a table, ``get_as_arrow``), so rows cross here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, overload

import pyarrow as pa

from graph.upsert import Row


def props_only(value: dict[str, Any]) -> Row:
    return {k: v for k, v in value.items() if not k.startswith("_")}


def struct_rows(column: Any) -> list[Row]:
    """A column of nodes or relationships (Arrow structs) as complete property dicts
    (null lists as ``[]``), column-wise: much faster than a dict per row from ``get_next``."""
    array = column.combine_chunks()
    names = [f.name for f in array.type if not f.name.startswith("_")]
    values = []
    for name in names:
        field = array.field(name)
        column = field.to_pylist()
        if pa.types.is_list(field.type):  # (faster than pyarrow's fill_null on lists)
            column = [[] if v is None else v for v in column]
        values.append(column)
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def plain(value: Any) -> Any:
    """Engine values to JSON-able Python: nodes and relationships become dicts."""
    if isinstance(value, dict):
        if "_label" in {k.lower() for k in value}:
            label = value.get("_LABEL", value.get("_label"))
            out = {k: plain(v) for k, v in props_only(value).items()}
            return {"_label": label, **out}
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.timedelta):
        return str(value)
    return value


class ArrowRows(Sequence[dict[str, Any]]):
    """A page of rows held as an Arrow table, made into dicts a slice at a time as it is read.

    A whole page as dicts (100,000 rows of a dozen objects each) kept the garbage
    collector rescanning a million live objects while the export mapped them: a third of
    an export's CPU time. A slice at a time keeps few Python objects alive.
    """

    SLICE = 2_000

    def __init__(self, table: Any) -> None:
        self.table = table

    def __len__(self) -> int:
        return int(self.table.num_rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(self)[index]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self.table.slice(index % len(self), 1).to_pylist()[0]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for start in range(0, len(self), self.SLICE):
            yield from self.table.slice(start, self.SLICE).to_pylist()
