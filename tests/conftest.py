"""Shared fixtures: a store of each kind, and the real data beside the repo.

Neo4j tests need a real server (``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``; ``.ci/neo4j.sh start`` writes them to ``.ci/.neo4j-run/env``).
Outside CI they skip with the reason when no server is configured; in CI
(``CI`` set) a missing server fails them, so they can never be skipped there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph.stores.base import Store
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Neo4j server, so `-m "not neo4j"` selects the rest."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_neo4j = callspec is not None and callspec.params.get("store") == "neo4j"
        if on_neo4j or "neo4j_store" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the repository (as in CI)."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.fail(f"real test data not found at {path}: clone the repo next to shared/")
    return path


@pytest.fixture(scope="session")
def neo4j_settings() -> dict[str, str]:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        reason = "no Neo4j server configured (set NEO4J_URI/NEO4J_PASSWORD, see .ci/neo4j.sh)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}: .ci/run must start Neo4j")
        pytest.skip(reason)
    return {
        "uri": uri,
        "user": os.environ.get("NEO4J_USERNAME", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", ""),
    }


def wipe_neo4j(settings: dict[str, str]) -> None:
    """Empty the test database (constraints stay; they are idempotent)."""
    auth = (settings["user"], settings["password"])
    with neo4j.GraphDatabase.driver(settings["uri"], auth=auth) as driver, driver.session() as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def neo4j_store(neo4j_settings: dict[str, str]) -> Iterator[Neo4jStore]:
    wipe_neo4j(neo4j_settings)
    store = Neo4jStore(
        neo4j_settings["uri"],
        user=neo4j_settings["user"],
        password=neo4j_settings["password"],
        database=None,
    )
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "graph.db")
    yield store
    store.close()


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest) -> EmbeddedStore | Neo4jStore:
    """Each test using this runs once per store: the store contract."""
    fixture: EmbeddedStore | Neo4jStore = request.getfixturevalue(f"{request.param}_store")
    return fixture


@pytest.fixture
def pages_read(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """(query name, rows) of every page ``store`` reads for an export, in order."""
    read: list[tuple[str, int]] = []
    fetch = store._page

    def recording(name: str, params: dict[str, Any], *args: Any) -> Any:
        page = fetch(name, params, *args)
        read.append((name, len(page)))
        return page

    monkeypatch.setattr(store, "_page", recording)
    return read
