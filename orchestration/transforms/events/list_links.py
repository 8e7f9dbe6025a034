"""Stage 4a: list connectors other than و (issue #11, meetings of three or more parties).

Reception reports chain their guests with connectors that mean "and also": «استقبل … سفير لبنان X،
وكذا سفير النمسا Y، والسفير المصري Z، بالإضافة إلى سفير كرواتيا W، وأخيرا السفير البرازيلي V»,
«سفير المملكة X، ثم وزير الخارجية Y». An actor whose span (titles included) starts right after
such a connector is a coordinated list item, as one after و is: the connector joins its span
(``t_start`` moves back over it), so ``parties.coordinated_chains`` links it to the item before and
``parties.expand_parties`` gives the host one dyad per guest. Without this, every guest after the
first connector was lost (and إلى of بالإضافة إلى read as a destination marker).
"""

from __future__ import annotations

import polars as pl

# Normalized forms (أ/إ -> ا, ة -> ه, ى -> ي: transforms.text.normalize_expr).
_ONE_WORD = ["وكذا", "وكذلك", "واخيرا", "وايضا", "ثم", "وثم"]
# A territory noun with و before a state's nisba opens the next item («إسرائيل والأراضي الفلسطينية»:
# territories.py raises the nisba to a state; the noun is part of its span).
_ONE_WORD += ["والاراضي", "والمناطق"]
_TWO_WORDS = [
    "بالاضافه الي",
    "وبالاضافه الي",
    "اضافه الي",
    "واضافه الي",
    "فضلا عن",
    "علاوه علي",
]


def connector_starts(tokens: pl.DataFrame) -> pl.DataFrame:
    """(article_id, t_start, conn_tok): the word after a list connector and where the connector
    starts, within one sentence."""
    t = tokens.select("article_id", "sentence_index", "token_index", "norm")
    one = t.filter(pl.col("norm").is_in(_ONE_WORD)).select(
        "article_id", "sentence_index", t_start=pl.col("token_index") + 1, conn_tok="token_index"
    )
    second = t.select("article_id", "sentence_index", token_index=pl.col("token_index") - 1, norm2="norm")
    two = (
        t.join(second, on=["article_id", "sentence_index", "token_index"])
        .filter((pl.col("norm") + " " + pl.col("norm2")).is_in(_TWO_WORDS))
        .select("article_id", "sentence_index", t_start=pl.col("token_index") + 2, conn_tok="token_index")
    )
    # the connector's next word must be in its sentence: a later sentence starts no list item
    words = t.select("article_id", "sentence_index", t_start="token_index")
    return (
        pl.concat([one, two])
        .join(words, on=["article_id", "sentence_index", "t_start"])
        .drop("sentence_index")
    )


def list_connectors(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """``coord`` also after a list connector; the connector joins the item's span (``t_start``).
    ``m``: mentions after ``mentions.coordination``."""
    starts = connector_starts(tokens).unique(["article_id", "t_start"])
    # "سفير كرواتيا، أليجا زيلاليك، وسفير …": a comma right after the actor opens an apposition
    # (a name the tagger missed) before the next item (``parties.coordinated_chains``).
    commas = tokens.filter(pl.col("gap").str.contains("[،,]")).select(
        "article_id", a_end=pl.col("token_index") - 1, comma_after=pl.lit(True)
    )
    m = m.join(starts, on=["article_id", "t_start"], how="left").join(
        commas, on=["article_id", "a_end"], how="left"
    )
    hit = pl.col("conn_tok").is_not_null() & ~pl.col("coord")
    return m.with_columns(
        coord=pl.col("coord") | hit,
        # the item is a list item whatever words of the previous name the tagger left out
        # («، أيمن جمال الدين عبد الفتاح مشرفة، بالإضافة إلى سفير كرواتيا»: parties._LIST_SKIP)
        conn_item=hit,
        comma_after=pl.col("comma_after").fill_null(False),
        t_start=pl.when(hit).then(pl.col("conn_tok")).otherwise(pl.col("t_start")),
    ).drop("conn_tok")
