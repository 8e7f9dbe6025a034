"""Sanity and status rules over event candidates, applied after extraction (issue 11).

Real wire copy fails in ways the extractor's local attachment cannot see; these rules look at the
whole sentence of a candidate and at the other mentions in it.

1. **Non-event frames.** A sentence that is a related-link or footer line (``رابط الخبر:``,
   ``اقرأ أيضا``) holds no event of the article. A trigger right after an attendance verb
   (``حضر الاستقبال ...``) is the attendance, not a meeting.
2. **Actors that cannot be the partner.** After the trigger, an attendee (the first actor after
   ``بحضور``, every actor after ``حضر``) and a party of conveyed greetings (after ``نقل/أبلغ/حمل ...
   تحيات``) is not a party of the event. For bilateral kinds (CAMEO 04 consult, 05 diplomatic
   cooperation) an actor paired with itself, or with its own country, its government or a generic
   role of its own country, is not the partner either: real bilateral reports do not pair a leader
   with his own state. Two people of one country stay a (domestic) pair.
3. **Fallback.** A candidate that loses one actor takes the nearest other mention of the sentence
   that passes the same checks; without one it is dropped.
4. **Status.** A postponement (``تأجيل``، ``أرجأ``) or cancellation (``إلغاء``، ``ألغى``) word in the
   trigger's neighbourhood makes the mention ``postponed``/``cancelled``; an expectation
   (``من المتوقع أن``) or an invitation (``دعا ... لزيارة``) makes it ``planned``.

Every rule is a column expression or a join; nothing loops over rows.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.event_rule_lists import drop_destination_lists

# The party checks and their fallback live in event_rule_parties.py (issue #10).
from orchestration.transforms.event_rule_parties import (
    fallback_mentions,
    flag_bad_sides,
    replace_bad_sides,
    speaker_at,
)
from orchestration.transforms.event_rule_patterns import (
    RulePatterns,
    load_rule_patterns,
)
from orchestration.transforms.event_rule_repeats import drop_orphan_repeats, received_visitors
from orchestration.transforms.event_rule_titles import appositions, title_holders, trailing_titles
from orchestration.transforms.event_status_rules import cluster_statuses, rule_statuses
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.events.co_members import list_pairs
from orchestration.transforms.events.compatriots import compatriot_sides, own_state_attacks
from orchestration.transforms.events.contracts import EVENT_KEYS, with_mention_ids
from orchestration.transforms.events.credentials import credential_events
from orchestration.transforms.events.mentions import strong_mentions
from orchestration.transforms.headline_events import headline_events
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.tokens import build_tokens

# The attendee named after بحضور starts within this many characters (honorifics included).
_ATTENDEE_REACH = 40
# ... and a named person within this many characters when one title chain (no comma) leads to him.
_TITLED_ATTENDEE_REACH = 120


def _first_at(text: pl.Expr, pattern: str, start: pl.Expr) -> pl.Expr:
    """Character position of the first ``pattern`` at or after ``start`` in ``text`` (null: none)."""
    prefix = text.str.slice(start).str.extract(f"(?s)^(.*?){pattern}", 1)
    return start + prefix.str.len_chars().cast(pl.Int64)


def _frames(c: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """Sentence-relative positions of the trigger and of the frames after it."""
    s = pl.col("sentence")
    trig = pl.col("trig_rel")
    return c.with_columns(
        footer=s.str.contains(p.footer) | pl.col("after_link"),
        attend_verb=_first_at(s, p.attend_verb, pl.lit(0, pl.Int64)),
        attend_noun=_first_at(s, p.attend_noun, trig),
        # The first greeting frame after the trigger, by its verb or by the noun alone: «ونقل
        # الوزير، في بداية الاستقبال، تحيات X …، فيما حمله Y تحياته» greets from the first تحيات on.
        greeting=pl.min_horizontal(_first_at(s, p.greeting, trig), _first_at(s, p.greeting_noun, trig)),
        letter=_first_at(s, p.letter, trig),
        sideline=_first_at(s, p.sideline, trig),
        speech_at=_first_at(s, p.speech, pl.lit(0, pl.Int64)),
        speech_end=_first_at(s, p.speech, pl.lit(0, pl.Int64))
        + s.str.extract(f"({p.speech})", 1).str.len_chars(),
    ).with_columns(
        # حضر X the reception: the trigger is the object of the attendance verb.
        attended=pl.col("attend_verb").is_not_null()
        & (pl.col("attend_verb") <= trig)
        & (trig - pl.col("attend_verb") <= 8),
        # Every actor after a later حضر is an attendee, and so is every actor after a بحضور that
        # follows both parties (the list closing the sentence).
        attend_from=pl.min_horizontal(
            pl.when(pl.col("attend_verb") > trig).then(pl.col("attend_verb")),
            pl.when(pl.col("attend_noun") > pl.max_horizontal("a1_rel", "a2_rel")).then(
                pl.col("attend_noun")
            ),
        ),
    )


def _positions(candidates: pl.DataFrame, sentences: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    # «اقرأ أيضا..» may end a sentence of its own: the next one is then the linked headline.
    starts = sentences.sort("article_id", "sentence_index").select(
        "article_id",
        "sentence_index",
        s_start="char_start",
        after_link=pl.col("sentence")
        .shift(1)
        .over("article_id")
        .str.contains(p.footer + r"\W*$")
        .fill_null(False),
    )
    # ``_row`` is the order ties are broken in (the first of two candidates that end up on one
    # dyad is kept): text order, then every other column, never the order the rows came in.
    text = ["article_id", "sentence_index", "action_char_offset", "actor1_char_offset", "actor2_char_offset"]
    rest = [c for c in candidates.columns if c not in text and not candidates.schema[c].is_nested()]
    return (
        candidates.sort([*text, *rest], nulls_last=True, maintain_order=True)
        .with_row_index("_row")
        .join(starts, on=["article_id", "sentence_index"], how="left", maintain_order="left")
        .with_columns(
            trig_rel=pl.col("action_char_offset") - pl.col("s_start"),
            a1_rel=pl.col("actor1_char_offset") - pl.col("s_start"),
            a2_rel=pl.col("actor2_char_offset") - pl.col("s_start"),
        )
    )


def _sentence_mentions(c: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """Each candidate with every mention of its sentence (relative position, country, kind); weak
    found names are no parties here either (``events.mentions.strong_mentions``)."""
    m = strong_mentions(mentions).select(
        "article_id",
        "sentence_index",
        m_entity="entity_id",
        m_start="char_start",
        m_end="char_end",
        m_code="actor_code",
        m_type="entity_type",
    )
    return c.join(m, on=["article_id", "sentence_index"], how="inner").with_columns(
        m_rel=pl.col("m_start") - pl.col("s_start"),
        m_end_rel=pl.col("m_end") - pl.col("s_start"),
    )


def _attendee_ends(cm: pl.DataFrame) -> pl.DataFrame:
    """Per candidate: end of the phrase right after بحضور (the attendee, its nested mentions too)."""
    first = (
        cm.filter(pl.col("attend_noun").is_not_null() & (pl.col("m_rel") > pl.col("attend_noun")))
        .with_columns(_attend_noun=pl.col("attend_noun"))
        .group_by("_row", "_attend_noun")
        # The end of the first mention after بحضور; of two readings starting there, the longer.
        .agg(
            attendee_start=pl.col("m_rel").min(),
            attendee_end=pl.col("m_end_rel").filter(pl.col("m_rel") == pl.col("m_rel").min()).max(),
        )
        # An attendee who is no known mention leaves the next mention (often the partner) alone.
        .filter(pl.col("attendee_start") <= pl.col("_attend_noun") + _ATTENDEE_REACH)
        .select("_row", "attendee_end")
    )
    # A long title chain may hold a nisba and run past the reach before its name («بحضور وزير
    # الشؤون الخارجية والتعاون الافريقي والمغاربة المقيمين بالخارج ناصر بوريطة، مع X»): the first
    # person after بحضور with no comma before him is the attendee too.
    between = pl.col("sentence").str.slice(pl.col("attend_noun"), pl.col("m_rel") - pl.col("attend_noun"))
    titled = (
        cm.filter(
            pl.col("attend_noun").is_not_null()
            & (pl.col("m_rel") > pl.col("attend_noun"))
            & (pl.col("m_rel") <= pl.col("attend_noun") + _TITLED_ATTENDEE_REACH)
            & pl.col("m_entity").str.contains(r"^(?:person|actor):")
        )
        .filter(~between.str.contains(r"[،,]"))
        .group_by("_row")
        .agg(
            attendee_end=pl.col("m_end_rel").sort_by(["m_rel", "m_end_rel"], descending=[False, True]).first()
        )
    )
    return pl.concat([first, titled]).group_by("_row").agg(pl.col("attendee_end").max())


def _invited(p: RulePatterns) -> pl.Expr:
    """A visit or meeting an invitation asks for («دعا X نظيره لزيارة طهران»، «جدد دعوته للرئيس
    للقيام بزيارة رسمية للكويت»): the trigger is the invitation's purpose, not an event."""
    head = pl.col("sentence").str.slice(0, pl.col("trig_rel"))
    purpose = pl.col("trigger").str.contains(r"^ل") | head.str.contains(r"لل(?:قيام|إجراء|اجراء)\s+$")
    return (head.str.contains(p.invited) & purpose).fill_null(False)


def apply_event_rules(
    candidates: pl.DataFrame,
    sentences: pl.DataFrame,
    mentions: pl.DataFrame,
    patterns: RulePatterns | None = None,
) -> pl.DataFrame:
    """Event candidates -> the same table without non-events, with fixed partners and statuses."""
    if candidates.height == 0:
        return candidates
    p = patterns or load_rule_patterns()
    schema = candidates.schema
    c = _frames(_positions(candidates, sentences, p), p)
    # A speaker as a party leaves no partner to fall back on: the subject is inside the quote.
    # A person only: a ministry's statement (ذكرت الوزارة أن الوزير …) still gives the minister's state.
    person1, person2 = (pl.col(f"actor{n}_entity_id").str.starts_with("person:") for n in (1, 2))
    spoken = ((person1 & speaker_at(pl.col("a1_rel"))) | (person2 & speaker_at(pl.col("a2_rel")))).fill_null(
        False
    )
    c = c.filter(~pl.col("footer") & ~pl.col("attended") & ~spoken & ~_invited(p))
    cm = _sentence_mentions(c, mentions)
    c = c.join(_attendee_ends(cm), on="_row", how="left")
    cm = cm.join(c.select("_row", "attendee_end"), on="_row", how="left")
    c = list_pairs(received_visitors(trailing_titles(title_holders(c, cm), cm, p)), cm)
    c = own_state_attacks(compatriot_sides(flag_bad_sides(appositions(c, cm, p), p), cm, p))
    bad = c.filter(pl.col("bad_side").is_not_null())
    fixed = replace_bad_sides(bad, fallback_mentions(cm, bad, p))
    out = pl.concat([c.filter(pl.col("bad_side").is_null()), fixed], how="vertical_relaxed").sort("_row")
    out = drop_orphan_repeats(drop_destination_lists(out, cm))
    out = cluster_statuses(rule_statuses(out, p)).unique(subset=EVENT_KEYS, keep="first", maintain_order=True)
    out = with_mention_ids(out)
    return out.select(list(schema)).cast(schema)  # type: ignore[arg-type]


def extract_ruled_events(
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    mentions: pl.DataFrame,
    kb: KnowledgeBase,
    tokens: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Event candidates of these articles, rules applied: the one chain of the plain and daily modes.

    ``tokens``: the shared token table of ``articles`` (built by the events stage when not given)."""
    if tokens is None:
        tokens = build_tokens(articles, sentences)
    extracted = extract_event_candidates(articles, sentences, mentions, kb, tokens=tokens)
    # Envoys listed after a credentials or reception sentence meet its host (events/credentials.py).
    events = credential_events(
        apply_event_rules(extracted, sentences, mentions), articles, tokens, sentences, mentions
    )
    # An item whose event stands in its headline alone (headline_events.py).
    heads = headline_events(articles, events, kb)
    return pl.concat([events, heads], how="vertical") if heads.height else events
