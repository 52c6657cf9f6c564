"""The CC0 Wikidata slice bundled for ``reelgraph demo``, rebuilt from ``shared/data``.

Which items go in is data, not code: ``wikidata_slice`` in ``graph/data/demo.json``
names films of the 40k Wikidata film file (``films``), films of the Wikidata
export of Oscar submissions (``submissions``: QID, English label and IMDb id,
P345) and people credited on none of those films (``people``). Every film's
directors and cast in ``people.tsv`` come along with their labels, aliases and
birth dates. Only Wikidata (CC0) goes in: no MovieLens TMDB pairing.

``python -m graph.wikidata.demo_slice [--data DIR] [--out FILE] [--check]``
writes ``graph/data/wikidata-slice.nt``; ``--check`` only compares.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from graph.wikidata import fixture

SLICE_NAME = "wikidata-slice.nt"
SUBMISSIONS = Path("wikidata") / "nitrate" / "wd_intl_submissions.parquet"
HEADER = """\
# A CC0 slice of Wikidata for `reelgraph demo`, in the shape the Wikidata Query Service holds
# (entity IRIs, truthy wdt: properties, rdfs:label / skos:altLabel). Generated, do not edit:
#   python -m graph.wikidata.demo_slice    (reads ../shared/data/wikidata; README.md beside
#   this file names the source files; the items are listed under wikidata_slice in demo.json)
"""


def data_dir() -> Path:
    return Path(str(resources.files("graph") / "data"))


def default_shared() -> Path:
    """``shared/data`` beside the repository (the checkout this module runs from)."""
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def spec() -> dict[str, list[str]]:
    config = json.loads((data_dir() / "demo.json").read_text("utf-8"))
    chosen: dict[str, list[str]] = config["wikidata_slice"]
    return chosen


def _films(data: Path, wanted: list[str]) -> list[dict[str, Any]]:
    by_qid = {f["wikidata_id"]: f for f in fixture.read_films(data) if f["wikidata_id"] in wanted}
    return [by_qid[q] for q in wanted if q in by_qid]


def _submissions(data: Path, wanted: list[str]) -> list[dict[str, Any]]:
    """Films from the Oscar submissions export: QID, English label, IMDb id (P345)."""
    rows = pq.read_table(data / SUBMISSIONS, columns=["QID", "filmLabel", "imdb"]).to_pylist()
    by_qid = {r["QID"]: r for r in rows if r["QID"] in wanted}
    return [
        {"wikidata_id": q, "label": by_qid[q]["filmLabel"], "imdb_id": by_qid[q]["imdb"]}
        for q in wanted
        if q in by_qid
    ]


def render(data: Path, chosen: dict[str, list[str]]) -> tuple[str, fixture.FixtureCounts]:
    """The slice as N-Triples text; a QID named in ``chosen`` but not found is an error."""
    films = _films(data, chosen["films"]) + _submissions(data, chosen["submissions"])
    missing = set(chosen["films"] + chosen["submissions"]) - {f["wikidata_id"] for f in films}
    if missing:
        raise SystemExit(f"not found in {data}: {', '.join(sorted(missing))}")
    out = io.StringIO()
    counts = fixture.build(
        data,
        out,
        films=films,
        extra_people=chosen["people"],
        tmdb_pairs=False,
        entity_doc=False,
    )
    people = set(chosen["people"])
    written = {line.split(" ", 1)[0] for line in out.getvalue().splitlines()}
    absent = {q for q in people if f"<http://www.wikidata.org/entity/{q}>" not in written}
    if absent:
        raise SystemExit(f"no labels in {data} for: {', '.join(sorted(absent))}")
    summary = f"# {counts.films} films, {counts.people} people, {counts.triples} triples\n"
    return HEADER + summary + out.getvalue(), counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.wikidata.demo_slice")
    parser.add_argument("--data", type=Path, default=default_shared(), help="shared/data folder")
    parser.add_argument("--out", type=Path, default=data_dir() / SLICE_NAME)
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    text, counts = render(args.data, spec())
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {counts.films} films, {counts.people} people, {counts.triples} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
