from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.defs._metadata import frame_metadata
from orchestration.defs.resources import AkhbarConfig, RunGuard
from orchestration.defs.state import PREVIOUS_BUILD
from orchestration.settings import REFERENCE_DIR
from orchestration.transforms.inbox_state import (
    archive_deleted,
    batch_work,
    inbox_problem,
    pipeline_version,
    plan_changes,
    scan_inbox,
)
from orchestration.transforms.ingest import KNOWN_SCHEMA, read_inbox

TRANSFORMS_DIR = Path(__file__).resolve().parents[1] / "transforms"


def _table_or_none(con: duckdb.DuckDBPyConnection, sql: str, table: str) -> pl.DataFrame | None:
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = ?", [table]
    ).fetchone()[0]
    return con.execute(sql).pl() if exists else None


@dg.multi_asset(
    outs={
        "inbox_files": dg.AssetOut(
            key_prefix="landing",
            description="Inbox files that are new, changed, to reprocess or deleted since the last run.",
        ),
        "raw_articles": dg.AssetOut(key_prefix="landing", description="Decoded articles of this batch."),
        "duplicate_articles": dg.AssetOut(
            key_prefix="landing", description="Records of this batch that duplicate an article."
        ),
        "rejected_articles": dg.AssetOut(
            key_prefix="landing",
            description="Files or records of this batch that could not become an article.",
        ),
        "retracted_articles": dg.AssetOut(
            key_prefix="landing",
            description="Articles whose file changed or disappeared: removed from the warehouse this run.",
        ),
    },
    group_name="ingest",
    deps=[PREVIOUS_BUILD],  # the marts of earlier runs it reads (orchestration/defs/state.py)
)
def inbox_articles(
    context: dg.AssetExecutionContext,
    akhbar: AkhbarConfig,
    warehouse_db: DuckDBResource,
    run_guard: RunGuard,
) -> tuple[
    dg.Output[pl.DataFrame],
    dg.Output[pl.DataFrame],
    dg.Output[pl.DataFrame],
    dg.Output[pl.DataFrame],
    dg.Output[pl.DataFrame],
]:
    """Read only what changed in the inbox since the warehouse last saw it.

    The warehouse itself is the state: `inbox_files` (path, size, mtime, hash, pipeline version) and
    `dim_articles` are read from the working database, so a run whose dbt build failed is redone.
    `run_guard` is required so that the run lock is held, and an unopenable working database moved
    aside, before the first read.
    """
    inbox = Path(akhbar.inbox)
    problem = inbox_problem(inbox)
    if problem:
        # A missing inbox must never read as "every file was deleted".
        raise dg.Failure(description=f"{problem}; nothing was read, retracted or published.")
    with warehouse_db.get_connection() as con:
        previous = _table_or_none(con, "select * from main.inbox_files", "inbox_files")
        known = _table_or_none(
            con, "select article_id, source_file, record_index from main.dim_articles", "dim_articles"
        )
        duplicates_before = _table_or_none(
            con, "select source_file, duplicate_of_file from main.duplicate_articles", "duplicate_articles"
        )
    known = known if known is not None else pl.DataFrame(schema=KNOWN_SCHEMA)

    plan = plan_changes(
        previous, scan_inbox(inbox, previous), pipeline_version(REFERENCE_DIR, TRANSFORMS_DIR)
    )
    if akhbar.inbox_mode == "archive":
        plan = archive_deleted(plan)
    plan, todo, retracted, known = batch_work(plan, known, duplicates_before)
    raw, duplicates, rejected = read_inbox(
        inbox,
        max_file_bytes=akhbar.max_file_bytes,
        files=[inbox / f for f in todo],
        known_articles=known,
        max_record_bytes=akhbar.max_record_bytes,
    )
    batch = plan.filter(pl.col("change") != "unchanged")
    counts = dict(plan.group_by("change").len().iter_rows())
    context.log.info(
        f"inbox {inbox}: {counts}; read {len(todo)} files -> {raw.height} articles, "
        f"{duplicates.height} duplicates, {rejected.height} rejected; {retracted.height} retracted"
    )
    batch_meta = frame_metadata(batch, ["source_file", "change"])
    batch_meta["changes"] = dg.MetadataValue.json(counts)
    return (
        dg.Output(batch, metadata=batch_meta),
        dg.Output(raw, metadata=frame_metadata(raw, ["article_id", "source_file", "encoding"])),
        dg.Output(duplicates, metadata=frame_metadata(duplicates)),
        dg.Output(rejected, metadata=frame_metadata(rejected)),
        dg.Output(retracted, metadata=frame_metadata(retracted)),
    )
