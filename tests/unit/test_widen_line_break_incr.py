"""A found name and a listed name on two lines are two names (``openworld.titled.widen_to_tagged``).

Related-headline lists put one headline per line: "... يزور لبنان ويلتقي عون" / "قابوس بن سعيد يزور
لبنان". The tagger's person ``عون`` ends the first line; it must not be glued to the listed
``قابوس بن سعيد`` on the next one (the mention's surface then no longer spells the body).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld.titled import widen_to_tagged
from tests.unit.reference_kb import reference_kb


def _span(cs: int, surf: str, method: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "aidx": [0],
            "cs": [cs],
            "ce": [cs + len(surf)],
            "surf": [surf],
            "entity_type": ["PERSON"],
            "method": [method],
        }
    )


def _words(gap: str) -> pl.DataFrame:
    # "عون<gap>قابوس بن سعيد": the tokens the widening reads the gap from.
    return pl.DataFrame({"aidx": [0, 0], "char_start": [0, 4], "gap": ["", gap]})


def test_a_line_break_keeps_the_found_name_apart() -> None:
    out = widen_to_tagged(_span(4, "قابوس بن سعيد", "exact"), _span(0, "عون", "model"), _words("\n"))
    assert out.select("cs", "ce", "surf").row(0) == (4, 17, "قابوس بن سعيد")


def test_a_space_still_joins_them() -> None:
    out = widen_to_tagged(_span(4, "قابوس بن سعيد", "exact"), _span(0, "عون", "model"), _words(" "))
    assert out.select("cs", "ce", "surf").row(0) == (0, 17, "عون قابوس بن سعيد")


def test_headline_list_mentions_spell_the_body() -> None:
    # Two related headlines, one a line, as the bench's headline lists and real sites print them.
    body = (
        "أعلنت وزارة الخارجية أن الزيارة تأتي في إطار التشاور المستمر.\n\n"
        "أخبار ذات صلة\n"
        "ماكرون يزور لبنان ويلتقي عون\n"
        "قابوس بن سعيد يزور لبنان ويلتقي عون\n"
        "وزير الخارجية الهندي وشكري\n"
        "محمد بن سلمان يبحث مع بوريطة هاتفيا الأوضاع في أوكرانيا"
    )
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    spelled = m.select(
        "surface",
        body=pl.lit(body).str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")),
    )
    assert spelled.filter(pl.col("surface") != pl.col("body")).is_empty(), spelled
