"""Foreign-minister titles of the real wire copy (issue 11): «لقاء بين وزير الشؤون الخارجية والتعاون
الدولي الصومالي معالي السيد أحمد عيسى عوض ونظيره المصري» names Somalia's foreign minister, not
the state Somalia by its nisba."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _roles(body: str) -> list[tuple[str, str]]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2019, 4, 19)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    return list(mentions.filter(pl.col("role").is_not_null()).select("entity_id", "role").iter_rows())


def test_minister_of_foreign_affairs_and_international_cooperation() -> None:
    got = _roles("وذلك في لقاء بين وزير الشؤون الخارجية والتعاون الدولي الصومالي ونظيره المصري في القاهرة.")
    # The office holder on the article's date (office_spells.csv).
    assert ("person:ahmed_isse_awad", "foreign_minister") in got
    got = _roles("التقى وزير الخارجية والتعاون الدولي السوداني نظيره المصري في القاهرة.")
    assert any(e.startswith("actor:SDNGOV") and r == "foreign_minister" for e, r in got)
