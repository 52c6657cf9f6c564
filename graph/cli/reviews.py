"""``reelgraph load reviews``, ``reelgraph extract``, ``reelgraph evaluate``: the review loader.

The commands read the store's names and titles into a gazetteer (the only name
knowledge the extractor has), then hand it to the loader library.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from graph.cli import Settings, cli, output, pass_settings
from graph.cli.load import RejectCounter, load_group, summary_line
from graph.stores import Store
from graph.stores.base import QueryResult
from loaders.reviews import FilmHint, Gazetteer, InputStats, extract, extract_reviews, load_reviews
from loaders.reviews.evaluate import evaluate, read_gold
from loaders.reviews.gazetteer import FILM, PERSON

_LANGUAGE = click.option(
    "--language",
    type=click.Choice(["auto", "de", "en"]),
    default="auto",
    show_default=True,
    help="Language of the reviews; auto: given by the input or detected.",
)
_NO_GRAPH = click.option(
    "--no-graph", is_flag=True, help="Do not read names from the store (an empty gazetteer)."
)


def gazetteer_from_store(store: Store) -> Gazetteer:
    """Names, titles and credits of the graph, read with the ``gazetteer_*`` queries."""
    gazetteer = Gazetteer()
    for row in store.named("gazetteer_people").rows:
        gazetteer.add(PERSON, row[0], row[1], row[2] or ())
    for row in store.named("gazetteer_films").rows:
        gazetteer.add(
            FILM, row[0], row[1], [*(row[3] or ()), *([row[2]] if row[2] else [])], row[4]
        )
    for rel in ("ACTED_IN", "DIRECTED"):
        for film_key, person_key in store.named("gazetteer_credits", rel=rel).rows:
            gazetteer.add_credit(film_key, person_key)
    return gazetteer.build()


def _gazetteer(settings: Settings, no_graph: bool) -> Gazetteer:
    if no_graph:
        return Gazetteer().build()
    with settings.open(read_only=True) as store:
        return gazetteer_from_store(store)


@load_group.command(name="reviews")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_LANGUAGE
@click.option("--film-title", help="The film every input reviews (when the inputs do not say).")
@click.option("--film-year", type=click.IntRange(1850, 2100), help="Its year.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of cores",
    help="Processes extracting in parallel (the store write stays in this one); "
    "inputs of 64 reviews or fewer always take one.",
)
@pass_settings
def load_reviews_command(
    settings: Settings,
    paths: tuple[Path, ...],
    language: str,
    film_title: str | None,
    film_year: int | None,
    jobs: int,
) -> None:
    """Load film reviews: text/Markdown files, directories, JSON Lines, the aclImdb tarball.

    Bad inputs are reported with file (and line) and skipped; the rest is loaded.
    Exits 1 when any input failed.
    """
    if film_year is not None and film_title is None:
        raise click.BadParameter("--film-year needs --film-title", param_hint="--film-year")
    film = FilmHint(title=film_title, year=film_year) if film_title else None
    rejects = RejectCounter()
    stats = InputStats()
    with settings.writing() as store:
        gazetteer = gazetteer_from_store(store)
        records = load_reviews(
            paths,
            gazetteer,
            language=None if language == "auto" else language,
            film=film,
            on_error=rejects,
            stats=stats,
            jobs=jobs,
        )
        summary = store.write(records)
    click.echo(summary_line("reviews", summary, rejects.count))
    click.echo(
        f"reviews: {stats.read} loaded, {stats.skipped} skipped (not review files), "
        f"{rejects.count} failed"
    )
    if rejects.count:
        raise click.ClickException(
            f"{rejects.count} input(s) failed (listed above); every other review was loaded"
        )


@cli.command(name="extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_LANGUAGE
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one array; jsonl: one object per line.",
)
@_NO_GRAPH
@pass_settings
def extract_command(
    settings: Settings, paths: tuple[Path, ...], language: str, fmt: str, no_graph: bool
) -> None:
    """Extract reviews without writing: per review, JSON in the shape of the gold files."""
    rejects = RejectCounter()
    gazetteer = _gazetteer(settings, no_graph)
    items = extract_reviews(
        paths, gazetteer, language=None if language == "auto" else language, on_error=rejects
    )
    results = [ex.as_gold() for ex in items]
    if fmt == "jsonl":
        for item in results:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        click.echo(output.as_json(results))
    if rejects.count:
        raise click.ClickException(f"{rejects.count} input(s) failed (listed above)")


@cli.command(name="evaluate")
@click.argument("gold", type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
@_NO_GRAPH
@pass_settings
def evaluate_command(settings: Settings, gold: Path, fmt: str, no_graph: bool) -> None:
    """Score the extractor against gold files (*.json): P/R/F1 per category."""
    gazetteer = _gazetteer(settings, no_graph)

    def predict(review: Any) -> dict[str, Any]:
        return extract(review, gazetteer).as_gold()

    report = evaluate(read_gold(gold), predict)
    columns = ["category", "tp", "fp", "fn", "precision", "recall", "f1"]
    click.echo(output.render(QueryResult(columns, report.rows()), fmt))
    if fmt == "table":
        names = len(gazetteer)
        click.echo(f"\n{len(report.reviews)} reviews; gazetteer: {names:,} names and titles")
