"""The possessor of an event noun inside a relative clause (issue 11), on the real shape «اجتمع
رئيس مجلس الوزراء نواف سلام … مع وزير الدفاع ميشال منسى الذي اطلعه على نتائج زيارته الى المملكة
العربية السعودية»: the visit is the antecedent's (the minister's), not the main subject's."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_possessed_visit_in_a_relative_clause_is_the_antecedent_s() -> None:
    out = run("اجتمع الرئيس السيسي اليوم مع الرئيس بوتين الذي أطلعه على نتائج زيارته إلى سوريا.")
    assert ("042", "vladimir_putin", "SYR") in dyads(out)
    assert ("042", "abdel_fattah_el_sisi", "SYR") not in dyads(out)


def test_a_possessed_visit_outside_a_relative_clause_stays_the_subject_s() -> None:
    out = run("التقى الرئيس السيسي الرئيس بوتين خلال زيارته إلى سوريا.")
    assert ("042", "abdel_fattah_el_sisi", "SYR") in dyads(out)
