"""Daily partitions of the inbox: a day is read whole; a file gone since the last run is deleted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from orchestration.transforms.daily import day_plan, files_to_read, retracted_for_day

DAY = date(2024, 3, 1)


def _write(inbox: Path, rel: str, text: str) -> None:
    path = inbox / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_first_run_reads_every_file_of_the_day_and_no_other(tmp_path: Path) -> None:
    _write(tmp_path, "2024-03-01/a.txt", "أ")
    _write(tmp_path, "2024-03-01/sub/b.jsonl", "{}")
    _write(tmp_path, "2024-03-02/c.txt", "ج")
    plan = day_plan(tmp_path, DAY, "v1", None)
    assert plan["source_file"].to_list() == ["2024-03-01/a.txt", "2024-03-01/sub/b.jsonl"]
    assert set(plan["change"]) == {"new"}
    assert files_to_read(plan) == ["2024-03-01/a.txt", "2024-03-01/sub/b.jsonl"]


def test_a_rerun_reads_the_day_again_and_deletes_what_is_gone(tmp_path: Path) -> None:
    _write(tmp_path, "2024-03-01/a.txt", "أ")
    _write(tmp_path, "2024-03-01/b.txt", "ب")
    first = day_plan(tmp_path, DAY, "v1", None)
    (tmp_path / "2024-03-01" / "b.txt").unlink()
    _write(tmp_path, "2024-03-01/c.txt", "ج")
    plan = day_plan(tmp_path, DAY, "v1", first)
    changes = dict(plan.select("source_file", "change").iter_rows())
    assert changes == {
        "2024-03-01/a.txt": "reprocess",
        "2024-03-01/b.txt": "deleted",
        "2024-03-01/c.txt": "new",
    }
    assert files_to_read(plan) == ["2024-03-01/a.txt", "2024-03-01/c.txt"]


def test_a_day_without_a_folder_is_empty(tmp_path: Path) -> None:
    assert day_plan(tmp_path, DAY, "v1", None).height == 0


def test_every_article_of_the_previous_run_is_retracted() -> None:
    previous = pl.DataFrame({"article_id": ["x", "y", "x"], "source_file": ["a", "b", "c"]})
    assert retracted_for_day(previous)["article_id"].to_list() == ["x", "y"]
    assert retracted_for_day(None).height == 0
