"""Linking Films and Persons to Wikidata against a real SPARQL server (Oxigraph)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.model import Directed, Film, Person
from graph.stores.base import Store
from graph.stores.embedded import EmbeddedStore
from graph.wikidata.cache import AnswerCache
from graph.wikidata.client import Politeness, SparqlClient
from graph.wikidata.fixture import people_labels, read_people, tmdb_by_imdb
from graph.wikidata.linker import Linker
from graph.wikidata.oxigraph import free_port

sys.path.insert(0, str(Path(__file__).parent))
from wikidata_server import (
    FaultServer,
    Reply,
    WikidataServer,
    wikidata_server_fixture,  # noqa: F401 (the fixture, used by name)
)

Records = list[Film | Person | Directed]


@pytest.fixture(scope="module")
def people(shared_data: Path) -> dict[str, str]:
    """QID -> English label, as a loader would give the names."""
    out = {}
    for qid, rows in read_people(shared_data).items():
        name = people_labels(rows)[0].get("en")
        if name:
            out[qid] = name
    return out


def _year(film: dict[str, Any]) -> int | None:
    date = film.get("publication_date")
    return int(date[:4]) if date else None


def films_with_directors(
    films: list[dict[str, Any]], people: dict[str, str], count: int
) -> tuple[Records, dict[str, str]]:
    """Films with title, year and director names, ids hidden; and key -> true QID."""
    records: Records = []
    truth: dict[str, str] = {}
    chosen = [f for f in films if f.get("label") and _year(f) and f.get("director")][:count]
    for n, film in enumerate(chosen):
        key = f"film:title:case-{n}"
        truth[key] = film["wikidata_id"]
        records.append(Film(key=key, title=film["label"], year=_year(film), sources=["t"]))
        for qid in film["director"]:
            if qid in people:
                person = f"person:name:case-{qid.lower()}"
                truth[person] = qid
                records.append(Person(key=person, name=people[qid], sources=["t"]))
                records.append(
                    Directed.model_validate({"from": person, "to": key, "sources": ["t"]})
                )
    return records, truth


def _link(store: Store, endpoint: str, tmp_path: Path, **options: Any) -> Any:
    only = options.pop("only", None)
    client = SparqlClient(endpoint, cache=AnswerCache(tmp_path / "cache.sqlite"))
    return Linker(store, client, **options).run(only), client


def _stored(store: Store, label: str) -> dict[str, dict[str, Any]]:
    name = "linked_films" if label == "Film" else "linked_people"
    return {r["key"]: r for r in store.named(name).records()}


def test_films_and_directors_link_by_labels_and_features(
    store: Store, wikidata_server: WikidataServer, people: dict[str, str], tmp_path: Path
) -> None:
    records, truth = films_with_directors(wikidata_server.films, people, 150)
    store.write(records)
    report, _ = _link(store, wikidata_server.endpoint, tmp_path)
    assert report.error is None
    for label in ("Film", "Person"):
        stored = _stored(store, label)
        wrong = {k: r["qid"] for k, r in stored.items() if truth[k] != r["qid"]}
        assert wrong == {}, label
        wanted = [k for k in truth if k.startswith(label.lower())]
        assert len(stored) >= 0.9 * len(wanted), label
    film = next(iter(_stored(store, "Film").values()))
    assert 0.8 <= film["score"] <= 1.0
    assert "label" in film["reason"] and "P577" in film["reason"] and "P57 1/" in film["reason"]


def test_ids_link_exactly(
    store: Store, wikidata_server: WikidataServer, shared_data: Path, tmp_path: Path
) -> None:
    tmdb = tmdb_by_imdb(shared_data)
    by_imdb = wikidata_server.films[:20]
    by_tmdb = [f for f in wikidata_server.films[20:] if f["imdb_id"] in tmdb][:5]
    store.write(
        [Film(title="untitled", imdb=f["imdb_id"], sources=["t"]) for f in by_imdb]
        + [Film(title="untitled", tmdb=int(tmdb[f["imdb_id"]]), sources=["t"]) for f in by_tmdb]
    )
    report, _ = _link(store, wikidata_server.endpoint, tmp_path, languages=["en"])
    stored = _stored(store, "Film")
    assert sorted(r["qid"] for r in stored.values()) == sorted(
        f["wikidata_id"] for f in by_imdb + by_tmdb
    )
    assert {r["score"] for r in stored.values()} == {1.0}
    reasons = " ".join(r["reason"] for r in stored.values())
    assert "exact id P345=tt" in reasons and "exact id P4947=" in reasons
    assert report.counts()["Film"]["linked"] == 25


def test_person_ids_and_a_second_node_for_the_same_qid(
    embedded_store: EmbeddedStore,
    wikidata_server: WikidataServer,
    shared_data: Path,
    tmp_path: Path,
) -> None:
    doc_rows = [r for r in read_people(shared_data)["Q3454165"] if r["imdb_id"]]
    name, imdb = doc_rows[0]["label"], doc_rows[0]["imdb_id"]
    embedded_store.write([Person(name=name, imdb=imdb, sources=["t"])])
    _link(embedded_store, wikidata_server.endpoint, tmp_path, languages=["en"])
    assert [r["qid"] for r in _stored(embedded_store, "Person").values()] == ["Q3454165"]
    embedded_store.write([Person(name=name, tmdb=4724, sources=["t"])])
    report, _ = _link(embedded_store, wikidata_server.endpoint, tmp_path, languages=["en"])
    (conflict,) = [d for d in report.decisions if d.status == "conflict"]
    assert conflict.reason.startswith("Q3454165 is already on person:imdb:")
    assert embedded_store.stats()["nodes"]["Person"] == 2  # not joined into one


def test_existing_links_are_kept_and_unknown_qids_reported(
    embedded_store: EmbeddedStore,
    wikidata_server: WikidataServer,
    people: dict[str, str],
    tmp_path: Path,
) -> None:
    records, truth = films_with_directors(wikidata_server.films, people, 3)
    films = [r for r in records if isinstance(r, Film)]
    # By hand: the first film's node is given the second film's QID, and a QID that does not exist.
    films[0] = films[0].model_copy(update={"qid": truth[films[1].key]})
    films[2] = films[2].model_copy(update={"qid": "Q999999999999"})
    embedded_store.write([*films, *(r for r in records if not isinstance(r, Film))])
    report, _ = _link(embedded_store, wikidata_server.endpoint, tmp_path, only="Film")
    by_key = {d.key: d for d in report.decisions}
    assert by_key[films[1].key].status == "conflict"
    assert by_key[films[2].key].status == "unknown-qid"
    stored = _stored(embedded_store, "Film")
    assert stored[films[0].key]["qid"] == truth[films[1].key]
    assert stored[films[2].key]["qid"] == "Q999999999999"
    assert films[1].key not in stored and embedded_store.stats()["nodes"]["Film"] == 3


def test_same_title_without_year_is_ambiguous(
    embedded_store: EmbeddedStore, wikidata_server: WikidataServer, tmp_path: Path
) -> None:
    seen: dict[str, list[str]] = {}
    for film in wikidata_server.films:
        if film.get("label"):
            seen.setdefault(film["label"], []).append(film["wikidata_id"])
    title, qids = next((t, q) for t, q in seen.items() if len(q) >= 2)
    embedded_store.write([Film(title=title, sources=["t"])])
    report, _ = _link(embedded_store, wikidata_server.endpoint, tmp_path, languages=["en"])
    (decision,) = report.decisions
    assert decision.status == "ambiguous" and decision.qid is None
    assert set(qids) <= {q for q, _ in decision.candidates}
    assert decision.reason.startswith("best 0.68 < min-score 0.8")
    assert _stored(embedded_store, "Film") == {}


def test_dry_run_writes_nothing_and_a_rerun_asks_nothing(
    embedded_store: EmbeddedStore,
    wikidata_server: WikidataServer,
    people: dict[str, str],
    tmp_path: Path,
) -> None:
    records, _ = films_with_directors(wikidata_server.films, people, 40)
    embedded_store.write(records)
    dry, first = _link(embedded_store, wikidata_server.endpoint, tmp_path, dry_run=True)
    assert dry.written == 0 and _stored(embedded_store, "Film") == {}
    assert first.requests > 0
    real, second = _link(embedded_store, wikidata_server.endpoint, tmp_path)
    assert second.requests == 0 and second.cache is not None and second.cache.hit_rate() == 1.0
    assert [(d.key, d.qid) for d in real.decisions] == [(d.key, d.qid) for d in dry.decisions]
    assert real.written == sum(1 for d in dry.decisions if d.status == "linked")


def test_a_failure_midway_keeps_earlier_links_and_a_rerun_resumes(
    embedded_store: EmbeddedStore,
    wikidata_server: WikidataServer,
    people: dict[str, str],
    tmp_path: Path,
) -> None:
    records, truth = films_with_directors(wikidata_server.films, people, 30)
    embedded_store.write(records)
    script = [Reply(forward=wikidata_server.endpoint)] * 4 + [Reply(500, b"down", "text/plain")]
    cache = AnswerCache(tmp_path / "cache.sqlite")
    with FaultServer(script) as server:
        client = SparqlClient(server.endpoint, cache=cache, manners=Politeness(retries=0))
        report = Linker(embedded_store, client, chunk=10).run("Film")
    assert report.error is not None and "HTTP 500" in report.error
    written = _stored(embedded_store, "Film")
    assert 0 < len(written) < 30 and all(truth[k] == r["qid"] for k, r in written.items())
    resumed, client = _link(embedded_store, wikidata_server.endpoint, tmp_path, only="Film")
    assert resumed.error is None and len(_stored(embedded_store, "Film")) >= 27


def test_cli_dry_run_report_and_errors(tmp_path: Path, wikidata_server: WikidataServer) -> None:
    film = wikidata_server.films[0]
    db = tmp_path / "graph.db"
    with EmbeddedStore(db) as store:
        store.write([Film(title="untitled", imdb=film["imdb_id"], sources=["t"])])
    runner = CliRunner()
    base = [
        "--store",
        str(db),
        "link",
        "wikidata",
        "--endpoint",
        wikidata_server.endpoint,
        "--cache",
        str(tmp_path / "c.sqlite"),
        "--lang",
        "en",
    ]
    result = runner.invoke(cli, [*base, "--dry-run", "--report", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    key, qid = f"film:imdb:{film['imdb_id']}", film["wikidata_id"]
    assert result.output == (
        f"would link {key} -> {qid} (1.00: exact id P345={film['imdb_id']})\n"
        "Film: 1 linked, 0 ambiguous, 0 no-candidate, 0 conflict, 0 unknown-qid\n"
        f"nothing written (dry run); 1 requests to {wikidata_server.endpoint}, cache hits 0%\n"
    )
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert [(r["key"], r["status"], r["qid"], r["score"]) for r in rows] == [
        (key, "linked", qid, "1.00")
    ]
    down = f"http://127.0.0.1:{free_port()}/sparql"
    result = runner.invoke(
        cli, [*base[:5], down, "--retries", "0", "--cache", str(tmp_path / "d.sqlite")]
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"Error: {down} failed query 'wd_film_by_id'")
    assert "cannot reach the endpoint" in result.output
