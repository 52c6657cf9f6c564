"""IMDb non-commercial datasets (TSV, plain or .gz) to Film, Person and credit records.

Files, looked up in one directory as ``<name>.tsv.gz`` or ``<name>.tsv``:
``title.basics`` (required), ``name.basics``, ``title.principals``,
``title.crew``, ``title.akas``. Format: tab-separated, UTF-8, a header row,
``\\N`` for null, no quoting.

What becomes what:

- ``title.basics``: a :class:`Film` for each title whose ``titleType`` is kept
  (``movie`` by default); ``--limit N`` keeps the first N.
- ``title.principals``: actor/actress -> ACTED_IN (``characters`` -> roles),
  director -> DIRECTED, writer -> WROTE, producer -> PRODUCED, IMDb's other
  categories -> CREDITED(categories=[category]); ``job`` -> jobs, ``ordering`` ->
  ordering. A category IMDb does not use is rejected.
- ``title.crew``: directors -> DIRECTED, writers -> WROTE.
- ``title.akas``: the film's alternative titles -> aliases.
- ``name.basics``: a :class:`Person` for each person credited on a kept film.

Rows about titles that are not kept are skipped. The loader reads in this
order: basics, then one pass over principals and crew collecting the people
credited on kept films, then names, principals, crew, akas; so nodes come
before the edges that use them. Memory: the kept title ids and credited
person ids are held as sets of ints, about 60-70 bytes each (the full IMDb
movie set, ~700k films and ~4M credited people, needs ~300 MB).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph import keys, schema
from graph.errors import BadInputError
from graph.model import ActedIn, Credited, Directed, Edge, Film, Node, Person, Produced, Wrote
from loaders.common import ErrorHandler, from_validation, raise_error
from loaders.files import ReadProgress, tsv_rows

NULL = "\\N"
HEADERS: dict[str, tuple[str, ...]] = {
    "title.basics": (
        "tconst", "titleType", "primaryTitle", "originalTitle", "isAdult",
        "startYear", "endYear", "runtimeMinutes", "genres",
    ),
    "name.basics": (
        "nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles",
    ),
    "title.principals": ("tconst", "ordering", "nconst", "category", "job", "characters"),
    "title.crew": ("tconst", "directors", "writers"),
    "title.akas": (
        "titleId", "ordering", "title", "region", "language", "types", "attributes",
        "isOriginalTitle",
    ),
}  # fmt: skip
FIRST_COLUMN = {name: header[0] for name, header in HEADERS.items()}
FIRST_COLUMN.update({"title.ratings": "tconst", "title.episode": "tconst"})

# title.principals categories (IMDb's documented set) and the edge each becomes.
CATEGORY_RELS: dict[str, type[Edge]] = {
    "actor": ActedIn,
    "actress": ActedIn,
    "director": Directed,
    "writer": Wrote,
    "producer": Produced,
}
OTHER_CATEGORIES = frozenset(
    {
        "self", "composer", "cinematographer", "editor", "production_designer",
        "casting_director", "archive_footage", "archive_sound",
    }
)  # fmt: skip
DEFAULT_TITLE_TYPES = ("movie",)


def source(kind: str) -> list[str]:
    return [f"imdb:{kind}"]


def find_files(directory: Path) -> dict[str, Path]:
    """The IMDb files present in ``directory``; ``title.basics`` must be there."""
    if not directory.is_dir():
        raise BadInputError("not a directory of IMDb .tsv/.tsv.gz files", path=str(directory))
    found: dict[str, Path] = {}
    for name in HEADERS:
        for suffix in (".tsv.gz", ".tsv"):
            if (directory / f"{name}{suffix}").is_file():
                found[name] = directory / f"{name}{suffix}"
                break
    if "title.basics" not in found:
        raise BadInputError(
            "no title.basics.tsv(.gz) here: the IMDb loader needs it (and optionally "
            "name.basics, title.principals, title.crew, title.akas)",
            path=str(directory),
        )
    return found


def _num(tconst_or_nconst: str) -> int:
    return int(tconst_or_nconst[2:])


def _valid_id(value: str, prefix: str) -> bool:
    return value.startswith(prefix) and len(value) >= 9 and value[2:].isdigit()


def _year(value: str) -> int | None:
    if value == NULL or not value.isdigit():
        return None
    year = int(value)
    return year if 1850 <= year <= 2100 else None


def _null(value: str) -> str | None:
    return None if value == NULL or not value.strip() else value


class ImdbReader:
    """One load of an IMDb directory; :meth:`records` yields the records."""

    def __init__(
        self,
        directory: Path,
        *,
        title_types: tuple[str, ...] | None = DEFAULT_TITLE_TYPES,
        limit: int | None = None,
        on_error: ErrorHandler = raise_error,
        progress: ReadProgress | None = None,
    ) -> None:
        self.files = find_files(directory)
        self.title_types = frozenset(title_types) if title_types else None
        self.limit = limit
        self.on_error = on_error
        self.progress = progress
        self.kept: set[int] = set()
        self.people: set[int] = set()
        if progress is not None:
            progress.add_total(*self.files.values())
            for name in ("title.principals", "title.crew"):  # read twice
                if name in self.files:
                    progress.add_total(self.files[name])

    def _rows(self, kind: str, quiet: bool = False) -> Iterator[tuple[int, list[str]]]:
        if kind not in self.files:
            return iter(())
        on_error: ErrorHandler = (lambda _e: None) if quiet else self.on_error
        progress = None if quiet else self.progress
        return tsv_rows(self.files[kind], kind, HEADERS[kind], on_error, progress, FIRST_COLUMN)

    def _make(self, kind: str, line: int, build: Callable[..., Any], **fields: Any) -> Any:
        try:
            return build(**fields)
        except ValidationError as exc:
            self.on_error(from_validation(exc, self.files[kind], line))
            return None

    def _reject(self, kind: str, line: int, reason: str, field: str) -> None:
        self.on_error(BadInputError(reason, path=str(self.files[kind]), line=line, field=field))

    def _kept_rows(self, kind: str, keep: set[int]) -> Iterator[tuple[int, list[str]]]:
        """Rows whose first-column id is valid and in ``keep``; a malformed id is rejected."""
        prefix, what = ("nm", "name") if kind == "name.basics" else ("tt", "title")
        field = HEADERS[kind][0]
        for line, row in self._rows(kind):
            if not _valid_id(row[0], prefix):
                self._reject(kind, line, f"not an IMDb {what} id: {row[0]!r}", field)
            elif _num(row[0]) in keep:
                yield line, row

    def check_files(self) -> None:
        """Open every file so that one of the wrong kind is refused before loading."""
        for kind in self.files:
            next(iter(self._rows(kind, quiet=True)), None)

    def records(self) -> Iterator[Node | Edge]:
        self.check_files()
        yield from self._titles()
        self._collect_people()
        yield from self._names()
        yield from self._principals()
        yield from self._crew()
        yield from self._akas()

    def _titles(self) -> Iterator[Film]:
        for line, row in self._rows("title.basics"):
            if self.limit is not None and len(self.kept) >= self.limit:
                return
            film = self.title_row(line, row)
            if film is not None:
                self.kept.add(_num(film.imdb or ""))
                yield film

    def title_row(self, line: int, row: list[str]) -> Film | None:
        """The Film of one title.basics row, or None (another title type, or rejected)."""
        kind = "title.basics"
        tconst, title_type, primary, original = row[0], row[1], row[2], row[3]
        if self.title_types is not None and title_type not in self.title_types:
            return None
        if not _valid_id(tconst, "tt"):
            self._reject(kind, line, f"not an IMDb title id: {tconst!r}", "tconst")
            return None
        return self._make(  # type: ignore[no-any-return]
            kind,
            line,
            Film,
            title=_null(primary) or _null(original) or "",
            original_title=_null(original),
            year=_year(row[5]),
            title_type=_null(title_type),
            imdb=tconst,
            sources=source(kind),
        )

    def _collect_people(self) -> None:
        """Who is credited on a kept film (a quiet first pass over principals and crew)."""
        kept, people = self.kept, self.people
        for _line, row in self._rows("title.principals", quiet=True):
            if _valid_id(row[0], "tt") and _num(row[0]) in kept and _valid_id(row[2], "nm"):
                people.add(_num(row[2]))
        for _line, row in self._rows("title.crew", quiet=True):
            if _valid_id(row[0], "tt") and _num(row[0]) in kept:
                for cell in (row[1], row[2]):
                    if cell != NULL:
                        people.update(_num(n) for n in cell.split(",") if _valid_id(n, "nm"))

    def _names(self) -> Iterator[Person]:
        for line, row in self._kept_rows("name.basics", self.people):
            person = self.name_row(line, row)
            if person is not None:
                yield person

    def name_row(self, line: int, row: list[str]) -> Person | None:
        """The Person of one name.basics row (its id already checked), or None (rejected)."""
        kind = "name.basics"
        return self._make(  # type: ignore[no-any-return]
            kind,
            line,
            Person,
            name=_null(row[1]) or "",
            birth_year=_year(row[2]),
            imdb=row[0],
            sources=source(kind),
        )

    def _principals(self) -> Iterator[Edge]:
        for line, row in self._kept_rows("title.principals", self.kept):
            edge = self.principal_row(line, row)
            if edge is not None:
                yield edge

    def principal_row(self, line: int, row: list[str]) -> Edge | None:
        """The edge of one title.principals row of a kept film, or None (rejected)."""
        kind = "title.principals"
        tconst, ordering, nconst, category, job, characters = row
        if not _valid_id(nconst, "nm"):
            self._reject(kind, line, f"not an IMDb name id: {nconst!r}", "nconst")
            return None
        rel = CATEGORY_RELS.get(category)
        if rel is None and category not in OTHER_CATEGORIES:
            known = ", ".join(sorted({*CATEGORY_RELS, *OTHER_CATEGORIES}))
            self._reject(
                kind, line, f"unknown category {category!r} (IMDb uses: {known})", "category"
            )
            return None
        if not ordering.isdigit():
            self._reject(kind, line, f"ordering must be a number, not {ordering!r}", "ordering")
            return None
        fields: dict[str, Any] = {
            "from": keys.id_key(schema.PERSON, "imdb", nconst),
            "to": keys.id_key(schema.FILM, "imdb", tconst),
            "ordering": int(ordering),
            "jobs": [job] if _null(job) else [],
            "sources": source(kind),
        }
        if rel is ActedIn:
            roles = self._roles(line, characters)
            if roles is None:
                return None
            fields["roles"] = roles
        elif rel is None:
            rel = Credited
            fields["categories"] = [category]
        return self._make(kind, line, rel, **fields)  # type: ignore[no-any-return]

    def _roles(self, line: int, characters: str) -> list[str] | None:
        if characters == NULL:
            return []
        try:
            roles = json.loads(characters)
        except json.JSONDecodeError as exc:
            reason = f"characters is not a JSON list: {exc.msg} at column {exc.colno}"
            self._reject("title.principals", line, reason, "characters")
            return None
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            reason = 'characters must be a JSON list of names, e.g. ["Neo"]'
            self._reject("title.principals", line, reason, "characters")
            return None
        return [r for r in roles if r.strip()]

    def _crew(self) -> Iterator[Edge]:
        for line, row in self._kept_rows("title.crew", self.kept):
            yield from self.crew_row(line, row)

    def crew_row(self, line: int, row: list[str]) -> Iterator[Edge]:
        """The DIRECTED and WROTE edges of one title.crew row of a kept film."""
        kind = "title.crew"
        film = keys.id_key(schema.FILM, "imdb", row[0])
        for column, rel in ((1, Directed), (2, Wrote)):
            if row[column] == NULL:
                continue
            for nconst in row[column].split(","):
                if not _valid_id(nconst, "nm"):
                    field = HEADERS[kind][column]
                    self._reject(kind, line, f"not an IMDb name id: {nconst!r}", field)
                    continue
                ends: dict[str, Any] = {
                    "from": keys.id_key(schema.PERSON, "imdb", nconst),
                    "to": film,
                    "sources": source(kind),
                }
                yield rel(**ends)

    def _akas(self) -> Iterator[Film]:
        kind = "title.akas"
        current: str | None = None
        titles: list[str] = []
        first_line = 0
        for line, row in self._rows(kind):
            title_id, title = row[0], _null(row[2])
            if title_id != current:
                if current is not None and titles:
                    yield from self._aka_film(first_line, current, titles)
                current, titles, first_line = title_id, [], line
            if title is not None and title not in titles:
                titles.append(title)
        if current is not None and titles:
            yield from self._aka_film(first_line, current, titles)

    def _aka_film(self, line: int, tconst: str, titles: list[str]) -> Iterator[Film]:
        kind = "title.akas"
        if not _valid_id(tconst, "tt"):
            self._reject(kind, line, f"not an IMDb title id: {tconst!r}", "titleId")
            return
        if _num(tconst) not in self.kept:
            return
        # title only fills a gap: the node already has its title from title.basics.
        film = self._make(
            kind, line, Film, title=titles[0], aliases=titles, imdb=tconst, sources=source(kind)
        )
        if film is not None:
            yield film


def read_imdb(
    directory: Path,
    *,
    title_types: tuple[str, ...] | None = DEFAULT_TITLE_TYPES,
    limit: int | None = None,
    on_error: ErrorHandler = raise_error,
    progress: ReadProgress | None = None,
) -> Iterator[Node | Edge]:
    """Stream the records of an IMDb dataset directory (see the module docs)."""
    reader = ImdbReader(
        directory, title_types=title_types, limit=limit, on_error=on_error, progress=progress
    )
    return reader.records()
