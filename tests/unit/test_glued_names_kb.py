"""Glued name variants (issue #12): a foreign name's words written without the space after a letter
that does not join the next one («سلفاكير ميارديت», «ابومازن») still name the known person."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.variants import person_variants
from orchestration.transforms.reference import KnowledgeBase


def names(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["key", "entity_id", "entity_type"], orient="row").with_columns(
        n=pl.col("key").str.split(" ").list.len().cast(pl.Int64), is_primary=pl.lit(True)
    )


def test_glued_pairs_after_a_non_joining_letter() -> None:
    got = person_variants(
        names(
            [
                ("سلفا كير ميارديت", "person:salva_kiir", "PERSON"),
                ("محمد بن سلمان", "person:mbs", "PERSON"),
                ("بشار الاسد", "person:assad", "PERSON"),
                ("ابو ظبي", "place:abu_dhabi", "PLACE"),
                ("ابو ظ", "person:stub", "PERSON"),
            ]
        )
    )
    glued = set(got["key"])
    assert "سلفاكير ميارديت" in glued and "سلفا كيرميارديت" in glued
    # ن joins the next letter (no glued form of بن), an article-initial word stays apart, and a
    # two-letter stub is no name word.
    assert not {"محمدبن سلمان", "بشارالاسد", "ابوظ"} & glued


def test_glued_alias_finds_the_known_person(kb: KnowledgeBase) -> None:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": ["واستقبل الرئيس ابومازن الوفد"], "published_date": [date(2018, 6, 1)]}
    )
    mentions, _ = extract_entity_mentions(articles, kb)
    assert mentions.filter(pl.col("entity_type") == "PERSON")["entity_id"].to_list() == [
        "person:mahmoud_abbas"
    ]
