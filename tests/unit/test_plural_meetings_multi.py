"""Plural meeting nouns and ثم before a light verb (issue 11, helper multi).

Real shapes: «ودخل الرئيسان البرهان والسيسي في لقاءات مغلقة بقصر الاتحادية» (almenbar24, 2024: the
two presidents meet), «وتشاور أولاً مع نظيره العراقي X، ثم عقد اجتماعات مع رئيس الوزراء العراقي Y»
(alghadeer: the subject of the first clause holds the later meetings, not his first partner)."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def _pairs(body: str) -> set[frozenset[str]]:
    return {frozenset(d[1:]) for d in dyads(run(body))}


def test_two_presidents_entering_closed_meetings_meet() -> None:
    body = "ودخل الرئيسان بوتين والسيسي في لقاءات مغلقة بقصر الاتحادية قبل قليل."
    assert _pairs(body) == {frozenset({"vladimir_putin", "abdel_fattah_el_sisi"})}


def test_the_meetings_after_thumma_are_the_first_subjects() -> None:
    body = "وزار الرئيس بوتين مصر أمس الجمعة وتشاور أولاً مع الرئيس السيسي، ثم عقد اجتماعات مع ترامب، والأسد."
    out = dyads(run(body))
    met = {d[1] for d in out if {"donald_trump", "bashar_al_assad"} & set(d[1:])}
    assert met == {"vladimir_putin"}, out
