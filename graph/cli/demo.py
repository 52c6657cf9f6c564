"""``reelgraph demo``: the main job on bundled sample data."""

from __future__ import annotations

import click

from graph.cli import Settings, cli, output, pass_settings
from graph.cli.load import summary_line
from graph.demo import run_demo, sample_records_path
from graph.stores import QueryResult


@cli.command()
@pass_settings
def demo(settings: Settings) -> None:
    """Build a small graph from bundled sample data and show what it holds."""
    with settings.open() as store:
        click.echo(f"Store: {store.location} ({store.dialect})")
        report = run_demo(store)
    click.echo(summary_line(f"Loaded {sample_records_path().name}", report.summary, 0))
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
    click.echo(
        "\nNext: reelgraph stats | reelgraph cypher "
        '"MATCH (p:Person)-[:ACTED_IN]->(f:Film) RETURN p.name, count(f) AS films"'
    )
