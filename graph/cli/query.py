"""``reelgraph query``/``queries`` and the page short forms ``filmography``, ``related``, ``path``.

Thin: parse options, one library call (:mod:`graph.named`, :mod:`graph.pages`),
format. ``--format json`` prints the page dict of :mod:`graph.pages`; table and
CSV print one row per film, related person or link.
"""

from __future__ import annotations

from typing import Any

import click

from graph import named, pages, resolve
from graph.cli import Settings, _parse_params, cli, output, pass_settings
from graph.stores.base import QueryResult

_FORMAT = click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
_PERSON = ("Person",)


def _emit(page: Any, table: QueryResult, fmt: str) -> None:
    click.echo(output.as_json(page) if fmt == "json" else output.render(table, fmt))


@cli.command("query")
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Parameter or template slot, repeatable; JSON values are parsed.",
)
@_FORMAT
@pass_settings
def query_command(settings: Settings, name: str, params: tuple[str, ...], fmt: str) -> None:
    """Run the named query NAME (see `reelgraph queries`); people and films by name or id."""
    values = _parse_params(params)
    named.lookup(name)  # an unknown name fails before the store is opened
    with settings.open(read_only=True) as store:
        result = named.run(store, name, values)
    click.echo(output.render(result, fmt))


@cli.command("queries")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
def queries_command(fmt: str) -> None:
    """List the named queries with their parameters and purpose."""
    rows: list[list[Any]] = [[q.name, named.signature(q), q.purpose] for q in named.public()]
    click.echo(output.render(QueryResult(["name", "parameters", "purpose"], rows), fmt))


def _credits(film: dict[str, Any]) -> str:
    parts = []
    for c in film["credits"]:
        detail = c["roles"] or c["categories"] or []
        parts.append(c["credit"] + (f" ({', '.join(detail)})" if detail else ""))
    return "; ".join(parts)


@cli.command("filmography")
@click.argument("person")
@_FORMAT
@pass_settings
def filmography_command(settings: Settings, person: str, fmt: str) -> None:
    """A person's films, newest first (PERSON: name, key, IMDb id, QID or tmdb:N)."""
    with settings.open(read_only=True) as store:
        page = pages.filmography_page(store, resolve.resolve(store, person, _PERSON))
    rows = [[f["year"], f["title"], _credits(f), f["film"]] for f in page["filmography"]]
    _emit(page, QueryResult(["year", "title", "credits", "film"], rows), fmt)


def _why(entry: dict[str, Any]) -> str:
    films = [
        f"{f['title']} ({f['year']}) {f['credit']}/{f['their_credit']}" for f in entry["films"]
    ]
    shown = films[:2] + ([f"+{len(films) - 2} more"] if len(films) > 2 else [])
    if entry["reviews"]:
        shown.append(f"{len(entry['reviews'])} review(s) mention both")
    return "; ".join(shown)


@cli.command("related")
@click.argument("person")
@click.option("--limit", type=click.IntRange(1, named.MAX_LIMIT), default=20, show_default=True)
@_FORMAT
@pass_settings
def related_command(settings: Settings, person: str, limit: int, fmt: str) -> None:
    """The people most related to PERSON, with the reasons (shared films, reviews)."""
    with settings.open(read_only=True) as store:
        page = pages.related_page(store, resolve.resolve(store, person, _PERSON), limit)
    rows = [[e["rank"], e["name"], e["score"], _why(e), e["person"]] for e in page["related"]]
    _emit(page, QueryResult(["rank", "name", "score", "why", "person"], rows), fmt)


@cli.command("path")
@click.argument("person_a")
@click.argument("person_b")
@click.option(
    "--max-hops",
    type=click.IntRange(1, pages.MAX_HOPS),
    default=4,
    show_default=True,
    help="Most films in the chain.",
)
@_FORMAT
@pass_settings
def path_command(settings: Settings, person_a: str, person_b: str, max_hops: int, fmt: str) -> None:
    """The shortest chain of films linking two people, with the credits on the way."""
    with settings.open(read_only=True) as store:
        a = resolve.resolve(store, person_a, _PERSON)
        b = resolve.resolve(store, person_b, _PERSON)
        page = pages.path_page(store, a, b, max_hops)
    if page["hops"] is None and fmt == "table":
        click.echo(f"No chain of at most {max_hops} films links {person_a} and {person_b}.")
        return
    names = {n["key"]: n["name"] for n in page["chain"]}
    rows = [
        [
            i // 2 + 1,
            names[link["person"]],
            link["credit"],
            ", ".join(link["roles"] or []),
            names[link["film"]],
        ]
        for i, link in enumerate(page["links"])
    ]
    _emit(page, QueryResult(["hop", "person", "credit", "roles", "film"], rows), fmt)
