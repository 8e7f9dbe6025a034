"""issue #12: institutions named after a known place are organizations (openworld/org_places.py)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _mentions(body: str) -> pl.DataFrame:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.sort("char_start")


def _typed(body: str, etype: str) -> list[str]:
    return _mentions(body).filter(pl.col("entity_type") == etype)["surface"].to_list()


def test_an_institution_over_a_known_place_is_a_found_organization() -> None:
    m = _mentions("وتظاهر طلاب جامعة القاهرة أمس أمام مقر الجامعة .")
    org = m.filter(pl.col("surface") == "جامعة القاهرة")
    assert org["entity_type"].to_list() == ["ORG"]
    assert org["entity_id"].str.starts_with("org:new:").all()
    # The city inside the name is no place mention.
    assert "القاهرة" not in _typed("وتظاهر طلاب جامعة القاهرة أمس أمام مقر الجامعة .", "PLACE")


def test_adjectives_after_the_place_close_the_name() -> None:
    assert "بنك إنجلترا المركزي" in _typed("وأعلن بنك إنجلترا المركزي أمس رفع سعر الفائدة .", "ORG")
    # A facility over a city leaves the city as the event's place.
    assert "القاهرة" in _typed("وهبطت الطائرة في مطار القاهرة الدولي مساء أمس .", "PLACE")


def test_a_company_named_after_a_country_keeps_its_head() -> None:
    body = "ووقعت شركة قطر للغاز اتفاقا مع الهند ."
    assert any(s.startswith("شركة قطر") for s in _typed(body, "ORG"))
    assert _typed(body, "PLACE") == ["الهند"]


def test_the_states_own_offices_stay_state_actors() -> None:
    m = _mentions("وقال وزير الخارجية المصري إن حكومة مصر تدعم الحل .")
    gov = m.filter(pl.col("surface") == "حكومة مصر")
    assert gov["entity_id"].to_list() == ["actor:EGYGOV:government"]
    # A place named alone stays a place.
    assert "القاهرة" in _typed("وأعلنت وزارة الخارجية الأمريكية أن الوفد وصل إلى القاهرة .", "PLACE")


def test_a_trade_complement_is_part_of_the_name_but_not_a_frequent_phrase() -> None:
    body = "وقال مدير الإدارة التجارية في شركة قطر للغاز المسال المحدودة إن الإنتاج ارتفع ."
    assert "شركة قطر للغاز المسال المحدودة" in _typed(body, "ORG")
    assert "بنك إنجلترا" in _typed("وخفض بنك إنجلترا للمرة الثالثة سعر الفائدة .", "ORG")
