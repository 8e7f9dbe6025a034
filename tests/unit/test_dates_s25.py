"""Event and publication dates on real news shapes (issue #11: dates of fct_events on real articles)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.clean import clean_articles
from orchestration.transforms.dates import find_dates
from tests.unit.test_clean import raw_frame
from tests.unit.test_events import PUB, run


def _published(text: str) -> dt.date | None:
    articles, _ = clean_articles(raw_frame([text]))
    return articles["published_date"][0]


def test_dashed_day_month_year_signature_dates_the_article() -> None:
    # An Iraqi prime minister's office signs its statements "3- تشرين الثاني- 2022" under the body.
    text = (
        "بيان رسمي\n"
        "إستقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم الخميس، سفراء عدد من الدول الشقيقة "
        "والصديقة لدى العراق، كلٌّ على حدة.\n"
        "حيث استقبل السوداني كلا من: سفير دولة الكويت طارق الفرج، وسفير جمهورية مصر العربية.\n"
        "المكتب الإعلامي لرئيس مجلس الوزراء\n"
        "3- تشرين الثاني- 2022\n"
    )
    assert _published(text) == dt.date(2022, 11, 3)


def test_dash_before_the_year_must_touch_the_month() -> None:
    found = find_dates(pl.DataFrame({"t": ["12-يناير-2023", "قتل في 15 مارس - 2000 شخص"]}), "t")
    assert found.select("surface", "precision").rows() == [
        ("12-يناير-2023", "day"),
        ("15 مارس", "day_no_year"),
    ]


def test_stamp_weekday_settles_a_month_first_numeric_date() -> None:
    # A Mauritanian site's Drupal stamp: "سبت, 04/05/2025" is Saturday 5 April (4 May is a Sunday).
    text = (
        "جماهير غاضبة تعتصم أمام سفارة الولايات المتحدة\n\n"
        "سبت, 04/05/2025 - 23:49\n\n"
        "اعتصم عدد من الموريتانيين مساء السبت في ساحة أمام السفارة الأمريكية في موريتانيا تنديدا "
        "بدورها في دعم الحرب على غزة.\n"
    )
    assert _published(text) == dt.date(2025, 4, 5)


def test_stamp_weekday_that_fits_the_day_first_reading_keeps_it() -> None:
    text = (
        "ولد مرزوك يبحث التعاون مع نظيره المغربي\n\n"
        "خميس, 27/03/2025 - 22:19\n\n"
        "أجرى وزير الشؤون الخارجية محمد سالم ولد مرزوك، أمس الأربعاء، مباحثات في الرباط مع نظيره "
        "المغربي ناصر بوريطة تناولت سبل تعزيز التعاون بين البلدين.\n"
    )
    assert _published(text) == dt.date(2025, 3, 27)


def _sisi_dates(body: str) -> set[dt.date | None]:
    out = run(body).filter(pl.col("actor1_entity_id") == "person:abdel_fattah_el_sisi")
    assert out.height > 0, body
    return set(out["event_date"].to_list())


def test_a_pluperfect_clause_date_does_not_date_the_main_event() -> None:
    # «وكان ... قد زار القاهرة في 12 مايو» recalls an earlier visit: the meeting is today's.
    body = "استقبل الرئيس السيسي اليوم الرئيس بوتين، وكان الرئيس بوتين قد زار القاهرة في 12 مايو 2017."
    assert _sisi_dates(body) == {PUB}


def test_a_pluperfect_clause_date_without_another_date_leaves_publication() -> None:
    body = "التقى الرئيس السيسي الرئيس بوتين، وكان قد التقاه في 12 مايو 2017."
    assert _sisi_dates(body) == {PUB}


def test_a_date_of_the_main_clause_still_dates_it() -> None:
    body = "التقى الرئيس السيسي الرئيس بوتين في 12 مايو 2017، وكان قد اتصل به في مارس."
    assert _sisi_dates(body) == {dt.date(2017, 5, 12)}


def _sisi_rows(body: str, published: dt.date) -> list[tuple[dt.date | None, str]]:
    out = run(body, published).filter(pl.col("actor1_entity_id") == "person:abdel_fattah_el_sisi")
    assert out.height > 0, body
    return out.select("event_date", "status").rows()


def test_yesterday_across_a_month_end_is_occurred_not_historical() -> None:
    # «أمس» in a text of 1 November is 31 October: last night's meeting, not an earlier month's.
    body = "استقبل الرئيس السيسي أمس الرئيس بوتين في قصر الاتحادية."
    assert _sisi_rows(body, dt.date(2017, 11, 1)) == [(dt.date(2017, 10, 31), "occurred")]


def test_a_weekday_across_a_month_end_is_occurred_not_historical() -> None:
    body = "استقبل الرئيس السيسي يوم الأحد الرئيس بوتين في قصر الاتحادية."
    assert _sisi_rows(body, dt.date(2017, 11, 1)) == [(dt.date(2017, 10, 29), "occurred")]


def test_an_explicit_date_of_an_earlier_month_stays_historical() -> None:
    body = "استقبل الرئيس السيسي في 12 أكتوبر 2017 الرئيس بوتين في قصر الاتحادية."
    assert _sisi_rows(body, dt.date(2017, 11, 1)) == [(dt.date(2017, 10, 12), "historical")]


def test_a_stamp_one_day_after_this_evening_is_a_late_stamp_not_month_first() -> None:
    # A Monday 6 November stamp over «مساء اليوم الأحد»: Sunday 5 November, not 11 June (a Sunday).
    body = "استقبل الرئيس السيسي، مساء اليوم الأحد، الرئيس بوتين في قصر الاتحادية."
    assert _sisi_rows(body, dt.date(2017, 11, 6)) == [(dt.date(2017, 11, 5), "occurred")]


def test_a_stamp_two_days_off_is_still_read_month_first() -> None:
    # «11/10/2023» read 11 October (a Wednesday) under «اليوم الجمعة»: Friday 10 November.
    body = "استقبل الرئيس السيسي، اليوم الجمعة، الرئيس بوتين في قصر الاتحادية."
    assert _sisi_rows(body, dt.date(2023, 10, 11)) == [(dt.date(2023, 11, 10), "occurred")]


def test_a_stamp_and_dateline_opening_the_first_paragraph_date_the_article() -> None:
    # SUNA copy on a Gulf site: a breadcrumb, a short headline, then the stamp and the dateline
    # on one line with the text of the first paragraph.
    text = (
        "الارشيف / العالم العربي / اخبار السودان\n\n"
        "رئيس مجلس السيادة يختتم زيارته لجمهورية جنوب السودان\n\n"
        "الخميس 12 يناير 2023 10:07 مساءً - الخرطوم 12-1-2023 (سونا)- إختتم رئيس مجلس السيادة "
        "الإنتقالي الفريق أول ركن عبدالفتاح البرهان زيارته إلى جوبا بجمهورية جنوب السودان والتي "
        "استغرقت يوماً واحداً، وجاءت تلبية لدعوة رسمية من رئيس جمهورية جنوب السودان سلفاكير ميارديت.\n"
    )
    articles, _ = clean_articles(raw_frame([text]))
    assert articles["published_date"][0] == dt.date(2023, 1, 12)
    assert articles["body"][0].split("\n")[-1].startswith("إختتم رئيس مجلس السيادة")


def test_a_hijri_date_alone_takes_the_umm_al_qura_day() -> None:
    # SPA datelines date by Umm al-Qura: 25 Shawwal 1436 is Monday 10 August 2015 (tabular: the 11th),
    # 1 Muharram 1446 is Sunday 7 July 2024 (tabular: the 8th).
    texts = ["الرياض 25 شوال 1436 هـ (واس) -", "وصل الوفد يوم 1 محرم 1446 هـ إلى الرياض"]
    found = find_dates(pl.DataFrame({"t": texts}), "t")
    assert found["date"].to_list() == [dt.date(2015, 8, 10), dt.date(2024, 7, 7)]
    assert set(found["method"]) == {"hijri_ummalqura"}


def test_a_hijri_day_past_the_month_or_the_table_keeps_the_tabular_calendar() -> None:
    # Muharram 1446 has 29 days in Umm al-Qura; 1300 AH is before the table.
    found = find_dates(pl.DataFrame({"t": ["30 محرم 1446 هـ", "1 رجب 1300 هـ"]}), "t")
    assert set(found["method"]) == {"hijri_tabular"}


def test_a_two_day_visit_is_dated_by_its_first_day() -> None:
    # «يؤدي … زيارة الى تونس يومي 4 و 5 أبريل 2021»: the visit starts on 4 April.
    body = "يزور الرئيس السيسي روسيا يومي 4 و 5 ديسمبر 2017 ويلتقي الرئيس بوتين."
    assert _sisi_dates(body) == {dt.date(2017, 12, 4)}


def test_a_dashed_span_of_days_is_dated_by_its_first_day() -> None:
    # «خلال الفترة من 7-13 ديسمبر»: the month and the publication year go with the first day.
    body = "استقبل الرئيس السيسي الرئيس بوتين خلال الفترة من 7-13 نوفمبر."
    assert _sisi_dates(body) == {dt.date(2017, 11, 7)}


def test_a_count_before_a_date_is_no_first_day() -> None:
    body = "التقى الرئيس السيسي 3 مرات الرئيس بوتين، آخرها في 5 نوفمبر 2017."
    assert _sisi_dates(body) == {dt.date(2017, 11, 5)}


def test_the_lead_runs_to_the_first_paragraph_past_short_header_lines() -> None:
    # A page's "today" (Tuesday 21 November) over a section word, a headline and a caption, then
    # «مساء اليوم الأحد» in the first paragraph: the stamp is no date of the text, the event undated.
    body = (
        "الأخبار\nالرئيس السيسي يتوجه إلى موسكو\nعبد الفتاح السيسي\n"
        "التقى الرئيس السيسي، مساء اليوم الأحد، الرئيس بوتين في موسكو لبحث العلاقات الثنائية بين البلدين."
    )
    assert _sisi_dates(body) == {None}
