"""dbt run in the Dagster step's own process, through dbt-core's programmatic API (`dbtRunner`).

dagster-dbt's `DbtCliResource` starts `dbt` as a subprocess and streams its JSON log back. For a
small batch that costs more than the build: a second interpreter importing dbt (about 4 CPU s), a
dbt adapter set up inside the Dagster process as well (its macros parsed, about 5 CPU s), and a full
parse of the project on every run, because each invocation gets a fresh target folder and the
partial-parse file copied into it was made for another profile (another database path) than the run's.

Here dbt runs in a worker thread of the step, with one target folder per working database (so dbt's
partial parse is reused from the second run on, and seeded from the project's own `target/` on the
first), and dbt's result events are turned into Dagster events by dagster-dbt's own code
(`DbtCoreCliEventMessage.to_default_asset_events`): the same asset keys, outputs, asset checks and
metadata as `dbt.cli([...]).stream()`, streamed while dbt runs.
"""

from __future__ import annotations

import os
import queue
import shutil
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import dagster as dg

from orchestration import held_database
from orchestration.dbt_unchanged import (
    FULL_SELECTION,
    exclusion_args,
    nodes_to_skip,
    project_digest,
    write_state,
)

PARTIAL_PARSE = "partial_parse.msgpack"
# The dbt events that carry a node's result (dagster-dbt reads the same ones from the JSON log).
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})
_DONE = object()
# dbt's levels, lowest first ("test" is dbt's name for debug-level test chatter).
_LEVELS = {"debug": 0, "test": 0, "info": 1, "warn": 2, "error": 3}


def target_dir(build_database: Path) -> Path:
    """dbt's target folder for one working database (`build/news.duckdb` -> `build/dbt_target_news`)."""
    return build_database.parent / f"dbt_target_{build_database.stem}"


def seed_partial_parse(project_dir: Path, target: Path) -> None:
    """Start a new target folder from the project's partial-parse file (`make install` writes it).

    dbt checks the file itself (profile, vars, versions, file hashes) and parses in full when it does
    not match; when it does (the default warehouse path), the first run is spared a full parse.
    """
    source = project_dir / "target" / PARTIAL_PARSE
    if source.exists() and not (target / PARTIAL_PARSE).exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / PARTIAL_PARSE)


def close_dbt_duckdb() -> None:
    """Close the DuckDB instance dbt-duckdb keeps open after an in-process invocation.

    dbt-duckdb holds one environment per process (a class attribute) until interpreter exit; left
    open, it would hold the working database while publish copies it and the next run opens it.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    if env is not None:
        env.close()


def _caller_module() -> str:
    """The module that made a dbt behaviour flag: what dbt_common's `_default_source` answers.

    dbt_common finds it with `inspect.stack()`, which reads the source lines of every frame of the
    stack and resolves every module's file in sys.modules (realpath of each): in a Dagster step, with
    GX, pandas and Dagster loaded, a second or more of CPU for the few flags of one adapter set-up.
    The first frame outside that module names the same module through its globals.
    """
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__")
        if name != "dbt_common.behavior_flags" and name in sys.modules:
            return name
        frame = frame.f_back
    return "Unknown"


def cheap_behavior_flag_source() -> None:
    """Let dbt name a behaviour flag's source without `inspect.stack()` (see `_caller_module`)."""
    from dbt_common.behavior_flags import BehaviorFlagRendered

    BehaviorFlagRendered._default_source = staticmethod(_caller_module)


class DbtLogLines:
    """dbt's console lines (info and above) and its log file (warnings and errors), from its events.

    dbt's own loggers format and scrub every event, debug ones included, before the level filter
    drops them: ~4,200 events a sample build, each scrubbed twice by a scan of the environment for
    secrets (about 0.5 CPU s a build). Here the level is checked first, and the secrets are read once.
    The lines are dbt's (`HH:MM:SS  message` on the console, print events bare); the failure report
    and `-v` read them from stdout as before.
    """

    def __init__(self, log_file: Path, out: TextIO) -> None:
        from dbt_common.events.logger import PRINT_EVENT_NAMES
        from dbt_common.exceptions.base import env_secrets

        self._secrets = env_secrets()
        self._print_events = frozenset(PRINT_EVENT_NAMES)
        self._out = out
        self._log_file = log_file
        self._lock = threading.Lock()

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "*****")
        return text

    def __call__(self, msg: Any) -> None:
        info = msg.info
        printed = info.name in self._print_events
        level = _LEVELS.get(info.level, 1)
        if not printed and level < _LEVELS["info"]:
            return
        text = self._scrub(info.msg)
        now = datetime.now(UTC)
        with self._lock:
            self._out.write((text if printed else f"{now:%H:%M:%S}  {text}") + "\n")
            if level >= _LEVELS["warn"] and not printed:
                with self._log_file.open("a", encoding="utf-8") as log:
                    log.write(
                        f"{now:%H:%M:%S.%f} [{info.level:<5}] [{threading.current_thread().name[:10]:<10}]: {text}\n"
                    )


class InProcessDbtResource(dg.ConfigurableResource):
    """dbt-core invoked in-process on the run's working database (see the module docstring)."""

    project_dir: str
    profiles_dir: str
    build_database: str

    def build(self, context: dg.AssetExecutionContext, args: Sequence[str] = ("build",)) -> Iterator[Any]:
        """Run `dbt <args>` on the nodes the step selected, yielding Dagster events as nodes finish.

        Raises `dg.Failure` after the last event when dbt reports an error, as dagster-dbt does.
        """
        from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
        from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
        from dbt.cli.main import dbtRunner
        from dbt_common.events.functions import msg_to_dict

        cheap_behavior_flag_source()
        # dbt-duckdb opens the file with its own configuration: DuckDB refuses that while the run
        # holds it open with dagster-duckdb's (orchestration/held_database.py).
        held_database.release(Path(self.build_database))
        params = get_updated_cli_invocation_params_for_context(
            context=context, manifest={}, dagster_dbt_translator=None
        )
        project_dir = Path(params.dbt_project.project_dir) if params.dbt_project else Path(self.project_dir)
        target = target_dir(Path(self.build_database))
        seed_partial_parse(Path(self.project_dir), target)
        dbt_args = [
            *args,
            *params.selection_args,
            *(["--indirect-selection", params.indirect_selection] if params.indirect_selection else []),
            "--project-dir",
            str(project_dir),
            "--profiles-dir",
            self.profiles_dir,
            "--target-path",
            str(target),
            "--log-path",
            str(target),
            # dbt's own loggers off: `DbtLogLines` writes the same console lines and the warnings and
            # errors of dbt.log for less (see there). At debug level dbt.log held every statement.
            "--log-level",
            "none",
            "--log-level-file",
            "none",
            # manifest.json, run_results.json and graph.gpickle are for other tools; nothing reads
            # them from this target folder (the partial-parse file is written regardless).
            "--no-write-json",
        ]
        # A whole build skips the views and seed tables that came out of the last one unchanged.
        whole = tuple(params.selection_args) == FULL_SELECTION and not params.indirect_selection
        # The digest leaves the paths out: the state file lives in the target folder it describes.
        digest = project_digest(project_dir, [*args, *params.selection_args]) if whole else None
        skipped = nodes_to_skip(params.manifest, digest, target, Path(self.build_database)) if digest else {}
        dbt_args += exclusion_args(params.manifest, skipped)
        context.log.info(f"dbt {' '.join(dbt_args)} (in-process)")
        # The relations left as they were are reported too (publish and the lineage need them), ahead
        # of the models built on them.
        for uid, node in skipped.items():
            if node.get("resource_type") in ("model", "seed"):
                key = params.dagster_dbt_translator.get_asset_spec(
                    params.manifest, uid, params.dbt_project
                ).key
                yield dg.Output(
                    None, output_name=key.to_python_identifier(), metadata={"akhbar/unchanged": True}
                )

        events: queue.Queue[Any] = queue.Queue()

        log_lines = DbtLogLines(target / "dbt.log", sys.stdout)

        def on_event(msg: Any) -> None:
            # Called on dbt's worker threads: write its line, hand result events over.
            log_lines(msg)
            if msg.info.name in RESULT_EVENTS:
                events.put(msg_to_dict(msg))

        outcome: dict[str, Any] = {}

        def invoke() -> None:
            previous = os.environ.get("AKHBAR_BUILD_DB")
            # profiles.yml reads the database path from here; set for this invocation only.
            os.environ["AKHBAR_BUILD_DB"] = self.build_database
            try:
                outcome["result"] = dbtRunner(callbacks=[on_event]).invoke(dbt_args)
            finally:
                if previous is None:
                    os.environ.pop("AKHBAR_BUILD_DB", None)
                else:
                    os.environ["AKHBAR_BUILD_DB"] = previous
                close_dbt_duckdb()
                events.put(_DONE)

        worker = threading.Thread(target=invoke, name="dbt", daemon=True)
        worker.start()
        # Check results wait for the last node: Dagster looks up each checked asset's latest
        # materialization when it records a check (one event-log query per asset, issue #14); after
        # the outputs they are primed in one batched query. The same checks and verdicts, later.
        checks: list[dg.AssetCheckResult] = []
        while (raw := events.get()) is not _DONE:
            message = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
            for event in message.to_default_asset_events(
                manifest=params.manifest,
                dagster_dbt_translator=params.dagster_dbt_translator,
                context=context,
                target_path=target,
                project=params.dbt_project,
            ):
                if isinstance(event, dg.AssetCheckResult):
                    checks.append(event)
                else:
                    yield event
        worker.join()
        prime_check_targets(context, checks)
        yield from checks
        result = outcome.get("result")
        if whole:
            write_state(target, digest if result is not None and result.success else None)
        if result is None or not result.success:
            error = getattr(result, "exception", None) if result is not None else "dbt did not return"
            raise dg.Failure(
                description=f"dbt {' '.join(args)} failed"
                + (f": {error}" if error else " (see the failing models and tests above)")
            )


def prime_check_targets(context: dg.AssetExecutionContext, checks: Sequence[dg.AssetCheckResult]) -> None:
    """Load the latest materialization of every checked asset in one event-log query.

    Dagster's step keeps these in a cache (wiped when the step materializes the asset) and fills it
    one asset at a time when a check result is recorded. Private API: when it is missing or the step
    is partitioned (a different look-up), Dagster just does its own queries.
    """
    step = getattr(context.op_execution_context, "_step_execution_context", None)
    cache = getattr(step, "_data_version_cache", None)
    if step is None or cache is None or step.has_partition_key:
        return
    known = getattr(cache, "input_asset_version_info", {})
    keys = list(dict.fromkeys(c.asset_key for c in checks if c.asset_key and c.asset_key not in known))
    fetch = getattr(cache, "_fetch_input_asset_version_info", None)
    if keys and fetch is not None:
        fetch(keys)
