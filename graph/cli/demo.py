"""``reelgraph demo``: the main job on bundled sample data."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import click

from graph.cli import Settings, cli, output, pass_settings
from graph.cli.load import summary_line
from graph.cli.query import _credits, _why
from graph.cli.reviews import gazetteer_from_store
from graph.demo import (
    PersonReport,
    demo_config,
    load_seed_review,
    person_report,
    run_demo,
    sample_records_path,
)
from graph.stores import QueryResult


@cli.command()
@pass_settings
def demo(settings: Settings) -> None:
    """Build a small graph from bundled sample data and show what it holds."""
    config = demo_config()
    with settings.open() as store:
        click.echo(f"Store: {store.location} ({store.dialect})")
        report = run_demo(store)
        click.echo(summary_line(f"Loaded {sample_records_path().name}", report.summary, 0))
        reviewed = load_seed_review(store, gazetteer_from_store(store), config)
        click.echo(summary_line(f"Extracted {config.review.name}", reviewed, 0))
        report.stats = store.stats()
        person = person_report(store, config)
    counts = [
        [k, v] for k, v in {**report.stats["nodes"], **report.stats["relationships"]}.items() if v
    ]
    click.echo(
        "\nWhat the graph holds:\n" + output.table(QueryResult(["label/type", "count"], counts))
    )
    click.echo("\nCast:\n" + output.table(report.cast))
    for rel, result in report.crew.items():
        if result.rows:
            click.echo(f"\n{rel}:\n" + output.table(result))
    _echo_person(config.person, person)
    click.echo(
        "\nNext: reelgraph stats | reelgraph serve | reelgraph cypher "
        '"MATCH (p:Person)-[:ACTED_IN]->(f:Film) RETURN p.name, count(f) AS films"'
    )


def _review_name(source: str) -> str:
    """A file review's name without the machine's path; other sources as they are."""
    return (
        PurePosixPath(source.removeprefix("file:")).name if source.startswith("file:") else source
    )


def _evidence(review: dict[str, Any]) -> str:
    return "; ".join(f"{e['text']} [{e['start']}-{e['end']}]" for e in review["evidence"])


def _echo_person(name: str, person: PersonReport) -> None:
    films = [[f["year"], f["title"], _credits(f)] for f in person.filmography["filmography"]]
    click.echo(
        f"\n{name}, filmography:\n" + output.table(QueryResult(["year", "title", "credits"], films))
    )
    related = [[e["rank"], e["name"], e["score"], _why(e)] for e in person.related]
    click.echo(
        f"\nPeople related to {name} (shared films, reviews mentioning both):\n"
        + output.table(QueryResult(["rank", "name", "score", "why"], related))
    )
    mentions = [
        [_review_name(r["source"]), _evidence(r)] for r in person.filmography["mentioned_in"]
    ]
    click.echo(
        f"\nReviews mentioning {name}:\n"
        + output.table(QueryResult(["review", "evidence (text [start-end])"], mentions))
    )
