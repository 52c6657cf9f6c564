"""related_people keeps exactly the top `limit` by (score, key), ties at the cut included.

The embedded variant cuts the top `limit` without ``LIMIT $limit`` (see its header),
so the graph here has hundreds of people tied at the cut and more candidates than
2,048 (the list size above which LadybugDB's list lambdas go wrong). The expected
ranking is computed here in Python from the formula in the query header.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from graph import pages
from graph.model import ActedIn, Directed, Edge, Film, Node, Person
from graph.stores import Store

STAR = "person:imdb:nm0000001"
# (film index, year, co-actors as a range of person numbers); 2 and 3 overlap on 2300-2399.
FILMS = [(1, 2020, range(2, 1302)), (2, 2010, range(1202, 2402)), (3, 2000, range(3000, 3001))]
DIRECTOR = 4000
SOURCES = ["test:related-top"]  # directs film 3, where the star acts: actor-director 1.5


def _person(n: int) -> str:
    return f"person:imdb:nm{n:07d}"


def _film(n: int) -> str:
    return f"film:imdb:tt{n:07d}"


def _records() -> list[Node | Edge]:
    people = {1, DIRECTOR, *(p for _, _, cast in FILMS for p in cast)}
    records: list[Node | Edge] = [
        Person(name=f"Person {n}", imdb=f"nm{n:07d}", sources=SOURCES) for n in sorted(people)
    ]
    for number, year, cast in FILMS:
        records.append(
            Film(title=f"Film {number}", imdb=f"tt{number:07d}", year=year, sources=SOURCES)
        )
        for p in (1, *cast):
            records.append(
                ActedIn.model_validate(
                    {"from": _person(p), "to": _film(number), "roles": ["R"], "sources": SOURCES}
                )
            )
    records.append(
        Directed.model_validate({"from": _person(DIRECTOR), "to": _film(3), "sources": SOURCES})
    )
    return records


def _expected(limit: int) -> list[tuple[str, float]]:
    """The top `limit` (key, film score) from the formula in the query header."""
    latest = max(year for _, year, _ in FILMS)
    scores: dict[str, float] = defaultdict(float)
    for number, year, cast in FILMS:
        recency = 1.0 / (1.0 + (latest - year) / 10.0)
        for p in cast:
            scores[_person(p)] += round(1.0 * recency, 4)
        if number == 3:
            scores[_person(DIRECTOR)] += round(1.5 * recency, 4)
    ranked = sorted(((k, round(s, 4)) for k, s in scores.items()), key=lambda e: (-e[1], e[0]))
    return ranked[:limit]


@pytest.fixture
def crowded(store: Store) -> Store:
    store.write(_records())
    return store


@pytest.mark.parametrize("limit", [1, 20, 100, 150, 2500, 3000])
def test_top_limit_is_exact_with_ties_at_the_cut(crowded: Store, limit: int) -> None:
    got = [(e["person"], e["film_score"]) for e in pages.related_people(crowded, STAR, limit)]
    assert got == _expected(limit)
    # Films 1 and 2 share 100 people (score 1.5): any cut below that falls inside a tie.
    assert len(got) == min(limit, 2402)


def test_reasons_are_the_shared_films_of_the_chosen(crowded: Store) -> None:
    top = pages.related_people(crowded, STAR, 3)
    assert [e["person"] for e in top] == [_person(1202), _person(1203), _person(1204)]
    assert [(f["title"], f["weight"]) for f in top[0]["films"]] == [
        ("Film 1", 1.0),
        ("Film 2", 0.5),
    ]
    director = next(
        e for e in pages.related_people(crowded, STAR, 3000) if e["person"].endswith("4000")
    )
    assert director["films"][0]["their_credit"] == "DIRECTED"
    assert director["film_score"] == round(1.5 / 3.0, 4)
