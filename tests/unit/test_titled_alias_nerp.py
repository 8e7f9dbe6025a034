"""issue #12: a known person matched through a titled alias (الرئيس بشار الأسد) is mentioned from
the name on (``openworld.titled.trim_titles``): the title is the role, not part of the name."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld.titled import trim_titles, widen_to_tagged
from tests.unit.reference_kb import reference_kb

TITLES = pl.Series(["الرئيس", "الملك", "الشيخ"])


def _m(surf: str, method: str = "alias", etype: str = "PERSON") -> pl.DataFrame:
    return pl.DataFrame(
        {"cs": [10], "ce": [10 + len(surf)], "surf": [surf], "entity_type": [etype], "method": [method]}
    )


def test_the_title_word_and_its_conjunction_are_cut() -> None:
    out = trim_titles(_m("والرئيس بشار الأسد"), TITLES)
    assert out.select("cs", "surf").row(0) == (18, "بشار الأسد")
    assert out["ce"][0] == 10 + len("والرئيس بشار الأسد")


def test_a_title_with_one_name_word_stays_whole() -> None:
    # الملك عبدالله: one word left would be a bare given name.
    assert trim_titles(_m("الملك عبدالله"), TITLES)["surf"][0] == "الملك عبدالله"


def test_only_person_name_matches_are_cut() -> None:
    assert trim_titles(_m("الرئيس بشار الأسد", method="role"), TITLES)["cs"][0] == 10
    assert trim_titles(_m("الشيخ زايد للكتاب", etype="ORG"), TITLES)["cs"][0] == 10


def test_a_titled_alias_in_an_article() -> None:
    # اتصل ... الرئيس بشار الأسد: the knowledge base lists the titled form as an alias.
    body = "اتصل الملك عبدالله والرئيس بشار الأسد حول الأوضاع في السودان."
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    assad = m.filter(pl.col("surface").str.contains("الأسد"))
    assert assad["surface"].to_list() == ["بشار الأسد"], m
    assert assad["char_start"][0] == body.index("بشار")


def _found(cs: int, ce: int, surf: str, method: str = "model") -> pl.DataFrame:
    return pl.DataFrame(
        {"aidx": [0], "cs": [cs], "ce": [ce], "surf": [surf], "entity_type": ["PERSON"], "method": [method]}
    )


def test_a_listed_surname_takes_the_found_given_name_before_it() -> None:
    # رئيس الوزراء البريطاني ستيفان هاربر: the base lists هاربر, the title rule finds ستيفان.
    known = _m("هاربر").with_columns(aidx=pl.lit(0), cs=pl.lit(17), ce=pl.lit(22))
    out = widen_to_tagged(known, _found(10, 16, "ستيفان", method="title"))
    assert out.select("cs", "ce", "surf").row(0) == (10, 22, "ستيفان هاربر")


def test_a_listed_short_form_widens_to_the_tagged_full_name() -> None:
    known = _m("حمد بن جاسم").with_columns(aidx=pl.lit(0), cs=pl.lit(0), ce=pl.lit(11))
    out = widen_to_tagged(known, _found(0, 26, "حمد بن جاسم بن جبر آل ثاني"))
    assert out.select("cs", "ce", "surf").row(0) == (0, 26, "حمد بن جاسم بن جبر آل ثاني")
    # A found span elsewhere, or a known organization, is left alone.
    assert widen_to_tagged(known, _found(30, 40, "فلان فلان"))["ce"][0] == 11
