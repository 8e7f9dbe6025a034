"""Incremental runs: only new or changed files are processed, and re-running never duplicates a row."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_INBOX, Pipeline, run_pipeline

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
def inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    return inbox


def test_rerun_processes_nothing_and_changes_no_row(inbox: Path, tmp_path: Path) -> None:
    first = run_pipeline(inbox, tmp_path)
    assert first.success
    counts = _counts(first)
    second = run_pipeline(inbox, tmp_path)
    assert second.success
    assert _batch(second) == dict.fromkeys(
        ("inbox_files", "raw_articles", "articles", "entity_mentions", "event_candidates"), 0
    )
    assert _counts(second) == counts


def test_new_files_are_the_only_work(inbox: Path, tmp_path: Path) -> None:
    first = run_pipeline(inbox, tmp_path)
    before = _counts(first)
    (inbox / "new").mkdir()
    (inbox / "new" / "call.txt").write_text("بوتين وأردوغان\n\n" + NEW_ARTICLE, encoding="utf-8")
    shutil.copy(SAMPLE_INBOX / "001_4dcc44e69668bede.txt", inbox / "new" / "copy_of_001.txt")
    second = run_pipeline(inbox, tmp_path)
    assert second.success
    batch = _batch(second)
    assert batch["inbox_files"] == 2 and batch["raw_articles"] == 1 and batch["articles"] == 1
    after = _counts(second)
    assert after["dim_articles"] == before["dim_articles"] + 1
    assert after["duplicate_articles"] == before["duplicate_articles"] + 1
    assert after["inbox_files"] == before["inbox_files"] + 2
    assert second.query(
        "select duplicate_of_file from duplicate_articles where source_file = 'new/copy_of_001.txt'"
    ) == [("001_4dcc44e69668bede.txt",)]
    # The new call is an event; counts of events are recomputed, not frozen.
    assert second.query(
        "select count(*) from fct_events where event_code like '041%' and "
        "'Recep Tayyip Erdoğan' in (actor1_name_en, actor2_name_en)"
    ) == [(1,)]


def test_changed_and_deleted_files_replace_their_rows(inbox: Path, tmp_path: Path) -> None:
    first = run_pipeline(inbox, tmp_path)
    assert first.success
    target = "003_30ad97f176798d61.txt"
    old_id = first.query("select article_id from dim_articles where source_file = ?", [target])[0][0]
    (inbox / target).write_text(
        "بوتين وأردوغان\n\n" + NEW_ARTICLE, encoding="utf-8"
    )  # same path, new content
    (inbox / "004_1e4be8e7b8237beb.txt").unlink()
    second = run_pipeline(inbox, tmp_path)
    assert second.success
    assert second.query("select count(*) from dim_articles") == [(4,)]
    assert second.query("select count(*) from inbox_files") == [(4,)]
    new_id = second.query("select article_id from dim_articles where source_file = ?", [target])[0][0]
    assert new_id != old_id
    for table in ("fct_entity_mentions", "fct_event_mentions"):
        assert second.query(f"select count(*) from {table} where article_id = ?", [old_id]) == [(0,)]
    assert second.query("select count(*) from dim_articles where source_file like '004%'") == [(0,)]
    # Pezeshkian's call was only in the old 003: its event is gone, not frozen.
    assert second.query("select count(*) from fct_events where actor2_name_en = 'Masoud Pezeshkian'") == [
        (0,)
    ]


def test_reader_keeps_a_consistent_snapshot_during_a_run(inbox: Path, tmp_path: Path) -> None:
    """A BI tool holding the published file open read-only while a scheduled run publishes."""
    first = run_pipeline(inbox, tmp_path)
    assert first.success
    reader = duckdb.connect(str(first.warehouse), read_only=True)
    before = reader.execute("select count(*), sum(num_mentions) from fct_events").fetchone()
    (inbox / "call.txt").write_text("بوتين وأردوغان\n\n" + NEW_ARTICLE, encoding="utf-8")
    seen: list[tuple] = []
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            seen.append(reader.execute("select count(*), sum(num_mentions) from fct_events").fetchone())

    thread = threading.Thread(target=keep_reading)
    thread.start()
    try:
        second = run_pipeline(inbox, tmp_path)
    finally:
        stop.set()
        thread.join()
    assert second.success
    assert seen and set(seen) == {before}  # the open reader saw one snapshot throughout
    reader.close()
    fresh = second.query("select count(*) from dim_articles")
    assert fresh == [(6,)]
