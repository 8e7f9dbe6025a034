from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.defs.resources import AkhbarConfig
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
