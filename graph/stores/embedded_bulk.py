"""A bulk first load into an empty embedded store: tables staged, merged, then COPYed.

The embedded counterpart of ``neo4j-admin database import``: for the first load of a
very large source (full IMDb: 14M rows) into an EMPTY store, where ``Store.write``
(look up, merge, write, batch after batch) takes most of an hour. It writes the graph
``Store.write`` would write from the same rows (tests compare the two), in these steps:

1. A child process reads the :class:`~graph.tables.Table` s a column-wise loader yields
   and appends them to one Parquet file per target. Then, per table, it merges the rows
   that name the same node (key) or edge (type, ends) by :mod:`graph.merge` in ``_seq``
   order, adds a placeholder node for each edge end no row gave (with the sources of
   the first edge naming it, as ``Store.write`` does), and writes one final file each.
2. A child process COPYs the final files into a new database in the staging
   directory, one COPY per table (LadybugDB's fast path; one COPY of millions of
   relationships needs a 3 GiB buffer pool, smaller COPYs are far slower), while
   another builds the search index from the final node files.
3. The new database and its index replace the target.

Children, because one process holding both the rows and the buffer pool needed 6.7 GB
(``bench/embedded_bulk_ceiling.py``). Nothing is written to the target until the end:
an interrupted bulk load leaves it as it was, and running it again starts over.

Limits, checked: the store must be empty (or absent), and every node row must carry at
most one external id, its key's (joining nodes by shared ids is ``Store.write``'s work).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import queries
from graph import keys, merge, schema
from graph.errors import BadInputError, ReelgraphError, StoreError
from graph.stores import bulk_merge, search_index
from graph.stores.embedded import EmbeddedStore
from graph.tables import SEQ, Table, arrow_schema, props, rows_table
from graph.upsert import WriteSummary
from loaders.common import ErrorHandler
from loaders.files import ReadProgress

#: LadybugDB's buffer pool for the COPYs: one COPY of 5.7M relationships fills 2 GiB.
BULK_BUFFER_POOL = 3 * 1024**3
TableSource = Callable[[ErrorHandler, ReadProgress], Iterable[Table]]
Kind = tuple[str, tuple[str, str] | None]  # a staged table's label or type, and its ends
_DB = "graph.db"


def bulk_load(
    path: Path,
    source: TableSource,
    *,
    on_error: ErrorHandler,
    progress: ReadProgress | None = None,
    on_batch: Callable[[WriteSummary], None] | None = None,
    on_step: Callable[[str], None] | None = None,
    buffer_pool_size: int = BULK_BUFFER_POOL,
) -> WriteSummary:
    """Load the tables ``source(on_error, progress)`` yields into a new store at ``path``.

    ``on_batch`` hears of rows read (for a progress line); ``on_step`` of each step after
    the reading, which show no rows (``"merging"``, ``"copying"``)."""
    _check_empty(path)
    step = on_step or (lambda _name: None)
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{path.name}.bulk-", dir=path.parent))
    except OSError as exc:
        raise StoreError(
            f"cannot create the embedded store at {path}: {exc.strerror} ({path.parent}); "
            "give a --store path in an existing, writable directory"
        ) from exc
    index = None
    try:
        summary = _run_staging(work, source, on_error, progress or ReadProgress(), on_batch, step)
        step("copying")
        index = _start(_build_index, work)
        _wait(_start(_copy, work, buffer_pool_size), "COPY into the new database", work)
        _wait(index, "building the search index", work)
        _install(work, path)
    finally:
        if index is not None and index.is_alive():
            index.terminate()
            index.join()
        shutil.rmtree(work, ignore_errors=True)
    return summary


def _check_empty(path: Path) -> None:
    if not path.exists():
        return
    store = EmbeddedStore(path, read_only=True)
    try:
        count = sum(store.stats()["nodes"].values())
    finally:
        store.close()
    if count:
        raise StoreError(
            f"a bulk load writes a new store, but {path} already holds {count:,} nodes: "
            "give a new --store path, or load without --bulk to merge into this one"
        )


# --- processes ------------------------------------------------------------------------


def _start(target: Callable[..., None], *args: Any) -> Any:
    process = multiprocessing.get_context("fork").Process(target=_reported, args=(target, *args))
    process.start()
    return process


def _reported(target: Callable[..., None], work: Path, *args: Any) -> None:
    """Run ``target`` in a child; a failure leaves its one-line reason in ``work``, not a
    traceback (the parent turns it into a StoreError)."""
    try:
        target(work, *args)
    except KeyboardInterrupt:
        os._exit(130)
    except Exception as exc:  # any failure of the child: reported, not a traceback
        (work / f"failed.{os.getpid()}").write_text(f"{type(exc).__name__}: {exc}")
        os._exit(1)


def _wait(process: Any, what: str, work: Path) -> None:
    process.join()
    if process.exitcode != 0:
        reason = work / f"failed.{process.pid}"
        detail = reason.read_text() if reason.is_file() else f"exit code {process.exitcode}"
        raise StoreError(
            f"the bulk load failed while {what} ({detail}); the target store is unchanged. "
            "Check free memory and disk space, then run it again"
        )


def _run_staging(
    work: Path,
    source: TableSource,
    on_error: ErrorHandler,
    progress: ReadProgress,
    on_batch: Callable[[WriteSummary], None] | None,
    on_step: Callable[[str], None],
) -> WriteSummary:
    """Run :func:`_stage` in a child; its rejects and progress come back over a pipe."""
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = _start(_staging_child, work, source, send)
    send.close()
    records = 0
    try:
        while True:
            try:
                message = receive.recv()
            except EOFError:
                _wait(child, "reading and staging the input", work)
                raise StoreError("the bulk load's staging process ended without a result") from None
            kind = message[0]
            if kind == "error":
                on_error(
                    BadInputError(message[1], path=message[2], line=message[3], field=message[4])
                )
            elif kind == "rows":
                progress.rows, progress.done, progress.total = message[1:4]
                if on_batch is not None:
                    on_batch(WriteSummary(records=message[4] - records))
                records = message[4]
            elif kind == "step":
                on_step(message[1])
            elif kind == "failed":
                raise message[1]
            else:
                child.join()
                return message[1]  # type: ignore[no-any-return]
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receive.close()


def _staging_child(work: Path, source: TableSource, send: Connection) -> None:
    def on_error(error: BadInputError) -> None:
        send.send(("error", error.reason, error.path, error.line, error.field))

    progress = ReadProgress()
    try:
        summary = _stage(work, source(on_error, progress), progress, send)
        send.send(("done", summary))
    except ReelgraphError as exc:
        send.send(("failed", exc))
    except KeyboardInterrupt:
        pass
    finally:
        send.close()


# --- step 1: staging, merging, placeholders -----------------------------------------


def _stage(
    work: Path, tables: Iterable[Table], progress: ReadProgress, send: Connection
) -> WriteSummary:
    writers: dict[str, pq.ParquetWriter] = {}
    kinds: dict[str, Kind] = {}  # (name, ends) per target; not the first table's rows
    records = 0
    try:
        for table in tables:
            if table.table.num_rows == 0:
                continue
            if table.target not in writers:
                layout = arrow_schema(table.name)
                writers[table.target] = pq.ParquetWriter(
                    work / f"in.{table.target}.parquet", layout
                )
                kinds[table.target] = (table.name, table.ends)
            writers[table.target].write_table(table.table.select(arrow_schema(table.name).names))
            records += table.table.num_rows
            send.send(("rows", progress.rows, progress.position(), progress.total, records))
    finally:
        for writer in writers.values():
            writer.close()
    summary = WriteSummary(records=records)
    send.send(("step", "merging"))
    _finish(work, kinds, summary)
    return summary


def _finish(work: Path, kinds: dict[str, Kind], summary: WriteSummary) -> None:
    """Merge each staged table and add placeholders; write the final files.

    Edge ends are numbered by their position among the label's node keys (placeholders
    after them), so that edges group by one int64 instead of a joined pair of strings:
    a quarter of the time and memory at full IMDb size."""
    edges = {t: (name, ends) for t, (name, ends) in kinds.items() if ends is not None}
    node_keys = {
        label: _read(work, label, label, ["key", *schema.ID_FIELDS[label]])
        for label in schema.NODE_LABELS
    }
    missing: dict[str, list[pa.Table]] = {label: [] for label in schema.NODE_LABELS}
    for target, (name, labels) in edges.items():
        ends = _read(work, target, name, ["from", "to", SEQ, "sources"])
        for side, label in zip(("from", "to"), labels, strict=True):
            gone = ends.filter(pc.invert(pc.is_in(ends[side], node_keys[label]["key"])))
            missing[label].append(
                gone.select([side, SEQ, "sources"]).rename_columns(["key", SEQ, "sources"])
            )
    placeholders = {label: _placeholders(label, missing[label]) for label in schema.NODE_LABELS}
    numbered = {
        label: pa.concat_arrays(
            [node_keys[label]["key"].combine_chunks(), placeholders[label]["key"].combine_chunks()]
        )
        for label in schema.NODE_LABELS
    }
    for target, (name, (first, second)) in edges.items():
        table = _read(work, target, name)
        codes = pc.add(
            pc.shift_left(
                pc.cast(pc.index_in(table["from"], value_set=numbered[first]), pa.int64()), 32
            ),
            pc.cast(pc.index_in(table["to"], value_set=numbered[second]), pa.int64()),
        )
        merged = bulk_merge.merged(name, table, ["from", "to"], codes)
        summary.created[name] += merged.num_rows
        pq.write_table(merged.drop_columns([SEQ]), work / f"{target}.parquet")
    for label in schema.NODE_LABELS:
        _check_ids(label, node_keys[label])
        merged = bulk_merge.merged(label, _read(work, label, label), ["key"])
        summary.created[label] += merged.num_rows
        summary.placeholders[label] += placeholders[label].num_rows
        final = pa.concat_tables([merged.drop_columns([SEQ]), placeholders[label]])
        if final.num_rows:
            pq.write_table(final, work / f"{label}.parquet")


def _read(work: Path, target: str, name: str, columns: list[str] | None = None) -> pa.Table:
    path = work / f"in.{target}.parquet"
    if path.is_file():
        return pq.read_table(path, columns=columns)
    empty = arrow_schema(name).empty_table()
    return empty.select(columns) if columns else empty


def _check_ids(label: str, table: pa.Table) -> None:
    """Every node row's key is its one external id's key (or it has none)."""
    ids = schema.ID_FIELDS[label]
    carried = [pc.cast(pc.is_valid(table[field]), pa.int8()) for field in ids]
    if not carried or not table.num_rows:
        return
    count = carried[0]
    for more in carried[1:]:
        count = pc.add(count, more)
    if pc.max(count).as_py() > 1:
        raise StoreError(
            f"a bulk load takes {label} rows with at most one external id each; a row has "
            f"several ({', '.join(ids)}): load this source without --bulk"
        )


def _placeholders(label: str, missing: list[pa.Table]) -> pa.Table:
    """A node for each edge end no row gave: its key, the id the key names, and the
    sources of the first edge naming it."""
    layout = arrow_schema(label, seq=False)
    if not missing or not sum(t.num_rows for t in missing):
        return layout.empty_table()
    ends = pa.concat_tables(missing).sort_by(SEQ)
    ends = ends.append_column("i", pa.array(range(ends.num_rows), pa.int64()))
    first = ends.take(ends.group_by("key").aggregate([("i", "min")])["i_min"])
    rows = []
    for key, sources in zip(first["key"].to_pylist(), first["sources"].to_pylist(), strict=True):
        row: dict[str, Any] = {"key": key, "sources": sources}
        parsed = keys.id_of(key)
        if parsed is not None:
            row[parsed[0]] = parsed[1]
        rows.append(merge.complete(props(label), row))
    return rows_table(label, rows, [0] * len(rows)).drop_columns([SEQ]).cast(layout)


# --- step 2: COPY and the search index ------------------------------------------------


def _copy(work: Path, buffer_pool_size: int) -> None:
    os.chdir(work)  # COPY reads the files by name: no path in the query text
    database = ladybug.Database(_DB, buffer_pool_size=buffer_pool_size)
    conn = ladybug.Connection(database)
    for statement in queries.get("schema", "embedded").statements():
        conn.execute(statement)
    for label in schema.NODE_LABELS:
        if Path(f"{label}.parquet").is_file():
            conn.execute(queries.get("bulk_copy_nodes", "embedded").render(label=label))
    for rel, spec in schema.RELS.items():
        for ends in spec.endpoints:
            if Path(f"{rel}_{ends[0]}_{ends[1]}.parquet").is_file():
                slots = {"rel": rel, "from": ends[0], "to": ends[1]}
                conn.execute(queries.get("bulk_copy_edges", "embedded").render(**slots))
    conn.execute("CHECKPOINT")
    conn.close()
    database.close()


def _build_index(work: Path) -> None:
    def batches() -> Any:
        for label, (name, year) in search_index.FIELDS.items():
            path = work / f"{label}.parquet"
            if not path.is_file():
                continue
            for batch in pq.ParquetFile(path).iter_batches(columns=["key", name, year, "search"]):
                k, n, y, s = (c.to_pylist() for c in batch.columns)
                yield [(k[i], label, n[i], y[i], s[i]) for i in range(len(k)) if s[i] is not None]

    search_index.rebuild(search_index.sidecar(work / _DB), batches())


def _install(work: Path, path: Path) -> None:
    """Move the new database and its index over the target (its old files first)."""
    index = search_index.sidecar(path)
    for old in (path, Path(f"{path}.wal"), index):
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    os.replace(work / _DB, path)
    if (work / f"{_DB}.wal").exists():
        os.replace(work / f"{_DB}.wal", f"{path}.wal")
    os.replace(search_index.sidecar(work / _DB), index)
