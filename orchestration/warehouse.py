"""Publishing the working database to the path analysts and BI tools read.

Kept Dagster-free so the publish gate can be tested (and killed) in a plain subprocess.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb


def checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the main file so that a byte copy is complete."""
    with duckdb.connect(str(database)) as con:
        con.execute("checkpoint")


def publish_database(build_database: Path, warehouse: Path) -> int:
    """Atomically replace `warehouse` with a copy of `build_database`; returns the bytes published.

    The copy is written next to the target, fsynced, then renamed over it with `os.replace`, which is
    atomic on POSIX: a reader holding the old file keeps its snapshot, a new reader sees the new one,
    and a crash at any point leaves either the old or the new file, never a mix.
    """
    checkpoint(build_database)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.tmp")
    try:
        with build_database.open("rb") as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=16 * 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, warehouse)
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(warehouse.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
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
