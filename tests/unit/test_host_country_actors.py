"""A titled new person with no country is of the country the article's envoys serve in (issue #11:
r99 «اتصال هاتفي بين نائب رئيس المجلس الرئاسي أحمد معيتيق وسفير الولايات المتحدة الأمريكية لدى
ليبيا», r338 «التقى المبعوث الأممي إلى ليبيا ... كما التقى غسان سلامة نائب رئيس المجلس الرئاسي أحمد
معيتيق»)."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb

NAME = "أحمد معيتيق"


def _country(body: str, name: str = NAME) -> tuple[str | None, str | None]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2020, 3, 1)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, entities = extract_entity_mentions(articles, reference_kb())
    hit = mentions.filter(pl.col("surface") == name)
    assert hit.height >= 1, mentions.select("surface", "method", "role")
    eid = hit["entity_id"][0]
    iso3 = entities.filter(pl.col("entity_id") == eid)["country_iso3"]
    return hit["actor_code"][0], (iso3[0] if iso3.len() else None)


def test_the_host_of_an_accredited_ambassador() -> None:
    body = (
        "جرى اتصال هاتفي بين نائب رئيس المجلس الرئاسي أحمد معيتيق وسفير الولايات المتحدة "
        "الأمريكية لدى ليبيا ريتشارد نورلاند استعرض خلاله السفير نتائج الجولة."
    )
    assert _country(body) == ("LBY", "LBY")


def test_the_host_of_an_envoy_sent_to_a_country() -> None:
    body = (
        "التقى المبعوث الأممي إلى ليبيا غسان سلامة، اليوم في طرابلس، رئيس المجلس الرئاسي فايز السراج.\n"
        "كما التقى غسان سلامة نائب رئيس المجلس الرئاسي أحمد معيتيق الذي أطلعه على نتائج زيارته."
    )
    assert _country(body) == ("LBY", "LBY")


def test_no_envoy_no_country() -> None:
    body = "التقى نائب رئيس المجلس الرئاسي أحمد معيتيق وفدا من رجال الأعمال في طرابلس."
    assert _country(body) == (None, None)


def test_two_hosts_give_none() -> None:
    body = (
        "جرى اتصال هاتفي بين نائب رئيس المجلس الرئاسي أحمد معيتيق وسفير الولايات المتحدة "
        "لدى ليبيا ريتشارد نورلاند وسفير فرنسا لدى تونس."
    )
    assert _country(body) == (None, None)


def test_a_role_less_name_after_a_domestic_title() -> None:
    # r313 / r465: the title before the name gives no role the found stages read.
    body = (
        "بحث النائب بالمجلس الرئاسي، عبدالله اللافي، اليوم الإثنين مع سفير إيطاليا لدى ليبيا، "
        "جيانلوكا البريني، دعم بلاده لجهود المجلس لتحقيق الاستقرار في ليبيا."
    )
    assert _country(body, "عبدالله اللافي") == ("LBY", "LBY")


def test_a_council_head_before_a_comma() -> None:
    body = (
        "التقى رئيس المجلس الرئاسي الليبي، محمد المنفي، اليوم الأحد، بالسفير الفرنسي لدى ليبيا، مصطفى مهراج.\n"
        "وفي وقت سابق، تبادل رئيس المجلس الأعلى للدولة، محمد تكالة، والسفير الفرنسي وجهات النظر."
    )
    assert _country(body, "محمد تكالة") == ("LBY", "LBY")


def test_an_envoy_title_between_owns_the_name() -> None:
    # r153: «خادم» (of خادم الحرمين الشريفين) read as a name belongs to the ambassador's title.
    body = (
        "التقى الدكتور هشام قنديل رئيس مجلس الوزراء بسفير خادم الحرمين الشريفين لدى مصر "
        "ومندوب المملكة الدائم لدى جامعة الدول العربية السفير أحمد بن عبد العزيز قطان."
    )
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2013, 1, 1)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    new = mentions.filter(
        pl.col("entity_id").str.starts_with("person:new:") & (pl.col("actor_code") == "EGY")
    )
    assert new.is_empty(), new.select("surface", "actor_code")
