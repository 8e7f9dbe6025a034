"""The date forms of ``dates.find_dates``: each date token's groups parsed into a date (Hijri with
or without its Gregorian equivalent, Gregorian with month names or digits, fuzzy month names), and
the calendar arithmetic they use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.date_patterns import date_patterns, fold, fuzzy_month_table, load_months
from orchestration.transforms.reference import read_table


def hijri_to_gregorian(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Tabular (arithmetic) Islamic calendar -> Gregorian date. Accurate to ±1 day vs Umm al-Qura.

    JDN = d + ceil(29.5 (m-1)) + 354 (y-1) + floor((3 + 11 y) / 30) + 1948439 (epoch 16 July 622 Julian).
    """
    y, m, d = year.cast(pl.Int64), month.cast(pl.Int64), day.cast(pl.Int64)
    jdn = d + (59 * (m - 1) + 1) // 2 + 354 * (y - 1) + (3 + 11 * y) // 30 + 1948439
    return pl.lit(0).cast(pl.Date) + pl.duration(days=jdn - 2440588)


@lru_cache(maxsize=4)
def load_hijri_months(reference_dir: Path) -> pl.DataFrame:
    """``hijri_months.csv``: the Gregorian first day and length of each Umm al-Qura month (none in a
    reference folder without the file: every Hijri date is then converted with the tabular calendar)."""
    if not (reference_dir / "hijri_months.csv").exists():
        schema = {
            "hijri_year": pl.Int32,
            "hijri_month": pl.Int32,
            "gregorian_start": pl.Date,
            "days": pl.Int32,
        }
        return pl.DataFrame(schema=schema)
    return read_table(
        "hijri_months.csv",
        reference_dir,
        {"hijri_year": pl.Int32(), "hijri_month": pl.Int32(), "days": pl.Int32()},
    ).with_columns(pl.col("gregorian_start").str.to_date("%Y-%m-%d"))


def ymd_date(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """The date of year, month and day expressions (NULL when invalid, e.g. 29 February 2023)."""
    return pl.format("{}-{}-{}", year, month, day).str.to_date("%Y-%m-%d", strict=False)


def anchored(kind: str, reference_dir: Path) -> str:
    return f"^(?:{date_patterns(reference_dir)[kind]})$"


def _grp(kind: str, name: str, reference_dir: Path) -> pl.Expr:
    return pl.col("tok").str.extract_groups(anchored(kind, reference_dir)).struct.field(name)


def _finish(frame: pl.DataFrame, pre: pl.Expr | None = None) -> pl.DataFrame:
    """Offsets and surface of each date token, past a leading ``pre`` group (not part of the date)."""
    shift = pre.str.len_chars().fill_null(0).cast(pl.Int64) if pre is not None else pl.lit(0, pl.Int64)
    return frame.with_columns(
        char_start=pl.col("start") + shift,
        char_end=pl.col("start") + pl.col("n"),
        surface=pl.col("tok").str.slice(shift),
    )


def _month_names(calendar: str, reference_dir: Path) -> pl.DataFrame:
    months = load_months(reference_dir)
    return months.filter(pl.col("calendar") == calendar).select("name", "month")


def hijri_dates(toks: pl.DataFrame, reference_dir: Path) -> pl.DataFrame | None:
    """Hijri, with or without a Gregorian equivalent."""
    h = toks.filter(pl.col("kind") == "hijri")
    if not h.height:
        return None
    hij, greg = _month_names("hijri", reference_dir), _month_names("gregorian", reference_dir)

    def grp(name: str) -> pl.Expr:
        return _grp("hijri", name, reference_dir)

    h = (
        h.with_columns(
            hd=grp("hd").cast(pl.Int32),
            hm_name=grp("hm"),
            hy=grp("hy").cast(pl.Int32),
            gd=grp("gd").cast(pl.Int32),
            gm_name=grp("gm"),
            gy=grp("gy").cast(pl.Int32),
        )
        .join(hij.rename({"name": "hm_name", "month": "hm"}), on="hm_name", how="left")
        .join(greg.rename({"name": "gm_name", "month": "gm"}), on="gm_name", how="left")
        .filter(pl.col("hd").is_between(1, 30) & pl.col("hm").is_not_null())
    )
    has_g = pl.col("gy").is_not_null() & pl.col("gm").is_not_null()
    # The official Umm al-Qura month starts where the table has the month and the day fits it
    # ("25 شوال 1436 هـ" is 10 August 2015, the tabular calendar says 11); else the tabular calendar.
    months = load_hijri_months(reference_dir).rename({"hijri_year": "hy", "hijri_month": "hm"})
    h = h.join(months, on=["hy", "hm"], how="left")
    official = pl.col("gregorian_start").is_not_null() & (pl.col("hd") <= pl.col("days"))
    official_date = pl.col("gregorian_start") + pl.duration(days=pl.col("hd") - 1)
    conv = (
        pl.when(official)
        .then(official_date)
        .otherwise(hijri_to_gregorian(pl.col("hy"), pl.col("hm"), pl.col("hd")))
    )
    method = pl.when(official).then(pl.lit("hijri_ummalqura")).otherwise(pl.lit("hijri_tabular"))
    h = (
        _finish(h)
        .with_columns(
            date=pl.when(has_g).then(ymd_date(pl.col("gy"), pl.col("gm"), pl.col("gd"))).otherwise(conv),
            calendar=pl.when(has_g).then(pl.lit("gregorian")).otherwise(pl.lit("hijri")),
            method=pl.when(has_g).then(pl.lit("hijri_equivalent")).otherwise(method),
            precision=pl.lit("day"),
        )
        .with_columns(
            year=pl.col("date").dt.year().cast(pl.Int32),
            month=pl.col("date").dt.month().cast(pl.Int32),
            day=pl.col("date").dt.day().cast(pl.Int32),
        )
        .drop("gregorian_start", "days")
    )
    return h.filter(pl.col("date").is_not_null())


def gregorian_dates(toks: pl.DataFrame, reference_dir: Path) -> list[pl.DataFrame]:
    """Gregorian with month names (exact), numeric forms, month-year, year."""
    pats = date_patterns(reference_dir)
    greg = _month_names("gregorian", reference_dir)
    parts = []
    for k in ("dmy", "num_dmy", "num_ymd", "my", "year"):
        g = toks.filter(pl.col("kind") == k)
        if not g.height:
            continue
        names = set(_named_groups(pats[k]))
        g = g.with_columns(
            day=_grp(k, "d", reference_dir).cast(pl.Int32) if "d" in names else pl.lit(None, pl.Int32),
            year=_grp(k, "y", reference_dir).cast(pl.Int32),
            m_raw=_grp(k, "m", reference_dir) if "m" in names else pl.lit(None, pl.String),
            pre=_grp(k, "pre", reference_dir) if "pre" in names else pl.lit(None, pl.String),
        )
        if k == "num_dmy":
            # A second number above 12 can only be the day: the stamp is month first
            # ("• 12/16/2014" on a Saudi page), the US order some CMS templates print.
            m, d = pl.col("m_raw").cast(pl.Int32), pl.col("day")
            swap = (m > 12) & (d <= 12)
            g = g.with_columns(
                month=pl.when(swap).then(d).otherwise(m), day=pl.when(swap).then(m).otherwise(d)
            )
        elif k.startswith("num"):
            g = g.with_columns(month=pl.col("m_raw").cast(pl.Int32))
        else:
            g = g.join(greg.rename({"name": "m_raw"}), on="m_raw", how="left")
        parts.append(_finish_gregorian(_finish(g, pl.col("pre")), k, "exact"))
    return parts


def fuzzy_dates(toks: pl.DataFrame, reference_dir: Path) -> pl.DataFrame | None:
    """Fuzzy month names (one edit away) with a day before and a year/context after."""
    f = toks.filter(pl.col("kind") == "fuzzy")
    if not f.height:
        return None
    f = f.with_columns(
        day=_grp("fuzzy", "d", reference_dir).cast(pl.Int32),
        year=_grp("fuzzy", "y", reference_dir).cast(pl.Int32),
        variant=fold(_grp("fuzzy", "w", reference_dir)),
        second=fold(_grp("fuzzy", "w2", reference_dir)).fill_null(""),
        pre=pl.lit(None, pl.String),
    ).join(fuzzy_month_table(reference_dir), on=["variant", "second"], how="inner")
    return _finish_gregorian(_finish(f), "dmy", "fuzzy")


def _named_groups(pattern: str) -> list[str]:
    return re.findall(r"\(\?P<(\w+)>", pattern)


def _finish_gregorian(g: pl.DataFrame, kind: str, method: str) -> pl.DataFrame:
    has_year = pl.col("year").is_not_null()
    precision = {
        "dmy": pl.when(has_year).then(pl.lit("day")).otherwise(pl.lit("day_no_year")),
        "num_dmy": pl.lit("day"),
        "num_ymd": pl.lit("day"),
        "my": pl.lit("month"),
        "year": pl.lit("year"),
    }[kind]
    day_for_date = pl.col("day").fill_null(1)
    month_for_date = pl.col("month").fill_null(1)
    return (
        g.with_columns(precision=precision, calendar=pl.lit("gregorian"), method=pl.lit(method))
        .with_columns(
            date=pl.when(has_year).then(ymd_date(pl.col("year"), month_for_date, day_for_date)),
            # Leap year 2000 accepts 29 February when the year is unknown.
            _ok=pl.when(has_year)
            .then(pl.col("year").is_between(1800, 2100))
            .otherwise(ymd_date(pl.lit(2000), month_for_date, day_for_date).is_not_null()),
        )
        .filter(pl.col("_ok") & (pl.col("date").is_not_null() | ~has_year))
    )
