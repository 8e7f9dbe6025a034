"""Unit tests for orchestration.transforms.dates."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from orchestration.transforms.dates import (
    find_dates,
    first_full_date,
    hijri_to_gregorian,
    parse_metadata_date,
)
from orchestration.transforms.normalize import normalize_text


def dates_in(text: str) -> pl.DataFrame:
    df = pl.DataFrame({"t": [text]}).with_columns(t=normalize_text("t"))
    return find_dates(df, "t")


def one(text: str) -> dict:
    found = dates_in(text)
    assert found.height == 1, found
    return found.row(0, named=True)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("الثلاثاء، ٢١ نوفمبر ٢٠١٧", dt.date(2017, 11, 21), "day"),
        ("● أخبار سورية ٢١ نوفمبر ٢٠١٧", dt.date(2017, 11, 21), "day"),
        ("زار في 20 أكتوبر/تشرين الأول 2015 موسكو", dt.date(2015, 10, 20), "day"),
        ("المؤرخة بـ12 شباط عام 2015 حول", dt.date(2015, 2, 12), "day"),
        ("في 5 كانون الثاني 2018", dt.date(2018, 1, 5), "day"),
        ("في 5 كانون الأول 2018", dt.date(2018, 12, 5), "day"),
        ("يوم 3 يونية 2013", dt.date(2013, 6, 3), "day"),
        ("يوم 15 جوان 2019", dt.date(2019, 6, 15), "day"),
        ("في 1 اغسطس 2014", dt.date(2014, 8, 1), "day"),
        ("في 9 آب 2014", dt.date(2014, 8, 9), "day"),
        ("في 21/11/2017", dt.date(2017, 11, 21), "day"),
        ("في 2017-11-21", dt.date(2017, 11, 21), "day"),
        ("في 21.11.2017", dt.date(2017, 11, 21), "day"),
        ("منذ اندلاع الثورة في مارس/آذار 2011", dt.date(2011, 3, 1), "month"),
        ("وفي يناير 2017، انطلق", dt.date(2017, 1, 1), "month"),
        ("منذ عام 2011", dt.date(2011, 1, 1), "year"),
    ],
)
def test_gregorian_forms(text: str, expected: dt.date, precision: str) -> None:
    row = one(text)
    assert row["date"] == expected
    assert row["precision"] == precision


def test_wire_dateline_prefers_gregorian_equivalent() -> None:
    row = one("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس")
    assert row["date"] == dt.date(2015, 8, 10)
    assert row["method"] == "hijri_equivalent"


def test_hijri_alone_uses_tabular_calendar_within_one_day() -> None:
    row = one("الرياض 25 شوال 1436 هـ")
    assert row["calendar"] == "hijri"
    assert abs((row["date"] - dt.date(2015, 8, 10)).days) <= 1


@pytest.mark.parametrize(
    ("hy", "hm", "hd", "official"),
    [
        (1445, 1, 1, dt.date(2023, 7, 19)),
        (1444, 9, 1, dt.date(2023, 3, 23)),
        (1436, 10, 1, dt.date(2015, 7, 17)),
        (1400, 1, 1, dt.date(1979, 11, 21)),
    ],
)
def test_hijri_arithmetic(hy: int, hm: int, hd: int, official: dt.date) -> None:
    got = pl.select(hijri_to_gregorian(pl.lit(hy), pl.lit(hm), pl.lit(hd))).item()
    assert abs((got - official).days) <= 1


def test_typo_month_after_day_number() -> None:
    row = one("للقائه بشار الأسد، يوم الـ20 نتشرين الثاني، والذي أكد")
    assert (row["month"], row["day"], row["year"]) == (11, 20, None)
    assert row["precision"] == "day_no_year"
    assert row["method"] == "fuzzy"


def test_typo_single_word_month_needs_year() -> None:
    row = one("في 20 نوفمير 2017 قال")
    assert row["date"] == dt.date(2017, 11, 20)
    assert row["method"] == "fuzzy"


@pytest.mark.parametrize(
    "text",
    [
        "خلال 3 أيام الماضية",
        "قتل 20 شخصا في الهجوم عام",
        "في 5 مراحل الأولى من المشروع",
        "بلغ عدد القتلى 30 مسلحا الجاري ذكرهم",
        "قرار مجلس الأمن برقم 2254، بالتوافق",
        "زار 20 آباء المدرسة",
        "مارس الضغط على الحكومة",
        "لا تاريخ في هذا النص على الإطلاق",
        "31 فبراير 2017",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert dates_in(text).height == 0


def test_day_without_year() -> None:
    row = one("في الـ22 من نوفمبر الجاري")
    assert (row["year"], row["month"], row["day"], row["date"]) == (None, 11, 22, None)
    assert row["precision"] == "day_no_year"


def test_offsets_are_character_offsets_into_the_given_text() -> None:
    texts = [
        "قال بوتين في ٢١ نوفمبر ٢٠١٧ إن المحادثات التي جرت يوم 11 تشرين الثاني ناجحة، ومنذ عام 2011.",
        "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
    ]
    df = pl.DataFrame({"id": ["a", "b"], "t": texts})
    found = find_dates(df, "t", "id")
    assert found["id"].to_list() == ["a", "a", "a", "b"]
    digits = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
    for row in found.iter_rows(named=True):
        text = texts[0] if row["id"] == "a" else texts[1]
        assert text[row["char_start"] : row["char_end"]].translate(digits) == row["surface"]


def test_empty_and_no_date_inputs() -> None:
    df = pl.DataFrame({"id": [1, 2, 3], "t": ["", None, "نص بلا تاريخ"]})
    out = find_dates(df, "t", "id")
    assert out.height == 0
    assert out.schema["date"] == pl.Date
    assert first_full_date(df, "t", "id").height == 0


def test_first_full_date_skips_partial_dates() -> None:
    df = pl.DataFrame({"id": [1], "t": ["في مارس 2011 ثم في 22 نوفمبر ثم 3/4/2012 ثم 5/6/2013"]})
    assert first_full_date(df, "t", "id")["date"].to_list() == [dt.date(2012, 4, 3)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-11-21", dt.date(2017, 11, 21)),
        ("2017-11-21T23:30:00-05:00", dt.date(2017, 11, 21)),
        ("2017-11-21 08:00:00", dt.date(2017, 11, 21)),
        ("2017/11/21", dt.date(2017, 11, 21)),
        ("Tue, 21 Nov 2017 10:00:00 +0000", dt.date(2017, 11, 21)),
        ("21 November 2017", dt.date(2017, 11, 21)),
        ("November 21, 2017", dt.date(2017, 11, 21)),
        ("21/11/2017", dt.date(2017, 11, 21)),
        ("٢٠١٧-١١-٢١", dt.date(2017, 11, 21)),
        ("yesterday", None),
        ("2017-13-45", None),
        (None, None),
    ],
)
def test_parse_metadata_date(value: str | None, expected: dt.date | None) -> None:
    df = pl.DataFrame({"v": [value]}, schema={"v": pl.String})
    assert df.select(parse_metadata_date("v")).item() == expected
