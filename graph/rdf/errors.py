"""Parser exceptions of rdflib (one type per format) as BadInputError with line and column."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax import SAXParseException

from rdflib.plugins.parsers.notation3 import BadSyntax

from graph.errors import BadInputError


def parse_error(exc: Exception, path: Path, parser: str) -> BadInputError:
    """``file:line``, the column and the parser's reason, whatever parser raised ``exc``."""
    line, column, reason = _locate(exc, path, parser)
    where = f"column {column}: " if column is not None else ""
    return BadInputError(
        f"not valid {parser} RDF: {where}{reason}; nothing from this file was imported",
        path=str(path),
        line=line,
    )


def _locate(exc: Exception, path: Path, parser: str) -> tuple[int | None, int | None, str]:
    if isinstance(exc, BadSyntax):
        text, index = exc._str, exc._i
        column = index - (text.rfind(b"\n", 0, index) + 1) + 1
        return exc.lines + 1, column, exc._why
    if isinstance(exc, SAXParseException):
        sax_column: int | None = exc.getColumnNumber()
        line, message = exc.getLineNumber(), exc.getMessage()
        return line, None if sax_column is None else sax_column + 1, message
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno, exc.colno, exc.msg
    message = str(exc)
    if parser in ("nt", "nquads"):  # line-based: rdflib does not say which line; find it
        return _line_based_location(message, path, parser)
    return None, None, message.splitlines()[0] if message else type(exc).__name__


def _line_based_location(
    message: str, path: Path, parser: str
) -> tuple[int | None, int | None, str]:
    """Parse line by line (only after a failure) to find the first bad line and column."""
    import rdflib

    reason = message.split(" at ", 1)[0] if " at " in message else message
    reason = reason.removeprefix("Invalid line: ")
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip() or text.lstrip().startswith("#"):
                    continue
                try:
                    rdflib.Dataset().parse(data=text, format=parser)
                except Exception as exc:  # the first line that fails is the one
                    return (number, *_column(str(exc), text))
    except OSError:
        pass
    return None, None, reason


def _column(message: str, text: str) -> tuple[int | None, str]:
    """rdflib's N-Triples messages end with the text it could not read: find it in the line."""
    if message.startswith("Invalid line: "):
        rest, reason = message.removeprefix("Invalid line: "), "cannot read"
    elif " at " in message:
        reason, rest = message.split(" at ", 1)[0], message.rsplit(" at ", 1)[-1]
    else:
        return None, message
    rest = rest.strip()
    line = text.rstrip("\r\n")
    column = line.rfind(rest) + 1 if rest and rest in line else None
    return column, f"{reason} {rest[:60]!r}"
