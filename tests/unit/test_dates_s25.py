"""Event and publication dates on real news shapes (issue #11: dates of fct_events on real articles)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.clean import clean_articles
from orchestration.transforms.dates import find_dates
from tests.unit.test_clean import raw_frame


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
