"""Bare titles after a light verb (issue 11, helper actb): the subject a bare title refers back to."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_an_office_word_of_an_earlier_role_mention_names_nobody() -> None:
    # r07 shape: "… ومن رئيس الجمهورية اليمنية عبد ربه هادي منصور … وتلقى صاحب السمو رئيس الدولة
    # اتصالاً هاتفياً من رئيس المكتب السياسي لحركة حماس خالد مشعل": «رئيس» of the role phrase that
    # named the earlier caller is an office word, not his name; the bare title is the receiver named
    # before.
    body = (
        "تلقى الرئيس بوتين اتصالاً هاتفياً من رئيس الوزراء المصري بمناسبة حلول شهر رمضان. "
        "وتلقى صاحب السمو رئيس الدولة اتصالاً هاتفياً من نتنياهو، هنأ أثناءه سموه."
    )
    assert ("041", "benjamin_netanyahu", "vladimir_putin") in dyads(run(body))
