"""The text every extraction stage reads: sentences (landed) and the token table (built once).

Lineage: ``landing/articles`` -> ``landing/sentences`` -> ``intermediate/tokens`` -> the entity and
event assets, which both read that one token table instead of tokenizing the bodies again.
"""

import dagster as dg
import polars as pl

from orchestration.defs._metadata import frame_metadata
from orchestration.transforms.batching import article_slices, for_articles, map_slices
from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.token_table import TokenTable, concat_tables
from orchestration.transforms.tokens import build_tokens

TOKENS_KEY = dg.AssetKey(["intermediate", "tokens"])


@dg.asset(
    key=dg.AssetKey(["landing", "sentences"]),
    ins={"articles": dg.AssetIn(key=dg.AssetKey(["landing", "articles"]))},
    group_name="entities",
    description="Sentences of every body, with offsets.",
)
def sentences(context: dg.AssetExecutionContext, articles: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    (found,) = map_slices(articles, lambda chunk: (split_sentences(chunk),))
    context.log.info(f"{found.height} sentences in {articles.height} articles")
    return dg.Output(found, metadata=frame_metadata(found, ["article_id", "sentence_index", "sentence"]))


@dg.asset(
    key=TOKENS_KEY,
    ins={
        "articles": dg.AssetIn(key=dg.AssetKey(["landing", "articles"])),
        "sentences": dg.AssetIn(key=dg.AssetKey(["landing", "sentences"])),
    },
    io_manager_key="token_store",
    group_name="entities",
    description="One row per word of every body (transforms.tokens.TOKENS_SCHEMA, held narrow as a "
    "transforms.token_table.TokenTable), read by the entity and event stages; not landed in the warehouse.",
)
def tokens(
    context: dg.AssetExecutionContext, articles: pl.DataFrame, sentences: pl.DataFrame
) -> dg.Output[TokenTable]:
    # Built slice by slice (bounded intermediates), each slice narrowed at once (the run holds
    # only the narrow parts), then numbered over the whole frame.
    parts = [
        TokenTable.from_tokens(build_tokens(chunk, for_articles(sentences, chunk)), chunk["article_id"])
        for chunk in article_slices(articles)
    ]
    table = concat_tables(parts)
    del parts
    context.log.info(f"{table.height} tokens in {articles.height} articles")
    return dg.Output(
        table,
        metadata=frame_metadata(
            table.slice_tokens(0, 1), ["article_id", "sentence_index", "surface", "norm"]
        ),
    )
