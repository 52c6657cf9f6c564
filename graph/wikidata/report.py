"""The CSV report of a link run: every decision, its score, reason and candidates."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.errors import ReelgraphError
from graph.wikidata.linker import LinkReport

COLUMNS = ("kind", "key", "name", "status", "qid", "score", "reason", "candidates")


def write_csv(report: LinkReport, path: Path) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for d in report.decisions:
                candidates = " ".join(f"{q}:{s:.2f}" for q, s in d.candidates)
                score = "" if d.score is None else f"{d.score:.2f}"
                writer.writerow(
                    [d.label, d.key, d.name, d.status, d.qid or "", score, d.reason, candidates]
                )
    except OSError as exc:
        raise ReelgraphError(f"cannot write the report {path}: {exc}") from exc
