"""A date after منذ (since) starts a period and dates no event of its sentence (issue 11): «وتعد
زيارة المقداد للقاهرة هي الأولى منذ عام 2011», «منذ توليه سدة الرئاسة فى عام 2014»."""

from __future__ import annotations

import datetime as dt

import polars as pl

from tests.unit.test_events import PUB, run


def _dates(body: str) -> set[dt.date | None]:
    out = run(body).filter(pl.col("actor1_entity_id") == "person:abdel_fattah_el_sisi")
    assert out.height > 0, body
    return set(out["event_date"].to_list())


def test_a_year_after_since_does_not_date_the_meeting() -> None:
    assert _dates("والتقى الرئيس السيسي الرئيس بوتين في أول لقاء بينهما منذ عام 2015.") == {PUB}


def test_a_year_a_few_words_after_since_does_not_date_the_visit() -> None:
    body = "والتقى الرئيس السيسي الرئيس بوتين للمرة السادسة منذ توليه سدة الرئاسة فى عام 2014."
    assert _dates(body) == {PUB}


def test_a_year_without_since_still_dates_the_meeting() -> None:
    assert _dates("والتقى الرئيس السيسي الرئيس بوتين في عام 2015.") == {dt.date(2015, 1, 1)}
