"""Stage 4c: a place phrase right after an actor. «التقى X في قصر الاتحادية بالقاهرة بالرئيس Y»: the
verb's subject, then where it happened (في + a few words), then its بـ partner.

``in_after`` marks the actors followed within a few words (a time word may come first: «X اليوم
الثلاثاء في …») by في; targets.partners lets a بـ partner follow such a subject past the place
phrase (``_BI_LOCATED_GAP``).
"""

from __future__ import annotations

import polars as pl

# في starts within this many words after the actor's last word (time words may stand between).
_IN_WITHIN = 3


def in_after(m: pl.DataFrame, markers: pl.DataFrame) -> pl.DataFrame:
    """Actors (arguments frame) with ``in_at``: the first في marker within ``_IN_WITHIN`` words after
    the actor (null without one)."""
    ins = markers.filter(pl.col("marker") == "in").select("article_id", in_at="start").unique()
    near = (
        m.select("article_id", "a_start", "a_end")
        .unique()
        .join(ins, on="article_id")
        .filter((pl.col("in_at") > pl.col("a_end")) & (pl.col("in_at") - pl.col("a_end") <= _IN_WITHIN))
        .group_by("article_id", "a_start", "a_end")
        .agg(pl.col("in_at").min())
    )
    return m.join(near, on=["article_id", "a_start", "a_end"], how="left")
