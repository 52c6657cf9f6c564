"""TMDB 5000 layout (Kaggle "tmdb-movie-metadata") to Film, Person and credit records.

Two CSV files: movies (``id``, ``title``, ``original_title``, ``release_date``
…) and credits (``movie_id``, ``title``, ``cast``, ``crew``; the last two are
JSON lists in CSV cells). ``credits.movie_id = movies.id``.

- movies: a :class:`Film` keyed by its TMDB id.
- cast: a :class:`Person` (TMDB id) and ACTED_IN with ``character`` as role
  and ``order`` as ordering.
- crew: job Director -> DIRECTED; the Writing department (Screenplay, Writer,
  Story, Novel …) -> WROTE; Producer jobs (Producer, Executive Producer,
  Co-Producer …) -> PRODUCED; any other job -> CREDITED(categories=[department],
  jobs=[job]). Every crew edge carries its job in ``jobs``.

A bad cell (broken JSON, an empty ``crew``) is rejected with file:line and the
rest of the row is still loaded; a row without a usable ``movie_id`` is
rejected whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph import keys, schema
from graph.errors import BadInputError
from graph.model import ActedIn, Credited, Directed, Edge, Film, Node, Person, Produced, Wrote
from loaders.common import ErrorHandler, from_validation, raise_error
from loaders.files import ReadProgress, csv_rows

MOVIE_COLUMNS = ("id", "title", "original_title", "release_date")
CREDIT_COLUMNS = ("movie_id", "cast", "crew")
SOURCE_MOVIES = ["tmdb:movies"]
SOURCE_CREDITS = ["tmdb:credits"]
_PRODUCER_JOBS = frozenset({"Producer", "Executive Producer", "Co-Producer", "Associate Producer"})


def _tmdb_id(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _year(date: str) -> int | None:
    head = date.strip()[:4]
    if len(head) == 4 and head.isdigit() and 1850 <= int(head) <= 2100:
        return int(head)
    return None


def read_movies(
    path: Path, on_error: ErrorHandler = raise_error, progress: ReadProgress | None = None
) -> Iterator[Film]:
    """Films from a TMDB 5000 movies CSV."""
    for line, row in csv_rows(path, "TMDB movies", MOVIE_COLUMNS, on_error, progress):
        tmdb = _tmdb_id(row["id"])
        if tmdb is None:
            on_error(
                BadInputError(
                    f"missing or bad id {row['id']!r}", path=str(path), line=line, field="id"
                )
            )
            continue
        try:
            yield Film(
                title=row["title"].strip() or row["original_title"],
                original_title=row["original_title"].strip() or None,
                year=_year(row["release_date"]),
                tmdb=tmdb,
                sources=SOURCE_MOVIES,
            )
        except ValidationError as exc:
            on_error(from_validation(exc, path, line))


def _crew_rel(member: dict[str, Any]) -> tuple[type[Edge], dict[str, Any]]:
    job, department = str(member.get("job") or ""), str(member.get("department") or "")
    fields: dict[str, Any] = {"jobs": [job] if job.strip() else []}
    if job == "Director":
        return Directed, fields
    if department == "Writing":
        return Wrote, fields
    if job in _PRODUCER_JOBS:
        return Produced, fields
    return Credited, {**fields, "categories": [department or job or "Crew"]}


class _Credits:
    """One credits file; yields nodes and edges per row."""

    def __init__(self, path: Path, on_error: ErrorHandler) -> None:
        self.path = path
        self.on_error = on_error

    def reject(self, line: int, reason: str, field: str | None = None) -> None:
        self.on_error(BadInputError(reason, path=str(self.path), line=line, field=field))

    def cell(self, line: int, row: dict[str, str], column: str) -> list[dict[str, Any]] | None:
        text = row[column].strip()
        if not text:
            what = "cast" if column == "cast" else "crew"
            self.reject(line, f"empty cell (expected a JSON list, [] for no {what}); "
                        "the rest of the row is loaded", column)  # fmt: skip
            return None
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            self.reject(line, f"broken JSON: {exc.msg} at char {exc.pos}; the rest of the row "
                        "is loaded", column)  # fmt: skip
            return None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.reject(line, "expected a JSON list of objects", column)
            return None
        return items

    def row(self, line: int, row: dict[str, str]) -> Iterator[Node | Edge]:
        tmdb = _tmdb_id(row["movie_id"])
        if tmdb is None:
            self.reject(
                line, f"missing or bad movie_id {row['movie_id']!r}; row skipped", "movie_id"
            )
            return
        film = keys.id_key(schema.FILM, "tmdb", tmdb)
        for column in ("cast", "crew"):
            items = self.cell(line, row, column)
            for index, item in enumerate(items or []):
                yield from self.member(line, column, index, item, film)

    def member(
        self, line: int, column: str, index: int, item: dict[str, Any], film: str
    ) -> Iterator[Node | Edge]:
        person_id = item.get("id")
        if not isinstance(person_id, int) or person_id <= 0:
            self.reject(line, f"{column}[{index}] has no person id", column)
            return
        try:
            person = Person(
                name=str(item.get("name") or ""), tmdb=person_id, sources=SOURCE_CREDITS
            )
            ends: dict[str, Any] = {"from": person.key, "to": film, "sources": SOURCE_CREDITS}
            edge: Edge
            if column == "cast":
                character = str(item.get("character") or "").strip()
                order = item.get("order")
                edge = ActedIn(
                    **ends,
                    roles=[character] if character else [],
                    ordering=order if isinstance(order, int) and order >= 0 else None,
                )
            else:
                rel, fields = _crew_rel(item)
                edge = rel(**ends, **fields)
        except ValidationError as exc:
            error = from_validation(exc, self.path, line)
            self.reject(line, f"{column}[{index}]: {error.reason}", column)
            return
        yield person
        yield edge


def read_credits(
    path: Path, on_error: ErrorHandler = raise_error, progress: ReadProgress | None = None
) -> Iterator[Node | Edge]:
    """People and credit edges from a TMDB 5000 credits CSV."""
    credits = _Credits(path, on_error)
    for line, row in csv_rows(path, "TMDB credits", CREDIT_COLUMNS, on_error, progress):
        yield from credits.row(line, row)


def read_tmdb(
    movies: Path | None,
    credits: Path | None,
    *,
    on_error: ErrorHandler = raise_error,
    progress: ReadProgress | None = None,
) -> Iterator[Node | Edge]:
    """Films first, then people and credits; either file may be left out."""
    if progress is not None:
        progress.add_total(*(p for p in (movies, credits) if p is not None))
    # Check both headers before loading anything (a swapped pair is refused up front).
    for path, kind, columns in ((movies, "TMDB movies", MOVIE_COLUMNS),
                                (credits, "TMDB credits", CREDIT_COLUMNS)):  # fmt: skip
        if path is not None:
            next(csv_rows(path, kind, columns, lambda _e: None), None)
    if movies is not None:
        yield from read_movies(movies, on_error, progress)
    if credits is not None:
        yield from read_credits(credits, on_error, progress)
