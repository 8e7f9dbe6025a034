"""Stage 5, targets: per trigger, actor2 once its subject is known (roles.subjects).

Split out of roles.py (issue #10): finding the subject and finding its partners are two passes
with their own gaps and markers. In order of preference: actors governed by a frame marker in the
trigger's clause (a بين pair gives both actors), else the direct object, else a coordinated pair
``بوتين وترامب في اتصالهما``, else the two free actors of the clause.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.events import parties, protests, settings
from orchestration.transforms.events.contracts import (
    ACTOR_COLS,
    ACTORISH,
    KEYS,
    actors_as,
    first_by,
)
from orchestration.transforms.events.windows import row_in_group, shift_in_group
from orchestration.transforms.reference import REFERENCE_DIR, read_table

# A VSO subject follows its verb at once (titles are part of the mention); a coordinated pair
# "X وY" is the pair of the trigger only when it touches the trigger's clause.
VSO_SUBJECT_GAP = 8
_COORD_PAIR_GAP = 3
# بين pairs belong to the trigger only when the marker is this close ("لقاء بين X وY"); further on
# it usually hangs on another noun ("اللقاء تناول العلاقات بين مصر والولايات المتحدة").
_BETWEEN_GAP = 2
_BI_GAP = 4
# ... or after the verb's subject and a place phrase: "التقى X في قصر الاتحادية بالقاهرة بالرئيس Y"
# (في within 3 words of the subject, the partner at most this many words after the subject).
_BI_LOCATED_GAP = 7
# Visits and attacks may target a place (it becomes a state in places_to_states).
# ``aimed``: what is fired (صواريخ، قذائف) hits only what a marker names (باتجاه X، على X).
_FORCE_TARGETS = ["against", "aimed"]
_VISIT_OR_FORCE = pl.col("event_code").str.starts_with("042") | pl.col("target").is_in(_FORCE_TARGETS)
# "بوتين وترامب في اتصالهما" / "بحث بوتين وترامب": the pair touches the trigger's clause.
_PAIR_NEAR_TRIGGER = (
    pl.max_horizontal(
        pl.col("start") - pl.max_horizontal("a_end", "s_a_end"),
        pl.min_horizontal("a_start", "s_a_start") - pl.col("end"),
    )
    <= _COORD_PAIR_GAP
)
# A departure (frame depart: توجه/غادر X إلى Y) goes to a place or a state, never to a person or an
# organization ("توجه X إلى الرئيس" is an address, "توجه إلى مقر الوزارة" a local move).
_DEPART_TO_PLACE = (pl.col("target") != "depart") | pl.col("klass").is_in(["state", "place"])
# A country is never the target of its own forces: the next candidate is.
_NOT_OWN_TARGET = (
    (pl.col("klass") != "state")
    | ~pl.col("target").is_in(_FORCE_TARGETS)
    | (pl.col("actor_code").str.slice(0, 3) != pl.col("s_actor_code").str.slice(0, 3)).fill_null(True)
)


@lru_cache(maxsize=4)
def load_event_frames(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """Trigger frames: per ``target`` class (and CAMEO code prefix), the markers of a partner."""
    frames = read_table("event_frames.csv", reference_dir)
    return frames.select("target", "marker", code_prefix=pl.col("code_prefix").fill_null(""))


def partners(p: pl.DataFrame, subj: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(بين pairs, subject x each partner governed by a marker in the trigger's clause)."""
    # The trigger's frame says which markers introduce its partner (data/reference/event_frames.csv).
    p = p.with_row_index("_pid")
    framed = (
        p.select("_pid", "target", "event_code", marker="gov_kind")
        .join(load_event_frames(), on=["target", "marker"])
        .filter(pl.col("event_code").str.starts_with(pl.col("code_prefix")))
        .select("_pid")
        .unique()
    )
    allowed = pl.col("_pid").is_in(framed["_pid"].implode())
    in_clause = (pl.col("gov_tok") >= pl.col("start")) & (pl.col("gov_tok") <= pl.col("region_end"))
    before_clause = (
        pl.col("adverbial")
        & (pl.col("gov_tok") >= pl.col("region_start"))
        & (pl.col("gov_tok") < pl.col("start"))
    )
    near_between = (pl.col("gov_kind") != "between") | (
        pl.col("gov_tok") - pl.col("time_end") <= _BETWEEN_GAP
    )
    # بـ is the trigger's "with" only right after it ("اتصالاً هاتفياً اليوم بأخيه …"); further on it
    # hangs on another noun ("وعدد من المسؤولين بوزارة الخارجية").
    # (or right after the verb's subject: "التقى الأمير فيصل بن فرحان بوزير خارجية نيجيريا")
    p = (
        p.sort("t_id", "a_start")
        .with_columns(
            prev_end=shift_in_group(pl.col("a_end"), 1, ["t_id"]),
            prev_in_at=shift_in_group(pl.col("in_at"), 1, ["t_id"]),
        )
        .join(subj.select("t_id", "s_a_end"), on="t_id", how="left")
    )
    near_bi = (
        (pl.col("gov_kind") != "bi")
        | (pl.col("t_start") - pl.col("time_end") <= _BI_GAP)
        | ((pl.col("prev_end") > pl.col("end")) & (pl.col("t_start") - pl.col("prev_end") <= 1))
        | pl.col("_pid").is_in(_bi_after_subject_time(p)["_pid"].implode())
        | (
            (pl.col("prev_end") == pl.col("s_a_end"))
            & (pl.col("s_a_end") > pl.col("end"))
            & (pl.col("prev_in_at") < pl.col("t_start"))
            & (pl.col("t_start") - pl.col("prev_end") <= _BI_LOCATED_GAP)
        )
    ).fill_null(False)
    found = p.filter(
        ~pl.col("free")
        & allowed
        & (in_clause | before_clause | protests.FRONTED_SEAT)
        & (ACTORISH | _VISIT_OR_FORCE)
        & near_between
        & near_bi
        & _DEPART_TO_PLACE
    )
    # As for objects, a country is never the target of its own forces ("قصفت طائرات إسرائيلية
    # المواقع … بعد إطلاق صاروخين باتجاه إسرائيل").
    found = found.join(subj.select("t_id", "s_actor_code"), on="t_id", how="left").filter(_NOT_OWN_TARGET)
    found = settings.earlier_clause_markers(found, p)
    best = found.group_by("t_id").agg(best_rank=pl.col("krank").min())
    found = found.join(best, on="t_id", how="left").filter(pl.col("krank") == pl.col("best_rank"))
    # برئاسة X وY and بمشاركة X وY (parties.participant_lists) name both parties, as بين does.
    found = parties.participant_lists(found, p)
    between = found.filter(pl.col("gov_kind").is_in(parties.PAIR_MARKERS)).sort("t_id", "a_start")
    between = between.with_columns(n=row_in_group(["t_id"])).filter(pl.col("n") < 2)
    between_pairs = (
        between.filter(pl.col("n") == 0)
        .select("t_id", *actors_as("s_"))
        .join(between.filter(pl.col("n") == 1).select("t_id", *actors_as("o_")), on="t_id")
        .with_columns(rule=pl.lit("between"))
    )
    with_partners = found.filter(~pl.col("t_id").is_in(between_pairs["t_id"].implode())).select(
        "t_id", *actors_as("o_")
    )
    return between_pairs, subj.join(with_partners, on="t_id").with_columns(rule=pl.lit("partner"))


def _bi_after_subject_time(p: pl.DataFrame) -> pl.DataFrame:
    """(_pid): a بـ partner right after the verb's own subject (no actor between), its trailing
    titles and a time word: "التقى X، وزير الخارجية، اليوم الجمعة، بنظيره …" (the date ends at
    most ``_BI_GAP`` words before the partner and starts within the subject's title gap)."""
    rows = p.filter(
        (pl.col("gov_kind") == "bi")
        & (pl.col("prev_end") == pl.col("s_a_end"))
        & (pl.col("s_a_end") > pl.col("end"))
        & pl.col("later_d_start").is_not_null()
    ).select("_pid", "t_start", "s_a_end", "later_d_start", "later_d_end")
    return (
        rows.explode("later_d_start", "later_d_end")
        .filter(
            (pl.col("later_d_start") > pl.col("s_a_end"))
            & (pl.col("later_d_start") - pl.col("s_a_end") <= VSO_SUBJECT_GAP)
            & (pl.col("later_d_end") < pl.col("t_start"))
            & (pl.col("t_start") - pl.col("later_d_end") <= _BI_GAP)
        )
        .select("_pid")
        .unique()
    )


def objects(p: pl.DataFrame, subj: pl.DataFrame, done: pl.Series) -> pl.DataFrame:
    """Direct object: the first free actor after the trigger in its clause (not the subject, nor
    an actor coordinated with it: «استقبل X وY اليوم Z» has two hosts and one guest, Z)."""
    s_chain = (
        p.join(subj.select("t_id", "s_a_start"), on="t_id")
        .filter(pl.col("a_start") == pl.col("s_a_start"))
        .select("t_id", s_chain="chain")
        .unique("t_id")
    )
    obj = (
        p.filter(pl.col("free") & pl.col("after") & (pl.col("a_start") <= pl.col("region_end")))
        .join(s_chain, on="t_id", how="left")
        # only meetings: the two signatories of «وقع X وY مذكرة» are each other's partners, and
        # without another actor the co-subject still is the object («التقى X وY»)
        .with_columns(
            co_subject=(
                (pl.col("chain") == pl.col("s_chain")) & pl.col("event_code").str.starts_with("04")
            ).fill_null(False)
        )
        .filter(ACTORISH | _VISIT_OR_FORCE)
        # an arrival's destination is only what إلى names ("وصل X اليوم مطار …" is no visit to it);
        # a protest's target only what أمام/ضد/على names ("وردد المشاركون في الاعتصام شعارات …")
        .filter(
            (
                (~pl.col("target").is_in(["with", "aimed", "arrive", "depart", "protest"]))
                | pl.col("possessive")
            )
            & ~pl.col("dual")
        )
        .join(subj.select("t_id", "s_entity_id", "s_actor_code"), on="t_id")
        .filter(pl.col("entity_id") != pl.col("s_entity_id"))
        # A country is never the object of its own forces ("قصفت طائرات إسرائيلية المواقع … باتجاه
        # إسرائيل"): the next candidate is.
        .filter(_NOT_OWN_TARGET)
        .filter(~pl.col("t_id").is_in(done.implode()))
    )
    obj = first_by(obj, [pl.col("co_subject"), pl.col("krank"), pl.col("a_start")], "o_")
    return subj.join(obj, on="t_id").with_columns(rule=pl.lit("object"))


def coordinated_pairs(
    t: pl.DataFrame, actors: pl.DataFrame, subj: pl.DataFrame, done: pl.Series
) -> pl.DataFrame:
    """The subject and the actor coordinated with it by و: "بوتين وترامب"."""
    a_small = actors.filter(pl.col("free") & (pl.col("klass") != "place"))
    open_subj = subj.filter(~pl.col("t_id").is_in(done.implode())).join(
        t.select("t_id", *KEYS, "start", "end", "kind"), on="t_id"
    )
    s_spans = actors.select(*KEYS, s_a_start="a_start", s_t_start="t_start").unique([*KEYS, "s_a_start"])
    # A subject after its verb stands within the verb's reach with its titles (subjects' VSO gap),
    # a noun's agent right after it with its titles: the actor coordinated right after it is its
    # co-subject however long the subject's title ("تبادل رئيس المجلس الأعلى للدولة، محمد تكالة،
    # والسفير الفرنسي", "لقاء وزير الخارجية المصري سامح شكري، ونظيرته الجنوب إفريقية").
    titled_subject = ((pl.col("kind") == "verb") & (pl.col("s_a_start") > pl.col("end"))) | (
        (pl.col("kind") == "noun") & (pl.col("s_t_start") == pl.col("end") + 1)
    )
    coord = (
        open_subj.join(a_small.select(*KEYS, *ACTOR_COLS, "coord", "t_start"), on=KEYS)
        .filter((pl.col("t_start") == pl.col("s_a_end") + 1) & pl.col("coord"))
        .join(s_spans, on=[*KEYS, "s_a_start"], how="left")
        .filter(_PAIR_NEAR_TRIGGER | titled_subject.fill_null(False))
    )
    # Keep only the "following" partner with و; a preceding partner means the subject carries و.
    coord_follow = coord.filter(pl.col("a_start") > pl.col("s_a_end")).select(
        "t_id", *[pl.col(f"s_{c}") for c in ACTOR_COLS], *actors_as("o_")
    )
    coord_prec = (
        open_subj.join(a_small.select(*KEYS, *ACTOR_COLS), on=KEYS)
        .join(
            actors.select(*KEYS, s_a_start="a_start", s_coord="coord").unique(),
            on=[*KEYS, "s_a_start"],
        )
        .filter((pl.col("a_end") + 1 == pl.col("s_a_start")) & pl.col("s_coord"))
        .filter(_PAIR_NEAR_TRIGGER)
        .select("t_id", *actors_as("s_"), *actors_as("o_", "s_"))
    )
    return (
        pl.concat([coord_follow, coord_prec])
        .unique(subset=["t_id"], keep="first", maintain_order=True)
        .with_columns(rule=pl.lit("coordinated"))
    )


def clause_pairs(p: pl.DataFrame, done: pl.Series) -> pl.DataFrame:
    """ "أطلع X Y في اتصال هاتفي" / "اجتماعهما": the two free actors before the trigger."""
    two = (
        p.filter(
            pl.col("free")
            & ACTORISH
            & pl.col("before")
            & (pl.col("a_start") >= pl.col("region_start"))
            & ((pl.col("adverbial") & ~pl.col("possessive")) | pl.col("dual"))
        )
        .filter(~pl.col("t_id").is_in(done.implode()))
        .sort("t_id", "krank", pl.col("a_end"), descending=[False, False, True])
        .with_columns(n=row_in_group(["t_id"]))
        .filter(pl.col("n") < 2)
    )
    return (
        two.filter(pl.col("n") == 1)
        .select("t_id", *actors_as("s_"))
        .join(two.filter(pl.col("n") == 0).select("t_id", *actors_as("o_")), on="t_id")
        .with_columns(rule=pl.lit("clause_pair"))
    )
