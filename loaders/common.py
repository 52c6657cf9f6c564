"""What every loader shares: error reporting with file, line and field.

A loader is a generator of records. When an input line is bad it does not
stop: it hands a :class:`~graph.errors.BadInputError` to the ``on_error``
callback its caller gave (the CLI prints and counts them) and goes on. With
no callback the error is raised, which suits library use and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from graph.errors import BadInputError

ErrorHandler = Callable[[BadInputError], None]


def raise_error(error: BadInputError) -> None:
    raise error


def from_validation(exc: ValidationError, path: Path | str, line: int | None) -> BadInputError:
    """The first problem pydantic found, as a message naming file, line and field."""
    first = exc.errors()[0]
    # Drop the union-member names pydantic puts in the location (e.g. "Film").
    loc = [str(p) for p in first["loc"] if not (isinstance(p, str) and p[:1].isupper())]
    field = ".".join(loc) or first.get("ctx", {}).get("field")
    reason = first["msg"]
    if first["type"] == "extra_forbidden":
        reason = "unknown field (the record format is closed; see README 'Records format')"
    elif first["type"] == "value_error":
        # Our own validators' messages, without pydantic's "Value error, " prefix.
        reason = str(first["ctx"]["error"])
    elif first["type"] == "union_tag_invalid":
        reason = first["msg"].replace("tag", "type")
    more = len(exc.errors()) - 1
    if more:
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return BadInputError(reason, path=str(path), line=line, field=field)
