"""Files for ``neo4j-admin database import full`` from a record stream (first load only).

For the first load of a very large dataset into an EMPTY Neo4j database,
``neo4j-admin database import`` writes the store files directly, far faster
than any transactional path. :class:`BulkWriter` consumes the same records the
loaders yield and writes, per label and per relationship type and endpoint
pair, one CSV file with a neo4j-admin header::

    key:ID(Film),title:string,year:long,aliases:string[],…,:LABEL
    :START_ID(Person),:END_ID(Film),:TYPE,roles:string[],ordering:long,…

ID spaces are the node labels; the ``key`` is the ID and also stored as the
``key`` property, so the store can keep loading into the result. Arrays use
``;`` between elements (a ``;`` inside an element becomes ``,``).

What it does and does not do, compared with ``Store.write``:

- a node key seen again is skipped (the first record of a node wins; later
  records do not merge into it), an edge (type, from, to) seen again likewise;
- edge ends are matched by key as given: records must name the same key the
  node was written under (true within one source: IMDb edges name
  ``film:imdb:…`` and the films carry ``imdb``); an end with no node gets a
  placeholder node, as the store does;
- no cross-source joining by shared ids.

So: bulk-import one large source into an empty database, then run the normal
``reelgraph load …`` commands on top; they merge by the usual policy. Memory:
the set of node keys written and a set of 64-bit edge hashes (about 60 and 50
bytes per entry).
"""

from __future__ import annotations

import csv
import hashlib
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph import keys, schema
from graph.model import Edge, Node, is_node

_TYPES = {
    "str": "string",
    "int": "long",
    "float": "double",
    "str[]": "string[]",
    "int[]": "long[]",
    "float[]": "double[]",
}
ARRAY_DELIMITER = ";"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, ",") for v in value)
    return value


def _edge_hash(rel: str, start: str, end: str) -> int:
    digest = hashlib.blake2b(f"{rel}\0{start}\0{end}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@dataclass
class BulkReport:
    """What was written, and the command that imports it."""

    directory: Path
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    placeholders: dict[str, int] = field(default_factory=dict)
    skipped_duplicates: int = 0
    node_files: list[tuple[str, Path]] = field(default_factory=list)
    relationship_files: list[tuple[str, Path]] = field(default_factory=list)
    multiline: bool = False

    def arguments(self, database: str = "neo4j", report_file: Path | None = None) -> list[str]:
        """The arguments after ``neo4j-admin`` (absolute paths)."""
        args = ["database", "import", "full", "--overwrite-destination=true"]
        args += [f"--nodes={path.resolve()}" for _label, path in self.node_files]
        args += [f"--relationships={path.resolve()}" for _rel, path in self.relationship_files]
        args += [f"--array-delimiter={ARRAY_DELIMITER}", "--id-type=string"]
        if self.multiline:
            args.append("--multiline-fields=true")
        report = report_file or self.directory / "import.report"
        args.append(f"--report-file={report.resolve()}")
        return [*args, database]

    def command(self, database: str = "neo4j", report_file: Path | None = None) -> str:
        return shlex.join(["neo4j-admin", *self.arguments(database, report_file)])


class BulkWriter:
    """Writes records into neo4j-admin import CSV files under ``directory``."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.report = BulkReport(directory=directory)
        self._node_keys: dict[str, set[str]] = {label: set() for label in schema.NODE_LABELS}
        self._edges: set[int] = set()
        self._ends: dict[str, dict[str, list[str]]] = {label: {} for label in schema.NODE_LABELS}
        self._handles: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}

    def _writer(self, name: str, header: list[str]) -> Any:
        if name not in self._writers:
            path = self.report.directory / f"{name}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            self._handles[name] = handle
            self._writers[name] = csv.writer(handle, lineterminator="\n")
            self._writers[name].writerow(header)
        return self._writers[name]

    def _node_writer(self, label: str) -> Any:
        props = [p for p in schema.NODE_PROPS[label] if p.name != "key"]
        header = [f"key:ID({label})", *[f"{p.name}:{_TYPES[p.type]}" for p in props], ":LABEL"]
        name = f"nodes_{label}"
        if name not in self._writers:
            self.report.node_files.append((label, self.report.directory / f"{name}.csv"))
        return self._writer(name, header)

    def _edge_writer(self, rel: str, ends: tuple[str, str]) -> Any:
        props = schema.RELS[rel].props
        header = [
            f":START_ID({ends[0]})",
            f":END_ID({ends[1]})",
            ":TYPE",
            *[f"{p.name}:{_TYPES[p.type]}" for p in props],
        ]
        name = f"rels_{rel}_{ends[0]}_{ends[1]}"
        if name not in self._writers:
            self.report.relationship_files.append((rel, self.report.directory / f"{name}.csv"))
        return self._writer(name, header)

    def _write_node(self, label: str, row: dict[str, Any]) -> None:
        props = [p for p in schema.NODE_PROPS[label] if p.name != "key"]
        cells = [row["key"], *[_cell(row.get(p.name)) for p in props], label]
        self._check_multiline(cells)
        self._node_writer(label).writerow(cells)
        self._node_keys[label].add(row["key"])
        self.report.nodes[label] = self.report.nodes.get(label, 0) + 1

    def _check_multiline(self, cells: list[Any]) -> None:
        if not self.report.multiline:
            self.report.multiline = any(isinstance(c, str) and "\n" in c for c in cells)

    def add(self, record: Node | Edge) -> None:
        if is_node(record):
            row = record.row()
            if row["key"] in self._node_keys[record.type]:
                self.report.skipped_duplicates += 1
                return
            self._ends[record.type].pop(row["key"], None)
            self._write_node(record.type, row)
            return
        edge: Edge = record  # type: ignore[assignment]
        digest = _edge_hash(edge.type, edge.from_key, edge.to_key)
        if digest in self._edges:
            self.report.skipped_duplicates += 1
            return
        self._edges.add(digest)
        ends = (edge.from_kind, edge.to_kind)
        for label, key in zip(ends, (edge.from_key, edge.to_key), strict=True):
            if key not in self._node_keys[label]:
                self._ends[label].setdefault(key, edge.sources)
        row = edge.row()
        cells = [edge.from_key, edge.to_key, edge.type]
        cells += [_cell(row[p.name]) for p in schema.RELS[edge.type].props]
        self._check_multiline(cells)
        self._edge_writer(edge.type, ends).writerow(cells)
        self.report.relationships[edge.type] = self.report.relationships.get(edge.type, 0) + 1

    def close(self) -> BulkReport:
        """Write placeholder nodes for edge ends never seen as nodes; close the files."""
        for label, missing in self._ends.items():
            for key, sources in missing.items():
                row: dict[str, Any] = {"key": key, "sources": sources}
                parsed = keys.id_of(key)
                if parsed is not None:
                    row[parsed[0]] = parsed[1]
                self._write_node(label, row)
                self.report.placeholders[label] = self.report.placeholders.get(label, 0) + 1
            missing.clear()
        for handle in self._handles.values():
            handle.close()
        return self.report


def write_bulk(records: Iterable[Node | Edge], directory: Path) -> BulkReport:
    """Write neo4j-admin import files for ``records``; see the module docs for the limits."""
    writer = BulkWriter(directory)
    try:
        for record in records:
            writer.add(record)
    finally:
        report = writer.close()
    return report
