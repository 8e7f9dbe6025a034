"""Dagster's SQLite event log, with one open connection per database instead of one per event.

The stock `SqliteEventLogStorage` builds a new SQLAlchemy engine for every write, opens a
connection, commits with a full sync and closes it; closing the last connection of a WAL database
checkpoints it (another sync). A run of the sample writes about 700 events, some twice (the run's
own database and the cross-run index): about 10 CPU s and, on a busy disk, several times that in
wall time. Here each database keeps its engine and pooled connection (and SQLAlchemy's statement
cache with it), and commits with `synchronous=NORMAL`, which in WAL mode keeps the database
consistent after a crash or power loss; it may lose the last commits on power loss, which is the
price of not syncing each log line.

Readers in other processes (`make dev`) see each commit at once (WAL). Dagster's UI follows a live
run by watching the run's database file for changes; with the connection kept open, commits land in
the `-wal` file beside it, so the watch here follows both files.

Selected in `.dagster_home/dagster.yaml` (`event_log_storage`); `base_dir` defaults to Dagster's
own place for it, `$DAGSTER_HOME/history/runs`.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SqliteEventLogStorage,
    SqliteEventLogStorageWatchdog,
)
from dagster._core.storage.sqlite import create_db_conn_string
from dagster._serdes import ConfigurableClassData
from watchdog.events import FileSystemEvent

# Engines kept open at once: the index and the runs a process is writing or showing.
MAX_OPEN_DATABASES = 16
BUSY_TIMEOUT_SECONDS = 30


def default_base_dir() -> str:
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        raise ValueError("event_log_storage needs `base_dir` in dagster.yaml, or DAGSTER_HOME set")
    return os.path.join(home, "history", "runs")


def _engine(conn_string: str) -> sa.Engine:
    engine = sa.create_engine(conn_string, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    return engine


class PersistentSqliteEventLogStorage(SqliteEventLogStorage):
    """`SqliteEventLogStorage` (same files, schema and migrations) with pooled connections."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, sa.Engine] = OrderedDict()
        self._tables: set[str] = set()
        super().__init__(base_dir, inst_data)

    @classmethod
    def config_type(cls) -> dict[str, Any]:
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(  # type: ignore[override]
        cls, inst_data: ConfigurableClassData | None, config_value: dict[str, Any]
    ) -> PersistentSqliteEventLogStorage:
        return cls(config_value.get("base_dir") or default_base_dir(), inst_data=inst_data)

    def _engine_for(self, shard: str) -> sa.Engine:
        engine = self._engines.get(shard)
        if engine is None:
            engine = self._engines[shard] = _engine(create_db_conn_string(self._base_dir, shard))
            while len(self._engines) > MAX_OPEN_DATABASES:
                self._engines.popitem(last=False)[1].dispose()
        self._engines.move_to_end(shard)
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[sa.Connection]:
        with self._db_lock:
            engine = self._engine_for(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def has_table(self, table_name: str) -> bool:
        # Asked before every asset-check event, a new engine each time; tables only ever appear.
        # (Also asked inside an open index transaction: so not through the locked pooled engine.)
        if table_name not in self._tables and super().has_table(table_name):
            self._tables.add(table_name)
        return table_name in self._tables

    def _close_engines(self) -> None:
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()
            self._tables.clear()

    def wipe(self) -> None:
        self._close_engines()
        super().wipe()

    def dispose(self) -> None:
        self._close_engines()
        super().dispose()

    def watch(self, run_id: str, cursor: str | None, callback: Any) -> None:
        from watchdog.observers import Observer

        if not self._obs:
            self._obs = Observer()
            self._obs.start()
        watchdog = _WalWatchdog(self, run_id, callback, cursor)
        self._watchers[run_id][callback] = (
            watchdog,
            self._obs.schedule(watchdog, self._base_dir, recursive=True),
        )


class _WalWatchdog(SqliteEventLogStorageWatchdog):
    """Follows a run's database and its write-ahead log (where the commits land first)."""

    def __init__(
        self, storage: SqliteEventLogStorage, run_id: str, callback: Any, cursor: str | None
    ) -> None:
        super().__init__(storage, run_id, callback, cursor)
        path = storage.path_for_shard(run_id)
        self._patterns = [path, f"{path}-wal"]

    def on_modified(self, event: FileSystemEvent) -> None:
        self._process_log()
