"""Days of a flat inbox: without `YYYY-MM-DD/` folders, the feed records' own dates sort files into days.

A file is the unit of a day, as in the folder layout (it is read, retracted and re-read whole), so
each file gets one day: the newest `published_at` date among its records, because a feed is fetched
no earlier than its newest record; a file whose records carry no date (text files, undated feeds)
gets the day it was last modified. Dates are the calendar dates as the publisher wrote them (the
first ten characters of `2017-11-21T10:32:00+03:00`, `2017-11-21 10:32:11` or `2017-11-21`), not
shifted to UTC, so a record lands on the day its outlet printed.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl

from orchestration.transforms.dates import parse_metadata_date
from orchestration.transforms.schemas import INBOX_STATE_SCHEMA

DAY_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RECORD_DATES_SCHEMA: dict[str, pl.DataType] = {
    **INBOX_STATE_SCHEMA,
    "ingest_date": pl.Date(),
    "day_source": pl.String(),
}


def has_day_folders(inbox: Path) -> bool:
    """Whether the inbox is laid out as one `YYYY-MM-DD/` folder per day."""
    return inbox.is_dir() and any(p.is_dir() and DAY_FOLDER.match(p.name) for p in inbox.iterdir())


def published_day(column: str = "meta_published_at") -> pl.Expr:
    """The calendar date of a `published_at` string, read as the cleaning stage reads it
    (`dates.parse_metadata_date`); NULL when absent, empty or not a date."""
    return parse_metadata_date(pl.col(column).cast(pl.String))


def record_dates(files: pl.DataFrame, raw: pl.DataFrame) -> pl.DataFrame:
    """One row per inbox file (`files`: INBOX_STATE_SCHEMA) with its day (RECORD_DATES_SCHEMA).

    `raw` holds the files' article records (`source_file`, `meta_published_at`); files with no dated
    record, or no record at all (rejected, empty), fall back to their modification time (UTC day).
    """
    newest = (
        raw.select("source_file", day=published_day())
        .drop_nulls("day")
        .group_by("source_file")
        .agg(pl.col("day").max())
    )
    modified = pl.from_epoch(pl.col("mtime_ns"), time_unit="ns").dt.date()
    return (
        files.select(list(INBOX_STATE_SCHEMA))
        .join(newest, on="source_file", how="left")
        .with_columns(
            ingest_date=pl.coalesce("day", modified),
            day_source=pl.when(pl.col("day").is_not_null())
            .then(pl.lit("records"))
            .otherwise(pl.lit("modified")),
        )
        .select(list(RECORD_DATES_SCHEMA))
        .cast(RECORD_DATES_SCHEMA)  # type: ignore[arg-type]
        .sort("source_file")
    )


def files_of_day(dates: pl.DataFrame, day: date) -> pl.DataFrame:
    """The inbox state (INBOX_STATE_SCHEMA) of the files sorted into `day`."""
    return dates.filter(pl.col("ingest_date") == day).select(list(INBOX_STATE_SCHEMA))
