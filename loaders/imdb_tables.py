"""IMDb datasets as Arrow tables, for a bulk first load (``reelgraph load imdb --bulk``).

The same files, mapping and rejects as :mod:`loaders.imdb`, read a block at a time
(:mod:`loaders.imdb_blocks`) and mapped column-wise: the record path reads about 50,000
rows/s into pydantic records, this one millions.

Exact by construction: a row is mapped column-wise only when Arrow checks
(:mod:`loaders.imdb_cells`) prove it plain: ASCII ids, a category IMDb documents, a
number of digits, names and titles with nothing to strip, a ``characters`` list without
escapes or blanks. Every other row goes
through :class:`~loaders.imdb.ImdbReader`'s own code for one row, so it is mapped or
rejected exactly as the record path would. With ``limit``, titles are read by the record
path. title.akas: :mod:`loaders.imdb_akas`.

The tables come in the record path's order of sources (titles, principals, crew, names,
akas) with ``_seq`` = (file, line, item), so rows that merge do so in the same order.
Unlike the record path, title.principals is read once: the people credited are
collected in the same pass that maps the credits, as names come after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from graph import schema
from graph.model import Edge, Node
from graph.tables import SEQ, Table, from_records
from loaders.arrow_columns import (
    constant_lists,
    filled_table,
    id_numbers,
    indices,
    matches,
    normalized,
    one_item_lists,
)
from loaders.common import ErrorHandler, raise_error
from loaders.files import ReadProgress
from loaders.imdb import (
    CATEGORY_RELS,
    DEFAULT_TITLE_TYPES,
    FIRST_COLUMN,
    HEADERS,
    NULL,
    OTHER_CATEGORIES,
    ImdbReader,
    _num,
    _valid_id,
)
from loaders.imdb_akas import aka_tables
from loaders.imdb_blocks import Block, blocks
from loaders.imdb_cells import (
    CHARACTERS,
    CREW_CELL,
    DIGITS,
    YEAR,
    or_null,
    plain_id,
    plain_text,
    seq,
    seqs,
    years,
)

_CATEGORY_REL = {
    category: cls.model_fields["type"].default for category, cls in CATEGORY_RELS.items()
}
_CATEGORY_REL.update({category: schema.CREDITED for category in OTHER_CATEGORIES})
_PERSON_FILM = (schema.PERSON, schema.FILM)


class ImdbTables:
    """One bulk read of an IMDb directory; :meth:`tables` yields the tables."""

    def __init__(
        self,
        directory: Path,
        *,
        title_types: tuple[str, ...] | None = DEFAULT_TITLE_TYPES,
        limit: int | None = None,
        on_error: ErrorHandler = raise_error,
        progress: ReadProgress | None = None,
    ) -> None:
        self.reader = ImdbReader(directory, title_types=title_types, limit=limit, on_error=on_error)
        self.reader.progress = progress
        if progress is not None:
            progress.add_total(*self.reader.files.values())
        self.progress = progress
        self.title_types = title_types
        self.limit = limit
        self.kept_numbers: list[pa.Array] = []
        self.people_numbers: list[pa.Array] = []
        self._kept: pa.Array | None = None

    # --- plumbing ---------------------------------------------------------------------

    def _blocks(self, kind: str) -> Iterator[Block]:
        if kind not in self.reader.files:
            return iter(())
        path = self.reader.files[kind]
        return blocks(path, kind, HEADERS[kind], self.reader.on_error, self.progress, FIRST_COLUMN)

    def _kept_ids(self) -> pa.Array:
        if self._kept is None:
            self._kept = pa.chunked_array(self.kept_numbers, pa.int64()).combine_chunks()
        return self._kept

    def _kept_set(self) -> set[int]:
        """The kept title numbers as the record path's own set, built only when a row
        needs the record path (a million films: ~60 MB the plain rows never use)."""
        if not self.reader.kept:
            self.reader.kept = set(self._kept_ids().to_pylist())
        return self.reader.kept

    def tables(self) -> Iterator[Table]:
        self.reader.check_files()
        yield from self._titles()
        self._kept_ids()
        for block in self._blocks("title.principals"):
            yield from self._principals(block)
        for block in self._blocks("title.crew"):
            yield from self._crew(block)
        people = pa.chunked_array(self.people_numbers, pa.int64()).combine_chunks()
        self.people_numbers = []
        self.reader.people = set()  # filled only if a name row needs Python (see _names)
        people = pc.unique(people)
        for block in self._blocks("name.basics"):
            yield from self._names(block, people)
        yield from aka_tables(self)

    def _record_path(
        self, kind: str, block: Block, rows: list[int] | None, make: Callable[..., Any]
    ) -> list[Table]:
        """Run the record path's code for one row over ``rows`` of ``block`` (all its
        Python rows when it has no columns); ``make`` gives records for ``(line, row)``."""
        pairs = block.rows if block.fields is None else [block.row(i) for i in rows or []]
        out: list[tuple[int, Node | Edge]] = []
        for line, row in pairs:
            for item, record in enumerate(make(line, row)):
                out.append((seq(kind, line, item), record))
        return from_records(out)

    # --- title.basics -------------------------------------------------------------------

    def _titles(self) -> Iterator[Table]:
        if self.limit is not None:  # the record path: it stops at the limit exactly
            # (in file order: the position stands in for the line the record path hides)
            films = [(seq("title.basics", i), f) for i, f in enumerate(self.reader._titles())]
            self.kept_numbers.append(pa.array(sorted(self.reader.kept), pa.int64()))
            yield from from_records(films)
            return
        for block in self._blocks("title.basics"):
            yield from self._title_block(block)

    def _title_block(self, block: Block) -> Iterator[Table]:
        kind = "title.basics"
        if block.fields is None:
            yield from self._record_path(kind, block, None, self._one_title)
            return
        tconst, kinds, primary, original, year = (block.column(i) for i in (0, 1, 2, 3, 5))
        wanted = pc.is_in(kinds, pa.array(self.title_types)) if self.title_types else None
        plain = pc.and_(plain_id(tconst, "tt"), plain_text(primary))
        plain = pc.and_(plain, pc.or_(pc.equal(original, NULL), plain_text(original)))
        plain = pc.and_(pc.and_(plain, plain_text(kinds)), matches(year, YEAR))
        odd = pc.invert(plain)
        if wanted is not None:
            plain, odd = pc.and_(plain, wanted), pc.and_(odd, wanted)
        yield from self._record_path(kind, block, indices(odd), self._one_title)
        t = pa.table({"c": tconst, "k": kinds, "p": primary, "o": original, "y": year})
        t = t.filter(plain)
        lines = block.lines.filter(plain)  # type: ignore[union-attr]
        self.kept_numbers.append(id_numbers(t["c"]).combine_chunks())
        title, orig = t["p"].combine_chunks(), or_null(t["o"].combine_chunks())
        search_title, search_orig = normalized(title), normalized(pc.fill_null(orig, ""))
        same = pc.or_(pc.is_null(orig), pc.equal(search_orig, search_title))
        both = pc.binary_join_element_wise(search_title, search_orig, " ")
        columns = {
            "key": pc.binary_join_element_wise("film:imdb:", t["c"], ""),
            "title": title,
            "original_title": orig,
            "year": years(t["y"]),
            "title_type": t["k"],
            "imdb": t["c"],
            "sources": constant_lists("imdb:title.basics", t.num_rows),
            "search": pc.if_else(same, search_title, both),
            SEQ: seqs(kind, lines),
        }
        yield Table(schema.FILM, filled_table(schema.FILM, columns, t.num_rows))

    def _one_title(self, line: int, row: list[str]) -> list[Node]:
        film = self.reader.title_row(line, row)
        if film is None:
            return []
        self.kept_numbers.append(pa.array([_num(row[0])], pa.int64()))
        return [film]

    # --- rows the record path maps, one at a time -------------------------------------

    def _kept_row(self, kind: str, line: int, row: list[str], keep: set[int]) -> bool:
        """``ImdbReader._kept_rows`` for one row: a malformed id is rejected."""
        prefix, what = ("nm", "name") if kind == "name.basics" else ("tt", "title")
        if not _valid_id(row[0], prefix):
            self.reader._reject(kind, line, f"not an IMDb {what} id: {row[0]!r}", HEADERS[kind][0])
            return False
        return _num(row[0]) in keep

    def _credited(self, *nconsts: str) -> None:
        """People credited on a kept film, as ``ImdbReader._collect_people`` finds them."""
        found = [_num(n) for n in nconsts if _valid_id(n, "nm")]
        if found:
            self.people_numbers.append(pa.array(found, pa.int64()))

    def _one_principal(self, line: int, row: list[str]) -> list[Edge]:
        if not self._kept_row("title.principals", line, row, self._kept_set()):
            return []
        self._credited(row[2])
        edge = self.reader.principal_row(line, row)
        return [] if edge is None else [edge]

    def _one_crew(self, line: int, row: list[str]) -> list[Edge]:
        if not self._kept_row("title.crew", line, row, self._kept_set()):
            return []
        for cell in (row[1], row[2]):
            if cell != NULL:
                self._credited(*cell.split(","))
        return list(self.reader.crew_row(line, row))

    def _one_name(self, line: int, row: list[str], people: pa.Array) -> list[Node]:
        if not self.reader.people:
            self.reader.people = set(people.to_pylist())
        if not self._kept_row("name.basics", line, row, self.reader.people):
            return []
        person = self.reader.name_row(line, row)
        return [] if person is None else [person]

    def _kept_films(self, tconst: pa.Array) -> tuple[pa.Array, pa.Array]:
        """(plain id, plain id of a kept film) masks of a tconst column."""
        plain = plain_id(tconst, "tt")
        numbers = id_numbers(pc.if_else(plain, tconst, "tt0"))
        return plain, pc.and_(plain, pc.is_in(numbers, self._kept_ids()))

    # --- title.principals ---------------------------------------------------------------

    def _principals(self, block: Block) -> Iterator[Table]:
        kind = "title.principals"
        if block.fields is None:
            yield from self._record_path(kind, block, None, self._one_principal)
            return
        tconst, ordering, nconst, category, job, chars = (block.column(i) for i in range(6))
        plain_t, kept = self._kept_films(tconst)
        plain_n = plain_id(nconst, "nm")
        credited = pc.and_(kept, plain_n)
        self.people_numbers.append(id_numbers(nconst.filter(credited)))
        roles = pc.split_pattern(pc.utf8_slice_codeunits(chars, 2, -2), '","')
        no_roles = pc.or_(pc.equal(chars, NULL), pc.equal(chars, "[]"))
        acting = pc.is_in(category, pa.array(["actor", "actress"]))
        roles_ok = pc.or_(no_roles, matches(chars, CHARACTERS))
        bad_role = pc.invert(plain_text(pc.list_flatten(roles)))
        if pc.any(bad_role).as_py():
            rows = pc.unique(pc.list_parent_indices(roles).filter(bad_role))
            has_bad = pc.is_in(pa.array(range(len(roles)), pa.int64()), pc.cast(rows, pa.int64()))
            roles_ok = pc.and_(roles_ok, pc.or_(no_roles, pc.invert(has_bad)))
        clean = pc.and_(plain_n, pc.is_in(category, pa.array(list(_CATEGORY_REL))))
        clean = pc.and_(clean, matches(ordering, DIGITS))
        clean = pc.and_(clean, pc.or_(pc.equal(job, NULL), plain_text(job)))
        clean = pc.and_(clean, pc.or_(pc.invert(acting), roles_ok))
        odd = pc.or_(pc.invert(plain_t), pc.and_(kept, pc.invert(clean)))
        yield from self._record_path(kind, block, indices(odd), self._one_principal)
        clean = pc.and_(kept, clean)
        t = pa.table(
            {"t": tconst, "o": ordering, "n": nconst, "c": category, "j": job, "r": roles}
        ).filter(clean)
        t = t.append_column("l", block.lines.filter(clean))  # type: ignore[union-attr]
        t = t.append_column("r0", no_roles.filter(clean))
        for rel in dict.fromkeys(_CATEGORY_REL.values()):
            cats = [c for c, r in _CATEGORY_REL.items() if r == rel]
            part = t.filter(pc.is_in(t["c"], pa.array(cats)))
            if part.num_rows:
                yield Table(rel, _credits(rel, part), _PERSON_FILM)

    # --- title.crew ---------------------------------------------------------------------

    def _crew(self, block: Block) -> Iterator[Table]:
        kind = "title.crew"
        if block.fields is None:
            yield from self._record_path(kind, block, None, self._one_crew)
            return
        tconst, directors, writers = (block.column(i) for i in range(3))
        plain_t, kept = self._kept_films(tconst)
        clean = pc.and_(matches(directors, CREW_CELL), matches(writers, CREW_CELL))
        odd = pc.or_(pc.invert(plain_t), pc.and_(kept, pc.invert(clean)))
        yield from self._record_path(kind, block, indices(odd), self._one_crew)
        clean = pc.and_(kept, clean)
        films = pc.binary_join_element_wise("film:imdb:", tconst.filter(clean), "")
        lines = block.lines.filter(clean)  # type: ignore[union-attr]
        for cells, rel in ((directors, schema.DIRECTED), (writers, schema.WROTE)):
            cells = pc.if_else(pc.equal(cells, NULL), "", cells).filter(clean)
            names = pc.split_pattern(cells, ",")
            flat, parent = pc.list_flatten(names), pc.list_parent_indices(names)
            # Position within the cell: the order the record path yields a row's names in.
            items = pc.subtract(
                pa.array(range(len(flat)), pa.int64()),
                pc.cast(pc.take(names.offsets, parent), pa.int64()),
            )
            given = pc.not_equal(flat, "")
            flat, parent, items = flat.filter(given), parent.filter(given), items.filter(given)
            if not len(flat):
                continue
            self.people_numbers.append(id_numbers(flat))
            columns = {
                "from": pc.binary_join_element_wise("person:imdb:", flat, ""),
                "to": pc.take(films, parent),
                "sources": constant_lists("imdb:title.crew", len(flat)),
                SEQ: seqs(kind, pc.take(lines, parent), items),
            }
            yield Table(rel, filled_table(rel, columns, len(flat)), _PERSON_FILM)

    # --- name.basics --------------------------------------------------------------------

    def _names(self, block: Block, people: pa.Array) -> Iterator[Table]:
        kind = "name.basics"

        def one(line: int, row: list[str]) -> list[Node]:
            return self._one_name(line, row, people)

        if block.fields is None:
            yield from self._record_path(kind, block, None, one)
            return
        nconst, name, birth = (block.column(i) for i in range(3))
        plain = plain_id(nconst, "nm")
        numbers = id_numbers(pc.if_else(plain, nconst, "nm0"))
        wanted = pc.and_(plain, pc.is_in(numbers, people))
        clean = pc.and_(plain_text(name), matches(birth, YEAR))
        odd = pc.or_(pc.invert(plain), pc.and_(wanted, pc.invert(clean)))
        yield from self._record_path(kind, block, indices(odd), one)
        clean = pc.and_(wanted, clean)
        n = pc.sum(clean).as_py() or 0
        columns = {
            "key": pc.binary_join_element_wise("person:imdb:", nconst.filter(clean), ""),
            "name": name.filter(clean),
            "birth_year": years(birth.filter(clean)),
            "imdb": nconst.filter(clean),
            "sources": constant_lists("imdb:name.basics", n),
            "search": normalized(name.filter(clean)),
            SEQ: seqs(kind, block.lines.filter(clean)),  # type: ignore[union-attr]
        }
        yield Table(schema.PERSON, filled_table(schema.PERSON, columns, n))


def _credits(rel: str, part: pa.Table) -> pa.Table:
    """Clean title.principals rows (t, o, n, c, j, r, l, r0) as a table of ``rel``."""
    kind = "title.principals"
    job = part["j"].combine_chunks()
    columns: dict[str, Any] = {
        "from": pc.binary_join_element_wise("person:imdb:", part["n"], ""),
        "to": pc.binary_join_element_wise("film:imdb:", part["t"], ""),
        "ordering": pc.cast(part["o"], pa.int64()),
        "jobs": one_item_lists(job, pc.not_equal(job, NULL)),
        "sources": constant_lists("imdb:title.principals", part.num_rows),
        SEQ: seqs(kind, part["l"].combine_chunks()),
    }
    if rel == schema.ACTED_IN:
        roles = part["r"].combine_chunks()
        columns["roles"] = pc.if_else(part["r0"], pa.scalar(None, roles.type), roles)
    if rel == schema.CREDITED:
        columns["categories"] = one_item_lists(part["c"].combine_chunks())
    return filled_table(rel, columns, part.num_rows)


def read_imdb_tables(
    directory: Path,
    *,
    title_types: tuple[str, ...] | None = DEFAULT_TITLE_TYPES,
    limit: int | None = None,
    on_error: ErrorHandler = raise_error,
    progress: ReadProgress | None = None,
) -> Iterator[Table]:
    """Stream an IMDb dataset directory as tables (see the module docs)."""
    reader = ImdbTables(
        directory, title_types=title_types, limit=limit, on_error=on_error, progress=progress
    )
    return reader.tables()
