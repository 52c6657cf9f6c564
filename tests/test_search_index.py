"""The embedded store's search index (graph/stores/search_index.py): kept in step, rebuilt, safe.

Every answer is checked against the shared Cypher ``search`` query run on the same
store, which scans the graph itself and so is the truth the index must equal.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

import queries
from graph.errors import QueryError
from graph.model import parse_record
from graph.stores.embedded import EmbeddedStore
from graph.stores.search_index import SearchIndex, sidecar
from graph.upsert import WriteSummary

S = ["test"]
PEOPLE = [
    {"type": "Person", "name": "Marlo Quill", "imdb": "nm0000101", "birth_year": 1970},
    {"type": "Person", "name": "Marlo Quill", "imdb": "nm0000102"},
    {"type": "Person", "name": "Quillan Ashby", "qid": "Q9100001", "birth_year": 1981},
    {"type": "Person", "name": "Éva Quill-Dorn", "tmdb": 91001},
    {"type": "Person", "name": "Zed Quill-Dorn", "tmdb": 91002},
    # No letter a-z: normalize keeps the punctuation, so `search` holds quotes, % and _.
    {"type": "Person", "name": "「가나다」 \"%_'`", "tmdb": 91003},
]
FILMS = [
    {"type": "Film", "title": "Quill and Ink", "imdb": "tt0000101", "year": 2001},
    {"type": "Film", "title": "The Inkwell", "imdb": "tt0000102"},
]
NEEDLES = ["quill", "marlo-quill", "ink", "inkwell", "dorn", "zzz", "nm0000101", '"%_', "가나다"]


def recs(*items: dict[str, Any]) -> list[Any]:
    return [parse_record({"sources": S, **item}) for item in items]


def people_then_films(rows: list[list[Any]]) -> list[list[Any]]:
    """The Cypher query's rows, Person rows first (LadybugDB's UNION ALL does not always
    return its branches in order: seen after a writable reopen); each kind keeps its order."""
    return [r for r in rows if r[0] == "Person"] + [r for r in rows if r[0] != "Person"]


def cypher(store: EmbeddedStore, q: str, limit: int = 10) -> list[list[Any]]:
    return people_then_films(store.query(queries.get("search").text, {"q": q, "limit": limit}).rows)


def from_index(store: EmbeddedStore, q: str, limit: int = 10) -> list[list[Any]]:
    assert store._index is not None, "the store should answer search from its index"
    found = store._index.search({"q": q, "limit": limit})
    assert found is not None, q
    assert found.columns == ["kind", "key", "name", "year", "rank"]
    return found.rows


def same_answers(store: EmbeddedStore, needles: list[str]) -> None:
    for q in needles:
        expected = cypher(store, q)
        answer = store.named("search", {"q": q, "limit": 10}).rows
        assert people_then_films(answer) == expected, q
        if len(q) >= 3 and store._index is not None:
            assert from_index(store, q) == expected, q


def meta(db: Path) -> dict[str, str]:
    with sqlite3.connect(sidecar(db)) as conn:
        return dict(conn.execute("SELECT name, value FROM meta").fetchall())


def loaded(db: Path) -> EmbeddedStore:
    store = EmbeddedStore(db)
    store.write(recs(*PEOPLE, *FILMS))
    return store


def keys_found(store: EmbeddedStore, q: str) -> list[str]:
    return [row[1] for row in from_index(store, q)]


def test_a_writable_open_makes_a_clean_index_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    loaded(db).close()
    assert sidecar(db) == tmp_path / "graph.db.search.sqlite"
    assert meta(db) == {"format": "1", "state": "clean"}
    with EmbeddedStore(db) as store:
        same_answers(store, NEEDLES)
        assert keys_found(store, "marlo-quill") == [
            "person:imdb:nm0000101",
            "person:imdb:nm0000102",
        ]


def test_index_follows_creates_updates_and_deletes(tmp_path: Path) -> None:
    with loaded(tmp_path / "graph.db") as store:
        # A placeholder (an edge's end not loaded yet) has no name: not in the index.
        store.write(
            recs({"type": "ACTED_IN", "from": "person:imdb:nm0000109", "to": "film:imdb:tt0000101"})
        )
        assert "person:imdb:nm0000109" not in keys_found(store, "nm0")
        # ... until its record arrives and names it.
        store.write(recs({"type": "Person", "name": "Late Quillby", "imdb": "nm0000109"}))
        assert keys_found(store, "quillby") == ["person:imdb:nm0000109"]
        # A new alias changes the stored words: found by the new name and the old.
        store.write(recs({**PEOPLE[2], "aliases": ["Ozzie Fenwright"]}))
        assert keys_found(store, "fenwright") == ["person:wd:Q9100001"]
        assert "person:wd:Q9100001" in keys_found(store, "quillan-ashby")
        # A record naming two stored people's ids joins them: the second is deleted.
        store.write(
            recs({"type": "Person", "name": "Marlo Quill", "imdb": "nm0000101", "qid": "Q9100001"})
        )
        assert store.query("MATCH (p:Person {key: 'person:wd:Q9100001'}) RETURN p").rows == []
        assert "person:wd:Q9100001" not in keys_found(store, "quill")
        assert "person:imdb:nm0000101" in keys_found(store, "fenwright")
        same_answers(store, [*NEEDLES, "quillby", "fenwright", "ashby"])


@pytest.mark.parametrize("damage", ["pending", "deleted", "other_format", "not_sqlite"])
def test_a_stale_or_missing_index_is_rebuilt_on_writable_open(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "graph.db"
    loaded(db).close()
    index = sidecar(db)
    if damage == "deleted":
        index.unlink()
    elif damage == "not_sqlite":
        index.write_bytes(b"this is not a SQLite file" * 100)
    else:
        with sqlite3.connect(index) as conn:
            # What a crash leaves: a row the graph does not have, the index marked.
            conn.execute("DELETE FROM node WHERE key = 'person:imdb:nm0000101'")
            state = ("state", "pending") if damage == "pending" else ("format", "0")
            conn.execute("UPDATE meta SET value = ? WHERE name = ?", state[::-1])
    with EmbeddedStore(db, read_only=True) as store:
        assert store._index is None  # not trusted: Cypher answers
        same_answers(store, NEEDLES)
    with EmbeddedStore(db) as store:
        assert meta(db) == {"format": "1", "state": "clean"}
        assert "person:imdb:nm0000101" in keys_found(store, "marlo")
        same_answers(store, NEEDLES)


def test_a_write_that_fails_midway_leaves_the_index_pending(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    store = loaded(db)

    def crash(summary: WriteSummary) -> None:
        raise RuntimeError("the process dies here")

    more = recs(
        *({"type": "Person", "name": f"Quill Extra {i}", "tmdb": 92000 + i} for i in range(4))
    )
    with pytest.raises(RuntimeError, match="dies"):
        store.write(more, batch_size=2, on_batch=crash)
    assert meta(db)["state"] == "pending"
    same_answers(store, ["quill-extra", "quill"])  # still in step within the process
    store.close()
    with EmbeddedStore(db) as store:
        assert meta(db)["state"] == "clean"
        assert len(keys_found(store, "quill-extra")) == 2  # the first batch committed
        same_answers(store, ["quill-extra", *NEEDLES])


def test_read_only_open_uses_a_clean_index_and_falls_back_without_one(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    loaded(db).close()
    with EmbeddedStore(db, read_only=True) as store:
        assert store._index is not None
        same_answers(store, NEEDLES)
    sidecar(db).unlink()
    with EmbeddedStore(db, read_only=True) as store:
        assert store._index is None
        same_answers(store, NEEDLES)
    assert not sidecar(db).exists()  # a read-only open writes nothing
    assert SearchIndex.for_reading(db) is None


def test_bad_needles_never_error_and_answer_like_cypher(tmp_path: Path) -> None:
    bad = [
        '"',
        '""',
        '"quill',
        'quill"',
        "quill OR ink",
        "NEAR(quill ink)",
        "quill AND ink",
        "NOT",
        "qu*",
        "^quill",
        "{quill}",
        "(quill)",
        "quill:ink",
        "`quill`",
        "%_%",
        "'; DROP TABLE node; --",
        "MATCH (n) DETACH DELETE n",
        "\\",
        "quill\0",
        "\ud800quill",
        "q" * 500,
    ]
    with loaded(tmp_path / "graph.db") as store:
        for q in bad:
            try:
                expected = cypher(store, q, 5)
            except QueryError:  # a lone surrogate cannot reach the engine: the same error
                with pytest.raises(QueryError):
                    store.named("search", {"q": q, "limit": 5})
                continue
            answer = store.named("search", {"q": q, "limit": 5}).rows
            assert people_then_films(answer) == expected, q
        assert keys_found(store, "quill")  # nothing was dropped


def test_searches_from_several_threads(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    loaded(db).close()
    with EmbeddedStore(db, read_only=True) as store:
        index = store._index
        assert index is not None
        expected = {q: from_index(store, q) for q in NEEDLES if len(q) >= 3}
        failures: list[str] = []

        def work() -> None:
            for _ in range(50):
                for q, rows in expected.items():
                    found = index.search({"q": q, "limit": 10})
                    if found is None or found.rows != rows:
                        failures.append(q)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []


def test_search_sql_is_loaded_apart_from_cypher() -> None:
    query = queries.sql("search", "embedded")
    assert query.params == ("q", "limit") and query.path.suffix == ".sql"
    assert queries.get("search", "embedded").path.suffix == ".cypher"
    assert [q.name for q in queries.shared()].count("search") == 1
    for path in sorted(queries.ROOT.rglob("*.sql")):
        assert queries.sql(path.stem, path.parent.name).purpose, f"{path} needs a purpose line"
