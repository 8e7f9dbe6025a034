"""Undated articles: a portfolio a head of state keeps inside his presidency (Tebboune's defence
ministry) does not make his offices' codes disagree (issue 11, helper actr). Real shape (Ennahar
2021, no date in the text): «تلقى رئيس الجمهورية، عبد المجيد تبون، اليوم الثلاثاء، مكالمة هاتفية
من نظيره التركي رجب الطيب اردوغان»: the counterpart needs the subject's office."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _codes(body: str) -> dict[str, str | None]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [None]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, reference_kb())
    return dict(zip(mentions["entity_id"], mentions["actor_code"], strict=False))


def test_an_undated_president_who_keeps_defence_acts_as_president() -> None:
    body = "تلقى رئيس الجمهورية، عبد المجيد تبون، اليوم الثلاثاء، مكالمة هاتفية من نظيره التركي."
    codes = _codes(body)
    assert codes["person:abdelmadjid_tebboune"] == "DZAGOV", codes
    # ... so «نظيره التركي» is his Turkish counterpart (Turkey's president: no date, no holder).
    assert codes.get("actor:TURGOV:president") == "TURGOV", codes
