"""The publish gate: only a fully successful run replaces the warehouse, atomically.

One warehouse (a copy of the sample build) meets a run stopped by a failing blocking check, then a
run killed mid-build, then a normal run: each failure must leave the last good warehouse as it
was, and the normal run must publish everything the failed ones did not. The chain runs once per
module (two failed runs and one whole run); each test asserts its part of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from tests.conftest import REPO, SAMPLE_INBOX, Pipeline, copy_sample, run_pipeline

pytestmark = pytest.mark.slow


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dg.asset_check(asset=dg.AssetKey(["landing", "articles"]), blocking=True)
def no_quarantined_source(articles: pl.DataFrame) -> dg.AssetCheckResult:
    """A blocking check of the kind a deployment adds: here it fails on articles from a given outlet."""
    bad = articles.filter(pl.col("source_name") == "مصدر محظور").height
    return dg.AssetCheckResult(passed=bad == 0, metadata={"quarantined": bad})


@dataclass(frozen=True)
class Chain:
    before: str  # digest of the published warehouse as copied
    blocked_success: bool
    after_blocked: str
    alive_when_killed: bool
    after_kill: str
    last: Pipeline  # the normal run after both failures
    after_last: str


def _kill_mid_build(inbox: Path, warehouse: Path, root: Path) -> bool:
    """Start `dagster asset materialize` on the real Definitions and SIGKILL it once the build is
    under way (the working database is being written). Whether it was still running then."""
    env = {
        **os.environ,
        "AKHBAR_INBOX": str(inbox),
        "AKHBAR_WAREHOUSE": str(warehouse),
        "AKHBAR_QUALITY_DIR": str(root / "quality"),
        "AKHBAR_LAKE": str(root / "lake"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }
    (root / "dagster_home").mkdir()
    shutil.copy(REPO / ".dagster_home" / "dagster.yaml", root / "dagster_home" / "dagster.yaml")
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
    build = warehouse.parent / "build" / warehouse.name
    mtime = build.stat().st_mtime_ns
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and build.stat().st_mtime_ns == mtime:
        time.sleep(0.05)
    alive = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return alive


@pytest.fixture(scope="module")
def chain(sample_pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Chain:
    root = tmp_path_factory.mktemp("gate")
    copy = copy_sample(sample_pipeline, root)
    inbox, warehouse = copy.inbox, copy.warehouse
    before = _digest(warehouse)
    record = {
        "id": "x",
        "title": "خبر",
        "published_at": "2017-11-22",
        "source": "مصدر محظور",
        "text": "التقى الرئيس الروسي فلاديمير بوتين الرئيس السوري بشار الأسد في سوتشي. " * 3,
    }
    (inbox / "quarantined.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.copy(SAMPLE_INBOX / "000_2f962dc379b5ddac.txt", inbox / "copy_of_000.txt")
    (inbox / "new.txt").write_text(
        "أجرى الرئيس الروسي فلاديمير بوتين اتصالاً هاتفياً مع الرئيس التركي رجب طيب أردوغان اليوم.\n",
        encoding="utf-8",
    )
    blocked = run_pipeline(inbox, root, extra_checks=[no_quarantined_source])
    after_blocked = _digest(warehouse)
    alive = _kill_mid_build(inbox, warehouse, root)
    after_kill = _digest(warehouse)
    last = run_pipeline(inbox, root)
    return Chain(before, blocked.success, after_blocked, alive, after_kill, last, _digest(warehouse))


def test_failed_blocking_check_keeps_last_good_warehouse(chain: Chain) -> None:
    assert not chain.blocked_success
    assert chain.after_blocked == chain.before
    # The failed run did not advance the state: the next (passing) run picks the file up.
    assert chain.last.success
    assert chain.last.query("select count(*) from dim_articles where source_file = 'quarantined.jsonl'") == [
        (1,)
    ]


def test_killed_run_leaves_warehouse_intact_and_next_run_succeeds(chain: Chain) -> None:
    assert chain.alive_when_killed, "the run ended before it could be killed"
    assert chain.after_kill == chain.before
    assert chain.last.success
    assert chain.after_last != chain.before
    # Every file the failed runs saw is accounted for once, the exact copy as a duplicate.
    ledger = chain.last.query(
        "select source_file from dim_articles union all select source_file from duplicate_articles "
        "union all select source_file from rejected_articles"
    )
    assert sorted(f for (f,) in ledger) == sorted(p.name for p in chain.last.inbox.iterdir())
    assert chain.last.query(
        "select duplicate_of_file from duplicate_articles where source_file = 'copy_of_000.txt'"
    ) == [("000_2f962dc379b5ddac.txt",)]
