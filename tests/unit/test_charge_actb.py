"""Chargés d'affaires (issue 11, helper actb): «القائم/القائمة بأعمال السفارة X» is a diplomat of
X, as «سفير X» is."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def test_a_charge_daffaires_is_an_envoy_of_the_embassys_country() -> None:
    # r307 shape: "التقى الرئيس اللبناني العماد ميشال سليمان في قصر بعبدا اليوم القائمة بأعمال السفارة
    # الاميركية في بيروت ميشيل سيسون"
    body = "التقى الرئيس اللبناني العماد ميشال سليمان اليوم القائمة بأعمال السفارة الاميركية في بيروت."
    articles = pl.DataFrame({"article_id": ["a"], "body": [body], "published_date": [None]})
    mentions, _ = extract_entity_mentions(articles.cast({"published_date": pl.Date}), reference_kb())
    envoys = mentions.filter(pl.col("role") == "ambassador")
    assert envoys["actor_code"].to_list() == ["USAGOV"], mentions.select("surface", "entity_id", "role")
