from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms.batching import article_slices, for_articles, map_slices
from orchestration.transforms.clean import clean_articles
from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.ingest import read_inbox
from orchestration.transforms.reference import load_kb
from orchestration.transforms.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_slices_cover_every_article_once() -> None:
    articles = pl.DataFrame({"article_id": [str(i) for i in range(10)]})
    slices = list(article_slices(articles, 3))
    assert [s.height for s in slices] == [3, 3, 3, 1]
    assert pl.concat(slices).equals(articles)
    assert len(list(article_slices(articles.head(0), 3))) == 1


def test_sliced_extraction_equals_whole() -> None:
    articles, _ = clean_articles(read_inbox(SAMPLE)[0])
    kb = load_kb()

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
