"""The date lexicon and regexes of ``dates.find_dates``: month names (``months.csv``) with their
one-letter typos, weekday/label/era words (``date_words.csv``), and the patterns built from them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR, read_table

_S = "[ \\t]*"
_S1 = "[ \\t]+"
_YEAR_WORD = "(?:(?:من +)?(?:عام|العام|سنة) *)?"
_HIJRI_ERA = "(?:هجرية|هجري|للهجرة|هـ*)"
_AGREE = "(?:و?الموافق|الموافقة|و?يوافق)(?: *ل)?"
_CONTEXT_WORDS = "الجاري|الحالي|الماضي|المقبل|المنصرم|القادم"
_SECOND_WORDS = "الأول|الاول|الثاني|الثانى"
_ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640]
_FOLD_FROM = ["أ", "إ", "آ", "ى", "ة"]
_FOLD_TO = ["ا", "ا", "ا", "ي", "ه"]
_MIN_FUZZY_LEN = 4


def _escape(s: str) -> str:
    out = []
    for ch in s:
        if ch == " ":
            out.append(" +")
        elif ch in r"\.+*?()|[]{}^$#&-~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _alternation(names: Sequence[str]) -> str:
    # Longest first: Rust regex alternation is leftmost-first, so كانون الثاني must precede كانون.
    return "(?:" + "|".join(_escape(n) for n in sorted(set(names), key=lambda s: (-len(s), s))) + ")"


def fold(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_many(_FOLD_FROM, _FOLD_TO)


@lru_cache(maxsize=4)
def load_months(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``months.csv``: name, month (1-12), calendar (gregorian|hijri), variety, notes."""
    return read_table("months.csv", reference_dir, {"month": pl.Int32()})


@lru_cache(maxsize=4)
def load_date_words(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``date_words.csv``: word, kind (weekday|label|era|not_month), value, notes."""
    return read_table("date_words.csv", reference_dir)


def _edit1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    subs = {a + c + b[1:] for a, b in splits if b for c in _ARABIC_LETTERS}
    inserts = {a + c + b for a, b in splits for c in _ARABIC_LETTERS}
    return (deletes | subs | inserts) - {word}


@lru_cache(maxsize=4)
def fuzzy_month_table(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """(variant, second) -> month for every spelling one edit away from a Gregorian month name.

    Built once from months.csv (a loop over dictionary entries, not over text rows). Variants that
    point to two different months, and words listed as ``not_month`` in date_words.csv, are dropped.
    """
    months = load_months(reference_dir).filter(pl.col("calendar") == "gregorian")
    not_month = set(load_date_words(reference_dir).filter(pl.col("kind") == "not_month")["word"].to_list())
    rows: list[tuple[str, str, int]] = []
    for name, month in months.select("name", "month").iter_rows():
        first, _, second = name.partition(" ")
        if len(first) < _MIN_FUZZY_LEN:
            continue
        for variant in _edit1(first):
            if variant not in not_month:
                rows.append((variant, second, month))
    table = pl.DataFrame(
        rows, schema={"variant": pl.String, "second": pl.String, "month": pl.Int32}, orient="row"
    )
    table = table.with_columns(fold(pl.col("variant")), fold(pl.col("second"))).unique()
    return table.filter(pl.col("month").n_unique().over("variant", "second") == 1).unique(
        ["variant", "second"]
    )


@lru_cache(maxsize=4)
def date_patterns(reference_dir: Path = REFERENCE_DIR) -> dict[str, str]:
    months = load_months(reference_dir)
    gm = _alternation(months.filter(pl.col("calendar") == "gregorian")["name"].to_list())
    hm = _alternation(months.filter(pl.col("calendar") == "hijri")["name"].to_list())
    gmx = f"(?P<m>{gm})(?:{_S}[/(]{_S}{gm}{_S}\\)?)?"
    year_tail = f"(?:{_S}[,،]?{_S}{_YEAR_WORD}(?P<y>[0-9]{{4}}))"
    # Dashes may stand around the month name: an Iraqi office's signature line "3- تشرين الثاني- 2022".
    # The dash before the year must touch the month ("مارس - 2000 قتيل" is a count, not a year).
    dmy_tail = f"(?:(?:-|{_S}[,،]?){_S}{_YEAR_WORD}(?P<y>[0-9]{{4}}))"
    return {
        "hijri": (
            # A comma may follow the day too: Al-Jazirah's header "السبت 25 ,جمادى الثانية 1421".
            f"(?P<hd>[0-9]{{1,2}}){_S}(?:[,،]{_S})?(?:من +)?(?P<hm>{hm}){_S}[,،]?{_S}(?P<hy>1[3-5][0-9]{{2}})"
            f"(?:(?:{_S}{_HIJRI_ERA})?{_S}[,،\\-]?{_S}{_AGREE}{_S}"
            f"(?P<gd>[0-9]{{1,2}}){_S}(?:من +)?(?P<gm>{gm})(?:{_S}[/(]{_S}{gm}{_S}\\)?)?"
            f"{_S}[,،]?{_S}{_YEAR_WORD}(?P<gy>[0-9]{{4}}))?"
        ),
        "dmy": f"(?P<d>[0-9]{{1,2}}){_S}(?:-{_S})?(?:من +)?(?:شهر +)?{gmx}{dmy_tail}?",
        "num_dmy": "(?P<d>[0-9]{1,2})[/.\\-](?P<m>[0-9]{1,2})[/.\\-](?P<y>[0-9]{4})",
        "num_ymd": "(?P<y>[0-9]{4})[/.\\-](?P<m>[0-9]{1,2})[/.\\-](?P<d>[0-9]{1,2})",
        "my": f"(?P<pre>[وبفل])?{gmx}{year_tail}",
        "year": f"(?P<pre>[وبفل])?(?:عام|العام|سنة){_S1}(?P<y>[0-9]{{4}})",
        "fuzzy": (
            f"(?P<d>[0-9]{{1,2}}){_S1}(?:من +)?(?P<w>\\p{{Arabic}}{{3,10}})"
            f"(?:{_S1}(?P<w2>{_SECOND_WORDS})|{_S}[,،]?{_S}{_YEAR_WORD}(?P<y>[0-9]{{4}})"
            f"|{_S1}(?P<ctx>{_CONTEXT_WORDS}))"
        ),
    }


def strip_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@lru_cache(maxsize=4)
def cover_pattern(reference_dir: Path = REFERENCE_DIR) -> str:
    alts = "|".join(f"(?:{strip_names(p)})" for p in date_patterns(reference_dir).values())
    return f"{alts}|[0-9]+|[\\p{{L}}\\p{{M}}]+|[^\\p{{L}}\\p{{M}}0-9]+"


def exact_date_pattern(reference_dir: Path = REFERENCE_DIR) -> str:
    """One unanchored regex matching any non-fuzzy date form (used to strip dates from a line)."""
    pats = date_patterns(reference_dir)
    return "|".join(f"(?:{strip_names(p)})" for k, p in pats.items() if k != "fuzzy")


def strip_dates(expr: pl.Expr, reference_dir: Path = REFERENCE_DIR) -> pl.Expr:
    """Replace every exact date in ``expr`` by a space."""
    return expr.str.replace_all(exact_date_pattern(reference_dir), " ")
