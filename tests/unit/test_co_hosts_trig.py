"""Co-hosts (issue 11): «استقبل رئيس المجلس الرئاسي X والنائب Y اليوم الإثنين سفير إيطاليا Z» has
two hosts and one guest. The actor coordinated with a verb's subject is no object of a meeting
when another actor follows; each co-subject meets that guest (r312 shape)."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_two_hosts_receive_one_guest() -> None:
    out = run("استقبل الرئيس السيسي والرئيس بوتين اليوم الإثنين في القاهرة الملك سلمان.")
    assert ("043", "abdel_fattah_el_sisi", "salman") in dyads(out)
    assert ("043", "vladimir_putin", "salman") in dyads(out)
    # the co-hosts do not receive each other
    assert not any({d[1], d[2]} == {"abdel_fattah_el_sisi", "vladimir_putin"} for d in dyads(out))


def test_a_coordinated_pair_without_a_guest_still_meets() -> None:
    out = run("التقى الرئيس السيسي والرئيس بوتين في موسكو.")
    assert ("040", "abdel_fattah_el_sisi", "vladimir_putin") in dyads(out)
