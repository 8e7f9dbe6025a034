"""Repeats (issue 11): «كما ناقش الجانبان …» repeats the previous event of the article (the events
stage copies its code and actors, with no actor offsets of its own). When the sanity rules drop
that event (conveyed greetings, an attendance, a speaker), the repeat is no event either.

Received visitors: a possessed visit (زيارته) after a reception in its sentence repeats the guest.
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


# A possessed visit noun (زيارته، زيارتها، بزيارته) names the visit of someone already named.
_OWN_VISIT = r"زيارت(?:ه|ها)$"


def received_visitors(c: pl.DataFrame) -> pl.DataFrame:
    """«استقبل الرئيس X نظيره Y … خلال زيارته إلى مصر»: after a reception in the same sentence, a
    possessed visit is the guest's, not the host's (a host does not visit his own country)."""
    receptions = c.filter(pl.col("event_code") == "043").select(
        "article_id",
        "sentence_index",
        r_trig="trig_rel",
        actor1_entity_id="actor1_entity_id",
        g_entity="actor2_entity_id",
        g_code="actor2_code",
        g_offset="actor2_char_offset",
        g_rel="a2_rel",
    )
    found = (
        c.filter(pl.col("event_code").str.starts_with("042") & pl.col("trigger").str.contains(_OWN_VISIT))
        .select("_row", "article_id", "sentence_index", "trig_rel", "actor1_entity_id", "actor2_entity_id")
        .join(receptions, on=["article_id", "sentence_index", "actor1_entity_id"])
        .filter((pl.col("r_trig") < pl.col("trig_rel")) & (pl.col("g_entity") != pl.col("actor2_entity_id")))
        .sort("_row", "r_trig", descending=[False, True])
        .unique("_row", keep="first", maintain_order=True)
        .select("_row", "g_entity", "g_code", "g_offset", "g_rel")
    )
    moved = pl.col("g_entity").is_not_null()
    return (
        c.join(found, on="_row", how="left")
        .with_columns(
            actor1_entity_id=pl.when(moved).then("g_entity").otherwise("actor1_entity_id"),
            actor1_code=pl.when(moved).then("g_code").otherwise("actor1_code"),
            actor1_char_offset=pl.when(moved).then("g_offset").otherwise("actor1_char_offset"),
            a1_rel=pl.when(moved).then("g_rel").otherwise("a1_rel"),
        )
        .drop("g_entity", "g_code", "g_offset", "g_rel")
    )
