from pathlib import Path

import dagster as dg

from orchestration import held_database
from orchestration.defs.dbt import akhbar_dbt_models
from orchestration.defs.resources import AkhbarConfig
from orchestration.warehouse import PublishBlocked, publish_database, table_counts


@dg.asset(deps=[akhbar_dbt_models], group_name="publish", key=dg.AssetKey("published_warehouse"))
def published_warehouse(context: dg.AssetExecutionContext, akhbar: AkhbarConfig) -> dg.MaterializeResult:
    """Atomically replace the analysts' warehouse with a compacted copy of the fresh build.

    Runs only when every upstream asset materialized and every blocking check passed, so a failed
    run leaves the last good warehouse in place. The copy holds the marts, dimensions, rejects,
    duplicates and the GDELT view; a client holding the old file read-write stops the publish.
    """
    target = Path(akhbar.warehouse)
    # Attaching the working database needs it closed in this process (released before dbt already).
    held_database.release(Path(akhbar.build_database))
    try:
        size = publish_database(Path(akhbar.build_database), target)
    except PublishBlocked as exc:
        raise dg.Failure(description=str(exc)) from None
    counts = {f"{s}.{t}": n for s, t, n in table_counts(target) if s == "main"}
    context.log.info(f"published {target} ({size / 1e6:.1f} MB)")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(target)),
            "size_bytes": dg.MetadataValue.int(size),
            "tables": dg.MetadataValue.json(counts),
        }
    )
