"""IMDb cells checked and converted column-wise, and the rows' merge order (``_seq``).

Shared by the column-wise IMDb readers (:mod:`loaders.imdb_tables`,
:mod:`loaders.imdb_akas`). A check here is true only where the record path
(:mod:`loaders.imdb`, pydantic) would read the cell the same way; other rows go
through the record path's own code.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from loaders.arrow_columns import matches
from loaders.imdb import NULL

# A field Python's str.strip() leaves alone: first and last characters are letters,
# marks, digits, punctuation or symbols (no Unicode whitespace or control character).
END = r"[\p{L}\p{M}\p{N}\p{P}\p{S}]"
PLAIN_TEXT = rf"^{END}(?:.*{END})?$"
DIGITS = r"^[0-9]{1,18}$"
YEAR = r"^(?:\\N|[0-9]{1,9})$"
# A characters cell json.loads reads as the text between the quotes: no escapes, quotes
# or control characters inside, no empty item.
CHARACTERS = r'^\["[^"\\\x00-\x1f]+"(?:,"[^"\\\x00-\x1f]+")*\]$'
CREW_CELL = r"^(?:\\N|nm[0-9]{7,18}(?:,nm[0-9]{7,18})*)$"
#: ``seq`` = file rank << 56 | line << 12 | item within the line.
RANK = {"title.basics": 0, "title.principals": 1, "title.crew": 2, "name.basics": 3}
RANK["title.akas"] = 4
ITEM_BITS = 12


def seq(kind: str, line: int, item: int = 0) -> int:
    return RANK[kind] << 56 | line << ITEM_BITS | item


def seqs(kind: str, lines: pa.Array, items: pa.Array | None = None) -> pa.Array:
    base = pc.add(pc.shift_left(lines, ITEM_BITS), RANK[kind] << 56)
    return base if items is None else pc.add(base, items)


def plain_text(column: pa.Array) -> pa.Array:
    return pc.and_(matches(column, PLAIN_TEXT), pc.not_equal(column, NULL))


def plain_id(column: pa.Array, prefix: str) -> pa.Array:
    return matches(column, rf"^{prefix}[0-9]{{7,18}}$")


def or_null(column: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(column, NULL), pa.scalar(None, pa.string()), column)


def years(column: pa.Array) -> pa.Array:
    """``loaders.imdb._year`` of plain cells (``\\N`` or ASCII digits)."""
    numbers = pc.cast(pc.if_else(pc.equal(column, NULL), None, column), pa.int64())
    in_range = pc.and_(pc.greater_equal(numbers, 1850), pc.less_equal(numbers, 2100))
    return pc.if_else(in_range, numbers, pa.scalar(None, pa.int64()))
