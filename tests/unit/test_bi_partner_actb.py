"""Prepositions' frames (issue 11, helper actb): the بـ of a meeting verb may follow its subject's
trailing titles and time words («التقى X، وزير الخارجية، اليوم الجمعة، بنظيره …»)."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_bi_after_the_subjects_apposition_and_a_time_word() -> None:
    # r46 shape: "التقى الأمير فيصل بن فرحان بن عبدالله، وزير الخارجية، اليوم الجمعة، بنظيره في
    # جمهورية سيراليون"; r12: "التقى صاحب السمو الأمير X وزير الخارجية، اليوم، بمعالي وزير خارجية …"
    out = dyads(run("التقى الرئيس بوتين، رئيس الدولة، اليوم الجمعة، بالرئيس السيسي في موسكو."))
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in out


def test_bi_far_after_another_noun_is_not_the_verbs() -> None:
    # "وعدد من المسؤولين بوزارة الخارجية": a بـ that hangs on another noun stays no partner.
    out = dyads(run("التقى الرئيس بوتين وفدا من رجال الأعمال والمستثمرين العاملين بالرئيس السيسي."))
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") not in out
