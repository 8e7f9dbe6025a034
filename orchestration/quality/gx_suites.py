"""Great Expectations (GX Core 1.x) suites for the landing tables, validated on Polars frames.

GX's SQL datasource does not support DuckDB, so each table is validated as a pandas frame through
one ephemeral context per process. Derived columns that GX cannot express (share of Arabic letters,
whether an offset pair really spells the surface) are computed in Polars first and then checked by
plain column expectations. Nothing here imports Dagster: the results are plain dataclasses that
`orchestration.defs.quality` turns into asset-check results.

Every expectation carries a severity: ``ERROR`` ones guard the table contracts (keys, offsets,
codes, enumerations) and block publishing when they fail; ``WARN`` ones flag data that is unusual
but legitimate in a real feed (a very short body, an old date, mostly non-Arabic text).
"""

from __future__ import annotations

import os

# GX reads this when it is imported; set it first so no run ever tries to report usage.
os.environ["GX_ANALYTICS_ENABLED"] = "False"

import functools
import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

# The suites' constants, frames and result types live in sibling modules (issue #10); they are
# re-exported here because callers and tests import them from this module.
from orchestration.quality.gx_expectations import (
    ACTOR_CODE_REGEX,
    DATE_PRECISIONS,
    DATE_SOURCES,
    EARLIEST_DATE,
    ENCODING_REGEX,
    ENTITY_TYPES,
    EVENT_CODE_REGEX,
    EVENT_STATUSES,
    KNOWN_ENCODINGS,
    MAX_BODY_CHARS,
    MENTION_METHODS,
    MIN_ARABIC_SHARE,
    MIN_BODY_CHARS,
    SUITE_SEVERITIES,
    _articles_expectations,
    _entity_mentions_expectations,
    _event_candidates_expectations,
    known_values,
    prepare_articles,
    prepare_entity_mentions,
)
from orchestration.quality.gx_results import ERROR, WARN, ExpectationOutcome, Severity, SuiteResult

if TYPE_CHECKING:
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )
    from great_expectations.data_context import AbstractDataContext
    from great_expectations.expectations import Expectation

# How many offending values / rows each failed expectation keeps.
N_UNEXPECTED = 5

_DATASOURCE = "akhbar_landing"
_BATCH = "whole_frame"
_LOCK = threading.RLock()


# --------------------------------------------------------------------------- GX plumbing


@functools.cache
def _context() -> AbstractDataContext:
    """One ephemeral GX context per process: building it and importing GX is the costly part."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.enable_analytics(False)
    # Without this the metric resolver draws a tqdm bar on stderr for every validation.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.data_sources.add_pandas(_DATASOURCE)
    return context


@functools.cache
def _batch_definition(suite: str) -> BatchDefinition:
    datasource = _context().data_sources.get(_DATASOURCE)
    return datasource.add_dataframe_asset(suite).add_batch_definition_whole_dataframe(_BATCH)


def _forget_results(context: AbstractDataContext, suite: str) -> None:
    """Keep only the newest result per suite: the in-memory store stays small, the docs current."""
    store = context.validation_results_store
    for key in store.list_keys():
        if key.expectation_suite_identifier.name == suite:
            store.remove_key(key)


def _columns(expectations: Sequence[Expectation]) -> set[str]:
    names: set[str] = set()
    for e in expectations:
        kwargs = e.configuration.kwargs
        names.update(c for k in ("column", "column_A", "column_B") if (c := kwargs.get(k)))
        names.update(kwargs.get("column_list") or ())
    return names


def _short(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_message(info: dict[str, Any] | None) -> str | None:
    if not info:
        return None
    # GX nests per-metric exception infos under metric ids when a metric fails to resolve.
    infos = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    messages = dict.fromkeys(
        _short(m, 300) for i in infos if i.get("raised_exception") and (m := i.get("exception_message"))
    )
    return "; ".join(messages) or None


def _outcome(result: ExpectationValidationResult) -> ExpectationOutcome:
    config = result.expectation_config
    kwargs = config.kwargs
    if kwargs.get("column"):
        column: str | None = kwargs["column"]
    elif kwargs.get("column_A"):
        column = f"{kwargs['column_A']},{kwargs['column_B']}"
    elif kwargs.get("column_list"):
        column = ",".join(kwargs["column_list"])
    else:
        column = None
    details = result.result or {}
    rows = tuple(
        {k: _short(v) for k, v in row.items()} if isinstance(row, dict) else {"row": _short(row)}
        for row in (details.get("partial_unexpected_index_list") or [])[:N_UNEXPECTED]
    )
    return ExpectationOutcome(
        expectation=config.type,
        column=column,
        severity=ERROR if str(getattr(config.severity, "value", config.severity)) == "critical" else WARN,
        success=bool(result.success),
        unexpected_count=details.get("unexpected_count"),
        unexpected_values=tuple(
            _short(v) for v in (details.get("partial_unexpected_list") or [])[:N_UNEXPECTED]
        ),
        unexpected_rows=rows,
        error=_error_message(result.exception_info),
    )


def validate_frame(
    suite: str, frame: pl.DataFrame, expectations: Sequence[Expectation], key_columns: Sequence[str]
) -> SuiteResult:
    """Validate a Polars frame against `expectations` as suite `suite` and flatten the result.

    Only the columns the expectations read are handed to pandas with their values (bodies stay in
    Polars); the others are handed as empty placeholders, so the column set is still checked. A
    column the frame lacks is not an error here: GX reports the expectations on it as failed.
    """
    import great_expectations as gx

    started = time.perf_counter()
    needed = _columns(expectations) | set(key_columns)
    keys = [c for c in key_columns if c in frame.columns]
    pandas_frame = frame.select(
        pl.col(c) if c in needed else pl.lit(None, dtype=pl.Null).alias(c) for c in frame.columns
    ).to_pandas()
    with _LOCK:
        context = _context()
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(
                name=suite,
                data=_batch_definition(suite),
                suite=gx.ExpectationSuite(name=suite, expectations=list(expectations)),
            )
        )
        _forget_results(context, suite)
        raw: ExpectationSuiteValidationResult = definition.run(
            batch_parameters={"dataframe": pandas_frame},
            result_format={
                "result_format": "SUMMARY",
                "partial_unexpected_count": N_UNEXPECTED,
                **({"unexpected_index_column_names": keys} if keys else {}),
            },
        )
    return SuiteResult(
        suite=suite,
        rows=frame.height,
        outcomes=tuple(_outcome(r) for r in raw.results),
        seconds=time.perf_counter() - started,
    )


# --------------------------------------------------------------------------- public suites


def validate_articles(articles: pl.DataFrame, today: date | None = None) -> SuiteResult:
    """`articles`: unique ids, body length, Arabic share, plausible dates, known encodings."""
    return validate_frame(
        "articles",
        prepare_articles(articles),
        _articles_expectations(today or date.today()),
        key_columns=["article_id"],
    )


def validate_entity_mentions(
    entity_mentions: pl.DataFrame, articles: pl.DataFrame, entities: pl.DataFrame
) -> SuiteResult:
    """`entity_mentions`: offsets inside the body and spelling the surface, known entities, enums."""
    return validate_frame(
        "entity_mentions",
        prepare_entity_mentions(entity_mentions, articles),
        _entity_mentions_expectations(
            known_values(entity_mentions, "entity_id", entities.get_column("entity_id"))
        ),
        key_columns=["article_id", "char_start"],
    )


def validate_event_candidates(event_candidates: pl.DataFrame, event_types: pl.DataFrame) -> SuiteResult:
    """`event_candidates`: CAMEO event codes of the codebook, actor codes, confidence, enums.

    `event_types` is `orchestration.transforms.reference.load_event_types()`.
    """
    codes = known_values(event_candidates, "event_code", event_types.get_column("cameo_code"))
    return validate_frame(
        "event_candidates",
        event_candidates,
        _event_candidates_expectations(codes),
        key_columns=["mention_id"],
    )


# --------------------------------------------------------------------------- Data Docs


def write_data_docs(quality_dir: Path, result: SuiteResult | None = None) -> Path:
    """Render GX Data Docs for this process's latest validation of each suite into `quality_dir`.

    The site reads the in-memory results store and drops pages of results it no longer holds, so the
    pages show the latest run. With a `result`, only the pages of its suite are rendered again
    (`gx_site`: one GX site builder per folder and process, static files copied once). They are then
    made to open offline (`offline_docs`): no CDN, and an index written from the latest `result` of
    every suite.
    """
    from orchestration.quality import gx_site, offline_docs

    quality_dir = Path(quality_dir).resolve()
    quality_dir.mkdir(parents=True, exist_ok=True)
    with _LOCK:
        gx_site.render_site(_context(), quality_dir, None if result is None else result.suite)
        if result is not None:
            offline_docs.save_result(quality_dir, result.summary())
        offline_docs.offline_pages(quality_dir)
        return offline_docs.write_index(quality_dir, f"Data quality — {quality_dir.name}")


__all__ = [
    "ACTOR_CODE_REGEX",
    "DATE_PRECISIONS",
    "DATE_SOURCES",
    "EARLIEST_DATE",
    "ENCODING_REGEX",
    "ENTITY_TYPES",
    "ERROR",
    "EVENT_CODE_REGEX",
    "EVENT_STATUSES",
    "KNOWN_ENCODINGS",
    "MAX_BODY_CHARS",
    "MENTION_METHODS",
    "MIN_ARABIC_SHARE",
    "MIN_BODY_CHARS",
    "N_UNEXPECTED",
    "SUITE_SEVERITIES",
    "WARN",
    "ExpectationOutcome",
    "Severity",
    "SuiteResult",
    "known_values",
    "prepare_articles",
    "prepare_entity_mentions",
    "validate_articles",
    "validate_entity_mentions",
    "validate_event_candidates",
    "validate_frame",
    "write_data_docs",
]
