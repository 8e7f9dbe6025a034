"""Leads that open with an imperfect verb (issue 11, status): announcements, not reports.

A headline reports in the present tense («الرئيس التونسي يستقبل وزير الخارجية الجزائري»), but the
first sentence of the body that opens with the verb announces: «يغادر رئيس مجلس السيادة، الفريق أول
ركن عبد الفتاح البرهان اليوم (الخميس) إلى العاصمة التركية أنقرة، تلبية لدعوة …»، «يتوجه رئيس المجلس
الرئاسي الليبي محمد يونس المنفي إلى العاصمة التركية أنقرة، للقاء الرئيس التركي …». The status rules
(``event_status_rules``) want a time word within a few words of such a verb, which long titles push
out of reach, or no time word at all is given. A lead is told from a headline that kept its place as
the first sentence by its length and its clause punctuation.
"""

from __future__ import annotations

import polars as pl

# A headline is short and has no clause comma; a body lead runs on (titles, purpose clause).
_LEAD_MIN_WORDS = 12
_CLAUSE_MARK = r"[،,]"


def announcing_lead(sentence: pl.Expr, imperfect: pl.Expr) -> pl.Expr:
    """True where the candidate's trigger is an imperfect verb opening the article's first sentence,
    and that sentence is a body lead rather than a headline."""
    words = sentence.str.count_matches(r"\S+")
    return (
        (pl.col("sentence_index") == 0)
        & (pl.col("trig_rel") == 0)
        & imperfect
        & (words >= _LEAD_MIN_WORDS)
        & sentence.str.contains(_CLAUSE_MARK)
    ).fill_null(False)
