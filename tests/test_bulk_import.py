"""The neo4j-admin bulk path: files from a record stream, imported by the real neo4j-admin."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.bulk import write_bulk
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j import Neo4jStore
from loaders.imdb import read_imdb

REPO = Path(__file__).resolve().parents[1]
NEO4J_SH = REPO / ".ci" / "neo4j.sh"


def test_files_have_neo4j_admin_headers(tmp_path: Path, shared_data: Path) -> None:
    report = write_bulk(read_imdb(shared_data / "imdb" / "head_99_all_files", title_types=None),
                        tmp_path)  # fmt: skip
    films = dict(report.node_files)["Film"]
    with films.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[0] == "key:ID(Film)" and header[-1] == ":LABEL"
    assert "year:long" in header and "aliases:string[]" in header
    rel_path = next(p for rel, p in report.relationship_files if rel == "DIRECTED")
    with rel_path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:3] == [":START_ID(Person)", ":END_ID(Film)", ":TYPE"]
    command = report.command()
    assert command.startswith("neo4j-admin database import full ")
    assert "--array-delimiter=;" in command and command.endswith(" neo4j")


def _env(run: Path) -> dict[str, str]:
    values = {}
    for line in (run / "env").read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = value
    return values


@pytest.mark.skipif(shutil.which("java") is None, reason="neo4j-admin needs Java")
def test_neo4j_admin_import_gives_the_store_counts(tmp_path: Path, shared_data: Path) -> None:
    directory = shared_data / "imdb" / "sample_2000_movies"
    report = write_bulk(read_imdb(directory), tmp_path / "bulk")
    run = tmp_path / "neo4j-run"
    env = {**os.environ, "NEO4J_RUN_DIR": str(run)}
    args = report.arguments(report_file=tmp_path / "import.report")
    done = subprocess.run([str(NEO4J_SH), "admin", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    subprocess.run([str(NEO4J_SH), "start", str(run)], check=True, capture_output=True, timeout=300)
    try:
        settings = _env(run)
        store = Neo4jStore(settings["NEO4J_URI"], user="neo4j",
                           password=settings["NEO4J_PASSWORD"], database=None)  # fmt: skip
        with store:
            imported = store.stats()
            # The normal loader runs on top of the import and changes no counts.
            store.write(read_imdb(directory))
            assert store.stats() == imported
    finally:
        subprocess.run([str(NEO4J_SH), "stop", str(run)], capture_output=True, timeout=300)
    with EmbeddedStore(tmp_path / "reference") as reference:
        reference.write(read_imdb(directory))
        assert imported == reference.stats()
