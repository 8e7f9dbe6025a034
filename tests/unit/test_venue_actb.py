"""Venues (issue 11, helper actb): an envoy's country+role actor a few words after في is a guest,
not the place of the meeting."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run


def test_an_envoy_a_few_words_after_fi_is_no_venue(monkeypatch: pytest.MonkeyPatch) -> None:
    # r307: "التقى الرئيس … سليمان في قصر بعبدا اليوم القائمة بأعمال السفارة الاميركية": the envoy
    # (a country+role actor, typed ORG) four words after في is the guest, not where they met; r267:
    # "استقبل … بري ظهر اليوم في عين التينة السفير المصري في لبنان".
    monkeypatch.setitem(ENTITIES, "القائمة بأعمال السفارة الاميركية", ("actor:USAGOV:ambassador", "ORG"))
    out = dyads(run("التقى الرئيس بوتين في قصر بعبدا اليوم القائمة بأعمال السفارة الاميركية في بيروت."))
    assert ("040", "vladimir_putin", "ambassador") in out


def test_a_ministry_a_few_words_after_fi_is_still_a_venue(monkeypatch: pytest.MonkeyPatch) -> None:
    # "في مقر وزارة الخارجية الروسية": a ministry after في is where, not who.
    monkeypatch.setitem(ENTITIES, "وزارة الخارجية الروسية", ("actor:RUSGOV:foreign_ministry", "ORG"))
    out = dyads(run("التقى الرئيس السيسي في مقر وزارة الخارجية الروسية الرئيس بوتين."))
    assert all(d[2] != "foreign_ministry" for d in out)
