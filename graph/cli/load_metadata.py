"""``reelgraph load imdb|tmdb|movielens|jsonld``: film metadata into the store."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli import Settings, pass_settings
from graph.cli.load import load_group, rejects_option, run_bulk_load, run_load
from loaders.imdb import DEFAULT_TITLE_TYPES, read_imdb
from loaders.imdb_tables import read_imdb_tables
from loaders.jsonld import read_jsonld
from loaders.movielens import read_movielens
from loaders.tmdb import read_tmdb

_EXISTING = click.Path(exists=True, path_type=Path)


@load_group.command(name="imdb")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--title-types",
    default=",".join(DEFAULT_TITLE_TYPES),
    show_default=True,
    help="Comma-separated titleType values to keep (movie,tvMovie,short …), or 'all'.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Keep only the first N titles.")
@click.option(
    "--bulk",
    is_flag=True,
    help="First load into a new or empty embedded store: read column-wise, COPY each table "
    "once (full IMDb in minutes; needs ~4 GB of memory). Same graph as without it.",
)
@rejects_option("imdb-rejects.tsv")
@pass_settings
def load_imdb(
    settings: Settings,
    directory: Path,
    title_types: str,
    limit: int | None,
    bulk: bool,
    rejects: Path,
) -> None:
    """Load IMDb datasets from DIRECTORY (title.basics, name.basics, title.principals,
    title.crew, title.akas; .tsv or .tsv.gz).

    Films of the kept title types, the people credited on them, their credits
    and alternative titles. Rows about other titles are skipped.
    """
    types = [t.strip() for t in title_types.split(",") if t.strip()]
    kept = None if types == ["all"] else tuple(types)
    if bulk:
        run_bulk_load(
            settings,
            "imdb",
            lambda on_error, progress: read_imdb_tables(
                directory, title_types=kept, limit=limit, on_error=on_error, progress=progress
            ),
            rejects,
        )
        return
    run_load(
        settings,
        "imdb",
        lambda on_error, progress: read_imdb(
            directory, title_types=kept, limit=limit, on_error=on_error, progress=progress
        ),
        rejects,
    )


@load_group.command(name="tmdb")
@click.argument("movies", type=_EXISTING)
@click.argument("credits", type=_EXISTING, required=False)
@rejects_option("tmdb-rejects.tsv")
@pass_settings
def load_tmdb(settings: Settings, movies: Path, credits: Path | None, rejects: Path) -> None:
    """Load the TMDB 5000 layout: MOVIES.csv and (optionally) CREDITS.csv."""
    run_load(
        settings,
        "tmdb",
        lambda on_error, progress: read_tmdb(movies, credits, on_error=on_error, progress=progress),
        rejects,
    )


@load_group.command(name="movielens")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@rejects_option("movielens-rejects.tsv")
@pass_settings
def load_movielens(settings: Settings, directory: Path, rejects: Path) -> None:
    """Load MovieLens movies.csv + links.csv from DIRECTORY (films with IMDb and TMDB ids,
    which join films loaded from IMDb and TMDB)."""
    run_load(
        settings,
        "movielens",
        lambda on_error, progress: read_movielens(directory, on_error=on_error, progress=progress),
        rejects,
    )


@load_group.command(name="jsonld")
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@rejects_option("jsonld-rejects.tsv")
@pass_settings
def load_jsonld(settings: Settings, paths: tuple[Path, ...], rejects: Path) -> None:
    """Load schema.org JSON-LD (Movie, Person, Review) from .jsonld/.json files, saved HTML
    pages (their application/ld+json blocks) or directories of them."""
    run_load(
        settings,
        "jsonld",
        lambda on_error, progress: read_jsonld(list(paths), on_error=on_error, progress=progress),
        rejects,
    )
