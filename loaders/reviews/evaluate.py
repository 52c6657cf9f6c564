"""Scoring extraction against gold files (``../shared/reviews/dev/*.json`` shape).

Names compare folded (case, diacritics, hyphens), gold ``aliases`` count, list
order is ignored. Per category: true positives, false positives, false
negatives summed over all reviews (micro average), then P/R/F1.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import BadInputError
from loaders.reviews.gazetteer import fold_name
from loaders.reviews.inputs import RawReview, decode

CATEGORIES = ("people", "characters", "roles", "other_films", "mentioned_films", "reviewed_film")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    reviews: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[list[Any]]:
        return [
            [name, c.tp, c.fp, c.fn, round(c.precision, 3), round(c.recall, 3), round(c.f1, 3)]
            for name, c in self.counts.items()
        ]


@dataclass(frozen=True)
class GoldReview:
    path: Path
    review: RawReview
    gold: dict[str, Any]
    title_in_text: bool


def read_gold(directory: Path) -> Iterator[GoldReview]:
    """The gold files of a directory, in name order."""
    paths = sorted(directory.glob("*.json")) if directory.is_dir() else [directory]
    if not paths:
        raise BadInputError("no *.json gold files here", path=str(directory))
    for path in paths:
        try:
            data = json.loads(decode(path.read_bytes(), str(path)))
            review = RawReview(
                source=data.get("source_url") or f"file:{path.resolve()}",
                text=data["text"],
                language=data.get("language"),
                url=data.get("source_url"),
            )
            meta = data.get("meta", {})
            yield GoldReview(path, review, data["gold"], meta.get("film_title_in_text", True))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BadInputError(f"not a gold file: {exc}", path=str(path)) from exc


def _names(person: dict[str, Any]) -> set[str]:
    return {fold_name(n) for n in [person["name"], *(person.get("aliases") or [])]}


def _match_people(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[int, int]:
    """Predicted person index -> gold person index."""
    out: dict[int, int] = {}
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if _names(p) & _names(g) and j not in out.values():
                out[i] = j
                break
    return out


def _add(counts: Counts, gold: set[Any], pred: set[Any]) -> None:
    counts.tp += len(gold & pred)
    counts.fp += len(pred - gold)
    counts.fn += len(gold - pred)


def score_review(report: Report, item: GoldReview, pred: dict[str, Any]) -> None:
    gold, c = item.gold, report.counts
    gp, pp = gold.get("people", []), pred.get("people", [])
    match = _match_people(gp, pp)

    def who(i: int) -> str:
        return f"g{match[i]}" if i in match else "p:" + fold_name(pp[i]["name"])

    _add(c["people"], {f"g{j}" for j in range(len(gp))}, {who(i) for i in range(len(pp))})
    _add(
        c["characters"],
        {(f"g{j}", fold_name(g["character"])) for j, g in enumerate(gp) if g.get("character")},
        {(who(i), fold_name(p["character"])) for i, p in enumerate(pp) if p.get("character")},
    )
    _add(
        c["roles"],
        {(f"g{j}", r) for j, g in enumerate(gp) for r in g.get("roles", [])},
        {(who(i), r) for i, p in enumerate(pp) for r in p.get("roles", [])},
    )
    _add(
        c["other_films"],
        {(f"g{j}", fold_name(f)) for j, g in enumerate(gp) for f in g.get("other_films", [])},
        {(who(i), fold_name(f)) for i, p in enumerate(pp) for f in p.get("other_films", [])},
    )
    _add(
        c["mentioned_films"],
        {fold_name(f) for f in gold.get("mentioned_films", [])},
        {fold_name(f) for f in pred.get("mentioned_films", [])},
    )
    title = (pred.get("film") or {}).get("title")
    ok = title is not None and fold_name(title) == fold_name(gold["film"]["title"])
    if item.title_in_text:
        c["reviewed_film"].tp += ok
        c["reviewed_film"].fn += not ok
        c["reviewed_film"].fp += title is not None and not ok
    report.reviews.append({"file": item.path.name, "film": title, "film_ok": ok})


def evaluate(items: Iterator[GoldReview], predict: Callable[[RawReview], dict[str, Any]]) -> Report:
    report = Report()
    for item in items:
        score_review(report, item, predict(item.review))
    return report
