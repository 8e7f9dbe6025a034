from pathlib import Path

import dagster as dg

from orchestration.settings import get_settings
from orchestration.transforms.inbox_state import (
    batch_key,
    plan_changes,
    scan_inbox,
    state_from_json,
    state_to_json,
)

# Every asset, including the dbt models, their checks and the publish gate.
akhbar_pipeline = dg.define_asset_job("akhbar_pipeline", selection=dg.AssetSelection.all())

# Hourly at minute 5 ("5 * * * *"): a safety net that picks up anything the sensor did not see.
# A run with nothing new does almost no work (the ingest asset reads only changed files).
hourly_schedule = dg.ScheduleDefinition(
    name="akhbar_hourly",
    job=akhbar_pipeline,
    cron_schedule="5 * * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


@dg.sensor(job=akhbar_pipeline, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    """Request a run when inbox files appear, change or disappear.

    The cursor keeps each file's size, mtime and content hash (only files whose size or mtime moved
    are re-hashed); the run key hashes the changed files' contents, so a batch is never requested twice.
    """
    inbox = Path(get_settings().inbox)
    previous = state_from_json(context.cursor)
    current = scan_inbox(inbox, previous)
    # Content only: reprocessing after a pipeline-version change is the ingest asset's business.
    plan = plan_changes(previous, current)
    changed = plan.filter(plan["change"] != "unchanged")
    if changed.is_empty():
        return dg.SkipReason(f"no new, changed or deleted files in {inbox}")
    counts = dict(changed.group_by("change").len().iter_rows())
    context.log.info(f"inbox {inbox}: {counts}")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=batch_key(plan),
                tags={f"akhbar/{change}_files": str(n) for change, n in counts.items()},
            )
        ],
        cursor=state_to_json(current),
    )
