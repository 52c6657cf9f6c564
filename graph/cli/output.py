"""Formatting query results for the terminal: table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graph.stores import QueryResult

FORMATS = ("table", "json", "csv")


def people(count: int) -> str:
    """``1 person``, ``2,000 people``."""
    return f"{count:,} {'person' if count == 1 else 'people'}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table(result: QueryResult) -> str:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    numeric = [
        all(isinstance(row[i], int | float) for row in result.rows if row[i] is not None)
        and any(row[i] is not None for row in result.rows)
        for i in range(len(result.columns))
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(result.columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def as_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(
            [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in row]
        )
    return buffer.getvalue().rstrip("\n")


def render(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        return as_json(result.records())
    if fmt == "csv":
        return as_csv(result)
    return table(result)
