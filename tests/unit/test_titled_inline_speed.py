"""``titled._inline_at`` (binary search on the token table) agrees with the former join (issue #10)."""

from __future__ import annotations

import random

import polars as pl

from orchestration.transforms.openworld.titled import _inline_at
from orchestration.transforms.text import GAP_SPACE, gap_class

GAPS = [" ", "  ", "\u00a0", "\n", " ، ", ", ", "-", "", None, " \n "]


def _words(seed: int) -> pl.DataFrame:
    rnd = random.Random(seed)
    rows = []
    for aidx in range(30):
        pos = 0
        for _ in range(rnd.randint(0, 12)):
            gap = rnd.choice(GAPS)
            pos += len(gap or "") + rnd.randint(0, 1)
            rows.append((aidx, pos, gap))
            pos += rnd.randint(1, 6)
    return pl.DataFrame(
        rows, schema={"aidx": pl.UInt32, "char_start": pl.Int64, "gap": pl.String}, orient="row"
    )


def _names(words: pl.DataFrame, seed: int) -> pl.DataFrame:
    rnd = random.Random(seed + 1)
    starts = words.select("aidx", cs="char_start").rows()
    # Word starts, offsets inside words and articles without words.
    rows = [rnd.choice(starts) for _ in range(40)] + [
        (rnd.randint(0, 35), rnd.randint(0, 80)) for _ in range(40)
    ]
    return pl.DataFrame(rows, schema={"aidx": pl.UInt32, "cs": pl.Int64}, orient="row")


def _former(names: pl.DataFrame, words: pl.DataFrame) -> pl.Series:
    c = pl.col
    inline = words.select("aidx", cs="char_start", _inline=gap_class(c("gap")) == GAP_SPACE)
    joined = names.join(
        inline.unique(["aidx", "cs"], keep="first", maintain_order=True), on=["aidx", "cs"], how="left"
    )
    return joined["_inline"].fill_null(False)


def test_inline_at_matches_the_join() -> None:
    for seed in range(20):
        words = _words(seed)
        names = _names(words, seed)
        assert _inline_at(names, words).to_list() == _former(names, words).to_list()
        # A frame out of table order takes the join path and says the same.
        shuffled = words.sample(fraction=1.0, shuffle=True, seed=seed)
        assert _inline_at(names, shuffled).to_list() == _former(names, words).to_list()


def test_inline_at_empty_words() -> None:
    words = _words(0).head(0)
    names = pl.DataFrame({"aidx": [0], "cs": [3]}, schema={"aidx": pl.UInt32, "cs": pl.Int64})
    assert _inline_at(names, words).to_list() == [False]


def test_family_particle_at_the_end_of_the_table_or_article() -> None:
    """``widen_over_family`` gathers the word after each آل by row: a آل that ends the table or
    its article widens nothing, and the second article's name still takes its family name."""
    from orchestration.transforms.entities.pipeline import extract_entity_mentions
    from orchestration.transforms.reference import load_kb

    texts = [
        "وصل الشيخ خليفة بن زايد آل",
        "وصل الشيخ خليفة بن زايد آل نهيان امس",
        "وصل الشيخ خليفة بن زايد آل",
    ]
    arts = pl.DataFrame({"article_id": ["a", "b", "c"], "body": texts})
    mentions, _ = extract_entity_mentions(arts, load_kb())
    persons = mentions.filter(pl.col("surface").str.starts_with("خليفة"))
    got = dict(zip(persons["article_id"], persons["surface"], strict=True))
    assert got == {"a": "خليفة بن زايد", "b": "خليفة بن زايد آل نهيان", "c": "خليفة بن زايد"}
