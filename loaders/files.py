"""Reading input files for loaders: plain or gzip, header checks, rows with line numbers.

Everything here streams: a file is read a line (or CSV record) at a time. A
damaged file does not raise out of a loader: a truncated or corrupt ``.gz``
and undecodable text are reported through ``on_error`` with file and line,
and the rows before the damage are kept. A file whose header is not the one
expected (``name.basics`` given as ``title.basics``) is refused up front with
a :class:`~graph.errors.BadInputError` that says what was expected.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from graph.errors import BadInputError
from loaders.common import ErrorHandler

# Credits cells of the TMDB files hold whole JSON documents (the full 40 MB
# credits file has cells over 100 KB; the csv default limit is 128 KiB).
csv.field_size_limit(2**31 - 1)

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class ReadProgress:
    """Rows read and bytes consumed, for progress bars and the end summary.

    Loaders bump ``rows``; ``position()`` is how far into the inputs reading
    has got (compressed bytes for ``.gz``), against ``total`` bytes.
    """

    rows: int = 0
    total: int = 0
    done: int = 0
    _current: list[BinaryIO] = field(default_factory=list)

    def add_total(self, *paths: Path) -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                self.total += path.stat().st_size

    def position(self) -> int:
        current = 0
        if self._current and not self._current[0].closed:
            try:
                current = self._current[0].tell()
            except (OSError, ValueError):
                current = 0
        return self.done + current

    def fraction(self) -> float | None:
        return min(self.position() / self.total, 1.0) if self.total else None


class Tracked:
    """Registers the raw file being read with a :class:`ReadProgress`."""

    def __init__(self, raw: BinaryIO, progress: ReadProgress | None) -> None:
        self.raw = raw
        self.progress = progress
        self.size = os.fstat(raw.fileno()).st_size
        if progress is not None:
            progress._current[:] = [raw]

    def finish(self) -> None:
        if self.progress is not None:
            self.progress.done += self.size
            self.progress._current.clear()


def open_text(path: Path, progress: ReadProgress | None = None) -> tuple[TextIO, Tracked]:
    """Open ``path`` as UTF-8 text, un-gzipping when the file starts with the gzip magic."""
    try:
        raw: BinaryIO = path.open("rb")
    except OSError as exc:
        raise BadInputError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    tracked = Tracked(raw, progress)
    magic = raw.read(2)
    raw.seek(0)
    binary = gzip.GzipFile(fileobj=raw, mode="rb") if magic == _GZIP_MAGIC else raw
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    return text, tracked


def damage_error(exc: Exception, path: Path, line: int) -> BadInputError:
    if isinstance(exc, UnicodeDecodeError):
        reason = f"not UTF-8 text ({exc.reason}); the rest of the file is skipped"
    elif isinstance(exc, EOFError):
        reason = "the .gz file is truncated (ends before the end-of-stream marker)"
        reason += "; rows before this point were read, the rest is missing"
    else:
        reason = f"the .gz file is corrupt ({exc}); the rest of the file is skipped"
    return BadInputError(reason, path=str(path), line=line)


DAMAGE = (EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError)


def check_header(
    found: Sequence[str], expected: Sequence[str], path: Path, kind: str, known: dict[str, str]
) -> None:
    if list(found[: len(expected)]) == list(expected):
        return
    guess = next((name for name, first in known.items() if found and found[0] == first), None)
    hint = f" It looks like {guess}." if guess and guess != kind else ""
    raise BadInputError(
        f"this is not a {kind} file: expected a header starting with "
        f"{' | '.join(expected)!r}, found {' | '.join(found[:6])!r}.{hint}",
        path=str(path),
        line=1,
    )


def tsv_rows(
    path: Path,
    kind: str,
    header: Sequence[str],
    on_error: ErrorHandler,
    progress: ReadProgress | None = None,
    known: dict[str, str] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """``(line number, fields)`` of a tab-separated file without quoting (IMDb format).

    Rows with a wrong number of columns go to ``on_error``; ``known`` maps
    other file kinds to their first header column, to name a wrong file.
    """
    text, tracked = open_text(path, progress)
    width = len(header)
    number = 1
    try:
        with text:
            check_header(
                text.readline().rstrip("\r\n").split("\t"), header, path, kind, known or {}
            )
            for number, line in enumerate(text, start=2):
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) != width:
                    on_error(width_error(path, number, width, len(fields), header, "tab-separated"))
                    continue
                if progress is not None:
                    progress.rows += 1
                yield number, fields
    except DAMAGE as exc:
        on_error(damage_error(exc, path, number + 1))
    finally:
        tracked.finish()


def width_error(
    path: Path, line: int, width: int, found: int, header: Sequence[str], what: str
) -> BadInputError:
    return BadInputError(
        f"expected {width} {what} columns ({', '.join(header)}), found {found}",
        path=str(path),
        line=line,
    )


def csv_rows(
    path: Path,
    kind: str,
    required: Sequence[str],
    on_error: ErrorHandler,
    progress: ReadProgress | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row by column name)`` of a CSV file with a header row.

    The header must contain every ``required`` column, else the file is
    refused. The line number is where the record starts (fields may span lines).
    """
    text, tracked = open_text(path, progress)
    line = 1
    try:
        with text:
            reader = csv.reader(text)
            header = next(reader, [])
            missing = [c for c in required if c not in header]
            if missing:
                raise BadInputError(
                    f"this is not a {kind} file: expected a CSV header with the columns "
                    f"{', '.join(required)}, but {', '.join(missing)} missing "
                    f"(found {', '.join(header[:8]) or 'nothing'})",
                    path=str(path),
                    line=1,
                )
            width = len(header)
            line = reader.line_num + 1
            for fields in reader:
                start, line = line, reader.line_num + 1
                if len(fields) != width:
                    if fields:  # a blank line reads as []: skip it quietly
                        on_error(width_error(path, start, width, len(fields), header, "CSV"))
                    continue
                if progress is not None:
                    progress.rows += 1
                yield start, dict(zip(header, fields, strict=True))
    except csv.Error as exc:
        on_error(BadInputError(f"unreadable CSV: {exc}", path=str(path), line=line))
    except DAMAGE as exc:
        on_error(damage_error(exc, path, line))
    finally:
        tracked.finish()
