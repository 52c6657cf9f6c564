"""Linking quality against a local Oxigraph loaded with the Wikidata-shaped subset.

Films whose QID is known are loaded with title, year and director names only
(names from people.tsv labels; every id hidden), linked, and compared with the
truth: precision and recall at the threshold, for films and for the directors
(people, linked through the films' filmography).

    .venv/bin/python bench/wikidata_link_quality.py [--films 2000] [--seed 7] [--cast]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.model import ActedIn, Directed, Film, Person
from graph.stores.embedded import EmbeddedStore
from graph.wikidata import fixture, oxigraph
from graph.wikidata.cache import AnswerCache
from graph.wikidata.client import SparqlClient
from graph.wikidata.linker import Linker, LinkReport

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
Records = list[Film | Person | Directed | ActedIn]


@contextmanager
def full_server(work: Path) -> Iterator[str]:
    """Oxigraph over all 40k films (built and loaded once into ``work``)."""
    store = work / "oxigraph"
    if not store.exists():
        triples = work / "wikidata.nt"
        with triples.open("w", encoding="utf-8") as out:
            counts = fixture.build(DATA, out)
        print(f"fixture: {counts.films} films, {counts.people} people, {counts.triples} triples")
        oxigraph.load(triples, store)
    with oxigraph.serve(store) as endpoint:
        yield endpoint


def names() -> dict[str, str]:
    out = {}
    for qid, rows in fixture.read_people(DATA).items():
        label = fixture.people_labels(rows)[0].get("en")
        if label:
            out[qid] = label
    return out


def movielens_titles() -> dict[str, tuple[str, int | None]]:
    """IMDb id -> MovieLens' own title and year ("Usual Suspects, The (1995)")."""
    out: dict[str, tuple[str, int | None]] = {}
    base = DATA / "movielens" / "ml-latest-small"
    with (base / "links.csv").open(encoding="utf-8") as links:
        imdb = {row["movieId"]: f"tt{row['imdbId']}" for row in csv.DictReader(links)}
    with (base / "movies.csv").open(encoding="utf-8") as movies:
        for row in csv.DictReader(movies):
            match = re.search(r"\((\d{4})\)\s*$", row["title"])
            year = int(match.group(1)) if match else None
            out[imdb[row["movieId"]]] = (row["title"], year)
    return out


def sample(count: int, seed: int, titles: str) -> list[dict[str, Any]]:
    films = [
        f
        for f in fixture.read_films(DATA)
        if f.get("label") and f.get("publication_date") and f.get("director")
    ]
    if titles == "movielens":
        other = movielens_titles()
        films = [
            {**f, "label": other[f["imdb_id"]][0], "year": other[f["imdb_id"]][1]}
            for f in films
            if f["imdb_id"] in other
        ]
    random.Random(seed).shuffle(films)
    return films[:count]


def records(
    films: list[dict[str, Any]], people: dict[str, str], cast: bool
) -> tuple[Records, dict[str, str]]:
    out: Records = []
    truth: dict[str, str] = {}
    for n, film in enumerate(films):
        key = f"film:title:bench-{n}"
        truth[key] = film["wikidata_id"]
        year = film.get("year", int(film["publication_date"][:4]))
        out.append(Film(key=key, title=film["label"], year=year, sources=["bench"]))
        credits = [(q, Directed) for q in film.get("director") or []]
        credits += [(q, ActedIn) for q in (film.get("cast_member") or [])[:5]] if cast else []
        for qid, rel in credits:
            if qid in people:
                person = f"person:name:bench-{qid.lower()}"
                truth[person] = qid
                out.append(Person(key=person, name=people[qid], sources=["bench"]))
                out.append(rel.model_validate({"from": person, "to": key, "sources": ["bench"]}))
    return out, truth


def figures(report: LinkReport, truth: dict[str, str], label: str) -> str:
    wanted = [k for k in truth if k.startswith(label.lower() + ":")]
    linked = [d for d in report.decisions if d.label == label and d.status == "linked"]
    right = sum(1 for d in linked if truth[d.key] == d.qid)
    precision = right / len(linked) if linked else 0.0
    recall = right / len(wanted) if wanted else 0.0
    statuses = report.counts()[label]
    return (
        f"{label}: {len(wanted)} to link, {len(linked)} linked, {right} right -> "
        f"precision {precision:.4f}, recall {recall:.4f}  ({dict(statuses)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cast", action="store_true", help="also load up to 5 cast names per film")
    parser.add_argument("--min-score", type=float, default=0.8)
    parser.add_argument(
        "--titles",
        choices=["wikidata", "movielens"],
        default="wikidata",
        help="film titles as Wikidata labels them, or MovieLens' own spelling and year "
        "(films in both, matched by IMDb id)",
    )
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "reelgraph-wd-bench"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    recs, truth = records(sample(args.films, args.seed, args.titles), names(), args.cast)
    with full_server(args.work) as endpoint, tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.db")
        store.write(recs)
        client = SparqlClient(endpoint, cache=AnswerCache(Path(tmp) / "cache.sqlite"))
        started = time.perf_counter()
        report = Linker(store, client, min_score=args.min_score).run()
        elapsed = time.perf_counter() - started
        store.close()
    print(
        f"{args.films} films (seed {args.seed}, titles {args.titles}, cast={args.cast}), "
        f"min-score {args.min_score}, "
        f"{elapsed:.1f} s, {client.requests} requests"
    )
    print(figures(report, truth, "Film"))
    print(figures(report, truth, "Person"))


if __name__ == "__main__":
    main()
