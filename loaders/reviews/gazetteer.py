"""The gazetteer: known names and titles from the graph, found in text fast.

Built from the store's Person names/aliases and Film titles/aliases (the CLI
reads them with the named queries ``gazetteer_people`` / ``gazetteer_films``
and hands this object to the extractor; the extractor never sees a store).

Matching is Aho-Corasick (pyahocorasick) over a length-preserving folded copy
of the text (case, diacritics, hyphens folded per character), so match
offsets are offsets into the review text. Names whose words are all ordinary
(one content word: "Carter", "The Call", "Mother") are not searched for
everywhere: they are looked up only where the text marks a title (quotes, a
cue) or a name (brackets, credit lines).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from loaders.reviews import lang, spans

PERSON, FILM = "person", "film"
_FOLD: dict[int, str] = {}


def _fold_char(ch: str) -> str:
    if ch.isspace() or ch in "-‐‑‒–—_":  # noqa: RUF001
        return " "
    if ch in "’‘`´":  # noqa: RUF001
        return "'"
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFKD", low)[:1]
    return base if base.isascii() and base.isalnum() else low


def _table() -> dict[int, str]:
    if not _FOLD:
        for code in range(0x3000):
            ch = chr(code)
            folded = _fold_char(ch)
            if folded != ch:
                _FOLD[code] = folded
    return _FOLD


def fold(text: str) -> str:
    """Length-preserving fold: ``Jeon Jong-Seo`` -> ``jeon jong seo``."""
    return text.translate(_table())


def fold_name(name: str) -> str:
    """The folded form names are stored under: spaces collapsed, ends trimmed."""
    return " ".join(fold(name).split())


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    key: str
    name: str
    year: int | None = None


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str
    entries: tuple[Entry, ...]


@dataclass
class Gazetteer:
    """Names and titles of the graph, with the reviewed films' known credits as context."""

    entries: list[Entry] = field(default_factory=list)
    credits: dict[str, set[str]] = field(default_factory=dict)
    _ids: dict[str, list[int]] = field(default_factory=dict)
    _short: set[str] = field(default_factory=set)
    _automaton: Any = None
    _keys: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        kind: str,
        key: str,
        name: str,
        aliases: Iterable[str] = (),
        year: int | None = None,
    ) -> None:
        index = len(self.entries)
        self.entries.append(Entry(kind, key, name, year))
        self._keys.setdefault(key, index)
        for surface in {name, *aliases}:
            folded = fold_name(surface)
            if not folded:
                continue
            ids = self._ids.setdefault(folded, [])
            if not ids or ids[-1] != index:
                ids.append(index)
            if " " not in folded or len(spans.content_tokens(surface)) < 2:
                self._short.add(folded)
        self._automaton = None

    def add_credit(self, film_key: str, person_key: str) -> None:
        self.credits.setdefault(film_key, set()).add(person_key)

    def __len__(self) -> int:
        return len(self._ids)

    def build(self) -> Gazetteer:
        """Compile the matcher (done on first use otherwise)."""
        automaton = ahocorasick.Automaton()
        for folded in self._ids:
            if folded not in self._short:
                automaton.add_word(folded, folded)
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton
        return self

    def lookup(self, surface: str, kind: str | None = None) -> list[Entry]:
        """Entries whose name or alias folds to the same text as ``surface``."""
        ids = self._ids.get(fold_name(surface), [])
        return [self.entries[i] for i in ids if kind is None or self.entries[i].kind == kind]

    def by_key(self, key: str) -> Entry | None:
        index = self._keys.get(key)
        return None if index is None else self.entries[index]

    def find(self, text: str) -> Iterator[Match]:
        """Known names of two or more content words, longest first, not overlapping."""
        if self._automaton is None:
            self.build()
        if not len(self._automaton):
            return
        folded = fold(text)
        found: list[tuple[int, int, str]] = []
        for end, name in self._automaton.iter(folded):
            start = end - len(name) + 1
            if (start > 0 and folded[start - 1].isalnum()) or (
                end + 1 < len(folded) and folded[end + 1].isalnum()
            ):
                continue
            if spans.title_like(text[start : end + 1]):
                found.append((start, end + 1, name))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        last_end = -1
        for start, end, name in found:
            if start < last_end:
                continue
            last_end = end
            entries = tuple(self.entries[i] for i in self._ids[name])
            kinds = {e.kind for e in entries}
            yield Match(start, end, PERSON if PERSON in kinds else FILM, entries)


def occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` occurs in ``text`` as whole words, folded (case, accents, hyphens)."""
    needle = fold_name(name)
    if not needle:
        return
    folded = fold(text)
    at = folded.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not folded[at - 1].isalnum()) and (
            end >= len(folded) or not folded[end].isalnum()
        ):
            yield at, end
        at = folded.find(needle, at + 1)


def is_short(surface: str) -> bool:
    """One content word only: counts as a title only when quoted or cued."""
    return len(spans.content_tokens(surface)) < 2


__all__ = ["FILM", "PERSON", "Entry", "Gazetteer", "Match", "fold", "fold_name", "lang"]
