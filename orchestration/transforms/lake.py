"""The Parquet lake: landing tables as hive-partitioned Parquet, readable by any engine.

Layout: ``<root>/<asset key path>/ingest_date=YYYY-MM-DD/<file>.parquet``. The partition column is
in the path only (hive convention), so DuckDB (`hive_partitioning`), Spark, Polars and pyarrow all
read it as a column. A day's folder is written to a hidden staging folder first and swapped in, so a
reader never sees half a partition; names starting with ``_`` or ``.`` are skipped by Spark and by
the ``ingest_date=*`` globs.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

import polars as pl

PARTITION_COLUMN = "ingest_date"
DAY_FILE = "part-0.parquet"


def lake_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with types every engine reads from Parquet.

    A column that is NULL on every row has Polars' Null type, which Parquet stores as an `unknown`
    logical type that Spark cannot read: such columns become strings. The partition column is dropped
    because it lives in the path.
    """
    nulls = [name for name, dtype in frame.schema.items() if dtype == pl.Null]
    return frame.drop(PARTITION_COLUMN, strict=False).with_columns(pl.col(nulls).cast(pl.String))


def table_dir(root: Path, key_path: Sequence[str]) -> Path:
    return root.joinpath(*key_path)


def day_dir(root: Path, key_path: Sequence[str], day: date) -> Path:
    return table_dir(root, key_path) / f"{PARTITION_COLUMN}={day.isoformat()}"


def replace_day(frame: pl.DataFrame, root: Path, key_path: Sequence[str], day: date) -> Path:
    """Write `frame` as the whole of `day`'s partition, replacing what was there.

    An empty frame still writes a file (a schema with no rows): the day was processed and has no
    rows, and readers can infer the table's columns from it.
    """
    target = day_dir(root, key_path, day)
    staging = target.parent / f"_staging-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    lake_frame(frame).write_parquet(staging / DAY_FILE)
    retired = target.parent / f"_retired-{uuid.uuid4().hex}"
    if target.exists():
        os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)
    return target / DAY_FILE


def append_to_day(frame: pl.DataFrame, root: Path, key_path: Sequence[str], day: date, batch_id: str) -> Path:
    """Add one batch's rows to `day` as their own file, named by the batch (a run id).

    Writing the same batch again replaces its file, so a retried step never duplicates rows.
    """
    target = day_dir(root, key_path, day)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"batch-{batch_id}.parquet"
    tmp = target.parent / f"_tmp-{uuid.uuid4().hex}.parquet"
    lake_frame(frame).write_parquet(tmp)
    os.replace(tmp, path)
    return path


def read_days(root: Path, key_path: Sequence[str], days: Iterable[date]) -> pl.DataFrame:
    """The rows of `days`, with `ingest_date` as a column; a day never written is an error."""
    frames = []
    for day in days:
        folder = day_dir(root, key_path, day)
        files = sorted(folder.glob("*.parquet"))
        if not files:
            raise FileNotFoundError(f"no Parquet partition {folder}: materialize that day first")
        day_frame = pl.concat([pl.read_parquet(f) for f in files], how="diagonal_relaxed")
        frames.append(day_frame.with_columns(pl.lit(day).alias(PARTITION_COLUMN)))
    return pl.concat(frames, how="diagonal_relaxed")


def duckdb_reader(root: Path, key_path: Sequence[str]) -> str:
    """A DuckDB table expression over every day of a table."""
    glob = table_dir(root, key_path) / f"{PARTITION_COLUMN}=*" / "*.parquet"
    return f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)"


def drop_superseded(frame: pl.DataFrame, superseded: Mapping[str, Sequence[str]]) -> pl.DataFrame:
    """The rows of an earlier batch that a new batch leaves standing.

    `superseded` maps a column to the values the new batch replaces (its inbox files, its retracted
    article ids, the entity ids it restates); a row goes when any of its columns named there holds
    one of them. Columns the frame lacks are ignored, so one mapping serves several tables.
    """
    present = {col: list(values) for col, values in superseded.items() if col in frame.columns}
    if not present:
        return frame
    gone = pl.any_horizontal([pl.col(col).is_in(values) for col, values in present.items()])
    return frame.filter(~gone.fill_null(False))


def retract_from_batches(
    root: Path, key_path: Sequence[str], superseded: Mapping[str, Sequence[str]], keep_batch: str
) -> int:
    """Rewrite a table's batch files (every day) without the rows a new batch supersedes; rows dropped.

    The plain mode appends one file per run, so a file that is changed, retracted or read again
    leaves its old rows in earlier runs' files: without this, the lake would hold rows the DuckDB
    warehouse has deleted. The new batch's own file (`batch-<keep_batch>.parquet`) is left alone; a
    file is swapped whole (written beside it, then renamed over it), so a reader sees either version.
    """
    dropped = 0
    keep = f"batch-{keep_batch}.parquet"
    for path in sorted(table_dir(root, key_path).glob(f"{PARTITION_COLUMN}=*/batch-*.parquet")):
        if path.name == keep:
            continue
        old = pl.read_parquet(path)
        new = drop_superseded(old, superseded)
        if new.height == old.height:
            continue
        dropped += old.height - new.height
        tmp = path.parent.parent / f"_tmp-{uuid.uuid4().hex}.parquet"
        new.write_parquet(tmp)
        os.replace(tmp, path)
    return dropped


# Plain mode: the landing tables the ingest step writes, keyed by inbox file.
FILE_TABLES = frozenset({"inbox_files", "raw_articles", "duplicate_articles", "rejected_articles"})


def superseded_by_batch(
    table: str, batch: pl.DataFrame, batch_files: Sequence[str], retracted_ids: Sequence[str]
) -> dict[str, list[str]]:
    """What a new plain-mode batch of `table` replaces in earlier batches (see `drop_superseded`).

    The ingest tables are replaced per inbox file of the batch (new, changed, reprocessed or deleted);
    the tables derived from articles per retracted article, as dbt's `delete_retracted_articles`
    does; `entities` per entity the batch restates (dbt keeps the latest row of an `entity_id`).
    `retracted_articles` is each run's own record of what it retracted, and is never rewritten.
    """
    if table == "retracted_articles":
        return {}
    if table == "entities":
        return {"entity_id": batch.get_column("entity_id").cast(pl.String).unique().to_list()}
    if table in FILE_TABLES:
        return {"source_file": list(batch_files)}
    return {"article_id": list(retracted_ids)}
