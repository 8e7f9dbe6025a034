"""Stage 1: the words of the sentences that may hold a trigger, from the shared token table.

Events never tokenize: they read ``transforms.tokens.build_tokens`` output. Only sentences with a
word that contains a trigger needle are kept; token_index is sentence-major
(contracts.SENTENCE_STRIDE) so that token distances never cross a sentence.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS, SENTENCE_STRIDE, TOKENS, conform
from orchestration.transforms.events.windows import row_in_group, same_group


def event_tokens(tokens: pl.DataFrame, needles: list[str]) -> pl.DataFrame:
    """Stage 1: the shared token table (``transforms.tokens``) of the sentences that may hold a
    trigger, as contracts.TOKENS.

    A sentence is kept when one of its words contains a needle; the test runs once per distinct
    normalized word, the sentences are runs of rows. token_index becomes sentence-major
    (sentence_index * SENTENCE_STRIDE + index within the sentence). Like ``tokens``, the result is
    in article and text order, which the as-of joins of later stages rely on."""
    # Integer keys throughout: form_id names a distinct word, aidx an article.
    words = tokens.select("form_id", "norm").unique("form_id")
    hits = words.filter(pl.col("norm").str.contains_any(needles))["form_id"]
    int_keys = ["aidx", "sentence_index"]
    # Rows are in article and text order (build_tokens): sentences are runs of rows, numbered here.
    runs = tokens.select(
        run=(~same_group(int_keys, 1)).cum_sum(), hit=pl.col("form_id").is_in(hits.implode())
    )
    kept = tokens.filter(runs["run"].is_in(runs.filter("hit")["run"].unique().implode()))
    local = row_in_group(int_keys)
    out = kept.select(
        *KEYS,
        "aidx",
        token="surface",
        token_index=pl.col("sentence_index") * SENTENCE_STRIDE + local,
        char_start="char_start",
        char_end="char_end",
        norm="norm",
        gap="gap",
    )
    return conform(out, TOKENS, "tokens")


def in_sentences(frame: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``frame`` in the sentences of ``keys`` (article_id, sentence_index)."""
    return frame.join(keys, on=KEYS, how="semi")


def nearest_word(
    frame: pl.DataFrame, tokens: pl.DataFrame, words: list[str], position: pl.Expr, name: str, strategy: str
) -> pl.DataFrame:
    """Adds column `name`: the token index of the nearest token among `words` at or before
    (`strategy="backward"`) or at or after (`"forward"`) `position`, in the same article."""
    marks = (
        tokens.filter(pl.col("norm").is_in(words))
        .select("article_id", pl.col("token_index").alias(name))
        .sort(name)
    )
    return (
        frame.with_columns(_position=position)
        .sort("article_id", "_position")
        .join_asof(
            marks,
            left_on="_position",
            right_on=name,
            by="article_id",
            strategy=strategy,  # type: ignore[arg-type]
            check_sortedness=False,
        )
        .drop("_position")
    )
