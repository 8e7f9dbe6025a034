
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.defs._metadata import frame_metadata
from orchestration.defs.resources import AkhbarConfig
from orchestration.transforms.ingest import read_inbox


@dg.multi_asset(
    outs={
        "raw_articles": dg.AssetOut(key_prefix="landing", description="Decoded inbox articles."),
        "duplicate_articles": dg.AssetOut(
            key_prefix="landing", description="Inbox records that duplicate an ingested article."
        ),
        "rejected_articles": dg.AssetOut(
            key_prefix="landing", description="Inbox files or records that could not become an article."
        ),
    },
    group_name="ingest",
)
def inbox_articles(
    context: dg.AssetExecutionContext, akhbar: AkhbarConfig
) -> tuple[dg.Output[pl.DataFrame], dg.Output[pl.DataFrame], dg.Output[pl.DataFrame]]:
    """Scan the inbox for .txt/.json/.jsonl files; every record ends in exactly one of the outputs."""
    raw, duplicates, rejected = read_inbox(Path(akhbar.inbox))
    context.log.info(
        f"inbox {akhbar.inbox}: {raw.height} articles, {duplicates.height} duplicates, {rejected.height} rejected"
    )
    return (
        dg.Output(raw, metadata=frame_metadata(raw, ["article_id", "source_file", "encoding"])),
        dg.Output(duplicates, metadata=frame_metadata(duplicates)),
        dg.Output(rejected, metadata=frame_metadata(rejected)),
    )
