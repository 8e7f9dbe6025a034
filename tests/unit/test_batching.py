from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.batching import (
    aligned_tokens,
    article_slices,
    for_articles,
    map_slices,
    map_slices_with_tokens,
    tokens_of_slice,
)
from orchestration.transforms.clean import clean_articles
from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.tokens import build_tokens
from tests.unit.reference_kb import reference_kb

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_slices_cover_every_article_once() -> None:
    articles = pl.DataFrame({"article_id": [str(i) for i in range(10)]})
    slices = list(article_slices(articles, 3))
    assert [s.height for s in slices] == [3, 3, 3, 1]
    assert pl.concat(slices).equals(articles)
    assert len(list(article_slices(articles.head(0), 3))) == 1


def test_sliced_extraction_equals_whole() -> None:
    articles, _ = clean_articles(read_inbox(SAMPLE)[0])
    kb = reference_kb()

    def chain(chunk: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        sentences = split_sentences(chunk)
        mentions, _ = extract_entity_mentions(chunk, kb, sentences)
        return mentions, extract_event_candidates(
            chunk, for_articles(sentences, chunk), for_articles(mentions, chunk), kb
        )

    whole = chain(articles)
    sliced = map_slices(articles, chain, size=2)
    for a, b in zip(whole, sliced, strict=True):
        assert a.sort(pl.all()).equals(b.sort(pl.all()))


def test_stages_reading_one_token_table_equal_stages_tokenizing_per_slice() -> None:
    articles, _ = clean_articles(read_inbox(SAMPLE)[0])
    kb = reference_kb()
    sentences = split_sentences(articles)
    tokens = build_tokens(articles, sentences)

    def own_tokens(chunk: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        mentions, _ = extract_entity_mentions(chunk, kb, for_articles(sentences, chunk))
        return mentions, extract_event_candidates(chunk, for_articles(sentences, chunk), mentions, kb)

    def shared(chunk: pl.DataFrame, chunk_tokens: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        chunk_sentences = for_articles(sentences, chunk)
        mentions, _ = extract_entity_mentions(chunk, kb, chunk_sentences, tokens=chunk_tokens)
        return mentions, extract_event_candidates(chunk, chunk_sentences, mentions, kb, tokens=chunk_tokens)

    expected = map_slices(articles, own_tokens, size=3)
    got = map_slices_with_tokens(articles, tokens, shared, size=3)
    assert expected[1].height > 0
    for a, b in zip(expected, got, strict=True):
        assert a.equals(b)


def test_a_token_slice_is_renumbered_from_its_first_article() -> None:
    articles = pl.DataFrame({"article_id": ["a", "b", "c", "d"], "body": ["x y", "", "z", "u v w"]})
    tokens = build_tokens(articles)
    part = tokens_of_slice(tokens, 1, 2)
    assert part["article_id"].to_list() == ["c"]
    assert part["aidx"].to_list() == [1]
    assert tokens_of_slice(tokens, 3, 5)["aidx"].to_list() == [0, 0, 0]


def test_tokens_follow_the_article_order_of_the_reading_stage() -> None:
    articles = pl.DataFrame({"article_id": ["a", "b", "c"], "body": ["x y", "z", "u v"]})
    tokens = build_tokens(articles)
    assert aligned_tokens(tokens, articles).equals(tokens)
    reordered = articles.reverse()
    aligned = aligned_tokens(tokens, reordered)
    assert aligned["article_id"].to_list() == ["c", "c", "b", "a", "a"]
    assert aligned["aidx"].to_list() == [0, 0, 1, 2, 2]
    assert aligned.filter(pl.col("article_id") == "a").equals(
        tokens.filter(pl.col("article_id") == "a").with_columns(aidx=pl.lit(2, pl.UInt32))
    )
    with pytest.raises(ValueError, match="not in the article frame"):
        aligned_tokens(tokens, articles.head(2))
