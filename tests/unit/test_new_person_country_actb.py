"""New persons' countries (issue 11, helper actb): a person outside the knowledge base is of the
country any of his titles gives, whichever spelling of his name the entity row keeps."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def test_the_country_of_another_titled_mention_of_the_same_person() -> None:
    # r268 shape: "التقى رئيس مجلس النواب نبيه بري السفير …" twice, once "رئيس مجلس النواب اللبناني
    # نبيه برّي" (the shadda spelling): the entity keeps the frequent surface, whose title has no
    # country, and must still be Lebanese.
    body = (
        "التقى رئيس مجلس النواب نبيه بري السفير الأميركي الجديد. "
        "كما التقى رئيس مجلس النواب نبيه بري السفير الروسي. "
        "وقال رئيس مجلس النواب اللبناني نبيه برّي إن اللقاء كان مثمرا."
    )
    articles = pl.DataFrame({"article_id": ["a"], "body": [body], "published_date": [None]})
    mentions, entities = extract_entity_mentions(articles.cast({"published_date": pl.Date}), reference_kb())
    ids = mentions.filter(pl.col("entity_id").str.starts_with("person:new:"))["entity_id"].unique()
    new = entities.filter(pl.col("entity_id").is_in(ids.implode()))
    assert new.height >= 1, mentions.select("surface", "entity_id", "actor_code")
    assert new["country_iso3"].to_list() == ["LBN"] * new.height, new
