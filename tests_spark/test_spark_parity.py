"""The dbt models on Spark (dbt-spark `session`, local PySpark) agree with the DuckDB build.

The sample is materialized by the real Dagster pipeline, which lands the tables in DuckDB and in the
Parquet lake; Spark then builds the same models from the lake alone. Run by `make test-spark`
(outside `make test`'s testpaths: it needs the `spark` dependency group and a JVM).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from orchestration.settings import DBT_PROJECT_DIR
from tests.conftest import Pipeline

pyspark_sql = pytest.importorskip("pyspark.sql", reason="needs the spark group: uv sync --group spark")

# table -> columns compared row for row (the key first)
TABLES = {
    "fct_events": ["event_id", "event_code", "event_date", "status", "num_mentions", "num_articles"],
    "fct_event_mentions": ["mention_id", "event_id", "article_id", "event_code"],
    "fct_entity_mentions": ["entity_mention_id", "article_id", "entity_id", "char_start", "char_end"],
    "dim_articles": ["article_id", "source_file", "published_date", "source_id", "n_chars"],
}


@pytest.fixture(scope="module")
def duckdb_build(sample_pipeline: Pipeline) -> Pipeline:
    """The sample materialized by the real pipeline: DuckDB warehouse and Parquet lake."""
    return sample_pipeline


@pytest.fixture(scope="module")
def spark(duckdb_build: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from dbt.cli.main import dbtRunner

    root = tmp_path_factory.mktemp("spark")
    os.environ["AKHBAR_SPARK_WAREHOUSE"] = str(root / "warehouse")
    lake = duckdb_build.warehouse.parent / "lake" / "landing"
    args = ["build", "--exclude-resource-type", "test", "--target", "spark", "--full-refresh"]
    args += ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    args += ["--target-path", str(root / "target"), "--vars", json.dumps({"landing_lake": str(lake)})]
    result = dbtRunner().invoke(args)
    assert result.success, result.exception
    # dbt-spark's session method built the tables in this process's Spark session (in-memory catalog).
    session = pyspark_sql.SparkSession.builder.getOrCreate()
    yield session
    session.stop()


def _rows(rows: list[tuple]) -> list[tuple]:
    return sorted(tuple("" if v is None else str(v) for v in row) for row in rows)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_spark_builds_the_same_rows_as_duckdb(duckdb_build: Pipeline, spark: object, table: str) -> None:
    columns = ", ".join(TABLES[table])
    with duckdb.connect(str(duckdb_build.build_database), read_only=True) as con:
        expected = _rows(con.execute(f"select {columns} from main.{table}").fetchall())
    got = _rows([tuple(r) for r in spark.sql(f"select {columns} from main.{table}").collect()])
    assert len(expected) > 0, f"{table} is empty on the sample: the comparison would prove nothing"
    assert len(got) == len(expected), table
    assert got == expected, table


def test_spark_read_the_landing_tables_from_the_lake(spark: object) -> None:
    location = spark.sql("describe table extended landing.articles").collect()
    assert any(str(row[1]).endswith("/lake/landing/articles") for row in location)
    assert "ingest_date" in spark.table("landing.articles").columns


def test_spark_target_refuses_an_incremental_merge(
    duckdb_build: Pipeline, spark: object, tmp_path: Path
) -> None:
    """Parquet tables have no DELETE: a second build without --full-refresh must fail loudly."""
    from dbt.cli.main import dbtRunner

    args = ["run", "--select", "dim_articles", "--target", "spark"]
    args += ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    lake = duckdb_build.warehouse.parent / "lake" / "landing"
    args += ["--target-path", str(tmp_path), "--vars", json.dumps({"landing_lake": str(lake)})]
    result = dbtRunner().invoke(args)
    assert not result.success
    assert "full rebuilds from the Parquet lake" in " ".join(r.message or "" for r in result.result.results)
