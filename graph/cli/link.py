"""``reelgraph link wikidata``: find the QIDs of Films and Persons not linked yet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from graph import schema
from graph.cli import Settings, cli, pass_settings
from graph.wikidata.cache import AnswerCache
from graph.wikidata.client import WDQS, Politeness, SparqlClient
from graph.wikidata.linker import Decision, Linker, LinkReport
from graph.wikidata.report import write_csv

_ONLY = {"films": schema.FILM, "people": schema.PERSON}
_STATUSES = ("linked", "ambiguous", "no-candidate", "conflict", "unknown-qid")


@cli.group(name="link")
def link_group() -> None:
    """Link nodes to outside knowledge bases."""


def _line(decision: Decision, dry_run: bool) -> str | None:
    if decision.status == "linked":
        verb = "would link" if dry_run else "linked"
        return f"{verb} {decision.key} -> {decision.qid} ({decision.score:.2f}: {decision.reason})"
    if decision.status in ("conflict", "unknown-qid"):
        return f"{decision.status} {decision.key}: {decision.reason}"
    return None


def _summary(report: LinkReport, client: SparqlClient, cache: AnswerCache) -> list[str]:
    lines = []
    for label, counts in report.counts().items():
        parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in _STATUSES)
        lines.append(f"{label}: {parts}")
    rate = cache.hit_rate()
    hit = "-" if rate is None else f"{rate:.0%}"
    what = "nothing written (dry run)" if report.dry_run else f"{report.written} links written"
    lines.append(f"{what}; {client.requests} requests to {client.endpoint}, cache hits {hit}")
    return lines


@link_group.command(name="wikidata")
@click.option("--endpoint", default=WDQS, show_default=True, help="SPARQL 1.1 endpoint URL.")
@click.option("--only", type=click.Choice(sorted(_ONLY)), help="Link only films or only people.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.8, show_default=True)
@click.option(
    "--margin",
    type=click.FloatRange(0, 1),
    default=0.1,
    show_default=True,
    help="How far the best candidate must lead the runner-up.",
)
@click.option(
    "--lang",
    "languages",
    multiple=True,
    help="Label language to search (repeatable); default en, mul, de and the "
    "languages of the graph's reviews.",
)
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be linked.")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV of links, scores, reasons and the ambiguous cases.",
)
@click.option(
    "--contact",
    envvar="REELGRAPH_CONTACT",
    help="Contact (e-mail or URL) sent in the User-Agent, as Wikimedia asks.",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".reelgraph-cache/wikidata.sqlite"),
    show_default=True,
    help="Answer cache: a re-run asks nothing twice.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=4,
    show_default=True,
    help="Retries after a timeout, 429 or 5xx (backoff doubles from 2 s).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 600),
    default=60,
    show_default=True,
    help="Seconds to wait for one answer.",
)
@pass_settings
def link_wikidata(
    settings: Settings,
    endpoint: str,
    only: str | None,
    min_score: float,
    margin: float,
    languages: tuple[str, ...],
    dry_run: bool,
    report: Path | None,
    contact: str | None,
    cache_path: Path,
    retries: int,
    timeout: float,
) -> None:
    """Find the Wikidata QID of each Film and Person without one.

    Ids first (IMDb P345, TMDB P4947/P4985), then labels scored on title or
    name, year, directors, cast and filmography. Existing QIDs are never
    changed; conflicts and ambiguous cases are reported.
    """
    if contact is None and endpoint == WDQS:
        click.echo(
            "Warning: no --contact given; Wikimedia asks for one in the User-Agent.", err=True
        )
    cache = AnswerCache(cache_path)
    manners = Politeness(timeout=timeout, retries=retries)
    client = SparqlClient(endpoint, contact=contact, cache=cache, manners=manners)

    def show(decision: Decision) -> None:
        if (line := _line(decision, dry_run)) is not None:
            click.echo(line)

    try:
        with settings.open(read_only=True) if dry_run else settings.writing() as store:
            linker = Linker(
                store,
                client,
                min_score=min_score,
                margin=margin,
                languages=list(languages) or None,
                dry_run=dry_run,
                on_decision=show if dry_run else _quiet_but_problems(show),
            )
            result = linker.run(_ONLY.get(only) if only else None)
    finally:
        cache.close()
    if report is not None:
        write_csv(result, report)
    for line in _summary(result, client, cache):
        click.echo(line)
    if result.error:
        raise click.ClickException(result.error)


def _quiet_but_problems(show: Callable[[Decision], None]) -> Callable[[Decision], None]:
    """Outside a dry run print only what needs a person: conflicts and unknown QIDs."""

    def only_problems(decision: Decision) -> None:
        if decision.status in ("conflict", "unknown-qid"):
            show(decision)

    return only_problems
