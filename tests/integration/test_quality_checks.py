"""The GX asset checks report their failures in metadata, and a failing ERROR check blocks downstream assets.

Built on small local assets and frames, not the whole pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from orchestration.defs.quality import (
    ARTICLES,
    ENTITY_MENTIONS,
    EVENT_CANDIDATES,
    gx_articles_suite,
    gx_entity_mentions_suite,
    gx_event_candidates_suite,
)
from orchestration.defs.resources import AkhbarConfig
from orchestration.transforms.schemas import (
    ARTICLES_SCHEMA,
    ENTITY_MENTIONS_SCHEMA,
    EVENT_CANDIDATES_SCHEMA,
)

BODY = (
    "موسكو (رويترز) - أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع الرئيس الأمريكي دونالد ترامب "
    "يوم الثلاثاء لبحث الأزمة السورية، وقال الكرملين إن الجانبين اتفقا على مواصلة الاتصالات."
)


def _landed(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """`frame` with the landing table's other columns as nulls: each test isolates one expectation
    (the suites also check the column set against the schema)."""
    missing = [pl.lit(None, dtype).alias(name) for name, dtype in schema.items() if name not in frame.columns]
    return frame.with_columns(missing).select(list(schema))


def _articles(*extra: dict[str, object]) -> pl.DataFrame:
    base = {
        "article_id": "a1b2c3d4e5f60718",
        "source_file": "000.txt",
        "encoding": "utf-8",
        "published_date": date(2017, 11, 21),
        "published_date_source": "text",
        "body": BODY,
    }
    return _landed(pl.DataFrame([base, *({**base, **row} for row in extra)]), ARTICLES_SCHEMA)


@pytest.fixture
def akhbar(tmp_path: Path) -> AkhbarConfig:
    return AkhbarConfig(
        inbox=str(tmp_path / "inbox"),
        warehouse=str(tmp_path / "news.duckdb"),
        build_database=str(tmp_path / "build" / "news.duckdb"),
        quality_dir=str(tmp_path / "quality"),
    )


@pytest.fixture
def check_context(akhbar: AkhbarConfig) -> Iterator[dg.AssetCheckExecutionContext]:
    context = dg.build_asset_check_context(resources={"akhbar": akhbar})
    # Closing the underlying op context tears the resources down now, not at interpreter exit.
    with context.op_execution_context:
        yield context


def _by_name(results: list[dg.AssetCheckResult]) -> dict[str, dg.AssetCheckResult]:
    return {r.check_name: r for r in results}


def test_checks_declare_blocking_errors_and_non_blocking_warnings() -> None:
    specs = {spec.name: spec for spec in gx_articles_suite.check_specs}
    assert specs["gx_articles"].blocking and specs["gx_articles"].asset_key == ARTICLES
    assert not specs["gx_articles_warnings"].blocking
    assert {s.name: s.blocking for s in gx_entity_mentions_suite.check_specs} == {"gx_entity_mentions": True}
    assert {s.name: s.blocking for s in gx_event_candidates_suite.check_specs} == {
        "gx_event_candidates": True
    }


def test_articles_check_reports_failures_in_metadata(
    check_context: dg.AssetCheckExecutionContext, akhbar: AkhbarConfig
) -> None:
    bad = _articles({"encoding": "klingon"}, {"article_id": "short", "body": "خبر قصير"})
    results = _by_name(list(gx_articles_suite(check_context, articles=bad)))
    assert set(results) == {"gx_articles", "gx_articles_warnings"}

    errors = results["gx_articles"]
    assert not errors.passed and errors.severity == dg.AssetCheckSeverity.ERROR
    assert errors.asset_key == ARTICLES
    assert errors.metadata["success"].value is False
    failed = errors.metadata["failed_expectations"].value
    assert [(f["expectation"], f["column"]) for f in failed] == [
        ("expect_column_values_to_be_unique", "article_id")
    ]
    assert failed[0]["unexpected_values"] == ["a1b2c3d4e5f60718", "a1b2c3d4e5f60718"]
    evaluated = errors.metadata["evaluated_expectations"].value
    assert errors.metadata["successful_expectations"].value == evaluated - 1

    warnings = results["gx_articles_warnings"]
    assert not warnings.passed and warnings.severity == dg.AssetCheckSeverity.WARN
    failed = {f["column"]: f for f in warnings.metadata["failed_expectations"].value}
    assert set(failed) == {"encoding", "body_chars"}
    assert failed["encoding"]["unexpected_values"] == ["klingon"]
    assert failed["body_chars"]["unexpected_rows"] == [{"body_chars": "8", "article_id": "short"}]
    assert "expect_column_values_to_match_regex" in warnings.metadata["failures"].value

    index = Path(errors.metadata["data_docs"].value)
    assert index == Path(akhbar.quality_dir).resolve() / "index.html" and index.exists()


def test_articles_check_passes_on_a_clean_table(check_context: dg.AssetCheckExecutionContext) -> None:
    results = list(gx_articles_suite(check_context, articles=_articles({"article_id": "0f1e2d3c4b5a6978"})))
    assert all(r.passed for r in results)
    assert all(r.metadata["failed_expectations"].value == [] for r in results)


def test_entity_mentions_check_reports_bad_offsets(check_context: dg.AssetCheckExecutionContext) -> None:
    start = BODY.index("فلاديمير بوتين")
    mentions = pl.DataFrame(
        {
            "article_id": ["a1b2c3d4e5f60718"] * 2,
            "entity_id": ["person:vladimir_putin", "person:donald_trump"],
            "entity_type": ["PERSON", "PERSON"],
            "surface": ["فلاديمير بوتين", "دونالد ترامب"],
            "char_start": [start, 5],  # the second offset does not point at its surface
            "char_end": [start + len("فلاديمير بوتين"), 17],
            "sentence_index": [0, 0],
            "method": ["exact", "exact"],
            "confidence": [1.0, 0.8],
        }
    )
    mentions = _landed(mentions, ENTITY_MENTIONS_SCHEMA)
    entities = pl.DataFrame({"entity_id": ["person:vladimir_putin", "person:donald_trump"]})
    (result,) = gx_entity_mentions_suite(
        check_context, entity_mentions=mentions, articles=_articles(), entities=entities
    )
    assert not result.passed and result.asset_key == ENTITY_MENTIONS
    (failed,) = result.metadata["failed_expectations"].value
    assert (failed["expectation"], failed["column"]) == ("expect_column_values_to_be_in_set", "surface_ok")
    assert failed["unexpected_rows"] == [
        {"surface_ok": "False", "article_id": "a1b2c3d4e5f60718", "char_start": "5"}
    ]


def test_event_candidates_check_uses_the_cameo_codebook(check_context: dg.AssetCheckExecutionContext) -> None:
    events = pl.DataFrame(
        {
            "mention_id": ["m1", "m2"],
            "event_code": ["041", "0499"],  # 0499 has the right shape but is not a CAMEO code
            "actor1_code": ["RUSGOV", "RUS"],
            "actor2_code": ["USAGOV", None],
            "status": ["occurred", "planned"],
            "date_precision": ["day", "unknown"],
            "confidence": [0.9, 0.4],
        }
    )
    events = _landed(events, EVENT_CANDIDATES_SCHEMA)
    (result,) = gx_event_candidates_suite(check_context, event_candidates=events)
    assert not result.passed and result.asset_key == EVENT_CANDIDATES
    (failed,) = result.metadata["failed_expectations"].value
    assert (failed["expectation"], failed["column"], failed["unexpected_values"]) == (
        "expect_column_values_to_be_in_set",
        "event_code",
        ["0499"],
    )


# ----------------------------------------------------------------- blocking, with a real run


def _run(articles_frame: pl.DataFrame, akhbar: AkhbarConfig) -> dg.ExecuteInProcessResult:
    @dg.asset(key=ARTICLES)
    def landing_articles() -> pl.DataFrame:
        return articles_frame

    @dg.asset(deps=[ARTICLES])
    def downstream() -> None:
        """Stands in for the dbt models and the publish step."""

    return dg.materialize(
        [landing_articles, downstream, gx_articles_suite],
        resources={"akhbar": akhbar, "io_manager": dg.mem_io_manager},
        raise_on_error=False,
    )


def _materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def _evaluations(result: dg.ExecuteInProcessResult) -> dict[str, bool]:
    return {e.check_name: e.passed for e in result.get_asset_check_evaluations()}


def test_failing_error_check_blocks_downstream(akhbar: AkhbarConfig) -> None:
    result = _run(_articles({}), akhbar)  # the same article twice: duplicate article_id
    assert not result.success
    assert _evaluations(result) == {"gx_articles": False, "gx_articles_warnings": True}
    assert _materialized(result) == {"landing/articles"}


def test_failing_warning_check_does_not_block(akhbar: AkhbarConfig) -> None:
    result = _run(_articles({"article_id": "short", "body": "خبر قصير"}), akhbar)
    assert result.success
    assert _evaluations(result) == {"gx_articles": True, "gx_articles_warnings": False}
    assert _materialized(result) == {"landing/articles", "downstream"}
