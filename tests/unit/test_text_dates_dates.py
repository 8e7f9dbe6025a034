"""Issue #11: the article's own date from its text when metadata has none, and event dates from it.

Sentence and line shapes are those of real scraped pages (mastheads, view counters, «آخر تحديث»
labels, «اليوم الجمعة» with a numeric header date, relative clauses after the trigger).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.clean import clean_articles
from tests.unit.test_clean import raw_frame
from tests.unit.test_events import PUB, run

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


def _event_date(body: str, code_prefix: str = "04") -> dt.date | None:
    out = run(body).filter(pl.col("event_code").str.starts_with(code_prefix))
    assert out.height == 1, out
    return out["event_date"][0]


def test_date_in_a_relative_clause_on_another_noun_is_not_the_triggers() -> None:
    # "واستعرضا خلال اللقاء مخرجات الزيارة الرسمية التي قام بها … في 10 نوفمبر الجاري": the date is
    # the earlier visit's; the meeting keeps the publication date.
    body = (
        "ورحب بوتين بالسيسي، واستعرضا خلال اللقاء مخرجات الزيارة الرسمية التي قام بها ترامب إلى مصر "
        "في 10 نوفمبر الجاري."
    )
    assert _event_date(body) == PUB
    body = "تلقى بوتين اتصالا هاتفيا من ترامب جرى خلاله بحث القمة التي عقدت في 10 نوفمبر الجاري."
    assert _event_date(body) == PUB


def test_date_in_a_relative_clause_on_the_trigger_stays() -> None:
    # "الاتصال الهاتفي الذي جرى مساء أمس": the clause describes the call itself.
    body = "وبحث بوتين مع ترامب خلال الاتصال الهاتفي الذي جرى مساء أمس الأوضاع في سوريا."
    assert _event_date(body) == PUB - dt.timedelta(days=1)


def test_embedded_tweet_signature_dates_an_undated_article() -> None:
    text = (
        "شنت الطائرات الحربية الإسرائيلية، مساء اليوم الجمعة، غارة جوية على قطاع غزة استهدفت فيها "
        "موقعاً لحماس.\nأولي: جيش الدفاع يغير في هذه الاثناء في قطاع غزة. يتبع\n"
        "— افيخاي ادرعي (@AvichayAdraee) September 22, 2023\n"
        "عاجل| مراسل شهاب: اصابة باستهداف طيران الاستطلاع مرصد للمقاومة شرق غزة بصاروخين\n"
        "— وكالة شهاب للأنباء (@ShehabAgency) September 21, 2023\n"
        f"{SECOND}"
    )
    assert _pub(text) == dt.date(2023, 9, 22)


def test_dateline_day_and_month_take_the_year_written_elsewhere() -> None:
    # "الرياض 15 مارس (واس) -" has no year; the article writes 2019 in a full date further down.
    text = (
        "الرياض 15 مارس (واس) - استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في قصر اليمامة "
        "اليوم رئيس وزراء باكستان عمران خان والوفد المرافق له.\n"
        "وجرى خلال الاستقبال استعراض الاتفاقيات التي وقعها البلدان في 18 فبراير 2019 خلال زيارة ولي "
        "العهد إلى إسلام آباد."
    )
    assert _pub(text) == dt.date(2019, 3, 15)


def test_header_weekday_day_month_line_takes_the_year_written_elsewhere() -> None:
    text = (
        "ولي العهد يستقبل رئيس وزراء باكستان\nالخميس 14 مارس\n"
        f"{PARAGRAPH}\nوكان البلدان قد وقعا اتفاقية تعاون في 18 فبراير 2019 في إسلام آباد بحضور الوزيرين.\n"
    )
    assert _pub(text) == dt.date(2019, 3, 14)


def test_day_and_month_without_any_year_stay_undated() -> None:
    text = f"ولي العهد يستقبل رئيس وزراء باكستان\nالخميس 14 مارس\n{PARAGRAPH}\n{SECOND}"
    assert _pub(text) is None


def test_month_first_stamp_is_read_by_the_weekday_the_text_gives() -> None:
    # "• 11/10/2023" over "التقى ... اليوم الجمعة": 11 October 2023 is a Wednesday, 10 November a Friday.
    body = "التقى بوتين، اليوم الجمعة، السيسي على هامش القمة المنعقدة بالعاصمة."
    assert _event_date_on(body, dt.date(2023, 10, 11)) == dt.date(2023, 11, 10)
    # A stamp that agrees with the weekday, or whose swap would not, is kept.
    assert _event_date_on(body, dt.date(2023, 11, 10)) == dt.date(2023, 11, 10)
    body = "التقى بوتين، اليوم الخميس، السيسي على هامش القمة المنعقدة بالعاصمة."
    assert _event_date_on(body, dt.date(2023, 10, 11)) == dt.date(2023, 10, 11)


def _event_date_on(body: str, published: dt.date) -> dt.date | None:
    out = run(body, published).filter(pl.col("event_code").str.starts_with("04"))
    assert out.height == 1, out
    return out["event_date"][0]


def test_weekday_on_a_hijri_stamp_settles_the_tabular_day() -> None:
    # 25 Shawwal 1436: tabular Tuesday 11 August 2015, Umm al-Qura Monday 10 August (the date a
    # stamp without a weekday now converts to: hijri_months.csv).
    assert _pub(f"عنوان الخبر هنا\nالاثنين 25 شوال 1436 هـ\n{PARAGRAPH}\n{SECOND}") == dt.date(2015, 8, 10)
    assert _pub(f"عنوان الخبر هنا\n25 شوال 1436 هـ\n{PARAGRAPH}\n{SECOND}") == dt.date(2015, 8, 10)
    # A country that sighted the month a day later: its Tuesday moves the day too.
    assert _pub(f"عنوان الخبر هنا\nالثلاثاء 25 شوال 1436 هـ\n{PARAGRAPH}\n{SECOND}") == dt.date(2015, 8, 11)
    # A weekday two days off is no calendar drift: the stamp is left as converted.
    assert _pub(f"عنوان الخبر هنا\nالأربعاء 25 شوال 1436 هـ\n{PARAGRAPH}\n{SECOND}") == dt.date(2015, 8, 10)


def test_full_date_right_after_today_is_the_articles_date() -> None:
    first = (
        "استقبل رئيس الجمهورية قيس سعيّد، صباح اليوم الإثنين 5 أفريل 2021 بقصر قرطاج، أحمد أبو الغيط، "
        "الأمين العام لجامعة الدول العربية."
    )
    assert _pub(f"{first}\n{SECOND}") == dt.date(2021, 4, 5)
    first = (
        "أعلنت رئاسة الجمهورية أن رئيس الجمهورية قد استقبل صباح اليوم السبت الـ 26 من نوفمبر 2022 "
        "بقصر قرطاج وزير الشؤون الخارجية الجزائري."
    )
    assert _pub(f"{first}\n{SECOND}") == dt.date(2022, 11, 26)


def test_date_after_today_with_another_weekday_or_words_between_is_not_the_articles() -> None:
    # 5 April 2021 was a Monday; a recalled date later in the sentence is no "today".
    first = "استقبل رئيس الجمهورية، صباح اليوم الثلاثاء 5 أفريل 2021، أحمد أبو الغيط الأمين العام للجامعة."
    assert _pub(f"{first}\n{SECOND}") is None
    first = "استقبل رئيس الجمهورية اليوم أحمد أبو الغيط الذي زار تونس في 5 أفريل 2021 لبحث القمة العربية."
    assert _pub(f"{first}\n{SECOND}") is None


def test_stamp_days_off_the_texts_weekday_leaves_events_undated() -> None:
    # A page's "today" widget "الخميس 09 مايو 2024" over "غادر ... عصر اليوم الثلاثاء".
    body = "التقى بوتين، عصر اليوم الثلاثاء، السيسي في مدينة جدة."
    assert _event_date_on(body, dt.date(2024, 5, 9)) is None
    # One day off (a wire text of the evening before) keeps the stamp, and the event takes the
    # weekday the text names: Tuesday 7 May under a Wednesday stamp.
    assert _event_date_on(body, dt.date(2024, 5, 8)) == dt.date(2024, 5, 7)


def test_first_stamp_after_the_body_not_a_related_headlines_date() -> None:
    text = (
        f"{PARAGRAPH}\n{SECOND}\ncopy short url   نسخ\n22/03/2021\n1523\nاقرأ أيضا\n"
        "الدبيبة يستقبل وزير الخارجية المالطي في طرابلس\n15/01/2021\n"
    )
    assert _pub(text) == dt.date(2021, 3, 22)
