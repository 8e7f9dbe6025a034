"""Publishing: a compacted copy, immune to clients' write-ahead logs, refusing while a client writes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse import (
    PublishBlocked,
    publish_database,
    read_write_holder,
    remove_stale_temporaries,
    table_counts,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _build(path: Path, rows: int = 1000) -> Path:
    """A working database shaped like the real one: marts in main, build state in other schemas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        for schema in ("landing", "main_staging", "intermediate", "reference"):
            con.execute(f"create schema if not exists {schema}")
        con.execute(
            f"create table main.fct_events as select range as event_id, repeat('x', 200) as pad from range({rows})"
        )
        con.execute("create table main.dim_articles as select 1 as article_id")
        con.execute(
            f'create view main.gdelt_events as select event_id as "GLOBALEVENTID" from {path.stem}.main.fct_events'
        )
        con.execute("create table reference.cameo_event_codes as select '01' as cameo_code")
        con.execute(
            f"create table landing.raw_articles as select repeat('y', 500) as raw_text from range({rows})"
        )
        con.execute("create table intermediate.int_event_mentions as select 1 as mention_id")
        con.execute("create view main_staging.stg_articles as select * from landing.raw_articles")
        # Churn: the working database grows with every run, the published copy must not.
        for _ in range(3):
            con.execute(
                f"create or replace table landing.churn as select repeat('z', 300) as t from range({rows})"
            )
        con.execute("drop table landing.churn")
    return path


def _hold_read_write(warehouse: Path, sql: str) -> subprocess.Popen[str]:
    """A client process that opens the warehouse read-write, runs `sql`, and stays (or is killed)."""
    code = (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(warehouse)!r})\n"
        "con.execute('set checkpoint_threshold = \\'1GB\\'')\n"
        f"con.execute({sql!r})\n"
        "print('ready', flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_published_file_holds_only_marts_and_is_compacted(tmp_path: Path) -> None:
    build = _build(tmp_path / "build" / "news.duckdb")
    warehouse = tmp_path / "news.duckdb"
    size = publish_database(build, warehouse)
    assert size == warehouse.stat().st_size < build.stat().st_size
    assert {(s, t) for s, t, _ in table_counts(warehouse)} == {
        ("main", "dim_articles"),
        ("main", "fct_events"),
        ("reference", "cameo_event_codes"),
    }
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from gdelt_events").fetchone() == (1000,)
        schemas = {
            r[0]
            for r in con.execute("select schema_name from duckdb_schemas() where not internal").fetchall()
        }
    assert not schemas & {"landing", "main_staging", "intermediate"}
    assert not Path(f"{warehouse}.wal").exists()
    # Publishing again does not grow the file.
    assert publish_database(build, warehouse) == size


def test_stale_client_wal_is_never_replayed_onto_the_new_file(tmp_path: Path) -> None:
    build = _build(tmp_path / "build" / "news.duckdb")
    warehouse = tmp_path / "news.duckdb"
    publish_database(build, warehouse)
    # A notebook opened the warehouse read-write, created a table and deleted rows, then was killed.
    client = _hold_read_write(
        warehouse,
        "create table main.scratch as select 1 as x; delete from main.fct_events where event_id < 500",
    )
    client.send_signal(signal.SIGKILL)
    client.wait()
    assert Path(f"{warehouse}.wal").exists()
    publish_database(build, warehouse)
    assert not Path(f"{warehouse}.wal").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from fct_events").fetchone() == (1000,)
        assert con.execute(
            "select count(*) from duckdb_tables() where table_name = 'scratch'"
        ).fetchone() == (0,)


def test_client_holding_the_warehouse_read_write_stops_the_publish(tmp_path: Path) -> None:
    build = _build(tmp_path / "build" / "news.duckdb")
    warehouse = tmp_path / "news.duckdb"
    publish_database(build, warehouse)
    before = _digest(warehouse)
    client = _hold_read_write(warehouse, "select 1")
    try:
        assert read_write_holder(warehouse) == client.pid
        with pytest.raises(PublishBlocked, match=rf"open read-write by process {client.pid}.*read-only"):
            publish_database(build, warehouse)
        assert _digest(warehouse) == before
    finally:
        client.kill()
        client.wait()
    assert read_write_holder(warehouse) is None
    publish_database(build, warehouse)


def test_read_only_readers_do_not_stop_the_publish(tmp_path: Path) -> None:
    build = _build(tmp_path / "build" / "news.duckdb")
    warehouse = tmp_path / "news.duckdb"
    publish_database(build, warehouse)
    code = f"import duckdb, time\ncon = duckdb.connect({str(warehouse)!r}, read_only=True)\nprint('ready', flush=True)\ntime.sleep(60)\n"
    reader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
        assert read_write_holder(warehouse) is None
        publish_database(build, warehouse)
    finally:
        reader.kill()
        reader.wait()


def test_leftover_temporary_copies_are_removed(tmp_path: Path) -> None:
    warehouse = tmp_path / "news.duckdb"
    dead = tmp_path / ".news.duckdb.999999999.tmp"
    dead.write_bytes(b"half a copy")
    Path(f"{dead}.wal").write_bytes(b"wal")
    # A publish still running in another live process keeps its copy.
    live = tmp_path / f".news.duckdb.{os.getppid()}.tmp"
    live.write_bytes(b"being written")
    assert remove_stale_temporaries(warehouse) == [dead, Path(f"{dead}.wal")]
    assert live.exists() and not dead.exists()
