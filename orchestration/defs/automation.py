from pathlib import Path

import dagster as dg

from orchestration.inbox import batch_key, changed_files, dump_state, load_state, scan
from orchestration.settings import get_settings

# Every asset, including dbt models, checks and the publish gate.
akhbar_pipeline = dg.define_asset_job("akhbar_pipeline", selection=dg.AssetSelection.all())

# Hourly at minute 5 ("5 * * * *"): a safety net that rebuilds even if the sensor missed a change.
hourly_schedule = dg.ScheduleDefinition(
    name="akhbar_hourly",
    job=akhbar_pipeline,
    cron_schedule="5 * * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


@dg.sensor(job=akhbar_pipeline, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    """Request a run when inbox files appear, change or disappear.

    The cursor keeps each file's size, mtime and content hash; the run key is the hash of the
    changed files' contents, so the same batch is never requested twice.
    """
    inbox = Path(get_settings().inbox)
    previous = load_state(context.cursor)
    current = scan(inbox, previous)
    changed = changed_files(previous, current)
    if not changed:
        return dg.SkipReason(f"no new or changed files in {inbox}")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=batch_key(current, changed),
                tags={"akhbar/changed_files": str(len(changed))},
            )
        ],
        cursor=dump_state(current),
    )
