"""A found name right after ``شبه`` ("quasi-") is the second half of a compound place noun.

``شبه الجزيرة العربية`` (the Arabian Peninsula), ``شبه الجزيرة الإيطالية``, ``شبه القارة الهندية``:
the word after شبه is a common noun (الجزيرة "the island", القارة "the continent"), never the name
of a body or a person, whatever the tagger read in it (Al Jazeera the channel). The compound with
its adjectives names a region: the span opens on شبه, takes up to ``MAX_ADJ`` definite adjectives
glued after the noun, and is a place (ANERcorp marks شبه الجزيرة العربية as a location).
"""

from __future__ import annotations

import polars as pl

QUASI = "شبه"
MAX_ADJ = 2


def quasi_places(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``spans`` (``s, e, entity_type`` word spans) with those right after شبه widened over it and
    the adjectives after their noun, as places. Only one-word spans: a longer name after شبه is
    not the compound's noun."""
    c = pl.col
    if spans.is_empty():
        return spans
    prev = (spans["s"] - 1).clip(0, None)
    before = w.select("bare", "aidx", "joined").gather(prev)
    first = w.select("aidx", "joined", "al").gather(spans["s"])
    quasi = (
        (spans["s"] > 0)
        & (spans["s"] == spans["e"])
        & (before["bare"] == QUASI)
        & (before["aidx"] == first["aidx"])
        & first["joined"]
        & first["al"]
    ).fill_null(False)
    if not quasi.any():
        return spans
    # Definite adjectives glued after the noun (العربية، الإيطالية، الهندية).
    adj = (c("joined") & c("al") & c("adjish") & ~c("stop") & ~c("conj")).fill_null(False)
    flags = w.select("aidx", adj=adj)
    n = pl.Series([0] * spans.height, dtype=pl.Int64)
    ok = pl.Series([True] * spans.height)
    for k in range(1, MAX_ADJ + 1):
        at = (spans["e"] + k).clip(0, w.height - 1)
        step = (
            flags["adj"].gather(at)
            & (flags["aidx"].gather(at) == spans["aidx"])
            & (spans["e"] + k < w.height)
        )
        ok = ok & step.fill_null(False)
        n = n + ok.cast(pl.Int64)
    q = pl.lit(quasi)
    out = spans.with_columns(
        s=pl.when(q).then(c("s") - 1).otherwise(c("s")),
        e=pl.when(q).then(c("e") + pl.lit(n)).otherwise(c("e")),
        entity_type=pl.when(q).then(pl.lit("PLACE")).otherwise(c("entity_type")),
    )
    return out.with_columns(n=(c("e") - c("s") + 1).cast(pl.Int64)) if "n" in out.columns else out
