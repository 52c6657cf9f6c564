"""The bulk load's column-wise merge equals graph.merge.merge_all, row group by row group."""

from __future__ import annotations

import random
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from graph import schema
from graph.stores import bulk_merge
from graph.tables import SEQ, arrow_schema, props

WORDS = ["a", "b", "c", "d", "e-f"]


def _value(prop: schema.Prop, rng: random.Random) -> Any:
    if prop.merge == "evidence" or rng.random() < 0.3:
        return None  # rows with evidence are merged by graph.merge itself
    if prop.type == "str[]":
        return [rng.choice(WORDS) for _ in range(rng.randint(1, 4))] if rng.random() < 0.8 else None
    if prop.merge == "words":
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3)))
    if prop.type == "str":
        return rng.choice(WORDS)
    if prop.type == "int":
        return rng.randint(0, 5)
    if prop.type == "float":
        return rng.choice([0.1, 0.5, 0.9])
    raise AssertionError(prop)


def random_table(name: str, keys: list[str], rows: int, rng: random.Random) -> pa.Table:
    out = []
    for seq in rng.sample(range(rows * 10), rows):
        row = {p.name: _value(p, rng) for p in props(name)}
        if name in schema.NODE_PROPS:
            row["key"] = rng.choice(keys)
        else:
            row["from"], row["to"] = rng.choice(keys), rng.choice(keys[:2])
        row["sources"] = row["sources"] or ["s"]
        row[SEQ] = seq
        out.append(row)
    return pa.Table.from_pylist(out, schema=arrow_schema(name))


def by_key(table: pa.Table, key: list[str]) -> dict[tuple[Any, ...], dict[str, Any]]:
    rows = table.drop_columns([SEQ]).to_pylist()
    return {tuple(r[k] for k in key): r for r in rows}


@pytest.mark.parametrize(("name", "key"), [("Film", ["key"]), ("ACTED_IN", ["from", "to"])])
@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("numbered", [False, True])
def test_column_merge_equals_merge_all(
    name: str, key: list[str], seed: int, numbered: bool
) -> None:
    rng = random.Random(seed)
    table = random_table(name, [f"k{i}" for i in range(6)], 60, rng)
    codes = None
    if numbered:  # as the bulk load numbers edge ends: one int64 per (from, to)
        ends = [pc.cast(pc.utf8_slice_codeunits(table[k], 1), pa.int64()) for k in key]
        codes = ends[0] if len(ends) == 1 else pc.add(pc.shift_left(ends[0], 32), ends[1])
    merged = bulk_merge.merged(name, table, key, codes)
    if len(key) == 1:
        column = table[key[0]]
    else:
        column = pc.binary_join_element_wise(table["from"], table["to"], "\0")
    group = table.append_column("_k", column).sort_by(SEQ)
    expected = bulk_merge.merged_in_python(name, group, key)
    assert merged.num_rows == expected.num_rows < table.num_rows
    assert by_key(merged, key) == by_key(expected, key)
    assert merged.schema == arrow_schema(name)


def test_rows_without_repeats_are_left_as_they_are() -> None:
    table = random_table("Person", ["only"], 1, random.Random(1))
    assert bulk_merge.merged("Person", table, ["key"]) is table
