"""Rules that turn review text into credits: who did what in which film.

Each rule reads the text of one review and appends :class:`Credit` facts to a
:class:`Context`; later rules see the people earlier rules found (a name in
the cast line makes ``Name (Title)`` read as actor plus other film).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from loaders.reviews import lang
from loaders.reviews.gazetteer import FILM, PERSON, Gazetteer, fold_name
from loaders.reviews.keywords import KeywordPattern
from loaders.reviews.spans import (
    Quote,
    Span,
    is_cap,
    join,
    name_like,
    run_after,
    run_before,
    span,
    strip_name_run,
    title_like,
    tokens_in,
)

_LABEL = re.compile(
    r"^[ \t•*·-]*(?P<label>[^\W\d_][\w .]{0,24}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$"
)
_SPLIT = re.compile(r"\s*(?:,|;|\s/\s|\s&\s|\sund\s|\sand\s|\s{3,})\s*")
_PAREN = re.compile(r"\((?P<a>[^()\n]{1,150})\)|\[(?P<b>[^\[\]\n]{1,150})\]")
_AS = re.compile(r"[ \t](?P<w>as|als)[ \t]")
_LIST_SEP = re.compile(r"[ \t]*(?:,|&|\band\b|\bund\b)[ \t]*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# What follows a role word when a name follows: blanks and a capital.
_NAME_AFTER = re.compile(r"[ \t]+[A-Z\u00c0-\u00de]")
_LETTER = re.compile(r"[^\W\d_]")
_DIRECTING = KeywordPattern(sorted(lang.DIRECTING_NOUNS), r"\b")


@dataclass(frozen=True)
class Credit:
    """``person`` had ``role`` in ``film`` (None: the reviewed film), as ``character``."""

    person: Span
    role: str
    evidence: Span
    confidence: float
    film: Span | None = None
    character: Span | None = None
    in_reviewed_film: bool = True


@dataclass
class Context:
    text: str
    language: str
    gazetteer: Gazetteer
    quotes: list[Quote]
    known_people: set[str] = field(default_factory=set)
    credits: list[Credit] = field(default_factory=list)
    characters: list[Span] = field(default_factory=list)
    aliases: list[Span] = field(default_factory=list)
    fact_title: Span | None = None
    year: int | None = None

    def person_known(self, surface: str) -> bool:
        folded = fold_name(surface)
        if folded in self.known_people:
            return True
        return " " in folded and bool(self.gazetteer.lookup(surface, PERSON))

    def add(self, credit: Credit) -> None:
        self.credits.append(credit)
        self.known_people.add(fold_name(credit.person.text))
        if credit.character is not None:
            self.characters.append(credit.character)


def fact_lines(ctx: Context) -> None:
    """Credit and fact-box lines: ``Regie: X``, ``Cast: A, B``, ``D: …``, ``Director:`` + lines."""
    text = ctx.text
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text) if m.group()]
    i = 0
    while i < len(lines):
        start, line = lines[i]
        i += 1
        match = _LABEL.match(line)
        kind = lang.FACT_LABELS.get(match["label"].strip().lower()) if match else None
        if match is None or kind is None:
            continue
        values = [(start + match.start("value"), match["value"])] if match["value"] else []
        while not values and i < len(lines) and not _LABEL.match(lines[i][1]):
            values.append(lines[i])
            i += 1
            while i < len(lines) and lines[i][1].strip() and not _LABEL.match(lines[i][1]):
                nxt = lines[i]
                if text[values[-1][0] + len(values[-1][1]) : nxt[0]].count("\n") > 1:
                    break
                values.append(nxt)
                i += 1
        evidence = span(
            text, start, values[-1][0] + len(values[-1][1]) if values else start + len(line)
        )
        for offset, value in values:
            _fact_value(ctx, kind, offset, value, evidence)


def _fact_value(ctx: Context, kind: str, offset: int, value: str, evidence: Span) -> None:
    text = ctx.text
    if kind == "year":
        found = _YEAR.search(value)
        if found and ctx.year is None:
            ctx.year = int(found.group())
        return
    if kind in ("title", "original_title"):
        stripped = value.strip()
        if stripped:
            item = span(
                text, offset + value.index(stripped), offset + value.index(stripped) + len(stripped)
            )
            if kind == "title" and ctx.fact_title is None:
                ctx.fact_title = item
            else:
                ctx.aliases.append(item)
        return
    pos = 0
    for part in [*_SPLIT.split(value), ""]:
        if not part:
            continue
        at = value.index(part, pos)
        pos = at + len(part)
        name_part, _, rest = part.partition("(")
        toks = tokens_in(name_part, offset + at)
        if not toks or not _credit_name(toks) or name_part.strip() != join(text, toks).text:
            continue
        character = None
        if rest and is_cap(rest.strip()[:1]) and ")" in rest:
            char_text = rest.split(")", 1)[0].strip()
            char_start = text.index(char_text, toks[-1].end) if char_text else -1
            if char_text and char_start >= 0:
                character = span(text, char_start, char_start + len(char_text))
        ctx.add(Credit(join(text, toks), kind, evidence, 0.9, character=character))


def _credit_name(toks: list[Span]) -> bool:
    return name_like(toks, min_tokens=1, strict=False) and len(toks) <= 5


def _role_before(text: str, toks: list[Span]) -> str | None:
    words = re.findall(r"[\w-]+", text[max(0, toks[0].start - 40) : toks[0].start])
    return lang.ROLE_WORDS.get(words[-1].lower()) if words else None


def role_words(ctx: Context) -> None:
    """``Regisseur X``, ``director X``, ``directed by X``, ``starring A, B and C``."""
    text = ctx.text
    for start, end in _role_words(text):
        toks = run_after(text, end)
        toks, _ = strip_name_run(text, toks)
        if not toks:
            continue
        if name_like(toks) or ctx.person_known(join(text, toks).text):
            role = lang.ROLE_WORDS[text[start:end].lower()]
            ctx.add(Credit(join(text, toks), role, span(text, start, toks[-1].end), 0.8))
    for pattern, role in lang.ROLE_PHRASES:
        for match in pattern.finditer(text):
            for person in _name_list(ctx, match.end()):
                ctx.add(Credit(person, role, span(text, match.start(), person.end), 0.8))


def _role_words(text: str) -> Iterator[tuple[int, int]]:
    """Role words followed by blanks and a capital: ``[start, end)`` of each word.

    A word is the whole run of letters, digits, ``-`` and ``/`` from a word start
    (``co-star``; in ``semi-director`` nothing), as long as it is at most 31 long.
    """
    for match in lang.ROLE_WORD.finditer(text):
        start, end = match.span()
        if text[start:end].lower() not in lang.ROLE_WORDS or not _NAME_AFTER.match(text, end):
            continue
        if start and text[start - 1] in "-/" and _longer_word_before(text, start, end):
            continue
        yield start, end


def _longer_word_before(text: str, start: int, end: int) -> bool:
    """A word of the same run starts before ``start`` (and so owns the role word)."""
    run = start
    while run and (text[run - 1] in "-/" or text[run - 1].isalnum() or text[run - 1] == "_"):
        run -= 1
    return any(
        end - at <= 31 and _LETTER.match(text, at) and (at == run or text[at - 1] in "-/")
        for at in range(run, start)
    )


def _name_list(ctx: Context, pos: int) -> list[Span]:
    out: list[Span] = []
    while True:
        toks, _ = strip_name_run(ctx.text, run_after(ctx.text, pos))
        if not toks or not (name_like(toks) or ctx.person_known(join(ctx.text, toks).text)):
            return out
        out.append(join(ctx.text, toks))
        sep = _LIST_SEP.match(ctx.text, toks[-1].end)
        if sep is None or sep.end() == toks[-1].end:
            return out
        pos = sep.end()


def parentheses(ctx: Context) -> None:
    """``Character (Actor)``, ``Character [ Actor ]``, ``Actor ("Film", …)``, ``Actor (Film)``."""
    text = ctx.text
    for match in _PAREN.finditer(text):
        group = "a" if match.group("a") is not None else "b"
        inner = span(text, match.start(group), match.end(group))
        stripped = inner.text.strip()
        if not stripped or not (is_cap(stripped) or stripped[0] in lang.QUOTES):
            continue
        left_raw = run_before(text, match.start())
        left, role = strip_name_run(text, left_raw)
        role = role or (_role_before(text, left) if left else None)
        quoted = [
            q for q in ctx.quotes if inner.start <= q.outer_start and q.outer_end <= inner.end
        ]
        if quoted:
            if left and (name_like(left) or ctx.person_known(join(text, left).text)):
                _other_films(ctx, left, role, [q.inner for q in quoted], match.end())
            continue
        _unquoted(ctx, inner, left, left_raw, role, match.end())


def _other_films(
    ctx: Context, left: list[Span], role: str | None, films: list[Span], end: int
) -> None:
    person = join(ctx.text, left)
    evidence = span(ctx.text, person.start, end)
    role = role if role in ("director", "writer", "producer", "composer") else "actor"
    if role != "actor":
        ctx.add(Credit(person, role, evidence, 0.8))
    for film in films:
        ctx.add(Credit(person, role, evidence, 0.85, film=film))


def _unquoted(
    ctx: Context, inner: Span, left: list[Span], left_raw: list[Span], role: str | None, end: int
) -> None:
    text = ctx.text
    offset = inner.start + (len(inner.text) - len(inner.text.lstrip()))
    content = inner.text.strip()
    parts = [p for p in re.split(r"\s*,\s*", content) if p]
    inner_toks = tokens_in(content, offset)
    right_person = ctx.person_known(content)
    right_film = bool(ctx.gazetteer.lookup(content, FILM))
    left_text = join(text, left).text if left else ""
    in_review = bool(left) and fold_name(left_text) in ctx.known_people
    in_graph = bool(left) and ctx.person_known(left_text)
    full_name = bool(inner_toks) and join(text, inner_toks).text == content
    if right_person and not in_review and full_name:
        _character(ctx, join(text, inner_toks), left, left_raw, end)
    elif left and (
        in_review
        or (right_film and (in_graph or name_like(left)))
        or (in_graph and not (full_name and name_like(inner_toks)))
    ):
        films = [_part_span(text, content, offset, p) for p in parts]
        if all(title_like(f.text) for f in films):
            _other_films(ctx, left, role, films, end)
    elif right_film:
        return
    elif full_name and name_like(inner_toks):
        _character(ctx, join(text, inner_toks), left, left_raw, end)
    elif left and name_like(left) and len(inner_toks) == 1 and full_name and title_like(content):
        _other_films(ctx, left, role, [join(text, inner_toks)], end)


def _part_span(text: str, content: str, offset: int, part: str) -> Span:
    at = offset + content.index(part)
    return span(text, at, at + len(part))


def _character(ctx: Context, actor: Span, left: list[Span], left_raw: list[Span], end: int) -> None:
    text = ctx.text
    left = left[-3:]
    character = join(text, left) if left else None
    before = left[0].start if left else (left_raw[-1].end + 1 if left_raw else end)
    prev_words = re.findall(r"[\w-]+", text[max(0, before - 30) : before])
    if prev_words and prev_words[-1].lower() in lang.ARTICLES_INDEFINITE:
        character = None
    if character is not None:
        character = _drop_genitive(text, character)
        if fold_name(character.text) == fold_name(actor.text) or len(character.text) < 2:
            character = None
    start = character.start if character else actor.start - 1
    ctx.add(Credit(actor, "actor", span(text, max(0, start), end), 0.85, character=character))


def _drop_genitive(text: str, name: Span) -> Span:
    """``Dae-yeongs`` -> ``Dae-yeong`` when the bare form occurs elsewhere in the text."""
    for suffix in ("'s", "’s", "s"):  # noqa: RUF001
        if name.text.endswith(suffix) and len(name.text) > len(suffix) + 1:
            bare = name.text[: -len(suffix)]
            if re.search(rf"\b{re.escape(bare)}\b(?!['’]?s\b)", text):  # noqa: RUF001
                return span(text, name.start, name.end - len(suffix))
    return name


def as_character(ctx: Context) -> None:
    """``Kim Min-hee as Lady Hideko`` / ``X als Y`` (the actor must be known in German)."""
    text = ctx.text
    for match in _AS.finditer(text):
        if not text[match.end() : match.end() + 1].isupper():
            continue
        left, _ = strip_name_run(text, run_before(text, match.start()))
        if not left or not name_like(left):
            continue
        actor = join(text, left)
        if match["w"] == "als" and not ctx.person_known(actor.text):
            continue
        right, _ = strip_name_run(text, run_after(text, match.end()))
        right = right[:3]
        if not right or any(t.text.lower() in lang.ALL_STOPWORDS for t in right):
            continue
        character = join(text, right)
        if ctx.person_known(character.text):
            continue
        ctx.add(
            Credit(
                actor, "actor", span(text, actor.start, character.end), 0.75, character=character
            )
        )


def genitive_directing(ctx: Context) -> None:
    """``Gordon Chans reife Inszenierung``, ``Park Chan-wook's direction``: a director."""
    text = ctx.text
    for match in _DIRECTING.finditer(text):
        window = tokens_in(
            text[max(0, match.start() - 80) : match.start()], max(0, match.start() - 80)
        )
        for tok in reversed(window[-6:]):
            word = tok.text
            if not is_cap(word):
                continue
            for suffix in ("'s", "’s", "s"):  # noqa: RUF001
                if word.endswith(suffix) and len(word) > len(suffix) + 1:
                    stem = span(text, tok.start, tok.end - len(suffix))
                    rest = run_before(text, tok.start)
                    toks = [*strip_name_run(text, rest)[0], stem]
                    if name_like(toks) and ("\n" not in text[toks[0].start : match.start()]):
                        ctx.add(
                            Credit(
                                join(text, toks),
                                "director",
                                span(text, toks[0].start, match.end()),
                                0.7,
                            )
                        )
                    break
            break


def author_line(ctx: Context) -> None:
    """A sign-off line naming the review's author (``by Kozo:``)."""
    for match in lang.AUTHOR_LINE.finditer(ctx.text):
        toks = tokens_in(match["name"], match.start("name"))
        if toks and name_like(toks, min_tokens=1) and len(toks) <= 4:
            name = join(ctx.text, toks)
            ctx.add(
                Credit(
                    name,
                    "other",
                    span(ctx.text, match.start(), match.end()),
                    0.7,
                    in_reviewed_film=False,
                )
            )


RULES = (fact_lines, role_words, parentheses, as_character, genitive_directing, author_line)
