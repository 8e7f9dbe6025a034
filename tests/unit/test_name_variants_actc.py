"""A transliterated first name spelt another way (issue 11), on the real shape «وصل وزير الخارجية
الفرنسي جون نويل بارو، إلى الجزائر»: Jean-Noël Barrot (جان نويل بارو) when the title's code on
the article's date is his office; without a title the variant stays a new person."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _persons(body: str) -> set[str]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2025, 4, 6)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    return set(mentions.filter(pl.col("entity_type") == "PERSON")["entity_id"].to_list())


def test_a_first_name_variant_with_the_office_s_title_is_the_known_person() -> None:
    got = _persons("وصل وزير الخارجية الفرنسي جون نويل بارو، إلى الجزائر، في زيارة تهدف لاستئناف الحوار.")
    assert "person:jean_noel_barrot" in got


def test_a_first_name_variant_without_a_title_stays_new() -> None:
    got = _persons("وقال جون نويل بارو إن الحوار مستمر.")
    assert "person:jean_noel_barrot" not in got
