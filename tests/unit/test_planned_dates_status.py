"""Dates of announced events (issue 11): the publication date is assumed only for what the text
reports as done. An event its sentence announces («كان يفترض أن»، «قبل أن يتوجه» after a future
verb), postpones or cancels gets the date the text gives, a weekday resolved forward, or none."""

from __future__ import annotations

import datetime as dt

import polars as pl

from tests.unit.test_events import PUB, run


def _row(body: str) -> dict:
    out = run(body).filter(pl.col("actor1_entity_id").is_not_null())
    assert out.height > 0, body
    return out.row(0, named=True)


def test_an_announced_event_is_not_dated_with_the_publication_day() -> None:
    # «وكان يفترض ان يلتقي مبارك واوباما …»: supposed to meet, no date given
    row = _row("وكان يفترض ان يلتقي الرئيس السيسي الرئيس بوتين في القاهرة.")
    assert row["status"] == "planned"
    assert row["event_date"] is None
    assert row["date_precision"] == "unknown"


def test_a_postponed_or_cancelled_event_is_not_dated_with_the_publication_day() -> None:
    # «أعلنت الإدارة الأمريكية … تأجيل زيارة مايك بينس»، «ألغى … اجتماعا مع …»
    for body in (
        "وأعلنت الرئاسة تأجيل لقاء الرئيس السيسي مع الرئيس بوتين.",
        "وأعلنت الرئاسة إلغاء لقاء الرئيس السيسي مع الرئيس بوتين.",
    ):
        assert _row(body)["event_date"] is None, body


def test_an_announced_event_on_a_weekday_falls_after_publication() -> None:
    # PUB is a Tuesday: the Sunday of an announced meeting is the next one, not the last one.
    row = _row("وكان يفترض ان يلتقي الرئيس السيسي الرئيس بوتين يوم الأحد في القاهرة.")
    assert row["status"] == "planned"
    assert row["event_date"] == PUB + dt.timedelta(days=5)


def test_a_reported_event_keeps_the_publication_day() -> None:
    row = _row("والتقى الرئيس السيسي الرئيس بوتين في القاهرة.")
    assert row["status"] == "occurred"
    assert row["event_date"] == PUB
