"""The working database held open from the start of a run until its dbt step.

Every Dagster I/O-manager call and `DuckDBResource` connection opens the working database and
closes it again; closing the last connection checkpoints the file (a write and a sync) and the next
open reads its catalog back: ~25 ms CPU and, on a busy disk, 0.1-0.3 s wall each, some thirty times
a run. While one connection stays open, DuckDB hands the other `duckdb.connect` calls of the process
that same open database (~1 ms each) and checkpoints once, when the last connection closes.

Only connections with the same configuration may share it, so the held one is opened as
dagster-duckdb opens its own, and released before anything else opens the file: before dbt (its
adapter passes its own configuration) and at the end of the run (publish attaches the file).
Dagster-free, like `run_guard`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
from packaging.version import Version

_held: dict[str, duckdb.DuckDBPyConnection] = {}
_lock = threading.Lock()


def dagster_config() -> dict[str, str]:
    """The configuration dagster-duckdb's I/O manager and `DuckDBResource` connect with."""
    # Their own condition: DuckDB took `custom_user_agent` from 1.0 on.
    return {"custom_user_agent": "dagster"} if Version(duckdb.__version__) >= Version("1.0.0") else {}


def hold(database: Path) -> None:
    """Keep `database` open in this process until `release` (a no-op when it already is)."""
    with _lock:
        key = str(database)
        if key not in _held:
            _held[key] = duckdb.connect(key, read_only=False, config=dagster_config())


def release(database: Path | None = None) -> None:
    """Close the held connection to `database` (all of them when None)."""
    with _lock:
        for key in [str(database)] if database is not None else list(_held):
            connection = _held.pop(key, None)
            if connection is not None:
                connection.close()


def is_held(database: Path) -> bool:
    return str(database) in _held
