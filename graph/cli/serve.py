"""``reelgraph serve``: the person/film pages and JSON API (graph.web) on a read-only store."""

from __future__ import annotations

import click

from graph.cli import Settings, cli, pass_settings, store_spec


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@pass_settings
def serve_command(settings: Settings, host: str, port: int) -> None:
    """Serve person and film pages, search and a JSON API (/api/, /openapi.json)."""
    import uvicorn  # imported here: other commands should not pay for the web stack

    from graph.web.app import create_app

    with settings.open(read_only=True) as store:
        where = store_spec(settings.store)
        click.echo(f"reelgraph: serving {where} at http://{host}:{port}/ (Ctrl+C stops)")
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
