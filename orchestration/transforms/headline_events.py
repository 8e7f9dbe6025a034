"""Events a headline reports when the body reports none (issue 11).

The cleaner takes the headline out of the body (``articles.title``), so an item whose event stands
only in its headline («العاصمة: وقفة احتجاجية أمام مقر السفارة الأمريكية بتونس», then background
paragraphs) gives nothing. The headline is read as a one-sentence text with the same chain (entities,
event candidates, rules: sentence 0, so a present-tense headline reports, «مساء اليوم» dates it
against the publication day, «إلغاء»/«تأجيل» put it off).

Choices, measured on the real held-out articles (issue 11):
- only for articles whose body yields no event at all: where the body reports events, the headline
  restates one of them, often with another reading of its actors (a role «نظيره الإيراني» for the
  name the body gives), and a second row would double it;
- only actors of the knowledge base (people, organizations, countries): a role actor or a person
  made up from a headline has no row in the entity tables when the body never names it;
- ``sentence_index`` is -1 and offsets count in the headline: no body sentence holds the event.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.reference import KnowledgeBase

HEADLINE_SENTENCE = -1
# Knowledge-base entities: every build lands them; a role actor or a found person lands only with a
# body mention.
_KNOWN = r"^(?:person|country|org):"
_NEW = ":new:"


def headline_events(articles: pl.DataFrame, body_events: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """Event candidates of the headlines of ``articles`` whose body gave no row in ``body_events``
    (same columns as ``body_events``)."""
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.event_rules import apply_event_rules, with_mention_ids
    from orchestration.transforms.events import extract_event_candidates

    if "title" not in articles.columns or body_events.width == 0:
        return body_events.clear()
    date = articles["published_date"] if "published_date" in articles.columns else None
    heads = (
        articles.with_columns(published_date=date if date is not None else pl.lit(None, pl.Date))
        .filter(pl.col("title").str.strip_chars().str.len_chars() > 0)
        .join(body_events.select("article_id").unique(), on="article_id", how="anti")
        .select("article_id", "published_date", body=pl.col("title"))
    )
    if heads.height == 0:
        return body_events.clear()
    sentences = heads.select(
        "article_id",
        sentence_index=pl.lit(0, pl.Int64),
        char_start=pl.lit(0, pl.Int64),
        char_end=pl.col("body").str.len_chars().cast(pl.Int64),
        sentence="body",
    )
    mentions, _ = extract_entity_mentions(heads, kb, sentences)
    found = apply_event_rules(extract_event_candidates(heads, sentences, mentions, kb), sentences, mentions)
    if found.height == 0:
        return body_events.clear()
    known = pl.all_horizontal(
        (pl.col(c).str.contains(_KNOWN) & ~pl.col(c).str.contains(_NEW)).fill_null(False)
        for c in ("actor1_entity_id", "actor2_entity_id")
    )
    out = with_mention_ids(
        found.filter(known).with_columns(sentence_index=pl.lit(HEADLINE_SENTENCE, pl.Int64))
    )
    return out.select(body_events.columns).cast(body_events.schema)  # type: ignore[arg-type]
