"""Stage 4, last step: how far a partner marker's government reaches (``partner_lists``).

Split out of arguments.py (issue #10): once each actor has its nearest governor, this pass keeps
the actor right after the marker and the list chained to it by و/commas governed, and frees the
rest, with per-marker gaps and blessings (حفظه الله) skipped in the gap between list items.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS, MENTION_ORDER
from orchestration.transforms.events.windows import all_so_far, shift_in_group

# Token distances for partner lists: first actor after مع/بين (مع نظرائه كلاً من الرئيس X), after
# على/إلى (على سوريا), and between two list items joined by و (، ورئيس وزراء الاحتلال … X).
_LIST_FIRST_GAP = 8
_PREP_FIRST_GAP = 2
_LIST_LINK_GAP = 6
# Blessings after a name («حفظه الله ورعاه»، «رعاه الله») are honorifics of the name before them:
# they do not count in the gap to the next list item («بين الملك X عاهل البلاد المفدى حفظه الله
# ورعاه وأخيه خادم الحرمين الشريفين الملك Y»). Normalized forms (أ -> ا).
_BLESSING = r"^[وف]?(?:حفظه|حفظها|يحفظه|رعاه|رعاها|يرعاه|ايده|يؤيده|نصره|سدد|خطاه|الله|تعالي)$"
# The target of an attack may be a few words after على ("غارات على بلدات عدة في جنوب لبنان").
_AGAINST_FIRST_GAP = 6
_DENOUNCE_GAP = 3
# A destination after إلى may follow its designator and nisba ("إلى العاصمة المصرية القاهرة").
_TO_PLACE_GAP = 3
_TOPIC_GAP = 4


def partner_lists(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """A marker governs the actor right after it and a list chained to it by و/commas ("مع A، وB
    والرئيس C"); an actor further on ("مع الأسد، جاء في بيان الكرملين") is free again."""
    wa = tokens.filter(pl.col("norm").str.starts_with("و")).select(
        "article_id", next_tok="token_index", w_next=pl.lit(True)
    )
    group = [*KEYS, "gov_tok"]
    m = (
        m.sort([*group, *MENTION_ORDER], maintain_order=True)
        .with_columns(prev_end=shift_in_group(pl.col("a_end"), 1, group))
        .with_columns(next_tok=pl.col("prev_end") + 1)
        .join(wa, on=["article_id", "next_tok"], how="left")
        .join(
            wa.select("article_id", t_start="next_tok", t_wa="w_next"),
            on=["article_id", "t_start"],
            how="left",
        )
    )
    m = _blessing_gaps(m, tokens)
    first_cap = (
        pl.when(pl.col("gov_kind").is_in(["with", "between", "chaired", "participants"]))
        .then(_LIST_FIRST_GAP)
        # only a place or state may stand that far ("على تلجرام أن الرئيس" is no target)
        .when((pl.col("gov_kind") == "against") & (pl.col("klass") != "agent"))
        .then(_AGAINST_FIRST_GAP)
        # the seat a crowd protests at: "أمام مقر السفارة السعودية" (its nisba a few words on)
        .when(pl.col("gov_kind") == "facing")
        .then(_AGAINST_FIRST_GAP)
        # what a crowd denounces is the nisba of the noun right after it ("تنديدا بالمجزرة
        # الإسرائيلية"), not an actor further on ("تنديدا بدورها في دعم الكيان")
        .when(pl.col("gov_kind").is_in(["denounce", "jailer"]))
        .then(_DENOUNCE_GAP)
        # a place after إلى or a heading marker («متوجها إلى مدينة جدة») may follow a head noun
        .when(pl.col("gov_kind").is_in(["to", "heading"]) & (pl.col("klass") != "agent"))
        .then(_TO_PLACE_GAP)
        # "بمناسبة صدور أمر خادم الحرمين الشريفين الملك X": the topic runs over a few nouns
        .when(pl.col("gov_kind") == "topic")
        .then(_TOPIC_GAP)
        .otherwise(_PREP_FIRST_GAP)
    )
    link_ok = (
        pl.when(pl.col("gov_kind").is_null() | (pl.col("gov_kind") == "trigger"))
        .then(pl.lit(True))
        .when(pl.col("prev_end").is_null())
        # titles are part of the span: "مع نائب رئيس مجلس الوزراء وزير الخارجية العراقي، الدكتور X"
        .then(pl.col("t_start") - pl.col("gov_tok") <= first_cap)
        .otherwise(
            # the next item starts with و right after the previous one ("، ورئيس وزراء … X")
            ((pl.col("a_start") - pl.col("prev_end") <= _LIST_LINK_GAP) & pl.col("w_next").fill_null(False))
            | (pl.col("t_start") - pl.col("prev_end") <= 1)
            # the item's titles open with و after words the previous name left unmatched
            # ("مع الملك سلمان بن عبدالعزيز آل سعود ونظيره السعودي عادل الجبير"); blessings
            # after that name do not count ("… حفظه الله ورعاه وأخيه خادم الحرمين الشريفين")
            | ((pl.col("t_gap") <= _LIST_LINK_GAP) & pl.col("t_wa").fill_null(False))
        )
    )
    m = m.with_columns(governed=all_so_far(link_ok, group)).with_columns(
        gov_kind=pl.when(pl.col("governed")).then(pl.col("gov_kind")),
        gov_tok=pl.when(pl.col("governed")).then(pl.col("gov_tok")),
    )
    return m.with_columns(free=pl.col("gov_kind").is_null() | (pl.col("gov_kind") == "trigger")).drop(
        "prev_end", "next_tok", "w_next", "t_wa", "t_gap", "governed"
    )


def _blessing_gaps(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """``t_gap``: t_start - prev_end without the blessing words between them (``_BLESSING``)."""
    c = pl.col
    # The blessing regex once per distinct form, then a set lookup per token.
    blessings = tokens.select(c("norm").unique()).filter(c("norm").str.contains(_BLESSING))["norm"]
    plain = (~c("norm").is_in(blessings.implode())).cast(pl.Int64)
    if _in_table_order(tokens):
        # Articles are contiguous runs in text order: a running count over the whole table differs
        # between two words of one article by what the per-article count would (no sort, no window).
        counts = tokens.select("article_id", "token_index", plain=plain.cum_sum())
    else:
        counts = tokens.sort("article_id", "token_index").select(
            "article_id", "token_index", plain=plain.cum_sum().over("article_id")
        )
    return (
        m.with_columns(_pe=pl.col("prev_end"), _tb=pl.col("t_start") - 1)
        .join(counts.rename({"token_index": "_pe", "plain": "_c0"}), on=["article_id", "_pe"], how="left")
        .join(counts.rename({"token_index": "_tb", "plain": "_c1"}), on=["article_id", "_tb"], how="left")
        .with_columns(
            t_gap=pl.coalesce(pl.col("_c1") - pl.col("_c0") + 1, pl.col("t_start") - pl.col("prev_end"))
        )
        .drop("_pe", "_tb", "_c0", "_c1")
    )


def _in_table_order(tokens: pl.DataFrame) -> bool:
    """Each article's words one contiguous run (``aidx`` ascending), ``token_index`` rising in it."""
    if "aidx" not in tokens.columns or not tokens["aidx"].is_sorted():
        return False
    c = pl.col
    rising = (c("aidx") != c("aidx").shift(1)) | (c("token_index") > c("token_index").shift(1))
    return bool(tokens.select(rising.fill_null(True).all()).item())
