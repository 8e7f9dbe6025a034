"""extract_event_candidates: the stages of the events package, wired in order."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.arguments import attach_arguments
from orchestration.transforms.events.contracts import EVENT_CANDIDATES_SCHEMA
from orchestration.transforms.events.dates import (
    attach_dates,
    date_expressions,
    resolve_dates_and_status,
    text_publication_weekday,
)
from orchestration.transforms.events.lexicon import (
    EventLexicons,
    build_lexicon,
    load_event_lexicons,
    match_lexicon,
    trigger_needles,
)
from orchestration.transforms.events.roles import resolve_roles, unify_role_placeholders
from orchestration.transforms.events.selection import (
    locate,
    repeat_previous_event,
    select_candidates,
    to_event_candidates,
)
from orchestration.transforms.events.tokens import sentence_tokens, trigger_sentences
from orchestration.transforms.events.triggers import find_triggers
from orchestration.transforms.reference import KnowledgeBase


def extract_event_candidates(
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    kb: KnowledgeBase,
    lexicons: EventLexicons | None = None,
) -> pl.DataFrame:
    """One row per event mention (see ``docs/contracts.md``, table ``event_candidates``)."""
    lex = lexicons or load_event_lexicons()
    empty = pl.DataFrame(schema=EVENT_CANDIDATES_SCHEMA)
    if articles.height == 0 or sentences.height == 0:
        return empty
    lexicon = build_lexicon(kb.event_triggers, lex)
    kept = trigger_sentences(sentences, trigger_needles(lexicon))
    tokens = sentence_tokens(kept)
    if tokens.height == 0:
        return empty
    matches = match_lexicon(tokens, lexicon)
    triggers = find_triggers(matches, tokens, articles)
    if triggers.height == 0:
        return empty
    dates = date_expressions(articles, kept, tokens, matches)
    triggers = attach_dates(triggers, dates, tokens)
    mentions = entity_mentions.filter(pl.col("article_id").is_in(articles["article_id"].implode()))
    markers = matches.filter(pl.col("group") == "marker")
    actors = attach_arguments(triggers, unify_role_placeholders(mentions), tokens, markers)
    dyads = resolve_roles(triggers.filter(~pl.col("mk_dyad_back")), actors, kb)
    if dyads.height == 0 and not triggers["mk_dyad_back"].any():
        return empty
    pub = articles.select("article_id", "published_date").join(
        text_publication_weekday(dates), on="article_id", how="left"
    )
    cands = resolve_dates_and_status(select_candidates(dyads).join(pub, on="article_id", how="left"))
    repeated = repeat_previous_event(triggers.filter(pl.col("mk_dyad_back")), cands)
    cands = pl.concat([cands, repeated], how="diagonal_relaxed")
    return to_event_candidates(locate(cands, actors), sentences)
