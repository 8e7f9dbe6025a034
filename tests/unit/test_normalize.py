"""Unit tests for orchestration.transforms.normalize."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.normalize import ascii_digits, content_key, normalize_text, strip_tatweel


def norm(s: str | None) -> str | None:
    return pl.DataFrame({"t": [s]}, schema={"t": pl.String}).select(normalize_text("t"))["t"][0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("بوتين\u00a0يلتقي\u2009الأسد\u202fفي\u3000سوتشي", "بوتين يلتقي الأسد في سوتشي"),
        ("سـوريـــا", "سوريا"),
        ("الـ22 من نوفمبر", "ال22 من نوفمبر"),
        ("بـ12 شباط", "ب12 شباط"),
        ("عواصم ـ وكالات", "عواصم ـ وكالات"),
        ("عواصم ــــ وكالات", "عواصم ـ وكالات"),
        ("بو\u200bتين\u200c \u200fالرئيس\u202b \u2066روسيا\u2069\u061c", "بوتين الرئيس روسيا"),
        ("\ufeffنص", "نص"),
        ("٢١ نوفمبر ٢٠١٧", "21 نوفمبر 2017"),
        ("۲۱/۱۱/۱۳۹۶", "21/11/1396"),
        ("  سطر   أول  \n\t سطر\t\tثان  ", "سطر أول\nسطر ثان"),
        ("سطر\r\nسطر\rسطر", "سطر\nسطر\nسطر"),
        ("نص\x00مع\x07تحكم", "نصمعتحكم"),
        # Decomposed alef + madda composes to آ under NFC.
        ("\u0627\u0653ذار", "آذار"),
        # Diacritics stay in the body.
        ("عَبّر", "عَبّر"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert norm(raw) == expected


def test_blank_lines_kept_and_null_passes_through() -> None:
    assert norm("أ\n\n\u00a0\nب") == "أ\n\n\nب"
    assert norm(None) is None


def test_length_preserving_helpers() -> None:
    df = pl.DataFrame({"t": ["٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"]})
    out = df.select(ascii_digits("t"))["t"][0]
    assert out == "0123456789 0123456789"
    assert len(out) == len(df["t"][0])


def test_strip_tatweel_attached_on_both_sides() -> None:
    df = pl.DataFrame({"t": ["ـمرحباـ ـ"]})
    assert df.select(strip_tatweel("t"))["t"][0] == "مرحبا ـ"


def test_content_key_ignores_spacing_and_line_breaks() -> None:
    a = "عنوان\n\nفقرة أولى.\nفقرة ثانية."
    b = "  عنوان \r\n\r\n\r\nفقرة\u00a0 أولى. \r\nفقرة   ثانية.\u200f"
    df = pl.DataFrame({"t": [a, b]}).select(content_key("t"))
    assert df["t"][0] == df["t"][1] == "عنوان فقرة أولى. فقرة ثانية."
