"""The one exception tree of reelgraph.

Every failure a user can cause or meet (bad input, an unreachable store, a
query that does not exist) is a :class:`ReelgraphError`; the CLI turns each
into ``Error: <message>`` and exit code 1. Anything else is a bug and keeps
its traceback. Messages say what failed, where, and how to fix it.
"""

from __future__ import annotations


class ReelgraphError(Exception):
    """Root of every expected reelgraph failure."""


class BadInputError(ReelgraphError):
    """An input record or file that cannot be used.

    ``where`` is ``file:line`` when known, ``field`` the offending field.
    """

    def __init__(
        self,
        reason: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self._render())

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def _render(self) -> str:
        parts = [p for p in (self.where, f"field {self.field!r}" if self.field else "") if p]
        prefix = ", ".join(parts)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class StoreError(ReelgraphError):
    """The store refused or failed an operation."""


class StoreUnavailableError(StoreError):
    """The store cannot be reached or opened (server down, wrong password, locked file)."""


class QueryError(ReelgraphError):
    """A query was rejected: syntax error, write in a read-only query, bad parameter."""


class QueryNotFoundError(QueryError):
    """A named query does not exist in ``queries/``."""


class ResolveError(ReelgraphError):
    """A person or film given by name or id matches no node, or several.

    ``candidates`` are the close or competing matches (rows with kind, key,
    name, year), so a caller can offer them.
    """

    def __init__(self, message: str, candidates: list[dict[str, object]]) -> None:
        self.candidates = candidates
        super().__init__(message)
