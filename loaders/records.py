"""The JSON Lines interchange format: one node or edge per line.

Each line is a JSON object with a ``type``: a node label (``Film``,
``Person``, ``Review``) or a relationship type (``ACTED_IN``, ``DIRECTED``,
``WROTE``, ``PRODUCED``, ``CREDITED``, ``MENTIONS``, ``REVIEWS``) and the
fields of that record in :mod:`graph.model`. Edges name their ends by key::

    {"type": "Film", "title": "The Matrix", "year": 1999, "imdb": "tt0133093"}
    {"type": "Person", "name": "Keanu Reeves", "imdb": "nm0000206"}
    {"type": "ACTED_IN", "from": "person:imdb:nm0000206",
     "to": "film:imdb:tt0133093", "roles": ["Neo"]}

``sources`` (provenance) defaults to ``records:<file name>``. Blank lines and
lines starting with ``//`` are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from graph.errors import BadInputError
from graph.model import RECORD_TYPES, Edge, Node, parse_record
from loaders.common import ErrorHandler, from_validation, raise_error


def read_records(path: Path, on_error: ErrorHandler = raise_error) -> Iterator[Node | Edge]:
    """Yield the records of a JSON Lines file, streaming; bad lines go to ``on_error``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise BadInputError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    default_sources = [f"records:{path.name}"]
    with handle:
        # Bytes, decoded line by line: a text-mode reader decodes ahead in chunks, so
        # one bad byte would be blamed on an earlier line and end the whole file.
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                on_error(
                    BadInputError(f"not UTF-8 text ({exc.reason})", path=str(path), line=number)
                )
                continue
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            record = _parse_line(line, path, number, default_sources, on_error)
            if record is not None:
                yield record


def _parse_line(
    line: str, path: Path, number: int, default_sources: list[str], on_error: ErrorHandler
) -> Node | Edge | None:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        on_error(
            BadInputError(
                f"invalid JSON: {exc.msg} at column {exc.colno}", path=str(path), line=number
            )
        )
        return None
    if not isinstance(data, dict):
        on_error(BadInputError("expected a JSON object", path=str(path), line=number))
        return None
    if data.get("type") not in RECORD_TYPES:
        reason = f"type must be one of {', '.join(RECORD_TYPES)}, not {data.get('type')!r}"
        on_error(BadInputError(reason, path=str(path), line=number, field="type"))
        return None
    data.setdefault("sources", default_sources)
    try:
        return parse_record(data)
    except ValidationError as exc:
        on_error(from_validation(exc, path, number))
        return None
