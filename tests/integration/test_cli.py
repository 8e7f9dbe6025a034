"""`akhbar run`, `status` and `query` on the sample in a temporary warehouse, as a user calls them."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration import cli
from tests.conftest import SAMPLE_INBOX

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    inbox = root / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    (inbox / "empty.txt").write_bytes(b"")
    (root / "dagster_home").mkdir()
    (root / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return root


@pytest.fixture
def env(deployment: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKHBAR_INBOX", str(deployment / "inbox"))
    monkeypatch.setenv("AKHBAR_WAREHOUSE", str(deployment / "news.duckdb"))
    monkeypatch.delenv("AKHBAR_QUALITY_DIR", raising=False)
    monkeypatch.setenv("DAGSTER_HOME", str(deployment / "dagster_home"))
    return deployment


def test_run_status_query(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run"]) == 0
    out = capsys.readouterr().out
    assert "materializing" in out and "dbt:" in out and "published" in out
    # quiet: one line per step, not dbt's per-node lines
    assert len(out.splitlines()) < 20 and " of " not in out, out

    assert cli.main(["status"]) == 0
    status = capsys.readouterr().out
    assert "6 new, 0 changed, 0 reprocessed, 0 deleted" in status
    assert "5 added, 0 changed, 0 retracted, 0 duplicates, 1 rejected" in status
    assert "rejected empty.txt: empty" in status
    assert ".venv/bin/akhbar query" in status and "uv run" not in status
    assert (env / "news_quality" / "index.html").exists()  # Data Docs beside their warehouse

    with duckdb.connect(str(env / "news.duckdb"), read_only=True) as con:
        kind, stage = con.execute(
            "select typeof(rejected_at), rejected_stage from rejected_articles where source_file = 'empty.txt'"
        ).fetchone()
    assert (kind, stage) == ("TIMESTAMP WITH TIME ZONE", "ingest")

    # nothing new: no Dagster run at all
    assert cli.main(["run"]) == 0
    assert "nothing new" in capsys.readouterr().out

    assert cli.main(["query", "select count(*) as n from dim_articles", "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "5"]
    assert cli.main(["query", "delete from dim_articles"]) == 1
    assert "read-only" in capsys.readouterr().err
