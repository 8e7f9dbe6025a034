"""Incremental runs: only new or changed files are processed, and re-running never duplicates a row."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from orchestration.transforms.lake import duckdb_reader
from tests.conftest import SAMPLE_INBOX, Pipeline, copy_sample, run_pipeline
from tests.integration.test_faults import assert_hostile_files_handled, plant_hostile_files

pytestmark = pytest.mark.slow

TABLES = (
    "dim_articles",
    "fct_entity_mentions",
    "fct_event_mentions",
    "fct_events",
    "dim_entities",
    "inbox_files",
    "rejected_articles",
    "duplicate_articles",
)

NEW_ARTICLE = (
    "أجرى الرئيس الروسي فلاديمير بوتين اليوم الأربعاء اتصالاً هاتفياً مع الرئيس التركي رجب طيب أردوغان، "
    "بحثا خلاله الوضع في سوريا.\n\nوقال الكرملين في بيان إن الجانبين بحثا التحضيرات للقمة الثلاثية.\n"
)


def _counts(pipeline: Pipeline) -> dict[str, int]:
    return {t: pipeline.query(f"select count(*) from {t}")[0][0] for t in TABLES}


def _batch(pipeline: Pipeline) -> dict[str, int]:
    """What the last run processed: the landing tables hold only its batch."""
    with duckdb.connect(str(pipeline.build_database), read_only=True) as con:
        return {
            t: con.execute(f"select count(*) from landing.{t}").fetchone()[0]
            for t in ("inbox_files", "raw_articles", "articles", "entity_mentions", "event_candidates")
        }


@pytest.fixture()
def first(sample_pipeline: Pipeline, tmp_path: Path) -> Pipeline:
    """The first build: a copy of the session's sample build (a fresh build of the same inbox)."""
    return copy_sample(sample_pipeline, tmp_path)


def test_incremental_lifecycle(first: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One warehouse through its life: build, no-op rerun, new files, a changed and a deleted file
    while a BI reader holds the published file open. (One scenario; the build is the sample's, so
    the suite pays for 3 runs, one of which is also the fault suite's poison-file run.)"""
    inbox = first.inbox
    counts = _counts(first)

    # 1. Nothing new: nothing is read or extracted, and no row count moves.
    second = run_pipeline(inbox, tmp_path)
    assert second.success
    assert set(_batch(second).values()) == {0}
    assert _counts(second) == counts

    # 2. New files are the only work; an exact copy is a duplicate of the first file. The same run
    #    meets the fault suite's poison files, stale write-ahead log and leftover copy (issue 13).
    (inbox / "new").mkdir()
    (inbox / "new" / "call.txt").write_text("بوتين وأردوغان\n\n" + NEW_ARTICLE, encoding="utf-8")
    shutil.copy(SAMPLE_INBOX / "001_4dcc44e69668bede.txt", inbox / "new" / "copy_of_001.txt")
    plant_hostile_files(inbox, first.warehouse)
    third = run_pipeline(inbox, tmp_path)
    assert third.success
    assert_hostile_files_handled(third.warehouse)
    batch = _batch(third)
    assert (batch["inbox_files"], batch["raw_articles"], batch["articles"]) == (4, 1, 1)
    after = _counts(third)
    assert after["dim_articles"] == counts["dim_articles"] + 1
    assert after["duplicate_articles"] == counts["duplicate_articles"] + 1
    assert after["rejected_articles"] == counts["rejected_articles"] + 2
    assert after["inbox_files"] == counts["inbox_files"] + 4
    assert third.query(
        "select duplicate_of_file from duplicate_articles where source_file = 'new/copy_of_001.txt'"
    ) == [("001_4dcc44e69668bede.txt",)]
    assert third.query(
        "select count(*) from fct_events where event_code like '041%' and "
        "'Recep Tayyip Erdoğan' in (actor1_name_en, actor2_name_en)"
    ) == [(1,)]

    # 3. Same path with new content replaces its rows; a deleted file's rows go. A reader holding
    #    the published file open read-only keeps one consistent snapshot throughout the run.
    target = "003_30ad97f176798d61.txt"
    old_id = third.query("select article_id from dim_articles where source_file = ?", [target])[0][0]
    (inbox / target).write_text(
        "بوتين وأردوغان في أنقرة\n\n" + NEW_ARTICLE.replace("الأربعاء", "الخميس"), encoding="utf-8"
    )
    (inbox / "004_1e4be8e7b8237beb.txt").unlink()
    # One file of six is 17 % of the articles, over the 5 % mass-retraction guard: allowed here.
    monkeypatch.setenv("AKHBAR_ALLOW_MASS_RETRACTION", "1")
    reader = duckdb.connect(str(third.warehouse), read_only=True)
    snapshot_sql = "select count(*), sum(num_mentions) from fct_events"
    before = reader.execute(snapshot_sql).fetchone()
    seen: list[tuple] = []
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            seen.append(reader.execute(snapshot_sql).fetchone())

    thread = threading.Thread(target=keep_reading)
    thread.start()
    try:
        fourth = run_pipeline(inbox, tmp_path)
    finally:
        stop.set()
        thread.join()
        reader.close()
    assert fourth.success
    assert seen and set(seen) == {before}
    assert fourth.query("select count(*) from dim_articles") == [(5,)]  # 5 + 1 new - 1 deleted
    new_id = fourth.query("select article_id from dim_articles where source_file = ?", [target])[0][0]
    assert new_id != old_id
    for table in ("fct_entity_mentions", "fct_event_mentions"):
        assert fourth.query(f"select count(*) from {table} where article_id = ?", [old_id]) == [(0,)]
    assert fourth.query("select count(*) from dim_articles where source_file like '004%'") == [(0,)]
    assert fourth.query("select count(*) from inbox_files where source_file like '004%'") == [(0,)]
    # Pezeshkian's call was only in the old 003: its event is gone, not frozen.
    assert fourth.query("select count(*) from fct_events where actor2_name_en = 'Masoud Pezeshkian'") == [
        (0,)
    ]

    # 4. The Parquet lake (every run's batch files) holds what the warehouse holds: the changed and
    #    deleted files' old rows were rewritten out of the earlier batches.
    lake = tmp_path / "lake"
    with duckdb.connect() as con:

        def lake_rows(table: str, column: str) -> list[tuple]:
            sql = f"select {column} from {duckdb_reader(lake, ['landing', table])} order by all"
            return con.execute(sql).fetchall()

        articles = sorted(fourth.query("select article_id, source_file from dim_articles"))
        assert lake_rows("articles", "article_id, source_file") == articles
        assert lake_rows("raw_articles", "article_id, source_file") == articles
        for table in ("sentences", "entity_mentions", "event_candidates"):
            ids = {row[0] for row in lake_rows(table, "distinct article_id")}
            assert old_id not in ids and ids <= {a for a, _ in articles}, table
        live_files = sorted(fourth.query("select source_file from inbox_files"))
        assert lake_rows("inbox_files", "source_file") == sorted(
            [*live_files, ("004_1e4be8e7b8237beb.txt",)]  # the deleted file's own `deleted` row
        )
