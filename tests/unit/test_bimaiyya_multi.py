"""بمعية («in the company of») introduces the partners of talks as مع does (issue 11, helper multi).

Real shape (r303, Moroccan foreign minister in Nouakchott): «وسبق لناصر بوريطة إجراء مباحثات موسعة
بمعية الرئيس الموريتاني X، والوزير الأول Y، ووزير الشؤون الخارجية Z»: three partners."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def _pairs(body: str) -> set[frozenset[str]]:
    return {frozenset(d[1:]) for d in dyads(run(body))}


def test_the_list_after_bimaiyya_are_the_partners_of_the_talks() -> None:
    body = (
        "وأجرى الرئيس بوتين مباحثات موسعة بمعية الرئيس السيسي، ورئيس الوزراء المصري مصطفى مدبولي، "
        "حيث تركزت حول العلاقات الثنائية."
    )
    assert _pairs(body) == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "mostafa_madbouly"}),
    }
