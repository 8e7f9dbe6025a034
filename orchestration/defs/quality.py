"""Great Expectations suites as Dagster asset checks on the landing tables.

Each suite is validated once per run by a multi-asset check that reports two checks: ``gx_<table>``
(the ERROR expectations, blocking: when it fails the dbt models downstream, and so the publish step,
do not run) and, where the suite has any, ``gx_<table>_warnings`` (WARN expectations, non-blocking).
Tables are loaded through the IO manager (the build DuckDB), the GX Data Docs are written to
``AkhbarConfig.quality_dir``.
"""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.defs.resources import AkhbarConfig
from orchestration.quality import gx_suites
from orchestration.quality.gx_suites import ERROR, SUITE_SEVERITIES, WARN, Severity, SuiteResult
from orchestration.transforms.reference import load_event_types

ARTICLES = dg.AssetKey(["landing", "articles"])
ENTITY_MENTIONS = dg.AssetKey(["landing", "entity_mentions"])
ENTITIES = dg.AssetKey(["landing", "entities"])
EVENT_CANDIDATES = dg.AssetKey(["landing", "event_candidates"])

_DAGSTER_SEVERITY = {ERROR: dg.AssetCheckSeverity.ERROR, WARN: dg.AssetCheckSeverity.WARN}


def check_name(suite: str, severity: Severity) -> str:
    return f"gx_{suite}" if severity == ERROR else f"gx_{suite}_warnings"


def _specs(
    suite: str, asset: dg.AssetKey, severities: tuple[Severity, ...], reads: tuple[dg.AssetKey, ...] = ()
) -> list[dg.AssetCheckSpec]:
    """One spec per severity; `reads` are the other tables the suite loads (lineage and inputs)."""
    about = {
        ERROR: "Great Expectations suite `{s}`, ERROR expectations (blocking: publish waits for them).",
        WARN: "Great Expectations suite `{s}`, WARN expectations (reported, never blocking).",
    }
    return [
        dg.AssetCheckSpec(
            check_name(suite, severity),
            asset=asset,
            blocking=severity == ERROR,
            description=about[severity].format(s=suite),
            additional_deps=reads,
        )
        for severity in severities
    ]


def _failures_markdown(result: SuiteResult) -> str:
    if not result.failures:
        return "all expectations met"
    lines = ["| expectation | column | unexpected | examples |", "|---|---|---|---|"]
    for o in result.failures:
        examples = (o.error or ", ".join(o.unexpected_values)).replace("|", "/")
        count = "" if o.unexpected_count is None else o.unexpected_count
        lines.append(f"| {o.expectation} | {o.column or ''} | {count} | {examples} |")
    return "\n".join(lines)


def check_metadata(result: SuiteResult, data_docs: Path | None) -> dict[str, dg.MetadataValue]:
    """The GX result as check metadata: counts, and per failed expectation its type, column, examples."""
    metadata: dict[str, dg.MetadataValue] = {
        "success": dg.MetadataValue.bool(result.success),
        "evaluated_expectations": dg.MetadataValue.int(result.evaluated),
        "successful_expectations": dg.MetadataValue.int(result.successful),
        "rows": dg.MetadataValue.int(result.rows),
        "gx_seconds": dg.MetadataValue.float(round(result.seconds, 4)),
        "failed_expectations": dg.MetadataValue.json([o.as_dict() for o in result.failures]),
        "failures": dg.MetadataValue.md(_failures_markdown(result)),
    }
    if data_docs is not None:
        metadata["data_docs"] = dg.MetadataValue.path(str(data_docs))
    return metadata


def _write_docs(
    context: dg.AssetCheckExecutionContext | None, quality_dir: str, result: SuiteResult | None = None
) -> Path | None:
    # Data Docs are for people; failing to render them must not fail the quality gate.
    try:
        return gx_suites.write_data_docs(Path(quality_dir), result)
    except Exception as exc:
        if context is not None:
            context.log.warning(f"GX Data Docs not written to {quality_dir}: {exc}")
        return None


def check_results(
    result: SuiteResult,
    asset: dg.AssetKey,
    severities: tuple[Severity, ...],
    data_docs: Path | None,
) -> Iterator[dg.AssetCheckResult]:
    """One AssetCheckResult per severity of the suite."""
    for severity in severities:
        part = result.only(severity)
        yield dg.AssetCheckResult(
            asset_key=asset,
            check_name=check_name(result.suite, severity),
            passed=part.success,
            severity=_DAGSTER_SEVERITY[severity],
            metadata=check_metadata(part, data_docs),
        )


def _log(context: dg.AssetCheckExecutionContext | None, result: SuiteResult) -> None:
    if context is None:
        return
    failed = ", ".join(f"{o.expectation}({o.column})" for o in result.failures) or "none"
    context.log.info(
        f"GX {result.suite}: {result.successful}/{result.evaluated} expectations met on {result.rows} rows "
        f"in {result.seconds:.3f}s; failed: {failed}"
    )


ARTICLES_SEVERITIES = SUITE_SEVERITIES["articles"]
ENTITY_MENTIONS_SEVERITIES = SUITE_SEVERITIES["entity_mentions"]
EVENT_CANDIDATES_SEVERITIES = SUITE_SEVERITIES["event_candidates"]


@dg.multi_asset_check(
    specs=_specs("articles", ARTICLES, ARTICLES_SEVERITIES),
    ins={"articles": dg.AssetIn(key=ARTICLES)},
    name="gx_articles_suite",
)
def gx_articles_suite(
    context: dg.AssetCheckExecutionContext, akhbar: AkhbarConfig, articles: pl.DataFrame
) -> Iterator[dg.AssetCheckResult]:
    """Articles: unique ids, body length, Arabic share, published date range, known encodings."""
    result = gx_suites.validate_articles(articles)
    _log(context, result)
    yield from check_results(
        result, ARTICLES, ARTICLES_SEVERITIES, _write_docs(context, akhbar.quality_dir, result)
    )


@dg.multi_asset_check(
    specs=_specs("entity_mentions", ENTITY_MENTIONS, ENTITY_MENTIONS_SEVERITIES, (ARTICLES, ENTITIES)),
    ins={
        "entity_mentions": dg.AssetIn(key=ENTITY_MENTIONS),
        "articles": dg.AssetIn(key=ARTICLES),
        "entities": dg.AssetIn(key=ENTITIES),
    },
    name="gx_entity_mentions_suite",
)
def gx_entity_mentions_suite(
    context: dg.AssetCheckExecutionContext,
    akhbar: AkhbarConfig,
    entity_mentions: pl.DataFrame,
    articles: pl.DataFrame,
    entities: pl.DataFrame,
) -> Iterator[dg.AssetCheckResult]:
    """Entity mentions: offsets inside the body and spelling the surface, known entity ids, enums."""
    result = gx_suites.validate_entity_mentions(entity_mentions, articles, entities)
    _log(context, result)
    yield from check_results(
        result, ENTITY_MENTIONS, ENTITY_MENTIONS_SEVERITIES, _write_docs(context, akhbar.quality_dir, result)
    )


@dg.multi_asset_check(
    specs=_specs("event_candidates", EVENT_CANDIDATES, EVENT_CANDIDATES_SEVERITIES),
    ins={"event_candidates": dg.AssetIn(key=EVENT_CANDIDATES)},
    name="gx_event_candidates_suite",
)
def gx_event_candidates_suite(
    context: dg.AssetCheckExecutionContext, akhbar: AkhbarConfig, event_candidates: pl.DataFrame
) -> Iterator[dg.AssetCheckResult]:
    """Event candidates: CAMEO codes of the codebook, actor codes, confidence, status, date precision."""
    result = gx_suites.validate_event_candidates(event_candidates, load_event_types())
    _log(context, result)
    yield from check_results(
        result,
        EVENT_CANDIDATES,
        EVENT_CANDIDATES_SEVERITIES,
        _write_docs(context, akhbar.quality_dir, result),
    )
