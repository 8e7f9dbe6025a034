"""issue #12: a head noun behind a preposition clitic, and universities before a proper name
(openworld/features.py, openworld/orgs.py)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _orgs(body: str) -> list[str]:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.filter(pl.col("entity_type") == "ORG").sort("char_start")["surface"].to_list()


def test_a_university_before_a_rare_proper_name_is_named_with_its_head() -> None:
    assert "جامعة كامبريدج" in _orgs("ثم حصل على منحة من جامعة كامبريدج حيث تخصص في الفيزياء .")


def test_a_head_noun_behind_a_preposition_clitic_still_opens_a_name() -> None:
    # لـ + حركة: the head reads as حركة, the mention starts after the clitic.
    got = _orgs("وقال المتحدث باسم المكتب السياسي لحركة « انصار الحرية » إن الوفد وصل .")
    assert "انصار الحرية" in got, got
