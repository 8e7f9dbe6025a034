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
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import dagster as dg

PARTIAL_PARSE = "partial_parse.msgpack"
# The dbt events that carry a node's result (dagster-dbt reads the same ones from the JSON log).
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})
_DONE = object()


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
            # dbt.log at its default debug level holds every statement: about 1.2 CPU s of writing
            # per sample build. Warnings and errors stay in it; stdout has the full failure report.
            "--log-level-file",
            "warn",
            # manifest.json, run_results.json and graph.gpickle are for other tools; nothing reads
            # them from this target folder (the partial-parse file is written regardless).
            "--no-write-json",
        ]
        context.log.info(f"dbt {' '.join(dbt_args)} (in-process)")

        events: queue.Queue[Any] = queue.Queue()

        def on_event(msg: Any) -> None:
            # Called on dbt's worker threads: only hand the event over.
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
        while (raw := events.get()) is not _DONE:
            message = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
            yield from message.to_default_asset_events(
                manifest=params.manifest,
                dagster_dbt_translator=params.dagster_dbt_translator,
                context=context,
                target_path=target,
                project=params.dbt_project,
            )
        worker.join()
        result = outcome.get("result")
        if result is None or not result.success:
            error = getattr(result, "exception", None) if result is not None else "dbt did not return"
            raise dg.Failure(
                description=f"dbt {' '.join(args)} failed"
                + (f": {error}" if error else " (see the failing models and tests above)")
            )
