"""Short references to a known person (issue 11, helper actr): the tail of his name, or his family
name spelt another way, is that person when the article names him or his title's code on the date
is his (real shapes: diplo.de 2018 «بدأ وزير الخارجية الألمانية جابريل ... زيارة إلى إسرائيل»,
nesser «استقبل وزير الخارجية محمد سالم ولد مرزوك ... واستقبل ولد مرزوك ...»)."""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _ids(body: str, on: date) -> dict[str, str]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [on]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    return dict(zip(mentions["surface"], mentions["entity_id"], strict=True))


def test_one_word_family_name_spelt_another_way_under_the_holders_title() -> None:
    ids = _ids("بدأ وزير الخارجية الألمانية جابريل مساء الثلاثاء زيارة إلى إسرائيل.", date(2018, 1, 31))
    assert ids["جابريل"] == "person:sigmar_gabriel", ids


def test_the_last_words_of_a_name_the_article_gave_in_full() -> None:
    body = (
        "استقبل وزير الخارجية محمد سالم ولد مرزوك اليوم الخميس سفراء أوروبيين. "
        "واستقبل ولد مرزوك اليوم السفير الفرنسي ألكسندر غارسيا."
    )
    ids = _ids(body, date(2023, 2, 9))
    assert ids["ولد مرزوك"] == "person:mohamed_salem_ould_merzoug", ids


def test_a_fathers_name_after_bin_is_not_the_person() -> None:
    # «سلمان» is the last word of «محمد بن سلمان» but names his father, not him.
    body = "استقبل ولي العهد السعودي الأمير محمد بن سلمان الوفد. وقال سلمان إن العلاقات متينة."
    assert _ids(body, date(2023, 2, 9)).get("سلمان") != "person:mohammed_bin_salman"
