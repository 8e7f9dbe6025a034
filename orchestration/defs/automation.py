from pathlib import Path

import dagster as dg

from orchestration.settings import get_settings
from orchestration.transforms.inbox_state import (
    batch_key,
    cursor_sequence,
    inbox_problem,
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
    are re-hashed) and counts the batches: the run key is that count and the changed files' hashes,
    so a batch is never requested twice, and a file that comes back is a new batch.

    A missing or unreadable inbox (typo, unmounted share) is skipped with the cursor untouched: it
    is not a deletion, and the remount is then no change at all.
    """
    inbox = Path(get_settings().inbox)
    problem = inbox_problem(inbox)
    if problem:
        return dg.SkipReason(problem)
    previous = state_from_json(context.cursor)
    current = scan_inbox(inbox, previous)
    # Content only: reprocessing after a pipeline-version change is the ingest asset's business.
    plan = plan_changes(previous, current)
    changed = plan.filter(plan["change"] != "unchanged")
    if changed.is_empty():
        return dg.SkipReason(f"no new, changed or deleted files in {inbox}")
    counts = dict(changed.group_by("change").len().iter_rows())
    context.log.info(f"inbox {inbox}: {counts}")
    sequence = cursor_sequence(context.cursor) + 1
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=batch_key(plan, sequence),
                tags={f"akhbar/{change}_files": str(n) for change, n in counts.items()},
            )
        ],
        cursor=state_to_json(current, sequence),
    )
