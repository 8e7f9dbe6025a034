"""A call made by him (أجراه) is the main subject's (issue 11), on the real shape «اطمأن جلالة الملك
عبدالله الثاني على صحة أخيه سمو الشيخ نواف …، أمير دولة الكويت الشقيقة خلال اتصال هاتفي أجراه،
اليوم الخميس، مع سمو الشيخ أحمد نواف الأحمد الصباح»: the king called, not the emir named last."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_call_made_by_him_belongs_to_the_main_subject() -> None:
    out = run(
        "اطمأن الرئيس بوتين على صحة أخيه نتنياهو، رئيس الوزراء خلال اتصال هاتفي أجراه، اليوم الخميس، "
        "مع الرئيس السيسي."
    )
    assert dyads(out) == {("041", "vladimir_putin", "abdel_fattah_el_sisi")}
