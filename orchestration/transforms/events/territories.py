"""Stage 4a: a state's nisba after a territory noun names the state as a place (issue #11).

«زيارة إلى إسرائيل والأراضي الفلسطينية», «إلى إسرائيل والمناطق الفلسطينية»: the second destination
of a tour is the Palestinian territories, written as a noun (الأراضي، المناطق) and the state's
nisba. A bare nisba is a weak state mention (``mentions.MIN_STATE_CONFIDENCE``: "الجانب الفلسطيني"
is no state of its own), so the second stop was dropped; after a territory noun it is the state.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.mentions import MIN_STATE_CONFIDENCE

# Normalized territory nouns (with و or ف: the next item of a list).
_TERRITORY = r"^[وف]?(?:الاراضي|المناطق|الاقاليم|اراضي)$"


def territory_states(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Mentions with a state's nisba right after a territory noun raised to a state mention."""
    # Only a destination or the next item of a list: «داخل الأراضي العراقية» is where, not whom.
    after_to = tokens.select("article_id", token_index=pl.col("token_index") + 1, _to=pl.col("norm") == "الي")
    nouns = (
        tokens.filter(pl.col("norm").str.contains(_TERRITORY))
        .join(after_to, on=["article_id", "token_index"], how="left")
        .filter(pl.col("norm").str.starts_with("و") | pl.col("_to").fill_null(False))
        .select("article_id", a_start=pl.col("token_index") + 1, _territory=pl.lit(True))
    )
    return (
        m.join(nouns, on=["article_id", "a_start"], how="left")
        .with_columns(
            m_conf=pl.when(pl.col("_territory").fill_null(False) & (pl.col("klass") == "state"))
            .then(pl.max_horizontal("m_conf", pl.lit(MIN_STATE_CONFIDENCE)))
            .otherwise("m_conf")
        )
        .drop("_territory")
    )
