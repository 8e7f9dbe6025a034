"""Frame contracts at the stage boundaries of the events package (column -> dtype, defined once).

Each stage returns a frame that holds at least the columns of its contract with these dtypes;
``conform`` checks it (schema only, no data pass) so that a stage changed in one module fails
loudly at its boundary instead of three stages later. Extra columns may ride along.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.hashing import sha256_prefix
from orchestration.transforms.schemas import EVENT_CANDIDATES_SCHEMA as EVENT_CANDIDATES_SCHEMA

# Sentinels for "no bound" on token indices (token indices are per article, far below these).
FAR = 1 << 40
SENTENCE_STRIDE = 1 << 20  # token_index = sentence_index * stride + index within the sentence
KEYS = ["article_id", "sentence_index"]
# One event mention: its sentence, code and both actors (the key ``mention_id`` hashes).
EVENT_KEYS = [*KEYS, "event_code", "actor1_entity_id", "actor2_entity_id"]
# Text order of the mentions of a sentence with a full tie-break: two mentions may share a span
# (co-span readings), and joins return rows in no fixed order, so sorting on the start alone is not
# reproducible from run to run.
MENTION_ORDER = ["a_start", "a_end", "entity_id", "entity_type"]


def text_order(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """``frame`` sorted by ``keys``, then by the columns of ``MENTION_ORDER`` it has."""
    return frame.sort([*keys, *[c for c in MENTION_ORDER if c in frame.columns]], maintain_order=True)


# 1. Tokens: one word of a (trigger-bearing) sentence.
TOKENS: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "aidx": pl.UInt32(),  # integer article key (transforms.tokens): joins and group-bys use it
    "sentence_index": pl.Int64(),
    "token": pl.String(),
    "token_index": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "norm": pl.String(),
    "gap": pl.String(),  # non-word text before the word (transforms.tokens)
}

# 2. Lexicon matches (triggers, blocking phrases, markers, date words), longest per sentence.
MATCHES: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_index": pl.Int64(),
    "lex_id": pl.Int64(),
    "group": pl.String(),  # trigger | marker | date
    "marker": pl.String(),  # trigger | block | marker name | relative | weekday
    "start": pl.Int64(),
    "end": pl.Int64(),
    "future": pl.Boolean(),
    "event_code": pl.String(),
    "kind": pl.String(),
    "voice": pl.String(),
    "priority": pl.Int64(),
    "target": pl.String(),
    "window_before": pl.Int64(),
    "window_after": pl.Int64(),
    "day_offset": pl.Int64(),
    "iso_weekday": pl.Int64(),
}

# 3. Triggers: one matched trigger with its surface, clause region and the markers around it.
TRIGGERS: dict[str, pl.DataType] = {
    **MATCHES,
    "t_id": pl.UInt32(),
    "action_char_offset": pl.Int64(),
    "trigger": pl.String(),
    "region_start": pl.Int64(),
    "region_end": pl.Int64(),
    "possessive": pl.Boolean(),
    "dual": pl.Boolean(),
    "passive": pl.Boolean(),
    "adverbial": pl.Boolean(),
    "mk_planned": pl.Boolean(),
    "mk_historical": pl.Boolean(),
    "mk_dyad_back": pl.Boolean(),
    "mk_main_subject": pl.Boolean(),
}

# 4. Date expressions of a sentence (explicit > relative day > weekday).
DATE_COLS = ["d_kind", "d_rank", "d_dist", "d_date", "d_precision", "d_offset", "d_weekday"]
DATE_EXPRESSIONS: dict[str, pl.DataType] = {
    "d_id": pl.UInt32(),
    "article_id": pl.String(),
    "sentence_index": pl.Int64(),
    "d_start": pl.Int64(),
    "d_end": pl.Int64(),
    "d_kind": pl.String(),
    "d_rank": pl.Int64(),
    "d_date": pl.Date(),
    "d_precision": pl.String(),
    "d_offset": pl.Int64(),
    "d_weekday": pl.Int64(),
}

# 5. Arguments: entity mentions placed on tokens, with the marker (or trigger) that governs them.
ACTORS: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_index": pl.Int64(),
    "entity_id": pl.String(),
    "entity_type": pl.String(),
    "klass": pl.String(),  # agent | state | place
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "a_start": pl.Int64(),
    "a_end": pl.Int64(),
    "m_conf": pl.Float64(),
    "actor_code": pl.String(),
    "coord": pl.Boolean(),  # joined to the previous word by و
    "from_flag": pl.Boolean(),  # governed by من
    "located": pl.Boolean(),  # after في/بـ
    "gov_kind": pl.String(),  # with | between | to | against | trigger | NULL (free)
    "gov_tok": pl.Int64(),
    "free": pl.Boolean(),
}

# 6. Roles: one row per (trigger, target), s_* = actor1, o_* = actor2.
ACTOR_COLS = ["entity_id", "klass", "char_start", "a_start", "a_end", "m_conf", "actor_code", "entity_type"]
_ACTOR_DTYPES = {c: ACTORS[c] for c in ACTOR_COLS}
DYADS: dict[str, pl.DataType] = {
    "t_id": pl.UInt32(),
    **{f"s_{c}": t for c, t in _ACTOR_DTYPES.items()},
    **{f"o_{c}": t for c, t in _ACTOR_DTYPES.items()},
    "rule": pl.String(),
    "place_location": pl.String(),
}

# 7. Output: the landing table event_candidates, defined once in transforms/schemas.py.


class ContractError(TypeError):
    """A stage produced a frame that does not hold its contract's columns and dtypes."""


def conform(frame: pl.DataFrame, contract: dict[str, pl.DataType], stage: str) -> pl.DataFrame:
    """``frame`` unchanged when it holds every column of ``contract`` with its dtype."""
    schema = frame.schema
    wrong = {c: (str(t), str(schema.get(c))) for c, t in contract.items() if schema.get(c) != t}
    if wrong:
        raise ContractError(f"{stage}: columns (expected, got) {wrong}")
    return frame


# An actor that can act (a person, organization, state), not a place.
ACTORISH = pl.col("klass") != "place"


def first_by(frame: pl.DataFrame, by: list[pl.Expr], prefix: str) -> pl.DataFrame:
    """The first row per t_id after sorting by ``by``, actor columns renamed with ``prefix``."""
    # The columns themselves break ties: joins return rows in no fixed order.
    return (
        frame.sort([*by, *ACTOR_COLS], nulls_last=True)
        .unique(subset=["t_id"], keep="first", maintain_order=True)
        .select("t_id", *[pl.col(c).alias(f"{prefix}{c}") for c in ACTOR_COLS])
    )


def actors_as(prefix: str, source: str = "") -> list[pl.Expr]:
    """The actor columns with prefix ``source`` renamed to prefix ``prefix``."""
    return [pl.col(f"{source}{c}").alias(f"{prefix}{c}") for c in ACTOR_COLS]


def with_mention_ids(events: pl.DataFrame) -> pl.DataFrame:
    """``mention_id``: a hash of the article, sentence, code and both actors (one row per key)."""
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in EVENT_KEYS], separator="|")
    return events.with_columns(mention_id=sha256_prefix(events.select(key.alias("k"))["k"]))
