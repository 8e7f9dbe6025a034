"""Counterparts with their country after في (issue 11, helper actb): «بنظيره في جمهورية سيراليون»,
«نظرائه في كل من السعودية وقطر» name the holders of the subject's office in those countries."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _mentions(body: str, published: date) -> pl.DataFrame:
    articles = pl.DataFrame({"article_id": ["a"], "body": [body], "published_date": [published]})
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    return mentions


def test_a_counterpart_in_a_country_is_that_countrys_office_holder() -> None:
    # r46 shape: "التقى الأمير فيصل بن فرحان بن عبدالله، وزير الخارجية، اليوم الجمعة، بنظيره في
    # جمهورية سيراليون تيموثي موسى كابا"
    body = "التقى الأمير فيصل بن فرحان، وزير الخارجية، اليوم الجمعة، بنظيره في جمهورية مصر العربية."
    m = _mentions(body, date(2023, 11, 10))
    codes = m.filter(pl.col("role") == "foreign_minister")["actor_code"].to_list()
    assert any((c or "").startswith("EGY") for c in codes), m.select("surface", "entity_id", "actor_code")


def test_counterparts_in_a_list_of_countries() -> None:
    # r250 shape: "تلقى … اتصالات من نظرائه في كل من السعودية و قطر و العراق"
    body = "أجرى الأمير فيصل بن فرحان وزير الخارجية اتصالات مع نظرائه في كل من مصر وقطر والعراق."
    m = _mentions(body, date(2023, 11, 10))
    codes = {(c or "")[:3] for c in m.filter(pl.col("role") == "foreign_minister")["actor_code"].to_list()}
    assert {"EGY", "QAT", "IRQ"} <= codes, m.select("surface", "entity_id", "actor_code")


def test_a_state_word_between_the_linker_and_the_country() -> None:
    # r46: "بنظيره في جمهورية سيراليون" where the country's name is سيراليون alone
    body = "التقى الأمير فيصل بن فرحان، وزير الخارجية، اليوم الجمعة، بنظيره في دولة قطر."
    m = _mentions(body, date(2023, 11, 10))
    codes = m.filter(pl.col("role") == "foreign_minister")["actor_code"].to_list()
    assert any((c or "").startswith("QAT") for c in codes), m.select("surface", "entity_id", "actor_code")
