from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from orchestration.transforms.inbox_state import (
    archive_deleted,
    batch_key,
    cursor_sequence,
    deleted_article_share,
    inbox_problem,
    pipeline_version,
    plan_changes,
    scan_inbox,
    state_from_json,
    state_to_json,
)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _changes(plan) -> dict[str, str]:
    return dict(plan.select("source_file", "change").iter_rows())


def test_new_changed_deleted_unchanged(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "خبر أول")
    _write(tmp_path / "sub" / "b.jsonl", "{}")
    _write(tmp_path / "c.txt", "خبر ثالث")
    _write(tmp_path / "ignored.csv", "x")
    first = scan_inbox(tmp_path)
    assert first["source_file"].to_list() == ["a.txt", "c.txt", "sub/b.jsonl"]
    assert _changes(plan_changes(None, first, "v1")) == dict.fromkeys(
        ["a.txt", "c.txt", "sub/b.jsonl"], "new"
    )

    state = plan_changes(None, first, "v1")
    _write(tmp_path / "a.txt", "خبر أول معدل")  # same path, new content
    (tmp_path / "c.txt").unlink()
    _write(tmp_path / "d.txt", "خبر رابع")
    second = scan_inbox(tmp_path, state)
    assert _changes(plan_changes(state, second, "v1")) == {
        "a.txt": "changed",
        "c.txt": "deleted",
        "d.txt": "new",
        "sub/b.jsonl": "unchanged",
    }


def test_touch_without_new_content_is_unchanged(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "خبر")
    state = plan_changes(None, scan_inbox(tmp_path), "v1")
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    assert _changes(plan_changes(state, scan_inbox(tmp_path, state), "v1")) == {"a.txt": "unchanged"}


def test_new_pipeline_version_reprocesses(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "خبر")
    state = plan_changes(None, scan_inbox(tmp_path), "v1")
    assert _changes(plan_changes(state, scan_inbox(tmp_path, state), "v2")) == {"a.txt": "reprocess"}
    # Without a version (the sensor), only content counts.
    assert _changes(plan_changes(state, scan_inbox(tmp_path, state))) == {"a.txt": "unchanged"}


def test_batch_key_depends_on_content_only(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "خبر")
    plan = plan_changes(None, scan_inbox(tmp_path))
    assert batch_key(plan) == batch_key(plan_changes(None, scan_inbox(tmp_path)))
    _write(tmp_path / "a.txt", "خبر آخر")
    assert batch_key(plan) != batch_key(plan_changes(None, scan_inbox(tmp_path)))


def test_state_round_trips_through_json(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "خبر")
    state = scan_inbox(tmp_path)
    assert state_from_json(state_to_json(state)).equals(state)
    assert state_from_json(None).is_empty()


def test_pipeline_version_moves_with_reference_data(tmp_path: Path) -> None:
    _write(tmp_path / "ref" / "a.csv", "x\n1\n")
    before = pipeline_version(tmp_path / "ref")
    _write(tmp_path / "ref" / "a.csv", "x\n2\n")
    assert pipeline_version(tmp_path / "ref") != before


def _plan(changes: dict[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {"source_file": list(changes), "change": list(changes.values())},
        schema={"source_file": pl.String, "change": pl.String},
    )


def test_batch_work_retracts_every_touched_file_and_rereads_orphans() -> None:
    from orchestration.transforms.inbox_state import batch_work

    known = pl.DataFrame(
        {
            "article_id": ["a", "b", "c", "n"],
            "source_file": ["a.txt", "b.txt", "c.txt", "n.txt"],
            "record_index": [0] * 4,
        }
    )
    # n.txt is "new" although a failed run already wrote its article: it must not become a
    # duplicate of itself. d.txt duplicated b.txt, which was deleted: it is read again.
    plan = _plan(
        {"a.txt": "unchanged", "b.txt": "deleted", "c.txt": "changed", "d.txt": "unchanged", "n.txt": "new"}
    )
    duplicates_before = pl.DataFrame({"source_file": ["d.txt"], "duplicate_of_file": ["b.txt"]})
    plan, todo, retracted, known_left = batch_work(plan, known, duplicates_before)
    assert dict(plan.iter_rows())["d.txt"] == "reprocess"
    assert sorted(todo) == ["c.txt", "d.txt", "n.txt"]
    assert sorted(retracted["article_id"]) == ["b", "c", "n"]
    assert known_left["source_file"].to_list() == ["a.txt"]


def test_missing_or_unreadable_inbox_is_a_problem_not_an_empty_scan(tmp_path: Path) -> None:
    assert inbox_problem(tmp_path) is None
    missing = inbox_problem(tmp_path / "typo")
    assert missing and "does not exist" in missing and "AKHBAR_INBOX" in missing
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert "is not a folder" in (inbox_problem(tmp_path / "file.txt") or "")
    if os.geteuid() != 0:  # root reads any folder
        locked = tmp_path / "locked"
        locked.mkdir(mode=0)
        assert "cannot be read" in (inbox_problem(locked) or "")


def test_run_key_of_a_file_that_comes_back_is_new(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("خبر", encoding="utf-8")
    first = plan_changes(None, scan_inbox(tmp_path))
    # Deleted, then back with the same content: the same plan as the first load, a later change.
    again = plan_changes(None, scan_inbox(tmp_path))
    assert batch_key(first, 1) != batch_key(again, 3)
    assert batch_key(first, 1) == batch_key(again, 1)
    cursor = state_to_json(scan_inbox(tmp_path), 3)
    assert cursor_sequence(cursor) == 3 and cursor_sequence(None) == 0
    assert state_from_json(cursor).equals(scan_inbox(tmp_path))
    # A cursor written before the count was kept (a bare list of files) still reads.
    old = '[["a.txt", 6, 1, "abc"]]'
    assert cursor_sequence(old) == 0 and state_from_json(old).height == 1


def test_archive_mode_keeps_files_moved_away() -> None:
    plan = pl.DataFrame(
        {"source_file": ["a.txt", "b.txt", "c.txt"], "change": ["deleted", "new", "unchanged"]}
    )
    assert archive_deleted(plan)["change"].to_list() == ["unchanged", "new", "unchanged"]


def test_deleted_article_share_counts_deletions_only() -> None:
    batch = pl.DataFrame(
        {"source_file": ["a.txt", "b.jsonl", "c.txt"], "change": ["deleted", "changed", "deleted"]}
    )
    articles = pl.DataFrame({"source_file": ["a.txt", "b.jsonl", "b.jsonl", "d.txt", "e.txt"]})
    assert deleted_article_share(batch, articles) == (1, 5)


def test_pipeline_version_counts_modules_of_packages(tmp_path: Path) -> None:
    (tmp_path / "entities").mkdir()
    (tmp_path / "top.py").write_text("A = 1\n")
    (tmp_path / "entities" / "stage.py").write_text("B = 1\n")
    before = pipeline_version(tmp_path)
    (tmp_path / "entities" / "stage.py").write_text("B = 2\n")
    assert pipeline_version(tmp_path) != before
    # A module moved into a package is a different layout.
    (tmp_path / "entities" / "stage.py").write_text("B = 1\n")
    (tmp_path / "entities" / "stage.py").rename(tmp_path / "stage.py")
    assert pipeline_version(tmp_path) != before
