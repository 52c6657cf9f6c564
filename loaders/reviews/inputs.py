"""Review inputs: text/Markdown files, directories, JSON Lines, the aclImdb tarball.

Every reader is a generator of :class:`RawReview` and streams: a text file is
one review (read up to :data:`MAX_REVIEW_BYTES`), a JSON Lines file is read line
by line, the aclImdb tarball member by member. Bad input goes to ``on_error``
as a :class:`~graph.errors.BadInputError` naming the file (and line), and the
run goes on.
"""

from __future__ import annotations

import codecs
import json
import re
import tarfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.errors import BadInputError
from loaders.common import ErrorHandler, raise_error
from loaders.reviews import tarwalk
from loaders.reviews.tarwalk import Member

MAX_REVIEW_BYTES = 1_000_000  # one review; a bigger "review" is rejected, not read
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
_ACL_MEMBER = re.compile(
    r"(?P<dir>.*?)/?(?P<label>pos|neg|unsup)/(?P<id>\d+)_(?P<rating>\d+)\.txt$"
)
_ACL_URLS = re.compile(r"(?P<dir>.*?)/?urls_(?P<label>pos|neg|unsup)\.txt$")
_IMDB_URL = re.compile(r"/title/(tt\d{7,})")
_MAX_URLS_BYTES = 64_000_000  # a urls_*.txt file: one line per review (0.6 MB for 12,500)


@dataclass(frozen=True)
class FilmHint:
    """What the source says about the reviewed film."""

    title: str | None = None
    year: int | None = None
    imdb: str | None = None


@dataclass
class RawReview:
    """One review as read: text plus whatever metadata the source gave."""

    source: str
    text: str
    language: str | None = None
    url: str | None = None
    film: FilmHint | None = None
    author: str | None = None
    date: str | None = None


@dataclass
class InputStats:
    """Counts of what the readers saw: reviews read, files skipped as not reviews."""

    read: int = 0
    skipped: int = 0
    skipped_paths: list[str] = field(default_factory=list)


def read_reviews(
    paths: Iterable[Path],
    *,
    on_error: ErrorHandler = raise_error,
    stats: InputStats | None = None,
) -> Iterator[RawReview]:
    """Yield the reviews in files, directories, JSON Lines files and aclImdb tarballs."""
    stats = stats if stats is not None else InputStats()
    for path in paths:
        for review in _read_path(path, on_error, stats):
            stats.read += 1
            yield review


def _read_path(path: Path, on_error: ErrorHandler, stats: InputStats) -> Iterator[RawReview]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.startswith(".") or not _is_review_file(child):
                stats.skipped += 1
                stats.skipped_paths.append(str(child))
                continue
            yield from _read_path(child, on_error, stats)
    elif not path.exists():
        on_error(BadInputError("no such file or directory", path=str(path)))
    elif path.name.endswith(TAR_SUFFIXES):
        yield from read_aclimdb(path, on_error=on_error)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path, on_error=on_error)
    else:
        review = read_text_file(path, on_error=on_error)
        if review is not None:
            yield review


def _is_review_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in JSONL_SUFFIXES or path.name.endswith(TAR_SUFFIXES)


def decode(data: bytes, where: str, line: int | None = None) -> str:
    """UTF-8 (a BOM is dropped; UTF-16 with a BOM is detected) or a BadInputError."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadInputError(f"broken UTF-16 text ({exc.reason})", path=where) from exc
    if b"\x00" in data[:8192]:
        raise BadInputError("binary file, not text", path=where, line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("cp1252")
            hint = "; it looks like Latin-1/Windows-1252: convert it with iconv -f cp1252 -t utf-8"
        except UnicodeDecodeError:
            pass
        raise BadInputError(
            f"not UTF-8 text (byte {exc.start}: {exc.reason}){hint}", path=where, line=line
        ) from exc


def read_text_file(path: Path, *, on_error: ErrorHandler = raise_error) -> RawReview | None:
    """One review from a text or Markdown file, or None after reporting why not."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_REVIEW_BYTES + 1)
        if len(data) > MAX_REVIEW_BYTES:
            raise BadInputError(
                f"larger than {MAX_REVIEW_BYTES:,} bytes: not a single review", path=str(path)
            )
        text = decode(data, str(path))
        if not text.strip():
            raise BadInputError("empty file: no review text", path=str(path))
    except OSError as exc:
        on_error(BadInputError(f"cannot read the file: {exc.strerror}", path=str(path)))
        return None
    except BadInputError as exc:
        on_error(exc)
        return None
    return RawReview(source=f"file:{path.resolve()}", text=text)


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; a line longer than ``limit`` is consumed and yields None."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def read_jsonl(path: Path, *, on_error: ErrorHandler = raise_error) -> Iterator[RawReview]:
    """Reviews from JSON Lines: ``text`` plus optional url, language, film, author, date."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        on_error(BadInputError(f"cannot read the file: {exc.strerror}", path=str(path)))
        return
    with handle:
        for number, line in enumerate(_bounded_lines(handle, MAX_REVIEW_BYTES), start=1):
            try:
                if line is None:
                    raise BadInputError(
                        f"line longer than {MAX_REVIEW_BYTES:,} bytes: not a single review",
                        path=str(path),
                        line=number,
                    )
                if not line.strip():
                    continue
                yield _jsonl_review(decode(line, str(path), number), path, number)
            except BadInputError as exc:
                exc.line = exc.line or number
                on_error(BadInputError(exc.reason, path=str(path), line=number, field=exc.field))


def _jsonl_review(line: str, path: Path, number: int) -> RawReview:
    def bad(reason: str, field_name: str | None = None) -> BadInputError:
        return BadInputError(reason, path=str(path), line=number, field=field_name)

    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(data, dict):
        raise bad("expected a JSON object with a 'text' field")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad("missing or empty review text", "text")
    for name in ("url", "language", "author", "date"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise bad("must be a string", name)
    language = data.get("language")
    if language is not None and language not in ("de", "en"):
        raise bad("must be 'de' or 'en' (or left out to detect it)", "language")
    url = data.get("url")
    source = url or f"file:{path.resolve()}#L{number}"
    return RawReview(
        source=source,
        text=text,
        language=language,
        url=url,
        film=_film_hint(data.get("film"), bad),
        author=data.get("author"),
        date=data.get("date"),
    )


def _film_hint(value: Any, bad: Any) -> FilmHint | None:
    if value is None:
        return None
    if isinstance(value, str):
        return FilmHint(title=value)
    if not isinstance(value, dict):
        raise bad("must be a title or an object with title/year/imdb", "film")
    year = value.get("year")
    if year is not None and not (isinstance(year, int) and 1850 <= year <= 2100):
        raise bad("year must be a number between 1850 and 2100", "film.year")
    imdb = value.get("imdb")
    if imdb is not None and not (isinstance(imdb, str) and re.fullmatch(r"tt\d{7,}", imdb)):
        raise bad("imdb must look like tt0133093", "film.imdb")
    title = value.get("title")
    return FilmHint(title=title if isinstance(title, str) else None, year=year, imdb=imdb)


def read_aclimdb(path: Path, *, on_error: ErrorHandler = raise_error) -> Iterator[RawReview]:
    """Reviews of the Large Movie Review Dataset tarball, each tied to its IMDb title.

    Two streaming passes: the first keeps only the ``urls_*.txt`` lines (the
    IMDb id per review id), the second yields the reviews member by member. Both
    walk the archive with :mod:`~loaders.reviews.tarwalk`, or with tarfile when the
    first pass finds a tar feature that walk does not read.
    """
    try:
        try:
            urls = _acl_urls(tarwalk.files(path, _is_urls_file, _MAX_URLS_BYTES))
            reviews = tarwalk.files(path, _is_review_member, MAX_REVIEW_BYTES)
        except tarwalk.Unsupported:
            urls = _acl_urls(_tarfile_files(path, _is_urls_file, _MAX_URLS_BYTES))
            reviews = _tarfile_files(path, _is_review_member, MAX_REVIEW_BYTES)
        for name, data in reviews:
            review = _acl_review(name, data, urls, path, on_error)
            if review is not None:
                yield review
    except (OSError, tarfile.TarError, EOFError, tarwalk.Unsupported) as exc:
        on_error(BadInputError(f"cannot read the archive: {exc}", path=str(path)))


def _is_urls_file(name: str) -> bool:
    return _ACL_URLS.match(name) is not None


def _is_review_member(name: str) -> bool:
    return _ACL_MEMBER.match(name) is not None


def _tarfile_files(path: Path, want: Callable[[str], bool], max_size: int) -> Iterator[Member]:
    """What :func:`tarwalk.files` yields, read by tarfile (any tar format and compression)."""
    with tarfile.open(path, "r|*") as archive:
        for member in archive:
            if member.isfile() and want(member.name):
                handle = archive.extractfile(member)
                if handle is None or member.size > max_size:
                    yield member.name, None
                else:
                    yield member.name, handle.read()


def _acl_urls(files: Iterable[Member]) -> dict[tuple[str, str], list[str | None]]:
    urls: dict[tuple[str, str], list[str | None]] = {}
    for name, data in files:
        match = _ACL_URLS.match(name)
        if match is None or data is None:
            continue
        ids: list[str | None] = []
        for line in data.decode("utf-8", "replace").splitlines():
            found = _IMDB_URL.search(line)
            ids.append(found.group(1) if found else None)
        urls[(match["dir"], match["label"])] = ids
    return urls


def _acl_review(
    name: str,
    data: bytes | None,
    urls: dict[tuple[str, str], list[str | None]],
    path: Path,
    on_error: ErrorHandler,
) -> RawReview | None:
    where = f"{path}:{name}"
    try:
        if data is None:
            raise BadInputError(f"larger than {MAX_REVIEW_BYTES:,} bytes", path=where)
        text = decode(data, where).replace("<br />", "\n")
        if not text.strip():
            raise BadInputError("empty review", path=where)
    except BadInputError as exc:
        on_error(exc)
        return None
    match = _ACL_MEMBER.match(name)
    assert match is not None, "only review members are read"
    ids = urls.get((match["dir"], match["label"]), [])
    index = int(match["id"])
    imdb = ids[index] if index < len(ids) else None
    return RawReview(
        source=f"aclImdb:{name.split('aclImdb/', 1)[-1]}",
        text=text,
        language="en",
        film=FilmHint(imdb=imdb) if imdb else None,
    )
