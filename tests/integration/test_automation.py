"""The inbox sensor and the hourly schedule, through Dagster's testing APIs."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from orchestration.defs.automation import akhbar_pipeline, hourly_schedule, inbox_sensor


@pytest.fixture()
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKHBAR_INBOX", str(tmp_path))
    return tmp_path


def test_sensor_requests_one_run_per_batch(inbox: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    empty = inbox_sensor(dg.build_sensor_context(instance=instance))
    assert isinstance(empty, dg.SkipReason)

    (inbox / "a.txt").write_text("خبر أول", encoding="utf-8")
    (inbox / "b.jsonl").write_text("{}\n", encoding="utf-8")
    first = inbox_sensor(dg.build_sensor_context(instance=instance))
    assert isinstance(first, dg.SensorResult)
    assert len(first.run_requests) == 1
    assert first.run_requests[0].tags["akhbar/new_files"] == "2"

    # Same files, cursor advanced: nothing to do.
    again = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert isinstance(again, dg.SkipReason)

    # A changed file is a new batch with a new run key.
    (inbox / "a.txt").write_text("خبر أول معدل", encoding="utf-8")
    changed = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert isinstance(changed, dg.SensorResult)
    assert changed.run_requests[0].tags == {"akhbar/changed_files": "1"}
    assert changed.run_requests[0].run_key != first.run_requests[0].run_key

    # The same batch seen from the same cursor gets the same run key: Dagster never runs it twice.
    replay = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert replay.run_requests[0].run_key == changed.run_requests[0].run_key


def test_schedule_and_sensor_target_the_pipeline_job() -> None:
    from orchestration.definitions import defs

    job = defs.resolve_job_def("akhbar_pipeline")
    assert job.name == akhbar_pipeline.name
    assert defs.resolve_schedule_def("akhbar_hourly").cron_schedule == "5 * * * *"
    assert defs.resolve_sensor_def("inbox_sensor").job_name == "akhbar_pipeline"
    assert dg.validate_run_config(job, {}) is not None


def test_schedule_evaluates_to_a_run_request() -> None:
    context = dg.build_schedule_context(scheduled_execution_time=None)
    requests = list(hourly_schedule.evaluate_tick(context).run_requests or [])
    assert len(requests) == 1


def test_sensor_ignores_a_missing_inbox_and_re_ingests_a_file_that_comes_back(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instance = dg.DagsterInstance.ephemeral()
    (inbox / "a.txt").write_text("خبر أول", encoding="utf-8")
    first = inbox_sensor(dg.build_sensor_context(instance=instance))
    assert isinstance(first, dg.SensorResult)

    # Unmounted share / typo: no wipe is requested and the cursor stays, so the remount is no change.
    monkeypatch.setenv("AKHBAR_INBOX", str(inbox / "unmounted"))
    gone = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert isinstance(gone, dg.SkipReason) and "does not exist" in (gone.skip_message or "")
    monkeypatch.setenv("AKHBAR_INBOX", str(inbox))
    assert isinstance(
        inbox_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor)), dg.SkipReason
    )

    # The file really leaves, then comes back: each change is a run with a run key never used before.
    moved = (inbox / "a.txt").read_bytes()
    (inbox / "a.txt").unlink()
    deleted = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    (inbox / "a.txt").write_bytes(moved)
    back = inbox_sensor(dg.build_sensor_context(instance=instance, cursor=deleted.cursor))
    assert isinstance(back, dg.SensorResult)
    assert back.run_requests[0].tags == {"akhbar/new_files": "1"}
    keys = [r.run_requests[0].run_key for r in (first, deleted, back)]
    assert len(set(keys)) == 3
