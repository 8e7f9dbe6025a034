"""An uncoded known person is still of his state (issue 11, helper envoy): «وصل خادم الحرمين الشريفين
… إلى الرياض» is a king coming home, not a visit to his own country, even when the title gives his
mention no actor code on the article's date (r63)."""

from __future__ import annotations

from tests.unit.test_event_rules import _pair, _run

# The title of every Saudi king: on a date it cannot resolve, the mention carries no code.
KING = ("خادم الحرمين الشريفين", "person:salman_of_saudi_arabia", None)
KING_NAMED = ("الملك عبد الله بن عبد العزيز آل سعود", "person:abdullah_of_saudi_arabia", "SAUGOV")
SAU = ("الرياض", "country:SAU", "SAU")
EGY = ("القاهرة", "country:EGY", "EGY")


def test_an_uncoded_king_arriving_in_his_own_capital_is_no_visit() -> None:
    # r63 shape: «وصل … خادم الحرمين الشريفين الملك عبد الله بن عبد العزيز آل سعود إلى الرياض اليوم»
    sentence = (
        "وصل بحفظ الله ورعايته خادم الحرمين الشريفين الملك عبد الله بن عبد العزيز آل سعود إلى الرياض اليوم"
    )
    out = _run(sentence, "وصل", KING, SAU, code="042", others=(KING_NAMED,))
    assert _pair(out) is None


def test_an_uncoded_king_arriving_abroad_still_visits() -> None:
    sentence = "وصل بحفظ الله ورعايته خادم الحرمين الشريفين إلى القاهرة اليوم"
    out = _run(sentence, "وصل", KING, EGY, code="042")
    assert _pair(out) == (KING[1], EGY[1])
