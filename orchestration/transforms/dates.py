"""Arabic date finding and parsing, vectorized with Polars.

Recognized forms (on normalized text: ASCII digits, plain spaces, no tatweel — see ``normalize.py``):

* Gregorian day-month-year with Egyptian/Gulf, Levantine and Maghrebi month names and combined forms
  (``21 نوفمبر 2017``, ``20 أكتوبر/تشرين الأول 2015``, ``الـ22 من نوفمبر الجاري``, ``12 شباط عام 2015``);
  a day and month without a year come out with precision ``day_no_year`` and a NULL date/year so the
  caller can fill the year from context.
* Month-year (``مارس/آذار 2011``) -> precision ``month``; ``عام 2011`` -> precision ``year``.
* Numeric ``21/11/2017``, ``21.11.2017``, ``21-11-2017`` (day first, the Arabic convention) and ISO
  ``2017-11-21``.
* Hijri ``25 شوال 1436 هـ``; with ``الموافق <Gregorian date>`` the Gregorian equivalent is used.
  A Hijri date alone is converted with the official Umm al-Qura calendar (``hijri_months.csv``,
  1343-1500 AH: 25 Shawwal 1436 -> 2015-08-10), outside it with the arithmetic (tabular) Islamic
  calendar, which agrees with Umm al-Qura to within ±1 day (2015-08-11).
* One-letter typos of a month name (edit distance 1, ``20 نتشرين الثاني``) only when a day number
  precedes and a year, the second word of a two-word month (الأول/الثاني) or a month-context word
  (الجاري، الماضي …) follows, so ordinary words are not read as months.

Month names live in ``data/reference/months.csv``, weekday/label/era words in ``date_words.csv``;
``date_patterns`` loads them and builds the regexes, ``date_forms`` parses each form's groups into a
date (both re-exported here for their callers).
Dates are found with a regex that tokenizes the whole string (dates, digit runs, letter runs, other
runs), so every match starts on a token boundary and character offsets are exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from orchestration.transforms.date_forms import (  # noqa: F401  (re-exported: callers import them from dates)
    anchored,
    fuzzy_dates,
    gregorian_dates,
    hijri_dates,
    hijri_to_gregorian,
    ymd_date,
)
from orchestration.transforms.date_patterns import (  # noqa: F401  (re-exported: callers import them from dates)
    cover_pattern,
    date_patterns,
    exact_date_pattern,
    load_date_words,
    strip_dates,
    strip_names,
)
from orchestration.transforms.normalize import ascii_digits, plain_spaces
from orchestration.transforms.reference import REFERENCE_DIR

FIND_DATES_SCHEMA: dict[str, pl.DataType] = {
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "surface": pl.String(),
    "year": pl.Int32(),
    "month": pl.Int32(),
    "day": pl.Int32(),
    "date": pl.Date(),
    "precision": pl.String(),
    "calendar": pl.String(),
    "method": pl.String(),
}


def find_dates(
    df: pl.DataFrame,
    text_col: str,
    id_cols: str | Sequence[str] | None = None,
    reference_dir: Path = REFERENCE_DIR,
) -> pl.DataFrame:
    """Every explicit date in ``df[text_col]`` with its character offsets.

    Returns one row per date: ``*id_cols`` (or ``row_nr`` when no id is given), ``char_start``,
    ``char_end`` (character offsets into the text, end exclusive), ``surface``, ``year``, ``month``,
    ``day``, ``date`` (first day of the month/year for coarser precisions; NULL for ``day_no_year``),
    ``precision`` (day | day_no_year | month | year), ``calendar`` (gregorian | hijri), ``method``
    (exact | hijri_equivalent | hijri_ummalqura | hijri_tabular | fuzzy). Expects text normalized by ``normalize.py``;
    digits and exotic spaces are mapped here too (length-preserving).
    """
    if id_cols is None:
        df = df.with_row_index("row_nr")
        ids = ["row_nr"]
    else:
        ids = [id_cols] if isinstance(id_cols, str) else list(id_cols)
    toks = _date_tokens(df, text_col, ids, reference_dir)
    out_cols = [*ids, *FIND_DATES_SCHEMA]
    parts = [
        part.select(out_cols)
        for part in (
            hijri_dates(toks, reference_dir),
            *gregorian_dates(toks, reference_dir),
            fuzzy_dates(toks, reference_dir),
        )
        if part is not None
    ]
    schema = {**{c: df.schema[c] for c in ids}, **FIND_DATES_SCHEMA}
    if not parts:
        return pl.DataFrame(schema=schema)
    return pl.concat([p.cast(schema) for p in parts]).sort([*ids, "char_start"])


def _date_tokens(df: pl.DataFrame, text_col: str, ids: list[str], reference_dir: Path) -> pl.DataFrame:
    """The date tokens of each text (``_rid``, ids, ``tok``, ``start``, ``n``) with their ``kind``
    (the first date pattern, in ``date_patterns`` order, that matches the whole token)."""
    pats = date_patterns(reference_dir)
    any_date = "^(?:" + "|".join(f"(?:{strip_names(p)})" for p in pats.values()) + ")$"
    toks = (
        # Texts without any digit (ASCII, Arabic-Indic, Persian) hold no date: drop them before mapping.
        df.select(*ids, _text=pl.col(text_col))
        .filter(pl.col("_text").str.contains("[0-9\u0660-\u0669\u06f0-\u06f9]"))
        .with_columns(_text=plain_spaces(ascii_digits(pl.col("_text"))))
        .with_row_index("_rid")
        .select("_rid", *ids, tok=pl.col("_text").str.extract_all(cover_pattern(reference_dir)))
        .explode("tok")
        .drop_nulls("tok")
        .with_columns(n=pl.col("tok").str.len_chars().cast(pl.Int64))
        .with_columns(
            start=pl.col("n").cum_sum().over("_rid") - pl.col("n"),
            next_tok=pl.when(pl.col("_rid").shift(-1) == pl.col("_rid")).then(pl.col("tok").shift(-1)),
        )
        # Every date form holds a digit: a literal-class check spares the big regex most tokens.
        .filter(pl.col("tok").str.contains("[0-9]"))
        .filter(pl.col("tok").str.contains(any_date))
        # A date must not run into a following digit (…2017 then 5) or letter (…آب then اء).
        .filter(
            ~(
                (pl.col("tok").str.contains("[0-9]$") & pl.col("next_tok").str.contains("^[0-9]"))
                | (
                    pl.col("tok").str.contains("[\\p{L}\\p{M}]$")
                    & pl.col("next_tok").str.contains("^[\\p{L}\\p{M}]")
                )
            ).fill_null(False)
        )
    )
    kind = pl.lit(None, dtype=pl.String)
    for k in reversed(list(pats)):
        kind = pl.when(pl.col("tok").str.contains(anchored(k, reference_dir))).then(pl.lit(k)).otherwise(kind)
    return toks.with_columns(kind=kind)


def parse_metadata_date(expr: pl.Expr | str) -> pl.Expr:
    """Date from a metadata ``published_at`` string: ISO 8601 (any time/zone; the date as written),
    ``YYYY/MM/DD``, RFC 2822 (``Tue, 21 Nov 2017 10:00:00 +0000``), ``November 21, 2017`` and
    ``21/11/2017``. Anything else -> NULL (the caller may then look for an Arabic date in it)."""
    e = ascii_digits(pl.col(expr) if isinstance(expr, str) else expr).str.strip_chars()
    iso = e.str.extract_groups(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:$|[T ,])")
    rfc = e.str.extract_groups(r"(?:^|[ ,])([0-9]{1,2})[ -]([A-Za-z]{3})[a-z]*\.?,?[ -]([0-9]{4})")
    mdy = e.str.extract_groups(r"^(?:[A-Za-z]+, *)?([A-Za-z]{3})[a-z]*\.? +([0-9]{1,2}),? +([0-9]{4})")
    dmy = e.str.extract_groups(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})(?:$|[T ,])")

    def f(s: pl.Expr, i: int) -> pl.Expr:
        return s.struct.field(f"{i}")

    return pl.coalesce(
        ymd_date(f(iso, 1), f(iso, 2), f(iso, 3)),
        pl.format("{} {} {}", f(rfc, 1), f(rfc, 2).str.to_titlecase(), f(rfc, 3)).str.to_date(
            "%d %b %Y", strict=False
        ),
        pl.format("{} {} {}", f(mdy, 2), f(mdy, 1).str.to_titlecase(), f(mdy, 3)).str.to_date(
            "%d %b %Y", strict=False
        ),
        ymd_date(f(dmy, 3), f(dmy, 2), f(dmy, 1)),
    )


def latest_text_year(
    df: pl.DataFrame, text_col: str, id_cols: str | Sequence[str], reference_dir: Path = REFERENCE_DIR
) -> pl.DataFrame:
    """``*id_cols, text_year``: the latest year of a day- or month-precision date in the rows of each
    id. A dateline or "اليوم 15 أبريل" without a year is read in the year the article writes
    elsewhere ("… منذ 25 يوليو 2021"); the latest, as news recalls the past more than it plans."""
    ids = [id_cols] if isinstance(id_cols, str) else list(id_cols)
    return (
        find_dates(
            df.filter(pl.col(text_col).str.contains("[0-9\u0660-\u0669]{4}")), text_col, ids, reference_dir
        )
        .filter(pl.col("precision").is_in(["day", "month"]) & pl.col("year").is_not_null())
        .group_by(ids)
        .agg(text_year=pl.col("year").max())
    )


def embed_signature_date(line: pl.Expr) -> pl.Expr:
    """Date of an embedded post's signature line, as social-media embeds print it under the quoted
    text (``— افيخاي ادرعي (@AvichayAdraee) September 22, 2023``); NULL on any other line."""
    found = ascii_digits(line).str.extract(r"\(@\w{1,30}\)\s*([A-Z][a-z]{2,8} [0-9]{1,2}, [0-9]{4})\s*$", 1)
    return found.str.to_date("%B %d, %Y", strict=False)


def first_full_date(
    df: pl.DataFrame, text_col: str, id_cols: str | Sequence[str], reference_dir: Path = REFERENCE_DIR
) -> pl.DataFrame:
    """The first day-precision date (with a year) of each row: ``*id_cols, date``."""
    ids = [id_cols] if isinstance(id_cols, str) else list(id_cols)
    found = find_dates(df, text_col, ids, reference_dir)
    return (
        found.filter((pl.col("precision") == "day") & pl.col("date").is_not_null())
        .sort([*ids, "char_start"])
        .group_by(ids, maintain_order=True)
        .agg(pl.col("date").first())
    )
