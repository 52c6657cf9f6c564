"""The main job on bundled sample data: what `reelgraph demo` runs."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph import schema
from graph.stores import QueryResult, Store
from graph.upsert import WriteSummary
from loaders.records import read_records

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
