"""Which film a review is about, when the source does not say: candidates and scores.

A title gains weight from where and how the text names it: a fact-box
``Title:``, a heading such as ``Review zu „…“``, the review's first line, every
quoted occurrence, known titles from the gazetteer, plain repetitions, and
the source URL's slug. Titles the text ties to a person as another film
never win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.reviews import lang
from loaders.reviews.facts import Context
from loaders.reviews.gazetteer import (
    FILM,
    PERSON,
    Match,
    fold,
    fold_name,
    is_short,
    occurrences,
)
from loaders.reviews.spans import TOKEN_RE, Quote, Span, is_cap, span, title_like

_RATING = re.compile(r"[★☆✩✪½*]+|\b\d(?:[.,]5)?/\d{1,2}\b")
_TRAILING_PAREN = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TITLE_GAP = re.compile(r"[ \t]*[-:\u2013]?[ \t]+")


@dataclass
class Candidate:
    title: str
    score: float = 0.0
    spans: list[Span] = field(default_factory=list)
    year: int | None = None


def title_spans(text: str, title: str, quotes: list[Quote]) -> list[Span]:
    """Occurrences of a title: quoted ones always, unquoted ones when not a one-word title."""
    if not title.strip():
        return []
    quoted = {(q.inner.start, q.inner.end) for q in quotes}
    short = is_short(title)
    out = []
    for start, end in occurrences(text, title):
        if (start, end) in quoted or (not short and title_like(text[start:end])):
            out.append(span(text, start, end))
    return out


def title_after(text: str, pos: int, max_tokens: int = 8) -> Span | None:
    """A title-cased run starting at ``pos`` that may hold small words (``Train to Busan``)."""
    out: list[Span] = []
    for i, match in enumerate(TOKEN_RE.finditer(text, pos, pos + 120)):
        tok = Span(match.start(), match.end(), match.group())
        if i == max_tokens or (out and not _TITLE_GAP.fullmatch(text, out[-1].end, tok.start)):
            break
        if is_cap(tok.text) or (out and tok.text in lang.TITLE_INNER):
            out.append(tok)
        else:
            break
    while out and not is_cap(out[-1].text):
        out.pop()
    return span(text, out[0].start, out[-1].end) if out else None


def first_line_title(text: str) -> tuple[str | None, int | None]:
    """The review's first line when it reads as a title (ratings, ``(HK 1993)`` dropped)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if re.fullmatch(r"(?:\S {1,3}){4,}\S?.*", line) and re.search(r"\S \S \S", line):
        line = " ".join("".join(word.split(" ")) for word in re.split(r" {2,}", line))
    line = _RATING.sub("", line).strip()
    year = None
    paren = _TRAILING_PAREN.search(line)
    if paren:
        found = _YEAR.search(paren["inner"])
        year = int(found.group()) if found else None
        line = line[: paren.start()].strip()
    line = lang.TITLE_SEPARATORS.split(line)[0].strip()
    line = re.sub(r"(?:\.{2,}|…)$", "", line).strip()
    if not line or len(line) > 60 or not title_like(line) or line.endswith((":", "!", "?")):
        return None, year
    return line, year


class FilmScorer:
    """Collects title candidates for one review and picks the reviewed film."""

    def __init__(self, ctx: Context, matches: list[Match], url: str | None) -> None:
        self.ctx = ctx
        self.matches = matches
        self.url = url
        self.cands: dict[str, Candidate] = {}
        self.other = {fold_name(c.film.text) for c in ctx.credits if c.film is not None}

    def add(self, title: str, score: float, year: int | None = None) -> None:
        title = re.sub(r"(?:\.{2,}|…)$", "", title.strip().strip("\"'“”„»«")).strip()
        if not title:
            return
        cand = self.cands.setdefault(fold_name(title), Candidate(title))
        cand.score += score
        cand.year = cand.year or year

    def pick(self) -> Candidate | None:
        text, ctx = self.ctx.text, self.ctx
        if ctx.fact_title is not None:
            self.add(ctx.fact_title.text, 6)
        for heading in lang.REVIEW_HEADING.finditer(text):
            quote = next((q for q in ctx.quotes if q.outer_start == heading.end()), None)
            if quote is not None:
                self.add(quote.inner.text, 5)
        first, year = first_line_title(text)
        if first:
            self.add(first, 4, year)
        first_end = text.find("\n")
        first_end = first_end if 0 <= first_end <= 150 else 0
        for m in self.matches:
            if m.kind == FILM or any(e.kind == FILM for e in m.entries):
                self.add(text[m.start : m.end], 1 + (2 if m.start < first_end else 0))
        for q in ctx.quotes:
            if is_title_quote(text, q):
                self.add(q.inner.text, 1)
        for cue in lang.YEAR_POSSESSIVE.finditer(text):
            found = title_after(text, cue.end())
            if found is not None:
                self.add(found.text, 0.5, int(cue.group(1)))
        return self._best()

    def _best(self) -> Candidate | None:
        slug = (
            " " + " ".join(fold(self.url or "").replace("/", " ").replace(".", " ").split()) + " "
        )
        best: Candidate | None = None
        for folded, cand in self.cands.items():
            if folded in self.other or self.ctx.person_known(cand.title):
                continue
            cand.spans = title_spans(self.ctx.text, cand.title, self.ctx.quotes)
            cand.score += min(len(cand.spans), 8) * 0.5
            if self.url and f" {folded} " in slug:
                cand.score += 3
            if best is None or cand.score > best.score:
                best = cand
        return best if best is not None and best.score >= 2 else None


def is_title_quote(text: str, quote: Quote) -> bool:
    """A quoted title, not dialogue or a scare quote (``das "Maskottchen"``)."""
    inner = quote.inner.text
    if not title_like(inner) or inner[-1:] in "!?.,;:" or len(inner) < 2:
        return False
    words = re.findall(r"[\w-]+", text[max(0, quote.outer_start - 20) : quote.outer_start])
    return not (is_short(inner) and words and words[-1].lower() in lang.ARTICLES)


def year_near(text: str, spans: list[Span]) -> int | None:
    """``Title (2006)`` or ``2006's Title`` next to an occurrence of the title."""
    for s in spans:
        after = re.match(r"\s*\((?:[^()]*?\b)?(1[89]\d\d|20\d\d)\)", text[s.end : s.end + 20])
        if after:
            return int(after.group(1))
        before = re.search(r"\b(1[89]\d\d|20\d\d)['’]s\s+$", text[max(0, s.start - 10) : s.start])  # noqa: RUF001
        if before:
            return int(before.group(1))
    return None


def country_year(text: str) -> int | None:
    """A fact line ``Japan 1976`` / ``Hongkong / Singapur 2000`` / a lone ``2013``."""
    pattern = re.compile(
        r"^[ \t]*(?:[A-Z][\w.-]*(?:[ \t]*[/,]?[ \t]*[A-Z][\w.-]*){0,3}[ \t]+)?"
        r"(1[89]\d\d|20\d\d)\b(?![.:/'\u2019])",
        re.MULTILINE,
    )
    match = pattern.search(text)
    return int(match.group(1)) if match else None


__all__ = [
    "PERSON",
    "Candidate",
    "FilmScorer",
    "country_year",
    "is_title_quote",
    "title_after",
    "title_spans",
    "year_near",
]
