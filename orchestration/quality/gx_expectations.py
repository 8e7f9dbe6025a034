"""What each landing table's suite expects, and the Polars columns those expectations read.

Split out of `gx_suites` (issue #10). Derived columns that GX cannot express (share of Arabic
letters, whether an offset pair really spells the surface) are computed in Polars here and then
checked by plain column expectations. GX is imported inside the functions only, so Dagster can read
the constants when it loads the definitions without importing GX.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import polars as pl

from orchestration.quality.gx_results import ERROR, WARN, Severity
from orchestration.transforms.openworld import FOUND_CONFIDENCE
from orchestration.transforms.schemas import ARTICLES_SCHEMA, ENTITY_MENTIONS_SCHEMA, EVENT_CANDIDATES_SCHEMA

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

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
