"""Test helpers for Wikidata linking: a real Oxigraph server and a scripted fault server.

The Oxigraph server holds a Wikidata-shaped subset built by
:mod:`graph.wikidata.fixture` from the real data in ``shared/data/wikidata``:
the first films of the 40k file, every other film sharing a label with one of
them (remakes, same-title films: the hard cases), and their people.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from graph.wikidata import fixture, oxigraph

FIRST_FILMS = 1500


def subset(data: Path) -> list[dict[str, Any]]:
    films = list(fixture.read_films(data))
    first = films[:FIRST_FILMS]
    labels = {f["label"] for f in first if f.get("label")}
    return first + [f for f in films[FIRST_FILMS:] if f.get("label") in labels]


@dataclass
class WikidataServer:
    endpoint: str
    films: list[dict[str, Any]]


@pytest.fixture(scope="session", name="wikidata_server")
def wikidata_server_fixture(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WikidataServer]:
    """``oxigraph serve-read-only`` on a free 127.0.0.1 port, stopped after the session."""
    root = tmp_path_factory.mktemp("wikidata")
    films = subset(shared_data)
    triples = root / "subset.nt"
    with triples.open("w", encoding="utf-8") as out:
        fixture.build(shared_data, out, films=films)
    oxigraph.load(triples, root / "store")
    with oxigraph.serve(root / "store") as endpoint:
        yield WikidataServer(endpoint, films)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b'{"head": {"vars": []}, "results": {"bindings": []}}'
    content_type: str = "application/sparql-results+json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    forward: str | None = None  # pass the request on to this endpoint and relay its answer


def _relay(endpoint: str, body: bytes, headers: Any) -> Reply:
    request = urllib.request.Request(endpoint, data=body, method="POST")
    for name in ("Content-Type", "Accept"):
        if headers.get(name):
            request.add_header(name, headers[name])
    with urllib.request.urlopen(request, timeout=30) as answer:
        return Reply(answer.status, answer.read(), answer.headers.get("Content-Type", ""))


class FaultServer:
    """Answers each request with the next scripted :class:`Reply` (the last one repeats)."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.requests: list[dict[str, str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                owner.requests.append(dict(self.headers.items()))
                index = min(len(owner.requests), len(owner.replies)) - 1
                reply = owner.replies[index]
                time.sleep(reply.delay)
                if reply.forward:
                    reply = _relay(reply.forward, body, self.headers)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
