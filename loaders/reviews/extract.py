"""Extraction of one review: reviewed film, people, characters, credits, films, mentions.

``extract(review, gazetteer)`` runs the rules of :mod:`loaders.reviews.facts`,
finds known names with the gazetteer, decides the reviewed film
(:mod:`loaders.reviews.film`) and gathers everything into an
:class:`Extraction` whose every span is an offset into ``Extraction.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph import keys, schema
from loaders.reviews import film as films_mod
from loaders.reviews import lang
from loaders.reviews.facts import RULES, Context, Credit
from loaders.reviews.gazetteer import (
    FILM,
    PERSON,
    Gazetteer,
    Match,
    fold_name,
    fold_text,
    is_short,
    occurrences,
)
from loaders.reviews.inputs import RawReview
from loaders.reviews.spans import Span, find_quotes, is_cap, span, title_like

EXTRACTOR = "reviews-rules/1"
_LINE = re.compile(r"[^\n]+")


@dataclass
class PersonResult:
    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    confidence: float = 0.8

    @property
    def roles(self) -> list[str]:
        return sorted({c.role for c in self.credits})

    @property
    def character(self) -> Span | None:
        return next((c.character for c in self.credits if c.character is not None), None)

    @property
    def other_films(self) -> list[str]:
        return list(dict.fromkeys(c.film.text for c in self.credits if c.film is not None))

    @property
    def in_reviewed_film(self) -> bool:
        return any(c.film is None and c.in_reviewed_film for c in self.credits)


@dataclass
class FilmResult:
    title: str
    spans: list[Span] = field(default_factory=list)
    confidence: float = 0.75


@dataclass
class Extraction:
    source: str
    text: str
    language: str
    film_title: str | None = None
    film_year: int | None = None
    film_imdb: str | None = None
    film_spans: list[Span] = field(default_factory=list)
    people: list[PersonResult] = field(default_factory=list)
    films: list[FilmResult] = field(default_factory=list)

    def as_gold(self) -> dict[str, Any]:
        """The shape of the gold files plus ``mentions`` (kind, text, start, end, confidence)."""
        mentions = [
            {"kind": kind, "text": s.text, "start": s.start, "end": s.end, "confidence": conf}
            for kind, items in (("person", self.people), ("film", self.films))
            for item in items
            for s, conf in ((s, item.confidence) for s in item.spans)
        ]
        mentions += [
            {"kind": "film", "text": s.text, "start": s.start, "end": s.end, "confidence": 0.9}
            for s in self.film_spans
        ]
        return {
            "source": self.source,
            "language": self.language,
            "film": {"title": self.film_title, "year": self.film_year, "imdb": self.film_imdb},
            "people": [
                {
                    "name": p.name,
                    "aliases": p.aliases,
                    "roles": p.roles,
                    "character": p.character.text if p.character else None,
                    "other_films": p.other_films,
                    "in_reviewed_film": p.in_reviewed_film,
                }
                for p in self.people
            ],
            "mentioned_films": [f.title for f in self.films],
            "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"])),
        }


def extract(review: RawReview, gazetteer: Gazetteer) -> Extraction:
    """Everything one review states, as spans into its (stripped) text."""
    text = review.text.strip()
    language = review.language or lang.detect(text)
    ctx = Context(text, language, gazetteer, find_quotes(text))
    for rule in RULES:
        rule(ctx)
    matches = list(gazetteer.find(text))
    out = Extraction(review.source, text, language)
    _reviewed_film(out, ctx, matches, review)
    _people(out, ctx, matches)
    _films(out, ctx, matches)
    return out


def _reviewed_film(out: Extraction, ctx: Context, matches: list[Match], review: RawReview) -> None:
    hint = review.film
    title = hint.title if hint else None
    out.film_imdb = hint.imdb if hint else None
    if title is None and out.film_imdb:
        entry = ctx.gazetteer.by_key(keys.id_key(schema.FILM, "imdb", out.film_imdb))
        title = entry.name if entry else None
    year = hint.year if hint else None
    if title is None and out.film_imdb is None:
        best = films_mod.FilmScorer(ctx, matches, review.url).pick()
        if best is not None:
            title, year = best.title, year or best.year
    if title is None:
        return
    out.film_title = title
    out.film_spans = films_mod.title_spans(ctx.text, title, ctx.quotes)
    out.film_year = (
        year
        or ctx.year
        or films_mod.year_near(ctx.text, out.film_spans)
        or films_mod.country_year(ctx.text)
    )
    _fact_box_director(ctx, title)


def _fact_box_director(ctx: Context, title: str) -> None:
    """An unlabeled fact box (title, original title, director, runtime, year …)."""
    if any(c.role == "director" for c in ctx.credits):
        return
    text = ctx.text
    target = fold_name(title)
    folded = fold_text(text)  # fold() is per character: folded lines are slices of it
    if target and max(target.split(" "), key=len) not in folded:
        return  # no line folds to the title (each word of such a line is in the text)
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text)]
    for i, (start, line) in enumerate(lines):
        if " ".join(folded[start : start + len(line)].split()) != target or i + 3 >= len(lines):
            continue
        block = lines[i + 1 : i + 6]
        if not all(len(ln.strip()) <= 50 for _, ln in block[:3]):
            continue
        for start, line_text in block:
            if any(ch.isdigit() for ch in line_text) or ":" in line_text:
                break
            toks = [s for s in _tokens(text, start, line_text)]
            from loaders.reviews.spans import join, name_like

            if name_like(toks) and not ctx.gazetteer.lookup(line_text, FILM):
                ctx.add(
                    Credit(
                        join(text, toks), "director", span(text, start, start + len(line_text)), 0.6
                    )
                )
                return


def _tokens(text: str, start: int, line: str) -> list[Span]:
    from loaders.reviews.spans import tokens_in

    toks = tokens_in(line, start)
    covered = "".join(t.text for t in toks)
    return toks if covered == "".join(line.split()) else []


def _people(out: Extraction, ctx: Context, matches: list[Match]) -> None:
    text = ctx.text
    characters = {fold_name(c.text) for c in ctx.characters}
    film_titles = {fold_name(out.film_title)} if out.film_title else set()
    people: dict[str, PersonResult] = {}
    for credit in ctx.credits:
        key = fold_name(credit.person.text)
        person = people.setdefault(
            key, PersonResult(credit.person.text, confidence=credit.confidence)
        )
        person.credits.append(credit)
    char_spans = [(c.start, c.end) for c in ctx.characters]
    for m in matches:
        if m.kind != PERSON or any(s < m.end and m.start < e for s, e in char_spans):
            continue
        key = fold_name(text[m.start : m.end])
        if key in characters or key in film_titles:
            continue
        people.setdefault(key, PersonResult(text[m.start : m.end], confidence=0.75))
    for key in [k for k in people if k in characters and not people[k].credits]:
        del people[key]
    merged = _merge_prefixes(people)
    taken: list[tuple[int, int]] = list(char_spans)
    for person in merged:
        for name in [person.name, *person.aliases]:
            person.spans += _occurrences(text, name, taken)
    _short_forms(text, merged, characters, taken)
    out.people = [p for p in merged if p.spans or p.credits]


def _merge_prefixes(people: dict[str, PersonResult]) -> list[PersonResult]:
    """``Fiona Leung`` and ``Fiona Leung Ngai-Ling`` are one person (the longer name kept)."""
    names = sorted(people, key=lambda k: -len(k.split()))
    kept: dict[str, PersonResult] = {}
    for key in names:
        words = key.split()
        target = next(
            (k for k in kept if len(words) >= 2 and k.split()[: len(words)] == words), None
        )
        if target is None:
            kept[key] = people[key]
            continue
        host = kept[target]
        host.aliases.append(people[key].name)
        host.credits += people[key].credits
    return list(kept.values())


def _occurrences(text: str, name: str, taken: list[tuple[int, int]]) -> list[Span]:
    out = []
    for start, end in occurrences(text, name):
        if is_cap(text[start]) and not any(s < end and start < e for s, e in taken):
            out.append(span(text, start, end))
            taken.append((start, end))
    return out


def _short_forms(
    text: str, people: list[PersonResult], characters: set[str], taken: list[tuple[int, int]]
) -> None:
    """``Jeon`` for ``Jeon Jong-seo`` when only one person of the review has that word."""
    owners: dict[str, list[PersonResult]] = {}
    for person in people:
        words = person.name.split()
        if len(words) >= 2:
            # First word, then last (once if the same): a set here made the order of the
            # evidence spans depend on the interpreter's hash seed.
            for word in dict.fromkeys((words[0], words[-1])):
                owners.setdefault(word, []).append(person)
    for word, who in owners.items():
        if len(who) != 1 or len(word) < 3 or word.lower() in lang.ALL_STOPWORDS:
            continue
        if fold_name(word) in characters or any(word in c.split() for c in characters):
            continue
        for start, end in occurrences(text, word):
            if text[start:end] == word and not any(s < end and start < e for s, e in taken):
                who[0].spans.append(span(text, start, end))
                taken.append((start, end))


def _films(out: Extraction, ctx: Context, matches: list[Match]) -> None:
    text = ctx.text
    skip = {fold_name(a.text) for a in ctx.aliases}
    if out.film_title:
        skip.add(fold_name(out.film_title))
        skip.add(fold_name(re.sub(r"^(the|der|die|das|a|an)\s+", "", out.film_title, flags=re.I)))
    people = {fold_name(n) for p in out.people for n in [p.name, *p.aliases]}
    characters = {fold_name(c.text) for c in ctx.characters}
    found: dict[str, FilmResult] = {}

    def add(where: Span, conf: float) -> None:
        title = re.sub(r"(?:\.{2,}|…)$", "", where.text).strip()
        key = fold_name(title)
        if key and key not in skip and key not in people and key not in characters:
            found.setdefault(key, FilmResult(title, confidence=conf)).spans.append(where)

    for credit in ctx.credits:
        if credit.film is not None:
            add(credit.film, 0.85)
    for quote in ctx.quotes:
        if films_mod.is_title_quote(text, quote) and not ctx.person_known(quote.inner.text):
            add(quote.inner, 0.75)
    for m in matches:
        if m.kind == FILM:
            sequel = lang.SEQUEL.match(text, m.end)
            end = sequel.end() if sequel else m.end
            add(span(text, m.start, end), 0.7 if len(m.entries) == 1 and not sequel else 0.5)
    _cued_titles(ctx, add)
    for result in found.values():
        seen = {(s.start, s.end) for s in result.spans}
        extra = films_mod.title_spans(text, result.title, ctx.quotes)
        result.spans = sorted(
            [*result.spans, *(s for s in extra if (s.start, s.end) not in seen)],
            key=lambda s: s.start,
        )
        result.spans = list({(s.start, s.end): s for s in result.spans}.values())
    out.films = list(found.values())


def _cued_titles(ctx: Context, add: Any) -> None:
    """``2016's Train to Busan``; ``I saw Stoker`` when the graph knows the title."""
    text = ctx.text
    for m in lang.YEAR_POSSESSIVE.finditer(text):
        found = films_mod.title_after(text, m.end())
        if found is not None and not ctx.person_known(found.text):
            add(found, 0.7)
    for m in lang.XREF_CUE.finditer(text):
        if not is_cap(text[m.end()]):  # a lower-case word: never a title (the cue is caseless)
            continue
        found = films_mod.title_after(text, m.end())
        if found is not None and not ctx.person_known(found.text) and title_like(found.text):
            add(found, 0.6)
    for m in lang.TITLE_CUE.finditer(text):
        if not is_cap(text[m.end()]):
            continue
        found = films_mod.title_after(text, m.end(), max_tokens=6)
        while found is not None:
            if ctx.gazetteer.lookup(found.text, FILM) and is_short(found.text):
                add(found, 0.6)
                break
            cut = found.text.rsplit(" ", 1)
            found = span(text, found.start, found.start + len(cut[0])) if len(cut) > 1 else None
