"""An article's mentions do not depend on the other articles of its batch (issue #10): slicing the
inbox (``transforms.batching``) or an incremental run must give what a rebuild gives."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from tests.unit.reference_kb import reference_kb

# A titled new person in one article (السفير بسام راضي) and his bare full name in another.
TITLED = "وقال المتحدث الرسمي باسم رئاسة الجمهورية السفير بسام راضي إن الرئيس استقبل الوفد."
BARE = "وأوضح بسام راضي أن اللقاء تناول العلاقات الثنائية."
COLS = ["article_id", "char_start", "char_end", "entity_id", "method"]


def _mentions(*bodies: tuple[str, str]) -> pl.DataFrame:
    arts = pl.DataFrame({"article_id": [a for a, _ in bodies], "body": [b for _, b in bodies]})
    mentions, _ = extract_entity_mentions(arts, reference_kb())
    return mentions.select(COLS).sort(COLS)


def test_a_titled_new_person_elsewhere_in_the_batch_changes_no_other_article() -> None:
    together = _mentions(("a", TITLED), ("b", BARE)).filter(pl.col("article_id") == "b")
    alone = _mentions(("b", BARE))
    assert together.equals(alone), (together, alone)


def test_the_titled_person_is_still_named_again_in_his_own_article() -> None:
    m = _mentions(("a", TITLED + " " + BARE))
    starts = m.filter(pl.col("entity_id").str.starts_with("person:new:"))["char_start"].to_list()
    assert len(starts) == 2, m
