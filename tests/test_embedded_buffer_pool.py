"""The embedded store caps LadybugDB's buffer pool (the engine's default is 80% of RAM)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ladybug
import pytest

from graph.model import parse_record
from graph.stores.embedded import BUFFER_POOL_SIZE, EmbeddedStore


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The buffer_pool_size each database is opened with (the real database still opens)."""
    seen: list[int] = []
    real = ladybug.Database

    def database(path: str, **options: Any) -> ladybug.Database:
        seen.append(options["buffer_pool_size"])
        return real(path, **options)

    monkeypatch.setattr(ladybug, "Database", database)
    return seen


def test_default_pool_is_capped(tmp_path: Path, pools: list[int]) -> None:
    EmbeddedStore(tmp_path / "a.db").close()
    EmbeddedStore(tmp_path / "a.db", read_only=True).close()
    assert pools == [BUFFER_POOL_SIZE, BUFFER_POOL_SIZE]
    assert 0 < BUFFER_POOL_SIZE <= 2 * 1024**3


def test_pool_size_given_or_engine_default(tmp_path: Path, pools: list[int]) -> None:
    EmbeddedStore(tmp_path / "a.db", buffer_pool_size=256 * 1024**2).close()
    EmbeddedStore(tmp_path / "b.db", buffer_pool_size=0).close()  # 0: LadybugDB decides
    assert pools == [256 * 1024**2, 0]


def test_small_pool_still_loads(tmp_path: Path) -> None:
    # 64 MB holds far less than LadybugDB's default would take; pages beyond it are evicted.
    films = [{"type": "Film", "title": f"F {i}", "imdb": f"tt{i:07d}"} for i in range(2000)]
    people = [{"type": "Person", "name": f"P {i}", "imdb": f"nm{i:07d}"} for i in range(2000)]
    credits = [
        {"type": "ACTED_IN", "from": f"person:imdb:nm{i % 2000:07d}",
         "to": f"film:imdb:tt{(i * 7) % 2000:07d}", "roles": [f"Role {i}"]}
        for i in range(20_000)
    ]  # fmt: skip
    items: list[dict[str, Any]] = [*films, *people, *credits]
    records = [parse_record({"sources": ["t"], **r}) for r in items]
    with EmbeddedStore(tmp_path / "small.db", buffer_pool_size=64 * 1024**2) as store:
        store.write(records, batch_size=5000)
        stats = store.stats()
    assert stats["nodes"]["Film"] == stats["nodes"]["Person"] == 2000
    assert stats["relationships"]["ACTED_IN"] == len(
        {(i % 2000, (i * 7) % 2000) for i in range(20_000)}
    )
