"""The review extractor on the seed review, the dev set and small made-up texts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.reviews import Gazetteer, RawReview, extract
from loaders.reviews.evaluate import read_gold
from loaders.reviews.lang import detect

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "ballerina-review-de.txt"
DEV = SHARED / "reviews" / "dev"


def seed() -> RawReview:
    return RawReview(source="seed", text=SEED.read_text(encoding="utf-8"))


def summary(review: RawReview, gazetteer: Gazetteer | None = None) -> dict[str, object]:
    ex = extract(review, gazetteer or Gazetteer())
    gold = ex.as_gold()
    return {
        "film": gold["film"]["title"],
        "people": {
            p["name"]: (p["roles"], p["character"], p["other_films"]) for p in gold["people"]
        },
        "films": sorted(gold["mentioned_films"]),
    }


SEED_EXPECTED = {
    "film": "Ballerina",
    "people": {
        "Jeon Jong-seo": (["actor"], "Ok-ju", ["Burning"]),
        "Park Yu-rim": (["actor"], "Min-hee", []),
        "Kim Ji-hoon": (["actor"], "Choi Pro", []),
        "Lee Chung-hyun": (["director"], None, ["The Call"]),
    },
    "films": sorted(["John Wick", "Carter", "John Wick 4", "Burning", "The Call"]),
}


def test_seed_review_exactly_from_the_text_alone() -> None:
    assert summary(seed()) == SEED_EXPECTED


def test_seed_review_exactly_with_names_known_to_the_graph() -> None:
    gazetteer = Gazetteer()
    gazetteer.add("person", "person:imdb:nm1000001", "Jeon Jong Seo")  # other spelling
    gazetteer.add("film", "film:imdb:tt1000001", "Burning", year=2018)
    gazetteer.add("film", "film:imdb:tt1000002", "John Wick", year=2014)
    gazetteer.add("person", "person:imdb:nm1000002", "Choi Pro")  # a character's name
    result = summary(seed(), gazetteer.build())
    assert result == SEED_EXPECTED


def test_characters_are_not_people_and_spans_match_the_text() -> None:
    ex = extract(seed(), Gazetteer())
    names = {p.name for p in ex.people}
    assert not names & {"Ok-ju", "Min-hee", "Choi Pro", "Choi"}
    mentions = ex.as_gold()["mentions"]
    assert mentions
    for m in mentions:
        assert ex.text[m["start"] : m["end"]] == m["text"]
    kinds = {(m["kind"], m["text"]) for m in mentions}
    assert ("person", "Jeon") in kinds  # the short form later in the text
    assert ("film", "Ballerina") in kinds


@pytest.mark.parametrize("path", sorted(DEV.glob("*.json")), ids=lambda p: p.stem)
def test_dev_reviews_spans_are_offsets_into_the_text(path: Path) -> None:
    item = next(read_gold(path))
    ex = extract(item.review, Gazetteer())
    for m in ex.as_gold()["mentions"]:
        assert ex.text[m["start"] : m["end"]] == m["text"]
    json.dumps(ex.as_gold())


def test_language_detection() -> None:
    assert detect(SEED.read_text(encoding="utf-8")) == "de"
    assert detect("The film is a mess, but the cast and the director did what they could.") == "en"


def test_fact_box_lines_quotes_and_possessives() -> None:
    text = (
        "Nightfall Road\n"
        "Regie: Mara Oyelaran-Voss\n"
        "Darsteller: Tomas de la Cruz, Ines Halvorsen\n\n"
        "In »Nightfall Road« spielt Tomas de la Cruz den Fahrer Rudi (Tomas de la Cruz). "
        "Die Tochter Lena [ Ines Halvorsen ] ist großartig. "
        "Halvorsen („Glass Orchard“, „Winter Relay“) überzeugt. "
        "»Nightfall Road« ist ein starker Film."
    )
    result = summary(RawReview(source="t", text=text, language="de"))
    assert result["film"] == "Nightfall Road"
    people = result["people"]
    assert isinstance(people, dict)
    assert people["Mara Oyelaran-Voss"] == (["director"], None, [])
    assert people["Ines Halvorsen"][1] == "Lena"
    assert result["films"] == ["Glass Orchard", "Winter Relay"]


def test_english_credits_and_as_character() -> None:
    text = (
        "Directed by Ana Brightwater and starring Leo Marchetti, Sun-hee Park and Dev Anand Rao, "
        "'Copper Harbor' follows the detective Harlan (Leo Marchetti). "
        "Sun-hee Park as Mira is the heart of 'Copper Harbor'."
    )
    result = summary(RawReview(source="t", text=text))
    people = result["people"]
    assert isinstance(people, dict)
    assert people["Ana Brightwater"][0] == ["director"]
    assert people["Leo Marchetti"][:2] == (["actor"], "Harlan")
    assert people["Sun-hee Park"][:2] == (["actor"], "Mira")
    assert "Dev Anand Rao" in people
    assert result["film"] == "Copper Harbor"


def test_short_titles_count_only_when_quoted_or_cued() -> None:
    gazetteer = Gazetteer()
    gazetteer.add("film", "film:imdb:tt2000001", "Mother")
    gazetteer.add("film", "film:imdb:tt2000002", "Memories of Murder")
    gazetteer.add("film", "film:imdb:tt2000003", "Harbor")
    text = (
        "My mother said the Harbor scenes drag. Mother of all twists, though. "
        'Unlike Memories of Murder it has no center; I saw Harbor twice and "Mother" once.'
    )
    films = summary(RawReview(source="t", text=text), gazetteer.build())["films"]
    assert films == ["Harbor", "Memories of Murder", "Mother"]
    ex = extract(RawReview(source="t", text=text), gazetteer)
    mother = next(f for f in ex.films if f.title == "Mother")
    assert [s.start for s in mother.spans] == [text.index('"Mother"') + 1]


def test_no_people_invented_from_plain_prose() -> None:
    text = (
        "First off, I am a fan of Korean cinema. Because when they resist the urge, "
        "Korean movies can absolutely kick ass. Hong Kong Cinema is another story."
    )
    assert summary(RawReview(source="t", text=text))["people"] == {}


_RECORDS_OF = """
import sys
from pathlib import Path
from loaders.reviews import Gazetteer, read_reviews, review_records
for raw in read_reviews([Path(sys.argv[1])]):
    for record in review_records(raw, Gazetteer()):
        print(record.model_dump_json())
"""


def test_records_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    # Both words of a name also stand alone: two short-form spans whose order once came
    # from iterating a set, so from the interpreter's hash seed.
    review = tmp_path / "review.txt"
    review.write_text(
        'Review of "Night Harbour" (2019)\n\nDirected by Tom Bell. Kit (Anna Marlow) runs '
        "the ferry. Marlow is great, and Anna carries every scene. Bell keeps it tight.\n",
        encoding="utf-8",
    )
    outputs = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", _RECORDS_OF, str(review)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert '"text":"Marlow"' in outputs.pop().replace(" ", "")
