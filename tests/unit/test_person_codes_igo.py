"""A known person's bare later name keeps the code the article gave them (issue #11 igo: r109
أحمد أبو الغيط، الأمين العام لجامعة الدول العربية ... والتقى أبو الغيط خميس الجهيناوي)."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.test_name_variants_igo import KB
from tests.unit.test_roles import NO_REF


def _codes(body: str) -> list[tuple[str, str | None]]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2023, 5, 1)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, KB, reference_dir=NO_REF)
    return list(
        mentions.filter(pl.col("entity_id") == "person:faisal_mekdad")
        .sort("char_start")
        .select("surface", "actor_code")
        .iter_rows()
    )


def test_a_bare_later_name_keeps_the_code_of_the_title() -> None:
    got = _codes("قال وزير الخارجية السوري فيصل المقداد إن الوضع صعب. وأضاف المقداد أن الحل سياسي.")
    assert got == [("فيصل المقداد", "SYRGOV"), ("المقداد", "SYRGOV")]


def test_without_a_title_nothing_is_given() -> None:
    got = _codes("وأضاف المقداد أن الحل سياسي.")
    assert got == [("المقداد", None)]
