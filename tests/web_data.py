"""A store for the web tests: the bundled demo records plus a review holding HTML and script."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from graph import keys
from graph.demo import sample_records_path
from graph.stores.base import Store
from graph.stores.embedded import EmbeddedStore
from loaders.records import read_records

PERSON = "person:name:jeon-jong-seo"
FILM = "film:title:ballerina:2023"
OTHER_FILM = "film:wd:Q27964354"
SOURCE = "https://reviews.example/hostile"
REVIEW = keys.review_key(SOURCE)
NAME = "Jeon Jong-seo"
SCRIPT = "<script>alert(1)</script>"
TEXT = f"{NAME} is <b>fierce</b> here {SCRIPT} & better than in Burning."
SPAN = (0, len(NAME))


def hostile_records() -> list[dict[str, object]]:
    """A review (records format) whose text holds HTML and a script, mentioning a person."""
    ev = {"source": REVIEW, "extractor": "test/1", "confidence": 0.9}
    burning = TEXT.index("Burning")
    return [
        {
            "type": "Review",
            "source": SOURCE,
            "language": "en",
            "author": "<i>anon</i>",
            "date": "2024-01-02",
            "text": TEXT,
            "sources": ["test"],
        },
        {"type": "REVIEWS", "from": REVIEW, "to": FILM, "sources": ["test"]},
        {
            "type": "MENTIONS",
            "from": REVIEW,
            "to": PERSON,
            "sources": ["test"],
            "evidence": [{**ev, "start": SPAN[0], "end": SPAN[1], "text": NAME}],
        },
        {
            "type": "MENTIONS",
            "from": REVIEW,
            "to": OTHER_FILM,
            "sources": ["test"],
            "evidence": [{**ev, "start": burning, "end": burning + 7, "text": "Burning"}],
        },
    ]


def fill(store: Store, tmp: Path) -> None:
    extra = tmp / "hostile-review.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in hostile_records()) + "\n", "utf-8")
    store.write(read_records(sample_records_path()))
    store.write(read_records(extra))


def filled_store(folder: Path) -> Path:
    """A new embedded store in ``folder`` holding the sample and hostile records; its path."""
    path = folder / "graph.db"
    with EmbeddedStore(path) as store:
        fill(store, folder)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(store: Path | str, *options: str, output: list[str] | None = None) -> Iterator[str]:
    """``reelgraph serve [options]`` on a free 127.0.0.1 port in a subprocess; yields its URL.

    ``output``, when given, receives what the server printed once it has stopped."""
    port = free_port()
    reelgraph = Path(sys.executable).parent / "reelgraph"
    command = [str(reelgraph), "--store", str(store), "serve", "--port", str(port), *options]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read() if proc.stdout else ""
                    raise RuntimeError(f"reelgraph serve did not start: {output}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if output is not None and proc.stdout:
            output.append(proc.stdout.read())
