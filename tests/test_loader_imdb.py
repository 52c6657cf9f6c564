"""The IMDb loader: small files written here, bad input, and the real samples."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from graph.errors import BadInputError
from graph.model import ActedIn, Credited, Directed, Edge, Film, Node, Person, Produced, Wrote
from graph.stores.embedded import EmbeddedStore
from loaders.files import ReadProgress
from loaders.imdb import HEADERS, read_imdb

BASICS = [
    ["tt0000001", "movie", "First Film", "Erster Film", "0", "1999", "\\N", "90", "Drama"],
    ["tt0000002", "tvSeries", "A Series", "A Series", "0", "2001", "2003", "\\N", "Drama"],
    ["tt0000003", "movie", "Third Film", "Third Film", "0", "\\N", "\\N", "\\N", "\\N"],
]
NAMES = [
    ["nm0000001", "Ann Actor", "1970", "\\N", "actress", "tt0000001"],
    ["nm0000002", "Dan Director", "1960", "\\N", "director", "tt0000001"],
    ["nm0000003", "Tess Television", "1980", "\\N", "actress", "tt0000002"],
    ["nm0000004", "Carl Composer", "1500", "\\N", "composer", "tt0000001"],
]
PRINCIPALS = [
    ["tt0000001", "1", "nm0000001", "actress", "\\N", '["Heroine","Twin"]'],
    ["tt0000001", "2", "nm0000002", "director", "\\N", "\\N"],
    ["tt0000001", "3", "nm0000002", "writer", "screenplay", "\\N"],
    ["tt0000001", "4", "nm0000002", "producer", "producer", "\\N"],
    ["tt0000001", "5", "nm0000004", "composer", "\\N", "\\N"],
    ["tt0000002", "1", "nm0000003", "actress", "\\N", '["Host"]'],
]
CREW = [["tt0000001", "nm0000002", "nm0000002,nm0000005"], ["tt0000002", "nm0000003", "\\N"]]
AKAS = [
    ["tt0000001", "1", "Erster Film", "DE", "de", "\\N", "\\N", "0"],
    ["tt0000001", "2", "Premier Film", "FR", "fr", "\\N", "\\N", "0"],
    ["tt0000002", "1", "Eine Serie", "DE", "\\N", "\\N", "\\N", "0"],
]


def write_tsv(path: Path, header: tuple[str, ...], rows: list[list[str]], gz: bool = False) -> Path:
    text = "\n".join("\t".join(r) for r in [list(header), *rows]) + "\n"
    if gz:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_set(directory: Path, gz: bool = False, **override: list[list[str]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    data = {
        "title.basics": BASICS,
        "name.basics": NAMES,
        "title.principals": PRINCIPALS,
        "title.crew": CREW,
        "title.akas": AKAS,
    }
    for name, rows in data.items():
        rows = override.get(name.replace(".", "_"), rows)
        write_tsv(directory / f"{name}.tsv", HEADERS[name], rows, gz=gz)
    return directory


def collect(directory: Path, **kwargs: object) -> tuple[list[Node | Edge], list[BadInputError]]:
    errors: list[BadInputError] = []
    records = list(read_imdb(directory, on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return records, errors


def test_mapping_of_every_file(tmp_path: Path) -> None:
    records, errors = collect(write_set(tmp_path / "imdb"))
    assert errors == []
    films = [r for r in records if isinstance(r, Film)]
    assert [(f.imdb, f.title, f.year) for f in films if f.sources == ["imdb:title.basics"]] == [
        ("tt0000001", "First Film", 1999),
        ("tt0000003", "Third Film", None),
    ]
    people = {r.imdb: r for r in records if isinstance(r, Person)}
    # Tess is credited only on the series, which is not kept.
    assert sorted(people) == ["nm0000001", "nm0000002", "nm0000004"]
    assert people["nm0000004"].birth_year is None  # 1500 is outside the model's range
    acted = [r for r in records if isinstance(r, ActedIn)]
    assert len(acted) == 1 and acted[0].roles == ["Heroine", "Twin"] and acted[0].ordering == 1
    assert acted[0].from_key == "person:imdb:nm0000001"
    assert acted[0].to_key == "film:imdb:tt0000001"
    by_type = {type(r) for r in records}
    assert {Directed, Wrote, Produced, Credited} <= by_type
    credited = next(r for r in records if isinstance(r, Credited))
    assert credited.categories == ["composer"]
    wrote = [r for r in records if isinstance(r, Wrote)]
    assert {w.sources[0] for w in wrote} == {"imdb:title.principals", "imdb:title.crew"}
    assert any(w.jobs == ["screenplay"] for w in wrote)
    aka = next(r for r in records if isinstance(r, Film) and r.sources == ["imdb:title.akas"])
    assert aka.imdb == "tt0000001" and aka.aliases == ["Erster Film", "Premier Film"]


def test_title_types_and_limit(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    records, _ = collect(directory, title_types=("tvSeries",))
    assert {r.imdb for r in records if isinstance(r, Film)} == {"tt0000002"}
    assert {r.imdb for r in records if isinstance(r, Person)} == {"nm0000003"}
    records, _ = collect(directory, title_types=None)
    assert len({r.imdb for r in records if isinstance(r, Film)}) == 3
    records, _ = collect(directory, limit=1)
    assert {r.imdb for r in records if isinstance(r, Film)} == {"tt0000001"}


def test_gzip_gives_the_same_records(tmp_path: Path) -> None:
    plain, _ = collect(write_set(tmp_path / "plain"))
    gz, _ = collect(write_set(tmp_path / "gz", gz=True))
    assert [r.model_dump() for r in plain] == [r.model_dump() for r in gz]


def test_wrong_column_count_is_rejected_and_loading_goes_on(tmp_path: Path) -> None:
    bad = [*PRINCIPALS[:1], ["tt0000001", "9", "nm0000002", "director"], *PRINCIPALS[1:]]
    records, errors = collect(write_set(tmp_path / "imdb", title_principals=bad))
    assert len(errors) == 1
    assert errors[0].line == 3 and "expected 6 tab-separated columns" in errors[0].reason
    assert errors[0].path is not None and errors[0].path.endswith("title.principals.tsv")
    assert sum(isinstance(r, ActedIn) for r in records) == 1


def test_broken_characters_json_and_unknown_category(tmp_path: Path) -> None:
    bad = [
        ["tt0000001", "1", "nm0000001", "actress", "\\N", '["Heroine"'],
        ["tt0000001", "2", "nm0000002", "stunt_double_of_doom", "\\N", "\\N"],
        *PRINCIPALS[1:],
    ]
    records, errors = collect(write_set(tmp_path / "imdb", title_principals=bad))
    assert [(e.line, e.field) for e in errors] == [(2, "characters"), (3, "category")]
    assert "unknown category 'stunt_double_of_doom'" in errors[1].reason
    assert not any(isinstance(r, ActedIn) for r in records)
    assert any(isinstance(r, Directed) for r in records)


def test_bad_ids_are_rejected(tmp_path: Path) -> None:
    bad_crew = [["tt0000001", "nm0000002,xx12", "\\N"]]
    records, errors = collect(write_set(tmp_path / "imdb", title_crew=bad_crew))
    assert [(e.line, e.field) for e in errors] == [(2, "directors")]
    assert sum(r.sources == ["imdb:title.crew"] for r in records) == 1


def test_truncated_gzip_is_reported_not_raised(tmp_path: Path) -> None:
    directory = tmp_path / "imdb"
    many = [[f"tt{i:07d}", "movie", f"Film {i}", f"Film {i}", "0", "2000"] + ["\\N"] * 3
            for i in range(1, 5000)]  # fmt: skip
    write_set(directory, title_basics=many)
    data = (directory / "title.basics.tsv").read_bytes()
    (directory / "title.basics.tsv").unlink()
    whole = gzip.compress(data)
    (directory / "title.basics.tsv.gz").write_bytes(whole[: len(whole) // 2])
    records, errors = collect(directory)
    assert len(errors) >= 1
    assert errors[-1].path is not None and errors[-1].path.endswith("title.basics.tsv.gz")
    assert "truncated" in errors[-1].reason
    films = [r for r in records if isinstance(r, Film) and r.sources == ["imdb:title.basics"]]
    assert 0 < len(films) < 4999  # what came before the damage is kept


def test_a_file_of_the_wrong_kind_is_refused_up_front(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    # name.basics content saved under the title.basics name.
    (directory / "title.basics.tsv").write_text(
        (directory / "name.basics.tsv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(BadInputError) as caught:
        next(iter(read_imdb(directory)))
    message = str(caught.value)
    assert "not a title.basics file" in message and "tconst" in message
    assert "looks like name.basics" in message


def test_wrong_principals_file_is_refused_before_anything_is_yielded(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    write_tsv(directory / "title.principals.tsv", HEADERS["title.crew"], CREW)
    with pytest.raises(BadInputError, match=r"not a title\.principals file"):
        next(iter(read_imdb(directory)))


def test_directory_without_title_basics(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match=r"no title\.basics"):
        read_imdb(tmp_path)


def test_real_sample_2000(shared_data: Path, embedded_store: EmbeddedStore) -> None:
    progress = ReadProgress()
    errors: list[BadInputError] = []
    directory = shared_data / "imdb" / "sample_2000_movies"
    summary = embedded_store.write(read_imdb(directory, on_error=errors.append, progress=progress))
    assert errors == []
    assert progress.rows == 2000 + 10177 + 11576  # every data row read once in the counted pass
    stats = embedded_store.stats()
    assert stats["nodes"]["Film"] == 2000
    # 11,570 of 11,576 credits name a person in name.basics; the rest are placeholders.
    assert summary.placeholders["Person"] == 6
    rels = stats["relationships"]
    assert rels["DIRECTED"] > 0 and rels["WROTE"] > 0 and rels["PRODUCED"] > 0
    assert rels["CREDITED"] > 0 and rels["ACTED_IN"] > 0
    total = sum(rels.values())
    assert total == 11576 - sum(summary.unchanged.values()) - _duplicates(directory)


def _duplicates(directory: Path) -> int:
    """Principals rows repeating a (person, film, category) already seen: one edge each."""
    seen: set[tuple[str, str, str]] = set()
    dups = 0
    with (directory / "title.principals.tsv").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            t, _o, n, c = line.split("\t")[:4]
            c = "actor" if c == "actress" else c
            key = (t, n, c if c in ("actor", "director", "writer", "producer") else "other")
            dups += key in seen
            seen.add(key)
    return dups


def test_real_head_99_crew_and_akas(shared_data: Path) -> None:
    directory = shared_data / "imdb" / "head_99_all_files"
    records, errors = collect(directory, title_types=None)
    assert errors == []
    assert sum(isinstance(r, Film) and r.sources == ["imdb:title.basics"] for r in records) == 99
    assert any(r.sources == ["imdb:title.crew"] for r in records)
    assert any(isinstance(r, Film) and r.aliases for r in records)


def test_real_subset_2017_akas(shared_data: Path) -> None:
    records, errors = collect(shared_data / "imdb" / "subset_2017_movies")
    assert errors == []
    akas = [r for r in records if isinstance(r, Film) and r.sources == ["imdb:title.akas"]]
    assert 10_000 < len(akas) <= 15_244
