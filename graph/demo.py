"""The main job on bundled sample data: what `reelgraph demo` runs, stage by stage.

Everything comes from ``graph/data`` (``demo.json`` says which files and which
person to show), so no name lives in code: film facts written by the project
as schema.org JSON-LD, the seed review, and a CC0 Wikidata slice that a
temporary Oxigraph server answers SPARQL over, for the same linker that
``reelgraph link wikidata`` runs against the Wikidata Query Service.
"""

from __future__ import annotations

import json
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from graph import pages, resolve, schema
from graph.errors import ReelgraphError
from graph.stores import QueryResult, Store
from graph.upsert import WriteSummary
from graph.wikidata import oxigraph
from graph.wikidata.client import Politeness, SparqlClient
from graph.wikidata.linker import Linker, LinkReport
from loaders.jsonld import read_jsonld
from loaders.reviews import FilmHint, Gazetteer, load_reviews

CREW_RELS = (schema.DIRECTED, schema.WROTE, schema.PRODUCED)
#: The local endpoint answers in milliseconds; a stuck one should not hold the demo for minutes.
LOCAL_MANNERS = Politeness(timeout=20, retries=1, backoff=0.5)
CONTACT = "reelgraph demo, local endpoint"


def _data_dir() -> Path:
    return Path(str(resources.files("graph") / "data"))


@dataclass(frozen=True)
class DemoConfig:
    """What the demo loads and shows: read from graph/data/demo.json."""

    person: str
    metadata: Path
    review: Path
    review_language: str
    review_film: FilmHint
    related_limit: int
    wikidata: tuple[Path, ...]


def demo_config() -> DemoConfig:
    data = json.loads((_data_dir() / "demo.json").read_text("utf-8"))
    return DemoConfig(
        person=data["person"],
        metadata=_data_dir() / data["metadata"],
        review=_data_dir() / data["review"],
        review_language=data["review_language"],
        review_film=FilmHint(**data["review_film"]),
        related_limit=data["related_limit"],
        wikidata=tuple(_data_dir() / name for name in data["wikidata"]),
    )


def sample_records_path() -> Path:
    """Records-format copy of the sample film facts (used by tests of other features)."""
    return _data_dir() / "demo-records.jsonl"


def load_metadata(store: Store, config: DemoConfig) -> WriteSummary:
    """Stage 1: the project's film facts through the JSON-LD loader."""
    return store.write(read_jsonld([config.metadata]))


def load_seed_review(store: Store, gazetteer: Gazetteer, config: DemoConfig) -> WriteSummary:
    """Stage 2: extract the bundled review (names come from ``gazetteer``, i.e. the graph)."""
    records = load_reviews(
        [config.review], gazetteer, language=config.review_language, film=config.review_film
    )
    return store.write(records)


@dataclass
class LinkOutcome:
    report: LinkReport
    requests: int
    triples: int  # in the local endpoint
    on_nodes: int  # nodes carrying a QID after the run (this run's and earlier links)


def count_triples(paths: tuple[Path, ...]) -> int:
    """Statements in N-Triples files (every line that is not blank or a comment)."""
    total = 0
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            total += sum(1 for line in lines if line.strip() and not line.startswith("#"))
    return total


class LocalEndpointError(ReelgraphError):
    """Oxigraph is missing, or could not load the slice or start serving it."""


def link_wikidata(store: Store, config: DemoConfig) -> LinkOutcome:
    """Stage 3: load the Wikidata slice into a temporary Oxigraph store, serve it on a free
    127.0.0.1 port, run the linker against it, stop it. Raises :class:`LocalEndpointError`
    when Oxigraph cannot load or start (nothing is asked or written then); an endpoint
    failure mid-run is in ``report.error`` (links found before it are kept, as with
    ``reelgraph link wikidata``); store errors propagate as they are."""
    with (
        tempfile.TemporaryDirectory(prefix="reelgraph-demo-wikidata-") as tmp,
        ExitStack() as server,  # closed first: the server stops before its directory goes
    ):
        location = Path(tmp) / "store"
        try:
            oxigraph.load(list(config.wikidata), location)
            endpoint = server.enter_context(oxigraph.serve(location, startup=20))
        except ReelgraphError as exc:
            raise LocalEndpointError(str(exc)) from exc
        client = SparqlClient(endpoint, contact=CONTACT, manners=LOCAL_MANNERS)
        report = Linker(store, client).run()
    on_nodes = sum(len(store.named(name).rows) for name in ("linked_films", "linked_people"))
    return LinkOutcome(report, client.requests, count_triples(config.wikidata), on_nodes)


@dataclass
class GraphReport:
    stats: dict[str, dict[str, int]]
    cast: QueryResult
    crew: dict[str, QueryResult]


def graph_report(store: Store) -> GraphReport:
    return GraphReport(
        stats=store.stats(),
        cast=store.named("cast_overview"),
        crew={rel: store.named("crew_overview", rel=rel) for rel in CREW_RELS},
    )


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
