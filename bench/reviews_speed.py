"""Speed of the review loader: the 25,000 aclImdb reviews into the embedded store.

    .venv/bin/python bench/reviews_speed.py [--jobs 2] [--names 1000000] [--limit N]

The gazetteer holds the real names and titles of ../shared/data (Wikidata
people labels, CMPT353 Wikidata films, the IMDb samples) topped up to
``--names`` with SYNTHETIC person names (real given names x real surnames,
deterministic), because no real list that large is here. Extraction runs in
``--jobs`` forked processes; the store write stays in this process.
Prints MB/s of review text and peak RSS (this process, and the largest worker).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import resource
import sys
import tempfile
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
        g_name, f_name = next(pairs)[::-1]
        n += 1
        gazetteer.add("person", f"person:name:synthetic-{n}", f"{g_name} {f_name}")
    return gazetteer.build(), real


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--limit", type=int, default=0, help="stop after N reviews (0: all)")
    parser.add_argument("--no-store", action="store_true", help="extract only, write nothing")
    args = parser.parse_args()
    t0 = time.perf_counter()
    gazetteer, real = build_gazetteer(args.names)
    t1 = time.perf_counter()
    print(
        f"gazetteer: {len(gazetteer):,} names/titles ({real:,} real, "
        f"{len(gazetteer) - real:,} synthetic), built in {t1 - t0:.1f} s",
        flush=True,
    )
    text_bytes = reviews = 0
    errors: list[str] = []

    def counted() -> Iterator[Node | Edge]:
        nonlocal text_bytes, reviews
        for record in load_reviews(
            [TARBALL], gazetteer, jobs=args.jobs, on_error=lambda e: errors.append(str(e))
        ):
            if isinstance(record, Review):
                reviews += 1
                text_bytes += len((record.text or "").encode("utf-8"))
                if args.limit and reviews > args.limit:
                    return
            yield record

    if args.no_store:
        t2 = time.perf_counter()
        n = sum(1 for _ in counted())
        t3 = time.perf_counter()
        print(
            f"extract only: {reviews:,} reviews, {text_bytes / 1e6:.1f} MB, {n:,} records: "
            f"{t3 - t2:.1f} s = {text_bytes / 1e6 / (t3 - t2):.2f} MB/s with --jobs {args.jobs}"
        )
        print(
            f"peak RSS: main {peak_mb(resource.RUSAGE_SELF):,.0f} MB, "
            f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB"
        )
        return
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "bench.db") as store:
        t2 = time.perf_counter()
        summary = store.write(counted(), batch_size=20_000)
        t3 = time.perf_counter()
        stats = store.stats()
    mb = text_bytes / 1e6
    print(
        f"reviews: {reviews:,} ({mb:.1f} MB of text), {len(errors)} rejected; "
        f"records: {summary.records:,}, created {summary.total('created'):,}"
    )
    print(f"nodes: {stats['nodes']}; relationships: {stats['relationships']}")
    print(f"extract+load: {t3 - t2:.1f} s = {mb / (t3 - t2):.2f} MB/s with --jobs {args.jobs}")
    print(
        f"peak RSS: main {peak_mb(resource.RUSAGE_SELF):,.0f} MB, "
        f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
