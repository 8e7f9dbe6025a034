"""Sentence splitting with character offsets into ``articles.body``."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.schemas import SENTENCES_SCHEMA

# A sentence piece is a run of non-terminators followed by its terminators (and any closing quotes
# or brackets), or a run of line breaks. Alternatives inside the run keep decimals ("2.5", "٢.٥")
# and single-letter abbreviations ("د. محمد", or glued to the name as in "برئاسة د.محمد أشتية") from
# ending a sentence; everything in the body is covered by some piece, so cumulative lengths are
# character offsets.
_TERMINATORS = r"[.!?؟]"
_CLOSERS = r"[\"'»”’)\]]"
SENTENCE_PIECE_PATTERN = (
    rf"(?:\p{{N}}\.\p{{N}}|\s\p{{L}}\.[\s\p{{L}}]|[^.!?؟\n])+{_TERMINATORS}*{_CLOSERS}*"
    rf"|{_TERMINATORS}+{_CLOSERS}*"
    r"|\n+"
)

SENTENCE_SCHEMA = SENTENCES_SCHEMA


def split_sentences(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per non-empty sentence: ``article_id, sentence_index, char_start, char_end, sentence``.

    ``body[char_start:char_end] == sentence``; sentences are stripped of surrounding whitespace and
    pieces without any letter or digit (stray punctuation, blank lines) are skipped.
    """
    pieces = (
        articles.select(
            "article_id",
            piece=pl.col("body").fill_null("").str.extract_all(SENTENCE_PIECE_PATTERN),
        )
        .with_columns(
            piece_end=pl.col("piece").list.eval(pl.element().str.len_chars().cast(pl.Int64).cum_sum())
        )
        .explode(["piece", "piece_end"])
        .drop_nulls("piece")
    )
    piece_len = pl.col("piece").str.len_chars().cast(pl.Int64)
    lead = piece_len - pl.col("piece").str.strip_chars_start().str.len_chars().cast(pl.Int64)
    sentences = (
        pieces.with_columns(sentence=pl.col("piece").str.strip_chars())
        .filter(pl.col("sentence").str.contains(r"[\p{L}\p{N}]"))
        .select(
            "article_id",
            char_start=pl.col("piece_end") - piece_len + lead,
            sentence="sentence",
        )
        .with_columns(char_end=pl.col("char_start") + pl.col("sentence").str.len_chars().cast(pl.Int64))
        .with_columns(sentence_index=pl.int_range(pl.len(), dtype=pl.Int64).over("article_id"))
    )
    return sentences.select(list(SENTENCE_SCHEMA)).cast(SENTENCE_SCHEMA)  # type: ignore[arg-type]
