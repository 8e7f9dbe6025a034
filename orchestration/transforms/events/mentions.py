"""Stage 4a: actor candidates. Entity mentions placed on the tokens of the trigger sentences.

Each mention gets its first/last token, a class (agent | state | place), its proclitics and the
و that may join it to the previous actor; mentions that are not actors are dropped here: nisba
adjectives, news media, names nested in a longer mention, appositions and titles of a person.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS, MENTION_ORDER, SENTENCE_STRIDE
from orchestration.transforms.events.protests import crowd_nisbas
from orchestration.transforms.events.windows import shift_in_group
from orchestration.transforms.text import normalize_expr

# Country mentions below this confidence are nisba adjectives (القوات الجوية الروسية): not actors.
MIN_STATE_CONFIDENCE = 0.5
# Military nouns (normalized) whose nisba names the force's state (drop_non_actors).
_FORCE_NOUN = r"^[وف]?(?:ال)?(?:طائر(?:ه|ات)|مقاتلات|طيران|مسير(?:ه|ات)|بوارج|مدفعيه|زوارق)$"
DEFAULT_MENTION_CONFIDENCE = 0.8
# Open-world methods (transforms/openworld): names found by their shape, not in the knowledge base.
_OPEN_WORLD_METHODS = ("title", "speech", "name-shape", "coref", "head-noun", "head-phrase", "latin", "model")


def strong_mentions(mentions: pl.DataFrame) -> pl.DataFrame:
    """Mentions that may be an event party: not a name found only by its shape (open-world rules,
    the token tagger) with no country or role the text gives."""
    if "method" not in mentions.columns:
        return mentions
    mentions = shared_actor_codes(mentions)
    weak = pl.col("method").is_in(_OPEN_WORLD_METHODS) & pl.col("actor_code").is_null()
    return mentions.filter(~weak)


def shared_actor_codes(mentions: pl.DataFrame) -> pl.DataFrame:
    """The text gives a name's country once ("رئيس جمهورية جنوب السودان سلفاكير ميارديت"); its
    other mentions in the article ("مباحثات مع الرئيس سلفاكير ميارديت") are the same actor."""
    # The code of the first mention in the text that has one (the codes in text order, then by
    # value: not whichever row happened to come first).
    # Only the rows with a code are sorted (once, not per window), and the first code per
    # (article, entity) is joined back: no per-group sort over every mention.
    order = [c for c in ("char_start", "char_end") if c in mentions.columns]
    key = ["article_id", "entity_id"]
    coded = mentions.filter(pl.col("actor_code").is_not_null())
    if coded.height == 0 or coded.height == mentions.height:
        return mentions
    first = (
        coded.select(*key, *order, "actor_code")
        .sort([*key, *order, "actor_code"], nulls_last=True)
        .unique(key, keep="first", maintain_order=True)
        .select(*key, _code="actor_code")
    )
    return (
        mentions.join(first, on=key, how="left", maintain_order="left", nulls_equal=True)
        .with_columns(actor_code=pl.col("actor_code").fill_null(pl.col("_code")))
        .drop("_code")
    )


def unify_role_placeholders(mentions: pl.DataFrame) -> pl.DataFrame:
    """A role placeholder (``actor:QATGOV:emir`` for "أمير قطر" in an undated article) is the
    article's one named person with the same actor code and role ("أمير قطر الشيخ تميم …")."""
    if "role" not in mentions.columns:
        return mentions
    holders = (
        mentions.filter(
            (pl.col("entity_type") == "PERSON")
            & ~pl.col("entity_id").str.starts_with("actor:")
            & pl.col("role").is_not_null()
            & pl.col("actor_code").is_not_null()
        )
        .group_by("article_id", "actor_code", "role")
        .agg(holder=pl.col("entity_id").unique())
        .filter(pl.col("holder").list.len() == 1)
        .with_columns(pl.col("holder").list.first())
    )
    placeholder = pl.col("entity_id").str.starts_with("actor:") & pl.col("holder").is_not_null()
    return (
        mentions.join(holders, on=["article_id", "actor_code", "role"], how="left", nulls_equal=False)
        .with_columns(entity_id=pl.when(placeholder).then(pl.col("holder")).otherwise(pl.col("entity_id")))
        .drop("holder")
    )


def place_mentions(mentions: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Mentions inside a tokenized sentence, on their first/last token (a_start, a_end), with
    klass, the proclitic before the name (bprefix ب, wprefix و) and the first token's norm."""
    # Sorting and as-of joining on an integer article key, numbered in article_id order so the
    # rows come out in the same order as keyed by the string (aidx is not in that order).
    ids = tokens.select("aidx", "article_id").unique("aidx").sort("article_id").with_row_index("akey")
    toks = tokens.join(ids.select("aidx", "akey"), on="aidx", maintain_order="left").select(
        "akey",
        "token_index",
        "sentence_index",
        "token",
        "norm",
        t_char_start="char_start",
        t_char_end="char_end",
    )  # already in article and text order (event_tokens)
    # A name found only by its shape, with no country or role the text gives, is too weak to be a
    # party: on real news it mostly takes the partner slot from a known actor.
    mentions = strong_mentions(mentions)
    m = (
        mentions.join(ids.select("article_id", "akey"), on="article_id", maintain_order="left")
        .select(
            "akey",
            "article_id",
            "entity_id",
            "entity_type",
            "char_start",
            "char_end",
            m_conf=pl.col("confidence").cast(pl.Float64).fill_null(DEFAULT_MENTION_CONFIDENCE),
            actor_code=pl.col("actor_code").cast(pl.String),
        )
        .with_columns(end_key=pl.col("char_end") - 1)
    )
    asof = {"by": "akey", "check_sortedness": False}
    m = (
        m.sort("akey", "char_start")
        .join_asof(toks, left_on="char_start", right_on="t_char_start", **asof)  # type: ignore[arg-type]
        .rename({"token_index": "a_start"})
        # only mentions inside a tokenized (trigger-bearing) sentence
        .filter(pl.col("char_start") < pl.col("t_char_end"))
        .sort("akey", "end_key")
        .join_asof(
            toks.select("akey", e_char_start="t_char_start", a_end="token_index"),
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
        # لـ marks a possessor or beneficiary ("مواقع عسكرية للجيش السوري"), never a subject.
        lprefix=prefix.is_in(["ل", "ول", "فل"]) | pl.col("norm").str.starts_with("لل"),
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
        "lprefix",
        "norm",
    )


def drop_non_actors(
    m: pl.DataFrame, triggers: pl.DataFrame, tokens: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Drops nisba adjectives, news media, nested names, appositions and titles of a person."""
    # A nisba right after a noun trigger is the noun's agent ("الغارات الإسرائيلية" = Israel's strikes).
    # An attack noun may carry a descriptive adjective first ("الغارة الجوية الإسرائيلية").
    nouns = triggers.filter(pl.col("kind") == "noun")
    noun_ends = (
        pl.concat(
            [
                nouns.select("article_id", a_start=pl.col("end") + 1),
                nouns.filter(pl.col("event_code").str.starts_with("19")).select(
                    "article_id", a_start=pl.col("end") + 2
                ),
                _force_nisbas(tokens),
                # a crowd's plural nisba and the nisba of the seat it protests at (protests.py)
                crowd_nisbas(triggers, tokens),
            ]
        )
        .unique()
        .with_columns(agent_nisba=pl.lit(True))
    )
    # The object of an attack verb may be named by a nisba on its noun: the target ("استهداف سفينة
    # أمريكية"); kept as an object only, never as the subject of a later trigger (object_nisba).
    objects = _attack_object_nisbas(triggers).unique().with_columns(object_nisba=pl.lit(True))
    weak = (pl.col("klass") == "state") & (pl.col("m_conf") < MIN_STATE_CONFIDENCE)
    m = (
        m.join(noun_ends, on=["article_id", "a_start"], how="left")
        .join(objects, on=["article_id", "a_start"], how="left")
        .with_columns(obj_pos=pl.col("object_nisba").fill_null(False))
        .with_columns(
            # only an indefinite nisba: a definite one may be a VSO subject ("وقصف الجانب التركي")
            object_nisba=weak
            & ~pl.col("agent_nisba").fill_null(False)
            & pl.col("obj_pos")
            & ~pl.col("norm").str.contains("^(?:[وفبل])?ال")
        )
        .filter(~weak | pl.col("agent_nisba").fill_null(False) | pl.col("obj_pos"))
        .drop("obj_pos")
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
    # Two mentions of one start ("رؤساء السودان ومصر": the state and its leader) sort the state
    # first, so the leader after it takes its place (state_before_agent); every other column breaks
    # the remaining ties: without them the rules below depend on the order joins left the rows in.
    m = (
        m.join(nested, on="aid", how="anti")
        .with_columns(_agent_first=pl.col("klass") != "state")
        .sort("article_id", "char_start", "_agent_first", "char_end", *MENTION_ORDER, maintain_order=True)
        .drop("_agent_first")
    )
    # Apposition ("الرئيس الروسي، فلاديمير بوتين") repeats one actor; a country right before a
    # person is the person's nisba/title ("الاحتلال الإسرائيلي بنيامين نتنياهو").
    same_prev = (
        (pl.col("entity_id") == shift_in_group(pl.col("entity_id"), 1, KEYS))
        & (pl.col("a_start") - shift_in_group(pl.col("a_end"), 1, KEYS) <= 3)
    ).fill_null(False)
    # The kept mention spans its apposition: "سفير دولة الكويت طارق الفرج، وسفير …" is one actor up
    # to the name, so the next list item starts right after it (parties.coordinated_chains).
    run = (~same_prev).cast(pl.Int64).cum_sum()
    m = (
        m.with_columns(_run=run)
        .with_columns(pl.col("a_end", "char_end").max().over("_run"))
        .filter(~same_prev)
        .drop("_run")
    )
    state_before_agent = (
        (pl.col("klass") == "state")
        & (shift_in_group(pl.col("klass"), -1, KEYS) == "agent")
        & (shift_in_group(pl.col("a_start"), -1, KEYS) - pl.col("a_end") <= 2)
    ).fill_null(False)
    # A nisba right before a city is the city's ("في العاصمة الإيرانية طهران"): the city stands for
    # its country where it is a party (``parties.places_to_states``), the nisba is no actor of its own.
    state_before_place = (
        (pl.col("klass") == "state")
        & (shift_in_group(pl.col("klass"), -1, KEYS) == "place")
        & (shift_in_group(pl.col("a_start"), -1, KEYS) - pl.col("a_end") == 1)
    ).fill_null(False)
    # An organization right before a person is the person's title ("الأمين العام للأمم المتحدة
    # أنطونيو غوتيريش", "رئيس المكتب السياسي لحركة حماس إسماعيل هنية").
    org_before_person = (
        (pl.col("entity_type") == "ORG")
        & (shift_in_group(pl.col("entity_type"), -1, KEYS) == "PERSON")
        & (shift_in_group(pl.col("a_start"), -1, KEYS) - pl.col("a_end") <= 2)
        & ~shift_in_group(pl.col("wprefix"), -1, KEYS).fill_null(False)
    ).fill_null(False)
    return m.filter(~state_before_agent & ~state_before_place & ~org_before_person)


def _force_nisbas(tokens: pl.DataFrame | None) -> pl.DataFrame:
    """(article_id, a_start): where the nisba of a military noun stands, right after it or after
    one adjective: the force's state ("طائرات إسرائيلية نفذت غارات", "طائرة مسيّرة تركية")."""
    if tokens is None:
        return pl.DataFrame(schema={"article_id": pl.String, "a_start": pl.Int64})
    forces = tokens.filter(pl.col("norm").str.contains(_FORCE_NOUN)).select("article_id", "token_index")
    return pl.concat([forces.select("article_id", a_start=pl.col("token_index") + gap) for gap in (1, 2)])


def _attack_object_nisbas(triggers: pl.DataFrame) -> pl.DataFrame:
    """(article_id, a_start): where the nisba of an attack verb's object noun stands, one or two
    nouns after the verb ("استهدفت سفينة أمريكية", "استهداف سفينة شحن أمريكية")."""
    verbs = triggers.filter((pl.col("kind") == "verb") & pl.col("event_code").str.starts_with("19"))
    return pl.concat([verbs.select("article_id", a_start=pl.col("end") + gap) for gap in (2, 3)])


def coordination(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """coord: "X وY" with و as a proclitic or a standalone token."""
    # Only the و tokens take part in the join (any other previous word gives False, as a miss does).
    wa = tokens.filter(pl.col("norm") == "و")
    # The span's first word (its titles included: "و الرئيس الفلسطيني X") follows the و.
    prev_tok = wa.select("article_id", t_start=pl.col("token_index") + 1, prev_is_wa=pl.lit(True))
    # "، وB": a list item after a comma; marked on the item itself and on the word after an actor.
    comma_wa = tokens.filter(pl.col("gap").str.contains("[،,]") & pl.col("norm").str.starts_with("و"))
    item = comma_wa.select("article_id", t_start="token_index", comma_item=pl.lit(True))
    more = comma_wa.select("article_id", a_end=pl.col("token_index") - 1, list_goes_on=pl.lit(True))
    return (
        m.join(prev_tok, on=["article_id", "t_start"], how="left")
        .join(item, on=["article_id", "t_start"], how="left")
        .join(more, on=["article_id", "a_end"], how="left")
        .with_columns(
            coord=pl.col("wprefix") | pl.col("prev_is_wa").fill_null(False),
            comma_item=pl.col("comma_item").fill_null(False),
            list_goes_on=pl.col("list_goes_on").fill_null(False),
            # A detached و ("السبسي و أحمد أبو الغيط", a frequent typo) belongs to the span, as the
            # proclitic does: the two names stay adjacent for the pair and list rules.
            t_start=pl.col("t_start") - pl.col("prev_is_wa").fill_null(False).cast(pl.Int64),
        )
    )
