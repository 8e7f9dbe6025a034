"""Stage 5: roles. Per trigger, which actor is actor1 (subject) and which is actor2 (target).

Subject = nearest free actor before the trigger (after it for sentence-initial VSO verbs; the
genitive/relative agent right after a noun trigger; the sentence's main subject for possessed
nouns ``لقائه``/``كما هنأ``). Targets, in order of preference: actors governed by a marker in
the trigger's clause (one event per partner: lists of targets give one dyad each, a بين pair gives
both actors), else the direct object, else a coordinated pair ``بوتين وترامب في اتصالهما``, else
the two free actors of the clause. ``تلقى اتصالا من X`` swaps the roles.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events import agents, parties, protests
from orchestration.transforms.events.contracts import (
    ACTOR_COLS,
    ACTORISH,
    DYADS,
    KEYS,
    conform,
    first_by,
)
from orchestration.transforms.events.dropped import carried_subjects
from orchestration.transforms.events.passive import received

# The target passes live in targets.py (issue #10); load_event_frames stays importable from here.
from orchestration.transforms.events.targets import (
    VSO_SUBJECT_GAP,
    clause_pairs,
    coordinated_pairs,
    objects,
    partners,
)
from orchestration.transforms.events.targets import (
    load_event_frames as load_event_frames,
)
from orchestration.transforms.reference import KnowledgeBase

_KLASS_RANK = {"agent": 0, "state": 1, "place": 2}

_TRIGGER_COLS = [
    "t_id",
    *KEYS,
    "start",
    "end",
    "region_start",
    "region_end",
    "kind",
    "target",
    "event_code",
    "possessive",
    "dual",
    "passive",
    "agentive",
    "adverbial",
    "mk_main_subject",
    "bare_subject",
    "bare_start",
    "bare_end",
    "bare_char",
    "bare_person",
    "time_end",
    "later_d_start",
    "later_d_end",
    "relative",
    "rel_at",
]


def _from_first_found(column: str, prefixes: tuple[str, ...]) -> pl.Expr:
    """s_<column> from the first prefix whose entity_id is set (one mention, all its columns)."""
    expr = pl.when(pl.col(f"{prefixes[0]}entity_id").is_not_null()).then(pl.col(f"{prefixes[0]}{column}"))
    for prefix in prefixes[1:]:
        expr = expr.when(pl.col(f"{prefix}entity_id").is_not_null()).then(pl.col(f"{prefix}{column}"))
    return expr.alias(f"s_{column}")


def resolve_roles(triggers: pl.DataFrame, actors: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """Stage 5: one row per (trigger, target) with the rule that found it (contracts.DYADS),
    joined to its trigger's columns."""
    t = triggers.select(_TRIGGER_COLS)
    p = t.join(actors, on=KEYS).with_columns(
        before=pl.col("a_end") < pl.col("start"),
        after=pl.col("a_start") > pl.col("end"),
        krank=pl.col("klass").replace_strict(_KLASS_RANK, return_dtype=pl.Int64),
    )
    subj = subjects(t, p)
    # A protest's crowd after a partitive من, else the country it takes place in (protests.py).
    subj = pl.concat([subj, protests.partitive_crowds(t, p, subj)])
    subj = pl.concat([subj, protests.located_crowds(t, p, subj, kb)])
    between_rows, partner_rows = partners(p, subj)
    done = pl.concat([between_rows["t_id"], partner_rows["t_id"]]).unique()
    object_rows = objects(p, subj, done)
    done = pl.concat([done, object_rows["t_id"]]).unique()
    coord_rows = coordinated_pairs(t, actors, subj, done)
    done = pl.concat([done, coord_rows["t_id"]]).unique()
    clause_rows = clause_pairs(p, done)
    rows = pl.concat(
        [between_rows, partner_rows, object_rows, coord_rows, clause_rows], how="diagonal_relaxed"
    )
    rows = parties.expand_parties(received(t, p, subj, rows), actors, triggers, subj)
    rows = parties.places_to_states(rows, kb).filter(
        pl.col("s_entity_id").is_not_null()
        & pl.col("o_entity_id").is_not_null()
        & (pl.col("s_entity_id") != pl.col("o_entity_id"))
    )
    return conform(rows, DYADS, "roles").join(triggers, on="t_id")


def subjects(t: pl.DataFrame, p: pl.DataFrame) -> pl.DataFrame:
    """s_*: the grammatical subject of each trigger's clause."""
    # An actor right after من is a source/caller ("بطلب من بوتين", "اتصالا من X"), never the subject.
    # nor is the nisba of an attack's object ("استهداف سفينة أمريكية": the ship's flag)
    free_actor = p.filter(pl.col("free") & ACTORISH & ~pl.col("from_flag") & ~pl.col("object_nisba"))
    s_main = first_by(
        free_actor.filter(
            pl.col("before") & ~pl.col("relative") & (pl.col("possessive") | pl.col("mk_main_subject"))
        ).with_columns(nonperson=pl.col("entity_type") != "PERSON"),
        [pl.col("nonperson"), pl.col("krank"), pl.col("a_start")],
        "sm_",
    )
    s_near_after = first_by(
        free_actor.filter(
            # the pronoun of a possessed noun is its agent: "لقائه السفير" met the ambassador
            (pl.col("kind") == "noun")
            & ~pl.col("possessive")
            & ~pl.col("lprefix")
            & pl.col("after")
            & (pl.col("t_start") - pl.col("end") <= 2)
            & protests.NOT_STORMED
        ),
        [pl.col("a_start")],
        "sn_",
    )
    # A bare title after the verb is its subject (dropped.py): no named actor around it is.
    named_slot = free_actor.filter(~pl.col("bare_subject"))
    # A relative clause's subject is the antecedent right before its pronoun, or none.
    antecedent = ~pl.col("relative") | (pl.col("a_end") == pl.col("start") - 2)
    # A nisba right after another event noun is that noun's agent (agents.py).
    nisbas = pl.concat([agents.other_noun_nisbas(t, p), agents.fronted_noun_agents(t, p)])
    s_before = first_by(
        named_slot.filter(pl.col("before") & antecedent).join(nisbas, on=["t_id", "a_start"], how="anti"),
        [-pl.col("a_end")],
        "sb_",
    )
    s_after = first_by(
        named_slot.filter(
            pl.col("after")
            & ~pl.col("relative")
            & ~pl.col("lprefix")
            & ~pl.col("possessive")
            & (pl.col("a_start") <= pl.col("region_end"))
            # titles are part of the span ("تلقى صاحب السمو الشيخ X", "التقى اليوم صاحب السمو …")
            & (pl.col("t_start") - pl.col("end") <= VSO_SUBJECT_GAP)
            & protests.NOT_STORMED
        ),
        [pl.col("a_start")],
        "sa_",
    )
    # The possessor of a noun inside a relative clause is its antecedent (agents.py).
    s_relative = first_by(agents.relative_antecedents(p), [pl.col("a_start")], "sr_")
    subj = t.select("t_id")
    for part in (s_relative, s_main, s_near_after, s_before, s_after):
        subj = subj.join(part, on="t_id", how="left")
    # All columns come from the first slot that found a subject: coalescing column by column would
    # give a main subject without an actor code the code of another mention (the guest's).
    subj = subj.select(
        "t_id", *[_from_first_found(c, ("sr_", "sm_", "sn_", "sb_", "sa_")) for c in ACTOR_COLS]
    ).filter(pl.col("s_entity_id").is_not_null())
    carried = carried_subjects(t, subj).join(subj.select("t_id"), on="t_id", how="anti")
    return pl.concat([subj, carried.rename({f"sc_{c}": f"s_{c}" for c in ACTOR_COLS})])
