"""What every run does before it touches the working database: take the run lock, then heal.

Two runs on the same paths would both write the landing tables; a run that cannot get the lock
waits, then exits with a message naming the holder. A working database that DuckDB cannot open
(truncated, overwritten, from an incompatible version) is moved aside so the run rebuilds from the
inbox instead of failing forever. Dagster-free, so it is tested (and used) without a run.
"""

from __future__ import annotations

import fcntl
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import duckdb

LOCK_NAME = ".akhbar-run.lock"
# DuckDB's own "another process holds this file" errors: not damage, never moved aside.
_LOCK_ERRORS = ("Could not set lock", "Conflicting lock")


class RunLocked(RuntimeError):
    """Another run holds the lock on these paths."""


class RunLock:
    """An exclusive `flock` on `<build dir>/.akhbar-run.lock`, held for the whole run.

    `flock` is released by the kernel when the holder dies, so a killed run never leaves a stale lock.
    """

    def __init__(self, build_database: Path, wait_seconds: float = 0.0) -> None:
        self.path = build_database.parent / LOCK_NAME
        self.wait_seconds = wait_seconds
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown process"
                    handle.close()
                    raise RunLocked(
                        f"another Akhbar run is using {self.path.parent} ({holder}); this run did not "
                        f"start after waiting {self.wait_seconds:.0f} s. Let it finish, or raise "
                        "AKHBAR_RUN_LOCK_WAIT to wait longer."
                    ) from None
                time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.truncate(0)
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def open_error(database: Path) -> str | None:
    """Why DuckDB cannot open `database` read-write, or None when it opens (or does not exist yet)."""
    if not database.exists():
        return None
    try:
        with duckdb.connect(str(database)) as con:
            con.execute("select count(*) from duckdb_tables()").fetchone()
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0]
        if any(marker in message for marker in _LOCK_ERRORS):
            raise RunLocked(f"{database} is locked by another process: {message}") from exc
        return message
    return None


def heal_build_database(database: Path) -> str | None:
    """Move an unopenable working database (and its WAL) aside; returns the one-line notice, if any.

    The next steps then start from an empty working database: the ingest sees no state, so every
    inbox file is read again and the warehouse is rebuilt from the inbox.
    """
    error = open_error(database)
    if error is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = database.with_name(f"{database.name}.broken-{stamp}")
    os.replace(database, aside)
    wal = database.with_name(database.name + ".wal")
    if wal.exists():
        os.replace(wal, aside.with_name(aside.name + ".wal"))
    return (
        f"working database {database} could not be opened ({error}); moved it to {aside.name} "
        "and rebuilding every inbox file from scratch (as `make rebuild` would)"
    )
