"""An on-disk answer cache, so a re-run asks the endpoint nothing twice.

Answers are kept per input row, not per request: the key is a hash of the
endpoint, the query text and one ``VALUES`` row. A re-run whose batches are cut
differently (because some nodes got linked meanwhile) still finds every row
it asked before. Only complete, parsed answers are stored.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from graph.errors import ReelgraphError


def row_key(endpoint: str, query: str, row: str) -> str:
    return hashlib.sha256("\x00".join((endpoint, query, row)).encode("utf-8")).hexdigest()


class AnswerCache:
    """sqlite3 table ``answer(key, body)``; ``hits``/``misses`` count lookups."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.hits = 0
        self.misses = 0
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answer (key TEXT PRIMARY KEY, body TEXT NOT NULL)"
            )
            self._db.commit()
        except (sqlite3.Error, OSError) as exc:
            raise ReelgraphError(f"cannot open the answer cache {self.path}: {exc}") from exc

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT key, body FROM answer WHERE key IN ({marks})"  # only ? marks
            for key, body in self._db.execute(sql, chunk):
                found[key] = json.loads(body)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, answers: dict[str, Any]) -> None:
        rows = [(k, json.dumps(v, ensure_ascii=False)) for k, v in answers.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO answer VALUES (?, ?)", rows)

    def hit_rate(self) -> float | None:
        asked = self.hits + self.misses
        return self.hits / asked if asked else None

    def close(self) -> None:
        self._db.close()
