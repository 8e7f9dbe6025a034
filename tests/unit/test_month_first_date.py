"""Numeric stamps printed month first (issue #11: dates on real news)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.dates import find_dates


def _dates(text: str) -> list[dt.date]:
    return find_dates(pl.DataFrame({"t": [text]}), "t")["date"].to_list()


def test_second_number_above_twelve_is_the_day() -> None:
    # A Saudi page's stamp list: "• 12/16/2014" then "• 00:00".
    assert _dates("60 دبلوماسياً يزورون منتجع «نوفا»\n  • 12/16/2014\n  • 00:00") == [dt.date(2014, 12, 16)]


def test_day_first_stays_the_default() -> None:
    assert _dates("نشر في 05/09/2014") == [dt.date(2014, 9, 5)]
    assert _dates("نشر في 16/12/2014") == [dt.date(2014, 12, 16)]
