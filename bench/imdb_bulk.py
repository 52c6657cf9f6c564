"""The bulk first load (`reelgraph load imdb DIR --bulk`) at IMDb scale: time, phases, RSS.

    python bench/imdb_scale.py generate DIR            # 1M titles, 2M names, 10M principals
    python bench/imdb_bulk.py DIR [--store NEW.db] [--read]

Runs the real path (loaders/imdb_tables.py into graph/stores/embedded_bulk.py) into a new
store (default: a fresh one beside DIR) and prints, as each ends: reading the files into
tables (in the staging process, with the Parquet writes), merging and writing the final
files, COPY into the new database (the search index is built meanwhile in another
process), then the total, the counts, and the peak RSS of this process and of the largest
child (the processes run one after another, except the index build beside the COPY).
``--read`` only reads the files into tables, in this process. Not a test; the figures go
in the README.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.reviews_speed import TreeMemory
from graph import schema
from graph.stores import embedded_bulk
from graph.tables import Table
from loaders.files import ReadProgress
from loaders.imdb_tables import read_imdb_tables

STARTED = time.perf_counter()


def mb(usage: int) -> str:
    return f"{usage / 1024:,.0f} MB"  # Linux reports KiB


def say(what: str, since: float) -> float:
    now = time.perf_counter()
    rss = f"largest finished child so far {mb(peak('children'))}, own {mb(peak('self'))}"
    print(f"{what}: {now - since:.1f} s (at {now - STARTED:.1f} s; peak RSS: {rss})", flush=True)
    return now


def timed_tables(directory: Path, on_error: Any, progress: ReadProgress) -> Iterator[Table]:
    began = time.perf_counter()
    yield from read_imdb_tables(directory, on_error=on_error, progress=progress)
    say(f"  read {progress.rows:,} rows into tables and staged them", began)


def install() -> None:
    """Print each phase as it ends (the staging process prints its own)."""
    stage, run_staging, wait = embedded_bulk._stage, embedded_bulk._run_staging, embedded_bulk._wait

    def staged(*args: Any) -> Any:
        began = time.perf_counter()
        out = stage(*args)
        say("  staging process in all (read, stage, merge, final files)", began)
        return out

    def running(*args: Any) -> Any:
        began = time.perf_counter()
        out = run_staging(*args)
        say("staging done", began)
        return out

    def waiting(process: Any, what: str) -> None:
        began = time.perf_counter()
        wait(process, what)
        say(f"waited for {what}", began)

    embedded_bulk._stage = staged  # type: ignore[assignment]
    embedded_bulk._run_staging = running  # type: ignore[assignment]
    embedded_bulk._wait = waiting  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--store", type=Path, help="a new store path (default: beside DIR)")
    parser.add_argument("--read", action="store_true", help="only read the files into tables")
    args = parser.parse_args()
    rejected: list[Any] = []
    if args.read:
        rows = sum(
            t.table.num_rows for t in timed_tables(args.dir, rejected.append, ReadProgress())
        )
        print(f"{rows:,} table rows, {len(rejected)} rejected; peak RSS {mb(peak('self'))}")
        return
    store = args.store or args.dir.with_name(args.dir.name + "-bulk.db")
    for old in (store, Path(f"{store}.wal"), Path(f"{store}.search.sqlite")):
        if old.exists():
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    install()
    with TreeMemory(
        every=0.5
    ) as memory:  # the processes together (the index build and COPY overlap)
        summary = embedded_bulk.bulk_load(
            store,
            lambda on_error, progress: timed_tables(args.dir, on_error, progress),
            on_error=rejected.append,
        )
    total = time.perf_counter() - STARTED
    created = summary.as_dict()["created"]
    nodes = sum(created.get(label, 0) for label in schema.NODE_LABELS)
    rels = sum(created.get(rel, 0) for rel in schema.REL_TYPES)
    print(
        f"total {total:.1f} s: {summary.records:,} table rows, {nodes:,} nodes "
        f"(+{summary.total('placeholders'):,} placeholders), {rels:,} relationships "
        f"({rels / total:,.0f} rel/s), {len(rejected)} rejected"
    )
    print(f"peak RSS: this process {mb(peak('self'))}, largest child {mb(peak('children'))}")
    print(
        f"all processes together (sampled every 0.5 s): peak RSS {memory.peak_rss:,.0f} MB, "
        f"peak PSS {memory.peak_pss:,.0f} MB"
    )


def peak(who: str) -> int:
    target = resource.RUSAGE_SELF if who == "self" else resource.RUSAGE_CHILDREN
    return resource.getrusage(target).ru_maxrss


if __name__ == "__main__":
    main()
