"""A flat inbox sorted into days by its feed records' `published_at` (transforms/record_dates.py)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from orchestration.transforms.daily import rebuild_plan
from orchestration.transforms.inbox_state import scan_inbox
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.record_dates import (
    files_of_day,
    has_day_folders,
    published_day,
    record_dates,
)
from orchestration.transforms.schemas import INBOX_STATE_SCHEMA

BODY = "قال وزير الخارجية المصري سامح شكري إن بلاده ترحب بالاتفاق الموقع بين الطرفين في القاهرة اليوم."
NOON_2024_03_05_NS = int(datetime(2024, 3, 5, 12, tzinfo=UTC).timestamp() * 1e9)


def _files(rows: list[tuple[str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(name, 10, mtime, "x") for name, mtime in rows], schema=INBOX_STATE_SCHEMA, orient="row"
    )


def test_published_day_reads_the_date_as_written_in_every_feed_format() -> None:
    values = [
        "2017-11-21T23:32:00+03:00",
        "2017-11-21 10:32:11",
        "2017-11-21",
        " 2017/11/21 ",
        "",
        None,
        "أمس",
    ]
    days = pl.DataFrame({"meta_published_at": values}, schema={"meta_published_at": pl.String}).select(
        published_day()
    )
    # the publisher's calendar day, not shifted to UTC (23:32 +03:00 is 20:32 UTC the same day anyway)
    assert days.to_series().to_list() == [date(2017, 11, 21)] * 4 + [None] * 3


def test_a_file_takes_its_newest_record_day_else_its_modification_day() -> None:
    files = _files([("a.jsonl", 0), ("b.txt", NOON_2024_03_05_NS), ("c.json", NOON_2024_03_05_NS)])
    raw = pl.DataFrame(
        {
            "source_file": ["a.jsonl", "a.jsonl", "a.jsonl", "b.txt", "c.json"],
            "meta_published_at": ["2024-03-01T08:00:00+02:00", "2024-03-02", None, None, ""],
        }
    )
    out = record_dates(files, raw)
    assert out.select("source_file", "ingest_date", "day_source").rows() == [
        ("a.jsonl", date(2024, 3, 2), "records"),
        ("b.txt", date(2024, 3, 5), "modified"),
        ("c.json", date(2024, 3, 5), "modified"),
    ]
    assert files_of_day(out, date(2024, 3, 5))["source_file"].to_list() == ["b.txt", "c.json"]
    assert files_of_day(out, date(2024, 3, 5)).columns == list(INBOX_STATE_SCHEMA)


def test_a_file_without_records_still_gets_a_day() -> None:
    out = record_dates(
        _files([("empty.txt", NOON_2024_03_05_NS)]),
        pl.DataFrame(schema={"source_file": pl.String, "meta_published_at": pl.String}),
    )
    assert out.rows() == [("empty.txt", 10, NOON_2024_03_05_NS, "x", date(2024, 3, 5), "modified")]


def test_day_folders_are_told_from_a_flat_inbox(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    assert not has_day_folders(tmp_path)
    (tmp_path / "2024-03-01").mkdir()
    assert has_day_folders(tmp_path)
    assert not has_day_folders(tmp_path / "missing")


def test_a_flat_inbox_is_read_day_by_day(tmp_path: Path) -> None:
    # two feeds of two days and an undated text file, read through the real ingest
    def feed(name: str, day: str) -> None:
        records = [
            {"id": f"{name}{i}", "published_at": f"{day}T1{i}:00:00+03:00", "text": f"{BODY} {name} {i}"}
            for i in range(2)
        ]
        (tmp_path / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")

    feed("one.jsonl", "2024-03-01")
    feed("two.jsonl", "2024-03-02")
    (tmp_path / "three.txt").write_text(BODY + " نص بلا تاريخ")
    files = scan_inbox(tmp_path)
    raw, _, _ = read_inbox(tmp_path, files=[tmp_path / f for f in files["source_file"]])
    dates = record_dates(files, raw)
    by_file = dict(dates.select("source_file", "ingest_date").iter_rows())
    assert by_file["one.jsonl"] == date(2024, 3, 1)
    assert by_file["two.jsonl"] == date(2024, 3, 2)
    assert dates.filter(pl.col("source_file") == "three.txt")["day_source"].to_list() == ["modified"]
    plan = rebuild_plan(files_of_day(dates, date(2024, 3, 2)), "v1", None)
    assert plan.select("source_file", "change").rows() == [("two.jsonl", "new")]
