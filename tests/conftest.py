from __future__ import annotations

import os
import shutil
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

    settings = Settings(inbox=inbox, warehouse=root / "news.duckdb", quality_dir=root / "quality")
    defs = build_definitions(settings)
    if extra_checks:
        defs = dg.Definitions.merge(defs, dg.Definitions(asset_checks=list(extra_checks)))
    job = defs.resolve_implicit_global_asset_job_def()
    result = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    return Pipeline(inbox, settings.warehouse, settings.build_database, result.success)


def copy_sample(sample: Pipeline, root: Path) -> Pipeline:
    """A copy of the sample deployment in `root`: inbox, working database, published warehouse, lake.

    The sample run costs a whole pipeline run (Dagster, GX, dbt); a test that starts from a built
    warehouse copies it instead of building its own, and then pays only for the runs it asserts on.
    """
    inbox = root / "inbox"
    shutil.copytree(sample.inbox, inbox)
    (root / "build").mkdir(exist_ok=True)
    shutil.copy(sample.build_database, root / "build" / sample.build_database.name)
    shutil.copy(sample.warehouse, root / sample.warehouse.name)
    lake = sample.warehouse.parent / "lake"
    if lake.is_dir():
        shutil.copytree(lake, root / "lake")
    return Pipeline(inbox, root / sample.warehouse.name, root / "build" / sample.build_database.name, True)


@pytest.fixture(scope="session")
def sample_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    root = tmp_path_factory.mktemp("warehouse")
    inbox = root / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    pipeline = run_pipeline(inbox, root)
    assert pipeline.success, "materializing the sample pipeline failed"
    yield pipeline
