"""Shortest chains between two people by a search from both ends, for engines without one.

LadybugDB's ``* SHORTEST`` searches outward from the first person only, and it
does not stop at the second: on a graph of 1M nodes and 5M credits a chain of
two films took 2-5 s, as the search reaches most of the graph within eight
relationships. Searching from both people and always growing the smaller
frontier meets in the middle after touching a few thousand nodes instead.

Credits run Person -> Film only, so frontiers alternate between people (even
depths) and films (odd depths). Each step is one named query over a whole
frontier (``path_films_of`` / ``path_people_of``); ``path_links`` then reads the
credit and roles of each link of the chain found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph import schema

#: One step: (named query, frontier keys) -> (from key, to key) columns.
Step = Callable[[str, list[str]], tuple[list[str], list[str]]]
#: The columns of the ``path`` query, which :func:`path_row` answers in the same shape.
COLUMNS = ("length", "keys", "credits", "roles")
#: Credit types in the order a link with several credits reports them.
_CREDITS = [
    rel for rel in schema.REL_TYPES if schema.RELS[rel].endpoints == ((schema.PERSON, schema.FILM),)
]


@dataclass
class _Side:
    """One end of the search: what it has reached, and how (key -> previous key, depth)."""

    root: str
    reached: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    frontier: list[str] = field(default_factory=list)
    depth: int = 0

    def __post_init__(self) -> None:
        self.reached[self.root] = (None, 0)
        self.frontier = [self.root]

    def chain_to(self, key: str) -> list[str]:
        """Keys from the root to ``key``."""
        chain: list[str] = []
        node: str | None = key
        while node is not None:
            chain.append(node)
            node = self.reached[node][0]
        return chain[::-1]


def _grow(side: _Side, step: Step) -> list[str]:
    """Advance ``side`` one depth; the keys reached for the first time."""
    query = "path_films_of" if side.depth % 2 == 0 else "path_people_of"
    sources, targets = step(query, side.frontier)
    side.depth += 1
    new: list[str] = []
    for source, target in zip(sources, targets, strict=True):
        if target is not None and target not in side.reached:
            side.reached[target] = (source, side.depth)
            new.append(target)
    side.frontier = new
    return new


def shortest_chain(step: Step, person_a: str, person_b: str, max_rels: int) -> list[str] | None:
    """Node keys of a shortest chain from ``person_a`` to ``person_b``, or None.

    When several chains are equally short, the one through the smallest meeting
    key is returned, so the answer is the same on every run.
    """
    a, b = _Side(person_a), _Side(person_b)
    while a.frontier and b.frontier and a.depth + b.depth < max_rels:
        grow, other = (a, b) if len(a.frontier) <= len(b.frontier) else (b, a)
        # No meeting so far means every chain is longer than a.depth + b.depth, so the
        # first nodes both sides reach all lie on shortest chains (of one length).
        meets = [key for key in _grow(grow, step) if key in other.reached]
        if meets:
            middle = min(meets)
            return a.chain_to(middle) + b.chain_to(middle)[::-1][1:]
    return None


def path_row(
    store_named: Callable[[str, dict[str, Any]], Iterable[dict[str, Any]]],
    chain: list[str],
) -> dict[str, Any]:
    """The ``path`` query's row for ``chain``: length, keys, credits and roles per link."""
    people, films = chain[0::2], chain[1::2]
    found: dict[tuple[str, str], tuple[str, Any]] = {}
    rows = store_named("path_links", {"people": people, "films": films})
    for row in sorted(rows, key=lambda r: _CREDITS.index(r["credit"])):
        found.setdefault((row["person"], row["film"]), (row["credit"], row["roles"]))
    credits, roles = [], []
    for i in range(len(chain) - 1):
        person, film = (chain[i], chain[i + 1]) if i % 2 == 0 else (chain[i + 1], chain[i])
        credit, role_names = found[(person, film)]
        credits.append(credit)
        roles.append(role_names)
    return dict(zip(COLUMNS, (len(chain) - 1, chain, credits, roles), strict=True))
