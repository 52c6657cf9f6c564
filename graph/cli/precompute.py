"""``reelgraph precompute``: store the related people of prolific people (graph.precompute)."""

from __future__ import annotations

import sys
import time

import click

from graph import precompute
from graph.cli import Settings, cli, output, pass_settings


@cli.command("precompute")
@click.option(
    "--min-films",
    type=int,
    default=precompute.DEFAULT_MIN_FILMS,
    show_default=True,
    help="Precompute the related people of everyone with at least this many films.",
)
@click.option(
    "--top",
    type=int,
    default=precompute.DEFAULT_TOP,
    show_default=True,
    help="Related people stored per person (pages show 20).",
)
@pass_settings
def precompute_command(settings: Settings, min_films: int, top: int) -> None:
    """Compute related people of prolific people ahead of time, for fast pages.

    Answers stay in use until the next load changes the graph; run this again then.
    """
    started = time.monotonic()

    def progress(done: int, todo: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r\x1b[2Kprecompute: {done:,} of {todo:,} people", err=True, nl=False)

    with settings.open() as store:
        summary = precompute.refresh(store, min_films=min_films, top=top, on_progress=progress)
    if sys.stderr.isatty() and summary.computed:
        click.echo("\r\x1b[2K", err=True, nl=False)
    click.echo(
        f"precompute: {output.people(summary.people)} with {min_films}+ films: "
        f"{summary.computed:,} computed, {summary.current:,} already current "
        f"({time.monotonic() - started:.1f} s)"
    )
