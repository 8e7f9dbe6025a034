from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.defs.resources import AkhbarConfig
from orchestration.transforms.inbox_state import deleted_article_share
from orchestration.transforms.ingest import list_inbox_files

# Every (file, record) the warehouse knows of, with where it ended up.
LEDGER_SQL = """
select source_file, record_index, 'article' as outcome from main.dim_articles
union all
select source_file, record_index, 'duplicate' from main.duplicate_articles
union all
select source_file, record_index, 'rejected' from main.rejected_articles
"""


@dg.asset_check(asset=dg.AssetKey("inbox_files"), blocking=True, name="every_inbox_file_accounted_for")
def every_inbox_file_accounted_for(akhbar: AkhbarConfig, warehouse_db: DuckDBResource) -> dg.AssetCheckResult:
    """Every inbox file the pipeline has seen is in dim_articles, duplicate_articles or
    rejected_articles, and every (file, record) in exactly one of them: nothing is lost or counted twice.

    "Seen" is `inbox_files`, what the ingest scanned; files that arrived during the run are only
    reported (the next run takes them), so a busy inbox never blocks publishing.
    """
    with warehouse_db.get_connection() as con:
        ledger = con.execute(LEDGER_SQL).pl()
        seen = set(con.execute("select source_file from main.inbox_files").pl()["source_file"].to_list())
    inbox = Path(akhbar.inbox)
    on_disk = {p.relative_to(inbox).as_posix() for p in list_inbox_files(inbox)} if inbox.is_dir() else set()
    counted_twice = ledger.group_by("source_file", "record_index").len().filter(pl.col("len") > 1)
    accounted = set(ledger["source_file"].to_list())
    missing = sorted(seen - accounted)
    unknown = sorted(accounted - seen)
    return dg.AssetCheckResult(
        passed=not missing and not unknown and counted_twice.is_empty(),
        metadata={
            "files_seen": len(seen),
            "outcomes": dg.MetadataValue.json(dict(ledger.group_by("outcome").len().iter_rows())),
            "missing": dg.MetadataValue.json(missing[:20]),
            "not_in_inbox_files": dg.MetadataValue.json(unknown[:20]),
            "counted_twice": dg.MetadataValue.json(counted_twice.head(20).rows()),
            "arrived_during_run": dg.MetadataValue.json(sorted(on_disk - seen)[:20]),
        },
    )


@dg.asset_check(asset=dg.AssetKey(["landing", "inbox_files"]), blocking=True, name="retraction_within_limit")
def retraction_within_limit(
    akhbar: AkhbarConfig, warehouse_db: DuckDBResource, inbox_files: pl.DataFrame
) -> dg.AssetCheckResult:
    """Files deleted from the inbox retract at most AKHBAR_MAX_RETRACT_SHARE (default 5 %) of the
    warehouse's articles, unless the run allows it with AKHBAR_ALLOW_MASS_RETRACTION=1.

    An emptied, half-synced or wrongly pointed inbox looks like mass deletion; publishing it would
    wipe the warehouse. Runs before dbt, so `main.dim_articles` is still the published state.
    """
    with warehouse_db.get_connection() as con:
        has_articles = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = 'dim_articles'"
        ).fetchone()[0]
        articles = (
            con.execute("select source_file from main.dim_articles").pl()
            if has_articles
            else pl.DataFrame(schema={"source_file": pl.String})
        )
    deleted, total = deleted_article_share(inbox_files, articles)
    share = deleted / total if total else 0.0
    within = share <= akhbar.max_retract_share
    passed = within or akhbar.allow_mass_retraction
    description = None
    if not within:
        description = (
            f"{deleted} of {total} articles ({share:.0%}) would be retracted because their files left "
            f"the inbox {akhbar.inbox} (limit {akhbar.max_retract_share:.0%}). If the inbox is "
            "right, run again with AKHBAR_ALLOW_MASS_RETRACTION=1 (or raise AKHBAR_MAX_RETRACT_SHARE)"
            + ("; allowed for this run." if passed else "; nothing was published.")
        )
    return dg.AssetCheckResult(
        passed=passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=description,
        metadata={
            "articles_retracted_by_deletion": deleted,
            "articles_in_warehouse": total,
            "share": dg.MetadataValue.float(share),
            "limit": dg.MetadataValue.float(akhbar.max_retract_share),
            "deleted_files": int((inbox_files["change"] == "deleted").sum()),
        },
    )
