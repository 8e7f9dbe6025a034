"""Daily partitions: days run independently, a day re-run replaces only its rows, events stay one.

Here rather than in `make test`: three partition runs and two dbt builds take a few minutes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.partitioned import daily_dbt_models, daily_definitions, daily_landing
from orchestration.settings import Settings
from tests.conftest import SAMPLE_INBOX, Pipeline

DAY1, DAY2 = "2024-03-01", "2024-03-02"
FILES = sorted(p.name for p in SAMPLE_INBOX.iterdir())
LAYOUT = {DAY1: [FILES[0], FILES[1], FILES[3]], DAY2: [FILES[2], FILES[4]]}


def _materialize(defs: dg.Definitions, assets: list, start: str, end: str | None = None) -> None:
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
    return defs, settings


def test_each_day_is_its_own_lake_partition(daily: tuple[dg.Definitions, Settings]) -> None:
    _, settings = daily
    articles = settings.lake_dir / "daily" / "landing" / "raw_articles"
    assert sorted(p.name for p in articles.iterdir()) == [f"ingest_date={DAY1}", f"ingest_date={DAY2}"]


def test_two_days_build_the_same_events_as_one_batch(
    daily: tuple[dg.Definitions, Settings], sample_pipeline: Pipeline
) -> None:
    _, settings = daily
    db = settings.build_database.parent / "daily.duckdb"
    events = "select event_id, num_mentions, num_articles from fct_events"
    assert _rows(db, events) == sorted(sample_pipeline.query(events))
    articles = "select article_id from dim_articles"
    assert _rows(db, articles) == sorted(sample_pipeline.query(articles))


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
