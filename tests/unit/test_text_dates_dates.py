"""Issue #11: the article's own date from its text when metadata has none, and event dates from it.

Sentence and line shapes are those of real scraped pages (mastheads, view counters, «آخر تحديث»
labels, «اليوم الجمعة» with a numeric header date, relative clauses after the trigger).
"""

from __future__ import annotations

import datetime as dt

from orchestration.transforms.clean import clean_articles
from tests.unit.test_clean import raw_frame

PARAGRAPH = (
    "وصل أحمد أبو الغيط الأمين العام لجامعة الدول العربية إلى العاصمة الأردنية عمان صباح اليوم، في "
    "زيارة يستقبله خلالها العاهل الأردني لبحث التحضيرات الجارية للقمة العربية المقبلة."
)
SECOND = (
    "وقال المتحدث باسم الأمين العام إن الزيارة تأتي في إطار التشاور المستمر مع رئاسة القمة، وإن "
    "المباحثات ستتناول عددا من الملفات العربية المطروحة."
)


def _pub(text: str) -> dt.date | None:
    articles, rejects = clean_articles(raw_frame([text]))
    assert rejects.height == 0, rejects
    return articles.row(0, named=True)["published_date"]


def test_date_line_after_masthead_and_long_headline() -> None:
    # The masthead is taken for the title, so the header zone ends before the headline: the stamp
    # under the headline still precedes the first body paragraph.
    text = (
        "رئيس مجلس الادارة\n\nعمر أحمد سامي\n\nرئيس التحرير\n\nطه فرغلي\n\n\n"
        "أبو الغيط يجري مباحثات مع الملك عبد الله الثاني\n\n26-3-2018 | 10:10\n\n\n"
        f"{PARAGRAPH}\n{SECOND}"
    )
    assert _pub(text) == dt.date(2018, 3, 26)


def test_date_line_before_view_counter_in_footer() -> None:
    text = f"+ A\nA -\n{PARAGRAPH}\n{SECOND}\ncopy short url   نسخ\n22/03/2021\n1523\n"
    assert _pub(text) == dt.date(2021, 3, 22)


def test_last_updated_label_under_outlet_name() -> None:
    text = (
        "توقيع ثلاث مذكرات تفاهم بين الصومال ومصر\nالصومال الجديد\nآخر تحديث: 19/04/2019\n"
        f"{PARAGRAPH}\n{SECOND}"
    )
    assert _pub(text) == dt.date(2019, 4, 19)


def test_body_date_is_not_a_stamp() -> None:
    # A date inside a sentence is history, not the article's date.
    text = f"{PARAGRAPH}\nووقع البلدان اتفاقية تعاون في 12 مارس 2015 في القاهرة بحضور الوزيرين.\n{SECOND}"
    assert _pub(text) is None
