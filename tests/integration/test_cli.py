"""`akhbar run`, `status` and `query` on the sample in a temporary warehouse, as a user calls them.

The deployment is a copy of the sample build whose working database was then damaged (cut in
half), plus an empty inbox file: the one `akhbar run` of this module is the fault suite's rebuild
from scratch (issue 13) as well as the CLI's first run, so the suite pays for one run, not two.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import duckdb
import pytest

from orchestration import cli
from tests.conftest import Pipeline, copy_sample, deployment

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cli_root(sample_pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    copy = copy_sample(sample_pipeline, root)
    (copy.inbox / "empty.txt").write_bytes(b"")
    copy.build_database.write_bytes(
        copy.build_database.read_bytes()[: copy.build_database.stat().st_size // 2]
    )
    (root / "dagster_home").mkdir()
    (root / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return root


def _environment(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    where = deployment(root)  # the session's fixed path to `root` (dbt's partial parse holds)
    monkeypatch.setenv("AKHBAR_INBOX", str(root / "inbox"))
    monkeypatch.setenv("AKHBAR_WAREHOUSE", str(where / "news.duckdb"))
    monkeypatch.setenv("AKHBAR_LAKE", str(where / "lake"))
    monkeypatch.delenv("AKHBAR_QUALITY_DIR", raising=False)
    monkeypatch.setenv("DAGSTER_HOME", str(root / "dagster_home"))


@pytest.fixture(scope="module")
def first_run(cli_root: Path) -> tuple[int, str]:
    """(exit code, stdout) of the first `akhbar run` on the deployment."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as monkeypatch, contextlib.redirect_stdout(out):
        _environment(cli_root, monkeypatch)
        code = cli.main(["run"])
    return code, out.getvalue()


@pytest.fixture
def env(cli_root: Path, first_run: tuple[int, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    _environment(cli_root, monkeypatch)
    return cli_root


def test_run_status_query(env: Path, first_run: tuple[int, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out = first_run
    assert code == 0, out
    assert "materializing" in out and "dbt:" in out and "published" in out
    # quiet: one line per step, not dbt's per-node lines ("12 of 198 START ...")
    assert len(out.splitlines()) < 20 and not re.search(r"\d+ of \d+", out), out

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


def test_damaged_build_database_is_moved_aside_and_rebuilt(
    cli_root: Path, first_run: tuple[int, str], sample_pipeline: Pipeline
) -> None:
    """A working database cut in half is moved aside, the user is told in one line, and the run
    rebuilds every inbox file: the published tables equal the sample's (plus the empty file)."""
    code, out = first_run
    assert code == 0, out
    (notice,) = [line for line in out.splitlines() if "could not be opened" in line]
    assert "moved it to news.duckdb.broken-" in notice and "rebuilding every inbox file" in notice
    assert list((cli_root / "build").glob("news.duckdb.broken-*"))
    warehouse = Pipeline(cli_root / "inbox", cli_root / "news.duckdb", cli_root / "build", True)
    for table in ("dim_articles", "fct_events", "fct_entity_mentions", "rejected_articles", "inbox_files"):
        sql = f"select count(*) from {table}"
        expected = sample_pipeline.query(sql)[0][0] + (table in {"rejected_articles", "inbox_files"})
        assert warehouse.query(sql) == [(expected,)], table
