"""Stage 7: selection and output.

One candidate per sentence, unordered dyad and CAMEO root (the most specific trigger wins: a
phone call beats ``بحث مع``/``محادثات``); ``الجانبان``/``الطرفان`` repeat the previous event; the
location is the nearest city introduced by في/بـ; confidence is trigger specificity x how the
target was found x mention confidence; one row per (sentence, code, actor1, actor2).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import DATE_COLS, EVENT_CANDIDATES_SCHEMA, KEYS, conform
from orchestration.transforms.events.mentions import DEFAULT_MENTION_CONFIDENCE
from orchestration.transforms.hashing import sha256_prefix

# Confidence from trigger specificity (event_triggers.priority) ...
_PRIORITY_CONFIDENCE = {3: 0.9, 2: 0.8, 1: 0.65}
# ... times how the target was found (an explicit partner marker is the most reliable).
_ROLE_CONFIDENCE = {
    "between": 1.0,
    "partner": 1.0,
    "passive": 1.0,
    "object": 0.9,
    "coordinated": 0.9,
    "clause_pair": 0.8,
    "multi": 0.8,
    "fronted": 0.8,
    "dyad_back": 0.75,
}
_STATE_ACTOR_FACTOR = 0.9  # a country standing in for an unnamed government actor
_PUBLICATION_DATE_FACTOR = 0.85  # event date assumed to be the publication date (GDELT convention)
# Columns a "the two sides" trigger copies from the event it refers back to.
_REPEATED = [
    "event_code",
    "s_entity_id",
    "o_entity_id",
    "s_actor_code",
    "o_actor_code",
    "s_klass",
    "o_klass",
    "status",
    "event_date",
    "date_precision",
    "event_weekday",
    "date_from_publication",
    "priority",
    "s_m_conf",
    "o_m_conf",
    "place_location",
]
# The output order: every column takes part, so that reruns keep the same row among ties.
_ORDER = [
    "article_id",
    "sentence_index",
    "action_char_offset",
    "confidence",
    "event_code",
    "actor1_entity_id",
    "actor2_entity_id",
    "actor1_char_offset",
    "actor2_char_offset",
    "status",
    "event_date",
    "location_entity_id",
    "trigger",
]
_IDENTITY = ["article_id", "sentence_index", "event_code", "actor1_entity_id", "actor2_entity_id"]


def select_candidates(dyads: pl.DataFrame) -> pl.DataFrame:
    """One candidate per sentence, unordered dyad and CAMEO root code: the most specific trigger
    wins (a call beats بحث مع); status markers and the best date expression pool over the group."""
    d = dyads.with_columns(
        dyad_lo=pl.min_horizontal("s_entity_id", "o_entity_id"),
        dyad_hi=pl.max_horizontal("s_entity_id", "o_entity_id"),
        root=pl.col("event_code").str.slice(0, 2),
        rule_rank=pl.col("rule").replace_strict(list(_ROLE_CONFIDENCE), list(range(len(_ROLE_CONFIDENCE)))),
    )
    group = [*KEYS, "dyad_lo", "dyad_hi", "root"]
    pooled = d.group_by(group).agg(
        g_planned=(pl.col("mk_planned") | pl.col("future")).any(),
        g_historical=pl.col("mk_historical").any(),
    )
    best_date = (
        d.filter(pl.col("d_kind").is_not_null())
        # Ties on rank and distance: the earliest expression (a total order, reproducible).
        .sort("d_rank", "d_dist", *[c for c in DATE_COLS if c not in ("d_rank", "d_dist")], nulls_last=True)
        .unique(subset=group, keep="first", maintain_order=True)
        .select(*group, *[pl.col(c).alias(f"g_{c}") for c in DATE_COLS])
    )
    return (
        # Ties on the trigger's rank and start: the first pair in the text, then by id and code.
        d.sort(
            [
                "priority",
                "rule_rank",
                "start",
                "s_a_start",
                "o_a_start",
                "s_entity_id",
                "o_entity_id",
                "event_code",
            ],
            descending=[True, *[False] * 7],
            nulls_last=True,
        )
        .unique(subset=group, keep="first", maintain_order=True)
        .drop(DATE_COLS)
        .join(pooled, on=group)
        .join(best_date, on=group, how="left")
        .rename({f"g_{c}": c for c in DATE_COLS})
    )


def repeat_previous_event(triggers: pl.DataFrame, cands: pl.DataFrame) -> pl.DataFrame:
    """'الجانبان/الطرفان بحثا …' repeats the previous event of the article (same code, actors, date)
    when that event's sentence has a single dyad; otherwise the sentence is skipped."""
    if triggers.height == 0 or cands.height == 0:
        return pl.DataFrame()
    single = cands.group_by(KEYS).agg(n=pl.struct("dyad_lo", "dyad_hi").n_unique()).filter(pl.col("n") == 1)
    prev = (
        cands.join(single.select(KEYS), on=KEYS)
        .select(
            "article_id",
            p_offset="action_char_offset",
            p_sentence="sentence_index",
            **{f"p_{c}": c for c in _REPEATED},
        )
        .sort("p_offset")
    )
    # Only the latest candidate before the trigger may be referred back to.
    latest = cands.select("article_id", l_offset="action_char_offset").sort("l_offset")
    asof = {
        "left_on": "action_char_offset",
        "by": "article_id",
        "strategy": "backward",
        "allow_exact_matches": False,
        "check_sortedness": False,
    }
    t = (
        triggers.select(*KEYS, "t_id", "action_char_offset", "trigger", "start", "end", t_code="event_code")
        .sort("action_char_offset")
        .join_asof(latest, right_on="l_offset", **asof)  # type: ignore[arg-type]
        .join_asof(prev, right_on="p_offset", **asof)  # type: ignore[arg-type]
        .filter(pl.col("p_offset").is_not_null() & (pl.col("p_offset") == pl.col("l_offset")))
        .filter(pl.col("p_sentence") != pl.col("sentence_index"))
        # "the two sides discussed" refers back to talks, not to a strike reported in between.
        .filter(pl.col("p_event_code").str.slice(0, 2) == pl.col("t_code").str.slice(0, 2))
    )
    return t.select(
        *KEYS,
        "t_id",
        "action_char_offset",
        "trigger",
        "start",
        "end",
        *[pl.col(f"p_{c}").alias(c) for c in _REPEATED if c != "event_weekday"],
        rule=pl.lit("dyad_back"),
        s_char_start=pl.lit(None, pl.Int64),
        o_char_start=pl.lit(None, pl.Int64),
    )


def locate(cands: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """The nearest city/region introduced by في/بـ in the sentence (after the trigger first).

    Countries after في are usually the topic ("الوضع في سوريا"), not where the event happened."""
    places = actors.filter(
        (pl.col("klass") == "place") & ~pl.col("entity_id").str.starts_with("country:")
    ).select(*KEYS, "entity_id", "located", p_start="a_start")
    c = cands.with_row_index("c_id")
    near = (
        c.select("c_id", *KEYS, "start", "event_code")
        .join(places, on=KEYS)
        # "زار في 20 أكتوبر 2015 موسكو": the city a visit verb governs is where it happened.
        .filter(pl.col("located") | ((pl.col("event_code") == "042") & (pl.col("p_start") > pl.col("start"))))
        .with_columns(
            after=pl.col("p_start") > pl.col("start"), dist=(pl.col("p_start") - pl.col("start")).abs()
        )
        .sort(
            ["c_id", "after", "dist", "p_start", "entity_id"], descending=[False, True, False, False, False]
        )
        .unique(subset=["c_id"], keep="first", maintain_order=True)
        .select("c_id", sentence_place="entity_id")
    )
    return (
        c.join(near, on="c_id", how="left")
        .with_columns(
            # A phone call happens in no one place.
            location_entity_id=pl.when(pl.col("event_code") != "041").then(
                pl.coalesce("place_location", "sentence_place")
            )
        )
        .drop("c_id", "sentence_place")
    )


def _confidence() -> pl.Expr:
    role = pl.col("rule").replace_strict(_ROLE_CONFIDENCE, default=0.7, return_dtype=pl.Float64)
    base = pl.col("priority").replace_strict(_PRIORITY_CONFIDENCE, default=0.6, return_dtype=pl.Float64)
    mention = (
        pl.col("s_m_conf").fill_null(DEFAULT_MENTION_CONFIDENCE)
        * pl.col("o_m_conf").fill_null(DEFAULT_MENTION_CONFIDENCE)
    ).sqrt()
    state = (
        pl.when((pl.col("s_klass") == "state") | (pl.col("o_klass") == "state"))
        .then(_STATE_ACTOR_FACTOR)
        .otherwise(1.0)
    )
    pubf = (
        pl.when(pl.col("date_from_publication").fill_null(False))
        .then(_PUBLICATION_DATE_FACTOR)
        .otherwise(1.0)
    )
    return (base * role * mention * state * pubf).clip(0.0, 1.0)


def to_event_candidates(c: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """The landing table event_candidates (contracts.EVENT_CANDIDATES_SCHEMA)."""
    out = (
        c.with_columns(confidence=_confidence())
        .join(sentences.select(*KEYS, "sentence"), on=KEYS)
        .select(
            *KEYS,
            "sentence",
            "event_code",
            "trigger",
            "action_char_offset",
            actor1_entity_id="s_entity_id",
            actor2_entity_id="o_entity_id",
            actor1_char_offset="s_char_start",
            actor2_char_offset="o_char_start",
            actor1_code="s_actor_code",
            actor2_code="o_actor_code",
            location_entity_id="location_entity_id",
            status="status",
            event_date="event_date",
            date_precision="date_precision",
            event_weekday="event_weekday",
            confidence="confidence",
        )
        .sort(_ORDER, descending=[False, False, False, True, *[False] * 9], nulls_last=True)
        .unique(subset=_IDENTITY, keep="first", maintain_order=True)
    )
    key = pl.concat_str([pl.col(k).cast(pl.String) for k in _IDENTITY], separator="|")
    out = out.with_columns(mention_id=sha256_prefix(out.select(key.alias("k"))["k"]))
    out = out.select(list(EVENT_CANDIDATES_SCHEMA)).cast(EVENT_CANDIDATES_SCHEMA)  # type: ignore[arg-type]
    return conform(out, EVENT_CANDIDATES_SCHEMA, "event candidates")
