"""MovieLens ``movies.csv`` + ``links.csv`` to Film records carrying IMDb and TMDB ids.

``links.csv`` gives each MovieLens film its IMDb id (7 digits without ``tt``)
and TMDB id, so these records join films loaded from IMDb and from TMDB into
one node. Titles come as ``"Matrix, The (1999)"``: the year is split off, a
trailing article is moved to the front (``The Matrix``), and an alternative
title in parentheses (``"Cité des enfants perdus, La"``) becomes an alias
next to the MovieLens form itself.

Both files are sorted by ``movieId`` in every MovieLens release, so they are
joined by walking them side by side (streaming, no index in memory); a row
out of order is rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from graph.errors import BadInputError
from graph.model import Film
from loaders.common import ErrorHandler, from_validation, raise_error
from loaders.files import ReadProgress, csv_rows

SOURCE = ["movielens:movies"]
_TITLE = re.compile(r"^(?P<title>.*?)\s*(?:\((?P<year>\d{4})(?:[-\u2013]\d{0,4})?\))?\s*$")
_ALT = re.compile(r"^(?P<main>.+?)\s+\((?P<alt>[^()]+)\)$")
_ARTICLE = re.compile(
    r"^(?P<rest>.+), (?P<article>The|A|An|Les|La|Le|L'|Il|El|Los|Las|Die|Der|Das|Den|Det|O|Os)$"
)


def _front_article(title: str) -> str:
    match = _ARTICLE.match(title)
    if not match:
        return title
    article = match["article"]
    return f"{article}{match['rest']}" if article.endswith("'") else f"{article} {match['rest']}"


def split_title(raw: str) -> tuple[str, int | None, list[str]]:
    """``"Matrix, The (1999)"`` -> ``("The Matrix", 1999, ["Matrix, The"])``."""
    match = _TITLE.match(raw.strip())
    assert match is not None  # the pattern matches any string
    text, year = match["title"].strip() or raw.strip(), match["year"]
    aliases = [text]
    alt = _ALT.match(text)
    if alt and not alt["alt"].isdigit():
        text = alt["main"]
        aliases.append(_front_article(alt["alt"].removeprefix("a.k.a. ").strip()))
    title = _front_article(text)
    year_value = int(year) if year and 1850 <= int(year) <= 2100 else None
    return title, year_value, [a for a in dict.fromkeys(aliases) if a != title]


def _links(
    path: Path, on_error: ErrorHandler, progress: ReadProgress | None
) -> Iterator[tuple[int, int, str | None, int | None]]:
    """``(movieId, line, imdb id, tmdb id)`` in file order."""
    for line, row in csv_rows(
        path, "MovieLens links", ("movieId", "imdbId", "tmdbId"), on_error, progress
    ):
        if not row["movieId"].isdigit():
            on_error(
                BadInputError(
                    f"bad movieId {row['movieId']!r}", path=str(path), line=line, field="movieId"
                )
            )
            continue
        imdb_digits, tmdb = row["imdbId"].strip(), row["tmdbId"].strip()
        if imdb_digits and not imdb_digits.isdigit():
            on_error(
                BadInputError(
                    f"bad imdbId {imdb_digits!r}", path=str(path), line=line, field="imdbId"
                )
            )
            imdb_digits = ""
        imdb = f"tt{int(imdb_digits):07d}" if imdb_digits else None
        tmdb_id = int(tmdb) if tmdb.isdigit() and int(tmdb) > 0 else None
        yield int(row["movieId"]), line, imdb, tmdb_id


def read_movielens(
    directory: Path, *, on_error: ErrorHandler = raise_error, progress: ReadProgress | None = None
) -> Iterator[Film]:
    """Films of a MovieLens directory (``movies.csv``, optional ``links.csv``)."""
    movies, links = directory / "movies.csv", directory / "links.csv"
    if not movies.is_file():
        raise BadInputError(
            "no movies.csv here: expected a MovieLens directory", path=str(directory)
        )
    if progress is not None:
        progress.add_total(movies, *([links] if links.is_file() else []))
    link_rows = _links(links, on_error, progress) if links.is_file() else iter(())
    pending = next(link_rows, None)
    last = -1
    for line, row in csv_rows(movies, "MovieLens movies", ("movieId", "title"), on_error, progress):
        if not row["movieId"].isdigit() or int(row["movieId"]) <= last:
            reason = f"movieId {row['movieId']!r} is not a number above the previous one ({last})"
            on_error(BadInputError(reason, path=str(movies), line=line, field="movieId"))
            continue
        movie_id = last = int(row["movieId"])
        imdb = tmdb = None
        while pending is not None and pending[0] < movie_id:
            reason = f"movieId {pending[0]} has no row in movies.csv (or links.csv is not sorted)"
            on_error(BadInputError(reason, path=str(links), line=pending[1]))
            pending = next(link_rows, None)
        if pending is not None and pending[0] == movie_id:
            imdb, tmdb = pending[2], pending[3]
            pending = next(link_rows, None)
        title, year, aliases = split_title(row["title"])
        try:
            yield Film(
                title=title, year=year, aliases=aliases, imdb=imdb, tmdb=tmdb, sources=SOURCE
            )
        except ValidationError as exc:
            on_error(from_validation(exc, movies, line))
    while pending is not None:
        reason = f"movieId {pending[0]} has no row in movies.csv"
        on_error(BadInputError(reason, path=str(links), line=pending[1]))
        pending = next(link_rows, None)
