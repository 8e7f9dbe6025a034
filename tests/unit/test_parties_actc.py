"""Lists of parties on real sentence shapes (issue 11): a list of callers or guests with a partner
outside the list gives one event per item with that partner, never events among the items."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_list_of_callers_calls_the_recipient_not_each_other() -> None:
    # «تلقى الوزير العماني … اتصالات من نظرائه في كل من السعودية و قطر و العراق»
    out = run("تلقى الرئيس السيسي اتصالات من نظرائه في كل من روسيا و سوريا و إسرائيل للاطمئنان.")
    assert dyads(out) == {
        ("041", "RUS", "abdel_fattah_el_sisi"),
        ("041", "SYR", "abdel_fattah_el_sisi"),
        ("041", "ISR", "abdel_fattah_el_sisi"),
    }


def test_three_coordinated_subjects_without_a_partner_still_meet_each_other() -> None:
    out = run("اجتمع الرئيس بوتين والرئيس السيسي ودونالد ترامب في سوتشي.")
    assert {(a, b) for _, a, b in dyads(out)} == {
        ("vladimir_putin", "abdel_fattah_el_sisi"),
        ("vladimir_putin", "donald_trump"),
        ("abdel_fattah_el_sisi", "donald_trump"),
    }
