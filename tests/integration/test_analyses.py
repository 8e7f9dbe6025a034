"""The example analytics queries in dbt_project/analyses compile and run on the sample warehouse."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from orchestration.settings import DBT_PROJECT_DIR
from tests.conftest import Pipeline

ANALYSES = sorted(p.stem for p in (DBT_PROJECT_DIR / "analyses").glob("*.sql"))


@pytest.fixture(scope="module")
def compiled(sample_pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dbt.cli.main import dbtRunner

    target = tmp_path_factory.mktemp("dbt_target")
    os.environ["AKHBAR_BUILD_DB"] = str(sample_pipeline.build_database)
    result = dbtRunner().invoke(
        [
            "compile",
            "--quiet",
            "--select",
            "resource_type:analysis",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target),
        ]
    )
    assert result.success, result.exception
    return target / "compiled" / "akhbar" / "analyses"


def test_at_least_six_analyses() -> None:
    assert len(ANALYSES) >= 6


@pytest.mark.parametrize("name", ANALYSES)
def test_analysis_runs(compiled: Path, sample_pipeline: Pipeline, name: str) -> None:
    sql = (compiled / f"{name}.sql").read_text(encoding="utf-8")
    # The compiled SQL names the build database's catalog; run it on the published copy.
    catalog = sample_pipeline.build_database.stem
    with duckdb.connect(":memory:") as con:
        con.execute(f"attach '{sample_pipeline.warehouse}' as \"{catalog}\" (read_only)")
        con.execute(f'use "{catalog}"')
        rows = con.execute(sql).fetchall()
    assert isinstance(rows, list)
    if name in {"who_talked_to_whom_per_month", "top_dyads_by_mentions", "actor_timeline"}:
        assert rows, f"{name} returned nothing on the sample"
