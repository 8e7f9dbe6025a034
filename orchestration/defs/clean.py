import dagster as dg
import polars as pl

from orchestration.defs._metadata import frame_metadata
from orchestration.transforms.batching import map_slices
from orchestration.transforms.clean import clean_articles


@dg.multi_asset(
    outs={
        "articles": dg.AssetOut(
            key_prefix="landing", description="Cleaned articles: body, title, date, source, section."
        ),
        "rejected_clean": dg.AssetOut(
            key_prefix="landing", description="Articles left with no news text once boilerplate is removed."
        ),
    },
    ins={"raw_articles": dg.AssetIn(key=dg.AssetKey(["landing", "raw_articles"]))},
    group_name="clean",
)
def cleaned_articles(
    context: dg.AssetExecutionContext, raw_articles: pl.DataFrame
) -> tuple[dg.Output[pl.DataFrame], dg.Output[pl.DataFrame]]:
    articles, rejected = map_slices(raw_articles, clean_articles)
    dated = articles.filter(pl.col("published_date").is_not_null()).height
    context.log.info(
        f"cleaned {articles.height} articles ({dated} dated), {rejected.height} boilerplate-only"
    )
    meta = frame_metadata(articles, ["article_id", "title", "published_date", "source_name"])
    meta["n_dated"] = dg.MetadataValue.int(dated)
    return dg.Output(articles, metadata=meta), dg.Output(rejected, metadata=frame_metadata(rejected))
