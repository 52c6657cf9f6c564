"""The gazetteer: known names and titles from the graph, found in text fast.

Built from the store's Person names/aliases and Film titles/aliases (the CLI
reads them with the named queries ``gazetteer_people`` / ``gazetteer_films``
and hands this object to the extractor; the extractor never sees a store).

Matching is Aho-Corasick (ahocorasick-rs) over a length-preserving folded copy
of the text (case, diacritics, hyphens folded per character), so match
offsets are offsets into the review text. Names whose words are all ordinary
(one content word: "Carter", "The Call", "Mother") are not searched for
everywhere: they are looked up only where the text marks a title (quotes, a
cue) or a name (brackets, credit lines).

Memory: a graph has millions of names, so nothing here is a Python object per
name once built. Keys and names sit UTF-8 encoded in one buffer, kinds and
years in arrays, and the folded names in :class:`~loaders.reviews.names.NameIndex`
(Aho-Corasick automata that also answer exact lookups). Forked workers share
all of it page for page: reading it touches no reference counts.
"""

from __future__ import annotations

import bisect
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from loaders.reviews import lang, spans
from loaders.reviews.names import NameIndex

PERSON, FILM = "person", "film"
_KINDS = (PERSON, FILM)
_KIND_CODE = {PERSON: 0, FILM: 1}
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


_last_text: tuple[str, str] = ("", "")


def fold_text(text: str) -> str:
    """:func:`fold` of a review text, remembered: every rule asks for the same one."""
    global _last_text
    cached = _last_text  # one read: another thread may replace it meanwhile
    if text is cached[0] or text == cached[0]:
        return cached[1]
    folded = fold(text)
    _last_text = (text, folded)
    return folded


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


class Gazetteer:
    """Names and titles of the graph, with the reviewed films' known credits as context."""

    def __init__(self) -> None:
        self.credits: dict[str, set[str]] = {}
        # Entry i: kind code, year (0: none), key and name at _text[_bounds[2i]:…].
        self._kinds = bytearray()
        self._years = array("H")
        self._text = bytearray()
        self._bounds = array("Q")
        self._key_hashes = array("q")
        # Postings (entry, next posting): the entries a folded name stands for.
        self._post_entry = array("i")
        self._post_next = array("i")
        self._names = NameIndex()
        self._built = False
        self._by_hash = array("q")  # sorted key hashes, and the entry of each
        self._by_hash_entry = array("i")

    def add(
        self,
        kind: str,
        key: str,
        name: str,
        aliases: Iterable[str] = (),
        year: int | None = None,
    ) -> None:
        index = len(self._kinds)
        self._kinds.append(_KIND_CODE[kind])
        self._years.append(year if year is not None and 0 < year < 65536 else 0)
        self._bounds.append(len(self._text))
        self._text += key.encode()
        self._bounds.append(len(self._text))
        self._text += name.encode()
        self._key_hashes.append(hash(key))
        self._built = False
        folded = fold_name(name)
        if folded:
            self._add_name(folded, name, index)
        if aliases:
            seen = {folded}
            for surface in aliases:
                folded = fold_name(surface)
                if folded and folded not in seen:
                    seen.add(folded)
                    self._add_name(folded, surface, index)

    def _add_name(self, folded: str, surface: str, index: int) -> None:
        post = len(self._post_entry)
        self._post_entry.append(index)
        lookup_only = " " not in folded or _is_short(surface)
        self._post_next.append(self._names.add(folded, post, lookup_only))

    def add_credit(self, film_key: str, person_key: str) -> None:
        self.credits.setdefault(film_key, set()).add(person_key)

    def __len__(self) -> int:
        """Distinct folded names and titles."""
        return len(self._names)

    def build(self) -> Gazetteer:
        """Compile the matcher and the key index (done on first use otherwise)."""
        _table()
        if self._built:
            return self
        self._names.build()
        order = sorted(range(len(self._key_hashes)), key=self._key_hashes.__getitem__)
        self._by_hash = array("q", (self._key_hashes[i] for i in order))
        self._by_hash_entry = array("i", order)
        self._built = True
        return self

    def entry(self, index: int) -> Entry:
        bounds, text = self._bounds, self._text
        start, middle = bounds[2 * index], bounds[2 * index + 1]
        end = bounds[2 * index + 2] if 2 * index + 2 < len(bounds) else len(text)
        year = self._years[index]
        return Entry(
            _KINDS[self._kinds[index]],
            text[start:middle].decode(),
            text[middle:end].decode(),
            year or None,
        )

    def _entries(self, head: int) -> list[Entry]:
        """The entries of a posting list, in the order they were added."""
        out = []
        while head >= 0:
            out.append(self.entry(self._post_entry[head]))
            head = self._post_next[head]
        out.reverse()
        return out

    def lookup(self, surface: str, kind: str | None = None) -> list[Entry]:
        """Entries whose name or alias folds to the same text as ``surface``."""
        found = self._entries(self._names.head(fold_name(surface)))
        return found if kind is None else [e for e in found if e.kind == kind]

    def by_key(self, key: str) -> Entry | None:
        if not self._built:
            self.build()
        wanted = hash(key)
        at = bisect.bisect_left(self._by_hash, wanted)
        while at < len(self._by_hash) and self._by_hash[at] == wanted:
            entry = self.entry(self._by_hash_entry[at])
            if entry.key == key:
                return entry
            at += 1
        return None

    def find(self, text: str) -> Iterator[Match]:
        """Known names of two or more content words, longest first, not overlapping."""
        if not self._built:
            self.build()
        folded = fold_text(text)
        size = len(folded)
        found: list[tuple[int, int, int]] = []
        for start, end, head in self._names.search(folded):
            if (start > 0 and folded[start - 1].isalnum()) or (
                end < size and folded[end].isalnum()
            ):
                continue
            if spans.title_like(text[start:end]):
                found.append((start, end, head))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        last_end = -1
        for start, end, head in found:
            if start < last_end:
                continue
            last_end = end
            entries = tuple(self._entries(head))
            kinds = {e.kind for e in entries}
            yield Match(start, end, PERSON if PERSON in kinds else FILM, entries)


def _is_short(surface: str) -> bool:
    """Fewer than two content words (stops at the second: names are added by the million)."""
    count = 0
    for word in surface.split():
        if word.isalpha():  # the common case, without the regex: one plain word, one token
            count += word.lower() not in lang.TITLE_FUNCTION_WORDS
        else:
            count += sum(
                t.lower() not in lang.TITLE_FUNCTION_WORDS
                for t in spans.CONTENT_TOKEN.findall(word)
            )
        if count >= 2:
            return False
    return True


def occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` occurs in ``text`` as whole words, folded (case, accents, hyphens)."""
    needle = fold_name(name)
    if not needle:
        return
    folded = fold_text(text)
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
    return _is_short(surface)


__all__ = [
    "FILM",
    "PERSON",
    "Entry",
    "Gazetteer",
    "Match",
    "fold",
    "fold_name",
    "fold_text",
    "lang",
]
