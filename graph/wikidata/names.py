"""Spelling variants of titles and names, and how alike two spellings are.

Wikidata labels are matched exactly (a literal with a language tag), so the
linker asks for a few spellings of each title: the text as stored, with
typographic quotes and dashes made plain, with a trailing ``(1999)`` or
``, The`` article moved back to the front, and ``&``/``and`` swapped. Scores
then compare texts after :func:`graph.keys.normalize`.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from graph.keys import normalize

# Typographic quotes and dashes (written as escapes) to their plain forms.
_PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_TRAILING_YEAR = re.compile(r"\s*\((?:\d{4}|[IVX]+)\)\s*$")
_TRAILING_ARTICLE = re.compile(r"^(.*),\s*(The|A|An|Der|Die|Das|Le|La|Les|El|Il)$", re.IGNORECASE)


def variants(text: str, limit: int = 4) -> list[str]:
    """Distinct spellings to look up, the text itself first."""
    base = " ".join(text.split())
    out = [text, base]
    plain = base.translate(_PLAIN)
    out.append(plain)
    no_year = _TRAILING_YEAR.sub("", plain)
    out.append(no_year)
    moved = _TRAILING_ARTICLE.match(no_year)
    if moved:
        out.append(f"{moved.group(2)} {moved.group(1)}")
    if " & " in no_year:
        out.append(no_year.replace(" & ", " and "))
    elif " and " in no_year:
        out.append(no_year.replace(" and ", " & "))
    unique = [v for v in dict.fromkeys(out) if v]
    return unique[:limit]


def similarity(a: str, b: str) -> float:
    """1.0 for the same normalised text, else difflib's ratio of the normalised texts."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return 1.0
    return SequenceMatcher(None, na, nb).ratio()


def name_set(names: list[str]) -> set[str]:
    return {normalize(n) for n in names if n and n.strip()}
