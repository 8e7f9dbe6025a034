"""issue #12: the tagger's span wins over an overlapping rule span and takes its country and role."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.arbitrate import PAYLOAD, arbitrate


def _rules() -> pl.DataFrame:
    # وقال وزير الخارجية المصري سامح | شكري ... : the title rule stopped after one word (s=4..4),
    # a name-shape rule found another person elsewhere (10..11).
    return pl.DataFrame(
        {
            "aidx": [0, 0],
            "s": [4, 10],
            "e": [4, 11],
            "entity_type": ["PERSON", "PERSON"],
            "method": ["title", "name-shape"],
            "a_iso3": ["EGY", None],
            "a_role": ["foreign_minister", None],
            "a_cameo": ["GOV", None],
        }
    )


def test_tagger_span_wins_and_takes_the_rule_payload() -> None:
    model = pl.DataFrame(
        {"aidx": [0], "s": [4], "e": [5], "entity_type": ["PERSON"], "method": ["model"]},
        schema_overrides={"aidx": pl.UInt32},
    )
    out = arbitrate(_rules().with_columns(pl.col("aidx").cast(pl.UInt32)), model).sort("s")
    assert out.select("s", "e", "method").rows() == [(4, 5, "model"), (10, 11, "name-shape")]
    won = out.row(0, named=True)
    assert (won["a_iso3"], won["a_role"], won["a_cameo"]) == ("EGY", "foreign_minister", "GOV")


def test_a_tagger_span_of_another_type_takes_no_payload() -> None:
    model = pl.DataFrame(
        {"aidx": [0], "s": [3], "e": [4], "entity_type": ["ORG"], "method": ["model"]},
        schema_overrides={"aidx": pl.UInt32},
    )
    out = arbitrate(_rules().with_columns(pl.col("aidx").cast(pl.UInt32)), model).sort("s")
    assert out.select("s", "e", "entity_type").rows() == [(3, 4, "ORG"), (10, 11, "PERSON")]
    assert out["a_iso3"][0] is None


def test_rules_alone_or_tagger_alone_pass_through() -> None:
    empty = pl.DataFrame(schema={"aidx": pl.UInt32, "s": pl.Int64, "e": pl.Int64, "entity_type": pl.String})
    rules = _rules().with_columns(pl.col("aidx").cast(pl.UInt32))
    assert arbitrate(rules, empty.with_columns(method=pl.lit("model"))).height == 2
    alone = arbitrate(empty, rules)
    assert alone.height == 2 and set(PAYLOAD) <= set(alone.columns)
