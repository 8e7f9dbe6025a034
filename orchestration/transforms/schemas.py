"""One schema per landing table (column -> Polars dtype), used by the transforms that build the
tables, by the GX suites that check them and by docs/contracts.md, which points here.
"""

from __future__ import annotations

import polars as pl

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
