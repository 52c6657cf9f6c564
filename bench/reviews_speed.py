"""Speed of the review loader: the 25,000 aclImdb reviews into the embedded store.

    .venv/bin/python bench/reviews_speed.py [--jobs 2] [--names 1000000] [--limit N]
                                            [--skip-extract-only] [--skip-load]
                                            [--batch-size N]

The gazetteer holds the real names and titles of ../shared/data (Wikidata
people labels, CMPT353 Wikidata films, the IMDb samples) topped up to
``--names`` with SYNTHETIC person names (real given names x real surnames,
deterministic), because no real list that large is here. It is built once;
then two timed passes run over the tarball, each through ``load_reviews`` as
``reelgraph load reviews --jobs N`` runs it: extraction alone (records made and
handed to this process, nothing written), then extraction and load into a new
embedded store (the store's own batch size, as the CLI uses).

Prints the gazetteer build time, MB/s of review text for both passes, how long
the load runs after the last record is handed to the store (the last batch and the
final checkpoint, with one core idle), and the peak memory of the whole process
tree (this process and the forked workers):
the sum of RSS, sampled every 0.2 s (counts pages the workers share with this
process once per process, so it overstates), and the sum of PSS, every 2 s as
it is costly to read (each shared page split among its sharers: the memory
really used).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import os
import resource
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from graph.model import Edge, Node, Review
from graph.stores.embedded import EmbeddedStore
from loaders.reviews import Gazetteer, load_reviews

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TARBALL = DATA / "reviews" / "aclImdb_v1_train_labeled.tar.gz"


def real_names(gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    given: dict[str, None] = {}
    family: dict[str, None] = {}
    with (DATA / "wikidata/people/people.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = row["label"] or ""
            if label:
                gazetteer.add("person", f"person:wd:{row['qid']}", label)
                words = label.split()
                if len(words) == 2 and words[0].isalpha() and words[1].isalpha():
                    given.setdefault(words[0])
                    family.setdefault(words[1])
    with gzip.open(DATA / "wikidata/cmpt353_wikidata_movies/wikidata-movies.json.gz", "rt") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("label"):
                gazetteer.add("film", f"film:imdb:{row['imdb_id']}", row["label"])
    for sub in ("sample_2000_movies", "subset_2017_movies"):
        with (DATA / "imdb" / sub / "title.basics.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                gazetteer.add("film", f"film:imdb:{row['tconst']}", row["primaryTitle"])
    with (DATA / "imdb/sample_2000_movies/name.basics.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            gazetteer.add("person", f"person:imdb:{row['nconst']}", row["primaryName"])
    return list(given), list(family)


def build_gazetteer(target: int) -> tuple[Gazetteer, int]:
    gazetteer = Gazetteer()
    given, family = real_names(gazetteer)
    real = len(gazetteer)
    pairs = itertools.product(family[::-1], given)  # surname-major: spreads the first words
    n = 0
    while len(gazetteer) < target:
        f_name, g_name = next(pairs)
        n += 1
        gazetteer.add("person", f"person:name:synthetic-{n}", f"{g_name} {f_name}")
    return gazetteer.build(), real


class TreeMemory:
    """Peak RSS and PSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.2, pss_every: int = 10) -> None:
        self.every, self.pss_every = every, pss_every
        self._samples = 0
        self.peak_rss = self.peak_pss = 0.0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        # RSS from statm is cheap. PSS needs smaps_rollup, which walks the page tables of
        # LadybugDB's buffer-pool mapping (80 % of RAM, virtual) in the kernel: read every
        # 0.2 s it cost this process about 10 CPU seconds per run, time stolen from what is
        # measured. So PSS is read on every ``pss_every``-th sample (and at the end).
        self._samples += 1
        with_pss = self._samples % self.pss_every == 1 or self._stop.is_set()
        rss = pss = 0.0
        pids = _tree(os.getpid())
        for pid in pids:
            try:
                rss += _statm_rss_mb(pid)
                pss += _pss_mb(pid) if with_pss else 0.0
            except OSError:  # the process ended meanwhile
                continue
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, len(pids))


_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def _statm_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as handle:
        return int(handle.read().split()[1]) * _PAGE_MB


def _pss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as handle:
                todo += [int(p) for p in handle.read().split()]
        except OSError:
            pass
    return pids


class Counted:
    """The records of ``load_reviews``, counting reviews and bytes of review text."""

    def __init__(self, gazetteer: Gazetteer, jobs: int, limit: int, errors: list[str]) -> None:
        self.gazetteer, self.jobs, self.limit, self.errors = gazetteer, jobs, limit, errors
        self.reviews = self.text_bytes = self.records = 0
        self.exhausted = 0.0  # perf_counter when the last record was handed on

    def _done(self) -> None:
        self.exhausted = time.perf_counter()

    def __iter__(self) -> Iterator[Node | Edge]:
        for record in load_reviews(
            [TARBALL], self.gazetteer, jobs=self.jobs, on_error=lambda e: self.errors.append(str(e))
        ):
            if isinstance(record, Review):
                if self.limit and self.reviews == self.limit:
                    self._done()
                    return
                self.reviews += 1
                self.text_bytes += len((record.text or "").encode("utf-8"))
            self.records += 1
            yield record
        self._done()


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process, and of its finished (joined) children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def cpu_note(before: tuple[float, float]) -> str:
    own, kids = (b - a for a, b in zip(before, cpu_seconds(), strict=True))
    return f"CPU: this process {own:.1f} s, workers {kids:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--limit", type=int, default=0, help="stop after N reviews (0: all)")
    parser.add_argument("--skip-extract-only", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--batch-size", type=int, default=0, help="records per write (0: store's)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with TreeMemory() as memory:
        t0 = time.perf_counter()
        gazetteer, real = build_gazetteer(args.names)
        print(
            f"gazetteer: {len(gazetteer):,} names/titles ({real:,} real, "
            f"{len(gazetteer) - real:,} synthetic), built in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        errors: list[str] = []
        if not args.skip_extract_only:
            run = Counted(gazetteer, args.jobs, args.limit, errors)
            t1, cpu = time.perf_counter(), cpu_seconds()
            for _ in run:
                pass
            seconds = time.perf_counter() - t1
            print(
                f"extract only: {run.reviews:,} reviews ({run.text_bytes / 1e6:.1f} MB), "
                f"{run.records:,} records in {seconds:.1f} s = "
                f"{run.text_bytes / 1e6 / seconds:.2f} MB/s with --jobs {args.jobs} "
                f"({cpu_note(cpu)})",
                flush=True,
            )
        if not args.skip_load:
            run = Counted(gazetteer, args.jobs, args.limit, errors)
            with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "b.db") as store:
                t1, cpu = time.perf_counter(), cpu_seconds()
                summary = store.write(run, batch_size=args.batch_size or None)
                seconds = time.perf_counter() - t1
                tail = time.perf_counter() - run.exhausted
                used = cpu_note(cpu)
                stats = store.stats()
            print(
                f"extract + load: {run.reviews:,} reviews ({run.text_bytes / 1e6:.1f} MB), "
                f"{summary.records:,} records, {summary.total('created'):,} created, "
                f"{len(errors)} rejected; nodes {stats['nodes']}, "
                f"relationships {stats['relationships']}"
            )
            print(
                f"extract + load: {seconds:.1f} s = {run.text_bytes / 1e6 / seconds:.2f} MB/s "
                f"with --jobs {args.jobs} ({used}); after the last record: {tail:.1f} s "
                f"(the last batch and the final checkpoint; batches of "
                f"{args.batch_size or store.batch_size:,} records)"
            )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory, whole process tree ({memory.peak_processes} processes): "
        f"RSS sum {memory.peak_rss:,.0f} MB, PSS sum {memory.peak_pss:,.0f} MB "
        f"(largest worker's own peak RSS {children:,.0f} MB); "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )


if __name__ == "__main__":
    main()
