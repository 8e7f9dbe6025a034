"""Daily partitions of the inbox: one folder per ingest day, `<inbox>/YYYY-MM-DD/`.

A day is processed whole and independently of every other day, so N days are N runs that can go in
parallel; a day run again replaces exactly that day's rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from orchestration.transforms.batching import map_slices
from orchestration.transforms.clean import clean_articles
from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.event_rules import extract_ruled_events
from orchestration.transforms.inbox_state import plan_changes, scan_inbox
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.tokens import build_tokens


def day_folder(inbox: Path, day: date) -> Path:
    return inbox / day.isoformat()


def day_plan(inbox: Path, day: date, version: str, previous: pl.DataFrame | None) -> pl.DataFrame:
    """Every file of `day` (paths relative to the inbox, under the day's folder), all to be read.

    `previous` is the day's `inbox_files` as last written: its files that are gone now are `deleted`,
    so their rows leave the warehouse; every present file is read again (`reprocess` when it was seen
    before), because a day is always rebuilt whole.
    """
    prefix = f"{day.isoformat()}/"
    current = scan_inbox(day_folder(inbox, day)).with_columns(
        source_file=pl.lit(prefix) + pl.col("source_file")
    )
    return rebuild_plan(current, version, previous)


def rebuild_plan(current: pl.DataFrame, version: str, previous: pl.DataFrame | None) -> pl.DataFrame:
    """The plan of a day whose files are `current` (INBOX_STATE_SCHEMA): the day is rebuilt whole.

    Used directly for a flat inbox, whose files were sorted into days by their records' dates
    (orchestration/transforms/record_dates.py).
    """
    plan = plan_changes(previous, current, version)
    return plan.with_columns(
        change=pl.when(pl.col("change").is_in(["unchanged", "changed"]))
        .then(pl.lit("reprocess"))
        .otherwise("change")
    )


def files_to_read(plan: pl.DataFrame) -> list[str]:
    return plan.filter(pl.col("change") != "deleted")["source_file"].to_list()


def retracted_for_day(previous_articles: pl.DataFrame | None) -> pl.DataFrame:
    """Articles the day's previous run produced: all of them are replaced by this run's."""
    if previous_articles is None:
        return pl.DataFrame(schema={"article_id": pl.String()})
    return previous_articles.select(pl.col("article_id").cast(pl.String)).unique(maintain_order=True)


def extract_day(
    raw: pl.DataFrame, kb: KnowledgeBase
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The extraction chain of the plain pipeline on one day's raw articles.

    -> (articles, rejected_clean, sentences, entity_mentions, entities, event_candidates). The same
    transforms as the clean/entities/events assets, in one step: a partition run pays Dagster's
    per-step overhead once.
    """
    articles, rejected_clean = map_slices(raw, clean_articles)

    def extract(chunk: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        # One token table per slice, read by the entity and the event stage.
        chunk_sentences = split_sentences(chunk)
        tokens = build_tokens(chunk, chunk_sentences)
        mentions, entities = extract_entity_mentions(chunk, kb, chunk_sentences, tokens=tokens)
        candidates = extract_ruled_events(chunk, chunk_sentences, mentions, kb, tokens=tokens)
        return chunk_sentences, mentions, entities, candidates

    sentences, mentions, entities, candidates = map_slices(articles, extract)
    entities = entities.unique("entity_id", keep="first", maintain_order=True)
    return articles, rejected_clean, sentences, mentions, entities, candidates
