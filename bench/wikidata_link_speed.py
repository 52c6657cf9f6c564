"""Linking speed against a local Oxigraph over all 40k Wikidata films.

Two runs of 10,000 films each, in a fresh embedded store: by labels and
features only (title, year, director names; no ids), and by IMDb id only.
Each is then run again on a copy of the unlinked store with the same answer
cache: that run must send no request (cache hit rate 100%).

    .venv/bin/python bench/wikidata_link_speed.py [--films 10000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from wikidata_link_quality import full_server, names, records, sample

from graph.model import Film
from graph.stores.embedded import EmbeddedStore
from graph.wikidata.cache import AnswerCache
from graph.wikidata.client import SparqlClient
from graph.wikidata.linker import Linker


def timed_run(db: Path, endpoint: str, cache: Path, what: str, only: str | None) -> None:
    store = EmbeddedStore(db)
    client = SparqlClient(endpoint, cache=AnswerCache(cache))
    started = time.perf_counter()
    report = Linker(store, client).run(only)
    elapsed = time.perf_counter() - started
    store.close()
    linked = sum(1 for d in report.decisions if d.status == "linked")
    per = client.requests / linked if linked else float("nan")
    rate = client.cache.hit_rate() if client.cache else None
    print(
        f"{what}: {elapsed:.1f} s, {linked} linked of {len(report.decisions)}, "
        f"{client.requests} requests ({per:.4f} per linked entity), "
        f"cache hit rate {'-' if rate is None else f'{rate:.1%}'}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "reelgraph-wd-bench"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    films = sample(args.films, 11, "wikidata")
    by_label, _ = records(films, names(), cast=False)
    by_imdb = [Film(title=f["label"], imdb=f["imdb_id"], sources=["bench"]) for f in films]
    with full_server(args.work) as endpoint, tempfile.TemporaryDirectory() as tmp:
        for what, recs in (("labels, no ids", by_label), ("IMDb ids", by_imdb)):
            fresh = Path(tmp) / f"{what[:6]}.db"
            with EmbeddedStore(fresh) as store:
                store.write(recs)
            copy = Path(tmp) / f"{what[:6]}-again.db"
            shutil.copytree(fresh, copy) if fresh.is_dir() else shutil.copy(fresh, copy)
            cache = Path(tmp) / f"{what[:6]}.sqlite"
            timed_run(fresh, endpoint, cache, f"{args.films} films, {what}, films only", "Film")
            timed_run(copy, endpoint, cache, "  second run, same cache", "Film")


if __name__ == "__main__":
    main()
