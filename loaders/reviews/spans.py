"""Text helpers: spans, quoted strings, runs of capitalised name tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from loaders.reviews import lang

TOKEN = r"[^\W\d_][\w]*(?:[-'’.][\w]+)*"  # noqa: RUF001 - a word, hyphen/apostrophe parts
TOKEN_RE = re.compile(TOKEN)
_BLANKS = re.compile(r"[ \t]+")
_TAIL = re.compile(r"[ \t]*\n?")
_RUN_START = re.compile(rf"[ \t]*((?:{TOKEN})(?:[ \t]+{TOKEN}){{0,6}})")
CONTENT_TOKEN = re.compile(r"[\w]+(?:[-'’.][\w]+)*\.?")  # noqa: RUF001


class Span(NamedTuple):
    """``text == review_text[start:end]`` (a tuple: made by the thousand per review)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A quoted string: ``inner`` is the span between the marks."""

    inner: Span
    outer_start: int
    outer_end: int


def span(text: str, start: int, end: int) -> Span:
    """The span trimmed of surrounding whitespace (evidence text never starts or ends blank)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def is_cap(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def is_particle(token: str) -> bool:
    return token in lang.NAME_PARTICLES


def _quote_pattern() -> re.Pattern[str]:
    alternatives = []
    for opening, closing in lang.QUOTES.items():
        o, c = re.escape(opening), re.escape(closing)
        inner = f"[^{c}\\n]{{1,80}}"
        if opening in lang.APOSTROPHES or opening == "\u2018":
            # A single quote opens only outside a word; the closing one is not an apostrophe.
            # The look-behind follows the mark (not precedes it) so that every
            # alternative starts with a literal: re then skips to quote marks fast.
            alternatives.append(f"{o}(?<!\\w{o})({inner}?){c}(?!\\w)")
        else:
            alternatives.append(f"{o}({inner}){c}")
    return re.compile("|".join(alternatives))


_QUOTE = _quote_pattern()


def find_quotes(text: str) -> list[Quote]:
    """Quoted strings of every quote style, on one line, at most 80 characters."""
    out: list[Quote] = []
    for m in _QUOTE.finditer(text):
        group = m.lastindex or 0
        inner = span(text, m.start(group), m.end(group))
        if inner.text:
            out.append(Quote(inner, m.start(), m.end()))
    return out


def title_like(value: str) -> bool:
    """Title case: every word that is not a small function word starts upper case or a digit."""
    tokens = CONTENT_TOKEN.findall(value)
    if not tokens or len(tokens) > 10 or not is_cap(tokens[0]):
        return False
    if value.rstrip()[-1:] in ",;":
        return False
    return all(
        is_cap(t) or t.lower() in lang.TITLE_FUNCTION_WORDS or t in lang.NAME_PARTICLES
        for t in tokens
    )


def content_tokens(value: str) -> list[str]:
    return [t for t in CONTENT_TOKEN.findall(value) if t.lower() not in lang.TITLE_FUNCTION_WORDS]


def tokens_in(value: str, offset: int = 0) -> list[Span]:
    return [Span(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN_RE.finditer(value)]


def run_before(text: str, pos: int, window: int = 90) -> list[Span]:
    """The capitalised tokens right before ``pos`` (same line, spaces only between them)."""
    toks = _trailing_run(text, max(0, pos - window), pos)
    out: list[Span] = []
    for tok in reversed(toks):
        if is_cap(tok.text) or (is_particle(tok.text) and out):
            out.append(tok)
        else:
            break
    out.reverse()
    while out and is_particle(out[0].text):
        out.pop(0)
    return out


def _trailing_run(text: str, start: int, pos: int) -> list[Span]:
    """The last tokens of ``text[start:pos]``: up to 7, blanks between them, blanks (and
    at most one final line break) after them. (A regex anchored at ``pos`` did this,
    searched from every start: slow.)"""
    toks = [Span(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, pos)]
    if not toks or not _TAIL.fullmatch(text, toks[-1].end, pos):
        return []
    run = [toks[-1]]
    for tok in reversed(toks[:-1]):
        if len(run) == 7 or not _BLANKS.fullmatch(text, tok.end, run[-1].start):
            break
        run.append(tok)
    run.reverse()
    return run


def run_after(text: str, pos: int, window: int = 90) -> list[Span]:
    """The capitalised tokens right after ``pos`` (same line, spaces only between them)."""
    match = _RUN_START.match(text, pos, min(len(text), pos + window))
    if match is None:
        return []
    out: list[Span] = []
    for tok in tokens_in(match.group(1), match.start(1)):
        if is_cap(tok.text) or (is_particle(tok.text) and out):
            out.append(tok)
        else:
            break
    while out and is_particle(out[-1].text):
        out.pop()
    return out


def join(text: str, toks: list[Span]) -> Span:
    return span(text, toks[0].start, toks[-1].end)


def is_plain_word(token: str) -> bool:
    """A stop word, heading, role word or descriptor: never part of a name."""
    low = token.lower().rstrip(".")
    return (
        low in lang.ALL_STOPWORDS
        or low in lang.HEADINGS
        or low in lang.ROLE_WORDS
        or low in lang.DESCRIPTORS
        or low.rsplit("-", 1)[-1] in lang.DESCRIPTORS
    )


def name_like(toks: list[Span], min_tokens: int = 2, *, strict: bool = True) -> bool:
    """Looks like a person's name: 2-5 capitalised tokens, no plain words, no digits.

    ``strict=False`` (a credit line, where the label says these are names)
    allows capitalised small words after the first token (``Johnnie To``).
    """
    if not (min_tokens <= len(toks) <= 5):
        return False
    for i, tok in enumerate(toks):
        word = tok.text
        plain = is_plain_word(word) and not is_particle(word)
        if not strict and i > 0 and word.lower() not in lang.HEADINGS:
            plain = False
        if any(c.isdigit() for c in word) or plain or len(word) < 2:
            return False
        if word.isupper() and len(word) > 3:
            return False
    return is_cap(toks[0].text) and is_cap(toks[-1].text)


def strip_name_run(text: str, toks: list[Span]) -> tuple[list[Span], str | None]:
    """Drop leading plain words from a run; return the rest and a role word found there."""
    role = None
    while toks and (is_plain_word(toks[0].text) or _genitive_before_name(toks)):
        role = lang.ROLE_WORDS.get(toks[0].text.lower(), role)
        toks = toks[1:]
    return toks, role


def _genitive_before_name(toks: list[Span]) -> bool:
    """``Gregs Bruder Peter``: a genitive name in front of what it qualifies."""
    word = toks[0].text
    return len(toks) > 1 and (
        word.endswith(("'s", "\u2019s"))
        or (word.endswith("s") and len(toks) > 1 and toks[1].text.lower() in lang.DESCRIPTORS)
    )


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end
