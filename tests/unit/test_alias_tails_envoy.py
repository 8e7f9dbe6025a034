"""A one-word alias closing a longer unknown name (issue 11, helper envoy): «ناكا زونا ديلامي زوما»
is the AU Commission's chair, not Jacob Zuma through his alias «زوما» (r381); the alias alone, or
after a title or a verb, still names him."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.reference import KnowledgeBase


def _ids(kb: KnowledgeBase, body: str) -> set[str]:
    articles = pl.DataFrame({"article_id": ["a"], "body": [body], "published_date": [date(2013, 11, 18)]})
    mentions, _ = extract_entity_mentions(articles, kb)
    return set(mentions["entity_id"])


def test_an_alias_closing_an_unknown_name_run_is_not_the_known_person(kb: KnowledgeBase) -> None:
    # r381 shape
    body = (
        "التقى وزير الشؤون الخارجية رمطان لعمامرة، بمفوضة الاتحاد الإفريقي، ناكا زونا ديلامي زوما، "
        "على هامش الاجتماعات الوزارية التحضيرية للقمة العربية الإفريقية."
    )
    assert "person:jacob_zuma" not in _ids(kb, body)


@pytest.mark.parametrize(
    "body",
    [
        "التقى وزير الشؤون الخارجية رمطان لعمامرة، الرئيس زوما، على هامش القمة.",
        "وقال زوما إن بلاده تدعم الحل السياسي.",
        "التقى رمطان لعمامرة الرئيس الجنوب إفريقي جاكوب زوما على هامش القمة.",
    ],
)
def test_the_alias_after_a_title_or_verb_still_names_him(kb: KnowledgeBase, body: str) -> None:
    assert "person:jacob_zuma" in _ids(kb, body)
