"""Own-state pairs the party checks of event_rules miss (issue 11, own-country pairs): compatriots
paired beside a foreign party (``compatriot_sides``) and attacks of a state by its own forces
(``own_state_attacks``).

Real bilateral reports name the hosts of a visit one after the other and leave the guest in another
clause: «إذ استقبله في مطار بيروت نظيره اللبناني X، …، والتقى هناك رئيس الحكومة Y» (the guest met
Y), «يعدّ هذا اللقاء الثاني للرئيس التونسي بوزير الخارجية الجزائري، حيث كان قد استقبله …، بعد
إعلان سعيّد … إقالة رئيس الوزراء Z». Attachment then pairs two people of one state while the person
of the other state, the real partner, stands elsewhere in the same sentence. Two people of one state
stay a (domestic) pair when nobody of a third state is named in the sentence («استقبل الرئيس عون
رئيس الحكومة الحريري»); with such a person there, the compatriot farther from the trigger is the
wrong side and the rules' fallback (``event_rule_parties.fallback_mentions``) replaces him.

Works on the per-candidate frames of ``event_rules`` (``_row``, ``trig_rel``, ``a1_rel``...) and
their sentence mentions (``m_entity``, ``m_code``, ``m_rel``...); every step is a column expression
or a join.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.event_rule_parties import unfit
from orchestration.transforms.event_rule_patterns import RulePatterns, country_of, with_homes

# CAMEO roots where both parties act on each other: consult (040-046), diplomatic cooperation (05x).
_BILATERAL = r"^0[45]"


def _compatriots(c: pl.DataFrame) -> pl.DataFrame:
    """Candidates (not yet flagged) whose two parties are different people of one state; the
    states come from ``flag_bad_sides`` (``_home1``/``_home2``: the code, else the person's state)."""
    state = country_of(pl.col("_home1"))
    return c.filter(
        pl.col("bad_side").is_null()
        & pl.col("event_code").str.contains(_BILATERAL)
        & pl.col("actor1_entity_id").str.starts_with("person:")
        & pl.col("actor2_entity_id").str.starts_with("person:")
        & (pl.col("actor1_entity_id") != pl.col("actor2_entity_id"))
        & state.is_not_null()
        & (state == country_of(pl.col("_home2")))
    ).select("_row", "_home1", "actor1_entity_id", _state=state)


def compatriot_sides(c: pl.DataFrame, cm: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """``bad_side`` also set (to the compatriot farther from the trigger) where a person or role of a
    third state, fit to be a party, is named in the sentence of a two-compatriot candidate."""
    pairs = _compatriots(c)
    if pairs.height == 0:
        return c
    keep = pairs.rename({"_home1": "_khome", "actor1_entity_id": "_kentity"})
    pool = with_homes(cm.join(keep, on="_row"), [("m_entity", "m_code", "m_home")])
    home = country_of(pl.col("m_home"))
    foreign = (
        pool.filter(
            pl.col("m_entity").str.contains(r"^(?:person|actor):")
            & home.is_not_null()
            & (home != pl.col("_state"))
            # An attendee, a greeted ruler or a speaker is no party, so no sign of one either.
            & ~unfit(
                pl.col("m_rel"), pl.col("m_entity"), pl.col("m_home"), pl.col("_kentity"), pl.col("_khome"), p
            )
        )
        .select("_row")
        .unique()
        .with_columns(_foreign=pl.lit(True))
    )
    far = (pl.col("a1_rel") - pl.col("trig_rel")).abs() > (pl.col("a2_rel") - pl.col("trig_rel")).abs()
    flagged = pl.col("bad_side").is_null() & pl.col("_foreign").fill_null(False)
    return (
        c.join(foreign, on="_row", how="left", maintain_order="left")
        .with_columns(
            bad_side=pl.when(flagged)
            .then(pl.when(far).then(1).otherwise(2))
            .otherwise(pl.col("bad_side"))
            .cast(c.schema["bad_side"])
        )
        .drop("_foreign")
    )


# Attacks and assaults (CAMEO 18, 19).
_ATTACK = r"^1[89]"


def own_state_attacks(c: pl.DataFrame) -> pl.DataFrame:
    """``bad_side`` also set where an attack pairs a state with a force, group or official of its
    own: «شنت مقاتلات تابعة للتحالف العربي … غارات على العاصمة اليمنية صنعاء، الواقعة تحت سيطرة
    الحوثيين» is no Houthi strike on Yemen, «على خلفية استهداف مطار الرياض» no strike of the
    coalition on Saudi Arabia, «أبو مهدي المهندس نائب قائد قوات الحشد الشعبي …، في غارة جوية لطائرة
    أمريكية» no strike of the Popular Mobilization on Iraq. The state is the area hit; the one of its
    own paired with it was read from a place or relative clause, so that side goes and the rules'
    fallback takes another mention of the sentence (none: the candidate is dropped)."""
    state1 = pl.col("actor1_entity_id").str.starts_with("country:")
    state2 = pl.col("actor2_entity_id").str.starts_with("country:")
    home1, home2 = country_of(pl.col("_home1")), country_of(pl.col("_home2"))
    own = (
        pl.col("bad_side").is_null()
        & pl.col("event_code").str.contains(_ATTACK)
        & (state1 | state2)
        & (home1 == home2)
    ).fill_null(False)
    return c.with_columns(
        bad_side=pl.when(own)
        .then(pl.when(state1 & ~state2).then(2).otherwise(1))
        .otherwise(pl.col("bad_side"))
        .cast(c.schema["bad_side"])
    )
