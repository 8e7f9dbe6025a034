"""Event candidates: who did what to whom, when, from trigger words and entity mentions.

Pipeline (all vectorized, one pass over the batch):

1. **Tokens.** Only sentences that may hold a trigger (a substring pre-filter on the normalized
   sentence) are split into words with character offsets; each word is
   matching-normalized and expanded into a few *variants* (proclitics و/ف, prepositions ب/ك/ل,
   the article ال, the future prefix سـ, object pronouns ه/ها/هما/هم). Variants are computed once
   per distinct token and kept only when they are a word of some lexicon pattern.
2. **Lexicon matching.** Every multi-word pattern (triggers, markers, relative days, weekdays) is
   matched with one join: a pattern matches at token ``s`` when its word ``k`` is a variant of token
   ``s + k`` for every ``k``. Within a sentence the longest match wins (``على اتصال`` blocks
   ``اتصال``; ``الليلة قبل الماضية`` beats ``الليلة``).
3. **Actors.** Entity mentions are placed on tokens. Each actor gets its *governor*: the nearest
   preceding partner marker (مع، بين، على/ضد، إلى) or trigger. Free actors (no partner marker) are
   subjects; governed ones are partners. Per trigger: subject = nearest free actor before
   (after for sentence-initial VSO verbs; the genitive/relative agent right after a noun trigger;
   the sentence's first person for possessed nouns ``لقائه``/``كما هنأ``); partners = actors
   governed by a marker in the trigger's clause (one event per partner: lists of targets give one
   dyad each), else the direct object, else a coordinated pair ``بوتين وترامب في اتصالهما``.
   ``تلقى اتصالا من X`` swaps the roles; ``الجانبان``/``الطرفان`` repeat the previous event.
4. **Precedence.** One candidate per sentence, unordered dyad and CAMEO root: the most specific
   trigger wins (a phone call beats ``بحث مع``/``محادثات``).
5. **Dates and status.** The nearest date expression of the sentence (explicit > relative day >
   weekday) resolves against ``published_date``; without one, an occurring event gets the
   publication date at lower confidence. An unknown publication date leaves the event date NULL.

All dictionaries are CSVs in ``data/reference`` (see the "Event lexicons" section of ``data/reference/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.dates import find_dates, load_date_words
from orchestration.transforms.hashing import sha256_prefix
from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase, read_table
from orchestration.transforms.text import REMOVED_CHARS, normalize_expr

EVENT_CANDIDATES_SCHEMA: dict[str, pl.DataType] = {
    "mention_id": pl.String(),
    "article_id": pl.String(),
    "sentence_index": pl.Int64(),
    "sentence": pl.String(),
    "event_code": pl.String(),
    "trigger": pl.String(),
    "action_char_offset": pl.Int64(),
    "actor1_entity_id": pl.String(),
    "actor2_entity_id": pl.String(),
    "actor1_char_offset": pl.Int64(),
    "actor2_char_offset": pl.Int64(),
    "actor1_code": pl.String(),
    "actor2_code": pl.String(),
    "location_entity_id": pl.String(),
    "status": pl.String(),
    "event_date": pl.Date(),
    "date_precision": pl.String(),
    "event_weekday": pl.Int32(),
    "confidence": pl.Float64(),
}

# Sentinels for "no bound" on token indices (token indices are per article, far below these).
_FAR = 1 << 40
_SENTENCE_STRIDE = 1 << 20  # token_index = sentence_index * stride + index within the sentence
# Partner markers allowed per trigger `target` column of event_triggers.csv.
_TARGET_GOVERNORS: dict[str, list[str]] = {
    "with": ["with", "between"],
    "to": ["with", "between", "to"],
    "against": ["with", "between", "against"],
    "any": ["with", "between"],
}
_PARTNER_MARKERS = ["with", "between", "to", "against"]
_KLASS_RANK = {"agent": 0, "state": 1, "place": 2}
# Token distances for partner lists: first actor after مع/بين (مع نظرائه كلاً من الرئيس X), after
# على/إلى (على سوريا), and between two list items joined by و (، ورئيس وزراء الاحتلال … X).
_LIST_FIRST_GAP = 8
_PREP_FIRST_GAP = 2
_LIST_LINK_GAP = 6
# Country mentions below this confidence are nisba adjectives (القوات الجوية الروسية): not actors.
_MIN_STATE_CONFIDENCE = 0.5
# A VSO subject follows its verb at once (titles are part of the mention); a coordinated pair
# "X وY" is the pair of the trigger only when it touches the trigger's clause.
_VSO_SUBJECT_GAP = 8
_COORD_PAIR_GAP = 3
# من governs the first actor within this many tokens (kinship words and honorifics may intervene).
_FROM_GAP = 4
# بين pairs belong to the trigger only when the marker is this close ("لقاء بين X وY"); further on
# it usually hangs on another noun ("اللقاء تناول العلاقات بين مصر والولايات المتحدة").
_BETWEEN_GAP = 2
# The target of an attack may be a few words after على ("غارات على بلدات عدة في جنوب لبنان").
_AGAINST_FIRST_GAP = 6
# An organization named by its seat ("قصر الاتحادية", "مقر الرئاسة") after ب/في is a location.
# Disapprove/reject/condemn codes whose object may be an event noun right after the verb.
_OVER_NOUN_ROOTS = ["11", "12"]
_OVER_NOUN_GAP = 4
_SEAT_PATTERN = r"^(?:[وف]?[بل]?)?(?:ال)?(?:قصر|مقر)"
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
    "dyad_back": 0.75,
}
_STATE_ACTOR_FACTOR = 0.9  # a country standing in for an unnamed government actor
_PUBLICATION_DATE_FACTOR = 0.85  # event date assumed to be the publication date (GDELT convention)
_DEFAULT_MENTION_CONFIDENCE = 0.8


@dataclass(frozen=True)
class EventLexicons:
    """Lexicons besides ``kb.event_triggers``: markers, relative days, weekday names."""

    markers: pl.DataFrame  # pattern_ar, marker, window_before, window_after
    relative_days: pl.DataFrame  # pattern_ar, day_offset
    weekdays: pl.DataFrame  # pattern_ar, iso_weekday


@lru_cache(maxsize=4)
def load_event_lexicons(reference_dir: Path = REFERENCE_DIR) -> EventLexicons:
    markers = read_table(
        "event_markers.csv", reference_dir, {"window_before": pl.Int64(), "window_after": pl.Int64()}
    )
    relative = read_table("relative_days.csv", reference_dir, {"day_offset": pl.Int64()})
    weekdays = (
        load_date_words(reference_dir)
        .filter(pl.col("kind") == "weekday")
        .select(pattern_ar=pl.col("word"), iso_weekday=pl.col("value").cast(pl.Int64))
    )
    return EventLexicons(markers=markers, relative_days=relative, weekdays=weekdays)


# --------------------------------------------------------------------------------------------
# Lexicon matching
# --------------------------------------------------------------------------------------------


def _lexicon(triggers: pl.DataFrame, lex: EventLexicons) -> pl.DataFrame:
    """All patterns in one frame: lex_id, group (trigger|marker|date), attributes, words."""
    trig = triggers.select(
        "pattern_ar",
        group=pl.lit("trigger"),
        marker=pl.lit("trigger"),
        event_code=pl.col("event_code"),
        kind=pl.col("kind"),
        voice=pl.col("voice").fill_null("active"),
        priority=pl.col("priority").cast(pl.Int64).fill_null(1)
        if "priority" in triggers.columns
        else pl.lit(1, pl.Int64),
        target=pl.col("target").fill_null("any") if "target" in triggers.columns else pl.lit("any"),
        allow_article=pl.col("kind").is_in(["noun", "modifier"]),
        allow_future=pl.col("kind") == "verb",
        allow_suffix=pl.lit(True),
    )
    m = lex.markers
    # Blocking phrases compete with triggers for the longest match, so they live in that group.
    blocks = m.filter(pl.col("marker") == "block").select(
        "pattern_ar", group=pl.lit("trigger"), marker=pl.lit("block"), priority=pl.lit(0, pl.Int64)
    )
    markers = m.filter(pl.col("marker") != "block").select(
        "pattern_ar", "marker", "window_before", "window_after", group=pl.lit("marker")
    )
    rel = lex.relative_days.select(
        "pattern_ar", "day_offset", group=pl.lit("date"), marker=pl.lit("relative")
    )
    wd = lex.weekdays.select("pattern_ar", "iso_weekday", group=pl.lit("date"), marker=pl.lit("weekday"))
    out = pl.concat([trig, blocks, markers, rel, wd], how="diagonal_relaxed").with_columns(
        pl.col("allow_article").fill_null(False),
        pl.col("allow_future").fill_null(False),
        pl.col("allow_suffix").fill_null(False),
        pl.col("priority").fill_null(0),
        words=normalize_expr(pl.col("pattern_ar")).str.strip_chars().str.split(" "),
    )
    out = out.with_columns(pl.col("words").list.eval(pl.element().filter(pl.element() != "")))
    return (
        out.with_columns(n_words=pl.col("words").list.len().cast(pl.Int64))
        .with_row_index("lex_id")
        .with_columns(pl.col("lex_id").cast(pl.Int64))
    )


def _lexicon_words(lexicon: pl.DataFrame) -> pl.DataFrame:
    return (
        lexicon.select(
            "lex_id",
            "n_words",
            "allow_article",
            "allow_future",
            "allow_suffix",
            word="words",
            pos=pl.int_ranges(pl.col("words").list.len()),
        )
        .explode(["word", "pos"])
        .with_columns(pl.col("pos").cast(pl.Int64))
    )


def _variants(norms: pl.DataFrame, vocab: pl.Series) -> pl.DataFrame:
    """Clitic-stripped variants of each distinct normalized token that are lexicon words.

    Columns: norm, word, f_prep, f_article, f_future, f_suffix (which stripping produced it).
    """
    flags = ["f_prep", "f_article", "f_future", "f_suffix", "f_acc"]

    def variant(frame: pl.DataFrame, pattern: str, flag: str | None) -> pl.DataFrame:
        stripped = pl.col("word").str.replace(pattern, "${1}")
        out = frame.with_columns(new=stripped).filter(pl.col("new") != pl.col("word"))
        out = out.with_columns(word=pl.col("new")).drop("new")
        return out.with_columns(pl.lit(True).alias(flag)) if flag else out

    base = norms.select("norm", word=pl.col("norm"), **{f: pl.lit(False) for f in flags})
    stage = pl.concat([base, variant(base, r"^[وف](.{2,})$", None)])
    stage = pl.concat(
        [
            stage,
            variant(stage, r"^[بكل](.{3,})$", "f_prep"),
            variant(stage, r"^(?:ال|بال|كال|لل)(.{2,})$", "f_article"),
            variant(stage, r"^س([يتن].{2,})$", "f_future"),
        ]
    )
    stage = pl.concat([stage, variant(stage, r"^(.{3,}?)(?:هما|هم|ها|ه)$", "f_suffix")])
    # Accusative alef (tanween fath is already gone): اتصالاً هاتفياً -> اتصال هاتفي.
    stage = pl.concat([stage, variant(stage.filter(~pl.col("f_suffix")), r"^(.{3,})ا$", "f_acc")])
    return stage.filter(pl.col("word").is_in(vocab.implode())).unique()


def _trigger_needles(lexicon: pl.DataFrame) -> list[str]:
    """One substring per trigger pattern that every inflected form contains (its longest word
    without a final ا/ه/ي: زياره -> زيار matches زيارته, التقي -> التق matches التقاه)."""
    return (
        lexicon.filter(pl.col("group") == "trigger")
        .select(
            needle=pl.col("words")
            .list.eval(pl.element().sort_by(pl.element().str.len_chars(), descending=True).first())
            .list.first()
        )
        .with_columns(
            # keep at least 3 letters: هنا (هنأ) must not shrink to هن
            needle=pl.when(pl.col("needle").str.replace(r"[اهي]+$", "").str.len_chars() >= 3)
            .then(pl.col("needle").str.replace(r"[اهي]+$", ""))
            .otherwise(pl.col("needle"))
        )
        .filter(pl.col("needle").str.len_chars() >= 2)
        .unique()
        .get_column("needle")
        .to_list()
    )


def _tokens(sentences: pl.DataFrame, needles: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(kept sentences, their word tokens). Only sentences that may hold a trigger are tokenized
    (a substring pre-filter on the normalized sentence); token_index is sentence-major so token
    distances never cross a sentence."""
    kept = sentences.select("article_id", "sentence_index", "sentence", s_start=pl.col("char_start")).filter(
        normalize_expr(pl.col("sentence")).str.contains_any(needles)
    )
    # Every non-word character becomes one space (length-preserving), so a plain split gives
    # words whose offsets are cumulative (length + 1); ~10x faster than a tokenizing regex.
    toks = (
        kept.select(
            "article_id",
            "sentence_index",
            "s_start",
            token=pl.col("sentence").str.replace_all(r"[^\p{L}\p{M}\p{N}]", " ").str.split(" "),
        )
        .with_columns(tlen=pl.col("token").list.eval(pl.element().str.len_chars().cast(pl.Int64)))
        .with_columns(t_end=pl.col("tlen").list.eval((pl.element() + 1).cum_sum()))
        .explode(["token", "tlen", "t_end"])
        .filter(pl.col("tlen") > 0)
        .with_columns(local=pl.int_range(pl.len(), dtype=pl.Int64).over("article_id", "sentence_index"))
    )
    toks = toks.select(
        "article_id",
        "sentence_index",
        "token",
        token_index=pl.col("sentence_index") * _SENTENCE_STRIDE + pl.col("local"),
        char_start=pl.col("s_start") + pl.col("t_end") - pl.col("tlen") - 1,
        char_end=pl.col("s_start") + pl.col("t_end") - 1,
        norm=normalize_expr(pl.col("token")),
    )
    return kept, toks


def _match(tokens: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """Pattern matches: article_id, sentence_index, lex_id, group, start, end (token indices),
    future (سـ on the first word), longest match per sentence and group."""
    lw = _lexicon_words(lexicon)
    variants = _variants(tokens.select("norm").unique(), lw.get_column("word").unique())
    hits = (
        tokens.select("article_id", "token_index", "sentence_index", "norm")
        .join(variants, on="norm")
        .join(lw, on="word")
        .filter(
            (~pl.col("f_prep") | pl.col("allow_article"))
            & (~pl.col("f_article") | pl.col("allow_article"))
            & (~pl.col("f_acc") | pl.col("allow_article"))
            & (~pl.col("f_future") | (pl.col("allow_future") & (pl.col("pos") == 0)))
            & (~pl.col("f_suffix") | (pl.col("allow_suffix") & (pl.col("pos") == pl.col("n_words") - 1)))
        )
        .with_columns(start=pl.col("token_index") - pl.col("pos"))
    )
    matches = (
        hits.group_by("article_id", "lex_id", "start")
        .agg(
            n=pl.col("pos").n_unique(),
            n_words=pl.col("n_words").first(),
            s_min=pl.col("sentence_index").min(),
            s_max=pl.col("sentence_index").max(),
            future=(pl.col("f_future") & (pl.col("pos") == 0)).any(),
        )
        .filter((pl.col("n") == pl.col("n_words")) & (pl.col("s_min") == pl.col("s_max")))
        .select(
            "article_id",
            "lex_id",
            "start",
            "future",
            sentence_index=pl.col("s_min"),
            end=pl.col("start") + pl.col("n_words") - 1,
        )
        .join(lexicon.select("lex_id", "group", "priority"), on="lex_id")
        .with_row_index("match_id")
    )
    keys = ["article_id", "sentence_index", "group"]
    other = matches.select(*keys, o_start="start", o_end="end")
    span = pl.col("end") - pl.col("start")
    covered = (
        matches.join(other, on=keys)
        .filter(
            (pl.col("o_start") <= pl.col("start"))
            & (pl.col("o_end") >= pl.col("end"))
            & ((pl.col("o_end") - pl.col("o_start")) > span)
        )
        .select("match_id")
        .unique()
    )
    return (
        matches.join(covered, on="match_id", how="anti")
        .sort(["priority", "lex_id"], descending=[True, False])
        .unique(subset=[*keys, "start", "end"], keep="first", maintain_order=True)
        .drop("match_id", "priority")
    )


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------


def _actors(
    mentions: pl.DataFrame, tokens: pl.DataFrame, markers: pl.DataFrame, triggers: pl.DataFrame
) -> pl.DataFrame:
    """Entity mentions on tokens, with klass (agent|state|place), governor and flags."""
    toks = tokens.select(
        "article_id",
        "token_index",
        "sentence_index",
        "token",
        "norm",
        t_char_start="char_start",
        t_char_end="char_end",
    ).sort("article_id", "t_char_start")
    m = mentions.select(
        "article_id",
        "entity_id",
        "entity_type",
        "char_start",
        "char_end",
        m_conf=pl.col("confidence").cast(pl.Float64).fill_null(_DEFAULT_MENTION_CONFIDENCE),
        actor_code=pl.col("actor_code").cast(pl.String),
    ).with_columns(end_key=pl.col("char_end") - 1)
    m = (
        m.sort("article_id", "char_start")
        .join_asof(
            toks, left_on="char_start", right_on="t_char_start", by="article_id", check_sortedness=False
        )
        .rename({"token_index": "a_start"})
        # only mentions inside a tokenized (trigger-bearing) sentence
        .filter(pl.col("char_start") < pl.col("t_char_end"))
        .sort("article_id", "end_key")
        .join_asof(
            toks.select("article_id", e_char_start="t_char_start", a_end="token_index"),
            left_on="end_key",
            right_on="e_char_start",
            by="article_id",
            check_sortedness=False,
        )
        .filter(
            pl.col("a_end").is_not_null()
            & (pl.col("a_end") // _SENTENCE_STRIDE == pl.col("a_start") // _SENTENCE_STRIDE)
        )
    )
    prefix = normalize_expr(
        pl.col("token").str.slice(0, (pl.col("char_start") - pl.col("t_char_start")).cast(pl.UInt32))
    )
    m = m.with_columns(
        klass=pl.when(pl.col("entity_type") != "PLACE")
        .then(pl.lit("agent"))
        .when(pl.col("entity_id").str.starts_with("country:"))
        .then(pl.lit("state"))
        .otherwise(pl.lit("place")),
        bprefix=prefix.is_in(["ب", "وب", "فب"]),
        wprefix=prefix.str.starts_with("و"),
    ).select(
        "article_id",
        "sentence_index",
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
    keys = ["article_id", "sentence_index"]
    m = m.with_row_index("aid")
    nested = (
        m.join(m.select(*keys, o_start="char_start", o_end="char_end", o_aid="aid"), on=keys)
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
        (pl.col("entity_id") == pl.col("entity_id").shift(1).over(keys))
        & (pl.col("a_start") - pl.col("a_end").shift(1).over(keys) <= 3)
    ).fill_null(False)
    m = m.filter(~same_prev)
    state_before_agent = (
        (pl.col("klass") == "state")
        & (pl.col("klass").shift(-1).over(keys) == "agent")
        & (pl.col("a_start").shift(-1).over(keys) - pl.col("a_end") <= 2)
    ).fill_null(False)
    # An organization right before a person is the person's title ("الأمين العام للأمم المتحدة
    # أنطونيو غوتيريش", "رئيس المكتب السياسي لحركة حماس إسماعيل هنية").
    org_before_person = (
        (pl.col("entity_type") == "ORG")
        & (pl.col("entity_type").shift(-1).over(keys) == "PERSON")
        & (pl.col("a_start").shift(-1).over(keys) - pl.col("a_end") <= 2)
        & ~pl.col("wprefix").shift(-1).over(keys).fill_null(False)
    ).fill_null(False)
    m = m.filter(~state_before_agent & ~org_before_person)
    # Coordination: "X وY" with و as a proclitic or a standalone token.
    prev_tok = tokens.select("article_id", "token_index", prev_is_wa=pl.col("norm") == "و")
    m = m.join(
        prev_tok.with_columns(a_start=pl.col("token_index") + 1).drop("token_index"),
        on=["article_id", "a_start"],
        how="left",
    ).with_columns(coord=pl.col("wprefix") | pl.col("prev_is_wa").fill_null(False))
    # Marker right before the mention: من (caller of a received call), genitive heads (مبعوث X).
    before = markers.filter(pl.col("marker").is_in(["from", "genitive_head", "in"])).select(
        "article_id", "marker", a_start=pl.col("end") + 1
    )
    # من governs the first actor after it within a few words ("اتصالاً من أخيه صاحب السمو الشيخ X").
    from_ends = (
        before.filter(pl.col("marker") == "from")
        .select("article_id", f_end=pl.col("a_start") - 1)
        .unique()
        .sort("article_id", "f_end")
    )
    first_after = (
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
            & (pl.col("a_start") // _SENTENCE_STRIDE == pl.col("f_end") // _SENTENCE_STRIDE)
        )
        .sort("a_start")
        .unique(["article_id", "f_end"], keep="first")
        .select("article_id", "a_start", from_flag=pl.lit(True))
        .unique()
    )
    m = (
        m.join(first_after, on=["article_id", "a_start"], how="left")
        .join(
            before.filter(pl.col("marker") == "genitive_head").select(
                "article_id", "a_start", genitive=pl.lit(True)
            ),
            on=["article_id", "a_start"],
            how="left",
        )
        .join(
            before.filter(pl.col("marker") == "in").select("article_id", "a_start", in_flag=pl.lit(True)),
            on=["article_id", "a_start"],
            how="left",
        )
        .join(
            # "في مدينة سوتشي"
            before.filter(pl.col("marker") == "in").select(
                "article_id", a_start=pl.col("a_start") + 1, in_flag2=pl.lit(True)
            ),
            on=["article_id", "a_start"],
            how="left",
        )
        .with_columns(
            pl.col("from_flag").fill_null(False),
            pl.col("genitive").fill_null(False),
            located=pl.col("in_flag").fill_null(False)
            | pl.col("in_flag2").fill_null(False)
            | pl.col("bprefix"),
            # "الوضع في سوريا": a country after في is where, not who; so is a palace after ب/في
            # ("استقبل بقصر الاتحادية X": the presidency's seat, not a guest).
            klass=pl.when(
                ((pl.col("klass") == "state") & pl.col("in_flag").fill_null(False))
                | (
                    (pl.col("entity_type") == "ORG")
                    & (pl.col("in_flag").fill_null(False) | pl.col("bprefix"))
                    & pl.col("norm").str.contains(_SEAT_PATTERN)
                )
            )
            .then(pl.lit("place"))
            .otherwise(pl.col("klass")),
        )
    )
    m = m.filter(~pl.col("genitive"))
    # Governor: nearest partner marker or trigger start before the mention, within the sentence.
    # A marker inside a trigger counts only when it ends the trigger ("وصل إلى", "أثنى على").
    trig_spans = triggers.select([*keys, "start", "end"]).rename({"start": "ts", "end": "te"})
    pm = markers.filter(pl.col("marker").is_in(_PARTNER_MARKERS)).with_row_index("mk")
    inside = (
        pm.join(trig_spans, on=keys)
        .filter((pl.col("start") >= pl.col("ts")) & (pl.col("start") < pl.col("te")))
        .select("mk")
        .unique()
    )
    pm = pm.join(inside, on="mk", how="anti")
    bounds = pl.concat(
        [
            pm.select(*keys, b_tok="start", gov_kind="marker"),
            triggers.select(*keys, b_tok="start", gov_kind=pl.lit("trigger")),
        ]
    ).sort("b_tok")
    m = (
        m.with_columns(key=pl.col("a_start") - 1)
        .sort("key")
        .join_asof(
            bounds, left_on="key", right_on="b_tok", by=keys, strategy="backward", check_sortedness=False
        )
        .with_columns(
            gov_kind=pl.when(pl.col("bprefix")).then(pl.lit("with")).otherwise(pl.col("gov_kind")),
            gov_tok=pl.when(pl.col("bprefix")).then(pl.col("a_start")).otherwise(pl.col("b_tok")),
        )
        .drop("key", "b_tok", "wprefix", "prev_is_wa", "genitive", "in_flag", "in_flag2")
    )
    # A marker governs the actor right after it and a list chained to it by و/commas
    # ("مع A، وB والرئيس C"); an actor further on ("مع الأسد، جاء في بيان الكرملين") is free again.
    wa = tokens.select("article_id", "token_index", w_next=pl.col("norm").str.starts_with("و"))
    group = [*keys, "gov_tok"]
    m = (
        m.sort([*group, "a_start"])
        .with_columns(prev_end=pl.col("a_end").shift(1).over(group))
        .with_columns(next_tok=pl.col("prev_end") + 1)
        .join(wa.rename({"token_index": "next_tok"}), on=["article_id", "next_tok"], how="left")
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
    m = m.with_columns(governed=link_ok.cast(pl.Int8).cum_min().over(group).cast(pl.Boolean)).with_columns(
        gov_kind=pl.when(pl.col("governed")).then(pl.col("gov_kind")),
        gov_tok=pl.when(pl.col("governed")).then(pl.col("gov_tok")),
    )
    return m.with_columns(free=pl.col("gov_kind").is_null() | (pl.col("gov_kind") == "trigger")).drop(
        "prev_end", "next_tok", "w_next", "governed"
    )


# --------------------------------------------------------------------------------------------
# Main entry point
# --------------------------------------------------------------------------------------------


def _unify_role_placeholders(mentions: pl.DataFrame) -> pl.DataFrame:
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


def _first_by(frame: pl.DataFrame, key: str, by: list[pl.Expr], prefix: str, cols: list[str]) -> pl.DataFrame:
    """The first row per ``key`` after sorting by ``by``, columns renamed with ``prefix``."""
    # The columns themselves break ties: joins return rows in no fixed order.
    return (
        frame.sort([*by, *cols], nulls_last=True)
        .unique(subset=[key], keep="first", maintain_order=True)
        .select(key, *[pl.col(c).alias(f"{prefix}{c}") for c in cols])
    )


_ACTOR_COLS = ["entity_id", "klass", "char_start", "a_start", "a_end", "m_conf", "actor_code", "entity_type"]


def extract_event_candidates(
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    kb: KnowledgeBase,
    lexicons: EventLexicons | None = None,
) -> pl.DataFrame:
    """One row per event mention (see ``docs/contracts.md``, table ``event_candidates``)."""
    lex = lexicons or load_event_lexicons()
    empty = pl.DataFrame(schema=EVENT_CANDIDATES_SCHEMA)
    if articles.height == 0 or sentences.height == 0:
        return empty
    lexicon = _lexicon(kb.event_triggers, lex)
    kept, tokens = _tokens(sentences, _trigger_needles(lexicon))
    if tokens.height == 0:
        return empty
    matches = _match(tokens, lexicon).join(
        lexicon.select(
            "lex_id",
            "marker",
            "event_code",
            "kind",
            "voice",
            "priority",
            "target",
            "window_before",
            "window_after",
            "day_offset",
            "iso_weekday",
        ),
        on="lex_id",
    )
    keys = ["article_id", "sentence_index"]
    triggers = matches.filter((pl.col("group") == "trigger") & (pl.col("marker") == "trigger"))
    markers = matches.filter(pl.col("group") == "marker")
    if triggers.height == 0:
        return empty

    # Trigger surface, offsets, possessive suffix, clause region (up to the neighbouring triggers).
    tok_pos = tokens.select("article_id", "token_index", "token", "char_start", "char_end")
    triggers = (
        triggers.join(
            tok_pos.rename(
                {"token_index": "start", "char_start": "action_char_offset", "token": "first_tok"}
            ).drop("char_end"),
            on=["article_id", "start"],
        )
        .join(
            tok_pos.rename({"token_index": "end", "char_end": "t_char_end", "token": "last_tok"}).drop(
                "char_start"
            ),
            on=["article_id", "end"],
        )
        .sort(*keys, "start")
        .with_columns(
            region_start=(pl.col("end").shift(1).over(keys) + 1).fill_null(-_FAR),
            # A condemnation's object is often another event and its agent ("أدانت X اقتحام قوات
            # الاحتلال المسجد", "أدانت حماس الغارات الإسرائيلية"): its clause runs over that noun's.
            region_end=pl.when(
                pl.col("event_code").str.slice(0, 2).is_in(_OVER_NOUN_ROOTS)
                & (pl.col("kind").shift(-1).over(keys) == "noun")
                & (pl.col("start").shift(-1).over(keys) - pl.col("end") <= _OVER_NOUN_GAP)
            )
            .then(pl.col("start").shift(-2).over(keys) - 1)
            .otherwise(pl.col("start").shift(-1).over(keys) - 1)
            .fill_null(_FAR),
            # A real pronoun suffix (ه not ة) on a noun: "لقائه" = his meeting.
            possessive=(pl.col("kind") == "noun")
            & pl.col("last_tok").str.replace_all(REMOVED_CHARS, "").str.contains("(?:ه|ها|هما|هم)$"),
            dual=pl.col("last_tok").str.replace_all(REMOVED_CHARS, "").str.contains("هما$"),
        )
        .with_row_index("t_id")
    )
    # A relative clause after the trigger ("... قبل القمة التي ستجمعه مع نظيريه") has its own verb:
    # partners named inside it are not the trigger's.
    triggers = (
        _nearest_word(triggers, tokens, _CLAUSE_BOUNDARIES, pl.col("end") + 1, "b_index", "forward")
        .with_columns(region_end=pl.min_horizontal("region_end", pl.col("b_index").fill_null(_FAR) - 1))
        .drop("b_index")
        .sort(*keys, "start")
    )
    body = articles.select("article_id", "body")
    triggers = (
        triggers.join(body, on="article_id")
        .with_columns(
            trigger=pl.col("body").str.slice(
                pl.col("action_char_offset"), pl.col("t_char_end") - pl.col("action_char_offset")
            )
        )
        .drop("body", "first_tok", "last_tok")
    )

    # Markers in each trigger's window.
    win = (
        triggers.select("t_id", *keys, "start", "end")
        .join(
            markers.select(*keys, "marker", "window_before", "window_after", m_start="start", m_end="end"),
            on=keys,
        )
        .filter(
            (
                (pl.col("m_end") < pl.col("start"))
                & (pl.col("start") - pl.col("m_end") <= pl.col("window_before"))
            )
            | (
                (pl.col("m_start") > pl.col("end"))
                & (pl.col("m_start") - pl.col("end") <= pl.col("window_after"))
            )
        )
        .group_by("t_id")
        .agg(pl.col("marker").unique().alias("mk"))
    )
    triggers = (
        triggers.join(win, on="t_id", how="left")
        .with_columns(
            **{
                f"mk_{name}": pl.col("mk").list.contains(name).fill_null(False)
                for name in [
                    "planned",
                    "historical",
                    "receive",
                    "dyad_back",
                    "main_subject",
                    "adverbial",
                    "in",
                ]
            }
        )
        .with_columns(
            passive=(pl.col("voice") == "passive") | pl.col("mk_receive"),
            adverbial=((pl.col("kind") == "noun") & (pl.col("mk_adverbial") | pl.col("mk_in")))
            | (pl.col("kind") == "modifier"),
        )
    )

    # Dates of each sentence, attached to the nearest trigger (ties: all of them).
    date_exprs = _date_expressions(articles, kept, tokens, matches)
    triggers = _attach_dates(triggers, date_exprs, tokens)

    actors = _actors(
        _unify_role_placeholders(
            entity_mentions.filter(pl.col("article_id").is_in(articles["article_id"].implode()))
        ),
        tokens,
        markers,
        triggers,
    )
    dyads = _resolve_actors(triggers.filter(~pl.col("mk_dyad_back")), actors, kb)
    if dyads.height == 0 and not triggers["mk_dyad_back"].any():
        return empty
    cands = _precedence(dyads)
    pub = articles.select("article_id", "published_date").join(
        text_publication_weekday(date_exprs), on="article_id", how="left"
    )
    cands = _resolve_dates(cands.join(pub, on="article_id", how="left"))
    cands = pl.concat(
        [cands, _dyad_back(triggers.filter(pl.col("mk_dyad_back")), cands)], how="diagonal_relaxed"
    )
    cands = _locations(cands, actors)
    return _finish(cands, sentences)


def _resolve_actors(triggers: pl.DataFrame, actors: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """One row per (trigger, target): actor1/actor2 entity, offsets, codes and the role rule."""
    keys = ["article_id", "sentence_index"]
    t = triggers.select(
        "t_id",
        *keys,
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
        "adverbial",
        "mk_main_subject",
    )
    p = t.join(actors, on=keys).with_columns(
        before=pl.col("a_end") < pl.col("start"),
        after=pl.col("a_start") > pl.col("end"),
        krank=pl.col("klass").replace_strict(_KLASS_RANK, return_dtype=pl.Int64),
    )
    actorish = pl.col("klass") != "place"
    cols = _ACTOR_COLS

    # --- subject (grammatical subject of the trigger's clause) ---
    # An actor right after من is a source/caller ("بطلب من بوتين", "اتصالا من X"), never the subject.
    free_actor = p.filter(pl.col("free") & actorish & ~pl.col("from_flag"))
    s_main = _first_by(
        free_actor.filter(pl.col("before") & (pl.col("possessive") | pl.col("mk_main_subject"))).with_columns(
            nonperson=pl.col("entity_type") != "PERSON"
        ),
        "t_id",
        [pl.col("nonperson"), pl.col("krank"), pl.col("a_start")],
        "sm_",
        cols,
    )
    s_near_after = _first_by(
        free_actor.filter(
            (pl.col("kind") == "noun") & pl.col("after") & (pl.col("a_start") - pl.col("end") <= 2)
        ),
        "t_id",
        [pl.col("a_start")],
        "sn_",
        cols,
    )
    s_before = _first_by(free_actor.filter(pl.col("before")), "t_id", [-pl.col("a_end")], "sb_", cols)
    s_after = _first_by(
        free_actor.filter(
            pl.col("after")
            & (pl.col("a_start") <= pl.col("region_end"))
            & (pl.col("a_start") - pl.col("end") <= _VSO_SUBJECT_GAP)
        ),
        "t_id",
        [pl.col("a_start")],
        "sa_",
        cols,
    )
    subj = t.select("t_id")
    for part in (s_main, s_near_after, s_before, s_after):
        subj = subj.join(part, on="t_id", how="left")
    subj = subj.select(
        "t_id",
        *[pl.coalesce(f"sm_{c}", f"sn_{c}", f"sb_{c}", f"sa_{c}").alias(f"s_{c}") for c in cols],
    ).filter(pl.col("s_entity_id").is_not_null())

    # --- partners governed by a marker in the trigger's clause ---
    allowed = pl.lit(False)
    for target, govs in _TARGET_GOVERNORS.items():
        allowed = allowed | ((pl.col("target") == target) & pl.col("gov_kind").is_in(govs))
    visit_or_force = pl.col("event_code").str.starts_with("042") | (pl.col("target") == "against")
    in_clause = (pl.col("gov_tok") >= pl.col("start")) & (pl.col("gov_tok") <= pl.col("region_end"))
    before_clause = (
        pl.col("adverbial")
        & (pl.col("gov_tok") >= pl.col("region_start"))
        & (pl.col("gov_tok") < pl.col("start"))
    )
    near_between = (pl.col("gov_kind") != "between") | (pl.col("gov_tok") - pl.col("end") <= _BETWEEN_GAP)
    partners = p.filter(
        ~pl.col("free") & allowed & (in_clause | before_clause) & (actorish | visit_or_force) & near_between
    ).with_columns(best_rank=pl.col("krank").min().over("t_id"))
    partners = partners.filter(pl.col("krank") == pl.col("best_rank"))
    between = partners.filter(pl.col("gov_kind") == "between").sort("t_id", "a_start")
    between = between.with_columns(n=pl.int_range(pl.len()).over("t_id")).filter(pl.col("n") < 2)
    between_pairs = (
        between.filter(pl.col("n") == 0)
        .select("t_id", *[pl.col(c).alias(f"s_{c}") for c in cols])
        .join(
            between.filter(pl.col("n") == 1).select("t_id", *[pl.col(c).alias(f"o_{c}") for c in cols]),
            on="t_id",
        )
        .with_columns(rule=pl.lit("between"))
    )
    with_partners = partners.filter(~pl.col("t_id").is_in(between_pairs["t_id"].implode())).select(
        "t_id", *[pl.col(c).alias(f"o_{c}") for c in cols]
    )
    partner_rows = subj.join(with_partners, on="t_id").with_columns(rule=pl.lit("partner"))

    done = pl.concat([between_pairs["t_id"], partner_rows["t_id"]]).unique()

    # --- direct object: first free actor after the trigger in its clause (not the subject) ---
    obj = (
        p.filter(pl.col("free") & pl.col("after") & (pl.col("a_start") <= pl.col("region_end")))
        .filter(actorish | visit_or_force)
        .filter(((pl.col("target") != "with") | pl.col("possessive")) & ~pl.col("dual"))
        .join(subj.select("t_id", "s_entity_id"), on="t_id")
        .filter(pl.col("entity_id") != pl.col("s_entity_id"))
        .filter(~pl.col("t_id").is_in(done.implode()))
    )
    obj = _first_by(obj, "t_id", [pl.col("krank"), pl.col("a_start")], "o_", cols)
    object_rows = subj.join(obj, on="t_id").with_columns(rule=pl.lit("object"))
    done = pl.concat([done, object_rows["t_id"]]).unique()

    # --- coordinated pair with the subject: "بوتين وترامب" ---
    a_small = actors.filter(pl.col("free") & (pl.col("klass") != "place"))
    coord = (
        subj.filter(~pl.col("t_id").is_in(done.implode()))
        .join(t.select("t_id", *keys, "start", "end"), on="t_id")
        .join(a_small.select(*keys, *cols, "coord"), on=keys)
        .filter((pl.col("a_start") == pl.col("s_a_end") + 1) & pl.col("coord"))
        .filter(_pair_near_trigger)
    )
    # Keep only the "following" partner with و; a preceding partner means the subject carries و.
    coord_follow = coord.filter(pl.col("a_start") > pl.col("s_a_end")).select(
        "t_id", *[pl.col(f"s_{c}") for c in cols], *[pl.col(c).alias(f"o_{c}") for c in cols]
    )
    coord_prec = (
        subj.filter(~pl.col("t_id").is_in(done.implode()))
        .join(t.select("t_id", *keys, "start", "end"), on="t_id")
        .join(a_small.select(*keys, *cols), on=keys)
        .join(
            actors.select(*keys, s_a_start="a_start", s_coord="coord").unique(),
            on=[*keys, "s_a_start"],
        )
        .filter((pl.col("a_end") + 1 == pl.col("s_a_start")) & pl.col("s_coord"))
        .filter(_pair_near_trigger)
        .select(
            "t_id",
            *[pl.col(c).alias(f"s_{c}") for c in cols],
            *[pl.col(f"s_{c}").alias(f"o_{c}") for c in cols],
        )
    )
    coord_rows = (
        pl.concat([coord_follow, coord_prec])
        .unique(subset=["t_id"], keep="first", maintain_order=True)
        .with_columns(rule=pl.lit("coordinated"))
    )
    done = pl.concat([done, coord_rows["t_id"]]).unique()

    # --- clause pair: "أطلع X Y في اتصال هاتفي" / "اجتماعهما" = the two free actors before ---
    two = (
        p.filter(
            pl.col("free")
            & actorish
            & pl.col("before")
            & (pl.col("a_start") >= pl.col("region_start"))
            & ((pl.col("adverbial") & ~pl.col("possessive")) | pl.col("dual"))
        )
        .filter(~pl.col("t_id").is_in(done.implode()))
        .sort("t_id", "krank", pl.col("a_end"), descending=[False, False, True])
        .with_columns(n=pl.int_range(pl.len()).over("t_id"))
        .filter(pl.col("n") < 2)
    )
    clause_rows = (
        two.filter(pl.col("n") == 1)
        .select("t_id", *[pl.col(c).alias(f"s_{c}") for c in cols])
        .join(
            two.filter(pl.col("n") == 0).select("t_id", *[pl.col(c).alias(f"o_{c}") for c in cols]), on="t_id"
        )
        .with_columns(rule=pl.lit("clause_pair"))
    )

    rows = pl.concat(
        [between_pairs, partner_rows, object_rows, coord_rows, clause_rows], how="diagonal_relaxed"
    )
    # Received calls: the caller (after من) is actor1, the grammatical subject actor2.
    callers = _first_by(
        p.filter(
            pl.col("from_flag") & pl.col("after") & (pl.col("a_start") <= pl.col("region_end")) & actorish
        ),
        "t_id",
        [pl.col("a_start")],
        "c_",
        cols,
    )
    passive_ids = t.filter(pl.col("passive")).select("t_id")
    passive_rows = (
        subj.join(passive_ids, on="t_id")
        .join(callers, on="t_id")
        .select(
            "t_id",
            *[pl.col(f"c_{c}").alias(f"s_{c}") for c in cols],
            *[pl.col(f"s_{c}").alias(f"o_{c}") for c in cols],
        )
        .with_columns(rule=pl.lit("passive"))
    )
    rows = pl.concat([rows.join(passive_ids, on="t_id", how="anti"), passive_rows], how="diagonal_relaxed")
    rows = _places_to_states(rows, kb).filter(
        pl.col("s_entity_id").is_not_null()
        & pl.col("o_entity_id").is_not_null()
        & (pl.col("s_entity_id") != pl.col("o_entity_id"))
    )
    return rows.join(triggers, on="t_id")


# "بوتين وترامب في اتصالهما" / "بحث بوتين وترامب": the pair touches the trigger's clause.
_pair_near_trigger = (
    pl.max_horizontal(
        pl.col("start") - pl.max_horizontal("a_end", "s_a_end"),
        pl.min_horizontal("a_start", "s_a_start") - pl.col("end"),
    )
    <= _COORD_PAIR_GAP
)


def _places_to_states(rows: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """A visited or attacked city stands for its country (زار موسكو = visit to Russia); the city
    becomes the location."""
    places = kb.places.select(place_id=pl.col("entity_id"), iso3=pl.col("country_iso3")).filter(
        pl.col("iso3").is_not_null()
    )
    rows = rows.join(places, left_on="o_entity_id", right_on="place_id", how="left")
    is_place = pl.col("o_klass") == "place"
    return rows.with_columns(
        place_location=pl.when(is_place).then(pl.col("o_entity_id")),
        o_entity_id=pl.when(is_place)
        .then(pl.lit("country:") + pl.col("iso3"))
        .otherwise(pl.col("o_entity_id")),
        o_actor_code=pl.when(is_place).then(pl.col("iso3")).otherwise(pl.col("o_actor_code")),
        o_klass=pl.when(is_place).then(pl.lit("state")).otherwise(pl.col("o_klass")),
    ).drop("iso3")


def _precedence(dyads: pl.DataFrame) -> pl.DataFrame:
    """One candidate per sentence, unordered dyad and CAMEO root code: the most specific trigger
    wins (a call beats بحث مع); status markers and the best date expression pool over the group."""
    lo = pl.min_horizontal("s_entity_id", "o_entity_id")
    hi = pl.max_horizontal("s_entity_id", "o_entity_id")
    d = dyads.with_columns(
        dyad_lo=lo,
        dyad_hi=hi,
        root=pl.col("event_code").str.slice(0, 2),
        rule_rank=pl.col("rule").replace_strict(list(_ROLE_CONFIDENCE), list(range(len(_ROLE_CONFIDENCE)))),
    )
    group = ["article_id", "sentence_index", "dyad_lo", "dyad_hi", "root"]
    pooled = d.group_by(group).agg(
        g_planned=(pl.col("mk_planned") | pl.col("future")).any(),
        g_historical=pl.col("mk_historical").any(),
    )
    best_date = (
        d.filter(pl.col("d_kind").is_not_null())
        .sort("d_rank", "d_dist")
        .unique(subset=group, keep="first", maintain_order=True)
        .select(*group, *[pl.col(c).alias(f"g_{c}") for c in _DATE_COLS])
    )
    best = (
        d.sort(["priority", "rule_rank", "start"], descending=[True, False, False])
        .unique(subset=group, keep="first", maintain_order=True)
        .drop(_DATE_COLS)
        .join(pooled, on=group)
        .join(best_date, on=group, how="left")
        .rename({f"g_{c}": c for c in _DATE_COLS})
    )
    return best


_DATE_COLS = ["d_kind", "d_rank", "d_dist", "d_date", "d_precision", "d_offset", "d_weekday"]


def _date_expressions(
    articles: pl.DataFrame, kept: pl.DataFrame, tokens: pl.DataFrame, matches: pl.DataFrame
) -> pl.DataFrame:
    """Date expressions per sentence: explicit (find_dates), relative days, weekdays."""
    keys = ["article_id", "sentence_index"]
    found = (
        find_dates(kept.select(*keys, "sentence"), "sentence", keys)
        .join(kept.select(*keys, "s_start"), on=keys)
        .with_columns(pl.col("char_start") + pl.col("s_start"), pl.col("char_end") + pl.col("s_start"))
        .drop("s_start", "sentence_index")
    )
    tok = tokens.select("article_id", "token_index", "sentence_index", t_char_start="char_start").sort(
        "article_id", "t_char_start"
    )
    explicit = pl.DataFrame()
    if found.height:
        # Day and month without a year (الـ22 من نوفمبر الجاري): the publication year; an earlier
        # year named in the article is not used, it often belongs to a recalled event.
        no_year = pl.col("precision") == "day_no_year"
        ymd = pl.format("{}-{}-{}", pl.col("pub_year"), pl.col("month"), pl.col("day")).str.to_date(
            "%Y-%m-%d", strict=False
        )
        found = (
            found.join(
                articles.select("article_id", pub_year=pl.col("published_date").dt.year()), on="article_id"
            )
            .with_columns(
                date=pl.when(no_year).then(ymd).otherwise(pl.col("date")),
                precision=pl.when(no_year).then(pl.lit("day")).otherwise(pl.col("precision")),
            )
            .filter(pl.col("date").is_not_null())
        )
        explicit = (
            found.with_columns(end_key=pl.col("char_end") - 1)
            .sort("article_id", "char_start")
            .join_asof(
                tok, left_on="char_start", right_on="t_char_start", by="article_id", check_sortedness=False
            )
            .rename({"token_index": "d_start"})
            .drop("t_char_start")
            .sort("article_id", "end_key")
            .join_asof(
                tok.drop("sentence_index"),
                left_on="end_key",
                right_on="t_char_start",
                by="article_id",
                check_sortedness=False,
            )
            .rename({"token_index": "d_end"})
            .filter(pl.col("sentence_index").is_not_null())
            .select(
                *keys,
                "d_start",
                "d_end",
                d_kind=pl.lit("explicit"),
                d_rank=pl.lit(0, pl.Int64),
                d_date="date",
                d_precision="precision",
            )
        )
    other = matches.filter(pl.col("group") == "date").select(
        *keys,
        d_start="start",
        d_end="end",
        d_kind="marker",
        d_rank=pl.when(pl.col("marker") == "relative").then(1).otherwise(2).cast(pl.Int64),
        d_offset="day_offset",
        d_weekday="iso_weekday",
    )
    # "أمس الاثنين", "غداً الأربعاء": a weekday right after a relative day names the event's weekday,
    # which survives when the publication date (and so the date) is unknown.
    named = other.filter(pl.col("d_kind") == "weekday").select(
        *keys, _next_start="d_start", _named_weekday="d_weekday"
    )
    other = (
        other.with_columns(_next_start=pl.col("d_end") + 1)
        .join(named, on=[*keys, "_next_start"], how="left")
        .with_columns(
            d_weekday=pl.when(pl.col("d_kind") == "relative")
            .then(pl.col("_named_weekday"))
            .otherwise(pl.col("d_weekday"))
        )
        .drop("_next_start", "_named_weekday")
        .unique(subset=[*keys, "d_start", "d_end", "d_kind"], keep="first", maintain_order=True)
    )
    # "يوم الثلاثاء المقبل": a weekday followed by "next" lies after publication (offset +1 marks it).
    upcoming = tokens.filter(pl.col("norm").is_in(_NEXT_WORDS)).select(
        "article_id", _next_start="token_index"
    )
    other = (
        other.with_columns(_next_start=pl.col("d_end") + 1)
        .join(upcoming.with_columns(_upcoming=pl.lit(True)), on=["article_id", "_next_start"], how="left")
        .with_columns(
            d_offset=pl.when((pl.col("d_kind") == "weekday") & pl.col("_upcoming").fill_null(False))
            .then(pl.lit(1, pl.Int64))
            .otherwise(pl.col("d_offset"))
        )
        .drop("_next_start", "_upcoming")
    )
    out = pl.concat([explicit, other], how="diagonal_relaxed") if explicit.height else other
    for c, tp in {
        "d_date": pl.Date,
        "d_precision": pl.String,
        "d_offset": pl.Int64,
        "d_weekday": pl.Int64,
    }.items():
        if c not in out.columns:
            out = out.with_columns(pl.lit(None, dtype=tp).alias(c))
    return out.with_row_index("d_id")


# Complementizers (normalized): in "أعلن الكرملين اليوم الثلاثاء أن بوتين التقى ..." a date before
# أن dates the reporting verb, not the event reported after it.
_COMPLEMENTIZERS = ["ان", "بان", "انه", "انها", "بانه", "بانها", "وان"]
# "Next" after a weekday (normalized): المقبل، القادم and their feminine forms.
_NEXT_WORDS = ["المقبل", "المقبله", "القادم", "القادمه"]
# Relative pronouns (normalized) that open a clause with its own verb.
_CLAUSE_BOUNDARIES = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"]


def _nearest_word(
    frame: pl.DataFrame, tokens: pl.DataFrame, words: list[str], position: pl.Expr, name: str, strategy: str
) -> pl.DataFrame:
    """Adds column `name`: the token index of the nearest token among `words` at or before
    (`strategy="backward"`) or at or after (`"forward"`) `position`, in the same article."""
    marks = (
        tokens.filter(pl.col("norm").is_in(words))
        .select("article_id", pl.col("token_index").alias(name))
        .sort(name)
    )
    return (
        frame.with_columns(_position=position)
        .sort("article_id", "_position")
        .join_asof(
            marks,
            left_on="_position",
            right_on=name,
            by="article_id",
            strategy=strategy,  # type: ignore[arg-type]
            check_sortedness=False,
        )
        .drop("_position")
    )


def _attach_dates(triggers: pl.DataFrame, dates: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    keys = ["article_id", "sentence_index"]
    dist = (
        pl.when(pl.col("d_end") < pl.col("start"))
        .then(pl.col("start") - pl.col("d_end"))
        .when(pl.col("d_start") > pl.col("end"))
        .then(pl.col("d_start") - pl.col("end"))
        .otherwise(0)
    )
    pairs = _nearest_word(
        triggers.select("t_id", *keys, "start", "end").join(dates, on=keys).with_columns(d_dist=dist),
        tokens,
        _COMPLEMENTIZERS,
        pl.col("start") - 1,
        "c_index",
        "backward",
    )
    pairs = pairs.filter(
        ~((pl.col("d_end") < pl.col("start")) & (pl.col("c_index") > pl.col("d_end"))).fill_null(False)
    ).drop("c_index")
    best = (
        pairs.sort("d_rank", "d_dist", "t_id", "d_start", "d_end")
        .unique(subset=["t_id"], keep="first", maintain_order=True)
        .select("t_id", *_DATE_COLS)
    )
    return triggers.join(best, on="t_id", how="left")


def text_publication_weekday(dates: pl.DataFrame) -> pl.DataFrame:
    """Weekday of publication that an undated article states ("اليوم الثلاثاء", "أمس الاثنين").

    A weekday named next to a relative day with offset k gives publication weekday = weekday - k.
    """
    return (
        dates.filter((pl.col("d_kind") == "relative") & pl.col("d_weekday").is_not_null())
        .sort("article_id", "d_start", "d_end")
        .group_by("article_id", maintain_order=True)
        .agg(text_pub_weekday=((pl.col("d_weekday") - 1 - pl.col("d_offset")) % 7 + 1).first())
    )


def _resolve_dates(c: pl.DataFrame) -> pl.DataFrame:
    """event_date, date_precision, status, date_from_publication."""
    pub = pl.col("published_date")
    pub_wd = pub.dt.weekday().cast(pl.Int64)
    future_hint = pl.col("g_planned") | (pl.col("d_offset").fill_null(0) > 0)
    wd = pl.col("d_weekday")
    weekday_date = (
        pl.when(future_hint)
        .then(pub + pl.duration(days=((wd - pub_wd - 1) % 7) + 1))
        .otherwise(pub - pl.duration(days=(pub_wd - wd) % 7))
    )
    ym = lambda e: e.dt.year().cast(pl.Int64) * 12 + e.dt.month().cast(pl.Int64)  # noqa: E731
    c = c.with_columns(
        expr_date=pl.when(pl.col("d_kind") == "explicit")
        .then(pl.col("d_date"))
        .when(pl.col("d_kind") == "relative")
        .then(pub + pl.duration(days=pl.col("d_offset")))
        .when(pl.col("d_kind") == "weekday")
        .then(weekday_date),
    )
    # Status: an explicit/relative date compared with publication is the strongest evidence.
    date_status = (
        pl.when(pl.col("expr_date").is_null() | pub.is_null())
        .then(pl.lit(None, pl.String))
        .when((pl.col("d_precision").fill_null("day") == "day") & (pl.col("expr_date") > pub))
        .then(pl.lit("planned"))
        .when(ym(pl.col("expr_date")) > ym(pub))
        .then(pl.lit("planned"))
        .when(ym(pl.col("expr_date")) < ym(pub))
        .then(pl.lit("historical"))
    )
    marker_status = (
        pl.when(pl.col("g_planned") | (pl.col("d_offset").fill_null(0) > 0))
        .then(pl.lit("planned"))
        .when(pl.col("g_historical"))
        .then(pl.lit("historical"))
        .otherwise(pl.lit("occurred"))
    )
    c = c.with_columns(status=pl.coalesce(date_status, marker_status))
    from_pub = (
        pl.col("expr_date").is_null()
        & pl.col("d_kind").is_null()
        & pub.is_not_null()
        & (pl.col("status") == "occurred")
        & ~pl.col("possessive")
    )
    return c.with_columns(
        event_date=pl.when(from_pub).then(pub).otherwise(pl.col("expr_date")),
        date_precision=pl.when(from_pub)
        .then(pl.lit("day"))
        .when(pl.col("expr_date").is_not_null())
        .then(pl.col("d_precision").fill_null("day"))
        .otherwise(pl.lit("unknown")),
        date_from_publication=from_pub,
    ).with_columns(
        # The weekday the text gives for the event, known even when its date is not: it lets the
        # deduplication attach an undated "yesterday, Monday" to the right dated event.
        event_weekday=pl.when(pl.col("event_date").is_not_null())
        .then(pl.col("event_date").dt.weekday().cast(pl.Int32))
        .when(pl.col("d_kind").is_in(["weekday", "relative"]) & pl.col("d_weekday").is_not_null())
        .then(pl.col("d_weekday").cast(pl.Int32))
        .when(pl.col("d_kind") == "relative")
        .then(((pl.col("text_pub_weekday") - 1 + pl.col("d_offset")) % 7 + 1).cast(pl.Int32))
    )


def _dyad_back(triggers: pl.DataFrame, cands: pl.DataFrame) -> pl.DataFrame:
    """'الجانبان/الطرفان بحثا …' repeats the previous event of the article (same code, actors, date)
    when that event's sentence has a single dyad; otherwise the sentence is skipped."""
    if triggers.height == 0 or cands.height == 0:
        return pl.DataFrame()
    keys = ["article_id", "sentence_index"]
    single = cands.group_by(keys).agg(n=pl.struct("dyad_lo", "dyad_hi").n_unique()).filter(pl.col("n") == 1)
    prev = (
        cands.join(single.select(keys), on=keys)
        .select(
            "article_id",
            p_offset="action_char_offset",
            p_sentence="sentence_index",
            **{
                f"p_{c}": c
                for c in [
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
            },
        )
        .sort("p_offset")
    )
    # Only the latest candidate before the trigger may be referred back to.
    latest = cands.select("article_id", l_offset="action_char_offset").sort("l_offset")
    t = (
        triggers.select(*keys, "t_id", "action_char_offset", "trigger", "start", "end", t_code="event_code")
        .sort("action_char_offset")
        .join_asof(
            latest,
            left_on="action_char_offset",
            right_on="l_offset",
            by="article_id",
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .join_asof(
            prev,
            left_on="action_char_offset",
            right_on="p_offset",
            by="article_id",
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .filter(pl.col("p_offset").is_not_null() & (pl.col("p_offset") == pl.col("l_offset")))
        .filter(pl.col("p_sentence") != pl.col("sentence_index"))
        # "the two sides discussed" refers back to talks, not to a strike reported in between.
        .filter(pl.col("p_event_code").str.slice(0, 2) == pl.col("t_code").str.slice(0, 2))
    )
    return t.select(
        *keys,
        "t_id",
        "action_char_offset",
        "trigger",
        "start",
        "end",
        event_code="p_event_code",
        s_entity_id="p_s_entity_id",
        o_entity_id="p_o_entity_id",
        s_actor_code="p_s_actor_code",
        o_actor_code="p_o_actor_code",
        s_klass="p_s_klass",
        o_klass="p_o_klass",
        status="p_status",
        event_date="p_event_date",
        date_precision="p_date_precision",
        date_from_publication="p_date_from_publication",
        priority="p_priority",
        s_m_conf="p_s_m_conf",
        o_m_conf="p_o_m_conf",
        place_location="p_place_location",
        rule=pl.lit("dyad_back"),
        s_char_start=pl.lit(None, pl.Int64),
        o_char_start=pl.lit(None, pl.Int64),
    )


def _locations(cands: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """The nearest city/region introduced by في/بـ in the sentence (after the trigger first).

    Countries after في are usually the topic ("الوضع في سوريا"), not where the event happened."""
    keys = ["article_id", "sentence_index"]
    places = actors.filter(
        (pl.col("klass") == "place") & ~pl.col("entity_id").str.starts_with("country:")
    ).select(*keys, "entity_id", "located", p_start="a_start")
    c = cands.with_row_index("c_id")
    near = (
        c.select("c_id", *keys, "start", "event_code")
        .join(places, on=keys)
        # "زار في 20 أكتوبر 2015 موسكو": the city a visit verb governs is where it happened.
        .filter(pl.col("located") | ((pl.col("event_code") == "042") & (pl.col("p_start") > pl.col("start"))))
        .with_columns(
            after=pl.col("p_start") > pl.col("start"), dist=(pl.col("p_start") - pl.col("start")).abs()
        )
        .sort("c_id", "after", "dist", descending=[False, True, False])
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


def _finish(c: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    role = pl.col("rule").replace_strict(_ROLE_CONFIDENCE, default=0.7, return_dtype=pl.Float64)
    base = pl.col("priority").replace_strict(_PRIORITY_CONFIDENCE, default=0.6, return_dtype=pl.Float64)
    mention = (
        pl.col("s_m_conf").fill_null(_DEFAULT_MENTION_CONFIDENCE)
        * pl.col("o_m_conf").fill_null(_DEFAULT_MENTION_CONFIDENCE)
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
    out = (
        c.with_columns(confidence=(base * role * mention * state * pubf).clip(0.0, 1.0))
        .join(
            sentences.select("article_id", "sentence_index", "sentence"), on=["article_id", "sentence_index"]
        )
        .select(
            "article_id",
            "sentence_index",
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
        # Every column takes part in the order, so that reruns keep the same row among ties.
        .sort(
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
            descending=[False, False, False, True, *[False] * 9],
            nulls_last=True,
        )
        .unique(
            subset=["article_id", "sentence_index", "event_code", "actor1_entity_id", "actor2_entity_id"],
            keep="first",
            maintain_order=True,
        )
    )
    key = pl.concat_str(
        [
            pl.col(k).cast(pl.String)
            for k in ["article_id", "sentence_index", "event_code", "actor1_entity_id", "actor2_entity_id"]
        ],
        separator="|",
    )
    out = out.with_columns(mention_id=sha256_prefix(out.select(key.alias("k"))["k"]))
    return out.select(list(EVENT_CANDIDATES_SCHEMA)).cast(EVENT_CANDIDATES_SCHEMA)  # type: ignore[arg-type]
