"""The publish gate: only a fully successful run replaces the warehouse, atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from tests.conftest import REPO, SAMPLE_INBOX, Pipeline, run_pipeline

pytestmark = pytest.mark.slow


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def published(sample_pipeline: Pipeline, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample's published warehouse, working database and inbox (no extra run)."""
    inbox = tmp_path / "inbox"
    shutil.copytree(sample_pipeline.inbox, inbox)
    (tmp_path / "build").mkdir()
    shutil.copy(sample_pipeline.build_database, tmp_path / "build" / sample_pipeline.build_database.name)
    warehouse = tmp_path / sample_pipeline.warehouse.name
    shutil.copy(sample_pipeline.warehouse, warehouse)
    return inbox, warehouse


@dg.asset_check(asset=dg.AssetKey(["landing", "articles"]), blocking=True)
def no_quarantined_source(articles: pl.DataFrame) -> dg.AssetCheckResult:
    """A blocking check of the kind a deployment adds: here it fails on articles from a given outlet."""
    bad = articles.filter(pl.col("source_name") == "مصدر محظور").height
    return dg.AssetCheckResult(passed=bad == 0, metadata={"quarantined": bad})


def test_failed_blocking_check_keeps_last_good_warehouse(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    inbox, warehouse = published
    before = _digest(warehouse)
    record = {
        "id": "x",
        "title": "خبر",
        "published_at": "2017-11-22",
        "source": "مصدر محظور",
        "text": "التقى الرئيس الروسي فلاديمير بوتين الرئيس السوري بشار الأسد في سوتشي. " * 3,
    }
    (inbox / "quarantined.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    second = run_pipeline(inbox, tmp_path, extra_checks=[no_quarantined_source])
    assert not second.success
    assert _digest(warehouse) == before
    # The failed run did not advance the state: the next (passing) run picks the file up.
    third = run_pipeline(inbox, tmp_path)
    assert third.success
    assert third.query("select count(*) from dim_articles where source_file = 'quarantined.jsonl'") == [(1,)]


def test_killed_run_leaves_warehouse_intact_and_next_run_succeeds(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    inbox, warehouse = published
    before = _digest(warehouse)
    shutil.copy(SAMPLE_INBOX / "000_2f962dc379b5ddac.txt", inbox / "copy_of_000.txt")
    (inbox / "new.txt").write_text(
        "أجرى الرئيس الروسي فلاديمير بوتين اتصالاً هاتفياً مع الرئيس التركي رجب طيب أردوغان اليوم.\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "AKHBAR_INBOX": str(inbox),
        "AKHBAR_WAREHOUSE": str(warehouse),
        "AKHBAR_QUALITY_DIR": str(tmp_path / "quality"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    (tmp_path / "dagster_home").mkdir()
    shutil.copy(REPO / ".dagster_home" / "dagster.yaml", tmp_path / "dagster_home" / "dagster.yaml")
    command = [
        sys.executable,
        "-m",
        "dagster",
        "asset",
        "materialize",
        "--select",
        "*",
        "-m",
        "orchestration.definitions",
    ]
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Kill it once the build is under way (the working database is being written).
    build = warehouse.parent / "build" / warehouse.name
    mtime = build.stat().st_mtime_ns
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and build.stat().st_mtime_ns == mtime:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _digest(warehouse) == before

    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _digest(warehouse) != before
