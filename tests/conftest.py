from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold"
SAMPLE_INBOX = REPO / "data" / "raw"

# Offline and quiet, whatever the caller's shell has.
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TQDM_DISABLE", "1")

# dbt re-parses the whole project (seconds of CPU, the larger part of a small build) unless the
# partial-parse file it is handed was written for the same profile, and the profile holds the working
# database's path. So every pipeline run of a test session reaches its temporary directory through
# one link whose path stays the same for the session (`deployment`), and dagster-dbt's targets go to
# one session folder, which keeps the first run's partial-parse file for the runs after it.
_SESSION = f"akhbar-tests-{os.getpid()}"
DEPLOYMENT_LINK = Path(tempfile.gettempdir()) / f"{_SESSION}-deployment"
DBT_TARGET = Path(tempfile.gettempdir()) / f"{_SESSION}-dbt-target"
os.environ["DBT_TARGET_PATH"] = str(DBT_TARGET)


def deployment(root: Path) -> Path:
    """`root` under the session's fixed path: the link now points at `root` (one run at a time)."""
    new = DEPLOYMENT_LINK.with_name(DEPLOYMENT_LINK.name + ".new")
    new.unlink(missing_ok=True)
    new.symlink_to(root.resolve(), target_is_directory=True)
    new.replace(DEPLOYMENT_LINK)
    return DEPLOYMENT_LINK


def keep_partial_parse() -> None:
    """After a run: the partial-parse file dagster-dbt copies into every later dbt invocation."""
    kept = DBT_TARGET / "partial_parse.msgpack"
    if not kept.exists():
        # The newest: the run that just ended, whose profile holds the link's path.
        written = sorted(DBT_TARGET.glob("*/partial_parse.msgpack"), key=lambda p: p.stat().st_mtime)
        if written:
            shutil.copy(written[-1], kept)


@pytest.fixture(scope="session", autouse=True)
def _session_paths() -> Iterator[None]:
    yield
    DEPLOYMENT_LINK.unlink(missing_ok=True)
    shutil.rmtree(DBT_TARGET, ignore_errors=True)


@dataclass(frozen=True)
class Pipeline:
    """A materialized pipeline in a temporary directory."""

    inbox: Path
    warehouse: Path
    build_database: Path
    success: bool

    def query(self, sql: str, params: list[object] | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def frame(self, sql: str):  # -> polars.DataFrame
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql).pl()


def run_pipeline(inbox: Path, root: Path, extra_checks: Sequence[object] = ()) -> Pipeline:
    """Materialize every asset (and run every check) of the real Definitions into `root`.

    `extra_checks` are asset checks added to the real ones (to make a run fail a blocking check).
    """
    import dagster as dg

    from orchestration.definitions import build_definitions
    from orchestration.settings import Settings

    where = deployment(root)
    settings = Settings(inbox=inbox, warehouse=where / "news.duckdb", quality_dir=where / "quality")
    defs = build_definitions(settings)
    if extra_checks:
        defs = dg.Definitions.merge(defs, dg.Definitions(asset_checks=list(extra_checks)))
    job = defs.resolve_implicit_global_asset_job_def()
    result = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    keep_partial_parse()
    return Pipeline(inbox, root / "news.duckdb", root / "build" / "news.duckdb", result.success)


def copy_sample(sample: Pipeline, root: Path) -> Pipeline:
    """A copy of the sample deployment in `root`: inbox, working database, published warehouse, lake.

    The sample run costs a whole pipeline run (Dagster, GX, dbt); a test that starts from a built
    warehouse copies it instead of building its own, and then pays only for the runs it asserts on.
    """
    inbox = root / "inbox"
    shutil.copytree(sample.inbox, inbox)
    (root / "build").mkdir(exist_ok=True)
    shutil.copy(sample.build_database, root / "build" / sample.build_database.name)
    # dbt's target folder too (orchestration/dbt_unchanged.py: what the last build left unchanged).
    for target in sample.build_database.parent.glob("dbt_target_*"):
        shutil.copytree(target, root / "build" / target.name)
    shutil.copy(sample.warehouse, root / sample.warehouse.name)
    lake = sample.warehouse.parent / "lake"
    if lake.is_dir():
        shutil.copytree(lake, root / "lake")
    return Pipeline(inbox, root / sample.warehouse.name, root / "build" / sample.build_database.name, True)


def _build_sample(root: Path) -> Pipeline:
    inbox = root / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    pipeline = run_pipeline(inbox, root)
    assert pipeline.success, "materializing the sample pipeline failed"
    return pipeline


@pytest.fixture(scope="session")
def sample_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    """The sample inbox built once per test run, read only (tests that write start from `copy_sample`).

    Under pytest-xdist (`make test`) the workers share one build: the first worker that needs it
    builds it under a lock in the run's common temporary folder, the others wait for it and read it.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield _build_sample(tmp_path_factory.mktemp("warehouse"))
        return
    shared = tmp_path_factory.getbasetemp().parent / "sample_warehouse"
    shared.mkdir(exist_ok=True)
    built = shared / "built"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released by the kernel if the building worker dies
        if not built.exists():
            # A half-built root left by a worker that died mid-build is rebuilt from scratch.
            root = shared / "root"
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            _build_sample(root)
            built.touch()
    root = shared / "root"
    yield Pipeline(root / "inbox", root / "news.duckdb", root / "build" / "news.duckdb", True)
