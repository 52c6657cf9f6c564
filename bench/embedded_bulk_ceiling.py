"""How fast could a first load of IMDb-format files into an EMPTY embedded store be?

    python bench/embedded_bulk_ceiling.py DIR [--stage] [--copy-rows 1000000]
                                              [--buffer-pool-mb 2048]
    (DIR from bench/imdb_scale.py generate)

Not a loader and not reelgraph's result: an engine ceiling, like bench/embedded_engine.py,
for deciding whether a bulk path (the embedded counterpart of ``neo4j-admin import``) can
reach issue 4's 5 minutes at full size. It reads the files column-wise with pyarrow, builds
the node and relationship tables of reelgraph's own schema (a new EmbeddedStore creates
it) and COPYs each table (in slices of ``--copy-rows``, each auto-committed), then
checkpoints. With ``--stage`` a child process writes each table to a Parquet file first
and this one COPYs from the files, so that no rows sit in this process's memory.
Prints seconds per phase and peak RSS (of each process).

Simplified against the real loader, so the figure is a lower bound for such a path:
- principals whose person is not in name.basics are dropped (the loader makes placeholders);
- a (person, film) pair that repeats within one relationship type keeps its first row
  (the loader merges roles, jobs and categories);
- roles are cut out of the ``characters`` JSON by string splitting (no JSON escapes);
- title.crew and title.akas are not read; no search index is built.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import ladybug
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
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


Columns = dict[str, list[tuple[str, str]]]


def table_columns(conn: ladybug.Connection, tables: list[str]) -> Columns:
    """Each table's (name, type) columns in order, as the schema made them."""
    found: Columns = {}
    for table in tables:
        result = conn.execute(f"CALL table_info('{table}') RETURN *")
        assert not isinstance(result, list)
        info = result.get_as_arrow()
        found[table] = list(zip(info["name"].to_pylist(), info["type"].to_pylist(), strict=True))
    return found


def shaped(columns: list[tuple[str, str]], given: dict[str, pa.Array]) -> pa.Table:
    """``given`` as a table with every one of ``columns`` in order, nulls for the rest."""
    n = len(next(iter(given.values())))
    out: dict[str, pa.Array] = {k: given[k] for k in ("from", "to") if k in given}
    arrow = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64()}
    for name, kind in columns:
        base = arrow[kind.removesuffix("[]")]
        out[name] = given.get(name, pa.nulls(n, pa.list_(base) if kind.endswith("[]") else base))
    return pa.table(out)


def roles(characters: pa.ChunkedArray) -> pa.ChunkedArray:
    inner = pc.utf8_slice_codeunits(characters, 2, -2)  # ["A","B"] -> A","B
    return pc.split_pattern(inner, '","')


def _of_type(category: pa.ChunkedArray, rel: str) -> pa.ChunkedArray:
    """Which principals become ``rel``: CREDITED takes every category not mapped to a type."""
    if rel == "CREDITED":
        return pc.invert(pc.is_in(category, pa.array(list(RELS))))
    return pc.is_in(category, pa.array([c for c, r in RELS.items() if r == rel]))


class Clock:
    def __init__(self, who: str) -> None:
        self.who = who
        self.started = self.last = time.perf_counter()

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        took, total = now - self.last, now - self.started
        print(
            f"{label}: {took:.1f} s (total {total:.1f} s, {self.who}'s peak RSS {rss:,.0f} MB)",
            flush=True,
        )
        self.last = now


TABLES = ["Film", "Person", "ACTED_IN", "CREDITED", "DIRECTED", "PRODUCED", "WROTE"]


def tables(folder: Path, columns: Columns, clock: Clock) -> Iterator[tuple[str, pa.Table]]:
    """(table name, rows ready to COPY) for the nodes, then each relationship type."""
    basics = ["tconst", "titleType", "primaryTitle", "startYear"]
    titles = read_tsv(folder / "title.basics.tsv", basics)
    titles = titles.filter(pc.equal(titles["titleType"], "movie"))
    names = read_tsv(folder / "name.basics.tsv", ["nconst", "primaryName", "birthYear"])
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
    yield "Film", shaped(columns["Film"], films)
    yield "Person", shaped(columns["Person"], people)
    principals = read_tsv(
        folder / "title.principals.tsv",
        ["tconst", "ordering", "nconst", "category", "characters"],
    )
    principals = principals.filter(
        pc.and_(
            pc.is_in(principals["tconst"], titles["tconst"]),
            pc.is_in(principals["nconst"], names["nconst"]),
        )
    )
    clock.lap(f"read {principals.num_rows:,} principals of those films and people")
    for rel in TABLES[2:]:
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
        yield rel, shaped(columns[rel], given)


def stage(folder: Path, columns: Columns, out: Path) -> None:
    """Write every table to ``out/<table>.parquet`` (run in a child process)."""
    clock = Clock("staging (child process)")
    for name, table in tables(folder, columns, clock):
        pq.write_table(table, out / f"{name}.parquet")
        clock.lap(f"  wrote {table.num_rows:,} {name} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument(
        "--copy-rows", type=int, default=COPY_ROWS, help="relationships per COPY (0: all at once)"
    )
    parser.add_argument(
        "--buffer-pool-mb", type=int, default=BUFFER_POOL_SIZE // 2**20, help="0: 80%% of RAM"
    )
    parser.add_argument(
        "--stage",
        action="store_true",
        help="a child process writes Parquet files; this one COPYs from the files",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    EmbeddedStore(work / "bulk.db").close()  # reelgraph's schema, nothing else
    pool = args.buffer_pool_mb * 2**20
    conn = ladybug.Connection(ladybug.Database(str(work / "bulk.db"), buffer_pool_size=pool))
    columns = table_columns(conn, TABLES)
    clock = Clock("this process")
    if args.stage:
        child = multiprocessing.get_context("fork").Process(
            target=stage, args=(args.dir, columns, work)
        )
        child.start()
        child.join()
        clock.lap("staged")
        for name in TABLES:
            conn.execute(f"COPY {name} FROM '{work / name}.parquet'")
            clock.lap(f"COPY {name} from its Parquet file")
    else:
        for name, table in tables(args.dir, columns, clock):
            # One COPY of millions of relationships fills a 2 GiB buffer pool: slices of
            # --copy-rows, each auto-committed.
            step = (args.copy_rows if name not in TABLES[:2] else 0) or table.num_rows
            for start in range(0, table.num_rows, step):
                conn.execute(f"COPY {name} FROM $t", {"t": table.slice(start, step)})
                clock.lap(f"COPY {name} rows {start:,}-{min(start + step, table.num_rows):,}")
    conn.execute("CHECKPOINT")
    clock.lap("CHECKPOINT")
    nodes = conn.execute("MATCH (n) RETURN count(n)")
    rels = conn.execute("MATCH ()-[r]->() RETURN count(r)")
    assert not isinstance(nodes, list) and not isinstance(rels, list)
    counts = [result.get_as_arrow().column(0)[0].as_py() for result in (nodes, rels)]
    print(f"{counts[0]:,} nodes, {counts[1]:,} relationships")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
