"""The two-sided shortest-chain search (graph/pathfind.py) against plain breadth-first search.

The embedded store answers ``path`` with it; the Neo4j store with the engine's
``shortestPath``. On random credit graphs both must find chains of the same
length as a textbook one-sided search, and every chain must be real: each link
a credit in the graph, each step person -> film -> person.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict, deque

import pytest

from graph import pathfind
from graph.model import ActedIn, Directed, Edge, Film, Node, Person, Wrote
from graph.stores import Store
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore

SOURCES = ["test:pathfind"]
Credits = dict[tuple[str, str], str]  # (person key, film key) -> credit type


def _person(n: int) -> str:
    return f"person:imdb:nm{n:07d}"


def _film(n: int) -> str:
    return f"film:imdb:tt{n:07d}"


def _random_credits(seed: int, people: int, films: int, credits: int) -> Credits:
    rng = random.Random(seed)
    # A few prolific people, as in real filmographies.
    weights = [8.0 if p < people // 20 else 1.0 for p in range(people)]
    found: Credits = {}
    for _ in range(credits):
        p = rng.choices(range(people), weights)[0]
        found[(_person(p), _film(rng.randrange(films)))] = rng.choice(
            ["ACTED_IN", "DIRECTED", "WROTE"]
        )
    return found


def _records(people: int, films: int, credits: Credits) -> list[Node | Edge]:
    records: list[Node | Edge] = [
        Person(name=f"Person {p}", imdb=f"nm{p:07d}", sources=SOURCES) for p in range(people)
    ]
    records += [Film(title=f"Film {f}", imdb=f"tt{f:07d}", sources=SOURCES) for f in range(films)]
    kinds = {"ACTED_IN": ActedIn, "DIRECTED": Directed, "WROTE": Wrote}
    for (person, film), credit in credits.items():
        edge = {"from": person, "to": film, "sources": SOURCES}
        if credit == "ACTED_IN":
            edge["roles"] = [f"Role of {person[-3:]}"]
        records.append(kinds[credit].model_validate(edge))
    return records


def _neighbours(credits: Credits) -> dict[str, set[str]]:
    around: dict[str, set[str]] = defaultdict(set)
    for person, film in credits:
        around[person].add(film)
        around[film].add(person)
    return around


def _bfs_length(around: dict[str, set[str]], a: str, b: str, max_rels: int) -> int | None:
    seen, queue = {a: 0}, deque([a])
    while queue:
        node = queue.popleft()
        if node == b:
            return seen[node]
        for nxt in sorted(around[node]):
            if nxt not in seen and seen[node] < max_rels:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    return None


def _step_over(around: dict[str, set[str]]) -> pathfind.Step:
    def step(query: str, frontier: list[str]) -> tuple[list[str], list[str]]:
        pairs = [(k, n) for k in frontier for n in sorted(around[k])]
        return [k for k, _ in pairs], [n for _, n in pairs]

    return step


@pytest.mark.parametrize("seed", range(40))
def test_search_finds_chains_as_short_as_breadth_first_search(seed: int) -> None:
    credits = _random_credits(seed, people=60, films=40, credits=90)
    around = _neighbours(credits)
    rng = random.Random(seed)
    for _ in range(20):
        a, b = _person(rng.randrange(60)), _person(rng.randrange(60))
        if a == b:
            continue
        max_rels = rng.choice([2, 4, 6, 8])
        chain = pathfind.shortest_chain(_step_over(around), a, b, max_rels)
        expected = _bfs_length(around, a, b, max_rels)
        assert (None if chain is None else len(chain) - 1) == expected, (a, b, max_rels)
        if chain is not None:
            assert chain[0] == a and chain[-1] == b
            assert all(y in around[x] for x, y in itertools.pairwise(chain))


def _store_chains(store: Store, pairs: list[tuple[str, str]]) -> list[dict[str, object] | None]:
    chains = []
    for a, b in pairs:
        rows = store.named("path", {"person_a": a, "person_b": b}, path_rels="8").records()
        chains.append(rows[0] if rows else None)
    return chains


@pytest.fixture
def random_graph() -> tuple[Credits, list[tuple[str, str]]]:
    credits = _random_credits(7, people=200, films=120, credits=400)
    rng = random.Random(7)
    pairs = [(_person(rng.randrange(200)), _person(rng.randrange(200))) for _ in range(40)]
    return credits, [(a, b) for a, b in pairs if a != b]


def test_embedded_store_chains_are_real_and_shortest(
    embedded_store: EmbeddedStore, random_graph: tuple[Credits, list[tuple[str, str]]]
) -> None:
    credits, pairs = random_graph
    embedded_store.write(_records(200, 120, credits))
    around = _neighbours(credits)
    found = 0
    for (a, b), row in zip(pairs, _store_chains(embedded_store, pairs), strict=True):
        assert (row and row["length"]) == _bfs_length(around, a, b, 8)
        if row is None:
            continue
        found += 1
        chain = row["keys"]
        assert isinstance(chain, list) and chain[0] == a and chain[-1] == b
        for i, credit in enumerate(row["credits"]):  # type: ignore[arg-type]
            person, film = (chain[i], chain[i + 1]) if i % 2 == 0 else (chain[i + 1], chain[i])
            assert credits[(person, film)] == credit
        roles = [r for r, c in zip(row["roles"], row["credits"], strict=True) if c == "ACTED_IN"]  # type: ignore[call-overload]
        assert all(r and r[0].startswith("Role of") for r in roles)
    assert found >= 10  # the graph is connected enough for the test to mean something


@pytest.mark.neo4j
def test_both_stores_find_chains_of_the_same_length(
    embedded_store: EmbeddedStore,
    neo4j_store: Neo4jStore,
    random_graph: tuple[Credits, list[tuple[str, str]]],
) -> None:
    credits, pairs = random_graph
    for store in (embedded_store, neo4j_store):
        store.write(_records(200, 120, credits))
    lengths = [
        [row and row["length"] for row in _store_chains(store, pairs)]
        for store in (embedded_store, neo4j_store)
    ]
    assert lengths[0] == lengths[1]
    assert sum(1 for n in lengths[0] if n) >= 10
