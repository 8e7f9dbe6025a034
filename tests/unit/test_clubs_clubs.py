"""issue #12: sports clubs named after their city are organizations, not places (openworld/clubs.py)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _mentions(body: str) -> pl.DataFrame:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.sort("char_start")


def _typed(body: str, etype: str) -> list[str]:
    return _mentions(body).filter(pl.col("entity_type") == etype)["surface"].to_list()


def test_a_club_prefix_before_a_city_is_a_found_organization() -> None:
    # Agency sports prose: the city inside the club's name is no place mention.
    m = _mentions("أعلن ريال مدريد الإسباني أنه تعاقد مع المدافع فابيو كانافارو لمدة موسمين .")
    club = m.filter(pl.col("surface") == "ريال مدريد")
    assert club["entity_type"].to_list() == ["ORG"]
    # A found organization's id, never the place's.
    assert club["entity_id"].str.starts_with("org:new:").all()
    assert "مدريد" not in _typed("أعلن ريال مدريد الإسباني أنه تعاقد مع المدافع كانافارو .", "PLACE")
    body = "أرسل النادي أمس خطابا إلى لوكوموتيف موسكو الروسي يطلب فيه السماح لوفده بالسفر إلى موسكو ."
    assert "لوكوموتيف موسكو" in _typed(body, "ORG")
    # The city named on its own later in the sentence stays a place.
    assert _typed(body, "PLACE").count("موسكو") == 1


def test_a_city_with_a_masculine_nisba_in_sports_news_is_a_club() -> None:
    assert "ميلان" in _typed("وتعادل ميلان الإيطالي مع ضيفه في مباراة الدوري أمس .", "ORG")


def test_a_city_with_a_feminine_nisba_or_outside_sports_stays_a_place() -> None:
    assert "موسكو" in _typed("وصل الرئيس المصري إلى موسكو الروسية أمس في زيارة رسمية .", "PLACE")
    assert "ميلان" in _typed("وصل الوزير إلى ميلان الإيطالية أمس في زيارة رسمية .", "PLACE")
    # The currency after a number is no club (ريال سعودي).
    assert _typed("وبلغت قيمة الصفقة مليون ريال سعودي .", "ORG") == []


def test_a_prefix_with_a_proclitic_still_opens_a_club() -> None:
    body = "وقالت اللجنة الانتخابية لريال مدريد إنها وافقت على ترشح رئيس النادي ."
    assert "لريال مدريد" in _typed(body, "ORG")
