"""Lists of destinations (issue 11): «زيارة لدول المنطقة، تشمل إسرائيل ومصر والأردن» names the
stops of one tour. Two states joined in such a list are no visitor and host of each other, so a
visit (CAMEO 042) between them is dropped; meetings keep the pairs of their lists (a summit of
Egypt, Jordan and Iraq is a meeting of each pair). Frames are the per-candidate frames of
``event_rules`` (``_row``, ``a1_rel``...) and their sentence mentions (``m_entity``, ``m_rel``...).
"""

from __future__ import annotations

import polars as pl

# Between two members of a list: a comma or و, nothing else (words would make another clause),
# but a territory noun before a state's nisba («إسرائيل والأراضي الفلسطينية»: events/territories.py).
_LIST_GLUE = r"^[\s،,]*(?:و\s*)?(?:(?:ال)?(?:أراضي|اراضي|مناطق)\s+)?$"


def _state_lists(cm: pl.DataFrame) -> pl.DataFrame:
    """Per candidate row: each state mention of the sentence with the id of the list it is in
    (states joined by commas or و share one id)."""
    states = (
        cm.filter(pl.col("m_entity").str.starts_with("country:"))
        .select("_row", "sentence", "m_entity", "m_start", "m_rel", "m_end_rel")
        # Two readings on one start: the longer (a total order, not the join's row order).
        .sort(["_row", "m_rel", "m_end_rel", "m_entity"], descending=[False, False, True, False])
        .unique(["_row", "m_rel"], keep="first", maintain_order=True)
    )
    prev_end = pl.col("m_end_rel").shift(1).over("_row")
    gap = pl.col("sentence").str.slice(prev_end, (pl.col("m_rel") - prev_end).clip(lower_bound=0))
    joined = (prev_end <= pl.col("m_rel")) & gap.str.contains(_LIST_GLUE)
    return states.with_columns(
        list_id=(~joined.fill_null(False)).cast(pl.Int32).cum_sum().over("_row")
    ).select("_row", "m_entity", "m_start", "list_id")


def drop_destination_lists(c: pl.DataFrame, cm: pl.DataFrame) -> pl.DataFrame:
    """Candidates without visits between two states that stand in one list."""
    lists = _state_lists(cm)
    framed = c
    for n in (1, 2):
        framed = framed.join(
            lists.rename(
                {"m_entity": f"actor{n}_entity_id", "m_start": f"actor{n}_char_offset", "list_id": f"l{n}"}
            ),
            on=["_row", f"actor{n}_entity_id", f"actor{n}_char_offset"],
            how="left",
        )
    listed = (pl.col("event_code").str.starts_with("042") & (pl.col("l1") == pl.col("l2"))).fill_null(False)
    return framed.filter(~listed).drop("l1", "l2")
