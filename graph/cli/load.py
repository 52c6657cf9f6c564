"""``reelgraph load …``: read inputs with a loader, write them to the store."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli import Settings, cli, pass_settings
from graph.errors import BadInputError
from graph.upsert import WriteSummary
from loaders.records import read_records


class RejectCounter:
    """Prints each rejected input line to stderr and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: BadInputError) -> None:
        self.count += 1
        click.echo(f"Rejected: {error}", err=True)


def summary_line(what: str, summary: WriteSummary, rejected: int) -> str:
    return (
        f"{what}: {summary.records} records read, {summary.total('created')} created, "
        f"{summary.total('updated')} updated, {summary.total('unchanged')} unchanged, "
        f"{summary.total('placeholders')} placeholders, {rejected} rejected"
    )


@cli.group(name="load")
def load_group() -> None:
    """Load data into the store."""


@load_group.command(name="records")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_settings
def load_records(settings: Settings, files: tuple[Path, ...]) -> None:
    """Load nodes and edges from JSON Lines files (README: 'Records format').

    Bad lines are reported with file:line and skipped; the rest is loaded.
    Exits 1 when any line was rejected.
    """
    rejects = RejectCounter()
    with settings.open() as store:
        for path in files:
            before = rejects.count
            summary = store.write(read_records(path, on_error=rejects))
            click.echo(summary_line(str(path), summary, rejects.count - before))
    if rejects.count:
        raise click.ClickException(
            f"{rejects.count} record(s) rejected (listed above); every other record was loaded"
        )
