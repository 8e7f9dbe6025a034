"""Stage 4a: datelines left in the text. «العراق / نبأ – استقبل الرئيس …», «ليبيا – استقبل …»: a
place or an outlet at the very start of a sentence, cut from the clause by a dash, is where the
news was filed, never the subject of the verb after the dash.

``clean.py`` cuts the datelines it recognizes (a place and a wire agency); the rest reach the event
stage as the sentence's first words. Their actors become places (``klass = place``), so no subject
or partner slot takes them.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import SENTENCE_STRIDE

# A dash before a word, in the gap the tokenizer keeps before it (– — -).
_DASH = r"[-–—]"
# The dash stands within the first words of the sentence: place, an outlet (نبأ، سانا), a slash.
_DASH_WITHIN = 4
# The dateline actor starts the sentence and ends at most this many words before the dash word.
_DATELINE_START = 1
_DATELINE_TO_DASH = 3


def datelines(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Actors (arguments frame) with the dateline places and outlets of each sentence as places."""
    dashes = tokens.filter(
        pl.col("gap").str.contains(_DASH) & (pl.col("token_index") % SENTENCE_STRIDE <= _DASH_WITHIN)
    ).select("article_id", d_tok="token_index")
    if dashes.height == 0:
        return m
    hits = (
        m.select("article_id", "a_start", "a_end", "klass", "entity_type")
        .join(dashes, on="article_id")
        .filter(
            (pl.col("a_start") % SENTENCE_STRIDE <= _DATELINE_START)
            & (pl.col("d_tok") > pl.col("a_end"))
            & (pl.col("d_tok") - pl.col("a_end") <= _DATELINE_TO_DASH)
            & (pl.col("d_tok") // SENTENCE_STRIDE == pl.col("a_start") // SENTENCE_STRIDE)
            & ((pl.col("klass") != "agent") | (pl.col("entity_type") == "ORG"))
        )
        .select("article_id", "a_start", dateline=pl.lit(True))
        .unique()
    )
    return (
        m.join(hits, on=["article_id", "a_start"], how="left")
        .with_columns(
            klass=pl.when(pl.col("dateline").fill_null(False))
            .then(pl.lit("place"))
            .otherwise(pl.col("klass"))
        )
        .drop("dateline")
    )
