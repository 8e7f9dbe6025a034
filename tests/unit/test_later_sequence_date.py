"""«وفي وقت لاحق» before a perfect verb narrates a sequence, not a plan (issue #11: dates on real news)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from tests.unit.test_events import run

PUB = dt.date(2019, 2, 4)


def _meetings(body: str) -> pl.DataFrame:
    return run(body, PUB).filter(pl.col("event_code").str.starts_with("04"))


def test_later_before_a_perfect_verb_is_an_occurred_event_of_the_day() -> None:
    # NNA's shape: "وفي وقت لاحق، التقى الحريري السفيرة الأمريكية".
    out = _meetings("وفي وقت لاحق، التقى بوتين الرئيس السيسي في القصر الرئاسي وعرض معه التطورات.")
    assert out["status"].to_list() == ["occurred"], out
    assert out["event_date"].to_list() == [PUB]


def test_later_before_an_imperfect_verb_stays_planned() -> None:
    out = _meetings("وفي وقت لاحق، يلتقي بوتين الرئيس السيسي في القصر الرئاسي لبحث التطورات.")
    assert out["status"].to_list() == ["planned"], out
