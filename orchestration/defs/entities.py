import dagster as dg
import polars as pl

from orchestration.defs._metadata import frame_metadata
from orchestration.defs.resources import KnowledgeBaseResource
from orchestration.defs.tokens import TOKENS_KEY
from orchestration.transforms.batching import for_articles, map_slices_with_tokens
from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.selection import merge_slice_entities
from orchestration.transforms.token_table import TokenTable


@dg.multi_asset(
    outs={
        "entity_mentions": dg.AssetOut(
            key_prefix="landing", description="Entity mentions resolved to the knowledge base, with offsets."
        ),
        "entities": dg.AssetOut(
            key_prefix="landing",
            description="Knowledge-base entities, role actors, new persons and entities found in the text.",
        ),
    },
    ins={
        "articles": dg.AssetIn(key=dg.AssetKey(["landing", "articles"])),
        "sentences": dg.AssetIn(key=dg.AssetKey(["landing", "sentences"])),
        "tokens": dg.AssetIn(key=TOKENS_KEY),
    },
    group_name="entities",
)
def extracted_entities(
    context: dg.AssetExecutionContext,
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: TokenTable,
    knowledge_base: KnowledgeBaseResource,
) -> tuple[dg.Output[pl.DataFrame], dg.Output[pl.DataFrame]]:
    kb = knowledge_base.get()

    def extract(chunk: pl.DataFrame, chunk_tokens: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        return extract_entity_mentions(chunk, kb, for_articles(sentences, chunk), tokens=chunk_tokens)

    mentions, entities = map_slices_with_tokens(articles, tokens, extract)
    # Every slice lists the knowledge base, and an entity found in two slices has a row in each.
    entities = merge_slice_entities(entities, mentions)
    by_method = dict(mentions.group_by("method").len().iter_rows())
    context.log.info(f"{mentions.height} entity mentions {by_method}")
    mention_meta = frame_metadata(mentions, ["article_id", "entity_id", "surface", "method"])
    mention_meta["by_method"] = dg.MetadataValue.json(by_method)
    return (
        dg.Output(mentions, metadata=mention_meta),
        dg.Output(entities, metadata=frame_metadata(entities, ["entity_id", "name_en", "entity_type"])),
    )
