"""One graph from several sources: any load order, loading twice, interrupted loads.

The claim under test (graph/keys.py, graph/upsert.py): the same film from
IMDb, TMDB and MovieLens is one node, the same person is one node, and the
node and edge counts do not depend on the order the sources are loaded in,
on loading a source twice, or on a load having been interrupted and re-run.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from graph.model import Edge, Node
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore
from loaders.imdb import HEADERS, read_imdb
from loaders.movielens import read_movielens
from loaders.tmdb import read_tmdb

Loader = Callable[[], Iterable[Node | Edge]]


def _tsv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    path.write_text("\n".join("\t".join(r) for r in [list(header), *rows]) + "\n")


def _csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def small_sources(root: Path) -> dict[str, Loader]:
    """Three tiny sources that share ids the way the real ones do."""
    imdb = root / "imdb"
    imdb.mkdir()
    n = "\\N"
    _tsv(imdb / "title.basics.tsv", HEADERS["title.basics"], [
        ["tt0000001", "movie", "Film One", "Film One", "0", "1999", n, n, n],
        ["tt0000002", "movie", "Film Two", "Film Two", "0", "2001", n, n, n],
    ])  # fmt: skip
    _tsv(imdb / "name.basics.tsv", HEADERS["name.basics"], [
        ["nm0000001", "Ann Actor", "1970", n, n, n],
        ["nm0000002", "Dan Director", n, n, n, n],
    ])  # fmt: skip
    _tsv(imdb / "title.principals.tsv", HEADERS["title.principals"], [
        ["tt0000001", "1", "nm0000001", "actress", n, '["Heroine"]'],
        ["tt0000002", "1", "nm0000001", "actress", n, '["Villain"]'],
        ["tt0000001", "2", "nm0000002", "director", n, n],
    ])  # fmt: skip
    _tsv(imdb / "title.crew.tsv", HEADERS["title.crew"], [["tt0000001", "nm0000002", n]])
    tmdb = root / "tmdb"
    tmdb.mkdir()
    _csv(tmdb / "movies.csv", [
        ["id", "title", "original_title", "release_date"],
        ["101", "Film One", "Film One", "1999-01-01"],
        ["103", "Film Three", "Film Three", "2003-01-01"],
    ])  # fmt: skip
    cast = [{"id": 501, "name": "Tia Tmdb", "character": "Sidekick", "order": 1}]
    crew = [{"id": 502, "name": "Dora Tmdb", "job": "Director", "department": "Directing"}]
    _csv(tmdb / "credits.csv", [
        ["movie_id", "title", "cast", "crew"],
        ["101", "Film One", json.dumps(cast), json.dumps(crew)],
    ])  # fmt: skip
    ml = root / "ml"
    ml.mkdir()
    _csv(ml / "movies.csv", [
        ["movieId", "title", "genres"],
        ["1", "Film One (1999)", "x"], ["2", "Film Two (2001)", "x"], ["3", "Film 3 (2003)", "x"],
    ])  # fmt: skip
    _csv(ml / "links.csv", [
        ["movieId", "imdbId", "tmdbId"],
        ["1", "0000001", "101"], ["2", "0000002", ""], ["3", "0000009", "103"],
    ])  # fmt: skip
    return {
        "imdb": lambda: read_imdb(imdb),
        "tmdb": lambda: read_tmdb(tmdb / "movies.csv", tmdb / "credits.csv"),
        "movielens": lambda: read_movielens(ml),
    }


def counts(store: Store) -> dict[str, int]:
    stats = store.stats()
    return {k: v for k, v in {**stats["nodes"], **stats["relationships"]}.items() if v}


EXPECTED = {"Film": 3, "Person": 4, "ACTED_IN": 3, "DIRECTED": 2}


@pytest.mark.parametrize("order", list(itertools.permutations(["imdb", "tmdb", "movielens"])))
def test_any_order_gives_one_graph(store: Store, tmp_path: Path, order: tuple[str, ...]) -> None:
    sources = small_sources(tmp_path)
    for name in order:
        store.write(sources[name]())
    assert counts(store) == EXPECTED
    film = store.query(
        "MATCH (f:Film) WHERE f.imdb = $imdb RETURN f.tmdb, f.title, f.sources",
        {"imdb": "tt0000001"},
    ).rows
    assert len(film) == 1 and film[0][0] == 101 and film[0][1] == "Film One"
    assert set(film[0][2]) == {"imdb:title.basics", "tmdb:movies", "movielens:movies"}
    # Each edge keeps which source asserted it (principals and crew both name the director).
    directed = store.query(
        "MATCH (p:Person)-[r:DIRECTED]->(f:Film) WHERE p.imdb = $p RETURN r.sources",
        {"p": "nm0000002"},
    ).scalar()
    assert set(directed) == {"imdb:title.principals", "imdb:title.crew"}
    for name in order:  # loading everything again changes nothing
        summary = store.write(sources[name]())
        assert summary.total("created") == 0 and summary.total("joined") == 0
    assert counts(store) == EXPECTED


def _real_sources(data: Path) -> dict[str, Loader]:
    tmdb = data / "tmdb"
    return {
        "imdb": lambda: read_imdb(data / "imdb" / "subset_2017_movies"),
        "tmdb": lambda: read_tmdb(
            tmdb / "tmdb_5000_movies.csv",
            tmdb / "tmdb_5000_credits_rows0001-0198.csv",
            on_error=lambda _e: None,  # the two known defective rows
        ),
        "movielens": lambda: read_movielens(data / "movielens" / "ml-latest-small"),
    }


def test_real_samples_in_two_orders(shared_data: Path, tmp_path: Path) -> None:
    results = []
    for index, order in enumerate([("imdb", "tmdb", "movielens"), ("movielens", "tmdb", "imdb")]):
        sources = _real_sources(shared_data)
        with EmbeddedStore(tmp_path / f"db{index}") as store:
            for name in order:
                store.write(sources[name]())
            results.append(counts(store))
            # MovieLens joins 3,537 TMDB films and 121 of the 2017 IMDb films; two
            # MovieLens entries share one TMDB id, so they are one node too.
            joined = store.query(
                "MATCH (f:Film) WHERE f.imdb IS NOT NULL AND f.tmdb IS NOT NULL RETURN count(f)"
            ).scalar()
            assert joined > 3500
    assert results[0] == results[1]


def _interrupt_after(records: Iterable[Node | Edge], count: int) -> Iterator[Node | Edge]:
    for index, record in enumerate(records):
        if index == count:
            raise KeyboardInterrupt
        yield record


def test_interrupted_load_can_be_run_again(store: Store, shared_data: Path, tmp_path: Path) -> None:
    directory = shared_data / "imdb" / "sample_2000_movies"
    with EmbeddedStore(tmp_path / "reference") as reference:
        reference.write(read_imdb(directory))
        expected = counts(reference)
    with pytest.raises(KeyboardInterrupt):
        # Interrupted in the middle of the third batch: two batches are committed.
        store.write(_interrupt_after(read_imdb(directory), 12_500), batch_size=5_000)
    partial = counts(store)
    assert sum(partial.values()) < sum(expected.values())
    store.write(read_imdb(directory))
    assert counts(store) == expected
