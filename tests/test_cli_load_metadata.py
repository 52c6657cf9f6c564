"""``reelgraph load imdb|tmdb|movielens|jsonld`` end to end through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", str(tmp_path / "db"), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_tmdb_summary_and_rejects_file(
    tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tmdb = shared_data / "tmdb"
    code, out, err = run(
        tmp_path,
        "load",
        "tmdb",
        str(tmdb / "tmdb_5000_movies.csv"),
        str(tmdb / "tmdb_5000_credits_rows0001-0198.csv"),
    )
    assert code == 0, err
    assert out.startswith("tmdb: 5,001 rows read, ")
    assert "2 rejected" in out and "rejects in tmdb-rejects.tsv" in out
    lines = (tmp_path / "tmdb-rejects.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "where\tfield\treason"
    assert [line.split("\t")[:2] for line in lines[1:]] == [
        [f"{tmdb / 'tmdb_5000_credits_rows0001-0198.csv'}:11", "movie_id"],
        [f"{tmdb / 'tmdb_5000_credits_rows0001-0198.csv'}:30", "crew"],
    ]
    assert "Rejected:" in err and "\r" not in err  # no progress line outside a terminal


def test_imdb_movielens_jsonld_commands(tmp_path: Path, shared_data: Path) -> None:
    code, out, _ = run(
        tmp_path, "load", "imdb", str(shared_data / "imdb" / "head_99_all_files"),
        "--title-types", "short,movie", "--limit", "20",
    )  # fmt: skip
    assert code == 0 and out.startswith("imdb: ") and "0 rejected" in out
    code, out, _ = run(
        tmp_path, "load", "movielens", str(shared_data / "movielens" / "ml-latest-small")
    )
    assert code == 0 and "9,742 records" in out
    page = tmp_path / "page.html"
    page.write_text(
        '<script type="application/ld+json">{"@type":"Movie","name":"Toy Story",'
        '"sameAs":"https://www.imdb.com/title/tt0114709/"}</script>'
    )
    code, out, _ = run(tmp_path, "load", "jsonld", str(page))
    assert code == 0 and "1 merged into existing" in out


def test_wrong_kind_of_file_is_an_error_not_a_traceback(tmp_path: Path, shared_data: Path) -> None:
    imdb = tmp_path / "imdb"
    imdb.mkdir()
    names = shared_data / "imdb" / "head_99_all_files" / "name.basics.tsv"
    (imdb / "title.basics.tsv").write_bytes(names.read_bytes())
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", str(tmp_path / "db"), "load", "imdb", str(imdb)])
    assert result.exit_code == 1
    assert "Error: " in result.stderr and "not a title.basics file" in result.stderr
    assert "Traceback" not in result.output
