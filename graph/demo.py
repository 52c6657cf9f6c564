"""The main job on bundled sample data: what `reelgraph demo` runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from graph import pages, resolve, schema
from graph.stores import QueryResult, Store
from graph.upsert import WriteSummary
from loaders.records import read_records
from loaders.reviews import FilmHint, Gazetteer, load_reviews

CREW_RELS = (schema.DIRECTED, schema.WROTE, schema.PRODUCED)


def sample_records_path() -> Path:
    """The bundled sample records (written by the project; free to ship)."""
    return Path(str(resources.files("graph") / "data" / "demo-records.jsonl"))


@dataclass
class DemoReport:
    summary: WriteSummary
    stats: dict[str, dict[str, int]]
    cast: QueryResult
    crew: dict[str, QueryResult]


def run_demo(store: Store) -> DemoReport:
    """Load the bundled sample data into ``store`` and read back what it holds."""
    summary = store.write(read_records(sample_records_path()))
    return DemoReport(
        summary=summary,
        stats=store.stats(),
        cast=store.named("cast_overview"),
        crew={rel: store.named("crew_overview", rel=rel) for rel in CREW_RELS},
    )


@dataclass(frozen=True)
class DemoConfig:
    """What the demo shows: read from graph/data/demo.json, so no name lives in code."""

    person: str
    review: Path
    review_language: str
    review_film: FilmHint
    related_limit: int


def demo_config() -> DemoConfig:
    data = json.loads((_data_dir() / "demo.json").read_text("utf-8"))
    return DemoConfig(
        person=data["person"],
        review=_data_dir() / data["review"],
        review_language=data["review_language"],
        review_film=FilmHint(**data["review_film"]),
        related_limit=data["related_limit"],
    )


def _data_dir() -> Path:
    return Path(str(resources.files("graph") / "data"))


def load_seed_review(store: Store, gazetteer: Gazetteer, config: DemoConfig) -> WriteSummary:
    """Extract the bundled review (names come from ``gazetteer``, i.e. the graph) and write it."""
    records = load_reviews(
        [config.review], gazetteer, language=config.review_language, film=config.review_film
    )
    return store.write(records)


@dataclass
class PersonReport:
    filmography: dict[str, Any]
    related: list[dict[str, Any]]


def person_report(store: Store, config: DemoConfig) -> PersonReport:
    """Filmography, mentions and related people of the configured person."""
    person = resolve.resolve(store, config.person, (schema.PERSON,))
    return PersonReport(
        filmography=pages.filmography_page(store, person),
        related=pages.related_people(store, person, config.related_limit),
    )
