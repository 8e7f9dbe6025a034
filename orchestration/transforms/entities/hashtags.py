"""Words of a hashtag are no entity mentions (``#غزة_تحت_القصف``, ``#السودان``).

A hashtag is a topic label glued to the text by ``#`` and ``_``, not a sentence naming a place,
person or body: the tokenizer splits it into words, and a name among them would become a mention
(and an event location or actor) that the article never states.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.matching import words_at

# The gap before a hashtag's first word ends on '#'; its later words are glued by '_'.
_OPENS = r"#$"
_GLUE = r"^_+$"


def drop_hashtag_matches(matches: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``matches`` (``aidx``, ``w0``, ``w1``) less those starting on a hashtag's word or glued by
    ``_`` to the word after them."""
    if matches.is_empty():
        return matches
    m = matches.with_row_index("_mid")
    first = words_at(words, m.select("_mid", "aidx", "w0"), "w0", {"gap": "g0"})
    after = words_at(words, m.select("_mid", "aidx", "w1"), "w1", {"gap": "g1"})
    tagged = pl.concat(
        [
            first.filter(pl.col("g0").str.contains(_OPENS) | pl.col("g0").str.contains(_GLUE))["_mid"],
            after.filter(pl.col("g1").str.contains(_GLUE))["_mid"],
        ]
    )
    return m.filter(~pl.col("_mid").is_in(tagged.implode())).drop("_mid")
