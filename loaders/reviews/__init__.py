"""The review loader: film reviews (German, English) -> Review nodes, mentions, credits.

read_reviews(paths)            RawReview per input review (files, dirs, JSONL, aclImdb)
extract(review, gazetteer)     Extraction: reviewed film, people, characters, films, spans
to_records(ex, review, gaz)    graph.model records (never touches a store)
load_reviews(paths, gaz, …)    all of the above, streaming, optionally on several cores
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from graph.model import Edge, Node
from loaders.common import ErrorHandler, raise_error
from loaders.reviews.extract import EXTRACTOR, Extraction, extract
from loaders.reviews.gazetteer import Gazetteer
from loaders.reviews.inputs import FilmHint, InputStats, RawReview, read_reviews
from loaders.reviews.resolve import to_records

Record = Node | Edge
_WORKER_GAZETTEER: Gazetteer | None = None


def prepare(review: RawReview, language: str | None, film: FilmHint | None) -> RawReview:
    """Apply command-line overrides: a fixed language, the film all inputs review."""
    if language is not None:
        review = replace(review, language=language)
    if film is not None:
        review = replace(review, film=film)
    return review


def review_records(review: RawReview, gazetteer: Gazetteer) -> list[Record]:
    return list(to_records(extract(review, gazetteer), review, gazetteer))


def _work(review: RawReview) -> list[Record]:
    assert _WORKER_GAZETTEER is not None
    return review_records(review, _WORKER_GAZETTEER)


def load_reviews(
    paths: Iterable[Path],
    gazetteer: Gazetteer,
    *,
    language: str | None = None,
    film: FilmHint | None = None,
    on_error: ErrorHandler = raise_error,
    stats: InputStats | None = None,
    jobs: int = 1,
) -> Iterator[Record]:
    """Records of every review under ``paths``; ``jobs > 1`` extracts in forked workers."""
    gazetteer.build()
    reviews = (
        prepare(r, language, film) for r in read_reviews(paths, on_error=on_error, stats=stats)
    )
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for review in reviews:
            yield from review_records(review, gazetteer)
        return
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = gazetteer  # inherited by the forked workers, not pickled
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        # A window at a time: results never pile up when the store writes slower.
        while window := list(itertools.islice(reviews, 512 * jobs)):
            for records in pool.imap(_work, window, chunksize=32):
                yield from records


def extract_reviews(
    paths: Iterable[Path],
    gazetteer: Gazetteer,
    *,
    language: str | None = None,
    film: FilmHint | None = None,
    on_error: ErrorHandler = raise_error,
) -> Iterator[Extraction]:
    gazetteer.build()
    for review in read_reviews(paths, on_error=on_error):
        yield extract(prepare(review, language, film), gazetteer)


__all__ = [
    "EXTRACTOR",
    "Extraction",
    "FilmHint",
    "Gazetteer",
    "InputStats",
    "RawReview",
    "extract",
    "extract_reviews",
    "load_reviews",
    "read_reviews",
    "to_records",
]
