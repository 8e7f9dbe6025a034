"""issue #12: institutions named by a definite head, adjectives and a ل-complement
(openworld/org_complements.py), short forms of listed bodies and media codes."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _m(body: str) -> pl.DataFrame:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.sort("char_start")


def _orgs(body: str) -> list[str]:
    return _m(body).filter(pl.col("entity_type") == "ORG")["surface"].to_list()


def test_a_definite_head_with_adjective_and_field_complement_is_an_institution() -> None:
    assert "الاتحاد الدولي لكرة القدم" in _orgs("قرر الاتحاد الدولي لكرة القدم إيقاف قائد المنتخب .")
    assert "المنظمة العالمية للملكية الفكرية" in _orgs(
        "وأكد أن المنظمة العالمية للملكية الفكرية تدعم المكاتب العربية ."
    )
    assert "المكتب العربي للتعاون الانمائي" in _orgs(
        "وتسعى الجامعة بالتنسيق مع المكتب العربي للتعاون الانمائي في المنظمة ."
    )


def test_without_the_adjective_or_with_a_purpose_clause_the_span_stops() -> None:
    # No adjective after the head: an ordinary phrase.
    assert not any(o.startswith("المجلس") for o in _orgs("وقال المجلس لهذا السبب إنه يرفض ."))
    # A second complement without the article is a purpose clause (لوضع آلية).
    got = _orgs("وتعمل المنظمة العالمية للملكية الفكرية لوضع آلية جديدة .")
    assert "المنظمة العالمية للملكية الفكرية" in got, got


def test_a_quoted_short_form_after_a_listed_body_is_no_new_organization() -> None:
    from orchestration.transforms.openworld.org_repeats import drop_known_short_forms

    body = 'التقى الأمين العام لحلف شمال الأطلسي "ناتو" . وأكد حرصه على علاقاته مع حلف "ناتو" والاتحاد الأفريقي .'
    known_s = body.index("حلف شمال")
    known = pl.DataFrame(
        {"aidx": [0], "cs": [known_s], "ce": [known_s + len("حلف شمال الأطلسي")], "entity_type": ["ORG"]}
    )
    first = body.index("ناتو")
    later = body.index("ناتو", first + 1)
    union = body.index("الاتحاد الأفريقي")
    found = pl.DataFrame(
        {
            "aidx": [0, 0, 0],
            "cs": [first, later, union],
            "ce": [first + 4, later + 4, union + len("الاتحاد الأفريقي")],
            "entity_id": ["org:new:n", "org:new:n", "org:new:u"],
            "entity_type": ["ORG"] * 3,
        }
    )
    arts = pl.DataFrame({"aidx": [0], "body": [body]})
    # Both mentions of the short form go; a body joined by a conjunction is another one.
    assert drop_known_short_forms(found, known, arts)["entity_id"].to_list() == ["org:new:u"]


def test_a_name_after_a_news_agencys_type_word_is_a_medium() -> None:
    m = _m("وذكرت وكالة “نوفا” الإيطالية أنه لن يكون هناك مؤتمر صحفي .")
    row = m.filter(pl.col("surface") == "نوفا")
    assert row.height == 1, m
    assert row["actor_code"][0] == "ITAMED"
