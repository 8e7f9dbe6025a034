"""Passive readings (issue 11): received calls in the dual, and receptions whose agent follows
من طرف / من قبل, on sentence shapes of real news."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_reception_with_min_taraf_has_the_agent_as_actor1() -> None:
    # "واستقبل رئيس الجمهورية لدى وصوله مطار داكار الدولي من طرف أخيه فخامة السيد ماكي صال"
    out = run("واستقبل الرئيس السيسي لدى وصوله مطار موسكو من طرف أخيه الرئيس بوتين.")
    assert dyads(out) == {("043", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_min_qibal_with_no_actor_after_it_keeps_the_active_roles() -> None:
    # "كما زارها من قبل" (before): no agent, the verb stays active.
    out = run("واستقبل الرئيس السيسي الرئيس بوتين في موسكو كما زارها من قبل.")
    assert dyads(out) == {("043", "abdel_fattah_el_sisi", "vladimir_putin")}


def test_two_received_calls_have_the_callers_as_actor1() -> None:
    # "تلقى الوزير العماني ... اتصالين من كل من X وY"
    assert dyads(run("تلقى الرئيس السيسي اتصالين من الرئيس بوتين.")) == {
        ("041", "vladimir_putin", "abdel_fattah_el_sisi")
    }
    assert dyads(run("وتلقى السيسي اتصالين من كل من الرئيس بوتين.")) == {
        ("041", "vladimir_putin", "abdel_fattah_el_sisi")
    }
