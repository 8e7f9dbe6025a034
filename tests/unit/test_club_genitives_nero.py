"""issue #12: a club named as the genitive of a sports noun (openworld/club_genitives.py)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _orgs(body: str) -> list[str]:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.filter(pl.col("entity_type") == "ORG").sort("char_start")["surface"].to_list()


def test_the_word_after_a_club_noun_in_sports_news_is_the_club_and_its_repeats_follow() -> None:
    got = _orgs(
        "وقدم المدافع أوراقه إلى إدارة الدوري بعد انتقاله إلى نادي الفيصلي للموسم الجديد . "
        "وطلب الفيصلي من اللجنة الاعتراف بطلب القيد ."
    )
    assert got.count("الفيصلي") == 2, got


def test_a_two_word_club_name_and_no_verb_after_it() -> None:
    assert "مانشستر يونايتد" in _orgs("خسر نادي مانشستر يونايتد اخر مباراة في جولته .")
    got = _orgs("وكان اللاعب قد رحل عن صفوف مانشستر لينضم إلى فريق آخر في الدوري .")
    assert "مانشستر" in got and "مانشستر لينضم" not in got, got


def test_a_team_noun_outside_sports_news_names_no_club() -> None:
    assert _orgs("وصل فريق الانقاذ الى المدينة بعد الزلزال وانتشل الضحايا .") == []
