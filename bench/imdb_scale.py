"""IMDb-scale benchmark: generate IMDb-format files, load them, report time, rate and RSS.

    python bench/imdb_scale.py generate DIR [--titles 1000000 --names 2000000
                                            --principals 10000000 --gzip]
    python bench/imdb_scale.py load DIR [--store PATH|URI] [--batch-size N]
                                        [--buffer-pool-mb N] [--phases]
    python bench/imdb_scale.py read DIR          (only read the files into records)
    python bench/imdb_scale.py bulk DIR OUT      (neo4j-admin import files + command)

``generate`` writes title.basics, name.basics, title.principals and title.crew
in the official format with realistic skew: credits pick people by a power
law (index = N * u**2), so a few people have thousands of credits and most
have one or two; titles have 1-19 principals (10 on average). ``load`` runs
the real loader (loaders/imdb.py) into the embedded store (default a fresh
directory beside DIR) or Neo4j (``--store bolt://…``), printing wall time,
rows/s, relationships/s and peak RSS of this process (and of its children).
Not a test: run it by hand; the figures go in the README.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.imdb import HEADERS, NULL  # noqa: E402

CATEGORIES = (
    ("actor", 0.33), ("actress", 0.24), ("director", 0.08), ("writer", 0.11),
    ("producer", 0.10), ("composer", 0.05), ("cinematographer", 0.05), ("editor", 0.04),
)  # fmt: skip


def _open(path: Path, gz: bool) -> TextIO:
    if gz:
        raw = gzip.open(path.with_name(path.name + ".gz"), "wb", compresslevel=1)  # noqa: SIM115
        return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    return path.open("w", encoding="utf-8", newline="\n")


def generate(out: Path, titles: int, names: int, principals: int, gz: bool, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with _open(out / "title.basics.tsv", gz) as f:
        f.write("\t".join(HEADERS["title.basics"]) + "\n")
        for t in range(1, titles + 1):
            year = rng.randint(1900, 2024)
            f.write(f"tt{t:07d}\tmovie\tFilm {t}\tFilm {t}\t0\t{year}\t\\N\t{rng.randint(60, 180)}"
                    "\tDrama\n")  # fmt: skip
    with _open(out / "name.basics.tsv", gz) as f:
        f.write("\t".join(HEADERS["name.basics"]) + "\n")
        for n in range(1, names + 1):
            born = rng.randint(1900, 2005) if rng.random() < 0.4 else "\\N"
            f.write(f"nm{n:07d}\tPerson {n}\t{born}\t\\N\tactor\t\\N\n")
    cats = [c for c, _ in CATEGORIES]
    weights = [w for _, w in CATEGORIES]
    per_title = principals / titles
    written = 0
    with _open(out / "title.principals.tsv", gz) as p, _open(out / "title.crew.tsv", gz) as c:
        p.write("\t".join(HEADERS["title.principals"]) + "\n")
        c.write("\t".join(HEADERS["title.crew"]) + "\n")
        for t in range(1, titles + 1):
            remaining_titles = titles - t + 1
            want = round(rng.uniform(1, 2 * per_title - 1))
            count = max(1, min(want, principals - written - (remaining_titles - 1)))
            directors = []
            for order, cat in enumerate(rng.choices(cats, weights, k=count), start=1):
                person = 1 + int(names * rng.random() ** 2)
                chars = f'["Role {order}"]' if cat in ("actor", "actress") else "\\N"
                p.write(f"tt{t:07d}\t{order}\tnm{person:07d}\t{cat}\t\\N\t{chars}\n")
                if cat == "director":
                    directors.append(f"nm{person:07d}")
            written += count
            crew = ",".join(directors) or NULL
            c.write(f"tt{t:07d}\t{crew}\t{NULL}\n")
    print(f"generated {titles:,} titles, {names:,} names, {written:,} principals in {out} "
          f"({time.monotonic() - started:.0f} s)")  # fmt: skip


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return own / 1024  # Linux reports KiB


class Phases:
    """Where an embedded load's time goes: engine time per named query of the write path
    (graph.stores.embedded._Tx._run), commits and checkpoints, by wrapping them; the rest
    of a batch is reelgraph's Python (merging, Arrow tables), the rest of the load reading.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.interval: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        for totals in (self.seconds, self.interval):
            totals[name] = totals.get(name, 0.0) + seconds

    def install(self) -> None:
        import ladybug

        from graph.stores import embedded

        def timed(name_of: Any, call: Any) -> Any:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return call(*args, **kwargs)
                finally:
                    name = name_of(*args)
                    if name:
                        self.add(name, time.perf_counter() - started)

            return wrapper

        tx = embedded._Tx
        tx._run = timed(lambda _tx, name, *_a: name, tx._run)  # type: ignore[method-assign]
        store = embedded.EmbeddedStore
        store._write_batch = timed(lambda *_a: "batch", store._write_batch)  # type: ignore[method-assign]
        conn = ladybug.Connection
        statements = {"CHECKPOINT": "checkpoint", "COMMIT": "commit"}
        conn.execute = timed(  # type: ignore[method-assign]
            lambda _c, text="", *_a: statements.get(text) if isinstance(text, str) else None,
            conn.execute,
        )

    def line(self, totals: dict[str, float]) -> str:
        top = sorted(((v, k) for k, v in totals.items() if k != "batch"), reverse=True)[:6]
        return ", ".join(f"{k} {v:.1f}" for v, k in top) + f"; batches {totals.get('batch', 0):.1f}"

    def take_interval(self) -> str:
        text = self.line(self.interval)
        self.interval = {}
        return text


def load(
    directory: Path,
    store_spec: str | None,
    batch_size: int | None,
    phases: Phases | None = None,
    buffer_pool_mb: int | None = None,
) -> None:
    from graph.stores import Store, open_store
    from graph.stores.embedded import EmbeddedStore
    from loaders.files import ReadProgress
    from loaders.imdb import read_imdb

    spec = store_spec or str(directory.parent / f"{directory.name}.db")
    if "://" not in spec:  # a fresh embedded store (a file, or a directory, plus its WAL)
        for old in Path(spec).parent.glob(Path(spec).name + "*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    progress = ReadProgress()
    rejected = 0

    def count(_error: object) -> None:
        nonlocal rejected
        rejected += 1

    started = time.monotonic()
    store: Store = (
        EmbeddedStore(Path(spec), buffer_pool_size=buffer_pool_mb * 1024**2)
        if buffer_pool_mb is not None and "://" not in spec
        else open_store(spec)
    )
    with store:
        last = [started]

        def report(_done: object) -> None:
            now = time.monotonic()
            if now - last[0] > 30:
                last[0] = now
                print(f"  {now - started:6.0f} s  {progress.rows:,} rows  "
                      f"RSS {peak_rss_mb():,.0f} MB  load {os.getloadavg()[0]:.1f}",
                      flush=True)  # fmt: skip
                if phases is not None:
                    print(f"         s in last interval: {phases.take_interval()}", flush=True)

        summary = store.write(
            read_imdb(directory, on_error=count, progress=progress),
            batch_size=batch_size,
            on_batch=report,
        )
        elapsed = time.monotonic() - started
        stats = store.stats()
    rels = sum(stats["relationships"].values())
    result = {
        "store": spec,
        "seconds": round(elapsed, 1),
        "rows_read": progress.rows,
        "records": summary.records,
        "rows_per_s": round(progress.rows / elapsed),
        "nodes": stats["nodes"],
        "relationships": rels,
        "relationships_per_s": round(rels / elapsed),
        "rejected": rejected,
        "peak_rss_mb": round(peak_rss_mb()),
        "load_average": os.getloadavg(),
    }
    if phases is not None:
        result["seconds_by_phase"] = {k: round(v, 1) for k, v in sorted(phases.seconds.items())}
    print(json.dumps(result, indent=2))


def read_only(directory: Path) -> None:
    """Only read: the loader's records counted and dropped (the floor under any store)."""
    from loaders.files import ReadProgress
    from loaders.imdb import read_imdb

    progress = ReadProgress()
    started = time.monotonic()
    records = sum(1 for _ in read_imdb(directory, on_error=lambda _e: None, progress=progress))
    elapsed = time.monotonic() - started
    print(json.dumps({
        "seconds": round(elapsed, 1), "rows_read": progress.rows, "records": records,
        "records_per_s": round(records / elapsed), "peak_rss_mb": round(peak_rss_mb()),
        "load_average": os.getloadavg(),
    }, indent=2))  # fmt: skip


def bulk(directory: Path, out: Path, run_import: bool) -> None:
    """Write neo4j-admin import files from the IMDb loader; optionally run the import."""
    import subprocess

    from graph.bulk import write_bulk
    from loaders.imdb import read_imdb

    if out.exists():
        shutil.rmtree(out)
    started = time.monotonic()
    report = write_bulk(read_imdb(directory, on_error=lambda _e: None), out / "csv")
    written = time.monotonic() - started
    rels = sum(report.relationships.values())
    print(f"wrote {sum(report.nodes.values()):,} nodes, {rels:,} relationships in {written:.1f} s "
          f"({rels / written:,.0f} relationships/s), peak RSS {peak_rss_mb():,.0f} MB")  # fmt: skip
    print(report.command(report_file=out / "import.report"))
    if not run_import:
        return
    env = {**os.environ, "NEO4J_RUN_DIR": str(out / "neo4j-run")}
    args = report.arguments(report_file=out / "import.report")
    started = time.monotonic()
    subprocess.run([str(ROOT / ".ci" / "neo4j.sh"), "admin", *args], env=env, check=True)
    took = time.monotonic() - started
    print(f"neo4j-admin import: {took:.1f} s ({rels / took:,.0f} relationships/s); "
          f"write + import: {rels / (took + written):,.0f} relationships/s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("directory", type=Path)
    gen.add_argument("--titles", type=int, default=1_000_000)
    gen.add_argument("--names", type=int, default=2_000_000)
    gen.add_argument("--principals", type=int, default=10_000_000)
    gen.add_argument("--gzip", action="store_true")
    gen.add_argument("--seed", type=int, default=4)
    run = sub.add_parser("load")
    run.add_argument("directory", type=Path)
    run.add_argument("--store", help="store path or Neo4j URI (default: DIR.db, recreated)")
    run.add_argument("--batch-size", type=int)
    run.add_argument(
        "--buffer-pool-mb",
        type=int,
        help="embedded store: LadybugDB's buffer pool in MB (default: the store's; 0: the "
        "engine's own, 80%% of RAM)",
    )
    run.add_argument(
        "--phases",
        action="store_true",
        help="embedded store: also print where the time goes (engine time per write query, "
        "commits, checkpoints) every 30 s and at the end",
    )
    reading = sub.add_parser("read", help="only read the files into records (no store)")
    reading.add_argument("directory", type=Path)
    admin = sub.add_parser("bulk")
    admin.add_argument("directory", type=Path)
    admin.add_argument("out", type=Path)
    admin.add_argument(
        "--import",
        dest="run_import",
        action="store_true",
        help="also run neo4j-admin import (via .ci/neo4j.sh) into OUT/neo4j-run",
    )
    args = parser.parse_args()
    if args.command == "bulk":
        bulk(args.directory, args.out, args.run_import)
    elif args.command == "read":
        read_only(args.directory)
    elif args.command == "generate":
        generate(args.directory, args.titles, args.names, args.principals, args.gzip, args.seed)
    else:
        phases = Phases() if args.phases else None
        if phases is not None:
            phases.install()
        load(args.directory, args.store, args.batch_size, phases, args.buffer_pool_mb)


if __name__ == "__main__":
    main()
