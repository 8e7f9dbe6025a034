"""Bounded memory: run a per-article transform over slices of articles.

Every stage is per article (offsets, sentences, mentions never cross articles), so slicing by article
changes no result; it caps the size of the intermediate frames (token and n-gram tables are tens of
times larger than the text), which is what bounds peak memory on a large inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import polars as pl

from orchestration.transforms.token_table import TokenTable

# ~20k articles of news (~60 MB of text) keep each slice's intermediates to a few GB at most.
DEFAULT_SLICE = 20_000


def article_slices(articles: pl.DataFrame, size: int = DEFAULT_SLICE) -> Iterator[pl.DataFrame]:
    for offset in range(0, max(articles.height, 1), size):
        yield articles.slice(offset, size)


def for_articles(frame: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` that belong to `articles`."""
    return frame.join(articles.select("article_id"), on="article_id", how="semi")


def tokens_of_slice(tokens: pl.DataFrame, offset: int, size: int) -> pl.DataFrame:
    """The rows of the token table (``transforms.tokens``, built on the whole article frame) of the
    articles ``offset .. offset + size``, with ``aidx`` counted from the slice's first article.

    Tokens are in article order, so the slice is a row range found by binary search (no join)."""
    aidx = tokens["aidx"]
    lo, hi = aidx.search_sorted(pl.Series([offset, offset + size], dtype=pl.UInt32), side="left").to_list()
    part = tokens.slice(lo, hi - lo)
    return part.with_columns((pl.col("aidx") - offset).cast(pl.UInt32))


def aligned_tokens(tokens: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """``tokens`` with ``aidx`` as the row number of each article in ``articles``, in that order.

    The token table numbers the articles of the frame it was built from; a stage that reads the
    articles again (another asset, another run) may get them in another order. That order is
    checked on the first word of each article, and the table renumbered and reordered if it
    differs. Raises when an article has words in the table but is not in ``articles``."""
    new_article = (pl.col("aidx") != pl.col("aidx").shift(1)).fill_null(True)
    firsts = tokens.filter(new_article).select("aidx", "article_id")
    ids = articles["article_id"]
    if firsts["aidx"].max() is None or (
        firsts["aidx"].max() < ids.len() and (ids.gather(firsts["aidx"]) == firsts["article_id"]).all()
    ):
        return tokens
    renumber = articles.select("article_id").with_row_index("_aidx")
    out = tokens.join(renumber, on="article_id", how="left", maintain_order="left")
    if out["_aidx"].null_count():
        raise ValueError("the token table holds articles that are not in the article frame")
    # A stable sort keeps each article's words in text order.
    return out.with_columns(aidx="_aidx").drop("_aidx").sort("aidx", maintain_order=True)


def map_slices_with_tokens(
    articles: pl.DataFrame,
    tokens: pl.DataFrame | TokenTable,
    fn: Callable[[pl.DataFrame, pl.DataFrame], tuple[pl.DataFrame, ...]],
    size: int = DEFAULT_SLICE,
) -> tuple[pl.DataFrame, ...]:
    """``map_slices`` for a stage that reads the shared token table: ``fn(chunk, chunk_tokens)``.

    ``tokens`` is the wide table or the run's narrow ``TokenTable``, which gives each slice the same
    wide frame (only one slice is wide at a time)."""
    if isinstance(tokens, TokenTable):
        table = tokens.aligned(articles)
        cut = table.slice_tokens
    else:
        wide = aligned_tokens(tokens, articles)
        cut = lambda offset, size: tokens_of_slice(wide, offset, size)  # noqa: E731
    parts = [
        fn(articles.slice(offset, size), cut(offset, size))
        for offset in range(0, max(articles.height, 1), size)
    ]
    return tuple(pl.concat([p[i] for p in parts], how="vertical_relaxed") for i in range(len(parts[0])))


def map_slices(
    articles: pl.DataFrame, fn: Callable[[pl.DataFrame], tuple[pl.DataFrame, ...]], size: int = DEFAULT_SLICE
) -> tuple[pl.DataFrame, ...]:
    """Apply `fn` to each slice of articles and concatenate each of its outputs."""
    parts = [fn(chunk) for chunk in article_slices(articles, size)]
    return tuple(pl.concat([p[i] for p in parts], how="vertical_relaxed") for i in range(len(parts[0])))
