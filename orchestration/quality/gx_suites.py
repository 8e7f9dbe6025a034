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
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from orchestration.transforms.openworld import FOUND_CONFIDENCE
from orchestration.transforms.schemas import ARTICLES_SCHEMA, ENTITY_MENTIONS_SCHEMA, EVENT_CANDIDATES_SCHEMA

if TYPE_CHECKING:
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )
    from great_expectations.data_context import AbstractDataContext
    from great_expectations.expectations import Expectation

Severity = Literal["ERROR", "WARN"]
ERROR: Severity = "ERROR"
WARN: Severity = "WARN"

# Value sets fixed by docs/contracts.md (schema enumerations, not reference dictionaries).
ENTITY_TYPES = ("PERSON", "PLACE", "ORG")
MENTION_METHODS = ("exact", "alias", "fuzzy", "role", "title-pattern", "nisba", *FOUND_CONFIDENCE)
EVENT_STATUSES = ("occurred", "planned", "postponed", "cancelled", "historical")
DATE_PRECISIONS = ("day", "month", "year", "unknown")
DATE_SOURCES = ("metadata", "text")
# The encodings `transforms.ingest` reports; it appends "+html" when it stripped markup. The contract
# leaves the list open, so an unknown one is a WARN.
KNOWN_ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-8-lossy",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "windows-1256",
    "latin-1",
)
ENCODING_REGEX = "^(?:" + "|".join(re.escape(e) for e in KNOWN_ENCODINGS) + r")(?:\+html)?$"

# The severities each suite uses: fixed here (without importing GX) so Dagster can declare one
# check per severity when it loads the definitions.
SUITE_SEVERITIES: dict[str, tuple[Severity, ...]] = {
    "articles": (ERROR, WARN),
    "entity_mentions": (ERROR,),
    "event_candidates": (ERROR,),
}

MIN_BODY_CHARS = 80
MAX_BODY_CHARS = 1_000_000
MIN_ARABIC_SHARE = 0.5
EARLIEST_DATE = date(1990, 1, 1)
EVENT_CODE_REGEX = r"^\d{2,4}$"
ACTOR_CODE_REGEX = r"^[A-Z]{3}"

# How many offending values / rows each failed expectation keeps.
N_UNEXPECTED = 5

_DATASOURCE = "akhbar_landing"
_BATCH = "whole_frame"
_LOCK = threading.RLock()


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation of one validation, flattened to plain values."""

    expectation: str  # GX type, e.g. "expect_column_values_to_be_between"
    column: str | None  # column, "A,B" for pair/compound expectations
    severity: Severity
    success: bool
    unexpected_count: int | None = None
    unexpected_values: tuple[str, ...] = ()
    # A few offending rows identified by the table's key columns (article_id, mention_id, ...).
    unexpected_rows: tuple[dict[str, str], ...] = ()
    error: str | None = None  # set when GX could not evaluate it (e.g. a missing column)

    def as_dict(self) -> dict[str, Any]:
        return {
            "expectation": self.expectation,
            "column": self.column,
            "severity": self.severity,
            "unexpected_count": self.unexpected_count,
            "unexpected_values": list(self.unexpected_values),
            "unexpected_rows": list(self.unexpected_rows),
            **({"error": self.error} if self.error else {}),
        }


@dataclass(frozen=True)
class SuiteResult:
    """The outcome of validating one table against its suite."""

    suite: str
    rows: int
    outcomes: tuple[ExpectationOutcome, ...]
    seconds: float

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)

    @property
    def evaluated(self) -> int:
        return len(self.outcomes)

    @property
    def successful(self) -> int:
        return sum(o.success for o in self.outcomes)

    @property
    def failures(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.success)

    def only(self, severity: Severity) -> SuiteResult:
        """The part of the result with one severity (one Dagster check per severity)."""
        return SuiteResult(
            suite=self.suite,
            rows=self.rows,
            outcomes=tuple(o for o in self.outcomes if o.severity == severity),
            seconds=self.seconds,
        )

    def summary(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "success": self.success,
            "rows": self.rows,
            "evaluated_expectations": self.evaluated,
            "successful_expectations": self.successful,
            "failed_expectations": [o.as_dict() for o in self.failures],
            "seconds": round(self.seconds, 4),
        }


# --------------------------------------------------------------------------- frames (pure Polars)

_ARABIC_LETTER = r"[\p{Arabic}&&\p{L}]"


def prepare_articles(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles plus `body_chars` and `arabic_share` (Arabic letters / all letters; 0 if none)."""
    letters = pl.col("body").str.count_matches(r"\p{L}")
    arabic = pl.col("body").str.count_matches(_ARABIC_LETTER)
    return articles.with_columns(
        body_chars=pl.col("body").str.len_chars(),
        arabic_share=pl.when(letters > 0).then(arabic / letters).otherwise(0.0),
    )


def prepare_entity_mentions(entity_mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Mentions plus their article's `n_chars` and `surface_ok` (body[char_start:char_end] == surface).

    `str.slice` counts characters, matching the contract's Python-index offsets. A mention whose
    article is missing gets a null `n_chars` and `surface_ok = False`.
    """
    bodies = articles.select("article_id", pl.col("body").alias("_body")).unique("article_id")
    start, end = pl.col("char_start"), pl.col("char_end")
    spelled = pl.col("_body").str.slice(start, (end - start).clip(lower_bound=0))
    return (
        entity_mentions.join(bodies, on="article_id", how="left")
        .with_columns(
            n_chars=pl.col("_body").str.len_chars().cast(pl.Int64),
            surface_ok=(spelled == pl.col("surface")).fill_null(False),
        )
        .drop("_body")
    )


# --------------------------------------------------------------------------- suites


def _severity(level: Severity) -> str:
    return "critical" if level == ERROR else "warning"


def _schema_expectation(schema: dict[str, pl.DataType], derived: Sequence[str] = ()) -> Expectation:
    """The landed table has exactly the columns of its schema (``transforms.schemas``), plus the
    ``derived`` columns the suite computed in Polars."""
    import great_expectations.expectations as gxe

    return gxe.ExpectTableColumnsToMatchSet(
        column_set=[*schema, *derived], exact_match=True, severity=_severity(ERROR)
    )


def _articles_expectations(today: date) -> list[Expectation]:
    import great_expectations.expectations as gxe

    tomorrow = datetime.combine(today + timedelta(days=1), datetime.min.time())
    err, warn = _severity(ERROR), _severity(WARN)
    return [
        _schema_expectation(ARTICLES_SCHEMA, ("body_chars", "arabic_share")),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id", severity=err),
        gxe.ExpectColumnValuesToBeUnique(column="article_id", severity=err),
        gxe.ExpectColumnValuesToNotBeNull(column="body", severity=err),
        gxe.ExpectColumnValuesToBeInSet(
            column="published_date_source", value_set=list(DATE_SOURCES), severity=err
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="body_chars", min_value=MIN_BODY_CHARS, max_value=MAX_BODY_CHARS, severity=warn
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="arabic_share", min_value=MIN_ARABIC_SHARE, max_value=1.0, severity=warn
        ),
        # pandas holds dates as Timestamps, which compare with datetime but not with date.
        gxe.ExpectColumnValuesToBeBetween(
            column="published_date",
            min_value=datetime.combine(EARLIEST_DATE, datetime.min.time()),
            max_value=tomorrow,
            severity=warn,
        ),
        gxe.ExpectColumnValuesToMatchRegex(column="encoding", regex=ENCODING_REGEX, severity=warn),
    ]


def _entity_mentions_expectations(entity_ids: Sequence[str]) -> list[Expectation]:
    import great_expectations.expectations as gxe

    err = _severity(ERROR)
    return [
        _schema_expectation(ENTITY_MENTIONS_SCHEMA, ("n_chars", "surface_ok")),
        gxe.ExpectColumnValuesToNotBeNull(column="article_id", severity=err),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["article_id", "char_start", "entity_id"], severity=err
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="char_start", severity=err),
        gxe.ExpectColumnValuesToNotBeNull(column="char_end", severity=err),
        gxe.ExpectColumnValuesToBeBetween(column="char_start", min_value=0, severity=err),
        # A null n_chars means the mention points at an article that is not in `articles`.
        gxe.ExpectColumnValuesToNotBeNull(column="n_chars", severity=err),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="n_chars", column_B="char_end", or_equal=True, severity=err
        ),
        gxe.ExpectColumnValuesToBeInSet(column="surface_ok", value_set=[True], severity=err),
        gxe.ExpectColumnValuesToBeInSet(column="entity_id", value_set=sorted(entity_ids), severity=err),
        gxe.ExpectColumnValuesToBeInSet(column="entity_type", value_set=list(ENTITY_TYPES), severity=err),
        gxe.ExpectColumnValuesToBeInSet(column="method", value_set=list(MENTION_METHODS), severity=err),
        gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0.0, max_value=1.0, severity=err),
    ]


def _event_candidates_expectations(event_codes: Sequence[str]) -> list[Expectation]:
    import great_expectations.expectations as gxe

    err = _severity(ERROR)
    return [
        _schema_expectation(EVENT_CANDIDATES_SCHEMA),
        gxe.ExpectColumnValuesToNotBeNull(column="mention_id", severity=err),
        gxe.ExpectColumnValuesToBeUnique(column="mention_id", severity=err),
        gxe.ExpectColumnValuesToNotBeNull(column="event_code", severity=err),
        gxe.ExpectColumnValuesToMatchRegex(column="event_code", regex=EVENT_CODE_REGEX, severity=err),
        gxe.ExpectColumnValuesToBeInSet(column="event_code", value_set=sorted(event_codes), severity=err),
        gxe.ExpectColumnValuesToMatchRegex(column="actor1_code", regex=ACTOR_CODE_REGEX, severity=err),
        gxe.ExpectColumnValuesToMatchRegex(column="actor2_code", regex=ACTOR_CODE_REGEX, severity=err),
        gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0.0, max_value=1.0, severity=err),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(EVENT_STATUSES), severity=err),
        gxe.ExpectColumnValuesToBeInSet(
            column="date_precision", value_set=list(DATE_PRECISIONS), severity=err
        ),
    ]


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


def known_values(frame: pl.DataFrame, column: str, known: pl.Series) -> list[str]:
    """The values of `known` that occur in `frame[column]`: the value set of an in-set expectation.

    A value of the column is in `known` exactly when it is in this subset, so the expectation finds
    the same unexpected values and rows; but GX copies an expectation's arguments for every metric
    it resolves and prints them in the Data Docs, and the knowledge base holds thousands of ids
    (about 2 CPU s per validation of the sample with all of them). A frame without any known value
    keeps one, as GX needs a non-empty set.
    """
    known = known.drop_nulls().unique()
    if column not in frame.columns:
        return sorted(known.head(1).to_list())
    present = known.filter(known.is_in(frame.get_column(column).drop_nulls().unique().implode()))
    return sorted((present if present.len() else known.head(1)).to_list())


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
