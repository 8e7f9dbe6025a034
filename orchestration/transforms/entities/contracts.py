"""Frame contracts of the entity stages, defined once (column -> dtype).

Each stage function returns a frame with at least these columns (extra working columns may ride
along); ``tokens.validate_frame`` checks a frame against its contract at a stage boundary.

- ``WORDS_SCHEMA``: the token table (``tokens.TOKENS_SCHEMA``) with the article's row number
  ``aidx`` and a global word number ``wid`` (the row number: ``wid + 1`` is the next word).
- ``LEXICON_SCHEMA``: one dictionary entry per normalized key (``lexicon.build_lexicon``).
- ``MATCH_SCHEMA``: a dictionary entry found on a word range ``[w0, w1)`` (``matching.match``).
- ``ELEMENT_SCHEMA``: a kept match (after leftmost-longest selection) with its id ``eid``, the gap
  class before it and its article's date (``pipeline._elements``).
- ``MENTION_SCHEMA`` / ``ENTITY_SCHEMA``: the landing tables ``entity_mentions`` and ``entities``.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.schemas import ENTITIES_SCHEMA, ENTITY_MENTIONS_SCHEMA
from orchestration.transforms.tokens import TOKENS_SCHEMA

ENTITY_SCHEMA = ENTITIES_SCHEMA
MENTION_SCHEMA = ENTITY_MENTIONS_SCHEMA

WORDS_SCHEMA: dict[str, pl.DataType] = {**TOKENS_SCHEMA, "aidx": pl.UInt32(), "wid": pl.Int64()}

LEXICON_SCHEMA: dict[str, pl.DataType] = {
    "key": pl.String(),  # normalized words joined by one space
    "n": pl.Int64(),  # number of words
    "kind": pl.String(),  # name, nisba, role, counterpart, honorific
    "entity_id": pl.String(),
    "entity_type": pl.String(),
    "iso3": pl.String(),
    "is_primary": pl.Boolean(),
    "prio": pl.Int64(),
    "ambiguous": pl.Boolean(),
    "role": pl.String(),
    "office": pl.String(),
    "cameo_role": pl.String(),
    "rank": pl.Int64(),
}

MATCH_SCHEMA: dict[str, pl.DataType] = {
    **LEXICON_SCHEMA,
    "aidx": pl.UInt32(),
    "w0": pl.Int64(),  # first word (wid)
    "w1": pl.Int64(),  # one past the last word
    "cs": pl.Int64(),  # char offsets in the body, proclitic excluded
    "ce": pl.Int64(),
    "surf": pl.String(),
    "prefix": pl.String(),  # proclitics stripped from the first word
    "nfix": pl.Int64(),  # words matched through a typo correction
}

ELEMENT_SCHEMA: dict[str, pl.DataType] = {
    **MATCH_SCHEMA,
    "method": pl.String(),
    "eid": pl.UInt32(),
    "gap_text": pl.String(),
    "gap_before": pl.Int8(),
    "date": pl.Date(),
}
