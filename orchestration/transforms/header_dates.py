"""Publication dates written with a day and month but no year in an article's header or dateline.

``الرياض 15 مارس (واس) -`` or a header line ``الخميس 14 مارس`` carry no year: the article's date is
then that day in the latest year the article writes elsewhere (a full date or a month and year).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms.dates import latest_text_year, ymd_date


def first_month_day(found: pl.DataFrame, name: str, key: str = "article_id") -> pl.DataFrame:
    """The first day+month without a year of each (article, line), as month * 100 + day."""
    return (
        found.filter(pl.col("precision") == "day_no_year")
        .group_by(key, "line_no")
        .agg((pl.col("month") * 100 + pl.col("day")).sort_by("char_start").first().cast(pl.Int32).alias(name))
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
