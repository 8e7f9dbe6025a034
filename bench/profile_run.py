"""Where one `akhbar run` spends its CPU: start-up, each Dagster step, dbt, publish.

Runs the job of the real Definitions in this process (as `akhbar run` does) on the paths of the
environment (AKHBAR_INBOX, AKHBAR_WAREHOUSE, DAGSTER_HOME), and charges CPU seconds (this process,
all threads, plus waited-for children such as a dbt subprocess) to phases: importing Dagster and the
code location, building the Definitions, each step (from its STEP_START to its STEP_SUCCESS or
STEP_FAILURE event), and what lies between steps (run set-up, event storage, teardown). CPU seconds,
not wall time: on a shared machine wall time follows the load.

    AKHBAR_INBOX=... AKHBAR_WAREHOUSE=... DAGSTER_HOME=... .venv/bin/python -m bench.profile_run [--json F]
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
import warnings
from pathlib import Path
from typing import Any

STARTED_CPU = time.process_time()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_now() -> float:
    """CPU seconds of this process (all threads) and of its waited-for children."""
    return time.process_time() + children_cpu()


class StepClock(logging.Handler):
    """Records CPU and wall time at each step's start and end event."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.open: dict[str, tuple[float, float, float]] = {}
        self.steps: dict[str, dict[str, float]] = {}
        self.events = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.events += 1
        meta: dict[str, Any] = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        step = meta.get("step_key")
        if event is None or not step:
            return
        kind = event.event_type_value
        if kind == "STEP_START":
            self.open[step] = (cpu_now(), children_cpu(), time.perf_counter())
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and step in self.open:
            cpu0, children0, wall0 = self.open.pop(step)
            self.steps[step] = {
                "cpu_seconds": round(cpu_now() - cpu0, 3),
                "subprocess_cpu_seconds": round(children_cpu() - children0, 3),
                "wall_seconds": round(time.perf_counter() - wall0, 3),
                "failed": kind == "STEP_FAILURE",
            }


def profile_run(ephemeral: bool = False) -> dict[str, Any]:
    phases: dict[str, float] = {"interpreter": round(STARTED_CPU, 3)}
    wall0 = time.perf_counter()
    cpu = cpu_now()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import dagster as dg

        phases["import dagster"] = round(cpu_now() - cpu, 3)
        cpu = cpu_now()
        from orchestration.definitions import build_definitions  # also builds `defs` once

        phases["import code location"] = round(cpu_now() - cpu, 3)
        cpu = cpu_now()
        job = build_definitions().get_job_def("akhbar_pipeline")
        phases["build Definitions + job"] = round(cpu_now() - cpu, 3)
        clock = StepClock()

        @dg.logger
        def step_clock(_init: dg.InitLoggerContext) -> logging.Logger:
            logger = logging.Logger("akhbar.profile", level=logging.DEBUG)
            logger.addHandler(clock)
            return logger

        cpu = cpu_now()
        run_cpu0 = cpu
        result = job.with_logger_defs({"step_clock": step_clock}).execute_in_process(
            instance=dg.DagsterInstance.ephemeral() if ephemeral else dg.DagsterInstance.get(),
            raise_on_error=False,
            run_config={"loggers": {"step_clock": {}}},
        )
        run_cpu = cpu_now() - run_cpu0
    step_total = sum(s["cpu_seconds"] for s in clock.steps.values())
    phases["run: steps"] = round(step_total, 3)
    phases["run: set-up, events, teardown"] = round(run_cpu - step_total, 3)
    return {
        "success": result.success,
        "cpu_seconds_total": round(cpu_now(), 3),
        "wall_seconds_after_interpreter": round(time.perf_counter() - wall0, 3),
        "log_records": clock.events,
        "phases": phases,
        "steps": dict(sorted(clock.steps.items(), key=lambda kv: -kv[1]["cpu_seconds"])),
    }


def render(report: dict[str, Any]) -> str:
    lines = [f"total CPU {report['cpu_seconds_total']:.2f} s, success={report['success']}"]
    lines += [f"  {name:<34} {sec:7.2f} s" for name, sec in report["phases"].items()]
    lines += [
        f"    step {name:<29} {s['cpu_seconds']:7.2f} s  (subprocesses {s['subprocess_cpu_seconds']:.2f}, "
        f"wall {s['wall_seconds']:.2f})"
        for name, s in report["steps"].items()
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--ephemeral", action="store_true", help="in-memory Dagster instance (what event storage costs)"
    )
    args = parser.parse_args(argv)
    report = profile_run(args.ephemeral)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if report["success"] else 1


if __name__ == "__main__":
    sys.exit(main())
