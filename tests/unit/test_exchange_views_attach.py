"""Exchanging views (issue 11, helper attach): «تبادل X وY وجهات النظر» is a consultation of the
two (r465: «تبادل رئيس المجلس الأعلى للدولة، محمد تكالة، والسفير الفرنسي وجهات النظر حول …»);
a bare تبادل (prisoners, fire) is none."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_exchanging_views_is_a_consultation_of_the_pair() -> None:
    out = dyads(run("وتبادل الرئيس السيسي والرئيس بوتين وجهات النظر حول الأوضاع في سوريا."))
    assert ("040", "abdel_fattah_el_sisi", "vladimir_putin") in out


def test_exchanging_prisoners_is_no_consultation() -> None:
    out = dyads(run("وتبادل الرئيس السيسي والرئيس بوتين الأسرى في إطار صفقة جديدة."))
    assert not any(code == "040" for code, _, _ in out)
