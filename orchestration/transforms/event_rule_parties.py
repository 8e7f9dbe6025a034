"""Party checks of the event rules (rules 2 and 3 of event_rules.py): which actor of a candidate
cannot be a party of its event, and the nearest fit mention of the sentence that replaces it.

Split out of event_rules.py (issue #10): the frame positions are computed there, the per-actor
verdicts and the fallback here. Every check is a column expression over the candidate rows.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.event_rule_patterns import (
    RulePatterns,
    country_of,
    institutional,
    organization_of,
    with_homes,
)

# CAMEO roots where both parties act on each other: consult (040-046), diplomatic cooperation (05x).
_BILATERAL = r"^0[45]"


def speaker_at(pos: pl.Expr) -> pl.Expr:
    """The speaker of «قال X إن …»: no party of an event reported after the complementizer."""
    return (
        (pos >= pl.col("speech_at"))
        & (pos < pl.col("speech_end"))
        & (pl.col("speech_end") <= pl.col("trig_rel"))
    )


def text_before(pos: pl.Expr, reach: int) -> pl.Expr:
    """The ``reach`` characters of the sentence before ``pos``."""
    start = (pos - reach).clip(lower_bound=0)
    return pl.col("sentence").str.slice(start, pos - start)


def unfit(
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
    before = text_before(pos, 25)
    # The destination of a visit and the area an attack hits ("قصفت … المواقع في قطاع غزة") are
    # its partner, and the country a demonstration is held in codes its crowd (protests.py); for
    # other kinds a country in a place phrase is not.
    located = ~pl.col("event_code").str.contains("^(?:042|1[489])") & (
        (entity.str.starts_with("country:") & before.str.contains(p.place_before))
        # An organization is the venue or where an envoy is accredited (لدى جامعة الدول العربية).
        | (entity.str.starts_with("org:") & before.str.contains(p.org_place))
    )
    # سفير خادم الحرمين الشريفين، لتمثيل الملك X: the person named is represented, not a party.
    represented = entity.str.starts_with("person:") & text_before(pos, 40).str.contains(p.represented)
    # A protest reported after «قال X إن» is never X's: a ministry or a state speaks, no crowd does.
    speaker = (entity.str.starts_with("person:") | pl.col("event_code").str.starts_with("14")) & speaker_at(
        pos
    )
    # An official of an international organization is not paired with it either ("اللقاء" of the
    # Arab League's Secretary-General is not one with the League).
    own = (country_of(code) == country_of(other_code)) | (
        organization_of(code) == organization_of(other_code)
    )
    same = (entity == other_entity) | (own & (institutional(entity) | institutional(other_entity)))
    framed = attendee | greeted | sender | setting
    return (framed | located | represented | speaker | (bilateral & same.fill_null(False))).fill_null(False)


def fallback_mentions(cm: pl.DataFrame, bad: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
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
        & ~unfit(
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
                & text_before(pl.col("lost_rel"), 40).str.contains(p.represented)
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


def flag_bad_sides(c: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """bad_side: 1 or 2 for the actor that cannot be a party, null when both can."""
    # An uncoded person is still of his state: the own-country check compares homes.
    c = with_homes(
        c, [("actor1_entity_id", "actor1_code", "_home1"), ("actor2_entity_id", "actor2_code", "_home2")]
    )
    a1 = (pl.col("a1_rel"), pl.col("actor1_entity_id"), pl.col("_home1"))
    a2 = (pl.col("a2_rel"), pl.col("actor2_entity_id"), pl.col("_home2"))
    bilateral = pl.col("event_code").str.contains(_BILATERAL)
    c = c.with_columns(
        bad1=(unfit(*a1, *a2[1:], p) | (bilateral & pl.col("title1")))
        & pl.col("actor1_entity_id").is_not_null(),
        bad2=(unfit(*a2, *a1[1:], p) | (bilateral & pl.col("title2")))
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


def replace_bad_sides(bad: pl.DataFrame, repl: pl.DataFrame) -> pl.DataFrame:
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
