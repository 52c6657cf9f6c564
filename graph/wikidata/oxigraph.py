"""Run a local Oxigraph SPARQL server (the ``oxigraph`` CLI from PyPI) for tests and benches.

``load`` fills a store directory from an N-Triples file; ``serve`` starts
``oxigraph serve-read-only`` on a free 127.0.0.1 port, waits until it answers,
yields the query endpoint URL and stops the server on exit.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import ReelgraphError


def binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ReelgraphError("the oxigraph CLI is not installed: pip install -e '.[test]'")
    return found


def load(triples: Path, location: Path) -> None:
    done = subprocess.run(
        [binary(), "load", "--location", str(location), "--file", str(triples)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ReelgraphError(f"oxigraph load {triples} failed: {done.stderr.strip()[-500:]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(endpoint: str) -> bool:
    url = endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serve(location: Path, *, startup: float = 30.0) -> Iterator[str]:
    """A read-only server over ``location``; yields its SPARQL query endpoint."""
    port = free_port()
    process = subprocess.Popen(
        [binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + startup
        while not _answers(endpoint):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                raise ReelgraphError(f"oxigraph did not start on port {port}: {err[-500:]}")
            time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
