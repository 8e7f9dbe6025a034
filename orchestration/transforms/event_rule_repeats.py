"""Repeats (issue 11): «كما ناقش الجانبان …» repeats the previous event of the article (the events
stage copies its code and actors, with no actor offsets of its own). When the sanity rules drop
that event (conveyed greetings, an attendance, a speaker), the repeat is no event either.
"""

from __future__ import annotations

import polars as pl

_SAME = ["article_id", "event_code", "actor1_entity_id", "actor2_entity_id"]


def drop_orphan_repeats(c: pl.DataFrame) -> pl.DataFrame:
    """Candidates without the repeats whose event no longer stands in an earlier sentence."""
    repeat = pl.col("actor1_char_offset").is_null() & pl.col("actor2_char_offset").is_null()
    anchors = c.filter(~repeat).group_by(_SAME).agg(first_sentence=pl.col("sentence_index").min())
    kept = (
        c.filter(repeat)
        .join(anchors, on=_SAME, how="inner", nulls_equal=False)
        .filter(pl.col("first_sentence") < pl.col("sentence_index"))
        .drop("first_sentence")
    )
    return pl.concat([c.filter(~repeat), kept], how="vertical_relaxed").sort("_row")
