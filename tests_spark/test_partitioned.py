"""Daily partitions: days run independently, a day re-run replaces only its rows, events stay one,
and an article copied on a later day is a duplicate, not a new article.

Here rather than in `make test`: three partition runs and two dbt builds take a few minutes.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from orchestration.partitioned import daily_dbt_models, daily_definitions, daily_landing, daily_record_dates
from orchestration.settings import Settings
from tests.conftest import SAMPLE_INBOX, Pipeline

DAY1, DAY2, DAY3 = "2024-03-01", "2024-03-02", "2024-03-03"
FILES = sorted(p.name for p in SAMPLE_INBOX.iterdir())
LAYOUT = {DAY1: [FILES[0], FILES[1], FILES[3]], DAY2: [FILES[2], FILES[4]]}
# day 3 holds a copy of a day-1 file under another name, built in a window of its own
COPY = f"copy_{FILES[0]}"


def _materialize(defs: dg.Definitions, assets: list, start: str | None, end: str | None = None) -> None:
    # one day is a partition key; several are a partition range (one run, as a backfill makes)
    if end is None:
        key, tags = start, {}
    else:
        key, tags = (
            None,
            {"dagster/asset_partition_range_start": start, "dagster/asset_partition_range_end": end},
        )
    result = dg.materialize(
        assets,
        resources=defs.resources,
        instance=dg.DagsterInstance.ephemeral(),
        partition_key=key,
        tags=tags,
        raise_on_error=False,
    )
    assert result.success


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(con.execute(sql).fetchall())


@pytest.fixture(scope="module")
def daily(tmp_path_factory: pytest.TempPathFactory) -> tuple[dg.Definitions, Settings]:
    root = tmp_path_factory.mktemp("daily")
    for day, names in LAYOUT.items():
        (root / "inbox" / day).mkdir(parents=True)
        for name in names:
            shutil.copy(SAMPLE_INBOX / name, root / "inbox" / day / name)
    settings = Settings(inbox=root / "inbox", warehouse=root / "news.duckdb", quality_dir=root / "q")
    defs = daily_definitions(settings)
    for day in LAYOUT:
        _materialize(defs, [daily_landing], day)
    _materialize(defs, [daily_dbt_models], DAY1, DAY2)
    (root / "inbox" / DAY3).mkdir()
    shutil.copy(SAMPLE_INBOX / FILES[0], root / "inbox" / DAY3 / COPY)
    _materialize(defs, [daily_landing], DAY3)
    _materialize(defs, [daily_dbt_models], DAY3)
    return defs, settings


def test_each_day_is_its_own_lake_partition(daily: tuple[dg.Definitions, Settings]) -> None:
    _, settings = daily
    articles = settings.lake_dir / "daily" / "landing" / "raw_articles"
    assert sorted(p.name for p in articles.iterdir()) == [f"ingest_date={d}" for d in (DAY1, DAY2, DAY3)]


def test_two_days_build_the_same_events_as_one_batch(
    daily: tuple[dg.Definitions, Settings], sample_pipeline: Pipeline
) -> None:
    _, settings = daily
    db = settings.build_database.parent / "daily.duckdb"
    events = "select event_id, num_mentions, num_articles from fct_events"
    assert _rows(db, events) == sorted(sample_pipeline.query(events))
    articles = "select article_id from dim_articles"
    assert _rows(db, articles) == sorted(sample_pipeline.query(articles))


def test_an_event_reported_on_two_days_is_one_event(daily: tuple[dg.Definitions, Settings]) -> None:
    _, settings = daily
    db = settings.build_database.parent / "daily.duckdb"
    days_per_event = _rows(
        db,
        "select m.event_id, count(distinct substr(a.source_file, 1, 10)) from fct_event_mentions m "
        "join dim_articles a using (article_id) group by m.event_id",
    )
    assert any(days == 2 for _, days in days_per_event), "the layout splits an event over two days"
    assert _rows(db, "select count(*) - count(distinct event_id) from fct_events") == [(0,)]


def test_a_copy_on_a_later_day_is_a_duplicate_of_the_first(daily: tuple[dg.Definitions, Settings]) -> None:
    _, settings = daily
    db = settings.build_database.parent / "daily.duckdb"
    first = _rows(db, f"select article_id from dim_articles where source_file = '{DAY1}/{FILES[0]}'")
    assert first, "the copied file has an article"
    assert _rows(
        db,
        "select source_file, record_index, article_id, duplicate_of_file, duplicate_of_record "
        f"from duplicate_articles where source_file like '{DAY3}/%'",
    ) == [(f"{DAY3}/{COPY}", 0, first[0][0], f"{DAY1}/{FILES[0]}", 0)]
    assert _rows(db, f"select count(*) from dim_articles where source_file like '{DAY3}/%'") == [(0,)]


def test_rerunning_a_day_replaces_that_day_only(daily: tuple[dg.Definitions, Settings]) -> None:
    defs, settings = daily
    db = settings.build_database.parent / "daily.duckdb"
    dropped = settings.inbox / DAY2 / FILES[4]
    first_day = _rows(db, f"select * from dim_articles where source_file like '{DAY1}/%'")
    dropped_id = _rows(db, f"select article_id from dim_articles where source_file = '{DAY2}/{FILES[4]}'")
    dropped.unlink()
    _materialize(defs, [daily_landing], DAY2)
    _materialize(defs, [daily_dbt_models], DAY2)
    assert _rows(db, f"select * from dim_articles where source_file like '{DAY1}/%'") == first_day
    assert dropped_id, "the dropped file had an article"
    left = _rows(db, f"select count(*) from fct_event_mentions where article_id = '{dropped_id[0][0]}'")
    assert left == [(0,)]
    assert _rows(db, "select count(*) from dim_articles") == [(len(FILES) - 1,)]


def test_retracting_the_later_copy_keeps_the_first(daily: tuple[dg.Definitions, Settings]) -> None:
    defs, settings = daily
    db = settings.build_database.parent / "daily.duckdb"
    article = f"(select article_id from dim_articles where source_file = '{DAY1}/{FILES[0]}')"
    mentions = f"select count(*) from fct_event_mentions where article_id in {article}"
    before = _rows(db, mentions)
    assert before != [(0,)], "the copied article has event mentions"
    (settings.inbox / DAY3 / COPY).unlink()
    _materialize(defs, [daily_landing], DAY3)
    _materialize(defs, [daily_dbt_models], DAY3)
    assert _rows(db, mentions) == before
    assert _rows(db, f"select count(*) from duplicate_articles where source_file like '{DAY3}/%'") == [(0,)]


def test_a_flat_inbox_is_sorted_into_days_by_its_records(tmp_path: Path) -> None:
    # the sample's text files (no record dates: their modification day) and a feed dated by its records
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    noon = int(datetime(2024, 3, 5, 12, tzinfo=UTC).timestamp())
    for name in FILES[:2]:
        shutil.copy(SAMPLE_INBOX / name, inbox / name)
        os.utime(inbox / name, (noon, noon))
    bodies = [(SAMPLE_INBOX / name).read_text(encoding="utf-8") for name in FILES[2:4]]
    records = [
        {"id": str(i), "published_at": f"2024-03-0{3 + i}T09:00:00+03:00", "text": body}
        for i, body in enumerate(bodies)
    ]
    (inbox / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    settings = Settings(inbox=inbox, warehouse=tmp_path / "news.duckdb", quality_dir=tmp_path / "q")
    defs = daily_definitions(settings)
    _materialize(defs, [daily_record_dates], None)
    for day in ("2024-03-04", "2024-03-05"):
        _materialize(defs, [daily_landing], day)
    raw = settings.lake_dir / "daily" / "landing" / "raw_articles"
    by_day = {
        day: sorted(set(pl.read_parquet(raw / f"ingest_date={day}").get_column("source_file")))
        for day in ("2024-03-04", "2024-03-05")
    }
    # the feed goes to its newest record's day, with both its records
    assert by_day == {"2024-03-04": ["feed.jsonl"], "2024-03-05": sorted(FILES[:2])}
    assert pl.read_parquet(raw / "ingest_date=2024-03-04").height == 2
