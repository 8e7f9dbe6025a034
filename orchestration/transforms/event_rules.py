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
from orchestration.transforms.event_rule_patterns import (
    RulePatterns,
    country_of,
    institutional,
    load_rule_patterns,
    organization_of,
    with_homes,
)
from orchestration.transforms.event_rule_repeats import drop_orphan_repeats, received_visitors
from orchestration.transforms.event_rule_titles import appositions, title_holders, trailing_titles
from orchestration.transforms.event_status_rules import cluster_statuses, rule_statuses
from orchestration.transforms.events import extract_event_candidates
from orchestration.transforms.events.mentions import strong_mentions
from orchestration.transforms.hashing import sha256_prefix
from orchestration.transforms.reference import KnowledgeBase

# CAMEO roots where both parties act on each other: consult (040-046), diplomatic cooperation (05x).
_BILATERAL = r"^0[45]"
# The attendee named after بحضور starts within this many characters (honorifics included).
_ATTENDEE_REACH = 40


_KEYS = ["article_id", "sentence_index", "event_code", "actor1_entity_id", "actor2_entity_id"]


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
        # Every actor after a later حضر is an attendee.
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
    return first


def _speaker(pos: pl.Expr) -> pl.Expr:
    """The speaker of «قال X إن …»: no party of an event reported after the complementizer."""
    return (
        (pos >= pl.col("speech_at"))
        & (pos < pl.col("speech_end"))
        & (pl.col("speech_end") <= pl.col("trig_rel"))
    )


def _text_before(pos: pl.Expr, reach: int) -> pl.Expr:
    """The ``reach`` characters of the sentence before ``pos``."""
    start = (pos - reach).clip(lower_bound=0)
    return pl.col("sentence").str.slice(start, pos - start)


def _unfit(
    pos: pl.Expr, entity: pl.Expr, code: pl.Expr, other_entity: pl.Expr, other_code: pl.Expr, p: RulePatterns
) -> pl.Expr:
    """True where an actor at ``pos`` cannot be a party of the candidate's event."""
    trig = pl.col("trig_rel")
    attendee = (pl.col("attend_from").is_not_null() & (pos > pl.col("attend_from"))) | (
        pl.col("attendee_end").is_not_null() & (pos > pl.col("attend_noun")) & (pos < pl.col("attendee_end"))
    )
    greeted = pl.col("greeting").is_not_null() & (pos > pl.col("greeting")) & (pl.col("greeting") > trig)
    sender = pl.col("letter").is_not_null() & (pos > pl.col("letter"))
    # «…، وذلك على هامش القمة / مباحثات برئاسة X»: what follows هامش is the setting, not a party.
    setting = pl.col("sideline").is_not_null() & (pos > pl.col("sideline") + 4)
    bilateral = pl.col("event_code").str.contains(_BILATERAL)
    before = pl.col("sentence").str.slice(
        (pos - 25).clip(lower_bound=0), pos - (pos - 25).clip(lower_bound=0)
    )
    # The destination of a visit and the area an attack hits ("قصفت … المواقع في قطاع غزة") are
    # its partner, and the country a demonstration is held in codes its crowd (protests.py); for
    # other kinds a country in a place phrase is not.
    located = ~pl.col("event_code").str.contains("^(?:042|1[489])") & (
        (entity.str.starts_with("country:") & before.str.contains(p.place_before))
        # An organization is the venue or where an envoy is accredited (لدى جامعة الدول العربية).
        | (entity.str.starts_with("org:") & before.str.contains(p.org_place))
    )
    # سفير خادم الحرمين الشريفين، لتمثيل الملك X: the person named is represented, not a party.
    represented = entity.str.starts_with("person:") & _text_before(pos, 40).str.contains(p.represented)
    # A protest reported after «قال X إن» is never X's: a ministry or a state speaks, no crowd does.
    speaker = (entity.str.starts_with("person:") | pl.col("event_code").str.starts_with("14")) & _speaker(pos)
    # An official of an international organization is not paired with it either ("اللقاء" of the
    # Arab League's Secretary-General is not one with the League).
    own = (country_of(code) == country_of(other_code)) | (
        organization_of(code) == organization_of(other_code)
    )
    same = (entity == other_entity) | (own & (institutional(entity) | institutional(other_entity)))
    framed = attendee | greeted | sender | setting
    return (framed | located | represented | speaker | (bilateral & same.fill_null(False))).fill_null(False)


def _fallback(cm: pl.DataFrame, bad: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """Nearest fit mention of the sentence for the rejected side of each candidate (if any)."""
    rows = bad.select("_row", "bad_side")
    pool = cm.join(rows, on="_row").with_columns(
        keep_entity=pl.when(pl.col("bad_side") == 2).then("actor1_entity_id").otherwise("actor2_entity_id"),
        keep_code=pl.when(pl.col("bad_side") == 2).then("actor1_code").otherwise("actor2_code"),
        keep_rel=pl.when(pl.col("bad_side") == 2).then("a1_rel").otherwise("a2_rel"),
        lost_rel=pl.when(pl.col("bad_side") == 2).then("a2_rel").otherwise("a1_rel"),
        lost_entity=pl.when(pl.col("bad_side") == 2).then("actor2_entity_id").otherwise("actor1_entity_id"),
    )
    pool = with_homes(pool, [("m_entity", "m_code", "m_home"), ("keep_entity", "keep_code", "keep_home")])
    # «وصل الملك … إلى الرياض»: a visit to the visitor's own state is a homecoming, no visit to
    # whoever else the sentence names (the welcoming party, the title's other reading).
    home = (
        pl.col("event_code").str.starts_with("042")
        & (pl.col("lost_entity") == pl.concat_str(pl.lit("country:"), country_of(pl.col("keep_home"))))
    ).fill_null(False)
    fit = pool.filter(
        ~home
        & (pl.col("m_entity") != pl.col("actor1_entity_id"))
        & (pl.col("m_entity") != pl.col("actor2_entity_id"))
        & pl.col("m_type").is_in(["PERSON", "ORG", "PLACE"])
        & ~pl.col("m_entity").str.starts_with("place:")
        # The replacement stands on the same side of the kept actor as the rejected one did, or is
        # at least of another state (a compatriot on the other side is a list, not the partner).
        & (
            ((pl.col("m_rel") < pl.col("keep_rel")) == (pl.col("lost_rel") < pl.col("keep_rel")))
            | (country_of(pl.col("m_code")) != country_of(pl.col("keep_code"))).fill_null(True)
        )
        & ~_unfit(
            pl.col("m_rel"),
            pl.col("m_entity"),
            pl.col("m_home"),
            pl.col("keep_entity"),
            pl.col("keep_home"),
            p,
        )
    )
    # A subject stands before the trigger and a partner after it; a person (the name after a title
    # such as وزير الخارجية القطري) before a state; then the closest.
    return (
        fit.with_columns(
            dist=(pl.col("m_rel") - pl.col("trig_rel")).abs(),
            wrong_side=(pl.col("m_rel") < pl.col("trig_rel")) == (pl.col("bad_side") == 2),
            state=~pl.col("m_entity").str.starts_with("person:"),
            # «استقبل مبعوث الرئيس X، أمين سر … Y»: the envoy is described after his sender.
            not_envoy=~(
                pl.col("lost_entity").str.starts_with("person:")
                & _text_before(pl.col("lost_rel"), 40).str.contains(p.represented)
                & (pl.col("m_rel") > pl.col("lost_rel"))
            ).fill_null(False),
        )
        .sort(
            "_row",
            "wrong_side",
            "not_envoy",
            "state",
            "dist",
            "m_entity",
            "m_start",
            "m_code",
            nulls_last=True,
        )
        .group_by("_row", maintain_order=True)
        .agg(
            new_entity=pl.col("m_entity").first(),
            new_code=pl.col("m_code").first(),
            new_offset=pl.col("m_start").first(),
        )
    )


def _invited(p: RulePatterns) -> pl.Expr:
    """A visit or meeting an invitation asks for («دعا X نظيره لزيارة طهران»، «جدد دعوته للرئيس
    للقيام بزيارة رسمية للكويت»): the trigger is the invitation's purpose, not an event."""
    head = pl.col("sentence").str.slice(0, pl.col("trig_rel"))
    purpose = pl.col("trigger").str.contains(r"^ل") | head.str.contains(r"لل(?:قيام|إجراء|اجراء)\s+$")
    return (head.str.contains(p.invited) & purpose).fill_null(False)


def _flag(c: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """bad_side: 1 or 2 for the actor that cannot be a party, null when both can."""
    # An uncoded person is still of his state: the own-country check compares homes.
    c = with_homes(
        c, [("actor1_entity_id", "actor1_code", "_home1"), ("actor2_entity_id", "actor2_code", "_home2")]
    )
    a1 = (pl.col("a1_rel"), pl.col("actor1_entity_id"), pl.col("_home1"))
    a2 = (pl.col("a2_rel"), pl.col("actor2_entity_id"), pl.col("_home2"))
    bilateral = pl.col("event_code").str.contains(_BILATERAL)
    c = c.with_columns(
        bad1=(_unfit(*a1, *a2[1:], p) | (bilateral & pl.col("title1")))
        & pl.col("actor1_entity_id").is_not_null(),
        bad2=(_unfit(*a2, *a1[1:], p) | (bilateral & pl.col("title2")))
        & pl.col("actor2_entity_id").is_not_null(),
    )
    # Self and own-state pairs flag both sides; the institutional side (or the partner) goes.
    first_goes = institutional(pl.col("actor1_entity_id")) & ~institutional(pl.col("actor2_entity_id"))
    return c.with_columns(
        bad_side=pl.when(pl.col("bad1") & pl.col("bad2"))
        .then(pl.when(first_goes).then(1).otherwise(2))
        .when(pl.col("bad1"))
        .then(1)
        .when(pl.col("bad2"))
        .then(2)
    )


def _replace(bad: pl.DataFrame, repl: pl.DataFrame) -> pl.DataFrame:
    """Put each replacement on the rejected side; candidates without one are gone."""
    out = bad.join(repl, on="_row", how="inner")
    for n in (1, 2):
        mine = pl.col("bad_side") == n
        out = out.with_columns(
            pl.when(mine).then("new_entity").otherwise(f"actor{n}_entity_id").alias(f"actor{n}_entity_id"),
            pl.when(mine).then("new_code").otherwise(f"actor{n}_code").alias(f"actor{n}_code"),
            pl.when(mine)
            .then("new_offset")
            .otherwise(f"actor{n}_char_offset")
            .alias(f"actor{n}_char_offset"),
        )
    return out.select(bad.columns)


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
    spoken = ((person1 & _speaker(pl.col("a1_rel"))) | (person2 & _speaker(pl.col("a2_rel")))).fill_null(
        False
    )
    c = c.filter(~pl.col("footer") & ~pl.col("attended") & ~spoken & ~_invited(p))
    cm = _sentence_mentions(c, mentions)
    c = c.join(_attendee_ends(cm), on="_row", how="left")
    cm = cm.join(c.select("_row", "attendee_end"), on="_row", how="left")
    c = received_visitors(trailing_titles(title_holders(c, cm), cm, p))
    c = _flag(appositions(c, cm, p), p)
    bad = c.filter(pl.col("bad_side").is_not_null())
    fixed = _replace(bad, _fallback(cm, bad, p))
    out = pl.concat([c.filter(pl.col("bad_side").is_null()), fixed], how="vertical_relaxed").sort("_row")
    out = drop_orphan_repeats(drop_destination_lists(out, cm))
    out = cluster_statuses(rule_statuses(out, p)).unique(subset=_KEYS, keep="first", maintain_order=True)
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in _KEYS], separator="|")
    out = out.with_columns(mention_id=sha256_prefix(out.select(key.alias("k"))["k"]))
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
    extracted = extract_event_candidates(articles, sentences, mentions, kb, tokens=tokens)
    return apply_event_rules(extracted, sentences, mentions)
