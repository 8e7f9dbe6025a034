"""The subject of a temporal clause with a dropped subject (issue 11).

«ومن المقرر أن يلتقي جوتيريش وزير الخارجية الروسي، سيرجي لافروف، والرئيس الروسي، فلاديمير بوتين، قبل
أن يتوجه إلى العاصمة الأوكرانية كييف»: the verb after قبل أن / بعد أن names no subject of its own, so
it shares the main clause's (Guterres), not the nearest actor before it (Putin, an object of the main
verb). Where the clause names its subject after the verb («قبل ان يتوجه اوباما الى القاهرة») the
extractor already took that one: only a subject standing before the connector is replaced.
"""

from __future__ import annotations

import polars as pl

# The connector right before the trigger: قبل/بعد/قبيل/عقب + أن.
_SUBORDINATE = r"(?:^|\s)(?:و)?(?:قبل|بعد|قبيل|عقب)\s+(?:أن|ان|أنْ)\s+$"


def _named_after(c: pl.DataFrame, cm: pl.DataFrame) -> pl.DataFrame:
    """``_own``: the first mention after the trigger is actor1 itself («قبل ان يتوجه اوباما الى
    القاهرة»: the clause names its subject); otherwise it is the object («قبل أن يستقبل السفيرة»)."""
    first = (
        cm.filter(pl.col("m_rel") > pl.col("trig_rel"))
        .sort("_row", "m_rel", "m_entity")
        .unique(subset=["_row"], keep="first", maintain_order=True)
        .select("_row", _next="m_entity")
    )
    return c.join(first, on="_row", how="left").with_columns(
        _own=(pl.col("_next") == pl.col("actor1_entity_id")).fill_null(False)
    )


def main_clause_subjects(c: pl.DataFrame, cm: pl.DataFrame) -> pl.DataFrame:
    """Candidates with ``sentence``, ``trig_rel`` and ``s_start`` -> actor1 of a trigger right after
    a temporal connector whose subject stands before the connector (and not after the verb)
    replaced by the subject of the sentence's nearest earlier candidate (its main clause).
    ``cm``: the sentence mentions of each candidate (``_row``, ``m_rel``, ``m_entity``)."""
    c = _named_after(c, cm)
    head = pl.col("sentence").str.slice(0, pl.col("trig_rel"))
    connector_at = (
        head.str.len_chars() - head.str.extract(r"((?:و)?(?:قبل|بعد|قبيل|عقب)\s+\S+\s+)$", 1).str.len_chars()
    )
    a1_rel = pl.col("actor1_char_offset") - pl.col("s_start")
    c = c.with_columns(
        _sub=(head.str.contains(_SUBORDINATE) & ~pl.col("_own") & (a1_rel < connector_at)).fill_null(False),
        _key=pl.col("trig_rel") - 1,
    )
    if not c["_sub"].any():
        return c.drop("_sub", "_key", "_next", "_own")
    main = (
        c.filter(~pl.col("_sub"))
        .select(
            "article_id",
            "sentence_index",
            _key="trig_rel",
            _m1="actor1_entity_id",
            _m1_code="actor1_code",
            _m1_off="actor1_char_offset",
        )
        .sort("article_id", "sentence_index", "_key", "_m1")
        .unique(subset=["article_id", "sentence_index", "_key"], keep="first", maintain_order=True)
        .sort("_key")
    )
    c = c.sort("_key").join_asof(
        main, on="_key", by=["article_id", "sentence_index"], strategy="backward", check_sortedness=False
    )
    swap = (
        pl.col("_sub")
        & pl.col("_m1").is_not_null()
        & (pl.col("_m1") != pl.col("actor2_entity_id"))
        & (pl.col("_m1") != pl.col("actor1_entity_id"))
    )
    return c.with_columns(
        actor1_entity_id=pl.when(swap).then("_m1").otherwise("actor1_entity_id"),
        actor1_code=pl.when(swap).then("_m1_code").otherwise("actor1_code"),
        actor1_char_offset=pl.when(swap).then("_m1_off").otherwise("actor1_char_offset"),
    ).drop("_sub", "_key", "_m1", "_m1_code", "_m1_off", "_next", "_own")
