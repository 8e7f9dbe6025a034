"""boilerplate.word_count: the literal space count it takes on plain lines equals the regex count."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.boilerplate import word_count

LINES = [
    "",
    " ",
    "كلمة",
    "قال الرئيس المصري إن",
    " قال الرئيس",
    "قال الرئيس ",
    "قال  الرئيس",
    "قال\tالرئيس\u00a0المصري",
    "\u3000",
    "a\u2003b c",
    "واس - الرياض:",
    None,
]


def test_word_count_equals_the_runs_of_non_blank_characters() -> None:
    frame = pl.DataFrame({"line": LINES})
    got = frame.select(word_count(pl.col("line")))["line"]
    want = frame.select(pl.col("line").str.count_matches(r"\S+").cast(pl.Int64))["line"]
    assert got.to_list() == want.to_list() == [0, 0, 1, 4, 2, 2, 2, 3, 0, 3, 3, None]
