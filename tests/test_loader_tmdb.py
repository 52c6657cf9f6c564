"""The TMDB 5000 loader: small files, the defective real rows, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graph.errors import BadInputError
from graph.model import ActedIn, Credited, Directed, Edge, Film, Node, Person, Produced, Wrote
from loaders.tmdb import read_tmdb

MOVIE_HEADER = ["budget", "id", "original_title", "overview", "release_date", "title"]
CAST = [
    {"cast_id": 1, "character": "Hero", "credit_id": "a", "gender": 2, "id": 11, "name": "Al",
     "order": 0},
    {"cast_id": 2, "character": "", "credit_id": "b", "gender": 1, "id": 12, "name": "Bo",
     "order": 1},
]  # fmt: skip
CREW = [
    {"credit_id": "c", "department": "Directing", "gender": 2, "id": 21, "job": "Director",
     "name": "Di"},
    {"credit_id": "d", "department": "Writing", "gender": 2, "id": 21, "job": "Screenplay",
     "name": "Di"},
    {"credit_id": "e", "department": "Production", "gender": 1, "id": 22, "job": "Producer",
     "name": "Pr"},
    {"credit_id": "f", "department": "Sound", "gender": 1, "id": 23,
     "job": "Original Music Composer", "name": "Mu"},
]  # fmt: skip


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def movies_file(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "movies.csv",
        MOVIE_HEADER,
        [
            ["100", "5", "Original One", "Line one,\nline two", "1999-03-31", "Film One"],
            ["0", "6", "Film Two", "", "", "Film Two"],
        ],
    )


def credits_file(tmp_path: Path, rows: list[list[str]] | None = None) -> Path:
    default = [["5", "Film One", json.dumps(CAST), json.dumps(CREW)]]
    return write_csv(
        tmp_path / "credits.csv", ["movie_id", "title", "cast", "crew"], rows or default
    )


def collect(
    movies: Path | None, credits: Path | None
) -> tuple[list[Node | Edge], list[BadInputError]]:
    errors: list[BadInputError] = []
    return list(read_tmdb(movies, credits, on_error=errors.append)), errors


def test_mapping(tmp_path: Path) -> None:
    records, errors = collect(movies_file(tmp_path), credits_file(tmp_path))
    assert errors == []
    films = [r for r in records if isinstance(r, Film)]
    assert [(f.tmdb, f.title, f.original_title, f.year) for f in films] == [
        (5, "Film One", "Original One", 1999),
        (6, "Film Two", "Film Two", None),
    ]
    acted = [r for r in records if isinstance(r, ActedIn)]
    assert [(a.from_key, a.to_key, a.roles, a.ordering) for a in acted] == [
        ("person:tmdb:11", "film:tmdb:5", ["Hero"], 0),
        ("person:tmdb:12", "film:tmdb:5", [], 1),
    ]
    assert {r.tmdb for r in records if isinstance(r, Person)} == {11, 12, 21, 22, 23}
    crew = {type(r): r for r in records if isinstance(r, Directed | Wrote | Produced | Credited)}
    assert crew[Wrote].jobs == ["Screenplay"]
    assert crew[Produced].jobs == ["Producer"]
    credited = crew[Credited]
    assert isinstance(credited, Credited)
    assert credited.categories == ["Sound"] and credited.jobs == ["Original Music Composer"]
    assert all(r.sources == ["tmdb:credits"] for r in crew.values())


def test_broken_json_cell_rejects_that_cell_only(tmp_path: Path) -> None:
    rows = [["5", "Film One", json.dumps(CAST)[:-5], json.dumps(CREW)]]
    records, errors = collect(None, credits_file(tmp_path, rows))
    assert [(e.line, e.field) for e in errors] == [(2, "cast")]
    assert "broken JSON" in errors[0].reason
    assert not any(isinstance(r, ActedIn) for r in records)
    assert any(isinstance(r, Directed) for r in records)


def test_missing_id_and_empty_crew(tmp_path: Path) -> None:
    rows = [
        ["", "No Id", json.dumps(CAST), json.dumps(CREW)],
        ["5", "Film One", json.dumps(CAST), ""],
    ]
    records, errors = collect(None, credits_file(tmp_path, rows))
    assert [(e.line, e.field) for e in errors] == [(2, "movie_id"), (3, "crew")]
    assert {r.to_key for r in records if isinstance(r, ActedIn)} == {"film:tmdb:5"}
    assert not any(isinstance(r, Directed) for r in records)


def test_wrong_column_count(tmp_path: Path) -> None:
    rows = [["5", "Film One", json.dumps(CAST)], ["5", "Film One", "[]", "[]"]]
    _records, errors = collect(None, credits_file(tmp_path, rows))
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(2, "expected 4 CSV columns")]


def test_files_swapped_are_refused_up_front(tmp_path: Path) -> None:
    movies, credits = movies_file(tmp_path), credits_file(tmp_path)
    with pytest.raises(BadInputError, match="not a TMDB movies file"):
        next(iter(read_tmdb(credits, movies)))


def test_real_files_and_their_known_defects(shared_data: Path) -> None:
    tmdb = shared_data / "tmdb"
    errors: list[BadInputError] = []
    records = list(
        read_tmdb(
            tmdb / "tmdb_5000_movies.csv",
            tmdb / "tmdb_5000_credits_rows0001-0198.csv",
            on_error=errors.append,
        )
    )
    # Data row 10 (file line 11) has no movie_id; row 29 (line 30) an empty crew.
    assert [(e.line, e.field) for e in errors] == [(11, "movie_id"), (30, "crew")]
    assert sum(isinstance(r, Film) for r in records) == 4803
    edges = [r for r in records if isinstance(r, ActedIn)]
    assert len({e.to_key for e in edges}) == 197  # 198 rows, one without movie_id
    errors.clear()
    more = list(
        read_tmdb(None, tmdb / "tmdb_5000_credits_rows4001-4803.csv", on_error=errors.append)
    )
    assert errors == []
    assert len({r.to_key for r in more if isinstance(r, ActedIn | Directed)}) > 700
