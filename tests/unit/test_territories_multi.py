"""A state's nisba after a territory noun is the state (issue 11, helper multi).

Real shape (r285, German foreign ministry 2018): «بدأ وزير الخارجية الألمانية جابريل … زيارة إلى
إسرائيل والأراضي الفلسطينية»: two stops, Israel and Palestine; the nisba alone is a weak state
mention, after الأراضي/المناطق it names the territory. «داخل الأراضي العراقية» is where, not whom."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import ENTITIES, KB, PUB, _frames, dyads

# The entity stage gives a bare nisba a low confidence (below MIN_STATE_CONFIDENCE).
_NISBA_CONF = 0.4


def _run(body: str) -> set[tuple[str, str, str]]:
    articles, sentences, mentions = _frames(body, PUB)
    mentions = mentions.with_columns(
        confidence=pl.when(pl.col("surface") == "الفلسطينية").then(_NISBA_CONF).otherwise("confidence")
    )
    return dyads(extract_event_candidates(articles, sentences, mentions, KB))


@pytest.fixture(autouse=True)
def _states(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENTITIES, "الفلسطينية", ("country:PSE", "PLACE"))


def test_the_territories_after_wa_are_a_second_destination() -> None:
    out = _run("بدأ الرئيس بوتين مساء الثلاثاء زيارة إلى إسرائيل والأراضي الفلسطينية للعمل على السلام.")
    assert {d[2] for d in out if d[0].startswith("042")} == {"ISR", "PSE"}, out


def test_a_bare_nisba_after_a_preposition_of_place_stays_weak() -> None:
    out = _run("بدأ الرئيس بوتين زيارة إلى إسرائيل وتحدث داخل الأراضي الفلسطينية مع السكان.")
    assert "PSE" not in {d[2] for d in out}, out


def test_a_verb_visits_both_stops_of_the_list() -> None:
    # r279 shape: «حيث يزور خلالها إسرائيل والأراضي الفلسطينية اليوم الاثنين»
    out = _run("وقال البيان إن الرئيس بوتين يزور إسرائيل والأراضي الفلسطينية اليوم الاثنين.")
    assert {d[2] for d in out if d[0].startswith("042")} == {"ISR", "PSE"}, out


def test_the_companion_after_birifqa_is_no_visitor(monkeypatch: pytest.MonkeyPatch) -> None:
    # r279 shape: «بدأ اليوم وزير الخارجية الألماني X برفقة وزير التنمية Y زيارة رسمية إلى …»
    monkeypatch.setitem(ENTITIES, "ديرك نيبل", ("person:new:niebel", "PERSON"))
    out = _run("بدأ اليوم الرئيس بوتين برفقة وزير التنمية ديرك نيبل زيارة رسمية إلى إسرائيل.")
    assert {d[1] for d in out if d[0].startswith("042")} == {"vladimir_putin"}, out
