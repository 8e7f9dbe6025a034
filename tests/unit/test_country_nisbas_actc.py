"""Nisbas of African states (issue 11), on the real shape «جلسة محادثات على انفراد مع نظيره التوغولي
فور نياسيغبي»: the counterpart's state is named only by its nisba, so it must be one."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _codes(body: str) -> set[str]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2019, 12, 2)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    return {c[:3] for c in mentions["actor_code"].drop_nulls().to_list()}


@pytest.mark.parametrize(
    ("nisba", "iso3"),
    [("التوغولي", "TGO"), ("الأوغندي", "UGA"), ("الأنغولي", "AGO"), ("الموزمبيقي", "MOZ"), ("الكيني", "KEN")],
)
def test_a_counterpart_named_by_an_african_nisba_has_its_state(nisba: str, iso3: str) -> None:
    assert iso3 in _codes(f"عقد الرئيس جلسة محادثات على انفراد مع نظيره {nisba} في نواكشوط.")
