"""What computing related people costs by career length: a guide for `precompute --min-films`.

    python bench/related_cost.py --store PATH|URI [--people 5] [--repeats 3]

For people at several film counts (the ones nearest 50, 100, 300, 1,000 films and the
most prolific), times ``graph.pages.related_people(..., precomputed=False)`` for a
person page's top 20 (computed, as without ``reelgraph precompute``), each person
``--repeats`` times after one warm-up call; prints the median per band. Then the same
with the stored answer where there is one (``precomputed=True``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import pages
from graph.stores import Store, open_store

BANDS = (50, 100, 300, 1000)
LIMIT = 20


def _ms(store: Store, person: str, repeats: int, precomputed: bool) -> float:
    span = pages.credit_span(store, person)
    pages.related_people(store, person, LIMIT, span, precomputed=precomputed)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        pages.related_people(store, person, LIMIT, span, precomputed=precomputed)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--people", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print("$ python bench/related_cost.py " + " ".join(sys.argv[1:]), flush=True)
    with open_store(args.store, read_only=True) as store:
        rows = store.named("prolific_people", {"min_films": min(BANDS)}).rows
        films = {person: n for person, n in rows}
        ranked = sorted(films, key=lambda p: (films[p], p))
        groups = {
            f"~{band} films": sorted(ranked, key=lambda p: (abs(films[p] - band), p))[: args.people]
            for band in BANDS
        }
        groups["most prolific"] = ranked[-args.people :]
        for label, people in groups.items():
            counts = sorted(films[p] for p in people)
            computed = [_ms(store, p, args.repeats, False) for p in people]
            stored = [_ms(store, p, args.repeats, True) for p in people]
            print(
                f"{label:>14} ({counts[0]}-{counts[-1]} films): computed median "
                f"{statistics.median(computed):.1f} ms, max {max(computed):.1f} ms; "
                f"as pages read it {statistics.median(stored):.1f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
