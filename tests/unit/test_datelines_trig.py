"""Datelines left in the text (issue 11): «العراق / نبأ – استقبل الرئيس العراقي X …» (r396 shape):
the country before the dash is where the news was filed, not the host."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_country_before_a_dash_is_no_subject() -> None:
    out = run("روسيا / نبأ – استقبل الرئيس السيسي يوم الاربعاء الملك سلمان والوفد المرافق له.")
    assert ("043", "abdel_fattah_el_sisi", "salman") in dyads(out)
    assert not any("RUS" in d for d in dyads(out))


def test_a_country_later_in_the_sentence_still_acts() -> None:
    # no dateline dash: the country is the subject
    out = run("وقالت روسيا إنها استقبلت الرئيس السيسي.")
    assert ("043", "RUS", "abdel_fattah_el_sisi") in dyads(out)
