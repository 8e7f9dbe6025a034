"""A بـ partner after the subject and a place phrase (issue 11): «التقى الرئيس X اليوم الثلاثاء في قصر
الاتحادية بالقاهرة بالرئيس Y». The place phrase (في + a few words) stands between the verb's
subject and its partner; بـ still introduces the partner."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_bi_partner_after_time_and_place_phrase() -> None:
    out = run("التقى الرئيس السيسي اليوم الثلاثاء في قصر الاتحادية بالقاهرة بالرئيس بوتين.")
    assert ("040", "abdel_fattah_el_sisi", "vladimir_putin") in dyads(out)


def test_bi_partner_after_a_place_phrase() -> None:
    out = run("التقى الرئيس السيسي في القاهرة بالرئيس بوتين.")
    assert ("040", "abdel_fattah_el_sisi", "vladimir_putin") in dyads(out)


def test_bi_on_a_noun_after_an_object_is_no_partner() -> None:
    # no place phrase: بـ hangs on the noun before it («عددا من المسؤولين بـ…»)
    out = run("التقى الرئيس السيسي عددا من المسؤولين ببوتين.")
    assert ("040", "abdel_fattah_el_sisi", "vladimir_putin") not in dyads(out)
