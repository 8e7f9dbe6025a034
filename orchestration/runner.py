"""`akhbar run`: the job of the real Definitions, in-process, on the DAGSTER_HOME instance.

Quiet by default: one line per step from the assets' own log messages (they carry the counts), the
dbt build summarized as models and tests, and every failure in full (the step's error, the failed
checks, dbt's own failure report). `verbose` keeps Dagster's console logger and dbt's stream.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
import time
import warnings
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import dagster as dg

JOB_NAME = "akhbar_pipeline"
DBT_STEP = "akhbar_dbt_models"
# dbt's report of a failing node, and the block after "Completed with N errors".
_DBT_PROBLEM = re.compile(
    r"\b(FAIL|ERROR|WARN)\b|Failure in|Error in|Warning in|Database Error|Runtime Error"
)

# dbt's closing block, after the `HH:MM:SS  ` stamp dbt puts on its console lines.
_DBT_CLOSING = re.compile(r"(\d\d:\d\d:\d\d\s+)?Completed with")


@dataclass
class Progress:
    """Counts and failures collected from the run's log records."""

    out: IO[str]
    models: int = 0
    checks_passed: int = 0  # dbt tests (the GX and accounting checks print their own line)
    checks_warned: int = 0
    checks_failed: list[str] = field(default_factory=list)
    step_failures: list[str] = field(default_factory=list)

    def say(self, step: str, message: str) -> None:
        self.out.write(f"  {step:<30} {message}\n")
        self.out.flush()

    def dbt_line(self) -> str:
        tests = self.checks_passed + self.checks_warned
        return f"dbt: {self.models} models built, {tests} tests passed ({self.checks_warned} with warnings)"


class ProgressHandler(logging.Handler):
    """Turns Dagster log records into the quiet progress lines."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(level=logging.DEBUG)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        meta: dict[str, Any] = getattr(record, "dagster_meta", None) or {}
        step = meta.get("step_key") or ""
        event = meta.get("dagster_event")
        if event is None:
            if record.levelno >= logging.WARNING or (
                record.levelno >= logging.INFO and step and step != DBT_STEP
            ):
                self.progress.say(step or "run", str(meta.get("orig_message", record.getMessage())))
            return
        self._event(step, event)

    def _event(self, step: str, event: Any) -> None:
        kind = event.event_type_value
        data = event.event_specific_data
        if kind == "ASSET_MATERIALIZATION" and step == DBT_STEP:
            self.progress.models += 1
        elif kind == "ASSET_CHECK_EVALUATION":
            name = data.asset_check_key.to_user_string()
            dbt = step == DBT_STEP
            if data.passed:
                self.progress.checks_passed += dbt
            elif data.severity.value == "WARN":
                self.progress.checks_warned += dbt
                self.progress.say(step, f"warning: check {name} did not pass")
            else:
                self.progress.checks_failed.append(name)
                self.progress.say(step, f"FAILED check {name}")
        elif kind == "STEP_SUCCESS" and step == DBT_STEP:
            self.progress.say(step, self.progress.dbt_line())
        elif kind == "STEP_FAILURE":
            error = data.error.to_string() if data and data.error else "(no error recorded)"
            self.progress.step_failures.append(step)
            self.progress.say(step, f"FAILED\n{error}")


def progress_logger(progress: Progress) -> dg.LoggerDefinition:
    import dagster as dg

    @dg.logger(description="akhbar's quiet progress lines")
    def akhbar_progress(_init_context: dg.InitLoggerContext) -> logging.Logger:
        logger = logging.Logger("akhbar.progress", level=logging.DEBUG)
        logger.addHandler(ProgressHandler(progress))
        return logger

    return akhbar_progress


def _dbt_report(captured: str) -> list[str]:
    """The lines of dbt's output worth showing when something failed or warned."""
    lines = captured.splitlines()
    tail = next((i for i, line in enumerate(lines) if _DBT_CLOSING.match(line)), len(lines))
    return [line for line in lines[:tail] if _DBT_PROBLEM.search(line)] + lines[tail:]


@dataclass(frozen=True)
class RunOutcome:
    success: bool
    run_id: str
    seconds: float


def execute(verbose: bool = False) -> RunOutcome:
    """Materialize every asset of the `akhbar_pipeline` job on the DAGSTER_HOME instance."""
    started = time.perf_counter()
    with warnings.catch_warnings():
        # Dagster's preview/beta notices are for developers, not for a run's output.
        warnings.simplefilter("ignore")
        import dagster as dg

        from orchestration.definitions import build_definitions

        # Built now, so the paths are those of this call's environment (not a cached module's).
        job = build_definitions().get_job_def(JOB_NAME)
        instance = dg.DagsterInstance.get()
        if verbose:
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": "DEBUG"}}}},
            )
            return RunOutcome(result.success, result.run_id, time.perf_counter() - started)
        progress = Progress(out=sys.stdout)
        quiet_job = job.with_logger_defs({"akhbar_progress": progress_logger(progress)})
        captured = io.StringIO()
        # dagster-dbt writes dbt's per-node lines to stdout; keep them for the failure report only.
        with contextlib.redirect_stdout(captured):
            # A logger runs only when the run config names it; it then replaces the console logger.
            result = quiet_job.execute_in_process(
                instance=instance, raise_on_error=False, run_config={"loggers": {"akhbar_progress": {}}}
            )
    problems = progress.checks_failed or progress.checks_warned or DBT_STEP in progress.step_failures
    if problems or not result.success:
        report = _dbt_report(captured.getvalue())
        if report:
            print("dbt report:")
            print("\n".join(f"  {line}" for line in report))
    return RunOutcome(result.success, result.run_id, time.perf_counter() - started)
