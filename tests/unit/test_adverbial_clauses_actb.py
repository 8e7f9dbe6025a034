"""Clause structure (issue 11, helper actb): an adverbial visit noun («اثناء زيارته لـX») does not
end the clause of the verb before it; the partner after it is the verb's."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_the_partner_after_athnaa_ziyaratihi_is_the_verbs() -> None:
    # r297 shape: "واجتمع وزير الخارجية الايراني اليوم الاحد اثناء زيارته لبغداد مع رئيس مجلس
    # الوزراء العراقي مصطفى الكاظمي"
    out = dyads(run("واجتمع الرئيس بوتين اليوم اثناء زيارته لطهران مع الرئيس السيسي."))
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in out
    assert ("042", "vladimir_putin", "abdel_fattah_el_sisi") not in out


def test_the_hamza_spelling_too() -> None:
    out = dyads(run("والتقى الرئيس بوتين أثناء زيارته لطهران مع الرئيس السيسي."))
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in out


def test_a_fronted_qabla_meeting_takes_the_main_clause_subject() -> None:
    # r104 shape: "قبل لقاء ثنائي مع نظيره العراقي فؤاد حسين، زار ظريف الموقع التذكاري حيث قتل …"
    out = dyads(run("قبل لقاء ثنائي مع الرئيس السيسي، زار بوتين الموقع التذكاري حيث قتل الجنود."))
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in out
