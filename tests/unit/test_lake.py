"""The Parquet lake: hive layout by ingest day, whole-day replacement, idempotent batches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from orchestration.transforms.lake import (
    append_to_day,
    day_dir,
    drop_superseded,
    duckdb_reader,
    lake_frame,
    read_days,
    replace_day,
    retract_from_batches,
    superseded_by_batch,
)

KEY = ("landing", "articles")
DAY1, DAY2 = date(2024, 3, 1), date(2024, 3, 2)


def frame(ids: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"article_id": ids, "n_chars": [len(i) for i in ids]})


def test_layout_is_hive_by_ingest_day(tmp_path: Path) -> None:
    path = replace_day(frame(["a"]), tmp_path, KEY, DAY1)
    assert path.parent == tmp_path / "landing" / "articles" / "ingest_date=2024-03-01"


def test_replacing_a_day_keeps_the_other_days(tmp_path: Path) -> None:
    replace_day(frame(["a", "b"]), tmp_path, KEY, DAY1)
    replace_day(frame(["c"]), tmp_path, KEY, DAY2)
    replace_day(frame(["d"]), tmp_path, KEY, DAY1)
    rows = read_days(tmp_path, KEY, [DAY1, DAY2]).sort("article_id")
    assert rows["article_id"].to_list() == ["c", "d"]
    assert rows["ingest_date"].to_list() == [DAY2, DAY1]
    # no staging or retired folders are left behind
    assert sorted(p.name for p in (tmp_path / "landing" / "articles").iterdir()) == [
        "ingest_date=2024-03-01",
        "ingest_date=2024-03-02",
    ]


def test_an_empty_day_is_a_file_with_the_schema(tmp_path: Path) -> None:
    replace_day(frame([]), tmp_path, KEY, DAY1)
    rows = read_days(tmp_path, KEY, [DAY1])
    assert rows.height == 0
    assert "article_id" in rows.columns


def test_a_day_never_written_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="2024-03-02"):
        read_days(tmp_path, KEY, [DAY2])


def test_writing_a_batch_again_replaces_its_file(tmp_path: Path) -> None:
    append_to_day(frame(["a"]), tmp_path, KEY, DAY1, "run1")
    append_to_day(frame(["b"]), tmp_path, KEY, DAY1, "run2")
    append_to_day(frame(["a2"]), tmp_path, KEY, DAY1, "run1")
    assert sorted(read_days(tmp_path, KEY, [DAY1])["article_id"]) == ["a2", "b"]
    assert len(list(day_dir(tmp_path, KEY, DAY1).glob("*.parquet"))) == 2


def test_all_null_columns_become_strings_and_the_partition_column_stays_in_the_path() -> None:
    out = lake_frame(pl.DataFrame({"x": [None, None], "ingest_date": [DAY1, DAY1]}))
    assert out.schema == pl.Schema({"x": pl.String})


def test_duckdb_reads_the_lake_with_the_day_as_a_date_column(tmp_path: Path) -> None:
    replace_day(frame(["a", "b"]), tmp_path, KEY, DAY1)
    replace_day(frame(["c"]), tmp_path, KEY, DAY2)
    rows = duckdb.sql(
        f"select ingest_date, count(*) from {duckdb_reader(tmp_path, KEY)} group by 1 order by 1"
    ).fetchall()
    assert rows == [(DAY1, 2), (DAY2, 1)]


def test_drop_superseded_removes_rows_matching_any_named_column() -> None:
    rows = pl.DataFrame({"article_id": ["a", "b", "c", None], "source_file": ["f1", "f2", "f3", "f4"]})
    kept = drop_superseded(rows, {"article_id": ["a"], "source_file": ["f3"], "entity_id": ["x"]})
    # `entity_id` is not a column here: ignored; a NULL key is never superseded
    assert kept["source_file"].to_list() == ["f2", "f4"]
    assert drop_superseded(rows, {}).equals(rows)


def test_retract_from_batches_rewrites_earlier_batches_of_every_day(tmp_path: Path) -> None:
    append_to_day(frame(["a", "b"]), tmp_path, KEY, DAY1, "run1")
    append_to_day(frame(["c"]), tmp_path, KEY, DAY2, "run2")
    untouched = day_dir(tmp_path, KEY, DAY2) / "batch-run2.parquet"
    before = untouched.stat().st_mtime_ns
    # run3 re-reads "a" (its new row is in run3's own batch, which must stay)
    append_to_day(frame(["a", "d"]), tmp_path, KEY, DAY2, "run3")
    dropped = retract_from_batches(tmp_path, KEY, {"article_id": ["a", "d"]}, keep_batch="run3")
    assert dropped == 1
    rows = read_days(tmp_path, KEY, [DAY1, DAY2]).sort("article_id")
    assert rows["article_id"].to_list() == ["a", "b", "c", "d"]
    assert rows.filter(pl.col("article_id") == "a")["ingest_date"].to_list() == [DAY2]
    assert untouched.stat().st_mtime_ns == before
    assert not list((tmp_path / "landing" / "articles").glob("_tmp-*"))


def test_each_landing_table_is_superseded_by_its_own_key() -> None:
    batch = pl.DataFrame({"entity_id": ["e1", "e1", "e2"]})
    files, retracted = ["f1"], ["a1"]
    assert superseded_by_batch("raw_articles", batch, files, retracted) == {"source_file": ["f1"]}
    assert superseded_by_batch("inbox_files", batch, files, retracted) == {"source_file": ["f1"]}
    assert superseded_by_batch("entity_mentions", batch, files, retracted) == {"article_id": ["a1"]}
    assert sorted(superseded_by_batch("entities", batch, files, retracted)["entity_id"]) == ["e1", "e2"]
    assert superseded_by_batch("retracted_articles", batch, files, retracted) == {}
