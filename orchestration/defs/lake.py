"""The landing tables, also written to the Parquet lake (see orchestration/transforms/lake.py).

The DuckDB working database stays the pipeline's own store; the lake is the copy that other engines
(Spark, DuckDB sessions, Polars, BI) read without opening that file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
from dagster._core.storage.db_io_manager import DbTypeHandler, TableSlice

from orchestration.defs.resources import AkhbarDuckDBIOManager, ReplacingPolarsTypeHandler
from orchestration.transforms.lake import (
    FILE_TABLES,
    append_to_day,
    read_days,
    replace_day,
    retract_from_batches,
    superseded_by_batch,
)

LANDING_PREFIX = "landing"


class LakeMirroringPolarsTypeHandler(ReplacingPolarsTypeHandler):
    """Lands the table in DuckDB, then adds the run's batch to today's partition of the lake.

    In the plain inbox mode a landing table holds one run's batch, so the lake keeps one file per
    run (named by the run id, so a retried step rewrites its own file) under the day it was ingested,
    and rewrites earlier runs' files without the rows this batch supersedes (changed, deleted or
    re-read files, retracted articles), so the lake holds what the warehouse holds.
    """

    def __init__(self, lake_dir: Path) -> None:
        self.lake_dir = lake_dir

    def handle_output(
        self, context: dg.OutputContext, table_slice: TableSlice, obj: pl.DataFrame, connection
    ) -> None:
        super().handle_output(context, table_slice, obj, connection)
        key_path = context.asset_key.path
        if key_path[0] != LANDING_PREFIX:
            return
        day = datetime.now(UTC).date()
        path = append_to_day(obj, self.lake_dir, key_path, day, context.run_id)
        table = key_path[-1]
        # The ingest step lands inbox_files first, and retracted_articles before any later step runs:
        # both are this run's batch when a table that needs them is written.
        files = _column(connection, table_slice.schema, "inbox_files", "source_file")
        retracted = (
            []
            if table in FILE_TABLES
            else _column(connection, table_slice.schema, "retracted_articles", "article_id")
        )
        superseded = superseded_by_batch(table, obj, files, retracted)
        dropped = retract_from_batches(self.lake_dir, key_path, superseded, context.run_id)
        context.add_output_metadata(
            {"lake_path": dg.MetadataValue.path(str(path)), "lake_rows_retracted": dropped}
        )


def _column(connection, schema: str, table: str, column: str) -> list[str]:
    """A column of a landing table in DuckDB; empty when the table does not exist yet."""
    try:
        return [row[0] for row in connection.execute(f"select {column} from {schema}.{table}").fetchall()]
    except duckdb.CatalogException:
        return []


class LakeMirroringDuckDBIOManager(AkhbarDuckDBIOManager):
    """The project's DuckDB I/O manager, mirroring landing tables to the Parquet lake at `lake_dir`."""

    lake_dir: str

    def type_handlers(self) -> Sequence[DbTypeHandler]:  # type: ignore[override]
        return [LakeMirroringPolarsTypeHandler(Path(self.lake_dir))]


class DailyLakeIOManager(dg.ConfigurableIOManager):
    """Daily-partitioned landing tables, stored only in the lake: one folder per ingest day.

    Each partition run writes its own folders, so any number of days can run at once (a DuckDB file
    takes one writer at a time); re-running a day swaps that day's folder and touches no other.
    """

    lake_dir: str

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame) -> None:
        day = date.fromisoformat(context.partition_key)
        path = replace_day(obj, Path(self.lake_dir), context.asset_key.path, day)
        context.add_output_metadata(
            {"dagster/row_count": obj.height, "lake_path": dg.MetadataValue.path(str(path))}
        )

    def load_input(self, context: dg.InputContext) -> pl.DataFrame:
        days = [date.fromisoformat(key) for key in context.asset_partition_keys]
        return read_days(Path(self.lake_dir), context.asset_key.path, days)
