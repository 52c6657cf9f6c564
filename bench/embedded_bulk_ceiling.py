"""How fast could a first load of IMDb-format files into an EMPTY embedded store be?

    python bench/embedded_bulk_ceiling.py DIR [--copy-rows 1000000] [--buffer-pool-mb 2048]
        (DIR from bench/imdb_scale.py generate)

Not a loader and not reelgraph's result: an engine ceiling, like bench/embedded_engine.py,
for deciding whether a bulk path (the embedded counterpart of ``neo4j-admin import``) can
reach issue 4's 5 minutes at full size. It reads the files column-wise with pyarrow, builds
the node and relationship tables of reelgraph's own schema (a new EmbeddedStore creates
it) and COPYs each table (in slices of ``--copy-rows``, each auto-committed), then
checkpoints. Prints seconds per phase and peak RSS.

Simplified against the real loader, so the figure is a lower bound for such a path:
- principals whose person is not in name.basics are dropped (the loader makes placeholders);
- a (person, film) pair that repeats within one relationship type keeps its first row
  (the loader merges roles, jobs and categories);
- roles are cut out of the ``characters`` JSON by string splitting (no JSON escapes);
- title.crew and title.akas are not read; no search index is built.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import ladybug
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.stores.embedded import BUFFER_POOL_SIZE, EmbeddedStore

RELS = {"actor": "ACTED_IN", "actress": "ACTED_IN", "director": "DIRECTED", "writer": "WROTE"}
RELS |= {"producer": "PRODUCED"}
COPY_ROWS = 1_000_000


def read_tsv(path: Path, columns: list[str]) -> pa.Table:
    return csv.read_csv(
        path,
        parse_options=csv.ParseOptions(delimiter="\t", quote_char=False),
        convert_options=csv.ConvertOptions(
            include_columns=columns,
            null_values=["\\N"],
            strings_can_be_null=True,
            column_types={c: pa.string() for c in columns if c not in ("startYear", "birthYear")},
        ),
    )


def one_item(value: str, n: int) -> pa.Array:
    return pa.array([[value]] * n, pa.list_(pa.string()))


def shaped(conn: ladybug.Connection, table: str, given: dict[str, pa.Array]) -> pa.Table:
    """``given`` as a table with every column of ``table`` in order, nulls for the rest."""
    result = conn.execute(f"CALL table_info('{table}') RETURN *")
    assert not isinstance(result, list)
    info = result.get_as_arrow()
    n = len(next(iter(given.values())))
    columns: dict[str, pa.Array] = {k: given[k] for k in ("from", "to") if k in given}
    for name, kind in zip(info["name"].to_pylist(), info["type"].to_pylist(), strict=True):
        if name in given:
            columns[name] = given[name]
            continue
        arrow = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64()}
        base = kind.removesuffix("[]")
        columns[name] = pa.nulls(n, pa.list_(arrow[base]) if kind.endswith("[]") else arrow[base])
    return pa.table(columns)


def roles(characters: pa.ChunkedArray) -> pa.ChunkedArray:
    inner = pc.utf8_slice_codeunits(characters, 2, -2)  # ["A","B"] -> A","B
    return pc.split_pattern(inner, '","')


def _of_type(category: pa.ChunkedArray, rel: str) -> pa.ChunkedArray:
    """Which principals become ``rel``: CREDITED takes every category not mapped to a type."""
    if rel == "CREDITED":
        return pc.invert(pc.is_in(category, pa.array(list(RELS))))
    return pc.is_in(category, pa.array([c for c, r in RELS.items() if r == rel]))


class Clock:
    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        took, total = now - self.last, now - self.started
        print(f"{label}: {took:.1f} s (total {total:.1f} s, peak RSS {rss:,.0f} MB)", flush=True)
        self.last = now


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument(
        "--copy-rows", type=int, default=COPY_ROWS, help="relationships per COPY (0: all at once)"
    )
    parser.add_argument(
        "--buffer-pool-mb", type=int, default=BUFFER_POOL_SIZE // 2**20, help="0: 80%% of RAM"
    )
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp()) / "bulk.db"
    EmbeddedStore(db).close()  # reelgraph's schema, nothing else
    pool = args.buffer_pool_mb * 2**20
    conn = ladybug.Connection(ladybug.Database(str(db), buffer_pool_size=pool))
    clock = Clock()
    basics = ["tconst", "titleType", "primaryTitle", "startYear"]
    titles = read_tsv(args.dir / "title.basics.tsv", basics)
    titles = titles.filter(pc.equal(titles["titleType"], "movie"))
    names = read_tsv(args.dir / "name.basics.tsv", ["nconst", "primaryName", "birthYear"])
    clock.lap(f"read {titles.num_rows:,} films and {names.num_rows:,} people")
    films = {
        "key": pc.binary_join_element_wise("film:imdb:", titles["tconst"], ""),
        "title": titles["primaryTitle"], "year": pc.cast(titles["startYear"], pa.int64()),
        "imdb": titles["tconst"], "sources": one_item("imdb:title.basics", titles.num_rows),
    }  # fmt: skip
    people = {
        "key": pc.binary_join_element_wise("person:imdb:", names["nconst"], ""),
        "name": names["primaryName"], "birth_year": pc.cast(names["birthYear"], pa.int64()),
        "imdb": names["nconst"], "sources": one_item("imdb:name.basics", names.num_rows),
    }  # fmt: skip
    conn.execute("COPY Film FROM $t", {"t": shaped(conn, "Film", films)})
    conn.execute("COPY Person FROM $t", {"t": shaped(conn, "Person", people)})
    clock.lap("COPY films and people")
    principals = read_tsv(
        args.dir / "title.principals.tsv",
        ["tconst", "ordering", "nconst", "category", "characters"],
    )
    principals = principals.filter(
        pc.and_(
            pc.is_in(principals["tconst"], titles["tconst"]),
            pc.is_in(principals["nconst"], names["nconst"]),
        )
    )
    clock.lap(f"read {principals.num_rows:,} principals of those films and people")
    total = 0
    for rel in sorted(set(RELS.values()) | {"CREDITED"}):
        part = principals.filter(_of_type(principals["category"], rel))
        first = (
            part.append_column("row", pa.array(range(part.num_rows)))
            .group_by(["nconst", "tconst"])
            .aggregate([("row", "min")])
        )
        part = part.take(first["row_min"])
        given: dict[str, pa.Array] = {
            "from": pc.binary_join_element_wise("person:imdb:", part["nconst"], ""),
            "to": pc.binary_join_element_wise("film:imdb:", part["tconst"], ""),
            "ordering": pc.cast(part["ordering"], pa.int64()),
            "sources": one_item("imdb:title.principals", part.num_rows),
        }
        if rel == "ACTED_IN":
            given["roles"] = roles(pc.fill_null(part["characters"], '[""]'))
        if rel == "CREDITED":
            given["categories"] = pc.split_pattern(part["category"], "\t")
        ready = shaped(conn, rel, given)
        # One COPY of millions of relationships fills a 2 GiB buffer pool: slices of
        # --copy-rows, each auto-committed.
        step = args.copy_rows or ready.num_rows
        for start in range(0, ready.num_rows, step):
            conn.execute(f"COPY {rel} FROM $t", {"t": ready.slice(start, step)})
            clock.lap(f"  COPY {rel} rows {start:,}-{min(start + step, ready.num_rows):,}")
        total += part.num_rows
        clock.lap(f"COPY {part.num_rows:,} {rel}")
    conn.execute("CHECKPOINT")
    clock.lap(f"CHECKPOINT ({total:,} relationships in all)")


if __name__ == "__main__":
    main()
