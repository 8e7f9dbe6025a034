"""Bounded memory: run a per-article transform over slices of articles.

Every stage is per article (offsets, sentences, mentions never cross articles), so slicing by article
changes no result; it caps the size of the intermediate frames (token and n-gram tables are tens of
times larger than the text), which is what bounds peak memory on a large inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import polars as pl

# ~20k articles of news (~60 MB of text) keep each slice's intermediates to a few GB at most.
DEFAULT_SLICE = 20_000


def article_slices(articles: pl.DataFrame, size: int = DEFAULT_SLICE) -> Iterator[pl.DataFrame]:
    for offset in range(0, max(articles.height, 1), size):
        yield articles.slice(offset, size)


def for_articles(frame: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` that belong to `articles`."""
    return frame.join(articles.select("article_id"), on="article_id", how="semi")


def map_slices(
    articles: pl.DataFrame, fn: Callable[[pl.DataFrame], tuple[pl.DataFrame, ...]], size: int = DEFAULT_SLICE
) -> tuple[pl.DataFrame, ...]:
    """Apply `fn` to each slice of articles and concatenate each of its outputs."""
    parts = [fn(chunk) for chunk in article_slices(articles, size)]
    return tuple(pl.concat([p[i] for p in parts], how="vertical_relaxed") for i in range(len(parts[0])))
