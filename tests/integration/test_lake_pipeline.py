"""A pipeline run mirrors every landing table to the Parquet lake, row for row."""

from __future__ import annotations

import duckdb

from orchestration.transforms.lake import duckdb_reader
from tests.conftest import Pipeline

LANDED = ["raw_articles", "articles", "sentences", "entity_mentions", "event_candidates", "inbox_files"]


def test_every_landing_table_is_in_the_lake(sample_pipeline: Pipeline) -> None:
    lake = sample_pipeline.warehouse.parent / "lake"
    with duckdb.connect(str(sample_pipeline.build_database), read_only=True) as con:
        for table in LANDED:
            landed = con.execute(f"select count(*) from landing.{table}").fetchone()[0]
            in_lake = con.execute(f"select count(*) from {duckdb_reader(lake, ['landing', table])}")
            assert in_lake.fetchone()[0] == landed, table
            assert landed > 0, table
