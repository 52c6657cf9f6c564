"""``reelgraph load …``: read inputs with a loader, write them to the store.

The helpers here are shared by every load command: :class:`RejectCounter`
(rejected rows to stderr and a rejects file), :class:`ProgressLine` (a
progress line on a terminal, silent in pipes and CI) and :func:`run_load`
(one loader into the store, then the summary: read, loaded, merged, rejected).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from graph.cli import Settings, cli, pass_settings
from graph.errors import BadInputError
from graph.model import Edge, Node
from graph.stores import store_spec
from graph.upsert import WriteSummary
from loaders.common import ErrorHandler
from loaders.files import ReadProgress
from loaders.records import read_records

if TYPE_CHECKING:
    from graph.stores.embedded_bulk import TableSource


class RejectCounter:
    """Counts rejected input rows, echoes them to stderr and writes them to a file.

    ``path``: the rejects file (tab-separated ``where``, ``field``, ``reason``),
    created at the first reject and overwritten by the next run; none by
    default. ``echo``: how many to print to stderr (all by default).
    """

    def __init__(self, path: Path | None = None, *, echo: int | None = None) -> None:
        self.count = 0
        self.path = path
        self.echo = echo
        self._file: IO[str] | None = None

    def __call__(self, error: BadInputError) -> None:
        self.count += 1
        if self.echo is None or self.count <= self.echo:
            click.echo(f"Rejected: {error}", err=True)
        elif self.count == self.echo + 1 and self.path is not None:
            click.echo(f"Rejected: … more rejects go to {self.path} only", err=True)
        if self.path is not None:
            if self._file is None:
                self._file = self.path.open("w", encoding="utf-8")
                self._file.write("where\tfield\treason\n")
            reason = error.reason.replace("\t", " ").replace("\n", " ")
            self._file.write(f"{error.where}\t{error.field or ''}\t{reason}\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def summary_line(what: str, summary: WriteSummary, rejected: int) -> str:
    return (
        f"{what}: {summary.records} records read, {summary.total('created')} created, "
        f"{summary.total('updated')} updated, {summary.total('unchanged')} unchanged, "
        f"{summary.total('placeholders')} placeholders, {rejected} rejected"
    )


def load_summary(what: str, rows: int, summary: WriteSummary, rejects: RejectCounter) -> str:
    """The end-of-load line: rows read, records loaded (new), merged, rejected."""
    # Merged: records that became part of a node or edge already there (stored
    # before, or earlier in the same batch) instead of creating one.
    merged = summary.records - summary.total("created")
    line = (
        f"{what}: {rows:,} rows read, {summary.records:,} records: "
        f"{summary.total('created'):,} loaded (new), {merged:,} merged into existing "
        f"({summary.total('updated'):,} stored nodes/edges changed), {rejects.count:,} rejected"
    )
    extras = []
    if summary.total("placeholders"):
        extras.append(
            f"{summary.total('placeholders'):,} placeholder nodes for ends not loaded yet"
        )
    if summary.total("joined"):
        extras.append(f"{summary.total('joined'):,} duplicate nodes joined")
    if rejects.count and rejects.path is not None:
        extras.append(f"rejects in {rejects.path}")
    return line + (f"; {'; '.join(extras)}" if extras else "")


class ProgressLine:
    """Rows, records, rate and ETA on one stderr line, only when stderr is a terminal."""

    def __init__(self, what: str, read: ReadProgress, *, enabled: bool | None = None) -> None:
        self.what = what
        self.read = read
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.records = 0
        self.started = time.monotonic()
        self._last = 0.0

    def on_batch(self, done: WriteSummary) -> None:
        self.records += done.records
        now = time.monotonic()
        if not self.enabled or now - self._last < 0.5:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-6)
        text = (
            f"{self.what}: {self.read.rows:,} rows, {self.records:,} records, "
            f"{self.read.rows / elapsed:,.0f} rows/s"
        )
        fraction = self.read.fraction()
        if fraction:
            eta = elapsed * (1 - fraction) / fraction
            text += f", {fraction:.0%}, ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        click.echo(f"\r\x1b[2K{text}", err=True, nl=False)

    def finish(self) -> None:
        if self.enabled and self._last:
            click.echo("\r\x1b[2K", err=True, nl=False)


Loader = Callable[[ErrorHandler, ReadProgress], Iterable[Node | Edge]]


def rejects_option(default: str) -> Callable[[Any], Any]:
    return click.option(
        "--rejects",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        show_default=True,
        help="File for rejected rows (where, field, reason), written only when a row is "
        "rejected; the first 10 are also printed.",
    )


@contextlib.contextmanager
def _reporting(
    what: str, rejects_path: Path
) -> Iterator[tuple[ReadProgress, RejectCounter, ProgressLine]]:
    """What every load reports with: rows read, rejects (stderr and file), progress line."""
    read = ReadProgress()
    rejects = RejectCounter(rejects_path, echo=10)
    progress = ProgressLine(what, read)
    try:
        yield read, rejects, progress
    finally:
        progress.finish()
        rejects.close()


def run_load(settings: Settings, what: str, loader: Loader, rejects_path: Path) -> None:
    """Run ``loader`` into the store and print the summary; exit 0 even with rejects."""
    with _reporting(what, rejects_path) as (read, rejects, progress), settings.writing() as store:
        click.echo(f"Loading {what} into {store.location} ({store.dialect})", err=True)
        summary = store.write(loader(rejects, read), on_batch=progress.on_batch)
    click.echo(load_summary(what, read.rows, summary, rejects))


def run_bulk_load(settings: Settings, what: str, source: TableSource, rejects_path: Path) -> None:
    """``run_load`` for a bulk first load into a new embedded store (``--bulk``)."""
    spec = store_spec(settings.store)
    if "://" in spec:
        raise click.ClickException(
            "--bulk writes a new embedded store; for a first load into Neo4j use "
            "neo4j-admin import (README: 'Loading film metadata'), or load without --bulk"
        )
    from graph.stores.embedded_bulk import bulk_load  # (LadybugDB: only when used)

    steps = {
        "merging": f"{what}: {{rows:,}} rows read; merging repeats and writing the tables",
        "copying": f"{what}: copying the tables into the new store (the search index meanwhile)",
    }
    with _reporting(what, rejects_path) as (read, rejects, progress):
        click.echo(f"Bulk-loading {what} into a new embedded store at {spec}", err=True)

        def on_step(name: str) -> None:
            progress.finish()
            click.echo(steps[name].format(rows=read.rows), err=True)

        summary = bulk_load(
            Path(spec),
            source,
            on_error=rejects,
            progress=read,
            on_batch=progress.on_batch,
            on_step=on_step,
        )
    click.echo(load_summary(what, read.rows, summary, rejects))


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
    with settings.writing() as store:
        for path in files:
            before = rejects.count
            summary = store.write(read_records(path, on_error=rejects))
            click.echo(summary_line(str(path), summary, rejects.count - before))
    if rejects.count:
        raise click.ClickException(
            f"{rejects.count} record(s) rejected (listed above); every other record was loaded"
        )
