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

from orchestration.transforms.hashing import sha256_prefix

# CAMEO roots where both parties act on each other: consult (040-046), diplomatic cooperation (05x).
_BILATERAL = r"^0[45]"
# A line that only points to another article.
_FOOTER = r"^\W*(?:رابط الخبر|رابط المقال|رابط مختصر|اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|إقرأ أيضا|إقرأ ايضا|اقرأ المزيد|شاهد أيضا|شاهد ايضا|طالع أيضا)"
_ATTEND_VERB = r"(?:^|[\s،,.])(?:و|ف)?(?:حضر|حضرها|حضره)\s"
_ATTEND_NOUN = r"(?:^|[\s،,.])(?:و)?بحضور\s"
_GREETING = (
    r"(?:^|[\s،,.])(?:و|ف|فيما )?(?:نقل|ينقل|أبلغ|أبلغه|أبلغها|حمل|حمله|حملها|حمّله|ونقل)\s[^.]{0,80}?تحيات"
)
_GREETING_NOUN = r"(?:^|[\s،,.])(?:ب|و)?(?:ال)?تحيات"
# A country named as the place of the event, not its party: في/لدى/العاصمة/مدينة ... X, بـX.
_PLACE_BEFORE = r"(?:(?:^|\s)(?:في|فى|لدى|بمقر|مقر)|العاصمة|عاصمة|مدينة)\s+(?:(?:ال)?(?:دولة|جمهورية|مملكة|المملكة|الجمهورية)\s+)?$|(?:^|\s)و?ب$"
# The attendee named after بحضور starts within this many characters (honorifics included).
_ATTENDEE_REACH = 40
# How far (characters) a status word may stand from the trigger in either direction.
_STATUS_WINDOW = 60
_POSTPONED = r"(?:تأجيل|تأجل|أرجأ|أرجئ|ارجاء|إرجاء|الإرجاء|يرجئ|ترجئ|يؤجل|تؤجل|أجلت|أُجلت|أُجّلت|أُجّل|أجّل)"
_CANCELLED = r"(?:إلغاء|الغاء|ألغى|الغى|ألغي|ألغت|يلغي|تلغي|ألغيت|أُلغيت|أُلغي)"
# An announcement in the body: an imperfect verb trigger with a time later today or tomorrow
# (يلتقي اليوم، يستقبل مساء اليوم); an ongoing visit (حاليا) is no announcement. Headlines (the
# first sentence) use the imperfect for past events and are left alone.
_IMPERFECT = r"^(?:و|ف)?[يت](?:لتقي|ستقبل|جري|زور|عقد|بحث|جتمع|شارك|توجه)"
_LATER = r"^\S*\s+(?:\S+\s+){0,3}?(?:اليوم|مساء اليوم|ظهر اليوم|غدا|غداً|الليلة)(?:\s|$|[،,.])"
# An intended meeting: purpose ل + verbal noun right before the trigger (وصل ... لعقد لقاء، للقاء).
_PURPOSE = r"(?:^|\s)(?:لعقد|لإجراء|لاجراء|ليعقد|لتعقد)\s+(?:\S+\s+)?$"
_EXPECTED = r"(?:من المتوقع أن|ومن المتوقع أن|يتوقع أن|دعا\s[^.،]{0,60}?ل(?:زيارة|لقاء)|دعوة\s[^.،]{0,60}?ل(?:زيارة|لقاء)|دعاه ل|دعته ل)"

_KEYS = ["article_id", "sentence_index", "event_code", "actor1_entity_id", "actor2_entity_id"]


def _first_at(text: pl.Expr, pattern: str, start: pl.Expr) -> pl.Expr:
    """Character position of the first ``pattern`` at or after ``start`` in ``text`` (null: none)."""
    prefix = text.str.slice(start).str.extract(f"(?s)^(.*?){pattern}", 1)
    return start + prefix.str.len_chars().cast(pl.Int64)


def _country(code: pl.Expr) -> pl.Expr:
    """The state behind an actor code (``KWTGOV`` -> ``KWT``); null for IGOs and unknown codes."""
    return (
        pl.when(code.str.starts_with("IGO") | (code.str.len_chars() < 3))
        .then(None)
        .otherwise(code.str.slice(0, 3))
    )


def _institutional(entity: pl.Expr) -> pl.Expr:
    """A state, its organs or a role of it: not a person of the knowledge base or of the text."""
    return ~entity.str.starts_with("person:")


def _frames(c: pl.DataFrame) -> pl.DataFrame:
    """Sentence-relative positions of the trigger and of the frames after it."""
    s = pl.col("sentence")
    trig = pl.col("trig_rel")
    return c.with_columns(
        footer=s.str.contains(_FOOTER) | pl.col("after_link"),
        attend_verb=_first_at(s, _ATTEND_VERB, pl.lit(0, pl.Int64)),
        attend_noun=_first_at(s, _ATTEND_NOUN, trig),
        greeting=pl.coalesce(_first_at(s, _GREETING, trig), _first_at(s, _GREETING_NOUN, trig)),
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


def _positions(candidates: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    # «اقرأ أيضا..» may end a sentence of its own: the next one is then the linked headline.
    starts = sentences.sort("article_id", "sentence_index").select(
        "article_id",
        "sentence_index",
        s_start="char_start",
        after_link=pl.col("sentence")
        .shift(1)
        .over("article_id")
        .str.contains(_FOOTER + r"\W*$")
        .fill_null(False),
    )
    return (
        candidates.with_row_index("_row")
        .join(starts, on=["article_id", "sentence_index"], how="left")
        .with_columns(
            trig_rel=pl.col("action_char_offset") - pl.col("s_start"),
            a1_rel=pl.col("actor1_char_offset") - pl.col("s_start"),
            a2_rel=pl.col("actor2_char_offset") - pl.col("s_start"),
        )
    )


def _sentence_mentions(c: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """Each candidate with every mention of its sentence (relative position, country, kind)."""
    m = mentions.select(
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
        .agg(attendee_start=pl.col("m_rel").min(), attendee_end=pl.col("m_end_rel").sort_by("m_rel").first())
        # An attendee who is no known mention leaves the next mention (often the partner) alone.
        .filter(pl.col("attendee_start") <= pl.col("_attend_noun") + _ATTENDEE_REACH)
        .select("_row", "attendee_end")
    )
    return first


def _unfit(
    pos: pl.Expr, entity: pl.Expr, code: pl.Expr, other_entity: pl.Expr, other_code: pl.Expr
) -> pl.Expr:
    """True where an actor at ``pos`` cannot be a party of the candidate's event."""
    trig = pl.col("trig_rel")
    attendee = (pl.col("attend_from").is_not_null() & (pos > pl.col("attend_from"))) | (
        pl.col("attendee_end").is_not_null() & (pos > pl.col("attend_noun")) & (pos < pl.col("attendee_end"))
    )
    greeted = pl.col("greeting").is_not_null() & (pos > pl.col("greeting")) & (pl.col("greeting") > trig)
    bilateral = pl.col("event_code").str.contains(_BILATERAL)
    before = pl.col("sentence").str.slice(
        (pos - 25).clip(lower_bound=0), pos - (pos - 25).clip(lower_bound=0)
    )
    # The destination of a visit is its partner; for other kinds a country in a place phrase is not.
    located = (
        entity.str.starts_with("country:")
        & ~pl.col("event_code").str.starts_with("042")
        & before.str.contains(_PLACE_BEFORE)
    )
    same = (entity == other_entity) | (
        (_country(code) == _country(other_code)) & (_institutional(entity) | _institutional(other_entity))
    )
    return (attendee | greeted | located | (bilateral & same.fill_null(False))).fill_null(False)


def _fallback(cm: pl.DataFrame, bad: pl.DataFrame) -> pl.DataFrame:
    """Nearest fit mention of the sentence for the rejected side of each candidate (if any)."""
    rows = bad.select("_row", "bad_side")
    pool = cm.join(rows, on="_row").with_columns(
        keep_entity=pl.when(pl.col("bad_side") == 2).then("actor1_entity_id").otherwise("actor2_entity_id"),
        keep_code=pl.when(pl.col("bad_side") == 2).then("actor1_code").otherwise("actor2_code"),
        keep_rel=pl.when(pl.col("bad_side") == 2).then("a1_rel").otherwise("a2_rel"),
        lost_rel=pl.when(pl.col("bad_side") == 2).then("a2_rel").otherwise("a1_rel"),
    )
    fit = pool.filter(
        (pl.col("m_entity") != pl.col("actor1_entity_id"))
        & (pl.col("m_entity") != pl.col("actor2_entity_id"))
        & pl.col("m_type").is_in(["PERSON", "ORG", "PLACE"])
        & ~pl.col("m_entity").str.starts_with("place:")
        # The replacement stands on the same side of the kept actor as the rejected one did, or is
        # at least of another state (a compatriot on the other side is a list, not the partner).
        & (
            ((pl.col("m_rel") < pl.col("keep_rel")) == (pl.col("lost_rel") < pl.col("keep_rel")))
            | (_country(pl.col("m_code")) != _country(pl.col("keep_code"))).fill_null(True)
        )
        & ~_unfit(
            pl.col("m_rel"), pl.col("m_entity"), pl.col("m_code"), pl.col("keep_entity"), pl.col("keep_code")
        )
    )
    # A subject stands before the trigger and a partner after it; a person (the name after a title
    # such as وزير الخارجية القطري) before a state; then the closest.
    return (
        fit.with_columns(
            dist=(pl.col("m_rel") - pl.col("trig_rel")).abs(),
            wrong_side=(pl.col("m_rel") < pl.col("trig_rel")) == (pl.col("bad_side") == 2),
            state=~pl.col("m_entity").str.starts_with("person:"),
        )
        .sort("_row", "wrong_side", "state", "dist", "m_entity")
        .group_by("_row", maintain_order=True)
        .agg(
            new_entity=pl.col("m_entity").first(),
            new_code=pl.col("m_code").first(),
            new_offset=pl.col("m_start").first(),
        )
    )


def _status(c: pl.DataFrame) -> pl.DataFrame:
    s = pl.col("sentence")
    lo = (pl.col("trig_rel") - _STATUS_WINDOW).clip(lower_bound=0)
    near = s.str.slice(lo, 2 * _STATUS_WINDOW)
    back_lo = (pl.col("trig_rel") - 2 * _STATUS_WINDOW).clip(lower_bound=0)
    back = s.str.slice(back_lo, pl.col("trig_rel") - back_lo)
    purpose = ~pl.col("event_code").str.starts_with("042") & (
        back.str.contains(_PURPOSE) | pl.col("trigger").str.contains(r"^لل(?:قاء|اجتماع)")
    )
    after = s.str.slice(pl.col("trig_rel"), _STATUS_WINDOW)
    announced = (
        (pl.col("sentence_index") > 0)
        & pl.col("trigger").str.contains(_IMPERFECT)
        & after.str.contains(_LATER)
        & ~near.str.contains("حاليا")
    )
    return c.with_columns(
        status=pl.when(near.str.contains(_CANCELLED))
        .then(pl.lit("cancelled"))
        .when(near.str.contains(_POSTPONED))
        .then(pl.lit("postponed"))
        .when(
            (pl.col("status") == "occurred")
            & (near.str.contains(_EXPECTED) | back.str.contains(_EXPECTED) | purpose | announced)
        )
        .then(pl.lit("planned"))
        .otherwise(pl.col("status"))
    )


def apply_event_rules(
    candidates: pl.DataFrame, sentences: pl.DataFrame, mentions: pl.DataFrame
) -> pl.DataFrame:
    """Event candidates -> the same table without non-events, with fixed partners and statuses."""
    if candidates.height == 0:
        return candidates
    schema = candidates.schema
    c = _frames(_positions(candidates, sentences))
    c = c.filter(~pl.col("footer") & ~pl.col("attended"))
    cm = _sentence_mentions(c, mentions)
    c = c.join(_attendee_ends(cm), on="_row", how="left")
    cm = cm.join(c.select("_row", "attendee_end"), on="_row", how="left")
    c = c.with_columns(
        bad1=_unfit(
            pl.col("a1_rel"),
            pl.col("actor1_entity_id"),
            pl.col("actor1_code"),
            pl.col("actor2_entity_id"),
            pl.col("actor2_code"),
        )
        & pl.col("actor1_entity_id").is_not_null(),
        bad2=_unfit(
            pl.col("a2_rel"),
            pl.col("actor2_entity_id"),
            pl.col("actor2_code"),
            pl.col("actor1_entity_id"),
            pl.col("actor1_code"),
        )
        & pl.col("actor2_entity_id").is_not_null(),
    )
    # Self and own-state pairs flag both sides; the institutional side (or the partner) goes.
    c = c.with_columns(
        bad_side=pl.when(pl.col("bad1") & pl.col("bad2"))
        .then(
            pl.when(_institutional(pl.col("actor1_entity_id")) & ~_institutional(pl.col("actor2_entity_id")))
            .then(1)
            .otherwise(2)
        )
        .when(pl.col("bad1"))
        .then(1)
        .when(pl.col("bad2"))
        .then(2)
    )
    bad = c.filter(pl.col("bad_side").is_not_null())
    repl = _fallback(cm, bad)
    fixed = (
        bad.join(repl, on="_row", how="inner")
        .with_columns(
            actor1_entity_id=pl.when(pl.col("bad_side") == 1)
            .then("new_entity")
            .otherwise("actor1_entity_id"),
            actor1_code=pl.when(pl.col("bad_side") == 1).then("new_code").otherwise("actor1_code"),
            actor1_char_offset=pl.when(pl.col("bad_side") == 1)
            .then("new_offset")
            .otherwise("actor1_char_offset"),
            actor2_entity_id=pl.when(pl.col("bad_side") == 2)
            .then("new_entity")
            .otherwise("actor2_entity_id"),
            actor2_code=pl.when(pl.col("bad_side") == 2).then("new_code").otherwise("actor2_code"),
            actor2_char_offset=pl.when(pl.col("bad_side") == 2)
            .then("new_offset")
            .otherwise("actor2_char_offset"),
        )
        .select(c.columns)
    )
    out = pl.concat([c.filter(pl.col("bad_side").is_null()), fixed], how="vertical_relaxed").sort("_row")
    out = _status(out).unique(subset=_KEYS, keep="first", maintain_order=True)
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in _KEYS], separator="|")
    out = out.with_columns(mention_id=sha256_prefix(out.select(key.alias("k"))["k"]))
    return out.select(list(schema)).cast(schema)  # type: ignore[arg-type]
