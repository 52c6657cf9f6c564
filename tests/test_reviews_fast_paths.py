"""The review loader's fast paths give what the plain ones give.

The compact gazetteer, the keyword patterns, the trailing-run scan (of run_before) and the
parallel loader were rewritten for speed (bench/reviews_speed.py); each test
here compares one of them with the plain equivalent on inputs chosen to hit
its edge cases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from loaders.reviews import Gazetteer, lang, load_reviews, names
from loaders.reviews.facts import _role_words
from loaders.reviews.keywords import KeywordPattern
from loaders.reviews.spans import TOKEN, _trailing_run

TEXTS = [
    "I saw Stoker and see alien; Watched The Call. saw  Burning",
    "Der Film (siehe Oldboy) \u2013 Regie führte Park Chan-wook, Darsteller Choi Min-sik.",
    "the co-star Tom, semi-director Ann, x-star Bob, starring Ada Lovelace and Bo Ek",
    "\u017faw Kelvin: \u212aaw Ten; \u0130saw Ten; Directed   by Jo Ko; directed by jo ko",
    "film Film FILM filmen Filme 2016's Train to Busan and 1999\u2019s Matrix, 20s",
    "",
]


@pytest.mark.parametrize(
    "pattern",
    [
        KeywordPattern(["saw", "see", "seen", "watched", "film", "filmen"], r"[ \t]+(?=[A-Z])"),
        KeywordPattern([re.escape(w) for w in ("co-star", "star", "director", "actor")], "(?= )"),
        KeywordPattern([r"directed\s+by", r"regie\s+führte", "starring"], r"\s+"),
        KeywordPattern([r"1[89]\d\d", r"20\d\d"], "['\u2019]s[ \t]+", caseless=False),
        KeywordPattern(["siehe", r"vgl\.", "see"] + [f"w{i}" for i in range(10)], ""),
    ],
)
def test_keyword_patterns_match_exactly_as_finditer(pattern: KeywordPattern) -> None:
    for text in TEXTS:
        fast = [(m.span(), m.group()) for m in pattern.finditer(text)]
        assert fast == [(m.span(), m.group()) for m in pattern.full.finditer(text)], text


_RUN_END = re.compile(rf"((?:{TOKEN}[ \t]+){{0,6}}{TOKEN})[ \t]*$")  # what run_before replaced


@pytest.mark.parametrize(
    "text",
    [
        "One Two Three Four Five Six Seven Eight (x)",
        "alpha beta\n(x)",
        "alpha Beta\n\n(x)",
        "O' Neil (x)",
        "x-Ab Cd (x)",
        "9-Ab Cd_e (x)",
        "Über Ärger Œuvre (x)",
        "van der Berg, Anna de la Cruz (x)",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bb Cc (x)",
    ],
)
def test_trailing_run_takes_the_tokens_the_old_regex_took(text: str) -> None:
    pos = text.rindex("(")
    start = max(0, pos - 90)
    match = _RUN_END.search(text, start, pos)
    expected = (
        []
        if match is None
        else [(m.start() + match.start(1), m.group()) for m in re.finditer(TOKEN, match.group(1))]
    )
    assert [(t.start, t.text) for t in _trailing_run(text, start, pos)] == expected


def test_gazetteer_lookups_find_and_adding_after_build() -> None:
    gazetteer = Gazetteer()
    gazetteer.add("person", "person:imdb:nm0000001", "Jeon Jong-seo", aliases=["Jeon Jong Seo"])
    gazetteer.add("film", "film:imdb:tt0000001", "Mother", year=2009)
    gazetteer.add("film", "film:imdb:tt0000002", "Spider Man")  # two words: searched for …
    gazetteer.add("film", "film:imdb:tt0000003", "Spider-Man")  # … until a one-word surface
    gazetteer.add("person", "person:imdb:nm0000002", "Jeon Jong-Seo")  # same folded name
    gazetteer.build()
    assert len(gazetteer) == 3  # jeon jong seo, mother, spider man
    assert [e.key for e in gazetteer.lookup("JEON JONG SEO")] == [
        "person:imdb:nm0000001",
        "person:imdb:nm0000002",
    ]
    assert gazetteer.lookup("mother", "film")[0].year == 2009
    assert gazetteer.lookup("Mother", "person") == []
    assert gazetteer.by_key("film:imdb:tt0000001").name == "Mother"  # type: ignore[union-attr]
    assert gazetteer.by_key("film:imdb:tt9999999") is None
    text = "Jeon Jong-seo in Spider Man and Mother."
    assert [(m.start, m.end, m.kind) for m in gazetteer.find(text)] == [(0, 13, "person")]

    gazetteer.add("film", "film:imdb:tt0000004", "Memories of Murder")
    gazetteer.build()
    assert len(gazetteer) == 4
    assert gazetteer.lookup("Jeon Jong Seo")[0].key == "person:imdb:nm0000001"
    text += " Memories of Murder!"
    found = [text[m.start : m.end] for m in gazetteer.find(text)]
    assert found == ["Jeon Jong-seo", "Memories of Murder"]


def test_exact_lookups_confirm_the_name_when_hashes_collide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(names, "hash", lambda _: 7, raising=False)  # every name collides
    index = names.NameIndex()
    for head, name in enumerate(["jeon jong seo", "mother", "spider man", "x"]):
        index.add(name, head, lookup_only=" " not in name)
    index.build()
    assert [index.head(n) for n in ("mother", "x", "jeon jong seo", "spider man")] == [1, 3, 0, 2]
    assert index.head("father") == -1 and index.head("") == -1
    assert [head for _, _, head in index.search("spider man and mother")] == [2]


def test_parallel_load_gives_the_records_of_one_process_in_order(tmp_path: Path) -> None:
    path = tmp_path / "reviews.jsonl"
    names = ["Ana Brightwater", "Leo Marchetti", "Kim Ji-hoon", "Mara Olsen"]
    lines = [
        {"text": f"Review {i}: directed by {names[i % 4]}, starring {names[(i + 1) % 4]}."}
        for i in range(150)  # more than two chunks of 64
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    gazetteer = Gazetteer()
    gazetteer.add("person", "person:imdb:nm0000009", "Leo Marchetti")
    one = list(load_reviews([path], gazetteer, jobs=1))
    two = list(load_reviews([path], gazetteer, jobs=2))
    assert len(one) > 300
    assert two == one


# What facts.role_words searched before: every word followed by a capital, then a look-up.
_OLD_ROLE_WORD = re.compile(r"\b[^\W\d_][\w/-]{1,30}(?=[ \t]+[A-Z\u00c0-\u00de])")


@pytest.mark.parametrize(
    "text",
    [
        "the co-star Tom met semi-director Ann and x-star Bob, Director Lee, ACTOR Kim",
        "cinematographer/collaborator Jo; star\tAl; regisseurin Eva; regisseur eva",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-director Tom; bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-actor Al",
        "\u017ftar Tom; \u212aomponist Ann; director2 Tom; writer_ Al; producer  Max",
    ],
)
def test_role_words_are_the_words_the_old_scan_found(text: str) -> None:
    old = [m.span() for m in _OLD_ROLE_WORD.finditer(text) if m.group().lower() in lang.ROLE_WORDS]
    assert list(_role_words(text)) == old
