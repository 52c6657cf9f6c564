"""Review inputs, bad input, the records written to a store, and the CLI commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_tarwalk import write_archive

from graph import evidence
from graph.cli import cli
from graph.cli.reviews import gazetteer_from_store
from graph.errors import BadInputError
from graph.model import Film, Person
from graph.stores.base import Store
from loaders.reviews import Gazetteer, InputStats, load_reviews, read_reviews
from loaders.reviews.inputs import MAX_REVIEW_BYTES

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "ballerina-review-de.txt"
FIVE_LINES = """\
Copper Harbor
Regie: Ana Brightwater
Darsteller: Leo Marchetti, Ines Halvorsen
Harlan (Leo Marchetti) sucht seine Schwester Mira (Ines Halvorsen).
„Copper Harbor“ ist düster, aber „Copper Harbor“ lohnt sich.
"""


def collect(paths: list[Path]) -> tuple[list[Any], list[BadInputError], InputStats]:
    errors: list[BadInputError] = []
    stats = InputStats()
    reviews = list(read_reviews(paths, on_error=errors.append, stats=stats))
    return reviews, errors, stats


def test_five_line_text_file(tmp_path: Path) -> None:
    path = tmp_path / "review.txt"
    path.write_text(FIVE_LINES, encoding="utf-8")
    records = list(load_reviews([path], Gazetteer()))
    people = {r.name for r in records if isinstance(r, Person)}
    assert people == {"Ana Brightwater", "Leo Marchetti", "Ines Halvorsen"}
    assert [r.title for r in records if isinstance(r, Film)] == ["Copper Harbor"]


def test_bad_inputs_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(FIVE_LINES, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Kritik: Ein großer Film über Müll.".encode("latin-1"))
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB single "review" (sparse)
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    reviews, errors, stats = collect([tmp_path, tmp_path / "missing.txt"])
    assert len(reviews) == 1 and reviews[0].source.endswith("good.md")
    messages = sorted(str(e) for e in errors)
    assert len(messages) == 5
    assert any("binary.txt: binary file" in m for m in messages)
    assert any("empty.txt: empty file" in m for m in messages)
    assert any("latin1.txt: not UTF-8 text" in m and "cp1252" in m for m in messages)
    assert any(f"huge.txt: larger than {MAX_REVIEW_BYTES:,} bytes" in m for m in messages)
    assert any("missing.txt: no such file" in m for m in messages)
    assert stats.read == 1 and stats.skipped == 1


def test_jsonl_reviews_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": FIVE_LINES,
                "url": "https://example.org/r/1",
                "language": "de",
                "film": {"title": "Copper Harbor", "year": 2021},
                "author": "K.",
            }
        ),
        json.dumps({"url": "https://example.org/r/2"}),
        "{broken json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Another review.", "language": "fr"}),
        json.dumps({"text": "Short but fine: 'Copper Harbor' again."}),
    ]
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reviews, errors, _ = collect([path])
    assert [r.url for r in reviews] == ["https://example.org/r/1", None]
    assert reviews[0].film is not None and reviews[0].film.year == 2021
    assert [(e.line, e.field) for e in errors] == [
        (2, "text"),
        (3, None),
        (4, None),
        (5, "language"),
    ]
    assert str(errors[1]).startswith(f"{path}:3: invalid JSON")


def _acl_tarball(path: Path) -> None:
    members = {
        "aclImdb/train/pos/0_9.txt": b"Directed by Ana Brightwater, great.<br /><br />Loved it.",
        "aclImdb/train/neg/1_2.txt": b"Leo Marchetti is wasted here.",
        "aclImdb/train/neg/0_1.txt": b"",
        "aclImdb/train/urls_pos.txt": b"http://www.imdb.com/title/tt0000011/usercomments\n",
        "aclImdb/train/urls_neg.txt": (
            b"http://www.imdb.com/title/tt0000021/usercomments\n"
            b"http://www.imdb.com/title/tt0000022/usercomments\n"
        ),
    }
    write_archive(path, members)


def test_aclimdb_tarball_ties_reviews_to_imdb_titles(tmp_path: Path) -> None:
    path = tmp_path / "acl.tar.gz"
    _acl_tarball(path)
    reviews, errors, _ = collect([path])
    assert [(r.source, r.film.imdb if r.film else None) for r in reviews] == [
        ("aclImdb:train/pos/0_9.txt", "tt0000011"),
        ("aclImdb:train/neg/1_2.txt", "tt0000022"),
    ]
    assert "\n\n" in reviews[0].text and "<br" not in reviews[0].text
    assert len(errors) == 1 and "empty review" in str(errors[0])


def _seed_graph(store: Store) -> None:
    store.write(
        [
            Person(name="Jeon Jong Seo", imdb="nm7000001", sources=["test"]),
            Person(name="Lee Chung-hyun", imdb="nm7000002", sources=["test"]),
            Person(name="Lee Chung-hyun", imdb="nm7000003", sources=["test"]),
            Film(title="Burning", year=2018, imdb="tt7000001", sources=["test"]),
        ]
    )


def test_seed_review_into_the_store_resolves_and_reloads_unchanged(store: Store) -> None:
    _seed_graph(store)
    gazetteer = gazetteer_from_store(store)
    first = store.write(load_reviews([SEED], gazetteer))
    assert first.total("created") > 0
    again = store.write(load_reviews([SEED], gazetteer_from_store(store)))
    assert again.total("created") == 0 and again.total("updated") == 0
    rows = store.query(
        "MATCH (r:Review)-[m:MENTIONS]->(p:Person) RETURN r.text AS text, p.key AS key, "
        "p.name AS name, m.evidence AS evidence, m.confidence AS confidence"
    ).records()
    by_name = {r["name"]: r for r in rows}
    assert by_name["Jeon Jong Seo"]["key"] == "person:imdb:nm7000001"  # resolved by variant
    ambiguous = [r for r in rows if r["key"] == "person:name:lee-chung-hyun"]
    assert len(ambiguous) == 1 and ambiguous[0]["confidence"] < 0.5  # not merged blindly
    assert not {"Ok-ju", "Min-hee", "Choi Pro"} & set(by_name)
    for row in rows:
        spans = evidence.decode(row["evidence"])
        assert spans
        for _, start, end, surface, _, _ in spans:
            assert row["text"][start:end] == surface
    burning = store.query(
        "MATCH (p:Person)-[a:ACTED_IN]->(f:Film) WHERE f.key = $key RETURN p.key AS key",
        {"key": "film:imdb:tt7000001"},
    ).records()
    assert burning == [{"key": "person:imdb:nm7000001"}]
    roles = store.query(
        "MATCH (r:Review)-[:REVIEWS]->(f:Film)<-[a:ACTED_IN]-(p:Person) "
        "RETURN f.title AS film, p.name AS name, a.roles AS roles ORDER BY name"
    ).records()
    assert [(r["film"], r["name"], r["roles"]) for r in roles] == [
        ("Ballerina", "Jeon Jong Seo", ["Ok-ju"]),
        ("Ballerina", "Kim Ji-hoon", ["Choi Pro"]),
        ("Ballerina", "Park Yu-rim", ["Min-hee"]),
    ]


def test_cli_load_reviews_with_bad_input(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(FIVE_LINES, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01binary")
    runner = CliRunner()
    args = ["--store", str(tmp_path / "g.db"), "load", "reviews", str(tmp_path / "in")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Rejected: " in result.stderr and "b.txt: binary file" in result.stderr
    assert "reviews: 1 loaded, 0 skipped (not review files), 1 failed" in result.stdout
    assert "Error: 1 input(s) failed" in result.stderr
    assert "Traceback" not in result.output


def test_cli_film_option_extract_and_evaluate(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Leo Marchetti is superb as Harlan.\n", encoding="utf-8")
    runner = CliRunner()
    db = str(tmp_path / "g.db")
    loaded = runner.invoke(
        cli,
        [
            "--store",
            db,
            "load",
            "reviews",
            str(path),
            "--film-title",
            "Copper Harbor",
            "--film-year",
            "2021",
            "--language",
            "en",
        ],
    )
    assert loaded.exit_code == 0, loaded.output
    out = runner.invoke(
        cli,
        ["--store", db, "cypher", "MATCH (:Review)-[:REVIEWS]->(f:Film) RETURN f.title, f.year"],
    )
    assert "Copper Harbor" in out.output and "2021" in out.output
    extracted = runner.invoke(cli, ["--store", db, "extract", str(SEED), "--format", "json"])
    assert extracted.exit_code == 0, extracted.output
    data = json.loads(extracted.stdout)
    assert data[0]["film"]["title"] == "Ballerina"
    assert set(data[0]) >= {"film", "people", "mentioned_films", "mentions"}
    gold = Path(__file__).resolve().parents[2] / "shared" / "reviews" / "dev"
    table = runner.invoke(cli, ["evaluate", "--no-graph", str(gold)])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == [
        "category",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1",
    ]


@pytest.mark.parametrize("fmt", ["json"])
def test_cli_evaluate_bad_gold_is_an_error(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--no-graph", "--format", fmt, str(tmp_path)])
    assert (
        result.exit_code == 1 and "Error: " in result.stderr and "not a gold file" in result.stderr
    )
