"""`load imdb --bulk`: the column-wise reader and the embedded bulk load give the same
graph and the same rejects as the record path (`read_imdb` + `Store.write`)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_loader_imdb import AKAS, BASICS, CREW, NAMES, PRINCIPALS, write_set

from graph import schema
from graph.cli import cli
from graph.errors import BadInputError, StoreError
from graph.stores.embedded import EmbeddedStore
from graph.stores.embedded_bulk import bulk_load
from graph.tables import Table
from loaders import imdb_blocks
from loaders.imdb import read_imdb
from loaders.imdb_tables import normalized, read_imdb_tables

N = "\\N"


def graph_of(path: Path) -> dict[str, list[dict[str, Any]]]:
    store = EmbeddedStore(path, read_only=True)
    try:
        found = {label: list(store.iter_nodes(label)) for label in schema.NODE_LABELS}
        found.update({rel: list(store.iter_edges(rel)) for rel in schema.REL_TYPES})
        return found
    finally:
        store.close()


def both_ways(directory: Path, tmp_path: Path, **options: Any) -> tuple[Any, ...]:
    """(graph, rejects) of the record path, then of the bulk path."""
    normal: list[BadInputError] = []
    store = EmbeddedStore(tmp_path / "normal.db")
    store.write(read_imdb(directory, on_error=normal.append, **options))
    store.close()
    bulk: list[BadInputError] = []

    def source(on_error: Any, progress: Any) -> Any:
        return read_imdb_tables(directory, on_error=on_error, progress=progress, **options)

    bulk_load(tmp_path / "bulk.db", source, on_error=bulk.append)
    return (
        graph_of(tmp_path / "normal.db"),
        sorted(map(str, normal)),
        graph_of(tmp_path / "bulk.db"),
        sorted(map(str, bulk)),
    )


def assert_same(directory: Path, tmp_path: Path, **options: Any) -> dict[str, Any]:
    graph, rejects, bulk_graph, bulk_rejects = both_ways(directory, tmp_path, **options)
    for name in graph:
        assert bulk_graph[name] == graph[name], name
    assert bulk_rejects == rejects
    return {"graph": graph, "rejects": rejects}


@pytest.mark.parametrize(
    "sample", ["sample_2000_movies", "head_99_all_files", "subset_2017_movies"]
)
def test_real_samples_load_the_same_either_way(
    shared_data: Path, tmp_path: Path, sample: str
) -> None:
    result = assert_same(shared_data / "imdb" / sample, tmp_path)
    assert sum(len(rows) for rows in result["graph"].values()) > 0


ODD_BASICS = [
    *BASICS,
    ["tt0000001", "movie", "First Film Again", "\\N", "0", "2000", N, N, N],  # repeated id
    ["tt0000004", "movie", "  Padded Title ", "Padded Title", "0", "abc", N, N, N],
    ["tt0000005", "movie", N, "Only Original", "0", "1500", N, N, N],
    ["tt0000006", "movie", "Ünïcödé Fïlm", "Ünïcödé Fïlm", "0", "2010", N, N, N],
    ["tt" + "\u0660" * 6 + "7", "movie", "Arabic Digits", "Arabic", "0", "2010", N, N, N],
    ["tt0000008", "movie", "!!!", "???", "0", "2011", N, N, N],
    ["xx0000009", "movie", "Bad Id", "Bad Id", "0", "2011", N, N, N],
    ["tt0000010", "movie", "   ", N, "0", "2011", N, N, N],  # blank title: rejected
    ["tt0000011", "movie", "Short Row"],
    ["tt0000012", "short", "A Short", "A Short", "0", "2012", N, N, N],
]
ODD_NAMES = [
    *NAMES,
    ["nm0000006", " Padded Name\t", "1970", N, N, N],
    ["nm0000007", "Zoë Ümlaut-Ñame", "19x0", N, N, N],
    ["nm0000008", N, N, N, N, N],  # no name: rejected
    ["nm00000x9", "Bad Id", N, N, N, N],
    ["nm0000010", "Uncredited", N, N, N, N],
    ["nm0000011", "Crew Only", "2100", N, N, N],
]
ODD_PRINCIPALS = [
    *PRINCIPALS,
    ["tt0000001", "6", "nm0000001", "actress", N, '["Heroine","Third"]'],  # merges
    ["tt0000001", "7", "nm0000006", "actor", " lead ", '["A \\"quoted\\" role"]'],
    ["tt0000001", "8", "nm0000007", "actor", N, '["Spaced", "Out"]'],
    ["tt0000001", "9", "nm0000012", "actor", N, '["", " ", "Kept"]'],  # unknown person
    ["tt0000001", "10", "nm0000006", "actor", N, "[]"],
    ["tt0000001", "11", "nm0000006", "self", N, '{"a": 1}'],
    ["tt0000001", "12", "nm0000007", "actor", N, '["broken'],
    ["tt0000001", "13", "nm0000007", "actor", N, '{"not": "a list"}'],
    ["tt0000001", "14", "nm0000007", "stuntman", N, N],
    ["tt0000001", "x", "nm0000007", "editor", N, N],
    ["tt0000001", "\u0661\u0665", "nm0000007", "editor", N, N],
    ["tt0000004", "1", "nm00000x9", "actor", N, N],
    ["tt0000004", "2", "nm0000007", "actress", "   ", '["Ünïcödé Role"]'],
    ["tt0000006", "1", "nm0000006", "archive_footage", "archive", N],
    ["tt0000099", "1", "nm0000006", "actor", N, N],  # a title not kept
    ["tt0000001", "15", "nm0000007"],
    ["bad", "1", "nm0000007", "actor", N, N],
]
ODD_CREW = [
    *CREW,
    ["tt0000004", "nm0000011,nm0000002", "nm0000002"],
    ["tt0000006", "nm0000006,bad,nm0000013", N],
    ["tt0000099", "nm0000002", N],
    ["tt0000001"],
]
ODD_AKAS = [
    *AKAS,
    ["tt0000004", "1", "Padded Title", "US", N, N, N, "0"],
    ["tt0000004", "2", " Padded Title ", "GB", N, N, N, "0"],
    ["tt0000006", "1", N, "XX", N, N, N, "0"],
    ["tt0000006", "2", "Ünïcödé Fïlm", "XX", N, N, N, "0"],
    ["tt0000006", "3", "Ünïcödé Fïlm", "YY", N, N, N, "0"],
    ["tt0000006", "4", "unicode film", "YY", N, N, N, "0"],
    ["xx0000006", "1", "Bad", "XX", N, N, N, "0"],
    ["xx0000007", "1", N, "XX", N, N, N, "0"],  # no title: skipped, id unchecked
    ["tt0000001", "3", "Premier Film", "BE", N, N, N, "0"],  # the film's second run
    ["tt0000001", "4", "Primo Film", "IT", N, N, N, "0"],
]


def odd_set(directory: Path, gz: bool = False) -> Path:
    return write_set(
        directory,
        gz=gz,
        title_basics=ODD_BASICS,
        name_basics=ODD_NAMES,
        title_principals=ODD_PRINCIPALS,
        title_crew=ODD_CREW,
        title_akas=ODD_AKAS,
    )


def test_odd_rows_load_and_are_rejected_the_same_either_way(tmp_path: Path) -> None:
    result = assert_same(odd_set(tmp_path / "imdb"), tmp_path)
    assert len(result["rejects"]) >= 12  # the bad rows above are rejected, each once
    people = {row["key"]: row for row in result["graph"]["Person"]}
    assert people["person:imdb:nm0000012"]["name"] is None  # a placeholder


def test_many_small_blocks_keep_line_numbers(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(imdb_blocks, "BLOCK_BYTES", 64)
    assert_same(odd_set(tmp_path / "imdb", gz=True), tmp_path)


@pytest.mark.parametrize(
    "options", [{"limit": 3}, {"title_types": None}, {"title_types": ("short",)}]
)
def test_options_give_the_same_graph(tmp_path: Path, options: dict[str, Any]) -> None:
    assert_same(odd_set(tmp_path / "imdb"), tmp_path, **options)


def _damage(directory: Path, name: str, how: str) -> None:
    path = directory / f"{name}.tsv"
    data = path.read_bytes()
    if how == "truncated":
        path.unlink()
        whole = gzip.compress(data * 40)
        (directory / f"{name}.tsv.gz").write_bytes(whole[: len(whole) // 2])
    elif how == "latin-1":
        path.write_bytes(data.replace("Ümlaut".encode(), "Ümlaut".encode("latin-1")))
    else:  # carriage returns: the record path reads them as line ends
        path.write_bytes(data.replace(b"\n", b"\r\n"))


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("title.principals", "truncated"),
        ("name.basics", "latin-1"),
        ("title.crew", "crlf"),
        ("title.basics", "crlf"),
    ],
)
def test_damaged_files_give_the_same_result(tmp_path: Path, name: str, how: str) -> None:
    directory = odd_set(tmp_path / "imdb")
    _damage(directory, name, how)
    result = assert_same(directory, tmp_path)
    if how != "crlf":
        assert any(name in reject for reject in result["rejects"])


def test_normalized_matches_the_key_normalisation() -> None:
    from graph import keys

    values = ["Film 1", "ÄÖÜ straße", "!!!", "  a--b  ", "東京物語", "Jeon Jong-seo", "x" * 300]
    import pyarrow as pa

    assert normalized(pa.array(values)).to_pylist() == [keys.normalize(v) for v in values]


def test_a_store_with_nodes_is_refused_and_left_alone(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    store = EmbeddedStore(tmp_path / "graph.db")
    store.write(read_imdb(directory))
    before = store.stats()
    store.close()
    with pytest.raises(StoreError, match="already holds"):
        bulk_load(tmp_path / "graph.db", lambda e, p: read_imdb_tables(directory), on_error=print)
    store = EmbeddedStore(tmp_path / "graph.db", read_only=True)
    assert store.stats() == before
    store.close()


def test_an_empty_store_is_replaced(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    EmbeddedStore(tmp_path / "graph.db").close()
    bulk_load(tmp_path / "graph.db", lambda e, p: read_imdb_tables(directory), on_error=print)
    store = EmbeddedStore(tmp_path / "graph.db", read_only=True)
    assert store.stats()["nodes"]["Film"] == 2
    assert store.named("search", {"q": "premier", "limit": 5}).records()[0]["key"] == (
        "film:imdb:tt0000001"
    )  # from the search index the bulk load built (a read-only open uses only a clean one)
    store.close()


def test_a_failure_midway_leaves_no_store_and_a_rerun_finishes(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")

    def failing(on_error: Any, progress: Any) -> Any:
        for number, table in enumerate(read_imdb_tables(directory)):
            if number == 2:
                raise BadInputError("disk went away", path="somewhere")
            yield table

    with pytest.raises(BadInputError, match="disk went away"):
        bulk_load(tmp_path / "graph.db", failing, on_error=print)
    assert not (tmp_path / "graph.db").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["imdb"]  # no staging files left
    bulk_load(tmp_path / "graph.db", lambda e, p: read_imdb_tables(directory), on_error=print)
    assert graph_of(tmp_path / "graph.db")["Film"]


def test_rows_with_two_external_ids_are_refused(tmp_path: Path) -> None:
    import pyarrow as pa

    from graph.tables import arrow_schema

    row = {name: None for name in arrow_schema("Film").names}
    row.update({"key": "film:imdb:tt0000001", "title": "T", "imdb": "tt0000001", "qid": "Q1"})
    row.update({"sources": ["x"], "_seq": 0})
    table = pa.Table.from_pylist([row], schema=arrow_schema("Film"))
    with pytest.raises(StoreError, match="at most one external id"):
        bulk_load(tmp_path / "graph.db", lambda e, p: [Table("Film", table)], on_error=print)
    assert not (tmp_path / "graph.db").exists()


def test_cli_bulk_load_prints_the_summary(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    store = str(tmp_path / "graph.db")
    result = CliRunner().invoke(
        cli, ["--store", store, "load", "imdb", str(directory), "--bulk"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "imdb: 18 rows read, 14 records: 11 loaded (new), 3 merged into existing "
        "(0 stored nodes/edges changed), 0 rejected; 1 placeholder nodes for ends not loaded yet\n"
    )
    assert result.stderr.splitlines() == [
        f"Bulk-loading imdb into a new embedded store at {store}",
        "imdb: 18 rows read; merging repeats and writing the tables",
        "imdb: copying the tables into the new store (the search index meanwhile)",
    ]
    normal = str(tmp_path / "normal.db")
    without = CliRunner().invoke(cli, ["--store", normal, "load", "imdb", str(directory)])
    assert without.stdout == result.stdout  # the same counts as the record path
    again = CliRunner().invoke(cli, ["--store", store, "load", "imdb", str(directory), "--bulk"])
    assert again.exit_code == 1
    assert "Error: a bulk load writes a new store, but " in again.output


def test_cli_bulk_load_refuses_neo4j(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    result = CliRunner().invoke(
        cli, ["--store", "bolt://127.0.0.1:1", "load", "imdb", str(directory), "--bulk"]
    )
    assert result.exit_code == 1
    assert "Error: --bulk writes a new embedded store" in result.output


def test_a_failing_copy_is_reported_in_one_line(
    tmp_path: Path, monkeypatch: Any, capfd: Any
) -> None:
    from graph.stores import embedded_bulk

    def out_of_memory(work: Path, pool: int) -> None:
        raise RuntimeError("Buffer manager exception: unable to allocate memory")

    monkeypatch.setattr(embedded_bulk, "_copy", out_of_memory)  # a fault no test file gives
    directory = write_set(tmp_path / "imdb")
    with pytest.raises(StoreError, match=r"COPY into the new database \(RuntimeError: Buffer"):
        bulk_load(tmp_path / "graph.db", lambda e, p: read_imdb_tables(directory), on_error=print)
    assert "Traceback" not in capfd.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["imdb"]


def test_a_store_path_in_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "imdb")
    with pytest.raises(StoreError, match=r"cannot create the embedded store at .*missing"):
        bulk_load(
            tmp_path / "missing" / "g.db", lambda e, p: read_imdb_tables(directory), on_error=print
        )
