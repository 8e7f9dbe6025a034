"""The project's Dagster event log storage: same records as the stock one, visible to other readers."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from orchestration.event_storage import PersistentSqliteEventLogStorage

REPO = Path(__file__).resolve().parents[2]


@dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="numbers")])
def numbers() -> Iterator[dg.Output[int] | dg.AssetCheckResult]:
    yield dg.Output(3)
    yield dg.AssetCheckResult(check_name="positive", passed=True)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(REPO / ".dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    return tmp_path


def test_project_instance_uses_it_and_other_readers_see_every_event(home: Path) -> None:
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, PersistentSqliteEventLogStorage)
        result = dg.materialize([numbers], instance=instance)
        assert result.success
        written = len(instance.all_logs(result.run_id))
        # A second instance on the same home reads through its own connections, as `make dev` does.
        with dg.DagsterInstance.from_config(str(home)) as reader:
            assert len(reader.all_logs(result.run_id)) == written > 0
            materialization = reader.get_latest_materialization_event(dg.AssetKey("numbers"))
            assert materialization is not None and materialization.run_id == result.run_id
            check = reader.event_log_storage.get_latest_asset_check_execution_by_key(
                [dg.AssetCheckKey(dg.AssetKey("numbers"), "positive")]
            )
            assert check[dg.AssetCheckKey(dg.AssetKey("numbers"), "positive")].run_id == result.run_id
        # Two runs: their events stay apart, the index keeps both materializations.
        second = dg.materialize([numbers], instance=instance)
        assert len(instance.all_logs(second.run_id)) == written
        records = instance.fetch_materializations(dg.AssetKey("numbers"), limit=10).records
        assert {r.run_id for r in records} == {result.run_id, second.run_id}


def test_a_watcher_sees_events_written_while_the_connection_stays_open(home: Path) -> None:
    with dg.DagsterInstance.get() as instance:
        first = dg.materialize([numbers], instance=instance)
        storage = instance.event_log_storage
        seen = threading.Event()
        storage.watch(first.run_id, None, lambda _entry, _cursor: seen.set())
        try:
            # A later event of the watched run lands in its write-ahead log, not its database file.
            instance.report_engine_event("after the run", instance.get_run_by_id(first.run_id))
            assert seen.wait(timeout=20)
        finally:
            storage.end_watch(first.run_id, next(iter(storage._watchers[first.run_id])))


def test_wipe_closes_its_connections_and_starts_empty(home: Path) -> None:
    with dg.DagsterInstance.get() as instance:
        run_id = dg.materialize([numbers], instance=instance).run_id
        instance.event_log_storage.wipe()
        assert instance.all_logs(run_id) == []
        assert dg.materialize([numbers], instance=instance).success
