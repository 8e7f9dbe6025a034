import dagster as dg
import polars as pl

from orchestration.defs._metadata import frame_metadata
from orchestration.defs.resources import KnowledgeBaseResource
from orchestration.defs.tokens import TOKENS_KEY
from orchestration.transforms.batching import for_articles, map_slices_with_tokens
from orchestration.transforms.event_rules import extract_ruled_events
from orchestration.transforms.token_table import TokenTable


@dg.asset(
    key=dg.AssetKey(["landing", "event_candidates"]),
    ins={
        "articles": dg.AssetIn(key=dg.AssetKey(["landing", "articles"])),
        "sentences": dg.AssetIn(key=dg.AssetKey(["landing", "sentences"])),
        "entity_mentions": dg.AssetIn(key=dg.AssetKey(["landing", "entity_mentions"])),
        "tokens": dg.AssetIn(key=TOKENS_KEY),
    },
    group_name="events",
)
def event_candidates(
    context: dg.AssetExecutionContext,
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    tokens: TokenTable,
    knowledge_base: KnowledgeBaseResource,
) -> dg.Output[pl.DataFrame]:
    """Sentence-level event mentions: trigger, CAMEO code, actors, status and date."""
    kb = knowledge_base.get()

    def chunk_events(chunk: pl.DataFrame, chunk_tokens: pl.DataFrame) -> tuple[pl.DataFrame]:
        chunk_sentences = for_articles(sentences, chunk)
        chunk_mentions = for_articles(entity_mentions, chunk)
        return (extract_ruled_events(chunk, chunk_sentences, chunk_mentions, kb, tokens=chunk_tokens),)

    (candidates,) = map_slices_with_tokens(articles, tokens, chunk_events)
    by_code = dict(candidates.group_by("event_code").len().sort("event_code").iter_rows())
    context.log.info(f"{candidates.height} event candidates {by_code}")
    meta = frame_metadata(candidates, ["article_id", "event_code", "actor1_entity_id", "actor2_entity_id"])
    meta["by_code"] = dg.MetadataValue.json(by_code)
    return dg.Output(candidates, metadata=meta)
