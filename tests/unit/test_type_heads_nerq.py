"""issue #12: an organization's name mention starts after its type word (``type_heads``): a
medium's (قناة الجزيرة -> الجزيرة, صحيفة نيويورك تايمز -> نيويورك تايمز) always, a movement's
(حركة طالبان -> طالبان) when what follows is a listed form of the same body."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.pipeline import extract_entity_mentions
from orchestration.transforms.openworld.type_heads import trim_type_heads
from tests.unit.reference_kb import reference_kb


def _orgs(text: str) -> list[str]:
    arts = pl.DataFrame({"article_id": ["a"], "body": [text]})
    mentions, _ = extract_entity_mentions(arts, reference_kb())
    m = mentions.filter(pl.col("entity_type") == "ORG")
    for r in m.iter_rows(named=True):
        assert text[r["char_start"] : r["char_end"]] == r["surface"]
    return m["surface"].to_list()


def test_a_medium_and_a_listed_movement_are_named_without_their_type_word() -> None:
    found = _orgs("وقالت قناة الجزيرة نقلا عن مراسلها ان حركة طالبان قد تقبض عليه .")
    assert found == ["الجزيرة", "طالبان"], found


def test_a_movement_named_with_its_head_keeps_it() -> None:
    lex = pl.DataFrame({"key": ["طالبان"], "entity_id": ["org:taliban"]})
    m = pl.DataFrame(
        {
            "cs": [10, 40],
            "surf": ["حركة المقاومة الاسلامية", "بحركة طالبان"],
            "entity_type": ["ORG", "ORG"],
            "entity_id": ["org:x", "org:taliban"],
        }
    )
    out = trim_type_heads(m, lex)
    assert out["surf"].to_list() == ["حركة المقاومة الاسلامية", "طالبان"]
    assert out["cs"].to_list() == [10, 46]
