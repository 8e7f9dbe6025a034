"""issue #12: a name form the knowledge base flags as ambiguous (نصر الله: Hassan Nasrallah, but
also the phrase "God's victory") is dropped by the matcher when nothing in the article supports it;
it must not also stop the tagger from reading it as a person."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def test_an_unsupported_ambiguous_name_is_still_a_person_mention() -> None:
    arts = pl.DataFrame({"article_id": ["a"], "body": ["وأكد نصر الله أن المقاومة ستواصل العمل."]})
    m, _ = extract_entity_mentions(arts, reference_kb())
    persons = m.filter(pl.col("entity_type") == "PERSON")
    assert persons["surface"].to_list() == ["نصر الله"], m
