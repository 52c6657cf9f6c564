"""The gazetteer's index of folded names: a dict while names are added, compact once built.

While names are added, a dict maps each folded name to its value (the head of
its postings, and whether it is only looked up, never searched for). ``build``
turns that into two Aho-Corasick automata (ahocorasick-rs, Rust): one of the
names searched for in review text, one of the lookup-only ones, each with an
array of heads in pattern order, and drops the dict. The automata answer exact
lookups too (a match spanning the whole query), so a million names cost about
110 MB (measured) and no Python object per name; forked workers share it all.
Adding after ``build`` re-opens the dict from a compact copy of the names.
"""

from __future__ import annotations

from array import array
from typing import Any

import ahocorasick_rs

# ContiguousNFA: measured on 1M names, 108 MB and ~95 µs per review; the
# noncontiguous NFA took twice the memory and time, the DFA 6.8 GB.
_IMPLEMENTATION = ahocorasick_rs.Implementation.ContiguousNFA


def _automaton(names: list[str]) -> Any:
    return ahocorasick_rs.AhoCorasick(names, implementation=_IMPLEMENTATION, store_patterns=False)


class NameIndex:
    """Folded name -> head of its postings; the searchable names found in text."""

    def __init__(self) -> None:
        self._open: dict[str, int] | None = {}  # name -> head * 2 + lookup-only flag
        self._searched: Any = None
        self._searched_heads = array("i")
        self._lookup_only: Any = None
        self._lookup_only_heads = array("i")
        self._frozen = b""  # the names, "\n"-separated, searched first (to re-open)

    def __len__(self) -> int:
        if self._open is not None:
            return len(self._open)
        return len(self._searched_heads) + len(self._lookup_only_heads)

    def add(self, name: str, head: int, lookup_only: bool) -> int:
        """Make ``head`` the head of ``name``'s postings; the one before it, or -1 if new.

        A name stays lookup-only once any of its surfaces made it so."""
        names = self._reopen()
        value = names.get(name, -1)
        names[name] = head * 2 + (lookup_only or (value >= 0 and value & 1))
        return value >> 1 if value >= 0 else -1

    def head(self, name: str) -> int:
        """The head of ``name``'s postings, or -1."""
        if self._open is not None:
            value = self._open.get(name, -1)
            return value >> 1 if value >= 0 else -1
        for automaton, heads in (
            (self._lookup_only, self._lookup_only_heads),
            (self._searched, self._searched_heads),
        ):
            for index, start, end in automaton.find_matches_as_indexes(name, overlapping=True):
                if start == 0 and end == len(name):
                    return int(heads[index])
        return -1

    def search(self, folded: str) -> list[tuple[int, int, int]]:
        """Every occurrence of a searchable name: (start, end, head), overlaps included."""
        if self._open is not None:
            self.build()
        heads = self._searched_heads
        return [
            (start, end, heads[index])
            for index, start, end in self._searched.find_matches_as_indexes(
                folded, overlapping=True
            )
        ]

    def build(self) -> None:
        if self._open is None:
            return
        searched = [(n, v >> 1) for n, v in self._open.items() if not v & 1]
        lookup_only = [(n, v >> 1) for n, v in self._open.items() if v & 1]
        self._open = None  # the dict goes before the automata come: a lower peak
        self._searched = _automaton([n for n, _ in searched])
        self._searched_heads = array("i", (h for _, h in searched))
        self._lookup_only = _automaton([n for n, _ in lookup_only])
        self._lookup_only_heads = array("i", (h for _, h in lookup_only))
        self._frozen = "\n".join(n for n, _ in [*searched, *lookup_only]).encode()

    def _reopen(self) -> dict[str, int]:
        if self._open is None:
            names = self._frozen.decode().split("\n") if self._frozen else []
            values = [h * 2 for h in self._searched_heads]
            values += [h * 2 + 1 for h in self._lookup_only_heads]
            self._open = dict(zip(names, values, strict=True))
            self._searched = self._lookup_only = None
            self._searched_heads, self._lookup_only_heads = array("i"), array("i")
            self._frozen = b""
        return self._open
