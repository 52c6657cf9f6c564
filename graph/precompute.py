"""Related people computed ahead of time for prolific people: a materialised view.

The related people of a person with ~1,700 films need all ~28,000 of their co-credits
scored: at 1M nodes that is most of such a page's time (~84 ms embedded, ~97 ms on
Neo4j). :func:`refresh` computes :func:`graph.pages.related_people` for everyone with at
least ``min_films`` films and stores each answer (JSON) with the graph generation it was
computed at. Every write batch that changes the graph counts one more generation
(``graph_changed``, inside the batch's own transaction), so a stored answer is used only
while the graph is exactly what it was computed from; otherwise pages compute the answer
as before. The answer read is the answer computed, so no page can tell the difference
but its speed.

Like a materialised view, it is refreshed on demand (``reelgraph precompute``), not on
each write: one new review would otherwise cost recomputing thousands of people.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from graph import pages
from graph.errors import QueryError
from graph.stores.base import Store

#: People with at least this many films are precomputed by default. At 1M nodes
#: (bench/related_cost.py), computing related people takes ~22 ms (embedded) / ~32 ms
#: (Neo4j) for 300 films, ~48 / ~67 ms for 1,000 and ~84 / ~97 ms for ~1,800; reading a
#: stored answer 0.3-0.8 / 4-5 ms.
DEFAULT_MIN_FILMS = 300
#: Related people stored per person: a person page shows 20 (graph.web.shapes), and any
#: request for at most this many is answered from the stored list.
DEFAULT_TOP = 20
#: Answers written per transaction.
PUT_BATCH = 50

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class RefreshSummary:
    """What a refresh found and did, at graph generation ``generation``."""

    #: People with at least ``min_films`` films.
    people: int
    #: Of those, whose stored answer was already current (kept, not computed again).
    current: int
    #: Answers computed and stored now.
    computed: int
    generation: int


@dataclass(frozen=True)
class CacheState:
    """How many people have a stored answer, and how many of those are current."""

    stored: int
    current: int

    @property
    def stale(self) -> int:
        return self.stored - self.current


def refresh(
    store: Store,
    *,
    min_films: int = DEFAULT_MIN_FILMS,
    top: int = DEFAULT_TOP,
    on_progress: ProgressCallback | None = None,
) -> RefreshSummary:
    """Store the top ``top`` related people of everyone with at least ``min_films`` films.

    Out-of-date answers are deleted first; current ones are kept, so an interrupted
    refresh goes on where it stopped when run again. ``on_progress(done, todo)`` is
    called after each batch written.
    """
    if min_films < pages.PRECOMPUTED_MIN_FILMS:
        raise QueryError(
            f"--min-films must be at least {pages.PRECOMPUTED_MIN_FILMS}, not {min_films}: "
            "pages look for a precomputed answer only for people with that many films"
        )
    if top < 1:
        raise QueryError(f"--top must be at least 1, not {top}")
    generation = int(store.named("graph_generation").scalar())  # 0 if never written
    state = {"generation": generation, "top": top}
    store.write_derived("related_cache_drop_stale", state)
    current = {row[0] for row in store.named("related_cache_current", state).rows}
    people = [row[0] for row in store.named("prolific_people", {"min_films": min_films}).rows]
    todo = [person for person in people if person not in current]
    for start in range(0, len(todo), PUT_BATCH):
        rows = [
            {"person": person, "payload": _payload(store, person, top)}
            for person in todo[start : start + PUT_BATCH]
        ]
        store.write_derived("related_cache_put", {"rows": rows, **state})
        if on_progress is not None:
            on_progress(start + len(rows), len(todo))
    return RefreshSummary(
        people=len(people),
        current=len(people) - len(todo),
        computed=len(todo),
        generation=generation,
    )


def _payload(store: Store, person: str, top: int) -> str:
    answer = pages.related_people(store, person, top, precomputed=False)
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"))


def state(store: Store) -> CacheState:
    row = store.named("related_cache_state").records()[0]
    return CacheState(stored=int(row["cached"]), current=int(row["current"]))
