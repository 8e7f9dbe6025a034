"""Relative days with a named weekday against the publication stamp (issue #11: dates on real news)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from tests.unit.test_events import run

# Al-Sharq's shape: stamp «02 يوليو 2016 , 12:47ص» (a Saturday, past midnight) over the wire's
# «مساء اليوم الجمعة».
BODY = "التقى بوتين في قصر الضيافة، مساء اليوم الجمعة، السيسي وبحثا العلاقات الثنائية بين البلدين."


def _event_date(body: str, published: dt.date) -> dt.date | None:
    out = run(body, published).filter(pl.col("event_code").str.starts_with("04"))
    assert out.height == 1, out
    return out["event_date"][0]


def test_stamp_past_midnight_gives_the_named_weekday() -> None:
    assert _event_date(BODY, dt.date(2016, 7, 2)) == dt.date(2016, 7, 1)


def test_stamp_on_the_named_weekday_is_kept() -> None:
    assert _event_date(BODY, dt.date(2016, 7, 1)) == dt.date(2016, 7, 1)


def test_stamp_the_day_before_the_named_weekday_is_kept() -> None:
    # The event cannot follow its report: a Thursday stamp over "اليوم الجمعة" stays Thursday.
    assert _event_date(BODY, dt.date(2016, 6, 30)) == dt.date(2016, 6, 30)
