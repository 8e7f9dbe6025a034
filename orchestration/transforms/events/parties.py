"""Stage 5b: lists of parties. Coordinated actors and meetings of three or more parties.

- ``coordinated_chains`` (arguments): actors joined by و with nothing but their titles between
  ("الملك عبدالله الثاني والرئيس المصري عبدالفتاح السيسي والرئيس الفلسطيني محمود عباس") share a
  ``chain`` id.
- ``expand_parties`` (roles): a target that heads a list gives one dyad per list item ("استقبل
  السيسي العاهل الأردني والرئيس الفلسطيني" = Sisi/Jordan and Sisi/Palestine).
- A meeting of three or more parties (a trigger with ثلاثي/رباعي/خماسي: "قمة ثلاثية", "اجتماع
  ثلاثي مع", or three coordinated subjects: "اجتمع بوتين والسيسي وترامب") gives **every pair** of
  its parties, one event each. The parties are the subject's
  and the partner's lists and the other meeting parties of the sentence ("اجتمع السيسي مع العاهل
  الأردني … قبل عقد اجتماع ثلاثي مع الرئيس الفلسطيني"). Every pair, not one event listing all
  parties: CAMEO and the warehouse are dyadic, and a pair event deduplicates against the
  bilateral reports of the same meeting.
- ``places_to_states`` (roles): a visited or attacked city stands for its country.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from orchestration.transforms.events.contracts import ACTOR_COLS, KEYS, text_order
from orchestration.transforms.events.windows import shift_in_group
from orchestration.transforms.reference import KnowledgeBase, read_table

# Triggers whose surface or window names a meeting of three or more parties.
_MULTI_PATTERN = r"ثلاث|رباع|خماس"
# Words an unknown list item may take between two known ones ("، ونائبه علي محسن الأحمر،").
_LIST_SKIP = 6
# Words an item's span may leave out before "، وB" (an adjective or a name's last word).
_ADJ_SKIP = 3
# Codes whose parties act together: consult (04x), diplomatic cooperation (05x).
_JOINT_CODES = r"^0[45]"
# Markers that name both parties of a meeting: بين X وY, برئاسة X وY, بمشاركة كل من X وY وZ.
PAIR_MARKERS = ["between", "chaired", "participants"]
# Rules whose target may head a list of parties (partner lists are chained in arguments already).
_LIST_RULES = ["object", "coordinated", "clause_pair"]


def coordinated_chains(m: pl.DataFrame) -> pl.DataFrame:
    """``chain``: an id shared by actors coordinated by و right after one another (titles between)."""
    # list_links.list_connectors adds conn_item and comma_after; frames without them have none
    m = m.with_columns([pl.lit(False).alias(c) for c in ("conn_item", "comma_after") if c not in m.columns])
    m = text_order(m, KEYS)
    prev_end = shift_in_group(pl.col("a_end"), 1, KEYS)
    prev_klass = shift_in_group(pl.col("klass"), 1, KEYS)
    # "الرئيس X، ونائبه Y، ورئيس الحكومة Z": an item the base does not know (Y) keeps the list going.
    skipped = (
        (pl.col("comma_item") & (shift_in_group(pl.col("list_goes_on") | pl.col("comma_after"), 1, KEYS)))
        # an item after a list connector (وكذا، بالإضافة إلى: list_links.py)
        | pl.col("conn_item").fill_null(False)
    ) & (pl.col("t_start") - prev_end <= _LIST_SKIP)
    # "، وX" after an item whose last words the span left out ("وأعضاء مجلس الأمن الدائمين، وسفير …")
    skipped = skipped | (pl.col("comma_item") & (pl.col("t_start") - prev_end <= _ADJ_SKIP))
    link = (
        pl.col("coord")
        & ((pl.col("t_start") - prev_end <= 1) | skipped)
        & (pl.col("klass") != "place")
        & (prev_klass != "place")
    ).fill_null(False)
    return m.with_columns(chain=(~link).cast(pl.Int64).cum_sum())


def _members(rows: pl.DataFrame, actors: pl.DataFrame, side: str) -> pl.DataFrame:
    """(t_id, actor columns) of every member of the list the ``side`` actor of each row heads."""
    heads = rows.join(
        actors.select(*KEYS, "chain", **{f"{side}a_start": "a_start"}), on=[*KEYS, f"{side}a_start"]
    )
    return heads.select("t_id", *KEYS, "chain", **{"head_start": f"{side}a_start"}).join(
        actors.select(*KEYS, "chain", *ACTOR_COLS), on=[*KEYS, "chain"]
    )


def expand_parties(
    rows: pl.DataFrame, actors: pl.DataFrame, triggers: pl.DataFrame, subj: pl.DataFrame
) -> pl.DataFrame:
    """Rows plus one dyad per list item of a target and every pair of a multi-party meeting
    (``subj``: the subject of each trigger, ``roles.subjects``)."""
    t = triggers.select(
        "t_id",
        *KEYS,
        "event_code",
        multi=pl.col("trigger").str.contains(_MULTI_PATTERN) | pl.col("mk_multi"),
    )
    rows = rows.join(t.select("t_id", *KEYS), on="t_id")
    listed = rows.filter(pl.col("rule").is_in(_LIST_RULES))
    items = _members(listed, actors, "o_").filter(pl.col("a_start") > pl.col("head_start"))
    more = listed.drop([f"o_{c}" for c in ACTOR_COLS]).join(
        items.select("t_id", *[pl.col(c).alias(f"o_{c}") for c in ACTOR_COLS]), on="t_id"
    )
    # A received call's caller may head a list ("اتصالات من X وY وZ"): each item calls the receiver.
    passive = rows.filter(pl.col("rule") == "passive")
    callers = _members(passive, actors, "s_").filter(pl.col("a_start") > pl.col("head_start"))
    more_callers = passive.drop([f"s_{c}" for c in ACTOR_COLS]).join(
        callers.select("t_id", *[pl.col(c).alias(f"s_{c}") for c in ACTOR_COLS]), on="t_id"
    )
    # Three or more coordinated subjects meet each other ("اجتمع بوتين والسيسي وترامب"), unless the
    # trigger has a partner outside their list (then each item is a party with that partner, as its
    # head is); callers of one received call never meet each other.
    active = rows.filter(pl.col("rule") != "passive")
    sizes = actors.group_by(*KEYS, "chain").agg(size=pl.len())
    outside = active.join(
        actors.select(*KEYS, o_chain="chain", o_a_start="a_start"), on=[*KEYS, "o_a_start"]
    ).join(actors.select(*KEYS, s_chain="chain", s_a_start="a_start"), on=[*KEYS, "s_a_start"])
    outside = outside.filter(pl.col("o_chain") != pl.col("s_chain")).select("t_id").unique()
    subject_lists = _members(active, actors, "s_").join(sizes, on=[*KEYS, "chain"])
    big = subject_lists.filter(pl.col("size") >= 3)
    crowd = big.select("t_id").unique().join(outside, on="t_id", how="anti")
    # Two coordinated subjects of a meeting verb with an outside partner are both its parties too:
    # «استقبل X وY اليوم Z» (co-hosts), «بحث X وY مع Z».
    # (a meeting's guest after the hosts' list; before it, the list is more likely the objects of
    # a dropped subject: «فإن المبعوث التقى X، وY»)
    guest_after = active.filter(pl.col("o_a_start") > pl.col("s_a_start")).select("t_id").unique()
    meeting_verbs = triggers.filter(pl.col("event_code").str.starts_with("04") & (pl.col("kind") == "verb"))
    co_subjects = subject_lists.join(meeting_verbs.select("t_id"), on="t_id").join(guest_after, on="t_id")
    listed = (
        pl.concat([big, co_subjects.select(big.columns)])
        .unique()
        .join(outside, on="t_id")
        .filter(pl.col("a_start") > pl.col("head_start"))
    )
    more_subjects = (
        active.join(outside, on="t_id")
        .drop([f"s_{c}" for c in ACTOR_COLS])
        .join(listed.select("t_id", *[pl.col(c).alias(f"s_{c}") for c in ACTOR_COLS]), on="t_id")
    )
    t = t.with_columns(multi=pl.col("multi") | pl.col("t_id").is_in(crowd["t_id"].implode()))
    multi = t.filter(pl.col("multi") & pl.col("event_code").str.contains(_JOINT_CODES))
    subj = subj.join(t.select("t_id", *KEYS), on="t_id")
    pairs = _all_pairs(pl.concat([rows, subj], how="diagonal_relaxed"), actors, multi, t)
    out = pl.concat([rows, more, more_callers, more_subjects, pairs], how="diagonal_relaxed")
    return out.filter(pl.col("s_entity_id") != pl.col("o_entity_id")).drop(KEYS)


def _all_pairs(
    rows: pl.DataFrame, actors: pl.DataFrame, multi: pl.DataFrame, t: pl.DataFrame
) -> pl.DataFrame:
    """Every pair of the parties of each multi-party trigger (see the module docstring)."""
    meeting_ids = t.filter(pl.col("event_code").str.starts_with("04")).select("t_id")
    sentence_rows = rows.join(meeting_ids, on="t_id").drop("t_id")
    own = rows.join(multi.select("t_id"), on="t_id")
    # The multi-party trigger's own lists and the parties of the sentence's other meetings.
    parts = [_members(own, actors, side) for side in ("s_", "o_")]
    # Only a multi-party trigger with a partner of its own ("اجتماع ثلاثي مع X") joins the others;
    # one in a phrase ("للمشاركة في القمة الثلاثية") is no meeting report of its own.
    with_partner = multi.join(
        own.filter(pl.col("o_entity_id").is_not_null()).select("t_id").unique(), on="t_id"
    )
    parts += [
        _members(sentence_rows.join(with_partner.select("t_id", *KEYS), on=KEYS), actors, side)
        for side in ("s_", "o_")
    ]
    # One row per party: the first list it is in (own lists before the sentence's other meetings),
    # then its first mention; joins give no row order, so the order is made total before ``unique``
    # (which mention stands for the party decides the pair's direction, s_a_start < o_a_start).
    parties = (
        pl.concat([p.select("t_id", *ACTOR_COLS).with_columns(_part=pl.lit(i)) for i, p in enumerate(parts)])
        .filter(pl.col("klass") != "place")
        .sort("t_id", "entity_id", "_part", *ACTOR_COLS, nulls_last=True)
        .unique(["t_id", "entity_id"], keep="first", maintain_order=True)
        .drop("_part")
    )
    left = parties.select("t_id", *[pl.col(c).alias(f"s_{c}") for c in ACTOR_COLS])
    right = parties.select("t_id", *[pl.col(c).alias(f"o_{c}") for c in ACTOR_COLS])
    return (
        left.join(right, on="t_id")
        .filter(pl.col("s_a_start") < pl.col("o_a_start"))
        .join(multi.select("t_id", *KEYS), on="t_id")
        .with_columns(rule=pl.lit("multi"))
    )


def participant_lists(found: pl.DataFrame, p: pl.DataFrame) -> pl.DataFrame:
    """Governed actors (``found``, targets.partners) minus participants that are no parties: a lone
    one is an attendee ("استقبل X Y بمشاركة Z"), and after an earlier trigger of the sentence
    (``p``: triggers x actors) the list is that event's topic ("تناولت المكالمة بين X وY المحادثات
    الثلاثية المقرر عقدها بمشاركة كل من رؤساء …")."""
    first = p.group_by(KEYS).agg(first_start=pl.col("start").min())
    is_list = pl.col("gov_kind").len().over("t_id", "gov_kind") >= 2
    return (
        found.join(first, on=KEYS, how="left")
        .filter(
            (pl.col("gov_kind") != "participants") | (is_list & (pl.col("start") == pl.col("first_start")))
        )
        .drop("first_start")
    )


def places_to_states(rows: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """A visited or attacked city stands for its country (زار موسكو = visit to Russia); the city
    becomes the location."""
    places = kb.places.select(place_id=pl.col("entity_id"), iso3=pl.col("country_iso3")).filter(
        pl.col("iso3").is_not_null()
    )
    rows = _drop_igo_seats(rows).join(places, left_on="o_entity_id", right_on="place_id", how="left")
    is_place = pl.col("o_klass") == "place"
    return rows.with_columns(
        place_location=pl.when(is_place).then(pl.col("o_entity_id")),
        o_entity_id=pl.when(is_place)
        .then(pl.lit("country:") + pl.col("iso3"))
        .otherwise(pl.col("o_entity_id")),
        o_actor_code=pl.when(is_place).then(pl.col("iso3")).otherwise(pl.col("o_actor_code")),
        o_klass=pl.when(is_place).then(pl.lit("state")).otherwise(pl.col("o_klass")),
    ).drop("iso3")


@lru_cache(maxsize=1)
def _igo_seats() -> pl.DataFrame:
    return read_table("igo_seats.csv").select("place_id", "igo_prefix")


def _drop_igo_seats(rows: pl.DataFrame) -> pl.DataFrame:
    """An official of an international organization going to its seat (the UN envoy «غادر صنعاء
    متوجها إلى جنيف», the Secretary-General of the Arab League in Cairo) goes home, not on a visit
    to the host country (igo_seats.csv)."""
    rows = rows.with_row_index("_r")
    home = (
        rows.filter(pl.col("o_klass") == "place")
        .select("_r", "o_entity_id", "s_actor_code")
        .join(_igo_seats(), left_on="o_entity_id", right_on="place_id")
        .filter(pl.col("s_actor_code").fill_null("").str.starts_with(pl.col("igo_prefix")))
    )
    return rows.join(home.select("_r").unique(), on="_r", how="anti").drop("_r")
