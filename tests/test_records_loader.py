"""The records JSON Lines loader (loaders/records.py) and what it does with bad input.

Every test writes a small file into ``tmp_path``. A bad line is handed to
``on_error`` as a BadInputError naming ``file:line`` and the field, and the
loader goes on with the next line; without ``on_error`` the first bad line raises.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from graph.errors import BadInputError
from graph.model import (
    ActedIn,
    Directed,
    Edge,
    Evidence,
    Film,
    Mentions,
    Node,
    Person,
    Review,
)
from loaders.records import read_records

MATRIX = '{"type": "Film", "title": "The Matrix", "year": 1999, "imdb": "tt0133093"}'
KEANU = '{"type": "Person", "name": "Keanu Reeves", "imdb": "nm0000206"}'
JOHN_WICK = '{"type": "Film", "title": "John Wick", "year": 2014}'
ACTED = (
    '{"type": "ACTED_IN", "from": "person:imdb:nm0000206", "to": "film:imdb:tt0133093", '
    '"roles": ["Neo"], "ordering": 1}'
)
EVIDENCE = (
    '{"source": "review:0123456789abcdef", "start": 4, "end": 14, "text": "The Matrix", '
    '"extractor": "reviews-rules/1", "confidence": 0.9}'
)


def write(tmp_path: Path, *lines: str, name: str = "records.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_all(path: Path) -> tuple[list[Node | Edge], list[BadInputError]]:
    errors: list[BadInputError] = []
    records = list(read_records(path, on_error=errors.append))
    return records, errors


# --- valid input -------------------------------------------------------------


def test_nodes_parse_into_model_classes_with_derived_keys(tmp_path: Path) -> None:
    source = "https://example.org/reviews/1"
    review = f'{{"type": "Review", "source": "{source}", "language": "en"}}'
    path = write(
        tmp_path,
        MATRIX,
        JOHN_WICK,
        KEANU,
        '{"type": "Person", "name": "Jeon Jong-seo", "qid": "Q20000001"}',
        review,
    )
    records, errors = read_all(path)
    assert errors == []
    assert [type(r) for r in records] == [Film, Film, Person, Person, Review]
    assert [r.key for r in records] == [
        "film:imdb:tt0133093",
        "film:title:john-wick:2014",
        "person:imdb:nm0000206",
        "person:wd:Q20000001",
        "review:" + hashlib.sha1(source.encode()).hexdigest()[:16],
    ]
    matrix = records[0]
    assert isinstance(matrix, Film)
    assert (matrix.title, matrix.year, matrix.imdb) == ("The Matrix", 1999, "tt0133093")


def test_edges_parse_into_model_classes(tmp_path: Path) -> None:
    mention = (
        '{"type": "MENTIONS", "from": "review:0123456789abcdef", '
        f'"to": "film:imdb:tt0133093", "evidence": [{EVIDENCE}]}}'
    )
    directed = (
        '{"type": "DIRECTED", "from": "person:name:lana-wachowski", "to": "film:imdb:tt0133093"}'
    )
    path = write(tmp_path, MATRIX, KEANU, ACTED, directed, mention)
    records, errors = read_all(path)
    assert errors == []
    assert [type(r) for r in records] == [Film, Person, ActedIn, Directed, Mentions]
    acted, directed_edge, mentions = records[2], records[3], records[4]
    assert isinstance(acted, ActedIn)
    assert (acted.from_key, acted.to_key) == ("person:imdb:nm0000206", "film:imdb:tt0133093")
    assert (acted.from_kind, acted.to_kind) == ("Person", "Film")
    assert (acted.roles, acted.ordering) == (["Neo"], 1)
    assert isinstance(directed_edge, Directed)
    assert directed_edge.from_key == "person:name:lana-wachowski"
    assert isinstance(mentions, Mentions)
    assert mentions.evidence == [
        Evidence(
            source="review:0123456789abcdef",
            start=4,
            end=14,
            text="The Matrix",
            extractor="reviews-rules/1",
            confidence=0.9,
        )
    ]


def test_sources_default_to_records_file_name(tmp_path: Path) -> None:
    given = '{"type": "Film", "title": "Speed", "year": 1994, "sources": ["my-list"]}'
    path = write(tmp_path, MATRIX, KEANU, ACTED, given, JOHN_WICK, name="films.jsonl")
    records, errors = read_all(path)
    assert errors == []
    assert [r.sources for r in records] == [
        ["records:films.jsonl"],
        ["records:films.jsonl"],
        ["records:films.jsonl"],
        ["my-list"],
        ["records:films.jsonl"],
    ]


def test_comments_and_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "// films first",
        "",
        MATRIX,
        "   ",
        "  // an indented comment",
        '{"type": "Film", "title": "X", "year": "abc"}',
        KEANU,
    )
    records, errors = read_all(path)
    assert [type(r) for r in records] == [Film, Person]
    # Line numbers are those of the file, comments and blank lines included.
    assert [str(e) for e in errors] == [
        f"{path}:6, field 'year': Input should be a valid integer, "
        "unable to parse string as an integer"
    ]


def test_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(f"{MATRIX}\r\n// comment\r\n\r\n{KEANU}\r\n{ACTED}\r\n".encode())
    records, errors = read_all(path)
    assert errors == []
    assert [type(r) for r in records] == [Film, Person, ActedIn]


# --- bad input: one bad line among good ones ----------------------------------

# (bad line, field, reason). The bad line is line 3 of a five-line file.
BAD_LINES = {
    "unknown field": (
        '{"type": "Film", "title": "Speed", "colour": "red"}',
        "colour",
        "unknown field (the record format is closed; see README 'Records format')",
    ),
    "wrong type": (
        '{"type": "Film", "title": "Speed", "year": "abc"}',
        "year",
        "Input should be a valid integer, unable to parse string as an integer",
    ),
    "unknown record type": (
        '{"type": "Studio", "name": "Warner Bros."}',
        "type",
        "type must be one of Film, Person, Review, ACTED_IN, DIRECTED, WROTE, PRODUCED, "
        "CREDITED, MENTIONS, REVIEWS, not 'Studio'",
    ),
    "edge to unknown node kind": (
        '{"type": "ACTED_IN", "from": "person:imdb:nm0000206", "to": "studio:x"}',
        "to",
        "ACTED_IN goes Person -> Film, not Person -> ? "
        "(from='person:imdb:nm0000206', to='studio:x'); keys start with film:, person: or review:",
    ),
    "edge of wrong endpoint kinds": (
        '{"type": "DIRECTED", "from": "film:imdb:tt0133093", "to": "film:imdb:tt2911666"}',
        "from",
        "DIRECTED goes Person -> Film, not Film -> Film "
        "(from='film:imdb:tt0133093', to='film:imdb:tt2911666'); "
        "keys start with film:, person: or review:",
    ),
    "mentions without evidence": (
        '{"type": "MENTIONS", "from": "review:0123456789abcdef", "to": "film:imdb:tt0133093"}',
        "evidence",
        "Field required",
    ),
    "evidence end before start": (
        '{"type": "MENTIONS", "from": "review:0123456789abcdef", "to": "film:imdb:tt0133093", '
        '"evidence": [{"source": "review:0123456789abcdef", "start": 14, "end": 14, '
        '"text": "The Matrix", "extractor": "reviews-rules/1", "confidence": 0.9}]}',
        "evidence.0",
        "evidence end (14) must be after start (14)",
    ),
    "invalid JSON": (
        '{"type": "Film", "title": "Speed"',
        None,
        "invalid JSON: Expecting ',' delimiter at column 34",
    ),
    "JSON array": ('["Film", "Speed"]', None, "expected a JSON object"),
}


def five_lines(tmp_path: Path, bad: str) -> Path:
    return write(tmp_path, MATRIX, KEANU, bad, JOHN_WICK, ACTED)


@pytest.mark.parametrize(("bad", "field", "reason"), BAD_LINES.values(), ids=BAD_LINES.keys())
def test_bad_line_is_reported_and_skipped(
    tmp_path: Path, bad: str, field: str | None, reason: str
) -> None:
    path = five_lines(tmp_path, bad)
    records, errors = read_all(path)
    # The loader goes on after the bad line: the four good records are all there.
    assert [type(r) for r in records] == [Film, Person, Film, ActedIn]
    assert len(errors) == 1
    error = errors[0]
    assert isinstance(error, BadInputError)
    assert (error.path, error.line, error.reason) == (str(path), 3, reason)


@pytest.mark.parametrize(("bad", "field", "reason"), BAD_LINES.values(), ids=BAD_LINES.keys())
def test_bad_line_message_names_file_line_and_field(
    tmp_path: Path, bad: str, field: str | None, reason: str
) -> None:
    path = five_lines(tmp_path, bad)
    _, errors = read_all(path)
    assert [e.field for e in errors] == [field]
    where = f"{path}:3, field {field!r}" if field else f"{path}:3"
    assert [str(e) for e in errors] == [f"{where}: {reason}"]


def test_non_utf8_line_is_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        "\n".join([MATRIX, KEANU]).encode("utf-8")
        + b"\n"
        + '{"type": "Film", "title": "Amélie", "year": 2001}'.encode("latin-1")
        + b"\n"
        + "\n".join([JOHN_WICK, ACTED]).encode("utf-8")
        + b"\n"
    )
    records, errors = read_all(path)
    assert [type(r) for r in records] == [Film, Person, Film, ActedIn]
    assert [str(e) for e in errors] == [f"{path}:3: not UTF-8 text (invalid continuation byte)"]
    assert (errors[0].path, errors[0].line, errors[0].field) == (str(path), 3, None)


def test_every_bad_line_is_reported_in_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        MATRIX,
        '{"type": "Film", "title": "Speed", "colour": "red"}',
        KEANU,
        "[1, 2]",
        ACTED,
    )
    records, errors = read_all(path)
    assert [type(r) for r in records] == [Film, Person, ActedIn]
    assert [(e.line, e.field) for e in errors] == [(2, "colour"), (4, None)]


def test_missing_file_raises_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.jsonl"
    errors: list[BadInputError] = []
    with pytest.raises(BadInputError) as info:
        list(read_records(path, on_error=errors.append))
    assert str(info.value) == f"{path}: cannot read the file: No such file or directory"
    assert (info.value.path, info.value.line) == (str(path), None)
    assert errors == []


def test_without_on_error_the_first_bad_line_raises(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        MATRIX,
        '{"type": "Film", "title": "Speed", "year": "abc"}',
        KEANU,
        '{"type": "Studio"}',
        ACTED,
    )
    records = read_records(path)
    first = next(records)
    assert isinstance(first, Film)
    with pytest.raises(BadInputError) as info:
        next(records)
    assert str(info.value) == (
        f"{path}:2, field 'year': Input should be a valid integer, "
        "unable to parse string as an integer"
    )
    assert (info.value.line, info.value.field) == (2, "year")
