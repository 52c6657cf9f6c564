"""A seeded synthetic film graph for the query benchmark (bench/query_speed.py).

Defaults: 700,000 persons, 300,000 films, 20,000 reviews (1,020,000 nodes) and
about 5.1 million relationships: 4,000,000 ACTED_IN (billing order, 1-2 roles),
330,000 DIRECTED, 400,000 WROTE, 300,000 PRODUCED, 20,000 REVIEWS and about
60,000 MENTIONS with evidence. People are drawn with Zipf-like weights
``1 / (rank + 300)``, so a few people appear in well over a thousand films and
most in one or two; reviews favour popular films. Names are built from
syllables (with a few diacritics), so most full names are rare and some are
shared by several people, as in real data.

Records are built with ``model_construct`` (no validation): they are valid by
construction, and validating five million records would time the generator,
not the store.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from graph.model import (
    ActedIn,
    Directed,
    Edge,
    Evidence,
    Film,
    Mentions,
    Node,
    Person,
    Produced,
    Review,
    Reviews,
    Wrote,
)

SOURCE = ["bench:synthetic"]
_ONSETS = [
    "b",
    "ch",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "y",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "é", "ö", "ae", "io", "ou"]
_WORDS = [
    "Red",
    "Night",
    "Last",
    "City",
    "River",
    "Silent",
    "Golden",
    "Lost",
    "Iron",
    "Summer",
    "Glass",
    "Wild",
    "Blue",
    "Dark",
    "Winter",
    "Paper",
    "Stone",
    "Salt",
    "Mirror",
    "Echo",
]


@dataclass(frozen=True)
class Size:
    persons: int = 700_000
    films: int = 300_000
    reviews: int = 20_000
    acted: int = 4_000_000
    directed: int = 330_000
    wrote: int = 400_000
    produced: int = 300_000
    seed: int = 7

    def scaled(self, factor: float) -> Size:
        def s(n: int) -> int:
            return max(1, int(n * factor))

        return Size(
            s(self.persons),
            s(self.films),
            s(self.reviews),
            s(self.acted),
            s(self.directed),
            s(self.wrote),
            s(self.produced),
            self.seed,
        )


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)).title()


def person_key(index: int) -> str:
    return f"person:imdb:nm{index + 1:07d}"


def film_key(index: int) -> str:
    return f"film:imdb:tt{index + 1:07d}"


def film_year(index: int, size: Size) -> int:
    """Years rise with the film index, so recent years hold more films."""
    return 1920 + int(104 * (index / size.films) ** 0.6)


def nodes(size: Size) -> Iterator[Node]:
    rng = random.Random(size.seed)
    firsts = sorted({_word(rng, rng.choice((1, 2))) for _ in range(400)})
    lasts = sorted({_word(rng, rng.choice((2, 3))) for _ in range(6000)})
    for i in range(size.persons):
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        if rng.random() < 0.05:
            name = (
                name.replace(" ", "-", 1) if rng.random() < 0.5 else f"{name} {rng.choice(lasts)}"
            )
        yield Person.model_construct(
            key=person_key(i),
            name=name,
            aliases=[],
            birth_year=rng.randint(1900, 2005),
            imdb=f"nm{i + 1:07d}",
            qid=None,
            tmdb=None,
            link_score=None,
            link_reason=None,
            sources=SOURCE,
        )
    for i in range(size.films):
        title = f"{rng.choice(_WORDS)} {_word(rng, 2)} {i}"
        yield Film.model_construct(
            key=film_key(i),
            title=title,
            original_title=None,
            year=film_year(i, size),
            title_type="movie",
            aliases=[],
            imdb=f"tt{i + 1:07d}",
            qid=None,
            tmdb=None,
            link_score=None,
            link_reason=None,
            sources=SOURCE,
        )


def _cum(n: int, offset: int, seed: int) -> tuple[list[float], list[int]]:
    """Cumulative Zipf-like weights and a shuffled rank -> person mapping."""
    people = list(range(n))
    random.Random(seed).shuffle(people)
    return list(itertools.accumulate(1 / (r + offset) for r in range(n))), people


def _draw(rng: random.Random, cum: tuple[list[float], list[int]], k: int) -> list[int]:
    weights, people = cum
    chosen: dict[int, None] = {}
    while len(chosen) < k:
        ranks = rng.choices(range(len(weights)), cum_weights=weights, k=k)
        chosen.update(dict.fromkeys(people[r] for r in ranks))
    return list(chosen)[:k]


def _share(total: int, films: int, f: int) -> int:
    return total // films + (f < total % films)


def edges(size: Size) -> Iterator[Edge]:
    """Per film: cast, directors, writers, producers; then the reviews' edges."""
    rng = random.Random(size.seed + 1)
    actors = _cum(size.persons, 300, size.seed + 2)
    crew = _cum(size.persons, 60, size.seed + 3)
    reviewed = set(_draw(rng, _cum(size.films, 50, size.seed + 4), size.reviews // 4))
    casts: dict[int, list[int]] = {}
    for f in range(size.films):
        to = film_key(f)
        cast = _draw(rng, actors, _share(size.acted, size.films, f))
        if f in reviewed:
            casts[f] = cast[:5]
        for order, p in enumerate(cast, start=1):
            roles = [f"{_word(rng, 2)} {_word(rng, 2)}" for _ in range(rng.choice((1, 1, 1, 2)))]
            yield ActedIn.model_construct(
                from_key=person_key(p),
                to_key=to,
                roles=roles,
                ordering=order,
                jobs=[],
                sources=SOURCE,
                confidence=None,
                evidence=[],
            )
        for kind, total in (
            (Directed, size.directed),
            (Wrote, size.wrote),
            (Produced, size.produced),
        ):
            for order, p in enumerate(_draw(rng, crew, _share(total, size.films, f)), start=1):
                yield kind.model_construct(
                    from_key=person_key(p),
                    to_key=to,
                    ordering=order,
                    jobs=[],
                    sources=SOURCE,
                    confidence=None,
                    evidence=[],
                )
    yield from _review_edges(rng, size, casts)


def reviews(size: Size) -> Iterator[Node]:
    for r in range(size.reviews):
        yield Review.model_construct(
            key=f"review:bench{r:011d}",
            source=f"bench/review-{r}",
            language="en",
            author=None,
            date=None,
            text="synthetic",
            sources=SOURCE,
        )


def _review_edges(rng: random.Random, size: Size, casts: dict[int, list[int]]) -> Iterator[Edge]:
    films = sorted(casts)
    for r in range(size.reviews):
        review = f"review:bench{r:011d}"
        film = rng.choice(films)
        yield Reviews.model_construct(
            from_key=review, to_key=film_key(film), sources=SOURCE, confidence=None, evidence=[]
        )
        targets = [film_key(film)] + [person_key(p) for p in rng.sample(casts[film], 2)]
        for start, target in enumerate(targets):
            span = Evidence.model_construct(
                source=review,
                start=start * 10,
                end=start * 10 + 5,
                text="name",
                extractor="bench/1",
                confidence=0.9,
            )
            yield Mentions.model_construct(
                from_key=review, to_key=target, sources=SOURCE, confidence=0.9, evidence=[span]
            )
