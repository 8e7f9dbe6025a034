"""من قبل / من طرف after a fronted adverbial noun is no agent of it (issue 11), on the real shape
«وخلال اللقاء، استعرض المنفي مع السفير الفرنسي تطورات الأوضاع …، والخطوات المتخذة من قبل بعثة
الأمم المتحدة»: the mission took steps, it did not meet anyone."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_an_agent_phrase_after_a_fronted_meeting_noun_is_not_its_agent() -> None:
    out = run("وخلال اللقاء، استعرض الرئيس بوتين مع الرئيس السيسي الخطوات المتخذة من قبل سوريا.")
    assert {(a, b) for _, a, b in dyads(out)} == {("vladimir_putin", "abdel_fattah_el_sisi")}


def test_an_agent_phrase_after_a_reception_verb_still_reads_it_as_passive() -> None:
    # «استقبل وزير الشؤون الخارجية السيد مراد مدلسي، أمس، بقصر قرطاج من طرف الرئيس التونسي»
    out = run("استقبل الرئيس السيسي أمس في سوتشي من طرف الرئيس بوتين.")
    assert dyads(out) == {("043", "vladimir_putin", "abdel_fattah_el_sisi")}
