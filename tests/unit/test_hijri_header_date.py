"""Hijri header stamps of Saudi dailies (issue #11: dates on real news)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.dates import find_dates


def test_comma_between_day_and_hijri_month() -> None:
    # Al-Jazirah's masthead stamp ("الطبعةالاولـيالأثنين 12 ,رجب 1421").
    found = find_dates(pl.DataFrame({"t": ["الأثنين 12 ,رجب 1421"]}), "t")
    assert found["surface"].to_list() == ["12 ,رجب 1421"]
