"""dim_articles on the bundled sample equals the gold articles (tests/gold/articles.csv)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from tests.conftest import GOLD, Pipeline

GOLD_ARTICLES = list(csv.DictReader((GOLD / "articles.csv").open(encoding="utf-8")))


def _row(pipeline: Pipeline, file: str) -> tuple:
    rows = pipeline.query(
        "select title, published_date, source_name, body from dim_articles where source_file = ?", [file]
    )
    assert len(rows) == 1, f"{file}: {len(rows)} rows in dim_articles"
    return rows[0]


def test_five_articles(sample_pipeline: Pipeline) -> None:
    assert sample_pipeline.query("select count(*) from dim_articles") == [(5,)]


@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=lambda g: g["file"][:3])
def test_article_metadata_matches_gold(sample_pipeline: Pipeline, gold: dict[str, str]) -> None:
    title, published, source, _ = _row(sample_pipeline, gold["file"])
    assert title == (gold["title"] or None)
    assert published == (date.fromisoformat(gold["published_date"]) if gold["published_date"] else None)
    assert source == (gold["source_name"] or None)


@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=lambda g: g["file"][:3])
def test_boilerplate_removed(sample_pipeline: Pipeline, gold: dict[str, str]) -> None:
    body = _row(sample_pipeline, gold["file"])[3]
    for boilerplate in filter(None, gold["boilerplate_that_must_not_stay_in_body"].split("|")):
        assert boilerplate not in body, f"{gold['file']}: {boilerplate!r} survived"


def test_every_inbox_file_accounted_for(sample_pipeline: Pipeline) -> None:
    files = {
        p.relative_to(sample_pipeline.inbox).as_posix()
        for p in sample_pipeline.inbox.rglob("*")
        if p.is_file()
    }
    seen = {
        row[0]
        for row in sample_pipeline.query(
            "select source_file from dim_articles union all select source_file from duplicate_articles "
            "union all select source_file from rejected_articles"
        )
    }
    assert files == seen


def test_accounting_check_fails_on_a_lost_record(sample_pipeline: Pipeline, tmp_path) -> None:
    """The Dagster check catches an inbox file that reached none of the three tables."""
    import shutil

    import dagster as dg
    import duckdb
    from dagster_duckdb import DuckDBResource

    from orchestration.defs.accounting import every_inbox_file_accounted_for
    from orchestration.defs.resources import AkhbarConfig

    def check(database) -> dg.AssetCheckResult:
        return every_inbox_file_accounted_for(
            akhbar=AkhbarConfig(
                inbox=str(sample_pipeline.inbox), warehouse="", build_database=str(database), quality_dir=""
            ),
            warehouse_db=DuckDBResource(database=str(database)),
        )

    assert check(sample_pipeline.build_database).passed
    broken = tmp_path / "broken.duckdb"
    shutil.copy(sample_pipeline.build_database, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("delete from main.dim_articles where source_file like '002%'")
    result = check(broken)
    assert not result.passed
    assert result.metadata["missing"].value == ["002_d334092499d7ec8c.txt"]
