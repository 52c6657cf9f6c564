"""CPU time of review extraction on one core, best of several passes: for A/B comparisons.

    .venv/bin/python bench/reviews_extract_cpu.py [--reviews 6000] [--passes 3]

The first ``--reviews`` aclImdb reviews, read once, are extracted into records
(``review_records``, with the 1M-name gazetteer of ``reviews_speed.py``) ``--passes``
times after a warm-up of 300; the fastest pass is printed. One pass over the whole
corpus (``reviews_breakdown.py``) varies by a tenth from run to run on this machine,
as much as a change worth measuring; the best of repeated passes over the same texts
varies far less. Run the old and the new code alternately, in one hour.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reviews_speed

from loaders.reviews import read_reviews, review_records

WARM_UP = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--reviews", type=int, default=6000)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    gazetteer, _ = reviews_speed.build_gazetteer(1_000_000)
    reviews = list(itertools.islice(read_reviews([reviews_speed.TARBALL]), args.reviews))
    gc.disable()  # as in the parallel load's workers
    for review in reviews[:WARM_UP]:
        review_records(review, gazetteer)
    measured = reviews[WARM_UP:]
    best = float("inf")
    for _ in range(args.passes):
        started = time.process_time()
        for review in measured:
            review_records(review, gazetteer)
        best = min(best, time.process_time() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"extraction of {len(measured):,} reviews on one core: best of {args.passes} passes "
        f"{best:.2f} s CPU ({1000 * best / len(measured):.3f} ms per review); "
        f"peak RSS {peak:,.0f} MB"
    )


if __name__ == "__main__":
    main()
