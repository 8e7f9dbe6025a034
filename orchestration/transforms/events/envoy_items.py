"""Envoys of a credentials or envoy-list frame (events/credentials.py, issue #11) and their events.

An envoy is an ambassador actor (سفير X), or a country named right after an envoy word («السفير
الجديد لجمهورية فرنسا», «سفير غير مقيم لجمهورية ألبانيا»), after «كل من», at the head of a list line,
or joined by و to such a country («سفراء كل من بلجيكا وفنلندا»). Each gives one 043 event with the
frame's host.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS, with_mention_ids
from orchestration.transforms.schemas import EVENT_CANDIDATES_SCHEMA

# «أوراق اعتماد(هم)», «نسخة من أوراق إعتمادهم»: the credentials noun. The state right after it is
# an envoy's too: «تقبل الرئيس X أوراق اعتماد الإيراني مهدي سبحاني» (a nisba before the name).
CREDENTIALS = r"^[وبل]?(?:ال)?اعتماد(?:ه|ها|هم|هما)?$"
# Any envoy word: the country right after it (a few adjectives and a designator on) is his.
ENVOY = r"^[وبل]{0,2}(?:ال)?(?:سفير|سفيره|سفيرا|سفراء|سفيري|سفيرين|سفيرتي)$"
# «كل من» / «لكل من» / «كلا من»: a list opener.
_EACH = r"^[وبل]{0,2}كل[اا]?$"
# Where an envoy resides or is accredited, not whose envoy he is («المقيم في الجزائر», «لدى العراق»).
_LOCATIVE = ["في", "لدي", "بدوله", "الي"]
# A country this many words after an envoy word is his («سفيرا مفوضا فوق العادة لجمهورية نيجيريا»).
_ENVOY_GAP = 5
# The words around a country a person's name of that item may occupy.
_ITEM_REACH = 6


def envoy_countries(t: pl.DataFrame, m: pl.DataFrame, flags: pl.DataFrame) -> pl.DataFrame:
    """Country mentions that name an envoy's state (KEYS, a_start, iso): the first country after an
    envoy word or «كل من», a country heading a list line, and countries joined to those by و."""
    c = pl.col
    states = m.filter(c("entity_id").str.starts_with("country:")).sort("article_id", "a_start")
    prev = t.select("article_id", token_index=c("token_index") + 1, prev_norm="norm")
    opener = (
        t.join(prev, on=["article_id", "token_index"], how="left")
        .filter(
            c("norm").str.contains(ENVOY)
            | c("norm").str.contains(CREDENTIALS)
            | ((c("norm") == "من") & c("prev_norm").str.contains(_EACH))
        )
        .select("article_id", "sentence_index", w_tok="token_index")
        .sort("article_id", "w_tok")
    )
    after = (
        opener.join_asof(
            states.select("article_id", s2="sentence_index", a_start="a_start"),
            left_on="w_tok",
            right_on="a_start",
            by="article_id",
            strategy="forward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .filter((c("s2") == c("sentence_index")) & (c("a_start") - c("w_tok") <= _ENVOY_GAP))
        .select("article_id", "a_start", by_word=pl.lit(True))
        .unique()
    )
    line_head = flags.select(*KEYS, "s_start")
    s = (
        states.join(after, on=["article_id", "a_start"], how="left")
        .join(line_head, on=KEYS, how="left")
        .join(prev.rename({"token_index": "a_start"}), on=["article_id", "a_start"], how="left")
        .with_columns(
            line=c("a_start") - c("s_start") <= 1,
            head=(c("by_word").fill_null(False) | (c("a_start") - c("s_start") <= 1))
            & ~c("prev_norm").is_in(_LOCATIVE).fill_null(False),
            # «بلجيكا وفنلندا وبلغاريا»: the next country right after this one, with و
            linked=c("wprefix").fill_null(False)
            & (c("a_start") == c("a_end").shift(1) + 1)
            & (c("sentence_index") == c("sentence_index").shift(1))
            & (c("article_id") == c("article_id").shift(1)),
        )
        .with_columns(run=(~c("linked")).cast(pl.Int64).cum_sum())
        .with_columns(
            c("head").first().over("run"), c("line").first().over("run"), in_list=pl.len().over("run") > 1
        )
    )
    return s.filter("head").select(*KEYS, "a_start", "line", "in_list", iso=c("entity_id").str.slice(8))


def envoys(m: pl.DataFrame, countries: pl.DataFrame, frames: pl.DataFrame) -> pl.DataFrame:
    """One envoy per (sentence, state) of a frame, after the governing verb and host: the
    ambassador actor of that state, else a person of that state named in the item, else the state
    itself when the item names no person (a list of states: «سفراء كل من بلجيكا وفنلندا»)."""
    c = pl.col
    amb = m.filter(c("entity_id").str.ends_with(":ambassador") & c("iso").is_not_null()).select(
        *KEYS, "a_start", "iso", "entity_id", "char_start", "actor_code", line=pl.lit(False), rank=pl.lit(0)
    )
    persons = m.filter(c("entity_type") == "PERSON").select(
        *KEYS, p_start="a_start", p_iso="iso", p_id="entity_id", p_char="char_start", p_code="actor_code"
    )
    near = countries.join(persons, on=KEYS).filter((c("p_start") - c("a_start")).abs() <= _ITEM_REACH)
    named = near.filter(c("p_iso") == c("iso")).select(
        *KEYS,
        "a_start",
        "iso",
        "line",
        entity_id="p_id",
        char_start="p_char",
        actor_code="p_code",
        rank=pl.lit(1),
    )
    bare = (
        # a state stands for its envoy only in a list of states: «سفراء كل من بلجيكا وفنلندا»
        # («سفير جمهورية كوبا» with a name the tagger missed is that person, not Cuba)
        countries.filter("in_list")
        .join(near.select(*KEYS, "a_start"), on=[*KEYS, "a_start"], how="anti")
        .join(m.select(*KEYS, "a_start", "char_start"), on=[*KEYS, "a_start"])
        .select(
            *KEYS,
            "a_start",
            "iso",
            "line",
            entity_id=pl.lit("country:") + c("iso"),
            actor_code="iso",
            char_start="char_start",
            rank=pl.lit(2),
        )
    )
    cols = [*KEYS, "a_start", "iso", "line", "entity_id", "char_start", "actor_code", "rank"]
    e = pl.concat([amb.select(cols), named.select(cols), bare.select(cols)], how="vertical_relaxed")
    in_head = c("sentence_index") == c("head")
    return (
        e.join(frames, on=KEYS)
        # in the governing sentence, only the envoys after its verb and host, never a line head
        .filter(
            ~in_head
            | (
                (c("a_start") > c("verb_tok"))
                & ~c("line")
                # who presents his credentials stands before their recipient, who receives them
                # after him
                & pl.when(c("present")).then(c("a_start") < c("h_start")).otherwise(c("a_start") > c("h_end"))
            )
        )
        .filter((c("iso") != c("h_iso")) & (c("entity_id") != c("h_id")))
        .sort([*KEYS, "iso", "rank", "a_start"])
        .unique([*KEYS, "iso"], keep="first", maintain_order=True)
    )


def with_envoy_events(
    events: pl.DataFrame, envoys: pl.DataFrame, frames: pl.DataFrame, t: pl.DataFrame, sentences: pl.DataFrame
) -> pl.DataFrame:
    """``events`` plus the envoy events (the governing sentence's status and date when it has an
    event, else occurred), less the host-less events of the list sentences."""
    c = pl.col
    # only a line that lists envoys: «وأعرب السفراء عن شكرهم …» keeps its own events
    lines = frames.filter((c("sentence_index") != c("head")) & c("has_envoy")).select(*KEYS, "h_id")
    events = events.join(lines, on=KEYS, how="left").filter(
        c("h_id").is_null() | (c("actor1_entity_id") == c("h_id")) | (c("actor2_entity_id") == c("h_id"))
    )
    events = events.drop("h_id")
    dated = (
        events.sort("article_id", "sentence_index", "action_char_offset")
        .unique(KEYS, keep="first", maintain_order=True)
        .select(
            "article_id", "status", "event_date", "date_precision", "event_weekday", head="sentence_index"
        )
    )
    verbs = t.select("article_id", verb_tok="token_index", trigger="token", action_char_offset="char_start")
    new = (
        envoys.join(verbs, on=["article_id", "verb_tok"])
        .join(dated, on=["article_id", "head"], how="left")
        .join(sentences.select(*KEYS, "sentence"), on=KEYS, how="left")
        .with_columns(
            # no dated event in the governing sentence: the report's own date, as for an undated
            # event the text reports as done (events/date_status.py)
            # an announced ceremony has no date but the one the text gives
            pl.when(c("planned"))
            .then(c("event_date"))
            .otherwise(pl.coalesce("event_date", c("published_date").cast(pl.Date))),
            date_precision=pl.coalesce(
                "date_precision", pl.when(c("published_date").is_not_null()).then(pl.lit("day"))
            ).fill_null("unknown"),
        )
        .with_columns(
            event_weekday=pl.coalesce("event_weekday", c("event_date").dt.weekday().cast(pl.Int32)),
            date_precision=pl.when(c("event_date").is_null())
            .then(pl.lit("unknown"))
            .otherwise("date_precision"),
        )
        .select(
            *KEYS,
            "sentence",
            "trigger",
            "action_char_offset",
            "event_date",
            "date_precision",
            "event_weekday",
            event_code=pl.lit("043"),
            actor1_entity_id="h_id",
            actor2_entity_id="entity_id",
            actor1_char_offset="h_char",
            actor2_char_offset="char_start",
            actor1_code="h_code",
            actor2_code="actor_code",
            location_entity_id=pl.lit(None, pl.String),
            status=pl.when(c("planned")).then(pl.lit("planned")).otherwise(c("status").fill_null("occurred")),
            confidence=pl.lit(0.6),
        )
    )
    # a pair the clause stages already found keeps their event
    found = events.filter(c("event_code").str.starts_with("04")).select(
        "article_id", a="actor1_entity_id", b="actor2_entity_id"
    )
    found = pl.concat([found, found.select("article_id", a="b", b="a")])
    new = new.join(
        found,
        left_on=["article_id", "actor1_entity_id", "actor2_entity_id"],
        right_on=["article_id", "a", "b"],
        how="anti",
    )
    new = with_mention_ids(new)
    new = new.select(list(EVENT_CANDIDATES_SCHEMA)).cast(EVENT_CANDIDATES_SCHEMA)  # type: ignore[arg-type]
    return pl.concat([events.select(list(EVENT_CANDIDATES_SCHEMA)), new], how="vertical_relaxed")
