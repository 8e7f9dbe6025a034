"""The run lock (one run at a time) and the healing of an unopenable working database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.run_guard import RunLock, RunLocked, heal_build_database, open_error


def test_second_run_exits_with_a_clear_message(tmp_path: Path) -> None:
    build = tmp_path / "build" / "news.duckdb"
    with (
        RunLock(build),
        pytest.raises(RunLocked, match=r"another Akhbar run is using .*pid \d+.*AKHBAR_RUN_LOCK_WAIT"),
    ):
        RunLock(build, wait_seconds=0.2).acquire()
    # Released: the next run gets it.
    with RunLock(build):
        pass


def test_lock_of_a_killed_run_is_released_by_the_kernel(tmp_path: Path) -> None:
    build = tmp_path / "build" / "news.duckdb"
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom orchestration.run_guard import RunLock\n"
        f"lock = RunLock(Path({str(build)!r}))\nlock.acquire()\nprint('locked', flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(RunLocked, match=f"pid {proc.pid}"):
            RunLock(build).acquire()
    finally:
        proc.kill()
        proc.wait()
    with RunLock(build, wait_seconds=5):
        pass


def test_truncated_build_database_is_moved_aside(tmp_path: Path) -> None:
    build = tmp_path / "news.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute("create table t as select range from range(100000)")
    data = build.read_bytes()
    build.write_bytes(data[: len(data) // 3])
    assert open_error(build)
    notice = heal_build_database(build)
    assert notice and "could not be opened" in notice and "rebuilding every inbox file" in notice
    assert not build.exists()
    (aside,) = tmp_path.glob("news.duckdb.broken-*")
    assert aside.read_bytes() == data[: len(data) // 3]
    # Healthy or absent: nothing to do.
    assert heal_build_database(build) is None
    with duckdb.connect(str(build)) as con:
        con.execute("create table t as select 1")
    assert heal_build_database(build) is None


def test_garbage_build_database_is_moved_aside(tmp_path: Path) -> None:
    build = tmp_path / "news.duckdb"
    build.write_bytes(b"not a database at all" * 1000)
    assert heal_build_database(build)
    assert not build.exists()
