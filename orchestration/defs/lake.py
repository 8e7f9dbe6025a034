"""The landing tables, also written to the Parquet lake (see orchestration/transforms/lake.py).

The DuckDB working database stays the pipeline's own store; the lake is the copy that other engines
(Spark, DuckDB sessions, Polars, BI) read without opening that file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import polars as pl
from dagster._core.storage.db_io_manager import DbTypeHandler, TableSlice

from orchestration.defs.resources import AkhbarDuckDBIOManager, ReplacingPolarsTypeHandler
from orchestration.transforms.lake import append_to_day

LANDING_PREFIX = "landing"


class LakeMirroringPolarsTypeHandler(ReplacingPolarsTypeHandler):
    """Lands the table in DuckDB, then adds the run's batch to today's partition of the lake.

    In the plain inbox mode a landing table holds one run's batch, so the lake keeps one file per
    run (named by the run id, so a retried step rewrites its own file) under the day it was ingested.
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
        context.add_output_metadata({"lake_path": dg.MetadataValue.path(str(path))})


class LakeMirroringDuckDBIOManager(AkhbarDuckDBIOManager):
    """The project's DuckDB I/O manager, mirroring landing tables to the Parquet lake at `lake_dir`."""

    lake_dir: str

    def type_handlers(self) -> Sequence[DbTypeHandler]:  # type: ignore[override]
        return [LakeMirroringPolarsTypeHandler(Path(self.lake_dir))]
