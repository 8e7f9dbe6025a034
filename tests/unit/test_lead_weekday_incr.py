"""The weekday that overrules a printed date is the lead's, not an embedded related story's.

Sites embed a whole related story after «اقرأ أيضا» (the heading is dropped as boilerplate, the story
kept for its events). Its "مساء اليوم الجمعة" is that story's day: read as the article's own, it put a
Tuesday stamp two days off (so the article's events were left undated, and a planned visit on a later
date counted as occurred) or swapped a day-first stamp to a month-first one months later.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from tests.unit.test_events import run

LEAD = "التقى بوتين السيسي في 28 نوفمبر 2023 على هامش القمة المنعقدة بالعاصمة."
FILLER = (
    "وتتعاون مصر وروسيا في عدد من المشاريع المشتركة في مجالات الزراعة والمياه والطاقة المتجددة.\n"
    "وأشار محللون إلى أن أسعار النفط والغاز تلعب دوراً محورياً في رسم السياسات الاقتصادية لدول المنطقة."
)
# The embedded story, its headline on a line of its own, then its paragraph.
EMBEDDED = (
    "ترامب يلتقي السيسي في واشنطن\n"
    "استقبل ترامب مساء اليوم الجمعة في واشنطن السيسي، وبحث معه التعاون في مجال مكافحة الإرهاب."
)
TUESDAY = dt.date(2023, 11, 21)


def _visit(body: str, published: dt.date) -> dict:
    out = run(body, published).filter(pl.col("actor2_entity_id") == "person:abdel_fattah_el_sisi")
    out = out.filter(pl.col("actor1_entity_id") == "person:vladimir_putin")
    assert out.height == 1, out
    return out.row(0, named=True)


def test_an_embedded_storys_weekday_leaves_the_printed_date() -> None:
    # Published Tuesday 21 November; the meeting on the 28th is planned, not an occurred event.
    row = _visit(f"{LEAD}\n{FILLER}\n{EMBEDDED}", TUESDAY)
    assert row["status"] == "planned", row
    assert row["event_date"] == dt.date(2023, 11, 28)


def test_the_leads_own_weekday_still_overrules_a_stamp_days_off() -> None:
    # The lead says Friday (24 November): a Tuesday stamp is no date of this text.
    lead = "التقى بوتين، مساء اليوم الجمعة، السيسي على هامش القمة المنعقدة بالعاصمة."
    assert _visit(f"{lead}\n{FILLER}", TUESDAY)["event_date"] is None
