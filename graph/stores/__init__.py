"""Stores behind one interface, chosen by the ``--store`` value.

A value with ``://`` is a Neo4j URI (``bolt``, ``neo4j`` and their ``+s`` /
``+ssc`` variants); anything else is the path of an embedded store.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.errors import StoreUnavailableError
from graph.stores.base import QueryResult, Store

DEFAULT_STORE = "reelgraph.db"
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

__all__ = ["DEFAULT_STORE", "QueryResult", "Store", "open_store", "store_spec"]


def store_spec(value: str | None = None) -> str:
    """The store to use: the given value, else ``$REELGRAPH_STORE``, else ``./reelgraph.db``."""
    return value or os.environ.get("REELGRAPH_STORE") or DEFAULT_STORE


def open_store(
    spec: str | None = None,
    *,
    read_only: bool = False,
    database: str | None = None,
) -> Store:
    """Open the store named by ``spec`` (a path or a Neo4j URI).

    Neo4j credentials come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` and the
    database from ``database`` or ``NEO4J_DATABASE``, as Neo4j's own tools do.
    """
    spec = store_spec(spec)
    if "://" in spec:
        scheme = spec.split("://", 1)[0].lower()
        if scheme not in NEO4J_SCHEMES:
            raise StoreUnavailableError(
                f"unsupported store URI scheme {scheme!r} in {spec!r}: use one of "
                f"{', '.join(s + '://' for s in NEO4J_SCHEMES)} for Neo4j, or a path "
                "for the embedded store"
            )
        from graph.stores.neo4j import Neo4jStore

        return Neo4jStore(
            spec,
            user=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD"),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
        )
    from graph.stores.embedded import EmbeddedStore

    return EmbeddedStore(Path(spec), read_only=read_only)
