"""``reelgraph demo``: the main job on bundled sample data, one progress line per stage.

Stages: load the film facts (JSON-LD), extract the seed review, link to
Wikidata through a local SPARQL endpoint, export Turtle; then what the graph
holds, the configured person's filmography, related people and mentions, and
where everything went. Progress and results go to stdout; warnings to stderr.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import click

from graph.cli import Settings, cli, output, pass_settings
from graph.cli.load import summary_line
from graph.cli.query import _credits, _why
from graph.cli.rdf import _output
from graph.cli.reviews import gazetteer_from_store
from graph.demo import (
    DemoConfig,
    GraphReport,
    LinkOutcome,
    LocalEndpointError,
    PersonReport,
    demo_config,
    graph_report,
    link_wikidata,
    load_metadata,
    load_seed_review,
    person_report,
)
from graph.rdf.terms import DEFAULT_BASE
from graph.rdf.writers import ExportSummary, export_graph
from graph.stores import QueryResult, Store
from graph.wikidata.linker import LinkReport

STAGES = 4
_STATUSES = ("linked", "ambiguous", "no-candidate", "conflict", "unknown-qid")


def default_turtle(store: Store) -> Path:
    """Beside an embedded store (``graph.db`` -> ``graph.ttl``); ``./reelgraph.ttl`` for Neo4j."""
    if store.dialect != "embedded":
        return Path("reelgraph.ttl")
    location = Path(store.location)
    beside = location.with_suffix(".ttl")
    return beside if beside != location else location.with_name(location.name + ".ttl")


def _stage(number: int, text: str) -> None:
    click.echo(f"[{number}/{STAGES}] {text}")


@cli.command()
@click.option(
    "--turtle",
    "turtle",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to export the graph as Turtle [default: beside an embedded store, "
    "STORE.ttl; ./reelgraph.ttl for Neo4j].",
)
@pass_settings
def demo(settings: Settings, turtle: Path | None) -> None:
    """Run the main job on bundled sample data: load film facts (JSON-LD), extract a
    review, link to Wikidata through a local SPARQL endpoint, export Turtle, and show
    what the graph holds. Needs no server; finishes in seconds."""
    config = demo_config()
    with settings.open() as store:
        click.echo(f"Store: {store.location} ({store.dialect})")
        loaded = load_metadata(store, config)
        _stage(1, summary_line(f"Film facts: {config.metadata.name}", loaded, 0))
        reviewed = load_seed_review(store, gazetteer_from_store(store), config)
        _stage(2, summary_line(f"Review: {config.review.name}", reviewed, 0))
        linked = _link(store, config)
        target = turtle or default_turtle(store)
        with _output(str(target)) as out:
            exported = export_graph(store, out, "turtle", DEFAULT_BASE)
        _stage(4, f"Turtle: {exported.triples} triples written to {target}")
        graph = graph_report(store)
        person = person_report(store, config)
        where = f"{store.location} ({store.dialect})"
    _echo_graph(graph)
    if linked is not None:
        _echo_links(linked.report)
    _echo_person(config.person, person)
    _echo_ending(settings, config, where, graph, person, (target, exported))


def _link(store: Store, config: DemoConfig) -> LinkOutcome | None:
    """Stage 3; when Oxigraph cannot run, a warning and the demo goes on without links."""
    files = ", ".join(p.name for p in config.wikidata)
    try:
        linked = link_wikidata(store, config)
    except LocalEndpointError as exc:
        click.echo(
            f"Warning: Wikidata linking skipped, the local SPARQL endpoint did not run: {exc}",
            err=True,
        )
        _stage(3, "Wikidata: skipped (see the warning); everything else goes on")
        return None
    report = linked.report
    counts = report.counts()
    parts = [
        f"{label} {', '.join(f'{counts[label][s]} {s}' for s in _STATUSES if counts[label][s])}"
        for label in sorted(counts)
    ]
    _stage(
        3,
        f"Wikidata: local SPARQL endpoint over {linked.triples} triples ({files}), "
        f"{linked.requests} queries: {'; '.join(parts) or 'nothing to link'}; "
        f"{report.written} links written, {linked.on_nodes} nodes carry a QID",
    )
    if report.error:
        click.echo(
            f"Warning: linking stopped early (links found are kept): {report.error}", err=True
        )
    return linked


def _echo_graph(report: GraphReport) -> None:
    counts = {**report.stats["nodes"], **report.stats["relationships"]}
    rows = [[k, v] for k, v in counts.items() if v]
    click.echo(
        "\nWhat the graph holds:\n" + output.table(QueryResult(["label/type", "count"], rows))
    )
    click.echo("\nCast:\n" + output.table(report.cast))
    for rel, result in report.crew.items():
        if result.rows:
            click.echo(f"\n{rel}:\n" + output.table(result))


def _echo_links(report: LinkReport) -> None:
    """What the linker decided this run, and why (a re-run decides only what is unlinked)."""
    rows = [
        [d.label, d.name, d.status, d.qid or "", _score(d.score), d.reason]
        for d in report.decisions
        if d.status != "no-candidate"
    ]
    missing = sum(d.status == "no-candidate" for d in report.decisions)
    header = (
        "\nWikidata, what the linker decided this run (ambiguous: no candidate good enough; "
        f"{missing} without any candidate not shown):\n"
    )
    if rows:
        columns = ["kind", "name", "status", "qid", "score", "why"]
        click.echo(header + output.table(QueryResult(columns, rows)))
    else:
        click.echo(header + "(none: everything linkable is linked)")


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}"


def _review_name(source: str) -> str:
    """A file review's name without the machine's path; other sources as they are."""
    return (
        PurePosixPath(source.removeprefix("file:")).name if source.startswith("file:") else source
    )


def _evidence(review: dict[str, Any]) -> str:
    return "; ".join(f"{e['text']} [{e['start']}-{e['end']}]" for e in review["evidence"])


def _echo_person(name: str, person: PersonReport) -> None:
    qid = person.filmography["person"]["qid"]
    films = [[f["year"], f["title"], _credits(f)] for f in person.filmography["filmography"]]
    click.echo(
        f"\n{name}{f' (Wikidata {qid})' if qid else ''}, filmography:\n"
        + output.table(QueryResult(["year", "title", "credits"], films))
    )
    related = [[e["rank"], e["name"], e["score"], _why(e)] for e in person.related]
    click.echo(
        f"\nPeople related to {name} (shared films, reviews mentioning both):\n"
        + output.table(QueryResult(["rank", "name", "score", "why"], related))
    )
    mentions = [
        [_review_name(r["source"]), _evidence(r)] for r in person.filmography["mentioned_in"]
    ]
    click.echo(
        f"\nReviews mentioning {name}:\n"
        + output.table(QueryResult(["review", "evidence (text [start-end])"], mentions))
    )


def _echo_ending(
    settings: Settings,
    config: DemoConfig,
    where: str,
    graph: GraphReport,
    person: PersonReport,
    exported: tuple[Path, ExportSummary],
) -> None:
    nodes = ", ".join(f"{n} {label}" for label, n in graph.stats["nodes"].items())
    rels = sum(graph.stats["relationships"].values())
    card = person.filmography["person"]
    page = card["qid"] or card["key"]
    prefix = "reelgraph" if settings.store is None else f"reelgraph --store {settings.store}"
    name = _quoted(config.person)
    turtle, summary = exported
    click.echo(
        "\nWhere everything went:\n"
        f"  store   {where}: {nodes}, {rels} relationships\n"
        f"  Turtle  {turtle}: {summary.triples} triples (Wikidata links as owl:sameAs)\n"
        "\nTry next:\n"
        f"  {prefix} serve    # then open http://127.0.0.1:8000/person/{page}\n"
        f"  {prefix} filmography {name}\n"
        f"  {prefix} related {name}\n"
        f"  {prefix} query co_stars -p person={name} -p limit=10    # reelgraph queries lists all\n"
        f"  {prefix} cypher "
        '"MATCH (n) WHERE n.qid IS NOT NULL RETURN n.key AS node, n.qid AS qid ORDER BY node"'
    )


def _quoted(text: str) -> str:
    return f'"{text}"' if any(c in text for c in " '\"$`\\") else text
