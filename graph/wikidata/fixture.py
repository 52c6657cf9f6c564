"""A Wikidata-shaped RDF subset built from the real data in ``shared/data/wikidata``.

Wikidata's own IRIs and truthy ``wdt:`` properties, as the Query Service
holds them, so the linker's queries run unchanged against it:

- films (``cmpt353_wikidata_movies``): ``P31 Q11424``, English ``rdfs:label``,
  ``P345`` (IMDb), ``P577`` (as ``xsd:dateTime``), ``P57``, ``P161``;
  ``P4947`` (TMDB) where MovieLens' ``links.csv`` pairs the film's IMDb id with a
  TMDB id (MovieLens' pairing, not a Wikidata statement; marked so in README);
- people (``people/people.tsv``): ``P31 Q5``, one ``rdfs:label`` per language
  (the spelling most sources agree on) and the other spellings as
  ``skos:altLabel``; ``P345`` only where it is Wikidata's own; ``P569`` from the
  KGTK claims; the one full entity document (labels and aliases in ~90
  languages, ``P345``, ``P4985``, ``P569``).

``python -m graph.wikidata.fixture OUT.nt [--films N]`` writes N-Triples.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from graph.wikidata.terms import IRI, Literal, entity

WDT = "http://www.wikidata.org/prop/direct/"
RDFS_LABEL = IRI("http://www.w3.org/2000/01/rdf-schema#label")
ALT_LABEL = IRI("http://www.w3.org/2004/02/skos/core#altLabel")
DATE_TIME = "http://www.w3.org/2001/XMLSchema#dateTime"
FILM_CLASS, HUMAN = "Q11424", "Q5"
_LABEL_SOURCES = ("cmpt353_actors", "cmpt353_directors", "mindreader", "kgtk_arnold", "xfactr_ko")
_KGTK_TIME = re.compile(r"^\^([+-]?\d{4}-\d\d-\d\d)T")


def wdt(prop: str) -> IRI:
    return IRI(WDT + prop)


def _date(iso_day: str) -> str:
    return f'"{iso_day}T00:00:00Z"^^<{DATE_TIME}>'


@dataclass
class FixtureCounts:
    films: int = 0
    people: int = 0
    triples: int = 0
    by_property: Counter[str] = field(default_factory=Counter)


class _Writer:
    def __init__(self, out: TextIO, counts: FixtureCounts) -> None:
        self.out = out
        self.counts = counts

    def triple(self, subject: IRI, predicate: IRI, obj: str) -> None:
        self.out.write(f"{subject.sparql()} {predicate.sparql()} {obj} .\n")
        self.counts.triples += 1
        self.counts.by_property[predicate.value.rsplit("/", 1)[-1]] += 1


def read_films(data: Path) -> Iterator[dict[str, Any]]:
    path = data / "wikidata" / "cmpt353_wikidata_movies" / "wikidata-movies.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def tmdb_by_imdb(data: Path) -> dict[str, str]:
    path = data / "movielens" / "ml-latest-small" / "links.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            f"tt{row['imdbId']}": row["tmdbId"]
            for row in csv.DictReader(handle)
            if row["imdbId"] and row["tmdbId"]
        }


def read_people(data: Path) -> dict[str, list[dict[str, str]]]:
    """people.tsv rows grouped by QID."""
    path = data / "wikidata" / "people" / "people.tsv"
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            grouped[row["qid"]].append(row)
    return grouped


def people_labels(rows: list[dict[str, str]]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Per language the label most label-sources agree on; every other spelling an alias."""
    labels: dict[str, str] = {}
    by_lang: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in rows:
        tags = row["sources"].split(";")
        votes = sum(1 for t in tags if t in _LABEL_SOURCES or t == "wd_entity_Q3454165")
        by_lang[row["lang"]].append((votes, row["label"]))
    aliases: list[tuple[str, str]] = []
    for lang, spellings in by_lang.items():
        ranked = sorted(spellings, key=lambda vote: -vote[0])  # stable: file order on ties
        if ranked[0][0] > 0:
            labels[lang] = ranked[0][1]
            ranked = ranked[1:]
        aliases += [(lang, text) for _, text in ranked if text != labels.get(lang)]
    return labels, aliases


def birth_days(data: Path, wanted: set[str]) -> dict[str, str]:
    path = data / "wikidata" / "people" / "raw" / "kgtk_arnold" / "claims.time.tsv.gz"
    found: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split("\t")
            if len(parts) > 2 and parts[1] == "P569" and parts[0] in wanted:
                match = _KGTK_TIME.match(parts[2])
                if match and not match.group(1).startswith("-"):
                    found.setdefault(parts[0], match.group(1).lstrip("+"))
    return found


def _write_film(w: _Writer, film: dict[str, Any], tmdb: dict[str, str]) -> None:
    item = entity(film["wikidata_id"])
    w.triple(item, wdt("P31"), entity(FILM_CLASS).sparql())
    if film.get("label"):
        w.triple(item, RDFS_LABEL, Literal(film["label"], "en").sparql())
    if film.get("imdb_id"):
        w.triple(item, wdt("P345"), Literal(film["imdb_id"]).sparql())
        if film["imdb_id"] in tmdb:
            w.triple(item, wdt("P4947"), Literal(tmdb[film["imdb_id"]]).sparql())
    if film.get("publication_date"):
        w.triple(item, wdt("P577"), _date(film["publication_date"][:10]))
    for prop, column in (("P57", "director"), ("P161", "cast_member")):
        for qid in film.get(column) or []:
            w.triple(item, wdt(prop), entity(qid).sparql())


def _write_person(w: _Writer, qid: str, rows: list[dict[str, str]], born: str | None) -> None:
    item = entity(qid)
    w.triple(item, wdt("P31"), entity(HUMAN).sparql())
    labels, aliases = people_labels(rows)
    for lang, text in labels.items():
        w.triple(item, RDFS_LABEL, Literal(text, lang).sparql())
    for lang, text in aliases:
        w.triple(item, ALT_LABEL, Literal(text, lang).sparql())
    wikidata_imdb = {r["imdb_id"] for r in rows if "imdb_id=wikidata_P345" in r["sources"]}
    for imdb in sorted(wikidata_imdb - {""}):
        w.triple(item, wdt("P345"), Literal(imdb).sparql())
    if born:
        w.triple(item, wdt("P569"), _date(born))


def _write_entity_doc(w: _Writer, path: Path) -> None:
    """A full Wikidata entity JSON document: labels, aliases and a few truthy claims."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    item = entity(doc["id"])
    for value in doc.get("labels", {}).values():
        w.triple(item, RDFS_LABEL, Literal(value["value"], value["language"]).sparql())
    for values in doc.get("aliases", {}).values():
        for value in values:
            w.triple(item, ALT_LABEL, Literal(value["value"], value["language"]).sparql())
    for prop in ("P31", "P345", "P4985", "P569"):
        for claim in doc["claims"].get(prop, []):
            value = claim["mainsnak"].get("datavalue", {}).get("value")
            if isinstance(value, dict) and "id" in value:
                w.triple(item, wdt(prop), entity(value["id"]).sparql())
            elif isinstance(value, dict) and "time" in value:
                w.triple(item, wdt(prop), _date(value["time"].lstrip("+")[:10]))
            elif isinstance(value, str):
                w.triple(item, wdt(prop), Literal(value).sparql())


def build(
    data: Path,
    out: TextIO,
    *,
    films: Iterable[dict[str, Any]] | None = None,
    extra_people: Iterable[str] = (),
    tmdb_pairs: bool = True,
    entity_doc: bool = True,
) -> FixtureCounts:
    """Write the subset for ``films`` (default: all 40k) and their people as N-Triples.

    ``extra_people``: QIDs written even if no film credits them. ``tmdb_pairs``
    off leaves out the MovieLens TMDB pairing (its terms forbid shipping it);
    ``entity_doc`` off leaves out the one full entity document.
    """
    counts = FixtureCounts()
    w = _Writer(out, counts)
    tmdb = tmdb_by_imdb(data) if tmdb_pairs else {}
    wanted: set[str] = set(extra_people)
    for film in films if films is not None else read_films(data):
        _write_film(w, film, tmdb)
        wanted.update(film.get("director") or [], film.get("cast_member") or [])
        counts.films += 1
    people = read_people(data)
    doc_path = data / "wikidata" / "people" / "raw" / "wd_entity" / "Q3454165-item-doc.json"
    if entity_doc:
        wanted.discard(doc_path.name.split("-", 1)[0])
    born = birth_days(data, wanted)
    for qid in sorted(wanted & set(people)):
        _write_person(w, qid, people[qid], born.get(qid))
        counts.people += 1
    if entity_doc:
        _write_entity_doc(w, doc_path)
        counts.people += 1
    return counts


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print("usage: python -m graph.wikidata.fixture OUT.nt [--films N] [--data DIR]")
        return 2
    data = Path(__file__).resolve().parents[3] / "shared" / "data"
    limit: int | None = None
    if "--data" in argv:
        data = Path(argv[argv.index("--data") + 1])
    if "--films" in argv:
        limit = int(argv[argv.index("--films") + 1])
    chosen = list(read_films(data))[:limit] if limit else None
    with open(argv[0], "w", encoding="utf-8") as out:
        counts = build(data, out, films=chosen)
    print(f"{argv[0]}: {counts.films} films, {counts.people} people, {counts.triples} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
