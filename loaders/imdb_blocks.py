"""Tab-separated files read a block of lines at a time into Arrow, for column-wise loaders.

:func:`blocks` gives the same rows, line numbers and rejects as
:func:`loaders.files.tsv_rows` (header check, rows of the wrong width), but as Arrow
columns, tens of megabytes at a time, so that a loader can map millions of rows with
Arrow compute instead of Python. Where the block reader cannot be exact, the rest of the
file is read by ``tsv_rows`` itself: from a block that does not decode as UTF-8, a
damaged ``.gz``, or text holding a carriage return (which ``tsv_rows`` reads as a line
end); such a :class:`Block` carries Python rows instead of columns.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.compute as pc

from graph.errors import BadInputError
from loaders.common import ErrorHandler
from loaders.files import DAMAGE, ReadProgress, Tracked, check_header, tsv_rows, width_error

BLOCK_BYTES = 32 * 2**20
#: Rows per block when the rest of a file is read by ``tsv_rows``.
PYTHON_ROWS = 100_000


@dataclass
class Block:
    """Rows of one file: Arrow ``fields`` (one list per row) with their ``lines``, or
    ``rows`` of ``(line, fields)`` read by ``tsv_rows`` (then ``fields`` is None)."""

    fields: pa.ListArray | None = None
    lines: pa.Int64Array | None = None
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def column(self, index: int) -> pa.StringArray:
        assert self.fields is not None
        return pc.list_element(self.fields, index)

    def row(self, position: int) -> tuple[int, list[str]]:
        """One row as ``tsv_rows`` gives it (for the rows handled one at a time)."""
        assert self.fields is not None and self.lines is not None
        return self.lines[position].as_py(), self.fields[position].as_py()

    def __len__(self) -> int:
        return len(self.lines) if self.lines is not None else len(self.rows)


class _TakeOver(Exception):
    """The block reader stops here; ``tsv_rows`` reads on from ``line``."""

    def __init__(self, line: int) -> None:
        self.line = line


def _open(path: Path) -> tuple[BinaryIO, BinaryIO | gzip.GzipFile]:
    try:
        raw: BinaryIO = path.open("rb")
    except OSError as exc:
        raise BadInputError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    magic = raw.read(2)
    raw.seek(0)
    return raw, (gzip.GzipFile(fileobj=raw, mode="rb") if magic == b"\x1f\x8b" else raw)


def _chunks(stream: BinaryIO | gzip.GzipFile, line: Callable[[], int]) -> Iterator[str]:
    """Decoded text ending at a line end (the last chunk: wherever the file ends)."""
    tail = b""
    while True:
        try:
            chunk = stream.read(BLOCK_BYTES)
        except DAMAGE as exc:
            raise _TakeOver(line()) from exc
        data = tail + chunk
        if chunk:
            cut = data.rfind(b"\n") + 1
            data, tail = data[:cut], data[cut:]
            if not data:
                continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _TakeOver(line()) from exc
        if "\r" in text:
            raise _TakeOver(line())
        if text:
            yield text
        if not chunk:
            return


def _lines(text: str) -> pa.StringArray:
    lines = pc.split_pattern(pa.array([text], pa.large_string()), "\n").flatten()
    if text.endswith("\n"):
        lines = lines.slice(0, len(lines) - 1)
    return lines.cast(pa.string())


def blocks(
    path: Path,
    kind: str,
    header: Sequence[str],
    on_error: ErrorHandler,
    progress: ReadProgress | None = None,
    known: dict[str, str] | None = None,
) -> Iterator[Block]:
    """The rows of a tab-separated file with a header (IMDb format), a block at a time."""
    raw, stream = _open(path)
    tracked = Tracked(raw, progress)
    width, next_line = len(header), 1

    def where() -> int:
        return next_line

    try:
        with stream:
            for text in _chunks(stream, where):
                lines = _lines(text)
                if next_line == 1:
                    check_header(lines[0].as_py().split("\t"), header, path, kind, known or {})
                    lines, next_line = lines.slice(1), 2
                block = _block(lines, next_line, width, header, path, on_error)
                next_line += len(lines)
                if progress is not None:
                    progress.rows += len(block)
                yield block
            if next_line == 1:  # an empty file: refused as tsv_rows refuses it
                check_header([""], header, path, kind, known or {})
    except _TakeOver as stop:
        yield from _python_rows(path, kind, header, on_error, progress, known, stop.line)
    finally:
        tracked.finish()


def _block(
    lines: pa.StringArray,
    first: int,
    width: int,
    header: Sequence[str],
    path: Path,
    on_error: ErrorHandler,
) -> Block:
    fields = pc.split_pattern(lines, "\t")
    numbers = pa.array(range(first, first + len(lines)), pa.int64())
    widths = pc.list_value_length(fields)
    wrong = pc.not_equal(widths, width)
    if pc.any(wrong).as_py():
        for line, found in zip(
            numbers.filter(wrong).to_pylist(), widths.filter(wrong).to_pylist(), strict=True
        ):
            on_error(width_error(path, line, width, found, header, "tab-separated"))
        right = pc.invert(wrong)
        fields, numbers = fields.filter(right), numbers.filter(right)
    return Block(fields=fields, lines=numbers)


def _python_rows(
    path: Path,
    kind: str,
    header: Sequence[str],
    on_error: ErrorHandler,
    progress: ReadProgress | None,
    known: dict[str, str] | None,
    start: int,
) -> Iterator[Block]:
    """Lines from ``start`` on, as ``tsv_rows`` reads them (its rejects before ``start``
    were already given by the block reader)."""

    def later(error: BadInputError) -> None:
        if error.line is None or error.line >= start:
            on_error(error)

    rows: list[tuple[int, list[str]]] = []
    for line, fields in tsv_rows(path, kind, header, later, None, known):
        if line < start:
            continue
        rows.append((line, fields))
        if len(rows) == PYTHON_ROWS:
            yield _counted(Block(rows=rows), progress)
            rows = []
    if rows:
        yield _counted(Block(rows=rows), progress)


def _counted(block: Block, progress: ReadProgress | None) -> Block:
    if progress is not None:
        progress.rows += len(block)
    return block
