"""Column-wise helpers for loaders that map rows with Arrow compute (see loaders/imdb_tables.py).

Each takes and gives Arrow arrays; where Arrow cannot reproduce a Python rule exactly
(``graph.keys.normalize`` on non-ASCII text), the affected values go through Python.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from graph import keys
from graph.tables import arrow_schema


def matches(column: pa.Array, pattern: str) -> pa.Array:
    return pc.match_substring_regex(column, pattern)


def id_numbers(column: pa.Array) -> pa.Array:
    return pc.cast(pc.utf8_slice_codeunits(column, 2), pa.int64())


def normalized(column: pa.Array) -> pa.Array:
    """``graph.keys.normalize`` of every value: Arrow for ASCII text, Python for the rest."""
    slug = pc.utf8_trim(pc.replace_substring_regex(pc.ascii_lower(column), "[^0-9a-z]+", "-"), "-")
    python = pc.or_(pc.invert(pc.string_is_ascii(column)), pc.equal(slug, ""))
    if not pc.any(python).as_py():
        return slug
    values = [keys.normalize(v) for v in column.filter(python).to_pylist()]
    return pc.replace_with_mask(slug, python, pa.array(values, pa.string()))


def constant_lists(value: str, n: int) -> pa.Array:
    return (
        pa.array([[value]] * n, pa.list_(pa.string())) if n else pa.array([], pa.list_(pa.string()))
    )


def filled_table(name: str, columns: dict[str, Any], n: int) -> pa.Table:
    """A table of :func:`graph.tables.arrow_schema` with ``columns`` given, nulls elsewhere."""
    out = {}
    for f in arrow_schema(name):
        value = columns.get(f.name)
        out[f.name] = pa.nulls(n, f.type) if value is None else value
    return pa.table(out, schema=arrow_schema(name))


def indices(mask: pa.Array) -> list[int]:
    return pc.indices_nonzero(mask).to_pylist()  # type: ignore[no-any-return]


def one_item_lists(values: pa.Array, present: pa.Array | None = None) -> pa.Array:
    """``[value]`` per row, or null where ``present`` is false."""
    if present is None:
        offsets = pa.array(range(len(values) + 1), pa.int32())
        return pa.ListArray.from_arrays(offsets, values)
    counts = pc.cast(present, pa.int32())
    offsets = pa.concat_arrays([pa.array([0], pa.int32()), pc.cumulative_sum(counts)])
    return pa.ListArray.from_arrays(offsets, values.filter(present), mask=pc.invert(present))
