"""The review loader: film reviews (German, English) -> Review nodes, mentions, credits.

read_reviews(paths)            RawReview per input review (files, dirs, JSONL, aclImdb)
extract(review, gazetteer)     Extraction: reviewed film, people, characters, films, spans
to_records(ex, review, gaz)    graph.model records (never touches a store)
load_reviews(paths, gaz, …)    all of the above, streaming, optionally on several cores
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from loaders.common import ErrorHandler, raise_error
from loaders.reviews.extract import EXTRACTOR, Extraction, extract
from loaders.reviews.gazetteer import Gazetteer
from loaders.reviews.inputs import FilmHint, InputStats, RawReview, read_reviews
from loaders.reviews.parallel import CHUNK, Record, fork_available, parallel_map
from loaders.reviews.resolve import to_records


def prepare(review: RawReview, language: str | None, film: FilmHint | None) -> RawReview:
    """Apply command-line overrides: a fixed language, the film all inputs review."""
    if language is not None:
        review = replace(review, language=language)
    if film is not None:
        review = replace(review, film=film)
    return review


def review_records(review: RawReview, gazetteer: Gazetteer) -> list[Record]:
    return list(to_records(extract(review, gazetteer), review, gazetteer))


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
    """Records of every review under ``paths``, in input order.

    ``jobs > 1`` extracts in forked workers (see :mod:`loaders.reviews.parallel`)
    once the input turns out to hold more than one chunk of reviews: for fewer,
    starting processes costs more than it saves."""
    gazetteer.build()
    reviews: Iterator[RawReview] = (
        prepare(r, language, film) for r in read_reviews(paths, on_error=on_error, stats=stats)
    )
    first = list(itertools.islice(reviews, CHUNK + 1)) if jobs > 1 else []
    reviews = itertools.chain(first, reviews)
    if len(first) <= CHUNK or not fork_available():
        for review in reviews:
            yield from review_records(review, gazetteer)
        return
    yield from parallel_map(partial(review_records, gazetteer=gazetteer), reviews, jobs)


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
