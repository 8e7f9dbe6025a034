"""The merge of found mentions with the known ones: a known entity always wins over a found one."""

from __future__ import annotations

import polars as pl


def merge_found(known: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """``found`` mentions that overlap no ``known`` mention of the same article (``aidx, cs, ce``):
    a known entity always wins over a found one."""
    c = pl.col
    if found.is_empty():
        return found
    k = known.select("aidx", k_cs="cs", k_ce="ce").sort("k_cs")
    f = found.with_row_index("_fid").sort("cs")
    # The last known span starting at or before the found one, and the first starting after it.
    before = f.join_asof(
        k, left_on="cs", right_on="k_cs", by="aidx", strategy="backward", check_sortedness=False
    ).filter(c("k_ce") > c("cs"))
    after = f.join_asof(
        k.with_columns(c("k_cs").alias("k_cs2")),
        left_on="cs",
        right_on="k_cs2",
        by="aidx",
        strategy="forward",
        check_sortedness=False,
    ).filter(c("k_cs") < c("ce"))
    # A long known span may also start before and cover a later found span: running max of ends.
    clash = pl.concat([before["_fid"], after["_fid"]])
    covered = _covered_by_running_end(k, f)
    return f.filter(~c("_fid").is_in(clash.implode()) & ~c("_fid").is_in(covered.implode())).drop("_fid")


def _covered_by_running_end(k: pl.DataFrame, f: pl.DataFrame) -> pl.Series:
    c = pl.col
    ends = k.sort("aidx", "k_cs").with_columns(max_ce=c("k_ce").cum_max().over("aidx"))
    hit = f.sort("cs").join_asof(
        ends.select("aidx", "k_cs", "max_ce"),
        left_on="cs",
        right_on="k_cs",
        by="aidx",
        strategy="backward",
        check_sortedness=False,
    )
    return hit.filter(c("max_ce") > c("cs"))["_fid"]
