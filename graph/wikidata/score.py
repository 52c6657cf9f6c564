"""Scoring candidates and deciding: link, ambiguous, or nothing found.

A score is a weighted sum of features in [0, 1]. A feature that cannot be
judged (the graph has no year, Wikidata lists no director) counts as 0.5, so
missing evidence neither helps nor sinks a candidate, while contrary evidence
(another year, other directors) pulls it down. A candidate is linked only when
it reaches ``min_score`` and leads the runner-up by ``margin``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.keys import normalize

FILM_WEIGHTS = {"title": 0.35, "year": 0.30, "director": 0.20, "cast": 0.15}
PERSON_WEIGHTS = {"name": 0.35, "films": 0.45, "birth": 0.20}
UNKNOWN = 0.5


@dataclass
class Candidate:
    qid: str
    features: dict[str, float | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    born: set[int] = field(default_factory=set)  # P569 years (people)

    def reason(self) -> str:
        return "; ".join(self.notes)


def total(features: dict[str, float | None], weights: dict[str, float]) -> float:
    score = sum(
        w * (UNKNOWN if features.get(f) is None else features[f] or 0.0) for f, w in weights.items()
    )
    return round(min(1.0, max(0.0, score)), 4)


def year_feature(ours: int | None, theirs: Iterable[int]) -> float | None:
    known = list(theirs)
    if ours is None or not known:
        return None
    gap = min(abs(ours - y) for y in known)
    return {0: 1.0, 1: 0.6, 2: 0.2}.get(gap, 0.0)


def overlap_feature(
    ours: list[str], theirs: dict[str, set[str]], saturate: int
) -> tuple[float | None, int]:
    """Share of our names found among a candidate's people (each with its spellings)."""
    wanted = {normalize(n) for n in ours if n.strip()}
    if not wanted or not theirs:
        return None, 0
    matched = sum(1 for spellings in theirs.values() if spellings & wanted)
    need = max(1, min(saturate, len(wanted), len(theirs)))
    return min(1.0, matched / need), matched


def birth_feature(ours: int | None, theirs: Iterable[int]) -> float | None:
    known = list(theirs)
    if ours is None or not known:
        return None
    gap = min(abs(ours - y) for y in known)
    return {0: 1.0, 1: 0.5}.get(gap, 0.0)


def films_feature(ours: int, matched: int) -> float | None:
    if ours == 0:
        return None
    if matched == 0:
        return 0.0
    return 1.0 if matched >= 2 or ours == 1 else 0.8


@dataclass
class Choice:
    status: str  # linked | ambiguous | no-candidate
    best: Candidate | None
    ranked: list[Candidate]
    why: str = ""  # for ambiguous: below the threshold, or too close to the runner-up


def choose(candidates: list[Candidate], min_score: float, margin: float) -> Choice:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.qid))
    if not ranked:
        return Choice("no-candidate", None, [])
    best = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if best.score < min_score:
        return Choice("ambiguous", best, ranked, f"best {best.score:.2f} < min-score {min_score}")
    if best.score - runner_up < margin:
        why = f"best leads runner-up by {best.score - runner_up:.2f} < margin {margin}"
        return Choice("ambiguous", best, ranked, why)
    return Choice("linked", best, ranked)
