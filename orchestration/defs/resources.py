import os
import shutil
import sys
from collections.abc import Sequence
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

import dagster as dg
import polars as pl
from dagster._core.storage.db_io_manager import DbTypeHandler, TableSlice
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource
from dagster_duckdb_polars import DuckDBPolarsIOManager, DuckDBPolarsTypeHandler
from packaging.version import Version
from pydantic import PrivateAttr

from orchestration import held_database
from orchestration.dbt_inprocess import InProcessDbtResource
from orchestration.run_guard import RunLock, heal_build_database
from orchestration.settings import DBT_PROJECT_DIR, REFERENCE_DIR, Settings, get_settings
from orchestration.transforms.reference import KnowledgeBase, load_kb
from orchestration.transforms.token_table import TokenTable
from orchestration.warehouse import remove_stale_temporaries

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The `dbt` installed beside this interpreter, so `.venv/bin/dagster` (a daemon, a service unit)
    finds it without an activated virtualenv; PATH only when there is none (an unusual install)."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


class LocalDbtCliResource(DbtCliResource):
    """`DbtCliResource` that reads dbt's version from the installed dbt-core package.

    dagster-dbt runs `dbt --version` before every dbt step to learn the version; that command also
    asks PyPI for the latest release (a network call and seconds of start-up on every run). The
    executable is the venv's own dbt (`dbt_executable`), so the package metadata gives the same answer.
    """

    @cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))


class ReplacingPolarsTypeHandler(DuckDBPolarsTypeHandler):
    """Writes each landed table with `create or replace table`.

    The stock handler skips empty frames (leaving no table for dbt to read when, say, no file was
    rejected) and inserts into the old table (failing when a column was added). A landed table is the
    output of one run, so replacing it whole is the right semantics.
    """

    def handle_output(
        self, context: dg.OutputContext, table_slice: TableSlice, obj: pl.DataFrame, connection
    ) -> None:
        if table_slice.partition_dimensions:
            super().handle_output(context, table_slice, obj, connection)
            return
        obj_arrow = obj.to_arrow()
        connection.register("obj_arrow", obj_arrow)
        try:
            connection.execute(f"create schema if not exists {table_slice.schema}")
            connection.execute(
                f"create or replace table {table_slice.schema}.{table_slice.table} as select * from obj_arrow"
            )
        finally:
            connection.unregister("obj_arrow")
        context.add_output_metadata({"row_count": obj.height})


class AkhbarDuckDBIOManager(DuckDBPolarsIOManager):
    """DuckDBPolarsIOManager whose tables are replaced whole and exist even when empty."""

    @staticmethod
    def type_handlers() -> Sequence[DbTypeHandler]:
        return [ReplacingPolarsTypeHandler()]


class TokenStoreIOManager(dg.ConfigurableIOManager):
    """Intermediate frames (the token table) kept in memory for the run that built them, and saved
    as an Arrow IPC file under ``directory`` (one per asset) for later runs.

    The token table is large (tens of bytes per word) and only read by the next stages: landing it
    in DuckDB cost ten times its build time, and even reading an Arrow file back costs a third of
    the build. The steps of one run share this resource (in-process executor), so they get the very
    frame; a run that materializes only the downstream stages reads the file of the last run.
    """

    directory: str
    _built: dict[tuple[str, ...], tuple[str, pl.DataFrame | TokenTable]] = PrivateAttr(default_factory=dict)

    def _path(self, key: dg.AssetKey) -> Path:
        return Path(self.directory).joinpath(*key.path).with_suffix(".arrow")

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame | TokenTable) -> None:
        path = self._path(context.asset_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(obj, TokenTable):
            obj.write_ipc(path)
        else:
            # Written beside and renamed: a reader never sees half a file.
            partial = path.with_suffix(".arrow.partial")
            obj.write_ipc(partial, compression="lz4")
            partial.replace(path)
        self._built[tuple(context.asset_key.path)] = (context.run_id, obj)
        context.add_output_metadata(
            {"dagster/row_count": obj.height, "path": dg.MetadataValue.path(str(path))}
        )

    def load_input(self, context: dg.InputContext) -> pl.DataFrame | TokenTable:
        built = self._built.get(tuple(context.asset_key.path))
        if built is not None and _run_id(context) == built[0]:
            return built[1]
        path = self._path(context.asset_key)
        # The token table is saved as three files (transforms.token_table); a wide one saved by an
        # earlier version is narrowed.
        if TokenTable.saved_at(path):
            return TokenTable.read_ipc(path)
        frame = pl.read_ipc(path)
        return TokenTable.from_wide(frame) if "form_id" in frame.columns else frame


def _run_id(context: dg.InputContext) -> str | None:
    """The run loading the input (None outside a run, e.g. a context built in a test)."""
    try:
        return context.step_context.run_id
    except dg.DagsterInvariantViolationError:
        return None


class AkhbarConfig(dg.ConfigurableResource):
    """Paths of one deployment; defaults come from the AKHBAR_* environment variables."""

    inbox: str
    warehouse: str
    build_database: str
    quality_dir: str
    max_file_bytes: int = 20_000_000
    max_record_bytes: int = 20_000_000
    max_retract_share: float = 0.05
    allow_mass_retraction: bool = False
    inbox_mode: str = "mirror"


class RunGuard(dg.ConfigurableResource):
    """Held for the whole run (the in-process executor sets resources up once per run): the run
    lock, then the healing of the working database and of a killed publish's leftovers."""

    build_database: str
    warehouse: str
    wait_seconds: float = 600.0

    _lock: RunLock | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._lock = RunLock(Path(self.build_database), self.wait_seconds)
        self._lock.acquire()
        notice = heal_build_database(Path(self.build_database))
        if notice:
            context.log.warning(notice)
        for path in remove_stale_temporaries(Path(self.warehouse)):
            context.log.info(f"removed {path.name}, left by a publish that was killed")
        # Open until the dbt step: the steps' many short connections then share it (held_database).
        held_database.hold(Path(self.build_database))

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        held_database.release(Path(self.build_database))
        if self._lock is not None:
            self._lock.release()


class KnowledgeBaseResource(dg.ConfigurableResource):
    """The reference knowledge base, read once per run and shared by the entity and event assets."""

    reference_dir: str = str(REFERENCE_DIR)
    _kb: KnowledgeBase | None = PrivateAttr(default=None)

    def get(self) -> KnowledgeBase:
        # Loaded on first use, not at run start: the blocking check `reference_data_valid` then
        # stops a run on a damaged CSV (naming file and line) before anything reads it.
        if self._kb is None:
            self._kb = load_kb(Path(self.reference_dir))
        return self._kb


def build_resources(settings: Settings | None = None) -> dict[str, object]:
    settings = settings or get_settings()
    settings.build_database.parent.mkdir(parents=True, exist_ok=True)
    # dbt reads the database path from this variable (see dbt_project/profiles.yml).
    os.environ["AKHBAR_BUILD_DB"] = str(settings.build_database)
    # Imported here: the lake module subclasses this module's I/O manager.
    from orchestration.defs.lake import LakeMirroringDuckDBIOManager

    return {
        "io_manager": LakeMirroringDuckDBIOManager(
            database=str(settings.build_database), lake_dir=str(settings.lake_dir)
        ),
        "token_store": TokenStoreIOManager(directory=str(settings.build_database.parent / "scratch")),
        "warehouse_db": DuckDBResource(database=str(settings.build_database)),
        "dbt": InProcessDbtResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            build_database=str(settings.build_database),
        ),
        "knowledge_base": KnowledgeBaseResource(),
        "akhbar": AkhbarConfig(
            inbox=str(settings.inbox),
            warehouse=str(settings.warehouse),
            build_database=str(settings.build_database),
            quality_dir=str(settings.quality_dir),
            max_file_bytes=settings.max_file_bytes,
            max_record_bytes=settings.max_record_bytes,
            max_retract_share=settings.max_retract_share,
            allow_mass_retraction=settings.allow_mass_retraction,
            inbox_mode=settings.inbox_mode,
        ),
        "run_guard": RunGuard(
            build_database=str(settings.build_database),
            warehouse=str(settings.warehouse),
            wait_seconds=settings.run_lock_wait_seconds,
        ),
    }
