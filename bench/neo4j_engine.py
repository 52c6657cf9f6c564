"""The Neo4j server's own ceiling for loading relationships through Bolt, without reelgraph.

    python bench/neo4j_engine.py [--rels 300000] [--batch 10000]   # NEO4J_URI/PASSWORD set

Issue 2 asks the Neo4j store for >= 50,000 relationships/s. This sends ready
parameter lists (no records, no merging, no lookups of existing edges) of
300,000 ACTED_IN between 100,000 + 20,000 nodes, one ``UNWIND $rows … CREATE``
transaction per batch, as the store's create path does, with the properties
reelgraph sends for a typical credit (roles, ordering, sources; empty lists and
nulls are not sent), and with none. It EMPTIES the database first: point it at
a scratch server (e.g. ``.ci/neo4j.sh start /tmp/neo4j-bench``).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from typing import Any

import neo4j

SETUP = [
    "CREATE CONSTRAINT bench_person IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT bench_film IF NOT EXISTS FOR (n:Film) REQUIRE n.key IS UNIQUE",
]
NODES = "UNWIND $keys AS k CREATE (:{label} {{key: k}})"
CREATE = (
    "UNWIND $rows AS row MATCH (a:Person {key: row.from}) MATCH (b:Film {key: row.to}) "
    "CREATE (a)-[r:ACTED_IN]->(b) SET r = row.props"
)


def _wipe(driver: neo4j.Driver) -> None:
    with driver.session() as session:  # CALL … IN TRANSACTIONS needs an implicit transaction
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def run(driver: neo4j.Driver, rels: int, batch: int, with_props: bool) -> float:
    _wipe(driver)
    for statement in SETUP:
        driver.execute_query(statement)
    for label, count, prefix in (("Person", 100_000, "p"), ("Film", 20_000, "f")):
        keys = [f"{prefix}{i}" for i in range(count)]
        for i in range(0, count, 20_000):
            driver.execute_query(NODES.format(label=label), keys=keys[i : i + 20_000])
    rng = random.Random(7)
    rows: list[dict[str, Any]] = []
    for i in range(rels):
        props = {"roles": ["Agent Kim"], "ordering": i % 20, "sources": ["imdb"]}
        rows.append(
            {
                "from": f"p{rng.randrange(100_000)}",
                "to": f"f{rng.randrange(20_000)}",
                "props": props if with_props else {},
            }
        )
    start = time.perf_counter()
    with driver.session() as session:
        for i in range(0, rels, batch):
            chunk = rows[i : i + batch]
            session.execute_write(lambda tx, c=chunk: tx.run(CREATE, rows=c).consume())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rels", type=int, default=300_000)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
    with neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
        print(f"{args.rels:,} relationships, {args.batch:,} per transaction")
        for with_props in (False, True):
            seconds = run(driver, args.rels, args.batch, with_props)
            name = "roles, ordering, sources" if with_props else "none"
            print(f"properties: {name:<26} {seconds:6.2f} s {args.rels / seconds:>9,.0f} rels/s")
        _wipe(driver)


if __name__ == "__main__":
    main()
