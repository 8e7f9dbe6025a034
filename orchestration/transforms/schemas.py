"""One schema per landing table (column -> Polars dtype), defined here only.

The transforms that build a table cast to its schema, the GX suites check the landed frames against
it (``orchestration.quality.gx_suites``), the dbt staging models cast to the same types, and
docs/contracts.md describes the columns' meaning and points here for the types.
"""

from __future__ import annotations

import polars as pl

INBOX_STATE_SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "file_size_bytes": pl.Int64(),
    "mtime_ns": pl.Int64(),
    "sha256": pl.String(),
}

RAW_ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "source_file": pl.String(),
    "record_index": pl.Int64(),
    "file_size_bytes": pl.Int64(),
    "encoding": pl.String(),
    "raw_text": pl.String(),
    "meta_id": pl.String(),
    "meta_url": pl.String(),
    "meta_title": pl.String(),
    "meta_published_at": pl.String(),
    "meta_source": pl.String(),
}

DUPLICATE_ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "record_index": pl.Int64(),
    "article_id": pl.String(),
    "duplicate_of_file": pl.String(),
    "duplicate_of_record": pl.Int64(),
}

REJECTED_ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "record_index": pl.Int64(),
    "file_size_bytes": pl.Int64(),
    "reason": pl.String(),
    "message": pl.String(),
}

ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "source_file": pl.String(),
    "record_index": pl.Int64(),
    "encoding": pl.String(),
    "title": pl.String(),
    "published_date": pl.Date(),
    "published_date_source": pl.String(),
    "source_name": pl.String(),
    "section": pl.String(),
    "dateline": pl.String(),
    "url": pl.String(),
    "body": pl.String(),
    "n_chars": pl.Int64(),
}

# rejected_clean: articles left with no news text once boilerplate is removed (same columns).
REJECTED_CLEAN_SCHEMA = REJECTED_ARTICLES_SCHEMA

SENTENCES_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_index": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "sentence": pl.String(),
}

EVENT_CANDIDATES_SCHEMA: dict[str, pl.DataType] = {
    "mention_id": pl.String(),
    "article_id": pl.String(),
    "sentence_index": pl.Int64(),
    "sentence": pl.String(),
    "event_code": pl.String(),
    "trigger": pl.String(),
    "action_char_offset": pl.Int64(),
    "actor1_entity_id": pl.String(),
    "actor2_entity_id": pl.String(),
    "actor1_char_offset": pl.Int64(),
    "actor2_char_offset": pl.Int64(),
    "actor1_code": pl.String(),
    "actor2_code": pl.String(),
    "location_entity_id": pl.String(),
    "status": pl.String(),
    "event_date": pl.Date(),
    "date_precision": pl.String(),
    "event_weekday": pl.Int32(),
    "confidence": pl.Float64(),
}

ENTITIES_SCHEMA: dict[str, pl.DataType] = {
    "entity_id": pl.String(),
    "entity_type": pl.String(),
    "name_en": pl.String(),
    "name_ar": pl.String(),
    "country_iso3": pl.String(),
    "cameo_code": pl.String(),
    "latitude": pl.Float64(),
    "longitude": pl.Float64(),
    "origin": pl.String(),
}
ENTITY_MENTIONS_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "entity_id": pl.String(),
    "entity_type": pl.String(),
    "surface": pl.String(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "sentence_index": pl.Int64(),
    "method": pl.String(),
    "confidence": pl.Float64(),
    "actor_code": pl.String(),
    "role": pl.String(),
}

INBOX_FILES_SCHEMA: dict[str, pl.DataType] = {
    **INBOX_STATE_SCHEMA,
    "pipeline_version": pl.String(),
    "change": pl.String(),
}
RETRACTED_ARTICLES_SCHEMA: dict[str, pl.DataType] = {"article_id": pl.String()}

# Every table of the DuckDB schema `landing`, by name.
LANDING_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "inbox_files": INBOX_FILES_SCHEMA,
    "retracted_articles": RETRACTED_ARTICLES_SCHEMA,
    "raw_articles": RAW_ARTICLES_SCHEMA,
    "duplicate_articles": DUPLICATE_ARTICLES_SCHEMA,
    "rejected_articles": REJECTED_ARTICLES_SCHEMA,
    "articles": ARTICLES_SCHEMA,
    "rejected_clean": REJECTED_CLEAN_SCHEMA,
    "sentences": SENTENCES_SCHEMA,
    "entities": ENTITIES_SCHEMA,
    "entity_mentions": ENTITY_MENTIONS_SCHEMA,
    "event_candidates": EVENT_CANDIDATES_SCHEMA,
}
