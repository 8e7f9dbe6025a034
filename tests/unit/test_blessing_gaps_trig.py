"""Blessings in partner lists (issue 11): «حفظه الله ورعاه» after a name is an honorific of that
name, and «وأخيه» opens the next item's title chain, so «بين الملك X عاهل البلاد المفدى حفظه الله
ورعاه وأخيه خادم الحرمين الشريفين الملك Y» still names both parties (r342 shape)."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_between_pair_across_a_blessing_and_a_kinship_word() -> None:
    out = run(
        "جرى اتصال هاتفي هذا اليوم بين الرئيس السيسي عاهل البلاد المفدى حفظه الله ورعاه وأخيه "
        "خادم الحرمين الشريفين الملك سلمان ملك المملكة العربية السعودية الشقيقة حفظه الله."
    )
    assert ("041", "abdel_fattah_el_sisi", "salman") in dyads(out)


def test_words_that_are_no_blessing_still_break_the_list() -> None:
    # a clause between the two names: the second is no party of the بين pair
    out = run(
        "جرى اتصال هاتفي هذا اليوم بين الرئيس السيسي والوفد المرافق له في الزيارة التي قام بها "
        "إلى المنطقة وأخيه خادم الحرمين الشريفين الملك سلمان."
    )
    assert ("041", "abdel_fattah_el_sisi", "salman") not in dyads(out)
