"""The gazetteer's index of folded names: a dict while names are added, compact once built.

While names are added, a dict maps each folded name to its value (the head of
its postings, and whether it is only looked up, never searched for). ``build``
turns that into an Aho-Corasick automaton (ahocorasick-rs, Rust) of the names
searched for in review text, and a hash index for exact lookups of every name:
the names' hashes sorted in an array, each with its place in a compact copy of
the names (to confirm a hit) and its head. Then it drops the dict: no Python
object per name, and forked workers share it all. (Exact lookups once ran a second
automaton, of the names only looked up: bench/reviews_extract_cpu.py measured
4-12 % less extraction time without it, and 27-32 MB less peak memory.) Adding after
``build`` re-opens the dict from the compact copy.

Python's ``hash`` of a string differs between interpreter runs, so the index is
only good in the process that built it and the workers it forks: it is never
pickled (as the gazetteer's key index, which hashes the same way).
"""

from __future__ import annotations

import bisect
import itertools
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
        self._searched_heads = array("i")  # per searched name, in automaton order
        self._frozen = b""  # every name, "\n"-separated, the searched ones first
        self._values = array("q")  # per name, in _frozen's order: head * 2 + flag
        self._starts = array("q")  # per name, where it starts in _frozen
        self._hashes = array("q")  # hash of every name, sorted
        self._hashed = array("i")  # per sorted hash, the name's number

    def __len__(self) -> int:
        if self._open is not None:
            return len(self._open)
        return len(self._values)

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
        wanted, hashes = hash(name), self._hashes
        at = bisect.bisect_left(hashes, wanted)
        while at < len(hashes) and hashes[at] == wanted:
            number = self._hashed[at]
            if self._name(number) == name:
                return self._values[number] >> 1
            at += 1
        return -1

    def _name(self, number: int) -> str:
        start = self._starts[number]
        end = self._starts[number + 1] - 1 if number + 1 < len(self._starts) else None
        return self._frozen[start:end].decode()

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
        # Searched names first: their numbers are the automaton's pattern numbers.
        ordered = sorted(self._open.items(), key=lambda item: item[1] & 1)
        self._open = None  # the dict goes before the automaton comes: a lower peak
        searched = sum(1 for _, v in ordered if not v & 1)
        self._searched = _automaton([n for n, _ in ordered[:searched]])
        self._searched_heads = array("i", (v >> 1 for _, v in ordered[:searched]))
        self._values = array("q", (v for _, v in ordered))
        encoded = [n.encode() for n, _ in ordered]
        self._frozen = b"\n".join(encoded)
        self._starts = array("q", itertools.accumulate((len(e) + 1 for e in encoded), initial=0))
        del self._starts[-1]
        by_hash = sorted(range(len(ordered)), key=[hash(n) for n, _ in ordered].__getitem__)
        self._hashes = array("q", (hash(ordered[i][0]) for i in by_hash))
        self._hashed = array("i", by_hash)

    def _reopen(self) -> dict[str, int]:
        if self._open is None:
            names = self._frozen.decode().split("\n") if self._values else []
            self._open = dict(zip(names, self._values, strict=True))
            self._searched = None
            self._searched_heads, self._values = array("i"), array("q")
            self._starts, self._hashes, self._hashed = array("q"), array("q"), array("i")
            self._frozen = b""
        return self._open
