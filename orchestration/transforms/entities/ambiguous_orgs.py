"""An ambiguous one-word organization form that heads a phrase is the common word it also is.

``فتح`` (Fatah; "opening"), ``القاعدة`` (al-Qaeda; "the base"): a body's bare name stands alone
(قالت فتح إن، فتح وحماس، هاجمت القاعدة), while the common word takes an object or a complement
right after it (فتح حسابات، فتح التذاكر، القاعدة الجوية، القاعدة الرئيسية). So such a form glued
by a space to a following content word (no grammar word, no conjunction, no country adjective: الأناضول
التركية stays the agency) is no mention at all. A country adjective after a form that is itself an
everyday word (Zipf ``COMMON_FORM``: القاعدة 5.0, not الأناضول 3.8) qualifies the common noun:
القاعدة الأميركية في كوبا is the American base, not al-Qaeda.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.matching import words_at
from orchestration.transforms.text import GAP_SPACE, gap_class

# Zipf frequency from which an ambiguous form is an everyday word (القاعدة 5.0، فتح 5.0) that a country
# adjective after it qualifies; an agency's name (الأناضول 3.8، بترا) stays below.
COMMON_FORM = 4.5


def drop_phrase_heads(
    names: pl.DataFrame, words: pl.DataFrame, stop: pl.Series, zipf: pl.DataFrame | None = None
) -> pl.DataFrame:
    """``names`` (name and nisba elements: ``eid, aidx, w0, w1, kind, entity_type, ambiguous``)
    less ambiguous one-word organization names followed by a content word, and longer ones followed
    by a definite adjective (مجلس الأمن القومي). ``zipf`` (``word,
    zipf``, normalized words) tells which forms are everyday words."""
    cand = names.filter(
        (pl.col("kind") == "name") & (pl.col("entity_type") == "ORG") & pl.col("ambiguous").fill_null(False)
    )
    if cand.is_empty():
        return names
    nxt = words_at(words, cand.select("eid", "aidx", "w0", "w1"), "w1", {"norm": "ntok", "gap": "ngap"})
    nisba_starts = names.filter(pl.col("kind") == "nisba").select("aidx", w1="w0", is_nisba=pl.lit(True))
    nxt = nxt.join(nisba_starts.unique(), on=["aidx", "w1"], how="left")
    common = pl.lit(False)
    if zipf is not None:
        own = words_at(words, cand.select("eid", "aidx", "w0"), "w0", {"norm": "otok"}).select("eid", "otok")
        nxt = nxt.join(own, on="eid", how="left").join(
            zipf.select(otok="word", _z="zipf"), on="otok", how="left"
        )
        common = pl.col("_z").fill_null(0.0) >= COMMON_FORM
    one_word = pl.col("w1") - pl.col("w0") == 1
    content = (
        ~pl.col("ntok").is_in(stop.implode())
        & ~pl.col("ntok").str.starts_with("و")
        & pl.col("ntok").str.contains(r"^\p{Arabic}{2,}$")
    )
    # A longer ambiguous form (مجلس الأمن) followed by a definite relative adjective that no alias
    # holds (مجلس الأمن القومي السعودي) names another body: a nisba may still qualify the form.
    other_body = pl.col("ntok").str.contains(r"^ال\p{Arabic}{2,}يه?$") & ~pl.col("is_nisba").fill_null(False)
    heads = nxt.filter(
        (gap_class(pl.col("ngap")) == GAP_SPACE)
        & content
        & pl.when(one_word).then(~pl.col("is_nisba").fill_null(False) | common).otherwise(other_body)
    )["eid"]
    return names.filter(~pl.col("eid").is_in(heads.implode()))
