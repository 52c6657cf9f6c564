"""Keyword patterns: regexes that start with one of a few words, searched fast.

The extractor looks for a dozen word lists in every review (cue words, role
words, "directed by" …). As plain ``re`` patterns (``\\b(?:a|b|…)``, most of
them ``IGNORECASE``) each took 40-200 µs per review: ``re`` tries the
alternation at every position and, ignoring case, loses its fast scan. Here
an Aho-Corasick automaton finds the words' literal beginnings (in the lower-cased text
for a caseless pattern) and the full pattern is tried only there. The matches
are exactly those of ``finditer`` (leftmost, not overlapping).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick_rs

_SPECIAL = "\\[](){}.?*+|^$"
# The only characters outside ASCII that IGNORECASE matches to an ASCII letter
# although their lower case is not that letter (found by trying every code point).
# Text holding one of them takes the plain ``finditer``.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")
_last: tuple[str, str] = ("", "")
_FEW = 8  # anchors searched one by one with str.find; more: with Aho-Corasick


def lowered(text: str) -> str:
    """``text.lower()``, remembered: every pattern of a review asks for the same one."""
    global _last
    cached = _last  # one read: another thread may replace it meanwhile
    if text is cached[0] or text == cached[0]:
        return cached[1]
    low = text.lower()
    _last = (text, low)
    return low


def _literal_prefix(alternative: str) -> str:
    """The text every match of ``alternative`` starts with (up to its first regex syntax)."""
    for i, ch in enumerate(alternative):
        if ch in _SPECIAL:
            return alternative[: i - 1] if ch in "?*{" else alternative[:i]
    return alternative


class KeywordPattern:
    """``\\b(alternatives)after`` (group 1: the keyword); each alternative starts with a word."""

    def __init__(
        self, alternatives: Iterable[str], after: str = "", *, caseless: bool = True
    ) -> None:
        alts = list(alternatives)
        pattern = r"\b(" + "|".join(alts) + ")" + after
        self.caseless = caseless
        self.full = re.compile(pattern, re.IGNORECASE if caseless else 0)
        anchors = {_literal_prefix(a).lower() if caseless else _literal_prefix(a) for a in alts}
        if not all(a.isascii() and re.match(r"\w", a) for a in anchors):
            raise ValueError(f"every alternative must start with an ASCII word: {alts!r}")
        # Anchors another anchor is a prefix of add nothing: its finds cover theirs.
        self.anchors = tuple(
            a for a in anchors if not any(a != b and a.startswith(b) for b in anchors)
        )
        self._finder: Any = None
        if len(self.anchors) > _FEW:  # one pass over the text beats a find per anchor
            self._finder = ahocorasick_rs.AhoCorasick(list(self.anchors))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """As ``self.full.finditer(text)``."""
        if not self.caseless:
            return self._anchored(text, text)
        low = lowered(text)
        if len(low) != len(text) or (not text.isascii() and _ODD_CASE.search(text)):
            return self.full.finditer(text)
        return self._anchored(low, text)

    def _anchored(self, subject: str, text: str) -> Iterator[re.Match[str]]:
        starts: list[int] = []
        if self._finder is not None:
            found = self._finder.find_matches_as_indexes(subject, overlapping=True)
            starts = [start for _, start, _ in found]
        else:
            for anchor in self.anchors:
                at = subject.find(anchor)
                while at >= 0:
                    starts.append(at)
                    at = subject.find(anchor, at + 1)
        starts.sort()
        end = 0
        for at in starts:
            if at < end or (at and (text[at - 1].isalnum() or text[at - 1] == "_")):
                continue  # inside the last match, or not at a word start (\b)
            match = self.full.match(text, at)
            if match is not None:
                end = match.end()
                yield match
