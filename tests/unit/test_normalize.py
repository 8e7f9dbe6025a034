"""Unit tests for orchestration.transforms.normalize."""

from __future__ import annotations

import re
import unicodedata

import polars as pl
import pytest

from orchestration.transforms.normalize import (
    NFC_STABLE_MARKS,
    NFC_STABLE_STARTERS,
    ascii_digits,
    content_key,
    nfc,
    normalize_text,
    strip_tatweel,
)


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
        ("أ \n \n ب\x0c\tج \n", "أ\n\nب ج"),
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


def _ranges(char_class: str) -> list[tuple[int, int]]:
    bounds = [int(h, 16) for h in re.findall(r"\\x\{([0-9a-f]+)\}", char_class)]
    out, i = [], 0
    while i < len(bounds):
        if char_class.find(f"\\x{{{bounds[i]:x}}}-") >= 0 and i + 1 < len(bounds):
            out.append((bounds[i], bounds[i + 1]))
            i += 2
        else:
            out.append((bounds[i], bounds[i]))
            i += 1
    return out


def test_nfc_stable_ranges_agree_with_unicodedata() -> None:
    # Second halves of canonical compositions: such a character may merge with the one before it.
    seconds = set()
    for cp in range(0x30000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            seconds.add(int(d.split()[1], 16))
    starters = [cp for a, b in _ranges(NFC_STABLE_STARTERS) for cp in range(a, b + 1)]
    marks = [cp for a, b in _ranges(NFC_STABLE_MARKS) for cp in range(a, b + 1)]
    assert len(starters) > 1000 and len(marks) == 8
    for cp in starters + marks:
        ch = chr(cp)
        assert unicodedata.normalize("NFC", ch) == ch, hex(cp)
        assert cp not in seconds, hex(cp)
    assert all(unicodedata.combining(chr(cp)) == 0 for cp in starters)
    assert all(unicodedata.combining(chr(cp)) > 0 for cp in marks)


def test_nfc_matches_full_normalization() -> None:
    texts = [
        "أيضاً قال",  # lone tanween: skipped, already NFC
        "\u0627\u0653ذار",  # alef + madda composes
        "عَّبر",  # fatha + shadda are reordered
        "cafe\u0301 ●",
        "",
        None,
        "plain ascii",
    ]
    s = pl.Series("t", texts, dtype=pl.String)
    assert nfc(s).equals(s.str.normalize("NFC"))
    assert nfc(s.head(1)).equals(s.head(1))
