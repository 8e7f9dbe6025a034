"""issue #12: the NER scorer's error classes (``eval_ner.error_classes``): a miss or a false alarm
is a boundary error when a span of its type overlaps it, a type error when only another type does."""

from __future__ import annotations

import polars as pl

from scripts.eval_ner import error_classes


def test_misses_and_false_alarms_by_class() -> None:
    gold = pl.DataFrame(
        {"article_id": ["a"] * 3, "start": [0, 10, 20], "end": [9, 15, 25], "kind": ["PERS", "ORG", "LOC"]}
    )
    pred = pl.DataFrame(
        {"article_id": ["a"] * 3, "start": [0, 10, 40], "end": [5, 15, 45], "kind": ["PERS", "LOC", "LOC"]}
    )
    got = {
        (r["side"], r["kind"], r["cls"]): r["len"] for r in error_classes(gold, pred).iter_rows(named=True)
    }
    assert got == {
        ("fn", "PERS", "boundary"): 1,
        ("fn", "ORG", "type"): 1,
        ("fn", "LOC", "none"): 1,
        ("fp", "PERS", "boundary"): 1,
        ("fp", "LOC", "type"): 1,
        ("fp", "LOC", "none"): 1,
    }
