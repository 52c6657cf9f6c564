"""Convert a real embedded store written before evidence became one value, and check it.

    .venv/bin/python bench/legacy_conversion.py OLD_STORE

``OLD_STORE`` is an embedded store with the six ``ev_*`` lists on its relationships (an
older reelgraph wrote it, e.g. commit 3bcb7c7 after ``load records`` and ``load reviews``
of the aclImdb tarball). The bench copies it, opens the copy for writing (which
converts it: graph/stores/legacy_evidence.py) and prints the seconds that took; then it
reads every relationship of the original and of the converted copy twice, once from
the from side and once from the to side (each node looked up by key, then its
adjacency followed), and compares endpoints, properties and spans. A bulk ``SET`` of relationship
properties, the first way of converting, re-pointed edges in exactly this comparison
(12 of 104,420 on the aclImdb store), which small stores in the tests never showed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import evidence, schema
from graph.stores.embedded import EmbeddedStore

Edges = dict[tuple[str, str, str], dict[str, Any]]
KEYS_PER_QUERY = 5_000


def edges(path: Path, *, backward: bool) -> Edges:
    """Every relationship: (type, from key, to key) -> its properties with the spans as
    tuples (from the lists or the value), reached from one side."""
    conn = ladybug.Connection(ladybug.Database(str(path), read_only=True))
    found: Edges = {}
    for rel, spec in schema.RELS.items():
        for a, b in spec.endpoints:
            start = b if backward else a
            step = f"<-[r:{rel}]-(x:{a})" if backward else f"-[r:{rel}]->(x:{b})"
            keys = [row[0] for row in conn.execute(f"MATCH (y:{start}) RETURN y.key").get_all()]
            text = f"LOAD FROM $batch MATCH (y:{start}) WHERE y.key = k MATCH (y){step} "
            text += "RETURN y.key, x.key, r"
            for i in range(0, len(keys), KEYS_PER_QUERY):
                batch = pa.table({"k": keys[i : i + KEYS_PER_QUERY]})
                for near, far, edge in conn.execute(text, {"batch": batch}).get_all():
                    pair = (far, near) if backward else (near, far)
                    found[(rel, *pair)] = _comparable(edge)
    return found


def _comparable(edge: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in edge.items() if not k.startswith("_")}
    if evidence.LEGACY_FIELDS[0] in props:
        lists = [props.pop(name) or [] for name in evidence.LEGACY_FIELDS]
        props["evidence"] = list(zip(*lists, strict=True))
    else:
        props["evidence"] = evidence.decode(props["evidence"])
    return props


def differences(before: Edges, after: Edges) -> str:
    missing, extra = before.keys() - after.keys(), after.keys() - before.keys()
    changed = [key for key in before.keys() & after.keys() if before[key] != after[key]]
    spans = sum(1 for key in changed if before[key]["evidence"] != after[key]["evidence"])
    return (
        f"{len(missing)} missing, {len(extra)} extra, {len(changed)} with other properties "
        f"({spans} of them other spans)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old_store", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reelgraph-legacy-") as tmp:
        copy = Path(tmp) / "converted.db"
        shutil.copy(args.old_store, copy)
        started = time.perf_counter()
        EmbeddedStore(copy).close()
        print(f"conversion (writable open): {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        EmbeddedStore(copy).close()
        print(f"next writable open: {time.perf_counter() - started:.2f} s")
        same = True
        for backward in (False, True):
            before = edges(args.old_store, backward=backward)
            after = edges(copy, backward=backward)
            side = "to side" if backward else "from side"
            print(f"{len(before)} edges read from the {side}: {differences(before, after)}")
            same = same and before == after
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
