"""A title in apposition after a found name that ends in a state's *name* gives that state
(issue 11, helper multi). Real shapes: «سيمونا ماريانا لوان، السفيرة الجديدة لرومانيا»
(Bayane Al Yaoume), «إلير هوسا، سفير غير مقيم لجمهورية ألبانيا لدى العراق» (Iraqi foreign ministry);
the trap: the state after لدى is where the ambassador serves, not his own."""

from __future__ import annotations

from tests.unit.test_office_appositions_actr import _new_codes


def test_a_feminine_title_ending_in_a_state_name_gives_that_state() -> None:
    codes = _new_codes(
        "واستقبل الوزير اليوم بالرباط سيمونا ماريانا لوان، السفيرة الجديدة لرومانيا، التي قدمت له "
        "نسخة من أوراق اعتمادها."
    )
    assert (codes.get("ماريانا لوان") or "")[:3] == "ROU", codes


def test_the_first_state_of_the_title_is_the_officials() -> None:
    codes = _new_codes(
        "وشملت قائمة السفراء: إلير هوسا، سفير غير مقيم لجمهورية ألبانيا لدى العراق؛ وسيفاغ أفيديسيان."
    )
    assert (codes.get("إلير هوسا") or "")[:3] == "ALB", codes


def test_a_state_after_lada_is_where_he_serves() -> None:
    codes = _new_codes("والتقى الوزير اليوم جون ماكلين، السفير المقيم لدى العراق، في مكتبه.")
    assert (codes.get("جون ماكلين") or "")[:3] != "IRQ", codes
