"""Turn the shared name/title data into reelgraph records (Person and Film nodes).

The review loader knows names only from the graph. To score it on the dev set
with a realistic graph, load these records first::

    .venv/bin/python bench/names_records.py > /tmp/names.jsonl
    .venv/bin/reelgraph --store /tmp/eval.db load records /tmp/names.jsonl

Sources (see ../shared/data/README.md): Wikidata people labels (people.tsv),
the CMPT353 Wikidata films, the IMDb samples (title.basics, name.basics).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def people_tsv(path: Path) -> Iterator[dict[str, Any]]:
    by_qid: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row["label"] or "").strip()
            if not label:
                continue
            rec = by_qid.setdefault(
                row["qid"],
                {
                    "type": "Person",
                    "name": label,
                    "qid": row["qid"],
                    "aliases": [],
                    "sources": ["wikidata:people.tsv"],
                },
            )
            if label != rec["name"] and label not in rec["aliases"]:
                rec["aliases"].append(label)
            imdb = (row.get("imdb_id") or "").strip()
            if imdb.startswith("nm") and "imdb" not in rec:
                rec["imdb"] = imdb
    yield from by_qid.values()


def wikidata_films(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if not row.get("label"):
                continue
            rec: dict[str, Any] = {
                "type": "Film",
                "title": row["label"],
                "qid": row["wikidata_id"],
                "sources": ["wikidata:cmpt353"],
            }
            if str(row.get("imdb_id", "")).startswith("tt"):
                rec["imdb"] = row["imdb_id"]
            date = row.get("publication_date") or ""
            if date[:4].isdigit() and 1850 <= int(date[:4]) <= 2100:
                rec["year"] = int(date[:4])
            yield rec


def imdb_tsv(path: Path, kind: str) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if kind == "Film":
                rec: dict[str, Any] = {
                    "type": "Film",
                    "title": row["primaryTitle"],
                    "imdb": row["tconst"],
                    "sources": [f"imdb:{path.parent.name}"],
                }
                if row["originalTitle"] not in ("\\N", row["primaryTitle"]):
                    rec["aliases"] = [row["originalTitle"]]
                if row["startYear"].isdigit():
                    rec["year"] = int(row["startYear"])
            else:
                rec = {
                    "type": "Person",
                    "name": row["primaryName"],
                    "imdb": row["nconst"],
                    "sources": [f"imdb:{path.parent.name}"],
                }
            yield rec


def main() -> None:
    out = sys.stdout
    streams = [
        people_tsv(DATA / "wikidata/people/people.tsv"),
        wikidata_films(DATA / "wikidata/cmpt353_wikidata_movies/wikidata-movies.json.gz"),
        imdb_tsv(DATA / "imdb/sample_2000_movies/title.basics.tsv", "Film"),
        imdb_tsv(DATA / "imdb/sample_2000_movies/name.basics.tsv", "Person"),
        imdb_tsv(DATA / "imdb/subset_2017_movies/title.basics.tsv", "Film"),
    ]
    for stream in streams:
        for rec in stream:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
