"""Two items of one list are no pair of a one-way event (issue 11, multi-party and attachment).

Reports chain the hosts of a reception, the accusers of a statement or the attackers of a raid with
و: «كان في استقباله وزير الخدمة المدنية X، ومندوب عن تشريفات رئاسة الجمهورية، والسفير العماني
بصنعاء Y» (the guest is the pronoun), «استقبل سعادة السفير X، رئيس دائرة المراسم …، وسعادة سفير
بلادنا لدى دولة قطر Y، … الدكتور Z» (Z is the guest), «واتهمت الحكومة اليمنية والمجلس الانتقالي
الجنوبي، المدعوم من الإمارات، والتحالف العربي، الحوثيين بشن الهجوم». Items of one list share their
side of the event: for a one-way kind (a visit or a reception, CAMEO 042-043; verbal and material
conflict, 11-19) the pair of two of them is dropped. Reciprocal kinds keep such pairs: «التقى X وY»،
«وقع X وY اتفاقية» are meetings and signatures of the two. A dyad list after بين («اشتباكات بين X
وY») is the pair itself.

Works on the per-candidate frames of ``event_rules`` (``_row``, ``trig_rel``, ``a1_rel``...) and
their sentence mentions (``m_entity``, ``m_rel``, ``m_end_rel``).
"""

from __future__ import annotations

import polars as pl

# One-way kinds: visit and host (042, 043); disapprove ... fight (11-19).
_ONE_WAY = r"^(?:04[23]|1[1-9])"
# Between the end of one item and the start of the next: segments that each open with the
# conjunction و, none ending a sentence: the next items of the list with their titles. The
# conjunction follows a comma («، ومندوب», «، وسعادة سفير») or stands before ال or a word of its own
# that starts with و («والمجلس», «ووزير»); a word that itself starts with و is no conjunction («ولي
# عهد أبوظبي», «وفدا من مجلس النواب», «، وزير خارجية الكويت»: a title in apposition).
_OPENER = r"(?:\s*[،,]\s*و|\s+و(?:ال|و|$))"
# The first item's title may follow its name after a comma before the next item opens («استقبل
# سعادة السفير X، رئيس دائرة المراسم بوزارة الخارجية القطرية، وسعادة سفير بلادنا … Y»).
_LIST_GAP = rf"^(?:\s*[،,][^.،,؛:!?؟و][^.،,؛:!?؟]*)?(?:{_OPENER}[^.،,؛:!?؟]*)+\s*$"
# Words of their own that start with و, blanked before the gap is read.
_WAW_WORDS = r"(^|[\s،,])(?:ولي|وزير|وزيرة|وكيل|وفد\S*|والي)(\s|$)"
# A list the trigger governs through ب («يلتقي خلاله برئيس الجمهورية X، ووزير الخارجية Y»): its items
# are the objects of any kind, the subject stands elsewhere. The title right after the trigger (and at
# most one adverb such as خلاله) carries the preposition.
_OBJECT_LIST = r"^\S*\s+(?:\S+\s+)?ب(?:ال)?(?:رئيس|وزير|ملك|امير|أمير|سفير|نظير|ولي|نائب|مبعوث|وفد|امين|أمين)"
# The word before a dyad list (بين X وY).
_BETWEEN = r"(?:^|\s)(?:ما\s+)?بين\s+\S*\s*$"
# How far back from the first item «بين» may stand (its title in between).
_BETWEEN_REACH = 30


def list_pairs(c: pl.DataFrame, cm: pl.DataFrame) -> pl.DataFrame:
    """The candidates of ``c`` less the one-way ones whose two actors are items of one list."""
    first_is_1 = pl.col("a1_rel") <= pl.col("a2_rel")
    first = c.select(
        "_row",
        "trig_rel",
        "sentence",
        "event_code",
        f_entity=pl.when(first_is_1).then("actor1_entity_id").otherwise("actor2_entity_id"),
        f_rel=pl.min_horizontal("a1_rel", "a2_rel"),
        s_rel=pl.max_horizontal("a1_rel", "a2_rel"),
    )
    after = pl.col("sentence").str.slice(
        pl.col("trig_rel"), (pl.col("f_rel") - pl.col("trig_rel")).clip(lower_bound=0)
    )
    first = first.filter(
        pl.col("event_code").str.contains(_ONE_WAY)
        | ((pl.col("trig_rel") < pl.col("f_rel")) & after.str.contains(_OBJECT_LIST))
    )
    # The end of the first item's mention (the longest reading starting there).
    ends = (
        cm.select("_row", f_entity="m_entity", f_rel="m_rel", f_end="m_end_rel")
        .group_by("_row", "f_entity", "f_rel")
        .agg(pl.col("f_end").max())
    )
    gap_start = pl.col("f_end")
    gap = (
        pl.col("sentence")
        .str.slice(gap_start, (pl.col("s_rel") - gap_start).clip(lower_bound=0))
        .str.replace_all(_WAW_WORDS, "${1}_${2}")
    )
    before_lo = (pl.col("f_rel") - _BETWEEN_REACH).clip(lower_bound=0)
    before = pl.col("sentence").str.slice(before_lo, pl.col("f_rel") - before_lo)
    listed = (
        first.join(ends, on=["_row", "f_entity", "f_rel"])
        .filter(
            (pl.col("f_end") <= pl.col("s_rel"))
            # The trigger outside the list: the two stand on one side of it.
            & ((pl.col("trig_rel") < pl.col("f_rel")) | (pl.col("trig_rel") > pl.col("s_rel")))
            & gap.str.contains(_LIST_GAP)
            & ~before.str.contains(_BETWEEN)
        )
        .select("_row")
    )
    return c.join(listed, on="_row", how="anti", maintain_order="left")
