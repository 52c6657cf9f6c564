"""Run a local Oxigraph SPARQL server (the ``oxigraph`` CLI from PyPI).

``reelgraph demo`` links through one over its bundled Wikidata slice; tests and
benches use it as a stand-in for the Wikidata Query Service.

``load`` fills a store directory from N-Triples files; ``serve`` starts
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
        raise ReelgraphError(
            "the oxigraph CLI is not installed (it comes with reelgraph: pip install .)"
        )
    return found


def load(triples: Path | list[Path], location: Path) -> None:
    files = [triples] if isinstance(triples, Path) else triples
    names = " ".join(str(f) for f in files)
    try:
        done = subprocess.run(
            [binary(), "load", "--location", str(location), "--file", *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:  # not executable, vanished, wrong architecture …
        raise ReelgraphError(f"cannot run oxigraph: {exc}") from exc
    if done.returncode != 0:
        raise ReelgraphError(f"oxigraph load {names} failed: {done.stderr.strip()[-500:]}")


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
    command = [binary(), "serve-read-only", "--location", str(location)]
    try:
        process = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise ReelgraphError(f"cannot run oxigraph: {exc}") from exc
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + startup
        while not _answers(endpoint):
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:  # hung: stop it, or reading its stderr blocks
                    process.kill()
                err = process.stderr.read().decode() if process.stderr else ""
                raise ReelgraphError(f"oxigraph did not start on port {port}: {err.strip()[-500:]}")
            time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
