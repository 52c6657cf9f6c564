"""``reelgraph serve``: the person/film pages and JSON API (graph.web) on a read-only store."""

from __future__ import annotations

import os

import click

from graph import precompute
from graph.cli import Settings, cli, output, pass_settings, store_spec


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes, each with its own read-only store handle (e.g. one per core).",
)
@pass_settings
def serve_command(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve person and film pages, search and a JSON API (/api/, /openapi.json)."""
    import uvicorn  # imported here: other commands should not pay for the web stack

    from graph.web.app import STORE_ENV, create_app

    with settings.open(read_only=True) as store:  # also checks the store before any worker
        where = store_spec(settings.store)
        stale = precompute.state(store).stale
        if stale:
            click.echo(
                f"Warning: the precomputed related people of {output.people(stale)} are "
                "out of date (the graph changed since): their pages compute them, more "
                "slowly, until you run `reelgraph precompute`",
                err=True,
            )
        click.echo(
            f"reelgraph: serving {where} at http://{host}:{port}/ "
            f"with {workers} worker{'s' if workers > 1 else ''} (Ctrl+C stops)"
        )
        if workers == 1:
            uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
            return
    # Each worker process opens the store itself (graph.web.app.app_from_env): a
    # LadybugDB database opens read-only in several processes at once.
    os.environ[STORE_ENV] = settings.store or ""
    os.environ[STORE_ENV + "_DATABASE"] = settings.database or ""
    uvicorn.run(
        "graph.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http="graph.web.nodelay:NoDelayH11Protocol",
        log_level="warning",
    )
