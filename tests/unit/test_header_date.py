"""Publication dates from header lines of real pages (issue #11: dates on real news)."""

from __future__ import annotations

import datetime as dt

from orchestration.transforms.clean import clean_articles
from tests.unit.test_clean import raw_frame

BODY = (
    "استقبل الرئيس عبدالفتاح السيسي، اليوم الأحد، إبراهيم ولد داداه، وزير العدل والمبعوث الشخصي "
    "للرئيس الموريتاني، وذلك بحضور السفير الموريتاني بالقاهرة.\n\n"
    "وقال المتحدث باسم رئاسة الجمهورية إن المبعوث سلم الرئيس رسالة تضمنت الدعوة لحضور القمة."
)


def _published(text: str) -> dt.date | None:
    articles, _ = clean_articles(raw_frame([text]))
    return articles["published_date"][0]


def test_date_led_byline_line_is_a_stamp() -> None:
    # A stray first line empties the header zone; the date-led line with a time and a byline
    # (Al-Masry Al-Youm's header) still dates the article.
    text = (
        "x\n\nالسيسي يستقبل مبعوث الرئيس الموريتاني\n\n"
        "الأحد 15-05-2016 11:51 | كتب: محسن سميكة |\n"
        "الرئيس يستقبل نظيره بالقاهرة، 2 أبريل 2016. - صورة أرشيفية\n\n" + BODY
    )
    assert _published(text) == dt.date(2016, 5, 15)


def test_body_line_opening_with_a_date_is_no_stamp() -> None:
    # A long paragraph that opens with a date is text, not a stamp: no publication date from it.
    text = "في 2 أبريل 2016، " + BODY
    assert _published(text) is None
