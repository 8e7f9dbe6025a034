"""Stage 4: arguments. Entity mentions are placed on tokens and attached to what governs them.

The seam: ``attach_arguments(triggers, mentions, tokens, markers) -> actors`` (contracts.ACTORS).
Candidates (triggers with their clause regions) come in; actors come out, each with a class
(agent | state | place) and its *governor*: the nearest preceding partner marker (مع، بين،
على/ضد، إلى) or trigger. Free actors (no partner marker) are subject candidates; governed ones are
partners. Each rule is one step of ``attach_arguments``: a new clause-level rule is a new step
(``DataFrame -> DataFrame`` on the actors frame) that keeps the ACTORS contract.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTORS, KEYS, SENTENCE_STRIDE, conform
from orchestration.transforms.events.windows import all_so_far, shift_in_group
from orchestration.transforms.text import normalize_expr

_PARTNER_MARKERS = ["with", "between", "to", "against"]
# Token distances for partner lists: first actor after مع/بين (مع نظرائه كلاً من الرئيس X), after
# على/إلى (على سوريا), and between two list items joined by و (، ورئيس وزراء الاحتلال … X).
_LIST_FIRST_GAP = 8
_PREP_FIRST_GAP = 2
_LIST_LINK_GAP = 6
# The target of an attack may be a few words after على ("غارات على بلدات عدة في جنوب لبنان").
_AGAINST_FIRST_GAP = 6
# Country mentions below this confidence are nisba adjectives (القوات الجوية الروسية): not actors.
_MIN_STATE_CONFIDENCE = 0.5
# من governs the first actor within this many tokens (kinship words and honorifics may intervene).
_FROM_GAP = 4
# An organization named by its seat ("قصر الاتحادية", "مقر الرئاسة") after ب/في is a location.
_SEAT_PATTERN = r"^(?:[وف]?[بل]?)?(?:ال)?(?:قصر|مقر)"
DEFAULT_MENTION_CONFIDENCE = 0.8


def attach_arguments(
    triggers: pl.DataFrame, mentions: pl.DataFrame, tokens: pl.DataFrame, markers: pl.DataFrame
) -> pl.DataFrame:
    """Stage 4: actors of the trigger-bearing sentences with their governors (contracts.ACTORS)."""
    m = place_mentions(mentions, tokens)
    m = drop_non_actors(m, triggers)
    m = coordination(m, tokens)
    m = preceding_markers(m, markers)
    m = governors(m, markers, triggers)
    m = partner_lists(m, tokens)
    return conform(m, ACTORS, "arguments")


def place_mentions(mentions: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Mentions inside a tokenized sentence, on their first/last token (a_start, a_end), with
    klass, the proclitic before the name (bprefix ب, wprefix و) and the first token's norm."""
    toks = tokens.select(
        "article_id",
        "token_index",
        "sentence_index",
        "token",
        "norm",
        t_char_start="char_start",
        t_char_end="char_end",
    )  # already in article and text order (event_tokens)
    m = mentions.select(
        "article_id",
        "entity_id",
        "entity_type",
        "char_start",
        "char_end",
        m_conf=pl.col("confidence").cast(pl.Float64).fill_null(DEFAULT_MENTION_CONFIDENCE),
        actor_code=pl.col("actor_code").cast(pl.String),
    ).with_columns(end_key=pl.col("char_end") - 1)
    asof = {"by": "article_id", "check_sortedness": False}
    m = (
        m.sort("article_id", "char_start")
        .join_asof(toks, left_on="char_start", right_on="t_char_start", **asof)  # type: ignore[arg-type]
        .rename({"token_index": "a_start"})
        # only mentions inside a tokenized (trigger-bearing) sentence
        .filter(pl.col("char_start") < pl.col("t_char_end"))
        .sort("article_id", "end_key")
        .join_asof(
            toks.select("article_id", e_char_start="t_char_start", a_end="token_index"),
            left_on="end_key",
            right_on="e_char_start",
            **asof,  # type: ignore[arg-type]
        )
        .filter(
            pl.col("a_end").is_not_null()
            & (pl.col("a_end") // SENTENCE_STRIDE == pl.col("a_start") // SENTENCE_STRIDE)
        )
    )
    prefix = normalize_expr(
        pl.col("token").str.slice(0, (pl.col("char_start") - pl.col("t_char_start")).cast(pl.UInt32))
    )
    return m.with_columns(
        klass=pl.when(pl.col("entity_type") != "PLACE")
        .then(pl.lit("agent"))
        .when(pl.col("entity_id").str.starts_with("country:"))
        .then(pl.lit("state"))
        .otherwise(pl.lit("place")),
        bprefix=prefix.is_in(["ب", "وب", "فب"]),
        wprefix=prefix.str.starts_with("و"),
    ).select(
        *KEYS,
        "entity_id",
        "entity_type",
        "klass",
        "char_start",
        "char_end",
        "a_start",
        "a_end",
        "m_conf",
        "actor_code",
        "bprefix",
        "wprefix",
        "norm",
    )


def drop_non_actors(m: pl.DataFrame, triggers: pl.DataFrame) -> pl.DataFrame:
    """Drops nisba adjectives, news media, nested names, appositions and titles of a person."""
    # A nisba right after a noun trigger is the noun's agent ("الغارات الإسرائيلية" = Israel's strikes).
    noun_ends = (
        triggers.filter(pl.col("kind") == "noun")
        .select("article_id", a_start=pl.col("end") + 1, agent_nisba=pl.lit(True))
        .unique()
    )
    m = (
        m.join(noun_ends, on=["article_id", "a_start"], how="left")
        .filter(
            (pl.col("klass") != "state")
            | (pl.col("m_conf") >= _MIN_STATE_CONFIDENCE)
            | pl.col("agent_nisba").fill_null(False)
        )
        # News media (the wire in a dateline, "بحسب الوكالة الوطنية") report events, they are not parties.
        .filter(~pl.col("actor_code").fill_null("").str.ends_with("MED"))
        .drop("agent_nisba")
    )
    # A name nested in a longer mention (a nisba inside a title) is not a separate actor.
    m = m.with_row_index("aid")
    nested = (
        m.join(m.select(*KEYS, o_start="char_start", o_end="char_end", o_aid="aid"), on=KEYS)
        .filter(
            (pl.col("o_aid") != pl.col("aid"))
            & (pl.col("o_start") <= pl.col("char_start"))
            & (pl.col("o_end") >= pl.col("char_end"))
            & ((pl.col("o_end") - pl.col("o_start")) > (pl.col("char_end") - pl.col("char_start")))
        )
        .select("aid")
        .unique()
    )
    m = m.join(nested, on="aid", how="anti").sort("article_id", "a_start", "char_start")
    # Apposition ("الرئيس الروسي، فلاديمير بوتين") repeats one actor; a country right before a
    # person is the person's nisba/title ("الاحتلال الإسرائيلي بنيامين نتنياهو").
    same_prev = (
        (pl.col("entity_id") == shift_in_group(pl.col("entity_id"), 1, KEYS))
        & (pl.col("a_start") - shift_in_group(pl.col("a_end"), 1, KEYS) <= 3)
    ).fill_null(False)
    m = m.filter(~same_prev)
    state_before_agent = (
        (pl.col("klass") == "state")
        & (shift_in_group(pl.col("klass"), -1, KEYS) == "agent")
        & (shift_in_group(pl.col("a_start"), -1, KEYS) - pl.col("a_end") <= 2)
    ).fill_null(False)
    # An organization right before a person is the person's title ("الأمين العام للأمم المتحدة
    # أنطونيو غوتيريش", "رئيس المكتب السياسي لحركة حماس إسماعيل هنية").
    org_before_person = (
        (pl.col("entity_type") == "ORG")
        & (shift_in_group(pl.col("entity_type"), -1, KEYS) == "PERSON")
        & (shift_in_group(pl.col("a_start"), -1, KEYS) - pl.col("a_end") <= 2)
        & ~shift_in_group(pl.col("wprefix"), -1, KEYS).fill_null(False)
    ).fill_null(False)
    return m.filter(~state_before_agent & ~org_before_person)


def coordination(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """coord: "X وY" with و as a proclitic or a standalone token."""
    # Only the و tokens take part in the join (any other previous word gives False, as a miss does).
    wa = tokens.filter(pl.col("norm") == "و")
    prev_tok = wa.select("article_id", a_start=pl.col("token_index") + 1, prev_is_wa=pl.lit(True))
    return m.join(prev_tok, on=["article_id", "a_start"], how="left").with_columns(
        coord=pl.col("wprefix") | pl.col("prev_is_wa").fill_null(False)
    )


def preceding_markers(m: pl.DataFrame, markers: pl.DataFrame) -> pl.DataFrame:
    """from_flag (after من), located (after في/بـ), places among organizations; drops the
    complement of a genitive head (مبعوث X)."""
    before = markers.filter(pl.col("marker").is_in(["from", "genitive_head", "in"])).select(
        "article_id", "marker", a_start=pl.col("end") + 1
    )
    on = ["article_id", "a_start"]

    def flag(marker: str, name: str, shift: int = 0) -> pl.DataFrame:
        rows = before.filter(pl.col("marker") == marker)
        return rows.select("article_id", a_start=pl.col("a_start") + shift, **{name: pl.lit(True)})

    in_flag = pl.col("in_flag").fill_null(False)
    m = (
        m.join(_first_after_from(m, before), on=on, how="left")
        .join(flag("genitive_head", "genitive"), on=on, how="left")
        .join(flag("in", "in_flag"), on=on, how="left")
        .join(flag("in", "in_flag2", shift=1), on=on, how="left")  # "في مدينة سوتشي"
        .with_columns(
            pl.col("from_flag").fill_null(False),
            pl.col("genitive").fill_null(False),
            located=in_flag | pl.col("in_flag2").fill_null(False) | pl.col("bprefix"),
            # "الوضع في سوريا": a country after في is where, not who; so is a palace after ب/في
            # ("استقبل بقصر الاتحادية X": the presidency's seat, not a guest).
            klass=pl.when(
                ((pl.col("klass") == "state") & in_flag)
                | (
                    (pl.col("entity_type") == "ORG")
                    & (in_flag | pl.col("bprefix"))
                    & pl.col("norm").str.contains(_SEAT_PATTERN)
                )
            )
            .then(pl.lit("place"))
            .otherwise(pl.col("klass")),
        )
    )
    return m.filter(~pl.col("genitive"))


def _first_after_from(m: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
    """من governs the first actor after it within a few words ("اتصالاً من أخيه صاحب السمو الشيخ X")."""
    from_ends = (
        before.filter(pl.col("marker") == "from")
        .select("article_id", f_end=pl.col("a_start") - 1)
        .unique()
        .sort("article_id", "f_end")
    )
    return (
        m.select("article_id", "a_start", "sentence_index")
        .with_columns(key=pl.col("a_start") - 1)
        .sort("article_id", "key")
        .join_asof(
            from_ends,
            left_on="key",
            right_on="f_end",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .filter(
            (pl.col("a_start") - pl.col("f_end") <= _FROM_GAP)
            & (pl.col("a_start") // SENTENCE_STRIDE == pl.col("f_end") // SENTENCE_STRIDE)
        )
        .sort("a_start")
        .unique(["article_id", "f_end"], keep="first")
        .select("article_id", "a_start", from_flag=pl.lit(True))
        .unique()
    )


def governors(m: pl.DataFrame, markers: pl.DataFrame, triggers: pl.DataFrame) -> pl.DataFrame:
    """gov_kind/gov_tok: nearest partner marker or trigger start before the mention, within the
    sentence; an actor with the proclitic بـ is governed by it ("with")."""
    # A marker inside a trigger counts only when it ends the trigger ("وصل إلى", "أثنى على").
    trig_spans = triggers.select([*KEYS, "start", "end"]).rename({"start": "ts", "end": "te"})
    pm = markers.filter(pl.col("marker").is_in(_PARTNER_MARKERS)).with_row_index("mk")
    inside = (
        pm.join(trig_spans, on=KEYS)
        .filter((pl.col("start") >= pl.col("ts")) & (pl.col("start") < pl.col("te")))
        .select("mk")
        .unique()
    )
    pm = pm.join(inside, on="mk", how="anti")
    bounds = pl.concat(
        [
            pm.select(*KEYS, b_tok="start", gov_kind="marker"),
            triggers.select(*KEYS, b_tok="start", gov_kind=pl.lit("trigger")),
        ]
    ).sort("b_tok")
    return (
        m.with_columns(key=pl.col("a_start") - 1)
        .sort("key")
        .join_asof(
            bounds, left_on="key", right_on="b_tok", by=KEYS, strategy="backward", check_sortedness=False
        )
        .with_columns(
            gov_kind=pl.when(pl.col("bprefix")).then(pl.lit("with")).otherwise(pl.col("gov_kind")),
            gov_tok=pl.when(pl.col("bprefix")).then(pl.col("a_start")).otherwise(pl.col("b_tok")),
        )
        .drop("key", "b_tok", "wprefix", "prev_is_wa", "genitive", "in_flag", "in_flag2")
    )


def partner_lists(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """A marker governs the actor right after it and a list chained to it by و/commas ("مع A، وB
    والرئيس C"); an actor further on ("مع الأسد، جاء في بيان الكرملين") is free again."""
    wa = tokens.filter(pl.col("norm").str.starts_with("و")).select(
        "article_id", next_tok="token_index", w_next=pl.lit(True)
    )
    group = [*KEYS, "gov_tok"]
    m = (
        m.sort([*group, "a_start"])
        .with_columns(prev_end=shift_in_group(pl.col("a_end"), 1, group))
        .with_columns(next_tok=pl.col("prev_end") + 1)
        .join(wa, on=["article_id", "next_tok"], how="left")
    )
    first_cap = (
        pl.when(pl.col("gov_kind").is_in(["with", "between"]))
        .then(_LIST_FIRST_GAP)
        # only a place or state may stand that far ("على تلجرام أن الرئيس" is no target)
        .when((pl.col("gov_kind") == "against") & (pl.col("klass") != "agent"))
        .then(_AGAINST_FIRST_GAP)
        .otherwise(_PREP_FIRST_GAP)
    )
    link_ok = (
        pl.when(pl.col("gov_kind").is_null() | (pl.col("gov_kind") == "trigger"))
        .then(pl.lit(True))
        .when(pl.col("prev_end").is_null())
        .then(pl.col("a_start") - pl.col("gov_tok") <= first_cap)
        .otherwise(
            # the next item starts with و right after the previous one ("، ورئيس وزراء … X")
            ((pl.col("a_start") - pl.col("prev_end") <= _LIST_LINK_GAP) & pl.col("w_next").fill_null(False))
            | (pl.col("a_start") - pl.col("prev_end") <= 1)
        )
    )
    m = m.with_columns(governed=all_so_far(link_ok, group)).with_columns(
        gov_kind=pl.when(pl.col("governed")).then(pl.col("gov_kind")),
        gov_tok=pl.when(pl.col("governed")).then(pl.col("gov_tok")),
    )
    return m.with_columns(free=pl.col("gov_kind").is_null() | (pl.col("gov_kind") == "trigger")).drop(
        "prev_end", "next_tok", "w_next", "governed"
    )
