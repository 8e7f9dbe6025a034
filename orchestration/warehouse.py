"""Publishing the working database to the path analysts and BI tools read.

Kept Dagster-free so the publish gate can be tested (and killed) in a plain subprocess.

The published file is a compacted copy holding only what analysts read: the marts, dimensions,
rejects and duplicates, the GDELT view (schema `main`) and the seeded codebooks (`reference`).
Landing, staging and intermediate relations are build state and stay in the working database.
"""

from __future__ import annotations

import fcntl
import os
import struct
from pathlib import Path

import duckdb

PUBLISHED_SCHEMAS: tuple[str, ...] = ("main", "reference")


class PublishBlocked(RuntimeError):
    """The warehouse cannot be replaced safely right now; the last published file is untouched."""


def checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the main file so that a byte copy is complete."""
    with duckdb.connect(str(database)) as con:
        con.execute("checkpoint")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def read_write_holder(path: Path) -> int | None:
    """Pid of a process holding `path` open read-write with DuckDB, or None.

    DuckDB takes a whole-file POSIX lock: shared for read-only connections, exclusive for read-write
    ones. Asking whether a shared lock *could* be taken reports only exclusive holders, i.e. writers.
    (POSIX locks never conflict within one process, so this sees other processes only.)
    """
    if not path.exists():
        return None
    query = struct.pack("hhqqi4x", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
    fd = os.open(path, os.O_RDONLY)
    try:
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
    finally:
        os.close(fd)
    lock_type, _, _, _, pid = struct.unpack("hhqqi4x", answer)
    return pid if lock_type == fcntl.F_WRLCK else None


def stale_temporaries(warehouse: Path) -> list[Path]:
    """Copies a killed publish left beside the warehouse (`.news.duckdb.<pid>.tmp`, and its WAL)."""
    found = []
    for path in warehouse.parent.glob(f".{warehouse.name}.*.tmp*"):
        pid = path.name[len(warehouse.name) + 2 :].split(".", 1)[0]
        alive = pid.isdigit() and int(pid) != os.getpid() and Path(f"/proc/{pid}").exists()
        if not alive:
            found.append(path)
    return sorted(found)


def remove_stale_temporaries(warehouse: Path) -> list[Path]:
    removed = stale_temporaries(warehouse)
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def write_compacted_copy(build_database: Path, target: Path) -> None:
    """Write the published relations of `build_database` into a fresh, checkpointed `target`.

    Tables are copied with `create table as select` into a new file, so the copy carries no free
    blocks from earlier runs. The target is attached under the build database's catalog name,
    because dbt's view definitions name that catalog (`news.main.fct_events`).
    """
    catalog = build_database.stem
    with duckdb.connect(":memory:") as con:
        con.execute(f"attach '{build_database}' as akhbar_build_source (read_only)")
        con.execute(f"attach '{target}' as \"{catalog}\"")
        schemas = list(PUBLISHED_SCHEMAS)
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where database_name = 'akhbar_build_source' and list_contains(?, schema_name) "
            "order by schema_name, table_name",
            [schemas],
        ).fetchall()
        views = con.execute(
            "select schema_name, sql from duckdb_views() where not internal "
            "and database_name = 'akhbar_build_source' and list_contains(?, schema_name) "
            "order by schema_name, view_name",
            [schemas],
        ).fetchall()
        for schema, table in tables:
            con.execute(f'create schema if not exists "{catalog}"."{schema}"')
            con.execute(
                f'create table "{catalog}"."{schema}"."{table}" as '
                f'select * from akhbar_build_source."{schema}"."{table}"'
            )
        for schema, sql in views:
            con.execute(f'create schema if not exists "{catalog}"."{schema}"')
            con.execute(f'use "{catalog}"."{schema}"')
            con.execute(sql)
        con.execute("use memory")
        con.execute(f'checkpoint "{catalog}"')
        con.execute(f'detach "{catalog}"')
        con.execute("detach akhbar_build_source")


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _refuse_if_written(warehouse: Path) -> None:
    pid = read_write_holder(warehouse)
    if pid is not None:
        raise PublishBlocked(
            f"{warehouse} is open read-write by process {pid} (a BI tool, notebook or duckdb shell "
            "opened without read-only). Its write-ahead log would be replayed onto the new warehouse, "
            "so the warehouse was not replaced. Close that connection and reopen it read-only "
            "(duckdb -readonly, read_only=True, access_mode=READ_ONLY), then run again."
        )


def publish_database(build_database: Path, warehouse: Path) -> int:
    """Atomically replace `warehouse` with a compacted copy of `build_database`; returns its bytes.

    The copy is written next to the target, fsynced, then renamed over it with `os.replace`, which is
    atomic on POSIX: a reader holding the old file keeps its snapshot, a new reader sees the new one,
    and a crash at any point leaves either the old or the new file, never a mix. A write-ahead log
    left beside the old file belongs to the old file: it is removed before and after the rename so
    DuckDB can never replay it onto the new one.
    """
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(warehouse)
    _refuse_if_written(warehouse)
    tmp = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        write_compacted_copy(build_database, tmp)
        _wal(tmp).unlink(missing_ok=True)
        _fsync(tmp)
        _refuse_if_written(warehouse)
        _wal(warehouse).unlink(missing_ok=True)
        os.replace(tmp, warehouse)
        _wal(warehouse).unlink(missing_ok=True)
    finally:
        tmp.unlink(missing_ok=True)
        _wal(tmp).unlink(missing_ok=True)
    _fsync(warehouse.parent)
    return warehouse.stat().st_size


def table_counts(database: Path) -> list[tuple[str, str, int]]:
    """(schema, table, rows) for every base table of the warehouse, marts first."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "order by schema_name <> 'main', schema_name, table_name"
        ).fetchall()
        return [
            (schema, table, con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0])
            for schema, table in tables
        ]
