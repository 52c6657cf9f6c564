"""schema.org JSON-LD to Film, Person, Review and credit records.

Input: ``.jsonld``/``.json`` files, and saved HTML pages whose
``<script type="application/ld+json">`` blocks carry the metadata (how film
and review sites publish it). A document may be one object, a list, or an
object with an ``@graph`` list; values may be single or lists.

- ``Movie``: a :class:`Film` (``name`` -> title, ``alternateName`` -> aliases,
  ``datePublished``/``dateCreated`` -> year); ids from ``sameAs``, ``url`` and
  ``@id`` (imdb.com/title/tt…, wikidata.org/…/Q…, themoviedb.org/movie/…).
- ``actor`` -> ACTED_IN (a ``PerformanceRole`` gives ``characterName`` as role),
  ``director`` -> DIRECTED, ``author``/``creator`` -> WROTE, ``producer`` ->
  PRODUCED, ``musicBy`` -> CREDITED(categories=["composer"]): each a
  :class:`Person` (``alternateName`` -> aliases) with ids from the same links
  (imdb.com/name/nm…, themoviedb.org/person/…).
- ``Review`` (top level, or in a Movie's ``review``) with ``itemReviewed``: a
  :class:`Review` (``reviewBody``, author name, ``datePublished``,
  ``inLanguage``) and REVIEWS to the film.

A JSON-LD document is parsed whole (that is what a JSON document is); HTML is
fed to the standard library's parser in chunks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.errors import BadInputError
from graph.model import (
    ActedIn,
    Credited,
    Directed,
    Edge,
    Film,
    Node,
    Person,
    Produced,
    Review,
    Reviews,
    Wrote,
)
from loaders.common import ErrorHandler, from_validation, raise_error
from loaders.files import ReadProgress

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".jsonld", ".json")
_IDS = {
    "Film": (
        ("imdb", re.compile(r"imdb\.com/title/(tt\d{7,})")),
        ("tmdb", re.compile(r"themoviedb\.org/movie/(\d+)")),
    ),
    "Person": (
        ("imdb", re.compile(r"imdb\.com/name/(nm\d{7,})")),
        ("tmdb", re.compile(r"themoviedb\.org/person/(\d+)")),
    ),
}
_QID = re.compile(r"wikidata\.org/(?:wiki|entity)/(Q[1-9]\d*)")
_YEAR = re.compile(r"^(\d{4})")
_CREW: dict[str, tuple[type[Edge], dict[str, Any]]] = {
    "director": (Directed, {}),
    "author": (Wrote, {}),
    "creator": (Wrote, {}),
    "producer": (Produced, {}),
    "musicBy": (Credited, {"categories": ["composer"]}),
}


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(item: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in _list(item.get("@type"))}


def _text(value: Any) -> str | None:
    """A plain string from a string, a ``{"@value": …}`` or a named object."""
    for v in _list(value):
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, dict):
            inner = v.get("@value", v.get("name"))
            if isinstance(inner, str) and inner.strip():
                return inner.strip()
    return None


def _links(item: dict[str, Any]) -> list[str]:
    return [str(v) for key in ("sameAs", "url", "@id") for v in _list(item.get(key)) if v]


def _ids(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    for link in _links(item):
        for field, pattern in _IDS[kind]:
            match = pattern.search(link)
            if match and field not in ids:
                ids[field] = int(match[1]) if field == "tmdb" else match[1]
        qid = _QID.search(link)
        if qid and "qid" not in ids:
            ids["qid"] = qid[1]
    return ids


def _year(item: dict[str, Any]) -> int | None:
    for key in ("datePublished", "dateCreated", "startDate"):
        match = _YEAR.match(_text(item.get(key)) or "")
        if match and 1850 <= int(match[1]) <= 2100:
            return int(match[1])
    return None


class _Document:
    """The records of one JSON-LD document (a file, or one script block)."""

    def __init__(self, path: Path, line: int | None, index: int, on_error: ErrorHandler) -> None:
        self.path, self.line, self.on_error = path, line, on_error
        self.source = [f"jsonld:{path.name}"]
        self.index = index  # position of the document in its file, for review sources

    def reject(self, reason: str, field: str | None = None) -> None:
        self.on_error(BadInputError(reason, path=str(self.path), line=self.line, field=field))

    def build(self, cls: type[Any], **fields: Any) -> Any:
        try:
            return cls(**fields, sources=self.source)
        except ValidationError as exc:
            error = from_validation(exc, self.path, self.line)
            self.reject(f"{cls.__name__}: {error.reason}", error.field)
            return None

    def items(self, data: Any) -> Iterator[dict[str, Any]]:
        for item in _list(data):
            if isinstance(item, dict):
                if "@graph" in item:
                    yield from self.items(item["@graph"])
                else:
                    yield item

    def records(self, data: Any, *, expect: bool) -> Iterator[Node | Edge]:
        """``expect``: report a document with no Movie or Review (a JSON-LD file, not a page)."""
        seen: set[str] = set()
        for number, item in enumerate(self.items(data)):
            types = _types(item)
            seen |= types
            if "Movie" in types:
                yield from self.movie(item)
            elif "Review" in types:
                yield from self.review(item, None, number)
        if expect and not seen & {"Movie", "Review"}:
            found = ", ".join(sorted(seen)) or "no @type at all"
            self.reject(f"no schema.org Movie or Review in this document (found {found})", "@type")

    def movie(self, item: dict[str, Any]) -> Iterator[Node | Edge]:
        title = _text(item.get("name"))
        if title is None:
            self.reject("a Movie without a name", "name")
            return
        aliases = [a for a in (_text(v) for v in _list(item.get("alternateName"))) if a]
        film = self.build(
            Film, title=title, year=_year(item), aliases=aliases, **_ids("Film", item)
        )
        if film is None:
            return
        yield film
        for position, entry in enumerate(_list(item.get("actor"))):
            yield from self.actor(entry, film.key, position)
        for prop, (rel, extra) in _CREW.items():
            for entry in _list(item.get(prop)):
                yield from self.credit(entry, film.key, rel, extra)
        for number, review in enumerate(_list(item.get("review"))):
            if isinstance(review, dict):
                yield from self.review(review, film, number)

    def person(self, entry: Any) -> Person | None:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or "Organization" in _types(entry):
            return None
        name = _text(entry.get("name"))
        if name is None:
            self.reject("a Person without a name", "name")
            return None
        aliases = [a for a in (_text(v) for v in _list(entry.get("alternateName"))) if a]
        person = self.build(Person, name=name, aliases=aliases, **_ids("Person", entry))
        return person  # type: ignore[no-any-return]

    def actor(self, entry: Any, film_key: str, position: int) -> Iterator[Node | Edge]:
        roles: list[str] = []
        if isinstance(entry, dict) and "PerformanceRole" in _types(entry):
            roles = [r for r in (_text(v) for v in _list(entry.get("characterName"))) if r]
            entry = _list(entry.get("actor"))[0] if entry.get("actor") else None
        yield from self.credit(entry, film_key, ActedIn, {"roles": roles, "ordering": position})

    def credit(
        self, entry: Any, film_key: str, rel: type[Edge], extra: dict[str, Any]
    ) -> Iterator[Node | Edge]:
        person = self.person(entry)
        if person is None:
            return
        edge = self.build(rel, **{"from": person.key, "to": film_key}, **extra)
        if edge is not None:
            yield person
            yield edge

    def review(self, item: dict[str, Any], film: Film | None, number: int) -> Iterator[Node | Edge]:
        if film is None:
            reviewed = next(
                (i for i in _list(item.get("itemReviewed")) if isinstance(i, dict)), None
            )
            if reviewed is None or "Movie" not in _types(reviewed):
                self.reject("a Review without an itemReviewed Movie", "itemReviewed")
                return
            films = list(self.movie(reviewed))
            if not films:
                return
            yield from films
            film = films[0]  # type: ignore[assignment]
        assert film is not None
        url = _text(item.get("url")) or _text(item.get("@id"))
        language = (_text(item.get("inLanguage")) or "").split("-")[0].lower() or None
        review = self.build(
            Review,
            source=url or f"jsonld:{self.path.name}#{self.index}.{film.key}.{number}",
            language=language if language and language.isalpha() else None,
            author=_text(item.get("author")),
            date=_text(item.get("datePublished")),
            text=_text(item.get("reviewBody")),
        )
        if review is not None:
            yield review
            yield Reviews(**{"from": review.key, "to": film.key}, sources=self.source)


class _Scripts(HTMLParser):
    """Collects the text and line of every ``<script type="application/ld+json">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._inside: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._inside = (self.getpos()[0], [])

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.blocks.append((self._inside[0], "".join(self._inside[1])))
            self._inside = None


def _html_blocks(path: Path) -> Iterator[tuple[int, str]]:
    parser = _Scripts()
    with path.open(encoding="utf-8", errors="replace") as handle:
        while chunk := handle.read(1 << 16):
            parser.feed(chunk)
            yield from parser.blocks
            parser.blocks.clear()
    parser.close()
    yield from parser.blocks


def _documents(path: Path) -> Iterator[tuple[int | None, str]]:
    if path.suffix.lower() in HTML_SUFFIXES:
        yield from _html_blocks(path)
    else:
        yield None, path.read_text(encoding="utf-8")


def read_jsonld(
    paths: list[Path], *, on_error: ErrorHandler = raise_error, progress: ReadProgress | None = None
) -> Iterator[Node | Edge]:
    """Records from JSON-LD files and HTML pages; a directory is searched for both."""
    files = _expand(paths)
    if progress is not None:
        progress.add_total(*files)
    for path in files:
        try:
            documents = list(_documents(path))
        except (OSError, UnicodeDecodeError) as exc:
            on_error(BadInputError(f"cannot read the file: {exc}", path=str(path)))
            continue
        for index, (line, text) in enumerate(documents):
            yield from _parse(path, line, index, text, on_error)
        if progress is not None:
            progress.rows += len(documents)
            progress.done += path.stat().st_size


def _parse(
    path: Path, line: int | None, index: int, text: str, on_error: ErrorHandler
) -> Iterator[Node | Edge]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = (line or 1) + exc.lineno - 1
        on_error(BadInputError(f"invalid JSON-LD: {exc.msg} at column {exc.colno}",
                               path=str(path), line=where))  # fmt: skip
        return
    yield from _Document(path, line, index, on_error).records(data, expect=line is None)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES + JSON_SUFFIXES
            )
        elif path.is_file():
            files.append(path)
        else:
            raise BadInputError("no such file or directory", path=str(path))
    return files
