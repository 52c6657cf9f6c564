"""The ``reelgraph`` command line: parse options, call the library, format the result.

Every expected failure is a :class:`~graph.errors.ReelgraphError`; it reaches
the user as ``Error: <message>`` with exit code 1, never as a traceback.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import click

from graph.cli import output
from graph.errors import ReelgraphError
from graph.precompute import state as precomputed_state
from graph.stores import Store, open_store, store_spec
from graph.stores.base import QueryResult


class _Group(click.Group):
    """A click group that turns library errors into ``Error: …`` and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReelgraphError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo(
                "Interrupted: batches written so far are kept; run the same command again "
                "to finish (re-loading changes nothing that is already there).",
                err=True,
            )
            ctx.exit(130)


@dataclass
class Settings:
    store: str | None
    database: str | None

    def open(self, *, read_only: bool = False) -> Store:
        return open_store(self.store, read_only=read_only, database=self.database)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened for a command that loads into it; afterwards, a note if that
        put precomputed related people out of date (graph.precompute)."""
        with self.open() as store:
            yield store
            stale = precomputed_state(store).stale
        if stale:
            click.echo(
                f"Note: the precomputed related people of {output.people(stale)} are out of "
                "date now: run `reelgraph precompute` to refresh them (pages compute them "
                "meanwhile)",
                err=True,
            )


pass_settings = click.make_pass_decorator(Settings)


@click.group(cls=_Group)
@click.version_option(package_name="reelgraph")
@click.option(
    "--store",
    envvar="REELGRAPH_STORE",
    metavar="PATH|URI",
    help="Embedded store directory (default ./reelgraph.db) or a Neo4j URI "
    "(bolt://, neo4j://, +s/+ssc variants; credentials from NEO4J_USERNAME/NEO4J_PASSWORD).",
)
@click.option("--database", envvar="NEO4J_DATABASE", help="Neo4j database name.")
@click.pass_context
def cli(ctx: click.Context, store: str | None, database: str | None) -> None:
    """reelgraph: a knowledge graph of films, people and reviews."""
    ctx.obj = Settings(store=store, database=database)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs; a value that is valid JSON is used as JSON (numbers, lists …)."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.isidentifier():
            raise click.BadParameter(f"{pair!r} is not key=value", param_hint="-p")
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@pass_settings
def stats(settings: Settings, fmt: str) -> None:
    """Count nodes by label and relationships by type."""
    with settings.open(read_only=True) as store:
        counts = store.stats()
    if fmt == "json":
        click.echo(output.as_json(counts))
        return
    rows: list[list[Any]] = [["node", k, v] for k, v in counts["nodes"].items()]
    rows += [["relationship", k, v] for k, v in counts["relationships"].items()]
    click.echo(output.table(QueryResult(["kind", "name", "count"], rows)))


@cli.command()
@click.argument("query")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Query parameter, repeatable; JSON values are parsed (1999, [1,2]).",
)
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
@pass_settings
def cypher(settings: Settings, query: str, params: tuple[str, ...], fmt: str) -> None:
    """Run read-only Cypher against the store; values go in as -p parameters."""
    values = _parse_params(params)
    with settings.open(read_only=True) as store:
        result = store.query(query, values)
    click.echo(output.render(result, fmt))


def main() -> None:
    cli(prog_name="reelgraph")


# Sub-command modules register themselves on import.
from graph.cli import (  # noqa: E402, F401
    demo,
    link,
    load,
    load_metadata,
    precompute,
    rdf,
    reviews,
)
from graph.cli import query as query_commands  # noqa: E402, F401

__all__ = ["cli", "main", "store_spec"]
from graph.cli import serve  # noqa: E402, F401
