"""title.akas as Film tables (aliases), column-wise: the bulk reader's part for the largest
IMDb file (about 50M rows for all titles).

As ``ImdbReader._akas``: rows group into runs of one ``titleId`` in file order; a run's
titles (``\\N`` and blanks left out, each once, in order) become one Film record with
``title`` = the first and ``aliases`` = all, for a kept film; a malformed id is rejected
once per run, at its first line. A run with a title that needs stripping, or with a
malformed id, goes through ``ImdbReader._aka_film`` itself. A run may span two blocks: the
last run of each block waits for the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from graph import schema
from graph.model import Node
from graph.tables import SEQ, Table, from_records
from loaders.arrow_columns import constant_lists, filled_table, id_numbers, normalized
from loaders.imdb import NULL, _null
from loaders.imdb_blocks import Block
from loaders.imdb_cells import plain_id, plain_text, seq, seqs

if TYPE_CHECKING:
    from loaders.imdb_tables import ImdbTables

KIND = "title.akas"
_COLUMNS = pa.schema([("line", pa.int64()), ("tid", pa.string()), ("title", pa.string())])


def aka_tables(owner: ImdbTables) -> Iterator[Table]:
    carry = _COLUMNS.empty_table()
    for block in owner._blocks(KIND):
        rows = pa.concat_tables([carry, _rows(block)]).combine_chunks()
        starts = _starts(rows["tid"])
        last = pc.max(pc.indices_nonzero(starts)).as_py() if len(rows) else None
        if last is None:
            continue
        carry = rows.slice(last)
        yield from _runs(owner, rows.slice(0, last))
    yield from _runs(owner, carry)


def _rows(block: Block) -> pa.Table:
    if block.fields is None:
        lines, ids, titles = zip(*((n, r[0], r[2]) for n, r in block.rows), strict=True)
        return pa.table([list(lines), list(ids), list(titles)], schema=_COLUMNS)
    return pa.table([block.lines, block.column(0), block.column(2)], schema=_COLUMNS)


def _starts(ids: pa.ChunkedArray) -> pa.Array:
    """True where a row's titleId differs from the row before (the first row: True)."""
    ids = ids.combine_chunks()
    before = pa.concat_arrays([pa.array([None], pa.string()), ids.slice(0, len(ids) - 1)])
    return pc.fill_null(pc.not_equal(ids, before), True)


def _runs(owner: ImdbTables, rows: pa.Table) -> Iterator[Table]:
    if not len(rows):
        return
    ids, titles = rows["tid"], rows["title"]
    run = pc.subtract(pc.cumulative_sum(pc.cast(_starts(ids), pa.int64())), 1)
    plain = plain_text(titles)
    odd_row = pc.or_(
        pc.and_(pc.not_equal(titles, NULL), pc.invert(plain)), pc.invert(plain_id(ids, "tt"))
    )
    odd_runs = pc.unique(run.filter(odd_row))
    in_odd = pc.is_in(run, odd_runs)
    records: list[tuple[int, Node]] = []
    for number in odd_runs.to_pylist():
        part = rows.filter(pc.equal(run, number))
        line, tconst = part["line"][0].as_py(), part["tid"][0].as_py()
        found = [t for t in (_null(v) for v in part["title"].to_pylist()) if t is not None]
        if found:  # (a run without titles is skipped, its id unchecked, as the record path does)
            owner._kept_set()  # what _aka_film checks the id against
            for film in owner.reader._aka_film(line, tconst, list(dict.fromkeys(found))):
                records.append((seq(KIND, line), film))
    yield from from_records(records)
    first_line = (
        pa.table({"run": run, "line": rows["line"]}).group_by("run").aggregate([("line", "min")])
    )
    kept_ids = pc.is_in(id_numbers(pc.if_else(in_odd, "tt0", ids)), owner._kept_ids())
    clean = pc.and_(pc.and_(pc.invert(in_odd), kept_ids), plain)
    items = pa.table({"run": run, "tid": ids, "title": titles}).filter(clean)
    items = items.append_column("at", pa.array(range(len(items)), pa.int64()))
    firsts = items.group_by(["run", "title"]).aggregate([("at", "min")]).sort_by("at_min")
    films = firsts.group_by("run", use_threads=False).aggregate([("title", "list")])
    if not len(films):
        return
    aliases = films["title_list"].combine_chunks()
    words = normalized(pc.list_flatten(aliases))
    search = pc.binary_join(_distinct_lists(aliases, words), " ")
    tconst = pc.take(ids, _first_row(run, films["run"]))
    lines = pc.take(first_line["line_min"], pc.index_in(films["run"], value_set=first_line["run"]))
    columns = {
        "key": pc.binary_join_element_wise("film:imdb:", tconst, ""),
        "title": pc.list_element(aliases, 0),
        "aliases": aliases,
        "imdb": tconst,
        "sources": constant_lists("imdb:title.akas", len(films)),
        "search": search,
        SEQ: seqs(KIND, lines),
    }
    yield Table(schema.FILM, filled_table(schema.FILM, columns, len(films)))


def _first_row(run: pa.Array, wanted: pa.ChunkedArray) -> pa.Array:
    """The first row of each ``wanted`` run."""
    rows = pa.table({"run": run, "row": pa.array(range(len(run)), pa.int64())})
    firsts = rows.group_by("run").aggregate([("row", "min")])
    return pc.take(firsts["row_min"], pc.index_in(wanted, value_set=firsts["run"]))


def _distinct_lists(lists: pa.ListArray, values: pa.Array) -> pa.ListArray:
    """``values`` (one per item of ``lists``) regrouped as ``lists``, each item once, in order."""
    parent = pc.list_parent_indices(lists)
    items = pa.table({"p": parent, "v": values, "at": pa.array(range(len(values)), pa.int64())})
    firsts = items.group_by(["p", "v"]).aggregate([("at", "min")]).sort_by("at_min")
    grouped = firsts.group_by("p", use_threads=False).aggregate([("v", "list")]).sort_by("p")
    return grouped["v_list"].combine_chunks()
