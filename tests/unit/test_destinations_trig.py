"""Destinations after إلى (issue 11): «وصل الرئيس الصومالي، X، إلى العاصمة المصرية القاهرة» (r392
shape): a place may follow إلى after its designator and nisba."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_capital_designator_and_nisba_before_the_city() -> None:
    out = run("وصل الرئيس السيسي، إلى العاصمة الروسية موسكو اليوم السبت للمشاركة في الحفل.")
    assert ("042", "abdel_fattah_el_sisi", "RUS") in dyads(out)


def test_a_person_far_after_ila_is_no_destination() -> None:
    out = run("وصل الرئيس السيسي إلى العاصمة لحضور حفل بوتين.")
    assert not any(d[0] == "042" and d[2] == "vladimir_putin" for d in dyads(out))
