"""An article's own date from its text, beyond full header/footer stamps (see ``clean.py``).

- ``الرياض 15 مارس (واس) -`` or a header line ``الخميس 14 مارس`` carry no year: the article's date
  is then that day in the latest year the article writes elsewhere (a full date or a month and year);
- a weekday on a Hijri-only stamp settles the tabular conversion's ±1 day;
- a full date right after "اليوم" is the text's own day.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms.dates import find_dates, latest_text_year, load_date_words, ymd_date
from orchestration.transforms.reference import REFERENCE_DIR


def first_month_day(found: pl.DataFrame, name: str, key: str = "article_id") -> pl.DataFrame:
    """The first day+month without a year of each (article, line), as month * 100 + day."""
    return (
        found.filter(pl.col("precision") == "day_no_year")
        .group_by(key, "line_no")
        .agg(
            (pl.col("month") * 100 + pl.col("day"))
            .sort_by("char_start", "month", "day")
            .first()
            .cast(pl.Int32)
            .alias(name)
        )
    )


def year_for_month_day(
    out: pl.DataFrame, lines: pl.DataFrame, reference_dir: Path, key: str = "article_id"
) -> pl.DataFrame:
    """``_md_date``: an undated article's header day+month in the latest year its text writes."""
    need = out.filter(
        pl.col("_md").is_not_null() & pl.all_horizontal(pl.col("header_date", "footer_date").is_null())
    ).select(key)
    years = latest_text_year(
        lines.join(need, on=key, how="semi").select(key, "line_no", "line"),
        "line",
        [key, "line_no"],
        reference_dir,
    )
    years = years.group_by(key).agg(pl.col("text_year").max())
    return (
        out.join(years, on=key, how="left")
        .with_columns(_md_date=ymd_date(pl.col("text_year"), pl.col("_md") // 100, pl.col("_md") % 100))
        .drop("text_year")
    )


def settle_hijri_weekday(
    found: pl.DataFrame, lines: pl.DataFrame, reference_dir: Path = REFERENCE_DIR, key: str = "article_id"
) -> pl.DataFrame:
    """Hijri dates converted with the tabular calendar (±1 day from Umm al-Qura) moved by one day
    when the line names a weekday that only the neighbouring day has ("الاثنين 25 شوال 1436 هـ" is
    Monday 10 August 2015, where the tabular day is Tuesday 11). ``found``: find_dates rows
    of ``lines`` (both keyed by ``key``, line_no; ``line`` the text)."""
    keys = [key, "line_no"]
    converted = pl.col("method").is_in(["hijri_tabular", "hijri_ummalqura"])
    tabular = found.filter(converted)
    if tabular.height == 0:
        return found
    weekdays = (
        load_date_words(reference_dir)
        .filter(pl.col("kind") == "weekday")
        .select("word", named=pl.col("value").cast(pl.Int64))
    )
    named = (
        lines.join(tabular.select(keys).unique(), on=keys, how="semi")
        .select(*keys, word=pl.col("line").str.extract_all(r"\p{Arabic}+"))
        .explode("word")
        .join(weekdays, on="word")
        .group_by(keys)
        .agg(pl.col("named").first(), _n=pl.col("named").n_unique())
        .filter(pl.col("_n") == 1)
        .drop("_n")
    )
    delta = (pl.col("named") - pl.col("date").dt.weekday().cast(pl.Int64) + 3) % 7 - 3
    moved = pl.col("date") + pl.duration(days=delta)
    near = converted & pl.col("named").is_not_null() & (delta.abs() <= 1)
    return (
        found.join(named, on=keys, how="left")
        .with_columns(date=pl.when(near).then(moved).otherwise(pl.col("date")))
        .with_columns(
            year=pl.col("date").dt.year().cast(pl.Int32),
            month=pl.col("date").dt.month().cast(pl.Int32),
            day=pl.col("date").dt.day().cast(pl.Int32),
        )
        .drop("named")
    )


# A CMS stamp names its own weekday right before a numeric date, often bare ("سبت, 04/05/2025 -
# 23:49", "خميس, 27/03/2025"); the bare names are not date words elsewhere (خميس is also a name).
_STAMP_WEEKDAYS = {
    "اثنين": 1, "إثنين": 1, "ثلاثاء": 2, "أربعاء": 3, "اربعاء": 3,
    "خميس": 4, "جمعة": 5, "جمعه": 5, "سبت": 6, "أحد": 7, "احد": 7,
}  # fmt: skip
_STAMP_WEEKDAY = rf"(?:ال)?({'|'.join(_STAMP_WEEKDAYS)})[\s,،\-|]*$"
_NUMERIC_DATE = r"^[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}$"


def settle_stamp_weekday(found: pl.DataFrame, lines: pl.DataFrame, key: str = "article_id") -> pl.DataFrame:
    """A numeric date read day first (``04/05/2025``, Sunday 4 May) is read month first (Saturday 5
    April) when the weekday the stamp names right before it ("سبت, 04/05/2025 - 23:49") fits only
    that reading: some sites print their stamps month first. ``found``: find_dates rows of ``lines``
    (both keyed by ``key``, line_no; ``line`` the text)."""
    keys = [key, "line_no"]
    numeric = pl.col("surface").str.contains(_NUMERIC_DATE) & pl.col("date").is_not_null()
    if found.filter(numeric).height == 0:
        return found
    before = pl.col("line").str.slice(
        pl.max_horizontal(pl.col("char_start") - 12, 0), pl.min_horizontal(pl.col("char_start"), 12)
    )
    named = before.str.extract(_STAMP_WEEKDAY, 1).replace_strict(_STAMP_WEEKDAYS, default=None)
    swapped = ymd_date(pl.col("date").dt.year(), pl.col("date").dt.day(), pl.col("date").dt.month())
    weekday = pl.col("date").dt.weekday().cast(pl.Int64)
    fits = numeric & (weekday != pl.col("_named")) & (swapped.dt.weekday().cast(pl.Int64) == pl.col("_named"))
    return (
        found.join(lines.select(*keys, "line"), on=keys, how="left")
        .with_columns(_named=named.cast(pl.Int64))
        .with_columns(date=pl.when(fits.fill_null(False)).then(swapped).otherwise(pl.col("date")))
        .with_columns(
            month=pl.col("date").dt.month().cast(pl.Int32),
            day=pl.col("date").dt.day().cast(pl.Int32),
        )
        .drop("line", "_named")
    )


def today_dates(
    lines: pl.DataFrame, reference_dir: Path = REFERENCE_DIR, key: str = "article_id"
) -> pl.DataFrame:
    """``key, _today_date``: a full date the text gives for its own day, right after
    "اليوم" ("استقبل رئيس الجمهورية، صباح اليوم الإثنين 5 أفريل 2021 ..."; "صباح اليوم السبت الـ 26
    من نوفمبر 2022"), the first per article. A weekday named between them must be the date's."""
    keys = [key, "line_no"]
    weekdays = load_date_words(reference_dir).filter(pl.col("kind") == "weekday")
    wd_alt = "|".join(sorted(weekdays["word"].to_list(), key=len, reverse=True))
    lead = rf"اليوم\s*[،,(]?\s*(?:(?:يوم\s+)?(?P<wd>{wd_alt})\s*[)،,]?\s*)?(?:الموافق\s*)?(?:ال\s*)?$"
    cand = lines.filter(pl.col("line").str.contains(r"اليوم[^.]{0,24}[0-9\u0660-\u0669]")).select(
        *keys, "line"
    )
    found = find_dates(cand, "line", keys, reference_dir).filter(
        (pl.col("precision") == "day") & pl.col("date").is_not_null()
    )
    before = pl.col("line").str.slice(
        pl.max_horizontal(pl.col("char_start") - 40, 0), pl.min_horizontal(pl.col("char_start"), 40)
    )
    named = weekdays.select(_wd="word", _named=pl.col("value").cast(pl.Int64))
    return (
        found.join(cand, on=keys)
        .with_columns(_wd=before.str.extract(lead, 1), _ok=before.str.contains(lead))
        .filter(pl.col("_ok"))
        .join(named, on="_wd", how="left")
        .filter(pl.col("_named").is_null() | (pl.col("_named") == pl.col("date").dt.weekday().cast(pl.Int64)))
        # A total order: two readings starting on one character give the earlier date.
        .sort(*keys, "char_start", "date")
        .group_by(key, maintain_order=True)
        .agg(_today_date=pl.col("date").first())
    )
