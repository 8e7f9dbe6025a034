"""Received calls from several callers (issue 11, helper actb): every caller is actor1 of its own
event with the receiver; the callers of one received call never call each other."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_second_caller_after_wa_min_is_a_caller_too() -> None:
    # r07 shape: "تلقى صاحب السمو الشيخ X … اتصالاً هاتفياً من رئيس الجمهورية اللبنانية العماد Y،
    # ومن رئيس الجمهورية اليمنية Z بمناسبة حلول شهر رمضان"
    body = "تلقى الرئيس السيسي اتصالاً هاتفياً من الرئيس بوتين، ومن نتنياهو بمناسبة حلول شهر رمضان."
    assert dyads(run(body)) == {
        ("041", "vladimir_putin", "abdel_fattah_el_sisi"),
        ("041", "benjamin_netanyahu", "abdel_fattah_el_sisi"),
    }


def test_coordinated_callers_each_call_the_receiver() -> None:
    # r250 shape: "تلقى الوزير العماني … اتصالات من نظرائه في كل من السعودية و قطر و العراق"
    body = "تلقى الرئيس السيسي اتصالات من الرئيس بوتين وأردوغان وروحاني للاطمئنان على صحته."
    assert dyads(run(body)) == {
        ("041", "vladimir_putin", "abdel_fattah_el_sisi"),
        ("041", "recep_tayyip_erdogan", "abdel_fattah_el_sisi"),
        ("041", "hassan_rouhani", "abdel_fattah_el_sisi"),
    }
