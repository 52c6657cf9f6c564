"""How long a cold `reelgraph demo` takes (target: under a minute on this machine).

    python bench/demo_speed.py [--runs 3] [--store bolt://…]

Each run is a new process (``reelgraph`` beside this Python) on a store path that does not
exist yet, in a fresh temporary directory: imports, store creation, the four stages and the
report, as a user's first command. stdout is read line by line, so the figures include when
each stage line appeared. With ``--store URI`` the runs go to that Neo4j server (not emptied
first: runs after the first find the graph there and write nothing new).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REELGRAPH = Path(sys.executable).parent / "reelgraph"
TARGET_SECONDS = 60.0


def one_run(store: str | None, workdir: Path) -> tuple[float, list[tuple[float, str]]]:
    """Wall seconds of one demo and (seconds, line) for each stage line."""
    spec = store or str(workdir / "demo.db")
    command = [str(REELGRAPH), "--store", spec, "demo", "--turtle", str(workdir / "demo.ttl")]
    start = time.perf_counter()
    stages: list[tuple[float, str]] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=workdir
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        for line in process.stdout:
            if line.startswith("["):
                stages.append((time.perf_counter() - start, line.split(":", 1)[0]))
        errors = process.stderr.read()
    elapsed = time.perf_counter() - start
    if process.returncode != 0 or errors:
        raise SystemExit(f"demo failed (exit {process.returncode}): {errors.strip()}")
    return elapsed, stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", help="a Neo4j URI; default: a new embedded store per run")
    args = parser.parse_args()
    times = []
    for number in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="reelgraph-demo-speed-") as tmp:
            elapsed, stages = one_run(args.store, Path(tmp))
        times.append(elapsed)
        marks = ", ".join(f"{name} at {at:.2f} s" for at, name in stages)
        print(f"run {number}: {elapsed:.2f} s ({marks})")
    verdict = "under" if max(times) < TARGET_SECONDS else "NOT under"
    print(
        f"cold `reelgraph demo` ({args.store or 'embedded, fresh store'}): "
        f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"over {len(times)} runs; {verdict} the {TARGET_SECONDS:.0f} s target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
