"""Where the token tagger and a rule disagree on a span, the tagger's span wins.

The rules find a name from one cue (a title, a speech verb, a given name) and guess its extent with
fixed limits (at most four words, frequency cut-offs), so they often get the boundary wrong:
``قال مدرب الفريق`` read as a name after قال, ``الرئيس جورج`` cut before ``بوش``. The tagger weighs
the whole context and, measured on ANERcorp's training split, gets more of those boundaries right.
So a rule span that overlaps a tagger span is dropped, and the tagger's span takes over what the rule
knew: the country and role of the phrase that introduced the person (``الوزير المصري فلان``), which
events need to place the actor. A rule span that no tagger span touches stays.
"""

from __future__ import annotations

import polars as pl

# What a rule span knows beyond its extent.
PAYLOAD: tuple[str, ...] = ("a_iso3", "a_role", "a_cameo")


def _words_of(spans: pl.DataFrame, sid: str) -> pl.DataFrame:
    """One row per word of each span: ``sid``, ``wid``."""
    return (
        spans.select(sid, wid=pl.int_ranges("s", pl.col("e") + 1))
        .explode("wid")
        .with_columns(pl.col("wid").cast(pl.Int64))
    )


def arbitrate(rules: pl.DataFrame, model: pl.DataFrame) -> pl.DataFrame:
    """``rules`` (``aidx, s, e, entity_type, method`` and ``PAYLOAD``) and ``model`` (tagger spans)
    merged: every tagger span, and the rule spans that share no word with one. A tagger span takes
    the payload of the first overlapping rule span of its own type."""
    c = pl.col
    if model.is_empty():
        return rules
    if rules.is_empty():
        # The later stages read the payload columns whether a rule filled them or not.
        return model.with_columns(
            *[pl.lit(None, pl.String).alias(p) for p in PAYLOAD if p not in model.columns]
        )
    r = rules.with_row_index("_rid")
    m = model.with_row_index("_mid")
    pairs = (
        _words_of(r, "_rid")
        .join(_words_of(m, "_mid"), on="wid")
        .select("_rid", "_mid")
        .unique()
        .join(r.select("_rid", "s", *PAYLOAD, r_type="entity_type"), on="_rid")
        .join(m.select("_mid", m_type="entity_type"), on="_mid")
    )
    # The payload of the leftmost rule span of the same type, per tagger span.
    payload = (
        # A total order: rule spans starting on one word tie on ``s``, and an unstable sort let the
        # tagger span's role flip between runs (a null role or «official» for one name).
        pairs.filter(c("r_type") == c("m_type"))
        .sort(["_mid", "s", *PAYLOAD, "_rid"], nulls_last=True)
        .group_by("_mid", maintain_order=True)
        .agg(*[c(p).drop_nulls().first() for p in PAYLOAD])
    )
    keep_payload = [p for p in PAYLOAD if p in m.columns]
    m = m.drop(keep_payload).join(payload, on="_mid", how="left")
    kept = r.filter(~c("_rid").is_in(pairs["_rid"].implode()))
    return pl.concat([kept.drop("_rid"), m.drop("_mid")], how="diagonal_relaxed")
