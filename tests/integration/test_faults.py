"""The fault suite (issue 13): each hostile-but-realistic fault, run through the real pipeline.

Where nothing should change, the published warehouse stays byte-identical; where the run goes on,
every file is accounted for (the blocking check passes) and the next normal run is correct.
Each test starts from a copy of the sample build, so it pays for at most one pipeline run. The
rebuild of a damaged working database is asserted in tests/integration/test_cli.py, whose `akhbar
run` is that rebuild (one run for both); the poison files, stale log and leftover copy are met by
the second run of tests/integration/test_incremental.py (`plant_hostile_files`).
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.run_guard import RunLock
from tests.conftest import Pipeline, copy_sample, deployment, keep_partial_parse

pytestmark = pytest.mark.slow

NEW_ARTICLE = (
    "أجرى الرئيس الروسي فلاديمير بوتين اليوم الأربعاء اتصالاً هاتفياً مع الرئيس التركي رجب طيب أردوغان، "
    "بحثا خلاله الوضع في سوريا.\n\nوقال الكرملين في بيان إن الجانبين بحثا التحضيرات للقمة الثلاثية.\n"
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(inbox: Path, root: Path) -> tuple[bool, str]:
    """Materialize everything into `root`; (success, every message and error text of the run)."""
    from orchestration import defs as defs_package
    from orchestration.defs.resources import build_resources
    from orchestration.settings import Settings

    where = deployment(root)
    settings = Settings(inbox=inbox, warehouse=where / "news.duckdb", quality_dir=where / "quality")
    defs = dg.load_definitions_from_package_module(
        defs_package, resources=build_resources(settings), executor=dg.in_process_executor
    )
    instance = dg.DagsterInstance.ephemeral()
    result = defs.resolve_implicit_global_asset_job_def().execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
    )
    keep_partial_parse()
    texts = [f"{e.message} {e.event_specific_data!r}" for e in result.all_events]
    texts += [str(c.description) for c in result.get_asset_check_evaluations() if not c.passed]
    texts += [entry.user_message for entry in instance.all_logs(result.run_id)]
    return result.success, "\n".join(texts)


def _query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture()
def copy(sample_pipeline: Pipeline, tmp_path: Path) -> tuple[Path, Path]:
    """(inbox, warehouse): a copy of the sample's inbox, working database and published warehouse."""
    copied = copy_sample(sample_pipeline, tmp_path)
    return copied.inbox, copied.warehouse


def test_missing_inbox_fails_and_publishes_nothing(copy: tuple[Path, Path], tmp_path: Path) -> None:
    _, warehouse = copy
    before = _digest(warehouse)
    success, log = _run(tmp_path / "inbox_typo", tmp_path)
    assert not success
    assert "does not exist (check AKHBAR_INBOX" in log
    assert _digest(warehouse) == before


def test_damaged_build_database_is_reported_in_one_line(copy: tuple[Path, Path], tmp_path: Path) -> None:
    """The run that finds the working database unopenable says so (here it then stops on a missing
    inbox, which keeps the test cheap; the rebuild itself is asserted in test_cli.py)."""
    _, warehouse = copy
    before = _digest(warehouse)
    build = tmp_path / "build" / "news.duckdb"
    build.write_bytes(build.read_bytes()[:4096])
    success, log = _run(tmp_path / "no_inbox", tmp_path)
    assert not success
    (notice,) = [line for line in log.splitlines() if "could not be opened" in line]
    assert "moved it to news.duckdb.broken-" in notice and "rebuilding every inbox file" in notice
    assert _digest(warehouse) == before


def test_emptied_inbox_is_stopped_by_the_retraction_check(copy: tuple[Path, Path], tmp_path: Path) -> None:
    _, warehouse = copy
    before = _digest(warehouse)
    empty = tmp_path / "empty_share"
    empty.mkdir()
    success, log = _run(empty, tmp_path)
    assert not success
    assert "would be retracted" in log and "AKHBAR_ALLOW_MASS_RETRACTION=1" in log
    assert _digest(warehouse) == before


def test_second_run_exits_while_another_holds_the_lock(
    copy: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, warehouse = copy
    before = _digest(warehouse)
    monkeypatch.setenv("AKHBAR_RUN_LOCK_WAIT", "0")
    with RunLock(tmp_path / "build" / "news.duckdb"):
        success, log = _run(inbox, tmp_path)
    assert not success
    assert "another Akhbar run is using" in log
    assert _digest(warehouse) == before


def plant_hostile_files(inbox: Path, warehouse: Path) -> None:
    """A 5,000-deep JSON, a truncated JSON, a killed publish's temporary copy and a notebook's
    write-ahead log on the published file (its table and deletions not checkpointed).

    The run that meets them is the second run of tests/integration/test_incremental.py (it adds
    new files to a copy of the sample too), so the fault suite pays for no run of its own; that
    run must publish and `assert_hostile_files_handled`."""
    (inbox / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    whole = json.dumps({"title": "خبر", "text": NEW_ARTICLE}, ensure_ascii=False)
    (inbox / "cut.json").write_text(whole[: len(whole) // 2], encoding="utf-8")
    leftover = warehouse.parent / f".{warehouse.name}.999999999.tmp"
    leftover.write_bytes(b"half a copy")
    code = (
        f"import duckdb, time\ncon = duckdb.connect({str(warehouse)!r})\n"
        "con.execute(\"set checkpoint_threshold = '1GB'\")\n"
        "con.execute('create table main.scratch as select 1 as x; delete from main.dim_articles')\n"
        "print('ready', flush=True)\ntime.sleep(120)\n"
    )
    client = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert client.stdout is not None and client.stdout.readline().strip() == "ready"
    client.send_signal(signal.SIGKILL)
    client.wait()
    assert Path(f"{warehouse}.wal").exists()


def assert_hostile_files_handled(warehouse: Path) -> None:
    """After the run: both poison files rejected with their reason, and the new warehouse has
    neither the notebook's table nor its deletions, nor the leftover copy or the stale log."""
    rejects = dict(_query(warehouse, "select source_file, message from rejected_articles"))
    assert "nested too deeply" in rejects["deep.json"]
    assert "truncated" in rejects["cut.json"]
    assert _query(warehouse, "select count(*) from duckdb_tables() where table_name = 'scratch'") == [(0,)]
    assert not (warehouse.parent / f".{warehouse.name}.999999999.tmp").exists()
    assert not Path(f"{warehouse}.wal").exists()
    schemas = {s for (s,) in _query(warehouse, "select distinct schema_name from duckdb_tables()")}
    assert schemas == {"main", "reference"}
