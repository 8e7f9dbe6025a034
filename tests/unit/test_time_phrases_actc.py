"""A time phrase with إلى is no destination (issue 11), on the real shape «آثرت السعودية … تأجيل
الزيارة إلى ما بعد خروج الملك سلمان من المستشفى»: the king is neither visitor nor visited."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_until_after_names_no_partner_of_a_postponed_visit() -> None:
    out = run("وأعلنت روسيا تأجيل الزيارة إلى ما بعد عودة الرئيس السيسي من سوتشي.")
    assert not {d for d in dyads(out) if "abdel_fattah_el_sisi" in d}
    out = run("وأعلنت روسيا تأجيل الزيارة إلى حين عودة الرئيس السيسي.")
    assert not {d for d in dyads(out) if "abdel_fattah_el_sisi" in d}


def test_a_plain_destination_after_ila_stays_the_partner() -> None:
    out = run("وأعلنت مصر تأجيل زيارة الرئيس السيسي إلى موسكو.")
    assert ("042", "abdel_fattah_el_sisi", "RUS") in dyads(out)
