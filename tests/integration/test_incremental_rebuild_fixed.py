"""An incremental run leaves the published marts as a from-scratch build of the same inbox would.

Issue #14 makes incremental runs cheap; this is what they must not trade away. The batch holds each
kind of change: a new file re-reporting an event of the sample (its cluster gains mentions), a new
event, a file whose content changed and a deleted file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import Pipeline, copy_sample, run_pipeline

pytestmark = pytest.mark.slow

# Columns that record a run, not what the inbox holds: when a file was rejected, and what the run
# that last read a file saw (`changed` in the incremental run, `new` in every file of a rebuild).
RUN_TIME_COLUMNS = {"rejected_articles": ("rejected_at",), "inbox_files": ("change",)}
# Averages over mentions merged in another order differ in the last bits (fct_events.avg_confidence
# 0.5481452511380575 against ...573): floats are compared to 12 decimals.
FLOAT_DECIMALS = 12
# The run log has one row per run by design.
RUN_LOG_TABLES = {"ingest_runs"}

CALL = (
    "أجرى الرئيس الروسي فلاديمير بوتين اليوم الأربعاء اتصالاً هاتفياً مع الرئيس التركي رجب طيب أردوغان، "
    "بحثا خلاله الوضع في سوريا.\n\nوقال الكرملين في بيان إن الجانبين بحثا التحضيرات للقمة الثلاثية.\n"
)


def published(pipeline: Pipeline) -> dict[str, list[tuple]]:
    """Every published relation of schema `main`, rows sorted, run-time columns left out."""
    with duckdb.connect(str(pipeline.warehouse), read_only=True) as con:
        names = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main' "
                "order by table_name"
            ).fetchall()
        ]
        out = {}
        for name in names:
            if name in RUN_LOG_TABLES:
                continue
            dropped = RUN_TIME_COLUMNS.get(name, ())
            exclude = f" exclude ({', '.join(dropped)})" if dropped else ""
            rows = con.execute(f'select *{exclude} from main."{name}" order by all').fetchall()
            out[name] = [_rounded(row) for row in rows]
        return out


def _rounded(row: tuple) -> tuple:
    return tuple(round(v, FLOAT_DECIMALS) if isinstance(v, float) else v for v in row)


def test_an_incremental_run_publishes_what_a_rebuild_publishes(
    sample_pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incremental = copy_sample(sample_pipeline, tmp_path / "incremental")
    inbox = incremental.inbox
    (inbox / "new").mkdir()
    # The sample's Putin-Assad article again under another headline: the same events gain mentions.
    again = (inbox / "002_d334092499d7ec8c.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    (inbox / "new" / "again.txt").write_text("بوتين والأسد في سوتشي\n" + again, encoding="utf-8")
    (inbox / "new" / "call.txt").write_text("بوتين وأردوغان\n\n" + CALL, encoding="utf-8")
    (inbox / "003_30ad97f176798d61.txt").write_text(
        "بوتين وأردوغان في أنقرة\n\n" + CALL.replace("الأربعاء", "الخميس"), encoding="utf-8"
    )
    (inbox / "004_1e4be8e7b8237beb.txt").unlink()
    monkeypatch.setenv("AKHBAR_ALLOW_MASS_RETRACTION", "1")  # one file of five is over the 5 % guard
    after = run_pipeline(inbox, tmp_path / "incremental")
    assert after.success

    rebuild_root = tmp_path / "rebuild"
    shutil.copytree(inbox, rebuild_root / "inbox")  # copy2: the same sizes and mtimes
    rebuild = run_pipeline(rebuild_root / "inbox", rebuild_root)
    assert rebuild.success

    got, want = published(after), published(rebuild)
    assert got.keys() == want.keys()
    assert want["fct_events"] and want["dim_articles"]
    for name in want:
        assert got[name] == want[name], name
