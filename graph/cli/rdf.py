"""``reelgraph export`` (the graph as RDF) and ``reelgraph import rdf`` (RDF back into a store)."""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from graph.cli import Settings, cli, pass_settings
from graph.errors import BadInputError
from graph.rdf.reader import PARSER_FORMATS, read_rdf
from graph.rdf.terms import DEFAULT_BASE, check_base
from graph.rdf.writers import FORMATS, export_graph

_BASE_HELP = (
    "Namespace of node IRIs: a node with key film:imdb:tt0133093 is <BASE>film/imdb/tt0133093. "
    "Must end in '/' or '#'."
)


@contextmanager
def _output(target: str) -> Iterator[TextIO]:
    """stdout for ``-``; else FILE, written as FILE.part and renamed only when complete."""
    if target == "-":
        binary = sys.stdout.buffer
        stream = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    path = Path(target)
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@cli.command(name="export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True)
@click.option(
    "-o", "--output", default="-", metavar="FILE", help="Output file; '-' (default) is stdout."
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help=_BASE_HELP)
@pass_settings
def export_command(settings: Settings, fmt: str, output: str, base: str) -> None:
    """Write the whole graph as schema.org RDF (README: 'RDF export').

    turtle, nt and nquads stream (any size); jsonld and xml go through an
    in-memory rdflib graph and are limited in size.
    """
    check_base(base)
    with settings.open(read_only=True) as store, _output(output) as out:
        summary = export_graph(store, out, fmt, base)
    where = "stdout" if output == "-" else output
    click.echo(
        f"Exported {summary.triples} triples ({summary.nodes} nodes, {summary.edges} "
        f"relationships) as {fmt} to {where}",
        err=True,
    )


@cli.group(name="import")
def import_group() -> None:
    """Import data written in other formats (RDF)."""


def _unmapped_line(path: Path, unmapped: Counter[str]) -> str:
    listed = ", ".join(f"{pred} ({n})" for pred, n in sorted(unmapped.items()))
    total = sum(unmapped.values())
    return f"Skipped: {path}: {total} triple(s) outside the reelgraph mapping: {listed}"


@import_group.command(name="rdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(PARSER_FORMATS)),
    help="RDF format of every FILE; default: guessed from each file's extension.",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help=_BASE_HELP)
@pass_settings
def import_rdf(settings: Settings, files: tuple[Path, ...], fmt: str | None, base: str) -> None:
    """Read RDF files (e.g. from `reelgraph export`) back into the store.

    Each file is parsed and mapped whole before anything is written: a file with
    a problem is reported and nothing of it is imported; the other files are.
    Triples the mapping has no place for are counted and listed, not imported.
    Exits 1 when any file was rejected.
    """
    check_base(base)
    rejected = 0
    with settings.writing() as store:
        for path in files:
            try:
                result = read_rdf(path, fmt, base)
            except BadInputError as exc:
                rejected += 1
                click.echo(f"Rejected: {exc}", err=True)
                continue
            if result.unmapped:
                click.echo(_unmapped_line(path, result.unmapped), err=True)
            summary = store.write(result.records)
            click.echo(
                f"{path}: {result.triples} triples, {summary.records} records, "
                f"{summary.total('created')} created, {summary.total('updated')} updated, "
                f"{summary.total('unchanged')} unchanged, {summary.total('placeholders')} "
                f"placeholders, {sum(result.unmapped.values())} triples outside the mapping"
            )
    if rejected:
        raise click.ClickException(
            f"{rejected} file(s) rejected (listed above); nothing of them was imported, "
            "every other file was"
        )
