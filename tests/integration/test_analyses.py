"""The example analyses in dbt_project/analyses compile and run against the published warehouse."""

from __future__ import annotations

import pytest

from orchestration.analyses import compile_analysis, list_analyses, run_analysis, run_query
from tests.conftest import Pipeline

ANALYSES = list_analyses()


def test_at_least_six_analyses() -> None:
    assert len(ANALYSES) >= 6


@pytest.mark.parametrize("name", ANALYSES)
def test_analysis_runs_on_the_published_file(sample_pipeline: Pipeline, name: str) -> None:
    sql = compile_analysis(name)
    # no catalog in the compiled SQL: it runs on whichever warehouse file is opened
    assert '"news"' not in sql and '"main".' in sql
    rows = run_query(sample_pipeline.warehouse, sql).rows
    assert isinstance(rows, list)
    if name in {"who_talked_to_whom_per_month", "top_dyads_by_mentions", "actor_timeline"}:
        assert rows, f"{name} returned nothing on the sample"


def test_actor_timeline_binds_the_actor(sample_pipeline: Pipeline) -> None:
    putin = run_analysis(sample_pipeline.warehouse, "actor_timeline", {"actor_name_en": "Vladimir Putin"})
    other = run_analysis(sample_pipeline.warehouse, "actor_timeline", {"actor_name_en": "Donald Trump"})
    assert putin.rows and other.rows and putin.rows != other.rows
    counterpart = putin.columns.index("counterpart")
    assert "Vladimir Putin" not in {row[counterpart] for row in putin.rows}
    # a name with an apostrophe is a value: no SQL error, just no such actor
    assert (
        run_analysis(sample_pipeline.warehouse, "actor_timeline", {"actor_name_en": "Ma'an O'Neil"}).rows
        == []
    )
