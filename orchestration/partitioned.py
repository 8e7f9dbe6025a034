"""Daily-partitioned mode: an inbox laid out as `YYYY-MM-DD/` folders, one partition per ingest day.

A backfill of N days is N independent partition runs of `daily_landing` (ingest and extraction of one
day into the Parquet lake, `<lake>/daily/landing/<table>/ingest_date=<day>/`), which any executor can
fan out, then the dbt models over the window (one run per backfill: `BackfillPolicy.single_run`),
reading the lake with `ingest_window_*` vars. Events are deduplicated over every day in the daily
warehouse, as in the plain mode. The plain inbox mode (`orchestration.definitions`, `make run`) is
unchanged: this is its own code location, `dagster dev -m orchestration.partitioned`. A flat inbox (no
day folders) is first sorted into days by its feed records' dates (`daily_record_dates`).
"""

import json
import os
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl
from dagster_dbt import DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.defs._metadata import frame_metadata
from orchestration.defs.dbt import AkhbarDbtTranslator
from orchestration.defs.ingest import TRANSFORMS_DIR
from orchestration.defs.lake import DailyLakeIOManager
from orchestration.defs.resources import LocalDbtCliResource, dbt_executable, dbt_project
from orchestration.settings import REFERENCE_DIR, Settings, get_settings
from orchestration.transforms.daily import (
    day_plan,
    extract_day,
    files_to_read,
    rebuild_plan,
    retracted_for_day,
)
from orchestration.transforms.inbox_state import pipeline_version, scan_inbox
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.lake import read_days
from orchestration.transforms.record_dates import files_of_day, has_day_folders, record_dates
from orchestration.transforms.reference import load_kb

PREFIX = "daily"
DAILY = dg.DailyPartitionsDefinition(start_date=os.environ.get("AKHBAR_DAILY_START", "2024-01-01"))
LANDED = (
    "inbox_files",
    "raw_articles",
    "duplicate_articles",
    "rejected_articles",
    "retracted_articles",
    "articles",
    "rejected_clean",
    "sentences",
    "entity_mentions",
    "entities",
    "event_candidates",
)


class DailyConfig(dg.ConfigurableResource):
    inbox: str
    lake_dir: str


def _previous(lake: Path, table: str, day: date) -> pl.DataFrame | None:
    """What the day's last run wrote, to retract what this run no longer produces."""
    try:
        return read_days(lake, [PREFIX, "landing", table], [day])
    except FileNotFoundError:
        return None


def record_dates_path(lake: Path) -> Path:
    return lake / PREFIX / "record_dates.parquet"


@dg.asset(key_prefix=[PREFIX], group_name="daily_landing")
def daily_record_dates(context: dg.AssetExecutionContext, daily: DailyConfig) -> dg.MaterializeResult:
    """A flat inbox (no `YYYY-MM-DD/` folders) sorted into days by its feed records' `published_at`.

    Materialize it after the inbox changes, then the days it lists; an inbox of day folders needs it not.
    """
    inbox = Path(daily.inbox)
    files = scan_inbox(inbox)
    raw, _, _ = read_inbox(inbox, files=[inbox / f for f in files["source_file"]])
    dates = record_dates(files, raw)
    path = record_dates_path(Path(daily.lake_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    dates.write_parquet(path)
    days = dates.group_by("ingest_date").len().sort("ingest_date")
    context.log.info(f"{dates.height} files over {days.height} days")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dates.height,
            "days": days.height,
            "files_dated_by_records": int((dates["day_source"] == "records").sum()),
        }
    )


def _day_plan(inbox: Path, lake: Path, day: date, version: str) -> pl.DataFrame:
    previous = _previous(lake, "inbox_files", day)
    if has_day_folders(inbox) or not record_dates_path(lake).exists():
        return day_plan(inbox, day, version, previous)
    # a flat inbox: the files `daily_record_dates` sorted into this day
    return rebuild_plan(files_of_day(pl.read_parquet(record_dates_path(lake)), day), version, previous)


@dg.multi_asset(
    outs={name: dg.AssetOut(key_prefix=[PREFIX, "landing"], io_manager_key="daily_lake") for name in LANDED},
    partitions_def=DAILY,
    group_name="daily_landing",
    deps=[daily_record_dates],
)
def daily_landing(context: dg.AssetExecutionContext, daily: DailyConfig) -> Iterator[dg.Output]:
    """Ingest and extract one day's inbox files; every landing table gets that day's partition."""
    day = date.fromisoformat(context.partition_key)
    inbox, lake = Path(daily.inbox), Path(daily.lake_dir)
    version = pipeline_version(REFERENCE_DIR, TRANSFORMS_DIR)
    plan = _day_plan(inbox, lake, day, version)
    todo = files_to_read(plan)
    raw, duplicates, rejected = read_inbox(inbox, files=[inbox / f for f in todo])
    retracted = retracted_for_day(_previous(lake, "raw_articles", day))
    articles, rejected_clean, sentences, mentions, entities, candidates = extract_day(raw, load_kb())
    context.log.info(
        f"{day}: {len(todo)} files -> {raw.height} articles, {mentions.height} entity mentions, "
        f"{candidates.height} event candidates; {retracted.height} articles of an earlier run replaced"
    )
    frames = {
        "inbox_files": plan,
        "raw_articles": raw,
        "duplicate_articles": duplicates,
        "rejected_articles": rejected,
        "retracted_articles": retracted,
        "articles": articles,
        "rejected_clean": rejected_clean,
        "sentences": sentences,
        "entity_mentions": mentions,
        "entities": entities,
        "event_candidates": candidates,
    }
    for name in LANDED:
        yield dg.Output(frames[name], output_name=name, metadata=frame_metadata(frames[name]))


class DailyDbtTranslator(AkhbarDbtTranslator):
    """The same models under `daily/`: sources map to the daily landing assets above."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        return super().get_asset_key(dbt_resource_props).with_prefix(PREFIX)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        group = super().get_group_name(dbt_resource_props)
        return f"{PREFIX}_{group}" if group else PREFIX


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    name="akhbar_daily_dbt_models",
    partitions_def=DAILY,
    backfill_policy=dg.BackfillPolicy.single_run(),
    dagster_dbt_translator=DailyDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
    ),
)
def daily_dbt_models(
    context: dg.AssetExecutionContext, dbt_daily: DbtCliResource, daily: DailyConfig
) -> Iterator[Any]:
    """`dbt build` of the partitions' window (the documented pattern for partitioned dbt assets)."""
    window = context.partition_time_window
    dbt_vars = {
        "landing_lake": str(Path(daily.lake_dir) / PREFIX / "landing"),
        "ingest_window_start": window.start.date().isoformat(),
        "ingest_window_end": window.end.date().isoformat(),
    }
    yield from dbt_daily.cli(["build", "--vars", json.dumps(dbt_vars)], context=context).stream()


def daily_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or get_settings()
    daily_db = settings.build_database.parent / "daily.duckdb"
    daily_db.parent.mkdir(parents=True, exist_ok=True)
    # dbt's `daily` target reads its database path from this variable (dbt_project/profiles.yml).
    os.environ["AKHBAR_DAILY_DB"] = str(daily_db)
    return dg.Definitions(
        assets=[daily_record_dates, daily_landing, daily_dbt_models],
        resources={
            "daily": DailyConfig(inbox=str(settings.inbox), lake_dir=str(settings.lake_dir)),
            "daily_lake": DailyLakeIOManager(lake_dir=str(settings.lake_dir)),
            "dbt_daily": LocalDbtCliResource(
                project_dir=dbt_project, target="daily", dbt_executable=dbt_executable()
            ),
        },
        jobs=[
            dg.define_asset_job("daily_landing_job", selection=[daily_landing], partitions_def=DAILY),
            dg.define_asset_job("daily_dbt_job", selection=[daily_dbt_models], partitions_def=DAILY),
        ],
        executor=dg.in_process_executor,
    )


defs = daily_definitions()
