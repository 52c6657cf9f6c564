"""Precomputed related people (graph.precompute): read instead of computed, never out of date.

On each store: the stored answer is the computed one for every limit up to ``top``;
a page reads it with one query; any write batch that changes the graph makes every
stored answer stale in the batch's own transaction (a re-load, which changes nothing,
does not; a batch that fails and rolls back does not); a refresh keeps current answers
and recomputes stale ones. The graph is test_person_page_queries' (every pairing of
credit kinds, ties at the cut) plus a review that mentions the star with one of their
top collaborators.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ladybug
import pytest
from click.testing import CliRunner
from test_person_page_queries import STAR, _credit, _mixed_records, _person
from test_web_speed_paths import _queries_run
from web_data import served

import queries
from graph import pages, precompute, schema
from graph.cli import cli
from graph.errors import QueryError, StoreError, StoreUnavailableError
from graph.model import Edge, Evidence, Mentions, Node, Review
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore

STAR_FILMS = 24 + 1  # _mixed_records: 24 films, and the last has the ten tied too
REVIEW = Review(source="test:precompute/1", text="Star and Person 31 again.", sources=["t"])


def _mention(person: str, start: int, end: int) -> Edge:
    evidence = Evidence(
        source=REVIEW.key, start=start, end=end, text="x", extractor="test", confidence=1.0
    )
    return Mentions.model_validate(
        {"from": REVIEW.key, "to": person, "sources": ["t"], "evidence": [evidence]}
    )


def _records() -> list[Node | Edge]:
    return [*_mixed_records(), REVIEW, _mention(STAR, 0, 4), _mention(_person(31), 9, 18)]


@pytest.fixture
def graph(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    # The star has 25 films; pages look for a stored answer from 100 films on.
    monkeypatch.setattr(pages, "PRECOMPUTED_MIN_FILMS", 20)
    store.write(_records())
    return store


def _live(store: Store, limit: int) -> list[Any]:
    return pages.related_people(store, STAR, limit, precomputed=False)


def test_a_page_reads_the_stored_answer_which_is_the_computed_one(
    graph: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = precompute.refresh(graph, min_films=20, top=7)
    assert (summary.people, summary.current, summary.computed) == (1, 0, 1)
    assert precompute.state(graph) == precompute.CacheState(stored=1, current=1)
    live = {limit: _live(graph, limit) for limit in range(1, 9)}
    assert any(e["reviews"] for e in live[7])  # the co-mentioned one is in the top 7
    ran = _queries_run(graph, monkeypatch)
    # The embedded store needs the film count to compute; Neo4j looks up without it.
    reads = ["credit_span"] if graph.dialect == "embedded" else []
    for limit in range(1, 8):
        ran.clear()
        assert pages.related_people(graph, STAR, limit) == live[limit]
        assert ran == [*reads, "related_cache_get"]
    # More than were stored: computed.
    ran.clear()
    assert pages.related_people(graph, STAR, 8) == live[8]
    assert ran[: len(reads) + 1] == [*reads, "related_cache_get"] and len(ran) > len(reads) + 1
    # The page asks only for people with enough films.
    ran.clear()
    span = pages.credit_span(graph, _person(3))
    pages.related_people(graph, _person(3), 5, span)
    assert "related_cache_get" not in ran


def test_a_change_makes_stored_answers_stale_and_a_reload_does_not(
    graph: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    precompute.refresh(graph, min_films=20, top=5)
    stored = pages.related_people(graph, STAR, 5)
    generation = graph.named("graph_generation").scalar()
    graph.write(_records())  # the same records: nothing changes
    assert graph.named("graph_generation").scalar() == generation
    assert precompute.state(graph).stale == 0
    # A newcomer in ten of the star's latest films goes straight to the top.
    graph.write([_credit(schema.ACTED_IN, 90, film) for film in range(15, 25)])
    assert graph.named("graph_generation").scalar() == generation + 1
    assert precompute.state(graph) == precompute.CacheState(stored=1, current=0)
    now = pages.related_people(graph, STAR, 5)
    assert now == _live(graph, 5) != stored
    assert now[0]["person"] == _person(90)


def test_refresh_keeps_current_answers_and_recomputes_stale_ones(graph: Store) -> None:
    first = precompute.refresh(graph, min_films=20, top=5)
    again = precompute.refresh(graph, min_films=20, top=5)
    assert (again.computed, again.current, again.generation) == (0, 1, first.generation)
    graph.write([_credit(schema.WROTE, 91, 1)])
    third = precompute.refresh(graph, min_films=20, top=5)
    assert (third.computed, third.current, third.generation) == (1, 0, first.generation + 1)
    # A longer list is computed again; no one has the films for a higher bar.
    assert precompute.refresh(graph, min_films=20, top=6).computed == 1
    assert precompute.refresh(graph, min_films=STAR_FILMS + 1, top=6).people == 0
    assert pages.related_people(graph, STAR, 6) == _live(graph, 6)


def test_a_failed_batch_counts_no_change(graph: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    precompute.refresh(graph, min_films=20, top=5)
    generation = graph.named("graph_generation").scalar()
    tx_class = __import__(f"graph.stores.{graph.dialect}", fromlist=["_Tx"])._Tx

    def fail(self: Any) -> None:
        raise StoreError("injected: the batch fails at its last step")

    monkeypatch.setattr(tx_class, "graph_changed", fail)
    with pytest.raises(StoreError, match="injected"):
        graph.write([_credit(schema.ACTED_IN, 92, 1)])
    monkeypatch.undo()
    # The credit rolled back with the failed count: the stored answer still holds.
    assert graph.named("graph_generation").scalar() == generation
    assert precompute.state(graph).stale == 0
    assert pages.related_people(graph, STAR, 5) == _live(graph, 5)


def test_refresh_refuses_bars_pages_would_not_look_for(graph: Store) -> None:
    with pytest.raises(QueryError, match=r"--min-films must be at least 20, not 19"):
        precompute.refresh(graph, min_films=19)
    with pytest.raises(QueryError, match=r"--top must be at least 1, not 0"):
        precompute.refresh(graph, min_films=20, top=0)


def test_derived_data_stays_out_of_the_model(graph: Store) -> None:
    with pytest.raises(QueryError, match=r"'create_nodes' is not a write of derived data"):
        graph.write_derived("create_nodes", {})
    before = graph.stats()
    precompute.refresh(graph, min_films=20)
    assert graph.stats() == before
    assert precompute.state(graph).stored == 1


def test_a_read_only_store_refuses_derived_writes(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "g.db").close()
    store = EmbeddedStore(tmp_path / "g.db", read_only=True)
    with store, pytest.raises(StoreError, match=r"g\.db is open read-only"):
        precompute.refresh(store, min_films=pages.PRECOMPUTED_MIN_FILMS)


def test_an_older_store_without_derived_tables_says_how_to_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for statement in queries.get("schema", "embedded").statements():
        if not any(f"EXISTS {label}(" in statement for label in schema.DERIVED_LABELS):
            conn.execute(statement)
    conn.close()
    db.close()
    with pytest.raises(StoreUnavailableError) as caught:
        EmbeddedStore(path, read_only=True)
    assert str(caught.value) == (
        f"the embedded store at {path} has no GraphState, RelatedCache table: an earlier "
        "reelgraph wrote it. Open it for writing once to add them (e.g. `reelgraph "
        "precompute`), then read it again"
    )
    EmbeddedStore(path).close()  # a writable open adds them
    EmbeddedStore(path, read_only=True).close()


def test_precompute_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PRECOMPUTED_MIN_FILMS", 20)
    path = tmp_path / "g.db"
    with EmbeddedStore(path) as store:
        store.write(_records())
    runner = CliRunner()
    args = ["--store", str(path), "precompute", "--min-films", "20"]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("precompute: 1 person with 20+ films: 1 computed, 0 already ")
    again = runner.invoke(cli, args)
    assert again.output.startswith("precompute: 1 person with 20+ films: 0 computed, 1 already ")
    bad = runner.invoke(cli, [*args[:3], "--min-films", "5"])
    assert (bad.exit_code, bad.output) == (
        1,
        "Error: --min-films must be at least 20, not 5: pages look for a precomputed "
        "answer only for people with that many films\n",
    )


def test_serve_warns_of_stale_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PRECOMPUTED_MIN_FILMS", 20)
    path = tmp_path / "g.db"
    with EmbeddedStore(path) as store:
        store.write(_records())
        precompute.refresh(store, min_films=20)
    printed: list[str] = []
    with served(path, output=printed):
        pass
    assert "Warning" not in printed[0]
    with EmbeddedStore(path) as store:
        store.write([_credit(schema.ACTED_IN, 93, 1)])
    printed.clear()
    with served(path, output=printed):
        pass
    assert (
        "Warning: the precomputed related people of 1 person are out of date (the graph "
        "changed since): their pages compute them, more slowly, until you run "
        "`reelgraph precompute`\n"
    ) in printed[0]


def test_a_load_that_puts_answers_out_of_date_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PRECOMPUTED_MIN_FILMS", 20)
    path = tmp_path / "g.db"
    with EmbeddedStore(path) as store:
        store.write(_records())
        precompute.refresh(store, min_films=20)
    same = tmp_path / "same.jsonl"
    same.write_text(REVIEW.model_dump_json(by_alias=True) + "\n")
    new = tmp_path / "new.jsonl"
    new.write_text(_credit(schema.ACTED_IN, 94, 1).model_dump_json(by_alias=True) + "\n")
    runner = CliRunner()
    unchanged = runner.invoke(cli, ["--store", str(path), "load", "records", str(same)])
    assert (unchanged.exit_code, unchanged.stderr) == (0, "")
    changed = runner.invoke(cli, ["--store", str(path), "load", "records", str(new)])
    assert changed.exit_code == 0, changed.output
    assert changed.stderr == (
        "Note: the precomputed related people of 1 person are out of date now: run "
        "`reelgraph precompute` to refresh them (pages compute them meanwhile)\n"
    )
