"""Rows of one table that name the same node or edge, merged column-wise by the schema's rules.

The bulk load's counterpart of :func:`graph.merge.merge_all`, for millions of rows: full
IMDb repeats ~2M credits (title.crew restates title.principals' directors and writers)
and title.akas restates most films. Rows merge in ``_seq`` order, rule by rule:

- ``first`` / ``min`` / ``max``: Arrow's hash aggregates (``first`` skips nulls);
- ``union`` (lists) and ``words`` (the ``search`` string): the items of every row in
  order, each kept at its first place;
- ``evidence``: rows that carry spans go through :func:`graph.merge.merge_all` itself.

Tests compare both ways on random rows (``tests/test_bulk_merge.py``).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from graph import merge
from graph.tables import SEQ, arrow_schema, props, rows_table

_KEY = "_k"
_AGGREGATE = {"first": "first", "min": "min", "max": "max"}


def merged(name: str, table: pa.Table, key: list[str], codes: pa.Array | None = None) -> pa.Table:
    """``table`` with the rows that share ``key`` merged into one (at the first's ``_seq``).

    ``codes``: one value per row that is equal exactly where ``key`` is (cheaper to group
    by than the key columns; by default they are joined into one string)."""
    if codes is not None:
        column = codes
    elif len(key) == 1:
        column = table[key[0]]
    else:
        column = pc.binary_join_element_wise(*(table[k] for k in key), "\0")
    counts = pa.table({_KEY: column}).group_by(_KEY).aggregate([([], "count_all")])
    repeated = counts.filter(pc.greater(counts["count_all"], 1))[_KEY]
    if not len(repeated):
        return table
    many = pc.is_in(column, repeated)
    group = table.append_column(_KEY, column).filter(many).sort_by(SEQ)
    evidence = [p.name for p in props(name) if p.merge == "evidence"]
    spans = any(group[c].null_count < group.num_rows for c in evidence)
    combined = merged_in_python(name, group, key) if spans else _columns(name, group, key)
    return pa.concat_tables([table.filter(pc.invert(many)), combined])


def _columns(name: str, group: pa.Table, key: list[str]) -> pa.Table:
    """Merge rows sorted by ``_seq``, each with its group in ``_k``, by Arrow aggregates."""
    scalars: list[tuple[str, str]] = [(k, "first") for k in key if k not in _names(name)]
    lists: list[tuple[str, bool]] = []  # (column, a space-separated string)
    for prop in props(name):
        if prop.merge in _AGGREGATE:
            scalars.append((prop.name, _AGGREGATE[prop.merge]))
        elif prop.merge in ("union", "words"):
            lists.append((prop.name, prop.merge == "words"))
    # Ordered: with use_threads=False, "first" is the first in _seq order.
    out = group.group_by(_KEY, use_threads=False).aggregate([*scalars, (SEQ, "min")])
    out = out.rename_columns([_KEY if c == _KEY else c.rsplit("_", 1)[0] for c in out.column_names])
    for column, words in lists:
        union = _union(group, column, words)
        # Aligned by key (Arrow's join does not carry list columns); absent: null.
        at = pc.index_in(out[_KEY], value_set=union[_KEY])
        out = out.append_column(column, pc.take(union[column], at))
    layout = arrow_schema(name)
    return pa.table(
        {
            f.name: out[f.name] if f.name in out.column_names else pa.nulls(out.num_rows, f.type)
            for f in layout
        },
        schema=layout,
    )


def _names(name: str) -> set[str]:
    return {p.name for p in props(name)}


def _union(group: pa.Table, column: str, words: bool) -> pa.Table:
    """Per group, as :func:`graph.merge.merge_all` folds its rows: the lead row's items as
    they are (repeats too), then each later item not seen before; null if none. The lead
    is the group's first row, for ``words`` its first with a value (a null string is
    taken as it comes, an empty list is united)."""
    values = group[column].combine_chunks()
    lists = pc.split_pattern(values, " ") if words else values
    flat, parent = pc.list_flatten(lists), pc.list_parent_indices(lists)
    rows = pa.table({_KEY: group[_KEY], "row": pa.array(range(len(group)), pa.int64())})
    if words:
        rows = rows.filter(pc.is_valid(values))
    lead = rows.group_by(_KEY).aggregate([("row", "min")])
    item_key = pc.take(group[_KEY], parent)
    pair = pc.binary_join_element_wise(pc.cast(item_key, pa.string()), flat, "\0")
    at = pa.array(range(len(flat)), pa.int64())
    firsts = pa.table({"pair": pair, "at": at}).group_by("pair").aggregate([("at", "min")])
    first_at = pc.take(firsts["at_min"], pc.index_in(pair, value_set=firsts["pair"]))
    lead_row = pc.take(lead["row_min"], pc.index_in(item_key, value_set=lead[_KEY]))
    keep = pc.or_(pc.equal(pc.cast(parent, pa.int64()), lead_row), pc.equal(at, first_at))
    if words:  # str.split() gives no empty words
        keep = pc.and_(keep, pc.not_equal(flat, ""))
    items = pa.table({_KEY: item_key, "item": flat}).filter(keep)
    gathered = items.group_by(_KEY, use_threads=False).aggregate([("item", "list")])
    result = gathered["item_list"]
    if words:
        result = pc.binary_join(result, " ")
    return pa.table({_KEY: gathered[_KEY], column: result.cast(values.type)})


def merged_in_python(name: str, group: pa.Table, key: list[str]) -> pa.Table:
    """:func:`graph.merge.merge_all` over each group (rows sorted by ``_seq``)."""
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in group.to_pylist():
        grouped.setdefault(tuple(row[k] for k in key), []).append(row)
    prop_list = props(name)
    out, seqs = [], []
    for ident, rows in grouped.items():
        row = merge.merge_all(prop_list, [merge.complete(prop_list, r) for r in rows])
        if len(key) == 2:
            row = {"from": ident[0], "to": ident[1], **row}
        out.append(row)
        seqs.append(rows[0][SEQ])
    return rows_table(name, out, seqs)
