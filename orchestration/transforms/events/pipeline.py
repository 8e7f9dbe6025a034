"""extract_event_candidates: the stages of the events package, wired in order."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.arguments import attach_arguments
from orchestration.transforms.events.asides import attribution_asides
from orchestration.transforms.events.contracts import EVENT_CANDIDATES_SCHEMA
from orchestration.transforms.events.date_status import (
    lead_dates,
    reconcile_publication_date,
    resolve_dates_and_status,
    text_publication_weekday,
    text_statuses,
)
from orchestration.transforms.events.dates import (
    attach_dates,
    date_expressions,
    over_trailing_dates,
)
from orchestration.transforms.events.dropped import mark_bare_subjects
from orchestration.transforms.events.duals import named_dual_heads
from orchestration.transforms.events.fronted import fronted_events
from orchestration.transforms.events.lexicon import (
    EventLexicons,
    build_lexicon,
    load_event_lexicons,
    match_lexicon,
    trigger_needles,
)
from orchestration.transforms.events.mentions import shared_actor_codes, unify_role_placeholders
from orchestration.transforms.events.roles import resolve_roles
from orchestration.transforms.events.selection import (
    locate,
    repeat_previous_event,
    select_candidates,
    to_event_candidates,
)
from orchestration.transforms.events.tokens import event_tokens, in_sentences
from orchestration.transforms.events.triggers import find_triggers
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.tokens import build_tokens


def extract_event_candidates(
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    kb: KnowledgeBase,
    lexicons: EventLexicons | None = None,
    tokens: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per event mention (see ``docs/contracts.md``, table ``event_candidates``).

    ``tokens`` is the shared token table of ``articles`` (``transforms.tokens.build_tokens`` with
    ``sentences``); it is built here when not given."""
    lex = lexicons or load_event_lexicons()
    empty = pl.DataFrame(schema=EVENT_CANDIDATES_SCHEMA)
    if articles.height == 0 or sentences.height == 0:
        return empty
    lexicon = build_lexicon(kb.event_triggers, lex)
    if tokens is None:
        tokens = build_tokens(articles, sentences)
    kept = event_tokens(tokens, trigger_needles(lexicon))
    if kept.height == 0:
        return empty
    matches = match_lexicon(kept, lexicon)
    # Everything but the article's stated weekday (relative dates, any kept sentence) happens in
    # the sentences that hold a trigger: the later stages work on those alone.
    with_trigger = (
        matches.filter((pl.col("group") == "trigger") & (pl.col("marker") == "trigger"))
        .select("article_id", "sentence_index")
        .unique()
    )
    toks = in_sentences(kept, with_trigger)
    triggers = find_triggers(matches, toks, articles)
    if triggers.height == 0:
        return empty
    sentences = in_sentences(sentences, with_trigger)
    dates = date_expressions(articles, sentences, kept, matches)
    # A source cited inside the clause («وفق ما ذكرت "واج"،») stands aside as a time word does.
    asides = pl.concat(
        [dates.select("article_id", "sentence_index", "d_start", "d_end"), attribution_asides(toks)],
        how="vertical_relaxed",
    )
    triggers = over_trailing_dates(attach_dates(triggers, dates, toks), asides)
    markers = matches.filter(pl.col("group") == "marker")
    actors = attach_arguments(triggers, _mentions(entity_mentions, articles, with_trigger), toks, markers)
    triggers = named_dual_heads(mark_bare_subjects(triggers, actors, toks, markers), actors, markers)
    roled = triggers.filter(~pl.col("mk_dyad_back"))
    # A fronted event noun (وفي اتصال هاتفي، بحث X مع Y) is read through the main clause after it.
    dyads = fronted_events(resolve_roles(roled, actors, kb), roled, actors)
    if dyads.height == 0 and not triggers["mk_dyad_back"].any():
        return empty
    # The printed date is checked against the weekday the lead states; events keep the weekday any
    # part of the text states (an undated "yesterday, Monday").
    pub = (
        reconcile_publication_date(
            articles.select("article_id", "published_date").join(
                text_publication_weekday(lead_dates(dates, kept, articles)), on="article_id", how="left"
            )
        )
        .drop("text_pub_weekday")
        .join(text_publication_weekday(dates), on="article_id", how="left")
    )
    cands = resolve_dates_and_status(
        text_statuses(select_candidates(dyads), sentences).join(pub, on="article_id", how="left")
    )
    repeated = repeat_previous_event(triggers.filter(pl.col("mk_dyad_back")), cands)
    cands = pl.concat([cands, repeated], how="diagonal_relaxed")
    return to_event_candidates(locate(cands, actors), sentences)


def _mentions(mentions: pl.DataFrame, articles: pl.DataFrame, with_trigger: pl.DataFrame) -> pl.DataFrame:
    """The mentions of the trigger sentences, role placeholders resolved over the whole article."""
    mentions = shared_actor_codes(
        unify_role_placeholders(mentions.join(articles.select("article_id"), on="article_id", how="semi"))
    )
    if "sentence_index" in mentions.columns and mentions["sentence_index"].null_count() == 0:
        # A mention's sentence is the one it starts in, as for tokens.
        return in_sentences(mentions, with_trigger)
    return mentions
