"""Asking the endpoint: exact id matches, then label candidates with their facts, scored.

Every question goes through :class:`~graph.wikidata.client.SparqlClient`
(batched, cached); this module only builds ``VALUES`` rows and reads answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.keys import normalize
from graph.wikidata import score
from graph.wikidata.client import SparqlClient
from graph.wikidata.names import variants
from graph.wikidata.score import Candidate
from graph.wikidata.terms import IRI, Literal, Row, entity, qid_of

WDT = "http://www.wikidata.org/prop/direct/"
#: id field of a node -> (Wikidata property) per kind.
FILM_IDS = {"imdb": "P345", "tmdb": "P4947"}
PERSON_IDS = {"imdb": "P345", "tmdb": "P4985"}


@dataclass
class Item:
    """A Film or Person to link, as read from the store."""

    label: str
    key: str
    name: str | None
    texts: list[str]  # title/name first, then original title and aliases
    year: int | None = None  # film year or birth year
    ids: dict[str, str] = field(default_factory=dict)  # imdb / tmdb as strings
    directors: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    films: list[str] = field(default_factory=list)  # QIDs of linked films (people)


@dataclass
class IdMatch:
    qids: dict[str, list[str]]  # qid -> the "Pxxx=value" that found it
    label: str | None = None


def _year(term_value: str) -> int | None:
    head = term_value.lstrip("+")[:4]
    return int(head) if head.isdigit() else None


def by_ids(
    client: SparqlClient, items: list[Item], query: str, props: dict[str, str]
) -> dict[str, IdMatch]:
    """Exact matches through external ids; items without any id are left out."""
    wanted: dict[Row, list[tuple[str, str]]] = defaultdict(list)
    for item in items:
        for field_name, value in item.ids.items():
            prop = props[field_name]
            wanted[(IRI(WDT + prop), Literal(value))].append((item.key, f"{prop}={value}"))
    answers = client.select(query, list(wanted))
    found: dict[str, IdMatch] = {}
    for row, bindings in answers.items():
        for key, evidence in wanted[row]:
            match = found.setdefault(key, IdMatch({}))
            for b in bindings:
                qid = qid_of(b["item"])
                if qid:
                    match.qids.setdefault(qid, []).append(evidence)
                    if "label" in b and match.label is None:
                        match.label = b["label"].value
    return {k: m for k, m in found.items() if m.qids}


def _label_rows(items: list[Item], languages: list[str]) -> dict[Row, list[tuple[str, float]]]:
    """Literal rows to ask, each with the items (and how exact a spelling) it stands for."""
    rows: dict[Row, list[tuple[str, float]]] = defaultdict(list)
    for item in items:
        for index, text in enumerate(dict.fromkeys(t for t in item.texts if t)):
            for n, spelling in enumerate(variants(text)):
                exact = 1.0 if n == 0 else 0.95
                for lang in languages:
                    entry = (item.key, exact if index == 0 or n == 0 else 0.95)
                    rows[(Literal(spelling, lang),)].append(entry)
    return rows


def label_candidates(
    client: SparqlClient, items: list[Item], query: str, languages: list[str]
) -> dict[str, dict[str, Candidate]]:
    """Per item key, candidates found by label/alias, with the name feature set."""
    rows = _label_rows(items, languages)
    answers = client.select(query, list(rows))
    out: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for row, bindings in answers.items():
        text = row[0]
        for b in bindings:
            qid = qid_of(b["item"])
            if qid is None:
                continue
            born = _year(b["born"].value) if "born" in b else None
            kind = b["kind"].value if "kind" in b else "label"
            for key, exact in rows[row]:
                sim = exact * (1.0 if kind == "label" else 0.95)
                cand = out[key].setdefault(qid, Candidate(qid, {"name": 0.0}))
                cand.born.update([born] if born is not None else [])
                if sim > (cand.features["name"] or 0.0):
                    cand.features["name"] = sim
                    cand.notes[:1] = [f"{kind} {text.sparql()}"]
    return out


@dataclass
class FilmFacts:
    years: set[int] = field(default_factory=set)
    directors: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    cast: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def film_facts(client: SparqlClient, qids: list[str], languages: list[str]) -> dict[str, FilmFacts]:
    rows: list[Row] = [(entity(q), Literal(lang)) for q in qids for lang in languages]
    facts: dict[str, FilmFacts] = {q: FilmFacts() for q in qids}
    for row, bindings in client.select("wd_film_facts", rows).items():
        qid = qid_of(row[0])
        if qid is None:
            continue
        for b in bindings:
            prop, value = b["prop"].value, b["value"].value
            if prop == "P577" and (year := _year(value)) is not None:
                facts[qid].years.add(year)
            elif prop in ("P57", "P161") and "person" in b:
                people = facts[qid].directors if prop == "P57" else facts[qid].cast
                people[b["person"].value].add(normalize(value))
    return facts


def score_film(item: Item, cand: Candidate, facts: FilmFacts) -> None:
    f = cand.features
    f["title"] = f.pop("name")
    f["year"] = score.year_feature(item.year, facts.years)
    if facts.years:
        cand.notes.append(f"P577 {'/'.join(map(str, sorted(facts.years)))} vs {item.year or '?'}")
    f["director"], dirs = score.overlap_feature(item.directors, facts.directors, 1)
    if f["director"] is not None:
        cand.notes.append(f"P57 {dirs}/{len(item.directors)} directors")
    f["cast"], cast = score.overlap_feature(item.actors, facts.cast, 3)
    if f["cast"] is not None:
        cand.notes.append(f"P161 {cast}/{len(item.actors)} cast")
    cand.score = score.total(f, score.FILM_WEIGHTS)


def credits(client: SparqlClient, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(person QID, film QID) -> 1 when Wikidata credits the person on the film."""
    rows: list[Row] = [(entity(p), entity(f)) for p, f in pairs]
    found: dict[tuple[str, str], int] = {}
    for row, bindings in client.select("wd_credits", rows).items():
        person, film = qid_of(row[0]), qid_of(row[1])
        if person and film:
            found[(person, film)] = 1 if bindings else 0
    return found


def score_person(item: Item, cand: Candidate, credited: dict[tuple[str, str], int]) -> None:
    f = cand.features
    f["birth"] = score.birth_feature(item.year, cand.born)
    matched = sum(credited.get((cand.qid, film), 0) for film in item.films)
    f["films"] = score.films_feature(len(item.films), matched)
    if item.films:
        cand.notes.append(f"P161/P57 on {matched}/{len(item.films)} linked films")
    if f["birth"] is not None:
        cand.notes.append(f"P569 {'/'.join(map(str, sorted(cand.born)))} vs {item.year}")
    cand.score = score.total(f, score.PERSON_WEIGHTS)
